//! The words of the console's plain-language tools (the readability panel, the Markdown
//! preview and the clinic's own jargon terms), in English and Spanish. Sentences with a value
//! in them use `{}` and go through [`super::fill`].

use crate::wire::Language;

pub struct PlainTr {
    pub markdown_hint: &'static str,
    /// Language name.
    pub check_title: &'static str,
    /// Grade.
    pub grade: &'static str,
    /// INFLESZ score.
    pub inflesz: &'static str,
    pub meets_target: &'static str,
    pub over_target: &'static str,
    pub target_grade: &'static str,
    pub target_inflesz: &'static str,
    pub band_very_easy: &'static str,
    pub band_fairly_easy: &'static str,
    pub band_normal: &'static str,
    pub band_somewhat_difficult: &'static str,
    pub band_very_difficult: &'static str,
    /// Words, sentences.
    pub counts: &'static str,
    pub nothing_yet: &'static str,
    pub longest_sentences: &'static str,
    /// Word count.
    pub words_in_sentence: &'static str,
    pub jargon_found: &'static str,
    pub no_jargon: &'static str,
    /// Plain alternative.
    pub say_instead: &'static str,
    pub preview_title: &'static str,
    pub preview_empty: &'static str,
    pub preview_failed: &'static str,
    pub english: &'static str,
    pub spanish: &'static str,

    pub words_title: &'static str,
    pub words_intro: &'static str,
    pub nav_words: &'static str,
    pub no_terms: &'static str,
    pub language: &'static str,
    pub term: &'static str,
    pub plain: &'static str,
    pub add_term: &'static str,
    pub remove: &'static str,
    /// Term.
    pub remove_named: &'static str,
    /// Term.
    pub term_added: &'static str,
    /// Term.
    pub term_removed: &'static str,
    pub duplicate_term: &'static str,
    pub writers_only: &'static str,
    pub check_fields: &'static str,
    pub required: &'static str,
    pub too_long: &'static str,
}

pub static PLAIN_EN: PlainTr = PlainTr {
    markdown_hint: "Markdown: **bold**, - lists, [links](/learn/demo/…)",
    check_title: "Plain-language check ({})",
    grade: "Reading grade {}",
    inflesz: "INFLESZ score {}",
    meets_target: "Meets the target",
    over_target: "Harder than the target",
    target_grade: "target: grade 8 or below",
    target_inflesz: "target: 55 or more, about grade 8",
    band_very_easy: "very easy",
    band_fairly_easy: "fairly easy",
    band_normal: "normal",
    band_somewhat_difficult: "somewhat difficult",
    band_very_difficult: "very difficult",
    counts: "{} words, {} sentences.",
    nothing_yet: "Nothing written yet.",
    longest_sentences: "Longest sentences (shorten these first)",
    words_in_sentence: "{} words",
    jargon_found: "Medical words to replace",
    no_jargon: "No medical jargon found.",
    say_instead: "say “{}”",
    preview_title: "Preview: what patients see ({})",
    preview_empty: "The preview appears here as you write.",
    preview_failed: "The preview could not load. Your text is not affected.",
    english: "English",
    spanish: "Spanish",

    words_title: "Plain-language words",
    words_intro: "Words your clinic wants to avoid in what patients read, with the plain words to use instead. The writing check flags them along with its built-in list of medical jargon.",
    nav_words: "Plain words",
    no_terms: "No words added yet.",
    language: "Language",
    term: "Word or phrase to avoid",
    plain: "Plain words to use instead",
    add_term: "Add word",
    remove: "Remove",
    remove_named: "Remove {}",
    term_added: "Added “{}”.",
    term_removed: "Removed “{}”.",
    duplicate_term: "Your clinic has this word in this language already.",
    writers_only: "Only admins and practitioners can change this list.",
    check_fields: "Please check the fields marked below.",
    required: "Please fill this in.",
    too_long: "This is too long.",
};

pub static PLAIN_ES: PlainTr = PlainTr {
    markdown_hint: "Markdown: **negrita**, - listas, [enlaces](/learn/demo/…)",
    check_title: "Revisión de lenguaje claro ({})",
    grade: "Nivel escolar {}",
    inflesz: "Puntuación INFLESZ {}",
    meets_target: "Cumple el objetivo",
    over_target: "Más difícil que el objetivo",
    target_grade: "objetivo: nivel 8 o menos",
    target_inflesz: "objetivo: 55 o más, cerca del nivel 8",
    band_very_easy: "muy fácil",
    band_fairly_easy: "bastante fácil",
    band_normal: "normal",
    band_somewhat_difficult: "algo difícil",
    band_very_difficult: "muy difícil",
    counts: "{} palabras, {} oraciones.",
    nothing_yet: "Aún no hay texto.",
    longest_sentences: "Oraciones más largas (acórtelas primero)",
    words_in_sentence: "{} palabras",
    jargon_found: "Palabras médicas que conviene cambiar",
    no_jargon: "No se encontró jerga médica.",
    say_instead: "diga «{}»",
    preview_title: "Vista previa: lo que ven los pacientes ({})",
    preview_empty: "La vista previa aparece aquí mientras escribe.",
    preview_failed: "No se pudo cargar la vista previa. Su texto no se ve afectado.",
    english: "inglés",
    spanish: "español",

    words_title: "Palabras de lenguaje claro",
    words_intro: "Palabras que su clínica quiere evitar en lo que leen los pacientes, con las palabras sencillas para usar en su lugar. La revisión de textos las señala junto con su lista de jerga médica.",
    nav_words: "Palabras claras",
    no_terms: "Aún no se añadieron palabras.",
    language: "Idioma",
    term: "Palabra o frase que evitar",
    plain: "Palabras sencillas para usar en su lugar",
    add_term: "Añadir palabra",
    remove: "Quitar",
    remove_named: "Quitar {}",
    term_added: "Se añadió «{}».",
    term_removed: "Se quitó «{}».",
    duplicate_term: "Su clínica ya tiene esta palabra en este idioma.",
    writers_only: "Solo el personal administrador y los profesionales pueden cambiar esta lista.",
    check_fields: "Revise los campos marcados abajo.",
    required: "Complete este campo.",
    too_long: "Es demasiado largo.",
};

pub fn plain_catalog(lang: Language) -> &'static PlainTr {
    match lang {
        Language::En => &PLAIN_EN,
        Language::Es => &PLAIN_ES,
    }
}

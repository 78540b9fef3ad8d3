//! The words of the health library (`/learn/{clinic}`), in English and Spanish. A catalog of
//! its own, so the booking and visit bundles do not carry it. Sentences with a value in them
//! use `{}` and go through [`super::fill`].

use crate::wire::Language;

/// Every string the library pages show. Both catalogs fill every field, so a missing
/// translation does not compile.
pub struct LibraryTr {
    pub title: &'static str,
    /// The clinic's name.
    pub intro: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub categories: &'static str,
    pub all_topics: &'static str,
    pub articles: &'static str,
    /// The search words.
    pub results_for: &'static str,
    pub found_one: &'static str,
    /// A number.
    pub found_many: &'static str,
    /// The search words.
    pub no_results: &'static str,
    pub no_results_hint: &'static str,
    pub show_all: &'static str,
    pub empty: &'static str,
    /// Minutes.
    pub minutes_read: &'static str,
    /// A date.
    pub reviewed: &'static str,
    pub back: &'static str,
    pub missing_title: &'static str,
    pub missing_body: &'static str,
    pub clinic_missing: &'static str,
    /// Clinic name, phone.
    pub questions: &'static str,
    pub general_info: &'static str,
    pub print: &'static str,
    pub months: [&'static str; 12],
    /// Month name, day, year.
    pub date: &'static str,
}

pub static LIBRARY_EN: LibraryTr = LibraryTr {
    title: "Health library",
    intro: "Short articles from {} to help you before and after your visit.",
    search_label: "Search the library",
    search_hint: "For example: back pain, diabetes, surgery",
    search_button: "Search",
    categories: "Topics",
    all_topics: "All topics",
    articles: "Articles",
    results_for: "Results for “{}”",
    found_one: "1 article found",
    found_many: "{} articles found",
    no_results: "No articles match “{}”.",
    no_results_hint: "Try fewer words or the start of a word (for example “diab”), check the spelling, or browse the topics.",
    show_all: "Show all articles",
    empty: "There are no articles here yet.",
    minutes_read: "{} min read",
    reviewed: "Last reviewed {}",
    back: "Back to the health library",
    missing_title: "Article not found",
    missing_body: "This article does not exist or is no longer published.",
    clinic_missing: "We could not find this clinic. Please check the link.",
    questions: "Questions about your health? Call {} at {}.",
    general_info: "This is general information, not advice for your situation. If you are worried, call us. In an emergency, call 911.",
    print: "Print this article",
    months: [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ],
    date: "{} {}, {}",
};

pub static LIBRARY_ES: LibraryTr = LibraryTr {
    title: "Biblioteca de salud",
    intro: "Artículos breves de {} para ayudarle antes y después de su visita.",
    search_label: "Buscar en la biblioteca",
    search_hint: "Por ejemplo: dolor de espalda, diabetes, cirugía",
    search_button: "Buscar",
    categories: "Temas",
    all_topics: "Todos los temas",
    articles: "Artículos",
    results_for: "Resultados para «{}»",
    found_one: "Se encontró 1 artículo",
    found_many: "Se encontraron {} artículos",
    no_results: "Ningún artículo coincide con «{}».",
    no_results_hint: "Pruebe con menos palabras o con el comienzo de una palabra (por ejemplo «diab»), revise la ortografía o explore los temas.",
    show_all: "Ver todos los artículos",
    empty: "Todavía no hay artículos aquí.",
    minutes_read: "{} min de lectura",
    reviewed: "Revisado por última vez el {}",
    back: "Volver a la biblioteca de salud",
    missing_title: "Artículo no encontrado",
    missing_body: "Este artículo no existe o ya no está publicado.",
    clinic_missing: "No encontramos esta clínica. Revise el enlace.",
    questions: "¿Preguntas sobre su salud? Llame a {} al {}.",
    general_info: "Esta es información general, no un consejo para su caso. Si está preocupado, llámenos. En una emergencia, llame al 911.",
    print: "Imprimir este artículo",
    months: [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
        "octubre", "noviembre", "diciembre",
    ],
    date: "{} de {} de {}",
};

pub fn library_catalog(lang: Language) -> &'static LibraryTr {
    match lang {
        Language::En => &LIBRARY_EN,
        Language::Es => &LIBRARY_ES,
    }
}

/// A `YYYY-MM-DD` day as words ("October 15, 2026", "15 de octubre de 2026"); anything else
/// is shown as it came.
pub fn long_date(day: &str, lang: Language) -> String {
    let t = library_catalog(lang);
    let mut parts = day.splitn(3, '-');
    let (Some(year), Some(month), Some(date)) = (parts.next(), parts.next(), parts.next()) else {
        return day.to_string();
    };
    let (Some(month_name), Ok(date)) = (
        month
            .parse::<usize>()
            .ok()
            .and_then(|m| t.months.get(m.wrapping_sub(1))),
        date.parse::<u32>(),
    ) else {
        return day.to_string();
    };
    let date = date.to_string();
    match lang {
        Language::En => super::fill(t.date, &[month_name, &date, year]),
        Language::Es => super::fill(t.date, &[&date, month_name, year]),
    }
}

/// The console's Articles screen (staff only; only the console bundle carries it).
pub struct ArticlesTr {
    pub nav: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub read_only: &'static str,
    pub new_article: &'static str,
    pub none: &'static str,
    pub col_title: &'static str,
    pub col_language: &'static str,
    pub col_category: &'static str,
    pub col_status: &'static str,
    pub published: &'static str,
    pub draft: &'static str,
    pub edit: &'static str,
    pub publish: &'static str,
    pub unpublish: &'static str,
    pub view: &'static str,
    pub new_title: &'static str,
    pub edit_title: &'static str,
    pub f_title: &'static str,
    pub f_summary: &'static str,
    pub f_category: &'static str,
    pub f_category_hint: &'static str,
    pub f_tags: &'static str,
    pub f_tags_hint: &'static str,
    pub f_language: &'static str,
    pub f_slug: &'static str,
    pub f_slug_hint: &'static str,
    pub f_key: &'static str,
    pub f_key_hint: &'static str,
    pub f_body: &'static str,
    pub f_body_hint: &'static str,
    pub f_reviewed: &'static str,
    pub f_published: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub cancel: &'static str,
    pub saved: &'static str,
    pub now_published: &'static str,
    pub now_draft: &'static str,
    pub check_fields: &'static str,
    pub e_required: &'static str,
    pub e_too_long: &'static str,
    pub e_slug: &'static str,
    pub e_taken: &'static str,
    pub e_date: &'static str,
    pub e_future: &'static str,
    pub e_translation: &'static str,
    pub e_invalid: &'static str,
    pub e_failed: &'static str,
}

pub static ARTICLES_EN: ArticlesTr = ArticlesTr {
    nav: "Articles",
    title: "Health library articles",
    intro: "Articles patients read at /learn. Drafts are seen only here.",
    read_only: "You can read the articles; admins and practitioners write them.",
    new_article: "Write an article",
    none: "No articles yet.",
    col_title: "Title",
    col_language: "Language",
    col_category: "Category",
    col_status: "Status",
    published: "Published",
    draft: "Draft",
    edit: "Edit",
    publish: "Publish",
    unpublish: "Back to draft",
    view: "View",
    new_title: "New article",
    edit_title: "Edit article",
    f_title: "Title",
    f_summary: "Summary",
    f_category: "Category",
    f_category_hint: "For example: Back pain, Diabetes, Before surgery.",
    f_tags: "Tags",
    f_tags_hint: "Separated by commas.",
    f_language: "Language",
    f_slug: "Address",
    f_slug_hint: "Lowercase letters, numbers and dashes, e.g. low-back-pain.",
    f_key: "Translation key",
    f_key_hint: "The same key on the English and the Spanish version links them.",
    f_body: "Text (Markdown)",
    f_body_hint: "## for a heading, - for a list, **bold**, [link](/learn/demo/other-article).",
    f_reviewed: "Last reviewed",
    f_published: "Published: patients can read it",
    save: "Save article",
    saving: "Saving…",
    cancel: "Cancel",
    saved: "Article saved.",
    now_published: "Published.",
    now_draft: "Back to draft.",
    check_fields: "Some details need attention.",
    e_required: "Fill this in.",
    e_too_long: "This is too long.",
    e_slug: "Use lowercase letters, numbers and single dashes.",
    e_taken: "Another article already uses this.",
    e_date: "Use a date like 2026-10-15.",
    e_future: "This date is in the future.",
    e_translation: "Another article is already this article's version in that language.",
    e_invalid: "Check this field.",
    e_failed: "That did not work. Please try again.",
};

pub static ARTICLES_ES: ArticlesTr = ArticlesTr {
    nav: "Artículos",
    title: "Artículos de la biblioteca de salud",
    intro: "Artículos que los pacientes leen en /learn. Los borradores solo se ven aquí.",
    read_only: "Puede leer los artículos; los escriben los administradores y los profesionales.",
    new_article: "Escribir un artículo",
    none: "Todavía no hay artículos.",
    col_title: "Título",
    col_language: "Idioma",
    col_category: "Categoría",
    col_status: "Estado",
    published: "Publicado",
    draft: "Borrador",
    edit: "Editar",
    publish: "Publicar",
    unpublish: "Volver a borrador",
    view: "Ver",
    new_title: "Artículo nuevo",
    edit_title: "Editar artículo",
    f_title: "Título",
    f_summary: "Resumen",
    f_category: "Categoría",
    f_category_hint: "Por ejemplo: Dolor de espalda, Diabetes, Antes de la cirugía.",
    f_tags: "Etiquetas",
    f_tags_hint: "Separadas por comas.",
    f_language: "Idioma",
    f_slug: "Dirección",
    f_slug_hint: "Minúsculas, números y guiones, p. ej. dolor-de-espalda.",
    f_key: "Clave de traducción",
    f_key_hint: "La misma clave en la versión en inglés y en español las une.",
    f_body: "Texto (Markdown)",
    f_body_hint:
        "## para un título, - para una lista, **negrita**, [enlace](/learn/demo/otro-articulo).",
    f_reviewed: "Última revisión",
    f_published: "Publicado: los pacientes pueden leerlo",
    save: "Guardar artículo",
    saving: "Guardando…",
    cancel: "Cancelar",
    saved: "Artículo guardado.",
    now_published: "Publicado.",
    now_draft: "De vuelta a borrador.",
    check_fields: "Algunos datos necesitan atención.",
    e_required: "Complete este campo.",
    e_too_long: "Es demasiado largo.",
    e_slug: "Use minúsculas, números y guiones simples.",
    e_taken: "Otro artículo ya lo usa.",
    e_date: "Use una fecha como 2026-10-15.",
    e_future: "Esta fecha es futura.",
    e_translation: "Otro artículo ya es la versión de este en ese idioma.",
    e_invalid: "Revise este campo.",
    e_failed: "No funcionó. Inténtelo de nuevo.",
};

pub fn articles_catalog(lang: Language) -> &'static ArticlesTr {
    match lang {
        Language::En => &ARTICLES_EN,
        Language::Es => &ARTICLES_ES,
    }
}

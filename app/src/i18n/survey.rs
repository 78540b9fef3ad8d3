//! The words of the after-visit survey page (`/a/{token}/survey`, its own bundle), in English
//! and Spanish. The four communication questions follow the CG-CAHPS wording. Sentences with a
//! value use `{}` (see [`super::fill`]).

use crate::wire::Language;

pub struct SurveyTr {
    /// The document title.
    pub page_title: &'static str,
    /// Preferred name.
    pub greeting: &'static str,
    /// Preferred name, for the states without questions.
    pub hello: &'static str,
    /// Service, practitioner, day.
    pub visit_line: &'static str,
    pub intro: &'static str,
    pub required: &'static str,
    pub optional: &'static str,
    pub rating_legend: &'static str,
    pub very_poor: &'static str,
    pub excellent: &'static str,
    pub rating_missing: &'static str,
    pub recommend_legend: &'static str,
    pub not_likely: &'static str,
    pub extremely_likely: &'static str,
    pub explained: &'static str,
    pub listened: &'static str,
    pub respected: &'static str,
    pub enough_time: &'static str,
    pub definitely: &'static str,
    pub somewhat: &'static str,
    pub no: &'static str,
    pub comment_label: &'static str,
    pub comment_hint: &'static str,
    /// Characters typed so far.
    pub comment_count: &'static str,
    pub may_contact: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub thanks_title: &'static str,
    pub thanks: &'static str,
    pub follow_up: &'static str,
    /// The clinic's phone.
    pub call_sooner: &'static str,
    pub not_yet: &'static str,
    /// The day the survey closed.
    pub closed: &'static str,
    pub answered: &'static str,
    pub back_to_visit: &'static str,
}

pub static SURVEY_EN: SurveyTr = SurveyTr {
    page_title: "Your visit survey",
    greeting: "How was your visit, {}?",
    hello: "Hello, {}",
    visit_line: "{} with {} on {}",
    intro: "It takes under a minute. Only the first question is required.",
    required: "(required)",
    optional: "(optional)",
    rating_legend: "Overall, how would you rate your visit?",
    very_poor: "Very poor",
    excellent: "Excellent",
    rating_missing: "Choose a rating from 1 to 5, then send again.",
    recommend_legend: "How likely are you to recommend us to a friend or family member?",
    not_likely: "Not at all likely",
    extremely_likely: "Extremely likely",
    explained: "Did the practitioner explain things in a way that was easy to understand?",
    listened: "Did the practitioner listen carefully to you?",
    respected: "Did the practitioner show respect for what you had to say?",
    enough_time: "Did the practitioner spend enough time with you?",
    definitely: "Yes, definitely",
    somewhat: "Yes, somewhat",
    no: "No",
    comment_label: "Anything else you want to tell us?",
    comment_hint: "Please do not write about an emergency here. In an emergency, call 911.",
    comment_count: "{} of 2000 characters",
    may_contact: "May we contact you about your answers?",
    send: "Send",
    sending: "Sending…",
    thanks_title: "Thank you",
    thanks: "Thank you for telling us about your visit.",
    follow_up:
        "We are sorry it was not better. Someone from the clinic will get in touch with you.",
    call_sooner: "To talk to someone sooner, call {}.",
    not_yet: "You can tell us about your visit once it has taken place.",
    closed: "This survey closed on {}.",
    answered: "Thanks, we already have your answers.",
    back_to_visit: "Back to your visit",
};

pub static SURVEY_ES: SurveyTr = SurveyTr {
    page_title: "Encuesta sobre su visita",
    greeting: "¿Cómo fue su visita, {}?",
    hello: "Hola, {}",
    visit_line: "{} con {} el {}",
    intro: "Tarda menos de un minuto. Solo la primera pregunta es obligatoria.",
    required: "(obligatoria)",
    optional: "(opcional)",
    rating_legend: "En general, ¿cómo calificaría su visita?",
    very_poor: "Muy mala",
    excellent: "Excelente",
    rating_missing: "Elija una calificación del 1 al 5 y vuelva a enviar.",
    recommend_legend: "¿Qué tan probable es que nos recomiende a un amigo o familiar?",
    not_likely: "Nada probable",
    extremely_likely: "Muy probable",
    explained: "¿El profesional le explicó las cosas de una forma fácil de entender?",
    listened: "¿El profesional le escuchó con atención?",
    respected: "¿El profesional mostró respeto por lo que usted tenía que decir?",
    enough_time: "¿El profesional pasó suficiente tiempo con usted?",
    definitely: "Sí, totalmente",
    somewhat: "Sí, en parte",
    no: "No",
    comment_label: "¿Hay algo más que quiera decirnos?",
    comment_hint: "No escriba aquí sobre una emergencia. En una emergencia, llame al 911.",
    comment_count: "{} de 2000 caracteres",
    may_contact: "¿Podemos comunicarnos con usted sobre sus respuestas?",
    send: "Enviar",
    sending: "Enviando…",
    thanks_title: "Gracias",
    thanks: "Gracias por contarnos cómo fue su visita.",
    follow_up: "Lamentamos que no haya sido mejor. Alguien de la clínica se comunicará con usted.",
    call_sooner: "Si quiere hablar con alguien antes, llame al {}.",
    not_yet: "Podrá contarnos cómo fue su visita una vez que haya tenido lugar.",
    closed: "Esta encuesta se cerró el {}.",
    answered: "Gracias, ya tenemos sus respuestas.",
    back_to_visit: "Volver a su cita",
};

pub fn survey_catalog(lang: Language) -> &'static SurveyTr {
    match lang {
        Language::En => &SURVEY_EN,
        Language::Es => &SURVEY_ES,
    }
}

//! The words of the visit page's after-visit part (instructions, "Did this make sense?", the
//! patient's questions, the offline notice), in English and Spanish. A catalog of its own so
//! the booking flow's catalog stays as it is. Sentences with a value use `{}` (see
//! [`super::fill`]).

use crate::wire::Language;

pub struct InstructionsTr {
    pub title: &'static str,
    /// Practitioner, visit day.
    pub from_on: &'static str,
    pub print: &'static str,
    pub read_more: &'static str,
    pub pending: &'static str,
    pub made_sense: &'static str,
    pub yes: &'static str,
    pub not_sure: &'static str,
    pub thanks_yes: &'static str,
    /// The clinic's phone.
    pub thanks_not_sure: &'static str,
    pub answer_failed: &'static str,
    pub ask_title: &'static str,
    pub question_label: &'static str,
    pub question_hint: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub question_required: &'static str,
    pub question_too_long: &'static str,
    pub question_sent: &'static str,
    pub too_many_questions: &'static str,
    pub your_questions: &'static str,
    /// When it was asked.
    pub you_asked: &'static str,
    /// Who replied, when.
    pub replied: &'static str,
    pub awaiting_reply: &'static str,
    pub offline: &'static str,
    pub offline_send: &'static str,
    pub survey_invite: &'static str,
    pub survey_thanks: &'static str,
}

pub static INSTRUCTIONS_EN: InstructionsTr = InstructionsTr {
    title: "Your instructions",
    from_on: "From {} · visit on {}",
    print: "Print",
    read_more: "Read more",
    pending: "Your practitioner will add instructions here after your visit.",
    made_sense: "Did this make sense?",
    yes: "Yes",
    not_sure: "Not sure",
    thanks_yes: "Thank you. We are glad it was clear.",
    thanks_not_sure: "Thank you for telling us. Ask the clinic a question below, or call {}.",
    answer_failed: "Your answer could not be saved. Please try again.",
    ask_title: "Ask the clinic a question",
    question_label: "Your question",
    question_hint: "The clinic answers on this page. In an emergency, call 911.",
    send: "Send question",
    sending: "Sending…",
    question_required: "Write your question first.",
    question_too_long: "Your question is too long: at most 2000 characters.",
    question_sent: "Your question was sent. The clinic's answer will appear on this page.",
    too_many_questions: "The clinic has not answered your earlier questions yet. Please wait for their answer, or call the clinic.",
    your_questions: "Your questions",
    you_asked: "You asked on {}",
    replied: "{} answered on {}",
    awaiting_reply: "Waiting for the clinic's answer.",
    offline: "You are offline — showing the copy saved on this phone.",
    offline_send: "You are offline. Please try again when you are connected.",
    survey_invite: "How was your visit? Tell us in under a minute",
    survey_thanks: "Thanks for your feedback",
};

pub static INSTRUCTIONS_ES: InstructionsTr = InstructionsTr {
    title: "Sus instrucciones",
    from_on: "De {} · visita del {}",
    print: "Imprimir",
    read_more: "Para leer más",
    pending: "Su profesional añadirá aquí las instrucciones después de su visita.",
    made_sense: "¿Se entendió bien?",
    yes: "Sí",
    not_sure: "No estoy seguro",
    thanks_yes: "Gracias. Nos alegra que haya quedado claro.",
    thanks_not_sure:
        "Gracias por decírnoslo. Haga una pregunta a la clínica aquí abajo o llame al {}.",
    answer_failed: "No se pudo guardar su respuesta. Inténtelo de nuevo.",
    ask_title: "Haga una pregunta a la clínica",
    question_label: "Su pregunta",
    question_hint: "La clínica responde en esta página. En una emergencia, llame al 911.",
    send: "Enviar pregunta",
    sending: "Enviando…",
    question_required: "Escriba primero su pregunta.",
    question_too_long: "Su pregunta es demasiado larga: 2000 caracteres como máximo.",
    question_sent: "Se envió su pregunta. La respuesta de la clínica aparecerá en esta página.",
    too_many_questions: "La clínica aún no ha respondido a sus preguntas anteriores. Espere su respuesta o llame a la clínica.",
    your_questions: "Sus preguntas",
    you_asked: "Usted preguntó el {}",
    replied: "{} respondió el {}",
    awaiting_reply: "Esperando la respuesta de la clínica.",
    offline: "No tiene conexión: se muestra la copia guardada en este teléfono.",
    offline_send: "No tiene conexión. Inténtelo de nuevo cuando esté conectado.",
    survey_invite: "¿Cómo fue su visita? Cuéntenos en menos de un minuto",
    survey_thanks: "Gracias por su opinión",
};

pub fn instructions_catalog(lang: Language) -> &'static InstructionsTr {
    match lang {
        Language::En => &INSTRUCTIONS_EN,
        Language::Es => &INSTRUCTIONS_ES,
    }
}

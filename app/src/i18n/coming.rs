//! The words of the one-tap "I'll be there" page (`/a/{token}/coming`, in the survey bundle),
//! in English and Spanish. Sentences with a value use `{}` (see [`super::fill`]).

use crate::wire::Language;

pub struct ComingTr {
    /// The document title.
    pub page_title: &'static str,
    /// The patient's preferred name.
    pub thanks: &'static str,
    /// The clinic's name.
    pub clinic_knows: &'static str,
    pub see_visit: &'static str,
    pub need_change: &'static str,
    pub cancelled: &'static str,
    pub cancelled_body: &'static str,
    pub past: &'static str,
    pub past_body: &'static str,
    /// The heading when the answer could not be sent (the reason follows, with Retry).
    pub not_sent: &'static str,
}

pub static COMING_EN: ComingTr = ComingTr {
    page_title: "I'll be there",
    thanks: "Thank you, {}.",
    clinic_knows: "{} knows you'll be there.",
    see_visit: "See your visit",
    need_change: "Need to change it?",
    cancelled: "This visit was cancelled",
    cancelled_body: "There is nothing to confirm. Your visit page lets you book a new time.",
    past: "This visit has already started",
    past_body: "There is nothing to confirm any more. If you missed it, please call the clinic.",
    not_sent: "We could not tell the clinic yet",
};

pub static COMING_ES: ComingTr = ComingTr {
    page_title: "Asistiré",
    thanks: "Gracias, {}.",
    clinic_knows: "{} sabe que usted vendrá.",
    see_visit: "Ver su cita",
    need_change: "¿Necesita cambiarla?",
    cancelled: "Esta cita fue cancelada",
    cancelled_body: "No hay nada que confirmar. En la página de su cita puede reservar otra hora.",
    past: "Esta cita ya comenzó",
    past_body: "Ya no hay nada que confirmar. Si no pudo asistir, llame a la clínica.",
    not_sent: "Aún no pudimos avisar a la clínica",
};

pub fn coming_catalog(lang: Language) -> &'static ComingTr {
    match lang {
        Language::En => &COMING_EN,
        Language::Es => &COMING_ES,
    }
}

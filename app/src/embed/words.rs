//! The frame's own words (its landmark's name, the confirmation after booking), in English
//! and Spanish.

use crate::wire::Language;

pub struct EmbedTr {
    /// The name of the frame's `<main>`: the clinic's own page has a `<main>` too, and two
    /// landmarks of one kind need names to tell them apart.
    pub region: &'static str,
    /// "You're booked" and the patient's preferred name.
    pub booked_title: &'static str,
    /// Service and practitioner.
    pub with: &'static str,
    pub sent: &'static str,
    pub open_visit: &'static str,
    pub new_tab: &'static str,
    pub book_another: &'static str,
}

const EN: EmbedTr = EmbedTr {
    region: "Book a visit",
    booked_title: "You're booked, {}!",
    with: "{} with {}",
    sent: "Your visit page has everything else: how to prepare, adding it to your calendar, and changing or cancelling. We also sent you its link.",
    open_visit: "Open your visit page",
    new_tab: "(opens in a new tab)",
    book_another: "Book another visit",
};

const ES: EmbedTr = EmbedTr {
    region: "Reservar una cita",
    booked_title: "¡Su cita está reservada, {}!",
    with: "{} con {}",
    sent: "La página de su cita tiene todo lo demás: cómo prepararse, añadirla a su calendario y cambiarla o cancelarla. También le enviamos el enlace.",
    open_visit: "Abrir la página de su cita",
    new_tab: "(se abre en una pestaña nueva)",
    book_another: "Reservar otra cita",
};

pub fn embed_words(lang: Language) -> &'static EmbedTr {
    match lang {
        Language::En => &EN,
        Language::Es => &ES,
    }
}

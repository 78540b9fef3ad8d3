//! The words of a telehealth visit's video link, on the visit page and in the console's day
//! view, in English and Spanish. Its own small catalog so the booking bundle carries none of it.
//! Sentences with a value use `{}` (see [`super::fill`]).

use crate::wire::Language;

pub struct VideoTr {
    pub heading: &'static str,
    pub join: &'static str,
    /// The link has just opened (said by the page's live region).
    pub open_now: &'static str,
    /// Followed by how long until the link opens.
    pub opens_in: &'static str,
    /// Hours and minutes, e.g. "2 h 5 min".
    pub hours_minutes: &'static str,
    pub minutes: &'static str,
    pub tip: &'static str,
    /// The console's link to the visit's room, for the practitioner.
    pub staff_join: &'static str,
    /// Read by screen readers after the link: it opens a new tab.
    pub new_tab: &'static str,
}

const EN: VideoTr = VideoTr {
    heading: "Video visit",
    join: "Join video visit",
    open_now: "Your video visit is open: you can join it now.",
    opens_in: "Your video visit opens in {}.",
    hours_minutes: "{} h {} min",
    minutes: "{} min",
    tip: "Before then, test your camera and microphone, and find a quiet place with good light.",
    staff_join: "Open video room",
    new_tab: "(opens in a new tab)",
};

const ES: VideoTr = VideoTr {
    heading: "Visita por video",
    join: "Entrar a la visita por video",
    open_now: "Su visita por video está abierta: puede entrar ahora.",
    opens_in: "Su visita por video se abre en {}.",
    hours_minutes: "{} h {} min",
    minutes: "{} min",
    tip: "Antes, pruebe su cámara y su micrófono, y busque un lugar tranquilo y con buena luz.",
    staff_join: "Abrir la sala de video",
    new_tab: "(se abre en otra pestaña)",
};

pub fn video_catalog(lang: Language) -> &'static VideoTr {
    match lang {
        Language::En => &EN,
        Language::Es => &ES,
    }
}

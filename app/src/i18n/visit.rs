//! The visit page's own words (`/a/{token}`: its facts, notices and change buttons). Apart from
//! [`super::Tr`] so that bundles without the visit page do not carry them.

use crate::wire::Language;

pub struct VisitTr {
    pub visit_title: &'static str,
    pub booked_note: &'static str,
    pub map_link: &'static str,
    pub add_calendar: &'static str,
    pub reschedule: &'static str,
    pub cancel_visit: &'static str,
    pub cancelled_banner: &'static str,
    pub book_again: &'static str,
    pub late_change: &'static str,
    pub past_visit: &'static str,
    /// Practitioner, minutes, expected time.
    pub running_late: &'static str,
    pub cancel_yes: &'static str,
    pub new_time_title: &'static str,
    pub new_time_confirm: &'static str,
    pub keep_time: &'static str,
    pub moved_to: &'static str,
    pub now_cancelled: &'static str,
}

pub fn visit_catalog(lang: Language) -> &'static VisitTr {
    match lang {
        Language::En => &EN,
        Language::Es => &ES,
    }
}

static EN: VisitTr = VisitTr {
    visit_title: "Your visit, {}",
    booked_note: "Keep this page's link: you can use it to change or cancel your visit.",
    map_link: "Open in map",
    add_calendar: "Add to calendar",
    reschedule: "Reschedule",
    cancel_visit: "Cancel visit",
    cancelled_banner: "This visit is cancelled.",
    book_again: "Book again",
    late_change: "Changes within {} hours need a call:",
    past_visit: "This visit has already taken place.",
    running_late: "{} is running about {} minutes late today. Expected time: {}.",
    cancel_yes: "Yes, cancel visit",
    new_time_title: "Choose a new time",
    new_time_confirm: "Move visit to {}",
    keep_time: "Keep the current time",
    moved_to: "Done. Your visit is now on {}.",
    now_cancelled: "Your visit has been cancelled.",
};

static ES: VisitTr = VisitTr {
    visit_title: "Su cita, {}",
    booked_note: "Guarde el enlace de esta página: con él puede cambiar o cancelar su cita.",
    map_link: "Ver en el mapa",
    add_calendar: "Añadir al calendario",
    reschedule: "Cambiar la hora",
    cancel_visit: "Cancelar la cita",
    cancelled_banner: "Esta cita está cancelada.",
    book_again: "Reservar otra cita",
    late_change: "Para cambios con menos de {} horas de antelación, llame al:",
    past_visit: "Esta cita ya tuvo lugar.",
    running_late: "{} lleva unos {} minutos de retraso hoy. Hora prevista: {}.",
    cancel_yes: "Sí, cancelar la cita",
    new_time_title: "Elija una nueva hora",
    new_time_confirm: "Pasar la cita al {}",
    keep_time: "Mantener la hora actual",
    moved_to: "Listo. Su cita es ahora el {}.",
    now_cancelled: "Su cita ha sido cancelada.",
};

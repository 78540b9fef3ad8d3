//! The words of the waitlist's patient pages (the join form, `/book/{clinic}/waitlist`, and
//! the patient's link, `/waitlist/{token}`; both in the survey bundle), in English and
//! Spanish. Sentences with a value use `{}` (see [`super::fill`]).

use crate::wire::waitlist::PartOfDay;
use crate::wire::Language;

pub struct WaitlistTr {
    pub join_title: &'static str,
    /// The clinic's name.
    pub join_at: &'static str,
    pub join_intro: &'static str,
    pub practitioner: &'static str,
    pub any_practitioner: &'static str,
    pub days_legend: &'static str,
    pub parts_legend: &'static str,
    pub parts_hint: &'static str,
    /// Monday first.
    pub weekdays: [&'static str; 7],
    /// Morning, afternoon, evening, as the checkboxes say them.
    pub parts: [&'static str; 3],
    /// Morning, afternoon, evening, in a list.
    pub parts_short: [&'static str; 3],
    pub consent: &'static str,
    pub join: &'static str,
    pub joining: &'static str,
    pub e_days: &'static str,
    pub e_parts: &'static str,
    pub e_consent: &'static str,
    pub e_service: &'static str,
    pub e_already: &'static str,
    pub joined_title: &'static str,
    pub joined_body: &'static str,
    pub joined_link: &'static str,
    pub open_link: &'static str,
    pub bad_link_title: &'static str,
    pub bad_link_body: &'static str,
    pub back_to_booking: &'static str,

    pub page_title: &'static str,
    /// The patient's preferred name.
    pub waiting_title: &'static str,
    pub waiting_body: &'static str,
    /// The patient's preferred name.
    pub offered_title: &'static str,
    pub offered_body: &'static str,
    /// The clock time the hold ends.
    pub held_until: &'static str,
    pub time_left: &'static str,
    pub take: &'static str,
    pub taking: &'static str,
    pub let_go: &'static str,
    pub let_go_done: &'static str,
    pub offer_gone: &'static str,
    pub booked_title: &'static str,
    pub booked_body: &'static str,
    pub see_visit: &'static str,
    pub left_title: &'static str,
    pub left_body: &'static str,
    pub expired_title: &'static str,
    /// The day it ended.
    pub expired_body: &'static str,
    pub book_or_join: &'static str,
    pub clinic: &'static str,
    pub days: &'static str,
    pub times_of_day: &'static str,
    pub until: &'static str,
    pub leave: &'static str,
    pub leave_confirm: &'static str,
    pub leave_yes: &'static str,
    pub leave_keep: &'static str,
    pub missing_title: &'static str,
    pub missing_body: &'static str,
    pub not_done: &'static str,
}

pub static WAITLIST_EN: WaitlistTr = WaitlistTr {
    join_title: "Join the waitlist",
    join_at: "Waitlist at {}",
    join_intro: "Tell us which days and times suit you. When one opens up, we hold it for you for a short while and send you a link to take it.",
    practitioner: "Practitioner",
    any_practitioner: "Any practitioner",
    days_legend: "Days that suit you",
    parts_legend: "Times of day that suit you",
    parts_hint: "In the clinic's time zone.",
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    parts: ["Morning (before noon)", "Afternoon (noon to 5 PM)", "Evening (from 5 PM)"],
    parts_short: ["Morning", "Afternoon", "Evening"],
    consent: "I agree that the clinic may use these details to contact me about times that open up.",
    join: "Join the waitlist",
    joining: "Joining…",
    e_days: "Choose at least one day.",
    e_parts: "Choose at least one time of day.",
    e_consent: "Please tick the box so we can contact you.",
    e_service: "This service can't take waitlist requests right now. Go back and choose again.",
    e_already: "This email or phone is already on the waitlist for this service. Your waitlist link is in the message we sent you.",
    joined_title: "You're on the list",
    joined_body: "When a time that suits you opens up, we'll write to you. It will be held for you for a short while.",
    joined_link: "Keep your waitlist link: there you can see your place, take an offered time or leave the list.",
    open_link: "Open your waitlist page",
    bad_link_title: "This waitlist link is incomplete",
    bad_link_body: "Start again from the booking page.",
    back_to_booking: "Back to booking",

    page_title: "Your waitlist place",
    waiting_title: "You're on the waitlist, {}",
    waiting_body: "When a time that suits you opens up, we'll write to you and hold it for you for a short while.",
    offered_title: "A time opened up for you, {}",
    offered_body: "It is held for you alone. Take it, or let it go so the next person can have it.",
    held_until: "Held for you until {}.",
    time_left: "Time left:",
    take: "Take this time",
    taking: "Booking…",
    let_go: "Let it go",
    let_go_done: "You let the time go. You're still on the waitlist.",
    offer_gone: "Sorry, this time is no longer held for you. You're still on the waitlist.",
    booked_title: "You booked a time from the waitlist",
    booked_body: "Your visit page has the details, and lets you change or cancel it.",
    see_visit: "See your visit",
    left_title: "You left the waitlist",
    left_body: "You won't get any more offers. You can book or join again at any time.",
    expired_title: "Your place on the waitlist ended",
    expired_body: "It ended on {}. You can book or join again at any time.",
    book_or_join: "Book a visit",
    clinic: "Clinic",
    days: "Days",
    times_of_day: "Times of day",
    until: "On the list until",
    leave: "Leave the waitlist",
    leave_confirm: "Leave the waitlist? You won't get any more offers.",
    leave_yes: "Yes, leave",
    leave_keep: "Stay on the list",
    missing_title: "We can't find this waitlist link",
    missing_body: "Check the link in your message, or join the waitlist again from the booking page.",
    not_done: "That did not go through.",
};

pub static WAITLIST_ES: WaitlistTr = WaitlistTr {
    join_title: "Únase a la lista de espera",
    join_at: "Lista de espera de {}",
    join_intro: "Díganos qué días y horas le convienen. Cuando se libere uno, se lo reservamos por un rato y le enviamos un enlace para tomarlo.",
    practitioner: "Profesional",
    any_practitioner: "Cualquier profesional",
    days_legend: "Días que le convienen",
    parts_legend: "Horas del día que le convienen",
    parts_hint: "En la zona horaria de la clínica.",
    weekdays: ["Lunes", "Martes", "Miércoles", "Jueves", "Viernes", "Sábado", "Domingo"],
    parts: ["Mañana (antes del mediodía)", "Tarde (del mediodía a las 5 PM)", "Noche (desde las 5 PM)"],
    parts_short: ["Mañana", "Tarde", "Noche"],
    consent: "Acepto que la clínica use estos datos para avisarme de los horarios que se liberen.",
    join: "Unirme a la lista de espera",
    joining: "Enviando…",
    e_days: "Elija al menos un día.",
    e_parts: "Elija al menos una hora del día.",
    e_consent: "Marque la casilla para que podamos contactarle.",
    e_service: "Este servicio no acepta la lista de espera en este momento. Vuelva y elija de nuevo.",
    e_already: "Este correo o teléfono ya está en la lista de espera de este servicio. Su enlace está en el mensaje que le enviamos.",
    joined_title: "Está en la lista",
    joined_body: "Cuando se libere un horario que le convenga, le escribiremos. Se lo reservaremos por un rato.",
    joined_link: "Guarde su enlace de la lista de espera: allí puede ver su lugar, tomar un horario ofrecido o salir de la lista.",
    open_link: "Abrir su página de la lista de espera",
    bad_link_title: "Este enlace de la lista de espera está incompleto",
    bad_link_body: "Empiece de nuevo desde la página de citas.",
    back_to_booking: "Volver a las citas",

    page_title: "Su lugar en la lista de espera",
    waiting_title: "Está en la lista de espera, {}",
    waiting_body: "Cuando se libere un horario que le convenga, le escribiremos y se lo reservaremos por un rato.",
    offered_title: "Se liberó un horario para usted, {}",
    offered_body: "Está reservado solo para usted. Tómelo, o déjelo para que otra persona pueda tenerlo.",
    held_until: "Reservado para usted hasta las {}.",
    time_left: "Tiempo restante:",
    take: "Tomar este horario",
    taking: "Reservando…",
    let_go: "Dejarlo",
    let_go_done: "Dejó el horario. Sigue en la lista de espera.",
    offer_gone: "Lo sentimos, este horario ya no está reservado para usted. Sigue en la lista de espera.",
    booked_title: "Reservó un horario de la lista de espera",
    booked_body: "La página de su cita tiene los detalles y le permite cambiarla o cancelarla.",
    see_visit: "Ver su cita",
    left_title: "Salió de la lista de espera",
    left_body: "No recibirá más ofertas. Puede reservar o volver a unirse cuando quiera.",
    expired_title: "Su lugar en la lista de espera terminó",
    expired_body: "Terminó el {}. Puede reservar o volver a unirse cuando quiera.",
    book_or_join: "Reservar una cita",
    clinic: "Clínica",
    days: "Días",
    times_of_day: "Horas del día",
    until: "En la lista hasta",
    leave: "Salir de la lista de espera",
    leave_confirm: "¿Salir de la lista de espera? No recibirá más ofertas.",
    leave_yes: "Sí, salir",
    leave_keep: "Seguir en la lista",
    missing_title: "No encontramos este enlace de la lista de espera",
    missing_body: "Revise el enlace de su mensaje, o únase de nuevo a la lista desde la página de citas.",
    not_done: "No se pudo completar.",
};

pub fn waitlist_catalog(lang: Language) -> &'static WaitlistTr {
    match lang {
        Language::En => &WAITLIST_EN,
        Language::Es => &WAITLIST_ES,
    }
}

/// "Monday, Tuesday" for weekdays (0 = Monday), in the catalog's words and the week's order.
pub fn day_list(days: &[u8], names: &[&'static str; 7]) -> String {
    let mut out = String::new();
    for (day, name) in (0u8..).zip(names) {
        if days.contains(&day) {
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(name);
        }
    }
    out
}

/// "Morning, Evening", in the catalog's words.
pub fn part_list(parts: &[PartOfDay], names: &[&'static str; 3]) -> String {
    let mut out = String::new();
    for (part, name) in PartOfDay::ALL.iter().zip(names) {
        if parts.contains(part) {
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(name);
        }
    }
    out
}

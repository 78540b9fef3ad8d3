//! The words of the clinic screen's "Open times on the web" section (admins): publishing the
//! clinic's free and busy times for appointment finders (SMART Scheduling Links).

use crate::wire::Language;

pub struct PublishingTr {
    pub legend: &'static str,
    pub hint: &'static str,
    pub switch: &'static str,
    /// Followed by the address of the published files.
    pub where_: &'static str,
    pub save: &'static str,
    pub saved_on: &'static str,
    pub saved_off: &'static str,
}

const EN: PublishingTr = PublishingTr {
    legend: "Open times on the web",
    hint: "Appointment finders (such as vaccine and visit finders) can list your free times and link patients straight into booking. Only times are shared: never a patient's name or details.",
    switch: "Publish our free and busy times",
    where_: "Published at",
    save: "Save publishing",
    saved_on: "Saved: your open times are published. Finders see the change within 5 minutes.",
    saved_off: "Saved: your open times are not published. Finders see the change within 5 minutes.",
};

const ES: PublishingTr = PublishingTr {
    legend: "Horarios libres en la web",
    hint: "Los buscadores de citas (como los de vacunas y consultas) pueden mostrar sus horarios libres y llevar a los pacientes directamente a reservar. Solo se comparten horarios: nunca el nombre ni los datos de un paciente.",
    switch: "Publicar nuestros horarios libres y ocupados",
    where_: "Publicado en",
    save: "Guardar publicación",
    saved_on: "Guardado: sus horarios libres están publicados. Los buscadores verán el cambio en 5 minutos.",
    saved_off: "Guardado: sus horarios libres no están publicados. Los buscadores verán el cambio en 5 minutos.",
};

pub fn publishing_catalog(lang: Language) -> &'static PublishingTr {
    match lang {
        Language::En => &EN,
        Language::Es => &ES,
    }
}

//! The words of erasing a patient's personal data (admins, on the patient lookup screen), in
//! English and Spanish. A catalog of its own so the console's main catalog stays untouched.
//! Sentences with a value in them use `{}` and go through [`super::fill`].

use crate::wire::Language;

pub struct EraseTr {
    pub button: &'static str,
    /// The button's accessible name: the action, then the person's name.
    pub button_for: &'static str,
    /// The confirmation question, naming the person and what happens.
    pub confirm: &'static str,
    pub confirm_yes: &'static str,
    pub confirm_no: &'static str,
    pub done: &'static str,
    /// How the timeline names an erasure.
    pub erased: &'static str,
    /// The name shown for an erased record.
    pub nameless: &'static str,
}

pub static ERASE_EN: EraseTr = EraseTr {
    button: "Erase personal data",
    button_for: "Erase personal data of {}",
    confirm: "Erase {}’s personal data? Their name, contact details, insurance and notes are removed from their record and every visit, and their visit links stop working. Visit times stay on the schedule without a name. This cannot be undone.",
    confirm_yes: "Yes, erase",
    confirm_no: "Keep",
    done: "Personal data erased. The visits stay on the schedule without a name.",
    erased: "Personal data erased",
    nameless: "(erased)",
};

pub static ERASE_ES: EraseTr = EraseTr {
    button: "Borrar datos personales",
    button_for: "Borrar los datos personales de {}",
    confirm: "¿Borrar los datos personales de {}? Su nombre, datos de contacto, seguro y notas se eliminan de su ficha y de todas sus visitas, y sus enlaces de visita dejan de funcionar. Las horas de las visitas siguen en la agenda sin nombre. No se puede deshacer.",
    confirm_yes: "Sí, borrar",
    confirm_no: "Conservar",
    done: "Datos personales borrados. Las visitas siguen en la agenda sin nombre.",
    erased: "Datos personales borrados",
    nameless: "(borrado)",
};

pub fn erase_catalog(lang: Language) -> &'static EraseTr {
    match lang {
        Language::En => &ERASE_EN,
        Language::Es => &ERASE_ES,
    }
}

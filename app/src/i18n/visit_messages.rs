//! The words of the day view's "Patient confirmed" badge and each visit's "Messages" list, in
//! English and Spanish. Sentences with a value use `{}` (see [`super::fill`]).

use crate::wire::Language;

pub struct VisitMessagesTr {
    pub patient_confirmed: &'static str,
    pub messages: &'static str,
    pub loading: &'static str,
    pub none: &'static str,
    pub load_failed: &'static str,
    /// When the patient answered.
    pub confirmed_at: &'static str,
    pub confirmation: &'static str,
    pub changed: &'static str,
    pub cancelled: &'static str,
    /// How long before the visit.
    pub reminder: &'static str,
    pub reminder_plain: &'static str,
    pub instructions: &'static str,
    pub survey: &'static str,
    pub email: &'static str,
    pub sms: &'static str,
    /// Time sent.
    pub sent: &'static str,
    pub sending: &'static str,
    /// Time it is due.
    pub queued_at: &'static str,
    pub waiting_mail: &'static str,
    pub waiting_sms: &'static str,
    pub retrying: &'static str,
    pub failed_rejected: &'static str,
    pub failed_invalid: &'static str,
    pub failed_attempts: &'static str,
    pub failed: &'static str,
    pub skipped_cancelled: &'static str,
    pub skipped_moved: &'static str,
    pub skipped_superseded: &'static str,
    pub skipped_too_late: &'static str,
    pub skipped_answered: &'static str,
    pub skipped_not_completed: &'static str,
    pub skipped_erased: &'static str,
    pub skipped: &'static str,
}

static VISIT_MESSAGES_EN: VisitMessagesTr = VisitMessagesTr {
    patient_confirmed: "Patient confirmed",
    messages: "Messages",
    loading: "Loading messages…",
    none: "No messages yet",
    load_failed: "The messages could not be loaded. Close and open again to retry.",
    confirmed_at: "Patient confirmed at {}",
    confirmation: "Confirmation",
    changed: "Change",
    cancelled: "Cancellation",
    reminder: "Reminder ({} before)",
    reminder_plain: "Reminder",
    instructions: "Instructions",
    survey: "Survey invitation",
    email: "E-mail",
    sms: "Text message",
    sent: "Sent {}",
    sending: "Sending now",
    queued_at: "Scheduled for {}",
    waiting_mail: "Waiting: no mail server configured",
    waiting_sms: "Waiting: no SMS provider",
    retrying: "Retrying: mail server unavailable",
    failed_rejected: "Failed: the mail server refused the address",
    failed_invalid: "Failed: invalid address/phone",
    failed_attempts: "Failed: gave up after several tries",
    failed: "Failed",
    skipped_cancelled: "Not needed: visit cancelled",
    skipped_moved: "Not needed: visit moved",
    skipped_superseded: "Not needed: superseded",
    skipped_too_late: "Not needed: too late",
    skipped_answered: "Not needed: already answered",
    skipped_not_completed: "Not needed: not completed",
    skipped_erased: "Not needed: erased",
    skipped: "Not needed",
};

static VISIT_MESSAGES_ES: VisitMessagesTr = VisitMessagesTr {
    patient_confirmed: "Confirmado por el paciente",
    messages: "Mensajes",
    loading: "Cargando mensajes…",
    none: "Aún no hay mensajes",
    load_failed: "No se pudieron cargar los mensajes. Cierre y vuelva a abrir para reintentar.",
    confirmed_at: "Confirmado por el paciente a las {}",
    confirmation: "Confirmación",
    changed: "Cambio",
    cancelled: "Cancelación",
    reminder: "Recordatorio ({} antes)",
    reminder_plain: "Recordatorio",
    instructions: "Indicaciones",
    survey: "Invitación a la encuesta",
    email: "Correo electrónico",
    sms: "Mensaje de texto",
    sent: "Enviado {}",
    sending: "Enviando ahora",
    queued_at: "Programado para {}",
    waiting_mail: "En espera: no hay servidor de correo configurado",
    waiting_sms: "En espera: no hay proveedor de SMS",
    retrying: "Reintentando: servidor de correo no disponible",
    failed_rejected: "Falló: el servidor de correo rechazó la dirección",
    failed_invalid: "Falló: dirección o teléfono no válido",
    failed_attempts: "Falló: se abandonó tras varios intentos",
    failed: "Falló",
    skipped_cancelled: "No necesario: visita cancelada",
    skipped_moved: "No necesario: visita cambiada",
    skipped_superseded: "No necesario: reemplazado",
    skipped_too_late: "No necesario: demasiado tarde",
    skipped_answered: "No necesario: ya respondió",
    skipped_not_completed: "No necesario: visita no completada",
    skipped_erased: "No necesario: datos borrados",
    skipped: "No necesario",
};

pub fn visit_messages_catalog(lang: Language) -> &'static VisitMessagesTr {
    match lang {
        Language::En => &VISIT_MESSAGES_EN,
        Language::Es => &VISIT_MESSAGES_ES,
    }
}

/// A reminder's lead time in words: "48 h", "1 week", "30 min".
pub fn lead_time(minutes: u32, lang: Language) -> String {
    let week = match lang {
        Language::En => ("1 week", "weeks"),
        Language::Es => ("1 semana", "semanas"),
    };
    if minutes == 7 * 24 * 60 {
        week.0.to_string()
    } else if minutes.is_multiple_of(7 * 24 * 60) {
        format!("{} {}", minutes / (7 * 24 * 60), week.1)
    } else if minutes.is_multiple_of(60) {
        format!("{} h", minutes / 60)
    } else {
        format!("{} min", minutes)
    }
}

/// The clinic screen's "Reminders" section.
pub struct RemindersTr {
    pub legend: &'static str,
    pub hint: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub too_many: &'static str,
    pub out_of_range: &'static str,
    pub repeated: &'static str,
}

static REMINDERS_EN: RemindersTr = RemindersTr {
    legend: "Reminders",
    hint: "Patients get a reminder this long before their visit. Choose up to 3, or none.",
    save: "Save reminders",
    saved: "Reminder times saved.",
    too_many: "Choose at most 3 reminder times.",
    out_of_range: "Reminder times must be from 30 minutes to 14 days before the visit.",
    repeated: "Choose each reminder time once.",
};

static REMINDERS_ES: RemindersTr = RemindersTr {
    legend: "Recordatorios",
    hint: "Los pacientes reciben un recordatorio con esta anticipación. Elija hasta 3, o ninguno.",
    save: "Guardar recordatorios",
    saved: "Horarios de recordatorio guardados.",
    too_many: "Elija como máximo 3 horarios de recordatorio.",
    out_of_range: "Los recordatorios deben ser de 30 minutos a 14 días antes de la cita.",
    repeated: "Elija cada horario de recordatorio una sola vez.",
};

pub fn reminders_catalog(lang: Language) -> &'static RemindersTr {
    match lang {
        Language::En => &REMINDERS_EN,
        Language::Es => &REMINDERS_ES,
    }
}

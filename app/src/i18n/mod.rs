//! The words on the screen, in English and Spanish, and the language the person reads in.
//!
//! One flat catalog of `&'static str` per language keeps the bundle small; the few sentences
//! with a value in them use `{}` and go through [`fill`].

pub mod coming;
#[cfg(feature = "ui")]
mod dates;
pub mod embed_console;
mod en;
pub mod erase;
mod es;
#[cfg(feature = "ui")]
pub mod feedback_console;
pub mod flow;
pub mod instructions;
pub mod instructions_console;
pub mod library;
pub mod plain_language;
pub mod publishing;
pub mod setup;
pub mod survey;
pub mod team;
pub mod video;
pub mod visit;
pub mod visit_messages;
pub mod waitlist;
pub mod waitlist_console;

#[cfg(feature = "ui")]
pub use dates::*;

use crate::wire::Language;
#[cfg(feature = "ui")]
use leptos::prelude::*;

/// Every user-visible string. Both catalogs fill every field, so a missing translation does
/// not compile.
pub struct Tr {
    /// The language of this catalog, for the screens' own catalogs ([`Tr::flow`], [`Tr::visit`]).
    pub lang: Language,
    pub skip_link: &'static str,
    pub language: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub back: &'static str,
    pub optional: &'static str,
    pub err_network: &'static str,
    pub err_server: &'static str,
    pub err_clinic_missing: &'static str,
    pub err_slot_taken: &'static str,
    pub err_late_change: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub not_found_home: &'static str,

    pub minutes: &'static str,
    pub cost: &'static str,

    pub tz_note: &'static str,
    pub tz_label: &'static str,
    pub times_one: &'static str,
    pub times_many: &'static str,
    pub no_times: &'static str,
    pub earlier_days: &'static str,
    pub later_days: &'static str,
    pub days_label: &'static str,
    pub empty_window: &'static str,
    pub next_available: &'static str,
    pub nothing_bookable: &'static str,
    pub morning: &'static str,
    pub afternoon: &'static str,
    pub day_full: &'static str,
    pub other_day: &'static str,
    pub with_person: &'static str,
    pub slot_taken_intro: &'static str,

    pub preferred_name: &'static str,
    pub pronouns: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub insurance: &'static str,

    pub e_invalid: &'static str,

    pub service: &'static str,
    pub with: &'static str,
    pub when: &'static str,
    pub where_: &'static str,
    pub prepare: &'static str,
    pub video_visit: &'static str,

    pub booked_title: &'static str,
    pub visit_missing_title: &'static str,
    pub visit_missing_body: &'static str,
    pub cancel_title: &'static str,
    pub cancel_reason: &'static str,
    pub cancel_keep: &'static str,
    pub working: &'static str,
}

impl Tr {
    /// The booking flow's words in this language.
    #[inline(never)]
    pub fn flow(&self) -> &'static flow::FlowTr {
        flow::flow_catalog(self.lang)
    }

    /// The visit page's words in this language.
    #[inline(never)]
    pub fn visit(&self) -> &'static visit::VisitTr {
        visit::visit_catalog(self.lang)
    }
}

pub fn catalog(lang: Language) -> &'static Tr {
    match lang {
        Language::En => &en::EN,
        Language::Es => &es::ES,
    }
}

/// The clinic console's words (staff only). Kept apart from [`Tr`] so the patient bundles
/// do not carry them.
pub struct ConsoleTr {
    pub console_title: &'static str,
    pub sign_in_title: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub wrong_password: &'static str,
    pub too_many: &'static str,
    pub session_ended: &'static str,
    pub signed_in_as: &'static str,
    pub sign_out: &'static str,
    pub role_admin: &'static str,
    pub role_front_desk: &'static str,
    pub role_practitioner: &'static str,
    pub day_nav: &'static str,
    pub previous_day: &'static str,
    pub next_day: &'static str,
    pub today: &'static str,
    pub no_visits: &'static str,
    pub visits_count: &'static str,
    pub new_patient: &'static str,
    pub interpreter: &'static str,
    pub access_needs: &'static str,
    pub status: &'static str,
    pub booked: &'static str,
    pub arrived: &'static str,
    pub completed: &'static str,
    pub no_show: &'static str,
    pub cancelled: &'static str,
    pub cancel_for_patient: &'static str,
    pub cancel_title: &'static str,
    pub cancel_reason: &'static str,
    pub cancel_reason_missing: &'static str,
    pub cancel_confirm: &'static str,
    pub cancel_keep: &'static str,
    pub marked: &'static str,
    pub was_cancelled: &'static str,
    pub idle_warning: &'static str,
    pub stay_signed_in: &'static str,
    pub still_signed_in: &'static str,
    pub not_allowed: &'static str,
    pub console_nav: &'static str,
    pub nav_day: &'static str,
    pub nav_week: &'static str,
    pub nav_book: &'static str,
    pub nav_patients: &'static str,
    pub nav_clinic: &'static str,
    pub nav_services: &'static str,
    pub nav_practitioners: &'static str,
    pub nav_staff: &'static str,
    pub nav_audit: &'static str,
    pub nav_password: &'static str,
    // Front desk: booking by phone, running late, patients, the week.
    pub desk_only: &'static str,
    pub book_title: &'static str,
    pub book_service: &'static str,
    pub book_choose_service: &'static str,
    pub book_practitioner: &'static str,
    pub book_day: &'static str,
    pub book_day_hint: &'static str,
    pub book_times: &'static str,
    pub book_service_first: &'static str,
    pub book_day_range: &'static str,
    pub book_no_times: &'static str,
    pub book_next_free: &'static str,
    pub book_no_later: &'static str,
    pub book_chosen: &'static str,
    pub book_choose_time: &'static str,
    pub book_patient: &'static str,
    pub book_preferred_hint: &'static str,
    pub book_contact_legend: &'static str,
    pub book_contact_hint: &'static str,
    pub book_been_here: &'static str,
    pub book_returning: &'static str,
    pub book_consent: &'static str,
    pub book_submit: &'static str,
    pub book_busy: &'static str,
    pub book_check: &'static str,
    pub book_e_name: &'static str,
    pub book_e_consent: &'static str,
    pub book_taken: &'static str,
    pub book_taken_none: &'static str,
    pub book_done: &'static str,
    pub book_link: &'static str,
    pub book_link_hint: &'static str,
    pub copy_link: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub book_another: &'static str,
    pub late_today: &'static str,
    pub late_status: &'static str,
    pub on_time: &'static str,
    pub late_minutes: &'static str,
    pub late_set: &'static str,
    pub late_done: &'static str,
    pub late_cleared: &'static str,
    pub patients_title: &'static str,
    pub patients_query: &'static str,
    pub patients_query_hint: &'static str,
    pub patients_search: &'static str,
    pub patients_too_short: &'static str,
    pub patients_results: &'static str,
    pub patients_none: &'static str,
    pub patients_found_one: &'static str,
    pub patients_found_many: &'static str,
    pub goes_by: &'static str,
    pub visits_one: &'static str,
    pub patient_visits: &'static str,
    pub no_contact: &'static str,
    pub phone: &'static str,
    pub patient_history: &'static str,
    pub history_empty: &'static str,
    pub patient_missing: &'static str,
    pub patient_missing_body: &'static str,
    pub back_to_search: &'static str,
    pub by_patient_online: &'static str,
    pub rescheduled: &'static str,
    pub entry_by: &'static str,
    pub entry_visit: &'static str,
    pub entry_visit_time: &'static str,
    pub entry_reason: &'static str,
    pub week_title: &'static str,
    pub week_nav: &'static str,
    pub previous_week: &'static str,
    pub this_week: &'static str,
    pub next_week: &'static str,
    pub week_table: &'static str,
    pub week_practitioner: &'static str,
    pub week_booked: &'static str,
    pub week_cancelled: &'static str,
    pub week_no_shows: &'static str,
    pub week_off: &'static str,
    pub week_time_off: &'static str,
    pub week_some_time_off: &'static str,
    pub week_empty: &'static str,
}

pub fn console_catalog(lang: Language) -> &'static ConsoleTr {
    match lang {
        Language::En => &en::CONSOLE_EN,
        Language::Es => &es::CONSOLE_ES,
    }
}

/// Puts `values` into the `{}` places of `template`, in order.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push_str(values.get(i).copied().unwrap_or(""));
        out.push_str(part);
    }
    out
}

/// The locale handed to `Intl`: US formats for both languages, as the clinics are in the US.
pub fn locale(lang: Language) -> &'static str {
    match lang {
        Language::En => "en-US",
        Language::Es => "es-US",
    }
}

#[cfg(feature = "ui")]
const STORAGE_KEY: &str = "carebook.lang";

/// The reading language, shared through context by the `App`.
#[cfg(feature = "ui")]
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Language>,
    /// True once the person picked a language themselves (now or on an earlier visit); only
    /// then does it win over the language an appointment was booked in.
    pub chosen: RwSignal<bool>,
}

#[cfg(feature = "ui")]
impl I18n {
    /// Reads the remembered choice, else the browser's language, else English.
    pub fn from_browser() -> Self {
        let window = window();
        let stored = window
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|tag| Language::from_tag(&tag));
        let lang = stored
            .or_else(|| {
                window
                    .navigator()
                    .language()
                    .and_then(|tag| Language::from_tag(&tag))
            })
            .unwrap_or_default();
        I18n {
            lang: RwSignal::new(lang),
            chosen: RwSignal::new(stored.is_some()),
        }
    }

    /// The catalog of the current language (reactive).
    pub fn t(self) -> &'static Tr {
        catalog(self.lang.get())
    }

    /// The catalog of the current language, without tracking it (for views that are rebuilt
    /// anyway when the language changes, because their data is refetched in it).
    pub fn now(self) -> &'static Tr {
        catalog(self.lang.get_untracked())
    }

    /// The person switched language: remember it.
    pub fn choose(self, lang: Language) {
        self.chosen.set(true);
        self.lang.set(lang);
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
    }
}

#[cfg(feature = "ui")]
pub fn use_i18n() -> I18n {
    expect_context()
}

//! Pieces the set-up screens (clinic, services, practitioners) share: who may use them, the
//! page shown while loading or when loading failed, and forms drawn as markup templates.
//!
//! A form's values live in a [`Form`] kept up to date by its `input` events without redrawing
//! (so typing never loses focus); the markup is drawn again from it only when something the
//! person must see changes (errors, a saved notice, a block added), so nothing typed is lost.
//! Errors are kept by input id as reason codes, translated when drawn (`setup_draw.rs`), and
//! tied to their input with `aria-describedby`/`aria-invalid`.

mod draw;

pub(crate) use draw::{label, Draw};

use crate::api::ApiError;
use crate::components::feedback::{error_text, load_error, skeleton};
use crate::components::markup::html;
use crate::components::{announce, focus_id, set_title};
use crate::i18n::setup::{setup_catalog, SetupTr};
use crate::i18n::{catalog, use_i18n, Tr};
use crate::wire::console::{StaffMe, StaffRole};
use crate::wire::Language;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// The id of every set-up screen's `<h1>`, focused on arrival.
pub(crate) const TITLE_ID: &str = "setup-title";

/// The set-up catalog of the current language (reactive).
pub(crate) fn setup_words() -> &'static SetupTr {
    setup_catalog(use_i18n().lang.get())
}

/// The signed-in admin; anyone else gets the same 403 the server would give, so both end on
/// the one "not allowed" page without asking the server for what it would refuse.
pub(crate) async fn admin(console: super::Console) -> Result<StaffMe, ApiError> {
    let me = super::signed_in(console).await?;
    if me.role == StaffRole::Admin {
        Ok(me)
    } else {
        Err(super::forbidden())
    }
}

/// What a screen shows until its data is there: a skeleton, "not allowed", or what failed
/// with a Retry button (`data-act="retry"`). A 401 keeps the skeleton: the console is on its
/// way back to sign-in.
pub(crate) fn not_ready<T>(
    loaded: Option<&Result<T, ApiError>>,
    s: &'static SetupTr,
    t: &'static Tr,
) -> String {
    match loaded {
        Some(Err(ApiError::Status(403, _))) => {
            set_title(s.not_allowed_title);
            html(
                r#"<h1 id="setup-title" tabindex="-1">{}</h1><p class="notice warn" data-testid="not-allowed">{}</p>"#,
                &[s.not_allowed_title, s.admins_only],
            )
        }
        Some(Err(error)) if !super::is_unauthorized(error) => {
            set_title(t.err_server);
            html(
                r#"<h1 id="setup-title" tabindex="-1">{}</h1>"#,
                &[t.err_server],
            ) + &load_error(t, error)
        }
        _ => skeleton(t, true),
    }
}

/// The sentence for a failed write that is not about one field.
pub(crate) fn problem_text(error: &ApiError, s: &'static SetupTr, t: &'static Tr) -> &'static str {
    match error {
        ApiError::Status(403, _) => s.admins_only,
        ApiError::Status(422, _) => s.check_fields,
        error => error_text(error, t),
    }
}

/// What a form's reason code means, in words.
pub(crate) fn reason_text(code: &str, s: &'static SetupTr) -> &'static str {
    match code {
        "required" | "missing" | "empty" | "blank" => s.e_required,
        "too_long" => s.e_too_long,
        "whole_number" | "not_a_number" => s.e_whole_number,
        "out_of_range" | "range" | "too_small" | "too_large" | "too_big" | "too_short" | "min"
        | "max" => s.e_range,
        "invalid_time_zone" | "unknown_time_zone" | "unknown_zone" | "time_zone" => s.e_time_zone,
        "invalid_phone" | "phone" => s.e_phone,
        "unknown"
        | "unknown_practitioner"
        | "unknown_service"
        | "not_found"
        | "invalid_step"
        | "unsupported_language"
        | "unknown_language"
        | "not_allowed" => s.e_choice,
        "at_least_one" | "none_chosen" | "no_languages" => s.e_choose_one,
        "overlap" | "overlaps" | "overlapping" => s.e_overlap,
        "too_many" => s.e_too_many_blocks,
        "time_off_too_long" => s.e_time_off_too_long,
        "not_https" => s.e_video_https,
        "no_room" | "room_repeated" => s.e_video_room,
        "end_before_start"
        | "before_start"
        | "not_after_start"
        | "ends_before_start"
        | "end_not_after_start"
        | "order"
        | "empty_range" => s.e_end_after_start,
        "invalid_time" | "time" => s.e_time,
        "invalid_datetime" | "invalid_date_time" | "datetime" | "date_time" => s.e_date_time,
        "in_past" | "in_the_past" | "past" | "ended" | "already_ended" => s.e_past,
        "taken" | "duplicate" | "exists" | "already_exists" => s.e_taken,
        _ => s.e_invalid,
    }
}

/// The values of a form's fields by input id (checkboxes: `"on"` or empty; a radio group by
/// its `name`), its errors, and what is shown about the last save.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Form {
    pub values: BTreeMap<String, String>,
    /// Input (or group) id → reason code.
    pub errors: BTreeMap<String, String>,
    /// A failed save not about one field.
    pub problem: Option<ApiError>,
    /// Reason codes the server gave for fields this form has no input for (the week's hours
    /// as a whole), shown with the problem.
    pub unplaced: Vec<String>,
    /// What was just saved, in words.
    pub saved: Option<String>,
    /// A save is on its way (further submits are ignored).
    pub busy: bool,
}

impl Form {
    pub fn get(&self, id: &str) -> &str {
        self.values.get(id).map_or("", String::as_str)
    }

    /// The trimmed text of a field.
    pub fn text(&self, id: &str) -> String {
        self.get(id).trim().to_string()
    }

    /// The trimmed text of an optional field; `None` when left empty.
    pub fn optional(&self, id: &str) -> Option<String> {
        Some(self.text(id)).filter(|text| !text.is_empty())
    }

    pub fn set(&mut self, id: impl Into<String>, value: impl Into<String>) {
        self.values.insert(id.into(), value.into());
    }

    pub fn is_on(&self, id: &str) -> bool {
        self.get(id) == "on"
    }

    pub fn set_on(&mut self, id: impl Into<String>, on: bool) {
        self.set(id, if on { "on" } else { "" });
    }

    /// A whole number typed in a field, or an error on it.
    pub fn number(&mut self, id: &str) -> u32 {
        match self.get(id).trim().parse() {
            Ok(n) => n,
            Err(_) => {
                self.errors.insert(id.into(), "whole_number".into());
                0
            }
        }
    }

    /// Forgets what the last save said, before the next one.
    pub fn start_save(&mut self) {
        self.errors.clear();
        self.problem = None;
        self.unplaced.clear();
        self.saved = None;
    }

    /// Takes in a failed save: each field the server names goes next to its input (found by
    /// `place`, from the server's field path); anything else is a problem for the whole form.
    pub fn failed(&mut self, error: ApiError, place: impl Fn(&str) -> Option<String>) {
        self.start_save();
        self.busy = false;
        let fields = error.body().and_then(|body| body.fields.clone());
        let mut unplaced = fields.is_none();
        for (field, code) in fields.into_iter().flatten() {
            match place(&field) {
                Some(id) => {
                    self.errors.entry(id).or_insert(code);
                }
                None => {
                    unplaced = true;
                    self.unplaced.push(code);
                }
            }
        }
        if unplaced {
            self.problem = Some(error);
        }
    }

    /// Says more precisely what a reason code means on this input.
    pub fn recode(&mut self, id: &str, from: &str, to: &str) {
        if let Some(code) = self.errors.get_mut(id).filter(|code| *code == from) {
            *code = to.to_string();
        }
    }

    /// What to say about the failed save as a whole, if anything.
    pub fn problem_sentence(&self, s: &'static SetupTr, t: &'static Tr) -> Option<String> {
        let problem = self.problem.as_ref()?;
        if self.unplaced.is_empty() {
            return Some(problem_text(problem, s, t).to_string());
        }
        let reasons: Vec<&str> = self
            .unplaced
            .iter()
            .map(|code| reason_text(code, s))
            .collect();
        Some(reasons.join(" "))
    }

    /// Hears an `input` event from a field inside the form's markup.
    pub fn hear(&mut self, ev: &web_sys::Event) {
        let Some(target) = ev.target() else { return };
        let Some(element) = target.dyn_ref::<web_sys::Element>() else {
            return;
        };
        let read = |key: &str| js_sys::Reflect::get(&target, &key.into()).ok();
        let value = read("value")
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let checked = read("checked")
            .and_then(|v| v.as_bool())
            .unwrap_or_default();
        match element.get_attribute("type").as_deref() {
            Some("checkbox") => self.set_on(element.id(), checked),
            Some("radio") => {
                if checked {
                    self.set(element.get_attribute("name").unwrap_or_default(), value);
                }
            }
            _ => self.set(element.id(), value),
        }
    }
}

/// The first part of a server field path (`practitioner_ids[2]` → `practitioner_ids`).
pub(crate) fn base_field(field: &str) -> &str {
    field.split(['[', '.']).next().unwrap_or(field)
}

/// Places a server field on `prefix` + field when it is one of `known`.
pub(crate) fn place_in(prefix: &str, known: &[&str], field: &str) -> Option<String> {
    let base = base_field(field);
    known.contains(&base).then(|| format!("{prefix}{base}"))
}

/// Focuses the first field marked invalid inside the element `within`, once drawn.
pub(crate) fn focus_first_invalid(within: &'static str) {
    request_animation_frame(move || {
        let selector = format!("#{within} [aria-invalid=\"true\"]");
        if let Some(element) = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

/// Tells of a save refused before sending (a number that is not one): focus goes to the
/// first field marked.
pub(crate) fn refused(lang: Language, form_id: &'static str) {
    announce(setup_catalog(lang).check_fields);
    focus_first_invalid(form_id);
}

/// Tells of a failed save taken in by [`Form::failed`]: errors next to fields send focus to
/// the first of them; a problem of the whole form is announced, and focus goes back to the
/// submit button (the form was drawn again).
pub(crate) fn show_failure(form: &Form, lang: Language, form_id: &'static str, submit: &str) {
    if !form.errors.is_empty() {
        refused(lang, form_id);
    } else {
        if let Some(problem) = form.problem_sentence(setup_catalog(lang), catalog(lang)) {
            announce(problem);
        }
        focus_id(submit);
    }
}

thread_local! {
    /// A sentence for the next screen to show (what was just saved before moving there).
    static FLASH: RefCell<Option<String>> = const { RefCell::new(None) };
}

pub(crate) fn set_flash(message: String) {
    FLASH.with(|flash| *flash.borrow_mut() = Some(message));
}

pub(crate) fn take_flash() -> Option<String> {
    FLASH.with(|flash| flash.borrow_mut().take())
}

/// A text in the reading language, or the English one when it is empty.
pub(crate) fn in_lang<'a>(lang: Language, en: &'a str, es: &'a str) -> &'a str {
    if lang == Language::Es && !es.trim().is_empty() {
        es
    } else {
        en
    }
}

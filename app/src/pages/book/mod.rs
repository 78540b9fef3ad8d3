//! `/book/:clinic`: the booking flow. The URL's query holds every choice made so far
//! (`service`, `practitioner`, `date`, `start`, `step`), so reload, sharing and Back work;
//! what the patient typed lives in the [`Draft`] context and never in the URL.

mod day;
mod details;
pub mod draft;
mod practitioner;
mod review;
mod service;
mod time;

pub use draft::Draft;

use crate::api;
use crate::components::day_picker::SlotQuery;
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{html, push, Markup};
use crate::components::{announce, focus_heading, reveal_app, set_title};
use crate::first_step::{step_count, step_header_html};
use crate::i18n::use_i18n;
use crate::wire::{Clinic, Practitioner, Service};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::params::ParamsMap;
use std::sync::Arc;

/// Where the flow lives: `/book/{clinic}`, or `/embed/{clinic}` in the widget's frame.
const FLOW_ROOT: &str = if cfg!(feature = "embed") {
    "/embed/"
} else {
    "/book/"
};

/// Who the patient wants to see.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Who {
    FirstAvailable,
    Practitioner(i64),
}

/// The choices held in the URL.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choices {
    pub service: Option<i64>,
    pub who: Option<Who>,
    pub date: Option<NaiveDate>,
    pub start: Option<DateTime<Utc>>,
    /// `details` or `review` once a time is chosen.
    pub step: Option<&'static str>,
}

impl Choices {
    fn from_query(query: &ParamsMap) -> Self {
        let get = |key: &str| query.get_str(key).filter(|v| !v.is_empty());
        Choices {
            service: get("service").and_then(|v| v.parse().ok()),
            who: get("practitioner").and_then(|v| match v {
                "any" => Some(Who::FirstAvailable),
                id => id.parse().ok().map(Who::Practitioner),
            }),
            date: get("date").and_then(crate::wire::fixed::date),
            start: get("start").and_then(crate::wire::fixed::utc),
            step: match get("step") {
                Some("details") => Some("details"),
                Some("review") => Some("review"),
                _ => None,
            },
        }
    }

    /// The URL of these choices at `slug`.
    pub fn href(&self, slug: &str) -> String {
        let mut url = String::from(FLOW_ROOT);
        url.push_str(slug);
        let mut sep = '?';
        let mut add = |key: &str, value: &str| {
            url.push(sep);
            sep = '&';
            url.push_str(key);
            url.push('=');
            url.push_str(value);
        };
        if let Some(id) = self.service {
            add("service", &id.to_string());
        }
        match self.who {
            Some(Who::FirstAvailable) => add("practitioner", "any"),
            Some(Who::Practitioner(id)) => add("practitioner", &id.to_string()),
            None => {}
        }
        if let Some(date) = self.date {
            add("date", &date.to_string());
        }
        if let Some(start) = self.start {
            add("start", &start.to_rfc3339_opts(SecondsFormat::Secs, true));
        }
        if let Some(step) = self.step {
            add("step", step);
        }
        #[cfg(feature = "embed")]
        crate::embed::host::carry(&mut url);
        url
    }
}

/// Everything a step needs: the clinic and the choices so far.
#[derive(Clone)]
pub struct Flow {
    pub slug: String,
    pub clinic: Arc<Clinic>,
    pub choices: Choices,
}

impl Flow {
    /// The URL of the current choices changed by `change`.
    pub fn href(&self, change: impl FnOnce(&mut Choices)) -> String {
        let mut choices = self.choices.clone();
        change(&mut choices);
        choices.href(&self.slug)
    }

    pub fn practitioner(&self, id: i64) -> Option<&Practitioner> {
        self.clinic.practitioners.iter().find(|p| p.id == id)
    }

    pub fn practitioner_id(&self) -> Option<i64> {
        match self.choices.who {
            Some(Who::Practitioner(id)) => Some(id),
            _ => None,
        }
    }

    pub fn slot_query(&self, service: &Service) -> SlotQuery {
        SlotQuery {
            slug: self.slug.clone(),
            service_id: service.id,
            practitioner_id: self.practitioner_id(),
            zone: self.clinic.time_zone.clone(),
            horizon_days: self.clinic.horizon_days,
            phone: self.clinic.phone.clone(),
        }
    }
}

#[component]
pub fn BookPage() -> impl IntoView {
    let params = use_params_map();
    let i18n = use_i18n();
    let slug = Memo::new(move |_| params.read().get("clinic").unwrap_or_default());
    let clinic = LocalResource::new(move || {
        let slug = slug.get();
        let lang = i18n.lang.get();
        async move { api::clinic(&slug, lang).await.map(Arc::new) }
    });
    // Once the clinic (or why it failed) is drawn, it replaces the step the server sent.
    Effect::new(move |_| {
        if clinic.get().is_some() {
            reveal_app();
        }
    });
    move || match clinic.get() {
        Some(Ok(clinic)) => Either::Left(view! { <Steps clinic slug=slug.get_untracked() /> }),
        other => {
            let t = i18n.now();
            let html = match other {
                Some(Err(error)) => {
                    let title = if error.is_not_found() {
                        t.not_found_title
                    } else {
                        t.err_server
                    };
                    set_title(title);
                    html("<h1>{}</h1>", &[title]) + &load_error(t, &error)
                }
                _ => skeleton(t, true),
            };
            let on_act = Callback::new(move |_| clinic.refetch());
            Either::Right(view! { <Markup html on_act /> })
        }
    }
}

#[component]
fn Steps(clinic: Arc<Clinic>, slug: String) -> impl IntoView {
    let query = use_query_map();
    move || {
        let choices = Choices::from_query(&query.read());
        let flow = Flow {
            slug: slug.clone(),
            clinic: clinic.clone(),
            choices,
        };
        let choices = &flow.choices;
        let Some(service) = choices
            .service
            .and_then(|id| flow.clinic.services.iter().find(|s| s.id == id))
            .cloned()
        else {
            return view! { <service::ServiceStep flow /> }.into_any();
        };
        let who_ok = match choices.who {
            Some(Who::FirstAvailable) => true,
            Some(Who::Practitioner(id)) => flow
                .practitioner(id)
                .is_some_and(|p| p.service_ids.contains(&service.id)),
            None => false,
        };
        if !who_ok {
            return view! { <practitioner::PractitionerStep flow service /> }.into_any();
        }
        let Some(date) = choices.date else {
            return view! { <day::DayStep flow service /> }.into_any();
        };
        match (choices.start, choices.step) {
            (Some(_), Some("details")) => view! { <details::DetailsStep flow /> }.into_any(),
            (Some(start), Some(_)) => {
                view! { <review::ReviewStep flow service start /> }.into_any()
            }
            _ => view! { <time::TimeStep flow service date /> }.into_any(),
        }
    }
}

/// The top of every step: the clinic, a Back link, "Step n of 6" and the step's `<h1>`.
/// Also names the page, tells the live region where the patient is (or `note`, when there
/// is something more pressing to say) and moves focus to the heading.
pub fn step_header(
    flow: &Flow,
    number: u8,
    title: &str,
    back: Option<String>,
    note: Option<&str>,
    focus: bool,
) -> String {
    let t = use_i18n().now();
    set_title(title);
    announce(note.unwrap_or(&step_count(number, t)));
    #[cfg(feature = "embed")]
    crate::embed::host::step_shown(number);
    if focus {
        focus_heading("step-title");
    }
    step_header_html(&flow.clinic.name, number, title, back.as_deref(), t)
}

/// "No time that suits? Join the waitlist": the waitlist's join form for this service and
/// practitioner (none for "first available"). It lives in another bundle, so the link loads
/// it from the server. Not in the widget's frame, which only the booking flow may fill.
pub fn waitlist_link(out: &mut String, flow: &Flow, service: &Service) {
    if cfg!(feature = "embed") {
        return;
    }
    let mut href = String::from("/book/");
    href.push_str(&flow.slug);
    href.push_str("/waitlist?service=");
    href.push_str(&service.id.to_string());
    if let Some(id) = flow.practitioner_id() {
        href.push_str("&practitioner=");
        href.push_str(&id.to_string());
    }
    push(
        out,
        r#"<p class="waitlist-link"><a href="{}" rel="external">{}</a></p>"#,
        &[&href, use_i18n().now().flow().waitlist_link],
    );
}

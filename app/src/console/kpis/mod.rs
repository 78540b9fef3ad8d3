//! `/console/kpis` (admins and practitioners): the clinic's relationship figures for a date
//! range — satisfaction, recommendation, whether patients come, cancel, return and understand —
//! per clinic, practitioner or visit type, with each proportion's counts and 95 % interval, the
//! trends as charts with their numbers in tables, a CSV of the table, and what it all means
//! in plain words. Front desk is told the figures are not for them.

mod chart;
mod figures;
mod filters;
mod trends;

use super::{forbidden, is_forbidden, is_unauthorized, touch, use_console, Console};
use crate::api::feedback_console::{kpis, kpis_csv_href};
use crate::api::{self, ApiError};
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{push, Act, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::feedback_console::{feedback_console_catalog, FeedbackConsoleTr};
use crate::i18n::{catalog, fill, local, use_i18n, DateStyle};
use crate::wire::console::StaffRole;
use crate::wire::kpis::{KpiQuery, KpiReport};
use crate::wire::Language;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Who is looking, and the lists the filters offer.
#[derive(Clone, Debug, PartialEq)]
struct Setting {
    role: StaffRole,
    zone: String,
    /// Admins only: a practitioner sees the clinic's figures and their own.
    practitioners: Option<Vec<(i64, String)>>,
    services: Vec<(i64, String)>,
}

async fn setting(console: Console, lang: Language) -> Result<Setting, ApiError> {
    let me = super::signed_in(console).await?;
    if me.role == StaffRole::FrontDesk {
        return Err(forbidden());
    }
    let (practitioners, services) = if me.role == StaffRole::Admin {
        let practitioners = api::console::practitioners().await?;
        let services = api::console::services().await?;
        (
            Some(
                practitioners
                    .into_iter()
                    .map(|p| (p.id, p.practitioner.display_name))
                    .collect(),
            ),
            services
                .into_iter()
                .map(|s| {
                    let name = match lang {
                        Language::En => s.service.name_en,
                        Language::Es => s.service.name_es,
                    };
                    (s.id, name)
                })
                .collect(),
        )
    } else {
        // The clinic's public page lists its visit types for anyone.
        let clinic = api::clinic(&me.clinic.slug, lang).await?;
        (
            None,
            clinic
                .services
                .into_iter()
                .map(|s| (s.id, s.name))
                .collect(),
        )
    };
    touch();
    Ok(Setting {
        role: me.role,
        zone: me.clinic.time_zone,
        practitioners,
        services,
    })
}

fn title(out: &mut String, w: &'static FeedbackConsoleTr) {
    set_title(w.kpis_title);
    push(
        out,
        r#"<h1 id="kpi-title" tabindex="-1">{}</h1>"#,
        &[w.kpis_title],
    );
}

#[component]
pub fn KpisPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        reload.get();
        let lang = i18n.lang.get();
        async move { setting(console, lang).await }
    });
    let status = Memo::new(move |_| loaded.get());
    Effect::new(move |_| {
        let Some(result) = status.get() else { return };
        if !result.as_ref().is_err_and(|error| console.check(error)) {
            focus_heading("kpi-title");
        }
    });
    let retry = Callback::new(move |_: Act| reload.update(|n| *n += 1));

    move || match status.get() {
        Some(Ok(setting)) => view! { <KpiScreen setting /> }.into_any(),
        other => {
            let markup = Signal::derive(move || {
                let t = i18n.t();
                let w = feedback_console_catalog(i18n.lang.get());
                let mut out = String::new();
                match &other {
                    Some(Err(error)) if is_forbidden(error) => {
                        title(&mut out, w);
                        push(
                            &mut out,
                            r#"<p class="notice warn" data-testid="not-allowed">{}</p>"#,
                            &[w.kpis_only],
                        );
                    }
                    Some(Err(error)) if !is_unauthorized(error) => {
                        title(&mut out, w);
                        out.push_str(&load_error(t, error));
                    }
                    _ => out.push_str(&skeleton(t, true)),
                }
                out
            });
            view! { <div class="console kpis"><Markup html=markup on_act=retry /></div> }.into_any()
        }
    }
}

#[component]
fn KpiScreen(setting: Setting) -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(filters::query_of));
    let reload = RwSignal::new(0u32);
    let report = LocalResource::new(move || {
        let (query, _) = (query.get(), reload.get());
        async move {
            let report = kpis(&query).await;
            if report.is_ok() {
                touch();
            }
            report
        }
    });
    let form_error = RwSignal::new(None::<(&'static str, &'static str)>);
    // Set when the person asked for other figures: once they arrive, say so and go to them.
    let arrived = StoredValue::new(false);
    let setting = StoredValue::new(setting);

    Effect::new(move |_| match report.get() {
        Some(Ok(report)) if arrived.get_value() => {
            arrived.set_value(false);
            let lang = i18n.lang.get_untracked();
            let w = feedback_console_catalog(lang);
            announce(range_line(w, &report, lang));
            focus_id("kpi-results");
        }
        Some(Err(error)) => {
            console.check(&error);
        }
        _ => {}
    });

    let markup = Signal::derive(move || {
        let lang = i18n.lang.get();
        let (w, t) = (feedback_console_catalog(lang), catalog(lang));
        let query = query.get();
        let mut out = String::new();
        title(&mut out, w);
        push(&mut out, r#"<p class="intro">{}</p>"#, &[w.kpis_intro]);
        let result = report.get();
        let shown = match &result {
            Some(Ok(report)) => (Some(report.from), Some(report.to)),
            _ => (None, None),
        };
        setting.with_value(|setting| {
            if setting.role == StaffRole::Practitioner {
                push(&mut out, r#"<p class="muted">{}</p>"#, &[w.kpis_own_only]);
            }
            let choices = filters::Choices {
                practitioners: setting.practitioners.as_deref(),
                services: &setting.services,
            };
            filters::render(&mut out, w, &query, shown, &choices, form_error.get());
        });
        match result {
            Some(Ok(report)) => results(&mut out, w, &query, &report, lang),
            Some(Err(error)) if is_forbidden(&error) => push(
                &mut out,
                r#"<p class="notice warn" role="alert">{}</p>"#,
                &[w.kpis_own_only],
            ),
            Some(Err(ApiError::Status(422, _))) => push(
                &mut out,
                r#"<p class="notice error" role="alert">{}</p>"#,
                &[w.range_invalid],
            ),
            Some(Err(error)) if !is_unauthorized(&error) => {
                out.push_str(&load_error(t, &error));
            }
            _ => out.push_str(&skeleton(t, false)),
        }
        out
    });

    let go = move |next: KpiQuery| {
        form_error.set(None);
        arrived.set_value(true);
        if next == query.get_untracked() {
            reload.update(|n| *n += 1);
        } else {
            navigate(&filters::address_of(&next), Default::default());
        }
    };
    let go_act = go.clone();
    let on_act = Callback::new(move |act: Act| match act.name.as_str() {
        "retry" => reload.update(|n| *n += 1),
        "preset" => {
            if let Ok(days) = act.arg.parse::<i64>() {
                let today = crate::i18n::today_in(&setting.with_value(|s| s.zone.clone()));
                go_act(filters::preset(&query.get_untracked(), today, days));
            }
        }
        _ => {}
    });
    let on_submit = Callback::new(move |_| {
        let w = feedback_console_catalog(i18n.lang.get_untracked());
        match filters::read(w) {
            Ok(next) => go(next),
            Err((field, why)) => {
                form_error.set(Some((field, why)));
                announce(why);
                focus_id(field);
            }
        }
    });

    view! {
        <div class="console kpis">
            <Markup html=markup on_act on_submit />
        </div>
    }
}

fn range_line(w: &'static FeedbackConsoleTr, report: &KpiReport, lang: Language) -> String {
    fill(
        w.range_line,
        &[
            &local(report.from, "12:00", lang, DateStyle::Long),
            &local(report.to, "12:00", lang, DateStyle::Long),
        ],
    )
}

/// The report: its range, the CSV link, the table, what the figures mean, and the trends.
fn results(
    out: &mut String,
    w: &'static FeedbackConsoleTr,
    query: &KpiQuery,
    report: &KpiReport,
    lang: Language,
) {
    let asked = KpiQuery {
        from: Some(report.from),
        to: Some(report.to),
        ..query.clone()
    };
    push(
        out,
        r#"<section class="block kpi-results" aria-labelledby="kpi-results"><h2 id="kpi-results" tabindex="-1" data-testid="kpi-range">{}</h2>"#,
        &[&range_line(w, report, lang)],
    );
    // A download, not a screen: `download` and `rel="external"` keep the router out of it.
    push(
        out,
        r#"<p><a class="button secondary" href="{}" download rel="external" data-testid="kpi-csv">{}</a></p>"#,
        &[&kpis_csv_href(&asked), w.csv],
    );
    let nothing = report.rows.iter().all(|row| row.figures.visits == 0);
    if nothing {
        push(
            out,
            r#"<p class="notice" data-testid="kpi-empty">{}</p>"#,
            &[w.no_visits],
        );
    }
    figures::table(out, w, &report.rows);
    about(out, w, report);
    trends::render(out, w, &report.trend, report.interval, lang);
    out.push_str("</section>");
}

fn about(out: &mut String, w: &'static FeedbackConsoleTr, report: &KpiReport) {
    push(
        out,
        r#"<section class="block kpi-about" aria-labelledby="kpi-about-title"><h2 id="kpi-about-title">{}</h2><ul><li>{}</li><li>{}</li><li>{}</li><li>{}</li><li>{}</li><li>{}</li></ul></section>"#,
        &[
            w.about_title,
            w.about_nps,
            w.about_csat,
            w.about_ci,
            &fill(w.about_too_few, &[&report.min_answers.to_string()]),
            &fill(w.about_late, &[&report.late_cancel_hours.to_string()]),
            w.about_adherence,
        ],
    );
}

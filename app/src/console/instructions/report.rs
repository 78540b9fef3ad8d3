//! "Did the instructions make sense?": how often patients answered "Not sure", per template
//! and per practitioner, over the server's default window (the last 90 days of visits).

use super::words;
use crate::api::instructions_console::understanding;
use crate::components::feedback::load_error;
use crate::components::markup::{html, push, Act, Markup};
use crate::console::use_console;
use crate::i18n::instructions_console::InstructionsConsoleTr;
use crate::i18n::{fill, local, use_i18n, DateStyle};
use crate::wire::instructions::UnderstandingRow;
use leptos::prelude::*;

#[component]
pub fn UnderstandingReport() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let report = LocalResource::new(move || async move {
        crate::console::signed_in(console).await?;
        understanding().await
    });
    let html = Signal::derive(move || {
        let w = words();
        let lang = i18n.lang.get();
        let mut out = html(
            r#"<section class="block report" aria-labelledby="report-title" data-testid="understanding-report"><h2 id="report-title">{}</h2>"#,
            &[w.report_title],
        );
        match report.get() {
            Some(Ok(report)) => {
                push(
                    &mut out,
                    r#"<p class="muted">{}</p>"#,
                    &[&fill(
                        w.report_range,
                        &[
                            &local(report.from, "12:00", lang, DateStyle::Short),
                            &local(report.to, "12:00", lang, DateStyle::Short),
                        ],
                    )],
                );
                table(
                    &mut out,
                    "by-template",
                    w.by_template,
                    w.template_col,
                    &report.by_template,
                    w,
                );
                table(
                    &mut out,
                    "by-practitioner",
                    w.by_practitioner,
                    w.practitioner_col,
                    &report.by_practitioner,
                    w,
                );
            }
            // A 401 is the page's to handle; any other trouble is this section's own.
            Some(Err(error)) if !crate::console::is_unauthorized(&error) => {
                out.push_str(&load_error(i18n.t(), &error));
            }
            _ => {}
        }
        out.push_str("</section>");
        out
    });
    let on_act = Callback::new(move |act: Act| {
        if act.name == "retry" {
            report.refetch();
        }
    });
    view! { <Markup html on_act /> }
}

fn table(
    out: &mut String,
    id: &str,
    caption: &str,
    label: &str,
    rows: &[UnderstandingRow],
    w: &'static InstructionsConsoleTr,
) {
    if rows.is_empty() {
        push(
            out,
            r#"<h3>{}</h3><p class="muted">{}</p>"#,
            &[caption, w.report_empty],
        );
        return;
    }
    push(
        out,
        r#"<div class="table-wrap"><table class="report-table" data-testid="{}"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        &[id, caption, label, w.yes, w.not_sure, w.not_sure_share],
    );
    for row in rows {
        let total = row.yes + row.not_sure;
        let share = if total == 0 {
            String::from("–")
        } else {
            // Rounded to a whole percent: the report is for spotting, not for decimals.
            let percent = (u64::from(row.not_sure) * 100 + u64::from(total) / 2) / u64::from(total);
            percent.to_string() + " %"
        };
        let name = match row.id {
            None if id == "by-template" => w.no_template,
            _ => row.label.as_str(),
        };
        push(
            out,
            r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            &[
                name,
                &row.yes.to_string(),
                &row.not_sure.to_string(),
                &share,
            ],
        );
    }
    out.push_str("</tbody></table></div>");
}

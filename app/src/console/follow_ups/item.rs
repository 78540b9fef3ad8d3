//! One follow-up item as markup: who, whether they may be contacted, which visit, why it is
//! in the queue, what they said (their comment as text), what has been done, and the actions
//! its state allows.

use super::{heading_id, note_field, state_label};
use crate::components::markup::{disabled, escape_into, facts, html, push};
use crate::console::instructions::Field;
use crate::i18n::feedback_console::FeedbackConsoleTr;
use crate::i18n::{fill, instant, Tr};
use crate::wire::feedback::{
    CommunicationAnswer, FollowUpAction, FollowUpEvent, FollowUpItem, FollowUpReason, FollowUpState,
};
use crate::wire::Language;

pub(super) struct Draw<'a> {
    pub item: &'a FollowUpItem,
    /// The note typed so far.
    pub note: &'a str,
    pub error: Option<&'a str>,
    pub busy: bool,
    /// Front desk and admins may open the patient's record; practitioners have no such screen.
    pub show_record: bool,
    pub zone: &'a str,
    pub lang: Language,
}

fn language_name(w: &'static FeedbackConsoleTr, lang: Language) -> &'static str {
    match lang {
        Language::En => w.english,
        Language::Es => w.spanish,
    }
}

fn reason_text(w: &'static FeedbackConsoleTr, reason: FollowUpReason) -> &'static str {
    match reason {
        FollowUpReason::LowRating => w.reason_low_rating,
        FollowUpReason::Detractor => w.reason_detractor,
        FollowUpReason::CommunicationNo => w.reason_communication_no,
    }
}

fn answer_text(w: &'static FeedbackConsoleTr, answer: Option<CommunicationAnswer>) -> String {
    let text = match answer {
        Some(CommunicationAnswer::Definitely) => w.a_definitely,
        Some(CommunicationAnswer::Somewhat) => w.a_somewhat,
        Some(CommunicationAnswer::No) => w.a_no,
        None => w.not_answered,
    };
    // A "No" stands out by weight and words, not by colour alone.
    if answer == Some(CommunicationAnswer::No) {
        html(r#"<strong class="answer-no">{}</strong>"#, &[text])
    } else {
        html("{}", &[text])
    }
}

fn did(w: &'static FeedbackConsoleTr, action: FollowUpAction) -> &'static str {
    match action {
        FollowUpAction::Contacted => w.did_contacted,
        FollowUpAction::Resolved => w.did_resolved,
        FollowUpAction::Reopened => w.did_reopened,
        FollowUpAction::Note => w.did_note,
    }
}

/// What a phone number dials: its digits and a leading `+`.
fn dial(phone: &str) -> String {
    let mut out = String::from("tel:");
    for (i, c) in phone.trim().chars().enumerate() {
        if c.is_ascii_digit() || (c == '+' && i == 0) {
            out.push(c);
        }
    }
    out
}

impl Draw<'_> {
    pub fn render(&self, out: &mut String, w: &'static FeedbackConsoleTr, t: &'static Tr) {
        let item = self.item;
        let id = item.id.to_string();
        let heading = heading_id(item.id);
        push(
            out,
            r#"<li class="panel follow-up" data-testid="follow-up" aria-labelledby="{}"><h2 id="{}" tabindex="-1">{}</h2>"#,
            &[&heading, &heading, &item.patient_name],
        );
        self.contact(out, w);
        self.visit(out, w);
        push(out, r#"<h3>{}</h3><ul class="reasons">"#, &[w.why]);
        for reason in &item.reasons {
            push(out, "<li>{}</li>", &[reason_text(w, *reason)]);
        }
        out.push_str("</ul>");
        self.answers(out, w);
        self.history(out, w);
        self.actions(out, w, t, &id);
        out.push_str("</li>");
    }

    fn contact(&self, out: &mut String, w: &'static FeedbackConsoleTr) {
        let item = self.item;
        if !item.answers.may_contact {
            push(
                out,
                r#"<div class="do-not-contact" data-testid="do-not-contact"><p><strong>{}</strong></p><p>{}</p></div>"#,
                &[w.do_not_contact, w.do_not_contact_detail],
            );
        }
        let mut who = fill(w.goes_by, &[&item.preferred_name]);
        who.push_str(" · ");
        who.push_str(&fill(w.call_in, &[language_name(w, item.language)]));
        push(out, r#"<p class="who">{}</p>"#, &[&who]);
        let mut rows: Vec<(&str, String)> = Vec::new();
        if let Some(phone) = &item.phone {
            rows.push((
                w.phone,
                html(r#"<a href="{}">{}</a>"#, &[&dial(phone), phone]),
            ));
        }
        if let Some(email) = &item.email {
            let mut href = String::from("mailto:");
            href.push_str(email);
            rows.push((w.email, html(r#"<a href="{}">{}</a>"#, &[&href, email])));
        }
        if rows.is_empty() {
            push(out, r#"<p class="muted">{}</p>"#, &[w.no_contact_details]);
        } else {
            out.push_str(&facts(&rows));
        }
        if item.answers.may_contact {
            push(
                out,
                r#"<p class="may-contact" data-testid="may-contact">{}</p>"#,
                &[w.may_contact],
            );
        }
    }

    fn visit(&self, out: &mut String, w: &'static FeedbackConsoleTr) {
        let item = self.item;
        let when = instant(item.visit_start, self.zone, self.lang);
        let mut visit = html(
            "{}",
            &[&fill(
                w.visit_line,
                &[&item.service_name, &item.practitioner_name, &when],
            )],
        );
        if let (true, Some(patient)) = (self.show_record, item.patient_id) {
            push(
                &mut visit,
                r#" · <a href="/console/patients/{}">{}</a>"#,
                &[&patient.to_string(), w.patient_record],
            );
        }
        let state = html(
            r#"<span class="pill fu-{}" data-testid="follow-up-state">{}</span>"#,
            &[item.state.code(), state_label(w, item.state)],
        );
        out.push_str(&facts(&[
            (w.visit, visit),
            (
                w.answered_on,
                html("{}", &[&instant(item.answered_at, self.zone, self.lang)]),
            ),
            (
                w.in_queue_since,
                html("{}", &[&instant(item.opened_at, self.zone, self.lang)]),
            ),
            (w.state, state),
        ]));
    }

    fn answers(&self, out: &mut String, w: &'static FeedbackConsoleTr) {
        let answers = &self.item.answers;
        push(
            out,
            r#"<h3>{}</h3><div data-testid="what-they-said">"#,
            &[w.what_they_said],
        );
        let recommend = match answers.recommend {
            Some(score) => html("{}", &[&fill(w.recommend_value, &[&score.to_string()])]),
            None => html("{}", &[w.not_answered]),
        };
        out.push_str(&facts(&[
            (
                w.rating,
                html(
                    "{}",
                    &[&fill(w.rating_value, &[&answers.rating.to_string()])],
                ),
            ),
            (w.recommend, recommend),
            (w.q_explained, answer_text(w, answers.explained)),
            (w.q_listened, answer_text(w, answers.listened)),
            (w.q_respected, answer_text(w, answers.respected)),
            (w.q_enough_time, answer_text(w, answers.enough_time)),
        ]));
        push(out, "<h4>{}</h4>", &[w.comment]);
        match answers.comment.as_deref().filter(|c| !c.trim().is_empty()) {
            // The patient's words, escaped: shown as text, never as markup.
            Some(comment) => push(
                out,
                r#"<p class="question-text" data-testid="comment">{}</p>"#,
                &[comment],
            ),
            None => push(out, r#"<p class="muted">{}</p>"#, &[w.no_comment]),
        }
        out.push_str("</div>");
    }

    fn history(&self, out: &mut String, w: &'static FeedbackConsoleTr) {
        push(out, "<h3>{}</h3>", &[w.history]);
        if self.item.events.is_empty() {
            push(out, r#"<p class="muted">{}</p>"#, &[w.no_history]);
            return;
        }
        out.push_str(r#"<ol class="history" data-testid="history">"#);
        for event in &self.item.events {
            self.event(out, w, event);
        }
        out.push_str("</ol>");
    }

    fn event(&self, out: &mut String, w: &'static FeedbackConsoleTr, event: &FollowUpEvent) {
        let line = fill(
            w.event_line,
            &[
                &instant(event.at, self.zone, self.lang),
                &event.staff_name,
                did(w, event.action),
            ],
        );
        push(out, r#"<li data-testid="event"><p>{}</p>"#, &[&line]);
        if let Some(note) = event.note.as_deref().filter(|n| !n.trim().is_empty()) {
            push(out, r#"<p class="question-text note">{}</p>"#, &[note]);
        }
        out.push_str("</li>");
    }

    fn actions(&self, out: &mut String, w: &'static FeedbackConsoleTr, t: &'static Tr, id: &str) {
        let field = note_field(self.item.id);
        Field {
            id: &field,
            label: w.note,
            hint: Some(w.note_hint),
            error: self.error,
            value: self.note,
            rows: Some(3),
        }
        .render(out);
        let actions: &[FollowUpAction] = match self.item.state {
            FollowUpState::Open => &[
                FollowUpAction::Contacted,
                FollowUpAction::Resolved,
                FollowUpAction::Note,
            ],
            FollowUpState::Contacted => &[FollowUpAction::Resolved, FollowUpAction::Note],
            FollowUpState::Resolved => &[FollowUpAction::Reopened, FollowUpAction::Note],
        };
        push(
            out,
            r#"<div class="actions" role="group" aria-label="{}">"#,
            &[&{
                let mut label = String::from(w.actions);
                label.push_str(": ");
                label.push_str(&self.item.patient_name);
                label
            }],
        );
        for (i, action) in actions.iter().enumerate() {
            let label = match action {
                FollowUpAction::Contacted => w.mark_contacted,
                FollowUpAction::Resolved => w.resolve,
                FollowUpAction::Reopened => w.reopen,
                FollowUpAction::Note => w.add_note,
            };
            let mut act = String::from("fu ");
            act.push_str(action.code());
            act.push(' ');
            act.push_str(id);
            push(
                out,
                r#"<button type="button" class="{}" data-act="{}" aria-describedby="{}""#,
                &[
                    if i == 0 { "primary" } else { "secondary" },
                    &act,
                    &heading_id(self.item.id),
                ],
            );
            out.push_str(disabled(self.busy));
            out.push('>');
            escape_into(out, if self.busy { t.working } else { label });
            out.push_str("</button>");
        }
        out.push_str("</div>");
    }
}

//! The staff accounts list as markup: one card per person with their facts, and (not on your
//! own card) a role change and Disable/Enable, each with its outcome or error beside it.

use super::super::team_form::Say;
use super::Team;
use crate::api::ApiError;
use crate::components::feedback::error_text;
use crate::components::markup::{escape_into, html, push};
use crate::i18n::team::TeamTr;
use crate::i18n::{fill, ConsoleTr, Tr};
use crate::wire::console::{StaffAccount, StaffRole};
use std::collections::BTreeMap;

/// A row's role and practitioner as picked, not saved yet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Draft {
    pub role: StaffRole,
    pub practitioner_id: Option<i64>,
}

/// A row's control that a message belongs to (and that gets focus with it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Control {
    Role,
    Practitioner,
    Save,
    Toggle,
}

impl Outcome {
    /// What happened, as said on the page and to screen readers.
    pub fn text(self, account: &StaffAccount, c: &'static ConsoleTr, t: &'static TeamTr) -> String {
        let name = account.display_name.as_str();
        match self {
            Outcome::RoleSaved => fill(t.role_saved, &[name, role_word(c, account.role)]),
            Outcome::Disabled => fill(t.now_disabled, &[name]),
            Outcome::Enabled => fill(t.now_enabled, &[name]),
        }
    }
}

impl Control {
    pub fn id(self, account: i64) -> String {
        let kind = match self {
            Control::Role => "role",
            Control::Practitioner => "prac",
            Control::Save => "save",
            Control::Toggle => "toggle",
        };
        format!("{kind}-{account}")
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Outcome {
    RoleSaved,
    Disabled,
    Enabled,
}

/// Why a change did not happen.
#[derive(Clone)]
pub(super) enum Problem {
    Say(Say),
    Failed(ApiError),
}

impl Problem {
    pub fn text(&self, t: &'static TeamTr, tr: &'static Tr) -> &'static str {
        match self {
            Problem::Say(say) => say(t),
            Problem::Failed(error) => error_text(error, tr),
        }
    }
}

/// The last change's result, shown in its row.
#[derive(Clone)]
pub(super) struct RowNote {
    pub id: i64,
    pub outcome: Option<Outcome>,
    pub problem: Option<(Control, Problem)>,
}

pub(super) fn role_word(c: &'static ConsoleTr, role: StaffRole) -> &'static str {
    match role {
        StaffRole::Admin => c.role_admin,
        StaffRole::FrontDesk => c.role_front_desk,
        StaffRole::Practitioner => c.role_practitioner,
    }
}

/// The roles in the order offered: the usual new account first.
pub(super) const ROLES: [StaffRole; 3] = [
    StaffRole::FrontDesk,
    StaffRole::Practitioner,
    StaffRole::Admin,
];

/// Shows or hides a row's practitioner field in place.
pub(super) fn show_practitioner_field(account: i64, show: bool) {
    let id = format!("prac-field-{account}");
    if let Some(field) = leptos::prelude::document().get_element_by_id(&id) {
        let _ = if show {
            field.remove_attribute("hidden")
        } else {
            field.set_attribute("hidden", "")
        };
    }
}

pub(super) fn render(
    team: &Team,
    note: Option<&RowNote>,
    drafts: &BTreeMap<i64, Draft>,
    c: &'static ConsoleTr,
    t: &'static TeamTr,
    tr: &'static Tr,
) -> String {
    let mut out = html(
        r#"<h1 id="team-title" tabindex="-1">{}</h1><p>{}</p>"#,
        &[t.staff_title, t.staff_intro],
    );
    if team.accounts.is_empty() {
        push(&mut out, r#"<p class="notice">{}</p>"#, &[t.no_staff]);
        return out;
    }
    out.push_str(r#"<ul class="staff-list">"#);
    for account in &team.accounts {
        let note = note.filter(|n| n.id == account.id);
        let draft = drafts.get(&account.id).copied().unwrap_or(Draft {
            role: account.role,
            practitioner_id: account.practitioner_id,
        });
        row(&mut out, team, account, note, draft, c, t, tr);
    }
    out.push_str("</ul>");
    out
}

fn practitioner_name(team: &Team, id: i64) -> String {
    team.practitioners
        .iter()
        .find(|(p, _)| *p == id)
        .map_or_else(|| format!("#{id}"), |(_, name)| name.clone())
}

#[allow(clippy::too_many_arguments)]
fn row(
    out: &mut String,
    team: &Team,
    account: &StaffAccount,
    note: Option<&RowNote>,
    draft: Draft,
    c: &'static ConsoleTr,
    t: &'static TeamTr,
    tr: &'static Tr,
) {
    let id = account.id.to_string();
    let (status_class, status) = if account.disabled {
        ("disabled", t.disabled)
    } else {
        ("active", t.active)
    };
    push(
        out,
        r#"<li class="staff-row {}" id="staff-{}" data-testid="staff-row"><h2 class="staff-name">{}"#,
        &[status_class, &id, &account.display_name],
    );
    if account.is_me {
        push(out, r#" <span class="badge you">{}</span>"#, &[t.you]);
    }
    out.push_str("</h2><dl class=\"staff-facts\">");
    let mut fact = |label: &str, value: &str| {
        push(out, "<div><dt>{}</dt><dd>{}</dd></div>", &[label, value]);
    };
    fact(t.email, &account.email);
    fact(t.role, role_word(c, account.role));
    if account.role == StaffRole::Practitioner {
        let linked = account
            .practitioner_id
            .map_or_else(|| t.not_linked.to_string(), |p| practitioner_name(team, p));
        fact(t.practitioner, &linked);
    }
    push(
        out,
        r#"<div><dt>{}</dt><dd><span class="pill {}" data-testid="staff-status">{}</span></dd></div></dl>"#,
        &[t.status, status_class, status],
    );
    if let Some(outcome) = note.and_then(|n| n.outcome) {
        let text = outcome.text(account, c, t);
        push(
            out,
            r#"<p class="notice ok" data-testid="staff-done">{}</p>"#,
            &[&text],
        );
    }
    if account.is_me {
        push(
            out,
            r#"<p class="muted">{}</p></li>"#,
            &[t.own_account_note],
        );
        return;
    }
    let problem = note
        .and_then(|n| n.problem.as_ref())
        .map(|(control, problem)| (*control, problem.text(t, tr)));
    changes(out, team, account, draft, problem, c, t);
    out.push_str("</li>");
}

/// Ties the message to `control` when it is about it: `aria-describedby`, and for a select
/// also `aria-invalid` (not for a button, which has no value to be wrong).
fn invalid_if(
    out: &mut String,
    problem: Option<(Control, &str)>,
    control: Control,
    error_id: &str,
) {
    if problem.is_some_and(|(at, _)| at == control) {
        if matches!(control, Control::Role | Control::Practitioner) {
            out.push_str(r#" aria-invalid="true""#);
        }
        push(out, r#" aria-describedby="{}""#, &[error_id]);
    }
}

fn changes(
    out: &mut String,
    team: &Team,
    account: &StaffAccount,
    draft: Draft,
    problem: Option<(Control, &str)>,
    c: &'static ConsoleTr,
    t: &'static TeamTr,
) {
    let id = account.id.to_string();
    let error_id = format!("row-error-{id}");
    let error_at = |control: Control| problem.filter(|(at, _)| *at == control);
    let field_error = |out: &mut String, control: Control| {
        if let Some((_, text)) = error_at(control) {
            push(
                out,
                r#"<p class="field-error" id="{}">{}</p>"#,
                &[&error_id, text],
            );
        }
    };

    push(
        out,
        r#"<fieldset class="staff-change"><legend>{}</legend><div class="field{}"><label for="role-{}">{}</label>"#,
        &[
            t.change_access,
            if error_at(Control::Role).is_some() {
                " has-error"
            } else {
                ""
            },
            &id,
            t.role,
        ],
    );
    field_error(out, Control::Role);
    push(out, r#"<select id="role-{}""#, &[&id]);
    invalid_if(out, problem, Control::Role, &error_id);
    out.push('>');
    for role in ROLES {
        option(out, role.code(), role_word(c, role), draft.role == role);
    }
    push(
        out,
        r#"</select></div><div class="field{}" id="prac-field-{}"{}><label for="prac-{}">{}</label>"#,
        &[
            if error_at(Control::Practitioner).is_some() {
                " has-error"
            } else {
                ""
            },
            &id,
            if draft.role == StaffRole::Practitioner {
                ""
            } else {
                " hidden"
            },
            &id,
            t.practitioner,
        ],
    );
    field_error(out, Control::Practitioner);
    push(out, r#"<select id="prac-{}""#, &[&id]);
    invalid_if(out, problem, Control::Practitioner, &error_id);
    out.push('>');
    option(
        out,
        "",
        t.choose_practitioner,
        draft.practitioner_id.is_none(),
    );
    for (pid, name) in &team.practitioners {
        option(
            out,
            &pid.to_string(),
            name,
            draft.practitioner_id == Some(*pid),
        );
    }
    out.push_str("</select></div>");

    // Messages about the buttons (own account, last admin, a failed call) go above them.
    if let Some((_, text)) = error_at(Control::Save).or(error_at(Control::Toggle)) {
        push(
            out,
            r#"<p class="notice error" id="{}" data-testid="staff-error">{}</p>"#,
            &[&error_id, text],
        );
    }
    let name = account.display_name.as_str();
    let toggle = if account.disabled {
        t.enable
    } else {
        t.disable
    };
    push(
        out,
        r#"<div class="actions"><button type="button" class="secondary" id="save-{}" data-act="save {}" aria-label="{}""#,
        &[&id, &id, &fill(t.action_for, &[t.save_role, name])],
    );
    invalid_if(out, problem, Control::Save, &error_id);
    push(out, ">{}</button>", &[t.save_role]);
    push(
        out,
        r#"<button type="button" class="secondary{}" id="toggle-{}" data-act="toggle {}" aria-label="{}""#,
        &[
            if account.disabled { "" } else { " danger" },
            &id,
            &id,
            &fill(t.action_for, &[toggle, name]),
        ],
    );
    invalid_if(out, problem, Control::Toggle, &error_id);
    push(out, ">{}</button></div></fieldset>", &[toggle]);
}

fn option(out: &mut String, value: &str, label: &str, selected: bool) {
    out.push_str(r#"<option value=""#);
    escape_into(out, value);
    out.push('"');
    if selected {
        out.push_str(" selected");
    }
    out.push('>');
    escape_into(out, label);
    out.push_str("</option>");
}

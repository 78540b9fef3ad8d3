//! `/console/staff` (admins): the clinic's accounts — role, linked practitioner, whether they
//! can sign in — with changes per person, and adding someone (`team_staff_add.rs`). Others see
//! "not allowed". The list is a markup template; the add form a `view!` (see `team_common.rs`).

// Declared here rather than in `console/mod.rs`, which belongs to the console's shell.
mod add;
mod list;

use super::team_form::{forbidden, is_forbidden, not_allowed, reasons, team_words, Say};
use super::{touch, use_console, words};
use crate::api::{self, ApiError};
use crate::components::feedback::{load_error, skeleton};
use crate::components::markup::{html, input_of, Act, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::team::team_catalog;
use crate::i18n::use_i18n;
use crate::wire::console::{StaffAccount, StaffMe, StaffRole, StaffUpdate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use list::{Control, Draft, Outcome, Problem, RowNote};
use std::collections::BTreeMap;

/// What the screen shows: who is asking, the accounts, and the practitioners (id, name) an
/// account can be linked to.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Team {
    pub me: StaffMe,
    pub accounts: Vec<StaffAccount>,
    pub practitioners: Vec<(i64, String)>,
}

async fn load(console: super::Console) -> Result<Team, ApiError> {
    let me = super::signed_in(console).await?;
    if me.role != StaffRole::Admin {
        return Err(forbidden());
    }
    let accounts = api::console::staff().await?;
    touch();
    // The public clinic page names every practitioner; names read the same in any language.
    let clinic = api::clinic(&me.clinic.slug, crate::wire::Language::En).await?;
    let practitioners = clinic
        .practitioners
        .into_iter()
        .map(|p| (p.id, p.display_name))
        .collect();
    Ok(Team {
        me,
        accounts,
        practitioners,
    })
}

/// What to show and where to put focus once the list has been loaded again after a change.
struct AfterReload {
    note: RowNote,
    focus: String,
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.get();
        async move { load(console).await }
    });
    let note = RwSignal::new(None::<RowNote>);
    let drafts = StoredValue::new(BTreeMap::<i64, Draft>::new());
    let after_reload = StoredValue::new(None::<AfterReload>);
    let arrived = StoredValue::new(false);
    let busy = StoredValue::new(false);

    Effect::new(move |_| {
        let Some(result) = data.get() else { return };
        if result.is_ok() {
            if let Some(after) = after_reload.write_value().take() {
                note.set(Some(after.note));
                focus_id(&after.focus);
                return;
            }
        } else if result.as_ref().is_err_and(|error| console.check(error)) {
            return;
        }
        if !arrived.get_value() {
            arrived.set_value(true);
            focus_heading("team-title");
        }
    });

    let markup = Signal::derive(move || {
        let (c, t, tr) = (words(), team_words(), i18n.t());
        match data.get() {
            Some(Ok(team)) => {
                set_title(t.staff_title);
                let drafts = drafts.get_value();
                note.with(|note| list::render(&team, note.as_ref(), &drafts, c, t, tr))
            }
            Some(Err(error)) if is_forbidden(&error) => not_allowed(t, t.staff_admins_only),
            Some(Err(error)) if !super::is_unauthorized(&error) => {
                set_title(t.staff_title);
                html(
                    r#"<h1 id="team-title" tabindex="-1">{}</h1>"#,
                    &[t.staff_title],
                ) + &load_error(tr, &error)
            }
            _ => skeleton(tr, true),
        }
    });

    let account = move |id: i64| -> Option<StaffAccount> {
        data.with_untracked(|data| {
            let team = data.as_ref()?.as_ref().ok()?;
            team.accounts.iter().find(|a| a.id == id).cloned()
        })
    };

    // A change was refused: say why next to the control it concerns.
    let refuse = move |id: i64, control: Control, problem: Problem| {
        let text = problem.text(team_catalog(i18n.lang.get_untracked()), i18n.now());
        announce(text);
        focus_id(&control.id(id));
        note.set(Some(RowNote {
            id,
            outcome: None,
            problem: Some((control, problem)),
        }));
    };

    let send = move |account: StaffAccount, update: StaffUpdate, control: Control| {
        if busy.get_value() {
            return;
        }
        busy.set_value(true);
        let outcome = if update.disabled != account.disabled {
            if update.disabled {
                Outcome::Disabled
            } else {
                Outcome::Enabled
            }
        } else {
            Outcome::RoleSaved
        };
        spawn_local(async move {
            let result = api::console::update_staff(account.id, &update).await;
            busy.set_value(false);
            match result {
                Ok(saved) => {
                    touch();
                    drafts.update_value(|d| {
                        d.remove(&saved.id);
                    });
                    let lang = i18n.lang.get_untracked();
                    let c = crate::i18n::console_catalog(lang);
                    announce(outcome.text(&saved, c, team_catalog(lang)));
                    after_reload.set_value(Some(AfterReload {
                        note: RowNote {
                            id: saved.id,
                            outcome: Some(outcome),
                            problem: None,
                        },
                        focus: control.id(saved.id),
                    }));
                    reload.update(|n| *n += 1);
                }
                Err(error) => {
                    if let Some((at, problem)) = row_problem(&error, control) {
                        refuse(account.id, at, problem);
                    } else if !console.check(&error) {
                        refuse(account.id, control, Problem::Failed(error));
                    }
                }
            }
        });
    };

    let save = move |id: i64| {
        let Some(account) = account(id) else { return };
        let draft = drafts.with_value(|d| d.get(&id).copied());
        let draft = draft.unwrap_or(Draft {
            role: account.role,
            practitioner_id: account.practitioner_id,
        });
        let practitioner_id = match draft.role {
            StaffRole::Practitioner => match draft.practitioner_id {
                Some(p) => Some(p),
                None => {
                    let say: Say = |t| t.practitioner_required;
                    return refuse(id, Control::Practitioner, Problem::Say(say));
                }
            },
            _ => None,
        };
        let update = StaffUpdate {
            role: draft.role,
            practitioner_id,
            disabled: account.disabled,
        };
        send(account, update, Control::Save);
    };
    let toggle = move |id: i64| {
        let Some(account) = account(id) else { return };
        let update = StaffUpdate {
            role: account.role,
            practitioner_id: account.practitioner_id,
            disabled: !account.disabled,
        };
        send(account, update, Control::Toggle);
    };

    let on_act = Callback::new(move |act: Act| {
        let id = act.arg.parse::<i64>().ok();
        match (act.name.as_str(), id) {
            ("save", Some(id)) => save(id),
            ("toggle", Some(id)) => toggle(id),
            ("retry", _) => reload.update(|n| *n += 1),
            _ => {}
        }
    });
    // A role or practitioner picked in a row: remembered until saved, so a redraw keeps it,
    // and the practitioner field shown only for the practitioner role (without a redraw, which
    // would take focus away from the select).
    let on_input = Callback::new(move |ev: web_sys::Event| {
        let Some((field, value, _)) = input_of(&ev) else {
            return;
        };
        let Some((kind, id)) = field.split_once('-') else {
            return;
        };
        let Some(account) = id.parse().ok().and_then(account) else {
            return;
        };
        drafts.update_value(|d| {
            let draft = d.entry(account.id).or_insert(Draft {
                role: account.role,
                practitioner_id: account.practitioner_id,
            });
            match kind {
                "role" => {
                    if let Some(role) = StaffRole::from_code(&value) {
                        draft.role = role;
                        list::show_practitioner_field(account.id, role == StaffRole::Practitioner);
                    }
                }
                "prac" => draft.practitioner_id = value.parse().ok(),
                _ => {}
            }
        });
    });

    let ready = Memo::new(move |_| matches!(data.get(), Some(Ok(_))));
    let practitioners = Memo::new(move |_| {
        data.with(|data| match data {
            Some(Ok(team)) => team.practitioners.clone(),
            _ => Vec::new(),
        })
    });
    let on_created = Callback::new(move |_| reload.update(|n| *n += 1));

    view! {
        <div class="console team">
            <Markup html=markup on_act on_input />
            <Show when=move || ready.get()>
                <add::AddStaff practitioners=practitioners on_created />
            </Show>
        </div>
    }
}

/// Where and why the server refused a change to a row, when it said something specific.
fn row_problem(error: &ApiError, acted: Control) -> Option<(Control, Problem)> {
    if is_forbidden(error) {
        return Some((acted, Problem::Say(|t| t.staff_admins_only)));
    }
    if error.is_not_found() {
        return Some((acted, Problem::Say(|t| t.account_gone)));
    }
    reasons(error).into_iter().find_map(|(field, code)| {
        let say: Say = match (field.as_str(), code.as_str()) {
            (_, "own_account") => |t| t.own_account,
            (_, "last_admin") => |t| t.last_admin,
            ("practitioner_id", code) => {
                return Some((
                    Control::Practitioner,
                    Problem::Say(practitioner_reason(code)),
                ))
            }
            ("role", _) => return Some((Control::Role, Problem::Say(|t| t.check_field))),
            _ => return None,
        };
        Some((acted, Problem::Say(say)))
    })
}

/// The server's reason for refusing a practitioner link, in words.
pub(super) fn practitioner_reason(code: &str) -> Say {
    match code {
        "required" => |t| t.practitioner_required,
        "taken" | "already_linked" | "in_use" => |t| t.practitioner_taken,
        "not_found" | "unknown" | "invalid" => |t| t.practitioner_unknown,
        _ => |t| t.check_field,
    }
}

//! `/console`: email and password. Already signed in → straight to the day view.

use super::{touch, use_console, words};
use crate::api::{self, ApiError};
use crate::components::markup::{html, Markup};
use crate::components::{announce, focus_heading, focus_id, set_title};
use crate::i18n::{use_i18n, ConsoleTr};
use crate::wire::console::SignInRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;

const FORM: &str = r#"<section class="console-sign-in" aria-labelledby="sign-in-title"><h1 id="sign-in-title" tabindex="-1">{}</h1>{}<form novalidate><div class="field"><label for="email">{}</label><input id="email" name="email" type="email" autocomplete="username" required></div><div class="field"><label for="password">{}</label><input id="password" name="password" type="password" autocomplete="current-password" required></div><button type="submit" id="sign-in-submit" class="primary">{}</button></form></section>"#;

#[derive(Clone, Copy, PartialEq)]
enum Failure {
    Wrong,
    TooMany,
    Network,
    Server,
}

impl Failure {
    fn text(self, c: &'static ConsoleTr, lang: crate::wire::Language) -> &'static str {
        let t = crate::i18n::catalog(lang);
        match self {
            Failure::Wrong => c.wrong_password,
            Failure::TooMany => c.too_many,
            Failure::Network => t.err_network,
            Failure::Server => t.err_server,
        }
    }
}

/// The value of the form field with this id.
pub(crate) fn field_value(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .and_then(|field| js_sys::Reflect::get(&field, &"value".into()).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let console = use_console();
    let i18n = use_i18n();
    let failure = RwSignal::new(None::<Failure>);
    let busy = RwSignal::new(false);

    // Signed in already (a session cookie from earlier)? Then there is nothing to do here.
    spawn_local(async move {
        if let Ok(me) = api::console::me().await {
            touch();
            console.me.set(Some(me));
            console.ended.set(false);
            console.goto.set(Some("/console/day".into()));
        }
    });
    focus_heading("sign-in-title");

    let markup = Signal::derive(move || {
        let c = words();
        set_title(c.sign_in_title);
        let ended = if console.ended.get() {
            html(r#"<p class="notice warn">{}</p>"#, &[c.session_ended])
        } else {
            String::new()
        };
        let mut out = html(FORM, &[c.sign_in_title, "", c.email, c.password, c.sign_in]);
        // The session notice is markup already; put it where the second hole was.
        let at = out.find("<form").unwrap_or(0);
        out.insert_str(at, &ended);
        out
    });

    let on_submit = Callback::new(move |_| {
        if busy.get_untracked() {
            return;
        }
        let (email, password) = (field_value("email"), field_value("password"));
        if email.trim().is_empty() || password.is_empty() {
            failure.set(Some(Failure::Wrong));
            focus_id(if email.trim().is_empty() {
                "email"
            } else {
                "password"
            });
            return;
        }
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            let request = SignInRequest { email, password };
            match api::console::sign_in(&request).await {
                Ok(me) => {
                    touch();
                    console.me.set(Some(me));
                    console.ended.set(false);
                    console.goto.set(Some("/console/day".into()));
                }
                Err(error) => {
                    busy.set(false);
                    let kind = match &error {
                        ApiError::Status(401, _) => Failure::Wrong,
                        ApiError::Status(429, _) => Failure::TooMany,
                        ApiError::Network => Failure::Network,
                        _ => Failure::Server,
                    };
                    failure.set(Some(kind));
                    announce(String::new());
                    focus_id("password");
                }
            }
        });
    });

    view! {
        <div class="console">
            <Markup html=markup on_submit />
            <div class="sign-in-error" role="alert" aria-live="assertive" data-testid="sign-in-error">
                {move || {
                    failure
                        .get()
                        .map(|failure| {
                            let text = failure.text(words(), i18n.lang.get());
                            view! { <p class="notice error">{text}</p> }
                        })
                }}
            </div>
        </div>
    }
}

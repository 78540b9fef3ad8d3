//! Every HTTP call the browser makes: one small helper on the browser's `fetch`, one typed function per
//! endpoint. Pages never build API URLs themselves. The console's calls are in [`console`].

pub mod console;
pub mod embed;
pub mod feedback;
pub mod feedback_console;
pub mod instructions;
pub mod instructions_console;
pub mod library;
pub mod messages;
pub mod plain_language;
pub mod waitlist;
pub mod waitlist_console;

use crate::wire::{
    ApiErrorBody, Appointment, AvailabilityResponse, BookingRequest, CancelRequest, Clinic,
    Language, RescheduleRequest,
};
use chrono::NaiveDate;
use js_sys::{Object, Reflect};
use leptos::prelude::window;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestInit, Response};

/// Why a call failed: the server said no (status and its error body), or it was not reached.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    Network,
    Status(u16, ApiErrorBody),
}

impl ApiError {
    /// The machine-readable kind (`not_found`, `slot_taken`, …; `network` when unreached).
    pub fn code(&self) -> &str {
        match self {
            ApiError::Network => "network",
            ApiError::Status(_, body) => &body.error,
        }
    }

    pub fn body(&self) -> Option<&ApiErrorBody> {
        match self {
            ApiError::Network => None,
            ApiError::Status(_, body) => Some(body),
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Status(404, _))
    }
}

fn odd_reply(status: u16) -> ApiError {
    ApiError::Status(
        status,
        ApiErrorBody {
            error: "server".into(),
            message: String::new(),
            fields: None,
            alternatives: None,
            phone: None,
        },
    )
}

/// Sends a request and reads the body of a 2xx reply; anything else becomes an [`ApiError`].
/// Kept non-generic (only [`call`]'s decoding is per type), which keeps the bundle small.
/// `body` is JSON (sent with POST unless `method` says otherwise); `key` an `Idempotency-Key`.
async fn send(
    url: &str,
    body: Option<String>,
    key: Option<&str>,
) -> Result<(u16, String), ApiError> {
    send_as(None, url, body, key).await
}

async fn send_as(
    method: Option<&str>,
    url: &str,
    body: Option<String>,
    key: Option<&str>,
) -> Result<(u16, String), ApiError> {
    let init = RequestInit::new();
    if let Some(method) = method {
        init.set_method(method);
    }
    if body.is_some() || key.is_some() {
        let headers = Object::new();
        let set = |name: &str, value: &str| {
            let _ = Reflect::set(
                &headers,
                &JsValue::from_str(name),
                &JsValue::from_str(value),
            );
        };
        if let Some(key) = key {
            set("Idempotency-Key", key);
        }
        if let Some(body) = &body {
            set("Content-Type", "application/json");
            init.set_method(method.unwrap_or("POST"));
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
    }
    let response: Response = JsFuture::from(window().fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| ApiError::Network)?
        .unchecked_into();
    let status = response.status();
    let text = response.text().map_err(|_| ApiError::Network)?;
    let body = JsFuture::from(text)
        .await
        .map_err(|_| ApiError::Network)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        return Ok((status, body));
    }
    Err(crate::jsde::from_str(&body)
        .map(|body| ApiError::Status(status, body))
        .unwrap_or_else(|_| odd_reply(status)))
}

async fn call_as<T: DeserializeOwned>(
    method: Option<&str>,
    url: &str,
    body: Option<String>,
) -> Result<T, ApiError> {
    let (status, body) = send_as(method, url, body, None).await?;
    crate::jsde::from_str(&body).map_err(|_| odd_reply(status))
}

async fn call<T: DeserializeOwned>(
    url: &str,
    body: Option<String>,
    key: Option<&str>,
) -> Result<T, ApiError> {
    let (status, body) = send(url, body, key).await?;
    crate::jsde::from_str(&body).map_err(|_| odd_reply(status))
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    call(url, None, None).await
}

fn json<T: serde::Serialize>(body: &T) -> Option<String> {
    // Our own request types always serialize.
    Some(serde_json::to_string(body).unwrap_or_default())
}

/// `/api/` followed by the given path segments, each percent-encoded.
fn api_path(segments: &[&str]) -> String {
    let mut url = String::from("/api");
    for segment in segments {
        url.push('/');
        url.push_str(&String::from(js_sys::encode_uri_component(segment)));
    }
    url
}

fn with_lang(mut url: String, lang: Language) -> String {
    url.push_str("?lang=");
    url.push_str(lang.code());
    url
}

pub async fn clinic(slug: &str, lang: Language) -> Result<Clinic, ApiError> {
    let url = with_lang(api_path(&["clinics", slug]), lang);
    get(&url).await
}

/// Free times for a service from `from` to `to` (clinic-local days, at most 31 of them);
/// `practitioner_id: None` asks for "first available".
pub async fn availability(
    slug: &str,
    service_id: i64,
    practitioner_id: Option<i64>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<AvailabilityResponse, ApiError> {
    let mut url = api_path(&["clinics", slug, "availability"]);
    url.push_str("?service_id=");
    url.push_str(&service_id.to_string());
    if let Some(id) = practitioner_id {
        url.push_str("&practitioner_id=");
        url.push_str(&id.to_string());
    }
    url.push_str("&from=");
    url.push_str(&from.to_string());
    url.push_str("&to=");
    url.push_str(&to.to_string());
    get(&url).await
}

/// Books a visit. The same `idempotency_key` for a repeated attempt makes the server answer
/// with the first booking instead of making a second one.
pub async fn book(
    slug: &str,
    booking: &BookingRequest,
    idempotency_key: &str,
) -> Result<Appointment, ApiError> {
    let url = api_path(&["clinics", slug, "appointments"]);
    call(&url, json(booking), Some(idempotency_key)).await
}

/// A visit, in `lang`, or in the language it was booked in when `None`.
pub async fn appointment(token: &str, lang: Option<Language>) -> Result<Appointment, ApiError> {
    let mut url = api_path(&["appointments", token]);
    if let Some(lang) = lang {
        url = with_lang(url, lang);
    }
    get(&url).await
}

pub async fn cancel(token: &str, request: &CancelRequest) -> Result<Appointment, ApiError> {
    let url = api_path(&["appointments", token, "cancel"]);
    call(&url, json(request), None).await
}

pub async fn reschedule(token: &str, request: &RescheduleRequest) -> Result<Appointment, ApiError> {
    let url = api_path(&["appointments", token, "reschedule"]);
    call(&url, json(request), None).await
}

//! Every HTTP call the browser makes: one small helper on gloo-net, one typed function per
//! endpoint. Pages never build API URLs themselves.

use crate::wire::{
    ApiErrorBody, Appointment, AvailabilityResponse, BookingRequest, CancelRequest, Clinic,
    Language, RescheduleRequest,
};
use chrono::NaiveDate;
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;

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
async fn send(request: Result<Request, gloo_net::Error>) -> Result<(u16, String), ApiError> {
    let response = request
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    let status = response.status();
    let body = response.text().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok((status, body));
    }
    Err(serde_json::from_str(&body)
        .map(|body| ApiError::Status(status, body))
        .unwrap_or_else(|_| odd_reply(status)))
}

async fn call<T: DeserializeOwned>(
    request: Result<Request, gloo_net::Error>,
) -> Result<T, ApiError> {
    let (status, body) = send(request).await?;
    serde_json::from_str(&body).map_err(|_| odd_reply(status))
}

fn json<T: serde::Serialize>(
    builder: RequestBuilder,
    body: &T,
) -> Result<Request, gloo_net::Error> {
    let body = serde_json::to_string(body).map_err(gloo_net::Error::SerdeError)?;
    builder
        .header("Content-Type", "application/json")
        .body(body)
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
    call(Request::get(&url).build()).await
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
    call(Request::get(&url).build()).await
}

/// Books a visit. The same `idempotency_key` for a repeated attempt makes the server answer
/// with the first booking instead of making a second one.
pub async fn book(
    slug: &str,
    booking: &BookingRequest,
    idempotency_key: &str,
) -> Result<Appointment, ApiError> {
    let url = api_path(&["clinics", slug, "appointments"]);
    call(json(
        Request::post(&url).header("Idempotency-Key", idempotency_key),
        booking,
    ))
    .await
}

/// A visit, in `lang`, or in the language it was booked in when `None`.
pub async fn appointment(token: &str, lang: Option<Language>) -> Result<Appointment, ApiError> {
    let mut url = api_path(&["appointments", token]);
    if let Some(lang) = lang {
        url = with_lang(url, lang);
    }
    call(Request::get(&url).build()).await
}

pub async fn cancel(token: &str, request: &CancelRequest) -> Result<Appointment, ApiError> {
    let url = api_path(&["appointments", token, "cancel"]);
    call(json(Request::post(&url), request)).await
}

pub async fn reschedule(token: &str, request: &RescheduleRequest) -> Result<Appointment, ApiError> {
    let url = api_path(&["appointments", token, "reschedule"]);
    call(json(Request::post(&url), request)).await
}

/// The calendar file of a visit, for a plain download link.
pub fn calendar_url(token: &str) -> String {
    api_path(&["appointments", token, "calendar.ics"])
}

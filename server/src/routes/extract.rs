//! Extractors whose rejections are our JSON errors, so no input ever gets a plain-text answer.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

/// A JSON body. Bad syntax or types answer 422 naming the field; a wrong content type 415;
/// an oversized body 413; a body that stops arriving 408.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes =
            Bytes::from_request(req, state)
                .await
                .map_err(|rejection: BytesRejection| {
                    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                        ApiError::PayloadTooLarge
                    } else if is_body_timeout(&rejection) {
                        ApiError::RequestTimeout
                    } else {
                        ApiError::BadRequest("The request body could not be read.".into())
                    }
                })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Whether reading the body failed because the client stopped sending it (the body timeout
/// of `crate::timeouts` fired), somewhere down the chain of causes.
fn is_body_timeout(rejection: &BytesRejection) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(rejection);
    while let Some(error) = cause {
        if error.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = error.source();
    }
    false
}

/// Deserializes JSON, naming the field that failed (`patient.email`, `start`, …).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // A NUL character (`\u0000`) belongs in no text of ours, and PostgreSQL refuses to store
    // one: the body is refused here rather than fail at the database.
    if bytes
        .windows(6)
        .any(|six| six.eq_ignore_ascii_case(b"\\u0000"))
    {
        return Err(ApiError::field("body", "invalid"));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut deserializer).or_else(|error| {
        if let Some(parsed) = with_whole_numbers_as_integers(bytes) {
            return Ok(parsed);
        }
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return Err(ApiError::field("body", "invalid_json"));
        }
        // A body that is not an object at all fails somewhere inside it ("[2]"): blame the body.
        let at_top = path == "." || path.starts_with('[');
        // Serde says "missing field `x`"; keep only the name, never a value.
        Err(match missing_field(&inner.to_string()) {
            Some(name) if at_top => ApiError::field(&name, "required"),
            Some(name) => ApiError::field(&format!("{path}.{name}"), "required"),
            None => ApiError::field(if at_top { "body" } else { &path }, "invalid"),
        })
    })
}

/// JSON has one number type: `3.0` is the integer 3 to JSON Schema (and so to our OpenAPI
/// document and its clients), but serde refuses it for an `i64`. When a body failed, it is read
/// again with its whole numbers (within range) made integers; if nothing changes or it still
/// fails, the first error stands.
fn with_whole_numbers_as_integers<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    if !whole_numbers_as_integers(&mut value) {
        return None;
    }
    serde_json::from_value(value).ok()
}

/// Makes whole floats integers in place; says whether it changed any.
fn whole_numbers_as_integers(value: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::Number(number) if number.is_f64() => {
            let float = number.as_f64().unwrap_or(f64::NAN);
            // i64's range is exactly -2^63 .. 2^63; a cast inside it is exact for whole floats.
            let in_range = (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&float);
            if float.fract() == 0.0 && in_range {
                *value = Value::from(float as i64);
                return true;
            }
            false
        }
        Value::Array(items) => items.iter_mut().fold(false, |changed, item| {
            whole_numbers_as_integers(item) | changed
        }),
        Value::Object(fields) => fields.values_mut().fold(false, |changed, item| {
            whole_numbers_as_integers(item) | changed
        }),
        _ => false,
    }
}

/// Pulls `x` out of serde's "missing field `x`".
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    let end = rest.find('`')?;
    Some(rest[..end].to_string())
}

/// A query string; a malformed one answers 422 instead of axum's plain-text 400.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| ApiQuery(value))
            .map_err(|_: QueryRejection| ApiError::field("query", "invalid"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::wire::BookingRequest;

    fn fields_of(error: ApiError) -> Vec<(String, String)> {
        match error {
            ApiError::Validation { fields, .. } => fields.into_iter().collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_bad_field_is_named_by_its_path() {
        let body = br#"{"service_id":1,"start":"tomorrow","patient":{}}"#;
        let fields = fields_of(parse_json::<BookingRequest>(body).unwrap_err());
        assert_eq!(fields, vec![("start".into(), "invalid".into())]);
    }

    #[test]
    fn a_missing_nested_field_is_named() {
        let body = br#"{"service_id":1,"start":"2026-12-01T15:00:00Z","patient":{"name":"A"}}"#;
        let fields = fields_of(parse_json::<BookingRequest>(body).unwrap_err());
        assert_eq!(fields[0].1, "required");
        assert!(fields[0].0.starts_with("patient."), "{fields:?}");
    }

    #[test]
    fn a_whole_number_written_with_a_fraction_is_an_integer() {
        let body = br#"{"service_id":3.0,"start":"2026-12-01T15:00:00Z","patient":
            {"name":"A","language":"en","new_or_returning":"new","consent":true,"phone":"1"}}"#;
        let request = parse_json::<BookingRequest>(body).expect("3.0 is read as 3");
        assert_eq!(request.service_id, 3);
        let body = br#"{"service_id":3.5,"start":"2026-12-01T15:00:00Z","patient":{}}"#;
        let fields = fields_of(parse_json::<BookingRequest>(body).unwrap_err());
        assert_eq!(fields, vec![("service_id".into(), "invalid".into())]);
    }

    #[test]
    fn broken_json_is_invalid_json() {
        let fields = fields_of(parse_json::<BookingRequest>(b"{\"service_id\":").unwrap_err());
        assert_eq!(fields[0].1, "invalid_json");
    }
}

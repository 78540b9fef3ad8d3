//! Per-address rate limits on the patient routes a script would hammer: booking writes (book,
//! reschedule, cancel, the reminder's "I'll be there", and the visit page's teach-back answer,
//! questions and survey) and availability queries. Sign-ins have their own failure throttle in
//! the database (`routes/console/session.rs`).
//!
//! The limiter lives in this process's memory: with several `carebook serve` processes behind
//! one address each process counts on its own, so a client may get up to N times the limit.
//! Keys are the TCP peer address: behind a reverse proxy every patient shares the proxy's
//! address, so there turn these limits off (`--rate-limits off`) and limit in the proxy.

use crate::config::{Settings, Switch};
use crate::error::ApiError;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::{Arc, Weak};
use std::time::Duration;

/// Booking writes per address per minute, all of which may come at once. A patient books,
/// perhaps moves or cancels, a handful of times; 20 leaves room for a household or a waiting
/// room sharing one address, and for the browser tests, which book dozens of visits from
/// 127.0.0.1 a few seconds apart. A script is held to one write every 3 s instead of hundreds
/// a second: it can no longer empty a clinic's week in a moment.
pub const DEFAULT_BOOKINGS_PER_MINUTE: u32 = 20;
/// Availability queries per address per minute. The booking screens ask once per step or week
/// shown, so a patient clicking quickly makes a few a second for a moment; 120 (2 a second on
/// average, 120 at once) covers that with room, while a scraper or a flood is cut to 2 a second.
pub const DEFAULT_AVAILABILITY_PER_MINUTE: u32 = 120;

/// Which limit a route falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
    Booking,
    Availability,
}

/// The limited routes, by method and route template (as `MatchedPath` names them).
const LIMITED_ROUTES: &[(Method, &str, Limited)] = &[
    (
        Method::POST,
        "/api/clinics/{slug}/appointments",
        Limited::Booking,
    ),
    (
        Method::POST,
        "/api/appointments/{token}/reschedule",
        Limited::Booking,
    ),
    (
        Method::POST,
        "/api/appointments/{token}/cancel",
        Limited::Booking,
    ),
    // "I'll be there" is one tap per visit; a script trying tokens is held back.
    (
        Method::POST,
        "/api/appointments/{token}/confirm",
        Limited::Booking,
    ),
    // A patient answers "Did this make sense?" and asks a question or two; a script would
    // fill the clinic's inbox.
    (
        Method::POST,
        "/api/appointments/{token}/understanding",
        Limited::Booking,
    ),
    (
        Method::POST,
        "/api/appointments/{token}/questions",
        Limited::Booking,
    ),
    // The survey is answered once per visit; a script trying tokens is held back.
    (
        Method::POST,
        "/api/appointments/{token}/survey",
        Limited::Booking,
    ),
    (
        Method::GET,
        "/api/clinics/{slug}/availability",
        Limited::Availability,
    ),
    // The published slot files run the availability rule for every publishing clinic; slot
    // finders poll every few minutes (and mostly get a 304), far below this limit.
    (Method::GET, "/fhir/$bulk-publish", Limited::Availability),
    (Method::GET, "/fhir/bulk/{file}", Limited::Availability),
];

pub fn limit_of(method: &Method, route: &str) -> Option<Limited> {
    LIMITED_ROUTES
        .iter()
        .find(|(m, template, _)| m == method && *template == route)
        .map(|(_, _, limited)| *limited)
}

/// One keyed limiter per kind of route.
#[derive(Clone)]
pub struct RateLimits {
    booking: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    availability: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl RateLimits {
    /// The limits `settings` ask for, or `None` when they are off.
    pub fn from_settings(settings: &Settings) -> Option<RateLimits> {
        if settings.rate_limits == Switch::Off {
            return None;
        }
        let per_minute = |n: u32| Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN));
        let limits = RateLimits {
            booking: Arc::new(RateLimiter::keyed(per_minute(settings.booking_limit))),
            availability: Arc::new(RateLimiter::keyed(per_minute(settings.availability_limit))),
        };
        limits.forget_quiet_addresses();
        Some(limits)
    }

    fn limiter(&self, limited: Limited) -> &DefaultKeyedRateLimiter<IpAddr> {
        match limited {
            Limited::Booking => &self.booking,
            Limited::Availability => &self.availability,
        }
    }

    /// Every address seen stays in memory until its bucket is full again: drop those once a
    /// minute, so that many addresses seen once do not add up. Stops with the server.
    fn forget_quiet_addresses(&self) {
        let limiters: Vec<Weak<DefaultKeyedRateLimiter<IpAddr>>> = vec![
            Arc::downgrade(&self.booking),
            Arc::downgrade(&self.availability),
        ];
        tokio::spawn(async move {
            let mut every_minute = tokio::time::interval(Duration::from_secs(60));
            loop {
                every_minute.tick().await;
                let mut alive = false;
                for limiter in limiters.iter().filter_map(Weak::upgrade) {
                    limiter.retain_recent();
                    limiter.shrink_to_fit();
                    alive = true;
                }
                if !alive {
                    return;
                }
            }
        });
    }
}

/// Middleware (a route layer, so the route template is known): counts the request against its
/// limit and answers 429 with `Retry-After` once the address has used it up.
pub async fn enforce(State(limits): State<RateLimits>, request: Request, next: Next) -> Response {
    let limited = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|route| limit_of(request.method(), route.as_str()));
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| client_key(info.0.ip()));
    let (Some(limited), Some(address)) = (limited, address) else {
        return next.run(request).await;
    };
    let limiter = limits.limiter(limited);
    match limiter.check_key(&address) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(limiter.clock().now());
            tracing::warn!(?limited, "rate limit reached");
            ApiError::RateLimited {
                // Whole seconds, rounded up: a client that waits that long gets through.
                retry_after_seconds: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
            }
            .into_response()
        }
    }
}

/// The key an address counts under. An IPv6 client usually holds a whole /64 and could step
/// through it, so IPv6 addresses count by their /64; IPv4 ones (also when mapped into IPv6)
/// by themselves.
pub fn client_key(address: IpAddr) -> IpAddr {
    match address.to_canonical() {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(prefix))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_patient_booking_writes_and_availability_are_limited() {
        let booking = "/api/clinics/{slug}/appointments";
        assert_eq!(limit_of(&Method::POST, booking), Some(Limited::Booking));
        assert_eq!(
            limit_of(&Method::POST, "/api/appointments/{token}/cancel"),
            Some(Limited::Booking)
        );
        assert_eq!(
            limit_of(&Method::POST, "/api/appointments/{token}/confirm"),
            Some(Limited::Booking)
        );
        assert_eq!(
            limit_of(&Method::GET, "/api/clinics/{slug}/availability"),
            Some(Limited::Availability)
        );
        assert_eq!(limit_of(&Method::GET, "/api/appointments/{token}"), None);
        assert_eq!(limit_of(&Method::GET, "/api/clinics/{slug}"), None);
        assert_eq!(limit_of(&Method::POST, "/api/console/appointments"), None);
    }

    #[test]
    fn ipv6_clients_count_by_their_64_bit_prefix() {
        let one: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let same_network: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let other_network: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(one), client_key(same_network));
        assert_ne!(client_key(one), client_key(other_network));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(client_key(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
    }
}

//! The booking widget's rules: which web sites a clinic may list as allowed to show its
//! booking frame, and what the frame's `frame-ancestors` then says.

use app::wire::embed::MAX_EMBED_ORIGINS;
use std::net::IpAddr;

/// Why a list of allowed web sites was refused (the codes in `fields.origins`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginRejected {
    /// Not a web site's address: a path, query, user name, wildcard or no host at all.
    NotAnOrigin,
    /// Plain `http://` for a site on the internet: a page reached over http can be changed
    /// in transit, so it may not frame a booking form that asks for contact details.
    NeedsHttps,
    Repeated,
    TooMany,
}

impl OriginRejected {
    pub fn code(self) -> &'static str {
        match self {
            OriginRejected::NotAnOrigin => "not_an_origin",
            OriginRejected::NeedsHttps => "needs_https",
            OriginRejected::Repeated => "repeated",
            OriginRejected::TooMany => "too_many",
        }
    }
}

/// One web site as it is stored and sent in `frame-ancestors`: scheme, host and port only,
/// lower case, the default port left out (`HTTPS://Clinic.Example:443/` → `https://clinic.example`).
pub fn normalize_origin(text: &str) -> Result<String, OriginRejected> {
    let text = text.trim();
    // A wildcard parses as a host name, but would let any sub-site frame the form.
    if text.contains('*') || text.chars().any(char::is_whitespace) {
        return Err(OriginRejected::NotAnOrigin);
    }
    let url = url::Url::parse(text).map_err(|_| OriginRejected::NotAnOrigin)?;
    let bare = url.username().is_empty()
        && url.password().is_none()
        && matches!(url.path(), "" | "/")
        && url.query().is_none()
        && url.fragment().is_none();
    if !bare || url.host().is_none() || !is_host_name(&url) {
        return Err(OriginRejected::NotAnOrigin);
    }
    match url.scheme() {
        "https" => {}
        "http" if is_this_machine(&url) => {}
        "http" => return Err(OriginRejected::NeedsHttps),
        _ => return Err(OriginRejected::NotAnOrigin),
    }
    Ok(url.origin().ascii_serialization())
}

/// A name a browser can match in `frame-ancestors`: letters, digits and `-` in labels of at
/// most 63 bytes, 253 in all (as DNS allows). The URL parser lets through `;`, `,` or `'` in
/// a host, which would end the source list or the whole policy early, and names of any length,
/// which would swell every frame's headers.
fn is_host_name(url: &url::Url) -> bool {
    let Some(url::Host::Domain(name)) = url.host() else {
        // An IP address, printed by the parser itself.
        return true;
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    name.len() <= 253
        && name.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
        })
}

/// `localhost` and loopback addresses: a site being built on the developer's own machine.
fn is_this_machine(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name == "localhost" || name.ends_with(".localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Checks an admin's list and returns it normalised, in the order given.
pub fn validate_origins(origins: &[String]) -> Result<Vec<String>, OriginRejected> {
    if origins.len() > MAX_EMBED_ORIGINS {
        return Err(OriginRejected::TooMany);
    }
    let mut normalized: Vec<String> = Vec::with_capacity(origins.len());
    for origin in origins {
        let origin = normalize_origin(origin)?;
        if normalized.contains(&origin) {
            return Err(OriginRejected::Repeated);
        }
        normalized.push(origin);
    }
    Ok(normalized)
}

/// The `frame-ancestors` sources of a clinic's booking frame: Carebook itself (the console's
/// live preview) and the clinic's listed sites. Every other page is `'none'`.
pub fn frame_ancestors(allowed: &[String]) -> Vec<String> {
    std::iter::once("'self'".to_string())
        .chain(allowed.iter().cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_stored_in_one_spelling() {
        for (given, stored) in [
            ("https://clinic.example", "https://clinic.example"),
            ("  HTTPS://Clinic.Example/ ", "https://clinic.example"),
            ("https://clinic.example:443", "https://clinic.example"),
            (
                "https://www.clinic.example:8443",
                "https://www.clinic.example:8443",
            ),
            ("http://localhost:5173", "http://localhost:5173"),
            ("http://127.0.0.2:4000/", "http://127.0.0.2:4000"),
            ("http://[::1]:8080", "http://[::1]:8080"),
            ("https://clínica.example", "https://xn--clnica-4va.example"),
        ] {
            assert_eq!(normalize_origin(given).as_deref(), Ok(stored), "{given}");
        }
    }

    #[test]
    fn anything_but_a_bare_origin_is_refused() {
        for given in [
            "clinic.example",
            "https://clinic.example/book",
            "https://clinic.example?x=1",
            "https://clinic.example/#top",
            "https://user@clinic.example",
            "https://*.clinic.example",
            "ftp://clinic.example",
            "javascript:alert(1)",
            "data:text/html,hi",
            "https://",
            "",
            "'none'",
            "https://clinic.example https://evil.example",
            "https://clinic.example;script-src",
            "https://clinic.example,script-src",
            "https://clinic'.example",
            "https://a..example",
            format!("https://{}.example", "a".repeat(64)).as_str(),
            format!("https://{}example", "abcdefghi.".repeat(25)).as_str(),
        ] {
            assert_eq!(
                normalize_origin(given),
                Err(OriginRejected::NotAnOrigin),
                "{given}"
            );
        }
    }

    #[test]
    fn plain_http_is_only_for_this_machine() {
        assert_eq!(
            normalize_origin("http://clinic.example"),
            Err(OriginRejected::NeedsHttps)
        );
        assert_eq!(
            normalize_origin("http://10.0.0.5"),
            Err(OriginRejected::NeedsHttps)
        );
        assert!(normalize_origin("http://app.localhost:3000").is_ok());
    }

    #[test]
    fn a_list_is_checked_whole() {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            validate_origins(&list(&["https://a.example", "HTTPS://A.example/"])),
            Err(OriginRejected::Repeated)
        );
        let many: Vec<String> = (0..=MAX_EMBED_ORIGINS)
            .map(|n| format!("https://site{n}.example"))
            .collect();
        assert_eq!(validate_origins(&many), Err(OriginRejected::TooMany));
        assert_eq!(
            validate_origins(&list(&["https://b.example", "http://localhost:8000"])),
            Ok(list(&["https://b.example", "http://localhost:8000"]))
        );
        assert_eq!(validate_origins(&[]), Ok(vec![]));
    }

    #[test]
    fn the_frame_may_be_shown_by_carebook_and_the_listed_sites_only() {
        assert_eq!(frame_ancestors(&[]), vec!["'self'"]);
        assert_eq!(
            frame_ancestors(&["https://clinic.example".into()]),
            vec!["'self'", "https://clinic.example"]
        );
    }
}

//! Security headers on every response: the API, static files and the app's pages alike.
//!
//! The Content-Security-Policy allows no inline code but trunk's bootstrap `<script
//! type=module>` in each built page, by hash. The hashes are read from the built pages in
//! `--dist` when the server starts, so a rebuilt bundle needs no code change (only a restart).

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// The app's pages; each may carry an inline bootstrap script.
pub const PAGES: &[&str] = &[
    "index.html",
    "visit.html",
    "console.html",
    "learn.html",
    // learn.html built to fetch its wasm after the first paint (an article's drawn page).
    "article.html",
    "survey.html",
    "embed.html",
];

/// Set on a response (as an extension) by a page that other web sites may frame: the booking
/// widget's frame (`routes::embed`). Its policy names these sources in `frame-ancestors` and
/// it is sent without `X-Frame-Options`; every other answer gets `frame-ancestors 'none'`.
#[derive(Debug, Clone)]
pub struct FrameAncestors(pub Vec<String>);

/// Browser features no page of ours uses, switched off for us and anything we embed.
const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
     magnetometer=(), microphone=(), payment=(), usb=()";

/// A Content-Security-Policy as directives in order, so that a path can change one (the
/// embeddable widget will set `frame-ancestors` per clinic) and keep the rest.
#[derive(Debug, Clone)]
pub struct ContentSecurityPolicy {
    directives: Vec<(&'static str, Vec<String>)>,
}

impl ContentSecurityPolicy {
    /// The app's policy: our own files only, inline scripts only by `script_hashes`, and
    /// WebAssembly compiled from our own `.wasm` files.
    pub fn for_app(script_hashes: &[String]) -> ContentSecurityPolicy {
        let list = |sources: &[&str]| sources.iter().map(|s| (*s).to_string()).collect();
        let mut script_src: Vec<String> = list(&["'self'", "'wasm-unsafe-eval'"]);
        script_src.extend(script_hashes.iter().cloned());
        ContentSecurityPolicy {
            directives: vec![
                ("default-src", list(&["'self'"])),
                ("script-src", script_src),
                // Styles come from our stylesheets only: the app never writes `style="…"`
                // (Leptos `style:` goes through the CSSOM, which CSP does not restrict).
                ("style-src", list(&["'self'"])),
                ("img-src", list(&["'self'", "data:"])),
                ("connect-src", list(&["'self'"])),
                ("object-src", list(&["'none'"])),
                ("base-uri", list(&["'none'"])),
                ("form-action", list(&["'self'"])),
                ("frame-ancestors", list(&["'none'"])),
            ],
        }
    }

    /// Replaces (or adds) one directive.
    pub fn with(mut self, directive: &'static str, sources: Vec<String>) -> Self {
        match self
            .directives
            .iter_mut()
            .find(|(name, _)| *name == directive)
        {
            Some((_, existing)) => *existing = sources,
            None => self.directives.push((directive, sources)),
        }
        self
    }

    pub fn header_value(&self) -> HeaderValue {
        let text = self
            .directives
            .iter()
            .map(|(name, sources)| format!("{name} {}", sources.join(" ")))
            .collect::<Vec<_>>()
            .join("; ");
        // Directives and sources are ASCII we wrote, and base64 hashes.
        HeaderValue::from_str(&text).expect("a policy is a valid header value")
    }
}

/// The headers to send, worked out once at start.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    policy: ContentSecurityPolicy,
    app_policy: HeaderValue,
    /// Only when patients reach us over https: a browser that saw it refuses plain http to us
    /// for a year, which would lock out a server only ever reached over http.
    strict_transport: Option<HeaderValue>,
}

impl SecurityHeaders {
    pub fn new(dist: &Path, public_url: &str) -> SecurityHeaders {
        let hashes = inline_script_hashes(dist);
        let secure = public_url
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
        let policy = ContentSecurityPolicy::for_app(&hashes);
        SecurityHeaders {
            app_policy: policy.header_value(),
            policy,
            strict_transport: secure
                .then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains")),
        }
    }

    fn apply(&self, response: &mut Response) {
        let framed_by = response.extensions_mut().remove::<FrameAncestors>();
        let policy = match &framed_by {
            Some(FrameAncestors(sources)) => self
                .policy
                .clone()
                .with("frame-ancestors", sources.clone())
                .header_value(),
            None => self.app_policy.clone(),
        };
        let headers = response.headers_mut();
        if framed_by.is_none() {
            // The old header for browsers that do not know `frame-ancestors`.
            headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        }
        let fixed: [(HeaderName, &'static str); 4] = [
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            // Visit pages carry their token in the URL: never send it to other sites.
            (header::REFERRER_POLICY, "no-referrer"),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                "same-origin",
            ),
            (
                HeaderName::from_static("permissions-policy"),
                PERMISSIONS_POLICY,
            ),
        ];
        for (name, value) in fixed {
            headers.insert(name, HeaderValue::from_static(value));
        }
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        if let Some(hsts) = &self.strict_transport {
            headers.insert(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
        }
    }
}

/// Middleware: adds the headers to whatever answered.
pub async fn add(
    State(security): State<Arc<SecurityHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    security.apply(&mut response);
    response
}

/// `'sha256-…'` sources for every inline script of the built pages in `dist`.
pub fn inline_script_hashes(dist: &Path) -> Vec<String> {
    let mut hashes = Vec::new();
    for page in PAGES {
        let Ok(html) = std::fs::read_to_string(dist.join(page)) else {
            continue;
        };
        for script in inline_scripts(&html) {
            let digest = Sha256::digest(script.as_bytes());
            let source = format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            );
            if !hashes.contains(&source) {
                hashes.push(source);
            }
        }
    }
    if hashes.is_empty() && dist.join("index.html").exists() {
        tracing::warn!("no inline bootstrap script found in the built pages");
    }
    hashes
}

/// The text of each `<script>` element without `src`, exactly as the browser hashes it.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<script").map(|at| from + at) {
        let Some(tag_end) = lower[start..].find('>').map(|at| start + at) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|at| tag_end + at) else {
            break;
        };
        let tag = &lower[start + "<script".len()..tag_end];
        let has_src = tag
            .split(|c: char| c.is_ascii_whitespace())
            .any(|attribute| attribute == "src" || attribute.starts_with("src="));
        let text = &html[tag_end + 1..close];
        if !has_src && !text.is_empty() {
            scripts.push(text);
        }
        from = close;
    }
    scripts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_in_minified_and_plain_html() {
        let html = "<head><script type=module>import init from '/app.js';\nawait init();</script>\
                    <script src=/other.js></script><SCRIPT type=\"module\">x()</SCRIPT></head>";
        assert_eq!(
            inline_scripts(html),
            vec!["import init from '/app.js';\nawait init();", "x()"]
        );
    }

    #[test]
    fn the_policy_allows_no_inline_code_but_the_hashed_scripts() {
        let policy = ContentSecurityPolicy::for_app(&["'sha256-abc='".into()]).header_value();
        let policy = policy.to_str().unwrap();
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn one_directive_can_be_changed_for_a_path() {
        let policy = ContentSecurityPolicy::for_app(&[])
            .with("frame-ancestors", vec!["https://clinic.example".into()])
            .header_value();
        let policy = policy.to_str().unwrap();
        assert!(policy.contains("frame-ancestors https://clinic.example"));
        assert!(!policy.contains("frame-ancestors 'none'"));
    }
}

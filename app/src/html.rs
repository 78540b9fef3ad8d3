//! HTML from trusted constant templates whose `{}` holes are always escaped: how the app writes
//! its screens (see `components::markup`), and how the server writes the booking flow's first
//! step into the page it sends (see `first_step`). No browser APIs, so both builds have it.

/// Appends `template` to `out`, each `{}` replaced by the next value, HTML-escaped.
pub fn push(out: &mut String, template: &str, values: &[&str]) {
    let mut parts = template.split("{}");
    out.push_str(parts.next().unwrap_or_default());
    for (i, part) in parts.enumerate() {
        escape_into(out, values.get(i).copied().unwrap_or_default());
        out.push_str(part);
    }
}

/// `template` with its holes filled, as a new string.
pub fn html(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    push(&mut out, template, values);
    out
}

pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A definition list's rows (`<div><dt>label</dt><dd>value</dd></div>`); values are markup
/// already (built with [`html`]).
pub fn facts(rows: &[(&str, String)]) -> String {
    let mut out = String::from(r#"<dl class="facts">"#);
    for (label, value) in rows {
        push(&mut out, "<div><dt>{}</dt><dd>", &[label]);
        out.push_str(value);
        out.push_str("</dd></div>");
    }
    out.push_str("</dl>");
    out
}

/// Appends `text` percent-encoded as JavaScript's `encodeURIComponent` does (every byte of its
/// UTF-8 but letters, digits and `-_.!~*'()`), for a path segment or a query value. For markup
/// the server draws too; the app's own links use the browser's, which the router needs anyway.
pub fn push_uri_component(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_components_are_encoded_as_the_browser_encodes_them() {
        let encoded = |text: &str| {
            let mut out = String::new();
            push_uri_component(&mut out, text);
            out
        };
        // What `encodeURIComponent` gives for each, in Chromium.
        assert_eq!(encoded("plain-slug_1.2"), "plain-slug_1.2");
        assert_eq!(encoded("!~*'()"), "!~*'()");
        assert_eq!(
            encoded("120 Hudson St, New York, NY 10013"),
            "120%20Hudson%20St%2C%20New%20York%2C%20NY%2010013"
        );
        assert_eq!(encoded("a/b?c=d&e#f+g"), "a%2Fb%3Fc%3Dd%26e%23f%2Bg");
        assert_eq!(encoded("Peña ñ €"), "Pe%C3%B1a%20%C3%B1%20%E2%82%AC");
        assert_eq!(encoded(""), "");
    }
}

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

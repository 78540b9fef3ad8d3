//! The translator-editable files of `server/messages/`, compiled into the binary (so a
//! deployed server needs nothing beside it) and parsed once on first use.
//!
//! - `en.toml`, `es.toml`: every word a patient reads, per language, with `{placeholders}`;
//! - `email.html`, `email.txt`: the shared layouts, filled by minijinja (HTML autoescaped).
//!
//! Strings use `{name}` placeholders rather than template syntax so that a translator only
//! ever sees plain sentences; `fill` puts the values in.

use app::wire::Language;
use minijinja::{AutoEscape, Environment};
use std::collections::BTreeMap;
use std::sync::LazyLock;

const EN: &str = include_str!("../../messages/en.toml");
const ES: &str = include_str!("../../messages/es.toml");
const EMAIL_HTML: &str = include_str!("../../messages/email.html");
const EMAIL_TXT: &str = include_str!("../../messages/email.txt");

pub const HTML_LAYOUT: &str = "email.html";
pub const TEXT_LAYOUT: &str = "email.txt";

/// One value of a language file: a sentence, or a list (month and weekday names).
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Text(String),
    List(Vec<String>),
}

/// One language's strings, by dotted key (`"confirmation.subject"`, `"date.months"`).
#[derive(Debug)]
pub struct Catalog {
    entries: BTreeMap<String, Entry>,
}

impl Catalog {
    /// Parses a language file; nested tables become dotted keys.
    pub fn parse(source: &str) -> Result<Catalog, String> {
        let table: toml::Table = toml::from_str(source).map_err(|err| err.to_string())?;
        let mut entries = BTreeMap::new();
        flatten("", &table, &mut entries)?;
        Ok(Catalog { entries })
    }

    /// The sentence at `key`. A missing one shows as `{key}`, which the tests catch as an
    /// unfilled placeholder rather than a message silently missing a line.
    pub fn text(&self, key: &str) -> &str {
        match self.entries.get(key) {
            Some(Entry::Text(text)) => text,
            _ => {
                tracing::error!(key, "message string missing");
                MISSING
            }
        }
    }

    /// The sentence at `key` with its placeholders filled.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.text(key), values)
    }

    pub fn list(&self, key: &str) -> &[String] {
        match self.entries.get(key) {
            Some(Entry::List(items)) => items,
            _ => {
                tracing::error!(key, "message list missing");
                &[]
            }
        }
    }

    /// An optional sentence (e.g. a zone's city): `None` when the file does not have it.
    pub fn get_text(&self, key: &str) -> Option<&str> {
        match self.entries.get(key) {
            Some(Entry::Text(text)) => Some(text),
            _ => None,
        }
    }

    pub fn entries(&self) -> &BTreeMap<String, Entry> {
        &self.entries
    }
}

/// What a missing string renders as: an unfilled placeholder, so tests notice.
const MISSING: &str = "{missing}";

fn flatten(
    prefix: &str,
    table: &toml::Table,
    entries: &mut BTreeMap<String, Entry>,
) -> Result<(), String> {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(text) => {
                entries.insert(path, Entry::Text(text.clone()));
            }
            toml::Value::Array(items) => {
                let items = items
                    .iter()
                    .map(|item| item.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| format!("{path}: a list of texts is expected"))?;
                entries.insert(path, Entry::List(items));
            }
            toml::Value::Table(inner) => flatten(&path, inner, entries)?,
            _ => return Err(format!("{path}: text is expected")),
        }
    }
    Ok(())
}

/// Replaces each `{name}` in `template` with its value. Unknown names stay as they are (the
/// tests look for any `{` left), and values are inserted verbatim — never re-scanned — so a
/// patient named `{clinic}` is just that.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (close, *value))
        });
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{names}` a sentence uses, in order of first use.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !names.contains(&name) {
            names.push(name);
        }
        rest = &after[close + 1..];
    }
    names
}

static CATALOGS: LazyLock<[Catalog; 2]> = LazyLock::new(|| {
    // Compiled in and checked by the unit tests, so a parse error cannot reach a release.
    [
        Catalog::parse(EN).expect("messages/en.toml parses"),
        Catalog::parse(ES).expect("messages/es.toml parses"),
    ]
});

/// The strings of `language`.
pub fn catalog(language: Language) -> &'static Catalog {
    match language {
        Language::En => &CATALOGS[0],
        Language::Es => &CATALOGS[1],
    }
}

static LAYOUTS: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    // HTML escaping for the HTML layout whatever minijinja's defaults become; none for text.
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.add_template(HTML_LAYOUT, EMAIL_HTML)
        .expect("messages/email.html compiles");
    env.add_template(TEXT_LAYOUT, EMAIL_TXT)
        .expect("messages/email.txt compiles");
    env
});

/// Renders layout `name` with `context`.
pub fn render<S: serde::Serialize>(name: &str, context: &S) -> Result<String, minijinja::Error> {
    LAYOUTS.get_template(name)?.render(context)
}

//! Markdown that staff write (preparation, after-visit instructions, library articles, replies)
//! turned into HTML that is safe to put on a patient's page.
//!
//! Two layers, so one mistake is not enough for a script to reach a patient:
//! 1. pulldown-cmark renders the Markdown, and any raw HTML in it is shown as text rather than
//!    passed through (staff see their `<b>` on the page and use `**bold**` instead);
//! 2. ammonia cleans the result against a short allow-list: no script, no event handlers, no
//!    style attributes (the CSP would block them anyway), links only to http(s), mailto, tel or
//!    a path on this site, and every link gets `rel="noopener noreferrer"`.
//!
//! Headings move one level down (`#` becomes `<h2>`): the page around the text owns its `<h1>`,
//! and screen-reader users navigate by heading levels.

use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::LazyLock;

static SANITISER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "del",
        "a",
        "blockquote",
        "code",
        "pre",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ]
    .into_iter()
    .collect();
    let mut builder = Builder::empty();
    builder
        .tags(tags)
        .add_tag_attributes("a", ["href", "title"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true);
    builder
});

fn demoted(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// Markdown → sanitised HTML, ready for `inner_html` on a patient's page.
pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demoted(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demoted(level))),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    SANITISER.clean(&html).to_string()
}

/// The words of a Markdown text without its markup: for search indexes, summaries and
/// reading-time estimates.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) if !text.is_empty() && !text.ends_with(char::is_whitespace) => text.push(' '),
            _ => {}
        }
    }
    text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_markdown_staff_use() {
        let html = to_safe_html(
            "# After your visit\n\n- Ice **20 minutes**\n- Rest\n\n[Back pain](/learn/demo/back-pain)",
        );
        assert!(html.contains("<h2>After your visit</h2>"), "{html}");
        assert!(
            html.contains("<li>Ice <strong>20 minutes</strong></li>"),
            "{html}"
        );
        assert!(
            html.contains(
                r#"<a href="/learn/demo/back-pain" rel="noopener noreferrer">Back pain</a>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn external_links_cannot_reach_back_into_the_page() {
        let html = to_safe_html("[NHS](https://www.nhs.uk/) and <mailto:desk@clinic.test>");
        assert!(
            html.contains(r#"<a href="https://www.nhs.uk/" rel="noopener noreferrer">NHS</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"href="mailto:desk@clinic.test""#), "{html}");
    }

    /// Payloads from the usual XSS cheat sheets: none may leave a live element, handler or
    /// script URL behind.
    #[test]
    fn scripts_handlers_and_script_links_come_out_inert() {
        let payloads = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[click](vbscript:msgbox)",
            "<iframe src=\"https://evil.test\"></iframe>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "<div onclick=\"alert(1)\">x</div>",
            "<details open ontoggle=alert(1)>",
            "![x](x \"onerror=alert(1)\")",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "[a](<javascript:alert(1)>)",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
        ];
        for payload in payloads {
            let html = to_safe_html(payload);
            for tag in live_tags(&html) {
                let name = tag.split_whitespace().next().unwrap_or_default();
                assert!(
                    ["p", "a", "/p", "/a", "br"].contains(&name),
                    "{payload:?} left a <{tag}> element: {html:?}"
                );
                for attribute in tag.split_whitespace().skip(1) {
                    let attribute = attribute.to_ascii_lowercase();
                    assert!(
                        attribute.starts_with("href=\"http")
                            || attribute.starts_with("rel=")
                            || attribute.starts_with("noreferrer"),
                        "{payload:?} left the attribute {attribute:?}: {html:?}"
                    );
                }
            }
        }
    }

    /// The elements in sanitised HTML: text is escaped, so every `<` opens a real tag.
    fn live_tags(html: &str) -> Vec<String> {
        html.split('<')
            .skip(1)
            .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag.to_string()))
            .collect()
    }

    #[test]
    fn raw_html_is_shown_as_text_so_staff_see_what_they_typed() {
        assert_eq!(
            to_safe_html("Take <b>two</b> tablets"),
            "<p>Take &lt;b&gt;two&lt;/b&gt; tablets</p>\n"
        );
    }

    #[test]
    fn plain_text_keeps_the_words_and_drops_the_markup() {
        assert_eq!(
            plain_text("# Ice\n\nUse **ice** for [20 minutes](/x).\n\n- Rest"),
            "Ice Use ice for 20 minutes. Rest"
        );
    }
}

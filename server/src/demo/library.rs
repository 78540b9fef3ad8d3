//! The demo clinic's library: the Markdown files in `demo/articles/` (one per article and
//! language, `{key}.en.md` / `{key}.es.md`), compiled into the binary and saved as published
//! articles on every `carebook demo`, replacing what an earlier run saved.
//!
//! A file starts with a front matter block of `name: value` lines between `---` lines (slug,
//! title, summary, category, tags, reviewed), then the Markdown body.

use crate::db::{self, Conn};
use anyhow::{bail, Context};
use app::wire::library::ArticleDraft;
use app::wire::Language;

/// Every demo article file: (file name, contents).
const ARTICLES: &[(&str, &str)] = &[
    (
        "ankle-sprain.en.md",
        include_str!("articles/ankle-sprain.en.md"),
    ),
    (
        "ankle-sprain.es.md",
        include_str!("articles/ankle-sprain.es.md"),
    ),
    (
        "before-surgery.en.md",
        include_str!("articles/before-surgery.en.md"),
    ),
    (
        "before-surgery.es.md",
        include_str!("articles/before-surgery.es.md"),
    ),
    (
        "checking-blood-sugar-at-home.en.md",
        include_str!("articles/checking-blood-sugar-at-home.en.md"),
    ),
    (
        "checking-blood-sugar-at-home.es.md",
        include_str!("articles/checking-blood-sugar-at-home.es.md"),
    ),
    (
        "fasting-blood-test.en.md",
        include_str!("articles/fasting-blood-test.en.md"),
    ),
    (
        "fasting-blood-test.es.md",
        include_str!("articles/fasting-blood-test.es.md"),
    ),
    (
        "flu-vaccine.en.md",
        include_str!("articles/flu-vaccine.en.md"),
    ),
    (
        "flu-vaccine.es.md",
        include_str!("articles/flu-vaccine.es.md"),
    ),
    (
        "high-blood-pressure.en.md",
        include_str!("articles/high-blood-pressure.en.md"),
    ),
    (
        "high-blood-pressure.es.md",
        include_str!("articles/high-blood-pressure.es.md"),
    ),
    (
        "home-exercises-after-physiotherapy.en.md",
        include_str!("articles/home-exercises-after-physiotherapy.en.md"),
    ),
    (
        "home-exercises-after-physiotherapy.es.md",
        include_str!("articles/home-exercises-after-physiotherapy.es.md"),
    ),
    (
        "low-back-pain.en.md",
        include_str!("articles/low-back-pain.en.md"),
    ),
    (
        "low-back-pain.es.md",
        include_str!("articles/low-back-pain.es.md"),
    ),
    (
        "preparing-for-a-video-visit.en.md",
        include_str!("articles/preparing-for-a-video-visit.en.md"),
    ),
    (
        "preparing-for-a-video-visit.es.md",
        include_str!("articles/preparing-for-a-video-visit.es.md"),
    ),
    (
        "taking-medicines-safely.en.md",
        include_str!("articles/taking-medicines-safely.en.md"),
    ),
    (
        "taking-medicines-safely.es.md",
        include_str!("articles/taking-medicines-safely.es.md"),
    ),
    (
        "type-2-diabetes-basics.en.md",
        include_str!("articles/type-2-diabetes-basics.en.md"),
    ),
    (
        "type-2-diabetes-basics.es.md",
        include_str!("articles/type-2-diabetes-basics.es.md"),
    ),
];

/// One demo article, read from its file.
#[derive(Debug)]
pub struct DemoArticle {
    pub file: &'static str,
    pub draft: ArticleDraft,
}

/// Reads every file of `ARTICLES`.
pub fn articles() -> anyhow::Result<Vec<DemoArticle>> {
    ARTICLES
        .iter()
        .map(|(file, text)| {
            parse(file, text)
                .map(|draft| DemoArticle { file, draft })
                .with_context(|| format!("demo article {file}"))
        })
        .collect()
}

/// One file: `{key}.{en|es}.md` with its front matter and body.
pub fn parse(file: &str, text: &str) -> anyhow::Result<ArticleDraft> {
    let Some((key, language)) = file
        .strip_suffix(".md")
        .and_then(|stem| stem.rsplit_once('.'))
    else {
        bail!("the file name must be {{key}}.en.md or {{key}}.es.md");
    };
    let Some(language) = Language::from_tag(language).filter(|l| l.code() == language) else {
        bail!("the file name must end in .en.md or .es.md");
    };
    let text = text.replace("\r\n", "\n");
    let Some(rest) = text.strip_prefix("---\n") else {
        bail!("the file must start with a --- line");
    };
    let Some((front, body)) = rest.split_once("\n---\n") else {
        bail!("the front matter must end with a --- line");
    };
    let mut draft = ArticleDraft {
        language,
        translation_key: Some(key.to_string()),
        body_md: body.trim().to_string(),
        published: true,
        ..ArticleDraft::default()
    };
    for line in front.lines().filter(|l| !l.trim().is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            bail!("front matter line without a name: {line:?}");
        };
        let value = value.trim().to_string();
        match name.trim() {
            "slug" => draft.slug = value,
            "title" => draft.title = value,
            "summary" => draft.summary = value,
            "category" => draft.category = value,
            "tags" => draft.tags = vec![value],
            "reviewed" => draft.reviewed_on = value,
            other => bail!("unknown front matter field {other:?}"),
        }
    }
    for (name, value) in [
        ("slug", &draft.slug),
        ("title", &draft.title),
        ("summary", &draft.summary),
        ("category", &draft.category),
        ("reviewed", &draft.reviewed_on),
    ] {
        if value.is_empty() {
            bail!("the front matter needs {name}");
        }
    }
    if draft.body_md.is_empty() {
        bail!("the article has no body");
    }
    Ok(draft)
}

/// Saves every demo article as a published article of the demo clinic: a re-run updates the
/// row holding the same translation key and language (or slug) in place.
pub async fn seed(conn: &mut Conn, clinic_id: i64, now: i64) -> anyhow::Result<()> {
    for article in articles()? {
        let draft = &article.draft;
        let key = draft.translation_key.as_deref().unwrap_or_default();
        let existing =
            match db::articles::id_of_translation(conn, clinic_id, key, draft.language).await? {
                Some(id) => Some(id),
                None => db::articles::id_of_slug(conn, clinic_id, &draft.slug).await?,
            };
        match existing {
            Some(id) => db::articles::update(conn, clinic_id, id, draft, None, now)
                .await
                .with_context(|| format!("saving demo article {}", article.file))?,
            None => {
                db::articles::insert(conn, clinic_id, draft, None, now)
                    .await
                    .with_context(|| format!("saving demo article {}", article.file))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::library::is_valid_slug;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn every_demo_article_is_complete_and_comes_in_english_and_spanish() {
        let articles = articles().expect("every demo file parses");
        let mut languages: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        let mut slugs = BTreeSet::new();
        for article in &articles {
            let draft = &article.draft;
            assert!(
                is_valid_slug(&draft.slug),
                "{}: slug {:?}",
                article.file,
                draft.slug
            );
            assert!(
                slugs.insert(draft.slug.clone()),
                "{}: slug used twice",
                article.file
            );
            assert!(
                app::wire::fixed::date(&draft.reviewed_on).is_some(),
                "{}: reviewed must be YYYY-MM-DD",
                article.file
            );
            assert!(draft.title.chars().count() <= 200, "{}", article.file);
            assert!(draft.summary.chars().count() <= 500, "{}", article.file);
            let key = draft.translation_key.clone().unwrap();
            assert!(is_valid_slug(&key), "{}: key", article.file);
            languages
                .entry(key)
                .or_default()
                .insert(draft.language.code());
        }
        for (key, found) in &languages {
            assert_eq!(found.len(), 2, "{key} needs an .en.md and an .es.md");
        }
    }

    #[test]
    fn links_between_demo_articles_point_at_existing_slugs() {
        let articles = articles().unwrap();
        let slugs: BTreeSet<&str> = articles.iter().map(|a| a.draft.slug.as_str()).collect();
        for article in &articles {
            for link in article.draft.body_md.split("/learn/demo/").skip(1) {
                let slug: String = link
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                assert!(
                    slugs.contains(slug.as_str()),
                    "{} links to /learn/demo/{slug}, which is no demo article",
                    article.file
                );
            }
        }
    }

    #[test]
    fn a_file_is_front_matter_then_markdown() {
        let draft = parse(
            "low-back-pain.en.md",
            "---\nslug: low-back-pain\ntitle: Low back pain\nsummary: Most gets better.\n\
             category: Back pain\ntags: back, pain\nreviewed: 2026-10-15\n---\n# Move\n\nKeep moving.\n",
        )
        .unwrap();
        assert_eq!(draft.slug, "low-back-pain");
        assert_eq!(draft.language, Language::En);
        assert_eq!(draft.translation_key.as_deref(), Some("low-back-pain"));
        assert_eq!(draft.category, "Back pain");
        assert_eq!(draft.body_md, "# Move\n\nKeep moving.");
        assert!(draft.published);
        assert!(parse("x.fr.md", "---\nslug: x\n---\nbody").is_err());
        assert!(parse("x.en.md", "no front matter").is_err());
        assert!(
            parse("x.en.md", "---\nslug: x\n---\nbody").is_err(),
            "title missing"
        );
    }
}

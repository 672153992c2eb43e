//! What the parser finds in every fixture article, as a reviewed JSON snapshot: a change to the
//! parser shows in review as the claims it gained, lost or changed, article by article.
//!
//! After an intended change: `INSTA_UPDATE=always cargo test -p claims-news-article --test
//! snapshots` (or `cargo insta review`), then read the diff of `tests/snapshots/`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use claims_plugin::ParseRequest;

#[test]
fn every_fixture_article_parses_as_its_snapshot() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let sources = news_article::eval::load_sources(
        &std::fs::read_to_string(dir.join("sources.json")).expect("fixtures/sources.json"),
    )
    .expect("sources load");
    let mut articles: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    articles.sort();
    assert!(articles.len() >= 60, "expected the fixture articles");
    let mut changed = Vec::new();
    for path in articles {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name")
            .to_string();
        let claims = news_article::parse(&ParseRequest {
            document: std::fs::read_to_string(&path).expect("article"),
            path: None,
            sources: sources.clone(),
        });
        let mut settings = insta::Settings::clone_current();
        settings.set_description(format!("fixtures/{name}.txt"));
        settings.set_omit_expression(true);
        // check every article before failing, so one run shows every change
        let checked = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_json_snapshot!(name.as_str(), claims));
        }));
        if checked.is_err() {
            changed.push(name);
        }
    }
    assert!(changed.is_empty(), "snapshots changed: {changed:?}");
}

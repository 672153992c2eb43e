//! The page as text: escaping, bidi markup and self-containment, on a real workspace built
//! through `claims-core`.

use claims_core::Workspace;
use claims_core::claims::{ClaimInput, ClaimPatch};
use claims_core::identity::Identity;

const TOML: &str = r#"
[sources.aljazeera]
name = "الجزيرة"
kind = "outlet"

[sources.reuters]
name = "Reuters"
kind = "agency"

[sources.minister]
name = "وزير الخارجية"
kind = "official"
"#;

struct Fixture {
    _dir: tempfile::TempDir,
    ws: Workspace,
    hostile: String,
    arabic: String,
}

fn input(source: &str, via: &[&str], text: &str) -> ClaimInput {
    ClaimInput {
        source: source.into(),
        via: via.iter().map(|s| s.to_string()).collect(),
        text: text.into(),
        about: Some("talks-resume".into()),
        stance: Some("supports".into()),
        value: None,
        quote: false,
        said_on: Some("2024-03-01".into()),
        reported_on: Some("2024-03-02".into()),
        url: None,
        lang: None,
        note: None,
        label: None,
        revises: None,
    }
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    claims_core::workspace::init(dir.path()).expect("init");
    std::fs::write(dir.path().join("workspace.toml"), TOML).expect("toml");
    let mut ws = Workspace::open(dir.path()).expect("open");
    ws.store_mut().set_author(Identity::anonymous("tester"));
    let arabic = ws
        .add(&ClaimInput {
            lang: Some("ar".into()),
            url: Some("https://example.org/a?x=1&y=<2>".into()),
            ..input(
                "minister",
                &["aljazeera"],
                "قال الوزير إن المحادثات ستستأنف الأسبوع المقبل",
            )
        })
        .expect("add arabic")
        .id
        .to_string();
    let hostile = ws
        .add(&ClaimInput {
            stance: Some("refutes".into()),
            ..input(
                "reuters",
                &[],
                "<script>alert(1)</script> & \"quoted\" <img src=x onerror=alert(2)>",
            )
        })
        .expect("add hostile")
        .id
        .to_string();
    ws.edit(
        &arabic,
        &ClaimPatch {
            text: Some("قال الوزير إن المحادثات ستستأنف الشهر المقبل".into()),
            ..ClaimPatch::default()
        },
        "the minister said month, not week",
    )
    .expect("edit");
    Fixture {
        _dir: dir,
        ws,
        hostile,
        arabic,
    }
}

fn page(f: &Fixture) -> String {
    let data = f.ws.report_data(&[], &mut |_| {}).expect("report data");
    crate::render(&data)
}

#[test]
fn user_text_is_escaped_never_markup() {
    let f = fixture();
    let html = page(&f);
    assert!(
        !html.contains("<script"),
        "a raw <script> tag reached the page"
    );
    assert!(!html.contains("<img"), "a raw <img> tag reached the page");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;"));
    assert!(html.contains(&format!("id=\"c-{}\"", f.hostile)));
}

#[test]
fn arabic_text_carries_dir_auto_and_its_language() {
    let f = fixture();
    let html = page(&f);
    assert!(
        html.contains(
            "<p class=\"claim-text\" dir=\"auto\" lang=\"ar\">قال الوزير إن المحادثات ستستأنف الشهر المقبل</p>"
        ),
        "the Arabic claim's text is not a dir=auto, lang=ar block"
    );
    // The word diff of the edit keeps the claim's language and direction, word by word.
    assert!(html.contains("<span class=\"words\" dir=\"auto\" lang=\"ar\">"));
    assert!(html.contains("<del>الأسبوع</del>"));
    assert!(html.contains("<ins>الشهر</ins>"));
    // Source keys in chains are isolated, so an Arabic neighbour cannot reorder them.
    assert!(html.contains("<bdi>minister</bdi> ← <bdi>aljazeera</bdi>"));
    assert!(html.contains(&format!("id=\"c-{}\"", f.arabic)));
}

#[test]
fn every_element_with_user_text_says_its_direction() {
    let f = fixture();
    let html = page(&f);
    for class in ["claim-text", "words"] {
        for (i, _) in html.match_indices(&format!("class=\"{class}\"")) {
            let tag_end = html[i..].find('>').expect("tag ends") + i;
            assert!(
                html[i..tag_end].contains("dir=\"auto\""),
                "{class} without dir=auto: {}",
                &html[i..tag_end]
            );
        }
    }
}

#[test]
fn the_page_is_self_contained() {
    let f = fixture();
    let html = page(&f);
    // The claim's URL is shown as text (escaped), never as a link or a resource.
    assert!(html.contains("https://example.org/a?x=1&amp;y=&lt;2&gt;"));
    let without_text = html.replace("https://example.org/a?x=1&amp;y=&lt;2&gt;", "");
    for needle in [
        "http://",
        "https://",
        "//",
        "@import",
        "<script",
        "stylesheet",
        "<iframe",
        "<object",
        "<embed",
    ] {
        let bad = without_text
            .match_indices(needle)
            .map(|(i, _)| &without_text[i.saturating_sub(40)..(i + 40).min(without_text.len())])
            .find(|ctx| {
                ctx.contains("src=")
                    || ctx.contains("href=")
                    || ctx.contains("url(")
                    || !needle.contains("//")
            });
        assert!(
            bad.is_none(),
            "`{needle}` in a place that could fetch: {bad:?}"
        );
    }
    for attr in ["src=\"", "href=\"", "url("] {
        for (i, _) in without_text.match_indices(attr) {
            let value = &without_text[i + attr.len()..];
            assert!(
                value.starts_with('#') || value.starts_with("data:"),
                "{attr} pointing outside the page: {}",
                &value[..value.len().min(60)]
            );
        }
    }
    assert!(html.contains(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        crate::CSP
    )));
    assert!(crate::CSP.starts_with("default-src 'none'"));
}

#[test]
fn every_claim_version_hash_and_diff_is_in_the_page() {
    let f = fixture();
    let data = f.ws.report_data(&[], &mut |_| {}).expect("report data");
    let html = crate::render(&data);
    assert_eq!(data.claims.len(), 2);
    for c in &data.claims {
        for v in &c.versions {
            assert!(html.contains(&v.hash.to_hex()), "version hash missing");
        }
    }
    assert!(html.contains("class=\"diff\" data-from=\"1\" data-to=\"2\""));
    assert!(html.contains("id=\"p-talks-resume\""));
    // The relay graph's one edge, and the trust method named.
    assert!(html.contains("data-from=\"minister\" data-to=\"aljazeera\""));
    assert!(html.contains(&format!(
        "<strong class=\"method\">{}</strong>",
        data.trust.method
    )));
}

#[test]
fn selecting_a_proposition_shows_only_its_claims() {
    let mut f = fixture();
    f.ws.add(&ClaimInput {
        about: Some("other-question".into()),
        ..input("reuters", &[], "An unrelated claim")
    })
    .expect("add");
    let all = f.ws.report_data(&[], &mut |_| {}).expect("all");
    assert_eq!(all.claims.len(), 3);
    assert_eq!(all.propositions.len(), 2);
    let one =
        f.ws.report_data(&["other-question".into()], &mut |_| {})
            .expect("one");
    assert_eq!(one.claims.len(), 1);
    assert_eq!(one.propositions.len(), 1);
    let html = crate::render(&one);
    assert!(html.contains("An unrelated claim"));
    assert!(!html.contains(&f.hostile));
    assert!(
        f.ws.report_data(&["no-such-key".into()], &mut |_| {})
            .is_err()
    );
}

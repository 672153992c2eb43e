//! The parser measured on the shipped fixtures: fails when a change loses claims it used to find.

use std::path::Path;

use claims_plugin::ParseRequest;
use news_article::eval::{Level, evaluate_dir, total};

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

#[test]
fn micro_f1_stays_above_the_floor() {
    let docs = evaluate_dir(&fixtures(), false).expect("fixtures load");
    assert!(docs.len() >= 6, "expected at least six fixture articles");
    for (lang, floor) in [(None, 0.85), (Some("ar"), 0.8), (Some("en"), 0.8)] {
        let origin = total(&docs, lang, Level::Origin);
        let full = total(&docs, lang, Level::Full);
        println!(
            "{:<3} origin P {:.3} R {:.3} F1 {:.3} | full F1 {:.3}",
            lang.unwrap_or("all"),
            origin.precision(),
            origin.recall(),
            origin.f1(),
            full.f1()
        );
        assert!(
            origin.f1() >= floor,
            "{lang:?}: origin F1 {:.3} < {floor}",
            origin.f1()
        );
        assert!(
            full.f1() >= floor - 0.1,
            "{lang:?}: full F1 {:.3} < {}",
            full.f1(),
            floor - 0.1
        );
    }
}

#[test]
fn spans_are_exact_slices_of_the_document() {
    let sources = news_article::eval::load_sources(
        &std::fs::read_to_string(fixtures().join("sources.json")).unwrap(),
    )
    .unwrap();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let doc = std::fs::read_to_string(&path).unwrap();
        let req = ParseRequest {
            document: doc.clone(),
            path: None,
            sources: sources.clone(),
        };
        for c in news_article::parse(&req) {
            assert!(doc.is_char_boundary(c.span.start) && doc.is_char_boundary(c.span.end));
            assert_eq!(&doc[c.span.start..c.span.end], c.text, "{}", path.display());
            assert!(matches!(c.lang.as_deref(), Some("ar" | "en")));
            if let Some(d) = &c.said_on {
                assert_eq!(d.len(), 10, "said_on is YYYY-MM-DD");
            }
        }
    }
}

#[test]
fn nested_chain_and_refusal_in_arabic() {
    let doc = "وذكرت صحيفة نيويورك تايمز، نقلاً عن مصادر أمريكية وحليفة، الإثنين 4 سبتمبر/أيلول 2023، أن الزعيم سيسافر.\nوقالت الصحيفة إن الرحلة بالقطار.\nورد المتحدث باسم الكرملين دميتري بيسكوف قائلاً: \"لا يمكنني الرد\".";
    let req = ParseRequest {
        document: doc.to_string(),
        path: None,
        sources: vec![],
    };
    let claims = news_article::parse(&req);
    assert_eq!(claims[0].origin, "مصادر أمريكية وحليفة");
    assert_eq!(claims[0].via, vec!["صحيفة نيويورك تايمز".to_string()]);
    assert_eq!(claims[0].said_on.as_deref(), Some("2023-09-04"));
    assert_eq!(claims[1].origin, "صحيفة نيويورك تايمز");
}

#[test]
fn english_citing_chain_without_sources() {
    let doc = "Reuters, citing Yonhap, which cited intelligence officials, said the drills were planned. He declined to comment.";
    let req = ParseRequest {
        document: doc.to_string(),
        path: None,
        sources: vec![],
    };
    let claims = news_article::parse(&req);
    assert_eq!(claims[0].origin, "intelligence officials");
    assert_eq!(
        claims[0].via,
        vec!["Yonhap".to_string(), "Reuters".to_string()]
    );
    assert_eq!(claims[1].stance, claims_plugin::SpeechAct::Declines);
}

#[test]
fn never_panics_on_cut_or_odd_text() {
    let mut docs: Vec<String> = vec![
        String::new(),
        "\"".into(),
        "«".into(),
        "said".into(),
        "قال".into(),
        ", said .".into(),
        "وقال: \"".into(),
        "According to".into(),
        "citing".into(),
        "نقلا عن".into(),
        "\"a\" \"b\" \"c".into(),
        "U.S. . . ...".into(),
        "ـــ ً ٌ".into(),
        "He said: «لا تعليق» and \"no comment\".".into(),
    ];
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") {
            let doc = std::fs::read_to_string(&path).unwrap();
            // every prefix cut at a char boundary, in coarse steps
            let cuts: Vec<usize> = doc.char_indices().map(|(i, _)| i).step_by(251).collect();
            for c in cuts {
                docs.push(doc[..c].to_string());
                docs.push(doc[c..].to_string());
            }
        }
    }
    for d in docs {
        let req = ParseRequest {
            document: d.clone(),
            path: None,
            sources: vec![],
        };
        for c in news_article::parse(&req) {
            assert!(c.span.start < c.span.end && c.span.end <= d.len());
            assert_eq!(&d[c.span.start..c.span.end], c.text);
        }
    }
}

#[test]
fn dates_come_from_the_attribution_not_the_content_or_dateline() {
    let doc = "WASHINGTON, Sept. 6, 2023 - Sullivan said on Tuesday, September 5, 2023, that the plane flew on July 31.\nوقال شويغو، الإثنين 4 سبتمبر/أيلول، إن الطائرة عادت في 2 أغسطس/آب.";
    let req = ParseRequest {
        document: doc.to_string(),
        path: None,
        sources: vec![],
    };
    let claims = news_article::parse(&req);
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[0].said_on.as_deref(), Some("2023-09-05"));
    assert_eq!(claims[0].lang.as_deref(), Some("en"));
    assert_eq!(claims[1].origin, "شويغو");
    assert_eq!(claims[1].said_on.as_deref(), Some("2023-09-04"));
    assert_eq!(claims[1].lang.as_deref(), Some("ar"));
}

#[test]
fn crlf_documents_parse_like_lf_ones() {
    let sources = news_article::eval::load_sources(
        &std::fs::read_to_string(fixtures().join("sources.json")).unwrap(),
    )
    .unwrap();
    for name in ["nk-trip.ar.txt", "wheat.en.txt"] {
        let lf = std::fs::read_to_string(fixtures().join(name)).unwrap();
        let crlf = lf.replace('\n', "\r\n");
        let run = |d: &str| {
            news_article::parse(&ParseRequest {
                document: d.to_string(),
                path: None,
                sources: sources.clone(),
            })
        };
        let (a, b) = (run(&lf), run(&crlf));
        assert_eq!(a.len(), b.len(), "{name}");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!((&x.origin, &x.via, &x.text), (&y.origin, &y.via, &y.text));
        }
    }
}

//! Tables on a real terminal: the width the terminal reports (not `$COLUMNS`), ids, keys and
//! dates never split, prose clipped at a word with `…`, Arabic words never broken, and
//! `agree --matrix` falling back to pairs when the matrix cannot fit.

use crate::support::*;

const LONG_AR: &str = "اقترح وزير الدفاع الروسي على بيونغ يانغ إجراء مناورات بحرية مشتركة قرب فلاديفوستوك في الخريف المقبل بحسب ما نقلته وكالة يونهاب عن جهاز الاستخبارات";
const LONG_EN: &str = "North Korea will pay a price in the international community if it supplies weapons to Russia for the war in Ukraine, the national security adviser said";

fn workspace() -> (Ws, Vec<String>) {
    let ws = Ws::with_sources();
    let a = ws.add(&[
        "--source",
        "nis",
        "--via",
        "yonhap",
        "--about",
        "dprk-arms-warning",
        "--stance",
        "supports",
        "--said-on",
        "2023-09-04",
        "--text",
        LONG_AR,
    ]);
    let b = ws.add(&[
        "--source",
        "sullivan",
        "--via",
        "white-house",
        "--about",
        "dprk-arms-warning",
        "--stance",
        "supports",
        "--said-on",
        "2023-09-05",
        "--text",
        LONG_EN,
    ]);
    (ws, vec![a, b])
}

/// The table rows of `list` (the header dropped).
fn rows(out: &str) -> Vec<&str> {
    out.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn list_uses_the_width_the_terminal_reports() {
    let (ws, ids) = workspace();
    let wide = on_terminal(&ws, &["list"], 200);
    let widest = wide.lines().map(width).max().unwrap();
    assert!(widest > 100 && widest < 200, "{widest} columns:\n{wide}");
    // Each claim is one line, never wrapped.
    assert_eq!(rows(&wide).len(), 2, "{wide}");
    let narrow = on_terminal(&ws, &["list"], 76);
    assert_eq!(rows(&narrow).len(), 2, "{narrow}");
    for line in narrow.lines() {
        assert!(
            width(line) < 76,
            "{} columns: {line}\n{narrow}",
            width(line)
        );
    }
    for (row, id) in rows(&narrow).iter().zip(&ids) {
        // The short id, the key and the date are whole.
        assert!(row.contains(&id[..12]), "{row}");
        assert!(row.contains("dprk-arms-warning"), "{row}");
        assert!(row.contains("2023-09-0"), "{row}");
        assert!(row.ends_with('…'), "clipped with an ellipsis: {row}");
    }
}

#[test]
fn clipped_text_keeps_whole_words_in_arabic_and_english() {
    let (ws, _) = workspace();
    for cols in [80, 100, 140] {
        let out = on_terminal(&ws, &["list"], cols);
        for (row, text) in rows(&out).iter().zip([LONG_AR, LONG_EN]) {
            let words: Vec<&str> = text.split(' ').collect();
            // The text cell is the row's tail from its first word.
            let start = row
                .find(words[0])
                .unwrap_or_else(|| panic!("{cols}: {row}"));
            let shown = row[start..].trim_end_matches('…').trim_end();
            for w in shown.split(' ') {
                assert!(
                    words.contains(&w),
                    "{cols} columns: `{w}` is not a whole word: {row}"
                );
            }
            assert!(text.starts_with(shown), "{cols}: {row}");
        }
    }
}

#[test]
fn piped_output_is_never_clipped() {
    let (ws, _) = workspace();
    let out = ws.ok(&["list"]);
    assert!(out.contains(LONG_AR), "{out}");
    assert!(out.contains(LONG_EN), "{out}");
}

#[test]
fn agree_matrix_falls_back_to_pairs_when_it_cannot_fit() {
    let keys: Vec<String> = (0..30).map(|i| format!("outlet-number-{i:02}")).collect();
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let ws = Ws::with_keys(&refs);
    for p in ["p1", "p2"] {
        for k in &keys {
            ws.say(k, p, "supports", &[]);
        }
    }
    let out = on_terminal(&ws, &["agree", "--matrix"], 100);
    assert!(out.contains("wider than this terminal"), "{out}");
    assert!(out.contains("SOURCE A"), "{out}");
    for line in out.lines() {
        assert!(width(line) < 100, "{} columns: {line}", width(line));
    }
    // A matrix that fits is still a matrix.
    let small = Ws::with_keys(&["a", "b"]);
    small.say("a", "p", "supports", &[]);
    small.say("b", "p", "supports", &[]);
    let out = on_terminal(&small, &["agree", "--matrix"], 100);
    assert!(out.contains("Cohen's kappa between sources"), "{out}");
}

#[test]
fn long_commands_show_progress_on_a_terminal_only() {
    use crate::plugin_support::*;
    let ws = news_ws(DECLINERS);
    let mut args = vec!["ingest", "--parser", "news-article", "--dry-run"];
    let names: Vec<String> = (0..4).map(|i| format!("a{i}.txt")).collect();
    for n in &names {
        ws.file(n, EN_ARTICLE);
    }
    args.extend(names.iter().map(String::as_str));
    let drawn = on_terminal_raw(&ws, &args, 100);
    assert!(drawn.contains("/4 files"), "a bar over the files: {drawn}");
    // Erased once done: what stays on the screen is the output alone.
    let shown = on_terminal(&ws, &args, 100);
    assert!(!shown.contains("/4 files"), "{shown}");
    let piped = ws.cmd().args(&args).assert().success();
    let stderr = String::from_utf8_lossy(&piped.get_output().stderr).into_owned();
    assert!(
        !stderr.contains("files"),
        "nothing drawn when not on a terminal: {stderr}"
    );
    let stdout = String::from_utf8_lossy(&piped.get_output().stdout).into_owned();
    assert!(!stdout.contains("/4 files"), "{stdout}");
}

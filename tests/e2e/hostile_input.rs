//! Input from strangers: sizes are bounded (and refused before being read whole), and escape
//! sequences in stored text are shown, not obeyed, while storage and `--json` keep every byte.

use crate::plugin_support::*;
use crate::support::*;

/// Text that would retitle the terminal, clear the screen and ring the bell if printed raw.
const HOSTILE: &str = "Kim\u{1b}]0;pwned\u{7}\u{1b}[2J visits\r\u{9b}31m Russia\u{7f}";

#[test]
fn escape_sequences_in_claims_are_shown_not_obeyed_and_kept_byte_exact() {
    let ws = Ws::with_sources();
    let id = ws.add(&[
        "--source",
        "nyt",
        "--text",
        HOSTILE,
        "--note",
        "first\u{1b}[31m",
    ]);
    ws.ok(&[
        "edit",
        &id,
        "--text",
        &format!("{HOSTILE} again"),
        "--note",
        "bell\u{7}",
    ]);
    for args in [
        vec!["list"],
        vec!["show", id.as_str()],
        vec!["log", id.as_str()],
        vec!["diff", id.as_str()],
    ] {
        for colour in ["0", "1"] {
            let out = ws
                .cmd()
                .env_remove("NO_COLOR")
                .env("CLICOLOR_FORCE", colour)
                .args(&args)
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?}");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(
                !text.contains("\u{1b}]") && !text.contains("\u{1b}[2J") && !text.contains('\u{7}'),
                "{args:?} printed a raw escape sequence: {text:?}"
            );
            assert!(
                !text.contains('\r') && !text.contains('\u{9b}'),
                "{args:?}: {text:?}"
            );
            assert!(
                text.contains("␛]0;pwned␇␛[2J"),
                "{args:?} hides what is there: {text}"
            );
            if colour == "1" && args[0] == "diff" {
                assert!(
                    text.contains("\u{1b}["),
                    "our own colours still work: {text:?}"
                );
            }
        }
    }
    // Storage and JSON keep the exact bytes.
    assert_eq!(ws.show(&id)["text"], format!("{HOSTILE} again"));
    let first = ws.log(&id).into_iter().find(|v| v["seq"] == 1).unwrap();
    assert_eq!(first["text"], HOSTILE);
}

#[test]
fn an_endless_import_line_is_refused_without_reading_it_whole() {
    let ws = Ws::with_sources();
    ws.write_toml(&format!("{}\n[limits]\nmax_line_bytes = 1000\n", ws.toml()));
    let good = r#"{"source": "nyt", "text": "a short claim"}"#;
    let long = format!(r#"{{"source": "nyt", "text": "{}"}}"#, "x".repeat(2000));
    let path = ws.file("big.jsonl", &format!("{good}\n{long}\n{good}\n"));
    let before = ws.state();
    for extra in [&[][..], &["--skip-bad"][..]] {
        let mut args = vec!["import", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = ws.cmd().args(&args).output().unwrap();
        let line = one_error_line(&out);
        assert!(line.contains("big.jsonl:2:"), "{line}");
        assert!(
            line.contains("larger than the limit of 1000 bytes"),
            "{line}"
        );
        assert!(line.contains("max_line_bytes"), "{line}");
        assert_eq!(ws.state(), before, "nothing recorded");
    }
    // /dev/zero has no line break at all: refused once the default limit (16 MiB) is passed.
    let ws = Ws::with_sources();
    let out = ws.cmd().args(["import", "/dev/zero"]).output().unwrap();
    let line = one_error_line(&out);
    assert!(
        line.contains("/dev/zero:1:") && line.contains("16 MiB"),
        "{line}"
    );
}

#[test]
fn oversized_texts_and_documents_are_refused_and_limits_are_validated() {
    let ws = Ws::with_sources();
    ws.write_toml(&format!(
        "{}\n[limits]\nmax_text_bytes = 64\nmax_document_bytes = 100\n{}",
        ws.toml(),
        plugin_decl("news-article", &libs().news_article, "")
    ));
    let before = ws.state();
    let out = ws
        .cmd()
        .args(["add", "--source", "nyt", "--text", &"و".repeat(40)])
        .output()
        .unwrap();
    let line = one_error_line(&out);
    assert!(
        line.contains("the text is larger than the limit of 64 bytes"),
        "{line}"
    );
    let id = ws.add(&["--source", "nyt", "--text", "short"]);
    let out = ws
        .cmd()
        .args(["edit", &id, "--text", &"x".repeat(65), "--note", "long"])
        .output()
        .unwrap();
    assert!(one_error_line(&out).contains("max_text_bytes"));
    ws.file(
        "long.txt",
        &"The ministry said the bridge will reopen. ".repeat(10),
    );
    let out = run(
        &ws,
        &[],
        &["ingest", "long.txt", "--parser", "news-article"],
    );
    let line = one_error_line(&out);
    assert!(
        line.contains("long.txt is larger than the limit of 100 bytes"),
        "{line}"
    );
    assert_eq!(ws.list_all().len(), 1, "only the short claim: {:?}", before);

    for bad in ["0", "-1", "99999999999", "\"big\""] {
        ws.write_toml(&format!("[limits]\nmax_text_bytes = {bad}\n"));
        let out = ws.cmd().arg("list").output().unwrap();
        let line = one_error_line(&out);
        assert!(line.contains("workspace.toml:2:"), "{bad}: {line}");
    }
}

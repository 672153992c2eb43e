//! Measures the parser on a directory of articles with gold claims (default: the fixtures) and
//! prints precision, recall and micro F1 overall and per language.
//!
//! `cargo run -p claims-news-article --example eval -- [DIR] [-v]`

use news_article::eval::{Level, evaluate_dir, total};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"));
    let docs = match evaluate_dir(&dir, verbose) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("eval: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "{:<14} {:<6} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}",
        "level", "lang", "tp", "fp", "fn", "P", "R", "F1"
    );
    for (name, level) in [
        ("origin", Level::Origin),
        ("origin+via", Level::Via),
        ("full", Level::Full),
    ] {
        for lang in [None, Some("ar"), Some("en")] {
            let c = total(&docs, lang, level);
            println!(
                "{:<14} {:<6} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}",
                name,
                lang.unwrap_or("all"),
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
    }
}

//! `news-article`: a `claims` parser plugin that reads Arabic and English news articles and
//! returns who claimed what, through whom, with exact byte spans into the document.
//!
//! The work is a pure function, [`parse`], so it can be tested and measured without the plugin
//! ABI; [`NewsArticle`] is what the SDK's export macro exposes to the host.

#![warn(missing_docs)]

mod dates;
pub mod eval;
pub(crate) mod extract;
pub mod fold;
mod sources;
mod text;

use claims_plugin::{Manifest, ParseRequest, ParsedClaim, PluginKind};

/// Reads a news article and returns its attributed claims, in document order.
pub fn parse(req: &ParseRequest) -> Vec<ParsedClaim> {
    let doc = req.document.as_str();
    let quotes = text::find_quotes(doc);
    let index = sources::SourceIndex::new(&req.sources);
    let all = text::tokens(doc, 0, doc.len(), &quotes);
    let mut reader = extract::Reader {
        doc,
        quotes: &quotes,
        index: &index,
        year: dates::document_year(&all),
        history: Vec::new(),
        last: None,
        sent_speaker: None,
        anaphoric: false,
    };
    let mut out = Vec::new();
    for (s, e) in text::sentences(doc, &quotes) {
        let toks = text::tokens(doc, s, e, &quotes);
        out.extend(reader.sentence(s, e, &toks));
    }
    out
}

/// The plugin as the host sees it, so the SDK's export macro has a type to expose.
// wire: export_plugin!(NewsArticle) once the SDK's `Plugin` trait and macro land on main;
// `manifest` and `parse` below are the two methods that trait needs from a parser.
#[derive(Debug, Default, Clone, Copy)]
pub struct NewsArticle;

impl NewsArticle {
    /// Who the plugin is, for `claims plugin list` and `--parser news-article`.
    pub fn manifest(&self) -> Manifest {
        Manifest {
            name: "news-article".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            kinds: vec![PluginKind::Parser],
            description: "Attributed claims from Arabic and English news articles".to_string(),
        }
    }

    /// Parses one document for the host; see [`parse`].
    pub fn parse(&self, req: &ParseRequest) -> Vec<ParsedClaim> {
        parse(req)
    }
}

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
    let mut reader = extract::Reader::new(doc, &quotes, &index, dates::document_year(&all));
    let mut out = Vec::new();
    for (s, e) in text::sentences(doc, &quotes) {
        let toks = text::tokens(doc, s, e, &quotes);
        out.extend(reader.sentence(s, e, &toks));
    }
    out
}

/// The plugin as the host sees it: a parser, exported through the SDK's C ABI.
#[derive(Debug, Default, Clone, Copy)]
pub struct NewsArticle;

impl claims_plugin::Plugin for NewsArticle {
    fn manifest(&self) -> Manifest {
        Manifest {
            name: "news-article".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            kinds: vec![PluginKind::Parser],
            description: "Attributed claims from Arabic and English news articles".to_string(),
        }
    }

    fn parse(&self, req: &ParseRequest) -> Result<Vec<ParsedClaim>, String> {
        Ok(parse(req))
    }
}

claims_plugin::export_plugin!(NewsArticle);

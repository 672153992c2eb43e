//! `basic-checks`: the checks every `claims` workspace wants, as a plugin.
//!
//! Rules (see `README.md` for the details and the heuristics):
//! - `single-voice`: a proposition backed by one independent voice only;
//! - `anonymous-only`: a proposition backed only by anonymous sources;
//! - `state-only`: a proposition backed only by state-affiliated sources;
//! - `circular-sourcing`: relay chains and `depends_on` links that loop back;
//! - `quote-drift`: one origin's quote worded differently by two outlets;
//! - `date-sanity`: impossible dates and weekdays that do not fit the claim's date.
//!
//! Every rule groups claims with hash maps in one pass, so a check over a million claims stays
//! well within a few seconds; pairwise work happens only inside small groups.

use claims_plugin::{CheckRequest, Finding, Manifest, Plugin, PluginKind};

mod circular;
mod dates;
mod fasthash;
mod normalize;
mod quotes;
mod sources;
mod support;

/// Name the plugin is declared and called by, so host and manifest agree.
pub const NAME: &str = "basic-checks";

/// Rule names this plugin can report, so callers can filter or document them.
pub const RULES: [&str; 6] = [
    "single-voice",
    "anonymous-only",
    "state-only",
    "circular-sourcing",
    "quote-drift",
    "date-sanity",
];

/// The manifest the host reads before calling `check`, so wiring the plugin needs no literals.
pub fn manifest() -> Manifest {
    Manifest {
        name: NAME.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        kinds: vec![PluginKind::Check],
        description: "Single voice, anonymous or state-only support, circular sourcing, quote drift, date sanity".into(),
    }
}

/// Runs every rule over the request's claims, so the host gets all findings from one call,
/// in a stable order (by rule, then message, then claims).
pub fn check(req: &CheckRequest) -> Vec<Finding> {
    let idx = sources::SourceIndex::new(&req.sources);
    let mut out = Vec::new();
    support::check(req, &idx, &mut out);
    circular::check(req, &idx, &mut out);
    quotes::check(req, &idx, &mut out);
    dates::check(req, &mut out);
    out.sort_unstable_by(|a, b| {
        let rank = |f: &Finding| RULES.iter().position(|r| *r == f.rule);
        (rank(a), &a.message, &a.claims).cmp(&(rank(b), &b.message, &b.claims))
    });
    out
}

/// The plugin object the SDK's export macro serves to the host through the C ABI.
#[derive(Debug, Default, Clone, Copy)]
pub struct BasicChecks;

impl Plugin for BasicChecks {
    fn manifest(&self) -> Manifest {
        manifest()
    }

    fn check(&self, request: &CheckRequest) -> Result<Vec<Finding>, String> {
        Ok(check(request))
    }
}

claims_plugin::export_plugin!(BasicChecks);

#[cfg(test)]
mod tests {
    use super::*;
    use claims_plugin::{ClaimView, SourceInfo, serde_json};

    #[test]
    fn manifest_names_a_check_plugin() {
        let m = manifest();
        assert_eq!(m.name, "basic-checks");
        assert_eq!(m.kinds, [PluginKind::Check]);
    }

    #[test]
    fn the_exported_entry_serves_manifest_and_check_as_json() {
        use claims_plugin::CheckResponse;
        use claims_plugin::abi::{ABI_VERSION, STATUS_OK};

        // SAFETY: the entry returns a pointer to a static table, valid for the whole program.
        let table = unsafe { *claims_plugin_entry() };
        assert_eq!(table.abi_version, ABI_VERSION);
        // SAFETY: the table's manifest is a static byte string of the given length.
        let bytes = unsafe { std::slice::from_raw_parts(table.manifest_ptr, table.manifest_len) };
        let m: Manifest = serde_json::from_slice(bytes).unwrap();
        assert_eq!(m, manifest());

        let request = r#"{"claims": [{"id": "c1", "version": "v", "origin": "a", "text": "x",
            "about": "p", "stance": "supports"}], "sources": []}"#;
        // SAFETY: the request is valid UTF-8 JSON of the given length, alive for the call.
        let buffer = unsafe { table.check.unwrap()(request.as_ptr(), request.len()) };
        assert_eq!(buffer.status, STATUS_OK);
        // SAFETY: the plugin owns the buffer's bytes until it is handed back to `free` below.
        let reply = unsafe { std::slice::from_raw_parts(buffer.ptr, buffer.len) };
        let reply: CheckResponse = serde_json::from_slice(reply).unwrap();
        // SAFETY: the buffer came from this plugin and is freed once.
        unsafe { table.free.unwrap()(buffer) };
        assert_eq!(reply.findings.len(), 1);
        assert_eq!(reply.findings[0].rule, "single-voice");
    }

    #[test]
    fn empty_request_finds_nothing() {
        assert!(check(&CheckRequest::default()).is_empty());
    }

    #[test]
    fn all_rules_from_json_in_a_stable_order() {
        let req: CheckRequest = serde_json::from_value(serde_json::json!({
            "sources": [
                {"key": "anon", "name": "Anonymous official", "kind": "anonymous"},
                {"key": "tass", "name": "TASS", "kind": "agency", "state_affiliated": true},
                {"key": "bbc", "name": "BBC", "kind": "outlet"},
                {"key": "afp", "name": "AFP", "kind": "agency"},
                {"key": "x", "name": "X", "kind": "outlet", "depends_on": ["y"]},
                {"key": "y", "name": "Y", "kind": "outlet", "depends_on": ["x"]}
            ],
            "claims": [
                {"id": "c1", "version": "v", "origin": "anon", "via": ["bbc"], "text": "They struck on Tuesday.",
                 "about": "strike", "stance": "supports", "said_on": "2024-03-07"},
                {"id": "c2", "version": "v", "origin": "tass", "via": ["afp", "tass"], "text": "\"We will respond\"",
                 "about": "response", "stance": "supports", "quote": true},
                {"id": "c3", "version": "v", "origin": "tass", "via": ["bbc"], "text": "\"We shall respond\"",
                 "about": "response", "stance": "supports", "quote": true,
                 "said_on": "2024-03-08", "reported_on": "2024-03-07"}
            ]
        }))
        .unwrap();
        let f = check(&req);
        let rules: Vec<&str> = f.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(
            rules,
            [
                "single-voice",
                "single-voice",
                "anonymous-only",
                "state-only",
                "circular-sourcing",
                "circular-sourcing",
                "quote-drift",
                "date-sanity",
                "date-sanity",
            ],
            "{f:#?}"
        );
        let json = serde_json::to_string(&f).unwrap();
        assert!(json.contains("\"severity\":\"error\""));
        // Unused fields of the view stay optional.
        let _ = ClaimView::default();
        let _ = SourceInfo::default();
    }
}

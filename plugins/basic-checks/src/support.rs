//! Rules about who backs a proposition: `single-voice`, `anonymous-only` and `state-only`.

use claims_plugin::{CheckRequest, ClaimView, Finding, Severity};

use crate::fasthash::FastMap;
use crate::sources::{SourceIndex, name_list};

/// How many source names a message lists before "and N more".
const MAX_NAMES: usize = 5;

/// Whether `c` backs its proposition: stance `supports`, or a claimed value unless the stance
/// is `refutes`.
pub(crate) fn backs(c: &ClaimView) -> bool {
    match c.stance.as_deref().map(str::trim) {
        Some(s) if s.eq_ignore_ascii_case("supports") => true,
        Some(s) if s.eq_ignore_ascii_case("refutes") => false,
        _ => c.value.is_some(),
    }
}

/// Checks every proposition's backing claims, grouped by `about` in one pass.
pub(crate) fn check(req: &CheckRequest, idx: &SourceIndex<'_>, out: &mut Vec<Finding>) {
    let mut by_about: FastMap<&str, Vec<usize>> = FastMap::default();
    for (i, c) in req.claims.iter().enumerate() {
        if let Some(about) = c.about.as_deref()
            && backs(c)
        {
            by_about.entry(about).or_default().push(i);
        }
    }
    for (about, members) in by_about {
        // One pass that stops as soon as no rule can fire: the common case allocates nothing.
        let first = idx.voice(&req.claims[members[0]].origin);
        let (mut one_voice, mut anonymous, mut state) = (true, true, true);
        for &i in &members {
            let o = req.claims[i].origin.as_str();
            one_voice = one_voice && idx.voice(o) == first;
            anonymous = anonymous && idx.is_anonymous(o);
            state = state && idx.is_state(o);
            if !(one_voice || anonymous || state) {
                break;
            }
        }
        if !(one_voice || anonymous || state) {
            continue;
        }
        let mut origins: Vec<&str> = members
            .iter()
            .map(|&i| req.claims[i].origin.as_str())
            .collect();
        origins.sort_unstable();
        origins.dedup();
        let claims: Vec<&ClaimView> = members.iter().map(|&i| &req.claims[i]).collect();
        let mut ids: Vec<String> = claims.iter().map(|c| c.id.clone()).collect();
        ids.sort_unstable();
        let n = claims.len();
        let plural = if n == 1 { "claim" } else { "claims" };

        if one_voice {
            let message = if origins.len() == 1 {
                let mut relays: Vec<&str> = claims
                    .iter()
                    .filter_map(|c| c.via.last().map(String::as_str))
                    .filter(|v| *v != origins[0])
                    .collect();
                relays.sort_unstable();
                relays.dedup();
                let relayed = if relays.is_empty() {
                    String::new()
                } else {
                    format!(", relayed by {}", name_list(idx, &relays, MAX_NAMES))
                };
                format!(
                    "proposition `{about}` is backed by a single independent voice: {} ({n} {plural}{relayed})",
                    name_list(idx, &origins, MAX_NAMES)
                )
            } else {
                // Distinct origins share a voice only through `depends_on`.
                format!(
                    "proposition `{about}` is backed by a single independent voice: {} (sources joined through depends_on; {n} {plural})",
                    name_list(idx, &origins, MAX_NAMES)
                )
            };
            out.push(Finding {
                rule: "single-voice".into(),
                severity: Severity::Warning,
                claims: ids.clone(),
                message,
            });
        }

        if anonymous {
            out.push(Finding {
                rule: "anonymous-only".into(),
                severity: Severity::Warning,
                claims: ids.clone(),
                message: format!(
                    "proposition `{about}` is backed only by anonymous sources: {} ({n} {plural})",
                    name_list(idx, &origins, MAX_NAMES)
                ),
            });
        }

        if state {
            out.push(Finding {
                rule: "state-only".into(),
                severity: Severity::Warning,
                claims: ids,
                message: format!(
                    "proposition `{about}` is backed only by state-affiliated sources: {} ({n} {plural})",
                    name_list(idx, &origins, MAX_NAMES)
                ),
            });
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::sources::tests::src;
    use claims_plugin::SourceInfo;

    /// A claim for tests: `id` by `origin` via `via` (innermost first) on `about`.
    pub(crate) fn claim(
        id: &str,
        origin: &str,
        via: &[&str],
        about: &str,
        stance: &str,
    ) -> ClaimView {
        ClaimView {
            id: id.into(),
            origin: origin.into(),
            via: via.iter().map(|v| v.to_string()).collect(),
            text: format!("claim {id}"),
            about: Some(about.into()),
            stance: Some(stance.into()),
            ..Default::default()
        }
    }

    fn run(claims: Vec<ClaimView>, sources: Vec<SourceInfo>) -> Vec<Finding> {
        let req = CheckRequest { claims, sources };
        let idx = SourceIndex::new(&req.sources);
        let mut out = Vec::new();
        check(&req, &idx, &mut out);
        out.sort_by(|a, b| (&a.rule, &a.message).cmp(&(&b.rule, &b.message)));
        out
    }

    fn rules(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|f| f.rule.as_str()).collect()
    }

    fn outlets() -> Vec<SourceInfo> {
        vec![
            src("reuters", "agency", &[]),
            src("afp", "agency", &[]),
            src("bbc", "outlet", &[]),
            src("aljazeera", "outlet", &[]),
            src("relay", "outlet", &["reuters"]),
        ]
    }

    #[test]
    fn one_origin_relayed_by_many_outlets_is_one_voice() {
        let f = run(
            vec![
                claim("c1", "reuters", &["bbc"], "p1", "supports"),
                claim("c2", "reuters", &["aljazeera"], "p1", "supports"),
                claim("c3", "reuters", &[], "p1", "supports"),
            ],
            outlets(),
        );
        assert_eq!(rules(&f), ["single-voice"]);
        assert_eq!(f[0].claims, ["c1", "c2", "c3"]);
        assert_eq!(
            f[0].message,
            "proposition `p1` is backed by a single independent voice: REUTERS (3 claims, relayed by ALJAZEERA, BBC)"
        );
    }

    #[test]
    fn sources_joined_by_depends_on_are_one_voice() {
        let f = run(
            vec![
                claim("c1", "reuters", &[], "p1", "supports"),
                claim("c2", "relay", &[], "p1", "supports"),
            ],
            outlets(),
        );
        assert_eq!(rules(&f), ["single-voice"]);
        assert!(
            f[0].message
                .contains("RELAY, REUTERS (sources joined through depends_on; 2 claims)")
        );
    }

    #[test]
    fn two_independent_voices_are_fine_and_refutations_do_not_back() {
        let f = run(
            vec![
                claim("c1", "reuters", &[], "p1", "Supports"),
                claim("c2", "afp", &[], "p1", " supports "),
                claim("c3", "bbc", &[], "p2", "refutes"),
                claim("c4", "aljazeera", &[], "p2", "neutral"),
            ],
            outlets(),
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_value_backs_unless_refuted() {
        let mut v1 = claim("c1", "bbc", &[], "casualties", "neutral");
        v1.value = Some("40".into());
        v1.stance = None;
        let mut v2 = claim("c2", "afp", &[], "casualties", "refutes");
        v2.value = Some("12".into());
        let f = run(vec![v1, v2], outlets());
        assert_eq!(rules(&f), ["single-voice"]);
        assert_eq!(f[0].claims, ["c1"]);
    }

    #[test]
    fn anonymous_only_in_arabic_and_english() {
        let mut sources = outlets();
        sources.push(src("anon-official", "anonymous", &[]));
        sources.push(src("مصدر-مطلع", "anonymous", &[]));
        let f = run(
            vec![
                claim("c1", "anon-official", &["bbc"], "p1", "supports"),
                claim("c2", "مصدر-مطلع", &["aljazeera"], "p1", "supports"),
                // Mixed support is not anonymous-only.
                claim("c3", "anon-official", &[], "p2", "supports"),
                claim("c4", "afp", &[], "p2", "supports"),
            ],
            sources,
        );
        assert_eq!(rules(&f), ["anonymous-only"]);
        assert_eq!(f[0].claims, ["c1", "c2"]);
        assert!(
            f[0].message.contains("ANON-OFFICIAL, مصدر-مطلع"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn state_only_counts_affiliation_and_state_kinds() {
        let mut sources = outlets();
        let mut rt = src("rt", "outlet", &[]);
        rt.state_affiliated = true;
        sources.push(rt);
        sources.push(src("mod", "government", &[]));
        sources.push(src("sana", "official", &[]));
        let f = run(
            vec![
                claim("c1", "rt", &[], "p1", "supports"),
                claim("c2", "mod", &["bbc"], "p1", "supports"),
                claim("c3", "sana", &[], "p2", "supports"),
                claim("c4", "afp", &[], "p2", "supports"),
            ],
            sources,
        );
        assert_eq!(rules(&f), ["state-only"]);
        assert_eq!(f[0].claims, ["c1", "c2"]);
        assert!(f[0].message.contains("MOD, RT (2 claims)"));
    }

    #[test]
    fn unknown_origins_are_their_own_voices() {
        let f = run(
            vec![
                claim("c1", "someone", &[], "p1", "supports"),
                claim("c2", "someone-else", &[], "p1", "supports"),
                claim("c3", "someone", &[], "p2", "supports"),
            ],
            vec![],
        );
        assert_eq!(rules(&f), ["single-voice"]);
        assert!(f[0].message.starts_with("proposition `p2`"));
    }
}

//! The one "latest standing position" rule: which of a source's claims about a proposition is
//! the position that counts. `compare` (per voice), `agree` and `trust` (per source) all read it
//! from here, so they can no longer disagree.
//!
//! The rule:
//! - only standing claims count: the head version of each claim, not retracted;
//! - only claims that take a position of the proposition's kind count: a stance on a statement,
//!   a value on a value proposition (the kind itself comes from
//!   [`PropositionKind::infer`]);
//! - of those, the latest wins, ordered by `Taken`: the day it was said (else reported, else
//!   recorded), then when its version was recorded, then its storage row. The row is unique, so
//!   the order is total and the answer never depends on the order rows are read in.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::error::Result;
use crate::model::Stance;
use crate::propositions::PropositionKind;
use crate::storage::{PositionRow, Reader};
use crate::workspace::Workspace;

/// When a claim took its position, as the latest-position rule orders claims (derived `Ord`
/// compares the fields in declaration order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Taken {
    /// The day said, else reported, else recorded, as YYYYMMDD.
    day: u32,
    /// When the version was recorded, as YYYYMMDDhhmmss.
    recorded: u64,
    /// The version's storage row: later rows were written later.
    rowid: i64,
}

impl Taken {
    /// `when` is the date said, else reported, else the recording time (as stored).
    pub(crate) fn new(when: &str, recorded_at: &str, rowid: i64) -> Taken {
        Taken {
            day: digits(when, &[0, 1, 2, 3, 5, 6, 8, 9]) as u32,
            recorded: digits(
                recorded_at,
                &[0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18],
            ),
            rowid,
        }
    }
}

/// The ASCII digits of `s` at `at`, read as one number (0 when any is not a digit), so dates and
/// times compare as integers without allocating.
fn digits(s: &str, at: &[usize]) -> u64 {
    let b = s.as_bytes();
    at.iter()
        .try_fold(0u64, |acc, &i| {
            let d = b.get(i)?.wrapping_sub(b'0');
            (d < 10).then_some(acc * 10 + u64::from(d))
        })
        .unwrap_or(0)
}

/// What a claim gives that a proposition of `kind` does not count: a value on a statement
/// (`"value"`), a stance on a value proposition (`"stance"`). `add` warns of it and `compare`
/// lists it, so nothing a user typed is dropped without a word.
pub fn ignored_part(
    kind: PropositionKind,
    has_stance: bool,
    has_value: bool,
) -> Option<&'static str> {
    match kind {
        PropositionKind::Statement if has_value => Some("value"),
        PropositionKind::Value if has_stance => Some("stance"),
        _ => None,
    }
}

/// Whether a claim with this stance and value takes a position on a proposition of `kind`.
pub(crate) fn takes_position(kind: PropositionKind, has_stance: bool, has_value: bool) -> bool {
    match kind {
        PropositionKind::Statement => has_stance,
        PropositionKind::Value => has_value,
    }
}

/// One source's position on one proposition, by index into [`LatestPositions`]' names.
pub(crate) struct LatestPosition {
    /// Index into `sources`.
    pub source: u32,
    /// Index into `abouts`.
    pub about: u32,
    /// Its stance (statements only).
    pub stance: Option<Stance>,
    /// Its value (value propositions only).
    pub value: Option<String>,
}

/// Every source's latest standing position on every proposition, with the names their indices
/// stand for and each proposition's kind.
pub(crate) struct LatestPositions {
    /// Source keys, in the order first read.
    pub sources: Vec<String>,
    /// Proposition keys, in the order first read.
    pub abouts: Vec<String>,
    /// Per proposition: statement or value.
    pub kinds: Vec<PropositionKind>,
    /// One row per (source, proposition) with a position.
    pub rows: Vec<LatestPosition>,
}

/// The latest stance and the latest value a source gave on a proposition, until its kind is known.
struct Candidates {
    source: u32,
    about: u32,
    stance: Option<(Taken, Stance)>,
    value: Option<(Taken, String)>,
}

impl Workspace {
    /// Each source's latest standing position on each proposition (the rule in this module's
    /// doc): what agree and trust count, as compare counts a voice's latest claim.
    pub(crate) fn latest_positions(&self) -> Result<LatestPositions> {
        let mut sources: Vec<String> = Vec::new();
        let mut abouts: Vec<String> = Vec::new();
        let mut any_value: Vec<bool> = Vec::new();
        let mut source_ids: HashMap<String, u32> = HashMap::new();
        let mut about_ids: HashMap<String, u32> = HashMap::new();
        let mut slots: HashMap<(u32, u32), usize> = HashMap::new();
        let mut found: Vec<Candidates> = Vec::new();
        self.store()
            .for_each_position(&mut |row: PositionRow<'_>| {
                let s = *source_ids.entry(row.origin.to_string()).or_insert_with(|| {
                    sources.push(row.origin.to_string());
                    (sources.len() - 1) as u32
                });
                let a = *about_ids.entry(row.about.to_string()).or_insert_with(|| {
                    abouts.push(row.about.to_string());
                    any_value.push(false);
                    (abouts.len() - 1) as u32
                });
                let taken = Taken::new(row.when, row.recorded_at, row.rowid);
                let i = match slots.entry((s, a)) {
                    Entry::Occupied(e) => *e.get(),
                    Entry::Vacant(e) => {
                        found.push(Candidates {
                            source: s,
                            about: a,
                            stance: None,
                            value: None,
                        });
                        *e.insert(found.len() - 1)
                    }
                };
                let c = &mut found[i];
                if let Some(st) = row.stance.and_then(|s| s.parse::<Stance>().ok())
                    && c.stance.is_none_or(|(t, _)| taken > t)
                {
                    c.stance = Some((taken, st));
                }
                if let Some(v) = row.value {
                    any_value[a as usize] = true;
                    if c.value.as_ref().is_none_or(|(t, _)| taken > *t) {
                        c.value = Some((taken, v.to_string()));
                    }
                }
            })?;
        let declared = self.declared_kinds()?;
        let kinds: Vec<PropositionKind> = abouts
            .iter()
            .zip(&any_value)
            .map(|(about, &v)| PropositionKind::infer(declared.get(about).copied(), v).0)
            .collect();
        let rows = found
            .into_iter()
            .filter_map(|c| {
                let (stance, value) = match kinds[c.about as usize] {
                    PropositionKind::Statement => (Some(c.stance?.1), None),
                    PropositionKind::Value => (None, Some(c.value?.1)),
                };
                Some(LatestPosition {
                    source: c.source,
                    about: c.about,
                    stance,
                    value,
                })
            })
            .collect();
        Ok(LatestPositions {
            sources,
            abouts,
            kinds,
            rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::ClaimInput;
    use crate::workspace::init;

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        std::fs::write(
            dir.path().join("workspace.toml"),
            "[sources.a]\nname = \"A\"\nkind = \"outlet\"\n\n[sources.b]\nname = \"B\"\nkind = \"outlet\"\n",
        )
        .unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        (dir, ws)
    }

    fn say(ws: &mut Workspace, source: &str, text: &str, stance: Option<&str>, said_on: &str) {
        let input = ClaimInput {
            source: source.into(),
            text: text.into(),
            about: Some("p".into()),
            stance: stance.map(str::to_string),
            said_on: Some(said_on.into()),
            ..ClaimInput::default()
        };
        ws.add(&input).unwrap();
    }

    #[test]
    fn a_later_claim_without_a_position_does_not_mask_an_earlier_one() {
        let (_dir, mut ws) = workspace();
        say(&mut ws, "a", "a supports", Some("supports"), "2023-09-01");
        say(&mut ws, "a", "a mentions it", None, "2023-09-10");
        say(&mut ws, "b", "b refutes", Some("refutes"), "2023-09-02");
        say(
            &mut ws,
            "b",
            "b supports later",
            Some("supports"),
            "2023-09-03",
        );
        let latest = ws.latest_positions().unwrap();
        let stance_of = |name: &str| {
            let s = latest.sources.iter().position(|x| x == name).unwrap() as u32;
            latest.rows.iter().find(|r| r.source == s).unwrap().stance
        };
        assert_eq!(latest.kinds, vec![PropositionKind::Statement]);
        assert_eq!(latest.rows.len(), 2);
        assert_eq!(stance_of("a"), Some(Stance::Supports));
        assert_eq!(stance_of("b"), Some(Stance::Supports));
    }

    #[test]
    fn the_day_said_comes_first_then_recording_time_then_row() {
        let a = Taken::new("2023-09-04", "2023-09-10T00:00:00Z", 9);
        let b = Taken::new("2023-09-05", "2023-09-01T00:00:00Z", 1);
        assert!(b > a);
        // A recording time stands for its day only: same day, so recording time decides.
        let c = Taken::new("2023-09-04T08:00:00Z", "2023-09-04T08:00:00Z", 2);
        let d = Taken::new("2023-09-04", "2023-09-04T09:00:00Z", 1);
        assert!(d > c);
        let e = Taken::new("2023-09-04", "2023-09-04T09:00:00Z", 3);
        assert!(e > d);
    }

    #[test]
    fn a_claim_takes_a_position_of_its_propositions_kind_only() {
        assert!(takes_position(PropositionKind::Statement, true, false));
        assert!(!takes_position(PropositionKind::Statement, false, true));
        assert!(takes_position(PropositionKind::Value, false, true));
        assert!(!takes_position(PropositionKind::Value, true, false));
    }
}

//! `claims fsck`: recompute every hash and walk every chain, so a change made behind the
//! program's back (an edited row, a removed version) is found and named.

use crate::error::Result;
use crate::hash::{self, VersionInput};
use crate::model::{Action, ClaimId, Hash, Version};
use crate::storage::Reader;
use crate::workspace::Workspace;

/// One inconsistency, located precisely.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Problem {
    /// The claim involved.
    pub claim: String,
    /// Its version number, when one version is at fault.
    pub seq: Option<u32>,
    /// The stored hash of that version.
    pub version: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// What fsck checked and found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct FsckReport {
    /// Claims checked.
    pub claims: u64,
    /// Versions checked.
    pub versions: u64,
    /// Everything found wrong; empty when the workspace is sound.
    pub problems: Vec<Problem>,
}

struct Chain {
    claim: ClaimId,
    next_seq: u32,
    prev: Option<Hash>,
}

impl Workspace {
    /// Recomputes every version hash and checks every chain and every source reference.
    pub fn fsck(&self) -> Result<FsckReport> {
        let mut report = FsckReport::default();
        let mut chain: Option<Chain> = None;
        let config = self.config();
        let problem =
            |report: &mut FsckReport, v: Option<&Version>, claim: &str, message: String| {
                report.problems.push(Problem {
                    claim: claim.to_string(),
                    seq: v.map(|v| v.seq),
                    version: v.map(|v| v.hash.to_hex()),
                    message,
                });
            };
        self.store().for_each_version(&mut |row| {
            let v = match row {
                Ok(v) => v,
                Err(e) => {
                    problem(&mut report, None, "?", e.to_string());
                    return Ok(());
                }
            };
            report.versions += 1;
            let claim = v.claim.as_str();
            if chain.as_ref().is_none_or(|c| c.claim != v.claim) {
                report.claims += 1;
                chain = Some(Chain {
                    claim: v.claim.clone(),
                    next_seq: 1,
                    prev: None,
                });
                if v.seq == 1 && hash::claim_id(&v.fields) != v.claim {
                    problem(
                        &mut report,
                        Some(&v),
                        claim,
                        "first version's content does not derive the claim id".into(),
                    );
                }
            }
            let c = chain.as_mut().expect("set above");
            let computed = hash::version_hash(&VersionInput {
                claim: &v.claim,
                seq: v.seq,
                parent: v.parent.as_ref(),
                action: v.action,
                fields: &v.fields,
                note: v.note.as_deref(),
                recorded_at: &v.recorded_at,
            });
            if computed != v.hash {
                problem(
                    &mut report,
                    Some(&v),
                    claim,
                    format!(
                        "content does not match its hash (recomputed {})",
                        computed.short()
                    ),
                );
            }
            if v.seq != c.next_seq {
                problem(
                    &mut report,
                    Some(&v),
                    claim,
                    format!(
                        "version {} found where version {} was expected",
                        v.seq, c.next_seq
                    ),
                );
            }
            if v.parent != c.prev {
                problem(
                    &mut report,
                    Some(&v),
                    claim,
                    "parent hash does not match the previous version".into(),
                );
            }
            if v.seq == 1 && v.action == Action::Retract {
                problem(
                    &mut report,
                    Some(&v),
                    claim,
                    "the first version is a retraction".into(),
                );
            }
            for key in std::iter::once(&v.fields.origin).chain(&v.fields.via) {
                if !config.sources.contains_key(key) {
                    problem(
                        &mut report,
                        Some(&v),
                        claim,
                        format!("refers to source `{key}`, which workspace.toml does not declare"),
                    );
                }
            }
            c.next_seq = v.seq + 1;
            c.prev = Some(v.hash);
            Ok(())
        })?;
        for claim in self.store().misplaced_heads()? {
            problem(
                &mut report,
                None,
                &claim,
                "head marker is not on the newest version".into(),
            );
        }
        Ok(report)
    }
}

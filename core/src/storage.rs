//! All SQL lives here: the schema, its migrations (keyed on `user_version`) and every query, as
//! prepared (cached) statements.

use rusqlite::{
    Connection, ErrorCode, OpenFlags, OptionalExtension, Row, TransactionBehavior, params,
};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::history::{EntryInfo, EntryKind, EntryRef, Frontier, LogState};
use crate::identity::Identity;
use crate::lock::{self, WriteLock};
use crate::model::{Action, ClaimFields, ClaimId, DocRef, Hash, Stance, Verdict, Version};

/// Schema migrations in order; `user_version` counts how many have run.
const MIGRATIONS: &[&str] = &[
    // 1: versioned claims. One row per version; `head` marks the newest version of each claim.
    "CREATE TABLE versions (
        claim       TEXT    NOT NULL,
        seq         INTEGER NOT NULL,
        hash        BLOB    NOT NULL,
        parent      BLOB,
        action      TEXT    NOT NULL,
        head        INTEGER NOT NULL,
        origin      TEXT    NOT NULL,
        via         TEXT    NOT NULL,
        text        TEXT    NOT NULL,
        about       TEXT,
        stance      TEXT,
        value       TEXT,
        quote       INTEGER NOT NULL,
        said_on     TEXT,
        reported_on TEXT,
        url         TEXT,
        lang        TEXT,
        doc         BLOB,
        span_start  INTEGER,
        span_end    INTEGER,
        note        TEXT,
        recorded_at TEXT    NOT NULL
    );
    CREATE UNIQUE INDEX versions_by_claim ON versions (claim, seq);
    CREATE INDEX versions_by_about ON versions (about) WHERE about IS NOT NULL;",
    // 2: propositions (words and kind) and fact-checkers' verdicts, hash-chained per proposition.
    "CREATE TABLE propositions (
        key        TEXT PRIMARY KEY,
        text       TEXT,
        kind       TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE verdicts (
        about       TEXT    NOT NULL,
        seq         INTEGER NOT NULL,
        hash        BLOB    NOT NULL,
        parent      BLOB,
        rating      TEXT    NOT NULL,
        value       TEXT,
        note        TEXT,
        recorded_at TEXT    NOT NULL,
        PRIMARY KEY (about, seq)
    );",
    // 3: plugins. Documents parsers read (stored once, by content hash), plugin pins (machine-
    // local: builds differ per machine) and the findings of checks with the versions they saw.
    "CREATE TABLE documents (
        hash     BLOB PRIMARY KEY,
        path     TEXT,
        bytes    BLOB NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE TABLE plugin_pins (
        name      TEXT PRIMARY KEY,
        path      TEXT NOT NULL,
        hash      BLOB NOT NULL,
        pinned_at TEXT NOT NULL
    );
    CREATE TABLE findings (
        id          INTEGER PRIMARY KEY,
        run         TEXT NOT NULL,
        plugin      TEXT NOT NULL,
        rule        TEXT NOT NULL,
        severity    TEXT NOT NULL,
        message     TEXT NOT NULL,
        claims      TEXT NOT NULL,
        versions    TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    );",
    // 4: the workspace.toml a committed write still has to put in place (see docs/storage.md):
    // at most one row; `base` is the BLAKE3 of the file the write started from.
    "CREATE TABLE pending_config (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        base BLOB NOT NULL,
        text TEXT NOT NULL
    );",
    // 5: a content hash on propositions and findings, so fsck can tell an edited row from one
    // claims wrote (filled in for existing rows by `hash_records` in the same transaction).
    "ALTER TABLE propositions ADD COLUMN hash BLOB;
    ALTER TABLE findings ADD COLUMN hash BLOB;",
    // 6: the workspace log (docs/hashing.md, "The workspace log"): one entry per write, the
    // leaves of a Merkle tree whose right edge `log_state` keeps; each version row names its
    // entry (`entry`, the log's position: a primary-key lookup, no index on random hashes);
    // a claim may hold divergent versions received from colleagues (several with one seq;
    // `head` 1 marks the primary head, 2 another head) and merges of them (`merged`); versioned propositions (the
    // old table's rows become version 1, and `propositions` becomes a view of the newest
    // versions, so there is one truth); and the source declarations claims wrote. Entries for
    // every record older than the log are appended by `log_existing_records`.
    "CREATE TABLE log (
        seq       INTEGER PRIMARY KEY,
        kind      TEXT NOT NULL,
        subject   TEXT NOT NULL,
        record    BLOB NOT NULL,
        at        TEXT NOT NULL,
        analyst   TEXT NOT NULL,
        email     TEXT,
        key       BLOB,
        signature BLOB,
        leaf      BLOB NOT NULL,
        chain     BLOB NOT NULL
    );
    ALTER TABLE versions ADD COLUMN entry INTEGER;
    ALTER TABLE versions ADD COLUMN merged BLOB;
    DROP INDEX versions_by_claim;
    CREATE INDEX versions_by_claim ON versions (claim, seq);
    CREATE TABLE log_state (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        size  INTEGER NOT NULL,
        peaks BLOB    NOT NULL,
        chain BLOB    NOT NULL
    );
    CREATE TABLE source_declarations (
        key         TEXT NOT NULL,
        hash        BLOB NOT NULL,
        declaration TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    );
    CREATE TABLE proposition_versions (
        key         TEXT    NOT NULL,
        seq         INTEGER NOT NULL,
        hash        BLOB,
        parent      BLOB,
        text        TEXT,
        kind        TEXT,
        note        TEXT,
        recorded_at TEXT    NOT NULL,
        PRIMARY KEY (key, seq)
    );
    INSERT INTO proposition_versions (key, seq, text, kind, recorded_at)
        SELECT key, 1, text, kind, updated_at FROM propositions;
    DROP TABLE propositions;
    CREATE VIEW propositions AS
        SELECT key, text, kind, recorded_at AS updated_at, hash FROM proposition_versions p
        WHERE seq = (SELECT MAX(seq) FROM proposition_versions q WHERE q.key = p.key);",
    // 7: who made a verdict and where (issue 15): the fact-checker's source key, their own
    // label, the review's url and date; NULL on every verdict recorded before.
    "ALTER TABLE verdicts ADD COLUMN by_source TEXT;
    ALTER TABLE verdicts ADD COLUMN label TEXT;
    ALTER TABLE verdicts ADD COLUMN url TEXT;
    ALTER TABLE verdicts ADD COLUMN reviewed_on TEXT;",
    // 8: the first search index (unicode61 tokenizer, prefix indexes), replaced by 9: its
    // upkeep doubled the import. Kept as a step so workspaces that have it still count.
    "",
    // 9: the search index (issue 16, docs/storage.md "The search index"): one row per claim,
    // keyed by the rowid of the claim's first version (stable across edits), holding the
    // MATCHING form of its primary head's text cut into words (`search::index_text`); the
    // stored text stays in `versions`. Contentless (the words are never read back, the snippet
    // comes from `versions`), with deletes so an edit replaces its row. The `ascii` tokenizer
    // only splits on the spaces `index_text` put between the words (the Unicode work is done
    // there); no prefix indexes (a prefix query reads the terms that start so instead). FTS5
    // keeps new words in memory until `hashsize` bytes (here 32 MB, not 1 MB) and then writes
    // them as a segment, merging `automerge` segments (8, not 4) into one: fewer, larger
    // segments are far less merging on a large import (1M claims: 7.9 s of CPU in FTS5 with
    // the defaults, 4.6 s with these). Filled for existing claims by `index_existing_claims`
    // in the same transaction.
    "DROP TABLE IF EXISTS claim_search;
    CREATE VIRTUAL TABLE claim_search USING fts5(
        words,
        content = '',
        contentless_delete = 1,
        tokenize = 'ascii'
    );
    INSERT INTO claim_search (claim_search, rank) VALUES ('automerge', 8);
    INSERT INTO claim_search (claim_search, rank) VALUES ('hashsize', 33554432);",
    // 10: the first versions of corrected claims, and only those (issue 16: `list --limit 20`
    // at 1M). Listing merges never-corrected heads with corrected ones in first-row order;
    // without this index finding the few corrected claims meant scanning a million first
    // versions (150 ms at 1M; 10 ms with it). A partial index: it holds one row per corrected
    // claim, so writes of new claims never touch it.
    "CREATE INDEX IF NOT EXISTS versions_first_of_corrected ON versions (seq) WHERE seq = 1 AND head <> 1;",
];

/// The migration that created the search index; after it, existing claims are indexed.
const SEARCH_MIGRATION: usize = 9;

/// Indexes every claim's primary head: run once, by the migration that created the index.
fn index_existing_claims(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let mut read = tx.prepare(
        "SELECT (SELECT MIN(f.rowid) FROM versions AS f WHERE f.claim = v.claim), v.text
         FROM versions AS v WHERE v.head = 1",
    )?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let first: i64 = r.get(0)?;
        let text = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        insert_search_words(tx, first, text)?;
    }
    Ok(())
}

/// Puts a claim that has no row in the search index there: its head's `text` cut into words,
/// keyed by `first`, the rowid of its first version.
fn insert_search_words(conn: &Connection, first: i64, text: &str) -> Result<()> {
    let mut st = conn.prepare_cached("INSERT INTO claim_search (rowid, words) VALUES (?1, ?2)")?;
    st.execute(params![first, crate::search::index_text(text)])?;
    Ok(())
}

/// The migration that created the log; after it, existing records get their entries.
const LOG_MIGRATION: usize = 6;

/// The migration after whose SQL existing rows get their hashes ([`hash_records`]).
const RECORD_HASH_MIGRATION: usize = 5;

/// Sets the content hash of every proposition and finding that has none: run once, by the
/// migration that added the column, so rows older than it are covered too.
fn hash_records(conn: &Connection) -> Result<()> {
    let props: Vec<(String, Option<String>, Option<String>, String)> = conn
        .prepare("SELECT key, text, kind, updated_at FROM propositions WHERE hash IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (key, text, kind, at) in props {
        let h = crate::hash::proposition_hash(&key, text.as_deref(), kind.as_deref(), &at);
        conn.execute(
            "UPDATE propositions SET hash = ?1 WHERE key = ?2",
            params![&h.0[..], key],
        )?;
    }
    let mut st = conn.prepare(
        "SELECT id, run, plugin, rule, severity, message, claims, versions, recorded_at
         FROM findings WHERE hash IS NULL",
    )?;
    let rows: Vec<(i64, [String; 8])> = st
        .query_map([], |r| {
            let t = |i| r.get::<_, String>(i);
            Ok((
                r.get(0)?,
                [t(1)?, t(2)?, t(3)?, t(4)?, t(5)?, t(6)?, t(7)?, t(8)?],
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, [run, plugin, rule, severity, message, claims, versions, at]) in rows {
        let h = crate::hash::finding_hash(&crate::hash::FindingRef {
            run: &run,
            plugin: &plugin,
            rule: &rule,
            severity: &severity,
            message: &message,
            claims: &claims,
            versions: &versions,
            recorded_at: &at,
        });
        conn.execute(
            "UPDATE findings SET hash = ?1 WHERE id = ?2",
            params![&h.0[..], id],
        )?;
    }
    Ok(())
}

/// Gives every record written before the log its entry, oldest first (by the time each was
/// recorded, then table, then row), stamped as written by "unknown": who wrote it was never
/// recorded, and the log does not pretend otherwise. Proposition versions made from the old
/// table get their hashes first.
fn log_existing_records(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let rows: Vec<(String, Option<String>, Option<String>, String)> = tx
        .prepare(
            "SELECT key, text, kind, recorded_at FROM proposition_versions WHERE hash IS NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (key, text, kind, at) in rows {
        let h = crate::hash::proposition_version_hash(&crate::hash::PropositionVersionRef {
            key: &key,
            seq: 1,
            parent: None,
            text: text.as_deref(),
            kind: kind.as_deref(),
            note: None,
            recorded_at: &at,
        });
        tx.execute(
            "UPDATE proposition_versions SET hash = ?1 WHERE key = ?2 AND seq = 1",
            params![&h.0[..], key],
        )?;
    }
    let sql = "SELECT at, t, r, kind, subject, record FROM (
          SELECT recorded_at AS at, 1 AS t, rowid AS r,
                 CASE action WHEN 'retract' THEN 'claim-retraction' ELSE 'claim-version' END AS kind,
                 claim AS subject, hash AS record FROM versions
          UNION ALL SELECT recorded_at, 2, rowid, 'proposition', key, hash FROM proposition_versions
          UNION ALL SELECT recorded_at, 3, rowid, 'verdict', about, hash FROM verdicts
          UNION ALL SELECT added_at, 4, rowid, 'document', lower(hex(hash)), hash FROM documents
          UNION ALL SELECT recorded_at, 5, rowid, 'finding', run, hash FROM findings
        ) ORDER BY at, t, r";
    type Row = (String, String, String, Vec<u8>, i64, i64);
    let rows: Vec<Row> = tx
        .prepare(sql)?
        .query_map([], |r| {
            Ok((
                r.get(3)?,
                r.get(4)?,
                r.get(0)?,
                r.get(5)?,
                r.get(1)?,
                r.get(2)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let author = Identity::anonymous("unknown");
    let mut state = LogState::default();
    for (kind, subject, at, record, table, rowid) in rows {
        let kind = EntryKind::parse(&kind).expect("kinds named above");
        let record = blob32(Some(record), "record hash")?.expect("present");
        append_entry(
            tx,
            &mut state,
            &author,
            false,
            (kind, &subject, &record, &at),
        )?;
        if table == 1 {
            tx.execute(
                "UPDATE versions SET entry = ?1 WHERE rowid = ?2",
                params![state.frontier.size() as i64, rowid],
            )?;
        }
    }
    save_log_state(tx, &state)
}

/// Appends one entry to the log table, advancing `state`: stamped with `author`, signed when
/// they have a key, refused unsigned when `require_signed`.
fn append_entry(
    conn: &Connection,
    state: &mut LogState,
    author: &Identity,
    require_signed: bool,
    (kind, subject, record, at): (EntryKind, &str, &[u8; 32], &str),
) -> Result<()> {
    let analyst = author.analyst();
    let key = author.public_key();
    let mut entry = EntryRef {
        kind: kind.as_str(),
        subject: subject.as_bytes(),
        record,
        at: at.as_bytes(),
        analyst: analyst.name.as_bytes(),
        email: analyst.email.as_deref().map(str::as_bytes),
        key: key.as_ref().map(|k| &k[..]),
        signature: None,
    };
    // Encoded for signing only when there is a key: most writes are unsigned.
    let signed = key.and_then(|_| author.sign(&entry.signed_bytes()));
    if signed.is_none() && require_signed {
        return Err(Error::SignatureRequired);
    }
    entry.signature = signed.as_ref().map(|s| &s.signature[..]);
    insert_entry(conn, state, &entry)
}

/// Writes one entry exactly as given (leaf and chain link computed here) at the log's end,
/// advancing `state`: the one INSERT into the log, for entries written here and received alike.
fn insert_entry(conn: &Connection, state: &mut LogState, entry: &EntryRef<'_>) -> Result<()> {
    let leaf = entry.leaf();
    let chain = state.push(leaf);
    let mut st = conn.prepare_cached(
        "INSERT INTO log (seq, kind, subject, record, at, analyst, email, key, signature, leaf, chain)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    // Text columns hold text, never bytes re-decoded: the leaf covers them exactly.
    let text = |b: &'_ [u8]| {
        std::str::from_utf8(b)
            .map(str::to_owned)
            .map_err(|_| Error::invalid("a log entry's text field is not UTF-8"))
    };
    st.execute(params![
        state.frontier.size() as i64,
        entry.kind,
        text(entry.subject)?,
        entry.record,
        text(entry.at)?,
        text(entry.analyst)?,
        entry.email.map(text).transpose()?,
        entry.key,
        entry.signature,
        &leaf[..],
        &chain[..],
    ])?;
    Ok(())
}

/// Stores the log's right edge and last chain link, so the next write and `head` need not
/// read the whole log.
fn save_log_state(conn: &Connection, state: &LogState) -> Result<()> {
    let mut st = conn.prepare_cached(
        "INSERT OR REPLACE INTO log_state (id, size, peaks, chain) VALUES (1, ?1, ?2, ?3)",
    )?;
    st.execute(params![
        state.frontier.size() as i64,
        state.frontier.peaks_bytes(),
        &state.chain[..]
    ])?;
    Ok(())
}

/// The newest schema this build knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An open workspace database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    lock: Option<WriteLock>,
    lock_depth: usize,
    /// Who this process's writes are stamped with; resolved on the first write.
    author: Option<Identity>,
    /// workspace.toml's `require_signatures`: unsigned log entries are refused.
    require_signed: bool,
}

/// Read access shared by the store and by a write transaction, so reads inside a transaction see
/// its own writes.
pub trait Reader {
    /// The connection (or transaction) to read through.
    fn conn(&self) -> &Connection;

    /// Whether a claim with this exact id exists.
    fn claim_exists(&self, id: &ClaimId) -> Result<bool> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT 1 FROM versions WHERE claim = ?1 AND seq = 1")?;
        Ok(st.exists([id.as_str()])?)
    }

    /// Up to `limit` claim ids starting with `prefix`, in order.
    fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<ClaimId>> {
        let upper = format!("{prefix}{{"); // '{' sorts right after 'z'
        let mut st = self.conn().prepare_cached(
            "SELECT DISTINCT claim FROM versions WHERE claim >= ?1 AND claim < ?2 AND seq = 1 ORDER BY claim LIMIT ?3",
        )?;
        let rows = st.query_map(params![prefix, upper, limit as i64], |r| {
            r.get::<_, String>(0)
        })?;
        let mut out = Vec::new();
        for r in rows {
            out.extend(ClaimId::parse(&r?));
        }
        Ok(out)
    }

    /// Every version of a claim, oldest first.
    fn versions(&self, id: &ClaimId) -> Result<Vec<Version>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM versions WHERE claim = ?1 ORDER BY seq"
        ))?;
        let rows = st.query_map([id.as_str()], read_version)?;
        rows.map(|r| r.map_err(Error::from).and_then(|v| v))
            .collect()
    }

    /// The newest version of a claim.
    fn head(&self, id: &ClaimId) -> Result<Option<Version>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM versions WHERE claim = ?1 AND head = 1 LIMIT 1"
        ))?;
        st.query_row([id.as_str()], read_version)
            .optional()?
            .transpose()
    }

    /// A claim's heads: the primary one first, then any divergent ones (newest first). More
    /// than one means colleagues edited it independently; an edit merges them.
    fn tips(&self, id: &ClaimId) -> Result<Vec<Version>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM versions WHERE claim = ?1 AND head >= 1
             ORDER BY head, recorded_at DESC, hash DESC"
        ))?;
        let rows = st.query_map([id.as_str()], read_version)?;
        rows.map(|r| r.map_err(Error::from).and_then(|v| v))
            .collect()
    }

    /// The head versions matching a filter, in the order they were first recorded.
    fn heads(&self, filter: &HeadFilter) -> Result<Vec<Version>> {
        let mut out = Vec::new();
        self.for_each_head(filter, &mut |v| {
            out.push(v);
            Ok(filter.limit.is_none_or(|l| out.len() < l))
        })?;
        Ok(out)
    }

    /// Hands `f` each head version matching a filter (but `limit`), in the order the claims
    /// were first recorded, straight from two prepared statements read side by side: memory
    /// stays flat however many claims match (an export of a million claims), and nothing is
    /// sorted (sorting a million full rows is what once made `list` slow). `f` returns false to
    /// stop.
    fn for_each_head(
        &self,
        filter: &HeadFilter,
        f: &mut dyn FnMut(Version) -> Result<bool>,
    ) -> Result<()> {
        if filter.limit == Some(0) {
            return Ok(());
        }
        let (clause, args) = filter.clause();
        // Claims never corrected: their one version, in row order.
        let mut plain = self.conn().prepare(&format!(
            "SELECT {COLUMNS}, rowid FROM versions WHERE head = 1 AND seq = 1{clause} ORDER BY rowid"
        ))?;
        // Corrected claims: their heads in the row order of their first versions. For one
        // proposition (compare, the report: a few claims, found through the about index) each
        // head's first row is looked up through the claim index and the few are sorted; for
        // everything else the first versions are scanned in row order, each head found through
        // the claim index, so a million are never sorted.
        let edited_sql = if filter.about.is_some() {
            format!(
                "SELECT {COLUMNS}, (SELECT f.rowid FROM versions AS f
                                    WHERE f.claim = versions.claim AND f.seq = 1) AS first
                 FROM versions WHERE head = 1 AND seq > 1{clause} ORDER BY first"
            )
        } else {
            format!(
                "SELECT {COLUMNS}, first FROM
                   (SELECT claim AS first_of, rowid AS first FROM versions INDEXED BY versions_first_of_corrected
                    WHERE seq = 1 AND head <> 1)
                   CROSS JOIN versions ON claim = first_of
                 WHERE head = 1{clause} ORDER BY first"
            )
        };
        let mut edited = self.conn().prepare(&edited_sql)?;
        let mut plain = plain.query(args.as_slice())?;
        let mut edited = edited.query(args.as_slice())?;
        let next = |rows: &mut rusqlite::Rows<'_>| -> Result<Option<(i64, Version)>> {
            while let Some(row) = rows.next()? {
                let v = read_version(row)??;
                if filter.takes_chain(&v.fields) {
                    return Ok(Some((row.get::<_, i64>(22)?, v)));
                }
            }
            Ok(None)
        };
        let (mut a, mut b) = (next(&mut plain)?, next(&mut edited)?);
        loop {
            let from_plain = match (&a, &b) {
                (None, None) => return Ok(()),
                (Some((ra, _)), Some((rb, _))) => ra < rb,
                (pa, _) => pa.is_some(),
            };
            let (_, v) = if from_plain {
                std::mem::replace(&mut a, next(&mut plain)?)
            } else {
                std::mem::replace(&mut b, next(&mut edited)?)
            }
            .expect("one side has a row");
            if !f(v)? {
                return Ok(());
            }
        }
    }

    /// Hands `f` each primary head whose words match `fts_query` (FTS5 syntax, built by
    /// `search::Query`) and that passes `filter` (but `limit`), best first (bm25, then the
    /// order first recorded), with its bm25 score (lower is better). `f` returns false to stop.
    fn for_each_match(
        &self,
        fts_query: &str,
        filter: &HeadFilter,
        f: &mut dyn FnMut(Version, f64) -> Result<bool>,
    ) -> Result<()> {
        let (clause, args) = filter.clause();
        // Ranked first, heads read after: only (first rowid, score) pairs are sorted, and a head
        // is read when it is its turn, so a word in half a million claims costs FTS5's scoring
        // of them (0.3 s at 1M) and a few head lookups, not a join of every match sorted whole
        // (4 s). A filter that passes few heads reads more of them, never more than one each.
        let mut ranked = self.conn().prepare(
            "SELECT rowid, bm25(claim_search) AS score FROM claim_search
             WHERE claim_search MATCH ?1 ORDER BY score, rowid",
        )?;
        let mut head = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM versions
             WHERE claim = (SELECT claim FROM versions WHERE rowid = ?) AND head = 1{clause}"
        ))?;
        let mut matches = ranked.query([fts_query])?;
        while let Some(m) = matches.next()? {
            let (first, score): (i64, f64) = (m.get(0)?, m.get(1)?);
            let mut all: Vec<&dyn rusqlite::ToSql> = vec![&first];
            all.extend(args.iter().copied());
            let mut rows = head.query(all.as_slice())?;
            while let Some(row) = rows.next()? {
                let v = read_version(row)??;
                if filter.takes_chain(&v.fields) && !f(v, score)? {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// The lowest and highest rowid of `versions` (`None` when empty), so fsck can split the
    /// table into ranges that threads read side by side. Two b-tree descents: counting the rows
    /// would read the whole table once more before the walk begins, and so would `min` and `max`
    /// in one SELECT (SQLite answers a lone `min` or `max` from the b-tree's edge, both together
    /// by a scan: 2.5% of fsck's CPU at 1M, before any thread starts).
    fn version_rowids(&self) -> Result<Option<(i64, i64)>> {
        let mut st = self.conn().prepare(
            "SELECT (SELECT min(rowid) FROM versions), (SELECT max(rowid) FROM versions)",
        )?;
        let (lo, hi): (Option<i64>, Option<i64>) =
            st.query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(lo.zip(hi))
    }

    /// Hands `f` every version whose rowid lies in `first..=last`, in storage order, borrowed
    /// straight from SQLite and unchecked (a row whose columns are not of their types comes as
    /// an error naming it): each fsck thread reads its own ranges on its own connection, so no
    /// row is copied to travel between threads.
    fn for_each_version_in(
        &self,
        first: i64,
        last: i64,
        f: &mut dyn FnMut(Result<RawVersion<'_>>),
    ) -> Result<()> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS}, head, entry FROM versions WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid"
        ))?;
        assert_eq!(
            st.column_count(),
            RAW_COLUMNS,
            "RAW_COLUMNS out of step with COLUMNS"
        );
        let mut cursor = st.query(params![first, last])?;
        while let Some(row) = cursor.next()? {
            f(raw_version(|c| row.get_ref_unwrap(c)));
        }
        Ok(())
    }

    /// A declared proposition: (text, kind).
    fn proposition(&self, key: &str) -> Result<Option<(Option<String>, Option<String>)>> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT text, kind FROM propositions WHERE key = ?1")?;
        Ok(st
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Every declared proposition, in key order.
    fn declared_propositions(&self) -> Result<Vec<DeclaredProposition>> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT key, text, kind FROM propositions ORDER BY key")?;
        let rows = st.query_map([], |r| {
            Ok(DeclaredProposition {
                key: r.get(0)?,
                text: r.get(1)?,
                kind: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Per proposition named by standing claims: (key, claims, whether any carries a value).
    fn proposition_usage(&self) -> Result<Vec<(String, u64, bool)>> {
        let mut st = self.conn().prepare_cached(
            "SELECT about, COUNT(*), MAX(value IS NOT NULL) FROM versions
             WHERE head = 1 AND action = 'record' AND about IS NOT NULL GROUP BY about ORDER BY about",
        )?;
        let rows = st.query_map([], |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Calls `f` for every standing claim about a proposition, in storage order (callers pick
    /// each source's latest position by the rule in `positions`; no sort in SQL).
    fn for_each_position(&self, f: &mut dyn FnMut(PositionRow<'_>)) -> Result<()> {
        let mut st = self.conn().prepare_cached(
            "SELECT origin, about, stance, value, COALESCE(said_on, reported_on, recorded_at), rowid,
                    recorded_at
             FROM versions WHERE head = 1 AND action = 'record' AND about IS NOT NULL",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let text = |i: usize| -> Result<Option<&str>> {
                Ok(r.get_ref(i)?.as_str_or_null().map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        i,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?)
            };
            let (o, a) = (text(0)?.unwrap_or_default(), text(1)?.unwrap_or_default());
            let (s, v) = (text(2)?, text(3)?);
            let when = text(4)?.unwrap_or_default();
            let rowid: i64 = r.get(5)?;
            let recorded_at = text(6)?.unwrap_or_default();
            f(PositionRow {
                origin: o,
                about: a,
                stance: s,
                value: v,
                when,
                recorded_at,
                rowid,
            });
        }
        Ok(())
    }

    /// The row of each standing head version about a proposition, by claim id: the last
    /// tie-break of the latest-position rule, which `Version` does not carry.
    fn head_rowids(&self, about: &str) -> Result<std::collections::HashMap<String, i64>> {
        let mut st = self.conn().prepare_cached(
            "SELECT claim, rowid FROM versions WHERE head = 1 AND action = 'record' AND about = ?1",
        )?;
        let rows = st.query_map([about], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every proposition key with a version or a verdict, read once so an import knows which
    /// of the propositions it writes are new without asking for each.
    fn proposition_keys_held(&self) -> Result<std::collections::HashSet<String>> {
        let mut st = self.conn().prepare_cached(
            "SELECT key FROM proposition_versions UNION SELECT about FROM verdicts",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every verdict on a proposition, oldest first; all verdicts when `about` is None (fsck).
    fn verdicts(&self, about: Option<&str>) -> Result<Vec<Verdict>> {
        let sql = "SELECT about, seq, hash, parent, rating, value, note, recorded_at, by_source, label, url, reviewed_on FROM verdicts";
        let rows = match about {
            Some(a) => {
                let mut st = self
                    .conn()
                    .prepare_cached(&format!("{sql} WHERE about = ?1 ORDER BY seq"))?;
                st.query_map([a], read_verdict)?
                    .collect::<rusqlite::Result<Vec<_>>>()?
            }
            None => {
                let mut st = self
                    .conn()
                    .prepare_cached(&format!("{sql} ORDER BY about, seq"))?;
                st.query_map([], read_verdict)?
                    .collect::<rusqlite::Result<Vec<_>>>()?
            }
        };
        rows.into_iter().collect()
    }

    /// Stored check findings, oldest first, each distinct finding once (earlier versions
    /// stored a finding again on every run): those of the given plugins (all when empty) that
    /// name any of the given claims (all when empty).
    fn findings(&self, plugins: &[String], claims: &[ClaimId]) -> Result<Vec<RecordedFinding>> {
        let plugins = serde_json::to_string(plugins).expect("strings serialise");
        let claims: Vec<&str> = claims.iter().map(ClaimId::as_str).collect();
        let claims = serde_json::to_string(&claims).expect("strings serialise");
        let mut st = self.conn().prepare_cached(
            "SELECT plugin, rule, severity, message, claims, versions, MIN(recorded_at)
             FROM findings
             WHERE (json_array_length(?1) = 0 OR plugin IN (SELECT value FROM json_each(?1)))
               AND (json_array_length(?2) = 0 OR EXISTS (
                   SELECT 1 FROM json_each(findings.claims) AS c
                   WHERE c.value IN (SELECT value FROM json_each(?2))))
             GROUP BY plugin, rule, severity, message, claims, versions
             ORDER BY MIN(id)",
        )?;
        let rows = st.query_map(params![plugins, claims], |r| {
            Ok((
                StoredFinding {
                    plugin: r.get(0)?,
                    rule: r.get(1)?,
                    severity: r.get(2)?,
                    message: r.get(3)?,
                    claims: Vec::new(),
                    versions: Vec::new(),
                },
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut finding, claims, versions, recorded_at) = row?;
            let list = |text: &str| -> Result<Vec<String>> {
                serde_json::from_str(text).map_err(|e| {
                    Error::invalid(format!(
                        "a stored finding's list is malformed ({e}); run claims fsck"
                    ))
                })
            };
            finding.claims = list(&claims)?;
            finding.versions = list(&versions)?;
            out.push(RecordedFinding {
                finding,
                recorded_at,
            });
        }
        Ok(out)
    }

    /// The pinned hash and path of a plugin, if pinned.
    fn pin(&self, name: &str) -> Result<Option<Pin>> {
        let mut st = self.conn().prepare_cached(
            "SELECT name, path, hash, pinned_at FROM plugin_pins WHERE name = ?1",
        )?;
        st.query_row([name], read_pin).optional()?.transpose()
    }

    /// Every pinned plugin, by name.
    fn pins(&self) -> Result<Vec<Pin>> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT name, path, hash, pinned_at FROM plugin_pins ORDER BY name")?;
        let rows = st
            .query_map([], read_pin)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().collect()
    }

    /// Bytes `start..end` of a stored document, if it is stored.
    fn document_slice(&self, doc: &[u8; 32], start: u64, end: u64) -> Result<Option<Vec<u8>>> {
        let mut st = self.conn().prepare_cached(
            "SELECT substr(bytes, ?2 + 1, ?3 - ?2) FROM documents WHERE hash = ?1",
        )?;
        Ok(st
            .query_row(params![&doc[..], start as i64, end as i64], |r| r.get(0))
            .optional()?)
    }

    /// Whether a document is stored.
    fn has_document(&self, doc: &[u8; 32]) -> Result<bool> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")?;
        Ok(st.exists([&doc[..]])?)
    }

    /// The workspace.toml a committed write has not yet put in place, with the hash of the
    /// file it started from; recovery on open completes it.
    fn pending_config(&self) -> Result<Option<([u8; 32], String)>> {
        let row: Option<(Vec<u8>, String)> = self
            .conn()
            .query_row(
                "SELECT base, text FROM pending_config WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match row {
            Some((base, text)) => Some((
                blob32(Some(base), "pending_config.base")?.expect("some"),
                text,
            )),
            None => None,
        })
    }

    /// Hands `f` every row of one audited table exactly as stored (no cell is trusted to be of
    /// its declared type or valid UTF-8), in the order fsck walks it.
    fn for_each_audit_row(
        &self,
        table: AuditTable,
        f: &mut dyn FnMut(&[StoredCell<'_>]),
    ) -> Result<()> {
        let sql = match table {
            AuditTable::Verdicts => {
                "SELECT about, seq, hash, parent, rating, value, note, recorded_at,
                        by_source, label, url, reviewed_on FROM verdicts
                 ORDER BY about, seq"
            }
            AuditTable::Documents => "SELECT hash, bytes FROM documents ORDER BY rowid",
            AuditTable::Propositions => {
                "SELECT key, seq, hash, parent, text, kind, note, recorded_at
                 FROM proposition_versions ORDER BY key, seq"
            }
            AuditTable::Records => {
                "SELECT 'proposition', key, seq, hash FROM proposition_versions
                 UNION ALL SELECT 'verdict', about, seq, hash FROM verdicts
                 UNION ALL SELECT 'document', lower(hex(hash)), NULL, hash FROM documents
                 UNION ALL SELECT 'finding', run, NULL, hash FROM findings
                 UNION ALL SELECT 'source', key, NULL, hash FROM source_declarations"
            }
            AuditTable::Log => {
                "SELECT seq, kind, subject, record, at, analyst, email, key, signature, leaf, chain
                 FROM log ORDER BY seq"
            }
            AuditTable::Findings => {
                "SELECT id, plugin, rule, severity, message, claims, versions, run, recorded_at, hash
                 FROM findings ORDER BY id"
            }
        };
        let mut st = self.conn().prepare(sql)?;
        let n = st.column_count();
        assert!(
            n <= AUDIT_COLUMNS,
            "an audited table has more than {AUDIT_COLUMNS} columns"
        );
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let mut cells = [StoredCell::Null; AUDIT_COLUMNS];
            for (i, cell) in cells[..n].iter_mut().enumerate() {
                *cell = StoredCell::from(r.get_ref(i)?);
            }
            f(&cells[..n]);
        }
        Ok(())
    }

    /// Every stored document's hash and length in bytes, so fsck checks each version's span
    /// against a table in memory instead of a join over every version.
    fn document_lengths(&self) -> Result<std::collections::HashMap<[u8; 32], u64>> {
        let mut st = self
            .conn()
            .prepare("SELECT hash, length(bytes) FROM documents")?;
        let mut rows = st.query([])?;
        let mut out = std::collections::HashMap::new();
        while let Some(r) = rows.next()? {
            // A malformed hash is the document audit's to report; it matches no version here.
            if let Ok(hash) = <[u8; 32]>::try_from(r.get_ref(0)?.as_bytes().unwrap_or_default()) {
                out.insert(hash, r.get::<_, i64>(1)?.max(0) as u64);
            }
        }
        Ok(out)
    }

    /// Whether `claim` has a version with this hash, so a finding's evidence can be checked.
    fn has_version_hash(&self, claim: &str, hash: &[u8; 32]) -> Result<bool> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT 1 FROM versions WHERE claim = ?1 AND hash = ?2")?;
        Ok(st.exists(params![claim, &hash[..]])?)
    }

    /// Every version of a proposition, oldest first.
    fn proposition_versions(&self, key: &str) -> Result<Vec<PropositionVersion>> {
        let mut st = self.conn().prepare_cached(
            "SELECT key, seq, hash, parent, text, kind, note, recorded_at FROM proposition_versions
             WHERE key = ?1 ORDER BY seq",
        )?;
        let rows = st.query_map([key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<Vec<u8>>>(2)?,
                r.get::<_, Option<Vec<u8>>>(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (key, seq, hash, parent, text, kind, note, recorded_at) = row?;
            let bad = || {
                Error::invalid(format!(
                    "proposition {key} version {seq}: stored row is malformed"
                ))
            };
            out.push(PropositionVersion {
                seq: u32::try_from(seq).map_err(|_| bad())?,
                hash: blob32(hash, "proposition hash")?.map(Hash),
                parent: blob32(parent, "proposition parent")?.map(Hash),
                key,
                text,
                kind,
                note,
                recorded_at,
            });
        }
        Ok(out)
    }

    /// Standing claims about a proposition: (carrying a value, carrying none).
    fn claims_by_value(&self, key: &str) -> Result<(u64, u64)> {
        let mut st = self.conn().prepare_cached(
            "SELECT COALESCE(SUM(value IS NOT NULL), 0), COALESCE(SUM(value IS NULL), 0) FROM versions
             WHERE head = 1 AND action = 'record' AND about = ?1",
        )?;
        Ok(st.query_row([key], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64))
        })?)
    }

    /// The log's state as the last write left it (empty before the first entry).
    fn log_state(&self) -> Result<LogState> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT size, peaks, chain FROM log_state WHERE id = 1")?;
        let row: Option<(i64, Vec<u8>, Vec<u8>)> = st
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((size, peaks, chain)) = row else {
            return Ok(LogState::default());
        };
        let bad = || Error::invalid("the stored log state is malformed (run `claims fsck`)");
        let frontier = Frontier::parse_peaks(&peaks)
            .and_then(|p| Frontier::from_parts(u64::try_from(size).ok()?, p))
            .ok_or_else(bad)?;
        Ok(LogState {
            frontier,
            chain: blob32(Some(chain), "log chain")?.ok_or_else(bad)?,
        })
    }

    /// Every entry's stored leaf hash, in log order (proofs are computed from them).
    fn log_leaves(&self) -> Result<Vec<[u8; 32]>> {
        let mut st = self.conn().prepare("SELECT leaf FROM log ORDER BY seq")?;
        let mut rows = st.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(
                <[u8; 32]>::try_from(r.get_ref(0)?.as_bytes().unwrap_or_default()).map_err(
                    |_| Error::invalid("a stored log leaf is malformed (run `claims fsck`)"),
                )?,
            );
        }
        Ok(out)
    }

    /// Every entry's time and leaf, in log order: what the order-independent record root sorts.
    fn log_times_and_leaves(&self) -> Result<Vec<(String, [u8; 32])>> {
        let mut st = self
            .conn()
            .prepare("SELECT at, leaf FROM log ORDER BY seq")?;
        let mut rows = st.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let leaf = <[u8; 32]>::try_from(r.get_ref(1)?.as_bytes().unwrap_or_default()).map_err(
                |_| Error::invalid("a stored log leaf is malformed (run `claims fsck`)"),
            )?;
            out.push((r.get(0)?, leaf));
        }
        Ok(out)
    }

    /// The log entry at `seq` (from 1), for showing who wrote it.
    fn log_entry(&self, seq: u64) -> Result<Option<EntryInfo>> {
        let mut st = self
            .conn()
            .prepare_cached(&format!("{ENTRY_INFO} WHERE seq = ?1"))?;
        Ok(st.query_row([seq as i64], read_entry_info).optional()?)
    }

    /// The log entry that recorded a claim's version (named in the version's row), if it
    /// still records that version.
    fn version_entry(&self, claim: &ClaimId, hash: &Hash) -> Result<Option<EntryInfo>> {
        let mut st = self.conn().prepare_cached(&format!(
            "{ENTRY_INFO} WHERE seq = (SELECT entry FROM versions WHERE claim = ?1 AND hash = ?2)
             AND record = ?2"
        ))?;
        Ok(st
            .query_row(params![claim.as_str(), &hash.0[..]], read_entry_info)
            .optional()?)
    }

    /// How many claims and versions are stored.
    fn counts(&self) -> Result<(u64, u64)> {
        let mut st = self
            .conn()
            .prepare_cached("SELECT COUNT(*), COALESCE(SUM(head), 0) FROM versions")?;
        Ok(st.query_row([], |r| {
            Ok((r.get::<_, i64>(1)? as u64, r.get::<_, i64>(0)? as u64))
        })?)
    }
    /// Whether a record with this hash is held, as an entry of `kind` about `subject` names it:
    /// what makes applying a bundle twice change nothing.
    fn holds_record(&self, kind: EntryKind, subject: &str, record: &[u8; 32]) -> Result<bool> {
        let sql = match kind {
            EntryKind::ClaimVersion | EntryKind::ClaimRetraction => {
                "SELECT 1 FROM versions WHERE claim = ?1 AND hash = ?2"
            }
            EntryKind::Proposition => {
                "SELECT 1 FROM proposition_versions WHERE key = ?1 AND hash = ?2"
            }
            EntryKind::Verdict => "SELECT 1 FROM verdicts WHERE about = ?1 AND hash = ?2",
            EntryKind::Source => "SELECT 1 FROM source_declarations WHERE key = ?1 AND hash = ?2",
            EntryKind::Document => "SELECT 1 FROM documents WHERE ?1 = ?1 AND hash = ?2",
            EntryKind::Finding => "SELECT 1 FROM findings WHERE run = ?1 AND hash = ?2",
        };
        let mut st = self.conn().prepare_cached(sql)?;
        Ok(st.exists(params![subject, &record[..]])?)
    }

    /// The record an entry of `kind` about `subject` names by its hash, read whole (a bundle
    /// carries it beside the entry); None when it is not stored.
    fn record(&self, kind: EntryKind, subject: &str, record: &[u8; 32]) -> Result<Option<Record>> {
        let args = params![subject, &record[..]];
        type ReadRow<'r> = &'r dyn Fn(&Row<'_>) -> rusqlite::Result<Record>;
        let one = |sql: &str, read: ReadRow<'_>| -> Result<Option<Record>> {
            let mut st = self.conn().prepare_cached(sql)?;
            Ok(st.query_row(args, read).optional()?)
        };
        Ok(match kind {
            EntryKind::ClaimVersion | EntryKind::ClaimRetraction => {
                let mut st = self.conn().prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM versions WHERE claim = ?1 AND hash = ?2"
                ))?;
                st.query_row(args, read_version)
                    .optional()?
                    .transpose()?
                    .map(|v| Record::Version(Box::new(v)))
            }
            EntryKind::Proposition => self
                .proposition_versions(subject)?
                .into_iter()
                .find(|p| p.hash.is_some_and(|h| h.0 == *record))
                .map(Record::Proposition),
            EntryKind::Verdict => self
                .verdicts(Some(subject))?
                .into_iter()
                .find(|v| v.hash.0 == *record)
                .map(Record::Verdict),
            EntryKind::Source => one(
                "SELECT key, declaration, recorded_at FROM source_declarations
                 WHERE key = ?1 AND hash = ?2",
                &|r| {
                    Ok(Record::Source {
                        key: r.get(0)?,
                        declaration: r.get(1)?,
                        recorded_at: r.get(2)?,
                    })
                },
            )?,
            EntryKind::Document => one(
                "SELECT path, bytes, added_at FROM documents WHERE ?1 = ?1 AND hash = ?2",
                &|r| {
                    Ok(Record::Document {
                        path: r.get(0)?,
                        bytes: r.get(1)?,
                        added_at: r.get(2)?,
                    })
                },
            )?,
            EntryKind::Finding => one(
                "SELECT run, plugin, rule, severity, message, claims, versions, recorded_at
                 FROM findings WHERE run = ?1 AND hash = ?2 ORDER BY id LIMIT 1",
                &|r| Ok(Record::Finding(read_finding_row(r)?)),
            )?,
        })
    }

    /// Hands `f` the log entries after position `after` up to `upto`, in log order, one at a
    /// time (a bundle of a million entries is written without holding them).
    fn for_each_log_entry(
        &self,
        after: u64,
        upto: u64,
        f: &mut dyn FnMut(&LogRow) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn().prepare(
            "SELECT seq, kind, subject, record, at, analyst, email, key, signature FROM log
             WHERE seq > ?1 AND seq <= ?2 ORDER BY seq",
        )?;
        let mut rows = st.query([after as i64, upto as i64])?;
        while let Some(r) = rows.next()? {
            let row = LogRow {
                seq: r.get::<_, i64>(0)? as u64,
                kind: r.get(1)?,
                subject: r.get(2)?,
                record: r.get(3)?,
                at: r.get(4)?,
                analyst: r.get(5)?,
                email: r.get(6)?,
                key: r.get(7)?,
                signature: r.get(8)?,
            };
            f(&row)?;
        }
        Ok(())
    }
}

/// One log entry as stored, owned: what a bundle copies out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRow {
    /// Its position, from 1.
    pub seq: u64,
    /// The kind word.
    pub kind: String,
    /// What it is about.
    pub subject: String,
    /// The record's hash.
    pub record: Vec<u8>,
    /// When.
    pub at: String,
    /// Who.
    pub analyst: String,
    /// Their email.
    pub email: Option<String>,
    /// Their public key, when signed.
    pub key: Option<Vec<u8>>,
    /// The signature, when signed.
    pub signature: Option<Vec<u8>>,
}

impl LogRow {
    /// The entry in the form its encoding takes.
    pub fn entry(&self) -> EntryRef<'_> {
        EntryRef {
            kind: &self.kind,
            subject: self.subject.as_bytes(),
            record: &self.record,
            at: self.at.as_bytes(),
            analyst: self.analyst.as_bytes(),
            email: self.email.as_deref().map(str::as_bytes),
            key: self.key.as_deref(),
            signature: self.signature.as_deref(),
        }
    }
}

/// Everything one log entry refers to, whole: what a bundle carries beside each entry, and what
/// [`Writer::insert_received`] stores.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A claim version (recording or retracting).
    Version(Box<Version>),
    /// A proposition version.
    Proposition(PropositionVersion),
    /// A verdict.
    Verdict(Verdict),
    /// A source declaration claims wrote to workspace.toml: the source as canonical JSON.
    Source {
        /// The source's key.
        key: String,
        /// The declaration, exactly as hashed.
        declaration: String,
        /// When.
        recorded_at: String,
    },
    /// A stored document.
    Document {
        /// Where it was read from, kept as text only.
        path: Option<String>,
        /// Its bytes.
        bytes: Vec<u8>,
        /// When.
        added_at: String,
    },
    /// One check finding.
    Finding(FindingRow),
}

impl Record {
    /// The kind of entry that logs it.
    pub fn kind(&self) -> EntryKind {
        match self {
            Record::Version(v) => version_kind(v),
            Record::Proposition(_) => EntryKind::Proposition,
            Record::Verdict(_) => EntryKind::Verdict,
            Record::Source { .. } => EntryKind::Source,
            Record::Document { .. } => EntryKind::Document,
            Record::Finding(_) => EntryKind::Finding,
        }
    }
}

/// A finding row as stored (its lists as the JSON text hashed), so a received one is stored
/// byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingRow {
    /// The check run.
    pub run: String,
    /// The plugin.
    pub plugin: String,
    /// The rule.
    pub rule: String,
    /// info, warning or error.
    pub severity: String,
    /// What it says.
    pub message: String,
    /// The claim ids, as the JSON array stored.
    pub claims: String,
    /// The version hashes, as the JSON array stored.
    pub versions: String,
    /// When.
    pub recorded_at: String,
}

impl FindingRow {
    /// The fields as the hash covers them.
    pub fn as_ref(&self) -> crate::hash::FindingRef<'_> {
        crate::hash::FindingRef {
            run: &self.run,
            plugin: &self.plugin,
            rule: &self.rule,
            severity: &self.severity,
            message: &self.message,
            claims: &self.claims,
            versions: &self.versions,
            recorded_at: &self.recorded_at,
        }
    }
}

impl PropositionVersion {
    /// Its hash, computed from its fields.
    pub fn computed_hash(&self) -> Hash {
        crate::hash::proposition_version_hash(&crate::hash::PropositionVersionRef {
            key: &self.key,
            seq: self.seq,
            parent: self.parent.as_ref().map(|h| &h.0),
            text: self.text.as_deref(),
            kind: self.kind.as_deref(),
            note: self.note.as_deref(),
            recorded_at: &self.recorded_at,
        })
    }
}

const ENTRY_INFO: &str = "SELECT seq, kind, subject, at, analyst, email, key FROM log";

fn read_entry_info(r: &Row<'_>) -> rusqlite::Result<EntryInfo> {
    let key: Option<Vec<u8>> = r.get(6)?;
    Ok(EntryInfo {
        seq: r.get::<_, i64>(0)? as u64,
        kind: r.get(1)?,
        subject: r.get(2)?,
        at: r.get(3)?,
        analyst: r.get(4)?,
        email: r.get(5)?,
        key: key
            .and_then(|k| <[u8; 32]>::try_from(k.as_slice()).ok())
            .map(|k| crate::identity::key_display(&k)),
    })
}

/// One version of a proposition's words and kind.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PropositionVersion {
    /// Its key.
    pub key: String,
    /// Position in its chain, from 1.
    pub seq: u32,
    /// Its hash (None only for a row fsck would report).
    pub hash: Option<Hash>,
    /// The previous version's hash.
    pub parent: Option<Hash>,
    /// Its words.
    pub text: Option<String>,
    /// `statement` or `value`.
    pub kind: Option<String>,
    /// Why it changed.
    pub note: Option<String>,
    /// When.
    pub recorded_at: String,
}

/// Which claims `list` shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadFilter {
    /// Only claims whose origin or chain includes this source key.
    pub source: Option<String>,
    /// Only claims about this proposition.
    pub about: Option<String>,
    /// Only claims said (or reported, or recorded) on or after this ISO date.
    pub since: Option<String>,
    /// Only claims said (or reported, or recorded) on or before this ISO date.
    pub until: Option<String>,
    /// Only claims relayed through this source key (anywhere in the via chain).
    pub via: Option<String>,
    /// Only claims in this language (BCP 47; `ar` also takes `ar-EG`).
    pub lang: Option<String>,
    /// Include retracted claims.
    pub include_retracted: bool,
    /// At most this many.
    pub limit: Option<usize>,
}

impl HeadFilter {
    /// The SQL conditions (each starting ` AND `) and their arguments for everything but the
    /// chain filters, which [`HeadFilter::takes_chain`] checks.
    fn clause(&self) -> (String, Vec<&dyn rusqlite::ToSql>) {
        let mut sql = String::new();
        let mut args: Vec<&dyn rusqlite::ToSql> = Vec::new();
        if let Some(about) = &self.about {
            sql.push_str(" AND about = ?");
            args.push(about);
        }
        if let Some(lang) = &self.lang {
            // A language matches its regional tags too: `ar` takes `ar-EG`.
            sql.push_str(" AND (lang = ? OR substr(lang, 1, length(?) + 1) = ? || '-')");
            args.extend([lang as &dyn rusqlite::ToSql, lang, lang]);
        }
        const WHEN: &str = "COALESCE(said_on, reported_on, substr(recorded_at, 1, 10))";
        if let Some(since) = &self.since {
            sql.push_str(&format!(" AND {WHEN} >= ?"));
            args.push(since);
        }
        if let Some(until) = &self.until {
            sql.push_str(&format!(" AND {WHEN} <= ?"));
            args.push(until);
        }
        if !self.include_retracted {
            sql.push_str(" AND action = 'record'");
        }
        (sql, args)
    }

    /// Whether a claim's origin and chain pass the `source` and `via` filters (checked on the
    /// decoded row: the chain is stored as one JSON text).
    fn takes_chain(&self, f: &ClaimFields) -> bool {
        let relays = |k: &String| f.via.iter().any(|v| v == k);
        self.source
            .as_ref()
            .is_none_or(|s| f.origin == *s || relays(s))
            && self.via.as_ref().is_none_or(relays)
    }
}

/// A proposition as declared with `claims about add`.
#[derive(Debug, Clone)]
pub struct DeclaredProposition {
    /// Its key.
    pub key: String,
    /// Its words.
    pub text: Option<String>,
    /// `statement` or `value`, when declared.
    pub kind: Option<String>,
}

/// What trust and agreement read of one standing claim.
#[derive(Debug, Clone, Copy)]
pub struct PositionRow<'a> {
    /// Source key of the origin.
    pub origin: &'a str,
    /// Proposition key.
    pub about: &'a str,
    /// Stance, if any.
    pub stance: Option<&'a str>,
    /// Value, if any.
    pub value: Option<&'a str>,
    /// When it was said, else reported, else recorded (ISO date or timestamp).
    pub when: &'a str,
    /// When this version was recorded (RFC 3339): the first tie-break between equal dates.
    pub recorded_at: &'a str,
    /// Its row, later for later versions: the last tie-break, so the order is total.
    pub rowid: i64,
}

/// The tables fsck's own walks read row by row, every page of them, on connections with
/// SQLite's cell checks on ([`scan_connection`]): SQLite's check need not read them again.
const WALKED_TABLES: [&str; 2] = ["versions", "log"];

/// SQLite's own check of the database file at `path`, empty when sound. With `full`, its
/// `integrity_check` of everything (every b-tree, and every index against its table). Without,
/// the quick check that, with fsck's walks, covers every page: SQLite's `quick_check` of every
/// table but [`WALKED_TABLES`] (with their indexes), and each index of those two read whole with
/// cell checks on. Running `quick_check` over the walked tables too would read and decode their
/// million rows a second time: a fifth of fsck's time for a check the walk already makes.
/// Virtual tables' shadow tables (derived data, such as a full-text index) are left to `full`.
/// It opens its own read-only connection, so fsck can run it beside its own walk.
pub fn storage_check(path: &Path, full: bool) -> Result<Vec<String>> {
    let conn = scan_connection(path)?;
    let pragmas: Vec<String> = if full {
        vec!["PRAGMA integrity_check(100)".into()]
    } else {
        let mut st = conn.prepare(
            "SELECT name, sql LIKE 'CREATE VIRTUAL%' FROM sqlite_schema WHERE type = 'table'
             ORDER BY name",
        )?;
        let tables: Vec<(String, bool)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // A virtual table's shadow tables (a full-text index's `NAME_data`, `NAME_idx`...)
        // hold data derived from the records, rebuilt from them, that no record's integrity
        // rests on: `--full` checks them with everything else.
        let derived: Vec<String> = tables
            .iter()
            .filter(|(_, virtual_table)| *virtual_table)
            .map(|(name, _)| format!("{name}_"))
            .collect();
        tables
            .iter()
            .filter(|(t, virtual_table)| {
                !virtual_table
                    && !WALKED_TABLES.contains(&t.as_str())
                    && !derived.iter().any(|prefix| t.starts_with(prefix.as_str()))
            })
            .map(|(t, _)| t)
            // One argument only: a table name (it then reports up to 100 problems).
            .map(|t| format!("PRAGMA quick_check(\"{}\")", t.replace('"', "\"\"")))
            .collect()
    };
    let mut out = Vec::new();
    for pragma in &pragmas {
        let mut st = conn.prepare(pragma)?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        out.extend(
            rows.collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|m| m != "ok"),
        );
    }
    if !full {
        let mut st = conn.prepare(
            "SELECT name, tbl_name, sql,
                    (SELECT l.\"partial\" FROM pragma_index_list(s.tbl_name) AS l WHERE l.name = s.name)
             FROM sqlite_schema AS s WHERE type = 'index' AND tbl_name IN (?1, ?2)
             ORDER BY name",
        )?;
        let indexes: Vec<(String, String, Option<String>, Option<bool>)> = st
            .query_map(WALKED_TABLES, |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (index, table, sql, partial) in indexes {
            let quote = |n: &str| format!("\"{}\"", n.replace('"', "\"\""));
            // `count(rowid)`, not `count(*)`: SQLite answers a bare `count(*)` from the table's
            // own b-tree whatever INDEXED BY says, which would leave the index unread. A
            // partial index can only be read under its own condition.
            let condition = match (partial, sql.as_deref().and_then(partial_condition)) {
                (Some(true), Some(c)) => format!(" WHERE ({c})"),
                (Some(true), None) => {
                    out.push(format!(
                        "index {index} is partial but its condition cannot be read"
                    ));
                    continue;
                }
                _ => String::new(),
            };
            let sql = format!(
                "SELECT count(rowid) FROM {} INDEXED BY {}{condition}",
                quote(&table),
                quote(&index)
            );
            if let Err(e) = conn.query_row(&sql, [], |r| r.get::<_, i64>(0)) {
                out.push(format!("index {index} cannot be read whole: {e}"));
            }
        }
    }
    Ok(out)
}

/// The condition of a partial index, from its `CREATE INDEX` text: what follows its last
/// `WHERE` (an index's columns and name come before it, so the last one is the condition's).
fn partial_condition(create_index: &str) -> Option<&str> {
    let lower = create_index.to_ascii_lowercase();
    let at = lower.rmatch_indices("where").map(|(i, _)| i).find(|&i| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + 5..].chars().next();
        before.is_some_and(|c| c.is_whitespace() || c == ')')
            && after.is_some_and(|c| c.is_whitespace() || c == '(')
    })?;
    Some(create_index[at + 5..].trim()).filter(|c| !c.is_empty())
}

/// The most columns an audited table's rows have (the log's 11).
const AUDIT_COLUMNS: usize = 12;

/// A table that fsck audits row by row besides the versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditTable {
    /// Verdicts, in chain order (about, seq).
    Verdicts,
    /// Stored documents: (hash, bytes).
    Documents,
    /// Proposition versions, in chain order: (key, seq, hash, parent, text, kind, note,
    /// recorded_at).
    Propositions,
    /// Every record the log covers but claim versions (which name their entry and are
    /// checked in the versions walk): (entry kind, subject, seq or NULL, record hash).
    Records,
    /// The workspace log: (seq, kind, subject, record, at, analyst, email, key, signature, leaf,
    /// chain).
    Log,
    /// Check findings: (id, plugin, rule, severity, message, claims, versions, run, recorded_at,
    /// hash).
    Findings,
}

/// One cell of an audited row exactly as stored, borrowed from SQLite (no cell is trusted to
/// be of its declared type or valid UTF-8, and none is copied: fsck reads a million log rows).
#[derive(Debug, Clone, Copy)]
pub enum StoredCell<'a> {
    /// SQL NULL.
    Null,
    /// An integer.
    Integer(i64),
    /// A float.
    Real(f64),
    /// Text as stored: not necessarily valid UTF-8.
    Text(&'a [u8]),
    /// A blob.
    Blob(&'a [u8]),
}

impl<'a> StoredCell<'a> {
    /// The cell as text, when it is text in valid UTF-8.
    pub fn text(&self) -> Option<&'a str> {
        match self {
            StoredCell::Text(b) => std::str::from_utf8(b).ok(),
            _ => None,
        }
    }

    /// The cell as bytes, when it is a blob.
    pub fn blob(&self) -> Option<&'a [u8]> {
        match self {
            StoredCell::Blob(b) => Some(b),
            _ => None,
        }
    }

    /// The cell as an integer, when it is one.
    pub fn integer(&self) -> Option<i64> {
        match self {
            StoredCell::Integer(i) => Some(*i),
            _ => None,
        }
    }
}

impl<'a> From<rusqlite::types::ValueRef<'a>> for StoredCell<'a> {
    fn from(v: rusqlite::types::ValueRef<'a>) -> StoredCell<'a> {
        use rusqlite::types::ValueRef;
        match v {
            ValueRef::Null => StoredCell::Null,
            ValueRef::Integer(i) => StoredCell::Integer(i),
            ValueRef::Real(f) => StoredCell::Real(f),
            ValueRef::Text(t) => StoredCell::Text(t),
            ValueRef::Blob(b) => StoredCell::Blob(b),
        }
    }
}

/// A finding as stored: which plugin and rule, and the exact claim versions it looked at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct StoredFinding {
    /// The plugin that reported it.
    pub plugin: String,
    /// The rule's machine name.
    pub rule: String,
    /// info, warning or error.
    pub severity: String,
    /// Ids of the claims involved.
    pub claims: Vec<String>,
    /// Hashes of the versions of those claims that the check saw.
    pub versions: Vec<String>,
    /// What it found (first line), with detail lines after.
    pub message: String,
}

/// A finding read back, with when it was first recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecordedFinding {
    /// What was found.
    #[serde(flatten)]
    pub finding: StoredFinding,
    /// When a check first reported it.
    pub recorded_at: String,
}

/// A plugin library's recorded identity on this machine.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pin {
    /// The plugin's name.
    pub name: String,
    /// The library file it was pinned from.
    pub path: String,
    /// blake3 of the library's bytes when pinned.
    #[serde(serialize_with = "crate::model::serialize_hex32")]
    pub hash: [u8; 32],
    /// When.
    pub pinned_at: String,
}

/// A finding row from `SELECT run, plugin, rule, severity, message, claims, versions,
/// recorded_at`: the one column order every reader of findings uses.
fn read_finding_row(r: &Row<'_>) -> rusqlite::Result<FindingRow> {
    Ok(FindingRow {
        run: r.get(0)?,
        plugin: r.get(1)?,
        rule: r.get(2)?,
        severity: r.get(3)?,
        message: r.get(4)?,
        claims: r.get(5)?,
        versions: r.get(6)?,
        recorded_at: r.get(7)?,
    })
}

fn read_pin(r: &Row<'_>) -> rusqlite::Result<Result<Pin>> {
    let hash: Vec<u8> = r.get(2)?;
    let (name, path, pinned_at) = (r.get(0)?, r.get(1)?, r.get(3)?);
    Ok(blob32(Some(hash), "plugin hash").map(|h| Pin {
        name,
        path,
        hash: h.expect("present"),
        pinned_at,
    }))
}

/// A version row as stored, borrowed from the database: what fsck checks.
#[derive(Debug, Clone, Copy)]
pub struct RawVersion<'a> {
    /// Claim id (should be 32 letters k–z).
    pub claim: &'a str,
    /// Version number.
    pub seq: i64,
    /// Stored hash (should be 32 bytes).
    pub hash: &'a [u8],
    /// Stored parent hash.
    pub parent: Option<&'a [u8]>,
    /// `record` or `retract`.
    pub action: &'a str,
    /// Source key of the origin.
    pub origin: &'a str,
    /// Relay chain as stored (a JSON list of keys).
    pub via: &'a str,
    /// Text (bytes: hashing needs no UTF-8 check, and a corrupted text fails its hash).
    pub text: &'a [u8],
    /// Proposition.
    pub about: Option<&'a str>,
    /// Stance word.
    pub stance: Option<&'a str>,
    /// Value.
    pub value: Option<&'a [u8]>,
    /// Quote flag.
    pub quote: bool,
    /// Date said.
    pub said_on: Option<&'a str>,
    /// Date reported.
    pub reported_on: Option<&'a str>,
    /// URL.
    pub url: Option<&'a [u8]>,
    /// Language tag.
    pub lang: Option<&'a str>,
    /// Document hash.
    pub doc: Option<&'a [u8]>,
    /// Span start.
    pub span_start: Option<i64>,
    /// Span end.
    pub span_end: Option<i64>,
    /// Note.
    pub note: Option<&'a [u8]>,
    /// Time recorded.
    pub recorded_at: &'a str,
    /// Other heads it merges: 32-byte hashes back to back.
    pub merged: Option<&'a [u8]>,
    /// Head marker: 1 the primary head, 2 another (divergent) head, 0 none.
    pub head: i64,
    /// The position of the log entry that recorded it.
    pub entry: Option<i64>,
}

/// Columns of a raw version row: [`COLUMNS`], the head marker and the log entry.
const RAW_COLUMNS: usize = 24;

/// Reads a raw version from its columns (in [`COLUMNS`] order, then the head marker).
fn raw_version<'r>(get: impl Fn(usize) -> rusqlite::types::ValueRef<'r>) -> Result<RawVersion<'r>> {
    use rusqlite::types::ValueRef;
    let bad = |i: usize| -> Error {
        let claim = get(0).as_str().unwrap_or("?").to_string();
        let seq = get(1).as_i64().unwrap_or(0);
        Error::invalid(format!(
            "claim {claim} version {seq}: stored column {} is malformed",
            i + 1
        ))
    };
    let text = |i: usize| -> Result<Option<&'r str>> {
        match get(i) {
            ValueRef::Null => Ok(None),
            ValueRef::Text(t) => std::str::from_utf8(t).map(Some).map_err(|_| bad(i)),
            _ => Err(bad(i)),
        }
    };
    let req = |i: usize| -> Result<&'r str> { text(i)?.ok_or_else(|| bad(i)) };
    let bytes = |i: usize| -> Result<Option<&'r [u8]>> {
        match get(i) {
            ValueRef::Null => Ok(None),
            ValueRef::Text(t) => Ok(Some(t)),
            _ => Err(bad(i)),
        }
    };
    let blob = |i: usize| -> Result<Option<&'r [u8]>> {
        match get(i) {
            ValueRef::Null => Ok(None),
            ValueRef::Blob(b) => Ok(Some(b)),
            _ => Err(bad(i)),
        }
    };
    let int = |i: usize| -> Result<Option<i64>> {
        match get(i) {
            ValueRef::Null => Ok(None),
            ValueRef::Integer(n) => Ok(Some(n)),
            _ => Err(bad(i)),
        }
    };
    Ok(RawVersion {
        claim: req(0)?,
        seq: int(1)?.ok_or_else(|| bad(1))?,
        hash: blob(2)?.ok_or_else(|| bad(2))?,
        parent: blob(3)?,
        action: req(4)?,
        origin: req(5)?,
        via: req(6)?,
        text: bytes(7)?.ok_or_else(|| bad(7))?,
        about: text(8)?,
        stance: text(9)?,
        value: bytes(10)?,
        quote: int(11)?.ok_or_else(|| bad(11))? != 0,
        said_on: text(12)?,
        reported_on: text(13)?,
        url: bytes(14)?,
        lang: text(15)?,
        doc: blob(16)?,
        span_start: int(17)?,
        span_end: int(18)?,
        note: bytes(19)?,
        recorded_at: req(20)?,
        merged: blob(21)?,
        head: int(22)?.ok_or_else(|| bad(22))?,
        entry: int(23)?,
    })
}

fn read_verdict(r: &Row<'_>) -> rusqlite::Result<Result<Verdict>> {
    let about: String = r.get(0)?;
    let seq: i64 = r.get(1)?;
    let hash: Vec<u8> = r.get(2)?;
    let parent: Option<Vec<u8>> = r.get(3)?;
    let rating: String = r.get(4)?;
    let (value, note, recorded_at) = (r.get(5)?, r.get(6)?, r.get(7)?);
    let attribution = crate::model::Attribution {
        by: r.get(8)?,
        label: r.get(9)?,
        url: r.get(10)?,
        reviewed_on: r.get(11)?,
    };
    Ok((|| {
        let bad = |what: &str| {
            Error::invalid(format!(
                "verdict on {about} version {seq}: stored {what} is malformed"
            ))
        };
        Ok(Verdict {
            seq: u32::try_from(seq).map_err(|_| bad("sequence number"))?,
            hash: Hash(blob32(Some(hash), "hash")?.expect("present")),
            parent: blob32(parent, "parent hash")?.map(Hash),
            rating: rating.parse().map_err(|_| bad("rating"))?,
            about: about.clone(),
            value,
            note,
            attribution,
            recorded_at,
        })
    })())
}

const COLUMNS: &str = "claim, seq, hash, parent, action, origin, via, text, about, stance, value, quote, \
     said_on, reported_on, url, lang, doc, span_start, span_end, note, recorded_at, merged";

/// Two analysts changed one proposition (or ruled on it) independently: claims keeps such
/// changes side by side for claims, not yet for propositions and verdicts, so it says so.
fn concurrent(what: &str, key: &str, seq: u32) -> Error {
    Error::invalid(format!(
        "{what} {key} version {seq} differs from the one held here: it was changed on both sides independently, which claims can reconcile for claims but not yet for propositions and verdicts (agree on one, and have the other analyst record theirs again after applying)"
    ))
}

/// Merged hashes as stored: back to back, or NULL for none.
fn merged_blob(merged: &[Hash]) -> Option<Vec<u8>> {
    (!merged.is_empty()).then(|| merged.iter().flat_map(|h| h.0).collect())
}

fn blob32(v: Option<Vec<u8>>, what: &str) -> Result<Option<[u8; 32]>> {
    v.map(|b| {
        <[u8; 32]>::try_from(b.as_slice())
            .map_err(|_| Error::invalid(format!("stored {what} is not 32 bytes")))
    })
    .transpose()
}

/// Turns a row into a version; a corrupt row is an error of its own, not a database failure.
fn read_version(r: &Row<'_>) -> rusqlite::Result<Result<Version>> {
    let claim: String = r.get(0)?;
    let seq: i64 = r.get(1)?;
    let hash: Vec<u8> = r.get(2)?;
    let parent: Option<Vec<u8>> = r.get(3)?;
    let action: String = r.get(4)?;
    let via: String = r.get(6)?;
    let stance: Option<String> = r.get(9)?;
    let doc: Option<Vec<u8>> = r.get(16)?;
    let span: (Option<i64>, Option<i64>) = (r.get(17)?, r.get(18)?);
    let fields_rest = (
        r.get::<_, String>(5)?,
        r.get::<_, String>(7)?,
        r.get::<_, Option<String>>(8)?,
        r.get::<_, Option<String>>(10)?,
        r.get::<_, bool>(11)?,
        r.get::<_, Option<String>>(12)?,
        r.get::<_, Option<String>>(13)?,
        r.get::<_, Option<String>>(14)?,
        r.get::<_, Option<String>>(15)?,
    );
    let note: Option<String> = r.get(19)?;
    let recorded_at: String = r.get(20)?;
    let merged: Option<Vec<u8>> = r.get(21)?;
    Ok((|| {
        let bad = |what: &str| {
            Error::invalid(format!(
                "claim {claim} version {seq}: stored {what} is malformed"
            ))
        };
        let claim_id = ClaimId::parse(&claim).ok_or_else(|| bad("claim id"))?;
        let (origin, text, about, value, quote, said_on, reported_on, url, lang) = fields_rest;
        let source_doc = match (blob32(doc, "document hash")?, span) {
            (Some(doc), (Some(s), Some(e))) => Some(DocRef {
                doc,
                start: s as u64,
                end: e as u64,
            }),
            (None, (None, None)) => None,
            _ => return Err(bad("document reference")),
        };
        let merged = match merged {
            None => Vec::new(),
            Some(b) if b.len() % 32 == 0 && !b.is_empty() => b
                .chunks_exact(32)
                .map(|c| Hash(c.try_into().expect("32 bytes")))
                .collect(),
            Some(_) => return Err(bad("merged hashes")),
        };
        Ok(Version {
            seq: u32::try_from(seq).map_err(|_| bad("sequence number"))?,
            hash: Hash(blob32(Some(hash), "hash")?.expect("present")),
            parent: blob32(parent, "parent hash")?.map(Hash),
            merged,
            action: Action::parse(&action).ok_or_else(|| bad("action"))?,
            fields: ClaimFields {
                origin,
                via: serde_json::from_str(&via).map_err(|_| bad("via"))?,
                text,
                about,
                stance: stance
                    .map(|s| s.parse::<Stance>())
                    .transpose()
                    .map_err(|_| bad("stance"))?,
                value,
                quote,
                said_on,
                reported_on,
                url,
                lang,
                source_doc,
            },
            claim: claim_id,
            note,
            recorded_at,
        })
    })())
}

impl Reader for Store {
    fn conn(&self) -> &Connection {
        &self.conn
    }
}

impl Store {
    /// Opens (creating if needed) the database and brings its schema up to date.
    /// Never through a symbolic link (`SQLITE_OPEN_NOFOLLOW`); SQLite waits as long as the
    /// workspace lock does before reporting its own locks busy.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::default() | OpenFlags::SQLITE_OPEN_NOFOLLOW,
        )?;
        let mut store = Store::new(conn, path);
        store.setup().map_err(|e| store.classify(e))?;
        Ok(store)
    }

    /// A store over an open connection, with no lock held and no author chosen yet.
    fn new(conn: Connection, path: &Path) -> Store {
        Store {
            conn,
            path: path.to_path_buf(),
            lock: None,
            lock_depth: 0,
            author: None,
            require_signed: false,
        }
    }

    /// Opens an existing database for reading only: nothing is created, migrated or written,
    /// so read commands work on a read-only workspace (an archive, a colleague's folder mounted
    /// read-only). When SQLite cannot make its shared-memory file beside a WAL database (the
    /// directory is not writable), the file is opened as immutable, which is what it is then;
    /// an unfinished write-ahead log beside it is refused rather than silently ignored.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Store::checked_read_only(read_only_connection(path)?, path)
    }

    /// [`Store::open_read_only`] for reading a whole table or file, through a memory map:
    /// each fsck thread opens one.
    pub fn open_for_scan(path: &Path) -> Result<Store> {
        Store::checked_read_only(scan_connection(path)?, path)
    }

    /// Takes a read-only connection if its schema is the one this build reads.
    fn checked_read_only(conn: Connection, path: &Path) -> Result<Store> {
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if found < SCHEMA_VERSION {
            return Err(Error::SchemaTooOld {
                path: path.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(Store::new(conn, path))
    }

    /// An empty workspace's database, in memory: what read commands see of a fresh clone that
    /// has no `.claims/` yet, without creating it.
    pub fn empty_in_memory(path: &Path) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        migrate(&mut conn, path)?;
        Ok(Store::new(conn, path))
    }

    fn setup(&mut self) -> Result<()> {
        self.conn.busy_timeout(lock::timeout())?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // A bulk write (an import, a bundle) inserts into indexes keyed by hashes, all over the
        // b-trees: with SQLite's default 2 MB of cache most of those pages are read back from
        // the file again and again. 64 MB keeps them (memory is only taken as pages are used).
        self.conn.pragma_update(None, "cache_size", -65536)?;
        let current: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current == SCHEMA_VERSION {
            return Ok(());
        }
        self.hold_lock()?;
        let out = migrate(&mut self.conn, &self.path);
        self.release_lock();
        out
    }

    /// Takes the workspace's write lock (`lock` next to the database), or counts one more
    /// holder if this store already holds it, so a write that spans workspace.toml and the
    /// database holds it throughout.
    pub(crate) fn hold_lock(&mut self) -> Result<()> {
        if self.lock_depth == 0 {
            self.lock = Some(lock::acquire(&self.path.with_file_name(lock::LOCK_FILE))?);
        }
        self.lock_depth += 1;
        Ok(())
    }

    /// Undoes one [`Store::hold_lock`]; the last one releases the lock.
    pub(crate) fn release_lock(&mut self) {
        self.lock_depth = self.lock_depth.saturating_sub(1);
        if self.lock_depth == 0 {
            self.lock = None;
        }
    }

    /// Names the cause of storage failures (disk full, lock contention) instead of SQLite's
    /// generic "disk I/O error" or "database is locked".
    fn classify(&self, e: Error) -> Error {
        let Error::Sqlite(rusqlite::Error::SqliteFailure(f, _)) = &e else {
            return e;
        };
        let full = |detail: String| Error::DiskFull {
            path: self.path.clone(),
            detail,
        };
        match f.code {
            ErrorCode::DiskFull => full("the database or disk is full".into()),
            ErrorCode::SystemIoFailure => {
                // SAFETY: the handle is this open connection's; the call only reads its errno.
                let errno = unsafe { rusqlite::ffi::sqlite3_system_errno(self.conn.handle()) };
                let err = std::io::Error::from_raw_os_error(errno);
                match Error::io_write(&self.path)(err) {
                    e @ Error::DiskFull { .. } => e,
                    _ => e,
                }
            }
            ErrorCode::ReadOnly => Error::invalid(format!(
                "cannot write to {}: the workspace is read-only here (read commands still work)",
                self.path.display()
            )),
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Error::Locked {
                path: self.path.clone(),
                waited_secs: lock::timeout().as_secs(),
            },
            _ => e,
        }
    }

    /// Where the database lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one write transaction: everything it wrote is committed if it returns Ok, and
    /// nothing if it returns Err (or panics).
    /// The workspace's write lock is held throughout.
    pub fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        self.hold_lock()?;
        let out = self.write_locked(f).map_err(|e| self.classify(e));
        self.release_lock();
        out
    }

    fn write_locked<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        if self.author.is_none() {
            self.author = Some(crate::history::default_author()?);
        }
        let head_path = self.path.with_file_name(crate::history::HEAD_FILE);
        let recorded = crate::history::HeadFile::read(&head_path)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let w = Writer {
            tx,
            log: std::cell::RefCell::new(None),
            author: self.author.as_ref().expect("resolved above"),
            require_signed: self.require_signed,
        };
        // Never write over a log that lost entries the head file remembers: that is fsck's to
        // report, and a write would bury it.
        // The state read for that check is the one the write's first entry starts from.
        let mut read_size = None;
        if let Some(rec) = &recorded {
            let state = w.log_state()?;
            if state.frontier.size() < rec.head.size {
                return Err(Error::LogBehindHead {
                    path: head_path,
                    logged: state.frontier.size(),
                    recorded: rec.head.size,
                });
            }
            read_size = Some(state.frontier.size());
            *w.log.borrow_mut() = Some(state);
        }
        let out = f(&w)?;
        // Only a write that appended entries stores a new state and head.
        let state = w
            .log
            .borrow_mut()
            .take()
            .filter(|s| Some(s.frontier.size()) != read_size);
        if let Some(state) = &state {
            save_log_state(&w.tx, state)?;
        }
        w.tx.commit()?;
        if let Some(state) = state {
            let file = crate::history::HeadFile {
                head: state.head(),
                chain: state.chain,
            };
            crate::workspace::write_atomically(&head_path, &file.render())?;
        }
        Ok(out)
    }

    /// Sets who this store's writes are stamped (and signed) by.
    pub fn set_author(&mut self, author: Identity) {
        self.author = Some(author);
    }

    /// Makes every write refuse to append an unsigned log entry (`require_signatures`).
    pub fn set_require_signed(&mut self, on: bool) {
        self.require_signed = on;
    }

    /// Forgets the pending workspace.toml once it is in place.
    pub(crate) fn clear_pending_config(&mut self) -> Result<()> {
        self.conn.execute("DELETE FROM pending_config", [])?;
        Ok(())
    }

    /// Raw access for tests that tamper with the database behind the program's back.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// A read-only connection to an existing database (see [`Store::open_read_only`]). Where this
/// process may not write the database's directory, SQLite could not make the shared-memory file
/// a WAL database needs, so the file is opened as immutable, which it is to this process.
fn read_only_connection(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let dir = path.parent().unwrap_or(Path::new("."));
    let conn = if may_write(dir) && may_write(path) {
        Connection::open_with_flags(path, flags)?
    } else {
        let wal = path.with_file_name(format!(
            "{}-wal",
            path.file_name().unwrap_or_default().to_string_lossy()
        ));
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            return Err(Error::invalid(format!(
                "{} holds writes not yet folded into the database, which cannot be read without writing; open the workspace once where it is writable",
                wal.display()
            )));
        }
        let uri = format!("file:{}?immutable=1", uri_path(path));
        Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?
    };
    conn.busy_timeout(lock::timeout())?;
    Ok(conn)
}

/// How much of a database a whole-file scan maps (SQLite caps it at its compile-time maximum).
const SCAN_MMAP_BYTES: i64 = 1 << 34;

/// A read-only connection for reading every page of the file (fsck's walks and SQLite's own
/// check): through a memory map, which spares the copy of each page out of the kernel's cache
/// (a fifth of fsck's time on a million claims). Only scans map: the mapped pages count in the
/// process's resident size, which would mislead anyone measuring the other commands. Nothing
/// here ever truncates the file under a reader (no vacuum), which is what mapping needs.
fn scan_connection(path: &Path) -> Result<Connection> {
    let conn = read_only_connection(path)?;
    conn.pragma_update(None, "mmap_size", SCAN_MMAP_BYTES)?;
    // Every page read is checked as SQLite loads it (its cells within the page, its free
    // blocks in order): the walks then check the structure of every page they read.
    conn.pragma_update(None, "cell_size_check", true)?;
    Ok(conn)
}

/// Whether this process may write `path` (the kernel's own answer, which counts root's
/// privileges and read-only mounts).
pub(crate) fn may_write(path: &Path) -> bool {
    rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
}

/// A path as a `file:` URI path: every byte outside a safe set percent-encoded, so `?` or `#`
/// in a directory name cannot become URI syntax.
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    if current == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        tx.execute_batch(sql)?;
        if i + 1 == RECORD_HASH_MIGRATION {
            hash_records(&tx)?;
        }
        if i + 1 == LOG_MIGRATION {
            log_existing_records(&tx)?;
        }
        if i + 1 == SEARCH_MIGRATION {
            index_existing_claims(&tx)?;
        }
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(())
}

/// A write transaction; dropping it without commit rolls everything back.
pub struct Writer<'c> {
    tx: rusqlite::Transaction<'c>,
    /// The log as this transaction has grown it, loaded on its first entry.
    log: std::cell::RefCell<Option<LogState>>,
    author: &'c Identity,
    require_signed: bool,
}

impl Reader for Writer<'_> {
    fn conn(&self) -> &Connection {
        &self.tx
    }
}

impl Writer<'_> {
    /// Appends one entry to the workspace log, stamped with the author and signed when they
    /// have a key: the one place every write is logged.
    pub fn log_entry(
        &self,
        kind: EntryKind,
        subject: &str,
        record: &[u8; 32],
        at: &str,
    ) -> Result<u64> {
        let mut log = self.log.borrow_mut();
        if log.is_none() {
            *log = Some(self.log_state()?);
        }
        let state = log.as_mut().expect("loaded above");
        append_entry(
            &self.tx,
            state,
            self.author,
            self.require_signed,
            (kind, subject, record, at),
        )?;
        Ok(state.frontier.size())
    }

    /// Records a source declaration claims writes to workspace.toml, and logs it.
    pub fn insert_source_declaration(&self, key: &str, declaration: &str, at: &str) -> Result<()> {
        let hash = self.put_source_declaration(key, declaration, at)?;
        self.log_entry(EntryKind::Source, key, &hash.0, at)?;
        Ok(())
    }

    fn put_source_declaration(&self, key: &str, declaration: &str, at: &str) -> Result<Hash> {
        let hash = crate::hash::source_hash(key, declaration, at);
        let mut st = self.tx.prepare_cached(
            "INSERT INTO source_declarations (key, hash, declaration, recorded_at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        st.execute(params![key, &hash.0[..], declaration, at])?;
        Ok(hash)
    }

    /// Records the workspace.toml this transaction's commit promises (see docs/storage.md).
    pub fn set_pending_config(&self, base: &[u8; 32], text: &str) -> Result<()> {
        self.tx.execute(
            "INSERT OR REPLACE INTO pending_config (id, base, text) VALUES (1, ?1, ?2)",
            params![&base[..], text],
        )?;
        Ok(())
    }

    /// Records (or replaces) a plugin's pin.
    pub fn set_pin(&self, pin: &Pin) -> Result<()> {
        let mut st = self.tx.prepare_cached(
            "INSERT INTO plugin_pins (name, path, hash, pinned_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET path = ?2, hash = ?3, pinned_at = ?4",
        )?;
        st.execute(params![pin.name, pin.path, &pin.hash[..], pin.pinned_at])?;
        Ok(())
    }

    /// Stores a document once; returns whether it was new.
    pub fn insert_document(
        &self,
        hash: &[u8; 32],
        path: Option<&str>,
        bytes: &[u8],
        at: &str,
    ) -> Result<bool> {
        let new = self.put_document(hash, path, bytes, at)?;
        if new {
            self.log_entry(EntryKind::Document, &Hash(*hash).to_hex(), hash, at)?;
        }
        Ok(new)
    }

    fn put_document(
        &self,
        hash: &[u8; 32],
        path: Option<&str>,
        bytes: &[u8],
        at: &str,
    ) -> Result<bool> {
        let mut st = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO documents (hash, path, bytes, added_at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        Ok(st.execute(params![&hash[..], path, bytes, at])? == 1)
    }

    /// Stores one finding of a check run.
    pub fn insert_finding(&self, run: &str, f: &StoredFinding, at: &str) -> Result<()> {
        let claims = serde_json::to_string(&f.claims).expect("strings serialise");
        let versions = serde_json::to_string(&f.versions).expect("strings serialise");
        let hash = self.put_finding(&crate::hash::FindingRef {
            run,
            plugin: &f.plugin,
            rule: &f.rule,
            severity: &f.severity,
            message: &f.message,
            claims: &claims,
            versions: &versions,
            recorded_at: at,
        })?;
        self.log_entry(EntryKind::Finding, run, &hash.0, at)?;
        Ok(())
    }

    fn put_finding(&self, f: &crate::hash::FindingRef<'_>) -> Result<Hash> {
        let hash = crate::hash::finding_hash(f);
        let mut st = self.tx.prepare_cached(
            "INSERT INTO findings (run, plugin, rule, severity, message, claims, versions, recorded_at, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        st.execute(params![
            f.run,
            f.plugin,
            f.rule,
            f.severity,
            f.message,
            f.claims,
            f.versions,
            f.recorded_at,
            &hash.0[..]
        ])?;
        Ok(hash)
    }

    /// Appends a proposition version (its hash computed here) and logs it: every
    /// declaration or change of a proposition goes through this one place.
    pub fn insert_proposition_version(&self, p: &PropositionVersion) -> Result<Hash> {
        let hash = self.put_proposition_version(p)?;
        self.log_entry(EntryKind::Proposition, &p.key, &hash.0, &p.recorded_at)?;
        Ok(hash)
    }

    fn put_proposition_version(&self, p: &PropositionVersion) -> Result<Hash> {
        let hash = p.computed_hash();
        let mut st = self.tx.prepare_cached(
            "INSERT INTO proposition_versions (key, seq, hash, parent, text, kind, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        st.execute(params![
            p.key,
            p.seq,
            &hash.0[..],
            p.parent.as_ref().map(|h| &h.0[..]),
            p.text,
            p.kind,
            p.note,
            p.recorded_at
        ])?;
        Ok(hash)
    }

    /// Appends a verdict to its proposition's chain.
    pub fn insert_verdict(&self, v: &Verdict) -> Result<()> {
        self.put_verdict(v)?;
        self.log_entry(EntryKind::Verdict, &v.about, &v.hash.0, &v.recorded_at)?;
        Ok(())
    }

    fn put_verdict(&self, v: &Verdict) -> Result<()> {
        let mut st = self.tx.prepare_cached(
            "INSERT INTO verdicts (about, seq, hash, parent, rating, value, note, recorded_at,
                by_source, label, url, reviewed_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let a = &v.attribution;
        st.execute(params![
            v.about,
            v.seq,
            &v.hash.0[..],
            v.parent.as_ref().map(|p| &p.0[..]),
            v.rating.as_str(),
            v.value,
            v.note,
            v.recorded_at,
            a.by,
            a.label,
            a.url,
            a.reviewed_on
        ])?;
        Ok(())
    }

    /// Appends a version and makes it the claim's head.
    pub fn insert_version(&self, v: &Version) -> Result<()> {
        self.step_back_head(v)?;
        let entry = self.log_entry(version_kind(v), v.claim.as_str(), &v.hash.0, &v.recorded_at)?;
        self.put_version(v, entry)?;
        if v.seq == 1 {
            self.index_new_claim(v)
        } else {
            self.index_claim(&v.claim)
        }
    }

    /// Indexes a new claim's words right after its first version was written, without looking
    /// anything up (the common case of an import and of a bundle): that row is the last one
    /// inserted, and the claim's only head.
    fn index_new_claim(&self, v: &Version) -> Result<()> {
        insert_search_words(&self.tx, self.tx.last_insert_rowid(), &v.fields.text)
    }

    /// Puts a claim's primary head's words in the search index in place of what was there:
    /// called by every write that changes a head ([`Writer::insert_version`] for edits and
    /// retractions, [`Writer::insert_received_version`] for bundles and merges), so the index
    /// moves in the same transaction as the heads.
    fn index_claim(&self, claim: &ClaimId) -> Result<()> {
        let mut st = self.tx.prepare_cached(
            "SELECT (SELECT MIN(f.rowid) FROM versions AS f WHERE f.claim = ?1), text
             FROM versions WHERE claim = ?1 AND head = 1",
        )?;
        let found: Option<(i64, String)> = st
            .query_row([claim.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((first, text)) = found {
            let mut st = self.tx.prepare_cached(
                "INSERT OR REPLACE INTO claim_search (rowid, words) VALUES (?1, ?2)",
            )?;
            st.execute(params![first, crate::search::index_text(&text)])?;
        }
        Ok(())
    }

    /// Stores a claim version that came from elsewhere (a bundle) with the entry that logged
    /// it there, appended as is; false (and nothing written) when the version is already held.
    /// Every version a bundle brings goes through here, so divergence is handled in one place.
    pub fn insert_received_version(&self, v: &Version, entry: &EntryRef<'_>) -> Result<bool> {
        // One probe of the claim's rows (none for a new claim, the common case of a whole
        // bundle) says both whether the version is held and what the claim's heads are.
        let mut st = self
            .tx
            .prepare_cached("SELECT hash, head FROM versions WHERE claim = ?1")?;
        let mut rows = st.query([v.claim.as_str()])?;
        let (mut any, mut heads) = (false, Vec::new());
        while let Some(r) = rows.next()? {
            any = true;
            let hash = r.get_ref(0)?.as_bytes().unwrap_or_default();
            if hash == v.hash.0 {
                return Ok(false);
            }
            if r.get::<_, i64>(1)? >= 1 {
                heads.push(hash.to_vec());
            }
        }
        drop(rows);
        let seq = self.append_received_entry(entry)?;
        // The common case, a claim's history arriving in order, needs no graph: the version
        // follows the one head (or starts the claim). Anything else (a colleague's edit beside
        // ours, a merge) recomputes the claim's heads.
        let follows = match (&v.parent, heads.as_slice()) {
            (None, []) => !any,
            (Some(p), [only]) => only.as_slice() == p.0 && v.merged.is_empty(),
            _ => false,
        };
        if follows {
            self.step_back_head(v)?;
            self.put_version(v, seq)?;
        } else {
            self.put_version(v, seq)?;
            self.recompute_heads(&v.claim)?;
        }
        if follows && !any {
            self.index_new_claim(v)?;
        } else {
            self.index_claim(&v.claim)?;
        }
        Ok(true)
    }

    /// Stores a record that came from elsewhere with the entry that logged it there, appended
    /// as is (so its leaf is the sender's); false (and nothing written) when it is already held.
    pub fn insert_received(&self, record: &Record, entry: &EntryRef<'_>) -> Result<bool> {
        if let Record::Version(v) = record {
            return self.insert_received_version(v, entry);
        }
        let subject = std::str::from_utf8(entry.subject)
            .map_err(|_| Error::invalid("a received entry's subject is not UTF-8"))?;
        let hash = <[u8; 32]>::try_from(entry.record)
            .map_err(|_| Error::invalid("a received entry's record hash is not 32 bytes"))?;
        if self.holds_record(record.kind(), subject, &hash)? {
            return Ok(false);
        }
        match record {
            Record::Version(_) => unreachable!("handled above"),
            Record::Proposition(p) => {
                let held = self.proposition_versions(&p.key)?;
                if held.iter().any(|h| h.seq == p.seq) {
                    return Err(concurrent("proposition", &p.key, p.seq));
                }
                self.put_proposition_version(p)?;
            }
            Record::Verdict(v) => {
                if self
                    .verdicts(Some(&v.about))?
                    .iter()
                    .any(|h| h.seq == v.seq)
                {
                    return Err(concurrent("verdict on", &v.about, v.seq));
                }
                self.put_verdict(v)?
            }
            Record::Source {
                key,
                declaration,
                recorded_at,
            } => {
                self.put_source_declaration(key, declaration, recorded_at)?;
            }
            Record::Document {
                path,
                bytes,
                added_at,
            } => {
                self.put_document(&hash, path.as_deref(), bytes, added_at)?;
            }
            Record::Finding(f) => {
                self.put_finding(&f.as_ref())?;
            }
        }
        self.append_received_entry(entry)?;
        Ok(true)
    }

    /// Appends an entry written elsewhere exactly as it was (its analyst, time, key and
    /// signature), so its leaf is the sender's; `require_signatures` refuses it unsigned.
    /// Returns its position here.
    pub fn append_received_entry(&self, entry: &EntryRef<'_>) -> Result<u64> {
        if self.require_signed && entry.signature.is_none() {
            return Err(Error::invalid(format!(
                "a received {} entry about {} is unsigned, and this workspace requires signed entries (require_signatures = true in workspace.toml)",
                entry.kind,
                String::from_utf8_lossy(entry.subject)
            )));
        }
        let mut log = self.log.borrow_mut();
        if log.is_none() {
            *log = Some(self.log_state()?);
        }
        let state = log.as_mut().expect("loaded above");
        insert_entry(&self.tx, state, entry)?;
        Ok(state.frontier.size())
    }

    /// A later version replaces the claim's head.
    fn step_back_head(&self, v: &Version) -> Result<()> {
        if v.seq > 1 {
            let mut st = self
                .tx
                .prepare_cached("UPDATE versions SET head = 0 WHERE claim = ?1 AND head >= 1")?;
            st.execute([v.claim.as_str()])?;
        }
        Ok(())
    }

    /// The version's row, naming the log entry (by position) that records it.
    fn put_version(&self, v: &Version, entry: u64) -> Result<()> {
        let f = &v.fields;
        let mut st = self.tx.prepare_cached(
            "INSERT INTO versions (claim, seq, hash, parent, action, head, origin, via, text, about, stance,
                value, quote, said_on, reported_on, url, lang, doc, span_start, span_end, note, recorded_at,
                entry, merged)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                ?22, ?23)",
        )?;
        st.execute(params![
            v.claim.as_str(),
            v.seq,
            &v.hash.0[..],
            v.parent.as_ref().map(|p| &p.0[..]),
            v.action.as_str(),
            f.origin,
            serde_json::to_string(&f.via).expect("strings serialise"),
            f.text,
            f.about,
            f.stance.map(Stance::as_str),
            f.value,
            f.quote,
            f.said_on,
            f.reported_on,
            f.url,
            f.lang,
            f.source_doc.as_ref().map(|d| &d.doc[..]),
            f.source_doc.map(|d| d.start as i64),
            f.source_doc.map(|d| d.end as i64),
            v.note,
            v.recorded_at,
            entry as i64,
            merged_blob(&v.merged),
        ])?;
        Ok(())
    }

    /// Recomputes which versions of a claim are heads after a version arrived from elsewhere:
    /// every version no other version names as parent or merges is a head; the primary one
    /// (`head` 1, what list, compare and trust read) is the latest recorded, ties broken by
    /// hash, so every workspace holding the same versions picks the same; the others get 2.
    pub fn recompute_heads(&self, claim: &ClaimId) -> Result<()> {
        let versions = self.versions(claim)?;
        let mut named = std::collections::HashSet::new();
        for v in &versions {
            named.extend(v.parent);
            named.extend(v.merged.iter().copied());
        }
        let primary = versions
            .iter()
            .filter(|v| !named.contains(&v.hash))
            .max_by(|a, b| (&a.recorded_at, a.hash.0).cmp(&(&b.recorded_at, b.hash.0)))
            .map(|v| v.hash);
        let mut st = self
            .tx
            .prepare_cached("UPDATE versions SET head = ?1 WHERE claim = ?2 AND hash = ?3")?;
        for v in &versions {
            let head = if Some(v.hash) == primary {
                1
            } else if named.contains(&v.hash) {
                0
            } else {
                2
            };
            st.execute(params![head, claim.as_str(), &v.hash.0[..]])?;
        }
        Ok(())
    }
}

/// The entry kind that logs a version.
fn version_kind(v: &Version) -> EntryKind {
    match v.action {
        Action::Record => EntryKind::ClaimVersion,
        Action::Retract => EntryKind::ClaimRetraction,
    }
}

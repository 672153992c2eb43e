//! The command line, declared with clap: every flag documented where it is defined.

use claims_core::config::SourceKind;
use claims_core::model::{Rating, Stance};
use claims_core::propositions::PropositionKind;
use claims_core::scoring::truth::Method;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;
use std::ffi::OsStr;
use std::marker::PhantomData;
use std::path::PathBuf;

/// Record, version and compare what news sources claim.
///
/// A workspace is a directory with a `workspace.toml` (the sources you track) and a `.claims/`
/// database. Commands find it by walking up from the current directory, like git and cargo.
#[derive(Debug, Parser)]
#[command(name = "claims", version, about, max_term_width = 100)]
#[command(
    after_help = "Start with `claims init`, declare sources with `claims source add`, then \
`claims add --source nyt --text \"...\"`. `claims help <command>` explains each command."
)]
pub struct Cli {
    /// Use the workspace at PATH instead of searching upward from the current directory.
    #[arg(long, global = true, env = "CLAIMS_WORKSPACE", value_name = "PATH")]
    pub workspace: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// `--json` on every read command: a stable, documented shape (docs/json.md).
#[derive(Debug, Clone, Copy, Args)]
pub struct JsonFlag {
    /// Print JSON instead of text (shape documented in docs/json.md).
    #[arg(long)]
    pub json: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace (workspace.toml and .claims/) in DIR; running it again changes nothing.
    Init {
        /// Where to create it (default: the current directory).
        dir: Option<PathBuf>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Declare and inspect sources (who says things).
    #[command(subcommand)]
    Source(SourceCommand),
    /// Record a new claim.
    #[command(
        after_help = "Example:\n  claims add --source \"US officials\" --via nyt --about kim-visit --stance supports \\\n      --said-on 2023-09-04 --text \"Kim Jong Un will travel to Russia this month\""
    )]
    Add(AddArgs),
    /// Record a corrected version of a claim (earlier versions are kept).
    Edit(EditArgs),
    /// Record that a claim was withdrawn (it stays in history).
    Retract {
        /// The claim's id or a unique prefix of it.
        id: String,
        /// Why it is retracted.
        #[arg(long, value_name = "WHY")]
        note: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show a claim's newest version.
    Show {
        /// The claim's id or a unique prefix of it.
        id: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List claims (newest version of each), oldest first.
    List(ListArgs),
    /// Find claims by their words, best match first (Arabic folded: diacritics, alef and ya
    /// forms, digits).
    #[command(
        after_help = "QUERY: words (all must match), \"a phrase\" (those words in order) and \
prefix* (any word starting so). Other punctuation separates words; it is never an operator. \
Matched words are highlighted on a terminal and [bracketed] when piped."
    )]
    Search(SearchArgs),
    /// Show every version of a claim, newest first, with hashes and notes.
    Log {
        /// The claim's id or a unique prefix of it.
        id: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show what changed between two versions of a claim, word by word.
    #[command(
        after_help = "Versions are numbers (1, 2, ...) or hash prefixes. With none, the newest \
version is compared with its parent; with one, that version with the newest."
    )]
    Diff {
        /// The claim's id or a unique prefix of it.
        id: String,
        /// The older version.
        from: Option<String>,
        /// The newer version.
        to: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Record claims from a JSON Lines or CSV file (or - for standard input), all or nothing.
    #[command(
        after_help = "Each line is an object with the fields of `claims add`: source, via (a list), \
text, about, stance, value, quote, said_on, reported_on, url, lang, note. A line may also carry \
\"ref\" (a label) and \"revises\" (a label or claim id) to record a correction. Claims as \
`export`, `list --json`, `show --json` and `log --json` print them are read too (their ids and \
hashes are checked). --format csv reads the columns `export --format csv` writes (docs/json.md)."
    )]
    Import(ImportArgs),
    /// Write claims out: JSON Lines (re-importable, every version), CSV (one row per claim), or
    /// ClaimReview JSON-LD (one object per verdict).
    #[command(
        after_help = "Takes the filters of `claims list` (jsonl and csv). JSON Lines carries each claim's whole history, so `claims import` of it re-creates the same claims (same ids and hashes) elsewhere; CSV carries the newest version of each (shapes: docs/json.md). The ClaimReview author is the verdict's fact-checker (--by), else [publisher] name and url in workspace.toml; docs/ratings.md gives the rating scale."
    )]
    Export(ExportArgs),
    /// Recompute every hash and check every chain; non-zero exit if anything was altered.
    ///
    /// Checks every claim version and chain, verdicts, stored documents, propositions, findings
    /// and log entries, and the database file's every page (SQLite's quick_check of the tables
    /// the walk does not read row by row, its cell checks on every page it does), and lists
    /// every fault it finds.
    Fsck {
        /// Also run SQLite's slower integrity_check over the whole file (every b-tree again,
        /// and every index against its table).
        #[arg(long)]
        full: bool,
        /// Also prove, by a consistency proof, that the log extends this head published earlier
        /// (SIZE:ROOT as `claims head` prints it).
        #[arg(long, value_name = "SIZE:ROOT")]
        head: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Print the workspace log's head: its size and Merkle root, a fingerprint of everything
    /// recorded that you can publish.
    #[command(
        after_help = "Every write appends an entry to the workspace log; the root covers them all. Publish `SIZE:ROOT` (in a footnote, an email); later anyone can run `claims fsck --head SIZE:ROOT` on the workspace to prove it only grew since. `--proof OLD_SIZE` prints the RFC 6962 consistency proof from the first OLD_SIZE entries to today's head, which docs/hashing_reference.py checks without the workspace."
    )]
    Head {
        /// Print the consistency proof from the head of the first OLD_SIZE entries to today's.
        #[arg(long, value_name = "OLD_SIZE", conflicts_with = "record")]
        proof: Option<u64>,
        /// Print the record root instead: the same entries in the canonical order (time, then
        /// leaf hash), equal in two workspaces that hold the same entries in whatever order
        /// they received them.
        #[arg(long)]
        record: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Share history with another analyst: write the log's entries to one file, or apply one.
    #[command(
        subcommand,
        after_help = "A bundle holds log entries with everything they refer to (claim versions, propositions, verdicts, source declarations, documents, findings) and the sender's head. Send the whole log once (`claims bundle create -o all.bundle`), later only what is new (`--since SIZE:ROOT`, the head your colleague last received, as `claims head` prints it). `claims bundle apply FILE` checks every hash, signature and the sender's root before writing anything, then applies it all in one transaction or nothing; applying it twice changes nothing. Format: docs/bundles.md."
    )]
    Bundle(BundleCommand),
    /// Your analyst identity: the signing key that signs your log entries.
    #[command(subcommand)]
    Identity(IdentityCommand),
    /// Your user settings (name and email stamped on every log entry you write).
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Give propositions words and a kind; list and inspect them.
    #[command(subcommand)]
    About(AboutCommand),
    /// Independent voices on a proposition, their positions and the agreement score.
    #[command(
        after_help = "A voice is a claim's origin: the same origin relayed by several outlets \
counts once, and sources joined by `depends_on` count as one. Retracted claims do not count. \
The score lies in [-1, 1]: (S - R) / (S + R + N + 1) over supporting, refuting and neutral voices \
(docs/scoring.md)."
    )]
    Compare {
        /// The proposition's key.
        #[arg(add = ArgValueCandidates::new(crate::complete::proposition_keys))]
        key: String,
        /// Weight each voice by its source's trust (see `claims trust`).
        #[arg(long)]
        weighted: bool,
        /// Trust method used by --weighted.
        #[arg(
            long,
            value_name = "NAME",
            default_value = "investment",
            requires = "weighted",
            value_parser = Closed::<Method>::new(),
            hide_possible_values = true
        )]
        method: Method,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// How often each pair of sources agrees, raw and chance-corrected (Cohen's kappa).
    Agree {
        /// Only pairs that addressed at least N of the same propositions.
        #[arg(long, value_name = "N", default_value_t = 1)]
        min_shared: u32,
        /// Show a source x source table of kappa instead of a list of pairs.
        #[arg(long)]
        matrix: bool,
        /// Show at most N pairs (the most shared first).
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Estimate each source's reliability and each proposition's most credible value.
    #[command(
        after_help = "Methods: majority, sums, average-log, investment, pooled-investment, \
truthfinder, crh (docs/scoring.md cites each). Sources may carry a `trust_prior` in \
workspace.toml. --eval scores every method against the verdicts recorded with `claims verdict`."
    )]
    Trust {
        /// The truth-discovery method.
        #[arg(
            long,
            value_name = "NAME",
            default_value = "investment",
            value_parser = Closed::<Method>::new(),
            hide_possible_values = true
        )]
        method: Method,
        /// Report each method's accuracy against recorded verdicts instead.
        #[arg(long)]
        eval: bool,
        /// Show at most N sources (the most trusted first) and N propositions.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Record a fact-checker's ruling on a proposition (versioned and hash-chained).
    Verdict {
        /// The proposition's key.
        #[arg(add = ArgValueCandidates::new(crate::complete::proposition_keys))]
        key: String,
        /// true, mostly-true, mixed, misleading, mostly-false, false, unproven, satire,
        /// altered-media or unrated (docs/ratings.md).
        #[arg(long, value_parser = Closed::<Rating>::new(), hide_possible_values = true)]
        rating: Rating,
        /// For value propositions: the value the ruling is about.
        #[arg(long)]
        value: Option<String>,
        /// Why.
        #[arg(long, value_name = "WHY")]
        note: String,
        /// The fact-checker who ruled (a source of kind fact-checker).
        #[arg(long, value_name = "SOURCE")]
        by: Option<String>,
        /// Their own words for the rating, kept verbatim.
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
        /// Where their review is published.
        #[arg(long)]
        url: Option<String>,
        /// When they published it (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        reviewed_on: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Manage plugins: native libraries that parse documents or check claims.
    #[command(subcommand)]
    Plugin(PluginCommand),
    /// Turn a document into attributed claims with a parser plugin.
    #[command(
        after_help = "The document is stored once (by blake3 of its bytes); each claim keeps the \
byte span it came from (`claims show` prints the passage). Re-ingesting the same document adds \
nothing. Names the parser finds are resolved through the workspace's keys and aliases."
    )]
    Ingest {
        /// The documents (UTF-8 text); each is recorded in its own transaction.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The parser plugin's name (e.g. news-article).
        #[arg(long, value_name = "NAME")]
        parser: String,
        /// Parse and show the claims; record nothing.
        #[arg(long)]
        dry_run: bool,
        /// Declare names that match no source (kind `other`) instead of refusing.
        #[arg(long)]
        create_sources: bool,
        /// Every claim of the documents bears on this proposition (else link them later with
        /// `claims about suggest` and `claims about link`).
        #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(crate::complete::proposition_keys))]
        about: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Run check plugins over claims and store their findings.
    Check {
        /// Only this plugin (default: every declared or pinned check plugin).
        #[arg(long, value_name = "NAME")]
        plugin: Vec<String>,
        /// Only these claims (ids or prefixes; default: every standing claim).
        ids: Vec<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Write the workspace as one self-contained HTML page (no network; prints cleanly).
    #[command(
        after_help = "The page shows the workspace head, every proposition's voices and agreement score, \
the source x source agreement heatmap, a timeline, the relay graph, source trust, every claim with \
its versions and word diffs, and the stored check findings (docs/report.md)."
    )]
    Report(ReportArgs),
    /// List the findings checks stored, oldest first (each distinct finding once).
    #[command(
        after_help = "A finding is stored with the claim versions the check saw; one whose claim was corrected or retracted since is marked `(older version)` (`current: false` in --json)."
    )]
    Findings {
        /// Only findings of this plugin (repeatable).
        #[arg(long, value_name = "NAME")]
        plugin: Vec<String>,
        /// Only findings about these claims (ids or prefixes).
        ids: Vec<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Print the lines that register shell completion, e.g. `source <(claims completions bash)`
    /// in ~/.bashrc: the shell then asks claims itself, which also offers the workspace's
    /// source keys.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `claims man | man -l -`; with --dir, write one page
    /// per command there (claims.1, claims-add.1, ...).
    Man {
        /// Write every page into this directory instead of printing claims.1.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// `claims bundle ...`
#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Write the log's entries (all, or those after a head) and what they refer to to FILE.
    #[command(
        after_help = "Reads the workspace only (it works on a read-only copy). The file is written whole or not at all. With --since, the head must be one this workspace's log extends (an older `claims head` of it, or the head of a bundle it applied to an empty workspace); the bundle then starts right after it and carries that head's Merkle frontier, so the receiver can check the sender's root without holding the sender's older entries."
    )]
    Create {
        /// Only the entries after this head (SIZE:ROOT, as `claims head` prints it).
        #[arg(long, value_name = "SIZE:ROOT")]
        since: Option<String>,
        /// The bundle file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Check a bundle completely, then store everything in it this workspace lacks.
    #[command(
        after_help = "Nothing is written unless every record hashes to its entry, every signature verifies, and the entries lead to exactly the sender's root; otherwise the first bad entry is named and the workspace is unchanged. Records already held are skipped, so applying twice changes nothing. New entries keep the sender's analyst, time and signature. Sources the bundle declares are added to workspace.toml when missing; a source declared differently here is kept and reported as a conflict. A bundle never names code to run, and no path in it is used as a path. Its size is bounded by [limits] max_bundle_bytes in workspace.toml (default 16 GiB)."
    )]
    Apply {
        /// The bundle file.
        file: PathBuf,
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// `claims source ...`
#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Declare a source in workspace.toml (comments and layout are kept).
    Add {
        /// Stable key claims will store (letters, digits, - _ .).
        key: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// outlet, agency, government, official, intelligence, anonymous, person, company or other.
        #[arg(long, value_parser = Closed::<SourceKind>::new(), hide_possible_values = true)]
        kind: SourceKind,
        /// Two-letter ISO country code.
        #[arg(long, value_name = "CC")]
        country: Option<String>,
        /// The source is owned or directed by a state.
        #[arg(long)]
        state_affiliated: bool,
        /// Another name it goes by, in any language (repeatable).
        #[arg(long = "alias", value_name = "ALIAS")]
        aliases: Vec<String>,
        /// Key of a source whose word this one relays (repeatable).
        #[arg(long = "depends-on", value_name = "KEY")]
        depends_on: Vec<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List declared sources.
    List {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show one source, by key or alias.
    Show {
        /// Key or alias.
        key: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// `claims plugin ...`
#[derive(Debug, Subcommand)]
pub enum PluginCommand {
    /// Allow a plugin library you name by path to run in this workspace, at its current bytes.
    Add {
        /// The library file (.so / .dylib / .dll).
        path: PathBuf,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List declared and pinned plugins and whether their bytes still match.
    List {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Check every pinned library against its pin; non-zero exit if any changed or is missing.
    Verify {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Allow the library a plugin name resolves to, at its current bytes, to run in this
    /// workspace (kept in your config directory, not in the workspace; also after a rebuild).
    #[command(alias = "trust")]
    Allow {
        /// The plugin's name.
        name: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Withdraw your allowance of a plugin in this workspace.
    Deny {
        /// The plugin's name.
        name: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Create a new plugin crate that builds and loads as it is.
    New {
        /// The plugin's name (letters, digits, -).
        name: String,
        /// Where to create it (default: ./NAME).
        #[arg(long)]
        dir: Option<PathBuf>,
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// `claims about ...`
#[derive(Debug, Subcommand)]
pub enum AboutCommand {
    /// Give a proposition words and a kind (it need not have claims yet).
    Add {
        /// The proposition's key, as claims name it with --about.
        #[arg(add = ArgValueCandidates::new(crate::complete::proposition_keys))]
        key: String,
        /// What the proposition says.
        #[arg(long)]
        text: Option<String>,
        /// statement (claims take stances) or value (claims give values).
        #[arg(long, value_parser = Closed::<PropositionKind>::new(), hide_possible_values = true)]
        kind: Option<PropositionKind>,
        /// Why it changes (kept in `claims about log`).
        #[arg(long, value_name = "WHY")]
        note: Option<String>,
        /// Change the kind even though standing claims are of the other kind (they stop
        /// counting in compare until corrected).
        #[arg(long)]
        change_kind: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show every version of a proposition's words and kind, newest first.
    Log {
        /// The proposition's key.
        #[arg(add = ArgValueCandidates::new(crate::complete::proposition_keys))]
        key: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// List propositions: declared ones and those claims name.
    List {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show one proposition with its claims and verdicts.
    Show {
        /// The proposition's key.
        #[arg(add = ArgValueCandidates::new(crate::complete::proposition_keys))]
        key: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// For claims without a proposition, the existing propositions ranked by how well they
    /// match (their own words and their claims' texts; shared names, numbers and dates count).
    #[command(
        after_help = "Link a claim with `claims about link KEY ID`. --eval measures the ranking on the claims already linked: each is taken in turn as if unlinked, and the share whose own proposition ranks first is printed."
    )]
    Suggest {
        /// Only these claims (ids or prefixes; default: every standing claim without one).
        ids: Vec<String>,
        /// At most N propositions per claim.
        #[arg(long, value_name = "N", default_value_t = 3)]
        limit: usize,
        /// Measure the ranking on the claims already linked instead.
        #[arg(long, conflicts_with = "ids")]
        eval: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Link claims to a proposition: a new version of each with --about KEY (a logged edit).
    Link {
        /// The proposition's key.
        #[arg(add = ArgValueCandidates::new(crate::complete::proposition_keys))]
        key: String,
        /// The claims (ids or prefixes).
        #[arg(required = true)]
        ids: Vec<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// The content flags shared by `add` and `edit`.
#[derive(Debug, Args)]
pub struct ClaimFlags {
    /// Who made the claim (source key or alias).
    #[arg(long, value_name = "ORIGIN", add = ArgValueCandidates::new(crate::complete::source_keys))]
    pub source: Option<String>,
    /// An outlet the claim reached you through, innermost first (repeatable).
    #[arg(long, value_name = "OUTLET", add = ArgValueCandidates::new(crate::complete::source_keys))]
    pub via: Vec<String>,
    /// The claim's words (stored byte for byte).
    #[arg(long, conflicts_with = "text_file")]
    pub text: Option<String>,
    /// Read the claim's words from a file (`-` for standard input), for texts too long or
    /// awkward for the command line; one final line break is dropped, every other byte kept.
    #[arg(long, value_name = "PATH")]
    pub text_file: Option<PathBuf>,
    /// Key of the proposition the claim bears on.
    #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(crate::complete::proposition_keys))]
    pub about: Option<String>,
    /// supports, refutes or neutral.
    #[arg(long, value_parser = Closed::<Stance>::new(), hide_possible_values = true)]
    pub stance: Option<OrClear<Stance>>,
    /// The value claimed (for value propositions).
    #[arg(long)]
    pub value: Option<String>,
    /// The text is a direct quote.
    #[arg(long)]
    pub quote: bool,
    /// When the origin said it (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub said_on: Option<String>,
    /// When it was reported (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub reported_on: Option<String>,
    /// Where you read it.
    #[arg(long)]
    pub url: Option<String>,
    /// Language tag of the text (ar, en, ...).
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
}

/// `claims add`
#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub claim: ClaimFlags,
    /// Why you record it.
    #[arg(long, value_name = "WHY")]
    pub note: Option<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// `claims edit`
#[derive(Debug, Args)]
#[command(
    after_help = "Flags you leave out keep their value; an empty value (--about \"\") clears a \
field; --via replaces the whole chain."
)]
pub struct EditArgs {
    /// The claim's id or a unique prefix of it.
    pub id: String,
    #[command(flatten)]
    pub claim: ClaimFlags,
    /// The text is not a direct quote.
    #[arg(long, conflicts_with = "quote")]
    pub no_quote: bool,
    /// Remove the whole via chain.
    #[arg(long, conflicts_with = "via")]
    pub no_via: bool,
    /// Why the claim is corrected.
    #[arg(long, value_name = "WHY")]
    pub note: String,
    /// Edit a retracted claim, bringing it back (its retraction stays in the history).
    #[arg(long)]
    pub revive: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// Which claims a command reads: shared by `list` and `export` (and meant for `search`), so a
/// filter that works on one works on all.
#[derive(Debug, Clone, Args)]
pub struct ClaimFilterArgs {
    /// Only claims made by, or relayed through, this source.
    #[arg(long, value_name = "S", add = ArgValueCandidates::new(crate::complete::source_keys))]
    pub source: Option<String>,
    /// Only claims relayed through this source (anywhere in the via chain).
    #[arg(long, value_name = "S", add = ArgValueCandidates::new(crate::complete::source_keys))]
    pub via: Option<String>,
    /// Only claims about this proposition.
    #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(crate::complete::proposition_keys))]
    pub about: Option<String>,
    /// Only claims in this language (`ar` also takes `ar-EG`).
    #[arg(long, value_name = "L")]
    pub lang: Option<String>,
    /// Only claims said (or reported) on or after DATE.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only claims said (or reported) on or before DATE.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Include retracted claims.
    #[arg(long)]
    pub all: bool,
    /// At most N claims.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

impl ClaimFilterArgs {
    /// The library's filter, as typed (the workspace resolves names and dates).
    pub fn to_filter(&self) -> claims_core::storage::HeadFilter {
        claims_core::storage::HeadFilter {
            source: self.source.clone(),
            via: self.via.clone(),
            about: self.about.clone(),
            lang: self.lang.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            include_retracted: self.all,
            limit: self.limit,
        }
    }
}

/// `claims search`
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for.
    pub query: String,
    #[command(flatten)]
    pub filter: ClaimFilterArgs,
    /// Only claims taking this stance.
    #[arg(long, value_name = "S")]
    pub stance: Option<Stance>,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// `claims list`
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: ClaimFilterArgs,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// The formats `claims export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Every version of each claim, oldest first, one JSON object a line (re-importable).
    Jsonl,
    /// One row per claim (its newest version), with a header: for spreadsheets.
    Csv,
    /// schema.org ClaimReview JSON-LD, one object per verdict (a JSON array, or --feed).
    Claimreview,
}

/// `claims export`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// Write to FILE (through a temporary file, renamed when complete) instead of standard
    /// output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV only: start with a UTF-8 byte order mark, so spreadsheet programs read Arabic right.
    #[arg(long)]
    pub excel: bool,
    /// ClaimReview only: a schema.org DataFeed of the reviews instead of a JSON array.
    #[arg(long)]
    pub feed: bool,
    #[command(flatten)]
    pub filter: ClaimFilterArgs,
}

/// The formats `claims import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// JSON Lines (the fields of `claims add`, or claims as `export`, `list --json`, `show
    /// --json` and `log --json` print them; a JSON array or a single object is accepted too).
    Jsonl,
    /// CSV with a header row, as `claims export --format csv` writes it (see --map).
    Csv,
    /// schema.org ClaimReview JSON-LD: each review a claim and a verdict.
    Claimreview,
    /// A Google Fact Check Tools API response: each review a claim and a verdict.
    FactcheckApi,
}

/// `claims import`
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file, or - for standard input.
    pub file: PathBuf,
    /// What the file holds: jsonl (the default), csv, claimreview (schema.org ClaimReview JSON-LD)
    /// or factcheck-api (a Fact Check Tools `claims:search` response).
    #[arg(long, value_enum, default_value_t = ImportFormat::Jsonl)]
    pub format: ImportFormat,
    /// CSV only: read column COLUMN as field FIELD (e.g. --map "Claim text=text"); repeatable.
    #[arg(long, value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Record the good lines and list the bad ones, instead of recording nothing.
    #[arg(long)]
    pub skip_bad: bool,
    /// Declare unknown sources in workspace.toml (kind `other`).
    #[arg(long)]
    pub create_sources: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// A flag's value from a closed set, or the empty string, which clears the field on `claims
/// edit` (and means "none" on `claims add`), as it always has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrClear<T> {
    /// A value of the set.
    Set(T),
    /// The empty string.
    Clear,
}

impl<T: ToString> OrClear<T> {
    /// The word as the library's claim input takes it ("" clears).
    pub fn to_input(&self) -> String {
        match self {
            OrClear::Set(v) => v.to_string(),
            OrClear::Clear => String::new(),
        }
    }
}

/// Parses a closed set of values with the library's own `FromStr`, so a bad value is the
/// library's one-line error (`main` prints it as every other error), while clap still knows
/// every value of the set (from `ValueEnum`) and completions offer them.
#[derive(Debug)]
pub struct Closed<T>(PhantomData<fn() -> T>);

impl<T> Closed<T> {
    /// The parser, for `value_parser = Closed::<T>::new()`.
    pub fn new() -> Closed<T> {
        Closed(PhantomData)
    }
}

impl<T> Clone for Closed<T> {
    fn clone(&self) -> Self {
        Closed::new()
    }
}

impl<T> Closed<T>
where
    T: ValueEnum + std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    fn parse(
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        // A fn parser keeps the library's error as the clap error's source.
        let parse = |s: &str| s.parse::<T>();
        parse.parse_ref(cmd, arg, value)
    }

    fn values() -> Option<Box<dyn Iterator<Item = PossibleValue>>> {
        Some(Box::new(
            T::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

/// Closed sets where the flag is always given a value of the set.
macro_rules! closed_parser {
    ($($t:ty),*) => {$(
        impl TypedValueParser for Closed<$t> {
            type Value = $t;
            fn parse_ref(
                &self,
                cmd: &clap::Command,
                arg: Option<&clap::Arg>,
                value: &OsStr,
            ) -> Result<$t, clap::Error> {
                Closed::<$t>::parse(cmd, arg, value)
            }
            fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
                Closed::<$t>::values()
            }
        }
    )*};
}
closed_parser!(Method, Rating, SourceKind, PropositionKind);

/// `--stance` may also be "" (clear).
impl TypedValueParser for Closed<Stance> {
    type Value = OrClear<Stance>;
    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<OrClear<Stance>, clap::Error> {
        if value.is_empty() {
            return Ok(OrClear::Clear);
        }
        Closed::<Stance>::parse(cmd, arg, value).map(OrClear::Set)
    }
    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Closed::<Stance>::values()
    }
}

/// The library's message when clap refused a value because the library's parser did (a bad
/// `--stance`, `--method`, ...): printed as one `error:` line with exit code 1, like every
/// error the library reports, rather than as clap's usage error.
pub fn library_error(err: &clap::Error) -> Option<String> {
    if err.kind() != clap::error::ErrorKind::ValueValidation {
        return None;
    }
    let source = std::error::Error::source(err)?;
    let ours = source.downcast_ref::<claims_core::Error>().is_some()
        || source
            .downcast_ref::<claims_core::scoring::truth::TruthError>()
            .is_some();
    ours.then(|| source.to_string())
}

impl AboutCommand {
    /// Whether the subcommand only reads (and so opens the workspace read-only).
    pub fn only_reads(&self) -> bool {
        !matches!(self, AboutCommand::Add { .. } | AboutCommand::Link { .. })
    }
}

/// `claims identity ...`
#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Make an Ed25519 signing key in your config directory (never in a workspace).
    New {
        /// Replace an existing key.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Show who your writes are stamped with, and your public key.
    Show {
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// `claims config ...`
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print one setting (user.name or user.email).
    Get {
        /// The setting.
        key: String,
    },
    /// Set one setting in your user config file.
    Set {
        /// The setting: user.name or user.email.
        key: String,
        /// Its value.
        value: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Print every setting.
    List {
        #[command(flatten)]
        json: JsonFlag,
    },
}

/// `claims report`
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Where to write the page.
    #[arg(short, long, value_name = "FILE", default_value = "report.html")]
    pub output: PathBuf,
    /// Only this proposition and its claims (repeat for several; default: all).
    #[arg(long, value_name = "KEY", add = ArgValueCandidates::new(crate::complete::proposition_keys))]
    pub about: Vec<String>,
    #[command(flatten)]
    pub json: JsonFlag,
}

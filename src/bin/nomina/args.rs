//! Command-line arguments (INTERFACE.md).

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand};

/// nomina: resolve names in text to canonical entities of a gazetteer.
#[derive(Parser, Debug)]
#[command(name = "nomina", version, about)]
pub struct Args {
    /// Worker threads (default: all cores).
    #[arg(long, global = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Compile gazetteer sources (.jsonl, .tsv, optionally .gz) into an
    /// artifact.
    Build(BuildArgs),
    /// Resolve single names (arguments, or one per line from stdin). A
    /// match scores at least the fitted acceptance threshold, 0.866
    /// (--threshold);
    /// below it the answer is "no entity".
    Resolve(ResolveArgs),
    /// Show what an artifact holds.
    Inspect(InspectArgs),
    /// Measure quality. Two modes, by the file given: a labelled TSV of
    /// names (variant, expected_id, label columns) gives acc@1, wrong
    /// answers, false matches, breakdowns and a threshold sweep at 0.866
    /// (or, with --folds, the same from cross-validation);
    /// a JSONL of documents with gold mentions (data/eval/*.jsonl) gives
    /// mention precision, recall and F1 at the thresholds in text (0.85;
    /// 0.90 by alignment).
    Eval(EvalArgs),
    /// Fit the scorer on a labelled TSV of names: resolve every query,
    /// cross-validate to choose the acceptance threshold at a false-match
    /// rate, refit on all rows, and write the model as src/fitted.rs.
    Fit(FitArgs),
    /// Find and resolve entity mentions in running text (files, folders or
    /// stdin; plain text or JSONL), in parallel, output in input order. A
    /// link in text scores at least 0.85, and 0.90 by alignment.
    Normalize(NormalizeArgs),
    /// Check artifacts: structure, format version and checksum.
    Verify(VerifyArgs),
    /// What changed between two artifacts: entities added, removed,
    /// renamed or retyped, aliases added and removed; with --queries, the
    /// names whose answer changed.
    Diff(DiffArgs),
    /// Show entities by id: canonical name, type, aliases and metadata
    /// (ids from the arguments, or one per line from stdin).
    #[command(alias = "show")]
    Get(GetArgs),
    /// Print a shell completion script (install: see README, "Shell
    /// completions and manual page").
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man -l -` or a man1 folder.
    Man,
}

#[derive(ClapArgs, Debug)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(ClapArgs, Debug)]
pub struct GetArgs {
    #[command(flatten)]
    pub gazetteer: GazetteerArg,
    /// One JSON object per entity on stdout.
    #[arg(long)]
    pub json: bool,
    /// Entity ids (default: one per line from stdin).
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
}

#[derive(ClapArgs, Debug)]
pub struct DiffArgs {
    /// The old artifact.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The new artifact.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Names, one per line: report those whose best answer differs.
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,
    /// One JSON object per change on stdout.
    #[arg(long)]
    pub json: bool,
    /// Skip the checksum pass over the artifacts.
    #[arg(long)]
    pub no_verify: bool,
}

#[derive(ClapArgs, Debug)]
pub struct VerifyArgs {
    /// One JSON object per artifact on stdout.
    #[arg(long)]
    pub json: bool,
    /// Artifact files.
    #[arg(required = true, value_name = "ARTIFACT")]
    pub artifacts: Vec<PathBuf>,
}

/// Which gazetteer to use.
#[derive(ClapArgs, Debug)]
pub struct GazetteerArg {
    /// The gazetteer artifact (default: $NOMINA_GAZETTEER if set and not
    /// empty, else the embedded default gazetteer).
    #[arg(short = 'g', long = "gazetteer", value_name = "ARTIFACT")]
    pub path: Option<PathBuf>,
    /// Skip the checksum pass over the artifact when opening it (for
    /// artifacts verified before; a damaged one may then crash).
    #[arg(long)]
    pub no_verify: bool,
}

#[derive(ClapArgs, Debug)]
pub struct BuildArgs {
    /// Where to write the artifact (atomically).
    #[arg(short = 'o', long = "output", value_name = "ARTIFACT")]
    pub output: PathBuf,
    /// Report bad rows on stderr and build from the rest.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Build on this artifact: its entities, then the sources' rows applied
    /// in order (delta rows with "op": "upsert" or "delete"); the same
    /// bytes as a full build from its sources followed by these.
    #[arg(long, value_name = "ARTIFACT")]
    pub base: Option<PathBuf>,
    /// Source files.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<PathBuf>,
}

#[derive(ClapArgs, Debug)]
pub struct ResolveArgs {
    #[command(flatten)]
    pub gazetteer: GazetteerArg,
    /// One JSON object per query on stdout.
    #[arg(long)]
    pub json: bool,
    /// At most K matches per query (K ≥ 1).
    #[arg(
        long,
        default_value_t = 1,
        value_name = "K",
        allow_negative_numbers = true,
        value_parser = at_least_one
    )]
    pub top: usize,
    /// Show the evidence for each match.
    #[arg(long)]
    pub explain: bool,
    /// Return matches scoring at least this, in [0, 1] (default: the
    /// fitted acceptance threshold, 0.866; an exact key scores 1.0, a fuzzy match
    /// at most 0.99).
    #[arg(
        long,
        value_name = "SCORE",
        allow_negative_numbers = true,
        value_parser = unit_score
    )]
    pub threshold: Option<f64>,
    /// Names to resolve (default: one per line from stdin).
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

#[derive(ClapArgs, Debug)]
pub struct InspectArgs {
    #[command(flatten)]
    pub gazetteer: GazetteerArg,
    /// The artifact to inspect (same as -g).
    #[arg(value_name = "ARTIFACT", conflicts_with = "path")]
    pub artifact: Option<PathBuf>,
    /// One JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

/// `nomina eval`.
#[derive(ClapArgs, Debug)]
pub struct EvalArgs {
    #[command(flatten)]
    pub gazetteer: GazetteerArg,
    /// Acceptance threshold to report at, in [0, 1] (default: 0.866 for
    /// a labelled TSV of names; for gold mentions in text, 0.85 and 0.90
    /// by alignment).
    #[arg(
        long,
        value_name = "SCORE",
        allow_negative_numbers = true,
        value_parser = unit_score
    )]
    pub threshold: Option<f64>,
    /// Print the report as one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print each wrong answer and each false match to stderr.
    #[arg(long)]
    pub errors: bool,
    /// Cross-validate on a labelled TSV of names instead of scoring with
    /// the compiled model: K folds (grouped by entity, negatives by
    /// variant), the model refitted on the other folds for each, every
    /// figure from out-of-fold scores.
    #[arg(long, value_name = "K", value_parser = at_least_two)]
    pub folds: Option<usize>,
    /// Labelled TSVs of names, or JSONL files of documents with gold
    /// mentions (`.jsonl`), each reported in turn (a dev and a test half,
    /// say).
    #[arg(required = true, value_name = "LABELLED")]
    pub labelled: Vec<PathBuf>,
}

/// A count of at least 2 (`--folds`).
fn at_least_two(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 2 => Ok(n),
        _ => Err("must be a whole number of at least 2".to_string()),
    }
}

/// Arguments of `nomina fit`.
#[derive(ClapArgs, Debug)]
pub struct FitArgs {
    #[command(flatten)]
    pub gazetteer: GazetteerArg,
    /// Folds of the cross-validation that chooses the threshold.
    #[arg(long, value_name = "K", default_value_t = 5, value_parser = at_least_two)]
    pub folds: usize,
    /// The highest out-of-fold false-match rate the threshold allows.
    #[arg(long, value_name = "RATE", default_value_t = 0.01, value_parser = unit_score)]
    pub max_false_matches: f64,
    /// L2 penalty on the weights (above 0).
    #[arg(long, value_name = "L2", default_value_t = nomina::eval::fit::DEFAULT_L2, value_parser = positive)]
    pub l2: f64,
    /// Where to write the fitted model, as Rust source (src/fitted.rs);
    /// default: print it.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the training rows (query line, candidate id, label,
    /// features) as TSV to this file, for analysis.
    #[arg(long, value_name = "FILE")]
    pub rows: Option<PathBuf>,
    /// The labelled TSV of names to fit on (the training split).
    #[arg(value_name = "LABELLED")]
    pub labelled: PathBuf,
}

/// A number above 0 (`--l2`).
fn positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x.is_finite() => Ok(x),
        _ => Err("must be a number above 0".to_string()),
    }
}

/// A count of at least 1 (`--top`).
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("must be a whole number of at least 1".to_string()),
    }
}

/// A score in [0, 1] (`--threshold`); NaN is none.
fn unit_score(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if (0.0..=1.0).contains(&s) => Ok(s),
        _ => {
            Err("must be a number from 0 to 1 (scores are in [0, 1])"
                .to_string())
        }
    }
}

impl GazetteerArg {
    /// The artifact chosen: `-g`, else `$NOMINA_GAZETTEER` when it is set
    /// and not empty (INTERFACE v1.1), else none (the embedded one).
    pub fn chosen(&self) -> Option<PathBuf> {
        self.path.clone().or_else(|| {
            std::env::var_os("NOMINA_GAZETTEER")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
    }

    /// Opens the chosen gazetteer; a file is checksum-verified unless
    /// `--no-verify` (the embedded one is checked by the test suite).
    pub fn open(&self) -> nomina::Result<nomina::Resolver> {
        match &self.chosen() {
            None => nomina::Resolver::embedded(),
            Some(path) if self.no_verify => {
                nomina::Resolver::open_trusted(path)
            }
            Some(path) => nomina::Resolver::open(path),
        }
    }
}

/// `nomina normalize`.
#[derive(ClapArgs, Debug)]
pub struct NormalizeArgs {
    #[command(flatten)]
    pub gazetteer: GazetteerArg,
    /// Input layout: `text` (each file one document) or `jsonl` (one JSON
    /// object per line). Default: `jsonl` for an input whose name ends in
    /// `.jsonl` or `.jsonl.gz`, `text` for other files and stdin.
    #[arg(long, default_value = "auto", value_name = "FORMAT")]
    pub format: nomina::corpus::InputFormat,
    /// JSONL field holding the text (default: `text`; JSONL only).
    #[arg(long, value_name = "F")]
    pub text_field: Option<String>,
    /// JSONL field holding the document id (default: `id`; JSONL only).
    #[arg(long, value_name = "F")]
    pub id_field: Option<String>,
    /// `annotate` (one JSON line of mentions per document) or `replace`
    /// (the text with mentions replaced by canonical names). Links score
    /// at least 0.85; an exact link scores 1.0 when one entity has the
    /// key, less when several do and the most prominent was chosen.
    #[arg(long, default_value = "annotate", value_name = "MODE")]
    pub output: nomina::corpus::OutputMode,
    /// Make every link score at least this, in [0, 1] (default: 0.85, the
    /// threshold in running text, and 0.90 for links by alignment).
    #[arg(
        long,
        value_name = "SCORE",
        allow_negative_numbers = true,
        value_parser = unit_score
    )]
    pub threshold: Option<f64>,
    /// Keep only mentions of entities of these types, comma-separated
    /// (`person,location`; as the gazetteer's sources write types).
    /// Mentions are linked as without it, then filtered.
    #[arg(long, value_name = "TYPES", value_delimiter = ',')]
    pub types: Option<Vec<String>>,
    /// No name-part alignment: link exact aliases (and what document
    /// context makes of them) only.
    #[arg(long)]
    pub no_fuzzy: bool,
    /// No progress bar or summary on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Input files or folders (default: stdin; `-` is stdin).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

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
    /// Resolve single names (arguments, or one per line from stdin).
    Resolve(ResolveArgs),
    /// Show what an artifact holds.
    Inspect(InspectArgs),
    /// Measure resolution quality on a labelled TSV (variant, expected_id,
    /// label columns): acc@1, wrong answers, false matches, breakdowns and
    /// a threshold sweep.
    Eval(EvalArgs),
    /// Find and resolve entity mentions in running text (files, folders or
    /// stdin; plain text or JSONL), in parallel, output in input order.
    Normalize(NormalizeArgs),
    /// Check artifacts: structure, format version and checksum.
    Verify(VerifyArgs),
    /// What changed between two artifacts: entities added, removed,
    /// renamed or retyped, aliases added and removed; with --queries, the
    /// names whose answer changed.
    Diff(DiffArgs),
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
    /// The gazetteer artifact (default: $NOMINA_GAZETTEER, else the
    /// embedded default gazetteer).
    #[arg(
        short = 'g',
        long = "gazetteer",
        env = "NOMINA_GAZETTEER",
        value_name = "ARTIFACT"
    )]
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
    /// At most K matches per query.
    #[arg(long, default_value_t = 1, value_name = "K")]
    pub top: usize,
    /// Show the evidence for each match.
    #[arg(long)]
    pub explain: bool,
    /// Return matches scoring at least this (default: the built-in
    /// acceptance threshold).
    #[arg(long, value_name = "SCORE")]
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
    /// Acceptance threshold to report at (default: the built-in one).
    #[arg(long, value_name = "SCORE")]
    pub threshold: Option<f64>,
    /// Print the report as one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print each wrong answer and each false match to stderr.
    #[arg(long)]
    pub errors: bool,
    /// The labelled TSV file.
    #[arg(value_name = "LABELLED.tsv")]
    pub labelled: PathBuf,
}

impl GazetteerArg {
    /// Opens the chosen gazetteer; a file is checksum-verified unless
    /// `--no-verify` (the embedded one is checked by the test suite).
    pub fn open(&self) -> nomina::Result<nomina::Resolver> {
        match &self.path {
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
    /// object per line).
    #[arg(long, default_value = "text", value_name = "FORMAT")]
    pub format: nomina::corpus::InputFormat,
    /// JSONL field holding the text.
    #[arg(long, default_value = "text", value_name = "F")]
    pub text_field: String,
    /// JSONL field holding the document id.
    #[arg(long, default_value = "id", value_name = "F")]
    pub id_field: String,
    /// `annotate` (one JSON line of mentions per document) or `replace`
    /// (the text with mentions replaced by canonical names).
    #[arg(long, default_value = "annotate", value_name = "MODE")]
    pub output: nomina::corpus::OutputMode,
    /// No progress bar or summary on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Input files or folders (default: stdin; `-` is stdin).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

//! The `nomina` command line: a thin layer over the library.
//!
//! `main` → `run` → exit code: 0 success, 1 runtime error (bad input,
//! corrupt artifact, I/O), 2 usage error (from the argument parser). A
//! closed output pipe ends the run quietly with 0.

mod args;
mod build;
mod diff;
mod eval;
mod get;
mod inspect;
mod normalize;
mod resolve;
mod verify;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Args, Command};

/// The command line allocates and frees many small buffers per name it
/// resolves (query parts, candidate lists, alignments): mimalloc does that
/// with less CPU than the system allocator (benches/README.md). The
/// library leaves the choice to the program that links it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            // Prints help/version (exit 0) or the usage error (exit 2).
            e.exit();
        }
    };
    match run(args) {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "nomina: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(args: Args) -> nomina::Result<ExitCode> {
    if let Some(n) = args.threads {
        // Fails only if the pool was already built, which nothing does
        // before this point.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global();
    }
    match args.command {
        Command::Build(a) => build::run(a),
        Command::Resolve(a) => resolve::run(a),
        Command::Inspect(a) => inspect::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Fit(a) => eval::fit(a),
        Command::Normalize(a) => normalize::run(a),
        Command::Verify(a) => verify::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Get(a) => get::run(a),
        Command::Completions(a) => {
            use clap::CommandFactory;
            let mut cmd = Args::command();
            let mut out = std::io::stdout().lock();
            clap_complete::generate(a.shell, &mut cmd, "nomina", &mut out);
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            use clap::CommandFactory;
            let page = clap_mangen::Man::new(Args::command());
            let mut out = std::io::stdout().lock();
            page.render(&mut out).map_err(stdout_error)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `n` and `what`, plural unless `n` is 1: "1 row", "2 rows", "1
/// entity", "0 entities".
fn plural(n: u64, what: &str) -> String {
    match (n, what.strip_suffix('y')) {
        (1, _) => format!("1 {what}"),
        (n, Some(stem)) => format!("{n} {stem}ies"),
        (n, None) => format!("{n} {what}s"),
    }
}

/// Reports a usage error the argument parser cannot see (a combination
/// of options) as it reports its own, and exits with status 2.
fn usage_error(message: &str) -> ! {
    use clap::CommandFactory;
    Args::command()
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .exit()
}

/// An I/O error on stdout as a library error, so that `main` reports it
/// like any other and recognises a broken pipe.
fn stdout_error(err: std::io::Error) -> nomina::Error {
    stream_error("<stdout>", err)
}

/// An I/O error on stdin as a library error.
fn stdin_error(err: std::io::Error) -> nomina::Error {
    stream_error("<stdin>", err)
}

fn stream_error(name: &str, err: std::io::Error) -> nomina::Error {
    nomina::Error::from(nomina::ErrorKind::Io { path: name.into(), err })
}

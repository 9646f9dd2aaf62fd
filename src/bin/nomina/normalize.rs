//! `nomina normalize`: entity mentions in a corpus, in input order.

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use nomina::corpus::{Config, InputFormat, Runner};

use crate::args::NormalizeArgs;

/// A bar with percentage, rate and time left when the input size is known
/// (plain files), a spinner with the bytes read otherwise (stdin,
/// compressed files); sizes in MB, as the summary gives them.
fn progress_bar(inputs: &[std::path::PathBuf]) -> indicatif::ProgressBar {
    let (bar, template) = match nomina::corpus::input_bytes(inputs) {
        Some(total) => (
            indicatif::ProgressBar::new(total),
            "{bar:30} {percent:>3}% {decimal_bytes}/{decimal_total_bytes}, \
             {decimal_bytes_per_sec}, {eta} left",
        ),
        None => (
            indicatif::ProgressBar::new_spinner(),
            "{spinner} {decimal_bytes} read, {decimal_bytes_per_sec}, \
             {elapsed}",
        ),
    };
    // The templates are constants, checked by running them.
    let style = indicatif::ProgressStyle::with_template(template)
        .expect("valid progress template");
    bar.set_style(style);
    // Redrawn on its own, so that the rate and time go on between chunks.
    bar.enable_steady_tick(std::time::Duration::from_millis(250));
    bar
}

pub fn run(args: NormalizeArgs) -> nomina::Result<ExitCode> {
    // Fields name parts of JSONL documents: with `--format text` they
    // cannot mean anything, and are refused. With the layout decided by
    // name and no input that can be JSONL (stdin, other names; a folder
    // may hold JSONL files), the interface contract reads text and the
    // fields are ignored: say so rather than refuse a valid command.
    let jsonl_name = |p: &std::path::PathBuf| {
        p.is_dir() || InputFormat::is_jsonl_name(&p.to_string_lossy())
    };
    let read_as_text = args.format == InputFormat::Auto
        && !args.inputs.iter().any(jsonl_name);
    for (given, flag) in
        [(&args.text_field, "--text-field"), (&args.id_field, "--id-field")]
    {
        if given.is_none() {
            continue;
        }
        if args.format == InputFormat::Text {
            crate::usage_error(&format!(
                "{flag} names a JSONL field; it cannot be used with \
                 --format text"
            ));
        }
        if read_as_text {
            eprintln!(
                "nomina: {flag} is ignored: every input is read as text \
                 (stdin, or no .jsonl name); give --format jsonl to read \
                 JSONL"
            );
        }
    }
    let g = args.gazetteer.open()?;
    // A type no entity has is most likely misspelt: say so.
    for t in args.types.iter().flatten().map(|t| t.trim()) {
        if !g.info().types.iter().any(|k| k.name == t) {
            eprintln!(
                "nomina: no entity of the gazetteer has the type {t:?} \
                 (its types: {})",
                g.info()
                    .types
                    .iter()
                    .map(|k| k.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    let defaults = Config::default();
    let config = Config {
        format: args.format,
        text_field: args.text_field.clone().unwrap_or(defaults.text_field),
        id_field: args.id_field.clone().unwrap_or(defaults.id_field),
        output: args.output,
        threshold: args.threshold,
        fuzzy: !args.no_fuzzy,
        types: args.types.as_ref().map(|t| {
            t.iter().map(|k| k.trim().to_string()).collect::<Vec<_>>()
        }),
        ..Config::default()
    };
    let runner = Runner::new(&g, config);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    // Progress on stderr when it is a terminal, and output is not written
    // to that terminal too: the bar would share its lines.
    let show = !args.quiet
        && std::io::stderr().is_terminal()
        && !std::io::stdout().is_terminal();
    let bar = show.then(|| progress_bar(&args.inputs));
    let started = Instant::now();
    let mut on_error = |e: &nomina::corpus::DocumentError| {
        let message = format!("nomina: {e}");
        match &bar {
            Some(bar) => bar.println(message),
            None => eprintln!("{message}"),
        }
    };
    let mut on_progress = |bytes: u64| {
        if let Some(bar) = &bar {
            bar.inc(bytes);
        }
    };
    let summary =
        runner.run(&args.inputs, &mut out, &mut on_error, &mut on_progress)?;
    out.flush().map_err(crate::stdout_error)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let seconds = started.elapsed().as_secs_f64();
    if !args.quiet {
        eprintln!(
            "nomina: {}, {:.1} MB, {}, {} in {:.2} s ({:.1} MB/s)",
            crate::plural(summary.documents, "document"),
            summary.bytes as f64 / 1e6,
            crate::plural(summary.mentions, "mention"),
            crate::plural(summary.errors, "error"),
            seconds,
            summary.bytes as f64 / 1e6 / seconds.max(1e-9),
        );
    }
    Ok(if summary.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

//! `nomina normalize`: entity mentions in a corpus, in input order.

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use nomina::corpus::{Config, InputFormat, Runner};

use crate::args::NormalizeArgs;

pub fn run(args: NormalizeArgs) -> nomina::Result<ExitCode> {
    // Fields name parts of JSONL documents: with text documents they would
    // be ignored, which is most likely not what was meant.
    if args.format == InputFormat::Text {
        for (given, flag) in [
            (&args.text_field, "--text-field"),
            (&args.id_field, "--id-field"),
        ] {
            if given.is_some() {
                crate::usage_error(&format!(
                    "{flag} names a JSONL field; it cannot be used with \
                     --format text"
                ));
            }
        }
    }
    let g = args.gazetteer.open()?;
    let defaults = Config::default();
    let config = Config {
        format: args.format,
        text_field: args.text_field.clone().unwrap_or(defaults.text_field),
        id_field: args.id_field.clone().unwrap_or(defaults.id_field),
        output: args.output,
        ..Config::default()
    };
    let runner = Runner::new(&g, config);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let bar = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {binary_bytes} read, {binary_bytes_per_sec}, {elapsed}",
            )
            // The template is a constant, checked by running it.
            .expect("valid progress template"),
        );
        bar
    });
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
            "nomina: {} documents, {:.1} MB, {} mentions, {} errors in {:.2} s ({:.1} MB/s)",
            summary.documents,
            summary.bytes as f64 / 1e6,
            summary.mentions,
            summary.errors,
            seconds,
            summary.bytes as f64 / 1e6 / seconds.max(1e-9),
        );
    }
    Ok(if summary.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

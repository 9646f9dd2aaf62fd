//! `nomina build`: compile sources into an artifact.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use crate::args::BuildArgs;

pub fn run(args: BuildArgs) -> nomina::Result<ExitCode> {
    let start = Instant::now();
    // A malformed index in a --base artifact (possible behind a valid
    // checksum only if crafted) is reported by the library as a damaged
    // base (see Gazetteer::guard_fst), with no panic message.
    let mut builder = nomina::GazetteerBuilder::new();
    builder.skip_invalid(args.skip_invalid);
    if let Some(base) = &args.base {
        builder.base(base);
    }
    let report = builder.build(&args.sources, &args.output)?;
    let mut err = std::io::stderr().lock();
    // A bad row is skipped whole: say which entity it names and whether
    // the artifact has that entity at all (from other rows) or not.
    for (e, id) in report.skipped.iter().zip(&report.skipped_ids) {
        let what = match id {
            Some(id) if report.left_out.binary_search(id).is_ok() => {
                format!("row skipped whole, entity {id:?} left out")
            }
            Some(id) => format!(
                "row skipped whole, entity {id:?} built from its other rows"
            ),
            None => "row skipped whole".to_string(),
        };
        let _ = writeln!(err, "nomina: {what}: {e}");
    }
    let _ = writeln!(
        err,
        "nomina: built {}: {} entities, {} aliases, {} keys, {} bytes, \
         {:.2} s{}",
        args.output.display(),
        report.entities,
        report.aliases,
        report.keys,
        report.bytes,
        start.elapsed().as_secs_f64(),
        if report.skipped.is_empty() {
            String::new()
        } else {
            format!(
                ", {} skipped, {} left out",
                crate::plural(report.skipped.len() as u64, "row"),
                crate::plural(report.left_out.len() as u64, "entity")
            )
        }
    );
    Ok(ExitCode::SUCCESS)
}

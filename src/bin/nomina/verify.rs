//! `nomina verify`: check artifacts (structure, format version, checksum).

use std::io::Write;
use std::process::ExitCode;

use crate::args::VerifyArgs;
use crate::stdout_error;

pub fn run(args: VerifyArgs) -> nomina::Result<ExitCode> {
    let out = std::io::stdout();
    let mut out = out.lock();
    let mut failed = false;
    for path in &args.artifacts {
        // `open` runs the cheap checks and the CRC; the structure behind
        // them is checked too (malformed fst bytes are reported as a
        // damaged artifact, with no panic message: the library's guard).
        let opened = nomina::Gazetteer::open(path)
            .and_then(|g| g.verify_structure().map(|()| g));
        match opened {
            Ok(g) => {
                let info = g.info();
                let line = if args.json {
                    serde_json::json!({
                        "path": path.display().to_string(),
                        "ok": true,
                        "format_version": info.format_version,
                        "entities": info.entities,
                        "bytes": g.size(),
                    })
                    .to_string()
                } else {
                    format!(
                        "{}: ok (format {}, {} entities, {} bytes)",
                        path.display(),
                        info.format_version,
                        info.entities,
                        g.size()
                    )
                };
                writeln!(out, "{line}").map_err(stdout_error)?;
            }
            Err(e) => {
                failed = true;
                if args.json {
                    let value = serde_json::json!({
                        "path": path.display().to_string(),
                        "ok": false,
                        "error": e.to_string(),
                    });
                    writeln!(out, "{value}").map_err(stdout_error)?;
                }
                let _ = writeln!(std::io::stderr(), "nomina: {e}");
            }
        }
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

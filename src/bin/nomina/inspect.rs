//! `nomina inspect`: what an artifact holds.

use std::io::Write;
use std::process::ExitCode;

use crate::args::{GazetteerArg, InspectArgs};

pub fn run(args: InspectArgs) -> nomina::Result<ExitCode> {
    let chosen = GazetteerArg {
        path: args.artifact.or(args.gazetteer.path),
        no_verify: args.gazetteer.no_verify,
    };
    let g = chosen.open()?;
    let info = g.info();
    let out = std::io::stdout();
    let mut out = out.lock();
    let io = |e| nomina_io(e);
    if args.json {
        let value = serde_json::json!({
            "path": g.path().display().to_string(),
            "bytes": g.size(),
            "info": info,
            "sections": g.section_sizes().into_iter().collect::<std::collections::BTreeMap<_, _>>(),
        });
        writeln!(out, "{value}").map_err(io)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "artifact        {}", g.path().display()).map_err(io)?;
    writeln!(out, "format version  {}", info.format_version).map_err(io)?;
    writeln!(out, "size            {} bytes", g.size()).map_err(io)?;
    writeln!(out, "entities        {}", info.entities).map_err(io)?;
    for t in &info.types {
        let name = if t.name.is_empty() { "(untyped)" } else { &t.name };
        writeln!(out, "  {:<14}{}", name, t.entities).map_err(io)?;
    }
    writeln!(out, "aliases         {}", info.aliases).map_err(io)?;
    writeln!(out, "keys            {}", info.keys).map_err(io)?;
    writeln!(out, "sections").map_err(io)?;
    for (tag, size) in g.section_sizes() {
        writeln!(out, "  {tag:<14}{size} bytes").map_err(io)?;
    }
    writeln!(out, "sources").map_err(io)?;
    for s in &info.sources {
        writeln!(
            out,
            "  {} ({}, {} bytes, {} rows) sha256:{}",
            s.name, s.format, s.bytes, s.rows, s.sha256
        )
        .map_err(io)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// An error writing to stdout, as a library error so that a broken pipe is
/// recognised by `main`.
pub fn nomina_io(e: std::io::Error) -> nomina::Error {
    nomina::Error::from(nomina::ErrorKind::Io {
        path: "<stdout>".into(),
        err: e,
    })
}

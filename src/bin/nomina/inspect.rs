//! `nomina inspect`: what an artifact holds.

use std::io::Write;
use std::process::ExitCode;

use crate::args::{GazetteerArg, InspectArgs};
use crate::stdout_error;

pub fn run(args: InspectArgs) -> nomina::Result<ExitCode> {
    let chosen = GazetteerArg {
        path: args.artifact.or(args.gazetteer.chosen()),
        no_verify: args.gazetteer.no_verify,
    };
    let g = chosen.open()?;
    let info = g.info();
    let out = std::io::stdout();
    let mut out = out.lock();
    if args.json {
        let value = serde_json::json!({
            "path": g.path().display().to_string(),
            "bytes": g.size(),
            "info": info,
            "sections": g.section_sizes().into_iter().collect::<std::collections::BTreeMap<_, _>>(),
        });
        writeln!(out, "{value}").map_err(stdout_error)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "artifact        {}", g.path().display())
        .map_err(stdout_error)?;
    writeln!(out, "format version  {}", info.format_version)
        .map_err(stdout_error)?;
    let built_by = match info.built_by.as_str() {
        "" => "(not recorded: built before nomina recorded it)",
        b => b,
    };
    writeln!(out, "built by        {built_by}").map_err(stdout_error)?;
    writeln!(out, "size            {} bytes", g.size())
        .map_err(stdout_error)?;
    writeln!(out, "entities        {}", info.entities)
        .map_err(stdout_error)?;
    for t in &info.types {
        let name = if t.name.is_empty() { "(untyped)" } else { &t.name };
        writeln!(out, "  {:<14}{}", name, t.entities).map_err(stdout_error)?;
    }
    writeln!(out, "aliases         {}", info.aliases).map_err(stdout_error)?;
    writeln!(out, "keys            {}", info.keys).map_err(stdout_error)?;
    writeln!(out, "names           {}", info.names).map_err(stdout_error)?;
    writeln!(out, "terms           {}", info.terms).map_err(stdout_error)?;
    writeln!(out, "name groups     {} spellings", g.lexicon().group_keys())
        .map_err(stdout_error)?;
    writeln!(out, "sections").map_err(stdout_error)?;
    for (tag, size) in g.section_sizes() {
        writeln!(out, "  {tag:<14}{size} bytes").map_err(stdout_error)?;
    }
    writeln!(out, "sources").map_err(stdout_error)?;
    for s in &info.sources {
        writeln!(
            out,
            "  {} ({}, {} bytes, {} rows) sha256:{}",
            s.name, s.format, s.bytes, s.rows, s.sha256
        )
        .map_err(stdout_error)?;
    }
    Ok(ExitCode::SUCCESS)
}

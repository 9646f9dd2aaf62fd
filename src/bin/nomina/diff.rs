//! `nomina diff`: what changed between two artifacts.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use nomina::eval::changes::{self, Answer};
use nomina::gazetteer::diff::{self, Change};

use crate::args::{DiffArgs, GazetteerArg};
use crate::stdout_error;

pub fn run(args: DiffArgs) -> nomina::Result<ExitCode> {
    let open = |path: &std::path::PathBuf| {
        GazetteerArg { path: Some(path.clone()), no_verify: args.no_verify }
            .open()
    };
    let (old, new) = (open(&args.old)?, open(&args.new)?);
    let queries = match &args.queries {
        Some(path) => changes::read_queries(path)?,
        None => Vec::new(),
    };
    let changes = diff::diff(&old, &new);
    let resolutions = changes::resolution_changes(&old, &new, &queries);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut counts = [0usize; 5];
    for c in &changes {
        counts[match c {
            Change::Added { .. } => 0,
            Change::Removed { .. } => 1,
            Change::Renamed { .. } => 2,
            Change::Retyped { .. } => 3,
            Change::Aliases { .. } => 4,
        }] += 1;
        let line = if args.json {
            // Serialising plain structs cannot fail.
            serde_json::to_string(c).unwrap_or_default()
        } else {
            text(c)
        };
        writeln!(out, "{line}").map_err(stdout_error)?;
    }
    for r in &resolutions {
        let line = if args.json {
            let mut v = serde_json::to_value(r).unwrap_or_default();
            v["change"] = "resolution".into();
            v.to_string()
        } else {
            let show = |a: &Option<Answer>| match a {
                Some(a) => format!("{} ({}, {:.2})", a.id, a.name, a.score),
                None => "(no entity)".into(),
            };
            format!("? {}\t{} -> {}", r.query, show(&r.old), show(&r.new))
        };
        writeln!(out, "{line}").map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    let [added, removed, renamed, retyped, aliases] = counts;
    let mut summary = format!(
        "nomina: {added} added, {removed} removed, {renamed} renamed, {retyped} retyped, \
         {aliases} with alias changes"
    );
    if args.queries.is_some() {
        summary += &format!(
            "; {} of {} queries resolve differently",
            resolutions.len(),
            queries.len()
        );
    }
    eprintln!("{summary}");
    Ok(ExitCode::SUCCESS)
}

fn text(c: &Change) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    match c {
        Change::Added { id, name, kind } => {
            format!("+ {id}\t{}\t{kind}", q(name))
        }
        Change::Removed { id, name, kind } => {
            format!("- {id}\t{}\t{kind}", q(name))
        }
        Change::Renamed { id, old, new } => {
            format!("~ {id}\tname {} -> {}", q(old), q(new))
        }
        Change::Retyped { id, old, new } => {
            format!("~ {id}\ttype {} -> {}", q(old), q(new))
        }
        Change::Aliases { id, added, removed } => {
            let list = |sign: char, v: &[String]| {
                v.iter()
                    .map(|a| format!(" {sign}{}", q(a)))
                    .collect::<String>()
            };
            format!(
                "~ {id}\taliases{}{}",
                list('+', added),
                list('-', removed)
            )
        }
    }
}

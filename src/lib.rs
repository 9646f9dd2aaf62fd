//! nomina resolves names as written in documents ("LAVROV, Sergei
//! Viktorovich", "Sergey Lavrov", "São Paulo") to canonical entities of a
//! gazetteer.
//!
//! A gazetteer is compiled from JSONL or TSV sources by
//! [`GazetteerBuilder`] into one artifact file: finite-state transducers
//! (the `fst` crate) from folded lookup keys to entities, plus a compact
//! entity table, behind a versioned, checksummed header. [`Gazetteer::open`]
//! memory-maps it in microseconds; [`Gazetteer::resolve`] answers from many
//! threads at once. [`Gazetteer::embedded`] is the default gazetteer that
//! ships inside nomina (countries, cities, sanctions lists, people and
//! organisations in the news).
//!
//! Names no alias lists are resolved by name-part alignment: spelling and
//! romanisation variants, Cyrillic and Greek script, given-name equivalents
//! and nicknames, initials, titles, particles, name order and legal forms;
//! each match has a score, and below the acceptance threshold the answer
//! is "no entity".
//!
//! The modules follow the pipeline: [`normalize`] (text → folded text),
//! [`name`] (a name → comparable parts), [`lexicon`] (legal forms, titles,
//! given-name groups), [`gazetteer`] (sources → artifact → lookups),
//! [`candidate`] (query → candidates), [`score`] (candidates → ranked
//! matches), [`eval`] (labelled variants → quality figures).
//!
//! ```
//! use nomina::{Gazetteer, GazetteerBuilder};
//!
//! let dir = tempfile::tempdir()?;
//! let source = dir.path().join("people.jsonl");
//! std::fs::write(
//!     &source,
//!     r#"{"id": "ofac-35233", "name": "LAVROV, Sergei Viktorovich", "type": "person"}"#,
//! )?;
//! let artifact = dir.path().join("people.nom");
//! GazetteerBuilder::new().build(&[&source], &artifact)?;
//!
//! let gazetteer = Gazetteer::open(&artifact)?;
//! let matches = gazetteer.resolve("Sergei Viktorovich Lavrov");
//! assert_eq!(matches[0].id, "ofac-35233");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod candidate;
pub mod corpus;
mod error;
pub mod eval;
pub mod gazetteer;
pub mod lexicon;
pub mod limits;
mod memo;
pub mod name;
pub mod normalize;
mod resolve;
pub mod score;
pub mod spot;

pub use error::{Error, ErrorKind, Result};
pub use gazetteer::{
    BuildReport, Entity, Gazetteer, GazetteerBuilder, GazetteerInfo, Posting,
    ReloadingGazetteer,
};
pub use score::Match;
pub use spot::{How, Mention};

//! nomina resolves names as written in documents ("LAVROV, Sergei
//! Viktorovich", "Sergey Lavrov", "São Paulo") to canonical entities of a
//! gazetteer.
//!
//! A gazetteer is compiled from JSONL or TSV sources by
//! [`GazetteerBuilder`] into one artifact file: finite-state transducers
//! (the `fst` crate) from folded lookup keys to entities, plus a compact
//! entity table, behind a versioned, checksummed header. [`Gazetteer::open`]
//! memory-maps it in microseconds; a [`Resolver`] over it answers from
//! many threads at once. [`Gazetteer::embedded`] is the default gazetteer that
//! ships inside nomina (countries, cities, sanctions lists, people and
//! organisations in the news).
//!
//! Names no alias lists are resolved by name-part alignment: spelling and
//! romanisation variants, Cyrillic and Greek script, given-name equivalents
//! and nicknames, initials, titles, particles, name order and legal forms;
//! each match has a score, and below the acceptance threshold the answer
//! is "no entity".
//!
//! The modules follow the pipeline, and each imports only modules before
//! it in this list (see `ARCHITECTURE.md`): [`limits`] (every cap and
//! threshold), `error`, `codec` (the byte encodings the artifact and the
//! lexicon share), [`memo`] (bounded answers shared by threads),
//! [`normalize`] (text → folded text, romanised skeletons),
//! [`name`] (a name → comparable parts; its [`lexicon`](name::lexicon) of
//! legal forms, titles and given-name groups), [`gazetteer`] (sources →
//! artifact → lookups), [`candidate`] (query → candidates), [`score`]
//! (candidates → ranked matches), [`resolve`] (a name → matches, with the
//! memos of an opened gazetteer), [`reload`], [`spot`] (text → mentions),
//! [`corpus`] (documents → annotated output, in parallel, in order) and
//! [`eval`] (labelled data → quality figures).
//!
//! ```
//! use nomina::{GazetteerBuilder, Resolver};
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
//! let resolver = Resolver::open(&artifact)?;
//! let matches = resolver.resolve("Sergei Viktorovich Lavrov");
//! assert_eq!(matches[0].id, "ofac-35233");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod candidate;
mod codec;
pub mod corpus;
mod error;
pub mod eval;
mod fitted;
pub mod gazetteer;
pub mod limits;
pub mod memo;
pub mod name;
pub mod normalize;
pub mod reload;
pub mod resolve;
pub mod score;
pub mod spot;

pub use error::{Error, ErrorKind, Result};
pub use gazetteer::{
    BuildReport, Entity, Gazetteer, GazetteerBuilder, GazetteerInfo, Posting,
};
pub use reload::ReloadingGazetteer;
pub use resolve::{Hit, Resolver};
pub use score::Match;
pub use spot::{How, Mention};

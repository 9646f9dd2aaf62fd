//! Gazetteer storage: compiled from sources ([`GazetteerBuilder`], in
//! [`build`]), stored as one memory-mapped artifact ([`mod@format`]), and
//! read back as a [`Gazetteer`] ([`read`]).
//!
//! Inside, imports run one way: `source` and [`mod@format`] at the bottom,
//! [`stored`] (name records) above the format, [`read`] above both, then
//! [`build`] (which reads a base artifact for incremental builds) and
//! [`diff`] (which compares two). This file only declares and re-exports.

pub mod build;
pub mod diff;
pub mod format;
pub mod read;
pub(crate) mod source;
pub mod stored;

pub use build::{BuildReport, GazetteerBuilder};
pub use format::{GazetteerInfo, SourceInfo, TypeCount, BUILT_BY};
pub(crate) use read::EntityFacts;
pub use read::{Entity, Gazetteer, Posting, EMBEDDED_NAME};
pub use source::{Op, SourceFormat};
pub use stored::{StoredName, StoredPart};

//! What changed between two builds of a gazetteer: entities added and
//! removed, canonical names and types changed, aliases added and removed.
//! Which names now resolve differently is [`crate::eval::changes`].
//!
//! Entity numbers follow id order in every artifact, so the two entity
//! tables are compared in one merge pass: linear in their size, and the
//! changes come out sorted by id.

use std::collections::BTreeSet;

use serde::Serialize;

use super::read::{Entity, Gazetteer};

/// One difference between two gazetteers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "lowercase")]
pub enum Change {
    /// An entity only the new gazetteer has.
    Added {
        /// Its id.
        id: String,
        /// Its canonical name.
        name: String,
        /// Its type.
        #[serde(rename = "type")]
        kind: String,
    },
    /// An entity only the old gazetteer has.
    Removed {
        /// Its id.
        id: String,
        /// Its canonical name.
        name: String,
        /// Its type.
        #[serde(rename = "type")]
        kind: String,
    },
    /// The canonical name of an entity changed.
    Renamed {
        /// The entity's id.
        id: String,
        /// The old canonical name.
        old: String,
        /// The new one.
        new: String,
    },
    /// The type of an entity changed.
    Retyped {
        /// The entity's id.
        id: String,
        /// The old type.
        old: String,
        /// The new one.
        new: String,
    },
    /// Aliases of an entity were added or removed.
    Aliases {
        /// The entity's id.
        id: String,
        /// Aliases only the new gazetteer lists, sorted.
        added: Vec<String>,
        /// Aliases only the old one lists, sorted.
        removed: Vec<String>,
    },
}

/// The differences between the entities of `old` and `new`, by id.
/// Costs one pass over both entity tables.
pub fn diff(old: &Gazetteer, new: &Gazetteer) -> Vec<Change> {
    let summary = |e: &Entity| {
        (e.id.to_string(), e.name.to_string(), e.kind.to_string())
    };
    let mut out = Vec::new();
    let (mut i, mut j) = (0u32, 0u32);
    let (n, m) = (old.len() as u32, new.len() as u32);
    while i < n || j < m {
        let a = if i < n { old.entity(i) } else { None };
        let b = if j < m { new.entity(j) } else { None };
        match (a, b) {
            (Some(a), Some(b)) if a.id == b.id => {
                compare(&a, &b, &mut out);
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a.id < b.id => {
                let (id, name, kind) = summary(&a);
                out.push(Change::Removed { id, name, kind });
                i += 1;
            }
            (Some(a), None) => {
                let (id, name, kind) = summary(&a);
                out.push(Change::Removed { id, name, kind });
                i += 1;
            }
            (_, Some(b)) => {
                let (id, name, kind) = summary(&b);
                out.push(Change::Added { id, name, kind });
                j += 1;
            }
            // A record that does not decode (only in an artifact that
            // fails verification): skipped on both sides.
            (None, None) => {
                i += u32::from(i < n);
                j += u32::from(j < m);
            }
        }
    }
    out
}

fn compare(a: &Entity, b: &Entity, out: &mut Vec<Change>) {
    let id = || a.id.to_string();
    if a.name != b.name {
        out.push(Change::Renamed {
            id: id(),
            old: a.name.into(),
            new: b.name.into(),
        });
    }
    if a.kind != b.kind {
        out.push(Change::Retyped {
            id: id(),
            old: a.kind.into(),
            new: b.kind.into(),
        });
    }
    if a.aliases != b.aliases {
        let old: BTreeSet<&str> = a.aliases.iter().copied().collect();
        let new: BTreeSet<&str> = b.aliases.iter().copied().collect();
        let added: Vec<String> =
            new.difference(&old).map(|s| s.to_string()).collect();
        let removed: Vec<String> =
            old.difference(&new).map(|s| s.to_string()).collect();
        if !added.is_empty() || !removed.is_empty() {
            out.push(Change::Aliases { id: id(), added, removed });
        }
    }
}

//! What a build from a base artifact shares between its parts: how much
//! room to reserve for what it rewrites, and how many of the base's
//! entities it checks before reusing what the base computed.

use crate::gazetteer::read::Gazetteer;

/// One base entity in this many is checked before its stored keys or
/// names are reused.
pub(crate) const SAMPLE_EVERY: usize = 64;

/// `n`, the size of something a build from a base rewrites, with an eighth
/// more for a delta. Reserving only maps address space, while growing
/// copies what is there (and touches fresh memory for it).
pub(crate) fn with_room(n: usize) -> usize {
    n + n / 8
}

/// What a build from base `g` reserves for section `tag` (0 if absent),
/// which it rewrites: its length in `g` with room for a delta (see
/// [`with_room`]).
pub(crate) fn section_room(g: &Gazetteer, tag: [u8; 4]) -> usize {
    with_room(g.section_len(tag))
}

//! Named caps on work and input sizes.
//!
//! Every bound that protects nomina from pathological input lives here, so
//! that it can be found, documented and tuned in one place.

/// The longest source line accepted (16 MiB). A longer line is reported as
/// a row error rather than read into memory whole.
pub const MAX_SOURCE_LINE: usize = 16 << 20;

/// The longest name or alias accepted in a source, in bytes. Longer strings
/// are not names; they are reported as row errors.
pub const MAX_NAME_BYTES: usize = 4096;

/// The most aliases one entity may carry after merging all its rows.
pub const MAX_ALIASES_PER_ENTITY: usize = 100_000;

/// The longest query string `resolve` normalises, in bytes. Longer input is
/// truncated to this many bytes (at a character boundary) before lookup.
pub const MAX_QUERY_BYTES: usize = 4096;

/// The most entities a single exact key may return before its list is cut.
/// A key shared by more entities than this carries no identifying power.
pub const MAX_EXACT_POSTINGS: usize = 256;

//! The one error type of the library.
//!
//! Every variant carries the evidence a user needs to act: the file and line
//! of a bad source row, the path of a corrupt artifact and what is wrong with
//! it, the format version found against the versions supported. Messages say
//! what to do next. No dependency's error type appears in the public API.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// A `Result` whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// An error from building, opening or querying a gazetteer.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong, with its evidence.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A source row is malformed. `line` is 1-based.
    Source {
        /// The source file.
        path: PathBuf,
        /// The 1-based line number of the bad row.
        line: u64,
        /// What is wrong with the row.
        reason: String,
    },
    /// A file could not be read or written.
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        err: io::Error,
    },
    /// An artifact is not a valid nomina gazetteer (bad magic, truncated,
    /// section out of bounds, checksum mismatch).
    Corrupt {
        /// The artifact, or `<embedded>` for the built-in default.
        path: PathBuf,
        /// What check failed.
        reason: String,
    },
    /// An artifact was written in a format version this build cannot read.
    Version {
        /// The artifact.
        path: PathBuf,
        /// The oldest supported format version.
        min: u32,
        /// The newest supported format version.
        max: u32,
        /// The version found in the file.
        got: u32,
    },
    /// The request itself is invalid (no sources, unknown source format,
    /// a gazetteer too large for the format).
    Invalid {
        /// What is wrong.
        reason: String,
    },
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub(crate) fn source_row(
        path: &Path,
        line: u64,
        reason: impl Into<String>,
    ) -> Error {
        Error::from(ErrorKind::Source {
            path: path.to_path_buf(),
            line,
            reason: reason.into(),
        })
    }

    pub(crate) fn io(path: &Path, err: io::Error) -> Error {
        Error::from(ErrorKind::Io { path: path.to_path_buf(), err })
    }

    pub(crate) fn corrupt(path: &Path, reason: impl Into<String>) -> Error {
        Error::from(ErrorKind::Corrupt {
            path: path.to_path_buf(),
            reason: reason.into(),
        })
    }

    pub(crate) fn invalid(reason: impl Into<String>) -> Error {
        Error::from(ErrorKind::Invalid { reason: reason.into() })
    }

    /// True when the error is an I/O error of kind `BrokenPipe`, which the
    /// command line treats as a normal end of output.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(&self.kind, ErrorKind::Io { err, .. }
            if err.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error { kind }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { err, .. } => Some(err),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Source { path, line, reason } => {
                write!(f, "{}:{}: {}", path.display(), line, reason)
            }
            ErrorKind::Io { path, err } => {
                write!(f, "{}: {}", path.display(), err)
            }
            ErrorKind::Corrupt { path, reason } => write!(
                f,
                "{}: not a valid nomina gazetteer ({}); rebuild it with \
                 `nomina build`",
                path.display(),
                reason
            ),
            ErrorKind::Version { path, min, max, got } => {
                if got > max {
                    write!(
                        f,
                        "{}: gazetteer format version {} is newer than this \
                         nomina supports ({}..={}); upgrade nomina or \
                         rebuild the gazetteer with this version",
                        path.display(),
                        got,
                        min,
                        max
                    )
                } else {
                    write!(
                        f,
                        "{}: gazetteer format version {} is no longer \
                         supported ({}..={}); rebuild it with a newer nomina",
                        path.display(),
                        got,
                        min,
                        max
                    )
                }
            }
            ErrorKind::Invalid { reason } => f.write_str(reason),
        }
    }
}

//! A gazetteer file that is rebuilt while it is in use.
//!
//! Gazetteers are rebuilt on a schedule while pipelines keep running.
//! `nomina build` replaces the file atomically (a new file renamed over the
//! old one), so the path names a new inode and the old one lives on for as
//! long as it is mapped. A [`ReloadingGazetteer`] notices the new file and
//! switches to it:
//!
//! - readers never wait: [`current`](ReloadingGazetteer::current) is a
//!   lock-free load of the gazetteer in service, and at most one `stat` of
//!   the file per [`check_interval`](ReloadingGazetteer::with_check_interval);
//! - a read is never torn: a reader keeps the `Arc<Resolver>` it got, a
//!   whole consistent gazetteer, old or new, for as long as it likes;
//! - each gazetteer put in service comes in a new [`Resolver`], with
//!   empty memos: answers worked out on the old file are never given for
//!   the new one;
//! - one thread at a time opens the new file (memory map and checksum),
//!   while the others go on with the gazetteer in service; a file that does
//!   not open (damaged, an unsupported version) is reported through
//!   [`last_error`](ReloadingGazetteer::last_error) and the old gazetteer
//!   stays in service until a good file replaces it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;

use crate::error::{Error, Result};
use crate::resolve::Resolver;

/// How often, by default, the file is checked for a replacement.
pub const DEFAULT_CHECK_INTERVAL: Duration = Duration::from_secs(1);

/// What identifies one version of the file: a replacement by rename has
/// another inode; a rewrite in place changes size or modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

fn stamp(path: &Path) -> std::io::Result<Stamp> {
    let m = std::fs::metadata(path)?;
    #[cfg(unix)]
    let (dev, ino) = {
        use std::os::unix::fs::MetadataExt;
        (m.dev(), m.ino())
    };
    #[cfg(not(unix))]
    let (dev, ino) = (0, 0);
    Ok(Stamp { dev, ino, len: m.len(), modified: m.modified().ok() })
}

/// A gazetteer at a path, switched to the new file when the file is
/// replaced; see the module documentation. `Send + Sync`: share it by
/// reference or in an `Arc`.
pub struct ReloadingGazetteer {
    path: PathBuf,
    current: ArcSwap<Resolver>,
    /// The stamp of the file in service, and the last error; locked only
    /// by the thread that checks the file.
    state: Mutex<(Stamp, Option<Error>)>,
    interval_ms: u64,
    /// Milliseconds since `epoch` of the last check.
    last_check: AtomicU64,
    epoch: Instant,
    reloads: AtomicU64,
}

impl ReloadingGazetteer {
    /// Opens the artifact at `path` (with every check, as
    /// [`Gazetteer::open`](crate::gazetteer::Gazetteer::open)); fails as that does.
    pub fn open(path: impl AsRef<Path>) -> Result<ReloadingGazetteer> {
        let path = path.as_ref().to_path_buf();
        let before = stamp(&path).map_err(|e| Error::io(&path, e))?;
        let g = Resolver::open(&path)?;
        Ok(ReloadingGazetteer {
            path,
            current: ArcSwap::from_pointee(g),
            state: Mutex::new((before, None)),
            interval_ms: DEFAULT_CHECK_INTERVAL.as_millis() as u64,
            last_check: AtomicU64::new(0),
            epoch: Instant::now(),
            reloads: AtomicU64::new(0),
        })
    }

    /// Checks the file at most once per `interval` (zero: at every call of
    /// [`current`](ReloadingGazetteer::current)).
    pub fn with_check_interval(
        mut self,
        interval: Duration,
    ) -> ReloadingGazetteer {
        self.interval_ms = interval.as_millis() as u64;
        self
    }

    /// The gazetteer to use now. Never waits on another thread: when the
    /// check interval has passed, one caller looks at the file and, if it
    /// was replaced, opens the new one before returning it; callers at the
    /// same moment get the gazetteer in service.
    pub fn current(&self) -> Arc<Resolver> {
        let now = self.epoch.elapsed().as_millis() as u64;
        let last = self.last_check.load(Ordering::Relaxed);
        if now.saturating_sub(last) >= self.interval_ms
            && self
                .last_check
                .compare_exchange(
                    last,
                    now.max(1),
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                )
                .is_ok()
        {
            self.check();
        }
        self.current.load_full()
    }

    /// Checks the file now; true if a new gazetteer was put in service.
    /// Returns false at once if another thread is checking.
    pub fn check(&self) -> bool {
        let Ok(mut state) = self.state.try_lock() else { return false };
        let now = match stamp(&self.path) {
            Ok(s) => s,
            Err(e) => {
                // Between a remove and a rename, or gone: keep serving.
                state.1 = Some(Error::io(&self.path, e));
                return false;
            }
        };
        if now == state.0 {
            return false;
        }
        match Resolver::open(&self.path) {
            Ok(g) => {
                self.current.store(Arc::new(g));
                *state = (now, None);
                self.reloads.fetch_add(1, Ordering::Relaxed);
                true
            }
            Err(e) => {
                // Remember the stamp so that a bad file is tried once, not
                // at every check; a later replacement changes the stamp.
                *state = (now, Some(e));
                false
            }
        }
    }

    /// Why the last check could not put the file in service, if it could
    /// not (the gazetteer in service is then the previous one).
    pub fn last_error(&self) -> Option<String> {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.1.as_ref().map(ToString::to_string)
    }

    /// How many times a new file was put in service.
    pub fn reloads(&self) -> u64 {
        self.reloads.load(Ordering::Relaxed)
    }

    /// The path watched.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

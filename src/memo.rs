//! A bounded memo shared by threads, for answers that are pure functions of
//! one gazetteer and a key: a short text or an entity's number.
//!
//! Names recur in a corpus ("Donald Trump" hundreds of times in a few
//! megabytes of news), and so do the words they are made of. A resolver
//! ([`crate::resolve::Resolver`]) keeps what it worked out for such texts (how a run of capitalised words
//! resolves, which terms a misspelt word reaches) and for entities (what
//! spotting asks of them) in memos of this kind.
//! Every thread sees every other thread's answers, so adding threads does
//! not repeat the work. An answer is the answer itself, never an
//! approximation, so a memo changes speed, never output: the same input
//! gives the same bytes however the work was spread or in what order it
//! ran.
//!
//! Memory is bounded: the map is split into [`SHARDS`] shards, each behind
//! its own lock and holding at most its share of the capacity; a full shard
//! is emptied before the next insertion. Text keys longer than
//! [`MAX_MEMO_KEY`] bytes are not kept.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, MutexGuard};

use rustc_hash::{FxHashMap, FxHasher};

use crate::limits::MAX_MEMO_KEY;

/// Shards of a memo: enough that a few threads seldom wait on one lock.
pub const SHARDS: usize = 16;

/// A bounded map from keys (short texts by default) to answers, shared by
/// threads.
pub struct Memo<V, K: MemoKey + ?Sized = str> {
    shards: Vec<Mutex<FxHashMap<K::Stored, V>>>,
    per_shard: usize,
}

/// What a [`Memo`] may be keyed by: a short text, or a number (an entity's).
pub trait MemoKey: Hash + Eq {
    /// The key as the memo keeps it.
    type Stored: Borrow<Self> + Hash + Eq;

    /// The key to keep.
    fn store(&self) -> Self::Stored;

    /// Whether an answer for this key may be kept (a text no longer than
    /// [`MAX_MEMO_KEY`] bytes: a memo's memory stays bounded).
    fn keepable(&self) -> bool {
        true
    }
}

impl MemoKey for str {
    type Stored = Box<str>;

    fn store(&self) -> Box<str> {
        self.into()
    }

    fn keepable(&self) -> bool {
        self.len() <= MAX_MEMO_KEY
    }
}

impl MemoKey for u32 {
    type Stored = u32;

    fn store(&self) -> u32 {
        *self
    }
}

impl<V: Clone, K: MemoKey + ?Sized> Memo<V, K> {
    /// A memo holding at most about `capacity` answers.
    pub fn new(capacity: usize) -> Memo<V, K> {
        Memo {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            per_shard: capacity.div_ceil(SHARDS).max(1),
        }
    }

    /// The answer kept for `key`, if any.
    pub fn get(&self, key: &K) -> Option<V> {
        if !key.keepable() {
            return None;
        }
        self.shard(key).get(key).cloned()
    }

    /// Keeps `value` as the answer for `key`.
    pub fn insert(&self, key: &K, value: V) {
        if !key.keepable() {
            return;
        }
        let mut shard = self.shard(key);
        if shard.len() >= self.per_shard {
            shard.clear();
        }
        shard.insert(key.store(), value);
    }

    /// The answer for `key`, worked out by `compute` unless kept already.
    pub fn get_or_insert_with(
        &self,
        key: &K,
        compute: impl FnOnce() -> V,
    ) -> V {
        if let Some(v) = self.get(key) {
            return v;
        }
        // Computed outside the lock: two threads may both compute the
        // same answer, and both keep the same value.
        let v = compute();
        self.insert(key, v.clone());
        v
    }

    fn shard(&self, key: &K) -> MutexGuard<'_, FxHashMap<K::Stored, V>> {
        let mut h = FxHasher::default();
        key.hash(&mut h);
        let shard = &self.shards[(h.finish() as usize) % SHARDS];
        // A panic cannot leave a map half-updated in a way that matters
        // here (answers are whole values), so a poisoned lock is used as is.
        shard.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_answers_within_capacity() {
        let memo: Memo<usize> = Memo::new(64);
        for n in 0..10_000 {
            memo.insert(&n.to_string(), n);
            assert_eq!(memo.get(&n.to_string()), Some(n));
        }
        let kept: usize =
            memo.shards.iter().map(|s| s.lock().unwrap().len()).sum();
        assert!(kept <= 64, "{kept} answers kept");
        let long = "x".repeat(MAX_MEMO_KEY + 1);
        memo.insert(&long, 1);
        assert_eq!(memo.get(&long), None);
    }

    #[test]
    fn numbers_are_keys_too() {
        let memo: Memo<u32, u32> = Memo::new(64);
        for n in 0..10_000u32 {
            memo.insert(&n, n * 3);
            assert_eq!(memo.get(&n), Some(n * 3));
        }
        let kept: usize =
            memo.shards.iter().map(|s| s.lock().unwrap().len()).sum();
        assert!(kept <= 64, "{kept} answers kept");
        memo.insert(&5, 99);
        assert_eq!(memo.get_or_insert_with(&5, || unreachable!("kept")), 99);
    }

    #[test]
    fn shared_by_threads() {
        let memo: Memo<usize> = Memo::new(1 << 12);
        std::thread::scope(|s| {
            for t in 0..4 {
                let memo = &memo;
                s.spawn(move || {
                    for n in 0..1_000 {
                        let v =
                            memo.get_or_insert_with(&n.to_string(), || n * 2);
                        assert_eq!(v, n * 2, "thread {t}");
                    }
                });
            }
        });
        assert_eq!(memo.get("999"), Some(1998));
    }
}

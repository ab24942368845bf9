//! Sessions this server looked up a moment ago.
//!
//! Every request names a session; people move from page to page in quick succession and an
//! API client calls in bursts. Each lookup is a query, and on PostgreSQL a network round trip.
//! What a lookup found is reused for `TTL`, and everything is forgotten whenever this server
//! handles a request that may change something, so a change made here (signing out, a new
//! role, a new language) holds from the very next request. A change made by another server, or by the `hearth` command, is seen within `TTL`
//! (docs/decisions/0012-session-lookups-reused-briefly.md).

use crate::ctx::AuthUser;
use chrono::{DateTime, Utc};
use hearth_store::sessions::Kind;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TTL: Duration = Duration::from_secs(2);
/// Past this many sessions every kept lookup is dropped; beyond a few thousand people
/// active in the same two seconds the reuse is worth little anyway.
const CAPACITY: usize = 10_000;

/// A session as last read from the database, with the times its liveness is judged by.
#[derive(Clone)]
pub struct Found {
    pub auth: Arc<AuthUser>,
    pub last_seen: DateTime<Utc>,
    pub expires: DateTime<Utc>,
}

/// The session's kind and its token's hash: the cache never holds a token itself.
pub type Key = (Kind, String);

#[derive(Default)]
pub struct SessionCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Moves on at every `forget_all`, so a lookup that began before a change cannot store
    /// what it read after the change was made.
    generation: u64,
    entries: HashMap<Key, (Instant, Found)>,
    /// When lapsed entries were last dropped, so copies of people's rows are not kept long
    /// past their use on a server where nothing changes.
    swept: Option<Instant>,
}

impl Inner {
    fn sweep(&mut self) {
        if self.swept.is_none_or(|at| at.elapsed() >= TTL) {
            self.entries.retain(|_, (at, _)| at.elapsed() < TTL);
            self.swept = Some(Instant::now());
        }
    }
}

impl SessionCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The map holds only copies of database rows; after a panic elsewhere it is safe
        // to keep using.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Taken before a database lookup and handed back to `put`.
    pub fn generation(&self) -> u64 {
        self.lock().generation
    }

    pub fn get(&self, key: &Key) -> Option<Found> {
        let mut inner = self.lock();
        inner.sweep();
        let (at, found) = inner.entries.get(key)?;
        (at.elapsed() < TTL).then(|| found.clone())
    }

    /// Keeps a lookup's result, unless something changed since `generation` was taken.
    pub fn put(&self, key: Key, generation: u64, found: Found) {
        let mut inner = self.lock();
        if inner.generation != generation {
            return;
        }
        inner.sweep();
        if inner.entries.len() >= CAPACITY {
            inner.entries.clear();
        }
        inner.entries.insert(key, (Instant::now(), found));
    }

    /// Records that `last_seen` was just written, so the next request does not write it again.
    pub fn touched(&self, key: &Key, at: DateTime<Utc>) {
        if let Some((_, found)) = self.lock().entries.get_mut(key) {
            found.last_seen = at;
        }
    }

    pub fn forget(&self, key: &Key) {
        self.lock().entries.remove(key);
    }

    pub fn forget_all(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ctx::Via;

    fn found() -> Found {
        let now = Utc::now();
        let user = hearth_store::users::User {
            id: "u1".into(),
            email: "u@example.org".into(),
            password_hash: None,
            display_name: "U".into(),
            legal_name: None,
            pronouns: None,
            language: "en".into(),
            time_zone: "UTC".into(),
            totp_secret: None,
            totp_enabled: false,
            created_at: now.naive_utc(),
            updated_at: now.naive_utc(),
        };
        Found {
            auth: Arc::new(AuthUser {
                user,
                roles: vec![],
                session_id: "s1".into(),
                via: Via::Cookie,
            }),
            last_seen: now,
            expires: now,
        }
    }

    #[test]
    fn a_lookup_from_before_a_change_is_not_kept() {
        let cache = SessionCache::default();
        let key: Key = (Kind::Web, "h".into());
        let g = cache.generation();
        cache.forget_all();
        cache.put(key.clone(), g, found());
        assert!(cache.get(&key).is_none());
        cache.put(key.clone(), cache.generation(), found());
        assert!(cache.get(&key).is_some());
        cache.forget_all();
        assert!(cache.get(&key).is_none());
    }
}

//! What every handler shares: the database pool, configuration, the mailer and metrics.

use crate::mail::Mailer;
use crate::metrics::Metrics;
use hearth_core::settings::PracticeSettings;
use hearth_store::{DbConn, Pool, SharedPg};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Config {
    /// Where people reach this server, e.g. `https://care.example.org`. Links in email use it.
    pub base_url: String,
    pub data_dir: PathBuf,
    /// Behind a load balancer, take the client address from `X-Forwarded-For`.
    pub trust_forwarded_for: bool,
}

impl Config {
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_url.trim_end_matches('/'), path)
    }
}

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    pool: Pool,
    backend: hearth_store::Backend,
    /// One permit per pooled connection: requests beyond that wait here, as cheap async
    /// tasks, instead of as blocked threads contending for the pool's lock.
    permits: tokio::sync::Semaphore,
    /// On PostgreSQL: connections shared by the reads every page view makes (ADR 0014).
    pipelined: Option<hearth_store::Pipelined>,
    config: Config,
    mailer: Mailer,
    metrics: Metrics,
    screener: hearth_core::safety::Screener,
    /// Seconds added to the system clock. Always zero in a server; tests move it forward
    /// to reach escalation deadlines without waiting.
    clock_offset: std::sync::atomic::AtomicI64,
    /// The measures offered: shipped, plus text the practice supplied in its data folder.
    instruments: RwLock<Arc<Vec<hearth_core::measures::Instrument>>>,
    /// Woken when work is queued, so the job runner need not wait for its next poll.
    jobs_wake: tokio::sync::Notify,
    /// The last load and when it happened; `None` inside means the load failed.
    settings: RwLock<Option<(Instant, Option<Arc<PracticeSettings>>)>>,
    sessions: crate::session_cache::SessionCache,
}

/// Why a database call did not give an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbFailure {
    /// No connection could be had: the database is down or overloaded.
    Unavailable,
    /// The query failed; the log has the details.
    Failed,
}

impl From<diesel::result::Error> for DbFailure {
    fn from(e: diesel::result::Error) -> Self {
        hearth_store::db::note_error(&e);
        tracing::error!(error = %e, "database query failed");
        DbFailure::Failed
    }
}

/// Settings are read on most requests; several servers may change them, so the copy
/// here is kept only briefly.
const SETTINGS_TTL: Duration = Duration::from_secs(5);
const SETTINGS_FAILURE_TTL: Duration = Duration::from_secs(2);

impl AppState {
    /// `url` is the pool's database URL.
    pub fn new(pool: Pool, url: &str, config: Config, mailer: Mailer) -> Self {
        Self::with_screener(
            pool,
            url,
            config,
            mailer,
            hearth_core::safety::Screener::builtin(),
        )
    }

    /// With the practice's own screening lexicon (see `hearth_core::safety`).
    pub fn with_screener(
        pool: Pool,
        url: &str,
        config: Config,
        mailer: Mailer,
        screener: hearth_core::safety::Screener,
    ) -> Self {
        let pipelined = match hearth_store::Pipelined::for_url(url) {
            Ok(p) => Some(p),
            Err(hearth_store::pipelined::NotPipelined::NotPostgres) => None,
            Err(hearth_store::pipelined::NotPipelined::Unsupported(why)) => {
                tracing::info!(why, "every PostgreSQL read uses a pooled connection");
                None
            }
        };
        AppState {
            inner: Arc::new(Inner {
                permits: tokio::sync::Semaphore::new(pool.max_size() as usize),
                pipelined,
                backend: hearth_store::db::backend_of(url),
                pool,
                config,
                mailer,
                screener,
                metrics: Metrics::default(),
                clock_offset: std::sync::atomic::AtomicI64::new(0),
                jobs_wake: tokio::sync::Notify::new(),
                instruments: RwLock::new(Arc::new(hearth_core::measures::builtin())),
                settings: RwLock::new(None),
                sessions: Default::default(),
            }),
        }
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }
    pub fn mailer(&self) -> &Mailer {
        &self.inner.mailer
    }
    /// The crisis-language screener every write path of member-written text calls.
    pub fn screener(&self) -> &hearth_core::safety::Screener {
        &self.inner.screener
    }
    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }
    pub fn pool(&self) -> &Pool {
        &self.inner.pool
    }
    /// Sessions looked up a moment ago (see `session_cache`).
    pub fn sessions(&self) -> &crate::session_cache::SessionCache {
        &self.inner.sessions
    }

    /// The time alerts and jobs go by (UTC, microsecond precision).
    pub fn now(&self) -> chrono::NaiveDateTime {
        let offset = self
            .inner
            .clock_offset
            .load(std::sync::atomic::Ordering::Relaxed);
        hearth_store::now() + chrono::Duration::seconds(offset)
    }

    /// Moves this server's clock forward. For tests of escalation timing only.
    pub fn advance_clock(&self, by: chrono::Duration) {
        self.inner
            .clock_offset
            .fetch_add(by.num_seconds(), std::sync::atomic::Ordering::Relaxed);
    }

    pub fn instruments(&self) -> Arc<Vec<hearth_core::measures::Instrument>> {
        self.inner
            .instruments
            .read()
            .expect("instruments lock")
            .clone()
    }

    /// Replaces the instruments (at start, after reading the practice's files).
    pub fn set_instruments(&self, list: Vec<hearth_core::measures::Instrument>) {
        *self.inner.instruments.write().expect("instruments lock") = Arc::new(list);
    }

    /// Tells the job runner that work was queued.
    pub fn wake_jobs(&self) {
        self.inner.jobs_wake.notify_one();
    }

    pub async fn jobs_queued(&self) {
        self.inner.jobs_wake.notified().await
    }

    /// Runs blocking database work off the async runtime.
    pub async fn db<T, F>(&self, f: F) -> Result<T, DbFailure>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, DbFailure> + Send + 'static,
    {
        let _permit = self
            .inner
            .permits
            .acquire()
            .await
            .map_err(|_| DbFailure::Unavailable)?;
        let pool = self.inner.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(|e| {
                tracing::warn!(error = %e, "no database connection");
                DbFailure::Unavailable
            })?;
            let result = f(&mut conn);
            conn.check_lost();
            result
        })
        .await
        .map_err(|_| DbFailure::Failed)?
    }

    /// Runs a short read (a few indexed lookups). On SQLite it runs right here, on the
    /// async worker: such reads take microseconds and never wait for writers in WAL mode,
    /// and moving them to another thread cost more than the query (docs/PERFORMANCE.md).
    /// On PostgreSQL, where every query is a network round trip, it runs like `db`.
    /// Anything that writes, or may take long, uses `db`.
    pub async fn read<T, F>(&self, f: F) -> Result<T, DbFailure>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, DbFailure> + Send + 'static,
    {
        if self.inner.backend != hearth_store::Backend::Sqlite {
            return self.db(f).await;
        }
        // With a permit held, a pooled connection is free, so `get` does not wait.
        let _permit = self
            .inner
            .permits
            .acquire()
            .await
            .map_err(|_| DbFailure::Unavailable)?;
        let mut conn = self.inner.pool.get().map_err(|e| {
            tracing::warn!(error = %e, "no database connection");
            DbFailure::Unavailable
        })?;
        let result = f(&mut conn);
        conn.check_lost();
        result
    }

    /// Whether `read_often` shares pipelined PostgreSQL connections (ADR 0014).
    pub fn pipelined_reads(&self) -> bool {
        self.inner.pipelined.is_some()
    }

    /// A read that every view of a page makes. On PostgreSQL it goes out on a shared
    /// connection beside other requests' reads (`pipelined`, ADR 0014); otherwise it is
    /// `read` with `blocking`. Both closures run the same queries: the store writes each
    /// query once and offers it for both (`care::for_member` and `care::for_member_pipelined`).
    pub async fn read_often<T, B, P>(&self, blocking: B, pipelined: P) -> Result<T, DbFailure>
    where
        T: Send + 'static,
        B: FnOnce(&mut DbConn) -> Result<T, DbFailure> + Send + 'static,
        P: AsyncFnOnce(&SharedPg) -> diesel::QueryResult<T>,
    {
        let Some(shared) = &self.inner.pipelined else {
            return self.read(blocking).await;
        };
        let conn = shared.conn().await.map_err(|e| {
            tracing::warn!(error = %e, "no database connection");
            DbFailure::Unavailable
        })?;
        match conn.finish(pipelined(&conn.pg)).await {
            Ok(v) => Ok(v),
            Err(hearth_store::pipelined::QueryFailure::Lost(why)) => {
                tracing::warn!(error = why, "shared database connection lost");
                Err(DbFailure::Unavailable)
            }
            Err(hearth_store::pipelined::QueryFailure::Failed(e)) => Err(DbFailure::from(e)),
        }
    }

    /// Runs database work in one transaction: all of it lands or none of it does.
    pub async fn tx<T, F>(&self, f: F) -> Result<T, DbFailure>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, diesel::result::Error> + Send + 'static,
    {
        use diesel::Connection;
        self.db(move |c| c.transaction(f).map_err(DbFailure::from))
            .await
    }

    /// The practice settings, cached for a few seconds. After a failed load the failure is
    /// remembered just as briefly, so while the database is away pages do not each wait
    /// for it; callers decide what a failure means (most show the defaults).
    pub async fn settings(&self) -> Result<Arc<PracticeSettings>, DbFailure> {
        if let Some((at, cached)) = self.inner.settings.read().expect("settings lock").as_ref() {
            let ttl = if cached.is_some() {
                SETTINGS_TTL
            } else {
                SETTINGS_FAILURE_TTL
            };
            if at.elapsed() < ttl {
                return cached.clone().ok_or(DbFailure::Unavailable);
            }
        }
        let loaded = self
            .read(|c| Ok(hearth_store::settings::load(c)?))
            .await
            .map(Arc::new);
        *self.inner.settings.write().expect("settings lock") =
            Some((Instant::now(), loaded.as_ref().ok().cloned()));
        loaded
    }

    pub fn forget_settings(&self) {
        *self.inner.settings.write().expect("settings lock") = None;
    }
}

//! PostgreSQL connections that many requests share at once, for the reads every page view
//! makes (ADR 0014).
//!
//! A blocking connection serves one request at a time: each read is a round trip that wakes
//! a pool thread, the PostgreSQL backend, and the thread again. Here, requests that arrive
//! together send their queries on one connection without waiting for each other's answers
//! (pipelining), so one wake-up on either side serves several of them. On the load
//! benchmark this halved the server's and PostgreSQL's work per home page.
//!
//! The queries are the same Diesel expressions as on the blocking path; the store writes
//! each one once and runs it on either (see `care::for_member`).

use diesel::QueryResult;
use diesel_async::AsyncPgConnection;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// For opening a connection, unless the URL sets `connect_timeout`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// After a failed attempt, requests are told "unavailable" at once for this long, instead of
/// each waiting for an attempt of its own.
const RETRY_AFTER: Duration = Duration::from_secs(2);
/// These reads are indexed lookups of one person's rows; no answer in this time means the
/// connection is stuck (a network gone silent), and it is replaced.
const QUERY_TIMEOUT: Duration = Duration::from_secs(5);
/// The server ends a connection with an error of its own (shutting down, an administrator
/// ending the backend) just before it closes it; this long is waited for the close.
const ENDING_WAIT: Duration = Duration::from_millis(100);

/// A connection that many requests use at once, each through a shared reference.
pub type SharedPg = AsyncPgConnection;

/// A shared connection and whether its server has closed it.
pub struct Live {
    pub pg: SharedPg,
    state: Arc<LiveState>,
}

#[derive(Default)]
struct LiveState {
    closed: AtomicBool,
    ended: tokio::sync::Notify,
}

impl Live {
    fn close(&self) {
        self.state.closed.store(true, Ordering::Release);
    }

    fn is_closed(&self) -> bool {
        self.state.closed.load(Ordering::Acquire)
    }

    /// Awaits a query on this connection (`pipelined!`). A connection that is lost, stuck or being
    /// ended by its server is marked closed, so the next request opens a new one.
    pub async fn finish<T>(
        &self,
        query: impl Future<Output = QueryResult<T>>,
    ) -> Result<T, QueryFailure> {
        let Ok(result) = tokio::time::timeout(QUERY_TIMEOUT, query).await else {
            self.close();
            return Err(QueryFailure::Lost("no answer in time".into()));
        };
        match result {
            Ok(v) => Ok(v),
            Err(e) if crate::db::is_lost(&e) => {
                self.close();
                Err(QueryFailure::Lost(e.to_string()))
            }
            Err(e) => {
                if self.ends_within(ENDING_WAIT).await {
                    Err(QueryFailure::Lost(e.to_string()))
                } else {
                    Err(QueryFailure::Failed(e))
                }
            }
        }
    }

    /// Whether the connection's task ends within `wait`.
    async fn ends_within(&self, wait: Duration) -> bool {
        let ended = self.state.ended.notified();
        self.is_closed() || tokio::time::timeout(wait, ended).await.is_ok() || self.is_closed()
    }
}

/// One connection. Fewer connections gather more queries into each round trip: on the load
/// benchmark one connection gave 33–34% of `/healthz`, two 29–30% and four 26–27%
/// (docs/PERFORMANCE.md). One PostgreSQL process then answers these reads in order, tens of
/// thousands a second for indexed lookups like these; a larger host, with PostgreSQL on cores
/// of its own, might want a few.
pub struct Pipelined {
    config: tokio_postgres::Config,
    connect_timeout: Duration,
    tls: postgres_native_tls::MakeTlsConnector,
    conn: RwLock<Option<Arc<Live>>>,
    /// Held while connecting, so a burst of requests opens one connection, not one each.
    connecting: tokio::sync::Mutex<()>,
    failed_at: Mutex<Option<Instant>>,
}

/// Why a URL stays on the blocking path.
#[derive(Debug, PartialEq, Eq)]
pub enum NotPipelined {
    NotPostgres,
    /// libpq would connect differently from this driver: a setting it reads that this one
    /// does not (`sslmode=verify-full`, `sslrootcert`, a `PG…` environment variable, a
    /// `~/.pgpass` or `~/.postgresql/` file), or no host (libpq's default socket). libpq keeps
    /// serving these reads, with its checks.
    Unsupported(String),
}

/// Why a query on a shared connection gave no answer.
#[derive(Debug)]
pub enum QueryFailure {
    /// The connection was lost or stuck; it has been marked closed, and the next request
    /// opens a new one.
    Lost(String),
    Failed(diesel::result::Error),
}

impl Pipelined {
    /// Shared connections for a PostgreSQL URL. TLS follows libpq's `sslmode` for the modes
    /// both drivers read (`disable`, `prefer`, the default, and `require`): like libpq, these
    /// encrypt without checking the server's certificate, unless libpq would find a root
    /// certificate or other settings outside the URL, which keeps the blocking path.
    pub fn for_url(url: &str) -> Result<Self, NotPipelined> {
        if let Some(why) = libpq_reads_more() {
            return Err(NotPipelined::Unsupported(why));
        }
        Self::from_url_alone(url)
    }

    /// As `for_url`, judging the URL only.
    fn from_url_alone(url: &str) -> Result<Self, NotPipelined> {
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(NotPipelined::NotPostgres);
        }
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|e: tokio_postgres::Error| NotPipelined::Unsupported(e.to_string()))?;
        if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
            return Err(NotPipelined::Unsupported("no host in the URL".into()));
        }
        let connect_timeout = match config.get_connect_timeout() {
            Some(t) => *t,
            None => {
                config.connect_timeout(CONNECT_TIMEOUT);
                CONNECT_TIMEOUT
            }
        };
        let tls = native_tls::TlsConnector::builder()
            .danger_accept_invalid_certs(true)
            .danger_accept_invalid_hostnames(true)
            .build()
            .map_err(|e| NotPipelined::Unsupported(e.to_string()))?;
        Ok(Pipelined {
            config,
            connect_timeout,
            tls: postgres_native_tls::MakeTlsConnector::new(tls),
            conn: RwLock::new(None),
            connecting: tokio::sync::Mutex::new(()),
            failed_at: Mutex::new(None),
        })
    }

    /// A shared connection, opened on first use and again once the server closed it.
    pub async fn conn(&self) -> Result<Arc<Live>, crate::DbError> {
        if let Some(c) = self.current() {
            return Ok(c);
        }
        let _connecting = self.connecting.lock().await;
        if let Some(c) = self.current() {
            return Ok(c);
        }
        if self.failed_recently() {
            return Err(crate::DbError::Connect("failed moments ago".into()));
        }
        let result = self.connect().await;
        *self.failed_at.lock().unwrap_or_else(|e| e.into_inner()) =
            result.is_err().then(Instant::now);
        let c = Arc::new(result?);
        *self.conn.write().unwrap_or_else(|e| e.into_inner()) = Some(c.clone());
        Ok(c)
    }

    async fn connect(&self) -> Result<Live, crate::DbError> {
        let failed = |e: String| crate::DbError::Connect(e);
        let opening = async {
            let (client, connection) = self
                .config
                .connect(self.tls.clone())
                .await
                .map_err(|e| failed(e.to_string()))?;
            // The connection's own task ends when the server closes it (a restart, an
            // administrator ending backends); the flag lets the next request open a new one
            // instead of failing on the dead one.
            let state = Arc::new(LiveState::default());
            let task_state = state.clone();
            tokio::spawn(async move {
                if let Err(e) = connection.await {
                    tracing::warn!(error = %e, "shared database connection ended");
                }
                task_state.closed.store(true, Ordering::Release);
                task_state.ended.notify_waiters();
            });
            let live = Live {
                pg: AsyncPgConnection::try_from(client)
                    .await
                    .map_err(|e| failed(e.to_string()))?,
                state,
            };
            Ok(live)
        };
        tokio::time::timeout(self.connect_timeout, opening)
            .await
            .map_err(|_| failed("timed out".into()))?
    }

    fn failed_recently(&self) -> bool {
        let failed_at = self.failed_at.lock().unwrap_or_else(|e| e.into_inner());
        failed_at.is_some_and(|at| at.elapsed() < RETRY_AFTER)
    }

    fn current(&self) -> Option<Arc<Live>> {
        let held = self.conn.read().unwrap_or_else(|e| e.into_inner());
        held.as_ref().filter(|c| !c.is_closed()).cloned()
    }
}

/// Settings libpq reads from outside the URL, which this driver would not: `PG…` environment
/// variables (`PGSSLMODE`, `PGPASSWORD`, …), a password file, a root or client certificate.
fn libpq_reads_more() -> Option<String> {
    if let Some((name, _)) =
        std::env::vars_os().find(|(k, _)| k.to_string_lossy().starts_with("PG"))
    {
        return Some(format!("{} is set", name.to_string_lossy()));
    }
    let home = std::path::PathBuf::from(std::env::var_os("HOME")?);
    [".pgpass", ".postgresql"]
        .into_iter()
        .find(|f| home.join(f).exists())
        .map(|f| format!("~/{f} exists"))
}

/// Runs a query on a shared connection: `pipelined!(conn, query => load)`, where `conn` is a
/// `&SharedPg` and `load` any method of `diesel_async::RunQueryDsl`. Each request's future
/// holds only a shared reference, so requests send their queries on it side by side.
#[macro_export]
macro_rules! pipelined {
    ($conn:expr, $query:expr => $method:ident) => {{
        let mut shared: &$crate::SharedPg = $conn;
        diesel_async::RunQueryDsl::$method($query, &mut shared).await
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(url: &str) -> Result<(), NotPipelined> {
        Pipelined::from_url_alone(url).map(|_| ())
    }

    #[test]
    fn postgres_urls_libpq_and_this_driver_read_alike_are_pipelined() {
        for url in [
            "postgres://postgres@127.0.0.1:5432/hearth",
            "postgresql://u:p@db.example.org/hearth?sslmode=require",
            "postgres://postgres@localhost/hearth?sslmode=disable",
            "postgres:///hearth?host=/var/run/postgresql&user=postgres",
        ] {
            assert_eq!(verdict(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn settings_only_libpq_applies_keep_the_blocking_path() {
        assert_eq!(
            verdict("/data/hearth.sqlite3"),
            Err(NotPipelined::NotPostgres)
        );
        for url in [
            "postgres://u@db.example.org/hearth?sslmode=verify-full",
            "postgres://u@db.example.org/hearth?sslmode=require&sslrootcert=/etc/ca.pem",
            // libpq's default socket, which this driver does not look for.
            "postgres:///hearth",
        ] {
            assert!(
                matches!(verdict(url), Err(NotPipelined::Unsupported(_))),
                "{url}"
            );
        }
    }
}

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
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// One. Fewer connections gather more queries into each round trip: on the load benchmark
/// one connection gave 33–34% of `/healthz`, two 29–30% and four 26–27% (docs/PERFORMANCE.md).
/// One PostgreSQL process then answers these reads in order, tens of thousands a second for
/// indexed lookups like these; more connections would let it use more cores on a larger host.
const CONNECTIONS: usize = 1;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// A connection that many requests use at once, each through a shared reference.
pub type SharedPg = AsyncPgConnection;

/// A shared connection and whether its server has closed it.
pub struct Live {
    pub pg: SharedPg,
    closed: Arc<AtomicBool>,
}

pub struct Pipelined {
    config: tokio_postgres::Config,
    tls: postgres_native_tls::MakeTlsConnector,
    slots: Vec<Slot>,
    next: AtomicUsize,
}

#[derive(Default)]
struct Slot {
    conn: RwLock<Option<Arc<Live>>>,
    /// Held while connecting, so a burst of requests opens one connection, not one each.
    connecting: tokio::sync::Mutex<()>,
}

/// Why a URL stays on the blocking path.
#[derive(Debug, PartialEq, Eq)]
pub enum NotPipelined {
    NotPostgres,
    /// The URL has a setting this driver does not read the way libpq does (for example
    /// `sslmode=verify-full` or `sslrootcert`); libpq keeps serving it, with its checks.
    Unsupported(String),
}

impl Pipelined {
    /// Shared connections for a PostgreSQL URL. TLS follows libpq's `sslmode` for the modes
    /// both drivers read (`disable`, `prefer`, the default, and `require`): like libpq, these
    /// encrypt without checking the server's certificate. Any other setting keeps the URL on
    /// the blocking path, where libpq applies it.
    pub fn for_url(url: &str) -> Result<Self, NotPipelined> {
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(NotPipelined::NotPostgres);
        }
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|e: tokio_postgres::Error| NotPipelined::Unsupported(e.to_string()))?;
        config.connect_timeout(CONNECT_TIMEOUT);
        let tls = native_tls::TlsConnector::builder()
            .danger_accept_invalid_certs(true)
            .danger_accept_invalid_hostnames(true)
            .build()
            .map_err(|e| NotPipelined::Unsupported(e.to_string()))?;
        Ok(Pipelined {
            config,
            tls: postgres_native_tls::MakeTlsConnector::new(tls),
            slots: (0..CONNECTIONS).map(|_| Slot::default()).collect(),
            next: AtomicUsize::new(0),
        })
    }

    /// A shared connection, opened on first use and again once the server closed it.
    pub async fn conn(&self) -> Result<Arc<Live>, crate::DbError> {
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.slots.len();
        let slot = &self.slots[i];
        if let Some(c) = slot.current() {
            return Ok(c);
        }
        let _connecting = slot.connecting.lock().await;
        if let Some(c) = slot.current() {
            return Ok(c);
        }
        let c = Arc::new(self.connect().await?);
        *slot.conn.write().unwrap_or_else(|e| e.into_inner()) = Some(c.clone());
        Ok(c)
    }

    async fn connect(&self) -> Result<Live, crate::DbError> {
        let failed = |e: String| crate::DbError::Connect(e);
        let (client, connection) =
            tokio::time::timeout(CONNECT_TIMEOUT, self.config.connect(self.tls.clone()))
                .await
                .map_err(|_| failed("timed out".into()))?
                .map_err(|e| failed(e.to_string()))?;
        // The connection's own task ends when the server closes it (a restart, an
        // administrator ending backends); the flag lets the next request open a new one
        // instead of failing on the dead one.
        let closed = Arc::new(AtomicBool::new(false));
        let flag = closed.clone();
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::warn!(error = %e, "shared database connection ended");
            }
            flag.store(true, Ordering::Release);
        });
        let pg = AsyncPgConnection::try_from(client)
            .await
            .map_err(|e| failed(e.to_string()))?;
        Ok(Live { pg, closed })
    }

    /// Hands back a query's result; if the query found its connection lost, the connection
    /// is marked closed, so the next request opens a new one instead of failing too.
    pub fn settle<T>(&self, conn: &Arc<Live>, result: QueryResult<T>) -> QueryResult<T> {
        if result.as_ref().is_err_and(crate::db::is_lost) {
            conn.closed.store(true, Ordering::Release);
        }
        result
    }
}

impl Slot {
    fn current(&self) -> Option<Arc<Live>> {
        let held = self.conn.read().unwrap_or_else(|e| e.into_inner());
        held.as_ref()
            .filter(|c| !c.closed.load(Ordering::Acquire))
            .cloned()
    }
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
        Pipelined::for_url(url).map(|_| ())
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
        ] {
            assert!(
                matches!(verdict(url), Err(NotPipelined::Unsupported(_))),
                "{url}"
            );
        }
    }
}

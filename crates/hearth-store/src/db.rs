//! The connection to either database, chosen from the URL, and its pool.

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2;
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// Runs a query on the backend's own connection: `on_backend!(conn, c => query.load(c))`.
///
/// Through `DbConn`, Diesel's MultiConnection, each run writes out the query's SQL to find its
/// prepared statement, and each value read passes through a backend-neutral layer. On the
/// backend's own connection the statement is found by the query's type. The query is still
/// written once; the macro compiles it for each backend. Used for the reads that every view of
/// a page makes, where this was a tenth of the page's work (ADR 0013).
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::DbConn::Sqlite($c) => $body,
            $crate::DbConn::Postgres($c) => $body,
        }
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Postgres => "postgres",
            Backend::Sqlite => "sqlite",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("could not open the database: {0}")]
    Connect(String),
    #[error("the database is not available right now: {0}")]
    Pool(#[from] r2d2::PoolError),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("could not apply migrations: {0}")]
    Migration(String),
}

/// Picks the backend from the URL scheme, so an operator sees the real connection error
/// instead of MultiConnection's generic "invalid connection url".
pub fn backend_of(url: &str) -> Backend {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

pub fn establish(url: &str) -> Result<DbConn, DbError> {
    match backend_of(url) {
        Backend::Postgres => PgConnection::establish(url)
            .map(DbConn::Postgres)
            .map_err(|e| DbError::Connect(e.to_string())),
        Backend::Sqlite => {
            let mut c = SqliteConnection::establish(sqlite_path(url))
                .map_err(|e| DbError::Connect(e.to_string()))?;
            // WAL lets readers run beside the writer; synchronous=FULL makes every
            // acknowledged commit durable, including against power loss. Reads through a
            // memory map (up to 256 MB) skip a system call per page: a directory search
            // touches thousands of pages (docs/PERFORMANCE.md, issue 5).
            c.batch_execute(
                "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                 PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
                 PRAGMA mmap_size = 268435456;",
            )
            .map_err(|e| DbError::Connect(e.to_string()))?;
            Ok(DbConn::Sqlite(c))
        }
    }
}

impl DbConn {
    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Postgres(_) => Backend::Postgres,
            DbConn::Sqlite(_) => Backend::Sqlite,
        }
    }

    pub fn run_migrations(&mut self) -> Result<usize, DbError> {
        let applied = match self {
            DbConn::Postgres(c) => c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.len()),
            DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        };
        applied.map_err(|e| DbError::Migration(e.to_string()))
    }

    pub fn has_pending_migrations(&mut self) -> Result<bool, DbError> {
        let pending = match self {
            DbConn::Postgres(c) => c.has_pending_migration(POSTGRES_MIGRATIONS),
            DbConn::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
        };
        pending.map_err(|e| DbError::Migration(e.to_string()))
    }

    pub fn ping(&mut self) -> Result<(), DbError> {
        diesel::sql_query("SELECT 1").execute(self)?;
        Ok(())
    }
}

pub struct Manager {
    url: String,
}

/// A pooled connection that remembers whether it lost its server, so the pool drops it
/// instead of handing it out again.
pub struct Conn {
    conn: DbConn,
    broken: bool,
}

impl std::ops::Deref for Conn {
    type Target = DbConn;
    fn deref(&self) -> &DbConn {
        &self.conn
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut DbConn {
        &mut self.conn
    }
}

thread_local! {
    static LOST_CONNECTION: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Notes a query error; an error that means the server went away marks the connection
/// in use on this thread as broken (see `Conn::check_lost`).
pub fn note_error(e: &diesel::result::Error) {
    if is_lost(e) {
        LOST_CONNECTION.with(|c| c.set(true));
    }
}

/// Whether a query failed because its connection lost the server.
pub fn is_lost(e: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    matches!(
        e,
        Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _
        )
    )
}

impl Conn {
    /// Call after using the connection on this thread.
    pub fn check_lost(&mut self) {
        if LOST_CONNECTION.with(|c| c.replace(false)) {
            self.broken = true;
        }
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = DbError;

    fn connect(&self) -> Result<Conn, DbError> {
        LOST_CONNECTION.with(|c| c.set(false));
        Ok(Conn {
            conn: establish(&self.url)?,
            broken: false,
        })
    }

    fn is_valid(&self, conn: &mut Conn) -> Result<(), DbError> {
        conn.ping()
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        conn.broken
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

pub fn pool(url: &str, max_size: u32) -> Result<Pool, DbError> {
    r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(5))
        .test_on_check_out(false)
        .build(Manager {
            url: url.to_string(),
        })
        .map_err(DbError::Pool)
}

/// A pool that does not connect until first used. `serve` has already checked the schema
/// once at start; afterwards an outage shows as `/readyz` 503 and a friendly page, and the
/// pool reconnects by itself when the database is back.
pub fn lazy_pool(url: &str, max_size: u32) -> Pool {
    r2d2::Pool::builder()
        .max_size(max_size)
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(3))
        // A ping per checkout would double the queries of every page; a broken connection
        // shows as a failed query instead, and r2d2 replaces it.
        .test_on_check_out(false)
        .build_unchecked(Manager {
            url: url.to_string(),
        })
}

//! Storage: the Diesel schema, the connection over SQLite or PostgreSQL, and one
//! repository module per table. Every function takes a connection so callers can
//! group writes, and the audit record with them, in one transaction.

pub mod alerts;
pub mod audit;
pub mod calendar_feeds;
pub mod care;
pub mod checkins;
pub mod circle;
pub mod db;
pub mod directory;
pub mod jobs;
pub mod measures;
pub mod pipelined;
pub mod places;
pub mod referrals;
pub mod safety_plans;
pub mod schema;
pub mod sessions;
pub mod settings;
pub mod small_steps;
pub mod throttle;
pub mod tokens;
pub mod users;

pub use db::{Backend, DbConn, DbError, Pool};
pub use pipelined::{Pipelined, SharedPg};

use chrono::{DateTime, NaiveDateTime, Utc};

/// Degrees as integer micro-degrees (about 0.1 m), as the directory and saved places store
/// coordinates: they compare exactly on both databases.
pub(crate) fn e6(x: f64) -> i64 {
    (x * 1e6).round() as i64
}

/// A new UUIDv7. Ids made by one process sort in the order they were made (ids from
/// different processes, by the millisecond): the circle orders its entries by id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Now, in UTC, at the microsecond precision both databases keep.
pub fn now() -> NaiveDateTime {
    let n = Utc::now().naive_utc();
    n - chrono::Duration::nanoseconds(i64::from(n.and_utc().timestamp_subsec_nanos() % 1000))
}

pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// A random secret for links and cookies (256 bits, URL-safe).
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE64URL_NOPAD.encode(&bytes)
}

/// Only hashes of secrets are stored, so a copy of the database cannot sign anyone in.
pub fn hash_secret(secret: &str) -> String {
    use sha2::Digest;
    data_encoding::HEXLOWER.encode(&sha2::Sha256::digest(secret.as_bytes()))
}

//! What the store's tests share: a throwaway PostgreSQL database.

use diesel::RunQueryDsl;
use hearth_store::db;

/// Runs `test` on a new, empty database on `HEARTH_TEST_POSTGRES_URL`'s server and drops it
/// afterwards. Without that variable the test says so loudly and is skipped, except under
/// CI=true, where it fails.
pub fn on_new_postgres_database<T>(test: impl FnOnce(&str) -> T) -> Option<T> {
    let admin = match std::env::var("HEARTH_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => u,
        _ => {
            assert!(
                std::env::var("CI").map(|v| v != "true").unwrap_or(true),
                "HEARTH_TEST_POSTGRES_URL must be set under CI=true"
            );
            eprintln!(
                "\n*** SKIPPING a PostgreSQL test: HEARTH_TEST_POSTGRES_URL is not set ***\n"
            );
            return None;
        }
    };
    let name = format!("hearth_store_{}", uuid::Uuid::now_v7().simple());
    let mut a = db::establish(&admin).unwrap();
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut a)
        .unwrap();
    let url = match admin.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => unreachable!(),
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| test(&url)));
    diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut a)
        .unwrap();
    Some(result.unwrap())
}

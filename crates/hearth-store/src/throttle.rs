//! Sign-in failure counters, kept in the database so they hold across several servers.

use crate::schema::login_throttle as lt;
use crate::{now, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hearth_core::throttle;

pub fn account_key(email: &str) -> String {
    format!("account:{email}")
}

pub fn address_key(addr: &str) -> String {
    format!("address:{addr}")
}

/// When this key may try again, if it must wait.
pub fn blocked_until(conn: &mut DbConn, key: &str) -> QueryResult<Option<NaiveDateTime>> {
    let row: Option<Option<NaiveDateTime>> = lt::table
        .find(key)
        .select(lt::blocked_until)
        .first(conn)
        .optional()?;
    Ok(row.flatten().filter(|t| *t > now()))
}

/// Counts one failure and sets the wait that follows from it.
pub fn record_failure(conn: &mut DbConn, key: &str, free: i64) -> QueryResult<()> {
    conn.transaction(|conn| {
        let t = now();
        let existing: Option<(i64, NaiveDateTime)> = lt::table
            .find(key)
            .select((lt::failures, lt::last_failure_at))
            .first(conn)
            .optional()?;
        let failures = match existing {
            Some((n, last)) if t - last < throttle::WINDOW => n + 1,
            _ => 1,
        };
        let delay = throttle::delay_after(failures, free);
        let blocked = (delay > chrono::Duration::zero()).then(|| t + delay);
        if existing.is_some() {
            diesel::update(lt::table.find(key))
                .set((
                    lt::failures.eq(failures),
                    lt::last_failure_at.eq(t),
                    lt::blocked_until.eq(blocked),
                ))
                .execute(conn)?;
        } else {
            diesel::insert_into(lt::table)
                .values((
                    lt::throttle_key.eq(key),
                    lt::failures.eq(failures),
                    lt::last_failure_at.eq(t),
                    lt::blocked_until.eq(blocked),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
    .or_else(|e| match e {
        // Another server counted a first failure for this key at the same moment: count
        // this one on top of it.
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => diesel::update(lt::table.find(key))
            .set(lt::failures.eq(lt::failures + 1))
            .execute(conn)
            .map(|_| ()),
        e => Err(e),
    })
}

/// Forgets failures older than the counting window.
pub fn purge_old(conn: &mut DbConn) -> QueryResult<usize> {
    diesel::delete(lt::table.filter(lt::last_failure_at.lt(now() - throttle::WINDOW))).execute(conn)
}

pub fn clear(conn: &mut DbConn, key: &str) -> QueryResult<()> {
    diesel::delete(lt::table.find(key)).execute(conn)?;
    Ok(())
}

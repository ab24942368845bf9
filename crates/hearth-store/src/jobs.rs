//! Durable jobs: work that must happen later (an escalation) or must not be lost to a
//! restart (alert email). Several servers may run jobs; a claim is one conditional update.

use crate::schema::jobs as j;
use crate::{new_id, DbConn};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = j)]
pub struct Job {
    pub id: String,
    pub kind: String,
    pub payload: String,
    pub run_at: NaiveDateTime,
    pub attempts: i64,
    pub locked_until: Option<NaiveDateTime>,
    pub done_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

/// A claimed job is not handed out again for this long, even if its server dies.
pub const LEASE: i64 = 120;

pub fn enqueue(
    conn: &mut DbConn,
    kind: &str,
    payload: &str,
    run_at: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(j::table)
        .values((
            j::id.eq(&id),
            j::kind.eq(kind),
            j::payload.eq(payload),
            j::run_at.eq(run_at),
            j::attempts.eq(0i64),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Whether this exact job is already waiting to run after `after`: a job that runs twice
/// (its lease ran out before it was marked done) then does not queue its follow-up twice.
pub fn waiting(
    conn: &mut DbConn,
    kind: &str,
    payload: &str,
    after: NaiveDateTime,
) -> QueryResult<bool> {
    let n: i64 = j::table
        .filter(j::done_at.is_null())
        .filter(j::kind.eq(kind))
        .filter(j::payload.eq(payload))
        .filter(j::run_at.gt(after))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Ids of jobs due by `now` and not leased, oldest first.
pub fn due(conn: &mut DbConn, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<String>> {
    j::table
        .filter(j::done_at.is_null())
        .filter(j::run_at.le(now))
        .filter(j::locked_until.is_null().or(j::locked_until.lt(now)))
        .order(j::run_at.asc())
        .limit(limit)
        .select(j::id)
        .load(conn)
}

/// Takes a job for this server. `None` when another server took it first.
pub fn claim(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<Option<Job>> {
    let n = diesel::update(
        j::table
            .filter(j::id.eq(id))
            .filter(j::done_at.is_null())
            .filter(j::locked_until.is_null().or(j::locked_until.lt(now))),
    )
    .set((
        j::locked_until.eq(now + Duration::seconds(LEASE)),
        j::attempts.eq(j::attempts + 1),
    ))
    .execute(conn)?;
    if n == 0 {
        return Ok(None);
    }
    j::table
        .find(id)
        .select(Job::as_select())
        .first(conn)
        .optional()
}

pub fn finish(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(j::table.find(id))
        .set((
            j::done_at.eq(now),
            j::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Puts a failed job back to run again at `retry_at`; `reason` is a fixed word, never content.
pub fn retry(
    conn: &mut DbConn,
    id: &str,
    retry_at: NaiveDateTime,
    reason: &str,
) -> QueryResult<()> {
    diesel::update(j::table.find(id))
        .set((
            j::run_at.eq(retry_at),
            j::locked_until.eq(None::<NaiveDateTime>),
            j::last_error.eq(reason),
        ))
        .execute(conn)?;
    Ok(())
}

/// Gives up on a job that kept failing; it stays in the table for the operator to see.
pub fn give_up(conn: &mut DbConn, id: &str, now: NaiveDateTime, reason: &str) -> QueryResult<()> {
    diesel::update(j::table.find(id))
        .set((
            j::done_at.eq(now),
            j::locked_until.eq(None::<NaiveDateTime>),
            j::last_error.eq(reason),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn pending(conn: &mut DbConn, kind: &str) -> QueryResult<Vec<Job>> {
    j::table
        .filter(j::kind.eq(kind))
        .filter(j::done_at.is_null())
        .order(j::run_at.asc())
        .select(Job::as_select())
        .load(conn)
}

/// Removes jobs finished more than `days` ago.
pub fn purge_done(conn: &mut DbConn, now: NaiveDateTime, days: i64) -> QueryResult<usize> {
    diesel::delete(j::table.filter(j::done_at.lt(now - Duration::days(days)))).execute(conn)
}

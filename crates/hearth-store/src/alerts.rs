//! Crisis alerts and the people told about each. The rules (levels, windows, the ladder)
//! are in `hearth_core::safety::alerts`; this module only stores.

use crate::schema::{alert_recipients as ar, safety_alerts as sa, users};
use crate::{new_id, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hearth_core::safety::alerts::{Outcome, Source, Status};
use hearth_core::safety::Level;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sa)]
pub struct Alert {
    pub id: String,
    pub member_id: String,
    pub level: String,
    pub source: String,
    pub status: String,
    pub signals: i64,
    pub escalation_step: i64,
    pub created_at: NaiveDateTime,
    pub last_signal_at: NaiveDateTime,
    pub escalate_at: Option<NaiveDateTime>,
    pub acknowledged_by: Option<String>,
    pub acknowledged_at: Option<NaiveDateTime>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<NaiveDateTime>,
    pub outcome: Option<String>,
    pub outcome_note: Option<String>,
}

impl Alert {
    pub fn level(&self) -> Level {
        Level::parse(&self.level).unwrap_or(Level::Severe)
    }
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Open)
    }
    pub fn source(&self) -> Option<Source> {
        Source::parse(&self.source)
    }
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome.as_deref().and_then(Outcome::parse)
    }
}

/// The member's most recent alert that is not resolved.
pub fn latest_unresolved(conn: &mut DbConn, member_id: &str) -> QueryResult<Option<Alert>> {
    sa::table
        .filter(sa::member_id.eq(member_id))
        .filter(sa::status.ne(Status::Resolved.as_str()))
        .order(sa::last_signal_at.desc())
        .select(Alert::as_select())
        .first(conn)
        .optional()
}

pub fn create(
    conn: &mut DbConn,
    member_id: &str,
    level: Level,
    source: Source,
    now: NaiveDateTime,
    escalate_at: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(sa::table)
        .values((
            sa::id.eq(&id),
            sa::member_id.eq(member_id),
            sa::level.eq(level.as_str()),
            sa::source.eq(source.as_str()),
            sa::status.eq(Status::Open.as_str()),
            sa::signals.eq(1i64),
            sa::escalation_step.eq(0i64),
            sa::created_at.eq(now),
            sa::last_signal_at.eq(now),
            sa::escalate_at.eq(escalate_at),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Folds a repeat signal into an open alert: the level only rises.
pub fn fold_signal(
    conn: &mut DbConn,
    a: &Alert,
    level: Level,
    now: NaiveDateTime,
    escalate_at: Option<NaiveDateTime>,
) -> QueryResult<()> {
    diesel::update(sa::table.find(&a.id))
        .set((
            sa::level.eq(a.level().max(level).as_str()),
            sa::signals.eq(sa::signals + 1),
            sa::last_signal_at.eq(now),
            sa::escalate_at.eq(escalate_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Alert>> {
    sa::table
        .find(id)
        .select(Alert::as_select())
        .first(conn)
        .optional()
}

/// Tells one more person; `false` if they were already told about this alert.
pub fn add_recipient(
    conn: &mut DbConn,
    alert_id: &str,
    user_id: &str,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    if is_recipient(conn, alert_id, user_id)? {
        return Ok(false);
    }
    diesel::insert_into(ar::table)
        .values((
            ar::alert_id.eq(alert_id),
            ar::user_id.eq(user_id),
            ar::reason.eq(reason),
            ar::notified_at.eq(now),
        ))
        .execute(conn)?;
    Ok(true)
}

pub fn is_recipient(conn: &mut DbConn, alert_id: &str, user_id: &str) -> QueryResult<bool> {
    let n: i64 = ar::table
        .filter(ar::alert_id.eq(alert_id))
        .filter(ar::user_id.eq(user_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// (user id, reason) for everyone told about an alert, in the order they were told.
pub fn recipients(conn: &mut DbConn, alert_id: &str) -> QueryResult<Vec<(String, String)>> {
    ar::table
        .filter(ar::alert_id.eq(alert_id))
        .order(ar::notified_at.asc())
        .select((ar::user_id, ar::reason))
        .load(conn)
}

/// One row of a clinician's alert queue.
pub struct QueueRow {
    pub alert: Alert,
    pub member_name: String,
}

/// Every alert this person was told about, unresolved first, then by level and age.
/// Resolved alerts are included only when asked for.
pub fn queue_for(
    conn: &mut DbConn,
    user_id: &str,
    with_resolved: bool,
    limit: i64,
) -> QueryResult<Vec<QueueRow>> {
    let mut q = sa::table
        .inner_join(ar::table)
        .inner_join(users::table.on(users::id.eq(sa::member_id)))
        .filter(ar::user_id.eq(user_id))
        .select((Alert::as_select(), users::display_name))
        .order(sa::created_at.desc())
        .limit(limit)
        .into_boxed();
    if !with_resolved {
        q = q.filter(sa::status.ne(Status::Resolved.as_str()));
    }
    let mut rows: Vec<QueueRow> = q
        .load::<(Alert, String)>(conn)?
        .into_iter()
        .map(|(alert, member_name)| QueueRow { alert, member_name })
        .collect();
    let rank = |s: Status| match s {
        Status::Open => 0,
        Status::Acknowledged => 1,
        Status::Resolved => 2,
    };
    rows.sort_by(|a, b| {
        (
            rank(a.alert.status()),
            std::cmp::Reverse(a.alert.level()),
            a.alert.created_at,
        )
            .cmp(&(
                rank(b.alert.status()),
                std::cmp::Reverse(b.alert.level()),
                b.alert.created_at,
            ))
    });
    Ok(rows)
}

/// Alerts this person was told about that are not resolved: one query for every connection.
macro_rules! unresolved_for {
    ($user_id:expr) => {
        sa::table
            .inner_join(ar::table)
            .filter(ar::user_id.eq($user_id))
            .filter(sa::status.ne(Status::Resolved.as_str()))
            .count()
    };
}

pub fn unresolved_count_for(conn: &mut DbConn, user_id: &str) -> QueryResult<i64> {
    unresolved_for!(user_id).get_result(conn)
}

pub async fn unresolved_count_for_pipelined(
    conn: &crate::SharedPg,
    user_id: &str,
) -> QueryResult<i64> {
    crate::pipelined!(conn, unresolved_for!(user_id) => get_result)
}

/// Open → acknowledged; stops escalation. `false` if it was not open.
pub fn acknowledge(conn: &mut DbConn, id: &str, by: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        sa::table
            .filter(sa::id.eq(id))
            .filter(sa::status.eq(Status::Open.as_str())),
    )
    .set((
        sa::status.eq(Status::Acknowledged.as_str()),
        sa::acknowledged_by.eq(by),
        sa::acknowledged_at.eq(now),
        sa::escalate_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Acknowledged → resolved with an outcome. `false` if it was not acknowledged.
pub fn resolve(
    conn: &mut DbConn,
    id: &str,
    by: &str,
    outcome: Outcome,
    note: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        sa::table
            .filter(sa::id.eq(id))
            .filter(sa::status.eq(Status::Acknowledged.as_str())),
    )
    .set((
        sa::status.eq(Status::Resolved.as_str()),
        sa::resolved_by.eq(by),
        sa::resolved_at.eq(now),
        sa::outcome.eq(outcome.as_str()),
        sa::outcome_note.eq(note),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Records one escalation step and when the next is due (`None`: no further step).
pub fn escalated(
    conn: &mut DbConn,
    id: &str,
    step: i64,
    next_at: Option<NaiveDateTime>,
) -> QueryResult<()> {
    diesel::update(sa::table.find(id))
        .set((sa::escalation_step.eq(step), sa::escalate_at.eq(next_at)))
        .execute(conn)?;
    Ok(())
}

//! Measure results and schedules. Scoring is in `hearth_core::measures`.

use crate::schema::{measure_results as mr, measure_schedules as ms};
use crate::{new_id, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hearth_core::measures::Score;

#[derive(Debug, Clone)]
pub struct Result {
    pub id: String,
    pub instrument: String,
    pub taken_at: NaiveDateTime,
    pub answers: Vec<Option<u8>>,
    pub score: serde_json::Value,
}

pub fn insert(
    conn: &mut DbConn,
    member_id: &str,
    instrument: &str,
    answers: &[Option<u8>],
    score: &Score,
    at: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(mr::table)
        .values((
            mr::id.eq(&id),
            mr::member_id.eq(member_id),
            mr::instrument.eq(instrument),
            mr::taken_at.eq(at),
            mr::answers.eq(serde_json::to_string(answers).expect("answers serialize")),
            mr::score.eq(serde_json::to_string(score).expect("score serializes")),
        ))
        .execute(conn)?;
    Ok(id)
}

/// A member's results, oldest first; one instrument or all.
pub fn list(
    conn: &mut DbConn,
    member_id: &str,
    instrument: Option<&str>,
) -> QueryResult<Vec<Result>> {
    let mut q = mr::table
        .filter(mr::member_id.eq(member_id))
        .order(mr::taken_at.asc())
        .select((mr::id, mr::instrument, mr::taken_at, mr::answers, mr::score))
        .into_boxed();
    if let Some(i) = instrument {
        q = q.filter(mr::instrument.eq(i.to_string()));
    }
    let rows: Vec<(String, String, NaiveDateTime, String, String)> = q.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, instrument, taken_at, a, s)| Result {
            id,
            instrument,
            taken_at,
            answers: serde_json::from_str(&a).unwrap_or_default(),
            score: serde_json::from_str(&s).unwrap_or_default(),
        })
        .collect())
}

/// (instrument, every_days) for each schedule the member has.
pub fn schedules(conn: &mut DbConn, member_id: &str) -> QueryResult<Vec<(String, i64)>> {
    ms::table
        .filter(ms::member_id.eq(member_id))
        .select((ms::instrument, ms::every_days))
        .load(conn)
}

/// Sets how often an instrument is due; 0 removes the schedule.
pub fn set_schedule(
    conn: &mut DbConn,
    member_id: &str,
    instrument: &str,
    every_days: i64,
    by: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(
        ms::table
            .filter(ms::member_id.eq(member_id))
            .filter(ms::instrument.eq(instrument)),
    )
    .execute(conn)?;
    if every_days > 0 {
        diesel::insert_into(ms::table)
            .values((
                ms::member_id.eq(member_id),
                ms::instrument.eq(instrument),
                ms::every_days.eq(every_days),
                ms::set_by.eq(by),
                ms::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

//! Safety plans, one per member, stored as one JSON document (the steps change together).

use crate::schema::safety_plans as sp;
use crate::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hearth_core::safety::plan::SafetyPlan;

/// A member's plan as stored, with when it changed: one query for every connection.
macro_rules! plan_of {
    ($member_id:expr) => {
        sp::table
            .find($member_id)
            .select((sp::plan, sp::updated_at))
    };
}

pub fn find(
    conn: &mut DbConn,
    member_id: &str,
) -> QueryResult<Option<(SafetyPlan, NaiveDateTime)>> {
    Ok(parsed(plan_of!(member_id).first(conn).optional()?))
}

pub async fn find_pipelined(
    conn: &crate::SharedPg,
    member_id: &str,
) -> QueryResult<Option<(SafetyPlan, NaiveDateTime)>> {
    Ok(parsed(
        crate::pipelined!(conn, plan_of!(member_id) => first).optional()?,
    ))
}

fn parsed(row: Option<(String, NaiveDateTime)>) -> Option<(SafetyPlan, NaiveDateTime)> {
    row.map(|(json, at)| (serde_json::from_str(&json).unwrap_or_default(), at))
}

pub fn save(
    conn: &mut DbConn,
    member_id: &str,
    plan: &SafetyPlan,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let json = serde_json::to_string(plan).expect("plan serializes");
    let n = diesel::update(sp::table.find(member_id))
        .set((sp::plan.eq(&json), sp::updated_at.eq(now)))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(sp::table)
            .values((
                sp::member_id.eq(member_id),
                sp::plan.eq(&json),
                sp::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

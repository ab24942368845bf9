//! Members' small-step ladders toward communities. The rules are in
//! `hearth_core::directory::ladder`.

use crate::schema::small_steps as ss;
use crate::{new_id, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hearth_core::directory::ladder::Ladder;

#[derive(Debug, Clone)]
pub struct Stored {
    pub id: String,
    pub resource_id: String,
    pub ladder: Ladder,
    pub updated_at: NaiveDateTime,
}

type Row = (String, String, String, NaiveDateTime);

fn stored((id, resource_id, ladder, updated_at): Row) -> Stored {
    Stored {
        id,
        resource_id,
        // A ladder written by another version still loads; an unreadable one starts empty.
        ladder: serde_json::from_str(&ladder).unwrap_or(Ladder {
            steps: vec![],
            paused: false,
            in_circle: false,
            reminder: None,
            reminder_since: None,
        }),
        updated_at,
    }
}

/// The member's ladders, most recently touched first.
pub fn for_member(conn: &mut DbConn, member_id: &str) -> QueryResult<Vec<Stored>> {
    Ok(ss::table
        .filter(ss::member_id.eq(member_id))
        .order(ss::updated_at.desc())
        .select((ss::id, ss::resource_id, ss::ladder, ss::updated_at))
        .load::<Row>(conn)?
        .into_iter()
        .map(stored)
        .collect())
}

/// One ladder of this member; `None` if it is not theirs.
pub fn find(conn: &mut DbConn, member_id: &str, id: &str) -> QueryResult<Option<Stored>> {
    Ok(ss::table
        .filter(ss::id.eq(id))
        .filter(ss::member_id.eq(member_id))
        .select((ss::id, ss::resource_id, ss::ladder, ss::updated_at))
        .first::<Row>(conn)
        .optional()?
        .map(stored))
}

pub fn find_for_resource(
    conn: &mut DbConn,
    member_id: &str,
    resource_id: &str,
) -> QueryResult<Option<Stored>> {
    Ok(ss::table
        .filter(ss::member_id.eq(member_id))
        .filter(ss::resource_id.eq(resource_id))
        .select((ss::id, ss::resource_id, ss::ladder, ss::updated_at))
        .first::<Row>(conn)
        .optional()?
        .map(stored))
}

pub fn insert(
    conn: &mut DbConn,
    member_id: &str,
    resource_id: &str,
    ladder: &Ladder,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(ss::table)
        .values((
            ss::id.eq(&id),
            ss::member_id.eq(member_id),
            ss::resource_id.eq(resource_id),
            ss::ladder.eq(serde_json::to_string(ladder).expect("a ladder serializes")),
            ss::created_at.eq(now),
            ss::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Saves the ladder if nobody changed it since it was read (`seen` is the `updated_at`
/// read then), so two tabs cannot drop each other's ticks. False: not theirs, or changed.
pub fn save(
    conn: &mut DbConn,
    member_id: &str,
    id: &str,
    ladder: &Ladder,
    seen: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        ss::table
            .filter(ss::id.eq(id))
            .filter(ss::member_id.eq(member_id))
            .filter(ss::updated_at.eq(seen)),
    )
    .set((
        ss::ladder.eq(serde_json::to_string(ladder).expect("a ladder serializes")),
        ss::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn delete(conn: &mut DbConn, member_id: &str, id: &str) -> QueryResult<bool> {
    let n = diesel::delete(
        ss::table
            .filter(ss::id.eq(id))
            .filter(ss::member_id.eq(member_id)),
    )
    .execute(conn)?;
    Ok(n == 1)
}

//! A member's saved place, for "near my place" in Find community.

use crate::schema::saved_places as sp;
use crate::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hearth_core::directory::Point;

fn e6(x: f64) -> i64 {
    (x * 1e6).round() as i64
}

/// Keeps `point` as the person's place, replacing any earlier one.
pub fn save(
    conn: &mut DbConn,
    person_id: &str,
    point: Point,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(sp::table.find(person_id)).execute(conn)?;
    diesel::insert_into(sp::table)
        .values((
            sp::person_id.eq(person_id),
            sp::lat_e6.eq(e6(point.lat)),
            sp::lon_e6.eq(e6(point.lon)),
            sp::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut DbConn, person_id: &str) -> QueryResult<Option<Point>> {
    Ok(sp::table
        .find(person_id)
        .select((sp::lat_e6, sp::lon_e6))
        .first::<(i64, i64)>(conn)
        .optional()?
        .map(|(la, lo)| Point {
            lat: la as f64 / 1e6,
            lon: lo as f64 / 1e6,
        }))
}

/// Forgets the person's place; false if there was none.
pub fn forget(conn: &mut DbConn, person_id: &str) -> QueryResult<bool> {
    Ok(diesel::delete(sp::table.find(person_id)).execute(conn)? == 1)
}

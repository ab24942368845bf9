//! A member's saved place, for "near my place" in Find community.

use crate::schema::saved_places as sp;
use crate::{e6, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};
use hearth_core::directory::Point;

/// Keeps `point` as the person's place, replacing any earlier one in one statement, so two
/// saves at once (a double click) both succeed and the last one wins.
pub fn save(
    conn: &mut DbConn,
    person_id: &str,
    point: Point,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let sql = |p: [&str; 4]| {
        format!(
            "INSERT INTO saved_places (person_id, lat_e6, lon_e6, updated_at) \
             VALUES ({}, {}, {}, {}) ON CONFLICT (person_id) DO UPDATE SET \
             lat_e6 = excluded.lat_e6, lon_e6 = excluded.lon_e6, updated_at = excluded.updated_at",
            p[0], p[1], p[2], p[3]
        )
    };
    macro_rules! go {
        ($c:expr, $ph:expr) => {
            diesel::sql_query(sql($ph))
                .bind::<Text, _>(person_id)
                .bind::<BigInt, _>(e6(point.lat))
                .bind::<BigInt, _>(e6(point.lon))
                .bind::<Timestamp, _>(now)
                .execute($c)
        };
    }
    match conn {
        DbConn::Sqlite(c) => go!(c, ["?", "?", "?", "?"]),
        DbConn::Postgres(c) => go!(c, ["$1", "$2", "$3", "$4"]),
    }?;
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

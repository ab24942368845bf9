//! Check-ins and reminder choices. The rules are in `hearth_core::checkin`.

use crate::schema::{checkin_reminders as cr, checkins as ck};
use crate::{new_id, DbConn};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use hearth_core::checkin::{Checkin, Reminders};

#[derive(Debug, Clone)]
pub struct Stored {
    pub id: String,
    pub at: NaiveDateTime,
    pub day: NaiveDate,
    pub checkin: Checkin,
}

type Row = (
    String,
    NaiveDateTime,
    String,
    i64,
    i64,
    i64,
    Option<String>,
    String,
);

fn stored(r: Row) -> Stored {
    let small = |v: i64| u8::try_from(v).unwrap_or(0);
    Stored {
        id: r.0,
        at: r.1,
        day: NaiveDate::parse_from_str(&r.2, "%Y-%m-%d").unwrap_or_default(),
        checkin: Checkin {
            mood: small(r.3),
            energy: small(r.4),
            connectedness: small(r.5),
            note: r.6,
            connected_with: serde_json::from_str(&r.7).unwrap_or_default(),
        },
    }
}

pub fn insert(
    conn: &mut DbConn,
    member_id: &str,
    c: &Checkin,
    at: NaiveDateTime,
    day: NaiveDate,
) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(ck::table)
        .values((
            ck::id.eq(&id),
            ck::member_id.eq(member_id),
            ck::at.eq(at),
            ck::day.eq(day.to_string()),
            ck::mood.eq(i64::from(c.mood)),
            ck::energy.eq(i64::from(c.energy)),
            ck::connectedness.eq(i64::from(c.connectedness)),
            ck::note.eq(&c.note),
            ck::connected_with.eq(serde_json::to_string(&c.connected_with).expect("ids serialize")),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Check-ins on or after `from` (the member's calendar), oldest first.
pub fn since(conn: &mut DbConn, member_id: &str, from: NaiveDate) -> QueryResult<Vec<Stored>> {
    let rows: Vec<Row> = ck::table
        .filter(ck::member_id.eq(member_id))
        .filter(ck::day.ge(from.to_string()))
        .order(ck::at.asc())
        .select((
            ck::id,
            ck::at,
            ck::day,
            ck::mood,
            ck::energy,
            ck::connectedness,
            ck::note,
            ck::connected_with,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(stored).collect())
}

pub fn reminders(
    conn: &mut DbConn,
    member_id: &str,
) -> QueryResult<(Reminders, Option<NaiveDateTime>)> {
    let row: Option<(String, NaiveDateTime)> = cr::table
        .find(member_id)
        .select((cr::settings, cr::updated_at))
        .first(conn)
        .optional()?;
    Ok(match row {
        Some((json, at)) => (serde_json::from_str(&json).unwrap_or_default(), Some(at)),
        None => (Reminders::default(), None),
    })
}

pub fn save_reminders(
    conn: &mut DbConn,
    member_id: &str,
    r: &Reminders,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let json = serde_json::to_string(r).expect("reminders serialize");
    let n = diesel::update(cr::table.find(member_id))
        .set((cr::settings.eq(&json), cr::updated_at.eq(now)))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(cr::table)
            .values((
                cr::member_id.eq(member_id),
                cr::settings.eq(&json),
                cr::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

//! Practice settings, stored as one JSON document so new settings need no migration.

use crate::schema::settings;
use crate::{now, DbConn};
use diesel::prelude::*;
use hearth_core::settings::PracticeSettings;

const KEY: &str = "practice";

pub fn load(conn: &mut DbConn) -> QueryResult<PracticeSettings> {
    let raw: Option<String> = settings::table
        .find(KEY)
        .select(settings::value)
        .first(conn)
        .optional()?;
    // A document written by a newer or older Hearth still loads: unknown keys are
    // ignored and missing ones take their defaults.
    Ok(raw
        .and_then(|r| serde_json::from_str(&r).ok())
        .unwrap_or_default())
}

pub fn save(conn: &mut DbConn, s: &PracticeSettings) -> QueryResult<()> {
    let value = serde_json::to_string(s).expect("settings serialize");
    let t = now();
    let exists: i64 = settings::table
        .filter(settings::setting_key.eq(KEY))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        diesel::update(settings::table.find(KEY))
            .set((settings::value.eq(value), settings::updated_at.eq(t)))
            .execute(conn)?;
    } else {
        diesel::insert_into(settings::table)
            .values((
                settings::setting_key.eq(KEY),
                settings::value.eq(value),
                settings::updated_at.eq(t),
            ))
            .execute(conn)?;
    }
    Ok(())
}

//! Both backends must end with the same tables, columns, types and nullability, and the
//! migrations must match `schema.rs` (a query over every column of every table works).

mod common;

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use hearth_store::db;
use std::collections::BTreeMap;

#[derive(QueryableByName, Debug)]
struct Col {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Integer)]
    nullable: i32,
}

/// Maps each backend's spelling of a type onto one vocabulary.
fn normalize(t: &str) -> &'static str {
    match t.to_ascii_lowercase().as_str() {
        "text" => "text",
        "bigint" | "int8" => "bigint",
        "boolean" | "bool" => "boolean",
        "timestamp" | "timestamp without time zone" => "timestamp",
        other => {
            panic!("a type with no mapping: {other}; add it here and use it in both migrations")
        }
    }
}

type Schema = BTreeMap<(String, String), (&'static str, bool)>;

fn collect(rows: Vec<Col>) -> Schema {
    rows.into_iter()
        // Full text differs by design (FTS5 on SQLite, tsvector on PostgreSQL).
        .filter(|c| {
            !c.table_name.starts_with("__diesel") && !c.table_name.starts_with("resource_fts")
        })
        .map(|c| {
            (
                (c.table_name, c.column_name),
                (normalize(&c.data_type), c.nullable != 0),
            )
        })
        .collect()
}

fn sqlite_schema() -> Schema {
    let dir = tempfile::tempdir().unwrap();
    let mut c = db::establish(dir.path().join("p.db").to_str().unwrap()).unwrap();
    c.run_migrations().unwrap();
    let rows = diesel::sql_query(
        "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type, \
         CASE WHEN p.\"notnull\" = 1 OR p.pk > 0 THEN 0 ELSE 1 END AS nullable \
         FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
    )
    .load::<Col>(&mut c)
    .unwrap();
    every_column_loads(&mut c);
    collect(rows)
}

/// Selecting every model proves schema.rs agrees with the migrations on this backend.
fn every_column_loads(c: &mut db::DbConn) {
    use hearth_store::schema::*;
    users::table
        .select(hearth_store::users::User::as_select())
        .load(c)
        .unwrap();
    sessions::table
        .select(hearth_store::sessions::Session::as_select())
        .load(c)
        .unwrap();
    one_time_tokens::table
        .select(hearth_store::tokens::OneTimeToken::as_select())
        .load(c)
        .unwrap();
    care_links::table
        .select(hearth_store::care::CareLink::as_select())
        .load(c)
        .unwrap();
    audit_log::table
        .select(hearth_store::audit::Entry::as_select())
        .load(c)
        .unwrap();
    login_throttle::table
        .select((
            login_throttle::throttle_key,
            login_throttle::failures,
            login_throttle::last_failure_at,
            login_throttle::blocked_until,
        ))
        .load::<(
            String,
            i64,
            chrono::NaiveDateTime,
            Option<chrono::NaiveDateTime>,
        )>(c)
        .unwrap();
    settings::table
        .select((settings::setting_key, settings::value, settings::updated_at))
        .load::<(String, String, chrono::NaiveDateTime)>(c)
        .unwrap();
    user_roles::table
        .select((user_roles::user_id, user_roles::role))
        .load::<(String, String)>(c)
        .unwrap();
    safety_alerts::table
        .select(hearth_store::alerts::Alert::as_select())
        .load(c)
        .unwrap();
    jobs::table
        .select(hearth_store::jobs::Job::as_select())
        .load(c)
        .unwrap();
    alert_recipients::table
        .select((
            alert_recipients::alert_id,
            alert_recipients::user_id,
            alert_recipients::reason,
            alert_recipients::notified_at,
        ))
        .load::<(String, String, String, chrono::NaiveDateTime)>(c)
        .unwrap();
    safety_plans::table
        .select((
            safety_plans::member_id,
            safety_plans::plan,
            safety_plans::updated_at,
        ))
        .load::<(String, String, chrono::NaiveDateTime)>(c)
        .unwrap();
    circle_entries::table
        .select((
            circle_entries::id,
            circle_entries::member_id,
            circle_entries::name,
            circle_entries::kind,
            circle_entries::ring,
            circle_entries::crisis_contact,
            circle_entries::details,
            circle_entries::note,
            circle_entries::created_at,
            circle_entries::updated_at,
        ))
        .load::<(
            String,
            String,
            String,
            String,
            String,
            bool,
            String,
            Option<String>,
            chrono::NaiveDateTime,
            chrono::NaiveDateTime,
        )>(c)
        .unwrap();
    circle_snapshots::table
        .select((
            circle_snapshots::id,
            circle_snapshots::member_id,
            circle_snapshots::taken_at,
            circle_snapshots::entries,
        ))
        .load::<(String, String, chrono::NaiveDateTime, String)>(c)
        .unwrap();
    circles::table
        .select((circles::member_id, circles::entries, circles::updated_at))
        .load::<(String, String, chrono::NaiveDateTime)>(c)
        .unwrap();
    let from = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    hearth_store::checkins::since(c, "nobody", from).unwrap();
    hearth_store::checkins::reminders(c, "nobody").unwrap();
    hearth_store::measures::list(c, "nobody", None).unwrap();
    hearth_store::measures::schedules(c, "nobody").unwrap();
    hearth_store::directory::get(c, "nobody").unwrap();
    hearth_store::directory::all(c).unwrap();
    hearth_store::small_steps::for_member(c, "nobody").unwrap();
    hearth_store::referrals::for_member(c, "nobody").unwrap();
    hearth_store::referrals::for_clinician(c, "nobody").unwrap();
    hearth_store::calendar_feeds::member_for(c, "nothing").unwrap();
    hearth_store::places::get(c, "nobody").unwrap();
}

fn postgres_schema() -> Option<Schema> {
    common::on_new_postgres_database(|url| {
        let mut c = db::establish(url).unwrap();
        c.run_migrations().unwrap();
        assert!(!c.has_pending_migrations().unwrap());
        let rows = diesel::sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type, \
             CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS nullable \
             FROM information_schema.columns WHERE table_schema = 'public'",
        )
        .load::<Col>(&mut c)
        .unwrap();
        every_column_loads(&mut c);
        collect(rows)
    })
}

#[test]
fn sqlite_and_postgres_schemas_match() {
    let lite = sqlite_schema();
    assert!(lite.len() > 50, "found only {} columns", lite.len());
    let Some(pg) = postgres_schema() else { return };
    let only_lite: Vec<_> = lite
        .iter()
        .filter(|(k, v)| pg.get(*k) != Some(*v))
        .collect();
    let only_pg: Vec<_> = pg
        .iter()
        .filter(|(k, v)| lite.get(*k) != Some(*v))
        .collect();
    assert!(
        only_lite.is_empty() && only_pg.is_empty(),
        "SQLite differs: {only_lite:#?}\nPostgreSQL differs: {only_pg:#?}"
    );
}

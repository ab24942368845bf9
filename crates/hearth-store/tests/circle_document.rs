//! The member's `circles` row (ADR 0019) on both databases: made by the migration for circles
//! saved before it existed, kept in step with the entries by `circle::changed`, and never
//! the only copy: without a readable document the circle is read from the rows. Two changes
//! at once both end up in it.

mod common;

use chrono::NaiveDate;
use diesel::migration::MigrationSource;
use diesel::prelude::*;
use diesel_migrations::MigrationHarness;
use hearth_core::account::Language;
use hearth_core::circle::{BeMyself, Details, Entry, Kind, Ring};
use hearth_core::roles::Role;
use hearth_store::db::{self, DbConn};
use hearth_store::schema::circles;
use hearth_store::{circle, users};

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 7)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

fn entry(name: &str, kind: Kind, ring: Ring) -> Entry {
    Entry {
        id: String::new(),
        name: name.into(),
        kind,
        ring,
        details: Details::default(),
        note: None,
    }
}

/// Runs the migration that made `circles` again: its down (the table goes) and its up (the
/// table comes back, filled from `circle_entries`).
fn redo_circles_migration(c: &mut DbConn) {
    fn redo<C: MigrationHarness<B>, B: diesel::backend::Backend>(
        c: &mut C,
        source: impl MigrationSource<B>,
    ) {
        let all = source.migrations().unwrap();
        let m = all
            .iter()
            .find(|m| m.name().to_string().ends_with("_circles"))
            .expect("the migration that made circles");
        c.revert_migration(m.as_ref()).unwrap();
        c.run_migration(m.as_ref()).unwrap();
    }
    match c {
        DbConn::Sqlite(c) => redo(c, db::SQLITE_MIGRATIONS),
        DbConn::Postgres(c) => redo(c, db::POSTGRES_MIGRATIONS),
    }
}

/// A connection to a migrated database, and the id of a member in it.
fn migrated_with_a_member(url: &str) -> (DbConn, String) {
    let mut c = db::establish(url).unwrap();
    c.run_migrations().unwrap();
    let member = users::create(
        &mut c,
        users::NewUser {
            email: "ines@example.org",
            display_name: "Ines",
            password_hash: None,
            roles: &[Role::Member],
            language: Language::En,
        },
    )
    .unwrap()
    .id;
    (c, member)
}

fn documents(c: &mut DbConn) -> Vec<String> {
    circles::table.select(circles::entries).load(c).unwrap()
}

fn kept_in_step(url: &str) {
    let (mut c, member) = migrated_with_a_member(url);

    // Saved before `circles` existed: the rows only.
    let mut answered = entry("Dana \"D\" 김", Kind::Friend, Ring::Middle);
    answered.details = Details {
        gives: [Some(3), None, Some(1), None, Some(0)],
        strain: Some(2),
        be_myself: Some(BeMyself::Sometimes),
        last_contact: NaiveDate::from_ymd_opt(2026, 11, 30),
        crisis_contact: true,
        ..Details::default()
    };
    answered.note = Some("met at the <pottery> class".into());
    let added = [
        entry("Sam", Kind::Partner, Ring::Inner),
        answered,
        entry("Choir", Kind::ActivityGroup, Ring::Outer),
        entry("Mo", Kind::Family, Ring::Inner),
    ];
    for e in &added {
        circle::insert(&mut c, &member, e, now()).unwrap();
    }
    diesel::delete(circles::table).execute(&mut c).unwrap();
    redo_circles_migration(&mut c);
    assert_eq!(
        documents(&mut c).len(),
        1,
        "the migration made the member's row"
    );
    let listed = circle::list(&mut c, &member).unwrap();
    let names: Vec<&str> = listed.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Sam", "Mo", "Dana \"D\" 김", "Choir"]);
    assert_eq!(listed[2].details, added[1].details);
    assert_eq!(listed[2].note, added[1].note);
    assert!(listed.iter().all(|e| !e.id.is_empty()));

    // Each change ends with `changed`, which writes the row again from the entries.
    let mut moved = listed[0].clone();
    moved.ring = Ring::Outer;
    moved.details.strain = Some(3);
    assert!(circle::update(&mut c, &member, &moved, now()).unwrap());
    assert!(circle::delete(&mut c, &member, &listed[1].id).unwrap());
    let new_id = circle::insert(
        &mut c,
        &member,
        &entry("Bo", Kind::Neighbour, Ring::Middle),
        now(),
    )
    .unwrap();
    circle::changed(&mut c, &member, now()).unwrap();
    let after = circle::list(&mut c, &member).unwrap();
    let names: Vec<&str> = after.iter().map(|e| e.name.as_str()).collect();
    // Sam moved out, and was added before Choir.
    assert_eq!(names, ["Dana \"D\" 김", "Bo", "Sam", "Choir"]);
    assert_eq!(after[1].id, new_id);
    assert_eq!(after[2].details.strain, Some(3));

    // Not the only copy: an unreadable document is read from the rows, the same circle.
    diesel::update(circles::table)
        .set(circles::entries.eq("[{\"id\": 1"))
        .execute(&mut c)
        .unwrap();
    assert_eq!(circle::list(&mut c, &member).unwrap(), after);
    // So is a member with no row (deleted by hand, say).
    diesel::delete(circles::table).execute(&mut c).unwrap();
    assert_eq!(circle::list(&mut c, &member).unwrap(), after);
    circle::changed(&mut c, &member, now()).unwrap();
    let doc = documents(&mut c).pop().unwrap();
    assert!(doc.starts_with("[{\"id\":"), "written again: {doc}");
    assert!(
        !doc.contains("\"receives\""),
        "only answers given are written: {doc}"
    );

    // The last one gone: an empty circle, and still one row.
    for e in &after {
        circle::delete(&mut c, &member, &e.id).unwrap();
    }
    circle::changed(&mut c, &member, now()).unwrap();
    assert_eq!(circle::list(&mut c, &member).unwrap(), vec![]);
    assert_eq!(documents(&mut c), ["[]"]);
    // Someone who never added anyone has no row and an empty circle.
    assert_eq!(circle::list(&mut c, "nobody").unwrap(), vec![]);
}

/// Two changes to one circle at once, on two connections: the second must write the document
/// from what the first committed as well as its own change, not from what it saw before the
/// first committed.
fn two_changes_at_once(url: &str) {
    let (mut c, member) = migrated_with_a_member(url);
    circle::insert(
        &mut c,
        &member,
        &entry("Sam", Kind::Partner, Ring::Inner),
        now(),
    )
    .unwrap();
    circle::changed(&mut c, &member, now()).unwrap();

    let (go, wait) = std::sync::mpsc::channel();
    let (url2, member2) = (url.to_string(), member.clone());
    let second = std::thread::spawn(move || {
        let mut c2 = db::establish(&url2).unwrap();
        wait.recv().unwrap();
        c2.transaction(|c2| {
            circle::insert(
                c2,
                &member2,
                &entry("Bo", Kind::Friend, Ring::Middle),
                now(),
            )?;
            circle::changed(c2, &member2, now())
        })
        .unwrap();
    });
    c.transaction(|c| {
        circle::insert(c, &member, &entry("Mo", Kind::Family, Ring::Inner), now())?;
        circle::changed(c, &member, now())?;
        // The other change starts while this one is open, and waits for it where it must.
        go.send(()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(400));
        diesel::QueryResult::Ok(())
    })
    .unwrap();
    second.join().unwrap();
    let names: Vec<String> = circle::list(&mut c, &member)
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["Sam", "Mo", "Bo"]);
}

#[test]
fn two_changes_at_once_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    two_changes_at_once(dir.path().join("c.db").to_str().unwrap());
}

#[test]
fn two_changes_at_once_on_postgres() {
    common::on_new_postgres_database(two_changes_at_once);
}

#[test]
fn the_circle_document_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    kept_in_step(dir.path().join("c.db").to_str().unwrap());
}

#[test]
fn the_circle_document_on_postgres() {
    common::on_new_postgres_database(kept_in_step);
}

//! A member's circle and its snapshots. The rules are in `hearth_core::circle`.

use crate::schema::{circle_entries as ce, circle_snapshots as cs, circles};
use crate::{new_id, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hearth_core::circle::{Details, Entry, Kind, Ring};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The columns an `Entry` is made of, and no more: the circle page reads every entry on
/// each view, and unused timestamps cost a parse each.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ce)]
struct Row {
    id: String,
    name: String,
    kind: String,
    ring: String,
    details: String,
    note: Option<String>,
}

impl Row {
    fn entry(self) -> Entry {
        // A document written by another version still loads: unknown keys are ignored.
        let details = serde_json::from_str(&self.details).unwrap_or_default();
        entry_of(
            self.id, self.name, &self.kind, &self.ring, details, self.note,
        )
    }
}

/// An entry from its stored parts, a row's or the `circles` document's. Kind and circle are
/// read leniently: a word this version does not know reads as "other" and the outer circle.
fn entry_of(
    id: String,
    name: String,
    kind: &str,
    ring: &str,
    details: Details,
    note: Option<String>,
) -> Entry {
    Entry {
        id,
        name,
        kind: Kind::parse(kind).unwrap_or(Kind::Other),
        ring: Ring::parse(ring).unwrap_or(Ring::Outer),
        details,
        note,
    }
}

/// A member's entries as rows of `circle_entries`, in no order (`in_order` sorts them): one
/// query for every connection. An `ORDER BY created_at` made PostgreSQL sort the rows
/// (docs/PERFORMANCE.md).
macro_rules! rows_of {
    ($member_id:expr) => {
        ce::table
            .filter(ce::member_id.eq($member_id))
            .select(Row::as_select())
    };
}

/// The member's row of `circles`: the whole circle in one document (ADR 0019). Loaded, not
/// read with `first()`: on SQLite a bound `LIMIT` made the statement be prepared again on every
/// run, which cost as much as reading the rows.
macro_rules! document_of {
    ($member_id:expr) => {
        circles::table.find($member_id).select(circles::entries)
    };
}

/// One entry in the member's `circles` document as it is read: the answers nested, with
/// only those given written (`details_value`).
#[derive(Deserialize)]
struct Stored<'a> {
    id: String,
    name: String,
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    ring: Cow<'a, str>,
    #[serde(default)]
    details: Details,
    #[serde(default)]
    note: Option<String>,
}

/// The same, as it is written.
#[derive(Serialize)]
struct ToStore<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    ring: &'a str,
    details: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

/// The member's circle, inner circle first, oldest entry first within a circle.
pub fn list(conn: &mut DbConn, member_id: &str) -> QueryResult<Vec<Entry>> {
    let document: Option<String> =
        crate::on_backend!(conn, c => document_of!(member_id).load(c)?).pop();
    match read_document(member_id, document) {
        Some(entries) => Ok(entries),
        None => Ok(in_order(
            crate::on_backend!(conn, c => rows_of!(member_id).load(c)?),
        )),
    }
}

pub async fn list_pipelined(conn: &crate::SharedPg, member_id: &str) -> QueryResult<Vec<Entry>> {
    let document: Option<String> = crate::pipelined!(conn, document_of!(member_id) => load)?.pop();
    match read_document(member_id, document) {
        Some(entries) => Ok(entries),
        None => Ok(in_order(
            crate::pipelined!(conn, rows_of!(member_id) => load)?,
        )),
    }
}

/// The entries in the member's `circles` row, or `None` when they are to be read from the
/// rows: the member has never added anyone (or their row was deleted by hand), or the document
/// does not parse, which is not expected (only `changed` writes it) and is logged. The rows are
/// the record, so neither case hides anyone; the next change writes the row again.
fn read_document(member_id: &str, document: Option<String>) -> Option<Vec<Entry>> {
    match from_document(&document?) {
        Ok(entries) => Some(entries),
        Err(e) => {
            tracing::warn!(member_id, error = %e, "circle document unreadable, read from its rows");
            None
        }
    }
}

fn from_document(document: &str) -> serde_json::Result<Vec<Entry>> {
    let stored: Vec<Stored> = serde_json::from_str(document)?;
    let mut entries: Vec<Entry> = stored
        .into_iter()
        .map(|s| entry_of(s.id, s.name, &s.kind, &s.ring, s.details, s.note))
        .collect();
    sort(&mut entries);
    Ok(entries)
}

fn to_document(entries: &[Entry]) -> String {
    let stored: Vec<ToStore> = entries
        .iter()
        .map(|e| ToStore {
            id: &e.id,
            name: &e.name,
            kind: e.kind.as_str(),
            ring: e.ring.as_str(),
            details: details_value(&e.details),
            note: e.note.as_deref(),
        })
        .collect();
    serde_json::to_string(&stored).expect("circle serializes")
}

/// Inner circle first, and oldest first within a circle. Ids are UUIDv7, made by `new_id` when
/// an entry is added: they sort by the time they were made (within one process, in the order
/// they were made), so they give the order of `created_at` without reading it.
fn in_order(rows: Vec<Row>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = rows.into_iter().map(Row::entry).collect();
    sort(&mut entries);
    entries
}

fn sort(entries: &mut [Entry]) {
    entries.sort_unstable_by(|a, b| a.ring.cmp(&b.ring).then_with(|| a.id.cmp(&b.id)));
}

/// One entry of this member; `None` if it is not theirs.
pub fn find(conn: &mut DbConn, member_id: &str, id: &str) -> QueryResult<Option<Entry>> {
    Ok(ce::table
        .filter(ce::id.eq(id))
        .filter(ce::member_id.eq(member_id))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Row::entry))
}

pub fn count(conn: &mut DbConn, member_id: &str) -> QueryResult<i64> {
    ce::table
        .filter(ce::member_id.eq(member_id))
        .count()
        .get_result(conn)
}

/// The answers as stored: only those given. Most entries have only a name and a circle for a
/// long time, and the circle page reads every entry on each view; parsing a dozen unanswered
/// fields was a tenth of its cost. A field is left out when it equals the same field of
/// `Details::default()`, which is what it reads back as (`Details` is `#[serde(default)]`), so
/// older, complete documents read the same.
fn details_json(d: &Details) -> String {
    details_value(d).to_string()
}

fn details_value(d: &Details) -> serde_json::Value {
    static DEFAULTS: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    let defaults = DEFAULTS
        .get_or_init(|| serde_json::to_value(Details::default()).expect("details serialize"));
    let mut v = serde_json::to_value(d).expect("details serialize");
    if let serde_json::Value::Object(fields) = &mut v {
        fields.retain(|name, f| defaults.get(name) != Some(f));
    }
    v
}

/// Adds an entry; its id is made here and returned. The change ends with `changed`.
pub fn insert(
    conn: &mut DbConn,
    member_id: &str,
    e: &Entry,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(ce::table)
        .values((
            ce::id.eq(&id),
            ce::member_id.eq(member_id),
            ce::name.eq(&e.name),
            ce::kind.eq(e.kind.as_str()),
            ce::ring.eq(e.ring.as_str()),
            ce::crisis_contact.eq(e.details.crisis_contact),
            ce::details.eq(details_json(&e.details)),
            ce::note.eq(&e.note),
            ce::created_at.eq(now),
            ce::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Replaces an entry of this member; `false` if it is not theirs. The change ends with
/// `changed`.
pub fn update(
    conn: &mut DbConn,
    member_id: &str,
    e: &Entry,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        ce::table
            .filter(ce::id.eq(&e.id))
            .filter(ce::member_id.eq(member_id)),
    )
    .set((
        ce::name.eq(&e.name),
        ce::kind.eq(e.kind.as_str()),
        ce::ring.eq(e.ring.as_str()),
        ce::crisis_contact.eq(e.details.crisis_contact),
        ce::details.eq(details_json(&e.details)),
        ce::note.eq(&e.note),
        ce::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Removes an entry of this member; `false` if it is not theirs. The change ends with `changed`.
pub fn delete(conn: &mut DbConn, member_id: &str, id: &str) -> QueryResult<bool> {
    let n = diesel::delete(
        ce::table
            .filter(ce::id.eq(id))
            .filter(ce::member_id.eq(member_id)),
    )
    .execute(conn)?;
    Ok(n == 1)
}

/// Every change to a member's entries ends with this, in the same transaction: it writes the
/// member's `circles` row again from the entries, which the circle page and the API read, and
/// keeps a snapshot of the whole circle, so later the member can see what changed.
pub fn changed(conn: &mut DbConn, member_id: &str, now: NaiveDateTime) -> QueryResult<()> {
    // The member's row is taken (made, if new) before the entries are read. Two changes at
    // once then write it one after the other: on PostgreSQL the second waits here until the
    // first commits, and its next statement sees what the first committed. Read first, and
    // the second would write a circle without the first's change (a test shows it).
    crate::on_backend!(conn, c => diesel::insert_into(circles::table)
        .values((
            circles::member_id.eq(member_id),
            circles::entries.eq("[]"),
            circles::updated_at.eq(now),
        ))
        .on_conflict(circles::member_id)
        .do_update()
        .set(circles::updated_at.eq(now))
        .execute(c)?);
    let entries = in_order(crate::on_backend!(conn, c => rows_of!(member_id).load(c)?));
    diesel::update(circles::table.find(member_id))
        .set(circles::entries.eq(to_document(&entries)))
        .execute(conn)?;
    diesel::insert_into(cs::table)
        .values((
            cs::id.eq(new_id()),
            cs::member_id.eq(member_id),
            cs::taken_at.eq(now),
            cs::entries.eq(serde_json::to_string(&entries).expect("entries serialize")),
        ))
        .execute(conn)?;
    Ok(())
}

/// The circle as it was at `at`: the last snapshot taken at or before then (empty if none).
pub fn as_of(
    conn: &mut DbConn,
    member_id: &str,
    at: NaiveDateTime,
) -> QueryResult<(Vec<Entry>, Option<NaiveDateTime>)> {
    let row: Option<(String, NaiveDateTime)> = cs::table
        .filter(cs::member_id.eq(member_id))
        .filter(cs::taken_at.le(at))
        .order(cs::taken_at.desc())
        .select((cs::entries, cs::taken_at))
        .first(conn)
        .optional()?;
    Ok(match row {
        Some((json, t)) => (serde_json::from_str(&json).unwrap_or_default(), Some(t)),
        None => (vec![], None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use hearth_core::circle::{BeMyself, ContactMode, Frequency, KnownFor, Proximity};

    fn read(json: &str) -> Details {
        serde_json::from_str(json).expect("stored details read back")
    }

    #[test]
    fn entries_come_inner_circle_first_then_in_the_order_they_were_added() {
        // Ids made one after another, as `insert` makes them.
        let ids: Vec<String> = (0..6).map(|_| new_id()).collect();
        let row = |i: usize, ring: &str| Row {
            id: ids[i].clone(),
            name: format!("n{i}"),
            kind: "friend".into(),
            ring: ring.into(),
            details: "{}".into(),
            note: None,
        };
        // However the database hands the rows over (PostgreSQL gives no order without
        // ORDER BY; a changed row may come last).
        let rows = vec![
            row(5, "inner"),
            row(0, "outer"),
            row(3, "inner"),
            row(2, "middle"),
            row(1, "inner"),
            row(4, "outer"),
        ];
        let names: Vec<String> = in_order(rows).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["n1", "n3", "n5", "n2", "n0", "n4"]);
    }

    #[test]
    fn stored_details_keep_every_answer_and_only_answers() {
        assert_eq!(details_json(&Details::default()), "{}");
        assert_eq!(read("{}"), Details::default());
        let full = Details {
            gives: [Some(0), Some(1), Some(2), Some(3), None],
            receives: [None, None, Some(0), None, None],
            strain: Some(0),
            be_myself: Some(BeMyself::Sometimes),
            contact_now: Some(Frequency::Monthly),
            contact_wished: Some(Frequency::Weekly),
            last_contact: NaiveDate::from_ymd_opt(2026, 11, 2),
            modes: vec![ContactMode::Phone, ContactMode::InPerson],
            known_for: Some(KnownFor::OverFiveYears),
            proximity: Some(Proximity::Walking),
            crisis_contact: true,
            phone: Some("+82 10 1234 5678".into()),
        };
        assert_eq!(read(&details_json(&full)), full);
        // A zero is an answer ("never"), kept; an unanswered list is left out.
        let some = Details {
            strain: Some(0),
            receives: [None, None, None, None, Some(0)],
            ..Details::default()
        };
        let stored = details_json(&some);
        assert!(stored.contains("\"strain\":0"), "{stored}");
        assert!(!stored.contains("gives"), "{stored}");
        assert_eq!(read(&stored), some);
        // A complete document, as earlier versions wrote it, reads the same.
        assert_eq!(read(&serde_json::to_string(&full).unwrap()), full);
    }
}

//! The Find community directory: resources, their filterable traits and the full-text
//! index, written together. The rules and formats are in `hearth_core::directory`.

use crate::schema::{resource_traits as rt, resources as r};
use crate::{e6, new_id, DbConn};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Nullable, Text, Timestamp};
use hearth_core::directory::search::{Query, Sort};
use hearth_core::directory::{Format, Point, Resource, SourceKey, Status};
use std::collections::HashMap;

/// The source of records made in Hearth's own forms.
pub const HEARTH_SOURCE: &str = "hearth";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
struct Row {
    id: String,
    source: String,
    source_id: String,
    details: String,
    retired_at: Option<NaiveDateTime>,
    updated_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct Stored {
    pub id: String,
    pub key: SourceKey,
    pub resource: Resource,
    pub retired_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

impl Row {
    fn stored(self) -> Stored {
        Stored {
            resource: serde_json::from_str(&self.details)
                .unwrap_or_else(|_| Resource::named("(unreadable record)")),
            id: self.id,
            key: SourceKey {
                source: self.source,
                source_id: self.source_id,
            },
            retired_at: self.retired_at,
            updated_at: self.updated_at,
        }
    }
}

/// The many-valued attributes as `trait` rows.
fn traits(res: &Resource) -> Vec<String> {
    let mut t: Vec<String> = res
        .focus
        .iter()
        .map(|f| format!("focus:{}", f.as_str()))
        .chain(res.access.iter().map(|a| format!("access:{}", a.as_str())))
        .chain(
            res.participation
                .iter()
                .map(|p| format!("participation:{}", p.as_str())),
        )
        .chain(res.languages.iter().map(|l| format!("lang:{l}")))
        .collect();
    t.sort();
    t.dedup();
    t
}

/// Rows written per statement when many are added: few round trips, and well under either
/// database's limit on bound values (17 a resource row).
const BATCH: usize = 500;

/// The `n`th bound value's placeholder, numbered on both databases so one SQL text can use a
/// value twice.
fn placeholder(pg: bool, n: usize) -> String {
    if pg {
        format!("${n}")
    } else {
        format!("?{n}")
    }
}

/// `(v1, v2, …), (…)` for `rows` rows of these cells, where `{}` in a cell is its numbered
/// placeholder.
fn values_list(pg: bool, rows: usize, cells: &[&str]) -> String {
    let mut n = 0;
    (0..rows)
        .map(|_| {
            let row: Vec<String> = cells
                .iter()
                .map(|c| {
                    n += 1;
                    c.replace("{}", &placeholder(pg, n))
                })
                .collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The filterable copy of a resource's fields, as the `resources` columns after `source_id`.
fn row_values(res: &Resource, now: NaiveDateTime) -> Vec<Arg> {
    let point = res.point();
    let slots = res.schedules.iter().fold(0u32, |m, s| m | s.slots()) as i64;
    let word = |w: Option<&str>| Arg::OptText(w.map(str::to_string));
    vec![
        Arg::Text(res.name.clone()),
        Arg::Text(res.status.as_str().to_string()),
        word(res.kind.map(|k| k.as_str())),
        word(res.effective_format().map(|f| f.as_str())),
        word(res.cost.as_ref().map(|c| c.kind.as_str())),
        Arg::OptInt(res.cost.as_ref().and_then(|c| c.amount_minor)),
        Arg::OptInt(point.map(|p| e6(p.lat))),
        Arg::OptInt(point.map(|p| e6(p.lon))),
        Arg::Int(slots),
        Arg::OptTime(res.next_meeting(now)),
        Arg::OptTime(
            res.verified
                .as_ref()
                .map(|v| v.on.and_hms_opt(0, 0, 0).expect("midnight")),
        ),
        Arg::Text(serde_json::to_string(res).expect("a resource serializes")),
    ]
}

const ROW_COLUMNS: &str = "name, status, kind, format, cost_kind, cost_minor, lat_e6, lon_e6, \
                           slots, next_at, verified_on, details";

/// Adds new records (ids already chosen): rows, traits and search entries, a batch per
/// statement.
fn insert_new(
    conn: &mut DbConn,
    fresh: &[(String, &SourceKey, &Resource)],
    now: NaiveDateTime,
) -> QueryResult<()> {
    let pg = matches!(conn, DbConn::Postgres(_));
    for chunk in fresh.chunks(BATCH) {
        let mut args = vec![];
        for (id, key, res) in chunk {
            args.push(Arg::Text(id.clone()));
            args.push(Arg::Text(key.source.clone()));
            args.push(Arg::Text(key.source_id.clone()));
            args.extend(row_values(res, now));
            args.push(Arg::Time(now));
            args.push(Arg::Time(now));
        }
        let sql = format!(
            "INSERT INTO resources (id, source, source_id, {ROW_COLUMNS}, created_at, updated_at) VALUES {}",
            values_list(pg, chunk.len(), &["{}"; 17])
        );
        exec(conn, &sql, args)?;
        let pairs: Vec<(&str, &Resource)> =
            chunk.iter().map(|(id, _, r)| (id.as_str(), *r)).collect();
        insert_traits(conn, &pairs)?;
        insert_search(conn, &pairs)?;
    }
    Ok(())
}

fn insert_traits(conn: &mut DbConn, items: &[(&str, &Resource)]) -> QueryResult<()> {
    let pg = matches!(conn, DbConn::Postgres(_));
    let all: Vec<(String, &str)> = items
        .iter()
        .flat_map(|(id, res)| traits(res).into_iter().map(move |t| (t, *id)))
        .collect();
    for chunk in all.chunks(BATCH * 4) {
        let args = chunk
            .iter()
            .flat_map(|(t, id)| [Arg::Text(t.clone()), Arg::Text(id.to_string())])
            .collect();
        let sql = format!(
            "INSERT INTO resource_traits (trait, resource_id) VALUES {}",
            values_list(pg, chunk.len(), &["{}", "{}"])
        );
        exec(conn, &sql, args)?;
    }
    Ok(())
}

/// Search entries for records that have none.
fn insert_search(conn: &mut DbConn, items: &[(&str, &Resource)]) -> QueryResult<()> {
    if items.is_empty() {
        return Ok(());
    }
    if matches!(conn, DbConn::Postgres(_)) {
        let args = items
            .iter()
            .flat_map(|(id, res)| [Arg::Text(id.to_string()), Arg::Text(res.search_text())])
            .collect();
        let sql = format!(
            "INSERT INTO resource_fts (resource_id, body) VALUES {}",
            values_list(true, items.len(), &["{}", "to_tsvector('simple', {})"])
        );
        return exec(conn, &sql, args).map(|_| ());
    }
    // FTS5 rows are found by rowid, so each gets one here and the map table keeps whose it
    // is, with the coordinates copied so a text search with a distance can skip rows outside
    // the box without opening the resource (migration 000011).
    let last = |conn: &mut DbConn, sql: &str| -> QueryResult<i64> {
        Ok(diesel::sql_query(sql)
            .get_result::<N>(conn)
            .optional()?
            .map_or(0, |n| n.n))
    };
    let base = last(
        conn,
        "SELECT rowid AS n FROM resource_fts ORDER BY rowid DESC LIMIT 1",
    )?
    .max(last(
        conn,
        "SELECT fts_rowid AS n FROM resource_fts_rows ORDER BY fts_rowid DESC LIMIT 1",
    )?);
    let mut map = vec![];
    let mut text = vec![];
    for (i, (id, res)) in items.iter().enumerate() {
        let rowid = base + 1 + i as i64;
        let point = res.point();
        map.extend([
            Arg::Int(rowid),
            Arg::Text(id.to_string()),
            Arg::OptInt(point.map(|p| e6(p.lat))),
            Arg::OptInt(point.map(|p| e6(p.lon))),
        ]);
        text.extend([Arg::Int(rowid), Arg::Text(res.search_text())]);
    }
    let sql = format!(
        "INSERT INTO resource_fts_rows (fts_rowid, resource_id, lat_e6, lon_e6) VALUES {}",
        values_list(false, items.len(), &["{}"; 4])
    );
    exec(conn, &sql, map)?;
    let sql = format!(
        "INSERT INTO resource_fts (rowid, body) VALUES {}",
        values_list(false, items.len(), &["{}", "{}"])
    );
    exec(conn, &sql, text).map(|_| ())
}

/// Removes the search entries of these records (at most a batch).
fn remove_search(conn: &mut DbConn, ids: &[&str]) -> QueryResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let pg = matches!(conn, DbConn::Postgres(_));
    let list = (1..=ids.len())
        .map(|n| placeholder(pg, n))
        .collect::<Vec<_>>()
        .join(", ");
    let args = || ids.iter().map(|id| Arg::Text(id.to_string())).collect();
    if pg {
        exec(
            conn,
            &format!("DELETE FROM resource_fts WHERE resource_id IN ({list})"),
            args(),
        )?;
        return Ok(());
    }
    // FTS5 rows go by rowid, found through the map; then the map's rows.
    exec(
        conn,
        &format!(
            "DELETE FROM resource_fts WHERE rowid IN \
             (SELECT fts_rowid FROM resource_fts_rows WHERE resource_id IN ({list}))"
        ),
        args(),
    )?;
    exec(
        conn,
        &format!("DELETE FROM resource_fts_rows WHERE resource_id IN ({list})"),
        args(),
    )?;
    Ok(())
}

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Replaces existing records' content (at most a batch): each row one UPDATE, their traits
/// and search entries removed and written again a batch per statement.
fn replace(conn: &mut DbConn, items: &[(&str, &Resource)], now: NaiveDateTime) -> QueryResult<()> {
    if items.is_empty() {
        return Ok(());
    }
    let pg = matches!(conn, DbConn::Postgres(_));
    let sets: Vec<String> = ROW_COLUMNS
        .split(", ")
        .map(str::trim)
        .chain(["updated_at"])
        .enumerate()
        .map(|(i, c)| format!("{c} = {}", placeholder(pg, i + 1)))
        .collect();
    let sql = format!(
        "UPDATE resources SET {} WHERE id = {}",
        sets.join(", "),
        placeholder(pg, sets.len() + 1)
    );
    for (id, res) in items {
        let mut args = row_values(res, now);
        args.push(Arg::Time(now));
        args.push(Arg::Text(id.to_string()));
        exec(conn, &sql, args)?;
    }
    let ids: Vec<&str> = items.iter().map(|(id, _)| *id).collect();
    diesel::delete(rt::table.filter(rt::resource_id.eq_any(&ids))).execute(conn)?;
    insert_traits(conn, items)?;
    remove_search(conn, &ids)?;
    insert_search(conn, items)
}

/// Adds or replaces each record by its source key, in order: its id and whether it was new.
/// The keys must differ from one another. A retired record stays retired: a feed cannot
/// bring back what staff took down. New records are written a batch per statement, so a
/// large import makes few round trips.
pub fn upsert_many(
    conn: &mut DbConn,
    items: &[(SourceKey, Resource)],
    now: NaiveDateTime,
) -> QueryResult<Vec<(String, bool)>> {
    let mut out = Vec::with_capacity(items.len());
    for chunk in items.chunks(BATCH) {
        let mut existing: HashMap<(String, String), String> = HashMap::new();
        let mut sources: Vec<&str> = chunk.iter().map(|(k, _)| k.source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        for source in sources {
            let ids: Vec<&str> = chunk
                .iter()
                .filter(|(k, _)| k.source == source)
                .map(|(k, _)| k.source_id.as_str())
                .collect();
            let found: Vec<(String, String)> = r::table
                .filter(r::source.eq(source))
                .filter(r::source_id.eq_any(&ids))
                .select((r::source_id, r::id))
                .load(conn)?;
            for (sid, id) in found {
                existing.insert((source.to_string(), sid), id);
            }
        }
        // A check staff made here outlives a feed that says nothing about checks: the
        // records that keep one are read in one query.
        let unchecked: Vec<&str> = chunk
            .iter()
            .filter(|(_, res)| res.verified.is_none())
            .filter_map(|(k, _)| existing.get(&(k.source.clone(), k.source_id.clone())))
            .map(String::as_str)
            .collect();
        let checks: HashMap<String, hearth_core::directory::Verified> = r::table
            .filter(r::id.eq_any(&unchecked))
            .select((r::id, r::details))
            .load::<(String, String)>(conn)?
            .into_iter()
            .filter_map(|(id, d)| {
                let v = serde_json::from_str::<Resource>(&d).ok()?.verified?;
                Some((id, v))
            })
            .collect();
        let mut fresh = vec![];
        let mut updated: Vec<(String, Resource)> = vec![];
        for (key, res) in chunk {
            match existing.get(&(key.source.clone(), key.source_id.clone())) {
                Some(id) => {
                    let mut res = res.clone();
                    if res.verified.is_none() {
                        res.verified = checks.get(id).cloned();
                    }
                    out.push((id.clone(), false));
                    updated.push((id.clone(), res));
                }
                None => {
                    let id = new_id();
                    out.push((id.clone(), true));
                    fresh.push((id, key, res));
                }
            }
        }
        let pairs: Vec<(&str, &Resource)> = updated.iter().map(|(i, r)| (i.as_str(), r)).collect();
        replace(conn, &pairs, now)?;
        insert_new(conn, &fresh, now)?;
    }
    Ok(out)
}

/// Refreshes PostgreSQL's planner statistics for the directory, after a write large
/// enough to change them: without it, a freshly filled table looks empty to the planner,
/// which then reads every row for a "next meeting" search instead of walking its index
/// (70 ms against 3 ms at 100,000 resources). In a transaction it counts that transaction's
/// own rows. SQLite's plans here do not depend on statistics, so it does nothing there.
pub fn refresh_statistics(conn: &mut DbConn) -> QueryResult<()> {
    if let DbConn::Postgres(c) = conn {
        diesel::sql_query("ANALYZE resources, resource_traits, resource_fts").execute(c)?;
    }
    Ok(())
}

/// `upsert_many` for one record.
pub fn upsert(
    conn: &mut DbConn,
    key: &SourceKey,
    res: &Resource,
    now: NaiveDateTime,
) -> QueryResult<(String, bool)> {
    Ok(upsert_many(conn, &[(key.clone(), res.clone())], now)?.remove(0))
}

/// A record made in Hearth's forms; its id is its source id.
pub fn create(conn: &mut DbConn, res: &Resource, now: NaiveDateTime) -> QueryResult<String> {
    let id = new_id();
    let key = SourceKey {
        source: HEARTH_SOURCE.into(),
        source_id: id.clone(),
    };
    insert_new(conn, &[(id.clone(), &key, res)], now)?;
    Ok(id)
}

/// Replaces the record's content; false if there is no such record.
pub fn update(
    conn: &mut DbConn,
    id: &str,
    res: &Resource,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    if get(conn, id)?.is_none() {
        return Ok(false);
    }
    replace(conn, &[(id, res)], now)?;
    Ok(true)
}

pub fn get(conn: &mut DbConn, id: &str) -> QueryResult<Option<Stored>> {
    Ok(r::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Row::stored))
}

/// Takes a record out of search (or puts it back) without losing it.
pub fn set_retired(
    conn: &mut DbConn,
    id: &str,
    retired: bool,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(r::table.find(id))
        .set((
            r::retired_at.eq(retired.then_some(now)),
            r::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Every record, retired ones too, by name: for export.
pub fn all(conn: &mut DbConn) -> QueryResult<Vec<Stored>> {
    Ok(r::table
        .order((r::name.asc(), r::id.asc()))
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(Row::stored)
        .collect())
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    r::table.count().get_result(conn)
}

/// Live records never verified, or verified before `cutoff`; oldest first.
pub fn needing_review(
    conn: &mut DbConn,
    cutoff: NaiveDate,
    limit: i64,
) -> QueryResult<Vec<Stored>> {
    let at = cutoff.and_hms_opt(0, 0, 0).expect("midnight");
    Ok(r::table
        .filter(r::retired_at.is_null())
        .filter(r::verified_on.is_null().or(r::verified_on.lt(at)))
        // Never checked first on both databases (they disagree on where NULL sorts).
        .order((
            r::verified_on.is_not_null().asc(),
            r::verified_on.asc(),
            r::name.asc(),
        ))
        .limit(limit)
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(Row::stored)
        .collect())
}

/// Recomputes `next_at` where it has passed, a batch at a time; returns how many changed.
pub fn refresh_next(conn: &mut DbConn, now: NaiveDateTime, batch: i64) -> QueryResult<usize> {
    // Only passed ones: each becomes a later time or NULL (no more meetings), so repeated
    // batches always finish.
    let stale: Vec<(String, String)> = r::table
        .filter(r::next_at.lt(now))
        .filter(r::retired_at.is_null())
        .order(r::next_at.asc())
        .select((r::id, r::details))
        .limit(batch)
        .load(conn)?;
    for (id, details) in &stale {
        let next = serde_json::from_str::<Resource>(details)
            .ok()
            .and_then(|res| res.next_meeting(now));
        diesel::update(r::table.find(id))
            .set(r::next_at.eq(next))
            .execute(conn)?;
    }
    Ok(stale.len())
}

/// One search result.
#[derive(Debug, Clone)]
pub struct Hit {
    pub id: String,
    pub resource: Resource,
    pub distance_km: Option<f64>,
    pub next_meeting: Option<NaiveDateTime>,
}

impl Hit {
    /// This result as a candidate for matching.
    pub fn candidate(&self) -> hearth_core::directory::matching::Candidate<'_> {
        hearth_core::directory::matching::Candidate {
            resource: &self.resource,
            distance_km: self.distance_km,
            next_meeting: self.next_meeting,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// Matches over all pages.
    pub total: usize,
}

#[derive(QueryableByName, Debug)]
struct Candidate {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Nullable<BigInt>)]
    lat_e6: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    lon_e6: Option<i64>,
    #[diesel(sql_type = Nullable<Timestamp>)]
    next_at: Option<NaiveDateTime>,
    // Read so the ORDER BY can name it; the order itself is done in SQL.
    #[allow(dead_code)]
    #[diesel(sql_type = Double)]
    rank: f64,
}

enum Arg {
    Text(String),
    Int(i64),
    Time(NaiveDateTime),
    OptText(Option<String>),
    OptInt(Option<i64>),
    OptTime(Option<NaiveDateTime>),
}

/// Most candidates one search considers before ranking in Rust.
const MAX_CANDIDATES: i64 = 5000;

/// Runs a search: SQL narrows by text, filters, the distance box and the week grid; Rust
/// then measures exact distance, checks "meets within N days", sorts and pages.
pub fn search(conn: &mut DbConn, q: &Query, now: NaiveDateTime) -> QueryResult<Results> {
    search_capped(conn, q, now, MAX_CANDIDATES)
}

/// `search` considering at most `cap` candidates (so `total` stops there): matching,
/// which needs no count, asks for only as many as it ranks.
pub fn search_capped(
    conn: &mut DbConn,
    q: &Query,
    now: NaiveDateTime,
    cap: i64,
) -> QueryResult<Results> {
    let pg = matches!(conn, DbConn::Postgres(_));
    let mut args: Vec<Arg> = vec![];
    // Numbered, so one text can use a value twice (see the next-meeting order below).
    let ph = |a: Arg, args: &mut Vec<Arg>| -> String {
        args.push(a);
        placeholder(pg, args.len())
    };
    let terms = q.terms();
    let mut sql = String::from("SELECT r.id, r.name, r.lat_e6, r.lon_e6, r.next_at, ");
    // Which table's coordinates the box reads: on SQLite with text, the narrow row map's.
    let mut geo = "r";
    if terms.is_empty() {
        sql.push_str("CAST(0 AS DOUBLE PRECISION) AS rank FROM resources r WHERE ");
    } else if pg {
        let tsq = terms
            .iter()
            .map(|t| format!("{t}:*"))
            .collect::<Vec<_>>()
            .join(" & ");
        let p = ph(Arg::Text(tsq), &mut args);
        sql.push_str(&format!(
            "CAST(-ts_rank(f.body, to_tsquery('simple', {p})) AS DOUBLE PRECISION) AS rank \
             FROM resources r JOIN resource_fts f ON f.resource_id = r.id \
             AND f.body @@ to_tsquery('simple', {p}) WHERE "
        ));
    } else {
        let m = terms
            .iter()
            .map(|t| format!("\"{t}\"*"))
            .collect::<Vec<_>>()
            .join(" ");
        let p = ph(Arg::Text(m), &mut args);
        // One flat join, text first: the box (on `m`) drops rows before `resources` is
        // read, and bm25 is worked out only for the rows that pass every filter.
        sql.push_str(&format!(
            "bm25(resource_fts) AS rank FROM resource_fts \
             JOIN resource_fts_rows m ON m.fts_rowid = resource_fts.rowid \
             JOIN resources r ON r.id = m.resource_id WHERE resource_fts MATCH {p} AND "
        ));
        geo = "m";
    }
    sql.push_str("r.retired_at IS NULL AND r.status IN ('active', 'temporarily_closed') ");
    let any_of = |col: &str, values: Vec<String>, sql: &mut String, args: &mut Vec<Arg>| {
        if values.is_empty() {
            return;
        }
        let ps: Vec<String> = values.into_iter().map(|v| ph(Arg::Text(v), args)).collect();
        sql.push_str(&format!("AND {col} IN ({}) ", ps.join(", ")));
    };
    any_of(
        "r.kind",
        q.kinds.iter().map(|k| k.as_str().to_string()).collect(),
        &mut sql,
        &mut args,
    );
    any_of(
        "r.format",
        q.stored_formats()
            .iter()
            .map(|f| f.as_str().to_string())
            .collect(),
        &mut sql,
        &mut args,
    );
    any_of(
        "r.cost_kind",
        q.costs.iter().map(|c| c.as_str().to_string()).collect(),
        &mut sql,
        &mut args,
    );
    // Any of: focus, languages. Every one of: access needs, participation.
    let mut trait_groups: Vec<Vec<String>> = vec![];
    let any = |prefix: &str, values: Vec<&str>| -> Vec<String> {
        values.iter().map(|v| format!("{prefix}:{v}")).collect()
    };
    trait_groups.push(any("focus", q.focus.iter().map(|f| f.as_str()).collect()));
    trait_groups.push(any(
        "lang",
        q.languages.iter().map(String::as_str).collect(),
    ));
    for a in &q.access {
        trait_groups.push(vec![format!("access:{}", a.as_str())]);
    }
    for p in &q.participation {
        trait_groups.push(vec![format!("participation:{}", p.as_str())]);
    }
    for group in trait_groups.into_iter().filter(|g| !g.is_empty()) {
        let ps: Vec<String> = group
            .into_iter()
            .map(|v| ph(Arg::Text(v), &mut args))
            .collect();
        // A correlated EXISTS is one primary-key probe per candidate; `id IN (subquery)`
        // built the whole id set of a common trait (every English-speaking group) first.
        sql.push_str(&format!(
            "AND EXISTS (SELECT 1 FROM resource_traits t WHERE t.resource_id = r.id AND t.trait IN ({})) ",
            ps.join(", ")
        ));
    }
    if let Some(mask) = q.slot_mask() {
        let p = ph(Arg::Int(mask as i64), &mut args);
        sql.push_str(&format!("AND (r.slots & {p}) <> 0 "));
    }
    if let Some(days) = q.within_days {
        let p = ph(
            Arg::Time(now + chrono::Duration::days(days as i64)),
            &mut args,
        );
        sql.push_str(&format!("AND r.next_at IS NOT NULL AND r.next_at <= {p} "));
    }
    if let Some((point, km)) = q.near {
        let (lo, hi) = point.bounding_box(km);
        let ps: Vec<String> = [lo.lat, hi.lat, lo.lon, hi.lon]
            .into_iter()
            .map(|x| ph(Arg::Int(e6(x)), &mut args))
            .collect();
        sql.push_str(&format!(
            "AND {geo}.lat_e6 BETWEEN {} AND {} AND {geo}.lon_e6 BETWEEN {} AND {} ",
            ps[0], ps[1], ps[2], ps[3]
        ));
    }
    // The candidate cap keeps the best by the chosen order, so it must order the same way.
    // Numbers written into the SQL here are Hearth's own, never the caller's text.
    if q.sort == Sort::NextMeeting {
        // Two halves, so the first can walk the `next_at` index and stop at the cap; one
        // ORDER BY with "no meeting last" would read and sort every row. Rust puts the
        // halves together and cuts to the cap below.
        sql = format!(
            "SELECT * FROM ({sql} AND r.next_at IS NOT NULL ORDER BY r.next_at, r.name, r.id LIMIT {cap}) a \
             UNION ALL SELECT * FROM ({sql} AND r.next_at IS NULL ORDER BY r.name, r.id LIMIT {cap}) b"
        );
    }
    let order = match (q.sort, q.near) {
        (Sort::Distance, Some((p, _))) => {
            let k = p.lat.to_radians().cos();
            format!(
                "(CAST(r.lat_e6 - {la} AS DOUBLE PRECISION) * CAST(r.lat_e6 - {la} AS DOUBLE PRECISION) \
                 + CAST(r.lon_e6 - {lo} AS DOUBLE PRECISION) * CAST(r.lon_e6 - {lo} AS DOUBLE PRECISION) * {kk:.6}), r.name, r.id",
                la = e6(p.lat),
                lo = e6(p.lon),
                kk = k * k
            )
        }
        (Sort::NextMeeting, _) => String::new(),
        _ => "rank, r.name, r.id".to_string(),
    };
    if !order.is_empty() {
        sql.push_str(&format!("ORDER BY {order} LIMIT {cap}"));
    }

    let found = run(conn, &sql, args)?;
    let mut scored: Vec<(Candidate, Option<f64>, Option<NaiveDateTime>)> = vec![];
    let mut stale = vec![];
    for c in found {
        let distance = match (q.near, c.lat_e6, c.lon_e6) {
            (Some((p, km)), Some(la), Some(lo)) => {
                let d = p.km_to(Point {
                    lat: la as f64 / 1e6,
                    lon: lo as f64 / 1e6,
                });
                if d > km {
                    continue;
                }
                Some(d)
            }
            _ => None,
        };
        // `next_at` at or after now is exact; one that has passed is recomputed below.
        let next = c.next_at.filter(|n| *n >= now);
        if c.next_at.is_some_and(|n| n < now) {
            stale.push(c.id.clone());
        }
        scored.push((c, distance, next));
    }
    if !stale.is_empty() {
        let details: Vec<(String, String)> = r::table
            .filter(r::id.eq_any(&stale))
            .select((r::id, r::details))
            .load(conn)?;
        for (id, d) in details {
            let next = serde_json::from_str::<Resource>(&d)
                .ok()
                .and_then(|res| res.next_meeting(now));
            if let Some(s) = scored.iter_mut().find(|s| s.0.id == id) {
                s.2 = next;
            }
        }
    }
    if let Some(days) = q.within_days {
        let until = now + chrono::Duration::days(days as i64);
        scored.retain(|s| s.2.is_some_and(|n| n <= until));
    }
    match q.sort {
        Sort::Relevance => {} // SQL order
        Sort::Distance => scored.sort_by(|a, b| {
            a.1.unwrap_or(f64::MAX)
                .total_cmp(&b.1.unwrap_or(f64::MAX))
                .then_with(|| a.0.name.cmp(&b.0.name))
        }),
        Sort::NextMeeting => {
            scored.sort_by(|a, b| {
                (a.2.is_none(), a.2, &a.0.name, &a.0.id).cmp(&(
                    b.2.is_none(),
                    b.2,
                    &b.0.name,
                    &b.0.id,
                ))
            });
            scored.truncate(cap as usize);
        }
    }
    let total = scored.len();
    let skip = ((q.page.max(1) - 1) * q.per_page) as usize;
    let page: Vec<_> = scored
        .into_iter()
        .skip(skip)
        .take(q.per_page as usize)
        .collect();
    let ids: Vec<&str> = page.iter().map(|s| s.0.id.as_str()).collect();
    let mut rows: std::collections::HashMap<String, String> = r::table
        .filter(r::id.eq_any(&ids))
        .select((r::id, r::details))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let hits = page
        .into_iter()
        .filter_map(|(c, distance_km, next_meeting)| {
            let d = rows.remove(&c.id)?;
            Some(Hit {
                resource: serde_json::from_str(&d).ok()?,
                id: c.id,
                distance_km,
                next_meeting,
            })
        })
        .collect();
    Ok(Results { hits, total })
}

/// Binds `args` to `sql` for this connection's backend, then `$then` the query.
macro_rules! bound {
    ($conn:expr, $sql:expr, $args:expr, |$q:ident, $c:ident| $then:expr) => {{
        macro_rules! go {
            ($cc:expr, $db:ty) => {{
                let mut $q = diesel::sql_query($sql).into_boxed::<$db>();
                for a in $args {
                    $q = match a {
                        Arg::Text(s) => $q.bind::<Text, _>(s),
                        Arg::Int(n) => $q.bind::<BigInt, _>(n),
                        Arg::Time(t) => $q.bind::<Timestamp, _>(t),
                        Arg::OptText(s) => $q.bind::<Nullable<Text>, _>(s),
                        Arg::OptInt(n) => $q.bind::<Nullable<BigInt>, _>(n),
                        Arg::OptTime(t) => $q.bind::<Nullable<Timestamp>, _>(t),
                    };
                }
                let $c = $cc;
                $then
            }};
        }
        match $conn {
            DbConn::Sqlite(c) => go!(c, diesel::sqlite::Sqlite),
            DbConn::Postgres(c) => go!(c, diesel::pg::Pg),
        }
    }};
}

fn run(conn: &mut DbConn, sql: &str, args: Vec<Arg>) -> QueryResult<Vec<Candidate>> {
    bound!(conn, sql, args, |q, c| q.load::<Candidate>(c))
}

fn exec(conn: &mut DbConn, sql: &str, args: Vec<Arg>) -> QueryResult<usize> {
    bound!(conn, sql, args, |q, c| q.execute(c))
}

/// Whether a record is online only (no place one could go), for callers that show
/// distance.
pub fn online_only(res: &Resource) -> bool {
    matches!(
        res.effective_format(),
        Some(Format::Online) | Some(Format::Phone)
    )
}

/// Whether search would show this record at all.
pub fn listed(s: &Stored) -> bool {
    s.retired_at.is_none()
        && matches!(
            s.resource.status,
            Status::Active | Status::TemporarilyClosed
        )
}

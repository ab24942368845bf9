//! The Find community directory: resources, their filterable traits and the full-text
//! index, written together. The rules and formats are in `hearth_core::directory`.

use crate::schema::{resource_traits as rt, resources as r};
use crate::{new_id, DbConn};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Nullable, Text, Timestamp};
use hearth_core::directory::search::{Query, Sort};
use hearth_core::directory::{Format, Point, Resource, SourceKey, Status};

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

fn e6(x: f64) -> i64 {
    (x * 1e6).round() as i64
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

fn write_search(conn: &mut DbConn, id: &str, res: &Resource) -> QueryResult<()> {
    let body = res.search_text();
    match conn {
        DbConn::Sqlite(c) => {
            // FTS5 rows are found by rowid; the map table keeps which rowid is whose.
            let old: Option<i64> = diesel::sql_query(
                "SELECT fts_rowid AS n FROM resource_fts_rows WHERE resource_id = ?",
            )
            .bind::<Text, _>(id)
            .get_result::<N>(c)
            .optional()?
            .map(|n| n.n);
            if let Some(rowid) = old {
                diesel::sql_query("DELETE FROM resource_fts WHERE rowid = ?")
                    .bind::<BigInt, _>(rowid)
                    .execute(c)?;
                diesel::sql_query("DELETE FROM resource_fts_rows WHERE resource_id = ?")
                    .bind::<Text, _>(id)
                    .execute(c)?;
            }
            diesel::sql_query("INSERT INTO resource_fts (body) VALUES (?)")
                .bind::<Text, _>(&body)
                .execute(c)?;
            diesel::sql_query(
                "INSERT INTO resource_fts_rows (resource_id, fts_rowid) VALUES (?, last_insert_rowid())",
            )
            .bind::<Text, _>(id)
            .execute(c)?;
        }
        DbConn::Postgres(c) => {
            diesel::sql_query(
                "INSERT INTO resource_fts (resource_id, body) VALUES ($1, to_tsvector('simple', $2)) \
                 ON CONFLICT (resource_id) DO UPDATE SET body = EXCLUDED.body",
            )
            .bind::<Text, _>(id)
            .bind::<Text, _>(&body)
            .execute(c)?;
        }
    }
    Ok(())
}

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Writes the row, its traits and its search entry. `now` is when, for `next_at`.
fn write(
    conn: &mut DbConn,
    id: &str,
    key: &SourceKey,
    res: &Resource,
    now: NaiveDateTime,
    exists: bool,
) -> QueryResult<()> {
    let point = res.point();
    let slots = res.schedules.iter().fold(0u32, |m, s| m | s.slots()) as i64;
    let details = serde_json::to_string(res).expect("a resource serializes");
    let verified_on = res
        .verified
        .as_ref()
        .map(|v| v.on.and_hms_opt(0, 0, 0).expect("midnight"));
    let values = (
        r::name.eq(&res.name),
        r::status.eq(res.status.as_str()),
        r::kind.eq(res.kind.map(|k| k.as_str())),
        r::format.eq(res.effective_format().map(|f| f.as_str())),
        r::cost_kind.eq(res.cost.as_ref().map(|c| c.kind.as_str())),
        r::cost_minor.eq(res.cost.as_ref().and_then(|c| c.amount_minor)),
        r::lat_e6.eq(point.map(|p| e6(p.lat))),
        r::lon_e6.eq(point.map(|p| e6(p.lon))),
        r::slots.eq(slots),
        r::next_at.eq(res.next_meeting(now)),
        r::verified_on.eq(verified_on),
        r::details.eq(&details),
        r::updated_at.eq(now),
    );
    if exists {
        diesel::update(r::table.find(id))
            .set(values)
            .execute(conn)?;
        diesel::delete(rt::table.filter(rt::resource_id.eq(id))).execute(conn)?;
    } else {
        diesel::insert_into(r::table)
            .values((
                r::id.eq(id),
                r::source.eq(&key.source),
                r::source_id.eq(&key.source_id),
                r::created_at.eq(now),
                values,
            ))
            .execute(conn)?;
    }
    // One statement per row: MultiConnection has no batch insert.
    for t in traits(res) {
        diesel::insert_into(rt::table)
            .values((rt::trait_.eq(t), rt::resource_id.eq(id)))
            .execute(conn)?;
    }
    write_search(conn, id, res)
}

/// Adds or replaces the record with this source key. Returns its id and whether it was
/// new. A retired record stays retired: a feed cannot bring back what staff took down.
pub fn upsert(
    conn: &mut DbConn,
    key: &SourceKey,
    res: &Resource,
    now: NaiveDateTime,
) -> QueryResult<(String, bool)> {
    let existing: Option<String> = r::table
        .filter(r::source.eq(&key.source))
        .filter(r::source_id.eq(&key.source_id))
        .select(r::id)
        .first(conn)
        .optional()?;
    match existing {
        Some(id) => {
            // A check staff made here outlives a feed that says nothing about checks.
            let mut res = res.clone();
            if res.verified.is_none() {
                res.verified = get(conn, &id)?.and_then(|s| s.resource.verified);
            }
            write(conn, &id, key, &res, now, true)?;
            Ok((id, false))
        }
        None => {
            let id = new_id();
            write(conn, &id, key, res, now, false)?;
            Ok((id, true))
        }
    }
}

/// A record made in Hearth's forms; its id is its source id.
pub fn create(conn: &mut DbConn, res: &Resource, now: NaiveDateTime) -> QueryResult<String> {
    let id = new_id();
    let key = SourceKey {
        source: HEARTH_SOURCE.into(),
        source_id: id.clone(),
    };
    write(conn, &id, &key, res, now, false)?;
    Ok(id)
}

/// Replaces the record's content; false if there is no such record.
pub fn update(
    conn: &mut DbConn,
    id: &str,
    res: &Resource,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let Some(s) = get(conn, id)? else {
        return Ok(false);
    };
    write(conn, id, &s.key, res, now, true)?;
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
}

/// Most candidates one search considers before ranking in Rust.
const MAX_CANDIDATES: i64 = 5000;

/// Runs a search: SQL narrows by text, filters, the distance box and the week grid; Rust
/// then measures exact distance, checks "meets within N days", sorts and pages.
pub fn search(conn: &mut DbConn, q: &Query, now: NaiveDateTime) -> QueryResult<Results> {
    let pg = matches!(conn, DbConn::Postgres(_));
    let mut args: Vec<Arg> = vec![];
    let ph = |a: Arg, args: &mut Vec<Arg>| -> String {
        args.push(a);
        if pg {
            format!("${}", args.len())
        } else {
            "?".into()
        }
    };
    let terms = q.terms();
    let mut sql = String::from("SELECT r.id, r.name, r.lat_e6, r.lon_e6, r.next_at, ");
    if terms.is_empty() {
        sql.push_str("CAST(0 AS DOUBLE PRECISION) AS rank FROM resources r ");
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
             AND f.body @@ to_tsquery('simple', {p}) "
        ));
    } else {
        let m = terms
            .iter()
            .map(|t| format!("\"{t}\"*"))
            .collect::<Vec<_>>()
            .join(" ");
        let p = ph(Arg::Text(m), &mut args);
        sql.push_str(&format!(
            "f.score AS rank FROM resources r JOIN (SELECT m.resource_id, bm25(resource_fts) AS score \
             FROM resource_fts JOIN resource_fts_rows m ON m.fts_rowid = resource_fts.rowid \
             WHERE resource_fts MATCH {p}) f ON f.resource_id = r.id "
        ));
    }
    sql.push_str("WHERE r.retired_at IS NULL AND r.status IN ('active', 'temporarily_closed') ");
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
            "AND r.lat_e6 BETWEEN {} AND {} AND r.lon_e6 BETWEEN {} AND {} ",
            ps[0], ps[1], ps[2], ps[3]
        ));
    }
    // The candidate cap keeps the best by the chosen order, so it must order the same way.
    // Numbers written into the SQL here are Hearth's own, never the caller's text.
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
        (Sort::NextMeeting, _) => {
            "CASE WHEN r.next_at IS NULL THEN 1 ELSE 0 END, r.next_at, r.name, r.id".to_string()
        }
        _ => "rank, r.name, r.id".to_string(),
    };
    sql.push_str(&format!("ORDER BY {order} LIMIT {MAX_CANDIDATES}"));

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
        Sort::NextMeeting => scored
            .sort_by(|a, b| (a.2.is_none(), a.2, &a.0.name).cmp(&(b.2.is_none(), b.2, &b.0.name))),
    }
    let total = scored.len();
    let skip = ((q.page.max(1) - 1) * q.per_page) as usize;
    let page: Vec<_> = scored
        .into_iter()
        .skip(skip)
        .take(q.per_page as usize)
        .collect();
    let ids: Vec<&str> = page.iter().map(|s| s.0.id.as_str()).collect();
    let mut rows: Vec<(String, String)> = r::table
        .filter(r::id.eq_any(&ids))
        .select((r::id, r::details))
        .load(conn)?;
    let hits = page
        .into_iter()
        .filter_map(|(c, distance_km, next_meeting)| {
            let i = rows.iter().position(|(id, _)| *id == c.id)?;
            let (id, d) = rows.swap_remove(i);
            Some(Hit {
                id,
                resource: serde_json::from_str(&d).ok()?,
                distance_km,
                next_meeting,
            })
        })
        .collect();
    Ok(Results { hits, total })
}

fn run(conn: &mut DbConn, sql: &str, args: Vec<Arg>) -> QueryResult<Vec<Candidate>> {
    macro_rules! go {
        ($c:expr, $db:ty) => {{
            let mut query = diesel::sql_query(sql).into_boxed::<$db>();
            for a in args {
                query = match a {
                    Arg::Text(s) => query.bind::<Text, _>(s),
                    Arg::Int(n) => query.bind::<BigInt, _>(n),
                    Arg::Time(t) => query.bind::<Timestamp, _>(t),
                };
            }
            query.load::<Candidate>($c)
        }};
    }
    match conn {
        DbConn::Sqlite(c) => go!(c, diesel::sqlite::Sqlite),
        DbConn::Postgres(c) => go!(c, diesel::pg::Pg),
    }
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

//! Open Referral HSDS as a tabular data package: one CSV file per kind of object, linked by
//! id columns.
//!
//! The tables are joined into the dereferenced JSON a service has in HSDS 3.0 (its
//! organization, phones, schedules, languages, cost options, attributes and
//! service-at-locations with their locations) and handed to the JSON reader's own
//! per-service code, so one set of rules decides what a service means however it arrived.
//!
//! Packages in the HSDS 1.1/2.0 layout are upgraded on the way in: `services_at_location`,
//! `physical_addresses`/`postal_addresses`, `accessibility_for_disabilities`,
//! `regular_schedules`, `services_taxonomy` + `taxonomy`, `service_attributes`, `eligibility`,
//! and the old column names (`url` for an organization's website, `term` for a taxonomy
//! term's name, `language` for a language). Where a package holds both a 3.0 table and its
//! older counterpart, the 3.0 one is read. Tables Hearth has no use for (contacts, funding,
//! programs, holiday schedules, payments, metadata …) and files it does not know are left
//! alone, unread, so a flaw in one of them does not stop an import.
//!
//! Pure: the caller reads the files (only the `.csv` ones; `datapackage.json` is not needed).

use super::hsds::{self, Options};
use super::{FileError, Parsed};
use serde_json::{Map, Value};
use std::collections::HashMap;

type Row = Map<String, Value>;

/// Every table this reader uses. Anything else in a package is not even parsed.
pub const READ: [&str; 22] = [
    "organizations.csv",
    "services.csv",
    "locations.csv",
    "service_at_location.csv",
    "services_at_location.csv",
    "addresses.csv",
    "physical_addresses.csv",
    "postal_addresses.csv",
    "phones.csv",
    "schedules.csv",
    "regular_schedules.csv",
    "languages.csv",
    "accessibility.csv",
    "accessibility_for_disabilities.csv",
    "cost_options.csv",
    "attributes.csv",
    "service_attributes.csv",
    "taxonomy_terms.csv",
    "taxonomies.csv",
    "services_taxonomy.csv",
    "taxonomy.csv",
    "eligibility.csv",
];

/// Whether a file of a package is one this reader uses (by its name, any case, any folder).
pub fn reads(name: &str) -> bool {
    let base = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_ascii_lowercase();
    READ.contains(&base.as_str())
}

/// Columns HSDS types as numbers. CSV has only text, and the JSON reader wants a number
/// here; a cell that does not read as one stays text so the JSON reader's own message
/// ("… is not a number") names it.
const NUMERIC: [&str; 8] = [
    "latitude",
    "longitude",
    "minimum_age",
    "maximum_age",
    "amount",
    "timezone",
    "interval",
    "count",
];

/// A package as its CSV files, each one CSV file of a package: its file name (e.g.
/// "services.csv") and its text. Each row of services.csv is one record, its position the
/// row's number from 1.
pub fn parse(files: &[(String, String)], opt: &Options) -> Result<Vec<Parsed>, FileError> {
    let mut tables = Tables::read(files)?;
    let services = tables.take("services.csv").ok_or_else(|| {
        FileError("the package has no services.csv, so there are no services to import".into())
    })?;
    if services.iter().all(Map::is_empty) {
        return Err(FileError(
            "services.csv has no rows, so there are no services to import".into(),
        ));
    }
    Ok(Graph::join(services, &mut tables).services(opt))
}

/// The parsed tables a package holds, by lower-case file name.
struct Tables(HashMap<String, Vec<Row>>);

impl Tables {
    fn read(files: &[(String, String)]) -> Result<Tables, FileError> {
        let mut out = HashMap::new();
        for (name, text) in files {
            // A caller may pass the path inside an archive; the table is named by the file.
            let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
            let key = base.to_ascii_lowercase();
            if !READ.contains(&key.as_str()) {
                continue;
            }
            if out.contains_key(&key) {
                return Err(FileError(format!(
                    "the package has two files named {key}; Hearth cannot tell which to read"
                )));
            }
            out.insert(key, read_csv(base, text)?);
        }
        Ok(Tables(out))
    }

    fn take(&mut self, name: &str) -> Option<Vec<Row>> {
        self.0.remove(name)
    }

    /// The 3.0 table when present, else its older counterpart.
    fn take_either(&mut self, current: &str, legacy: &str) -> Vec<Row> {
        match self.take(current) {
            Some(rows) => rows,
            None => self.rows(legacy),
        }
    }

    fn rows(&mut self, name: &str) -> Vec<Row> {
        self.take(name).unwrap_or_default()
    }
}

fn read_csv(file: &str, text: &str) -> Result<Vec<Row>, FileError> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| unreadable(file, &e))?
        .iter()
        // Spreadsheet programs write a byte-order mark before the first column's name.
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect();
    let mut rows = vec![];
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(file, &e))?;
        let mut row = Map::new();
        for (column, cell) in headers.iter().zip(record.iter()) {
            let cell = cell.trim();
            // HSDS's own worked examples write an empty cell as the word `null`.
            if column.is_empty() || cell.is_empty() || cell == "null" || row.contains_key(column) {
                continue;
            }
            row.insert(column.clone(), cell_value(column, cell));
        }
        rows.push(row);
    }
    Ok(rows)
}

fn unreadable(file: &str, e: &csv::Error) -> FileError {
    let line = e
        .position()
        .map(|p| format!(" at line {}", p.line()))
        .unwrap_or_default();
    FileError(match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "{file} cannot be read{line}: the row has {len} cells where the header has {expected_len}"
        ),
        _ => format!("{file} cannot be read{line}: {e}"),
    })
}

fn cell_value(column: &str, cell: &str) -> Value {
    if NUMERIC.contains(&column) {
        // Whole numbers stay whole: the JSON reader writes `interval` and `count` back into
        // a rule, where `2.0` would not do.
        if let Ok(n) = cell.parse::<i64>() {
            return Value::from(n);
        }
        if let Some(n) = cell
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
        {
            return Value::Number(n);
        }
    }
    Value::String(cell.to_string())
}

fn text<'a>(row: &'a Row, column: &str) -> Option<&'a str> {
    match row.get(column) {
        Some(Value::String(s)) => Some(s.as_str()),
        _ => None,
    }
}

/// The objects of one table, found by id (the first row wins when an id repeats).
struct Objects {
    rows: Vec<Row>,
    by_id: HashMap<String, usize>,
    /// Per row: why a schedule hung off it could not be read, which refuses its service.
    faults: Vec<Vec<String>>,
}

impl Objects {
    fn new(rows: Vec<Row>) -> Objects {
        let mut by_id = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            if let Some(id) = text(r, "id") {
                by_id.entry(id.to_string()).or_insert(i);
            }
        }
        let faults = vec![vec![]; rows.len()];
        Objects {
            rows,
            by_id,
            faults,
        }
    }

    fn find(&self, row: &Row, column: &str) -> Option<usize> {
        text(row, column).and_then(|id| self.by_id.get(id).copied())
    }

    fn push(&mut self, i: usize, list: &str, item: Value) {
        if let Value::Array(a) = self.rows[i]
            .entry(list)
            .or_insert_with(|| Value::Array(vec![]))
        {
            a.push(item);
        }
    }
}

/// Where a schedule or language row hangs: the most specific object it names.
enum Owner {
    Pair(usize),
    Service(usize),
    Location(usize),
}

/// The package's objects with every child row hung off the objects its foreign keys name.
/// A row whose key names nothing is dropped, as if it were not there.
struct Graph {
    services: Objects,
    organizations: Objects,
    locations: Objects,
    /// Service-at-location rows whose service and location both exist.
    pairs: Objects,
    /// Per service: its service-at-location rows, with the location of each.
    placed: Vec<Vec<(usize, usize)>>,
}

impl Graph {
    fn join(services: Vec<Row>, t: &mut Tables) -> Graph {
        let mut g = Graph {
            services: Objects::new(services),
            organizations: Objects::new(t.rows("organizations.csv")),
            locations: Objects::new(t.rows("locations.csv")),
            pairs: Objects::new(vec![]),
            placed: vec![],
        };
        for o in &mut g.organizations.rows {
            // 1.1 and 2.0 called an organization's website `url`.
            if !o.contains_key("website") {
                if let Some(url) = o.remove("url") {
                    o.insert("website".into(), url);
                }
            }
        }
        g.pair_up(t);
        g.addresses(t);
        g.accessibility(t);
        g.phones(t);
        g.languages(t);
        g.schedules(t);
        for c in t.rows("cost_options.csv") {
            if let Some(s) = g.services.find(&c, "service_id") {
                g.services.push(s, "cost_options", Value::Object(c));
            }
        }
        g.attributes(t);
        g.eligibility(t);
        g
    }

    fn pair_up(&mut self, t: &mut Tables) {
        let rows = t.take_either("service_at_location.csv", "services_at_location.csv");
        let mut kept = vec![];
        self.placed = vec![vec![]; self.services.rows.len()];
        for r in rows {
            let (Some(s), Some(l)) = (
                self.services.find(&r, "service_id"),
                self.locations.find(&r, "location_id"),
            ) else {
                continue;
            };
            self.placed[s].push((kept.len(), l));
            kept.push(r);
        }
        self.pairs = Objects::new(kept);
    }

    fn addresses(&mut self, t: &mut Tables) {
        let rows = match t.take("addresses.csv") {
            Some(rows) => rows,
            None => {
                // Both 1.1 tables are kept, typed: the JSON reader takes a location's physical
                // address and falls back to its postal one only when it has no physical one.
                let mut rows = vec![];
                for (file, kind) in [
                    ("physical_addresses.csv", "physical"),
                    ("postal_addresses.csv", "postal"),
                ] {
                    rows.extend(t.rows(file).into_iter().map(|r| legacy_address(r, kind)));
                }
                rows
            }
        };
        for a in rows {
            if let Some(l) = self.locations.find(&a, "location_id") {
                self.locations.push(l, "addresses", Value::Object(a));
            }
        }
    }

    fn accessibility(&mut self, t: &mut Tables) {
        let rows = t.take_either("accessibility.csv", "accessibility_for_disabilities.csv");
        for mut a in rows {
            // 1.1's free text was the `accessibility` column; 3.0 calls it `description`.
            if !a.contains_key("description") {
                if let Some(d) = a.remove("accessibility") {
                    a.insert("description".into(), d);
                }
            }
            if let Some(l) = self.locations.find(&a, "location_id") {
                self.locations.push(l, "accessibility", Value::Object(a));
            }
        }
    }

    /// A phone belongs to everything it names, as in HSDS's own dereferenced examples, where
    /// the one reception number is the service's, the location's and the organization's.
    fn phones(&mut self, t: &mut Tables) {
        for p in t.rows("phones.csv") {
            if let Some(s) = self.services.find(&p, "service_id") {
                self.services.push(s, "phones", Value::Object(p.clone()));
            }
            if let Some(l) = self.locations.find(&p, "location_id") {
                self.locations.push(l, "phones", Value::Object(p.clone()));
            }
            if let Some(o) = self.organizations.find(&p, "organization_id") {
                self.organizations.push(o, "phones", Value::Object(p));
            }
        }
    }

    /// The most specific object a row names. A schedule or language that names a service
    /// is that service's, not the whole building's: hung off its location too, it would
    /// reach every other service that meets there.
    fn owner(&self, row: &Row) -> Option<Owner> {
        if let Some(p) = self.pairs.find(row, "service_at_location_id") {
            return Some(Owner::Pair(p));
        }
        if let Some(s) = self.services.find(row, "service_id") {
            return Some(Owner::Service(s));
        }
        self.locations.find(row, "location_id").map(Owner::Location)
    }

    fn hang(&mut self, owner: Owner, list: &str, item: Result<Row, String>) {
        let (objects, i) = match owner {
            Owner::Pair(i) => (&mut self.pairs, i),
            Owner::Service(i) => (&mut self.services, i),
            Owner::Location(i) => (&mut self.locations, i),
        };
        match item {
            Ok(row) => objects.push(i, list, Value::Object(row)),
            Err(fault) => objects.faults[i].push(fault),
        }
    }

    fn languages(&mut self, t: &mut Tables) {
        for mut l in t.rows("languages.csv") {
            // 1.1 had one `language` column, meant to hold ISO 639-1 codes; its own sample
            // writes names ("English"). A code stays a code; a name goes where the JSON
            // reader looks for one, and is reported there as having no code.
            if let Some(Value::String(v)) = l.remove("language") {
                let is_code =
                    (2..=3).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphabetic());
                let field = if is_code { "code" } else { "name" };
                l.entry(field).or_insert(Value::String(v));
            }
            if let Some(owner) = self.owner(&l) {
                self.hang(owner, "languages", Ok(l));
            }
        }
    }

    fn schedules(&mut self, t: &mut Tables) {
        let current = t.rows("schedules.csv").into_iter().map(Ok);
        let legacy = t
            .rows("regular_schedules.csv")
            .into_iter()
            .map(regular_schedule);
        for s in current.chain(legacy) {
            let row = match &s {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            if let Some(owner) = self.owner(row) {
                self.hang(owner, "schedules", s.map_err(|(_, fault)| fault));
            }
        }
    }

    fn attributes(&mut self, t: &mut Tables) {
        let taxonomies = Objects::new(t.rows("taxonomies.csv"));
        let mut terms = Objects::new(t.rows("taxonomy_terms.csv"));
        for term in &mut terms.rows {
            // 2.0 called a term's name `term`.
            if !term.contains_key("name") {
                if let Some(n) = term.get("term").cloned() {
                    term.insert("name".into(), n);
                }
            }
            // The JSON reader knows a taxonomy by its name (Hearth's own is `hearth`); a
            // package may give only the id of a row in taxonomies.csv.
            if !term.contains_key("taxonomy") {
                if let Some(tx) = taxonomies.find(term, "taxonomy_id") {
                    if let Some(name) = taxonomies.rows[tx].get("name").cloned() {
                        term.insert("taxonomy".into(), name);
                    }
                }
            }
        }
        let link = |g: &mut Graph, s: Option<usize>, mut a: Row, term: Option<Value>| {
            if let (Some(s), Some(term)) = (s, term) {
                a.insert("taxonomy_term".into(), term);
                g.services.push(s, "attributes", Value::Object(a));
            }
        };
        for a in t.rows("attributes.csv") {
            // 3.0 attributes hang off any table; `link_entity` says which, and ids from
            // older data are not unique across tables, so only a service's are taken.
            let entity = text(&a, "link_entity").map(str::to_ascii_lowercase);
            let for_service = matches!(entity.as_deref(), None | Some("service" | "services"));
            let s = self.services.find(&a, "link_id").filter(|_| for_service);
            let term = terms.find(&a, "taxonomy_term_id");
            link(
                self,
                s,
                a,
                term.map(|i| Value::Object(terms.rows[i].clone())),
            );
        }
        for a in t.rows("service_attributes.csv") {
            let s = self.services.find(&a, "service_id");
            let term = terms.find(&a, "taxonomy_term_id");
            link(
                self,
                s,
                a,
                term.map(|i| Value::Object(terms.rows[i].clone())),
            );
        }
        // 1.1: a service's categories, each a row of taxonomy.csv; its name is the tag.
        let legacy = Objects::new(t.rows("taxonomy.csv"));
        for a in t.rows("services_taxonomy.csv") {
            let s = self.services.find(&a, "service_id");
            let term = legacy.find(&a, "taxonomy_id").map(|i| {
                let mut term = Map::new();
                for k in ["id", "name"] {
                    if let Some(v) = legacy.rows[i].get(k) {
                        term.insert(k.into(), v.clone());
                    }
                }
                Value::Object(term)
            });
            link(self, s, a, term);
        }
    }

    /// 1.1's eligibility rows become the 3.0 service's `eligibility_description` when the
    /// service has none of its own.
    fn eligibility(&mut self, t: &mut Tables) {
        let mut found: Vec<Vec<String>> = vec![vec![]; self.services.rows.len()];
        for e in t.rows("eligibility.csv") {
            if let (Some(s), Some(text)) = (
                self.services.find(&e, "service_id"),
                text(&e, "eligibility"),
            ) {
                found[s].push(text.to_string());
            }
        }
        for (row, texts) in self.services.rows.iter_mut().zip(found) {
            if !texts.is_empty() && !row.contains_key("eligibility_description") {
                row.insert("eligibility_description".into(), texts.join("; ").into());
            }
        }
    }

    /// Each service in the dereferenced shape, read by the JSON reader; its position is its
    /// row in services.csv.
    fn services(self, opt: &Options) -> Vec<Parsed> {
        let mut out = vec![];
        for (i, mut sv) in self.services.rows.into_iter().enumerate() {
            if sv.is_empty() {
                // A row of empty cells, as spreadsheets leave at the end, is no service.
                continue;
            }
            let mut faults: Vec<String> = vec![];
            let mut note = |found: &[String]| {
                for f in found {
                    // Two of a service's pairs may share a location, and its faults.
                    if !faults.contains(f) {
                        faults.push(f.clone());
                    }
                }
            };
            note(&self.services.faults[i]);
            let mut pairs = vec![];
            for &(p, l) in &self.placed[i] {
                let mut pair = self.pairs.rows[p].clone();
                pair.insert(
                    "location".into(),
                    Value::Object(self.locations.rows[l].clone()),
                );
                pairs.push(Value::Object(pair));
                note(&self.pairs.faults[p]);
                note(&self.locations.faults[l]);
            }
            sv.insert("service_at_locations".into(), Value::Array(pairs));
            if let Some(o) = self.organizations.find(&sv, "organization_id") {
                sv.insert(
                    "organization".into(),
                    Value::Object(self.organizations.rows[o].clone()),
                );
            }
            let mut parsed = hsds::read_service(i + 1, &Value::Object(sv), opt);
            if !faults.is_empty() {
                let mut why = faults.join("; ");
                if let Err(e) = &parsed.outcome {
                    why = format!("{e}; {why}");
                }
                parsed.outcome = Err(why);
            }
            out.push(parsed);
        }
        out
    }
}

/// A 1.1 physical or postal address as a 3.0 address. The deprecated third and fourth lines
/// join the second, which the JSON reader adds to the first, so no line is lost.
fn legacy_address(mut a: Row, kind: &str) -> Row {
    let extra: Vec<String> = ["address_2", "address_3", "address_4"]
        .iter()
        .filter_map(|k| a.remove(*k))
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    if !extra.is_empty() {
        a.insert("address_2".into(), extra.join(", ").into());
    }
    a.insert("address_type".into(), kind.into());
    a
}

/// A 1.1 regular schedule (one weekday's opening hours) as a 3.0 weekly schedule.
///
/// HSDS 1.1 defines `weekday` only as "the day of the week" and never says whether 1 is
/// Monday or Sunday. Hearth reads it as ISO 8601 does, 1 = Monday … 7 = Sunday, which also
/// fits the Open Referral sample package's office open on days 1, 2 and 3. A day outside
/// 1–7 refuses the service rather than guess; a row with no day at all goes to the JSON
/// reader without a rule, which leaves it out with a note.
fn regular_schedule(mut r: Row) -> Result<Row, (Row, String)> {
    const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let Some(day) = r.remove("weekday") else {
        return Ok(r);
    };
    let day = day.as_str().unwrap_or_default().to_string();
    match day.parse::<usize>().ok().filter(|d| (1..=7).contains(d)) {
        Some(d) => {
            r.insert("freq".into(), "WEEKLY".into());
            r.insert("byday".into(), DAYS[d - 1].into());
            Ok(r)
        }
        None => {
            let id = text(&r, "id").unwrap_or("without an id").to_string();
            Err((
                r,
                format!(
                    "regular schedule {id}: weekday {day:?} is not a day from 1 (Monday) to 7 (Sunday)"
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{CostKind, Point, Status};
    use chrono::NaiveDate;

    fn opt() -> Options {
        Options {
            source: "hsds".into(),
            default_tz: "Asia/Seoul".into(),
            today: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        }
    }

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    /// Every CSV file in a folder of `testdata/directory/`.
    fn package(dir: &str) -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/directory")
            .join(dir);
        let mut out: Vec<(String, String)> = std::fs::read_dir(&root)
            .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        out.sort();
        out
    }

    const SERVICES: &str = "\
id,organization_id,name,description,status,minimum_age,maximum_age,eligibility_description
s1,o1,Grief Circle,Talk with others.,active,18,null,Adults who lost someone
s2,o1,Carers' Coffee,,temporarily closed,,,
s3,o-missing,Broken Ages,,active,,eighteen,
";

    fn three_o() -> Vec<(String, String)> {
        files(&[
            ("services.csv", SERVICES),
            (
                "organizations.csv",
                "id,name,website\no1,Willow House,https://willow.example.org\n",
            ),
            (
                "locations.csv",
                "id,location_type,name,latitude,longitude,transportation\n\
                 l1,physical,Willow House,37.57,126.98,Bus 7\n\
                 l2,virtual,Online room,,,\n",
            ),
            (
                "service_at_location.csv",
                "id,service_id,location_id\n\
                 p1,s1,l1\np2,s1,l2\np3,s2,l1\np4,s1,l-missing\n",
            ),
            (
                "addresses.csv",
                "id,location_id,address_1,address_2,city,state_province,postal_code,country,address_type\n\
                 a1,l1,PO Box 9,,Seoul,Seoul,03001,kr,postal\n\
                 a2,l1,1 Jongno,2nd floor,Seoul,Seoul,03000,kr,physical\n",
            ),
            (
                "accessibility.csv",
                "id,location_id,description\nx1,l1,Lift to every floor\n",
            ),
            (
                "phones.csv",
                "id,service_id,location_id,organization_id,number\n\
                 ph1,s1,,,+82 2 111 1111\n\
                 ph2,,,o1,+82 2 222 2222\n\
                 ph3,,l2,,+82 2 333 3333\n\
                 ph4,s-missing,,,+82 2 444 4444\n",
            ),
            (
                "schedules.csv",
                "id,service_id,location_id,service_at_location_id,dtstart,timezone,until,freq,interval,byday,opens_at,closes_at\n\
                 sc1,s1,l1,p1,2026-01-06,9,null,WEEKLY,2,TU,19:00,20:30\n\
                 sc2,,l1,,2026-01-01,null,,WEEKLY,,TH,10:00,12:00\n\
                 sc3,,,p3,2026-01-05,,,WEEKLY,,MO,09:00,10:00\n",
            ),
            (
                "languages.csv",
                "id,service_id,location_id,name,code\n\
                 g1,s1,l1,Korean,ko\n\
                 g2,,l1,English,en\n",
            ),
            (
                "cost_options.csv",
                "id,service_id,amount,currency\nc1,s1,12.5,usd\n",
            ),
            (
                "attributes.csv",
                "id,link_id,link_entity,taxonomy_term_id,value\n\
                 t1,s1,service,term1,\n\
                 t2,s1,location,term1,\n\
                 t3,s1,service,term-missing,Lost\n",
            ),
            (
                "taxonomy_terms.csv",
                "id,code,name,taxonomy\nterm1,1314,Bereavement,open-eligibility\n",
            ),
            ("contacts.csv", "this file is not read,\n\"at all"),
        ])
    }

    #[test]
    fn a_3_0_package_joins_into_services() {
        let ps = parse(&three_o(), &opt()).unwrap();
        assert_eq!(ps.len(), 3);
        assert_eq!(ps.iter().map(|p| p.position).collect::<Vec<_>>(), [1, 2, 3]);
        let p = &ps[0];
        assert_eq!(p.key.as_ref().unwrap().source_id, "s1");
        let r = p.outcome.as_ref().unwrap();
        assert_eq!(r.name, "Grief Circle");
        assert_eq!(r.organization.name, "Willow House");
        assert_eq!(r.organization.website, "https://willow.example.org");
        assert_eq!(r.organization.phone, "+82 2 222 2222");
        assert_eq!(r.phone, "+82 2 111 1111");
        assert_eq!((r.min_age, r.max_age), (Some(18), None), "null is absent");
        assert_eq!(r.eligibility, "Adults who lost someone");
        let place = r.place.as_ref().unwrap();
        assert_eq!(
            place.address, "1 Jongno, 2nd floor",
            "physical before postal"
        );
        assert_eq!(
            (place.postal_code.as_str(), place.country.as_str()),
            ("03000", "KR")
        );
        assert_eq!(
            place.point,
            Some(Point {
                lat: 37.57,
                lon: 126.98
            })
        );
        assert_eq!(place.directions, "Bus 7\nLift to every floor");
        let online = r.online.as_ref().unwrap();
        assert_eq!(online.phone, "+82 2 333 3333");
        let cost = r.cost.as_ref().unwrap();
        assert_eq!(
            (cost.kind, cost.amount_minor, cost.currency.as_deref()),
            (CostKind::Fee, Some(1250), Some("USD"))
        );
        // Its own language and the building's.
        assert_eq!(r.languages, ["ko", "en"]);
        // Only the attribute on the service with a term that exists.
        assert_eq!(r.tags, ["Bereavement"]);
        // Its own schedule, numbers and all, and the building's opening hours.
        assert_eq!(r.schedules.len(), 2, "{:?}", r.schedules);
        let s = &r.schedules[0];
        assert_eq!(s.rule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU");
        assert_eq!((s.tz.as_str(), s.minutes), ("Etc/GMT-9", 90));
        assert_eq!(s.start.to_string(), "2026-01-06 19:00:00");
        assert_eq!(r.schedules[1].rule, "FREQ=WEEKLY;BYDAY=TH");

        // The other group in the building: its own hours there, and the building's hours
        // and language, not s1's.
        let r2 = ps[1].outcome.as_ref().unwrap();
        assert_eq!(r2.status, Status::TemporarilyClosed);
        assert_eq!(r2.languages, ["en"]);
        let rules: Vec<_> = r2.schedules.iter().map(|s| s.rule.as_str()).collect();
        assert_eq!(rules, ["FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=TH"]);
        assert_eq!(r2.phone, "");

        // An organization that is not there is no organization; a bad age is the JSON
        // reader's own message.
        let e = ps[2].outcome.as_ref().unwrap_err();
        assert_eq!(e, "maximum_age \"eighteen\" is not a number");
    }

    #[test]
    fn numbers_that_are_not_numbers_keep_the_json_readers_messages() {
        let mut f = three_o();
        f[2].1 = "id,location_type,name,latitude,longitude\nl1,physical,Hall,north,126.98\n".into();
        let e = parse(&f, &opt()).unwrap().remove(0).outcome.unwrap_err();
        assert_eq!(e, "location latitude \"north\" is not a number");
    }

    #[test]
    fn a_1_1_package_is_upgraded() {
        let f = files(&[
            (
                "services.csv",
                "id,organization_id,name,status\n\
                 1,10,Family Group,active\n\
                 2,10,Walk and Talk,active\n\
                 3,10,Bad Day,active\n",
            ),
            (
                "organizations.csv",
                "id,name,url\n10,Riverside Trust,http://river.example.org\n",
            ),
            (
                "locations.csv",
                "id,organization_id,name\n100,10,Church Hall\n101,10,Park Gate\n",
            ),
            (
                "services_at_location.csv",
                "id,service_id,location_id\n1000,1,100\n1001,2,101\n1002,3,100\n",
            ),
            (
                "physical_addresses.csv",
                "id,location_id,address_1,address_2,address_3,city,state_province,postal_code,country\n\
                 pa,100,1 Church Rd,Side door,Basement,Leeds,West Yorkshire,LS1 1AA,GB\n",
            ),
            (
                "postal_addresses.csv",
                "id,location_id,address_1,city,state_province,postal_code,country\n\
                 po,100,PO Box 1,Leeds,West Yorkshire,LS1 9ZZ,GB\n\
                 pp,101,PO Box 2,York,North Yorkshire,YO1 1AA,GB\n",
            ),
            (
                "accessibility_for_disabilities.csv",
                "id,location_id,accessibility,details\nac,100,Step-free entrance,Ramp at the side\n",
            ),
            (
                "regular_schedules.csv",
                "id,service_id,location_id,service_at_location_id,weekday,opens_at,closes_at\n\
                 r1,1,100,1000,1,18:30,20:00\n\
                 r2,2,,,7,10:00,11:00\n\
                 r3,3,,,9,10:00,11:00\n",
            ),
            (
                "languages.csv",
                "id,service_id,location_id,language\nla,1,,es\nlb,1,,English\n",
            ),
            ("taxonomy.csv", "id,name,parent_id,parent_name,vocabulary\nt9,Peer Support,,,AIRS\n"),
            ("services_taxonomy.csv", "id,service_id,taxonomy_id,taxonomy_detail\nst,1,t9,\n"),
            ("eligibility.csv", "id,service_id,eligibility\ne1,1,adult\ne2,1,family\n"),
            (
                "holiday_schedules.csv",
                "id,service_id,closed,opens_at,closes_at,start_date,end_date\nh,1,true,,,2026-12-24,2026-12-26\n",
            ),
            ("payments_accepted.csv", "id,service_id,payment\npy,1,cash\n"),
        ]);
        let ps = parse(&f, &opt()).unwrap();
        assert_eq!(ps.len(), 3);
        let p = &ps[0];
        assert_eq!(
            p.key.as_ref().unwrap().source_id,
            "1",
            "1.1 ids are kept as they are"
        );
        let r = p.outcome.as_ref().unwrap();
        assert_eq!(r.organization.website, "http://river.example.org");
        let place = r.place.as_ref().unwrap();
        assert_eq!(place.address, "1 Church Rd, Side door, Basement");
        assert_eq!(place.postal_code, "LS1 1AA", "physical, not postal");
        assert_eq!(place.directions, "Step-free entrance");
        let s = &r.schedules[0];
        assert_eq!((s.rule.as_str(), s.minutes), ("FREQ=WEEKLY;BYDAY=MO", 90));
        assert_eq!(s.tz, "Asia/Seoul", "no zone given: the practice's");
        assert_eq!(r.languages, ["es"]);
        assert!(
            p.warnings.iter().any(|w| w.contains("\"English\"")),
            "{:?}",
            p.warnings
        );
        assert_eq!(r.tags, ["Peer Support"]);
        assert_eq!(r.eligibility, "adult; family");

        // A location with only a postal address still has that address.
        let r2 = ps[1].outcome.as_ref().unwrap();
        assert_eq!(r2.place.as_ref().unwrap().address, "PO Box 2");
        assert_eq!(r2.schedules[0].rule, "FREQ=WEEKLY;BYDAY=SU", "7 is Sunday");
        assert_eq!(r2.place.as_ref().unwrap().directions, "");

        let e = ps[2].outcome.as_ref().unwrap_err();
        assert_eq!(
            e,
            "regular schedule r3: weekday \"9\" is not a day from 1 (Monday) to 7 (Sunday)"
        );
    }

    #[test]
    fn the_3_0_table_wins_over_its_older_counterpart() {
        let f = files(&[
            ("services.csv", "id,name\ns,S\n"),
            ("locations.csv", "id,name\nl,L\n"),
            (
                "service_at_location.csv",
                "id,service_id,location_id\np,s,l\n",
            ),
            (
                "services_at_location.csv",
                "id,service_id,location_id\nq,s,nowhere\n",
            ),
            (
                "addresses.csv",
                "id,location_id,address_1\na,l,New Street\n",
            ),
            (
                "physical_addresses.csv",
                "id,location_id,address_1\nb,l,Old Street\n",
            ),
        ]);
        let r = parse(&f, &opt()).unwrap().remove(0).outcome.unwrap();
        assert_eq!(r.place.unwrap().address, "New Street");
    }

    #[test]
    fn files_that_cannot_be_read_are_refused_with_a_sentence() {
        let e = parse(&files(&[("organizations.csv", "id,name\n")]), &opt()).unwrap_err();
        assert_eq!(
            e.0,
            "the package has no services.csv, so there are no services to import"
        );
        let e = parse(&files(&[("services.csv", "id,name\n")]), &opt()).unwrap_err();
        assert!(e.0.contains("no rows"), "{}", e.0);
        let e = parse(
            &files(&[
                ("services.csv", "id,name\ns,S\n"),
                (
                    "locations.csv",
                    "id,name,latitude\nl,Hall,1\nm,\"Multi\nline\",2\nn,Short\n",
                ),
            ]),
            &opt(),
        )
        .unwrap_err();
        assert_eq!(
            e.0,
            "locations.csv cannot be read at line 5: the row has 2 cells where the header has 3"
        );
        let e = parse(
            &files(&[
                ("pkg/services.csv", "id,name\ns,S\n"),
                ("Services.CSV", "id\n"),
            ]),
            &opt(),
        )
        .unwrap_err();
        assert!(e.0.contains("two files named services.csv"), "{}", e.0);
        // A byte-order mark, a blank trailing row and a path before the name are nothing.
        let ps = parse(
            &files(&[("export/services.csv", "\u{feff}id,name\r\ns,S\r\n,\r\n")]),
            &opt(),
        )
        .unwrap();
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].outcome.as_ref().unwrap().name, "S");
    }

    #[test]
    fn the_hsds_3_0_example_package() {
        let ps = parse(&package("openreferral-hsds-3.0/examples/csv"), &opt()).unwrap();
        assert_eq!(ps.len(), 1);
        assert_eq!(
            ps[0].key.as_ref().unwrap().source_id,
            "ac148810-d857-441c-9679-408f346de14b"
        );
        let e = ps[0].outcome.as_ref().unwrap_err();
        assert_eq!(
            e,
            "location \"MyCity Civic Center\": latitude 100 is not between -90 and 90"
        );
    }

    /// The specification's CSV example and its JSON example hold the same records. With the
    /// same two faults mended in both (the latitude of 100, and a schedule whose rule RFC 5545
    /// forbids), both readers give the same resource. The one difference is the data's: the
    /// CSV attribute's `link_id` names no service, the JSON one sits inside the service.
    #[test]
    fn the_3_0_csv_and_json_examples_agree() {
        let mut f = package("openreferral-hsds-3.0/examples/csv");
        for (name, text) in &mut f {
            match name.as_str() {
                "locations.csv" => *text = text.replace(",100,101,", ",51.5,-0.12,"),
                "schedules.csv" => {
                    let before =
                        r#"2005-01-01,3,2005-01-01,3,TU,WEEKLY,1,"TH,FR","41,42","2,3,4","2,3,4""#;
                    assert!(text.contains(before));
                    *text = text.replace(before, r#"2005-01-01,3,,3,TU,WEEKLY,1,"TH,FR",,,"#);
                }
                _ => {}
            }
        }
        let csv = parse(&f, &opt()).unwrap().remove(0);

        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/directory/openreferral-hsds-3.0/examples/service_full.json");
        let mut sv: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        fn mend(v: &mut Value) {
            match v {
                Value::Object(m) => {
                    if m.get("latitude") == Some(&Value::from(100)) {
                        m.insert("latitude".into(), Value::from(51.5));
                        m.insert("longitude".into(), Value::from(-0.12));
                    }
                    if m.contains_key("byweekno") {
                        for k in ["until", "byweekno", "bymonthday", "byyearday"] {
                            m.remove(k);
                        }
                    }
                    m.values_mut().for_each(mend);
                }
                Value::Array(a) => a.iter_mut().for_each(mend),
                _ => {}
            }
        }
        mend(&mut sv);
        let json = hsds::parse(&serde_json::to_vec(&sv).unwrap(), &opt())
            .unwrap()
            .remove(0);

        assert_eq!(csv.key, json.key);
        assert_eq!(csv.warnings, json.warnings);
        let mut from_json = json.outcome.unwrap();
        let from_csv = csv.outcome.unwrap();
        assert_eq!(from_json.tags, ["name"]);
        assert!(from_csv.tags.is_empty());
        from_json.tags.clear();
        assert_eq!(from_csv, from_json);

        // And what they agree on, as the data says it.
        let r = from_csv;
        assert_eq!(r.organization.name, "Example Organization Inc.");
        assert_eq!(r.phone, "+44 1234 234567");
        assert_eq!((r.min_age, r.max_age), (Some(12), Some(100)));
        assert_eq!(r.languages, ["ur"]);
        let c = r.cost.unwrap();
        assert_eq!(
            (c.amount_minor, c.currency.as_deref()),
            (Some(3500), Some("GBP"))
        );
        let place = r.place.unwrap();
        assert_eq!(place.address, "1-30 Main Street, MyVillage");
        assert_eq!(place.city, "MyCity");
        let s = &r.schedules[..];
        assert_eq!(s.len(), 1, "one schedule, hung off three objects");
        assert_eq!(
            s[0].rule,
            "FREQ=WEEKLY;INTERVAL=1;COUNT=3;WKST=TU;BYDAY=TH,FR"
        );
        assert_eq!((s[0].tz.as_str(), s[0].minutes), ("Etc/GMT-3", 480));
    }

    #[test]
    fn the_uk_profile_example_package() {
        let ps = parse(&package("openreferraluk-uk-profile/examples/csv"), &opt()).unwrap();
        assert_eq!(ps.len(), 1);
        assert_eq!(
            ps[0].key.as_ref().unwrap().source_id,
            "ac148810-d857-441c-9679-408f346de14b"
        );
        let e = ps[0].outcome.as_ref().unwrap_err();
        assert!(e.contains("latitude 100"), "{e}");
    }

    /// The HSDS 1.1 sample: ten organizations, thirteen services, ten locations. Nothing in
    /// it is refused: the one location with coordinates has sane ones.
    #[test]
    fn the_1_1_sample_package() {
        for dir in ["all_resources", "simple"] {
            let ps = parse(
                &package(&format!("openreferral-sample-HSDS-datapackage/{dir}")),
                &opt(),
            )
            .unwrap();
            assert_eq!(ps.len(), 13, "{dir}");
            assert!(
                ps.iter().all(|p| p.outcome.is_ok()),
                "{dir}: {:?}",
                ps.iter()
                    .filter_map(|p| p.outcome.as_ref().err())
                    .collect::<Vec<_>>()
            );
            let by_name = |n: &str| {
                ps.iter()
                    .find(|p| p.outcome.as_ref().unwrap().name == n)
                    .unwrap_or_else(|| panic!("{n}"))
            };
            let p = by_name("Never Homeless Helpline");
            assert_eq!(p.position, 1);
            assert_eq!(
                p.key.as_ref().unwrap().source_id,
                "c89eb05c-62dd-4b64-b494-0cc347b6ea7f"
            );
            let r = p.outcome.as_ref().unwrap();
            assert_eq!(r.organization.name, "Sanctuary Example City");
            assert_eq!(r.organization.website, "http://example.com");
            assert_eq!(r.place.as_ref().unwrap().name, "Sanctuary on 5th Street");
            assert_eq!(r.place.as_ref().unwrap().point, None);

            let youth = by_name("Yound Minds").outcome.as_ref().unwrap();
            assert_eq!(
                youth.place.as_ref().unwrap().point,
                Some(Point {
                    lat: 39.428192,
                    lon: -119.897426
                })
            );
            assert_eq!(youth.organization.name, "Youth in Focus Example City");
            let food = by_name("Food Safety Program").outcome.as_ref().unwrap();
            assert_eq!(food.status, Status::Inactive);
            let bubbles = by_name("Bubbles at The Cross");
            assert_eq!(bubbles.position, 13);
            let bubbles = bubbles.outcome.as_ref().unwrap();
            assert_eq!(bubbles.phone, "(223) 4567 12534");
            assert_eq!(bubbles.organization.phone, "(223) 346 12361");
            assert_eq!(
                ps.iter()
                    .filter(|p| p.outcome.as_ref().unwrap().status == Status::Inactive)
                    .count(),
                3
            );

            if dir == "simple" {
                assert!(r.schedules.is_empty() && r.eligibility.is_empty());
                assert_eq!(r.place.as_ref().unwrap().address, "");
                continue;
            }
            // Only all_resources has the tables for schedules, addresses and the rest.
            let days: Vec<_> = r.schedules.iter().map(|s| s.rule.as_str()).collect();
            assert_eq!(
                days,
                [
                    "FREQ=WEEKLY;BYDAY=MO",
                    "FREQ=WEEKLY;BYDAY=TU",
                    "FREQ=WEEKLY;BYDAY=WE"
                ]
            );
            assert!(r
                .schedules
                .iter()
                .all(|s| s.minutes == 480 && s.start.time().to_string() == "09:00:00"));
            let place = r.place.as_ref().unwrap();
            assert_eq!(place.address, "Address 1, Address 2");
            assert_eq!(
                (
                    place.city.as_str(),
                    place.region.as_str(),
                    place.postal_code.as_str()
                ),
                ("New York City", "NY", "10001")
            );
            assert_eq!(
                place.directions,
                "On the Number 41 bus route.\ndisabled_parking"
            );
            assert_eq!(r.eligibility, "adult");
            // The sample writes language names where 1.1 asks for codes.
            assert!(r.languages.is_empty());
            assert_eq!(
                p.warnings,
                [
                    "language \"English\" has no ISO 639 code; left out",
                    "language \"Spanish\" has no ISO 639 code; left out"
                ]
            );
            // services_taxonomy.csv is only a header.
            assert!(r.tags.is_empty());
        }
    }
}

//! Open Referral HSDS 3.0 JSON, in and out.
//!
//! In: the dereferenced JSON the specification calls canonical — a service, an
//! organization with its services, a service-at-location, or an API `Page` of any of them.
//! Each service becomes one `Resource`, keyed by its HSDS id. Hearth keeps one place per
//! resource: the first physical location (a warning names any others left out).
//!
//! Out: a `Page` of services, each with its organization, location, schedules and
//! attributes. Hearth's own attributes (kind, focus, format …) travel as HSDS attributes on
//! the `hearth` taxonomy, so a file exported by one Hearth imports into another unchanged.

use super::{
    Access, Cost, CostKind, Facilitation, FileError, Focus, Format, Online, Organization, Parsed,
    Participation, Place, Point, Recurrence, Resource, SourceKey, Status, Verified,
};
use crate::circle::Community;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde_json::{json, Map, Value};

pub use super::ReadOptions as Options;

/// The taxonomy name Hearth's attributes travel under.
pub const TAXONOMY: &str = "hearth";

pub fn parse(bytes: &[u8], opt: &Options) -> Result<Vec<Parsed>, FileError> {
    // A byte-order mark, as some Windows tools write, is not JSON but is not a mistake either.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    parse_from(&mut de, opt)
}

/// `parse`, reading as it goes: a page or list of 100,000 services is never held as JSON
/// all at once, only one service at a time (docs/PERFORMANCE.md, import memory).
pub fn parse_reader(reader: impl std::io::Read, opt: &Options) -> Result<Vec<Parsed>, FileError> {
    use std::io::BufRead;
    let mut reader = std::io::BufReader::new(reader);
    let bom = reader
        .fill_buf()
        .map_err(|e| FileError(format!("the file cannot be read: {e}")))?
        .starts_with(b"\xEF\xBB\xBF");
    if bom {
        reader.consume(3);
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    parse_from(&mut de, opt)
}

fn parse_from<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
    opt: &Options,
) -> Result<Vec<Parsed>, FileError> {
    use serde::de::DeserializeSeed;
    let mut found = Collect {
        opt,
        out: vec![],
        seen_other: None,
    };
    let whole = Document(&mut found)
        .deserialize(&mut *de)
        .and_then(|()| de.end())
        .map_err(|e| super::json_error(&e));
    whole?;
    if found.out.is_empty() {
        return Err(FileError(match found.seen_other {
            Some(k) => format!("the file holds {k}, not services; there is nothing to import"),
            None => "the file holds no services".into(),
        }));
    }
    Ok(found.out)
}

/// What the file has given so far: each service read as soon as it is complete.
struct Collect<'o> {
    opt: &'o Options,
    out: Vec<Parsed>,
    /// What a top-level object was, when it held no services (for the message).
    seen_other: Option<&'static str>,
}

impl Collect<'_> {
    /// One item of the file (or the file itself, when it is one object): a service, an
    /// organization with its services, or a service-at-location.
    fn item(&mut self, item: &Value) {
        let Value::Object(m) = item else {
            let n = self.out.len() + 1;
            self.out.push(service(n, item, None, None, self.opt));
            return;
        };
        if let Some(Value::Array(services)) = m.get("services") {
            // An organization with its services.
            for sv in services {
                let n = self.out.len() + 1;
                self.out.push(service(n, sv, Some(item), None, self.opt));
            }
        } else if let Some(sv @ Value::Object(_)) = m.get("service") {
            // A service-at-location: the service, placed at this one location.
            let n = self.out.len() + 1;
            self.out.push(service(n, sv, None, Some(item), self.opt));
        } else if m.contains_key("status") || m.contains_key("organization") {
            let n = self.out.len() + 1;
            self.out.push(service(n, item, None, None, self.opt));
        } else {
            self.seen_other = Some(kind_of(m));
        }
    }
}

/// The top level: a list of items, a page (`contents` is the list), or one item.
struct Document<'c, 'o>(&'c mut Collect<'o>);

/// A list of items, each read and turned into services before the next is read.
struct Items<'c, 'o>(&'c mut Collect<'o>);

impl<'de> serde::de::DeserializeSeed<'de> for Document<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Document<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object or a page of objects")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        Items(self.0).visit_seq(seq)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut rest = Map::new();
        let mut page = false;
        while let Some(k) = map.next_key::<String>()? {
            if k == "contents" {
                map.next_value_seed(Items(&mut *self.0))?;
                page = true;
            } else {
                let v: Value = map.next_value()?;
                rest.insert(k, v);
            }
        }
        if !page {
            self.0.item(&Value::Object(rest));
        }
        Ok(())
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Items<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Items<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of services (a page's \"contents\")")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(v) = seq.next_element::<Value>()? {
            self.0.item(&v);
        }
        Ok(())
    }
}

fn kind_of(m: &Map<String, Value>) -> &'static str {
    if m.contains_key("location_type") {
        "a location"
    } else if m.contains_key("taxonomy_detail") || m.contains_key("term_uri") {
        "taxonomy terms"
    } else if m.contains_key("version") && m.contains_key("uri") {
        "a taxonomy"
    } else if m.contains_key("openapi_url") {
        "an API description"
    } else if m.keys().any(|k| k.ends_with(".csv")) {
        "tabular data (CSV tables as JSON)"
    } else if m.contains_key("legal_status") || m.contains_key("website") {
        "organizations without their services"
    } else if m.contains_key("resources") && m.contains_key("profile") {
        "a data package descriptor (the list of CSV tables, without their rows: import the \
         package's folder or zip with --format hsds-csv)"
    } else {
        "something other than HSDS services"
    }
}

fn s(m: &Value, k: &str) -> String {
    match m.get(k) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn list<'a>(m: &'a Value, k: &str) -> &'a [Value] {
    match m.get(k) {
        Some(Value::Array(a)) => a,
        _ => &[],
    }
}

/// Phone numbers as the example data writes them sometimes carry their own quotes.
fn phone(v: &Value) -> String {
    s(v, "number").trim_matches('"').trim().to_string()
}

fn service(
    position: usize,
    sv: &Value,
    org: Option<&Value>,
    at: Option<&Value>,
    opt: &Options,
) -> Parsed {
    let mut warnings = vec![];
    let id = s(sv, "id");
    let key = (!id.is_empty()).then(|| SourceKey {
        source: opt.source.clone(),
        source_id: id,
    });
    let outcome = if !sv.is_object() {
        Err("the item is not a JSON object".to_string())
    } else if key.is_none() {
        Err("the service has no id, so a later import could not find it again".to_string())
    } else {
        build(
            sv,
            org.or_else(|| sv.get("organization")),
            at,
            opt,
            &mut warnings,
        )
    };
    Parsed {
        position,
        key,
        outcome,
        warnings,
    }
}

/// One service already in the dereferenced shape (its organization inside it), read by the
/// same rules as a JSON file. The tabular reader joins its CSV tables into that shape and
/// comes here, so the two formats cannot drift apart.
pub(super) fn read_service(position: usize, sv: &Value, opt: &Options) -> Parsed {
    service(position, sv, None, None, opt)
}

fn build(
    sv: &Value,
    org: Option<&Value>,
    at: Option<&Value>,
    opt: &Options,
    warnings: &mut Vec<String>,
) -> Result<Resource, String> {
    let name = s(sv, "name");
    if name.is_empty() {
        return Err("the service has no name".into());
    }
    let mut r = Resource::named(&name);
    r.description = s(sv, "description");
    r.url = s(sv, "url");
    r.email = s(sv, "email");
    r.eligibility = s(sv, "eligibility_description");
    r.status = match s(sv, "status").as_str() {
        "" | "active" => Status::Active,
        "inactive" => Status::Inactive,
        "defunct" => Status::Defunct,
        "temporarily closed" | "temporarily_closed" => Status::TemporarilyClosed,
        other => return Err(format!("status {other:?} is not an HSDS service status")),
    };
    r.min_age = age(sv, "minimum_age")?;
    r.max_age = age(sv, "maximum_age")?;
    if let Some(p) = list(sv, "phones").first() {
        r.phone = phone(p);
    }
    if !s(sv, "interpretation_services").is_empty() {
        r.access.push(Access::Interpretation);
    }
    let assured = s(sv, "assured_date");
    if !assured.is_empty() {
        let on = NaiveDate::parse_from_str(&assured, "%Y-%m-%d")
            .map_err(|_| format!("assured_date {assured:?} is not a date (YYYY-MM-DD)"))?;
        r.verified = Some(Verified {
            on,
            by: s(sv, "assurer_email"),
        });
    }
    if let Some(o) = org {
        r.organization = Organization {
            name: s(o, "name"),
            description: s(o, "description"),
            website: s(o, "website"),
            email: s(o, "email"),
            phone: list(o, "phones").first().map(phone).unwrap_or_default(),
        };
    }
    for l in list(sv, "languages") {
        language(&mut r.languages, l, warnings);
    }
    cost(&mut r, sv)?;

    // Where: the first physical location, and any virtual one as the way to join online.
    let mut schedules: Vec<&Value> = list(sv, "schedules").iter().collect();
    let mut places = 0;
    let sals: Vec<&Value> = list(sv, "service_at_locations").iter().chain(at).collect();
    for sal in &sals {
        schedules.extend(list(sal, "schedules"));
    }
    let locations = sals.iter().filter_map(|sal| sal.get("location"));
    for loc in locations {
        schedules.extend(list(loc, "schedules"));
        for l in list(loc, "languages") {
            language(&mut r.languages, l, warnings);
        }
        match s(loc, "location_type").as_str() {
            "virtual" => {
                let o = r.online.get_or_insert_with(Online::default);
                if o.url.is_empty() {
                    o.url = s(loc, "url");
                }
                if o.phone.is_empty() {
                    o.phone = list(loc, "phones").first().map(phone).unwrap_or_default();
                }
                if o.notes.is_empty() {
                    o.notes = s(loc, "description");
                }
            }
            _ => {
                places += 1;
                if places == 1 {
                    r.place = Some(place(loc)?);
                }
            }
        }
    }
    if places > 1 {
        warnings.push(format!(
            "the service has {places} locations; Hearth keeps the first and left out {}",
            places - 1
        ));
    }
    // The same schedule may hang off the service, its location and the pair; once is enough.
    let mut seen_ids = vec![];
    for (i, sc) in schedules.into_iter().enumerate() {
        let sid = s(sc, "id");
        if !sid.is_empty() {
            if seen_ids.contains(&sid) {
                continue;
            }
            seen_ids.push(sid);
        }
        match schedule(sc, i + 1, opt, warnings) {
            Ok(Some(rec)) => {
                if !r.schedules.contains(&rec) {
                    r.schedules.push(rec)
                }
            }
            Ok(None) => {}
            Err(e) => return Err(format!("schedule {}: {e}", i + 1)),
        }
    }

    for a in list(sv, "attributes") {
        attribute(&mut r, a, warnings);
    }
    let problems = r.problems();
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    Ok(r)
}

fn age(sv: &Value, k: &str) -> Result<Option<u8>, String> {
    match sv.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(a) if (0.0..=130.0).contains(&a) => Ok(Some(a as u8)),
            _ => Err(format!("{k} {n} is not an age")),
        },
        Some(v) => Err(format!("{k} {v} is not a number")),
    }
}

fn language(out: &mut Vec<String>, l: &Value, warnings: &mut Vec<String>) {
    let code = s(l, "code").to_ascii_lowercase();
    if code.is_empty() {
        let name = s(l, "name");
        if !name.is_empty() {
            warnings.push(format!("language {name:?} has no ISO 639 code; left out"));
        }
    } else if !out.contains(&code) {
        out.push(code);
    }
}

fn cost(r: &mut Resource, sv: &Value) -> Result<(), String> {
    let note = s(sv, "fees_description");
    let first = list(sv, "cost_options").first();
    let amount = match first.and_then(|c| c.get("amount")) {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => {
            let a = n.as_f64().unwrap_or(-1.0);
            if a < 0.0 || !a.is_finite() {
                return Err(format!("cost amount {n} is negative"));
            }
            let currency = first.map(|c| s(c, "currency")).unwrap_or_default();
            Some((a * super::minor_per_unit(&currency) as f64).round() as i64)
        }
        Some(v) => return Err(format!("cost amount {v} is not a number")),
    };
    if amount.is_none() && note.is_empty() {
        return Ok(());
    }
    r.cost = Some(Cost {
        kind: match amount {
            Some(0) => CostKind::Free,
            _ => CostKind::Fee,
        },
        amount_minor: amount.filter(|a| *a > 0),
        currency: first
            .map(|c| s(c, "currency").to_ascii_uppercase())
            .filter(|c| !c.is_empty()),
        note,
    });
    Ok(())
}

fn place(loc: &Value) -> Result<Place, String> {
    let addr = list(loc, "addresses")
        .iter()
        .find(|a| s(a, "address_type") != "postal")
        .or_else(|| list(loc, "addresses").first());
    let mut p = Place {
        name: s(loc, "name"),
        directions: s(loc, "transportation"),
        ..Place::default()
    };
    if let Some(a) = addr {
        p.address = [s(a, "address_1"), s(a, "address_2")]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        p.city = s(a, "city");
        p.region = s(a, "state_province");
        p.postal_code = s(a, "postal_code");
        p.country = s(a, "country").to_ascii_uppercase();
    }
    let coord = |k: &str| match loc.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(v) => Err(format!("location {k} {v} is not a number")),
    };
    match (coord("latitude")?, coord("longitude")?) {
        (Some(lat), Some(lon)) => {
            p.point = Some(Point::new(lat, lon).map_err(|e| format!("location {:?}: {e}", p.name))?)
        }
        (None, None) => {}
        _ => return Err("the location has only one of latitude and longitude".into()),
    }
    let access: Vec<String> = list(loc, "accessibility")
        .iter()
        .map(|a| s(a, "description"))
        .filter(|d| !d.is_empty())
        .collect();
    if !access.is_empty() {
        if !p.directions.is_empty() {
            p.directions.push('\n');
        }
        p.directions.push_str(&access.join("\n"));
    }
    Ok(p)
}

/// What Hearth's own export writes into a schedule's notes so nothing is lost: the IANA
/// zone (HSDS has only a numeric offset) and, for rules HSDS's fields cannot express, the
/// whole RRULE.
const NOTE_ZONE: &str = "Time zone: ";
const NOTE_RULE: &str = "Rule: ";

fn noted<'a>(notes: &'a str, prefix: &str) -> Option<&'a str> {
    notes
        .lines()
        .find_map(|l| l.trim().strip_prefix(prefix))
        .map(str::trim)
}

/// A zone written with a time (`Z`, `-05:00`) or as HSDS's number of hours.
enum Written {
    Utc,
    Hours(f64),
}

/// An HSDS schedule as a Hearth recurrence; `None` (with a warning) when it cannot place
/// meetings: no opening time, or nothing saying when it starts or repeats.
fn schedule(
    sc: &Value,
    n: usize,
    opt: &Options,
    warnings: &mut Vec<String>,
) -> Result<Option<Recurrence>, String> {
    let opens = s(sc, "opens_at");
    if opens.is_empty() {
        warnings.push(format!(
            "schedule {n} has no opening time, so Hearth cannot place its meetings"
        ));
        return Ok(None);
    }
    let (open, open_zone) = time_and_zone(&opens)?;
    let closes = s(sc, "closes_at");
    let minutes = if closes.is_empty() {
        60
    } else {
        let (close, _) = time_and_zone(&closes)?;
        let d = (close - open).num_minutes();
        (if d <= 0 { d + 24 * 60 } else { d }) as u32
    };
    let notes = s(sc, "notes");
    // The zone: Hearth's note, else an offset on the time, else HSDS's numeric offset (as a
    // fixed `Etc/GMT` zone, which cannot follow daylight saving: the format's limit), else
    // an IANA name in `timezone` (some feeds write one), else the practice's zone.
    let written = match (open_zone, sc.get("timezone")) {
        (Some(w), _) => Some(w),
        (None, Some(Value::Number(h))) => Some(Written::Hours(h.as_f64().unwrap_or(f64::NAN))),
        _ => None,
    };
    let tz = match (
        noted(&notes, NOTE_ZONE).filter(|z| z.parse::<chrono_tz::Tz>().is_ok()),
        written,
    ) {
        (Some(z), _) => z.to_string(),
        (None, Some(Written::Utc)) => "UTC".into(),
        (None, Some(Written::Hours(h))) => match fixed_zone(h) {
            Some(z) => z,
            None if h.is_finite() && (-12.0..=14.0).contains(&h) => {
                warnings.push(format!(
                    "schedule {n}: a UTC offset of {h} hours has no fixed zone; Hearth used the practice's zone, {}",
                    opt.default_tz
                ));
                opt.default_tz.clone()
            }
            None => return Err(format!("time zone offset {h} is not between -12 and 14")),
        },
        (None, None) => match sc.get("timezone") {
            Some(Value::String(t)) if !t.trim().is_empty() => t.trim().to_string(),
            _ => opt.default_tz.clone(),
        },
    };
    let zone: chrono_tz::Tz = tz
        .parse()
        .map_err(|_| format!("{tz:?} is not an IANA time zone"))?;
    let date = |k: &str| -> Result<Option<NaiveDate>, String> {
        let v = s(sc, k);
        if v.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(v.get(..10).unwrap_or(&v), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| format!("{k} {v:?} is not a date (YYYY-MM-DD)"))
    };
    let first = date("dtstart")?.or(date("valid_from")?);
    let mut freq = s(sc, "freq").to_ascii_uppercase();
    if freq.is_empty() && !s(sc, "byday").is_empty() {
        // Days without a frequency can only mean every week.
        freq = "WEEKLY".into();
    }
    if freq.is_empty() && first.is_none() && noted(&notes, NOTE_RULE).is_none() {
        warnings.push(format!(
            "schedule {n} says neither when it starts nor how it repeats, so Hearth cannot place its meetings"
        ));
        return Ok(None);
    }
    let rule = if let Some(r) = noted(&notes, NOTE_RULE) {
        r.to_string()
    } else if freq.is_empty() {
        String::new()
    } else {
        let mut rule = vec![format!("FREQ={freq}")];
        for (k, name) in [
            ("interval", "INTERVAL"),
            ("count", "COUNT"),
            ("wkst", "WKST"),
            ("byday", "BYDAY"),
            ("byweekno", "BYWEEKNO"),
            ("bymonthday", "BYMONTHDAY"),
            ("byyearday", "BYYEARDAY"),
        ] {
            let v = s(sc, k).replace(' ', "").to_ascii_uppercase();
            if !v.is_empty() {
                rule.push(format!("{name}={v}"));
            }
        }
        if let Some(u) = date("until")? {
            // `until` is a local date: its meetings run to the end of that day there.
            let end = u.and_hms_opt(23, 59, 59).expect("a valid time");
            let utc = zone
                .from_local_datetime(&end)
                .earliest()
                .map(|d| d.naive_utc())
                .unwrap_or(end);
            rule.push(format!("UNTIL={}", utc.format("%Y%m%dT%H%M%SZ")));
        }
        rule.join(";")
    };
    let rec = Recurrence {
        start: first.unwrap_or(opt.today).and_time(open),
        tz,
        rule,
        minutes,
    };
    rec.check()?;
    Ok(Some(rec))
}

/// `10:00`, `10:00:00`, `09:00:00Z`, `09:00-05:00` → the time and, if written, its zone.
fn time_and_zone(t: &str) -> Result<(NaiveTime, Option<Written>), String> {
    let bad = || format!("{t:?} is not a time of day");
    let (clock, zone) = if let Some(c) = t.strip_suffix(['Z', 'z']) {
        (c, Some(Written::Utc))
    } else if let Some(i) = t.rfind(['+', '-']).filter(|&i| i >= 5) {
        let off = &t[i..];
        let (h, m) = off[1..].split_once(':').unwrap_or((&off[1..], "0"));
        let hours: f64 =
            h.parse::<f64>().map_err(|_| bad())? + m.parse::<f64>().map_err(|_| bad())? / 60.0;
        let sign = if off.starts_with('-') { -1.0 } else { 1.0 };
        (&t[..i], Some(Written::Hours(sign * hours)))
    } else {
        (t, None)
    };
    let time = NaiveTime::parse_from_str(clock, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M"))
        .map_err(|_| bad())?;
    Ok((time, zone))
}

/// A whole-hour UTC offset as an IANA `Etc/GMT` zone (whose sign is inverted by POSIX
/// convention: UTC+3 is `Etc/GMT-3`); `None` for offsets those zones cannot hold.
fn fixed_zone(hours: f64) -> Option<String> {
    if hours == 0.0 {
        return Some("UTC".into());
    }
    if !hours.is_finite() || hours.fract() != 0.0 || !(-12.0..=14.0).contains(&hours) {
        return None;
    }
    Some(format!("Etc/GMT{:+}", -(hours as i32)))
}

/// Hearth's attributes come back from the `hearth` taxonomy; any other term becomes a tag,
/// and an Open Eligibility term also gives the Hearth attributes it maps to.
fn attribute(r: &mut Resource, a: &Value, warnings: &mut Vec<String>) {
    let term = a.get("taxonomy_term").unwrap_or(&Value::Null);
    let taxonomy = s(term, "taxonomy");
    let code = s(term, "code");
    if taxonomy == TAXONOMY {
        if !hearth_attribute(r, &code) {
            warnings.push(format!("Hearth attribute {code:?} is not known; left out"));
        }
        return;
    }
    if super::open_eligibility::is_open_eligibility(&taxonomy) {
        for attr in super::open_eligibility::attributes(&code) {
            // A kind, format or facilitation already given (by Hearth's own attributes or
            // an earlier term) stays: a group tagged "Support Groups" and "Counseling" is
            // what its first term says.
            let taken = (attr.starts_with("kind:") && r.kind.is_some())
                || (attr.starts_with("format:") && r.format.is_some())
                || (attr.starts_with("facilitation:") && r.facilitation.is_some());
            if !taken {
                hearth_attribute(r, attr);
            }
        }
    }
    let name = s(term, "name");
    let value = s(a, "value");
    let tag = if !name.is_empty() { name } else { value };
    if !tag.is_empty() && !r.tags.contains(&tag) {
        r.tags.push(tag);
    }
}

pub(super) fn hearth_attribute(r: &mut Resource, code: &str) -> bool {
    let Some((field, value)) = code.split_once(':') else {
        return false;
    };
    match field {
        "kind" => Community::parse(value).map(|v| r.kind = Some(v)).is_some(),
        "format" => Format::parse(value).map(|v| r.format = Some(v)).is_some(),
        "facilitation" => Facilitation::parse(value)
            .map(|v| r.facilitation = Some(v))
            .is_some(),
        "focus" => Focus::parse(value)
            .map(|v| {
                if !r.focus.contains(&v) {
                    r.focus.push(v)
                }
            })
            .is_some(),
        "participation" => Participation::parse(value)
            .map(|v| {
                if !r.participation.contains(&v) {
                    r.participation.push(v)
                }
            })
            .is_some(),
        "access" => Access::parse(value)
            .map(|v| {
                if !r.access.contains(&v) {
                    r.access.push(v)
                }
            })
            .is_some(),
        "cost" => CostKind::parse(value)
            .map(|k| {
                let c = r.cost.get_or_insert(Cost {
                    kind: k,
                    amount_minor: None,
                    currency: None,
                    note: String::new(),
                });
                c.kind = k;
            })
            .is_some(),
        _ => false,
    }
}

/// Makes stable HSDS ids: the same resource exports with the same ids every time.
pub trait IdMaker {
    fn id(&self, resource_id: &str, part: &str) -> String;
}

/// One resource as an HSDS 3.0 service. `id` is Hearth's id for it (a UUID).
pub fn export_service(id: &str, r: &Resource, ids: &dyn IdMaker) -> Value {
    let mut sv = Map::new();
    sv.insert("id".into(), json!(id));
    sv.insert("name".into(), json!(r.name));
    sv.insert("description".into(), json!(r.description));
    sv.insert(
        "status".into(),
        json!(match r.status {
            Status::Active => "active",
            Status::Inactive => "inactive",
            Status::Defunct => "defunct",
            Status::TemporarilyClosed => "temporarily closed",
        }),
    );
    if is_uri(&r.url) {
        sv.insert("url".into(), json!(r.url));
    }
    if is_email(&r.email) {
        sv.insert("email".into(), json!(r.email));
    }
    if !r.eligibility.is_empty() {
        sv.insert("eligibility_description".into(), json!(r.eligibility));
    }
    if let Some(a) = r.min_age {
        sv.insert("minimum_age".into(), json!(a));
    }
    if let Some(a) = r.max_age {
        sv.insert("maximum_age".into(), json!(a));
    }
    if let Some(v) = &r.verified {
        sv.insert(
            "assured_date".into(),
            json!(v.on.format("%Y-%m-%d").to_string()),
        );
        if v.by.contains('@') {
            sv.insert("assurer_email".into(), json!(v.by));
        }
    }
    if r.access.contains(&Access::Interpretation) {
        sv.insert(
            "interpretation_services".into(),
            json!("Interpretation is available on request."),
        );
    }
    if !r.phone.is_empty() {
        sv.insert(
            "phones".into(),
            json!([{"id": ids.id(id, "phone"), "number": r.phone}]),
        );
    }
    if !r.organization.name.is_empty() {
        let o = &r.organization;
        let mut om = Map::new();
        om.insert("id".into(), json!(ids.id(id, "organization")));
        om.insert("name".into(), json!(o.name));
        om.insert("description".into(), json!(o.description));
        if is_uri(&o.website) {
            om.insert("website".into(), json!(o.website));
        }
        if is_email(&o.email) {
            om.insert("email".into(), json!(o.email));
        }
        if !o.phone.is_empty() {
            om.insert(
                "phones".into(),
                json!([{"id": ids.id(id, "organization/phone"), "number": o.phone}]),
            );
        }
        sv.insert("organization".into(), Value::Object(om));
    }
    if !r.languages.is_empty() {
        sv.insert(
            "languages".into(),
            Value::Array(
                r.languages
                    .iter()
                    .map(|l| json!({"id": ids.id(id, &format!("language/{l}")), "code": l}))
                    .collect(),
            ),
        );
    }
    if let Some(c) = &r.cost {
        if !c.note.is_empty() {
            sv.insert("fees_description".into(), json!(c.note));
        }
        let mut cm = Map::new();
        cm.insert("id".into(), json!(ids.id(id, "cost")));
        match c.kind {
            CostKind::Free => {
                cm.insert("amount".into(), json!(0));
            }
            _ => {
                if let Some(a) = c.amount_minor {
                    let per = super::minor_per_unit(c.currency.as_deref().unwrap_or(""));
                    cm.insert("amount".into(), json!(a as f64 / per as f64));
                }
            }
        }
        if let Some(cur) = &c.currency {
            cm.insert("currency".into(), json!(cur));
        }
        sv.insert("cost_options".into(), json!([cm]));
    }
    sv.insert(
        "schedules".into(),
        Value::Array(
            r.schedules
                .iter()
                .enumerate()
                .map(|(i, rec)| export_schedule(&ids.id(id, &format!("schedule/{i}")), rec))
                .collect(),
        ),
    );
    let mut sals = vec![];
    if let Some(p) = &r.place {
        let mut loc = Map::new();
        let loc_id = ids.id(id, "location");
        loc.insert("id".into(), json!(loc_id));
        loc.insert("location_type".into(), json!("physical"));
        if !p.name.is_empty() {
            loc.insert("name".into(), json!(p.name));
        }
        if !p.directions.is_empty() {
            loc.insert("transportation".into(), json!(p.directions));
        }
        if let Some(pt) = p.point {
            loc.insert("latitude".into(), json!(pt.lat));
            loc.insert("longitude".into(), json!(pt.lon));
        }
        if !(p.address.is_empty()
            && p.city.is_empty()
            && p.region.is_empty()
            && p.postal_code.is_empty())
        {
            // HSDS requires every address part; an unknown one is written empty rather
            // than invented.
            loc.insert(
                "addresses".into(),
                json!([{
                    "id": ids.id(id, "address"),
                    "address_1": p.address,
                    "city": p.city,
                    "state_province": p.region,
                    "postal_code": p.postal_code,
                    "country": p.country,
                    "address_type": "physical",
                }]),
            );
        }
        sals.push(json!({"id": ids.id(id, "at/location"), "location": loc}));
    }
    if let Some(o) = r.online.as_ref().filter(|o| **o != Online::default()) {
        let mut loc = Map::new();
        loc.insert("id".into(), json!(ids.id(id, "online")));
        loc.insert("location_type".into(), json!("virtual"));
        if is_uri(&o.url) {
            loc.insert("url".into(), json!(o.url));
        }
        if !o.notes.is_empty() {
            loc.insert("description".into(), json!(o.notes));
        }
        if !o.phone.is_empty() {
            loc.insert(
                "phones".into(),
                json!([{"id": ids.id(id, "online/phone"), "number": o.phone}]),
            );
        }
        sals.push(json!({"id": ids.id(id, "at/online"), "location": loc}));
    }
    sv.insert("service_at_locations".into(), Value::Array(sals));

    let mut attrs = vec![];
    let mut hearth = |code: String| {
        attrs.push(json!({
            "id": ids.id(id, &format!("attribute/{code}")),
            "taxonomy_term_id": ids.id("", &format!("term/{code}")),
            "taxonomy_term": {
                "id": ids.id("", &format!("term/{code}")),
                "code": code,
                "name": code,
                "description": "A Hearth directory attribute.",
                "taxonomy": TAXONOMY,
            },
        }));
    };
    if let Some(k) = r.kind {
        hearth(format!("kind:{}", k.as_str()));
    }
    if let Some(f) = r.format {
        hearth(format!("format:{}", f.as_str()));
    }
    if let Some(f) = r.facilitation {
        hearth(format!("facilitation:{}", f.as_str()));
    }
    for f in &r.focus {
        hearth(format!("focus:{}", f.as_str()));
    }
    for p in &r.participation {
        hearth(format!("participation:{}", p.as_str()));
    }
    for a in &r.access {
        hearth(format!("access:{}", a.as_str()));
    }
    if let Some(c) = &r.cost {
        hearth(format!("cost:{}", c.kind.as_str()));
    }
    for t in &r.tags {
        attrs.push(json!({
            "id": ids.id(id, &format!("tag/{t}")),
            "taxonomy_term_id": ids.id("", &format!("tag/{t}")),
            "value": t,
            "taxonomy_term": {
                "id": ids.id("", &format!("tag/{t}")),
                "name": t,
                "description": t,
            },
        }));
    }
    sv.insert("attributes".into(), Value::Array(attrs));
    Value::Object(sv)
}

/// The rule parts HSDS's schedule fields can carry, with their field names.
const HSDS_PARTS: [(&str, &str); 8] = [
    ("FREQ", "freq"),
    ("INTERVAL", "interval"),
    ("COUNT", "count"),
    ("WKST", "wkst"),
    ("BYDAY", "byday"),
    ("BYWEEKNO", "byweekno"),
    ("BYMONTHDAY", "bymonthday"),
    ("BYYEARDAY", "byyearday"),
];

fn export_schedule(id: &str, rec: &Recurrence) -> Value {
    use chrono::Offset;
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert(
        "dtstart".into(),
        json!(rec.start.format("%Y-%m-%d").to_string()),
    );
    m.insert(
        "opens_at".into(),
        json!(rec.start.format("%H:%M").to_string()),
    );
    let end = rec.start + chrono::Duration::minutes(rec.minutes as i64);
    m.insert("closes_at".into(), json!(end.format("%H:%M").to_string()));
    let zone = rec.zone().ok();
    // HSDS has only a number of hours, which cannot follow daylight saving: the offset at
    // the first meeting goes there, and the IANA zone into the notes, which Hearth reads back.
    if let Some(off) = zone.and_then(|z| {
        z.from_local_datetime(&rec.start)
            .earliest()
            .map(|d| d.offset().fix().local_minus_utc())
    }) {
        m.insert("timezone".into(), json!(off as f64 / 3600.0));
    }
    let mut notes = format!("{NOTE_ZONE}{}", rec.tz);
    let parts = rec.rule_parts();
    let fits = parts.iter().all(|(k, v)| {
        k == "UNTIL"
            || (HSDS_PARTS.iter().any(|(p, _)| p == k)
                && (k != "FREQ" || v == "WEEKLY" || v == "MONTHLY"))
    });
    if !fits {
        // A rule HSDS cannot express (daily, yearly, BYSETPOS …) travels whole in the
        // notes rather than being cut down into different meetings.
        notes.push_str(&format!("\n{NOTE_RULE}{}", rec.rule));
    } else {
        for (k, v) in &parts {
            if k == "UNTIL" {
                let utc = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%SZ").or_else(|_| {
                    NaiveDate::parse_from_str(v.get(..8).unwrap_or(""), "%Y%m%d")
                        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight"))
                });
                if let Ok(u) = utc {
                    let local = zone
                        .map(|z| z.from_utc_datetime(&u).naive_local())
                        .unwrap_or(u);
                    m.insert("until".into(), json!(local.format("%Y-%m-%d").to_string()));
                }
                continue;
            }
            let Some((_, field)) = HSDS_PARTS.iter().find(|(p, _)| p == k) else {
                continue;
            };
            let value = match *field {
                "interval" | "count" => v.parse::<i64>().map(|n| json!(n)).unwrap_or(json!(v)),
                _ => json!(v.to_ascii_uppercase()),
            };
            m.insert((*field).into(), value);
        }
    }
    m.insert("notes".into(), json!(notes));
    Value::Object(m)
}

/// Only absolute web addresses go into HSDS `uri` fields; a bare host name would not validate.
fn is_uri(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && !s.contains(char::is_whitespace)
}

fn is_email(s: &str) -> bool {
    s.split_once('@')
        .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !s.contains(char::is_whitespace))
}

/// The whole directory as one HSDS `Page` of services.
pub fn export_page(services: Vec<Value>) -> Value {
    let n = services.len();
    json!({
        "total_items": n,
        "total_pages": 1,
        "page_number": 1,
        "size": n,
        "first_page": true,
        "last_page": true,
        "empty": n == 0,
        "contents": services,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opt() -> Options {
        Options {
            source: "hsds".into(),
            default_tz: "Asia/Seoul".into(),
            today: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        }
    }

    struct Plain;
    impl IdMaker for Plain {
        fn id(&self, r: &str, part: &str) -> String {
            format!("{r}/{part}")
        }
    }

    const SERVICE: &str = r#"{
      "id": "svc-1", "name": "Grief Circle", "status": "active", "description": "Talk with others.",
      "minimum_age": 18, "assured_date": "2026-09-01", "assurer_email": "staff@example.org",
      "fees_description": "Free of charge", "cost_options": [{"id": "c", "amount": 0}],
      "interpretation_services": "Korean on request",
      "languages": [{"id": "l1", "code": "ko"}, {"id": "l2", "name": "Urdu"}],
      "organization": {"id": "o1", "name": "Willow House", "description": "", "phones": [{"id": "p", "number": "\"+82 2 123 4567\""}]},
      "service_at_locations": [
        {"id": "sal1", "location": {"id": "loc1", "location_type": "physical", "name": "Willow House",
          "latitude": 37.57, "longitude": 126.98, "transportation": "Bus 7",
          "addresses": [{"id": "a", "address_1": "1 Jongno", "city": "Seoul", "state_province": "Seoul", "postal_code": "03000", "country": "kr", "address_type": "physical"}],
          "accessibility": [{"id": "x", "description": "Lift to every floor"}]},
         "schedules": [{"id": "s1", "freq": "WEEKLY", "byday": "TU", "dtstart": "2026-01-06", "opens_at": "19:00", "closes_at": "20:30"}]},
        {"id": "sal2", "location": {"id": "loc2", "location_type": "virtual", "url": "https://meet.example.org/grief"}},
        {"id": "sal3", "location": {"id": "loc3", "location_type": "physical", "name": "Annex"}}
      ],
      "attributes": [{"id": "at1", "taxonomy_term": {"id": "t1", "name": "Bereavement", "description": "", "taxonomy": "open-eligibility", "code": "1314"}}]
    }"#;

    #[test]
    fn a_service_reads_into_a_resource() {
        let p = parse(SERVICE.as_bytes(), &opt()).unwrap().remove(0);
        let r = p.outcome.unwrap();
        assert_eq!(p.key.unwrap().source_id, "svc-1");
        assert_eq!(r.organization.name, "Willow House");
        assert_eq!(r.organization.phone, "+82 2 123 4567", "quotes trimmed");
        assert_eq!(r.min_age, Some(18));
        assert_eq!(r.verified.as_ref().unwrap().by, "staff@example.org");
        assert_eq!(r.cost.as_ref().unwrap().kind, CostKind::Free);
        assert_eq!(r.languages, vec!["ko"]);
        assert_eq!(r.access, vec![Access::Interpretation]);
        assert_eq!(r.tags, vec!["Bereavement"]);
        // Open Eligibility's Bereavement (1314, under Support Groups) says what Hearth
        // filters on, too.
        assert_eq!(r.focus, vec![Focus::Grief]);
        assert_eq!(r.kind, Some(Community::PeerSupport));
        let place = r.place.as_ref().unwrap();
        assert_eq!(
            (place.city.as_str(), place.country.as_str()),
            ("Seoul", "KR")
        );
        assert!(place.directions.contains("Lift"));
        assert_eq!(
            r.online.as_ref().unwrap().url,
            "https://meet.example.org/grief"
        );
        assert_eq!(r.effective_format(), Some(Format::Hybrid));
        let s = &r.schedules[0];
        assert_eq!((s.tz.as_str(), s.minutes), ("Asia/Seoul", 90));
        assert!(p.warnings.iter().any(|w| w.contains("Urdu")));
        assert!(p.warnings.iter().any(|w| w.contains("2 locations")));
    }

    #[test]
    fn export_then_import_gives_the_same_resource() {
        let mut r = parse(SERVICE.as_bytes(), &opt())
            .unwrap()
            .remove(0)
            .outcome
            .unwrap();
        r.kind = Some(Community::PeerSupport);
        r.focus = vec![Focus::Grief];
        r.participation = vec![Participation::ListeningWelcome, Participation::DropIn];
        r.facilitation = Some(Facilitation::Professional);
        r.format = Some(Format::Hybrid);
        r.schedules.push(Recurrence {
            start: chrono::NaiveDateTime::parse_from_str("2026-03-07 10:00", "%Y-%m-%d %H:%M")
                .unwrap(),
            tz: "America/Los_Angeles".into(),
            // Until the end of 31 December 2027 in Los Angeles, as HSDS's `until` means.
            rule: "FREQ=MONTHLY;BYDAY=1SA;UNTIL=20280101T075959Z".into(),
            minutes: 120,
        });
        r.schedules.push(Recurrence {
            start: chrono::NaiveDateTime::parse_from_str("2026-03-02 08:00", "%Y-%m-%d %H:%M")
                .unwrap(),
            tz: "Asia/Kolkata".into(),
            rule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR".into(),
            minutes: 30,
        });
        r.online.as_mut().unwrap().phone = "+1 555 0100".into();
        r.online.as_mut().unwrap().notes = "Passcode 1234".into();
        r.cost = Some(Cost {
            kind: CostKind::Fee,
            amount_minor: Some(20000),
            currency: Some("KRW".into()),
            note: "Per session".into(),
        });
        let page = export_page(vec![export_service(
            "11111111-2222-4333-8444-555555555555",
            &r,
            &Plain,
        )]);
        let sched = &page["contents"][0]["schedules"];
        assert_eq!(
            sched[2].get("freq"),
            None,
            "HSDS has no DAILY: {}",
            sched[2]
        );
        assert!(sched[2]["notes"]
            .as_str()
            .unwrap()
            .contains("Rule: FREQ=DAILY"));
        assert_eq!(sched[2]["timezone"], json!(5.5));
        assert_eq!(
            page["contents"][0]["cost_options"][0]["amount"],
            json!(20000.0)
        );
        let text = serde_json::to_vec(&page).unwrap();
        let back = parse(&text, &opt()).unwrap().remove(0);
        assert_eq!(
            back.key.unwrap().source_id,
            "11111111-2222-4333-8444-555555555555"
        );
        let b = back.outcome.unwrap();
        assert_eq!(b, r);
    }

    #[test]
    fn schedules_with_offsets_and_numeric_zones() {
        let doc = |sched: &str| {
            format!(r#"{{"id":"x","name":"X","status":"active","schedules":[{sched}]}}"#)
        };
        let read = |sched: &str| {
            parse(doc(sched).as_bytes(), &opt())
                .unwrap()
                .remove(0)
                .outcome
        };
        let r = read(r#"{"id":"s","freq":"WEEKLY","byday":"MO","opens_at":"09:00:00Z","closes_at":"12:00:00Z"}"#).unwrap();
        assert_eq!(r.schedules[0].tz, "UTC");
        assert_eq!(r.schedules[0].minutes, 180);
        let r = read(r#"{"id":"s","freq":"WEEKLY","byday":"MO","opens_at":"09:00","timezone":3}"#)
            .unwrap();
        assert_eq!(r.schedules[0].tz, "Etc/GMT-3");
        let r =
            read(r#"{"id":"s","freq":"WEEKLY","byday":"MO","opens_at":"09:00-05:00"}"#).unwrap();
        assert_eq!(r.schedules[0].tz, "Etc/GMT+5");
        // COUNT and UNTIL together break RFC 5545; the service is refused with the reason.
        let e = read(r#"{"id":"s","freq":"WEEKLY","byday":"MO","opens_at":"09:00","count":3,"until":"2027-01-01"}"#).unwrap_err();
        assert!(e.starts_with("schedule 1:"), "{e}");
        let e = read(r#"{"id":"s","freq":"WEEKLY","opens_at":"9 o'clock"}"#).unwrap_err();
        assert!(e.contains("not a time of day"), "{e}");
        // India's +5:30 has no fixed IANA zone: the practice's zone, with a warning.
        let p = parse(
            doc(r#"{"id":"s","freq":"WEEKLY","byday":"MO","opens_at":"09:00","timezone":5.5}"#)
                .as_bytes(),
            &opt(),
        )
        .unwrap()
        .remove(0);
        assert_eq!(p.outcome.unwrap().schedules[0].tz, "Asia/Seoul");
        assert!(p.warnings[0].contains("5.5"), "{:?}", p.warnings);
        let e = read(r#"{"id":"s","freq":"WEEKLY","opens_at":"09:00","timezone":30}"#).unwrap_err();
        assert!(e.contains("between -12 and 14"), "{e}");
        // `until` is a local date: a 19:00 Los Angeles meeting on it still happens.
        let r = read(r#"{"id":"s","freq":"WEEKLY","byday":"TU","dtstart":"2026-01-06","until":"2026-01-13","opens_at":"19:00","timezone":"America/Los_Angeles"}"#).unwrap();
        let when = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(
            r.schedules[0]
                .occurrences(when("2026-01-01 00:00"), when("2026-02-01 00:00"), 10)
                .len(),
            2
        );
        // Days without a frequency mean every week; a rule spliced into a value is refused.
        let r =
            read(r#"{"id":"s","byday":"WE","dtstart":"2026-01-07","opens_at":"10:00"}"#).unwrap();
        assert_eq!(r.schedules[0].rule, "FREQ=WEEKLY;BYDAY=WE");
        let e = read(r#"{"id":"s","freq":"DAILY","byday":"MO;BYHOUR=1,2,3","opens_at":"10:00"}"#)
            .unwrap_err();
        assert!(e.contains("BYHOUR"), "{e}");
        // The same schedule hung off the service and its location counts once.
        let twice = r#"{"id":"x","name":"X","status":"active",
            "schedules":[{"id":"same","freq":"WEEKLY","byday":"MO","opens_at":"09:00"}],
            "service_at_locations":[{"id":"l","schedules":[{"id":"same","freq":"WEEKLY","byday":"MO","opens_at":"09:00"}]}]}"#;
        let r = parse(twice.as_bytes(), &opt())
            .unwrap()
            .remove(0)
            .outcome
            .unwrap();
        assert_eq!(r.schedules.len(), 1);
        let r = read(r#"{"id":"s","freq":"WEEKLY","byday":"MO"}"#);
        assert!(r.unwrap().schedules.is_empty());
    }

    #[test]
    fn a_byte_order_mark_is_read_past_and_a_wrong_shape_is_named() {
        let svc = br#"{"id": "a", "name": "A", "status": "active"}"#;
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), svc].concat();
        assert_eq!(parse(&with_bom, &opt()).unwrap().len(), 1);
        assert_eq!(parse_reader(with_bom.as_slice(), &opt()).unwrap().len(), 1);
        let e = parse(br#"{"contents": null}"#, &opt()).unwrap_err();
        assert!(
            e.0.starts_with("the file is not in the expected shape"),
            "{}",
            e.0
        );
        let e = parse(b"<?xml version=\"2.0\"?>", &opt()).unwrap_err();
        assert!(e.0.contains("does not start with { or ["), "{}", e.0);
    }

    #[test]
    fn files_that_hold_no_services_say_what_they_hold() {
        let e = parse(br#"{"id":"l","location_type":"physical"}"#, &opt()).unwrap_err();
        assert!(e.0.contains("a location"), "{}", e.0);
        let e = parse(br#"{"version":"3.0","openapi_url":"x"}"#, &opt()).unwrap_err();
        assert!(e.0.contains("API description"));
        let e = parse(b"{", &opt()).unwrap_err();
        assert!(e.0.contains("not valid JSON"));
        let org = br#"{"id":"o","name":"Org","services":[{"id":"a","name":"A","status":"active"},{"id":"b","status":"active"}]}"#;
        let ps = parse(org, &opt()).unwrap();
        assert_eq!(ps[0].outcome.as_ref().unwrap().organization.name, "Org");
        assert!(ps[1].outcome.as_ref().unwrap_err().contains("no name"));
        let bad = br#"{"id":"x","name":"X","status":"active","service_at_locations":[{"id":"s","location":{"id":"l","location_type":"physical","name":"Civic","latitude":100,"longitude":101}}]}"#;
        let e = parse(bad, &opt()).unwrap().remove(0).outcome.unwrap_err();
        assert!(e.contains("latitude 100"), "{e}");
    }
}

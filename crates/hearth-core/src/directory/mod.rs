//! Find community: the directory of groups and services around the practice. Pure: the
//! resource model (Open Referral HSDS 3.0 in shape, with Hearth's own attributes), schedules
//! as RFC 5545 recurrence rules, and the readers and writers for the field's formats. The
//! database and the pages live in the other crates.
//!
//! A `Resource` is one service as a person meets it: what it is, who runs it, where and when
//! it meets, and what makes it easier or harder to go. HSDS splits that over organization,
//! service, location and schedule objects; Hearth keeps one document per service and
//! rebuilds the HSDS graph on export (`hsds::export`).

pub mod hsds;
pub mod ical;
pub mod ladder;
pub mod matching;
pub mod meeting_guide;
pub mod open_eligibility;
pub mod referral;
pub mod schedule;
pub mod search;
pub mod tabular;

use crate::circle::Community;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

pub use schedule::Recurrence;

word_enum!(
    /// Whether the service runs (HSDS `service.status`).
    Status {
        Active = "active",
        Inactive = "inactive",
        TemporarilyClosed = "temporarily_closed",
        Defunct = "defunct",
    }
);

word_enum!(
    /// How people take part.
    Format {
        InPerson = "in_person",
        Online = "online",
        Hybrid = "hybrid",
        Phone = "phone",
    }
);

word_enum!(
    Facilitation {
        Peer = "peer",
        Professional = "professional",
    }
);

word_enum!(
    /// What a newcomer can expect about joining in.
    Participation {
        ListeningWelcome = "listening_welcome",
        CameraOptional = "camera_optional",
        DropIn = "drop_in",
        Registration = "registration",
        ClosedGroup = "closed_group",
    }
);

word_enum!(
    /// Practical help with getting there and taking part.
    Access {
        Childcare = "childcare",
        NearTransit = "near_transit",
        StepFree = "step_free",
        Interpretation = "interpretation",
    }
);

word_enum!(
    /// What a group is about. Open to growth: a value added here is searchable at once.
    Focus {
        Grief = "grief",
        AddictionRecovery = "addiction_recovery",
        FamilyOfSomeoneInRecovery = "family_of_someone_in_recovery",
        Anxiety = "anxiety",
        Depression = "depression",
        Trauma = "trauma",
        ChronicIllness = "chronic_illness",
        Caregiving = "caregiving",
        LifeTransitions = "life_transitions",
        Lgbtq = "lgbtq",
        Parents = "parents",
        YoungAdults = "young_adults",
        OlderAdults = "older_adults",
        Women = "women",
        Men = "men",
        Loneliness = "loneliness",
    }
);

word_enum!(
    CostKind {
        Free = "free",
        SlidingScale = "sliding_scale",
        Fee = "fee",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    pub kind: CostKind,
    /// In the currency's minor unit (cents, won), so amounts compare exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_minor: Option<i64>,
    /// ISO 4217, e.g. `USD`, `KRW`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Minor units in one unit of a currency (ISO 4217 exponent): 100 for most, 1 for the
/// won or the yen, 1000 for the dinars that keep three decimals.
pub fn minor_per_unit(currency: &str) -> i64 {
    match currency.to_ascii_uppercase().as_str() {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 1,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 1000,
        _ => 100,
    }
}

impl Cost {
    /// The amount in whole units with the currency's decimals, e.g. `20000 KRW`, `12.50 USD`.
    pub fn amount_text(&self) -> Option<String> {
        let a = self.amount_minor?;
        let cur = self.currency.clone().unwrap_or_default();
        let per = minor_per_unit(&cur);
        let decimals = match per {
            1 => 0,
            1000 => 3,
            _ => 2,
        };
        Some(
            format!("{:.*} {cur}", decimals, a as f64 / per as f64)
                .trim()
                .to_string(),
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub website: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
}

/// Where a group meets in person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub city: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub postal_code: String,
    /// ISO 3166-1 alpha-2 where known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    /// WGS84 degrees; both or neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<Point>,
    /// Bus routes, parking, the door to use.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub directions: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

impl Point {
    /// A point on the globe, or why not.
    pub fn new(lat: f64, lon: f64) -> Result<Point, String> {
        if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
            return Err(format!("latitude {lat} is not between -90 and 90"));
        }
        if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
            return Err(format!("longitude {lon} is not between -180 and 180"));
        }
        Ok(Point { lat, lon })
    }

    /// Great-circle distance in kilometres (haversine, mean Earth radius). Accurate to
    /// about 0.5% — plenty for "how far is the group".
    pub fn km_to(self, o: Point) -> f64 {
        const R: f64 = 6371.0088;
        let (p1, p2) = (self.lat.to_radians(), o.lat.to_radians());
        let dp = p2 - p1;
        let dl = (o.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * R * a.sqrt().min(1.0).asin()
    }

    /// The latitude/longitude box that holds every point within `km`; a cheap prefilter
    /// before the exact distance. Near a pole or across the antimeridian the longitude
    /// range opens to the whole globe rather than wrapping, which is still a superset.
    pub fn bounding_box(self, km: f64) -> (Point, Point) {
        let dlat = km / 111.0;
        let lat_lo = (self.lat - dlat).max(-90.0);
        let lat_hi = (self.lat + dlat).min(90.0);
        let widest = self.lat.abs() + dlat;
        let (lon_lo, lon_hi) = if widest >= 89.0 {
            (-180.0, 180.0)
        } else {
            let dlon = km / (111.0 * widest.to_radians().cos());
            let (lo, hi) = (self.lon - dlon, self.lon + dlon);
            if lo < -180.0 || hi > 180.0 {
                (-180.0, 180.0)
            } else {
                (lo, hi)
            }
        };
        (
            Point {
                lat: lat_lo,
                lon: lon_lo,
            },
            Point {
                lat: lat_hi,
                lon: lon_hi,
            },
        )
    }
}

/// How to join from afar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Online {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verified {
    pub on: NaiveDate,
    /// A name or email of whoever checked, as the source gave it.
    pub by: String,
}

/// One community resource. Everything but `name` may be unknown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default)]
    pub organization: Organization,
    #[serde(default = "active")]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Community>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<Focus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilitation: Option<Facilitation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participation: Vec<Participation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access: Vec<Access>,
    /// ISO 639-1 codes, lower case (`en`, `ko`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_age: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u8>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub eligibility: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online: Option<Online>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Recurrence>,
    /// Free words a person might search for ("Big Book", "Meditation").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<Verified>,
}

fn active() -> Status {
    Status::Active
}

impl Resource {
    pub fn named(name: &str) -> Resource {
        Resource {
            name: name.to_string(),
            description: String::new(),
            organization: Organization::default(),
            status: Status::Active,
            kind: None,
            focus: vec![],
            format: None,
            facilitation: None,
            participation: vec![],
            access: vec![],
            languages: vec![],
            cost: None,
            min_age: None,
            max_age: None,
            eligibility: String::new(),
            place: None,
            online: None,
            schedules: vec![],
            tags: vec![],
            url: String::new(),
            email: String::new(),
            phone: String::new(),
            verified: None,
        }
    }

    /// Every problem that would make this record misleading, in plain words; empty when
    /// it may be saved. Importers and forms both call this, so one rule set holds.
    pub fn problems(&self) -> Vec<String> {
        let mut out = vec![];
        if self.name.trim().is_empty() {
            out.push("the name is empty".to_string());
        } else if self.name.chars().count() > 300 {
            out.push("the name is longer than 300 characters".to_string());
        }
        if self.description.chars().count() > 20_000 {
            out.push("the description is longer than 20,000 characters".to_string());
        }
        if self.tags.len() > 100 || self.tags.iter().any(|t| t.chars().count() > 200) {
            out.push(
                "there are more than 100 tags, or a tag longer than 200 characters".to_string(),
            );
        }
        if self.texts().any(|t| t.contains('\0')) {
            out.push("a text holds a NUL character".to_string());
        }
        if let (Some(lo), Some(hi)) = (self.min_age, self.max_age) {
            if lo > hi {
                out.push(format!(
                    "the minimum age {lo} is above the maximum age {hi}"
                ));
            }
        }
        if let Some(p) = self.place.as_ref().and_then(|p| p.point) {
            if let Err(e) = Point::new(p.lat, p.lon) {
                out.push(e);
            }
        }
        if let Some(c) = &self.cost {
            if c.amount_minor.is_some_and(|a| a < 0) {
                out.push("the cost is negative".to_string());
            }
        }
        for l in &self.languages {
            if !(2..=3).contains(&l.len()) || !l.bytes().all(|b| b.is_ascii_lowercase()) {
                out.push(format!("{l:?} is not an ISO 639 language code"));
            }
        }
        for s in &self.schedules {
            if let Err(e) = s.check() {
                out.push(e);
            }
        }
        out
    }

    /// Every free text in the record, for checks that apply to all of them.
    fn texts(&self) -> impl Iterator<Item = &str> {
        let o = &self.organization;
        let mut v: Vec<&str> = vec![
            &self.name,
            &self.description,
            &self.eligibility,
            &self.url,
            &self.email,
            &self.phone,
            &o.name,
            &o.description,
            &o.website,
            &o.email,
            &o.phone,
        ];
        if let Some(p) = &self.place {
            v.extend([
                p.name.as_str(),
                &p.address,
                &p.city,
                &p.region,
                &p.postal_code,
                &p.country,
                &p.directions,
            ]);
        }
        if let Some(on) = &self.online {
            v.extend([on.url.as_str(), &on.phone, &on.notes]);
        }
        if let Some(c) = &self.cost {
            v.push(&c.note);
        }
        v.extend(self.tags.iter().map(String::as_str));
        v.into_iter()
    }

    /// The format people see: given, or read from where the group meets.
    pub fn effective_format(&self) -> Option<Format> {
        if self.format.is_some() {
            return self.format;
        }
        let physical = self.place.as_ref().is_some_and(|p| !p.address.is_empty());
        let online = self.online.as_ref().is_some_and(|o| !o.url.is_empty());
        let phone = self.online.as_ref().is_some_and(|o| !o.phone.is_empty());
        match (physical, online, phone) {
            (true, true, _) | (true, false, true) => Some(Format::Hybrid),
            (true, false, false) => Some(Format::InPerson),
            (false, true, _) => Some(Format::Online),
            (false, false, true) => Some(Format::Phone),
            (false, false, false) => None,
        }
    }

    /// A point only for groups one can go to: an online-only meeting has no distance.
    pub fn point(&self) -> Option<Point> {
        match self.effective_format() {
            Some(Format::Online) | Some(Format::Phone) => None,
            _ => self.place.as_ref().and_then(|p| p.point),
        }
    }

    /// The next start strictly after `after` across all schedules, as UTC.
    pub fn next_meeting(&self, after: NaiveDateTime) -> Option<NaiveDateTime> {
        self.schedules
            .iter()
            .filter_map(|s| s.next_after(after))
            .min()
    }

    /// A verification older than this many days puts the record on the review list.
    pub const REVIEW_AFTER_DAYS: i64 = 180;

    pub fn needs_review(&self, today: NaiveDate) -> bool {
        match &self.verified {
            None => true,
            Some(v) => (today - v.on).num_days() > Self::REVIEW_AFTER_DAYS,
        }
    }

    /// The words full-text search looks at: names, descriptions, organisation and tags.
    pub fn search_text(&self) -> String {
        let mut t = String::with_capacity(self.name.len() + self.description.len() + 64);
        for part in [
            self.name.as_str(),
            self.organization.name.as_str(),
            self.description.as_str(),
        ] {
            t.push_str(part);
            t.push('\n');
        }
        for tag in &self.tags {
            t.push_str(tag);
            t.push(' ');
        }
        t
    }
}

/// Where a record came from, so that importing the same feed again updates it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceKey {
    /// e.g. `meeting-guide:kc.test.json`, `hsds:example.org`, or `hearth` for records made
    /// in Hearth's own forms.
    pub source: String,
    pub source_id: String,
}

/// One record read from a file: its key, and the resource or why it was refused.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// Position in the file, from 1, for the report.
    pub position: usize,
    pub key: Option<SourceKey>,
    pub outcome: Result<Resource, String>,
    /// Things the reader did not understand but could live with (an unknown type code).
    pub warnings: Vec<String>,
}

/// How a file is read, whatever its format: the source its records count as (importing
/// the same source again updates them), the zone for schedules that name none, and the
/// day weekly schedules start from.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub source: String,
    pub default_tz: String,
    pub today: NaiveDate,
}

/// A JSON file, or one sentence saying where it stops being JSON.
pub(crate) fn json_of(bytes: &[u8]) -> Result<serde_json::Value, FileError> {
    // A byte-order mark, as some Windows tools write, is not JSON but is not a mistake either.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|e| json_error(&e))
}

/// Why a file is not the JSON it should be, in one sentence.
pub(crate) fn json_error(e: &serde_json::Error) -> FileError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io => return FileError(format!("the file cannot be read: {e}")),
        // Well-formed JSON of the wrong shape (`"contents": null`, a bare string).
        Category::Data => return FileError(format!("the file is not in the expected shape: {e}")),
        Category::Syntax | Category::Eof => {}
    }
    if e.is_syntax() && e.line() == 1 && e.column() <= 1 {
        // The first character is not JSON at all: most often XML (the Open Eligibility
        // taxonomy) or a spreadsheet.
        return FileError(
            "the file is not JSON (it does not start with { or [); for a taxonomy such as \
             Open Eligibility there is nothing to import: its terms are read where imported \
             services carry them"
                .into(),
        );
    }
    FileError(format!(
        "the file is not valid JSON (line {}, column {}): {}",
        e.line(),
        e.column(),
        e
    ))
}

/// A file as a whole could not be read; nothing from it is imported.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct FileError(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_checked_and_distances_are_sane() {
        assert!(Point::new(100.0, 101.0).is_err());
        assert!(Point::new(f64::NAN, 0.0).is_err());
        // Seoul City Hall to Busan City Hall is about 325 km.
        let seoul = Point::new(37.5663, 126.9779).unwrap();
        let busan = Point::new(35.1798, 129.0750).unwrap();
        let d = seoul.km_to(busan);
        assert!((320.0..330.0).contains(&d), "{d}");
        assert_eq!(seoul.km_to(seoul), 0.0);
    }

    #[test]
    fn a_bounding_box_holds_the_circle() {
        let p = Point::new(39.0, -94.6).unwrap();
        let (lo, hi) = p.bounding_box(10.0);
        for (dlat, dlon) in [(0.09, 0.0), (-0.09, 0.0), (0.0, 0.115), (0.0, -0.115)] {
            let q = Point::new(p.lat + dlat, p.lon + dlon).unwrap();
            assert!(q.km_to(p) <= 10.2, "{}", q.km_to(p));
            assert!(q.lat >= lo.lat && q.lat <= hi.lat && q.lon >= lo.lon && q.lon <= hi.lon);
        }
        let (lo, hi) = Point::new(89.5, 0.0).unwrap().bounding_box(100.0);
        assert_eq!((lo.lon, hi.lon, hi.lat), (-180.0, 180.0, 90.0));
        let (lo, hi) = Point::new(0.0, 179.99).unwrap().bounding_box(50.0);
        assert_eq!((lo.lon, hi.lon), (-180.0, 180.0));
    }

    #[test]
    fn format_is_read_from_where_a_group_meets() {
        let mut r = Resource::named("x");
        assert_eq!(r.effective_format(), None);
        r.place = Some(Place {
            address: "1 Main St".into(),
            point: Some(Point { lat: 1.0, lon: 1.0 }),
            ..Place::default()
        });
        assert_eq!(r.effective_format(), Some(Format::InPerson));
        assert!(r.point().is_some());
        r.online = Some(Online {
            url: "https://example.org/join".into(),
            ..Online::default()
        });
        assert_eq!(r.effective_format(), Some(Format::Hybrid));
        r.place.as_mut().unwrap().address.clear();
        assert_eq!(r.effective_format(), Some(Format::Online));
        assert_eq!(r.point(), None, "an online group has no distance");
    }

    #[test]
    fn review_is_due_after_180_days_or_without_a_check() {
        let mut r = Resource::named("x");
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert!(r.needs_review(today));
        r.verified = Some(Verified {
            on: today - chrono::Duration::days(180),
            by: "a".into(),
        });
        assert!(!r.needs_review(today));
        r.verified.as_mut().unwrap().on = today - chrono::Duration::days(181);
        assert!(r.needs_review(today));
    }

    #[test]
    fn problems_name_each_fault() {
        let mut r = Resource::named(" ");
        r.min_age = Some(30);
        r.max_age = Some(18);
        r.languages = vec!["English".into()];
        let p = r.problems();
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].contains("name"));
        assert!(p[1].contains("minimum age 30"));
        assert!(p[2].contains("\"English\""));
    }
}

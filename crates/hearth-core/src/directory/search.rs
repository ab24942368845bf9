//! What a directory search asks for, read from query parameters with one error per field,
//! and the words full-text search looks for. The same vocabulary serves the page and the
//! API (`format=in_person`, `kind=peer_support`, `day=tu`, `time=evening`).

use super::schedule::{slot_mask, DayPart};
use super::{Access, CostKind, Focus, Format, Participation, Point};
use crate::circle::Community;
use chrono::Weekday;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best text match first; without text, by name.
    #[default]
    Relevance,
    Distance,
    NextMeeting,
}

impl Sort {
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Distance => "distance",
            Sort::NextMeeting => "next",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    pub text: String,
    /// Any of these kinds.
    pub kinds: Vec<Community>,
    /// Any of these formats; a hybrid group counts as both online and in person.
    pub formats: Vec<Format>,
    /// About any of these.
    pub focus: Vec<Focus>,
    /// Meets in any of these languages.
    pub languages: Vec<String>,
    /// Any of these cost kinds.
    pub costs: Vec<CostKind>,
    /// Every one of these access needs met.
    pub access: Vec<Access>,
    /// Every one of these ways of taking part offered.
    pub participation: Vec<Participation>,
    pub days: Vec<Weekday>,
    pub parts: Vec<DayPart>,
    /// Meets within this many days from now.
    pub within_days: Option<u32>,
    /// A point and a radius in km.
    pub near: Option<(Point, f64)>,
    pub sort: Sort,
    /// From 1.
    pub page: u32,
    pub per_page: u32,
}

pub const MAX_RADIUS_KM: f64 = 500.0;
pub const MAX_PER_PAGE: u32 = 100;
const MAX_TERMS: usize = 8;

/// One field that could not be read, and why: the message id says it in each language.
pub use crate::account::FieldError;

fn list<T>(
    field: &'static str,
    raw: &str,
    parse: impl Fn(&str) -> Option<T>,
    errors: &mut Vec<FieldError>,
) -> Vec<T> {
    let mut out = vec![];
    for v in raw.split(',').map(str::trim).filter(|v| !v.is_empty()) {
        match parse(v) {
            Some(x) => out.push(x),
            None => errors.push(FieldError::new(field, "error-search-value")),
        }
    }
    out
}

pub fn weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "mo" => Weekday::Mon,
        "tu" => Weekday::Tue,
        "we" => Weekday::Wed,
        "th" => Weekday::Thu,
        "fr" => Weekday::Fri,
        "sa" => Weekday::Sat,
        "su" => Weekday::Sun,
        _ => return None,
    })
}

/// The places a search may start from besides a point typed in: the person's saved place
/// and the practice's location (`near=saved`, `near=practice`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Places {
    pub saved: Option<Point>,
    pub practice: Option<Point>,
}

impl Query {
    /// Reads query parameters. Repeated keys add up (`kind=a&kind=b` is `kind=a,b`).
    /// Unknown keys are ignored so links from older versions still work.
    pub fn parse(pairs: &[(String, String)]) -> Result<Query, Vec<FieldError>> {
        Query::parse_with(pairs, &Places::default())
    }

    /// `parse`, where `near=saved` or `near=practice` starts from one of `places` instead
    /// of the `lat` and `lon` given.
    pub fn parse_with(
        pairs: &[(String, String)],
        places: &Places,
    ) -> Result<Query, Vec<FieldError>> {
        let mut q = Query {
            page: 1,
            per_page: 20,
            ..Query::default()
        };
        let mut e = vec![];
        let (mut lat, mut lon, mut radius) = (None, None, None);
        // Which place was asked for (its message if it is not there) and the place.
        let mut from: Option<(&'static str, Option<Point>)> = None;
        let num = |field: &'static str, v: &str, e: &mut Vec<FieldError>| -> Option<f64> {
            match v.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => Some(n),
                _ => {
                    e.push(FieldError::new(field, "error-search-number"));
                    None
                }
            }
        };
        for (k, v) in pairs {
            let v = v.as_str();
            match k.as_str() {
                "q" => {
                    if v.chars().count() > 200 {
                        e.push(FieldError::new("q", "error-search-text-long"));
                    } else {
                        if !q.text.is_empty() {
                            q.text.push(' ');
                        }
                        q.text.push_str(v.trim());
                    }
                }
                "kind" => q.kinds.extend(list("kind", v, Community::parse, &mut e)),
                "format" => q.formats.extend(list("format", v, Format::parse, &mut e)),
                "focus" => q.focus.extend(list("focus", v, Focus::parse, &mut e)),
                "cost" => q.costs.extend(list("cost", v, CostKind::parse, &mut e)),
                "access" => q.access.extend(list("access", v, Access::parse, &mut e)),
                "participation" => {
                    q.participation
                        .extend(list("participation", v, Participation::parse, &mut e))
                }
                "day" => q.days.extend(list("day", v, weekday, &mut e)),
                "time" => q.parts.extend(list("time", v, DayPart::parse, &mut e)),
                "language" => q.languages.extend(list(
                    "language",
                    v,
                    |l| {
                        let l = l.to_ascii_lowercase();
                        ((2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()))
                            .then_some(l)
                    },
                    &mut e,
                )),
                "within_days" if !v.is_empty() => match v.parse::<u32>() {
                    Ok(d) if (1..=60).contains(&d) => q.within_days = Some(d),
                    _ => e.push(FieldError::new("within_days", "error-search-days")),
                },
                "near" if !v.is_empty() => match v {
                    "saved" => from = Some(("error-search-no-place", places.saved)),
                    "practice" => from = Some(("error-search-no-practice-place", places.practice)),
                    "point" => {}
                    _ => e.push(FieldError::new("near", "error-search-value")),
                },
                "lat" if !v.is_empty() => lat = num("lat", v, &mut e),
                "lon" if !v.is_empty() => lon = num("lon", v, &mut e),
                "radius_km" if !v.is_empty() => radius = num("radius_km", v, &mut e),
                "sort" if !v.is_empty() => match v {
                    "relevance" => q.sort = Sort::Relevance,
                    "distance" => q.sort = Sort::Distance,
                    "next" => q.sort = Sort::NextMeeting,
                    _ => e.push(FieldError::new("sort", "error-search-value")),
                },
                "page" if !v.is_empty() => match v.parse::<u32>() {
                    Ok(p) if (1..=1000).contains(&p) => q.page = p,
                    _ => e.push(FieldError::new("page", "error-search-page")),
                },
                "per_page" if !v.is_empty() => match v.parse::<u32>() {
                    Ok(p) if (1..=MAX_PER_PAGE).contains(&p) => q.per_page = p,
                    _ => e.push(FieldError::new("per_page", "error-search-page")),
                },
                _ => {}
            }
        }
        match from {
            Some((_, Some(p))) => (lat, lon) = (Some(p.lat), Some(p.lon)),
            Some((why, None)) => e.push(FieldError::new("near", why)),
            None => {}
        }
        match (lat, lon) {
            (Some(la), Some(lo)) => match Point::new(la, lo) {
                Ok(p) => {
                    let r = radius.unwrap_or(10.0);
                    if r <= 0.0 || r > MAX_RADIUS_KM {
                        e.push(FieldError::new("radius_km", "error-search-radius"));
                    } else {
                        q.near = Some((p, r));
                    }
                }
                Err(m) => e.push(FieldError::new(
                    if m.starts_with("latitude") {
                        "lat"
                    } else {
                        "lon"
                    },
                    "error-search-coordinate",
                )),
            },
            (None, None) => {
                if radius.is_some() {
                    e.push(FieldError::new("radius_km", "error-search-point"));
                }
            }
            _ => e.push(FieldError::new(
                if lat.is_none() { "lat" } else { "lon" },
                "error-search-point",
            )),
        }
        if q.sort == Sort::Distance && q.near.is_none() && e.is_empty() {
            e.push(FieldError::new("sort", "error-search-point"));
        }
        if e.is_empty() {
            Ok(q)
        } else {
            Err(e)
        }
    }

    /// Lower-case words to look for, letters and digits only (so nothing can reach a
    /// full-text query's own syntax), at most eight.
    pub fn terms(&self) -> Vec<String> {
        self.text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase().chars().take(40).collect())
            .take(MAX_TERMS)
            .collect()
    }

    /// The (weekday, part of day) bits a result must meet in; `None` for any time.
    pub fn slot_mask(&self) -> Option<u32> {
        (!self.days.is_empty() || !self.parts.is_empty())
            .then(|| slot_mask(&self.days, &self.parts))
    }

    /// The formats stored on records that satisfy the format filter.
    pub fn stored_formats(&self) -> Vec<Format> {
        let mut out = vec![];
        for f in &self.formats {
            out.push(*f);
            if matches!(f, Format::Online | Format::InPerson) {
                out.push(Format::Hybrid);
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Result<Query, Vec<FieldError>> {
        let pairs: Vec<(String, String)> = s
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        Query::parse(&pairs)
    }

    #[test]
    fn reads_every_filter() {
        let x = q("q=grief  group&kind=peer_support&format=online&focus=grief,anxiety&language=KO&cost=free&access=childcare&participation=camera_optional&day=tu&day=th&time=evening&within_days=7&lat=37.5&lon=127&radius_km=5&sort=distance&page=2&per_page=10").unwrap();
        assert_eq!(x.terms(), vec!["grief", "group"]);
        assert_eq!(x.kinds, vec![Community::PeerSupport]);
        assert_eq!(x.stored_formats(), vec![Format::Online, Format::Hybrid]);
        assert_eq!(x.focus, vec![Focus::Grief, Focus::Anxiety]);
        assert_eq!(x.languages, vec!["ko"]);
        assert_eq!(x.days, vec![Weekday::Tue, Weekday::Thu]);
        assert_eq!(x.slot_mask().unwrap().count_ones(), 2);
        assert_eq!(x.within_days, Some(7));
        assert_eq!(x.near.unwrap().1, 5.0);
        assert_eq!((x.sort, x.page, x.per_page), (Sort::Distance, 2, 10));
    }

    #[test]
    fn each_bad_field_is_named() {
        let e = q("kind=club&lat=100&lon=0&within_days=0&sort=random").unwrap_err();
        let fields: Vec<&str> = e.iter().map(|f| f.field).collect();
        assert_eq!(fields, vec!["kind", "within_days", "sort", "lat"]);
        assert_eq!(e[0].message_id, "error-search-value");
        assert_eq!(e[3].message_id, "error-search-coordinate");
        let e = q("lat=37&lon=127&radius_km=40000").unwrap_err();
        assert_eq!(e[0].field, "radius_km");
        let e = q("lat=37").unwrap_err();
        assert_eq!(e[0].field, "lon");
        let e = q("sort=distance").unwrap_err();
        assert_eq!(e[0].field, "sort");
        assert!(q("radius_km=5").is_err());
    }

    #[test]
    fn starts_from_a_saved_place_or_the_practice() {
        let pairs = |s: &str| -> Vec<(String, String)> {
            s.split('&')
                .filter_map(|p| p.split_once('='))
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let places = Places {
            saved: Some(Point::new(40.7, -74.0).unwrap()),
            practice: Some(Point::new(37.5, 127.0).unwrap()),
        };
        let x = Query::parse_with(&pairs("near=saved&lat=1&lon=2&radius_km=3"), &places).unwrap();
        assert_eq!(x.near, Some((places.saved.unwrap(), 3.0)));
        let x = Query::parse_with(&pairs("near=practice&sort=distance"), &places).unwrap();
        assert_eq!(x.near, Some((places.practice.unwrap(), 10.0)));
        let x = Query::parse_with(&pairs("near=point&lat=1&lon=2"), &places).unwrap();
        assert_eq!(x.near.unwrap().0, Point::new(1.0, 2.0).unwrap());
        // Nothing saved: the field says so rather than searching everywhere.
        let e = Query::parse_with(&pairs("near=saved"), &Places::default()).unwrap_err();
        assert_eq!(
            (e[0].field, e[0].message_id),
            ("near", "error-search-no-place")
        );
        let e = Query::parse_with(&pairs("near=practice"), &Places::default()).unwrap_err();
        assert_eq!(e[0].message_id, "error-search-no-practice-place");
        let e = Query::parse_with(&pairs("near=home"), &places).unwrap_err();
        assert_eq!(e[0].field, "near");
    }

    #[test]
    fn terms_cannot_carry_query_syntax() {
        let x = q("q=\"a\" OR b* NEAR(c) 우울-증 & d:*").unwrap();
        assert_eq!(x.terms(), vec!["a", "or", "b", "near", "c", "우울", "증"]);
    }
}

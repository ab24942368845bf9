//! Find community at scale: N synthetic resources (default 100,000) written as an import
//! would, then searches with text, three filters and a distance, then matching for one
//! member. Targets (issue 5): search p95 ≤ 20 ms on SQLite and PostgreSQL; matching
//! ≤ 50 ms; importing 100,000 services ≤ 60 s.
//!
//!     cargo bench -p hearth-store --bench directory              # SQLite, 100,000
//!     HEARTH_BENCH_N=20000 cargo bench -p hearth-store --bench directory
//!     HEARTH_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1/bench cargo bench -p hearth-store --bench directory
//!
//! The PostgreSQL database named in the URL is emptied of Hearth's tables first.
//! `HEARTH_BENCH_KEEP=/tmp/d.sqlite3` keeps the SQLite database (for EXPLAIN QUERY PLAN).
//! `HEARTH_BENCH_HSDS_OUT=/tmp/services.json` only writes the same N resources as one HSDS
//! 3.0 JSON page, for timing `hearth directory import` (`scripts/bench-import`).

use chrono::{NaiveDate, NaiveTime, Weekday};
use diesel::Connection;
use hearth_core::circle::Community;
use hearth_core::directory::matching::{rank, Barrier, Candidate, Inputs};
use hearth_core::directory::search::Query;
use hearth_core::directory::{
    Access, Cost, CostKind, Focus, Format, Online, Organization, Participation, Place, Point,
    Recurrence, Resource, SourceKey,
};
use hearth_store::db;
use std::time::Instant;

/// A small deterministic generator, so every run builds the same directory.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "grief",
    "walking",
    "recovery",
    "parents",
    "anxiety",
    "support",
    "circle",
    "evening",
    "morning",
    "coffee",
    "garden",
    "writing",
    "art",
    "music",
    "faith",
    "meditation",
    "caregivers",
    "young",
    "adults",
    "community",
    "friends",
    "neighbours",
    "listening",
    "sharing",
    "hope",
    "모임",
    "걷기",
    "애도",
    "회복",
];

/// Cities to scatter groups around, so a 10 km search finds a realistic neighbourhood.
const CITIES: &[(f64, f64, &str)] = &[
    (40.69, -73.99, "America/New_York"),
    (37.57, 126.98, "Asia/Seoul"),
    (34.05, -118.24, "America/Los_Angeles"),
    (51.51, -0.13, "Europe/London"),
    (39.10, -94.58, "America/Chicago"),
];

fn resource(rng: &mut Rng, i: usize) -> Resource {
    let mut r = Resource::named(&format!(
        "{} {} group {i}",
        rng.pick(WORDS),
        rng.pick(WORDS)
    ));
    // Descriptions draw mostly from a wide vocabulary, as real ones do, so a search word
    // is selective rather than in every record.
    r.description = (0..25)
        .map(|_| {
            if rng.below(10) == 0 {
                rng.pick(WORDS).to_string()
            } else {
                format!("w{}", rng.below(5000))
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    r.organization = Organization {
        name: format!("{} collective", rng.pick(WORDS)),
        ..Organization::default()
    };
    r.kind = Some(*rng.pick(Community::ALL));
    r.focus = vec![*rng.pick(Focus::ALL), *rng.pick(Focus::ALL)];
    r.focus.dedup();
    r.participation = vec![*rng.pick(Participation::ALL)];
    if rng.below(3) == 0 {
        r.access = vec![*rng.pick(Access::ALL)];
    }
    r.languages = vec![if rng.below(4) == 0 { "ko" } else { "en" }.to_string()];
    r.cost = Some(Cost {
        kind: *rng.pick(CostKind::ALL),
        amount_minor: None,
        currency: None,
        note: String::new(),
    });
    let (lat, lon, tz) = *rng.pick(CITIES);
    if rng.below(5) == 0 {
        r.format = Some(Format::Online);
        r.online = Some(Online {
            url: "https://meet.example.org/x".into(),
            ..Online::default()
        });
    } else {
        r.format = Some(Format::InPerson);
        let jitter = |rng: &mut Rng| (rng.below(60_000) as f64 - 30_000.0) / 100_000.0;
        r.place = Some(Place {
            address: format!("{i} Main Street"),
            point: Some(Point {
                lat: lat + jitter(rng),
                lon: lon + jitter(rng),
            }),
            ..Place::default()
        });
    }
    let day = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ][rng.below(7) as usize];
    r.schedules = vec![Recurrence::weekly(
        day,
        NaiveTime::from_hms_opt(7 + rng.below(14) as u32, 0, 0).unwrap(),
        tz,
        60 + 30 * rng.below(3) as u32,
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    )];
    r
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 * p).ceil() as usize).saturating_sub(1)]
}

fn run(url: &str, n: usize) {
    let mut c = db::establish(url).expect("connect");
    c.run_migrations().expect("migrate");
    let now = hearth_store::now();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let list: Vec<Resource> = (0..n).map(|i| resource(&mut rng, i)).collect();

    let t = Instant::now();
    c.transaction::<_, diesel::result::Error, _>(|c| {
        let mut items = Vec::with_capacity(list.len());
        for (i, r) in list.iter().enumerate() {
            let key = SourceKey {
                source: "bench".into(),
                source_id: i.to_string(),
            };
            items.push((key, r.clone()));
        }
        // As an import does: every record in one call, then fresh planner statistics.
        hearth_store::directory::upsert_many(c, &items, now)?;
        hearth_store::directory::refresh_statistics(c)
    })
    .expect("write");
    let write = t.elapsed();
    println!(
        "  write {n} resources in one transaction: {:.1} s ({:.0} per second)",
        write.as_secs_f64(),
        n as f64 / write.as_secs_f64()
    );

    // Text, three filters and a distance, from each city in turn.
    let mut times = vec![];
    let mut hits = 0;
    for k in 0..200 {
        let (lat, lon, _) = CITIES[k % CITIES.len()];
        let q = Query {
            text: WORDS[k % WORDS.len()].to_string(),
            formats: vec![Format::InPerson],
            languages: vec!["en".into()],
            costs: vec![CostKind::Free, CostKind::SlidingScale],
            near: Some((Point { lat, lon }, 10.0)),
            page: 1,
            per_page: 20,
            ..Query::default()
        };
        let t = Instant::now();
        let res = hearth_store::directory::search(&mut c, &q, now).expect("search");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        hits += res.total;
    }
    println!(
        "  search (text + format + language + cost + 10 km), 200 queries: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} matches in all)",
        pct(&mut times.clone(), 0.5),
        pct(&mut times.clone(), 0.95),
        pct(&mut times, 1.0),
        hits
    );

    // Matching as the member page does it: 1,000 candidates by next meeting, then ranking.
    let mut times = vec![];
    for _ in 0..20 {
        let t = Instant::now();
        let q = Query {
            sort: hearth_core::directory::search::Sort::NextMeeting,
            page: 1,
            per_page: 1000,
            ..Query::default()
        };
        let found =
            hearth_store::directory::search_capped(&mut c, &q, now, 1000).expect("candidates");
        let cands: Vec<Candidate> = found.hits.iter().map(|h| h.candidate()).collect();
        let inputs = Inputs {
            circle_gaps: vec![Community::PeerSupport, Community::Activity],
            barriers: vec![Barrier::MeetingNewPeople, Barrier::Cost],
            focus: vec![Focus::Grief],
            faith_welcome: true,
            languages: vec!["en".into()],
            ..Inputs::default()
        };
        let ranked = rank(&cands, &inputs, now, 10);
        assert!(!ranked.is_empty());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "  matching for one member (1,000 candidates), 20 runs: p50 {:.1} ms, p95 {:.1} ms",
        pct(&mut times.clone(), 0.5),
        pct(&mut times, 0.95)
    );
}

/// Ids for the parts of an exported service: the service's id and the part's name.
struct Ids;
impl hearth_core::directory::hsds::IdMaker for Ids {
    fn id(&self, resource_id: &str, part: &str) -> String {
        format!("{resource_id}-{part}")
    }
}

fn write_hsds(path: &str, n: usize) {
    use hearth_core::directory::hsds;
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let services = (0..n)
        .map(|i| hsds::export_service(&format!("bench-{i}"), &resource(&mut rng, i), &Ids))
        .collect();
    let file = std::fs::File::create(path).expect("create the HSDS file");
    serde_json::to_writer(std::io::BufWriter::new(file), &hsds::export_page(services))
        .expect("write the HSDS file");
    println!("wrote {n} services to {path}");
}

fn main() {
    let n: usize = std::env::var("HEARTH_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    if let Ok(out) = std::env::var("HEARTH_BENCH_HSDS_OUT") {
        write_hsds(&out, n);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // HEARTH_BENCH_KEEP=/some/file.sqlite3 keeps the database for reading query plans.
    let path = std::env::var("HEARTH_BENCH_KEEP")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("bench.sqlite3"));
    println!("SQLite ({n} resources)");
    run(path.to_str().unwrap(), n);
    if let Ok(url) = std::env::var("HEARTH_BENCH_POSTGRES_URL") {
        let mut c = db::establish(&url).expect("connect to PostgreSQL");
        use diesel::connection::SimpleConnection;
        c.batch_execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
            .expect("empty the bench database");
        drop(c);
        println!("PostgreSQL ({n} resources)");
        run(&url, n);
    }
}

//! Analysis of a 200-entry circle, with every answer filled in so every rule does its work.
//! Target (issue 4): under 1 ms per analysis.
//!
//!     cargo bench -p hearth-core --bench circle

use chrono::NaiveDate;
use hearth_core::circle::analysis::analyse;
use hearth_core::circle::map::layout;
use hearth_core::circle::{BeMyself, Details, Entry, Frequency, Kind, Ring};
use std::time::Instant;

fn circle(n: usize) -> Vec<Entry> {
    (0..n)
        .map(|i| {
            let lvl = |k: usize| Some(((i + k) % 4) as u8);
            Entry {
                id: format!("01a2-{i:04}"),
                name: format!("Person {i}"),
                kind: Kind::ALL[i % Kind::ALL.len()],
                ring: Ring::ALL[i % 3],
                details: Details {
                    gives: [lvl(0), lvl(1), lvl(2), lvl(3), lvl(4)],
                    receives: [lvl(2), lvl(3), lvl(0), lvl(1), lvl(2)],
                    strain: Some((i % 4) as u8),
                    be_myself: Some(BeMyself::ALL[i % 3]),
                    contact_now: Some(Frequency::ALL[i % 5]),
                    contact_wished: Some(Frequency::ALL[(i + 1) % 5]),
                    last_contact: NaiveDate::from_ymd_opt(2026, 1 + (i % 11) as u32, 1),
                    ..Default::default()
                },
                note: None,
            }
        })
        .collect()
}

fn main() {
    let entries = circle(200);
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let mut findings = 0;
    for _ in 0..50 {
        findings += analyse(&entries, today).findings.len(); // warm-up
    }
    let rounds = 2000;
    let start = Instant::now();
    for _ in 0..rounds {
        findings += analyse(&entries, today).findings.len();
    }
    let per = start.elapsed().as_secs_f64() / rounds as f64;
    let a = analyse(&entries, today);
    let start = Instant::now();
    let mut placed = 0;
    for _ in 0..rounds {
        placed += layout(&entries, &a).len();
    }
    let per_map = start.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "circle analysis: 200 entries, {} findings, {:.1} µs per analysis (target < 1000 µs); map layout {:.1} µs [{}]",
        a.findings.len(),
        per * 1e6,
        per_map * 1e6,
        findings + placed
    );
    assert!(
        per < 1e-3,
        "analysis of 200 entries took {:.3} ms",
        per * 1e3
    );
}

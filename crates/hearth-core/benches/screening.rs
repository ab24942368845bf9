//! Screening throughput on one core: messages of about 300 characters from the corpus,
//! repeated. Target (issue 3): at least 20,000 messages per second.
//!
//!     cargo bench -p hearth-core --bench screening

use hearth_core::safety::Screener;
use std::time::Instant;

fn main() {
    let screener = Screener::builtin();
    let corpus = include_str!("../tests/corpus/crisis-corpus.tsv");
    let texts: Vec<&str> = corpus
        .lines()
        .skip(1)
        .filter_map(|l| l.splitn(4, '\t').nth(3))
        .collect();
    // Build ~300-character messages by joining corpus lines, English and Korean alike.
    let mut messages = vec![];
    let mut cur = String::new();
    for t in texts.iter().cycle().take(texts.len() * 4) {
        cur.push_str(t);
        cur.push(' ');
        if cur.chars().count() >= 300 {
            messages.push(std::mem::take(&mut cur));
        }
    }
    let avg = messages.iter().map(|m| m.chars().count()).sum::<usize>() / messages.len();
    let mut checksum = 0usize;
    for m in &messages {
        checksum += screener.screen(m, None).rules.len(); // warm-up
    }
    let rounds = 20;
    let start = Instant::now();
    for _ in 0..rounds {
        for m in &messages {
            checksum += screener.screen(m, None).rules.len();
        }
    }
    let n = rounds * messages.len();
    let secs = start.elapsed().as_secs_f64();
    println!("screened {n} messages of {avg} characters on average in {secs:.3} s: {:.0} messages/s on one core (checksum {checksum})", n as f64 / secs);
}

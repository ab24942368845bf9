//! The labelled corpus (tests/corpus/crisis-corpus.tsv): per-level precision and recall, and
//! the floors the practice relies on. Run with `--nocapture` to see the table.

use hearth_core::safety::{Lang, Level, Screener};

struct Case {
    level: Level,
    other: bool,
    lang: Lang,
    text: String,
}

fn corpus() -> Vec<Case> {
    let raw = include_str!("corpus/crisis-corpus.tsv");
    raw.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.splitn(4, '\t').collect();
            Case {
                level: Level::parse(f[0]).unwrap_or_else(|| panic!("bad level in {l}")),
                other: f[1] == "1",
                lang: Lang::parse(f[2]).unwrap(),
                text: f[3].to_string(),
            }
        })
        .collect()
}

#[test]
fn corpus_meets_the_floors() {
    let screener = Screener::builtin();
    let cases = corpus();
    assert!(
        cases.len() >= 300,
        "the corpus has {} messages",
        cases.len()
    );
    let levels = [Level::None, Level::Low, Level::Moderate, Level::Severe];
    let mut confusion = [[0usize; 4]; 4];
    let mut misses = vec![];
    let mut other_found = (0, 0);
    for c in &cases {
        let s = screener.screen(&c.text, Some(c.lang));
        assert_eq!(
            s,
            screener.screen(&c.text, None),
            "language detection agrees for: {}",
            c.text
        );
        confusion[c.level as usize][s.level as usize] += 1;
        if c.other {
            other_found.1 += 1;
            if s.concern_for_other {
                other_found.0 += 1;
            }
        }
        if (c.level >= Level::Moderate && s.level < c.level)
            || (c.level == Level::None && s.level >= Level::Moderate)
        {
            misses.push(format!(
                "  want {:<8} got {:<8} [{}] {}",
                c.level.as_str(),
                s.level.as_str(),
                c.lang.as_str(),
                c.text
            ));
        }
    }
    println!("\nlabel \\ rated   none   low  mod  sev   precision  recall");
    for (i, l) in levels.iter().enumerate() {
        let row: usize = confusion[i].iter().sum();
        let col: usize = (0..4).map(|j| confusion[j][i]).sum();
        let p = if col == 0 {
            0.0
        } else {
            confusion[i][i] as f64 / col as f64
        };
        let r = if row == 0 {
            0.0
        } else {
            confusion[i][i] as f64 / row as f64
        };
        println!(
            "{:<14} {:>5} {:>5} {:>4} {:>4}   {:>9.2}  {:>6.2}",
            l.as_str(),
            confusion[i][0],
            confusion[i][1],
            confusion[i][2],
            confusion[i][3],
            p,
            r
        );
    }
    let severe: usize = confusion[3].iter().sum();
    let severe_recall = confusion[3][3] as f64 / severe as f64;
    let modsev: usize = confusion[2].iter().sum::<usize>() + severe;
    let modsev_hit = confusion[2][2] + confusion[2][3] + confusion[3][2] + confusion[3][3];
    let modsev_recall = modsev_hit as f64 / modsev as f64;
    let none: usize = confusion[0].iter().sum();
    let none_alarm = (confusion[0][2] + confusion[0][3]) as f64 / none as f64;
    println!("\nsevere recall {severe_recall:.3} (floor 0.95)");
    println!("moderate-or-severe recall {modsev_recall:.3} (floor 0.90)");
    println!(
        "none rated moderate or above {:.1}% (ceiling 5%)",
        none_alarm * 100.0
    );
    println!(
        "concern for someone else found {}/{}",
        other_found.0, other_found.1
    );
    println!(
        "{} messages; misses against the floors:\n{}",
        cases.len(),
        misses.join("\n")
    );
    assert!(severe_recall >= 0.95, "severe recall {severe_recall:.3}");
    assert!(
        modsev_recall >= 0.90,
        "moderate-or-severe recall {modsev_recall:.3}"
    );
    assert!(none_alarm <= 0.05, "none rated moderate+ {:.3}", none_alarm);
}

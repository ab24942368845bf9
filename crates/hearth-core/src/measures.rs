//! Validated measures: instruments are data files (`instruments/*.json`: items, answer
//! anchors, reverse-scored items, subscales, bands, citation, licence), scored here exactly as
//! clinical.md §A2 gives. PHQ-9 is prorated when at most one item is missing; every other
//! instrument needs every answer. Change over time: reliable change by the published points
//! (PHQ-9 6, GAD-7 4, WHO-5 10 percentage points); recovery and reliable recovery where a
//! caseness cut-off exists.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ko: String,
}

impl Text {
    /// The text in a language, English when a Korean text is missing.
    pub fn get(&self, lang: &str) -> &str {
        if lang == "ko" && !self.ko.is_empty() {
            &self.ko
        } else {
            &self.en
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub value: u8,
    #[serde(flatten)]
    pub text: Text,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    #[serde(flatten)]
    pub text: Text,
    #[serde(default)]
    pub reverse: bool,
    #[serde(default)]
    pub subscale: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub min: f64,
    pub max: f64,
    #[serde(flatten)]
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReliableChange {
    /// The smallest change in points that counts as reliable.
    pub points: f64,
    /// Counted on the percentage score (WHO-5), not the raw total.
    #[serde(default)]
    pub on_percent: bool,
    pub source: String,
    /// Worked out from a published SD and reliability (`estimate`), not a figure published
    /// for routine use; pages say so.
    #[serde(default)]
    pub estimate: bool,
}

/// What a practice supplies to estimate reliable change for an instrument with no published
/// figure (UCLA-3, LSNS-6, MSPSS): a published standard deviation of the score on the scale
/// Hearth reports (the mean 1–7 for MSPSS), a published reliability, and where both come from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ChangeEstimate {
    pub sd: f64,
    pub reliability: f64,
    pub source: String,
}

impl ChangeEstimate {
    /// Jacobson & Truax (1991): SE = SD·√(1 − r), S_diff = √2·SE; a change of at least
    /// 1.96·S_diff is reliable at p < .05.
    pub fn points(&self) -> f64 {
        1.96 * std::f64::consts::SQRT_2 * self.sd * (1.0 - self.reliability).sqrt()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instrument {
    pub id: String,
    pub name: String,
    pub title: Text,
    #[serde(default)]
    pub stem: Text,
    /// `validated` or `working_translation`: how far the Korean text can be trusted.
    #[serde(default)]
    pub korean: Option<String>,
    pub citation: String,
    pub licence: String,
    #[serde(default)]
    pub loinc: Option<String>,
    pub anchors: Vec<Anchor>,
    pub items: Vec<Item>,
    /// Items that may be missing before the score is "incomplete" (prorated when > 0).
    #[serde(default)]
    pub max_missing: usize,
    pub higher_is_worse: bool,
    /// The score is the mean of the answers (MSPSS), not their sum.
    #[serde(default)]
    pub mean: bool,
    /// Raw × this = the percentage score (WHO-5: 4).
    #[serde(default)]
    pub percent_factor: Option<u8>,
    pub bands: Vec<Band>,
    #[serde(default)]
    pub reliable_change: Option<ReliableChange>,
    /// At or above this the score is in the clinical range (PHQ-9 10, GAD-7 8).
    #[serde(default)]
    pub caseness: Option<f64>,
    /// The index of an item that goes to the safety net when answered above 0 (PHQ-9 item 9).
    #[serde(default)]
    pub safety_item: Option<usize>,
    /// Item text is supplied by the practice (licence not confirmed for shipping).
    #[serde(default)]
    pub operator_text: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstrumentError {
    #[error("{file}: {reason}")]
    Bad { file: String, reason: String },
}

fn bad(file: &str, reason: impl Into<String>) -> InstrumentError {
    InstrumentError::Bad {
        file: file.to_string(),
        reason: reason.into(),
    }
}

impl Instrument {
    pub fn parse(file: &str, json: &str) -> Result<Instrument, InstrumentError> {
        let i: Instrument = serde_json::from_str(json).map_err(|e| bad(file, e.to_string()))?;
        if i.items.is_empty() || i.anchors.is_empty() || i.bands.is_empty() {
            return Err(bad(file, "items, anchors and bands must not be empty"));
        }
        if i.safety_item.is_some_and(|s| s >= i.items.len()) {
            return Err(bad(file, "safety_item is not an item"));
        }
        Ok(i)
    }

    pub fn min_answer(&self) -> u8 {
        self.anchors.iter().map(|a| a.value).min().unwrap_or(0)
    }
    pub fn max_answer(&self) -> u8 {
        self.anchors.iter().map(|a| a.value).max().unwrap_or(0)
    }
    /// Whether it can be offered: shipped text, or text the practice supplied.
    pub fn has_text(&self) -> bool {
        self.items.iter().all(|i| !i.text.en.is_empty())
    }
}

macro_rules! shipped {
    ($($id:literal),*) => {
        [$(($id, include_str!(concat!("../instruments/", $id, ".json")))),*]
    };
}

/// The instruments Hearth ships. UCLA-3, LSNS-6 and MSPSS come without item text.
pub fn builtin() -> Vec<Instrument> {
    shipped!("phq9", "phq2", "gad7", "gad2", "who5", "ucla3", "lsns6", "mspss")
        .iter()
        .map(|(id, json)| Instrument::parse(id, json).expect("shipped instruments are valid"))
        .collect()
}

/// Item text a practice supplies for an instrument shipped without it:
/// `{"id": "ucla3", "items": [{"en": "...", "ko": "..."}, …]}`, one per item, in order.
#[derive(Debug, Deserialize)]
pub struct SuppliedText {
    pub id: String,
    pub items: Vec<Text>,
    /// Optional: an estimate of reliable change from published figures.
    #[serde(default)]
    pub reliable_change: Option<ChangeEstimate>,
}

/// Puts supplied text onto the shipped instrument; the scoring never changes.
pub fn supply_text(
    instruments: &mut [Instrument],
    file: &str,
    json: &str,
) -> Result<(), InstrumentError> {
    let s: SuppliedText = serde_json::from_str(json).map_err(|e| bad(file, e.to_string()))?;
    let inst = instruments
        .iter_mut()
        .find(|i| i.id == s.id && i.operator_text)
        .ok_or_else(|| {
            bad(
                file,
                format!("\"{}\" is not an instrument that takes supplied text", s.id),
            )
        })?;
    if s.items.len() != inst.items.len() {
        return Err(bad(
            file,
            format!(
                "{} has {} items; the file gives {}",
                inst.name,
                inst.items.len(),
                s.items.len()
            ),
        ));
    }
    if let Some(n) = s.items.iter().position(|t| t.en.trim().is_empty()) {
        return Err(bad(file, format!("item {} has no English text", n + 1)));
    }
    if let Some(e) = &s.reliable_change {
        if !(e.sd.is_finite() && e.sd > 0.0) {
            return Err(bad(
                file,
                "reliable_change.sd must be a number above 0".to_string(),
            ));
        }
        if !(e.reliability.is_finite() && (0.0..1.0).contains(&e.reliability)) {
            return Err(bad(
                file,
                "reliable_change.reliability must be at least 0 and below 1".to_string(),
            ));
        }
        if e.source.trim().is_empty() {
            return Err(bad(
                file,
                "reliable_change.source must say where the SD and reliability come from"
                    .to_string(),
            ));
        }
        inst.reliable_change = Some(ReliableChange {
            points: e.points(),
            on_percent: false,
            source: e.source.trim().to_string(),
            estimate: true,
        });
    }
    for (item, text) in inst.items.iter_mut().zip(s.items) {
        item.text = text;
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// The total (or the mean, for mean-scored instruments), prorated when allowed.
    pub total: f64,
    /// The percentage score where the instrument defines one.
    pub percent: Option<f64>,
    /// Index into the instrument's bands.
    pub band: Option<usize>,
    pub subscales: BTreeMap<String, f64>,
    pub prorated: bool,
    /// Above the caseness cut-off.
    pub clinical_range: Option<bool>,
    /// The answer to the safety item, when above 0.
    pub safety_answer: Option<u8>,
}

/// Why answers cannot be scored. `item` is 1-based, as people count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    WrongCount {
        expected: usize,
        got: usize,
    },
    OutOfRange {
        item: usize,
    },
    /// More items missing than the instrument allows: the result is "incomplete".
    Incomplete {
        missing: usize,
    },
}

pub fn score(inst: &Instrument, answers: &[Option<u8>]) -> Result<Score, AnswerError> {
    if answers.len() != inst.items.len() {
        return Err(AnswerError::WrongCount {
            expected: inst.items.len(),
            got: answers.len(),
        });
    }
    let (lo, hi) = (inst.min_answer(), inst.max_answer());
    for (i, a) in answers.iter().enumerate() {
        if a.is_some_and(|v| v < lo || v > hi || !inst.anchors.iter().any(|x| x.value == v)) {
            return Err(AnswerError::OutOfRange { item: i + 1 });
        }
    }
    let missing = answers.iter().filter(|a| a.is_none()).count();
    if missing > inst.max_missing {
        return Err(AnswerError::Incomplete { missing });
    }
    let value = |i: usize, v: u8| -> f64 {
        if inst.items[i].reverse {
            f64::from(hi + lo - v)
        } else {
            f64::from(v)
        }
    };
    let answered: Vec<(usize, f64)> = answers
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.map(|v| (i, value(i, v))))
        .collect();
    let sum: f64 = answered.iter().map(|(_, v)| v).sum();
    let n = inst.items.len() as f64;
    let total = if inst.mean {
        round2(sum / answered.len() as f64)
    } else if missing > 0 {
        // Prorated: the mean of the answered items times the number of items, rounded.
        (sum / answered.len() as f64 * n).round()
    } else {
        sum
    };
    let mut subscales = BTreeMap::new();
    let mut names: Vec<&String> = inst
        .items
        .iter()
        .filter_map(|i| i.subscale.as_ref())
        .collect();
    names.dedup();
    names.sort();
    names.dedup();
    for name in names {
        let vals: Vec<f64> = answered
            .iter()
            .filter(|(i, _)| inst.items[*i].subscale.as_ref() == Some(name))
            .map(|(_, v)| *v)
            .collect();
        let s: f64 = vals.iter().sum();
        subscales.insert(
            name.clone(),
            if inst.mean {
                round2(s / vals.len() as f64)
            } else {
                s
            },
        );
    }
    let band = inst
        .bands
        .iter()
        .position(|b| total >= b.min - 1e-9 && total <= b.max + 1e-9)
        .or_else(|| {
            // Means between two bands' edges (e.g. 2.95) fall to the band below.
            inst.bands.iter().rposition(|b| total >= b.min)
        });
    Ok(Score {
        total,
        percent: inst.percent_factor.map(|f| total * f64::from(f)),
        band,
        subscales,
        prorated: missing > 0 && !inst.mean,
        clinical_range: inst.caseness.map(|c| total >= c),
        safety_answer: inst.safety_item.and_then(|i| answers[i]).filter(|v| *v > 0),
    })
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// What the safety net makes of a safety-item answer: "several days" and "more than half
/// the days" are moderate, "nearly every day" severe.
pub fn safety_level(answer: u8) -> crate::safety::Level {
    match answer {
        0 => crate::safety::Level::None,
        1 | 2 => crate::safety::Level::Moderate,
        _ => crate::safety::Level::Severe,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    ReliableImprovement,
    ReliableDeterioration,
    NoReliableChange,
    /// The instrument has no published reliable-change figure.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub delta: f64,
    pub direction: Direction,
    /// From the clinical range to below it.
    pub recovery: bool,
    /// Recovery with a reliable improvement.
    pub reliable_recovery: bool,
}

pub fn change(inst: &Instrument, before: &Score, after: &Score) -> Change {
    let delta = after.total - before.total;
    let direction = match &inst.reliable_change {
        None => Direction::Unknown,
        Some(rc) => {
            let d = if rc.on_percent {
                after.percent.unwrap_or(after.total) - before.percent.unwrap_or(before.total)
            } else {
                delta
            };
            let better = if inst.higher_is_worse { -d } else { d };
            if better >= rc.points {
                Direction::ReliableImprovement
            } else if -better >= rc.points {
                Direction::ReliableDeterioration
            } else {
                Direction::NoReliableChange
            }
        }
    };
    let recovery = before.clinical_range == Some(true) && after.clinical_range == Some(false);
    Change {
        delta,
        direction,
        recovery,
        reliable_recovery: recovery && direction == Direction::ReliableImprovement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(id: &str) -> Instrument {
        builtin().into_iter().find(|i| i.id == id).unwrap()
    }

    fn all(v: &[u8]) -> Vec<Option<u8>> {
        v.iter().map(|x| Some(*x)).collect()
    }

    fn band_en(i: &Instrument, s: &Score) -> String {
        i.bands[s.band.unwrap()].text.en.clone()
    }

    #[test]
    fn phq9_vectors() {
        let i = get("phq9");
        let s = score(&i, &all(&[0, 0, 0, 0, 0, 0, 0, 0, 0])).unwrap();
        assert_eq!((s.total, band_en(&i, &s).as_str()), (0.0, "Minimal"));
        for (answers, total, band) in [
            (vec![1, 1, 1, 1, 0, 0, 0, 0, 0], 4.0, "Minimal"),
            (vec![1, 1, 1, 1, 1, 0, 0, 0, 0], 5.0, "Mild"),
            (vec![2, 2, 2, 2, 1, 0, 0, 0, 0], 9.0, "Mild"),
            (vec![2, 2, 2, 2, 2, 0, 0, 0, 0], 10.0, "Moderate"),
            (vec![3, 3, 3, 3, 3, 0, 0, 0, 0], 15.0, "Moderately severe"),
            (vec![3, 3, 3, 3, 3, 3, 2, 0, 0], 20.0, "Severe"),
            (vec![3, 3, 3, 3, 3, 3, 3, 3, 3], 27.0, "Severe"),
        ] {
            let s = score(&i, &all(&answers)).unwrap();
            assert_eq!(
                (s.total, band_en(&i, &s).as_str()),
                (total, band),
                "{answers:?}"
            );
        }
        assert_eq!(
            score(&i, &all(&[2, 2, 2, 2, 2, 0, 0, 0, 0]))
                .unwrap()
                .clinical_range,
            Some(true)
        );
    }

    #[test]
    fn phq9_prorates_one_missing_item_and_no_more() {
        let i = get("phq9");
        // Eight answers summing 16: 16 / 8 × 9 = 18.
        let mut a = all(&[2, 2, 2, 2, 2, 2, 2, 2, 0]);
        a[8] = None;
        let s = score(&i, &a).unwrap();
        assert_eq!((s.total, s.prorated), (18.0, true));
        a[0] = None;
        assert_eq!(score(&i, &a), Err(AnswerError::Incomplete { missing: 2 }));
        assert_eq!(
            score(&i, &all(&[0, 0])),
            Err(AnswerError::WrongCount {
                expected: 9,
                got: 2
            })
        );
        assert_eq!(
            score(&i, &all(&[0, 0, 4, 0, 0, 0, 0, 0, 0])),
            Err(AnswerError::OutOfRange { item: 3 })
        );
    }

    #[test]
    fn phq9_item_9_goes_to_the_safety_net_by_its_answer() {
        let i = get("phq9");
        let s = score(&i, &all(&[0, 0, 0, 0, 0, 0, 0, 0, 1])).unwrap();
        assert_eq!(s.safety_answer, Some(1));
        assert_eq!(safety_level(1), crate::safety::Level::Moderate);
        assert_eq!(safety_level(3), crate::safety::Level::Severe);
        assert_eq!(
            score(&i, &all(&[3, 3, 3, 3, 3, 3, 3, 3, 0]))
                .unwrap()
                .safety_answer,
            None
        );
    }

    #[test]
    fn short_forms_gad7_and_who5() {
        let phq2 = get("phq2");
        assert_eq!(score(&phq2, &all(&[1, 1])).unwrap().band, Some(0));
        assert_eq!(
            score(&phq2, &all(&[2, 1])).unwrap().band,
            Some(1),
            "≥ 3 screens positive"
        );
        assert_eq!(
            score(&phq2, &[Some(1), None]),
            Err(AnswerError::Incomplete { missing: 1 })
        );
        let gad7 = get("gad7");
        for (a, band) in [
            ([1, 1, 1, 1, 0, 0, 0], "Minimal"),
            ([1, 1, 1, 1, 1, 0, 0], "Mild"),
            ([2, 2, 2, 2, 2, 0, 0], "Moderate"),
            ([3, 3, 3, 3, 3, 0, 0], "Severe"),
        ] {
            let s = score(&gad7, &all(&a)).unwrap();
            assert_eq!(band_en(&gad7, &s), band);
        }
        assert_eq!(
            score(&gad7, &all(&[2, 2, 2, 2, 0, 0, 0]))
                .unwrap()
                .clinical_range,
            Some(true),
            "caseness ≥ 8"
        );
        let who5 = get("who5");
        let s = score(&who5, &all(&[3, 3, 2, 2, 2])).unwrap();
        assert_eq!((s.total, s.percent), (12.0, Some(48.0)));
        assert!(band_en(&who5, &s).starts_with("Low wellbeing (below"));
        let s = score(&who5, &all(&[2, 2, 1, 1, 1])).unwrap();
        assert_eq!(s.percent, Some(28.0));
        assert!(band_en(&who5, &s).contains("28% or less"));
        assert_eq!(
            score(&who5, &all(&[5, 5, 5, 5, 5])).unwrap().percent,
            Some(100.0)
        );
        assert_eq!(
            score(&who5, &all(&[6, 5, 5, 5, 5])),
            Err(AnswerError::OutOfRange { item: 1 })
        );
    }

    #[test]
    fn reliable_change_and_recovery() {
        let phq9 = get("phq9");
        let s = |v: &[u8]| score(&phq9, &all(v)).unwrap();
        let before = s(&[2, 2, 2, 2, 2, 2, 2, 0, 0]); // 14, clinical
        let after = s(&[1, 1, 1, 1, 1, 1, 2, 0, 0]); // 8: −6, below caseness
        let c = change(&phq9, &before, &after);
        assert_eq!(
            (c.delta, c.direction),
            (-6.0, Direction::ReliableImprovement)
        );
        assert!(c.recovery && c.reliable_recovery);
        let small = change(&phq9, &before, &s(&[2, 2, 2, 2, 1, 1, 1, 0, 0]));
        assert_eq!(small.direction, Direction::NoReliableChange);
        let worse = change(&phq9, &after, &before);
        assert_eq!(worse.direction, Direction::ReliableDeterioration);
        let gad7 = get("gad7");
        let g = |v: &[u8]| score(&gad7, &all(v)).unwrap();
        let c = change(
            &gad7,
            &g(&[2, 2, 2, 1, 1, 0, 0]),
            &g(&[1, 1, 1, 0, 1, 0, 0]),
        );
        assert_eq!(
            (c.delta, c.direction, c.recovery),
            (-4.0, Direction::ReliableImprovement, true)
        );
        let who5 = get("who5");
        let w = |v: &[u8]| score(&who5, &all(v)).unwrap();
        // 40% → 52%: 12 percentage points better.
        assert_eq!(
            change(&who5, &w(&[2, 2, 2, 2, 2]), &w(&[3, 3, 3, 2, 2])).direction,
            Direction::ReliableImprovement
        );
        assert_eq!(
            change(&who5, &w(&[2, 2, 2, 2, 2]), &w(&[3, 2, 2, 2, 2])).direction,
            Direction::NoReliableChange
        );
        assert_eq!(
            change(
                &get("phq2"),
                &score(&get("phq2"), &all(&[3, 3])).unwrap(),
                &score(&get("phq2"), &all(&[0, 0])).unwrap()
            )
            .direction,
            Direction::Unknown
        );
    }

    #[test]
    fn a_practice_can_supply_a_reliable_change_estimate() {
        let mut all_inst = builtin();
        let items = r#"[{"en": "a"}, {"en": "b"}, {"en": "c"}]"#;
        // SD 1.72 (Igarashi 2019, Japanese TILS) and alpha .82 (Trucharte 2021, Spanish
        // TILS): SE = 1.72·√0.18 = 0.730, S_diff = 1.032, 1.96·S_diff = 2.02 points.
        let file = format!(
            r#"{{"id": "ucla3", "items": {items}, "reliable_change": {{"sd": 1.72, "reliability": 0.82, "source": "SD: Igarashi 2019; alpha: Trucharte 2021"}}}}"#
        );
        supply_text(&mut all_inst, "ucla3.json", &file).unwrap();
        let ucla = all_inst.iter().find(|i| i.id == "ucla3").unwrap();
        let rc = ucla.reliable_change.as_ref().unwrap();
        assert!(rc.estimate);
        assert!((rc.points - 2.02).abs() < 0.005, "{}", rc.points);
        let at = |a: &[u8]| score(ucla, &all(a)).unwrap();
        // Loneliness: lower is better. Down 3 is reliable; down 2 is not.
        assert_eq!(
            change(ucla, &at(&[3, 3, 2]), &at(&[2, 2, 1])).direction,
            Direction::ReliableImprovement
        );
        assert_eq!(
            change(ucla, &at(&[3, 3, 2]), &at(&[3, 2, 1])).direction,
            Direction::NoReliableChange
        );
        assert_eq!(
            change(ucla, &at(&[1, 1, 1]), &at(&[2, 2, 2])).direction,
            Direction::ReliableDeterioration
        );
        // Figures that cannot be right are refused with the file named.
        for (bad_rc, why) in [
            (r#"{"sd": 0, "reliability": 0.8, "source": "x"}"#, "sd"),
            (
                r#"{"sd": 1.7, "reliability": 1.0, "source": "x"}"#,
                "reliability",
            ),
            (
                r#"{"sd": 1.7, "reliability": 0.8, "source": " "}"#,
                "source",
            ),
        ] {
            let mut fresh = builtin();
            let file =
                format!(r#"{{"id": "ucla3", "items": {items}, "reliable_change": {bad_rc}}}"#);
            let e = supply_text(&mut fresh, "ucla3.json", &file).unwrap_err();
            assert!(
                e.to_string().contains(why) && e.to_string().starts_with("ucla3.json"),
                "{e}"
            );
        }
    }

    #[test]
    fn operator_supplied_instruments_score_and_take_text() {
        let mut all_inst = builtin();
        let ucla = all_inst.iter().find(|i| i.id == "ucla3").unwrap();
        assert!(
            !ucla.has_text(),
            "hidden until the practice supplies the text"
        );
        let s = score(ucla, &all(&[2, 2, 2])).unwrap();
        assert_eq!(
            (s.total, ucla.bands[s.band.unwrap()].text.en.as_str()),
            (6.0, "Lonely (6–9)")
        );
        let lsns = all_inst.iter().find(|i| i.id == "lsns6").unwrap();
        let s = score(lsns, &all(&[2, 2, 1, 3, 1, 2])).unwrap();
        assert_eq!(
            (s.total, s.subscales["family"], s.subscales["friends"]),
            (11.0, 5.0, 6.0)
        );
        assert!(lsns.bands[s.band.unwrap()].text.en.starts_with("At risk"));
        let mspss = all_inst.iter().find(|i| i.id == "mspss").unwrap();
        let s = score(mspss, &all(&[7, 7, 5, 5, 7, 3, 3, 5, 3, 7, 5, 3])).unwrap();
        assert_eq!(s.total, 5.0);
        assert_eq!(
            (
                s.subscales["significant_other"],
                s.subscales["family"],
                s.subscales["friends"]
            ),
            (7.0, 5.0, 3.0)
        );
        assert_eq!(
            mspss.bands[s.band.unwrap()].text.en,
            "Moderate support (mean 3–5)"
        );
        let s = score(mspss, &all(&[6, 6, 5, 5, 6, 5, 5, 5, 5, 6, 5, 5])).unwrap();
        assert_eq!(s.total, 5.33);
        assert_eq!(
            mspss.bands[s.band.unwrap()].text.en,
            "High support (mean 5.1–7)"
        );
        let ok = r#"{"id": "ucla3", "items": [{"en": "a"}, {"en": "b", "ko": "나"}, {"en": "c"}]}"#;
        supply_text(&mut all_inst, "ucla3.json", ok).unwrap();
        assert!(all_inst
            .iter()
            .find(|i| i.id == "ucla3")
            .unwrap()
            .has_text());
        let short = r#"{"id": "lsns6", "items": [{"en": "a"}]}"#;
        let err = supply_text(&mut all_inst, "lsns6.json", short)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("lsns6.json") && err.contains("6 items"),
            "{err}"
        );
        assert!(
            supply_text(&mut all_inst, "x.json", r#"{"id": "phq9", "items": []}"#).is_err(),
            "shipped text is not replaced"
        );
    }
}

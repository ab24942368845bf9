//! Measures' service: scoring and saving a result, and sending a PHQ-9 item 9 answer above 0
//! to the safety net with a level set by the answer.

use crate::safety;
use crate::state::{AppState, DbFailure};
use hearth_core::account::FieldError;
use hearth_core::measures::{self, AnswerError, Instrument, Score};
use hearth_core::safety::alerts::{Card, Source};
use hearth_core::safety::Level;

/// Item fields, 1-based as people count, for naming the item in errors.
pub const ITEM_FIELDS: [&str; 20] = [
    "item_1", "item_2", "item_3", "item_4", "item_5", "item_6", "item_7", "item_8", "item_9",
    "item_10", "item_11", "item_12", "item_13", "item_14", "item_15", "item_16", "item_17",
    "item_18", "item_19", "item_20",
];

pub fn item_field(n: usize) -> &'static str {
    ITEM_FIELDS
        .get(n.saturating_sub(1))
        .copied()
        .unwrap_or("answers")
}

/// An instrument that can be taken: known, and with its item text.
pub fn offered(state: &AppState, id: &str) -> Option<Instrument> {
    state
        .instruments()
        .iter()
        .find(|i| i.id == id && i.has_text())
        .cloned()
}

pub fn answer_errors(e: AnswerError) -> Vec<FieldError> {
    match e {
        AnswerError::WrongCount { .. } => vec![FieldError::new("answers", "error-measure-count")],
        AnswerError::OutOfRange { item } => {
            vec![FieldError::new(item_field(item), "error-measure-range")]
        }
        AnswerError::Incomplete { .. } => {
            vec![FieldError::new("answers", "error-measure-incomplete")]
        }
    }
}

pub struct Saved {
    pub id: String,
    pub score: Score,
    pub card: Option<Card>,
}

/// Scores and saves; field errors when the answers cannot be scored (nothing is saved).
pub async fn record(
    state: &AppState,
    member_id: &str,
    inst: &Instrument,
    answers: Vec<Option<u8>>,
    client_addr: Option<String>,
) -> Result<Result<Saved, Vec<FieldError>>, DbFailure> {
    let score = match measures::score(inst, &answers) {
        Ok(s) => s,
        Err(e) => {
            // Name every missing item too, so the form can mark each.
            let mut errs = answer_errors(e);
            if errs.iter().any(|f| f.field == "answers") {
                for (i, a) in answers.iter().enumerate() {
                    if a.is_none() {
                        errs.push(FieldError::new(item_field(i + 1), "error-measure-missing"));
                    }
                }
            }
            return Ok(Err(errs));
        }
    };
    let level = score
        .safety_answer
        .map(measures::safety_level)
        .unwrap_or(Level::None);
    let card = match level {
        Level::Severe => Some(Card::Severe),
        Level::Moderate => Some(Card::Moderate),
        _ => None,
    };
    let settings = state.settings().await.unwrap_or_default();
    let (mid, iid, now, s2) = (
        member_id.to_string(),
        inst.id.clone(),
        state.now(),
        score.clone(),
    );
    let id = state
        .tx(move |c| {
            let id = hearth_store::measures::insert(c, &mid, &iid, &answers, &s2, now)?;
            safety::record_signal(
                c,
                &settings,
                &mid,
                level,
                Source::Measure,
                now,
                client_addr.as_deref(),
            )?;
            Ok(id)
        })
        .await?;
    state.wake_jobs();
    Ok(Ok(Saved { id, score, card }))
}

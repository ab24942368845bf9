//! My circle's service: saving an entry (screening its words first, keeping a snapshot)
//! and removing one (keeping the safety plan whole). Pages and the API both use it.

use crate::pages::circle::field_message;
use crate::safety;
use crate::state::{AppState, DbFailure};
use chrono::NaiveDate;
use hearth_core::account::FieldError;
use hearth_core::circle::{self as dom, Entry};
use hearth_core::safety::alerts::{Card, Source};
use hearth_store::{circle, safety_plans};

#[derive(Debug)]
pub enum SaveError {
    /// Not the member's entry (or no such entry).
    NotFound,
    Invalid(Vec<FieldError>),
}

/// Today in the member's own time zone: "we connected today" means their today.
pub fn today(tz: &str) -> NaiveDate {
    let tz: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::UTC);
    chrono::Utc::now().with_timezone(&tz).date_naive()
}

/// Saves one entry (new when `e.id` is empty) with its snapshot, screening the note first.
/// Returns the entry id and the card to show, or the field errors.
pub async fn save_entry(
    state: &AppState,
    member_id: &str,
    tz: &str,
    mut e: Entry,
    client_addr: Option<String>,
) -> Result<Result<(String, Option<Card>), SaveError>, DbFailure> {
    let problems = e.check(today(tz));
    if !problems.is_empty() {
        return Ok(Err(SaveError::Invalid(
            problems
                .into_iter()
                .map(|p| FieldError::new(p.field, field_message(p.problem)))
                .collect(),
        )));
    }
    let (mid, eid) = (member_id.to_string(), e.id.clone());
    let (before, count) = state
        .db(move |c| {
            let before = if eid.is_empty() {
                None
            } else {
                circle::find(c, &mid, &eid)?
            };
            Ok((before, circle::count(c, &mid)?))
        })
        .await?;
    if !e.id.is_empty() && before.is_none() {
        return Ok(Err(SaveError::NotFound));
    }
    if e.id.is_empty() && count as usize >= dom::MAX_ENTRIES {
        return Ok(Err(SaveError::Invalid(vec![FieldError::new(
            "name",
            "error-circle-full",
        )])));
    }
    // Only words that are new are screened again, as with the safety plan.
    let new_words: Vec<&str> = [e.note.as_deref(), Some(e.name.as_str())]
        .into_iter()
        .flatten()
        .filter(|w| {
            before
                .as_ref()
                .is_none_or(|b| b.note.as_deref() != Some(*w) && b.name != *w)
        })
        .collect();
    let screening = safety::screen(state, &new_words);
    let card = safety::card(&screening);
    let settings = state.settings().await.unwrap_or_default();
    let (mid, now, level) = (member_id.to_string(), state.now(), screening.level);
    e.note = e.note.filter(|n| !n.trim().is_empty());
    let is_new = e.id.is_empty();
    let id = state
        .tx(move |c| {
            let id = if e.id.is_empty() {
                // Counted again inside the transaction, so two saves at once cannot both
                // pass the limit.
                if circle::count(c, &mid)? as usize >= dom::MAX_ENTRIES {
                    return Ok(None);
                }
                circle::insert(c, &mid, &e, now)?
            } else if circle::update(c, &mid, &e, now)? {
                e.id.clone()
            } else {
                // Removed in the meantime: nothing saved, nothing signalled.
                return Ok(None);
            };
            circle::changed(c, &mid, now)?;
            safety::record_signal(
                c,
                &settings,
                &mid,
                level,
                Source::CircleNote,
                now,
                client_addr.as_deref(),
            )?;
            Ok(Some(id))
        })
        .await?;
    let Some(id) = id else {
        return Ok(Err(if is_new {
            SaveError::Invalid(vec![FieldError::new("name", "error-circle-full")])
        } else {
            SaveError::NotFound
        }));
    };
    state.wake_jobs();
    Ok(Ok((id, card)))
}

/// Removes an entry; if the safety plan lists it, it leaves the plan in the same
/// transaction, so the plan never points at someone who is gone. `false`: not theirs.
pub async fn delete_entry(state: &AppState, member_id: &str, id: &str) -> Result<bool, DbFailure> {
    let (mid, id, now) = (member_id.to_string(), id.to_string(), state.now());
    state
        .tx(move |c| {
            if !circle::delete(c, &mid, &id)? {
                return Ok(false);
            }
            if let Some((mut plan, _)) = safety_plans::find(c, &mid)? {
                if plan.uses_circle_entry(&id) {
                    plan.forget_circle_entry(&id);
                    safety_plans::save(c, &mid, &plan, now)?;
                }
            }
            circle::changed(c, &mid, now)?;
            Ok(true)
        })
        .await
}

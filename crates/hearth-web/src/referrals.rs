//! Community referrals: a clinician sends one to a member in their care; the member says
//! what they made of it. Pages call these; the lifecycle is in hearth-core.

use crate::state::{AppState, DbFailure};
use hearth_core::account::FieldError;
use hearth_core::directory::referral::{apply, Event};
use hearth_store::referrals as store;

/// The longest note a clinician may send with a referral.
pub const MAX_NOTE: usize = 1000;

pub enum Sent {
    Ok(String),
    Invalid(Vec<FieldError>),
    /// No active care link, or no such resource: the same answer for both.
    NotFound,
}

pub async fn send(
    state: &AppState,
    clinician_id: &str,
    member_id: &str,
    resource_id: &str,
    note: &str,
) -> Result<Sent, DbFailure> {
    let note = note.trim().to_string();
    if note.chars().count() > MAX_NOTE {
        return Ok(Sent::Invalid(vec![FieldError::new(
            "note",
            "error-too-long",
        )]));
    }
    let (cid, mid, rid, now) = (
        clinician_id.to_string(),
        member_id.to_string(),
        resource_id.to_string(),
        state.now(),
    );
    state
        .tx(move |c| {
            if !store::may_refer(c, &cid, &mid)? {
                return Ok(Sent::NotFound);
            }
            if hearth_store::directory::get(c, &rid)?
                .filter(hearth_store::directory::listed)
                .is_none()
            {
                return Ok(Sent::Invalid(vec![FieldError::new(
                    "resource",
                    "error-referral-resource",
                )]));
            }
            let note = (!note.is_empty()).then_some(note.as_str());
            Ok(Sent::Ok(store::insert(c, &cid, &mid, &rid, note, now)?))
        })
        .await
}

pub enum Answered {
    Ok,
    /// The answer does not fit where the referral stands (or it has expired).
    Invalid,
    NotFound,
}

pub async fn respond(
    state: &AppState,
    member_id: &str,
    id: &str,
    event: Event,
) -> Result<Answered, DbFailure> {
    let (mid, id, now) = (member_id.to_string(), id.to_string(), state.now());
    state
        .tx(move |c| {
            let Some(r) = store::find_for_member(c, &mid, &id)? else {
                return Ok(Answered::NotFound);
            };
            // A group taken out of the directory takes no more answers.
            if hearth_store::directory::get(c, &r.resource_id)?
                .filter(hearth_store::directory::listed)
                .is_none()
            {
                return Ok(Answered::Invalid);
            }
            let Some((status, reason, outcome)) = apply(r.status_at(now), event) else {
                return Ok(Answered::Invalid);
            };
            // A reason or outcome given earlier stays unless this answer brings a new one;
            // the update holds only if nobody moved the referral since it was read.
            let moved = store::set_status(
                c,
                &id,
                r.status,
                status,
                reason.or(r.reason),
                outcome.or(r.outcome),
                now,
            )?;
            Ok(if moved {
                Answered::Ok
            } else {
                Answered::Invalid
            })
        })
        .await
}

/// Opening the list counts as seeing what was sent.
pub async fn mark_seen(state: &AppState, member_id: &str) -> Result<(), DbFailure> {
    use hearth_core::directory::referral::Status;
    let (mid, now) = (member_id.to_string(), state.now());
    state
        .tx(move |c| {
            for r in store::for_member(c, &mid)? {
                if r.status_at(now) == Status::Sent {
                    // Only from "sent": an answer given meanwhile is never overwritten.
                    store::set_status(c, &r.id, Status::Sent, Status::Seen, None, None, now)?;
                }
            }
            Ok(())
        })
        .await
}

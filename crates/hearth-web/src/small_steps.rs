//! Small steps: starting a ladder toward a community and changing it, and its optional
//! reminders through the durable jobs table. Words the member writes into a step are
//! screened like all member text, and saved exactly as written.

use crate::safety;
use crate::state::{AppState, DbFailure};
use chrono::NaiveDateTime;
use hearth_core::account::FieldError;
use hearth_core::circle::{Community, Entry, Kind, Ring};
use hearth_core::directory::ladder::{Ladder, Problem, Reminder};
use hearth_core::safety::alerts::{Card, Source};
use hearth_store::small_steps as store;
use hearth_store::{jobs, DbConn};
use serde::{Deserialize, Serialize};

pub const JOB_REMINDER: &str = "small_step_reminder";

#[derive(Debug, Serialize, Deserialize)]
pub struct ReminderJob {
    pub member: String,
    pub ladder: String,
    /// The ladder's `reminder_since` when this was queued; a job from before a change
    /// does nothing.
    pub version: String,
}

/// Queues the ladder's next reminder, if it has one.
pub fn queue_reminder(
    c: &mut DbConn,
    member_id: &str,
    ladder_id: &str,
    ladder: &Ladder,
    resource: &hearth_core::directory::Resource,
    now: NaiveDateTime,
) -> diesel::QueryResult<()> {
    let (Some(at), Some(since)) = (ladder.next_reminder(resource, now), ladder.reminder_since)
    else {
        return Ok(());
    };
    let payload = serde_json::to_string(&ReminderJob {
        member: member_id.to_string(),
        ladder: ladder_id.to_string(),
        version: since.to_string(),
    })
    .expect("job serializes");
    if !jobs::waiting(c, JOB_REMINDER, &payload, now)? {
        jobs::enqueue(c, JOB_REMINDER, &payload, at)?;
    }
    Ok(())
}

/// One change to a ladder.
#[derive(Debug, Clone)]
pub enum Action {
    Tick(u32),
    Untick(u32),
    Edit(u32, String),
    Add(String),
    Remove(u32),
    Up(u32),
    Down(u32),
    Pause,
    /// Carries on, with any reminder starting again from now.
    Resume,
    /// Turns the reminder on (which kind) or off.
    Remind(Option<Reminder>),
    /// The ladder is done: the community joins the member's circle (outer circle).
    ToCircle,
}

/// What became of a change.
pub enum Outcome {
    Saved(Option<Card>),
    AddedToCircle,
    /// Not saved, with what to fix, and the card if the words written called for one.
    Invalid(Vec<FieldError>, Option<Card>),
    NotFound,
}

/// Starts (or reopens) the member's ladder toward a listed resource; `None` if there is
/// no such resource for them.
pub async fn start(
    state: &AppState,
    member_id: &str,
    resource_id: &str,
) -> Result<Option<String>, DbFailure> {
    // Two starts at once both find no ladder; the second insert then breaks the unique
    // key and its transaction fails. Trying once more finds the first one's ladder.
    match start_once(state, member_id, resource_id).await {
        Err(_) => start_once(state, member_id, resource_id).await,
        ok => ok,
    }
}

async fn start_once(
    state: &AppState,
    member_id: &str,
    resource_id: &str,
) -> Result<Option<String>, DbFailure> {
    let (mid, rid, now) = (member_id.to_string(), resource_id.to_string(), state.now());
    state
        .tx(move |c| {
            let Some(r) =
                hearth_store::directory::get(c, &rid)?.filter(hearth_store::directory::listed)
            else {
                return Ok(None);
            };
            if let Some(s) = store::find_for_resource(c, &mid, &rid)? {
                return Ok(Some(s.id));
            }
            let ladder = Ladder::for_resource(&r.resource);
            Ok(Some(store::insert(c, &mid, &rid, &ladder, now)?))
        })
        .await
}

fn problem_message(p: Problem) -> &'static str {
    match p {
        Problem::NoSuchStep => "error-steps-no-step",
        Problem::Empty => "error-required",
        Problem::TooLong => "error-too-long",
        Problem::TooMany => "error-steps-too-many",
    }
}

/// The circle kind a community of this kind becomes.
fn circle_kind(k: Option<Community>) -> Kind {
    match k {
        Some(Community::Professional) => Kind::TherapyGroup,
        Some(Community::PeerSupport) => Kind::PeerSupportGroup,
        Some(Community::Faith) => Kind::FaithCommunity,
        Some(Community::Activity) => Kind::ActivityGroup,
        Some(Community::Online) => Kind::OnlineCommunity,
        Some(Community::FamilyFriends) | None => Kind::Other,
    }
}

pub async fn act(
    state: &AppState,
    member_id: &str,
    member_tz: &str,
    ladder_id: &str,
    action: Action,
    client_addr: Option<String>,
) -> Result<Outcome, DbFailure> {
    let written = match &action {
        Action::Edit(_, t) | Action::Add(t) => Some(t.clone()),
        _ => None,
    };
    let screening = safety::screen(
        state,
        &written.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let card = safety::card(&screening);
    let level = screening.level;
    let settings = state.settings().await.unwrap_or_default();
    let (mid, lid, now) = (member_id.to_string(), ladder_id.to_string(), state.now());
    let today = crate::circle::today(member_tz);
    let outcome = state
        .tx(move |c| {
            // Words that reach the screener reach the care team when they must, whether or
            // not the step itself can be saved (too long, too many).
            if written.is_some() && store::find(c, &mid, &lid)?.is_some() {
                safety::record_signal(
                    c,
                    &settings,
                    &mid,
                    level,
                    Source::SmallStep,
                    now,
                    client_addr.as_deref(),
                )?;
            }
            let Some(mut s) = store::find(c, &mid, &lid)? else {
                return Ok(Outcome::NotFound);
            };
            let seen = s.updated_at;
            let l = &mut s.ladder;
            let invalid = |field: &'static str, id: &'static str| {
                Ok(Outcome::Invalid(vec![FieldError::new(field, id)], card))
            };
            let result = match &action {
                Action::Tick(id) => l.set_done(*id, true, today),
                Action::Untick(id) => l.set_done(*id, false, today),
                Action::Edit(id, t) => l.edit(*id, t),
                Action::Add(t) => l.add(t).map(|_| ()),
                Action::Remove(id) => l.remove(*id),
                Action::Up(id) => l.shift(*id, true),
                Action::Down(id) => l.shift(*id, false),
                Action::Pause => {
                    l.paused = true;
                    Ok(())
                }
                Action::Resume => {
                    l.paused = false;
                    Ok(())
                }
                Action::Remind(r) => {
                    let meets = hearth_store::directory::get(c, &s.resource_id)?
                        .is_some_and(|x| !x.resource.schedules.is_empty());
                    if *r == Some(Reminder::BeforeMeeting) && !meets {
                        return invalid("reminder", "error-steps-no-meetings");
                    }
                    l.reminder = *r;
                    Ok(())
                }
                Action::ToCircle => {
                    if l.in_circle {
                        // Sent twice (a double click, the back button): once is enough.
                        return Ok(Outcome::AddedToCircle);
                    }
                    let Some(r) = hearth_store::directory::get(c, &s.resource_id)? else {
                        return Ok(Outcome::NotFound);
                    };
                    if !l.finished() {
                        return invalid("steps", "error-steps-not-finished");
                    }
                    if hearth_store::circle::count(c, &mid)? as usize
                        >= hearth_core::circle::MAX_ENTRIES
                    {
                        return invalid("steps", "error-circle-full");
                    }
                    let e = Entry {
                        id: String::new(),
                        name: r.resource.name.chars().take(100).collect(),
                        kind: circle_kind(r.resource.kind),
                        ring: Ring::Outer,
                        details: Default::default(),
                        note: None,
                    };
                    l.in_circle = true;
                    if !store::save(c, &mid, &lid, &s.ladder, seen, now)? {
                        return invalid("steps", "error-steps-changed");
                    }
                    hearth_store::circle::insert(c, &mid, &e, now)?;
                    hearth_store::circle::changed(c, &mid, now)?;
                    return Ok(Outcome::AddedToCircle);
                }
            };
            if let Err(p) = result {
                let field = match action {
                    Action::Add(_) => "new_step",
                    _ => "steps",
                };
                return invalid(field, problem_message(p));
            }
            // Every change while reminders are on starts them afresh from now (the queued
            // one, with the old `reminder_since`, then does nothing): so a reminder chain
            // broken by a pause, a finished ladder or a failed email comes back with the
            // member's next change, and never runs twice.
            let remind = s.ladder.reminding();
            if remind {
                s.ladder.reminder_since = Some(now);
            }
            if !store::save(c, &mid, &lid, &s.ladder, seen, now)? {
                return invalid("steps", "error-steps-changed");
            }
            if remind {
                if let Some(r) = hearth_store::directory::get(c, &s.resource_id)? {
                    queue_reminder(c, &mid, &lid, &s.ladder, &r.resource, now)?;
                }
            }
            Ok(Outcome::Saved(card))
        })
        .await?;
    state.wake_jobs();
    Ok(outcome)
}

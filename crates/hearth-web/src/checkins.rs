//! Check-ins' service: saving one (screening the note, marking who I connected with as
//! contacted today), and reminder scheduling through the durable jobs table.

use crate::safety;
use crate::state::{AppState, DbFailure};
use chrono::NaiveDate;
use hearth_core::checkin::{Checkin, Reminders};
use hearth_core::safety::alerts::{Card, Source};
use hearth_store::{checkins, circle, jobs};
use serde::{Deserialize, Serialize};

pub const JOB_REMINDER: &str = "checkin_reminder";

#[derive(Debug, Serialize, Deserialize)]
pub struct ReminderJob {
    pub member: String,
    /// When the member last changed their reminder choices; a job from older choices
    /// does nothing, so changing them never leaves a stray reminder behind.
    pub version: String,
}

/// Saves a check-in. Only the member's own circle entries count as "connected with";
/// each gets today as its last contact. Returns the card for the writer, if any.
pub async fn save(
    state: &AppState,
    member_id: &str,
    day: NaiveDate,
    mut c: Checkin,
    client_addr: Option<String>,
) -> Result<Option<Card>, DbFailure> {
    c.note = c.note.filter(|n| !n.trim().is_empty());
    let screening = safety::screen(state, &c.note.as_deref().into_iter().collect::<Vec<_>>());
    let card = safety::card(&screening);
    let settings = state.settings().await.unwrap_or_default();
    let (mid, now, level) = (member_id.to_string(), state.now(), screening.level);
    state
        .tx(move |conn| {
            let mut touched = false;
            let mut kept = vec![];
            for id in &c.connected_with {
                if let Some(mut e) = circle::find(conn, &mid, id)? {
                    e.details.last_contact = Some(day);
                    circle::update(conn, &mid, &e, now)?;
                    kept.push(id.clone());
                    touched = true;
                }
            }
            c.connected_with = kept;
            checkins::insert(conn, &mid, &c, now, day)?;
            if touched {
                circle::changed(conn, &mid, now)?;
            }
            safety::record_signal(
                conn,
                &settings,
                &mid,
                level,
                Source::CheckinNote,
                now,
                client_addr.as_deref(),
            )?;
            Ok(())
        })
        .await?;
    state.wake_jobs();
    Ok(card)
}

/// Saves reminder choices and queues the next reminder (if they are on).
pub async fn set_reminders(
    state: &AppState,
    member_id: &str,
    tz: &str,
    r: Reminders,
) -> Result<(), DbFailure> {
    let tz: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::UTC);
    let (mid, now) = (member_id.to_string(), state.now());
    let next = r.next_after(now.and_utc(), tz);
    state
        .tx(move |c| {
            checkins::save_reminders(c, &mid, &r, now)?;
            if let Some(at) = next {
                let payload = serde_json::to_string(&ReminderJob {
                    member: mid.clone(),
                    version: now.to_string(),
                })
                .expect("job serializes");
                jobs::enqueue(c, JOB_REMINDER, &payload, at.naive_utc())?;
            }
            Ok(())
        })
        .await
}

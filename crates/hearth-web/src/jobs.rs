//! The job runner: escalations, alert email and reminders, from the durable `jobs` table. Every
//! server runs one; a job is claimed with a lease, so two servers never run it at once,
//! and a server that dies mid-job leaves it to be picked up when the lease ends.

use crate::i18n::Tr;
use crate::safety::{self, EmailJob, EmailWhy, EscalateJob, JOB_EMAIL, JOB_ESCALATE};
use crate::state::AppState;
use chrono::Duration;
use hearth_store::{alerts, jobs, users};
use std::time::Duration as StdDuration;

/// After this many failed attempts a job is given up and left in the table for the operator.
pub const MAX_ATTEMPTS: i64 = 10;
const POLL: StdDuration = StdDuration::from_secs(5);

/// Runs jobs until the process ends: woken when work is queued, and every few seconds
/// for work that came due.
pub async fn worker(state: AppState) {
    loop {
        run_due(&state).await;
        tokio::select! {
            _ = state.jobs_queued() => {}
            _ = tokio::time::sleep(POLL) => {}
        }
    }
}

/// Runs every job due now. Returns how many ran to completion.
pub async fn run_due(state: &AppState) -> usize {
    let mut done = 0;
    loop {
        let now = state.now();
        let ids = match state.db(move |c| Ok(jobs::due(c, now, 50)?)).await {
            Ok(ids) => ids,
            Err(e) => {
                tracing::warn!(?e, "jobs not checked");
                return done;
            }
        };
        if ids.is_empty() {
            return done;
        }
        let mut ran_any = false;
        for id in ids {
            match run_one(state, id).await {
                Some(true) => {
                    done += 1;
                    ran_any = true;
                }
                Some(false) => ran_any = true,
                None => {}
            }
        }
        if !ran_any {
            return done;
        }
    }
}

/// `None`: another server had it. `Some(ok)`: this server ran it.
async fn run_one(state: &AppState, id: String) -> Option<bool> {
    let now = state.now();
    let job = state
        .db(move |c| Ok(jobs::claim(c, &id, now)?))
        .await
        .ok()
        .flatten()?;
    let result = match job.kind.as_str() {
        JOB_ESCALATE => run_escalation(state, &job.payload).await,
        JOB_EMAIL => run_email(state, &job.payload).await,
        crate::checkins::JOB_REMINDER => run_reminder(state, &job.payload).await,
        crate::small_steps::JOB_REMINDER => run_step_reminder(state, &job.payload).await,
        _ => Err("unknown_kind"),
    };
    let (job_id, attempts) = (job.id.clone(), job.attempts);
    let ok = result.is_ok();
    let now = state.now();
    let recorded = state
        .db(move |c| {
            match result {
                Ok(()) => jobs::finish(c, &job_id, now)?,
                Err(reason) if attempts >= MAX_ATTEMPTS || reason == "unknown_kind" => {
                    tracing::error!(job = %job_id, reason, "job given up");
                    jobs::give_up(c, &job_id, now, reason)?
                }
                Err(reason) => {
                    tracing::warn!(job = %job_id, reason, attempts, "job will be retried");
                    let backoff = Duration::minutes(1 << attempts.clamp(0, 6));
                    jobs::retry(c, &job_id, now + backoff, reason)?
                }
            }
            Ok(())
        })
        .await;
    if recorded.is_err() {
        tracing::warn!("job outcome not recorded; its lease will expire and it will run again");
    }
    Some(ok)
}

async fn run_escalation(state: &AppState, payload: &str) -> Result<(), &'static str> {
    let job: EscalateJob = serde_json::from_str(payload).map_err(|_| "bad_payload")?;
    let settings = state.settings().await.map_err(|_| "no_settings")?;
    let now = state.now();
    state
        .tx(move |c| safety::escalate(c, &settings, &job, now))
        .await
        .map_err(|_| "database")
}

async fn run_email(state: &AppState, payload: &str) -> Result<(), &'static str> {
    let job: EmailJob = serde_json::from_str(payload).map_err(|_| "bad_payload")?;
    let (alert_id, to) = (job.alert.clone(), job.to.clone());
    let found = state
        .db(move |c| {
            let Some(a) = alerts::find(c, &alert_id)? else {
                return Ok(None);
            };
            let member = users::find(c, &a.member_id)?;
            let Some(to) = users::find_opt(c, &to)? else {
                return Ok(None);
            };
            Ok(Some((a, member.display_name, to)))
        })
        .await
        .map_err(|_| "database")?;
    // The alert or the person is gone: nothing to send.
    let Some((a, member_name, to)) = found else {
        return Ok(());
    };
    if a.status() != hearth_core::safety::alerts::Status::Open && job.why == EmailWhy::Escalated {
        // Acknowledged between the escalation and this email.
        return Ok(());
    }
    let settings = state.settings().await.unwrap_or_default();
    let tr = Tr(to.language());
    let level = tr.get(&format!("alert-level-{}", a.level().as_str()));
    let why_key = match job.why {
        EmailWhy::New => "alert-email-why-new",
        EmailWhy::Worse => "alert-email-why-worse",
        EmailWhy::HelpNow => "alert-email-why-help-now",
        EmailWhy::Escalated => "alert-email-why-escalated",
    };
    let link = state.config().link(&format!("/alerts/{}", a.id));
    let body = tr.args(
        "alert-email-body",
        &[
            ("why", &tr.get(why_key)),
            ("name", &member_name),
            ("level", &level),
            ("time", &crate::pages::fmt_time(a.created_at, &to.time_zone)),
            ("link", &link),
            ("practice", &settings.practice_name),
        ],
    );
    let subject = tr.with("alert-email-subject", "level", &level);
    if state.mailer().send(&to.email, &subject, body).await {
        Ok(())
    } else {
        Err("mail_not_sent")
    }
}

/// Sends one check-in reminder, if the member's choices still ask for it, and queues the next.
async fn run_reminder(state: &AppState, payload: &str) -> Result<(), &'static str> {
    let job: crate::checkins::ReminderJob =
        serde_json::from_str(payload).map_err(|_| "bad_payload")?;
    let (member, body, now) = (job.member.clone(), payload.to_string(), state.now());
    let found = state
        .db(move |c| {
            // Its follow-up already waits: this job ran before and lost its "done" mark.
            if jobs::waiting(c, crate::checkins::JOB_REMINDER, &body, now)? {
                return Ok(None);
            }
            let (r, at) = hearth_store::checkins::reminders(c, &member)?;
            Ok(users::find_opt(c, &member)?.map(|u| (r, at, u)))
        })
        .await
        .map_err(|_| "database")?;
    let Some((r, at, user)) = found else {
        return Ok(());
    };
    if at.map(|a| a.to_string()) != Some(job.version.clone()) || !r.enabled {
        return Ok(());
    }
    let tr = Tr(user.language());
    let link = state.config().link("/checkin");
    if !state
        .mailer()
        .send(
            &user.email,
            &tr.get("checkin-reminder-subject"),
            tr.with("checkin-reminder-body", "link", &link),
        )
        .await
    {
        return Err("mail_not_sent");
    }
    let tz: chrono_tz::Tz = user.time_zone.parse().unwrap_or(chrono_tz::UTC);
    if let Some(next) = r.next_after(state.now().and_utc(), tz) {
        let payload = payload.to_string();
        state
            .db(move |c| {
                jobs::enqueue(c, crate::checkins::JOB_REMINDER, &payload, next.naive_utc())?;
                Ok(())
            })
            .await
            .map_err(|_| "database")?;
    }
    Ok(())
}

/// Sends one small-step reminder if the ladder still asks for it, and queues the next. The
/// email names no group and no step: an inbox is not always private.
async fn run_step_reminder(state: &AppState, payload: &str) -> Result<(), &'static str> {
    let job: crate::small_steps::ReminderJob =
        serde_json::from_str(payload).map_err(|_| "bad_payload")?;
    let (member, ladder, body) = (job.member.clone(), job.ladder.clone(), payload.to_string());
    let now = state.now();
    let found = state
        .db(move |c| {
            // Its follow-up already waits: this job ran before and lost its "done" mark.
            if jobs::waiting(c, crate::small_steps::JOB_REMINDER, &body, now)? {
                return Ok(None);
            }
            let Some(s) = hearth_store::small_steps::find(c, &member, &ladder)? else {
                return Ok(None);
            };
            let Some(r) = hearth_store::directory::get(c, &s.resource_id)? else {
                return Ok(None);
            };
            Ok(users::find_opt(c, &member)?.map(|u| (s, r, u)))
        })
        .await
        .map_err(|_| "database")?;
    let Some((s, r, user)) = found else {
        return Ok(());
    };
    let current = s.ladder.reminder_since.map(|v| v.to_string()) == Some(job.version.clone());
    // Turned off, changed, paused, finished, or the group was taken down: nothing to send.
    // (Whether another reminder follows is asked after sending: the last meeting of a series
    // still gets the one before it.)
    if !current || !s.ladder.reminding() || !hearth_store::directory::listed(&r) {
        return Ok(());
    }
    // "The day before" needs a meeting about a day away: times moved or cleared since, or a
    // server that was down past the meeting, skip this one and only queue the next.
    let due = s.ladder.reminder != Some(hearth_core::directory::ladder::Reminder::BeforeMeeting)
        || r.resource
            .next_meeting(now)
            .is_some_and(|m| m - now <= chrono::Duration::days(1) + chrono::Duration::minutes(5));
    let tr = Tr(user.language());
    let link = state.config().link(&format!("/steps/{}", s.id));
    if due
        && !state
            .mailer()
            .send(
                &user.email,
                &tr.get("steps-reminder-subject"),
                tr.with("steps-reminder-body", "link", &link),
            )
            .await
    {
        return Err("mail_not_sent");
    }
    let (member, ladder_id) = (job.member.clone(), s.id.clone());
    state
        .db(move |c| {
            crate::small_steps::queue_reminder(
                c,
                &member,
                &ladder_id,
                &s.ladder,
                &r.resource,
                now,
            )?;
            Ok(())
        })
        .await
        .map_err(|_| "database")
}

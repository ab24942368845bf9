//! The safety net's service: every write path of member-written text screens it here
//! before it answers, and signals at moderate or above become alerts for a human.
//! The text itself never leaves the handler that saves it: not into alerts, logs or email.

use crate::state::AppState;
use chrono::NaiveDateTime;
use diesel::QueryResult;
use hearth_core::care::{LinkStatus, Scope};
use hearth_core::roles::Role;
use hearth_core::safety::alerts::{self as rules, Card, Rung, Source};
use hearth_core::safety::{Level, Screening};
use hearth_core::settings::PracticeSettings;
use hearth_store::audit::{self, Action};
use hearth_store::{alerts, care, jobs, users, DbConn};
use serde::{Deserialize, Serialize};

/// Screens every piece of one save together; the worst part decides.
pub fn screen(state: &AppState, texts: &[&str]) -> Screening {
    rules::combine(texts.iter().map(|t| state.screener().screen(t, None)))
}

/// What the writer should see for a screening.
pub fn card(s: &Screening) -> Option<Card> {
    rules::card_for(s)
}

pub const JOB_ESCALATE: &str = "alert_escalate";
pub const JOB_EMAIL: &str = "alert_email";

#[derive(Debug, Serialize, Deserialize)]
pub struct EscalateJob {
    pub alert: String,
    /// The step this job takes the alert to.
    pub step: i64,
}

/// Why an alert email is sent; it picks the wording.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EmailWhy {
    New,
    Worse,
    HelpNow,
    Escalated,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct EmailJob {
    pub alert: String,
    pub to: String,
    pub why: EmailWhy,
}

fn queue_email(
    c: &mut DbConn,
    alert: &str,
    to: &str,
    why: EmailWhy,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let payload = serde_json::to_string(&EmailJob {
        alert: alert.into(),
        to: to.into(),
        why,
    })
    .expect("job serializes");
    jobs::enqueue(c, JOB_EMAIL, &payload, now)?;
    Ok(())
}

fn queue_escalation(c: &mut DbConn, alert: &str, step: i64, at: NaiveDateTime) -> QueryResult<()> {
    let payload = serde_json::to_string(&EscalateJob {
        alert: alert.into(),
        step,
    })
    .expect("job serializes");
    jobs::enqueue(c, JOB_ESCALATE, &payload, at)?;
    Ok(())
}

/// Staff on the practice's on-call list who still hold a staff role; without any, the admins.
fn on_call(c: &mut DbConn, s: &PracticeSettings) -> QueryResult<Vec<String>> {
    let mut out = vec![];
    for id in &s.on_call {
        if users::has_role(c, id, Role::Clinician)? || users::has_role(c, id, Role::Admin)? {
            out.push(id.clone());
        }
    }
    if out.is_empty() {
        out = users::ids_with_role(c, Role::Admin)?;
    }
    Ok(out)
}

/// Clinicians with an active care link whose safety-alerts scope the member left on.
fn care_team(c: &mut DbConn, member_id: &str) -> QueryResult<Vec<String>> {
    let mut out = vec![];
    for l in care::for_member(c, member_id)? {
        if l.status() == LinkStatus::Active
            && hearth_core::care::clinician_may_see(l.status(), &l.consent(), Scope::SafetyAlerts)
            && users::has_role(c, &l.clinician_id, Role::Clinician)?
        {
            out.push(l.clinician_id);
        }
    }
    Ok(out)
}

fn tell(
    c: &mut DbConn,
    alert_id: &str,
    member_id: &str,
    people: &[String],
    reason: &str,
    why: EmailWhy,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let mut told = 0;
    for p in people {
        if p == member_id {
            // A clinician who is also the member is never paged about themselves.
            continue;
        }
        let new = alerts::add_recipient(c, alert_id, p, reason, now)?;
        if new {
            audit::record(
                c,
                None,
                Action::AlertNotified,
                Some(p),
                None,
                Some(alert_id),
            )?;
        }
        queue_email(c, alert_id, p, why, now)?;
        told += 1;
    }
    Ok(told)
}

/// Records a screened signal for a member, inside the caller's transaction. Below
/// moderate nothing is stored. Returns the alert's id when one was raised or updated.
pub fn record_signal(
    c: &mut DbConn,
    s: &PracticeSettings,
    member_id: &str,
    level: Level,
    source: Source,
    now: NaiveDateTime,
    client_addr: Option<&str>,
) -> QueryResult<Option<String>> {
    if !rules::raises_alert(level) {
        return Ok(None);
    }
    let detail = format!("level={} source={}", level.as_str(), source.as_str());
    if let Some(a) = alerts::latest_unresolved(c, member_id)?
        .filter(|a| rules::folds_into(a.status(), a.last_signal_at, now))
    {
        let worse = level > a.level();
        let open = a.status() == rules::Status::Open;
        let deadline =
            open.then(|| rules::next_deadline(a.escalate_at, a.level().max(level), now, s));
        alerts::fold_signal(c, &a, level, now, deadline.or(a.escalate_at))?;
        if let Some(d) = deadline.filter(|d| Some(*d) != a.escalate_at) {
            queue_escalation(c, &a.id, a.escalation_step + 1, d)?;
        }
        if worse || source == Source::HelpNow {
            let why = if source == Source::HelpNow {
                EmailWhy::HelpNow
            } else {
                EmailWhy::Worse
            };
            for (p, _) in alerts::recipients(c, &a.id)? {
                queue_email(c, &a.id, &p, why, now)?;
            }
        }
        audit::record(
            c,
            Some(member_id),
            Action::AlertRepeated,
            Some(member_id),
            client_addr,
            Some(&format!("alert={} {detail}", a.id)),
        )?;
        return Ok(Some(a.id));
    }
    let deadline = now + rules::ack_window(level, s);
    let id = alerts::create(c, member_id, level, source, now, deadline)?;
    let why = if source == Source::HelpNow {
        EmailWhy::HelpNow
    } else {
        EmailWhy::New
    };
    let team = care_team(c, member_id)?;
    let told = if team.is_empty() {
        let people = on_call(c, s)?;
        tell(c, &id, member_id, &people, "on_call", why, now)?
    } else {
        tell(c, &id, member_id, &team, "care_team", why, now)?
    };
    queue_escalation(c, &id, 1, deadline)?;
    audit::record(
        c,
        Some(member_id),
        Action::AlertRaised,
        Some(member_id),
        client_addr,
        Some(&format!("alert={id} {detail} told={told}")),
    )?;
    Ok(Some(id))
}

/// Takes an unacknowledged alert one step up the ladder. Idempotent: a job for a step the
/// alert already passed, or for an alert someone acknowledged, does nothing.
pub fn escalate(
    c: &mut DbConn,
    s: &PracticeSettings,
    job: &EscalateJob,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let Some(a) = alerts::find(c, &job.alert)? else {
        return Ok(());
    };
    if a.status() != rules::Status::Open || a.escalation_step + 1 != job.step {
        return Ok(());
    }
    if a.escalate_at.is_some_and(|d| d > now) {
        // A newer job holds the current deadline.
        return Ok(());
    }
    let mut people = on_call(c, s)?;
    if rules::rung(job.step as i32) == Rung::OnCallAndAdmins {
        for admin in users::ids_with_role(c, Role::Admin)? {
            if !people.contains(&admin) {
                people.push(admin);
            }
        }
    }
    let told = tell(
        c,
        &a.id,
        &a.member_id,
        &people,
        "escalation",
        EmailWhy::Escalated,
        now,
    )?;
    let next = (job.step < i64::from(rules::MAX_ESCALATIONS))
        .then(|| now + rules::ack_window(a.level(), s));
    alerts::escalated(c, &a.id, job.step, next)?;
    if let Some(at) = next {
        queue_escalation(c, &a.id, job.step + 1, at)?;
    }
    audit::record(
        c,
        None,
        Action::AlertEscalated,
        Some(&a.member_id),
        None,
        Some(&format!("alert={} step={} told={told}", a.id, job.step)),
    )?;
    Ok(())
}

/// Whether this person may see and act on an alert: only people who were told about it.
pub fn may_handle(c: &mut DbConn, alert_id: &str, user_id: &str) -> QueryResult<bool> {
    alerts::is_recipient(c, alert_id, user_id)
}

/// A signal from the member's own button: always severe, always a human.
pub async fn help_now(
    state: &AppState,
    member_id: String,
    client_addr: Option<String>,
) -> Result<Option<String>, crate::state::DbFailure> {
    let settings = state.settings().await.unwrap_or_default();
    let now = state.now();
    let id = state
        .tx(move |c| {
            record_signal(
                c,
                &settings,
                &member_id,
                Level::Severe,
                Source::HelpNow,
                now,
                client_addr.as_deref(),
            )
        })
        .await?;
    state.wake_jobs();
    Ok(id)
}

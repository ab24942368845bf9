//! The care team's side of the safety net: the alert queue, and acknowledging and
//! resolving an alert. Only people who were told about an alert may see or act on it.

use super::{fmt_time, render, render_status, see_other, Chrome};
use crate::ctx::{AuthUser, Ctx, Errors, SignedIn};
use crate::error::HtmlError;
use crate::safety;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use hearth_core::account::FieldError;
use hearth_core::care::Scope;
use hearth_core::roles::Role;
use hearth_core::safety::alerts::{Outcome, Status};
use hearth_store::alerts::{self, Alert};
use hearth_store::audit::{self, Action};
use hearth_store::{care, users};
use serde::Deserialize;

pub const MAX_NOTE_CHARS: usize = 2000;

fn require_staff(me: &AuthUser) -> Result<(), HtmlError> {
    if me.has(Role::Clinician) || me.has(Role::Admin) {
        Ok(())
    } else {
        Err(HtmlError::Forbidden)
    }
}

fn age(now: chrono::NaiveDateTime, t: chrono::NaiveDateTime) -> i64 {
    (now - t).num_minutes().max(0)
}

pub struct QueueItem {
    id: String,
    member: String,
    level: String,
    severe: bool,
    status: String,
    created: String,
    minutes: i64,
    signals: i64,
}

#[derive(Template)]
#[template(path = "alerts.html")]
struct QueuePage {
    c: Chrome,
    items: Vec<QueueItem>,
    all: bool,
}

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    all: Option<String>,
}

pub async fn queue(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<QueueQuery>,
) -> Result<Response, HtmlError> {
    require_staff(&me)?;
    let all = q.all.is_some();
    let uid = me.user.id.clone();
    let rows = state
        .db(move |c| Ok(alerts::queue_for(c, &uid, all, 200)?))
        .await?;
    let (t, now) = (ctx.tr(), state.now());
    let items = rows
        .into_iter()
        .map(|r| QueueItem {
            level: t
                .get(&format!("alert-level-{}", r.alert.level().as_str()))
                .into_owned(),
            severe: r.alert.level() == hearth_core::safety::Level::Severe,
            status: t
                .get(&format!("alert-status-{}", r.alert.status().as_str()))
                .into_owned(),
            created: fmt_time(r.alert.created_at, &me.user.time_zone),
            minutes: age(now, r.alert.created_at),
            signals: r.alert.signals,
            member: r.member_name,
            id: r.alert.id,
        })
        .collect();
    render(&QueuePage {
        c: Chrome::new(&ctx),
        items,
        all,
    })
}

pub struct TimelineItem {
    when: String,
    what: String,
}

#[derive(Template)]
#[template(path = "alert.html")]
struct AlertPage {
    c: Chrome,
    id: String,
    member: String,
    member_id: String,
    level: String,
    severe: bool,
    source: String,
    status: String,
    open: bool,
    acknowledged: bool,
    created: String,
    signals: i64,
    outcome: Option<String>,
    note: Option<String>,
    can_see_plan: bool,
    told: Vec<String>,
    timeline: Vec<TimelineItem>,
    outcomes: Vec<(&'static str, String, bool)>,
    form_note: String,
}

struct Loaded {
    alert: Alert,
    member: String,
    can_see_plan: bool,
    told: Vec<(String, String)>,
    trail: Vec<hearth_store::audit::Entry>,
    names: std::collections::HashMap<String, String>,
}

/// Loads an alert for someone who was told about it; anyone else gets 404.
async fn load(state: &AppState, me: &AuthUser, id: String) -> Result<Loaded, HtmlError> {
    let uid = me.user.id.clone();
    state
        .db(move |c| {
            let Some(alert) = alerts::find(c, &id)? else {
                return Ok(None);
            };
            if !safety::may_handle(c, &alert.id, &uid)? {
                return Ok(None);
            }
            let member = users::find(c, &alert.member_id)?.display_name;
            let can_see_plan =
                care::clinician_may_see(c, &uid, &alert.member_id, Scope::SafetyPlan)?;
            let told = alerts::recipients(c, &alert.id)?;
            let trail: Vec<_> = audit::search(
                c,
                &audit::Filter {
                    person_id: Some(alert.member_id.clone()),
                    since: Some(alert.created_at),
                    ..Default::default()
                },
                500,
            )?
            .into_iter()
            .filter(|e| e.detail.as_deref().is_some_and(|d| d.contains(&alert.id)))
            .collect();
            let mut names = std::collections::HashMap::new();
            for p in told
                .iter()
                .map(|(u, _)| u.clone())
                .chain(trail.iter().filter_map(|e| e.actor_id.clone()))
            {
                if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(p) {
                    if let Some(u) = users::find_opt(c, slot.key())? {
                        slot.insert(u.display_name);
                    }
                }
            }
            Ok(Some(Loaded {
                alert,
                member,
                can_see_plan,
                told,
                trail,
                names,
            }))
        })
        .await?
        .ok_or(HtmlError::NotFound)
}

fn page(
    ctx: &Ctx,
    me: &AuthUser,
    l: Loaded,
    errors: Errors,
    picked: Option<&str>,
    note: &str,
) -> AlertPage {
    let t = ctx.tr();
    let a = &l.alert;
    let tz = &me.user.time_zone;
    let name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|i| l.names.get(i).cloned())
            .unwrap_or_else(|| t.get("alert-someone").into_owned())
    };
    let mut timeline: Vec<TimelineItem> = l
        .trail
        .iter()
        .rev()
        .map(|e| TimelineItem {
            when: fmt_time(e.at, tz),
            what: t.with(
                &format!("alert-event-{}", e.action.replace('_', "-")),
                "name",
                &name(&e.actor_id),
            ),
        })
        .collect();
    if timeline.is_empty() {
        timeline.push(TimelineItem {
            when: fmt_time(a.created_at, tz),
            what: t.get("alert-event-alert-raised").into_owned(),
        });
    }
    AlertPage {
        c: Chrome::new(ctx).with_errors(errors),
        id: a.id.clone(),
        member: l.member.clone(),
        member_id: a.member_id.clone(),
        level: t
            .get(&format!("alert-level-{}", a.level().as_str()))
            .into_owned(),
        severe: a.level() == hearth_core::safety::Level::Severe,
        source: t.get_for("alert-source-", &a.source).into_owned(),
        status: t
            .get(&format!("alert-status-{}", a.status().as_str()))
            .into_owned(),
        open: a.status() == Status::Open,
        acknowledged: a.status() == Status::Acknowledged,
        created: fmt_time(a.created_at, tz),
        signals: a.signals,
        outcome: a
            .outcome()
            .map(|o| t.get_for("alert-outcome-", o.as_str()).into_owned()),
        note: a.outcome_note.clone(),
        can_see_plan: l.can_see_plan,
        told: l
            .told
            .iter()
            .map(|(u, reason)| {
                format!(
                    "{} ({})",
                    l.names.get(u).cloned().unwrap_or_default(),
                    t.get_for("alert-reason-", reason)
                )
            })
            .collect(),
        timeline,
        outcomes: Outcome::ALL
            .iter()
            .map(|o| {
                (
                    o.as_str(),
                    t.get_for("alert-outcome-", o.as_str()).into_owned(),
                    picked == Some(o.as_str()),
                )
            })
            .collect(),
        form_note: note.to_string(),
    }
}

#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, HtmlError> {
    require_staff(&me)?;
    let l = load(&state, &me, id).await?;
    let mut p = page(&ctx, &me, l, Errors::default(), None, "");
    p.c = p.c.with_done(q.done.as_deref());
    render(&p)
}

pub async fn acknowledge(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    require_staff(&me)?;
    let l = load(&state, &me, id.clone()).await?;
    let (uid, addr, now, member) = (
        me.user.id.clone(),
        ctx.client_addr.clone(),
        state.now(),
        l.alert.member_id.clone(),
    );
    let aid = id.clone();
    state
        .tx(move |c| {
            if alerts::acknowledge(c, &aid, &uid, now)? {
                audit::record(
                    c,
                    Some(&uid),
                    Action::AlertAcknowledged,
                    Some(&member),
                    addr.as_deref(),
                    Some(&format!("alert={aid}")),
                )?;
            }
            Ok(())
        })
        .await?;
    Ok(see_other(&format!("/alerts/{id}?done=alert-acknowledged")))
}

#[derive(Deserialize)]
pub struct ResolveForm {
    outcome: Option<String>,
    note: Option<String>,
}

pub async fn resolve(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Form(f): Form<ResolveForm>,
) -> Result<Response, HtmlError> {
    require_staff(&me)?;
    let l = load(&state, &me, id.clone()).await?;
    let note = f.note.unwrap_or_default();
    let outcome = f.outcome.as_deref().and_then(Outcome::parse);
    let mut errors = Errors::default();
    if outcome.is_none() {
        errors.push(FieldError::new("outcome", "error-alert-outcome"));
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        errors.push(FieldError::new("note", "error-alert-note-long"));
    }
    if l.alert.status() != Status::Acknowledged {
        errors.push(FieldError::new("outcome", "error-alert-not-acknowledged"));
    }
    if !errors.is_empty() {
        let picked = f.outcome.clone();
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(&ctx, &me, l, errors, picked.as_deref(), &note),
        );
    }
    let outcome = outcome.expect("checked above");
    let (uid, addr, now, member) = (
        me.user.id.clone(),
        ctx.client_addr.clone(),
        state.now(),
        l.alert.member_id.clone(),
    );
    let aid = id.clone();
    let trimmed = note.trim().to_string();
    state
        .tx(move |c| {
            let note = (!trimmed.is_empty()).then_some(trimmed.as_str());
            if alerts::resolve(c, &aid, &uid, outcome, note, now)? {
                audit::record(
                    c,
                    Some(&uid),
                    Action::AlertResolved,
                    Some(&member),
                    addr.as_deref(),
                    Some(&format!("alert={aid} outcome={}", outcome.as_str())),
                )?;
            }
            Ok(())
        })
        .await?;
    Ok(see_other(&format!("/alerts/{id}?done=alert-resolved")))
}

//! Check-ins: the ten-second form, trends over 30, 90 and 365 days, reminder choices, and a
//! clinician's view of a client's trends through the check-ins consent scope.

use super::{render, render_status, see_other, Chrome};
use crate::ctx::{Ctx, Errors, SignedIn};
use crate::error::HtmlError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use hearth_core::account::FieldError;
use hearth_core::checkin::{self, Checkin, Reminders, MEASURES, WINDOWS};
use hearth_store::{checkins, circle};
use serde::Deserialize;

pub struct PersonChoice {
    pub id: String,
    pub name: String,
    pub checked: bool,
}

pub struct ScaleQuestion {
    pub measure: &'static str,
    pub options: Vec<(u8, String, bool)>,
}

/// The form as typed.
#[derive(Default)]
pub struct CheckinForm {
    values: [Option<u8>; 3],
    note: String,
    connected: Vec<String>,
}

#[derive(Template)]
#[template(path = "checkin.html")]
struct CheckinPage {
    c: Chrome,
    questions: Vec<ScaleQuestion>,
    people: Vec<PersonChoice>,
    note: String,
}

#[derive(Deserialize, Default)]
pub struct CheckinQuery {
    done: Option<String>,
    card: Option<String>,
}

async fn checkin_view(
    state: &AppState,
    ctx: &Ctx,
    member: &str,
    f: CheckinForm,
    errors: Errors,
    q: CheckinQuery,
) -> Result<CheckinPage, HtmlError> {
    let mid = member.to_string();
    // The safety plan is read only when a card is to be shown (it lists reachable people).
    let want_plan = q.card.is_some();
    let (entries, plan) = state
        .read(move |c| {
            let plan = if want_plan {
                hearth_store::safety_plans::find(c, &mid)?.map(|(p, _)| p)
            } else {
                None
            };
            Ok((circle::list(c, &mid)?, plan))
        })
        .await?;
    let t = ctx.tr();
    let card = super::safety::requested_card(
        state,
        ctx,
        q.card.as_deref(),
        plan.as_ref(),
        &entries,
        "/checkin",
    )
    .await;
    let questions = MEASURES
        .iter()
        .enumerate()
        .map(|(i, m)| ScaleQuestion {
            measure: m,
            options: checkin::SCALE
                .map(|v| {
                    (
                        v,
                        t.get(&format!("checkin-{m}-{v}")).into_owned(),
                        f.values[i] == Some(v),
                    )
                })
                .collect(),
        })
        .collect();
    Ok(CheckinPage {
        c: Chrome::new(ctx)
            .with_errors(errors)
            .with_done(q.done.as_deref())
            .with_card(card),
        questions,
        people: entries
            .into_iter()
            .map(|e| PersonChoice {
                checked: f.connected.contains(&e.id),
                id: e.id,
                name: e.name,
            })
            .collect(),
        note: f.note,
    })
}

pub async fn checkin_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<CheckinQuery>,
) -> Result<Response, HtmlError> {
    let page = checkin_view(
        &state,
        &ctx,
        &me.user.id,
        CheckinForm::default(),
        Errors::default(),
        q,
    )
    .await?;
    render(&page)
}

pub async fn checkin_save(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let f = CheckinForm {
        values: MEASURES.map(|m| get(m).parse::<u8>().ok()),
        note: get("note"),
        connected: pairs
            .iter()
            .filter(|(n, _)| n == "connected_with")
            .map(|(_, v)| v.clone())
            .collect(),
    };
    let c = Checkin {
        mood: f.values[0].unwrap_or(0),
        energy: f.values[1].unwrap_or(0),
        connectedness: f.values[2].unwrap_or(0),
        note: Some(f.note.clone()),
        connected_with: f.connected.clone(),
    };
    let bad = c.check();
    if !bad.is_empty() {
        let errors = Errors(
            bad.into_iter()
                .map(|field| {
                    FieldError::new(
                        field,
                        if field == "note" {
                            "error-too-long"
                        } else {
                            "error-checkin-choose"
                        },
                    )
                })
                .collect(),
        );
        let page = checkin_view(
            &state,
            &ctx,
            &me.user.id,
            f,
            errors,
            CheckinQuery::default(),
        )
        .await?;
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let day = crate::circle::today(&me.user.time_zone);
    let card = crate::checkins::save(&state, &me.user.id, day, c, ctx.client_addr.clone()).await?;
    Ok(see_other(&match card {
        Some(k) => format!("/checkin?done=checkin-saved&card={}#support", k.as_str()),
        None => "/checkin?done=checkin-saved".into(),
    }))
}

pub struct Chart {
    pub measure: &'static str,
    pub lines: Vec<String>,
    pub dots: Vec<(String, String)>,
    /// (y, word) for the 1–5 scale.
    pub ticks: Vec<(String, String)>,
    pub rows: Vec<(String, String)>,
}

pub const CHART_W: f64 = 560.0;
pub const CHART_H: f64 = 140.0;

fn charts(t: &Tr, stored: &[checkins::Stored], today: chrono::NaiveDate, days: i64) -> Vec<Chart> {
    MEASURES
        .iter()
        .map(|m| {
            let pts: Vec<(chrono::NaiveDate, u8)> =
                stored.iter().map(|s| (s.day, s.checkin.value(m))).collect();
            let daily = checkin::daily(&pts, today, days);
            // One geometry for both the lines and the dots.
            let geometry = checkin::polylines(&daily, today, days, CHART_W, CHART_H);
            let lines = geometry
                .iter()
                .map(|l| {
                    l.iter()
                        .map(|(x, y)| format!("{x:.1},{y:.1}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let dots = geometry
                .into_iter()
                .flatten()
                .map(|(x, y)| (format!("{x:.1}"), format!("{y:.1}")))
                .collect();
            Chart {
                measure: m,
                lines,
                dots,
                ticks: checkin::SCALE
                    .map(|v| {
                        (
                            format!("{:.1}", CHART_H - (f64::from(v) - 1.0) / 4.0 * CHART_H),
                            t.get(&format!("checkin-{m}-{v}")).into_owned(),
                        )
                    })
                    .collect(),
                rows: daily
                    .iter()
                    .rev()
                    .map(|p| (p.day.to_string(), format!("{:.1}", p.value)))
                    .collect(),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "checkin_trends.html")]
struct TrendsPage {
    c: Chrome,
    title: String,
    base: String,
    days: i64,
    windows: Vec<i64>,
    count: usize,
    charts: Vec<Chart>,
    chart_w: String,
    chart_h: String,
}

#[derive(Deserialize, Default)]
pub struct TrendsQuery {
    days: Option<i64>,
}

fn window(q: &TrendsQuery) -> i64 {
    q.days.filter(|d| WINDOWS.contains(d)).unwrap_or(30)
}

async fn trends_view(
    state: &AppState,
    ctx: &Ctx,
    member: String,
    tz: &str,
    days: i64,
    title: String,
    base: String,
) -> Result<TrendsPage, HtmlError> {
    let today = crate::circle::today(tz);
    let from = today - chrono::Duration::days(days - 1);
    let stored = state
        .db(move |c| Ok(checkins::since(c, &member, from)?))
        .await?;
    let t = ctx.tr();
    Ok(TrendsPage {
        c: Chrome::new(ctx),
        title,
        base,
        days,
        windows: WINDOWS.to_vec(),
        count: stored.len(),
        charts: charts(&t, &stored, today, days),
        chart_w: format!("{CHART_W}"),
        chart_h: format!("{CHART_H}"),
    })
}

pub async fn trends(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<TrendsQuery>,
) -> Result<Response, HtmlError> {
    let title = ctx.tr().get("checkin-trends-title").into_owned();
    render(
        &trends_view(
            &state,
            &ctx,
            me.user.id.clone(),
            &me.user.time_zone,
            window(&q),
            title,
            "/checkin/trends".into(),
        )
        .await?,
    )
}

/// A clinician reads a client's trends only through an active link with the check-ins
/// scope on; anyone else gets 404. Notes are never shown here. Every view is audited.
pub async fn client_trends(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(member_id): Path<String>,
    Query(q): Query<TrendsQuery>,
) -> Result<Response, HtmlError> {
    use hearth_core::care::Scope;
    use hearth_store::audit::{self, Action};
    let (cid, mid, addr) = (
        me.user.id.clone(),
        member_id.clone(),
        ctx.client_addr.clone(),
    );
    let member = state
        .tx(move |c| {
            if !hearth_store::care::clinician_may_see(c, &cid, &mid, Scope::Checkins)? {
                return Ok(None);
            }
            audit::record(
                c,
                Some(&cid),
                Action::CheckinsViewed,
                Some(&mid),
                addr.as_deref(),
                None,
            )?;
            Ok(Some(hearth_store::users::find(c, &mid)?))
        })
        .await?
        .ok_or(HtmlError::NotFound)?;
    let title = ctx
        .tr()
        .with("checkin-trends-of", "name", &member.display_name);
    render(
        &trends_view(
            &state,
            &ctx,
            member_id.clone(),
            &member.time_zone,
            window(&q),
            title,
            format!("/clients/{member_id}/checkins"),
        )
        .await?,
    )
}

pub struct DayChoice {
    pub n: u8,
    pub key: &'static str,
    pub on: bool,
}

#[derive(Template)]
#[template(path = "checkin_reminders.html")]
struct RemindersPage {
    c: Chrome,
    enabled: bool,
    days: Vec<DayChoice>,
    time: String,
}

fn reminders_page(ctx: &Ctx, r: &Reminders, errors: Errors, done: Option<&str>) -> RemindersPage {
    RemindersPage {
        c: Chrome::new(ctx).with_errors(errors).with_done(done),
        enabled: r.enabled,
        days: (1..=7u8)
            .map(|n| DayChoice {
                n,
                key: super::DAY_KEYS[usize::from(n - 1)],
                on: r.days.contains(&n),
            })
            .collect(),
        time: r.time.clone(),
    }
}

#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

pub async fn reminders(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, HtmlError> {
    let mid = me.user.id.clone();
    let (r, _) = state.db(move |c| Ok(checkins::reminders(c, &mid)?)).await?;
    render(&reminders_page(
        &ctx,
        &r,
        Errors::default(),
        q.done.as_deref(),
    ))
}

pub async fn reminders_save(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    let r = Reminders {
        enabled: pairs.iter().any(|(k, v)| k == "enabled" && v == "on"),
        days: pairs
            .iter()
            .filter(|(k, _)| k == "days")
            .filter_map(|(_, v)| v.parse().ok())
            .collect(),
        time: pairs
            .iter()
            .find(|(k, _)| k == "time")
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default(),
    };
    if !r.valid() {
        let mut errors = Errors::default();
        if chrono::NaiveTime::parse_from_str(&r.time, "%H:%M").is_err() {
            errors.push(FieldError::new("time", "error-reminder-time"));
        }
        if r.enabled && r.days.is_empty() {
            errors.push(FieldError::new("days", "error-reminder-days"));
        }
        if errors.is_empty() {
            errors.push(FieldError::new("days", "error-reminder-days"));
        }
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &reminders_page(&ctx, &r, errors, None),
        );
    }
    crate::checkins::set_reminders(&state, &me.user.id, &me.user.time_zone, r).await?;
    Ok(see_other("/checkin/reminders?done=saved"))
}

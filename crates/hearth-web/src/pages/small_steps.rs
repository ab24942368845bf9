//! Small steps pages: my ladders, one ladder with its steps to tick, edit, reorder, add or
//! remove, pause, and (once done) bring the community into my circle.

use super::{render, see_other, Chrome};
use crate::ctx::{Errors, SignedIn};
use crate::error::HtmlError;
use crate::small_steps::{act, start, Action, Outcome};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use hearth_core::directory::ladder::{Reminder, Step};
use hearth_store::small_steps as store;
use serde::Deserialize;
use std::collections::HashMap;

pub struct LadderRow {
    pub id: String,
    pub name: String,
    pub progress: String,
    pub paused: bool,
    pub next: Option<String>,
}

#[derive(Template)]
#[template(path = "small_steps.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<LadderRow>,
    /// Whether the member has a calendar feed, and its address just after it was made.
    feed: bool,
    feed_url: Option<String>,
}

fn step_text(t: &crate::i18n::Tr, s: &Step) -> String {
    match &s.key {
        Some(k) => t.get_for("steps-step-", k).into_owned(),
        None => s.text.clone(),
    }
}

fn progress(t: &crate::i18n::Tr, done: usize, total: usize) -> String {
    t.args(
        "steps-progress",
        &[("done", &done.to_string()), ("total", &total.to_string())],
    )
}

async fn list_page(
    state: &AppState,
    ctx: &crate::ctx::Ctx,
    member_id: &str,
    feed_url: Option<String>,
    done: Option<&str>,
) -> Result<ListPage, HtmlError> {
    let mid = member_id.to_string();
    let (rows, feed) = state
        .read(move |c| {
            let mut out = vec![];
            for s in store::for_member(c, &mid)? {
                let name = hearth_store::directory::get(c, &s.resource_id)?
                    .map(|r| r.resource.name)
                    .unwrap_or_default();
                out.push((s, name));
            }
            Ok((out, hearth_store::calendar_feeds::exists(c, &mid)?))
        })
        .await?;
    let t = ctx.tr();
    Ok(ListPage {
        rows: rows
            .into_iter()
            .map(|(s, name)| LadderRow {
                progress: progress(&t, s.ladder.done(), s.ladder.steps.len()),
                paused: s.ladder.paused,
                next: s.ladder.next().map(|x| step_text(&t, x)),
                id: s.id,
                name,
            })
            .collect(),
        feed,
        feed_url,
        c: Chrome::new(ctx).with_done(done),
    })
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    done: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<ListQuery>,
) -> Result<Response, HtmlError> {
    render(&list_page(&state, &ctx, &me.user.id, None, q.done.as_deref()).await?)
}

/// Makes (or remakes) the member's private calendar link and shows it once; or removes it.
pub async fn calendar_feed(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let (mid, now) = (me.user.id.clone(), state.now());
    if f.get("action").map(String::as_str) == Some("remove") {
        state
            .tx(move |c| hearth_store::calendar_feeds::remove(c, &mid))
            .await?;
        return Ok(see_other("/steps?done=ladder-feed-removed"));
    }
    let renew = |mid: String| {
        let state = state.clone();
        async move {
            state
                .tx(move |c| hearth_store::calendar_feeds::renew(c, &mid, now))
                .await
        }
    };
    // Two renewals at once: the second's insert meets the first's row and fails; once
    // more, it replaces it.
    let secret = match renew(mid.clone()).await {
        Ok(s) => s,
        Err(_) => renew(mid).await?,
    };
    let url = state.config().link(&format!("/calendar/{secret}.ics"));
    // Shown on this response only: the secret is not kept, so a redirect could not show it.
    render(
        &list_page(
            &state,
            &ctx,
            &me.user.id,
            Some(url),
            Some("ladder-feed-made"),
        )
        .await?,
    )
}

pub async fn begin(
    State(state): State<AppState>,
    SignedIn(_ctx, me): SignedIn,
    Path(resource): Path<String>,
) -> Result<Response, HtmlError> {
    match start(&state, &me.user.id, &resource).await? {
        Some(id) => Ok(see_other(&format!("/steps/{id}?done=ladder-started"))),
        None => Err(HtmlError::NotFound),
    }
}

pub struct StepView {
    pub id: u32,
    pub text: String,
    pub done: Option<String>,
    pub first: bool,
    pub last: bool,
}

#[derive(Template)]
#[template(path = "small_step.html")]
struct LadderPage {
    c: Chrome,
    id: String,
    resource_id: String,
    name: String,
    steps: Vec<StepView>,
    progress: String,
    paused: bool,
    finished: bool,
    new_step: String,
    /// The reminder chosen: "", "before_meeting" or "weekly".
    reminder: &'static str,
    /// Whether the group has meetings, so "the day before each meeting" can be offered.
    meets: bool,
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    done: Option<String>,
    card: Option<String>,
}

async fn view(
    state: &AppState,
    ctx: &crate::ctx::Ctx,
    member_id: &str,
    id: &str,
    errors: Errors,
    new_step: String,
    q: ShowQuery,
) -> Result<LadderPage, HtmlError> {
    let (mid, lid) = (member_id.to_string(), id.to_string());
    let want_card = q.card.is_some();
    let (s, (name, meets), plan, entries) = state
        .read(move |c| {
            let Some(s) = store::find(c, &mid, &lid)? else {
                return Ok(None);
            };
            let (name, meets) = hearth_store::directory::get(c, &s.resource_id)?
                .map(|r| (r.resource.name, !r.resource.schedules.is_empty()))
                .unwrap_or_default();
            // The crisis card lists the plan's reachable people; read only when shown.
            let (plan, entries) = if want_card {
                (
                    hearth_store::safety_plans::find(c, &mid)?.map(|(p, _)| p),
                    hearth_store::circle::list(c, &mid)?,
                )
            } else {
                (None, vec![])
            };
            Ok(Some((s, (name, meets), plan, entries)))
        })
        .await?
        .ok_or(HtmlError::NotFound)?;
    let t = ctx.tr();
    let card = super::safety::requested_card(
        state,
        ctx,
        q.card.as_deref(),
        plan.as_ref(),
        &entries,
        &format!("/steps/{id}"),
    )
    .await;
    let n = s.ladder.steps.len();
    Ok(LadderPage {
        c: Chrome::new(ctx)
            .with_errors(errors)
            .with_done(q.done.as_deref())
            .with_card(card),
        steps: s
            .ladder
            .steps
            .iter()
            .enumerate()
            .map(|(i, x)| StepView {
                id: x.id,
                text: step_text(&t, x),
                done: x.done_on.map(|d| d.to_string()),
                first: i == 0,
                last: i + 1 == n,
            })
            .collect(),
        progress: progress(&t, s.ladder.done(), n),
        paused: s.ladder.paused,
        finished: s.ladder.finished(),
        reminder: s.ladder.reminder.map(|r| r.as_str()).unwrap_or(""),
        meets,
        resource_id: s.resource_id,
        id: s.id,
        name,
        new_step,
    })
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, HtmlError> {
    render(
        &view(
            &state,
            &ctx,
            &me.user.id,
            &id,
            Errors::default(),
            String::new(),
            q,
        )
        .await?,
    )
}

pub async fn change(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let step = || {
        f.get("step")
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let text = |k: &str| f.get(k).cloned().unwrap_or_default();
    let action = match f.get("action").map(String::as_str) {
        Some("tick") => Action::Tick(step()),
        Some("untick") => Action::Untick(step()),
        Some("edit") => Action::Edit(step(), text(&format!("text_{}", step()))),
        Some("add") => Action::Add(text("new_step")),
        Some("remove") => Action::Remove(step()),
        Some("up") => Action::Up(step()),
        Some("down") => Action::Down(step()),
        Some("pause") => Action::Pause,
        Some("resume") => Action::Resume,
        Some("to_circle") => Action::ToCircle,
        Some("remind") => match f.get("reminder").map(String::as_str).unwrap_or("") {
            "" => Action::Remind(None),
            v => Action::Remind(Some(Reminder::parse(v).ok_or(HtmlError::NotFound)?)),
        },
        // Only a hand-made request sends anything else.
        _ => return Err(HtmlError::NotFound),
    };
    let kept = match &action {
        Action::Add(t) => t.clone(),
        _ => String::new(),
    };
    let notice = match &action {
        Action::Tick(_) => "ladder-ticked",
        Action::Pause => "ladder-paused",
        Action::Resume => "ladder-resumed",
        Action::Remind(Some(_)) => "ladder-reminder-on",
        Action::Remind(None) => "ladder-reminder-off",
        _ => "ladder-saved",
    };
    match act(
        &state,
        &me.user.id,
        &me.user.time_zone,
        &id,
        action,
        ctx.client_addr.clone(),
    )
    .await?
    {
        Outcome::NotFound => Err(HtmlError::NotFound),
        Outcome::Invalid(errors, card) => {
            let q = ShowQuery {
                done: None,
                card: card.map(|k| k.as_str().to_string()),
            };
            let page = view(&state, &ctx, &me.user.id, &id, Errors(errors), kept, q).await?;
            super::render_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Outcome::AddedToCircle => Ok(see_other("/circle?done=ladder-in-circle")),
        Outcome::Saved(card) => Ok(see_other(&match card {
            Some(k) => format!("/steps/{id}?done={notice}&card={}#support", k.as_str()),
            None => format!("/steps/{id}?done={notice}"),
        })),
    }
}

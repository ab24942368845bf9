//! Community referrals: what the member's care team suggested (with why it may fit, and
//! the answers they can give), a clinician's page to suggest a group to one client, and the
//! clinician's view of uptake per client and per resource.

use super::community::{card, Card};
use super::{render, render_status, see_other, Chrome};
use crate::ctx::{Errors, SignedIn};
use crate::error::HtmlError;
use crate::next_step::{known, reason_text};
use crate::referrals::{mark_seen, respond, send, Answered, Sent};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use hearth_core::directory::matching::{fit, Barrier, Candidate, Inputs};
use hearth_core::directory::referral::{choices, Event, Outcome, Status};
use hearth_core::directory::search::Query as Search;
use hearth_store::referrals as store;
use serde::Deserialize;
use std::collections::HashMap;

pub struct Pick {
    pub value: &'static str,
    pub label: String,
}

pub struct MemberRow {
    pub id: String,
    pub card: Card,
    pub from: String,
    pub note: Option<String>,
    pub status: String,
    pub why: Vec<String>,
    pub hard: Vec<String>,
    pub actions: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "referrals.html")]
struct MemberPage {
    c: Chrome,
    rows: Vec<MemberRow>,
    reasons: Vec<Pick>,
    outcomes: Vec<Pick>,
}

fn status_word(t: &crate::i18n::Tr, s: Status) -> String {
    t.get_for("referral-status-", s.as_str()).into_owned()
}

#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

pub async fn mine(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(d): Query<Done>,
) -> Result<Response, HtmlError> {
    mark_seen(&state, &me.user.id).await?;
    let (mid, now, lang) = (me.user.id.clone(), state.now(), me.user.language.clone());
    let (list, inputs) = state
        .db(move |c| {
            let mut out = vec![];
            for r in store::for_member(c, &mid)? {
                let Some(res) = hearth_store::directory::get(c, &r.resource_id)? else {
                    continue;
                };
                let from = match &r.clinician_id {
                    Some(id) => hearth_store::users::find_opt(c, id)?
                        .map(|u| u.display_name)
                        .unwrap_or_default(),
                    None => String::new(),
                };
                out.push((r, res, from));
            }
            let inputs = known(
                c,
                &mid,
                Inputs {
                    faith_welcome: true,
                    languages: vec![lang],
                    ..Inputs::default()
                },
                now,
            )?;
            Ok((out, inputs))
        })
        .await?;
    let t = ctx.tr();
    let tz = me.user.time_zone.clone();
    let rows = list
        .into_iter()
        .map(|(r, res, from)| {
            let next = res.resource.next_meeting(now);
            let f = fit(
                &Candidate {
                    resource: &res.resource,
                    distance_km: None,
                    next_meeting: next,
                },
                &inputs,
                now,
            );
            let status = r.status_at(now);
            // A group taken out of the directory stays on the list, marked, with no answers.
            let listed = hearth_store::directory::listed(&res);
            MemberRow {
                id: r.id,
                card: card(&t, res.id, res.resource, None, next, &tz, now.date()),
                from,
                note: r.note,
                status: if listed {
                    status_word(&t, status)
                } else {
                    t.get("referrals-unlisted").into_owned()
                },
                why: f
                    .reasons
                    .iter()
                    .map(|x| reason_text(&t, x.id, x.value.as_deref()))
                    .collect(),
                hard: f
                    .hard
                    .iter()
                    .map(|x| reason_text(&t, x.id, x.value.as_deref()))
                    .collect(),
                actions: if listed {
                    choices(status).to_vec()
                } else {
                    vec![]
                },
            }
        })
        .collect();
    render(&MemberPage {
        rows,
        reasons: Barrier::ALL
            .iter()
            .map(|b| Pick {
                value: b.as_str(),
                label: t.get(&format!("next-barrier-{}", b.as_str())).into_owned(),
            })
            .collect(),
        outcomes: [Outcome::GotHelp, Outcome::Partly, Outcome::DidNotHelp]
            .iter()
            .map(|o| Pick {
                value: o.as_str(),
                label: t.get_for("referral-outcome-", o.as_str()).into_owned(),
            })
            .collect(),
        c: Chrome::new(&ctx).with_done(d.done.as_deref()),
    })
}

pub async fn answer(
    State(state): State<AppState>,
    SignedIn(_ctx, me): SignedIn,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    // "Something else" (an empty choice) records no reason at all.
    let reason = || Some(f.get("reason").and_then(|r| Barrier::parse(r)));
    let event = match f.get("action").map(String::as_str) {
        Some("accept") => Some(Event::Accept),
        Some("decline") => reason().map(Event::Decline),
        Some("went") => Some(Event::Went),
        Some("did_not_go") => reason().map(Event::DidNotGo),
        Some("keep_going") => Some(Event::KeepGoing),
        Some("not_for_me") => Some(Event::NotForMe),
        Some("finished") => f
            .get("outcome")
            .and_then(|o| Outcome::parse(o))
            .map(Event::Finished),
        _ => None,
    };
    let Some(event) = event else {
        return Ok(see_other("/referrals?done=referral-choose"));
    };
    match respond(&state, &me.user.id, &id, event).await? {
        Answered::Ok => Ok(see_other("/referrals?done=referral-answered")),
        Answered::Invalid => Ok(see_other("/referrals?done=referral-not-now")),
        Answered::NotFound => Err(HtmlError::NotFound),
    }
}

pub struct SentRow {
    pub member: String,
    pub resource: String,
    pub resource_id: String,
    pub status: String,
    pub reason: String,
    pub sent: String,
}

pub struct Uptake {
    pub resource: String,
    pub sent: usize,
    pub accepted: usize,
    pub went: usize,
    pub helped: usize,
}

#[derive(Template)]
#[template(path = "refer.html")]
struct ReferPage {
    c: Chrome,
    member_id: String,
    member: String,
    q: String,
    found: Vec<Card>,
    note: String,
    sent: Vec<SentRow>,
}

#[derive(Deserialize, Default)]
pub struct ReferQuery {
    q: Option<String>,
    done: Option<String>,
}

async fn require_link(
    state: &AppState,
    clinician: &str,
    member: &str,
) -> Result<String, HtmlError> {
    let (cid, mid) = (clinician.to_string(), member.to_string());
    state
        .read(move |c| {
            if !store::may_refer(c, &cid, &mid)? {
                return Ok(None);
            }
            Ok(hearth_store::users::find_opt(c, &mid)?.map(|u| u.display_name))
        })
        .await?
        // No link and no member look the same, so the page says nothing about who exists.
        .ok_or(HtmlError::NotFound)
}

fn sent_rows(
    t: &crate::i18n::Tr,
    list: Vec<(store::Referral, String, String)>,
    now: chrono::NaiveDateTime,
    tz: &str,
) -> Vec<SentRow> {
    list.into_iter()
        .map(|(r, member, resource)| SentRow {
            status: status_word(t, r.status_at(now)),
            // How it ended says more than what was hard on the way.
            reason: r
                .outcome
                .map(|o| t.get_for("referral-outcome-", o.as_str()).into_owned())
                .or(r
                    .reason
                    .map(|b| t.get(&format!("next-barrier-{}", b.as_str())).into_owned()))
                .unwrap_or_default(),
            sent: super::fmt_time(r.sent_at, tz),
            resource_id: r.resource_id,
            member,
            resource,
        })
        .collect()
}

/// What the refer page shows around the search: the words searched, a note typed, errors,
/// and a notice.
#[derive(Default)]
struct Typed {
    q: String,
    note: String,
    errors: Errors,
    done: Option<String>,
}

async fn refer_view(
    state: &AppState,
    ctx: &crate::ctx::Ctx,
    me: &crate::ctx::AuthUser,
    member_id: &str,
    typed: Typed,
) -> Result<ReferPage, HtmlError> {
    let Typed {
        q,
        note,
        errors,
        done,
    } = typed;
    let name = require_link(state, &me.user.id, member_id).await?;
    let (cid, mid, now, text) = (
        me.user.id.clone(),
        member_id.to_string(),
        state.now(),
        q.clone(),
    );
    let (found, sent) = state
        .db(move |c| {
            let found = if text.trim().is_empty() {
                vec![]
            } else {
                let query = Search {
                    text,
                    page: 1,
                    per_page: 10,
                    ..Search::default()
                };
                hearth_store::directory::search(c, &query, now)?.hits
            };
            let mut sent = vec![];
            for r in store::for_clinician(c, &cid)?
                .into_iter()
                .filter(|r| r.member_id == mid)
            {
                let res = hearth_store::directory::get(c, &r.resource_id)?
                    .map(|x| x.resource.name)
                    .unwrap_or_default();
                sent.push((r, String::new(), res));
            }
            Ok((found, sent))
        })
        .await?;
    let t = ctx.tr();
    let tz = me.user.time_zone.clone();
    Ok(ReferPage {
        found: found
            .into_iter()
            .map(|h| card(&t, h.id, h.resource, None, h.next_meeting, &tz, now.date()))
            .collect(),
        sent: sent_rows(&t, sent, now, &tz),
        c: Chrome::new(ctx)
            .with_errors(errors)
            .with_done(done.as_deref()),
        member_id: member_id.to_string(),
        member: name,
        q,
        note,
    })
}

pub async fn refer_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(member): Path<String>,
    Query(q): Query<ReferQuery>,
) -> Result<Response, HtmlError> {
    let page = refer_view(
        &state,
        &ctx,
        &me,
        &member,
        Typed {
            q: q.q.unwrap_or_default(),
            done: q.done,
            ..Typed::default()
        },
    )
    .await?;
    render(&page)
}

pub async fn refer(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(member): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    match send(&state, &me.user.id, &member, &get("resource"), &get("note")).await? {
        Sent::Ok(id) => {
            tracing::info!(referral = %id, "referral sent");
            Ok(see_other(&format!(
                "/clients/{member}/refer?done=referral-sent"
            )))
        }
        Sent::NotFound => Err(HtmlError::NotFound),
        Sent::Invalid(errors) => {
            let page = refer_view(
                &state,
                &ctx,
                &me,
                &member,
                Typed {
                    q: get("q"),
                    note: get("note"),
                    errors: Errors(errors),
                    done: None,
                },
            )
            .await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

#[derive(Template)]
#[template(path = "referrals_sent.html")]
struct SentPage {
    c: Chrome,
    rows: Vec<SentRow>,
    uptake: Vec<Uptake>,
}

/// Uptake: every referral this clinician sent, and per resource how many were accepted,
/// attended and helped.
pub async fn sent(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
) -> Result<Response, HtmlError> {
    if !me.has(hearth_core::roles::Role::Clinician) {
        return Err(HtmlError::Forbidden);
    }
    let (cid, now) = (me.user.id.clone(), state.now());
    let list = state
        .db(move |c| {
            let mut out = vec![];
            for r in store::for_clinician(c, &cid)? {
                // Once a member ends the care link, their answers are theirs alone: the
                // referral still counts in the totals, without their name or reasons.
                let linked = store::may_refer(c, &cid, &r.member_id)?;
                let member = if linked {
                    hearth_store::users::find_opt(c, &r.member_id)?
                        .map(|u| u.display_name)
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                let res = hearth_store::directory::get(c, &r.resource_id)?
                    .map(|x| x.resource.name)
                    .unwrap_or_default();
                out.push((r, member, res, linked));
            }
            Ok(out)
        })
        .await?;
    let mut uptake: Vec<(String, Uptake)> = vec![];
    for (r, _, res, _) in &list {
        let s = r.status_at(now);
        let i = match uptake.iter().position(|(id, _)| *id == r.resource_id) {
            Some(i) => i,
            None => {
                uptake.push((
                    r.resource_id.clone(),
                    Uptake {
                        resource: res.clone(),
                        sent: 0,
                        accepted: 0,
                        went: 0,
                        helped: 0,
                    },
                ));
                uptake.len() - 1
            }
        };
        let u = &mut uptake[i].1;
        u.sent += 1;
        if !matches!(
            s,
            Status::Sent | Status::Seen | Status::Declined | Status::Expired
        ) {
            u.accepted += 1;
        }
        if r.went_at.is_some() {
            u.went += 1;
        }
        if matches!(r.outcome, Some(Outcome::GotHelp | Outcome::Partly)) {
            u.helped += 1;
        }
    }
    let mut uptake: Vec<Uptake> = uptake.into_iter().map(|(_, u)| u).collect();
    uptake.sort_by(|a, b| b.sent.cmp(&a.sent).then(a.resource.cmp(&b.resource)));
    let t = ctx.tr();
    let linked: Vec<_> = list
        .into_iter()
        .filter(|(_, _, _, linked)| *linked)
        .map(|(r, m, res, _)| (r, m, res))
        .collect();
    render(&SentPage {
        rows: sent_rows(&t, linked, now, &me.user.time_zone),
        uptake,
        c: Chrome::new(&ctx),
    })
}

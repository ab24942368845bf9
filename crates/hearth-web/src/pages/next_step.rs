//! "Find my next step": a few skippable questions, then the groups that fit best, each with
//! why it fits and what may be hard, in plain words.

use super::community::{card, Card, Choice, Group};
use super::{render, render_status, Chrome};
use crate::ctx::{Errors, SignedIn};
use crate::error::HtmlError;
use crate::next_step::{answers, matches, reason_text};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use hearth_core::directory::matching::{Barrier, Preference};
use hearth_core::directory::schedule::DayPart;
use hearth_core::directory::Focus;

pub struct MatchView {
    pub card: Card,
    pub reasons: Vec<String>,
    pub hard: Vec<String>,
    pub first_pick: bool,
}

#[derive(Template)]
#[template(path = "next_step.html")]
struct Page {
    c: Chrome,
    groups: Vec<Group>,
    prefer: Vec<Choice>,
    faith_no: bool,
    asked: bool,
    results: Vec<MatchView>,
}

fn on(pairs: &[(String, String)], k: &str, v: &str) -> bool {
    pairs
        .iter()
        .filter(|(n, _)| n == k)
        .any(|(_, x)| x.split(',').any(|p| p.trim() == v))
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    let t = ctx.tr();
    let group = |name: &'static str, legend: &str, values: Vec<&'static str>, prefix: &str| Group {
        name,
        legend: t.get(legend).into_owned(),
        choices: values
            .into_iter()
            .map(|v| Choice {
                value: v,
                label: t.get(&format!("{prefix}{v}")).into_owned(),
                on: on(&pairs, name, v),
            })
            .collect(),
    };
    let mut page = Page {
        groups: vec![
            group(
                "barrier",
                "next-q-barrier",
                Barrier::ALL.iter().map(|b| b.as_str()).collect(),
                "next-barrier-",
            ),
            group(
                "day",
                "next-q-days",
                vec!["mo", "tu", "we", "th", "fr", "sa", "su"],
                "dir-day-",
            ),
            group(
                "time",
                "next-q-times",
                DayPart::ALL.iter().map(|p| p.as_str()).collect(),
                "dir-time-",
            ),
            group(
                "focus",
                "next-q-focus",
                Focus::ALL.iter().map(|f| f.as_str()).collect(),
                "dir-focus-",
            ),
        ],
        prefer: Preference::ALL
            .iter()
            .map(|p| Choice {
                value: p.as_str(),
                label: t.get(&format!("next-prefer-{}", p.as_str())).into_owned(),
                on: on(&pairs, "prefer", p.as_str())
                    || (*p == Preference::Either && !pairs.iter().any(|(k, _)| k == "prefer")),
            })
            .collect(),
        faith_no: on(&pairs, "faith", "no"),
        asked: pairs.iter().any(|(k, _)| k == "asked"),
        results: vec![],
        c: Chrome::new(&ctx),
    };
    if !page.asked {
        return render(&page);
    }
    let inputs = match answers(&pairs, &me.user.language) {
        Ok(i) => i,
        Err(e) => {
            page.c = page.c.with_errors(Errors(e));
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let now = state.now();
    let tz = me.user.time_zone.clone();
    page.results = matches(&state, &me.user.id, inputs)
        .await?
        .into_iter()
        .map(|m| MatchView {
            reasons: m
                .fit
                .reasons
                .iter()
                .map(|r| reason_text(&t, r.id, r.value.as_deref()))
                .collect(),
            hard: m
                .fit
                .hard
                .iter()
                .map(|r| reason_text(&t, r.id, r.value.as_deref()))
                .collect(),
            first_pick: m.first_pick,
            card: card(
                &t,
                m.id,
                m.resource,
                m.distance_km,
                m.next_meeting,
                &tz,
                now.date(),
            ),
        })
        .collect();
    render(&page)
}

//! Measures: the list (with what is due), taking one, and the results page with the score,
//! its band in words and a chart over time with bands and reliable-change markers.

use super::{fmt_time, render, render_status, see_other, Chrome};
use crate::ctx::{Ctx, Errors, SignedIn};
use crate::error::HtmlError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use hearth_core::measures::{self, Direction, Instrument, Score};
use hearth_store::measures as store;
use serde::Deserialize;

pub struct ListRow {
    pub id: String,
    pub title: String,
    pub last: Option<String>,
    pub due: Option<String>,
    pub every: i64,
}

#[derive(Template)]
#[template(path = "measures.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<ListRow>,
}

#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

fn score_of(v: &serde_json::Value) -> Option<(f64, Option<usize>, Option<f64>)> {
    Some((
        v.get("total")?.as_f64()?,
        v.get("band").and_then(|b| b.as_u64()).map(|b| b as usize),
        v.get("percent").and_then(|p| p.as_f64()),
    ))
}

fn band_label(inst: &Instrument, band: Option<usize>, lang: &str) -> String {
    band.and_then(|b| inst.bands.get(b))
        .map(|b| b.text.get(lang).to_string())
        .unwrap_or_default()
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, HtmlError> {
    let mid = me.user.id.clone();
    let (results, schedules) = state
        .db(move |c| Ok((store::list(c, &mid, None)?, store::schedules(c, &mid)?)))
        .await?;
    let lang = ctx.lang.as_str();
    let today = crate::circle::today(&me.user.time_zone);
    let rows = state
        .instruments()
        .iter()
        .filter(|i| i.has_text())
        .map(|i| {
            let last = results.iter().rev().find(|r| r.instrument == i.id);
            let every = schedules
                .iter()
                .find(|(id, _)| *id == i.id)
                .map(|(_, d)| *d)
                .unwrap_or(0);
            let due = (every > 0).then(|| {
                last.map(|r| r.taken_at.date() + chrono::Duration::days(every))
                    .unwrap_or(today)
                    .max(today)
                    .to_string()
            });
            ListRow {
                id: i.id.clone(),
                title: i.title.get(lang).to_string(),
                last: last.and_then(|r| {
                    let (total, band, _) = score_of(&r.score)?;
                    Some(format!(
                        "{} · {} ({})",
                        fmt_time(r.taken_at, &me.user.time_zone),
                        total,
                        band_label(i, band, lang)
                    ))
                }),
                due,
                every,
            }
        })
        .collect();
    render(&ListPage {
        c: Chrome::new(&ctx).with_done(q.done.as_deref()),
        rows,
    })
}

pub struct ItemView {
    pub n: usize,
    pub text: String,
    pub options: Vec<(u8, String, bool)>,
}

#[derive(Template)]
#[template(path = "measure_take.html")]
struct TakePage {
    c: Chrome,
    id: String,
    title: String,
    stem: String,
    working_translation: bool,
    citation: String,
    licence: String,
    items: Vec<ItemView>,
}

fn take_page(ctx: &Ctx, i: &Instrument, answers: &[Option<u8>], errors: Errors) -> TakePage {
    let lang = ctx.lang.as_str();
    TakePage {
        c: Chrome::new(ctx).with_errors(errors),
        id: i.id.clone(),
        title: i.title.get(lang).to_string(),
        stem: i.stem.get(lang).to_string(),
        working_translation: lang == "ko" && i.korean.as_deref() == Some("working_translation"),
        citation: i.citation.clone(),
        licence: i.licence.clone(),
        items: i
            .items
            .iter()
            .enumerate()
            .map(|(n, item)| ItemView {
                n: n + 1,
                text: item.text.get(lang).to_string(),
                options: i
                    .anchors
                    .iter()
                    .map(|a| {
                        (
                            a.value,
                            a.text.get(lang).to_string(),
                            answers.get(n).copied().flatten() == Some(a.value),
                        )
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub async fn take(
    State(state): State<AppState>,
    SignedIn(ctx, _me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let i = crate::measures::offered(&state, &id).ok_or(HtmlError::NotFound)?;
    render(&take_page(&ctx, &i, &[], Errors::default()))
}

pub async fn submit(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    let i = crate::measures::offered(&state, &id).ok_or(HtmlError::NotFound)?;
    let mut bad = Errors::default();
    let answers: Vec<Option<u8>> = (1..=i.items.len())
        .map(|n| {
            let field = crate::measures::item_field(n);
            match pairs
                .iter()
                .find(|(k, _)| k == field)
                .map(|(_, v)| v.trim())
            {
                None | Some("") => None,
                Some(v) => match v.parse::<u8>() {
                    Ok(x) => Some(x),
                    Err(_) => {
                        bad.push(hearth_core::account::FieldError::new(
                            field,
                            "error-measure-range",
                        ));
                        None
                    }
                },
            }
        })
        .collect();
    if !bad.is_empty() {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &take_page(&ctx, &i, &answers, bad),
        );
    }
    match crate::measures::record(
        &state,
        &me.user.id,
        &i,
        answers.clone(),
        ctx.client_addr.clone(),
    )
    .await?
    {
        Ok(saved) => Ok(see_other(&match saved.card {
            Some(k) => format!(
                "/measures/{id}/results?done=measure-saved&card={}#support",
                k.as_str()
            ),
            None => format!("/measures/{id}/results?done=measure-saved"),
        })),
        Err(errs) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &take_page(&ctx, &i, &answers, Errors(errs)),
        ),
    }
}

pub struct BandRect {
    pub y: String,
    pub h: String,
    pub label: String,
    pub ly: String,
    pub shade: bool,
}

pub struct Point {
    pub x: String,
    pub y: String,
    pub marker: Option<&'static str>,
}

pub struct RowView {
    pub when: String,
    pub total: String,
    pub band: String,
    pub change: String,
}

#[derive(Template)]
#[template(path = "measure_results.html")]
struct ResultsPage {
    c: Chrome,
    id: String,
    title: String,
    latest: Option<RowView>,
    bands: Vec<BandRect>,
    line: String,
    points: Vec<Point>,
    rows: Vec<RowView>,
    citation: String,
    /// How reliable change is worked out, when it is an estimate the practice supplied.
    estimate: Option<String>,
    every: i64,
}

/// "+3 · reliable improvement, recovery": the change from the result before, in words; an
/// estimated threshold says so.
fn change_words(t: &Tr, i: &Instrument, c: &measures::Change) -> String {
    let mut words = vec![t
        .get_for(
            "measure-change-",
            match c.direction {
                Direction::ReliableImprovement => "improved",
                Direction::ReliableDeterioration => "worse",
                Direction::NoReliableChange => "same",
                Direction::Unknown => "unknown",
            },
        )
        .into_owned()];
    if c.direction != Direction::Unknown && i.reliable_change.as_ref().is_some_and(|r| r.estimate) {
        words[0] = t.with("measure-change-estimated", "change", &words[0]);
    }
    if c.reliable_recovery {
        words.push(t.get("measure-reliable-recovery").into_owned());
    } else if c.recovery {
        words.push(t.get("measure-recovery").into_owned());
    }
    format!("{:+} · {}", c.delta, words.join(", "))
}

const W: f64 = 560.0;
const H: f64 = 220.0;

#[derive(Deserialize, Default)]
pub struct ResultsQuery {
    done: Option<String>,
    card: Option<String>,
}

pub async fn results(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Query(q): Query<ResultsQuery>,
) -> Result<Response, HtmlError> {
    let i = crate::measures::offered(&state, &id).ok_or(HtmlError::NotFound)?;
    let (mid, iid) = (me.user.id.clone(), id.clone());
    let (list, schedules, plan, entries) = state
        .db(move |c| {
            Ok((
                store::list(c, &mid, Some(&iid))?,
                store::schedules(c, &mid)?,
                hearth_store::safety_plans::find(c, &mid)?.map(|(p, _)| p),
                hearth_store::circle::list(c, &mid)?,
            ))
        })
        .await?;
    let lang = ctx.lang.as_str();
    let t = ctx.tr();
    let scores: Vec<(chrono::NaiveDateTime, Score)> = list
        .iter()
        .filter_map(|r| {
            let answers = r.answers.clone();
            measures::score(&i, &answers).ok().map(|s| (r.taken_at, s))
        })
        .collect();
    // The chart: y from the lowest to the highest possible score; one band per shaded strip.
    let lo = i.bands.first().map(|b| b.min).unwrap_or(0.0);
    let hi = i.bands.last().map(|b| b.max).unwrap_or(1.0);
    let y = |v: f64| H - (v - lo) / (hi - lo).max(1e-9) * H;
    let bands = i
        .bands
        .iter()
        .enumerate()
        .map(|(n, b)| {
            let top = y(b.max);
            let bottom = y(b.min);
            BandRect {
                y: format!("{top:.1}"),
                h: format!("{:.1}", (bottom - top).max(1.0)),
                label: b.text.get(lang).chars().take(40).collect(),
                ly: format!("{:.1}", (top + bottom) / 2.0 + 4.0),
                shade: n % 2 == 0,
            }
        })
        .collect();
    let n = scores.len();
    let x = |k: usize| {
        if n <= 1 {
            W / 2.0
        } else {
            k as f64 / (n - 1) as f64 * W
        }
    };
    let mut points = vec![];
    let mut rows = vec![];
    for (k, (at, s)) in scores.iter().enumerate() {
        let change = (k > 0).then(|| measures::change(&i, &scores[k - 1].1, s));
        let marker = change.as_ref().and_then(|c| match c.direction {
            Direction::ReliableImprovement => Some("up"),
            Direction::ReliableDeterioration => Some("down"),
            _ => None,
        });
        points.push(Point {
            x: format!("{:.1}", x(k)),
            y: format!("{:.1}", y(s.total)),
            marker,
        });
        rows.push(RowView {
            when: fmt_time(*at, &me.user.time_zone),
            total: match s.percent {
                Some(p) => format!("{} ({p}%)", s.total),
                None => format!("{}", s.total),
            },
            band: band_label(&i, s.band, lang),
            change: match &change {
                None => String::new(),
                Some(c) => change_words(&t, &i, c),
            },
        });
    }
    let line = points
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ");
    let card = super::safety::requested_card(
        &state,
        &ctx,
        q.card.as_deref(),
        plan.as_ref(),
        &entries,
        &format!("/measures/{id}/results"),
    )
    .await;
    rows.reverse();
    render(&ResultsPage {
        c: Chrome::new(&ctx)
            .with_done(q.done.as_deref())
            .with_card(card),
        latest: rows.first().map(|r| RowView {
            when: r.when.clone(),
            total: r.total.clone(),
            band: r.band.clone(),
            change: r.change.clone(),
        }),
        title: i.title.get(lang).to_string(),
        citation: i.citation.clone(),
        estimate: i
            .reliable_change
            .as_ref()
            .filter(|rc| rc.estimate)
            .map(|rc| {
                t.args(
                    "measure-change-estimate-note",
                    &[
                        ("points", &format!("{:.2}", rc.points)),
                        ("source", &rc.source),
                    ],
                )
            }),
        every: schedules
            .iter()
            .find(|(x, _)| *x == id)
            .map(|(_, d)| *d)
            .unwrap_or(0),
        id,
        bands,
        line,
        points,
        rows,
    })
}

#[derive(Deserialize)]
pub struct ScheduleForm {
    every_days: Option<String>,
}

/// Days between due dates, 0 to 365; empty means no schedule (0). `None`: not a number in range.
fn every_days(f: &ScheduleForm) -> Option<i64> {
    match f.every_days.as_deref().map(str::trim) {
        None | Some("") => Some(0),
        Some(s) => s.parse::<i64>().ok().filter(|d| (0..=365).contains(d)),
    }
}

/// The member sets how often an instrument is due (0 or empty: no schedule).
pub async fn set_schedule(
    State(state): State<AppState>,
    SignedIn(_ctx, me): SignedIn,
    Path(id): Path<String>,
    Form(f): Form<ScheduleForm>,
) -> Result<Response, HtmlError> {
    crate::measures::offered(&state, &id).ok_or(HtmlError::NotFound)?;
    let Some(every) = every_days(&f) else {
        return Ok(see_other(&format!(
            "/measures/{id}/results?done=schedule-invalid"
        )));
    };
    let (mid, now) = (me.user.id.clone(), state.now());
    state
        .db(move |c| {
            store::set_schedule(c, &mid, &id, every, &mid, now)?;
            Ok(())
        })
        .await?;
    Ok(see_other("/measures?done=saved"))
}

pub struct ClientResult {
    pub title: String,
    pub id: String,
    pub rows: Vec<RowView>,
    pub every: i64,
}

#[derive(Template)]
#[template(path = "client_measures.html")]
struct ClientMeasuresPage {
    c: Chrome,
    member: String,
    member_id: String,
    results: Vec<ClientResult>,
}

/// A clinician reads a client's results only through an active link with the measures
/// scope on (anyone else gets 404), and may set how often each is due. Views are audited.
pub async fn client_measures(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(member_id): Path<String>,
) -> Result<Response, HtmlError> {
    use hearth_core::care::Scope;
    use hearth_store::audit::{self, Action};
    let (cid, mid, addr) = (
        me.user.id.clone(),
        member_id.clone(),
        ctx.client_addr.clone(),
    );
    let found = state
        .tx(move |c| {
            if !hearth_store::care::clinician_may_see(c, &cid, &mid, Scope::Measures)? {
                return Ok(None);
            }
            audit::record(
                c,
                Some(&cid),
                Action::MeasuresViewed,
                Some(&mid),
                addr.as_deref(),
                None,
            )?;
            Ok(Some((
                hearth_store::users::find(c, &mid)?,
                store::list(c, &mid, None)?,
                store::schedules(c, &mid)?,
            )))
        })
        .await?;
    let (member, list, schedules) = found.ok_or(HtmlError::NotFound)?;
    let lang = ctx.lang.as_str();
    let t = ctx.tr();
    let results = state
        .instruments()
        .iter()
        .filter(|i| i.has_text())
        .map(|i| {
            let scores: Vec<_> = list
                .iter()
                .filter(|r| r.instrument == i.id)
                .filter_map(|r| measures::score(i, &r.answers).ok().map(|s| (r.taken_at, s)))
                .collect();
            let mut rows: Vec<RowView> = scores
                .iter()
                .enumerate()
                .map(|(k, (at, s))| {
                    let change = (k > 0).then(|| measures::change(i, &scores[k - 1].1, s));
                    RowView {
                        when: fmt_time(*at, &me.user.time_zone),
                        total: format!("{}", s.total),
                        band: band_label(i, s.band, lang),
                        change: change.map(|c| change_words(&t, i, &c)).unwrap_or_default(),
                    }
                })
                .collect();
            rows.reverse();
            ClientResult {
                title: i.title.get(lang).to_string(),
                id: i.id.clone(),
                rows,
                every: schedules
                    .iter()
                    .find(|(x, _)| *x == i.id)
                    .map(|(_, d)| *d)
                    .unwrap_or(0),
            }
        })
        .collect();
    render(&ClientMeasuresPage {
        c: Chrome::new(&ctx),
        member: member.display_name,
        member_id,
        results,
    })
}

/// A clinician with the measures scope sets how often a measure is due for the client.
pub async fn client_schedule(
    State(state): State<AppState>,
    SignedIn(_ctx, me): SignedIn,
    Path((member_id, id)): Path<(String, String)>,
    Form(f): Form<ScheduleForm>,
) -> Result<Response, HtmlError> {
    use hearth_core::care::Scope;
    crate::measures::offered(&state, &id).ok_or(HtmlError::NotFound)?;
    let every = every_days(&f).ok_or(HtmlError::NotFound)?;
    let (cid, mid, now) = (me.user.id.clone(), member_id.clone(), state.now());
    let allowed = state
        .tx(move |c| {
            if !hearth_store::care::clinician_may_see(c, &cid, &mid, Scope::Measures)? {
                return Ok(false);
            }
            store::set_schedule(c, &mid, &id, every, &cid, now)?;
            Ok(true)
        })
        .await?;
    if !allowed {
        return Err(HtmlError::NotFound);
    }
    Ok(see_other(&format!("/clients/{member_id}/measures")))
}

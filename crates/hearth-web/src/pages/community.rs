//! Find community pages: search with filters, one resource with its meetings, and "add to
//! my calendar". Members (anyone signed in) always; visitors when the practice turns on
//! the public directory.

use super::{render, render_status, see_other, Chrome};
use crate::ctx::{Ctx, Errors, SignedIn};
use crate::error::HtmlError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{Datelike, NaiveDateTime, TimeZone, Weekday};
use hearth_core::account::FieldError;
use hearth_core::circle::Community;
use hearth_core::directory::schedule::{DayPart, Pattern};
use hearth_core::directory::search::{Places, Query as Search, Sort};
use hearth_core::directory::{
    ical, Access, CostKind, Focus, Format, Participation, Recurrence, Resource, Status,
};
use hearth_store::directory as store;

/// Who may look: a signed-in person, or anyone when the directory is public. Others are
/// sent to sign in and brought back.
async fn may_view(state: &AppState, ctx: &Ctx) -> Result<(), Response> {
    if ctx.auth.is_some() {
        return Ok(());
    }
    if state.settings().await.is_ok_and(|s| s.public_directory) {
        return Ok(());
    }
    Err(Redirect::to(&format!("/signin?next={}", urlencoding::encode(&ctx.path))).into_response())
}

fn viewer_tz(ctx: &Ctx, practice_tz: &str) -> String {
    ctx.auth
        .as_ref()
        .map(|a| a.user.time_zone.clone())
        .unwrap_or_else(|| practice_tz.to_string())
}

pub fn weekday_key(d: Weekday) -> &'static str {
    super::DAY_KEYS[d.num_days_from_monday() as usize]
}

/// "Tue 1 Dec, 19:00" in the viewer's zone, with the zone's name when it is not theirs.
fn when(t: &Tr, start_utc: NaiveDateTime, tz: &str) -> String {
    let zone: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::UTC);
    let l = zone.from_utc_datetime(&start_utc);
    t.with2(
        "community-when",
        "day",
        &t.get(weekday_key(l.weekday())),
        "time",
        &format!("{} {}", l.format("%Y-%m-%d"), l.format("%H:%M")),
    )
}

/// A schedule in words, in the group's own zone.
fn describe(t: &Tr, r: &Recurrence) -> String {
    let end = r.start + chrono::Duration::minutes(r.minutes as i64);
    let times = format!("{}–{}", r.start.format("%H:%M"), end.format("%H:%M"));
    let pattern = match r.pattern() {
        Pattern::Once => t.with(
            "community-once",
            "date",
            &r.start.format("%Y-%m-%d").to_string(),
        ),
        Pattern::Daily => t.get("community-daily").into_owned(),
        Pattern::Weekly { days, interval } => {
            let names = days
                .iter()
                .map(|d| t.get(weekday_key(*d)))
                .collect::<Vec<_>>()
                .join(", ");
            if interval == 1 {
                t.with("community-weekly", "days", &names)
            } else {
                t.with2(
                    "community-every-weeks",
                    "weeks",
                    &interval.to_string(),
                    "days",
                    &names,
                )
            }
        }
        Pattern::MonthlyNth { nth, day } => t.with2(
            "community-monthly",
            "nth",
            &nth.to_string(),
            "day",
            &t.get(weekday_key(day)),
        ),
        Pattern::Other => t.with("community-rule", "rule", &r.rule),
    };
    t.args(
        "community-schedule",
        &[("pattern", &pattern), ("times", &times), ("zone", &r.tz)],
    )
}

/// The labels that matter for choosing: how it runs, what it costs, what helps.
fn badges(t: &Tr, r: &Resource) -> Vec<String> {
    let mut b = vec![];
    if r.status == Status::TemporarilyClosed {
        b.push(t.get("community-temporarily-closed").into_owned());
    }
    if let Some(f) = r.effective_format() {
        b.push(t.get(&format!("dir-format-{}", f.as_str())).into_owned());
    }
    if let Some(k) = r.kind {
        b.push(t.get(&format!("dir-kind-{}", k.as_str())).into_owned());
    }
    if let Some(c) = &r.cost {
        b.push(t.get(&format!("dir-cost-{}", c.kind.as_str())).into_owned());
    }
    if let Some(f) = r.facilitation {
        b.push(
            t.get(&format!("dir-facilitation-{}", f.as_str()))
                .into_owned(),
        );
    }
    for p in &r.participation {
        b.push(
            t.get(&format!("dir-participation-{}", p.as_str()))
                .into_owned(),
        );
    }
    for a in &r.access {
        b.push(t.get(&format!("dir-access-{}", a.as_str())).into_owned());
    }
    b
}

/// A language's name where Hearth has one, else its code (imports carry many languages).
fn language_name(t: &Tr, code: &str) -> String {
    let key = format!("dir-language-{code}");
    if t.has(&key) {
        t.get(&key).into_owned()
    } else {
        code.to_ascii_uppercase()
    }
}

fn km(t: &Tr, d: f64) -> String {
    t.with("community-km", "km", &format!("{d:.1}"))
}

pub struct Card {
    pub id: String,
    pub name: String,
    pub org: String,
    pub summary: String,
    pub badges: Vec<String>,
    pub languages: String,
    pub next: Option<String>,
    pub distance: Option<String>,
    pub online_only: bool,
    pub needs_review: bool,
}

/// One checkbox or option in the filter form.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub on: bool,
}

pub struct Group {
    pub name: &'static str,
    pub legend: String,
    pub choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "community.html")]
struct SearchPage {
    c: Chrome,
    q: String,
    groups: Vec<Group>,
    within_days: String,
    lat: String,
    lon: String,
    radius_km: String,
    /// Where distance starts from; empty when the person has no saved place and the
    /// practice no location, so there is nothing to choose.
    near_choices: Vec<Choice>,
    /// The person's saved place in words, if they keep one.
    saved: Option<String>,
    sorts: Vec<Choice>,
    searched: bool,
    staff: bool,
    total: usize,
    cards: Vec<Card>,
    prev: Option<String>,
    next: Option<String>,
}

fn raw<'a>(pairs: &'a [(String, String)], k: &str) -> &'a str {
    pairs
        .iter()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn selected(pairs: &[(String, String)], k: &str, v: &str) -> bool {
    pairs
        .iter()
        .filter(|(n, _)| n == k)
        .any(|(_, x)| x.split(',').any(|p| p.trim() == v))
}

fn group(
    t: &Tr,
    pairs: &[(String, String)],
    name: &'static str,
    legend: &str,
    values: Vec<&'static str>,
    label_prefix: &str,
) -> Group {
    Group {
        name,
        legend: t.get(legend).into_owned(),
        choices: values
            .into_iter()
            .map(|v| Choice {
                value: v,
                label: t.get(&format!("{label_prefix}{v}")).into_owned(),
                on: selected(pairs, name, v),
            })
            .collect(),
    }
}

fn groups(t: &Tr, pairs: &[(String, String)]) -> Vec<Group> {
    vec![
        group(
            t,
            pairs,
            "kind",
            "community-filter-kind",
            Community::ALL.iter().map(|k| k.as_str()).collect(),
            "dir-kind-",
        ),
        group(
            t,
            pairs,
            "format",
            "community-filter-format",
            Format::ALL.iter().map(|k| k.as_str()).collect(),
            "dir-format-",
        ),
        group(
            t,
            pairs,
            "focus",
            "community-filter-focus",
            Focus::ALL.iter().map(|k| k.as_str()).collect(),
            "dir-focus-",
        ),
        group(
            t,
            pairs,
            "cost",
            "community-filter-cost",
            CostKind::ALL.iter().map(|k| k.as_str()).collect(),
            "dir-cost-",
        ),
        group(
            t,
            pairs,
            "access",
            "community-filter-access",
            Access::ALL.iter().map(|k| k.as_str()).collect(),
            "dir-access-",
        ),
        group(
            t,
            pairs,
            "participation",
            "community-filter-participation",
            Participation::ALL.iter().map(|k| k.as_str()).collect(),
            "dir-participation-",
        ),
        group(
            t,
            pairs,
            "language",
            "community-filter-language",
            vec!["en", "ko"],
            "dir-language-",
        ),
        group(
            t,
            pairs,
            "day",
            "community-filter-day",
            vec!["mo", "tu", "we", "th", "fr", "sa", "su"],
            "dir-day-",
        ),
        group(
            t,
            pairs,
            "time",
            "community-filter-time",
            DayPart::ALL.iter().map(|p| p.as_str()).collect(),
            "dir-time-",
        ),
    ]
}

pub fn card(
    t: &Tr,
    id: String,
    r: Resource,
    distance: Option<f64>,
    next: Option<NaiveDateTime>,
    tz: &str,
    today: chrono::NaiveDate,
) -> Card {
    let summary: String = r.description.chars().take(220).collect();
    Card {
        badges: badges(t, &r),
        languages: r
            .languages
            .iter()
            .map(|l| language_name(t, l))
            .collect::<Vec<_>>()
            .join(", "),
        next: next.map(|n| when(t, n, tz)),
        distance: distance.map(|d| km(t, d)),
        online_only: store::online_only(&r),
        needs_review: r.needs_review(today),
        org: r.organization.name.clone(),
        summary: if summary.len() < r.description.len() {
            format!("{summary}…")
        } else {
            summary
        },
        name: r.name,
        id,
    }
}

pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    if let Err(r) = may_view(&state, &ctx).await {
        return Ok(r);
    }
    search_page(&state, &ctx, pairs, vec![]).await
}

fn near_choices(
    t: &Tr,
    pairs: &[(String, String)],
    places: &Places,
    practice: &str,
) -> Vec<Choice> {
    if places.saved.is_none() && places.practice.is_none() {
        return vec![];
    }
    let chosen = raw(pairs, "near");
    let mut out = vec![Choice {
        value: "point",
        label: t.get("community-near-point").into_owned(),
        on: !matches!(chosen, "saved" | "practice"),
    }];
    if places.saved.is_some() {
        out.push(Choice {
            value: "saved",
            label: t.get("community-near-saved").into_owned(),
            on: chosen == "saved",
        });
    }
    if places.practice.is_some() {
        out.push(Choice {
            value: "practice",
            label: t.with("community-near-practice", "name", practice),
            on: chosen == "practice",
        });
    }
    out
}

/// The search page for these parameters. `errors`, when given, come from a form posted
/// from it (saving a place) and are shown instead of searching.
async fn search_page(
    state: &AppState,
    ctx: &Ctx,
    pairs: Vec<(String, String)>,
    errors: Vec<FieldError>,
) -> Result<Response, HtmlError> {
    let t = ctx.tr();
    let settings = state.settings().await.unwrap_or_default();
    let tz = viewer_tz(ctx, &settings.time_zone);
    let me = ctx.auth.as_ref().map(|a| a.user.id.clone());
    let places = crate::places::for_person(state, me.as_deref()).await?;
    let searched = pairs.iter().any(|(k, _)| k != "done");
    let mut page = SearchPage {
        c: Chrome::new(ctx).with_done(
            pairs
                .iter()
                .find(|(k, _)| k == "done")
                .map(|(_, v)| v.as_str()),
        ),
        q: raw(&pairs, "q").to_string(),
        groups: groups(&t, &pairs),
        within_days: raw(&pairs, "within_days").to_string(),
        lat: raw(&pairs, "lat").to_string(),
        lon: raw(&pairs, "lon").to_string(),
        radius_km: raw(&pairs, "radius_km").to_string(),
        near_choices: near_choices(&t, &pairs, &places, &settings.practice_name),
        saved: places.saved.map(|p| format!("{:.3}, {:.3}", p.lat, p.lon)),
        sorts: [Sort::Relevance, Sort::Distance, Sort::NextMeeting]
            .into_iter()
            .map(|s| Choice {
                value: s.as_str(),
                label: t
                    .get(&format!("community-sort-{}", s.as_str()))
                    .into_owned(),
                on: raw(&pairs, "sort") == s.as_str(),
            })
            .collect(),
        searched,
        staff: ctx.auth.as_ref().is_some_and(|a| a.is_staff()),
        total: 0,
        cards: vec![],
        prev: None,
        next: None,
    };
    if !errors.is_empty() {
        page.c = page.c.with_errors(Errors(errors));
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let q = match Search::parse_with(&pairs, &places) {
        Ok(q) => q,
        Err(errors) => {
            page.c = page.c.with_errors(Errors(errors));
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let now = state.now();
    let (p, per) = (q.page, q.per_page);
    let found = state.db(move |c| Ok(store::search(c, &q, now)?)).await?;
    page.total = found.total;
    page.cards = found
        .hits
        .into_iter()
        .map(|h| {
            card(
                &t,
                h.id,
                h.resource,
                h.distance_km,
                h.next_meeting,
                &tz,
                now.date(),
            )
        })
        .collect();
    let link = |to: u32| {
        let mut ps: Vec<(String, String)> = pairs
            .iter()
            .filter(|(k, _)| k != "page" && k != "done")
            .cloned()
            .collect();
        ps.push(("page".into(), to.to_string()));
        format!("/community?{}", query_string(&ps))
    };
    if p > 1 {
        page.prev = Some(link(p - 1));
    }
    if (p as usize) * (per as usize) < found.total {
        page.next = Some(link(p + 1));
    }
    render(&page)
}

fn query_string(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", urlencoding::encode(k), urlencoding::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Keeps the point in the search form as the person's place, then searches from it.
pub async fn place_save(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    // Only the point is read here; the other filters are checked when the search runs.
    let point_pairs: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k == "lat" || k == "lon")
        .cloned()
        .collect();
    let point = match Search::parse(&point_pairs) {
        Ok(q) => q
            .near
            .map(|(p, _)| p)
            .ok_or_else(|| vec![FieldError::new("lat", "error-search-point")]),
        Err(e) => Err(e),
    };
    let point = match point {
        Ok(p) => p,
        Err(errors) => return search_page(&state, &ctx, pairs, errors).await,
    };
    let (id, now) = (me.user.id.clone(), state.now());
    state
        .db(move |c| Ok(hearth_store::places::save(c, &id, point, now)?))
        .await?;
    let mut next: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| !matches!(k.as_str(), "lat" | "lon" | "near" | "done" | "page"))
        .collect();
    next.push(("near".into(), "saved".into()));
    next.push(("done".into(), "place-saved".into()));
    Ok(see_other(&format!("/community?{}", query_string(&next))))
}

pub async fn place_forget(
    State(state): State<AppState>,
    SignedIn(_, me): SignedIn,
) -> Result<Response, HtmlError> {
    let id = me.user.id.clone();
    state
        .db(move |c| Ok(hearth_store::places::forget(c, &id)?))
        .await?;
    Ok(see_other("/community?done=place-forgotten"))
}

pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "community_resource.html")]
struct ResourcePage {
    c: Chrome,
    id: String,
    r: Resource,
    badges: Vec<String>,
    facts: Vec<Fact>,
    schedules: Vec<String>,
    upcoming: Vec<String>,
    address: String,
    verified: Option<String>,
    needs_review: bool,
    staff: bool,
    retired: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

pub async fn resource(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(d): Query<Done>,
) -> Result<Response, HtmlError> {
    if let Err(r) = may_view(&state, &ctx).await {
        return Ok(r);
    }
    let staff = ctx.auth.as_ref().is_some_and(|a| a.is_staff());
    let found = state
        .read(move |c| Ok(store::get(c, &id)?))
        .await?
        // Staff can open a retired or closed record to restore it; others cannot.
        .filter(|s| staff || store::listed(s))
        .ok_or(HtmlError::NotFound)?;
    let t = ctx.tr();
    let settings = state.settings().await.unwrap_or_default();
    let tz = viewer_tz(&ctx, &settings.time_zone);
    let now = state.now();
    let r = found.resource;
    let mut upcoming: Vec<NaiveDateTime> = r
        .schedules
        .iter()
        .flat_map(|s| s.occurrences(now, now + chrono::Duration::days(60), 5))
        .collect();
    upcoming.sort();
    upcoming.truncate(5);
    let mut facts = vec![];
    let mut fact = |key: &str, value: String| {
        if !value.is_empty() {
            facts.push(Fact {
                label: t.get(key).into_owned(),
                value,
            })
        }
    };
    fact(
        "community-fact-focus",
        r.focus
            .iter()
            .map(|f| t.get(&format!("dir-focus-{}", f.as_str())))
            .collect::<Vec<_>>()
            .join(", "),
    );
    fact(
        "community-fact-languages",
        r.languages
            .iter()
            .map(|l| language_name(&t, l))
            .collect::<Vec<_>>()
            .join(", "),
    );
    if let Some(c) = &r.cost {
        let amount = c.amount_text().map(|a| format!(" {a}")).unwrap_or_default();
        let note = if c.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", c.note)
        };
        fact(
            "community-fact-cost",
            format!(
                "{}{amount}{note}",
                t.get(&format!("dir-cost-{}", c.kind.as_str()))
            ),
        );
    }
    match (r.min_age, r.max_age) {
        (Some(a), Some(b)) => fact("community-fact-ages", format!("{a}–{b}")),
        (Some(a), None) => fact("community-fact-ages", format!("{a}+")),
        (None, Some(b)) => fact("community-fact-ages", format!("≤ {b}")),
        _ => {}
    }
    fact("community-fact-eligibility", r.eligibility.clone());
    fact("community-fact-tags", r.tags.join(", "));
    let address = r
        .place
        .as_ref()
        .map(|p| {
            [
                &p.name,
                &p.address,
                &p.city,
                &p.region,
                &p.postal_code,
                &p.country,
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
        })
        .unwrap_or_default();
    let page = ResourcePage {
        c: Chrome::new(&ctx).with_done(d.done.as_deref()),
        badges: badges(&t, &r),
        facts,
        schedules: r.schedules.iter().map(|s| describe(&t, s)).collect(),
        upcoming: upcoming.into_iter().map(|u| when(&t, u, &tz)).collect(),
        address,
        verified: r
            .verified
            .as_ref()
            .map(|v| t.with2("community-verified", "date", &v.on.to_string(), "by", &v.by)),
        needs_review: r.needs_review(now.date()),
        staff,
        retired: found.retired_at.is_some(),
        id: found.id,
        r,
    };
    render(&page)
}

/// Where calendar entries link back to, and the host that makes their UIDs unique.
fn calendar_base(state: &AppState) -> (String, String) {
    let base = state.config().base_url.trim_end_matches('/').to_string();
    let host = base
        .split("://")
        .nth(1)
        .and_then(|h| h.split('/').next())
        .filter(|h| !h.is_empty())
        .unwrap_or("hearth.invalid")
        .to_string();
    (base, host)
}

/// The resource's meetings as an iCalendar file. The same body serves the page link and
/// `GET /api/v1/resources/{id}/calendar.ics`.
pub fn calendar_response(state: &AppState, id: &str, r: &Resource) -> Response {
    let (base, host) = calendar_base(state);
    let body = ical::calendar(
        &r.name,
        &[ical::Entry {
            id,
            resource: r,
            url: format!("{base}/community/{id}"),
        }],
        state.now(),
        &host,
    );
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"meetings.ics\"",
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn calendar(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    if let Err(r) = may_view(&state, &ctx).await {
        return Ok(r);
    }
    let id2 = id.clone();
    let found = state
        .read(move |c| Ok(store::get(c, &id2)?))
        .await?
        .filter(store::listed)
        .ok_or(HtmlError::NotFound)?;
    Ok(calendar_response(&state, &id, &found.resource))
}

/// A member's private feed: the groups they are working toward (a ladder not paused) or
/// said they will try or keep going to (a referral), as one iCalendar file. The secret in
/// the address is the only key, so calendar apps can subscribe without signing in.
pub async fn member_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, HtmlError> {
    let secret = file.strip_suffix(".ics").unwrap_or(&file).to_string();
    let now = state.now();
    let found = state
        .db(move |c| {
            let Some(mid) = hearth_store::calendar_feeds::member_for(c, &secret)? else {
                return Ok(None);
            };
            let mut ids: Vec<String> = hearth_store::small_steps::for_member(c, &mid)?
                .into_iter()
                .filter(|s| !s.ladder.paused)
                .map(|s| s.resource_id)
                .collect();
            use hearth_core::directory::referral::Status;
            ids.extend(
                hearth_store::referrals::for_member(c, &mid)?
                    .into_iter()
                    .filter(|r| {
                        matches!(
                            r.status_at(now),
                            Status::Accepted | Status::Attended | Status::Engaged
                        )
                    })
                    .map(|r| r.resource_id),
            );
            ids.sort();
            ids.dedup();
            let mut out = vec![];
            for id in ids {
                if let Some(s) = store::get(c, &id)?.filter(store::listed) {
                    out.push(s);
                }
            }
            Ok(Some(out))
        })
        .await?
        .ok_or(HtmlError::NotFound)?;
    let (base, host) = calendar_base(&state);
    let entries: Vec<ical::Entry> = found
        .iter()
        .map(|s| ical::Entry {
            id: &s.id,
            resource: &s.resource,
            url: format!("{base}/community/{}", s.id),
        })
        .collect();
    let name = state
        .settings()
        .await
        .unwrap_or_default()
        .practice_name
        .clone();
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            // A private feed: no shared cache may keep it.
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        ical::calendar(&name, &entries, now, &host),
    )
        .into_response())
}

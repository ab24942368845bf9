//! What a member sees of the safety net: crisis cards after they write, the "I need help
//! now" and "I'm safe right now" answers, and their safety plan (also shared, by consent,
//! with their care team).

use super::{render, render_status, safe_next, see_other, Chrome};
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
use hearth_core::care::{LinkStatus, Scope};
use hearth_core::circle::Entry;
use hearth_core::crisis_lines::{self, CrisisLine};
use hearth_core::office_hours::{self, Availability};
use hearth_core::safety::alerts::{Card, Source};
use hearth_core::safety::plan::{self, Helper, PlanProblem, SafetyPlan, LIST_STEPS};
use hearth_core::settings::PracticeSettings;
use hearth_store::audit::{self, Action};
use hearth_store::{care, circle, safety_plans, users};
use serde::Deserialize;
use std::collections::HashMap;

/// One crisis line, ready for a template.
pub struct LineView {
    pub name: String,
    pub phone: Option<String>,
    pub tel: String,
    pub text: Option<String>,
    pub sms: String,
    pub keyword: Option<String>,
    pub chat_url: Option<String>,
    pub hours: Option<String>,
    pub always_open: bool,
    pub emergency: bool,
}

impl From<CrisisLine> for LineView {
    fn from(l: CrisisLine) -> Self {
        LineView {
            tel: crisis_lines::href(l.phone.as_deref().unwrap_or(""), false),
            sms: crisis_lines::href(l.text.as_deref().unwrap_or(""), true),
            name: l.name,
            phone: l.phone,
            text: l.text,
            keyword: l.text_keyword,
            // Only https chat links become links, whatever the stored settings hold.
            chat_url: l.chat_url.filter(|u| u.starts_with("https://")),
            hours: l.hours,
            always_open: l.always_open,
            emergency: l.emergency,
        }
    }
}

pub struct HelperView {
    pub name: String,
    pub phone: String,
    pub tel: Option<String>,
}

fn helper_view(name: &str, phone: &str) -> HelperView {
    HelperView {
        name: name.to_string(),
        phone: phone.to_string(),
        tel: phone
            .chars()
            .any(|c| c.is_ascii_digit())
            .then(|| crisis_lines::href(phone, false)),
    }
}

/// The people a member can ask for help: those picked from their circle for step 4, anyone
/// in the circle they said they could reach in a crisis, then the plan's free entries.
fn helper_views(p: Option<&SafetyPlan>, circle: &[Entry]) -> Vec<HelperView> {
    let mut out: Vec<HelperView> = circle
        .iter()
        .filter(|e| e.details.crisis_contact || p.is_some_and(|p| p.circle_helpers.contains(&e.id)))
        .map(|e| helper_view(&e.name, e.details.phone.as_deref().unwrap_or("")))
        .collect();
    if let Some(p) = p {
        out.extend(p.helpers.iter().map(|h| helper_view(&h.name, &h.phone)));
    }
    out
}

/// Step 3 people and places picked from the circle.
fn place_names(p: &SafetyPlan, circle: &[Entry]) -> Vec<String> {
    circle
        .iter()
        .filter(|e| p.circle_places.contains(&e.id))
        .map(|e| e.name.clone())
        .collect()
}

/// A crisis card, with everything it shows already chosen for this reader.
pub struct CardView {
    pub low: bool,
    pub moderate: bool,
    pub severe: bool,
    pub other: bool,
    pub emergency: Option<LineView>,
    pub primary: Option<LineView>,
    pub more: Vec<LineView>,
    pub always_open: Vec<LineView>,
    pub open_now: bool,
    pub next_open: Option<String>,
    /// The people the member listed as ones they can ask for help.
    pub helpers: Vec<HelperView>,
    /// Where "close" returns to: this page without the card.
    pub back: String,
}

/// The crisis card a page's `card` parameter asks for (after a save whose words called for
/// one), or none. `back` is where the card's "back" link returns.
pub async fn requested_card(
    state: &AppState,
    ctx: &Ctx,
    card: Option<&str>,
    plan: Option<&SafetyPlan>,
    circle: &[Entry],
    back: &str,
) -> Option<CardView> {
    let k = card.and_then(Card::parse)?;
    let settings = state.settings().await.unwrap_or_default();
    Some(card_view(
        k,
        &settings,
        ctx.lang.as_str(),
        state.now(),
        plan,
        circle,
        back,
    ))
}

pub fn card_view(
    card: Card,
    settings: &PracticeSettings,
    lang: &str,
    now: chrono::NaiveDateTime,
    plan: Option<&SafetyPlan>,
    circle: &[Entry],
    back: &str,
) -> CardView {
    let lines = crisis_lines::for_reader(&settings.crisis_lines, &settings.region, lang);
    let (open_now, next_open) =
        match office_hours::availability(now.and_utc(), settings.tz(), &settings.office_hours) {
            Availability::Open => (true, None),
            Availability::Closed { next_open } => (
                false,
                next_open
                    .map(|t| format!("{} ({})", t.format("%Y-%m-%d %H:%M"), settings.time_zone)),
            ),
        };
    CardView {
        low: card == Card::Low,
        moderate: card == Card::Moderate,
        severe: card == Card::Severe,
        other: card == Card::ConcernForOther,
        emergency: lines.emergency.map(LineView::from),
        primary: lines.primary.map(LineView::from),
        more: lines.more.into_iter().map(LineView::from).collect(),
        always_open: lines.always_open.into_iter().map(LineView::from).collect(),
        open_now,
        next_open,
        helpers: helper_views(plan, circle),
        back: back.to_string(),
    }
}

#[derive(Deserialize, Default)]
pub struct PlanQuery {
    done: Option<String>,
    card: Option<String>,
}

pub struct StepView {
    pub key: &'static str,
    pub entries: Vec<String>,
}

fn step_views(p: &SafetyPlan) -> Vec<StepView> {
    LIST_STEPS
        .iter()
        .map(|k| StepView {
            key: k,
            entries: p.list(k).to_vec(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "safety_plan.html")]
struct PlanPage {
    c: Chrome,
    owner_name: Option<String>,
    steps: Vec<StepView>,
    helpers: Vec<HelperView>,
    places: Vec<String>,
    care_team: Vec<String>,
    lines: Vec<LineView>,
    updated: Option<String>,
    own: bool,
}

/// Steps 5's prefilled part: the member's clinicians and the practice's lines.
async fn prefilled(
    state: &AppState,
    member_id: String,
    lang: &str,
) -> Result<(Vec<String>, Vec<LineView>), HtmlError> {
    let team = state
        .db(move |c| {
            let mut names = vec![];
            for l in care::for_member(c, &member_id)? {
                if l.status() == LinkStatus::Active {
                    names.push(users::find(c, &l.clinician_id)?.display_name);
                }
            }
            Ok(names)
        })
        .await?;
    let settings = state.settings().await.unwrap_or_default();
    let cl = crisis_lines::for_reader(&settings.crisis_lines, &settings.region, lang);
    let lines = cl
        .emergency
        .into_iter()
        .chain(cl.primary)
        .chain(cl.more)
        .map(LineView::from)
        .collect();
    Ok((team, lines))
}

pub async fn plan_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<PlanQuery>,
) -> Result<Response, HtmlError> {
    let uid = me.user.id.clone();
    let (found, entries) = state
        .db(move |c| Ok((safety_plans::find(c, &uid)?, circle::list(c, &uid)?)))
        .await?;
    let (plan, updated) = match found {
        Some((p, at)) => (p, Some(super::fmt_time(at, &me.user.time_zone))),
        None => (SafetyPlan::default(), None),
    };
    let card = requested_card(
        &state,
        &ctx,
        q.card.as_deref(),
        Some(&plan),
        &entries,
        "/safety-plan",
    )
    .await;
    let (care_team, lines) = prefilled(&state, me.user.id.clone(), ctx.lang.as_str()).await?;
    render(&PlanPage {
        c: Chrome::new(&ctx)
            .with_done(q.done.as_deref())
            .with_card(card),
        owner_name: None,
        steps: step_views(&plan),
        helpers: helper_views(Some(&plan), &entries),
        places: place_names(&plan, &entries),
        care_team,
        lines,
        updated,
        own: true,
    })
}

/// A clinician reads a client's plan: only through an active link with the
/// safety-plan scope on. Anyone else gets 404, as if there were no plan.
pub async fn client_plan_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(member_id): Path<String>,
) -> Result<Response, HtmlError> {
    let (cid, mid, addr) = (
        me.user.id.clone(),
        member_id.clone(),
        ctx.client_addr.clone(),
    );
    let found = state
        .tx(move |c| {
            if !care::clinician_may_see(c, &cid, &mid, Scope::SafetyPlan)? {
                return Ok(None);
            }
            let member = users::find(c, &mid)?;
            let plan = safety_plans::find(c, &mid)?;
            // Only the people the member put in the plan, never the rest of their circle.
            let entries: Vec<Entry> = circle::list(c, &mid)?
                .into_iter()
                .filter(|e| {
                    e.details.crisis_contact
                        || plan
                            .as_ref()
                            .is_some_and(|(p, _)| p.uses_circle_entry(&e.id))
                })
                .collect();
            audit::record(
                c,
                Some(&cid),
                Action::SafetyPlanViewed,
                Some(&mid),
                addr.as_deref(),
                None,
            )?;
            Ok(Some((member, plan, entries)))
        })
        .await?;
    let Some((member, plan, entries)) = found else {
        return Err(HtmlError::NotFound);
    };
    let (plan, updated) = match plan {
        Some((p, at)) => (p, Some(super::fmt_time(at, &me.user.time_zone))),
        None => (SafetyPlan::default(), None),
    };
    let (care_team, lines) = prefilled(&state, member_id, member.language().as_str()).await?;
    render(&PlanPage {
        c: Chrome::new(&ctx),
        owner_name: Some(member.display_name),
        steps: step_views(&plan),
        helpers: helper_views(Some(&plan), &entries),
        places: place_names(&plan, &entries),
        care_team,
        lines,
        updated,
        own: false,
    })
}

/// Helper rows on the form. Fixed names keep field ids static for error messages.
const HELPER_NAME_FIELDS: [&str; 8] = [
    "helper_name_0",
    "helper_name_1",
    "helper_name_2",
    "helper_name_3",
    "helper_name_4",
    "helper_name_5",
    "helper_name_6",
    "helper_name_7",
];
const HELPER_PHONE_FIELDS: [&str; 8] = [
    "helper_phone_0",
    "helper_phone_1",
    "helper_phone_2",
    "helper_phone_3",
    "helper_phone_4",
    "helper_phone_5",
    "helper_phone_6",
    "helper_phone_7",
];

pub struct HelperRow {
    pub i: usize,
    pub name: String,
    pub phone: String,
}

pub struct StepField {
    pub key: &'static str,
    pub value: String,
}

/// A circle entry offered as a checkbox in steps 3 and 4.
pub struct CircleChoice {
    pub id: String,
    pub name: String,
    pub crisis_contact: bool,
    pub place: bool,
    pub helper: bool,
}

#[derive(Template)]
#[template(path = "safety_plan_edit.html")]
struct PlanEditPage {
    c: Chrome,
    steps: Vec<StepField>,
    helpers: Vec<HelperRow>,
    circle: Vec<CircleChoice>,
}

fn edit_page(ctx: &Ctx, plan: &SafetyPlan, entries: &[Entry], errors: Errors) -> PlanEditPage {
    let steps = LIST_STEPS
        .iter()
        .map(|k| StepField {
            key: k,
            value: plan.list(k).join("\n"),
        })
        .collect();
    let mut helpers: Vec<HelperRow> = plan
        .helpers
        .iter()
        .take(HELPER_NAME_FIELDS.len())
        .enumerate()
        .map(|(i, h)| HelperRow {
            i,
            name: h.name.clone(),
            phone: h.phone.clone(),
        })
        .collect();
    // Always room for a few more people, up to the form's rows.
    let target = (helpers.len() + 2).clamp(3, HELPER_NAME_FIELDS.len());
    while helpers.len() < target {
        helpers.push(HelperRow {
            i: helpers.len(),
            name: String::new(),
            phone: String::new(),
        });
    }
    PlanEditPage {
        c: Chrome::new(ctx).with_errors(errors),
        steps,
        helpers,
        circle: entries
            .iter()
            .map(|e| CircleChoice {
                id: e.id.clone(),
                name: e.name.clone(),
                crisis_contact: e.details.crisis_contact,
                place: plan.circle_places.contains(&e.id),
                helper: plan.circle_helpers.contains(&e.id),
            })
            .collect(),
    }
}

pub async fn plan_edit_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
) -> Result<Response, HtmlError> {
    let uid = me.user.id.clone();
    let (plan, entries) = state
        .db(move |c| Ok((safety_plans::find(c, &uid)?, circle::list(c, &uid)?)))
        .await?;
    let plan = plan.map(|(p, _)| p).unwrap_or_default();
    render(&edit_page(&ctx, &plan, &entries, Errors::default()))
}

/// Reads the form as typed; blank helper rows are dropped, nothing else is changed.
fn plan_from_form(pairs: &[(String, String)]) -> SafetyPlan {
    let form: HashMap<String, String> = pairs
        .iter()
        .filter(|(k, _)| k != "circle_places" && k != "circle_helpers")
        .cloned()
        .collect();
    let picked = |name: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let mut p = SafetyPlan {
        circle_places: picked("circle_places"),
        circle_helpers: picked("circle_helpers"),
        ..Default::default()
    };
    for k in LIST_STEPS {
        if let Some(list) = p.list_mut(k) {
            *list = plan::lines(form.get(k).map(String::as_str).unwrap_or(""));
        }
    }
    for i in 0..HELPER_NAME_FIELDS.len() {
        let name = form
            .get(HELPER_NAME_FIELDS[i])
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let phone = form
            .get(HELPER_PHONE_FIELDS[i])
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        if !name.is_empty() || !phone.is_empty() {
            p.helpers.push(Helper { name, phone });
        }
    }
    p
}

fn field_name(f: &str) -> &'static str {
    LIST_STEPS
        .iter()
        .chain(HELPER_NAME_FIELDS.iter())
        .chain(HELPER_PHONE_FIELDS.iter())
        .find(|k| **k == f)
        .copied()
        .unwrap_or("warning_signs")
}

pub async fn plan_save(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    let mut plan = plan_from_form(&pairs);
    let uid = me.user.id.clone();
    let (before, entries) = state
        .db(move |c| Ok((safety_plans::find(c, &uid)?, circle::list(c, &uid)?)))
        .await?;
    // Only the member's own circle entries can be picked.
    plan.circle_places
        .retain(|id| entries.iter().any(|e| e.id == *id));
    plan.circle_helpers
        .retain(|id| entries.iter().any(|e| e.id == *id));
    let problems = plan.check();
    if !problems.is_empty() {
        let mut errors = Errors::default();
        for p in problems {
            let msg = match p.problem {
                PlanProblem::TooManyEntries => "error-plan-too-many",
                PlanProblem::EntryTooLong => "error-plan-too-long",
                PlanProblem::Phone => "error-plan-phone",
                PlanProblem::HelperName => "error-plan-helper-name",
            };
            errors.push(FieldError::new(field_name(&p.field), msg));
        }
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &edit_page(&ctx, &plan, &entries, errors),
        );
    }
    let before = before.map(|(p, _)| p).unwrap_or_default();
    // Screened before the save so the answer can carry the card; saved exactly as typed.
    let screening = safety::screen(&state, &plan.new_texts(&before));
    let card = safety::card(&screening);
    let settings = state.settings().await.unwrap_or_default();
    let (uid, addr, now) = (me.user.id.clone(), ctx.client_addr.clone(), state.now());
    let level = screening.level;
    state
        .tx(move |c| {
            safety_plans::save(c, &uid, &plan, now)?;
            audit::record(
                c,
                Some(&uid),
                Action::SafetyPlanSaved,
                Some(&uid),
                addr.as_deref(),
                None,
            )?;
            safety::record_signal(
                c,
                &settings,
                &uid,
                level,
                Source::SafetyPlan,
                now,
                addr.as_deref(),
            )
        })
        .await?;
    state.wake_jobs();
    Ok(see_other(&match card {
        Some(k) => format!("/safety-plan?done=plan-saved&card={}#support", k.as_str()),
        None => "/safety-plan?done=plan-saved".into(),
    }))
}

#[derive(Template)]
#[template(path = "help_sent.html")]
struct HelpSentPage {
    c: Chrome,
    emergency: Option<LineView>,
    primary: Option<LineView>,
    told: bool,
    open_now: bool,
    next_open: Option<String>,
}

/// "I need help now": the care team (or the on-call list) is alerted urgently.
pub async fn help_now(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
) -> Result<Response, HtmlError> {
    safety::help_now(&state, me.user.id.clone(), ctx.client_addr.clone()).await?;
    Ok(see_other("/safety/help-now"))
}

pub async fn help_sent_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
) -> Result<Response, HtmlError> {
    let settings = state.settings().await.unwrap_or_default();
    let uid = me.user.id.clone();
    // "Told" only when someone other than the member was: an alert nobody could be told about
    // sends the member to the lines instead.
    let told = state
        .db(move |c| {
            Ok(match hearth_store::alerts::latest_unresolved(c, &uid)? {
                Some(a) => !hearth_store::alerts::recipients(c, &a.id)?.is_empty(),
                None => false,
            })
        })
        .await?;
    let view = card_view(
        Card::Severe,
        &settings,
        ctx.lang.as_str(),
        state.now(),
        None,
        &[],
        "/",
    );
    render(&HelpSentPage {
        c: Chrome::new(&ctx),
        emergency: view.emergency,
        primary: view.primary,
        told,
        open_now: view.open_now,
        next_open: view.next_open,
    })
}

#[derive(Deserialize)]
pub struct SafeForm {
    back: Option<String>,
}

/// "I'm safe right now": recorded (the care team sees it with the alert), then back.
pub async fn safe_now(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(f): Form<SafeForm>,
) -> Result<Response, HtmlError> {
    record_safe(&state, &ctx, &me).await?;
    let back = safe_next(f.back.as_deref());
    Ok(see_other(&format!(
        "{back}{}done=safe-noted",
        if back.contains('?') { "&" } else { "?" }
    )))
}

async fn record_safe(state: &AppState, ctx: &Ctx, me: &AuthUser) -> Result<(), HtmlError> {
    let (uid, addr) = (me.user.id.clone(), ctx.client_addr.clone());
    state
        .tx(move |c| {
            let alert = hearth_store::alerts::latest_unresolved(c, &uid)?;
            audit::record(
                c,
                Some(&uid),
                Action::MemberSafe,
                Some(&uid),
                addr.as_deref(),
                alert.as_ref().map(|a| a.id.as_str()),
            )
        })
        .await?;
    Ok(())
}

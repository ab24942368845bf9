//! Admin pages: people and roles, invitations, practice settings, the audit log.

use super::{fmt_time, render, render_status, see_other, Chrome};
use crate::accounts;
use crate::ctx::{AuthUser, Ctx, Errors, SignedIn};
use crate::error::HtmlError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use hearth_core::account::{FieldError, Language};
use hearth_core::directory::Point;
use hearth_core::office_hours::{self, OfficeDay};
use hearth_core::roles::Role;
use hearth_core::settings::MAX_ACK_MINUTES;
use hearth_store::audit::{self, Action};
use hearth_store::{tokens, users};
use serde::Deserialize;
use std::collections::HashMap;

pub fn require_admin(me: &AuthUser) -> Result<(), HtmlError> {
    if me.has(Role::Admin) {
        Ok(())
    } else {
        Err(HtmlError::Forbidden)
    }
}

pub fn role_key(r: Role) -> &'static str {
    match r {
        Role::Member => "role-member",
        Role::Facilitator => "role-facilitator",
        Role::Clinician => "role-clinician",
        Role::Admin => "role-admin",
    }
}

fn role_choices(selected: &[Role]) -> Vec<(&'static str, bool, &'static str)> {
    Role::ALL
        .into_iter()
        .map(|r| (r.as_str(), selected.contains(&r), role_key(r)))
        .collect()
}

fn roles_from_form(form: &HashMap<String, String>) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|r| {
            form.get(&format!("role_{}", r.as_str()))
                .is_some_and(|v| v == "on")
        })
        .collect()
}

pub struct PersonRow {
    id: String,
    name: String,
    email: String,
    roles: String,
    pending: bool,
}

#[derive(Default)]
pub struct InviteFields {
    email: String,
    display_name: String,
    language: String,
}

#[derive(Template)]
#[template(path = "admin_people.html")]
struct PeoplePage {
    c: Chrome,
    people: Vec<PersonRow>,
    f: InviteFields,
    role_choices: Vec<(&'static str, bool, &'static str)>,
}

async fn people_view(
    state: &AppState,
    ctx: &Ctx,
    errors: Errors,
    f: InviteFields,
    roles: &[Role],
) -> Result<PeoplePage, HtmlError> {
    let (list, all_roles) = state
        .db(|c| Ok((users::list(c)?, users::all_roles(c)?)))
        .await?;
    let t = ctx.tr();
    let people = list
        .into_iter()
        .map(|u| PersonRow {
            roles: all_roles
                .iter()
                .filter(|(id, _)| *id == u.id)
                .map(|(_, r)| t.get(role_key(*r)))
                .collect::<Vec<_>>()
                .join(", "),
            pending: u.is_pending(),
            id: u.id,
            name: u.display_name,
            email: u.email,
        })
        .collect();
    Ok(PeoplePage {
        c: Chrome::new(ctx).with_errors(errors),
        people,
        f,
        role_choices: role_choices(roles),
    })
}

pub async fn people(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let f = InviteFields {
        language: ctx.lang.as_str().into(),
        ..Default::default()
    };
    render(&people_view(&state, &ctx, Errors::default(), f, &[Role::Member]).await?)
}

pub async fn invite(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    let roles = roles_from_form(&form);
    let lang = Language::parse(&get("language")).unwrap_or(ctx.lang);
    match accounts::invite(
        &state,
        Some(me.user.id.clone()),
        &get("email"),
        &get("display_name"),
        roles.clone(),
        lang,
        ctx.client_addr.clone(),
    )
    .await?
    {
        Ok(inv) => {
            let page = invitations_view(&state, &ctx, Some(inv.link)).await?;
            render(&page)
        }
        Err(errs) => {
            let f = InviteFields {
                email: get("email"),
                display_name: get("display_name"),
                language: lang.as_str().into(),
            };
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &people_view(&state, &ctx, Errors(errs), f, &roles).await?,
            )
        }
    }
}

#[derive(Template)]
#[template(path = "admin_person.html")]
struct PersonPage {
    c: Chrome,
    id: String,
    name: String,
    email: String,
    legal_name: Option<String>,
    role_choices: Vec<(&'static str, bool, &'static str)>,
    is_member: bool,
    clinicians: Vec<(String, String)>,
}

async fn person_view(
    state: &AppState,
    ctx: &Ctx,
    id: String,
    errors: Errors,
    done: Option<&str>,
) -> Result<PersonPage, HtmlError> {
    let found = state
        .db(move |c| {
            let Some(u) = users::find_opt(c, &id)? else {
                return Ok(None);
            };
            let roles = users::roles(c, &u.id)?;
            let all = users::all_roles(c)?;
            let mut clinicians = vec![];
            for (cid, r) in all {
                if r == Role::Clinician && cid != u.id {
                    clinicians.push((cid.clone(), users::find(c, &cid)?.display_name));
                }
            }
            Ok(Some((u, roles, clinicians)))
        })
        .await?;
    let (u, roles, clinicians) = found.ok_or(HtmlError::NotFound)?;
    Ok(PersonPage {
        c: Chrome::new(ctx).with_errors(errors).with_done(done),
        is_member: roles.contains(&Role::Member),
        role_choices: role_choices(&roles),
        id: u.id,
        name: u.display_name,
        email: u.email,
        legal_name: u.legal_name,
        clinicians,
    })
}

#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

pub async fn person(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    render(&person_view(&state, &ctx, id, Errors::default(), q.done.as_deref()).await?)
}

pub async fn set_roles(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let roles = roles_from_form(&form);
    // An admin cannot remove their own admin role: a practice must never lock itself out.
    if id == me.user.id && !roles.contains(&Role::Admin) {
        let page = person_view(
            &state,
            &ctx,
            id,
            Errors(vec![FieldError::new("roles", "error-keep-own-admin")]),
            None,
        )
        .await?;
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let (actor, addr, target) = (me.user.id.clone(), ctx.client_addr.clone(), id.clone());
    let detail = roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let found = state
        .tx(move |c| {
            if users::find_opt(c, &target)?.is_none() {
                return Ok(false);
            }
            users::set_roles(c, &target, &roles)?;
            audit::record(
                c,
                Some(&actor),
                Action::RolesChanged,
                Some(&target),
                addr.as_deref(),
                Some(&detail),
            )?;
            Ok(true)
        })
        .await?;
    if !found {
        return Err(HtmlError::NotFound);
    }
    Ok(see_other(&format!("/admin/people/{id}?done=saved")))
}

#[derive(Deserialize)]
pub struct AssignForm {
    clinician_id: String,
}

pub async fn assign_clinician(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Form(f): Form<AssignForm>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let (cid, mid) = (f.clinician_id.clone(), id.clone());
    let valid = state
        .db(move |c| {
            Ok(users::has_role(c, &cid, Role::Clinician)?
                && users::has_role(c, &mid, Role::Member)?)
        })
        .await?;
    if !valid {
        return Err(HtmlError::NotFound);
    }
    let created = super::care::offer_care(
        &state,
        &f.clinician_id,
        &id,
        &me.user.id,
        ctx.client_addr.clone(),
    )
    .await?;
    if !created {
        let page = person_view(
            &state,
            &ctx,
            id,
            Errors(vec![FieldError::new(
                "clinician_id",
                "error-already-linked",
            )]),
            None,
        )
        .await?;
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    Ok(see_other(&format!("/admin/people/{id}?done=care-offered")))
}

pub struct InvitationRow {
    id: String,
    email: String,
    created: String,
    expires: String,
    expired: bool,
}

#[derive(Template)]
#[template(path = "admin_invitations.html")]
struct InvitationsPage {
    c: Chrome,
    invitations: Vec<InvitationRow>,
    new_link: Option<String>,
}

async fn invitations_view(
    state: &AppState,
    ctx: &Ctx,
    new_link: Option<String>,
) -> Result<InvitationsPage, HtmlError> {
    let rows = state
        .db(|c| {
            let mut out = vec![];
            for t in tokens::open_invitations(c)? {
                let email = users::find(c, &t.user_id)?.email;
                out.push((t, email));
            }
            Ok(out)
        })
        .await?;
    let tz = ctx
        .auth
        .as_ref()
        .map(|a| a.user.time_zone.clone())
        .unwrap_or_else(|| "UTC".into());
    let now = hearth_store::now();
    let invitations = rows
        .into_iter()
        .map(|(t, email)| InvitationRow {
            created: fmt_time(t.created_at, &tz),
            expires: fmt_time(t.expires_at, &tz),
            expired: t.expires_at <= now,
            id: t.id,
            email,
        })
        .collect();
    let mut c = Chrome::new(ctx);
    if new_link.is_some() {
        c.path = "/admin/invitations".into();
    }
    Ok(InvitationsPage {
        c,
        invitations,
        new_link,
    })
}

pub async fn invitations(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    render(&invitations_view(&state, &ctx, None).await?)
}

pub async fn revoke_invitation(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let (actor, addr) = (me.user.id.clone(), ctx.client_addr.clone());
    let found = state
        .tx(move |c| {
            let Some(t) =
                tokens::find(c, &id)?.filter(|t| t.purpose == tokens::Purpose::Invitation.as_str())
            else {
                return Ok(false);
            };
            if tokens::revoke(c, &t.id)? > 0 {
                audit::record(
                    c,
                    Some(&actor),
                    Action::InvitationRevoked,
                    Some(&t.user_id),
                    addr.as_deref(),
                    None,
                )?;
            }
            Ok(true)
        })
        .await?;
    if !found {
        return Err(HtmlError::NotFound);
    }
    Ok(see_other("/admin/invitations"))
}

pub struct DayRow {
    weekday: u8,
    day_key: &'static str,
    open: String,
    close: String,
}

pub struct StaffChoice {
    id: String,
    name: String,
    on: bool,
}

/// The settings form as typed.
pub struct SettingsFields {
    practice_name: String,
    self_registration: bool,
    require_totp_for_staff: bool,
    public_directory: bool,
    /// Where the practice is, for distance in Find community; both empty for none.
    location_lat: String,
    location_lon: String,
    region: String,
    time_zone: String,
    days: Vec<DayRow>,
    on_call: Vec<String>,
    ack_minutes_severe: String,
    ack_minutes_moderate: String,
}

const OPEN_FIELDS: [&str; 7] = [
    "open_1", "open_2", "open_3", "open_4", "open_5", "open_6", "open_7",
];

#[derive(Template)]
#[template(path = "admin_settings.html")]
struct SettingsPage {
    c: Chrome,
    f: SettingsFields,
    staff: Vec<StaffChoice>,
}

async fn settings_view(
    state: &AppState,
    ctx: &Ctx,
    f: SettingsFields,
    errors: Errors,
    done: Option<&str>,
) -> Result<SettingsPage, HtmlError> {
    let people = state
        .db(|c| {
            let mut out = vec![];
            for role in [Role::Clinician, Role::Admin] {
                for id in users::ids_with_role(c, role)? {
                    if !out.iter().any(|(i, _): &(String, String)| *i == id) {
                        let name = users::find(c, &id)?.display_name;
                        out.push((id, name));
                    }
                }
            }
            Ok(out)
        })
        .await?;
    let staff = people
        .into_iter()
        .map(|(id, name)| StaffChoice {
            on: f.on_call.contains(&id),
            id,
            name,
        })
        .collect();
    Ok(SettingsPage {
        c: Chrome::new(ctx).with_errors(errors).with_done(done),
        f,
        staff,
    })
}

pub async fn settings_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let s = state.settings().await?;
    let days = (1..=7u8)
        .map(|d| {
            let day = s.office_hours.iter().find(|h| h.weekday == d);
            DayRow {
                weekday: d,
                day_key: super::DAY_KEYS[usize::from(d - 1)],
                open: day.map(|h| h.open.clone()).unwrap_or_default(),
                close: day.map(|h| h.close.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let f = SettingsFields {
        practice_name: s.practice_name.clone(),
        self_registration: s.self_registration,
        require_totp_for_staff: s.require_totp_for_staff,
        public_directory: s.public_directory,
        location_lat: s.location.map(|p| p.lat.to_string()).unwrap_or_default(),
        location_lon: s.location.map(|p| p.lon.to_string()).unwrap_or_default(),
        region: s.region.clone(),
        time_zone: s.time_zone.clone(),
        days,
        on_call: s.on_call.clone(),
        ack_minutes_severe: s.ack_minutes_severe.to_string(),
        ack_minutes_moderate: s.ack_minutes_moderate.to_string(),
    };
    render(&settings_view(&state, &ctx, f, Errors::default(), q.done.as_deref()).await?)
}

pub async fn settings_save(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let days: Vec<DayRow> = (1..=7u8)
        .map(|d| DayRow {
            weekday: d,
            day_key: super::DAY_KEYS[usize::from(d - 1)],
            open: get(&format!("open_{d}")),
            close: get(&format!("close_{d}")),
        })
        .collect();
    let f = SettingsFields {
        practice_name: get("practice_name"),
        self_registration: get("self_registration") == "on",
        require_totp_for_staff: get("require_totp_for_staff") == "on",
        public_directory: get("public_directory") == "on",
        location_lat: get("location_lat"),
        location_lon: get("location_lon"),
        region: get("region").to_ascii_uppercase(),
        time_zone: get("time_zone"),
        days,
        on_call: form
            .iter()
            .filter(|(n, _)| n == "on_call")
            .map(|(_, v)| v.clone())
            .collect(),
        ack_minutes_severe: get("ack_minutes_severe"),
        ack_minutes_moderate: get("ack_minutes_moderate"),
    };
    let mut errors = Errors::default();
    if f.practice_name.is_empty() || f.practice_name.chars().count() > 80 {
        errors.push(FieldError::new("practice_name", "error-required"));
    }
    if !(f.region.len() == 2 && f.region.chars().all(|c| c.is_ascii_uppercase())) {
        errors.push(FieldError::new("region", "error-crisis-region"));
    }
    if f.time_zone.parse::<chrono_tz::Tz>().is_err() {
        errors.push(FieldError::new("time_zone", "error-practice-time-zone"));
    }
    let location = match location(&f.location_lat, &f.location_lon) {
        Ok(p) => p,
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let mut hours = vec![];
    for d in &f.days {
        if d.open.is_empty() && d.close.is_empty() {
            continue;
        }
        let day = OfficeDay {
            weekday: d.weekday,
            open: d.open.clone(),
            close: d.close.clone(),
        };
        if office_hours::valid_day(&day) {
            hours.push(day);
        } else {
            errors.push(FieldError::new(
                OPEN_FIELDS[usize::from(d.weekday - 1)],
                "error-office-hours",
            ));
        }
    }
    let minutes = |v: &str| {
        v.parse::<u32>()
            .ok()
            .filter(|m| (1..=MAX_ACK_MINUTES).contains(m))
    };
    let severe = minutes(&f.ack_minutes_severe);
    let moderate = minutes(&f.ack_minutes_moderate);
    if severe.is_none() {
        errors.push(FieldError::new("ack_minutes_severe", "error-ack-minutes"));
    }
    if moderate.is_none() {
        errors.push(FieldError::new("ack_minutes_moderate", "error-ack-minutes"));
    }
    if !errors.is_empty() {
        let page = settings_view(&state, &ctx, f, errors, None).await?;
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let (actor, addr) = (me.user.id.clone(), ctx.client_addr.clone());
    state
        .tx(move |c| {
            // Only staff can be on call; anything else in the form is dropped.
            let mut on_call = vec![];
            for id in f.on_call {
                if users::has_role(c, &id, Role::Clinician)?
                    || users::has_role(c, &id, Role::Admin)?
                {
                    on_call.push(id);
                }
            }
            let mut s = hearth_store::settings::load(c)?;
            s.practice_name = f.practice_name;
            s.self_registration = f.self_registration;
            s.require_totp_for_staff = f.require_totp_for_staff;
            s.public_directory = f.public_directory;
            s.location = location;
            s.region = f.region;
            s.time_zone = f.time_zone;
            s.office_hours = hours;
            s.on_call = on_call;
            s.ack_minutes_severe = severe.unwrap_or(5);
            s.ack_minutes_moderate = moderate.unwrap_or(60);
            hearth_store::settings::save(c, &s)?;
            audit::record(
                c,
                Some(&actor),
                Action::SettingsChanged,
                None,
                addr.as_deref(),
                None,
            )
        })
        .await?;
    state.forget_settings();
    Ok(see_other("/admin/settings?done=saved"))
}

/// Why a coordinate could not be read: missing beside the other, or not a number.
fn unread(v: &str) -> &'static str {
    if v.is_empty() {
        "error-search-point"
    } else {
        "error-search-number"
    }
}

/// The practice's location from the settings form: none when both are empty.
fn location(lat: &str, lon: &str) -> Result<Option<Point>, FieldError> {
    if lat.is_empty() && lon.is_empty() {
        return Ok(None);
    }
    let n = |v: &str| v.parse::<f64>().ok().filter(|x| x.is_finite());
    match (n(lat), n(lon)) {
        (Some(la), Some(lo)) => Point::new(la, lo).map(Some).map_err(|m| {
            let field = if m.starts_with("latitude") {
                "location_lat"
            } else {
                "location_lon"
            };
            FieldError::new(field, "error-search-coordinate")
        }),
        (None, _) => Err(FieldError::new("location_lat", unread(lat))),
        (_, None) => Err(FieldError::new("location_lon", unread(lon))),
    }
}

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    person: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    until: String,
}

pub struct AuditRow {
    at: String,
    action: String,
    actor: String,
    subject: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage {
    c: Chrome,
    q: AuditQuery,
    actions: Vec<&'static str>,
    people: Vec<(String, String)>,
    entries: Vec<AuditRow>,
}

pub async fn audit_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<AuditQuery>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let date = |s: &str| {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    };
    let filter = audit::Filter {
        action: Action::parse(&q.action),
        person_id: (!q.person.is_empty()).then(|| q.person.clone()),
        since: date(&q.since),
        until: date(&q.until).map(|d| d + chrono::Duration::days(1)),
    };
    let (entries, people) = state
        .db(move |c| Ok((audit::search(c, &filter, 500)?, users::list(c)?)))
        .await?;
    let names: HashMap<String, String> = people
        .iter()
        .map(|u| (u.id.clone(), format!("{} <{}>", u.display_name, u.email)))
        .collect();
    let name = |id: &Option<String>| {
        id.as_ref()
            .map(|i| names.get(i).cloned().unwrap_or_else(|| i.clone()))
            .unwrap_or_else(|| "—".into())
    };
    let tz = me.user.time_zone.clone();
    let entries = entries
        .into_iter()
        .map(|e| AuditRow {
            at: fmt_time(e.at, &tz),
            actor: name(&e.actor_id),
            subject: name(&e.subject_id),
            detail: e.detail.unwrap_or_default(),
            action: e.action,
        })
        .collect();
    let people = people
        .into_iter()
        .map(|u| (u.id, format!("{} <{}>", u.display_name, u.email)))
        .collect();
    render(&AuditPage {
        c: Chrome::new(&ctx),
        q,
        actions: Action::ALL.iter().map(|a| a.as_str()).collect(),
        people,
        entries,
    })
}

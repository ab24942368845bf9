//! Care teams: a member's clinicians and consent, and a clinician's clients.

use super::{render, render_status, see_other, Chrome};
use crate::accounts;
use crate::ctx::{AuthUser, Ctx, Errors, SignedIn};
use crate::error::HtmlError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use hearth_core::account::{self, FieldError};
use hearth_core::care::{Consent, LinkStatus, Scope};
use hearth_core::roles::Role;
use hearth_store::audit::{self, Action};
use hearth_store::care::{self, CareLink};
use hearth_store::users;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

pub fn scope_label_key(s: Scope) -> &'static str {
    match s {
        Scope::Circle => "scope-circle",
        Scope::Checkins => "scope-checkins",
        Scope::Measures => "scope-measures",
        Scope::Groups => "scope-groups",
        Scope::SafetyPlan => "scope-safety-plan",
        Scope::SafetyAlerts => "scope-safety-alerts",
        Scope::CircleNames => "scope-circle-names",
    }
}

fn shared_list(c: &Consent, t: crate::i18n::Tr) -> String {
    c.granted()
        .into_iter()
        .map(|s| t.get(scope_label_key(s)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub struct LinkView {
    id: String,
    clinician_name: String,
    invited: bool,
    shared: String,
}

#[derive(Template)]
#[template(path = "care_team.html")]
struct CareTeamPage {
    c: Chrome,
    links: Vec<LinkView>,
}

pub async fn care_team(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, HtmlError> {
    let uid = me.user.id.clone();
    let rows = state
        .db(move |c| {
            let links = care::for_member(c, &uid)?;
            let mut out = vec![];
            for l in links {
                let name = users::find(c, &l.clinician_id)?.display_name;
                out.push((l, name));
            }
            Ok(out)
        })
        .await?;
    let t = ctx.tr();
    let links = rows
        .into_iter()
        .map(|(l, name)| LinkView {
            invited: l.status() == LinkStatus::Invited,
            shared: shared_list(&l.consent(), t),
            clinician_name: name,
            id: l.id,
        })
        .collect();
    render(&CareTeamPage {
        c: Chrome::new(&ctx).with_done(q.done.as_deref()),
        links,
    })
}

/// Finds a link that the signed-in person is a party to; anyone else gets 404.
async fn party_link(state: &AppState, me: &AuthUser, id: String) -> Result<CareLink, HtmlError> {
    let link = state
        .db(move |c| Ok(care::find(c, &id)?))
        .await?
        .ok_or(HtmlError::NotFound)?;
    if link.member_id == me.user.id || link.clinician_id == me.user.id {
        Ok(link)
    } else {
        Err(HtmlError::NotFound)
    }
}

pub async fn accept(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let link = party_link(&state, &me, id).await?;
    if link.member_id != me.user.id {
        return Err(HtmlError::Forbidden);
    }
    change_link(&state, &ctx, &me, link, care::accept, Action::CareAccepted).await?;
    Ok(see_other("/care-team?done=care-accepted"))
}

/// Applies a status change to a link and, if it changed anything, records it.
async fn change_link(
    state: &AppState,
    ctx: &Ctx,
    me: &AuthUser,
    link: CareLink,
    change: fn(&mut hearth_store::DbConn, &str) -> diesel::QueryResult<bool>,
    action: Action,
) -> Result<(), HtmlError> {
    let (uid, addr) = (me.user.id.clone(), ctx.client_addr.clone());
    state
        .tx(move |c| {
            if change(c, &link.id)? {
                audit::record(
                    c,
                    Some(&uid),
                    action,
                    Some(&link.member_id),
                    addr.as_deref(),
                    Some(&link.id),
                )?;
            }
            Ok(())
        })
        .await?;
    Ok(())
}

pub async fn end(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let link = party_link(&state, &me, id).await?;
    let back = if link.member_id == me.user.id {
        "/care-team?done=care-ended"
    } else {
        "/clients?done=care-ended"
    };
    change_link(&state, &ctx, &me, link, care::end, Action::CareEnded).await?;
    Ok(see_other(back))
}

pub struct ScopeView {
    name: &'static str,
    label_key: &'static str,
    desc_key: String,
    on: bool,
}

#[derive(Template)]
#[template(path = "consent.html")]
struct ConsentPage {
    c: Chrome,
    link_id: String,
    clinician_name: String,
    scopes: Vec<ScopeView>,
}

/// Only the member changes consent; the clinician on the link gets 403, everyone else 404.
async fn member_link(state: &AppState, me: &AuthUser, id: String) -> Result<CareLink, HtmlError> {
    let link = party_link(state, me, id).await?;
    if link.member_id != me.user.id {
        return Err(HtmlError::Forbidden);
    }
    if link.status() == LinkStatus::Ended {
        return Err(HtmlError::NotFound);
    }
    Ok(link)
}

pub async fn consent_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let link = member_link(&state, &me, id).await?;
    let cid = link.clinician_id.clone();
    let clinician_name = state
        .db(move |c| Ok(users::find(c, &cid)?.display_name))
        .await?;
    let consent = link.consent();
    let scopes = Scope::ALL
        .into_iter()
        .map(|s| ScopeView {
            name: s.as_str(),
            label_key: scope_label_key(s),
            desc_key: format!("{}-desc", scope_label_key(s)),
            on: consent.allows(s),
        })
        .collect();
    render(&ConsentPage {
        c: Chrome::new(&ctx),
        link_id: link.id,
        clinician_name,
        scopes,
    })
}

pub async fn consent_save(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let link = member_link(&state, &me, id).await?;
    let granted: Vec<Scope> = Scope::ALL
        .into_iter()
        .filter(|s| form.get(s.as_str()).is_some_and(|v| v == "on"))
        .collect();
    let consent = Consent::from_scopes(&granted);
    let (uid, addr) = (me.user.id.clone(), ctx.client_addr.clone());
    let detail = granted
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",");
    state
        .tx(move |c| {
            care::set_consent(c, &link.id, &consent)?;
            audit::record(
                c,
                Some(&uid),
                Action::ConsentChanged,
                Some(&uid),
                addr.as_deref(),
                Some(&format!("{}:{detail}", link.id)),
            )
        })
        .await?;
    Ok(see_other("/care-team?done=consent-saved"))
}

pub struct ClientView {
    id: String,
    member_id: String,
    name: String,
    status_key: &'static str,
    shared: String,
    /// Links to what the member shares, by consent.
    circle: bool,
    checkins: bool,
    measures: bool,
    safety_plan: bool,
}

#[derive(Template)]
#[template(path = "clients.html")]
struct ClientsPage {
    c: Chrome,
    clients: Vec<ClientView>,
    email: String,
}

async fn clients_view(
    state: &AppState,
    ctx: &Ctx,
    me: &AuthUser,
    errors: Errors,
    email: String,
    done: Option<&str>,
) -> Result<ClientsPage, HtmlError> {
    let uid = me.user.id.clone();
    let rows = state
        .db(move |c| {
            let mut out = vec![];
            for l in care::for_clinician(c, &uid)? {
                let name = users::find(c, &l.member_id)?.display_name;
                out.push((l, name));
            }
            Ok(out)
        })
        .await?;
    let t = ctx.tr();
    let clients = rows
        .into_iter()
        .map(|(l, name)| ClientView {
            status_key: if l.status() == LinkStatus::Active {
                "care-status-active"
            } else {
                "care-status-invited"
            },
            shared: shared_list(&l.consent(), t),
            circle: hearth_core::care::clinician_may_see(l.status(), &l.consent(), Scope::Circle),
            checkins: hearth_core::care::clinician_may_see(
                l.status(),
                &l.consent(),
                Scope::Checkins,
            ),
            measures: hearth_core::care::clinician_may_see(
                l.status(),
                &l.consent(),
                Scope::Measures,
            ),
            safety_plan: hearth_core::care::clinician_may_see(
                l.status(),
                &l.consent(),
                Scope::SafetyPlan,
            ),
            member_id: l.member_id,
            id: l.id,
            name,
        })
        .collect();
    Ok(ClientsPage {
        c: Chrome::new(ctx).with_errors(errors).with_done(done),
        clients,
        email,
    })
}

fn require_clinician(me: &AuthUser) -> Result<(), HtmlError> {
    if me.has(Role::Clinician) {
        Ok(())
    } else {
        Err(HtmlError::Forbidden)
    }
}

pub async fn clients(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, HtmlError> {
    require_clinician(&me)?;
    render(
        &clients_view(
            &state,
            &ctx,
            &me,
            Errors::default(),
            String::new(),
            q.done.as_deref(),
        )
        .await?,
    )
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
}

/// Offers care to a member. Someone without an account yet is invited to Hearth as a
/// member first; the care offer waits for them.
pub async fn invite_client(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(f): Form<InviteForm>,
) -> Result<Response, HtmlError> {
    require_clinician(&me)?;
    let email = match account::normalize_email(&f.email) {
        Ok(e) => e,
        Err(e) => {
            let page = clients_view(&state, &ctx, &me, Errors(vec![e]), f.email, None).await?;
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let e = email.clone();
    let existing = state.db(move |c| Ok(users::find_by_email(c, &e)?)).await?;
    let member_id = match existing {
        Some(u) => {
            let uid = u.id.clone();
            if !state
                .db(move |c| Ok(users::has_role(c, &uid, Role::Member)?))
                .await?
            {
                let page = clients_view(
                    &state,
                    &ctx,
                    &me,
                    Errors(vec![FieldError::new("email", "error-not-a-member")]),
                    f.email,
                    None,
                )
                .await?;
                return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
            }
            u.id
        }
        None => match accounts::invite(
            &state,
            Some(me.user.id.clone()),
            &email,
            "",
            vec![Role::Member],
            ctx.lang,
            ctx.client_addr.clone(),
        )
        .await?
        {
            Ok(inv) => inv.user_id,
            Err(errs) => {
                let page = clients_view(&state, &ctx, &me, Errors(errs), f.email, None).await?;
                return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
            }
        },
    };
    match offer_care(
        &state,
        &me.user.id,
        &member_id,
        &me.user.id,
        ctx.client_addr.clone(),
    )
    .await?
    {
        true => Ok(see_other("/clients?done=care-offered")),
        false => {
            let page = clients_view(
                &state,
                &ctx,
                &me,
                Errors(vec![FieldError::new("email", "error-already-linked")]),
                f.email,
                None,
            )
            .await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// Creates a care offer unless these two already have one. Returns whether it was created.
pub async fn offer_care(
    state: &AppState,
    clinician_id: &str,
    member_id: &str,
    by: &str,
    addr: Option<String>,
) -> Result<bool, crate::state::DbFailure> {
    let (cid, mid, by) = (
        clinician_id.to_string(),
        member_id.to_string(),
        by.to_string(),
    );
    state
        .tx(move |c| {
            if care::open_between(c, &cid, &mid)?.is_some() {
                return Ok(false);
            }
            let link = care::invite(c, &cid, &mid, &by)?;
            audit::record(
                c,
                Some(&by),
                Action::CareInvited,
                Some(&mid),
                addr.as_deref(),
                Some(&link.id),
            )?;
            Ok(true)
        })
        .await
}

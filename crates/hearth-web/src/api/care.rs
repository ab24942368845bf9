use super::ApiJson;
use crate::ctx::{ApiCaller, AuthUser, Ctx};
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use hearth_core::care::{Consent, LinkStatus, Scope};
use hearth_core::roles::Role;
use hearth_store::audit::{self, Action};
use hearth_store::care::{self, CareLink};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct CareLinkView {
    pub id: String,
    pub clinician_id: String,
    pub member_id: String,
    /// invited, active or ended.
    pub status: String,
    /// The kinds of data the member shares on this link.
    pub scopes: Vec<String>,
}

impl From<&CareLink> for CareLinkView {
    fn from(l: &CareLink) -> Self {
        CareLinkView {
            id: l.id.clone(),
            clinician_id: l.clinician_id.clone(),
            member_id: l.member_id.clone(),
            status: l.status.clone(),
            scopes: l
                .consent()
                .granted()
                .into_iter()
                .map(|s| s.as_str().to_string())
                .collect(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/care-links", tag = "care", security(("bearer" = [])),
    responses(
        (status = 200, description = "Open care links where the caller is the member or the clinician", body = [CareLinkView]),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_links(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
) -> Result<Json<Vec<CareLinkView>>, ApiError> {
    let uid = me.user.id.clone();
    let links = state
        .db(move |c| {
            let mut v = care::for_member(c, &uid)?;
            v.extend(care::for_clinician(c, &uid)?);
            Ok(v)
        })
        .await?;
    Ok(Json(links.iter().map(CareLinkView::from).collect()))
}

/// A link is visible to its member, its clinician and admins; to anyone else it does not exist.
async fn visible_link(state: &AppState, me: &AuthUser, id: String) -> Result<CareLink, ApiError> {
    let link = state
        .db(move |c| Ok(care::find(c, &id)?))
        .await?
        .ok_or(ApiError::NotFound)?;
    if link.member_id == me.user.id || link.clinician_id == me.user.id || me.has(Role::Admin) {
        Ok(link)
    } else {
        Err(ApiError::NotFound)
    }
}

#[utoipa::path(get, path = "/api/v1/care-links/{id}", tag = "care", security(("bearer" = [])),
    params(("id" = String, Path, description = "Care link id")),
    responses(
        (status = 200, description = "The care link", body = CareLinkView),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such link, or not the caller's", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_link(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<CareLinkView>, ApiError> {
    let link = visible_link(&state, &me, id).await?;
    Ok(Json(CareLinkView::from(&link)))
}

#[derive(Deserialize, ToSchema)]
pub struct ConsentRequest {
    /// The complete set of shared scopes: circle, checkins, measures, groups, safety_plan, safety_alerts.
    pub scopes: Vec<String>,
}

#[utoipa::path(put, path = "/api/v1/care-links/{id}/consent", tag = "care", security(("bearer" = [])),
    params(("id" = String, Path, description = "Care link id")), request_body = ConsentRequest,
    responses(
        (status = 200, description = "Consent saved", body = CareLinkView),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the member changes consent", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such link, or not the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown scope", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn set_consent(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiCaller(me): ApiCaller,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<ConsentRequest>,
) -> Result<Json<CareLinkView>, ApiError> {
    let link = visible_link(&state, &me, id).await?;
    if link.member_id != me.user.id {
        return Err(ApiError::Forbidden);
    }
    if link.status() == LinkStatus::Ended {
        return Err(ApiError::NotFound);
    }
    let mut scopes = vec![];
    for s in &req.scopes {
        match Scope::parse(s) {
            Some(sc) => scopes.push(sc),
            None => {
                return Err(ApiError::Validation(vec![
                    hearth_core::account::FieldError::new("scopes", "error-scope-unknown"),
                ]))
            }
        }
    }
    let consent = Consent::from_scopes(&scopes);
    let (uid, addr, lid) = (me.user.id.clone(), ctx.client_addr.clone(), link.id.clone());
    let detail = format!(
        "{}:{}",
        lid,
        consent
            .granted()
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    let updated = state
        .tx(move |c| {
            care::set_consent(c, &lid, &consent)?;
            audit::record(
                c,
                Some(&uid),
                Action::ConsentChanged,
                Some(&uid),
                addr.as_deref(),
                Some(&detail),
            )?;
            care::find(c, &lid)
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(CareLinkView::from(&updated)))
}

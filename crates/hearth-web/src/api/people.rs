use super::ApiJson;
use crate::accounts;
use crate::ctx::{ApiCaller, Ctx};
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hearth_core::account::{FieldError, Language};
use hearth_core::roles::Role;
use hearth_store::users;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: String,
    pub email: String,
    pub display_name: String,
    /// Any of member, facilitator, clinician, admin.
    pub roles: Vec<String>,
    /// `en` or `ko`.
    pub language: String,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "people", security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in person", body = Me),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn me(ApiCaller(me): ApiCaller) -> Json<Me> {
    Json(Me {
        roles: me.roles.iter().map(|r| r.as_str().to_string()).collect(),
        id: me.user.id.clone(),
        email: me.user.email.clone(),
        display_name: me.user.display_name.clone(),
        language: me.user.language.clone(),
    })
}

#[derive(Serialize, ToSchema)]
pub struct UserSummary {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<String>,
    /// Invited but has not chosen a password yet.
    pub pending: bool,
}

#[utoipa::path(get, path = "/api/v1/admin/users", tag = "people", security(("bearer" = [])),
    responses(
        (status = 200, description = "Everyone with an account (admins only)", body = [UserSummary]),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_users(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
) -> Result<Json<Vec<UserSummary>>, ApiError> {
    if !me.has(Role::Admin) {
        return Err(ApiError::Forbidden);
    }
    let (list, roles) = state
        .db(|c| Ok((users::list(c)?, users::all_roles(c)?)))
        .await?;
    Ok(Json(
        list.into_iter()
            .map(|u| UserSummary {
                roles: roles
                    .iter()
                    .filter(|(id, _)| *id == u.id)
                    .map(|(_, r)| r.as_str().to_string())
                    .collect(),
                pending: u.is_pending(),
                id: u.id,
                email: u.email,
                display_name: u.display_name,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct InvitationRequest {
    pub email: String,
    #[serde(default)]
    pub display_name: Option<String>,
    /// Admins may give any roles; clinicians may only invite members.
    pub roles: Vec<String>,
    #[serde(default)]
    pub language: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct InvitationResponse {
    pub user_id: String,
    /// The one-time link, valid for 7 days. It was also emailed.
    pub link: String,
}

#[utoipa::path(post, path = "/api/v1/invitations", tag = "people", security(("bearer" = [])), request_body = InvitationRequest,
    responses(
        (status = 201, description = "Invited", body = InvitationResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin or clinician, or a role a clinician may not give", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid email, email in use, or no roles", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_invitation(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiCaller(me): ApiCaller,
    ApiJson(req): ApiJson<InvitationRequest>,
) -> Result<(StatusCode, Json<InvitationResponse>), ApiError> {
    if !me.has(Role::Admin) && !me.has(Role::Clinician) {
        return Err(ApiError::Forbidden);
    }
    let mut roles = vec![];
    for r in &req.roles {
        match Role::parse(r) {
            Some(role) => roles.push(role),
            None => {
                return Err(ApiError::Validation(vec![FieldError::new(
                    "roles",
                    "error-role-unknown",
                )]))
            }
        }
    }
    if !me.has(Role::Admin) && roles.iter().any(|r| *r != Role::Member) {
        return Err(ApiError::Forbidden);
    }
    let lang = req
        .language
        .as_deref()
        .and_then(Language::parse)
        .unwrap_or(ctx.lang);
    let name = req.display_name.unwrap_or_default();
    match accounts::invite(
        &state,
        Some(me.user.id.clone()),
        &req.email,
        &name,
        roles,
        lang,
        ctx.client_addr.clone(),
    )
    .await?
    {
        Ok(inv) => Ok((
            StatusCode::CREATED,
            Json(InvitationResponse {
                user_id: inv.user_id,
                link: inv.link,
            }),
        )),
        Err(errs) => Err(ApiError::Validation(errs)),
    }
}

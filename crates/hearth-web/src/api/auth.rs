use super::ApiJson;
use crate::accounts::{self, SignIn};
use crate::ctx::{ApiCaller, Ctx, Via};
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use hearth_core::account::FieldError;
use hearth_store::audit::{self, Action};
use hearth_store::sessions::{self, Kind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
pub struct TokenRequest {
    pub email: String,
    pub password: String,
    /// The six-digit code, for accounts with two-factor sign-in.
    #[serde(default)]
    pub totp: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    pub token: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

#[utoipa::path(post, path = "/api/v1/auth/token", tag = "auth", request_body = TokenRequest,
    responses(
        (status = 201, description = "Signed in", body = TokenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong email or password, or a two-factor code is needed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures; wait", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(req): ApiJson<TokenRequest>,
) -> Result<(StatusCode, Json<TokenResponse>), ApiError> {
    let mut errors = vec![];
    if req.email.trim().is_empty() {
        errors.push(FieldError::new("email", "error-required"));
    }
    if req.password.is_empty() {
        errors.push(FieldError::new("password", "error-required"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let user = match accounts::check_password(
        &state,
        &req.email,
        &req.password,
        ctx.client_addr.as_deref(),
    )
    .await?
    {
        SignIn::Ok(u) => u,
        SignIn::NeedsTotp(u) => match req.totp.as_deref() {
            Some(code) => {
                match accounts::check_sign_in_code(&state, &u, code, ctx.client_addr.as_deref())
                    .await?
                {
                    SignIn::Ok(_) | SignIn::NeedsTotp(_) => u,
                    SignIn::Throttled => return Err(ApiError::TooManyRequests),
                    SignIn::Failed => return Err(ApiError::Unauthorized),
                }
            }
            None => return Err(ApiError::TotpRequired),
        },
        SignIn::Failed => return Err(ApiError::Unauthorized),
        SignIn::Throttled => return Err(ApiError::TooManyRequests),
    };
    let (s, token) = accounts::open_session(
        &state,
        &user.id,
        Kind::Api,
        ctx.user_agent.clone(),
        ctx.client_addr.clone(),
    )
    .await?;
    let expires_at = s
        .expires_at
        .and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Ok((
        StatusCode::CREATED,
        Json(TokenResponse { token, expires_at }),
    ))
}

#[utoipa::path(delete, path = "/api/v1/auth/token", tag = "auth", security(("bearer" = [])),
    responses(
        (status = 204, description = "The token no longer works"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiCaller(me): ApiCaller,
) -> Result<StatusCode, ApiError> {
    if me.via != Via::Bearer {
        return Err(ApiError::Unauthorized);
    }
    let (uid, sid, addr) = (
        me.user.id.clone(),
        me.session_id.clone(),
        ctx.client_addr.clone(),
    );
    state
        .tx(move |c| {
            sessions::end(c, &uid, &sid)?;
            audit::record(
                c,
                Some(&uid),
                Action::ApiTokenRevoked,
                Some(&uid),
                addr.as_deref(),
                Some(&sid),
            )
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

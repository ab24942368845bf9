use super::ApiJson;
use crate::ctx::ApiCaller;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use hearth_core::account::FieldError;
use hearth_core::roles::Role;
use hearth_core::safety::Lang;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Longest text screened at once; longer input is a field error, not a silent cut.
pub const MAX_TEXT_CHARS: usize = 20_000;

#[derive(Deserialize, ToSchema)]
pub struct ScreenRequest {
    pub text: String,
    /// en, ko or auto (the default).
    #[serde(default)]
    pub lang: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ScreenResponse {
    /// none, low, moderate or severe.
    pub level: String,
    /// The writer seems worried about someone else.
    pub concern_for_other: bool,
    /// Ids of the rules that fired, e.g. `en.ideation`, `combo.plan_time`. Never the words.
    pub rules: Vec<String>,
}

#[utoipa::path(post, path = "/api/v1/safety/screen", tag = "safety", security(("bearer" = [])), request_body = ScreenRequest,
    responses(
        (status = 200, description = "The screening result", body = ScreenResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Clinicians and admins only", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown language or text too long", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn screen(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    ApiJson(req): ApiJson<ScreenRequest>,
) -> Result<Json<ScreenResponse>, ApiError> {
    if !me.has(Role::Clinician) && !me.has(Role::Admin) {
        return Err(ApiError::Forbidden);
    }
    let lang = match req.lang.as_deref() {
        None | Some("auto") => None,
        Some(l) => Some(Lang::parse(l).ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new("lang", "error-language")])
        })?),
    };
    if req.text.chars().count() > MAX_TEXT_CHARS {
        return Err(ApiError::Validation(vec![FieldError::new(
            "text",
            "error-too-long",
        )]));
    }
    // Log the outcome only: never the text.
    let s = state.screener().screen(&req.text, lang);
    tracing::info!(level = s.level.as_str(), by = %me.user.id, "text screened");
    Ok(Json(ScreenResponse {
        level: s.level.as_str().into(),
        concern_for_other: s.concern_for_other,
        rules: s.rules,
    }))
}

//! The JSON API under `/api/v1`, described by the OpenAPI document it serves.

pub mod auth;
pub mod care;
pub mod checkins;
pub mod circle;
pub mod directory;
pub mod measures;
pub mod people;
pub mod safety;

use crate::error::{ApiError, Problem, ProblemField};
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use utoipa::OpenApi;

/// JSON input whose every rejection is a problem+json answer.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    axum::Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rej) => Err(match rej.status() {
                StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
                StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType,
                _ => ApiError::BadRequest(rej.body_text()),
            }),
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Hearth API", version = "1", description = "Hearth's JSON API. Authenticate with `POST /api/v1/auth/token`, then send `Authorization: Bearer <token>`. Errors are RFC 9457 problem+json."),
    paths(
        auth::create_token,
        auth::revoke_token,
        people::me,
        people::list_users,
        people::create_invitation,
        care::list_links,
        care::get_link,
        care::set_consent,
        safety::screen,
        circle::list,
        circle::create,
        circle::get_one,
        circle::patch,
        circle::delete,
        circle::my_analysis,
        circle::member_circle,
        checkins::list,
        checkins::create,
        checkins::member_checkins,
        measures::instruments,
        measures::create,
        measures::list,
        measures::member_measures,
        directory::search,
        directory::get_one,
        directory::calendar,
        directory::my_matches,
    ),
    components(schemas(Problem, ProblemField)),
    modifiers(&BearerAuth),
    tags((name = "auth"), (name = "people"), (name = "care"), (name = "safety"), (name = "circle"), (name = "checkins"), (name = "measures"), (name = "directory"))
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let comps = openapi.components.get_or_insert_with(Default::default);
        comps.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub async fn openapi() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}

//! The two ways an error reaches a person: problem+json for the API, a page for the browser.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use hearth_core::account::FieldError;
use serde::Serialize;

/// RFC 9457 problem details. `type` values are stable: clients may match on them.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For validation errors: each field and what is wrong with it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemField {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug)]
pub enum ApiError {
    BadRequest(String),
    Validation(Vec<FieldError>),
    Unauthorized,
    TotpRequired,
    Forbidden,
    NotFound,
    Conflict(String),
    PayloadTooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    Unavailable,
    Internal,
}

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        use ApiError::*;
        match self {
            BadRequest(_) => (
                StatusCode::BAD_REQUEST,
                "bad-request",
                "The request could not be read",
            ),
            Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Some fields need attention",
            ),
            Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized", "Sign-in needed"),
            TotpRequired => (
                StatusCode::UNAUTHORIZED,
                "totp-required",
                "A two-factor code is needed",
            ),
            Forbidden => (StatusCode::FORBIDDEN, "forbidden", "Not allowed"),
            NotFound => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            Conflict(_) => (StatusCode::CONFLICT, "conflict", "Conflict"),
            PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "The request body is too large",
            ),
            UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Send JSON",
            ),
            TooManyRequests => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-requests",
                "Too many attempts; wait and try again",
            ),
            Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The service is not available right now",
            ),
            Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong",
            ),
        }
    }
}

pub const PROBLEM_BASE: &str = "https://hearth.invalid/problems/";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, kind, title) = self.parts();
        let tr = crate::i18n::Tr(hearth_core::account::Language::En);
        let (detail, errors) = match self {
            ApiError::BadRequest(d) | ApiError::Conflict(d) => (Some(d), vec![]),
            ApiError::Validation(fields) => (
                None,
                fields
                    .into_iter()
                    .map(|f| ProblemField {
                        field: f.field.into(),
                        code: f.message_id.into(),
                        message: tr.get(f.message_id).into_owned(),
                    })
                    .collect(),
            ),
            _ => (None, vec![]),
        };
        let body = Problem {
            kind: format!("{PROBLEM_BASE}{kind}"),
            title: title.into(),
            status: status.as_u16(),
            detail,
            errors,
        };
        let mut res = (status, axum::Json(body)).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        res
    }
}

impl From<crate::state::DbFailure> for ApiError {
    fn from(e: crate::state::DbFailure) -> Self {
        match e {
            crate::state::DbFailure::Unavailable => ApiError::Unavailable,
            crate::state::DbFailure::Failed => ApiError::Internal,
        }
    }
}

/// An error shown as a page. The response carries only the kind; the `error_pages`
/// middleware, which knows the person's language, renders the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlError {
    NotFound,
    Forbidden,
    Unavailable,
    Internal,
}

impl HtmlError {
    pub fn status(self) -> StatusCode {
        match self {
            HtmlError::NotFound => StatusCode::NOT_FOUND,
            HtmlError::Forbidden => StatusCode::FORBIDDEN,
            HtmlError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            HtmlError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
    pub fn message_key(self) -> &'static str {
        match self {
            HtmlError::NotFound => "error-page-not-found",
            HtmlError::Forbidden => "error-page-forbidden",
            HtmlError::Unavailable => "error-page-unavailable",
            HtmlError::Internal => "error-page-internal",
        }
    }
}

impl IntoResponse for HtmlError {
    fn into_response(self) -> Response {
        let mut res = self.status().into_response();
        res.extensions_mut().insert(self);
        res
    }
}

impl From<crate::state::DbFailure> for HtmlError {
    fn from(e: crate::state::DbFailure) -> Self {
        match e {
            crate::state::DbFailure::Unavailable => HtmlError::Unavailable,
            crate::state::DbFailure::Failed => HtmlError::Internal,
        }
    }
}

impl From<askama::Error> for HtmlError {
    fn from(e: askama::Error) -> Self {
        tracing::error!(error = %e, "template failed to render");
        HtmlError::Internal
    }
}

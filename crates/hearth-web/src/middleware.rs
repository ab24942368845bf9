//! Cross-cutting request handling: security headers, CSRF, metrics, error pages.

use crate::ctx::Ctx;
use crate::error::{ApiError, HtmlError};
use crate::pages::{Chrome, ErrorPage};
use crate::state::AppState;
use askama::Template;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use std::time::Instant;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if state.config().secure_cookies() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    res
}

/// Refuses state-changing requests that a browser says came from another site. Bearer-token
/// API calls carry no ambient credentials and are exempt.
pub async fn csrf(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Bearer "));
    if !safe && !bearer && !same_origin(&state, &req) {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        if req.uri().path().starts_with("/api/") {
            return ApiError::Forbidden.into_response();
        }
        return HtmlError::Forbidden.into_response();
    }
    next.run(req).await
}

fn same_origin(state: &AppState, req: &Request) -> bool {
    let h = req.headers();
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin" || site == "none";
    }
    match h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let base = state.config().base_url.trim_end_matches('/');
            let host = h
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            origin == base
                || origin
                    .split_once("://")
                    .is_some_and(|(_, rest)| rest == host)
        }
    }
}

pub async fn track_metrics(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = match *req.method() {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    };
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let res = next.run(req).await;
    state.metrics().observe(
        method,
        &route,
        res.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    res
}

/// Turns an `HtmlError` marker into a page in the person's language.
pub async fn error_pages(req: Request, next: Next) -> Response {
    let ctx = req.extensions().get::<Ctx>().cloned();
    let res = next.run(req).await;
    let Some(kind) = res.extensions().get::<HtmlError>().copied() else {
        return res;
    };
    let Some(ctx) = ctx else { return res };
    let heading_key = match kind {
        HtmlError::NotFound => "error-title-not-found",
        HtmlError::Forbidden => "error-title-forbidden",
        HtmlError::Unavailable | HtmlError::Internal => "error-title-problem",
    };
    let page = ErrorPage {
        c: Chrome::new(&ctx),
        heading_key,
        message_key: kind.message_key(),
    };
    match page.render() {
        Ok(body) => (kind.status(), Html(body)).into_response(),
        Err(_) => kind.status().into_response(),
    }
}

pub async fn not_found() -> HtmlError {
    HtmlError::NotFound
}

pub async fn api_not_found() -> ApiError {
    ApiError::NotFound
}

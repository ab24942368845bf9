//! Who is asking and in which language: resolved once per request by `load_context`.

use crate::error::{ApiError, HtmlError};
use crate::i18n::Tr;
use crate::session_cache::Found;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use diesel::{QueryDsl, RunQueryDsl};
use hearth_core::account::{FieldError, Language};
use hearth_core::roles::Role;
use hearth_store::sessions::{self, Kind};
use hearth_store::users::User;
use std::net::SocketAddr;
use std::sync::Arc;

pub const SESSION_COOKIE: &str = "hearth_session";
pub const LANG_COOKIE: &str = "hearth_lang";
pub const PENDING_COOKIE: &str = "hearth_pending";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Cookie,
    Bearer,
}

#[derive(Debug, Clone)]
pub struct AuthUser {
    pub user: User,
    pub roles: Vec<Role>,
    pub session_id: String,
    pub via: Via,
}

impl AuthUser {
    pub fn id(&self) -> &str {
        &self.user.id
    }
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
    pub fn is_staff(&self) -> bool {
        self.roles.iter().any(|r| r.is_staff())
    }
}

#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Language,
    pub auth: Option<Arc<AuthUser>>,
    /// The session could not be checked because the database did not answer.
    pub db_down: bool,
    /// Signed in, but the practice requires two-factor sign-in for this person's role first.
    pub must_enrol_totp: bool,
    pub client_addr: Option<String>,
    pub path: String,
    pub user_agent: Option<String>,
    pub practice_name: String,
}

impl Ctx {
    pub fn tr(&self) -> Tr {
        Tr(self.lang)
    }
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

enum SessionWrite {
    Touch(String),
    End(String),
}

/// The live session a token names, if any. A lookup made a moment ago is reused
/// (`session_cache`); the session's timeouts are judged afresh on every request.
async fn find_session(
    state: &AppState,
    token: String,
    kind: Kind,
    via: Via,
) -> Result<Option<Arc<AuthUser>>, crate::state::DbFailure> {
    let cache = state.sessions();
    let key = (kind, hearth_store::hash_secret(&token));
    let found = match cache.get(&key) {
        Some(f) => f,
        None => {
            let generation = cache.generation();
            let token_hash = key.1.clone();
            let row = state
                .read_often(
                    move |c| Ok(sessions::find_with_user(c, &token_hash, kind)?),
                    async |pg| sessions::find_with_user_pipelined(pg, &key.1, kind).await,
                )
                .await?;
            let Some((s, user, roles)) = row else {
                return Ok(None);
            };
            let found = Found {
                last_seen: s.last_seen_at.and_utc(),
                expires: s.expires_at.and_utc(),
                auth: Arc::new(AuthUser {
                    user,
                    roles,
                    session_id: s.id,
                    via,
                }),
            };
            cache.put(key.clone(), generation, found.clone());
            found
        }
    };
    let now = chrono::Utc::now();
    let live = match kind {
        Kind::Api => hearth_core::session::token_is_live(found.expires, now),
        _ => hearth_core::session::is_live(found.last_seen, found.expires, now),
    };
    if !live {
        cache.forget(&key);
        write_later(state, SessionWrite::End(found.auth.session_id.clone()));
        return Ok(None);
    }
    if hearth_core::session::needs_touch(found.last_seen, now) {
        cache.touched(&key, now);
        write_later(state, SessionWrite::Touch(found.auth.session_id.clone()));
    }
    Ok(Some(found.auth))
}

/// Does a session's bookkeeping write after the answer, so reading a page never waits on it.
fn write_later(state: &AppState, w: SessionWrite) {
    let state = state.clone();
    tokio::spawn(async move {
        let done = state
            .db(move |c| {
                match w {
                    SessionWrite::Touch(id) => sessions::touch(c, &id)?,
                    SessionWrite::End(id) => {
                        diesel::delete(hearth_store::schema::sessions::table.find(id))
                            .execute(c)?;
                    }
                }
                Ok(())
            })
            .await;
        if done.is_err() {
            tracing::warn!("session bookkeeping write failed");
        }
    });
}

/// The client's address: the TCP peer, or behind a trusted load balancer the address it
/// appended last to `X-Forwarded-For` (earlier entries can be forged by the client).
pub fn client_addr(req: &Request, trust_forwarded_for: bool) -> Option<String> {
    if trust_forwarded_for {
        let last = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .next_back();
        // Only the balancer's own entry counts: if it does not parse, fall back to the peer
        // rather than to an earlier entry the client could have written.
        if let Some(ip) = last.and_then(parse_forwarded_ip) {
            return Some(ip.to_string());
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
}

/// An address as load balancers write it: `1.2.3.4`, `1.2.3.4:5678`, `::1` or `[::1]:5678`.
fn parse_forwarded_ip(s: &str) -> Option<std::net::IpAddr> {
    s.parse::<std::net::IpAddr>()
        .ok()
        .or_else(|| s.parse::<SocketAddr>().ok().map(|a| a.ip()))
        .or_else(|| {
            s.strip_prefix('[')
                .and_then(|r| r.strip_suffix(']'))
                .and_then(|r| r.parse().ok())
        })
}

const TOTP_ENROL_PATHS: [&str; 4] = ["/account/two-factor", "/signout", "/help", "/lang"];

pub async fn load_context(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let headers = req.headers();
    let token = bearer(headers)
        .map(|t| (t.to_string(), Kind::Api, Via::Bearer))
        .or_else(|| {
            cookie(headers, SESSION_COOKIE).map(|t| (t.to_string(), Kind::Web, Via::Cookie))
        });
    let mut db_down = false;
    let auth = match token {
        None => None,
        Some((t, kind, via)) => match find_session(&state, t, kind, via).await {
            Ok(auth) => auth,
            Err(_) => {
                db_down = true;
                None
            }
        },
    };
    let headers = req.headers();
    let lang = auth
        .as_ref()
        .map(|a| a.user.language())
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Language::parse))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::from_accept_language)
        })
        .unwrap_or_default();
    // Settings are cached for a few seconds. When they cannot be read, pages still render
    // with the defaults (the help page above all), but a staff member without two-step
    // sign-in is not let through on a guess about the practice's rule.
    let settings = state.settings().await;
    let staff_without_totp = auth
        .as_ref()
        .is_some_and(|a| a.is_staff() && !a.user.totp_enabled);
    let settings_unknown_for_staff = settings.is_err() && staff_without_totp;
    let must_enrol_totp =
        settings.as_ref().is_ok_and(|s| s.require_totp_for_staff) && staff_without_totp;
    let practice_name = match &settings {
        Ok(s) => s.practice_name.clone(),
        Err(_) => hearth_core::settings::PracticeSettings::default().practice_name,
    };
    let client_addr = client_addr(&req, state.config().trust_forwarded_for);
    let path = req.uri().path().to_string();
    let ctx = Ctx {
        lang,
        auth,
        db_down,
        must_enrol_totp,
        client_addr,
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(String::from),
        path: path.clone(),
        practice_name,
    };
    let exempt = TOTP_ENROL_PATHS.iter().any(|p| path.starts_with(p));
    if settings_unknown_for_staff && !exempt {
        if path.starts_with("/api/") {
            return ApiError::Unavailable.into_response();
        }
        return HtmlError::Unavailable.into_response();
    }
    if ctx.must_enrol_totp && !exempt {
        if path.starts_with("/api/") {
            return ApiError::Forbidden.into_response();
        }
        return Redirect::to("/account/two-factor").into_response();
    }
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    req.extensions_mut().insert(ctx);
    // Any request that may have changed a session, a person or their roles ends the reuse of
    // earlier lookups, before its answer reaches the client. A guard does it, so a request
    // cut short (timed out, or the client gone) does it too.
    let _forget = changes.then(|| ForgetSessions(state.clone()));
    next.run(req).await
}

/// Forgets every reused session lookup when dropped.
struct ForgetSessions(AppState);

impl Drop for ForgetSessions {
    fn drop(&mut self) {
        self.0.sessions().forget_all();
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = HtmlError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or(HtmlError::Internal)
    }
}

/// A signed-in person on a page. Anyone else is sent to sign in and brought back after.
pub struct SignedIn(pub Ctx, pub Arc<AuthUser>);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Self::Rejection> {
        let ctx = Ctx::from_request_parts(parts, s)
            .await
            .map_err(IntoResponse::into_response)?;
        match ctx.auth.clone() {
            Some(a) if a.via == Via::Cookie => Ok(SignedIn(ctx, a)),
            _ if ctx.db_down => Err(HtmlError::Unavailable.into_response()),
            _ => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/");
                Err(
                    Redirect::to(&format!("/signin?next={}", urlencoding::encode(next)))
                        .into_response(),
                )
            }
        }
    }
}

/// A caller of the JSON API with a valid bearer token (or a browser session).
pub struct ApiCaller(pub Arc<AuthUser>);

impl<S: Send + Sync> FromRequestParts<S> for ApiCaller {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ctx = parts.extensions.get::<Ctx>().ok_or(ApiError::Internal)?;
        match &ctx.auth {
            Some(a) => Ok(ApiCaller(a.clone())),
            None if ctx.db_down => Err(ApiError::Unavailable),
            None => Err(ApiError::Unauthorized),
        }
    }
}

/// Pages need a place to put field errors; this keeps them with the translator.
#[derive(Debug, Clone, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e)
    }
    pub fn first_for(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn req(xff: Option<&str>) -> Request {
        let mut b = axum::http::Request::get("/");
        if let Some(x) = xff {
            b = b.header("x-forwarded-for", x);
        }
        let mut r = b.body(Body::empty()).unwrap();
        r.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 5000))));
        r
    }

    #[test]
    fn forwarded_for_is_used_only_when_trusted_and_only_its_last_entry() {
        assert_eq!(
            client_addr(&req(Some("1.2.3.4")), false).as_deref(),
            Some("10.0.0.1")
        );
        assert_eq!(
            client_addr(&req(Some("6.6.6.6, 203.0.113.9")), true).as_deref(),
            Some("203.0.113.9")
        );
        assert_eq!(
            client_addr(&req(Some("garbage")), true).as_deref(),
            Some("10.0.0.1")
        );
        assert_eq!(client_addr(&req(None), true).as_deref(), Some("10.0.0.1"));
        assert_eq!(
            client_addr(&req(Some("6.6.6.6, 203.0.113.9:4431")), true).as_deref(),
            Some("203.0.113.9")
        );
        assert_eq!(
            client_addr(&req(Some("6.6.6.6, [2001:db8::1]:443")), true).as_deref(),
            Some("2001:db8::1")
        );
        assert_eq!(
            client_addr(&req(Some("6.6.6.6, unknown")), true).as_deref(),
            Some("10.0.0.1"),
            "never an earlier, forgeable entry"
        );
    }
}

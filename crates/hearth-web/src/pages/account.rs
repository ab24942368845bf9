//! The person's own account: profile, sessions, two-factor sign-in.

use super::{fmt_time, render, render_status, see_other, Chrome};
use crate::accounts;
use crate::ctx::{Errors, SignedIn};
use crate::error::HtmlError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use hearth_core::account::{self, FieldError, Language};
use hearth_store::audit::{self, Action};
use hearth_store::{sessions, users};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
pub struct ProfileForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    legal_name: String,
    #[serde(default)]
    pronouns: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    time_zone: String,
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    c: Chrome,
    f: ProfileForm,
    email: String,
    zones: Vec<&'static str>,
}

pub async fn profile_page(
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, HtmlError> {
    let u = &me.user;
    let f = ProfileForm {
        display_name: u.display_name.clone(),
        legal_name: u.legal_name.clone().unwrap_or_default(),
        pronouns: u.pronouns.clone().unwrap_or_default(),
        language: u.language.clone(),
        time_zone: u.time_zone.clone(),
    };
    let c = Chrome::new(&ctx).with_done(q.done.as_deref());
    render(&ProfilePage {
        c,
        f,
        email: u.email.clone(),
        zones: account::time_zone_names().collect(),
    })
}

pub async fn profile_save(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(f): Form<ProfileForm>,
) -> Result<Response, HtmlError> {
    let mut errors = Errors::default();
    let name = account::validate_display_name(&f.display_name)
        .map_err(|e| errors.push(e))
        .ok();
    let legal = account::optional_text("legal_name", &f.legal_name, 120)
        .map_err(|e| errors.push(e))
        .ok();
    let pronouns = account::optional_text("pronouns", &f.pronouns, 40)
        .map_err(|e| errors.push(e))
        .ok();
    let tz = account::validate_time_zone(&f.time_zone)
        .map_err(|e| errors.push(e))
        .ok();
    let lang = Language::parse(&f.language);
    if lang.is_none() {
        errors.push(FieldError::new("language", "error-language"));
    }
    if !errors.is_empty() {
        let c = Chrome::new(&ctx).with_errors(errors);
        let email = me.user.email.clone();
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ProfilePage {
                c,
                f,
                email,
                zones: account::time_zone_names().collect(),
            },
        );
    }
    let (uid, addr) = (me.user.id.clone(), ctx.client_addr.clone());
    let (name, legal, pronouns, tz, lang) = (
        name.unwrap_or_default(),
        legal.flatten(),
        pronouns.flatten(),
        tz.unwrap_or_default(),
        lang.unwrap_or_default(),
    );
    state
        .tx(move |c| {
            users::update_profile(
                c,
                &uid,
                users::Profile {
                    display_name: &name,
                    legal_name: legal.as_deref(),
                    pronouns: pronouns.as_deref(),
                    language: lang,
                    time_zone: &tz,
                },
            )?;
            audit::record(
                c,
                Some(&uid),
                Action::ProfileChanged,
                Some(&uid),
                addr.as_deref(),
                None,
            )
        })
        .await?;
    Ok(see_other("/account/profile?done=saved"))
}

pub struct SessionView {
    id: String,
    device: String,
    started: String,
    last_seen: String,
    current: bool,
    api: bool,
}

#[derive(Template)]
#[template(path = "sessions.html")]
struct SessionsPage {
    c: Chrome,
    sessions: Vec<SessionView>,
}

pub async fn sessions_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, HtmlError> {
    let uid = me.user.id.clone();
    let list = state
        .db(move |c| Ok(sessions::list_for_user(c, &uid)?))
        .await?;
    let t = ctx.tr();
    let tz = me.user.time_zone.clone();
    let sessions = list
        .into_iter()
        .map(|s| SessionView {
            device: s
                .user_agent
                .as_deref()
                .map(summarize_agent)
                .unwrap_or_else(|| t.get("sessions-unknown-device").into_owned()),
            started: fmt_time(s.created_at, &tz),
            last_seen: fmt_time(s.last_seen_at, &tz),
            current: s.id == me.session_id,
            api: s.kind == "api",
            id: s.id,
        })
        .collect();
    render(&SessionsPage {
        c: Chrome::new(&ctx).with_done(q.done.as_deref()),
        sessions,
    })
}

/// A short, recognisable device name from a user agent string.
fn summarize_agent(ua: &str) -> String {
    let browser = ["Edg", "Firefox", "Chrome", "Safari"]
        .into_iter()
        .find(|b| ua.contains(b));
    let os = ["Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux"]
        .into_iter()
        .find(|o| ua.contains(o));
    match (browser, os) {
        (Some(b), Some(o)) => format!("{b} · {o}"),
        (Some(b), None) => b.to_string(),
        _ => ua.chars().take(40).collect(),
    }
}

pub async fn session_end(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let (uid, addr, current) = (
        me.user.id.clone(),
        ctx.client_addr.clone(),
        me.session_id.clone(),
    );
    let ended = state
        .tx(move |c| {
            let ended = sessions::end(c, &uid, &id)?;
            if ended {
                audit::record(
                    c,
                    Some(&uid),
                    Action::SessionEnded,
                    Some(&uid),
                    addr.as_deref(),
                    Some(&id),
                )?;
            }
            Ok(ended.then_some(id == current))
        })
        .await?;
    match ended {
        None => Err(HtmlError::NotFound),
        Some(true) => Ok(see_other("/signin?done=signed-out")),
        Some(false) => Ok(see_other("/account/sessions?done=session-ended")),
    }
}

async fn end_sessions(
    state: &AppState,
    ctx: &crate::ctx::Ctx,
    me: &crate::ctx::AuthUser,
    keep_current: bool,
) -> Result<(), HtmlError> {
    let (uid, addr) = (me.user.id.clone(), ctx.client_addr.clone());
    let keep = keep_current.then(|| me.session_id.clone());
    state
        .tx(move |c| {
            sessions::end_all(c, &uid, keep.as_deref())?;
            audit::record(
                c,
                Some(&uid),
                Action::SessionEnded,
                Some(&uid),
                addr.as_deref(),
                Some(if keep.is_some() { "others" } else { "all" }),
            )
        })
        .await?;
    Ok(())
}

pub async fn sessions_end_others(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
) -> Result<Response, HtmlError> {
    end_sessions(&state, &ctx, &me, true).await?;
    Ok(see_other("/account/sessions?done=sessions-ended"))
}

pub async fn sessions_end_all(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
) -> Result<Response, HtmlError> {
    end_sessions(&state, &ctx, &me, false).await?;
    Ok(see_other("/signin?done=signed-out"))
}

#[derive(Template)]
#[template(path = "two_factor.html")]
struct TwoFactorPage {
    c: Chrome,
    enabled: bool,
    required: bool,
    secret: Option<String>,
    uri: String,
}

async fn two_factor_view(
    state: &AppState,
    ctx: &crate::ctx::Ctx,
    me: &crate::ctx::AuthUser,
    errors: Errors,
    done: Option<&str>,
) -> Result<TwoFactorPage, HtmlError> {
    let uid = me.user.id.clone();
    let user = state.db(move |c| Ok(users::find(c, &uid)?)).await?;
    let settings = state.settings().await?;
    let required = settings.require_totp_for_staff && me.is_staff();
    let secret = (!user.totp_enabled)
        .then(|| user.totp_secret.clone())
        .flatten();
    let uri = secret
        .as_deref()
        .map(|s| hearth_core::totp::otpauth_uri(&settings.practice_name, &user.email, s))
        .unwrap_or_default();
    Ok(TwoFactorPage {
        c: Chrome::new(ctx).with_errors(errors).with_done(done),
        enabled: user.totp_enabled,
        required,
        secret,
        uri,
    })
}

pub async fn two_factor_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, HtmlError> {
    render(&two_factor_view(&state, &ctx, &me, Errors::default(), q.done.as_deref()).await?)
}

#[derive(Deserialize)]
pub struct TwoFactorForm {
    action: String,
    #[serde(default)]
    code: String,
}

pub async fn two_factor_save(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(f): Form<TwoFactorForm>,
) -> Result<Response, HtmlError> {
    let (uid, addr) = (me.user.id.clone(), ctx.client_addr.clone());
    match f.action.as_str() {
        "start" => {
            use rand::RngCore;
            if me.user.totp_enabled {
                // Starting over would switch two-step sign-in off without a code.
                return Ok(see_other("/account/two-factor"));
            }
            let mut bytes = [0u8; 20];
            rand::rngs::OsRng.fill_bytes(&mut bytes);
            let secret = hearth_core::totp::encode_secret(&bytes);
            state
                .db(move |c| Ok(users::set_totp_secret(c, &uid, Some(&secret), false)?))
                .await?;
            Ok(see_other("/account/two-factor"))
        }
        "confirm" | "disable" => {
            let u = uid.clone();
            let user = state.db(move |c| Ok(users::find(c, &u)?)).await?;
            // Wrong codes here count against the account like wrong sign-in codes, so a
            // borrowed session cannot guess its way to switching two-step sign-in off.
            let outcome = if f.action == "disable" {
                accounts::check_sign_in_code(&state, &user, &f.code, ctx.client_addr.as_deref())
                    .await?
            } else if accounts::accept_totp(&state, &user, &f.code).await? {
                accounts::SignIn::Ok(Box::new(user.clone()))
            } else {
                accounts::SignIn::Failed
            };
            let problem = match outcome {
                accounts::SignIn::Ok(_) | accounts::SignIn::NeedsTotp(_) => None,
                accounts::SignIn::Throttled => Some("error-totp-throttled"),
                accounts::SignIn::Failed => Some("error-totp-wrong"),
            };
            if let Some(key) = problem {
                let errors = Errors(vec![FieldError::new("code", key)]);
                return render_status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &two_factor_view(&state, &ctx, &me, errors, None).await?,
                );
            }
            let enable = f.action == "confirm";
            if !enable && state.settings().await?.require_totp_for_staff && me.is_staff() {
                return Err(HtmlError::Forbidden);
            }
            state
                .tx(move |c| {
                    if enable {
                        users::set_totp_secret(c, &uid, user.totp_secret.as_deref(), true)?;
                    } else {
                        users::set_totp_secret(c, &uid, None, false)?;
                    }
                    let action = if enable {
                        Action::TotpEnabled
                    } else {
                        Action::TotpDisabled
                    };
                    audit::record(c, Some(&uid), action, Some(&uid), addr.as_deref(), None)
                })
                .await?;
            Ok(see_other(if enable {
                "/account/two-factor?done=totp-on"
            } else {
                "/account/two-factor?done=totp-off"
            }))
        }
        _ => Err(HtmlError::NotFound),
    }
}

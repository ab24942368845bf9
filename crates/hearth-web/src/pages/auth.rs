//! Signing in and out, accepting an invitation, resetting a password, registering.

use super::{render, render_status, safe_next, see_other, Chrome, MessagePage};
use crate::accounts::{self, SignIn};
use crate::ctx::{cookie, Ctx, Errors, PENDING_COOKIE, SESSION_COOKIE};
use crate::error::HtmlError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use hearth_core::account::{self, FieldError};
use hearth_core::roles::Role;
use hearth_core::session;
use hearth_store::audit::{self, Action};
use hearth_store::sessions::{self, Kind};
use hearth_store::tokens::{self, LinkProblem, Purpose};
use hearth_store::users::{self, NewUser, User};
use serde::Deserialize;

fn set_cookie(state: &AppState, name: &str, value: &str, max_age: i64) -> String {
    let secure = if state.config().secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

fn clear_cookie(name: &str) -> String {
    format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// Starts a fresh web session (a new id every sign-in) and sends the person on.
async fn start_session(
    state: &AppState,
    ctx: &Ctx,
    user: &User,
    next: &str,
) -> Result<Response, HtmlError> {
    let (_, token) = accounts::open_session(
        state,
        &user.id,
        Kind::Web,
        ctx.user_agent.clone(),
        ctx.client_addr.clone(),
    )
    .await?;
    let mut res = see_other(next);
    let h = res.headers_mut();
    h.append(
        header::SET_COOKIE,
        set_cookie(
            state,
            SESSION_COOKIE,
            &token,
            session::ABSOLUTE_TIMEOUT.num_seconds(),
        )
        .parse()
        .expect("cookie"),
    );
    h.append(
        header::SET_COOKIE,
        clear_cookie(PENDING_COOKIE).parse().expect("cookie"),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    c: Chrome,
    email: String,
    next: String,
    problem: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
    done: Option<String>,
}

pub async fn signin_page(ctx: Ctx, Query(q): Query<NextQuery>) -> Result<Response, HtmlError> {
    if ctx.auth.is_some() {
        return Ok(see_other("/"));
    }
    let c = Chrome::new(&ctx).with_done(q.done.as_deref());
    render(&SignInPage {
        c,
        email: String::new(),
        next: safe_next(q.next.as_deref()),
        problem: None,
    })
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn signin(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SignInForm>,
) -> Result<Response, HtmlError> {
    let next = safe_next(Some(&f.next));
    let mut errors = Errors::default();
    if f.email.trim().is_empty() {
        errors.push(FieldError::new("email", "error-required"));
    }
    if f.password.is_empty() {
        errors.push(FieldError::new("password", "error-required"));
    }
    let again = |c: Chrome, problem: Option<String>, status| {
        render_status(
            status,
            &SignInPage {
                c,
                email: f.email.clone(),
                next: next.clone(),
                problem,
            },
        )
    };
    if !errors.is_empty() {
        return again(
            Chrome::new(&ctx).with_errors(errors),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let t = ctx.tr();
    match accounts::check_password(&state, &f.email, &f.password, ctx.client_addr.as_deref())
        .await?
    {
        SignIn::Ok(user) => start_session(&state, &ctx, &user, &next).await,
        SignIn::NeedsTotp(user) => {
            let (uid, ua, addr) = (
                user.id.clone(),
                ctx.user_agent.clone(),
                ctx.client_addr.clone(),
            );
            let token = state
                .db(move |c| {
                    Ok(sessions::create(
                        c,
                        &uid,
                        Kind::PendingTotp,
                        session::PENDING_TOTP_TIMEOUT,
                        ua.as_deref(),
                        addr.as_deref(),
                    )?
                    .1)
                })
                .await?;
            let mut res = see_other(&format!(
                "/signin/two-factor?next={}",
                urlencoding::encode(&next)
            ));
            res.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(
                    &state,
                    PENDING_COOKIE,
                    &token,
                    session::PENDING_TOTP_TIMEOUT.num_seconds(),
                )
                .parse()
                .expect("cookie"),
            );
            Ok(res)
        }
        SignIn::Failed => again(
            Chrome::new(&ctx),
            Some(t.get("signin-failed").into_owned()),
            StatusCode::UNAUTHORIZED,
        ),
        SignIn::Throttled => again(
            Chrome::new(&ctx),
            Some(t.get("signin-throttled").into_owned()),
            StatusCode::TOO_MANY_REQUESTS,
        ),
    }
}

#[derive(Template)]
#[template(path = "signin_totp.html")]
struct TotpPage {
    c: Chrome,
    next: String,
}

pub async fn signin_totp_page(
    ctx: Ctx,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Result<Response, HtmlError> {
    if cookie(&headers, PENDING_COOKIE).is_none() {
        return Ok(see_other("/signin"));
    }
    render(&TotpPage {
        c: Chrome::new(&ctx),
        next: safe_next(q.next.as_deref()),
    })
}

#[derive(Deserialize)]
pub struct TotpForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: String,
}

pub async fn signin_totp(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(f): Form<TotpForm>,
) -> Result<Response, HtmlError> {
    let Some(pending) = cookie(&headers, PENDING_COOKIE).map(String::from) else {
        return Ok(see_other("/signin"));
    };
    let next = safe_next(Some(&f.next));
    let p = pending.clone();
    let found = state
        .db(move |c| {
            let Some(s) = sessions::find_by_token(c, &p, Kind::PendingTotp)? else {
                return Ok(None);
            };
            if s.expires_at <= hearth_store::now() {
                return Ok(None);
            }
            Ok(Some(users::find(c, &s.user_id)?))
        })
        .await?;
    let Some(user) = found else {
        return Ok(see_other("/signin?done=signin-expired"));
    };
    let errors =
        match accounts::check_sign_in_code(&state, &user, &f.code, ctx.client_addr.as_deref())
            .await?
        {
            SignIn::Ok(_) | SignIn::NeedsTotp(_) => {
                state
                    .db(move |c| Ok(sessions::end_by_token(c, &pending)?))
                    .await?;
                return start_session(&state, &ctx, &user, &next).await;
            }
            SignIn::Throttled => Errors(vec![FieldError::new("code", "error-totp-throttled")]),
            SignIn::Failed => Errors(vec![FieldError::new("code", "error-totp-wrong")]),
        };
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &TotpPage {
            c: Chrome::new(&ctx).with_errors(errors),
            next,
        },
    )
}

pub async fn signout(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
) -> Result<Response, HtmlError> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE).map(String::from) {
        let uid = ctx.auth.as_ref().map(|a| a.user.id.clone());
        let addr = ctx.client_addr.clone();
        state
            .tx(move |c| {
                sessions::end_by_token(c, &token)?;
                if let Some(u) = &uid {
                    audit::record(c, Some(u), Action::SignOut, Some(u), addr.as_deref(), None)?;
                }
                Ok(())
            })
            .await?;
    }
    let mut res = see_other("/signin?done=signed-out");
    res.headers_mut().append(
        header::SET_COOKIE,
        clear_cookie(SESSION_COOKIE).parse().expect("cookie"),
    );
    Ok(res)
}

/// The page for a link that cannot be used, with the reason in plain words.
fn link_problem_page(ctx: &Ctx, p: LinkProblem, purpose: Purpose) -> Result<Response, HtmlError> {
    let body_key = match p {
        LinkProblem::Unknown => "link-unknown",
        LinkProblem::Used => "link-used",
        LinkProblem::Expired => "link-expired",
    };
    let link = match purpose {
        Purpose::Invitation => None,
        Purpose::PasswordReset => Some(("/reset".to_string(), "reset-again")),
    };
    let title_key = if purpose == Purpose::Invitation {
        "invite-title"
    } else {
        "reset-title"
    };
    render_status(
        StatusCode::GONE,
        &MessagePage {
            c: Chrome::new(ctx),
            title_key,
            body_key,
            link,
        },
    )
}

#[derive(Template)]
#[template(path = "set_password.html")]
struct SetPasswordPage {
    c: Chrome,
    title_key: &'static str,
    lead_key: &'static str,
    submit_key: &'static str,
    action: String,
    ask_email: bool,
    ask_name: bool,
    email: String,
    display_name: String,
}

pub async fn invite_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, HtmlError> {
    let found = link_owner(&state, &token, Purpose::Invitation)
        .await?
        .map(|(_, user)| user);
    match found {
        Err(p) => link_problem_page(&ctx, p, Purpose::Invitation),
        Ok(user) => render(&SetPasswordPage {
            c: Chrome::new(&ctx),
            title_key: "invite-title",
            lead_key: "invite-lead",
            submit_key: "invite-accept",
            action: format!("/invite/{token}"),
            ask_email: false,
            ask_name: true,
            email: user.email,
            display_name: user.display_name,
        }),
    }
}

#[derive(Deserialize)]
pub struct SetPasswordForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
}

/// The person a one-time link belongs to, with the link's id, or why it cannot be used.
async fn link_owner(
    state: &AppState,
    token: &str,
    purpose: Purpose,
) -> Result<Result<(String, User), LinkProblem>, HtmlError> {
    let t = token.to_string();
    Ok(state
        .db(move |c| {
            Ok(match tokens::check(c, &t, purpose)? {
                Ok(tok) => Ok((tok.id, users::find(c, &tok.user_id)?)),
                Err(p) => Err(p),
            })
        })
        .await?)
}

fn check_new_password(password: &str, email: &str, name: &str, errors: &mut Errors) {
    if let Err(p) = hearth_core::password::check(password, &[email, name]) {
        errors.push(FieldError::new("password", p.message_id()));
    }
}

pub async fn invite_accept(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(f): Form<SetPasswordForm>,
) -> Result<Response, HtmlError> {
    let found = link_owner(&state, &token, Purpose::Invitation).await?;
    let (token_id, user) = match found {
        Err(p) => return link_problem_page(&ctx, p, Purpose::Invitation),
        Ok(v) => v,
    };
    let mut errors = Errors::default();
    let name = account::validate_display_name(&f.display_name)
        .map_err(|e| errors.push(e))
        .ok();
    check_new_password(&f.password, &user.email, &f.display_name, &mut errors);
    if !errors.is_empty() {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SetPasswordPage {
                c: Chrome::new(&ctx).with_errors(errors),
                title_key: "invite-title",
                lead_key: "invite-lead",
                submit_key: "invite-accept",
                action: format!("/invite/{token}"),
                ask_email: false,
                ask_name: true,
                email: user.email,
                display_name: f.display_name,
            },
        );
    }
    let hash = accounts::hash_password_blocking(f.password).await;
    let (uid, addr, name) = (
        user.id.clone(),
        ctx.client_addr.clone(),
        name.unwrap_or_default(),
    );
    let lang = ctx.lang;
    let accepted = state
        .tx(move |c| {
            if !tokens::consume(c, &token_id)? {
                return Ok(false);
            }
            users::set_password(c, &uid, &hash)?;
            users::set_display_name(c, &uid, &name)?;
            users::set_language(c, &uid, lang)?;
            audit::record(
                c,
                Some(&uid),
                Action::InvitationAccepted,
                Some(&uid),
                addr.as_deref(),
                None,
            )?;
            Ok(true)
        })
        .await?;
    if !accepted {
        return link_problem_page(&ctx, LinkProblem::Used, Purpose::Invitation);
    }
    Ok(see_other("/signin?done=invite-accepted"))
}

#[derive(Template)]
#[template(path = "reset_request.html")]
struct ResetRequestPage {
    c: Chrome,
    email: String,
}

pub async fn reset_page(ctx: Ctx) -> Result<Response, HtmlError> {
    render(&ResetRequestPage {
        c: Chrome::new(&ctx),
        email: String::new(),
    })
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

pub async fn reset_request(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<EmailForm>,
) -> Result<Response, HtmlError> {
    if let Err(e) = account::normalize_email(&f.email) {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ResetRequestPage {
                c: Chrome::new(&ctx).with_errors(Errors(vec![e])),
                email: f.email,
            },
        );
    }
    accounts::request_reset(&state, &f.email, ctx.client_addr.clone()).await?;
    render(&MessagePage {
        c: Chrome::new(&ctx),
        title_key: "reset-title",
        body_key: "reset-sent",
        link: None,
    })
}

fn reset_form(ctx: &Ctx, token: &str, errors: Errors) -> SetPasswordPage {
    SetPasswordPage {
        c: Chrome::new(ctx).with_errors(errors),
        title_key: "reset-title",
        lead_key: "reset-choose-lead",
        submit_key: "reset-save",
        action: format!("/reset/{token}"),
        ask_email: false,
        ask_name: false,
        email: String::new(),
        display_name: String::new(),
    }
}

pub async fn reset_confirm_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, HtmlError> {
    let t = token.clone();
    match state
        .db(move |c| Ok(tokens::check(c, &t, Purpose::PasswordReset)?))
        .await?
    {
        Err(p) => link_problem_page(&ctx, p, Purpose::PasswordReset),
        Ok(_) => render(&reset_form(&ctx, &token, Errors::default())),
    }
}

pub async fn reset_confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(f): Form<SetPasswordForm>,
) -> Result<Response, HtmlError> {
    let found = link_owner(&state, &token, Purpose::PasswordReset).await?;
    let (token_id, user) = match found {
        Err(p) => return link_problem_page(&ctx, p, Purpose::PasswordReset),
        Ok(v) => v,
    };
    let mut errors = Errors::default();
    check_new_password(&f.password, &user.email, &user.display_name, &mut errors);
    if !errors.is_empty() {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &reset_form(&ctx, &token, errors),
        );
    }
    let hash = accounts::hash_password_blocking(f.password).await;
    let (uid, addr) = (user.id.clone(), ctx.client_addr.clone());
    let done = state
        .tx(move |c| {
            if !tokens::consume(c, &token_id)? {
                return Ok(false);
            }
            users::set_password(c, &uid, &hash)?;
            // A reset means the old password may be known to someone else: end every session.
            sessions::end_all(c, &uid, None)?;
            hearth_store::throttle::clear(c, &hearth_store::throttle::account_key(&user.email))?;
            audit::record(
                c,
                Some(&uid),
                Action::PasswordReset,
                Some(&uid),
                addr.as_deref(),
                None,
            )?;
            Ok(true)
        })
        .await?;
    if !done {
        return link_problem_page(&ctx, LinkProblem::Used, Purpose::PasswordReset);
    }
    let mut res = see_other("/signin?done=password-reset");
    res.headers_mut().append(
        header::SET_COOKIE,
        clear_cookie(SESSION_COOKIE).parse().expect("cookie"),
    );
    Ok(res)
}

fn register_form(ctx: &Ctx, f: &SetPasswordForm, errors: Errors) -> SetPasswordPage {
    SetPasswordPage {
        c: Chrome::new(ctx).with_errors(errors),
        title_key: "register-title",
        lead_key: "register-lead",
        submit_key: "register-submit",
        action: "/register".into(),
        ask_email: true,
        ask_name: true,
        email: f.email.clone(),
        display_name: f.display_name.clone(),
    }
}

/// Self-registration, only when the practice has switched it on.
pub async fn register_page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, HtmlError> {
    if !state.settings().await?.self_registration {
        return Err(HtmlError::NotFound);
    }
    let empty = SetPasswordForm {
        email: String::new(),
        display_name: String::new(),
        password: String::new(),
    };
    render(&register_form(&ctx, &empty, Errors::default()))
}

pub async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SetPasswordForm>,
) -> Result<Response, HtmlError> {
    if !state.settings().await?.self_registration {
        return Err(HtmlError::NotFound);
    }
    let mut errors = Errors::default();
    let email = account::normalize_email(&f.email)
        .map_err(|e| errors.push(e))
        .ok();
    let name = account::validate_display_name(&f.display_name)
        .map_err(|e| errors.push(e))
        .ok();
    check_new_password(&f.password, &f.email, &f.display_name, &mut errors);
    if let Some(e) = email.clone() {
        if state.db(move |c| Ok(users::email_taken(c, &e)?)).await? {
            errors.push(FieldError::new("email", "error-email-taken"));
        }
    }
    if !errors.is_empty() {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &register_form(&ctx, &f, errors),
        );
    }
    let hash = accounts::hash_password_blocking(f.password.clone()).await;
    let (email, name, lang, addr) = (
        email.unwrap_or_default(),
        name.unwrap_or_default(),
        ctx.lang,
        ctx.client_addr.clone(),
    );
    let created = state
        .tx(move |c| {
            let new = NewUser {
                email: &email,
                display_name: &name,
                password_hash: Some(&hash),
                roles: &[Role::Member],
                language: lang,
            };
            accounts::create_with_password(c, new, true, addr.as_deref())
        })
        .await?;
    match created {
        Some(u) => start_session(&state, &ctx, &u, "/").await,
        None => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &register_form(
                &ctx,
                &f,
                Errors(vec![FieldError::new("email", "error-email-taken")]),
            ),
        ),
    }
}

//! Account operations shared by pages, the API and the CLI: password hashing, sign-in
//! checks with throttling, invitations and resets. Each write and its audit record land
//! in one transaction.

use crate::i18n::Tr;
use crate::state::{AppState, DbFailure};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use hearth_core::account::{self, FieldError, Language};
use hearth_core::roles::Role;
use hearth_core::throttle;
use hearth_store::audit::{self, Action};
use hearth_store::tokens::{self, Purpose};
use hearth_store::users::{self, NewUser, User};
use hearth_store::{throttle as store_throttle, DbConn};
use std::sync::OnceLock;

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with default parameters")
        .to_string()
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to check against when the account does not exist, so an unknown email costs the
/// same time as a wrong password.
fn dummy_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| hash_password("no account has this password"))
}

/// Password hashes computed at once. argon2 is deliberately slow and uses a core, so more at
/// once gains nothing; and without a limit a burst of sign-ins could take every blocking
/// thread and leave database work waiting (the runtime has a fixed number, `crates/hearth`).
pub const HASHING_AT_ONCE: usize = 4;

/// Runs argon2 work off the async runtime, at most `HASHING_AT_ONCE` at a time.
async fn hashing<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    static PERMITS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);
    let _permit = PERMITS.acquire().await.expect("never closed");
    tokio::task::spawn_blocking(f).await.expect("hashing task")
}

/// Hashes off the async runtime; argon2 is deliberately slow.
pub async fn hash_password_blocking(password: String) -> String {
    hashing(move || hash_password(&password)).await
}

pub enum SignIn {
    Ok(Box<User>),
    /// The password was right; a two-factor code must follow.
    NeedsTotp(Box<User>),
    /// Wrong email or password: one answer for both.
    Failed,
    /// Too many failures for this account or this address; try again later.
    Throttled,
}

/// Checks an email and password, with throttling per account and per client address.
pub async fn check_password(
    state: &AppState,
    email_raw: &str,
    password: &str,
    client_addr: Option<&str>,
) -> Result<SignIn, DbFailure> {
    let email =
        account::normalize_email(email_raw).unwrap_or_else(|_| email_raw.trim().to_lowercase());
    let acct_key = store_throttle::account_key(&email);
    let addr_key = client_addr.map(store_throttle::address_key);
    let (user, blocked) = {
        let email = email.clone();
        let (ak, dk) = (acct_key.clone(), addr_key.clone());
        state
            .db(move |c| {
                let blocked = store_throttle::blocked_until(c, &ak)?.is_some()
                    || match &dk {
                        Some(k) => store_throttle::blocked_until(c, k)?.is_some(),
                        None => false,
                    };
                Ok((users::find_by_email(c, &email)?, blocked))
            })
            .await?
    };
    if blocked {
        return Ok(SignIn::Throttled);
    }
    let hash = user
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let pw = password.to_string();
    let ok = hashing(move || verify_password(&hash, &pw)).await;
    let addr = client_addr.map(String::from);
    match user {
        Some(u) if ok && u.password_hash.is_some() => {
            if u.totp_enabled {
                // The failure count stays until the code is right, so codes cannot be guessed freely.
                return Ok(SignIn::NeedsTotp(Box::new(u)));
            }
            state
                .db(move |c| Ok(store_throttle::clear(c, &acct_key)?))
                .await?;
            Ok(SignIn::Ok(Box::new(u)))
        }
        user => {
            let subject = user.map(|u| u.id);
            state
                .tx(move |c| {
                    store_throttle::record_failure(c, &acct_key, throttle::ACCOUNT_FREE_FAILURES)?;
                    if let Some(k) = &addr_key {
                        store_throttle::record_failure(c, k, throttle::ADDRESS_FREE_FAILURES)?;
                    }
                    audit::record(
                        c,
                        None,
                        Action::SignInFailed,
                        subject.as_deref(),
                        addr.as_deref(),
                        None,
                    )
                })
                .await?;
            Ok(SignIn::Failed)
        }
    }
}

/// Whether `code` is the person's two-step code now and was not used before: each code is
/// taken once, so one seen over a shoulder or in a log cannot sign anyone in again.
pub async fn accept_totp(state: &AppState, user: &User, code: &str) -> Result<bool, DbFailure> {
    let Some(step) = user
        .totp_secret
        .as_deref()
        .and_then(hearth_core::totp::decode_secret)
        .and_then(|s| {
            hearth_core::totp::matching_step(&s, code, state.now().and_utc().timestamp())
        })
    else {
        return Ok(false);
    };
    let id = user.id.clone();
    state
        .db(move |c| Ok(users::use_totp_step(c, &id, step)?))
        .await
}

/// The second step of signing in: a wrong code counts as a failure for the account, like a
/// wrong password; a right one clears the count.
pub async fn check_sign_in_code(
    state: &AppState,
    user: &User,
    code: &str,
    client_addr: Option<&str>,
) -> Result<SignIn, DbFailure> {
    let key = store_throttle::account_key(&user.email);
    let k = key.clone();
    if state
        .db(move |c| Ok(store_throttle::blocked_until(c, &k)?.is_some()))
        .await?
    {
        return Ok(SignIn::Throttled);
    }
    if accept_totp(state, user, code).await? {
        state
            .db(move |c| Ok(store_throttle::clear(c, &key)?))
            .await?;
        return Ok(SignIn::Ok(Box::new(user.clone())));
    }
    let (uid, addr) = (user.id.clone(), client_addr.map(String::from));
    state
        .tx(move |c| {
            store_throttle::record_failure(c, &key, throttle::ACCOUNT_FREE_FAILURES)?;
            audit::record(
                c,
                None,
                Action::SignInFailed,
                Some(&uid),
                addr.as_deref(),
                Some("totp"),
            )
        })
        .await?;
    Ok(SignIn::Failed)
}

pub struct Invitation {
    pub user_id: String,
    pub link: String,
}

/// Validates an invitation: a well-formed email not yet in use and at least one role.
pub fn validate_invitation(
    conn: &mut DbConn,
    email: &str,
    roles: &[Role],
    display_name: &str,
) -> Result<Result<(String, String), Vec<FieldError>>, diesel::result::Error> {
    let mut errors = vec![];
    let email = match account::normalize_email(email) {
        Ok(e) => {
            if users::email_taken(conn, &e)? {
                errors.push(FieldError::new("email", "error-email-taken"));
            }
            e
        }
        Err(e) => {
            errors.push(e);
            String::new()
        }
    };
    if roles.is_empty() {
        errors.push(FieldError::new("roles", "error-roles-required"));
    }
    let name = match display_name.trim() {
        "" => email.split('@').next().unwrap_or("").to_string(),
        n => match account::validate_display_name(n) {
            Ok(n) => n,
            Err(e) => {
                errors.push(e);
                String::new()
            }
        },
    };
    Ok(if errors.is_empty() {
        Ok((email, name))
    } else {
        Err(errors)
    })
}

/// Creates the invited person's account (no password yet), the one-time link and the
/// audit record in one transaction; then emails the link in the chosen language.
pub async fn invite(
    state: &AppState,
    actor: Option<String>,
    email: &str,
    display_name: &str,
    roles: Vec<Role>,
    language: Language,
    client_addr: Option<String>,
) -> Result<Result<Invitation, Vec<FieldError>>, DbFailure> {
    let (email, display_name) = (email.to_string(), display_name.to_string());
    let created = state
        .tx(move |c| {
            let (email, name) = match validate_invitation(c, &email, &roles, &display_name)? {
                Ok(v) => v,
                Err(errs) => return Ok(Err(errs)),
            };
            let user = users::create(
                c,
                NewUser {
                    email: &email,
                    display_name: &name,
                    password_hash: None,
                    roles: &roles,
                    language,
                },
            )?;
            let (_, secret) = tokens::issue(c, &user.id, Purpose::Invitation, actor.as_deref())?;
            let detail = roles
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(",");
            audit::record(
                c,
                actor.as_deref(),
                Action::InvitationCreated,
                Some(&user.id),
                client_addr.as_deref(),
                Some(&detail),
            )?;
            Ok(Ok((user, secret)))
        })
        .await?;
    let (user, secret) = match created {
        Ok(v) => v,
        Err(errs) => return Ok(Err(errs)),
    };
    let link = state.config().link(&format!("/invite/{secret}"));
    let settings = state.settings().await.unwrap_or_default();
    let tr = Tr(language);
    let body = tr.with2(
        "email-invite-body",
        "practice",
        &settings.practice_name,
        "link",
        &link,
    );
    state
        .mailer()
        .send(
            &user.email,
            &tr.with("email-invite-subject", "practice", &settings.practice_name),
            body,
        )
        .await;
    Ok(Ok(Invitation {
        user_id: user.id,
        link,
    }))
}

/// Emails a reset link if the account exists. The caller shows the same answer either way.
pub async fn request_reset(
    state: &AppState,
    email_raw: &str,
    client_addr: Option<String>,
) -> Result<(), DbFailure> {
    let Ok(email) = account::normalize_email(email_raw) else {
        return Ok(());
    };
    let issued = state
        .tx(move |c| {
            let Some(user) = users::find_by_email(c, &email)? else {
                return Ok(None);
            };
            if user.is_pending() {
                return Ok(None);
            }
            let (_, secret) = tokens::issue(c, &user.id, Purpose::PasswordReset, None)?;
            audit::record(
                c,
                None,
                Action::PasswordResetRequested,
                Some(&user.id),
                client_addr.as_deref(),
                None,
            )?;
            Ok(Some((user, secret)))
        })
        .await?;
    if let Some((user, secret)) = issued {
        let link = state.config().link(&format!("/reset/{secret}"));
        let tr = Tr(user.language());
        state
            .mailer()
            .send(
                &user.email,
                &tr.get("email-reset-subject"),
                tr.with("email-reset-body", "link", &link),
            )
            .await;
    }
    Ok(())
}

/// Opens a signed-in session (browser or API token) with a new id, and records it in the
/// audit log in the same transaction. Returns the session and its secret token.
pub async fn open_session(
    state: &AppState,
    user_id: &str,
    kind: hearth_store::sessions::Kind,
    user_agent: Option<String>,
    client_addr: Option<String>,
) -> Result<(hearth_store::sessions::Session, String), DbFailure> {
    use hearth_store::sessions::{self, Kind};
    let action = match kind {
        Kind::Api => Action::ApiTokenCreated,
        _ => Action::SignIn,
    };
    let uid = user_id.to_string();
    state
        .tx(move |c| {
            let (s, token) = sessions::create(
                c,
                &uid,
                kind,
                hearth_core::session::ABSOLUTE_TIMEOUT,
                user_agent.as_deref(),
                client_addr.as_deref(),
            )?;
            audit::record(
                c,
                Some(&uid),
                action,
                Some(&uid),
                client_addr.as_deref(),
                Some(&s.id),
            )?;
            Ok((s, token))
        })
        .await
}

/// Creates a person who already has a password (self-registration, `hearth user create`),
/// with its audit record. `self_service`: the person made the account themselves, so they are
/// the actor in the log (otherwise an operator at the command line, recorded without one).
/// `None` when the email is taken. Call inside a transaction.
pub fn create_with_password(
    c: &mut DbConn,
    new: NewUser<'_>,
    self_service: bool,
    client_addr: Option<&str>,
) -> Result<Option<User>, diesel::result::Error> {
    if users::email_taken(c, new.email)? {
        return Ok(None);
    }
    let detail = new
        .roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let u = users::create(c, new)?;
    let (actor, action) = if self_service {
        (Some(u.id.as_str()), Action::Registered)
    } else {
        (None, Action::UserCreatedCli)
    };
    audit::record(c, actor, action, Some(&u.id), client_addr, Some(&detail))?;
    Ok(Some(u))
}

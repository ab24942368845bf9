//! Server-side sessions for the browser ("web"), API tokens ("api"), and half-finished
//! sign-ins waiting for a two-factor code ("pending_totp"). Only the token's hash is stored.

use crate::schema::{sessions, user_roles, users};
use crate::users::User;
use crate::{hash_secret, new_id, new_secret, now, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hearth_core::roles::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Web,
    Api,
    PendingTotp,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Web => "web",
            Kind::Api => "api",
            Kind::PendingTotp => "pending_totp",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id: String,
    pub token_hash: String,
    pub user_id: String,
    pub kind: String,
    pub user_agent: Option<String>,
    pub client_addr: Option<String>,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// Creates a session and returns it with the secret token (shown once, never stored).
pub fn create(
    conn: &mut DbConn,
    user_id: &str,
    kind: Kind,
    lifetime: chrono::Duration,
    user_agent: Option<&str>,
    client_addr: Option<&str>,
) -> QueryResult<(Session, String)> {
    let token = new_secret();
    let id = new_id();
    let t = now();
    let ua = user_agent.map(|u| u.chars().take(200).collect::<String>());
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(&id),
            sessions::token_hash.eq(hash_secret(&token)),
            sessions::user_id.eq(user_id),
            sessions::kind.eq(kind.as_str()),
            sessions::user_agent.eq(ua),
            sessions::client_addr.eq(client_addr),
            sessions::created_at.eq(t),
            sessions::last_seen_at.eq(t),
            sessions::expires_at.eq(t + lifetime),
        ))
        .execute(conn)?;
    let s = sessions::table
        .find(&id)
        .select(Session::as_select())
        .first(conn)?;
    Ok((s, token))
}

pub fn find_by_token(conn: &mut DbConn, token: &str, kind: Kind) -> QueryResult<Option<Session>> {
    sessions::table
        .filter(sessions::token_hash.eq(hash_secret(token)))
        .filter(sessions::kind.eq(kind.as_str()))
        .select(Session::as_select())
        .first(conn)
        .optional()
}

/// A session joined to its person, one row per role: one query for every connection.
macro_rules! session_rows {
    ($token_hash:expr, $kind:expr) => {
        sessions::table
            .inner_join(users::table.left_join(user_roles::table))
            .filter(sessions::token_hash.eq($token_hash))
            .filter(sessions::kind.eq($kind.as_str()))
            .select((
                Session::as_select(),
                User::as_select(),
                user_roles::role.nullable(),
            ))
    };
}

/// The session for a token with its person and their roles, in one query: this runs on
/// every request, and on PostgreSQL each query is a network round trip.
/// `token_hash` is `hash_secret` of the token: the caller has it already, as its cache key.
pub fn find_with_user(
    conn: &mut DbConn,
    token_hash: &str,
    kind: Kind,
) -> QueryResult<Option<(Session, User, Vec<Role>)>> {
    Ok(with_roles(
        crate::on_backend!(conn, c => session_rows!(token_hash, kind).load(c)?),
    ))
}

pub async fn find_with_user_pipelined(
    conn: &crate::SharedPg,
    token_hash: &str,
    kind: Kind,
) -> QueryResult<Option<(Session, User, Vec<Role>)>> {
    Ok(with_roles(
        crate::pipelined!(conn, session_rows!(token_hash, kind) => load)?,
    ))
}

fn with_roles(rows: Vec<(Session, User, Option<String>)>) -> Option<(Session, User, Vec<Role>)> {
    let mut roles: Vec<Role> = rows
        .iter()
        .filter_map(|r| r.2.as_deref().and_then(Role::parse))
        .collect();
    roles.sort();
    rows.into_iter().next().map(|(s, u, _)| (s, u, roles))
}

pub fn touch(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::update(sessions::table.find(id))
        .set(sessions::last_seen_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

pub fn list_for_user(conn: &mut DbConn, user_id: &str) -> QueryResult<Vec<Session>> {
    sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::kind.ne(Kind::PendingTotp.as_str()))
        .order(sessions::last_seen_at.desc())
        .select(Session::as_select())
        .load(conn)
}

/// Ends one session, only if it belongs to `user_id`. Returns whether one was ended.
pub fn end(conn: &mut DbConn, user_id: &str, id: &str) -> QueryResult<bool> {
    let n = diesel::delete(
        sessions::table
            .filter(sessions::id.eq(id))
            .filter(sessions::user_id.eq(user_id)),
    )
    .execute(conn)?;
    Ok(n > 0)
}

pub fn end_by_token(conn: &mut DbConn, token: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::token_hash.eq(hash_secret(token))))
        .execute(conn)
}

/// Ends every session of a person, except optionally one (the one in use).
pub fn end_all(conn: &mut DbConn, user_id: &str, except: Option<&str>) -> QueryResult<usize> {
    let q = sessions::table.filter(sessions::user_id.eq(user_id));
    match except {
        Some(keep) => diesel::delete(q.filter(sessions::id.ne(keep))).execute(conn),
        None => diesel::delete(q).execute(conn),
    }
}

/// Deletes sessions past their end: the absolute end for all, and the idle limit for
/// browser and half-finished sign-ins (API tokens have no idle limit).
pub fn purge_expired(conn: &mut DbConn) -> QueryResult<usize> {
    let t = now();
    let idle_before = t - hearth_core::session::IDLE_TIMEOUT;
    diesel::delete(
        sessions::table.filter(
            sessions::expires_at.lt(t).or(sessions::kind
                .ne(Kind::Api.as_str())
                .and(sessions::last_seen_at.lt(idle_before))),
        ),
    )
    .execute(conn)
}

//! One-time links: invitations (7 days) and password resets (1 hour).

use crate::schema::one_time_tokens as ott;
use crate::{hash_secret, new_id, new_secret, now, DbConn};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    PasswordReset,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password_reset",
        }
    }
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::Invitation => Duration::days(7),
            Purpose::PasswordReset => Duration::hours(1),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ott)]
pub struct OneTimeToken {
    pub id: String,
    pub token_hash: String,
    pub purpose: String,
    pub user_id: String,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

/// Why a link cannot be used; each gets its own plain page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    Unknown,
    Used,
    Expired,
}

/// Issues a new link. Earlier unused links of the same purpose for the same person stop working.
pub fn issue(conn: &mut DbConn, user_id: &str, purpose: Purpose, created_by: Option<&str>) -> QueryResult<(OneTimeToken, String)> {
    let t = now();
    diesel::update(
        ott::table
            .filter(ott::user_id.eq(user_id))
            .filter(ott::purpose.eq(purpose.as_str()))
            .filter(ott::used_at.is_null())
            .filter(ott::expires_at.gt(t)),
    )
    .set(ott::expires_at.eq(t))
    .execute(conn)?;
    let secret = new_secret();
    let id = new_id();
    diesel::insert_into(ott::table)
        .values((
            ott::id.eq(&id),
            ott::token_hash.eq(hash_secret(&secret)),
            ott::purpose.eq(purpose.as_str()),
            ott::user_id.eq(user_id),
            ott::created_by.eq(created_by),
            ott::created_at.eq(t),
            ott::expires_at.eq(t + purpose.lifetime()),
        ))
        .execute(conn)?;
    let tok = ott::table.find(&id).select(OneTimeToken::as_select()).first(conn)?;
    Ok((tok, secret))
}

/// Looks a link up without using it.
pub fn check(conn: &mut DbConn, secret: &str, purpose: Purpose) -> QueryResult<Result<OneTimeToken, LinkProblem>> {
    let found = ott::table
        .filter(ott::token_hash.eq(hash_secret(secret)))
        .filter(ott::purpose.eq(purpose.as_str()))
        .select(OneTimeToken::as_select())
        .first(conn)
        .optional()?;
    Ok(match found {
        None => Err(LinkProblem::Unknown),
        Some(t) if t.used_at.is_some() => Err(LinkProblem::Used),
        Some(t) if t.expires_at <= now() => Err(LinkProblem::Expired),
        Some(t) => Ok(t),
    })
}

/// Marks a link used. Returns false when another request used it first.
pub fn consume(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    let n = diesel::update(ott::table.filter(ott::id.eq(id)).filter(ott::used_at.is_null()))
        .set(ott::used_at.eq(now()))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn revoke(conn: &mut DbConn, id: &str) -> QueryResult<usize> {
    diesel::update(ott::table.filter(ott::id.eq(id)).filter(ott::used_at.is_null()))
        .set(ott::expires_at.eq(now()))
        .execute(conn)
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<OneTimeToken>> {
    ott::table.find(id).select(OneTimeToken::as_select()).first(conn).optional()
}

/// Invitations not yet accepted, newest first.
pub fn open_invitations(conn: &mut DbConn) -> QueryResult<Vec<OneTimeToken>> {
    ott::table
        .filter(ott::purpose.eq(Purpose::Invitation.as_str()))
        .filter(ott::used_at.is_null())
        .order(ott::created_at.desc())
        .select(OneTimeToken::as_select())
        .load(conn)
}

#[cfg(test)]
pub(crate) fn backdate(conn: &mut DbConn, id: &str, by: Duration) -> QueryResult<()> {
    diesel::update(ott::table.find(id)).set(ott::expires_at.eq(now() - by)).execute(conn)?;
    Ok(())
}

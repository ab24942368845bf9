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
pub fn issue(
    conn: &mut DbConn,
    user_id: &str,
    purpose: Purpose,
    created_by: Option<&str>,
) -> QueryResult<(OneTimeToken, String)> {
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
    let tok = ott::table
        .find(&id)
        .select(OneTimeToken::as_select())
        .first(conn)?;
    Ok((tok, secret))
}

/// Looks a link up without using it.
pub fn check(
    conn: &mut DbConn,
    secret: &str,
    purpose: Purpose,
) -> QueryResult<Result<OneTimeToken, LinkProblem>> {
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
    let n = diesel::update(
        ott::table
            .filter(ott::id.eq(id))
            .filter(ott::used_at.is_null()),
    )
    .set(ott::used_at.eq(now()))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn revoke(conn: &mut DbConn, id: &str) -> QueryResult<usize> {
    diesel::update(
        ott::table
            .filter(ott::id.eq(id))
            .filter(ott::used_at.is_null()),
    )
    .set(ott::expires_at.eq(now()))
    .execute(conn)
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<OneTimeToken>> {
    ott::table
        .find(id)
        .select(OneTimeToken::as_select())
        .first(conn)
        .optional()
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
    diesel::update(ott::table.find(id))
        .set(ott::expires_at.eq(now() - by))
        .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::users::{self, NewUser};

    #[test]
    fn links_expire_are_single_use_and_replace_older_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = crate::db::establish(dir.path().join("t.db").to_str().unwrap()).unwrap();
        c.run_migrations().unwrap();
        let u = users::create(
            &mut c,
            NewUser {
                email: "a@x.test",
                display_name: "A",
                password_hash: None,
                roles: &[],
                language: Default::default(),
            },
        )
        .unwrap();
        let (first, s1) = issue(&mut c, &u.id, Purpose::PasswordReset, None).unwrap();
        let (_, s2) = issue(&mut c, &u.id, Purpose::PasswordReset, None).unwrap();
        assert_eq!(
            check(&mut c, &s1, Purpose::PasswordReset)
                .unwrap()
                .unwrap_err(),
            LinkProblem::Expired,
            "a newer link replaces the older"
        );
        assert_eq!(
            check(&mut c, &s2, Purpose::Invitation)
                .unwrap()
                .unwrap_err(),
            LinkProblem::Unknown,
            "purpose must match"
        );
        let t2 = check(&mut c, &s2, Purpose::PasswordReset).unwrap().unwrap();
        assert!(consume(&mut c, &t2.id).unwrap());
        assert!(!consume(&mut c, &t2.id).unwrap(), "only once");
        assert_eq!(
            check(&mut c, &s2, Purpose::PasswordReset)
                .unwrap()
                .unwrap_err(),
            LinkProblem::Used
        );
        let (inv, s3) = issue(&mut c, &u.id, Purpose::Invitation, None).unwrap();
        assert_eq!(inv.expires_at - inv.created_at, Duration::days(7));
        assert_eq!(first.expires_at - first.created_at, Duration::hours(1));
        backdate(&mut c, &inv.id, Duration::seconds(1)).unwrap();
        assert_eq!(
            check(&mut c, &s3, Purpose::Invitation)
                .unwrap()
                .unwrap_err(),
            LinkProblem::Expired
        );
    }
}

//! Community referrals. The lifecycle is in `hearth_core::directory::referral`.

use crate::schema::referrals as rf;
use crate::{new_id, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hearth_core::care::LinkStatus;
use hearth_core::directory::matching::Barrier;
use hearth_core::directory::referral::{current, Outcome, Status};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = rf)]
struct Row {
    id: String,
    clinician_id: Option<String>,
    member_id: String,
    resource_id: String,
    note: Option<String>,
    status: String,
    reason: Option<String>,
    outcome: Option<String>,
    went_at: Option<NaiveDateTime>,
    sent_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct Referral {
    pub id: String,
    pub clinician_id: Option<String>,
    pub member_id: String,
    pub resource_id: String,
    pub note: Option<String>,
    /// As stored; `status_at(now)` also knows about expiry.
    pub status: Status,
    pub reason: Option<Barrier>,
    pub outcome: Option<Outcome>,
    /// When they first said they went.
    pub went_at: Option<NaiveDateTime>,
    pub sent_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Referral {
    pub fn status_at(&self, now: NaiveDateTime) -> Status {
        current(self.status, self.sent_at, now)
    }
}

impl Row {
    fn referral(self) -> Referral {
        Referral {
            status: Status::parse(&self.status).unwrap_or(Status::Expired),
            reason: self.reason.as_deref().and_then(Barrier::parse),
            outcome: self.outcome.as_deref().and_then(Outcome::parse),
            id: self.id,
            clinician_id: self.clinician_id,
            member_id: self.member_id,
            resource_id: self.resource_id,
            note: self.note,
            went_at: self.went_at,
            sent_at: self.sent_at,
            updated_at: self.updated_at,
        }
    }
}

/// A clinician may refer a member whose care link with them is active, while they still
/// hold the clinician role.
pub fn may_refer(conn: &mut DbConn, clinician_id: &str, member_id: &str) -> QueryResult<bool> {
    if !crate::users::has_role(conn, clinician_id, hearth_core::roles::Role::Clinician)? {
        return Ok(false);
    }
    Ok(crate::care::open_between(conn, clinician_id, member_id)?
        .is_some_and(|l| l.status() == LinkStatus::Active))
}

pub fn insert(
    conn: &mut DbConn,
    clinician_id: &str,
    member_id: &str,
    resource_id: &str,
    note: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(rf::table)
        .values((
            rf::id.eq(&id),
            rf::clinician_id.eq(clinician_id),
            rf::member_id.eq(member_id),
            rf::resource_id.eq(resource_id),
            rf::note.eq(note),
            rf::status.eq(Status::Sent.as_str()),
            rf::sent_at.eq(now),
            rf::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The member's referrals, newest first.
pub fn for_member(conn: &mut DbConn, member_id: &str) -> QueryResult<Vec<Referral>> {
    Ok(rf::table
        .filter(rf::member_id.eq(member_id))
        .order(rf::sent_at.desc())
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(Row::referral)
        .collect())
}

/// The referrals this clinician sent, newest first.
pub fn for_clinician(conn: &mut DbConn, clinician_id: &str) -> QueryResult<Vec<Referral>> {
    Ok(rf::table
        .filter(rf::clinician_id.eq(clinician_id))
        .order(rf::sent_at.desc())
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(Row::referral)
        .collect())
}

/// One referral of this member; `None` if it is not theirs.
pub fn find_for_member(
    conn: &mut DbConn,
    member_id: &str,
    id: &str,
) -> QueryResult<Option<Referral>> {
    Ok(rf::table
        .filter(rf::id.eq(id))
        .filter(rf::member_id.eq(member_id))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Row::referral))
}

/// Moves a referral on, only if it still stands where the caller saw it (so two answers at
/// once, or an answer beside "seen", cannot overwrite each other). False if it moved.
pub fn set_status(
    conn: &mut DbConn,
    id: &str,
    expected: Status,
    status: Status,
    reason: Option<Barrier>,
    outcome: Option<Outcome>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(rf::table.find(id).filter(rf::status.eq(expected.as_str())))
        .set((
            rf::status.eq(status.as_str()),
            rf::reason.eq(reason.map(|r| r.as_str())),
            rf::outcome.eq(outcome.map(|o| o.as_str())),
            rf::updated_at.eq(now),
        ))
        .execute(conn)?;
    if n == 1 && status == Status::Attended {
        diesel::update(rf::table.find(id).filter(rf::went_at.is_null()))
            .set(rf::went_at.eq(now))
            .execute(conn)?;
    }
    Ok(n == 1)
}

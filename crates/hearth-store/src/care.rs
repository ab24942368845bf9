//! Care-team links between a clinician and a member, with the member's consent scopes.

use crate::schema::care_links as cl;
use crate::{new_id, now, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hearth_core::care::{Consent, LinkStatus, Scope};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cl)]
pub struct CareLink {
    pub id: String,
    pub clinician_id: String,
    pub member_id: String,
    pub status: String,
    pub initiated_by: Option<String>,
    pub scope_circle: bool,
    pub scope_checkins: bool,
    pub scope_measures: bool,
    pub scope_groups: bool,
    pub scope_safety_plan: bool,
    pub scope_safety_alerts: bool,
    pub created_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
    pub ended_at: Option<NaiveDateTime>,
    pub scope_circle_names: bool,
}

impl CareLink {
    pub fn status(&self) -> LinkStatus {
        LinkStatus::parse(&self.status).unwrap_or(LinkStatus::Ended)
    }
    pub fn consent(&self) -> Consent {
        Consent {
            circle: self.scope_circle,
            checkins: self.scope_checkins,
            measures: self.scope_measures,
            groups: self.scope_groups,
            safety_plan: self.scope_safety_plan,
            safety_alerts: self.scope_safety_alerts,
            circle_names: self.scope_circle_names,
        }
    }
}

/// The link between these two people that is not ended, if any.
pub fn open_between(
    conn: &mut DbConn,
    clinician_id: &str,
    member_id: &str,
) -> QueryResult<Option<CareLink>> {
    cl::table
        .filter(cl::clinician_id.eq(clinician_id))
        .filter(cl::member_id.eq(member_id))
        .filter(cl::status.ne(LinkStatus::Ended.as_str()))
        .select(CareLink::as_select())
        .first(conn)
        .optional()
}

/// Offers care; the member must accept. Consent starts at the defaults.
pub fn invite(
    conn: &mut DbConn,
    clinician_id: &str,
    member_id: &str,
    by: &str,
) -> QueryResult<CareLink> {
    let id = new_id();
    let c = Consent::default();
    diesel::insert_into(cl::table)
        .values((
            cl::id.eq(&id),
            cl::clinician_id.eq(clinician_id),
            cl::member_id.eq(member_id),
            cl::status.eq(LinkStatus::Invited.as_str()),
            cl::initiated_by.eq(by),
            cl::scope_circle.eq(c.circle),
            cl::scope_checkins.eq(c.checkins),
            cl::scope_measures.eq(c.measures),
            cl::scope_groups.eq(c.groups),
            cl::scope_safety_plan.eq(c.safety_plan),
            cl::scope_safety_alerts.eq(c.safety_alerts),
            cl::scope_circle_names.eq(c.circle_names),
            cl::created_at.eq(now()),
        ))
        .execute(conn)?;
    find(conn, &id).map(|l| l.expect("just inserted"))
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<CareLink>> {
    cl::table
        .find(id)
        .select(CareLink::as_select())
        .first(conn)
        .optional()
}

/// A member's links that have not ended, oldest first: one query for every connection.
macro_rules! open_links_of {
    ($member_id:expr) => {
        cl::table
            .filter(cl::member_id.eq($member_id))
            .filter(cl::status.ne(LinkStatus::Ended.as_str()))
            .order(cl::created_at.asc())
            .select(CareLink::as_select())
    };
}

/// The member's care links that have not ended. Their home page reads these on each view.
pub fn for_member(conn: &mut DbConn, member_id: &str) -> QueryResult<Vec<CareLink>> {
    crate::on_backend!(conn, c => open_links_of!(member_id).load(c))
}

pub async fn for_member_pipelined(
    conn: &crate::SharedPg,
    member_id: &str,
) -> QueryResult<Vec<CareLink>> {
    crate::pipelined!(conn, open_links_of!(member_id) => load)
}

pub fn for_clinician(conn: &mut DbConn, clinician_id: &str) -> QueryResult<Vec<CareLink>> {
    cl::table
        .filter(cl::clinician_id.eq(clinician_id))
        .filter(cl::status.ne(LinkStatus::Ended.as_str()))
        .order(cl::created_at.asc())
        .select(CareLink::as_select())
        .load(conn)
}

pub fn accept(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    let n = diesel::update(
        cl::table
            .filter(cl::id.eq(id))
            .filter(cl::status.eq(LinkStatus::Invited.as_str())),
    )
    .set((
        cl::status.eq(LinkStatus::Active.as_str()),
        cl::accepted_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn end(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    let n = diesel::update(
        cl::table
            .filter(cl::id.eq(id))
            .filter(cl::status.ne(LinkStatus::Ended.as_str())),
    )
    .set((
        cl::status.eq(LinkStatus::Ended.as_str()),
        cl::ended_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn set_consent(conn: &mut DbConn, id: &str, c: &Consent) -> QueryResult<()> {
    diesel::update(cl::table.find(id))
        .set((
            cl::scope_circle.eq(c.circle),
            cl::scope_checkins.eq(c.checkins),
            cl::scope_measures.eq(c.measures),
            cl::scope_groups.eq(c.groups),
            cl::scope_safety_plan.eq(c.safety_plan),
            cl::scope_safety_alerts.eq(c.safety_alerts),
            cl::scope_circle_names.eq(c.circle_names),
        ))
        .execute(conn)?;
    Ok(())
}

/// The single gate later features use: may this clinician see this kind of this member's data?
pub fn clinician_may_see(
    conn: &mut DbConn,
    clinician_id: &str,
    member_id: &str,
    scope: Scope,
) -> QueryResult<bool> {
    // Someone who no longer holds the clinician role keeps their links on record but sees nothing.
    if !crate::users::has_role(conn, clinician_id, hearth_core::roles::Role::Clinician)? {
        return Ok(false);
    }
    Ok(open_between(conn, clinician_id, member_id)?
        .is_some_and(|l| hearth_core::care::clinician_may_see(l.status(), &l.consent(), scope)))
}

//! The append-only audit log. Entries hold ids and fixed words, never secrets or free text.

use crate::schema::audit_log as al;
use crate::{new_id, now, DbConn};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Every kind of audited event. A fixed list keeps free text out of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SignIn,
    SignInFailed,
    SignOut,
    SessionEnded,
    PasswordResetRequested,
    PasswordReset,
    PasswordChanged,
    TotpEnabled,
    TotpDisabled,
    InvitationCreated,
    InvitationRevoked,
    InvitationAccepted,
    Registered,
    RolesChanged,
    ProfileChanged,
    CareInvited,
    CareAccepted,
    CareEnded,
    ConsentChanged,
    SettingsChanged,
    UserCreatedCli,
    ApiTokenCreated,
    ApiTokenRevoked,
    AlertRaised,
    AlertRepeated,
    AlertNotified,
    AlertEscalated,
    AlertAcknowledged,
    AlertResolved,
    MemberSafe,
    SafetyPlanSaved,
    SafetyPlanViewed,
    CircleViewed,
    CheckinsViewed,
    MeasuresViewed,
}

impl Action {
    pub const ALL: [Action; 35] = [
        Action::SignIn,
        Action::SignInFailed,
        Action::SignOut,
        Action::SessionEnded,
        Action::PasswordResetRequested,
        Action::PasswordReset,
        Action::PasswordChanged,
        Action::TotpEnabled,
        Action::TotpDisabled,
        Action::InvitationCreated,
        Action::InvitationRevoked,
        Action::InvitationAccepted,
        Action::Registered,
        Action::RolesChanged,
        Action::ProfileChanged,
        Action::CareInvited,
        Action::CareAccepted,
        Action::CareEnded,
        Action::ConsentChanged,
        Action::SettingsChanged,
        Action::UserCreatedCli,
        Action::ApiTokenCreated,
        Action::ApiTokenRevoked,
        Action::AlertRaised,
        Action::AlertRepeated,
        Action::AlertNotified,
        Action::AlertEscalated,
        Action::AlertAcknowledged,
        Action::AlertResolved,
        Action::MemberSafe,
        Action::SafetyPlanSaved,
        Action::SafetyPlanViewed,
        Action::CircleViewed,
        Action::CheckinsViewed,
        Action::MeasuresViewed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::SignIn => "sign_in",
            Action::SignInFailed => "sign_in_failed",
            Action::SignOut => "sign_out",
            Action::SessionEnded => "session_ended",
            Action::PasswordResetRequested => "password_reset_requested",
            Action::PasswordReset => "password_reset",
            Action::PasswordChanged => "password_changed",
            Action::TotpEnabled => "totp_enabled",
            Action::TotpDisabled => "totp_disabled",
            Action::InvitationCreated => "invitation_created",
            Action::InvitationRevoked => "invitation_revoked",
            Action::InvitationAccepted => "invitation_accepted",
            Action::Registered => "registered",
            Action::RolesChanged => "roles_changed",
            Action::ProfileChanged => "profile_changed",
            Action::CareInvited => "care_invited",
            Action::CareAccepted => "care_accepted",
            Action::CareEnded => "care_ended",
            Action::ConsentChanged => "consent_changed",
            Action::SettingsChanged => "settings_changed",
            Action::UserCreatedCli => "user_created_cli",
            Action::ApiTokenCreated => "api_token_created",
            Action::ApiTokenRevoked => "api_token_revoked",
            Action::AlertRaised => "alert_raised",
            Action::AlertRepeated => "alert_repeated",
            Action::AlertNotified => "alert_notified",
            Action::AlertEscalated => "alert_escalated",
            Action::AlertAcknowledged => "alert_acknowledged",
            Action::AlertResolved => "alert_resolved",
            Action::MemberSafe => "member_safe",
            Action::SafetyPlanSaved => "safety_plan_saved",
            Action::SafetyPlanViewed => "safety_plan_viewed",
            Action::CircleViewed => "circle_viewed",
            Action::CheckinsViewed => "checkins_viewed",
            Action::MeasuresViewed => "measures_viewed",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = al)]
pub struct Entry {
    pub id: String,
    pub at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub action: String,
    pub subject_id: Option<String>,
    pub client_addr: Option<String>,
    pub detail: Option<String>,
}

/// Records one event. `detail` must be machine words (role names, scope names), never a person's text.
pub fn record(
    conn: &mut DbConn,
    actor: Option<&str>,
    action: Action,
    subject: Option<&str>,
    client_addr: Option<&str>,
    detail: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(al::table)
        .values((
            al::id.eq(new_id()),
            al::at.eq(now()),
            al::actor_id.eq(actor),
            al::action.eq(action.as_str()),
            al::subject_id.eq(subject),
            al::client_addr.eq(client_addr),
            al::detail.eq(detail),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub action: Option<Action>,
    /// Matches the actor or the subject.
    pub person_id: Option<String>,
    pub since: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

pub fn search(conn: &mut DbConn, f: &Filter, limit: i64) -> QueryResult<Vec<Entry>> {
    let mut q = al::table.select(Entry::as_select()).into_boxed();
    if let Some(a) = f.action {
        q = q.filter(al::action.eq(a.as_str()));
    }
    if let Some(p) = &f.person_id {
        q = q.filter(al::actor_id.eq(p.clone()).or(al::subject_id.eq(p.clone())));
    }
    if let Some(s) = f.since {
        q = q.filter(al::at.ge(s));
    }
    if let Some(u) = f.until {
        q = q.filter(al::at.lt(u));
    }
    q.order(al::at.desc()).limit(limit).load(conn)
}

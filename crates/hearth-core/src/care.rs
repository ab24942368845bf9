//! Care-team links and the consent scopes that live on them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkStatus {
    /// Offered by a clinician or an admin, waiting for the member.
    Invited,
    Active,
    Ended,
}

impl LinkStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkStatus::Invited => "invited",
            LinkStatus::Active => "active",
            LinkStatus::Ended => "ended",
        }
    }
    pub fn parse(s: &str) -> Option<LinkStatus> {
        [LinkStatus::Invited, LinkStatus::Active, LinkStatus::Ended]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// The kinds of data a member can share with one clinician.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Circle,
    Checkins,
    Measures,
    Groups,
    SafetyPlan,
    SafetyAlerts,
    /// With `Circle`: the names in the circle too. Without it a clinician sees the shape of
    /// the circle (kinds, support, findings) but not who is in it.
    CircleNames,
}

impl Scope {
    pub const ALL: [Scope; 7] = [
        Scope::Circle,
        Scope::CircleNames,
        Scope::Checkins,
        Scope::Measures,
        Scope::Groups,
        Scope::SafetyPlan,
        Scope::SafetyAlerts,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Circle => "circle",
            Scope::Checkins => "checkins",
            Scope::Measures => "measures",
            Scope::Groups => "groups",
            Scope::SafetyPlan => "safety_plan",
            Scope::SafetyAlerts => "safety_alerts",
            Scope::CircleNames => "circle_names",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What a member shares on one care link. Everything is private by default except safety
/// alerts: a clinician who is never told their client is in danger cannot help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub circle: bool,
    pub checkins: bool,
    pub measures: bool,
    pub groups: bool,
    pub safety_plan: bool,
    pub safety_alerts: bool,
    #[serde(default)]
    pub circle_names: bool,
}

impl Default for Consent {
    fn default() -> Self {
        Consent {
            circle: false,
            checkins: false,
            measures: false,
            groups: false,
            safety_plan: false,
            safety_alerts: true,
            circle_names: false,
        }
    }
}

impl Consent {
    pub fn allows(&self, scope: Scope) -> bool {
        match scope {
            Scope::Circle => self.circle,
            Scope::Checkins => self.checkins,
            Scope::Measures => self.measures,
            Scope::Groups => self.groups,
            Scope::SafetyPlan => self.safety_plan,
            Scope::SafetyAlerts => self.safety_alerts,
            // Names mean nothing without the circle itself.
            Scope::CircleNames => self.circle && self.circle_names,
        }
    }

    pub fn from_scopes(scopes: &[Scope]) -> Consent {
        Consent {
            circle: scopes.contains(&Scope::Circle),
            checkins: scopes.contains(&Scope::Checkins),
            measures: scopes.contains(&Scope::Measures),
            groups: scopes.contains(&Scope::Groups),
            safety_plan: scopes.contains(&Scope::SafetyPlan),
            safety_alerts: scopes.contains(&Scope::SafetyAlerts),
            circle_names: scopes.contains(&Scope::CircleNames),
        }
    }

    pub fn granted(&self) -> Vec<Scope> {
        Scope::ALL.into_iter().filter(|s| self.allows(*s)).collect()
    }
}

/// Whether a clinician may see one kind of a member's data: only through an active link
/// whose scope the member switched on. Nothing else grants access.
pub fn clinician_may_see(status: LinkStatus, consent: &Consent, scope: Scope) -> bool {
    status == LinkStatus::Active && consent.allows(scope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safety_alerts_are_on_by_default() {
        assert_eq!(Consent::default().granted(), vec![Scope::SafetyAlerts]);
    }

    #[test]
    fn access_needs_an_active_link_and_the_scope() {
        let c = Consent::from_scopes(&[Scope::Circle]);
        assert!(clinician_may_see(LinkStatus::Active, &c, Scope::Circle));
        assert!(!clinician_may_see(LinkStatus::Active, &c, Scope::Measures));
        assert!(!clinician_may_see(LinkStatus::Invited, &c, Scope::Circle));
        assert!(!clinician_may_see(LinkStatus::Ended, &c, Scope::Circle));
    }

    #[test]
    fn scopes_round_trip() {
        for s in Scope::ALL {
            assert_eq!(Scope::parse(s.as_str()), Some(s));
        }
        assert_eq!(LinkStatus::parse("active"), Some(LinkStatus::Active));
    }
}

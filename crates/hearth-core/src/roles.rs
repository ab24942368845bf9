use serde::{Deserialize, Serialize};

/// What a person may do in Hearth. One person may hold several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Facilitator,
    Clinician,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Member,
        Role::Facilitator,
        Role::Clinician,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Facilitator => "facilitator",
            Role::Clinician => "clinician",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Staff roles see other people's data and so may be required to use two-factor sign-in.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Clinician | Role::Admin)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_unknown_is_rejected() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
        assert!(Role::Admin.is_staff() && Role::Clinician.is_staff());
        assert!(!Role::Member.is_staff() && !Role::Facilitator.is_staff());
    }
}

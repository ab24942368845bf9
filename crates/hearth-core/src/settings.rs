//! Practice-wide settings, changed by admins.

use crate::crisis_lines::{self, CrisisLine};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PracticeSettings {
    pub practice_name: String,
    /// Off by default: a practice invites its people.
    pub self_registration: bool,
    /// Clinicians and admins must turn on two-factor sign-in before they can use Hearth.
    pub require_totp_for_staff: bool,
    pub crisis_lines: Vec<CrisisLine>,
}

impl Default for PracticeSettings {
    fn default() -> Self {
        PracticeSettings {
            practice_name: "Hearth".into(),
            self_registration: false,
            require_totp_for_staff: false,
            crisis_lines: crisis_lines::defaults(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_closed_registration_and_shipped_lines() {
        let s = PracticeSettings::default();
        assert!(!s.self_registration);
        assert!(!s.require_totp_for_staff);
        assert_eq!(s.crisis_lines, crisis_lines::defaults());
    }
}

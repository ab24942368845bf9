//! Practice-wide settings, changed by admins.

use crate::crisis_lines::{self, CrisisLine};
use crate::directory::Point;
use crate::office_hours::{self, OfficeDay};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PracticeSettings {
    pub practice_name: String,
    /// Off by default: a practice invites its people.
    pub self_registration: bool,
    /// Clinicians and admins must turn on two-factor sign-in before they can use Hearth.
    pub require_totp_for_staff: bool,
    pub crisis_lines: Vec<CrisisLine>,
    /// ISO 3166-1 code of where the practice works: crisis cards show this region's lines.
    pub region: String,
    /// IANA time zone of the office hours.
    pub time_zone: String,
    pub office_hours: Vec<OfficeDay>,
    /// Ids of the staff who take alerts nobody else acknowledged, and alerts for members
    /// without a care team.
    pub on_call: Vec<String>,
    /// Minutes a severe alert may wait for acknowledgement before it escalates.
    pub ack_minutes_severe: u32,
    pub ack_minutes_moderate: u32,
    /// Visitors who are not signed in may search Find community. Off by default.
    pub public_directory: bool,
    /// Where the practice is, so Find community can measure distance from it.
    pub location: Option<Point>,
}

impl Default for PracticeSettings {
    fn default() -> Self {
        PracticeSettings {
            practice_name: "Hearth".into(),
            self_registration: false,
            require_totp_for_staff: false,
            crisis_lines: crisis_lines::defaults(),
            region: "US".into(),
            time_zone: "UTC".into(),
            office_hours: office_hours::default_hours(),
            on_call: vec![],
            ack_minutes_severe: 5,
            ack_minutes_moderate: 60,
            public_directory: false,
            location: None,
        }
    }
}

impl PracticeSettings {
    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }
}

/// The longest acknowledgement window a practice may set: a day.
pub const MAX_ACK_MINUTES: u32 = 24 * 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_closed_registration_and_shipped_lines() {
        let s = PracticeSettings::default();
        assert!(!s.self_registration);
        assert!(!s.require_totp_for_staff);
        assert_eq!(s.crisis_lines, crisis_lines::defaults());
        assert_eq!((s.ack_minutes_severe, s.ack_minutes_moderate), (5, 60));
    }

    #[test]
    fn a_document_from_an_older_version_keeps_what_it_had() {
        let s: PracticeSettings =
            serde_json::from_str(r#"{"practice_name":"Willow","self_registration":true}"#).unwrap();
        assert_eq!(s.practice_name, "Willow");
        assert!(s.self_registration);
        assert_eq!(s.ack_minutes_severe, 5);
    }
}

//! Hearth's domain: pure rules with no I/O. Web and storage crates call into this.

pub mod account;
pub mod care;
pub mod checkin;
pub mod circle;
pub mod crisis_lines;
pub mod measures;
pub mod office_hours;
pub mod password;
pub mod roles;
pub mod safety;
pub mod session;
pub mod settings;
pub mod throttle;
pub mod totp;

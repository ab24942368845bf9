//! Sign-in throttling. Counters live in the database (so they hold across servers);
//! this module decides how long a key must wait.

use chrono::Duration;

/// Failures allowed per account before delays start.
pub const ACCOUNT_FREE_FAILURES: i64 = 5;
/// Failures allowed per client address before delays start. Higher than per account,
/// because a practice's front desk or a shared household connection is one address.
pub const ADDRESS_FREE_FAILURES: i64 = 20;
/// The longest a person is ever made to wait.
pub const MAX_DELAY: Duration = Duration::minutes(15);
/// Failures older than this are forgotten.
pub const WINDOW: Duration = Duration::hours(24);

/// The wait after `failures` consecutive failures: none up to the free allowance, then
/// 30 s doubling with each further failure, capped at `MAX_DELAY`.
pub fn delay_after(failures: i64, free: i64) -> Duration {
    if failures < free {
        return Duration::zero();
    }
    let steps = (failures - free).min(10) as u32;
    let secs = 30i64.saturating_mul(1i64 << steps);
    Duration::seconds(secs).min(MAX_DELAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_start_after_five_and_grow() {
        assert_eq!(delay_after(4, ACCOUNT_FREE_FAILURES), Duration::zero());
        assert_eq!(delay_after(5, ACCOUNT_FREE_FAILURES), Duration::seconds(30));
        assert_eq!(delay_after(6, ACCOUNT_FREE_FAILURES), Duration::seconds(60));
        assert_eq!(delay_after(50, ACCOUNT_FREE_FAILURES), MAX_DELAY);
        assert!(delay_after(7, ACCOUNT_FREE_FAILURES) > delay_after(6, ACCOUNT_FREE_FAILURES));
    }
}

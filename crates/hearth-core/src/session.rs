//! Session lifetimes.

use chrono::{DateTime, Duration, Utc};

/// Signed out after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::hours(12);
/// Signed out this long after signing in, whatever happens.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(30);
/// `last_seen` is written at most this often, so reading a page is not a database write.
pub const TOUCH_INTERVAL: Duration = Duration::minutes(1);
/// A half-finished sign-in (password given, two-factor code pending) lasts this long.
pub const PENDING_TOTP_TIMEOUT: Duration = Duration::minutes(5);

/// Whether a browser session still holds: neither idle too long nor past its absolute end.
pub fn is_live(last_seen: DateTime<Utc>, expires_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now < expires_at && now - last_seen < IDLE_TIMEOUT
}

/// API tokens serve programs that may call rarely, so only the absolute end applies; the
/// `expires_at` a client is given is then the whole truth.
pub fn token_is_live(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now < expires_at
}

pub fn needs_touch(last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - last_seen >= TOUCH_INTERVAL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_and_absolute_timeouts() {
        let t0 = Utc::now();
        let exp = t0 + ABSOLUTE_TIMEOUT;
        assert!(is_live(t0, exp, t0 + Duration::hours(11)));
        assert!(!is_live(t0, exp, t0 + Duration::hours(13)));
        // Active every hour, but past the absolute limit.
        let late = t0 + Duration::days(30) + Duration::minutes(1);
        assert!(!is_live(late - Duration::hours(1), exp, late));
        assert!(needs_touch(t0, t0 + Duration::minutes(2)));
        assert!(!needs_touch(t0, t0 + Duration::seconds(10)));
        assert!(token_is_live(exp, t0 + Duration::days(29)));
        assert!(!token_is_live(exp, t0 + Duration::days(31)));
    }
}

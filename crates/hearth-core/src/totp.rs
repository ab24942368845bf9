//! RFC 6238 time-based one-time passwords (SHA-1, 6 digits, 30 s), as every authenticator app reads them.

use hmac::{Hmac, Mac};
use sha1::Sha1;

pub const STEP_SECS: i64 = 30;
pub const DIGITS: u32 = 6;

pub fn encode_secret(bytes: &[u8]) -> String {
    data_encoding::BASE32_NOPAD.encode(bytes)
}

pub fn decode_secret(b32: &str) -> Option<Vec<u8>> {
    let cleaned: String = b32
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .collect();
    data_encoding::BASE32_NOPAD
        .decode(cleaned.to_ascii_uppercase().as_bytes())
        .ok()
}

/// The code for one time step (RFC 4226 dynamic truncation).
pub fn code_at(secret: &[u8], unix_secs: i64) -> u32 {
    let counter = (unix_secs.div_euclid(STEP_SECS)) as u64;
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let bin = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    bin % 10u32.pow(DIGITS)
}

/// Accepts the current step and one on either side, for clocks that drift a little.
pub fn verify(secret: &[u8], code: &str, unix_secs: i64) -> bool {
    matching_step(secret, code, unix_secs).is_some()
}

/// The time step (`unix_secs / 30`, give or take one) whose code this is, if any. Callers
/// keep the last step taken and refuse one not later than it, so each code works once.
pub fn matching_step(secret: &[u8], code: &str, unix_secs: i64) -> Option<i64> {
    let code = code.trim().replace(' ', "");
    if code.len() != DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let given = code.parse::<u32>().ok()?;
    (-1..=1)
        .map(|d| unix_secs + d * STEP_SECS)
        .find(|t| code_at(secret, *t) == given)
        .map(|t| t.div_euclid(STEP_SECS))
}

pub fn format_code(code: u32) -> String {
    format!("{code:06}")
}

/// The `otpauth://` URI that authenticator apps import.
pub fn otpauth_uri(issuer: &str, account: &str, secret_b32: &str) -> String {
    fn enc(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(issuer),
        enc(account),
        secret_b32,
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows (8 digits there; the last six are ours).
    #[test]
    fn rfc6238_vectors() {
        let secret = b"12345678901234567890";
        for (t, expected) in [
            (59, 94287082u32),
            (1111111109, 7081804),
            (1234567890, 89005924),
            (2000000000, 69279037),
        ] {
            assert_eq!(code_at(secret, t), expected % 1_000_000, "t={t}");
        }
    }

    #[test]
    fn verify_accepts_adjacent_steps_only() {
        let secret = b"12345678901234567890";
        let now = 1_234_567_890;
        let c = format_code(code_at(secret, now));
        assert!(verify(secret, &c, now));
        assert!(verify(secret, &c, now + 30));
        assert!(!verify(secret, &c, now + 90));
        assert!(!verify(secret, "12345", now));
        assert!(!verify(secret, "abcdef", now));
    }

    #[test]
    fn the_matching_step_is_the_codes_own() {
        let secret = b"12345678901234567890";
        let now = 1_234_567_890;
        let c = format_code(code_at(secret, now));
        assert_eq!(matching_step(secret, &c, now), Some(now / STEP_SECS));
        // The same code read a step later still names its own step, so a replay is seen.
        assert_eq!(matching_step(secret, &c, now + 30), Some(now / STEP_SECS));
        assert_eq!(matching_step(secret, "000000x", now), None);
    }

    #[test]
    fn secrets_round_trip() {
        let s = encode_secret(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(
            decode_secret(&s.to_lowercase()).unwrap(),
            vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        );
    }
}

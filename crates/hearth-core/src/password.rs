//! The password policy: long enough and not guessable.

pub const MIN_LEN: usize = 10;
/// zxcvbn's scale is 0..=4; 3 means "safely unguessable: moderate protection from offline attacks".
pub const MIN_SCORE: u8 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooGuessable,
}

impl PasswordProblem {
    /// The Fluent message id that explains the problem to the person.
    pub fn message_id(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "error-password-short",
            PasswordProblem::TooGuessable => "error-password-weak",
        }
    }
}

/// Checks a new password. `context` holds words the person's account already reveals
/// (email, display name) so that a password built from them is judged weak.
pub fn check(password: &str, context: &[&str]) -> Result<(), PasswordProblem> {
    if password.chars().count() < MIN_LEN {
        return Err(PasswordProblem::TooShort);
    }
    let score = zxcvbn::zxcvbn(password, context).score() as u8;
    if score < MIN_SCORE {
        return Err(PasswordProblem::TooGuessable);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_common_passwords_are_refused() {
        assert_eq!(check("abc", &[]), Err(PasswordProblem::TooShort));
        assert_eq!(
            check("password123", &[]),
            Err(PasswordProblem::TooGuessable)
        );
        assert_eq!(check("1234567890", &[]), Err(PasswordProblem::TooGuessable));
    }

    #[test]
    fn account_words_make_a_password_weak() {
        assert_eq!(
            check("minjunminjun1", &["minjun"]),
            Err(PasswordProblem::TooGuessable)
        );
    }

    #[test]
    fn a_long_passphrase_is_accepted() {
        assert_eq!(check("violet kettle harbour mosaic", &[]), Ok(()));
    }
}

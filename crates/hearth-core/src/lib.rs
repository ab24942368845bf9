//! Hearth's domain: pure rules with no I/O. Web and storage crates call into this.

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($v),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$v),)+ _ => None }
            }
        }
        impl $crate::Words for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

/// A closed set of snake_case words, made by `word_enum!`: what pages need to label each one.
pub trait Words: Copy + 'static {
    /// Every word, in declaration order.
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    /// The position of this word in `ALL`.
    fn index(self) -> usize;
}

pub mod account;
pub mod care;
pub mod checkin;
pub mod circle;
pub mod crisis_lines;
pub mod directory;
pub mod measures;
pub mod office_hours;
pub mod password;
pub mod roles;
pub mod safety;
pub mod session;
pub mod settings;
pub mod throttle;
pub mod totp;

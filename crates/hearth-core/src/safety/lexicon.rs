//! Lexicon files: one entry a line, `category<TAB>phrase`. English phrases are words; `*` at
//! the end of a word matches any ending (`kill*`), and `~` skips up to four words
//! (`gave my ~ to`). Korean phrases are matched with spaces removed. `#` starts a comment.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// First-person wish or intent to die or kill oneself, including algospeak.
    Ideation,
    /// Wishing not to exist or not to wake up, without intent.
    Passive,
    SelfHarm,
    Burden,
    Hopeless,
    /// "much longer", "won't be around": the end of something, in time.
    Finality,
    /// An unmistakable farewell: "this is my last post".
    Farewell,
    /// Thanks and goodbyes that matter only together with other signals.
    Goodbye,
    /// Giving things away, writing letters, putting affairs in order.
    Preparation,
    /// Means or a place. Never shown to anyone.
    Means,
    /// A time: tonight, in five minutes.
    Time,
    /// A decision or a plan.
    Plan,
    /// Looking into how.
    MethodSeeking,
    /// An act under way, or one stopped recently.
    Act,
    /// "every day", "can't stop": the thoughts persist.
    Persistent,
    /// Risk words about someone else: "kill herself".
    OtherPerson,
    // Context words: they change what the hits above mean.
    Idiom,
    Negation,
    ThirdPerson,
    FirstPerson,
    Past,
    Fiction,
    Study,
    Humour,
}

impl Category {
    const ALL: [(Category, &'static str); 24] = [
        (Category::Ideation, "ideation"),
        (Category::Passive, "passive"),
        (Category::SelfHarm, "self_harm"),
        (Category::Burden, "burden"),
        (Category::Hopeless, "hopeless"),
        (Category::Finality, "finality"),
        (Category::Farewell, "farewell"),
        (Category::Goodbye, "goodbye"),
        (Category::Preparation, "preparation"),
        (Category::Means, "means"),
        (Category::Time, "time"),
        (Category::Plan, "plan"),
        (Category::MethodSeeking, "method_seeking"),
        (Category::Act, "act"),
        (Category::Persistent, "persistent"),
        (Category::OtherPerson, "other_person"),
        (Category::Idiom, "idiom"),
        (Category::Negation, "negation"),
        (Category::ThirdPerson, "third_person"),
        (Category::FirstPerson, "first_person"),
        (Category::Past, "past"),
        (Category::Fiction, "fiction"),
        (Category::Study, "study"),
        (Category::Humour, "humour"),
    ];

    pub fn name(self) -> &'static str {
        Category::ALL
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, n)| *n)
            .unwrap_or("unknown")
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.iter().find(|(_, n)| *n == s).map(|(c, _)| *c)
    }

    /// Whether a hit of this kind is a risk signal (the rest are context).
    pub fn is_signal(self) -> bool {
        !matches!(
            self,
            Category::Idiom
                | Category::Negation
                | Category::ThirdPerson
                | Category::FirstPerson
                | Category::Past
                | Category::Fiction
                | Category::Study
                | Category::Humour
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub problem: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}: {}", self.file, self.line, self.problem)
    }
}

impl std::error::Error for LexiconError {}

#[derive(Debug, Clone)]
pub struct Entry {
    pub category: Category,
    /// English: words (with `*` and `~`). Korean: the phrase without spaces.
    pub words: Vec<String>,
}

pub fn parse(file: &str, text: &str) -> Result<Vec<Entry>, LexiconError> {
    let mut out = vec![];
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let err = |problem: String| LexiconError {
            file: file.to_string(),
            line: i + 1,
            problem,
        };
        let Some((cat, phrase)) = line.split_once('\t') else {
            return Err(err("expected a category, a tab, then a phrase".into()));
        };
        let category = Category::parse(cat.trim())
            .ok_or_else(|| err(format!("unknown category '{}'", cat.trim())))?;
        let words: Vec<String> = phrase
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        if words.is_empty() || words.iter().all(|w| w == "~") {
            return Err(err("the phrase is empty".into()));
        }
        if words.first().is_some_and(|w| w == "~") || words.last().is_some_and(|w| w == "~") {
            return Err(err("'~' may only stand between words".into()));
        }
        out.push(Entry { category, words });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_named() {
        let e = parse("x.tsv", "# ok\nideation\tkill myself\nfeelings\tsad\n").unwrap_err();
        assert_eq!(
            (e.line, e.problem.as_str()),
            (3, "unknown category 'feelings'")
        );
        assert_eq!(parse("x.tsv", "ideation kill myself").unwrap_err().line, 1);
        assert!(parse("x.tsv", "plan\t~ go").is_err());
        assert_eq!(
            parse("x.tsv", "ideation\tKill   Myself # note").unwrap()[0].words,
            ["kill", "myself"]
        );
    }
}

//! The member's safety plan: the six Stanley–Brown steps and reasons for living.
//! Member-owned; the care team sees it only through the safety-plan consent scope.

use serde::{Deserialize, Serialize};

pub const MAX_ENTRIES: usize = 20;
pub const MAX_ENTRY_CHARS: usize = 500;

/// Someone the member can ask for help (step 4). A phone number is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Helper {
    pub name: String,
    #[serde(default)]
    pub phone: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SafetyPlan {
    /// Step 1: thoughts, moods, situations that tell me a crisis may be coming.
    pub warning_signs: Vec<String>,
    /// Step 2: things I can do on my own to take my mind off my problems.
    pub coping: Vec<String>,
    /// Step 3: people and places that help me feel better or distract me.
    pub distractions: Vec<String>,
    /// Step 4: people I can ask for help.
    pub helpers: Vec<Helper>,
    /// Step 5: professionals and crisis lines I add myself (the care team and the
    /// practice's lines are shown beside them).
    pub professionals: Vec<String>,
    /// Step 6: making my surroundings safer.
    pub safer_surroundings: Vec<String>,
    /// My reasons for living.
    pub reasons: Vec<String>,
    /// Step 3 people and places picked from My circle (entry ids).
    pub circle_places: Vec<String>,
    /// Step 4 people picked from My circle (entry ids).
    pub circle_helpers: Vec<String>,
}

/// The list steps, in order, by a stable key used for form fields and translations.
pub const LIST_STEPS: [&str; 6] = [
    "warning_signs",
    "coping",
    "distractions",
    "professionals",
    "safer_surroundings",
    "reasons",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    pub field: String,
    pub problem: PlanProblem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanProblem {
    TooManyEntries,
    EntryTooLong,
    Phone,
    /// A phone number with nobody's name.
    HelperName,
}

impl SafetyPlan {
    pub fn list(&self, key: &str) -> &[String] {
        match key {
            "warning_signs" => &self.warning_signs,
            "coping" => &self.coping,
            "distractions" => &self.distractions,
            "professionals" => &self.professionals,
            "safer_surroundings" => &self.safer_surroundings,
            "reasons" => &self.reasons,
            _ => &[],
        }
    }

    pub fn list_mut(&mut self, key: &str) -> Option<&mut Vec<String>> {
        Some(match key {
            "warning_signs" => &mut self.warning_signs,
            "coping" => &mut self.coping,
            "distractions" => &mut self.distractions,
            "professionals" => &mut self.professionals,
            "safer_surroundings" => &mut self.safer_surroundings,
            "reasons" => &mut self.reasons,
            _ => return None,
        })
    }

    pub fn uses_circle_entry(&self, id: &str) -> bool {
        self.circle_places
            .iter()
            .chain(&self.circle_helpers)
            .any(|x| x == id)
    }

    /// Drops a circle entry that is being deleted, so the plan never points at it.
    pub fn forget_circle_entry(&mut self, id: &str) {
        self.circle_places.retain(|x| x != id);
        self.circle_helpers.retain(|x| x != id);
    }

    pub fn is_empty(&self) -> bool {
        LIST_STEPS.iter().all(|k| self.list(k).is_empty())
            && self.helpers.is_empty()
            && self.circle_places.is_empty()
            && self.circle_helpers.is_empty()
    }

    /// Every piece of the member's own words, for screening.
    pub fn texts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = LIST_STEPS
            .iter()
            .flat_map(|k| self.list(k).iter().map(String::as_str))
            .collect();
        out.extend(self.helpers.iter().map(|h| h.name.as_str()));
        out
    }

    /// The words that are new since `before`: re-saving a plan that names warning signs
    /// must not raise an alert each time, but a new entry is screened like any message.
    pub fn new_texts<'a>(&'a self, before: &SafetyPlan) -> Vec<&'a str> {
        let old = before.texts();
        self.texts()
            .into_iter()
            .filter(|t| !old.contains(t))
            .collect()
    }

    pub fn check(&self) -> Vec<PlanError> {
        let mut errs = vec![];
        let mut push = |field: &str, problem| {
            errs.push(PlanError {
                field: field.into(),
                problem,
            })
        };
        for k in LIST_STEPS {
            let l = self.list(k);
            if l.len() > MAX_ENTRIES {
                push(k, PlanProblem::TooManyEntries);
            }
            if l.iter().any(|e| e.chars().count() > MAX_ENTRY_CHARS) {
                push(k, PlanProblem::EntryTooLong);
            }
        }
        if self.helpers.len() > MAX_ENTRIES {
            push("helpers", PlanProblem::TooManyEntries);
        }
        for (i, h) in self.helpers.iter().enumerate() {
            if h.name.chars().count() > 120 {
                push(&format!("helper_name_{i}"), PlanProblem::EntryTooLong);
            }
            if h.name.trim().is_empty() && !h.phone.trim().is_empty() {
                push(&format!("helper_name_{i}"), PlanProblem::HelperName);
            }
            let phone_ok = h.phone.len() <= 32
                && h.phone
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'));
            if !phone_ok {
                push(&format!("helper_phone_{i}"), PlanProblem::Phone);
            }
        }
        errs
    }
}

/// One entry per line; blank lines and surrounding spaces dropped.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_new_words_are_screened_again() {
        let before = SafetyPlan {
            warning_signs: vec!["I stop answering messages".into()],
            ..Default::default()
        };
        let mut after = before.clone();
        after.warning_signs.push("I feel like a burden".into());
        after.helpers.push(Helper {
            name: "Sam".into(),
            phone: "555 0100".into(),
        });
        assert_eq!(
            after.new_texts(&before),
            vec!["I feel like a burden", "Sam"]
        );
        assert!(before.new_texts(&before).is_empty());
    }

    #[test]
    fn limits_are_named_by_field() {
        let p = SafetyPlan {
            coping: vec!["x".repeat(MAX_ENTRY_CHARS + 1)],
            helpers: vec![
                Helper {
                    name: "".into(),
                    phone: "555".into(),
                },
                Helper {
                    name: "Ana".into(),
                    phone: "call me".into(),
                },
            ],
            ..Default::default()
        };
        let fields: Vec<_> = p.check().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["coping", "helper_name_0", "helper_phone_1"]);
        assert_eq!(lines(" a \n\n b\r\n"), vec!["a", "b"]);
    }
}

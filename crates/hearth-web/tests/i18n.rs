//! Every message exists in English and Korean, and every key the code uses exists.

use std::collections::BTreeSet;
use std::path::Path;

fn ids(path: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    text.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_string()))
        .collect()
}

#[test]
fn english_and_korean_have_the_same_messages() {
    let en = ids("locales/en-US/main.ftl");
    let ko = ids("locales/ko/main.ftl");
    assert!(en.len() > 100);
    let missing_ko: Vec<_> = en.difference(&ko).collect();
    let extra_ko: Vec<_> = ko.difference(&en).collect();
    assert!(
        missing_ko.is_empty() && extra_ko.is_empty(),
        "missing in ko: {missing_ko:?}; only in ko: {extra_ko:?}"
    );
}

/// String literals that look like message ids in templates and Rust sources must exist.
#[test]
fn every_key_the_code_uses_exists() {
    let en = ids("locales/en-US/main.ftl");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    for dir in ["templates", "src", "src/pages", "src/api"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                files.push(p);
            }
        }
    }
    files.push(root.join("../hearth-core/src/password.rs"));
    let prefixes = [
        "error-",
        "nav-",
        "help-",
        "signin-",
        "invite-",
        "reset-",
        "register-",
        "profile-",
        "sessions-",
        "totp-",
        "care-",
        "consent-",
        "scope-",
        "clients-",
        "admin-",
        "role-",
        "field-",
        "audit-",
        "email-",
        "home-",
        "landing-",
        "done-",
        "card-",
        "plan-",
        "alert-",
        "alerts-",
        "crisis-line",
        "day-",
        "hint-",
        "circle-",
        "finding-",
        "step-",
        "measures-",
        "measure-",
        "community-",
        "dir-",
        "next-",
        "match-",
        "steps-",
        "referral-",
        "referrals-",
        "refer-",
    ];
    let mut missing = BTreeSet::new();
    let mut seen = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let parts: Vec<&str> = text.split('"').collect();
        for (i, lit) in parts.iter().enumerate().skip(1).step_by(2) {
            // HTML class names and ids, and problem types, share the shape but are not messages.
            let before = parts[i - 1];
            if ["class=", "id=", "aria-labelledby="]
                .iter()
                .any(|a| before.ends_with(a))
                || *lit == "totp-required"
            {
                continue;
            }
            if prefixes.iter().any(|p| lit.starts_with(p))
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !lit.ends_with('-')
            {
                seen += 1;
                // `done-*` keys and `*-desc` keys are built at run time from these stems.
                if !en.contains(*lit) && !en.contains(&format!("{lit}-desc")) {
                    missing.insert(format!(
                        "{lit} ({})",
                        f.file_name().unwrap().to_string_lossy()
                    ));
                }
            }
        }
    }
    assert!(seen > 150, "the scan found only {seen} keys");
    assert!(
        missing.is_empty(),
        "keys used but not in en-US/main.ftl: {missing:?}"
    );
}

#[test]
fn korean_is_really_korean() {
    let t = hearth_web::i18n::Tr(hearth_core::account::Language::Ko);
    for key in ["get-help-now", "signin-title", "consent-lead", "help-title"] {
        let v = t.get(key);
        assert!(
            v.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)),
            "{key} = {v}"
        );
    }
    assert!(t
        .with2("help-text-keyword", "keyword", "HOME", "number", "741741")
        .contains("741741"));
}

/// Keys built at run time from the safety net's fixed vocabularies.
#[test]
fn every_safety_net_word_has_a_message() {
    use hearth_core::safety::alerts::{Outcome, Source, Status};
    use hearth_core::safety::plan::LIST_STEPS;
    use hearth_core::safety::Level;
    let en = ids("locales/en-US/main.ftl");
    let mut keys = vec![];
    for l in [Level::None, Level::Low, Level::Moderate, Level::Severe] {
        keys.push(format!("alert-level-{}", l.as_str()));
    }
    for s in [Status::Open, Status::Acknowledged, Status::Resolved] {
        keys.push(format!("alert-status-{}", s.as_str()));
    }
    for s in [
        "safety_plan",
        "help_now",
        "checkin_note",
        "circle_note",
        "group_post",
    ] {
        assert!(Source::parse(s).is_some());
        keys.push(format!("alert-source-{}", s.replace('_', "-")));
    }
    for o in Outcome::ALL {
        keys.push(format!("alert-outcome-{}", o.as_str().replace('_', "-")));
    }
    for r in ["care_team", "on_call", "escalation"] {
        keys.push(format!("alert-reason-{}", r.replace('_', "-")));
    }
    for a in [
        "alert_raised",
        "alert_repeated",
        "alert_notified",
        "alert_escalated",
        "alert_acknowledged",
        "alert_resolved",
        "member_safe",
    ] {
        keys.push(format!("alert-event-{}", a.replace('_', "-")));
    }
    for s in LIST_STEPS {
        keys.push(format!("plan-step-{}", s.replace('_', "-")));
        keys.push(format!("plan-hint-{}", s.replace('_', "-")));
    }
    let missing: Vec<_> = keys.iter().filter(|k| !en.contains(*k)).collect();
    assert!(missing.is_empty(), "{missing:?}");
}

/// Keys built at run time from My circle's vocabularies and analysis rules.
#[test]
fn every_circle_word_and_finding_has_a_message() {
    use hearth_core::circle::analysis::analyse;
    use hearth_core::circle::*;
    let en = ids("locales/en-US/main.ftl");
    let mut keys = vec![];
    let dash = |s: &str| s.replace('_', "-");
    keys.extend(
        Kind::ALL
            .iter()
            .map(|v| format!("circle-kind-{}", dash(v.as_str()))),
    );
    keys.extend(
        Ring::ALL
            .iter()
            .map(|v| format!("circle-ring-{}", dash(v.as_str()))),
    );
    for v in SupportType::ALL {
        keys.push(format!("circle-support-{}", v.as_str()));
        keys.push(format!("circle-support-{}-prompt", v.as_str()));
    }
    keys.extend(
        Community::ALL
            .iter()
            .map(|v| format!("circle-community-{}", dash(v.as_str()))),
    );
    keys.extend(
        BeMyself::ALL
            .iter()
            .map(|v| format!("circle-be-myself-{}", dash(v.as_str()))),
    );
    keys.extend(
        Frequency::ALL
            .iter()
            .map(|v| format!("circle-frequency-{}", dash(v.as_str()))),
    );
    keys.extend(
        ContactMode::ALL
            .iter()
            .map(|v| format!("circle-mode-{}", dash(v.as_str()))),
    );
    keys.extend(
        KnownFor::ALL
            .iter()
            .map(|v| format!("circle-known-{}", dash(v.as_str()))),
    );
    keys.extend(
        Proximity::ALL
            .iter()
            .map(|v| format!("circle-proximity-{}", dash(v.as_str()))),
    );
    keys.extend((0..=MAX_LEVEL).map(|l| format!("circle-level-{l}")));
    for tone in ["gap", "notice", "strength"] {
        keys.push(format!("circle-tone-{tone}"));
    }
    // Every rule the analysis can produce (an empty circle and a busy one between them
    // fire all of them) has its sentence.
    let rules = [
        "support.missing",
        "support.single",
        "community.missing",
        "reciprocity.giving_more",
        "reciprocity.one_sided_giving",
        "reciprocity.one_sided_receiving",
        "strain.key_provider",
        "strain.not_myself",
        "quiet.overdue",
        "quality.inner_empty",
        "quality.inner_be_myself",
        "quality.inner_not_myself",
    ];
    for f in analyse(&[], chrono::NaiveDate::MIN).findings {
        assert!(rules.contains(&f.rule), "{} is not in this list", f.rule);
    }
    keys.extend(
        rules
            .iter()
            .map(|r| format!("finding-{}", r.replace(['.', '_'], "-"))),
    );
    let missing: Vec<_> = keys.iter().filter(|k| !en.contains(*k)).collect();
    assert!(missing.is_empty(), "{missing:?}");
}

/// Keys built at run time from Find community's fixed vocabularies.
#[test]
fn every_directory_word_has_a_message() {
    use hearth_core::circle::Community;
    use hearth_core::directory::schedule::DayPart;
    use hearth_core::directory::{Access, CostKind, Facilitation, Focus, Format, Participation};
    let en = ids("locales/en-US/main.ftl");
    let mut keys: Vec<String> = vec![];
    keys.extend(
        Community::ALL
            .iter()
            .map(|v| format!("dir-kind-{}", v.as_str())),
    );
    keys.extend(
        Format::ALL
            .iter()
            .map(|v| format!("dir-format-{}", v.as_str())),
    );
    keys.extend(
        Facilitation::ALL
            .iter()
            .map(|v| format!("dir-facilitation-{}", v.as_str())),
    );
    keys.extend(
        Focus::ALL
            .iter()
            .map(|v| format!("dir-focus-{}", v.as_str())),
    );
    keys.extend(
        CostKind::ALL
            .iter()
            .map(|v| format!("dir-cost-{}", v.as_str())),
    );
    keys.extend(
        Participation::ALL
            .iter()
            .map(|v| format!("dir-participation-{}", v.as_str())),
    );
    keys.extend(
        Access::ALL
            .iter()
            .map(|v| format!("dir-access-{}", v.as_str())),
    );
    keys.extend(
        DayPart::ALL
            .iter()
            .map(|v| format!("dir-time-{}", v.as_str())),
    );
    keys.extend(["mo", "tu", "we", "th", "fr", "sa", "su"].map(|d| format!("dir-day-{d}")));
    keys.extend(["en", "ko"].map(|l| format!("dir-language-{l}")));
    keys.extend(
        ["weekly", "fortnightly", "monthly", "once", "custom"]
            .map(|r| format!("community-repeat-{r}")),
    );
    keys.extend(["relevance", "distance", "next"].map(|s| format!("community-sort-{s}")));
    keys.extend(["added", "updated", "rejected"].map(|o| format!("community-import-{o}")));
    use hearth_core::directory::matching::{Barrier, Preference, WEIGHTS};
    keys.extend(
        Barrier::ALL
            .iter()
            .map(|b| format!("next-barrier-{}", b.as_str())),
    );
    keys.extend(
        Preference::ALL
            .iter()
            .map(|p| format!("next-prefer-{}", p.as_str())),
    );
    let reason = |id: &str| format!("match-{}", id.replace(['.', '_'], "-"));
    keys.extend(WEIGHTS.iter().map(|(id, _)| reason(id)));
    keys.extend(
        [
            "hard.registration",
            "hard.no_schedule",
            "hard.fee",
            "hard.language_unknown",
            "hard.far",
            "hard.speaking_expected",
            "hard.unverified",
            "hard.temporarily_closed",
        ]
        .map(reason),
    );
    use hearth_core::directory::referral::{Outcome, Status};
    keys.extend(
        Status::ALL
            .iter()
            .map(|s| format!("referral-status-{}", s.as_str().replace('_', "-"))),
    );
    keys.extend(
        Outcome::ALL
            .iter()
            .map(|o| format!("referral-outcome-{}", o.as_str().replace('_', "-"))),
    );
    keys.extend(
        [
            "accept",
            "decline",
            "went",
            "did_not_go",
            "keep_going",
            "finished",
            "not_for_me",
        ]
        .map(|a| format!("referrals-action-{}", a.replace('_', "-"))),
    );
    keys.extend(
        hearth_core::directory::ladder::ALL_KEYS
            .iter()
            .map(|k| format!("steps-step-{}", k.replace('_', "-"))),
    );
    let missing: Vec<_> = keys.iter().filter(|k| !en.contains(*k)).collect();
    assert!(missing.is_empty(), "{missing:?}");
}

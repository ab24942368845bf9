//! What Hearth sees in a circle. Every rule is written out in docs/my-circle.md in plain
//! words; the ids here (`Finding::rule`) are stable and appear in the API.
//!
//! "At least sometimes" means a support level of 2 or 3 (0 never, 1 rarely, 2 sometimes,
//! 3 almost always).

use super::{level_of, BeMyself, Community, Entry, Ring, SupportType};
use chrono::NaiveDate;
use serde::Serialize;

/// A provider gives a kind of support "at least sometimes".
pub const PROVIDES: u8 = 2;
/// Strain at or above this ("often") makes someone high-strain.
pub const HIGH_STRAIN: u8 = 2;
/// One-sided: what flows one way exceeds the other by this much, summed over the five types,
/// while the smaller side is at most 1.
pub const ONE_SIDED_GAP: u32 = 4;
/// Overall, giving exceeds receiving by this much (summed over everyone and every type).
pub const GIVING_MORE_OVERALL: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Something missing or at risk.
    Gap,
    /// Worth a look.
    Notice,
    /// Something that is going well.
    Strength,
}

/// The one suggested next step of a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Step {
    /// Think of one more person or place for this support.
    AddSupport { support: SupportType },
    /// Look for a community of this kind (a link into Find community once it exists).
    FindCommunity { community: Community },
    /// Send a two-line message to this entry.
    Message { entry: String },
    /// Find a small way to give something back to this entry.
    GiveBack { entry: String },
    /// Talk it through with someone you trust or your care team.
    TalkItThrough,
    /// Keep doing what works.
    Keep,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable id, e.g. `support.single`.
    pub rule: &'static str,
    pub tone: Tone,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support: Option<SupportType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<Community>,
    /// For counts and days, as the sentence needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<i64>,
    pub step: Step,
}

impl Finding {
    fn new(rule: &'static str, tone: Tone, step: Step) -> Finding {
        Finding {
            rule,
            tone,
            entry: None,
            support: None,
            community: None,
            number: None,
            step,
        }
    }
    fn entry(mut self, id: &str) -> Finding {
        self.entry = Some(id.to_string());
        self
    }
    /// What identifies a finding across two analyses, to see what changed.
    pub fn key(
        &self,
    ) -> (
        &'static str,
        Option<&str>,
        Option<SupportType>,
        Option<Community>,
    ) {
        (
            self.rule,
            self.entry.as_deref(),
            self.support,
            self.community,
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub support: SupportType,
    /// Ids of the entries that give this support at least sometimes.
    pub providers: Vec<String>,
    pub single_point_of_failure: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    pub coverage: Vec<Coverage>,
    pub communities_present: Vec<Community>,
    pub communities_missing: Vec<Community>,
    /// Support I give, summed over everyone and every type.
    pub given: u32,
    /// Support I receive, summed the same way.
    pub received: u32,
    /// Inner-circle entries with whom I can be myself.
    pub inner_be_myself: usize,
    pub findings: Vec<Finding>,
}

fn total(s: &super::Support) -> u32 {
    s.iter().map(|v| u32::from(v.unwrap_or(0))).sum()
}

fn answered(s: &super::Support) -> bool {
    s.iter().any(Option::is_some)
}

pub fn analyse(entries: &[Entry], today: NaiveDate) -> Analysis {
    let mut findings = vec![];

    // Per support type: who gives it at least sometimes; none, or only one, is a gap.
    let coverage: Vec<Coverage> = SupportType::ALL
        .iter()
        .map(|t| {
            let providers: Vec<String> = entries
                .iter()
                .filter(|e| level_of(&e.details.gives, *t) >= PROVIDES)
                .map(|e| e.id.clone())
                .collect();
            Coverage {
                support: *t,
                single_point_of_failure: providers.len() == 1,
                providers,
            }
        })
        .collect();
    for c in &coverage {
        let step = Step::AddSupport { support: c.support };
        match c.providers.len() {
            0 => {
                let mut f = Finding::new("support.missing", Tone::Gap, step);
                f.support = Some(c.support);
                findings.push(f);
            }
            1 => {
                let mut f = Finding::new("support.single", Tone::Gap, step).entry(&c.providers[0]);
                f.support = Some(c.support);
                findings.push(f);
            }
            _ => {}
        }
    }

    // The six kinds of community: which are present and which are missing.
    let present: Vec<Community> = Community::ALL
        .iter()
        .copied()
        .filter(|c| entries.iter().any(|e| e.kind.community() == Some(*c)))
        .collect();
    let missing: Vec<Community> = Community::ALL
        .iter()
        .copied()
        .filter(|c| !present.contains(c))
        .collect();
    for c in &missing {
        let mut f = Finding::new(
            "community.missing",
            Tone::Notice,
            Step::FindCommunity { community: *c },
        );
        f.community = Some(*c);
        findings.push(f);
    }

    // Reciprocity: overall, and relationships where support flows one way only.
    let given: u32 = entries.iter().map(|e| total(&e.details.receives)).sum();
    let received: u32 = entries.iter().map(|e| total(&e.details.gives)).sum();
    if given >= received + GIVING_MORE_OVERALL {
        let mut f = Finding::new("reciprocity.giving_more", Tone::Notice, Step::TalkItThrough);
        f.number = Some(i64::from(given - received));
        findings.push(f);
    }
    for e in entries {
        let d = &e.details;
        if !(answered(&d.gives) && answered(&d.receives)) {
            continue;
        }
        let (to_me, from_me) = (total(&d.gives), total(&d.receives));
        if from_me >= to_me + ONE_SIDED_GAP && to_me <= 1 {
            findings.push(
                Finding::new(
                    "reciprocity.one_sided_giving",
                    Tone::Notice,
                    Step::TalkItThrough,
                )
                .entry(&e.id),
            );
        } else if to_me >= from_me + ONE_SIDED_GAP
            && from_me <= 1
            && e.kind.community() != Some(Community::Professional)
        {
            // A professional's help is meant to flow one way; that is not a finding.
            findings.push(
                Finding::new(
                    "reciprocity.one_sided_receiving",
                    Tone::Notice,
                    Step::GiveBack {
                        entry: e.id.clone(),
                    },
                )
                .entry(&e.id),
            );
        }
    }

    // Strain: people I rely on who are also hard on me; places I cannot be myself.
    for e in entries {
        let d = &e.details;
        let key_provider = SupportType::ALL
            .iter()
            .any(|t| level_of(&d.gives, *t) >= PROVIDES);
        if key_provider && d.strain.is_some_and(|s| s >= HIGH_STRAIN) {
            findings.push(
                Finding::new("strain.key_provider", Tone::Gap, Step::TalkItThrough).entry(&e.id),
            );
        }
        if d.be_myself == Some(BeMyself::No) {
            findings.push(
                Finding::new("strain.not_myself", Tone::Notice, Step::TalkItThrough).entry(&e.id),
            );
        }
    }

    // Going quiet: last contact longer ago than the wished-for (or usual) frequency allows.
    for e in entries {
        let d = &e.details;
        let Some(last) = d.last_contact else { continue };
        let Some(gap) = d
            .contact_wished
            .or(d.contact_now)
            .and_then(|f| f.max_gap_days())
        else {
            continue;
        };
        let days = (today - last).num_days();
        if days > gap {
            let mut f = Finding::new(
                "quiet.overdue",
                Tone::Notice,
                Step::Message {
                    entry: e.id.clone(),
                },
            )
            .entry(&e.id);
            f.number = Some(days);
            findings.push(f);
        }
    }

    // Quality over quantity: the inner circle, and being myself there.
    let inner: Vec<&Entry> = entries.iter().filter(|e| e.ring == Ring::Inner).collect();
    let inner_be_myself = inner
        .iter()
        .filter(|e| e.details.be_myself == Some(BeMyself::Yes))
        .count();
    if inner.is_empty() {
        findings.push(Finding::new(
            "quality.inner_empty",
            Tone::Gap,
            Step::AddSupport {
                support: SupportType::Emotional,
            },
        ));
    } else if inner_be_myself > 0 {
        let mut f = Finding::new("quality.inner_be_myself", Tone::Strength, Step::Keep);
        f.number = Some(inner_be_myself as i64);
        findings.push(f);
    } else if inner.iter().all(|e| e.details.be_myself.is_some()) {
        findings.push(Finding::new(
            "quality.inner_not_myself",
            Tone::Gap,
            Step::TalkItThrough,
        ));
    }

    findings.sort_by_key(|f| f.tone);
    Analysis {
        coverage,
        communities_present: present,
        communities_missing: missing,
        given,
        received,
        inner_be_myself,
        findings,
    }
}

/// What changed between an earlier circle and now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// (name, from, to)
    pub moved: Vec<(String, Ring, Ring)>,
    /// Findings that appeared since then.
    pub new_findings: Vec<Finding>,
    /// Findings that are gone since then.
    pub resolved_findings: Vec<Finding>,
}

pub fn changes(before: &[Entry], after: &[Entry], today: NaiveDate, then: NaiveDate) -> Changes {
    let find = |list: &[Entry], id: &str| list.iter().find(|e| e.id == id).cloned();
    let mut c = Changes::default();
    for e in after {
        match find(before, &e.id) {
            None => c.added.push(e.name.clone()),
            Some(old) if old.ring != e.ring => c.moved.push((e.name.clone(), old.ring, e.ring)),
            _ => {}
        }
    }
    for e in before {
        if find(after, &e.id).is_none() {
            c.removed.push(e.name.clone());
        }
    }
    let a_then = analyse(before, then);
    let a_now = analyse(after, today);
    c.new_findings = a_now
        .findings
        .iter()
        .filter(|f| !a_then.findings.iter().any(|g| g.key() == f.key()))
        .cloned()
        .collect();
    c.resolved_findings = a_then
        .findings
        .iter()
        .filter(|f| !a_now.findings.iter().any(|g| g.key() == f.key()))
        .cloned()
        .collect();
    c
}

#[cfg(test)]
mod tests {
    use super::super::{Details, Frequency, Kind};
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn e(id: &str, kind: Kind, ring: Ring) -> Entry {
        Entry {
            id: id.into(),
            name: id.to_uppercase(),
            kind,
            ring,
            details: Details::default(),
            note: None,
        }
    }

    fn rules(a: &Analysis) -> Vec<(&'static str, Option<String>)> {
        a.findings
            .iter()
            .map(|f| (f.rule, f.entry.clone()))
            .collect()
    }

    #[test]
    fn an_empty_circle_has_every_gap() {
        let a = analyse(&[], day(25));
        assert_eq!(
            a.findings
                .iter()
                .filter(|f| f.rule == "support.missing")
                .count(),
            5
        );
        assert_eq!(a.communities_missing.len(), 6);
        assert!(a.findings.iter().any(|f| f.rule == "quality.inner_empty"));
    }

    #[test]
    fn one_provider_is_a_single_point_of_failure() {
        let mut dana = e("dana", Kind::Friend, Ring::Inner);
        dana.details.gives = [Some(3), Some(1), None, None, None];
        let mut sam = e("sam", Kind::Family, Ring::Middle);
        sam.details.gives = [Some(2), Some(2), None, None, None];
        let a = analyse(&[dana.clone()], day(25));
        let f = a
            .findings
            .iter()
            .find(|f| f.rule == "support.single")
            .unwrap();
        assert_eq!(
            (f.support, f.entry.as_deref()),
            (Some(SupportType::Emotional), Some("dana"))
        );
        assert!(a.coverage[0].single_point_of_failure);
        // "Rarely" (1) is not a provider.
        assert!(a
            .findings
            .iter()
            .any(|f| f.rule == "support.missing" && f.support == Some(SupportType::Practical)));
        let a = analyse(&[dana, sam], day(25));
        assert_eq!(a.coverage[0].providers.len(), 2);
        assert!(!a.coverage[0].single_point_of_failure);
        assert!(a
            .findings
            .iter()
            .any(|f| f.rule == "support.single" && f.support == Some(SupportType::Practical)));
    }

    #[test]
    fn communities_present_and_missing() {
        let a = analyse(
            &[
                e("g", Kind::PeerSupportGroup, Ring::Middle),
                e("t", Kind::TherapyGroup, Ring::Outer),
            ],
            day(25),
        );
        assert_eq!(
            a.communities_present,
            vec![Community::Professional, Community::PeerSupport]
        );
        assert!(a.communities_missing.contains(&Community::Faith));
        let f = a
            .findings
            .iter()
            .find(|f| f.community == Some(Community::Activity))
            .unwrap();
        assert_eq!(
            f.step,
            Step::FindCommunity {
                community: Community::Activity
            }
        );
    }

    #[test]
    fn reciprocity_one_sided_and_overall() {
        let mut mum = e("mum", Kind::Family, Ring::Inner);
        mum.details.receives = [Some(3), Some(3), Some(1), None, None];
        mum.details.gives = [Some(0), Some(1), None, None, None];
        let mut coach = e("coach", Kind::ActivityGroup, Ring::Outer);
        coach.details.gives = [None, None, Some(3), Some(2), None];
        coach.details.receives = [Some(0), None, None, None, None];
        let unanswered = e("new", Kind::Friend, Ring::Outer);
        let mut therapist = e("therapist", Kind::Professional, Ring::Middle);
        therapist.details.gives = [Some(3), None, Some(3), None, None];
        therapist.details.receives = [Some(0), None, None, None, None];
        let a = analyse(&[mum, coach, unanswered, therapist], day(25));
        let r = rules(&a);
        assert!(r.contains(&("reciprocity.one_sided_giving", Some("mum".into()))));
        assert!(r.contains(&("reciprocity.one_sided_receiving", Some("coach".into()))));
        assert!(
            !r.iter().any(|(_, e)| e.as_deref() == Some("new")),
            "no answers, no judgement"
        );
        assert!(
            !r.iter()
                .any(|(x, e)| x.starts_with("reciprocity") && e.as_deref() == Some("therapist")),
            "professional help flows one way"
        );
        assert_eq!((a.given, a.received), (7, 12));
        assert!(!r.iter().any(|(x, _)| *x == "reciprocity.giving_more"));
        let mut p = e("p", Kind::Partner, Ring::Inner);
        p.details.receives = [Some(3), Some(3), Some(3), Some(3), Some(3)];
        p.details.gives = [Some(3), Some(3), None, None, None];
        let a = analyse(&[p], day(25));
        let f = a
            .findings
            .iter()
            .find(|f| f.rule == "reciprocity.giving_more")
            .unwrap();
        assert_eq!(f.number, Some(9));
    }

    #[test]
    fn strain_on_key_providers_and_not_being_myself() {
        let mut dad = e("dad", Kind::Family, Ring::Inner);
        dad.details.gives = [None, Some(3), None, None, None];
        dad.details.strain = Some(2);
        let mut work = e("work", Kind::WorkOrSchool, Ring::Middle);
        work.details.strain = Some(3);
        work.details.be_myself = Some(BeMyself::No);
        let r = rules(&analyse(&[dad, work], day(25)));
        assert!(r.contains(&("strain.key_provider", Some("dad".into()))));
        assert!(
            !r.contains(&("strain.key_provider", Some("work".into()))),
            "strain alone is not a provider's strain"
        );
        assert!(r.contains(&("strain.not_myself", Some("work".into()))));
    }

    #[test]
    fn connections_going_quiet() {
        let mut ana = e("ana", Kind::Friend, Ring::Middle);
        ana.details.contact_wished = Some(Frequency::Weekly);
        ana.details.last_contact = Some(day(14));
        let mut bo = e("bo", Kind::Friend, Ring::Middle);
        bo.details.contact_now = Some(Frequency::Monthly);
        bo.details.last_contact = Some(day(1));
        let mut cy = e("cy", Kind::Friend, Ring::Outer);
        cy.details.contact_wished = Some(Frequency::Rarely);
        cy.details.last_contact = NaiveDate::from_ymd_opt(2020, 1, 1);
        let a = analyse(&[ana, bo, cy], day(25));
        let quiet: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.rule == "quiet.overdue")
            .collect();
        assert_eq!(quiet.len(), 1);
        assert_eq!(
            (quiet[0].entry.as_deref(), quiet[0].number),
            (Some("ana"), Some(11))
        );
        assert_eq!(
            quiet[0].step,
            Step::Message {
                entry: "ana".into()
            }
        );
    }

    #[test]
    fn quality_over_quantity_and_order() {
        let mut a1 = e("a", Kind::Partner, Ring::Inner);
        a1.details.be_myself = Some(BeMyself::Yes);
        let a = analyse(&[a1.clone()], day(25));
        let f = a
            .findings
            .iter()
            .find(|f| f.rule == "quality.inner_be_myself")
            .unwrap();
        assert_eq!((f.tone, f.number), (Tone::Strength, Some(1)));
        assert_eq!(
            a.findings.last().unwrap().tone,
            Tone::Strength,
            "gaps first, strengths last"
        );
        a1.details.be_myself = Some(BeMyself::Sometimes);
        assert!(analyse(&[a1], day(25))
            .findings
            .iter()
            .any(|f| f.rule == "quality.inner_not_myself"));
    }

    #[test]
    fn what_changed_since_then() {
        let dana = e("dana", Kind::Friend, Ring::Middle);
        let mut closer = dana.clone();
        closer.ring = Ring::Inner;
        let group = e("group", Kind::PeerSupportGroup, Ring::Outer);
        let c = changes(&[dana], &[closer, group], day(25), day(1));
        assert_eq!(c.added, vec!["GROUP"]);
        assert_eq!(
            c.moved,
            vec![("DANA".to_string(), Ring::Middle, Ring::Inner)]
        );
        assert!(c
            .resolved_findings
            .iter()
            .any(|f| f.rule == "quality.inner_empty"));
        assert!(c
            .resolved_findings
            .iter()
            .any(|f| f.community == Some(Community::PeerSupport)));
    }
}

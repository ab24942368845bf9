//! My circle: the people, groups and communities a member counts on, in the convoy model's
//! three circles, with the kinds of support that flow each way. Pure: storage and pages
//! live in the other crates. What Hearth reads in a circle is in `analysis`; where each
//! entry sits on the map is in `map`.

pub mod analysis;
pub mod map;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

word_enum!(
    /// What an entry is to the member.
    Kind {
        Household = "household",
        Partner = "partner",
        Family = "family",
        ChosenFamily = "chosen_family",
        Friend = "friend",
        WorkOrSchool = "work_or_school",
        Neighbour = "neighbour",
        Professional = "professional",
        TherapyGroup = "therapy_group",
        PeerSupportGroup = "peer_support_group",
        FaithCommunity = "faith_community",
        ActivityGroup = "activity_group",
        OnlineCommunity = "online_community",
        Other = "other",
    }
);

word_enum!(
    /// The convoy model's circles: inner (hard to imagine life without), middle, outer.
    Ring {
        Inner = "inner",
        Middle = "middle",
        Outer = "outer",
    }
);

word_enum!(
    /// The five kinds of support Hearth asks about (clinical.md §A4).
    SupportType {
        Emotional = "emotional",
        Practical = "practical",
        Informational = "informational",
        Esteem = "esteem",
        Belonging = "belonging",
    }
);

word_enum!(
    /// The six kinds of community the practice works with.
    Community {
        Professional = "professional",
        PeerSupport = "peer_support",
        Faith = "faith",
        Activity = "activity",
        Online = "online",
        FamilyFriends = "family_friends",
    }
);

word_enum!(
    BeMyself {
        Yes = "yes",
        Sometimes = "sometimes",
        No = "no",
    }
);

word_enum!(
    Frequency {
        Daily = "daily",
        Weekly = "weekly",
        Monthly = "monthly",
        FewTimesAYear = "few_times_a_year",
        Rarely = "rarely",
    }
);

word_enum!(
    ContactMode {
        InPerson = "in_person",
        Phone = "phone",
        Video = "video",
        Text = "text",
        Email = "email",
        Online = "online",
    }
);

word_enum!(
    KnownFor {
        UnderAYear = "under_a_year",
        OneToFiveYears = "one_to_five_years",
        OverFiveYears = "over_five_years",
    }
);

word_enum!(
    Proximity {
        SameHome = "same_home",
        Walking = "walking",
        SameCity = "same_city",
        Far = "far",
        OnlineOnly = "online_only",
    }
);

impl Kind {
    /// Which of the six communities an entry of this kind counts toward, if any.
    pub fn community(self) -> Option<Community> {
        match self {
            Kind::Household
            | Kind::Partner
            | Kind::Family
            | Kind::ChosenFamily
            | Kind::Friend
            | Kind::Neighbour => Some(Community::FamilyFriends),
            Kind::Professional | Kind::TherapyGroup => Some(Community::Professional),
            Kind::PeerSupportGroup => Some(Community::PeerSupport),
            Kind::FaithCommunity => Some(Community::Faith),
            Kind::ActivityGroup => Some(Community::Activity),
            Kind::OnlineCommunity => Some(Community::Online),
            Kind::WorkOrSchool | Kind::Other => None,
        }
    }
}

impl Frequency {
    /// The longest gap, in days, that still counts as keeping to this frequency.
    /// `None`: "rarely" never goes quiet.
    pub fn max_gap_days(self) -> Option<i64> {
        match self {
            Frequency::Daily => Some(3),
            Frequency::Weekly => Some(10),
            Frequency::Monthly => Some(40),
            Frequency::FewTimesAYear => Some(150),
            Frequency::Rarely => None,
        }
    }
}

/// 0 never … 3 almost always, per support type (index = `SupportType::ALL` order).
pub type Support = [Option<u8>; 5];

pub const MAX_LEVEL: u8 = 3;
pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_NOTE_CHARS: usize = 1000;
pub const MAX_ENTRIES: usize = 500;

/// Everything about one entry except who owns it and when it was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    /// Private to the member.
    pub name: String,
    pub kind: Kind,
    pub ring: Ring,
    #[serde(flatten)]
    pub details: Details,
    /// A short private note, screened like all member text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The optional answers, which can come later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Details {
    /// Support they give me.
    pub gives: Support,
    /// Support I give them.
    pub receives: Support,
    pub strain: Option<u8>,
    pub be_myself: Option<BeMyself>,
    pub contact_now: Option<Frequency>,
    pub contact_wished: Option<Frequency>,
    pub last_contact: Option<NaiveDate>,
    pub modes: Vec<ContactMode>,
    pub known_for: Option<KnownFor>,
    pub proximity: Option<Proximity>,
    /// "I could reach them in a crisis": offered to the safety plan.
    pub crisis_contact: bool,
    pub phone: Option<String>,
}

pub fn level_of(s: &Support, t: SupportType) -> u8 {
    let i = SupportType::ALL.iter().position(|x| *x == t).unwrap_or(0);
    s[i].unwrap_or(0)
}

/// Why one field of an entry is not acceptable. `field` names the form field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryError {
    pub field: &'static str,
    pub problem: Problem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong,
    OutOfRange,
    Phone,
    FutureDate,
}

pub const GIVES_FIELDS: [&str; 5] = [
    "gives_emotional",
    "gives_practical",
    "gives_informational",
    "gives_esteem",
    "gives_belonging",
];
pub const RECEIVES_FIELDS: [&str; 5] = [
    "receives_emotional",
    "receives_practical",
    "receives_informational",
    "receives_esteem",
    "receives_belonging",
];

impl Entry {
    pub fn check(&self, today: NaiveDate) -> Vec<EntryError> {
        let mut errs = vec![];
        let mut push = |field, problem| errs.push(EntryError { field, problem });
        if self.name.trim().is_empty() {
            push("name", Problem::Required);
        } else if self.name.chars().count() > MAX_NAME_CHARS {
            push("name", Problem::TooLong);
        }
        if self
            .note
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS)
        {
            push("note", Problem::TooLong);
        }
        let d = &self.details;
        for (i, v) in d.gives.iter().enumerate() {
            if v.is_some_and(|v| v > MAX_LEVEL) {
                push(GIVES_FIELDS[i], Problem::OutOfRange);
            }
        }
        for (i, v) in d.receives.iter().enumerate() {
            if v.is_some_and(|v| v > MAX_LEVEL) {
                push(RECEIVES_FIELDS[i], Problem::OutOfRange);
            }
        }
        if d.strain.is_some_and(|v| v > MAX_LEVEL) {
            push("strain", Problem::OutOfRange);
        }
        if d.last_contact.is_some_and(|l| l > today) {
            push("last_contact", Problem::FutureDate);
        }
        if let Some(p) = &d.phone {
            let ok = p.len() <= 32
                && p.chars().any(|c| c.is_ascii_digit())
                && p.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'));
            if !ok {
                push("phone", Problem::Phone);
            }
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_kinds_map_to_communities() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(*k));
            // Pages label a word by its index (`i18n::Labels`).
            assert_eq!(Kind::ALL[crate::Words::index(*k)], *k);
        }
        for p in Proximity::ALL {
            assert_eq!(Proximity::ALL[crate::Words::index(*p)], *p);
        }
        assert_eq!(Kind::ALL.len(), 14);
        assert_eq!(
            Kind::TherapyGroup.community(),
            Some(Community::Professional)
        );
        assert_eq!(
            Kind::ChosenFamily.community(),
            Some(Community::FamilyFriends)
        );
        assert_eq!(Kind::WorkOrSchool.community(), None);
        let every: std::collections::BTreeSet<_> =
            Kind::ALL.iter().filter_map(|k| k.community()).collect();
        assert_eq!(
            every.len(),
            Community::ALL.len(),
            "every community is reachable"
        );
    }

    #[test]
    fn an_entry_needs_only_a_name_and_a_circle() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut e = Entry {
            id: "a".into(),
            name: "Dana".into(),
            kind: Kind::Other,
            ring: Ring::Inner,
            details: Details::default(),
            note: None,
        };
        assert!(e.check(today).is_empty());
        e.name = " ".into();
        e.details.gives[1] = Some(4);
        e.details.last_contact = NaiveDate::from_ymd_opt(2026, 12, 1);
        e.details.phone = Some("call".into());
        let fields: Vec<_> = e.check(today).iter().map(|x| x.field).collect();
        assert_eq!(
            fields,
            vec!["name", "gives_practical", "last_contact", "phone"]
        );
    }
}

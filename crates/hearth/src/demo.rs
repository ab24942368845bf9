//! The demo practice: fictional people with believable data for every feature that exists.
//! Extend this whenever a feature lands.

use anyhow::{anyhow, Result};
use diesel::Connection;
use hearth_core::account::Language;
use hearth_core::care::{Consent, Scope};
use hearth_core::roles::Role;
use hearth_core::settings::PracticeSettings;
use hearth_store::users::{self, NewUser};
use hearth_store::{audit, care, db, settings, tokens};

pub const PASSWORD: &str = "quiet harbour lantern";
pub const ADMIN_EMAIL: &str = "admin@demo.hearth.test";

struct Person {
    email: &'static str,
    name: &'static str,
    roles: &'static [Role],
    lang: Language,
    pronouns: Option<&'static str>,
    legal: Option<&'static str>,
    tz: &'static str,
}

const PEOPLE: &[Person] = &[
    Person {
        email: ADMIN_EMAIL,
        name: "Alex (practice admin)",
        roles: &[Role::Admin],
        lang: Language::En,
        pronouns: Some("they/them"),
        legal: Some("Alex Morgan"),
        tz: "America/New_York",
    },
    Person {
        email: "dr.kim@demo.hearth.test",
        name: "Dr. Seo-yeon Kim",
        roles: &[Role::Clinician],
        lang: Language::Ko,
        pronouns: Some("she/her"),
        legal: Some("김서연"),
        tz: "Asia/Seoul",
    },
    Person {
        email: "jordan.reyes@demo.hearth.test",
        name: "Jordan Reyes, LCSW",
        roles: &[Role::Clinician, Role::Facilitator],
        lang: Language::En,
        pronouns: Some("he/him"),
        legal: Some("Jordan Reyes"),
        tz: "America/New_York",
    },
    Person {
        email: "sam.okafor@demo.hearth.test",
        name: "Sam (peer facilitator)",
        roles: &[Role::Facilitator, Role::Member],
        lang: Language::En,
        pronouns: None,
        legal: Some("Samuel Okafor"),
        tz: "America/Chicago",
    },
    Person {
        email: "river@demo.hearth.test",
        name: "River",
        roles: &[Role::Member],
        lang: Language::En,
        pronouns: Some("they/them"),
        legal: Some("River Thompson"),
        tz: "America/New_York",
    },
    Person {
        email: "minjun@demo.hearth.test",
        name: "민준",
        roles: &[Role::Member],
        lang: Language::Ko,
        pronouns: None,
        legal: Some("이민준"),
        tz: "Asia/Seoul",
    },
    Person {
        email: "priya@demo.hearth.test",
        name: "Priya",
        roles: &[Role::Member],
        lang: Language::En,
        pronouns: Some("she/her"),
        legal: Some("Priya Nair"),
        tz: "America/Los_Angeles",
    },
    Person {
        email: "tomas@demo.hearth.test",
        name: "Tomás",
        roles: &[Role::Member],
        lang: Language::En,
        pronouns: Some("he/him"),
        legal: Some("Tomás Alvarez"),
        tz: "America/Chicago",
    },
    Person {
        email: "hana@demo.hearth.test",
        name: "하나",
        roles: &[Role::Member],
        lang: Language::Ko,
        pronouns: None,
        legal: Some("박하나"),
        tz: "Asia/Seoul",
    },
    Person {
        email: "eli@demo.hearth.test",
        name: "Eli",
        roles: &[Role::Member],
        lang: Language::En,
        pronouns: Some("he/they"),
        legal: None,
        tz: "America/New_York",
    },
    Person {
        email: "grace@demo.hearth.test",
        name: "Grace",
        roles: &[Role::Member],
        lang: Language::En,
        pronouns: Some("she/her"),
        legal: Some("Grace Whitfield"),
        tz: "Europe/London",
    },
    Person {
        email: "noah@demo.hearth.test",
        name: "Noah",
        roles: &[Role::Member],
        lang: Language::En,
        pronouns: None,
        legal: Some("Noah Bennett"),
        tz: "America/Denver",
    },
];

/// Who has not accepted their invitation yet, to show the invitations page.
const PENDING: &str = "noah@demo.hearth.test";

/// (clinician, member, accepted, shared scopes)
const LINKS: &[(&str, &str, bool, &[Scope])] = &[
    (
        "dr.kim@demo.hearth.test",
        "minjun@demo.hearth.test",
        true,
        &[Scope::Circle, Scope::Checkins, Scope::SafetyAlerts],
    ),
    (
        "dr.kim@demo.hearth.test",
        "hana@demo.hearth.test",
        true,
        &[Scope::Measures, Scope::SafetyPlan, Scope::SafetyAlerts],
    ),
    (
        "jordan.reyes@demo.hearth.test",
        "river@demo.hearth.test",
        true,
        &[
            Scope::Circle,
            Scope::Checkins,
            Scope::Measures,
            Scope::SafetyPlan,
            Scope::SafetyAlerts,
        ],
    ),
    (
        "jordan.reyes@demo.hearth.test",
        "priya@demo.hearth.test",
        true,
        &[Scope::SafetyAlerts],
    ),
    (
        "jordan.reyes@demo.hearth.test",
        "tomas@demo.hearth.test",
        false,
        &[],
    ),
    (
        "dr.kim@demo.hearth.test",
        "grace@demo.hearth.test",
        true,
        &[Scope::Groups, Scope::SafetyAlerts],
    ),
];

/// Seeds the demo practice unless it is already there. Returns (who, email) sign-ins.
pub fn seed(url: &str) -> Result<Vec<(String, String)>> {
    let mut conn = db::establish(url).map_err(|e| anyhow!("{e}"))?;
    let signins: Vec<(String, String)> = PEOPLE
        .iter()
        .filter(|p| p.email != PENDING)
        .map(|p| {
            (
                format!(
                    "{} ({})",
                    p.name,
                    p.roles
                        .iter()
                        .map(|r| r.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                p.email.to_string(),
            )
        })
        .collect();
    if users::email_taken(&mut conn, ADMIN_EMAIL).map_err(|e| anyhow!("{e}"))? {
        return Ok(signins);
    }
    let hash = hearth_web::accounts::hash_password(PASSWORD);
    conn.transaction(|c| {
        let mut ids = std::collections::HashMap::new();
        for p in PEOPLE {
            let pw = (p.email != PENDING).then_some(hash.as_str());
            let u = users::create(
                c,
                NewUser {
                    email: p.email,
                    display_name: p.name,
                    password_hash: pw,
                    roles: p.roles,
                    language: p.lang,
                },
            )?;
            users::update_profile(
                c,
                &u.id,
                users::Profile {
                    display_name: p.name,
                    legal_name: p.legal,
                    pronouns: p.pronouns,
                    language: p.lang,
                    time_zone: p.tz,
                },
            )?;
            ids.insert(p.email, u.id);
        }
        let admin = ids[ADMIN_EMAIL].clone();
        tokens::issue(c, &ids[PENDING], tokens::Purpose::Invitation, Some(&admin))?;
        audit::record(
            c,
            Some(&admin),
            audit::Action::InvitationCreated,
            Some(&ids[PENDING]),
            None,
            Some("member"),
        )?;
        for (clin, member, accepted, scopes) in LINKS {
            let link = care::invite(c, &ids[clin], &ids[member], &ids[clin])?;
            audit::record(
                c,
                Some(&ids[clin]),
                audit::Action::CareInvited,
                Some(&ids[member]),
                None,
                Some(&link.id),
            )?;
            if *accepted {
                care::accept(c, &link.id)?;
                care::set_consent(c, &link.id, &Consent::from_scopes(scopes))?;
                audit::record(
                    c,
                    Some(&ids[member]),
                    audit::Action::CareAccepted,
                    Some(&ids[member]),
                    None,
                    Some(&link.id),
                )?;
            }
        }
        let s = PracticeSettings {
            practice_name: "Willow Street Counselling (demo)".into(),
            ..Default::default()
        };
        settings::save(c, &s)?;
        Ok::<_, diesel::result::Error>(())
    })
    .map_err(|e| anyhow!("could not create the demo practice: {e}"))?;
    Ok(signins)
}

//! The demo practice: fictional people with believable data for every feature that exists.
//! Extend this whenever a feature lands.

use anyhow::{anyhow, Result};
use diesel::Connection;
use hearth_core::account::Language;
use hearth_core::care::{Consent, Scope};
use hearth_core::circle::{BeMyself, Details, Entry, Frequency, Kind, Ring};
use hearth_core::roles::Role;
use hearth_core::safety::alerts::{Outcome, Source};
use hearth_core::safety::plan::{Helper, SafetyPlan};
use hearth_core::safety::Level;
use hearth_core::settings::PracticeSettings;
use hearth_store::users::{self, NewUser};
use hearth_store::{alerts, audit, care, circle, db, safety_plans, settings, tokens, DbConn};
use std::collections::HashMap;

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
            region: "US".into(),
            time_zone: "America/New_York".into(),
            public_directory: true,
            // 14 Willow Street, Brooklyn: "near the practice" in Find community.
            location: Some(hearth_core::directory::Point {
                lat: 40.6988,
                lon: -73.9953,
            }),
            on_call: vec![
                ids["jordan.reyes@demo.hearth.test"].clone(),
                ids["dr.kim@demo.hearth.test"].clone(),
            ],
            ..Default::default()
        };
        settings::save(c, &s)?;
        seed_safety(c, &ids, &s)?;
        Ok::<_, diesel::result::Error>(())
    })
    .map_err(|e| anyhow!("could not create the demo practice: {e}"))?;
    Ok(signins)
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Safety plans for three members, an alert that is open now and one that was resolved.
fn seed_safety(
    c: &mut DbConn,
    ids: &HashMap<&str, String>,
    s: &PracticeSettings,
) -> diesel::QueryResult<()> {
    let now = hearth_store::now();
    let river = SafetyPlan {
        warning_signs: strings(&[
            "I stop replying to messages",
            "Sleeping past noon for days in a row",
            "Thinking nobody would notice if I left the group",
        ]),
        coping: strings(&[
            "A long walk by the river",
            "Sketching",
            "Loud music and a shower",
        ]),
        distractions: strings(&[
            "The climbing gym on Tuesdays",
            "The library café",
            "My cousin Dana's place",
        ]),
        helpers: vec![Helper {
            name: "Marcus from the Tuesday group".into(),
            phone: String::new(),
        }],
        professionals: strings(&["My GP, Dr. Patel: 555-0100"]),
        safer_surroundings: strings(&["Ask Dana to keep my spare medication for now"]),
        reasons: strings(&[
            "My dog, Pepper",
            "Finishing the mural",
            "My little sister's graduation in June",
        ]),
        ..Default::default()
    };
    let river_circle = seed_circle(c, &ids["river@demo.hearth.test"], RIVER_CIRCLE, now)?;
    let river = SafetyPlan {
        // Dana is both in the circle and reachable in a crisis; the climbing gym helps.
        circle_helpers: vec![river_circle[0].clone()],
        circle_places: vec![river_circle[4].clone()],
        ..river
    };
    safety_plans::save(c, &ids["river@demo.hearth.test"], &river, now)?;
    seed_checkins(c, &ids["river@demo.hearth.test"], &river_circle, now, 70)?;
    seed_checkins(c, &ids["priya@demo.hearth.test"], &[], now, 20)?;
    seed_measures(c, &ids["river@demo.hearth.test"], now)?;
    seed_circle(c, &ids["minjun@demo.hearth.test"], MINJUN_CIRCLE, now)?;
    seed_circle(c, &ids["priya@demo.hearth.test"], PRIYA_CIRCLE, now)?;
    seed_directory(c, now)?;
    let hana = SafetyPlan {
        warning_signs: strings(&["잠을 거의 못 잔다", "사람들을 피하게 된다"]),
        coping: strings(&["따뜻한 차 마시기", "산책하기"]),
        distractions: strings(&["동네 도서관", "언니 집"]),
        helpers: vec![Helper {
            name: "지은 언니".into(),
            phone: "010-5555-0199".into(),
        }],
        professionals: vec![],
        safer_surroundings: strings(&["약은 언니에게 맡겨 두기"]),
        reasons: strings(&["고양이 보리", "다시 그림 그리기"]),
        ..Default::default()
    };
    safety_plans::save(c, &ids["hana@demo.hearth.test"], &hana, now)?;
    let priya = SafetyPlan {
        warning_signs: strings(&["Skipping meals", "Cancelling plans last minute"]),
        coping: strings(&["Call my sister", "Bake something"]),
        ..Default::default()
    };
    safety_plans::save(c, &ids["priya@demo.hearth.test"], &priya, now)?;

    // River: an alert three days ago, acknowledged and resolved by Jordan.
    let jordan = &ids["jordan.reyes@demo.hearth.test"];
    let river_id = &ids["river@demo.hearth.test"];
    let then = now - chrono::Duration::days(3);
    if let Some(id) = hearth_web::safety::record_signal(
        c,
        s,
        river_id,
        Level::Moderate,
        Source::SafetyPlan,
        then,
        None,
    )? {
        let ack = then + chrono::Duration::minutes(12);
        alerts::acknowledge(c, &id, jordan, ack)?;
        alerts::resolve(
            c,
            &id,
            jordan,
            Outcome::ReachedOut,
            Some("Called River; we moved Thursday's session up and reviewed the plan together."),
            ack + chrono::Duration::minutes(40),
        )?;
        for (action, detail) in [
            (audit::Action::AlertAcknowledged, format!("alert={id}")),
            (
                audit::Action::AlertResolved,
                format!("alert={id} outcome=reached_out"),
            ),
        ] {
            audit::record(c, Some(jordan), action, Some(river_id), None, Some(&detail))?;
        }
    }
    // Priya: an alert raised twenty minutes ago, waiting for Jordan.
    hearth_web::safety::record_signal(
        c,
        s,
        &ids["priya@demo.hearth.test"],
        Level::Moderate,
        Source::SafetyPlan,
        now - chrono::Duration::minutes(20),
        None,
    )?;
    // Old email for the demo's past alert is not worth sending on first start.
    diesel::RunQueryDsl::execute(
        diesel::update(hearth_store::schema::jobs::table)
            .filter(diesel::ExpressionMethods::lt(
                hearth_store::schema::jobs::run_at,
                now - chrono::Duration::days(1),
            ))
            .set(diesel::ExpressionMethods::eq(
                hearth_store::schema::jobs::done_at,
                Some(now),
            )),
        c,
    )?;
    Ok(())
}

/// (name, kind, ring, gives, receives, strain, be myself, wished contact, days since contact,
/// reachable in a crisis, phone)
type Seed = (
    &'static str,
    Kind,
    Ring,
    [u8; 5],
    [u8; 5],
    u8,
    BeMyself,
    Frequency,
    i64,
    bool,
    &'static str,
);

const RIVER_CIRCLE: &[Seed] = &[
    (
        "Dana (cousin)",
        Kind::Family,
        Ring::Inner,
        [3, 2, 1, 3, 2],
        [2, 1, 0, 2, 2],
        0,
        BeMyself::Yes,
        Frequency::Weekly,
        3,
        true,
        "555-0142",
    ),
    (
        "Mum",
        Kind::Family,
        Ring::Inner,
        [1, 3, 1, 0, 1],
        [3, 3, 1, 1, 1],
        2,
        BeMyself::Sometimes,
        Frequency::Weekly,
        5,
        false,
        "",
    ),
    (
        "Jordan Reyes (therapist)",
        Kind::Professional,
        Ring::Middle,
        [3, 0, 3, 3, 0],
        [0, 0, 0, 0, 0],
        0,
        BeMyself::Yes,
        Frequency::Weekly,
        6,
        false,
        "",
    ),
    (
        "Marcus",
        Kind::Friend,
        Ring::Middle,
        [2, 1, 2, 2, 3],
        [2, 1, 1, 2, 3],
        0,
        BeMyself::Yes,
        Frequency::Weekly,
        19,
        false,
        "",
    ),
    (
        "Climbing gym crew",
        Kind::ActivityGroup,
        Ring::Outer,
        [0, 0, 1, 1, 3],
        [0, 0, 1, 1, 2],
        0,
        BeMyself::Yes,
        Frequency::Weekly,
        2,
        false,
        "",
    ),
    (
        "Work team",
        Kind::WorkOrSchool,
        Ring::Outer,
        [0, 1, 2, 1, 1],
        [1, 2, 1, 1, 1],
        3,
        BeMyself::No,
        Frequency::Daily,
        1,
        false,
        "",
    ),
];

const MINJUN_CIRCLE: &[Seed] = &[
    (
        "누나",
        Kind::Family,
        Ring::Inner,
        [3, 2, 2, 2, 2],
        [2, 1, 1, 2, 2],
        1,
        BeMyself::Yes,
        Frequency::Weekly,
        4,
        true,
        "010-5555-0101",
    ),
    (
        "대학 동기 지훈",
        Kind::Friend,
        Ring::Middle,
        [2, 0, 1, 2, 3],
        [2, 0, 1, 2, 3],
        0,
        BeMyself::Yes,
        Frequency::Monthly,
        52,
        false,
        "",
    ),
    (
        "온라인 보드게임 모임",
        Kind::OnlineCommunity,
        Ring::Outer,
        [1, 0, 1, 1, 3],
        [1, 0, 1, 1, 2],
        0,
        BeMyself::Sometimes,
        Frequency::Weekly,
        2,
        false,
        "",
    ),
];

const PRIYA_CIRCLE: &[Seed] = &[
    (
        "My sister Asha",
        Kind::Family,
        Ring::Inner,
        [3, 3, 2, 2, 2],
        [1, 1, 1, 1, 2],
        1,
        BeMyself::Yes,
        Frequency::Daily,
        1,
        true,
        "555-0177",
    ),
    (
        "Temple Sunday group",
        Kind::FaithCommunity,
        Ring::Middle,
        [1, 1, 1, 2, 3],
        [1, 1, 0, 1, 2],
        0,
        BeMyself::Sometimes,
        Frequency::Weekly,
        9,
        false,
        "",
    ),
];

/// Seeds one member's circle; returns the new ids in the order given.
fn seed_circle(
    c: &mut DbConn,
    member: &str,
    seeds: &[Seed],
    now: chrono::NaiveDateTime,
) -> diesel::QueryResult<Vec<String>> {
    let today = now.date();
    let mut ids = vec![];
    for (name, kind, ring, gives, receives, strain, be, wished, days, crisis, phone) in seeds {
        let e = Entry {
            id: String::new(),
            name: name.to_string(),
            kind: *kind,
            ring: *ring,
            details: Details {
                gives: gives.map(Some),
                receives: receives.map(Some),
                strain: Some(*strain),
                be_myself: Some(*be),
                contact_wished: Some(*wished),
                last_contact: Some(today - chrono::Duration::days(*days)),
                crisis_contact: *crisis,
                phone: (!phone.is_empty()).then(|| phone.to_string()),
                ..Default::default()
            },
            note: None,
        };
        ids.push(circle::insert(c, member, &e, now)?);
    }
    circle::changed(c, member, now)?;
    Ok(ids)
}

/// About three check-ins a week over `days`, gently improving, with a quiet stretch (no
/// filling in, no guilt). Deterministic, so the demo looks the same every time.
fn seed_checkins(
    c: &mut DbConn,
    member: &str,
    people: &[String],
    now: chrono::NaiveDateTime,
    days: i64,
) -> diesel::QueryResult<()> {
    for back in (0..days).rev() {
        if back % 7 == 1 || back % 7 == 3 || back % 7 == 5 || (20..26).contains(&back) {
            continue;
        }
        let at = now - chrono::Duration::days(back) - chrono::Duration::hours(3);
        let trend = ((days - back) * 2 / days) as u8; // 0 → 2 over the span
        let wobble = ((back * 7) % 3) as u8;
        let c1 = hearth_core::checkin::Checkin {
            mood: (2 + trend + wobble / 2).min(5),
            energy: (1 + trend + wobble).clamp(1, 5),
            connectedness: (2 + trend + (back % 2) as u8).min(5),
            note: None,
            connected_with: people.iter().take((back % 3) as usize).cloned().collect(),
        };
        hearth_store::checkins::insert(c, member, &c1, at, at.date())?;
    }
    Ok(())
}

/// River's PHQ-9 and GAD-7 every two weeks: a reliable improvement and a recovery to see.
fn seed_measures(
    c: &mut DbConn,
    member: &str,
    now: chrono::NaiveDateTime,
) -> diesel::QueryResult<()> {
    let all = hearth_core::measures::builtin();
    let find = |id: &str| all.iter().find(|i| i.id == id).expect("shipped");
    let series: [(&str, [&[u8]; 5]); 2] = [
        (
            "phq9",
            [
                &[2, 2, 2, 2, 2, 2, 1, 1, 0],
                &[2, 2, 2, 2, 1, 2, 1, 1, 0],
                &[1, 2, 2, 1, 1, 1, 1, 1, 0],
                &[1, 1, 1, 1, 1, 1, 1, 0, 0],
                &[1, 1, 1, 1, 0, 1, 1, 0, 0],
            ],
        ),
        (
            "gad7",
            [
                &[2, 2, 2, 2, 1, 1, 1],
                &[2, 2, 1, 2, 1, 1, 1],
                &[1, 2, 1, 1, 1, 1, 1],
                &[1, 1, 1, 1, 1, 1, 0],
                &[1, 1, 1, 1, 0, 1, 0],
            ],
        ),
    ];
    for (id, rounds) in series {
        let inst = find(id);
        for (k, answers) in rounds.iter().enumerate() {
            let answers: Vec<Option<u8>> = answers.iter().map(|a| Some(*a)).collect();
            let score = hearth_core::measures::score(inst, &answers).expect("valid demo answers");
            let at = now - chrono::Duration::days(14 * (4 - k as i64)) - chrono::Duration::hours(5);
            hearth_store::measures::insert(c, member, id, &answers, &score, at)?;
        }
        hearth_store::measures::set_schedule(c, member, id, 14, member, now)?;
    }
    Ok(())
}

/// Ten fictional groups around the practice, checked by staff a month ago except the last
/// two, which show on the review list.
fn seed_directory(c: &mut DbConn, now: chrono::NaiveDateTime) -> diesel::QueryResult<()> {
    let list: Vec<hearth_core::directory::Resource> =
        serde_json::from_str(include_str!("demo_directory.json"))
            .expect("the demo directory parses");
    let n = list.len();
    for (i, mut r) in list.into_iter().enumerate() {
        debug_assert!(r.problems().is_empty(), "{}: {:?}", r.name, r.problems());
        if i + 2 < n {
            r.verified = Some(hearth_core::directory::Verified {
                on: now.date() - chrono::Duration::days(30),
                by: "Jordan Reyes".into(),
            });
        }
        hearth_store::directory::create(c, &r, now)?;
    }
    Ok(())
}

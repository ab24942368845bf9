//! Find community search over the API on both databases: each filter, text in English and
//! Korean, distance, "meets within N days" (also once the stored next meeting has passed),
//! sorting, bad input named field by field, and who may search.

mod common;

use axum::http::{Method, StatusCode};
use common::TestApp;
use hearth_core::roles::Role;
use hearth_web::directory::{import, Format, ImportOptions};
use serde_json::{json, Value};

fn attrs(codes: &[&str]) -> Value {
    Value::Array(
        codes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                json!({"id": format!("a{i}"), "taxonomy_term": {"id": format!("t{i}"), "code": c, "name": c, "description": "", "taxonomy": "hearth"}})
            })
            .collect(),
    )
}

fn place(name: &str, lat: f64, lon: f64) -> Value {
    json!([{"id": format!("sal-{name}"), "location": {"id": format!("loc-{name}"), "location_type": "physical", "name": name, "latitude": lat, "longitude": lon,
        "addresses": [{"id": format!("ad-{name}"), "address_1": "1 Main", "city": name, "state_province": "", "postal_code": "", "country": "KR", "address_type": "physical"}]}}])
}

/// Four resources with known answers to every filter.
fn fixture(in_30_days: &str) -> Value {
    json!([
        {"id": "A", "name": "Willow Grief Circle", "status": "active", "description": "애도 모임: a quiet circle for loss.",
         "languages": [{"id": "l", "code": "ko"}], "cost_options": [{"id": "c", "amount": 0}],
         "service_at_locations": place("Seoul", 37.5665, 126.9780),
         "schedules": [{"id": "s", "freq": "WEEKLY", "byday": "TU", "dtstart": "2026-01-06", "opens_at": "19:00", "closes_at": "20:30", "timezone": 9}],
         "attributes": attrs(&["kind:peer_support", "focus:grief", "access:childcare", "access:step_free", "participation:listening_welcome"])},
        {"id": "B", "name": "Harbour Anxiety Group", "status": "active", "description": "Professionally led.",
         "languages": [{"id": "l1", "code": "en"}, {"id": "l2", "code": "ko"}], "cost_options": [{"id": "c", "amount": 20000, "currency": "KRW"}],
         "service_at_locations": [place("Busan", 35.1796, 129.0756)[0].clone(), {"id": "v", "location": {"id": "lv", "location_type": "virtual", "url": "https://meet.example.org/b"}}],
         "schedules": [{"id": "s", "dtstart": in_30_days, "opens_at": "10:00", "closes_at": "11:00", "timezone": 9}],
         "attributes": attrs(&["kind:professional", "focus:anxiety", "participation:camera_optional"])},
        {"id": "C", "name": "Night Owls Online", "status": "active", "description": "For sleepless evenings.",
         "languages": [{"id": "l", "code": "en"}], "cost_options": [{"id": "c", "amount": 0}],
         "service_at_locations": [{"id": "v", "location": {"id": "lv", "location_type": "virtual", "url": "https://meet.example.org/c"}}],
         "schedules": [{"id": "s", "freq": "WEEKLY", "byday": "WE", "dtstart": "2026-01-07", "opens_at": "22:00", "closes_at": "23:00", "timezone": 0}],
         "attributes": attrs(&["kind:online", "focus:depression", "participation:camera_optional", "participation:listening_welcome"])},
        {"id": "D", "name": "Retired Choir", "status": "inactive", "description": "grief anxiety",
         "attributes": attrs(&["kind:activity", "focus:grief"])}
    ])
}

/// The fixture as of now: B's one meeting is 30 days away.
fn fixture_now(app: &TestApp) -> Value {
    let in_30 = (app.state.now() + chrono::Duration::days(30))
        .format("%Y-%m-%d")
        .to_string();
    fixture(&in_30)
}

/// Imports an HSDS document as the source `hsds`.
async fn import_doc(app: &TestApp, doc: &Value) -> hearth_web::directory::Report {
    let now = app.state.now();
    let bytes = serde_json::to_vec(doc).unwrap();
    let opt = ImportOptions {
        format: Format::HsdsJson,
        source: "hsds".into(),
        default_tz: "Asia/Seoul".into(),
        today: now.date(),
        dry_run: false,
    };
    app.state
        .db(move |c| Ok(import(c, &bytes, &opt, now).unwrap()))
        .await
        .unwrap()
}

async fn load(app: &TestApp) {
    let report = import_doc(app, &fixture_now(app)).await;
    assert_eq!((report.added, report.rejected), (4, 0), "{report:?}");
}

/// The source ids (A–D) of the results, in order.
async fn names(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let r = app
        .api(
            Method::GET,
            &format!("/api/v1/resources?{query}"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.body);
    r.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            x["name"]
                .as_str()
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

async fn every_filter_on_its_own(app: TestApp) {
    load(&app).await;
    app.user("m@example.org", &[Role::Member]).await;
    let t = app.token("m@example.org").await;
    let cases: &[(&str, &[&str])] = &[
        ("", &["Harbour", "Night", "Willow"]),
        ("q=grief", &["Willow"]),
        ("q=gri", &["Willow"]),
        ("q=%EC%95%A0%EB%8F%84", &["Willow"]), // 애도
        ("q=quiet%20loss", &["Willow"]),
        ("q=nothing-here", &[]),
        ("kind=professional", &["Harbour"]),
        ("kind=professional,online", &["Harbour", "Night"]),
        ("format=online", &["Harbour", "Night"]),
        ("format=in_person", &["Harbour", "Willow"]),
        ("focus=grief,anxiety", &["Harbour", "Willow"]),
        ("language=ko", &["Harbour", "Willow"]),
        ("cost=free", &["Night", "Willow"]),
        ("cost=fee", &["Harbour"]),
        ("access=childcare&access=step_free", &["Willow"]),
        ("access=childcare,interpretation", &[]),
        ("participation=camera_optional", &["Harbour", "Night"]),
        (
            "participation=camera_optional,listening_welcome",
            &["Night"],
        ),
        ("day=tu", &["Willow"]),
        ("time=night", &["Night"]),
        ("day=mo,we&time=evening,night", &["Night"]),
        ("within_days=7", &["Night", "Willow"]),
        ("within_days=45", &["Harbour", "Night", "Willow"]),
        ("lat=37.5663&lon=126.9779&radius_km=5", &["Willow"]),
        (
            "lat=37.5663&lon=126.9779&radius_km=400",
            &["Harbour", "Willow"],
        ),
        (
            "lat=35.18&lon=129.07&radius_km=400&sort=distance",
            &["Harbour", "Willow"],
        ),
        (
            "q=group&format=in_person&language=en&lat=35.18&lon=129.07&radius_km=10",
            &["Harbour"],
        ),
        ("per_page=2&page=2", &["Willow"]),
    ];
    for (q, want) in cases {
        let mut got = names(&app, &t, q).await;
        if !q.contains("sort=") && !q.contains("page=") {
            got.sort();
        }
        assert_eq!(&got, want, "query {q:?}");
    }

    // Soonest first: both weekly groups come before the one 30 days away; which weekly one
    // leads depends on today's weekday.
    let next = names(&app, &t, "sort=next&within_days=45").await;
    assert_eq!(next.len(), 3);
    assert_eq!(next[2], "Harbour", "{next:?}");
    // A group with no meeting times comes after every group that meets, on both databases.
    let now = app.state.now();
    app.state
        .db(move |c| {
            let r = hearth_core::directory::Resource::named("Aardvark Letters");
            Ok(hearth_store::directory::create(c, &r, now)?)
        })
        .await
        .unwrap();
    let next = names(&app, &t, "sort=next").await;
    assert_eq!(next.len(), 4, "{next:?}");
    assert_eq!(
        (next[2].as_str(), next[3].as_str()),
        ("Harbour", "Aardvark")
    );
    assert_eq!(
        names(&app, &t, "sort=next&per_page=1&page=4").await,
        vec!["Aardvark"]
    );

    // A stored next meeting that has passed is recomputed, not trusted.
    app.state.advance_clock(chrono::Duration::days(8));
    let mut got = names(&app, &t, "within_days=7").await;
    got.sort();
    assert_eq!(got, vec!["Night", "Willow"]);

    // Results carry distance, the next meeting in the caller's zone, and the record.
    let r = app
        .api(
            Method::GET,
            "/api/v1/resources?lat=37.5663&lon=126.9779&radius_km=5",
            Some(&t),
            None,
        )
        .await
        .json();
    let hit = &r["results"][0];
    assert!(hit["distance_km"].as_f64().unwrap() < 0.1);
    assert!(hit["next_meeting"].as_str().unwrap().ends_with("+00:00"));
    assert_eq!(hit["details"]["focus"], json!(["grief"]));
    assert_eq!(r["total"], 1);

    // One resource; an inactive one and an unknown id are not found.
    let id = hit["id"].as_str().unwrap();
    let one = app
        .api(
            Method::GET,
            &format!("/api/v1/resources/{id}"),
            Some(&t),
            None,
        )
        .await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.json()["name"], "Willow Grief Circle");
    assert_eq!(one.json()["needs_review"], true);
    let missing = app
        .api(Method::GET, "/api/v1/resources/nope", Some(&t), None)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.content_type(), "application/problem+json");
}

async fn bad_filters_are_named_and_strangers_are_refused(app: TestApp) {
    load(&app).await;
    app.user("m@example.org", &[Role::Member]).await;
    let t = app.token("m@example.org").await;
    let r = app
        .api(
            Method::GET,
            "/api/v1/resources?kind=club&lat=100&lon=0&within_days=0&radius_km=100000",
            Some(&t),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/problem+json");
    let body = r.json();
    let listed: Vec<String> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, vec!["kind", "within_days", "lat"]);
    assert!(r.body.contains("latitude is −90 to 90"), "{}", r.body);
    let none = app.api(Method::GET, "/api/v1/resources", None, None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
}

both_backends!(
    every_filter_on_its_own,
    bad_filters_are_named_and_strangers_are_refused
);

/// "Find my next step" over the API: reasons by stable id, hard limits, gaps from the
/// member's own circle, and answers that cannot be read.
async fn matches_explain_themselves(app: TestApp) {
    load(&app).await;
    app.user("m@example.org", &[Role::Member]).await;
    let t = app.token("m@example.org").await;
    let get = |q: &str| {
        let q = q.to_string();
        let app = &app;
        let t = t.clone();
        async move {
            let r = app
                .api(
                    Method::GET,
                    &format!("/api/v1/me/matches?{q}"),
                    Some(&t),
                    None,
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.body);
            r.json()
        }
    };
    // An empty circle misses every kind: each group fills a gap, and says which.
    let all = get("").await;
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "the inactive one never shows: {names:?}");
    for m in all.as_array().unwrap() {
        assert_eq!(m["reasons"][0]["id"], "fills_gap", "{m}");
        assert!(!m["reasons"][0]["text"].as_str().unwrap().is_empty());
    }
    // Meeting new people is hard and money is tight: the fee group is out, and the
    // listening-welcome ones say so.
    let m = get("barrier=meeting_new_people,cost&focus=grief").await;
    let list = m.as_array().unwrap();
    assert!(
        list.iter().all(|x| x["name"] != "Harbour Anxiety Group"),
        "a fee is a hard limit here"
    );
    let willow = list
        .iter()
        .find(|x| x["name"] == "Willow Grief Circle")
        .unwrap();
    let ids: Vec<&str> = willow["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"focus")
            && ids.contains(&"barrier.meeting_new_people.listening_welcome")
            && ids.contains(&"barrier.cost.free"),
        "{ids:?}"
    );
    assert_eq!(
        list[0]["name"], "Willow Grief Circle",
        "focus and fit put it first"
    );
    // Only online, no faith: the in-person one is out.
    let m = get("prefer=online&faith=no").await;
    let names: Vec<&str> = m
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert!(!names.contains(&"Willow Grief Circle"), "{names:?}");
    // Not knowing where to start: one clear first pick.
    let m = get("barrier=not_knowing_where_to_start").await;
    assert_eq!(m[0]["first_pick"], true);
    assert_eq!(m[1]["first_pick"], false);
    // Once the circle has a peer-support group, that gap is no longer a reason.
    app.state
        .db(|c| {
            let who = hearth_store::users::find_by_email(c, "m@example.org")?.unwrap();
            let e = hearth_core::circle::Entry {
                id: String::new(),
                name: "Tuesday group".into(),
                kind: hearth_core::circle::Kind::PeerSupportGroup,
                ring: hearth_core::circle::Ring::Middle,
                details: Default::default(),
                note: None,
            };
            hearth_store::circle::insert(c, &who.id, &e, hearth_store::now())?;
            Ok(())
        })
        .await
        .unwrap();
    let m = get("").await;
    let willow = m
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "Willow Grief Circle")
        .unwrap();
    assert_ne!(
        willow["reasons"].get(0).map(|r| r["id"].clone()),
        Some(json!("fills_gap"))
    );
    // Answers it cannot read are named.
    let r = app
        .api(
            Method::GET,
            "/api/v1/me/matches?barrier=dragons&prefer=boat",
            Some(&t),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"barrier\"") && r.body.contains("\"prefer\""));
}

both_backends!(matches_explain_themselves);

/// Importing the same source again updates each record in place: new words and traits
/// are searchable, the old ones are gone, and a check made in Hearth is kept.
async fn reimporting_updates_in_place_and_keeps_checks(app: TestApp) {
    load(&app).await;
    app.user("m@example.org", &[Role::Member]).await;
    let t = app.token("m@example.org").await;
    let now = app.state.now();
    let today = now.date();
    let a = app
        .state
        .db(move |c| {
            let all = hearth_store::directory::all(c)?;
            let mut a = all.into_iter().find(|s| s.key.source_id == "A").unwrap();
            a.resource.verified = Some(hearth_core::directory::Verified {
                on: today,
                by: "s@example.org".into(),
            });
            hearth_store::directory::update(c, &a.id, &a.resource, now)?;
            Ok(a.id)
        })
        .await
        .unwrap();

    let mut doc = fixture_now(&app);
    doc[0]["name"] = json!("Cedar Loss Circle");
    doc[0]["attributes"] = attrs(&["kind:peer_support", "focus:trauma"]);
    let report = import_doc(&app, &doc).await;
    assert_eq!(
        (report.added, report.updated, report.rejected),
        (0, 4, 0),
        "{report:?}"
    );
    assert_eq!(
        report.lines[0].id.as_deref(),
        Some(a.as_str()),
        "same record"
    );
    assert_eq!(names(&app, &t, "q=cedar").await, vec!["Cedar"]);
    assert!(
        names(&app, &t, "q=willow").await.is_empty(),
        "old words gone"
    );
    assert_eq!(names(&app, &t, "focus=trauma").await, vec!["Cedar"]);
    let mut grief = names(&app, &t, "focus=grief").await;
    grief.sort();
    assert!(
        !grief.contains(&"Cedar".to_string()),
        "old trait gone: {grief:?}"
    );
    let kept = app
        .state
        .db(move |c| Ok(hearth_store::directory::get(c, &a)?.unwrap()))
        .await
        .unwrap();
    assert_eq!(kept.resource.verified.unwrap().by, "s@example.org");
}

both_backends!(reimporting_updates_in_place_and_keeps_checks);

//! Measures over HTTP on both databases: taking PHQ-9 with bad input kept, the result with
//! its band and change, item 9 going to the safety net, Korean marked as a working
//! translation, instruments without text hidden, and the API.

mod common;

use axum::http::{Method, StatusCode};
use common::TestApp;
use hearth_core::roles::Role;
use serde_json::json;

fn answers(v: &[u8]) -> Vec<(String, String)> {
    v.iter()
        .enumerate()
        .map(|(i, a)| (format!("item_{}", i + 1), a.to_string()))
        .collect()
}

/// Checks a Bundle of QuestionnaireResponses against HL7's FHIR R4 JSON Schema (the part it
/// uses: testdata/fhir-r4/SOURCE.md), and that the check would catch a wrong status code.
fn assert_fhir_r4(bundle: &serde_json::Value) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/fhir-r4/bundle-of-questionnaire-responses.schema.json"
    );
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::draft6::new(&schema).expect("the FHIR schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(bundle)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "not valid FHIR R4: {errors:#?}");
    let mut wrong = bundle.clone();
    wrong["entry"][0]["resource"]["status"] = json!("done");
    assert!(!validator.is_valid(&wrong), "a status FHIR does not define");
}

async fn post(app: &TestApp, cookie: &str, path: &str, pairs: &[(String, String)]) -> common::Res {
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    app.post_form(path, Some(cookie), &refs).await
}

async fn phq9_take_see_change_and_safety(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    app.user("admin@x.test", &[Role::Admin]).await;
    let ana = app.signin("ana@x.test").await;
    let list = app.get("/measures", Some(&ana)).await;
    for name in ["PHQ-9", "GAD-7", "WHO-5", "PHQ-2", "GAD-2"] {
        assert!(list.body.contains(name), "{name} offered");
    }
    assert!(!list.body.contains("UCLA"), "no item text, not offered");
    assert_eq!(
        app.get("/measures/ucla3", Some(&ana)).await.status,
        StatusCode::NOT_FOUND
    );
    let form = app.get("/measures/phq9", Some(&ana)).await;
    assert!(form
        .body
        .contains("Little interest or pleasure in doing things"));
    assert!(form.body.contains("Nearly every day"));
    assert!(form.body.contains("Pfizer"), "attribution shown");

    // Two items skipped: incomplete, every missing item named, the answers kept.
    let mut a = answers(&[2, 2, 2, 2, 2, 2, 2, 0, 0]);
    a.retain(|(k, _)| k != "item_3" && k != "item_8");
    let r = post(&app, &ana, "/measures/phq9", &a).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-item_3\"") && r.body.contains("href=\"#f-item_8\""));
    assert!(r
        .body
        .contains("id=\"item_1-2\" name=\"item_1\" value=\"2\" checked"));
    let r = post(
        &app,
        &ana,
        "/measures/phq9",
        &answers(&[2, 2, 7, 2, 2, 2, 2, 0, 0]),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-item_3\""));

    let r = post(
        &app,
        &ana,
        "/measures/phq9",
        &answers(&[2, 2, 2, 2, 2, 2, 2, 0, 0]),
    )
    .await;
    assert_eq!(r.location(), "/measures/phq9/results?done=measure-saved");
    let page = app.get("/measures/phq9/results", Some(&ana)).await;
    assert!(page.body.contains("Score: 14") && page.body.contains("Moderate"));
    // One item may be skipped: prorated.
    let mut a = answers(&[1, 1, 1, 1, 1, 1, 2, 0, 0]);
    a.retain(|(k, _)| k != "item_8");
    post(&app, &ana, "/measures/phq9", &a).await;
    let page = app.get("/measures/phq9/results", Some(&ana)).await;
    assert!(
        page.body.contains("Score: 9"),
        "8 answers summing 8, prorated to 9"
    );
    assert!(page.body.contains("-5 · no reliable change"));
    post(
        &app,
        &ana,
        "/measures/phq9",
        &answers(&[1, 1, 1, 1, 1, 1, 1, 0, 0]),
    )
    .await;
    let page = app.get("/measures/phq9/results", Some(&ana)).await;
    assert!(page.body.contains("class=\"trend-dot\""));
    assert_eq!(page.body.matches("<tr><td>").count(), 3);

    // Item 9 above 0 goes to the safety net, its level by the answer.
    let r = post(
        &app,
        &ana,
        "/measures/phq9",
        &answers(&[0, 0, 0, 0, 0, 0, 0, 0, 3]),
    )
    .await;
    assert_eq!(
        r.location(),
        "/measures/phq9/results?done=measure-saved&card=severe#support"
    );
    let m = member.clone();
    let alert = app
        .state
        .db(move |c| Ok(hearth_store::alerts::latest_unresolved(c, &m)?))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (alert.level.as_str(), alert.source.as_str()),
        ("severe", "measure")
    );

    // Schedule every 14 days; the list says when it is next due.
    let r = app
        .post_form(
            "/measures/phq9/schedule",
            Some(&ana),
            &[("every_days", "14")],
        )
        .await;
    assert_eq!(r.location(), "/measures?done=saved");
    assert!(app
        .get("/measures", Some(&ana))
        .await
        .body
        .contains("every 14 days"));
}

async fn korean_is_marked_as_a_working_translation(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    app.post_form("/lang", Some(&ana), &[("lang", "ko"), ("back", "/")])
        .await;
    let form = app.get("/measures/gad7", Some(&ana)).await;
    assert!(form.body.contains("작업용 번역"));
    assert!(
        !form.body.contains("Feeling nervous, anxious, or on edge"),
        "items in Korean"
    );
}

async fn measures_api(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let t = app.token("ana@x.test").await;
    let list = app
        .api(Method::GET, "/api/v1/instruments", Some(&t), None)
        .await
        .json();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["phq9", "phq2", "gad7", "gad2", "who5"]);
    let post =
        |b: serde_json::Value| app.api(Method::POST, "/api/v1/me/measures", Some(&t), Some(b));
    let r = post(json!({"instrument": "bdi", "answers": [1]})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "instrument");
    let r = post(json!({"instrument": "gad7", "answers": [1, 1]})).await;
    assert_eq!(r.json()["errors"][0]["field"], "answers");
    let r = post(json!({"instrument": "gad7", "answers": [1, 1, 1, 9, 1, 1, 1]})).await;
    assert_eq!(r.json()["errors"][0]["field"], "item_4");
    let r = post(json!({"instrument": "who5", "answers": [3, 3, 2, 2, 2]})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let b = r.json();
    assert_eq!(
        (b["total"].as_f64(), b["percent"].as_f64()),
        (Some(12.0), Some(48.0))
    );
    assert_eq!(b["band"], "Low wellbeing (below 52%)");
    let r = post(json!({"instrument": "phq9", "answers": [2, 2, 2, 2, 2, null, 2, 2, 1]})).await;
    let b = r.json();
    assert_eq!(
        (b["total"].as_f64(), b["prorated"].as_bool()),
        (Some(17.0), Some(true))
    );
    assert_eq!(b["flags"]["safety_item"], true);
    assert_eq!(b["card"], "moderate");
    let mine = app
        .api(
            Method::GET,
            "/api/v1/me/measures?instrument=phq9",
            Some(&t),
            None,
        )
        .await
        .json();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let bad = app
        .api(
            Method::GET,
            "/api/v1/me/measures?instrument=nope",
            Some(&t),
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn a_member_downloads_their_own_data(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    app.user("bo@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    let bo = app.signin("bo@x.test").await;
    app.post_form(
        "/circle",
        Some(&ana),
        &[
            ("name", "=Dana, \"D\""),
            ("ring", "inner"),
            ("kind", "friend"),
        ],
    )
    .await;
    app.post_form(
        "/circle",
        Some(&bo),
        &[("name", "Bo's secret friend"), ("ring", "inner")],
    )
    .await;
    app.post_form(
        "/checkin",
        Some(&ana),
        &[("mood", "4"), ("energy", "3"), ("connectedness", "2")],
    )
    .await;
    post(
        &app,
        &ana,
        "/measures/phq9",
        &answers(&[2, 2, 2, 2, 2, 2, 2, 0, 0]),
    )
    .await;
    post(&app, &ana, "/measures/who5", &answers(&[3, 3, 2, 2, 2])).await;

    let page = app.get("/account/export", Some(&ana)).await;
    assert_eq!(page.status, StatusCode::OK);
    let json = app.get("/account/export/circle.json", Some(&ana)).await;
    assert_eq!(json.content_type(), "application/json");
    assert!(json
        .headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("attachment"));
    assert_eq!(json.json()["circle"][0]["name"], "=Dana, \"D\"");
    assert!(
        !json.body.contains("Bo's secret friend"),
        "only the caller's own"
    );
    let csv = app.get("/account/export/circle.csv", Some(&ana)).await;
    assert!(csv.content_type().starts_with("text/csv"));
    assert!(csv.body.starts_with("id,name,kind,circle,"));
    assert!(
        csv.body.contains("\"'=Dana, \"\"D\"\"\""),
        "quoted, formula defused: {}",
        csv.body
    );
    let ck = app.get("/account/export/checkins.csv", Some(&ana)).await;
    assert_eq!(ck.body.lines().count(), 2);
    let m = app
        .get("/account/export/measures.json", Some(&ana))
        .await
        .json();
    assert_eq!(m["measures"][0]["total"].as_f64(), Some(14.0));
    let fhir = app
        .get("/account/export/measures.fhir.json", Some(&ana))
        .await;
    assert_eq!(fhir.content_type(), "application/fhir+json");
    let b = fhir.json();
    assert_fhir_r4(&b);
    assert_eq!(b["resourceType"], "Bundle");
    let qr = &b["entry"][0]["resource"];
    assert_eq!(qr["resourceType"], "QuestionnaireResponse");
    assert_eq!(qr["status"], "completed");
    assert_eq!(qr["questionnaire"], "http://loinc.org/q/44249-1");
    assert_eq!(
        qr["item"][0]["answer"][0]["valueCoding"]["display"],
        "More than half the days"
    );
    assert_eq!(
        qr["item"][9]["answer"][0]["valueDecimal"].as_f64(),
        Some(14.0)
    );
    assert_eq!(
        b["entry"][1]["resource"]["questionnaire"],
        "urn:hearth:instrument:who5"
    );
    assert_eq!(
        app.get("/account/export/passwords.csv", Some(&ana))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/account/export/circle.json", None).await.status,
        StatusCode::SEE_OTHER
    );
}

async fn clinicians_see_measures_only_by_consent(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let clin = app.user("dr@x.test", &[Role::Clinician]).await;
    app.user("other@x.test", &[Role::Clinician]).await;
    let ana = app.signin("ana@x.test").await;
    post(
        &app,
        &ana,
        "/measures/gad7",
        &answers(&[2, 2, 2, 2, 1, 1, 0]),
    )
    .await;
    let (c, m) = (clin.clone(), member.clone());
    let link = app
        .state
        .tx(move |conn| {
            let l = hearth_store::care::invite(conn, &c, &m, &c)?;
            hearth_store::care::accept(conn, &l.id)?;
            Ok(l.id)
        })
        .await
        .unwrap();
    let dr = app.signin("dr@x.test").await;
    let path = format!("/clients/{member}/measures");
    assert_eq!(
        app.get(&path, Some(&dr)).await.status,
        StatusCode::NOT_FOUND
    );
    let t = app.token("dr@x.test").await;
    let api = format!("/api/v1/members/{member}/measures");
    assert_eq!(
        app.api(Method::GET, &api, Some(&t), None).await.status,
        StatusCode::NOT_FOUND
    );
    app.post_form(
        &format!("/care-team/{link}/consent"),
        Some(&ana),
        &[("measures", "on"), ("safety_alerts", "on")],
    )
    .await;
    let page = app.get(&path, Some(&dr)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<td>10</td>") && page.body.contains("Moderate"));
    let r = app
        .post_form(
            &format!("/clients/{member}/measures/gad7/schedule"),
            Some(&dr),
            &[("every_days", "28")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        app.get("/measures", Some(&ana))
            .await
            .body
            .contains("every 28 days"),
        "the member sees it"
    );
    let v = app.api(Method::GET, &api, Some(&t), None).await.json();
    assert_eq!(v[0]["total"].as_f64(), Some(10.0));
    let other = app.signin("other@x.test").await;
    assert_eq!(
        app.get(&path, Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .post_form(
            &format!("/clients/{member}/measures/gad7/schedule"),
            Some(&other),
            &[("every_days", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let views = app
        .state
        .db(|c| Ok(hearth_store::audit::search(c, &Default::default(), 100)?))
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "measures_viewed")
        .count();
    assert_eq!(views, 2);
}

/// UCLA-3 with item text and a reliable-change estimate supplied by the practice: offered,
/// scored, and its change labelled as estimated, with how it was worked out.
async fn a_supplied_estimate_is_labelled_as_one(app: TestApp) {
    let mut list = hearth_core::measures::builtin();
    hearth_core::measures::supply_text(
        &mut list,
        "ucla3.json",
        r#"{"id": "ucla3", "items": [{"en": "First item"}, {"en": "Second item"}, {"en": "Third item"}],
            "reliable_change": {"sd": 1.72, "reliability": 0.82, "source": "SD Igarashi 2019; alpha Trucharte 2021"}}"#,
    )
    .unwrap();
    app.state.set_instruments(list);
    app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    let r = post(&app, &ana, "/measures/ucla3", &answers(&[3, 3, 2])).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.state.advance_clock(chrono::Duration::days(14));
    let r = post(&app, &ana, "/measures/ucla3", &answers(&[2, 2, 1])).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get("/measures/ucla3/results", Some(&ana)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("-3 · reliable improvement (estimated)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("at least 2.02 points"));
    assert!(page.body.contains("SD Igarashi 2019; alpha Trucharte 2021"));
    // PHQ-9's published figure is not called an estimate.
    let phq = app.get("/measures/phq9/results", Some(&ana)).await;
    assert!(!phq.body.contains("(estimated)"));
}

both_backends!(
    a_supplied_estimate_is_labelled_as_one,
    clinicians_see_measures_only_by_consent,
    a_member_downloads_their_own_data,
    phq9_take_see_change_and_safety,
    korean_is_marked_as_a_working_translation,
    measures_api,
);

//! Check-ins over HTTP on both databases: the form and its bad input, "who I connected
//! with", the note screened like all member text, trends, reminders through the job runner,
//! and a clinician's view by consent.

mod common;

use axum::http::StatusCode;
use chrono::Duration;
use common::TestApp;
use hearth_core::roles::Role;
use hearth_store::{checkins, circle, jobs};

async fn checkin_form_bad_input_and_connected_with(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let other = app.user("bo@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    let bo = app.signin("bo@x.test").await;
    app.post_form(
        "/circle",
        Some(&ana),
        &[("name", "Dana"), ("ring", "inner"), ("kind", "friend")],
    )
    .await;
    app.post_form(
        "/circle",
        Some(&bo),
        &[("name", "Bo's pal"), ("ring", "inner")],
    )
    .await;
    let (m, o) = (member.clone(), other.clone());
    let (dana, bos) = app
        .state
        .db(move |c| {
            Ok((
                circle::list(c, &m)?[0].id.clone(),
                circle::list(c, &o)?[0].id.clone(),
            ))
        })
        .await
        .unwrap();

    let page = app.get("/checkin", Some(&ana)).await;
    assert_eq!(page.status, StatusCode::OK);
    for word in ["Very low", "Exhausted", "Very connected", "Dana"] {
        assert!(page.body.contains(word), "{word}: words, not only icons");
    }
    let r = app
        .post_form(
            "/checkin",
            Some(&ana),
            &[("mood", "4"), ("energy", "9"), ("note", "kept")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-energy\"") && r.body.contains("href=\"#f-connectedness\""));
    assert!(
        r.body
            .contains("id=\"mood-4\" name=\"mood\" value=\"4\" checked"),
        "typed choice kept"
    );
    assert!(r.body.contains(">kept</textarea>"));

    let r = app
        .post_form(
            "/checkin",
            Some(&ana),
            &[
                ("mood", "4"),
                ("energy", "2"),
                ("connectedness", "5"),
                ("connected_with", &dana),
                ("connected_with", &bos),
            ],
        )
        .await;
    assert_eq!(r.location(), "/checkin?done=checkin-saved");
    let (m, o) = (member.clone(), other.clone());
    let (mine, others, stored) = app
        .state
        .db(move |c| {
            Ok((
                circle::list(c, &m)?,
                circle::list(c, &o)?,
                checkins::since(c, &m, chrono::NaiveDate::MIN)?,
            ))
        })
        .await
        .unwrap();
    let today = hearth_web::circle::today("UTC");
    assert_eq!(mine[0].details.last_contact, Some(today));
    assert_eq!(
        others[0].details.last_contact, None,
        "someone else's entry is untouched"
    );
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].checkin.connected_with, vec![dana]);
    assert_eq!((stored[0].checkin.mood, stored[0].checkin.energy), (4, 2));

    let trends = app.get("/checkin/trends?days=90", Some(&ana)).await;
    assert_eq!(trends.status, StatusCode::OK);
    assert!(trends.body.contains("class=\"trend-dot\""));
    assert!(trends.body.contains("One check-in in the last 90 days"));
    assert!(!trends.body.to_lowercase().contains("streak"), "no streaks");
    let other_window = app.get("/checkin/trends?days=12345", Some(&ana)).await;
    assert!(
        other_window.body.contains("in the last 30 days"),
        "unknown windows fall back"
    );
    assert!(!app
        .get("/checkin/trends", Some(&bo))
        .await
        .body
        .contains("trend-dot"));
}

async fn the_note_is_screened(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    app.user("admin@x.test", &[Role::Admin]).await;
    let ana = app.signin("ana@x.test").await;
    let r = app
        .post_form(
            "/checkin",
            Some(&ana),
            &[
                ("mood", "1"),
                ("energy", "1"),
                ("connectedness", "1"),
                ("note", "I won't be a burden to anyone much longer."),
            ],
        )
        .await;
    assert_eq!(
        r.location(),
        "/checkin?done=checkin-saved&card=moderate#support"
    );
    let a = app
        .state
        .db(move |c| Ok(hearth_store::alerts::latest_unresolved(c, &member)?))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.source, "checkin_note");
    let page = app.get("/checkin?card=moderate", Some(&ana)).await;
    assert!(page.body.contains("card-moderate"));
}

async fn reminders_are_off_by_default_and_follow_the_choices(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    let page = app.get("/checkin/reminders", Some(&ana)).await;
    assert!(
        !page.body.contains("name=\"enabled\" value=\"on\" checked"),
        "off by default"
    );
    let r = app
        .post_form(
            "/checkin/reminders",
            Some(&ana),
            &[("enabled", "on"), ("time", "25:99")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-time\"") && r.body.contains("href=\"#f-days\""));
    assert!(r.body.contains("value=\"25:99\""));

    let every_day: Vec<(&str, &str)> = ["1", "2", "3", "4", "5", "6", "7"]
        .iter()
        .map(|d| ("days", *d))
        .chain([("enabled", "on"), ("time", "06:00")])
        .collect();
    let r = app
        .post_form("/checkin/reminders", Some(&ana), &every_day)
        .await;
    assert_eq!(r.location(), "/checkin/reminders?done=saved");
    let pending = app
        .state
        .db(|c| Ok(jobs::pending(c, "checkin_reminder")?))
        .await
        .unwrap();
    assert_eq!(pending.len(), 1);
    let first_at = pending[0].run_at;
    assert!(
        first_at > hearth_store::now() && first_at <= hearth_store::now() + Duration::hours(24)
    );

    // A day later the reminder is sent and the next one queued.
    app.state.advance_clock(Duration::hours(25));
    hearth_web::jobs::run_due(&app.state).await;
    let mails = app.mails_to("ana@x.test");
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("http://hearth.test/checkin"));
    let pending = app
        .state
        .db(|c| Ok(jobs::pending(c, "checkin_reminder")?))
        .await
        .unwrap();
    assert_eq!(pending.len(), 1);
    assert!(pending[0].run_at > first_at);
    // The same job run again (its "done" mark lost): its follow-up already waits, so no
    // second email and no second chain.
    let payload = pending[0].payload.clone();
    let when = app.state.now();
    app.state
        .db(move |c| Ok(jobs::enqueue(c, "checkin_reminder", &payload, when)?))
        .await
        .unwrap();
    hearth_web::jobs::run_due(&app.state).await;
    assert_eq!(app.mails_to("ana@x.test").len(), 1);
    let still = app
        .state
        .db(|c| Ok(jobs::pending(c, "checkin_reminder")?))
        .await
        .unwrap();
    assert_eq!(still.len(), 1);

    // Turned off: the queued reminder does nothing.
    app.post_form("/checkin/reminders", Some(&ana), &[("time", "06:00")])
        .await;
    app.state.advance_clock(Duration::hours(25));
    hearth_web::jobs::run_due(&app.state).await;
    assert_eq!(
        app.mails_to("ana@x.test").len(),
        1,
        "no reminder after turning them off"
    );
}

async fn clinicians_see_trends_only_by_consent(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let clin = app.user("dr@x.test", &[Role::Clinician]).await;
    let ana = app.signin("ana@x.test").await;
    app.post_form(
        "/checkin",
        Some(&ana),
        &[
            ("mood", "3"),
            ("energy", "3"),
            ("connectedness", "3"),
            ("note", "private words"),
        ],
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
    let path = format!("/clients/{member}/checkins");
    assert_eq!(
        app.get(&path, Some(&dr)).await.status,
        StatusCode::NOT_FOUND
    );
    app.post_form(
        &format!("/care-team/{link}/consent"),
        Some(&ana),
        &[("checkins", "on"), ("safety_alerts", "on")],
    )
    .await;
    let page = app.get(&path, Some(&dr)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("trend-dot"));
    assert!(!page.body.contains("private words"));
    assert!(app.get("/clients", Some(&dr)).await.body.contains(&path));
    assert_eq!(
        app.get(&path, Some(&ana)).await.status,
        StatusCode::NOT_FOUND
    );
    let views = app
        .state
        .db(|c| Ok(hearth_store::audit::search(c, &Default::default(), 100)?))
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "checkins_viewed")
        .count();
    assert_eq!(views, 1);
}

both_backends!(
    checkin_form_bad_input_and_connected_with,
    the_note_is_screened,
    reminders_are_off_by_default_and_follow_the_choices,
    clinicians_see_trends_only_by_consent,
);

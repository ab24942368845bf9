//! Accounts end to end over HTTP, on SQLite and PostgreSQL: invitations, sign-in,
//! throttling, resets, sessions, two-factor, registration, profile.

mod common;

use axum::http::{Method, StatusCode};
use common::{TestApp, PASSWORD};
use hearth_core::roles::Role;

async fn invitation_flow(app: TestApp) {
    app.user("admin@x.test", &[Role::Admin]).await;
    let admin = app.signin("admin@x.test").await;

    // An email already in use is a field error, and what was typed is kept.
    let taken = app
        .post_form(
            "/admin/invitations",
            Some(&admin),
            &[
                ("email", "ADMIN@x.test"),
                ("display_name", "Typed Name"),
                ("role_member", "on"),
            ],
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.body.contains("already in use"), "{}", taken.body);
    assert!(taken.body.contains("value=\"Typed Name\""));
    assert!(taken.body.contains("aria-invalid=\"true\""));

    let res = app
        .post_form(
            "/admin/invitations",
            Some(&admin),
            &[
                ("email", "new@x.test"),
                ("role_member", "on"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let link = app.last_link("http://hearth.test/invite/");
    assert!(
        res.body.contains(&link),
        "the page shows the same link that was emailed"
    );
    let path = link.trim_start_matches("http://hearth.test");

    // The invitee cannot sign in before accepting.
    let early = app
        .post_form(
            "/signin",
            None,
            &[("email", "new@x.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNAUTHORIZED);

    assert_eq!(app.get(path, None).await.status, StatusCode::OK);
    let weak = app
        .post_form(
            path,
            None,
            &[("display_name", "Willow"), ("password", "password1")],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        weak.body.contains("value=\"Willow\""),
        "typed display name is kept"
    );
    assert!(weak.body.contains("too easy to guess") || weak.body.contains("at least 10"));

    let ok = app
        .post_form(
            path,
            None,
            &[("display_name", "Willow"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let cookie = app.signin("new@x.test").await;
    let home = app.get("/", Some(&cookie)).await;
    assert!(home.body.contains("Hello, Willow"), "{}", home.body);

    // A used link and an unknown link each get a clear page.
    let again = app.get(path, None).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(again.body.contains("already been used"));
    let unknown = app.get("/invite/not-a-real-token", None).await;
    assert_eq!(unknown.status, StatusCode::GONE);
    assert!(unknown.body.contains("not valid"));
}

async fn wrong_password_and_unknown_account_look_the_same(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let wrong = app
        .post_form(
            "/signin",
            None,
            &[
                ("email", "ana@x.test"),
                ("password", "not the password at all"),
            ],
        )
        .await;
    let unknown = app
        .post_form(
            "/signin",
            None,
            &[
                ("email", "nobody@x.test"),
                ("password", "not the password at all"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status, unknown.status);
    let strip = |b: &str| b.replace("ana@x.test", "").replace("nobody@x.test", "");
    assert_eq!(
        strip(&wrong.body),
        strip(&unknown.body),
        "same page for both"
    );
    assert!(
        wrong.body.contains("value=\"ana@x.test\""),
        "the typed email is kept"
    );
}

async fn session_cookie_is_fresh_and_protected(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let a = app
        .post_form(
            "/signin",
            None,
            &[("email", "ana@x.test"), ("password", PASSWORD)],
        )
        .await;
    let b = app
        .post_form(
            "/signin",
            None,
            &[("email", "ana@x.test"), ("password", PASSWORD)],
        )
        .await;
    let (ca, cb) = (
        a.cookie("hearth_session").unwrap(),
        b.cookie("hearth_session").unwrap(),
    );
    assert_ne!(ca, cb, "a new session id at each sign-in");
    assert!(ca.contains("HttpOnly") && ca.contains("SameSite=Lax"));
    assert!(!ca.contains("Secure"), "not Secure on an http base URL");
    // An open redirect through ?next is refused.
    let c = app
        .post_form(
            "/signin",
            None,
            &[
                ("email", "ana@x.test"),
                ("password", PASSWORD),
                ("next", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(c.location(), "/");
}

async fn throttling_holds_across_servers(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    for _ in 0..5 {
        let r = app
            .post_form(
                "/signin",
                None,
                &[("email", "ana@x.test"), ("password", "wrong wrong wrong")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password now waits, on this server and on another one.
    let r = app
        .post_form(
            "/signin",
            None,
            &[("email", "ana@x.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Too many attempts"));
    let other = app.second_server();
    let req = axum::http::Request::post("/api/v1/auth/token")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(
            serde_json::json!({"email": "ana@x.test", "password": PASSWORD}).to_string(),
        ))
        .unwrap();
    let r2 = TestApp::send_to(&other, req).await;
    assert_eq!(r2.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r2.content_type(), "application/problem+json");
    // Another account from the same address is not yet affected.
    app.user("ben@x.test", &[Role::Member]).await;
    app.signin("ben@x.test").await;
}

async fn password_reset_ends_every_session(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let old = app.signin("ana@x.test").await;
    // The same answer whether or not the account exists.
    let none = app
        .post_form("/reset", None, &[("email", "nobody@x.test")])
        .await;
    let some = app
        .post_form("/reset", None, &[("email", "ana@x.test")])
        .await;
    assert_eq!(none.status, some.status);
    assert_eq!(none.body, some.body);
    assert_eq!(app.mails().len(), 1, "only the real account gets mail");
    let path = app
        .last_link("http://hearth.test/reset/")
        .replace("http://hearth.test", "");
    let short = app.post_form(&path, None, &[("password", "short")]).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("at least 10"));
    let done = app
        .post_form(&path, None, &[("password", "plum orbit canvas thunder")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let after = app.get("/account/profile", Some(&old)).await;
    assert_eq!(
        after.status,
        StatusCode::SEE_OTHER,
        "the old session was ended"
    );
    assert!(after.location().starts_with("/signin"));
    let again = app
        .post_form(&path, None, &[("password", "plum orbit canvas thunder")])
        .await;
    assert_eq!(again.status, StatusCode::GONE);
    let ok = app
        .post_form(
            "/signin",
            None,
            &[
                ("email", "ana@x.test"),
                ("password", "plum orbit canvas thunder"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
}

async fn sessions_can_be_listed_and_ended(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let one = app.signin("ana@x.test").await;
    let two = app.signin("ana@x.test").await;
    // Both are in use, so this server has each one's lookup fresh in mind.
    assert_eq!(
        app.get("/account/sessions", Some(&two)).await.status,
        StatusCode::OK
    );
    let page = app.get("/account/sessions", Some(&one)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body.matches("/end\"").count(),
        2,
        "both sessions listed"
    );
    let r = app
        .post_form("/account/sessions/end-others", Some(&one), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/account/sessions", Some(&two)).await.status,
        StatusCode::SEE_OTHER,
        "the other session ended"
    );
    assert_eq!(
        app.get("/account/sessions", Some(&one)).await.status,
        StatusCode::OK,
        "this one continues"
    );
    // Someone else's session id cannot be ended.
    app.user("ben@x.test", &[Role::Member]).await;
    let ben = app.signin("ben@x.test").await;
    let bens = app.get("/account/sessions", Some(&ben)).await;
    let id = bens
        .body
        .split("/account/sessions/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let r = app
        .post_form(&format!("/account/sessions/{id}/end"), Some(&one), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// Behind a load balancer: a session ended on one server is refused by the server that ended
/// it at once, and by every other server within the few seconds it reuses a lookup.
async fn a_session_ended_on_another_server_stops_there_within_seconds(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let cookie = app.signin("ana@x.test").await;
    let other = app.second_server();
    let on_other = |cookie: String| {
        let other = other.clone();
        async move {
            let req = axum::http::Request::get("/account/sessions")
                .header(axum::http::header::COOKIE, cookie)
                .body(axum::body::Body::empty())
                .unwrap();
            TestApp::send_to(&other, req).await.status
        }
    };
    assert_eq!(on_other(cookie.clone()).await, StatusCode::OK);
    let r = app.post_form("/signout", Some(&cookie), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/account/sessions", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER,
        "the server that ended it refuses it at once"
    );
    tokio::time::sleep(hearth_web::session_cache::TTL + std::time::Duration::from_millis(100))
        .await;
    assert_eq!(
        on_other(cookie.clone()).await,
        StatusCode::SEE_OTHER,
        "the other server has let go of its lookup"
    );
}

/// The code an authenticator shows now, by the server's clock (which tests move on).
fn code_for(app: &TestApp, secret_b32: &str) -> String {
    let s = hearth_core::totp::decode_secret(secret_b32).unwrap();
    hearth_core::totp::format_code(hearth_core::totp::code_at(
        &s,
        app.state.now().and_utc().timestamp(),
    ))
}

async fn two_factor_sign_in(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let c = app.signin("ana@x.test").await;
    app.post_form("/account/two-factor", Some(&c), &[("action", "start")])
        .await;
    let page = app.get("/account/two-factor", Some(&c)).await;
    let secret = page
        .body
        .split("<code class=\"secret\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    let bad = app
        .post_form(
            "/account/two-factor",
            Some(&c),
            &[("action", "confirm"), ("code", "000000")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = app
        .post_form(
            "/account/two-factor",
            Some(&c),
            &[("action", "confirm"), ("code", &code_for(&app, &secret))],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    // Each code works once: the next sign-in waits for the authenticator's next code.
    app.state.advance_clock(chrono::Duration::seconds(30));

    // Password alone no longer signs in.
    let step1 = app
        .post_form(
            "/signin",
            None,
            &[("email", "ana@x.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(step1.status, StatusCode::SEE_OTHER);
    assert!(step1.location().starts_with("/signin/two-factor"));
    assert!(step1.cookie("hearth_session").is_none());
    let pending = step1
        .cookie("hearth_pending")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let wrong = app
        .post_form("/signin/two-factor", Some(&pending), &[("code", "123456")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let step2 = app
        .post_form(
            "/signin/two-factor",
            Some(&pending),
            &[("code", &code_for(&app, &secret))],
        )
        .await;
    assert_eq!(step2.status, StatusCode::SEE_OTHER);
    assert!(step2.cookie("hearth_session").is_some());

    // The API asks for the code too.
    let r = app
        .api(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(serde_json::json!({"email": "ana@x.test", "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.json()["type"]
        .as_str()
        .unwrap()
        .ends_with("totp-required"));
    // The code that just signed in is refused a second time (a replay)...
    let used = code_for(&app, &secret);
    let r = app
        .api(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(serde_json::json!({"email": "ana@x.test", "password": PASSWORD, "totp": used})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // ...and the next one works.
    app.state.advance_clock(chrono::Duration::seconds(30));
    let r = app.api(Method::POST, "/api/v1/auth/token", None, Some(serde_json::json!({"email": "ana@x.test", "password": PASSWORD, "totp": code_for(&app, &secret)}))).await;
    assert_eq!(r.status, StatusCode::CREATED);

    // Wrong codes count against the account: after five, even the right code waits.
    for _ in 0..5 {
        let r = app.api(Method::POST, "/api/v1/auth/token", None, Some(serde_json::json!({"email": "ana@x.test", "password": PASSWORD, "totp": "000000"}))).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app.api(Method::POST, "/api/v1/auth/token", None, Some(serde_json::json!({"email": "ana@x.test", "password": PASSWORD, "totp": code_for(&app, &secret)}))).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // And starting setup over cannot switch it off without a code.
    let c2 = step2
        .cookie("hearth_session")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    app.post_form("/account/two-factor", Some(&c2), &[("action", "start")])
        .await;
    let still = app.get("/account/two-factor", Some(&c2)).await;
    assert!(
        still.body.contains("Two-step sign-in is on"),
        "{}",
        still.body
    );
}

async fn practice_can_require_two_factor_for_staff(app: TestApp) {
    app.user("admin@x.test", &[Role::Admin]).await;
    app.user("ana@x.test", &[Role::Member]).await;
    let admin = app.signin("admin@x.test").await;
    let r = app
        .post_form(
            "/admin/settings",
            Some(&admin),
            &[
                ("practice_name", "Oak Clinic"),
                ("require_totp_for_staff", "on"),
                ("region", "US"),
                ("time_zone", "UTC"),
                ("ack_minutes_severe", "5"),
                ("ack_minutes_moderate", "60"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.state.forget_settings();
    let blocked = app.get("/admin/people", Some(&admin)).await;
    assert_eq!(blocked.status, StatusCode::SEE_OTHER);
    assert_eq!(blocked.location(), "/account/two-factor");
    let member = app.signin("ana@x.test").await;
    let home = app.get("/", Some(&member)).await;
    assert_eq!(home.status, StatusCode::OK, "members are not required");
    assert!(home.body.contains("Oak Clinic"));
}

async fn settings_reject_bad_input_and_keep_it(app: TestApp) {
    app.user("admin@x.test", &[Role::Admin]).await;
    let admin = app.signin("admin@x.test").await;
    let r = app
        .post_form(
            "/admin/settings",
            Some(&admin),
            &[
                ("practice_name", "Oak"),
                ("region", "usa"),
                ("time_zone", "Mars/Olympus"),
                ("open_1", "17:00"),
                ("close_1", "09:00"),
                ("ack_minutes_severe", "0"),
                ("ack_minutes_moderate", "sixty"),
                ("location_lat", "north"),
                ("location_lon", "-73.9"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for kept in [
        "Mars/Olympus",
        "sixty",
        "value=\"17:00\"",
        "value=\"north\"",
    ] {
        assert!(r.body.contains(kept), "typed {kept} kept");
    }
    for field in [
        "region",
        "time_zone",
        "open_1",
        "ack_minutes_severe",
        "ack_minutes_moderate",
        "location_lat",
    ] {
        assert!(
            r.body.contains(&format!("href=\"#f-{field}\"")),
            "{field} is named in the summary"
        );
    }
    assert!(r.body.contains("aria-invalid=\"true\""));
    // Nothing was saved.
    app.state.forget_settings();
    assert_eq!(app.state.settings().await.unwrap().practice_name, "Hearth");
}

async fn self_registration_is_off_by_default(app: TestApp) {
    assert_eq!(
        app.get("/register", None).await.status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .post_form(
            "/register",
            None,
            &[
                ("email", "a@x.test"),
                ("display_name", "A"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mut s = (*app.state.settings().await.unwrap()).clone();
    s.self_registration = true;
    app.state
        .db(move |c| Ok(hearth_store::settings::save(c, &s)?))
        .await
        .unwrap();
    app.state.forget_settings();
    let r = app
        .post_form(
            "/register",
            None,
            &[
                ("email", "a@x.test"),
                ("display_name", "A"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let dup = app
        .post_form(
            "/register",
            None,
            &[
                ("email", "a@x.test"),
                ("display_name", "B"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dup.body.contains("already in use"));
}

async fn profile_errors_keep_what_was_typed(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let c = app.signin("ana@x.test").await;
    let r = app
        .post_form(
            "/account/profile",
            Some(&c),
            &[
                ("display_name", "Ana B"),
                ("pronouns", "she/her"),
                ("legal_name", "Ana Bell"),
                ("language", "en"),
                ("time_zone", "Mars/Base"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("value=\"Ana B\"") && r.body.contains("value=\"she/her\""));
    assert!(r.body.contains("Choose a time zone"));
    let ok = app
        .post_form(
            "/account/profile",
            Some(&c),
            &[
                ("display_name", "Ana B"),
                ("pronouns", "she/her"),
                ("legal_name", ""),
                ("language", "ko"),
                ("time_zone", "Asia/Seoul"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = app.get("/account/profile", Some(&c)).await;
    assert!(
        page.body.contains("<html lang=\"ko\">"),
        "the account language now applies"
    );
    assert!(page.body.contains("value=\"Asia/Seoul\" selected"));
}

async fn user_content_is_escaped(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let c = app.signin("ana@x.test").await;
    let r = app
        .post_form(
            "/account/profile",
            Some(&c),
            &[
                ("display_name", "<script>alert(1)</script>"),
                ("language", "en"),
                ("time_zone", "UTC"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let home = app.get("/", Some(&c)).await;
    assert!(!home.body.contains("<script>alert(1)</script>"));
    assert!(home.body.contains("&lt;script&gt;") || home.body.contains("&#60;script&#62;"));
}

async fn throttling_per_client_address(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    // Twenty failures spread over many accounts, all from one address…
    for i in 0..20 {
        let r = app
            .post_form_from(
                [10, 0, 0, 7],
                "/signin",
                &[
                    ("email", &format!("guess{i}@x.test")),
                    ("password", "wrong wrong wrong"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // …make that address wait, even for a real account with the right password,
    let r = app
        .post_form_from(
            [10, 0, 0, 7],
            "/signin",
            &[("email", "ana@x.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // while another address is not affected.
    let r = app
        .post_form_from(
            [10, 0, 0, 8],
            "/signin",
            &[("email", "ana@x.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

/// An unknown email costs about as much time as a wrong password, so timing does not tell
/// which accounts exist.
async fn unknown_account_takes_as_long_as_a_wrong_password(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let attempt = |email: String| {
        let app = &app;
        async move {
            let t = std::time::Instant::now();
            let r = app
                .post_form_from(
                    [10, 1, 2, 3],
                    "/signin",
                    &[("email", &email), ("password", "not the password at all")],
                )
                .await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
            t.elapsed()
        }
    };
    attempt("warm-up@x.test".into()).await;
    let (mut known, mut unknown) = (vec![], vec![]);
    for i in 0..4 {
        known.push(attempt("ana@x.test".into()).await);
        unknown.push(attempt(format!("nobody{i}@x.test")).await);
    }
    // The fastest of each: other tests share the two cores and only ever add time, and an
    // unknown account that skipped the password hash would still be far quicker.
    known.sort();
    unknown.sort();
    let ratio = unknown[0].as_secs_f64() / known[0].as_secs_f64();
    assert!(
        (0.5..2.0).contains(&ratio),
        "unknown {unknown:?} vs wrong password {known:?}"
    );
}

both_backends!(
    unknown_account_takes_as_long_as_a_wrong_password,
    throttling_per_client_address,
    invitation_flow,
    wrong_password_and_unknown_account_look_the_same,
    session_cookie_is_fresh_and_protected,
    throttling_holds_across_servers,
    password_reset_ends_every_session,
    sessions_can_be_listed_and_ended,
    a_session_ended_on_another_server_stops_there_within_seconds,
    two_factor_sign_in,
    practice_can_require_two_factor_for_staff,
    settings_reject_bad_input_and_keep_it,
    self_registration_is_off_by_default,
    profile_errors_keep_what_was_typed,
    user_content_is_escaped,
);

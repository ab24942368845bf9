//! Pages: who may open what, the care-team flow, languages, security headers, CSRF,
//! operations endpoints and the audit log, on SQLite and PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::TestApp;
use hearth_core::roles::Role;

const MEMBER_PAGES: &[&str] = &[
    "/",
    "/account/profile",
    "/account/sessions",
    "/account/two-factor",
    "/care-team",
];
const ADMIN_PAGES: &[&str] = &[
    "/admin/people",
    "/admin/invitations",
    "/admin/settings",
    "/admin/audit",
];

async fn page_access(app: TestApp) {
    let admin_id = app.user("admin@x.test", &[Role::Admin]).await;
    app.user("ana@x.test", &[Role::Member]).await;
    app.user("clin@x.test", &[Role::Clinician]).await;
    let (admin, ana, clin) = (
        app.signin("admin@x.test").await,
        app.signin("ana@x.test").await,
        app.signin("clin@x.test").await,
    );
    for p in MEMBER_PAGES.iter().chain(ADMIN_PAGES).chain(&["/clients"]) {
        if *p == "/" {
            continue;
        }
        let anon = app.get(p, None).await;
        assert_eq!(anon.status, StatusCode::SEE_OTHER, "anonymous {p}");
        assert!(anon.location().starts_with("/signin?next="), "{p}");
    }
    for p in MEMBER_PAGES {
        assert_eq!(
            app.get(p, Some(&ana)).await.status,
            StatusCode::OK,
            "member {p}"
        );
    }
    for p in ADMIN_PAGES {
        let r = app.get(p, Some(&ana)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "member {p}");
        assert!(r.body.contains("cannot open this page"));
        assert_eq!(
            app.get(p, Some(&clin)).await.status,
            StatusCode::FORBIDDEN,
            "clinician {p}"
        );
        assert_eq!(
            app.get(p, Some(&admin)).await.status,
            StatusCode::OK,
            "admin {p}"
        );
    }
    assert_eq!(
        app.get("/clients", Some(&ana)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/clients", Some(&clin)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&format!("/admin/people/{admin_id}"), Some(&admin))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/admin/people/nobody", Some(&admin)).await.status,
        StatusCode::NOT_FOUND
    );
    // Admin POSTs are refused to members too.
    let r = app
        .post_form(
            &format!("/admin/people/{admin_id}/roles"),
            Some(&ana),
            &[("role_member", "on")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Navigation links only to what the person can open.
    let home = app.get("/", Some(&ana)).await.body;
    assert!(!home.contains("href=\"/admin/people\"") && !home.contains("href=\"/clients\""));
    assert!(app
        .get("/", Some(&admin))
        .await
        .body
        .contains("href=\"/admin/people\""));
}

async fn care_team_flow(app: TestApp) {
    let member_id = app.user("ana@x.test", &[Role::Member]).await;
    app.user("clin@x.test", &[Role::Clinician]).await;
    app.user("other@x.test", &[Role::Member]).await;
    let (ana, clin, other) = (
        app.signin("ana@x.test").await,
        app.signin("clin@x.test").await,
        app.signin("other@x.test").await,
    );
    let r = app
        .post_form("/clients/invite", Some(&clin), &[("email", "ana@x.test")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let dup = app
        .post_form("/clients/invite", Some(&clin), &[("email", "ana@x.test")])
        .await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    let team = app.get("/care-team", Some(&ana)).await.body;
    let id = team
        .split("/care-team/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    // Nothing is visible to the clinician before the member accepts.
    let may = |scope| {
        let (c, m) = ("clin@x.test".to_string(), member_id.clone());
        let st = app.state.clone();
        async move {
            st.db(move |conn| {
                let cid = hearth_store::users::find_by_email(conn, &c)?.unwrap().id;
                Ok(hearth_store::care::clinician_may_see(
                    conn, &cid, &m, scope,
                )?)
            })
            .await
            .unwrap()
        }
    };
    assert!(!may(hearth_core::care::Scope::SafetyAlerts).await);
    assert_eq!(
        app.post_form(&format!("/care-team/{id}/accept"), Some(&other), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post_form(&format!("/care-team/{id}/accept"), Some(&clin), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post_form(&format!("/care-team/{id}/accept"), Some(&ana), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(
        may(hearth_core::care::Scope::SafetyAlerts).await,
        "safety alerts on by default"
    );
    assert!(!may(hearth_core::care::Scope::Checkins).await);
    let consent = app
        .get(&format!("/care-team/{id}/consent"), Some(&ana))
        .await;
    assert_eq!(consent.status, StatusCode::OK);
    assert!(
        consent.body.contains("never your words"),
        "each scope says plainly what it shares"
    );
    assert_eq!(
        app.get(&format!("/care-team/{id}/consent"), Some(&clin))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&format!("/care-team/{id}/consent"), Some(&other))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let forged = app
        .post_form(
            &format!("/care-team/{id}/consent"),
            Some(&clin),
            &[("circle", "on")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let saved = app
        .post_form(
            &format!("/care-team/{id}/consent"),
            Some(&ana),
            &[("checkins", "on")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert!(may(hearth_core::care::Scope::Checkins).await);
    assert!(
        !may(hearth_core::care::Scope::SafetyAlerts).await,
        "the member turned it off"
    );
    assert!(app
        .get("/clients", Some(&clin))
        .await
        .body
        .contains("Check-ins"));
    // Either side can end it; then nothing is shared.
    assert_eq!(
        app.post_form(&format!("/care-team/{id}/end"), Some(&clin), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(!may(hearth_core::care::Scope::Checkins).await);
    // A clinician inviting someone new invites them to Hearth as a member first.
    let r = app
        .post_form(
            "/clients/invite",
            Some(&clin),
            &[("email", "newbie@x.test")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app.last_link("http://hearth.test/invite/").len() > 30);
}

async fn admin_assigns_and_changes_roles(app: TestApp) {
    app.user("admin@x.test", &[Role::Admin]).await;
    let ana = app.user("ana@x.test", &[Role::Member]).await;
    let clin = app.user("clin@x.test", &[Role::Clinician]).await;
    let admin = app.signin("admin@x.test").await;
    let r = app
        .post_form(
            &format!("/admin/people/{ana}/care"),
            Some(&admin),
            &[("clinician_id", &clin)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let ana_c = app.signin("ana@x.test").await;
    assert!(
        app.get("/care-team", Some(&ana_c))
            .await
            .body
            .contains("Accept"),
        "the member still accepts"
    );
    let r = app
        .post_form(
            &format!("/admin/people/{ana}/roles"),
            Some(&admin),
            &[("role_member", "on"), ("role_facilitator", "on")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let me = app
        .api(
            axum::http::Method::GET,
            "/api/v1/me",
            Some(&app.token("ana@x.test").await),
            None,
        )
        .await
        .json();
    assert_eq!(me["roles"], serde_json::json!(["member", "facilitator"]));
    let admin_id = app
        .state
        .db(|c| {
            Ok(hearth_store::users::find_by_email(c, "admin@x.test")?
                .unwrap()
                .id)
        })
        .await
        .unwrap();
    let r = app
        .post_form(
            &format!("/admin/people/{admin_id}/roles"),
            Some(&admin),
            &[("role_member", "on")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an admin cannot drop their own admin role"
    );
}

async fn languages(app: TestApp) {
    let ko = app
        .send(
            Request::get("/help")
                .header(header::ACCEPT_LANGUAGE, "ko-KR,ko;q=0.9")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(ko.body.contains("<html lang=\"ko\">"));
    assert!(
        ko.body.contains("지금 도움 받기") || ko.body.contains("도움"),
        "Korean text"
    );
    let en = app.get("/help", None).await;
    assert!(en.body.contains("<html lang=\"en\">"));
    // The switcher sets a cookie and returns to the page.
    let sw = app
        .post_form("/lang", None, &[("lang", "ko"), ("back", "/signin")])
        .await;
    assert_eq!(sw.status, StatusCode::SEE_OTHER);
    assert_eq!(sw.location(), "/signin");
    let c = sw.cookie("hearth_lang").unwrap();
    let page = app.get("/signin", Some(c.split(';').next().unwrap())).await;
    assert!(page.body.contains("<html lang=\"ko\">"));
    // A signed-in person's choice is kept on the account and beats the browser's.
    app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    app.post_form("/lang", Some(&ana), &[("lang", "ko"), ("back", "/")])
        .await;
    let req = Request::get("/")
        .header(header::COOKIE, &ana)
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::empty())
        .unwrap();
    assert!(app.send(req).await.body.contains("<html lang=\"ko\">"));
    // Pages in Korean show no untranslated message ids.
    for p in [
        "/",
        "/account/profile",
        "/account/sessions",
        "/care-team",
        "/account/two-factor",
    ] {
        let b = app.get(p, Some(&ana)).await.body;
        assert!(
            !b.contains("nav-") && !b.contains("-title<") && !b.contains("error-"),
            "{p} has a raw message id"
        );
    }
    // The 404 page too.
    let nf = app.get("/no-such-page", Some(&ana)).await;
    assert_eq!(nf.status, StatusCode::NOT_FOUND);
    assert!(nf.body.contains("<html lang=\"ko\">"));
}

async fn help_is_public_and_everywhere(app: TestApp) {
    let help = app.get("/help", None).await;
    assert_eq!(help.status, StatusCode::OK);
    for needle in [
        "tel:988",
        "sms:988",
        "sms:741741",
        "HOME",
        "tel:911",
        "tel:109",
        "tel:119",
        "tel:112",
    ] {
        assert!(help.body.contains(needle), "help page lacks {needle}");
    }
    for p in [
        "/",
        "/signin",
        "/reset",
        "/invite/nope",
        "/no-such-page",
        "/help",
    ] {
        assert!(
            app.get(p, None).await.body.contains("href=\"/help\""),
            "{p} links to help"
        );
    }
}

async fn security_headers_and_csrf(app: TestApp) {
    for p in [
        "/",
        "/help",
        "/api/v1/openapi.json",
        "/no-such-page",
        "/healthz",
    ] {
        let r = app.get(p, None).await;
        let csp = r
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'")
                && csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline"),
            "{p}"
        );
        assert_eq!(
            r.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
            "nosniff"
        );
        assert_eq!(
            r.headers.get(header::REFERRER_POLICY).unwrap(),
            "no-referrer"
        );
        assert!(
            r.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(),
            "no HSTS over http"
        );
    }
    let page = app.get("/signin", None).await.body;
    assert!(
        !page.contains("<script") && !page.contains("style="),
        "no inline script or style"
    );
    app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    let cross = Request::post("/lang")
        .header(header::COOKIE, &ana)
        .header("sec-fetch-site", "cross-site")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("lang=ko&back=/"))
        .unwrap();
    assert_eq!(app.send(cross).await.status, StatusCode::FORBIDDEN);
    let foreign = Request::post("/signout")
        .header(header::COOKIE, &ana)
        .header(header::ORIGIN, "https://evil.example")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(foreign).await.status, StatusCode::FORBIDDEN);
    let same = Request::post("/signout")
        .header(header::COOKIE, &ana)
        .header(header::ORIGIN, "http://hearth.test")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(same).await.status, StatusCode::SEE_OTHER);
    // A form body over the limit is refused.
    let big = format!("email={}", "a".repeat(hearth_web::BODY_LIMIT + 1));
    let r = Request::post("/reset")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(big))
        .unwrap();
    assert_eq!(app.send(r).await.status, StatusCode::PAYLOAD_TOO_LARGE);
}

async fn operations_endpoints(app: TestApp) {
    let h = app.get("/healthz", None).await;
    assert_eq!((h.status, h.body.as_str()), (StatusCode::OK, "ok"));
    assert_eq!(app.get("/readyz", None).await.status, StatusCode::OK);
    app.get("/help", None).await;
    let m = app.get("/metrics", None).await;
    assert!(
        m.body
            .contains("hearth_http_requests_total{method=\"GET\",route=\"/help\",status=\"200\"}"),
        "{}",
        m.body
    );
    assert!(m.body.contains(
        "hearth_http_request_duration_seconds_bucket{method=\"GET\",route=\"/help\",le=\"+Inf\"}"
    ));
    assert!(m
        .body
        .contains("hearth_db_pool_connections{state=\"idle\"}"));
}

async fn audit_log_records_and_cannot_be_changed(app: TestApp) {
    app.user("admin@x.test", &[Role::Admin]).await;
    app.user("ana@x.test", &[Role::Member]).await;
    app.post_form(
        "/signin",
        None,
        &[("email", "ana@x.test"), ("password", "wrong password here")],
    )
    .await;
    app.signin("ana@x.test").await;
    let admin = app.signin("admin@x.test").await;
    let page = app
        .get("/admin/audit?action=sign_in_failed", Some(&admin))
        .await;
    assert!(page.body.contains("sign_in_failed"));
    assert!(
        !page.body.contains("<td>sign_in</td>"),
        "the filter applies"
    );
    assert!(
        !page.body.contains("wrong password here"),
        "no secrets in the log"
    );
    let all = app.get("/admin/audit", Some(&admin)).await;
    assert!(all.body.contains("<td>sign_in</td>"));
    let blocked = app
        .state
        .db(|c| {
            use diesel::RunQueryDsl;
            let upd = diesel::sql_query("UPDATE audit_log SET action = 'x'")
                .execute(c)
                .is_err();
            let del = diesel::sql_query("DELETE FROM audit_log")
                .execute(c)
                .is_err();
            Ok((upd, del))
        })
        .await
        .unwrap();
    assert_eq!(blocked, (true, true), "the audit log is append-only");
}

both_backends!(
    page_access,
    care_team_flow,
    admin_assigns_and_changes_roles,
    languages,
    help_is_public_and_everywhere,
    security_headers_and_csrf,
    operations_endpoints,
    audit_log_records_and_cannot_be_changed,
);

/// With the database gone: /readyz says 503, help still works, pages say so kindly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_unreachable() {
    let dir = tempfile::tempdir().unwrap();
    let mailer = hearth_web::mail::Mailer::from_config(None, "h@x.test", dir.path()).unwrap();
    let url = "postgres://postgres@127.0.0.1:1/none?connect_timeout=1";
    let pool = hearth_store::db::lazy_pool(url, 2);
    let state = hearth_web::state::AppState::new(
        pool,
        url,
        hearth_web::Config {
            base_url: "http://h.test".into(),
            data_dir: dir.path().into(),
            trust_forwarded_for: false,
        },
        mailer,
    );
    let router = hearth_web::router(state);
    let get = |p: &'static str, cookie: Option<&'static str>| {
        let mut b = Request::get(p);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        TestApp::send_to(&router, b.body(Body::empty()).unwrap())
    };
    assert_eq!(
        get("/readyz", None).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(get("/healthz", None).await.status, StatusCode::OK);
    let help = get("/help", None).await;
    assert_eq!(help.status, StatusCode::OK);
    assert!(
        help.body.contains("tel:988"),
        "default lines when the database is away"
    );
    let page = get("/account/profile", Some("hearth_session=abc")).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.body.contains("cannot reach its database"));
    assert!(!page.body.to_lowercase().contains("panicked") && !page.body.contains("diesel"));
    let api = get("/api/v1/me", Some("hearth_session=abc")).await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(api.content_type(), "application/problem+json");
}

/// After PostgreSQL drops every connection (a restart, a failover), the pool replaces them:
/// a few requests may fail, then everything answers again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_connections_recover_after_the_server_drops_them() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    app.user("ana@x.test", &[Role::Member]).await;
    let c = app.signin("ana@x.test").await;
    assert_eq!(app.get("/", Some(&c)).await.status, StatusCode::OK);
    let admin = std::env::var("HEARTH_TEST_POSTGRES_URL").unwrap();
    let db = app
        .url
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    // Pages keep loading while the server ends every connection: reads in flight on the
    // shared connection then answer 503, never 500.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut loads = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (router, cookie, stop) = (app.router.clone(), c.clone(), stop.clone());
        loads.spawn(async move {
            let mut seen = vec![];
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let req = axum::http::Request::get("/")
                    .header(axum::http::header::COOKIE, &cookie)
                    .body(axum::body::Body::empty())
                    .unwrap();
                seen.push(TestApp::send_to(&router, req).await.status);
            }
            seen
        });
    }
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    tokio::task::spawn_blocking(move || {
        use diesel::RunQueryDsl;
        let mut a = hearth_store::db::establish(&admin).unwrap();
        diesel::sql_query(format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}' AND pid <> pg_backend_pid()"))
            .execute(&mut a)
            .unwrap();
    })
    .await
    .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    while let Some(seen) = loads.join_next().await {
        for status in seen.unwrap() {
            assert!(
                [StatusCode::OK, StatusCode::SERVICE_UNAVAILABLE].contains(&status),
                "{status}"
            );
        }
    }
    let mut failures = 0;
    for _ in 0..8 {
        if app.get("/readyz", None).await.status != StatusCode::OK {
            failures += 1;
        }
    }
    assert!(
        failures <= 4,
        "{failures} of 8 failed: broken connections were handed out again"
    );
    for _ in 0..4 {
        assert_eq!(app.get("/", Some(&c)).await.status, StatusCode::OK);
    }
}

/// A PostgreSQL URL with a setting only libpq reads keeps the reads every page makes on the
/// pool (ADR 0014), and the pages work the same: this is the `sslmode=verify-full` set-up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_pages_work_with_every_read_on_the_pool() {
    let Some(app) = TestApp::postgres_with("fallback_application_name=hearth-test").await else {
        return;
    };
    assert!(!app.state.pipelined_reads());
    app.user("ana@x.test", &[Role::Member]).await;
    let c = app.signin("ana@x.test").await;
    assert!(app.get("/", Some(&c)).await.body.contains("Hello, ana"));
    let r = app
        .post_form(
            "/circle",
            Some(&c),
            &[("name", "Dana"), ("ring", "inner"), ("kind", "friend")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let circle = app.get("/circle?card=x", Some(&c)).await;
    assert_eq!(circle.status, StatusCode::OK);
    assert!(circle.body.contains("Dana"));
}

/// With an https base URL, cookies are Secure and HSTS is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_base_url_means_secure_cookies_and_hsts() {
    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("h.sqlite3").to_string_lossy().into_owned();
    hearth_store::db::establish(&url)
        .unwrap()
        .run_migrations()
        .unwrap();
    let mailer = hearth_web::mail::Mailer::from_config(None, "h@x.test", dir.path()).unwrap();
    let pool = hearth_store::db::pool(&url, 2).unwrap();
    let config = hearth_web::Config {
        base_url: "https://care.example.org".into(),
        data_dir: dir.path().into(),
        trust_forwarded_for: false,
    };
    let state = hearth_web::state::AppState::new(pool, &url, config, mailer);
    let hash = hearth_web::accounts::hash_password(common::PASSWORD);
    state
        .db(move |c| {
            hearth_store::users::create(
                c,
                hearth_store::users::NewUser {
                    email: "ana@x.test",
                    display_name: "Ana",
                    password_hash: Some(&hash),
                    roles: &[Role::Member],
                    language: Default::default(),
                },
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let router = hearth_web::router(state);
    let req = Request::post("/signin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "https://care.example.org")
        .body(Body::from(format!(
            "email=ana%40x.test&password={}",
            urlencoding::encode(common::PASSWORD)
        )))
        .unwrap();
    let res = TestApp::send_to(&router, req).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(res.cookie("hearth_session").unwrap().contains("; Secure"));
    let hsts = res
        .headers
        .get(header::STRICT_TRANSPORT_SECURITY)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(hsts.starts_with("max-age="));
}

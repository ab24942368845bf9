//! The JSON API: the authorization matrix over every route, problem+json errors, and the
//! OpenAPI document, on SQLite and PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::TestApp;
use hearth_core::roles::Role;
use serde_json::json;

/// Every API route. A new route must be added here, to the matrix below and to the
/// OpenAPI document (the last test checks that these agree).
const ROUTES: &[(&str, &str)] = &[
    ("POST", "/api/v1/auth/token"),
    ("DELETE", "/api/v1/auth/token"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/admin/users"),
    ("POST", "/api/v1/invitations"),
    ("GET", "/api/v1/care-links"),
    ("GET", "/api/v1/care-links/{id}"),
    ("PUT", "/api/v1/care-links/{id}/consent"),
    ("POST", "/api/v1/safety/screen"),
    ("GET", "/api/v1/me/circle"),
    ("POST", "/api/v1/me/circle"),
    ("GET", "/api/v1/me/circle/analysis"),
    ("GET", "/api/v1/me/circle/{entry}"),
    ("PATCH", "/api/v1/me/circle/{entry}"),
    ("GET", "/api/v1/members/{member}/circle"),
    ("DELETE", "/api/v1/me/circle/{entry}"),
    ("GET", "/api/v1/me/checkins"),
    ("POST", "/api/v1/me/checkins"),
    ("GET", "/api/v1/members/{member}/checkins"),
    ("GET", "/api/v1/instruments"),
    ("POST", "/api/v1/me/measures"),
    ("GET", "/api/v1/me/measures"),
    ("GET", "/api/v1/members/{member}/measures"),
    ("GET", "/api/v1/resources"),
    ("GET", "/api/v1/resources/{id}"),
    ("GET", "/api/v1/resources/{id}/calendar.ics"),
    ("GET", "/api/v1/me/matches"),
];

#[derive(Debug, Clone, Copy)]
enum Who {
    Anonymous,
    Member,
    OtherMember,
    ClinicianWithout,
    ClinicianWith,
    Admin,
}

const EVERYONE: [Who; 6] = [
    Who::Anonymous,
    Who::Member,
    Who::OtherMember,
    Who::ClinicianWithout,
    Who::ClinicianWith,
    Who::Admin,
];

struct World {
    tokens: std::collections::HashMap<&'static str, String>,
    link_id: String,
    member_id: String,
    entry_id: String,
}

async fn world(app: &TestApp) -> World {
    let member = app.user("member@x.test", &[Role::Member]).await;
    app.user("other@x.test", &[Role::Member]).await;
    app.user("clin-without@x.test", &[Role::Clinician]).await;
    let clin = app.user("clin-with@x.test", &[Role::Clinician]).await;
    app.user("admin@x.test", &[Role::Admin]).await;
    let m = member.clone();
    let (link_id, entry_id) = app
        .state
        .tx(move |c| {
            let l = hearth_store::care::invite(c, &clin, &m, &clin)?;
            hearth_store::care::accept(c, &l.id)?;
            let e = hearth_core::circle::Entry {
                id: String::new(),
                name: "Dana".into(),
                kind: hearth_core::circle::Kind::Friend,
                ring: hearth_core::circle::Ring::Inner,
                details: Default::default(),
                note: None,
            };
            let entry = hearth_store::circle::insert(c, &m, &e, hearth_store::now())?;
            Ok((l.id, entry))
        })
        .await
        .unwrap();
    let mut tokens = std::collections::HashMap::new();
    for e in [
        "member@x.test",
        "other@x.test",
        "clin-without@x.test",
        "clin-with@x.test",
        "admin@x.test",
    ] {
        tokens.insert(e, app.token(e).await);
    }
    World {
        tokens,
        link_id,
        member_id: member,
        entry_id,
    }
}

fn token_of(w: &World, who: Who) -> Option<String> {
    let email = match who {
        Who::Anonymous => return None,
        Who::Member => "member@x.test",
        Who::OtherMember => "other@x.test",
        Who::ClinicianWithout => "clin-without@x.test",
        Who::ClinicianWith => "clin-with@x.test",
        Who::Admin => "admin@x.test",
    };
    Some(w.tokens[email].clone())
}

/// The status each caller must get from each route.
fn expected(route: (&str, &str), who: Who) -> StatusCode {
    use StatusCode as S;
    use Who::*;
    match (route, who) {
        (("POST", "/api/v1/auth/token"), _) => S::UNAUTHORIZED, // called with a wrong password
        (_, Anonymous) => S::UNAUTHORIZED,
        (("DELETE", "/api/v1/auth/token"), _) => S::NO_CONTENT,
        (("GET", "/api/v1/me"), _) => S::OK,
        (("GET", "/api/v1/admin/users"), Admin) => S::OK,
        (("GET", "/api/v1/admin/users"), _) => S::FORBIDDEN,
        (("POST", "/api/v1/invitations"), Admin | ClinicianWith | ClinicianWithout) => S::CREATED,
        (("POST", "/api/v1/invitations"), _) => S::FORBIDDEN,
        (("GET", "/api/v1/care-links"), _) => S::OK,
        (("GET", "/api/v1/care-links/{id}"), Member | ClinicianWith | Admin) => S::OK,
        (("GET", "/api/v1/care-links/{id}"), _) => S::NOT_FOUND,
        (("PUT", "/api/v1/care-links/{id}/consent"), Member) => S::OK,
        (("PUT", "/api/v1/care-links/{id}/consent"), ClinicianWith | Admin) => S::FORBIDDEN,
        (("PUT", "/api/v1/care-links/{id}/consent"), _) => S::NOT_FOUND,
        (("POST", "/api/v1/safety/screen"), ClinicianWith | ClinicianWithout | Admin) => S::OK,
        (("POST", "/api/v1/safety/screen"), _) => S::FORBIDDEN,
        (("GET", "/api/v1/me/circle"), _) => S::OK,
        (("POST", "/api/v1/me/circle"), _) => S::CREATED,
        (("GET", "/api/v1/me/circle/analysis"), _) => S::OK,
        (("GET" | "PATCH", "/api/v1/me/circle/{entry}"), Member) => S::OK,
        (("DELETE", "/api/v1/me/circle/{entry}"), Member) => S::NO_CONTENT,
        ((_, "/api/v1/me/circle/{entry}"), _) => S::NOT_FOUND,
        // The member's pass (before the clinician's) turns the circle scope on with PUT consent.
        (("GET", "/api/v1/members/{member}/circle"), ClinicianWith) => S::OK,
        (("GET", "/api/v1/members/{member}/circle"), _) => S::NOT_FOUND,
        (("GET", "/api/v1/me/checkins"), _) => S::OK,
        (("POST", "/api/v1/me/checkins"), _) => S::CREATED,
        // The member's consent (set in their pass) shares the circle, not check-ins.
        (("GET", "/api/v1/members/{member}/checkins"), _) => S::NOT_FOUND,
        (("GET", "/api/v1/instruments"), _) => S::OK,
        (("POST", "/api/v1/me/measures"), _) => S::CREATED,
        (("GET", "/api/v1/me/measures"), _) => S::OK,
        (("GET", "/api/v1/members/{member}/measures"), _) => S::NOT_FOUND,
        (("GET", "/api/v1/resources"), _) => S::OK,
        (("GET", "/api/v1/me/matches"), _) => S::OK,
        // The matrix's world holds no resources: every id is unknown to everyone.
        (("GET", "/api/v1/resources/{id}" | "/api/v1/resources/{id}/calendar.ics"), _) => {
            S::NOT_FOUND
        }
        (r, _) => panic!("no expectation for {r:?}: add it to the matrix"),
    }
}

async fn authorization_matrix(app: TestApp) {
    let w = world(&app).await;
    let mut n = 0;
    for who in EVERYONE {
        for &(method, path) in ROUTES {
            // Revoking is checked last for each caller, since it ends their token.
            if (method, path) == ("DELETE", "/api/v1/auth/token") {
                continue;
            }
            let res = call(&app, &w, who, method, path, n).await;
            n += 1;
            let want = expected((method, path), who);
            assert_eq!(res.status, want, "{who:?} {method} {path}: {}", res.body);
            if !res.status.is_success() {
                assert_eq!(
                    res.content_type(),
                    "application/problem+json",
                    "{who:?} {method} {path}"
                );
            }
        }
        let res = call(&app, &w, who, "DELETE", "/api/v1/auth/token", n).await;
        assert_eq!(
            res.status,
            expected(("DELETE", "/api/v1/auth/token"), who),
            "{who:?} DELETE"
        );
        if let Some(t) = token_of(&w, who) {
            let after = app.api(Method::GET, "/api/v1/me", Some(&t), None).await;
            assert_eq!(
                after.status,
                StatusCode::UNAUTHORIZED,
                "a revoked token stops working"
            );
        }
    }
}

async fn call(
    app: &TestApp,
    w: &World,
    who: Who,
    method: &str,
    path: &str,
    n: usize,
) -> common::Res {
    let token = token_of(w, who);
    let path = path
        .replace("{id}", &w.link_id)
        .replace("{entry}", &w.entry_id)
        .replace("{member}", &w.member_id);
    let body = match (method, path.as_str()) {
        ("POST", "/api/v1/auth/token") => {
            Some(json!({"email": format!("nobody{n}@x.test"), "password": "definitely wrong"}))
        }
        ("POST", "/api/v1/invitations") => {
            Some(json!({"email": format!("invitee{n}@x.test"), "roles": ["member"]}))
        }
        ("PUT", _) => Some(json!({"scopes": ["circle", "safety_alerts"]})),
        ("POST", "/api/v1/me/circle") => {
            Some(json!({"name": format!("Friend {n}"), "circle": "middle", "kind": "friend"}))
        }
        ("PATCH", _) => Some(json!({"circle": "outer"})),
        ("POST", "/api/v1/me/checkins") => {
            Some(json!({"mood": 3, "energy": 2, "connectedness": 4}))
        }
        ("POST", "/api/v1/me/measures") => Some(json!({"instrument": "gad2", "answers": [1, 2]})),
        ("POST", "/api/v1/safety/screen") => {
            Some(json!({"text": "I keep thinking about killing myself", "lang": "en"}))
        }
        _ => None,
    };
    let m = Method::from_bytes(method.as_bytes()).unwrap();
    app.api(m, &path, token.as_deref(), body).await
}

async fn me_and_tokens(app: TestApp) {
    let id = app
        .user("ana@x.test", &[Role::Member, Role::Facilitator])
        .await;
    let res = app
        .api(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(json!({"email": "ANA@x.test ", "password": common::PASSWORD})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let body = res.json();
    let exp = chrono::DateTime::parse_from_rfc3339(body["expires_at"].as_str().unwrap()).unwrap();
    assert!(exp > chrono::Utc::now() + chrono::Duration::days(29));
    let token = body["token"].as_str().unwrap();
    let me = app
        .api(Method::GET, "/api/v1/me", Some(token), None)
        .await
        .json();
    assert_eq!(me["id"], id.as_str());
    assert_eq!(me["email"], "ana@x.test");
    assert_eq!(me["roles"], json!(["member", "facilitator"]));
    assert_eq!(me["language"], "en");
    let bogus = app
        .api(Method::GET, "/api/v1/me", Some("not-a-token"), None)
        .await;
    assert_eq!(bogus.status, StatusCode::UNAUTHORIZED);
}

async fn bad_input_gets_problem_json(app: TestApp) {
    let req = Request::post("/api/v1/auth/token")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{not json"))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.content_type(), "application/problem+json");
    assert!(res.json()["type"]
        .as_str()
        .unwrap()
        .ends_with("/bad-request"));

    let big = format!(
        "{{\"email\":\"{}\",\"password\":\"x\"}}",
        "a".repeat(hearth_web::BODY_LIMIT + 10)
    );
    let req = Request::post("/api/v1/auth/token")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(big))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(res.content_type(), "application/problem+json");

    let res = app
        .api(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(json!({"email": "", "password": ""})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = res.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, vec!["email", "password"]);

    app.user("admin@x.test", &[Role::Admin]).await;
    let t = app.token("admin@x.test").await;
    let res = app
        .api(
            Method::POST,
            "/api/v1/invitations",
            Some(&t),
            Some(json!({"email": "admin@x.test", "roles": []})),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errs = res.json()["errors"].clone();
    assert!(errs
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["field"] == "email" && e["code"] == "error-email-taken"));
    assert!(errs
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["field"] == "roles"));

    let res = app
        .api(Method::GET, "/api/v1/no-such-thing", Some(&t), None)
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.content_type(), "application/problem+json");
}

async fn clinicians_may_only_invite_members(app: TestApp) {
    app.user("clin@x.test", &[Role::Clinician]).await;
    let t = app.token("clin@x.test").await;
    let res = app
        .api(
            Method::POST,
            "/api/v1/invitations",
            Some(&t),
            Some(json!({"email": "boss@x.test", "roles": ["admin"]})),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

async fn consent_is_the_members_alone(app: TestApp) {
    let w = world(&app).await;
    let m = &w.tokens["member@x.test"];
    let link = app
        .api(
            Method::GET,
            &format!("/api/v1/care-links/{}", w.link_id),
            Some(m),
            None,
        )
        .await
        .json();
    assert_eq!(
        link["scopes"],
        json!(["safety_alerts"]),
        "only safety alerts by default"
    );
    let r = app
        .api(
            Method::PUT,
            &format!("/api/v1/care-links/{}/consent", w.link_id),
            Some(m),
            Some(json!({"scopes": ["measures"]})),
        )
        .await;
    assert_eq!(r.json()["scopes"], json!(["measures"]));
    let r = app
        .api(
            Method::PUT,
            &format!("/api/v1/care-links/{}/consent", w.link_id),
            Some(m),
            Some(json!({"scopes": ["everything"]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ids = app
        .state
        .db(|c| {
            let member = hearth_store::users::find_by_email(c, "member@x.test")?
                .unwrap()
                .id;
            let clin = hearth_store::users::find_by_email(c, "clin-with@x.test")?
                .unwrap()
                .id;
            let other = hearth_store::users::find_by_email(c, "clin-without@x.test")?
                .unwrap()
                .id;
            Ok((
                hearth_store::care::clinician_may_see(
                    c,
                    &clin,
                    &member,
                    hearth_core::care::Scope::Measures,
                )?,
                hearth_store::care::clinician_may_see(
                    c,
                    &clin,
                    &member,
                    hearth_core::care::Scope::Circle,
                )?,
                hearth_store::care::clinician_may_see(
                    c,
                    &other,
                    &member,
                    hearth_core::care::Scope::Measures,
                )?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(ids, (true, false, false));
}

async fn openapi_documents_every_route(app: TestApp) {
    let res = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(res.status, StatusCode::OK);
    let doc = res.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            documented.push((method.to_uppercase(), path.clone()));
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{method} {path} has responses"
            );
        }
    }
    documented.sort();
    let mut routes: Vec<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| {
            (
                m.to_string(),
                p.replace("{entry}", "{id}").replace("{member}", "{id}"),
            )
        })
        .collect();
    routes.sort();
    assert_eq!(documented, routes);
    assert!(doc["components"]["schemas"]["Problem"].is_object());
}

async fn circle_api(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let clin = app.user("dr@x.test", &[Role::Clinician]).await;
    let t = app.token("ana@x.test").await;
    let app_ref = &app;
    let api = |m: Method, p: &str, b: Option<serde_json::Value>| {
        let t = t.clone();
        let p = p.to_string();
        async move { app_ref.api(m, &p, Some(&t), b).await }
    };
    // Bad input names the field; nothing is saved.
    let r = api(
        Method::POST,
        "/api/v1/me/circle",
        Some(json!({"name": "Dana"})),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "circle");
    let r = api(
        Method::POST,
        "/api/v1/me/circle",
        Some(json!({"name": "Dana", "circle": "inner", "kind": "cousin", "gives_me": {"emotional": 9}})),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<_> = r.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, vec!["kind"]);
    let r = api(
        Method::POST,
        "/api/v1/me/circle",
        Some(json!({"name": "Dana", "circle": "inner", "gives_me": {"emotional": 9}})),
    )
    .await;
    assert_eq!(r.json()["errors"][0]["field"], "gives_me");
    let r = api(
        Method::POST,
        "/api/v1/me/circle",
        Some(json!({"name": "Dana", "circle": "inner", "surprise": 1})),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "unknown fields are refused"
    );
    assert_eq!(
        api(Method::GET, "/api/v1/me/circle", None).await.json(),
        json!([])
    );

    // A good entry, then a patch that changes one field and clears another.
    let r = api(
        Method::POST,
        "/api/v1/me/circle",
        Some(json!({"name": "Dana", "circle": "inner", "kind": "friend",
                     "gives_me": {"emotional": 3}, "strain": 2, "contact_modes": ["text"],
                     "note": "met at the library"})),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let body = r.json();
    assert_eq!(body["card"], serde_json::Value::Null);
    let id = body["entry"]["id"].as_str().unwrap().to_string();
    assert_eq!(body["entry"]["gives_me"]["emotional"], 3);
    let r = api(
        Method::PATCH,
        &format!("/api/v1/me/circle/{id}"),
        Some(json!({"circle": "middle", "strain": null})),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let e = &r.json()["entry"];
    assert_eq!(
        (
            e["circle"].as_str(),
            e["strain"].is_null(),
            e["note"].as_str()
        ),
        (Some("middle"), true, Some("met at the library"))
    );
    let r = api(
        Method::PATCH,
        &format!("/api/v1/me/circle/{id}"),
        Some(json!({"note": "I won't be a burden to anyone much longer."})),
    )
    .await;
    assert_eq!(r.json()["card"], "moderate", "the note is screened");
    let a = api(Method::GET, "/api/v1/me/circle/analysis", None)
        .await
        .json();
    assert!(a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "support.single" && f["entry"] == id.as_str()));
    assert!(a["communities_missing"]
        .as_array()
        .unwrap()
        .contains(&json!("peer_support")));

    // The clinician: nothing without the circle scope; shape without names; names with them.
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
    let ct = app.token("dr@x.test").await;
    let path = format!("/api/v1/members/{member}/circle");
    assert_eq!(
        app.api(Method::GET, &path, Some(&ct), None).await.status,
        StatusCode::NOT_FOUND
    );
    let r = api(
        Method::PUT,
        &format!("/api/v1/care-links/{link}/consent"),
        Some(json!({"scopes": ["circle", "safety_alerts"]})),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let v = app.api(Method::GET, &path, Some(&ct), None).await.json();
    assert_eq!(v["names_shared"], false);
    assert!(v["entries"][0]["name"].is_null() && v["entries"][0]["note"].is_null());
    assert_eq!(v["entries"][0]["kind"], "friend");
    api(
        Method::PUT,
        &format!("/api/v1/care-links/{link}/consent"),
        Some(json!({"scopes": ["circle", "circle_names", "safety_alerts"]})),
    )
    .await;
    let v = app.api(Method::GET, &path, Some(&ct), None).await.json();
    assert_eq!(v["entries"][0]["name"], "Dana");
    assert!(
        v["entries"][0]["note"].is_null(),
        "the private note is never shared"
    );
    let audited = app
        .state
        .db(|c| Ok(hearth_store::audit::search(c, &Default::default(), 100)?))
        .await
        .unwrap();
    assert_eq!(
        audited
            .iter()
            .filter(|e| e.action == "circle_viewed")
            .count(),
        2
    );

    let r = api(Method::DELETE, &format!("/api/v1/me/circle/{id}"), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        api(Method::GET, &format!("/api/v1/me/circle/{id}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn safety_screen_api(app: TestApp) {
    app.user("clin@x.test", &[Role::Clinician]).await;
    let t = app.token("clin@x.test").await;
    let screen = |body: serde_json::Value| {
        app.api(Method::POST, "/api/v1/safety/screen", Some(&t), Some(body))
    };
    let r = screen(
        json!({"text": "I've been saving up my pills and tonight is the night", "lang": "en"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["level"], "severe");
    assert!(
        !r.body.contains("pills"),
        "the answer never repeats the words"
    );
    let r = screen(json!({"text": "친구가 죽고 싶대요 어떻게 도와줘야 할까요"}))
        .await
        .json();
    assert_eq!(
        (r["level"].as_str(), r["concern_for_other"].as_bool()),
        (Some("none"), Some(true))
    );
    assert_eq!(screen(json!({"text": ""})).await.json()["level"], "none");
    let long = screen(json!({"text": "a".repeat(30_000)})).await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        screen(json!({"text": "hi", "lang": "fr"})).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

both_backends!(
    safety_screen_api,
    authorization_matrix,
    me_and_tokens,
    bad_input_gets_problem_json,
    clinicians_may_only_invite_members,
    consent_is_the_members_alone,
    openapi_documents_every_route,
    circle_api
);

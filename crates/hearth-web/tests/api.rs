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
}

async fn world(app: &TestApp) -> World {
    let member = app.user("member@x.test", &[Role::Member]).await;
    app.user("other@x.test", &[Role::Member]).await;
    app.user("clin-without@x.test", &[Role::Clinician]).await;
    let clin = app.user("clin-with@x.test", &[Role::Clinician]).await;
    app.user("admin@x.test", &[Role::Admin]).await;
    let link_id = app
        .state
        .tx(move |c| {
            let l = hearth_store::care::invite(c, &clin, &member, &clin)?;
            hearth_store::care::accept(c, &l.id)?;
            Ok(l.id)
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
    World { tokens, link_id }
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
        (r, _) => panic!("no expectation for {r:?}: add it to the matrix"),
    }
}

async fn authorization_matrix(app: TestApp) {
    let w = world(&app).await;
    let mut n = 0;
    for who in EVERYONE {
        for &(method, path) in ROUTES {
            // Revoking is checked last for each caller, since it ends their token.
            if method == "DELETE" {
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
    let path = path.replace("{id}", &w.link_id);
    let body = match (method, path.as_str()) {
        ("POST", "/api/v1/auth/token") => {
            Some(json!({"email": format!("nobody{n}@x.test"), "password": "definitely wrong"}))
        }
        ("POST", "/api/v1/invitations") => {
            Some(json!({"email": format!("invitee{n}@x.test"), "roles": ["member"]}))
        }
        ("PUT", _) => Some(json!({"scopes": ["circle", "safety_alerts"]})),
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
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    routes.sort();
    assert_eq!(documented, routes);
    assert!(doc["components"]["schemas"]["Problem"].is_object());
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
    openapi_documents_every_route
);

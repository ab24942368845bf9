//! The test harness: a fresh database per test (a temp SQLite file, or a new PostgreSQL
//! database), requests run in-process, email captured as files.
#![allow(dead_code)]

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use hearth_core::account::Language;
use hearth_core::roles::Role;
use hearth_store::db::{self, Backend};
use hearth_store::users::{self, NewUser};
use hearth_web::mail::Mailer;
use hearth_web::state::AppState;
use hearth_web::Config;
use http_body_util::BodyExt;
use std::net::SocketAddr;
use tower::ServiceExt;

pub const PASSWORD: &str = "violet kettle harbour mosaic";

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub backend: Backend,
    pub url: String,
    pub dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

pub struct Res {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Res {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(String::from)
    }
    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// Where PostgreSQL tests connect: `HEARTH_TEST_POSTGRES_URL`, pointing at a server where
/// the user may create databases. Without it, PostgreSQL tests say so loudly and, under
/// CI=true, fail.
fn pg_admin_url() -> Option<String> {
    match std::env::var("HEARTH_TEST_POSTGRES_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("HEARTH_TEST_POSTGRES_URL is not set and CI=true: PostgreSQL tests must run (use ./scripts/test)");
            }
            eprintln!("\n*** SKIPPING a PostgreSQL test: HEARTH_TEST_POSTGRES_URL is not set (./scripts/test sets it) ***\n");
            None
        }
    }
}

fn with_db(url: &str, db: &str) -> String {
    // Replace the path (database name) of a postgres:// URL, keeping any query string.
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, Some(q)))
        .unwrap_or((url, None));
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    let mut out = format!("{}/{}", &base[..host_end], db);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

impl TestApp {
    pub async fn sqlite() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let url = dir
            .path()
            .join("hearth.sqlite3")
            .to_string_lossy()
            .into_owned();
        Self::build(url, dir, None).await
    }

    pub async fn postgres() -> Option<TestApp> {
        Self::postgres_with("").await
    }

    /// On PostgreSQL, with `param` (`name=value`) added to the server's URL.
    pub async fn postgres_with(param: &str) -> Option<TestApp> {
        let admin = pg_admin_url()?;
        let name = format!("hearth_t_{}", uuid::Uuid::now_v7().simple());
        let a = admin.clone();
        let n = name.clone();
        tokio::task::spawn_blocking(move || {
            use diesel::RunQueryDsl;
            let mut c = db::establish(&a).expect("connect to HEARTH_TEST_POSTGRES_URL");
            diesel::sql_query(format!("CREATE DATABASE {n}"))
                .execute(&mut c)
                .expect("create test database");
        })
        .await
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut url = with_db(&admin, &name);
        if !param.is_empty() {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(param);
        }
        Some(Self::build(url, dir, Some((admin, name))).await)
    }

    async fn build(url: String, dir: tempfile::TempDir, pg: Option<(String, String)>) -> TestApp {
        let u = url.clone();
        tokio::task::spawn_blocking(move || db::establish(&u).unwrap().run_migrations().unwrap())
            .await
            .unwrap();
        let state = Self::state_for(&url, dir.path());
        TestApp {
            router: hearth_web::router(state.clone()),
            state,
            backend: db::backend_of(&url),
            url,
            dir,
            pg,
        }
    }

    /// A second server on the same database, as behind a load balancer.
    pub fn second_server(&self) -> Router {
        hearth_web::router(Self::state_for(&self.url, self.dir.path()))
    }

    /// Another server's state on the same database: its own clock, pool and caches.
    pub fn second_state(&self) -> AppState {
        Self::state_for(&self.url, self.dir.path())
    }

    fn state_for(url: &str, dir: &std::path::Path) -> AppState {
        let mailer = Mailer::from_config(None, "Hearth <hearth@test.invalid>", dir).unwrap();
        let pool = db::pool(url, 4).expect("pool");
        AppState::new(
            pool,
            url,
            Config {
                base_url: "http://hearth.test".into(),
                data_dir: dir.to_path_buf(),
                trust_forwarded_for: false,
            },
            mailer,
        )
    }

    pub async fn send_to(router: &Router, req: Request<Body>) -> Res {
        let mut req = req;
        if req.extensions().get::<ConnectInfo<SocketAddr>>().is_none() {
            req.extensions_mut()
                .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
        }
        let res = router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Res {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn send(&self, req: Request<Body>) -> Res {
        Self::send_to(&self.router, req).await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Res {
        let mut b = Request::get(path);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    /// A form POST from a given client address.
    pub async fn post_form_from(&self, addr: [u8; 4], path: &str, form: &[(&str, &str)]) -> Res {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", urlencoding::encode(k), urlencoding::encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((addr, 40000))));
        self.send(req).await
    }

    pub async fn post_form(&self, path: &str, cookie: Option<&str>, form: &[(&str, &str)]) -> Res {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", urlencoding::encode(k), urlencoding::encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut b =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        self.send(b.body(Body::from(body)).unwrap()).await
    }

    pub async fn api(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        json: Option<serde_json::Value>,
    ) -> Res {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let body = match json {
            Some(j) => {
                b = b.header(header::CONTENT_TYPE, "application/json");
                Body::from(j.to_string())
            }
            None => Body::empty(),
        };
        self.send(b.body(body).unwrap()).await
    }

    /// Creates a person with a password directly in the store.
    pub async fn user(&self, email: &str, roles: &[Role]) -> String {
        let (email, roles) = (email.to_string(), roles.to_vec());
        let hash = hearth_web::accounts::hash_password(PASSWORD);
        self.state
            .db(move |c| {
                Ok(users::create(
                    c,
                    NewUser {
                        email: &email,
                        display_name: email.split('@').next().unwrap(),
                        password_hash: Some(&hash),
                        roles: &roles,
                        language: Language::En,
                    },
                )
                .unwrap()
                .id)
            })
            .await
            .unwrap()
    }

    /// Signs in through the form and returns the `Cookie` header value to send.
    pub async fn signin(&self, email: &str) -> String {
        let res = self
            .post_form(
                "/signin",
                None,
                &[("email", email), ("password", PASSWORD), ("next", "/")],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "sign-in of {email} failed: {}",
            res.body
        );
        let c = res.cookie("hearth_session").expect("session cookie");
        c.split(';').next().unwrap().to_string()
    }

    pub async fn token(&self, email: &str) -> String {
        let res = self
            .api(
                Method::POST,
                "/api/v1/auth/token",
                None,
                Some(serde_json::json!({"email": email, "password": PASSWORD})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        res.json()["token"].as_str().unwrap().to_string()
    }

    /// Every email written so far, oldest first, decoded to text.
    pub fn mails(&self) -> Vec<String> {
        let dir = self.dir.path().join("mail");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .map(|p| decode_mail(&std::fs::read_to_string(p).unwrap()))
            .collect()
    }

    /// Every email to one address so far, decoded to text.
    pub fn mails_to(&self, to: &str) -> Vec<String> {
        let dir = self.dir.path().join("mail");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .filter(|raw| {
                let head = raw.split("\r\n\r\n").next().unwrap_or("");
                head.lines()
                    .any(|l| l.to_ascii_lowercase().starts_with("to:") && l.contains(to))
            })
            .map(|raw| decode_mail(&raw))
            .collect()
    }

    /// The first link in the newest email that starts with `prefix`.
    pub fn last_link(&self, prefix: &str) -> String {
        let mails = self.mails();
        let m = mails.last().expect("an email was sent");
        let start = m
            .find(prefix)
            .unwrap_or_else(|| panic!("no {prefix} link in: {m}"));
        m[start..].split_whitespace().next().unwrap().to_string()
    }
}

/// Undoes the quoted-printable or base64 body encoding that lettre may choose.
pub fn decode_mail(raw: &str) -> String {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
    if head
        .to_ascii_lowercase()
        .contains("content-transfer-encoding: base64")
    {
        let joined: String = body.split_whitespace().collect();
        return String::from_utf8(data_encoding::BASE64.decode(joined.as_bytes()).unwrap())
            .unwrap();
    }
    if head.to_ascii_lowercase().contains("quoted-printable") {
        let soft = body.replace("=\r\n", "");
        let mut out = vec![];
        let bytes = soft.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' && i + 2 < bytes.len() {
                if let Ok(b) = u8::from_str_radix(&soft[i + 1..i + 3], 16) {
                    out.push(b);
                    i += 3;
                    continue;
                }
            }
            out.push(bytes[i]);
            i += 1;
        }
        return String::from_utf8_lossy(&out).into_owned();
    }
    body.to_string()
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            let _ = std::thread::spawn(move || {
                use diesel::RunQueryDsl;
                if let Ok(mut c) = db::establish(&admin) {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut c);
                }
            })
            .join();
        }
    }
}

/// Runs one async test body against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::common::TestApp::sqlite().await).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = $crate::common::TestApp::postgres().await {
                        super::$name(app).await
                    }
                }
            }
        )*
    };
}

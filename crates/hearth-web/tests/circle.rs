//! My circle over HTTP on both databases: adding with only a name and a circle, details
//! and their bad input, the map and the analysis, "we connected today", the note screened
//! like all member text, deleting with the safety plan kept whole, what changed, and
//! that nobody else can read or touch an entry.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::TestApp;
use hearth_core::roles::Role;
use hearth_store::circle;

const MODERATE: &str =
    "Everyone would be better off without me. I think about it every single day now.";

async fn add(app: &TestApp, cookie: &str, name: &str, ring: &str, kind: &str) -> String {
    let r = app
        .post_form(
            "/circle",
            Some(cookie),
            &[("name", name), ("ring", ring), ("kind", kind)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().to_string()
}

async fn entries(app: &TestApp, member: &str) -> Vec<hearth_core::circle::Entry> {
    let m = member.to_string();
    app.state
        .db(move |c| Ok(circle::list(c, &m)?))
        .await
        .unwrap()
}

fn id_of(list: &[hearth_core::circle::Entry], name: &str) -> String {
    list.iter().find(|e| e.name == name).unwrap().id.clone()
}

async fn add_then_details_with_map_and_analysis(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    let empty = app.get("/circle", Some(&ana)).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("Nobody is in your inner circle yet"));

    assert_eq!(
        add(&app, &ana, "Dana", "inner", "friend").await,
        "/circle?done=circle-added"
    );
    add(&app, &ana, "Tuesday group", "middle", "peer_support_group").await;
    let dana = id_of(&entries(&app, &member).await, "Dana");

    // Only a name and a circle are needed; a missing name or circle is a field error.
    let r = app
        .post_form("/circle", Some(&ana), &[("name", ""), ("ring", "nowhere")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-name\"") && r.body.contains("href=\"#f-ring\""));

    let page = app.get("/circle", Some(&ana)).await;
    assert!(page.body.contains("<svg") && page.body.contains("role=\"img\""));
    assert!(
        page.body.contains("class=\"node circle\""),
        "a friend is a circle"
    );
    assert!(
        page.body.contains("class=\"node diamond\""),
        "peer support is a diamond"
    );
    // Each shape in use is drawn once and placed at each of its entries.
    for shape in ["circle", "diamond"] {
        assert_eq!(
            page.body
                .matches(&format!("<path id=\"shape-{shape}\" d=\"M"))
                .count(),
            1,
            "{shape} drawn once"
        );
        assert!(page
            .body
            .contains(&format!("<use href=\"#shape-{shape}\" x=\"")));
    }
    assert!(
        !page.body.contains("id=\"shape-star\""),
        "only shapes in use"
    );
    assert!(
        page.body.contains("<th scope=\"row\">Dana"),
        "the table lists the same"
    );
    assert!(page
        .body
        .contains("Nobody in your circle gives you emotional support"));

    // Details: support each way, strain, being myself.
    let r = app
        .post_form(
            &format!("/circle/{dana}"),
            Some(&ana),
            &[
                ("name", "Dana"),
                ("ring", "inner"),
                ("kind", "friend"),
                ("gives_emotional", "3"),
                ("gives_practical", "2"),
                ("receives_emotional", "2"),
                ("strain", "2"),
                ("be_myself", "yes"),
                ("modes", "text"),
                ("modes", "in_person"),
                ("crisis_contact", "on"),
                ("phone", "555-0142"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let e = entries(&app, &member).await;
    let d = &e.iter().find(|x| x.id == dana).unwrap().details;
    assert_eq!(d.gives[0], Some(3));
    assert_eq!(d.modes.len(), 2);
    assert!(d.crisis_contact);
    let page = app.get("/circle", Some(&ana)).await;
    assert!(page.body.contains("Only Dana gives you emotional support"));
    assert!(page
        .body
        .contains("Dana supports you and is also often hard on you"));
    assert!(
        page.body
            .contains("You can be yourself with one person in your inner circle"),
        "plural forms"
    );
    assert!(
        page.body.contains("node circle strained"),
        "strain is visible on the map"
    );

    // Bad input comes back marked, with what was typed.
    let r = app
        .post_form(
            &format!("/circle/{dana}"),
            Some(&ana),
            &[
                ("name", "Dana K"),
                ("ring", "inner"),
                ("gives_emotional", "7"),
                ("last_contact", "2999-01-01"),
                ("phone", "call me"),
                ("note", "kept words"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for f in ["gives_emotional", "last_contact", "phone"] {
        assert!(r.body.contains(&format!("href=\"#f-{f}\"")), "{f}");
    }
    assert!(
        r.body.contains("Dana K") && r.body.contains("kept words") && r.body.contains("call me")
    );
    assert_eq!(
        entries(&app, &member)
            .await
            .iter()
            .find(|x| x.id == dana)
            .unwrap()
            .name,
        "Dana",
        "nothing saved"
    );
}

async fn connected_today_quiets_the_finding(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    add(&app, &ana, "Sam", "middle", "family").await;
    let sam = id_of(&entries(&app, &member).await, "Sam");
    app.post_form(
        &format!("/circle/{sam}"),
        Some(&ana),
        &[
            ("name", "Sam"),
            ("ring", "middle"),
            ("kind", "family"),
            ("contact_wished", "weekly"),
            ("last_contact", "2026-01-05"),
        ],
    )
    .await;
    let page = app.get("/circle", Some(&ana)).await;
    assert!(page.body.contains("since you were last in touch with Sam"));
    assert!(page.body.contains("Send Sam a two-line message"));
    let r = app
        .post_form(&format!("/circle/{sam}/connected"), Some(&ana), &[])
        .await;
    assert_eq!(r.location(), "/circle?done=circle-connected");
    let page = app.get("/circle", Some(&ana)).await;
    assert!(!page.body.contains("since you were last in touch with Sam"));
    let e = entries(&app, &member).await;
    assert_eq!(
        e[0].details.last_contact,
        Some(hearth_web::circle::today("UTC"))
    );
}

async fn the_note_is_screened_and_kept_as_written(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let clin = app.user("dr@x.test", &[Role::Clinician]).await;
    let (c, m) = (clin.clone(), member.clone());
    app.state
        .db(move |conn| {
            let l = hearth_store::care::invite(conn, &c, &m, &c).unwrap();
            hearth_store::care::accept(conn, &l.id).unwrap();
            Ok(())
        })
        .await
        .unwrap();
    let ana = app.signin("ana@x.test").await;
    add(&app, &ana, "Mum", "inner", "family").await;
    let mum = id_of(&entries(&app, &member).await, "Mum");
    let r = app
        .post_form(
            &format!("/circle/{mum}"),
            Some(&ana),
            &[
                ("name", "Mum"),
                ("ring", "inner"),
                ("kind", "family"),
                ("note", MODERATE),
            ],
        )
        .await;
    assert_eq!(
        r.location(),
        format!("/circle/{mum}?done=saved&card=moderate#support")
    );
    let e = entries(&app, &member).await;
    assert_eq!(
        e[0].note.as_deref(),
        Some(MODERATE),
        "saved exactly as written"
    );
    let alert = app
        .state
        .db(move |c| Ok(hearth_store::alerts::latest_unresolved(c, &member)?))
        .await
        .unwrap()
        .expect("an alert");
    assert_eq!(alert.source, "circle_note");
    // The card shows on the circle page too, with the reachable people.
    let page = app.get("/circle?card=moderate", Some(&ana)).await;
    assert!(page.body.contains("card-moderate"));
}

async fn nobody_else_reads_or_touches_an_entry(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    app.user("bo@x.test", &[Role::Member]).await;
    app.user("dr@x.test", &[Role::Clinician]).await;
    let ana = app.signin("ana@x.test").await;
    add(&app, &ana, "Secret friend", "inner", "friend").await;
    let id = id_of(&entries(&app, &member).await, "Secret friend");
    for who in ["bo@x.test", "dr@x.test"] {
        let c = app.signin(who).await;
        assert_eq!(
            app.get(&format!("/circle/{id}"), Some(&c)).await.status,
            StatusCode::NOT_FOUND
        );
        for path in [
            format!("/circle/{id}"),
            format!("/circle/{id}/connected"),
            format!("/circle/{id}/delete"),
        ] {
            let r = app
                .post_form(&path, Some(&c), &[("name", "x"), ("ring", "inner")])
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{who} {path}");
        }
        assert!(!app
            .get("/circle", Some(&c))
            .await
            .body
            .contains("Secret friend"));
    }
    assert_eq!(app.get("/circle", None).await.status, StatusCode::SEE_OTHER);
    assert_eq!(entries(&app, &member).await[0].name, "Secret friend");
}

async fn deleting_asks_first_and_keeps_the_plan_whole(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    add(&app, &ana, "Dana", "inner", "friend").await;
    add(&app, &ana, "Library", "outer", "activity_group").await;
    let list = entries(&app, &member).await;
    let (dana, library) = (id_of(&list, "Dana"), id_of(&list, "Library"));
    app.post_form(
        &format!("/circle/{dana}"),
        Some(&ana),
        &[
            ("name", "Dana"),
            ("ring", "inner"),
            ("kind", "friend"),
            ("crisis_contact", "on"),
            ("phone", "555-0142"),
        ],
    )
    .await;
    // The plan offers circle people; Dana, reachable in a crisis, is pre-ticked.
    let edit = app.get("/safety-plan/edit", Some(&ana)).await;
    assert!(edit.body.contains(&format!("value=\"{dana}\" checked")));
    let r = app
        .post_form(
            "/safety-plan/edit",
            Some(&ana),
            &[
                ("circle_helpers", &dana),
                ("circle_places", &library),
                ("circle_places", "someone-elses-id"),
                ("reasons", "My garden"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let plan = app.get("/safety-plan", Some(&ana)).await;
    assert!(
        plan.body.contains("Dana")
            && plan.body.contains("tel:5550142")
            && plan.body.contains("Library")
    );
    let card = app.get("/safety-plan?card=moderate", Some(&ana)).await;
    assert!(
        card.body.contains("tel:5550142"),
        "the card lists Dana to call"
    );

    let ask = app.get(&format!("/circle/{dana}/delete"), Some(&ana)).await;
    assert!(ask.body.contains("Dana is in your safety plan"));
    let r = app
        .post_form(&format!("/circle/{dana}/delete"), Some(&ana), &[])
        .await;
    assert_eq!(r.location(), "/circle?done=circle-removed");
    let m = member.clone();
    let (plan, _) = app
        .state
        .db(move |c| Ok(hearth_store::safety_plans::find(c, &m)?))
        .await
        .unwrap()
        .unwrap();
    assert!(plan.circle_helpers.is_empty(), "no dangling reference");
    assert_eq!(
        plan.circle_places,
        vec![library.clone()],
        "others' ids were never kept"
    );
    assert_eq!(plan.reasons, vec!["My garden"]);
    let ask = app
        .get(&format!("/circle/{library}/delete"), Some(&ana))
        .await;
    assert!(ask.body.contains("Library is in your safety plan"));
    let plan_page = app.get("/safety-plan", Some(&ana)).await;
    assert!(!plan_page.body.contains("tel:5550142"));
}

async fn what_changed_since_an_earlier_date(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    add(&app, &ana, "Dana", "middle", "friend").await;
    // A snapshot from ten days ago, when the circle held Dana in the middle circle only.
    let m = member.clone();
    app.state
        .db(move |c| {
            use diesel::prelude::*;
            use hearth_store::schema::circle_snapshots as cs;
            diesel::update(cs::table.filter(cs::member_id.eq(&m)))
                .set(cs::taken_at.eq(hearth_store::now() - chrono::Duration::days(10)))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    let dana = id_of(&entries(&app, &member).await, "Dana");
    app.post_form(
        &format!("/circle/{dana}"),
        Some(&ana),
        &[("name", "Dana"), ("ring", "inner"), ("kind", "friend")],
    )
    .await;
    add(&app, &ana, "Choir", "outer", "activity_group").await;
    let since = (hearth_web::circle::today("UTC") - chrono::Duration::days(5)).to_string();
    let page = app
        .get(&format!("/circle/changes?since={since}"), Some(&ana))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Choir joined your circle"));
    assert!(page
        .body
        .contains("Dana moved from the middle circle to the inner circle"));
    assert!(
        page.body.contains("There is no activity-based community"),
        "resolved since then"
    );
    let bad = app.get("/circle/changes?since=someday", Some(&ana)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("value=\"someday\""));
}

async fn names_are_escaped_everywhere(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    add(&app, &ana, "<script>alert(1)</script>", "inner", "friend").await;
    let page = app.get("/circle", Some(&ana)).await;
    assert!(!page.body.contains("<script>alert(1)"));
    assert!(page.body.contains("&lt;script&gt;") || page.body.contains("&#60;script&#62;"));
}

async fn clinicians_see_it_only_by_consent_and_names_only_if_shared(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let clin = app.user("dr@x.test", &[Role::Clinician]).await;
    app.user("other@x.test", &[Role::Clinician]).await;
    let ana = app.signin("ana@x.test").await;
    add(&app, &ana, "Dana Secretname", "inner", "friend").await;
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
    let path = format!("/clients/{member}/circle");
    let dr = app.signin("dr@x.test").await;
    assert_eq!(
        app.get(&path, Some(&dr)).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!app.get("/clients", Some(&dr)).await.body.contains(&path));
    app.post_form(
        &format!("/care-team/{link}/consent"),
        Some(&ana),
        &[("circle", "on"), ("safety_alerts", "on")],
    )
    .await;
    assert!(app.get("/clients", Some(&dr)).await.body.contains(&path));
    let page = app.get(&path, Some(&dr)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Secretname"), "names hidden");
    assert!(page.body.contains("Friend 1"));
    app.post_form(
        &format!("/care-team/{link}/consent"),
        Some(&ana),
        &[
            ("circle", "on"),
            ("circle_names", "on"),
            ("safety_alerts", "on"),
        ],
    )
    .await;
    assert!(app
        .get(&path, Some(&dr))
        .await
        .body
        .contains("Dana Secretname"));
    // Without the clinician role the link gives nothing, even with consent on.
    let c2 = clin.clone();
    app.state
        .db(move |c| Ok(hearth_store::users::set_roles(c, &c2, &[Role::Member])?))
        .await
        .unwrap();
    let dr2 = app.signin("dr@x.test").await;
    assert_eq!(
        app.get(&path, Some(&dr2)).await.status,
        StatusCode::NOT_FOUND
    );
    let c3 = clin.clone();
    app.state
        .db(move |c| Ok(hearth_store::users::set_roles(c, &c3, &[Role::Clinician])?))
        .await
        .unwrap();
    let other = app.signin("other@x.test").await;
    assert_eq!(
        app.get(&path, Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
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
        .filter(|e| e.action == "circle_viewed")
        .count();
    assert_eq!(views, 2);
}

/// The entry form saves as the member goes (`circle.js` sends each change with the
/// autosave header): 204 when saved, the fields as JSON when not, the card's page when the
/// words call for it; never someone else's entry.
async fn the_entry_form_saves_as_you_go(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    app.user("bo@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    let bo = app.signin("bo@x.test").await;
    add(&app, &ana, "Mum", "inner", "family").await;
    let mum = id_of(&entries(&app, &member).await, "Mum");
    let auto = |cookie: &str, form: &[(&str, &str)]| {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", urlencoding::encode(k), urlencoding::encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        Request::post(format!("/circle/{mum}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie)
            .header("x-hearth-autosave", "1")
            .body(Body::from(body))
            .unwrap()
    };
    let page = app.get(&format!("/circle/{mum}"), Some(&ana)).await;
    assert!(page.body.contains("data-autosave") && page.body.contains("/static/circle.js"));
    let js = app.get("/static/circle.js", None).await;
    assert!(js.body.contains("X-Hearth-Autosave"));

    let r = app
        .send(auto(
            &ana,
            &[
                ("name", "Mum"),
                ("ring", "middle"),
                ("kind", "family"),
                ("strain", "2"),
            ],
        ))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let e = entries(&app, &member).await;
    assert_eq!(format!("{:?}", e[0].ring), "Middle");

    // Not saved: each field and why, in words; nothing changed.
    let r = app
        .send(auto(
            &ana,
            &[("name", ""), ("ring", "outer"), ("kind", "family")],
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["errors"][0]["field"], "name");
    assert!(!v["errors"][0]["message"].as_str().unwrap().is_empty());
    assert_eq!(
        format!("{:?}", entries(&app, &member).await[0].ring),
        "Middle"
    );

    // Words that call for the card: the script is sent to the page that shows it.
    let r = app
        .send(auto(
            &ana,
            &[
                ("name", "Mum"),
                ("ring", "middle"),
                ("kind", "family"),
                ("note", MODERATE),
            ],
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        v["go"],
        format!("/circle/{mum}?done=saved&card=moderate#support")
    );

    // Someone else's entry is not there for them, autosave or not.
    let r = app
        .send(auto(
            &bo,
            &[("name", "Mine now"), ("ring", "inner"), ("kind", "family")],
        ))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(entries(&app, &member).await[0].name, "Mum");
}

/// Many people loading their circles at once each see only their own. On PostgreSQL their reads
/// share connections (ADR 0014), so an answer handed to the wrong request would show here.
async fn circles_read_at_once_each_go_to_their_owner(app: TestApp) {
    assert_eq!(
        app.state.pipelined_reads(),
        app.backend == hearth_store::Backend::Postgres
    );
    let mut people = vec![];
    for i in 0..6 {
        app.user(&format!("p{i}@x.test"), &[Role::Member]).await;
        let cookie = app.signin(&format!("p{i}@x.test")).await;
        add(&app, &cookie, &format!("Friend of {i}"), "inner", "friend").await;
        people.push((i, cookie));
    }
    let mut loads = tokio::task::JoinSet::new();
    for round in 0..5 {
        for (i, cookie) in &people {
            let (router, cookie, i) = (app.router.clone(), cookie.clone(), *i);
            loads.spawn(async move {
                let req = Request::get(if round % 2 == 0 { "/circle" } else { "/" })
                    .header(header::COOKIE, &cookie)
                    .body(Body::empty())
                    .unwrap();
                (i, round, TestApp::send_to(&router, req).await)
            });
        }
    }
    while let Some(done) = loads.join_next().await {
        let (i, round, r) = done.unwrap();
        assert_eq!(r.status, StatusCode::OK);
        for j in 0..6 {
            let (theirs, whose) = match round % 2 {
                0 => (format!("Friend of {j}"), "circle"),
                _ => (format!("Hello, p{j}"), "home page"),
            };
            assert_eq!(r.body.contains(&theirs), i == j, "{i} saw {j}'s {whose}");
        }
    }
}

/// Inner circle first, and within a circle oldest first, on the page and in the store, also
/// after an entry was changed. (The store's own test gives `in_order` rows in any order.)
async fn inner_circle_first_and_oldest_first_within_a_circle(app: TestApp) {
    let member = app.user("ines@x.test", &[Role::Member]).await;
    let ines = app.signin("ines@x.test").await;
    for (name, ring) in [
        ("Zoe", "outer"),
        ("Yan", "inner"),
        ("Xu", "middle"),
        ("Wim", "inner"),
        ("Vera", "outer"),
        ("Uma", "inner"),
    ] {
        add(&app, &ines, name, ring, "friend").await;
    }
    let yan = id_of(&entries(&app, &member).await, "Yan");
    let r = app
        .post_form(
            &format!("/circle/{yan}"),
            Some(&ines),
            &[
                ("name", "Yan"),
                ("ring", "inner"),
                ("kind", "family"),
                ("strain", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let want = ["Yan", "Wim", "Uma", "Xu", "Zoe", "Vera"];
    let names: Vec<String> = entries(&app, &member)
        .await
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, want);
    let page = app.get("/circle", Some(&ines)).await;
    let at: Vec<usize> = want
        .iter()
        .map(|n| page.body.find(&format!("<th scope=\"row\">{n}")).expect(n))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "table order {at:?}");
}

both_backends!(
    inner_circle_first_and_oldest_first_within_a_circle,
    circles_read_at_once_each_go_to_their_owner,
    the_entry_form_saves_as_you_go,
    clinicians_see_it_only_by_consent_and_names_only_if_shared,
    add_then_details_with_map_and_analysis,
    connected_today_quiets_the_finding,
    the_note_is_screened_and_kept_as_written,
    nobody_else_reads_or_touches_an_entry,
    deleting_asks_first_and_keeps_the_plan_whole,
    what_changed_since_an_earlier_date,
    names_are_escaped_everywhere,
);

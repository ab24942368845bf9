//! Find community pages on both databases: who may look (members; visitors only when the
//! practice opens the directory), searching with filters and bad input kept, a resource's
//! page and calendar file, and staff keeping the directory true: adding with errors named,
//! editing, verifying, retiring and restoring, and an admin's upload with its report.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::TestApp;
use hearth_core::roles::Role;

async fn set_public(app: &TestApp, on: bool) {
    app.state
        .db(move |c| {
            let mut s = hearth_store::settings::load(c)?;
            s.public_directory = on;
            Ok(hearth_store::settings::save(c, &s)?)
        })
        .await
        .unwrap();
    app.state.forget_settings();
}

const FORM: &[(&str, &str)] = &[
    ("name", "Lantern Grief Walk"),
    (
        "description",
        "A slow walk <b>and</b> talk for people grieving.",
    ),
    ("kind", "activity"),
    ("format", "in_person"),
    ("focus", "grief"),
    ("participation", "listening_welcome"),
    ("access", "step_free"),
    ("languages", "en, ko"),
    ("cost_kind", "free"),
    ("first_date", "2026-01-03"),
    ("start_time", "10:00"),
    ("minutes", "60"),
    ("tz", "America/New_York"),
    ("repeat", "weekly"),
    ("place_name", "Lantern Park gate"),
    ("address", "1 Lantern Way"),
    ("city", "Brooklyn"),
    ("lat", "40.67"),
    ("lon", "-73.97"),
];

/// A clinician and two members, signed in: (clinician, member, another member).
async fn clinician_and_two_members(app: &TestApp) -> (String, String, String) {
    app.user("s@example.org", &[Role::Clinician]).await;
    app.user("m@example.org", &[Role::Member]).await;
    app.user("o@example.org", &[Role::Member]).await;
    (
        app.signin("s@example.org").await,
        app.signin("m@example.org").await,
        app.signin("o@example.org").await,
    )
}

/// Adds the form's resource as staff; returns its id.
async fn add(app: &TestApp, staff: &str) -> String {
    let r = app.post_form("/community/new", Some(staff), FORM).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let loc = r.location().to_string();
    assert!(
        loc.starts_with("/community/") && loc.ends_with("?done=resource-saved"),
        "{loc}"
    );
    loc.trim_start_matches("/community/")
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

async fn looking_needs_an_account_unless_the_directory_is_public(app: TestApp) {
    app.user("s@example.org", &[Role::Clinician]).await;
    let staff = app.signin("s@example.org").await;
    let id = add(&app, &staff).await;
    for path in [
        "/community".to_string(),
        format!("/community/{id}"),
        format!("/community/{id}/calendar.ics"),
    ] {
        let r = app.get(&path, None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert!(r.location().starts_with("/signin?next="), "{path}");
    }
    set_public(&app, true).await;
    let r = app.get("/community?q=lantern", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Lantern Grief Walk"));
    let r = app.get(&format!("/community/{id}"), None).await;
    assert_eq!(r.status, StatusCode::OK);
    // Visitors never reach the staff pages.
    let r = app.get("/community/manage", None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let landing = app.get("/", None).await;
    assert!(landing.body.contains("href=\"/community\""));
}

async fn members_search_and_read_a_resource(app: TestApp) {
    app.user("s@example.org", &[Role::Clinician]).await;
    app.user("m@example.org", &[Role::Member]).await;
    let staff = app.signin("s@example.org").await;
    let member = app.signin("m@example.org").await;
    let id = add(&app, &staff).await;

    let r = app
        .get(
            "/community?q=grief&format=in_person&access=step_free&day=sa&time=morning",
            Some(&member),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(&format!("href=\"/community/{id}\"")));
    assert!(r.body.contains("1 result"), "{}", r.body);
    // The ticked filters stay ticked.
    assert!(r
        .body
        .contains("id=\"f-access-step_free\" name=\"access\" value=\"step_free\" checked"));
    let r = app.get("/community?q=grief&day=mo", Some(&member)).await;
    assert!(
        r.body.contains("No results"),
        "a Saturday group is not on Monday"
    );

    // Bad input: the page comes back 422 with the fields named and the text kept.
    let r = app
        .get(
            "/community?q=keep+me&lat=100&lon=0&within_days=99",
            Some(&member),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-lat\"") && r.body.contains("href=\"#f-within_days\""));
    assert!(r.body.contains("value=\"keep me\""));

    // The resource: escaped description, schedule in words, next meetings, calendar.
    let r = app.get(&format!("/community/{id}"), Some(&member)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("<b>and</b>"), "user text is escaped");
    assert!(r.body.contains("&#60;b&#62;and") || r.body.contains("&lt;b&gt;and"));
    assert!(r.body.contains("Every week on Saturday"), "{}", r.body);
    assert!(r.body.contains("10:00–11:00"));
    assert!(
        r.body.contains("Not checked in the last 6 months") || r.body.contains("not been checked")
    );
    let ics = app
        .get(&format!("/community/{id}/calendar.ics"), Some(&member))
        .await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.content_type().starts_with("text/calendar"));
    assert!(ics.body.contains("RRULE:FREQ=WEEKLY;BYDAY=SA"));
    assert!(ics
        .body
        .contains("DTSTART;TZID=America/New_York:20260103T100000"));

    // Korean pages carry Korean words for the same record.
    app.state
        .db(|c| {
            use diesel::prelude::*;
            use hearth_store::schema::users;
            diesel::update(users::table.filter(users::email.eq("m@example.org")))
                .set(users::language.eq("ko"))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    // Changed behind the server's back, so its brief memory of the session must go too.
    app.state.sessions().forget_all();
    let r = app.get(&format!("/community/{id}"), Some(&member)).await;
    assert!(
        r.body.contains("모임 찾기"),
        "{}",
        &r.body[..400.min(r.body.len())]
    );

    // Members cannot change the directory.
    for path in [
        "/community/manage",
        "/community/new",
        "/community/import",
        &format!("/community/{id}/edit"),
    ] {
        let r = app.get(path, Some(&member)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    for path in [
        format!("/community/{id}/verify"),
        format!("/community/{id}/retire"),
        format!("/community/{id}/edit"),
        "/community/new".to_string(),
    ] {
        let r = app
            .post_form(&path, Some(&member), &[("retire", "yes"), ("name", "x")])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    let missing = app.get("/community/no-such-id", Some(&member)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

async fn staff_keep_the_directory_true(app: TestApp) {
    app.user("s@example.org", &[Role::Clinician]).await;
    app.user("m@example.org", &[Role::Member]).await;
    let staff = app.signin("s@example.org").await;
    let member = app.signin("m@example.org").await;

    // Errors are named, and what was typed comes back.
    let mut bad: Vec<(&str, &str)> = FORM.to_vec();
    for (k, v) in bad.iter_mut() {
        match *k {
            "name" => *v = "",
            "lat" => *v = "95",
            "languages" => *v = "English",
            "tz" => *v = "Mars/Base",
            "place_name" => *v = "Kept place",
            _ => {}
        }
    }
    bad.push(("online_url", "javascript:alert(1)"));
    let r = app.post_form("/community/new", Some(&staff), &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for f in ["name", "lat", "languages", "tz", "online_url"] {
        assert!(r.body.contains(&format!("href=\"#f-{f}\"")), "{f} is named");
    }
    assert!(r.body.contains("value=\"Kept place\""));
    let mut never: Vec<(&str, &str)> = FORM.to_vec();
    never.push(("rule", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"));
    for (k, v) in never.iter_mut() {
        if *k == "repeat" {
            *v = "custom";
        }
    }
    let r = app.post_form("/community/new", Some(&staff), &never).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-rule\""));

    let id = add(&app, &staff).await;
    // It is on the review list until someone checks it.
    let list = app.get("/community/manage", Some(&staff)).await;
    assert!(list.body.contains("Lantern Grief Walk"));
    let r = app
        .post_form(&format!("/community/{id}/verify"), Some(&staff), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let list = app.get("/community/manage", Some(&staff)).await;
    assert!(!list.body.contains("Lantern Grief Walk"), "checked today");
    let page = app.get(&format!("/community/{id}"), Some(&member)).await;
    assert!(page.body.contains("Checked on"));

    // Editing keeps what the form does not show and changes what it does.
    let mut edit: Vec<(&str, &str)> = FORM.to_vec();
    for (k, v) in edit.iter_mut() {
        if *k == "repeat" {
            *v = "monthly";
        }
    }
    let r = app
        .post_form(&format!("/community/{id}/edit"), Some(&staff), &edit)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&format!("/community/{id}"), Some(&member)).await;
    assert!(
        page.body.contains("The first Saturday of each month"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Checked on"),
        "the verification survives an edit"
    );

    // Retired: gone from search and from members, back when restored.
    let r = app
        .post_form(
            &format!("/community/{id}/retire"),
            Some(&staff),
            &[("retire", "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&format!("/community/{id}"), Some(&member))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(app
        .get("/community?q=lantern", Some(&member))
        .await
        .body
        .contains("No results"));
    assert!(app
        .get(&format!("/community/{id}"), Some(&staff))
        .await
        .body
        .contains("retired"));
    app.post_form(
        &format!("/community/{id}/retire"),
        Some(&staff),
        &[("retire", "no")],
    )
    .await;
    assert!(app
        .get("/community?q=lantern", Some(&member))
        .await
        .body
        .contains("1 result"));
}

fn multipart(fields: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "hearth-test-boundary";
    let mut body = vec![];
    for (name, file, bytes) in fields {
        body.extend(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/json\r\n\r\n").as_bytes(),
            ),
            None => body.extend(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn an_admin_uploads_a_feed_and_reads_the_report(app: TestApp) {
    app.user("a@example.org", &[Role::Admin]).await;
    app.user("s@example.org", &[Role::Clinician]).await;
    let admin = app.signin("a@example.org").await;
    let clinician = app.signin("s@example.org").await;
    let feed = std::fs::read(format!(
        "{}/../../testdata/directory/code4recovery-tsml-ui/public/data/kc.test.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let upload = |cookie: String, fields: Vec<(&'static str, Option<&'static str>, Vec<u8>)>| {
        let refs: Vec<(&str, Option<&str>, &[u8])> = fields
            .iter()
            .map(|(a, b, c)| (*a, *b, c.as_slice()))
            .collect();
        let (ct, body) = multipart(&refs);
        Request::post("/community/import")
            .header(header::CONTENT_TYPE, ct)
            .header(header::COOKIE, cookie)
            .body(Body::from(body))
            .unwrap()
    };
    // Clinicians edit; only admins import.
    let r = app
        .send(upload(
            clinician,
            vec![("format", None, b"meeting-guide".to_vec())],
        ))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // A dry run reports and writes nothing.
    let r = app
        .send(upload(
            admin.clone(),
            vec![
                ("format", None, b"meeting-guide".to_vec()),
                ("dry_run", None, b"on".to_vec()),
                ("file", Some("kc.json"), feed.clone()),
            ],
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("Added 206, updated 0, rejected 0."),
        "{}",
        r.body
    );
    let n = app
        .state
        .db(|c| Ok(hearth_store::directory::count(c)?))
        .await
        .unwrap();
    assert_eq!(n, 0);
    let r = app
        .send(upload(
            admin.clone(),
            vec![
                ("format", None, b"meeting-guide".to_vec()),
                ("file", Some("kc.json"), feed.clone()),
            ],
        ))
        .await;
    assert!(r.body.contains("Added 206"));
    let n = app
        .state
        .db(|c| Ok(hearth_store::directory::count(c)?))
        .await
        .unwrap();
    assert_eq!(n, 206);
    // A broken file changes nothing and says why; a missing file is a named field.
    let r = app
        .send(upload(
            admin.clone(),
            vec![
                ("format", None, b"meeting-guide".to_vec()),
                ("file", Some("bad.json"), b"[{\"slug\": 1,".to_vec()),
            ],
        ))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("not valid JSON"));
    let r = app
        .send(upload(admin, vec![("format", None, b"hsds-json".to_vec())]))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-file\""));
}

both_backends!(
    looking_needs_an_account_unless_the_directory_is_public,
    members_search_and_read_a_resource,
    staff_keep_the_directory_true,
    an_admin_uploads_a_feed_and_reads_the_report,
);

async fn a_member_takes_small_steps_toward_a_group(app: TestApp) {
    let (staff, member, other) = clinician_and_two_members(&app).await;
    let rid = add(&app, &staff).await;

    let r = app
        .post_form(&format!("/community/{rid}/steps"), Some(&member), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let loc = r.location().to_string();
    assert!(loc.ends_with("?done=ladder-started"), "{loc}");
    let path = loc.split('?').next().unwrap().to_string();
    // Starting again opens the same ladder.
    let again = app
        .post_form(&format!("/community/{rid}/steps"), Some(&member), &[])
        .await;
    assert_eq!(again.location().split('?').next().unwrap(), path);

    let page = app.get(&path, Some(&member)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("0 of 7 steps done"), "{}", page.body);
    assert!(page.body.contains("Go once, and only listen"));
    let r = app
        .post_form(&path, Some(&member), &[("action", "tick"), ("step", "1")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app
        .get(&path, Some(&member))
        .await
        .body
        .contains("1 of 7 steps done"));

    // My own words, screened like everything a member writes.
    let r = app
        .post_form(
            &path,
            Some(&member),
            &[("action", "add"), ("new_step", "Ask Sam to come with me")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!r.location().contains("card="));
    let r = app
        .post_form(
            &path,
            Some(&member),
            &[("action", "add"), ("new_step", "Everyone would be better off without me. I think about it every single day now.")],
        )
        .await;
    assert!(r.location().contains("card="), "{}", r.location());
    let alerts = app
        .state
        .db(|c| {
            use diesel::prelude::*;
            use hearth_store::schema::safety_alerts as a;
            Ok(a::table.count().get_result::<i64>(c)?)
        })
        .await
        .unwrap();
    assert_eq!(alerts, 1, "a moderate step reaches the care team");
    let r = app
        .post_form(
            &path,
            Some(&member),
            &[("action", "add"), ("new_step", "  ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-new_step\""));

    // Reorder, pause, resume.
    app.post_form(&path, Some(&member), &[("action", "down"), ("step", "1")])
        .await;
    let page = app.get(&path, Some(&member)).await;
    let first_two: Vec<usize> = ["Check when it next meets", "Read about the group"]
        .iter()
        .map(|t| page.body.find(t).unwrap())
        .collect();
    assert!(first_two[0] < first_two[1], "moved down");
    app.post_form(&path, Some(&member), &[("action", "pause")])
        .await;
    assert!(app
        .get("/steps", Some(&member))
        .await
        .body
        .contains("paused"));

    // Nobody else sees or changes it.
    assert_eq!(
        app.get(&path, Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .post_form(&path, Some(&other), &[("action", "tick"), ("step", "2")])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Finishing offers the circle; not before.
    let r = app
        .post_form(&path, Some(&member), &[("action", "to_circle")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for id in 1..=9 {
        app.post_form(
            &path,
            Some(&member),
            &[("action", "tick"), ("step", &id.to_string())],
        )
        .await;
    }
    let page = app.get(&path, Some(&member)).await;
    assert!(
        page.body.contains("Add Lantern Grief Walk to my circle"),
        "{}",
        page.body
    );
    let r = app
        .post_form(&path, Some(&member), &[("action", "to_circle")])
        .await;
    assert_eq!(r.location(), "/circle?done=ladder-in-circle");
    let circle = app.get("/circle", Some(&member)).await;
    assert!(circle.body.contains("Lantern Grief Walk"));
}

both_backends!(a_member_takes_small_steps_toward_a_group);

async fn a_clinician_refers_and_the_member_answers(app: TestApp) {
    app.user("s@example.org", &[Role::Clinician]).await;
    app.user("x@example.org", &[Role::Clinician]).await;
    app.user("m@example.org", &[Role::Member]).await;
    let staff = app.signin("s@example.org").await;
    let stranger = app.signin("x@example.org").await;
    let member = app.signin("m@example.org").await;
    let rid = add(&app, &staff).await;
    let member_id = app
        .state
        .db(|c| {
            Ok(hearth_store::users::find_by_email(c, "m@example.org")?
                .unwrap()
                .id)
        })
        .await
        .unwrap();
    let refer = format!("/clients/{member_id}/refer");
    // Without an active care link there is nothing to see or do.
    assert_eq!(
        app.get(&refer, Some(&staff)).await.status,
        StatusCode::NOT_FOUND
    );
    let staff_id = app
        .state
        .db(|c| {
            Ok(hearth_store::users::find_by_email(c, "s@example.org")?
                .unwrap()
                .id)
        })
        .await
        .unwrap();
    let (sid, mid) = (staff_id.clone(), member_id.clone());
    app.state
        .db(move |c| {
            let link = hearth_store::care::invite(c, &sid, &mid, &sid)?;
            hearth_store::care::accept(c, &link.id)?;
            Ok(())
        })
        .await
        .unwrap();
    let page = app.get(&format!("{refer}?q=lantern"), Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Lantern Grief Walk"));
    assert_eq!(
        app.get(&refer, Some(&stranger)).await.status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .post_form(
            &refer,
            Some(&stranger),
            &[("resource", &rid), ("note", "x")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "another clinician cannot refer"
    );
    let r = app
        .post_form(
            &refer,
            Some(&staff),
            &[
                ("resource", "nope"),
                ("q", "lantern"),
                ("note", "kept note"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("kept note"));
    let r = app
        .post_form(
            &refer,
            Some(&staff),
            &[
                ("resource", &rid),
                ("note", "I think you'd like the <quiet> pace."),
            ],
        )
        .await;
    assert_eq!(r.location(), format!("{refer}?done=referral-sent"));

    // The member sees it, with the note (escaped) and why it may fit; opening it marks it seen.
    let page = app.get("/referrals", Some(&member)).await;
    assert!(page.body.contains("Lantern Grief Walk"));
    assert!(page.body.contains("&#60;quiet&#62;") || page.body.contains("&lt;quiet&gt;"));
    assert!(page.body.contains("Why it may fit"));
    let rid_ref = page
        .body
        .split("action=\"/referrals/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let answer = |action: &'static str, extra: Vec<(&'static str, &'static str)>| {
        let mut form = vec![("action", action)];
        form.extend(extra);
        form
    };
    let path = format!("/referrals/{rid_ref}");
    // An answer that does not fit where it stands changes nothing.
    let r = app
        .post_form(&path, Some(&member), &answer("went", vec![]))
        .await;
    assert_eq!(r.location(), "/referrals?done=referral-not-now");
    app.post_form(&path, Some(&member), &answer("accept", vec![]))
        .await;
    app.post_form(
        &path,
        Some(&member),
        &answer("did_not_go", vec![("reason", "energy")]),
    )
    .await;
    // The reason feeds the member's next matches.
    let t = app.token("m@example.org").await;
    let m = app
        .api(
            axum::http::Method::GET,
            "/api/v1/me/matches",
            Some(&t),
            None,
        )
        .await
        .json();
    let lantern = m
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "Lantern Grief Walk")
        .expect("the group is still a match");
    let ids: Vec<&str> = lantern["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"barrier.energy.short"),
        "energy now counts: {lantern}"
    );
    // And it is remembered as a reason for the member's next matches.
    let (mid2, now) = (member_id.clone(), app.state.now());
    let inputs = app
        .state
        .db(move |c| {
            Ok(hearth_web::next_step::known(
                c,
                &mid2,
                hearth_core::directory::matching::Inputs::default(),
                now,
            )?)
        })
        .await
        .unwrap();
    assert_eq!(
        inputs.past_reasons,
        vec![hearth_core::directory::matching::Barrier::Energy]
    );
    app.post_form(&path, Some(&member), &answer("went", vec![]))
        .await;
    app.post_form(
        &path,
        Some(&member),
        &answer("finished", vec![("outcome", "got_help")]),
    )
    .await;
    assert_eq!(
        app.post_form(&path, Some(&staff), &answer("accept", vec![]))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "only the member answers"
    );

    // The clinician sees uptake per client and per group.
    let up = app.get("/referrals/sent", Some(&staff)).await;
    assert_eq!(up.status, StatusCode::OK);
    assert!(
        up.body.contains("Finished") && up.body.contains("It helped"),
        "{}",
        up.body
    );
    assert_eq!(
        app.get("/referrals/sent", Some(&member)).await.status,
        StatusCode::FORBIDDEN
    );
    // Thirty days without an answer: expired.
    app.post_form(&refer, Some(&staff), &[("resource", &rid), ("note", "")])
        .await;
    app.state.advance_clock(chrono::Duration::days(31));
    let up = app.get("/referrals/sent", Some(&staff)).await;
    assert!(up.body.contains("No answer in 30 days"));
}

both_backends!(a_clinician_refers_and_the_member_answers);

async fn a_private_calendar_feed_of_my_groups(app: TestApp) {
    app.user("s@example.org", &[Role::Clinician]).await;
    app.user("m@example.org", &[Role::Member]).await;
    let staff = app.signin("s@example.org").await;
    let member = app.signin("m@example.org").await;
    let rid = add(&app, &staff).await;
    app.post_form(&format!("/community/{rid}/steps"), Some(&member), &[])
        .await;

    let r = app
        .post_form("/steps/calendar", Some(&member), &[("action", "renew")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let url = r
        .body
        .split("value=\"")
        .find(|p| p.contains("/calendar/"))
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let path = url.split_once("://").unwrap().1.split_once('/').unwrap().1;
    let path = format!("/{path}");
    // No sign-in: the secret is the key.
    let feed = app.get(&path, None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.content_type().starts_with("text/calendar"));
    assert!(feed.body.contains("SUMMARY:Lantern Grief Walk"));
    assert!(feed.body.contains("RRULE:FREQ=WEEKLY;BYDAY=SA"));
    // The page no longer shows the link, only that there is one.
    let list = app.get("/steps", Some(&member)).await;
    assert!(!list.body.contains(&path));
    // A paused ladder leaves the feed.
    let ladder = app.get("/steps", Some(&member)).await.body;
    let lid = ladder
        .split("href=\"/steps/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    app.post_form(
        &format!("/steps/{lid}"),
        Some(&member),
        &[("action", "pause")],
    )
    .await;
    assert!(!app.get(&path, None).await.body.contains("Lantern"));
    // The link never reaches the page title (tabs, history, screen sharing).
    let title = r
        .body
        .split("<title>")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert!(!title.contains("/calendar/"), "{title}");
    assert_eq!(r.body.matches(&path).count(), 1, "shown once");
    // A new link ends the old one; removing ends the new one too.
    let again = app
        .post_form("/steps/calendar", Some(&member), &[("action", "renew")])
        .await;
    assert_eq!(app.get(&path, None).await.status, StatusCode::NOT_FOUND);
    let url2 = again
        .body
        .split("value=\"")
        .find(|p| p.contains("/calendar/"))
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let path2 = format!(
        "/{}",
        url2.split_once("://").unwrap().1.split_once('/').unwrap().1
    );
    assert_eq!(app.get(&path2, None).await.status, StatusCode::OK);
    app.post_form("/steps/calendar", Some(&member), &[("action", "remove")])
        .await;
    assert_eq!(app.get(&path2, None).await.status, StatusCode::NOT_FOUND);
}

both_backends!(a_private_calendar_feed_of_my_groups);

async fn distance_from_a_saved_place_or_the_practice(app: TestApp) {
    app.user("s@example.org", &[Role::Clinician]).await;
    app.user("admin@example.org", &[Role::Admin]).await;
    app.user("m@example.org", &[Role::Member]).await;
    app.user("o@example.org", &[Role::Member]).await;
    let staff = app.signin("s@example.org").await;
    let member = app.signin("m@example.org").await;
    let other = app.signin("o@example.org").await;
    let id = add(&app, &staff).await; // at 40.67, -73.97

    // Nothing saved yet: asking for it names the field instead of searching everywhere.
    let r = app.get("/community?near=saved", Some(&member)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-near\""), "{}", r.body);
    assert!(
        r.body.contains("id=\"f-near-error\""),
        "the message is in the fieldset too"
    );
    let p = app.get("/community?near=practice", Some(&member)).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("The practice has not given its location"));
    // Reloading the address a refused save came back on goes back to the search.
    let back = app.get("/community/place", Some(&member)).await;
    assert_eq!(
        (back.status, back.location()),
        (StatusCode::SEE_OTHER, "/community")
    );
    assert!(
        !r.body.contains("id=\"f-near-from\""),
        "nothing to choose yet"
    );

    // A bad point is not saved; the page comes back with it marked and kept.
    let r = app
        .post_form(
            "/community/place",
            Some(&member),
            &[("q", "walk"), ("lat", "95"), ("lon", "-73.98")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-lat\"") && r.body.contains("value=\"95\""));

    let r = app
        .post_form(
            "/community/place",
            Some(&member),
            &[("q", "walk"), ("lat", "40.68"), ("lon", "-73.98")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location(),
        "/community?q=walk&near=saved&done=place-saved"
    );
    let r = app.get(r.location(), Some(&member)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Your place is saved"));
    assert!(r.body.contains("Your saved place: 40.680, -73.980."));
    assert!(r.body.contains("<option value=\"saved\" selected>"));
    assert!(r.body.contains(&format!("href=\"/community/{id}\"")));
    assert!(
        r.body.contains("1.4 km") || r.body.contains("1.3 km"),
        "{}",
        r.body
    );
    // Far from the saved place: out of a 1 km radius.
    let r = app
        .get("/community?near=saved&radius_km=1", Some(&member))
        .await;
    assert!(r.body.contains("No results"));

    // Another member has no saved place and never sees this one.
    let r = app.get("/community?near=saved", Some(&other)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!r.body.contains("40.680"));
    let token = app.token("o@example.org").await;
    let r = app
        .api(
            axum::http::Method::GET,
            "/api/v1/resources?near=saved",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"near\""), "{}", r.body);
    let token = app.token("m@example.org").await;
    let r = app
        .api(
            axum::http::Method::GET,
            "/api/v1/resources?near=saved&radius_km=5",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["results"][0]["id"], id.as_str());
    assert!(v["results"][0]["distance_km"].as_f64().unwrap() < 2.0);

    // Matching measures from the saved place, so "near" reasons appear.
    let r = app
        .api(
            axum::http::Method::GET,
            "/api/v1/me/matches",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert!(v[0]["distance_km"].as_f64().unwrap() < 2.0, "{v}");

    // Forgetting it: gone, and searching from it is refused again.
    let r = app
        .post_form("/community/place/forget", Some(&member), &[])
        .await;
    assert_eq!(r.location(), "/community?done=place-forgotten");
    let r = app.get("/community?near=saved", Some(&member)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Visitors cannot save a place.
    set_public(&app, true).await;
    let r = app
        .post_form("/community/place", None, &[("lat", "1"), ("lon", "2")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/signin"), "{}", r.location());

    // The practice's location, set by an admin, is a starting point for everyone.
    let admin = app.signin("admin@example.org").await;
    let r = app
        .post_form(
            "/admin/settings",
            Some(&admin),
            &[
                ("practice_name", "Oak Clinic"),
                ("public_directory", "on"),
                ("region", "US"),
                ("time_zone", "America/New_York"),
                ("ack_minutes_severe", "5"),
                ("ack_minutes_moderate", "60"),
                ("location_lat", "40.66"),
                ("location_lon", "-73.96"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.state.forget_settings();
    let r = app
        .get("/community?near=practice&sort=distance", None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Oak Clinic (the practice)"));
    assert!(r.body.contains(&format!("href=\"/community/{id}\"")));
    let r = app.get("/admin/settings", Some(&admin)).await;
    assert!(r.body.contains("value=\"40.66\""));
    // Matching falls back to the practice when the member keeps no place.
    let r = app
        .api(
            axum::http::Method::GET,
            "/api/v1/me/matches",
            Some(&token),
            None,
        )
        .await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert!(v[0]["distance_km"].as_f64().unwrap() < 2.0, "{v}");
}

both_backends!(distance_from_a_saved_place_or_the_practice);

async fn small_step_reminders_are_optional_and_gentle(app: TestApp) {
    use chrono::Duration;
    use hearth_store::jobs;
    let (staff, member, other) = clinician_and_two_members(&app).await;
    let rid = add(&app, &staff).await; // Saturdays 10:00 New York
    let r = app
        .post_form(&format!("/community/{rid}/steps"), Some(&member), &[])
        .await;
    let path = r.location().split('?').next().unwrap().to_string();
    let pending = |app: &TestApp| {
        let state = app.state.clone();
        async move {
            state
                .db(|c| Ok(jobs::pending(c, "small_step_reminder")?))
                .await
                .unwrap()
        }
    };
    let page = app.get(&path, Some(&member)).await;
    assert!(page
        .body
        .contains("id=\"f-reminder-off\" name=\"reminder\" value=\"\" checked"));
    assert!(pending(&app).await.is_empty(), "off by default");

    // Someone else cannot turn on reminders for this ladder.
    let r = app
        .post_form(
            &path,
            Some(&other),
            &[("action", "remind"), ("reminder", "weekly")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(pending(&app).await.is_empty());

    let r = app
        .post_form(
            &path,
            Some(&member),
            &[("action", "remind"), ("reminder", "before_meeting")],
        )
        .await;
    assert_eq!(r.location(), format!("{path}?done=ladder-reminder-on"));
    let jobs_now = pending(&app).await;
    assert_eq!(jobs_now.len(), 1);
    // The day before a Saturday 10:00 (New York) meeting: a Friday, 14:00 or 15:00 UTC.
    let at = jobs_now[0].run_at;
    use chrono::Datelike;
    assert_eq!(at.weekday(), chrono::Weekday::Fri, "{at}");
    assert!(at > hearth_store::now() && at <= hearth_store::now() + Duration::days(8));

    // When it comes due: one email that names neither the group nor a step, and the next
    // one queued a week on.
    let until = at - hearth_store::now() + Duration::minutes(1);
    app.state.advance_clock(until);
    hearth_web::jobs::run_due(&app.state).await;
    let mails = app.mails_to("m@example.org");
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains(&format!("http://hearth.test{path}")));
    assert!(!mails[0].contains("Lantern"), "no group in an email");
    let next = pending(&app).await;
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].run_at, at + Duration::days(7));
    // The same job run again (its "done" mark lost): its follow-up already waits, so no
    // second email and no second chain.
    let again = jobs_now[0].payload.clone();
    let when = app.state.now();
    app.state
        .db(move |c| Ok(jobs::enqueue(c, "small_step_reminder", &again, when)?))
        .await
        .unwrap();
    hearth_web::jobs::run_due(&app.state).await;
    assert_eq!(app.mails_to("m@example.org").len(), 1);
    assert_eq!(pending(&app).await.len(), 1);

    // Paused: the queued reminder does nothing and nothing more is queued.
    app.post_form(&path, Some(&member), &[("action", "pause")])
        .await;
    app.state.advance_clock(Duration::days(7));
    hearth_web::jobs::run_due(&app.state).await;
    assert_eq!(app.mails_to("m@example.org").len(), 1);
    assert!(pending(&app).await.is_empty());

    // Carrying on starts them again; turning them off leaves the queued one with nothing to do.
    app.post_form(&path, Some(&member), &[("action", "resume")])
        .await;
    assert_eq!(pending(&app).await.len(), 1);
    let r = app
        .post_form(
            &path,
            Some(&member),
            &[("action", "remind"), ("reminder", "")],
        )
        .await;
    assert_eq!(r.location(), format!("{path}?done=ladder-reminder-off"));
    app.state.advance_clock(Duration::days(8));
    hearth_web::jobs::run_due(&app.state).await;
    assert_eq!(app.mails_to("m@example.org").len(), 1);

    // A group with no meeting times cannot be reminded "the day before".
    let online = app
        .post_form(
            "/community/new",
            Some(&staff),
            &[
                ("name", "Quiet Letters"),
                ("kind", "online"),
                ("format", "online"),
                ("url", "https://letters.example.org"),
            ],
        )
        .await;
    assert_eq!(online.status, StatusCode::SEE_OTHER, "{}", online.body);
    let oid = online
        .location()
        .trim_start_matches("/community/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let r = app
        .post_form(&format!("/community/{oid}/steps"), Some(&member), &[])
        .await;
    let opath = r.location().split('?').next().unwrap().to_string();
    let page = app.get(&opath, Some(&member)).await;
    assert!(!page.body.contains("value=\"before_meeting\""));
    let r = app
        .post_form(
            &opath,
            Some(&member),
            &[("action", "remind"), ("reminder", "before_meeting")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#f-reminder\""));
    let r = app
        .post_form(
            &opath,
            Some(&member),
            &[("action", "remind"), ("reminder", "hourly")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

both_backends!(small_step_reminders_are_optional_and_gentle);

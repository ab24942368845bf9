//! The safety net end to end over HTTP, on both databases: what a writer sees, who is told,
//! acknowledgement and resolution, escalation by a clock the test controls, repeats, the
//! audit trail, the safety plan and the crisis-line admin.

mod common;

use axum::http::StatusCode;
use chrono::Duration;
use common::TestApp;
use hearth_core::care::{Consent, Scope};
use hearth_core::roles::Role;
use hearth_core::settings::PracticeSettings;
use hearth_store::{alerts, audit, care, jobs};

const SEVERE: &str =
    "i've put my affairs in order, the cat's going to my friend, money's set aside for the funeral. goodbye";
const MODERATE: &str =
    "Everyone would be better off without me. I think about it every single day now.";
const MODERATE_2: &str =
    "I keep thinking about killing myself. No plan, I just can't make the thoughts stop.";
const LOW: &str = "Everything feels pointless lately. Work, home, stare at the wall, repeat.";
const OTHER: &str = "My best friend texted me that she wants to die and I don't know what to say. How do I help her without making it worse?";

/// An active care link with the given scopes (safety alerts on unless `alerts_off`).
async fn link(app: &TestApp, clinician: &str, member: &str, scopes: &[Scope]) -> String {
    let (c, m, scopes) = (clinician.to_string(), member.to_string(), scopes.to_vec());
    app.state
        .db(move |conn| {
            let l = care::invite(conn, &c, &m, &c).unwrap();
            care::accept(conn, &l.id).unwrap();
            care::set_consent(conn, &l.id, &Consent::from_scopes(&scopes)).unwrap();
            Ok(l.id)
        })
        .await
        .unwrap()
}

async fn settings(app: &TestApp, f: impl FnOnce(&mut PracticeSettings) + Send + 'static) {
    app.state
        .db(move |c| {
            let mut s = hearth_store::settings::load(c).unwrap();
            f(&mut s);
            hearth_store::settings::save(c, &s).unwrap();
            Ok(())
        })
        .await
        .unwrap();
    app.state.forget_settings();
}

/// Writes into the warning-signs step of the member's plan; returns the redirect.
async fn write(app: &TestApp, cookie: &str, text: &str) -> String {
    let r = app
        .post_form(
            "/safety-plan/edit",
            Some(cookie),
            &[("warning_signs", text)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().to_string()
}

async fn member_alerts(app: &TestApp, member: &str) -> Vec<alerts::Alert> {
    let m = member.to_string();
    app.state
        .db(move |c| {
            use diesel::prelude::*;
            use hearth_store::schema::safety_alerts as sa;
            Ok(sa::table
                .filter(sa::member_id.eq(&m))
                .order(sa::created_at.asc())
                .select(alerts::Alert::as_select())
                .load(c)?)
        })
        .await
        .unwrap()
}

async fn recipients(app: &TestApp, alert: &str) -> Vec<(String, String)> {
    let a = alert.to_string();
    app.state
        .db(move |c| Ok(alerts::recipients(c, &a)?))
        .await
        .unwrap()
}

async fn trail(app: &TestApp) -> Vec<audit::Entry> {
    app.state
        .db(|c| Ok(audit::search(c, &audit::Filter::default(), 1000)?))
        .await
        .unwrap()
}

fn alert_id_in(mail: &str) -> String {
    let start = mail.find("/alerts/").expect("a link to the alert") + "/alerts/".len();
    mail[start..].split_whitespace().next().unwrap().to_string()
}

async fn crisis_words_show_the_card_and_reach_the_care_team(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let clin = app.user("dr.lee@x.test", &[Role::Clinician]).await;
    app.user("dr.other@x.test", &[Role::Clinician]).await;
    link(&app, &clin, &member, &[Scope::SafetyAlerts]).await;
    let ana = app.signin("ana@x.test").await;

    let to = write(&app, &ana, SEVERE).await;
    assert_eq!(to, "/safety-plan?done=plan-saved&card=severe#support");
    let card = app.get(to.split('#').next().unwrap(), Some(&ana)).await;
    assert_eq!(card.status, StatusCode::OK);
    assert!(card.body.contains("card-severe"));
    let emergency = card.body.find("tel:911").expect("emergency number");
    let crisis = card.body.find("tel:988").expect("crisis line");
    assert!(emergency < crisis, "the emergency number comes first");
    assert!(card.body.contains("action=\"/safety/help-now\""));
    assert!(card.body.contains("action=\"/safety/safe\""));
    assert!(
        !card.body.contains("plan-steps"),
        "the severe card takes the whole page"
    );
    // The words are saved exactly as written.
    let plan = app.get("/safety-plan", Some(&ana)).await;
    assert!(
        plan.body.contains("i&#x27;ve put my affairs in order")
            || plan.body.contains("i&#39;ve put my affairs in order")
    );

    // The linked clinician is told in the app and by email: name, level, time, link; never the words.
    assert_eq!(
        hearth_web::jobs::run_due(&app.state).await,
        1,
        "one email; the escalation is not due yet"
    );
    let mails = app.mails_to("dr.lee@x.test");
    let mail = mails.first().expect("email to the clinician");
    assert!(
        mail.contains("ana")
            && mail.contains("Severe")
            && mail.contains("http://hearth.test/alerts/")
    );
    for word in ["affairs", "funeral", "goodbye", "cat"] {
        assert!(
            !mail.to_lowercase().contains(word),
            "the email holds no words of the message"
        );
    }
    assert!(app.mails_to("dr.other@x.test").is_empty());
    let id = alert_id_in(mail);
    let lee = app.signin("dr.lee@x.test").await;
    let queue = app.get("/alerts", Some(&lee)).await;
    assert!(queue.body.contains(&format!("/alerts/{id}")));
    let page = app.get(&format!("/alerts/{id}"), Some(&lee)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("affairs"));

    // Nobody else sees it: another clinician 404, the member 403.
    let other = app.signin("dr.other@x.test").await;
    assert_eq!(
        app.get(&format!("/alerts/{id}"), Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!app.get("/alerts", Some(&other)).await.body.contains(&id));
    assert_eq!(
        app.post_form(&format!("/alerts/{id}/acknowledge"), Some(&other), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/alerts", Some(&ana)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&format!("/alerts/{id}"), Some(&ana)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get("/alerts", None).await.status, StatusCode::SEE_OTHER);
}

async fn consent_decides_who_is_told(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let on = app.user("on@x.test", &[Role::Clinician]).await;
    let off = app.user("off@x.test", &[Role::Clinician]).await;
    let invited = app.user("invited@x.test", &[Role::Clinician]).await;
    let oncall = app.user("oncall@x.test", &[Role::Clinician]).await;
    let admin = app.user("admin@x.test", &[Role::Admin]).await;
    link(&app, &on, &member, &[Scope::SafetyAlerts]).await;
    link(&app, &off, &member, &[Scope::Circle]).await;
    let (i, m) = (invited.clone(), member.clone());
    app.state
        .db(move |c| Ok(care::invite(c, &i, &m, &i).map(|_| ())?))
        .await
        .unwrap();
    let oc = oncall.clone();
    settings(&app, move |s| s.on_call = vec![oc]).await;

    let ana = app.signin("ana@x.test").await;
    write(&app, &ana, MODERATE).await;
    let a = &member_alerts(&app, &member).await[0];
    assert_eq!(a.level, "moderate");
    let told: Vec<_> = recipients(&app, &a.id)
        .await
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    assert_eq!(
        told,
        vec![on.clone()],
        "only the active link with the scope on"
    );
    // A linked person who is no longer a clinician is not told.
    let ex = app.user("ex@x.test", &[Role::Clinician]).await;
    link(&app, &ex, &member, &[Scope::SafetyAlerts]).await;
    let e2 = ex.clone();
    app.state
        .db(move |c| Ok(hearth_store::users::set_roles(c, &e2, &[Role::Member])?))
        .await
        .unwrap();
    app.state.advance_clock(Duration::minutes(31));
    write(&app, &ana, MODERATE_2).await;
    let latest = member_alerts(&app, &member).await;
    let told: Vec<_> = recipients(&app, &latest[1].id)
        .await
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    assert_eq!(told, vec![on.clone()], "the former clinician is not told");

    // Without a care team, the on-call list is told; without an on-call list, the admins.
    let lone = app.user("lone@x.test", &[Role::Member]).await;
    let lone_c = app.signin("lone@x.test").await;
    let to = write(&app, &lone_c, MODERATE).await;
    assert!(to.contains("card=moderate"), "the card still appears");
    let a = &member_alerts(&app, &lone).await[0];
    assert_eq!(
        recipients(&app, &a.id).await,
        vec![(oncall.clone(), "on_call".to_string())]
    );
    settings(&app, |s| s.on_call = vec![]).await;
    let lone2 = app.user("lone2@x.test", &[Role::Member]).await;
    let c2 = app.signin("lone2@x.test").await;
    write(&app, &c2, MODERATE).await;
    let a = &member_alerts(&app, &lone2).await[0];
    assert_eq!(
        recipients(&app, &a.id).await,
        vec![(admin, "on_call".to_string())]
    );
    let _ = off;
}

async fn acknowledge_then_resolve_with_an_audit_trail(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let clin = app.user("dr.lee@x.test", &[Role::Clinician]).await;
    link(&app, &clin, &member, &[Scope::SafetyAlerts]).await;
    let ana = app.signin("ana@x.test").await;
    write(&app, &ana, MODERATE).await;
    let id = member_alerts(&app, &member).await[0].id.clone();
    let lee = app.signin("dr.lee@x.test").await;

    // Resolving before acknowledging is refused, with the typed note kept.
    let r = app
        .post_form(
            &format!("/alerts/{id}/resolve"),
            Some(&lee),
            &[
                ("outcome", "member_safe"),
                ("note", "Called, she is with her sister"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Called, she is with her sister"));

    let r = app
        .post_form(&format!("/alerts/{id}/acknowledge"), Some(&lee), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(r.location(), Some(&lee)).await;
    assert!(page.body.contains("Acknowledged by dr.lee"));

    let r = app
        .post_form(
            &format!("/alerts/{id}/resolve"),
            Some(&lee),
            &[("note", "kept note")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an outcome is required"
    );
    assert!(r.body.contains("kept note") && r.body.contains("href=\"#f-outcome\""));
    let r = app
        .post_form(
            &format!("/alerts/{id}/resolve"),
            Some(&lee),
            &[
                ("outcome", "reached_out"),
                ("note", "Phoned; plan for Friday"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let a = &member_alerts(&app, &member).await[0];
    assert_eq!(a.status, "resolved");
    assert_eq!(a.outcome.as_deref(), Some("reached_out"));
    assert_eq!(a.resolved_by.as_deref(), Some(clin.as_str()));
    assert!(
        !app.get("/alerts", Some(&lee)).await.body.contains(&id),
        "resolved leaves the queue"
    );
    assert!(app
        .get("/alerts?all=1", Some(&lee))
        .await
        .body
        .contains(&id));

    let entries = trail(&app).await;
    for action in [
        "alert_raised",
        "alert_notified",
        "alert_acknowledged",
        "alert_resolved",
        "safety_plan_saved",
    ] {
        assert!(
            entries.iter().any(|e| e.action == action),
            "{action} is audited"
        );
    }
    for e in &entries {
        let d = e.detail.as_deref().unwrap_or("");
        assert!(
            !d.contains("better off") && !d.contains("Phoned"),
            "no words in the audit log"
        );
    }
}

async fn escalation_follows_the_clock_and_survives_a_restart(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let clin = app.user("dr.lee@x.test", &[Role::Clinician]).await;
    let oncall = app.user("oncall@x.test", &[Role::Clinician]).await;
    let admin = app.user("admin@x.test", &[Role::Admin]).await;
    link(&app, &clin, &member, &[Scope::SafetyAlerts]).await;
    let oc = oncall.clone();
    settings(&app, move |s| s.on_call = vec![oc]).await;
    let ana = app.signin("ana@x.test").await;
    write(&app, &ana, SEVERE).await;
    let id = member_alerts(&app, &member).await[0].id.clone();
    hearth_web::jobs::run_due(&app.state).await;

    // Four minutes on, nothing escalates.
    app.state.advance_clock(Duration::minutes(4));
    hearth_web::jobs::run_due(&app.state).await;
    assert_eq!(recipients(&app, &id).await.len(), 1);

    // "Restart": a new server on the same database, its clock six minutes on, finds the job.
    let restarted = app.second_state();
    restarted.advance_clock(Duration::minutes(6));
    hearth_web::jobs::run_due(&restarted).await;
    let told = recipients(&app, &id).await;
    assert_eq!(
        told[1],
        (oncall.clone(), "escalation".to_string()),
        "{told:?}"
    );
    assert!(app
        .mails_to("oncall@x.test")
        .iter()
        .any(|m| m.contains("Nobody has acknowledged")));
    let a = &member_alerts(&app, &member).await[0];
    assert_eq!(a.escalation_step, 1);
    // The on-call clinician now has it in their queue and may act on it.
    let oc_cookie = app.signin("oncall@x.test").await;
    assert!(app
        .get("/alerts", Some(&oc_cookie))
        .await
        .body
        .contains(&id));

    // Another window without acknowledgement: the admins are told too.
    restarted.advance_clock(Duration::minutes(5));
    hearth_web::jobs::run_due(&restarted).await;
    let told: Vec<_> = recipients(&app, &id)
        .await
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    assert!(told.contains(&admin), "{told:?}");
    assert!(
        trail(&app)
            .await
            .iter()
            .filter(|e| e.action == "alert_escalated")
            .count()
            == 2
    );

    // Acknowledged: no further escalation however long it waits.
    let r = app
        .post_form(&format!("/alerts/{id}/acknowledge"), Some(&oc_cookie), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    restarted.advance_clock(Duration::minutes(120));
    hearth_web::jobs::run_due(&restarted).await;
    assert_eq!(member_alerts(&app, &member).await[0].escalation_step, 2);
    let pending = app
        .state
        .db(|c| Ok(jobs::pending(c, "alert_escalate")?))
        .await
        .unwrap();
    assert!(pending.is_empty(), "no job left behind: {pending:?}");
}

async fn moderate_alerts_wait_an_hour(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let clin = app.user("dr.lee@x.test", &[Role::Clinician]).await;
    app.user("admin@x.test", &[Role::Admin]).await;
    link(&app, &clin, &member, &[Scope::SafetyAlerts]).await;
    let ana = app.signin("ana@x.test").await;
    write(&app, &ana, MODERATE).await;
    let id = member_alerts(&app, &member).await[0].id.clone();
    app.state.advance_clock(Duration::minutes(59));
    hearth_web::jobs::run_due(&app.state).await;
    assert_eq!(recipients(&app, &id).await.len(), 1);
    app.state.advance_clock(Duration::minutes(2));
    hearth_web::jobs::run_due(&app.state).await;
    assert_eq!(
        recipients(&app, &id).await.len(),
        2,
        "escalated to the admin after 60 min"
    );
}

async fn repeats_within_thirty_minutes_update_the_open_alert(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let clin = app.user("dr.lee@x.test", &[Role::Clinician]).await;
    link(&app, &clin, &member, &[Scope::SafetyAlerts]).await;
    let ana = app.signin("ana@x.test").await;
    write(&app, &ana, MODERATE).await;
    app.state.advance_clock(Duration::minutes(10));
    write(&app, &ana, &format!("{MODERATE}\n{MODERATE_2}")).await;
    let all = member_alerts(&app, &member).await;
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].signals, all[0].level.as_str()), (2, "moderate"));

    // Worse within the window: the same alert becomes severe and escalates sooner.
    app.state.advance_clock(Duration::minutes(10));
    write(&app, &ana, &format!("{MODERATE}\n{MODERATE_2}\n{SEVERE}")).await;
    let all = member_alerts(&app, &member).await;
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].signals, all[0].level.as_str()), (3, "severe"));
    let due = all[0].escalate_at.unwrap() - all[0].last_signal_at;
    assert_eq!(due, Duration::minutes(5));
    assert!(trail(&app)
        .await
        .iter()
        .any(|e| e.action == "alert_repeated"));

    // Re-saving the same words raises nothing new.
    write(&app, &ana, &format!("{MODERATE}\n{MODERATE_2}\n{SEVERE}")).await;
    assert_eq!(member_alerts(&app, &member).await[0].signals, 3);

    // Resolved, then 31 minutes later a new signal: a new alert.
    let lee = app.signin("dr.lee@x.test").await;
    let id = all[0].id.clone();
    app.post_form(&format!("/alerts/{id}/acknowledge"), Some(&lee), &[])
        .await;
    app.post_form(
        &format!("/alerts/{id}/resolve"),
        Some(&lee),
        &[("outcome", "member_safe")],
    )
    .await;
    app.state.advance_clock(Duration::minutes(31));
    write(&app, &ana, "I won't be a burden to anyone much longer.").await;
    assert_eq!(member_alerts(&app, &member).await.len(), 2);
}

async fn help_now_and_safe_now(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let oncall = app.user("oncall@x.test", &[Role::Clinician]).await;
    let oc = oncall.clone();
    settings(&app, move |s| s.on_call = vec![oc]).await;
    let ana = app.signin("ana@x.test").await;
    let r = app.post_form("/safety/help-now", Some(&ana), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/safety/help-now");
    let page = app.get("/safety/help-now", Some(&ana)).await;
    assert!(
        page.body.contains("Someone will reach out"),
        "{}",
        page.body
    );
    let a = &member_alerts(&app, &member).await[0];
    assert_eq!(
        (a.level.as_str(), a.source.as_str()),
        ("severe", "help_now")
    );
    hearth_web::jobs::run_due(&app.state).await;
    assert!(app
        .mails_to("oncall@x.test")
        .iter()
        .any(|m| m.contains("I need help now")));

    let r = app
        .post_form("/safety/safe", Some(&ana), &[("back", "/safety-plan")])
        .await;
    assert_eq!(r.location(), "/safety-plan?done=safe-noted");
    let r = app
        .post_form(
            "/safety/safe",
            Some(&ana),
            &[("back", "https://evil.example/")],
        )
        .await;
    assert_eq!(r.location(), "/?done=safe-noted", "only same-site paths");
    assert!(trail(&app).await.iter().any(|e| e.action == "member_safe"));
    // Signed out, these answer with the sign-in page, not an error.
    assert_eq!(
        app.post_form("/safety/help-now", None, &[]).await.status,
        StatusCode::SEE_OTHER
    );
}

async fn every_card_in_both_languages(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    assert_eq!(
        write(&app, &ana, "Went for a walk with my sister.").await,
        "/safety-plan?done=plan-saved"
    );
    let low = write(&app, &ana, LOW).await;
    assert!(low.contains("card=low"), "{low}");
    let page = app.get(low.split('#').next().unwrap(), Some(&ana)).await;
    assert!(page.body.contains("support-line") && page.body.contains("href=\"/help\""));
    let other = write(&app, &ana, &format!("{LOW}\n{OTHER}")).await;
    assert!(other.contains("card=other"), "{other}");
    let page = app.get(other.split('#').next().unwrap(), Some(&ana)).await;
    assert!(page
        .body
        .contains("How to help someone you are worried about"));

    // Moderate card: thanks, one primary action, the people listed as reachable, the plan.
    let r = app
        .post_form(
            "/safety-plan/edit",
            Some(&ana),
            &[
                ("warning_signs", MODERATE),
                ("helper_name_0", "Sam (sister)"),
                ("helper_phone_0", "555-0100"),
            ],
        )
        .await;
    let page = app
        .get(r.location().split('#').next().unwrap(), Some(&ana))
        .await;
    assert!(page.body.contains("card-moderate"));
    assert!(page.body.contains("Thank you for sharing this"));
    assert!(page.body.contains("Sam (sister)") && page.body.contains("tel:5550100"));
    assert!(
        page.body.contains("plan-steps"),
        "the moderate card does not replace the page"
    );

    // Outside office hours the card says when the team responds and lists 24/7 lines.
    settings(&app, |s| s.office_hours = vec![]).await;
    let page = app.get("/safety-plan?card=moderate", Some(&ana)).await;
    assert!(page.body.contains("not at work right now"));
    assert!(page.body.contains("open day and night"));

    // Korean.
    app.post_form("/lang", Some(&ana), &[("lang", "ko"), ("back", "/")])
        .await;
    for (card, needle) in [
        ("severe", "lang=\"ko\""),
        ("moderate", "card-moderate"),
        ("low", "support-line"),
        ("other", "card-other"),
    ] {
        let page = app
            .get(&format!("/safety-plan?card={card}"), Some(&ana))
            .await;
        assert!(page.body.contains(needle), "{card}");
        assert!(page.body.contains("<html lang=\"ko\">"), "{card} in Korean");
        assert!(
            !page.body.contains("card-severe-title") && !page.body.contains("card-other-title"),
            "no missing keys"
        );
    }
    let ko = write(
        &app,
        &ana,
        "죽고 싶어. 계획 같은 건 없는데 이 생각이 안 멈춰",
    )
    .await;
    assert!(
        ko.contains("card=moderate"),
        "Korean words are screened: {ko}"
    );
}

async fn the_plan_is_shared_only_by_consent(app: TestApp) {
    let member = app.user("ana@x.test", &[Role::Member]).await;
    let with = app.user("with@x.test", &[Role::Clinician]).await;
    let without = app.user("without@x.test", &[Role::Clinician]).await;
    app.user("stranger@x.test", &[Role::Clinician]).await;
    link(
        &app,
        &with,
        &member,
        &[Scope::SafetyPlan, Scope::SafetyAlerts],
    )
    .await;
    link(&app, &without, &member, &[Scope::SafetyAlerts]).await;
    let ana = app.signin("ana@x.test").await;
    app.post_form(
        "/safety-plan/edit",
        Some(&ana),
        &[
            ("reasons", "My dog Biscuit"),
            ("coping", "Long shower\nDrawing"),
        ],
    )
    .await;
    let own = app.get("/safety-plan", Some(&ana)).await;
    assert!(own.body.contains("My dog Biscuit") && own.body.contains("Drawing"));
    assert!(
        own.body.contains("with (your care team"),
        "step 5 is prefilled with the care team"
    );
    assert!(own.body.contains("tel:988"), "and the practice's lines");
    let path = format!("/clients/{member}/safety-plan");
    let c = app.signin("with@x.test").await;
    let seen = app.get(&path, Some(&c)).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.contains("My dog Biscuit"));
    assert!(trail(&app)
        .await
        .iter()
        .any(|e| e.action == "safety_plan_viewed"));
    for who in ["without@x.test", "stranger@x.test"] {
        let c = app.signin(who).await;
        assert_eq!(
            app.get(&path, Some(&c)).await.status,
            StatusCode::NOT_FOUND,
            "{who}"
        );
    }
    // The plan prints: the page carries print styles and no editing controls in print.
    assert!(own.body.contains("class=\"lead no-print\""));
    // /help links to the plan when signed in, and not when signed out.
    assert!(app
        .get("/help", Some(&ana))
        .await
        .body
        .contains("href=\"/safety-plan\""));
    assert!(!app
        .get("/help", None)
        .await
        .body
        .contains("href=\"/safety-plan\""));
}

async fn plan_bad_input_is_kept(app: TestApp) {
    app.user("ana@x.test", &[Role::Member]).await;
    let ana = app.signin("ana@x.test").await;
    let long = "x".repeat(501);
    let r = app
        .post_form(
            "/safety-plan/edit",
            Some(&ana),
            &[
                ("coping", &format!("Walk\n{long}")),
                ("helper_name_0", "Jo"),
                ("helper_phone_0", "call me maybe"),
                ("reasons", "My garden"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for kept in ["call me maybe", "My garden", "Walk", &long] {
        assert!(r.body.contains(kept));
    }
    assert!(r.body.contains("href=\"#f-coping\"") && r.body.contains("href=\"#f-helper_phone_0\""));
    let saved = app.get("/safety-plan", Some(&ana)).await;
    assert!(
        !saved.body.contains("My garden"),
        "nothing partial is saved"
    );
    // Empty is fine; an enormous body is refused, not a crash.
    assert_eq!(write(&app, &ana, "").await, "/safety-plan?done=plan-saved");
    let huge = "a".repeat(70 * 1024);
    let r = app
        .post_form("/safety-plan/edit", Some(&ana), &[("coping", &huge)])
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

async fn crisis_lines_are_set_per_region_and_language(app: TestApp) {
    app.user("admin@x.test", &[Role::Admin]).await;
    app.user("ana@x.test", &[Role::Member]).await;
    let admin = app.signin("admin@x.test").await;
    let list = app.get("/admin/crisis-lines", Some(&admin)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("988 Suicide"));

    let bad = app
        .post_form(
            "/admin/crisis-lines/new",
            Some(&admin),
            &[
                ("name", "Hanmaum line"),
                ("region", "usa"),
                ("chat_url", "http://x"),
                ("language", "ko"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Hanmaum line"));
    let none = app
        .post_form(
            "/admin/crisis-lines/new",
            Some(&admin),
            &[("name", "No way to reach"), ("region", "US")],
        )
        .await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        none.body.contains("href=\"#f-phone\""),
        "a line needs a way to reach it"
    );
    for f in ["region", "chat_url"] {
        assert!(bad.body.contains(&format!("href=\"#f-{f}\"")), "{f}");
    }
    let ok = app
        .post_form(
            "/admin/crisis-lines/new",
            Some(&admin),
            &[
                ("name", "Hanmaum line"),
                ("region", "us"),
                ("language", "ko"),
                ("phone", "1-800-555-0199"),
                ("hours", "Mon–Fri 9:00–18:00"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let help = app.get("/help", None).await;
    assert!(help.body.contains("Hanmaum line") && help.body.contains("Mon–Fri 9:00–18:00"));
    // A Korean reader's card leads with the Korean-language line; an English reader's does not.
    let ana = app.signin("ana@x.test").await;
    let en = app.get("/safety-plan?card=moderate", Some(&ana)).await;
    let first_tap = |b: &str| {
        b.split("card-primary")
            .nth(1)
            .unwrap()
            .split("card-line")
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert!(first_tap(&en.body).contains("988"));
    app.post_form("/lang", Some(&ana), &[("lang", "ko"), ("back", "/")])
        .await;
    let ko = app.get("/safety-plan?card=moderate", Some(&ana)).await;
    assert!(first_tap(&ko.body).contains("Hanmaum line"));

    let idx = settings_len(&app).await - 1;
    let edit = app
        .get(&format!("/admin/crisis-lines/{idx}"), Some(&admin))
        .await;
    assert!(edit.body.contains("value=\"1-800-555-0199\""));
    let r = app
        .post_form(
            &format!("/admin/crisis-lines/{idx}/delete"),
            Some(&admin),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!app.get("/help", None).await.body.contains("Hanmaum line"));
    assert_eq!(
        app.get("/admin/crisis-lines/99", Some(&admin)).await.status,
        StatusCode::NOT_FOUND
    );
    // Members may not.
    assert_eq!(
        app.get("/admin/crisis-lines", Some(&ana)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post_form("/admin/crisis-lines/0/delete", Some(&ana), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert!(trail(&app)
        .await
        .iter()
        .any(|e| e.detail.as_deref() == Some("crisis_lines")));
}

async fn settings_len(app: &TestApp) -> usize {
    app.state.forget_settings();
    app.state.settings().await.unwrap().crisis_lines.len()
}

both_backends!(
    crisis_words_show_the_card_and_reach_the_care_team,
    consent_decides_who_is_told,
    acknowledge_then_resolve_with_an_audit_trail,
    escalation_follows_the_clock_and_survives_a_restart,
    moderate_alerts_wait_an_hour,
    repeats_within_thirty_minutes_update_the_open_alert,
    help_now_and_safe_now,
    every_card_in_both_languages,
    the_plan_is_shared_only_by_consent,
    plan_bad_input_is_kept,
    crisis_lines_are_set_per_region_and_language,
);

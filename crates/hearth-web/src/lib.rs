//! The web layer: pages, the JSON API, authentication and the middleware around them.

pub mod accounts;
pub mod api;
pub mod checkins;
pub mod circle;
pub mod ctx;
pub mod directory;
pub mod error;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod measures;
pub mod metrics;
pub mod middleware;
pub mod next_step;
pub mod pages;
pub mod places;
pub mod referrals;
pub mod safety;
pub mod session_cache;
pub mod small_steps;
pub mod state;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use state::AppState;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::timeout::TimeoutLayer;

pub use state::Config;

/// Request bodies above this are refused with 413. Hearth's forms and JSON are small.
pub const BODY_LIMIT: usize = 64 * 1024;
/// A directory file uploaded by an admin may be this large.
pub const IMPORT_LIMIT: usize = 32 * 1024 * 1024;
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub fn router(state: AppState) -> Router {
    use pages::{
        account, admin, alerts, auth, care, checkins, circle, community, community_manage,
        crisis_lines, export, measures, public, safety,
    };
    let api = Router::new()
        .route("/openapi.json", get(api::openapi))
        .route(
            "/auth/token",
            post(api::auth::create_token).delete(api::auth::revoke_token),
        )
        .route("/me", get(api::people::me))
        .route("/admin/users", get(api::people::list_users))
        .route("/invitations", post(api::people::create_invitation))
        .route("/care-links", get(api::care::list_links))
        .route("/care-links/{id}", get(api::care::get_link))
        .route(
            "/care-links/{id}/consent",
            axum::routing::put(api::care::set_consent),
        )
        .route("/safety/screen", post(api::safety::screen))
        .route(
            "/me/circle",
            get(api::circle::list).post(api::circle::create),
        )
        .route("/me/circle/analysis", get(api::circle::my_analysis))
        .route(
            "/me/circle/{id}",
            get(api::circle::get_one)
                .patch(api::circle::patch)
                .delete(api::circle::delete),
        )
        .route("/members/{id}/circle", get(api::circle::member_circle))
        .route(
            "/me/checkins",
            get(api::checkins::list).post(api::checkins::create),
        )
        .route(
            "/members/{id}/checkins",
            get(api::checkins::member_checkins),
        )
        .route("/instruments", get(api::measures::instruments))
        .route("/me/matches", get(api::directory::my_matches))
        .route("/resources", get(api::directory::search))
        .route("/resources/{id}", get(api::directory::get_one))
        .route(
            "/resources/{id}/calendar.ics",
            get(api::directory::calendar),
        )
        .route(
            "/members/{id}/measures",
            get(api::measures::member_measures),
        )
        .route(
            "/me/measures",
            get(api::measures::list).post(api::measures::create),
        )
        .fallback(middleware::api_not_found);

    Router::new()
        .route("/", get(public::home))
        .route("/help", get(public::help))
        .route("/lang", post(public::switch_language))
        .route("/signin", get(auth::signin_page).post(auth::signin))
        .route(
            "/signin/two-factor",
            get(auth::signin_totp_page).post(auth::signin_totp),
        )
        .route("/signout", post(auth::signout))
        .route(
            "/invite/{token}",
            get(auth::invite_page).post(auth::invite_accept),
        )
        .route("/reset", get(auth::reset_page).post(auth::reset_request))
        .route(
            "/reset/{token}",
            get(auth::reset_confirm_page).post(auth::reset_confirm),
        )
        .route("/register", get(auth::register_page).post(auth::register))
        .route(
            "/account/profile",
            get(account::profile_page).post(account::profile_save),
        )
        .route("/account/sessions", get(account::sessions_page))
        .route(
            "/account/sessions/end-others",
            post(account::sessions_end_others),
        )
        .route("/account/sessions/end-all", post(account::sessions_end_all))
        .route("/account/sessions/{id}/end", post(account::session_end))
        .route(
            "/account/two-factor",
            get(account::two_factor_page).post(account::two_factor_save),
        )
        .route("/care-team", get(care::care_team))
        .route("/care-team/{id}/accept", post(care::accept))
        .route("/care-team/{id}/end", post(care::end))
        .route(
            "/care-team/{id}/consent",
            get(care::consent_page).post(care::consent_save),
        )
        .route("/clients", get(care::clients))
        .route("/clients/invite", post(care::invite_client))
        .route("/admin/people", get(admin::people))
        .route("/admin/people/{id}", get(admin::person))
        .route("/admin/people/{id}/roles", post(admin::set_roles))
        .route("/admin/people/{id}/care", post(admin::assign_clinician))
        .route(
            "/admin/invitations",
            get(admin::invitations).post(admin::invite),
        )
        .route(
            "/admin/invitations/{id}/revoke",
            post(admin::revoke_invitation),
        )
        .route(
            "/admin/settings",
            get(admin::settings_page).post(admin::settings_save),
        )
        .route("/admin/audit", get(admin::audit_page))
        .route("/admin/crisis-lines", get(crisis_lines::list))
        .route(
            "/admin/crisis-lines/new",
            get(crisis_lines::new_page).post(crisis_lines::create),
        )
        .route(
            "/admin/crisis-lines/{index}",
            get(crisis_lines::edit).post(crisis_lines::update),
        )
        .route(
            "/admin/crisis-lines/{index}/delete",
            post(crisis_lines::delete),
        )
        .route(
            "/checkin",
            get(checkins::checkin_page).post(checkins::checkin_save),
        )
        .route("/checkin/trends", get(checkins::trends))
        .route(
            "/checkin/reminders",
            get(checkins::reminders).post(checkins::reminders_save),
        )
        .route("/clients/{id}/checkins", get(checkins::client_trends))
        .route("/account/export", get(export::page))
        .route("/account/export/{file}", get(export::file))
        .route("/clients/{id}/measures", get(measures::client_measures))
        .route(
            "/clients/{id}/measures/{instrument}/schedule",
            post(measures::client_schedule),
        )
        .route("/measures", get(measures::list))
        .route("/measures/{id}", get(measures::take).post(measures::submit))
        .route("/measures/{id}/results", get(measures::results))
        .route("/measures/{id}/schedule", post(measures::set_schedule))
        .route("/community", get(community::search))
        .route("/community/manage", get(community_manage::manage))
        // GET only when someone reloads or switches language on the page a bad point
        // came back on: back to the search.
        .route(
            "/community/place",
            get(|| async { axum::response::Redirect::to("/community") })
                .post(community::place_save),
        )
        .route("/community/place/forget", post(community::place_forget))
        .route("/community/next-step", get(pages::next_step::page))
        .route(
            "/community/new",
            get(community_manage::new_form).post(community_manage::create),
        )
        .route(
            "/community/import",
            get(community_manage::import_form)
                .post(community_manage::import_upload)
                // Feeds are bigger than forms; this is the one route that takes files.
                .layer(DefaultBodyLimit::max(IMPORT_LIMIT)),
        )
        .route("/community/{id}", get(community::resource))
        .route("/community/{id}/calendar.ics", get(community::calendar))
        .route(
            "/community/{id}/edit",
            get(community_manage::edit_form).post(community_manage::update),
        )
        .route("/community/{id}/steps", post(pages::small_steps::begin))
        .route("/referrals", get(pages::referrals::mine))
        .route("/referrals/sent", get(pages::referrals::sent))
        .route("/referrals/{id}", post(pages::referrals::answer))
        .route(
            "/clients/{id}/refer",
            get(pages::referrals::refer_page).post(pages::referrals::refer),
        )
        .route("/steps", get(pages::small_steps::list))
        .route("/steps/calendar", post(pages::small_steps::calendar_feed))
        .route("/calendar/{file}", get(community::member_feed))
        .route(
            "/steps/{id}",
            get(pages::small_steps::show).post(pages::small_steps::change),
        )
        .route("/community/{id}/verify", post(community_manage::verify))
        .route("/community/{id}/retire", post(community_manage::retire))
        .route("/circle", get(circle::circle_page).post(circle::quick_add))
        .route("/circle/changes", get(circle::changes_page))
        .route(
            "/circle/{id}",
            get(circle::entry_edit).post(circle::entry_save),
        )
        .route("/circle/{id}/connected", post(circle::connected))
        .route(
            "/circle/{id}/delete",
            get(circle::delete_page).post(circle::delete),
        )
        .route("/safety-plan", get(safety::plan_page))
        .route(
            "/safety-plan/edit",
            get(safety::plan_edit_page).post(safety::plan_save),
        )
        .route(
            "/safety/help-now",
            get(safety::help_sent_page).post(safety::help_now),
        )
        .route("/safety/safe", post(safety::safe_now))
        .route("/clients/{id}/safety-plan", get(safety::client_plan_page))
        .route("/clients/{id}/circle", get(circle::client_circle))
        .route("/alerts", get(alerts::queue))
        .route("/alerts/{id}", get(alerts::show))
        .route("/alerts/{id}/acknowledge", post(alerts::acknowledge))
        .route("/alerts/{id}/resolve", post(alerts::resolve))
        .nest("/api/v1", api)
        .fallback(middleware::not_found)
        // Each `Router::layer` call boxes every route once more, and a request clones the
        // boxes under each one it passes: layers given together in one `ServiceBuilder` are
        // boxed once (docs/PERFORMANCE.md). Outermost first.
        .layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    ctx::load_context,
                ))
                .layer(axum::middleware::from_fn(middleware::error_pages))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    middleware::csrf,
                )),
        )
        // Below the session layer: these need no one's session, and a page view's
        // stylesheet and script should not each cost a lookup.
        .route("/static/hearth.css", get(public::stylesheet))
        .route("/static/community.js", get(public::community_script))
        .route("/static/circle.js", get(public::circle_script))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .layer(
            ServiceBuilder::new()
                .layer(tower_http::request_id::SetRequestIdLayer::x_request_id(
                    tower_http::request_id::MakeRequestUuid,
                ))
                .layer(tower_http::request_id::PropagateRequestIdLayer::x_request_id())
                .layer(tower_http::trace::TraceLayer::new_for_http())
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    REQUEST_TIMEOUT,
                ))
                .layer(DefaultBodyLimit::max(BODY_LIMIT))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    middleware::security_headers,
                ))
                // Inside the router, as all of these are, so it sees the route's `MatchedPath`.
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    middleware::track_metrics,
                )),
        )
        .with_state(state)
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let fut = state.db(|c| {
        c.ping().map_err(|e| {
            if let hearth_store::DbError::Query(q) = &e {
                hearth_store::db::note_error(q);
            }
            state::DbFailure::Unavailable
        })
    });
    match tokio::time::timeout(Duration::from_secs(2), fut).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics().render(state.pool()),
    )
}

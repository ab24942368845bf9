use super::safety::LineView;
use super::{render, Chrome};
use crate::ctx::{Ctx, LANG_COOKIE};
use crate::error::HtmlError;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Form;
use hearth_core::account::Language;
use hearth_core::roles::Role;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing {
    c: Chrome,
    self_registration: bool,
    public_directory: bool,
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    c: Chrome,
    name: String,
    pending_care: usize,
    /// For clinicians and admins: alerts they were told about that are not resolved.
    open_alerts: Option<i64>,
}

pub async fn home(State(state): State<AppState>, ctx: Ctx) -> Result<Response, HtmlError> {
    let settings = state.settings().await.unwrap_or_default();
    let c = Chrome::new(&ctx);
    match &ctx.auth {
        None => render(&Landing {
            c,
            self_registration: settings.self_registration,
            public_directory: settings.public_directory,
        }),
        Some(a) => {
            use hearth_store::{alerts, care};
            let id = a.user.id.clone();
            let staff = a.has(Role::Clinician) || a.has(Role::Admin);
            let (links, open_alerts) = state
                .read_often(
                    move |conn| {
                        let alerts = match staff {
                            true => Some(alerts::unresolved_count_for(conn, &id)?),
                            false => None,
                        };
                        Ok((care::for_member(conn, &id)?, alerts))
                    },
                    async |pg| {
                        let alerts = match staff {
                            true => {
                                Some(alerts::unresolved_count_for_pipelined(pg, &a.user.id).await?)
                            }
                            false => None,
                        };
                        Ok((care::for_member_pipelined(pg, &a.user.id).await?, alerts))
                    },
                )
                .await?;
            let pending_care = links
                .iter()
                .filter(|l| l.status() == hearth_core::care::LinkStatus::Invited)
                .count();
            render(&Home {
                c,
                name: a.user.display_name.clone(),
                pending_care,
                open_alerts,
            })
        }
    }
}

pub struct RegionGroup {
    pub region: String,
    pub heading_key: String,
    pub lines: Vec<LineView>,
}

#[derive(Template)]
#[template(path = "help.html")]
struct Help {
    c: Chrome,
    groups: Vec<RegionGroup>,
    signed_in: bool,
}

/// The crisis help page. It must work for anyone, signed in or not, and even when the
/// database is down: then the shipped default lines are shown.
pub async fn help(State(state): State<AppState>, ctx: Ctx) -> Result<Response, HtmlError> {
    let settings = state.settings().await.unwrap_or_default();
    let mut lines = settings.crisis_lines.clone();
    // The practice's own region first, emergency numbers first within each region, and
    // lines in the reader's language before others.
    let lang = ctx.lang.as_str();
    lines.sort_by_key(|l| {
        (
            l.region != settings.region,
            l.region.clone(),
            !l.emergency,
            l.language.as_deref().is_some_and(|x| x != lang),
        )
    });
    let mut groups: Vec<RegionGroup> = vec![];
    for l in lines {
        let region = l.region.clone();
        let view = LineView::from(l);
        match groups.last_mut() {
            Some(g) if g.region == region => g.lines.push(view),
            _ => groups.push(RegionGroup {
                heading_key: format!("help-country-{}", region.to_lowercase()),
                region,
                lines: vec![view],
            }),
        }
    }
    let c = Chrome::new(&ctx);
    // A practice may list a region Hearth has no heading for.
    for g in groups.iter_mut() {
        if !c.t.has(&g.heading_key) {
            g.heading_key = "help-country-other".into();
        }
    }
    render(&Help {
        signed_in: ctx.auth.is_some(),
        c,
        groups,
    })
}

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
    #[serde(default)]
    back: String,
}

/// The language switcher. Signed-in people keep the choice on their account.
pub async fn switch_language(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<LangForm>,
) -> Result<Response, HtmlError> {
    let lang = Language::parse(&f.lang).unwrap_or_default();
    if let Some(a) = &ctx.auth {
        let id = a.user.id.clone();
        state
            .db(move |c| Ok(hearth_store::users::set_language(c, &id, lang)?))
            .await?;
    }
    let back = super::safe_next(Some(&f.back));
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.as_str()
    );
    Ok(([(header::SET_COOKIE, cookie)], super::see_other(&back)).into_response())
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/hearth.css"),
    )
        .into_response()
}

/// A script shipped in the binary (the CSP allows only scripts from here).
fn script(body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

pub async fn circle_script() -> Response {
    script(include_str!("../../static/circle.js"))
}

pub async fn community_script() -> Response {
    script(include_str!("../../static/community.js"))
}

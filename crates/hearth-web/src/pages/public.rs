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
use hearth_core::crisis_lines::{self, Contact};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing {
    c: Chrome,
    self_registration: bool,
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    c: Chrome,
    name: String,
    pending_care: usize,
}

pub async fn home(State(state): State<AppState>, ctx: Ctx) -> Result<Response, HtmlError> {
    let settings = state.settings().await.unwrap_or_default();
    let c = Chrome::new(&ctx);
    match &ctx.auth {
        None => render(&Landing {
            c,
            self_registration: settings.self_registration,
        }),
        Some(a) => {
            let id = a.user.id.clone();
            let pending_care = state
                .read(move |conn| {
                    Ok(hearth_store::care::for_member(conn, &id)?
                        .iter()
                        .filter(|l| l.status() == hearth_core::care::LinkStatus::Invited)
                        .count())
                })
                .await?;
            render(&Home {
                c,
                name: a.user.display_name.clone(),
                pending_care,
            })
        }
    }
}

pub struct LineView {
    pub name: String,
    pub number: String,
    pub call: bool,
    pub text: bool,
    pub tel: String,
    pub sms: String,
    pub keyword: Option<String>,
    pub emergency: bool,
}

pub struct CountryGroup {
    pub country: String,
    pub heading_key: String,
    pub lines: Vec<LineView>,
}

#[derive(Template)]
#[template(path = "help.html")]
struct Help {
    c: Chrome,
    groups: Vec<CountryGroup>,
}

/// The crisis help page. It must work for anyone, signed in or not, and even when the
/// database is down: then the shipped default lines are shown.
pub async fn help(State(state): State<AppState>, ctx: Ctx) -> Result<Response, HtmlError> {
    let settings = state.settings().await.unwrap_or_default();
    let mut lines = settings.crisis_lines.clone();
    // Emergency numbers first within each country; the reader's own country first.
    let first = if ctx.lang == Language::Ko { "KR" } else { "US" };
    lines.sort_by_key(|l| (l.country != first, l.country.clone(), !l.emergency));
    let mut groups: Vec<CountryGroup> = vec![];
    for l in lines {
        let view = LineView {
            call: matches!(l.contact, Contact::Call | Contact::CallOrText),
            text: matches!(l.contact, Contact::Text | Contact::CallOrText),
            tel: crisis_lines::href(&l.number, false),
            sms: crisis_lines::href(&l.number, true),
            name: l.name,
            number: l.number,
            keyword: l.text_keyword,
            emergency: l.emergency,
        };
        match groups.last_mut() {
            Some(g) if g.country == l.country => g.lines.push(view),
            _ => groups.push(CountryGroup {
                heading_key: format!("help-country-{}", l.country.to_lowercase()),
                country: l.country,
                lines: vec![view],
            }),
        }
    }
    let c = Chrome::new(&ctx);
    // A practice may list a country Hearth has no heading for; fall back to its code.
    for g in groups.iter_mut() {
        if !c.t.has(&g.heading_key) {
            g.heading_key = "help-country-other".into();
        }
    }
    render(&Help { c, groups })
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

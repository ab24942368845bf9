//! Server-rendered pages. Handlers parse, call the store or `accounts`, and render.

pub mod account;
pub mod admin;
pub mod alerts;
pub mod auth;
pub mod care;
pub mod checkins;
pub mod circle;
pub mod community;
pub mod community_manage;
pub mod crisis_lines;
pub mod export;
pub mod measures;
pub mod next_step;
pub mod public;
pub mod referrals;
pub mod safety;
pub mod small_steps;
pub mod text;

pub use text::Text;

use crate::ctx::{Ctx, Errors};
use crate::error::HtmlError;
use crate::i18n::Tr;
use askama::Template;
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use hearth_core::roles::Role;

#[derive(Debug, Clone)]
pub struct NavUser {
    pub clinician: bool,
    pub admin: bool,
}

/// What the layout needs on every page.
pub struct Chrome {
    pub t: Tr,
    pub user: Option<NavUser>,
    pub path: String,
    pub practice: String,
    pub errors: Errors,
    pub notice: Option<String>,
    /// A crisis card for the writer, after they saved words that were screened.
    pub card: Option<safety::CardView>,
}

impl Chrome {
    pub fn new(ctx: &Ctx) -> Chrome {
        Chrome {
            t: ctx.tr(),
            user: ctx.auth.as_ref().map(|a| NavUser {
                clinician: a.has(Role::Clinician),
                admin: a.has(Role::Admin),
            }),
            path: ctx.path.clone(),
            practice: ctx.practice_name.clone(),
            errors: Errors::default(),
            notice: None,
            card: None,
        }
    }

    pub fn with_errors(mut self, errors: Errors) -> Chrome {
        self.errors = errors;
        self
    }

    /// A notice named in the `done` query parameter after a redirect. Only known keys show.
    pub fn with_done(mut self, done: Option<&str>) -> Chrome {
        if let Some(d) = done {
            let key = format!("done-{d}");
            if d.chars().all(|c| c.is_ascii_lowercase() || c == '-') && self.t.has(&key) {
                self.notice = Some(self.t.get(&key).into_owned());
            }
        }
        self
    }

    pub fn with_card(mut self, card: Option<safety::CardView>) -> Chrome {
        self.card = card;
        self
    }

    /// The severe card takes the whole page: nothing else competes with it.
    pub fn card_is_severe(&self) -> bool {
        self.card.as_ref().is_some_and(|c| c.severe)
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.errors.first_for(field).is_some()
    }

    pub fn error(&self, field: &str) -> String {
        self.errors
            .first_for(field)
            .map(|e| self.t.get(e.message_id).into_owned())
            .unwrap_or_default()
    }
}

/// Room for a whole page: the circle page with a dozen people is 18 KB.
const PAGE_BUFFER: usize = 32 * 1024;

pub fn render<T: Template>(t: &T) -> Result<Response, HtmlError> {
    // Askama's own size hint counts only the template's fixed text; a page that grew its
    // buffer several times copied itself each time (docs/PERFORMANCE.md).
    let mut body = String::with_capacity(T::SIZE_HINT.max(PAGE_BUFFER));
    t.render_into(&mut body)?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(body)).into_response())
}

/// Renders with a status: used for forms sent back with errors (422).
pub fn render_status<T: Template>(
    status: axum::http::StatusCode,
    t: &T,
) -> Result<Response, HtmlError> {
    let mut r = render(t)?;
    *r.status_mut() = status;
    Ok(r)
}

pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Only same-site paths may be returned to after sign-in.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        // Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would become
        // "//evil.example": control characters are refused along with "//" and "\\".
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(|c| c.is_control()) =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_same_site_paths_are_returned_to() {
        use super::safe_next;
        assert_eq!(safe_next(Some("/circle?x=1")), "/circle?x=1");
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\\evil",
            "https://evil.example",
            "/\n/x",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}

/// Message ids of the weekdays, Monday first (ISO 8601 numbering minus one).
pub const DAY_KEYS: [&str; 7] = [
    "day-mon", "day-tue", "day-wed", "day-thu", "day-fri", "day-sat", "day-sun",
];

pub fn fmt_time(t: chrono::NaiveDateTime, tz: &str) -> String {
    let tz: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::UTC);
    t.and_utc()
        .with_timezone(&tz)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub c: Chrome,
    pub heading_key: &'static str,
    pub message_key: &'static str,
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub c: Chrome,
    pub title_key: &'static str,
    pub body_key: &'static str,
    pub link: Option<(String, &'static str)>,
}

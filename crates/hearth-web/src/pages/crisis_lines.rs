//! The admin page for the practice's crisis lines, per region and language. The help page
//! and every crisis card show them.

use super::admin::require_admin;
use super::safety::LineView;
use super::{render, render_status, see_other, Chrome};
use crate::ctx::{Ctx, Errors, SignedIn};
use crate::error::HtmlError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use hearth_core::account::FieldError;
use hearth_core::crisis_lines::{self, CrisisLine, LineError};
use hearth_store::audit::{self, Action};
use serde::Deserialize;
use std::collections::HashMap;

pub struct Row {
    index: usize,
    region: String,
    language: String,
    line: LineView,
}

#[derive(Template)]
#[template(path = "admin_crisis_lines.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<Row>,
    region: String,
}

#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let s = state.settings().await?;
    let t = ctx.tr();
    let rows = s
        .crisis_lines
        .iter()
        .cloned()
        .enumerate()
        .map(|(index, l)| Row {
            index,
            region: l.region.clone(),
            language: match l.language.as_deref() {
                Some(x) => t.get(&format!("crisis-line-language-{x}")).into_owned(),
                None => t.get("crisis-line-language-any").into_owned(),
            },
            line: LineView::from(l),
        })
        .collect();
    render(&ListPage {
        c: Chrome::new(&ctx).with_done(q.done.as_deref()),
        rows,
        region: s.region.clone(),
    })
}

/// The form as typed.
#[derive(Default)]
pub struct LineFields {
    region: String,
    language: String,
    name: String,
    phone: String,
    text: String,
    text_keyword: String,
    chat_url: String,
    always_open: bool,
    hours: String,
    emergency: bool,
}

impl LineFields {
    fn from_line(l: &CrisisLine) -> LineFields {
        LineFields {
            region: l.region.clone(),
            language: l.language.clone().unwrap_or_default(),
            name: l.name.clone(),
            phone: l.phone.clone().unwrap_or_default(),
            text: l.text.clone().unwrap_or_default(),
            text_keyword: l.text_keyword.clone().unwrap_or_default(),
            chat_url: l.chat_url.clone().unwrap_or_default(),
            always_open: l.always_open,
            hours: l.hours.clone().unwrap_or_default(),
            emergency: l.emergency,
        }
    }

    fn from_form(f: &HashMap<String, String>) -> LineFields {
        let get = |k: &str| f.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
        LineFields {
            region: get("region").to_ascii_uppercase(),
            language: get("language"),
            name: get("name"),
            phone: get("phone"),
            text: get("text"),
            text_keyword: get("text_keyword"),
            chat_url: get("chat_url"),
            always_open: get("always_open") == "on",
            hours: get("hours"),
            emergency: get("emergency") == "on",
        }
    }

    fn to_line(&self) -> CrisisLine {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        CrisisLine {
            region: self.region.clone(),
            language: opt(&self.language),
            name: self.name.clone(),
            phone: opt(&self.phone),
            text: opt(&self.text),
            text_keyword: opt(&self.text_keyword),
            chat_url: opt(&self.chat_url),
            always_open: self.always_open,
            hours: opt(&self.hours),
            emergency: self.emergency,
        }
    }
}

#[derive(Template)]
#[template(path = "admin_crisis_line.html")]
struct EditPage {
    c: Chrome,
    f: LineFields,
    /// `None` for a new line.
    index: Option<usize>,
}

fn edit_page(ctx: &Ctx, f: LineFields, index: Option<usize>, errors: Errors) -> EditPage {
    let mut c = Chrome::new(ctx).with_errors(errors);
    c.path = "/admin/crisis-lines".into();
    EditPage { c, f, index }
}

pub async fn new_page(SignedIn(ctx, me): SignedIn) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let f = LineFields {
        always_open: true,
        ..Default::default()
    };
    render(&edit_page(&ctx, f, None, Errors::default()))
}

pub async fn edit(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(index): Path<usize>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let s = state.settings().await?;
    let l = s.crisis_lines.get(index).ok_or(HtmlError::NotFound)?;
    render(&edit_page(
        &ctx,
        LineFields::from_line(l),
        Some(index),
        Errors::default(),
    ))
}

fn message(e: LineError) -> &'static str {
    match e {
        LineError::Name => "error-required",
        LineError::TooLong => "error-too-long",
        LineError::Region => "error-crisis-region",
        LineError::Language => "error-language",
        LineError::NoContact => "error-crisis-no-contact",
        LineError::Phone | LineError::Text => "error-crisis-number",
        LineError::ChatUrl => "error-crisis-chat-url",
    }
}

/// One change to the list, saved with its audit record.
async fn save_lines(
    state: &AppState,
    ctx: &Ctx,
    actor: &str,
    change: impl FnOnce(&mut Vec<CrisisLine>) -> bool + Send + 'static,
) -> Result<bool, HtmlError> {
    let (actor, addr) = (actor.to_string(), ctx.client_addr.clone());
    let changed = state
        .tx(move |c| {
            let mut s = hearth_store::settings::load(c)?;
            if !change(&mut s.crisis_lines) {
                return Ok(false);
            }
            hearth_store::settings::save(c, &s)?;
            audit::record(
                c,
                Some(&actor),
                Action::SettingsChanged,
                None,
                addr.as_deref(),
                Some("crisis_lines"),
            )?;
            Ok(true)
        })
        .await?;
    state.forget_settings();
    Ok(changed)
}

async fn submit(
    state: AppState,
    ctx: Ctx,
    actor: String,
    index: Option<usize>,
    form: HashMap<String, String>,
) -> Result<Response, HtmlError> {
    let f = LineFields::from_form(&form);
    let line = f.to_line();
    let problems = crisis_lines::check(&line);
    if !problems.is_empty() {
        let mut errors = Errors::default();
        for p in problems {
            errors.push(FieldError::new(p.field(), message(p)));
        }
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &edit_page(&ctx, f, index, errors),
        );
    }
    let found = save_lines(&state, &ctx, &actor, move |lines| match index {
        None => {
            lines.push(line);
            true
        }
        Some(i) if i < lines.len() => {
            lines[i] = line;
            true
        }
        Some(_) => false,
    })
    .await?;
    if !found {
        return Err(HtmlError::NotFound);
    }
    Ok(see_other("/admin/crisis-lines?done=saved"))
}

pub async fn create(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    submit(state, ctx, me.user.id.clone(), None, form).await
}

pub async fn update(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(index): Path<usize>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    submit(state, ctx, me.user.id.clone(), Some(index), form).await
}

pub async fn delete(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(index): Path<usize>,
) -> Result<Response, HtmlError> {
    require_admin(&me)?;
    let found = save_lines(&state, &ctx, &me.user.id, move |lines| {
        if index < lines.len() {
            lines.remove(index);
            true
        } else {
            false
        }
    })
    .await?;
    if !found {
        return Err(HtmlError::NotFound);
    }
    Ok(see_other("/admin/crisis-lines?done=deleted"))
}

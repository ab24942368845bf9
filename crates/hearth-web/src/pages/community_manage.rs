//! Keeping Find community true: the list with what needs review, adding and editing a
//! resource, marking it verified, retiring and restoring it (clinicians and admins), and
//! importing a file (admins).

use super::{render, render_status, see_other, Chrome};
use crate::ctx::{Errors, SignedIn};
use crate::directory::{import, Format as FileFormat, ImportOptions, Report};
use crate::error::HtmlError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use hearth_core::account::FieldError;
use hearth_core::circle::Community;
use hearth_core::directory::{
    Access, Cost, CostKind, Facilitation, Focus, Format, Online, Organization, Participation,
    Place, Point, Recurrence, Resource, Verified,
};
use hearth_store::directory as store;
use serde::Deserialize;

fn require_staff(me: &crate::ctx::AuthUser) -> Result<(), HtmlError> {
    if me.is_staff() {
        Ok(())
    } else {
        Err(HtmlError::Forbidden)
    }
}

pub struct Row {
    pub id: String,
    pub name: String,
    pub source: String,
    pub verified: String,
}

#[derive(Template)]
#[template(path = "community_manage.html")]
struct ManagePage {
    c: Chrome,
    review: Vec<Row>,
    total: i64,
    admin: bool,
}

#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

pub async fn manage(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(d): Query<Done>,
) -> Result<Response, HtmlError> {
    require_staff(&me)?;
    let cutoff = state.now().date() - chrono::Duration::days(Resource::REVIEW_AFTER_DAYS);
    let (list, total) = state
        .read(move |c| Ok((store::needing_review(c, cutoff, 200)?, store::count(c)?)))
        .await?;
    let t = ctx.tr();
    render(&ManagePage {
        c: Chrome::new(&ctx).with_done(d.done.as_deref()),
        review: list
            .into_iter()
            .map(|s| Row {
                verified: s
                    .resource
                    .verified
                    .as_ref()
                    .map(|v| v.on.to_string())
                    .unwrap_or_else(|| t.get("community-never").into_owned()),
                name: s.resource.name,
                source: s.key.source,
                id: s.id,
            })
            .collect(),
        total,
        admin: me.has(hearth_core::roles::Role::Admin),
    })
}

/// The edit form as typed. Lists hold the ticked values.
#[derive(Default)]
pub struct Fields {
    pub name: String,
    pub description: String,
    pub org_name: String,
    pub org_website: String,
    pub email: String,
    pub phone: String,
    pub url: String,
    pub kind: String,
    pub format: String,
    pub facilitation: String,
    pub focus: Vec<String>,
    pub participation: Vec<String>,
    pub access: Vec<String>,
    pub languages: String,
    pub cost_kind: String,
    pub cost_amount: String,
    pub currency: String,
    pub min_age: String,
    pub max_age: String,
    pub eligibility: String,
    pub place_name: String,
    pub address: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub lat: String,
    pub lon: String,
    pub directions: String,
    pub online_url: String,
    pub online_phone: String,
    pub first_date: String,
    pub start_time: String,
    pub minutes: String,
    pub tz: String,
    pub repeat: String,
    pub rule: String,
}

pub struct Opt {
    pub value: &'static str,
    pub label: String,
    pub on: bool,
}

pub struct Many {
    pub name: &'static str,
    pub legend: String,
    pub opts: Vec<Opt>,
}

pub struct One {
    pub name: &'static str,
    pub label: String,
    pub opts: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "community_edit.html")]
struct EditPage {
    c: Chrome,
    id: Option<String>,
    f: Fields,
    ones: Vec<One>,
    manys: Vec<Many>,
    repeats: Vec<Opt>,
    other_schedules: usize,
    retired: bool,
}

const REPEATS: [&str; 5] = ["weekly", "fortnightly", "monthly", "once", "custom"];

fn one(
    t: &crate::i18n::Tr,
    name: &'static str,
    label: &str,
    values: Vec<&'static str>,
    prefix: &str,
    chosen: &str,
) -> One {
    let mut opts = vec![Opt {
        value: "",
        label: t.get("community-unknown").into_owned(),
        on: chosen.is_empty(),
    }];
    opts.extend(values.into_iter().map(|v| Opt {
        value: v,
        label: t.get(&format!("{prefix}{v}")).into_owned(),
        on: chosen == v,
    }));
    One {
        name,
        label: t.get(label).into_owned(),
        opts,
    }
}

fn many(
    t: &crate::i18n::Tr,
    name: &'static str,
    legend: &str,
    values: Vec<&'static str>,
    prefix: &str,
    chosen: &[String],
) -> Many {
    Many {
        name,
        legend: t.get(legend).into_owned(),
        opts: values
            .into_iter()
            .map(|v| Opt {
                value: v,
                label: t.get(&format!("{prefix}{v}")).into_owned(),
                on: chosen.iter().any(|c| c == v),
            })
            .collect(),
    }
}

fn edit_page(
    ctx: &crate::ctx::Ctx,
    id: Option<String>,
    f: Fields,
    errors: Errors,
    other_schedules: usize,
    retired: bool,
) -> EditPage {
    let t = ctx.tr();
    EditPage {
        ones: vec![
            one(
                &t,
                "kind",
                "community-filter-kind",
                Community::ALL.iter().map(|v| v.as_str()).collect(),
                "dir-kind-",
                &f.kind,
            ),
            one(
                &t,
                "format",
                "community-filter-format",
                Format::ALL.iter().map(|v| v.as_str()).collect(),
                "dir-format-",
                &f.format,
            ),
            one(
                &t,
                "facilitation",
                "community-facilitation",
                Facilitation::ALL.iter().map(|v| v.as_str()).collect(),
                "dir-facilitation-",
                &f.facilitation,
            ),
        ],
        manys: vec![
            many(
                &t,
                "focus",
                "community-filter-focus",
                Focus::ALL.iter().map(|v| v.as_str()).collect(),
                "dir-focus-",
                &f.focus,
            ),
            many(
                &t,
                "participation",
                "community-filter-participation",
                Participation::ALL.iter().map(|v| v.as_str()).collect(),
                "dir-participation-",
                &f.participation,
            ),
            many(
                &t,
                "access",
                "community-filter-access",
                Access::ALL.iter().map(|v| v.as_str()).collect(),
                "dir-access-",
                &f.access,
            ),
        ],
        repeats: REPEATS
            .iter()
            .map(|r| Opt {
                value: r,
                label: t.get(&format!("community-repeat-{r}")).into_owned(),
                on: f.repeat == *r,
            })
            .collect(),
        c: Chrome::new(ctx).with_errors(errors),
        id,
        f,
        other_schedules,
        retired,
    }
}

fn fields_of(r: &Resource, practice_tz: &str) -> Fields {
    let s = r.schedules.first();
    let (repeat, rule) = match s.map(|s| s.pattern()) {
        None => ("weekly", String::new()),
        Some(hearth_core::directory::schedule::Pattern::Once) => ("once", String::new()),
        Some(hearth_core::directory::schedule::Pattern::Weekly { days, interval })
            if days.len() == 1
                && s.is_some_and(|s| days[0] == chrono::Datelike::weekday(&s.start)) =>
        {
            match interval {
                1 => ("weekly", String::new()),
                2 => ("fortnightly", String::new()),
                _ => ("custom", s.map(|s| s.rule.clone()).unwrap_or_default()),
            }
        }
        Some(hearth_core::directory::schedule::Pattern::MonthlyNth { .. }) => {
            ("monthly", String::new())
        }
        Some(_) => ("custom", s.map(|s| s.rule.clone()).unwrap_or_default()),
    };
    let p = r.place.clone().unwrap_or_default();
    let o = r.online.clone().unwrap_or_default();
    Fields {
        name: r.name.clone(),
        description: r.description.clone(),
        org_name: r.organization.name.clone(),
        org_website: r.organization.website.clone(),
        email: r.email.clone(),
        phone: r.phone.clone(),
        url: r.url.clone(),
        kind: r.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        format: r.format.map(|k| k.as_str().to_string()).unwrap_or_default(),
        facilitation: r
            .facilitation
            .map(|k| k.as_str().to_string())
            .unwrap_or_default(),
        focus: r.focus.iter().map(|v| v.as_str().to_string()).collect(),
        participation: r
            .participation
            .iter()
            .map(|v| v.as_str().to_string())
            .collect(),
        access: r.access.iter().map(|v| v.as_str().to_string()).collect(),
        languages: r.languages.join(", "),
        cost_kind: r
            .cost
            .as_ref()
            .map(|c| c.kind.as_str().to_string())
            .unwrap_or_default(),
        cost_amount: r
            .cost
            .as_ref()
            .and_then(|c| c.amount_minor)
            .map(|a| {
                let per = hearth_core::directory::minor_per_unit(
                    r.cost
                        .as_ref()
                        .and_then(|c| c.currency.as_deref())
                        .unwrap_or(""),
                );
                (a as f64 / per as f64).to_string()
            })
            .unwrap_or_default(),
        currency: r
            .cost
            .as_ref()
            .and_then(|c| c.currency.clone())
            .unwrap_or_default(),
        min_age: r.min_age.map(|a| a.to_string()).unwrap_or_default(),
        max_age: r.max_age.map(|a| a.to_string()).unwrap_or_default(),
        eligibility: r.eligibility.clone(),
        place_name: p.name,
        address: p.address,
        city: p.city,
        region: p.region,
        postal_code: p.postal_code,
        country: p.country,
        lat: p.point.map(|x| x.lat.to_string()).unwrap_or_default(),
        lon: p.point.map(|x| x.lon.to_string()).unwrap_or_default(),
        directions: p.directions,
        online_url: o.url,
        online_phone: o.phone,
        first_date: s.map(|s| s.start.date().to_string()).unwrap_or_default(),
        start_time: s
            .map(|s| s.start.format("%H:%M").to_string())
            .unwrap_or_default(),
        minutes: s.map(|s| s.minutes.to_string()).unwrap_or_default(),
        tz: s
            .map(|s| s.tz.clone())
            .unwrap_or_else(|| practice_tz.to_string()),
        repeat: repeat.to_string(),
        rule,
    }
}

fn form_fields(form: &[(String, String)]) -> Fields {
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let all = |k: &str| {
        form.iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .collect()
    };
    Fields {
        name: get("name"),
        description: get("description"),
        org_name: get("org_name"),
        org_website: get("org_website"),
        email: get("email"),
        phone: get("phone"),
        url: get("url"),
        kind: get("kind"),
        format: get("format"),
        facilitation: get("facilitation"),
        focus: all("focus"),
        participation: all("participation"),
        access: all("access"),
        languages: get("languages"),
        cost_kind: get("cost_kind"),
        cost_amount: get("cost_amount"),
        currency: get("currency").to_ascii_uppercase(),
        min_age: get("min_age"),
        max_age: get("max_age"),
        eligibility: get("eligibility"),
        place_name: get("place_name"),
        address: get("address"),
        city: get("city"),
        region: get("region"),
        postal_code: get("postal_code"),
        country: get("country").to_ascii_uppercase(),
        lat: get("lat"),
        lon: get("lon"),
        directions: get("directions"),
        online_url: get("online_url"),
        online_phone: get("online_phone"),
        first_date: get("first_date"),
        start_time: get("start_time"),
        minutes: get("minutes"),
        tz: get("tz"),
        repeat: get("repeat"),
        rule: get("rule").to_ascii_uppercase(),
    }
}

fn web_address(s: &str) -> bool {
    s.is_empty() || s.starts_with("https://") || s.starts_with("http://")
}

/// The resource the form describes, keeping what the form does not show (tags, other
/// schedules, verification) from `base`; or every field that needs attention.
fn resource_of(f: &Fields, base: Option<&Resource>) -> Result<Resource, Vec<FieldError>> {
    let mut e = vec![];
    let mut r = base.cloned().unwrap_or_else(|| Resource::named(""));
    r.name = f.name.clone();
    if r.name.is_empty() {
        e.push(FieldError::new("name", "error-required"));
    } else if r.name.chars().count() > 300 {
        e.push(FieldError::new("name", "error-too-long"));
    }
    r.description = f.description.clone();
    r.organization = Organization {
        name: f.org_name.clone(),
        website: f.org_website.clone(),
        ..r.organization
    };
    r.email = f.email.clone();
    r.phone = f.phone.clone();
    r.url = f.url.clone();
    for (field, v) in [
        ("url", &f.url),
        ("org_website", &f.org_website),
        ("online_url", &f.online_url),
    ] {
        if !web_address(v) {
            e.push(FieldError::new(field, "error-community-web-address"));
        }
    }
    r.kind = Community::parse(&f.kind);
    r.format = Format::parse(&f.format);
    r.facilitation = Facilitation::parse(&f.facilitation);
    r.focus = f.focus.iter().filter_map(|v| Focus::parse(v)).collect();
    r.participation = f
        .participation
        .iter()
        .filter_map(|v| Participation::parse(v))
        .collect();
    r.access = f.access.iter().filter_map(|v| Access::parse(v)).collect();
    r.languages = f
        .languages
        .split([',', ' '])
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| !l.is_empty())
        .collect();
    if r.languages
        .iter()
        .any(|l| !(2..=3).contains(&l.len()) || !l.bytes().all(|b| b.is_ascii_lowercase()))
    {
        e.push(FieldError::new("languages", "error-community-languages"));
    }
    r.cost = match CostKind::parse(&f.cost_kind) {
        None => None,
        Some(kind) => {
            let amount_minor = if f.cost_amount.is_empty() {
                None
            } else {
                match f.cost_amount.replace(',', "").parse::<f64>() {
                    Ok(a) if (0.0..1e12).contains(&a) => Some(
                        (a * hearth_core::directory::minor_per_unit(&f.currency) as f64).round()
                            as i64,
                    ),
                    _ => {
                        e.push(FieldError::new("cost_amount", "error-community-amount"));
                        None
                    }
                }
            };
            if !f.currency.is_empty()
                && (f.currency.len() != 3 || !f.currency.bytes().all(|b| b.is_ascii_uppercase()))
            {
                e.push(FieldError::new("currency", "error-community-currency"));
            }
            Some(Cost {
                kind,
                amount_minor,
                currency: (!f.currency.is_empty()).then(|| f.currency.clone()),
                note: base
                    .and_then(|b| b.cost.as_ref())
                    .map(|c| c.note.clone())
                    .unwrap_or_default(),
            })
        }
    };
    let age = |field: &'static str, v: &str, e: &mut Vec<FieldError>| -> Option<u8> {
        if v.is_empty() {
            return None;
        }
        match v.parse::<u8>() {
            Ok(a) if a <= 130 => Some(a),
            _ => {
                e.push(FieldError::new(field, "error-community-age"));
                None
            }
        }
    };
    r.min_age = age("min_age", &f.min_age, &mut e);
    r.max_age = age("max_age", &f.max_age, &mut e);
    if let (Some(a), Some(b)) = (r.min_age, r.max_age) {
        if a > b {
            e.push(FieldError::new("max_age", "error-community-age-order"));
        }
    }
    r.eligibility = f.eligibility.clone();
    let point = match (f.lat.is_empty(), f.lon.is_empty()) {
        (true, true) => None,
        (false, false) => match (f.lat.parse::<f64>(), f.lon.parse::<f64>()) {
            (Ok(la), Ok(lo)) => match Point::new(la, lo) {
                Ok(p) => Some(p),
                Err(m) => {
                    e.push(FieldError::new(
                        if m.starts_with("latitude") {
                            "lat"
                        } else {
                            "lon"
                        },
                        "error-search-coordinate",
                    ));
                    None
                }
            },
            (Err(_), _) => {
                e.push(FieldError::new("lat", "error-search-number"));
                None
            }
            (_, Err(_)) => {
                e.push(FieldError::new("lon", "error-search-number"));
                None
            }
        },
        (true, false) => {
            e.push(FieldError::new("lat", "error-search-point"));
            None
        }
        (false, true) => {
            e.push(FieldError::new("lon", "error-search-point"));
            None
        }
    };
    let place = Place {
        name: f.place_name.clone(),
        address: f.address.clone(),
        city: f.city.clone(),
        region: f.region.clone(),
        postal_code: f.postal_code.clone(),
        country: f.country.clone(),
        point,
        directions: f.directions.clone(),
    };
    r.place = (place != Place::default()).then_some(place);
    let online = Online {
        url: f.online_url.clone(),
        phone: f.online_phone.clone(),
        notes: base
            .and_then(|b| b.online.as_ref())
            .map(|o| o.notes.clone())
            .unwrap_or_default(),
    };
    r.online = if online.url.is_empty() && online.phone.is_empty() {
        None
    } else {
        Some(online)
    };

    // The first schedule is the form's; any others (from an import) are kept as they were.
    let rest: Vec<Recurrence> = base
        .map(|b| b.schedules.iter().skip(1).cloned().collect())
        .unwrap_or_default();
    r.schedules = rest;
    if !(f.first_date.is_empty() && f.start_time.is_empty()) {
        let date = NaiveDate::parse_from_str(&f.first_date, "%Y-%m-%d");
        let time = NaiveTime::parse_from_str(&f.start_time, "%H:%M");
        if date.is_err() {
            e.push(FieldError::new("first_date", "error-community-date"));
        }
        if time.is_err() {
            e.push(FieldError::new("start_time", "error-community-time"));
        }
        let minutes = match f.minutes.parse::<u32>() {
            Ok(m) if (1..=1440).contains(&m) => m,
            _ => {
                e.push(FieldError::new("minutes", "error-community-minutes"));
                60
            }
        };
        if f.tz.parse::<chrono_tz::Tz>().is_err() {
            e.push(FieldError::new("tz", "error-time-zone"));
        }
        if let (Ok(d), Ok(t)) = (date, time) {
            let day = hearth_core::directory::schedule::byday(chrono::Datelike::weekday(&d));
            let rule = match f.repeat.as_str() {
                "once" => String::new(),
                "fortnightly" => format!("FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"),
                "monthly" => {
                    let nth = (chrono::Datelike::day(&d) - 1) / 7 + 1;
                    format!("FREQ=MONTHLY;BYDAY={nth}{day}")
                }
                "custom" => f.rule.trim_start_matches("RRULE:").to_string(),
                _ => format!("FREQ=WEEKLY;BYDAY={day}"),
            };
            let rec = Recurrence {
                start: NaiveDateTime::new(d, t),
                tz: f.tz.clone(),
                rule,
                minutes,
            };
            if e.iter().all(|x| x.field != "tz" && x.field != "minutes") && rec.check().is_err() {
                e.push(FieldError::new("rule", "error-community-rule"));
            }
            r.schedules.insert(0, rec);
        }
    }
    if e.is_empty() {
        // The shared rules (the same ones imports meet) have the last word.
        if !r.problems().is_empty() {
            e.push(FieldError::new("name", "error-community-invalid"));
        }
    }
    if e.is_empty() {
        Ok(r)
    } else {
        Err(e)
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
) -> Result<Response, HtmlError> {
    require_staff(&me)?;
    let tz = state.settings().await.unwrap_or_default().time_zone.clone();
    let f = Fields {
        tz,
        repeat: "weekly".into(),
        minutes: "60".into(),
        ..Fields::default()
    };
    render(&edit_page(&ctx, None, f, Errors::default(), 0, false))
}

pub async fn create(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    require_staff(&me)?;
    let f = form_fields(&form);
    match resource_of(&f, None) {
        Err(errors) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &edit_page(&ctx, None, f, Errors(errors), 0, false),
        ),
        Ok(r) => {
            let now = state.now();
            let id = state.tx(move |c| store::create(c, &r, now)).await?;
            tracing::info!(resource = %id, "directory resource added");
            Ok(see_other(&format!("/community/{id}?done=resource-saved")))
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Query(d): Query<Done>,
) -> Result<Response, HtmlError> {
    require_staff(&me)?;
    let tz = state.settings().await.unwrap_or_default().time_zone.clone();
    let s = state
        .read(move |c| Ok(store::get(c, &id)?))
        .await?
        .ok_or(HtmlError::NotFound)?;
    let others = s.resource.schedules.len().saturating_sub(1);
    let mut page = edit_page(
        &ctx,
        Some(s.id.clone()),
        fields_of(&s.resource, &tz),
        Errors::default(),
        others,
        s.retired_at.is_some(),
    );
    page.c = page.c.with_done(d.done.as_deref());
    render(&page)
}

pub async fn update(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    require_staff(&me)?;
    let id2 = id.clone();
    let s = state
        .read(move |c| Ok(store::get(c, &id2)?))
        .await?
        .ok_or(HtmlError::NotFound)?;
    let f = form_fields(&form);
    match resource_of(&f, Some(&s.resource)) {
        Err(errors) => {
            let others = s.resource.schedules.len().saturating_sub(1);
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &edit_page(
                    &ctx,
                    Some(id),
                    f,
                    Errors(errors),
                    others,
                    s.retired_at.is_some(),
                ),
            )
        }
        Ok(r) => {
            let now = state.now();
            let id2 = id.clone();
            state.tx(move |c| store::update(c, &id2, &r, now)).await?;
            tracing::info!(resource = %id, "directory resource edited");
            Ok(see_other(&format!("/community/{id}?done=resource-saved")))
        }
    }
}

/// "I checked this today": the date and the checker's name go on the record.
pub async fn verify(
    State(state): State<AppState>,
    SignedIn(_ctx, me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    require_staff(&me)?;
    let now = state.now();
    let by = me.user.display_name.clone();
    let id2 = id.clone();
    let found = state
        .tx(move |c| {
            let Some(mut s) = store::get(c, &id2)? else {
                return Ok(false);
            };
            s.resource.verified = Some(Verified { on: now.date(), by });
            store::update(c, &id2, &s.resource, now)
        })
        .await?;
    if !found {
        return Err(HtmlError::NotFound);
    }
    tracing::info!(resource = %id, "directory resource verified");
    Ok(see_other("/community/manage?done=resource-verified"))
}

#[derive(Deserialize)]
pub struct RetireForm {
    retire: Option<String>,
}

pub async fn retire(
    State(state): State<AppState>,
    SignedIn(_ctx, me): SignedIn,
    Path(id): Path<String>,
    Form(f): Form<RetireForm>,
) -> Result<Response, HtmlError> {
    require_staff(&me)?;
    let now = state.now();
    let retire = f.retire.as_deref() == Some("yes");
    let id2 = id.clone();
    let found = state
        .tx(move |c| store::set_retired(c, &id2, retire, now))
        .await?;
    if !found {
        return Err(HtmlError::NotFound);
    }
    tracing::info!(resource = %id, retire, "directory resource retired or restored");
    Ok(see_other(&format!(
        "/community/{id}/edit?done={}",
        if retire {
            "resource-retired"
        } else {
            "resource-restored"
        }
    )))
}

#[derive(Template)]
#[template(path = "community_import.html")]
struct ImportPage {
    c: Chrome,
    format: String,
    dry_run: bool,
    report: Option<Report>,
    counts: String,
    failure: Option<String>,
}

pub async fn import_form(SignedIn(ctx, me): SignedIn) -> Result<Response, HtmlError> {
    super::admin::require_admin(&me)?;
    render(&ImportPage {
        c: Chrome::new(&ctx),
        format: "meeting-guide".into(),
        dry_run: true,
        report: None,
        counts: String::new(),
        failure: None,
    })
}

/// An uploaded file goes through the same import as `hearth directory import`.
pub async fn import_upload(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    mut multipart: Multipart,
) -> Result<Response, HtmlError> {
    super::admin::require_admin(&me)?;
    let (mut format, mut dry_run, mut file, mut file_name) =
        (String::new(), false, None::<Vec<u8>>, String::new());
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("format") => format = field.text().await.unwrap_or_default(),
            Some("dry_run") => dry_run = field.text().await.unwrap_or_default() == "on",
            Some("file") => {
                file_name = field.file_name().unwrap_or("upload").to_string();
                file = field.bytes().await.ok().map(|b| b.to_vec());
            }
            _ => {}
        }
    }
    let mut errors = vec![];
    let parsed_format = FileFormat::parse(&format);
    if parsed_format.is_none() {
        errors.push(FieldError::new("format", "error-required"));
    }
    if file.as_ref().is_none_or(|f| f.is_empty()) {
        errors.push(FieldError::new("file", "error-community-file"));
    }
    let mut page = ImportPage {
        c: Chrome::new(&ctx),
        format: format.clone(),
        dry_run,
        report: None,
        counts: String::new(),
        failure: None,
    };
    let (Some(fmt), Some(bytes), true) = (parsed_format, file, errors.is_empty()) else {
        page.c = page.c.with_errors(Errors(errors));
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    let settings = state.settings().await.unwrap_or_default();
    let now = state.now();
    let opt = ImportOptions {
        format: fmt,
        source: match fmt {
            FileFormat::HsdsJson | FileFormat::HsdsCsv => format!("hsds:{file_name}"),
            FileFormat::MeetingGuide => format!("meeting-guide:{file_name}"),
        },
        default_tz: settings.time_zone.clone(),
        today: chrono::TimeZone::from_utc_datetime(&settings.tz(), &now).date_naive(),
        dry_run,
    };
    let result = state.db(move |c| Ok(import(c, &bytes, &opt, now))).await?;
    match result {
        Ok(report) => {
            tracing::info!(
                added = report.added,
                updated = report.updated,
                rejected = report.rejected,
                dry_run,
                "directory import"
            );
            page.counts = ctx.tr().args(
                "community-import-counts",
                &[
                    ("added", &report.added.to_string()),
                    ("updated", &report.updated.to_string()),
                    ("rejected", &report.rejected.to_string()),
                ],
            );
            page.report = Some(report);
            render(&page)
        }
        Err(crate::directory::ImportError::File(e)) => {
            page.failure = Some(e.0);
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(crate::directory::ImportError::Db(e)) => {
            Err(HtmlError::from(crate::state::DbFailure::from(e)))
        }
    }
}

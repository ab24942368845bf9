//! My circle over the API: the member's own entries and analysis under `/me/circle`, and
//! a clinician's view under `/members/{id}/circle`, through the circle consent scope (names
//! only with the names scope). Every clinician read is audited.

use super::ApiJson;
use crate::circle::SaveError;
use crate::ctx::ApiCaller;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use hearth_core::account::FieldError;
use hearth_core::care::Scope;
use hearth_core::circle::analysis::{self, Analysis};
use hearth_core::circle::{
    BeMyself, ContactMode, Details, Entry, Frequency, Kind, KnownFor, Proximity, Ring, Support,
};
use hearth_store::audit::{self, Action};
use hearth_store::{care, circle};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Support on the 0 (never) … 3 (almost always) scale; absent = not answered.
#[derive(Serialize, Deserialize, ToSchema, Default, Clone)]
pub struct SupportJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotional: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practical: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informational: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub esteem: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub belonging: Option<u8>,
}

impl From<&Support> for SupportJson {
    fn from(s: &Support) -> Self {
        SupportJson {
            emotional: s[0],
            practical: s[1],
            informational: s[2],
            esteem: s[3],
            belonging: s[4],
        }
    }
}

impl SupportJson {
    fn to_support(&self) -> Support {
        [
            self.emotional,
            self.practical,
            self.informational,
            self.esteem,
            self.belonging,
        ]
    }
}

/// One person, group or community in a circle.
#[derive(Serialize, ToSchema)]
pub struct EntryJson {
    pub id: String,
    /// Private to the member; `null` in a clinician's view without the names scope.
    pub name: Option<String>,
    /// inner, middle or outer.
    pub circle: String,
    /// household, partner, family, chosen_family, friend, work_or_school, neighbour,
    /// professional, therapy_group, peer_support_group, faith_community, activity_group,
    /// online_community or other.
    pub kind: String,
    pub gives_me: SupportJson,
    pub i_give: SupportJson,
    pub strain: Option<u8>,
    /// yes, sometimes or no.
    pub be_myself: Option<String>,
    /// daily, weekly, monthly, few_times_a_year or rarely.
    pub contact_now: Option<String>,
    pub contact_wished: Option<String>,
    /// YYYY-MM-DD.
    pub last_contact: Option<String>,
    /// in_person, phone, video, text, email, online.
    pub contact_modes: Vec<String>,
    /// under_a_year, one_to_five_years or over_five_years.
    pub known_for: Option<String>,
    /// same_home, walking, same_city, far or online_only.
    pub proximity: Option<String>,
    pub crisis_contact: bool,
    /// Only in the member's own view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Only in the member's own view.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn to_json(e: &Entry, private: bool) -> EntryJson {
    let d = &e.details;
    EntryJson {
        id: e.id.clone(),
        name: private.then(|| e.name.clone()),
        circle: e.ring.as_str().into(),
        kind: e.kind.as_str().into(),
        gives_me: SupportJson::from(&d.gives),
        i_give: SupportJson::from(&d.receives),
        strain: d.strain,
        be_myself: d.be_myself.map(|x| x.as_str().into()),
        contact_now: d.contact_now.map(|x| x.as_str().into()),
        contact_wished: d.contact_wished.map(|x| x.as_str().into()),
        last_contact: d.last_contact.map(|x| x.to_string()),
        contact_modes: d.modes.iter().map(|m| m.as_str().to_string()).collect(),
        known_for: d.known_for.map(|x| x.as_str().into()),
        proximity: d.proximity.map(|x| x.as_str().into()),
        crisis_contact: d.crisis_contact,
        phone: if private { d.phone.clone() } else { None },
        note: if private { e.note.clone() } else { None },
    }
}

/// A new entry, or the fields to change in one (PATCH: absent fields stay as they are;
/// `null` clears an optional field).
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct EntryInput {
    pub name: Option<String>,
    pub circle: Option<String>,
    pub kind: Option<String>,
    pub gives_me: Option<SupportJson>,
    pub i_give: Option<SupportJson>,
    #[serde(default, deserialize_with = "double_option")]
    pub strain: Option<Option<u8>>,
    #[serde(default, deserialize_with = "double_option")]
    pub be_myself: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    pub contact_now: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    pub contact_wished: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    pub last_contact: Option<Option<String>>,
    pub contact_modes: Option<Vec<String>>,
    #[serde(default, deserialize_with = "double_option")]
    pub known_for: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    pub proximity: Option<Option<String>>,
    pub crisis_contact: Option<bool>,
    #[serde(default, deserialize_with = "double_option")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    pub note: Option<Option<String>>,
}

/// A field that is absent stays `None`; a field sent as `null` becomes `Some(None)`.
fn double_option<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// Applies the input onto an entry; words that are not in a vocabulary are field errors.
fn apply(mut e: Entry, i: EntryInput) -> Result<Entry, ApiError> {
    let mut errs = vec![];
    fn word<T>(
        errs: &mut Vec<FieldError>,
        field: &'static str,
        v: Option<Option<String>>,
        parse: fn(&str) -> Option<T>,
        current: Option<T>,
    ) -> Option<T> {
        match v {
            None => current,
            Some(None) => None,
            Some(Some(s)) => match parse(&s) {
                Some(x) => Some(x),
                None => {
                    errs.push(FieldError::new(field, "error-api-word"));
                    current
                }
            },
        }
    }
    if let Some(n) = i.name {
        e.name = n.trim().to_string();
    }
    if let Some(r) = i.circle {
        match Ring::parse(&r) {
            Some(r) => e.ring = r,
            None => errs.push(FieldError::new("circle", "error-circle-ring")),
        }
    }
    if let Some(k) = i.kind {
        match Kind::parse(&k) {
            Some(k) => e.kind = k,
            None => errs.push(FieldError::new("kind", "error-api-word")),
        }
    }
    let d: &mut Details = &mut e.details;
    if let Some(g) = i.gives_me {
        d.gives = g.to_support();
    }
    if let Some(g) = i.i_give {
        d.receives = g.to_support();
    }
    if let Some(s) = i.strain {
        d.strain = s;
    }
    d.be_myself = word(
        &mut errs,
        "be_myself",
        i.be_myself,
        BeMyself::parse,
        d.be_myself,
    );
    d.contact_now = word(
        &mut errs,
        "contact_now",
        i.contact_now,
        Frequency::parse,
        d.contact_now,
    );
    d.contact_wished = word(
        &mut errs,
        "contact_wished",
        i.contact_wished,
        Frequency::parse,
        d.contact_wished,
    );
    d.known_for = word(
        &mut errs,
        "known_for",
        i.known_for,
        KnownFor::parse,
        d.known_for,
    );
    d.proximity = word(
        &mut errs,
        "proximity",
        i.proximity,
        Proximity::parse,
        d.proximity,
    );
    match i.last_contact {
        None => {}
        Some(None) => d.last_contact = None,
        Some(Some(s)) => match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(day) => d.last_contact = Some(day),
            Err(_) => errs.push(FieldError::new("last_contact", "error-circle-date")),
        },
    }
    if let Some(modes) = i.contact_modes {
        let mut parsed = vec![];
        for m in modes {
            match ContactMode::parse(&m) {
                Some(x) => parsed.push(x),
                None => errs.push(FieldError::new("contact_modes", "error-api-word")),
            }
        }
        d.modes = parsed;
    }
    if let Some(c) = i.crisis_contact {
        d.crisis_contact = c;
    }
    if let Some(p) = i.phone {
        d.phone = p.filter(|p| !p.trim().is_empty());
    }
    if let Some(n) = i.note {
        e.note = n.filter(|n| !n.trim().is_empty());
    }
    if errs.is_empty() {
        Ok(e)
    } else {
        Err(ApiError::Validation(errs))
    }
}

/// The API's names for the entry's own checks (form fields differ for support levels).
fn api_field(f: &'static str) -> &'static str {
    if f.starts_with("gives_") {
        "gives_me"
    } else if f.starts_with("receives_") {
        "i_give"
    } else if f == "ring" {
        "circle"
    } else {
        f
    }
}

/// What a save answers: the entry, and the card the writer should see, if any.
#[derive(Serialize, ToSchema)]
pub struct SavedEntry {
    pub entry: EntryJson,
    /// low, moderate, severe or other when the words call for support (see the safety net).
    pub card: Option<String>,
}

async fn save(
    state: &AppState,
    me: &crate::ctx::AuthUser,
    e: Entry,
) -> Result<SavedEntry, ApiError> {
    match crate::circle::save_entry(state, &me.user.id, &me.user.time_zone, e, None).await? {
        Ok((id, card)) => {
            let (mid, eid) = (me.user.id.clone(), id);
            let saved = state
                .db(move |c| Ok(circle::find(c, &mid, &eid)?))
                .await?
                .ok_or(ApiError::NotFound)?;
            Ok(SavedEntry {
                entry: to_json(&saved, true),
                card: card.map(|k| k.as_str().to_string()),
            })
        }
        Err(SaveError::NotFound) => Err(ApiError::NotFound),
        Err(SaveError::Invalid(errs)) => Err(ApiError::Validation(
            errs.into_iter()
                .map(|f| FieldError::new(api_field(f.field), f.message_id))
                .collect(),
        )),
    }
}

#[utoipa::path(get, path = "/api/v1/me/circle", tag = "circle", security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's circle, inner circle first", body = [EntryJson]),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
) -> Result<Json<Vec<EntryJson>>, ApiError> {
    let mid = me.user.id.clone();
    let entries = state.db(move |c| Ok(circle::list(c, &mid)?)).await?;
    Ok(Json(entries.iter().map(|e| to_json(e, true)).collect()))
}

#[utoipa::path(post, path = "/api/v1/me/circle", tag = "circle", security(("bearer" = [])), request_body = EntryInput,
    responses(
        (status = 201, description = "Added; `card` says what support to show the writer", body = SavedEntry),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing or wrong; `errors` names it", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    ApiJson(input): ApiJson<EntryInput>,
) -> Result<(StatusCode, Json<SavedEntry>), ApiError> {
    let mut missing = vec![];
    if input.name.is_none() {
        missing.push(FieldError::new("name", "error-required"));
    }
    if input.circle.is_none() {
        missing.push(FieldError::new("circle", "error-required"));
    }
    if !missing.is_empty() {
        return Err(ApiError::Validation(missing));
    }
    let blank = Entry {
        id: String::new(),
        name: String::new(),
        kind: Kind::Other,
        ring: Ring::Outer,
        details: Details::default(),
        note: None,
    };
    let e = apply(blank, input)?;
    Ok((StatusCode::CREATED, Json(save(&state, &me, e).await?)))
}

async fn own(state: &AppState, member: &str, id: String) -> Result<Entry, ApiError> {
    let mid = member.to_string();
    state
        .db(move |c| Ok(circle::find(c, &mid, &id)?))
        .await?
        .ok_or(ApiError::NotFound)
}

#[utoipa::path(get, path = "/api/v1/me/circle/{id}", tag = "circle", security(("bearer" = [])),
    params(("id" = String, Path, description = "Entry id")),
    responses(
        (status = 200, description = "One entry", body = EntryJson),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an entry in the caller's circle", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<EntryJson>, ApiError> {
    Ok(Json(to_json(&own(&state, &me.user.id, id).await?, true)))
}

#[utoipa::path(patch, path = "/api/v1/me/circle/{id}", tag = "circle", security(("bearer" = [])), request_body = EntryInput,
    params(("id" = String, Path, description = "Entry id")),
    responses(
        (status = 200, description = "Saved", body = SavedEntry),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an entry in the caller's circle", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong; `errors` names it", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn patch(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<EntryInput>,
) -> Result<Json<SavedEntry>, ApiError> {
    let e = own(&state, &me.user.id, id).await?;
    let e = apply(e, input)?;
    Ok(Json(save(&state, &me, e).await?))
}

#[utoipa::path(delete, path = "/api/v1/me/circle/{id}", tag = "circle", security(("bearer" = [])),
    params(("id" = String, Path, description = "Entry id")),
    responses(
        (status = 204, description = "Removed, and from the safety plan too if it was there"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an entry in the caller's circle", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if crate::circle::delete_entry(&state, &me.user.id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

/// A finding, as in `hearth_core::circle::analysis` (rule ids are stable).
#[derive(Serialize, ToSchema)]
pub struct AnalysisJson {
    /// Per support type: ids of entries giving it at least sometimes, and whether there is
    /// only one.
    #[schema(value_type = Object)]
    pub coverage: serde_json::Value,
    pub communities_present: Vec<String>,
    pub communities_missing: Vec<String>,
    /// Support I give and receive, summed over everyone and every type.
    pub given: u32,
    pub received: u32,
    /// Each with `rule` (e.g. `support.single`), `tone` (gap, notice, strength), the entry,
    /// support type or community it is about, and one suggested `step`.
    #[schema(value_type = Vec<Object>)]
    pub findings: serde_json::Value,
}

fn analysis_json(a: &Analysis) -> AnalysisJson {
    AnalysisJson {
        coverage: serde_json::to_value(&a.coverage).unwrap_or_default(),
        communities_present: a
            .communities_present
            .iter()
            .map(|c| c.as_str().to_string())
            .collect(),
        communities_missing: a
            .communities_missing
            .iter()
            .map(|c| c.as_str().to_string())
            .collect(),
        given: a.given,
        received: a.received,
        findings: serde_json::to_value(&a.findings).unwrap_or_default(),
    }
}

#[utoipa::path(get, path = "/api/v1/me/circle/analysis", tag = "circle", security(("bearer" = [])),
    responses(
        (status = 200, description = "What Hearth sees in the caller's circle", body = AnalysisJson),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn my_analysis(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
) -> Result<Json<AnalysisJson>, ApiError> {
    let mid = me.user.id.clone();
    let entries = state.db(move |c| Ok(circle::list(c, &mid)?)).await?;
    let a = analysis::analyse(&entries, crate::circle::today(&me.user.time_zone));
    Ok(Json(analysis_json(&a)))
}

/// A clinician's view of a member's circle.
#[derive(Serialize, ToSchema)]
pub struct MemberCircle {
    /// Whether names are shared; without it every `name` is null.
    pub names_shared: bool,
    pub entries: Vec<EntryJson>,
    pub analysis: AnalysisJson,
}

#[utoipa::path(get, path = "/api/v1/members/{id}/circle", tag = "circle", security(("bearer" = [])),
    params(("id" = String, Path, description = "Member id")),
    responses(
        (status = 200, description = "The member's circle and its analysis, as the member shares it", body = MemberCircle),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member, or they do not share their circle with the caller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn member_circle(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    Path(member): Path<String>,
) -> Result<Json<MemberCircle>, ApiError> {
    let cid = me.user.id.clone();
    let found = state
        .tx(move |c| {
            if !care::clinician_may_see(c, &cid, &member, Scope::Circle)? {
                return Ok(None);
            }
            let names = care::clinician_may_see(c, &cid, &member, Scope::CircleNames)?;
            let entries = circle::list(c, &member)?;
            let tz = hearth_store::users::find(c, &member)?.time_zone;
            audit::record(
                c,
                Some(&cid),
                Action::CircleViewed,
                Some(&member),
                None,
                Some(if names { "with_names" } else { "without_names" }),
            )?;
            Ok(Some((names, entries, tz)))
        })
        .await?;
    let (names, entries, tz) = found.ok_or(ApiError::NotFound)?;
    let a = analysis::analyse(&entries, crate::circle::today(&tz));
    let mut out: Vec<EntryJson> = entries.iter().map(|e| to_json(e, false)).collect();
    if names {
        for (o, e) in out.iter_mut().zip(&entries) {
            o.name = Some(e.name.clone());
        }
    }
    Ok(Json(MemberCircle {
        names_shared: names,
        entries: out,
        analysis: analysis_json(&a),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_round_trips() {
        let s: Support = [Some(3), None, Some(0), Some(1), None];
        assert_eq!(SupportJson::from(&s).to_support(), s);
    }
}

//! Measures over the API: the instruments offered, and the caller's own results.

use super::ApiJson;
use crate::ctx::ApiCaller;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use hearth_core::account::FieldError;
use hearth_core::measures::Instrument;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Serialize, ToSchema)]
pub struct InstrumentJson {
    /// e.g. `phq9`.
    pub id: String,
    pub name: String,
    /// Title, stem, items (with `reverse` and `subscale`), anchors and bands, each text in
    /// `en` and `ko`; `korean` says whether the Korean is validated or a working translation.
    #[schema(value_type = Object)]
    pub definition: serde_json::Value,
}

#[utoipa::path(get, path = "/api/v1/instruments", tag = "measures", security(("bearer" = [])),
    responses(
        (status = 200, description = "The instruments this practice offers (with their item text)", body = [InstrumentJson]),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn instruments(
    State(state): State<AppState>,
    ApiCaller(_me): ApiCaller,
) -> Json<Vec<InstrumentJson>> {
    Json(
        state
            .instruments()
            .iter()
            .filter(|i| i.has_text())
            .map(|i: &Instrument| InstrumentJson {
                id: i.id.clone(),
                name: i.name.clone(),
                definition: serde_json::to_value(i).unwrap_or_default(),
            })
            .collect(),
    )
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureInput {
    /// An instrument id from `GET /api/v1/instruments`.
    pub instrument: String,
    /// One answer per item, in order; `null` for a skipped item (PHQ-9 allows one).
    pub answers: Vec<Option<u8>>,
}

#[derive(Serialize, ToSchema)]
pub struct MeasureJson {
    pub id: String,
    pub instrument: String,
    /// UTC, RFC 3339.
    pub taken_at: String,
    pub answers: Vec<Option<u8>>,
    pub total: f64,
    /// The percentage score where the instrument has one (WHO-5).
    pub percent: Option<f64>,
    /// The band's English words, e.g. "Moderate".
    pub band: Option<String>,
    #[schema(value_type = Object)]
    pub subscales: serde_json::Value,
    pub prorated: bool,
    /// `clinical_range` (above caseness) and `safety_item` (the safety item was answered above 0).
    #[schema(value_type = Object)]
    pub flags: serde_json::Value,
    /// On a new result: the card the writer should see (moderate or severe), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
}

fn to_json(
    i: &Instrument,
    id: String,
    at: chrono::NaiveDateTime,
    answers: Vec<Option<u8>>,
    s: &hearth_core::measures::Score,
    card: Option<String>,
) -> MeasureJson {
    MeasureJson {
        id,
        instrument: i.id.clone(),
        taken_at: at.and_utc().to_rfc3339(),
        answers,
        total: s.total,
        percent: s.percent,
        band: s
            .band
            .and_then(|b| i.bands.get(b))
            .map(|b| b.text.en.clone()),
        subscales: serde_json::to_value(&s.subscales).unwrap_or_default(),
        prorated: s.prorated,
        flags: serde_json::json!({
            "clinical_range": s.clinical_range,
            "safety_item": s.safety_answer.is_some(),
        }),
        card,
    }
}

#[utoipa::path(post, path = "/api/v1/me/measures", tag = "measures", security(("bearer" = [])), request_body = MeasureInput,
    responses(
        (status = 201, description = "The stored, scored result", body = MeasureJson),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown instrument, wrong number of answers, an answer out of range (the item is named) or too many skipped", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    ApiJson(input): ApiJson<MeasureInput>,
) -> Result<(StatusCode, Json<MeasureJson>), ApiError> {
    let inst = crate::measures::offered(&state, &input.instrument).ok_or_else(|| {
        ApiError::Validation(vec![FieldError::new("instrument", "error-api-word")])
    })?;
    let answers = input.answers.clone();
    match crate::measures::record(&state, &me.user.id, &inst, input.answers, None).await? {
        Ok(saved) => Ok((
            StatusCode::CREATED,
            Json(to_json(
                &inst,
                saved.id,
                state.now(),
                answers,
                &saved.score,
                saved.card.map(|c| c.as_str().to_string()),
            )),
        )),
        Err(errs) => Err(ApiError::Validation(errs)),
    }
}

#[derive(Deserialize, IntoParams)]
pub struct Which {
    /// Only this instrument.
    pub instrument: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/me/measures", tag = "measures", security(("bearer" = [])), params(Which),
    responses(
        (status = 200, description = "The caller's results, oldest first", body = [MeasureJson]),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown instrument", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    Query(w): Query<Which>,
) -> Result<Json<Vec<MeasureJson>>, ApiError> {
    let all = state.instruments();
    if let Some(id) = &w.instrument {
        if !all.iter().any(|i| &i.id == id) {
            return Err(ApiError::Validation(vec![FieldError::new(
                "instrument",
                "error-api-word",
            )]));
        }
    }
    let mid = me.user.id.clone();
    let rows = state
        .db(move |c| {
            Ok(hearth_store::measures::list(
                c,
                &mid,
                w.instrument.as_deref(),
            )?)
        })
        .await?;
    Ok(Json(
        rows.into_iter()
            .filter_map(|r| {
                let inst = all.iter().find(|i| i.id == r.instrument)?;
                let s = hearth_core::measures::score(inst, &r.answers).ok()?;
                Some(to_json(inst, r.id, r.taken_at, r.answers, &s, None))
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/members/{id}/measures", tag = "measures", security(("bearer" = [])),
    params(("id" = String, Path, description = "Member id"), Which),
    responses(
        (status = 200, description = "The member's results, through the measures scope", body = [MeasureJson]),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such member, or they do not share measures with the caller", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn member_measures(
    State(state): State<AppState>,
    ApiCaller(me): ApiCaller,
    axum::extract::Path(member): axum::extract::Path<String>,
    Query(w): Query<Which>,
) -> Result<Json<Vec<MeasureJson>>, ApiError> {
    use hearth_store::audit::{self, Action};
    let cid = me.user.id.clone();
    let rows = state
        .tx(move |c| {
            if !hearth_store::care::clinician_may_see(
                c,
                &cid,
                &member,
                hearth_core::care::Scope::Measures,
            )? {
                return Ok(None);
            }
            audit::record(
                c,
                Some(&cid),
                Action::MeasuresViewed,
                Some(&member),
                None,
                None,
            )?;
            Ok(Some(hearth_store::measures::list(
                c,
                &member,
                w.instrument.as_deref(),
            )?))
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    let all = state.instruments();
    Ok(Json(
        rows.into_iter()
            .filter_map(|r| {
                let inst = all.iter().find(|i| i.id == r.instrument)?;
                let s = hearth_core::measures::score(inst, &r.answers).ok()?;
                Some(to_json(inst, r.id, r.taken_at, r.answers, &s, None))
            })
            .collect(),
    ))
}

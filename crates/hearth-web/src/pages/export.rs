//! A member downloads their own data: the circle, check-ins and measures as JSON and CSV,
//! and measures as FHIR R4 QuestionnaireResponse resources. Only ever the caller's own.

use super::{render, Chrome};
use crate::ctx::SignedIn;
use crate::error::HtmlError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Template)]
#[template(path = "export.html")]
struct ExportPage {
    c: Chrome,
}

pub async fn page(SignedIn(ctx, _me): SignedIn) -> Result<Response, HtmlError> {
    render(&ExportPage {
        c: Chrome::new(&ctx),
    })
}

/// One CSV field. Text that a spreadsheet would run as a formula is prefixed with `'`.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = header.join(",");
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

fn download(body: String, content_type: &'static str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"hearth-{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

pub async fn file(
    State(state): State<AppState>,
    SignedIn(_ctx, me): SignedIn,
    Path(name): Path<String>,
) -> Result<Response, HtmlError> {
    let mid = me.user.id.clone();
    match name.as_str() {
        "circle.json" | "circle.csv" => {
            let entries = state
                .db(move |c| Ok(hearth_store::circle::list(c, &mid)?))
                .await?;
            if name.ends_with(".json") {
                let body =
                    serde_json::to_string_pretty(&json!({ "circle": entries })).unwrap_or_default();
                return Ok(download(body, "application/json", &name));
            }
            let rows = entries
                .iter()
                .map(|e| {
                    let d = &e.details;
                    let mut r = vec![
                        e.id.clone(),
                        e.name.clone(),
                        e.kind.as_str().into(),
                        e.ring.as_str().into(),
                    ];
                    r.extend(d.gives.iter().map(|v| opt(*v)));
                    r.extend(d.receives.iter().map(|v| opt(*v)));
                    r.extend([
                        opt(d.strain),
                        opt(d.be_myself.map(|x| x.as_str())),
                        opt(d.contact_now.map(|x| x.as_str())),
                        opt(d.contact_wished.map(|x| x.as_str())),
                        opt(d.last_contact),
                        d.modes
                            .iter()
                            .map(|m| m.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                        opt(d.known_for.map(|x| x.as_str())),
                        opt(d.proximity.map(|x| x.as_str())),
                        d.crisis_contact.to_string(),
                        opt(d.phone.clone()),
                        opt(e.note.clone()),
                    ]);
                    r
                })
                .collect();
            let header = [
                "id",
                "name",
                "kind",
                "circle",
                "gives_emotional",
                "gives_practical",
                "gives_informational",
                "gives_esteem",
                "gives_belonging",
                "i_give_emotional",
                "i_give_practical",
                "i_give_informational",
                "i_give_esteem",
                "i_give_belonging",
                "strain",
                "be_myself",
                "contact_now",
                "contact_wished",
                "last_contact",
                "contact_modes",
                "known_for",
                "proximity",
                "crisis_contact",
                "phone",
                "note",
            ];
            Ok(download(
                csv(&header, rows),
                "text/csv; charset=utf-8",
                &name,
            ))
        }
        "checkins.json" | "checkins.csv" => {
            let list = state
                .db(move |c| {
                    Ok(hearth_store::checkins::since(
                        c,
                        &mid,
                        chrono::NaiveDate::MIN,
                    )?)
                })
                .await?;
            let items: Vec<serde_json::Value> = list
                .iter()
                .map(|s| {
                    json!({
                        "id": s.id, "at": s.at.and_utc().to_rfc3339(), "day": s.day.to_string(),
                        "mood": s.checkin.mood, "energy": s.checkin.energy,
                        "connectedness": s.checkin.connectedness, "note": s.checkin.note,
                        "connected_with": s.checkin.connected_with,
                    })
                })
                .collect();
            if name.ends_with(".json") {
                let body =
                    serde_json::to_string_pretty(&json!({ "checkins": items })).unwrap_or_default();
                return Ok(download(body, "application/json", &name));
            }
            let rows = list
                .iter()
                .map(|s| {
                    vec![
                        s.id.clone(),
                        s.at.and_utc().to_rfc3339(),
                        s.day.to_string(),
                        s.checkin.mood.to_string(),
                        s.checkin.energy.to_string(),
                        s.checkin.connectedness.to_string(),
                        opt(s.checkin.note.clone()),
                        s.checkin.connected_with.join(" "),
                    ]
                })
                .collect();
            let header = [
                "id",
                "at",
                "day",
                "mood",
                "energy",
                "connectedness",
                "note",
                "connected_with",
            ];
            Ok(download(
                csv(&header, rows),
                "text/csv; charset=utf-8",
                &name,
            ))
        }
        "measures.json" | "measures.csv" | "measures.fhir.json" => {
            let list = state
                .db(move |c| Ok(hearth_store::measures::list(c, &mid, None)?))
                .await?;
            let all = state.instruments();
            let scored: Vec<_> = list
                .iter()
                .filter_map(|r| {
                    let inst = all.iter().find(|i| i.id == r.instrument)?;
                    let s = hearth_core::measures::score(inst, &r.answers).ok()?;
                    Some((r, inst, s))
                })
                .collect();
            if name == "measures.fhir.json" {
                let entries: Vec<serde_json::Value> = scored
                    .iter()
                    .map(|(r, inst, s)| json!({ "resource": fhir(r, inst, s, &me.user.display_name) }))
                    .collect();
                let body = serde_json::to_string_pretty(&json!({
                    "resourceType": "Bundle",
                    "type": "collection",
                    "entry": entries,
                }))
                .unwrap_or_default();
                return Ok(download(body, "application/fhir+json", &name));
            }
            if name.ends_with(".json") {
                let items: Vec<serde_json::Value> = scored
                    .iter()
                    .map(|(r, inst, s)| {
                        json!({
                            "id": r.id, "instrument": inst.id, "taken_at": r.taken_at.and_utc().to_rfc3339(),
                            "answers": r.answers, "total": s.total, "percent": s.percent,
                            "band": s.band.and_then(|b| inst.bands.get(b)).map(|b| b.text.en.clone()),
                            "subscales": s.subscales, "prorated": s.prorated,
                        })
                    })
                    .collect();
                let body =
                    serde_json::to_string_pretty(&json!({ "measures": items })).unwrap_or_default();
                return Ok(download(body, "application/json", &name));
            }
            let rows = scored
                .iter()
                .map(|(r, inst, s)| {
                    vec![
                        r.id.clone(),
                        inst.id.clone(),
                        r.taken_at.and_utc().to_rfc3339(),
                        s.total.to_string(),
                        opt(s.percent),
                        s.band
                            .and_then(|b| inst.bands.get(b))
                            .map(|b| b.text.en.clone())
                            .unwrap_or_default(),
                        r.answers
                            .iter()
                            .map(|a| opt(*a))
                            .collect::<Vec<_>>()
                            .join(" "),
                    ]
                })
                .collect();
            let header = [
                "id",
                "instrument",
                "taken_at",
                "total",
                "percent",
                "band",
                "answers",
            ];
            Ok(download(
                csv(&header, rows),
                "text/csv; charset=utf-8",
                &name,
            ))
        }
        _ => Err(HtmlError::NotFound),
    }
}

/// One result as a FHIR R4 QuestionnaireResponse: each answer as a coding (its value and its
/// anchor's words), and the total as a decimal. The questionnaire is the LOINC panel where one
/// exists (`http://loinc.org/q/<code>`), otherwise Hearth's own id.
pub fn fhir(
    r: &hearth_store::measures::Result,
    inst: &hearth_core::measures::Instrument,
    s: &hearth_core::measures::Score,
    subject: &str,
) -> serde_json::Value {
    let mut items: Vec<serde_json::Value> = inst
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let v = r.answers.get(i).copied().flatten()?;
            let words = inst
                .anchors
                .iter()
                .find(|a| a.value == v)
                .map(|a| a.text.en.clone())
                .unwrap_or_default();
            Some(json!({
                "linkId": (i + 1).to_string(),
                "text": item.text.en,
                "answer": [{ "valueCoding": {
                    "system": format!("urn:hearth:instrument:{}:anchor", inst.id),
                    "code": v.to_string(),
                    "display": words,
                }}],
            }))
        })
        .collect();
    items.push(json!({
        "linkId": "total",
        "text": "Total score",
        "answer": [{ "valueDecimal": s.total }],
    }));
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": r.id,
        "status": "completed",
        "questionnaire": match &inst.loinc {
            Some(code) => format!("http://loinc.org/q/{code}"),
            None => format!("urn:hearth:instrument:{}", inst.id),
        },
        "authored": r.taken_at.and_utc().to_rfc3339(),
        "subject": { "display": subject },
        "item": items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1"), "'-1");
    }
}

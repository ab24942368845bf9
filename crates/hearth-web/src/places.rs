//! The places a Find community search or a matching can measure distance from: the
//! person's saved place and the practice's location. The page, the API and matching all
//! ask here.

use crate::state::{AppState, DbFailure};
use hearth_core::directory::search::Places;
use hearth_core::directory::Point;

/// The person's saved place (none for a visitor) and the practice's location.
pub async fn for_person(state: &AppState, person_id: Option<&str>) -> Result<Places, DbFailure> {
    // Settings that cannot be read leave only the saved place, as other pages fall back.
    let practice = state.settings().await.ok().and_then(|s| s.location);
    let saved = match person_id {
        Some(id) => {
            let id = id.to_string();
            state
                .db(move |c| Ok(hearth_store::places::get(c, &id)?))
                .await?
        }
        None => None,
    };
    Ok(Places { saved, practice })
}

/// Where matching measures distance from: the person's own place, else the practice.
pub fn home(p: &Places) -> Option<Point> {
    p.saved.or(p.practice)
}

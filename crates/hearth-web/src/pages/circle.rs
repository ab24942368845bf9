//! My circle: the map and what Hearth sees in it, adding and editing entries, "we connected
//! today", removing an entry (asking first when the safety plan uses it), and what changed
//! since an earlier date.

use super::{render, render_status, see_other, Chrome, Text};
use crate::ctx::{Ctx, Errors, SignedIn};
use crate::error::HtmlError;
use crate::i18n::{Labels, Msg, Tr};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use chrono::NaiveDate;
use hearth_core::account::FieldError;
use hearth_core::circle::analysis::{self, Analysis, Finding, Step, Tone};
use hearth_core::circle::map::{self, OneSided};
use hearth_core::circle::{
    self as dom, BeMyself, ContactMode, Details, Entry, Frequency, Kind, KnownFor, Problem,
    Proximity, Ring, SupportType, GIVES_FIELDS, RECEIVES_FIELDS,
};
use hearth_core::Words;
use hearth_store::{circle, safety_plans};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::HashMap;

/// One finding as a sentence and its suggested next step.
pub struct FindingView {
    pub tone: &'static str,
    pub sentence: Text<String>,
    pub step: Text<String>,
    pub step_href: Option<Text<String>>,
}

// The labels of the circle's word enums, made once per language.
static KIND: Labels<Kind> = Labels::new("circle-kind-");
static RING: Labels<Ring> = Labels::new("circle-ring-");
static SUPPORT: Labels<SupportType> = Labels::new("circle-support-");
static COMMUNITY: Labels<dom::Community> = Labels::new("circle-community-");
static BE_MYSELF: Labels<BeMyself> = Labels::new("circle-be-myself-");
static FREQUENCY: Labels<Frequency> = Labels::new("circle-frequency-");
static MODE: Labels<ContactMode> = Labels::new("circle-mode-");
static KNOWN_FOR: Labels<KnownFor> = Labels::new("circle-known-");
static PROXIMITY: Labels<Proximity> = Labels::new("circle-proximity-");

/// The ids of the 0–3 levels, for message names.
const LEVEL_IDS: [&str; 4] = ["0", "1", "2", "3"];

pub fn finding_view(t: &Tr, f: &Finding, names: &FxHashMap<&str, &str>) -> FindingView {
    let name = f
        .entry
        .as_deref()
        .and_then(|id| names.get(id).copied())
        .unwrap_or_default();
    let support = f.support.map(|s| SUPPORT.get(t, s)).unwrap_or_default();
    let community = f.community.map(|c| COMMUNITY.get(t, c)).unwrap_or_default();
    let number = f.number.unwrap_or(0).to_string();
    let args: [(&'static str, &str); 4] = [
        ("name", name),
        ("support", &support),
        ("community", &community),
        ("number", &number),
    ];
    let sentence = t.args_for("finding-", f.rule, &args);
    let (step, step_href) = match &f.step {
        Step::AddSupport { support } => (
            t.with("step-add-support", "support", &SUPPORT.get(t, *support)),
            Some("#add".to_string()),
        ),
        Step::FindCommunity { community: kind } => (
            t.with("step-find-community", "community", &community),
            Some(format!("/community?kind={}", kind.as_str())),
        ),
        Step::Message { entry } => (
            t.with("step-message", "name", name),
            Some(format!("/circle/{entry}")),
        ),
        Step::GiveBack { entry } => (
            t.with("step-give-back", "name", name),
            Some(format!("/circle/{entry}")),
        ),
        Step::TalkItThrough => (
            t.get("step-talk-it-through").into_owned(),
            Some("/care-team".into()),
        ),
        Step::Keep => (t.get("step-keep").into_owned(), None),
    };
    FindingView {
        tone: match f.tone {
            Tone::Gap => "gap",
            Tone::Notice => "notice",
            Tone::Strength => "strength",
        },
        sentence: Text(sentence),
        step: Text(step),
        step_href: step_href.map(Text),
    }
}

/// Markup the map writes without escaping, because Hearth made it from numbers and fixed
/// words and nothing a person typed can be in it. Escaping every value was a sixth of the
/// circle page's instructions, and the map's numbers are about a hundred of them (ADR 0015).
/// askama writes `HtmlSafe` values through `FastWritable`, as they are.
mod map_markup {
    use askama::{FastWritable, Values};
    use hearth_core::circle::map::{write_dec1, Shape};
    use std::fmt::{self, Write};
    use std::sync::OnceLock;

    /// A map coordinate, with one decimal.
    #[derive(Debug, Clone, Copy)]
    pub struct Coord(f64);

    /// An SVG path from `hearth_core::circle::map`: commands, numbers and spaces.
    #[derive(Debug, Clone, Copy)]
    pub struct PathData(&'static str);

    /// A fixed word: a CSS class, an SVG keyword, or the value of a form's option.
    #[derive(Debug, Clone, Copy)]
    pub struct Word(&'static str);

    impl Coord {
        pub fn new(v: f64) -> Coord {
            Coord(v)
        }
    }

    impl PathData {
        /// The path of `shape` centred on the origin, made once.
        pub fn of(shape: Shape) -> PathData {
            static PATHS: OnceLock<Vec<String>> = OnceLock::new();
            let paths = PATHS.get_or_init(|| Shape::ALL.iter().map(|s| s.path()).collect());
            let i = Shape::ALL
                .iter()
                .position(|s| *s == shape)
                .expect("every shape is in Shape::ALL");
            PathData(&paths[i])
        }
    }

    impl Word {
        pub fn fixed(w: &'static str) -> Word {
            Word(w)
        }

        pub fn as_str(&self) -> &'static str {
            self.0
        }
    }

    impl AsRef<str> for Word {
        fn as_ref(&self) -> &str {
            self.0
        }
    }

    /// Makes a markup type one askama writes as it is (`HtmlSafe`): `Display` and
    /// `FastWritable` both write `$write`.
    macro_rules! safe_markup {
        ($ty:ty, |$v:ident, $out:ident| $write:expr) => {
            impl fmt::Display for $ty {
                fn fmt(&self, $out: &mut fmt::Formatter<'_>) -> fmt::Result {
                    let $v = self;
                    $write
                }
            }

            impl FastWritable for $ty {
                fn write_into<W: Write + ?Sized>(
                    &self,
                    $out: &mut W,
                    _: &dyn Values,
                ) -> askama::Result<()> {
                    let $v = self;
                    Ok($write?)
                }
            }

            impl askama::filters::HtmlSafe for $ty {}
        };
    }

    safe_markup!(Coord, |v, out| write_dec1(out, v.0));
    safe_markup!(PathData, |v, out| out.write_str(v.0));
    safe_markup!(Word, |v, out| out.write_str(v.0));
}
pub use map_markup::{Coord, PathData, Word};

/// A shape the map draws once and places at each entry of that shape.
pub struct ShapeView {
    pub word: Word,
    pub path: PathData,
}

pub struct NodeView<'a> {
    pub name: Text<&'a str>,
    pub kind: Msg,
    pub x: Coord,
    pub y: Coord,
    pub lx: Coord,
    pub ly: Coord,
    pub anchor: Word,
    pub strained: bool,
    pub i_give: bool,
    pub they_give: bool,
    pub shape: Word,
}

pub struct RowView<'a> {
    pub id: Text<&'a str>,
    pub name: Text<&'a str>,
    pub kind: Msg,
    pub ring: Msg,
    pub gives: Text<String>,
    pub strain: Msg,
    pub be_myself: Msg,
    pub last_contact: Text<String>,
    pub crisis_contact: bool,
}

/// The labels of a row's two actions on the member's own page, which name the person for
/// screen readers. Made there only: the clinician's view has no actions.
impl RowView<'_> {
    pub fn connected_label(&self, t: &Tr) -> Text<String> {
        Text(t.with("circle-connected", "name", self.name.as_str()))
    }

    pub fn edit_label(&self, t: &Tr) -> Text<String> {
        Text(t.with("circle-edit", "name", self.name.as_str()))
    }
}

pub struct CoverageView {
    pub sentence: Text<String>,
    pub single: bool,
}

/// What the map, its table and the findings show; names and ids are borrowed from the entries.
pub struct MapView<'a> {
    /// The shapes in use, each drawn once (`<defs>`) and placed at its entries (`<use>`).
    pub shapes: Vec<ShapeView>,
    pub nodes: Vec<NodeView<'a>>,
    pub rows: Vec<RowView<'a>>,
    pub findings: Vec<FindingView>,
    pub coverage: Vec<CoverageView>,
    /// The kinds of community present and missing, as sentences; no sentence for none missing.
    pub present: Text<String>,
    pub missing: Option<Text<String>>,
    pub size: Coord,
    pub centre: Coord,
    pub ring_edges: [Coord; 3],
    pub self_radius: Coord,
}

fn shape_word(s: map::Shape) -> &'static str {
    match s {
        map::Shape::Circle => "circle",
        map::Shape::Square => "square",
        map::Shape::Diamond => "diamond",
        map::Shape::Triangle => "triangle",
        map::Shape::Hexagon => "hexagon",
        map::Shape::Star => "star",
        map::Shape::Pentagon => "pentagon",
    }
}

pub fn map_view<'a>(t: &Tr, entries: &'a [Entry], a: &Analysis) -> MapView<'a> {
    let names: FxHashMap<&str, &str> = entries
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let placed = map::layout(entries, a);
    let shapes = map::Shape::ALL
        .iter()
        .filter(|s| placed.iter().any(|p| p.shape == **s))
        .map(|s| ShapeView {
            word: Word::fixed(shape_word(*s)),
            path: PathData::of(*s),
        })
        .collect();
    let nodes = placed
        .into_iter()
        .map(|p| {
            let e = &entries[p.entry];
            NodeView {
                name: Text(&e.name),
                kind: KIND.get(t, e.kind),
                x: Coord::new(p.x),
                y: Coord::new(p.y),
                lx: Coord::new(p.label_x),
                ly: Coord::new(p.label_y),
                anchor: Word::fixed(p.anchor),
                strained: p.strained,
                i_give: p.one_sided == Some(OneSided::IGive),
                they_give: p.one_sided == Some(OneSided::TheyGive),
                shape: Word::fixed(shape_word(p.shape)),
            }
        })
        .collect();
    let rows = entries
        .iter()
        .map(|e| {
            let d = &e.details;
            let gives: Vec<Msg> = SupportType::ALL
                .iter()
                .filter(|s| dom::level_of(&d.gives, **s) >= analysis::PROVIDES)
                .map(|s| SUPPORT.get(t, *s))
                .collect();
            RowView {
                id: Text(&e.id),
                name: Text(&e.name),
                kind: KIND.get(t, e.kind),
                ring: RING.get(t, e.ring),
                gives: Text(gives.join(", ")),
                strain: d
                    .strain
                    .map(|s| match LEVEL_IDS.get(usize::from(s)) {
                        Some(id) => t.get_for("circle-level-", id),
                        // Out of range: shown as the message name, and logged, as any
                        // missing message is.
                        None => t.get(&format!("circle-level-{s}")),
                    })
                    .unwrap_or_default(),
                be_myself: d.be_myself.map(|b| BE_MYSELF.get(t, b)).unwrap_or_default(),
                last_contact: Text(d.last_contact.map(|l| l.to_string()).unwrap_or_default()),
                crisis_contact: d.crisis_contact,
            }
        })
        .collect();
    MapView {
        shapes,
        nodes,
        rows,
        findings: a
            .findings
            .iter()
            .map(|f| finding_view(t, f, &names))
            .collect(),
        coverage: a
            .coverage
            .iter()
            .map(|c| CoverageView {
                sentence: Text(t.with2(
                    "circle-coverage-row",
                    "support",
                    &SUPPORT.get(t, c.support),
                    "count",
                    &c.providers.len().to_string(),
                )),
                single: c.single_point_of_failure,
            })
            .collect(),
        present: Text(t.with(
            "circle-communities-present",
            "list",
            &community_list(t, &a.communities_present),
        )),
        missing: (!a.communities_missing.is_empty()).then(|| {
            Text(t.with(
                "circle-communities-missing",
                "list",
                &community_list(t, &a.communities_missing),
            ))
        }),
        size: Coord::new(map::SIZE),
        centre: Coord::new(map::CENTRE),
        ring_edges: map::RING_EDGES.map(Coord::new),
        self_radius: Coord::new(map::SELF_RADIUS),
    }
}

/// Kinds of community named in a sentence, in the member's language.
fn community_list(t: &Tr, kinds: &[dom::Community]) -> String {
    kinds
        .iter()
        .map(|c| COMMUNITY.get(t, *c))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Deserialize, Default)]
pub struct CircleQuery {
    done: Option<String>,
    card: Option<String>,
}

/// The quick-add form as typed.
#[derive(Default)]
pub struct QuickAdd {
    name: String,
    ring: String,
    kind: String,
}

pub struct Choice {
    pub value: Word,
    pub label: Msg,
}

fn choices<T: Words>(t: &Tr, labels: &Labels<T>) -> Vec<Choice> {
    T::ALL
        .iter()
        .map(|v| Choice {
            value: Word::fixed(v.as_str()),
            label: labels.get(t, *v),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "circle.html")]
struct CirclePage<'a> {
    c: Chrome,
    mv: MapView<'a>,
    add: QuickAdd,
    kinds: Vec<Choice>,
    rings: Vec<Choice>,
    empty: bool,
}

/// The circle page, rendered with `status` (422 for a quick add sent back with its errors).
async fn circle_page_view(
    state: &AppState,
    ctx: &Ctx,
    member_id: String,
    add: QuickAdd,
    errors: Errors,
    q: CircleQuery,
    status: StatusCode,
) -> Result<Response, HtmlError> {
    let tz = ctx
        .auth
        .as_ref()
        .map(|a| a.user.time_zone.clone())
        .unwrap_or_default();
    let mid = member_id.clone();
    // The safety plan is read only when a card is to be shown (it lists reachable people).
    let want_plan = q.card.is_some();
    let (entries, plan) = state
        .read_often(
            move |c| {
                let plan = match want_plan {
                    true => safety_plans::find(c, &mid)?,
                    false => None,
                };
                Ok((circle::list(c, &mid)?, plan))
            },
            async |pg| {
                let plan = match want_plan {
                    true => safety_plans::find_pipelined(pg, &member_id).await?,
                    false => None,
                };
                Ok((circle::list_pipelined(pg, &member_id).await?, plan))
            },
        )
        .await?;
    let plan = plan.map(|(p, _)| p);
    let t = ctx.tr();
    let a = analysis::analyse(&entries, crate::circle::today(&tz));
    let card = super::safety::requested_card(
        state,
        ctx,
        q.card.as_deref(),
        plan.as_ref(),
        &entries,
        "/circle",
    )
    .await;
    render_status(
        status,
        &CirclePage {
            c: Chrome::new(ctx)
                .with_errors(errors)
                .with_done(q.done.as_deref())
                .with_card(card),
            mv: map_view(&t, &entries, &a),
            empty: entries.is_empty(),
            add,
            kinds: choices(&t, &KIND),
            rings: choices(&t, &RING),
        },
    )
}

pub async fn circle_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<CircleQuery>,
) -> Result<Response, HtmlError> {
    let add = QuickAdd {
        ring: "middle".into(),
        kind: "friend".into(),
        ..Default::default()
    };
    circle_page_view(
        &state,
        &ctx,
        me.user.id.clone(),
        add,
        Errors::default(),
        q,
        StatusCode::OK,
    )
    .await
}

pub fn field_message(p: Problem) -> &'static str {
    match p {
        Problem::Required => "error-required",
        Problem::TooLong => "error-too-long",
        Problem::OutOfRange => "error-circle-range",
        Problem::Phone => "error-plan-phone",
        Problem::FutureDate => "error-circle-future",
    }
}

/// `query` is the notice to show, as `done=…`; a card, if any, is added to it.
fn with_card(path: &str, query: &str, card: Option<hearth_core::safety::alerts::Card>) -> String {
    match card {
        Some(k) => format!("{path}?{query}&card={}#support", k.as_str()),
        None => format!("{path}?{query}"),
    }
}

pub async fn quick_add(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, HtmlError> {
    let get = |k: &str| {
        form.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let add = QuickAdd {
        name: get("name"),
        ring: get("ring"),
        kind: get("kind"),
    };
    let mut errors = Errors::default();
    let ring = Ring::parse(&add.ring);
    if ring.is_none() {
        errors.push(FieldError::new("ring", "error-circle-ring"));
    }
    let e = Entry {
        id: String::new(),
        name: add.name.clone(),
        kind: Kind::parse(&add.kind).unwrap_or(Kind::Other),
        ring: ring.unwrap_or(Ring::Outer),
        details: Details::default(),
        note: None,
    };
    for p in e.check(crate::circle::today(&me.user.time_zone)) {
        errors.push(FieldError::new(p.field, field_message(p.problem)));
    }
    if errors.is_empty() {
        match crate::circle::save_entry(
            &state,
            &me.user.id,
            &me.user.time_zone,
            e,
            ctx.client_addr.clone(),
        )
        .await?
        {
            Ok((_, card)) => {
                return Ok(see_other(&with_card("/circle", "done=circle-added", card)))
            }
            Err(crate::circle::SaveError::Invalid(errs)) => errors.0.extend(errs),
            Err(crate::circle::SaveError::NotFound) => return Err(HtmlError::NotFound),
        }
    }
    circle_page_view(
        &state,
        &ctx,
        me.user.id.clone(),
        add,
        errors,
        CircleQuery::default(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// The full form as typed: every value a string, the modes a list.
pub struct EntryForm {
    pub id: String,
    pub values: HashMap<String, String>,
    pub modes: Vec<String>,
}

impl EntryForm {
    pub fn val(&self, k: &str) -> &str {
        self.values.get(k).map(String::as_str).unwrap_or("")
    }
    pub fn is(&self, k: &str, v: impl AsRef<str>) -> bool {
        self.val(k) == v.as_ref()
    }
    pub fn mode(&self, v: impl AsRef<str>) -> bool {
        self.modes.iter().any(|m| m == v.as_ref())
    }

    fn from_entry(e: &Entry) -> EntryForm {
        let mut v = HashMap::new();
        let d = &e.details;
        v.insert("name".into(), e.name.clone());
        v.insert("kind".into(), e.kind.as_str().into());
        v.insert("ring".into(), e.ring.as_str().into());
        for i in 0..5 {
            if let Some(x) = d.gives[i] {
                v.insert(GIVES_FIELDS[i].into(), x.to_string());
            }
            if let Some(x) = d.receives[i] {
                v.insert(RECEIVES_FIELDS[i].into(), x.to_string());
            }
        }
        let mut opt = |k: &str, s: Option<String>| {
            if let Some(s) = s {
                v.insert(k.into(), s);
            }
        };
        opt("strain", d.strain.map(|x| x.to_string()));
        opt("be_myself", d.be_myself.map(|x| x.as_str().into()));
        opt("contact_now", d.contact_now.map(|x| x.as_str().into()));
        opt(
            "contact_wished",
            d.contact_wished.map(|x| x.as_str().into()),
        );
        opt("last_contact", d.last_contact.map(|x| x.to_string()));
        opt("known_for", d.known_for.map(|x| x.as_str().into()));
        opt("proximity", d.proximity.map(|x| x.as_str().into()));
        opt("phone", d.phone.clone());
        opt("note", e.note.clone());
        if d.crisis_contact {
            v.insert("crisis_contact".into(), "on".into());
        }
        EntryForm {
            id: e.id.clone(),
            values: v,
            modes: d.modes.iter().map(|m| m.as_str().to_string()).collect(),
        }
    }

    fn from_pairs(id: &str, pairs: Vec<(String, String)>) -> EntryForm {
        let mut values = HashMap::new();
        let mut modes = vec![];
        for (k, v) in pairs {
            if k == "modes" {
                modes.push(v);
            } else {
                values.insert(k, v);
            }
        }
        EntryForm {
            id: id.into(),
            values,
            modes,
        }
    }

    /// The entry this form describes, and the fields it could not read (left empty in it).
    fn entry(&self) -> (Entry, Vec<FieldError>) {
        let mut errs = vec![];
        let v = |k: &str| self.val(k).trim();
        let opt = |k: &str| (!v(k).is_empty()).then(|| v(k).to_string());
        let mut level = |k: &'static str| -> Option<u8> {
            let s = v(k);
            if s.is_empty() {
                return None;
            }
            match s.parse::<u8>() {
                Ok(n) if n <= dom::MAX_LEVEL => Some(n),
                _ => {
                    errs.push(FieldError::new(k, "error-circle-range"));
                    None
                }
            }
        };
        let mut gives = [None; 5];
        let mut receives = [None; 5];
        for i in 0..5 {
            gives[i] = level(GIVES_FIELDS[i]);
            receives[i] = level(RECEIVES_FIELDS[i]);
        }
        let strain = level("strain");
        let ring = Ring::parse(v("ring"));
        if ring.is_none() {
            errs.push(FieldError::new("ring", "error-circle-ring"));
        }
        let last_contact = match opt("last_contact") {
            None => None,
            Some(s) => match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    errs.push(FieldError::new("last_contact", "error-circle-date"));
                    None
                }
            },
        };
        let e = Entry {
            id: self.id.clone(),
            name: v("name").to_string(),
            kind: Kind::parse(v("kind")).unwrap_or(Kind::Other),
            ring: ring.unwrap_or(Ring::Outer),
            details: Details {
                gives,
                receives,
                strain,
                be_myself: BeMyself::parse(v("be_myself")),
                contact_now: Frequency::parse(v("contact_now")),
                contact_wished: Frequency::parse(v("contact_wished")),
                last_contact,
                modes: self
                    .modes
                    .iter()
                    .filter_map(|m| ContactMode::parse(m))
                    .collect(),
                known_for: KnownFor::parse(v("known_for")),
                proximity: Proximity::parse(v("proximity")),
                crisis_contact: v("crisis_contact") == "on",
                phone: opt("phone"),
            },
            note: opt("note"),
        };
        (e, errs)
    }
}

pub struct SupportRow {
    pub label: Msg,
    pub gives_field: &'static str,
    pub receives_field: &'static str,
}

#[derive(Template)]
#[template(path = "circle_entry.html")]
struct EntryPage {
    c: Chrome,
    f: EntryForm,
    kinds: Vec<Choice>,
    rings: Vec<Choice>,
    levels: Vec<Choice>,
    supports: Vec<SupportRow>,
    be_myself: Vec<Choice>,
    frequencies: Vec<Choice>,
    modes: Vec<Choice>,
    known_for: Vec<Choice>,
    proximity: Vec<Choice>,
}

fn entry_page(ctx: &Ctx, f: EntryForm, errors: Errors) -> EntryPage {
    let t = ctx.tr();
    let mut c = Chrome::new(ctx).with_errors(errors);
    c.path = format!("/circle/{}", f.id);
    EntryPage {
        c,
        kinds: choices(&t, &KIND),
        rings: choices(&t, &RING),
        levels: (0..=dom::MAX_LEVEL)
            .map(|l| Choice {
                value: Word::fixed(LEVEL_IDS[usize::from(l)]),
                label: t.get_for("circle-level-", LEVEL_IDS[usize::from(l)]),
            })
            .collect(),
        supports: SupportType::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| SupportRow {
                label: t.get(&format!("circle-support-{}-prompt", s.as_str())),
                gives_field: GIVES_FIELDS[i],
                receives_field: RECEIVES_FIELDS[i],
            })
            .collect(),
        be_myself: choices(&t, &BE_MYSELF),
        frequencies: choices(&t, &FREQUENCY),
        modes: choices(&t, &MODE),
        known_for: choices(&t, &KNOWN_FOR),
        proximity: choices(&t, &PROXIMITY),
        f,
    }
}

pub async fn entry_edit(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let mid = me.user.id.clone();
    let e = state
        .db(move |c| Ok(circle::find(c, &mid, &id)?))
        .await?
        .ok_or(HtmlError::NotFound)?;
    render(&entry_page(
        &ctx,
        EntryForm::from_entry(&e),
        Errors::default(),
    ))
}

/// Sent by `circle.js` when it saves the entry form as the member goes: the answer is then
/// for a script (204, or 422 with the fields as JSON), not a page.
pub const AUTOSAVE_HEADER: &str = "x-hearth-autosave";

/// What an autosave gets back when the form cannot be saved yet: each field and why, in the
/// member's language, so the script can say so beside the Save button.
fn autosave_errors(t: &Tr, errs: &[FieldError]) -> Response {
    let list: Vec<serde_json::Value> = errs
        .iter()
        .map(|e| serde_json::json!({"field": e.field, "message": t.get(e.message_id).as_str()}))
        .collect();
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        axum::Json(serde_json::json!({ "errors": list })),
    )
        .into_response()
}

pub async fn entry_save(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HtmlError> {
    let autosave = headers.contains_key(AUTOSAVE_HEADER);
    let f = EntryForm::from_pairs(&id, pairs);
    let (e, mut unreadable) = f.entry();
    // Every problem at once: fields that could not be read, and the entry's own checks.
    for p in e.check(crate::circle::today(&me.user.time_zone)) {
        if !unreadable.iter().any(|u| u.field == p.field) {
            unreadable.push(FieldError::new(p.field, field_message(p.problem)));
        }
    }
    let errs = match (unreadable.is_empty(), e) {
        (true, e) => match crate::circle::save_entry(
            &state,
            &me.user.id,
            &me.user.time_zone,
            e,
            ctx.client_addr.clone(),
        )
        .await?
        {
            Ok((_, card)) => {
                let to = with_card(&format!("/circle/{id}"), "done=saved", card);
                return Ok(match (autosave, card) {
                    (true, None) => StatusCode::NO_CONTENT.into_response(),
                    // Words that call for the crisis card: the script goes to the page
                    // that shows it.
                    (true, Some(_)) => axum::Json(serde_json::json!({ "go": to })).into_response(),
                    (false, _) => see_other(&to),
                });
            }
            Err(crate::circle::SaveError::Invalid(errs)) => errs,
            Err(crate::circle::SaveError::NotFound) => return Err(HtmlError::NotFound),
        },
        (false, _) => unreadable,
    };
    if autosave {
        return Ok(autosave_errors(&ctx.tr(), &errs));
    }
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &entry_page(&ctx, f, Errors(errs)),
    )
}

/// "We connected today": one tap sets the last contact to the member's today.
pub async fn connected(
    State(state): State<AppState>,
    SignedIn(_ctx, me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let (mid, day, now) = (
        me.user.id.clone(),
        crate::circle::today(&me.user.time_zone),
        state.now(),
    );
    let found = state
        .tx(move |c| {
            let Some(mut e) = circle::find(c, &mid, &id)? else {
                return Ok(false);
            };
            e.details.last_contact = Some(day);
            circle::update(c, &mid, &e, now)?;
            circle::changed(c, &mid, now)?;
            Ok(true)
        })
        .await?;
    if !found {
        return Err(HtmlError::NotFound);
    }
    Ok(see_other("/circle?done=circle-connected"))
}

#[derive(Template)]
#[template(path = "circle_delete.html")]
struct DeletePage {
    c: Chrome,
    id: String,
    name: String,
    in_plan: bool,
}

pub async fn delete_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let mid = me.user.id.clone();
    let eid = id.clone();
    let (e, plan) = state
        .db(move |c| {
            Ok((
                circle::find(c, &mid, &eid)?,
                safety_plans::find(c, &mid)?.map(|(p, _)| p),
            ))
        })
        .await?;
    let e = e.ok_or(HtmlError::NotFound)?;
    let in_plan = plan.is_some_and(|p| p.uses_circle_entry(&id));
    let mut c = Chrome::new(&ctx);
    c.path = format!("/circle/{id}");
    render(&DeletePage {
        c,
        id,
        name: e.name,
        in_plan,
    })
}

/// Removes an entry. If the safety plan lists it, it leaves the plan in the same
/// transaction, so the plan never points at someone who is gone.
pub async fn delete(
    State(state): State<AppState>,
    SignedIn(_ctx, me): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    if !crate::circle::delete_entry(&state, &me.user.id, &id).await? {
        return Err(HtmlError::NotFound);
    }
    Ok(see_other("/circle?done=circle-removed"))
}

#[derive(Deserialize, Default)]
pub struct ChangesQuery {
    since: Option<String>,
}

#[derive(Template)]
#[template(path = "circle_changes.html")]
struct ChangesPage {
    c: Chrome,
    since: String,
    snapshot_at: Option<String>,
    added: Vec<String>,
    removed: Vec<String>,
    moved: Vec<String>,
    new_findings: Vec<FindingView>,
    resolved_findings: Vec<FindingView>,
}

pub async fn changes_page(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Query(q): Query<ChangesQuery>,
) -> Result<Response, HtmlError> {
    let today = crate::circle::today(&me.user.time_zone);
    let mut errors = Errors::default();
    let since = match q.since.as_deref().filter(|s| !s.is_empty()) {
        None => today - chrono::Duration::days(30),
        Some(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) if d <= today => d,
            _ => {
                errors.push(FieldError::new("since", "error-circle-date"));
                today - chrono::Duration::days(30)
            }
        },
    };
    let at = since.and_hms_opt(23, 59, 59).expect("valid time");
    let mid = me.user.id.clone();
    let (before, taken, now_entries) = state
        .db(move |c| {
            let (before, taken) = circle::as_of(c, &mid, at)?;
            Ok((before, taken, circle::list(c, &mid)?))
        })
        .await?;
    let ch = analysis::changes(&before, &now_entries, today, since);
    let t = ctx.tr();
    let names: FxHashMap<&str, &str> = before
        .iter()
        .chain(now_entries.iter())
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let ring = |r: Ring| RING.get(&t, r);
    let page = ChangesPage {
        c: Chrome::new(&ctx).with_errors(errors),
        since: q.since.clone().unwrap_or_else(|| since.to_string()),
        snapshot_at: taken.map(|t| super::fmt_time(t, &me.user.time_zone)),
        added: ch.added,
        removed: ch.removed,
        moved: ch
            .moved
            .iter()
            .map(|(n, a, b)| {
                t.args(
                    "circle-moved",
                    &[("name", n), ("from", &ring(*a)), ("to", &ring(*b))],
                )
            })
            .collect(),
        new_findings: ch
            .new_findings
            .iter()
            .map(|f| finding_view(&t, f, &names))
            .collect(),
        resolved_findings: ch
            .resolved_findings
            .iter()
            .map(|f| finding_view(&t, f, &names))
            .collect(),
    };
    if page.c.errors.is_empty() {
        render(&page)
    } else {
        render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

#[derive(Template)]
#[template(path = "client_circle.html")]
struct ClientCirclePage<'a> {
    c: Chrome,
    member: String,
    names_shared: bool,
    mv: MapView<'a>,
}

/// A clinician's view of a client's circle: only through an active link with the circle
/// scope on (anyone else gets 404); names only with the names scope, otherwise each entry
/// is shown by its kind. The private note is never shown. Every view is audited.
pub async fn client_circle(
    State(state): State<AppState>,
    SignedIn(ctx, me): SignedIn,
    Path(member_id): Path<String>,
) -> Result<Response, HtmlError> {
    use hearth_core::care::Scope;
    use hearth_store::audit::{self, Action};
    let (cid, addr) = (me.user.id.clone(), ctx.client_addr.clone());
    let found = state
        .tx(move |c| {
            if !hearth_store::care::clinician_may_see(c, &cid, &member_id, Scope::Circle)? {
                return Ok(None);
            }
            let names =
                hearth_store::care::clinician_may_see(c, &cid, &member_id, Scope::CircleNames)?;
            let member = hearth_store::users::find(c, &member_id)?;
            let entries = circle::list(c, &member_id)?;
            audit::record(
                c,
                Some(&cid),
                Action::CircleViewed,
                Some(&member_id),
                addr.as_deref(),
                Some(if names { "with_names" } else { "without_names" }),
            )?;
            Ok(Some((member, names, entries)))
        })
        .await?;
    let (member, names, mut entries) = found.ok_or(HtmlError::NotFound)?;
    let t = ctx.tr();
    let a = analysis::analyse(&entries, crate::circle::today(&member.time_zone));
    if !names {
        let mut counts: HashMap<Kind, usize> = HashMap::new();
        for e in entries.iter_mut() {
            let n = counts.entry(e.kind).or_insert(0);
            *n += 1;
            e.name = t.with2(
                "circle-unnamed",
                "kind",
                &KIND.get(&t, e.kind),
                "number",
                &n.to_string(),
            );
        }
    }
    for e in entries.iter_mut() {
        e.note = None;
        e.details.phone = None;
    }
    render(&ClientCirclePage {
        c: Chrome::new(&ctx),
        member: member.display_name,
        names_shared: names,
        mv: map_view(&t, &entries, &a),
    })
}

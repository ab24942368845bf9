//! Where each entry sits on the circle map: three concentric circles around the member,
//! each entry on its own circle, its kind shown by shape (and by its label), strain and
//! one-sided support marked. The SVG itself is drawn by the web layer from these numbers.

use super::analysis::Analysis;
use super::{Community, Entry, Ring};
use std::f64::consts::PI;

pub const SIZE: f64 = 640.0;
pub const CENTRE: f64 = SIZE / 2.0;
/// The member's own disc.
pub const SELF_RADIUS: f64 = 44.0;
/// Outer edges of the three circles.
pub const RING_EDGES: [f64; 3] = [130.0, 215.0, 300.0];
/// Where entries of each circle are placed.
pub const RING_PATHS: [f64; 3] = [92.0, 174.0, 258.0];
pub const NODE: f64 = 13.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Diamond,
    Triangle,
    Hexagon,
    Star,
    /// Work or school, other.
    Pentagon,
}

impl Shape {
    pub const ALL: [Shape; 7] = [
        Shape::Circle,
        Shape::Square,
        Shape::Diamond,
        Shape::Triangle,
        Shape::Hexagon,
        Shape::Star,
        Shape::Pentagon,
    ];

    /// The shape's path centred on (0, 0), at the size every entry has. The map draws each
    /// shape once and places it at each entry's point (SVG `use`): a path per entry, each
    /// number worked out and written, was about 5% of the circle page's instructions
    /// (docs/PERFORMANCE.md).
    pub fn path(self) -> String {
        shape_path(self, 0.0, 0.0, NODE)
    }
}

pub fn shape_of(e: &Entry) -> Shape {
    match e.kind.community() {
        Some(Community::FamilyFriends) => Shape::Circle,
        Some(Community::Professional) => Shape::Square,
        Some(Community::PeerSupport) => Shape::Diamond,
        Some(Community::Faith) => Shape::Triangle,
        Some(Community::Activity) => Shape::Hexagon,
        Some(Community::Online) => Shape::Star,
        None => Shape::Pentagon,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneSided {
    /// I give, they do not.
    IGive,
    /// They give, I do not.
    TheyGive,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The entry's place in the slice given to `layout`.
    pub entry: usize,
    pub x: f64,
    pub y: f64,
    /// Where the label goes: outward from the centre.
    pub label_x: f64,
    pub label_y: f64,
    /// `start`, `middle` or `end`, for SVG `text-anchor`.
    pub anchor: &'static str,
    pub shape: Shape,
    pub strained: bool,
    pub one_sided: Option<OneSided>,
}

fn ring_index(r: Ring) -> usize {
    match r {
        Ring::Inner => 0,
        Ring::Middle => 1,
        Ring::Outer => 2,
    }
}

/// A coordinate with one decimal, written digit by digit: float formatting, and then the
/// formatting machinery itself, were a visible share of the circle page's cost
/// (docs/PERFORMANCE.md).
pub fn dec1(v: f64) -> String {
    let mut s = String::with_capacity(8);
    push_dec1(&mut s, v);
    s
}

fn push_dec1(out: &mut String, v: f64) {
    // Writing to a `String` cannot fail.
    let _ = write_dec1(out, v);
}

/// `v` with one decimal, as `dec1` gives it, written to `out`.
pub fn write_dec1<W: std::fmt::Write + ?Sized>(out: &mut W, v: f64) -> std::fmt::Result {
    let t = (v * 10.0).round() as i64;
    let mut a = t.unsigned_abs();
    let tenth = (a % 10) as u8;
    a /= 10;
    // At most 20 digits in a u64, filled from the end.
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (a % 10) as u8;
        a /= 10;
        if a == 0 {
            break;
        }
    }
    if t < 0 {
        out.write_char('-')?;
    }
    // A character at a time: for a `String` each is a push, where handing over the buffer
    // as a `&str` checked it as UTF-8 first, a third of what a number cost (PERFORMANCE.md).
    for d in &digits[at..] {
        out.write_char(char::from(*d))?;
    }
    out.write_char('.')?;
    out.write_char(char::from(b'0' + tenth))
}

/// `M x y L x y … Z` through the given points.
fn path_through(points: impl Iterator<Item = (f64, f64)>) -> String {
    let mut d = String::with_capacity(96);
    for (i, (px, py)) in points.enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        push_dec1(&mut d, px);
        d.push(' ');
        push_dec1(&mut d, py);
        d.push(' ');
    }
    d.push('Z');
    d
}

fn polygon(x: f64, y: f64, r: f64, n: usize, start: f64) -> String {
    path_through((0..n).map(|i| {
        let a = start + 2.0 * PI * i as f64 / n as f64;
        (x + r * a.cos(), y + r * a.sin())
    }))
}

/// An SVG path for a shape centred on (x, y).
pub fn shape_path(shape: Shape, x: f64, y: f64, r: f64) -> String {
    match shape {
        Shape::Circle => {
            // M x-r y, then two half arcs: a r r 0 1 0 ±2r 0.
            let mut d = String::with_capacity(64);
            d.push('M');
            push_dec1(&mut d, x - r);
            d.push(' ');
            push_dec1(&mut d, y);
            for dx in [2.0 * r, -2.0 * r] {
                d.push_str(" a");
                push_dec1(&mut d, r);
                d.push(' ');
                push_dec1(&mut d, r);
                d.push_str(" 0 1 0 ");
                push_dec1(&mut d, dx);
                d.push_str(" 0");
            }
            d.push('Z');
            d
        }
        Shape::Square => polygon(x, y, r * 1.25, 4, PI / 4.0),
        Shape::Diamond => polygon(x, y, r * 1.3, 4, 0.0),
        Shape::Triangle => polygon(x, y + r * 0.2, r * 1.35, 3, -PI / 2.0),
        Shape::Hexagon => polygon(x, y, r * 1.15, 6, 0.0),
        Shape::Pentagon => polygon(x, y, r * 1.2, 5, -PI / 2.0),
        Shape::Star => path_through((0..10).map(|i| {
            let a = -PI / 2.0 + PI * i as f64 / 5.0;
            let rr = if i % 2 == 0 { r * 1.4 } else { r * 0.6 };
            (x + rr * a.cos(), y + rr * a.sin())
        })),
    }
}

/// Places every entry. Entries of one circle are spread evenly, each circle turned a little
/// so labels of neighbouring circles do not line up.
pub fn layout(entries: &[Entry], analysis: &Analysis) -> Vec<Placed> {
    let flagged = |rule: &str| -> std::collections::HashSet<&str> {
        analysis
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .filter_map(|f| f.entry.as_deref())
            .collect()
    };
    let (i_give, they_give) = (
        flagged("reciprocity.one_sided_giving"),
        flagged("reciprocity.one_sided_receiving"),
    );
    let mut out = vec![];
    for ring in Ring::ALL {
        let on_ring: Vec<(usize, &Entry)> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.ring == *ring)
            .collect();
        let n = on_ring.len().max(1) as f64;
        let idx = ring_index(*ring);
        let radius = RING_PATHS[idx];
        let turn = [-PI / 2.0, -PI / 2.0 + 0.35, -PI / 2.0 + 0.7][idx];
        for (i, &(entry, e)) in on_ring.iter().enumerate() {
            let a = turn + 2.0 * PI * i as f64 / n;
            let (x, y) = (CENTRE + radius * a.cos(), CENTRE + radius * a.sin());
            let lr = radius + NODE + 8.0;
            let (label_x, label_y) = (CENTRE + lr * a.cos(), CENTRE + lr * a.sin() + 4.0);
            let anchor = if a.cos() > 0.3 {
                "start"
            } else if a.cos() < -0.3 {
                "end"
            } else {
                "middle"
            };
            let shape = shape_of(e);
            out.push(Placed {
                entry,
                x,
                y,
                label_x,
                label_y,
                anchor,
                shape,
                strained: e
                    .details
                    .strain
                    .is_some_and(|s| s >= super::analysis::HIGH_STRAIN),
                one_sided: if i_give.contains(e.id.as_str()) {
                    Some(OneSided::IGive)
                } else if they_give.contains(e.id.as_str()) {
                    Some(OneSided::TheyGive)
                } else {
                    None
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::analysis::analyse;
    use super::super::{Details, Kind};
    use super::*;

    #[test]
    fn one_decimal_without_float_formatting() {
        for v in [0.0, 1.04, 1.05, -0.04, -0.26, 12.349, 640.0, -3.0] {
            assert_eq!(
                dec1(v).parse::<f64>().unwrap(),
                (v * 10.0_f64).round() / 10.0,
                "{v}"
            );
        }
        assert_eq!(dec1(-0.26), "-0.3");
        assert_eq!(dec1(5.0), "5.0");
        assert_eq!(dec1(-0.04), "0.0");
        assert_eq!(dec1(1234567.89), "1234567.9");
        assert_eq!(
            shape_path(Shape::Circle, 320.0, 228.0, 13.0),
            "M307.0 228.0 a13.0 13.0 0 1 0 26.0 0 a13.0 13.0 0 1 0 -26.0 0Z"
        );
    }

    #[test]
    fn entries_sit_on_their_circle_with_their_shape() {
        let mk = |id: &str, kind, ring| Entry {
            id: id.into(),
            name: id.into(),
            kind,
            ring,
            details: Details::default(),
            note: None,
        };
        let entries = vec![
            mk("a", Kind::Partner, Ring::Inner),
            mk("b", Kind::TherapyGroup, Ring::Outer),
            mk("c", Kind::FaithCommunity, Ring::Outer),
        ];
        let placed = layout(&entries, &analyse(&entries, chrono::NaiveDate::MIN));
        for p in &placed {
            let e = &entries[p.entry];
            let r = ((p.x - CENTRE).powi(2) + (p.y - CENTRE).powi(2)).sqrt();
            assert!((r - RING_PATHS[ring_index(e.ring)]).abs() < 0.01);
        }
        for shape in Shape::ALL {
            let d = shape.path();
            assert!(d.starts_with('M') && d.ends_with('Z'), "{shape:?}: {d}");
        }
        assert_eq!(placed[0].shape, Shape::Circle);
        assert_eq!(placed[1].shape, Shape::Square);
        assert_eq!(placed[2].shape, Shape::Triangle);
        // Two on the outer circle sit opposite each other.
        assert!(
            (placed[1].y - placed[2].y).abs() > 200.0 || (placed[1].x - placed[2].x).abs() > 200.0
        );
    }
}

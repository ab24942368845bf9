//! Fluent translations. Every user-visible string goes through here.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use hearth_core::account::Language;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::langid;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en-US",
        // Bidi isolation marks would show up inside form values and emails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en-US");
static KO: LanguageIdentifier = langid!("ko");

fn id_of(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::En => &EN,
        Language::Ko => &KO,
    }
}

/// The translation file of a language, as compiled in.
fn ftl_source(lang: Language) -> &'static str {
    match lang {
        Language::En => include_str!("../locales/en-US/main.ftl"),
        Language::Ko => include_str!("../locales/ko/main.ftl"),
    }
}

/// A message without arguments as text and as HTML-escaped text.
struct Plain {
    text: String,
    html: String,
}

/// Every message formatted once per language without arguments, and escaped once for HTML.
/// Pages ask for many such messages (labels, options, legends), and formatting each through
/// Fluent on every request, then escaping it, was a large share of a page's cost
/// (docs/PERFORMANCE.md). Messages with arguments are still formatted per call by `args`.
/// The keys are Hearth's own message names, never a visitor's input, so the fast non-keyed
/// hash is safe here.
fn plain(lang: Language) -> &'static FxHashMap<String, Plain> {
    static EN_PLAIN: std::sync::OnceLock<FxHashMap<String, Plain>> = std::sync::OnceLock::new();
    static KO_PLAIN: std::sync::OnceLock<FxHashMap<String, Plain>> = std::sync::OnceLock::new();
    let (cell, source) = match lang {
        Language::En => (&EN_PLAIN, ftl_source(Language::En)),
        Language::Ko => (&KO_PLAIN, ftl_source(Language::Ko)),
    };
    cell.get_or_init(|| {
        source
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim()))
            .filter_map(|k| {
                LOCALES.try_lookup(id_of(lang), k).map(|text| {
                    let html = escape_html(&text);
                    (k.to_string(), Plain { text, html })
                })
            })
            .collect()
    })
}

/// A piece of a message made only of text and `{ $name }` references.
enum Piece {
    Text(String),
    Var(String),
}

/// Messages whose pattern is only text and variable references, split into pieces once per
/// language. `args` fills these in directly: going through Fluent for each of them was a
/// fifth of the circle page's time (docs/PERFORMANCE.md). Anything else (selectors, terms,
/// functions) is left to Fluent, and a test checks both give the same text for every message.
fn simple(lang: Language) -> &'static FxHashMap<String, Vec<Piece>> {
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};
    static EN_SIMPLE: std::sync::OnceLock<FxHashMap<String, Vec<Piece>>> =
        std::sync::OnceLock::new();
    static KO_SIMPLE: std::sync::OnceLock<FxHashMap<String, Vec<Piece>>> =
        std::sync::OnceLock::new();
    let (cell, source) = match lang {
        Language::En => (&EN_SIMPLE, ftl_source(Language::En)),
        Language::Ko => (&KO_SIMPLE, ftl_source(Language::Ko)),
    };
    cell.get_or_init(|| {
        // A file with a syntax error still yields the messages that parsed.
        let resource = fluent_syntax::parser::parse_runtime(source).unwrap_or_else(|(r, _)| r);
        resource
            .body
            .into_iter()
            .filter_map(|entry| {
                let Entry::Message(m) = entry else {
                    return None;
                };
                let pieces = m
                    .value?
                    .elements
                    .into_iter()
                    .map(|el| match el {
                        PatternElement::TextElement { value } => Some(Piece::Text(value.into())),
                        PatternElement::Placeable {
                            expression:
                                Expression::Inline(InlineExpression::VariableReference { id }),
                        } => Some(Piece::Var(id.name.into())),
                        PatternElement::Placeable { .. } => None,
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some((m.id.name.to_string(), pieces))
            })
            .collect()
    })
}

/// An argument as Fluent shows it: whole numbers are numbers (see `Tr::args`).
fn shown(v: &str) -> Cow<'_, str> {
    match v.parse::<i64>() {
        Ok(n) => Cow::Owned(n.to_string()),
        Err(_) => Cow::Borrowed(v),
    }
}

/// `text` escaped as askama escapes it in templates.
fn escape_html(text: &str) -> String {
    askama::filters::escape(text, askama::filters::Html)
        .map(|e| e.to_string())
        .unwrap_or_else(|never| match never {})
}

/// A translated message without arguments, borrowed from the table made at start when it can
/// be. Its text (`as_str`, `Deref`, `Display`) is plain; templates write its HTML, escaped
/// once when the table was made (askama takes it as safe, `HtmlSafe`, and writes it through
/// `FastWritable`). A message not in the table is escaped as it is written.
#[derive(Debug, Clone, Default)]
pub struct Msg {
    text: Cow<'static, str>,
    html: Option<&'static str>,
}

impl Msg {
    fn owned(text: String) -> Msg {
        Msg {
            text: Cow::Owned(text),
            html: None,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_owned(self) -> String {
        self.text.into_owned()
    }
}

impl PartialEq for Msg {
    fn eq(&self, other: &Msg) -> bool {
        self.text == other.text
    }
}

impl Eq for Msg {}

impl std::ops::Deref for Msg {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::borrow::Borrow<str> for Msg {
    fn borrow(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl askama::FastWritable for Msg {
    fn write_into<W: std::fmt::Write + ?Sized>(
        &self,
        dest: &mut W,
        values: &dyn askama::Values,
    ) -> askama::Result<()> {
        match self.html {
            Some(html) => Ok(dest.write_str(html)?),
            None => askama::filters::escape(self.as_str(), askama::filters::Html)
                .unwrap_or_else(|never| match never {})
                .write_into(dest, values),
        }
    }
}

/// Templates write a `Msg` without escaping it again: `write_into` gives its escaped HTML.
impl askama::filters::HtmlSafe for Msg {}

/// Hands `f` the message name made of `prefix` and `id` with `_` and `.` read as `-`. The name
/// is put together on the stack, as these lookups come by the dozen on a page.
fn kebab_key<R>(prefix: &str, id: &str, f: impl FnOnce(&str) -> R) -> R {
    let kebab = |b: u8| match b {
        b'_' | b'.' => b'-',
        b => b,
    };
    let mut buf = [0u8; 96];
    let len = prefix.len() + id.len();
    if len <= buf.len() {
        buf[..prefix.len()].copy_from_slice(prefix.as_bytes());
        for (slot, b) in buf[prefix.len()..len].iter_mut().zip(id.bytes()) {
            *slot = kebab(b);
        }
        // Only ASCII bytes were replaced, so this always holds; a longer name comes below.
        if let Ok(key) = std::str::from_utf8(&buf[..len]) {
            return f(key);
        }
    }
    let id: String = id
        .chars()
        .map(|c| u8::try_from(c).map_or(c, |b| char::from(kebab(b))))
        .collect();
    f(&format!("{prefix}{id}"))
}

/// The labels of a word enum, one message per word named `prefix` and the word as in
/// `Tr::get_for` (`circle-kind-chosen-family`), looked up once per language and then taken by
/// the word's index. The circle page shows about ninety such labels; finding each by its
/// name on every view was 9% of the page's instructions (docs/PERFORMANCE.md).
/// `Tr::get_for` gives the same messages, and stays for pages that show a label or two and
/// for ids that are not a word enum (rule ids, stored strings).
pub struct Labels<T> {
    prefix: &'static str,
    by_language: [std::sync::OnceLock<Vec<Msg>>; 2],
    words: std::marker::PhantomData<fn() -> T>,
}

impl<T: hearth_core::Words> Labels<T> {
    pub const fn new(prefix: &'static str) -> Labels<T> {
        Labels {
            prefix,
            by_language: [std::sync::OnceLock::new(), std::sync::OnceLock::new()],
            words: std::marker::PhantomData,
        }
    }

    /// The label of `word` in `t`'s language.
    pub fn get(&self, t: &Tr, word: T) -> Msg {
        let slot = match t.0 {
            Language::En => 0,
            Language::Ko => 1,
        };
        let table = self.by_language[slot].get_or_init(|| {
            T::ALL
                .iter()
                .map(|w| t.get_for(self.prefix, w.as_str()))
                .collect()
        });
        table[word.index()].clone()
    }
}

/// A translator bound to one language, handed to every template.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Language);

impl Tr {
    pub fn lang(&self) -> &'static str {
        self.0.as_str()
    }

    /// A message without arguments, borrowed from the table made once per language: a page
    /// asks for dozens, and copying each was a visible share of its cost.
    pub fn get(&self, key: &str) -> Msg {
        if let Some(p) = plain(self.0).get(key) {
            return Msg {
                text: Cow::Borrowed(p.text.as_str()),
                html: Some(p.html.as_str()),
            };
        }
        Msg::owned(LOCALES.try_lookup(id_of(self.0), key).unwrap_or_else(|| {
            tracing::warn!(key, "missing translation");
            key.to_string()
        }))
    }

    /// The message named `prefix` and an id, as in `circle-kind-` and `chosen_family`: ids are
    /// snake_case (rule ids also have a `.`) and message names kebab-case, so `_` and `.` are
    /// read as `-`.
    pub fn get_for(&self, prefix: &str, id: &str) -> Msg {
        kebab_key(prefix, id, |key| self.get(key))
    }

    /// `args` for the message named `prefix` and an id, named as in `get_for`.
    pub fn args_for(&self, prefix: &str, id: &str, args: &[(&'static str, &str)]) -> String {
        kebab_key(prefix, id, |key| self.args(key, args))
    }

    /// A message with one named argument.
    pub fn with(&self, key: &str, name: &'static str, value: &str) -> String {
        self.args(key, &[(name, value)])
    }

    pub fn with2(
        &self,
        key: &str,
        n1: &'static str,
        v1: &str,
        n2: &'static str,
        v2: &str,
    ) -> String {
        self.args(key, &[(n1, v1), (n2, v2)])
    }

    pub fn args(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        if let Some(pieces) = simple(self.0).get(key) {
            // Sized once: growing a message piece by piece was half of what it cost.
            let room = pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => t.len(),
                    Piece::Var(_) => 0,
                })
                .sum::<usize>()
                + args.iter().map(|(_, v)| v.len()).sum::<usize>();
            let mut out = String::with_capacity(room);
            let filled = pieces.iter().all(|p| match p {
                Piece::Text(t) => {
                    out.push_str(t);
                    true
                }
                Piece::Var(name) => match args.iter().find(|(k, _)| k == name) {
                    Some((_, v)) => {
                        out.push_str(&shown(v));
                        true
                    }
                    None => false,
                },
            });
            // A missing argument is Fluent's to report, as it always was.
            if filled {
                return out;
            }
        }
        self.fluent_args(key, args)
    }

    fn fluent_args(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            // Whole numbers go in as numbers, so messages can choose plural forms.
            .map(|(k, v)| {
                let value = match v.parse::<i64>() {
                    Ok(n) => FluentValue::from(n),
                    Err(_) => FluentValue::from(v.to_string()),
                };
                (Cow::Borrowed(*k), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(id_of(self.0), key, &map)
            .unwrap_or_else(|| key.to_string())
    }

    pub fn has(&self, key: &str) -> bool {
        plain(self.0).contains_key(key) || LOCALES.try_lookup(id_of(self.0), key).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_a_word_enum_are_its_messages_in_each_language() {
        use hearth_core::circle::{Kind, Proximity};
        static KINDS: Labels<Kind> = Labels::new("circle-kind-");
        static PROXIMITY: Labels<Proximity> = Labels::new("circle-proximity-");
        // Korean first, so a table made for one language is never handed to the other.
        for lang in [Language::Ko, Language::En, Language::Ko] {
            let t = Tr(lang);
            for k in Kind::ALL {
                let label = KINDS.get(&t, *k);
                assert_eq!(label, t.get_for("circle-kind-", k.as_str()));
                assert!(t.has(&format!("circle-kind-{}", k.as_str().replace('_', "-"))));
                // Still escaped once when a template writes it.
                assert!(label.html.is_some(), "{k:?} in {lang:?}");
            }
            for p in Proximity::ALL {
                assert_eq!(
                    PROXIMITY.get(&t, *p),
                    t.get_for("circle-proximity-", p.as_str())
                );
            }
        }
        assert_ne!(
            KINDS.get(&Tr(Language::En), Kind::Friend),
            KINDS.get(&Tr(Language::Ko), Kind::Friend)
        );
    }

    #[test]
    fn a_message_named_by_prefix_and_id_is_the_kebab_case_message() {
        for lang in [Language::En, Language::Ko] {
            let t = Tr(lang);
            assert_eq!(
                t.get_for("circle-kind-", "chosen_family"),
                t.get("circle-kind-chosen-family")
            );
            assert_ne!(
                t.get_for("circle-kind-", "chosen_family").as_str(),
                "circle-kind-chosen-family"
            );
            // An id too long for the stack buffer takes the slow road to the same answer.
            let long = "x".repeat(120);
            assert_eq!(
                t.get_for("circle-kind-", &long).as_str(),
                format!("circle-kind-{long}")
            );
        }
    }

    #[derive(askama::Template)]
    #[template(source = "<p title=\"{{ a }}\">{{ b }}</p>", ext = "html")]
    struct Shown {
        a: Msg,
        b: Msg,
    }

    /// A message is plain text in Rust and escaped exactly once in a page, from the table or
    /// not.
    #[test]
    fn a_message_is_escaped_once_in_a_template() {
        use askama::Template;
        let t = Tr(Language::En);
        let quoted = t.get("scope-circle-names-desc");
        assert!(quoted.as_str().starts_with("With \"My circle\" on"));
        let missing = t.get("no-such-message-<&>");
        assert_eq!(missing.as_str(), "no-such-message-<&>");
        let html = Shown {
            a: quoted,
            b: missing,
        }
        .render()
        .unwrap();
        assert!(
            html.starts_with("<p title=\"With &#34;My circle&#34; on"),
            "{html}"
        );
        assert!(
            html.ends_with(">no-such-message-&#60;&#38;&#62;</p>"),
            "{html}"
        );
        assert_eq!(
            t.get("card-safe-now").to_string(),
            "I'm safe right now",
            "plain outside templates"
        );
    }

    /// A `Msg` is plain text to `Display` and HTML to askama's `FastWritable`. askama's
    /// filters read their input through `Display` (`|linebreaks` would then write it
    /// unescaped, `|lower` would escape it twice), so no template applies a filter; take
    /// `.as_str()` first if one is ever needed (ADR 0015). `||` is "or" in `{% if %}`.
    #[test]
    fn no_template_applies_a_filter() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut checked = 0;
        for file in std::fs::read_dir(dir).unwrap() {
            let path = file.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains("{% filter"),
                "{}: a filter block",
                path.display()
            );
            for expr in text.split("{{").skip(1) {
                let expr = expr.split("}}").next().unwrap_or_default();
                assert!(
                    !expr.replace("||", "").contains('|'),
                    "{}: a filter in {{{{{expr}}}}}",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked > 500, "{checked} expressions");
    }

    /// The direct filling-in must say exactly what Fluent says, for every such message in
    /// both languages, with words, markup and numbers as arguments.
    #[test]
    fn simple_messages_read_as_fluent_would_have_them() {
        for lang in [Language::En, Language::Ko] {
            let t = Tr(lang);
            let found = simple(lang);
            assert!(
                found.len() > 100,
                "{lang:?}: {} simple messages",
                found.len()
            );
            for (key, pieces) in found {
                let vars: Vec<&'static str> = pieces
                    .iter()
                    .filter_map(|p| match p {
                        Piece::Var(n) => Some(&*n.clone().leak()),
                        Piece::Text(_) => None,
                    })
                    .collect();
                for values in [["Ana <b>", "07"], ["3", "-12"]] {
                    let args: Vec<(&'static str, &str)> = vars
                        .iter()
                        .enumerate()
                        .map(|(i, n)| (*n, values[i % 2]))
                        .collect();
                    assert_eq!(
                        t.args(key, &args),
                        t.fluent_args(key, &args),
                        "{lang:?} {key}"
                    );
                }
            }
        }
    }
}

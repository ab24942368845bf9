use super::lexicon::{self, Category, Entry, LexiconError};
use super::{normalize, Lang, Level, Screening};
use aho_corasick::AhoCorasick;
use std::collections::{BTreeSet, HashMap};

const EN_BUILTIN: &str = include_str!("../../lexicons/en.tsv");
const KO_BUILTIN: &str = include_str!("../../lexicons/ko.tsv");

/// How many words a negation may stand before what it negates ("not going to hurt myself").
const NEGATION_WINDOW: usize = 3;
/// How far back a subject is looked for ("my friend says she wants to die").
const SUBJECT_WINDOW: usize = 6;
/// Korean negation follows the verb: how many bytes after a hit it may start (about 8 syllables).
const KO_NEGATION_BYTES: usize = 24;

struct EnLexicon {
    entries: Vec<Entry>,
    by_first: HashMap<String, Vec<usize>>,
    /// Entries whose first word ends in `*`.
    prefixed_first: Vec<usize>,
}

struct KoLexicon {
    entries: Vec<Entry>,
    matcher: AhoCorasick,
}

/// The screening engine with its lexicons. Build once; `screen` is cheap and thread-safe.
pub struct Screener {
    en: EnLexicon,
    ko: KoLexicon,
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    category: Category,
    clause: usize,
    start: usize,
    end: usize,
}

impl Screener {
    /// The lexicons shipped with Hearth.
    pub fn builtin() -> Screener {
        Screener::with_additions(&[], &[]).expect("the shipped lexicons are valid")
    }

    /// The shipped lexicons plus a practice's own files: `(file name, contents)` per language.
    pub fn with_additions(
        en_extra: &[(String, String)],
        ko_extra: &[(String, String)],
    ) -> Result<Screener, LexiconError> {
        let mut en = lexicon::parse("lexicons/en.tsv", EN_BUILTIN)?;
        for (file, text) in en_extra {
            en.extend(lexicon::parse(file, text)?);
        }
        let mut ko = lexicon::parse("lexicons/ko.tsv", KO_BUILTIN)?;
        for (file, text) in ko_extra {
            ko.extend(lexicon::parse(file, text)?);
        }
        Ok(Screener {
            en: EnLexicon::new(en),
            ko: KoLexicon::new(ko),
        })
    }

    pub fn screen(&self, text: &str, lang: Option<Lang>) -> Screening {
        let lang = lang.unwrap_or_else(|| Lang::detect(text));
        let clauses = split_clauses(text);
        let mut hits = vec![];
        let mut idiom_spans = vec![];
        match lang {
            Lang::En => {
                for (ci, clause) in clauses.iter().enumerate() {
                    let toks = normalize::tokens(clause);
                    self.en.find(&toks, ci, &mut hits);
                }
            }
            Lang::Ko => {
                for (ci, clause) in clauses.iter().enumerate() {
                    let compact = normalize::compact_korean(clause);
                    self.ko.find(&compact, ci, &mut hits);
                    // Korean messages often mix in English slang (kms, lol).
                    let toks = normalize::tokens(clause);
                    let mut en_hits = vec![];
                    self.en.find(&toks, ci, &mut en_hits);
                    // English positions are word indexes; keep them apart from Korean byte spans.
                    hits.extend(en_hits.into_iter().map(|mut h| {
                        h.start += 1_000_000;
                        h.end += 1_000_000;
                        h
                    }));
                }
            }
        }
        for h in &hits {
            if h.category == Category::Idiom {
                idiom_spans.push((h.clause, h.start, h.end));
            }
        }
        evaluate(lang, &hits, &idiom_spans)
    }
}

/// Clauses end at sentence punctuation followed by a space or the end, and at line breaks.
/// A dot inside a word (`s.u.i.c.i.d.e`) does not end one.
fn split_clauses(text: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut start = 0;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in bytes.iter().enumerate() {
        let next = bytes.get(k + 1).map(|x| x.1);
        let ends = match c {
            '\n' | ';' => true,
            '.' | '!' | '?' | '。' => next.is_none_or(char::is_whitespace),
            _ => false,
        };
        if ends {
            out.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&text[start..]);
    out.retain(|c| !c.trim().is_empty());
    out
}

impl EnLexicon {
    fn new(entries: Vec<Entry>) -> EnLexicon {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        let mut prefixed_first = vec![];
        for (i, e) in entries.iter().enumerate() {
            let first = &e.words[0];
            if first.ends_with('*') {
                prefixed_first.push(i);
            } else {
                by_first.entry(first.clone()).or_default().push(i);
            }
        }
        EnLexicon {
            entries,
            by_first,
            prefixed_first,
        }
    }

    fn find(&self, toks: &[String], clause: usize, out: &mut Vec<Hit>) {
        for i in 0..toks.len() {
            let exact = self
                .by_first
                .get(&toks[i])
                .map(|v| v.as_slice())
                .unwrap_or(&[]);
            for &ei in exact.iter().chain(self.prefixed_first.iter()) {
                let e = &self.entries[ei];
                if let Some(end) = match_words(&e.words, toks, i) {
                    out.push(Hit {
                        category: e.category,
                        clause,
                        start: i,
                        end,
                    });
                }
            }
        }
    }
}

fn word_matches(pattern: &str, tok: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => tok.starts_with(prefix),
        None => pattern == tok,
    }
}

/// Matches pattern words from token `at`; returns the end (exclusive) of the match.
fn match_words(words: &[String], toks: &[String], at: usize) -> Option<usize> {
    let Some((w, rest)) = words.split_first() else {
        return Some(at);
    };
    if w == "~" {
        return (0..=4)
            .filter(|skip| at + skip <= toks.len())
            .find_map(|skip| match_words(rest, toks, at + skip));
    }
    if at < toks.len() && word_matches(w, &toks[at]) {
        match_words(rest, toks, at + 1)
    } else {
        None
    }
}

impl KoLexicon {
    fn new(entries: Vec<Entry>) -> KoLexicon {
        // Patterns go through the same normalisation as the text (NFKC turns ㅋ into ᄏ).
        let patterns: Vec<String> = entries
            .iter()
            .map(|e| normalize::compact_korean(&e.words.concat()))
            .collect();
        let matcher = AhoCorasick::new(&patterns).expect("Korean lexicon patterns build");
        KoLexicon { entries, matcher }
    }

    fn find(&self, compact: &str, clause: usize, out: &mut Vec<Hit>) {
        for m in self.matcher.find_overlapping_iter(compact) {
            let e = &self.entries[m.pattern().as_usize()];
            out.push(Hit {
                category: e.category,
                clause,
                start: m.start(),
                end: m.end(),
            });
        }
    }
}

fn base_level(c: Category) -> Level {
    match c {
        Category::Act | Category::Farewell => Level::Severe,
        Category::Ideation | Category::SelfHarm | Category::Plan | Category::MethodSeeking => {
            Level::Moderate
        }
        // Giving things away or writing a will is everyday life on its own; with goodbyes,
        // finality or a time it is preparation (the combinations below).
        Category::Passive
        | Category::Burden
        | Category::Hopeless
        | Category::Finality
        | Category::Preparation => Level::Low,
        _ => Level::None,
    }
}

/// Negation lowers by one level at most, and never below `low` for a passive wish or
/// self-harm: "I'd never actually do anything" after a wish not to wake up is still a signal.
fn negated(level: Level, c: Category) -> Level {
    let lowered = level.lower();
    if matches!(c, Category::Passive | Category::SelfHarm) {
        lowered.max(Level::Low)
    } else {
        lowered
    }
}

fn evaluate(lang: Lang, hits: &[Hit], idioms: &[(usize, usize, usize)]) -> Screening {
    let mut rules: BTreeSet<String> = BTreeSet::new();
    let mut concern_for_other = false;
    let in_clause = |ci: usize, c: Category| {
        hits.iter()
            .filter(move |h| h.clause == ci && h.category == c)
    };
    let has_in_message = |c: Category| hits.iter().any(|h| h.category == c);
    let humour = has_in_message(Category::Humour);
    let mut level = Level::None;
    // Categories that count towards combinations: the writer's own, current, sincere signals.
    let mut present: BTreeSet<Category> = BTreeSet::new();

    for h in hits.iter().filter(|h| h.category.is_signal()) {
        if idioms
            .iter()
            .any(|&(ci, s, e)| ci == h.clause && h.start < e && s < h.end)
        {
            rules.insert("ctx.idiom".into());
            continue;
        }
        if h.category == Category::OtherPerson {
            concern_for_other = true;
            rules.insert("ctx.third_person".into());
            continue;
        }
        // A time or a place belongs to no one; everything else is about its nearest subject
        // ("she's been giving her things away" is about her, "gave my sister my keys" is not).
        let personal = !matches!(h.category, Category::Time | Category::Means);
        if personal && about_someone_else(lang, h, hits) {
            concern_for_other = true;
            rules.insert("ctx.third_person".into());
            continue;
        }
        if in_clause(h.clause, Category::Fiction).next().is_some() {
            rules.insert("ctx.fiction".into());
            continue;
        }
        if in_clause(h.clause, Category::Study).next().is_some() {
            rules.insert("ctx.study".into());
            continue;
        }
        let mut l = base_level(h.category);
        rules.insert(format!(
            "{}.{}",
            if h.start >= 1_000_000 {
                "en"
            } else {
                lang.as_str()
            },
            h.category.name()
        ));
        let negatable = matches!(
            h.category,
            Category::Ideation
                | Category::SelfHarm
                | Category::Passive
                | Category::Plan
                | Category::MethodSeeking
        );
        let was_negated = negatable && is_negated(lang, h, hits);
        if was_negated {
            l = negated(l, h.category);
            rules.insert("ctx.negation".into());
        }
        if in_clause(h.clause, Category::Past).next().is_some() {
            // The writer's own distant past: a risk factor, not a crisis now.
            l = l.min(Level::Low);
            rules.insert("ctx.past".into());
            level = level.max(l);
            continue;
        }
        level = level.max(l);
        if !was_negated {
            present.insert(h.category);
        }
    }

    let any = |cs: &[Category]| cs.iter().any(|c| present.contains(c));
    let mut combo = |name: &str, cond: bool, at_least: Level| {
        if cond {
            rules.insert(format!("combo.{name}"));
            level = level.max(at_least);
        }
    };
    use Category as C;
    combo(
        "burden_finality",
        any(&[C::Burden]) && any(&[C::Finality, C::Time]),
        Level::Moderate,
    );
    let goodbyes = hits
        .iter()
        .filter(|h| {
            h.category == C::Goodbye
                && !idioms
                    .iter()
                    .any(|&(ci, s, e)| ci == h.clause && h.start < e && s < h.end)
        })
        .map(|h| (h.clause, h.start))
        .collect::<BTreeSet<_>>()
        .len();
    combo(
        "goodbyes",
        goodbyes >= 2 && present.contains(&C::Goodbye),
        Level::Severe,
    );
    combo(
        "persistent",
        any(&[C::Burden, C::Passive, C::Hopeless]) && any(&[C::Persistent]),
        Level::Moderate,
    );
    combo(
        "preparation_farewell",
        (any(&[C::Preparation]) && any(&[C::Goodbye, C::Finality, C::Farewell, C::Time]))
            || (any(&[C::Goodbye]) && any(&[C::Finality])),
        Level::Severe,
    );
    combo(
        "plan_time",
        any(&[
            C::Plan,
            C::Means,
            C::Preparation,
            C::MethodSeeking,
            C::Ideation,
        ]) && any(&[C::Time]),
        Level::Severe,
    );
    combo(
        "plan_means",
        any(&[C::Plan]) && any(&[C::Ideation, C::Means, C::MethodSeeking]),
        Level::Severe,
    );
    combo(
        "goodbye_signal",
        any(&[C::Goodbye]) && any(&[C::Plan, C::Burden, C::Ideation]),
        Level::Severe,
    );

    if humour && level > Level::None {
        // Humour lowers a signal but does not erase it.
        level = level.lower().max(Level::Low);
        rules.insert("ctx.humour".into());
    }
    Screening {
        level,
        concern_for_other,
        rules: rules.into_iter().collect(),
    }
}

/// A signal whose nearest subject is another person ("she wants to die").
fn about_someone_else(lang: Lang, h: &Hit, hits: &[Hit]) -> bool {
    let same_clause = |c: Category| {
        hits.iter()
            .filter(move |x| x.clause == h.clause && x.category == c)
    };
    if h.start >= 1_000_000 || lang == Lang::En {
        let nearest = |c: Category| {
            same_clause(c)
                .filter(|x| (x.start >= 1_000_000) == (h.start >= 1_000_000))
                .filter(|x| x.end <= h.start && h.start - x.end <= SUBJECT_WINDOW)
                .map(|x| x.end)
                .max()
        };
        match (
            nearest(Category::ThirdPerson),
            nearest(Category::FirstPerson),
        ) {
            (Some(t), Some(f)) => t > f,
            (Some(_), None) => true,
            _ => false,
        }
    } else {
        // Korean: a third-person subject or reported speech in the clause, and no "I".
        // Korean: a third-person subject (or reported speech) before the signal, and no "I".
        same_clause(Category::ThirdPerson).any(|x| x.start < 1_000_000 && x.start <= h.start)
            && !same_clause(Category::FirstPerson).any(|x| x.start < 1_000_000)
    }
}

fn is_negated(lang: Lang, h: &Hit, hits: &[Hit]) -> bool {
    let english = h.start >= 1_000_000 || lang == Lang::En;
    hits.iter()
        .filter(|x| x.clause == h.clause && x.category == Category::Negation)
        .any(|n| {
            if english {
                (n.start >= 1_000_000) == (h.start >= 1_000_000)
                    && n.end <= h.start
                    && h.start - n.end < NEGATION_WINDOW
            } else {
                n.start < 1_000_000 && n.start >= h.end && n.start - h.end <= KO_NEGATION_BYTES
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(text: &str) -> Level {
        Screener::builtin().screen(text, None).level
    }

    #[test]
    fn clauses_split_on_sentences_not_on_dotted_words() {
        assert_eq!(
            split_clauses("s.u.i.c.i.d.e again. ok!"),
            vec!["s.u.i.c.i.d.e again", " ok"]
        );
    }

    #[test]
    fn empty_text_is_none() {
        let s = Screener::builtin().screen("", None);
        assert_eq!(
            (s.level, s.concern_for_other, s.rules.len()),
            (Level::None, false, 0)
        );
    }

    #[test]
    fn rules_name_categories_never_words() {
        let s = Screener::builtin().screen("I want to kill myself", Some(Lang::En));
        assert_eq!(s.level, Level::Moderate);
        assert!(
            s.rules
                .iter()
                .all(|r| !r.contains("kill") && !r.contains("myself")),
            "{:?}",
            s.rules
        );
    }

    #[test]
    fn core_rules() {
        assert_eq!(
            level("This stats exam is literally killing me"),
            Level::None
        );
        assert_eq!(
            level("I keep thinking about killing myself"),
            Level::Moderate
        );
        assert_eq!(
            level("I won't be a burden to anyone much longer."),
            Level::Moderate
        );
        assert_eq!(
            level("Already took a lot of them. Feeling really dizzy. I'm sorry."),
            Level::Severe
        );
        assert_eq!(
            level("Sometimes I wish I could just not wake up, but I'd never actually do anything."),
            Level::Low
        );
        let friend =
            Screener::builtin().screen("My best friend texted me that she wants to die", None);
        assert_eq!(friend.level, Level::None);
        assert!(friend.concern_for_other);
        assert_eq!(level("죽고 싶다"), Level::Moderate);
        assert_eq!(level("배고파 죽겠다 ㅋㅋ"), Level::None);
    }
}

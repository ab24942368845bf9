//! Text on a page that may hold what a person typed: a name, an id from a URL, a sentence that
//! carries a name. It is escaped as askama escapes it, every time it is written, but looked
//! over first: most such text has nothing to escape, and is then written whole instead of a
//! byte at a time through `fmt` (ADR 0020).

use askama::filters::Escaper;
use askama::{FastWritable, Values};
use std::fmt::{self, Write};

/// Text to escape as it is written. Its `Display` is the plain text; askama writes its HTML
/// through `FastWritable` (it is `HtmlSafe` because that writing escapes it), as for `Msg`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text<S>(pub S);

impl<S: AsRef<str>> Text<S> {
    pub fn as_str(&self) -> &str {
        self.0.as_ref()
    }
}

impl<S: AsRef<str>> fmt::Display for Text<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<S: AsRef<str>> FastWritable for Text<S> {
    fn write_into<W: Write + ?Sized>(&self, dest: &mut W, _: &dyn Values) -> askama::Result<()> {
        Ok(write_escaped(dest, self.as_str())?)
    }
}

/// askama writes a `Text` through `write_into`, which escapes it.
impl<S: AsRef<str>> askama::filters::HtmlSafe for Text<S> {}

/// `s` as askama's HTML escaper writes it.
fn write_escaped<W: Write + ?Sized>(dest: &mut W, s: &str) -> fmt::Result {
    if has_markup(s.as_bytes()) {
        askama::filters::Html.write_escaped_str(&mut *dest, s)
    } else {
        dest.write_str(s)
    }
}

/// Whether `s` holds a character askama's HTML escaper replaces: `"`, `&`, `'`, `<`, `>`.
/// Sixteen bytes are looked at together with no branch inside them, which the compiler turns
/// into vector compares; the last few are copied into a block of their own. Pairs of the five
/// differ in one bit (`&` and `'`, `<` and `>`), so three compares a byte find all five.
/// Folding `bool`s instead, the compiler made no vector compares: about seven instructions
/// a byte against about two (ADR 0020).
fn has_markup(s: &[u8]) -> bool {
    fn special(b: u8) -> u8 {
        u8::from(b == b'"') | u8::from(b | 1 == b'\'') | u8::from(b | 2 == b'>')
    }
    fn block_has(block: &[u8; 16]) -> bool {
        block.iter().fold(0, |found, &b| found | special(b)) != 0
    }
    let mut blocks = s.chunks_exact(16);
    for block in &mut blocks {
        if block_has(block.try_into().expect("a block of sixteen")) {
            return true;
        }
    }
    let rest = blocks.remainder();
    let mut last = [0u8; 16];
    last[..rest.len()].copy_from_slice(rest);
    block_has(&last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn askama_escaped(s: &str) -> String {
        askama::filters::escape(s, askama::filters::Html)
            .map(|e| e.to_string())
            .unwrap_or_else(|never| match never {})
    }

    fn written(s: &str) -> String {
        let mut out = String::new();
        Text(s)
            .write_into(&mut out, askama::NO_VALUES)
            .expect("writing to a String");
        out
    }

    #[test]
    fn text_is_written_as_askama_escapes_it() {
        let long = "a".repeat(40);
        let cases = [
            "",
            "Sam",
            "Person 12",
            "<script>alert(1)</script>",
            "Mo & Bo",
            "\"quoted\" and 'single'",
            "지민 <친구>",
            "exactly sixteen!",
            "fifteen chars ok",
            "sixteen then a < at 17th",
        ];
        for s in cases {
            assert_eq!(written(s), askama_escaped(s), "{s:?}");
        }
        // A special character at every place across two blocks and the rest.
        for c in ['<', '>', '&', '"', '\''] {
            for at in 0..long.len() {
                let mut s = long.clone();
                s.replace_range(at..at + 1, &c.to_string());
                assert_eq!(written(&s), askama_escaped(&s), "{c} at {at}");
            }
        }
    }

    #[test]
    fn every_byte_is_judged_as_askama_judges_it() {
        for b in 0u8..=0x7f {
            let c = char::from(b);
            for s in [c.to_string(), format!("{}{c}", "x".repeat(16))] {
                assert_eq!(
                    has_markup(s.as_bytes()),
                    askama_escaped(&s) != s,
                    "{b:#04x}"
                );
            }
        }
    }

    #[test]
    fn a_template_writes_text_escaped_once() {
        #[derive(askama::Template)]
        #[template(source = "<p title=\"{{ t }}\">{{ t }}</p>", ext = "html")]
        struct Page {
            t: Text<String>,
        }
        use askama::Template;
        let page = Page {
            t: Text("Sam & \"Mo\" <b>".into()),
        };
        assert_eq!(
            page.render().expect("renders"),
            "<p title=\"Sam &#38; &#34;Mo&#34; &#60;b&#62;\">Sam &#38; &#34;Mo&#34; &#60;b&#62;</p>"
        );
        assert_eq!(page.t.to_string(), "Sam & \"Mo\" <b>");
    }
}

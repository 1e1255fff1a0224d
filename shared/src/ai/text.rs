//! Turkish-aware text analysis for knowledge-base retrieval.
//!
//! This module owns everything that turns raw text (knowledge items and user
//! questions) into matchable terms:
//!
//! * case folding that respects Turkish dotted/dotless I, followed by
//!   diacritic folding to ASCII-ish keys (`ş→s`, `ğ→g`, `ı→i`, `â→a`, …), so
//!   that users who type without Turkish letters still match;
//! * tokenisation (apostrophe suffixes such as `Kadıköy'de` are dropped,
//!   digits are kept as their own tokens);
//! * a light, rule-based Turkish suffix stripper and a tiny English one;
//! * stop words, a general customer-service synonym lexicon (single words and
//!   short phrases mapped to canonical concept tokens), number words.
//!
//! Everything here is deterministic and allocation-light; the lexicon tables
//! are compiled once into hash maps on first use.
//!
//! ## Stop-word policy
//!
//! Question words are treated differently depending on whether they point at
//! a topic:
//! * `nerede/nereye/neresi/where` are *not* stop words: they mean "location"
//!   and map to the `#location` concept.
//! * `ne kadar/kaç para/how much` are phrases mapped to `#price`;
//!   `ne kadar sürer/ne kadar zaman/how long` map to `#duration`. The single
//!   words `ne`, `kadar`, `kaç` on their own are stop words because alone they
//!   do not say *what* is being asked about.
//! * `kim/who` map to `#staff`: asked of a business, "who" asks about its
//!   people (`Ortodontist kim?`).
//! * `nasıl/how`, `hangi/which`, `neden/why` are stop words: the
//!   topic of such a question is carried by its other words, and keeping them
//!   would let a question match any item that happens to contain the same
//!   question word ("Nasıl randevu alabilirim?" vs "Bugün hava nasıl?").
//! * Light verbs (`yapmak`, `etmek`, `olmak`, `istemek`, `gerek/lazım`,
//!   `gelmek`, `getirmek`) are stop words: "… yapıyor musunuz?" and
//!   "… gelebilir miyim?" are the frames of most questions, not their topic.
//! * `nerede/where` weigh half a topic word ([`QUESTION_WORD_WEIGHT`]).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

pub use crate::copy::Language;

/// The language's slot in the per-language tables (stop words, lexicon).
impl Language {
    fn idx(self) -> usize {
        match self {
            Language::Tr => 0,
            Language::En => 1,
        }
    }
}

/// Tokens longer than this are cut: they are URLs, hashes or garbage, and
/// bounding them keeps the stemmer cost bounded on hostile input.
const MAX_TOKEN_CHARS: usize = 48;

/// Surface length from which a prefix feature is emitted.
pub const PREFIX_CHARS: usize = 5;

// ---------------------------------------------------------------------------
// Case and diacritic folding
// ---------------------------------------------------------------------------

/// Turkish lowercase: `İ→i`, `I→ı`, everything else as `char::to_lowercase`.
/// A combining dot above (U+0307) following an `i` is dropped, because std's
/// lowercase of `İ` produces `i̇` and some keyboards/systems emit it too.
pub fn turkish_lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'İ' => out.push('i'),
            'I' => out.push('ı'),
            '\u{307}' if out.ends_with('i') => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// Folds one character to its matching key, appending to `out`.
/// Turkish case folding comes first (`I→ı`, `İ→i`), then diacritics are
/// removed, so `ı` and `i` end up equal: users very often type Turkish
/// without Turkish letters, and the key must not depend on it.
fn push_folded(c: char, out: &mut String) {
    let mapped: &str = match c {
        'a'..='z' | '0'..='9' => {
            out.push(c);
            return;
        }
        'A'..='Z' => {
            // 'I' → 'ı' → 'i'; other ASCII capitals lowercase normally.
            out.push(c.to_ascii_lowercase());
            return;
        }
        'İ' | 'ı' | 'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' => "i",
        'ş' | 'Ş' | 'ś' | 'Ś' | 'š' | 'Š' => "s",
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' => "c",
        'ğ' | 'Ğ' => "g",
        'ö' | 'Ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ø' | 'Ō' | 'Ő' => {
            "o"
        }
        'ü' | 'Ü' | 'ù' | 'ú' | 'û' | 'ū' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => {
            "u"
        }
        'â' | 'Â' | 'à' | 'á' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => {
            "a"
        }
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "e",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ž' | 'ź' | 'ż' | 'Ž' | 'Ź' | 'Ż' => "z",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ř' | 'Ř' => "r",
        'ł' | 'Ł' => "l",
        'đ' | 'ď' | 'Đ' | 'Ď' => "d",
        'ť' | 'ţ' | 'Ť' | 'Ţ' => "t",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ if is_combining_mark(c) => "",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(mapped);
}

/// Full fold of a string: Turkish case folding plus diacritic removal.
/// `İstanbul`, `ISTANBUL`, `istanbul` and `ıstanbul` all fold to `istanbul`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | '´' | 'ʼ')
}

/// Splits text into folded tokens.
///
/// * Any non-alphanumeric character separates tokens (punctuation, emoji,
///   spaces), so `09:00` gives `09`, `00`.
/// * A letter/digit boundary also separates (`750TL` → `750`, `tl`), because
///   prices and times are often glued to units.
/// * After an apostrophe inside a word the rest of the word is dropped: in
///   Turkish the apostrophe separates a proper noun from its case suffix
///   (`Kadıköy'de` → `kadikoy`, `TL'dir` → `tl`).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_chars = 0usize;
    let mut cur_is_digit = false;
    let mut skipping = false;
    let flush = |cur: &mut String, cur_chars: &mut usize, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
        *cur_chars = 0;
    };
    for c in text.chars() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if skipping {
                continue;
            }
            let digit = c.is_numeric();
            if !cur.is_empty() && digit != cur_is_digit {
                flush(&mut cur, &mut cur_chars, &mut out);
            }
            cur_is_digit = digit;
            if cur_chars < MAX_TOKEN_CHARS {
                push_folded(c, &mut cur);
                cur_chars += 1;
            }
        } else if is_apostrophe(c) && !cur.is_empty() && !cur_is_digit {
            flush(&mut cur, &mut cur_chars, &mut out);
            skipping = true;
        } else {
            flush(&mut cur, &mut cur_chars, &mut out);
            skipping = false;
        }
    }
    flush(&mut cur, &mut cur_chars, &mut out);
    out
}

// ---------------------------------------------------------------------------
// Stop words
// ---------------------------------------------------------------------------

/// Turkish function words, folded. See the module doc for the policy on
/// question words.
const TR_STOP: &[&str] = &[
    "ve",
    "veya",
    "ya",
    "yada",
    "yahut",
    "ile",
    "ama",
    "fakat",
    "ancak",
    "ise",
    "ki",
    "de",
    "da",
    "mi",
    "mu",
    "misin",
    "misiniz",
    "musun",
    "musunuz",
    "miyim",
    "muyum",
    "miyiz",
    "muyuz",
    "midir",
    "mudur",
    "ne",
    "neler",
    "nedir",
    "nelerdir",
    "neyi",
    "neye",
    "nasil",
    "nasildir",
    "hangi",
    "hangisi",
    "hangileri",
    "neden",
    "niye",
    "nicin",
    "bir",
    "biri",
    "birisi",
    "bu",
    "bunu",
    "buna",
    "bunun",
    "bunlar",
    "su",
    "sunu",
    "o",
    "onu",
    "ona",
    "onun",
    "onlar",
    "ben",
    "beni",
    "bana",
    "benim",
    "bende",
    "sen",
    "seni",
    "sana",
    "senin",
    "biz",
    "bizi",
    "bize",
    "bizim",
    "bizde",
    "siz",
    "sizi",
    "size",
    "sizin",
    "sizde",
    "sizden",
    "sizinle",
    "icin",
    "gibi",
    "kadar",
    "daha",
    "cok",
    "en",
    "her",
    "hic",
    "hem",
    "sey",
    "seyi",
    "seyler",
    "var",
    "yok",
    "evet",
    "hayir",
    "tamam",
    "lutfen",
    "merhaba",
    "selam",
    "slm",
    "mrb",
    "tesekkur",
    "tesekkurler",
    "sagol",
    "sagolun",
    "acaba",
    "olarak",
    "tam",
    "sadece",
    "bile",
    "ayrica",
    "kac",
    "kaca",
    "kacta",
    "kactan",
    "lazim",
    "gerek",
    "gerekiyor",
    "gerekir",
    "gerekli",
    "istiyorum",
    "isterim",
    "istiyoruz",
    "istiyordum",
    "isterdim",
    "yani",
    "simdi",
    "hala",
    "mesela",
    "hakkinda",
    "bilgi",
    "rica",
    "ederim",
    "eder",
    "olur",
    "olabilir",
    "mumkun",
    "peki",
    "iyi",
    "gunler",
    "aksamlar",
    "hocam",
    // Spoken fillers and forms of address, typed as said ("abi", "kanka", "falan").
    "abi",
    "abla",
    "kanka",
    "falan",
    "filan",
    "bi",
    "bide",
    "hani",
    "yaa",
    "yav",
];

/// Turkish light-verb stems: frames of questions, not topics.
/// `gel`/`getir` ("can I come / bring …") frame a visit, like `yap` frames a service.
const TR_STOP_STEMS: &[&str] = &["yap", "et", "ed", "ol", "ist", "iste", "gerek", "lazim", "gel", "get", "getir"];

const EN_STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "is",
    "are",
    "am",
    "was",
    "were",
    "be",
    "been",
    "being",
    "do",
    "does",
    "did",
    "you",
    "your",
    "yours",
    "i",
    "me",
    "my",
    "we",
    "our",
    "us",
    "they",
    "them",
    "their",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "and",
    "or",
    "but",
    "can",
    "could",
    "would",
    "will",
    "should",
    "shall",
    "may",
    "might",
    "have",
    "has",
    "had",
    "what",
    "which",
    "how",
    "why",
    "when",
    "there",
    "here",
    "please",
    "hi",
    "hello",
    "hey",
    "any",
    "some",
    "about",
    "from",
    "by",
    "as",
    "if",
    "so",
    "not",
    "no",
    "yes",
    "thanks",
    "thank",
    "much",
    "many",
    "get",
    "got",
    "want",
    "need",
    "like",
    "just",
    "also",
    "too",
    "very",
    "still",
    "offer",
    "provide",
    "info",
    "information",
    "s",
    "t",
];

fn stop_sets() -> &'static [HashSet<&'static str>; 2] {
    static SETS: OnceLock<[HashSet<&'static str>; 2]> = OnceLock::new();
    SETS.get_or_init(|| [TR_STOP.iter().copied().collect(), EN_STOP.iter().copied().collect()])
}

/// Whether a folded surface token is a stop word in `lang`.
pub fn is_stop_word(folded: &str, lang: Language) -> bool {
    stop_sets()[lang.idx()].contains(folded)
}

// ---------------------------------------------------------------------------
// Language detection
// ---------------------------------------------------------------------------

/// Guesses the language of a text from Turkish-only letters and stop-word
/// hits. Ties go to Turkish, the product's main market.
pub fn detect_lang(text: &str) -> Language {
    let mut tr = 0usize;
    let mut en = 0usize;
    for c in text.chars() {
        if matches!(c, 'ç' | 'ğ' | 'ı' | 'ö' | 'ş' | 'ü' | 'Ç' | 'Ğ' | 'İ' | 'Ö' | 'Ş' | 'Ü') {
            tr += 2;
        }
    }
    let sets = stop_sets();
    for w in words(text) {
        if sets[0].contains(w.as_str()) {
            tr += 1;
        }
        if sets[1].contains(w.as_str()) {
            en += 1;
        }
    }
    if en > tr { Language::En } else { Language::Tr }
}

// ---------------------------------------------------------------------------
// Stemming
// ---------------------------------------------------------------------------

/// Folded Turkish suffixes with the minimum number of characters that must
/// remain after stripping. Verbal suffixes allow 2-letter roots (`al-`,
/// `gel-`, `ol-` are very common verbs); nominal ones keep 3 so short nouns
/// are not eaten. Longest match wins at each step and stripping repeats, so
/// stacked suffixes (`fiyat-lar-ınız-ı`) peel off one by one.
///
/// Deliberately absent: bare `mi/mu` glued to a word (collides with nouns
/// ending in `-mu`, `durumu`), past tense `-di` (collides with many nouns),
/// and first-person plural `-k` (collides with `klinik`).
const TR_SUFFIXES: &[(&str, usize)] = &[
    // question particle glued to the verb, with a person ending
    ("misiniz", 2),
    ("musunuz", 2),
    ("miyiz", 2),
    ("muyuz", 2),
    ("misin", 2),
    ("musun", 2),
    ("miyim", 2),
    ("muyum", 2),
    ("midir", 2),
    ("mudur", 2),
    // present continuous
    ("iyorsunuz", 2),
    ("uyorsunuz", 2),
    ("iyoruz", 2),
    ("uyoruz", 2),
    ("iyorum", 2),
    ("uyorum", 2),
    ("iyorsun", 2),
    ("uyorsun", 2),
    ("iyor", 2),
    ("uyor", 2),
    ("yor", 2),
    // ability
    ("abilirsiniz", 2),
    ("ebilirsiniz", 2),
    ("abilirim", 2),
    ("ebilirim", 2),
    ("abiliriz", 2),
    ("ebiliriz", 2),
    ("yabilir", 2),
    ("yebilir", 2),
    ("abilir", 2),
    ("ebilir", 2),
    ("yabil", 2),
    ("yebil", 2),
    ("abil", 2),
    ("ebil", 2),
    // infinitive / verbal noun
    ("makta", 2),
    ("mekte", 2),
    ("mak", 2),
    ("mek", 2),
    ("ma", 2),
    ("me", 2),
    // converbs
    ("yarak", 2),
    ("yerek", 2),
    ("arak", 2),
    ("erek", 2),
    ("yince", 2),
    ("yunca", 2),
    ("ince", 2),
    ("unca", 2),
    ("yip", 2),
    ("yup", 2),
    ("ip", 2),
    ("up", 2),
    // future
    ("yacak", 2),
    ("yecek", 2),
    ("acak", 2),
    ("ecek", 2),
    // copula -DIr and causative -DIr share their surface: both are noise
    ("dir", 3),
    ("dur", 3),
    ("tir", 3),
    ("tur", 3),
    // aorist
    ("ar", 3),
    ("er", 3),
    ("ir", 3),
    ("ur", 3),
    // participle
    ("yan", 3),
    ("yen", 3),
    ("an", 3),
    ("en", 3),
    // plural
    ("lar", 2),
    ("ler", 2),
    // person / possessive
    ("siniz", 3),
    ("sunuz", 3),
    ("imiz", 3),
    ("umuz", 3),
    ("iniz", 3),
    ("unuz", 3),
    ("miz", 3),
    ("muz", 3),
    ("niz", 3),
    ("nuz", 3),
    ("sin", 3),
    ("sun", 3),
    ("yiz", 3),
    ("yuz", 3),
    ("iz", 3),
    ("uz", 3),
    ("im", 3),
    ("um", 3),
    ("in", 3),
    ("un", 3),
    ("si", 3),
    ("su", 3),
    ("m", 4),
    ("n", 4),
    // case
    ("ndaki", 3),
    ("ndeki", 3),
    ("daki", 3),
    ("deki", 3),
    ("taki", 3),
    ("teki", 3),
    ("ndan", 3),
    ("nden", 3),
    ("dan", 3),
    ("den", 3),
    ("tan", 3),
    ("ten", 3),
    ("nda", 3),
    ("nde", 3),
    ("da", 3),
    ("de", 3),
    ("ta", 3),
    ("te", 3),
    ("nin", 3),
    ("nun", 3),
    ("yla", 3),
    ("yle", 3),
    ("la", 3),
    ("le", 3),
    ("ya", 3),
    ("ye", 3),
    ("yi", 3),
    ("yu", 3),
    ("na", 3),
    ("ne", 3),
    ("ni", 3),
    ("nu", 3),
    ("ki", 3),
    ("a", 3),
    ("e", 3),
    ("i", 3),
    ("u", 3),
    // derivational: -lI (with), -sIz (without), -lIk (-ness)
    ("lik", 3),
    ("luk", 3),
    ("li", 3),
    ("lu", 3),
    ("siz", 3),
    ("suz", 3),
    // -ist (practitioner, in loanwords): `ortodontist` meets `ortodonti`.
    ("ist", 4),
];

/// Suffix table sorted longest first, so the first match is the longest.
fn tr_suffixes() -> &'static [(&'static str, usize)] {
    static SORTED: OnceLock<Vec<(&'static str, usize)>> = OnceLock::new();
    SORTED.get_or_init(|| {
        let mut v = TR_SUFFIXES.to_vec();
        v.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        v
    })
}

/// Final-consonant softening: `kliniği` → `klinig` must meet `klinik`,
/// `kitabı` → `kitab` must meet `kitap`. After folding, `ç`/`c` are already
/// the same letter, so only g/b/d need care.
fn soften(stem: &mut String, chars: usize) {
    if chars < 3 {
        return;
    }
    let repl = match stem.as_bytes().last() {
        Some(b'g') => 'k',
        Some(b'b') => 'p',
        Some(b'd') => 't',
        _ => return,
    };
    stem.pop();
    stem.push(repl);
}

/// Suffixes whose first letter is a buffer consonant (`y`, `n`, `s`) or that
/// only follow vowels (`-m`, `-mIz`, `-nIz`): they can only be stripped from
/// a stem that ends in a vowel (`randevu-yu`, `sigorta-m`, `tedavi-si`).
const AFTER_VOWEL: &[&str] = &[
    "si", "su", "ni", "nu", "na", "ne", "nin", "nun", "nda", "nde", "ndan", "nden", "ndaki", "ndeki", "yi", "yu", "ya",
    "ye", "yla", "yle", "yan", "yen", "yip", "yup", "yarak", "yerek", "yacak", "yecek", "yabil", "yebil", "yabilir",
    "yebilir", "yince", "yunca", "yiz", "yuz", "niz", "nuz", "miz", "muz", "m", "n", "yor",
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Turkish phonotactics decide which stems a suffix can follow, and that
/// removes most false strips without a dictionary: a vowel-initial suffix
/// (and unbuffered `-lA` "with") only follows a consonant, since after a
/// vowel Turkish inserts a buffer consonant (`kalem-le` / `araba-yla`);
/// buffered suffixes only follow a vowel. So `havale` is not `hava-le`.
fn suffix_fits(suf: &str, stem: &str) -> bool {
    let Some(&last) = stem.as_bytes().last() else {
        return false;
    };
    let first = suf.as_bytes()[0];
    if AFTER_VOWEL.contains(&suf) {
        is_vowel(last)
    } else if is_vowel(first) || suf == "la" || suf == "le" {
        !is_vowel(last)
    } else {
        true
    }
}

/// Longest-first suffix lookup with the minimum-stem and phonotactic rules.
fn longest_suffix(s: &str, chars: usize) -> Option<&'static str> {
    tr_suffixes()
        .iter()
        .find(|(suf, min)| s.ends_with(suf) && chars >= suf.len() + min && suffix_fits(suf, &s[..s.len() - suf.len()]))
        .map(|(suf, _)| *suf)
}

/// Buffer consonants: Turkish inserts `s`, `n` or `y` between a vowel-final
/// stem and a suffix (`tedavi-s-i`, `randevu-y-u`). A stem ending in one of
/// these letters (`adres-i`) is therefore ambiguous with a buffered suffix
/// (`adre-si`), and no rule can tell them apart without a dictionary.
const BUFFER_CONSONANTS: &[u8] = b"sny";

/// At most this many alternative stems are kept per word.
const MAX_STEMS: usize = 3;

/// Light Turkish stemmer over a *folded* token. Not a morphological analyser:
/// it only needs every inflected form of a word to share a key with its base
/// form; over-stemming is fine as long as it is consistent.
///
/// Returns the greedy (longest-suffix-first) stem first. Where the longest
/// suffix starts with a buffer consonant and the suffix without it also
/// applies, the other reading is explored too, so `adresiniz` yields both
/// `adr` (as if `adre-siniz`) and `adres` (`adres-iniz`), and meets `adres`.
pub fn stem_tr_all(folded: &str) -> Vec<String> {
    // Folded Turkish is plain ASCII letters; anything else (digits, other
    // scripts) is left alone, which also keeps byte slicing below safe.
    if folded.is_empty() || !folded.bytes().all(|b| b.is_ascii_lowercase()) {
        return vec![folded.to_string()];
    }
    let mut out = Vec::with_capacity(1);
    // The call budget bounds hostile input such as `sisisisi…`, whose
    // branches would otherwise multiply.
    let mut budget = 24u32;
    stem_walk(folded.to_string(), folded.chars().count(), &mut out, &mut budget);
    out
}

fn stem_walk(mut s: String, mut chars: usize, out: &mut Vec<String>, budget: &mut u32) {
    *budget = budget.saturating_sub(1);
    while let Some(suf) = longest_suffix(&s, chars) {
        let alt = suf.strip_prefix(|c: char| c.is_ascii() && BUFFER_CONSONANTS.contains(&(c as u8))).filter(|alt| {
            !alt.is_empty()
                && TR_SUFFIXES.iter().any(|(x, min)| x == alt && chars >= alt.len() + min)
                && suffix_fits(alt, &s[..s.len() - alt.len()])
        });
        if let Some(alt) = alt
            && *budget > 0
            && out.len() < MAX_STEMS
        {
            let mut primary = s[..s.len() - suf.len()].to_string();
            let pc = chars - suf.len();
            soften(&mut primary, pc);
            stem_walk(primary, pc, out, budget);
            s.truncate(s.len() - alt.len());
            chars -= alt.len();
            soften(&mut s, chars);
            if out.len() >= MAX_STEMS || *budget == 0 {
                return;
            }
            continue;
        }
        s.truncate(s.len() - suf.len());
        chars -= suf.len();
        soften(&mut s, chars);
    }
    soften(&mut s, chars);
    if !out.contains(&s) && out.len() < MAX_STEMS {
        out.push(s);
    }
}

/// Greedy Turkish stem (the first of [`stem_tr_all`]).
pub fn stem_tr(folded: &str) -> String {
    stem_tr_all(folded).swap_remove(0)
}

fn is_en_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Tiny English stemmer: plural `-s/-es/-ies`, `-ing`, `-ed`, and a final
/// silent `-e`, so `prices/price`, `opening/open`, `booked/book` meet.
pub fn stem_en(folded: &str) -> String {
    let mut s = folded.to_string();
    if !s.is_ascii() || s.len() < 4 || s.bytes().any(|b| b.is_ascii_digit()) {
        return s;
    }
    if s.ends_with("ies") && s.len() > 4 {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if s.ends_with("sses")
        || s.ends_with("xes")
        || s.ends_with("ches")
        || s.ends_with("shes")
        || s.ends_with("zes")
    {
        s.truncate(s.len() - 2);
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s.pop();
    }
    let mut verb_stripped = false;
    if s.ends_with("ing") && s.len() >= 6 {
        s.truncate(s.len() - 3);
        verb_stripped = true;
    } else if s.ends_with("ed") && s.len() >= 5 {
        s.truncate(s.len() - 2);
        verb_stripped = true;
    }
    if verb_stripped {
        // running → runn → run; booking → book keeps its double vowel.
        let b = s.as_bytes();
        let n = b.len();
        if n >= 3 && b[n - 1] == b[n - 2] && !is_en_vowel(b[n - 1]) && !matches!(b[n - 1], b'l' | b's' | b'z') {
            s.pop();
        }
    }
    if s.ends_with('e') && s.len() >= 4 {
        s.pop();
    }
    s
}

/// Candidate stems for `lang`, most likely first.
pub fn stems(folded: &str, lang: Language) -> Vec<String> {
    match lang {
        Language::Tr => stem_tr_all(folded),
        Language::En => vec![stem_en(folded)],
    }
}

// ---------------------------------------------------------------------------
// Number words
// ---------------------------------------------------------------------------

/// Number words that are unambiguous as words. Left out on purpose: `bir`
/// (also "a"), `on` (English "on"), `altı` ("under"), `yüz` ("face"),
/// `bin` ("get on").
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("iki", "2"),
    ("uc", "3"),
    ("dort", "4"),
    ("bes", "5"),
    ("yedi", "7"),
    ("sekiz", "8"),
    ("dokuz", "9"),
    ("yirmi", "20"),
    ("otuz", "30"),
    ("kirk", "40"),
    ("elli", "50"),
    ("altmis", "60"),
    ("yetmis", "70"),
    ("seksen", "80"),
    ("doksan", "90"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("twenty", "20"),
    ("thirty", "30"),
];

fn number_word(folded: &str) -> Option<&'static str> {
    NUMBER_WORDS.iter().find(|(w, _)| *w == folded).map(|(_, d)| *d)
}

// ---------------------------------------------------------------------------
// Synonym lexicon
// ---------------------------------------------------------------------------

/// Concept token that means "drop this phrase entirely".
const DROP: &str = "";

/// General customer-service vocabulary, shared by every business type
/// (clinics, salons, restaurants, hotels, shops). Each entry maps words or
/// short phrases to one canonical concept token; entries are normalised with
/// the same folding and stemming as the text, so any inflection matches.
/// Only topic words that many businesses' FAQs share belong here; anything
/// specific to one sector belongs in that business's knowledge base.
const LEXICON: &[(&str, Language, &[&str])] = &[
    (
        "#price",
        Language::Tr,
        &[
            "fiyat",
            "ücret",
            "para",
            "tutar",
            "bedel",
            "maliyet",
            "masraf",
            "tarife",
            "lira",
            "tl",
            "kaç para",
            "ne kadar",
            "kaç lira",
            "kaç tl",
            "fiyatlandırma",
        ],
    ),
    (
        "#price",
        Language::En,
        &["price", "cost", "fee", "charge", "pricing", "tariff", "quote", "how much", "lira", "dollar", "euro"],
    ),
    ("#duration", Language::Tr, &["süre", "sürer", "zaman", "ne kadar sürer", "ne kadar zaman", "ne kadar süre"]),
    ("#duration", Language::En, &["duration", "how long", "take long"]),
    (
        "#hours",
        Language::Tr,
        &["saat", "açık", "kapalı", "mesai", "açılış", "kapanış", "çalışma saatleri", "saat kaçta"],
    ),
    (
        "#hours",
        Language::En,
        &[
            "hours",
            "hour",
            "open",
            "opening",
            "closed",
            "close",
            "closing",
            "opening hours",
            "opening times",
            "what time",
            "business hours",
        ],
    ),
    (
        "#day",
        Language::Tr,
        &[
            "gün",
            "pazartesi",
            "salı",
            "çarşamba",
            "perşembe",
            "cuma",
            "cumartesi",
            "pazar",
            "hafta sonu",
            "hafta içi",
            "bayram",
            "tatil",
        ],
    ),
    (
        "#day",
        Language::En,
        &[
            "day",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "weekend",
            "weekday",
            "holiday",
        ],
    ),
    (
        "#location",
        Language::Tr,
        &["adres", "konum", "yer", "nerede", "nereye", "neresi", "nerde", "lokasyon", "harita", "yol tarifi", "şube"],
    ),
    ("#location", Language::En, &["address", "location", "where", "located", "directions", "map", "branch"]),
    ("#appointment", Language::Tr, &["randevu", "rezervasyon", "rezerve"]),
    ("#appointment", Language::En, &["appointment", "booking", "book", "reservation", "reserve"]),
    ("#cancel", Language::Tr, &["iptal", "vazgeç", "cayma"]),
    ("#cancel", Language::En, &["cancel", "cancellation"]),
    ("#change", Language::Tr, &["ertele", "değiştir", "değişiklik", "güncelle"]),
    ("#change", Language::En, &["reschedule", "postpone", "change", "modify"]),
    (
        "#payment",
        Language::Tr,
        &[
            "ödeme",
            "öde",
            "taksit",
            "kredi kartı",
            "kart",
            "nakit",
            "havale",
            "eft",
            "banka kartı",
            "pos",
            "peşin",
            "vade",
        ],
    ),
    (
        "#payment",
        Language::En,
        &["payment", "pay", "installment", "instalment", "credit card", "card", "cash", "transfer"],
    ),
    ("#contact", Language::Tr, &["iletişim", "telefon", "numara", "whatsapp", "e posta", "eposta", "mail", "ulaş"]),
    (
        "#contact",
        Language::En,
        &["contact", "phone", "telephone", "call", "number", "email", "e mail", "whatsapp", "reach"],
    ),
    ("#shipping", Language::Tr, &["kargo", "teslimat", "teslim", "gönderi", "gönderim", "sevkiyat", "kurye"]),
    ("#shipping", Language::En, &["shipping", "delivery", "deliver", "ship", "shipment", "courier"]),
    ("#refund", Language::Tr, &["iade", "para iadesi", "geri ödeme"]),
    ("#refund", Language::En, &["refund", "return", "money back"]),
    ("#warranty", Language::Tr, &["garanti"]),
    ("#warranty", Language::En, &["warranty", "guarantee"]),
    (
        "#staff",
        Language::Tr,
        &["doktor", "hekim", "uzman", "personel", "ekip", "kadro", "usta", "danışman", "kim", "kimler"],
    ),
    (
        "#staff",
        Language::En,
        &["doctor", "physician", "specialist", "staff", "team", "personnel", "expert", "who", "whom"],
    ),
    ("#speak", Language::Tr, &["konuş"]),
    ("#speak", Language::En, &["speak", "talk"]),
    ("#lang_en", Language::Tr, &["ingilizce"]),
    ("#lang_en", Language::En, &["english"]),
    ("#lang_de", Language::Tr, &["almanca"]),
    ("#lang_de", Language::En, &["german"]),
    ("#lang_ar", Language::Tr, &["arapça"]),
    ("#lang_ar", Language::En, &["arabic"]),
    ("#lang_ru", Language::Tr, &["rusça"]),
    ("#lang_ru", Language::En, &["russian"]),
    ("#lang_fr", Language::Tr, &["fransızca"]),
    ("#lang_fr", Language::En, &["french"]),
    ("#lang_tr", Language::Tr, &["türkçe"]),
    ("#lang_tr", Language::En, &["turkish"]),
    ("#parking", Language::Tr, &["otopark", "park", "park yeri", "vale", "araba", "arabam", "araç", "otomobil"]),
    ("#parking", Language::En, &["parking", "valet", "car park", "car"]),
    ("#access", Language::Tr, &["engelli", "erişim", "erişilebilir", "tekerlekli sandalye", "asansör", "rampa"]),
    ("#access", Language::En, &["wheelchair", "accessible", "accessibility", "disabled", "elevator", "ramp"]),
    ("#child", Language::Tr, &["çocuk", "bebek", "oğul", "oğlum", "kızım", "evlat", "yavru"]),
    ("#child", Language::En, &["child", "children", "kid", "kids", "baby", "toddler", "son", "daughter"]),
    ("#insurance", Language::Tr, &["sigorta", "poliçe"]),
    ("#insurance", Language::En, &["insurance"]),
    ("#urgent", Language::Tr, &["acil"]),
    ("#urgent", Language::En, &["urgent", "emergency", "asap"]),
    ("#discount", Language::Tr, &["indirim", "kampanya", "promosyon", "kupon", "fırsat"]),
    ("#discount", Language::En, &["discount", "promotion", "promo", "coupon", "sale", "deal"]),
    ("#order", Language::Tr, &["sipariş"]),
    ("#order", Language::En, &["order"]),
    ("#invoice", Language::Tr, &["fatura", "fiş"]),
    ("#invoice", Language::En, &["invoice", "receipt"]),
    ("#complaint", Language::Tr, &["şikayet", "şikâyet"]),
    ("#complaint", Language::En, &["complaint", "complain"]),
    ("#membership", Language::Tr, &["üyelik", "abonelik"]),
    ("#membership", Language::En, &["membership", "subscription"]),
    ("#pet", Language::Tr, &["evcil hayvan", "köpek", "kedi"]),
    ("#pet", Language::En, &["pet", "dog", "cat"]),
    // A small Turkish–English glossary of words many service businesses'
    // FAQs share (health, beauty, hospitality, retail), so an English
    // question reaches a Turkish knowledge base and the other way round.
    ("#tooth", Language::Tr, &["diş"]),
    ("#tooth", Language::En, &["tooth", "teeth", "dental"]),
    ("#hair", Language::Tr, &["saç"]),
    ("#hair", Language::En, &["hair"]),
    ("#skin", Language::Tr, &["cilt", "deri"]),
    ("#skin", Language::En, &["skin"]),
    ("#eye", Language::Tr, &["göz"]),
    ("#eye", Language::En, &["eye"]),
    ("#white", Language::Tr, &["beyaz", "beyazlat", "beyazlatma"]),
    ("#white", Language::En, &["white", "whiten", "whitening"]),
    ("#clean", Language::Tr, &["temiz", "temizlik", "temizle", "temizleme", "temizlet"]),
    ("#clean", Language::En, &["clean", "cleaning"]),
    ("#treatment", Language::Tr, &["tedavi"]),
    ("#treatment", Language::En, &["treatment", "therapy"]),
    ("#exam", Language::Tr, &["muayene", "kontrol", "check up"]),
    ("#exam", Language::En, &["examination", "exam", "checkup", "check up", "consultation"]),
    ("#pain", Language::Tr, &["ağrı", "acı", "sızı"]),
    ("#pain", Language::En, &["pain", "ache", "hurt", "painful"]),
    ("#session", Language::Tr, &["seans"]),
    ("#session", Language::En, &["session"]),
    ("#room", Language::Tr, &["oda"]),
    ("#room", Language::En, &["room"]),
    ("#breakfast", Language::Tr, &["kahvaltı"]),
    ("#breakfast", Language::En, &["breakfast"]),
    ("#meal", Language::Tr, &["yemek", "menü"]),
    ("#meal", Language::En, &["meal", "food", "menu", "dinner", "lunch"]),
    ("#pool", Language::Tr, &["havuz"]),
    ("#pool", Language::En, &["pool"]),
    ("#size", Language::Tr, &["beden"]),
    ("#size", Language::En, &["size"]),
    ("#stock", Language::Tr, &["stok"]),
    ("#stock", Language::En, &["stock", "available", "availability"]),
    // Phrases whose words would otherwise leave noise behind.
    (DROP, Language::Tr, &["ne zaman", "iyi günler", "kolay gelsin"]),
    (DROP, Language::En, &["thank you"]),
];

struct Lexicon {
    /// Per language: stem → concept.
    words: [HashMap<String, &'static str>; 2],
    /// Per language: space-joined primary keys → concept.
    phrases: [HashMap<String, &'static str>; 2],
    /// Per language: first key of any phrase, to skip lookups cheaply.
    phrase_starts: [HashSet<String>; 2],
    max_phrase: usize,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon {
            words: [HashMap::new(), HashMap::new()],
            phrases: [HashMap::new(), HashMap::new()],
            phrase_starts: [HashSet::new(), HashSet::new()],
            max_phrase: 1,
        };
        for (concept, lang, entries) in LEXICON {
            let li = lang.idx();
            for entry in *entries {
                let keyed: Vec<Keyed> = words(entry).iter().map(|w| token_key(w, *lang)).collect();
                match keyed.len() {
                    0 => {}
                    1 => {
                        for k in &keyed[0].stems {
                            lex.words[li].entry(k.clone()).or_insert(concept);
                        }
                    }
                    n => {
                        lex.max_phrase = lex.max_phrase.max(n);
                        let first = keyed[0].stems[0].clone();
                        let joined: Vec<&str> = keyed.iter().map(|k| k.stems[0].as_str()).collect();
                        lex.phrase_starts[li].insert(first);
                        lex.phrases[li].entry(joined.join(" ")).or_insert(concept);
                    }
                }
            }
        }
        lex
    })
}

/// Concept of the first candidate stem the lexicon knows.
pub fn concept_of(stems: &[String], lang: Language) -> Option<&'static str> {
    let map = &lexicon().words[lang.idx()];
    stems.iter().find_map(|k| map.get(k).copied()).filter(|c| !c.is_empty())
}

// ---------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------

/// Candidate keys of one folded token. Stop words keep their surface form as
/// their only key so phrases such as `ne kadar` can still be matched.
struct Keyed {
    stems: Vec<String>,
    stop: bool,
    numeric: bool,
}

fn token_key(folded: &str, lang: Language) -> Keyed {
    let written = if lang == Language::Tr && folded.is_ascii() { written_form(folded) } else { folded.into() };
    let folded = written.as_ref();
    if folded.chars().all(|c| c.is_numeric()) {
        return Keyed { stems: vec![folded.to_string()], stop: false, numeric: true };
    }
    if let Some(d) = number_word(folded) {
        return Keyed { stems: vec![d.to_string()], stop: false, numeric: true };
    }
    if is_stop_word(folded, lang) {
        return Keyed { stems: vec![folded.to_string()], stop: true, numeric: false };
    }
    // The question particle typed glued to its word ("varmı", "olurmu", "zorunlumu",
    // "yapıyomusunuz"): the word without it is read first, the word as typed second.
    if let Some(base) = without_glued_particle(folded, lang) {
        if is_stop_word(base, lang) {
            return Keyed { stems: vec![base.to_string()], stop: true, numeric: false };
        }
        let mut both = stems(base, lang);
        for s in stems(folded, lang) {
            if !both.contains(&s) {
                both.push(s);
            }
        }
        let stop = lang == Language::Tr && both.first().is_some_and(|k| TR_STOP_STEMS.contains(&k.as_str()));
        return Keyed { stems: both, stop, numeric: false };
    }
    let stems = stems(folded, lang);
    let stop = lang == Language::Tr && stems.iter().any(|k| TR_STOP_STEMS.contains(&k.as_str()));
    Keyed { stems, stop, numeric: false }
}

/// Question particles (folded) that customers type glued to the word before.
const GLUED_PARTICLES: &[&str] =
    &["misiniz", "musunuz", "miyim", "muyum", "miyiz", "muyuz", "midir", "mudur", "mi", "mu"];

/// `folded` without a question particle glued to its end, when a word of 3 letters or more
/// is left.
fn without_glued_particle(folded: &str, lang: Language) -> Option<&str> {
    if lang != Language::Tr || !folded.is_ascii() {
        return None;
    }
    GLUED_PARTICLES.iter().find_map(|p| folded.strip_suffix(p).filter(|base| base.len() >= 3))
}

/// One informative unit of text: a word, or a lexicon phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Candidate stems, most likely first. Empty for a lexicon phrase, which
    /// is represented by its concept alone.
    pub stems: Vec<String>,
    /// Canonical concept from the synonym lexicon (`#price`, `#location`…).
    pub concept: Option<&'static str>,
    /// First [`PREFIX_CHARS`] folded characters of the surface word, as a
    /// fallback for inflections the stemmer misses (`temizletmek/temizliği`).
    pub prefix: Option<String>,
    /// 1.0 for words, lower for bare numbers: in answers numbers are mostly
    /// prices, times and counts, rarely what the question is about.
    pub weight: f32,
    /// The word is inflected as a verb (`gelebilir`, `yapıyorsunuz`, `açtırmak`): what the
    /// customer wants to *do*. The topic of a question is in its nouns, so an unmatched verb
    /// says less about whether an item answers it than an unmatched noun.
    pub verbal: bool,
}

impl Term {
    /// The key used for bigrams and de-duplication: the primary stem, or
    /// the concept of a phrase.
    pub fn primary(&self) -> &str {
        self.stems.first().map(String::as_str).or(self.concept).unwrap_or("")
    }
}

pub const NUMBER_WEIGHT: f32 = 0.5;

/// Weight of a question word that names the kind of answer (`nerede`,
/// `where`): next to a topic word (`nereye park edebilirim`) the topic
/// decides; alone it still finds the address.
pub const QUESTION_WORD_WEIGHT: f32 = 0.5;

const QUESTION_WORDS: &[&str] = &["nerede", "nereye", "neresi", "nerde", "nereden", "where"];

fn word_weight(folded: &str, k: &Keyed) -> f32 {
    if k.numeric {
        NUMBER_WEIGHT
    } else if QUESTION_WORDS.contains(&folded) {
        QUESTION_WORD_WEIGHT
    } else {
        1.0
    }
}

/// Folded endings and infixes that only verbs carry: the progressive (`-iyor`), ability
/// (`-abil-`), infinitive (`-mak`), necessity (`-malı`), future (`-acak`) and the negative
/// progressive. Turkish grammar, not this knowledge base: a rule list, not a vocabulary.
const VERB_MARKS: &[&str] = &["iyor", "uyor", "abil", "ebil", "mamak", "memek"];
const VERB_ENDINGS: &[&str] = &[
    "mak",
    "mek",
    "mali",
    "meli",
    "maliyim",
    "meliyim",
    "malisiniz",
    "melisiniz",
    "acak",
    "ecek",
    "acagim",
    "ecegim",
    "acaksiniz",
    "eceksiniz",
    "ayim",
    "eyim",
    "alim",
    "elim",
    "iyim",
    "uyum",
];

/// Whether a folded word is inflected as a verb (see [`Term::verbal`]).
pub fn is_verbal(folded: &str) -> bool {
    folded.is_ascii()
        && folded.len() >= 5
        && (VERB_MARKS.iter().any(|m| folded[1..].contains(m)) || VERB_ENDINGS.iter().any(|e| folded.ends_with(e)))
}

/// Spoken Turkish as typed: the progressive without its `r` (`yapıyo`, `geliyosunuz`,
/// `arıyom`) is the written `-iyor` form, so both meet the same stem.
pub fn written_form(folded: &str) -> std::borrow::Cow<'_, str> {
    if !folded.is_ascii() || folded.len() < 4 {
        return std::borrow::Cow::Borrowed(folded);
    }
    for mark in ["iyo", "uyo"] {
        if let Some(at) = folded[1.min(folded.len())..].find(mark).map(|i| i + 1) {
            let after = &folded[at + mark.len()..];
            if after.is_empty()
                || (!after.starts_with('r') && matches!(after.as_bytes()[0], b's' | b'm' | b'z' | b'l' | b'n' | b'k'))
            {
                let mut out = String::with_capacity(folded.len() + 1);
                out.push_str(&folded[..at + mark.len()]);
                out.push('r');
                out.push_str(if after.starts_with('m') && !after.starts_with("mu") { "um" } else { after });
                if after.starts_with('m') && !after.starts_with("mu") {
                    out.push_str(&after[1..]);
                }
                return std::borrow::Cow::Owned(out);
            }
        }
    }
    std::borrow::Cow::Borrowed(folded)
}

fn prefix_of(folded: &str) -> Option<String> {
    if folded.chars().count() < PREFIX_CHARS || folded.chars().any(|c| c.is_numeric()) {
        return None;
    }
    let end = folded.char_indices().nth(PREFIX_CHARS).map_or(folded.len(), |(i, _)| i);
    Some(folded[..end].to_string())
}

/// Analyses `text` in the language detected from the text itself.
pub fn analyze(text: &str) -> Vec<Term> {
    analyze_as(text, detect_lang(text))
}

/// Analyses `text` as `lang`: fold, tokenise, match lexicon phrases, drop
/// stop words, stem, attach concepts and prefixes.
pub fn analyze_as(text: &str, lang: Language) -> Vec<Term> {
    let lex = lexicon();
    let li = lang.idx();
    let toks = words(text);
    let keyed: Vec<Keyed> = toks.iter().map(|t| token_key(t, lang)).collect();
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    let mut joined = String::new();
    while i < toks.len() {
        let mut matched = 0;
        if lex.phrase_starts[li].contains(&keyed[i].stems[0]) {
            for n in (2..=lex.max_phrase.min(toks.len() - i)).rev() {
                joined.clear();
                for (j, k) in keyed[i..i + n].iter().enumerate() {
                    if j > 0 {
                        joined.push(' ');
                    }
                    joined.push_str(&k.stems[0]);
                }
                if let Some(concept) = lex.phrases[li].get(&joined) {
                    matched = n;
                    if concept.is_empty() {
                        break;
                    }
                    out.push(Term {
                        stems: Vec::new(),
                        concept: Some(concept),
                        prefix: None,
                        weight: 1.0,
                        verbal: false,
                    });
                    // Content words inside a phrase still count as themselves
                    // (`kredi kartı` keeps `kredi`, `kart`) and carry the
                    // phrase's concept: `opening hours` is one need, not three.
                    for (tok, k) in toks[i..i + n].iter().zip(&keyed[i..i + n]) {
                        if !k.stop {
                            out.push(Term {
                                stems: k.stems.clone(),
                                concept: Some(concept),
                                prefix: prefix_of(tok),
                                weight: word_weight(tok, k),
                                verbal: lang == Language::Tr && is_verbal(&written_form(tok)),
                            });
                        }
                    }
                    break;
                }
            }
        }
        if matched > 0 {
            i += matched;
            continue;
        }
        let k = &keyed[i];
        if !k.stop && !k.stems[0].is_empty() {
            out.push(Term {
                concept: if k.numeric { None } else { concept_of(&k.stems, lang) },
                stems: k.stems.clone(),
                prefix: prefix_of(&toks[i]),
                weight: word_weight(&toks[i], k),
                verbal: lang == Language::Tr && is_verbal(&written_form(&toks[i])),
            });
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        analyze(text).iter().map(|t| t.primary().to_string()).collect()
    }

    #[test]
    fn spoken_progressives_meet_their_written_forms_and_verbs_are_told_from_nouns() {
        for (spoken, written) in [
            ("yapiyosunuz", "yapiyorsunuz"),
            ("geliyo", "geliyor"),
            ("istiyom", "istiyorum"),
            ("oluyomu", "oluyormu"),
            ("kiyafet", "kiyafet"),
            ("radyo", "radyo"),
        ] {
            assert_eq!(written_form(spoken), written, "{spoken}");
        }
        for verb in ["gelebilir", "yapiyorsunuz", "actirmak", "yapmaliyim", "gelecegim"] {
            assert!(is_verbal(verb), "{verb}");
        }
        for noun in ["kiyafet", "rezervasyon", "kahvalti", "implant", "ogleden", "kaplama"] {
            assert!(!is_verbal(noun), "{noun}");
        }
    }

    #[test]
    fn a_question_particle_typed_glued_to_its_word_is_read_apart() {
        assert_eq!(keys("binada asansör varmı"), keys("binada asansör var mı"));
        assert_eq!(keys("bahşiş zorunlumu"), keys("bahşiş zorunlu mu"));
        assert_eq!(analyze("zorunlumu")[0].stems[0], analyze("zorunlu")[0].stems[0]);
    }

    #[test]
    fn istanbul_folds_the_same_in_every_casing() {
        let a = fold("İstanbul");
        assert_eq!(a, "istanbul");
        assert_eq!(fold("ISTANBUL"), a);
        assert_eq!(fold("istanbul"), a);
        assert_eq!(fold("ıstanbul"), a);
    }

    #[test]
    fn turkish_lowercase_keeps_dotless_i_distinct() {
        assert_eq!(turkish_lowercase("ILIK"), "ılık");
        assert_eq!(turkish_lowercase("İLİK"), "ilik");
        assert_eq!(fold("ılık"), fold("ILIK"));
    }

    #[test]
    fn combining_dot_from_std_lowercase_is_removed() {
        let std_lower = "İstanbul".to_lowercase();
        assert_ne!(std_lower, "istanbul");
        assert_eq!(fold(&std_lower), "istanbul");
        assert_eq!(turkish_lowercase("İ"), "i");
        assert_eq!(words("Kİ̇Şİ"), vec!["kisi"]);
    }

    #[test]
    fn diacritics_fold_to_ascii_keys() {
        assert_eq!(fold("şçğöüıâîû"), "scgouiaiu");
        assert_eq!(fold("ŞÇĞÖÜIÂÎÛ"), "scgouiaiu");
        assert_eq!(fold("Kâğıt"), "kagit");
    }

    #[test]
    fn punctuation_splits_and_digits_are_kept() {
        assert_eq!(words("09:00-19:00, 750 TL!"), vec!["09", "00", "19", "00", "750", "tl"]);
        assert_eq!(words("750TL"), vec!["750", "tl"]);
    }

    #[test]
    fn apostrophe_suffix_after_proper_noun_is_dropped() {
        assert_eq!(words("Kadıköy'de, TL'dir"), vec!["kadikoy", "tl"]);
        assert_eq!(words("Kliniği’ne"), vec!["klinigi"]);
    }

    fn same_stem(forms: &[&str]) {
        // Forms match when they share at least one candidate stem with the
        // first (base) form.
        let all: Vec<Vec<String>> = forms.iter().map(|w| stem_tr_all(&fold(w))).collect();
        assert!(all.iter().all(|c| c.iter().any(|s| all[0].contains(s))), "forms {forms:?} gave stems {all:?}");
    }

    #[test]
    fn randevu_forms_share_a_stem() {
        same_stem(&["randevu", "randevuyu", "randevular", "randevunuz", "randevumu", "randevusu"]);
    }

    #[test]
    fn implant_forms_share_a_stem() {
        same_stem(&["implant", "implantı", "implantın", "implantlar", "implantlarda"]);
    }

    #[test]
    fn fiyat_forms_share_a_stem() {
        same_stem(&["fiyat", "fiyatı", "fiyatlar", "fiyatları", "fiyatlarınız", "fiyatlarınızı"]);
    }

    #[test]
    fn klinik_softening_matches_kliniginiz() {
        same_stem(&["klinik", "kliniğiniz", "kliniğin", "kliniği", "klinigi"]);
        same_stem(&["kitap", "kitabı"]);
    }

    #[test]
    fn saat_calisma_acik_forms_share_stems() {
        same_stem(&["saat", "saatleri", "saatlerde", "saatler"]);
        same_stem(&["çalışıyor", "çalışma", "çalışmak"]);
        same_stem(&["açık", "açıkmısınız", "açıksınız", "açığız"]);
    }

    #[test]
    fn verb_forms_share_stems() {
        same_stem(&["beyazlatma", "beyazlatmak"]);
        same_stem(&["sürer", "sürüyor", "süre"]);
        same_stem(&["gelebilir", "gelmenize", "gelmek"]);
        same_stem(&["ağrı", "ağrım", "ağrılı", "ağrıyor"]);
        same_stem(&["konuşan", "konuşur", "konuşmaktadır"]);
    }

    #[test]
    fn english_suffixes_are_stripped() {
        assert_eq!(stem_en("prices"), stem_en("price"));
        assert_eq!(stem_en("opening"), "open");
        assert_eq!(stem_en("booked"), "book");
        assert_eq!(stem_en("running"), "run");
        assert_eq!(stem_en("dentists"), "dentist");
        assert_eq!(stem_en("hours"), "hour");
    }

    #[test]
    fn question_particles_and_function_words_are_dropped() {
        assert_eq!(keys("Taksit var mı?"), vec!["taksit"]);
        assert_eq!(keys("Yapıyor musunuz?"), Vec::<String>::new());
        let price = analyze("What is the price?");
        assert_eq!(price.len(), 1);
        assert_eq!(price[0].concept, Some("#price"));
    }

    #[test]
    fn meaningful_question_words_are_kept_as_concepts() {
        let t = analyze("Klinik nerede?");
        assert!(t.iter().any(|t| t.concept == Some("#location")));
        assert!(keys("Ne kadar?").contains(&"#price".to_string()));
        assert!(keys("Tedavi ne kadar sürer?").contains(&"#duration".to_string()));
        assert!(keys("How much is it?").contains(&"#price".to_string()));
    }

    #[test]
    fn buffer_consonant_ambiguity_keeps_both_readings() {
        same_stem(&["adres", "adresi", "adresiniz", "adresine"]);
        same_stem(&["tedavi", "tedavisi", "tedavileriniz"]);
        same_stem(&["telsiz", "telsizi"]);
    }

    #[test]
    fn synonyms_map_to_one_concept() {
        let c = |w: &str| analyze_as(w, Language::Tr)[0].concept;
        assert_eq!(c("ücreti"), Some("#price"));
        assert_eq!(c("fiyatları"), Some("#price"));
        assert_eq!(analyze_as("prices", Language::En)[0].concept, Some("#price"));
        assert_eq!(c("adresiniz"), Some("#location"));
        assert_eq!(c("randevumu"), Some("#appointment"));
    }

    #[test]
    fn number_words_become_digits() {
        assert_eq!(keys("yirmi yaş"), keys("20 yaş"));
    }

    #[test]
    fn prefix_feature_covers_the_first_five_letters() {
        let t = analyze_as("kanala", Language::Tr);
        assert_eq!(t[0].prefix.as_deref(), Some("kanal"));
        assert_eq!(analyze_as("kanal", Language::Tr)[0].prefix.as_deref(), Some("kanal"));
    }

    #[test]
    fn language_is_detected_from_letters_and_stop_words() {
        assert_eq!(detect_lang("What are your opening hours?"), Language::En);
        assert_eq!(detect_lang("Saat kaça kadar açıksınız?"), Language::Tr);
        assert_eq!(detect_lang("implant ne kadar zamanda biter"), Language::Tr);
    }

    #[test]
    fn emoji_and_mixed_scripts_do_not_break_tokenisation() {
        assert_eq!(words("Merhaba 😀👍 Привет 東京"), vec!["merhaba", "привет", "東京"]);
        let _ = analyze("🦷🦷🦷 ٢٠ مرحبا ΑΒΓ");
    }

    #[test]
    fn stemmer_survives_hostile_tokens() {
        let long = "lar".repeat(10_000);
        let w = words(&long);
        assert_eq!(w.len(), 1);
        let _ = stem_tr(&w[0]);
        assert_eq!(stem_tr(""), "");
    }

    #[test]
    fn practitioner_suffix_meets_the_field() {
        same_stem(&["ortodontist", "ortodonti", "ortodontiye"]);
        // A short word ending in -ist keeps it.
        assert_eq!(stem_tr("kist"), "kist");
    }

    #[test]
    fn who_asks_about_staff_and_visit_verbs_are_frames() {
        let c = |q: &str| {
            let mut v = analyze(q).iter().filter_map(|t| t.concept).collect::<Vec<_>>();
            v.dedup();
            v
        };
        assert_eq!(c("Ortodontist kim?"), vec!["#staff"]);
        assert_eq!(c("Who is the doctor?"), vec!["#staff"]);
        assert_eq!(keys("Pazar günü gelebilir miyim"), keys("Pazar günü"));
        assert_eq!(keys("Oğlumu getirebilir miyim?"), keys("Oğlumu"));
        assert_eq!(c("Oğlumu getirebilir miyim?"), vec!["#child"]);
    }

    #[test]
    fn glossary_links_english_and_turkish_words() {
        let c = |q: &str, lang: Language| analyze_as(q, lang).iter().filter_map(|t| t.concept).collect::<Vec<_>>();
        assert_eq!(c("teeth whitening", Language::En), c("diş beyazlatma", Language::Tr));
        assert_eq!(c("hair", Language::En), c("saçlarım", Language::Tr));
        assert_eq!(c("breakfast", Language::En), c("kahvaltı", Language::Tr));
    }

    #[test]
    fn where_weighs_less_than_the_topic() {
        let t = analyze("Arabamı nereye park edebilirim?");
        let loc = t.iter().find(|t| t.concept == Some("#location")).unwrap();
        let park = t.iter().find(|t| t.concept == Some("#parking")).unwrap();
        assert!(loc.weight < park.weight);
    }
}

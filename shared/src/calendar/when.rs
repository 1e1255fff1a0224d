//! Reads when a customer wants to come from free text in Turkish or English.
//!
//! [`parse`] finds the first date and the first time of day named in a message such as
//! "yarın öğleden sonra", "cumaya saat 3'te" or "next tuesday around 10". Text is
//! lowercased with Turkish rules and diacritics are folded ("çarşamba" = "carsamba"),
//! Turkish suffixes are accepted ("cumaya", "15 Aralık'ta", "ayın 3'ü") and one-letter
//! typos in keywords of five or more letters are tolerated ("yarn", "persmbe").

use jiff::ToSpan;
use jiff::civil::{Date, Time, Weekday};

/// What the parser needs to resolve relative words.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Today in the business's time zone.
    pub today: jiff::civil::Date,
    /// When the business opens and closes on a typical day (used to read a bare "3" as 15:00
    /// when 03:00 is outside hours and 15:00 is inside).
    pub opens: jiff::civil::Time,
    pub closes: jiff::civil::Time,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeOfDay {
    /// A clock time the customer named ("saat 3'te", "14:30", "akşam 6 gibi", "at 3pm").
    At(jiff::civil::Time),
    /// A part of the day ("sabah", "öğleden sonra", "akşam", "in the morning"): from..to.
    Between(jiff::civil::Time, jiff::civil::Time),
}

/// A date and/or a time of day read from a message; both `None` when nothing was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct When {
    pub date: Option<jiff::civil::Date>,
    pub time: Option<TimeOfDay>,
}

impl When {
    /// True when neither a date nor a time was found.
    pub fn is_empty(&self) -> bool {
        self.date.is_none() && self.time.is_none()
    }
}

/// Reads the first date and the first time of day named in `text` (Turkish or English).
pub fn parse(text: &str, ctx: &Context) -> When {
    let norm = normalize(text);
    let mut p = Parser { t: tokenize(&norm), ctx: *ctx, found: Vec::new(), adj: usize::MAX };
    let mut i = 0;
    while i < p.t.len() {
        let next = p.step(i);
        i = next.max(i + 1);
    }
    p.finish()
}

// ---------------------------------------------------------------------------------------
// Normalisation and tokens

/// Lowercases with Turkish rules, folds diacritics to ASCII and turns everything that is
/// not a letter, an ASCII digit or one of `:./-` into a space. Every non-ASCII byte of the
/// result belongs to a letter.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if matches!(c, ':' | '.' | '/' | '-') {
                out.push(c);
            } else {
                out.push(' ');
            }
            continue;
        }
        match fold(c) {
            Some(f) => out.push(f),
            None if ('\u{300}'..='\u{36f}').contains(&c) => {}
            None if matches!(c, '–' | '—') => out.push('-'),
            None if c.is_alphabetic() => {
                for l in c.to_lowercase() {
                    if l.is_ascii_alphabetic() || (!l.is_ascii() && l.is_alphabetic()) {
                        out.push(l);
                    }
                }
            }
            None => out.push(' '),
        }
    }
    out
}

fn fold(c: char) -> Option<char> {
    Some(match c {
        'ç' | 'Ç' | 'ć' | 'č' => 'c',
        'ğ' | 'Ğ' => 'g',
        'ı' | 'İ' | 'î' | 'Î' | 'í' | 'Í' | 'ì' | 'ï' => 'i',
        'ö' | 'Ö' | 'ó' | 'ò' | 'ô' | 'Ô' | 'õ' => 'o',
        'ş' | 'Ş' | 'ș' | 'Ș' | 'š' => 's',
        'ü' | 'Ü' | 'û' | 'Û' | 'ú' | 'ù' => 'u',
        'â' | 'Â' | 'á' | 'à' | 'ä' | 'Ä' | 'ã' | 'å' => 'a',
        'é' | 'É' | 'è' | 'ê' | 'ë' => 'e',
        'ñ' => 'n',
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    /// Up to three digit groups joined by one separator: "15", "14:30", "15.12.2026".
    Num,
    /// A free-standing '-' (ranges like "14:00 - 16:00").
    Dash,
}

#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    s: &'a str,
    kind: Kind,
    /// Digit groups, their digit counts, the group count (saturating) and the separator.
    g: [u32; 3],
    gl: [u8; 3],
    ng: u8,
    sep: u8,
    /// Keyword of a word and the suffix after its stem ("cumaya" -> cuma, "ya").
    kw: Option<Kw>,
    sfx: &'a str,
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let b = s.as_bytes();
    let is_letter = |c: u8| c.is_ascii_lowercase() || c >= 0x80;
    let blank = Tok { s: "", kind: Kind::Word, g: [0; 3], gl: [0; 3], ng: 0, sep: 0, kw: None, sfx: "" };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let st = i;
        if is_letter(c) {
            while i < b.len() && is_letter(b[i]) {
                i += 1;
            }
            let w = &s[st..i];
            let (kw, sfx) = match classify(w) {
                Some((k, l)) => (Some(k), &w[l..]),
                None => (None, ""),
            };
            out.push(Tok { s: w, kw, sfx, ..blank });
        } else if c.is_ascii_digit() {
            let mut t = Tok { kind: Kind::Num, ..blank };
            loop {
                let (mut v, mut l) = (0u32, 0u8);
                while i < b.len() && b[i].is_ascii_digit() {
                    v = v.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                    l = l.saturating_add(1);
                    i += 1;
                }
                if let Some(slot) = t.g.get_mut(usize::from(t.ng)) {
                    *slot = v;
                    t.gl[usize::from(t.ng)] = l;
                }
                t.ng = t.ng.saturating_add(1);
                let joins = i + 1 < b.len()
                    && matches!(b[i], b':' | b'.' | b'/' | b'-')
                    && b[i + 1].is_ascii_digit()
                    && (t.sep == 0 || t.sep == b[i]);
                if !joins {
                    break;
                }
                t.sep = b[i];
                i += 1;
            }
            t.s = &s[st..i];
            out.push(t);
        } else {
            if c == b'-' {
                out.push(Tok { s: "-", kind: Kind::Dash, ..blank });
            }
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Keywords

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kw {
    Today,
    Tomorrow,
    Yesterday,
    Tonight,
    /// "öbürgün", "overmorrow".
    DayAfter,
    /// "öbür" (+ "gün").
    Obur,
    /// "ertesi" (+ "gün").
    Ertesi,
    Wd(Weekday),
    Month(i8),
    /// Units that also make relative dates: gün/day, hafta/week, ay/month.
    Day,
    Week,
    MonthUnit,
    Haftaya,
    /// gelecek, önümüzdeki, next.
    Next,
    /// bu, this, coming.
    This,
    /// geçen, last, previous.
    Past,
    /// sonra, later.
    After,
    Saat,
    /// at, around, about: a clock time follows.
    At,
    /// gibi, civarı, sularında, ish: after a clock time.
    ApproxPost,
    Morning,
    Noon,
    Ogleden,
    Afternoon,
    Evening,
    /// "gece" (night, also "geçe" as in "çeyrek geçe").
    Gece,
    Night,
    Lunch,
    Mesai,
    /// "iş" as in "iş çıkışı", "işten sonra".
    Work,
    Bucuk,
    Ceyrek,
    /// Words after a number that make it a quantity: kişi, TL, dakika...
    Unit,
    Num(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cls {
    /// The word must equal the stem.
    Exact,
    /// The stem may carry a Turkish suffix from [`NOUN_SFX`].
    Noun,
    /// The stem may carry an English plural "s".
    Eng,
    /// Anything may follow the stem.
    Prefix,
}

/// (stem, keyword, allowed endings, typos tolerated)
const KEYWORDS: &[(&str, Kw, Cls, bool)] = &[
    ("bugun", Kw::Today, Cls::Noun, true),
    ("today", Kw::Today, Cls::Eng, true),
    ("yarin", Kw::Tomorrow, Cls::Noun, true),
    ("tomorrow", Kw::Tomorrow, Cls::Eng, true),
    ("tmrw", Kw::Tomorrow, Cls::Exact, false),
    ("tmr", Kw::Tomorrow, Cls::Exact, false),
    ("dun", Kw::Yesterday, Cls::Noun, false),
    ("yesterday", Kw::Yesterday, Cls::Exact, true),
    ("tonight", Kw::Tonight, Cls::Exact, true),
    ("tonite", Kw::Tonight, Cls::Exact, false),
    ("oburgun", Kw::DayAfter, Cls::Noun, true),
    ("overmorrow", Kw::DayAfter, Cls::Exact, false),
    ("obur", Kw::Obur, Cls::Noun, false),
    ("ertesi", Kw::Ertesi, Cls::Exact, true),
    ("pazartesi", Kw::Wd(Weekday::Monday), Cls::Noun, true),
    ("sali", Kw::Wd(Weekday::Tuesday), Cls::Noun, false),
    ("carsamba", Kw::Wd(Weekday::Wednesday), Cls::Noun, true),
    ("persembe", Kw::Wd(Weekday::Thursday), Cls::Noun, true),
    ("cuma", Kw::Wd(Weekday::Friday), Cls::Noun, false),
    ("cumartesi", Kw::Wd(Weekday::Saturday), Cls::Noun, true),
    ("pazar", Kw::Wd(Weekday::Sunday), Cls::Noun, true),
    ("monday", Kw::Wd(Weekday::Monday), Cls::Eng, true),
    ("tuesday", Kw::Wd(Weekday::Tuesday), Cls::Eng, true),
    ("wednesday", Kw::Wd(Weekday::Wednesday), Cls::Eng, true),
    ("thursday", Kw::Wd(Weekday::Thursday), Cls::Eng, true),
    ("friday", Kw::Wd(Weekday::Friday), Cls::Eng, true),
    ("saturday", Kw::Wd(Weekday::Saturday), Cls::Eng, true),
    ("sunday", Kw::Wd(Weekday::Sunday), Cls::Eng, true),
    ("pzt", Kw::Wd(Weekday::Monday), Cls::Exact, false),
    ("pts", Kw::Wd(Weekday::Monday), Cls::Exact, false),
    ("cars", Kw::Wd(Weekday::Wednesday), Cls::Exact, false),
    ("crs", Kw::Wd(Weekday::Wednesday), Cls::Exact, false),
    ("pers", Kw::Wd(Weekday::Thursday), Cls::Exact, false),
    ("prs", Kw::Wd(Weekday::Thursday), Cls::Exact, false),
    ("cmt", Kw::Wd(Weekday::Saturday), Cls::Exact, false),
    ("cts", Kw::Wd(Weekday::Saturday), Cls::Exact, false),
    ("paz", Kw::Wd(Weekday::Sunday), Cls::Exact, false),
    ("mon", Kw::Wd(Weekday::Monday), Cls::Exact, false),
    ("tue", Kw::Wd(Weekday::Tuesday), Cls::Exact, false),
    ("tues", Kw::Wd(Weekday::Tuesday), Cls::Exact, false),
    ("wed", Kw::Wd(Weekday::Wednesday), Cls::Exact, false),
    ("thu", Kw::Wd(Weekday::Thursday), Cls::Exact, false),
    ("thur", Kw::Wd(Weekday::Thursday), Cls::Exact, false),
    ("thurs", Kw::Wd(Weekday::Thursday), Cls::Exact, false),
    ("fri", Kw::Wd(Weekday::Friday), Cls::Exact, false),
    ("sat", Kw::Wd(Weekday::Saturday), Cls::Exact, false),
    ("sun", Kw::Wd(Weekday::Sunday), Cls::Exact, false),
    ("ocak", Kw::Month(1), Cls::Noun, false),
    ("ocag", Kw::Month(1), Cls::Noun, false),
    ("subat", Kw::Month(2), Cls::Noun, true),
    ("mart", Kw::Month(3), Cls::Noun, false),
    ("nisan", Kw::Month(4), Cls::Noun, true),
    ("mayis", Kw::Month(5), Cls::Noun, true),
    ("haziran", Kw::Month(6), Cls::Noun, true),
    ("temmuz", Kw::Month(7), Cls::Noun, true),
    ("agustos", Kw::Month(8), Cls::Noun, true),
    ("eylul", Kw::Month(9), Cls::Noun, true),
    ("ekim", Kw::Month(10), Cls::Noun, false),
    ("kasim", Kw::Month(11), Cls::Noun, true),
    ("aralik", Kw::Month(12), Cls::Noun, true),
    ("aralig", Kw::Month(12), Cls::Noun, false),
    ("january", Kw::Month(1), Cls::Exact, true),
    ("february", Kw::Month(2), Cls::Exact, true),
    ("march", Kw::Month(3), Cls::Exact, true),
    ("april", Kw::Month(4), Cls::Exact, true),
    ("may", Kw::Month(5), Cls::Exact, false),
    ("june", Kw::Month(6), Cls::Exact, false),
    ("july", Kw::Month(7), Cls::Exact, false),
    ("august", Kw::Month(8), Cls::Exact, true),
    ("september", Kw::Month(9), Cls::Exact, true),
    ("october", Kw::Month(10), Cls::Exact, true),
    ("november", Kw::Month(11), Cls::Exact, true),
    ("december", Kw::Month(12), Cls::Exact, true),
    ("jan", Kw::Month(1), Cls::Exact, false),
    ("feb", Kw::Month(2), Cls::Exact, false),
    ("mar", Kw::Month(3), Cls::Exact, false),
    ("apr", Kw::Month(4), Cls::Exact, false),
    ("jun", Kw::Month(6), Cls::Exact, false),
    ("jul", Kw::Month(7), Cls::Exact, false),
    ("aug", Kw::Month(8), Cls::Exact, false),
    ("sep", Kw::Month(9), Cls::Exact, false),
    ("sept", Kw::Month(9), Cls::Exact, false),
    ("oct", Kw::Month(10), Cls::Exact, false),
    ("nov", Kw::Month(11), Cls::Exact, false),
    ("dec", Kw::Month(12), Cls::Exact, false),
    ("gun", Kw::Day, Cls::Noun, false),
    ("day", Kw::Day, Cls::Eng, false),
    ("hafta", Kw::Week, Cls::Noun, true),
    ("week", Kw::Week, Cls::Eng, false),
    ("ay", Kw::MonthUnit, Cls::Noun, false),
    ("month", Kw::MonthUnit, Cls::Eng, false),
    ("haftaya", Kw::Haftaya, Cls::Exact, true),
    ("gelecek", Kw::Next, Cls::Exact, true),
    ("onumuzdeki", Kw::Next, Cls::Exact, true),
    ("next", Kw::Next, Cls::Exact, false),
    ("bu", Kw::This, Cls::Exact, false),
    ("this", Kw::This, Cls::Exact, false),
    ("coming", Kw::This, Cls::Exact, false),
    ("gecen", Kw::Past, Cls::Exact, false),
    ("last", Kw::Past, Cls::Exact, false),
    ("previous", Kw::Past, Cls::Exact, false),
    ("sonra", Kw::After, Cls::Noun, true),
    ("later", Kw::After, Cls::Exact, false),
    ("saat", Kw::Saat, Cls::Exact, false),
    ("at", Kw::At, Cls::Exact, false),
    ("around", Kw::At, Cls::Exact, false),
    ("about", Kw::At, Cls::Exact, false),
    ("approximately", Kw::At, Cls::Exact, false),
    ("approx", Kw::At, Cls::Exact, false),
    ("yaklasik", Kw::At, Cls::Exact, true),
    ("tahminen", Kw::At, Cls::Exact, false),
    ("by", Kw::At, Cls::Exact, false),
    ("gibi", Kw::ApproxPost, Cls::Noun, false),
    ("civar", Kw::ApproxPost, Cls::Prefix, false),
    ("sular", Kw::ApproxPost, Cls::Prefix, false),
    ("radde", Kw::ApproxPost, Cls::Prefix, false),
    ("falan", Kw::ApproxPost, Cls::Exact, false),
    ("filan", Kw::ApproxPost, Cls::Exact, false),
    ("ish", Kw::ApproxPost, Cls::Exact, false),
    ("sabah", Kw::Morning, Cls::Noun, true),
    ("morning", Kw::Morning, Cls::Eng, true),
    ("ogle", Kw::Noon, Cls::Noun, false),
    ("oglen", Kw::Noon, Cls::Noun, true),
    ("noon", Kw::Noon, Cls::Exact, false),
    ("midday", Kw::Noon, Cls::Exact, false),
    ("ogleden", Kw::Ogleden, Cls::Exact, true),
    ("oglenden", Kw::Ogleden, Cls::Exact, true),
    ("afternoon", Kw::Afternoon, Cls::Eng, true),
    ("aksam", Kw::Evening, Cls::Noun, true),
    ("aksamustu", Kw::Evening, Cls::Noun, true),
    ("aksamuzeri", Kw::Evening, Cls::Noun, true),
    ("evening", Kw::Evening, Cls::Eng, true),
    ("gece", Kw::Gece, Cls::Noun, false),
    ("night", Kw::Night, Cls::Eng, false),
    ("lunch", Kw::Lunch, Cls::Exact, false),
    ("lunchtime", Kw::Lunch, Cls::Exact, false),
    ("mesai", Kw::Mesai, Cls::Noun, false),
    ("is", Kw::Work, Cls::Noun, false),
    ("bucuk", Kw::Bucuk, Cls::Noun, true),
    ("ceyrek", Kw::Ceyrek, Cls::Exact, true),
    ("kisi", Kw::Unit, Cls::Prefix, false),
    ("tane", Kw::Unit, Cls::Prefix, false),
    ("adet", Kw::Unit, Cls::Prefix, false),
    ("dakika", Kw::Unit, Cls::Prefix, false),
    ("saniye", Kw::Unit, Cls::Prefix, false),
    ("saatlik", Kw::Unit, Cls::Prefix, false),
    ("lira", Kw::Unit, Cls::Prefix, false),
    ("kurus", Kw::Unit, Cls::Prefix, false),
    ("euro", Kw::Unit, Cls::Prefix, false),
    ("dolar", Kw::Unit, Cls::Prefix, false),
    ("dollar", Kw::Unit, Cls::Prefix, false),
    ("bin", Kw::Unit, Cls::Prefix, false),
    ("milyon", Kw::Unit, Cls::Prefix, false),
    ("kez", Kw::Unit, Cls::Prefix, false),
    ("kere", Kw::Unit, Cls::Prefix, false),
    ("defa", Kw::Unit, Cls::Prefix, false),
    ("seans", Kw::Unit, Cls::Prefix, false),
    ("cocuk", Kw::Unit, Cls::Prefix, false),
    ("sac", Kw::Unit, Cls::Prefix, false),
    ("kas", Kw::Unit, Cls::Prefix, false),
    ("asi", Kw::Unit, Cls::Prefix, false),
    ("dolgu", Kw::Unit, Cls::Prefix, false),
    ("implant", Kw::Unit, Cls::Prefix, false),
    ("kanal", Kw::Unit, Cls::Prefix, false),
    ("manikur", Kw::Unit, Cls::Prefix, false),
    ("pedikur", Kw::Unit, Cls::Prefix, false),
    ("tirnak", Kw::Unit, Cls::Prefix, false),
    ("kesim", Kw::Unit, Cls::Prefix, false),
    ("boya", Kw::Unit, Cls::Prefix, false),
    ("agda", Kw::Unit, Cls::Prefix, false),
    ("masaj", Kw::Unit, Cls::Prefix, false),
    ("hayvan", Kw::Unit, Cls::Prefix, false),
    ("urun", Kw::Unit, Cls::Prefix, false),
    ("kopek", Kw::Unit, Cls::Prefix, false),
    ("kedi", Kw::Unit, Cls::Prefix, false),
    ("dis", Kw::Unit, Cls::Prefix, false),
    ("yas", Kw::Unit, Cls::Prefix, false),
    ("yil", Kw::Unit, Cls::Prefix, false),
    ("sene", Kw::Unit, Cls::Prefix, false),
    ("kilo", Kw::Unit, Cls::Prefix, false),
    ("gram", Kw::Unit, Cls::Prefix, false),
    ("metre", Kw::Unit, Cls::Prefix, false),
    ("numara", Kw::Unit, Cls::Prefix, false),
    ("paket", Kw::Unit, Cls::Prefix, false),
    ("kutu", Kw::Unit, Cls::Prefix, false),
    ("kat", Kw::Unit, Cls::Prefix, false),
    ("yuzde", Kw::Unit, Cls::Exact, false),
    ("people", Kw::Unit, Cls::Prefix, false),
    ("person", Kw::Unit, Cls::Prefix, false),
    ("minute", Kw::Unit, Cls::Prefix, false),
    ("hour", Kw::Unit, Cls::Prefix, false),
    ("year", Kw::Unit, Cls::Prefix, false),
    ("percent", Kw::Unit, Cls::Prefix, false),
    ("session", Kw::Unit, Cls::Prefix, false),
    ("child", Kw::Unit, Cls::Prefix, false),
    ("kid", Kw::Unit, Cls::Prefix, false),
    ("dog", Kw::Unit, Cls::Prefix, false),
    ("cat", Kw::Unit, Cls::Prefix, false),
    ("pax", Kw::Unit, Cls::Exact, false),
    ("times", Kw::Unit, Cls::Exact, false),
    ("tooth", Kw::Unit, Cls::Exact, false),
    ("teeth", Kw::Unit, Cls::Exact, false),
    ("min", Kw::Unit, Cls::Exact, false),
    ("mins", Kw::Unit, Cls::Exact, false),
    ("hr", Kw::Unit, Cls::Exact, false),
    ("hrs", Kw::Unit, Cls::Exact, false),
    ("tl", Kw::Unit, Cls::Exact, false),
    ("try", Kw::Unit, Cls::Exact, false),
    ("usd", Kw::Unit, Cls::Exact, false),
    ("eur", Kw::Unit, Cls::Exact, false),
    ("dk", Kw::Unit, Cls::Exact, false),
    ("sn", Kw::Unit, Cls::Exact, false),
    ("kg", Kw::Unit, Cls::Exact, false),
    ("gr", Kw::Unit, Cls::Exact, false),
    ("ml", Kw::Unit, Cls::Exact, false),
    ("mg", Kw::Unit, Cls::Exact, false),
    ("cm", Kw::Unit, Cls::Exact, false),
    ("no", Kw::Unit, Cls::Exact, false),
    ("nolu", Kw::Unit, Cls::Exact, false),
    ("bir", Kw::Num(1), Cls::Noun, false),
    ("iki", Kw::Num(2), Cls::Noun, false),
    ("uc", Kw::Num(3), Cls::Noun, false),
    ("dort", Kw::Num(4), Cls::Noun, false),
    ("dord", Kw::Num(4), Cls::Noun, false),
    ("bes", Kw::Num(5), Cls::Noun, false),
    ("alti", Kw::Num(6), Cls::Noun, false),
    ("yedi", Kw::Num(7), Cls::Noun, false),
    ("sekiz", Kw::Num(8), Cls::Noun, false),
    ("dokuz", Kw::Num(9), Cls::Noun, false),
    ("on", Kw::Num(10), Cls::Noun, false),
    ("onbir", Kw::Num(11), Cls::Noun, false),
    ("oniki", Kw::Num(12), Cls::Noun, false),
    ("yirmi", Kw::Num(20), Cls::Noun, false),
    ("one", Kw::Num(1), Cls::Exact, false),
    ("two", Kw::Num(2), Cls::Exact, false),
    ("three", Kw::Num(3), Cls::Exact, false),
    ("four", Kw::Num(4), Cls::Exact, false),
    ("five", Kw::Num(5), Cls::Exact, false),
    ("six", Kw::Num(6), Cls::Exact, false),
    ("seven", Kw::Num(7), Cls::Exact, false),
    ("eight", Kw::Num(8), Cls::Exact, false),
    ("nine", Kw::Num(9), Cls::Exact, false),
    ("ten", Kw::Num(10), Cls::Exact, false),
    ("eleven", Kw::Num(11), Cls::Exact, false),
    ("twelve", Kw::Num(12), Cls::Exact, false),
];

/// Turkish case, possessive and plural endings accepted after a [`Cls::Noun`] stem.
const NOUN_SFX: &[&str] = &[
    "", "a", "e", "ya", "ye", "da", "de", "ta", "te", "dan", "den", "tan", "ten", "i", "u", "yi", "yu", "si", "su",
    "in", "un", "nin", "nun", "ki", "ku", "daki", "deki", "taki", "teki", "leyin", "lari", "leri", "lar", "ler",
    "larda", "lerde", "larinda", "lerinde", "sina", "sine", "suna", "sune", "sinda", "sinde", "sunda", "sunde", "ina",
    "ine", "una", "une", "inda", "inde", "unda", "unde", "dir", "dur", "tir", "tur", "ydi", "yken",
];

/// Common words one edit away from a keyword; they never count as typos.
const NOT_TYPOS: &[&str] = &[
    "yari", "yarim", "yanin", "yazin", "karin", "sarin", "narin", "yaris", "yasin", "yapin", "yakin", "yatin", "aksan",
    "aksak", "aksa", "saba", "bugu", "gelecem", "gelecez", "gelecen", "gelicek", "sona", "sora", "sonar", "hata",
    "afta", "azar", "kasi", "olen", "seyrek", "todays",
];

/// Finds the keyword of a word: an exact stem with an allowed ending (the longest stem
/// wins), else a unique keyword one edit away. Returns the keyword and the stem's length
/// inside `w` (the rest is the suffix).
fn classify(w: &str) -> Option<(Kw, usize)> {
    // Every keyword is ASCII; a word that starts otherwise matches none.
    let first = *w.as_bytes().first()?;
    if !first.is_ascii_lowercase() {
        return None;
    }
    let mut best: Option<(Kw, usize)> = None;
    for &(stem, kw, cls, _) in KEYWORDS {
        if stem.as_bytes()[0] != first {
            continue;
        }
        let Some(rest) = w.strip_prefix(stem) else {
            continue;
        };
        let ok = match cls {
            Cls::Exact => rest.is_empty(),
            Cls::Noun => NOUN_SFX.contains(&rest),
            Cls::Eng => rest.is_empty() || rest == "s",
            Cls::Prefix => true,
        };
        if ok && best.is_none_or(|(_, l)| stem.len() > l) {
            best = Some((kw, stem.len()));
        }
    }
    if best.is_some() || w.len() < 4 || !w.is_ascii() || NOT_TYPOS.contains(&w) {
        return best;
    }
    let mut found: Option<(Kw, usize)> = None;
    let mut clash = false;
    let mut try_stems = |r: &str, noun_only: bool, eng_only: bool| {
        for &(stem, kw, cls, typo) in KEYWORDS {
            if !typo
                || r.len().abs_diff(stem.len()) > 1
                || (noun_only && cls != Cls::Noun)
                || (eng_only && cls != Cls::Eng)
            {
                continue;
            }
            // Five-letter stems allow no substitution: too many real words are one letter off.
            if near(r, stem, stem.len() >= 6) {
                match found {
                    Some((k, _)) if k != kw => clash = true,
                    Some(_) => {}
                    None => found = Some((kw, r.len())),
                }
            }
        }
    };
    try_stems(w, false, false);
    for x in &NOUN_SFX[1..] {
        if let Some(r) = w.strip_suffix(x)
            && r.len() >= 4
            && !NOT_TYPOS.contains(&r)
        {
            try_stems(r, true, false);
        }
    }
    if let Some(r) = w.strip_suffix('s')
        && r.len() >= 4
    {
        try_stems(r, false, true);
    }
    if clash { None } else { found }
}

/// True when `a` and `b` differ by at most one insertion, deletion, adjacent swap or
/// (if `sub`) substitution.
fn near(a: &str, b: &str, sub: bool) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let p = short.iter().zip(long).position(|(x, y)| x != y).unwrap_or(short.len());
    if short.len() == long.len() {
        (sub && short[p + 1..] == long[p + 1..])
            || (p + 1 < short.len()
                && short[p] == long[p + 1]
                && short[p + 1] == long[p]
                && short[p + 2..] == long[p + 2..])
    } else {
        short.len() + 1 == long.len() && short[p..] == long[p + 1..]
    }
}

/// What an ending after a number (separate token) or a number word says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sfx {
    None,
    /// 3'te, 14:30'da: at that time.
    Loc,
    /// 3'e: to that time.
    Dat,
    /// 3'ü (çeyrek geçe), ayın 3'ü.
    Acc,
    Gen,
    /// 3'ten (sonra): from that time.
    Abl,
    /// 15'inde, 3'üne: on that day of the month.
    DayLoc,
    /// 3rd, 15th, 3'üncü.
    Ord,
    /// 2'li, 3'lük: a quantity.
    Qty,
    Other,
}

fn sfx_kind(s: &str) -> Option<Sfx> {
    Some(match s {
        "" => Sfx::None,
        "te" | "ta" | "de" | "da" | "teki" | "taki" | "deki" | "daki" => Sfx::Loc,
        "e" | "a" | "ye" | "ya" => Sfx::Dat,
        "i" | "u" | "yi" | "yu" | "si" | "su" => Sfx::Acc,
        "in" | "un" | "nin" | "nun" => Sfx::Gen,
        "ten" | "tan" | "den" | "dan" => Sfx::Abl,
        "inde" | "unde" | "inda" | "unda" | "sinde" | "sunde" | "sinda" | "sunda" | "ine" | "une" | "ina" | "una"
        | "sine" | "sune" | "sina" | "suna" => Sfx::DayLoc,
        "inci" | "unci" | "nci" | "ncu" | "uncu" | "ci" | "cu" | "st" | "nd" | "rd" | "th" => Sfx::Ord,
        "li" | "lu" | "lik" | "luk" => Sfx::Qty,
        _ => return None,
    })
}

/// Words that may stand between a part of the day and a clock time that refines it.
const FILLERS: &[&str] = &[
    "in", "the", "at", "this", "of", "on", "de", "da", "ya", "ki", "tam", "mesela", "yani", "erken", "early", "late",
    "gec", "gibi", "ish", "saat",
];

// ---------------------------------------------------------------------------------------
// Parser

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Morning,
    /// "öğlen", "noon" on their own: 12:00.
    NoonPoint,
    /// "öğle arası", "lunch": 12:00-14:00.
    NoonSpan,
    Afternoon,
    Evening,
    AfterWork,
    /// Only refines a clock time ("gece 9" = 21:00).
    Night,
}

const fn hm(h: i8, m: i8) -> Time {
    jiff::civil::time(h, m, 0, 0)
}

impl Part {
    fn span(self) -> Option<TimeOfDay> {
        let b = |a, b| Some(TimeOfDay::Between(hm(a, 0), hm(b, 0)));
        match self {
            Part::Morning => b(9, 12),
            Part::NoonPoint => Some(TimeOfDay::At(hm(12, 0))),
            Part::NoonSpan => b(12, 14),
            Part::Afternoon => b(13, 18),
            Part::Evening | Part::AfterWork => b(17, 21),
            Part::Night => None,
        }
    }

    /// Reads an hour 1..=12 said within this part of the day.
    fn shift(self, h: u8) -> u8 {
        match self {
            Part::Morning => h,
            Part::NoonPoint | Part::NoonSpan => {
                if h <= 6 {
                    h + 12
                } else {
                    h
                }
            }
            Part::Afternoon | Part::Evening | Part::AfterWork => {
                if h < 12 {
                    h + 12
                } else if self == Part::Afternoon {
                    12
                } else {
                    0
                }
            }
            Part::Night => match h {
                6..=11 => h + 12,
                12 => 0,
                _ => h,
            },
        }
    }
}

/// A clock time as written, before am/pm and business hours are applied.
#[derive(Debug, Clone, Copy)]
struct Clock {
    h: u8,
    m: u8,
    /// Already a 24-hour time: "09:00", "15", "0:30".
    fixed: bool,
    pm: Option<bool>,
    /// Something says this is a time: minutes, am/pm, "buçuk", "gibi", "'te"...
    marked: bool,
    /// Written as a word ("üçte").
    word: bool,
    loc: bool,
    sfx: Sfx,
}

enum Read {
    Clock(Clock, usize),
    /// A quantity ("2 kişi", "3 saat"); skip to the index.
    Unit(usize),
    No,
}

#[derive(Debug, Clone, Copy)]
enum Cand {
    Date(Date),
    Clock(Clock),
    Range(Clock, Clock),
    Part(Part),
}

#[derive(Debug, Clone, Copy)]
struct Found {
    s: usize,
    e: usize,
    c: Cand,
}

struct Parser<'a> {
    t: Vec<Tok<'a>>,
    ctx: Context,
    found: Vec<Found>,
    /// End of the last date or part of day found: a bare number right there is a time.
    adj: usize,
}

fn ymd(y: i32, m: i32, d: i32) -> Option<Date> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Date::new(y as i16, m as i8, d as i8).ok()
}

impl Parser<'_> {
    fn text(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.s)
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.text(i) == s
    }

    fn kw(&self, i: usize) -> Option<Kw> {
        self.t.get(i).and_then(|t| t.kw)
    }

    fn is_unit(&self, i: usize) -> bool {
        matches!(self.kw(i), Some(Kw::Unit | Kw::Saat | Kw::Day | Kw::Week | Kw::MonthUnit))
    }

    fn has_date(&self) -> bool {
        self.found.iter().any(|f| matches!(f.c, Cand::Date(_)))
    }

    fn push(&mut self, s: usize, e: usize, c: Cand) {
        self.found.push(Found { s, e, c });
    }

    fn date(&mut self, s: usize, e: usize, d: Option<Date>) -> usize {
        if let Some(d) = d {
            self.push(s, e, Cand::Date(d));
            self.adj = e;
        }
        e
    }

    fn part(&mut self, s: usize, e: usize, p: Part) -> usize {
        // "iyi akşamlar", "good morning" are greetings.
        if !matches!(self.text(s.wrapping_sub(1)), "iyi" | "good" | "hayirli") {
            self.push(s, e, Cand::Part(p));
            self.adj = e;
        }
        e
    }

    // --- dates

    fn days(&self, n: i64) -> Option<Date> {
        self.ctx.today.checked_add(n.days()).ok()
    }

    /// The next `w`, today included.
    fn upcoming(&self, w: Weekday) -> Option<Date> {
        self.days(i64::from(self.ctx.today.weekday().until(w)))
    }

    /// `w` in next week (weeks start on Monday).
    fn next_week(&self, w: Weekday) -> Option<Date> {
        let to_monday = 7 - i64::from(self.ctx.today.weekday().to_monday_zero_offset());
        self.days(to_monday + i64::from(w.to_monday_zero_offset()))
    }

    /// Day and month without a year: this year, or next year if already past.
    fn month_day(&self, m: u32, d: u32) -> Option<Date> {
        let t = self.ctx.today;
        match ymd(i32::from(t.year()), m as i32, d as i32) {
            Some(x) if x >= t => Some(x),
            _ => ymd(i32::from(t.year()) + 1, m as i32, d as i32),
        }
    }

    /// Day `d` of this month, or of next month if passed (or `next` is set).
    fn day_of_month(&self, d: u32, next: bool) -> Option<Date> {
        let t = self.ctx.today;
        let (y, m) = (i32::from(t.year()), i32::from(t.month()));
        if !next && let Some(x) = ymd(y, m, d as i32).filter(|x| *x >= t) {
            return Some(x);
        }
        let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        ymd(y, m, d as i32)
    }

    fn add(&self, n: i64, unit: Kw) -> Option<Date> {
        match unit {
            Kw::Day if n <= 3660 => self.days(n),
            Kw::Week if n <= 520 => self.days(7 * n),
            Kw::MonthUnit if n <= 120 => self.ctx.today.checked_add(n.months()).ok(),
            _ => None,
        }
    }

    /// A suffix token after a number ("3'te" -> "te"); am/pm are not suffixes.
    fn num_sfx(&self, i: usize) -> (Sfx, usize) {
        match self.t.get(i) {
            Some(t) if t.kind == Kind::Word && self.ampm(i).is_none() => match sfx_kind(t.s) {
                Some(s) => (s, i + 1),
                None => (Sfx::None, i),
            },
            _ => (Sfx::None, i),
        }
    }

    /// A day of the month: 1..=31 with an optional ending.
    fn day_num(&self, i: usize) -> Option<(u32, usize, Sfx)> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Num || t.ng != 1 || t.gl[0] > 2 || !(1..=31).contains(&t.g[0]) {
            return None;
        }
        let (s, e) = self.num_sfx(i + 1);
        (s != Sfx::Qty).then_some((t.g[0], e, s))
    }

    /// A four-digit year right after a date.
    fn year(&self, i: usize) -> (Option<u32>, usize) {
        match self.t.get(i) {
            Some(t) if t.kind == Kind::Num && t.ng == 1 && t.gl[0] == 4 => {
                let y = t.g[0];
                if (1900..=2200).contains(&y) { (Some(y), self.num_sfx(i + 1).1) } else { (None, i) }
            }
            _ => (None, i),
        }
    }

    fn dated(&self, y: Option<u32>, m: u32, d: u32) -> Option<Date> {
        match y {
            Some(y) => ymd(y as i32, m as i32, d as i32),
            None => self.month_day(m, d),
        }
    }

    /// A count before a unit: "3", "üç", "on bir", "a".
    fn count(&self, i: usize) -> Option<(i64, usize)> {
        let t = self.t.get(i)?;
        match t.kind {
            Kind::Num if t.ng == 1 && t.gl[0] <= 4 => Some((i64::from(t.g[0]), i + 1)),
            Kind::Word if matches!(t.s, "a" | "an") => Some((1, i + 1)),
            Kind::Word => self.num_word(i).filter(|x| x.2 == Sfx::None).map(|(v, e, _)| (i64::from(v), e)),
            _ => None,
        }
    }

    /// "3 gün sonra", "bir hafta sonra", "3 days later". A count and unit without "sonra"
    /// is a quantity: consumed, no date.
    fn relative(&mut self, i: usize) -> Option<usize> {
        let (n, j) = self.count(i)?;
        let unit = self.kw(j).filter(|k| matches!(k, Kw::Day | Kw::Week | Kw::MonthUnit))?;
        let k = j + 1;
        if self.kw(k) == Some(Kw::After) {
            return Some(self.date(i, k + 1, self.add(n, unit)));
        }
        if self.is(k, "from") && matches!(self.text(k + 1), "now" | "today") {
            return Some(self.date(i, k + 2, self.add(n, unit)));
        }
        Some(k)
    }

    /// "in 3 days", "after a week".
    fn in_relative(&mut self, i: usize) -> Option<usize> {
        let (n, j) = self.count(i + 1)?;
        let unit = self.kw(j).filter(|k| matches!(k, Kw::Day | Kw::Week | Kw::MonthUnit))?;
        Some(self.date(i, j + 1, self.add(n, unit)))
    }

    /// Skips "günü" after a weekday.
    fn skip_day(&self, j: usize) -> usize {
        if self.kw(j) == Some(Kw::Day) { j + 1 } else { j }
    }

    fn weekday(&mut self, i: usize, w: Weekday) -> usize {
        // "pazar ertesi" = Monday, "cuma ertesi" = Saturday.
        let (w, mut j) = if self.kw(i + 1) == Some(Kw::Ertesi) { (w.next(), i + 2) } else { (w, self.skip_day(i + 1)) };
        // "pazartesi, 11 mayıs", "Friday the 15th": the explicit date wins.
        let k = if self.is(j, "the") { j + 1 } else { j };
        let before = self.found.len();
        let e = match self.kw(k) {
            Some(Kw::Month(m)) => self.month_first(k, m),
            _ if self.t.get(k).is_some_and(|t| t.kind == Kind::Num) => match self.day_first(k) {
                Some(e) => e,
                None => match self.day_num(k) {
                    Some((d, e, s)) if s == Sfx::Ord && k > j => self.date(i, e, self.day_of_month(d, false)),
                    _ => k,
                },
            },
            _ => k,
        };
        if self.found.len() > before {
            return e;
        }
        let next = if self.kw(j) == Some(Kw::Haftaya) {
            j += 1;
            true
        } else if self.kw(j) == Some(Kw::Next) && self.kw(j + 1) == Some(Kw::Week) {
            j += 2;
            true
        } else {
            false
        };
        let d = if next { self.next_week(w) } else { self.upcoming(w) };
        self.date(i, j, d)
    }

    /// "gelecek hafta (salı)", "önümüzdeki salı", "next tuesday", "gelecek ayın 5'i".
    fn next_mod(&mut self, i: usize) -> usize {
        let j = i + 1;
        match self.kw(j) {
            Some(Kw::Week) => {
                let mut k = j + 1;
                if self.is(k, "on") {
                    k += 1;
                }
                match self.kw(k) {
                    Some(Kw::Wd(w)) => {
                        let e = self.skip_day(k + 1);
                        self.date(i, e, self.next_week(w))
                    }
                    _ => self.date(i, j + 1, self.next_week(Weekday::Monday)),
                }
            }
            Some(Kw::Wd(w)) => {
                let e = self.skip_day(j + 1);
                self.date(i, e, self.next_week(w))
            }
            Some(Kw::MonthUnit) if self.genitive(j) => self.dom_at(i, j + 1, true),
            _ => i + 1,
        }
    }

    /// "bu cuma", "this friday", "bu akşam", "this morning".
    fn this_mod(&mut self, i: usize) -> usize {
        let j = i + 1;
        match self.kw(j) {
            Some(Kw::Wd(w)) => {
                let e = self.skip_day(j + 1);
                self.date(i, e, self.upcoming(w))
            }
            Some(Kw::Week) => match self.kw(j + 1) {
                Some(Kw::Wd(w)) => {
                    let e = self.skip_day(j + 2);
                    self.date(i, e, self.upcoming(w))
                }
                _ => j + 1,
            },
            Some(Kw::Day) => self.date(i, j + 1, self.days(0)),
            Some(
                Kw::Morning | Kw::Noon | Kw::Ogleden | Kw::Afternoon | Kw::Evening | Kw::Lunch | Kw::Gece | Kw::Night,
            ) => self.date(i, j, self.days(0)),
            _ => i + 1,
        }
    }

    fn haftaya(&mut self, i: usize) -> usize {
        let j = i + 1;
        match self.kw(j) {
            Some(Kw::Wd(w)) => {
                let e = self.skip_day(j + 1);
                self.date(i, e, self.next_week(w))
            }
            Some(Kw::Today) => self.date(i, j + 1, self.days(7)),
            Some(Kw::Tomorrow) => self.date(i, j + 1, self.days(8)),
            _ => self.date(i, j, self.next_week(Weekday::Monday)),
        }
    }

    fn genitive(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| matches!(t.sfx, "in" | "un" | "nin" | "nun"))
    }

    /// Day of the month at `j` ("ayın 3'ü"); `s` is where the phrase started.
    fn dom_at(&mut self, s: usize, j: usize, next: bool) -> usize {
        match self.day_num(j) {
            Some((d, e, _)) => self.date(s, e, self.day_of_month(d, next)),
            None => j,
        }
    }

    /// Month word first: "Aralık 15", "December 15th, 2026", "mayısın 5'i".
    fn month_first(&mut self, i: usize, m: i8) -> usize {
        let mut j = i + 1;
        if self.is(j, "the") {
            j += 1;
        }
        let Some((d, e, s)) = self.day_num(j) else {
            return i + 1;
        };
        // "Aralık 15", "mayısın 5'i", "kasımda 5'inde"; not "kasımda 5 kişi".
        let bare = self.t[i].sfx.is_empty() || self.genitive(i);
        if !bare && !matches!(s, Sfx::DayLoc | Sfx::Acc) {
            return i + 1;
        }
        if self.ampm(e).is_some() || self.is_unit(e) {
            return i + 1;
        }
        let (y, e) = self.year(e);
        self.date(i, e, self.dated(y, m as u32, d))
    }

    /// Day first: "15 Aralık", "15 aralık'ta", "15th of December 2026".
    fn day_first(&mut self, i: usize) -> Option<usize> {
        let (d, e, _) = self.day_num(i)?;
        let j = if self.is(e, "of") { e + 1 } else { e };
        let Some(Kw::Month(m)) = self.kw(j) else {
            return None;
        };
        let mut k = j + 1;
        if self.t[j].sfx.is_empty() && self.t.get(k).is_some_and(|t| t.kind == Kind::Word) {
            let (s, e) = self.num_sfx(k);
            if s != Sfx::None {
                k = e;
            }
        }
        let (y, k) = self.year(k);
        Some(self.date(i, k, self.dated(y, m as u32, d)))
    }

    // --- numbers

    fn at_num(&mut self, i: usize) -> usize {
        let t = self.t[i];
        if t.ng == 1
            && let Some(e) = self.relative(i)
        {
            return e;
        }
        match (t.ng, t.sep) {
            (1, _) => {
                if let Some(e) = self.day_first(i) {
                    return e;
                }
                if let Some((d, e, s)) = self.day_num(i) {
                    let the = matches!(self.text(i.wrapping_sub(1)), "the" | "on");
                    if (s == Sfx::Ord && the) || s == Sfx::DayLoc {
                        return self.date(i, e, self.day_of_month(d, false));
                    }
                }
                self.clock_here(i, i, false, false)
            }
            (2 | 3, b':') | (2, b'-') => self.clock_here(i, i, false, false),
            (2, b'.') => self.dotted(i),
            (2, b'/') => {
                let (a, b) = (t.g[0], t.g[1]);
                let e = self.num_sfx(i + 1).1;
                if t.gl[0] > 2 || t.gl[1] > 2 {
                    return e;
                }
                let d = if b > 12 && a <= 12 { self.month_day(a, b) } else { self.month_day(b, a) };
                self.date(i, e, d)
            }
            (3, _) => {
                let [a, b, c] = t.g;
                let e = self.num_sfx(i + 1).1;
                let d = if t.gl[0] == 4 {
                    ymd(a as i32, b as i32, c as i32)
                } else if t.gl[0] <= 2 && t.gl[1] <= 2 && matches!(t.gl[2], 2 | 4) {
                    let y = if t.gl[2] == 2 { c + 2000 } else { c };
                    ymd(y as i32, b as i32, a as i32)
                        .or_else(|| (t.sep == b'/' && b > 12).then(|| ymd(y as i32, a as i32, b as i32))?)
                } else {
                    None
                };
                self.date(i, e, d)
            }
            _ => i + 1,
        }
    }

    /// "15.12" is a date, "14.30" a time; "10.10" is a time only next to a date, a part of
    /// the day, am/pm or "gibi".
    fn dotted(&mut self, i: usize) -> usize {
        let t = self.t[i];
        let (a, b) = (t.g[0], t.g[1]);
        let time_ok = t.gl[0] <= 2 && t.gl[1] == 2 && a <= 23 && b <= 59;
        let date_ok = t.gl[0] <= 2
            && t.gl[1] <= 2
            && (t.gl[0] == 2 || t.gl[1] == 2)
            && (1..=31).contains(&a)
            && (1..=12).contains(&b);
        let timey =
            i == self.adj || self.has_date() || self.ampm(i + 1).is_some() || self.kw(i + 1) == Some(Kw::ApproxPost);
        if time_ok && (!date_ok || timey) {
            return self.clock_here(i, i, false, true);
        }
        if !date_ok {
            return i + 1;
        }
        let e = self.num_sfx(i + 1).1;
        if self.kw(e) == Some(Kw::Unit) {
            return e + 1;
        }
        self.date(i, e, self.month_day(b, a))
    }

    fn ampm(&self, j: usize) -> Option<(bool, usize)> {
        match self.text(j) {
            "am" => Some((false, j + 1)),
            "pm" => Some((true, j + 1)),
            "a" | "p" if self.is(j + 1, "m") => Some((self.is(j, "p"), j + 2)),
            _ => None,
        }
    }

    /// A number word, joining "on bir" = 11; returns value, end and the ending.
    fn num_word(&self, i: usize) -> Option<(u8, usize, Sfx)> {
        let t = self.t.get(i)?;
        let Some(Kw::Num(v)) = t.kw else {
            return None;
        };
        if matches!(v, 10 | 20)
            && t.sfx.is_empty()
            && let Some(t2) = self.t.get(i + 1)
            && let Some(Kw::Num(u @ 1..=9)) = t2.kw
        {
            return Some((v + u, i + 2, sfx_kind(t2.sfx).unwrap_or(Sfx::Other)));
        }
        Some((v, i + 1, sfx_kind(t.sfx).unwrap_or(Sfx::Other)))
    }

    /// Minutes before "geçe"/"kala": "çeyrek", "10", "on".
    fn minutes(&self, j: usize) -> Option<(u8, usize)> {
        if self.kw(j) == Some(Kw::Ceyrek) {
            return Some((15, j + 1));
        }
        let t = self.t.get(j)?;
        if t.kind == Kind::Num && t.ng == 1 && t.gl[0] <= 2 && (1..=59).contains(&t.g[0]) {
            return Some((t.g[0] as u8, j + 1));
        }
        self.num_word(j).filter(|x| (1..=59).contains(&x.0)).map(|(v, e, _)| (v, e))
    }

    /// Reads a clock time at `i` ("3", "14:30", "üçte", "10 buçuk", "3'ü çeyrek geçe",
    /// "3pm", "3 gibi"). `dot` allows "14.30".
    fn clock_at(&self, i: usize, dot: bool) -> Read {
        let Some(t) = self.t.get(i) else {
            return Read::No;
        };
        let mut c =
            Clock { h: 0, m: 0, fixed: false, pm: None, marked: false, word: false, loc: false, sfx: Sfx::None };
        let mut has_min = false;
        let mut j;
        match t.kind {
            Kind::Num => {
                let sep_ok = t.sep == b':' || (t.sep == b'.' && dot && t.ng == 2);
                if t.ng == 1 && t.gl[0] <= 2 && t.g[0] <= 24 {
                    c.h = t.g[0] as u8;
                } else if matches!(t.ng, 2 | 3)
                    && sep_ok
                    && t.gl[0] <= 2
                    && t.gl[1] == 2
                    && t.g[0] <= 23
                    && t.g[1] <= 59
                {
                    c.h = t.g[0] as u8;
                    c.m = t.g[1] as u8;
                    has_min = true;
                    c.marked = true;
                } else {
                    return Read::No;
                }
                c.fixed = t.gl[0] == 2 && t.s.starts_with('0');
                j = i + 1;
                if let Some((pm, e)) = self.ampm(j) {
                    c.pm = Some(pm);
                    j = e;
                } else {
                    (c.sfx, j) = self.num_sfx(j);
                }
            }
            Kind::Word => {
                let Some((v, e, s)) = self.num_word(i) else {
                    return Read::No;
                };
                if v > 23 {
                    return Read::No;
                }
                c.h = v;
                c.word = true;
                c.sfx = s;
                j = e;
            }
            Kind::Dash => return Read::No,
        }
        if c.sfx == Sfx::Qty {
            return Read::Unit(j);
        }
        if !has_min && c.pm.is_none() {
            if self.kw(j) == Some(Kw::Bucuk) {
                c.m = 30;
                c.marked = true;
                j += 1;
            } else if let Some((mm, e)) = self.minutes(j) {
                if self.kw(e) == Some(Kw::Gece) {
                    c.m = mm;
                    c.marked = true;
                    j = e + 1;
                } else if matches!(self.text(e), "kala" | "var") && mm < 60 {
                    c.h = match c.h {
                        0 => 23,
                        1 => 12,
                        h => h - 1,
                    };
                    c.m = 60 - mm;
                    c.marked = true;
                    j = e + 1;
                }
            }
        }
        if c.pm.is_none()
            && let Some((pm, e)) = self.ampm(j)
        {
            c.pm = Some(pm);
            j = e;
        }
        if self.is(j, "oclock") {
            j += 1;
            c.marked = true;
        } else if self.is(j, "o") && self.is(j + 1, "clock") {
            j += 2;
            c.marked = true;
        }
        if self.kw(j) == Some(Kw::ApproxPost) {
            j += 1;
            c.marked = true;
        }
        // "2 dolgu" is a count, but "11'de dolgu" (a time with its locative suffix) is a time.
        if !has_min && c.sfx != Sfx::Loc && self.is_unit(j) {
            return Read::Unit(j + 1);
        }
        match c.sfx {
            Sfx::Loc => {
                c.loc = true;
                if !c.word || !matches!(c.h, 1 | 2 | 10) {
                    c.marked = true;
                }
            }
            Sfx::Abl if self.kw(j) == Some(Kw::After) || matches!(self.text(j), "once" | "itibaren") => {
                c.marked = true;
                j += 1;
            }
            _ => {}
        }
        if c.h > 23 || (c.h == 0 && !has_min && !c.fixed) {
            return Read::No;
        }
        c.marked |= c.pm.is_some();
        if c.h == 0 || c.h > 12 {
            c.fixed = true;
            c.pm = None;
        }
        Read::Clock(c, j)
    }

    /// "3-5 arası", "14-16", "2-4pm".
    fn dash_range(&mut self, s: usize, i: usize, strong: bool) -> usize {
        let t = self.t[i];
        let (a, b) = (t.g[0], t.g[1]);
        if t.gl[0] > 2 || t.gl[1] > 2 || !(1..=23).contains(&a) || !(1..=23).contains(&b) {
            return self.num_sfx(i + 1).1;
        }
        let mk = |h: u32, l: usize| Clock {
            h: h as u8,
            m: 0,
            fixed: h > 12 || (l == 2 && h < 10),
            pm: None,
            marked: false,
            word: false,
            loc: false,
            sfx: Sfx::None,
        };
        let (ca, mut cb) = (mk(a, usize::from(t.gl[0])), mk(b, usize::from(t.gl[1])));
        let mut j = i + 1;
        let mut mark = false;
        if let Some((pm, e)) = self.ampm(j) {
            if !cb.fixed {
                cb.pm = Some(pm);
            }
            j = e;
            mark = true;
        } else {
            j = self.num_sfx(j).1;
        }
        if self.text(j).starts_with("aras") || self.kw(j) == Some(Kw::ApproxPost) {
            j += 1;
            mark = true;
        }
        if self.is_unit(j) {
            return j + 1;
        }
        if strong || mark || i == self.adj {
            self.push(s, j, Cand::Range(ca, cb));
            return j;
        }
        i + 1
    }

    /// "ile 16:00 arası", "- 16:00", "'ten 5'e kadar" after a first clock time.
    fn range_tail(&self, c: &Clock, e: usize) -> Option<(Clock, usize, bool)> {
        let dash = self.t.get(e).is_some_and(|t| t.kind == Kind::Dash);
        let conn = dash || matches!(self.text(e), "ile" | "ila" | "ve" | "to" | "and" | "until" | "till");
        let k = if conn {
            e + 1
        } else if c.sfx == Sfx::Abl {
            e
        } else {
            return None;
        };
        let Read::Clock(c2, mut e2) = self.clock_at(k, true) else {
            return None;
        };
        if !conn && c2.sfx != Sfx::Dat {
            return None;
        }
        let mut mark = false;
        if self.is(e2, "kadar") {
            e2 += 1;
            mark = true;
        }
        if self.text(e2).starts_with("aras") {
            e2 += 1;
            mark = true;
        }
        Some((c2, e2, mark))
    }

    /// True when a part of the day follows `e` ("3 in the afternoon", "9'da sabah").
    fn part_follows(&self, mut e: usize) -> bool {
        while FILLERS.contains(&self.text(e)) {
            e += 1;
        }
        matches!(
            self.kw(e),
            Some(Kw::Morning | Kw::Noon | Kw::Ogleden | Kw::Afternoon | Kw::Evening | Kw::Gece | Kw::Night)
        )
    }

    /// A clock time (or range) at `i`; `s` is where its phrase starts ("saat", "at").
    /// `strong` when a prefix already says it is a time.
    fn clock_here(&mut self, s: usize, i: usize, strong: bool, dot: bool) -> usize {
        if let Some(t) = self.t.get(i)
            && t.kind == Kind::Num
            && t.ng == 2
            && t.sep == b'-'
        {
            return self.dash_range(s, i, strong);
        }
        match self.clock_at(i, dot) {
            Read::No => s + 1,
            Read::Unit(e) => e,
            Read::Clock(c, e) => {
                // "bir", "on" and a bare number before "randevu" are rarely times.
                let weak = (c.word && !c.loc && matches!(c.h, 1 | 10)) || self.text(e).starts_with("randevu");
                let near_part = !weak && (i == self.adj || self.part_follows(e));
                if let Some((c2, e2, mark)) = self.range_tail(&c, e)
                    && (strong || mark || c.marked || c2.marked || near_part)
                {
                    self.push(s, e2, Cand::Range(c, c2));
                    return e2;
                }
                if strong || c.marked || near_part {
                    self.push(s, e, Cand::Clock(c));
                    e
                } else {
                    s + 1
                }
            }
        }
    }

    // --- words

    fn step(&mut self, i: usize) -> usize {
        match self.t[i].kind {
            Kind::Num => self.at_num(i),
            Kind::Dash => i + 1,
            Kind::Word => self.at_word(i),
        }
    }

    fn at_word(&mut self, i: usize) -> usize {
        let t = self.t[i];
        let Some(kw) = t.kw else {
            return self.at_plain(i);
        };
        match kw {
            Kw::Today => self.date(i, i + 1, self.days(0)),
            Kw::Tomorrow => {
                if matches!(t.sfx, "dan" | "den") && self.kw(i + 1) == Some(Kw::After) {
                    self.date(i, i + 2, self.days(2))
                } else {
                    self.date(i, i + 1, self.days(1))
                }
            }
            Kw::DayAfter => self.date(i, i + 1, self.days(2)),
            Kw::Obur | Kw::Ertesi if self.kw(i + 1) == Some(Kw::Day) => self.date(i, i + 2, self.days(2)),
            Kw::Tonight => {
                self.date(i, i + 1, self.days(0));
                self.part(i, i + 1, Part::Evening)
            }
            Kw::Wd(w) => self.weekday(i, w),
            Kw::Month(m) => self.month_first(i, m),
            Kw::MonthUnit if self.genitive(i) => self.dom_at(i, i + 1, false),
            Kw::Day if self.is(i + 1, "after") && self.kw(i + 2) == Some(Kw::Tomorrow) => {
                self.date(i, i + 3, self.days(2))
            }
            Kw::Haftaya => self.haftaya(i),
            Kw::Next => self.next_mod(i),
            Kw::After if t.sfx == "ki" => self.next_mod(i),
            Kw::This => self.this_mod(i),
            Kw::Past => {
                let mut j = i + 1;
                if self.kw(j) == Some(Kw::Week) {
                    j += 1;
                }
                if matches!(self.kw(j), Some(Kw::Wd(_) | Kw::Month(_) | Kw::MonthUnit)) {
                    j += 1;
                }
                j
            }
            Kw::Saat => {
                let j = if self.is(i + 1, "tam") { i + 2 } else { i + 1 };
                self.clock_here(i, j, true, true)
            }
            Kw::At => self.clock_here(i, i + 1, true, true),
            Kw::Morning => self.part(i, i + 1, Part::Morning),
            Kw::Noon if matches!(t.sfx, "den" | "dan") => self.ogleden(i),
            Kw::Noon => {
                let n = self.text(i + 1);
                if ["aras", "saatler", "vakt", "yemeg", "tatil"].iter().any(|p| n.starts_with(p)) {
                    self.part(i, i + 2, Part::NoonSpan)
                } else {
                    self.part(i, i + 1, Part::NoonPoint)
                }
            }
            Kw::Ogleden => self.ogleden(i),
            Kw::Afternoon => self.part(i, i + 1, Part::Afternoon),
            Kw::Evening => {
                let e = if matches!(self.text(i + 1), "ustu" | "uzeri") { i + 2 } else { i + 1 };
                self.part(i, e, Part::Evening)
            }
            Kw::Gece | Kw::Night => self.part(i, i + 1, Part::Night),
            Kw::Lunch => self.part(i, i + 1, Part::NoonSpan),
            Kw::Mesai => {
                let n = self.text(i + 1);
                if self.kw(i + 1) == Some(Kw::After)
                    || n.starts_with("cikis")
                    || n.starts_with("bitim")
                    || n.starts_with("bitis")
                {
                    self.part(i, i + 2, Part::AfterWork)
                } else {
                    i + 1
                }
            }
            Kw::Work => {
                let abl = matches!(t.sfx, "ten" | "tan" | "den" | "dan");
                if (abl && self.kw(i + 1) == Some(Kw::After))
                    || (t.sfx.is_empty() && self.text(i + 1).starts_with("cikis"))
                {
                    self.part(i, i + 2, Part::AfterWork)
                } else {
                    i + 1
                }
            }
            Kw::Num(_) => match self.relative(i) {
                Some(e) => e,
                None => self.clock_here(i, i, false, false),
            },
            _ => i + 1,
        }
    }

    fn ogleden(&mut self, i: usize) -> usize {
        if self.kw(i + 1) == Some(Kw::After) {
            self.part(i, i + 2, Part::Afternoon)
        } else if self.is(i + 1, "once") {
            self.part(i, i + 2, Part::Morning)
        } else {
            self.part(i, i + 1, Part::Afternoon)
        }
    }

    /// Words without a keyword entry that still matter in English phrases.
    fn at_plain(&mut self, i: usize) -> usize {
        match self.text(i) {
            "a" | "an" => self.relative(i).unwrap_or(i + 1),
            "in" | "within" => self.in_relative(i).unwrap_or(i + 1),
            "after" => match self.kw(i + 1) {
                Some(Kw::Tomorrow) => self.date(i, i + 2, self.days(2)),
                Some(Kw::Lunch | Kw::Noon) => self.part(i, i + 2, Part::Afternoon),
                _ if matches!(self.text(i + 1), "work" | "hours") => self.part(i, i + 2, Part::AfterWork),
                _ => match self.in_relative(i) {
                    Some(e) => e,
                    None => self.clock_here(i, i + 1, true, true),
                },
            },
            "between" | "from" => self.clock_here(i, i + 1, true, true),
            "half" | "quarter" => {
                let (m, to) = match (self.text(i), self.text(i + 1)) {
                    ("half", "past") => (30, false),
                    ("quarter", "past") => (15, false),
                    ("quarter", "to") => (45, true),
                    _ => return i + 1,
                };
                match self.clock_at(i + 2, false) {
                    Read::Clock(mut c, e) if c.m == 0 => {
                        if to {
                            c.h = if c.h == 1 { 12 } else { c.h - 1 };
                            c.fixed = c.h > 12;
                        }
                        c.m = m;
                        c.marked = true;
                        self.push(i, e, Cand::Clock(c));
                        e
                    }
                    _ => i + 1,
                }
            }
            _ => i + 1,
        }
    }

    // --- resolution

    fn in_hours(&self, t: Time) -> bool {
        let (o, c) = (self.ctx.opens, self.ctx.closes);
        if o <= c { o <= t && t < c } else { t >= o || t < c }
    }

    /// A bare hour 1..=12: inside business hours as said, else +12 if that is inside,
    /// else as said from 7 on and +12 below 7.
    fn bare(&self, h: u8, m: u8) -> u8 {
        let at = |h: u8| Time::new(h as i8, m as i8, 0, 0).ok();
        if at(h).is_some_and(|t| self.in_hours(t)) {
            h
        } else if h < 12 && at(h + 12).is_some_and(|t| self.in_hours(t)) {
            h + 12
        } else if h >= 7 {
            h
        } else {
            h + 12
        }
    }

    fn resolve(&self, c: &Clock, hint: Option<Part>) -> Option<Time> {
        let mut h = c.h;
        if let Some(pm) = c.pm {
            h = h % 12 + if pm { 12 } else { 0 };
        } else if !c.fixed {
            h = match hint {
                Some(p) => p.shift(h),
                None => self.bare(h, c.m),
            };
        }
        Time::new(h as i8, c.m as i8, 0, 0).ok()
    }

    fn resolve_range(&self, a: &Clock, b: &Clock, hint: Option<Part>) -> Option<TimeOfDay> {
        let tb = self.resolve(b, hint)?;
        let mut a2 = *a;
        if a2.pm.is_none()
            && !a2.fixed
            && let Some(pm) = b.pm
        {
            a2.pm = Some(pm);
            if self.resolve(&a2, hint).is_none_or(|t| t >= tb) {
                a2.pm = Some(!pm);
            }
        }
        let ta = self.resolve(&a2, hint)?;
        let mut tb = tb;
        if b.pm.is_none() && !b.fixed {
            // The end is the first reading of b after the start.
            let pick =
                [b.h, b.h + 12].into_iter().filter_map(|h| Time::new(h as i8, b.m as i8, 0, 0).ok()).find(|t| *t > ta);
            if let Some(t) = pick {
                tb = t;
            }
        }
        (tb > ta).then_some(TimeOfDay::Between(ta, tb))
    }

    fn resolve_cand(&self, c: &Cand, hint: Option<Part>) -> Option<TimeOfDay> {
        match c {
            Cand::Clock(c) => self.resolve(c, hint).map(TimeOfDay::At),
            Cand::Range(a, b) => self.resolve_range(a, b, hint).or_else(|| self.resolve(a, hint).map(TimeOfDay::At)),
            _ => None,
        }
    }

    /// True when only fillers or dates stand between token `a` and token `b`.
    fn gap_ok(&self, a: usize, b: usize) -> bool {
        let in_date = |k: usize| self.found.iter().any(|f| matches!(f.c, Cand::Date(_)) && f.s <= k && k < f.e);
        a <= b && (a..b).all(|k| FILLERS.contains(&self.text(k)) || in_date(k))
    }

    fn finish(&self) -> When {
        let date = self.found.iter().find_map(|f| match f.c {
            Cand::Date(d) => Some(d),
            _ => None,
        });
        let times: Vec<Found> = self.found.iter().filter(|f| !matches!(f.c, Cand::Date(_))).copied().collect();
        let mut time = None;
        for (k, f) in times.iter().enumerate() {
            let next = times.get(k + 1).filter(|n| self.gap_ok(f.e, n.s));
            time = match f.c {
                Cand::Part(p) => next.and_then(|n| self.resolve_cand(&n.c, Some(p))).or_else(|| p.span()),
                c => {
                    let hint = next.and_then(|n| match n.c {
                        Cand::Part(p) => Some(p),
                        _ => None,
                    });
                    self.resolve_cand(&c, hint)
                }
            };
            if time.is_some() {
                break;
            }
        }
        When { date, time }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Expected time: nothing, a clock time, or a span.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum E {
        No,
        At(i8, i8),
        Btw(i8, i8, i8, i8),
    }
    use E::{At, Btw, No};

    /// (input, days after today, time)
    type Rel = (&'static str, Option<i64>, E);
    /// (input, absolute date, time)
    type Abs = (&'static str, Option<(i16, i8, i8)>, E);

    const MORNING: E = Btw(9, 0, 12, 0);
    const NOON: E = Btw(12, 0, 14, 0);
    const AFTERNOON: E = Btw(13, 0, 18, 0);
    const EVENING: E = Btw(17, 0, 21, 0);

    fn ctx(today: Date, opens: i8, closes: i8) -> Context {
        Context { today, opens: hm(opens, 0), closes: hm(closes, 0) }
    }

    fn want_time(e: E) -> Option<TimeOfDay> {
        match e {
            No => None,
            At(h, m) => Some(TimeOfDay::At(hm(h, m))),
            Btw(a, b, c, d) => Some(TimeOfDay::Between(hm(a, b), hm(c, d))),
        }
    }

    fn check(ctx: &Context, cases: impl Iterator<Item = (&'static str, Option<Date>, E)>) {
        let mut bad = Vec::new();
        let mut n = 0;
        for (text, d, e) in cases {
            n += 1;
            let got = parse(text, ctx);
            let want = When { date: d, time: want_time(e) };
            if got != want {
                bad.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
            }
        }
        assert!(bad.is_empty(), "today {}: {} of {n} failed:\n{}", ctx.today, bad.len(), bad.join("\n"));
    }

    fn check_rel(ctx: &Context, cases: &[Rel]) {
        let t = ctx.today;
        check(ctx, cases.iter().map(move |&(s, d, e)| (s, d.map(|n| t.checked_add(n.days()).unwrap()), e)));
    }

    fn check_abs(ctx: &Context, cases: &[Abs]) {
        check(ctx, cases.iter().map(|&(s, d, e)| (s, d.map(|(y, m, d)| date(y, m, d)), e)));
    }

    /// Monday 2026-05-04, open 09:00-18:00.
    const MON: Date = date(2026, 5, 4);
    /// Friday 2026-05-08.
    const FRI: Date = date(2026, 5, 8);
    /// Thursday 2026-12-31.
    const DEC31: Date = date(2026, 12, 31);
    /// Monday 2028-02-28, a leap year.
    const FEB28: Date = date(2028, 2, 28);

    #[test]
    fn fixed_days_are_what_the_tables_assume() {
        assert_eq!(MON.weekday(), Weekday::Monday);
        assert_eq!(FRI.weekday(), Weekday::Friday);
        assert_eq!(DEC31.weekday(), Weekday::Thursday);
        assert_eq!(FEB28.weekday(), Weekday::Monday);
    }

    const MON_REL: &[Rel] = &[
        // relative days
        ("bugün", Some(0), No),
        ("bugun", Some(0), No),
        ("BUGÜN", Some(0), No),
        ("bu gün gelebilir miyim", Some(0), No),
        ("bugünkü randevum", Some(0), No),
        ("today", Some(0), No),
        ("Today please", Some(0), No),
        ("yarın", Some(1), No),
        ("yarin", Some(1), No),
        ("YARIN", Some(1), No),
        ("Yarın'a yer var mı", Some(1), No),
        ("yarına", Some(1), No),
        ("yarınki randevum", Some(1), No),
        ("tomorrow", Some(1), No),
        ("Tomorrow?", Some(1), No),
        ("tmrw", Some(1), No),
        ("yarından itibaren", Some(1), No),
        ("öbür gün", Some(2), No),
        ("obur gun", Some(2), No),
        ("öbürgün", Some(2), No),
        ("ertesi gün", Some(2), No),
        ("yarından sonra", Some(2), No),
        ("yarindan sonra", Some(2), No),
        ("day after tomorrow", Some(2), No),
        ("the day after tomorrow", Some(2), No),
        ("after tomorrow", Some(2), No),
        // typos
        ("yarn", Some(1), No),
        ("yrin gelsem", Some(1), No),
        ("yairn olur mu", Some(1), No),
        ("yarinn", Some(1), No),
        ("bugn", Some(0), No),
        ("tomorow", Some(1), No),
        ("tomorrw", Some(1), No),
        ("todya", Some(0), No),
        // weekdays (today is Monday)
        ("pazartesi", Some(0), No),
        ("salı", Some(1), No),
        ("sali", Some(1), No),
        ("çarşamba", Some(2), No),
        ("carsamba", Some(2), No),
        ("perşembe", Some(3), No),
        ("persembe", Some(3), No),
        ("cuma", Some(4), No),
        ("cumartesi", Some(5), No),
        ("cumartesı", Some(5), No),
        ("pazar", Some(6), No),
        ("PAZARTESİ", Some(0), No),
        ("SALI", Some(1), No),
        ("ÇARŞAMBA", Some(2), No),
        ("PERŞEMBE", Some(3), No),
        ("Cuma", Some(4), No),
        ("cumaya", Some(4), No),
        ("Cuma'ya", Some(4), No),
        ("cuma günü", Some(4), No),
        ("salıya", Some(1), No),
        ("salı günü", Some(1), No),
        ("pazartesiye", Some(0), No),
        ("Pazartesi'ye", Some(0), No),
        ("perşembeye", Some(3), No),
        ("çarşambaya", Some(2), No),
        ("cumartesiye", Some(5), No),
        ("pazara", Some(6), No),
        ("pazar günü", Some(6), No),
        ("cumaları", Some(4), No),
        ("pazartesü", Some(0), No),
        ("perşmbe", Some(3), No),
        ("carsmba", Some(2), No),
        ("cumartsi", Some(5), No),
        ("cumartesiy", Some(5), No),
        ("pazr", Some(6), No),
        ("persembeye", Some(3), No),
        ("monday", Some(0), No),
        ("tuesday", Some(1), No),
        ("Wednesday", Some(2), No),
        ("thursday", Some(3), No),
        ("friday", Some(4), No),
        ("saturday", Some(5), No),
        ("sunday", Some(6), No),
        ("mon", Some(0), No),
        ("tue", Some(1), No),
        ("wed", Some(2), No),
        ("thu", Some(3), No),
        ("fri", Some(4), No),
        ("sat", Some(5), No),
        ("sun", Some(6), No),
        ("on friday", Some(4), No),
        ("pzt", Some(0), No),
        ("çarş", Some(2), No),
        ("perş 10:00", Some(3), At(10, 0)),
        ("cmt", Some(5), No),
        ("cts öğlen", Some(5), At(12, 0)),
        ("paz", Some(6), No),
        ("pazar ertesi", Some(0), No),
        ("cuma ertesi", Some(5), No),
        ("wednesdy", Some(2), No),
        ("thrusday", Some(3), No),
        // next week
        ("haftaya salı", Some(8), No),
        ("haftaya sali", Some(8), No),
        ("haftaya salıya", Some(8), No),
        ("gelecek hafta salı", Some(8), No),
        ("gelecek haftanın salısı", Some(8), No),
        ("önümüzdeki salı", Some(8), No),
        ("onumuzdeki sali", Some(8), No),
        ("önümüzdeki hafta perşembe", Some(10), No),
        ("next tuesday", Some(8), No),
        ("next monday", Some(7), No),
        ("next sunday", Some(13), No),
        ("tuesday next week", Some(8), No),
        ("next week on friday", Some(11), No),
        ("haftaya pazartesi", Some(7), No),
        ("haftaya pazar", Some(13), No),
        ("bir sonraki salı", Some(8), No),
        ("bu cuma", Some(4), No),
        ("this friday", Some(4), No),
        ("bu pazartesi", Some(0), No),
        ("this coming friday", Some(4), No),
        ("haftaya", Some(7), No),
        ("haftaya gelirim", Some(7), No),
        ("gelecek hafta", Some(7), No),
        ("önümüzdeki hafta", Some(7), No),
        ("next week", Some(7), No),
        ("haftaya bugün", Some(7), No),
        ("haftaya yarın", Some(8), No),
        // counted days and weeks
        ("1 hafta sonra", Some(7), No),
        ("bir hafta sonra", Some(7), No),
        ("2 hafta sonra", Some(14), No),
        ("iki hafta sonra", Some(14), No),
        ("in a week", Some(7), No),
        ("in 2 weeks", Some(14), No),
        ("a week from now", Some(7), No),
        ("3 gün sonra", Some(3), No),
        ("üç gün sonra", Some(3), No),
        ("uc gun sonra", Some(3), No),
        ("beş gün sonra", Some(5), No),
        ("on gün sonra", Some(10), No),
        ("3 gün sonraya", Some(3), No),
        ("in 3 days", Some(3), No),
        ("in three days", Some(3), No),
        ("3 days later", Some(3), No),
        ("İKİ GÜN SONRA", Some(2), No),
        // clock times, open 09:00-18:00
        ("saat 3", None, At(15, 0)),
        ("saat 3'te", None, At(15, 0)),
        ("saat 3te", None, At(15, 0)),
        ("Saat 3'de", None, At(15, 0)),
        ("3'te", None, At(15, 0)),
        ("3te gelirim", None, At(15, 0)),
        ("15:00", None, At(15, 0)),
        ("15.30", None, At(15, 30)),
        ("14:30'da", None, At(14, 30)),
        ("saat 14.30", None, At(14, 30)),
        ("15.13", None, At(15, 13)),
        ("saat 10 buçuk", None, At(10, 30)),
        ("10 buçukta", None, At(10, 30)),
        ("10 bucukta", None, At(10, 30)),
        ("3 buçuk", None, At(15, 30)),
        ("saat 3'ü çeyrek geçe", None, At(15, 15)),
        ("9'u çeyrek geçe", None, At(9, 15)),
        ("5'e çeyrek kala", None, At(16, 45)),
        ("saat 4'e 10 var", None, At(15, 50)),
        ("3pm", None, At(15, 0)),
        ("3 pm", None, At(15, 0)),
        ("3 p.m.", None, At(15, 0)),
        ("at 3", None, At(15, 0)),
        ("at 3pm", None, At(15, 0)),
        ("10am", None, At(10, 0)),
        ("10:30am", None, At(10, 30)),
        ("10:30 am", None, At(10, 30)),
        ("12pm", None, At(12, 0)),
        ("12am", None, At(0, 0)),
        ("noon", None, At(12, 0)),
        ("at noon", None, At(12, 0)),
        ("öğlen", None, At(12, 0)),
        ("öğle", None, At(12, 0)),
        ("oglen", None, At(12, 0)),
        ("öğlen 12", None, At(12, 0)),
        ("öğlen 1'de", None, At(13, 0)),
        ("öğlen saat 1", None, At(13, 0)),
        ("akşam 6", None, At(18, 0)),
        ("akşam 6 gibi", None, At(18, 0)),
        ("aksam 8de", None, At(20, 0)),
        ("sabah 9", None, At(9, 0)),
        ("sabah 9'da", None, At(9, 0)),
        ("sabahın 9'u", None, At(9, 0)),
        ("öğleden sonra 2", None, At(14, 0)),
        ("öğleden sonra 2'de", None, At(14, 0)),
        ("ogleden sonra 4 gibi", None, At(16, 0)),
        ("gece 9", None, At(21, 0)),
        ("akşamüstü 5", None, At(17, 0)),
        ("saat 9", None, At(9, 0)),
        ("saat 7", None, At(7, 0)),
        ("saat 8", None, At(8, 0)),
        ("saat 6", None, At(18, 0)),
        ("saat 12", None, At(12, 0)),
        ("saat 1", None, At(13, 0)),
        ("saat 18", None, At(18, 0)),
        ("saat 21:00", None, At(21, 0)),
        ("saat 09:00", None, At(9, 0)),
        ("08:30", None, At(8, 30)),
        ("saat 5 gibi", None, At(17, 0)),
        ("3 gibi", None, At(15, 0)),
        ("4 civarı", None, At(16, 0)),
        ("4 civarında", None, At(16, 0)),
        ("saat 4 sularında", None, At(16, 0)),
        ("around 10", None, At(10, 0)),
        ("about 4", None, At(16, 0)),
        ("at 9", None, At(9, 0)),
        ("4ish", None, At(16, 0)),
        ("saat on", None, At(10, 0)),
        ("saat üçte", None, At(15, 0)),
        ("üçte", None, At(15, 0)),
        ("saat on bir", None, At(11, 0)),
        ("saat on birde", None, At(11, 0)),
        ("saat dokuz buçuk", None, At(9, 30)),
        ("sabah dokuzda", None, At(9, 0)),
        ("akşam yedide", None, At(19, 0)),
        ("3 o'clock", None, At(15, 0)),
        ("half past 3", None, At(15, 30)),
        ("quarter past 10", None, At(10, 15)),
        ("quarter to 4", None, At(15, 45)),
        ("10 in the morning", None, At(10, 0)),
        ("3 in the afternoon", None, At(15, 0)),
        ("9 at night", None, At(21, 0)),
        ("saat 3'ten sonra", None, At(15, 0)),
        ("after 5", None, At(17, 0)),
        ("can I come in at 4:30", None, At(16, 30)),
        // ranges
        ("2-4 arası", None, Btw(14, 0, 16, 0)),
        ("saat 14-16 arası", None, Btw(14, 0, 16, 0)),
        ("14:00 - 16:00", None, Btw(14, 0, 16, 0)),
        ("14:00-16:00", None, Btw(14, 0, 16, 0)),
        ("saat 2 ile 4 arası", None, Btw(14, 0, 16, 0)),
        ("3'ten 5'e kadar", None, Btw(15, 0, 17, 0)),
        ("between 2 and 4", None, Btw(14, 0, 16, 0)),
        ("from 10 to 12", None, Btw(10, 0, 12, 0)),
        ("2-4pm", None, Btw(14, 0, 16, 0)),
        ("10-12 arası", None, Btw(10, 0, 12, 0)),
        ("11-1 arası", None, Btw(11, 0, 13, 0)),
        ("akşam 5-7 arası", None, Btw(17, 0, 19, 0)),
        ("sabah 9 ile 10 arası", None, Btw(9, 0, 10, 0)),
        // parts of the day
        ("sabah", None, MORNING),
        ("sabahleyin", None, MORNING),
        ("sabaha", None, MORNING),
        ("sabh", None, MORNING),
        ("morning", None, MORNING),
        ("in the morning", None, MORNING),
        ("öğleden önce", None, MORNING),
        ("öğleden sonra", None, AFTERNOON),
        ("ogleden sonra", None, AFTERNOON),
        ("öğlenden sonra", None, AFTERNOON),
        ("olgeden sonra", None, AFTERNOON),
        ("öğleden sonraya", None, AFTERNOON),
        ("afternoon", None, AFTERNOON),
        ("in the afternoon", None, AFTERNOON),
        ("after lunch", None, AFTERNOON),
        ("akşam", None, EVENING),
        ("aksam", None, EVENING),
        ("akşama", None, EVENING),
        ("aksm", None, EVENING),
        ("akşamüstü", None, EVENING),
        ("akşam üstü", None, EVENING),
        ("evening", None, EVENING),
        ("in the evening", None, EVENING),
        ("mesai sonrası", None, EVENING),
        ("mesaiden sonra", None, EVENING),
        ("iş çıkışı", None, EVENING),
        ("işten sonra", None, EVENING),
        ("after work", None, EVENING),
        ("öğle arası", None, NOON),
        ("öğle saatlerinde", None, NOON),
        ("öğlen arası", None, NOON),
        ("lunch time", None, NOON),
        ("at lunchtime", None, NOON),
        // date and time together
        ("yarın öğleden sonra", Some(1), AFTERNOON),
        ("cuma saat 3'te", Some(4), At(15, 0)),
        ("haftaya salı 14:30", Some(8), At(14, 30)),
        ("tomorrow at 3pm", Some(1), At(15, 0)),
        ("next friday morning", Some(11), MORNING),
        ("yarın sabah", Some(1), MORNING),
        ("yarın akşam 7", Some(1), At(19, 0)),
        ("bu akşam", Some(0), EVENING),
        ("bu akşam 8'de", Some(0), At(20, 0)),
        ("tonight", Some(0), EVENING),
        ("tonight at 8", Some(0), At(20, 0)),
        ("this afternoon", Some(0), AFTERNOON),
        ("this morning at 11", Some(0), At(11, 0)),
        ("yarın 3", Some(1), At(15, 0)),
        ("yarın 14", Some(1), At(14, 0)),
        ("cuma 10", Some(4), At(10, 0)),
        ("salı 2 gibi", Some(1), At(14, 0)),
        ("pazartesi 10:00'a", Some(0), At(10, 0)),
        ("perşembe öğlen", Some(3), At(12, 0)),
        ("cumartesi sabah 11", Some(5), At(11, 0)),
        ("cuma'ya saat 5'e", Some(4), At(17, 0)),
        ("yarın 10.10'da", Some(1), At(10, 10)),
        ("3 gün sonra öğlen", Some(3), At(12, 0)),
        ("haftaya cuma öğleden sonra 3 gibi", Some(11), At(15, 0)),
        ("yarın saat 3'te 2 kişi", Some(1), At(15, 0)),
        ("saat 3'te yarın", Some(1), At(15, 0)),
        ("1 hafta sonra saat 11", Some(7), At(11, 0)),
        ("bugün öğleden sonra müsait misiniz", Some(0), AFTERNOON),
        // whole messages
        ("merhaba, yarın öğleden sonra diş temizliği için yer var mı?", Some(1), AFTERNOON),
        ("randevumu cumaya alabilir miyiz saat 11 gibi", Some(4), At(11, 0)),
        ("I'd like to book next tuesday around 10", Some(8), At(10, 0)),
        ("Merhaba, perşembe günü saat 4'te müsait misiniz?", Some(3), At(16, 0)),
        ("iyi akşamlar, yarın için randevu alabilir miyim", Some(1), No),
        ("Good morning, can I come tomorrow at 11?", Some(1), At(11, 0)),
        ("günaydın, bugün öğlene yer var mı", Some(0), At(12, 0)),
        ("kedim için haftaya salı sabah randevu", Some(8), MORNING),
        ("2 kişiyiz, cuma akşam 7 gibi gelebiliriz", Some(4), At(19, 0)),
        ("Salı 3 kişi geliriz", Some(1), No),
        ("cuma 2 saat sürer mi", Some(4), No),
        ("yarın değil öbür gün olur mu", Some(1), No),
        ("dün aradım, yarın 10'da gelebilir miyim", Some(1), At(10, 0)),
        ("geçen salı gelmiştim, bu cuma olur mu", Some(4), No),
        ("hi, do you have anything on thursday afternoon?", Some(3), AFTERNOON),
        ("randevu saatim 14:30, 10 dakika geç kalabilirim", None, At(14, 30)),
        ("Çarşamba akşamüstü uygun musunuz", Some(2), EVENING),
        ("köpeğimin aşısı için perşembe sabah 10 gibi", Some(3), At(10, 0)),
        ("saç kesimi için yarn 5te yer var mı", Some(1), At(17, 0)),
        ("pazartesi ya da salı, öğleden sonra", Some(0), AFTERNOON),
        ("yarın 2 çocuk getireceğim", Some(1), No),
        ("yarın 1 randevu alabilir miyim", Some(1), No),
        ("saat 3 randevusu", None, At(15, 0)),
        ("cumartesi 2 saç kesimi", Some(5), No),
        ("May I come at 3?", None, At(15, 0)),
        ("10.45", None, At(10, 45)),
        ("yarın 9:00-12:00 arası", Some(1), Btw(9, 0, 12, 0)),
        ("yarın 6'dan sonra", Some(1), At(18, 0)),
        ("tomorrow after 6pm", Some(1), At(18, 0)),
        ("İyi günler, pazartesi sabah 9'a yer var mı?", Some(0), At(9, 0)),
        ("ÖĞLEDEN SONRA", None, AFTERNOON),
        ("Yarın saat 15:30'a randevu alabilir miyim?", Some(1), At(15, 30)),
        ("could we do wednesday at 2:30?", Some(2), At(14, 30)),
        ("is friday 10am free", Some(4), At(10, 0)),
        ("can I book for tomorrow evening", Some(1), EVENING),
        ("next week please", Some(7), No),
        ("in 2 weeks on a morning", Some(14), MORNING),
        // nothing to read
        ("", None, No),
        ("   ", None, No),
        ("fiyatı ne kadar", None, No),
        ("2 kişiyiz", None, No),
        ("15 TL mi", None, No),
        ("15 tl", None, No),
        ("500 TL", None, No),
        ("fiyat 1.500 TL", None, No),
        ("3 dakika", None, No),
        ("10 dk", None, No),
        ("teşekkürler", None, No),
        ("teşekkür ederim, görüşürüz", None, No),
        ("saat kaçta açıksınız", None, No),
        ("merhaba", None, No),
        ("günaydın", None, No),
        ("iyi geceler", None, No),
        ("iyi akşamlar", None, No),
        ("good evening", None, No),
        ("tamam", None, No),
        ("2.5 saat", None, No),
        ("3 saat sürer mi", None, No),
        ("2 saat sonra", None, No),
        ("10 tane", None, No),
        ("1 seans", None, No),
        ("%20 indirim", None, No),
        ("5 yaşında kedim var", None, No),
        ("2 diş dolgusu", None, No),
        ("saat 11'de diş temizliği", None, At(11, 0)),
        ("11'de dolgu için gelebilir miyim", None, At(11, 0)),
        ("yarım saat sürer mi", None, No),
        ("yazın açık mısınız", None, No),
        ("randevu yapın lütfen", None, No),
        ("kaç lira", None, No),
        ("nişan için makyaj", None, No),
        ("nisan", None, No),
        ("aralık", None, No),
        ("ekim ayında", None, No),
        ("erken", None, No),
        ("early", None, No),
        ("erken saatte", None, No),
        ("saat", None, No),
        ("at", None, No),
        ("bir randevu almak istiyorum", None, No),
        ("1 hafta", None, No),
        ("3 gün", None, No),
        ("bir hata oldu", None, No),
        ("afta için ilaç", None, No),
        ("0532 123 45 67", None, No),
        ("ok thanks", None, No),
        ("I have 2 dogs", None, No),
        ("3 people", None, No),
        ("2'li paket", None, No),
        ("sona kaldı", None, No),
        ("geçen hafta geldim", None, No),
        ("dün", None, No),
        ("yesterday at", None, No),
        ("gelecek misiniz", None, No),
        ("bu", None, No),
        ("31 şubat", None, No),
        ("31.04", None, No),
        ("2026", None, No),
    ];

    #[test]
    fn monday() {
        check_rel(&ctx(MON, 9, 18), MON_REL);
    }

    const MON_ABS: &[Abs] = &[
        ("15 Aralık", Some((2026, 12, 15)), No),
        ("15 aralik", Some((2026, 12, 15)), No),
        ("15 Aralık'ta", Some((2026, 12, 15)), No),
        ("15 aralıkta", Some((2026, 12, 15)), No),
        ("Aralık 15", Some((2026, 12, 15)), No),
        ("December 15", Some((2026, 12, 15)), No),
        ("15 December", Some((2026, 12, 15)), No),
        ("Dec 15", Some((2026, 12, 15)), No),
        ("dec. 15th", Some((2026, 12, 15)), No),
        ("15th of December", Some((2026, 12, 15)), No),
        ("December 15th, 2026", Some((2026, 12, 15)), No),
        ("15.12", Some((2026, 12, 15)), No),
        ("15/12", Some((2026, 12, 15)), No),
        ("12/15", Some((2026, 12, 15)), No),
        ("15.12.2026", Some((2026, 12, 15)), No),
        ("15/12/2026", Some((2026, 12, 15)), No),
        ("15-12-2026", Some((2026, 12, 15)), No),
        ("15.12.26", Some((2026, 12, 15)), No),
        ("2026-12-15", Some((2026, 12, 15)), No),
        ("15.12'de", Some((2026, 12, 15)), No),
        ("15 aralık 2027", Some((2027, 12, 15)), No),
        ("1.5.2026", Some((2026, 5, 1)), No),
        ("3 mayıs", Some((2027, 5, 3)), No),
        ("4 mayıs", Some((2026, 5, 4)), No),
        ("5 mayıs", Some((2026, 5, 5)), No),
        ("5 may", Some((2026, 5, 5)), No),
        ("mayısın 5'i", Some((2026, 5, 5)), No),
        ("ocağın 3'ü", Some((2027, 1, 3)), No),
        ("1 ocak", Some((2027, 1, 1)), No),
        ("3 ocakta", Some((2027, 1, 3)), No),
        ("14 şubat", Some((2027, 2, 14)), No),
        ("14 subat", Some((2027, 2, 14)), No),
        ("3 mart", Some((2027, 3, 3)), No),
        ("March 3", Some((2027, 3, 3)), No),
        ("23 nisan", Some((2027, 4, 23)), No),
        ("19 mayıs", Some((2026, 5, 19)), No),
        ("10 haziran", Some((2026, 6, 10)), No),
        ("10 hazran", Some((2026, 6, 10)), No),
        ("jun 1", Some((2026, 6, 1)), No),
        ("1 temmuz", Some((2026, 7, 1)), No),
        ("20 ağustos", Some((2026, 8, 20)), No),
        ("20 agstos", Some((2026, 8, 20)), No),
        ("1 eylül", Some((2026, 9, 1)), No),
        ("29 ekim", Some((2026, 10, 29)), No),
        ("10 kasım", Some((2026, 11, 10)), No),
        ("15 aralk", Some((2026, 12, 15)), No),
        ("29 şubat", None, No),
        ("30 şubat", None, No),
        ("31 nisan", None, No),
        ("ayın 3'ü", Some((2026, 6, 3)), No),
        ("ayın 3ü", Some((2026, 6, 3)), No),
        ("ayin 3u", Some((2026, 6, 3)), No),
        ("ayın 4'ü", Some((2026, 5, 4)), No),
        ("ayın 15'inde", Some((2026, 5, 15)), No),
        ("ayın 31'i", Some((2026, 5, 31)), No),
        ("bu ayın 20'si", Some((2026, 5, 20)), No),
        ("gelecek ayın 5'i", Some((2026, 6, 5)), No),
        ("15'inde müsait misiniz", Some((2026, 5, 15)), No),
        ("the 3rd", Some((2026, 6, 3)), No),
        ("on the 15th", Some((2026, 5, 15)), No),
        ("on the 2nd at 3pm", Some((2026, 6, 2)), At(15, 0)),
        ("1 ay sonra", Some((2026, 6, 4)), No),
        ("bir ay sonra", Some((2026, 6, 4)), No),
        ("15 Aralık sabah 10", Some((2026, 12, 15)), At(10, 0)),
        ("15 aralık 14:30", Some((2026, 12, 15)), At(14, 30)),
        ("15.12 saat 3", Some((2026, 12, 15)), At(15, 0)),
        ("15.12 10.30", Some((2026, 12, 15)), At(10, 30)),
        ("kızım için 15 Aralık'ta saat 14:00 randevu", Some((2026, 12, 15)), At(14, 0)),
        ("ayın 15'inde saat 10 buçukta", Some((2026, 5, 15)), At(10, 30)),
        ("December 15 at 2pm", Some((2026, 12, 15)), At(14, 0)),
        ("20 mayıs öğleden sonra", Some((2026, 5, 20)), AFTERNOON),
        ("15 aralık 3 kişi", Some((2026, 12, 15)), No),
        ("aralıkta 15 kişi", None, No),
        ("kasımda 5'inde", Some((2026, 11, 5)), No),
        ("Friday the 15th", Some((2026, 5, 15)), No),
        ("pazartesi, 11 mayıs", Some((2026, 5, 11)), No),
        ("11 Mayıs Pazartesi", Some((2026, 5, 11)), No),
        ("13.05", Some((2026, 5, 13)), No),
        ("may 3", Some((2027, 5, 3)), No),
        ("Hello! Could I get an appointment on Monday, May 11th at 10:30?", Some((2026, 5, 11)), At(10, 30)),
    ];

    #[test]
    fn monday_absolute() {
        check_abs(&ctx(MON, 9, 18), MON_ABS);
    }

    const FRI_REL: &[Rel] = &[
        ("cuma", Some(0), No),
        ("bu cuma", Some(0), No),
        ("this friday", Some(0), No),
        ("haftaya cuma", Some(7), No),
        ("next friday", Some(7), No),
        ("pazartesi", Some(3), No),
        ("salı", Some(4), No),
        ("perşembe", Some(6), No),
        ("bu perşembe", Some(6), No),
        ("this thursday", Some(6), No),
        ("cumartesi", Some(1), No),
        ("pazar", Some(2), No),
        ("haftaya", Some(3), No),
        ("next week", Some(3), No),
        ("haftaya pazartesi", Some(3), No),
        ("gelecek hafta pazar", Some(9), No),
        ("next saturday", Some(8), No),
        ("yarın", Some(1), No),
        ("öbür gün", Some(2), No),
        ("haftaya bugün", Some(7), No),
        ("ayın 8'i", Some(0), No),
        ("ayın 31'i", Some(23), No),
        ("cumartesi sabah 10", Some(1), At(10, 0)),
        ("pazartesi öğleden sonra 3", Some(3), At(15, 0)),
        ("bugün 5'te", Some(0), At(17, 0)),
        ("yarın 9", Some(1), At(9, 0)),
    ];

    #[test]
    fn friday() {
        check_rel(&ctx(FRI, 9, 18), FRI_REL);
    }

    const DEC31_ABS: &[Abs] = &[
        ("yarın", Some((2027, 1, 1)), No),
        ("öbür gün", Some((2027, 1, 2)), No),
        ("15 Aralık", Some((2027, 12, 15)), No),
        ("31 Aralık", Some((2026, 12, 31)), No),
        ("1 Ocak", Some((2027, 1, 1)), No),
        ("ayın 3'ü", Some((2027, 1, 3)), No),
        ("ayın 31'i", Some((2026, 12, 31)), No),
        ("haftaya", Some((2027, 1, 4)), No),
        ("cuma", Some((2027, 1, 1)), No),
        ("perşembe", Some((2026, 12, 31)), No),
        ("haftaya salı", Some((2027, 1, 5)), No),
        ("3 gün sonra", Some((2027, 1, 3)), No),
        ("1 hafta sonra", Some((2027, 1, 7)), No),
        ("15.12", Some((2027, 12, 15)), No),
        ("31.12", Some((2026, 12, 31)), No),
        ("1/1", Some((2027, 1, 1)), No),
        ("gelecek ayın 5'i", Some((2027, 1, 5)), No),
        ("in 2 weeks", Some((2027, 1, 14)), No),
        ("bir ay sonra", Some((2027, 1, 31)), No),
        ("yılbaşı akşamı, bugün 8'de", Some((2026, 12, 31)), At(20, 0)),
    ];

    #[test]
    fn new_years_eve() {
        check_abs(&ctx(DEC31, 9, 18), DEC31_ABS);
    }

    const FEB28_ABS: &[Abs] = &[
        ("yarın", Some((2028, 2, 29)), No),
        ("29 şubat", Some((2028, 2, 29)), No),
        ("29.02", Some((2028, 2, 29)), No),
        ("öbür gün", Some((2028, 3, 1)), No),
        ("ayın 29'u", Some((2028, 2, 29)), No),
        ("ayın 30'u", Some((2028, 3, 30)), No),
        ("28 şubat", Some((2028, 2, 28)), No),
        ("27 şubat", Some((2029, 2, 27)), No),
        ("1 mart", Some((2028, 3, 1)), No),
        ("haftaya", Some((2028, 3, 6)), No),
        ("cuma", Some((2028, 3, 3)), No),
        ("3 gün sonra", Some((2028, 3, 2)), No),
        ("pazartesi", Some((2028, 2, 28)), No),
        ("next monday", Some((2028, 3, 6)), No),
        ("29 şubat 2029", None, No),
        ("1 ay sonra", Some((2028, 3, 28)), No),
    ];

    #[test]
    fn leap_year() {
        check_abs(&ctx(FEB28, 9, 18), FEB28_ABS);
    }

    /// Open 10:00-22:00: a bare hour is read inside opening hours.
    const LATE_REL: &[Rel] = &[
        ("saat 3", None, At(15, 0)),
        ("saat 9", None, At(21, 0)),
        ("saat 8", None, At(20, 0)),
        ("saat 10", None, At(10, 0)),
        ("saat 11", None, At(11, 0)),
        ("saat 12", None, At(12, 0)),
        ("saat 7", None, At(19, 0)),
        ("saat 1", None, At(13, 0)),
        ("saat 6", None, At(18, 0)),
        ("2'de", None, At(14, 0)),
        ("9 gibi", None, At(21, 0)),
        ("9:30", None, At(21, 30)),
        ("saat 09:30", None, At(9, 30)),
        ("10 buçuk", None, At(10, 30)),
        ("sabah 9", None, At(9, 0)),
        ("akşam 9", None, At(21, 0)),
        ("9pm", None, At(21, 0)),
        ("9am", None, At(9, 0)),
        ("saat 21", None, At(21, 0)),
        ("yarın 8", Some(1), At(20, 0)),
        ("3-5 arası", None, Btw(15, 0, 17, 0)),
        ("cuma akşam", Some(4), EVENING),
    ];

    #[test]
    fn open_late() {
        check_rel(&ctx(MON, 10, 22), LATE_REL);
    }

    #[test]
    fn table_size() {
        let n = MON_REL.len() + MON_ABS.len() + FRI_REL.len() + DEC31_ABS.len() + FEB28_ABS.len() + LATE_REL.len();
        assert!(n >= 300, "{n} cases");
    }

    #[test]
    fn is_empty() {
        let c = ctx(MON, 9, 18);
        assert!(parse("merhaba", &c).is_empty());
        assert!(When::default().is_empty());
        assert!(!parse("yarın", &c).is_empty());
        assert!(!parse("saat 3", &c).is_empty());
    }

    /// Deterministic pseudo-random strings from awkward pieces must never panic.
    #[test]
    fn never_panics() {
        let c = ctx(MON, 9, 18);
        let long_digits = "9".repeat(10_000);
        let long_dots = "1.".repeat(5_000);
        let long_words = "yarın saat 3'te ".repeat(700);
        let long_emoji = "😀".repeat(3_000);
        let fixed = [
            "",
            "😀",
            "'''",
            "::::",
            "12:",
            ":30",
            "-",
            "--5",
            "5-",
            "99:99",
            "24:00",
            "00:00",
            "0",
            "0 gibi",
            "saat 0",
            "saat 24",
            "31.31.31",
            "0/0",
            "9999-99-99",
            "0000-01-01",
            "1.1.1.1",
            "4294967296",
            "18446744073709551616 gün sonra",
            "99999 gün sonra",
            "9999 hafta sonra",
            "ayın 0'ı",
            "ayın 99'u",
            "saat 3'e 75 kala",
            "saat 1'e çeyrek kala",
            "saat 0'a çeyrek kala",
            "İİİIII",
            "i̇stanbul",
            "Привет, завтра в 3",
            "你好，明天下午三点",
            "مرحبا غدا",
            "\u{0}\u{1}\u{7f}",
            "ﬁ ß ǅ",
            &long_digits,
            &long_dots,
            &long_words,
            &long_emoji,
        ];
        for s in fixed {
            let _ = parse(s, &c);
        }
        let pieces = [
            "yarın", "saat", "3", "'te", ":", ".", "/", "-", "15", "aralık", "ayın", "gün", "sonra", "çeyrek", "geçe",
            "kala", "buçuk", "akşam", "öğlen", "pm", "a", "m", "ile", "arası", "0", "24", "99", "haftaya", "next",
            "the", "3rd", " ", "😀", "İ", "ı", "on", "bir", "kişi", "between", "and", "half", "past", "quarter", "to",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3_000 {
            let mut s = String::new();
            for _ in 0..(seed % 12) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                if seed & 1 == 0 {
                    s.push(' ');
                }
            }
            seed = seed.wrapping_add(1);
            let _ = parse(&s, &c);
        }
    }

    #[test]
    fn long_message_is_fast() {
        let c = ctx(MON, 9, 18);
        let mut msg = String::new();
        while msg.len() < 2_000 {
            msg.push_str("Merhaba, köpeğimin aşısı için 2 kişi gelebiliriz; fiyatı 500 TL mi? ");
        }
        msg.push_str("yarın öğleden sonra 3 gibi");
        let start = std::time::Instant::now();
        let runs = 100;
        let mut got = When::default();
        for _ in 0..runs {
            got = parse(&msg, &c);
        }
        let each = start.elapsed() / runs;
        assert_eq!(got.date, Some(date(2026, 5, 5)));
        assert_eq!(got.time, Some(TimeOfDay::At(hm(15, 0))));
        // Generous for unoptimised test builds; release builds take a few microseconds.
        assert!(each.as_millis() < 20, "{each:?} per parse");
    }
}

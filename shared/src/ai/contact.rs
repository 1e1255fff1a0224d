//! Contact details typed in the chat ("Adım Ali Kaya, telefonum 0532 999 88 77"): found
//! offline, so the bot that asked for them can take them, and kept out of knowledge gaps.

use super::LeadFields;
use super::text::fold;

/// Phrases (folded) after which a name follows: "adım Ali", "ismim Ali", "my name is Ali".
const NAME_CUES: &[&str] = &["adim", "ismim", "adim soyadim", "ad soyad", "my name is", "name is", "i am", "im"];
/// Cues that introduce a name only when it is capitalised ("Ben Ali Kaya" but not "ben de").
const WEAK_NAME_CUES: &[&str] = &["ben", "this is"];

fn digits(s: &str) -> usize {
    s.chars().filter(char::is_ascii_digit).count()
}

/// Runs of characters a phone number is written with (`+90 (532) 999-88-77`).
fn phone_runs(message: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in message.char_indices() {
        let part = c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | '.' | ' ');
        match (part, start) {
            (true, None) if c.is_ascii_digit() || c == '+' || c == '(' => start = Some(i),
            (false, Some(s)) => {
                out.push(message[s..i].trim());
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(message[s..].trim());
    }
    out.into_iter().filter(|r| (10..=15).contains(&digits(r))).collect()
}

/// The first valid phone number in `message`, in E.164.
pub fn phone_in(message: &str) -> Option<String> {
    phone_runs(message).into_iter().find_map(|r| crate::domain::PhoneE164::parse(r).ok()).map(String::from)
}

/// The first valid e-mail address in `message`.
pub fn email_in(message: &str) -> Option<String> {
    message
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '<' | '>' | '(' | ')'))
        .filter(|w| w.contains('@'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find_map(|w| crate::domain::Email::parse(w).ok().map(|e| e.as_str().to_string()))
}

/// The name after a cue ("adım …", "my name is …"): up to three words of letters.
pub fn name_in(message: &str) -> Option<String> {
    let words: Vec<&str> = message
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':'))
        .filter(|w| !w.is_empty())
        .collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    for start in 0..words.len() {
        for (cues, strong) in [(NAME_CUES, true), (WEAK_NAME_CUES, false)] {
            for cue in cues {
                let cue_words: Vec<&str> = cue.split(' ').collect();
                let end = start + cue_words.len();
                if end > words.len() || folded[start..end].iter().map(String::as_str).ne(cue_words.iter().copied()) {
                    continue;
                }
                let name: Vec<&str> = words[end..]
                    .iter()
                    .take(3)
                    .take_while(|w| w.chars().all(char::is_alphabetic) && w.chars().count() >= 2)
                    .take_while(|w| strong || w.chars().next().is_some_and(char::is_uppercase))
                    .copied()
                    .filter(|w| {
                        !matches!(fold(w).as_str(), "ve" | "and" | "telefonum" | "numaram" | "mailim" | "epostam")
                    })
                    .collect();
                // Stop at the first word that is not part of a name ("adım Ali, telefonum …").
                if !name.is_empty() {
                    return Some(name.iter().map(|w| title_case(w)).collect::<Vec<_>>().join(" "));
                }
            }
        }
    }
    None
}

fn title_case(word: &str) -> String {
    let lower = super::text::turkish_lowercase(word);
    let mut chars = lower.chars();
    match chars.next() {
        Some('i') => format!("İ{}", chars.as_str()),
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The contact details in `message`, when it holds a phone number or an e-mail address.
pub fn contact_in(message: &str) -> Option<LeadFields> {
    let phone = phone_in(message);
    let email = email_in(message);
    if phone.is_none() && email.is_none() {
        return None;
    }
    Some(LeadFields { name: name_in(message), email, phone, note: None })
}

/// `message` with phone numbers and e-mail addresses replaced, for what is stored beyond the
/// conversation (knowledge gaps): personal data stays in the conversation and the lead.
pub fn redact(message: &str) -> String {
    let mut out = message.to_string();
    for run in phone_runs(message) {
        if crate::domain::PhoneE164::parse(run).is_ok() {
            out = out.replace(run, "[telefon]");
        }
    }
    let words: Vec<String> = out.split_whitespace().map(str::to_owned).collect();
    words
        .into_iter()
        .map(|w| if w.contains('@') && email_in(&w).is_some() { "[e-posta]".to_string() } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a reply asks the customer for contact details (the widget then offers its form).
pub fn asks_for_contact(reply: &str) -> bool {
    let f = fold(reply);
    [
        "telefon numaranizi",
        "iletisim bilgilerinizi",
        "adinizi ve telefon",
        "numaranizi birak",
        "e posta adresinizi birak",
        "your phone number",
        "your name and phone",
        "contact details",
    ]
    .iter()
    .any(|p| f.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_phones_and_addresses_typed_in_chat_are_found() {
        let f = contact_in("Adım Ali Kaya, telefonum 0532 999 88 77").unwrap();
        assert_eq!(f.name.as_deref(), Some("Ali Kaya"));
        assert_eq!(f.phone.as_deref(), Some("+905329998877"));
        let f = contact_in("ben Ayşe, mailim ayse.yilmaz@example.com").unwrap();
        assert_eq!(f.email.as_deref(), Some("ayse.yilmaz@example.com"));
        assert_eq!(f.name.as_deref(), Some("Ayşe"));
        let f = contact_in("ben de bilgi almak isterim, ayse@example.com").unwrap();
        assert_eq!(f.name, None, "after 'ben' only a capitalised word is a name");
        let f = contact_in("My name is john smith, +90 (216) 555-12-34").unwrap();
        assert_eq!((f.name.as_deref(), f.phone.as_deref()), (Some("John Smith"), Some("+902165551234")));
        let f = contact_in("adim ismail, numaram 05329998877").unwrap();
        assert_eq!(f.name.as_deref(), Some("İsmail"));
    }

    #[test]
    fn prices_dates_and_ages_are_not_phone_numbers() {
        for text in ["İmplant 25.000 TL mi?", "15.12.2026 saat 14:30 uygun mu", "5 yaşında oğlum var", "Merhaba"] {
            assert_eq!(contact_in(text), None, "{text}");
        }
    }

    #[test]
    fn redaction_keeps_the_question_and_drops_the_details() {
        let r = redact("Adım Ali, 0532 999 88 77 numaradan ya da ali@example.com adresinden ulaşın, implant fiyatı?");
        assert!(!r.contains("999") && !r.contains("ali@example.com"), "{r}");
        assert!(r.contains("[telefon]") && r.contains("[e-posta]") && r.contains("implant fiyatı?"), "{r}");
    }

    #[test]
    fn a_reply_asking_for_contact_details_is_recognised() {
        assert!(asks_for_contact("Bu sohbetten adınızı ve telefon numaranızı bırakırsanız ekibimiz sizi arar."));
        assert!(!asks_for_contact("Hafta içi 09:00-19:00 arası açığız."));
    }
}

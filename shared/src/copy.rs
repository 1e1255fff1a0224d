//! Every sentence the product itself says to a business's customers (on WhatsApp and in the
//! widget), in both languages, and the one `Language` they are chosen by. A tenant's own texts
//! (a bot's welcome, fallback and handoff messages) start as the defaults here.

use serde::{Deserialize, Serialize};

/// A bot's language, a user's, or the language a customer wrote in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Tr,
    En,
}

impl Language {
    /// The language of an `Accept-Language` header or a tag like `en-GB` (Turkish otherwise).
    pub fn from_tag(tag: &str) -> Self {
        if tag.trim().to_ascii_lowercase().starts_with("en") { Self::En } else { Self::Tr }
    }

    /// Picks the sentence in this language.
    pub fn pick<'a>(self, tr: &'a str, en: &'a str) -> &'a str {
        match self {
            Self::Tr => tr,
            Self::En => en,
        }
    }
}

/// A new bot's welcome message.
pub fn welcome(language: Language) -> &'static str {
    language.pick("Merhaba! Size nasıl yardımcı olabilirim?", "Hello! How can I help you?")
}

/// What the bot says when its knowledge has no answer (a new bot's fallback message, and the
/// answer in the other language).
pub fn fallback(language: Language) -> &'static str {
    language.pick(
        "Bu konuda elimde net bir bilgi yok. İsterseniz sizi bir müşteri temsilcimize yönlendirebilirim; iletişim bilgilerinizi bırakırsanız ekibimiz size dönüş yapacak.",
        "I don't have clear information about that. I can connect you with a member of our team; leave your contact details and we'll get back to you.",
    )
}

/// What the bot says when it hands the conversation to a person.
pub fn handoff(language: Language) -> &'static str {
    language.pick(
        "Sizi bir müşteri temsilcimize aktarıyorum. En kısa sürede buradan size dönüş yapılacak.",
        "I'm handing you over to a member of our team. Someone will reply here shortly.",
    )
}

/// What the customer taps to reach a person (it reads as a request for one).
pub fn person_choice(language: Language) -> &'static str {
    language.pick("Yetkiliye bağlan", "Talk to someone")
}

/// The label of the WhatsApp button that opens a list of choices.
pub fn choices_button(language: Language) -> &'static str {
    language.pick("Seçenekler", "Options")
}

/// The thanks for contact details given in the chat, by name when one was given.
pub fn contact_thanks(language: Language, name: Option<&str>) -> String {
    match (language, name) {
        (Language::Tr, Some(n)) => {
            format!("Teşekkürler {n}, bilgilerinizi aldım. Ekibimiz en kısa sürede sizinle iletişime geçecek.")
        }
        (Language::En, Some(n)) => {
            format!("Thank you, {n}, I have your details. Our team will get in touch with you shortly.")
        }
        (language, None) => language
            .pick(
                "Teşekkürler, bilgilerinizi aldım. Ekibimiz en kısa sürede sizinle iletişime geçecek.",
                "Thank you, I have your details. Our team will get in touch with you shortly.",
            )
            .to_string(),
    }
}

/// The answer to WhatsApp media the bot cannot read (no caption, no transcript).
pub fn media_only(language: Language) -> &'static str {
    language.pick(
        "Teşekkürler! Şimdilik yalnızca yazılı mesajlara yanıt verebiliyorum; sorunuzu yazabilir misiniz?",
        "Thanks! For now I can only answer text messages — could you write your question?",
    )
}

/// The widget's answer when a visitor writes faster than the limit.
pub fn too_fast(language: Language) -> &'static str {
    language.pick(
        "Çok hızlı mesaj gönderiyorsunuz. Lütfen biraz bekleyip tekrar deneyin.",
        "You are sending messages too quickly. Please wait a moment and try again.",
    )
}

/// The widget's answer when the business's budget (or the conversation's daily limit) is used up.
pub fn cannot_answer_now(language: Language) -> &'static str {
    language.pick(
        "Şu anda yanıt veremiyoruz. Lütfen daha sonra tekrar deneyin veya bize doğrudan ulaşın.",
        "We can't answer right now. Please try again later or contact us directly.",
    )
}

// Booking an appointment in the conversation (the guided flow).

pub fn booking_which_service(language: Language) -> &'static str {
    language.pick("Hangi hizmet için randevu almak istersiniz?", "Which service would you like to book?")
}

pub fn booking_which_day(language: Language, service: &str) -> String {
    match language {
        Language::Tr => format!("{service} için hangi gün size uygun?"),
        Language::En => format!("Which day suits you for {service}?"),
    }
}

pub fn booking_day_full(language: Language, day: &str) -> String {
    match language {
        Language::Tr => format!("{day} için boş saat kalmadı. Şu günlerde yer var:"),
        Language::En => format!("There is no free time left on {day}. These days have room:"),
    }
}

pub fn booking_which_time(language: Language, day: &str) -> String {
    match language {
        Language::Tr => format!("{day} için boş saatler bunlar. Hangisi size uygun?"),
        Language::En => format!("These times are free on {day}. Which one suits you?"),
    }
}

pub fn booking_time_full(language: Language, day: &str) -> String {
    match language {
        Language::Tr => format!("{day} için istediğiniz saatte yer yok. En yakın boş saatler:"),
        Language::En => format!("There is no room at that time on {day}. The nearest free times:"),
    }
}

pub fn booking_whose_name(language: Language) -> &'static str {
    language.pick(
        "Randevuyu kimin adına oluşturayım? Adınızı ve soyadınızı yazar mısınız?",
        "Whose name should the appointment be under? Please write the full name.",
    )
}

pub fn booking_phone(language: Language) -> &'static str {
    language.pick(
        "Size ulaşabileceğimiz bir telefon numarası yazar mısınız? (ör. 0532 123 45 67)",
        "Could you write a phone number we can reach you on? (e.g. +44 7700 900123)",
    )
}

pub fn booking_bad_phone(language: Language) -> &'static str {
    language.pick(
        "Bu numarayı okuyamadım. 0532 123 45 67 gibi yazar mısınız?",
        "I couldn't read that number. Could you write it like +44 7700 900123?",
    )
}

pub fn booking_confirm(language: Language, summary: &str) -> String {
    match language {
        Language::Tr => format!("{summary}\nOnaylıyor musunuz?"),
        Language::En => format!("{summary}\nShall I book it?"),
    }
}

pub fn booking_confirm_choice(language: Language) -> &'static str {
    language.pick("Onayla", "Confirm")
}

pub fn booking_change_choice(language: Language) -> &'static str {
    language.pick("Başka gün/saat", "Another time")
}

pub fn booking_cancel_choice(language: Language) -> &'static str {
    language.pick("Vazgeç", "Never mind")
}

pub fn booking_done(language: Language, summary: &str) -> String {
    match language {
        Language::Tr => format!(
            "Randevunuz oluşturuldu ✅\n{summary}\nDeğiştirmek ya da iptal etmek isterseniz buraya yazmanız yeterli."
        ),
        Language::En => format!("Your appointment is booked ✅\n{summary}\nTo change or cancel it, just write here."),
    }
}

pub fn booking_taken(language: Language) -> &'static str {
    language.pick("Bu saat az önce doldu. Şu saatler hâlâ boş:", "That time was just taken. These are still free:")
}

pub fn booking_left(language: Language) -> &'static str {
    language.pick(
        "Tamam, randevu işlemini bıraktım. Başka nasıl yardımcı olabilirim?",
        "All right, I've stopped the booking. How else can I help?",
    )
}

pub fn booking_no_time(language: Language) -> &'static str {
    language.pick(
        "Önümüzdeki günlerde boş randevu saati görünmüyor. İsterseniz sizi ekibimize bağlayabilirim.",
        "I can't see any free time in the coming days. I can connect you with our team if you like.",
    )
}

pub fn booking_pick_one(language: Language) -> &'static str {
    language.pick("Seçeneklerden birini seçebilir ya da yazabilirsiniz.", "You can tap one of the options or write it.")
}

pub fn booking_resume(language: Language) -> &'static str {
    language.pick("Randevunuza devam edelim:", "Let's carry on with your booking:")
}

pub fn booking_upcoming(language: Language, list: &str) -> String {
    match language {
        Language::Tr => format!("Yaklaşan randevunuz:\n{list}"),
        Language::En => format!("Your upcoming appointment:\n{list}"),
    }
}

pub fn booking_none_upcoming(language: Language) -> &'static str {
    language.pick(
        "Bu görüşmeye kayıtlı yaklaşan bir randevu göremiyorum. Yeni randevu almak ister misiniz?",
        "I can't see an upcoming appointment for this chat. Would you like to book one?",
    )
}

pub fn booking_new_choice(language: Language) -> &'static str {
    language.pick("Randevu almak istiyorum", "I'd like to book")
}

pub fn booking_change_mine(language: Language) -> &'static str {
    language.pick("Randevumu değiştir", "Change it")
}

pub fn booking_cancel_mine(language: Language) -> &'static str {
    language.pick("Randevumu iptal et", "Cancel it")
}

pub fn booking_which_one(language: Language) -> &'static str {
    language.pick("Hangi randevunuz?", "Which appointment?")
}

pub fn booking_cancel_ask(language: Language, label: &str) -> String {
    match language {
        Language::Tr => format!("{label}\nBu randevuyu iptal edeyim mi?"),
        Language::En => format!("{label}\nShall I cancel this appointment?"),
    }
}

pub fn booking_cancel_yes(language: Language) -> &'static str {
    language.pick("Evet, iptal et", "Yes, cancel it")
}

pub fn booking_keep(language: Language) -> &'static str {
    language.pick("Hayır, kalsın", "No, keep it")
}

pub fn booking_cancelled(language: Language) -> &'static str {
    language.pick(
        "Randevunuz iptal edildi. Yeni bir randevu isterseniz buraya yazmanız yeterli.",
        "Your appointment is cancelled. To book a new one, just write here.",
    )
}

pub fn booking_kept(language: Language) -> &'static str {
    language.pick("Tamam, randevunuz duruyor.", "All right, your appointment stays as it is.")
}

pub fn booking_moved(language: Language, summary: &str) -> String {
    match language {
        Language::Tr => format!("Randevunuz güncellendi ✅\n{summary}"),
        Language::En => format!("Your appointment is moved ✅\n{summary}"),
    }
}

/// The reminder a customer gets before an appointment.
pub fn reminder(language: Language, name: &str, business: &str, service: &str, when: &str, with: &str) -> String {
    match language {
        Language::Tr => format!(
            "Merhaba {name}, {business} randevunuzu hatırlatmak isteriz: {service}, {when} ({with}). Gelemeyecekseniz lütfen haber verin."
        ),
        Language::En => format!(
            "Hello {name}, a reminder of your appointment at {business}: {service}, {when} ({with}). If you can't make it, please let us know."
        ),
    }
}

/// The confirmation a customer gets when the team booked for them.
pub fn booking_confirmation(
    language: Language,
    name: &str,
    business: &str,
    service: &str,
    when: &str,
    with: &str,
) -> String {
    match language {
        Language::Tr => format!(
            "Merhaba {name}, {business} randevunuz oluşturuldu: {service}, {when} ({with}). Değiştirmek ya da iptal etmek isterseniz bize yazabilirsiniz."
        ),
        Language::En => format!(
            "Hello {name}, your appointment at {business} is booked: {service}, {when} ({with}). To change or cancel it, just write to us."
        ),
    }
}

pub fn booking_confirmation_subject(language: Language, business: &str) -> String {
    match language {
        Language::Tr => format!("Randevunuz oluşturuldu: {business}"),
        Language::En => format!("Your appointment is booked: {business}"),
    }
}

pub fn reminder_subject(language: Language, business: &str) -> String {
    match language {
        Language::Tr => format!("Randevu hatırlatması: {business}"),
        Language::En => format!("Appointment reminder: {business}"),
    }
}

pub fn reminder_coming(language: Language) -> &'static str {
    language.pick("Geleceğim", "I'll be there")
}

pub fn reminder_cancel(language: Language) -> &'static str {
    language.pick("İptal et", "Cancel it")
}

pub fn reminder_thanks(language: Language) -> &'static str {
    language.pick("Teşekkürler, görüşmek üzere!", "Thank you, see you then!")
}

const TR_DAYS: [&str; 7] = ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"];
const EN_DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const TR_MONTHS: [&str; 12] =
    ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A day as people say it: "Salı 1 Aralık", "Tuesday 1 December".
pub fn day_label(language: Language, date: jiff::civil::Date) -> String {
    let weekday = usize::from(date.weekday().to_monday_zero_offset() as u8);
    let month = usize::try_from(date.month() - 1).unwrap_or(0);
    match language {
        Language::Tr => format!("{} {} {}", TR_DAYS[weekday], date.day(), TR_MONTHS[month]),
        Language::En => format!("{} {} {}", EN_DAYS[weekday], date.day(), EN_MONTHS[month]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sentence_exists_in_both_languages_and_they_differ() {
        type Sentence = fn(Language) -> &'static str;
        let all: [(&str, Sentence); 8] = [
            ("welcome", welcome),
            ("fallback", fallback),
            ("handoff", handoff),
            ("person_choice", person_choice),
            ("choices_button", choices_button),
            ("media_only", media_only),
            ("too_fast", too_fast),
            ("cannot_answer_now", cannot_answer_now),
        ];
        for (name, sentence) in all {
            let (tr, en) = (sentence(Language::Tr), sentence(Language::En));
            assert!(!tr.trim().is_empty() && !en.trim().is_empty(), "{name}");
            assert_ne!(tr, en, "{name} is not translated");
        }
        assert_ne!(contact_thanks(Language::Tr, Some("Ayşe")), contact_thanks(Language::En, Some("Ayşe")));
        assert!(contact_thanks(Language::Tr, Some("Ayşe")).contains("Ayşe"));
    }

    #[test]
    fn a_language_tag_is_english_only_when_it_says_so() {
        assert_eq!(Language::from_tag("en-GB,en;q=0.9"), Language::En);
        assert_eq!(Language::from_tag("tr-TR"), Language::Tr);
        assert_eq!(Language::from_tag("de"), Language::Tr);
        assert_eq!(serde_json::to_string(&Language::En).unwrap(), "\"en\"");
    }
}

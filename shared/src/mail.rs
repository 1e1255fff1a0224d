//! E-mail to users, through Amazon SES (v2): what each message says, in Turkish and English,
//! as plain text plus simple HTML, and how it is sent.
//!
//! Locally moto serves SES and the launcher keeps every message for the mailbox page
//! (`make dev`: http://localhost:8025; docs/local-moto.md).

use anyhow::Context;
use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message};

use crate::copy::Language;
use crate::state::AppState;

/// What a message is about; each kind carries the links it needs.
#[derive(Debug, Clone)]
pub enum Notice {
    /// After sign-up: confirm the address.
    VerifyEmail { link: String },
    /// Someone signed up with an address that already has an account.
    AccountExists { login_link: String, reset_link: String },
    /// A password reset was asked for.
    ResetPassword { link: String },
    /// Confirm the new address of an e-mail change.
    ConfirmNewEmail { link: String },
    /// Someone asked to move an account to an address that already has an account.
    NewEmailTaken,
    /// To the old address, once the change is done.
    EmailChanged { new_email: String },
    /// The password was changed or reset.
    PasswordChanged,
    /// A channel used `percent` % of its monthly answers.
    Usage { channel: String, percent: u8, used: u64, limit: u64, link: String },
    /// Someone was invited to join a tenant's team.
    Invitation { tenant: String, inviter: String, admin: bool, link: String },
    /// What the team should look at: one event, or a digest of several.
    Team { tenant: String, events: Vec<TeamEvent>, link: String },
}

/// One thing a member is told about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamEvent {
    /// A conversation came to the team (`customer`: a name or number; `None`: a website
    /// visitor who gave none).
    Handoff { customer: Option<String>, preview: String },
    /// A handed-off customer has waited `minutes` for a person.
    Waiting { customer: Option<String>, minutes: u32 },
    /// A new lead.
    Lead { name: String },
}

impl TeamEvent {
    fn who(customer: &Option<String>, tr: bool) -> String {
        match (customer, tr) {
            (Some(name), _) => name.clone(),
            (None, true) => "Bir web ziyaretçisi".into(),
            (None, false) => "A website visitor".into(),
        }
    }

    fn line(&self, tr: bool) -> String {
        match (self, tr) {
            (TeamEvent::Handoff { customer, preview }, true) => {
                format!("{} bir temsilci bekliyor: “{preview}”", Self::who(customer, tr))
            }
            (TeamEvent::Handoff { customer, preview }, false) => {
                format!("{} is waiting for a person: “{preview}”", Self::who(customer, tr))
            }
            (TeamEvent::Waiting { customer, minutes }, true) => {
                format!("{} {minutes} dakikadır bir temsilcinin yanıtını bekliyor.", Self::who(customer, tr))
            }
            (TeamEvent::Waiting { customer, minutes }, false) => {
                format!("{} has waited {minutes} minutes for an answer from a person.", Self::who(customer, tr))
            }
            (TeamEvent::Lead { name }, true) => format!("Yeni müşteri adayı: {name}"),
            (TeamEvent::Lead { name }, false) => format!("New lead: {name}"),
        }
    }
}

/// A composed message.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Minutes a password-reset link stays valid.
pub const RESET_MINUTES: i64 = 30;
/// Hours a verification link stays valid.
pub const VERIFY_HOURS: i64 = 48;

fn esc(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// Subject, the paragraphs, and an optional call to action `(label, link)`.
fn words(notice: &Notice, lang: Language) -> (String, Vec<String>, Option<(String, String)>) {
    let tr = lang == Language::Tr;
    let pick = |t: &str, e: &str| if tr { t.to_string() } else { e.to_string() };
    match notice {
        Notice::VerifyEmail { link } => (
            pick("SvontAi: e-posta adresini doğrula", "SvontAi: confirm your e-mail address"),
            vec![
                pick("SvontAi'ye hoş geldin!", "Welcome to SvontAi!"),
                if tr {
                    format!(
                        "Hesabını tamamlamak için adresini {VERIFY_HOURS} saat içinde doğrula. Doğrulayana kadar botlarını kurup deneyebilirsin; WhatsApp bağlantısı ve sitende yayın doğrulamadan sonra açılır."
                    )
                } else {
                    format!(
                        "Confirm your address within {VERIFY_HOURS} hours to finish your account. Until then you can build and test bots; connecting WhatsApp and publishing the widget on your site open once it is confirmed."
                    )
                },
                pick(
                    "Bu hesabı sen açmadıysan bu e-postayı yok sayabilirsin.",
                    "If you did not sign up, ignore this e-mail.",
                ),
            ],
            Some((pick("Adresimi doğrula", "Confirm my address"), link.clone())),
        ),
        Notice::AccountExists { login_link, reset_link } => (
            pick("SvontAi: bu adresle zaten bir hesabın var", "SvontAi: you already have an account"),
            vec![
                pick(
                    "Bu e-posta adresiyle yeni bir hesap açılmak istendi, ama adresin zaten bir SvontAi hesabına ait. Yeni hesap açılmadı.",
                    "Someone tried to sign up with this address, but it already belongs to a SvontAi account. No new account was made.",
                ),
                if tr {
                    format!("Sen isen giriş yap: {login_link} . Şifreni hatırlamıyorsan sıfırla: {reset_link}")
                } else {
                    format!("If it was you, log in: {login_link} . Forgot your password? Reset it: {reset_link}")
                },
                pick("Sen değilsen hiçbir şey yapmana gerek yok.", "If it was not you, there is nothing to do."),
            ],
            Some((pick("Şifremi sıfırla", "Reset my password"), reset_link.clone())),
        ),
        Notice::ResetPassword { link } => (
            pick("SvontAi: şifre sıfırlama", "SvontAi: reset your password"),
            vec![
                if tr {
                    format!(
                        "Şifreni sıfırlamak için aşağıdaki bağlantıyı {RESET_MINUTES} dakika içinde kullan. Bağlantı tek kullanımlıktır; yeni şifreyle tüm oturumların kapanır."
                    )
                } else {
                    format!(
                        "Use the link below within {RESET_MINUTES} minutes to choose a new password. It works once; setting a new password ends all your sessions."
                    )
                },
                pick(
                    "Bunu sen istemediysen bu e-postayı yok say: şifren değişmez.",
                    "If you did not ask for this, ignore this e-mail: your password stays as it is.",
                ),
            ],
            Some((pick("Yeni şifre belirle", "Choose a new password"), link.clone())),
        ),
        Notice::ConfirmNewEmail { link } => (
            pick("SvontAi: yeni e-posta adresini doğrula", "SvontAi: confirm your new e-mail address"),
            vec![
                pick(
                    "SvontAi hesabının e-posta adresini bu adresle değiştirmek istedin. Onaylamak için bağlantıya tıkla.",
                    "You asked to move your SvontAi account to this address. Click the link to confirm.",
                ),
                pick("Bunu sen istemediysen bu e-postayı yok say.", "If you did not ask for this, ignore this e-mail."),
            ],
            Some((pick("Yeni adresimi onayla", "Confirm my new address"), link.clone())),
        ),
        Notice::NewEmailTaken => (
            pick("SvontAi: bu adres zaten kullanılıyor", "SvontAi: this address is already in use"),
            vec![pick(
                "Başka bir SvontAi hesabı bu adrese taşınmak istedi, ama adresin zaten bir hesaba ait. Hiçbir şey değişmedi.",
                "Another SvontAi account asked to move to this address, but it already belongs to an account. Nothing changed.",
            )],
            None,
        ),
        Notice::EmailChanged { new_email } => (
            pick("SvontAi: e-posta adresin değişti", "SvontAi: your e-mail address changed"),
            vec![
                if tr {
                    format!(
                        "Hesabının e-posta adresi {new_email} olarak değiştirildi. Bundan sonraki e-postalar o adrese gider."
                    )
                } else {
                    format!("Your account's e-mail address is now {new_email}. Mail goes there from now on.")
                },
                pick(
                    "Bunu sen yapmadıysan hemen destek ekibimize yaz.",
                    "If this was not you, contact our support team at once.",
                ),
            ],
            None,
        ),
        Notice::PasswordChanged => (
            pick("SvontAi: şifren değişti", "SvontAi: your password changed"),
            vec![
                pick(
                    "Hesabının şifresi değiştirildi ve açık oturumların kapatıldı.",
                    "Your account's password was changed and your open sessions were ended.",
                ),
                pick(
                    "Bunu sen yapmadıysan hemen şifre sıfırlama iste.",
                    "If this was not you, ask for a password reset at once.",
                ),
            ],
            None,
        ),
        Notice::Invitation { tenant, inviter, admin, link } => (
            if tr {
                format!("SvontAi: {tenant} ekibine davet edildiniz")
            } else {
                format!("SvontAi: you are invited to join {tenant}")
            },
            vec![
                match (tr, admin) {
                    (true, true) => format!("{inviter}, sizi {tenant} ekibine yönetici olarak davet etti."),
                    (true, false) => format!("{inviter}, sizi {tenant} ekibine temsilci olarak davet etti."),
                    (false, true) => format!("{inviter} invited you to join {tenant} as an admin."),
                    (false, false) => format!("{inviter} invited you to join {tenant} as an agent."),
                },
                pick(
                    "Bağlantı 7 gün geçerlidir ve bir kez kullanılabilir. Hesabınız yoksa aynı adresle oluşturabilirsiniz.",
                    "The link works once within 7 days. If you have no account, create one with this address.",
                ),
            ],
            Some((pick("Daveti kabul et", "Accept the invitation"), link.clone())),
        ),
        Notice::Team { tenant, events, link } => {
            let subject = match (events.as_slice(), tr) {
                ([TeamEvent::Handoff { customer, .. }], true) => {
                    format!("{tenant}: {} bir temsilci bekliyor", TeamEvent::who(customer, tr))
                }
                ([TeamEvent::Handoff { customer, .. }], false) => {
                    format!("{tenant}: {} is waiting for a person", TeamEvent::who(customer, tr))
                }
                ([TeamEvent::Waiting { customer, .. }], true) => {
                    format!("{tenant}: {} hâlâ yanıt bekliyor", TeamEvent::who(customer, tr))
                }
                ([TeamEvent::Waiting { customer, .. }], false) => {
                    format!("{tenant}: {} is still waiting", TeamEvent::who(customer, tr))
                }
                ([TeamEvent::Lead { name }], true) => format!("{tenant}: yeni müşteri adayı {name}"),
                ([TeamEvent::Lead { name }], false) => format!("{tenant}: new lead {name}"),
                (many, true) => format!("{tenant}: ekibini bekleyen {} gelişme", many.len()),
                (many, false) => format!("{tenant}: {} things waiting for your team", many.len()),
            };
            let mut paragraphs: Vec<String> = events.iter().map(|e| e.line(tr)).collect();
            paragraphs.push(pick(
                "Bu e-postaları panelde Ayarlar → Bildirimler'den değiştirebilirsin.",
                "Choose which of these e-mails you get in the dashboard under Settings → Notifications.",
            ));
            let label = if events.len() == 1 {
                pick("Panelde aç", "Open in the dashboard")
            } else {
                pick("Gelen kutusunu aç", "Open the inbox")
            };
            (subject, paragraphs, Some((label, link.clone())))
        }
        Notice::Usage { channel, percent, used, limit, link } => (
            if tr {
                format!("SvontAi: {channel} aylık kotanın %{percent}'i kullanıldı")
            } else {
                format!("SvontAi: {percent}% of your monthly {channel} answers used")
            },
            vec![
                if tr {
                    format!("Bu ay {channel} kanalında {limit} yanıtın {used} tanesi kullanıldı.")
                } else {
                    format!("This month, {used} of the {limit} answers of the {channel} channel are used.")
                },
                if *percent >= 100 {
                    pick(
                        "Kota doldu: bu kanal ay sonuna kadar yanıt vermek yerine müşterilerini ekibine yönlendiriyor.",
                        "The quota is used up: until the month ends, this channel hands customers to your team instead of answering.",
                    )
                } else {
                    pick(
                        "Kota dolunca bu kanal yanıt vermeyi bırakır; gerekirse planını yükselt.",
                        "When the quota is used up this channel stops answering; upgrade your plan if needed.",
                    )
                },
            ],
            Some((pick("Kullanımı gör", "See usage"), link.clone())),
        ),
    }
}

/// The message for `notice`, in `lang`, to `to`.
pub fn compose(to: &str, notice: &Notice, lang: Language) -> Mail {
    let (subject, paragraphs, action) = words(notice, lang);
    let mut text = paragraphs.join("\n\n");
    let mut html = String::from(
        "<!doctype html><html><body style=\"font-family:Arial,sans-serif;color:#111;max-width:560px;margin:auto\">",
    );
    html.push_str("<p style=\"font-weight:bold;color:#4f46e5\">SvontAi</p>");
    for p in &paragraphs {
        html.push_str(&format!("<p>{}</p>", esc(p)));
    }
    if let Some((label, link)) = action {
        text.push_str(&format!("\n\n{label}: {link}\n"));
        let href = html_escape::encode_double_quoted_attribute(&link);
        html.push_str(&format!(
            "<p><a href=\"{href}\" style=\"background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none\">{}</a></p><p style=\"font-size:12px;color:#555\">{}</p>",
            esc(&label),
            esc(&link)
        ));
    }
    html.push_str("</body></html>");
    Mail { to: to.to_string(), subject, text, html }
}

/// A dashboard link: `FRONTEND_URL` + `path` (+ `?token=`).
pub fn link(state: &AppState, path: &str, token: Option<&str>) -> String {
    // FRONTEND_URL may list several origins: the first is the dashboard's address.
    let base = state.config.frontend_url.split(',').next().unwrap_or_default().trim().trim_end_matches('/');
    match token {
        Some(t) => format!("{base}{path}?token={t}"),
        None => format!("{base}{path}"),
    }
}

/// Sends `mail` from `MAIL_FROM`. Without `MAIL_FROM` mail is off: logged (without links) and
/// dropped, so a deployment without SES still runs.
pub async fn send(state: &AppState, mail: &Mail) -> anyhow::Result<()> {
    let Some(from) = state.config.mail_from.as_deref() else {
        tracing::warn!(subject = %mail.subject, "MAIL_FROM is not set: a message was not sent");
        return Ok(());
    };
    let part = |data: &str| Content::builder().data(data).charset("UTF-8").build().context("building mail content");
    let message = Message::builder()
        .subject(part(&mail.subject)?)
        .body(Body::builder().text(part(&mail.text)?).html(part(&mail.html)?).build())
        .build();
    state
        .ses
        .send_email()
        .from_email_address(from)
        .destination(Destination::builder().to_addresses(&mail.to).build())
        .content(EmailContent::builder().simple(message).build())
        .send()
        .await
        .context("sending an e-mail through SES")?;
    tracing::info!(subject = %mail.subject, "e-mail sent");
    Ok(())
}

/// Composes and sends; a failure is logged, not returned (the caller's answer must not depend
/// on whether mail went out, or it would tell which addresses have accounts).
pub async fn notify(state: &AppState, to: &str, notice: Notice, lang: Language) {
    if let Err(err) = send(state, &compose(to, &notice, lang)).await {
        tracing::error!(error = %format!("{err:#}"), "an e-mail could not be sent");
    }
}

/// Mails a fresh verification link to the user's address (48 hours, single use).
pub async fn send_verification(state: &AppState, user: &crate::store::users::UserRecord) -> anyhow::Result<()> {
    use crate::store::mailtokens::{self, Purpose};
    let token =
        mailtokens::issue(state, Purpose::VerifyEmail, &user.id, &user.email, None, VERIFY_HOURS * 3600).await?;
    let link = link(state, "/verify-email", Some(&token));
    notify(state, &user.email, Notice::VerifyEmail { link }, user.language).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_notice_has_both_bodies_in_both_languages_with_its_link() {
        let link = "https://app.example.com/reset-password?token=abc&x=<y>".to_string();
        for lang in [Language::Tr, Language::En] {
            let mail = compose("a@b.co", &Notice::ResetPassword { link: link.clone() }, lang);
            assert!(mail.text.contains(&link));
            assert!(mail.html.contains("href=\"https://app.example.com/reset-password?token=abc&amp;x=&lt;y&gt;\""));
            assert!(!mail.html.contains("<y>"));
        }
        let tr = compose("a@b.co", &Notice::PasswordChanged, Language::Tr);
        let en = compose("a@b.co", &Notice::PasswordChanged, Language::En);
        assert!(tr.subject.contains("şifren"));
        assert!(en.subject.contains("password"));
    }

    #[test]
    fn a_team_notice_names_one_event_in_its_subject_and_counts_a_digest() {
        let handoff = TeamEvent::Handoff { customer: Some("Ayşe".into()), preview: "<b>fiyat</b>?".into() };
        let one = Notice::Team { tenant: "Klinik".into(), events: vec![handoff.clone()], link: "https://x/c".into() };
        let mail = compose("a@b.co", &one, Language::Tr);
        assert_eq!(mail.subject, "Klinik: Ayşe bir temsilci bekliyor");
        assert!(!mail.html.contains("<b>fiyat"), "the customer's words are escaped");
        let many = Notice::Team {
            tenant: "Klinik".into(),
            events: vec![
                handoff,
                TeamEvent::Lead { name: "Mehmet".into() },
                TeamEvent::Waiting { customer: None, minutes: 10 },
            ],
            link: "https://x/inbox".into(),
        };
        let digest = compose("a@b.co", &many, Language::En);
        assert_eq!(digest.subject, "Klinik: 3 things waiting for your team");
        assert!(digest.text.contains("New lead: Mehmet") && digest.text.contains("waited 10 minutes"));
    }

    #[test]
    fn names_in_a_message_are_escaped_in_html() {
        let mail = compose("a@b.co", &Notice::EmailChanged { new_email: "<script>@x.co".into() }, Language::En);
        assert!(!mail.html.contains("<script>"));
        assert!(mail.text.contains("<script>@x.co"));
    }
}

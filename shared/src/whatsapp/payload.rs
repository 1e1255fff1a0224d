//! Meta's WhatsApp Cloud API webhook payloads: the signature check and a parser that turns a
//! delivery (possibly batched: several entries, changes, messages and statuses) into events,
//! in payload order. Unknown message types are kept as `Unsupported`, never dropped.

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::store::conversations::{DeliveryStatus, MessageType};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the X-Hub-Signature-256 header is missing")]
    Missing,
    #[error("the X-Hub-Signature-256 header is malformed")]
    Malformed,
    #[error("the signature does not match")]
    Mismatch,
}

/// Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`, in constant time.
pub fn verify_signature(app_secret: &[u8], body: &[u8], header: Option<&str>) -> Result<(), SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?.trim();
    let hex_sig = header.strip_prefix("sha256=").ok_or(SignatureError::Malformed)?;
    let expected = hex::decode(hex_sig).map_err(|_| SignatureError::Malformed)?;
    if expected.len() != 32 {
        return Err(SignatureError::Malformed);
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(app_secret).map_err(|_| SignatureError::Mismatch)?;
    mac.update(body);
    mac.verify_slice(&expected).map_err(|_| SignatureError::Mismatch)
}

#[derive(Debug, thiserror::Error)]
#[error("malformed webhook payload: {0}")]
pub struct ParseError(String);

/// A customer's message, as queued for the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inbound {
    pub phone_number_id: String,
    pub display_phone_number: Option<String>,
    pub wamid: crate::ids::Wamid,
    /// The customer's WhatsApp id (their number, digits only).
    pub from: String,
    pub contact_name: Option<String>,
    pub timestamp: i64,
    /// What was sent; a tapped button (interactive, or a template's quick reply) is `Interactive`.
    pub kind: MessageType,
    /// The text, the tapped title, a caption, or a short description of what was sent.
    pub text: String,
    pub media_id: Option<String>,
    /// For reactions: the message reacted to.
    pub reacted_to: Option<String>,
    /// The message this one replies to, if any.
    pub context_wamid: Option<crate::ids::Wamid>,
    /// `text` is words to answer although the message is media: a caption, or a voice note's
    /// transcript.
    #[serde(default)]
    pub has_caption: bool,
}

impl Inbound {
    /// Whether the bot answers it: text, a tap, or media with a caption or transcript.
    pub fn answerable(&self) -> bool {
        self.kind.answerable() || self.has_caption
    }
}

/// A delivery status of a message the business sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusUpdate {
    pub phone_number_id: String,
    pub wamid: crate::ids::Wamid,
    pub status: DeliveryStatus,
    pub recipient: String,
    pub timestamp: i64,
    /// Meta's error code and title, for `failed`.
    pub error: Option<(i64, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Inbound(Inbound),
    Status(StatusUpdate),
}

// The payload, as much of it as we read.
#[derive(Deserialize)]
struct Payload {
    #[serde(default)]
    object: String,
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    #[serde(default)]
    field: String,
    #[serde(default)]
    value: Option<Value>,
}

#[derive(Deserialize)]
struct Value {
    metadata: Option<Metadata>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    messages: Vec<serde_json::Value>,
    #[serde(default)]
    statuses: Vec<RawStatus>,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(default)]
    display_phone_number: Option<String>,
    phone_number_id: String,
}

#[derive(Deserialize)]
struct Contact {
    #[serde(default)]
    wa_id: String,
    profile: Option<Profile>,
}

#[derive(Deserialize)]
struct Profile {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct RawStatus {
    id: String,
    status: String,
    #[serde(default)]
    recipient_id: String,
    #[serde(default)]
    timestamp: Option<String>,
    #[serde(default)]
    errors: Vec<RawError>,
}

#[derive(Deserialize)]
struct RawError {
    #[serde(default)]
    code: i64,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

fn parse_payload(body: &[u8]) -> Result<Payload, ParseError> {
    serde_json::from_slice(body).map_err(|e| ParseError(e.to_string()))
}

/// The distinct phone number ids of a delivery (to choose its app secret before verifying).
pub fn phone_number_ids(body: &[u8]) -> Result<Vec<String>, ParseError> {
    let payload = parse_payload(body)?;
    let mut ids: Vec<String> = Vec::new();
    for change in payload.entry.iter().flat_map(|e| &e.changes) {
        if let Some(id) = change.value.as_ref().and_then(|v| v.metadata.as_ref()).map(|m| &m.phone_number_id)
            && !ids.contains(id)
        {
            ids.push(id.clone());
        }
    }
    Ok(ids)
}

fn str_at<'a>(v: &'a serde_json::Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(v, |v, key| v.get(key)).and_then(|v| v.as_str())
}

/// Characters of text kept from one message.
const MAX_TEXT: usize = 4096;

fn message(raw: &serde_json::Value, meta: &Metadata, contacts: &[Contact]) -> Option<Inbound> {
    let wamid = raw.get("id")?.as_str()?.to_string();
    let from = raw.get("from")?.as_str()?.to_string();
    let kind_name = raw.get("type").and_then(|t| t.as_str()).unwrap_or("unsupported");
    let timestamp = raw.get("timestamp").and_then(|t| t.as_str()).and_then(|t| t.parse().ok()).unwrap_or(0);
    let caption = |media: &str| str_at(raw, &[media, "caption"]).map(str::to_owned);
    let media_id = |media: &str| str_at(raw, &[media, "id"]).map(str::to_owned);
    let (kind, text, media, reacted_to) = match kind_name {
        "text" => (MessageType::Text, str_at(raw, &["text", "body"]).unwrap_or_default().to_string(), None, None),
        "interactive" => {
            // A list row's description holds the whole choice when its title had to be clipped
            // (rows the bot sends: graph::message_body); otherwise the title is the choice.
            let row = |field: &str| str_at(raw, &["interactive", "list_reply", field]).filter(|s| !s.is_empty());
            let title = str_at(raw, &["interactive", "button_reply", "title"])
                .or_else(|| {
                    row("title").filter(|t| !t.ends_with('…')).or_else(|| row("description")).or_else(|| row("title"))
                })
                .or_else(|| str_at(raw, &["interactive", "nfm_reply", "body"]))
                .unwrap_or_default();
            (MessageType::Interactive, title.to_string(), None, None)
        }
        "button" => (
            MessageType::Interactive,
            str_at(raw, &["button", "text"])
                .or_else(|| str_at(raw, &["button", "payload"]))
                .unwrap_or_default()
                .to_string(),
            None,
            None,
        ),
        "image" => (MessageType::Image, caption("image").unwrap_or_else(|| "[image]".into()), media_id("image"), None),
        "video" => (MessageType::Video, caption("video").unwrap_or_else(|| "[video]".into()), media_id("video"), None),
        "audio" => (MessageType::Audio, "[audio]".to_string(), media_id("audio"), None),
        "sticker" => (MessageType::Sticker, "[sticker]".to_string(), media_id("sticker"), None),
        "document" => {
            let name = str_at(raw, &["document", "filename"]).unwrap_or("document");
            let text = caption("document").unwrap_or_else(|| format!("[document] {name}"));
            (MessageType::Document, text, media_id("document"), None)
        }
        "location" => {
            let loc = raw.get("location");
            let num = |k: &str| loc.and_then(|l| l.get(k)).and_then(|v| v.as_f64()).unwrap_or_default();
            let name = loc.and_then(|l| l.get("name")).and_then(|v| v.as_str()).unwrap_or("");
            let text = format!("[location] {:.6},{:.6} {name}", num("latitude"), num("longitude")).trim().to_string();
            (MessageType::Location, text, None, None)
        }
        "contacts" => {
            let names: Vec<&str> = raw
                .get("contacts")
                .and_then(|c| c.as_array())
                .map(|a| a.iter().filter_map(|c| str_at(c, &["name", "formatted_name"])).collect())
                .unwrap_or_default();
            (MessageType::Contacts, format!("[contacts] {}", names.join(", ")).trim().to_string(), None, None)
        }
        "reaction" => (
            MessageType::Reaction,
            str_at(raw, &["reaction", "emoji"]).unwrap_or_default().to_string(),
            None,
            str_at(raw, &["reaction", "message_id"]).map(str::to_owned),
        ),
        other => (MessageType::Unsupported, format!("[{other}]"), None, None),
    };
    Some(Inbound {
        phone_number_id: meta.phone_number_id.clone(),
        display_phone_number: meta.display_phone_number.clone(),
        contact_name: contacts
            .iter()
            .find(|c| c.wa_id == from)
            .or(contacts.first())
            .and_then(|c| c.profile.as_ref())
            .and_then(|p| p.name.clone()),
        wamid: wamid.into(),
        from,
        timestamp,
        kind,
        text: text.chars().take(MAX_TEXT).collect(),
        media_id: media,
        reacted_to,
        context_wamid: str_at(raw, &["context", "id"]).map(Into::into),
        has_caption: ["image", "video", "document"].iter().any(|m| caption(m).is_some_and(|c| !c.trim().is_empty())),
    })
}

/// Every event of a delivery, in payload order. A payload for another object kind is empty.
pub fn parse(body: &[u8]) -> Result<Vec<Event>, ParseError> {
    let payload = parse_payload(body)?;
    if payload.object != "whatsapp_business_account" {
        return Ok(vec![]);
    }
    let mut events = Vec::new();
    for change in payload.entry.iter().flat_map(|e| &e.changes) {
        if change.field != "messages" {
            continue;
        }
        let Some(value) = &change.value else { continue };
        let Some(meta) = &value.metadata else { continue };
        for raw in &value.messages {
            match message(raw, meta, &value.contacts) {
                Some(m) => events.push(Event::Inbound(m)),
                None => tracing::warn!("a webhook message without id or sender was skipped"),
            }
        }
        for st in &value.statuses {
            let status = match st.status.as_str() {
                "sent" => DeliveryStatus::Sent,
                "delivered" => DeliveryStatus::Delivered,
                "read" => DeliveryStatus::Read,
                "failed" => DeliveryStatus::Failed,
                _ => continue,
            };
            events.push(Event::Status(StatusUpdate {
                phone_number_id: meta.phone_number_id.clone(),
                wamid: st.id.as_str().into(),
                status,
                recipient: st.recipient_id.clone(),
                timestamp: st.timestamp.as_deref().and_then(|t| t.parse().ok()).unwrap_or(0),
                error: st.errors.first().map(|e| {
                    (
                        e.code,
                        e.title.clone().or_else(|| e.message.clone()).unwrap_or_else(|| format!("error {}", e.code)),
                    )
                }),
            }));
        }
    }
    Ok(events)
}

/// The answer to a message the bot cannot read (media), in the bot's language.
#[cfg(test)]
mod tests {
    use super::*;

    /// Real-shaped payloads, shared with the integration tests.
    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../events/whatsapp");

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{FIXTURES}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn inbound(name: &str) -> Inbound {
        match parse(&fixture(name)).unwrap().remove(0) {
            Event::Inbound(m) => m,
            other => panic!("{name}: {other:?}"),
        }
    }

    fn sign(secret: &[u8], body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
        mac.update(body);
        format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
    }

    #[test]
    fn signatures_are_checked_in_every_way_they_can_be_wrong() {
        let body = fixture("text.json");
        let good = sign(b"secret", &body);
        assert_eq!(verify_signature(b"secret", &body, Some(&good)), Ok(()));
        assert_eq!(verify_signature(b"secret", &body, None), Err(SignatureError::Missing));
        assert_eq!(verify_signature(b"secret", &body, Some("md5=abc")), Err(SignatureError::Malformed));
        assert_eq!(verify_signature(b"secret", &body, Some("sha256=zz")), Err(SignatureError::Malformed));
        assert_eq!(verify_signature(b"other", &body, Some(&good)), Err(SignatureError::Mismatch));
        let mut tampered = body.clone();
        tampered.push(b' ');
        assert_eq!(verify_signature(b"secret", &tampered, Some(&good)), Err(SignatureError::Mismatch));
    }

    #[test]
    fn a_text_message_carries_its_sender_name_and_number() {
        let m = inbound("text.json");
        assert_eq!(m.kind, MessageType::Text);
        assert_eq!(m.phone_number_id, "106540352242922");
        assert_eq!(m.from, "905321234567");
        assert_eq!(m.contact_name.as_deref(), Some("Ayşe Yılmaz"));
        assert_eq!(m.text, "Merhaba, cumartesi açık mısınız?");
        assert!(m.wamid.starts_with("wamid."));
        assert_eq!(phone_number_ids(&fixture("text.json")).unwrap(), ["106540352242922"]);
    }

    #[test]
    fn taps_become_text_and_media_keep_type_and_id() {
        assert_eq!(inbound("interactive-button-reply.json").text, "Randevu al");
        assert_eq!(inbound("interactive-list-reply.json").text, "Diş beyazlatma");
        assert_eq!(inbound("button.json").text, "Evet, onaylıyorum");
        for (file, kind) in [
            ("image.json", MessageType::Image),
            ("audio.json", MessageType::Audio),
            ("video.json", MessageType::Video),
            ("document.json", MessageType::Document),
            ("sticker.json", MessageType::Sticker),
        ] {
            let m = inbound(file);
            assert_eq!(m.kind, kind, "{file}");
            assert!(m.media_id.is_some(), "{file}");
            assert!(!m.kind.answerable());
        }
        assert!(inbound("location.json").text.starts_with("[location] 40.99"));
        assert!(inbound("contacts.json").text.contains("Mehmet Demir"));
        let reaction = inbound("reaction.json");
        assert_eq!((reaction.kind, reaction.text.as_str()), (MessageType::Reaction, "👍"));
        assert!(reaction.reacted_to.is_some());
        let unknown = inbound("unsupported.json");
        assert_eq!(unknown.kind, MessageType::Unsupported);
    }

    #[test]
    fn a_message_queued_before_the_kinds_were_one_enum_still_reads() {
        let kind: MessageType = serde_json::from_str("\"button\"").unwrap();
        assert_eq!(kind, MessageType::Interactive);
        assert_eq!(serde_json::to_string(&kind).unwrap(), "\"interactive\"");
        assert!(kind.answerable() && MessageType::Text.answerable() && !MessageType::Reaction.answerable());
    }

    #[test]
    fn every_tap_is_stored_as_interactive_and_a_clipped_row_comes_back_whole() {
        for file in ["interactive-button-reply.json", "interactive-list-reply.json", "button.json"] {
            assert_eq!(inbound(file).kind, crate::store::conversations::MessageType::Interactive, "{file}");
        }
        let mut v: serde_json::Value = serde_json::from_slice(&fixture("interactive-list-reply.json")).unwrap();
        let reply = &mut v["entry"][0]["changes"][0]["value"]["messages"][0]["interactive"]["list_reply"];
        reply["title"] = serde_json::json!("Kanal tedavisi kaç seans…");
        reply["description"] = serde_json::json!("Kanal tedavisi kaç seans sürer ve ağrılı mı?");
        let Event::Inbound(m) = &parse(v.to_string().as_bytes()).unwrap()[0] else { panic!("an inbound message") };
        assert_eq!(m.text, "Kanal tedavisi kaç seans sürer ve ağrılı mı?");
    }

    #[test]
    fn a_batched_delivery_yields_every_event_in_order() {
        let events = parse(&fixture("batched.json")).unwrap();
        let summary: Vec<String> = events
            .iter()
            .map(|e| match e {
                Event::Inbound(m) => format!("in:{}:{}", m.phone_number_id, m.text),
                Event::Status(s) => format!("status:{:?}", s.status),
            })
            .collect();
        assert_eq!(
            summary,
            [
                "in:106540352242922:Merhaba",
                "in:106540352242922:Fiyatlarınızı öğrenebilir miyim?",
                "status:Delivered",
                "in:106540352242933:Hello",
                "status:Read",
            ]
        );
        assert_eq!(phone_number_ids(&fixture("batched.json")).unwrap(), ["106540352242922", "106540352242933"]);
    }

    #[test]
    fn every_status_parses_and_failures_carry_metas_code() {
        for (file, state) in [
            ("status-sent.json", DeliveryStatus::Sent),
            ("status-delivered.json", DeliveryStatus::Delivered),
            ("status-read.json", DeliveryStatus::Read),
        ] {
            match &parse(&fixture(file)).unwrap()[0] {
                Event::Status(s) => assert_eq!((s.status, s.error.is_none()), (state, true), "{file}"),
                other => panic!("{other:?}"),
            }
        }
        match &parse(&fixture("status-failed.json")).unwrap()[0] {
            Event::Status(s) => assert_eq!(s.error.as_ref().map(|e| e.0), Some(131047)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn malformed_or_foreign_payloads() {
        assert!(parse(b"{not json").is_err());
        assert!(phone_number_ids(b"[1,2").is_err());
        assert!(parse(br#"{"object":"page","entry":[]}"#).unwrap().is_empty());
        assert!(parse(br#"{"object":"whatsapp_business_account"}"#).unwrap().is_empty());
    }

    #[test]
    fn queued_messages_round_trip_through_json() {
        let m = inbound("image.json");
        let back: Inbound = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }
}

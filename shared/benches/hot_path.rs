//! `make bench`: the per-request work on the main paths, without network:
//! the WhatsApp webhook's signature check + parse of a 10-message notification, JWT
//! verification, and DynamoDB item (de)serialisation of a conversation and a message.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, Mac};
use secrecy::SecretString;
use serde_json::json;
use sha2::Sha256;
use shared::auth::tokens;
use shared::store::conversations::{Conversation, Message, Sender, Source};
use shared::store::{from_item, to_item};
use shared::whatsapp::payload;

/// A Cloud API notification carrying `n` text messages from different customers.
fn notification(n: usize) -> Vec<u8> {
    let messages: Vec<_> = (0..n)
        .map(|i| {
            json!({
                "from": format!("90532123{i:04}"),
                "id": format!("wamid.HBgMOTA1MzIxMjM0NTY3FQIAEhgUM0E4QjJDMUQ5RTdGNkE1QjRDM{i:04}"),
                "timestamp": "1795975767",
                "type": "text",
                "text": { "body": "Merhaba, cumartesi açık mısınız? İmplant fiyatlarınızı da öğrenebilir miyim?" }
            })
        })
        .collect();
    let contacts: Vec<_> = (0..n)
        .map(|i| json!({ "profile": { "name": format!("Müşteri {i}") }, "wa_id": format!("90532123{i:04}") }))
        .collect();
    serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "field": "messages",
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": { "display_phone_number": "905321234567", "phone_number_id": "106540352242922" },
                    "contacts": contacts,
                    "messages": messages
                }
            }]
        }]
    }))
    .expect("json")
}

fn webhook_path(c: &mut Criterion) {
    let secret = b"0123456789abcdef0123456789abcdef";
    let body = notification(10);
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("hmac key");
    mac.update(&body);
    let header = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    assert_eq!(payload::parse(&body).expect("parses").len(), 10);
    c.bench_function("webhook: verify + parse a 10-message notification", |b| {
        b.iter(|| {
            payload::verify_signature(secret, black_box(&body), Some(&header)).expect("valid");
            payload::parse(black_box(&body)).expect("parses")
        })
    });
}

fn jwt(c: &mut Criterion) {
    let secret = SecretString::from("s".repeat(48));
    let token = tokens::issue_access(&secret, &"01JFWPQ5E6EYCNDY0YP57RCYBV".into(), 900).expect("token");
    c.bench_function("jwt: verify an access token", |b| {
        b.iter(|| tokens::verify_access(&secret, black_box(&token)).expect("valid"))
    });
}

fn dynamo_items(c: &mut Criterion) {
    let mut conversation = Conversation::fresh(
        &"01jf1rnj47e65gh2bh8vgs9zm5".into(),
        &"01jf1rnj47e65gh2bh8vgs9zm6".into(),
        Source::Whatsapp,
        "905321234567",
        Some("Ayşe Yılmaz"),
    );
    conversation.last_message_preview = "Cumartesi 10:00-16:00 arası açığız.".into();
    conversation.message_count = 12;
    conversation.has_lead = true;
    conversation.lead_id = Some("01jf1rnj47e65gh2bh8vgs9zm7".into());
    conversation.last_inbound_at = Some("2026-11-24T09:59:58Z".into());
    conversation.metadata = [("wa_display_phone".to_string(), "905321234567".to_string())].into();
    let message =
        Message::new(&conversation.id, Sender::Bot, "Hafta içi 09:00-19:00, cumartesi 10:00-16:00 arası açığız.");
    let key = || ("TENANT#t".to_string(), "CONV#c".to_string());
    c.bench_function("dynamodb: conversation to item and back", |b| {
        b.iter(|| {
            let item = to_item(black_box(&conversation), key(), "conversation").expect("item");
            from_item::<Conversation>(item).expect("entity")
        })
    });
    c.bench_function("dynamodb: message to item and back", |b| {
        b.iter(|| {
            let item = to_item(black_box(&message), key(), "message").expect("item");
            from_item::<Message>(item).expect("entity")
        })
    });
}

criterion_group!(benches, webhook_path, jwt, dynamo_items);
criterion_main!(benches);

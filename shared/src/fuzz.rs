//! Entry points for the fuzz targets in `tests/fuzz` (`make fuzz`, cargo fuzz) and for
//! replaying their seeds and crash inputs in `cargo test`. Each takes untrusted bytes the way
//! a Lambda receives them and checks what must hold for any input: no panic, every refusal a
//! 4xx problem naming its field, and every accepted value in the shape the store expects.
//! Nothing here touches AWS: these are the pure parsers and validators the handlers call
//! before their first read or write.

use lambda_http::{Body, Request};
use secrecy::SecretString;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::handlers::{auth, bots, conversations, knowledge, leads, public, tenants, whatsapp};
use crate::http::{DEFAULT_BODY_LIMIT, parse_json_bytes};
use crate::whatsapp::payload::{self, Event, SignatureError};

/// A refusal must be a client error with a stable code and, for validation, the field at
/// fault; and it must render as a problem body.
fn assert_problem(err: &ApiError) {
    let (status, code, _) = err.parts();
    assert!((400..500).contains(&status), "a parser answered {status} ({code}): {err:?}");
    assert!(!code.is_empty());
    if let ApiError::Validation(errors) = err {
        assert!(!errors.is_empty(), "a validation error without fields");
        for e in errors {
            assert!(!e.field.is_empty() && !e.code.is_empty(), "a field error without field or code: {e:?}");
        }
    }
}

fn refused(err: ApiError) {
    assert_problem(&err);
    let response = err.into_response();
    let body: serde_json::Value = match response.body() {
        Body::Text(t) => serde_json::from_str(t).expect("a problem body is JSON"),
        other => panic!("a problem body must be text, got {other:?}"),
    };
    assert!(body["code"].is_string() && body["status"].is_u64(), "not a problem body: {body}");
}

fn parsed<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    parse_json_bytes::<T>(body, DEFAULT_BODY_LIMIT).map_err(refused).ok()
}

/// Bodies whose further checks are the shared `Checks` helpers, fuzzed through the bodies above.
fn parse_only<T: DeserializeOwned>(body: &[u8]) {
    let _ = parsed::<T>(body);
}

fn trimmed_within(s: &str, min: usize, max: usize) {
    let n = s.chars().count();
    assert!((min..=max).contains(&n), "{n} characters, outside {min}..={max}");
    assert_eq!(s, s.trim(), "an accepted text keeps surrounding whitespace");
}

fn e164(phone: &str) {
    let digits = phone.strip_prefix('+').expect("E.164 starts with +");
    assert!((4..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()), "not E.164: {phone}");
}

/// `POST /whatsapp/webhook`: the signature check and the payload parser.
pub fn webhook(data: &[u8]) {
    const SECRET: &[u8] = b"fuzz-app-secret";
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET).expect("any key size");
    mac.update(data);
    let good = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    assert_eq!(payload::verify_signature(SECRET, data, Some(&good)), Ok(()));
    assert_eq!(payload::verify_signature(b"another-secret", data, Some(&good)), Err(SignatureError::Mismatch));
    // The body's own first line as a header: whatever it is, an answer and never a panic.
    let head = String::from_utf8_lossy(&data[..data.len().min(80)]).into_owned();
    assert!(payload::verify_signature(SECRET, data, Some(&head)).is_err() || head.trim() == good);

    let Ok(events) = payload::parse(data) else { return };
    for event in events {
        match event {
            Event::Inbound(m) => {
                assert!(!m.wamid.is_empty() && !m.from.is_empty(), "an inbound message without id or sender");
                assert!(m.text.chars().count() <= 4096);
                // What the webhook queues is what the worker reads back.
                let queued = serde_json::to_string(&m).expect("serialisable");
                assert_eq!(serde_json::from_str::<payload::Inbound>(&queued).expect("round trip"), m);
            }
            Event::Status(_) => {}
        }
    }
}

/// The JSON bodies of every endpoint that takes one, selected by the first byte, through the
/// same parse and validation the handler runs before touching the store.
pub fn request_body(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else { return };
    match selector % 14 {
        0 => {
            if let Some(b) = parsed::<auth::RegisterBody>(body) {
                match b.check() {
                    Ok(a) => {
                        let email = a.email.as_str();
                        assert_eq!(email, email.trim().to_lowercase(), "emails are stored trimmed and lowercased");
                        trimmed_within(&a.full_name, 1, 100);
                        trimmed_within(&a.tenant_name, 1, 100);
                    }
                    Err(e) => refused(e),
                }
            }
        }
        1 => {
            if let Some(input) = parsed::<bots::BotInput>(body) {
                let mut bot = bots::new_bot(&"T".into(), &input);
                match bots::apply(&mut bot, input, &["gpt-4.1-mini".to_string()]) {
                    Ok(()) => {
                        let c = &bot.primary_color;
                        assert!(c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit()));
                        assert!(bot.allowed_origins.len() <= 20);
                        for o in &bot.allowed_origins {
                            assert_eq!(crate::domain::Origin::parse(o).as_ref(), Some(o), "origins are normalised");
                        }
                        trimmed_within(&bot.name, 0, 100);
                    }
                    Err(e) => refused(e),
                }
            }
        }
        2 => {
            if let Some(input) = parsed::<knowledge::KnowledgeInput>(body) {
                knowledge_item(&input, None);
            }
        }
        3 => knowledge_import_as("application/json", body),
        4 => knowledge_import_as("text/csv", body),
        5 => {
            if let Some(form) = parsed::<public::LeadForm>(body) {
                match form.check() {
                    Ok(lead) => {
                        trimmed_within(&lead.name, 1, 100);
                        assert!(lead.email.is_some() || lead.phone.is_some(), "a lead needs an email or a phone");
                        if let Some(p) = &lead.phone {
                            e164(p);
                        }
                    }
                    Err(e) => refused(e),
                }
            }
        }
        6 => {
            if let Some(input) = parsed::<whatsapp::IntegrationInput>(body) {
                match input.check() {
                    Ok(v) => {
                        for id in [&v.phone_number_id, &v.business_account_id] {
                            assert!(!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
                        }
                        for t in
                            [Some(&v.access_token), v.app_secret.as_ref(), Some(&v.verify_token)].into_iter().flatten()
                        {
                            assert!(t.bytes().all(|b| b.is_ascii_graphic()), "a secret with invisible characters");
                        }
                    }
                    Err(e) => refused(e),
                }
            }
        }
        7 => parse_only::<auth::LoginBody>(body),
        8 => parse_only::<auth::RefreshBody>(body),
        9 => parse_only::<auth::UpdateMeBody>(body),
        10 => parse_only::<tenants::TenantBody>(body),
        11 => {
            parse_only::<public::InitInput>(body);
            parse_only::<public::SendInput>(body);
        }
        12 => {
            parse_only::<conversations::OperatorMessage>(body);
            parse_only::<conversations::Handoff>(body);
        }
        _ => {
            parse_only::<leads::LeadUpdate>(body);
            parse_only::<bots::TestInput>(body);
        }
    }
}

fn knowledge_item(input: &knowledge::KnowledgeInput, row: Option<usize>) {
    match knowledge::check(input, row) {
        Ok(c) => {
            trimmed_within(&c.title, 1, knowledge::MAX_TITLE);
            trimmed_within(&c.question, 0, knowledge::MAX_QUESTION);
            trimmed_within(&c.answer, 1, knowledge::MAX_ANSWER);
        }
        Err(errors) => refused(ApiError::Validation(errors)),
    }
}

fn knowledge_import_as(content_type: &str, body: &[u8]) {
    let req: Request = lambda_http::http::Request::builder()
        .method("POST")
        .header("content-type", content_type)
        .body(Body::Binary(body.to_vec()))
        .expect("a request");
    match knowledge::import_rows(&req) {
        Ok(rows) => {
            for (i, row) in rows.iter().enumerate() {
                knowledge_item(row, Some(i + 1));
            }
        }
        Err(e) => refused(e),
    }
}

/// `POST /bots/{bot_id}/knowledge/import`: CSV when the first byte is odd, JSON otherwise.
pub fn knowledge_import(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else { return };
    knowledge_import_as(if selector % 2 == 1 { "text/csv" } else { "application/json" }, body);
}

/// Untrusted strings from headers and query strings: bearer and visitor tokens, pagination
/// cursors, and the phone, email and origin normalisers (each idempotent on what it accepts).
pub fn tokens(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let secret = SecretString::from("f".repeat(48));
    assert!(crate::auth::tokens::verify_access(&secret, &text).is_err(), "a forged access token was accepted");
    assert!(crate::auth::tokens::verify_visitor(&secret, &text).is_err(), "a forged visitor token was accepted");
    assert!(crate::cursor::decode(&secret, "T:leads", &text).is_err(), "a forged cursor was accepted");

    // A cursor over any position comes back as that position, and only in its own scope.
    let position: crate::cursor::Position =
        text.split('\n').take(4).enumerate().map(|(i, v)| (format!("k{i}"), v.to_string())).collect();
    let cursor = crate::cursor::encode(&secret, "T:leads", &position);
    if cursor.len() <= 2048 {
        assert_eq!(crate::cursor::decode(&secret, "T:leads", &cursor).ok(), Some(position));
        assert!(crate::cursor::decode(&secret, "U:leads", &cursor).is_err());
    }

    if let Ok(p) = crate::domain::PhoneE164::parse(&text) {
        e164(&p);
        assert_eq!(crate::domain::PhoneE164::parse(&p).as_ref().map(|q| q.as_str()), Ok(p.as_str()));
    }
    if let Ok(e) = crate::domain::Email::parse(&text) {
        assert_eq!(
            crate::domain::Email::parse(e.as_str()).map(|again| again.as_str().to_string()),
            Ok(e.as_str().to_string())
        );
    }
    if let Some(o) = crate::domain::Origin::parse(&text) {
        assert_eq!(crate::domain::Origin::parse(&o).as_ref(), Some(&o));
    }
    // The retrieval analyser sees every visitor message.
    let _ = crate::ai::text::analyze(&text);
}

#[cfg(test)]
mod tests {
    //! Replays the committed seeds and every crash input kept from `make fuzz` runs.
    use std::path::PathBuf;

    /// Every input under `tests/fuzz/{seeds,regressions}/<target>/` (and, for the webhook, the
    /// sample deliveries in `events/whatsapp/`, which `make fuzz` also seeds from).
    fn replay(target: &str, run: fn(&[u8])) -> usize {
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut dirs =
            vec![repo.join("tests/fuzz/seeds").join(target), repo.join("tests/fuzz/regressions").join(target)];
        if target == "webhook" {
            dirs.push(repo.join("events/whatsapp"));
        }
        let mut count = 0;
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            for entry in entries {
                let path = entry.expect("a directory entry").path();
                let data = std::fs::read(&path).expect("a readable input");
                let outcome = std::panic::catch_unwind(|| run(&data));
                assert!(outcome.is_ok(), "{} panicked", path.display());
                count += 1;
            }
        }
        count
    }

    #[test]
    fn webhook_seeds_and_regressions_pass() {
        assert!(replay("webhook", super::webhook) > 0, "no webhook seeds found");
    }

    #[test]
    fn request_body_seeds_and_regressions_pass() {
        assert!(replay("request_body", super::request_body) > 0);
    }

    #[test]
    fn knowledge_import_seeds_and_regressions_pass() {
        assert!(replay("knowledge_import", super::knowledge_import) > 0);
    }

    #[test]
    fn tokens_seeds_and_regressions_pass() {
        assert!(replay("tokens", super::tokens) > 0);
    }

    #[test]
    fn a_broken_invariant_is_caught() {
        // The replay is only worth something if a failing check fails the test.
        assert!(std::panic::catch_unwind(|| super::e164("+12")).is_err());
        assert!(std::panic::catch_unwind(|| super::trimmed_within(" x", 0, 10)).is_err());
    }
}

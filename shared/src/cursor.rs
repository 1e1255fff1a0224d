//! Opaque pagination cursors: the position (a table key) sealed with an HMAC over the
//! tenant and the listing it belongs to, so an edited cursor, or one from another tenant or
//! another listing, is refused with 400 rather than followed.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secrecy::SecretString;

use crate::auth::tokens::{seal, seals_match};
use crate::error::ApiError;

/// A position in a listing: the key attributes of the last item returned.
pub type Position = HashMap<String, String>;

fn payload(scope: &str, position: &Position) -> Vec<u8> {
    let mut pairs: Vec<_> = position.iter().collect();
    pairs.sort();
    serde_json::to_vec(&(scope, pairs)).unwrap_or_default()
}

/// `scope` names the tenant and the listing (e.g. `T1:conversations:B1:source=whatsapp`).
pub fn encode(secret: &SecretString, scope: &str, position: &Position) -> String {
    let mut pairs: Vec<_> = position.iter().collect();
    pairs.sort();
    let body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&pairs).unwrap_or_default());
    format!("{body}.{}", &seal(secret, "cursor", &payload(scope, position))[..32])
}

pub fn decode(secret: &SecretString, scope: &str, cursor: &str) -> Result<Position, ApiError> {
    let (body, mac) = cursor.split_once('.').ok_or(ApiError::InvalidCursor)?;
    if cursor.len() > 2048 {
        return Err(ApiError::InvalidCursor);
    }
    let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| ApiError::InvalidCursor)?;
    let pairs: Vec<(String, String)> = serde_json::from_slice(&bytes).map_err(|_| ApiError::InvalidCursor)?;
    let position: Position = pairs.into_iter().collect();
    let expected = seal(secret, "cursor", &payload(scope, &position));
    if seals_match(&expected[..32], mac) { Ok(position) } else { Err(ApiError::InvalidCursor) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> SecretString {
        SecretString::from("c".repeat(40))
    }

    fn position() -> Position {
        HashMap::from([("PK".into(), "T#a#LEADS".into()), ("SK".into(), "LEAD#01".into())])
    }

    #[test]
    fn a_cursor_round_trips_within_its_scope() {
        let c = encode(&secret(), "t1:leads", &position());
        assert_eq!(decode(&secret(), "t1:leads", &c).unwrap(), position());
    }

    #[test]
    fn a_cursor_from_another_scope_or_edited_is_refused() {
        let c = encode(&secret(), "t1:leads", &position());
        assert!(decode(&secret(), "t2:leads", &c).is_err());
        let mut edited = c.clone();
        edited.replace_range(0..1, if c.starts_with('A') { "B" } else { "A" });
        assert!(decode(&secret(), "t1:leads", &edited).is_err());
        assert!(decode(&secret(), "t1:leads", "garbage").is_err());
    }
}

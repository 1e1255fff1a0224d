//! Signed tokens: access JWTs for tenants' users, visitor tokens for widget visitors, and
//! HMAC seals for pagination cursors. One secret, a distinct purpose label per use, so a
//! token of one kind is never accepted as another.

use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

const ISSUER: &str = "svontai";
const ACCESS_AUDIENCE: &str = "svontai:access";
const VISITOR_AUDIENCE: &str = "svontai:visitor";
/// Visitors keep a conversation for 90 days.
pub const VISITOR_TOKEN_TTL_SECS: i64 = 90 * 24 * 3600;

#[derive(Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct VisitorClaims {
    /// The conversation the visitor may read and write.
    pub sub: crate::ids::ConversationId,
    pub bot: crate::ids::BotId,
    pub tenant: crate::ids::TenantId,
    /// Which public key of the bot the token was issued under ([`key_fingerprint`]): rotating
    /// the key cuts off every visitor token issued before.
    #[serde(default)]
    pub key: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

/// A short, non-reversible mark of a bot's public key, for visitor tokens.
pub fn key_fingerprint(public_key: &str) -> String {
    use sha2::Digest;
    hex::encode(&sha2::Sha256::digest(public_key.as_bytes())[..8])
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    #[error("the token has expired")]
    Expired,
    #[error("the token is invalid")]
    Invalid,
}

fn derived_key(secret: &SecretString, purpose: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes()).expect("any key size");
    mac.update(purpose.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn sign<T: Serialize>(secret: &SecretString, purpose: &str, claims: &T) -> anyhow::Result<String> {
    let key = EncodingKey::from_secret(&derived_key(secret, purpose));
    Ok(jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &key)?)
}

fn check<T: for<'de> Deserialize<'de>>(
    secret: &SecretString,
    purpose: &str,
    audience: &str,
    token: &str,
) -> Result<T, TokenError> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[audience]);
    validation.leeway = 5;
    let key = DecodingKey::from_secret(&derived_key(secret, purpose));
    jsonwebtoken::decode::<T>(token, &key, &validation).map(|d| d.claims).map_err(|e| match e.kind() {
        jsonwebtoken::errors::ErrorKind::ExpiredSignature => TokenError::Expired,
        _ => TokenError::Invalid,
    })
}

pub fn issue_access(secret: &SecretString, user_id: &crate::ids::UserId, ttl_secs: i64) -> anyhow::Result<String> {
    let now = crate::ids::epoch_secs();
    let claims = AccessClaims {
        sub: user_id.into(),
        iss: ISSUER.into(),
        aud: ACCESS_AUDIENCE.into(),
        iat: now,
        exp: now + ttl_secs,
    };
    sign(secret, "access", &claims)
}

pub fn verify_access(secret: &SecretString, token: &str) -> Result<AccessClaims, TokenError> {
    check(secret, "access", ACCESS_AUDIENCE, token)
}

pub fn issue_visitor(
    secret: &SecretString,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
    public_key: &str,
    conversation_id: &crate::ids::ConversationId,
) -> anyhow::Result<String> {
    let now = crate::ids::epoch_secs();
    let claims = VisitorClaims {
        sub: conversation_id.into(),
        bot: bot_id.into(),
        tenant: tenant_id.into(),
        key: key_fingerprint(public_key),
        iss: ISSUER.into(),
        aud: VISITOR_AUDIENCE.into(),
        iat: now,
        exp: now + VISITOR_TOKEN_TTL_SECS,
    };
    sign(secret, "visitor", &claims)
}

pub fn verify_visitor(secret: &SecretString, token: &str) -> Result<VisitorClaims, TokenError> {
    check(secret, "visitor", VISITOR_AUDIENCE, token)
}

/// HMAC-SHA256 of `data` under the key for `purpose`, hex-encoded (cursor seals, hashes of
/// refresh tokens).
pub fn seal(secret: &SecretString, purpose: &str, data: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(&derived_key(secret, purpose)).expect("any key size");
    mac.update(data);
    hex::encode(mac.finalize().into_bytes())
}

/// Constant-time comparison of two seals.
pub fn seals_match(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> SecretString {
        SecretString::from("k".repeat(40))
    }

    #[test]
    fn an_access_token_round_trips() {
        let token = issue_access(&secret(), &"u1".into(), 900).unwrap();
        assert_eq!(verify_access(&secret(), &token).unwrap().sub, "u1");
    }

    #[test]
    fn an_expired_access_token_is_reported_as_expired() {
        let token = issue_access(&secret(), &"u1".into(), -60).unwrap();
        assert_eq!(verify_access(&secret(), &token).unwrap_err(), TokenError::Expired);
    }

    #[test]
    fn a_token_signed_with_another_secret_is_invalid() {
        let token = issue_access(&SecretString::from("z".repeat(40)), &"u1".into(), 900).unwrap();
        assert_eq!(verify_access(&secret(), &token).unwrap_err(), TokenError::Invalid);
    }

    #[test]
    fn a_visitor_token_is_never_accepted_as_an_access_token() {
        let visitor = issue_visitor(&secret(), &"t".into(), &"b".into(), "pk_test", &"c".into()).unwrap();
        assert_eq!(verify_access(&secret(), &visitor).unwrap_err(), TokenError::Invalid);
        let claims = verify_visitor(&secret(), &visitor).unwrap();
        assert_eq!((claims.tenant.as_str(), claims.bot.as_str(), claims.sub.as_str()), ("t", "b", "c"));
    }

    #[test]
    fn seals_differ_by_purpose() {
        assert_ne!(seal(&secret(), "a", b"x"), seal(&secret(), "b", b"x"));
        assert!(seals_match(&seal(&secret(), "a", b"x"), &seal(&secret(), "a", b"x")));
    }
}

//! Refresh-token sessions ("families").
//!
//! A refresh token is `{family_id}.{secret}`. The family item stores only a keyed hash of the
//! current secret and of the ones already used. Refreshing swaps the current hash with a
//! conditional write, so two concurrent refreshes with one token cannot both succeed; a token
//! that was already used revokes the whole family (it was copied, or the client is confused).

use anyhow::Context;
use aws_sdk_dynamodb::types::AttributeValue;
use serde::{Deserialize, Serialize};

use super::{get, is_condition_failed, key_map, n, s, to_item};
use crate::auth::tokens;
use crate::keys;
use crate::state::AppState;

/// How many used hashes a family remembers (older reuse just fails as an unknown token).
const REMEMBERED_HASHES: usize = 20;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RefreshFamily {
    pub family_id: String,
    pub user_id: crate::ids::UserId,
    pub current_hash: String,
    #[serde(default)]
    pub used_hashes: Vec<String>,
    pub revoked: bool,
    pub created_at: String,
    pub expires_at: i64,
    /// When the family began (epoch ms): families older than the user's `sessions_after_ms`
    /// are void. Families stored before this field existed read as 0.
    #[serde(default)]
    pub started_ms: i64,
}

/// A newly issued refresh token (the plaintext exists only in the response).
pub struct IssuedRefresh {
    pub token: String,
}

/// What presenting a refresh token led to.
pub enum RefreshOutcome {
    Rotated {
        user_id: crate::ids::UserId,
        started_ms: i64,
        token: IssuedRefresh,
    },
    /// Unknown, expired or revoked.
    Invalid,
    /// An already-used token: the family is now revoked.
    Reused,
}

fn hash(state: &AppState, secret: &str) -> String {
    tokens::seal(&state.config.jwt_secret, "refresh", secret.as_bytes())
}

fn split(token: &str) -> Option<(&str, &str)> {
    let (family, secret) = token.split_once('.')?;
    (crate::ids::is_id(family) && (30..=60).contains(&secret.len())).then_some((family, secret))
}

/// Starts a new family for `user_id` and returns its first token.
pub async fn start(state: &AppState, user_id: &crate::ids::UserId) -> anyhow::Result<IssuedRefresh> {
    let family_id = crate::ids::new_id();
    let secret = crate::ids::random_token(32);
    let family = RefreshFamily {
        family_id: family_id.clone(),
        user_id: user_id.into(),
        current_hash: hash(state, &secret),
        used_hashes: vec![],
        revoked: false,
        created_at: crate::ids::now_rfc3339(),
        expires_at: crate::ids::epoch_secs() + state.config.refresh_token_ttl_secs,
        started_ms: crate::ids::epoch_millis(),
    };
    state
        .dynamo
        .put_item()
        .table_name(state.table())
        .set_item(Some(to_item(&family, keys::refresh_family(&family_id), "refresh_family")?))
        .condition_expression("attribute_not_exists(PK)")
        .send()
        .await
        .context("storing a refresh family")?;
    Ok(IssuedRefresh { token: format!("{family_id}.{secret}") })
}

pub async fn rotate(state: &AppState, token: &str) -> anyhow::Result<RefreshOutcome> {
    let Some((family_id, secret)) = split(token) else { return Ok(RefreshOutcome::Invalid) };
    let Some(family) = get::<RefreshFamily>(state, &keys::refresh_family(family_id)).await? else {
        return Ok(RefreshOutcome::Invalid);
    };
    let presented = hash(state, secret);
    if family.revoked || super::is_expired(Some(family.expires_at)) {
        return Ok(RefreshOutcome::Invalid);
    }
    if family.used_hashes.iter().any(|h| tokens::seals_match(h, &presented)) {
        revoke_family(state, family_id).await?;
        return Ok(RefreshOutcome::Reused);
    }
    if !tokens::seals_match(&family.current_hash, &presented) {
        return Ok(RefreshOutcome::Invalid);
    }
    let next_secret = crate::ids::random_token(32);
    let mut used = family.used_hashes.clone();
    used.push(presented.clone());
    if used.len() > REMEMBERED_HASHES {
        used.drain(..used.len() - REMEMBERED_HASHES);
    }
    let result = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::refresh_family(family_id))))
        .update_expression("SET current_hash = :next, used_hashes = :used, expires_at = :exp")
        .condition_expression("current_hash = :presented AND revoked = :false")
        .expression_attribute_values(":next", s(hash(state, &next_secret)))
        .expression_attribute_values(":used", AttributeValue::L(used.into_iter().map(s).collect()))
        .expression_attribute_values(":exp", n(crate::ids::epoch_secs() + state.config.refresh_token_ttl_secs))
        .expression_attribute_values(":presented", s(presented))
        .expression_attribute_values(":false", AttributeValue::Bool(false))
        .send()
        .await;
    match result {
        Ok(_) => Ok(RefreshOutcome::Rotated {
            user_id: family.user_id,
            started_ms: family.started_ms,
            token: IssuedRefresh { token: format!("{family_id}.{next_secret}") },
        }),
        // Someone rotated this very token a moment ago: a second use of one token.
        Err(e) if is_condition_failed(&e) => {
            revoke_family(state, family_id).await?;
            Ok(RefreshOutcome::Reused)
        }
        Err(e) => Err(e).context("rotating a refresh token"),
    }
}

/// Logout: revokes the family of `token` if the token is its current one.
pub async fn revoke(state: &AppState, token: &str) -> anyhow::Result<bool> {
    let Some((family_id, secret)) = split(token) else { return Ok(false) };
    let Some(family) = get::<RefreshFamily>(state, &keys::refresh_family(family_id)).await? else { return Ok(false) };
    let presented = hash(state, secret);
    let known = tokens::seals_match(&family.current_hash, &presented)
        || family.used_hashes.iter().any(|h| tokens::seals_match(h, &presented));
    if known {
        revoke_family(state, family_id).await?;
    }
    Ok(known)
}

pub async fn revoke_family(state: &AppState, family_id: &str) -> anyhow::Result<()> {
    state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::refresh_family(family_id))))
        .update_expression("SET revoked = :true")
        .expression_attribute_values(":true", AttributeValue::Bool(true))
        .send()
        .await
        .context("revoking a refresh family")?;
    Ok(())
}

//! Single-use links sent by e-mail: password reset, address verification, e-mail change.
//!
//! The token exists only in the e-mail; the item is keyed by a keyed hash of it, expires, and is
//! deleted (conditionally) in the same transaction as the change it authorises, so a link works
//! once even when clicked twice at the same moment.

use anyhow::Context;
use aws_sdk_dynamodb::types::{AttributeValue, Delete, TransactWriteItem, Update};
use serde::{Deserialize, Serialize};

use super::{cancellation_reasons, get, key_map, n, s, to_item};
use crate::auth::tokens;
use crate::keys;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    ResetPassword,
    VerifyEmail,
    ChangeEmail,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MailToken {
    pub purpose: Purpose,
    pub user_id: crate::ids::UserId,
    /// The address the link was sent to (for a change: the new address).
    pub email: String,
    /// For a change: the address the account had when the change was asked.
    #[serde(default)]
    pub old_email: Option<String>,
    pub created_at: String,
    pub expires_at: i64,
}

/// What redeeming a link led to.
#[derive(Debug, PartialEq, Eq)]
pub enum Redeemed {
    Done,
    /// Unknown, used, expired, or the account changed since it was sent.
    Invalid,
    /// An e-mail change whose new address was taken in the meantime.
    EmailTaken,
}

fn hash(state: &AppState, token: &str) -> String {
    tokens::seal(&state.config.jwt_secret, "mail-token", token.as_bytes())
}

/// Stores a new link for `user_id` and returns its token.
pub async fn issue(
    state: &AppState,
    purpose: Purpose,
    user_id: &crate::ids::UserId,
    email: &str,
    old_email: Option<&str>,
    ttl_secs: i64,
) -> anyhow::Result<String> {
    let token = crate::ids::random_token(32);
    let record = MailToken {
        purpose,
        user_id: user_id.into(),
        email: email.into(),
        old_email: old_email.map(str::to_owned),
        created_at: crate::ids::now_rfc3339(),
        expires_at: crate::ids::epoch_secs() + ttl_secs,
    };
    state
        .dynamo
        .put_item()
        .table_name(state.table())
        .set_item(Some(to_item(&record, keys::mail_token(&hash(state, &token)), "mail_token")?))
        .condition_expression("attribute_not_exists(PK)")
        .send()
        .await
        .context("storing an e-mail link")?;
    Ok(token)
}

/// The live link behind `token`, if any.
pub async fn find(state: &AppState, token: &str) -> anyhow::Result<Option<(String, MailToken)>> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    let token_hash = hash(state, token);
    let found = get::<MailToken>(state, &keys::mail_token(&token_hash)).await?;
    Ok(found.filter(|t| !super::is_expired(Some(t.expires_at))).map(|t| (token_hash, t)))
}

/// The transaction item that uses the link up: it must still exist, be unexpired and be for
/// `purpose`.
fn consume(state: &AppState, token_hash: &str, purpose: Purpose) -> TransactWriteItem {
    let purpose = serde_json::to_value(purpose).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    TransactWriteItem::builder()
        .delete(
            Delete::builder()
                .table_name(state.table())
                .set_key(Some(key_map(&keys::mail_token(token_hash))))
                .condition_expression("attribute_exists(PK) AND expires_at > :now AND purpose = :p")
                .expression_attribute_values(":now", n(crate::ids::epoch_secs()))
                .expression_attribute_values(":p", s(purpose))
                .build()
                .expect("complete"),
        )
        .build()
}

/// An update of the user item that holds only while the account still has `email`.
fn update_user(
    state: &AppState,
    user_id: &crate::ids::UserId,
    email: &str,
    set: &str,
    values: Vec<(&str, AttributeValue)>,
) -> TransactWriteItem {
    let mut update = Update::builder()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::user(user_id))))
        .update_expression(format!("SET {set}, updated_at = :updated"))
        .condition_expression("attribute_exists(PK) AND email = :email")
        .expression_attribute_values(":email", s(email))
        .expression_attribute_values(":updated", s(crate::ids::now_rfc3339()));
    for (name, value) in values {
        update = update.expression_attribute_values(name, value);
    }
    TransactWriteItem::builder().update(update.build().expect("complete")).build()
}

/// Runs a redeeming transaction; `email_claim_at` is the index of the new address's claim.
async fn run(
    state: &AppState,
    items: Vec<TransactWriteItem>,
    email_claim_at: Option<usize>,
) -> anyhow::Result<Redeemed> {
    match state.dynamo.transact_write_items().set_transact_items(Some(items)).send().await {
        Ok(_) => Ok(Redeemed::Done),
        Err(err) => match cancellation_reasons(&err) {
            Some(reasons) => {
                let failed = |i: usize| reasons.get(i).cloned().flatten().as_deref() == Some("ConditionalCheckFailed");
                if email_claim_at.is_some_and(failed) && !failed(0) && !failed(1) {
                    Ok(Redeemed::EmailTaken)
                } else {
                    Ok(Redeemed::Invalid)
                }
            }
            None => Err(anyhow::Error::new(err).context("redeeming an e-mail link")),
        },
    }
}

/// A password reset: the new hash, the address counted as verified (the link proved it), and
/// every session started before now ended.
pub async fn reset_password(
    state: &AppState,
    token_hash: &str,
    link: &MailToken,
    password_hash: &str,
) -> anyhow::Result<Redeemed> {
    let items = vec![
        consume(state, token_hash, Purpose::ResetPassword),
        update_user(
            state,
            &link.user_id,
            &link.email,
            "password_hash = :h, email_verified = :true, sessions_after_ms = :now",
            vec![
                (":h", s(password_hash)),
                (":true", AttributeValue::Bool(true)),
                (":now", n(crate::ids::epoch_millis())),
            ],
        ),
    ];
    run(state, items, None).await
}

/// Marks the address verified, and the tenants the user owns with it.
pub async fn verify_email(
    state: &AppState,
    token_hash: &str,
    link: &MailToken,
    owned_tenants: &[crate::ids::TenantId],
) -> anyhow::Result<Redeemed> {
    let mut items = vec![
        consume(state, token_hash, Purpose::VerifyEmail),
        update_user(
            state,
            &link.user_id,
            &link.email,
            "email_verified = :true",
            vec![(":true", AttributeValue::Bool(true))],
        ),
    ];
    // A transaction holds 100 items; an owner of more tenants verifies the first 98 here.
    for tenant_id in owned_tenants.iter().take(98) {
        items.push(super::tenants::mark_verified(state, tenant_id, &link.email));
    }
    run(state, items, None).await
}

/// Moves the account to the new address: the old claim goes, the new one must be free.
pub async fn change_email(
    state: &AppState,
    token_hash: &str,
    link: &MailToken,
    owned_tenants: &[crate::ids::TenantId],
) -> anyhow::Result<Redeemed> {
    let Some(old) = link.old_email.as_deref() else { return Ok(Redeemed::Invalid) };
    let mut items = vec![
        consume(state, token_hash, Purpose::ChangeEmail),
        update_user(
            state,
            &link.user_id,
            old,
            "email = :new, email_verified = :true",
            vec![(":new", s(&link.email)), (":true", AttributeValue::Bool(true))],
        ),
        super::put_new(state.table(), super::users::email_item(&link.email, &link.user_id)?),
        TransactWriteItem::builder()
            .delete(
                Delete::builder()
                    .table_name(state.table())
                    .set_key(Some(key_map(&keys::email(old))))
                    .condition_expression("user_id = :me")
                    .expression_attribute_values(":me", s(&link.user_id))
                    .build()
                    .expect("complete"),
            )
            .build(),
    ];
    for tenant_id in owned_tenants.iter().take(96) {
        items.push(super::tenants::mark_verified(state, tenant_id, &link.email));
    }
    run(state, items, Some(2)).await
}

//! WhatsApp integrations: per bot, with lookups by phone number id (webhook routing) and by
//! verify token (webhook verification). Secrets live in Secrets Manager, never in the table.

use anyhow::Context;
use aws_sdk_dynamodb::types::{Delete, TransactWriteItem};
use serde::{Deserialize, Serialize};

use super::{get, key_map};
use crate::keys;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WhatsAppIntegration {
    pub tenant_id: String,
    pub bot_id: String,
    pub phone_number_id: String,
    pub business_account_id: String,
    /// ARN (or name, locally) of the secret holding the access token and app secret.
    pub secret_id: String,
    /// The version of that secret these settings were saved with (absent: the current one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_version: Option<String>,
    pub verify_token: String,
    pub access_token_last4: String,
    pub app_secret_last4: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the webhook needs to route an event by phone number id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhoneRoute {
    pub tenant_id: String,
    pub bot_id: String,
    pub secret_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_version: Option<String>,
    pub has_own_app_secret: bool,
    /// Meta confirmed, with the tenant's token, that the number is in its business account.
    /// Claims made before that check are absent here and may be taken over by a proven one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub proven: bool,
}

pub async fn get_integration(
    state: &AppState,
    tenant_id: &str,
    bot_id: &str,
) -> anyhow::Result<Option<WhatsAppIntegration>> {
    get(state, &keys::whatsapp_integration(tenant_id, bot_id)).await
}

pub async fn route_for_phone(state: &AppState, phone_number_id: &str) -> anyhow::Result<Option<PhoneRoute>> {
    get(state, &keys::whatsapp_phone(phone_number_id)).await
}

fn delete(table: &str, key: (String, String)) -> TransactWriteItem {
    TransactWriteItem::builder()
        .delete(Delete::builder().table_name(table).set_key(Some(key_map(&key))).build().expect("complete"))
        .build()
}

/// The deletes that free a bot's phone number route, if it still routes to this bot (a number
/// taken over by a proven claim stays with its new owner). The delete is conditional, so a
/// takeover racing with it fails the transaction rather than losing the new owner's route.
pub async fn release_phone(
    state: &AppState,
    phone_number_id: &str,
    tenant_id: &str,
    bot_id: &str,
) -> anyhow::Result<Option<TransactWriteItem>> {
    let ours =
        route_for_phone(state, phone_number_id).await?.is_some_and(|r| r.tenant_id == tenant_id && r.bot_id == bot_id);
    if !ours {
        return Ok(None);
    }
    Ok(Some(
        TransactWriteItem::builder()
            .delete(
                Delete::builder()
                    .table_name(state.table())
                    .set_key(Some(key_map(&keys::whatsapp_phone(phone_number_id))))
                    .condition_expression("tenant_id = :t AND bot_id = :b")
                    .expression_attribute_values(":t", super::s(tenant_id))
                    .expression_attribute_values(":b", super::s(bot_id))
                    .build()
                    .context("a route delete")?,
            )
            .build(),
    ))
}

/// Removes the integration, its lookups and its secret. Returns whether there was one.
pub async fn delete_integration(state: &AppState, tenant_id: &str, bot_id: &str) -> anyhow::Result<bool> {
    let Some(integration) = get_integration(state, tenant_id, bot_id).await? else { return Ok(false) };
    let table = state.table();
    let route = release_phone(state, &integration.phone_number_id, tenant_id, bot_id).await?;
    state
        .dynamo
        .transact_write_items()
        .set_transact_items(Some(
            [
                Some(delete(table, keys::whatsapp_integration(tenant_id, bot_id))),
                route,
                Some(delete(table, keys::whatsapp_verify_token(&integration.verify_token))),
            ]
            .into_iter()
            .flatten()
            .collect(),
        ))
        .send()
        .await
        .context("deleting a WhatsApp integration")?;
    let deleted = state
        .secrets
        .delete_secret()
        .secret_id(&integration.secret_id)
        .force_delete_without_recovery(true)
        .send()
        .await;
    if let Err(e) = deleted {
        let missing = e.as_service_error().is_some_and(|e| e.is_resource_not_found_exception());
        if !missing {
            return Err(anyhow::Error::new(e).context("deleting a tenant secret"));
        }
    }
    Ok(true)
}

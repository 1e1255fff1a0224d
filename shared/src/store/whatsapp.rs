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

/// Removes the integration, its lookups and its secret. Returns whether there was one.
pub async fn delete_integration(state: &AppState, tenant_id: &str, bot_id: &str) -> anyhow::Result<bool> {
    let Some(integration) = get_integration(state, tenant_id, bot_id).await? else { return Ok(false) };
    let table = state.table();
    state
        .dynamo
        .transact_write_items()
        .transact_items(delete(table, keys::whatsapp_integration(tenant_id, bot_id)))
        .transact_items(delete(table, keys::whatsapp_phone(&integration.phone_number_id)))
        .transact_items(delete(table, keys::whatsapp_verify_token(&integration.verify_token)))
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

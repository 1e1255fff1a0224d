//! WhatsApp integrations: per bot, with lookups by phone number id (webhook routing) and by
//! verify token (webhook verification). Secrets live in Secrets Manager, never in the table.

use anyhow::Context;
use aws_sdk_dynamodb::types::{Delete, TransactWriteItem};
use serde::{Deserialize, Serialize};

use super::{delete, get, key_map, to_item};
use crate::keys;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WhatsAppIntegration {
    pub tenant_id: crate::ids::TenantId,
    pub bot_id: crate::ids::BotId,
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
    pub tenant_id: crate::ids::TenantId,
    pub bot_id: crate::ids::BotId,
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
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
) -> anyhow::Result<Option<WhatsAppIntegration>> {
    get(state, &keys::whatsapp_integration(tenant_id, bot_id)).await
}

/// The tenant whose integration uses `token` to verify Meta's webhook subscription.
pub async fn verify_token_owner(state: &AppState, token: &str) -> anyhow::Result<Option<crate::ids::TenantId>> {
    #[derive(serde::Deserialize)]
    struct Owner {
        tenant_id: crate::ids::TenantId,
    }
    Ok(get::<Owner>(state, &keys::whatsapp_verify_token(token)).await?.map(|o| o.tenant_id))
}

pub async fn route_for_phone(state: &AppState, phone_number_id: &str) -> anyhow::Result<Option<PhoneRoute>> {
    get(state, &keys::whatsapp_phone(phone_number_id)).await
}

/// The deletes that free a bot's phone number route, if it still routes to this bot (a number
/// taken over by a proven claim stays with its new owner). The delete is conditional, so a
/// takeover racing with it fails the transaction rather than losing the new owner's route.
pub async fn release_phone(
    state: &AppState,
    phone_number_id: &str,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
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
pub async fn delete_integration(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    bot_id: &crate::ids::BotId,
) -> anyhow::Result<bool> {
    let Some(integration) = get_integration(state, tenant_id, bot_id).await? else { return Ok(false) };
    let table = state.table();
    let route = release_phone(state, &integration.phone_number_id, tenant_id, bot_id).await?;
    state
        .dynamo
        .transact_write_items()
        .set_transact_items(Some(
            [
                Some(delete(table, &keys::whatsapp_integration(tenant_id, bot_id))),
                route,
                Some(delete(table, &keys::whatsapp_verify_token(&integration.verify_token))),
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

/// What [`save_integration`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Saved,
    /// The phone number or the verify token belongs to another bot: nothing was written.
    Taken,
}

/// Saves a bot's integration with its lookups in one conditional transaction: the phone
/// number's route and the verify token's owner belong to one bot. A number is claimed when
/// free, already this bot's, or held by a claim made before ownership was proven (which this
/// proven claim takes over). A replaced number or token frees the old lookup.
pub async fn save_integration(
    state: &AppState,
    integration: &WhatsAppIntegration,
    has_own_app_secret: bool,
    previous: Option<&WhatsAppIntegration>,
) -> anyhow::Result<Saved> {
    let table = state.table();
    let (tenant_id, bot_id) = (&integration.tenant_id, &integration.bot_id);
    let route = PhoneRoute {
        tenant_id: tenant_id.clone(),
        bot_id: bot_id.clone(),
        secret_id: integration.secret_id.clone(),
        secret_version: integration.secret_version.clone(),
        has_own_app_secret,
        proven: true,
    };
    let owned_by_this_bot = "attribute_not_exists(PK) OR (tenant_id = :t AND bot_id = :b)";
    let claimable = "attribute_not_exists(PK) OR (tenant_id = :t AND bot_id = :b) OR attribute_not_exists(proven)";
    let values = [(":t", super::s(tenant_id)), (":b", super::s(bot_id))];
    let verify_owner = serde_json::json!({ "tenant_id": tenant_id, "bot_id": bot_id });
    let mut writes = vec![
        super::put_if(
            table,
            to_item(&route, keys::whatsapp_phone(&integration.phone_number_id), "whatsapp_phone")?,
            claimable,
            &values,
        ),
        super::put_if(
            table,
            to_item(&verify_owner, keys::whatsapp_verify_token(&integration.verify_token), "whatsapp_verify")?,
            owned_by_this_bot,
            &values,
        ),
        super::put(table, to_item(integration, keys::whatsapp_integration(tenant_id, bot_id), "whatsapp")?),
    ];
    if let Some(p) = previous {
        if p.phone_number_id != integration.phone_number_id {
            writes.extend(release_phone(state, &p.phone_number_id, tenant_id, bot_id).await?);
        }
        if p.verify_token != integration.verify_token {
            writes.push(delete(table, &keys::whatsapp_verify_token(&p.verify_token)));
        }
    }
    Ok(match super::transact(state, writes, "saving a WhatsApp integration").await? {
        super::Transacted::Done => Saved::Saved,
        super::Transacted::Refused(_) => Saved::Taken,
    })
}

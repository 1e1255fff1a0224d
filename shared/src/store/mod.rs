//! The DynamoDB store: one table, items converted with serde_dynamo, keys from [`crate::keys`].
//!
//! Entities are plain serde structs; their keys are added here, never stored in the structs,
//! so an entity cannot carry a key that disagrees with the key module.

pub mod batch;
pub mod bots;
pub mod conversations;
pub mod counters;
pub mod gaps;
pub mod idempotency;
pub mod knowledge;
pub mod leads;
pub mod mailtokens;
pub mod page;
pub mod ratelimit;
pub mod sessions;
pub mod tenants;
pub mod users;
pub mod whatsapp;

use std::collections::HashMap;

use anyhow::Context;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::types::AttributeValue;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::keys;
use crate::state::AppState;

pub type Item = HashMap<String, AttributeValue>;

pub fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub fn n(value: impl ToString) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

/// An entity as a table item with its key and type.
pub fn to_item<T: Serialize>(entity: &T, key: (String, String), kind: &str) -> anyhow::Result<Item> {
    let mut item: Item = serde_dynamo::to_item(entity).context("serialising an item")?;
    item.insert(keys::PK.into(), s(key.0));
    item.insert(keys::SK.into(), s(key.1));
    item.insert(keys::TYPE.into(), s(kind));
    Ok(item)
}

/// Adds GSI1 keys to an item.
pub fn with_gsi1(mut item: Item, gsi1: (String, String)) -> Item {
    item.insert(keys::GSI1PK.into(), s(gsi1.0));
    item.insert(keys::GSI1SK.into(), s(gsi1.1));
    item
}

pub fn key_map(key: &(String, String)) -> Item {
    HashMap::from([(keys::PK.into(), s(&key.0)), (keys::SK.into(), s(&key.1))])
}

pub fn from_item<T: DeserializeOwned>(item: Item) -> anyhow::Result<T> {
    serde_dynamo::from_item(item).context("deserialising an item")
}

/// `#[serde(default = "super::yes")]`: a flag that is on for items stored before it existed.
pub(crate) fn yes() -> bool {
    true
}

/// Reads one item, strongly consistent.
pub async fn get<T: DeserializeOwned>(state: &AppState, key: &(String, String)) -> anyhow::Result<Option<T>> {
    let out = state
        .dynamo
        .get_item()
        .table_name(state.table())
        .set_key(Some(key_map(key)))
        .consistent_read(true)
        .send()
        .await
        .with_context(|| format!("reading item {}", key.1))?;
    out.item.map(from_item).transpose()
}

/// Whether an SDK error is a failed condition (a conditional put, update or delete).
pub fn is_condition_failed<E, R>(err: &SdkError<E, R>) -> bool
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata,
{
    err.as_service_error().and_then(|e| e.code()).is_some_and(|code| code == "ConditionalCheckFailedException")
}

/// For a cancelled transaction: the cancellation reason codes, one per item (`None` = fine).
pub fn cancellation_reasons(
    err: &SdkError<aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError, impl std::fmt::Debug>,
) -> Option<Vec<Option<String>>> {
    use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
    match err.as_service_error() {
        Some(TransactWriteItemsError::TransactionCanceledException(e)) => Some(
            e.cancellation_reasons().iter().map(|r| r.code().filter(|c| *c != "None").map(str::to_owned)).collect(),
        ),
        _ => None,
    }
}

/// Epoch seconds stored in `expires_at`: TTL deletion is lazy (and moto never deletes), so
/// read paths check it themselves.
pub fn is_expired(expires_at: Option<i64>) -> bool {
    expires_at.is_some_and(|t| t <= crate::ids::epoch_secs())
}

//! The DynamoDB store: one table, items converted with serde_dynamo, keys from [`crate::keys`].
//!
//! Entities are plain serde structs; their keys are added here, never stored in the structs,
//! so an entity cannot carry a key that disagrees with the key module.

pub mod appointments;
pub mod batch;
pub mod bots;
pub mod closing;
pub mod conversations;
pub mod counters;
pub mod customers;
pub mod feeds;
pub mod gaps;
pub mod idempotency;
pub mod inbox;
pub mod knowledge;
pub mod leads;
pub mod mailtokens;
pub mod metrics;
pub mod notes;
pub mod notifications;
pub mod page;
pub mod privacy;
pub mod ratelimit;
pub mod replies;
pub mod retention;
pub mod sessions;
pub mod team;
pub mod tenants;
pub mod users;
pub mod wamids;
pub mod whatsapp;

use std::collections::HashMap;

use anyhow::Context;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::types::{AttributeValue, Delete, Put, TransactWriteItem};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::keys;
use crate::state::AppState;

pub type Item = HashMap<String, AttributeValue>;

/// The DynamoDB client the application state holds (built by [`connect`]).
pub type Client = aws_sdk_dynamodb::Client;

/// A DynamoDB client on the shared SDK configuration, with the call counter attached.
pub fn connect(sdk: &aws_config::SdkConfig, interceptor: crate::awscalls::AwsCalls) -> Client {
    let config = aws_sdk_dynamodb::config::Builder::from(sdk).interceptor(interceptor).build();
    Client::from_conf(config)
}

/// One write of a transaction, built by a store function: callers outside the store only pass
/// it along (a marker or a count that must be written together with something else).
#[derive(Debug, Clone)]
pub struct Write(pub(in crate::store) TransactWriteItem);

/// What a conditional transaction did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transacted {
    Done,
    /// A condition did not hold; nothing was written. One reason code per item (`None`: fine).
    Refused(Vec<Option<String>>),
}

impl Transacted {
    /// Whether the item at `index` is the one whose condition failed.
    pub fn refused_at(&self, index: usize) -> bool {
        matches!(self, Transacted::Refused(r) if r.get(index).is_some_and(|c| c.as_deref() == Some("ConditionalCheckFailed")))
    }
}

/// Writes `items` in one transaction; a failed condition is an outcome, not an error.
pub(crate) async fn transact(
    state: &AppState,
    items: Vec<TransactWriteItem>,
    what: &str,
) -> anyhow::Result<Transacted> {
    match state.dynamo.transact_write_items().set_transact_items(Some(items)).send().await {
        Ok(_) => Ok(Transacted::Done),
        Err(err) => match cancellation_reasons(&err) {
            Some(reasons) => Ok(Transacted::Refused(reasons)),
            None => Err(anyhow::Error::new(err).context(what.to_string())),
        },
    }
}

/// A transactional put (replacing any item with the key).
pub(crate) fn put(table: &str, item: Item) -> TransactWriteItem {
    TransactWriteItem::builder()
        .put(Put::builder().table_name(table).set_item(Some(item)).build().expect("table and item are set"))
        .build()
}

/// A transactional put that fails if the item exists.
pub(crate) fn put_new(table: &str, item: Item) -> TransactWriteItem {
    put_if(table, item, "attribute_not_exists(PK)", &[])
}

/// A transactional put under a condition (`values` are its `:name` placeholders).
pub(crate) fn put_if(table: &str, item: Item, condition: &str, values: &[(&str, AttributeValue)]) -> TransactWriteItem {
    let mut put = Put::builder().table_name(table).set_item(Some(item)).condition_expression(condition);
    for (name, value) in values {
        put = put.expression_attribute_values(*name, value.clone());
    }
    TransactWriteItem::builder().put(put.build().expect("table and item are set")).build()
}

/// A transactional delete.
pub(crate) fn delete(table: &str, key: &(String, String)) -> TransactWriteItem {
    delete_if(table, key, None, &[])
}

/// A transactional delete, under a condition when one is given.
pub(crate) fn delete_if(
    table: &str,
    key: &(String, String),
    condition: Option<&str>,
    values: &[(&str, AttributeValue)],
) -> TransactWriteItem {
    let mut delete = Delete::builder()
        .table_name(table)
        .set_key(Some(key_map(key)))
        .set_condition_expression(condition.map(str::to_owned));
    for (name, value) in values {
        delete = delete.expression_attribute_values(*name, value.clone());
    }
    TransactWriteItem::builder().delete(delete.build().expect("table and key are set")).build()
}

/// A transactional write's condition naming attributes by placeholder (`#name`), for attribute
/// names DynamoDB reserves (`role`, `status`…).
pub(crate) fn with_names(write: TransactWriteItem, names: &[(&str, &str)]) -> TransactWriteItem {
    let names: HashMap<String, String> = names.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let mut write = write;
    if let Some(put) = write.put.as_mut() {
        put.expression_attribute_names = Some(names);
    } else if let Some(delete) = write.delete.as_mut() {
        delete.expression_attribute_names = Some(names);
    }
    write
}

/// Puts an item unless one with its key exists. Returns whether it was written.
pub(crate) async fn put_if_absent(state: &AppState, item: Item, what: &str) -> anyhow::Result<bool> {
    let written = state
        .dynamo
        .put_item()
        .table_name(state.table())
        .set_item(Some(item))
        .condition_expression("attribute_not_exists(PK)")
        .send()
        .await;
    match written {
        Ok(_) => Ok(true),
        Err(e) if is_condition_failed(&e) => Ok(false),
        Err(e) => Err(anyhow::Error::new(e).context(what.to_string())),
    }
}

/// Deletes one item (no condition).
pub(crate) async fn delete_item(state: &AppState, key: &(String, String)) -> anyhow::Result<()> {
    state
        .dynamo
        .delete_item()
        .table_name(state.table())
        .set_key(Some(key_map(key)))
        .send()
        .await
        .with_context(|| format!("deleting item {}", key.1))?;
    Ok(())
}

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

/// A query of one partition (`PK = pk`).
pub(crate) fn partition(state: &AppState, pk: String) -> QueryFluentBuilder {
    state
        .dynamo
        .query()
        .table_name(state.table())
        .key_condition_expression("PK = :pk")
        .expression_attribute_values(":pk", s(pk))
}

/// A query of the items of one partition whose sort key starts with `prefix`.
pub(crate) fn partition_prefix(state: &AppState, pk: String, prefix: &str) -> QueryFluentBuilder {
    state
        .dynamo
        .query()
        .table_name(state.table())
        .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
        .expression_attribute_values(":pk", s(pk))
        .expression_attribute_values(":prefix", s(prefix))
}

/// A query of the items of one partition whose sort key is between `low` and `high`.
pub(crate) fn partition_between(state: &AppState, pk: String, low: String, high: String) -> QueryFluentBuilder {
    state
        .dynamo
        .query()
        .table_name(state.table())
        .key_condition_expression("PK = :pk AND SK BETWEEN :lo AND :hi")
        .expression_attribute_values(":pk", s(pk))
        .expression_attribute_values(":lo", s(low))
        .expression_attribute_values(":hi", s(high))
}

/// A query of one GSI1 partition (`GSI1PK = pk`).
pub(crate) fn gsi1_partition(state: &AppState, pk: String) -> QueryFluentBuilder {
    state
        .dynamo
        .query()
        .table_name(state.table())
        .index_name(keys::GSI1)
        .key_condition_expression("GSI1PK = :pk")
        .expression_attribute_values(":pk", s(pk))
}

/// A query of the items of one GSI1 partition whose GSI1 sort key is between `low` and `high`.
pub(crate) fn gsi1_between(state: &AppState, pk: String, low: String, high: String) -> QueryFluentBuilder {
    state
        .dynamo
        .query()
        .table_name(state.table())
        .index_name(keys::GSI1)
        .key_condition_expression("GSI1PK = :pk AND GSI1SK BETWEEN :lo AND :hi")
        .expression_attribute_values(":pk", s(pk))
        .expression_attribute_values(":lo", s(low))
        .expression_attribute_values(":hi", s(high))
}

/// Epoch seconds stored in `expires_at`: TTL deletion is lazy (and moto never deletes), so
/// read paths check it themselves.
pub fn is_expired(expires_at: Option<i64>) -> bool {
    expires_at.is_some_and(|t| t <= crate::ids::epoch_secs())
}

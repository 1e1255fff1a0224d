//! Batched reads, deletes and puts, with DynamoDB's unprocessed keys and items retried.

use anyhow::{Context, bail};
use aws_sdk_dynamodb::types::{DeleteRequest, KeysAndAttributes, PutRequest, WriteRequest};

use super::{Item, key_map};
use crate::keys;
use crate::state::AppState;

async fn write(state: &AppState, requests: Vec<WriteRequest>) -> anyhow::Result<()> {
    for chunk in requests.chunks(25) {
        let mut pending = chunk.to_vec();
        let mut attempt = 0u32;
        while !pending.is_empty() {
            let out = state
                .dynamo
                .batch_write_item()
                .request_items(state.table(), pending)
                .send()
                .await
                .context("batch writing")?;
            pending = out.unprocessed_items.and_then(|mut m| m.remove(state.table())).unwrap_or_default();
            if !pending.is_empty() {
                attempt += 1;
                if attempt > 8 {
                    bail!("{} items stayed unprocessed", pending.len());
                }
                tokio::time::sleep(std::time::Duration::from_millis(25 << attempt.min(5))).await;
            }
        }
    }
    Ok(())
}

/// Deletes the items (only their keys are used).
pub async fn delete_items(state: &AppState, items: &[Item]) -> anyhow::Result<()> {
    let requests = items
        .iter()
        .filter_map(|item| {
            let pk = item.get(keys::PK)?.as_s().ok()?.clone();
            let sk = item.get(keys::SK)?.as_s().ok()?.clone();
            let delete = DeleteRequest::builder().set_key(Some(key_map(&(pk, sk)))).build().ok()?;
            Some(WriteRequest::builder().delete_request(delete).build())
        })
        .collect();
    write(state, requests).await
}

pub async fn put_items(state: &AppState, items: Vec<Item>) -> anyhow::Result<()> {
    let requests = items
        .into_iter()
        .map(|item| {
            WriteRequest::builder()
                .put_request(PutRequest::builder().set_item(Some(item)).build().expect("item"))
                .build()
        })
        .collect();
    write(state, requests).await
}

/// Reads up to 100 items by key in one round trip (strongly consistent), in the order of
/// `keys`: `None` where no item has that key.
pub async fn get_many(state: &AppState, wanted: &[(String, String)]) -> anyhow::Result<Vec<Option<Item>>> {
    if wanted.len() > 100 {
        bail!("get_many reads at most 100 keys, not {}", wanted.len());
    }
    let mut found: Vec<Item> = Vec::with_capacity(wanted.len());
    let mut pending: Vec<_> = wanted.iter().map(key_map).collect();
    let mut attempt = 0u32;
    while !pending.is_empty() {
        let request = KeysAndAttributes::builder().set_keys(Some(pending)).consistent_read(true).build()?;
        let out = state
            .dynamo
            .batch_get_item()
            .request_items(state.table(), request)
            .send()
            .await
            .context("batch reading")?;
        found.extend(out.responses.and_then(|mut r| r.remove(state.table())).unwrap_or_default());
        pending = out.unprocessed_keys.and_then(|mut m| m.remove(state.table())).map(|k| k.keys).unwrap_or_default();
        if !pending.is_empty() {
            attempt += 1;
            if attempt > 8 {
                bail!("{} keys stayed unprocessed", pending.len());
            }
            tokio::time::sleep(std::time::Duration::from_millis(25 << attempt.min(5))).await;
        }
    }
    let key_of = |item: &Item| -> Option<(String, String)> {
        Some((item.get(keys::PK)?.as_s().ok()?.clone(), item.get(keys::SK)?.as_s().ok()?.clone()))
    };
    let mut by_key: std::collections::HashMap<(String, String), Item> =
        found.into_iter().filter_map(|item| Some((key_of(&item)?, item))).collect();
    Ok(wanted.iter().map(|k| by_key.remove(k)).collect())
}

//! Batched deletes and puts, with DynamoDB's unprocessed items retried.

use anyhow::{Context, bail};
use aws_sdk_dynamodb::types::{DeleteRequest, PutRequest, WriteRequest};

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

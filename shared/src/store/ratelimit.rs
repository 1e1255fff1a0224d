//! Fixed-window counters in DynamoDB with TTL, for login failures and public endpoints.

use anyhow::Context;

use super::{key_map, n};
use crate::keys;
use crate::state::AppState;

#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub scope: &'static str,
    pub limit: u64,
    pub seconds: i64,
}

/// Seconds until the current window ends.
fn window_of(w: Window, now: i64) -> (i64, u64) {
    let index = now.div_euclid(w.seconds);
    let retry_after = ((index + 1) * w.seconds - now).max(1) as u64;
    (index, retry_after)
}

/// Counts one event and returns `Some(retry_after_secs)` if it went over the limit.
pub async fn hit(state: &AppState, w: Window, subject: &str) -> anyhow::Result<Option<u64>> {
    let now = crate::ids::epoch_secs();
    let (index, retry_after) = window_of(w, now);
    let out = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::rate_limit(w.scope, subject, index))))
        .update_expression("ADD #c :one SET expires_at = if_not_exists(expires_at, :exp), #t = :type")
        .expression_attribute_names("#c", "count")
        .expression_attribute_names("#t", keys::TYPE)
        .expression_attribute_values(":one", n(1))
        .expression_attribute_values(":exp", n((index + 1) * w.seconds + 60))
        .expression_attribute_values(":type", super::s("rate_limit"))
        .return_values(aws_sdk_dynamodb::types::ReturnValue::UpdatedNew)
        .send()
        .await
        .context("counting a rate-limited event")?;
    let count = out
        .attributes
        .and_then(|a| a.get("count").and_then(|v| v.as_n().ok()).and_then(|v| v.parse::<u64>().ok()))
        .unwrap_or(0);
    Ok((count > w.limit).then_some(retry_after))
}

/// Takes back one event counted by [`hit`] in the current window (never below zero): an
/// attempt that turned out fine (a successful login) does not count against the limit.
pub async fn give_back(state: &AppState, w: Window, subject: &str) -> anyhow::Result<()> {
    let (index, _) = window_of(w, crate::ids::epoch_secs());
    let out = state
        .dynamo
        .update_item()
        .table_name(state.table())
        .set_key(Some(key_map(&keys::rate_limit(w.scope, subject, index))))
        .update_expression("ADD #c :minus")
        .condition_expression("#c > :zero")
        .expression_attribute_names("#c", "count")
        .expression_attribute_values(":minus", n(-1))
        .expression_attribute_values(":zero", n(0))
        .send()
        .await;
    match out {
        Ok(_) => Ok(()),
        // Nothing to give back (the window turned over meanwhile).
        Err(e) if super::is_condition_failed(&e) => Ok(()),
        Err(e) => Err(anyhow::Error::new(e).context("giving back a rate-limited event")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_the_rest_of_the_window() {
        let w = Window { scope: "x", limit: 5, seconds: 900 };
        assert_eq!(window_of(w, 900), (1, 900));
        assert_eq!(window_of(w, 1799), (1, 1));
    }
}

//! A tenant's Meta credentials in Secrets Manager, cached per warm container for a short time.

use std::time::Duration;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::state::AppState;

#[derive(Clone, Serialize, Deserialize)]
pub struct Credentials {
    pub access_token: String,
    #[serde(default)]
    pub app_secret: Option<String>,
    /// The two-step verification PIN the number was registered with (Embedded Signup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credentials { .. }")
    }
}

/// Reads the current credentials of a secret.
pub async fn load(state: &AppState, secret_id: &str) -> anyhow::Result<Credentials> {
    load_version(state, secret_id, None).await
}

/// Reads one version of the credentials (`None`: the current one), from the cache when fresh;
/// one retry for a transient failure. Integrations point at the version they were saved with,
/// so a settings update that fails leaves the old version in force.
pub async fn load_version(state: &AppState, secret_id: &str, version: Option<&str>) -> anyhow::Result<Credentials> {
    match load_if_present(state, secret_id, version).await? {
        Found::Credentials(c) => Ok(c),
        Found::Gone => anyhow::bail!("the tenant's secret no longer exists (the connection was removed)"),
    }
}

/// What [`load_if_present`] found.
pub enum Found {
    Credentials(Credentials),
    /// The secret is gone: the WhatsApp connection was removed. No retry brings it back.
    Gone,
}

/// [`load_version`], telling a removed connection apart from a failure worth retrying. A
/// version that is no longer kept (the settings were saved twice since) falls back to the
/// current one.
pub async fn load_if_present(state: &AppState, secret_id: &str, version: Option<&str>) -> anyhow::Result<Found> {
    match read(state, secret_id, version).await? {
        Some(c) => Ok(Found::Credentials(c)),
        None if version.is_some() => Ok(read(state, secret_id, None).await?.map_or(Found::Gone, Found::Credentials)),
        None => Ok(Found::Gone),
    }
}

/// One version of the credentials (`None`: no such secret or version), from the cache when fresh.
async fn read(state: &AppState, secret_id: &str, version: Option<&str>) -> anyhow::Result<Option<Credentials>> {
    let key = (secret_id.to_string(), version.map(str::to_owned));
    if let Some(c) = state.caches.credentials.get(&key) {
        return Ok(Some(c));
    }
    let mut attempt = 0;
    let value = loop {
        match state.secrets.get_secret_value().secret_id(secret_id).set_version_id(key.1.clone()).send().await {
            Ok(v) => break v,
            Err(e) if attempt == 0 && !e.as_service_error().is_some_and(|s| s.is_resource_not_found_exception()) => {
                attempt += 1;
                tracing::warn!(error = %e, "reading a tenant secret failed; retrying once");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) if e.as_service_error().is_some_and(|s| s.is_resource_not_found_exception()) => return Ok(None),
            Err(e) => return Err(e).context("reading a tenant secret"),
        }
    };
    let credentials: Credentials =
        serde_json::from_str(value.secret_string().unwrap_or("{}")).context("parsing a tenant secret")?;
    state.caches.credentials.insert(key, credentials.clone());
    Ok(Some(credentials))
}

/// Forgets every cached version of a secret (after it was replaced or deleted in this container).
pub fn forget(state: &AppState, secret_id: &str) {
    state.caches.credentials.retain(|(id, _)| id != secret_id);
}

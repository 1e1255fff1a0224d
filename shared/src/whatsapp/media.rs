//! What customers send besides text: each image, voice note, video, document or sticker is
//! copied from Meta (whose download URL expires in minutes) into the tenant's prefix of the
//! media bucket, with its type, size and checksum. A download that keeps failing never loses
//! the message: it is kept with its media marked unavailable.

use std::time::Duration;

use sha2::Digest;

use super::graph::{self, GraphError};
use super::payload::Inbound;
use crate::state::AppState;
use crate::store::conversations::MessageType;
pub use crate::store::conversations::{Media, MediaStatus};

/// Attempts per download inside one invocation.
const ATTEMPTS: u32 = 3;
/// How long the dashboard's links to a media item work.
pub const LINK_TTL: Duration = Duration::from_secs(15 * 60);

/// Meta's size limits per kind (the Cloud API refuses larger uploads, so larger is not Meta).
pub fn size_limit(kind: MessageType) -> Option<u64> {
    const MB: u64 = 1024 * 1024;
    match kind {
        MessageType::Image => Some(5 * MB),
        MessageType::Audio | MessageType::Video => Some(16 * MB),
        MessageType::Document => Some(100 * MB),
        MessageType::Sticker => Some(500 * 1024),
        _ => None,
    }
}

impl Media {
    fn unavailable(problem: String, mime_type: Option<String>, size: Option<u64>) -> Self {
        Self {
            status: MediaStatus::Unavailable,
            mime_type,
            size,
            sha256: None,
            key: None,
            problem: Some(problem),
            url: None,
        }
    }
}

/// The bucket key of an inbound media item: one per tenant and wamid, so a retried download
/// overwrites rather than duplicates.
fn object_key(tenant_id: &crate::ids::TenantId, wamid: &str) -> String {
    format!("tenants/{tenant_id}/media/{}", hex::encode(sha2::Sha256::digest(wamid.as_bytes())))
}

/// Copies an inbound message's media into the bucket, trying a few times; `None` when the
/// message has no media. The bytes come back too (a voice note may be transcribed).
pub async fn fetch(
    state: &AppState,
    tenant_id: &crate::ids::TenantId,
    inbound: &Inbound,
    token: &str,
) -> Option<(Media, Vec<u8>)> {
    let media_id = inbound.media_id.as_deref()?;
    let limit = size_limit(inbound.kind)?;
    let Some(bucket) = state.config.media_bucket.as_deref() else {
        return Some((Media::unavailable("no media bucket is configured".into(), None, None), vec![]));
    };
    let mut last = String::new();
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(300 * 2u64.pow(attempt))).await;
        }
        let info = match graph::media_info(state, media_id, token).await {
            Ok(info) => info,
            Err(e) if e.retryable => {
                last = e.title;
                continue;
            }
            Err(e) => return Some((Media::unavailable(e.title, None, None), vec![])),
        };
        if info.file_size.is_some_and(|n| n > limit) {
            let problem = format!("larger than WhatsApp allows for this kind ({} bytes)", info.file_size.unwrap_or(0));
            return Some((Media::unavailable(problem, Some(info.mime_type), info.file_size), vec![]));
        }
        let bytes = match graph::download_media(state, &info.url, token, limit).await {
            Ok(bytes) => bytes,
            Err(GraphError { retryable: true, title, .. }) => {
                last = title;
                continue;
            }
            Err(e) => return Some((Media::unavailable(e.title, Some(info.mime_type), info.file_size), vec![])),
        };
        let sha256 = hex::encode(sha2::Sha256::digest(&bytes));
        if info.sha256.as_deref().is_some_and(|expected| !expected.eq_ignore_ascii_case(&sha256)) {
            last = "the download did not match Meta's checksum".into();
            continue;
        }
        let key = object_key(tenant_id, &inbound.wamid);
        let put = state
            .s3
            .put_object()
            .bucket(bucket)
            .key(&key)
            .content_type(&info.mime_type)
            .body(bytes.clone().into())
            .send()
            .await;
        if let Err(e) = put {
            last = format!("storing it failed: {e}");
            tracing::warn!(error = %e, "storing a media item");
            continue;
        }
        let media = Media {
            status: MediaStatus::Stored,
            mime_type: Some(info.mime_type),
            size: Some(bytes.len() as u64),
            sha256: Some(sha256),
            key: Some(key),
            problem: None,
            url: None,
        };
        return Some((media, bytes));
    }
    tracing::warn!(cause = %last, "a media item stayed unavailable after retries");
    Some((Media::unavailable(last, None, None), vec![]))
}

/// A presigned GET for a stored media item (no network call).
pub async fn link(state: &AppState, media: &Media) -> Option<String> {
    let (Some(bucket), Some(key)) = (state.config.media_bucket.as_deref(), media.key.as_deref()) else { return None };
    if media.status != MediaStatus::Stored {
        return None;
    }
    let config = aws_sdk_s3::presigning::PresigningConfig::expires_in(LINK_TTL).ok()?;
    let request = state.s3.get_object().bucket(bucket).key(key).presigned(config).await.ok()?;
    Some(request.uri().to_string())
}

/// A voice note's words, through the configured OpenAI-compatible transcription API; `None`
/// when none is configured or it fails (the customer then gets the "please write" reply).
pub async fn transcribe(state: &AppState, audio: &[u8], mime_type: &str) -> Option<String> {
    let base = state.config.transcription_base_url.as_deref()?;
    let key = state.config.llm_api_key.clone()?;
    let extension = mime_type.split(['/', ';']).nth(1).unwrap_or("ogg").trim();
    let part = reqwest::multipart::Part::bytes(audio.to_vec())
        .file_name(format!("voice.{extension}"))
        .mime_str(mime_type)
        .ok()?;
    let form =
        reqwest::multipart::Form::new().text("model", state.config.transcription_model.clone()).part("file", part);
    let resp = state
        .http
        .post(format!("{}/audio/transcriptions", base.trim_end_matches('/')))
        .bearer_auth(secrecy::ExposeSecret::expose_secret(&key))
        .multipart(form)
        .timeout(Duration::from_secs(30))
        .send()
        .await;
    match resp {
        Ok(r) if r.status().is_success() => {
            let text = r.json::<serde_json::Value>().await.ok()?["text"].as_str()?.trim().to_string();
            (!text.is_empty()).then_some(text)
        }
        Ok(r) => {
            tracing::warn!(status = r.status().as_u16(), "transcription refused");
            None
        }
        Err(e) => {
            tracing::warn!(error = %e, "transcription failed");
            None
        }
    }
}

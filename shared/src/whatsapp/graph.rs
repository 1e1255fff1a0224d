//! Meta's Graph API, the calls this product makes. Errors are classified by Meta's numeric
//! `code`, never by message text.

use serde::Deserialize;
use serde_json::json;

use crate::state::AppState;

/// A Graph API failure.
#[derive(Debug, Clone, thiserror::Error)]
#[error("Graph API error {code}: {title}")]
pub struct GraphError {
    pub code: i64,
    pub title: String,
    /// Worth retrying later (throttling, Meta's 5xx, timeouts, pair rate limit).
    pub retryable: bool,
}

/// Whether a stored delivery error is worth another send: Meta's temporary codes, transport
/// failures (0) and HTTP 429/5xx answers without a Meta error body.
pub fn is_temporary(code: i64) -> bool {
    is_retryable_code(code) || code == 0 || code == 429 || (500..600).contains(&code)
}

/// Meta error codes that are temporary.
pub fn is_retryable_code(code: i64) -> bool {
    matches!(code, 1 | 2 | 4 | 17 | 341 | 80007 | 130429 | 131000 | 131016 | 131048 | 131056 | 133004 | 133005)
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    #[serde(default)]
    code: i64,
    #[serde(default)]
    message: String,
}

fn plain_title(code: i64, message: &str) -> String {
    match code {
        190 => "The access token has expired or is invalid. Paste a new token in the WhatsApp settings.".into(),
        131047 => "More than 24 hours have passed since the customer last replied.".into(),
        131026 => "The message could not be delivered to this number.".into(),
        130429 => "Meta's throughput limit was reached; the message will be retried.".into(),
        131056 => "Too many messages to this customer in a short time; the message will be retried.".into(),
        100 => format!("Meta rejected the request: {message}"),
        _ if message.is_empty() => format!("Meta error {code}"),
        _ => message.chars().take(200).collect(),
    }
}

async fn classify(resp: reqwest::Response) -> GraphError {
    let status = resp.status();
    let body = resp.text().await.unwrap_or_default();
    match serde_json::from_str::<ErrorBody>(&body) {
        Ok(b) => GraphError {
            code: b.error.code,
            title: plain_title(b.error.code, &b.error.message),
            retryable: is_retryable_code(b.error.code) || status.is_server_error() || status.as_u16() == 429,
        },
        Err(_) => GraphError {
            code: status.as_u16() as i64,
            title: format!("Meta answered HTTP {status}"),
            retryable: status.is_server_error() || status.as_u16() == 429,
        },
    }
}

fn transport(e: reqwest::Error) -> GraphError {
    GraphError {
        code: 0,
        title: format!("Could not reach Meta: {}", if e.is_timeout() { "timeout" } else { "connection failed" }),
        retryable: true,
    }
}

/// Reply buttons' titles are at most 20 characters; list rows' 24 (and their descriptions 72);
/// an interactive message's body at most 1,024.
const BUTTON_TITLE: usize = 20;
const ROW_TITLE: usize = 24;
const ROW_DESCRIPTION: usize = 72;
const INTERACTIVE_BODY: usize = 1024;

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut clipped: String = text.chars().take(max - 1).collect();
    clipped.push('…');
    clipped
}

/// The Graph API body of a message: text, or interactive when there are choices (reply
/// buttons when every choice fits a button, else a list whose rows carry the whole choice in
/// their description, which is what comes back when the customer taps it).
pub fn message_body(to: &str, text: &str, choices: &[String], list_button: &str) -> serde_json::Value {
    let envelope = |kind: &str, payload: serde_json::Value| {
        let mut body =
            json!({ "messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": kind });
        body[kind] = payload;
        body
    };
    if choices.is_empty() || text.chars().count() > INTERACTIVE_BODY {
        return envelope("text", json!({ "preview_url": false, "body": text }));
    }
    let choices = &choices[..choices.len().min(10)];
    if choices.len() <= 3 && choices.iter().all(|c| c.chars().count() <= BUTTON_TITLE) {
        let buttons: Vec<serde_json::Value> = choices
            .iter()
            .enumerate()
            .map(|(i, c)| json!({ "type": "reply", "reply": { "id": format!("choice-{i}"), "title": c } }))
            .collect();
        return envelope(
            "interactive",
            json!({ "type": "button", "body": { "text": text }, "action": { "buttons": buttons } }),
        );
    }
    let rows: Vec<serde_json::Value> = choices
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({ "id": format!("choice-{i}"), "title": clip(c, ROW_TITLE), "description": clip(c, ROW_DESCRIPTION) })
        })
        .collect();
    envelope(
        "interactive",
        json!({ "type": "list", "body": { "text": text },
                "action": { "button": clip(list_button, BUTTON_TITLE), "sections": [{ "title": clip(list_button, ROW_TITLE), "rows": rows }] } }),
    )
}

/// `POST /{phone_number_id}/messages` with a message body (text, interactive or template);
/// returns the outbound wamid.
pub async fn send_body(
    state: &AppState,
    phone_number_id: &str,
    token: &str,
    body: &serde_json::Value,
) -> Result<crate::ids::Wamid, GraphError> {
    let url = format!("{}/{}/messages", state.config.graph_api_base, phone_number_id);
    let resp = call(state.http.post(url).bearer_auth(token).json(body), 10).await?;
    let json: serde_json::Value = resp.json().await.map_err(transport)?;
    json["messages"][0]["id"].as_str().map(crate::ids::Wamid::from).ok_or(GraphError {
        code: 0,
        title: "Meta's answer had no message id".into(),
        retryable: false,
    })
}

/// Marks an inbound message read and shows the typing indicator while the answer is prepared.
pub async fn mark_read_typing(
    state: &AppState,
    phone_number_id: &str,
    token: &str,
    wamid: &str,
) -> Result<(), GraphError> {
    let url = format!("{}/{}/messages", state.config.graph_api_base, phone_number_id);
    let body = json!({
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": wamid,
        "typing_indicator": { "type": "text" },
    });
    call(state.http.post(url).bearer_auth(token).json(&body), 5).await.map(drop)
}

/// Sends a Graph API request with a timeout (seconds): the response when Meta answered 2xx,
/// else Meta's error (classified) or the transport failure. The one place requests go out.
async fn call(request: reqwest::RequestBuilder, timeout_secs: u64) -> Result<reqwest::Response, GraphError> {
    let resp = request.timeout(std::time::Duration::from_secs(timeout_secs)).send().await.map_err(transport)?;
    if resp.status().is_success() { Ok(resp) } else { Err(classify(resp).await) }
}

/// `GET /{phone_number_id}`: the number's display name, to test a connection.
pub async fn phone_number(
    state: &AppState,
    phone_number_id: &str,
    token: &str,
) -> Result<serde_json::Value, GraphError> {
    let url = format!("{}/{}?fields=display_phone_number,verified_name", state.config.graph_api_base, phone_number_id);
    get_json(state, &url, token).await
}

/// A Graph API `GET` with the business's token, its JSON answer or Meta's error.
async fn get_json<T: serde::de::DeserializeOwned>(state: &AppState, url: &str, token: &str) -> Result<T, GraphError> {
    call(state.http.get(url).bearer_auth(token), 10).await?.json().await.map_err(transport)
}

/// `GET /{waba_id}/phone_numbers`: the ids of the numbers a WhatsApp Business Account holds,
/// as seen with `token` (Meta answers only for tokens with access to that account).
pub async fn business_phone_numbers(state: &AppState, waba_id: &str, token: &str) -> Result<Vec<String>, GraphError> {
    #[derive(serde::Deserialize)]
    struct Number {
        id: String,
    }
    let url = format!("{}/{}/phone_numbers?fields=id&limit=100", state.config.graph_api_base, waba_id);
    let numbers: Vec<Number> = get_pages(state, &url, token).await?;
    Ok(numbers.into_iter().map(|n| n.id).collect())
}

/// A Graph API listing (`{data: [...], paging: {next}}`), following Meta's paging for up to
/// five pages; only links on the configured Graph base are followed, never another host.
pub async fn get_pages<T: serde::de::DeserializeOwned>(
    state: &AppState,
    url: &str,
    token: &str,
) -> Result<Vec<T>, GraphError> {
    #[derive(serde::Deserialize)]
    struct Page<T> {
        #[serde(default = "Vec::new")]
        data: Vec<T>,
        paging: Option<Paging>,
    }
    #[derive(serde::Deserialize)]
    struct Paging {
        next: Option<String>,
    }
    let mut url = url.to_string();
    let mut items = Vec::new();
    for _ in 0..5 {
        let page: Page<T> = get_json(state, &url, token).await?;
        items.extend(page.data);
        match page.paging.and_then(|p| p.next).filter(|n| n.starts_with(&state.config.graph_api_base)) {
            Some(next) => url = next,
            None => break,
        }
    }
    Ok(items)
}

/// What Meta says of an inbound media item (`GET /{media_id}`). Its `url` works for about five
/// minutes and only with the business's token.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct MediaInfo {
    pub url: String,
    pub mime_type: String,
    #[serde(default)]
    pub sha256: Option<String>,
    #[serde(default)]
    pub file_size: Option<u64>,
}

pub async fn media_info(state: &AppState, media_id: &str, token: &str) -> Result<MediaInfo, GraphError> {
    get_json(state, &format!("{}/{}", state.config.graph_api_base, media_id), token).await
}

/// Downloads a media item's bytes from the URL [`media_info`] gave, refusing more than `limit`
/// bytes (whatever the headers claim).
pub async fn download_media(state: &AppState, url: &str, token: &str, limit: u64) -> Result<Vec<u8>, GraphError> {
    let resp = call(state.http.get(url).bearer_auth(token), 60).await?;
    let too_large = || GraphError { code: 413, title: format!("larger than {limit} bytes"), retryable: false };
    if resp.content_length().is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut resp = resp;
    let mut bytes = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(transport)? {
        if bytes.len() as u64 + chunk.len() as u64 > limit {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Embedded Signup: exchanges the code Facebook Login for Business returned for the business's
/// token (`GET /oauth/access_token`). The app secret travels only to Meta; errors never carry
/// the URL.
pub async fn exchange_code(state: &AppState, app_id: &str, app_secret: &str, code: &str) -> Result<String, GraphError> {
    let url = reqwest::Url::parse_with_params(
        &format!("{}/oauth/access_token", state.config.graph_api_base),
        &[("client_id", app_id), ("client_secret", app_secret), ("code", code)],
    )
    .map_err(|_| GraphError { code: 0, title: "the Graph API base is not a URL".into(), retryable: false })?;
    let resp = call(state.http.get(url), 10).await?;
    let json: serde_json::Value = resp.json().await.map_err(transport)?;
    json["access_token"].as_str().filter(|t| !t.is_empty()).map(str::to_owned).ok_or(GraphError {
        code: 0,
        title: "Meta's answer had no access token".into(),
        retryable: false,
    })
}

async fn post_ok(state: &AppState, url: String, token: &str, body: serde_json::Value) -> Result<(), GraphError> {
    call(state.http.post(url).bearer_auth(token).json(&body), 15).await.map(drop)
}

/// `POST /{waba_id}/subscribed_apps`: the platform app receives the account's webhooks.
pub async fn subscribe_app(state: &AppState, waba_id: &str, token: &str) -> Result<(), GraphError> {
    post_ok(state, format!("{}/{}/subscribed_apps", state.config.graph_api_base, waba_id), token, json!({})).await
}

/// `POST /{phone_number_id}/register`: the number starts using the Cloud API (with a
/// two-step verification PIN).
pub async fn register_number(
    state: &AppState,
    phone_number_id: &str,
    token: &str,
    pin: &str,
) -> Result<(), GraphError> {
    let url = format!("{}/{}/register", state.config.graph_api_base, phone_number_id);
    post_ok(state, url, token, json!({ "messaging_product": "whatsapp", "pin": pin })).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn short_choices_become_reply_buttons_and_long_ones_a_list_within_metas_limits() {
        let plain = message_body("905321234567", "Merhaba", &[], "Seçenekler");
        assert_eq!((plain["type"].as_str(), plain["text"]["body"].as_str()), (Some("text"), Some("Merhaba")));

        let buttons =
            message_body("905321234567", "Emin değilim.", &choices(&["Fiyatlar", "Yetkiliye bağlan"]), "Seçenekler");
        assert_eq!(buttons["interactive"]["type"], "button");
        let titles: Vec<&str> = buttons["interactive"]["action"]["buttons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["reply"]["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["Fiyatlar", "Yetkiliye bağlan"]);

        let long = "Kanal tedavisi kaç seans sürer ve ağrılı mı?";
        let list = message_body("905321234567", "Emin değilim.", &choices(&[long, "Yetkiliye bağlan"]), "Seçenekler");
        assert_eq!(list["interactive"]["type"], "list");
        let rows = list["interactive"]["action"]["sections"][0]["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 2);
        let title = rows[0]["title"].as_str().unwrap();
        assert!(title.chars().count() <= 24 && title.ends_with('…'), "{title}");
        assert_eq!(rows[0]["description"], long);
        assert_eq!(list["interactive"]["action"]["button"], "Seçenekler");

        // Eleven choices: a list of ten. A body over 1,024 characters: plain text.
        let many: Vec<String> = (0..11).map(|i| format!("Seçenek numarası {i} uzun")).collect();
        let capped = message_body("9", "?", &many, "Seçenekler");
        assert_eq!(capped["interactive"]["action"]["sections"][0]["rows"].as_array().unwrap().len(), 10);
        let huge = "a".repeat(1025);
        assert_eq!(message_body("9", &huge, &choices(&["Evet"]), "Seçenekler")["type"], "text");
    }
}

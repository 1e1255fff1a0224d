//! An OpenAI Chat Completions client for any compatible server (OpenAI, Azure OpenAI,
//! OpenRouter, Ollama, vLLM): timeouts, retries with backoff on 429/5xx/timeouts (honouring
//! `Retry-After` up to a cap), a cap on output tokens, and tool calls parsed defensively.

use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Clone)]
pub struct LlmConfig {
    /// e.g. `https://api.openai.com/v1` (the client appends `/chat/completions`).
    pub base_url: String,
    pub api_key: SecretString,
    pub model: String,
    /// The whole reply's deadline, retries and their waits included: past it the customer
    /// gets the fallback and the offer of a person instead of waiting on a slow model.
    pub timeout: Duration,
    pub max_attempts: u32,
    /// First backoff; doubled after each failed attempt.
    pub backoff: Duration,
    /// Longest wait a `Retry-After` may ask for before the attempt is given up.
    pub max_retry_after: Duration,
    pub max_output_tokens: u32,
    pub temperature: f32,
}

impl Default for LlmConfig {
    fn default() -> Self {
        Self {
            base_url: "https://api.openai.com/v1".into(),
            api_key: SecretString::from(String::new()),
            model: "gpt-4.1-mini".into(),
            timeout: Duration::from_secs(20),
            max_attempts: 3,
            backoff: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(5),
            max_output_tokens: 500,
            temperature: 0.2,
        }
    }
}

#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum LlmError {
    #[error("the provider timed out after {attempts} attempt(s)")]
    Timeout { attempts: u32 },
    #[error("the provider answered HTTP {status} after {attempts} attempt(s)")]
    Status { status: u16, attempts: u32 },
    #[error("the provider could not be reached: {0}")]
    Transport(String),
    #[error("the provider's answer could not be read: {0}")]
    Malformed(String),
}

/// A tool call the model made. `arguments` is the raw JSON text the model wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolCall {
    /// The call's id, which a tool result names (`tool_call_id`).
    pub id: String,
    pub name: String,
    pub arguments: String,
}

/// The model's answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Completion {
    pub content: String,
    pub tool_calls: Vec<ToolCall>,
}

#[derive(Debug, Clone)]
pub struct LlmClient {
    config: LlmConfig,
    http: reqwest::Client,
}

#[derive(Deserialize)]
struct ChatResponse {
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: ChoiceMessage,
}

#[derive(Deserialize)]
struct ChoiceMessage {
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    tool_calls: Vec<RawToolCall>,
}

#[derive(Deserialize)]
struct RawToolCall {
    #[serde(default)]
    id: String,
    function: RawFunction,
}

#[derive(Deserialize)]
struct RawFunction {
    name: String,
    #[serde(default)]
    arguments: String,
}

impl LlmClient {
    pub fn new(config: LlmConfig) -> Self {
        let http = reqwest::Client::builder().build().expect("a TLS-capable HTTP client");
        Self { config, http }
    }

    pub fn model(&self) -> &str {
        &self.config.model
    }

    /// One chat completion with `messages` (OpenAI format) and `tools`.
    pub async fn complete(&self, messages: &[Value], tools: &Value) -> Result<Completion, LlmError> {
        let url = format!("{}/chat/completions", self.config.base_url.trim_end_matches('/'));
        let body = json!({
            "model": self.config.model,
            "messages": messages,
            "tools": tools,
            "tool_choice": "auto",
            "temperature": self.config.temperature,
            "max_tokens": self.config.max_output_tokens,
        });
        let deadline = tokio::time::Instant::now() + self.config.timeout;
        let mut backoff = self.config.backoff;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return Err(LlmError::Timeout { attempts: attempt - 1 });
            }
            let sent = self
                .http
                .post(&url)
                .bearer_auth(self.config.api_key.expose_secret())
                .timeout(left)
                .json(&body)
                .send()
                .await;
            let (failure, retry_wait) = match sent {
                Ok(resp) if resp.status().is_success() => {
                    let raw: ChatResponse = resp.json().await.map_err(|e| LlmError::Malformed(e.to_string()))?;
                    let message =
                        raw.choices.into_iter().next().ok_or_else(|| LlmError::Malformed("no choices".into()))?.message;
                    return Ok(Completion {
                        content: message.content.unwrap_or_default(),
                        tool_calls: message
                            .tool_calls
                            .into_iter()
                            .map(|t| ToolCall { id: t.id, name: t.function.name, arguments: t.function.arguments })
                            .collect(),
                    });
                }
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    let failure = LlmError::Status { status, attempts: attempt };
                    let retryable = status == 429 || resp.status().is_server_error();
                    if !retryable || attempt >= self.config.max_attempts {
                        return Err(failure);
                    }
                    let asked = resp
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    match asked {
                        Some(wait) if wait > self.config.max_retry_after => return Err(failure),
                        Some(wait) => (failure, wait),
                        None => (failure, backoff),
                    }
                }
                Err(e) if e.is_timeout() => (LlmError::Timeout { attempts: attempt }, backoff),
                Err(e) => (LlmError::Transport(without_url(&e)), backoff),
            };
            // Out of attempts, or a retry that could not begin before the deadline.
            if attempt >= self.config.max_attempts || tokio::time::Instant::now() + retry_wait >= deadline {
                return Err(failure);
            }
            tracing::warn!(attempt, wait_ms = retry_wait.as_millis() as u64, "LLM call failed; retrying");
            tokio::time::sleep(retry_wait).await;
            backoff *= 2;
        }
    }
}

/// A transport error's text without the URL (which may carry a key in some proxies).
fn without_url(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    if let Some(url) = e.url() {
        text = text.replace(url.as_str(), "<endpoint>");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn client(server: &MockServer, timeout_ms: u64) -> LlmClient {
        LlmClient::new(LlmConfig {
            base_url: format!("{}/v1", server.uri()),
            api_key: SecretString::from("sk-test".to_string()),
            timeout: Duration::from_millis(timeout_ms),
            backoff: Duration::from_millis(10),
            ..LlmConfig::default()
        })
    }

    fn answer(content: &str) -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_json(json!({
            "choices": [{ "message": { "role": "assistant", "content": content } }]
        }))
    }

    #[tokio::test]
    async fn a_429_is_retried_and_the_answer_returned() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/v1/chat/completions"))
            .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/v1/chat/completions"))
            .and(header("authorization", "Bearer sk-test"))
            .respond_with(answer("Merhaba!"))
            .with_priority(2)
            .mount(&server)
            .await;
        let out = client(&server, 2000).complete(&[json!({"role":"user","content":"selam"})], &json!([])).await;
        assert_eq!(out.unwrap().content, "Merhaba!");
        assert_eq!(server.received_requests().await.unwrap().len(), 2);
    }

    #[tokio::test]
    async fn persistent_5xx_gives_up_after_the_attempts() {
        let server = MockServer::start().await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
        let out = client(&server, 2000).complete(&[], &json!([])).await;
        assert_eq!(out, Err(LlmError::Status { status: 503, attempts: 3 }));
        assert_eq!(server.received_requests().await.unwrap().len(), 3);
    }

    #[tokio::test]
    async fn a_slow_provider_gets_one_deadline_for_the_whole_reply_retries_included() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(answer("late").set_delay(Duration::from_millis(2_000)))
            .mount(&server)
            .await;
        let out = client(&server, 300).complete(&[], &json!([])).await;
        // The first attempt used the whole deadline: no retry was started after it.
        assert_eq!(out, Err(LlmError::Timeout { attempts: 1 }));
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_retry_that_cannot_finish_before_the_deadline_is_not_started() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "2"))
            .mount(&server)
            .await;
        let out = client(&server, 1_000).complete(&[], &json!([])).await;
        assert_eq!(out, Err(LlmError::Status { status: 503, attempts: 1 }));
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_client_error_is_not_retried() {
        let server = MockServer::start().await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(401)).mount(&server).await;
        let out = client(&server, 2000).complete(&[], &json!([])).await;
        assert_eq!(out, Err(LlmError::Status { status: 401, attempts: 1 }));
    }

    #[tokio::test]
    async fn tool_calls_are_read_with_their_raw_arguments() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "choices": [{ "message": { "role": "assistant", "content": null, "tool_calls": [
                    { "id": "call_1", "type": "function", "function": { "name": "save_lead", "arguments": "{\"name\":\"Ali\"}" } }
                ]}}]
            })))
            .mount(&server)
            .await;
        let out = client(&server, 2000).complete(&[], &json!([])).await.unwrap();
        assert_eq!(out.content, "");
        assert_eq!(
            out.tool_calls,
            [ToolCall { id: "call_1".into(), name: "save_lead".into(), arguments: "{\"name\":\"Ali\"}".into() }]
        );
    }
}

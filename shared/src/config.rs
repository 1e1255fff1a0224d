//! Typed configuration, read once per cold start from the environment.
//!
//! Secrets are wrapped in [`SecretString`] so they never reach `Debug` output or logs.

use anyhow::{Context, bail};
use secrecy::SecretString;

/// Everything a function needs to know about its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// The single DynamoDB table.
    pub table_name: String,
    /// The FIFO queue that carries inbound WhatsApp messages to the reply worker.
    pub inbound_queue_url: Option<String>,
    /// Where a record that can never be handled goes at once (default: the inbound queue's
    /// name with `-dlq`).
    pub inbound_dlq_url: Option<String>,
    /// HMAC key for access tokens, visitor tokens and cursors (each with its own purpose label).
    pub jwt_secret: SecretString,
    pub access_token_ttl_secs: i64,
    pub refresh_token_ttl_secs: i64,
    /// Public base URL of the API (for the webhook URL shown to tenants).
    pub backend_url: String,
    /// The dashboard's origin (CORS on private routes).
    pub frontend_url: String,
    /// Base URL of Meta's Graph API, version included (e.g. `https://graph.facebook.com/v23.0`).
    pub graph_api_base: String,
    /// The platform Meta app's secret, for tenants that use the shared app.
    pub meta_app_secret: Option<SecretString>,
    /// The platform Meta app's id (Embedded Signup exchanges codes with it and its secret).
    pub meta_app_id: Option<String>,
    /// Name prefix of the per-tenant secrets in Secrets Manager.
    pub tenant_secret_prefix: String,
    /// OpenAI-compatible chat completions endpoint base (e.g. `https://api.openai.com/v1`).
    pub llm_base_url: String,
    /// The LLM provider's key: `LLM_API_KEY`, or (deployed) the secret `LLM_API_KEY_SECRET_ID`
    /// names, read at cold start. `none` (the template's placeholder) means no key.
    pub llm_api_key: Option<SecretString>,
    pub llm_timeout_secs: u64,
    /// Public chat messages per bot key and IP per minute.
    pub public_messages_per_minute: u32,
    /// Answers a tenant's bots may give per calendar month in the widget (and the test panel),
    /// and on WhatsApp: two budgets, so one channel cannot use up the other.
    pub monthly_widget_quota: u64,
    pub monthly_whatsapp_quota: u64,
    /// Answers one conversation may get per day.
    pub conversation_daily_answers: u64,
    /// Widget messages per bot key and IP per day (beside the per-minute limit).
    pub visitor_daily_messages: u64,
    /// How long a WhatsApp customer must be quiet before the bot answers, so quick fragments
    /// ("Merhaba" / "diş temizliği" / "ne kadar?") get one answer; 0 answers each batch at once.
    pub whatsapp_quiet_window_ms: u64,
    /// The private bucket WhatsApp media is copied into (under `tenants/{tenant_id}/`).
    pub media_bucket: Option<String>,
    /// An OpenAI-compatible API whose `/audio/transcriptions` turns voice notes into text
    /// (authorised with the LLM key); unset, voice notes get the polite "please write" reply.
    pub transcription_base_url: Option<String>,
    pub transcription_model: String,
    /// Appointment reminders: the reminder function EventBridge Scheduler invokes, the role it
    /// invokes it with, and the schedule group; without the first two, no reminder is scheduled.
    pub reminder_function_arn: Option<String>,
    pub scheduler_role_arn: Option<String>,
    pub schedule_group: String,
    /// The sender of e-mail to users (an SES-verified address or domain); unset, mail is off.
    pub mail_from: Option<String>,
    /// LLM models a bot may be set to use (`LLM_MODELS`, comma-separated; the platform pays).
    pub llm_models: Vec<String>,
    /// Shared with the dashboard's server, which signs the visitor's address with it
    /// (`X-Client-Ip`), so login limits count the person, not the dashboard's server.
    pub client_ip_secret: Option<SecretString>,
    /// With the edge (CloudFront + WAF) in front of the API, the value CloudFront sends in
    /// `X-Origin-Verify`: requests without it went around the WAF and are refused.
    pub origin_verify_secret: Option<SecretString>,
}

impl Config {
    /// Reads the configuration from the process environment, failing fast on anything missing.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads the configuration through `lookup`, so tests can configure without touching the process.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let get = |key: &str| lookup(key).filter(|v| !v.trim().is_empty());
        let table_name = get("TABLE_NAME").context("TABLE_NAME is not set")?;
        let jwt_secret = get("JWT_SECRET").context("JWT_SECRET is not set")?;
        if jwt_secret.len() < 32 {
            bail!("JWT_SECRET must be at least 32 characters");
        }
        let number = |key: &str, default: i64| -> anyhow::Result<i64> {
            match get(key) {
                Some(v) => v.parse().with_context(|| format!("{key} must be a whole number")),
                None => Ok(default),
            }
        };
        Ok(Self {
            table_name,
            inbound_queue_url: get("INBOUND_QUEUE_URL"),
            inbound_dlq_url: get("INBOUND_DLQ_URL"),
            jwt_secret: SecretString::from(jwt_secret),
            access_token_ttl_secs: number("ACCESS_TOKEN_TTL_SECS", 15 * 60)?,
            refresh_token_ttl_secs: number("REFRESH_TOKEN_TTL_SECS", 14 * 24 * 3600)?,
            backend_url: get("BACKEND_URL").unwrap_or_else(|| "http://localhost:8000".into()),
            frontend_url: get("FRONTEND_URL").unwrap_or_else(|| "http://localhost:3000".into()),
            graph_api_base: get("GRAPH_API_BASE").unwrap_or_else(|| "https://graph.facebook.com/v23.0".into()),
            meta_app_secret: get("META_APP_SECRET").map(SecretString::from),
            meta_app_id: get("META_APP_ID"),
            tenant_secret_prefix: get("TENANT_SECRET_PREFIX").unwrap_or_else(|| "svontai/tenants/".into()),
            llm_base_url: get("LLM_BASE_URL").unwrap_or_else(|| "https://api.openai.com/v1".into()),
            llm_api_key: get("LLM_API_KEY")
                .map(|k| k.trim().to_string())
                .filter(|k| k != "none")
                .map(SecretString::from),
            llm_timeout_secs: number("LLM_TIMEOUT_SECS", 20)? as u64,
            public_messages_per_minute: number("PUBLIC_MESSAGES_PER_MINUTE", 20)? as u32,
            // MONTHLY_MESSAGE_QUOTA, the one budget of before, is the default of both.
            monthly_widget_quota: number("MONTHLY_WIDGET_QUOTA", number("MONTHLY_MESSAGE_QUOTA", 10_000)?)?.max(0)
                as u64,
            monthly_whatsapp_quota: number("MONTHLY_WHATSAPP_QUOTA", number("MONTHLY_MESSAGE_QUOTA", 10_000)?)?.max(0)
                as u64,
            conversation_daily_answers: number("CONVERSATION_DAILY_ANSWERS", 200)?.max(1) as u64,
            visitor_daily_messages: number("VISITOR_DAILY_MESSAGES", 300)?.max(1) as u64,
            whatsapp_quiet_window_ms: number("WHATSAPP_QUIET_WINDOW_MS", 2_000)?.clamp(0, 10_000) as u64,
            media_bucket: get("MEDIA_BUCKET"),
            transcription_base_url: get("TRANSCRIPTION_BASE_URL"),
            transcription_model: get("TRANSCRIPTION_MODEL").unwrap_or_else(|| "whisper-1".into()),
            mail_from: get("MAIL_FROM"),
            reminder_function_arn: get("REMINDER_FUNCTION_ARN"),
            scheduler_role_arn: get("SCHEDULER_ROLE_ARN"),
            schedule_group: get("SCHEDULE_GROUP").unwrap_or_else(|| "default".into()),
            llm_models: get("LLM_MODELS")
                .map(|v| v.split(',').map(|m| m.trim().to_string()).filter(|m| !m.is_empty()).collect())
                .unwrap_or_else(|| {
                    vec!["gpt-4.1-mini".into(), "gpt-4o-mini".into(), "gpt-4.1".into(), "gpt-4o".into()]
                }),
            client_ip_secret: get("CLIENT_IP_SECRET").map(SecretString::from),
            origin_verify_secret: get("ORIGIN_VERIFY_SECRET").map(SecretString::from),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: std::collections::HashMap<String, String> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn a_missing_table_name_fails_fast() {
        let err = Config::from_lookup(env(&[("JWT_SECRET", &"x".repeat(40))])).unwrap_err();
        assert!(err.to_string().contains("TABLE_NAME"));
    }

    #[test]
    fn a_short_jwt_secret_is_refused() {
        let err = Config::from_lookup(env(&[("TABLE_NAME", "t"), ("JWT_SECRET", "short")])).unwrap_err();
        assert!(err.to_string().contains("32"));
    }

    #[test]
    fn defaults_fill_what_is_not_set_and_secrets_stay_hidden_in_debug() {
        let secret = "s".repeat(40);
        let config = Config::from_lookup(env(&[("TABLE_NAME", "t"), ("JWT_SECRET", &secret)])).unwrap();
        assert_eq!(config.access_token_ttl_secs, 900);
        assert_eq!(config.refresh_token_ttl_secs, 14 * 24 * 3600);
        assert!(config.graph_api_base.ends_with("/v23.0"));
        assert_eq!(config.jwt_secret.expose_secret(), secret);
        assert!(!format!("{config:?}").contains(&secret));
    }
}

//! API errors and their problem-JSON form (RFC 9457).
//!
//! Every handler returns [`ApiResult`]; [`ApiError::into_response`] is the one place that turns
//! an error into a response. Internal causes are logged with their whole chain and never reach
//! the body.

use lambda_http::{Body, Response};
use serde::Serialize;

pub type ApiResult<T = Response<Body>> = Result<T, ApiError>;

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FieldError {
    /// 1-based data row, for imports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self { row: None, field: field.into(), code: code.into(), message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    #[error("invalid parameter {field}: {message}")]
    InvalidParameter { field: String, message: String },
    #[error("invalid cursor")]
    InvalidCursor,
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("unauthorized: {detail}")]
    Unauthorized { code: &'static str, detail: String },
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Forbidden for a reason the caller can act on, with its own stable code.
    #[error("restricted ({code}): {detail}")]
    Restricted { code: &'static str, detail: String },
    #[error("origin not allowed")]
    OriginNotAllowed,
    #[error("not found")]
    NotFound,
    #[error("conflict ({code}): {detail}")]
    Conflict { code: &'static str, detail: String },
    /// 409 `slot_taken`: the time is held by another appointment; free times near it.
    #[error("slot taken")]
    SlotTaken { alternatives: Vec<crate::calendar::SlotView> },
    #[error("payload too large")]
    PayloadTooLarge { limit: usize },
    #[error("unsupported media type")]
    UnsupportedMediaType(String),
    #[error("rate limited ({code})")]
    RateLimited { code: &'static str, retry_after_secs: u64, detail: String },
    #[error("unprocessable ({code}): {detail}")]
    Unprocessable { code: &'static str, detail: String },
    #[error("upstream error: {0}")]
    Upstream(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: String,
    code: &'a str,
    title: &'a str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<FieldError>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alternatives: Option<&'a [crate::calendar::SlotView]>,
}

impl ApiError {
    pub fn validation(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::Unauthorized { code: "unauthorized", detail: detail.into() }
    }

    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        Self::Internal(err.into())
    }

    /// HTTP status, stable code and title.
    pub fn parts(&self) -> (u16, &'static str, &'static str) {
        match self {
            Self::MalformedJson(_) => (400, "malformed_json", "Malformed JSON"),
            Self::InvalidParameter { .. } => (400, "invalid_parameter", "Invalid parameter"),
            Self::InvalidCursor => (400, "invalid_cursor", "Invalid cursor"),
            Self::Validation(_) => (422, "validation_failed", "Validation failed"),
            Self::Unauthorized { code, .. } => (401, code, "Unauthorized"),
            Self::Forbidden(_) => (403, "forbidden", "Forbidden"),
            Self::Restricted { code, .. } => (403, code, "Forbidden"),
            Self::OriginNotAllowed => (403, "origin_not_allowed", "Origin not allowed"),
            Self::NotFound => (404, "not_found", "Not found"),
            Self::Conflict { code, .. } => (409, code, "Conflict"),
            Self::SlotTaken { .. } => (409, "slot_taken", "Conflict"),
            Self::PayloadTooLarge { .. } => (413, "payload_too_large", "Payload too large"),
            Self::UnsupportedMediaType(_) => (415, "unsupported_media_type", "Unsupported media type"),
            Self::RateLimited { code, .. } => (429, code, "Too many requests"),
            Self::Unprocessable { code, .. } => (422, code, "Unprocessable request"),
            Self::Upstream(_) => (502, "upstream_error", "Upstream service error"),
            Self::Internal(_) if crate::awscalls::endpoint_unavailable() => {
                (503, "service_unavailable", "Service unavailable")
            }
            Self::Internal(_) => (500, "internal", "Internal error"),
        }
    }

    fn detail(&self) -> String {
        match self {
            Self::MalformedJson(d) => format!("The body is not valid JSON: {d}"),
            Self::InvalidParameter { field, message } => format!("{field}: {message}"),
            Self::InvalidCursor => "The cursor is invalid or belongs to another listing.".into(),
            Self::Validation(errors) => match errors.len() {
                1 => format!("{}: {}", errors[0].field, errors[0].message),
                n => format!("{n} fields are invalid"),
            },
            Self::Unauthorized { detail, .. } | Self::Forbidden(detail) => detail.clone(),
            Self::OriginNotAllowed => "This site is not allowed to use this bot.".into(),
            Self::NotFound => "The resource does not exist.".into(),
            Self::Conflict { detail, .. } | Self::Unprocessable { detail, .. } | Self::Restricted { detail, .. } => {
                detail.clone()
            }
            Self::SlotTaken { .. } => "This time is already taken.".into(),
            Self::PayloadTooLarge { limit } => format!("The body is larger than {limit} bytes."),
            Self::UnsupportedMediaType(d) => d.clone(),
            Self::RateLimited { detail, .. } => detail.clone(),
            Self::Upstream(d) => d.clone(),
            Self::Internal(_) if crate::awscalls::endpoint_unavailable() => {
                "A service we depend on is briefly unavailable. Please try again in a moment.".into()
            }
            Self::Internal(_) => "Something went wrong on our side. Please try again.".into(),
        }
    }

    /// The problem-JSON response. Internal errors are logged here, with their cause chain.
    pub fn into_response(self) -> Response<Body> {
        let (status, code, title) = self.parts();
        match &self {
            Self::Internal(err) => tracing::error!(error = ?err, "request failed"),
            Self::Upstream(msg) => tracing::warn!(error = %msg, "upstream failure"),
            _ => tracing::info!(status, code, "request refused"),
        }
        // The field at fault, whenever there is one: the body's fields, or the query parameter.
        let errors = match &self {
            Self::Validation(errors) => Some(errors.clone()),
            Self::InvalidParameter { field, message } => {
                Some(vec![FieldError::new(field.clone(), "invalid_parameter", message.clone())])
            }
            _ => None,
        };
        let problem = Problem {
            kind: format!("https://svontai.dev/problems/{code}"),
            code,
            title,
            status,
            detail: self.detail(),
            errors,
            alternatives: match &self {
                Self::SlotTaken { alternatives } => Some(alternatives),
                _ => None,
            },
        };
        let body = serde_json::to_string(&problem).unwrap_or_else(|_| "{}".into());
        let mut builder = Response::builder()
            .status(status)
            .header("content-type", "application/problem+json")
            .header("cache-control", "no-store");
        if status == 503 {
            builder = builder.header("retry-after", "1");
        }
        if let Self::RateLimited { retry_after_secs, .. } = &self {
            builder = builder.header("retry-after", retry_after_secs.to_string());
        }
        builder.body(Body::Text(body)).expect("static headers are valid")
    }
}

impl From<serde_dynamo::Error> for ApiError {
    fn from(err: serde_dynamo::Error) -> Self {
        Self::Internal(anyhow::Error::new(err).context("converting a DynamoDB item"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(resp: &Response<Body>) -> serde_json::Value {
        serde_json::from_slice(resp.body().as_ref()).unwrap()
    }

    #[test]
    fn validation_errors_list_each_field_with_a_stable_code() {
        let resp = ApiError::Validation(vec![
            FieldError::new("email", "invalid_email", "must be a valid email address"),
            FieldError::new("password", "too_short", "must be at least 10 characters"),
        ])
        .into_response();
        assert_eq!(resp.status(), 422);
        assert_eq!(resp.headers()["content-type"], "application/problem+json");
        let json = body(&resp);
        assert_eq!(json["code"], "validation_failed");
        assert_eq!(json["errors"][1]["field"], "password");
        assert_eq!(json["detail"], "2 fields are invalid");
    }

    #[test]
    fn internal_errors_never_reveal_their_cause() {
        let resp = ApiError::internal(anyhow::anyhow!("secret table name exploded")).into_response();
        assert_eq!(resp.status(), 500);
        let text = String::from_utf8(resp.body().to_vec()).unwrap();
        assert!(!text.contains("secret table"));
    }

    #[test]
    fn rate_limits_carry_retry_after() {
        let resp = ApiError::RateLimited { code: "rate_limited", retry_after_secs: 42, detail: "slow down".into() }
            .into_response();
        assert_eq!(resp.status(), 429);
        assert_eq!(resp.headers()["retry-after"], "42");
        assert_eq!(body(&resp)["detail"], "slow down");
    }
}

//! Request parsing and response building shared by every handler.

use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ApiResult, FieldError};

/// Largest JSON body a handler accepts unless it says otherwise.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;
/// Deepest JSON nesting accepted (serde_json's own limit is 128; ours is lower and cheaper).
const MAX_JSON_DEPTH: usize = 32;

/// Raw body bytes (lambda_http has already undone API Gateway's base64 encoding).
pub fn body_bytes(req: &Request) -> &[u8] {
    match req.body() {
        Body::Empty => &[],
        Body::Text(s) => s.as_bytes(),
        Body::Binary(b) => b,
        _ => &[],
    }
}

/// Parses the JSON body into `T`, with a size limit and field-level errors.
pub fn json_body<T: DeserializeOwned>(req: &Request) -> ApiResult<T> {
    json_body_limited(req, DEFAULT_BODY_LIMIT)
}

pub fn json_body_limited<T: DeserializeOwned>(req: &Request, limit: usize) -> ApiResult<T> {
    if let Some(ct) = header(req, "content-type") {
        let ct = ct.to_ascii_lowercase();
        if !ct.starts_with("application/json") && !ct.contains("+json") && !ct.starts_with("text/plain") {
            return Err(ApiError::UnsupportedMediaType(format!("Expected application/json, got {ct}")));
        }
    }
    parse_json_bytes(body_bytes(req), limit)
}

/// Parses JSON bytes: 413 over `limit`, 400 for bad syntax or nesting, 422 naming the field
/// for well-formed JSON of the wrong shape.
pub fn parse_json_bytes<T: DeserializeOwned>(bytes: &[u8], limit: usize) -> ApiResult<T> {
    if bytes.len() > limit {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::MalformedJson("the body is empty".into()));
    }
    if json_depth(bytes) > MAX_JSON_DEPTH {
        return Err(ApiError::MalformedJson(format!("nesting deeper than {MAX_JSON_DEPTH} levels")));
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    if !value.is_object() {
        return Err(ApiError::MalformedJson("the body must be a JSON object".into()));
    }
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner().to_string();
        let (field, code) = match inner.strip_prefix("missing field `") {
            Some(rest) => {
                let name = rest.split('`').next().unwrap_or_default();
                let field = if path == "." { name.to_string() } else { format!("{path}.{name}") };
                (field, "required")
            }
            // A key with an empty name leaves an empty last segment: point at its object.
            None if inner.starts_with("unknown field") => match path.trim_end_matches('.') {
                "" => ("body".to_string(), "unknown_field"),
                object => (object.to_string(), "unknown_field"),
            },
            None => (path, "invalid_type"),
        };
        ApiError::Validation(vec![FieldError::new(field, code, inner)])
    })
}

/// Maximum nesting of arrays/objects, counted without parsing (strings are skipped).
fn json_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

pub fn header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty())
}

/// A path parameter the route declares; missing means a routing bug, answered as 404.
pub fn path_param(req: &Request, name: &str) -> ApiResult<String> {
    req.path_parameters_ref().and_then(|p| p.first(name)).map(str::to_owned).ok_or(ApiError::NotFound)
}

/// A path parameter that must be one of our ids; anything else is a 404 without a lookup.
pub fn id_param(req: &Request, name: &str) -> ApiResult<String> {
    let id = path_param(req, name)?;
    if crate::ids::is_id(&id) { Ok(id) } else { Err(ApiError::NotFound) }
}

pub fn query_param(req: &Request, name: &str) -> Option<String> {
    req.query_string_parameters_ref()
        .and_then(|q| q.first(name))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// `?limit=` within 1..=max, default `default`.
pub fn limit_param(req: &Request, default: usize, max: usize) -> ApiResult<usize> {
    match query_param(req, "limit") {
        None => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::InvalidParameter {
                field: "limit".into(),
                message: format!("must be a whole number from 1 to {max}"),
            }),
        },
    }
}

/// Whether a request came through the edge (CloudFront + WAF) when the stack has one: it
/// then carries the secret CloudFront adds as `X-Origin-Verify`. Without an edge, always.
pub fn came_through_the_edge(config: &crate::config::Config, req: &Request) -> bool {
    use secrecy::ExposeSecret;
    let Some(secret) = &config.origin_verify_secret else { return true };
    header(req, "x-origin-verify").is_some_and(|given| crate::auth::tokens::seals_match(given, secret.expose_secret()))
}

/// Behind the edge, API Gateway sees CloudFront's address: the visitor's is in
/// `CloudFront-Viewer-Address` (`ip:port`), which becomes the request's source IP, so every
/// per-IP limit counts visitors. Called only for requests that proved they came through it.
pub fn take_viewer_address(req: &mut Request) {
    let Some(ip) = header(req, "cloudfront-viewer-address")
        .and_then(|v| v.rsplit_once(':'))
        .map(|(ip, _port)| ip.trim_matches(['[', ']']).to_string())
        .filter(|ip| ip.parse::<std::net::IpAddr>().is_ok())
    else {
        return;
    };
    if let Some(RequestContext::ApiGatewayV2(ctx)) = req.extensions_mut().get_mut::<RequestContext>() {
        ctx.http.source_ip = Some(ip);
    }
}

/// The caller's IP as API Gateway saw it.
pub fn source_ip(req: &Request) -> String {
    match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(ctx)) => ctx.http.source_ip.clone(),
        _ => None,
    }
    .unwrap_or_else(|| "unknown".into())
}

pub fn request_id(req: &Request) -> String {
    match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(ctx)) => ctx.request_id.clone(),
        _ => None,
    }
    .unwrap_or_default()
}

/// A JSON response.
pub fn json<T: Serialize>(status: u16, value: &T) -> ApiResult {
    let body = serde_json::to_string(value).map_err(ApiError::internal)?;
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("cache-control", "no-store")
        .body(Body::Text(body))
        .map_err(ApiError::internal)
}

pub fn ok<T: Serialize>(value: &T) -> ApiResult {
    json(200, value)
}

pub fn created<T: Serialize>(value: &T) -> ApiResult {
    json(201, value)
}

pub fn no_content() -> ApiResult {
    Response::builder().status(204).body(Body::Empty).map_err(ApiError::internal)
}

/// A downloadable text file (CSV exports).
pub fn download(content_type: &str, filename: &str, body: String) -> ApiResult {
    Response::builder()
        .status(200)
        .header("content-type", content_type)
        .header("content-disposition", format!("attachment; filename=\"{filename}\""))
        .header("cache-control", "no-store")
        .body(Body::Text(body))
        .map_err(ApiError::internal)
}

/// Turns a handler's result into the response sent back.
pub fn finish(result: ApiResult) -> Response<Body> {
    result.unwrap_or_else(ApiError::into_response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn behind_the_edge_the_viewer_address_is_the_source_ip() {
        use lambda_http::aws_lambda_events::apigw::ApiGatewayV2httpRequestContext;
        for (header_value, expected) in
            [("203.0.113.9:51234", "203.0.113.9"), ("2001:db8::7:443", "2001:db8::7"), ("garbage", "10.0.0.1")]
        {
            let mut ctx = ApiGatewayV2httpRequestContext::default();
            ctx.http.source_ip = Some("10.0.0.1".into());
            let mut req = lambda_http::http::Request::builder()
                .header("cloudfront-viewer-address", header_value)
                .body(lambda_http::Body::Empty)
                .unwrap();
            req.extensions_mut().insert(RequestContext::ApiGatewayV2(ctx));
            take_viewer_address(&mut req);
            assert_eq!(source_ip(&req), expected, "{header_value}");
        }
    }

    #[test]
    fn with_an_edge_only_requests_carrying_its_secret_are_served() {
        let lookup = |edge: bool| {
            move |k: &str| match k {
                "TABLE_NAME" => Some("t".to_string()),
                "JWT_SECRET" => Some("j".repeat(40)),
                "ORIGIN_VERIFY_SECRET" if edge => Some("edge-secret-value".into()),
                _ => None,
            }
        };
        let with = crate::config::Config::from_lookup(lookup(true)).unwrap();
        let without = crate::config::Config::from_lookup(lookup(false)).unwrap();
        let req = |h: Option<&str>| {
            let mut b = lambda_http::http::Request::builder();
            if let Some(h) = h {
                b = b.header("x-origin-verify", h);
            }
            b.body(lambda_http::Body::Empty).unwrap()
        };
        assert!(came_through_the_edge(&without, &req(None)));
        assert!(came_through_the_edge(&with, &req(Some("edge-secret-value"))));
        assert!(!came_through_the_edge(&with, &req(None)));
        assert!(!came_through_the_edge(&with, &req(Some("edge-secret-valuX"))));
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Login {
        #[allow(dead_code)]
        email: String,
        #[allow(dead_code)]
        password: String,
    }

    fn status(err: ApiError) -> u16 {
        err.parts().0
    }

    #[test]
    fn malformed_json_is_a_400() {
        let err = parse_json_bytes::<Login>(b"{\"email\": ", 1000).unwrap_err();
        assert_eq!(status(err), 400);
    }

    #[test]
    fn a_missing_field_is_a_422_naming_the_field() {
        match parse_json_bytes::<Login>(br#"{"email":"a@b.co"}"#, 1000).unwrap_err() {
            ApiError::Validation(errors) => {
                assert_eq!(errors[0].field, "password");
                assert_eq!(errors[0].code, "required");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_wrong_type_is_a_422_naming_the_field() {
        match parse_json_bytes::<Login>(br#"{"email":5,"password":"x"}"#, 1000).unwrap_err() {
            ApiError::Validation(errors) => assert_eq!(errors[0].field, "email"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_unknown_field_is_a_422_naming_it() {
        let field = |body: &str| match parse_json_bytes::<Login>(body.as_bytes(), 1000).unwrap_err() {
            ApiError::Validation(errors) => (errors[0].field.clone(), errors[0].code.clone()),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(r#"{"email":"a","password":"b","role":"owner"}"#), ("role".into(), "unknown_field".into()));
        // A key with no name still gets a field to point at: the object holding it.
        assert_eq!(field(r#"{"": 5}"#), ("body".into(), "unknown_field".into()));
    }

    #[test]
    fn an_unknown_nested_field_is_named_with_its_path() {
        #[derive(Debug, Deserialize)]
        struct Import {
            #[allow(dead_code)]
            items: Vec<Login>,
        }
        match parse_json_bytes::<Import>(br#"{"items":[{"email":"a","password":"b","x":1}]}"#, 1000).unwrap_err() {
            ApiError::Validation(errors) => assert_eq!(errors[0].field, "items[0].x"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn oversized_bodies_are_a_413() {
        let big = format!("{{\"email\":\"{}\"}}", "a".repeat(2000));
        assert_eq!(status(parse_json_bytes::<Login>(big.as_bytes(), 1000).unwrap_err()), 413);
    }

    #[test]
    fn deep_nesting_is_refused_cheaply() {
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(status(parse_json_bytes::<Login>(deep.as_bytes(), 1 << 20).unwrap_err()), 400);
    }

    #[test]
    fn invalid_utf8_is_a_400() {
        assert_eq!(status(parse_json_bytes::<Login>(b"{\"email\":\"\xff\"}", 100).unwrap_err()), 400);
    }

    #[test]
    fn brackets_inside_strings_do_not_count_as_nesting() {
        assert_eq!(json_depth(br#"{"a":"[[[[[[\"[[["}"#), 1);
    }
}

//! API Gateway (HTTP API, payload 2.0) events built from plain HTTP calls, and route matching
//! by path template. The local gateway and the tests use these to call handlers exactly as
//! API Gateway would: same event shape, same path parameters, base64 for binary bodies.

use std::collections::HashMap;

use base64::Engine;
use lambda_http::Request;
use serde_json::{Value, json};

use shared::routes::Route;

/// One HTTP call as a client made it.
#[derive(Debug, Clone, Default)]
pub struct HttpCall {
    pub method: String,
    /// The concrete path, e.g. `/bots/01j…`.
    pub path: String,
    /// The raw query string without `?`.
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub source_ip: String,
}

/// Matches a concrete path against a template; `Some(params)` on a match.
pub fn match_path(template: &str, path: &str) -> Option<HashMap<String, String>> {
    let mut params = HashMap::new();
    let mut t = template.trim_matches('/').split('/');
    let mut p = path.trim_matches('/').split('/');
    loop {
        match (t.next(), p.next()) {
            (None, None) => return Some(params),
            (Some(seg), Some(value)) if seg.starts_with('{') && seg.ends_with("+}") => {
                let rest: Vec<&str> = std::iter::once(value).chain(p.by_ref()).collect();
                params.insert(seg[1..seg.len() - 2].to_string(), rest.join("/"));
                return Some(params);
            }
            (Some(seg), Some(value)) if seg.starts_with('{') && seg.ends_with('}') => {
                if value.is_empty() {
                    return None;
                }
                params.insert(seg[1..seg.len() - 1].to_string(), percent_decode(value));
            }
            (Some(seg), Some(value)) if seg == value => {}
            _ => return None,
        }
    }
}

/// The route API Gateway would pick: literal segments win over parameters, left to right.
pub fn find_route<'r>(routes: &'r [Route], method: &str, path: &str) -> Option<(&'r Route, HashMap<String, String>)> {
    routes
        .iter()
        .filter(|r| r.method.eq_ignore_ascii_case(method))
        .filter_map(|r| match_path(r.path, path).map(|params| (r, params)))
        .max_by_key(|(r, _)| r.path.trim_matches('/').split('/').map(|s| !s.starts_with('{')).collect::<Vec<_>>())
}

/// Whether any route serves `path` with another method (405 rather than 404).
pub fn path_exists(routes: &[Route], path: &str) -> bool {
    routes.iter().any(|r| r.method != "OPTIONS" && match_path(r.path, path).is_some())
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query_map(query: &str) -> HashMap<String, String> {
    let mut map: HashMap<String, String> = HashMap::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let k = percent_decode(&k.replace('+', " "));
        let v = percent_decode(&v.replace('+', " "));
        map.entry(k)
            .and_modify(|e| {
                e.push(',');
                e.push_str(&v)
            })
            .or_insert(v);
    }
    map
}

/// The payload-2.0 event for `call` routed to `route_key` (e.g. `POST /bots`).
pub fn event(route_key: &str, params: &HashMap<String, String>, call: &HttpCall) -> Value {
    let mut headers: HashMap<String, String> = HashMap::new();
    let mut cookies = Vec::new();
    for (name, value) in &call.headers {
        let name = name.to_ascii_lowercase();
        if name == "cookie" {
            cookies.extend(value.split(';').map(|c| c.trim().to_string()));
            continue;
        }
        headers
            .entry(name)
            .and_modify(|e| {
                e.push(',');
                e.push_str(value)
            })
            .or_insert_with(|| value.clone());
    }
    let (body, is_base64) = match std::str::from_utf8(&call.body) {
        _ if call.body.is_empty() => (Value::Null, false),
        Ok(text) => (Value::String(text.to_string()), false),
        Err(_) => (Value::String(base64::engine::general_purpose::STANDARD.encode(&call.body)), true),
    };
    let now = shared::ids::now();
    let mut event = json!({
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": call.path,
        "rawQueryString": call.query,
        "headers": headers,
        "requestContext": {
            "accountId": "000000000000",
            "apiId": "local",
            "domainName": headers.get("host").cloned().unwrap_or_else(|| "localhost".into()),
            "domainPrefix": "local",
            "http": {
                "method": call.method.to_ascii_uppercase(),
                "path": call.path,
                "protocol": "HTTP/1.1",
                "sourceIp": if call.source_ip.is_empty() { "127.0.0.1" } else { call.source_ip.as_str() },
                "userAgent": headers.get("user-agent").cloned().unwrap_or_default(),
            },
            "requestId": shared::ids::new_id(),
            "routeKey": route_key,
            "stage": "$default",
            "time": shared::ids::rfc3339(now),
            "timeEpoch": now.unix_timestamp() * 1000,
        },
        "isBase64Encoded": is_base64,
    });
    if !body.is_null() {
        event["body"] = body;
    }
    if !cookies.is_empty() {
        event["cookies"] = json!(cookies);
    }
    if !params.is_empty() {
        event["pathParameters"] = json!(params);
    }
    if !call.query.is_empty() {
        event["queryStringParameters"] = json!(query_map(&call.query));
    }
    event
}

/// The `lambda_http` request for `call` routed to `route`, as the Lambda runtime would build it.
pub fn request(route_key: &str, params: &HashMap<String, String>, call: &HttpCall) -> anyhow::Result<Request> {
    Ok(lambda_http::request::from_str(&event(route_key, params, call).to_string())?)
}

/// Calls the route serving `call` in-process, as the local gateway does; 404/405 problems when
/// no route serves it.
pub async fn invoke(
    state: std::sync::Arc<shared::AppState>,
    routes: &[Route],
    call: HttpCall,
) -> lambda_http::Response<lambda_http::Body> {
    let Some((route, params)) = find_route(routes, &call.method, &call.path) else {
        return shared::error::ApiError::NotFound.into_response();
    };
    match request(&format!("{} {}", route.method, route.path), &params, &call) {
        Ok(req) => (route.handler)(state, req).await,
        Err(e) => shared::error::ApiError::internal(e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_http::RequestExt;

    #[test]
    fn templates_match_and_capture_parameters() {
        let params = match_path("/bots/{bot_id}/knowledge/{item_id}", "/bots/a1/knowledge/b2").unwrap();
        assert_eq!(params["bot_id"], "a1");
        assert_eq!(params["item_id"], "b2");
        assert!(match_path("/bots/{bot_id}", "/bots/a1/knowledge").is_none());
        assert!(match_path("/bots/{bot_id}", "/bots/").is_none());
        assert_eq!(match_path("/{proxy+}", "/a/b/c").unwrap()["proxy"], "a/b/c");
    }

    #[test]
    fn literal_segments_win_over_parameters() {
        let routes = shared::routes::routes();
        let (route, _) = find_route(&routes, "GET", "/tenants/my").unwrap();
        assert_eq!(route.function, "tenants-my");
    }

    #[test]
    fn the_event_becomes_a_request_with_path_query_headers_and_body() {
        let call = HttpCall {
            method: "POST".into(),
            path: "/bots/x1".into(),
            query: "a=1&b=%C5%9F+x".into(),
            headers: vec![("Content-Type".into(), "application/json".into()), ("Cookie".into(), "s=1".into())],
            body: r#"{"name":"Gülümse"}"#.as_bytes().to_vec(),
            source_ip: "10.1.2.3".into(),
        };
        let params = HashMap::from([("bot_id".to_string(), "x1".to_string())]);
        let req = request("POST /bots/{bot_id}", &params, &call).unwrap();
        assert_eq!(req.path_parameters().first("bot_id"), Some("x1"));
        assert_eq!(req.query_string_parameters().first("b"), Some("ş x"));
        assert_eq!(shared::http::header(&req, "content-type"), Some("application/json"));
        assert_eq!(shared::http::source_ip(&req), "10.1.2.3");
        assert_eq!(shared::http::body_bytes(&req), call.body.as_slice());
    }

    #[test]
    fn binary_bodies_travel_base64_encoded_and_arrive_as_the_same_bytes() {
        let call =
            HttpCall { method: "POST".into(), path: "/x".into(), body: vec![0xff, 0x00, 0xfe], ..Default::default() };
        let event = event("POST /x", &HashMap::new(), &call);
        assert_eq!(event["isBase64Encoded"], true);
        let req = request("POST /x", &HashMap::new(), &call).unwrap();
        assert_eq!(shared::http::body_bytes(&req), [0xff, 0x00, 0xfe]);
    }
}

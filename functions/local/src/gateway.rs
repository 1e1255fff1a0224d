//! The local API gateway: one port for every HTTP function, routed by the route table.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use local_stack::apigw::{HttpCall, find_route, path_exists};
use shared::routes::{Route, routes};

struct Gateway {
    state: Arc<shared::AppState>,
    routes: Vec<Route>,
    widget_dir: PathBuf,
}

/// Largest body the gateway passes on (API Gateway's own limit is 10 MB).
const MAX_BODY: usize = 10 * 1024 * 1024;

pub async fn serve(state: Arc<shared::AppState>, port: u16) -> anyhow::Result<()> {
    let widget_dir = std::env::var("WIDGET_DIR").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from("widget"));
    let gateway = Arc::new(Gateway { state, routes: routes(), widget_dir });
    let app = axum::Router::new().fallback(handle).with_state(gateway);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("gateway listening on http://127.0.0.1:{port}");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

async fn handle(State(gw): State<Arc<Gateway>>, ConnectInfo(addr): ConnectInfo<SocketAddr>, req: Request) -> Response {
    let method = req.method().as_str().to_string();
    let path = req.uri().path().to_string();
    if method == "GET"
        && let Some(resp) = static_file(&gw, &path, req.uri().query().unwrap_or("")).await
    {
        return resp;
    }
    let origin = req.headers().get("origin").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (route, params) = match find_route(&gw.routes, &method, &path) {
        Some(found) => found,
        // Like API Gateway's own answers, but readable by the browser (CORS) so the dashboard
        // and widget can show a proper message.
        None => {
            let (status, code) = if path_exists(&gw.routes, &path) {
                (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")
            } else {
                (StatusCode::NOT_FOUND, "not_found")
            };
            return with_cors(&gw, &path, origin.as_deref(), problem(status, code));
        }
    };
    let query = req.uri().query().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .filter_map(|(k, v)| v.to_str().ok().map(|v| (k.as_str().to_string(), v.to_string())))
        .collect();
    let body = match to_bytes(req.into_body(), MAX_BODY).await {
        Ok(b) => b.to_vec(),
        Err(_) => return problem(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
    };
    let call = HttpCall { method: method.clone(), path, query, headers, body, source_ip: addr.ip().to_string() };
    let route_key = format!("{} {}", route.method, route.path);
    let lambda_req = match local_stack::apigw::request(&route_key, &params, &call) {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "building the lambda request");
            return problem(StatusCode::BAD_REQUEST, "bad_request");
        }
    };
    let started = std::time::Instant::now();
    // A panicking handler is an error answer, as on Lambda (whose runtime catches it), not a
    // dropped connection.
    let invoked = std::panic::AssertUnwindSafe((route.handler)(gw.state.clone(), lambda_req));
    let resp = match futures::FutureExt::catch_unwind(invoked).await {
        Ok(resp) => resp,
        Err(_) => {
            tracing::error!(function = route.function, "the handler panicked");
            return problem(StatusCode::INTERNAL_SERVER_ERROR, "internal_error");
        }
    };
    tracing::info!(
        function = route.function,
        status = resp.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "invoked"
    );
    let (parts, body) = resp.into_parts();
    Response::from_parts(parts, Body::from(body.to_vec()))
}

fn with_cors(gw: &Gateway, path: &str, origin: Option<&str>, resp: Response) -> Response {
    let (parts, body) = resp.into_parts();
    let lambda_resp = lambda_http::Response::from_parts(parts, lambda_http::Body::Empty);
    let audience = shared::cors::audience_of_path(path);
    let (parts, _) = shared::cors::apply(&gw.state.config, audience, origin, lambda_resp).into_parts();
    Response::from_parts(parts, body)
}

fn problem(status: StatusCode, code: &str) -> Response {
    let body = serde_json::json!({
        "type": format!("https://svontai.dev/problems/{code}"),
        "code": code,
        "title": status.canonical_reason().unwrap_or(""),
        "status": status.as_u16(),
        "detail": match code {
            "internal_error" => "Something went wrong on our side; try again.",
            "payload_too_large" => "The body is too large.",
            "bad_request" => "The request could not be read.",
            _ => "No route serves this request.",
        },
    });
    (status, [("content-type", "application/problem+json")], body.to_string()).into_response()
}

/// The widget bundle and its demo pages (served by CloudFront when deployed).
async fn static_file(gw: &Gateway, path: &str, query: &str) -> Option<Response> {
    let key_param = query.split('&').find_map(|p| p.strip_prefix("key=")).map(str::to_string);
    let (file, content_type) = match path {
        "/health" => {
            return Some(
                (StatusCode::OK, [("content-type", "application/json")], r#"{"status":"ok"}"#).into_response(),
            );
        }
        // Dev only: AWS calls made since the gateway started and the time spent in them
        // (`make load` splits latency between moto and the project's code with it).
        "/_local/aws-calls" => {
            let body = serde_json::json!({
                "calls": gw.state.aws_calls.snapshot(),
                "total": gw.state.aws_calls.total(),
                "ms": gw.state.aws_calls.time_in_calls().as_secs_f64() * 1000.0,
            });
            return Some((StatusCode::OK, [("content-type", "application/json")], body.to_string()).into_response());
        }
        "/widget.js" => (gw.widget_dir.join("dist/widget.js"), "text/javascript; charset=utf-8"),
        "/demo" | "/demo/" => (gw.widget_dir.join("demo/index.html"), "text/html; charset=utf-8"),
        "/demo/hostile" => (gw.widget_dir.join("demo/hostile.html"), "text/html; charset=utf-8"),
        _ => return None,
    };
    let Ok(mut text) = tokio::fs::read_to_string(&file).await else {
        return Some(problem(StatusCode::NOT_FOUND, "not_found"));
    };
    if content_type.starts_with("text/html") {
        let key = match key_param {
            Some(k) if k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => k,
            _ => crate::seed::demo_bot_key().unwrap_or_default(),
        };
        text = text.replace("{{BOT_KEY}}", &key);
    }
    Some(([("content-type", content_type), ("cache-control", "no-store")], text).into_response())
}

//! Liveness of the local gateway (not deployed as a function).

use lambda_http::Request;

use crate::error::ApiResult;
use crate::state::AppState;

pub async fn health(_state: &AppState, _req: Request) -> ApiResult {
    crate::http::ok(&serde_json::json!({ "status": "ok" }))
}

/// `OPTIONS /{proxy+}`: CORS preflight for every route.
pub async fn preflight(state: &AppState, req: Request) -> ApiResult {
    Ok(crate::cors::preflight(&state.config, &req))
}

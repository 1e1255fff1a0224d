//! What every Lambda `main` does: JSON logs, state built once, then the handler per request.

use std::sync::Arc;

use lambda_http::{Body, Request, Response};

use crate::state::AppState;

/// Structured JSON logs for CloudWatch; `RUST_LOG` tunes the level (default `info`).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter)
        .with_current_span(true)
        .with_span_list(false)
        .with_target(false)
        .without_time() // CloudWatch stamps every line.
        .try_init();
}

/// Runs an HTTP handler on the Lambda runtime. Prefer the [`crate::lambda_http_main!`] macro.
pub async fn run_http<F, Fut>(handler: F) -> Result<(), lambda_http::Error>
where
    F: Fn(Arc<AppState>, Request) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Response<Body>> + Send,
{
    init_tracing();
    let state = Arc::new(AppState::from_env().await.map_err(|e| format!("{e:#}"))?);
    let handler = Arc::new(handler);
    lambda_http::run(lambda_http::service_fn(move |req: Request| {
        let state = state.clone();
        let handler = handler.clone();
        async move {
            let mut req = req;
            if !crate::http::came_through_the_edge(&state.config, &req) {
                tracing::warn!("a request went around the edge (no X-Origin-Verify); refused");
                return Ok(crate::http::finish(Err(crate::error::ApiError::Forbidden(
                    "Use the API's public address.".into(),
                ))));
            }
            if state.config.origin_verify_secret.is_some() {
                crate::http::take_viewer_address(&mut req);
            }
            let resp = handler(state.clone(), req).await;
            // One invocation at a time per container, so the count is this invocation's.
            let calls = state.aws_calls.take();
            tracing::info!(status = resp.status().as_u16(), aws_calls = calls.values().sum::<u32>(), "answered");
            Ok::<_, std::convert::Infallible>(resp)
        }
    }))
    .await
}

/// Runs an SQS consumer with partial batch responses on the Lambda runtime (the WhatsApp
/// reply worker's whole `main` is `shared::runtime::run_sqs(shared::whatsapp::worker::handle)`).
pub async fn run_sqs<F>(handler: F) -> Result<(), lambda_runtime::Error>
where
    F: for<'a> AsyncHandler<'a> + Send + Sync + 'static,
{
    use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
    init_tracing();
    let state = Arc::new(AppState::from_env().await.map_err(|e| format!("{e:#}"))?);
    let handler = Arc::new(handler);
    lambda_runtime::run(lambda_runtime::service_fn(move |event: lambda_runtime::LambdaEvent<SqsEvent>| {
        let state = state.clone();
        let handler = handler.clone();
        async move {
            let records = event.payload.records.len();
            let response = handler.call(&state, event.payload).await;
            let calls = state.aws_calls.take();
            tracing::info!(
                records,
                failed = response.batch_item_failures.len(),
                aws_calls = calls.values().sum::<u32>(),
                "batch done"
            );
            Ok::<SqsBatchResponse, lambda_runtime::Error>(response)
        }
    }))
    .await
}

/// Runs the appointment reminder function: EventBridge Scheduler invokes it with a
/// [`crate::reminders::Due`]; an error makes the scheduler try again.
pub async fn run_reminders() -> Result<(), lambda_runtime::Error> {
    init_tracing();
    let state = Arc::new(AppState::from_env().await.map_err(|e| format!("{e:#}"))?);
    lambda_runtime::run(lambda_runtime::service_fn(move |event: lambda_runtime::LambdaEvent<crate::reminders::Due>| {
        let state = state.clone();
        async move {
            let due = event.payload;
            let done = crate::reminders::remind(&state, &due).await.map_err(|e| format!("{e:#}"))?;
            tracing::info!(appointment = %due.appointment_id, outcome = ?done, "reminder");
            Ok::<String, lambda_runtime::Error>(format!("{done:?}"))
        }
    }))
    .await
}

/// Runs the team notifier: an EventBridge schedule invokes it every minute (its event says
/// nothing the notifier needs); it handles every notification due, and once an hour erases
/// the conversations past their business's retention.
pub async fn run_notifier() -> Result<(), lambda_runtime::Error> {
    init_tracing();
    let state = Arc::new(AppState::from_env().await.map_err(|e| format!("{e:#}"))?);
    lambda_runtime::run(lambda_runtime::service_fn(move |_: lambda_runtime::LambdaEvent<serde_json::Value>| {
        let state = state.clone();
        async move {
            let now = crate::ids::epoch_secs();
            let swept = crate::notify::sweep(&state, now).await.map_err(|e| format!("{e:#}"))?;
            tracing::info!(handled = swept.handled, mails = swept.mails, deferred = swept.deferred, "notifications");
            // Once an hour (the first run of each hour): conversations past their retention, and
            // the businesses whose closing is due.
            if now % 3600 < 60 {
                let erased = crate::store::retention::sweep(&state, jiff::Timestamp::now())
                    .await
                    .map_err(|e| format!("{e:#}"))?;
                let closed = crate::store::closing::sweep(&state, &crate::ids::now_rfc3339())
                    .await
                    .map_err(|e| format!("{e:#}"))?;
                tracing::info!(erased, closed, "retention and closed businesses");
            }
            Ok::<String, lambda_runtime::Error>(format!("{swept:?}"))
        }
    }))
    .await
}

/// An async function of the state and an SQS batch (what [`run_sqs`] runs).
pub trait AsyncHandler<'a> {
    type Future: std::future::Future<Output = aws_lambda_events::event::sqs::SqsBatchResponse> + Send + 'a;
    fn call(&self, state: &'a AppState, event: aws_lambda_events::event::sqs::SqsEvent) -> Self::Future;
}

impl<'a, F, Fut> AsyncHandler<'a> for F
where
    F: Fn(&'a AppState, aws_lambda_events::event::sqs::SqsEvent) -> Fut,
    Fut: std::future::Future<Output = aws_lambda_events::event::sqs::SqsBatchResponse> + Send + 'a,
{
    type Future = Fut;
    fn call(&self, state: &'a AppState, event: aws_lambda_events::event::sqs::SqsEvent) -> Fut {
        self(state, event)
    }
}

/// The whole `main` of an HTTP function:
/// `shared::lambda_http_main!("auth-register", Dashboard, auth::register);`
/// (the audience decides CORS; a test checks both against the route table).
#[macro_export]
macro_rules! lambda_http_main {
    ($function:literal, $audience:ident, $($handler:ident)::+) => {
        #[tokio::main]
        async fn main() -> Result<(), ::lambda_http::Error> {
            $crate::runtime::run_http(|state, mut req| async move {
                // The permission matrix applies to the route this function serves.
                req.extensions_mut().insert($crate::auth::RouteName($function));
                use ::tracing::Instrument;
                let span = $crate::runtime::request_span(&req);
                let origin = $crate::http::header(&req, "origin").map(str::to_owned);
                let resp = $crate::awscalls::watch(async {
                    $crate::http::finish($crate::handlers::$($handler)::+(&state, req).instrument(span).await)
                })
                .await;
                $crate::cors::apply(&state.config, $crate::routes::Audience::$audience, origin.as_deref(), resp)
            })
            .await
        }
    };
}

/// One span per request with its id, so every log line can be traced back.
pub fn request_span(req: &Request) -> tracing::Span {
    tracing::info_span!(
        "request",
        request_id = %crate::http::request_id(req),
        method = %req.method(),
        tenant_id = tracing::field::Empty
    )
}

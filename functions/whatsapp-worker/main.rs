//! The WhatsApp reply worker: an SQS (FIFO) event source with partial batch responses.

use std::sync::Arc;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::{LambdaEvent, service_fn};

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    shared::runtime::init_tracing();
    let state = Arc::new(shared::AppState::from_env().await.map_err(|e| format!("{e:#}"))?);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SqsEvent>| {
        let state = state.clone();
        async move {
            let records = event.payload.records.len();
            let resp = shared::whatsapp::worker::handle(&state, event.payload).await;
            let calls = state.aws_calls.take();
            tracing::info!(
                records,
                failed = resp.batch_item_failures.len(),
                aws_calls = calls.values().sum::<u32>(),
                "batch done"
            );
            Ok::<SqsBatchResponse, lambda_runtime::Error>(resp)
        }
    }))
    .await
}

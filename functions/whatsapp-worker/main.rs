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
            Ok::<SqsBatchResponse, lambda_runtime::Error>(shared::whatsapp::worker::handle(&state, event.payload).await)
        }
    }))
    .await
}

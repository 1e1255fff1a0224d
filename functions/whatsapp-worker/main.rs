//! The WhatsApp reply worker: an SQS (FIFO) event source with partial batch responses.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    shared::runtime::run_sqs(shared::whatsapp::worker::handle).await
}

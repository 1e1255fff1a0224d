//! The team notifier: an EventBridge schedule runs it every minute.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    shared::runtime::run_notifier().await
}

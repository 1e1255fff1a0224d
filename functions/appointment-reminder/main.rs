//! Appointment reminders: EventBridge Scheduler invokes this at each reminder's time.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    shared::runtime::run_reminders().await
}

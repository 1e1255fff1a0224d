//! The local stand-in for Lambda's SQS event source mapping (dev and tests only): receive a
//! batch from the inbound queue, hand it to the worker exactly as Lambda would, delete what
//! succeeded and make the failures visible again after `retry_after`.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::Context;
use aws_lambda_events::event::sqs::{SqsEvent, SqsMessage};
use aws_sdk_sqs::types::MessageSystemAttributeName;

use shared::state::AppState;

/// What one poll did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Polled {
    pub received: usize,
    /// Records that failed (deferred ones included).
    pub failed: usize,
    /// Records waiting for their customer's quiet window.
    pub deferred: usize,
    /// AWS API calls the worker made for this batch (not counting the receive and delete,
    /// which Lambda's event source mapping does).
    pub worker_aws_calls: u32,
}

/// Receives up to 10 messages (waiting up to `wait`), runs the worker, settles the batch.
pub async fn poll_once(state: &AppState, wait: Duration, retry_after: Duration) -> anyhow::Result<Polled> {
    let queue_url = state.config.inbound_queue_url.as_deref().context("INBOUND_QUEUE_URL is not set")?;
    let out = state
        .sqs
        .receive_message()
        .queue_url(queue_url)
        .max_number_of_messages(10)
        .wait_time_seconds(wait.as_secs() as i32)
        .message_system_attribute_names(MessageSystemAttributeName::All)
        .send()
        .await
        .context("receiving from the inbound queue")?;
    let messages = out.messages.unwrap_or_default();
    if messages.is_empty() {
        return Ok(Polled::default());
    }
    let mut receipts = HashMap::new();
    let records: Vec<SqsMessage> = messages
        .into_iter()
        .map(|m| {
            let mut record = SqsMessage::default();
            record.message_id = m.message_id.clone();
            record.body = m.body.clone();
            record.receipt_handle = m.receipt_handle.clone();
            record.attributes =
                m.attributes.unwrap_or_default().into_iter().map(|(k, v)| (k.as_str().to_string(), v)).collect();
            record.event_source = Some("aws:sqs".into());
            if let (Some(id), Some(handle)) = (m.message_id, m.receipt_handle) {
                receipts.insert(id, handle);
            }
            record
        })
        .collect();
    let received = records.len();
    let mut event = SqsEvent::default();
    event.records = records;
    let before = state.aws_calls.total();
    let (response, deferred) = shared::whatsapp::worker::handle_batch(state, event).await;
    let worker_aws_calls = state.aws_calls.total().saturating_sub(before);
    let failed: Vec<String> = response.batch_item_failures.into_iter().map(|f| f.item_identifier).collect();
    for (id, handle) in &receipts {
        if deferred.contains(id) {
            // The worker set when it comes back (its customer's quiet window), as on Lambda.
        } else if failed.contains(id) {
            state
                .sqs
                .change_message_visibility()
                .queue_url(queue_url)
                .receipt_handle(handle)
                .visibility_timeout(retry_after.as_secs() as i32)
                .send()
                .await
                .context("returning a failed message to the queue")?;
        } else {
            state.sqs.delete_message().queue_url(queue_url).receipt_handle(handle).send().await.context("deleting")?;
        }
    }
    Ok(Polled { received, failed: failed.len(), deferred: deferred.len(), worker_aws_calls })
}

/// Polls until stopped (the local worker process), with `concurrency` pollers in flight at
/// once as Lambda's event source mapping runs up to the template's `WorkerConcurrency`
/// invocations. FIFO ordering holds as on AWS: the queue hands out no message of a group while
/// another message of that group is in flight, so a customer's burst is never answered by two
/// pollers at a time.
/// Plays EventBridge Scheduler for `make dev`: runs every reminder schedule whose time has come
/// (the reminder function's work, as the scheduler would invoke it) and deletes it, as
/// `ActionAfterCompletion: DELETE` does. Returns how many ran.
pub async fn run_due_reminders(state: &AppState) -> anyhow::Result<usize> {
    let group = &state.config.schedule_group;
    let listed = state.scheduler.list_schedules().group_name(group).send().await?;
    let now = jiff::Timestamp::now();
    let mut ran = 0;
    for summary in listed.schedules() {
        let Some(name) = summary.name() else { continue };
        if !name.starts_with("appt-") {
            continue;
        }
        let schedule = state.scheduler.get_schedule().group_name(group).name(name).send().await?;
        let at = schedule
            .schedule_expression()
            .and_then(|e| e.strip_prefix("at(")?.strip_suffix(')'))
            .and_then(|t| format!("{t}Z").parse::<jiff::Timestamp>().ok());
        if at.is_none_or(|at| at > now) {
            continue;
        }
        let input = schedule.target().and_then(|t| t.input()).unwrap_or("{}");
        match serde_json::from_str::<shared::reminders::Due>(input) {
            Ok(due) => match shared::reminders::remind(state, &due).await {
                Ok(done) => tracing::info!(appointment = %due.appointment_id, outcome = ?done, "reminder"),
                // The scheduler would retry: the schedule stays until it succeeds.
                Err(e) => {
                    tracing::error!(error = format!("{e:#}"), "a reminder failed; trying again shortly");
                    continue;
                }
            },
            Err(e) => tracing::error!(error = %e, schedule = name, "an unreadable reminder schedule"),
        }
        state.scheduler.delete_schedule().group_name(group).name(name).send().await?;
        ran += 1;
    }
    Ok(ran)
}

pub async fn run(state: &AppState, concurrency: usize) -> anyhow::Result<()> {
    let pollers = (0..concurrency.max(1)).map(|poller| async move {
        loop {
            match poll_once(state, Duration::from_secs(2), Duration::from_secs(5)).await {
                Ok(p) if p.received > 0 => {
                    tracing::info!(poller, received = p.received, failed = p.failed, "worker batch")
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::error!(poller, error = format!("{e:#}"), "polling the inbound queue");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
            }
        }
    });
    let reminders = async move {
        if state.config.reminder_function_arn.is_none() {
            return;
        }
        loop {
            if let Err(e) = run_due_reminders(state).await {
                tracing::error!(error = format!("{e:#}"), "running due reminders");
            }
            tokio::time::sleep(Duration::from_secs(15)).await;
        }
    };
    // Plays the every-minute EventBridge schedule of the team notifier, more often (a demo
    // should not wait a minute to see its e-mail in the mail catcher).
    let notifier = async move {
        loop {
            match shared::notify::sweep(state, shared::ids::epoch_secs()).await {
                Ok(swept) if swept.mails > 0 || swept.handled > 0 => {
                    tracing::info!(mails = swept.mails, handled = swept.handled, "team notifications")
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = format!("{e:#}"), "running the team notifier"),
            }
            // The hourly retention sweep, every minute here.
            if shared::ids::epoch_secs() % 60 < 5 {
                if let Err(e) = shared::store::retention::sweep(state, jiff::Timestamp::now()).await {
                    tracing::error!(error = format!("{e:#}"), "running the retention sweep");
                }
                if let Err(e) = shared::store::closing::sweep(state, &shared::ids::now_rfc3339()).await {
                    tracing::error!(error = format!("{e:#}"), "deleting closed businesses");
                }
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
    };
    futures::future::join3(futures::future::join_all(pollers), reminders, notifier).await;
    Ok(())
}

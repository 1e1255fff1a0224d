//! Counts the AWS API calls a process makes, per service and operation.
//!
//! Every SDK client of [`crate::AppState`] carries this interceptor. Each attempt on the wire
//! counts (a retried call counts twice, as AWS bills it), and the time spent in attempts adds
//! up. The runtime logs the count per invocation (`aws_calls`), tests measure the cost of a
//! path from it, and `make load` splits latency between the AWS side and the project's code.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};

#[derive(Debug, Default, Clone)]
pub struct AwsCalls {
    counts: Arc<Mutex<BTreeMap<String, u32>>>,
    nanos: Arc<AtomicU64>,
}

/// When the current attempt started (kept in the operation's config bag).
#[derive(Debug, Clone)]
struct AttemptStart(Instant);

impl Storable for AttemptStart {
    type Storer = StoreReplace<Self>;
}

impl AwsCalls {
    /// Time spent in AWS calls so far (every attempt, from before sending to after reading).
    pub fn time_in_calls(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }

    /// Calls so far, keyed `Service.Operation` (e.g. `DynamoDB.GetItem`).
    pub fn snapshot(&self) -> BTreeMap<String, u32> {
        self.counts.lock().map(|m| m.clone()).unwrap_or_default()
    }

    pub fn total(&self) -> u32 {
        self.snapshot().values().sum()
    }

    /// Returns the calls so far and starts counting from zero.
    pub fn take(&self) -> BTreeMap<String, u32> {
        self.counts.lock().map(|mut m| std::mem::take(&mut *m)).unwrap_or_default()
    }

    fn record(&self, key: String) {
        if let Ok(mut m) = self.counts.lock() {
            *m.entry(key).or_default() += 1;
        }
    }
}

impl Intercept for AwsCalls {
    fn name(&self) -> &'static str {
        "AwsCalls"
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let key = match cfg.load::<Metadata>() {
            Some(m) => format!("{}.{}", m.service(), m.name()),
            None => "unknown".to_string(),
        };
        self.record(key);
        cfg.interceptor_state().store_put(AttemptStart(Instant::now()));
        Ok(())
    }

    fn read_after_attempt(
        &self,
        _context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(AttemptStart(start)) = cfg.load::<AttemptStart>() {
            self.nanos.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        }
        Ok(())
    }

    /// After the SDK's own retries (standard mode, backoff with jitter): a call that still failed
    /// because the endpoint was unreachable, timed out, answered 5xx or throttled marks the
    /// request in progress, so its error is answered 503 (try again), not 500.
    fn read_after_execution(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if !matches!(context.output_or_error(), Some(Err(_))) {
            return Ok(());
        }
        let transient = match context.response() {
            None => true,
            Some(r) => {
                let status = r.status().as_u16();
                let body = r.body().bytes().unwrap_or_default();
                let throttled = [&b"Throttling"[..], b"ProvisionedThroughputExceeded", b"RequestLimitExceeded"]
                    .iter()
                    .any(|needle| body.windows(needle.len()).any(|w| w == *needle));
                status >= 500 || status == 429 || throttled
            }
        };
        if transient {
            let operation = cfg.load::<Metadata>().map(|m| format!("{}.{}", m.service(), m.name()));
            tracing::warn!(
                operation = operation.as_deref().unwrap_or("unknown"),
                status = context.response().map(|r| r.status().as_u16()),
                "an AWS call failed after its retries: the endpoint is unavailable"
            );
            let _ = UNAVAILABLE.try_with(|flag| flag.set(true));
        }
        Ok(())
    }
}

tokio::task_local! {
    static UNAVAILABLE: std::cell::Cell<bool>;
}

/// Runs one request, noting whether an AWS endpoint was unavailable for one of its calls.
pub async fn watch<F: std::future::Future>(request: F) -> F::Output {
    UNAVAILABLE.scope(std::cell::Cell::new(false), request).await
}

/// Whether, in the request [`watch`] runs, an AWS call failed because its endpoint was
/// unavailable (after the SDK's retries).
pub fn endpoint_unavailable() -> bool {
    UNAVAILABLE.try_with(|flag| flag.get()).unwrap_or(false)
}

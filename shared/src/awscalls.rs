//! Counts the AWS API calls a process makes, per service and operation.
//!
//! Every SDK client of [`crate::AppState`] carries this interceptor. Each attempt on the wire
//! counts (a retried call counts twice, as AWS bills it). The runtime logs the count per
//! invocation (`aws_calls`), and tests measure the cost of a path from it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

#[derive(Debug, Default, Clone)]
pub struct AwsCalls(Arc<Mutex<BTreeMap<String, u32>>>);

impl AwsCalls {
    /// Calls so far, keyed `Service.Operation` (e.g. `DynamoDB.GetItem`).
    pub fn snapshot(&self) -> BTreeMap<String, u32> {
        self.0.lock().map(|m| m.clone()).unwrap_or_default()
    }

    pub fn total(&self) -> u32 {
        self.snapshot().values().sum()
    }

    /// Returns the calls so far and starts counting from zero.
    pub fn take(&self) -> BTreeMap<String, u32> {
        self.0.lock().map(|mut m| std::mem::take(&mut *m)).unwrap_or_default()
    }

    fn record(&self, key: String) {
        if let Ok(mut m) = self.0.lock() {
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
        Ok(())
    }
}

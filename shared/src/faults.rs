//! Named crash points, so tests can stop a worker between two steps exactly where a Lambda
//! container could die (after a transaction, before a send…) and check what a retry does.
//! Nothing is armed in a deployed function: the set starts empty and only tests arm points.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Default)]
pub struct Faults(Arc<Mutex<HashMap<&'static str, u32>>>);

/// The error a crash point raises (the invocation fails as if the container died there).
#[derive(Debug, thiserror::Error)]
#[error("injected crash at {0}")]
pub struct InjectedCrash(pub &'static str);

impl Faults {
    /// Makes the next `times` passes through `point` fail.
    pub fn arm(&self, point: &'static str, times: u32) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(point, times);
    }

    /// Fails if `point` is armed (and counts the pass).
    pub fn check(&self, point: &'static str) -> Result<(), InjectedCrash> {
        let mut armed = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match armed.get_mut(point) {
            Some(n) if *n > 0 => {
                *n -= 1;
                Err(InjectedCrash(point))
            }
            _ => Ok(()),
        }
    }
}

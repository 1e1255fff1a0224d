//! The SvontAi library crate: everything the Lambda functions share.
//!
//! Each Lambda binary in `functions/` is a thin `main` that builds an [`AppState`]
//! once per cold start and hands every request to one handler from [`handlers`].
//! Tests and the local gateway (`functions/local`) call the same handlers in-process; nothing
//! only they need is compiled into a Lambda.

pub mod ai;
pub mod auth;
pub mod awscalls;
pub mod booking;
pub mod budget;
pub mod cache;
pub mod calendar;
pub mod config;
pub mod copy;
pub mod cors;
pub mod cursor;
pub mod domain;
pub mod error;
pub mod faults;
/// Fuzz entry points (`make fuzz`; their regression inputs replay in the unit tests).
#[cfg(any(test, feature = "fuzz"))]
#[doc(hidden)]
pub mod fuzz;
pub mod handlers;
pub mod http;
pub mod ids;
pub mod keys;
pub mod mail;
pub mod notify;
pub mod reminders;
pub mod routes;
pub mod runtime;
pub mod state;
pub mod store;
pub mod turn;
pub mod whatsapp;

pub use error::{ApiError, ApiResult};
pub use state::AppState;

//! One public async function per HTTP endpoint: `(state, request) → response`.
//! The Lambda `main`s, the local gateway and the tests all call these.

pub mod account;
pub mod appointments;
pub mod auth;
pub mod bots;
pub mod conversations;
pub mod feeds;
pub mod gaps;
pub mod health;
pub mod inbox;
pub mod knowledge;
pub mod leads;
pub mod privacy;
pub mod public;
pub mod stats;
pub mod team;
pub mod tenants;
pub mod webhook;
pub mod whatsapp;

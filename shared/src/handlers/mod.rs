//! One public async function per HTTP endpoint: `(state, request) → response`.
//! The Lambda `main`s, the local gateway and the tests all call these.

pub mod auth;
pub mod health;
pub mod tenants;

//! Integration tests: the real handlers against the moto server `make test` starts.

mod account;
mod appointments;
mod auth;
mod booking;
mod consistency;
mod dashboard;
mod inbox;
mod notifications;
mod permissions;
mod privacy;
mod public;
mod resilience;
mod stats;
mod team;
mod tenants;
mod whatsapp;

//! `svontai-local`: the dev-only side of the product, never deployed.
//!
//! - `svontai-local setup`: creates the table (and queues, bucket) in the local AWS-API server.
//! - `svontai-local seed`: creates the demo tenant, user and bot; writes `.dev/demo.json`.
//! - `svontai-local gateway [--port 8000]`: serves every HTTP function on one port, routing by
//!   the same route table as `template.yaml`, and the widget with its demo page.
//! - `svontai-local worker [--concurrency 10]`: the WhatsApp reply worker, polling the local
//!   queue as Lambda's event source mapping would, with several batches in flight.
//! - `svontai-local simulator [--port 8090]`: a stand-in for Meta (Graph API + a customer page).

mod gateway;
mod seed;
mod simulator;

use std::sync::Arc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    shared::runtime::init_tracing();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let state = Arc::new(shared::AppState::from_env().await?);
    match args.first().map(String::as_str) {
        Some("setup") => {
            local_stack::resources::ensure_all(&state).await?;
            println!("resources ready (table {})", state.table());
        }
        Some("seed") => seed::run(&state).await?,
        Some("gateway") => {
            let port = flag(&args, "--port").unwrap_or_else(|| "8000".into()).parse()?;
            gateway::serve(state, port).await?;
        }
        Some("worker") => {
            // As many batches in flight as the template's WorkerConcurrency allows on AWS.
            let concurrency = flag(&args, "--concurrency")
                .or_else(|| std::env::var("WORKER_CONCURRENCY").ok())
                .unwrap_or_else(|| "10".into())
                .parse()?;
            local_stack::poller::run(&state, concurrency).await?
        }
        Some("simulator") => {
            let port = flag(&args, "--port").unwrap_or_else(|| "8090".into()).parse()?;
            let webhook = format!("{}/whatsapp/webhook", state.config.backend_url.trim_end_matches('/'));
            let secret = std::env::var("META_APP_SECRET").unwrap_or_default();
            anyhow::ensure!(!secret.is_empty(), "META_APP_SECRET must be set for the simulator to sign payloads");
            simulator::serve(port, webhook, secret).await?;
        }
        _ => anyhow::bail!(
            "usage: svontai-local setup | seed | gateway [--port N] | worker [--concurrency N] | simulator [--port N]"
        ),
    }
    Ok(())
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

//! The demo tenant `make dev` starts with.

use shared::AppState;

/// Where the demo's login and keys are written (`DEMO_FILE` overrides, e.g. for `make load`).
fn demo_file() -> String {
    std::env::var("DEMO_FILE").unwrap_or_else(|_| ".dev/demo.json".into())
}

/// The demo bot's public key from the last seed, if any.
pub fn demo_bot_key() -> Option<String> {
    let text = std::fs::read_to_string(demo_file()).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["bot_public_key"].as_str().map(str::to_string)
}

pub async fn run(state: &AppState) -> anyhow::Result<()> {
    let password = std::env::var("DEMO_PASSWORD").unwrap_or_else(|_| format!("demo-{}", shared::ids::random_token(9)));
    // Connecting the demo number proves its ownership with "Meta": the simulator's model of it.
    let mut seeding = state.clone();
    seeding.config.graph_api_base = crate::simulator::serve_graph_lookups().await?;
    let demo = local_stack::demo::demo(
        &seeding,
        "demo@svontai.local",
        &password,
        Some((
            crate::simulator::PHONE_NUMBER_ID,
            crate::simulator::BUSINESS_ACCOUNT_ID,
            crate::simulator::ACCESS_TOKEN,
        )),
    )
    .await?;
    let file = demo_file();
    if let Some(dir) = std::path::Path::new(&file).parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&file, serde_json::to_string_pretty(&demo)?)?;
    println!("demo login: demo@svontai.local / {password}");
    Ok(())
}

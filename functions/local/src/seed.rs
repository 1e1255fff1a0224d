//! The demo tenant `make dev` starts with.

use shared::AppState;

const DEMO_FILE: &str = ".dev/demo.json";

/// The demo bot's public key from the last seed, if any.
pub fn demo_bot_key() -> Option<String> {
    let text = std::fs::read_to_string(DEMO_FILE).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["bot_public_key"].as_str().map(str::to_string)
}

pub async fn run(state: &AppState) -> anyhow::Result<()> {
    let password = std::env::var("DEMO_PASSWORD").unwrap_or_else(|_| format!("demo-{}", shared::ids::random_token(9)));
    let demo =
        shared::seed::demo(state, "demo@svontai.local", &password, Some(crate::simulator::PHONE_NUMBER_ID)).await?;
    std::fs::create_dir_all(".dev")?;
    std::fs::write(DEMO_FILE, serde_json::to_string_pretty(&demo)?)?;
    println!("demo login: demo@svontai.local / {password}");
    Ok(())
}

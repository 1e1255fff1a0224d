//! Per-container state: configuration and SDK clients, built once per cold start.

use std::time::Duration;

use anyhow::Context;
use aws_config::BehaviorVersion;

use crate::awscalls::AwsCalls;
use crate::config::Config;

/// Everything a handler borrows. Cheap to clone (the SDK clients are `Arc`s inside).
#[derive(Clone)]
pub struct AppState {
    pub config: Config,
    pub dynamo: crate::store::Client,
    pub sqs: aws_sdk_sqs::Client,
    pub secrets: aws_sdk_secretsmanager::Client,
    pub s3: aws_sdk_s3::Client,
    /// E-mail to users (`crate::mail`).
    pub ses: aws_sdk_sesv2::Client,
    /// Appointment reminders (`crate::reminders`).
    pub scheduler: aws_sdk_scheduler::Client,
    /// For the Graph API and the LLM provider.
    pub http: reqwest::Client,
    /// AWS API calls made through the clients above.
    pub aws_calls: AwsCalls,
    /// Crash points tests arm (empty in deployed functions).
    pub faults: crate::faults::Faults,
    /// What this container remembers between invocations.
    pub caches: std::sync::Arc<crate::cache::Caches>,
}

impl AppState {
    /// Builds the state from the environment. Region and credentials come from the standard
    /// variables (`AWS_REGION`, `AWS_ACCESS_KEY_ID`, …, as Lambda sets them), and
    /// `AWS_ENDPOINT_URL` points every client at a local AWS-API server when set.
    ///
    /// Deployed, the platform secrets are not in the environment: `JWT_SECRET_ID` and
    /// `META_APP_SECRET_ID` name Secrets Manager secrets, read here once per cold start (as are
    /// the LLM key, the client-IP and the origin secrets where a function has them).
    pub async fn from_env() -> anyhow::Result<Self> {
        let sdk = aws_config::defaults(BehaviorVersion::latest()).load().await;
        let secrets = aws_sdk_secretsmanager::Client::new(&sdk);
        let mut resolved = std::collections::HashMap::new();
        for (key, id_key) in [
            ("JWT_SECRET", "JWT_SECRET_ID"),
            ("META_APP_SECRET", "META_APP_SECRET_ID"),
            ("CLIENT_IP_SECRET", "CLIENT_IP_SECRET_ID"),
            ("ORIGIN_VERIFY_SECRET", "ORIGIN_VERIFY_SECRET_ID"),
            ("LLM_API_KEY", "LLM_API_KEY_SECRET_ID"),
        ] {
            let present = std::env::var(key).is_ok_and(|v| !v.is_empty());
            if let Some(id) = std::env::var(id_key).ok().filter(|v| !v.is_empty() && !present) {
                let value = secrets
                    .get_secret_value()
                    .secret_id(&id)
                    .send()
                    .await
                    .with_context(|| format!("reading {id_key}"))?
                    .secret_string
                    .with_context(|| format!("{id_key} has no string value"))?;
                resolved.insert(key, value);
            }
        }
        let config = Config::from_lookup(|key| resolved.get(key).cloned().or_else(|| std::env::var(key).ok()))?;
        Ok(Self::new(config, &sdk))
    }

    /// The region the S3 client signs for.
    pub fn sdk_region(&self) -> Option<String> {
        self.s3.config().region().map(|r| r.to_string())
    }

    pub fn new(config: Config, sdk: &aws_config::SdkConfig) -> Self {
        let aws_calls = AwsCalls::default();
        let sqs = aws_sdk_sqs::config::Builder::from(sdk).interceptor(aws_calls.clone()).build();
        let secrets = aws_sdk_secretsmanager::config::Builder::from(sdk).interceptor(aws_calls.clone()).build();
        let s3_config = aws_sdk_s3::config::Builder::from(sdk)
            // A local endpoint (moto) serves buckets by path, not by virtual host.
            .force_path_style(sdk.endpoint_url().is_some())
            .interceptor(aws_calls.clone())
            .build();
        let ses = aws_sdk_sesv2::config::Builder::from(sdk).interceptor(aws_calls.clone()).build();
        let scheduler = aws_sdk_scheduler::config::Builder::from(sdk).interceptor(aws_calls.clone()).build();
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(config.llm_timeout_secs.max(5)))
            .user_agent("SvontAi/1.0")
            .build()
            .expect("a TLS backend is compiled in");
        Self {
            dynamo: crate::store::connect(sdk, aws_calls.clone()),
            sqs: aws_sdk_sqs::Client::from_conf(sqs),
            secrets: aws_sdk_secretsmanager::Client::from_conf(secrets),
            s3: aws_sdk_s3::Client::from_conf(s3_config),
            ses: aws_sdk_sesv2::Client::from_conf(ses),
            scheduler: aws_sdk_scheduler::Client::from_conf(scheduler),
            http,
            config,
            aws_calls,
            faults: Default::default(),
            caches: Default::default(),
        }
    }

    pub fn table(&self) -> &str {
        &self.config.table_name
    }
}

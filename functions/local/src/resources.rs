//! The AWS resources the code expects, defined once. `make dev` and the tests create them in
//! the local AWS-API server from these definitions, and a test checks that `template.yaml`
//! declares the same table, indexes and queues.

use anyhow::Context;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection, ProjectionType,
    ScalarAttributeType, TimeToLiveSpecification,
};

use shared::keys;

/// A global secondary index: name, partition key, sort key (all projected).
pub struct Index {
    pub name: &'static str,
    pub partition_key: &'static str,
    pub sort_key: &'static str,
}

pub struct TableDefinition {
    pub partition_key: &'static str,
    pub sort_key: &'static str,
    /// Every key attribute (all strings).
    pub attributes: &'static [&'static str],
    pub indexes: &'static [Index],
    pub ttl_attribute: &'static str,
}

pub const TABLE: TableDefinition = TableDefinition {
    partition_key: keys::PK,
    sort_key: keys::SK,
    attributes: &[keys::PK, keys::SK, keys::GSI1PK, keys::GSI1SK, keys::GSI2PK, keys::GSI2SK],
    indexes: &[
        Index { name: keys::GSI1, partition_key: keys::GSI1PK, sort_key: keys::GSI1SK },
        Index { name: keys::GSI2, partition_key: keys::GSI2PK, sort_key: keys::GSI2SK },
    ],
    ttl_attribute: keys::EXPIRES_AT,
};

fn key(name: &str, kind: KeyType) -> KeySchemaElement {
    KeySchemaElement::builder().attribute_name(name).key_type(kind).build().expect("complete")
}

/// Creates the table (on-demand, with its indexes and TTL) unless it exists.
pub async fn ensure_table(client: &aws_sdk_dynamodb::Client, name: &str) -> anyhow::Result<()> {
    if let Ok(existing) = client.describe_table().table_name(name).send().await {
        return add_missing_indexes(client, name, existing.table()).await;
    }
    let mut request = client
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key(TABLE.partition_key, KeyType::Hash))
        .key_schema(key(TABLE.sort_key, KeyType::Range));
    for attribute in TABLE.attributes {
        request = request.attribute_definitions(string_attribute(attribute));
    }
    for index in TABLE.indexes {
        request = request.global_secondary_indexes(index_definition(index));
    }
    request.send().await.with_context(|| format!("creating table {name}"))?;
    client
        .update_time_to_live()
        .table_name(name)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .enabled(true)
                .attribute_name(TABLE.ttl_attribute)
                .build()
                .expect("complete"),
        )
        .send()
        .await
        .context("enabling TTL")?;
    Ok(())
}

fn index_definition(index: &Index) -> GlobalSecondaryIndex {
    GlobalSecondaryIndex::builder()
        .index_name(index.name)
        .key_schema(key(index.partition_key, KeyType::Hash))
        .key_schema(key(index.sort_key, KeyType::Range))
        .projection(Projection::builder().projection_type(ProjectionType::All).build())
        .build()
        .expect("complete")
}

fn string_attribute(name: &str) -> AttributeDefinition {
    AttributeDefinition::builder()
        .attribute_name(name)
        .attribute_type(ScalarAttributeType::S)
        .build()
        .expect("complete")
}

/// A table made before an index existed (a developer's long-lived local data) gets it, one
/// index per update as DynamoDB requires; the same order `sam deploy` applies them in.
async fn add_missing_indexes(
    client: &aws_sdk_dynamodb::Client,
    name: &str,
    existing: Option<&aws_sdk_dynamodb::types::TableDescription>,
) -> anyhow::Result<()> {
    let present: Vec<&str> = existing
        .map(|t| t.global_secondary_indexes())
        .unwrap_or_default()
        .iter()
        .filter_map(|i| i.index_name())
        .collect();
    for index in TABLE.indexes.iter().filter(|i| !present.contains(&i.name)) {
        client
            .update_table()
            .table_name(name)
            .attribute_definitions(string_attribute(index.partition_key))
            .attribute_definitions(string_attribute(index.sort_key))
            .global_secondary_index_updates(
                aws_sdk_dynamodb::types::GlobalSecondaryIndexUpdate::builder()
                    .create(
                        aws_sdk_dynamodb::types::CreateGlobalSecondaryIndexAction::builder()
                            .index_name(index.name)
                            .key_schema(key(index.partition_key, KeyType::Hash))
                            .key_schema(key(index.sort_key, KeyType::Range))
                            .projection(Projection::builder().projection_type(ProjectionType::All).build())
                            .build()
                            .expect("complete"),
                    )
                    .build(),
            )
            .send()
            .await
            .with_context(|| format!("adding index {} to table {name}", index.name))?;
    }
    Ok(())
}

/// The inbound queue: FIFO (one conversation's messages in order, grouped by
/// `phone_number_id:wa_id`), explicit deduplication ids (the wamid), and a dead-letter queue.
pub struct QueueDefinition {
    pub visibility_timeout_secs: u32,
    pub max_receive_count: u32,
    pub dlq_retention_secs: u32,
}

/// The worker's timeout is 60 s; AWS advises a visibility timeout of at least six times that.
pub const INBOUND_QUEUE: QueueDefinition =
    QueueDefinition { visibility_timeout_secs: 360, max_receive_count: 5, dlq_retention_secs: 14 * 24 * 3600 };

/// The queue's name: the last segment of its URL.
pub fn queue_name(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

/// The dead-letter queue's name for a FIFO queue name.
pub fn dead_letter_name(queue: &str) -> String {
    format!("{}-dlq.fifo", queue.trim_end_matches(".fifo"))
}

async fn create_fifo(
    client: &aws_sdk_sqs::Client,
    name: &str,
    attributes: Vec<(aws_sdk_sqs::types::QueueAttributeName, String)>,
) -> anyhow::Result<String> {
    use aws_sdk_sqs::types::QueueAttributeName as A;
    let mut request = client
        .create_queue()
        .queue_name(name)
        .attributes(A::FifoQueue, "true")
        .attributes(A::ContentBasedDeduplication, "false");
    for (k, v) in attributes {
        request = request.attributes(k, v);
    }
    let out = request.send().await.with_context(|| format!("creating queue {name}"))?;
    out.queue_url.context("a created queue has a URL")
}

/// Creates the inbound FIFO queue and its dead-letter queue, unless they exist; returns the
/// dead-letter queue's URL.
pub async fn ensure_queues(client: &aws_sdk_sqs::Client, queue_url: &str) -> anyhow::Result<String> {
    use aws_sdk_sqs::types::QueueAttributeName as A;
    let name = queue_name(queue_url);
    let dlq_url = create_fifo(
        client,
        &dead_letter_name(name),
        vec![(A::MessageRetentionPeriod, INBOUND_QUEUE.dlq_retention_secs.to_string())],
    )
    .await?;
    let dlq_arn = client
        .get_queue_attributes()
        .queue_url(&dlq_url)
        .attribute_names(A::QueueArn)
        .send()
        .await
        .context("reading the dead-letter queue's ARN")?
        .attributes
        .and_then(|a| a.get(&A::QueueArn).cloned())
        .context("the dead-letter queue has an ARN")?;
    let redrive =
        serde_json::json!({ "deadLetterTargetArn": dlq_arn, "maxReceiveCount": INBOUND_QUEUE.max_receive_count });
    create_fifo(
        client,
        name,
        vec![
            (A::VisibilityTimeout, INBOUND_QUEUE.visibility_timeout_secs.to_string()),
            (A::RedrivePolicy, redrive.to_string()),
        ],
    )
    .await?;
    Ok(dlq_url)
}

/// Creates every resource the functions use, unless it exists.
pub async fn ensure_all(state: &shared::AppState) -> anyhow::Result<()> {
    ensure_table(&state.dynamo, state.table()).await?;
    if let Some(url) = &state.config.inbound_queue_url {
        ensure_queues(&state.sqs, url).await?;
    }
    if let Some(bucket) = &state.config.media_bucket {
        ensure_bucket(&state.s3, bucket, state.sdk_region().as_deref()).await?;
    }
    if let Some(from) = &state.config.mail_from {
        ensure_mail_identity(&state.ses, from).await?;
    }
    if state.config.reminder_function_arn.is_some() {
        ensure_schedule_group(&state.scheduler, &state.config.schedule_group).await?;
    }
    Ok(())
}

/// The group reminder schedules go in (the stack's `ReminderScheduleGroup` on AWS).
pub async fn ensure_schedule_group(client: &aws_sdk_scheduler::Client, name: &str) -> anyhow::Result<()> {
    if name == "default" || client.get_schedule_group().name(name).send().await.is_ok() {
        return Ok(());
    }
    match client.create_schedule_group().name(name).send().await {
        Ok(_) => Ok(()),
        Err(e) if e.as_service_error().is_some_and(|e| e.is_conflict_exception()) => Ok(()),
        Err(e) => Err(anyhow::Error::new(e).context("creating the reminder schedule group")),
    }
}

/// Verifies the sender's domain in SES (moto accepts it at once; on AWS the operator verifies
/// the domain with DNS records: docs/deploy.md).
pub async fn ensure_mail_identity(client: &aws_sdk_sesv2::Client, from: &str) -> anyhow::Result<()> {
    let address = from.rsplit_once('<').map_or(from, |(_, a)| a.trim_end_matches('>')).trim();
    let domain = address.rsplit_once('@').map_or(address, |(_, d)| d);
    if client.get_email_identity().email_identity(domain).send().await.is_ok() {
        return Ok(());
    }
    client.create_email_identity().email_identity(domain).send().await.context("creating the mail identity")?;
    Ok(())
}

/// Creates a private bucket (the template's MediaBucket), unless it exists.
pub async fn ensure_bucket(client: &aws_sdk_s3::Client, name: &str, region: Option<&str>) -> anyhow::Result<()> {
    use aws_sdk_s3::types::{BucketLocationConstraint, CreateBucketConfiguration};
    let mut create = client.create_bucket().bucket(name);
    if let Some(region) = region.filter(|r| *r != "us-east-1") {
        create = create.create_bucket_configuration(
            CreateBucketConfiguration::builder().location_constraint(BucketLocationConstraint::from(region)).build(),
        );
    }
    match create.send().await {
        Ok(_) => Ok(()),
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_bucket_already_owned_by_you() || s.is_bucket_already_exists()) =>
        {
            Ok(())
        }
        Err(e) => Err(anyhow::Error::new(e).context(format!("creating bucket {name}"))),
    }
}

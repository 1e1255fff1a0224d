//! The AWS resources the code expects, defined once. `make dev` and the tests create them in
//! the local AWS-API server from these definitions, and a test checks that `template.yaml`
//! declares the same table, indexes and queues.

use anyhow::Context;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection, ProjectionType,
    ScalarAttributeType, TimeToLiveSpecification,
};

use crate::keys;

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
    attributes: &[keys::PK, keys::SK, keys::GSI1PK, keys::GSI1SK],
    indexes: &[Index { name: keys::GSI1, partition_key: keys::GSI1PK, sort_key: keys::GSI1SK }],
    ttl_attribute: keys::EXPIRES_AT,
};

fn key(name: &str, kind: KeyType) -> KeySchemaElement {
    KeySchemaElement::builder().attribute_name(name).key_type(kind).build().expect("complete")
}

/// Creates the table (on-demand, with its indexes and TTL) unless it exists.
pub async fn ensure_table(client: &aws_sdk_dynamodb::Client, name: &str) -> anyhow::Result<()> {
    if client.describe_table().table_name(name).send().await.is_ok() {
        return Ok(());
    }
    let mut request = client
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key(TABLE.partition_key, KeyType::Hash))
        .key_schema(key(TABLE.sort_key, KeyType::Range));
    for attribute in TABLE.attributes {
        request = request.attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(*attribute)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .expect("complete"),
        );
    }
    for index in TABLE.indexes {
        request = request.global_secondary_indexes(
            GlobalSecondaryIndex::builder()
                .index_name(index.name)
                .key_schema(key(index.partition_key, KeyType::Hash))
                .key_schema(key(index.sort_key, KeyType::Range))
                .projection(Projection::builder().projection_type(ProjectionType::All).build())
                .build()
                .expect("complete"),
        );
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

/// Creates every resource the functions use, unless it exists.
pub async fn ensure_all(state: &crate::AppState) -> anyhow::Result<()> {
    ensure_table(&state.dynamo, state.table()).await
}

//! The dev-only side of the product, never deployed: what `svontai-local` and the tests need
//! around the Lambda code (the API Gateway adapter, resource creation, the demo data, the SQS
//! event source stand-in). None of it is compiled into a Lambda.

pub mod apigw;
pub mod demo;
pub mod poller;
pub mod resources;

//! When the AWS endpoint itself fails: the API answers 503 with a problem body (after the SDK's
//! retries), never a 500 carrying a parser's complaint about an HTML page.

use serde_json::json;
use testkit::TestApp;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn login_against(aws_endpoint: &str) -> testkit::Reply {
    let app = TestApp::unprovisioned(aws_endpoint, |_| None).await;
    app.post("/auth/login", None, json!({ "email": "ayse@example.com", "password": "doğru-parola-123" })).await
}

#[tokio::test]
async fn an_aws_endpoint_answering_html_500_pages_gets_a_503_problem_after_retries() {
    // What moto answered under concurrency: an HTML error page.
    let broken = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(500).insert_header("content-type", "text/html").set_body_string(
                "<!doctype html><title>500 Internal Server Error</title><h1>Internal Server Error</h1>",
            ),
        )
        .mount(&broken)
        .await;
    let reply = login_against(&broken.uri()).await;
    assert_eq!((reply.status, reply.code()), (503, "service_unavailable"), "{}", reply.text);
    assert_eq!(reply.headers.get("retry-after").unwrap(), "1");
    assert!(!reply.text.contains('<'), "no trace of the HTML page: {}", reply.text);
    let attempts = broken.received_requests().await.unwrap().len();
    assert!(attempts >= 2, "the SDK retried: {attempts} attempts");
}

#[tokio::test]
async fn an_unreachable_aws_endpoint_gets_a_503_problem() {
    let reply = login_against("http://127.0.0.1:9").await;
    assert_eq!((reply.status, reply.code()), (503, "service_unavailable"), "{}", reply.text);
}

#[tokio::test]
async fn a_refusal_from_the_aws_endpoint_is_still_an_internal_error() {
    // A 400 that is not throttling (here: the table does not exist) is our bug, not an outage.
    let app = TestApp::unprovisioned(&testkit::endpoint(), |_| None).await;
    let reply =
        app.post("/auth/login", None, json!({ "email": "ayse@example.com", "password": "doğru-parola-123" })).await;
    assert_eq!((reply.status, reply.code()), (500, "internal"), "{}", reply.text);
}

#[tokio::test]
async fn the_local_queue_never_hands_out_two_messages_of_one_customer_at_once() {
    // SQS FIFO semantics the local worker relies on (moto's own long poll broke them: a poll
    // that began before the group was in flight handed out its next message).
    let app = TestApp::spawn().await;
    let sqs = app.state.sqs.clone();
    let url = app.state.config.inbound_queue_url.clone().unwrap();
    let poll = |sqs: aws_sdk_sqs::Client, url: String| async move {
        sqs.receive_message()
            .queue_url(url)
            .wait_time_seconds(3)
            .max_number_of_messages(1)
            .send()
            .await
            .unwrap()
            .messages
            .unwrap_or_default()
    };
    let early = tokio::spawn(poll(sqs.clone(), url.clone()));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let late = tokio::spawn(poll(sqs.clone(), url.clone()));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    for (i, body) in ["first", "second"].iter().enumerate() {
        sqs.send_message()
            .queue_url(&url)
            .message_body(*body)
            .message_group_id("one-customer")
            .message_deduplication_id(format!("d{i}"))
            .send()
            .await
            .unwrap();
    }
    let mut received: Vec<String> =
        early.await.unwrap().into_iter().chain(late.await.unwrap()).filter_map(|m| m.body).collect();
    received.sort();
    assert_eq!(received, ["first"], "only the group's first message is in flight");
}

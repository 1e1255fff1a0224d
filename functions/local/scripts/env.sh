# Environment shared by `make dev` and `make test`: every AWS client talks to the local
# moto server, with test credentials and an explicit region so no credential or region
# provider probes the network or the instance metadata service.
export AWS_ACCESS_KEY_ID=test
export AWS_SECRET_ACCESS_KEY=test
export AWS_REGION=eu-central-1
export AWS_DEFAULT_REGION=eu-central-1
export AWS_EC2_METADATA_DISABLED=true
export MOTO_PORT="${MOTO_PORT:-4566}"
export AWS_ENDPOINT_URL="http://127.0.0.1:${MOTO_PORT}"
export TABLE_NAME="${TABLE_NAME:-svontai-local}"
# WhatsApp media (images, voice notes, documents) is copied here, as into the MediaBucket on AWS.
export MEDIA_BUCKET="${MEDIA_BUCKET:-${TABLE_NAME}-media}"
export JWT_SECRET="${JWT_SECRET:-local-development-secret-not-for-production-use}"
export BACKEND_URL="${BACKEND_URL:-http://localhost:8000}"
export FRONTEND_URL="${FRONTEND_URL:-http://localhost:3000,http://127.0.0.1:3000}"
export RUST_LOG="${RUST_LOG:-info}"
# Mail goes through SES at moto; the launcher keeps every message (the mailbox page of make dev).
export MAIL_FROM="${MAIL_FROM:-SvontAi <no-reply@svontai.local>}"
# The dashboard's server signs the visitor's address with this (X-Client-Ip; login limits).
export CLIENT_IP_SECRET="${CLIENT_IP_SECRET:-local-client-ip-secret-not-for-production}"
export INBOUND_QUEUE_URL="${INBOUND_QUEUE_URL:-${AWS_ENDPOINT_URL}/123456789012/svontai-inbound.fifo}"
export TENANT_SECRET_PREFIX="${TENANT_SECRET_PREFIX:-svontai/local/tenants/}"
# The local WhatsApp simulator stands in for Meta: Graph API and the platform app secret.
export SIMULATOR_PORT="${SIMULATOR_PORT:-8090}"
export GRAPH_API_BASE="${GRAPH_API_BASE:-http://127.0.0.1:${SIMULATOR_PORT}/v23.0}"
export META_APP_SECRET="${META_APP_SECRET:-local-simulator-app-secret}"
# The platform app's id at the simulator, for Embedded Signup ("Connect with Facebook").
export META_APP_ID="${META_APP_ID:-100000000000999}"
# Appointment reminders: schedules go to moto's EventBridge Scheduler; the local poller plays the
# scheduler and runs each when due (the ARNs only have to look like ARNs there).
export REMINDER_FUNCTION_ARN="${REMINDER_FUNCTION_ARN:-arn:aws:lambda:eu-central-1:123456789012:function:svontai-local-appointment-reminder}"
export SCHEDULER_ROLE_ARN="${SCHEDULER_ROLE_ARN:-arn:aws:iam::123456789012:role/svontai-local-reminders}"
export SCHEDULE_GROUP="${SCHEDULE_GROUP:-${TABLE_NAME}-reminders}"

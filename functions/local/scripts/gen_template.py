#!/usr/bin/env python3
"""Writes template.yaml from the route table (shared/src/routes.rs) and the access each
function needs (below). `make template` runs it; a test fails when template.yaml, the route
table and the OpenAPI description disagree, and `make test` lints the result with cfn-lint.

Run from the repository root: python3 functions/local/scripts/gen_template.py > template.yaml
"""
import re
import sys

ROUTES = re.findall(
    r'route!\(\s*"([^"]+)",\s*"([A-Z]+)",\s*"([^"]+)",\s*(\w+),\s*[\w:]+,?\s*\)',
    open("shared/src/routes.rs", encoding="utf-8").read(),
)

# What each function may touch, least privilege. Keys:
#   table: "R" (read) | "RW"; tenant_secrets: set of "read", "write", "delete";
#   llm: reads the LLM key; queue: "send" | "consume"; users: may read user/credential items.
ACCESS = {
    "auth-register": dict(table="RW", users=True),
    "auth-login": dict(table="RW", users=True),
    "auth-refresh": dict(table="RW", users=True),
    "auth-logout": dict(table="RW", users=True),
    "me-get": dict(table="R", users=True),
    "me-update": dict(table="RW", users=True),
    "tenants-create": dict(table="RW", users=True),
    "tenants-my": dict(table="R", users=True),
    "tenants-update-current": dict(table="RW", users=True),
    "cors-preflight": dict(jwt=False),
    "bots-delete": dict(table="RW", tenant_secrets={"delete"}),
    "bots-test": dict(table="R", llm=True),
    "messages-send": dict(table="RW", tenant_secrets={"read"}),
    "whatsapp-integration-put": dict(table="RW", tenant_secrets={"write", "delete"}),
    "whatsapp-integration-delete": dict(table="RW", tenant_secrets={"delete"}),
    "whatsapp-integration-test": dict(table="R", tenant_secrets={"read"}),
    "whatsapp-webhook-verify": dict(table="R", jwt=False),
    "whatsapp-webhook": dict(table="RW", queue="send", tenant_secrets={"read"}, meta=True, jwt=False),
    "public-chat-init": dict(table="RW"),
    "public-chat-send": dict(table="RW", llm=True),
    "public-chat-messages": dict(table="R"),
    "public-leads": dict(table="RW"),
}
READ_ONLY_PREFIXES = ("-list", "-get", "-export", "-my", "stats-", "leads-by-bot")


def access(name):
    if name in ACCESS:
        a = dict(ACCESS[name])
    else:
        reads = name.endswith(("-list", "-get", "-export", "-my")) or name.startswith("stats-") or name == "leads-by-bot"
        a = dict(table="R" if reads else "RW")
    a.setdefault("jwt", True)
    return a


def pascal(name):
    return "".join(part.capitalize() for part in name.split("-"))


DDB_READ = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"]
DDB_WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]
TENANT_SECRET_ARN = '!Sub "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:svontai/${Stage}/tenants/*"'
SECRET_ACTIONS = {
    "read": ["secretsmanager:GetSecretValue"],
    "write": ["secretsmanager:CreateSecret", "secretsmanager:PutSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:TagResource"],
    "delete": ["secretsmanager:DeleteSecret"],
}


def policies(name, a, out):
    out.append("      Policies:")
    statements = []
    if a.get("table"):
        actions = DDB_READ + (DDB_WRITE + ["dynamodb:TransactWriteItems"] if a["table"] == "RW" else [])
        if a["table"] == "RW" and "dynamodb:TransactWriteItems" not in actions:
            actions.append("dynamodb:TransactWriteItems")
        statements.append((actions, ["!GetAtt Table.Arn", '!Sub "${Table.Arn}/index/*"'], None))
        if not a.get("users"):
            # Public and tenant-data functions never read users, credentials or sessions.
            statements.append((
                DDB_READ + (DDB_WRITE if a["table"] == "RW" else []),
                ["!GetAtt Table.Arn"],
                "deny-users",
            ))
    if a.get("tenant_secrets"):
        acts = sorted({x for kind in a["tenant_secrets"] for x in SECRET_ACTIONS[kind]})
        statements.append((acts, [TENANT_SECRET_ARN], None))
    if a.get("jwt"):
        statements.append((["secretsmanager:GetSecretValue"], ["!Ref JwtSecret"], None))
    if a.get("meta"):
        statements.append((["secretsmanager:GetSecretValue"], ["!Ref MetaAppSecret"], None))
    if a.get("llm"):
        statements.append((["secretsmanager:GetSecretValue"], ["!Ref LlmApiKeySecret"], None))
    if a.get("queue") == "send":
        statements.append((["sqs:SendMessage"], ["!GetAtt InboundQueue.Arn"], None))
    if a.get("queue") == "consume":
        statements.append((["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"], ["!GetAtt InboundQueue.Arn"], None))
    if not statements:
        out.append("        - Version: '2012-10-17'")
        out.append("          Statement:")
        out.append("            - Effect: Deny")
        out.append("              Action: '*'")
        out.append("              Resource: '*'")
        return
    out.append("        - Version: '2012-10-17'")
    out.append("          Statement:")
    for actions, resources, kind in statements:
        effect = "Deny" if kind == "deny-users" else "Allow"
        out.append(f"            - Effect: {effect}")
        out.append("              Action:")
        for x in actions:
            out.append(f"                - {x}")
        out.append("              Resource:")
        for r in resources:
            out.append(f"                - {r}")
        if kind == "deny-users":
            out.append("              Condition:")
            out.append("                ForAnyValue:StringLike:")
            out.append("                  dynamodb:LeadingKeys:")
            for p in ["U#*", "EMAIL#*", "RT#*"]:
                out.append(f"                    - '{p}'")


def function(name, method, path, out, worker=False):
    logical = pascal(name) + "Function"
    a = access(name) if not worker else dict(table="RW", queue="consume", tenant_secrets={"read"}, llm=True, jwt=False)
    out.append(f"  {logical}:")
    out.append("    Type: AWS::Serverless::Function")
    out.append("    Metadata:")
    out.append("      BuildMethod: rust-cargolambda")
    out.append("      BuildProperties:")
    out.append(f"        Binary: {name}")
    out.append("    Properties:")
    out.append(f'      FunctionName: !Sub "svontai-${{Stage}}-{name}"')
    out.append("      CodeUri: .")
    out.append(f"      LoggingConfig:")
    out.append(f"        LogGroup: !Ref {pascal(name)}Logs")
    if worker:
        out.append("      Timeout: 60")
        out.append("      ReservedConcurrentExecutions: !Ref WorkerConcurrency")
    policies(name, a, out)
    out.append("      Events:")
    if worker:
        out.append("        Inbound:")
        out.append("          Type: SQS")
        out.append("          Properties:")
        out.append("            Queue: !GetAtt InboundQueue.Arn")
        out.append("            BatchSize: 10")
        out.append("            FunctionResponseTypes:")
        out.append("              - ReportBatchItemFailures")
    else:
        out.append("        Api:")
        out.append("          Type: HttpApi")
        out.append("          Properties:")
        out.append("            ApiId: !Ref HttpApi")
        out.append(f"            Method: {method}")
        out.append(f"            Path: {path}")
    out.append(f"  {pascal(name)}Logs:")
    out.append("    Type: AWS::Logs::LogGroup")
    out.append("    Properties:")
    out.append(f'      LogGroupName: !Sub "/aws/lambda/svontai-${{Stage}}-{name}"')
    out.append("      RetentionInDays: !Ref LogRetentionDays")


HEADER = r'''# SvontAi on AWS SAM. GENERATED by functions/local/scripts/gen_template.py from the route
# table (shared/src/routes.rs): edit the generator, then `make template`.
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: SvontAi - an AI assistant for businesses on WhatsApp and the web.

Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedPattern: '[a-z0-9-]+'
    Description: Environment name, part of every resource name.
  FrontendUrl:
    Type: String
    Default: http://localhost:3000
    Description: Dashboard origin(s), comma-separated (CORS on private routes).
  LlmBaseUrl:
    Type: String
    Default: https://api.openai.com/v1
    Description: OpenAI-compatible Chat Completions base URL.
  GraphApiBase:
    Type: String
    Default: https://graph.facebook.com/v23.0
    Description: Meta Graph API base URL with its pinned version.
  MonthlyMessageQuota:
    Type: Number
    Default: 100000
    Description: Messages a tenant's bots may answer per calendar month.
  PublicMessagesPerMinute:
    Type: Number
    Default: 20
  WorkerConcurrency:
    Type: Number
    Default: 10
    Description: Reserved concurrency of the WhatsApp reply worker.
  LogRetentionDays:
    Type: Number
    Default: 30
    AllowedValues: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365]
  DeletionProtection:
    Type: String
    Default: 'false'
    AllowedValues: ['true', 'false']
  EnableTracing:
    Type: String
    Default: 'false'
    AllowedValues: ['true', 'false']
  AlarmEmail:
    Type: String
    Default: ''
    Description: E-mail for alarm notifications (optional).
  ApiThrottleRate:
    Type: Number
    Default: 100
  ApiThrottleBurst:
    Type: Number
    Default: 200

Conditions:
  Tracing: !Equals [!Ref EnableTracing, 'true']
  HasAlarmEmail: !Not [!Equals [!Ref AlarmEmail, '']]

Globals:
  Function:
    Runtime: provided.al2023
    Architectures: [arm64]
    Handler: bootstrap
    MemorySize: 256
    Timeout: 15
    Tracing: !If [Tracing, Active, PassThrough]
    Environment:
      Variables:
        TABLE_NAME: !Ref Table
        JWT_SECRET_ID: !Ref JwtSecret
        META_APP_SECRET_ID: !Ref MetaAppSecret
        LLM_API_KEY_SECRET_ID: !Ref LlmApiKeySecret
        LLM_BASE_URL: !Ref LlmBaseUrl
        GRAPH_API_BASE: !Ref GraphApiBase
        FRONTEND_URL: !Ref FrontendUrl
        BACKEND_URL: !Sub "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"
        INBOUND_QUEUE_URL: !Ref InboundQueue
        TENANT_SECRET_PREFIX: !Sub "svontai/${Stage}/tenants/"
        MONTHLY_MESSAGE_QUOTA: !Ref MonthlyMessageQuota
        PUBLIC_MESSAGES_PER_MINUTE: !Ref PublicMessagesPerMinute
        RUST_LOG: info

Resources:
  # The HTTP API. CORS is answered by the functions themselves (the dashboard's origin on
  # private routes, any origin on public and webhook routes, and OPTIONS by cors-preflight),
  # because an API-wide CORS setting cannot tell these routes apart.
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: $default
      DefaultRouteSettings:
        ThrottlingRateLimit: !Ref ApiThrottleRate
        ThrottlingBurstLimit: !Ref ApiThrottleBurst
      RouteSettings:
        "POST /auth/login":
          ThrottlingRateLimit: 10
          ThrottlingBurstLimit: 20
        "POST /auth/register":
          ThrottlingRateLimit: 5
          ThrottlingBurstLimit: 10
        "POST /public/chat/send":
          ThrottlingRateLimit: 50
          ThrottlingBurstLimit: 100
      AccessLogSettings:
        DestinationArn: !GetAtt ApiAccessLogs.Arn
        Format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","method":"$context.httpMethod","route":"$context.routeKey","status":"$context.status","latencyMs":"$context.responseLatency","integrationError":"$context.integrationErrorMessage"}'
  ApiAccessLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub "/svontai/${Stage}/api-access"
      RetentionInDays: !Ref LogRetentionDays

  # One table, single-table design (docs/data-model.md). Same definition as
  # shared/src/resources.rs; a test compares them.
  Table:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      TableName: !Sub "svontai-${Stage}"
      BillingMode: PAY_PER_REQUEST
      DeletionProtectionEnabled: !Ref DeletionProtection
      AttributeDefinitions:
        - AttributeName: PK
          AttributeType: S
        - AttributeName: SK
          AttributeType: S
        - AttributeName: GSI1PK
          AttributeType: S
        - AttributeName: GSI1SK
          AttributeType: S
      KeySchema:
        - AttributeName: PK
          KeyType: HASH
        - AttributeName: SK
          KeyType: RANGE
      GlobalSecondaryIndexes:
        - IndexName: GSI1
          KeySchema:
            - AttributeName: GSI1PK
              KeyType: HASH
            - AttributeName: GSI1SK
              KeyType: RANGE
          Projection:
            ProjectionType: ALL
      TimeToLiveSpecification:
        AttributeName: expires_at
        Enabled: true
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
      SSESpecification:
        SSEEnabled: true

  # Inbound WhatsApp messages: FIFO, one message group per customer and number, so one
  # conversation's messages stay in order; the visibility timeout is 6x the worker's timeout.
  InboundQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "svontai-${Stage}-inbound.fifo"
      FifoQueue: true
      ContentBasedDeduplication: false
      VisibilityTimeout: 360
      SqsManagedSseEnabled: true
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt InboundDeadLetterQueue.Arn
        maxReceiveCount: 5
  InboundDeadLetterQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "svontai-${Stage}-inbound-dlq.fifo"
      FifoQueue: true
      MessageRetentionPeriod: 1209600
      SqsManagedSseEnabled: true

  # Platform secrets. The JWT key is generated; the Meta app secret and the LLM key are set by
  # the operator after the first deploy (docs/deploy.md). Tenants' Meta tokens are created by
  # the API under svontai/<stage>/tenants/.
  JwtSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub "svontai/${Stage}/jwt-signing-key"
      Description: HMAC key for access tokens, visitor tokens and cursors.
      GenerateSecretString:
        PasswordLength: 64
        ExcludePunctuation: true
  MetaAppSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub "svontai/${Stage}/meta-app-secret"
      Description: The platform Meta app's secret (webhook signatures). Set it after deploy.
      SecretString: set-me
  LlmApiKeySecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub "svontai/${Stage}/llm-api-key"
      Description: OpenAI-compatible API key. Leave empty to answer from the knowledge base only.
      SecretString: none

  # The widget: a private bucket behind CloudFront (origin access control). Versioned bundles
  # (v/<version>/widget.js) are cached for a year; the widget.js loader for five minutes.
  WidgetBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerEnforced
  WidgetBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref WidgetBucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: cloudfront.amazonaws.com
            Action: s3:GetObject
            Resource: !Sub "${WidgetBucket.Arn}/*"
            Condition:
              StringEquals:
                AWS:SourceArn: !Sub "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${WidgetDistribution}"
  WidgetOriginAccessControl:
    Type: AWS::CloudFront::OriginAccessControl
    Properties:
      OriginAccessControlConfig:
        Name: !Sub "svontai-${Stage}-widget"
        OriginAccessControlOriginType: s3
        SigningBehavior: always
        SigningProtocol: sigv4
  WidgetLoaderCachePolicy:
    Type: AWS::CloudFront::CachePolicy
    Properties:
      CachePolicyConfig:
        Name: !Sub "svontai-${Stage}-widget-loader"
        DefaultTTL: 300
        MaxTTL: 300
        MinTTL: 0
        ParametersInCacheKeyAndForwardedToOrigin:
          EnableAcceptEncodingGzip: true
          EnableAcceptEncodingBrotli: true
          CookiesConfig:
            CookieBehavior: none
          HeadersConfig:
            HeaderBehavior: none
          QueryStringsConfig:
            QueryStringBehavior: none
  WidgetDistribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Comment: !Sub "SvontAi widget (${Stage})"
        HttpVersion: http2and3
        PriceClass: PriceClass_100
        Origins:
          - Id: widget
            DomainName: !GetAtt WidgetBucket.RegionalDomainName
            OriginAccessControlId: !GetAtt WidgetOriginAccessControl.Id
            S3OriginConfig:
              OriginAccessIdentity: ''
        DefaultCacheBehavior:
          TargetOriginId: widget
          ViewerProtocolPolicy: redirect-to-https
          Compress: true
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
          ResponseHeadersPolicyId: 5cc3b908-e619-4b99-88e5-2cf7f45965bd
        CacheBehaviors:
          - PathPattern: widget.js
            TargetOriginId: widget
            ViewerProtocolPolicy: redirect-to-https
            Compress: true
            CachePolicyId: !Ref WidgetLoaderCachePolicy
            ResponseHeadersPolicyId: 5cc3b908-e619-4b99-88e5-2cf7f45965bd

  # Alarms, to one topic.
  AlarmTopic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub "svontai-${Stage}-alarms"
  AlarmEmailSubscription:
    Type: AWS::SNS::Subscription
    Condition: HasAlarmEmail
    Properties:
      TopicArn: !Ref AlarmTopic
      Protocol: email
      Endpoint: !Ref AlarmEmail
  Api5xxAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmDescription: The API answers 5xx (docs/operations.md#api-5xx).
      Namespace: AWS/ApiGateway
      MetricName: 5xx
      Dimensions:
        - Name: ApiId
          Value: !Ref HttpApi
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 5
      ComparisonOperator: GreaterThanThreshold
      TreatMissingData: notBreaching
      AlarmActions: [!Ref AlarmTopic]
  WorkerErrorsAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmDescription: The WhatsApp reply worker fails (docs/operations.md#worker-errors).
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !Ref WhatsappWorkerFunction
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 0
      ComparisonOperator: GreaterThanThreshold
      TreatMissingData: notBreaching
      AlarmActions: [!Ref AlarmTopic]
  DeadLetterAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmDescription: Inbound WhatsApp messages reached the dead-letter queue (docs/operations.md#dead-letter-queue).
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions:
        - Name: QueueName
          Value: !GetAtt InboundDeadLetterQueue.QueueName
      Statistic: Maximum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 0
      ComparisonOperator: GreaterThanThreshold
      TreatMissingData: notBreaching
      AlarmActions: [!Ref AlarmTopic]
  ThrottlesAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmDescription: Lambda functions are throttled (docs/operations.md#throttles).
      Namespace: AWS/Lambda
      MetricName: Throttles
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 0
      ComparisonOperator: GreaterThanThreshold
      TreatMissingData: notBreaching
      AlarmActions: [!Ref AlarmTopic]

  # The functions: one per route, plus the reply worker.
'''

FOOTER = r'''
Outputs:
  ApiUrl:
    Description: Base URL of the API (NEXT_PUBLIC_API_URL of the dashboard).
    Value: !Sub "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"
  WebhookUrl:
    Description: Paste into Meta's console (WhatsApp > Configuration > Webhook).
    Value: !Sub "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/whatsapp/webhook"
  WidgetUrl:
    Description: The widget loader to embed on websites.
    Value: !Sub "https://${WidgetDistribution.DomainName}/widget.js"
  WidgetBucketName:
    Description: Where `make publish-widget` uploads the bundle.
    Value: !Ref WidgetBucket
  TableName:
    Value: !Ref Table
  InboundQueueUrl:
    Value: !Ref InboundQueue
  InboundDeadLetterQueueUrl:
    Value: !Ref InboundDeadLetterQueue
'''


def main():
    out = [HEADER.rstrip("\n")]
    for name, method, path, _aud in ROUTES:
        function(name, method, path, out)
    function("whatsapp-worker", None, None, out, worker=True)
    out.append(FOOTER.rstrip("\n"))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

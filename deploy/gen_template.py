#!/usr/bin/env python3
"""Writes template.yaml (AWS SAM) from the endpoint list, shared/src/routes.rs.

Each `route!(function, METHOD, path, Audience, handler, access)` there is one Lambda function,
its HTTP API route and its IAM policy (from the access phrases, which `access()` below parses
and refuses when unknown); `WORKER` is the SQS consumer. `--write-functions` writes what Cargo
needs from the same list: each `functions/<name>/main.rs` and the `[[bin]]` entries of
`functions/Cargo.toml`.

`make template` runs both and `make check-template` fails when any generated file is stale; the
Rust tests (tests/api/consistency.rs) compare template.yaml, the mains and docs/openapi.yaml with
the route table. `make test` lints the template with cfn-lint.

Run from the repository root: python3 deploy/gen_template.py > template.yaml
Standard library only (no PyYAML): the YAML is written as text.
"""
import re
import sys


WORKER = "whatsapp-worker"
REMINDER = "appointment-reminder"
NOTIFIER = "team-notifier"

# What the code needs beyond the access column (each with its reason):
# - Every function reads the JWT signing key: AppState::from_env (shared/src/state.rs) resolves
#   JWT_SECRET_ID at cold start and Config refuses to start without it, in every binary.
# - Only functions that read users, e-mail keys or refresh-token families may touch those items;
#   every other function gets an explicit Deny on them (so public functions cannot read users).
# The team notifier reads members' addresses and languages to mail them.
USER_FUNCTIONS = ("auth-", "me-", "tenants-", "team-notifier")
# - whatsapp-integration-put deletes the secret it has just created when the conditional write
#   of the integration loses (phone number already connected): shared/src/handlers/whatsapp.rs.
EXTRA_TENANT_SECRET_ACTIONS = {"whatsapp-integration-put": {"delete"}, "whatsapp-embedded-signup": {"delete"}}
# - The webhook checks signatures with the platform Meta app's secret (META_APP_SECRET_ID, read
#   at cold start), and Embedded Signup exchanges Facebook's code with it (and META_APP_ID): only
#   those two have that variable and may read that secret.
PLATFORM_META_SECRET = {"whatsapp-webhook", "whatsapp-embedded-signup"}
# - Functions that wait for the LLM get longer than the 10 s default: the code gives the LLM 20 s
#   (LLM_TIMEOUT_SECS) and then answers with its fallback, well inside the HTTP API's 30 s limit.
TIMEOUTS = {"public-chat-send": 25, "bots-test": 25, WORKER: 60}

# Tighter throttling than the API default on the routes attackers like (login, sign-up, the
# public chat and lead form): (rate per second, burst).
ROUTE_THROTTLES = {
    "POST /auth/login": (10, 20),
    "POST /auth/register": (5, 10),
    "POST /auth/refresh": (20, 40),
    "POST /public/chat/init": (50, 100),
    "POST /public/chat/send": (50, 100),
    "POST /public/leads": (10, 20),
}


ROUTES_RS = "shared/src/routes.rs"
ROUTE = re.compile(r'route!\(\s*"([^"]+)",\s*"([A-Z]+)",\s*"([^"]+)",\s*(\w+),\s*([\w:]+),\s*"([^"]*)",?\s*\)')


def routes_source():
    try:
        return open(ROUTES_RS, encoding="utf-8").read()
    except FileNotFoundError:
        sys.exit(f"gen_template: run from the repository root ({ROUTES_RS} not found)")


def rows():
    """(function, method, path, audience, access) for every route, then the worker."""
    source = routes_source()
    found = ROUTE.findall(source)
    if len(found) != source.count("route!("):
        sys.exit(f"gen_template: a route! in {ROUTES_RS} is not in the form this script reads")
    out = [(n, m, p, aud, acc) for n, m, p, aud, _handler, acc in found]
    worker = re.search(r'pub const WORKER: Worker = Worker \{\s*function: "([^"]+)",\s*access: "([^"]*)",?\s*\};', source)
    if not worker or worker.group(1) != WORKER:
        sys.exit(f"gen_template: {ROUTES_RS} must declare WORKER ({WORKER})")
    out.append((WORKER, "(SQS FIFO event source)", "–", "–", worker.group(2)))
    reminder = re.search(r'pub const REMINDER: Worker = Worker \{\s*function: "([^"]+)",\s*access: "([^"]*)",?\s*\};', source)
    if not reminder or reminder.group(1) != REMINDER:
        sys.exit(f"gen_template: {ROUTES_RS} must declare REMINDER ({REMINDER})")
    out.append((REMINDER, "(EventBridge Scheduler target)", "–", "–", reminder.group(2)))
    notifier = re.search(r'pub const NOTIFIER: Worker = Worker \{\s*function: "([^"]+)",\s*access: "([^"]*)",?\s*\};', source)
    if not notifier or notifier.group(1) != NOTIFIER:
        sys.exit(f"gen_template: {ROUTES_RS} must declare NOTIFIER ({NOTIFIER})")
    out.append((NOTIFIER, "(EventBridge schedule, every minute)", "–", "–", notifier.group(2)))
    return out


def handlers():
    """function name -> (audience, handler path below shared::handlers)."""
    return {n: (aud, h) for n, _m, _p, aud, h, _acc in ROUTE.findall(routes_source())}


MAIN_RS = 'shared::lambda_http_main!("{name}", {audience}, {handler});\n'
WORKER_MAIN = """//! The WhatsApp reply worker: an SQS (FIFO) event source with partial batch responses.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    shared::runtime::run_sqs(shared::whatsapp::worker::handle).await
}
"""
REMINDER_MAIN = """//! Appointment reminders: EventBridge Scheduler invokes this at each reminder's time.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    shared::runtime::run_reminders().await
}
"""
NOTIFIER_MAIN = """//! The team notifier: an EventBridge schedule runs it every minute.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    shared::runtime::run_notifier().await
}
"""
BINS_MARKER = "# Generated by deploy/gen_template.py from shared/src/routes.rs: one binary per function."


def write_functions(check=False):
    """Writes functions/<name>/main.rs for every function and the [[bin]] list of
    functions/Cargo.toml; with `check`, writes nothing and fails when a file would change."""
    import os
    table = rows()
    stale = []

    def put(path, text):
        try:
            current = open(path, encoding="utf-8").read()
        except FileNotFoundError:
            current = None
        if current == text:
            return
        if check:
            stale.append(path)
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    mains = handlers()
    for name, *_ in table:
        if name == WORKER:
            text = WORKER_MAIN
        elif name == REMINDER:
            text = REMINDER_MAIN
        elif name == NOTIFIER:
            text = NOTIFIER_MAIN
        else:
            audience, handler = mains[name]
            text = MAIN_RS.format(name=name, audience=audience, handler=handler)
        put(f"functions/{name}/main.rs", text)
    cargo = open("functions/Cargo.toml", encoding="utf-8").read()
    head = cargo.split(BINS_MARKER)[0] if BINS_MARKER in cargo else cargo.split("[[bin]]")[0]
    bins = "".join(f'\n[[bin]]\nname = "{n}"\npath = "{n}/main.rs"\ntest = false\n' for n, *_ in table)
    put("functions/Cargo.toml", head.rstrip("\n") + "\n\n" + BINS_MARKER + "\n" + bins)
    if stale:
        sys.exit("gen_template: stale (run make template): " + ", ".join(stale))


def pascal(name):
    return "".join(part.capitalize() for part in name.split("-"))


def access(name, text):
    """Parses the access column into {"table": "R"|"RW"|None, "tenant_secrets": set, "llm": bool, "queue": set}."""
    a = {"table": None, "tenant_secrets": set(), "llm": False, "queue": set(), "media": set(), "mail": False,
         "dead_letter": False, "schedules": False}
    if text == "none":
        return a
    for clause in (c.strip() for c in text.split(",")):
        clause = re.sub(r"\s*\(.*\)$", "", clause)  # "(WhatsApp send)", "(app secret)": explanations
        if clause in ("table R", "table RW"):
            a["table"] = clause.split()[1]
        elif clause.startswith("tenant secrets "):
            for verb in clause[len("tenant secrets "):].split("/"):
                if verb not in TENANT_SECRET_ACTIONS:
                    sys.exit(f"gen_template: {name}: unknown tenant secret access {verb!r}")
                a["tenant_secrets"].add(verb)
        elif clause in ("LLM key secret read", "LLM key read"):
            a["llm"] = True
        elif clause in ("media read", "media write"):
            a["media"].add(clause.split()[1])
        elif clause == "mail send":
            a["mail"] = True
        elif clause == "SQS send":
            a["queue"].add("send")
        elif clause == "SQS receive/delete":
            a["queue"].add("consume")
        elif clause == "SQS dead-letter send":
            a["dead_letter"] = True
        elif clause == "reminder schedules":
            a["schedules"] = True
        else:
            sys.exit(f"gen_template: {name}: unknown access {clause!r}")
    a["tenant_secrets"] |= EXTRA_TENANT_SECRET_ACTIONS.get(name, set())
    return a


# IAM actions. DynamoDB transactions are authorised per item by PutItem/UpdateItem/DeleteItem/
# ConditionCheckItem (there is no TransactWriteItems IAM action).
DDB_READ = ["dynamodb:GetItem", "dynamodb:Query"]
DDB_WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
             "dynamodb:ConditionCheckItem"]
USER_KEY_PATTERNS = ["U#*", "EMAIL#*", "RT#*", "MT#*"]
TENANT_SECRETS_ARN = ('!Sub "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}'
                      ':secret:svontai/${Stage}/tenants/*"')
TENANT_SECRET_ACTIONS = {
    "read": "secretsmanager:GetSecretValue",
    "create": "secretsmanager:CreateSecret",
    "put": "secretsmanager:PutSecretValue",
    "describe": "secretsmanager:DescribeSecret",
    # A saved integration's new credentials become AWSCURRENT (handlers/whatsapp.rs `promote`).
    "stage": "secretsmanager:UpdateSecretVersionStage",
    "delete": "secretsmanager:DeleteSecret",
}
SQS_ACTIONS = {
    "send": ["sqs:SendMessage"],
    # What the event source mapping uses with the function's role.
    "consume": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
}


def statement(out, sid, actions, resources, effect="Allow", condition=None, when=None):
    """Appends one policy statement; `when` wraps it in !If [condition, statement, !Ref AWS::NoValue]."""
    pad = "            "
    if when:
        out.append(f"{pad}- !If")
        out.append(f"{pad}  - {when}")
        pad += "  "
    out.append(f"{pad}- Sid: {sid}")
    out.append(f"{pad}  Effect: {effect}")
    out.append(f"{pad}  Action:")
    out.extend(f"{pad}    - {a}" for a in actions)
    out.append(f"{pad}  Resource:")
    out.extend(f"{pad}    - {r}" for r in resources)
    if condition:
        out.append(f"{pad}  Condition:")
        out.extend(f"{pad}    {line}" for line in condition)
    if when:
        out.append(f"{pad[:-2]}  - !Ref AWS::NoValue")


def policies(name, a, out):
    out.append("      Policies:")
    out.append("        - Version: '2012-10-17'")
    out.append("          Statement:")
    statement(out, "ReadJwtSigningKey", ["secretsmanager:GetSecretValue"], ["!Ref JwtSecret"])
    if a["table"]:
        item_actions = DDB_READ + (DDB_WRITE if a["table"] == "RW" else [])
        statement(out, "TableItems", item_actions, ["!GetAtt Table.Arn"])
        statement(out, "TableIndexes", ["dynamodb:Query"], ['!Sub "${Table.Arn}/index/*"'])
        if not name.startswith(USER_FUNCTIONS):
            condition = ["ForAnyValue:StringLike:", "  dynamodb:LeadingKeys:"]
            condition += [f"    - '{p}'" for p in USER_KEY_PATTERNS]
            statement(out, "NoUsersCredentialsOrSessions", item_actions, ["!GetAtt Table.Arn"], "Deny", condition)
    if a["tenant_secrets"]:
        acts = sorted(TENANT_SECRET_ACTIONS[v] for v in a["tenant_secrets"])
        statement(out, "TenantSecrets", acts, [TENANT_SECRETS_ARN])
    if name in PLATFORM_META_SECRET:
        statement(out, "ReadMetaAppSecret", ["secretsmanager:GetSecretValue"], ["!Ref MetaAppSecretArn"],
                  when="HasMetaAppSecret")
    if a["llm"]:
        statement(out, "ReadLlmApiKey", ["secretsmanager:GetSecretValue"], ["!Ref LlmApiKeySecretArn"],
                  when="HasLlmApiKey")
    if a["mail"]:
        # SES authorises SendEmail on the identity the mail is sent from (the verified domain
        # or address) and on the configuration set if one is used (none is).
        statement(out, "SendMail", ["ses:SendEmail"],
                  ['!Sub "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${MailIdentity}"'],
                  when="HasMail")
    if name.startswith("auth-"):
        statement(out, "ReadClientIpSecret", ["secretsmanager:GetSecretValue"], ["!Ref ClientIpSecret"])
    # Every function resolves ORIGIN_VERIFY_SECRET_ID at cold start (AppState::from_env), the
    # worker included, so every function may read that secret when the edge is on.
    statement(out, "ReadOriginVerifySecret", ["secretsmanager:GetSecretValue"], ["!Ref OriginVerifySecret"],
              when="HasApiEdge")
    for kind in sorted(a["media"]):
        # read: presigned GETs for the dashboard (signed with this role); write: the worker stores media.
        actions = ["s3:GetObject"] if kind == "read" else ["s3:PutObject"]
        statement(out, "Media" + kind.capitalize(), actions, ['!Sub "${MediaBucket.Arn}/tenants/*"'])
    for kind in sorted(a["queue"]):
        statement(out, "InboundQueue" + kind.capitalize(), SQS_ACTIONS[kind], ["!GetAtt InboundQueue.Arn"])
    if a["dead_letter"]:
        # A record no retry can read goes to the dead-letter queue at once (whatsapp/queue.rs).
        statement(out, "DeadLetterSend", ["sqs:SendMessage"], ["!GetAtt InboundDeadLetterQueue.Arn"])
    if a["schedules"]:
        # One-time reminder schedules in the stack's group (reminders.rs), run with the
        # scheduler's own role, which this function hands over.
        statement(out, "ReminderSchedules",
                  ["scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule"],
                  ['!Sub "arn:${AWS::Partition}:scheduler:${AWS::Region}:${AWS::AccountId}:schedule/${ReminderScheduleGroup}/*"'])
        statement(out, "PassSchedulerRole", ["iam:PassRole"], ["!GetAtt ReminderSchedulerRole.Arn"])


def function(row, out):
    name, method, path, audience, access_text = row
    worker = name == WORKER
    reminder = name == REMINDER
    a = access(name, access_text)
    out.append("")
    out.append(f"  {pascal(name)}Function:")
    out.append("    Type: AWS::Serverless::Function")
    out.append("    Metadata:")
    out.append("      BuildMethod: rust-cargolambda")
    out.append("      BuildProperties:")
    out.append(f"        Binary: {name}")
    out.append("    Properties:")
    out.append(f'      FunctionName: !Sub "svontai-${{Stage}}-{name}"')
    notifier = name == NOTIFIER
    description = ("WhatsApp reply worker (SQS FIFO)" if worker
                   else "Appointment reminders (EventBridge Scheduler)" if reminder
                   else "Team notifications (every minute)" if notifier
                   else f"{method} {path} ({audience})")
    out.append(f"      Description: '{description}'")
    out.append("      CodeUri: .")
    if name in TIMEOUTS:
        out.append(f"      Timeout: {TIMEOUTS[name]}")
    if worker:
        # The worker holds a customer's media in memory while copying it to the media bucket
        # (WhatsApp documents may be 100 MB): shared/src/whatsapp/media.rs.
        out.append("      MemorySize: 512")
    out.append("      LoggingConfig:")
    out.append(f"        LogGroup: !Ref {pascal(name)}Logs")
    env = []
    if name in PLATFORM_META_SECRET:
        env.append("          META_APP_SECRET_ID: !Ref MetaAppSecretArn")
        if name == "whatsapp-embedded-signup":
            env.append("          META_APP_ID: !Ref MetaAppId")
    if a["dead_letter"]:
        env.append("          INBOUND_DLQ_URL: !Ref InboundDeadLetterQueue")
    if a["schedules"]:
        env.append(f'          REMINDER_FUNCTION_ARN: !Sub "arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:svontai-${{Stage}}-{REMINDER}"')
        env.append("          SCHEDULER_ROLE_ARN: !GetAtt ReminderSchedulerRole.Arn")
        env.append("          SCHEDULE_GROUP: !Ref ReminderScheduleGroup")
    if a["llm"]:
        env.append("          LLM_API_KEY_SECRET_ID: !If [HasLlmApiKey, !Ref LlmApiKeySecretArn, !Ref AWS::NoValue]")
    if name.startswith("auth-"):
        # The dashboard's server signs the visitor's address with this secret (login limits).
        env.append("          CLIENT_IP_SECRET_ID: !Ref ClientIpSecret")
    if env:
        out.append("      Environment:")
        out.append("        Variables:")
        out.extend(env)
    policies(name, a, out)
    if reminder:
        # No event source: EventBridge Scheduler invokes it through ReminderSchedulerRole.
        out.append(f"  {pascal(name)}Logs:")
        out.append("    Type: AWS::Logs::LogGroup")
        out.append("    Properties:")
        out.append(f'      LogGroupName: !Sub "/aws/lambda/svontai-${{Stage}}-{name}"')
        out.append("      RetentionInDays: !Ref LogRetentionDays")
        out.append("  ReminderScheduleGroup:")
        out.append("    Type: AWS::Scheduler::ScheduleGroup")
        out.append("    Properties:")
        out.append('      Name: !Sub "svontai-${Stage}-reminders"')
        out.append("  ReminderSchedulerRole:")
        out.append("    Type: AWS::IAM::Role")
        out.append("    Properties:")
        out.append("      AssumeRolePolicyDocument:")
        out.append("        Version: '2012-10-17'")
        out.append("        Statement:")
        out.append("          - Effect: Allow")
        out.append("            Principal:")
        out.append("              Service: scheduler.amazonaws.com")
        out.append("            Action: sts:AssumeRole")
        out.append("            Condition:")
        out.append("              StringEquals:")
        out.append("                aws:SourceAccount: !Ref AWS::AccountId")
        out.append("      Policies:")
        out.append("        - PolicyName: InvokeReminderFunction")
        out.append("          PolicyDocument:")
        out.append("            Version: '2012-10-17'")
        out.append("            Statement:")
        out.append("              - Effect: Allow")
        out.append("                Action: lambda:InvokeFunction")
        out.append(f"                Resource: !GetAtt {pascal(name)}Function.Arn")
        return
    out.append("      Events:")
    if worker:
        out.append("        Inbound:")
        out.append("          Type: SQS")
        out.append("          Properties:")
        out.append("            Queue: !GetAtt InboundQueue.Arn")
        out.append("            BatchSize: 10")
        out.append("            FunctionResponseTypes:")
        out.append("              - ReportBatchItemFailures")
        out.append("            ScalingConfig:")
        out.append("              MaximumConcurrency: !Ref WorkerConcurrency")
    elif notifier:
        out.append("        EveryMinute:")
        out.append("          Type: ScheduleV2")
        out.append("          Properties:")
        out.append("            ScheduleExpression: rate(1 minute)")
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


def definition_body(table, out):
    """The HTTP API's OpenAPI body with one Lambda integration per route. The integration URIs are
    built from the function names instead of `!GetAtt <Function>.Arn` (what SAM writes for the
    events), so the API does not depend on the functions and the functions may name the API in
    BACKEND_URL without a circular dependency. SAM keeps integrations that are already present
    and still adds each event's invoke permission."""
    paths = {}
    for name, method, path, _aud, _acc in table:
        if name not in (WORKER, REMINDER, NOTIFIER):
            paths.setdefault(path, []).append((method, name))
    out.append("      DefinitionBody:")
    out.append("        openapi: '3.0.1'")
    out.append("        info:")
    out.append('          title: !Sub "svontai-${Stage}"')
    out.append("          version: '1.0'")
    out.append("        paths:")
    for path, methods in paths.items():
        out.append(f"          '{path}':")
        for method, name in methods:
            out.append(f"            {method.lower()}:")
            out.append("              x-amazon-apigateway-integration:")
            out.append("                type: aws_proxy")
            out.append("                httpMethod: POST")
            out.append("                payloadFormatVersion: '2.0'")
            out.append(
                '                uri: !Sub "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/'
                f'functions/arn:${{AWS::Partition}}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:svontai-${{Stage}}-{name}/invocations"'
            )


HEADER = r'''# SvontAi on AWS SAM.
# GENERATED by functions/local/scripts/gen_template.py (the Lambda function table of the API brief,
# checked against shared/src/routes.rs): edit the generator, then `make template`. Do not edit by hand.
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: SvontAi - an AI assistant for businesses on WhatsApp and the web.

Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedPattern: '^[a-z][a-z0-9-]{0,15}$'
    Description: Environment name (dev, prod, ...), part of every resource name.
  FrontendUrl:
    Type: String
    Default: http://localhost:3000
    Description: Dashboard origin(s), comma-separated, e.g. https://app.svontai.com (CORS on private routes).
  LlmBaseUrl:
    Type: String
    Default: https://api.openai.com/v1
    Description: OpenAI-compatible Chat Completions base URL.
  LlmApiKeySecretArn:
    Type: String
    Default: ''
    AllowedPattern: '^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+)?$'
    Description: Full ARN of a Secrets Manager secret holding the LLM API key (optional; empty = bots answer from their knowledge base only).
  MetaAppId:
    Type: String
    Default: ''
    AllowedPattern: '^[0-9]*$'
    Description: The platform Meta app's id, for Embedded Signup ("Connect with Facebook"); empty leaves only the manual connection form.
  MetaAppSecretArn:
    Type: String
    Default: ''
    AllowedPattern: '^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+)?$'
    Description: Full ARN of a Secrets Manager secret holding the platform Meta app's secret (optional; empty = only tenants with their own app secret can receive WhatsApp webhooks).
  GraphApiBase:
    Type: String
    Default: https://graph.facebook.com/v23.0
    Description: Meta Graph API base URL with its pinned version.
  MonthlyWidgetQuota:
    Type: Number
    Default: 100000
    MinValue: 0
    Description: Answers a tenant's bots may give per calendar month in the website widget (and the dashboard's test panel).
  MonthlyWhatsappQuota:
    Type: Number
    Default: 100000
    MinValue: 0
    Description: Answers a tenant's bots may give per calendar month on WhatsApp (a budget of its own, so widget visitors cannot use it up).
  ConversationDailyAnswers:
    Type: Number
    Default: 200
    MinValue: 1
    Description: Answers one conversation may get per day.
  WhatsappQuietWindowMs:
    Type: Number
    Default: 2000
    MinValue: 0
    MaxValue: 10000
    Description: How long a WhatsApp customer must be quiet before the bot answers (ms), so quick fragments get one answer; 0 answers at once.
  PublicMessagesPerMinute:
    Type: Number
    Default: 20
    MinValue: 1
    Description: Widget messages per bot key and IP per minute.
  WorkerConcurrency:
    Type: Number
    Default: 10
    MinValue: 2
    MaxValue: 1000
    Description: Most concurrent WhatsApp reply workers (the SQS event source's maximum concurrency).
  LogRetentionDays:
    Type: Number
    Default: 30
    AllowedValues: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]
    Description: Days CloudWatch keeps function and access logs.
  DeletionProtection:
    Type: String
    Default: 'false'
    AllowedValues: ['true', 'false']
    Description: DynamoDB deletion protection on the table (true for production).
  EnableTracing:
    Type: String
    Default: PassThrough
    AllowedValues: [Active, PassThrough]
    Description: X-Ray tracing mode of every function.
  AlarmEmail:
    Type: String
    Default: ''
    Description: E-mail address for alarm notifications (optional; confirm the subscription e-mail).
  ApiThrottleRate:
    Type: Number
    Default: 100
    Description: Default steady-state requests per second per route.
  ApiThrottleBurst:
    Type: Number
    Default: 200
    Description: Default burst per route.
  ApiDomainName:
    Type: String
    Default: ''
    Description: Custom domain of the API, e.g. api.svontai.com (optional; needs ApiCertificateArn).
  ApiCertificateArn:
    Type: String
    Default: ''
    AllowedPattern: '^(arn:aws[a-zA-Z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+)?$'
    Description: ACM certificate for ApiDomainName, in the stack's region (optional).
  WidgetDomainName:
    Type: String
    Default: ''
    Description: Custom domain of the widget CDN, e.g. cdn.svontai.com (optional; needs WidgetCertificateArn).
  WidgetCertificateArn:
    Type: String
    Default: ''
    AllowedPattern: '^(arn:aws[a-zA-Z-]*:acm:us-east-1:[0-9]{12}:certificate/.+)?$'
    Description: ACM certificate for WidgetDomainName, in us-east-1 as CloudFront requires (optional).
  ApiWebAclArn:
    Type: String
    Default: ''
    AllowedPattern: '^(arn:aws[a-zA-Z-]*:wafv2:us-east-1:[0-9]{12}:global/webacl/[A-Za-z0-9_-]{1,128}/[0-9a-f-]{36})?$'
    Description: ARN of the CLOUDFRONT web ACL of deploy/waf.yaml (us-east-1); set, a CloudFront distribution with it fronts the API (EdgeApiUrl) and the API answers only through it (optional; empty = off).

  MailFromAddress:
    Type: String
    Default: ''
    Description: Sender of e-mail to users, e.g. "SvontAi <no-reply@svontai.com>" (optional; empty = no mail is sent, so no password reset or verification; docs/deploy.md).
  MailIdentity:
    Type: String
    Default: ''
    Description: The SES identity MailFromAddress is verified under - its domain (svontai.com) or the address itself; functions may send only from it.
  LlmModels:
    Type: String
    Default: gpt-4.1-mini,gpt-4o-mini,gpt-4.1,gpt-4o
    AllowedPattern: '^[A-Za-z0-9._:/-]+(,[A-Za-z0-9._:/-]+)*$'
    Description: LLM models a bot may be set to (comma-separated); the platform's LLM key pays for them.

Conditions:
  HasMail: !And [!Not [!Equals [!Ref MailFromAddress, '']], !Not [!Equals [!Ref MailIdentity, '']]]
  HasAlarmEmail: !Not [!Equals [!Ref AlarmEmail, '']]
  HasLlmApiKey: !Not [!Equals [!Ref LlmApiKeySecretArn, '']]
  HasMetaAppSecret: !Not [!Equals [!Ref MetaAppSecretArn, '']]
  HasApiDomain: !And [!Not [!Equals [!Ref ApiDomainName, '']], !Not [!Equals [!Ref ApiCertificateArn, '']]]
  HasWidgetDomain: !And [!Not [!Equals [!Ref WidgetDomainName, '']], !Not [!Equals [!Ref WidgetCertificateArn, '']]]
  HasApiEdge: !Not [!Equals [!Ref ApiWebAclArn, '']]

# With the edge on, the API refuses requests that did not come through the distribution, so the
# regional custom domain (ApiDomainName) would lead nowhere: one or the other, for now.
Rules:
  EdgeOrApiDomain:
    RuleCondition: !Not [!Equals [!Ref ApiWebAclArn, '']]
    Assertions:
      - Assert: !Equals [!Ref ApiDomainName, '']
        AssertDescription: ApiDomainName cannot be combined with ApiWebAclArn (the API answers only through the edge distribution, which has no custom domain yet); use EdgeApiUrl.

Globals:
  Function:
    Runtime: provided.al2023
    Architectures: [arm64]
    Handler: bootstrap
    MemorySize: 256
    Timeout: 10
    Tracing: !Ref EnableTracing
    Environment:
      Variables:
        TABLE_NAME: !Ref Table
        # Secrets are named, never inlined: the functions read them once per cold start.
        JWT_SECRET_ID: !Ref JwtSecret
        FRONTEND_URL: !Ref FrontendUrl
        # The API's public base URL (the webhook URL the dashboard shows): the edge distribution
        # if any, else the custom domain if any.
        BACKEND_URL: !If
          - HasApiEdge
          - !Sub "https://${ApiEdgeDistribution.DomainName}"
          - !If [HasApiDomain, !Sub "https://${ApiDomainName}", !Sub "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"]
        # With the edge on: the value CloudFront sends in X-Origin-Verify (read at cold start);
        # a request without it went around the WAF and is refused.
        ORIGIN_VERIFY_SECRET_ID: !If [HasApiEdge, !Ref OriginVerifySecret, !Ref AWS::NoValue]
        INBOUND_QUEUE_URL: !Ref InboundQueue
        MEDIA_BUCKET: !Ref MediaBucket
        TENANT_SECRET_PREFIX: !Sub "svontai/${Stage}/tenants/"
        LLM_BASE_URL: !Ref LlmBaseUrl
        # META_APP_SECRET_ID and LLM_API_KEY_SECRET_ID are set only on the functions that may
        # read those secrets: every function that has one reads it at cold start.
        GRAPH_API_BASE: !Ref GraphApiBase
        MONTHLY_WIDGET_QUOTA: !Ref MonthlyWidgetQuota
        MONTHLY_WHATSAPP_QUOTA: !Ref MonthlyWhatsappQuota
        CONVERSATION_DAILY_ANSWERS: !Ref ConversationDailyAnswers
        PUBLIC_MESSAGES_PER_MINUTE: !Ref PublicMessagesPerMinute
        WHATSAPP_QUIET_WINDOW_MS: !Ref WhatsappQuietWindowMs
        MAIL_FROM: !If [HasMail, !Ref MailFromAddress, '']
        LLM_MODELS: !Ref LlmModels
        RUST_LOG: info

Resources:
  # The HTTP API. No CorsConfiguration here on purpose: CORS differs per route (the dashboard's
  # origins on private routes, any origin on public and webhook routes) and an API-level setting
  # cannot tell routes apart; it would also answer OPTIONS itself and override the functions'
  # headers. The functions answer CORS (shared/src/cors.rs) and cors-preflight answers
  # OPTIONS /{proxy+}.
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: $default
      Description: !Sub "SvontAi API (${Stage})"
      DefaultRouteSettings:
        ThrottlingRateLimit: !Ref ApiThrottleRate
        ThrottlingBurstLimit: !Ref ApiThrottleBurst
      RouteSettings:
'''

HEADER_AFTER_ROUTES = r'''      AccessLogSettings:
        DestinationArn: !GetAtt ApiAccessLogs.Arn
        Format: '{"requestId":"$context.requestId","requestTime":"$context.requestTime","ip":"$context.identity.sourceIp","method":"$context.httpMethod","path":"$context.path","route":"$context.routeKey","status":"$context.status","responseLength":"$context.responseLength","latencyMs":"$context.responseLatency","integrationStatus":"$context.integrationStatus","integrationLatencyMs":"$context.integrationLatency","integrationError":"$context.integrationErrorMessage","error":"$context.error.message"}'
'''

# Every bucket: encrypted, no public access, no ACLs (RESOURCES names it @PRIVATE_BUCKET@).
PRIVATE_BUCKET = """    Type: AWS::S3::Bucket
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
          - ObjectOwnership: BucketOwnerEnforced"""

RESOURCES = r'''  # Optional custom domain (ApiDomainName + ApiCertificateArn): point a CNAME at the
  # ApiDomainTarget output.
  ApiDomain:
    Type: AWS::ApiGatewayV2::DomainName
    Condition: HasApiDomain
    Properties:
      DomainName: !Ref ApiDomainName
      DomainNameConfigurations:
        - CertificateArn: !Ref ApiCertificateArn
          EndpointType: REGIONAL
          SecurityPolicy: TLS_1_2
  ApiDomainMapping:
    Type: AWS::ApiGatewayV2::ApiMapping
    Condition: HasApiDomain
    Properties:
      ApiId: !Ref HttpApi
      DomainName: !Ref ApiDomain
      Stage: !Ref HttpApi.Stage
  # Optional edge (ApiWebAclArn): AWS WAF cannot be attached to an HTTP API, so a CloudFront
  # distribution in front of it carries the web ACL of deploy/waf.yaml (per-IP limits; the route
  # throttles above stay as the backstop). Nothing is cached (Managed-CachingDisabled); every
  # viewer header but Host goes to the API (Managed-AllViewerExceptHostHeader), and CloudFront
  # adds X-Origin-Verify, whose value only it and the functions know. IPv4 only: per-IP limits
  # mean little when one client holds a whole IPv6 /64.
  OriginVerifySecret:
    Type: AWS::SecretsManager::Secret
    Condition: HasApiEdge
    Properties:
      Name: !Sub "svontai/${Stage}/origin-verify"
      Description: The value CloudFront sends to the API in X-Origin-Verify.
      GenerateSecretString:
        PasswordLength: 48
        ExcludePunctuation: true
  ApiEdgeDistribution:
    Type: AWS::CloudFront::Distribution
    Condition: HasApiEdge
    Properties:
      DistributionConfig:
        Enabled: true
        Comment: !Sub "SvontAi API edge (${Stage})"
        HttpVersion: http2and3
        IPV6Enabled: false
        PriceClass: PriceClass_100
        WebACLId: !Ref ApiWebAclArn
        Origins:
          - Id: api
            DomainName: !Sub "${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
              OriginSSLProtocols: [TLSv1.2]
              # The HTTP API's own limit; the LLM routes answer within 25 s.
              OriginReadTimeout: 30
            # Resolved at deploy time (a new value needs a stack update to reach CloudFront).
            OriginCustomHeaders:
              - HeaderName: X-Origin-Verify
                HeaderValue: !Sub "{{resolve:secretsmanager:${OriginVerifySecret}:SecretString}}"
        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: https-only
          AllowedMethods: [GET, HEAD, OPTIONS, PUT, POST, PATCH, DELETE]
          CachedMethods: [GET, HEAD]
          CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad
          OriginRequestPolicyId: b689b0a8-53d0-40ab-baf2-68738e2966ac
  ApiAccessLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub "/svontai/${Stage}/api-access"
      RetentionInDays: !Ref LogRetentionDays

  # One table, single-table design (docs/data-model.md); the same definition as
  # functions/local/src/resources.rs (a test compares them). The code writes its expiry times to
  # `expires_at` (shared/src/keys.rs), so that is the TTL attribute. Encrypted at rest (AWS owned
  # key). Retained when the stack is deleted.
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
        - AttributeName: GSI2PK
          AttributeType: S
        - AttributeName: GSI2SK
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
        # The team's inbox (open and resolved conversations by last customer message). Add an
        # index in its own deploy: DynamoDB creates one per table update.
        - IndexName: GSI2
          KeySchema:
            - AttributeName: GSI2PK
              KeyType: HASH
            - AttributeName: GSI2SK
              KeyType: RANGE
          Projection:
            ProjectionType: ALL
      TimeToLiveSpecification:
        AttributeName: expires_at
        Enabled: true
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true

  # Inbound WhatsApp messages: FIFO with one message group per conversation, so one customer's
  # messages are answered in order; deduplication by wamid (set by the webhook), not by content.
  # The visibility timeout is 6x the worker's timeout, as AWS advises for Lambda consumers.
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

  # The platform's JWT signing key (access tokens, visitor tokens, cursors), generated here.
  # The LLM key and the platform Meta app secret are optional parameters (ARNs of secrets the
  # operator creates, docs/deploy.md); tenants' Meta tokens are created by the API under
  # svontai/<stage>/tenants/ and only the functions that need them may touch that prefix.
  JwtSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub "svontai/${Stage}/jwt-signing-key"
      Description: HMAC key for access tokens, visitor tokens and cursors.
      GenerateSecretString:
        PasswordLength: 64
        ExcludePunctuation: true

  # Shared with the dashboard's server (its CLIENT_IP_SECRET): it signs the visitor's address
  # in X-Client-Ip, so sign-in limits count people, not the dashboard's server (docs/deploy.md).
  ClientIpSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: !Sub "svontai/${Stage}/client-ip-key"
      Description: HMAC key the dashboard's server signs visitors' addresses with.
      GenerateSecretString:
        PasswordLength: 48
        ExcludePunctuation: true

  # Media customers send on WhatsApp (images, voice notes, documents), under tenants/{tenant_id}/:
  # private, read only through short-lived presigned URLs the dashboard gets with the messages.
  MediaBucket:
@PRIVATE_BUCKET@
  # The widget: a private bucket behind CloudFront (origin access control). Versioned bundles
  # (v/<version>/widget.js) use the default behaviour (CachingOptimized, up to a year, honouring
  # the objects' Cache-Control); the widget.js loader that sites embed is cached for 5 minutes.
  WidgetBucket:
@PRIVATE_BUCKET@
  WidgetBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref WidgetBucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: CloudFrontReadsTheWidget
            Effect: Allow
            Principal:
              Service: cloudfront.amazonaws.com
            Action: s3:GetObject
            Resource: !Sub "${WidgetBucket.Arn}/*"
            Condition:
              StringEquals:
                AWS:SourceArn: !Sub "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${WidgetDistribution}"
          - Sid: TlsOnly
            Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource:
              - !GetAtt WidgetBucket.Arn
              - !Sub "${WidgetBucket.Arn}/*"
            Condition:
              Bool:
                aws:SecureTransport: 'false'
  WidgetOriginAccessControl:
    Type: AWS::CloudFront::OriginAccessControl
    Properties:
      OriginAccessControlConfig:
        Name: !Sub "svontai-${Stage}-widget-${AWS::Region}"
        Description: CloudFront signs its requests to the widget bucket.
        OriginAccessControlOriginType: s3
        SigningBehavior: always
        SigningProtocol: sigv4
  WidgetLoaderCachePolicy:
    Type: AWS::CloudFront::CachePolicy
    Properties:
      CachePolicyConfig:
        Name: !Sub "svontai-${Stage}-widget-loader-${AWS::Region}"
        Comment: The widget.js loader, 5 minutes at the edge.
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
        IPV6Enabled: true
        PriceClass: PriceClass_100
        # Optional custom domain (WidgetDomainName + a us-east-1 WidgetCertificateArn): point a
        # CNAME at the WidgetDistributionDomain output.
        Aliases: !If [HasWidgetDomain, [!Ref WidgetDomainName], !Ref AWS::NoValue]
        ViewerCertificate: !If
          - HasWidgetDomain
          - AcmCertificateArn: !Ref WidgetCertificateArn
            SslSupportMethod: sni-only
            MinimumProtocolVersion: TLSv1.2_2021
          - CloudFrontDefaultCertificate: true
        Origins:
          - Id: widget
            DomainName: !GetAtt WidgetBucket.RegionalDomainName
            OriginAccessControlId: !GetAtt WidgetOriginAccessControl.Id
            S3OriginConfig:
              OriginAccessIdentity: ''
        # v/* and everything else: Managed-CachingOptimized; responses carry the managed
        # CORS-and-SecurityHeadersPolicy (any origin may load the script; nosniff, HSTS).
        DefaultCacheBehavior:
          TargetOriginId: widget
          ViewerProtocolPolicy: redirect-to-https
          AllowedMethods: [GET, HEAD]
          CachedMethods: [GET, HEAD]
          Compress: true
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
          ResponseHeadersPolicyId: e61eb60c-9c35-4d20-a928-2b84e02af89c
        CacheBehaviors:
          - PathPattern: widget.js
            TargetOriginId: widget
            ViewerProtocolPolicy: redirect-to-https
            AllowedMethods: [GET, HEAD]
            CachedMethods: [GET, HEAD]
            Compress: true
            CachePolicyId: !Ref WidgetLoaderCachePolicy
            ResponseHeadersPolicyId: e61eb60c-9c35-4d20-a928-2b84e02af89c

  # Alarms, all to one topic (docs/operations.md says what to do on each).
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
  # 5xx rate: at least 5 server errors and more than 5 % of the requests in 5 minutes.
  Api5xxAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: !Sub "svontai-${Stage}-api-5xx"
      AlarmDescription: The API answers 5xx (docs/operations.md, Alarms and what to do).
      Metrics:
        - Id: errors
          ReturnData: false
          MetricStat:
            Metric:
              Namespace: AWS/ApiGateway
              MetricName: 5xx
              Dimensions:
                - Name: ApiId
                  Value: !Ref HttpApi
            Period: 300
            Stat: Sum
        - Id: requests
          ReturnData: false
          MetricStat:
            Metric:
              Namespace: AWS/ApiGateway
              MetricName: Count
              Dimensions:
                - Name: ApiId
                  Value: !Ref HttpApi
            Period: 300
            Stat: Sum
        - Id: rate
          Label: 5xx rate (%)
          ReturnData: true
          Expression: IF(errors >= 5, 100 * errors / requests, 0)
      EvaluationPeriods: 1
      Threshold: 5
      ComparisonOperator: GreaterThanThreshold
      TreatMissingData: notBreaching
      AlarmActions: [!Ref AlarmTopic]
      OKActions: [!Ref AlarmTopic]
@ALARMS@

  # The functions: one per route (each with its log group), then the reply worker.'''

FOOTER = r'''
Outputs:
  ApiUrl:
    Description: Base URL of the API (the dashboard's NEXT_PUBLIC_API_URL, the widget's data-api); EdgeApiUrl when the edge is on.
    Value: !If
      - HasApiEdge
      - !Sub "https://${ApiEdgeDistribution.DomainName}"
      - !If [HasApiDomain, !Sub "https://${ApiDomainName}", !Sub "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"]
  WebhookUrl:
    Description: Callback URL for Meta's console (WhatsApp > Configuration > Webhook).
    Value: !If
      - HasApiEdge
      - !Sub "https://${ApiEdgeDistribution.DomainName}/whatsapp/webhook"
      - !If [HasApiDomain, !Sub "https://${ApiDomainName}/whatsapp/webhook", !Sub "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/whatsapp/webhook"]
  EdgeApiUrl:
    Condition: HasApiEdge
    Description: The API through CloudFront and AWS WAF (ApiWebAclArn); the only way in once the edge is on.
    Value: !Sub "https://${ApiEdgeDistribution.DomainName}"
  ApiEdgeDistributionId:
    Condition: HasApiEdge
    Description: CloudFront distribution of the API edge.
    Value: !Ref ApiEdgeDistribution
  ExecuteApiUrl:
    Description: The API's own execute-api URL (works with or without a custom domain; once the edge is on, the API refuses requests that bypass it).
    Value: !Sub "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"
  ApiDomainTarget:
    Condition: HasApiDomain
    Description: CNAME target for ApiDomainName.
    Value: !GetAtt ApiDomain.RegionalDomainName
  WidgetUrl:
    Description: The widget loader that websites embed.
    Value: !If [HasWidgetDomain, !Sub "https://${WidgetDomainName}/widget.js", !Sub "https://${WidgetDistribution.DomainName}/widget.js"]
  WidgetBaseUrl:
    Description: Where the widget is served (the dashboard's NEXT_PUBLIC_WIDGET_URL).
    Value: !If [HasWidgetDomain, !Sub "https://${WidgetDomainName}", !Sub "https://${WidgetDistribution.DomainName}"]
  WidgetDistributionDomain:
    Description: The distribution's own domain (CNAME target for WidgetDomainName).
    Value: !GetAtt WidgetDistribution.DomainName
  WidgetBucketName:
    Description: The bucket the widget is published to (docs/deploy.md).
    Value: !Ref WidgetBucket
  WidgetDistributionId:
    Description: CloudFront distribution of the widget (for invalidations and custom domains).
    Value: !Ref WidgetDistribution
  TableName:
    Description: The DynamoDB table.
    Value: !Ref Table
  InboundQueueUrl:
    Description: The FIFO queue of inbound WhatsApp messages.
    Value: !Ref InboundQueue
  InboundDeadLetterQueueUrl:
    Description: Inbound WhatsApp messages that failed 5 times.
    Value: !Ref InboundDeadLetterQueue
  JwtSecretArn:
    Description: The generated JWT signing key.
    Value: !Ref JwtSecret
  ClientIpSecretArn:
    Description: The key the dashboard's server signs visitors' addresses with (copy its value into the dashboard's CLIENT_IP_SECRET).
    Value: !Ref ClientIpSecret
  AlarmTopicArn:
    Description: SNS topic of the alarms (subscribe more endpoints here).
    Value: !Ref AlarmTopic
'''



def metric_alarm(resource, name, description, namespace, metric, dimension, statistic, period):
    """A CloudWatch alarm on one metric going above 0, to the alarm topic (docs/operations.md)."""
    lines = [f"  {resource}:", "    Type: AWS::CloudWatch::Alarm", "    Properties:",
             f'      AlarmName: !Sub "svontai-${{Stage}}-{name}"', f"      AlarmDescription: {description}",
             f"      Namespace: {namespace}", f"      MetricName: {metric}"]
    if dimension:
        lines += ["      Dimensions:", f"        - Name: {dimension[0]}", f"          Value: {dimension[1]}"]
    lines += [f"      Statistic: {statistic}", f"      Period: {period}", "      EvaluationPeriods: 1",
              "      Threshold: 0", "      ComparisonOperator: GreaterThanThreshold",
              "      TreatMissingData: notBreaching", "      AlarmActions: [!Ref AlarmTopic]",
              "      OKActions: [!Ref AlarmTopic]"]
    return "\n".join(lines)


def alarms():
    """The worker's errors, the dead-letter queue and throttling (the 5xx-rate alarm is above)."""
    return "\n".join([
        metric_alarm("WorkerErrorsAlarm", "worker-errors",
                     "The WhatsApp reply worker fails (docs/operations.md, Alarms and what to do).",
                     "AWS/Lambda", "Errors", ("FunctionName", "!Ref WhatsappWorkerFunction"), "Sum", 300),
        metric_alarm("DeadLetterAlarm", "inbound-dlq",
                     "Inbound WhatsApp messages reached the dead-letter queue (docs/operations.md, Redriving "
                     "the dead-letter queue).",
                     "AWS/SQS", "ApproximateNumberOfMessagesVisible",
                     ("QueueName", "!GetAtt InboundDeadLetterQueue.QueueName"), "Maximum", 60),
        "  # Account-wide (the AWS/Lambda Throttles metric without dimensions): deploy each stage in an\n"
        "  # account of its own, or read the per-function metrics to find the throttled one.",
        metric_alarm("ThrottlesAlarm", "lambda-throttles",
                     "Lambda functions are throttled (docs/operations.md, Alarms and what to do).",
                     "AWS/Lambda", "Throttles", None, "Sum", 300),
    ])


def main():
    table = rows()
    if sys.argv[1:] == ["--list-binaries"]:
        # The function binaries, one per line (`make package` builds these).
        sys.stdout.write("".join(f"{r[0]}\n" for r in table))
        return
    if sys.argv[1:] in (["--write-functions"], ["--check-functions"]):
        write_functions(check=sys.argv[1] == "--check-functions")
        return
    if sys.argv[1:] == ["--list-routes"]:
        # name, method, path and kind, tab-separated (`make coldstart` invokes each route).
        sys.stdout.write("".join("\t".join(r[:4]) + "\n" for r in table))
        return
    names = [r[0] for r in table]
    if len(set(names)) != len(names) or WORKER not in names:
        sys.exit("gen_template: function names must be unique and include the worker")
    out = [HEADER.rstrip("\n")]
    for route, (rate, burst) in ROUTE_THROTTLES.items():
        method, path = route.split(" ", 1)
        if not any(r[1] == method and r[2] == path for r in table):
            sys.exit(f"gen_template: throttled route {route} is not in the table")
        out.append(f'        "{route}":')
        out.append(f"          ThrottlingRateLimit: {rate}")
        out.append(f"          ThrottlingBurstLimit: {burst}")
    out.append(HEADER_AFTER_ROUTES.rstrip("\n"))
    definition_body(table, out)
    out.append(RESOURCES.replace("@PRIVATE_BUCKET@", PRIVATE_BUCKET).replace("@ALARMS@", alarms()).rstrip("\n"))
    for row in table:
        function(row, out)
    out.append(FOOTER.rstrip("\n"))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Cold start and footprint of every function (`make coldstart`, after `make package`).

For each function this starts its release `bootstrap` (unzipped from `make package`'s zip) as
Lambda would: with `AWS_LAMBDA_RUNTIME_API` pointing at a small Lambda Runtime API emulator
served here. The emulator hands the process one event and measures

- init: process start to the first `GET …/invocation/next` (config, SDK clients, runtime);
- first answer: process start to the `POST …/response` of that invocation;
- peak RSS: the process's high-water mark (`VmHWM`) right after it answered;
- zip: the size of the deployment zip.

The event is the function's own route (API Gateway HTTP API payload 2.0; an SQS batch for the
worker) shaped to be answered without a network call: no credentials on private routes (401),
an invalid body on public ones (400). The AWS endpoint points at a closed local port and the
region and credentials are set, as on Lambda, so a function that probed the network or the
instance metadata service while starting would show it in these figures.
"""
import argparse
import json
import math
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = pathlib.Path(__file__).resolve().parents[3]
SAMPLE_IDS = {"proxy+": "bots", "bot_id": "01jf1rnj47e65gh2bh8vgs9zm6", "item_id": "01jf1rnj47e65gh2bh8vgs9zm7",
              "conversation_id": "01jfwpq5e6eycndy0yp57rcybv", "lead_id": "01jf1rnj47e65gh2bh8vgs9zm8",
              "gap_id": "01jf1rnj47e65gh2bh8vgs9zm9"}


def routes():
    out = subprocess.run([sys.executable, str(ROOT / "deploy/gen_template.py"), "--list-routes"],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line.strip()]


def http_event(method, path_template, kind):
    params = {}
    path = path_template
    for name, value in SAMPLE_IDS.items():
        if "{" + name + "}" in path:
            path = path.replace("{" + name + "}", value)
            params[name.rstrip("+")] = value
    body = None
    if method in ("POST", "PUT", "PATCH"):
        # Public and auth routes validate the body before any network call; the webhook
        # parses it before looking anything up.
        body = "not json" if path == "/whatsapp/webhook" else "{}"
    headers = {"content-type": "application/json", "origin": "http://localhost:3000",
               "user-agent": "coldstart", "x-forwarded-for": "127.0.0.1"}
    if method == "OPTIONS":
        headers["access-control-request-method"] = "GET"
    return {
        "version": "2.0",
        "routeKey": f"{method} {path_template}",
        "rawPath": path,
        "rawQueryString": "",
        "headers": headers,
        "pathParameters": params or None,
        "requestContext": {
            "accountId": "123456789012", "apiId": "coldstart", "domainName": "localhost",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1",
                     "userAgent": "coldstart"},
            "requestId": "coldstart-1", "routeKey": f"{method} {path_template}", "stage": "$default",
            "time": "24/Nov/2026:10:00:00 +0000", "timeEpoch": 1795975200000,
        },
        "body": body,
        "isBase64Encoded": False,
    }


def worker_event():
    return {"Records": []}


class Emulator:
    """One invocation's worth of the Lambda Runtime API."""

    def __init__(self, event):
        self.event = json.dumps(event).encode()
        self.first_next = None
        self.answered = None
        self.response = None
        self.done = threading.Event()
        emulator = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path.endswith("/invocation/next"):
                    if emulator.first_next is None:
                        emulator.first_next = time.perf_counter()
                    else:
                        # A second `next` after answering: park it until the process is killed.
                        emulator.done.wait(30)
                        return
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Lambda-Runtime-Aws-Request-Id", "coldstart-1")
                    self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 30000))
                    self.send_header("Lambda-Runtime-Invoked-Function-Arn",
                                     "arn:aws:lambda:eu-central-1:123456789012:function:coldstart")
                    self.send_header("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793")
                    self.send_header("Content-Length", str(len(emulator.event)))
                    self.end_headers()
                    self.wfile.write(emulator.event)
                else:
                    self.send_error(404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                payload = self.rfile.read(length)
                if "/response" in self.path or "/error" in self.path:
                    emulator.answered = time.perf_counter()
                    emulator.response = ("error: " if "/error" in self.path else "") + payload.decode(errors="replace")
                    emulator.done.set()
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def address(self):
        return f"127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.done.set()
        self.server.shutdown()
        self.server.server_close()


def peak_rss_mb(pid):
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return float("nan")


def measure(name, event, zip_path, workdir):
    target = workdir / name
    target.mkdir()
    with zipfile.ZipFile(zip_path) as z:
        z.extract("bootstrap", target)
    binary = target / "bootstrap"
    binary.chmod(0o755)
    emulator = Emulator(event)
    env = {
        "PATH": "/usr/bin:/bin",
        "AWS_LAMBDA_RUNTIME_API": emulator.address,
        "AWS_LAMBDA_FUNCTION_NAME": f"svontai-dev-{name}",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/svontai-dev-{name}",
        "AWS_LAMBDA_LOG_STREAM_NAME": "coldstart",
        "AWS_REGION": "eu-central-1",
        "AWS_DEFAULT_REGION": "eu-central-1",
        "AWS_ACCESS_KEY_ID": "coldstart",
        "AWS_SECRET_ACCESS_KEY": "coldstart",
        "AWS_SESSION_TOKEN": "coldstart",
        # A closed port: any AWS call fails at once instead of reaching anything.
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "TABLE_NAME": "svontai-dev",
        "JWT_SECRET": "c" * 48,
        "META_APP_SECRET": "m" * 32,
        "INBOUND_QUEUE_URL": "http://127.0.0.1:9/123456789012/svontai-dev-inbound.fifo",
        "TENANT_SECRET_PREFIX": "svontai/dev/tenants/",
        "FRONTEND_URL": "http://localhost:3000",
        "BACKEND_URL": "http://localhost:8000",
        "RUST_LOG": "warn",
    }
    start = time.perf_counter()
    proc = subprocess.Popen([str(binary)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if not emulator.done.wait(20):
            raise RuntimeError(f"{name}: no answer within 20 s: {proc.stderr.read1(4000).decode(errors='replace') if proc.poll() is not None else ''}")
        rss = peak_rss_mb(proc.pid)
    finally:
        proc.kill()
        proc.wait()
        emulator.close()
    response = emulator.response or ""
    try:
        status = json.loads(response).get("statusCode", "ok")
    except (ValueError, AttributeError):
        status = response[:40]
    return {
        "function": name,
        "init_ms": (emulator.first_next - start) * 1000,
        "first_answer_ms": (emulator.answered - start) * 1000,
        "peak_rss_mb": rss,
        "zip_mb": zip_path.stat().st_size / 2**20,
        "status": status,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lambda-dir", default=None, help="where make package put the zips")
    parser.add_argument("--runs", type=int, default=9, help="cold starts per function (the median is reported)")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("functions", nargs="*", help="only these functions")
    args = parser.parse_args()
    lambda_dir = pathlib.Path(args.lambda_dir) if args.lambda_dir else next(
        (p for p in (ROOT / "target/lambda-arm64", ROOT / "target/lambda-x86_64") if p.exists() and
         os.uname().machine in (("aarch64",) if p.name.endswith("arm64") else ("x86_64",))), None)
    if lambda_dir is None:
        sys.exit("no zips for this machine's architecture: run make package first")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, method, path, _kind in routes():
            if args.functions and name not in args.functions:
                continue
            zip_path = lambda_dir / name / "bootstrap.zip"
            if not zip_path.exists():
                print(f"skipped {name}: {zip_path} is missing", file=sys.stderr)
                continue
            if name == "whatsapp-worker":
                event = worker_event()
            elif name in ("appointment-reminder", "team-notifier"):
                # Not a Due: refused at once, before any AWS call (the harness has no network).
                event = {"cold": "start"}
            else:
                event = http_event(method, path, _kind)
            runs = []
            for i in range(args.runs):
                workdir = pathlib.Path(tmp) / f"run{i}"
                workdir.mkdir(exist_ok=True)
                for _attempt in range(3):
                    run = measure(name, event, zip_path, workdir)
                    shutil.rmtree(workdir / name)
                    # No reading when the process was gone before /proc could be read; again.
                    if not math.isnan(run["peak_rss_mb"]):
                        break
                runs.append(run)
            runs.sort(key=lambda r: r["first_answer_ms"])
            rows.append(runs[len(runs) // 2])
    if not rows:
        sys.exit("nothing measured")
    print(f"{'function':<30} {'status':>6} {'init':>9} {'1st answer':>11} {'peak RSS':>9} {'zip':>8}")
    for r in rows:
        print(f"{r['function']:<30} {str(r['status']):>6} {r['init_ms']:7.1f}ms {r['first_answer_ms']:9.1f}ms "
              f"{r['peak_rss_mb']:7.1f}MB {r['zip_mb']:6.2f}MB")
    worst = {k: max(r[k] for r in rows) for k in ("first_answer_ms", "peak_rss_mb", "zip_mb")}
    print(f"worst: first answer {worst['first_answer_ms']:.1f} ms (target 15), peak RSS "
          f"{worst['peak_rss_mb']:.1f} MB (target 25), zip {worst['zip_mb']:.2f} MB (target 6), "
          f"{len(rows)} functions, median of {args.runs} runs each, on {lambda_dir.name}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The load run behind `make load` (started by load.sh, which brings up the stack).

1. WhatsApp: signed Cloud API notifications to the webhook at a steady rate for the given
   time, from many customers, with a share of exact re-deliveries (Meta's retries). Then, once
   the workers are idle: every unique message stored exactly once, every stored reply sent
   exactly once, no 5xx, nothing in the dead-letter queue.
2. Widget: concurrent visitors, each in a loop of `public/chat/send` (send, wait for the bot's
   answer, send again) for the given time.

Reported: throughput, p50/p99 latency, and the share of request time spent in AWS calls
(moto) according to the gateway's own counters (`/_local/aws-calls`).
"""
import argparse
import collections
import hashlib
import hmac
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3

PHONE_NUMBER_ID = "100000000000001"
QUESTIONS = [
    "Cumartesi açık mısınız?", "İmplant fiyatlarınız nedir?", "Kliniğin adresi ne?",
    "Kredi kartına taksit var mı", "Randevu almak istiyorum", "What are your opening hours?",
    "Kanal tedavisi çok ağrılı mı", "Otopark var mı?",
]


def answer_send(handler, body):
    """Meta's answer to a `/messages` send: a fresh outbound wamid."""
    out = json.dumps({"messaging_product": "whatsapp", "contacts": [{"wa_id": body.get("to", "")}],
                      "messages": [{"id": f"wamid.OUT{random.getrandbits(64):x}"}],
                      "success": True}).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(out)))
    handler.end_headers()
    handler.wfile.write(out)


class Graph:
    """Stands in for Meta's Graph API: accepts sends, records them."""

    def __init__(self, port):
        self.sends = []
        self.lock = threading.Lock()
        graph = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                if body.get("type") in ("text", "interactive"):
                    with graph.lock:
                        graph.sends.append(body)
                answer_send(self, body)

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


class Api:
    def __init__(self, base):
        u = urllib.parse.urlparse(base)
        self.host, self.port = u.hostname, u.port
        self.local = threading.local()

    def call(self, method, path, body=None, headers=None, source=None):
        key = source or "default"
        conns = getattr(self.local, "conns", None)
        if conns is None:
            conns = self.local.conns = {}
        conn = conns.get(key)
        if conn is None:
            conn = conns[key] = http.client.HTTPConnection(
                self.host, self.port, timeout=60, source_address=(source, 0) if source else None)
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        start = time.perf_counter()
        try:
            conn.request(method, path, body=data, headers=headers or {})
            resp = conn.getresponse()
            payload = resp.read()
        except (http.client.HTTPException, OSError):
            conns.pop(key, None)
            raise
        return resp.status, payload, time.perf_counter() - start

    def aws(self):
        return json.loads(self.call("GET", "/_local/aws-calls")[1])


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def text_payload(customer, wamid, text):
    return json.dumps({
        "object": "whatsapp_business_account",
        "entry": [{"id": "200000000000001", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "905550000001", "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": f"Müşteri {customer}"}, "wa_id": customer}],
            "messages": [{"from": customer, "id": wamid, "timestamp": str(int(time.time())),
                          "type": "text", "text": {"body": text}}],
        }}]}],
    }).encode()


def whatsapp_phase(api, graph, args, secret, sqs, queue_url, dlq_url):
    customers = [f"90532{n:07d}" for n in range(args.customers)]
    sent_payloads = []
    results = []  # (status, seconds, duplicate)
    lock = threading.Lock()
    unique = 0

    def deliver(payload, duplicate):
        sig = "sha256=" + hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()
        try:
            status, _, secs = api.call("POST", "/whatsapp/webhook", payload,
                                       {"content-type": "application/json", "x-hub-signature-256": sig})
        except OSError:
            status, secs = 599, 0.0
        with lock:
            results.append((status, secs, duplicate))

    aws_before = api.aws()
    start = time.perf_counter()
    interval = 1.0 / args.rate
    n = 0
    with ThreadPoolExecutor(max_workers=32) as pool:
        while time.perf_counter() - start < args.seconds:
            due = start + n * interval
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            if sent_payloads and random.random() < args.duplicates:
                pool.submit(deliver, random.choice(sent_payloads), True)
            else:
                customer = customers[n % len(customers)]
                payload = text_payload(customer, f"wamid.LOAD{n:08d}", QUESTIONS[n % len(QUESTIONS)])
                sent_payloads.append(payload)
                unique += 1
                pool.submit(deliver, payload, False)
            n += 1
    elapsed = time.perf_counter() - start
    aws_after = api.aws()

    # Wait for the workers to finish: the queue empty and no new sends for a while.
    deadline = time.time() + 300
    last = -1
    backlog = None
    while time.time() < deadline:
        attrs = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=[
            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
        backlog = int(attrs["ApproximateNumberOfMessages"]) + int(attrs["ApproximateNumberOfMessagesNotVisible"])
        if backlog == 0 and len(graph.sends) == last:
            break
        last = len(graph.sends)
        time.sleep(2)
    drained_after = time.perf_counter() - start
    dlq = int(sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["ApproximateNumberOfMessages"])
              ["Attributes"]["ApproximateNumberOfMessages"])
    return {"backlog": backlog, "requests": len(results), "unique": unique, "duplicates": len(results) - unique,
            "elapsed": elapsed, "drained_after": drained_after, "results": results, "dlq": dlq,
            "aws_ms": aws_after["ms"] - aws_before["ms"], "aws_calls": aws_after["total"] - aws_before["total"]}


def check_store(table, unique, graph=None):
    """Counts customer and bot messages in the table (one scan; the run's table is its own)."""
    dynamo = boto3.client("dynamodb")
    user, bot_sent, bot_total, wamids = 0, 0, 0, collections.Counter()
    by_conversation = collections.defaultdict(list)
    customer_of = {}
    for page in dynamo.get_paginator("scan").paginate(TableName=table):
        for item in page["Items"]:
            kind = item.get("type", {}).get("S")
            if kind == "conversation":
                customer_of[item["id"]["S"]] = item.get("external_user_id", {}).get("S")
            if kind != "message":
                continue
            by_conversation[item["conversation_id"]["S"]].append(
                (item.get("created_at", {}).get("S"), item.get("sender", {}).get("S"),
                 item.get("delivery_status", {}).get("S"), item.get("content", {}).get("S", "")[:50]))
            sender = item.get("sender", {}).get("S")
            if sender == "user" and item.get("wamid", {}).get("S", "").startswith("wamid.LOAD"):
                user += 1
                wamids[item["wamid"]["S"]] += 1
            elif sender == "bot":
                bot_total += 1
                if item.get("delivery_status", {}).get("S") in ("sent", "delivered", "read"):
                    bot_sent += 1
    if graph is not None:
        # Where sends and stored replies disagree, show those conversations.
        sent_to = collections.Counter(m.get("to") for m in graph.sends)
        for cid, messages in by_conversation.items():
            customer = customer_of.get(cid)
            bots = sum(1 for m in messages if m[1] == "bot")
            if customer and sent_to.get(customer, 0) != bots:
                print(f"  mismatch for {customer}: {sent_to.get(customer, 0)} sends, {bots} stored replies")
                for m in sorted(messages):
                    print(f"    {m}")
                for m in graph.sends:
                    if m.get("to") == customer:
                        print(f"    sent: {m.get('text', {}).get('body', '')[:50]!r}")
    return {"user_messages": user, "distinct_wamids": len(wamids),
            "stored_twice": sum(1 for c in wamids.values() if c > 1), "bot_replies": bot_total,
            "bot_replies_sent": bot_sent}


def widget_phase(api, args, bot_key):
    results = []
    lock = threading.Lock()
    aws_before = api.aws()
    start = time.perf_counter()

    def visitor(i):
        source = f"127.0.{1 + i // 250}.{1 + i % 250}"
        headers = {"content-type": "application/json", "origin": "http://localhost:8000"}
        status, body, _ = api.call("POST", "/public/chat/init", {"bot_public_key": bot_key}, headers, source)
        if status != 200:
            with lock:
                results.append((status, 0.0))
            return
        session = json.loads(body)
        auth = dict(headers, authorization=f"Bearer {session['visitor_token']}")
        k = i
        while time.perf_counter() - start < args.seconds:
            message = {"conversation_id": session["conversation_id"], "message": QUESTIONS[k % len(QUESTIONS)]}
            try:
                status, _, secs = api.call("POST", "/public/chat/send", message, auth, source)
            except OSError:
                status, secs = 599, 0.0
            with lock:
                results.append((status, secs))
            k += 1

    with ThreadPoolExecutor(max_workers=args.visitors) as pool:
        list(pool.map(visitor, range(args.visitors)))
    elapsed = time.perf_counter() - start
    aws_after = api.aws()
    return {"results": results, "elapsed": elapsed, "aws_ms": aws_after["ms"] - aws_before["ms"],
            "aws_calls": aws_after["total"] - aws_before["total"]}


def latency_line(name, results, elapsed, aws_ms):
    ok = [s for st, s, *_ in results if 200 <= st < 300]
    statuses = collections.Counter(st for st, *_ in results)
    total_ms = sum(s for _, s, *_ in results) * 1000
    share = aws_ms / total_ms * 100 if total_ms else float("nan")
    print(f"{name}: {len(results)} requests in {elapsed:.1f} s = {len(results) / elapsed:.1f}/s; "
          f"p50 {percentile(ok, 50) * 1000:.1f} ms, p99 {percentile(ok, 99) * 1000:.1f} ms; "
          f"statuses {dict(sorted(statuses.items()))}; time in AWS calls (moto) {share:.0f} % of request time")
    return statuses


def moto_internal_errors():
    try:
        return open("target/load/moto.log", errors="replace").read().count("Error on request")
    except FileNotFoundError:
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--api", required=True)
    parser.add_argument("--graph-port", type=int, required=True)
    parser.add_argument("--demo", required=True)
    parser.add_argument("--profile", default="release")
    parser.add_argument("--seconds", type=float, default=60)
    # moto's DynamoDB copies the whole table on every transaction, so its cost grows with the
    # table: these defaults are what it sustains on 2 cores (docs/performance.md has a run at
    # 20/s and 50 visitors, and what happened to moto).
    parser.add_argument("--rate", type=float, default=4, help="webhook deliveries per second")
    parser.add_argument("--duplicates", type=float, default=0.2, help="share of re-deliveries")
    parser.add_argument("--customers", type=int, default=400)
    parser.add_argument("--visitors", type=int, default=10)
    args = parser.parse_args()

    demo = json.load(open(args.demo))
    graph = Graph(args.graph_port)
    api = Api(args.api)
    sqs = boto3.client("sqs")
    queue_url = os.environ["INBOUND_QUEUE_URL"]
    name = queue_url.rsplit("/", 1)[1]
    dlq_url = queue_url.rsplit("/", 1)[0] + "/" + name.removesuffix(".fifo") + "-dlq.fifo"

    print(f"load run ({args.profile} build; moto; a worker with 4 pollers), {args.seconds:.0f} s per phase")
    wa = whatsapp_phase(api, graph, args, os.environ["META_APP_SECRET"], sqs, queue_url, dlq_url)
    statuses = latency_line("webhook", wa["results"], wa["elapsed"], wa["aws_ms"])
    store = check_store(os.environ["TABLE_NAME"], wa["unique"], graph)
    sends = len(graph.sends)
    print(f"  {wa['unique']} unique messages + {wa['duplicates']} re-deliveries; workers idle "
          f"{wa['drained_after'] - wa['elapsed']:.1f} s after the last delivery")
    print(f"  stored: {store['user_messages']} customer messages ({store['distinct_wamids']} distinct, "
          f"{store['stored_twice']} stored twice); {store['bot_replies']} bot replies, "
          f"{store['bot_replies_sent']} marked sent; Graph API sends: {sends}; dead-letter queue: {wa['dlq']}")
    failures = []
    if wa["backlog"]:
        failures.append(f"the workers did not drain the queue within 300 s ({wa['backlog']} left)")
    if any(s >= 500 for s in statuses):
        failures.append("5xx from the webhook")
    if store["user_messages"] != wa["unique"] or store["stored_twice"]:
        failures.append("customer messages not stored exactly once")
    if sends != store["bot_replies"] or store["bot_replies_sent"] != store["bot_replies"]:
        failures.append("bot replies not sent exactly once")
    if wa["dlq"]:
        failures.append("messages in the dead-letter queue")

    web = widget_phase(api, args, demo["bot_public_key"])
    statuses = latency_line(f"public/chat/send, {args.visitors} visitors", web["results"], web["elapsed"],
                            web["aws_ms"])
    if any(s >= 500 for s in statuses):
        failures.append("5xx from public/chat/send")
    moto_errors = moto_internal_errors()
    if moto_errors:
        print(f"  moto answered {moto_errors} requests with an internal error (its own thread-safety: "
              "'dictionary changed size during iteration' in concurrent transactions); the code retries them")
    if failures:
        print("FAILED: " + "; ".join(failures))
        sys.exit(1)
    print("ok: no 5xx, every message stored once, every reply sent once, dead-letter queue empty")


if __name__ == "__main__":
    main()

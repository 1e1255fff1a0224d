#!/usr/bin/env python3
"""Measures moto's memory, latency and thread safety under the app's DynamoDB and SQS patterns.

    .venv/bin/python functions/local/moto/measure.py           # moto started by our launcher
    .venv/bin/python functions/local/moto/measure.py --plain   # stock .venv/bin/moto_server

Starts its own moto on a free loopback port, then (RSS read from /proc/PID/status):
  1. the app's table (PK/SK, GSI1 on GSI1PK/GSI1SK, all projected, TTL) and a FIFO queue;
  2. a 2,000-item knowledge base (1-3 KB items) in one bot partition, by BatchWriteItem;
  3. 80 TransactWriteItems (conditional Put of a message + Update ADD of a counter);
  4. 80 PutItems with a condition expression;
  5. queries: a page of 20 on the table and on GSI1, and the whole knowledge base
     (every page, as `knowledge::all` does for each assistant reply);
  6. 8 threads of mixed transactions/puts/queries for --seconds, counting HTTP 5xx answers
     and the RuntimeErrors moto logs, while a producer and 3 long-polling consumers pass
     messages through a FIFO queue (each must be delivered exactly once);
  7. SQS: 4 concurrent ReceiveMessage long polls (WaitTimeSeconds=2) must overlap, a
     DynamoDB call made meanwhile must not wait for them, and a message sent meanwhile must
     be delivered exactly once;
  8. POST /moto-api/reset must empty the backends.
Retries are off, so every 5xx is seen. Exits 1 if a 5xx or a check failed.
"""

import argparse
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

HERE = Path(__file__).resolve().parent
TABLE = "measure"
BOT_PK = "T#t1#B#b1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in MB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) // 1024
    return out


def start_moto(plain: bool, port: int, log_path: str) -> subprocess.Popen:
    if plain:
        cmd = [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)]
    else:
        cmd = [sys.executable, str(HERE / "server.py"), "-H", "127.0.0.1", "-p", str(port)]
    log = open(log_path, "wb")
    # Without MAILBOX_PORT: its mailbox page would want the port a running `make dev` holds.
    env = {k: v for k, v in os.environ.items() if k != "MAILBOX_PORT"}
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=1).read()
            return proc
        except OSError:
            if proc.poll() is not None:
                sys.exit(f"moto exited at startup:\n{Path(log_path).read_text()[-3000:]}")
            time.sleep(0.1)
    proc.kill()
    sys.exit("moto did not answer")


def clients(endpoint: str):
    session = boto3.session.Session(
        aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    config = Config(retries={"total_max_attempts": 1}, max_pool_connections=32, read_timeout=120)
    return (
        session.client("dynamodb", endpoint_url=endpoint, config=config),
        session.client("sqs", endpoint_url=endpoint, config=config),
    )


def text(rng: random.Random, size: int) -> str:
    words = ["opening", "hours", "price", "delivery", "refund", "warranty", "colour", "size", "order", "store"]
    out = []
    while sum(len(w) + 1 for w in out) < size:
        out.append(rng.choice(words))
    return " ".join(out)[:size]


def create_resources(ddb, sqs) -> str:
    ddb.create_table(
        TableName=TABLE,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"} for a in ("PK", "SK", "GSI1PK", "GSI1SK")],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "GSI1",
                "KeySchema": [
                    {"AttributeName": "GSI1PK", "KeyType": "HASH"},
                    {"AttributeName": "GSI1SK", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    )
    ddb.update_time_to_live(
        TableName=TABLE, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"}
    )
    return sqs.create_queue(
        QueueName="measure.fifo",
        Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "false", "VisibilityTimeout": "360"},
    )["QueueUrl"]


def knowledge_item(rng: random.Random, n: int) -> dict:
    return {
        "PK": {"S": BOT_PK},
        "SK": {"S": f"KB#{n:06d}"},
        "type": {"S": "knowledge"},
        "question": {"S": text(rng, 80)},
        "answer": {"S": text(rng, rng.randint(1000, 3000))},
        "created_at": {"S": "2025-01-01T00:00:00Z"},
    }


def transact(ddb, rng: random.Random, n: int) -> None:
    conv = f"T#t1#C#c{n % 50}"
    ddb.transact_write_items(
        TransactItems=[
            {
                "Put": {
                    "TableName": TABLE,
                    "Item": {
                        "PK": {"S": conv},
                        "SK": {"S": f"MSG#{n:08d}#{rng.random()}"},
                        "GSI1PK": {"S": "T#t1#B#b1#CONVS"},
                        "GSI1SK": {"S": f"{n:08d}#{conv}"},
                        "text": {"S": text(rng, rng.randint(200, 1500))},
                    },
                    "ConditionExpression": "attribute_not_exists(PK)",
                }
            },
            {
                "Update": {
                    "TableName": TABLE,
                    "Key": {"PK": {"S": "T#t1"}, "SK": {"S": "STATS"}},
                    "UpdateExpression": "ADD messages :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            },
        ]
    )


def put(ddb, rng: random.Random, n: int) -> None:
    ddb.put_item(
        TableName=TABLE,
        Item={
            "PK": {"S": f"RL#login#u{n}"},
            "SK": {"S": f"W#{n}#{rng.random()}"},
            "count": {"N": "1"},
            "blob": {"S": text(rng, rng.randint(200, 1500))},
        },
        ConditionExpression="attribute_not_exists(PK)",
    )


def query_table(ddb) -> int:
    return len(
        ddb.query(
            TableName=TABLE,
            KeyConditionExpression="PK = :pk",
            ExpressionAttributeValues={":pk": {"S": "T#t1#C#c1"}},
            ScanIndexForward=False,
            Limit=20,
        )["Items"]
    )


def query_gsi(ddb) -> int:
    return len(
        ddb.query(
            TableName=TABLE,
            IndexName="GSI1",
            KeyConditionExpression="GSI1PK = :pk",
            ExpressionAttributeValues={":pk": {"S": "T#t1#B#b1#CONVS"}},
            ScanIndexForward=False,
            Limit=20,
        )["Items"]
    )


def query_knowledge(ddb) -> int:
    """Every page of the bot's knowledge, like `knowledge::all`."""
    count, start = 0, None
    while True:
        kwargs = {"ExclusiveStartKey": start} if start else {}
        out = ddb.query(
            TableName=TABLE,
            KeyConditionExpression="PK = :pk AND begins_with(SK, :kb)",
            ExpressionAttributeValues={":pk": {"S": BOT_PK}, ":kb": {"S": "KB#"}},
            **kwargs,
        )
        count += len(out["Items"])
        start = out.get("LastEvaluatedKey")
        if not start:
            return count


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - t0) * 1000


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} ms, max {max(values):.1f} ms"


def status_of(exc: Exception) -> int:
    if isinstance(exc, ClientError):
        return exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
    return 0


def hammer(endpoint: str, threads: int, seconds: float) -> dict:
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    tally = {"ok": 0, "5xx": 0, "other_errors": 0, "latencies": []}
    samples: list[str] = []

    def worker(index: int) -> None:
        ddb, _ = clients(endpoint)
        rng = random.Random(index)
        n = 1_000_000 * (index + 1)
        while time.monotonic() < stop:
            n += 1
            op = rng.choices([transact, put, query_table, query_gsi], weights=[4, 3, 2, 1])[0]
            t0 = time.perf_counter()
            try:
                op(ddb, rng, n) if op in (transact, put) else op(ddb)
                key = "ok"
            except Exception as exc:  # noqa: BLE001 (counted, the sample shown)
                key = "5xx" if status_of(exc) >= 500 else "other_errors"
                with lock:
                    if len(samples) < 3:
                        samples.append(f"{type(exc).__name__}: {str(exc)[:200]}")
            with lock:
                tally[key] += 1
                tally["latencies"].append((time.perf_counter() - t0) * 1000)

    # Meanwhile the worker's pattern on its own FIFO queue: a producer, three long-polling
    # consumers that delete what they receive. Each message must arrive exactly once.
    _, sqs = clients(endpoint)
    queue_url = sqs.create_queue(
        QueueName="hammer.fifo", Attributes={"FifoQueue": "true", "VisibilityTimeout": "360"}
    )["QueueUrl"]
    sent: list[str] = []
    received: list[str] = []

    def sqs_call(fn, **kwargs):
        try:
            return fn(**kwargs)
        except Exception as exc:  # noqa: BLE001
            with lock:
                tally["5xx" if status_of(exc) >= 500 else "other_errors"] += 1
                if len(samples) < 3:
                    samples.append(f"SQS {type(exc).__name__}: {str(exc)[:200]}")
            return None

    def producer() -> None:
        _, own = clients(endpoint)
        n = 0
        while time.monotonic() < stop:
            n += 1
            body = f"m{n}"
            if sqs_call(own.send_message, QueueUrl=queue_url, MessageBody=body,
                        MessageGroupId=f"g{n % 7}", MessageDeduplicationId=body):
                sent.append(body)
            time.sleep(0.05)

    def consumer() -> None:
        _, own = clients(endpoint)
        idle = 0
        while time.monotonic() < stop or idle < 2:
            out = sqs_call(own.receive_message, QueueUrl=queue_url, WaitTimeSeconds=2, MaxNumberOfMessages=5)
            messages = (out or {}).get("Messages", [])
            idle = 0 if messages else idle + 1
            for message in messages:
                with lock:
                    received.append(message["Body"])
                sqs_call(own.delete_message, QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    pool += [threading.Thread(target=producer)] + [threading.Thread(target=consumer) for _ in range(3)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    tally["samples"] = samples
    tally["sqs"] = {
        "sent": len(sent),
        "received": len(received),
        "duplicates": len(received) - len(set(received)),
        "lost": len(set(sent) - set(received)),
    }
    return tally


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sqs_checks(endpoint: str, queue_url: str, pid: int) -> dict:
    ddb, sqs = clients(endpoint)
    results: list[tuple[float, int]] = []
    lock = threading.Lock()

    def poll() -> None:
        _, own = clients(endpoint)
        t0 = time.perf_counter()
        out = own.receive_message(QueueUrl=queue_url, WaitTimeSeconds=2, MaxNumberOfMessages=1)
        with lock:
            results.append((time.perf_counter() - t0, len(out.get("Messages", []))))

    t0 = time.perf_counter()
    pollers = [threading.Thread(target=poll) for _ in range(4)]
    for t in pollers:
        t.start()
    time.sleep(0.3)
    ddb_during = timed(lambda: ddb.get_item(TableName=TABLE, Key={"PK": {"S": "T#t1"}, "SK": {"S": "STATS"}}))
    sqs.send_message(QueueUrl=queue_url, MessageBody="hello", MessageGroupId="g", MessageDeduplicationId="d1")
    for t in pollers:
        t.join()
    wall = time.perf_counter() - t0
    received = sum(n for _, n in results)

    # A second message of the group whose first one is in flight: visible, but not deliverable.
    sqs.send_message(QueueUrl=queue_url, MessageBody="again", MessageGroupId="g", MessageDeduplicationId="d2")
    cpu = cpu_seconds(pid)
    blocked = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=2).get("Messages", [])
    cpu = cpu_seconds(pid) - cpu
    return {
        "four_2s_polls_wall_s": round(wall, 2),
        "dynamodb_call_during_polls_ms": round(ddb_during, 1),
        "message_deliveries": received,
        "cpu_s_of_a_2s_poll_on_a_busy_group": round(cpu, 2),
        "ok": wall < 5 and ddb_during < 1000 and received == 1 and not blocked,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plain", action="store_true", help="stock moto_server instead of the launcher")
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--ops", type=int, default=80, help="transactions, then puts")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    port = free_port()
    fd, log_path = tempfile.mkstemp(prefix="moto-measure-", suffix=".log")
    os.close(fd)
    proc = start_moto(args.plain, port, log_path)
    endpoint = f"http://127.0.0.1:{port}"
    figures: dict = {"server": "stock moto_server" if args.plain else "launcher", "rss_mb": {}}
    failed = False

    def rss(label: str) -> None:
        status = proc_status(proc.pid)
        figures["rss_mb"][label] = status["VmRSS"]
        print(f"  RSS {status['VmRSS']:>6} MB  (peak {status['VmHWM']:>6} MB)  {label}", flush=True)

    try:
        print(f"{figures['server']} on {endpoint}, pid {proc.pid}, log {log_path}")
        ddb, sqs = clients(endpoint)
        rss("started")
        queue_url = create_resources(ddb, sqs)
        rng = random.Random(1)

        t0 = time.perf_counter()
        items = [knowledge_item(rng, n) for n in range(args.items)]
        for i in range(0, len(items), 25):
            batch = [{"PutRequest": {"Item": it}} for it in items[i : i + 25]]
            ddb.batch_write_item(RequestItems={TABLE: batch})
        figures["load_s"] = round(time.perf_counter() - t0, 2)
        print(f"  loaded {args.items} items in {figures['load_s']} s")
        rss(f"after loading {args.items} items")

        tx_ms: list[float] = []
        for n in range(args.ops):
            tx_ms.append(timed(transact, ddb, rng, n))
            if (n + 1) % 20 == 0:
                rss(f"after {n + 1} transactions")
        figures["transaction_ms"] = round(statistics.median(tx_ms), 1)
        print(f"  TransactWriteItems: {ms(tx_ms)}")

        put_ms: list[float] = []
        for n in range(args.ops):
            put_ms.append(timed(put, ddb, rng, n))
            if (n + 1) % 20 == 0:
                rss(f"after {n + 1} puts")
        figures["put_ms"] = round(statistics.median(put_ms), 1)
        print(f"  PutItem: {ms(put_ms)}")

        for name, fn, repeat in (("query_table_ms", query_table, 20), ("query_gsi_ms", query_gsi, 20),
                                 ("query_all_knowledge_ms", query_knowledge, 10)):
            values = [timed(fn, ddb) for _ in range(repeat)]
            figures[name] = round(statistics.median(values), 1)
            print(f"  {name[:-3]} x{repeat}: {ms(values)}")
        assert query_knowledge(ddb) == args.items, "the knowledge query lost items"
        rss("after the queries")

        tally = hammer(endpoint, args.threads, args.seconds)
        log_text = Path(log_path).read_text(errors="replace")
        runtime_errors = len(re.findall(r"RuntimeError", log_text))
        figures["hammer"] = {
            "threads": args.threads,
            "seconds": args.seconds,
            "requests": tally["ok"] + tally["5xx"] + tally["other_errors"],
            "5xx": tally["5xx"],
            "other_errors": tally["other_errors"],
            "runtime_errors_in_log": runtime_errors,
            "median_ms": round(statistics.median(tally["latencies"]), 1),
            "sqs_meanwhile": tally["sqs"],
        }
        print(f"  {args.threads} threads x {args.seconds:.0f} s: {json.dumps(figures['hammer'])}")
        for sample in tally["samples"]:
            print(f"    e.g. {sample}")
        failed |= tally["5xx"] > 0 or tally["other_errors"] > 0
        failed |= tally["sqs"]["duplicates"] > 0 or tally["sqs"]["lost"] > 0
        rss("after the concurrent phase")
        figures["peak_rss_mb"] = proc_status(proc.pid)["VmHWM"]

        figures["sqs"] = sqs_checks(endpoint, queue_url, proc.pid)
        print(f"  SQS: {json.dumps(figures['sqs'])}")
        failed |= not figures["sqs"]["ok"]

        request = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")
        reset_status = urllib.request.urlopen(request, timeout=30).status
        tables_left = ddb.list_tables()["TableNames"]
        figures["reset_ok"] = reset_status == 200 and not tables_left
        print(f"  POST /moto-api/reset: {reset_status}, tables left {tables_left}")
        failed |= not figures["reset_ok"]
        rss("after reset")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    print("FAILED" if failed else "OK")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

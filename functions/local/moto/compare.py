#!/usr/bin/env python3
"""Checks that the launcher's patches change no DynamoDB answer: the same random sequence of
puts, conditional puts, updates, deletes, transactions (some cancelled, some invalid), gets,
queries (table and GSI, paginated, filtered, projected, both directions) and scans runs
against stock moto_server and against the launcher, and every answer must be identical.

    .venv/bin/python functions/local/moto/compare.py [--ops 1500] [--seed 7]
"""

import argparse
import os
import random
import sys
import tempfile

from botocore.exceptions import ClientError

import measure

TABLES = {"main": ("PK", "SK"), "flat": ("PK", None)}


def create(ddb) -> None:
    for name, (hash_key, range_key) in TABLES.items():
        keys = [{"AttributeName": hash_key, "KeyType": "HASH"}]
        attrs = [{"AttributeName": hash_key, "AttributeType": "S"}]
        if range_key:
            keys.append({"AttributeName": range_key, "KeyType": "RANGE"})
            attrs.append({"AttributeName": range_key, "AttributeType": "S"})
        extra = {}
        if name == "main":
            attrs += [{"AttributeName": a, "AttributeType": "S"} for a in ("GSI1PK", "GSI1SK")]
            extra["GlobalSecondaryIndexes"] = [
                {
                    "IndexName": "GSI1",
                    "KeySchema": [
                        {"AttributeName": "GSI1PK", "KeyType": "HASH"},
                        {"AttributeName": "GSI1SK", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ]
        ddb.create_table(
            TableName=name, BillingMode="PAY_PER_REQUEST", KeySchema=keys, AttributeDefinitions=attrs, **extra
        )


class Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def key(self, table: str) -> dict:
        r = self.rng
        out = {"PK": {"S": f"P{r.randint(0, 4)}"}}
        if TABLES[table][1]:
            out["SK"] = {"S": f"S#{r.randint(0, 40):03d}"}
        return out

    def value(self, depth: int = 0) -> dict:
        r = self.rng
        kinds = ["S", "N", "B", "SS", "NS", "BS", "BOOL", "NULL"] + (["M", "L"] if depth < 2 else [])
        kind = r.choice(kinds)
        if kind == "S":
            return {"S": "x" * r.randint(0, 30)}
        if kind == "N":
            return {"N": str(r.randint(-1000, 1000))}
        if kind == "B":
            return {"B": bytes(r.randrange(256) for _ in range(r.randint(1, 8)))}
        if kind == "SS":
            return {"SS": sorted({f"s{r.randint(0, 9)}" for _ in range(3)})}
        if kind == "NS":
            return {"NS": sorted({str(r.randint(0, 9)) for _ in range(3)})}
        if kind == "BS":
            return {"BS": sorted({bytes([r.randrange(256)]) for _ in range(3)})}
        if kind == "BOOL":
            return {"BOOL": r.random() < 0.5}
        if kind == "NULL":
            return {"NULL": True}
        if kind == "M":
            return {"M": {f"m{i}": self.value(depth + 1) for i in range(r.randint(0, 3))}}
        return {"L": [self.value(depth + 1) for _ in range(r.randint(0, 3))]}

    def item(self, table: str) -> dict:
        r = self.rng
        item = self.key(table)
        item["n"] = {"N": str(r.randint(0, 5))}
        for i in range(r.randint(0, 4)):
            item[f"a{i}"] = self.value()
        if table == "main" and r.random() < 0.6:
            item["GSI1PK"] = {"S": f"G{r.randint(0, 2)}"}
            item["GSI1SK"] = {"S": f"{r.randint(0, 99):02d}"}
        return item

    def condition(self) -> dict:
        return self.rng.choice(
            [
                {},
                {"ConditionExpression": "attribute_not_exists(PK)"},
                {"ConditionExpression": "attribute_exists(PK)"},
                {"ConditionExpression": "n < :n", "ExpressionAttributeValues": {":n": {"N": "3"}}},
            ]
        )

    def update(self) -> dict:
        return self.rng.choice(
            [
                {"UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}},
                {"UpdateExpression": "SET a0 = :v", "ExpressionAttributeValues": {":v": self.value()}},
                {"UpdateExpression": "REMOVE a1"},
                {
                    "UpdateExpression": "SET n = if_not_exists(n, :z) + :one",
                    "ExpressionAttributeValues": {":z": {"N": "0"}, ":one": {"N": "1"}},
                },
            ]
        )

    def transaction(self) -> list:
        r = self.rng
        ops = []
        for _ in range(r.randint(1, 4)):
            table = r.choice(list(TABLES))
            kind = r.choice(["Put", "Update", "Delete", "ConditionCheck"])
            cond = self.condition()
            if kind == "Put":
                ops.append({"Put": {"TableName": table, "Item": self.item(table), **cond}})
            elif kind == "Update":
                update = self.update()
                values = {**update.get("ExpressionAttributeValues", {}), **cond.get("ExpressionAttributeValues", {})}
                op = {"TableName": table, "Key": self.key(table), "UpdateExpression": update["UpdateExpression"]}
                if "ConditionExpression" in cond:
                    op["ConditionExpression"] = cond["ConditionExpression"]
                if values:
                    op["ExpressionAttributeValues"] = values
                ops.append({"Update": op})
            elif kind == "Delete":
                ops.append({"Delete": {"TableName": table, "Key": self.key(table), **cond}})
            elif cond:
                ops.append({"ConditionCheck": {"TableName": table, "Key": self.key(table), **cond}})
        return ops

    def query(self) -> dict:
        r = self.rng
        if r.random() < 0.3:
            q = {
                "TableName": "main",
                "IndexName": "GSI1",
                "KeyConditionExpression": "GSI1PK = :p",
                "ExpressionAttributeValues": {":p": {"S": f"G{r.randint(0, 2)}"}},
            }
        else:
            table = r.choice(["main", "main", "flat"])
            q = {
                "TableName": table,
                "KeyConditionExpression": "PK = :p",
                "ExpressionAttributeValues": {":p": {"S": f"P{r.randint(0, 5)}"}},
            }
            if table == "main" and r.random() < 0.5:
                q["KeyConditionExpression"] += r.choice([" AND begins_with(SK, :s)", " AND SK > :s", " AND SK <= :s"])
                q["ExpressionAttributeValues"][":s"] = {"S": f"S#0{r.randint(0, 4)}"}
        if r.random() < 0.5:
            q["Limit"] = r.randint(1, 12)
        if r.random() < 0.5:
            q["ScanIndexForward"] = False
        if r.random() < 0.3:
            q["FilterExpression"] = "n >= :f"
            q["ExpressionAttributeValues"][":f"] = {"N": "2"}
        if r.random() < 0.2:
            q["ProjectionExpression"] = "PK, n, a0"
        return q


def sets_sorted(value):
    """DynamoDB sets have no order (moto's follows each process's string hash seed)."""
    if isinstance(value, dict):
        return {k: sorted(v) if k in ("SS", "NS", "BS") and isinstance(v, list) else sets_sorted(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [sets_sorted(v) for v in value]
    return value


def strip(response: dict) -> dict:
    response.pop("ResponseMetadata", None)
    response.pop("ConsumedCapacity", None)
    return sets_sorted(response)


def call(ddb, method: str, **kwargs):
    try:
        return ("ok", strip(getattr(ddb, method)(**kwargs)))
    except ClientError as err:
        status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        reasons = sets_sorted(err.response.get("CancellationReasons"))
        return ("error", status, err.response["Error"].get("Code"), err.response["Error"].get("Message"), reasons)


def all_pages(ddb, query: dict) -> list:
    pages, start = [], None
    for _ in range(200):
        kwargs = dict(query, ExclusiveStartKey=start) if start else query
        answer = call(ddb, "query", **kwargs)
        pages.append(answer)
        if answer[0] != "ok" or not answer[1].get("LastEvaluatedKey"):
            break
        start = answer[1]["LastEvaluatedKey"]
    return pages


def run(ddb, ops: int, seed: int) -> list:
    gen = Gen(seed)
    answers = []
    for _ in range(ops):
        r = gen.rng.random()
        table = gen.rng.choice(list(TABLES))
        if r < 0.25:
            answers.append(call(ddb, "put_item", TableName=table, Item=gen.item(table), **gen.condition()))
        elif r < 0.35:
            update, cond = gen.update(), gen.condition()
            values = {**update.get("ExpressionAttributeValues", {}), **cond.get("ExpressionAttributeValues", {})}
            kwargs = {"TableName": table, "Key": gen.key(table), "UpdateExpression": update["UpdateExpression"],
                      "ReturnValues": "ALL_NEW"}
            if "ConditionExpression" in cond:
                kwargs["ConditionExpression"] = cond["ConditionExpression"]
            if values:
                kwargs["ExpressionAttributeValues"] = values
            answers.append(call(ddb, "update_item", **kwargs))
        elif r < 0.40:
            answers.append(call(ddb, "delete_item", TableName=table, Key=gen.key(table), ReturnValues="ALL_OLD"))
        elif r < 0.60:
            items = gen.transaction()
            if items:
                answers.append(call(ddb, "transact_write_items", TransactItems=items))
        elif r < 0.68:
            answers.append(call(ddb, "get_item", TableName=table, Key=gen.key(table)))
        else:
            answers.append(all_pages(ddb, gen.query()))
    for table in TABLES:
        answers.append(call(ddb, "scan", TableName=table))
    return answers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ops", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    results = {}
    for plain in (True, False):
        port = measure.free_port()
        fd, log = tempfile.mkstemp(prefix="moto-compare-", suffix=".log")
        os.close(fd)
        proc = measure.start_moto(plain, port, log)
        try:
            ddb, _ = measure.clients(f"http://127.0.0.1:{port}")
            create(ddb)
            results[plain] = run(ddb, args.ops, args.seed)
        finally:
            proc.terminate()
            proc.wait(10)
    stock, patched = results[True], results[False]
    differences = [i for i, (a, b) in enumerate(zip(stock, patched)) if a != b]
    kinds: dict = {}
    for answer in stock:
        first = answer[0] if isinstance(answer, list) else answer  # a query: its first page
        kind = first[:3] if first[0] == "error" else ("ok",)
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"{len(stock)} answers compared; outcomes in stock moto: {kinds}")
    for i in differences[:5]:
        print(f"DIFFERENT answer #{i}:\n  stock:    {stock[i]}\n  launcher: {patched[i]}")
    print("FAILED" if differences else "identical")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())

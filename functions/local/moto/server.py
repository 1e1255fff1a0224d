#!/usr/bin/env python3
"""moto_server, with the runtime patches local development needs (docs/local-moto.md).

Same command line as `moto_server` (`-H host -p port`, ...), started with the project venv's
python: `.venv/bin/python functions/local/moto/server.py -H 127.0.0.1 -p 4566`.

moto is pinned (tests/requirements.txt) because these patches reach into its internals: on any
other version the launcher refuses to start rather than silently run without them.

1. Instance tracking keeps every model object ever created (moto.core.common_models.BaseModel
   .__new__ appends each one to a per-class `instances_tracked` list, for the /moto-api/
   dashboard). Every DynamoDB Item copy (transactions, query results) and every SQS message
   copy therefore lived until a reset: the unbounded memory growth. The lists become weak.
2. DynamoDB TransactWriteItems deep-copied the whole table once per transaction item, as its
   rollback snapshot (DynamoDBBackend.transact_write_items): with 2,000 items, tens of ms and
   ~2.4 MB per copy (each kept forever by 1), and the copy crashed ("dictionary changed size
   during iteration", an HTML 500) when another thread wrote meanwhile. The snapshot now holds
   only the items the transaction touches.
3. moto_server runs each request on its own thread, and moto's backends are not thread-safe.
   Requests are serialised by one lock per family (SQS, everything else). An SQS long poll
   gives its lock back while it waits, so pollers stay concurrent; and it waits at 50 Hz
   instead of spinning at 100 % CPU while its FIFO group is in flight.
4. DynamoDB responses went through moto's generic botocore-shape serializer, attribute value
   by attribute value (~75 % of a Query's time). Attribute values are written directly.
5. A table Query sorted the whole table to keep one partition (Table.query, Table.all_items);
   it now reads only the partition.
7. A FIFO group whose messages all became visible again was handed out one message per
   receive, and a long poll that began while a group was in flight could hand out that
   group's next message (SQSBackend.receive_message keeps the in-flight groups it saw when the
   poll began); receives now see the queue as it is, as on SQS.
6. MALLOC_ARENA_MAX=2 (below).
8. Mailbox (functions/local/moto/local_mailbox.py): every e-mail moto accepts through SESv2 SendEmail
   is kept with both its bodies (moto keeps only the HTML one) and served as JSON on this port
   (GET / DELETE /_mailbox/messages, answered before moto and its locks see the request), and,
   when MAILBOX_PORT is set, as an HTML page on 127.0.0.1:$MAILBOX_PORT.
"""

import copy
import importlib.metadata
import inspect
import json
import os
import sys
import threading
import time
import weakref

# glibc adds malloc arenas (up to 8 per core) as threads allocate at the same time, and
# moto_server runs a thread per connection; with two, freed memory is reused rather than spread
# over arenas (measured: a few MB less, docs/local-moto.md). glibc reads this at process start,
# hence the re-exec (same PID, so the PID moto.sh prints stays right).
if __name__ == "__main__" and "MALLOC_ARENA_MAX" not in os.environ:
    os.environ["MALLOC_ARENA_MAX"] = "2"
    os.execv(sys.executable, [sys.executable, *sys.argv])

# The moto version these patches were written and measured against (functions/local/moto/
# measure.py). Upgrading moto: re-read the patched functions, re-measure, then change this.
PATCHED_FOR = "5.2.5"


def fail(message: str) -> None:
    print(f"functions/local/moto/server.py: {message}", file=sys.stderr)
    sys.exit(2)


def require(condition: bool, what: str) -> None:
    if not condition:
        fail(f"moto {PATCHED_FOR} no longer looks as expected ({what}); see docs/local-moto.md")


try:
    installed = importlib.metadata.version("moto")
except importlib.metadata.PackageNotFoundError:
    installed = None
if installed != PATCHED_FOR:
    fail(
        f"moto {installed} is installed but the runtime patches were written for moto {PATCHED_FOR}"
        " (pinned in tests/requirements.txt). Run `make venv`, or re-check the patches and "
        "PATCHED_FOR against the new version (docs/local-moto.md)."
    )

from moto import server as moto_server  # noqa: E402
from moto.core.common_models import BaseModel  # noqa: E402
from moto.core.serialize import BaseJSONSerializer  # noqa: E402
from moto.dynamodb.models import DynamoDBBackend  # noqa: E402
from moto.dynamodb.models.dynamo_type import DynamoType  # noqa: E402
from moto.dynamodb.models.table import Table  # noqa: E402
from moto.sesv2.responses import SESV2Response  # noqa: E402
from moto.sqs.models import Queue, SQSBackend  # noqa: E402

import local_mailbox as mailbox  # noqa: E402  (functions/local/moto/local_mailbox.py, next to this file; see 8)


# 1. Weak instance tracking ------------------------------------------------------------------


class WeakInstances:
    """Stands in for a model class's `instances_tracked` list: remembers instances without
    keeping them alive. Iterating yields the live ones (the dashboard and S3's reset do)."""

    __slots__ = ("_refs",)

    def __init__(self, instances=()):
        self._refs: dict[int, object] = {}
        for instance in instances:
            self.append(instance)

    def append(self, instance: object) -> None:
        key = id(instance)
        refs = self._refs

        def forget(ref, key=key):
            if refs.get(key) is ref:
                refs.pop(key, None)

        try:
            self._refs[key] = weakref.ref(instance, forget)
        except TypeError:  # not weak-referenceable: kept, as moto would
            self._refs[key] = lambda instance=instance: instance

    def __iter__(self):
        for ref in list(self._refs.values()):
            instance = ref()
            if instance is not None:
                yield instance

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def clear(self) -> None:
        self._refs.clear()


require("instances_tracked.append" in inspect.getsource(BaseModel.__new__), "BaseModel.__new__")
_tracking_new = BaseModel.__new__


def _weakly_tracked_new(cls, *args, **kwargs):
    # The metaclass gives each model class a plain list, and a /moto-api/reset puts plain
    # lists back (moto.core.model_instances.reset_model_data): swap in a weak one first.
    tracked = cls.__dict__.get("instances_tracked")
    if not isinstance(tracked, WeakInstances):
        cls.instances_tracked = WeakInstances(tracked or ())
    return _tracking_new(cls, *args, **kwargs)


BaseModel.__new__ = staticmethod(_weakly_tracked_new)


# 2. Per-item rollback snapshot in TransactWriteItems ----------------------------------------

require(
    "copy.deepcopy(" in inspect.getsource(DynamoDBBackend.transact_write_items)
    and "__deepcopy__" not in Table.__dict__,
    "DynamoDBBackend.transact_write_items snapshots whole tables with copy.deepcopy",
)
_transaction = threading.local()


def _table_deepcopy(self, memo):
    if getattr(_transaction, "active", False):
        # The whole-table snapshot transact_write_items takes: the per-item one below replaces it.
        return self
    # Anything else (backups, restores) copies the table as copy.deepcopy always did.
    return copy._reconstruct(self, memo, *self.__reduce_ex__(4))


def _snapshot(backend, transact_items):
    """(table, hash key, range key, deep copy of the item or None) for each item written."""
    saved = []
    for entry in transact_items:
        try:
            kind, op = next(iter(entry.items()))
            table = backend.get_table(op["TableName"])
            key = op["Item"] if kind == "Put" else op["Key"]
            hash_key = DynamoType(key[table.hash_key_attr])
            if table.range_key_attr:
                range_key = DynamoType(key[table.range_key_attr])
                current = table.items.get(hash_key, {}).get(range_key)
            else:
                range_key = None
                current = table.items.get(hash_key)
        except Exception:  # noqa: BLE001 - malformed: moto rejects it before writing anything
            continue
        # A copy: an Update changes the stored Item in place.
        saved.append((table, hash_key, range_key, copy.deepcopy(current)))
    return saved


def _restore(saved):
    for table, hash_key, range_key, item in reversed(saved):
        if range_key is None:
            if item is None:
                table.items.pop(hash_key, None)
            else:
                table.items[hash_key] = item
        elif item is None:
            partition = table.items.get(hash_key)
            if partition is not None:
                partition.pop(range_key, None)
                if not partition:
                    table.items.pop(hash_key, None)
        else:
            table.items[hash_key][range_key] = item


_transact_write_items = DynamoDBBackend.transact_write_items


def _transact_write_items_item_snapshot(self, transact_items):
    saved = _snapshot(self, transact_items)
    _transaction.active = True
    try:
        return _transact_write_items(self, transact_items)
    except BaseException:
        # moto "rolled back" by putting back the tables it snapshotted, which are now the live
        # tables themselves: undo the writes from the per-item snapshot instead.
        _restore(saved)
        raise
    finally:
        _transaction.active = False


Table.__deepcopy__ = _table_deepcopy
DynamoDBBackend.transact_write_items = _transact_write_items_item_snapshot


# 3. Serialised requests; SQS long polls wait without their lock -----------------------------

BACKEND_LOCK = threading.Lock()  # every service but SQS, and /moto-api/
SQS_LOCK = threading.Lock()
_held = threading.local()  # the lock this request thread holds


def lock_for(environ) -> list:
    if environ.get("PATH_INFO", "").startswith("/moto-api"):
        return [BACKEND_LOCK, SQS_LOCK]  # reset and dashboard touch every backend
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith("AmazonSQS."):
        return [SQS_LOCK]
    # Query-protocol SQS: the credential scope ".../<region>/sqs/aws4_request".
    if "/sqs/aws4_request" in environ.get("HTTP_AUTHORIZATION", ""):
        return [SQS_LOCK]
    return [BACKEND_LOCK]


class SerialisedDispatcher(moto_server.DomainDispatcherApplication):
    def __call__(self, environ, start_response):
        if mailbox.handles(environ):  # 8: has its own lock, and moto would not know the path
            return mailbox.wsgi(environ, start_response)
        locks = lock_for(environ)
        for lock in locks:
            lock.acquire()
        _held.lock = locks[-1]
        try:
            response = super().__call__(environ, start_response)
            # The body is produced under the lock too (a response iterable may read the model).
            try:
                body = b"".join(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
        finally:
            _held.lock = None
            for lock in reversed(locks):
                lock.release()
        return [body]


require(
    "self._messages_lock.wait_for" in inspect.getsource(Queue.wait_for_messages),
    "sqs Queue.wait_for_messages",
)
_wait_for_messages = Queue.wait_for_messages


def _wait_for_messages_unlocked(self, timeout):
    lock = getattr(_held, "lock", None)
    if lock is None:
        return _wait_for_messages(self, timeout)
    lock.release()
    try:
        started = time.monotonic()
        _wait_for_messages(self, timeout)
        if time.monotonic() - started < 0.005:
            # Returned at once: a visible message exists that receive_message cannot deliver
            # (its FIFO group is in flight). moto would spin on it at 100 % CPU until the poll
            # ends; poll at 50 Hz instead.
            time.sleep(0.02)
    finally:
        lock.acquire()


Queue.wait_for_messages = _wait_for_messages_unlocked
moto_server.DomainDispatcherApplication = SerialisedDispatcher


# 4. DynamoDB attribute values serialised directly -------------------------------------------

_DYNAMODB = {"dynamodb", "dynamodbstreams"}
_PLAIN = {"S": str, "N": str, "BOOL": bool, "NULL": bool}
_PLAIN_SETS = {"SS", "NS"}


def _wire(serializer, value):
    """The JSON form of one attribute value (moto's {type: value}, bytes for binaries), or
    None when it is not a shape written here (moto's serializer then handles it)."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((kind, inner),) = value.items()
    if kind in _PLAIN:
        return value if isinstance(inner, _PLAIN[kind]) else None
    if kind in _PLAIN_SETS:
        return value if isinstance(inner, list) and all(isinstance(v, str) for v in inner) else None
    if kind == "B":
        return {"B": serializer._base64(inner)} if isinstance(inner, (bytes, str)) else None
    if kind == "BS":
        if not isinstance(inner, list) or not all(isinstance(v, (bytes, str)) for v in inner):
            return None
        return {"BS": [serializer._base64(v) for v in inner]}
    if kind == "M" and isinstance(inner, dict):
        out = {}
        for name, member in inner.items():
            out[name] = _wire(serializer, member)
            if out[name] is None:
                return None
        return {"M": out}
    if kind == "L" and isinstance(inner, list):
        out_list = [_wire(serializer, member) for member in inner]
        return None if any(v is None for v in out_list) else {"L": out_list}
    return None


require(
    hasattr(BaseJSONSerializer, "_serialize_type_structure") and hasattr(BaseJSONSerializer, "_base64"),
    "moto.core.serialize.BaseJSONSerializer",
)
_serialize_type_structure = BaseJSONSerializer._serialize_type_structure


def _serialize_type_structure_fast(self, serialized, value, shape, key):
    if shape.name == "AttributeValue" and key and self.operation_model.service_model.service_name in _DYNAMODB:
        wire = _wire(self, value)
        if wire is not None:
            self._default_serialize(serialized, wire, shape, key)
            return
    _serialize_type_structure(self, serialized, value, shape, key)


BaseJSONSerializer._serialize_type_structure = _serialize_type_structure_fast


# 5. A table Query reads its partition, not the whole table ---------------------------------

_query_signature = inspect.signature(Table.query)
require(
    {"hash_key", "index_name"} <= set(_query_signature.parameters)
    and "self.all_items()" in inspect.getsource(Table.query),
    "Table.query filters Table.all_items()",
)
_table_query = Table.query
_all_items = Table.all_items
_partition = threading.local()


def _query_one_partition(self, *args, **kwargs):
    arguments = _query_signature.bind(self, *args, **kwargs).arguments
    hash_key = arguments.get("hash_key")
    if arguments.get("index_name") is None and hash_key is not None and self.range_key_attr:
        # Table.query sorted every item of the table (Table.all_items) to then keep those
        # whose hash key matches, and sorts those again by range key: hand it the partition.
        _partition.key = hash_key
    try:
        return _table_query(self, *args, **kwargs)
    finally:
        _partition.key = None


def _all_items_of_partition(self):
    hash_key = getattr(_partition, "key", None)
    if hash_key is None:
        return _all_items(self)
    return list(self.items.get(hash_key, {}).values())


Table.query = _query_one_partition
Table.all_items = _all_items_of_partition


# 6. A FIFO group's redelivered messages come back together, in order --------------------------
# SQSBackend.receive_message drops a visible-again message from the in-flight set only when its
# loop reaches it, and then recomputes the in-flight groups, which by then hold the message it
# has just handed out: so of a group whose messages all came back (a visibility timeout ended,
# or a consumer set it), one message was delivered per receive. SQS hands out a group's
# messages in order, up to the batch size. Messages whose visibility ended are no longer in
# flight: they leave the set before the receive looks at the groups.

require(
    "currently_pending_groups = deepcopy(queue.pending_message_groups)"
    in inspect.getsource(SQSBackend.receive_message),
    "SQSBackend.receive_message computes the in-flight groups first",
)
_receive_message = SQSBackend.receive_message


_receive_signature = inspect.signature(_receive_message)
require(
    {"queue_name", "count", "wait_seconds_timeout"} <= set(_receive_signature.parameters),
    "SQSBackend.receive_message(queue_name, count, wait_seconds_timeout, ...)",
)


def _receive_message_with_expired_released(self, *args, **kwargs):
    """A receive that sees the queue as it is now: messages whose visibility ended leave the
    in-flight set first, and a long poll is a series of short receives (each computing the
    in-flight groups afresh) with waits between them. moto's own long poll keeps the in-flight
    groups it saw when the poll began, so a poller already waiting handed out a group's next
    message while the first was still in flight (two pollers on one customer)."""
    arguments = _receive_signature.bind(self, *args, **kwargs).arguments
    queue = self.get_queue(arguments["queue_name"])
    deadline = time.monotonic() + int(arguments.get("wait_seconds_timeout") or 0)
    while True:
        for message in [m for m in queue.pending_messages if m.visible]:
            queue.pending_messages.discard(message)
        arguments["wait_seconds_timeout"] = 0
        received = _receive_message(**arguments)
        left = deadline - time.monotonic()
        if received or left <= 0:
            return received
        queue.wait_for_messages(min(left, 1.0))


SQSBackend.receive_message = _receive_message_with_expired_released


# 8. Mailbox ----------------------------------------------------------------------------------
# The responses method, not the backend's: SESV2Response.send_email passes the backend only the
# HTML body when a message has both, and never the Reply-To addresses.

require(
    'json.dumps({"MessageId": message.id})' in inspect.getsource(SESV2Response.send_email)
    and 'body = content_body["Html"]["Data"]' in inspect.getsource(SESV2Response.send_email),
    "SESV2Response.send_email keeps the Html body and answers {MessageId}",
)
_send_email = SESV2Response.send_email


def _send_email_recorded(self):
    answer = _send_email(self)  # raises when moto refuses the message: nothing is recorded
    try:
        mailbox.record(json.loads(self.body), json.loads(answer)["MessageId"])
    except Exception as err:  # noqa: BLE001 - the mail was sent: the mailbox must not fail it
        print(f"functions/local/moto/local_mailbox.py: a sent e-mail was not recorded: {err!r}", file=sys.stderr)
    return answer


SESV2Response.send_email = _send_email_recorded


if __name__ == "__main__":
    if os.environ.get("MAILBOX_PORT"):
        port = os.environ["MAILBOX_PORT"]
        try:
            mailbox.serve(int(port))
        except (OSError, ValueError) as err:
            fail(f"cannot serve the mailbox page on 127.0.0.1:{port} ({err}); set MAILBOX_PORT to a free port")
    moto_server.main()

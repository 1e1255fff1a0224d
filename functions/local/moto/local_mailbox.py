"""The local mailbox (patch 8 of server.py, docs/local-moto.md): every e-mail moto accepted
through SESv2 SendEmail, kept in memory (the newest KEEP), readable as JSON on moto's own port
(`/_mailbox/messages`) and, with MAILBOX_PORT set, as a small HTML site for people.

moto keeps only one body of a message (the HTML one when there are both), so server.py hands
`record` the request itself once moto's send_email has accepted it.

Subjects and bodies come from whoever can make the app send mail (a sign-up form's name, say):
everything shown on the HTML pages is escaped, and a message's HTML body is shown in an iframe
sandboxed without scripts.

Loaded by server.py (named so as not to shadow the standard library's `mailbox`).
"""

import base64
import collections
import datetime
import email
import email.policy
import html
import json
import re
import threading
import urllib.parse
from email.utils import getaddresses, parseaddr
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEEP = 500
TITLE = "SvontAi — yerel posta kutusu (local mailbox)"

_lock = threading.Lock()  # the HTML site's threads read while moto's request threads write
_messages: collections.deque = collections.deque(maxlen=KEEP)


# The store -----------------------------------------------------------------------------------


def _raw_parts(data: bytes) -> tuple[dict, str, str]:
    """Headers, text and html of a Raw (MIME) message."""
    # From bytes: parsed from a str, 8bit UTF-8 parts come out as U+FFFD.
    message = email.message_from_bytes(data, policy=email.policy.default)
    headers = {name: str(message.get(name, "")) for name in ("From", "To", "Reply-To", "Subject")}
    bodies = []
    for kind in ("plain", "html"):
        part = message.get_body(preferencelist=(kind,))
        bodies.append(part.get_content() if part is not None else "")
    return headers, bodies[0], bodies[1]


def record(request: dict, message_id: str) -> None:
    """Keeps one SESv2 SendEmail request (its JSON body) that moto accepted."""
    destination = request.get("Destination") or {}
    content = request.get("Content") or {}
    entry = {
        "id": message_id,
        "from": request.get("FromEmailAddress", ""),
        "to": list(destination.get("ToAddresses") or []),
        "reply_to": list(request.get("ReplyToAddresses") or []),
    }
    if "Simple" in content:
        simple = content["Simple"]
        body = simple.get("Body") or {}
        entry["subject"] = (simple.get("Subject") or {}).get("Data", "")
        entry["text"] = (body.get("Text") or {}).get("Data", "")
        entry["html"] = (body.get("Html") or {}).get("Data", "")
    else:  # Raw (moto decoded it already: the base64 is valid)
        headers, entry["text"], entry["html"] = _raw_parts(base64.b64decode(content["Raw"]["Data"]))
        entry["from"] = entry["from"] or headers["From"]
        entry["to"] = entry["to"] or [a for _, a in getaddresses([headers["To"]]) if a]
        entry["reply_to"] = entry["reply_to"] or [a for _, a in getaddresses([headers["Reply-To"]]) if a]
        entry["subject"] = headers["Subject"]
    entry["sent_at"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
    with _lock:
        _messages.append(entry)


def _address(value: str) -> str:
    return parseaddr(value)[1].lower() or value.strip().lower()


def messages(to: str | None = None) -> list[dict]:
    """Oldest first; `to`: only those with that recipient (case-insensitive, "Name <a@b>" too)."""
    with _lock:
        kept = list(_messages)
    if to:
        wanted = _address(to)
        kept = [m for m in kept if any(_address(a) == wanted for a in m["to"])]
    return kept


def find(message_id: str) -> dict | None:
    with _lock:
        return next((m for m in _messages if m["id"] == message_id), None)


def clear() -> None:
    with _lock:
        _messages.clear()


# The JSON API, on moto's port ----------------------------------------------------------------


def handles(environ) -> bool:
    path = environ.get("PATH_INFO", "")
    return path == "/_mailbox" or path.startswith("/_mailbox/")


def _json(start_response, status: str, value) -> list[bytes]:
    body = json.dumps(value, ensure_ascii=False).encode()
    start_response(status, [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


def wsgi(environ, start_response) -> list[bytes]:
    """GET /_mailbox/messages[?to=address], DELETE /_mailbox/messages; anything else: 404."""
    method = environ.get("REQUEST_METHOD", "GET")
    if environ.get("PATH_INFO") == "/_mailbox/messages":
        if method == "GET":
            to = urllib.parse.parse_qs(environ.get("QUERY_STRING", "")).get("to", [None])[0]
            return _json(start_response, "200 OK", {"messages": messages(to)})
        if method == "DELETE":
            clear()
            start_response("204 No Content", [])
            return []
    error = f"no such mailbox endpoint: {method} {environ.get('PATH_INFO')}"
    return _json(start_response, "404 Not Found", {"error": error})


# The HTML site (MAILBOX_PORT) ----------------------------------------------------------------

CSS = """
body{font:15px/1.45 system-ui,sans-serif;color:#1f2330;background:#f5f6fa;margin:0}
main{max-width:960px;margin:0 auto;padding:20px}
h1{font-size:19px;margin:0 0 14px}h1 a{color:inherit;text-decoration:none}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #dde0ea}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid #eceef4;vertical-align:top}
th{font-size:13px;color:#667;background:#fafbfd}
td.time{white-space:nowrap;color:#667;font-variant-numeric:tabular-nums}
a{color:#4338ca}.muted{color:#778}.card{background:#fff;border:1px solid #dde0ea;padding:12px 14px;margin-bottom:14px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:0}dt{color:#667}dd{margin:0;word-break:break-all}
iframe{width:100%;height:480px;border:1px solid #dde0ea;background:#fff}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #dde0ea;padding:12px;margin:0}
h2{font-size:14px;color:#667;margin:18px 0 6px}
"""

# The mail's own links open in a new, unsandboxed tab (allow-popups-to-escape-sandbox): followed
# inside the iframe, a dashboard link would load the dashboard without scripts.
SANDBOX = "allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
_DOCTYPE = re.compile(r"\A\s*<!doctype[^>]*>", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"']+")


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _when(entry: dict) -> str:
    return entry["sent_at"][:19].replace("T", " ") + " UTC"


def _page(title: str, body: str, refresh: bool = False) -> str:
    meta = '<meta http-equiv="refresh" content="5">' if refresh else ""
    return (
        f'<!doctype html><html lang="tr"><head><meta charset="utf-8">{meta}'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{_e(title)}</title>'
        f'<style>{CSS}</style></head><body><main><h1><a href="/">{_e(TITLE)}</a></h1>{body}</main></body></html>'
    )


def _linked(text: str) -> str:
    """Escaped text whose http(s) URLs are links (closing punctuation stays outside)."""
    out, at = [], 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;:!?)]}")
        out.append(_e(text[at : match.start()]))
        out.append(f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{_e(url)}</a>')
        at = match.start() + len(url)
    out.append(_e(text[at:]))
    return "".join(out)


def list_page() -> str:
    rows = "".join(
        f'<tr><td class="time">{_e(_when(m))}</td><td>{_e(", ".join(m["to"]))}</td>'
        f'<td><a href="/m/{_e(urllib.parse.quote(m["id"], safe=""))}">'
        f'{_e(m["subject"] or "(no subject)")}</a></td></tr>'
        for m in reversed(messages())
    )
    if not rows:
        rows = '<tr><td colspan="3" class="muted">Henüz e-posta yok (no mail yet).</td></tr>'
    return _page(
        TITLE,
        f"<table><tr><th>Time</th><th>To</th><th>Subject</th></tr>{rows}</table>"
        '<p class="muted">The mail the app sent through SES to the local moto server, newest first '
        f"(the last {KEEP}; this page refreshes itself). JSON: <code>GET /_mailbox/messages</code> "
        "on moto's port.</p>",
        refresh=True,
    )


def message_page(entry: dict) -> str:
    headers = [("From", entry["from"]), ("To", ", ".join(entry["to"]))]
    if entry["reply_to"]:
        headers.append(("Reply-To", ", ".join(entry["reply_to"])))
    headers += [("Subject", entry["subject"]), ("Sent", _when(entry)), ("Message id", entry["id"])]
    body = '<p><a href="/">← all mail</a></p><div class="card"><dl>'
    body += "".join(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in headers) + "</dl></div>"
    if entry["html"]:
        doctype = _DOCTYPE.match(entry["html"])
        at = doctype.end() if doctype else 0
        document = entry["html"][:at] + '<base target="_blank">' + entry["html"][at:]
        body += f'<h2>HTML</h2><iframe sandbox="{SANDBOX}" srcdoc="{_e(document)}"></iframe>'
    if entry["text"]:
        body += f"<h2>Text</h2><pre>{_linked(entry['text'])}</pre>"
    return _page(f"{entry['subject']} — {TITLE}", body)


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        entry = find(urllib.parse.unquote(path[3:])) if path.startswith("/m/") else None
        if path == "/":
            self._send(200, list_page())
        elif entry is not None:
            self._send(200, message_page(entry))
        else:
            gone = '<p>No such message (cleared, or dropped as one of the oldest). <a href="/">All mail</a></p>'
            self._send(404, _page(TITLE, gone))

    def _send(self, status: int, page: str) -> None:
        body = page.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        # Defence in depth: the pages have no script of their own (the srcdoc inherits this).
        self.send_header("Content-Security-Policy", "script-src 'none'; object-src 'none'")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # the list refreshes every 5 s: keep moto's log readable
        pass


def serve(port: int) -> ThreadingHTTPServer:
    """Starts the HTML site on 127.0.0.1:port in a daemon thread. Binds before returning, so
    the site is up once moto answers (moto.sh waits for that)."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _Pages)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="mailbox-page", daemon=True).start()
    return server

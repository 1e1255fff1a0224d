#!/usr/bin/env python3
"""Checks the launcher's local mailbox (docs/local-moto.md) against a running launcher: a mail
sent through SESv2 (text and HTML) is listed by GET /_mailbox/messages?to= with both bodies,
DELETE clears the mailbox, and with MAILBOX_PORT set the HTML pages render and escape a
subject with markup in it. Starts nothing; clears the mailbox it checks.

    MOTO_PORT=24660 [MAILBOX_PORT=24661] .venv/bin/python functions/local/moto/mailbox_check.py
"""

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3
from botocore.config import Config

MOTO = f"http://127.0.0.1:{os.environ['MOTO_PORT']}"
PAGE = f"http://127.0.0.1:{os.environ['MAILBOX_PORT']}" if os.environ.get("MAILBOX_PORT") else None
SENDER = "no-reply@mailbox-check.svontai.local"


def check(condition: bool, what: str) -> None:
    if not condition:
        print(f"mailbox_check: FAILED: {what}", file=sys.stderr)
        sys.exit(1)


def http(method: str, url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=5) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def listed(to: str) -> list[dict]:
    status, body = http("GET", f"{MOTO}/_mailbox/messages?to={urllib.parse.quote(to)}")
    check(status == 200, f"GET /_mailbox/messages: {status} {body[:200]}")
    return json.loads(body)["messages"]


def main() -> None:
    ses = boto3.client(
        "sesv2",
        endpoint_url=MOTO,
        region_name=os.environ.get("AWS_REGION", "eu-central-1"),
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}),
    )
    ses.create_email_identity(EmailIdentity=SENDER)
    to = f"Yeni.Kullanici+{uuid.uuid4().hex[:8]}@example.com"
    link = "http://localhost:3000/reset-password?token=abc&x=1"
    escaped_link = link.replace("&", "&amp;")
    subject = "<script>alert(1)</script> Şifreni sıfırla"
    text = f"Şifreni sıfırlamak için: {link}.\n"
    html_body = f'<!doctype html><html><body><p>Merhaba</p><a href="{escaped_link}">Sıfırla</a></body></html>'
    sent = ses.send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": [to]},
        ReplyToAddresses=["destek@svontai.local"],
        Content={
            "Simple": {
                "Subject": {"Data": subject, "Charset": "UTF-8"},
                "Body": {"Text": {"Data": text, "Charset": "UTF-8"}, "Html": {"Data": html_body, "Charset": "UTF-8"}},
            }
        },
    )
    # An unverified sender is refused by moto, as by SES: not in the mailbox.
    try:
        ses.send_email(
            FromEmailAddress="nobody@unverified.invalid",
            Destination={"ToAddresses": [to]},
            Content={"Simple": {"Subject": {"Data": "x"}, "Body": {"Text": {"Data": "x"}}}},
        )
        check(False, "moto accepted an unverified sender")
    except ses.exceptions.MessageRejected:
        pass

    found = listed(to.lower())  # the recipient filter ignores case
    check(len(found) == 1, f"one message to {to}, got {len(found)}")
    m = found[0]
    check(m["id"] == sent["MessageId"], "id is moto's MessageId")
    check((m["from"], m["to"], m["reply_to"]) == (SENDER, [to], ["destek@svontai.local"]), f"addresses: {m}")
    check((m["subject"], m["text"], m["html"]) == (subject, text, html_body), f"subject and both bodies: {m}")
    check(m["sent_at"].endswith("+00:00") and "T" in m["sent_at"], f"sent_at in UTC: {m['sent_at']}")
    check(listed("someone-else@example.com") == [], "the filter keeps other recipients out")
    status, _ = http("GET", f"{MOTO}/_mailbox/nothing")
    check(status == 404, f"unknown mailbox path: {status}")

    if PAGE:
        status, page = http("GET", f"{PAGE}/")
        check(status == 200 and "yerel posta kutusu" in page, f"list page: {status}")
        check(f"/m/{m['id']}" in page, "the list links the message")
        status, page = http("GET", f"{PAGE}/m/{m['id']}")
        check(status == 200, f"message page: {status}")
        for markup in ("<script>alert(1)</script>", "<p>Merhaba</p>"):
            check(markup not in page, f"{markup!r} unescaped on the message page")
        check("&lt;script&gt;alert(1)&lt;/script&gt; Şifreni sıfırla" in page, "the subject, escaped")
        srcdoc = 'srcdoc="&lt;!doctype html&gt;&lt;base target=&quot;_blank&quot;&gt;&lt;html&gt;'
        check('<iframe sandbox="allow-popups ' in page and srcdoc in page, "the HTML body in a sandboxed srcdoc")
        check(f'<a href="{escaped_link}" target="_blank"' in page, "the text body's link")
        check(f"{escaped_link}</a>.\n" in page, "the full stop after the link stays text")
        check(http("GET", f"{PAGE}/m/nope")[0] == 404, "unknown message: 404")

    status, _ = http("DELETE", f"{MOTO}/_mailbox/messages")
    check(status == 204, f"DELETE /_mailbox/messages: {status}")
    check(listed(to) == [] and http("GET", f"{MOTO}/_mailbox/messages")[1] == '{"messages": []}', "cleared")
    print("mailbox_check: ok, " + ("JSON API and pages" if PAGE else "JSON API (MAILBOX_PORT unset: pages not checked)"))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The soak run behind `make soak` (started by soak.sh, which brings up the stack).

1. Fills the demo bot's knowledge base to the 2,000-item cap with one JSON import (the seed's
   items stay; the import adds the difference).
2. For --minutes, mixed use at once:
   - dashboard users: log in once, then list bots, knowledge pages, conversations, messages,
     leads and the stats overview; about once a minute edit a knowledge item, or delete one and
     add a new one (delete first: the bot stays at the cap, so a plain add would be 409);
   - widget visitors: public chat init, then send / poll messages, now and then a new visitor;
   - WhatsApp customers (10): each writes a message, sometimes as 2-3 quick fragments, and
     waits for the bot's answer at the Graph API stand-in before writing again.
3. Samples moto's RSS every second.

Answer latency: from the POST of a turn's last fragment to the Graph stand-in receiving the
message (text, or interactive with choices) that answers it. The worker marks a burst's last
message read just before it answers the burst (with the quiet window, also when it first
receives it), so the send to a customer that follows the read receipt of the last fragment's
wamid is its answer (a reply to earlier fragments, answered separately, does not count).

Targets: moto below 1 GB throughout, no 5xx, no moto internal errors, every turn answered,
answer p95 <= quiet window + 1 s. Exits 1 when one is missed, naming it.
"""
import argparse
import collections
import hashlib
import hmac
import itertools
import json
import os
import random
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load import QUESTIONS, Api, answer_send, percentile, text_payload  # noqa: E402

KNOWLEDGE_CAP = 2000
ANSWER_TIMEOUT = 60  # seconds a customer waits before counting a turn as unanswered
JSON = {"content-type": "application/json"}
# What the bot says when it hands a conversation to a person, unless the bot has its own text
# (shared/src/ai/mod.rs default_handoff).
DEFAULT_HANDOFF = "Sizi bir müşteri temsilcimize aktarıyorum. En kısa sürede buradan size dönüş yapılacak."  # shared/src/copy.rs handoff()


class Graph:
    """Meta's Graph API for the worker: records read receipts and message sends, and lets a
    customer wait for the answer to a given message."""

    def __init__(self, port, timeline, handoff_text):
        self.cond = threading.Condition()
        self.timeline = timeline
        self.handoff_text = handoff_text
        self.customer_of = {}  # wamid -> customer (registered before the webhook POST)
        self.last_read = {}  # customer -> wamid of the burst being answered
        self.read_at = {}  # wamid -> time the worker first marked it read (received it)
        self.answers = {}  # wamid of a burst's last message -> time its answer arrived
        self.handed_off = set()  # customers whose conversation the bot handed to a person
        self.sends = 0
        graph = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                with graph.cond:
                    if body.get("status") == "read":
                        customer = graph.customer_of.get(body.get("message_id"))
                        if customer:
                            graph.last_read[customer] = body["message_id"]
                            graph.read_at.setdefault(body["message_id"], time.perf_counter())
                            timeline.add("read", customer=customer, wamid=body["message_id"])
                    elif body.get("to"):  # a message: text, or interactive when the bot offers choices
                        to = body["to"]
                        text = body.get("text", {}).get("body") or body.get("interactive", {}).get("body", {}).get("text")
                        answered = graph.last_read.pop(to, None)
                        graph.sends += 1
                        if answered:
                            graph.answers.setdefault(answered, time.perf_counter())
                        if text == graph.handoff_text:
                            graph.handed_off.add(to)
                        timeline.add("send", customer=to, answers=answered)
                        graph.cond.notify_all()
                answer_send(self, body)

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def expect(self, wamid, customer):
        with self.cond:
            self.customer_of[wamid] = customer
        self.timeline.add("post", customer=customer, wamid=wamid)

    def wait_answer(self, wamid, customer, timeout):
        """The time the answer to `wamid` arrived, "handed off" when the bot handed the
        conversation to a person instead (it then stays silent), or None after `timeout`."""
        with self.cond:
            self.cond.wait_for(lambda: wamid in self.answers or customer in self.handed_off, timeout)
            if customer in self.handed_off:
                self.handed_off.discard(customer)
                return "handed off"
            return self.answers.get(wamid)


class Timeline:
    """What happened when, for finding where time goes: written as JSON lines to --timeline
    (seconds since the start; requests are logged when they end)."""

    def __init__(self):
        self.t0 = time.perf_counter()
        self.events = [{"t": 0, "event": "start", "epoch": time.time()}]  # the worker log's clock

    def add(self, event, **fields):
        self.events.append(dict(t=round(time.perf_counter() - self.t0, 3), event=event, **fields))

    def write(self, path):
        with open(path, "w") as f:
            for e in sorted(self.events, key=lambda e: e["t"]):
                f.write(json.dumps(e, ensure_ascii=False) + "\n")


class Soak:
    """The run's clock and what every client records."""

    def __init__(self, api, timeline):
        self.api = api
        self.timeline = timeline
        self.end = None
        self.lock = threading.Lock()
        self.statuses = collections.defaultdict(collections.Counter)  # kind -> status -> count
        self.times = collections.defaultdict(list)  # kind -> seconds
        self.server_errors = []  # (kind, status, body) of the first 5xx

    def running(self):
        return time.perf_counter() < self.end

    def call(self, kind, method, path, body=None, headers=None, source=None):
        """One API request, recorded under `kind`; returns (status, parsed JSON or None).
        Status 0: no answer (connection error or timeout)."""
        try:
            status, payload, secs = self.api.call(method, path, body, headers, source)
        except OSError as e:
            status, payload, secs = 0, str(e).encode(), 0.0
        self.timeline.add("request", kind=kind, status=status, ms=round(secs * 1000, 1))
        with self.lock:
            self.statuses[kind][status] += 1
            self.times[kind].append(secs)
            if (status >= 500 or status == 0) and len(self.server_errors) < 10:
                self.server_errors.append((kind, status, payload[:300].decode(errors="replace")))
        try:
            return status, json.loads(payload) if payload else None
        except ValueError:
            return status, None


# ---------------------------------------------------------------- knowledge base

TREATMENTS = [
    ("İmplant", 18000), ("Kanal tedavisi", 3500), ("Diş beyazlatma", 6000), ("Zirkonyum kaplama", 7500),
    ("Porselen lamina", 9000), ("Tel tedavisi", 45000), ("Şeffaf plak tedavisi", 60000),
    ("Diş taşı temizliği", 1500), ("Kompozit dolgu", 2000), ("Yirmi yaş dişi çekimi", 3000),
    ("Çocuk diş muayenesi", 800), ("Diş eti tedavisi", 4000), ("Gülüş tasarımı", 55000),
    ("Hareketli protez", 15000), ("Köprü", 20000), ("Gece plağı", 2500), ("Flor uygulaması", 600),
    ("Fissür örtücü", 700), ("Kemik tozu uygulaması", 8000), ("Sinüs lifting", 14000),
    ("Acil diş ağrısı muayenesi", 1000), ("Panoramik röntgen", 500), ("Bonding", 2500),
    ("All-on-four", 150000), ("Diş eti estetiği", 5000),
]
BRANCHES = [
    ("Kadıköy", "Caferağa Mah. Moda Cad. No: 42"), ("Ataşehir", "Atatürk Mah. Ataşehir Bulvarı No: 17"),
    ("Üsküdar", "Mimar Sinan Mah. Hakimiyeti Milliye Cad. No: 9"), ("Bostancı", "İçerenköy Yolu Cad. No: 61"),
    ("Beşiktaş", "Sinanpaşa Mah. Ortabahçe Cad. No: 23"),
]
# (title, question, answer) templates; {t} treatment, {b} branch, {a} address, {p} price.
ASPECTS = [
    ("{t} fiyatı ({b})", "{b} şubenizde {t_lower} ücreti ne kadar?",
     "{b} şubemizde {t_lower} {p} TL'den başlar; kesin ücret muayene ve röntgenden sonra belli olur. "
     "Fiyatlarımıza KDV dahildir."),
    ("{t} süresi ({b})", "{t} kaç seans sürüyor?",
     "{t} çoğu hastamızda {n} seansta tamamlanır; her seans 30-60 dakika sürer. {b} şubemizde seans aralarını "
     "hekiminiz planlar."),
    ("{t} ağrılı mı ({b})", "{t} sırasında ağrı olur mu?",
     "İşlem lokal anestezi altında yapıldığı için ağrı hissetmezsiniz. Sonrasında 1-2 gün hafif hassasiyet "
     "olabilir; hekimimizin önerdiği ağrı kesici yeterli olur."),
    ("{t} sonrası bakım ({b})", "{t} sonrası nelere dikkat etmeliyim?",
     "İlk 2 saat bir şey yemeyin, ilk gün çok sıcak ve sert yiyeceklerden kaçının. Dişlerinizi yumuşak "
     "fırçayla fırçalamaya devam edin. Bir sorun olursa {b} şubemizi arayabilirsiniz."),
    ("{t} garantisi ({b})", "{t} için garanti veriyor musunuz?",
     "{t} için {n} yıl garanti veriyoruz; garanti, 6 ayda bir yapılan kontrollere gelmeniz koşuluyla "
     "geçerlidir. Garanti belgesi tedavi bitiminde verilir."),
    ("{t} taksit ({b})", "{t} için taksit yapıyor musunuz?",
     "Anlaşmalı bankaların kredi kartlarına {n} aya kadar taksit yapıyoruz. {b} şubemizde nakit ödemelerde "
     "%5 indirim uygulanır."),
    ("{t} sigorta ({b})", "Özel sağlık sigortam {t_lower} masrafını karşılar mı?",
     "Anlaşmalı özel sigortalarla çalışıyoruz; kapsam poliçenize göre değişir. Poliçe numaranızı "
     "iletirseniz {b} şubemiz provizyon alıp size bilgi verir."),
    ("{t} randevu ({b})", "{b} şubesinde {t_lower} için randevu alabilir miyim?",
     "Elbette. Adınızı ve telefon numaranızı bırakırsanız {b} şubemiz ({a}) sizi arayıp uygun bir saat "
     "ayarlar. Hafta içi 09:00-19:00, cumartesi 10:00-16:00 arası açığız."),
    ("{t} kimlere uygun ({b})", "{t} herkese yapılabilir mi?",
     "{t} için ön muayene şarttır: genel sağlık durumunuz, kullandığınız ilaçlar ve röntgen sonucuna göre "
     "hekimimiz uygunluğa karar verir. Hamilelikte bazı işlemler ertelenir."),
    ("{t} riskleri ({b})", "{t} riskli bir işlem mi?",
     "Deneyimli hekimlerimizin yaptığı {t_lower} güvenli bir işlemdir. Nadiren şişlik veya hassasiyet "
     "görülebilir; kontrol randevularında bunlar takip edilir."),
    ("{t} öncesi hazırlık ({b})", "{t} öncesi hazırlık gerekiyor mu?",
     "İşlemden önce hafif bir öğün yemeniz ve kullandığınız ilaçları hekiminize söylemeniz yeterli. "
     "Gerekirse işlemden önce panoramik röntgen çekiyoruz."),
    ("{t} iyileşme ({b})", "{t} sonrası iyileşme ne kadar sürer?",
     "Çoğu hasta ertesi gün işine döner. Tam iyileşme {n} hafta içinde olur; bu sürede {b} şubemizde bir "
     "kontrol randevunuz olur."),
    ("{t} sonrası yemek ({b})", "{t} yaptırdıktan sonra ne zaman yemek yiyebilirim?",
     "Uyuşukluk geçince (2-3 saat) ılık ve yumuşak yiyecekler yiyebilirsiniz. İlk gün sigara ve alkolden "
     "uzak durun."),
    ("{t} çocuklarda ({b})", "Çocuklara {t_lower} yapıyor musunuz?",
     "Çocuk diş hekimimiz {b} şubemizde hafta içi her gün hasta kabul ediyor. {t} çocuğun yaşına ve diş "
     "gelişimine göre planlanır; ilk muayenede aileyi bilgilendiriyoruz."),
    ("{t} hekimleri ({b})", "{b} şubesinde {t_lower} işlemini hangi hekim yapıyor?",
     "{b} şubemizde {t_lower} uzman hekimlerimizden Dr. {d} tarafından yapılır. Hekim tercihinizi "
     "randevu alırken belirtebilirsiniz."),
    ("{t} kontrol ({b})", "{t} sonrası kontrole ne zaman gelmeliyim?",
     "İlk kontrol işlemden 1 hafta sonra, sonrakiler 6 ayda birdir. Kontroller ücretsizdir ve {b} "
     "şubemizde randevuyla yapılır."),
]
DOCTORS = ["Elif Aksoy", "Murat Demir", "Zeynep Kaya", "Can Öztürk", "Selin Arslan", "Burak Yıldız"]


def knowledge_items(count, rng):
    """Turkish dental-clinic items: treatments x aspects x branches (25 x 16 x 5 = 2,000)."""
    combos = list(itertools.product(TREATMENTS, ASPECTS, BRANCHES))
    rng.shuffle(combos)
    items = []
    for (treatment, price), (title, question, answer), (branch, address) in combos[:count]:
        fill = {"t": treatment, "t_lower": treatment.lower(), "b": branch, "a": address,
                "p": f"{int(price * rng.uniform(0.9, 1.2)) // 50 * 50:,}".replace(",", "."),
                "n": rng.randint(2, 12), "d": rng.choice(DOCTORS)}
        items.append({"title": title.format(**fill), "question": question.format(**fill),
                      "answer": answer.format(**fill)})
    return items


def fill_knowledge(session, bot):
    """Adds generated items up to the cap; returns (imported, seconds)."""
    missing = KNOWLEDGE_CAP - knowledge_count(session, bot)
    start = time.perf_counter()
    status, body = session.call("knowledge import", "POST", f"/bots/{bot}/knowledge/import",
                                {"items": knowledge_items(missing, random.Random(1))})
    assert status == 201, f"knowledge import: {status} {body}"
    return body["imported"], time.perf_counter() - start


def knowledge_count(session, bot):
    return len(session.get("knowledge export", f"/bots/{bot}/knowledge/export?format=json")["items"])


# ---------------------------------------------------------------- clients


class Session:
    """A dashboard login; logs in again when the 15-minute access token has expired."""

    def __init__(self, soak, demo):
        self.soak, self.demo, self.lock = soak, demo, threading.Lock()
        self.auth = self.login()

    def login(self):
        status, body = self.soak.call("login", "POST", "/auth/login",
                                      {"email": self.demo["email"], "password": self.demo["password"]}, JSON)
        assert status == 200, f"login: {status} {body}"
        # The dashboard sends the tenant it shows (frontend/src/lib/api/client.ts): without it,
        # every request looks the caller's tenants up with a GSI query.
        return {"authorization": f"Bearer {body['tokens']['access_token']}", "x-tenant-id": self.demo["tenant_id"]}

    def call(self, kind, method, path, body=None, retry=True):
        headers = dict(JSON, **self.auth) if body is not None else self.auth
        status, answer = self.soak.call(kind, method, path, body, headers)
        if status == 401 and retry:
            with self.lock:
                self.auth = self.login()
            return self.call(kind, method, path, body, retry=False)
        return status, answer

    def get(self, kind, path):
        status, body = self.call(kind, "GET", path)
        return body if status == 200 else None


def dashboard_user(soak, session, bot, n, users):
    """Browses the dashboard with pauses; edits knowledge about once a minute (only items whose
    id hashes to this user, so two users never delete the same one)."""
    rng = random.Random(f"dashboard{n}")
    get = session.get
    conversations, items = [], []

    def knowledge_pages():
        path = f"/bots/{bot}/knowledge?limit=50"
        for _ in range(rng.randint(1, 4)):
            page = get("knowledge page", path)
            if not page:
                return
            items[:] = [i for i in page["items"] if hash(i["id"]) % users == n] or items
            if not page["next_cursor"]:
                return
            path = f"/bots/{bot}/knowledge?limit=50&cursor={urllib.parse.quote(page['next_cursor'])}"

    def conversation_list():
        page = get("conversations", f"/bots/{bot}/conversations?limit=25")
        if page:
            conversations[:] = [c["id"] for c in page["items"]]

    def messages():
        if conversations:
            get("messages", f"/conversations/{rng.choice(conversations)}/messages?limit=50")

    def edit_knowledge():
        if not items:
            return
        item = rng.choice(items)
        if rng.random() < 0.5:
            session.call("knowledge update", "PUT", f"/bots/{bot}/knowledge/{item['id']}",
                         {"title": item["title"], "question": item["question"],
                          "answer": item["answer"] + " (güncellendi)"})
        else:
            items.remove(item)
            status, _ = session.call("knowledge delete", "DELETE", f"/bots/{bot}/knowledge/{item['id']}")
            if status == 204:
                session.call("knowledge create", "POST", f"/bots/{bot}/knowledge", knowledge_items(1, rng)[0])

    actions = [(lambda: get("bots", "/bots"), 2), (knowledge_pages, 3), (conversation_list, 3), (messages, 3),
               (lambda: get("leads", "/leads?limit=50"), 1), (lambda: get("leads", f"/bots/{bot}/leads?limit=50"), 1),
               (lambda: get("stats", "/stats/overview"), 2)]
    next_edit = time.perf_counter() + rng.uniform(10, 60)
    while soak.running():
        if time.perf_counter() >= next_edit:  # about once a minute
            edit_knowledge()
            next_edit += rng.uniform(30, 90)
        else:
            rng.choices([a for a, _ in actions], [w for _, w in actions])[0]()
        time.sleep(rng.uniform(0.5, 2.0))


def widget_visitor(soak, demo, n):
    """A visitor chats a few turns, polling for messages between them; then a new visitor."""
    rng = random.Random(f"visitor{n}")
    source = f"127.0.{1 + n // 250}.{1 + n % 250}"  # the limits are per bot key and IP
    headers = dict(JSON, origin="http://localhost:8000")
    while soak.running():
        status, chat = soak.call("widget init", "POST", "/public/chat/init",
                                 {"bot_public_key": demo["bot_public_key"]}, headers, source)
        if status != 200:
            time.sleep(5)
            continue
        auth = dict(headers, authorization=f"Bearer {chat['visitor_token']}")
        conversation, after = chat["conversation_id"], None
        for _ in range(rng.randint(2, 6)):
            if not soak.running():
                return
            status, sent = soak.call("widget send", "POST", "/public/chat/send",
                                     {"conversation_id": conversation, "message": rng.choice(QUESTIONS)}, auth, source)
            if status == 200:
                after = (sent.get("reply") or sent["user_message"])["id"]
            for _ in range(rng.randint(1, 2)):
                time.sleep(rng.uniform(1.0, 3.0))
                query = f"conversation_id={conversation}" + (f"&after={after}" if after else "")
                soak.call("widget messages", "GET", f"/public/chat/messages?{query}", None, auth, source)


OPENERS = ["Merhaba", "İyi günler", "Selam", "Merhabalar, bir şey soracaktım"]
TOPICS = ["İmplant için", "Kanal tedavisi hakkında", "Diş beyazlatma için", "Zirkonyum kaplama için",
          "Çocuğum için", "Diş taşı temizliği için", "Kadıköy şubesi için"]
ASKS = ["fiyat alabilir miyim?", "taksit var mı?", "randevu almak istiyorum", "kaç seans sürüyor?",
        "ağrılı mı?", "cumartesi açık mısınız?", "garanti veriyor musunuz?"]


def fragments(rng):
    """One customer turn: a question, or 2-3 quick fragments of one."""
    k = rng.choices([1, 2, 3], [0.5, 0.3, 0.2])[0]
    if k == 1:
        return [rng.choice(QUESTIONS + [f"{rng.choice(TOPICS)} {rng.choice(ASKS)}"])]
    if k == 2:
        return [rng.choice(OPENERS), f"{rng.choice(TOPICS)} {rng.choice(ASKS)}"]
    return [rng.choice(OPENERS), rng.choice(TOPICS), rng.choice(ASKS)]


def hand_back(session, bot, customer):
    """The operator gives a handed-off WhatsApp conversation back to the bot."""
    page = session.get("conversations", f"/bots/{bot}/conversations?source=whatsapp&status=handed_off&limit=100")
    for c in (page or {}).get("items", []):
        if c["external_user_id"] == customer:
            session.call("handoff (back)", "POST", f"/conversations/{c['id']}/handoff", {"active": False})


def whatsapp_customer(soak, graph, session, bot, secret, n, turns):
    """Writes, waits for the answer, writes again. When the bot hands the conversation to a
    person (it does after two questions it cannot answer), an operator hands it back."""
    rng = random.Random(f"customer{n}")
    customer = f"90533{n:07d}"
    count = itertools.count()
    while soak.running():
        parts = fragments(rng)
        for i, text in enumerate(parts):
            if i:
                time.sleep(rng.uniform(0.2, 1.0))
            wamid = f"wamid.SOAK{customer}x{next(count):06d}"
            payload = text_payload(customer, wamid, text)
            sig = "sha256=" + hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()
            graph.expect(wamid, customer)
            posted = time.perf_counter()
            soak.call("whatsapp webhook", "POST", "/whatsapp/webhook", payload,
                      dict(JSON, **{"x-hub-signature-256": sig}))
        answered = graph.wait_answer(wamid, customer, ANSWER_TIMEOUT)
        if answered == "handed off":
            hand_back(session, bot, customer)
        else:
            soak.timeline.add("answer", customer=customer, wamid=wamid,
                              s=None if answered is None else round(answered - posted, 3))
        if answered in (None, "handed off"):
            turn = (len(parts), answered, None)
        else:  # the time to the worker picking the burst up, and the answer
            turn = (len(parts), answered - posted, graph.read_at.get(wamid, answered) - posted)
        with soak.lock:
            turns.append(turn)
        time.sleep(rng.uniform(1.0, 3.0))  # reads the answer, types the next message


# ---------------------------------------------------------------- moto


def rss_sampler(pid, samples, stop):
    while not stop.is_set():
        try:
            with open(f"/proc/{pid}/status") as f:
                kb = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            samples.append((time.perf_counter(), kb / 1024))
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            samples.append((time.perf_counter(), None))  # moto is gone
            return
        stop.wait(1)


def cpu_seconds(pid):
    """CPU time (user + system) a process has used."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def moto_internal_errors(log):
    with open(log, errors="replace") as f:
        return sum(1 for line in f if "Traceback" in line or " 500 -" in line)


# ---------------------------------------------------------------- the run


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--api", required=True)
    parser.add_argument("--graph-port", type=int, required=True)
    parser.add_argument("--demo", required=True)
    parser.add_argument("--moto-pid", type=int, required=True)
    parser.add_argument("--moto-log", required=True)
    parser.add_argument("--quiet-window-ms", type=int, required=True, help="WHATSAPP_QUIET_WINDOW_MS in force")
    parser.add_argument("--timeline", help="write every request and Graph API event here (JSON lines)")
    parser.add_argument("--profile", default="debug")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--dashboard-users", type=int, default=3)
    parser.add_argument("--visitors", type=int, default=5)
    parser.add_argument("--customers", type=int, default=10)
    args = parser.parse_args()

    demo = json.load(open(args.demo))
    timeline = Timeline()
    soak = Soak(Api(args.api), timeline)
    samples, stop = [], threading.Event()
    threading.Thread(target=rss_sampler, args=(args.moto_pid, samples, stop), daemon=True).start()
    print(f"soak run ({args.profile} build; moto; one worker with 10 pollers; quiet window "
          f"{args.quiet_window_ms} ms): {args.dashboard_users} dashboard users, {args.visitors} widget visitors, "
          f"{args.customers} WhatsApp customers for {args.minutes:g} min", flush=True)

    operator = Session(soak, demo)
    bot = operator.get("bot", f"/bots/{demo['bot_id']}")
    imported, import_secs = fill_knowledge(operator, bot["id"])
    print(f"knowledge base: {imported} items imported in {import_secs:.1f} s; the bot holds "
          f"{knowledge_count(operator, bot['id'])}", flush=True)

    graph = Graph(args.graph_port, timeline, bot["handoff_message"] or DEFAULT_HANDOFF)
    turns = []
    clients = ([(dashboard_user, Session(soak, demo), bot["id"], n, args.dashboard_users)
                for n in range(args.dashboard_users)]
               + [(widget_visitor, demo, n) for n in range(args.visitors)]
               + [(whatsapp_customer, graph, operator, bot["id"], os.environ["META_APP_SECRET"], n, turns)
                  for n in range(args.customers)])
    aws_before, moto_cpu = soak.api.aws(), cpu_seconds(args.moto_pid)
    start = time.perf_counter()
    soak.end = start + args.minutes * 60
    threads = [threading.Thread(target=client, args=(soak, *rest)) for client, *rest in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    moto_cpu = cpu_seconds(args.moto_pid) - moto_cpu
    aws = {k: v - aws_before[k] for k, v in soak.api.aws().items() if k in ("total", "ms")}
    total_after = knowledge_count(operator, bot["id"])
    stop.set()
    if args.timeline:
        timeline.write(args.timeline)

    # ---- report
    print(f"\nran {elapsed / 60:.1f} min; requests per kind:")
    print(f"  {'kind':<18} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}  statuses")
    all_statuses = collections.Counter()
    for kind in sorted(soak.statuses):
        statuses, times = soak.statuses[kind], soak.times[kind]
        all_statuses += statuses
        print(f"  {kind:<18} {sum(statuses.values()):>8} {percentile(times, 50) * 1000:>8.0f} "
              f"{percentile(times, 95) * 1000:>8.0f}  {dict(sorted(statuses.items()))}")
    requests = sum(all_statuses.values())
    api_ms = sum(sum(t) for t in soak.times.values()) * 1000
    print(f"  total {requests} ({requests / elapsed:.1f}/s); gateway time in AWS calls (moto): "
          f"{aws['ms'] / api_ms * 100:.0f} % of request time, {aws['total']} calls")
    server_errors = sum(c for s, c in all_statuses.items() if s >= 500)
    no_answer = all_statuses[0]
    for kind, status, body in soak.server_errors:
        print(f"  {kind}: {status} {body!r}")

    rss = [mb for _, mb in samples if mb is not None]
    moto_gone = any(mb is None for _, mb in samples)
    peak, final = max(rss), rss[-1]
    print(f"moto RSS: start {rss[0]:.0f} MB, peak {peak:.0f} MB, final {final:.0f} MB "
          f"({len(rss)} samples{', moto exited' if moto_gone else ''}); moto CPU {moto_cpu / elapsed * 100:.0f} % "
          f"of one core; machine load average {open('/proc/loadavg').read().split()[1]} (5 min, 2 cores)")
    internal = moto_internal_errors(args.moto_log)
    print(f"5xx answers: {server_errors}; no answer: {no_answer}; moto internal errors: {internal}")
    print(f"knowledge items at the end: {total_after}")

    latencies = [s for _, s, _ in turns if isinstance(s, float)]
    to_read = [r for _, s, r in turns if isinstance(s, float)]
    unanswered = sum(1 for _, s, _ in turns if s is None)
    handed_off = sum(1 for _, s, _ in turns if s == "handed off")
    multi = [s for k, s, _ in turns if k > 1 and isinstance(s, float)]
    window = args.quiet_window_ms / 1000
    p95 = percentile(latencies, 95)
    print(f"WhatsApp: {len(turns)} turns ({sum(k for k, _, _ in turns)} messages, "
          f"{sum(1 for k, _, _ in turns if k > 1)} turns of 2-3 fragments): {len(latencies)} answered, "
          f"{handed_off} handed to a person (then handed back), {unanswered} unanswered within {ANSWER_TIMEOUT} s; "
          f"{graph.sends} bot messages sent ({graph.sends - len(turns)} more than turns: fragments answered "
          f"separately)")
    print(f"  answer latency (last fragment -> its answer at Graph): p50 {percentile(latencies, 50):.2f} s, "
          f"p95 {p95:.2f} s, max {max(latencies, default=float('nan')):.2f} s; fragmented turns p50 "
          f"{percentile(multi, 50):.2f} s; quiet window in force: {args.quiet_window_ms} ms")
    rest = [a - b for a, b in zip(latencies, to_read)]
    print(f"  of which until the worker first marks the last fragment read (queue): "
          f"p50 {percentile(to_read, 50):.2f} s, p95 {percentile(to_read, 95):.2f} s; then to the answer "
          f"(quiet window, storing, composing, sending): p50 {percentile(rest, 50):.2f} s, "
          f"p95 {percentile(rest, 95):.2f} s")

    failures = []
    if moto_gone:
        failures.append("moto exited")
    if peak >= 1024:
        failures.append(f"moto reached {peak:.0f} MB (target below 1 GB)")
    if server_errors:
        failures.append(f"{server_errors} answers >= 500")
    if no_answer:
        failures.append(f"{no_answer} requests without an answer")
    if internal:
        failures.append(f"{internal} moto internal errors")
    if unanswered:
        failures.append(f"{unanswered} WhatsApp turns unanswered")
    if not latencies:
        failures.append("no WhatsApp turn answered")
    if not p95 <= window + 1:
        failures.append(f"answer p95 {p95:.2f} s above the quiet window + 1 s ({window + 1:.1f} s)")
    if failures:
        print("FAILED: " + "; ".join(failures))
        sys.exit(1)
    print(f"ok: moto below 1 GB (peak {peak:.0f} MB), no 5xx, no moto internal errors, "
          f"answer p95 {p95:.2f} s <= {window + 1:.1f} s")


if __name__ == "__main__":
    main()

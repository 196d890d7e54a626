"""End to end through a real Postfix, wired exactly as deploy/postfix/ says.

    client ─SMTP─▶ Postfix smtpd ─content_filter "grace"─▶ grace serve (2 workers)
           ─▶ Postfix 10026 listener ─smtp─▶ aiosmtpd sink (every mailbox)

The Postfix instance is private (own config and queue directories under /tmp,
loopback high ports only); nothing leaves the machine: every delivery, the
customer's, the author's review note and the gateway's answers, ends at the sink.
The gateway runs on deploy/grace.example.toml with its ports, state directory,
mode (enforce) and note retry delay replaced, two workers as in the example.
.ci/run installs the postfix package; without its binaries the module is
skipped with the reason.

The tests share one instance and run in file order: the last two stop the
gateway and roll the filter back.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import smtplib
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from conftest import GatewayProcess, Sink, audit_records, wait_port, wait_until
from pfkit import Ports, PrivatePostfix, free_ports, gateway_config, missing_binaries
from prometheus_client.parser import text_string_to_metric_families

from gateway.config import Settings, load_settings

MISSING = missing_binaries()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING), reason=(
        f"postfix binaries are absent ({', '.join(MISSING)}); .ci/run installs the Debian "
        "package postfix")),
]

AGENT = "maria@support.acme.example"
CUSTOMER = "kim@customer.example"
OUTSIDER = "billing@elsewhere.example"
UTF8_AGENT = "jürgen@support.acme.example"
UTF8_CUSTOMER = "zoë@kunde.example"

CLEAN = ("Hi Kim,\r\n\r\nThank you for telling us. You were charged twice for invoice 4471, "
         "and that was our mistake. I refunded the second charge of 40 EUR today; it reaches "
         "your card within 3 working days. If it has not arrived by Friday, reply here and I "
         "will call the bank myself.\r\n\r\nMaria\r\n")
RUDE = ("Kim,\r\n\r\nAs I already told you twice, this is your own fault. Obviously you never "
        "read the invoice. Stop wasting our time with this.\r\n\r\nMaria\r\n")


# ----------------------------------------------------------------- messages


TEXT_PLAIN = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"


def reply(msgid: str, body: str, *, sender: str = AGENT, to: str = CUSTOMER,
          subject: str = "Re: Invoice 4471 charged twice", content: str = TEXT_PLAIN) -> bytes:
    return (
        f"From: Maria Lopez <{sender}>\r\nTo: <{to}>\r\nSubject: {subject}\r\n"
        "In-Reply-To: <q1@customer.example>\r\nReferences: <q1@customer.example>\r\n"
        f"Message-ID: <{msgid}>\r\nDate: Tue, 03 Mar 2026 15:00:00 +0100\r\n"
        f"MIME-Version: 1.0\r\n{content}\r\n{body}"
    ).encode()


def big_reply(msgid: str, size: int, sender: str = AGENT, body: str = CLEAN) -> bytes:
    """A reply with a random attachment: `size` bytes or a little more."""
    # base64 turns each 57 bytes into a 76-character line plus CRLF (78 bytes).
    blob = base64.encodebytes(os.urandom((size // 78 + 1) * 57)).replace(b"\n", b"\r\n")
    boundary = "grace-e2e-boundary"
    head = reply(msgid, "", sender=sender,
                 content=f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n')
    parts = (
        f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
        f"--{boundary}\r\nContent-Type: application/octet-stream\r\n"
        'Content-Disposition: attachment; filename="statement.bin"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode() + blob + f"\r\n--{boundary}--\r\n".encode()
    raw = head + parts
    assert size <= len(raw) < size + 10_000, len(raw)
    return raw


def header_block(data: bytes) -> bytes:
    return data.split(b"\r\n\r\n", 1)[0]


def body_of(data: bytes) -> bytes:
    return data.split(b"\r\n\r\n", 1)[1]


def parse(data: bytes):
    return message_from_bytes(data, policy=policy.default)


# ----------------------------------------------------------------- the stack


@dataclass
class Stack:
    root: Path
    ports: Ports
    sink: Sink
    postfix: PrivatePostfix
    config: Path
    settings: Settings
    gateway: GatewayProcess | None = None
    starts: int = 0

    def start_gateway(self) -> None:
        log = self.root / f"gateway{self.starts}.log"
        self.starts += 1
        self.gateway = GatewayProcess(self.config, self.ports.gateway, log).wait_ready(120)

    def stop_gateway(self) -> int | None:
        gateway, self.gateway = self.gateway, None
        return gateway.stop() if gateway is not None else None

    # ------------------------------------------------------------ sending
    def submit(self, sender: str, rcpts: list[str], raw: bytes, *, utf8: bool = False) -> str:
        """Hand a message to Postfix over SMTP; returns Postfix's queue id."""
        options = ["BODY=8BITMIME"] + (["SMTPUTF8"] if utf8 else [])
        with smtplib.SMTP("127.0.0.1", self.ports.client, timeout=60) as client:
            client.ehlo("desk.acme.example")
            if utf8:
                client.command_encoding = "utf-8"
            code, text = client.mail(sender, options)
            assert code == 250, text
            for rcpt in rcpts:
                code, text = client.rcpt(rcpt)
                assert code == 250, text
            code, text = client.data(raw)
        assert code == 250, text
        match = re.search(rb"queued as ([0-9A-Za-z]+)", text)
        assert match, text
        return match.group(1).decode()

    # ------------------------------------------------------------ the sink
    def with_id(self, msgid: str, rcpt: str | None = None) -> list:
        """Messages at the sink whose own Message-ID is `msgid` (not an attached copy)."""
        needle = f"\nMessage-ID: <{msgid}>".encode().lower()
        with self.sink.lock:
            found = [m for m in self.sink.messages if needle in header_block(m.data).lower()]
        return [m for m in found if rcpt is None or rcpt in m.rcpt_tos]

    def notes_about(self, msgid: str, author: str = AGENT) -> list:
        with self.sink.lock:
            mails = [m for m in self.sink.messages if author in m.rcpt_tos]
        out = []
        for m in mails:
            msg = parse(m.data)
            if (msg.get("X-Grace-Gateway", "").startswith("hold=")
                    and f"<{msgid}>" in msg.get("In-Reply-To", "")):
                out.append(m)
        return out

    def wait_delivered(self, msgid: str, rcpt: str, timeout: float = 60.0) -> list:
        found = wait_until(lambda: self.with_id(msgid, rcpt), timeout, 0.1)
        assert found, (f"<{msgid}> did not reach {rcpt}\n--- postfix:\n"
                       f"{self.postfix.log_tail()}\n--- gateway:\n{self.gateway_log()}")
        return found

    def gateway_log(self) -> str:
        logs = sorted(self.root.glob("gateway*.log"))
        return logs[-1].read_text(errors="replace")[-3000:] if logs else ""

    # ------------------------------------------------------------ answering a note
    def release(self, note, reason: str = "The customer asked for exactly this wording.") -> str:
        """Answer a review note the way a mail client does: to its Reply-To."""
        msg = parse(note.data)
        to = msg["Reply-To"].addresses[0].addr_spec
        assert to.startswith("grace-release+") and to.endswith("@acme.example"), to
        raw = (f"From: Maria Lopez <{AGENT}>\r\nTo: <{to}>\r\nSubject: Re: {msg['Subject']}\r\n"
               f"In-Reply-To: {msg['Message-ID']}\r\nReferences: {msg['Message-ID']}\r\n"
               f"Message-ID: <release-{time.monotonic_ns()}@support.acme.example>\r\n"
               "Date: Tue, 03 Mar 2026 15:05:00 +0100\r\n"
               "Content-Type: text/plain; charset=utf-8\r\n\r\n"
               f"{reason}\r\n").encode()
        return self.submit(AGENT, [to], raw)

    # ------------------------------------------------------------ operations endpoint
    def http_get(self, path: str) -> tuple[int, bytes]:
        url = f"http://127.0.0.1:{self.ports.http}{path}"
        try:
            with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 - loopback
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()


@pytest.fixture(scope="module")
def stack(request):
    if os.geteuid() != 0:
        pytest.fail("the private Postfix instance needs root (postfix -c DIR start)")
    root = Path(tempfile.mkdtemp(prefix="grace-e2e-", dir="/tmp"))
    ports = Ports(*free_ports(5))
    sink = Sink(ports.sink).start()
    postfix = PrivatePostfix(root, ports)
    config = gateway_config(root, ports, mode="enforce")
    s = Stack(root, ports, sink, postfix, config, load_settings(config))
    failed_before = request.session.testsfailed
    try:
        postfix.write_config()
        postfix.start()
        wait_port(ports.client, 30)
        s.start_gateway()
        yield s
    finally:
        s.stop_gateway()
        postfix.stop()
        sink.stop()
        if request.session.testsfailed == failed_before:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"e2e: kept {root} (maillog, gateway*.log, state/)")


def records(stack: Stack) -> list[dict]:
    return audit_records(stack.settings)


def decision_of(stack: Stack, msgid: str) -> list[dict]:
    return [r for r in records(stack)
            if r.get("kind") == "decision" and r.get("message_id") == f"<{msgid}>"]


# ----------------------------------------------------------------- the wiring


def test_postfix_runs_the_deploy_snippets_without_warnings(stack):
    pf, ports = stack.postfix, stack.ports
    effective = dict(line.split(" = ", 1) for line in pf.postconf("-n").splitlines()
                     if " = " in line)
    assert effective["content_filter"] == f"grace:[127.0.0.1]:{ports.gateway}"
    assert effective["soft_bounce"] == "yes"
    assert effective["recipient_delimiter"] == "+"
    services = pf.postconf("-M")
    assert re.search(r"^grace\s+unix\s+-\s+-\s+n\s+-\s+20\s+smtp", services, re.M), services
    assert re.search(rf"^127\.0\.0\.1:{ports.reinject}\s+inet\s+n\s+-\s+n\s+-\s+50\s+smtpd",
                     services, re.M), services
    # The transport map sends the release address to the gateway.
    lookup = pf.run("postmap", "-c", str(pf.etc), "-q", "grace-release@acme.example",
                    f"hash:{pf.etc}/grace_transport").stdout.strip()
    assert lookup == f"grace:[127.0.0.1]:{ports.gateway}"
    assert not pf.warnings(), pf.warnings()
    for argv in (("postfix", "-c", str(pf.etc), "check"), ("postconf", "-c", str(pf.etc), "-n")):
        result = pf.run(*argv)
        assert "warning" not in result.stderr + result.stdout, result.stderr


def test_out_of_scope_mail_reaches_the_sink_unchanged(stack):
    raw = (f"From: Billing <{OUTSIDER}>\r\nTo: <{CUSTOMER}>\r\nSubject: Your receipt\r\n"
           "Message-ID: <oos-1@elsewhere.example>\r\nDate: Tue, 03 Mar 2026 15:00:00 +0100\r\n"
           "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "Content-Transfer-Encoding: 8bit\r\n\r\n"
           "Thank you for your payment of 40 €.\r\n.leading dot\r\n\r\nBilling\r\n").encode()
    stack.submit(OUTSIDER, [CUSTOMER], raw)
    [got] = stack.wait_delivered("oos-1@elsewhere.example", CUSTOMER)
    # Postfix only prepends its Received lines: the message itself is byte-identical.
    assert got.data.endswith(raw)
    assert b"from grace-gateway.localhost" in header_block(got.data)  # it went through us
    assert got.mail_from == OUTSIDER
    [decision] = wait_until(lambda: decision_of(stack, "oos-1@elsewhere.example"))
    assert decision["decision"] == "pass-through"


def test_clean_support_reply_reaches_the_customer(stack):
    raw = reply("clean-1@support.acme.example", CLEAN)
    stack.submit(AGENT, [CUSTOMER], raw)
    [got] = stack.wait_delivered("clean-1@support.acme.example", CUSTOMER)
    assert got.data.endswith(raw)
    [decision] = decision_of(stack, "clean-1@support.acme.example")
    assert (decision["decision"], decision["mode"]) == ("forward", "enforce")
    assert not stack.notes_about("clean-1@support.acme.example")


def test_bad_reply_is_held_its_note_reaches_the_author_and_a_reply_releases_it(stack):
    msgid = "rude-1@support.acme.example"
    raw = reply(msgid, RUDE)
    stack.submit(AGENT, [CUSTOMER], raw)
    notes = wait_until(lambda: stack.notes_about(msgid), 60, 0.1)
    assert notes, f"no review note reached the author\n{stack.gateway_log()}"
    assert not stack.with_id(msgid, CUSTOMER)  # held, not delivered
    [decision] = decision_of(stack, msgid)
    assert decision["decision"] == "hold" and decision["hold_id"]
    note = parse(notes[0].data)
    assert notes[0].mail_from in ("", "<>")  # RFC 3834: the note cannot bounce back
    assert note["Auto-Submitted"] == "auto-replied"
    assert "your own fault" in note.get_body(("plain",)).get_content()

    stack.release(notes[0])
    [got] = stack.wait_delivered(msgid, CUSTOMER)
    assert got.data.endswith(raw)  # the original, byte for byte
    assert got.mail_from == AGENT
    # The release mail itself was consumed by the gateway, never delivered.
    assert not [m for m in stack.sink.messages
                if any(r.startswith("grace-release") for r in m.rcpt_tos)]
    # "released" is recorded once the 10026 listener said 250 (a moment after it delivered).
    assert wait_until(lambda: "released" in [
        r["kind"] for r in records(stack) if r.get("hold_id") == decision["hold_id"]])
    # Exactly once, also after the author's "done" answer went out.
    wait_until(lambda: [m for m in stack.sink.to(AGENT)
                        if parse(m.data).get("X-Grace-Gateway", "").startswith("answer")])
    assert len(stack.with_id(msgid, CUSTOMER)) == 1


def test_smtputf8_addresses_and_subject_pass(stack):
    msgid = "utf8-1@support.acme.example"
    raw = (
        f"From: Jürgen Weiß <{UTF8_AGENT}>\r\nTo: Zoë <{UTF8_CUSTOMER}>\r\n"
        "Subject: Re: Größe der Rechnung – Änderung ✓\r\n"
        "In-Reply-To: <q7@kunde.example>\r\nReferences: <q7@kunde.example>\r\n"
        f"Message-ID: <{msgid}>\r\nDate: Tue, 03 Mar 2026 15:00:00 +0100\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        "Hi Zoë,\r\n\r\nThank you for writing. I corrected the address on your invoice today, "
        "as you asked; the new invoice for 40 € is in your account now. If anything is still "
        "wrong, reply here and I will correct it by 15:00 CET tomorrow.\r\n\r\nJürgen\r\n"
    ).encode()
    stack.submit(UTF8_AGENT, [UTF8_CUSTOMER], raw, utf8=True)
    [got] = stack.wait_delivered(msgid, UTF8_CUSTOMER)
    assert got.data.endswith(raw)
    assert got.mail_from == UTF8_AGENT
    assert "SMTPUTF8" in got.mail_options
    [decision] = decision_of(stack, msgid)
    assert (decision["decision"], decision["mode"]) == ("forward", "enforce")


def test_ten_megabyte_reply_passes(stack):
    # 10 MB fits Postfix's default message_size_limit (10240000 bytes).
    msgid = "big-1@support.acme.example"
    raw = big_reply(msgid, 10_000_000)
    stack.submit(AGENT, [CUSTOMER], raw)
    [got] = stack.wait_delivered(msgid, CUSTOMER, timeout=120)
    assert got.data.endswith(raw)
    [decision] = decision_of(stack, msgid)
    assert (decision["decision"], decision.get("findings", [])) == ("forward", [])


def test_note_about_a_held_reply_at_the_size_limit_reaches_the_author(stack):
    """The note attaches the held original, so it is larger than the largest
    message Postfix accepts; the 10026 listener's own cleanup lets it in."""
    limit = int(stack.postfix.postconf("-h", "message_size_limit"))
    msgid = "big-rude-1@support.acme.example"
    raw = big_reply(msgid, limit - 4_000, body=RUDE)
    stack.submit(AGENT, [CUSTOMER], raw)
    notes = wait_until(lambda: stack.notes_about(msgid), 120, 0.2)
    assert notes, f"{stack.postfix.log_tail()}\n{stack.gateway_log()}"
    assert len(notes[0].data) > limit
    assert raw in notes[0].data  # attached whole, as message/rfc822


def test_healthz_and_metrics_count_what_went_through_postfix(stack):
    status, body = stack.http_get("/healthz")
    assert status == 200, body  # the next hop is Postfix's 10026 listener
    # Every decision the workers recorded in the audit log is counted once, summed
    # over both worker processes, whichever worker answers the scrape.
    decided = [r for r in records(stack) if r.get("kind") == "decision"]
    expected = Counter((r["decision"], r.get("mode") or "none") for r in decided)
    # Mail to the release address is answered without a decision record.
    expected[("control", "none")] = len([line for line in stack.postfix.statuses("sent")
                                         if "to=<grace-release+" in line])
    rules = Counter(f["rule"] for r in decided for f in r.get("findings", []))
    ended = {r.get("hold_id") for r in records(stack)
             if r["kind"] in ("released", "discarded", "superseded", "expired")}
    open_holds = {r["hold_id"] for r in decided if r["decision"] == "hold"} - ended
    notes_sent = len([r for r in records(stack) if r["kind"] == "note-sent"])
    for _ in range(4):  # several scrapes, served by either worker
        status, body = stack.http_get("/metrics")
        assert status == 200
        samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
                   for fam in text_string_to_metric_families(body.decode())
                   for s in fam.samples}
        counted = Counter({(dict(k[1])["decision"], dict(k[1])["mode"]): int(v)
                           for k, v in samples.items() if k[0] == "grace_messages_total"})
        assert +counted == +expected
        by_rule = Counter()
        for (name, labels), value in samples.items():
            if name == "grace_findings_total":
                by_rule[dict(labels)["rule"]] += int(value)
        assert +by_rule == +rules
        processed = sum(v for (name, _), v in samples.items()
                        if name == "grace_processing_seconds_count")
        assert processed == sum(expected.values())
        assert samples[("grace_holds_open", ())] == len(open_holds)
        assert samples.get(("grace_notes_sent_total", ()), 0) == notes_sent
    workers = {r.get("node") for r in decided}
    print(f"e2e: decisions made by {len(workers)} worker process(es): {sorted(workers)}")


# ----------------------------------------------------------------- failure and roll-back


def test_gateway_down_postfix_defers_then_delivers_exactly_once(stack):
    assert stack.stop_gateway() == 0  # SIGTERM drains and exits 0
    msgid = "while-down-1@support.acme.example"
    raw = reply(msgid, CLEAN)
    queue_id = stack.submit(AGENT, [CUSTOMER], raw)
    pf = stack.postfix
    deferred = wait_until(lambda: [line for line in pf.statuses("deferred") if queue_id in line],
                          30, 0.1)
    assert deferred and "Connection refused" in deferred[0], pf.log_tail()
    [queued] = [q for q in pf.queue() if q["queue_id"] == queue_id]
    assert queued["queue_name"] == "deferred"
    assert not stack.with_id(msgid)
    assert not pf.statuses("bounced")
    assert not [m for m in stack.sink.messages if m.mail_from in ("", "<>")
                and b"MAILER-DAEMON" in header_block(m.data)]

    stack.start_gateway()
    pf.flush()
    stack.wait_delivered(msgid, CUSTOMER)
    assert wait_until(lambda: not pf.queue(), 30, 0.1), pf.queue()
    # The queue is empty and the gateway answered: nothing else can arrive.
    [got] = stack.with_id(msgid, CUSTOMER)
    assert got.data.endswith(raw)
    assert len(decision_of(stack, msgid)) == 1


def test_roll_back_in_one_step_keeps_release_by_mail_working(stack):
    """deploy/postfix/README.md "Roll back": mail then bypasses the gateway, and a
    reply to a review note still reaches it through grace_transport."""
    msgid = "rude-2@support.acme.example"
    raw = reply(msgid, RUDE)
    stack.submit(AGENT, [CUSTOMER], raw)
    notes = wait_until(lambda: stack.notes_about(msgid), 60, 0.1)
    assert notes, stack.gateway_log()

    pf = stack.postfix
    pf.run("postconf", "-c", str(pf.etc), "-X", "content_filter", "receive_override_options")
    pf.run("postfix", "-c", str(pf.etc), "reload")
    assert wait_until(lambda: any("reload" in line for line in pf.log_lines()), 30, 0.1)

    bypass = (f"From: Billing <{OUTSIDER}>\r\nTo: <{CUSTOMER}>\r\nSubject: After roll-back\r\n"
              "Message-ID: <oos-2@elsewhere.example>\r\n"
              "Date: Tue, 03 Mar 2026 16:00:00 +0100\r\n\r\nNo gateway on this path.\r\n"
              ).encode()
    stack.submit(OUTSIDER, [CUSTOMER], bypass)
    [got] = stack.wait_delivered("oos-2@elsewhere.example", CUSTOMER)
    assert b"grace-gateway.localhost" not in header_block(got.data)
    assert not decision_of(stack, "oos-2@elsewhere.example")

    queue_id = stack.release(notes[0])
    [released] = stack.wait_delivered(msgid, CUSTOMER)
    assert released.data.endswith(raw)
    via_gateway = [line for line in pf.statuses("sent")
                   if queue_id in line and f":{stack.ports.gateway}," in line]
    assert via_gateway and "postfix/grace/smtp" in via_gateway[0], pf.log_tail()

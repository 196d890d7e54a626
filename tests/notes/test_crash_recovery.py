"""A release interrupted by a crash is finished on restart, and never twice.

The gateway runs as a real `grace serve` process and is killed with SIGKILL; how
far its forward got is read from the hold's release lease in the store (the
same place the restarted gateway reads it from):
* after "release intent recorded" while it is still reaching the next hop -> on
  restart the message is forwarded exactly once (the dead process's lease is
  taken over at once, without waiting for it to run out);
* while the next hop holds the message in DATA (delivery unknown) -> on restart
  it is NOT sent again; the hold goes back to HELD, escalated to a person, who
  releases it once with the CLI;
* after the next hop said 250 but before RELEASED was recorded -> on restart
  the release is recorded without sending again;
* a release interrupted under schema 1 (a claim file) is finished as its claim
  says after the upgrade.
"""

from __future__ import annotations

import asyncio
import json
import signal
import smtplib
import socket
import threading
from datetime import UTC, datetime
from pathlib import Path

from conftest import LOOPBACK, audit_records, base_config, free_port, wait_until, write_config
from notekit import AGENT, CUSTOMER, REVIEWER, parse, reply_bytes

from gateway.cli import main as grace
from gateway.config import load_settings
from gateway.notes.actions import lease_owner
from gateway.notes.tokens import TokenSigner
from gateway.store import make_store
from gateway.store.records import ForwardStage, HoldState

SECRET = "crash-test-secret-0123456789"


def _config(tmp_path: Path, state: Path, port: int, next_hop: int, name: str) -> Path:
    cfg = base_config(state, port, next_hop,
                      holds={"reviewers": [REVIEWER], "secret": SECRET},
                      relay={"connect_timeout": "60s", "timeout": "60s"})
    return write_config(tmp_path / name, cfg)


def _hold(settings, hold_id: str):
    async def read():
        store = make_store(settings)
        await store.open(create=False)
        try:
            return await store.get_hold(hold_id)
        finally:
            await store.close()

    return asyncio.run(read())


def _send(port: int, raw: bytes, rcpts, sender: str = AGENT, timeout: float = 60):
    with smtplib.SMTP(LOOPBACK, port, timeout=timeout) as client:
        client.ehlo("client.test")
        client.mail(sender, ["BODY=8BITMIME"])
        for rcpt in rcpts:
            client.rcpt(rcpt)
        code, text = client.data(raw)
        return code, text.decode()


def _hold_reply(port: int, raw: bytes) -> str:
    code, text = _send(port, raw, (CUSTOMER,))
    assert code == 250 and "held for review as h" in text, text
    return text.split("held for review as ", 1)[1].split(";", 1)[0]


def _release_mail(hold_id: str) -> tuple[str, bytes]:
    """The author's reply to the note (the token is made with the configured secret)."""
    token, _ = TokenSigner(SECRET.encode(), 7 * 86400).issue_for_hold(
        hold_id, AGENT, datetime.now(UTC))
    to = f"grace-release+{token}@acme.example"
    raw = (f"From: <{AGENT}>\r\nTo: <{to}>\r\nSubject: Re: on hold\r\n"
           "Message-ID: <release-1@support.acme.example>\r\n\r\n"
           "The customer asked for this wording.\r\n").encode()
    return to, raw


def _release_in_background(port: int, hold_id: str) -> threading.Thread:
    to, raw = _release_mail(hold_id)

    def run() -> None:
        try:
            _send(port, raw, (to,), timeout=90)
        except (smtplib.SMTPException, OSError):
            pass  # the gateway is killed while we wait: expected

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _leased(settings, hold_id: str, stage: ForwardStage):
    """The hold once a gateway process holds its release lease at `stage`."""
    hold = _hold(settings, hold_id)
    return hold if hold.forward_owner and hold.forward_stage == stage else None


#: A process of this host that is not running (above any pid the kernel hands out).
DEAD_PID = 999_999_999


def test_killed_before_the_next_hop_got_it_forwards_exactly_once_on_restart(
    tmp_path, sink, spawn_gateway
):
    state, port = tmp_path / "state", free_port()
    # A next hop that accepts the TCP connection and never says a word.
    blackhole = socket.socket()
    blackhole.bind((LOOPBACK, 0))
    blackhole.listen(16)
    try:
        first = _config(tmp_path, state, port, blackhole.getsockname()[1], "first.toml")
        gateway = spawn_gateway(first, port)
        raw = reply_bytes()
        hold_id = _hold_reply(port, raw)
        settings = load_settings(first)
        sender = _release_in_background(port, hold_id)
        # Intent recorded, forward in progress (stuck reaching the next hop) ...
        leased = wait_until(lambda: _leased(settings, hold_id, ForwardStage.NONE), timeout=30)
        assert leased and leased.state == HoldState.RELEASING
        assert f"|{gateway.proc.pid}|" in leased.forward_owner  # the lease is that process's
        assert leased.lease_until > datetime.now(UTC)
        gateway.signal(signal.SIGKILL)  # ... and the gateway dies, its lease still live.
        gateway.wait(10)
        sender.join(10)
    finally:
        blackhole.close()
    assert not sink.to(CUSTOMER)

    second = _config(tmp_path, state, port, sink.port, "second.toml")
    restarted = spawn_gateway(second, port)
    delivered = wait_until(lambda: sink.to(CUSTOMER), timeout=30)
    assert [m.data for m in delivered] == [raw]
    released = wait_until(lambda: (h := _hold(settings, hold_id)).state == HoldState.RELEASED
                          and h, timeout=10)
    assert released and released.forward_owner == "" and released.lease_until is None
    restarted.stop()
    # A second restart changes nothing.
    again = spawn_gateway(second, port)
    # "listening on" is logged after the start-up recovery has run.
    assert wait_until(lambda: "listening on" in again.log_text(), timeout=30)
    assert [m.data for m in sink.to(CUSTOMER)] == [raw]
    events = [r for r in audit_records(settings) if r.get("hold_id") == hold_id
              and r["kind"] in ("release-requested", "released")]
    assert [e["kind"] for e in events] == ["release-requested", "released"]
    assert events[0]["actor"] == AGENT and "this wording" in events[0]["reason"]


def test_killed_while_the_next_hop_had_the_data_is_not_sent_twice(
    tmp_path, sink, spawn_gateway
):
    state, port = tmp_path / "state", free_port()
    config = _config(tmp_path, state, port, sink.port, "grace.toml")
    settings = load_settings(config)
    gateway = spawn_gateway(config, port)
    raw = reply_bytes()
    hold_id = _hold_reply(port, raw)
    assert wait_until(lambda: sink.to(AGENT), timeout=30)  # the note went out
    sink.delay = 60  # the next hop now sits on DATA
    _release_in_background(port, hold_id)
    assert wait_until(lambda: _leased(settings, hold_id, ForwardStage.DATA), timeout=30)
    gateway.signal(signal.SIGKILL)
    gateway.wait(10)
    sink.delay = 0
    assert not sink.to(CUSTOMER)

    spawn_gateway(config, port)
    hold = wait_until(lambda: (h := _hold(settings, hold_id)).state == HoldState.HELD
                      and h.escalated_at and h, timeout=30)
    assert hold, "an interrupted release with unknown delivery goes back to a person"
    assert not sink.to(CUSTOMER)
    assert wait_until(lambda: [m for m in sink.to(REVIEWER)
                               if "was this reply delivered" in parse(m.data)["Subject"]])
    [escalated] = [r for r in audit_records(settings) if r.get("hold_id") == hold_id
                   and r["kind"] == "escalated"]
    assert escalated["extra"]["delivery"] == "unknown"
    # The person checked: it never arrived.  One command sends it, once.
    assert grace(["held", "release", hold_id, "--reason", "not delivered",
                  "--config", str(config)]) == 0
    assert [m.data for m in sink.to(CUSTOMER)] == [raw]
    assert _hold(settings, hold_id).actor.startswith("cli:")


def test_killed_after_the_next_hop_said_250_records_without_resending(
    tmp_path, sink, spawn_gateway
):
    state, port = tmp_path / "state", free_port()
    config = _config(tmp_path, state, port, sink.port, "grace.toml")
    settings = load_settings(config)
    gateway = spawn_gateway(config, port)
    hold_id = _hold_reply(port, reply_bytes())
    gateway.stop()

    # What a process killed right after the next hop's 250 leaves behind: the hold
    # RELEASING, its lease (an hour left on it) saying "delivered", held by a
    # process of this host that no longer runs.
    _release_intent(settings, hold_id)

    async def mark_delivered():
        store = make_store(settings)
        await store.open(create=False)
        try:
            dead, now = lease_owner("node-before-crash", pid=DEAD_PID), datetime.now(UTC)
            assert await store.claim_forward(hold_id, dead, now, 3600)
            assert await store.mark_forward(hold_id, dead, ForwardStage.DELIVERED, now, 3600,
                                            "250 2.0.0 Ok: queued as EARLIER")
        finally:
            await store.close()

    asyncio.run(mark_delivered())
    before = len(sink.to(CUSTOMER))

    spawn_gateway(config, port)
    hold = wait_until(lambda: (h := _hold(settings, hold_id)).state == HoldState.RELEASED
                      and h, timeout=30)
    assert hold and hold.next_hop == "250 2.0.0 Ok: queued as EARLIER"
    assert len(sink.to(CUSTOMER)) == before == 0  # recorded, not sent again
    assert hold.forward_owner == "" and hold.lease_until is None
    [released] = [r for r in audit_records(settings) if r.get("hold_id") == hold_id
                  and r["kind"] == "released"]
    assert released["extra"]["recovered"] is True


def _release_intent(settings, hold_id: str) -> None:
    """Record "release intent" as the gateway does (HELD -> RELEASING), no forward."""
    async def record():
        from gateway.notes.answers import hold_event
        from gateway.store.records import EventKind

        store = make_store(settings)
        await store.open(create=False)
        try:
            hold = await store.get_hold(hold_id)
            event = hold_event(settings, EventKind.RELEASE_REQUESTED, hold,
                               datetime.now(UTC), actor=AGENT, reason="fine")
            assert await store.transition(hold_id, [HoldState.HELD], HoldState.RELEASING,
                                          event, actor=AGENT, reason="fine")
        finally:
            await store.close()

    asyncio.run(record())


def test_a_release_interrupted_before_the_upgrade_is_finished_as_its_claim_file_says(
    tmp_path, sink, spawn_gateway
):
    state, port = tmp_path / "state", free_port()
    config = _config(tmp_path, state, port, sink.port, "grace.toml")
    settings = load_settings(config)
    gateway = spawn_gateway(config, port)
    delivered_id = _hold_reply(port, reply_bytes(msgid="r1@support.acme.example"))
    data_id = _hold_reply(port, reply_bytes(msgid="r2@support.acme.example",
                                            in_reply_to="q9@customer.example",
                                            references="q9@customer.example"))
    gateway.stop()
    # Schema 1 kept a release's progress in claim files; a dead process left two.
    _release_intent(settings, delivered_id)
    _release_intent(settings, data_id)
    claims = state / "forwarding"
    claims.mkdir(parents=True, exist_ok=True)
    (claims / f"{delivered_id}.claim").write_text(json.dumps(
        {"pid": DEAD_PID, "boot": "", "stage": "delivered",
         "reply": "250 2.0.0 Ok: queued as BEFORE-UPGRADE"}))
    (claims / f"{data_id}.claim").write_text(json.dumps(
        {"pid": DEAD_PID, "boot": "", "stage": "data", "reply": ""}))

    spawn_gateway(config, port)
    released = wait_until(lambda: (h := _hold(settings, delivered_id)).state
                          == HoldState.RELEASED and h, timeout=30)
    assert released and released.next_hop == "250 2.0.0 Ok: queued as BEFORE-UPGRADE"
    escalated = wait_until(lambda: (h := _hold(settings, data_id)).state == HoldState.HELD
                           and h.escalated_at and h, timeout=30)
    assert escalated, "delivery unknown: back to a person"
    assert not sink.to(CUSTOMER)  # neither was sent again
    assert not claims.exists()  # the files are gone: one mechanism from now on

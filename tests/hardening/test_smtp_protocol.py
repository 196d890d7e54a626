"""The SMTP side under protocol abuse: aiosmtpd's own 5xx replies cannot escape, a
broken handler leaves a clean session, timeouts answer 421 instead of closing
silently, and command_call_limit caps chatter but never transactions."""

from __future__ import annotations

import sqlite3
import time

import pytest
from conftest import decisions, wait_until

from gateway.server import COMMAND_SIZE_LIMIT, GatewayHandler

from .kit import AGENT, CUSTOMER, OTHER_SENDER, RawSMTP, closed_by_peer, plain, reply


def test_ehlo_offers_what_postfix_needs(make_gateway, sink):
    gateway = make_gateway()
    with RawSMTP(gateway.port) as client:
        code, text = client.cmd("EHLO client.test")
    assert code == 250
    offered = {line.split()[0] for line in text.splitlines()[1:]}
    assert {"8BITMIME", "SMTPUTF8", "SIZE"} <= offered
    assert "AUTH" not in offered and "STARTTLS" not in offered  # none configured
    size = next(int(line.split()[1]) for line in text.splitlines() if line.startswith("SIZE"))
    assert size == gateway.settings.server.max_message_size


def test_long_command_lines_and_dsn_parameters_are_accepted(make_gateway, sink):
    gateway = make_gateway()
    with RawSMTP(gateway.port) as client:
        client.cmd("EHLO client.test")
        envid = "Q" * 1500  # RFC 3461 allows 100; Postfix's smtpd would take 2048 bytes
        code, text = client.cmd(f"MAIL FROM:<{OTHER_SENDER}> BODY=8BITMIME SMTPUTF8 RET=HDRS "
                                f"ENVID={envid}")
        assert code == 250, text
        code, text = client.cmd(f"RCPT TO:<{CUSTOMER}> NOTIFY=SUCCESS,FAILURE,DELAY "
                                f"ORCPT=rfc822;{'x' * 900}@customer.example")
        assert code == 250, text
        assert client.cmd("DATA")[0] == 354
        client.send(b"Subject: dsn\r\nMessage-ID: <dsn@x>\r\n\r\nbody\r\n.\r\n")
        assert client.reply()[0] == 250
        # Beyond our own limit: 451 (the client retries), never aiosmtpd's 500.
        code, text = client.cmd("NOOP " + "z" * (COMMAND_SIZE_LIMIT + 10))
        assert code == 451 and "longer than this gateway accepts" in text
        assert client.cmd("NOOP")[0] == 250  # the session goes on
    assert len(sink.wait_for(1)) == 1


def test_eight_bit_body_without_body_parameter_passes(make_gateway, sink):
    gateway = make_gateway()
    raw = plain("8bit@x", "Grüße, das Paket ist unterwegs — ça va.\r\n".encode())
    with RawSMTP(gateway.port) as client:
        client.cmd("EHLO client.test")
        code, text = client.transaction(raw, sender=OTHER_SENDER)
    assert code == 250, text
    [got] = sink.wait_for(1)
    assert got.data == raw


def test_handler_exception_is_a_451_and_the_next_transaction_is_clean(
        make_gateway, sink, monkeypatch):
    """TOP 15 #1/#2: an exception escaping a handler hook becomes 451 (not aiosmtpd's
    500) and the envelope is reset (not "503 nested MAIL" with stale recipients)."""
    gateway = make_gateway()
    original = GatewayHandler.handle_DATA
    calls = []

    async def breaks_once(self, server, session, envelope):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("simulated bug in the handler")
        return await original(self, server, session, envelope)

    monkeypatch.setattr(GatewayHandler, "handle_DATA", breaks_once)
    with RawSMTP(gateway.port) as client:
        client.cmd("EHLO client.test")
        code, text = client.transaction(plain("boom@x"), sender=OTHER_SENDER,
                                        rcpts=("first@customer.example",))
        assert code == 451 and "internal problem" in text
        code, text = client.transaction(plain("after@x"), sender=OTHER_SENDER,
                                        rcpts=("second@customer.example",))
        assert code == 250, text
    [got] = sink.wait_for(1)
    assert got.rcpt_tos == ("second@customer.example",)  # no recipient of the failed one


def test_internal_failure_in_the_gateway_is_a_451_then_it_recovers(make_gateway, sink):
    gateway = make_gateway()
    analyzer = gateway.server.gateway.analyzer
    real_scope = analyzer.scope
    failures = []

    def failing_scope(raw, envelope):
        if not failures:
            failures.append(1)
            raise ValueError("simulated scan failure")
        return real_scope(raw, envelope)

    analyzer.scope = failing_scope
    try:
        with RawSMTP(gateway.port) as client:
            client.cmd("EHLO client.test")
            code, text = client.transaction(plain("scanfail@x"), sender=OTHER_SENDER)
            assert code == 451 and "internal problem" in text
            code, text = client.transaction(plain("scanok@x"), sender=OTHER_SENDER)
            assert code == 250, text
    finally:
        analyzer.scope = real_scope
    [record, *_] = wait_until(lambda: decisions(gateway.settings))
    assert record["decision"] == "deferred" and "internal error" in record["reason"]


def test_a_slow_upload_is_cut_with_421_not_silently(make_gateway, sink):
    gateway = make_gateway(server={"timeout": "2s", "processing_deadline": "1s"})
    with RawSMTP(gateway.port, timeout=20) as client:
        client.cmd("EHLO client.test")
        assert client.cmd(f"MAIL FROM:<{OTHER_SENDER}>")[0] == 250
        assert client.cmd(f"RCPT TO:<{CUSTOMER}>")[0] == 250
        assert client.cmd("DATA")[0] == 354
        started = time.monotonic()
        client.send(b"Subject: slow\r\n\r\n")
        answer = None
        while time.monotonic() - started < 10:  # a line every 0.4 s: never finishes
            try:
                client.send(b"still typing\r\n")
            except OSError:
                break
            client.sock.settimeout(0.4)
            try:
                answer = client.reply()
                break
            except TimeoutError:
                continue
            except ConnectionError:
                break
        assert answer is not None, "the session was closed without an answer"
        code, text = answer
        assert code == 421 and "timed out waiting for the message upload" in text
        assert closed_by_peer(client.sock)
    assert sink.messages == []


def test_an_idle_client_gets_421_before_the_close(make_gateway, sink):
    gateway = make_gateway(server={"timeout": "1s", "processing_deadline": "0.5s"})
    with RawSMTP(gateway.port, timeout=10) as client:
        code, text = client.reply()
        assert code == 421 and "next command" in text
        assert closed_by_peer(client.sock)


def test_command_call_limit_caps_noop_but_not_transactions(make_gateway, sink):
    gateway = make_gateway()  # the default limit
    limit = gateway.settings.server.command_call_limit
    assert limit > 0
    with RawSMTP(gateway.port) as client:
        assert all(client.cmd("NOOP")[0] == 250 for _ in range(limit))
        code, text = client.cmd("NOOP")
        assert code == 421 and "too many times" in text
        assert closed_by_peer(client.sock)

    # Postfix's connection reuse: many more transactions than the limit, one session.
    count = 2 * limit + 50
    with RawSMTP(gateway.port) as client:
        client.cmd("EHLO client.test")
        for i in range(count):
            code, text = client.transaction(plain(f"reuse{i}@x"), sender=OTHER_SENDER)
            assert code == 250, (i, text)
            assert client.cmd("RSET")[0] == 250
    assert len(sink.wait_for(count, timeout=30)) == count


def test_a_deadline_after_delivery_keeps_the_250(make_gateway, sink):
    """The next hop said 250, then the audit append waits for a locked database past
    the deadline: the answer is still 250 (a 451 would make the client send a
    duplicate), and the record is written once the lock is gone."""
    gateway = make_gateway(server={"processing_deadline": "2s"})
    # wait out any write the starting gateway still has in flight, then hold the lock
    locker = sqlite3.connect(gateway.settings.db_path, timeout=10, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        with RawSMTP(gateway.port) as client:
            client.cmd("EHLO client.test")
            started = time.monotonic()
            code, text = client.transaction(reply("late-audit@support.acme.example"))
            waited = time.monotonic() - started
        assert code == 250 and "forwarded" in text, text
        assert waited >= 1.5  # it really waited for the deadline
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert len(sink.wait_for(1)) == 1
    records = wait_until(lambda: decisions(gateway.settings), timeout=20)
    assert [r["decision"] for r in records] == ["forward"]


@pytest.mark.parametrize("sender", [AGENT, OTHER_SENDER])
def test_deadline_while_the_next_hop_has_the_data_says_a_duplicate_is_possible(
        make_gateway, sink, sender):
    gateway = make_gateway(server={"processing_deadline": "1s"})
    sink.delay = 3.0
    raw = reply("slow-hop@support.acme.example") if sender == AGENT else plain("slow@x")
    with RawSMTP(gateway.port) as client:
        client.cmd("EHLO client.test")
        code, text = client.transaction(raw, sender=sender)
        assert code == 451 and "duplicate is possible" in text, text
        assert client.cmd("NOOP")[0] == 250
    [record] = wait_until(lambda: decisions(gateway.settings))
    assert record["decision"] == "deferred" and record["extra"]["maybe_delivered"] is True

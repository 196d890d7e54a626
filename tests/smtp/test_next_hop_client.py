"""The next-hop client (gateway.relay.NextHop) against a real SMTP next hop on
loopback: exact bytes, dot-stuffing, PIPELINING, connection reuse, refusals and a
silent next hop.  The next hop is the tests' aiosmtpd sink, here also announcing
PIPELINING as Postfix does (aiosmtpd reads pipelined commands in order)."""

from __future__ import annotations

import asyncio
import socket
import threading

import pytest
from conftest import CUSTOMER, LOOPBACK, Sink, _SinkController, _SinkHandler

from gateway.config import HostPort
from gateway.relay import NextHop, Outcome, dot_stuffed, smtp_path

SENDER = "billing@elsewhere.example"


class _PipeliningHandler(_SinkHandler):
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return [*responses[:-1], "250-PIPELINING", responses[-1]]


class PipeliningSink(Sink):
    """The tests' sink, announcing PIPELINING."""

    def start(self) -> PipeliningSink:
        self._controller = _SinkController(
            _PipeliningHandler(self), hostname=LOOPBACK, port=self.port,
            server_hostname="sink.test", data_size_limit=None,
            enable_SMTPUTF8=True, decode_data=False,
        )
        self._controller.start()
        return self


@pytest.fixture(params=["plain", "pipelining"])
def next_hop_sink(request):
    sink = (PipeliningSink() if request.param == "pipelining" else Sink()).start()
    try:
        yield sink
    finally:
        sink.stop()


def hop(port: int, **kwargs) -> NextHop:
    return NextHop(HostPort(LOOPBACK, port), helo_name="gateway.test", **kwargs)


def run(coro):
    return asyncio.run(coro)


def message(body: bytes) -> bytes:
    return (b"From: <billing@elsewhere.example>\r\nTo: <kim@customer.example>\r\n"
            b"Subject: bytes\r\n\r\n" + body)


def test_bytes_arrive_exactly_with_dots_bare_lf_and_8bit(next_hop_sink):
    raw = message(b".starts with a dot\r\n..two dots\r\nbare LF\nin the middle\r\n"
                  b"caf\xc3\xa9 8-bit\r\n.\r\nnot the end\r\n")

    async def go():
        relay = hop(next_hop_sink.port)
        result = await relay.send(SENDER, [CUSTOMER], raw, ["BODY=8BITMIME"])
        await relay.close()
        return result

    result = run(go())
    assert result.outcome == Outcome.DELIVERED and result.code == 250
    [got] = next_hop_sink.wait_for(1)
    assert got.data == raw
    assert "BODY=8BITMIME" in got.mail_options


def test_a_big_message_arrives_exactly(next_hop_sink):
    line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n"
    raw = message(line * 20_000 + b".a dot line near the end\r\n" + line * 10)

    async def go():
        relay = hop(next_hop_sink.port)
        result = await relay.send(SENDER, [CUSTOMER], raw)
        await relay.close()
        return result

    assert run(go()).outcome == Outcome.DELIVERED
    [got] = next_hop_sink.wait_for(1)
    assert len(raw) > 1_000_000 and got.data == raw


def test_connections_are_reused(next_hop_sink):
    async def go():
        relay = hop(next_hop_sink.port)
        results = [await relay.send(SENDER, [CUSTOMER], message(b"n %d\r\n" % i))
                   for i in range(20)]
        extensions = relay._idle[0].client.extensions
        await relay.close()
        return relay, results, extensions

    relay, results, extensions = run(go())
    assert all(r.outcome == Outcome.DELIVERED for r in results)
    assert relay.connects == 1
    # the parametrisation really ran both dialogues
    assert ("PIPELINING" in extensions) == isinstance(next_hop_sink, PipeliningSink)
    assert [m.data for m in next_hop_sink.wait_for(20)] == [
        message(b"n %d\r\n" % i) for i in range(20)]


def test_a_refused_recipient_means_nothing_is_delivered(next_hop_sink):
    second = "gone@customer.example"
    next_hop_sink.rcpt_replies[second] = "550 5.1.1 No such user"

    async def go():
        relay = hop(next_hop_sink.port)
        refused = await relay.send(SENDER, [CUSTOMER, second], message(b"half\r\n"))
        after = await relay.send(SENDER, [CUSTOMER], message(b"after\r\n"))
        await relay.close()
        return refused, after

    refused, after = run(go())
    assert refused.outcome == Outcome.DEFERRED and refused.code == 451
    assert second in refused.text and "No such user" in refused.text
    assert after.outcome == Outcome.DELIVERED  # the next message is unaffected
    assert [m.data for m in next_hop_sink.wait_for(1)] == [message(b"after\r\n")]


def test_every_recipient_refused_is_the_next_hops_5xx(next_hop_sink):
    next_hop_sink.rcpt_replies[CUSTOMER] = "550 5.1.1 No such user"

    async def go():
        relay = hop(next_hop_sink.port)
        result = await relay.send(SENDER, [CUSTOMER], message(b"nobody\r\n"))
        await relay.close()
        return result

    result = run(go())
    assert result.outcome == Outcome.REJECTED and result.code == 550
    assert next_hop_sink.messages == []


def test_a_refused_sender_is_passed_back(next_hop_sink):
    next_hop_sink.mail_reply = "553 5.7.1 Sender not allowed"

    async def go():
        relay = hop(next_hop_sink.port)
        result = await relay.send(SENDER, [CUSTOMER], message(b"x\r\n"))
        await relay.close()
        return result

    result = run(go())
    assert result.outcome == Outcome.REJECTED and result.code == 553
    assert "Sender not allowed" in result.text


def test_a_restarted_next_hop_is_retried_on_a_fresh_connection(next_hop_sink):
    async def go():
        relay = hop(next_hop_sink.port)
        first = await relay.send(SENDER, [CUSTOMER], message(b"first\r\n"))
        await asyncio.to_thread(next_hop_sink.stop)
        await asyncio.to_thread(next_hop_sink.start)
        second = await relay.send(SENDER, [CUSTOMER], message(b"second\r\n"))
        await relay.close()
        return first, second, relay.connects

    first, second, connects = run(go())
    assert first.outcome == second.outcome == Outcome.DELIVERED
    assert connects == 2


def test_a_silent_next_hop_is_a_deferral_not_a_hang():
    """A next hop that accepts the connection and never says a word."""
    listener = socket.socket()
    listener.bind((LOOPBACK, 0))
    listener.listen(5)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        async def go():
            relay = hop(listener.getsockname()[1], timeout=0.5)
            return await relay.send(SENDER, [CUSTOMER], message(b"x\r\n"))

        result = run(go())
    finally:
        stop.set()
        thread.join(2)
        for s in accepted:
            s.close()
        listener.close()
    assert result.outcome == Outcome.DEFERRED and result.code == 451
    assert result.unreachable and "0.5 s" in result.text


def test_smtp_path_quotes_and_refuses():
    assert smtp_path("") == "<>"
    assert smtp_path("<>") == "<>"
    assert smtp_path("kim@customer.example") == "<kim@customer.example>"
    assert smtp_path("postmaster") == "<postmaster>"
    assert smtp_path("john doe@x.example") == '<"john doe"@x.example>'
    assert smtp_path('"john doe"@x.example') == '<"john doe"@x.example>'  # kept, not re-quoted
    assert smtp_path("jürgen@bücher.example") == "<jürgen@bücher.example>"
    with pytest.raises(ValueError):
        smtp_path("a@b.example\r\nRCPT TO:<evil@x>")


def test_dot_stuffing_doubles_line_initial_dots_only():
    assert dot_stuffed(b".a\r\nb.c\r\n..d\r\n") == b"..a\r\nb.c\r\n...d\r\n"
    assert dot_stuffed(b"x\n.y") == b"x\n..y\r\n"  # a bare-LF line too (no smuggling)
    raw = b"no dots at line starts\r\n"
    assert dot_stuffed(raw) is raw  # nothing to do: not even a copy


def test_busy_sessions_keep_their_connections_beyond_pool_size(next_hop_sink):
    """Waves of 10 messages at once with pool_size 2: the connections of the first
    wave serve the next ones (not closed down to 2 and opened again)."""

    async def go():
        relay = hop(next_hop_sink.port, pool_size=2)
        for wave in range(5):
            results = await asyncio.gather(*(
                relay.send(SENDER, [CUSTOMER], message(b"w%d m%d\r\n" % (wave, n)))
                for n in range(10)))
            assert all(r.outcome == Outcome.DELIVERED for r in results)
        await relay.close()
        return relay.connects

    connects = run(go())
    assert len(next_hop_sink.wait_for(50)) == 50
    assert connects == 10  # keeping only pool_size (2) would open 8 more per wave

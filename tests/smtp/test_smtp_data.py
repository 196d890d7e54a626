"""The DATA reader (gateway.smtp_data) against aiosmtpd's rules, byte for byte.

The reader is fed the bytes after the 354 in random pieces (so the end marker,
a CRLF or a leading dot falls across pieces) and must give what aiosmtpd's
line-by-line DATA would: the same unstuffed body, the same 500/552 for too
long a line or too much data, and the bytes after the end left for the next
command.  Then over real SMTP: the gateway's answers and the next hop's bytes."""

from __future__ import annotations

import asyncio
import random
import smtplib
import socket

import pytest
from conftest import CUSTOMER, LOOPBACK

from gateway.smtp_data import CHUNK, TOO_LONG, TOO_MUCH, DataReader


def reference(stream: bytes, size_limit: int, line_limit: int) -> tuple[bytes | None, str | None]:
    """aiosmtpd 1.4.6's smtp_DATA, reduced to its rules (lines end at CRLF only)."""
    lines, pos, size, error = [], 0, 0, None
    while True:
        end = stream.index(b"\r\n", pos) + 2
        line, pos = stream[pos:end], end
        if line == b".\r\n":
            break
        if error is None and len(line) > line_limit:
            error = TOO_LONG
        size += len(line)
        if error is None and size_limit and size > size_limit:
            error = TOO_MUCH
        lines.append(line[1:] if line.startswith(b".") else line)
    return (None, error) if error else (b"".join(lines), None)


def feed_in_pieces(stream: bytes, rng: random.Random, size_limit: int, line_limit: int,
                   after: bytes = b""):
    async def go():
        reader = asyncio.StreamReader(limit=1 << 20)
        pos, data = 0, stream + after
        while pos < len(data):
            step = rng.choice([1, 2, 3, 5, 64, 4096, CHUNK + 7, len(data)])
            reader.feed_data(data[pos:pos + step])
            pos += step
        result = await DataReader(reader, size_limit, line_limit).read()
        rest = reader._buffer and bytes(reader._buffer)  # what the next command reads
        return result, rest or b""

    return asyncio.run(go())


def random_message(rng: random.Random) -> bytes:
    pieces = [b".", b"..", b"a", b"\r\n", b"\n", b"\r", b"xyz" * rng.randint(1, 40),
              b"\r\n.", b"\r\n..", b"\r\n.x", "é".encode(), b"\r\n\r\n"]
    body = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 200)))
    if rng.random() < 0.2:
        body *= rng.randint(50, 400)
    if body and not body.endswith(b"\r\n"):
        body += b"\r\n"
    if body.startswith(b".\r\n"):
        body = b"." + body
    while b"\r\n.\r\n" in body:  # a body never holds the end
        body = body.replace(b"\r\n.\r\n", b"\r\n..\r\n")
    return body


def test_random_messages_read_exactly_as_aiosmtpd_would():
    rng = random.Random(11)
    for _ in range(400):
        stream = random_message(rng) + b".\r\n"
        got, rest = feed_in_pieces(stream, rng, 0, 1 << 20)
        assert got == reference(stream, 0, 1 << 20), stream[:200]
        assert rest == b""


@pytest.mark.parametrize("body", [b"", b"\r\n", b"a\r\n", b"..\r\n", b"\r\n..\r\n",
                                  b".a\r\n.b\r\n", b"x\r\n.", b"x\r\n.\r", b"x\n.\r\n"])
def test_edges(body):
    stream = body + (b"\r\n" if body and not body.endswith(b"\r\n") else b"") + b".\r\n"
    for seed in range(20):
        got, _ = feed_in_pieces(stream, random.Random(seed), 0, 1 << 20)
        assert got == reference(stream, 0, 1 << 20)


def test_limits_match_aiosmtpd():
    rng = random.Random(3)
    big = b"0123456789" * 100 + b"\r\n"  # 1002-byte lines
    stream = big * 50 + b".\r\n"
    for limit in (1, 1002, 5000, 50 * 1002 - 1, 50 * 1002, 50 * 1002 + 1):
        got, _ = feed_in_pieces(stream, rng, limit, 1 << 20)
        assert got == reference(stream, limit, 1 << 20), limit
    long_line = b"x" * (CHUNK * 5) + b"\r\n"
    for line_limit in (CHUNK * 4, CHUNK * 5 + 1, CHUNK * 5 + 2):
        stream = b"short\r\n" + long_line + b"end\r\n.\r\n"
        got, _ = feed_in_pieces(stream, rng, 0, line_limit)
        assert got == reference(stream, 0, line_limit), line_limit


def test_bytes_after_the_end_are_left_for_the_next_command():
    got, rest = feed_in_pieces(b"hello\r\n.\r\n", random.Random(1), 0, 1 << 20,
                               after=b"QUIT\r\n")
    assert got == (b"hello\r\n", None)
    assert rest == b"QUIT\r\n"


def test_over_smtp_a_big_message_with_dots_arrives_exactly(make_gateway, sink):
    gateway = make_gateway()
    line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n"
    raw = (b"From: <billing@elsewhere.example>\r\nTo: <kim@customer.example>\r\n"
           b"Subject: big\r\nMessage-ID: <big@elsewhere.example>\r\n\r\n"
           + b".first line\r\n" + line * 40_000 + b"..\r\n" + line * 3 + b"bare\nLF\r\n")
    with smtplib.SMTP(LOOPBACK, gateway.port, timeout=60) as client:
        client.ehlo("client.test")
        assert client.sendmail("billing@elsewhere.example", [CUSTOMER], raw) == {}
        # the session goes on after a big message
        assert client.noop()[0] == 250
    [got] = sink.wait_for(1, timeout=30)
    assert got.data == raw


def test_over_smtp_a_client_that_pipelines_after_the_dot_is_understood(make_gateway, sink):
    gateway = make_gateway()
    raw = (b"From: <billing@elsewhere.example>\r\nSubject: x\r\n"
           b"Message-ID: <pipe@elsewhere.example>\r\n\r\nhi\r\n")
    with socket.create_connection((LOOPBACK, gateway.port), timeout=30) as conn:
        reader = conn.makefile("rb")

        def reply() -> bytes:
            while True:
                line = reader.readline()
                if line[3:4] != b"-":
                    return line

        assert reply().startswith(b"220")
        conn.sendall(b"EHLO client.test\r\n")
        assert reply().startswith(b"250")
        conn.sendall(b"MAIL FROM:<billing@elsewhere.example>\r\nRCPT TO:<" + CUSTOMER.encode()
                     + b">\r\nDATA\r\n")
        assert reply().startswith(b"250") and reply().startswith(b"250")
        assert reply().startswith(b"354")
        conn.sendall(raw + b".\r\nNOOP\r\nQUIT\r\n")  # not waiting for the answer
        assert reply().startswith(b"250")
        assert reply().startswith(b"250")  # NOOP
        assert reply().startswith(b"221")  # QUIT
    [got] = sink.wait_for(1)
    assert got.data == raw

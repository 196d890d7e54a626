"""Helpers for the hardening tests: messages, a raw SMTP client, a flapping next hop.

Everything speaks real SMTP on 127.0.0.1; nothing here mocks the gateway.
"""

from __future__ import annotations

import asyncio
import base64
import re
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as AioSMTP

LOOPBACK = "127.0.0.1"
AGENT = "maria@support.acme.example"
CUSTOMER = "kim@customer.example"
OTHER_SENDER = "billing@elsewhere.example"

#: A reply with no words of its own: held by `reply.empty` whatever the rule
#: packs say about wording (the hold path without depending on phrase lists).
EMPTY_BODY = b"\r\n"

CLEAN_BODY = (
    b"Hi Kim,\r\n\r\nThank you for your patience. I have issued the refund of 40 EUR "
    b"today; it will reach your card within 3 working days. If it has not arrived by "
    b"Friday, reply here and I will chase it with the bank myself.\r\n\r\n"
    b"Best regards,\r\nMaria\r\n"
)


def reply(msgid: str, body: bytes = CLEAN_BODY, *, subject: bytes = b"Re: Your refund",
          thread: str = "q1@customer.example", headers: bytes = b"",
          content_type: bytes = b"text/plain; charset=utf-8") -> bytes:
    """An in-scope support reply (agent -> customer, threaded)."""
    return (
        b"From: Maria Lopez <" + AGENT.encode() + b">\r\n"
        b"To: Kim <" + CUSTOMER.encode() + b">\r\n"
        b"Subject: " + subject + b"\r\n"
        b"In-Reply-To: <" + thread.encode() + b">\r\n"
        b"References: <" + thread.encode() + b">\r\n"
        b"Message-ID: <" + msgid.encode() + b">\r\n"
        b"Date: Mon, 03 Mar 2025 10:00:00 +0000\r\n"
        + headers +
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: " + content_type + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n"
        b"\r\n" + body
    )


def plain(msgid: str, body: bytes = b"Your invoice is attached.\r\n") -> bytes:
    """An out-of-scope message (not from a support sender): passed through."""
    return (
        b"From: Billing <" + OTHER_SENDER.encode() + b">\r\nTo: " + CUSTOMER.encode()
        + b"\r\nSubject: Invoice\r\nMessage-ID: <" + msgid.encode() + b">\r\n\r\n" + body
    )


def encoded_word(text: str) -> bytes:
    """`text` as RFC 2047 encoded-words of at most 75 characters, folded (as a mail
    program writes a long non-ASCII Subject), so it decodes to exactly `text`."""
    data = text.encode()
    words = [b"=?utf-8?b?" + base64.b64encode(data[i:i + 45]) + b"?="
             for i in range(0, len(data), 45)]
    return b"\r\n ".join(words)


def dot_stuff(raw: bytes) -> bytes:
    """The DATA payload for `raw`: dot-stuffed on CRLF lines, CRLF-terminated, with
    the end marker.  Bare LF/CR stay as they are (aiosmtpd ends lines on CRLF only)."""
    if raw.startswith(b"."):
        raw = b"." + raw
    raw = raw.replace(b"\r\n.", b"\r\n..")
    if not raw.endswith(b"\r\n"):
        raw += b"\r\n"
    return raw + b".\r\n"


# ----------------------------------------------------------------- raw SMTP client


class RawSMTP:
    """A byte-level SMTP client: what a hostile or broken client can do."""

    def __init__(self, port: int, timeout: float = 60.0) -> None:
        self.sock = socket.create_connection((LOOPBACK, port), timeout=timeout)
        self.buffer = b""
        self.greeting = self.reply()

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self) -> RawSMTP:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _line(self) -> bytes:
        while b"\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the server closed the connection")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def reply(self) -> tuple[int, str]:
        """(code, text) of one possibly multi-line reply."""
        lines = []
        while True:
            line = self._line()
            lines.append(line[4:].decode("utf-8", "replace"))
            if len(line) < 4 or line[3:4] != b"-":
                return int(line[:3]), "\n".join(lines)

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def cmd(self, line: str | bytes) -> tuple[int, str]:
        self.send((line.encode() if isinstance(line, str) else line) + b"\r\n")
        return self.reply()

    def transaction(self, raw: bytes, sender: str = AGENT,
                    rcpts: Iterable[str] = (CUSTOMER,), mail_params: str = "") -> tuple[int, str]:
        """MAIL, RCPT(s), DATA; returns the answer to the first refused step or to
        the end of data."""
        code, text = self.cmd(f"MAIL FROM:<{sender}>{' ' + mail_params if mail_params else ''}")
        if code != 250:
            return code, text
        for rcpt in rcpts:
            code, text = self.cmd(f"RCPT TO:<{rcpt}>")
            if code != 250:
                return code, text
        code, text = self.cmd("DATA")
        if code != 354:
            return code, text
        self.send(dot_stuff(raw))
        return self.reply()


def closed_by_peer(sock: socket.socket, timeout: float = 5.0) -> bool:
    """True when the other side closed the connection within `timeout`."""
    sock.settimeout(timeout)
    try:
        while True:
            if not sock.recv(65536):
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False


# ----------------------------------------------------------------- a flapping next hop

MSGID = re.compile(rb"^Message-ID:\s*<([^>]+)>", re.I | re.M)


@dataclass(frozen=True)
class Delivery:
    msgid: str
    #: The sink's mode when it stored the message ("drop": stored, then the
    #: connection was cut before the 250 -- the sender cannot know it arrived).
    mode: str
    at: float
    marker: bool  # a message the gateway itself made (review note)
    data: bytes = b""  # the exact bytes received


@dataclass
class FlappingSink:
    """An aiosmtpd next hop whose behaviour is switched while mail flows:
    accept, tempfail (451 after DATA), drop (store the message, then cut the
    connection without an answer), cut (cut the connection after DATA without
    storing the message), slow (answer after `slow_delay`), down.  `data_modes`
    counts the DATA commands answered in each mode."""

    port: int
    slow_delay: float = 1.5
    mode: str = "accept"
    deliveries: list[Delivery] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    modes_seen: dict[str, int] = field(default_factory=dict)
    data_modes: dict[str, int] = field(default_factory=dict)
    _controller: Controller | None = None

    def start(self) -> FlappingSink:
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                mode = sink.mode
                with sink.lock:
                    sink.data_modes[mode] = sink.data_modes.get(mode, 0) + 1
                if mode == "tempfail":
                    return "451 4.3.0 next hop busy, try again"
                if mode == "cut":
                    server.transport.close()
                    return "421 4.3.0 going away"
                if mode == "slow":
                    await asyncio.sleep(sink.slow_delay)
                raw = bytes(envelope.original_content)
                header = raw.split(b"\r\n\r\n", 1)[0]
                m = MSGID.search(header)
                with sink.lock:
                    sink.deliveries.append(Delivery(
                        m.group(1).decode() if m else "", mode, time.monotonic(),
                        b"\r\nX-Grace-Gateway:" in b"\r\n" + header, raw))
                if mode == "drop":
                    server.transport.close()
                    return "421 4.3.0 going away"
                return "250 2.0.0 Ok: queued"

        class Big(AioSMTP):
            line_length_limit = 1 << 20

        class Ctl(Controller):
            def factory(self):
                return Big(self.handler, **self.SMTP_kwargs)

        self._controller = Ctl(Handler(), hostname=LOOPBACK, port=self.port,
                               server_hostname="sink.test", data_size_limit=None,
                               enable_SMTPUTF8=True, decode_data=False)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def set_mode(self, mode: str) -> None:
        self.modes_seen[mode] = self.modes_seen.get(mode, 0) + 1
        if mode == "down":
            self.mode = mode
            self.stop()
            return
        if self._controller is None:
            self.start()
        self.mode = mode


def flap(sink: FlappingSink, schedule: list[tuple[str, float]], stop: threading.Event) -> None:
    """Cycle the sink through `schedule` until `stop` is set (run in a thread)."""
    while not stop.is_set():
        for mode, seconds in schedule:
            if stop.is_set():
                break
            sink.set_mode(mode)
            stop.wait(seconds)
    sink.set_mode("accept")


# ----------------------------------------------------------------- malformed mail


def _head(extra: bytes = b"", content_type: bytes = b"text/plain; charset=utf-8",
          subject: bytes = b"Re: Your parcel") -> bytes:
    return (b"From: Maria Lopez <" + AGENT.encode() + b">\r\nTo: Kim <" + CUSTOMER.encode()
            + b">\r\nSubject: " + subject + b"\r\nIn-Reply-To: <q9@customer.example>\r\n"
            b"Message-ID: <malformed@support.acme.example>\r\n"
            b"Date: Mon, 03 Mar 2025 10:00:00 +0000\r\nMIME-Version: 1.0\r\n" + extra
            + b"Content-Type: " + content_type + b"\r\n")


_TEXT = b"Hi Kim,\r\n\r\nYour parcel left our warehouse today.\r\n\r\nMaria\r\n"


def nested(depth: int) -> bytes:
    """`depth` multipart/mixed containers inside each other, a text part inside."""
    body = b"Content-Type: text/plain\r\n\r\n" + _TEXT
    for level in range(depth):
        b = f"b{level}".encode()
        body = (b"Content-Type: multipart/mixed; boundary=" + b + b"\r\n\r\n--" + b
                + b"\r\n" + body + b"\r\n--" + b + b"--\r\n")
    return _head(content_type=b"multipart/mixed; boundary=outer") + (
        b"\r\n--outer\r\n" + body + b"\r\n--outer--\r\n")


def malformed_messages() -> dict[str, bytes]:
    """The hostile inputs of issue 8 point 5, each a whole in-scope reply."""
    crlf_word = encoded_word("Re: Hi\r\nBcc: evil@attacker.example\r\nX-Injected: yes")
    many = b"".join(b"--m\r\nContent-Type: text/plain\r\n\r\npart " + str(i).encode()
                    + b"\r\n" for i in range(1500)) + b"--m--\r\n"
    return {
        "missing boundary parameter": _head(content_type=b"multipart/mixed")
        + b"\r\n--x\r\nContent-Type: text/plain\r\n\r\n" + _TEXT + b"--x--\r\n",
        "missing close boundary": _head(content_type=b'multipart/alternative; boundary="zz"')
        + b"\r\n--zz\r\nContent-Type: text/plain\r\n\r\n" + _TEXT
        + b"--zz\r\nContent-Type: text/html\r\n\r\n<p>Hi Kim</p>\r\n",
        "boundary never used": _head(content_type=b'multipart/mixed; boundary="nope"')
        + b"\r\n" + _TEXT,
        "nesting 1,000 deep": nested(1000),
        "1,500 parts": _head(content_type=b'multipart/mixed; boundary="m"') + b"\r\n" + many,
        "1 MB header (one line)": _head(b"X-Big: " + b"a" * 1_000_000 + b"\r\n")
        + b"\r\n" + _TEXT,
        "1 MB header (folded Subject)": _head(subject=b"Re: " + b"\r\n word" * 170_000)
        + b"\r\n" + _TEXT,
        "invalid charsets": _head(content_type=b'text/plain; charset="x-no-such\x00set"')
        + b"\r\n" + "Grüße\r\n".encode("latin-1") + b"=?bogus?q?x?= \xff\xfe\r\n",
        "NUL bytes": _head(b"X-Null: a\x00b\r\n") + b"\r\nHi\x00 Kim,\x00\x00 sorry.\r\n",
        "8-bit headers": _head(b"X-Name: J\xc3\xbcrgen \xff\xfe Gr\xfc\xdfe\r\n",
                               subject="Re: Grüße — ça va".encode())
        + b"\r\n" + "Grüße, Maria\r\n".encode(),
        "bare CR and LF": _head() + b"\r\nline one\rline two\nline three\r\r\n\n.\nend\r\n",
        "5,000-byte lines": _head(b"X-Long: " + b"h" * 5000 + b"\r\n")
        + b"\r\n" + b"word " * 1000 + b"\r\n" + b"x" * 5000 + b"\r\n",
        "encoded-words with CR/LF": _head(subject=crlf_word,
                                          extra=b"X-Also: " + crlf_word + b"\r\n")
        + b"\r\n" + _TEXT,
        "broken base64 and quoted-printable": _head(b"Content-Transfer-Encoding: base64\r\n")
        + b"\r\nSGkgS2ltLA==???*&^%$\r\n=ZZ=\r\n!!!!\r\n",
        "no header/body separator": _head() + b"no colon on this line\r\n" + _TEXT,
    }

"""The next-hop client: hand a message to the next MTA and say exactly what it answered.

The gateway answers its client only after this returns, so `NextHop.send` never
raises for anything the network or the next hop does: it returns a `RelayResult`
whose outcome says what the client must be told (delivered -> 250, deferred ->
451 so Postfix retries, rejected -> the next hop's own 5xx).

Recipient policy (protocol.md §2.3).  All RCPTs are sent before DATA.  Then:

* every recipient accepted -> DATA;
* any recipient answered 4xx -> RSET, nothing is sent, the whole message is
  deferred (451) so the client retries all recipients together, no duplicates;
* every recipient answered 5xx -> RSET, the message is rejected with the next
  hop's 5xx (the client bounces it: the next hop will never take it);
* some accepted and some 5xx -> RSET, deferred (451), with the refused recipients
  and the next hop's reasons in the answer text.  Behind a Postfix content filter
  the next hop (the 10026 listener) accepts every recipient unless it is
  misconfigured, so a partial refusal is an operator problem: the mail waits in
  the client's queue, visible with its reason, until it is fixed (or the client's
  queue lifetime ends and it bounces with our text), instead of reaching some
  recipients and silently not others.

Connections are pooled: a connection that finished a transaction cleanly is kept
(up to `pool_size`, for `idle_timeout` seconds) and reused.  A reused connection
may have been closed by the other side meanwhile; a 421 or a dropped connection
before DATA was sent on a reused connection is retried once on a fresh one.  A
connection lost after the message was sent but before the answer arrived is a
deferral marked `maybe_delivered` (a duplicate beats a loss).

The client is a small asyncio protocol of our own rather than aiosmtplib, for
two reasons measured on the hot path (README "Performance"):

* exact bytes: aiosmtplib's DATA turns a bare LF into CRLF and makes about three
  copies of the message; here the bytes go out as received, dot-stuffed (a "."
  at the start of a line, after CRLF or a bare LF, is doubled -- the only
  change, which the next hop undoes), written from one buffer in bounded
  chunks, so a 25 MB message is not copied whole again;
* fewer round trips: when the next hop offers PIPELINING (Postfix does), MAIL,
  every RCPT and DATA go out in one write and their answers are read together.
  If DATA was accepted (354) but a recipient was refused, the connection is
  dropped without the final dot, so nothing is delivered (Postfix's own
  content-filter rule).  `before_data` needs the recipients' answers first, so
  it uses the plain, one-command-at-a-time dialogue.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from gateway import metrics
from gateway.config import HostPort
from gateway.headers import clean_text

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    DELIVERED = "delivered"
    DEFERRED = "deferred"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class RcptResult:
    address: str
    code: int
    text: str

    @property
    def accepted(self) -> bool:
        return 200 <= self.code < 300


@dataclass(frozen=True, slots=True)
class RelayResult:
    outcome: Outcome
    #: The code that decided the outcome (the next hop's, or 451 for our own failure).
    code: int
    #: One line: the next hop's answer ("2.0.0 Ok: queued as X") or what went wrong.
    text: str
    recipients: tuple[RcptResult, ...] = ()
    #: The message bytes were sent but the final answer was lost: the next hop
    #: may have taken it.  The client is told 451 and retries (maybe a duplicate).
    maybe_delivered: bool = False
    #: True when the failure was ours reaching the next hop (no SMTP answer at all).
    unreachable: bool = False

    @property
    def reply(self) -> str:
        """The next hop's answer as one line, "250 2.0.0 Ok: queued as X"."""
        return f"{self.code} {self.text}".strip()

    @property
    def refused(self) -> tuple[RcptResult, ...]:
        return tuple(r for r in self.recipients if not r.accepted)


class _Retry(Exception):
    """A reused connection turned out dead before DATA: try once on a fresh one."""


class NextHopError(Exception):
    """The next hop's connection broke, went silent, or spoke no SMTP."""


class NextHopClosed(NextHopError):
    """The next hop closed the connection (or it was lost)."""


class NextHopTimeout(NextHopError):
    """The next hop did not answer within `[relay] timeout`."""


def one_line(text: str, cap: int = 300) -> str:
    return clean_text(text.replace("\n", " "), cap)


def forward_options(mail_options: Sequence[str]) -> list[str]:
    """Only the MAIL parameters that describe the content travel on (BODY, SMTPUTF8)."""
    out = []
    for option in mail_options:
        upper = option.upper()
        if upper.startswith("BODY=") or upper == "SMTPUTF8":
            out.append(upper)
    return out


#: A "." at the start of a line (after CRLF, a bare LF, or at the very start).
_LINE_DOT = re.compile(rb"(?m)^\.")
#: Bytes that may never appear in an address on a command line.
_UNSAFE = re.compile(r"[\x00-\x20\x7f<>]")
#: RFC 5321 Dot-string (atoms of atext separated by dots); anything else is quoted.
_DOT_STRING = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\x80-\U0010ffff]+"
                         r"(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\x80-\U0010ffff]+)*")
#: A quoted-string local part as aiosmtpd hands it on ("john doe"@x): kept as is.
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
#: Bodies up to this size go out in one write; larger ones in chunks of it.
CHUNK = 256 * 1024
MAX_LINE = 8192
MAX_REPLY = 4 * MAX_LINE


def smtp_path(address: str) -> str:
    """`<local@domain>` for a MAIL/RCPT command; `<>` for the null sender.

    aiosmtpd keeps a needed quoted-string (`"a b"@x`) and drops needless quotes;
    a local part that is neither a dot-string nor quoted (an address built in
    code) is quoted here.  Control characters can never be sent (ValueError)."""
    address = address.strip()
    if address in ("", "<>"):
        return "<>"
    if any(ord(ch) < 32 or ch == "\x7f" for ch in address):
        raise ValueError("the address contains control characters")
    local, at, domain = address.rpartition("@")
    if not at:
        local, domain = address, ""
    if _DOT_STRING.fullmatch(local) is None and _QUOTED.fullmatch(local) is None:
        local = '"' + local.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if _UNSAFE.search(domain):
        raise ValueError("the domain contains characters not allowed in an address")
    return f"<{local}{at}{domain}>"


def dot_stuffed(raw: bytes) -> bytes:
    """`raw` with line-initial dots doubled and CRLF-terminated (without the final
    ".\r\n").  No copy when there is nothing to stuff or add."""
    stuffed = _LINE_DOT.sub(b"..", raw)  # returns `raw` itself when nothing matches
    if stuffed and not stuffed.endswith(b"\r\n"):
        stuffed += b"\r\n"
    return stuffed


class _Client(asyncio.Protocol):
    """One connection to the next hop: writes commands, hands out replies in order.

    Replies are parsed in `data_received` and queued; `reply()` waits for the next
    one under a time limit (one timer, no task per command)."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.extensions: dict[str, str] = {}
        self._buf = bytearray()
        self._lines: list[str] = []
        self._replies: deque[tuple[int, str]] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self._error: NextHopError | None = None
        self._paused = False
        self._drained: asyncio.Future[None] | None = None

    # ------------------------------------------------------------ protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        buf = self._buf
        buf += data
        start = 0
        while True:
            end = buf.find(b"\n", start)
            if end < 0:
                break
            line = bytes(buf[start:end]).rstrip(b"\r")
            start = end + 1
            if len(line) < 3 or not line[:3].isdigit() or line[3:4] not in (b"", b" ", b"-"):
                self._fail(NextHopError(f"not an SMTP reply: {line[:80]!r}"))
                return
            self._lines.append(line[4:].decode("utf-8", "replace"))
            if line[3:4] != b"-":
                self._replies.append((int(line[:3]), "\n".join(self._lines)))
                self._lines = []
            elif len(self._lines) > MAX_REPLY // 4:
                self._fail(NextHopError("the next hop's reply is too long"))
                return
        del buf[:start]
        if len(buf) > MAX_LINE:
            self._fail(NextHopError("the next hop's reply line is too long"))
            return
        self._wake()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self._error is None:
            self._error = NextHopClosed(
                f"the next hop closed the connection{f' ({exc})' if exc else ''}")
        self._wake()
        if self._drained is not None and not self._drained.done():
            self._drained.set_result(None)

    def pause_writing(self) -> None:
        self._paused = True

    def resume_writing(self) -> None:
        self._paused = False
        if self._drained is not None and not self._drained.done():
            self._drained.set_result(None)

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    def _fail(self, error: NextHopError) -> None:
        self._error = error
        self.close()
        self._wake()

    # ------------------------------------------------------------ API
    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    def write(self, data: bytes | memoryview) -> None:
        if self.closed or self.transport is None or self.transport.is_closing():
            raise self._error or NextHopClosed("the connection to the next hop is closed")
        self.transport.write(data)

    async def drain(self) -> None:
        if self._paused and not self.closed:
            self._drained = asyncio.get_running_loop().create_future()
            async with asyncio.timeout(self.timeout):
                try:
                    await self._drained
                except TimeoutError:
                    raise NextHopTimeout("the next hop stopped reading") from None
            self._drained = None
        if self.closed:
            raise self._error or NextHopClosed("the connection to the next hop is closed")

    async def reply(self) -> tuple[int, str]:
        """The next reply: (code, text with lines joined by newlines)."""
        if not self._replies:
            if self._error is not None:
                raise self._error
            loop = asyncio.get_running_loop()
            try:
                async with asyncio.timeout(self.timeout):
                    while not self._replies and self._error is None:
                        self._waiter = loop.create_future()
                        await self._waiter
            except TimeoutError:
                self.close()  # the dialogue is out of step now: never reuse it
                raise NextHopTimeout(
                    f"no answer from the next hop within {self.timeout:g} s") from None
            finally:
                self._waiter = None
            if not self._replies:
                raise self._error or NextHopClosed("the next hop closed the connection")
        return self._replies.popleft()

    async def command(self, line: str, encoding: str = "ascii") -> tuple[int, str]:
        self.write(line.encode(encoding) + b"\r\n")
        return await self.reply()

    async def send_body(self, raw: bytes) -> None:
        """Write `raw` dot-stuffed, CRLF-terminated, then the final dot.

        A message up to CHUNK bytes goes out in one write; a larger one as slices
        of `raw` itself (at most CHUNK each, waiting while the socket is full), so
        it is never copied whole."""
        if len(raw) <= CHUNK:
            self.write(dot_stuffed(raw) + b".\r\n")
            return
        view = memoryview(raw)
        start = 0
        for dot in (*(m.start() for m in _LINE_DOT.finditer(raw)), len(raw)):
            for offset in range(start, dot, CHUNK):
                self.write(view[offset:min(dot, offset + CHUNK)])
                await self.drain()
            if dot < len(raw):
                self.write(b".")  # the doubled dot; the original follows
            start = dot
        self.write(b".\r\n" if raw.endswith(b"\r\n") else b"\r\n.\r\n")


@dataclass
class _Conn:
    client: _Client
    idle_since: float = 0.0
    reused: bool = False

    @property
    def open(self) -> bool:
        return not self.client.closed


class NextHop:
    """Send messages to one next hop, reusing connections.

    Callers only use `send` and `close`; pooling is an internal matter.
    """

    def __init__(
        self,
        target: HostPort,
        *,
        helo_name: str,
        connect_timeout: float = 30.0,
        timeout: float = 120.0,
        pool_size: int = 8,
        idle_timeout: float = 30.0,
    ) -> None:
        self.target = target
        self.helo_name = helo_name or "localhost"
        self.connect_timeout = connect_timeout
        self.timeout = timeout
        self.pool_size = pool_size
        self.idle_timeout = idle_timeout
        self._idle: deque[_Conn] = deque()
        self._closed = False
        #: Connections opened and transactions sent (to see reuse at work).
        self.connects = 0
        self.transactions = 0
        self._in_flight = 0
        #: Most transactions in flight at once within the last idle_timeout.
        self._demand = 0
        self._demand_since = 0.0

    # ------------------------------------------------------------ pool
    async def _connect(self) -> _Conn:
        loop = asyncio.get_running_loop()
        client: _Client | None = None
        try:
            async with asyncio.timeout(self.connect_timeout):
                _, client = await loop.create_connection(
                    lambda: _Client(self.timeout), self.target.host, self.target.port)
            self.connects += 1
            code, text = await client.reply()
            if code != 220:
                raise NextHopError(f"greeting {code} {one_line(text)}")
            code, text = await client.command(f"EHLO {self.helo_name}")
            if code == 250:
                client.extensions = _extensions(text)
            else:
                if client.closed:
                    raise NextHopError(f"EHLO refused: {code} {one_line(text)}")
                code, text = await client.command(f"HELO {self.helo_name}")
                if code != 250:
                    raise NextHopError(f"HELO refused: {code} {one_line(text)}")
        except TimeoutError:
            if client is not None:
                client.close()
            raise NextHopTimeout(f"no connection within {self.connect_timeout:g} s") from None
        except BaseException:
            if client is not None:
                client.close()
            raise
        return _Conn(client)

    async def _acquire(self, fresh: bool) -> _Conn:
        now = time.monotonic()
        while self._idle and not fresh:
            conn = self._idle.pop()  # most recently used first: least likely timed out
            if conn.open and now - conn.idle_since < self.idle_timeout:
                conn.reused = True
                return conn
            self._discard(conn)
        return await self._connect()

    def _release(self, conn: _Conn) -> None:
        # Keep up to `pool_size` idle connections, or as many as were in use at
        # once lately if that is more: they will be wanted again in a moment
        # (measured: with pool_size 8 and 10 busy sessions, 5 % of the messages
        # paid for a new connection).  Unused ones close after idle_timeout.
        now = time.monotonic()
        while self._idle and now - self._idle[0].idle_since >= self.idle_timeout:
            self._discard(self._idle.popleft())
        if self._closed or not conn.open or len(self._idle) >= max(self.pool_size,
                                                                   self._demand):
            self._discard(conn)
            return
        conn.idle_since = now
        conn.reused = False
        self._idle.append(conn)

    @staticmethod
    def _discard(conn: _Conn) -> None:
        conn.client.close()

    async def close(self) -> None:
        """Politely end idle connections (QUIT), bounded in time."""
        self._closed = True
        idle, self._idle = list(self._idle), deque()

        async def quit_one(conn: _Conn) -> None:
            try:
                async with asyncio.timeout(2.0):
                    await conn.client.command("QUIT")
            except Exception:  # noqa: BLE001
                pass
            self._discard(conn)

        await asyncio.gather(*(quit_one(c) for c in idle))
        if self.transactions:
            log.info("next hop %s: %d transactions on %d connections", self.target,
                     self.transactions, self.connects)

    # ------------------------------------------------------------ sending
    async def send(
        self,
        mail_from: str,
        rcpt_tos: Sequence[str],
        raw: bytes,
        mail_options: Sequence[str] = (),
        before_data: Callable[[], Awaitable[None]] | None = None,
    ) -> RelayResult:
        """Deliver `raw` unchanged to the next hop; never raises (except cancellation).

        `before_data` (used by hold releases, gateway.notes.actions) is awaited after
        every recipient was accepted and right before DATA: up to that point nothing
        can have been delivered.  If it raises, nothing is sent (RSET, deferred).
        """
        options = forward_options(mail_options)
        try:
            encoding = "utf-8" if "SMTPUTF8" in options else "ascii"
            sender = smtp_path(mail_from)
            rcpts = [smtp_path(r) for r in rcpt_tos]
            for path in (sender, *rcpts):
                path.encode(encoding)
        except (ValueError, UnicodeEncodeError) as exc:
            return metrics.next_hop_result(RelayResult(
                Outcome.DEFERRED, 451, f"4.3.0 an address cannot be sent on: {exc}"))
        self.transactions += 1
        self._in_flight += 1
        now = time.monotonic()
        if now - self._demand_since >= self.idle_timeout:
            self._demand, self._demand_since = 0, now
        self._demand = max(self._demand, self._in_flight)
        try:
            return await self._send(sender, rcpt_tos, rcpts, raw, options, encoding,
                                    before_data)
        finally:
            self._in_flight -= 1

    async def _send(
        self,
        sender: str,
        rcpt_tos: Sequence[str],
        rcpts: list[str],
        raw: bytes,
        options: list[str],
        encoding: str,
        before_data: Callable[[], Awaitable[None]] | None,
    ) -> RelayResult:
        for attempt in (0, 1):
            try:
                conn = await self._acquire(fresh=attempt > 0)
            except (NextHopError, OSError) as exc:
                return metrics.next_hop_result(self._unreachable(exc))
            try:
                result = await self._transaction(conn, sender, rcpt_tos, rcpts, raw, options,
                                                 encoding, before_data)
            except _Retry:
                self._discard(conn)
                log.info("reused connection to %s was closed; retrying on a new one",
                         self.target)
                continue
            except BaseException:
                self._discard(conn)  # cancelled mid-transaction: never reuse it
                raise
            self._release(conn)
            return metrics.next_hop_result(result)
        return metrics.next_hop_result(RelayResult(
            Outcome.DEFERRED, 451, "4.4.2 next hop closed the connection", unreachable=True))

    def _unreachable(self, exc: BaseException) -> RelayResult:
        what = one_line(str(exc) or type(exc).__name__)
        return RelayResult(
            Outcome.DEFERRED, 451, f"4.4.1 next hop {self.target} unreachable: {what}",
            unreachable=True,
        )

    async def _transaction(
        self,
        conn: _Conn,
        sender: str,
        rcpt_tos: Sequence[str],
        rcpts: list[str],
        raw: bytes,
        options: list[str],
        encoding: str,
        before_data: Callable[[], Awaitable[None]] | None = None,
    ) -> RelayResult:
        client = conn.client
        ext = client.extensions
        # BODY=8BITMIME only where it is announced (the bytes go as they are either
        # way); SMTPUTF8 always, so a next hop without it refuses rather than mangles.
        params = [o for o in options if not o.startswith("BODY=") or "8BITMIME" in ext]
        if "SIZE" in ext:
            params.insert(0, f"SIZE={len(raw)}")
        mail = " ".join([f"MAIL FROM:{sender}", *params])
        pipelined = before_data is None and "PIPELINING" in ext
        stage = "MAIL"
        body_sent = False
        try:
            if pipelined:
                lines = [mail, *(f"RCPT TO:{r}" for r in rcpts), "DATA"]
                client.write("".join(f"{line}\r\n" for line in lines).encode(encoding))
            else:
                client.write(f"{mail}\r\n".encode(encoding))
            code, text = await client.reply()
            if code == 421 and conn.reused:
                raise _Retry
            if not 200 <= code < 300:
                if pipelined:
                    client.close()  # the RCPT/DATA answers are not worth waiting for
                return self._answer(code, text, client)
            stage = "RCPT"
            results = []
            for address, path in zip(rcpt_tos, rcpts, strict=True):
                if not pipelined:
                    client.write(f"RCPT TO:{path}\r\n".encode(encoding))
                code, text = await client.reply()
                if code == 421 and conn.reused and not results:
                    raise _Retry
                results.append(RcptResult(address, code, one_line(text)))
            refused = [r for r in results if not r.accepted]
            if pipelined:
                stage = "DATA"
                code, text = await client.reply()
                if refused:
                    if code == 354:
                        client.close()  # in DATA: leave without the final dot
                    else:
                        await self._rset(client)
                    return self._recipient_failure(results, refused)
            elif refused:
                await self._rset(client)
                return self._recipient_failure(results, refused)
            else:
                if before_data is not None:
                    try:
                        await before_data()
                    except Exception as exc:  # noqa: BLE001 - the caller said: do not send
                        await self._rset(client)
                        return RelayResult(Outcome.DEFERRED, 451,
                                           f"4.3.0 not sent: {one_line(str(exc) or repr(exc))}",
                                           tuple(results))
                stage = "DATA"
                code, text = await client.command("DATA")
            if code != 354:
                await self._rset(client)
                return self._answer(code, text, client, tuple(results))
            body_sent = True
            await client.send_body(raw)
            code, text = await client.reply()
            if not 200 <= code < 300:
                return self._answer(code, text, client, tuple(results))
            return RelayResult(Outcome.DELIVERED, code, one_line(text), tuple(results))
        except (NextHopError, ConnectionError) as exc:
            client.close()
            timeout = isinstance(exc, NextHopTimeout)
            if stage != "DATA" and conn.reused and not timeout:
                raise _Retry from exc
            what = one_line(str(exc) or type(exc).__name__)
            if body_sent:
                return RelayResult(
                    Outcome.DEFERRED, 451,
                    f"4.4.2 next hop connection lost during DATA, it may have the message: "
                    f"{what}",
                    maybe_delivered=True, unreachable=True,
                )
            return RelayResult(Outcome.DEFERRED, 451,
                               f"4.4.2 next hop connection lost at {stage}: {what}",
                               unreachable=True)

    @staticmethod
    async def _rset(client: _Client) -> None:
        try:
            code, _ = await client.command("RSET")
            if code != 250:
                client.close()
        except Exception:  # noqa: BLE001 - a connection that cannot RSET is not reused
            client.close()

    @staticmethod
    def _answer(
        code: int, message: str, client: _Client, rcpts: tuple[RcptResult, ...] = ()
    ) -> RelayResult:
        if code == 421:
            client.close()
        outcome = Outcome.REJECTED if 500 <= code < 600 else Outcome.DEFERRED
        return RelayResult(outcome, code, one_line(message), rcpts)

    @staticmethod
    def _recipient_failure(
        results: list[RcptResult], refused: list[RcptResult]
    ) -> RelayResult:
        detail = "; ".join(f"<{r.address}>: {r.code} {r.text}" for r in refused[:5])
        if len(refused) > 5:
            detail += f"; and {len(refused) - 5} more"
        temporary = [r for r in refused if r.code < 500]
        if len(refused) == len(results) and not temporary:
            first = refused[0]
            return RelayResult(
                Outcome.REJECTED, first.code,
                f"next hop refused every recipient: {detail}", tuple(results),
            )
        return RelayResult(
            Outcome.DEFERRED, 451,
            f"4.3.0 next hop refused some recipients, nothing was sent: {detail}",
            tuple(results),
        )


def _extensions(ehlo_text: str) -> dict[str, str]:
    """EHLO answer lines after the first -> {"PIPELINING": "", "SIZE": "10240000"}."""
    out = {}
    for line in ehlo_text.split("\n")[1:]:
        keyword, _, rest = line.strip().partition(" ")
        if keyword:
            out[keyword.upper()] = rest
    return out

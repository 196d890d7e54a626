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
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import aiosmtplib

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


@dataclass
class _Conn:
    smtp: aiosmtplib.SMTP
    idle_since: float = field(default_factory=time.monotonic)
    reused: bool = False


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
        self.helo_name = helo_name
        self.connect_timeout = connect_timeout
        self.timeout = timeout
        self.pool_size = pool_size
        self.idle_timeout = idle_timeout
        self._idle: deque[_Conn] = deque()
        self._closed = False

    # ------------------------------------------------------------ pool
    async def _connect(self) -> _Conn:
        smtp = aiosmtplib.SMTP(
            hostname=self.target.host,
            port=self.target.port,
            local_hostname=self.helo_name or None,
            timeout=self.timeout,
            start_tls=False,
            use_tls=False,
        )
        try:
            await smtp.connect(timeout=self.connect_timeout)
            try:
                await smtp.ehlo()
            except aiosmtplib.SMTPHeloError:
                if not smtp.is_connected:
                    raise
                await smtp.helo()
        except BaseException:
            smtp.close()
            raise
        return _Conn(smtp)

    async def _acquire(self, fresh: bool) -> _Conn:
        now = time.monotonic()
        while self._idle and not fresh:
            conn = self._idle.pop()  # most recently used first: least likely timed out
            if conn.smtp.is_connected and now - conn.idle_since < self.idle_timeout:
                conn.reused = True
                return conn
            self._discard(conn)
        return await self._connect()

    def _release(self, conn: _Conn) -> None:
        if self._closed or not conn.smtp.is_connected or len(self._idle) >= self.pool_size:
            self._discard(conn)
            return
        conn.idle_since = time.monotonic()
        conn.reused = False
        self._idle.append(conn)

    @staticmethod
    def _discard(conn: _Conn) -> None:
        try:
            conn.smtp.close()
        except Exception:  # noqa: BLE001 - closing a dead socket must not matter
            pass

    async def close(self) -> None:
        """Politely end idle connections (QUIT), bounded in time."""
        self._closed = True
        idle, self._idle = list(self._idle), deque()

        async def quit_one(conn: _Conn) -> None:
            try:
                await asyncio.wait_for(conn.smtp.quit(), 2.0)
            except Exception:  # noqa: BLE001
                pass
            self._discard(conn)

        await asyncio.gather(*(quit_one(c) for c in idle))

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

        `before_data` (used by hold releases, gateway.notes.claims) is awaited after
        every recipient was accepted and right before DATA: up to that point nothing
        can have been delivered.  If it raises, nothing is sent (RSET, deferred).
        """
        sender = "" if mail_from in ("", "<>") else mail_from
        options = forward_options(mail_options)
        for attempt in (0, 1):
            try:
                conn = await self._acquire(fresh=attempt > 0)
            except (TimeoutError, OSError, aiosmtplib.SMTPException) as exc:
                return metrics.next_hop_result(self._unreachable(exc))
            try:
                result = await self._transaction(conn, sender, rcpt_tos, raw, options,
                                                 before_data)
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
        raw: bytes,
        options: list[str],
        before_data: Callable[[], Awaitable[None]] | None = None,
    ) -> RelayResult:
        smtp = conn.smtp
        encoding = "utf-8" if "SMTPUTF8" in options else "ascii"
        stage = "MAIL"
        try:
            # BODY=8BITMIME only where it is announced (the bytes go as they are either
            # way); SMTPUTF8 always, so a next hop without it refuses rather than mangles.
            mail_opts = [o for o in options
                         if not o.startswith("BODY=") or smtp.supports_extension("8bitmime")]
            if smtp.supports_extension("size"):
                mail_opts.insert(0, f"SIZE={len(raw)}")
            try:
                await smtp.mail(sender, options=mail_opts, encoding=encoding)
            except aiosmtplib.SMTPSenderRefused as exc:
                if exc.code == 421 and conn.reused:
                    raise _Retry from exc
                return self._answer(exc.code, exc.message, smtp)
            stage = "RCPT"
            results = []
            for rcpt in rcpt_tos:
                try:
                    response = await smtp.rcpt(rcpt, encoding=encoding)
                    results.append(RcptResult(rcpt, response.code, one_line(response.message)))
                except aiosmtplib.SMTPRecipientRefused as exc:
                    if exc.code == 421 and conn.reused and not results:
                        raise _Retry from exc
                    results.append(RcptResult(rcpt, exc.code, one_line(exc.message)))
            refused = [r for r in results if not r.accepted]
            if refused:
                await self._rset(smtp)
                return self._recipient_failure(results, refused)
            if before_data is not None:
                try:
                    await before_data()
                except Exception as exc:  # noqa: BLE001 - the caller said: do not send
                    await self._rset(smtp)
                    return RelayResult(Outcome.DEFERRED, 451,
                                       f"4.3.0 not sent: {one_line(str(exc) or repr(exc))}",
                                       tuple(results))
            stage = "DATA"
            try:
                response = await smtp.data(raw)
            except aiosmtplib.SMTPDataError as exc:
                await self._rset(smtp)
                return self._answer(exc.code, exc.message, smtp, tuple(results))
            return RelayResult(Outcome.DELIVERED, response.code, one_line(response.message),
                               tuple(results))
        except (aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError,
                ConnectionError) as exc:
            smtp.close()
            if stage != "DATA" and conn.reused and not isinstance(
                exc, aiosmtplib.SMTPTimeoutError
            ):
                raise _Retry from exc
            what = one_line(str(exc) or type(exc).__name__)
            if stage == "DATA":
                return RelayResult(
                    Outcome.DEFERRED, 451,
                    f"4.4.2 next hop connection lost during DATA, it may have the message: "
                    f"{what}",
                    maybe_delivered=True, unreachable=True,
                )
            return RelayResult(Outcome.DEFERRED, 451,
                               f"4.4.2 next hop connection lost at {stage}: {what}",
                               unreachable=True)
        except aiosmtplib.SMTPResponseException as exc:  # EHLO refused and the like
            smtp.close()
            return self._answer(exc.code, exc.message, smtp)

    @staticmethod
    async def _rset(smtp: aiosmtplib.SMTP) -> None:
        try:
            await smtp.rset()
        except Exception:  # noqa: BLE001 - a connection that cannot RSET is not reused
            smtp.close()

    @staticmethod
    def _answer(
        code: int, message: str, smtp: aiosmtplib.SMTP, rcpts: tuple[RcptResult, ...] = ()
    ) -> RelayResult:
        if code == 421:
            smtp.close()
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

"""The SMTP side: an aiosmtpd `SMTP` subclass and the handler that feeds `Gateway`.

aiosmtpd's defaults would bounce mail (protocol.md §1, TOP 15): an exception
becomes `500`, a long line `500`, DSN parameters `555`, and a handler exception
leaves the envelope dirty for the next transaction.  Here:

* every handler catches everything and answers `451 4.3.0` (the client retries);
  `handle_exception` is a never-raising last resort that also answers 451;
* `decode_data=False`, SMTPUTF8 on, line limit far above Postfix's, data limit
  = `[server] max_message_size`;
* RET/ENVID (MAIL) and NOTIFY/ORCPT (RCPT) are accepted (not forwarded: the next
  hop sees a plain transaction, as behind a Postfix content filter);
* clients outside `[server] allowed_clients` get `554` as the greeting and the
  connection is closed (no open relay); above `[server] max_connections` a
  client gets `421` and retries later; with `[server] auth_users` AUTH (over
  TLS only) is required before MAIL, and a listener beyond loopback must have
  both (`gateway.config.check_exposure`);
* timeouts answer before they close: `[server] timeout` covers the wait for a
  command and the whole DATA upload (a dribbling upload gets `421`, never a
  silent close); once the upload is complete the processing deadline (`451`)
  decides, not the client timeout;
* `[server] command_call_limit` caps NOOP, VRFY, HELP, EHLO, AUTH ... per
  session (`421` over it); MAIL, RCPT, DATA and RSET are never capped, because
  Postfix reuses one connection for thousands of transactions;
* command lines up to 4096 bytes are accepted (Postfix's smtpd allows 2048);
* sessions are tracked so a shutdown can stop accepting, let transactions in
  flight finish (bounded) and close idle sessions with `421`.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import ipaddress
import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from gateway.config import IPNetwork, Settings, check_exposure
from gateway.service import Gateway, Incoming
from gateway.smtp_auth import Authenticator
from gateway.smtp_data import LeanDataSMTP

log = logging.getLogger(__name__)

#: DATA lines up to this length are accepted (RFC 5321 says 1000; Postfix folds
#: longer lines instead of refusing them, so a limit near 1000 would bounce mail).
LINE_LENGTH_LIMIT = 1 << 20

#: Command lines up to this length are accepted (aiosmtpd: 512; Postfix: 2048).
COMMAND_SIZE_LIMIT = 4096

#: MAIL/RCPT parameters of the DSN extension (RFC 3461): accepted, not forwarded.
DSN_PARAMS = frozenset({"RET", "ENVID", "NOTIFY", "ORCPT"})

#: Commands a transaction needs: never capped by `command_call_limit` (a session
#: may carry thousands of transactions).  The int stands for "no limit".
TRANSACTION_COMMANDS = ("MAIL", "RCPT", "DATA", "RSET")
_UNLIMITED = 2**62

#: Time the gateway gets after a complete upload, beyond the processing deadline,
#: before the client timeout may close the session (auditing a deferral etc.).
PROCESSING_MARGIN = 30.0

#: `<local@domain>` with a dot-atom local part and a plain domain, then the end or
#: whitespace (parameters follow): aiosmtpd's parser yields exactly this address.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_PATH = re.compile(
    rf"<(({_ATEXT}(?:\.{_ATEXT})*)@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    rf"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)>(?=[ \t]|$)"
)

#: Library replies that would bounce mail for a limit of ours; rewritten to 451.
_LIBRARY_5XX = (
    (b"500 Line too long",
     b"451 4.3.0 A line of this message is longer than this gateway accepts "
     b"(%d bytes); nothing was delivered" % LINE_LENGTH_LIMIT),
    (b"500 Error: strict ASCII mode",
     b"451 4.3.0 This gateway could not read 8-bit data here; nothing was delivered"),
    (b"500 Error: (",
     b"451 4.3.0 The review gateway hit an internal problem; nothing was delivered, "
     b"please retry later"),
    (b"500 Error: Cannot describe error",
     b"451 4.3.0 The review gateway hit an internal problem; nothing was delivered, "
     b"please retry later"),
    (b"500 Command line too long",
     b"451 4.3.0 That command line is longer than this gateway accepts (%d bytes)"
     % COMMAND_SIZE_LIMIT),
)

INTERNAL_ERROR = ("451 4.3.0 The review gateway hit an internal problem; nothing was "
                  "delivered, please retry later")


def call_limits(limit: int) -> dict[str, int] | None:
    """aiosmtpd's `command_call_limit`: `limit` for every command but a transaction's."""
    if not limit:
        return None
    return {"*": limit, **dict.fromkeys(TRANSACTION_COMMANDS, _UNLIMITED)}


@functools.cache
def _hook_names(cls: type) -> list[str]:
    return [name for name in dir(cls) if name.startswith(("smtp_", "auth_"))]


def peer_allowed(peer: Any, networks: Sequence[IPNetwork]) -> bool:
    """True when the client's IP address is inside one of `networks`."""
    try:
        host = peer[0] if isinstance(peer, tuple) else peer
        address = ipaddress.ip_address(str(host).split("%", 1)[0])
    except (ValueError, TypeError, IndexError):
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in net for net in networks)


class Sessions:
    """The live SMTP sessions of one listener (for the cap and for draining)."""

    def __init__(self) -> None:
        self.live: set[GatewaySMTP] = set()
        self.stopping = False

    @property
    def busy(self) -> int:
        return sum(1 for s in self.live if s.in_transaction_data)

    def close_idle(self) -> None:
        for session in list(self.live):
            if not session.in_transaction_data:
                session.goodbye()

    async def drain(self, timeout: float) -> int:
        """Wait up to `timeout` s for transactions in flight; return how many remain."""
        self.stopping = True
        self.close_idle()
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while self.busy and loop.time() < end:
            await asyncio.sleep(0.05)
        left = self.busy
        for session in list(self.live):
            session.goodbye(force=True)
        return left


class GatewaySMTP(LeanDataSMTP):
    """aiosmtpd's SMTP with the gateway's limits, access control and error policy
    (and a DATA phase that reads in large pieces: gateway.smtp_data)."""

    line_length_limit = LINE_LENGTH_LIMIT

    def __dir__(self) -> list[str]:
        """Only the `smtp_*` and `auth_*` names: aiosmtpd introspects every new
        session with dir()/inspect.getmembers() to find those, and over the whole
        class that was ~8 % of the CPU of a connection-per-message load."""
        return _hook_names(type(self))

    def __init__(
        self,
        handler: GatewayHandler,
        settings: Settings,
        sessions: Sessions,
        **kwargs: Any,
    ) -> None:
        server = settings.server
        super().__init__(
            handler,
            data_size_limit=server.max_message_size,
            enable_SMTPUTF8=True,
            decode_data=False,
            hostname=server.hostname,
            ident="Grace Gateway",
            timeout=server.timeout,
            command_call_limit=call_limits(server.command_call_limit),
            **kwargs,
        )
        # aiosmtpd keeps per-command size limits in a class-level dict shared by all
        # sessions (and defaulting to 512); one of our own, per session:
        self.command_size_limits = collections.defaultdict(lambda: COMMAND_SIZE_LIMIT)
        self.command_size_limit = COMMAND_SIZE_LIMIT
        self.settings = settings
        self.sessions = sessions
        self.in_transaction_data = False
        self._refused = False

    # ------------------------------------------------------------ connection
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        if self._original_transport is None and self.transport is None:  # not STARTTLS
            peer = transport.get_extra_info("peername")
            reply = None
            if not peer_allowed(peer, self.settings.server.allowed_clients):
                log.warning("refused connection from %s: not in [server] allowed_clients",
                            peer[0] if peer else "?")
                reply = (f"554 5.7.1 {self.hostname} does not relay for your address; "
                         "ask the gateway's operator to add it to allowed_clients")
            elif self.sessions.stopping:
                reply = "421 4.3.2 The gateway is shutting down; please retry shortly"
            elif len(self.sessions.live) >= self.settings.server.max_connections:
                log.warning("refused connection from %s: %d connections already open",
                            peer[0] if peer else "?", len(self.sessions.live))
                reply = "421 4.7.0 Too many connections to the gateway; please retry shortly"
            if reply is not None:
                self._refused = True
                self.transport = transport
                transport.write(reply.encode("ascii") + b"\r\n")
                transport.close()
                return
            self.sessions.live.add(self)
        super().connection_made(transport)

    def connection_lost(self, error: Exception | None) -> None:
        self.sessions.live.discard(self)
        if self._refused:
            self.transport = None
            return
        super().connection_lost(error)

    def eof_received(self) -> bool | None:
        if self._refused:
            return False
        return super().eof_received()

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        super().data_received(data)

    def _timeout_cb(self) -> None:
        """The client was silent too long (or its DATA upload took too long): say so
        with a 421 before closing, instead of aiosmtpd's silent close."""
        if self.transport is None:
            return
        what = "message upload" if self.in_transaction_data else "next command"
        log.warning("closing an SMTP session from %s: no %s within %g s",
                    self.session.peer[0] if self.session and isinstance(self.session.peer,
                                                                        tuple) else "?",
                    what, self._timeout_duration)
        try:
            self.transport.write(
                f"421 4.4.2 {self.hostname} timed out waiting for the {what}; nothing "
                "was delivered, please retry\r\n".encode("ascii", "replace"))
        except Exception:  # noqa: BLE001 - the connection may be gone already
            pass
        self.transport.close()

    def upload_complete(self) -> None:
        """The message is in: from now on the processing deadline (451) decides, so the
        client timeout must not cut the transaction while it is being processed."""
        deadline = self.settings.server.processing_deadline + PROCESSING_MARGIN
        self._reset_timeout(max(self._timeout_duration, deadline))

    def goodbye(self, force: bool = False) -> None:
        """Close this session: with 421 when idle; `force` even mid-transaction."""
        if self.transport is None or (self.in_transaction_data and not force):
            return
        try:
            self.transport.write(b"421 4.3.2 The gateway is restarting; please retry "
                                 b"shortly\r\n")
        except Exception:  # noqa: BLE001
            pass
        self.transport.close()

    # ------------------------------------------------------------ error policy
    async def push(self, status: str | bytes) -> None:
        raw = status.encode("utf-8") if isinstance(status, str) else status
        for prefix, replacement in _LIBRARY_5XX:
            if raw.startswith(prefix):
                log.warning("library reply %r replaced by a 451", raw[:80])
                raw = replacement
                break
        await super().push(raw)

    async def handle_exception(self, error: Exception) -> str:
        try:
            log.error("SMTP session error (%s: %s)", type(error).__name__, error)
            self._set_rset_state()  # a clean envelope for the next transaction
        except Exception:  # noqa: BLE001 - must never raise
            pass
        return INTERNAL_ERROR

    def _getaddr(self, arg: str) -> tuple[str | None, str | None]:
        """The address of MAIL/RCPT.  A plain `<local@domain>` (what Postfix sends)
        is read with one regex; anything else goes to aiosmtpd's parser, which
        builds a class and an e-mail header parse tree on every call (a profile
        of the out-of-scope path showed about 6 % of the loop's time there)."""
        if arg and '"' not in arg and "(" not in arg:
            m = _PLAIN_PATH.match(arg.lstrip())
            if m is not None and not (
                self.local_part_limit and len(m.group(2)) > self.local_part_limit
            ):
                return m.group(1), arg.lstrip()[m.end():].lstrip()
        return super()._getaddr(arg)

    def _getparams(self, params: Sequence[str]) -> dict[str, str | bool] | None:
        result = super()._getparams(params)
        if result is not None:
            for key in DSN_PARAMS:
                result.pop(key, None)
        return result

    async def smtp_MAIL(self, arg: str | None) -> None:
        if self.sessions.stopping:
            await self.push("421 4.3.2 The gateway is shutting down; please retry shortly")
            if self.transport is not None:
                self.transport.close()
            return
        await super().smtp_MAIL(arg)

    async def smtp_DATA(self, arg: str) -> None:
        self.in_transaction_data = True
        try:
            await super().smtp_DATA(arg)
        finally:
            self.in_transaction_data = False
            if self.sessions.stopping:
                self.goodbye()


class GatewayHandler:
    """aiosmtpd handler hooks; each one answers and never raises."""

    def __init__(self, gateway: Gateway, settings: Settings) -> None:
        self.gateway = gateway
        self.settings = settings

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str,
        rcpt_options: list[str],
    ) -> str:
        try:
            if len(envelope.rcpt_tos) >= self.settings.server.max_recipients:
                return "452 4.5.3 Too many recipients; send the rest in another transaction"
            if envelope.rcpt_tos:
                control = self.gateway.is_control_address(address)
                if control != self.gateway.is_control_address(envelope.rcpt_tos[0]):
                    # Keep release mail and ordinary mail in separate transactions:
                    # 452 makes the client send this recipient again on its own.
                    return ("452 4.5.3 Please send mail for this address in a separate "
                            "transaction")
            envelope.rcpt_tos.append(address)
            envelope.rcpt_options.extend(rcpt_options)
            return "250 2.1.5 Ok"
        except Exception:  # noqa: BLE001
            log.exception("RCPT handling failed")
            return INTERNAL_ERROR

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        try:
            complete = getattr(server, "upload_complete", None)
            if complete is not None:
                complete()
            raw = envelope.original_content
            if not isinstance(raw, bytes):
                raw = bytes(raw or b"")
            mail_from = envelope.mail_from or ""
            peer = session.peer[0] if isinstance(session.peer, tuple) else str(session.peer)
            incoming = Incoming(
                raw=raw,
                mail_from="" if mail_from == "<>" else mail_from,
                rcpt_tos=tuple(envelope.rcpt_tos),
                received_at=datetime.now(UTC),
                mail_options=tuple(envelope.mail_options),
                peer=peer,
            )
            answer = await self.gateway.handle(incoming)
            return answer.replace("\r", " ").replace("\n", " ")
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - never let aiosmtpd turn this into 500
            log.exception("DATA handling failed")
            return INTERNAL_ERROR

    async def handle_exception(self, error: Exception) -> str:
        return INTERNAL_ERROR


def make_protocol_factory(gateway: Gateway, settings: Settings, sessions: Sessions,
                          tls_context: Any = None):
    check_exposure(settings, settings.source)  # also for settings built in code
    handler = GatewayHandler(gateway, settings)
    extra: dict[str, Any] = {}
    if tls_context is not None:
        extra = {"tls_context": tls_context,
                 "require_starttls": settings.server.require_starttls}
    if settings.server.auth_users:
        # AUTH only after STARTTLS (auth_require_tls), and required before MAIL.
        extra.update(authenticator=Authenticator(settings.server.auth_users),
                     auth_required=True, auth_require_tls=True)

    def factory() -> GatewaySMTP:
        return GatewaySMTP(handler, settings, sessions, **extra)

    return factory

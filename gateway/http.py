"""The operations endpoint: /healthz and /metrics on their own loopback port.

Off unless `[http] listen` is set.  A tiny HTTP/1.1 server on the gateway's own
event loop (one request per connection, GET and HEAD only), because two
read-only endpoints do not justify a web framework:

* `/healthz`: 200 only when the gateway can do its job right now: the next hop
  answers SMTP (connect, EHLO, QUIT) and the store accepts writes
  (`Store.ping`).  Otherwise 503, with a short JSON body naming what is wrong.
  A draining gateway (SIGTERM received) also answers 503.  The result is reused
  for a second, so a busy prober cannot flood the next hop with connections.
* `/metrics`: Prometheus text format (OpenMetrics when asked), see
  gateway/metrics.py.

With several workers every one of them listens on the port (SO_REUSEPORT); any of
them gives the same answer, because /metrics sums all workers' files and the
health checks look at the shared next hop and store.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import aiosmtplib

from gateway import metrics
from gateway.config import HostPort, Settings
from gateway.store.base import Store
from gateway.store.records import HoldState

log = logging.getLogger(__name__)

#: Longest wait for each health check (next hop, store).
CHECK_TIMEOUT = 5.0
#: A health result is reused for this long (seconds).
HEALTH_CACHE = 1.0
#: Requests larger than this (request line + headers) are refused.
MAX_REQUEST = 8192
#: A client must send its request within this many seconds.
REQUEST_TIMEOUT = 10.0

_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
            500: "Internal Server Error", 503: "Service Unavailable"}


@dataclass(frozen=True)
class Health:
    ok: bool
    checks: dict[str, str]  # check name -> "ok" or what is wrong

    def body(self) -> bytes:
        data = {"status": "ok" if self.ok else "unavailable", **self.checks}
        return json.dumps(data).encode() + b"\n"


async def probe_next_hop(target: HostPort, helo_name: str, timeout: float) -> str:
    """"ok", or why the next hop cannot take mail (connect + EHLO + QUIT)."""
    smtp = aiosmtplib.SMTP(hostname=target.host, port=target.port, timeout=timeout,
                           local_hostname=helo_name or None, start_tls=False, use_tls=False)
    try:
        async with asyncio.timeout(timeout):
            await smtp.connect()
            await smtp.ehlo()
            try:
                await smtp.quit()
            except aiosmtplib.SMTPException:
                pass
    except TimeoutError:
        return f"the next hop {target} did not answer within {timeout:g} s"
    except aiosmtplib.SMTPResponseException as exc:
        return f"the next hop {target} answered {exc.code} {exc.message}"
    except (OSError, aiosmtplib.SMTPException) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return f"cannot reach the next hop {target}: {reason}"
    finally:
        smtp.close()
    return "ok"


async def probe_store(store: Store | None, timeout: float) -> str:
    if store is None:
        return "the store is not open"
    try:
        async with asyncio.timeout(timeout):
            ok = await store.ping()
    except TimeoutError:
        return f"the store did not answer within {timeout:g} s"
    except Exception as exc:  # noqa: BLE001 - any failure is "not ready"
        return f"the store failed: {type(exc).__name__}: {exc}"
    return "ok" if ok else "the store does not accept writes"


class OpsServer:
    """Serves /healthz and /metrics for one gateway process."""

    def __init__(self, settings: Settings, gateway_server: Any) -> None:
        self.settings = settings
        self.gateway_server = gateway_server  # runner.GatewayServer: store, sessions
        self._server: asyncio.AbstractServer | None = None
        self._health: tuple[float, Health] | None = None
        self._health_lock = asyncio.Lock()

    @property
    def address(self) -> tuple[str, int]:
        if self._server is None:
            raise RuntimeError("the operations endpoint is not listening")
        sockname = self._server.sockets[0].getsockname()
        return sockname[0], sockname[1]

    async def start(self, listen: HostPort, reuse_port: bool) -> None:
        self._server = await asyncio.start_server(
            self._client, listen.host, listen.port, reuse_port=reuse_port or None)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    # ------------------------------------------------------------ checks
    async def health(self) -> Health:
        async with self._health_lock:  # concurrent probes share one check
            now = time.monotonic()
            if self._health is not None and now - self._health[0] < HEALTH_CACHE:
                return self._health[1]
            result = await self._check()
            self._health = (time.monotonic(), result)
            return result

    async def _check(self) -> Health:
        settings = self.settings
        timeout = min(CHECK_TIMEOUT, settings.relay.connect_timeout or CHECK_TIMEOUT)
        next_hop, store = await asyncio.gather(
            probe_next_hop(settings.relay.next_hop,
                           settings.relay.helo_name or settings.server.hostname, timeout),
            probe_store(self.gateway_server.store, CHECK_TIMEOUT),
        )
        checks = {"next_hop": next_hop, "store": store}
        sessions = getattr(self.gateway_server, "sessions", None)
        if sessions is not None and sessions.stopping:
            checks["gateway"] = "stopping: finishing the messages in flight"
        return Health(all(v == "ok" for v in checks.values()), checks)

    async def metrics_body(self, accept: str) -> tuple[bytes, str]:
        holds = None
        store = self.gateway_server.store
        if store is not None:
            try:
                async with asyncio.timeout(CHECK_TIMEOUT):
                    open_holds = await store.list_holds(
                        [HoldState.HELD, HoldState.RELEASING], limit=metrics.HOLDS_SCAN_LIMIT)
                holds = metrics.hold_stats(open_holds)
            except Exception:  # noqa: BLE001 - the other metrics are still worth serving
                log.warning("metrics: could not read the open holds from the store",
                            exc_info=True)
        return await asyncio.to_thread(metrics.exposition, holds, accept)

    # ------------------------------------------------------------ HTTP
    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            try:
                async with asyncio.timeout(REQUEST_TIMEOUT):
                    head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError,
                    ConnectionError):
                return
            if len(head) > MAX_REQUEST:
                await self._send(writer, 400, b"request too large\n", "text/plain")
                return
            await self._respond(head, writer)
        except Exception:  # noqa: BLE001 - one bad request must not stop the endpoint
            log.exception("operations endpoint: request failed")
            try:
                await self._send(writer, 500, b"internal error, see the gateway log\n",
                                 "text/plain")
            except Exception:  # noqa: BLE001
                pass
        finally:
            writer.close()

    async def _respond(self, head: bytes, writer: asyncio.StreamWriter) -> None:
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split()
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            await self._send(writer, 400, b"expected an HTTP/1.x request line\n", "text/plain")
            return
        method, target, _ = parts
        headers = {}
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if sep:
                headers[name.strip().lower()] = value.strip()
        path = target.split("?", 1)[0]
        if path not in ("/healthz", "/metrics"):
            await self._send(writer, 404, b"not found; try /healthz or /metrics\n", "text/plain")
            return
        if method not in ("GET", "HEAD"):
            await self._send(writer, 405, b"only GET and HEAD\n", "text/plain",
                             extra={"Allow": "GET, HEAD"})
            return
        if path == "/healthz":
            health = await self.health()
            status, body, content_type = (200 if health.ok else 503), health.body(), \
                "application/json"
        else:
            body, content_type = await self.metrics_body(headers.get("accept", ""))
            status = 200
        await self._send(writer, status, body, content_type, head_only=method == "HEAD")

    @staticmethod
    async def _send(writer: asyncio.StreamWriter, status: int, body: bytes, content_type: str,
                    *, head_only: bool = False, extra: dict[str, str] | None = None) -> None:
        fields = {"Content-Type": content_type, "Content-Length": str(len(body)),
                  "Cache-Control": "no-store", "Connection": "close", **(extra or {})}
        head = f"HTTP/1.1 {status} {_REASONS.get(status, '')}\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n"
        writer.write(head.encode("latin-1") + (b"" if head_only else body))
        await writer.drain()


async def start_ops(gateway_server: Any) -> OpsServer | None:
    """Start the endpoint for a `runner.GatewayServer` when `[http] listen` is set.

    A port that cannot be bound stops the gateway's start (exit 2), like the SMTP
    port: an operator who configured monitoring should not silently lose it."""
    settings = gateway_server.settings
    listen = settings.http.listen
    if listen is None:
        return None
    ops = OpsServer(settings, gateway_server)
    try:
        await ops.start(listen, gateway_server.reuse_port)
    except OSError as exc:
        from gateway.runner import EXIT_USAGE, StartError

        await gateway_server.stop(0.0)  # closes the SMTP listener and the parts
        raise StartError(f"cannot listen on {listen} ([http] listen): "
                         f"{exc.strerror or exc}", EXIT_USAGE) from exc
    host, port = ops.address
    log.info("grace: /healthz and /metrics on http://%s:%d", host, port)
    return ops

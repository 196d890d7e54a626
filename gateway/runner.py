"""Process lifecycle: build the gateway, listen, drain on SIGTERM, supervise workers.

One process (`[server] workers = 1`): `GatewayServer` runs on its own asyncio
loop (not aiosmtpd's `Controller`, which cancels transactions in flight on stop).

Several processes (`workers = N`, 0 = one per core): a small supervisor prepares
the shared state once (store schema, token secret), then starts N worker
processes that each listen on the same port with SO_REUSEPORT (the kernel spreads
connections over them).  It restarts a worker that dies, and on SIGTERM/SIGINT
forwards SIGTERM to every worker and waits for them to drain.

Stopping (SIGTERM/SIGINT): stop accepting, close idle sessions with 421, let
transactions in flight finish (bounded by the processing deadline), flush the
audit, stop the outbox worker, close the store.  A second signal stops at once.
Exit status 0 after a clean stop; 2 when the configuration or the listen address
is unusable; 1 when the state (store) cannot be opened.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import ssl
import sys
import time
from collections.abc import Callable
from typing import Any

from gateway.analysis_pool import AnalysisPool, default_processes, policy_info
from gateway.audit_events import AuditPrivacy, derive_pseudonym_key
from gateway.config import ConfigError, Settings
from gateway.http import start_ops
from gateway.logs import setup_logging
from gateway.metrics import prepare_workers
from gateway.outbox import OutboxWorker
from gateway.pipeline import Analyzer
from gateway.relay import NextHop
from gateway.server import Sessions, make_protocol_factory
from gateway.service import Auditor, Gateway, Hooks, node_name
from gateway.store import describe_store, make_store
from gateway.store.base import Store

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

#: Extra time, beyond the processing deadline, a draining worker gets.
DRAIN_MARGIN = 10.0


class StartError(Exception):
    """The gateway cannot start; `code` is the exit status to use."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def load_hooks(settings: Settings, store: Store, relay: NextHop, node: str = "") -> Hooks:
    """Wire in the notes package (review note, tokens, control mail) when present."""
    hooks = Hooks()
    try:
        from gateway.notes.compose import compose_note

        hooks.compose_note = compose_note
    except ImportError:
        log.warning("review notes are not available (gateway.notes.compose missing)")
    try:
        from gateway.notes.tokens import TokenSigner

        signer = TokenSigner.from_settings(settings)
        hooks.hold_tokens = signer.issue_for_hold
        hooks.note_token = signer.issue_for_note
    except ImportError:
        log.warning("release tokens are not available (gateway.notes.tokens missing)")
    try:
        from gateway.notes import control
    except ImportError:
        control = None
    factory = getattr(control, "make_control", None) if control else None
    if factory is not None:
        built = factory(settings=settings, store=store, relay=relay, node=node)
        hooks.control = built
        hooks.after_forward = getattr(built, "after_forward", None)
        hooks.after_hold = getattr(built, "after_hold", None)
        hooks.is_control_address = getattr(built, "is_control_address", None)
    return hooks


def audit_privacy(settings: Settings) -> AuditPrivacy:
    """The [audit] privacy settings; the pseudonym key comes from the token secret."""
    key = b""
    if settings.audit.pseudonymise_recipients:
        from gateway.notes.tokens import load_secret

        key = derive_pseudonym_key(load_secret(settings))
    return AuditPrivacy.from_settings(settings.audit, key)


def tls_context(settings: Settings) -> ssl.SSLContext | None:
    server = settings.server
    if server.tls_cert is None or server.tls_key is None:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(str(server.tls_cert), str(server.tls_key))
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(settings.source, "[server] tls_cert/tls_key",
                          "a readable PEM certificate and key", str(exc)) from None
    return context


class GatewayServer:
    """One gateway process: store, analyser, next hop, outbox, SMTP listener."""

    def __init__(self, settings: Settings, *, reuse_port: bool = False,
                 hooks: Hooks | None = None, pool: AnalysisPool | None = None) -> None:
        """`pool`: share analysis processes owned by the caller (tests); by default
        the server starts its own and stops them with itself."""
        self.settings = settings
        self._own_pool = pool is None
        self.pool: AnalysisPool | None = pool
        self.reuse_port = reuse_port
        self._hooks = hooks
        self.node = node_name()
        self.sessions = Sessions()
        self.store: Store | None = None
        self.relay: NextHop | None = None
        self.auditor: Auditor | None = None
        self.outbox: OutboxWorker | None = None
        self.gateway: Gateway | None = None
        self._server: asyncio.AbstractServer | None = None
        #: Done when the analysis processes compiled the policies (see warm_up).
        self.analysis_ready: asyncio.Future[Any] | None = None
        self._notes: Any = None
        self.ops: Any = None  # /healthz and /metrics (gateway.http)

    @property
    def address(self) -> tuple[str, int]:
        """The (host, port) actually listened on (port 0 in the config = any free)."""
        assert self._server is not None  # noqa: S101
        sockname = self._server.sockets[0].getsockname()
        return sockname[0], sockname[1]

    async def start(self) -> None:
        settings = self.settings
        context = tls_context(settings)
        _prepare_state_dir(settings)
        _probe_listen(settings, self.reuse_port)  # fail in a second, not after the pool
        # A bad pack stops the start here (cheap: nothing is compiled); the policies
        # are compiled in the analysis processes, in the background, while this
        # process already listens (it only scopes messages).
        info = policy_info(settings)
        if self.pool is None:
            self.pool = AnalysisPool(processes=default_processes(settings),
                                     time_limit=settings.limits.parse_timeout)
        self.analysis_ready = self.pool.warm_up(settings)
        analyzer = Analyzer(settings, policies=info)  # type: ignore[arg-type]
        self.store = make_store(settings)
        try:
            await self.store.open()
        except Exception as exc:
            self._close_pool()
            raise StartError(f"cannot open the store ({describe_store(settings)}): {exc}") from exc
        self.relay = NextHop(
            settings.relay.next_hop,
            helo_name=settings.relay.helo_name or settings.server.hostname,
            connect_timeout=settings.relay.connect_timeout,
            timeout=settings.relay.timeout,
            pool_size=settings.relay.pool_size,
        )
        hooks = self._hooks or load_hooks(settings, self.store, self.relay, self.node)
        self.auditor = Auditor(self.store)
        self.auditor.start()
        privacy = audit_privacy(settings)
        self.outbox = OutboxWorker(self.store, self.relay, settings, node=self.node,
                                   privacy=privacy)
        self.gateway = Gateway(settings, analyzer, self.store, self.relay, self.pool,
                               self.auditor, hooks=hooks, node=self.node,
                               outbox_wake=self.outbox.wake, privacy=privacy)
        loop = asyncio.get_running_loop()
        listen = settings.server.listen
        try:
            self._server = await loop.create_server(
                make_protocol_factory(self.gateway, settings, self.sessions, context),
                listen.host, listen.port, reuse_port=self.reuse_port or None,
                backlog=max(100, settings.server.max_connections),
            )
        except OSError as exc:
            await self._close_parts()
            raise StartError(f"cannot listen on {listen} ([server] listen): {exc.strerror}",
                             EXIT_USAGE) from exc
        self.ops = await start_ops(self)  # only when [http] listen is set
        self.outbox.start()
        await self._start_notes(hooks)
        host, port = self.address
        log.info("grace: listening on %s:%d, next hop %s, state %s, policies %s, config %s",
                 host, port, settings.relay.next_hop, settings.state.dir,
                 analyzer.policy_version, settings.source)

    async def analysis_started(self) -> None:
        """Wait until the analysis processes compiled the policies (the server
        listens before that); raises what stopped them, if anything did."""
        if self.analysis_ready is not None:
            await asyncio.shield(self.analysis_ready)

    async def stop(self, drain_timeout: float | None = None) -> None:
        """Stop accepting, drain transactions in flight (bounded), close everything."""
        if drain_timeout is None:
            drain_timeout = self.settings.server.processing_deadline + DRAIN_MARGIN
        if self._server is not None:
            self._server.close()
        left = await self.sessions.drain(drain_timeout)
        if left:
            log.warning("grace: %d transaction(s) did not finish within %.0f s; their clients "
                        "got no answer and will retry", left, drain_timeout)
        commits = _commits(self.store)  # before the store closes
        await self._close_parts()
        if self.gateway is not None:
            # The store's commit count shows group commit at work (one fsync each).
            log.info("grace: stopped (%s); %d store commits", ", ".join(
                f"{k} {v}" for k, v in sorted(self.gateway.stats.counts.items())) or "idle",
                commits)

    async def _start_notes(self, hooks: Hooks) -> None:
        """The notes service (gateway.notes): finish releases interrupted by a crash,
        then run the hold timeout guard.  A failure here is logged, not fatal."""
        notes = hooks.control
        if notes is None or not hasattr(notes, "start"):
            return
        if hasattr(notes, "wake_outbox") and self.outbox is not None:
            notes.wake_outbox = self.outbox.wake
        try:
            await notes.start()
        except Exception:  # noqa: BLE001
            log.exception("grace: the hold lifecycle could not start; holds do not time out")
        self._notes = notes

    def _close_pool(self) -> None:
        if self.pool is not None and self._own_pool:
            self.pool.close()
            self.pool = None

    async def _close_parts(self) -> None:
        if self.ops is not None:
            await self.ops.close()
        notes = getattr(self, "_notes", None)
        if notes is not None and hasattr(notes, "stop"):
            await notes.stop()
        if self.outbox is not None:
            await self.outbox.stop()
        if self.auditor is not None:
            await self.auditor.close()
        if self.relay is not None:
            await self.relay.close()
        self._close_pool()
        if self.store is not None:
            try:
                await self.store.close()
            except Exception:  # noqa: BLE001
                log.exception("closing the store failed")


def _commits(store: Store | None) -> int:
    try:
        return int(store.commits) if store is not None else 0
    except Exception:  # noqa: BLE001 - only for a log line
        return 0


def _probe_listen(settings: Settings, reuse_port: bool) -> None:
    """Raise StartError now if the listen address cannot be bound."""
    listen = settings.server.listen
    try:
        infos = socket.getaddrinfo(listen.host, listen.port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if reuse_port:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            probe.bind(address)
    except OSError as exc:
        raise StartError(f"cannot listen on {listen} ([server] listen): "
                         f"{exc.strerror or exc}", EXIT_USAGE) from exc


def _prepare_state_dir(settings: Settings) -> None:
    state = settings.state.dir
    try:
        state.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StartError(f"cannot create the state directory {state} ([state] dir): "
                         f"{exc.strerror}", EXIT_USAGE) from exc


async def serve(settings: Settings, *, reuse_port: bool = False,
                ready: Callable[[GatewayServer], None] | None = None,
                ignore_sigint: bool = False, parent_pid: int | None = None) -> int:
    """Run one gateway process until SIGTERM/SIGINT; return the exit status."""
    server = GatewayServer(settings, reuse_port=reuse_port)
    await server.start()
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    signals = 0

    def on_signal(signum: int) -> None:
        nonlocal signals
        signals += 1
        if signals == 1:
            log.info("grace: %s received; finishing transactions in flight",
                     signal.Signals(signum).name)
            stop.set()
        else:
            log.warning("grace: second signal; stopping now")
            for session in list(server.sessions.live):
                session.goodbye(force=True)

    for signum in (signal.SIGTERM, signal.SIGINT):
        if signum == signal.SIGINT and ignore_sigint:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            continue
        loop.add_signal_handler(signum, on_signal, signum)
    failure: list[StartError] = []
    analysis = loop.create_task(_analysis_started(server, stop, failure, ready),
                                name="analysis-warm-up")
    watch = None
    if parent_pid is not None:
        watch = loop.create_task(_stop_when_orphaned(parent_pid, stop), name="parent-watch")
    await stop.wait()
    analysis.cancel()
    if watch is not None:
        watch.cancel()
    await server.stop()
    if failure:
        raise failure[0]
    return EXIT_OK


async def _analysis_started(server: GatewayServer, stop: asyncio.Event,
                            failure: list[StartError],
                            ready: Callable[[GatewayServer], None] | None) -> None:
    """The gateway listens before the policies are compiled (that takes seconds);
    when the analysis processes are ready, say so (`ready`: the supervisor's
    signal); when they cannot start, stop this process with the start error."""
    started = time.monotonic()
    try:
        assert server.analysis_ready is not None  # noqa: S101
        await asyncio.shield(server.analysis_ready)
    except asyncio.CancelledError:
        raise
    except ConfigError as exc:
        if not stop.is_set():
            failure.append(StartError(str(exc), EXIT_USAGE))
            stop.set()
        return
    except Exception as exc:  # noqa: BLE001 - AnalysisUnavailable and the like
        if not stop.is_set():
            failure.append(StartError(str(exc)))
            stop.set()
        return
    log.info("grace: analysis processes ready (policies compiled in %.1f s)",
             time.monotonic() - started)
    if ready is not None:
        ready(server)


async def _stop_when_orphaned(parent_pid: int, stop: asyncio.Event) -> None:
    """A worker whose supervisor died drains and exits (a restarted supervisor
    starts fresh workers; orphans would keep sharing its port unsupervised)."""
    while not stop.is_set():
        await asyncio.sleep(1.0)
        if os.getppid() != parent_pid:
            log.warning("grace: the supervisor (pid %d) is gone; this worker stops", parent_pid)
            stop.set()


def run(settings: Settings, log_format: str = "logfmt") -> int:
    """`grace serve`: one process, or a supervisor with `settings.workers` workers."""
    setup_logging(log_format)
    if settings.workers <= 1:
        try:
            return asyncio.run(serve(settings))
        except StartError as exc:
            log.error("grace: %s", exc)
            return exc.code
    prepare_workers(settings)  # the workers' /metrics values, summed across processes
    return Supervisor(settings, log_format).run()


# ----------------------------------------------------------------- several workers


def _worker_main(settings: Settings, log_format: str, index: int, conn: Any) -> None:
    setup_logging(log_format)

    def ready(server: GatewayServer) -> None:
        conn.send(("ready", server.address))

    try:
        code = asyncio.run(serve(settings, reuse_port=True, ready=ready, ignore_sigint=True,
                                 parent_pid=os.getppid()))
    except StartError as exc:
        conn.send(("error", str(exc), exc.code))
        code = exc.code
    except ConfigError as exc:
        conn.send(("error", str(exc), EXIT_USAGE))
        code = EXIT_USAGE
    except Exception as exc:  # noqa: BLE001
        log.exception("worker %d failed", index)
        conn.send(("error", f"{type(exc).__name__}: {exc}", EXIT_FAILED))
        code = EXIT_FAILED
    sys.exit(code)


async def _prepare_shared(settings: Settings) -> None:
    """Create the store schema and the token secret once, before the workers race."""
    _prepare_state_dir(settings)
    store = make_store(settings)
    try:
        await store.open()
    except Exception as exc:
        raise StartError(f"cannot open the store ({describe_store(settings)}): {exc}") from exc
    finally:
        try:
            await store.close()
        except Exception:  # noqa: BLE001
            pass
    try:
        from gateway.notes.tokens import load_secret

        load_secret(settings)
    except ImportError:
        pass


class Supervisor:
    """Starts, restarts and stops the worker processes (no SMTP in this process)."""

    #: A worker that dies this many times within RESTART_WINDOW seconds is not
    #: restarted again: something is wrong that a restart will not fix.
    MAX_RESTARTS = 5
    RESTART_WINDOW = 60.0

    def __init__(self, settings: Settings, log_format: str) -> None:
        self.settings = settings
        self.log_format = log_format
        self.count = settings.workers
        self.ctx = multiprocessing.get_context("spawn")
        self.workers: dict[int, Any] = {}
        self.restarts: list[float] = []
        self.stopping = False

    def _start(self, index: int) -> Any:
        """Start worker `index`; returns the pipe on which it reports readiness."""
        parent, child = self.ctx.Pipe(duplex=False)
        process = self.ctx.Process(
            target=_worker_main, args=(self.settings, self.log_format, index, child),
            name=f"grace-worker-{index}", daemon=False,
        )
        process.start()
        child.close()
        self.workers[index] = process
        return parent

    @staticmethod
    def _ready(conn: Any, timeout: float = 120.0) -> tuple[str, Any]:
        try:
            if conn.poll(timeout):
                message = conn.recv()
            else:
                message = ("error", f"worker did not start within {timeout:.0f} s",
                           EXIT_FAILED)
        except EOFError:
            message = ("error", "worker exited during start-up", EXIT_FAILED)
        finally:
            conn.close()
        return message[0], message[1:]

    def _spawn(self, index: int) -> tuple[str, Any]:
        return self._ready(self._start(index))

    def run(self) -> int:
        try:
            asyncio.run(_prepare_shared(self.settings))
        except StartError as exc:
            log.error("grace: %s", exc)
            return exc.code
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        pipes = {index: self._start(index) for index in range(self.count)}  # in parallel
        for index, conn in pipes.items():
            status, detail = self._ready(conn)
            if status != "ready":
                log.error("grace: worker %d could not start: %s", index, detail[0])
                self.stopping = True
                self._stop_all()
                return int(detail[1]) if len(detail) > 1 else EXIT_FAILED
        log.info("grace: %d workers listening on %s (SO_REUSEPORT)", self.count,
                 self.settings.server.listen)
        code = EXIT_OK
        while not self.stopping:
            sentinels = {p.sentinel: i for i, p in self.workers.items()}
            ready = multiprocessing.connection.wait(list(sentinels), timeout=1.0)
            if self.stopping:
                break
            for sentinel in ready:
                index = sentinels[sentinel]
                process = self.workers[index]
                process.join()
                log.error("grace: worker %d (pid %d) exited with status %s", index,
                          process.pid, process.exitcode)
                now = time.monotonic()
                self.restarts = [t for t in self.restarts if now - t < self.RESTART_WINDOW]
                self.restarts.append(now)
                if len(self.restarts) > self.MAX_RESTARTS:
                    log.error("grace: workers keep failing; stopping the gateway")
                    self.stopping = True
                    code = EXIT_FAILED
                    break
                status, detail = self._spawn(index)
                if status != "ready":
                    log.error("grace: worker %d could not restart: %s", index, detail[0])
        self._stop_all()
        return code

    def _on_signal(self, signum: int, frame: Any) -> None:
        if self.stopping:
            for process in self.workers.values():
                if process.is_alive():
                    os.kill(process.pid, signal.SIGTERM)  # a second signal: stop now
            return
        log.info("grace: %s received; workers finish their transactions",
                 signal.Signals(signum).name)
        self.stopping = True

    def _stop_all(self) -> None:
        for process in self.workers.values():
            if process.is_alive():
                os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + self.settings.server.processing_deadline + 2 * DRAIN_MARGIN
        for process in self.workers.values():
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                log.error("grace: worker pid %d did not stop in time; killing it", process.pid)
                process.kill()
                process.join(5)

"""Shared fixtures: a real SMTP sink as the next hop, and real gateways on loopback.

* `Sink` is an aiosmtpd server in a thread that records what it receives (exact
  bytes + envelope).  It can be stopped and started again on the same port, made
  slow, or told to answer 4xx/5xx at MAIL, RCPT or DATA.
* `InProcessGateway` runs `gateway.runner.GatewayServer` on its own loop in a
  thread (fast; used by most SMTP tests).  `GatewayProcess` runs `grace serve`
  as a subprocess (signals, SIGKILL, exit codes).
* `write_config` writes a TOML config; `gateway_config` gives one that puts
  acme.example's support replies in scope, next hop = the sink, state in tmp.

Everything listens on 127.0.0.1 only and every helper cleans up what it starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as AioSMTP

LOOPBACK = "127.0.0.1"

# The gateway runs its analysis in spawned processes, which inherit sys.path.  pytest
# puts tests/ first, where tests/policies/ (test files, no __init__) would shadow the
# real `policies` package as a namespace package: keep the project root in front.
ROOT = Path(__file__).resolve().parents[1]
if sys.path[:1] != [str(ROOT)]:
    sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_port(port: int, timeout: float = 90.0, proc: subprocess.Popen | None = None) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {LOOPBACK}:{port} after {timeout} s")


# ----------------------------------------------------------------- TOML writer


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str | Path):
        text = str(value).replace("\\", "\\\\").replace('"', '\\"')
        return f'"{text}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def toml_text(config: Mapping[str, Mapping[str, Any]]) -> str:
    lines = []
    for section, table in config.items():
        subtables = {k: v for k, v in table.items() if isinstance(v, Mapping)}
        lines.append(f"[{section}]")
        for key, value in table.items():
            if key not in subtables:
                lines.append(f"{key} = {_toml_value(value)}")
        for name, sub in subtables.items():
            lines.append(f'[{section}."{name}"]' if "." in name or "@" in name
                         else f"[{section}.{name}]")
            for key, value in sub.items():
                lines.append(f'"{key}" = {_toml_value(value)}')
        lines.append("")
    return "\n".join(lines)


def write_config(path: Path, config: Mapping[str, Mapping[str, Any]]) -> Path:
    path.write_text(toml_text(config), encoding="utf-8")
    return path


# ----------------------------------------------------------------- the sink


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    mail_options: tuple[str, ...]


class _SinkSMTP(AioSMTP):
    line_length_limit = 1 << 20


class _SinkHandler:
    def __init__(self, sink: Sink) -> None:
        self.sink = sink

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.sink.mail_reply:
            return self.sink.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 Ok"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.sink.rcpt_replies.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        self.sink.data_started.set()
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)  # cancelled if the client goes away
        if self.sink.drop_after_data:
            server.transport.close()
            return "421 4.3.0 going away"
        if self.sink.data_reply:
            return self.sink.data_reply
        with self.sink.lock:
            self.sink.messages.append(Received(
                envelope.mail_from, tuple(envelope.rcpt_tos),
                bytes(envelope.original_content), tuple(envelope.mail_options)))
            self.sink.count += 1
            number = self.sink.count
        return f"250 2.0.0 Ok: queued as SINK{number}"


class _SinkController(Controller):
    def factory(self):
        return _SinkSMTP(self.handler, **self.SMTP_kwargs)


class Sink:
    """An aiosmtpd next hop in a thread; records every message it accepts."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.messages: list[Received] = []
        self.lock = threading.Lock()
        self.count = 0
        self.delay = 0.0
        self.mail_reply = ""
        self.data_reply = ""
        self.drop_after_data = False
        self.rcpt_replies: dict[str, str] = {}
        self.data_started = threading.Event()
        self._controller: Controller | None = None

    @property
    def address(self) -> str:
        return f"{LOOPBACK}:{self.port}"

    def start(self) -> Sink:
        self._controller = _SinkController(
            _SinkHandler(self), hostname=LOOPBACK, port=self.port,
            server_hostname="sink.test", data_size_limit=None,
            enable_SMTPUTF8=True, decode_data=False,
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def reset(self) -> None:
        with self.lock:
            self.messages.clear()
        self.delay, self.mail_reply, self.data_reply = 0.0, "", ""
        self.drop_after_data = False
        self.rcpt_replies.clear()
        self.data_started.clear()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.02)
        with self.lock:
            return list(self.messages)

    def to(self, address: str) -> list[Received]:
        with self.lock:
            return [m for m in self.messages if address.lower() in
                    (r.lower() for r in m.rcpt_tos)]


@pytest.fixture
def sink() -> Iterator[Sink]:
    s = Sink().start()
    try:
        yield s
    finally:
        s.stop()


# ----------------------------------------------------------------- gateway config

SUPPORT = "support@acme.example"
AGENT = "maria@support.acme.example"
CUSTOMER = "kim@customer.example"


def base_config(state_dir: Path, listen_port: int, relay_port: int,
                **sections: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A config for tests: acme.example's support replies in scope, loopback only."""
    config: dict[str, dict[str, Any]] = {
        "server": {"listen": f"{LOOPBACK}:{listen_port}", "hostname": "gateway.test",
                   "workers": 1, "timeout": "60s", "processing_deadline": "20s"},
        "relay": {"next_hop": f"{LOOPBACK}:{relay_port}", "timeout": "10s",
                  "connect_timeout": "3s"},
        "state": {"dir": str(state_dir)},
        "scope": {"support_senders": [SUPPORT, "*@support.acme.example"],
                  "internal_domains": ["acme.example"]},
        "notes": {"retry_after": "1s"},
    }
    for name, values in sections.items():
        config.setdefault(name, {}).update(values)
    return config


# ----------------------------------------------------------------- in-process gateway


class LoopThread:
    """An asyncio loop running in a daemon thread; coroutines are run on it with call()."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def call(self, coro, timeout: float = 120.0):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


class InProcessGateway:
    """`GatewayServer` on a loop in a background thread (the tests' shared loop)."""

    def __init__(self, config_path: Path, loop: LoopThread | None = None, pool=None) -> None:
        """`loop`/`pool`: the session's shared ones (fast); without them this gateway
        gets its own loop thread and starts its own analysis processes."""
        from gateway.config import load_settings

        self.settings = load_settings(config_path)
        self._own_loop = loop is None
        self.runner = loop or LoopThread()
        self.pool = pool
        self.server = None

    @property
    def port(self) -> int:
        return self.server.address[1]

    def call(self, coro, timeout: float = 120.0):
        return self.runner.call(coro, timeout)

    def start(self) -> InProcessGateway:
        from gateway.runner import GatewayServer

        self.server = GatewayServer(self.settings, pool=self.pool)
        self.call(self.server.start())
        self.call(self.server.analysis_started())  # as a started `grace serve` would be
        return self

    def stop(self, drain_timeout: float = 5.0) -> None:
        if self.server is not None:
            try:
                self.call(self.server.stop(drain_timeout))
            finally:
                self.server = None
        if self._own_loop and self.runner is not None:
            self.runner.close()
            self.runner = None


@pytest.fixture(scope="session")
def gateway_loop() -> Iterator[LoopThread]:
    runner = LoopThread()
    yield runner
    runner.close()


@pytest.fixture(scope="session")
def analysis_pool(gateway_loop: LoopThread):
    """Analysis processes shared by the in-process gateways (they compile the
    policies once per session instead of once per test)."""
    from gateway.analysis_pool import AnalysisPool

    pool = AnalysisPool(processes=2, time_limit=30.0)
    yield pool
    pool.close()


@pytest.fixture
def make_gateway(tmp_path: Path, sink: Sink, gateway_loop: LoopThread, analysis_pool):
    """make_gateway(**sections) -> a started InProcessGateway relaying to `sink`."""
    started: list[InProcessGateway] = []

    def make(**sections: Mapping[str, Any]) -> InProcessGateway:
        state = tmp_path / f"state{len(started)}"
        config = base_config(state, free_port(), sink.port, **sections)
        path = write_config(tmp_path / f"grace{len(started)}.toml", config)
        gateway = InProcessGateway(path, gateway_loop, analysis_pool).start()
        started.append(gateway)
        return gateway

    yield make
    for gateway in started:
        gateway.stop()


# ----------------------------------------------------------------- subprocess gateway


class GatewayProcess:
    """`grace serve` in a subprocess (its own process group), stderr to a file."""

    def __init__(self, config_path: Path, port: int, log_path: Path,
                 extra_args: tuple[str, ...] = (), env: Mapping[str, str] | None = None) -> None:
        self.port = port
        self.log_path = log_path
        self._log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gateway", "serve", "--config", str(config_path),
             *extra_args],
            stdout=self._log, stderr=self._log, start_new_session=True,
            env={**os.environ, **(env or {})},
        )

    def wait_ready(self, timeout: float = 90.0) -> GatewayProcess:
        """Listening, and the analysis processes compiled the policies (the gateway
        listens before that; in-scope mail meanwhile waits, within the processing
        deadline, which a busy test machine could exceed)."""
        end = time.monotonic() + timeout
        wait_port(self.port, timeout, self.proc)
        while time.monotonic() < end and self.proc.poll() is None:
            text = self.log_text()
            if "analysis processes ready" in text or "workers listening" in text:
                break
            time.sleep(0.05)
        return self

    def log_text(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def signal(self, signum: int) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signum)

    def wait(self, timeout: float = 30.0) -> int:
        return self.proc.wait(timeout)

    def _exited(self, timeout: float) -> bool:
        """Wait for the leader to exit WITHOUT reaping it: while it is a zombie its
        pid (the group id) cannot be reused, so `killpg` cannot hit a stranger."""
        deadline = time.monotonic() + timeout
        while True:
            if os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT):
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)

    def stop(self) -> int | None:
        if self.proc.returncode is None:  # not reaped yet: the group id is still ours
            if not self._exited(0):
                os.kill(self.proc.pid, signal.SIGTERM)  # not self.signal: poll() reaps
            exited = self._exited(30)
            with contextlib.suppress(ProcessLookupError):
                # Kills the leader if it ignored SIGTERM, and leftover workers if any.
                os.killpg(self.proc.pid, signal.SIGKILL)
            if not exited:
                self._exited(10)
            self.proc.wait(10)
        self._log.close()
        return self.proc.returncode


@pytest.fixture
def spawn_gateway(tmp_path: Path):
    """spawn_gateway(config_path, port, *args) -> a started GatewayProcess."""
    started: list[GatewayProcess] = []

    def spawn(config_path: Path, port: int, *args: str, ready: bool = True,
              env: Mapping[str, str] | None = None) -> GatewayProcess:
        proc = GatewayProcess(config_path, port, tmp_path / f"gateway{len(started)}.log",
                              args, env)
        started.append(proc)
        return proc.wait_ready() if ready else proc

    yield spawn
    for proc in started:
        proc.stop()


# ----------------------------------------------------------------- reading the state


def audit_records(settings) -> list[dict[str, Any]]:
    """Every audit record's data, in chain order (opens the store read-side)."""
    from gateway.store import make_store

    async def read() -> list[dict[str, Any]]:
        store = make_store(settings)
        await store.open(create=False)
        try:
            return [r.data() async for r in store.records()]
        finally:
            await store.close()

    return asyncio.run(read())


def decisions(settings) -> list[dict[str, Any]]:
    return [r for r in audit_records(settings) if r.get("kind") == "decision"]


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()

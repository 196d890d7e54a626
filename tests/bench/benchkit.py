"""Helpers for the relay benchmarks: processes in their own groups, loopback ports,
CPU and memory of a process tree read from /proc, the next-hop sink.

Every process is started in its own session (process group) and stopped by that
group only (SIGTERM, then SIGKILL): the benchmarks never touch anything else.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LOOPBACK = "127.0.0.1"
PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def free_ports(n: int) -> list[int]:
    socks, ports = [], []
    try:
        while len(ports) < n:
            s = socket.socket()
            s.bind((LOOPBACK, 0))
            socks.append(s)
            ports.append(s.getsockname()[1])
    finally:
        for s in socks:
            s.close()
    return ports


def wait_port(port: int, timeout: float, proc: subprocess.Popen | None = None) -> float:
    """Seconds until 127.0.0.1:port accepts a connection; raises on timeout/exit."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited ({proc.returncode}) before listening")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=0.5):
                return time.monotonic() - t0
        except OSError:
            time.sleep(0.02)
    raise TimeoutError(f"nothing listens on {LOOPBACK}:{port} after {timeout:.0f} s")


def loadavg() -> str:
    with open("/proc/loadavg") as fh:
        return " ".join(fh.read().split()[:3])


class Group:
    """A command in its own process group, output to a log file."""

    def __init__(self, name: str, argv: list[str], log: Path,
                 env: dict[str, str] | None = None, cwd: Path = ROOT) -> None:
        self.name = name
        self.log_path = log
        self._log = open(log, "ab")  # noqa: SIM115 - closed in stop()
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            argv, stdout=self._log, stderr=self._log, stdin=subprocess.DEVNULL,
            start_new_session=True, cwd=cwd, env={**os.environ, **(env or {})},
        )
        self.pid = self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, grace: float = 30.0) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGTERM)
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)  # leftovers of the group, if any
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(10)
        self._log.close()

    def tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


# ----------------------------------------------------------------- /proc accounting


@dataclass
class ProcInfo:
    pid: int
    ppid: int
    ticks: int
    rss: int  # bytes
    cmd: str


def _stat(pid: int) -> tuple[int, int, int, int] | None:
    """(ppid, pgrp, utime+stime ticks, rss bytes) of `pid`, None when gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            f = fh.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    return int(f[1]), int(f[2]), int(f[11]) + int(f[12]), int(f[21]) * PAGE


_CMD: dict[int, str] = {}


def _cmdline(pid: int) -> str:
    cmd = _CMD.get(pid)
    if cmd is None:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            cmd = ""
        _CMD[pid] = cmd
    return cmd


def group(pgid: int) -> list[ProcInfo]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        st = _stat(int(entry))
        if st is not None and st[1] == pgid:
            out.append(ProcInfo(int(entry), st[0], st[2], st[3], _cmdline(int(entry))))
    return out


def cpu_ticks(pgid: int) -> int:
    return sum(p.ticks for p in group(pgid))


def smtp_pids(procs: list[ProcInfo], root: int, workers: int) -> set[int]:
    """The processes that speak SMTP: the root with one worker, else the root's
    spawned children (the supervisor itself, its resource tracker and the analysis
    processes below the workers are not)."""
    if workers <= 1:
        return {root}
    return {p.pid for p in procs
            if p.ppid == root and "spawn_main" in p.cmd and "resource_tracker" not in p.cmd}


def peak_hwm(pid: int) -> int:
    """VmHWM (peak RSS since start or the last reset) of `pid`, bytes."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def reset_hwm(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/clear_refs", "w") as fh:
            fh.write("5")


@dataclass
class Sampler:
    """Samples RSS of a process group every `interval` s in a thread: the peak of
    the whole tree and of its SMTP processes (summed at each sample)."""

    pgid: int
    workers: int
    interval: float = 0.02
    peak_total: int = 0
    peak_smtp: int = 0
    samples: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> Sampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        self._sample()

    def _sample(self) -> None:
        procs = group(self.pgid)
        smtp = smtp_pids(procs, self.pgid, self.workers)
        self.peak_total = max(self.peak_total, sum(p.rss for p in procs))
        self.peak_smtp = max(self.peak_smtp, sum(p.rss for p in procs if p.pid in smtp))
        self.samples += 1

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()


# ----------------------------------------------------------------- the next hop


def start_sink(port: int, log: Path, prefer_postfix: bool = True) -> Group:
    """Postfix's smtp-sink (C, discards mail) when installed, else tests/bench/sink.py."""
    smtp_sink = shutil.which("smtp-sink") if prefer_postfix else None
    if smtp_sink:
        argv = [smtp_sink, "-4", f"{LOOPBACK}:{port}", "1024"]
        if os.geteuid() == 0:
            argv[1:1] = ["-u", "nobody"]
        return Group("sink", argv, log)
    return Group("sink", [sys.executable, str(HERE / "sink.py"), "--listen",
                          f"{LOOPBACK}:{port}"], log)


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"

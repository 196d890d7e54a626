"""Run the expensive analysis (MIME parse + policies) in worker processes.

Why processes, not threads (measured, README "Performance"): the analysis is pure
Python and CPU-bound (tens of ms for a typical reply, seconds for hostile MIME).
In a thread it holds the GIL against the event loop, so every other SMTP session
stalls: with a thread pool the loop's p99 lag under in-scope load was 130-220 ms,
with a process pool 20 ms.  A process can also be killed when it runs over its
time limit; a thread cannot.  And the policies' data (~130 MB) then lives only in
the analysis processes, not in the process that holds the messages.

A semaphore admits only as many jobs as there are processes, so a job starts the
moment it is submitted and its time limit measures its own work, not a queue.
On the time limit the pool is killed and replaced (the runaway job cannot be
stopped otherwise); jobs that died with it through no fault of their own are
retried once on the new pool.  A job that kills its worker twice is reported as
failed, like one that raises: the gateway then records an "unchecked" decision
(`[limits] on_breach`), never a crash.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gateway.config import ConfigError, Settings
from gateway.pipeline import Analysis, Analyzer
from gateway.scope import Envelope
from policies.engine import PolicySet
from policies.types import RuleSpec

log = logging.getLogger(__name__)


class AnalysisFailed(Exception):
    """The analysis hit its time limit or crashed; `detail` says which."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


# ----------------------------------------------------------------- worker side

#: Compiled policy sets in this worker, by their configuration (a few at most).
_POLICIES: dict[bytes, PolicySet] = {}


def _worker_init() -> None:
    # The gateway process decides when analysis stops; a Ctrl-C or a SIGTERM sent
    # to the whole process group must not kill a job in the middle of a drain.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # ... but when the gateway process dies (SIGKILL, crash), nobody will ever send
    # this worker another job or stop it: leave with it.
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True,
                     name="parent-watch").start()


def _exit_with_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _analyzer(settings: Settings) -> Analyzer:
    """An Analyzer for `settings`; the policies are compiled once per configuration."""
    key = pickle.dumps(settings.policies)
    policies = _POLICIES.get(key)
    if policies is None:
        p = settings.policies
        policies = PolicySet.load(p.packs, p.rules, p.disable)
        if len(_POLICIES) >= 4:
            _POLICIES.pop(next(iter(_POLICIES)))
        _POLICIES[key] = policies
    return Analyzer(settings, policies=policies)


def _info(settings: Settings) -> tuple[str, Any, Any]:
    """Compile the policies in this worker; report what the gateway needs of them."""
    try:
        analyzer = _analyzer(settings)
    except ConfigError as exc:
        return ("config-error", str(exc), None)
    except Exception as exc:  # noqa: BLE001 - reported to the starting gateway
        return ("error", f"{type(exc).__name__}: {exc}", None)
    pack = analyzer.policies.pack
    rules = {"reply.unchecked": pack.rule("reply.unchecked")}
    return ("ok", analyzer.policy_version, rules)


def _analyse(settings: Settings, raw: bytes, envelope: Envelope,
             received_at: datetime) -> Analysis:
    return _analyzer(settings).analyse(raw, envelope, received_at)


def _call(fn: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    return fn(**kwargs)


# ----------------------------------------------------------------- gateway side


@dataclass(frozen=True)
class PackInfo:
    """The parts of a policy pack the gateway process reads (not the rules' code)."""

    rules: dict[str, RuleSpec]

    def rule(self, rule_id: str) -> RuleSpec:
        return self.rules[rule_id]


@dataclass(frozen=True)
class PolicyInfo:
    """Stands in for `PolicySet` in the gateway process, which only scopes messages
    and never checks one itself (the analysis processes hold the real policies)."""

    version: str
    pack: PackInfo


class AnalysisPool:
    """Analysis processes; one pool can serve several gateways (tests) because each
    job carries its settings (the compiled policies are cached per configuration)."""

    def __init__(self, *, processes: int, time_limit: float) -> None:
        self.processes = max(1, processes)
        self.time_limit = time_limit
        self._slots = asyncio.Semaphore(self.processes)
        self._pool = self._new_pool()
        self._warm: asyncio.Future[Any] | None = None
        self._settings: Settings | None = None
        self.restarts = 0

    def _new_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        return concurrent.futures.ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_init,
        )

    async def start(self, settings: Settings) -> PolicyInfo:
        """Start every worker and compile `settings`' policies there; return their
        identity (version, and the rule specs the gateway process needs)."""
        self._settings = settings
        loop = asyncio.get_running_loop()
        answers = await asyncio.gather(*(
            loop.run_in_executor(self._pool, _info, settings) for _ in range(self.processes)
        ))
        status, detail, rules = answers[0]
        if status == "config-error":
            raise ConfigError(settings.source, "[policies]", "valid policy packs", detail)
        if status != "ok":
            raise RuntimeError(f"the analysis processes could not start: {detail}")
        return PolicyInfo(version=detail, pack=PackInfo(rules=rules))

    def _recycle(self, pool: concurrent.futures.ProcessPoolExecutor) -> None:
        """Kill `pool` (a job in it overran) and put a fresh one in its place."""
        if pool is not self._pool:
            return  # already replaced by another job's failure
        self.restarts += 1
        self._pool = self._new_pool()
        _terminate(pool)
        # Compile the policies in the new processes before any job is timed there.
        loop = asyncio.get_running_loop()
        self._warm = asyncio.gather(
            *(loop.run_in_executor(self._pool, _info, self._settings)
              for _ in range(self.processes)),
            return_exceptions=True,
        )

    async def analyse(self, settings: Settings, raw: bytes, envelope: Envelope,
                      received_at: datetime) -> Analysis:
        async with self._slots:
            for attempt in (1, 2):
                if self._warm is not None:
                    await self._warm
                pool = self._pool
                loop = asyncio.get_running_loop()
                try:
                    future = loop.run_in_executor(pool, _analyse, settings, raw, envelope,
                                                  received_at)
                except RuntimeError:  # pool shut down under us: replaced, try the new one
                    if attempt == 1:
                        continue
                    raise
                try:
                    return await asyncio.wait_for(future, self.time_limit)
                except TimeoutError:
                    log.warning("analysis overran its %g s limit; restarting the analysis "
                                "processes", self.time_limit)
                    self._recycle(pool)
                    raise AnalysisFailed(f"time limit of {self.time_limit:g} s") from None
                except concurrent.futures.process.BrokenProcessPool:
                    self._recycle(pool)
                    if attempt == 1:
                        continue  # maybe another job's kill: once more on the new pool
                    raise AnalysisFailed("the analysis process crashed") from None
                except Exception as exc:  # noqa: BLE001 - a crash in extraction/policies
                    log.exception("analysis of a message raised")
                    raise AnalysisFailed(f"could not be read ({type(exc).__name__})") from exc
        raise AnalysisFailed("the analysis processes are unavailable")

    async def call(self, fn: Callable[..., Any], **kwargs: Any) -> Any:
        """Other CPU work (composing a review note) in the same processes.

        `fn` and the arguments are pickled: a module-level function and plain
        records only."""
        async with self._slots:
            loop = asyncio.get_running_loop()
            future = loop.run_in_executor(self._pool, _call, fn, kwargs)
            return await asyncio.wait_for(future, self.time_limit)

    def close(self, timeout: float = 5.0) -> None:
        """Stop the processes (jobs are over: the gateway drained first)."""
        _terminate(self._pool, grace=timeout)


def _terminate(pool: concurrent.futures.ProcessPoolExecutor, grace: float = 0.0) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if grace:
            process.join(grace)
        if process.is_alive():
            try:
                process.terminate()
            except Exception:  # noqa: BLE001
                pass


def default_processes(settings: Settings) -> int:
    """One analysis process per core, shared out over the gateway's workers."""
    cores = os.cpu_count() or 1
    return max(1, cores // max(1, settings.workers))

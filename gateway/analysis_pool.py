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

Start-up: compiling the policies takes seconds (more on a busy machine), so the
gateway does not wait for it.  `warm_up` starts the processes in the background;
each compiles the policies in its initializer, before it takes any job, so no
analysis is ever timed against a compile.  The gateway listens meanwhile
(out-of-scope mail flows at once); an in-scope message waits for the warm-up
(bounded by the processing deadline, then 451).  `policy_info` gives the gateway
process what it needs of the policies (their version, the `reply.unchecked`
rule) from the pack alone, which is cheap and still refuses a bad pack at once.
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
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from gateway.compliance.commitments import commitments_of
from gateway.config import ConfigError, Settings
from gateway.pipeline import Analysis, Analyzer
from gateway.scope import Envelope
from policies.engine import PolicySet
from policies.pack import PackError, load_pack
from policies.types import RuleSpec

log = logging.getLogger(__name__)


class AnalysisFailed(Exception):
    """The analysis hit its time limit or crashed; `detail` says which."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class AnalysisUnavailable(Exception):
    """The analysis processes could not start: no message can be checked (the
    gateway answers 451; nothing is held as unchecked for a fault of ours)."""


# ----------------------------------------------------------------- worker side

#: Compiled policy sets in this worker, by their configuration (a few at most).
_POLICIES: dict[bytes, PolicySet] = {}


def _worker_init(parent: int, settings: Settings | None = None) -> None:
    # The gateway process decides when analysis stops; a Ctrl-C or a SIGTERM sent
    # to the whole process group must not kill a job in the middle of a drain.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # ... but when the gateway process dies (SIGKILL, crash), nobody will ever send
    # this worker another job or stop it: leave with it.  `parent` comes from the
    # gateway: it may have died while this process was still starting.
    if os.getppid() != parent:
        os._exit(0)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True,
                     name="parent-watch").start()
    if settings is not None:
        # Compile before the first job, so no job's time limit pays for it.  A
        # failure is reported by the first `_info` job (it compiles again).
        try:
            _analyzer(settings)
        except Exception:  # noqa: BLE001, S110 - reported by _info
            pass


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


@dataclass(frozen=True)
class _Packed:
    """Settings travel to the workers pickled once (the gateway keeps the bytes):
    pickling the whole Settings for every job cost about 0.1 ms each way."""

    blob: bytes


#: Settings and their Analyzer in this worker, by their pickled bytes.
_UNPACKED: dict[bytes, tuple[Settings, Analyzer | None]] = {}


def _unpack(value: Any) -> Any:
    if not isinstance(value, _Packed):
        return value
    known = _UNPACKED.get(value.blob)
    if known is None:
        if len(_UNPACKED) >= 8:
            _UNPACKED.pop(next(iter(_UNPACKED)))
        known = _UNPACKED[value.blob] = (pickle.loads(value.blob), None)  # noqa: S301
    return known[0]


def _analyzer_for(value: Any) -> Analyzer:
    settings = _unpack(value)
    if isinstance(value, _Packed):
        analyzer = _UNPACKED[value.blob][1]
        if analyzer is None:
            analyzer = _analyzer(settings)
            _UNPACKED[value.blob] = (settings, analyzer)
        return analyzer
    return _analyzer(settings)


def _analyse(settings: Settings | _Packed, raw: bytes, envelope: Envelope,
             received_at: datetime) -> Analysis:
    analysis = _analyzer_for(settings).analyse(raw, envelope, received_at)
    if analysis.reply is None:
        return analysis
    # Read here, not on the gateway's event loop (the audit record needs them).
    promised = commitments_of(analysis.reply, include_evidence=True)
    return replace(analysis, commitments=tuple(promised))


def _call(fn: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    return fn(**{key: _unpack(value) for key, value in kwargs.items()})


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


def policy_info(settings: Settings) -> PolicyInfo:
    """What the gateway process needs of the policies, from the pack alone (tens of
    ms: no rule is compiled); raises ConfigError for a bad pack."""
    p = settings.policies
    try:
        pack = load_pack(p.packs, p.rules, p.disable)
        rules = {"reply.unchecked": pack.rule("reply.unchecked")}
    except PackError as exc:
        raise ConfigError(settings.source, "[policies]", "valid policy packs",
                          str(exc)) from None
    return PolicyInfo(version=pack.label, pack=PackInfo(rules=rules))


class AnalysisPool:
    """Analysis processes; one pool can serve several gateways (tests) because each
    job carries its settings (the compiled policies are cached per configuration)."""

    def __init__(self, *, processes: int, time_limit: float) -> None:
        self.processes = max(1, processes)
        self.time_limit = time_limit
        self._slots = asyncio.Semaphore(self.processes)
        self._settings: Settings | None = None
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._warm: asyncio.Future[Any] | None = None
        self._ready: asyncio.Future[PolicyInfo] | None = None
        self._packed: tuple[Settings, _Packed] | None = None
        self.restarts = 0

    def _pack(self, value: Any) -> Any:
        """Settings as their pickled bytes, made once per Settings object."""
        if not isinstance(value, Settings):
            return value
        if self._packed is None or self._packed[0] is not value:
            self._packed = (value, _Packed(pickle.dumps(value)))
        return self._packed[1]

    def _new_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        return concurrent.futures.ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_init,
            initargs=(os.getpid(), self._settings),
        )

    def _executor(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            self._pool = self._new_pool()
        return self._pool

    async def start(self, settings: Settings) -> PolicyInfo:
        """Start every worker and compile `settings`' policies there; return their
        identity (version, and the rule specs the gateway process needs)."""
        return await asyncio.shield(self.warm_up(settings))

    def warm_up(self, settings: Settings) -> asyncio.Future[PolicyInfo]:
        """Start the processes and compile `settings`' policies in each, in the
        background; the future fails with ConfigError or AnalysisUnavailable."""
        if self._settings is None:
            self._settings = settings  # the processes compile these in their initializer
        self._ready = asyncio.ensure_future(self._compile(settings))
        return self._ready

    @property
    def ready(self) -> bool:
        return self._ready is not None and self._ready.done() and not (
            self._ready.cancelled() or self._ready.exception())

    async def _compile(self, settings: Settings) -> PolicyInfo:
        loop = asyncio.get_running_loop()
        pool = self._executor()
        answers = await asyncio.gather(*(
            loop.run_in_executor(pool, _info, settings) for _ in range(self.processes)
        ), return_exceptions=True)
        for answer in answers:
            if isinstance(answer, BaseException):
                raise AnalysisUnavailable(
                    f"the analysis processes could not start: {type(answer).__name__}: "
                    f"{answer}") from answer
            status, detail, _ = answer
            if status == "config-error":
                raise ConfigError(settings.source, "[policies]", "valid policy packs", detail)
            if status != "ok":
                raise AnalysisUnavailable(f"the analysis processes could not start: {detail}")
        status, version, rules = answers[0]
        return PolicyInfo(version=version, pack=PackInfo(rules=rules))

    async def _wait_ready(self) -> None:
        """Wait for the warm-up (shielded: a caller's deadline must not cancel it)."""
        if self._ready is None:
            if self._settings is None:
                raise AnalysisUnavailable("the analysis processes were not started")
            self.warm_up(self._settings)
        assert self._ready is not None  # noqa: S101
        if not self._ready.done():
            await asyncio.wait([self._ready])  # never cancels what it waits for
        if self._ready.cancelled():
            raise AnalysisUnavailable("the analysis processes are stopping")
        exc = self._ready.exception()
        if exc is not None:
            raise AnalysisUnavailable(str(exc)) from exc

    def _recycle(self, pool: concurrent.futures.ProcessPoolExecutor) -> None:
        """Kill `pool` (a job in it overran) and put a fresh one in its place."""
        if pool is not self._pool:
            return  # already replaced by another job's failure
        self.restarts += 1
        self._pool = self._new_pool()
        _terminate(pool)
        # Start the new processes now (they compile in their initializer) and let
        # jobs wait for that, so no job is timed against a compile.
        loop = asyncio.get_running_loop()
        self._warm = asyncio.gather(
            *(loop.run_in_executor(self._pool, _info, self._settings)
              for _ in range(self.processes)),
            return_exceptions=True,
        )

    async def analyse(self, settings: Settings, raw: bytes, envelope: Envelope,
                      received_at: datetime) -> Analysis:
        await self._wait_ready()
        async with self._slots:
            for attempt in (1, 2):
                if self._warm is not None and not self._warm.done():
                    await asyncio.wait([self._warm])  # shielded, as in _wait_ready
                pool = self._executor()
                loop = asyncio.get_running_loop()
                try:
                    future = loop.run_in_executor(pool, _analyse, self._pack(settings), raw,
                                                  envelope, received_at)
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
            packed = {key: self._pack(value) for key, value in kwargs.items()}
            future = loop.run_in_executor(self._executor(), _call, fn, packed)
            return await asyncio.wait_for(future, self.time_limit)

    def close(self, timeout: float = 5.0) -> None:
        """Stop the processes (jobs are over: the gateway drained first)."""
        ready = self._ready
        if ready is not None and not ready.done():
            loop = ready.get_loop()
            try:
                here = asyncio.get_running_loop()
            except RuntimeError:
                here = None
            if here is loop:
                ready.cancel()
            elif not loop.is_closed():  # closed from another thread (the tests' fixture)
                loop.call_soon_threadsafe(ready.cancel)
        if self._pool is not None:
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

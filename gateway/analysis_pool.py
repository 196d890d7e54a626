"""Run the expensive analysis (MIME parse + policies) in worker processes.

Why processes, not threads (measured, README "Performance"): the analysis is pure
Python and CPU-bound (milliseconds for a typical reply, seconds for hostile
MIME).  In a thread it holds the GIL against the event loop, so every other SMTP
session stalls: with a thread pool the loop's p99 lag under in-scope load was
130-220 ms, with processes 20 ms.  A process can also be killed when it runs
over its time limit; a thread cannot.  And the policies' data (~130 MB) then
lives only in the analysis processes, not in the process that holds the messages.

Why not `concurrent.futures.ProcessPoolExecutor` (used before, measured): its
hand-off runs on two helper threads in this process (a queue feeder and a
result manager) that take the GIL from the event loop for every job; they held
it in about a fifth of py-spy's samples of this process under in-scope load
(README "Where the CPU goes" has the before/after numbers).  Here each analysis
process has its own socketpair, and the event loop writes a job and reads the
answer itself (`loop.sock_sendall` / `sock_recv`): no threads, no queues.  The
message's bytes go after the pickled arguments as they are, not pickled again.

One job per process at a time: a job takes an idle process (or waits for one),
so its time limit measures its own work, not a queue.  On the time limit only
that process is killed and replaced (a runaway job cannot be stopped
otherwise); the others keep working.  A process that dies under a job (crash,
killed) is replaced and the job is tried once more on another process; a job
that kills two processes is reported as failed, like one that raises: the
gateway then records an "unchecked" decision (`[limits] on_breach`), never a
crash.

Start-up: compiling the policies takes seconds (more on a busy machine), so the
gateway does not wait for it.  `warm_up` starts the processes in the background;
each compiles the policies before it answers its first frame, so no analysis is
ever timed against a compile (a replacement process joins the idle ones only
once it has compiled).  The gateway listens meanwhile (out-of-scope mail flows
at once); an in-scope message waits for the warm-up (bounded by the processing
deadline, then 451).  `policy_info` gives the gateway process what it needs of
the policies (their version, the `reply.unchecked` rule) from the pack alone,
which is cheap and still refuses a bad pack at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import multiprocessing
import os
import pickle
import socket
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gateway import analysis_worker as worker
from gateway.config import ConfigError, Settings
from gateway.pipeline import Analysis
from gateway.prepared_note import NotePlan, Prepared
from gateway.scope import Envelope
from policies.pack import PackError, load_pack
from policies.types import RuleSpec

log = logging.getLogger(__name__)

#: Bytes arguments at least this big go after the pickle as they are.
_RAW_MIN = 16 * 1024
#: How long a new process may take to compile the policies before it is replaced.
_START_LIMIT = 300.0


class AnalysisFailed(Exception):
    """The analysis hit its time limit or crashed; `detail` says which."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class AnalysisUnavailable(Exception):
    """The analysis processes could not start: no message can be checked (the
    gateway answers 451; nothing is held as unchecked for a fault of ours)."""


class RemoteError(Exception):
    """A job raised in the analysis process; the message is its type and text."""


class _Gone(Exception):
    """The analysis process closed its socket or died."""


class _Unsendable(Exception):
    """A job's arguments cannot be pickled (nothing was sent)."""


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


class _Process:
    """One analysis process and the gateway's end of its socket."""

    def __init__(self, process: multiprocessing.process.BaseProcess, sock: socket.socket,
                 first_key: bytes) -> None:
        self.process = process
        self.sock = sock
        #: The settings keys the process holds, in its own first-in-first-out order.
        self.known: OrderedDict[bytes, None] = OrderedDict({first_key: None})
        self.buffer = bytearray()
        #: True from the start of a job's frame to the end of its answer.
        self.in_step = True
        #: The current job's frame is written in full.
        self.sent = True

    def remember(self, key: bytes) -> None:
        if len(self.known) >= worker.SETTINGS_KEPT:
            self.known.popitem(last=False)
        self.known[key] = None

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()
        if self.process.is_alive():
            with contextlib.suppress(Exception):
                self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(1.0)


class AnalysisPool:
    """Analysis processes; one pool can serve several gateways (tests) because each
    job names its settings (the compiled policies are cached per configuration)."""

    def __init__(self, *, processes: int, time_limit: float) -> None:
        self.processes = max(1, processes)
        self.time_limit = time_limit
        self._settings: Settings | None = None
        self._ready: asyncio.Future[PolicyInfo] | None = None
        self._boot: asyncio.Future[PolicyInfo] | None = None
        #: Idle processes; None in it means "closed" (passed on to the next waiter).
        self._idle: asyncio.Queue[_Process | None] | None = None
        self._all: set[_Process] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._keys: tuple[Settings, bytes, bytes] | None = None
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self.restarts = 0
        #: Jobs answered (the tests read it).
        self.jobs = 0

    # ------------------------------------------------------------ settings
    def _key(self, settings: Settings) -> tuple[bytes, bytes]:
        """(key, pickled bytes) of `settings`, made once per Settings object."""
        if self._keys is None or self._keys[0] is not settings:
            blob = pickle.dumps(settings, protocol=pickle.HIGHEST_PROTOCOL)
            self._keys = (settings, hashlib.blake2b(blob, digest_size=16).digest(), blob)
        return self._keys[1], self._keys[2]

    # ------------------------------------------------------------ processes
    def _spawn(self) -> _Process:
        if self._settings is None:
            raise AnalysisUnavailable("the analysis processes were not started")
        key, blob = self._key(self._settings)
        ours, theirs = socket.socketpair()
        process = multiprocessing.get_context("spawn").Process(
            target=worker.main, args=(theirs, os.getpid(), key, blob),
            name="grace-analysis", daemon=True)
        try:
            process.start()
        finally:
            theirs.close()
        ours.setblocking(False)
        proc = _Process(process, ours, key)
        self._all.add(proc)
        return proc

    async def _started(self, proc: _Process) -> tuple[str, Any, Any]:
        """The process's first frame: did it compile the policies?"""
        answer = await asyncio.wait_for(self._read(proc), _START_LIMIT)
        if not (isinstance(answer, tuple) and answer and answer[0] == "ready"):
            raise _Gone(f"unexpected first frame {answer!r:.80}")
        proc.in_step = False
        return answer[1]

    def _retire(self, proc: _Process) -> None:
        """Kill `proc` and start its replacement in the background."""
        self._all.discard(proc)
        proc.kill()
        if self._closed:
            return
        self.restarts += 1
        self._background(self._replace())

    async def _replace(self, pause: float = 0.0) -> None:
        await asyncio.sleep(pause)
        if self._closed:
            return
        try:
            proc = self._spawn()
        except Exception:  # noqa: BLE001 - try again later; the others keep working
            log.exception("could not start an analysis process; trying again in 5 s")
            self._background(self._replace(5.0))
            return
        try:
            status, detail, _ = await self._started(proc)
        except (Exception, asyncio.CancelledError) as exc:
            self._all.discard(proc)
            proc.kill()
            if isinstance(exc, asyncio.CancelledError):
                raise
            log.warning("a new analysis process did not start (%s); trying again in 5 s", exc)
            self._background(self._replace(5.0))
            return
        if status != "ok":
            self._all.discard(proc)
            proc.kill()
            log.error("a new analysis process could not compile the policies: %s", detail)
            self._background(self._replace(30.0))
            return
        self._idle_queue().put_nowait(proc)

    def _background(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _idle_queue(self) -> asyncio.Queue[_Process | None]:
        if self._idle is None:
            self._idle = asyncio.Queue()
        return self._idle

    # ------------------------------------------------------------ wire
    async def _read(self, proc: _Process) -> Any:
        """One answer frame from `proc`."""
        loop = asyncio.get_running_loop()
        buf = proc.buffer
        need = worker.ANSWER_HEAD.size
        while True:
            if len(buf) >= need:
                if need == worker.ANSWER_HEAD.size:
                    need += worker.ANSWER_HEAD.unpack_from(buf)[0]
                    continue
                payload = bytes(buf[worker.ANSWER_HEAD.size:need])
                del buf[:need]
                try:
                    return pickle.loads(payload)  # noqa: S301 - our own child's answer
                except Exception as exc:  # noqa: BLE001 - a garbled answer: the process is suspect
                    raise _Gone(f"unreadable answer ({type(exc).__name__})") from None
            try:
                chunk = await loop.sock_recv(proc.sock, max(65536, need - len(buf)))
            except OSError as exc:
                raise _Gone(str(exc)) from None
            if not chunk:
                raise _Gone("the analysis process closed its socket")
            buf += chunk

    async def _send(self, proc: _Process, fn: Callable[..., Any], kwargs: dict[str, Any],
                    data_arg: str = "") -> None:
        loop = asyncio.get_running_loop()
        new: list[tuple[bytes, bytes]] = []
        packed = {}
        for name, value in kwargs.items():
            if isinstance(value, Settings):
                key, blob = self._key(value)
                if key not in proc.known and (key, blob) not in new:
                    new.append((key, blob))
                value = worker.SettingsRef(key)
            packed[name] = value
        data = b""
        if data_arg:
            data = packed.pop(data_arg)
        try:
            meta = pickle.dumps((fn, packed, new, data_arg), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - nothing was written: the process is fine
            raise _Unsendable(f"{type(exc).__name__}: {exc}") from None
        for key, _ in new:
            proc.remember(key)
        head = worker.JOB_HEAD.pack(len(meta), len(data))
        proc.in_step, proc.sent = True, False
        try:
            if len(data) < _RAW_MIN:
                await loop.sock_sendall(proc.sock, head + meta + data)
            else:  # the message's bytes as they are: no copy of a big message
                await loop.sock_sendall(proc.sock, head + meta)
                await loop.sock_sendall(proc.sock, memoryview(data))
        except OSError as exc:
            raise _Gone(str(exc)) from None
        proc.sent = True

    async def _job(self, fn: Callable[..., Any], kwargs: dict[str, Any],
                   data_arg: str = "", wait: bool = True) -> Any:
        """Run `fn(**kwargs)` in an idle process within the time limit; retried once
        when the process dies under it.  Returns the answer tuple."""
        if wait:
            await self._wait_ready()
        if self._closed:
            raise AnalysisUnavailable("the analysis processes are stopping")
        idle = self._idle_queue()
        for attempt in (1, 2):
            proc = await self._next_idle(idle)
            try:
                answer = await asyncio.wait_for(self._exchange(proc, fn, kwargs, data_arg),
                                                self.time_limit)
            except TimeoutError:
                log.warning("analysis overran its %g s limit; replacing that analysis "
                            "process", self.time_limit)
                self._retire(proc)
                raise AnalysisFailed(f"time limit of {self.time_limit:g} s") from None
            except _Gone as exc:
                log.warning("an analysis process died under a job (%s); replacing it", exc)
                self._retire(proc)
                if attempt == 1:
                    continue  # maybe not this job's fault: once more on another process
                raise AnalysisFailed("the analysis process crashed") from None
            except _Unsendable as exc:
                idle.put_nowait(proc)
                raise AnalysisFailed(f"the job could not be sent ({exc})") from None
            except asyncio.CancelledError:
                self._abandon(proc)
                raise
            except BaseException:
                self._retire(proc)
                raise
            idle.put_nowait(proc)
            self.jobs += 1
            return answer
        raise AnalysisFailed("the analysis processes are unavailable")

    async def _next_idle(self, idle: asyncio.Queue[_Process | None]) -> _Process:
        """The next idle process; AnalysisUnavailable once the pool closes, also
        for a caller that was already waiting (it must not wait for ever)."""
        while True:
            proc = await idle.get()
            if proc is None or self._closed:
                idle.put_nowait(None)  # wake the next waiter too
                raise AnalysisUnavailable("the analysis processes are stopping")
            if proc in self._all:  # else: retired while it waited in the queue
                return proc

    async def _exchange(self, proc: _Process, fn: Callable[..., Any], kwargs: dict[str, Any],
                        data_arg: str) -> Any:
        for _ in (1, 2):
            await self._send(proc, fn, kwargs, data_arg)
            answer = await self._read(proc)
            proc.in_step = False
            if answer != ("unknown-settings",):
                return answer
            proc.known.clear()  # out of step with the process: send the settings again
        raise _Gone("the analysis process keeps losing its settings")

    def _abandon(self, proc: _Process) -> None:
        """The caller gave up on a job in `proc` (its deadline, a drain): read the
        answer in the background and put the process back, or replace it."""
        if not proc.in_step:
            self._idle_queue().put_nowait(proc)
        elif not proc.sent:  # a half-written job frame cannot be finished
            self._retire(proc)
        else:
            self._background(self._settle(proc))

    async def _settle(self, proc: _Process) -> None:
        try:
            await asyncio.wait_for(self._read(proc), self.time_limit)
        except (Exception, asyncio.CancelledError):
            self._retire(proc)
            return
        proc.in_step = False
        self._idle_queue().put_nowait(proc)

    # ------------------------------------------------------------ start
    async def start(self, settings: Settings) -> PolicyInfo:
        """Start every process and compile `settings`' policies there; return their
        identity (version, and the rule specs the gateway process needs)."""
        return await asyncio.shield(self.warm_up(settings))

    def warm_up(self, settings: Settings) -> asyncio.Future[PolicyInfo]:
        """Start the processes and compile `settings`' policies in each, in the
        background; the future fails with ConfigError or AnalysisUnavailable."""
        if self._settings is None:
            self._settings = settings  # the processes compile these before their first job
        self._loop = asyncio.get_running_loop()
        self._ready = asyncio.ensure_future(self._compile(settings))
        return self._ready

    @property
    def ready(self) -> bool:
        return self._ready is not None and self._ready.done() and not (
            self._ready.cancelled() or self._ready.exception())

    async def _compile(self, settings: Settings) -> PolicyInfo:
        if self._boot is None:
            self._boot = asyncio.ensure_future(self._boot_up(settings))
        try:
            info = await asyncio.shield(self._boot)
        except Exception:
            self._boot = None  # a later warm-up tries again
            raise
        if settings is self._settings:
            return info
        # Another gateway on this pool (tests): compile its settings in one process
        # now (the others compile them with their first job of it).
        answer = await self._job(worker.info, {"settings": settings}, wait=False)
        if answer[0] != "ok":
            raise AnalysisUnavailable(f"the analysis processes could not start: {answer[1]}")
        status, detail, rules = answer[1]
        if status == "config-error":
            raise ConfigError(settings.source, "[policies]", "valid policy packs", detail)
        if status != "ok":
            raise AnalysisUnavailable(f"the analysis processes could not start: {detail}")
        return PolicyInfo(version=detail, pack=PackInfo(rules=rules))

    async def _boot_up(self, settings: Settings) -> PolicyInfo:
        """Start the processes; each compiles `settings` before its first answer."""
        started: list[_Process] = []
        try:
            for _ in range(self.processes):
                started.append(self._spawn())
        except Exception as exc:
            for proc in started:
                self._all.discard(proc)
                proc.kill()
            raise AnalysisUnavailable(
                f"the analysis processes could not start: {type(exc).__name__}: {exc}"
            ) from exc
        answers = await asyncio.gather(*(self._started(p) for p in started),
                                       return_exceptions=True)
        for proc, answer in zip(started, answers, strict=True):
            if not isinstance(answer, BaseException) and answer[0] == "ok":
                self._idle_queue().put_nowait(proc)
        failed = [a for a in answers if isinstance(a, BaseException) or a[0] != "ok"]
        if failed:
            for proc in started:
                self._all.discard(proc)
                proc.kill()
            self._idle = None
            first = failed[0]
            if isinstance(first, BaseException):
                raise AnalysisUnavailable(
                    f"the analysis processes could not start: {type(first).__name__}: "
                    f"{first}") from first
            status, detail, _ = first
            if status == "config-error":
                raise ConfigError(settings.source, "[policies]", "valid policy packs",
                                  detail)
            raise AnalysisUnavailable(f"the analysis processes could not start: {detail}")
        status, version, rules = answers[0]  # type: ignore[misc]
        return PolicyInfo(version=version, pack=PackInfo(rules=rules))

    async def _wait_ready(self) -> None:
        """Wait for the warm-up (shielded: a caller's deadline must not cancel it)."""
        if self._ready is None:
            if self._settings is None:
                raise AnalysisUnavailable("the analysis processes were not started")
            self.warm_up(self._settings)
        ready = self._ready
        if ready is None:
            raise AnalysisUnavailable("the analysis processes were not started")
        if not ready.done():
            await asyncio.wait([ready])  # never cancels what it waits for
        if ready.cancelled():
            raise AnalysisUnavailable("the analysis processes are stopping")
        exc = ready.exception()
        if exc is not None:
            raise AnalysisUnavailable(str(exc)) from exc

    # ------------------------------------------------------------ jobs
    async def analyse(self, settings: Settings, raw: bytes, envelope: Envelope,
                      received_at: datetime) -> Analysis:
        return await self._analysis(worker.analyse, {
            "settings": settings, "raw": raw, "envelope": envelope,
            "received_at": received_at})

    async def analyse_and_prepare(self, settings: Settings, raw: bytes, envelope: Envelope,
                                  received_at: datetime,
                                  plan: NotePlan) -> tuple[Analysis, Prepared]:
        """`analyse`, plus the hold record and note its verdict calls for."""
        return await self._analysis(worker.analyse_and_prepare, {
            "settings": settings, "raw": raw, "envelope": envelope,
            "received_at": received_at, "plan": plan})

    async def _analysis(self, fn: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
        answer = await self._job(fn, kwargs, data_arg="raw")
        if answer[0] == "ok":
            return answer[1]
        log.error("analysis of a message raised: %s\n%s", answer[1], answer[2].rstrip())
        kind = answer[1].split(":", 1)[0]
        raise AnalysisFailed(f"could not be read ({kind})")

    async def call(self, fn: Callable[..., Any], **kwargs: Any) -> Any:
        """Other CPU work (composing a review note) in the same processes.

        `fn` and the arguments are pickled: a module-level function and plain
        records only.  Raises RemoteError when `fn` raised."""
        big = [name for name, value in kwargs.items()
               if isinstance(value, bytes) and len(value) >= _RAW_MIN]
        data_arg = max(big, key=lambda name: len(kwargs[name])) if big else ""
        try:
            answer = await self._job(fn, kwargs, data_arg)
        except AnalysisFailed as exc:
            raise RemoteError(exc.detail) from None
        if answer[0] == "ok":
            return answer[1]
        raise RemoteError(answer[1])

    # ------------------------------------------------------------ stop
    def close(self, timeout: float = 5.0) -> None:
        """Stop the processes (jobs are over: the gateway drained first), waiting at
        most `timeout` seconds in all before killing what is left.  Safe to
        call from another thread than the pool's loop (the tests' fixture)."""
        self._closed = True
        ready = self._ready
        loop = self._loop
        try:
            here = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        if loop is not None and loop is not here and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._cancel_tasks)
        elif here is not None:
            self._cancel_tasks()
        if ready is not None and not ready.done() and loop is here:
            ready.cancel()
        procs = list(self._all)
        self._all.clear()
        for proc in procs:  # end of file on its socket: the process leaves by itself
            with contextlib.suppress(OSError):
                proc.sock.shutdown(socket.SHUT_RDWR)
        # One deadline for all of them: they were told together, so they leave
        # together, and a stuck one costs `timeout` once, not once per process.
        deadline = time.monotonic() + timeout
        for proc in procs:
            proc.process.join(max(0.0, deadline - time.monotonic()))
            proc.kill()

    def _cancel_tasks(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._idle is not None:
            self._idle.put_nowait(None)
        if self._ready is not None and not self._ready.done():
            self._ready.cancel()


def default_processes(settings: Settings) -> int:
    """One analysis process per core, shared out over the gateway's workers."""
    cores = os.cpu_count() or 1
    return max(1, cores // max(1, settings.workers))

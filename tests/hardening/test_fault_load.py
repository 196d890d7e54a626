"""Issue 8 point 6: fault and load (bounded, loopback only).

2,000 messages over 50 concurrent SMTP connections into a real `grace serve`
process, while the next hop flaps (accepts, answers 451 after DATA, cuts the
connection after DATA with or without having stored the message, answers
slowly, is down for a while) and the gateway is SIGKILLed once and restarted on
the same config and state.  The client behaves like an MTA: it keeps a message
until it gets our 250 and retries 4xx answers and broken connections a bounded
number of times.

Afterwards every message is accounted for:

* delivered exactly once (our 250, one copy at the next hop, the exact bytes), or
* held (our 250, one hold in the store whose spool file holds the exact bytes), or
* still owed by the client (it never got our 250, so it still has the message).

An extra copy is allowed only where SMTP cannot avoid one, and each is named: the
next hop stored the message but cut the connection before its 250 (the gateway
rightly answered 451 "maybe delivered", the client retried), or the gateway was
killed between the next hop's 250 and ours (a message in flight at the SIGKILL).
A message we answered 250 with no copy anywhere is lost: there must be none.
The accounting table is printed.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from conftest import LOOPBACK, base_config, decisions, free_port, wait_port, write_config

from gateway.config import load_settings
from gateway.store import make_store

from .kit import (
    AGENT,
    CLEAN_BODY,
    CUSTOMER,
    EMPTY_BODY,
    OTHER_SENDER,
    FlappingSink,
    dot_stuff,
    plain,
    reply,
)

pytestmark = pytest.mark.slow

N = 2000
CONCURRENCY = 50
#: The SIGKILL comes once this share of the messages got our 250.
KILL_AT = 0.4
#: Attempts per message before the client gives up for this run (still owes it).
MAX_ATTEMPTS = 8
#: The whole load (kill and restart included) ends by then; what is left is owed.
LOAD_DEADLINE = 180.0
#: Longer than the gateway's processing deadline (20 s) plus its grace.
REPLY_TIMEOUT = 60.0

#: The next hop's behaviour, cycled for as long as the load runs: each mode for
#: that many DATA commands ("down": that many seconds), so the faults are spread
#: over the run however fast this machine is.
SCHEDULE = [
    ("accept", 150), ("tempfail", 30), ("accept", 150), ("cut", 30),
    ("accept", 150), ("drop", 15), ("accept", 150), ("slow", 40),
    ("accept", 150), ("down", 2.0),
]
SLOW_DELAY = 1.5  # below the gateway's relay timeout (10 s)

BLAME = (b"Hi Kim,\r\n\r\nAs I already explained twice, this is your own fault: you "
         b"obviously did not read the manual. Calm down.\r\n\r\nMaria\r\n")
SHOUT = (b"Hi Kim,\r\n\r\nAS I SAID BEFORE, THIS IS YOUR FAULT. YOU SHOULD HAVE READ THE "
         b"INSTRUCTIONS. Obviously you did not.\r\n\r\nMaria\r\n")
HELD_BODIES = (EMPTY_BODY, BLAME, SHOUT)


# ----------------------------------------------------------------- messages


@dataclass
class Attempt:
    start: float
    end: float = 0.0
    #: "250", "4xx", "5xx", "conn" (refused/reset/closed), "timeout", "aborted".
    outcome: str = ""
    text: str = ""


@dataclass
class Message:
    seq: int
    kind: str  # out (out of scope), clean (forwarded), held
    sender: str
    msgid: str
    raw: bytes
    attempts: list[Attempt] = field(default_factory=list)
    answer: str = ""  # our 250 text, once given
    final: str = ""  # "250", "5xx", "gave up", "deadline"


def build(seq: int) -> Message:
    slot = seq % 20
    if slot < 10:
        msgid = f"fl{seq:04d}@elsewhere.example"
        return Message(seq, "out", OTHER_SENDER, msgid, plain(msgid))
    msgid = f"fl{seq:04d}@support.acme.example"
    thread = f"fl{seq:04d}-q@customer.example"  # its own thread: no hold supersedes another
    if slot < 17:
        return Message(seq, "clean", AGENT, msgid, reply(msgid, CLEAN_BODY, thread=thread))
    body = HELD_BODIES[seq % len(HELD_BODIES)]
    return Message(seq, "held", AGENT, msgid, reply(msgid, body, thread=thread))


# ----------------------------------------------------------------- the client (an MTA)


class Session:
    """One SMTP connection to the gateway (raw asyncio streams)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Session:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(LOOPBACK, port, limit=1 << 20), 10)
        session = cls(reader, writer)
        code, text = await session.reply()
        if code != 220:
            session.close()
            raise ConnectionError(f"greeting {code} {text}")
        code, text = await session.cmd(b"EHLO client.test")
        if code != 250:
            session.close()
            raise ConnectionError(f"EHLO {code} {text}")
        return session

    async def reply(self) -> tuple[int, str]:
        lines = []
        while True:
            line = await asyncio.wait_for(self.reader.readline(), REPLY_TIMEOUT)
            if not line.endswith(b"\n"):
                raise ConnectionError("the gateway closed the connection")
            lines.append(line[4:].decode("utf-8", "replace").strip())
            if line[3:4] != b"-":
                return int(line[:3]), " ".join(lines)

    async def cmd(self, line: bytes) -> tuple[int, str]:
        self.writer.write(line + b"\r\n")
        return await self.reply()

    async def transaction(self, msg: Message) -> tuple[int, str]:
        steps = (b"MAIL FROM:<" + msg.sender.encode() + b">",
                 b"RCPT TO:<" + CUSTOMER.encode() + b">", b"DATA")
        for step, want in zip(steps, (250, 250, 354), strict=True):
            code, text = await self.cmd(step)
            if code != want:
                if code != 421:
                    await self.cmd(b"RSET")
                return code, text
        self.writer.write(dot_stuff(msg.raw))
        return await self.reply()

    def close(self) -> None:
        self.writer.close()


@dataclass
class Load:
    port: int
    messages: list[Message]
    rng: random.Random = field(default_factory=lambda: random.Random(8))
    acked: int = 0
    resolved: int = 0

    def __post_init__(self) -> None:
        self.queue: asyncio.Queue[Message] = asyncio.Queue()
        for msg in self.messages:
            self.queue.put_nowait(msg)
        self.kill_now = asyncio.Event()
        self.done = asyncio.Event()

    def resolve(self, msg: Message, final: str) -> None:
        msg.final = final
        self.resolved += 1
        if final == "250":
            self.acked += 1
            if self.acked >= KILL_AT * len(self.messages):
                self.kill_now.set()
        if self.resolved == len(self.messages):
            self.done.set()

    def retry(self, msg: Message) -> None:
        tries = len(msg.attempts)
        if tries >= MAX_ATTEMPTS:
            self.resolve(msg, "gave up")
            return
        delay = min(0.4 * 2 ** (tries - 1), 5.0) + self.rng.uniform(0, 0.4)
        asyncio.get_running_loop().call_later(delay, self.queue.put_nowait, msg)

    async def worker(self) -> None:
        session: Session | None = None
        try:
            while True:
                msg = await self.queue.get()
                attempt = Attempt(time.monotonic())
                msg.attempts.append(attempt)
                try:
                    if session is None:
                        session = await Session.open(self.port)
                    code, text = await session.transaction(msg)
                except asyncio.CancelledError:
                    attempt.end, attempt.outcome = time.monotonic(), "aborted"
                    raise
                except (OSError, ConnectionError, asyncio.IncompleteReadError,
                        TimeoutError) as exc:
                    attempt.end, attempt.text = time.monotonic(), repr(exc)
                    attempt.outcome = "timeout" if isinstance(exc, TimeoutError) else "conn"
                    if session is not None:
                        session.close()
                        session = None
                    self.retry(msg)
                    await asyncio.sleep(0.2)  # as an MTA backs off a failing host
                    continue
                attempt.end, attempt.text = time.monotonic(), f"{code} {text}"
                if code == 250:
                    attempt.outcome = "250"
                    msg.answer = text
                    self.resolve(msg, "250")
                elif 400 <= code < 500:
                    attempt.outcome = "4xx"
                    if code == 421:
                        session.close()
                        session = None
                    self.retry(msg)
                else:
                    attempt.outcome = "5xx"
                    self.resolve(msg, "5xx")
        finally:
            if session is not None:
                session.close()


def data_seen(sink: FlappingSink) -> int:
    with sink.lock:
        return sum(sink.data_modes.values())


def flap(sink: FlappingSink, stop: threading.Event) -> None:
    """Cycle the next hop through SCHEDULE until `stop` (run in a thread)."""
    while not stop.is_set():
        for mode, amount in SCHEDULE:
            if stop.is_set():
                break
            sink.set_mode(mode)
            if mode == "down":
                stop.wait(amount)
                continue
            target = data_seen(sink) + amount
            while not stop.is_set() and data_seen(sink) < target:
                stop.wait(0.01)
    sink.set_mode("accept")


def exited(proc: subprocess.Popen, timeout: float) -> bool:
    """The process exited (not reaped: the fixture still kills its group later)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT):
            return True
        time.sleep(0.02)
    return False


# ----------------------------------------------------------------- reading the state


def read_holds(settings) -> tuple[list, dict[str, bytes | str]]:
    """Every hold, and per hold its held bytes (or the store's error text)."""

    async def read():
        store = make_store(settings)
        await store.open(create=False)
        try:
            holds = await store.list_holds(limit=100_000)
            held: dict[str, bytes | str] = {}
            for hold in holds:
                try:
                    held[hold.id] = await store.held_message(hold.id)
                except Exception as exc:  # noqa: BLE001 - reported as a failure below
                    held[hold.id] = repr(exc)
            return holds, held
        finally:
            await store.close()

    return asyncio.run(read())


# ----------------------------------------------------------------- the test


def test_fault_and_load_every_message_accounted_for(tmp_path, spawn_gateway, capsys):
    began = time.monotonic()
    port = free_port()
    state = tmp_path / "state"
    sink = FlappingSink(free_port(), slow_delay=SLOW_DELAY).start()
    config = write_config(tmp_path / "grace.toml", base_config(state, port, sink.port))
    settings = load_settings(config)
    messages = [build(seq) for seq in range(N)]
    stop_flapping = threading.Event()
    flapper = threading.Thread(target=flap, args=(sink, stop_flapping), daemon=True)
    gateways = []
    times: dict[str, float] = {}

    async def kill_and_restart(load: Load) -> None:
        await load.kill_now.wait()
        times["kill"] = time.monotonic()
        gateways[0].signal(signal.SIGKILL)
        assert await asyncio.to_thread(exited, gateways[0].proc, 10)
        restarted = await asyncio.to_thread(spawn_gateway, config, port, ready=False)
        gateways.append(restarted)
        await asyncio.to_thread(wait_port, port, 90, restarted.proc)
        times["listening"] = time.monotonic()
        await asyncio.to_thread(restarted.wait_ready)
        times["ready"] = time.monotonic()

    async def run_load() -> None:
        load = Load(port, messages)
        workers = [asyncio.create_task(load.worker()) for _ in range(CONCURRENCY)]
        killer = asyncio.create_task(kill_and_restart(load))
        try:
            await asyncio.wait_for(load.done.wait(), LOAD_DEADLINE)
        except TimeoutError:
            pass  # what is not answered yet is owed by the client
        finally:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            if not load.kill_now.is_set():
                killer.cancel()
        assert load.kill_now.is_set(), f"the load ended before the SIGKILL ({load.acked} 250s)"
        await asyncio.wait_for(killer, 120)  # the load may end before the restart finished

    try:
        gateways.append(spawn_gateway(config, port))
        startup = time.monotonic() - began
        times["start"] = time.monotonic()
        flapper.start()
        asyncio.run(run_load())
        times["end"] = time.monotonic()
        stop_flapping.set()
        flapper.join(30)
        for msg in messages:
            if not msg.final:
                msg.final = "deadline"
        # Stop the restarted gateway cleanly: it drains what is in flight first.
        gateways[-1].signal(signal.SIGTERM)
        assert gateways[-1].wait(60) == 0, gateways[-1].log_text()[-3000:]
        with sink.lock:
            deliveries = list(sink.deliveries)
        data_modes = dict(sink.data_modes)
        switches = dict(sink.modes_seen)
    finally:
        stop_flapping.set()
        if flapper.is_alive():
            flapper.join(30)
        sink.stop()

    holds, held_bytes = read_holds(settings)
    records = decisions(settings)
    audited: dict[str, set[str]] = {}
    for record in records:
        audited.setdefault(record.get("message_id", "").strip("<>"), set()).add(
            record["decision"])
    spool_files = {p.stem for p in (state / "spool").glob("*.eml")}
    verify = subprocess.run(
        [sys.executable, "-m", "gateway", "audit", "verify", "--config", str(config)],
        capture_output=True, text=True, timeout=120)

    # ------------------------------------------------------------ per message
    copies: dict[str, list] = {m.msgid: [] for m in messages}  # deliveries to the customer
    strays = []
    for d in deliveries:
        if d.marker:
            continue  # a review note the gateway wrote
        if d.msgid in copies:
            copies[d.msgid].append(d)
        else:
            strays.append(d)
    holds_of: dict[str, list] = {m.msgid: [] for m in messages}
    for hold in holds:
        holds_of.setdefault(hold.message_id.strip("<>"), []).append(hold)

    kill = times["kill"]
    rows: Counter[str] = Counter()
    by_kind: Counter[tuple[str, str]] = Counter()
    problems: list[str] = []
    in_flight_at_kill = 0
    unaudited = 0
    for msg in messages:
        got = copies[msg.msgid]
        kept = holds_of.get(msg.msgid, [])
        # Copies the gateway could not know about: the next hop stored the message
        # and cut the connection before its 250 ("drop").
        unacknowledged = sum(d.mode == "drop" for d in got)
        acknowledged = len(got) - unacknowledged
        at_kill = any(a.start <= kill <= a.end and a.outcome != "250" for a in msg.attempts)
        in_flight_at_kill += at_kill
        aborted = any(a.outcome in ("aborted", "timeout") for a in msg.attempts)
        for d in got:
            if d.data != msg.raw:
                problems.append(f"{msg.msgid}: the next hop got other bytes than were sent")
        for hold in kept:
            raw = held_bytes[hold.id]
            if not isinstance(raw, bytes):
                problems.append(f"{msg.msgid}: hold {hold.id} has no held message: {raw}")
            elif raw != msg.raw:
                problems.append(f"{msg.msgid}: hold {hold.id} keeps other bytes")
            elif not (state / "spool" / f"{hold.id}.eml").is_file():
                problems.append(f"{msg.msgid}: hold {hold.id} has no spool file")
        if msg.kind == "held" and got:
            problems.append(f"{msg.msgid}: a reply that must be held reached the customer")
        total = len(got) + len(kept)
        # The copy the client asked for (once it got our 250), the unacknowledged
        # ones, and one whose answer was lost at the kill (or the client gave up
        # waiting): nothing else.
        need = 1 if msg.final == "250" else 0
        lost_answer = 1 if at_kill or aborted else 0
        if total > need + unacknowledged + lost_answer or acknowledged > need + lost_answer:
            row = "unexplained extra copies"
            problems.append(f"{msg.msgid}: {len(got)} deliveries "
                            f"({[d.mode for d in got]}) and {len(kept)} holds; attempts: "
                            f"{[(a.outcome, a.text[:60]) for a in msg.attempts]}")
        elif msg.final != "250":
            row = "owed by the client (never got our 250)"
            if total:
                rows["  of these, a copy is already at the next hop or held"] += 1
        elif total == 0:
            row = "LOST (our 250, no copy anywhere)"
            problems.append(f"{msg.msgid}: answered {msg.answer!r} but neither delivered "
                            "nor held")
        elif total == 1:
            row = ("held, with its spool file" if kept
                   else "delivered exactly once")
        elif at_kill and acknowledged >= 2:
            row = "extra copy: our 250 was lost at the SIGKILL"
        else:
            row = "extra copy: the next hop stored it, then cut before its 250"
        rows[row] += 1
        by_kind[(msg.kind, row)] += 1
        # What our 250 said must be what happened.
        if msg.final == "250":
            answer = msg.answer
            if "held for review as " in answer:
                hold_id = answer.split("held for review as ", 1)[1].split(";", 1)[0].strip()
                if hold_id not in {h.id for h in kept}:
                    problems.append(f"{msg.msgid}: answered {answer!r}, no such hold")
            elif "forwarded" in answer or "passed on" in answer:
                if acknowledged == 0:
                    problems.append(f"{msg.msgid}: answered {answer!r}, but the next hop "
                                    "never acknowledged a copy")
            else:
                problems.append(f"{msg.msgid}: unexpected 250 text {answer!r}")
            # Every decision is audited (durably) before its 250.
            done = audited.get(msg.msgid, set())
            if not done & {"pass-through", "forward", "hold", "duplicate"}:
                unaudited += 1
                problems.append(f"{msg.msgid}: answered 250 without a decision record")

    attempts = Counter(a.outcome for m in messages for a in m.attempts)
    codes = Counter(a.text[:3] for m in messages for a in m.attempts if a.outcome == "4xx")
    finals = Counter(m.final for m in messages)

    # ------------------------------------------------------------ the table
    order = ["delivered exactly once", "held, with its spool file",
             "extra copy: the next hop stored it, then cut before its 250",
             "extra copy: our 250 was lost at the SIGKILL",
             "owed by the client (never got our 250)",
             "  of these, a copy is already at the next hop or held",
             "LOST (our 250, no copy anywhere)", "unexplained extra copies"]
    width = max(map(len, order)) + 2
    kinds = ("out", "clean", "held")
    lines = [
        "",
        f"fault & load: {N} messages over {CONCURRENCY} connections, next hop flapping, "
        f"gateway SIGKILLed once and restarted",
        f"{'outcome':<{width}}{'all':>6}" + "".join(f"{k:>7}" for k in kinds),
        "-" * (width + 6 + 7 * len(kinds)),
    ]
    for row in order:
        cells = "".join(f"{by_kind[(k, row)]:>7}" if not row.startswith("  ") else ""
                        for k in kinds)
        lines.append(f"{row:<{width}}{rows[row]:>6}{cells}")
    counted = sum(v for k, v in rows.items() if not k.startswith("  "))
    lines += [
        "-" * (width + 6 + 7 * len(kinds)),
        f"{'total':<{width}}{counted:>6}"
        + "".join(f"{sum(m.kind == k for m in messages):>7}" for k in kinds),
        "",
        "faults injected at the next hop: DATA answered per mode "
        + ", ".join(f"{k}={v}" for k, v in sorted(data_modes.items()))
        + f"; down {switches.get('down', 0)} times ({dict(SCHEDULE)['down']} s each)",
        f"gateway: SIGKILL at {kill - times['start']:.1f} s into the load, "
        f"{in_flight_at_kill} messages in flight; listening again after "
        f"{times['listening'] - kill:.1f} s, policies ready after {times['ready'] - kill:.1f} s",
        "client attempts: " + ", ".join(f"{k}={v}" for k, v in sorted(attempts.items()))
        + " (4xx codes: " + ", ".join(f"{k}={v}" for k, v in sorted(codes.items())) + ")",
        "client finals: " + ", ".join(f"{k}={v}" for k, v in sorted(finals.items())),
        f"holds in the store: {len(holds)}; spool files without a hold: "
        f"{len(spool_files - {h.id for h in holds})} (a kill before the commit; swept "
        "after an hour); review notes at the next hop: "
        f"{sum(d.marker for d in deliveries)}",
        f"audit: verify exit {verify.returncode}; decision records "
        + ", ".join(f"{k}={v}" for k, v in sorted(
            Counter(r["decision"] for r in records).items()))
        + f"; 250s without a decision record: {unaudited}",
        f"time: load {times['end'] - times['start']:.1f} s, first start-up {startup:.1f} s, "
        f"whole test {time.monotonic() - began:.1f} s",
        "",
    ]
    with capsys.disabled():
        print("\n".join(lines))

    # ------------------------------------------------------------ the promises
    assert not strays, f"the next hop got messages nobody sent: {strays[:3]}"
    assert not problems, "\n".join(problems[:20])
    assert rows["LOST (our 250, no copy anywhere)"] == 0
    assert rows["unexplained extra copies"] == 0
    assert counted == N
    assert attempts["5xx"] == 0, "the gateway refused mail for its own or a next hop fault"
    # Extra copies at the kill can only come from what was in flight then.
    assert rows["extra copy: our 250 was lost at the SIGKILL"] <= in_flight_at_kill
    assert verify.returncode == 0, verify.stdout + verify.stderr
    # The run really exercised what it claims: every fault reached the gateway, the
    # client saw 4xx and broken connections, and most mail got through.
    for mode in ("tempfail", "cut", "drop", "slow"):
        assert data_modes.get(mode, 0) > 0, f"no DATA met the next hop in mode {mode}"
    assert switches.get("down", 0) >= 1
    assert attempts["4xx"] > 0 and attempts["conn"] > 0
    assert rows["held, with its spool file"] > 0
    assert finals["250"] >= 0.95 * N, finals

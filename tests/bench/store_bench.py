"""Benchmark the shared store: forward and hold throughput, PostgreSQL vs SQLite,
one node vs three (a script, not a test).

    python tests/bench/store_bench.py                 # store level (default)
    python tests/bench/store_bench.py --smtp          # whole gateways over SMTP
    python tests/bench/store_bench.py --ops 4000 --concurrency 32 --nodes 1,3

Store level: each node is a process with its own `Store` on the same data (one
SQLite file, or one PostgreSQL schema), with `--concurrency` callers at a time
(the SMTP sessions of a node).  A forward costs one DECISION append; a hold costs
`create_hold` (4 KB message, hold row, record, a 6 KB note in the outbox).  Each
row runs with group commit (the default) and without it (`max_batch = 1`: one
transaction per operation), to show what batching buys.  After each run the
chain is verified and its length checked.

SMTP level (`--smtp`): `grace serve` processes relaying to an aiosmtpd sink,
loaded over SMTP with `--concurrency` sessions per node; forward = clean replies,
hold = replies held with a review note.  On a small machine the analysis (not
the store) bounds this; it shows what an operator would see.

SQLite on one node with group commit is the baseline of the "x base" column
(per operation).  PostgreSQL runs on $GRACE_BENCH_PG (default: the shared test server
postgresql://postgres@127.0.0.1:5432/postgres), in a database created for the
run and dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import multiprocessing
import os
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from gateway.store.chain import GENESIS  # noqa: E402
from gateway.store.postgres import PostgresStore  # noqa: E402
from gateway.store.records import (  # noqa: E402
    AuditEvent,
    Decision,
    EventKind,
    Hold,
    HoldState,
    OutboxItem,
    OutboxKind,
    new_id,
)
from gateway.store.sqlite import SqliteStore  # noqa: E402
from gateway.store.verify import verify_store  # noqa: E402

SERVER = os.environ.get("GRACE_BENCH_PG", os.environ.get(
    "GRACE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres"))
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
RAW = (b"From: maria@support.acme.example\r\nTo: kim@customer.example\r\n"
       b"Subject: Re: VPN drops\r\n\r\n" + b"Whatever, it works on my side.\r\n" * 130)
NOTE = b"Subject: your reply is on hold\r\n\r\n" + b"Here is what to change.\r\n" * 260


# ----------------------------------------------------------------- store level


def decision(n: int, node: int, hold_id: str = "") -> AuditEvent:
    return AuditEvent(
        kind=EventKind.DECISION, time=NOW + timedelta(milliseconds=n),
        message_id=f"<b{node}-{n}@support.acme.example>", sender="maria@support.acme.example",
        recipients=("kim@customer.example",), subject="Re: VPN drops",
        decision=Decision.HOLD if hold_id else Decision.FORWARD, scope_reason="support-reply",
        mode="enforce", hold_id=hold_id, ms=3.2, policy_version="bench",
        config_digest=GENESIS, node=f"bench-{node}",
        findings=({"rule": "kind.dismissive", "value": "kind", "severity": "hold"},)
        if hold_id else (),
    )


def hold_of(n: int) -> Hold:
    return Hold(
        id=new_id("h"), state=HoldState.HELD, created_at=NOW, deadline=NOW + timedelta(hours=4),
        message_id=f"<r{n}@support.acme.example>", author="maria@support.acme.example",
        mail_from="maria@support.acme.example", rcpt_tos=("kim@customer.example",),
        subject="Re: VPN drops", thread_ids=(f"<q{n}@customer.example>",),
        rules=("kind.dismissive",), mode="enforce", size=len(RAW),
        sha256=hashlib.sha256(RAW).hexdigest(),
    )


def make(backend: str, target: str, batching: bool) -> Any:
    batch = 512 if batching else 1
    if backend == "sqlite":
        return SqliteStore(Path(target) / "grace.db", Path(target) / "spool", max_batch=batch)
    return PostgresStore(target, pool_size=4, max_batch=batch)


async def node_work(backend: str, target: str, batching: bool, op: str, node: int, ops: int,
                    concurrency: int, barrier: Any) -> tuple[float, float, int]:
    store = make(backend, target, batching)
    await store.open()
    try:
        queue: asyncio.Queue[int] = asyncio.Queue()
        for n in range(ops):
            queue.put_nowait(n)

        async def caller() -> None:
            while not queue.empty():
                n = queue.get_nowait()
                if op == "forward":
                    await store.append([decision(n, node)])
                else:
                    hold = hold_of(n)
                    item = OutboxItem(id=new_id("o"), kind=OutboxKind.NOTE, mail_from="",
                                      rcpt_tos=(hold.author,), raw=NOTE, created_at=NOW,
                                      next_attempt_at=NOW, hold_id=hold.id)
                    await store.create_hold(hold, RAW, decision(n, node, hold.id), [item])

        await asyncio.to_thread(barrier.wait)
        start = time.time()
        before = store.commits
        await asyncio.gather(*(caller() for _ in range(concurrency)))
        return start, time.time(), store.commits - before
    finally:
        await store.close()


def node_main(args: tuple[Any, ...], results: Any) -> None:
    results.put(asyncio.run(node_work(*args)))


@dataclass
class Row:
    backend: str
    nodes: int
    op: str
    batching: str
    ops: int
    seconds: float
    commits: int

    @property
    def rate(self) -> float:
        return self.ops / self.seconds


def new_target(backend: str, bench_db: str) -> str:
    if backend == "sqlite":
        return tempfile.mkdtemp(prefix="grace-bench-")
    schema = f"b_{secrets.token_hex(5)}"
    with psycopg.connect(bench_db, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return f"{bench_db}?options=-csearch_path%3D{schema}"


async def verify(backend: str, target: str, expected: int) -> None:
    store = make(backend, target, True)
    await store.open(create=False)
    try:
        report = await verify_store(store)
    finally:
        await store.close()
    if not report.ok or report.count != expected:
        raise SystemExit(f"{backend}: chain check failed after the run: {report.problem}, "
                         f"{report.count} records, expected {expected}")


def run_store(backend: str, nodes: int, op: str, batching: bool, args: argparse.Namespace,
              bench_db: str) -> Row:
    target = new_target(backend, bench_db)
    asyncio.run(prepare(backend, target))
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(nodes)
    results = ctx.Queue()
    procs = [ctx.Process(target=node_main, args=(
        (backend, target, batching, op, i, args.ops // nodes, args.concurrency, barrier),
        results)) for i in range(nodes)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(60)
    starts, ends, commits = zip(*outcomes, strict=True)
    total = (args.ops // nodes) * nodes
    asyncio.run(verify(backend, target, total))
    return Row(backend, nodes, op, "on" if batching else "off", total,
               max(ends) - min(starts), sum(commits))


async def prepare(backend: str, target: str) -> None:
    store = make(backend, target, True)
    await store.open()
    await store.close()


# ----------------------------------------------------------------- SMTP level


def run_smtp(backend: str, nodes: int, op: str, args: argparse.Namespace,
             bench_db: str) -> Row:
    from conftest import GatewayProcess, Sink, base_config, free_port, write_config
    from multinode.loadkit import drive, reply

    target = new_target(backend, bench_db)
    work = Path(tempfile.mkdtemp(prefix="grace-bench-smtp-"))
    sink = Sink().start()
    procs: list[GatewayProcess] = []
    try:
        ports = []
        for i in range(nodes):
            port = free_port()
            store = ({"backend": "postgresql", "dsn": target, "pool_size": 8}
                     if backend == "postgresql" else {"path": str(Path(target) / "grace.db")})
            config = base_config(work / f"node{i}", port, sink.port, store=store,
                                 holds={"secret": "bench-secret-0123456789abcdef"},
                                 server={"max_connections": 200})
            path = write_config(work / f"node{i}.toml", config)
            procs.append(GatewayProcess(path, port, work / f"node{i}.log"))
            ports.append(port)
        for proc in procs:
            proc.wait_ready(120)
        warm = [(op, reply(n, op, run="warm")) for n in range(20 * nodes)]
        asyncio.run(drive(ports, warm, per_node=args.concurrency))
        messages = [(op, reply(n, op, run="bench")) for n in range(args.ops)]
        start = time.monotonic()
        sent = asyncio.run(drive(ports, messages, per_node=args.concurrency, deadline=900))
        seconds = time.monotonic() - start
        failed = [s.final for s in sent if not s.accepted]
        if failed:
            raise SystemExit(f"{len(failed)} messages not accepted, e.g. {failed[:2]}")
    finally:
        for proc in procs:
            proc.stop()
        sink.stop()
    return Row(backend, nodes, op, "on", len(messages), seconds, 0)


# ----------------------------------------------------------------- main


def table(rows: list[Row], smtp: bool) -> str:
    bases = {r.op: r.rate for r in reversed(rows)
             if r.backend == "sqlite" and r.nodes == 1 and r.batching == "on"}
    head = (f"{'backend':<11} {'nodes':>5} {'op':<8} {'group commit':>12} {'ops':>6} "
            f"{'seconds':>8} {'ops/s':>8} {'x base':>7}" + ("" if smtp else
                                                             f" {'ops/commit':>10}"))
    lines = [head, "-" * len(head)]
    for r in rows:
        line = (f"{r.backend:<11} {r.nodes:>5} {r.op:<8} {r.batching:>12} {r.ops:>6} "
                f"{r.seconds:>8.2f} {r.rate:>8.0f} {r.rate / bases.get(r.op, r.rate):>7.2f}")
        if not smtp:
            line += f" {r.ops / max(r.commits, 1):>10.1f}"
        lines.append(line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ops", type=int, default=3000, help="operations per row")
    parser.add_argument("--concurrency", type=int, default=16,
                        help="concurrent callers (SMTP sessions) per node")
    parser.add_argument("--nodes", default="1,3", help="node counts, comma-separated")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--ops-kinds", default="forward,hold")
    parser.add_argument("--smtp", action="store_true", help="whole gateways over SMTP")
    parser.add_argument("--no-batching-rows", action="store_true",
                        help="skip the rows without group commit")
    args = parser.parse_args()
    bench_name = f"grace_bench_{secrets.token_hex(4)}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{bench_name}"')
    bench_db = SERVER.rsplit("/", 1)[0] + "/" + bench_name
    rows: list[Row] = []
    try:
        for op in args.ops_kinds.split(","):
            for batching in (True, False):
                if not batching and (args.smtp or args.no_batching_rows):
                    continue
                for nodes in (int(n) for n in args.nodes.split(",")):
                    for backend in args.backends.split(","):
                        if args.smtp:
                            row = run_smtp(backend, nodes, op, args, bench_db)
                        else:
                            row = run_store(backend, nodes, op, batching, args, bench_db)
                        rows.append(row)
                        print(f"  {row.backend} x{row.nodes} {row.op} batching {row.batching}:"
                              f" {row.rate:.0f} ops/s", file=sys.stderr, flush=True)
    finally:
        with psycopg.connect(SERVER, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{bench_name}" WITH (FORCE)')
    level = "SMTP, whole gateways" if args.smtp else "store level"
    print(f"\nGrace store benchmark ({level}): {args.ops} operations per row, "
          f"{args.concurrency} concurrent callers per node, {os.cpu_count()} CPUs")
    rows.sort(key=lambda r: (r.op, r.batching != "on", r.nodes, r.backend != "sqlite"))
    print(table(rows, args.smtp))


if __name__ == "__main__":
    main()

"""PostgreSQL backend: several gateway nodes share one audit chain, holds, tokens
and outbox (psycopg 3, `psycopg_pool.AsyncConnectionPool`).

One chain across nodes: every transaction that appends locks the one-row
`audit_head` table (`SELECT ... FOR UPDATE`), reads the last id and hash, and
inserts its records with the next ids in the SAME transaction as the state
change they describe.  Ids come from that row, not from a sequence (which
leaves gaps when a transaction rolls back), so the chain stays gap-free.  The
lock is taken last, after the transaction's other statements, and held only
for one INSERT and the COMMIT; no statement that waits for another lock runs
after it, so two nodes cannot deadlock on it.

Group commit: in each process one writer task takes everything queued, runs
the operations one after another in ONE transaction and commits once, so the
busier a node is, the more records each lock/commit carries.  An operation
that fails on its own data (a duplicate id) would abort the whole
transaction in PostgreSQL; the writer then rolls back and runs the batch again
without it, so the others still commit (no savepoint per operation: they
would cost round trips on every write for a rare case).  Deadlocks and
serialisation failures are retried.

Writes that append nothing (leasing outbox items, the release lease of a hold,
the heartbeat) and reads run on their own pooled connections, beside the
writer.  Each lease change is one UPDATE committed on its own: the row lock
makes concurrent claims of one hold queue, and each re-checks the lease the one
before it left, so exactly one node gets it.  `try_exclusive` holds a session
advisory lock on a connection of its own for as long as the store is open.

Held message bytes live in `held_messages` (bytea), so any node can release
any hold, with no shared file system; `spool_dir` is not used.

A database that is down, restarting or read-only: every method raises
`StoreError` (the server answers 451), `ping()` returns False.  The pool
checks a connection before handing it out and replaces broken ones, and gives
up a reconnection attempt after a few seconds so the next request starts a
fresh one: the store recovers by itself within seconds of the database coming
back.  A COMMIT cut off by a lost connection is reported as a failure although
it may have happened (the client retries; at worst a duplicate hold).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import re
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any

import psycopg
import psycopg.errors
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from gateway.store import base, migrations
from gateway.store.base import SchemaError, StoreError
from gateway.store.chain import iso, pruned_digest, seal
from gateway.store.migrations.postgres import STEPS
from gateway.store.records import (
    HOLD_ID_PATTERN,
    AuditEvent,
    AuditRecord,
    ChainHead,
    EventKind,
    ForwardStage,
    Hold,
    HoldState,
    OutboxItem,
    OutboxKind,
    OutboxState,
)
from gateway.store.spool import check_hold_id

log = logging.getLogger(__name__)

Conn = psycopg.AsyncConnection[Any]
_HOLD_ID = re.compile(HOLD_ID_PATTERN)
_FAR_PAST = datetime(1970, 1, 1, tzinfo=UTC)
#: pg_advisory_xact_lock key for schema creation and migration ("grace" + 1).
_SCHEMA_LOCK = 0x6772616365_01
#: SQLSTATE classes of errors caused by one operation's own data (a duplicate
#: key, a value out of range): the batch is re-run without that operation.
_OP_FAULTS = ("22", "23")
#: Deadlock, serialisation failure: nothing was written; run the batch again.
_RETRY = ("40001", "40P01")
_RETRIES = 3


# ------------------------------------------------------------------ errors


def safe_dsn(dsn: str) -> str:
    """The connection string without its password (for messages and logs)."""
    dsn = re.sub(r"://([^:@/]*):[^@/]*@", r"://\1:***@", dsn)
    return re.sub(r"(password=)[^&\s]*", r"\1***", dsn)


def store_error(exc: BaseException, where: str, wait: float | None = None) -> StoreError:
    """A StoreError whose text says what went wrong in words an operator can act on."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, PoolTimeout):
        waited = f" within {wait:g} s" if wait is not None else ""
        return StoreError(
            f"PostgreSQL {where}: no connection{waited} (the database is down, restarting "
            "or unreachable, or every pool connection is busy: see [store] pool_size)"
        )
    reasons: list[tuple[type[BaseException], str]] = [
        (psycopg.errors.ReadOnlySqlTransaction, "it is read-only (a standby, or "
         "default_transaction_read_only is on)"),
        (psycopg.errors.DiskFull, "the database server's disk is full"),
        (psycopg.errors.UniqueViolation, "a record with that id already exists"),
        (psycopg.errors.InsufficientPrivilege, "the database user lacks a permission"),
        (psycopg.errors.AdminShutdown, "the database is shutting down or restarting"),
        (psycopg.errors.CannotConnectNow, "the database is starting up or shutting down"),
        (psycopg.errors.LockNotAvailable, "another node kept the audit chain locked too "
         "long"),
        (psycopg.errors.IdleInTransactionSessionTimeout, "the transaction stalled and the "
         "server ended it"),
        (psycopg.OperationalError, "cannot connect, or the connection was lost"),
    ]
    reason = next((text for kind, text in reasons if isinstance(exc, kind)), "")
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return StoreError(f"PostgreSQL {where}: {reason} ({detail})" if reason
                      else f"PostgreSQL {where}: {detail}")


def _sqlstate(exc: BaseException) -> str:
    return getattr(exc, "sqlstate", None) or ""


def _lease_end(node: str, now: datetime, lease_seconds: float) -> datetime:
    if not node:
        raise ValueError("a release lease needs the owner's name")
    if not lease_seconds > 0:
        raise ValueError("lease_seconds must be positive")
    return _time(now) + timedelta(seconds=lease_seconds)  # type: ignore[operator]


# ------------------------------------------------------------------ rows <-> records


def _time(value: datetime | None) -> datetime | None:
    """Aware times only: a naive one would be read in the server's time zone."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("store times must be timezone-aware")
    return value


def _param(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return _time(value)
    if isinstance(value, tuple | list):
        return [str(v) for v in value]
    return value


@dataclass(frozen=True)
class _Codec:
    """Maps a record dataclass to a table row: tuples as text[], times as
    timestamptz, enums as their values."""

    kind: type
    tuples: frozenset[str]
    times: frozenset[str]
    enums: Mapping[str, type[Enum]]
    columns: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", tuple(f.name for f in fields(self.kind)))

    def values(self, obj: Any) -> list[Any]:
        return [_param(getattr(obj, name)) for name in self.columns]

    def load(self, row: Mapping[str, Any]) -> Any:
        out: dict[str, Any] = {}
        for name in self.columns:
            value = row[name]
            if name in self.tuples:
                value = tuple(value or ())
            elif name in self.times:
                value = None if value is None else value.astimezone(UTC)
            elif name in self.enums:
                value = self.enums[name](value)
            elif isinstance(value, memoryview):
                value = bytes(value)
            out[name] = value
        return self.kind(**out)

    def insert_sql(self, table: str, rows: int = 1) -> str:
        """INSERT of `rows` rows in one statement (one round trip)."""
        cols = ", ".join(self.columns)
        row = f"({', '.join(['%s'] * len(self.columns))})"
        return f"INSERT INTO {table} ({cols}) VALUES {', '.join([row] * rows)}"

    def insert(self, table: str, objs: Sequence[Any]) -> tuple[str, list[Any]]:
        """(sql, params) inserting every object of `objs` (at least one)."""
        return self.insert_sql(table, len(objs)), [v for obj in objs for v in self.values(obj)]


_HOLDS = _Codec(
    Hold,
    frozenset({"rcpt_tos", "thread_ids", "rules", "mail_options"}),
    frozenset({"created_at", "deadline", "updated_at", "ended_at", "escalated_at",
               "purged_at", "lease_until"}),
    {"state": HoldState, "forward_stage": ForwardStage},
)
_OUTBOX = _Codec(
    OutboxItem,
    frozenset({"rcpt_tos"}),
    frozenset({"created_at", "next_attempt_at", "lease_until"}),
    {"kind": OutboxKind, "state": OutboxState},
)
#: Hold fields `transition(**changes)` may set; the rest are identity or integrity,
#: or belong to retention (`purge_message`) and the release lease (`*_forward`).
CHANGEABLE = frozenset(_HOLDS.columns) - {
    "id", "state", "created_at", "thread_ids", "size", "sha256", "purged_at",
    "forward_owner", "forward_stage", "forward_reply", "lease_until",
}
#: What every transition does to the release lease: a new release starts from
#: nothing sent, and a finished or abandoned one leaves no owner behind.
_LEASE_CLEARED = ("forward_owner = '', forward_stage = 'none', forward_reply = '',"
                  " lease_until = NULL")
_CLOSED = [s.value for s in HoldState if not s.open]
_RELEASING = HoldState.RELEASING.value
#: pg_try_advisory_lock keys of `try_exclusive` names live in their own key space.
_EXCLUSIVE_CLASS = 0x67726163  # "grac"
_AUDIT_COLUMNS = "id, kind, time, body, prev_hash, hash"


def _thread_id(message_id: str) -> str:
    return message_id.strip().strip("<>").strip()


def _record(row: Sequence[Any]) -> AuditRecord:
    """A stored record as it is, even if edited: the verifier judges it."""
    record_id, kind, moment, body, prev_hash, digest = row
    with contextlib.suppress(ValueError):
        kind = EventKind(kind)
    moment = moment.astimezone(UTC) if isinstance(moment, datetime) else _FAR_PAST
    body = body.encode() if isinstance(body, str) else bytes(body)
    return AuditRecord(record_id, kind, moment, body, prev_hash, digest)


# ------------------------------------------------------------------ the writer


@dataclass(eq=False)
class _Slot:
    """An event appended by an operation; the record exists once the batch sealed it."""

    event: AuditEvent
    record: AuditRecord | None = None


def _resolve(value: Any) -> Any:
    if isinstance(value, _Slot):
        return value.record
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    return value


class _Tx:
    """What an operation sees of the batch transaction: statements, and appends
    whose ids and hashes are assigned when the batch locks the chain head."""

    def __init__(self, conn: Conn) -> None:
        self.conn = conn
        self.slots: list[_Slot] = []
        self.statements = 0

    async def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        self.statements += 1
        return await self.conn.execute(sql, params)

    def append(self, event: AuditEvent) -> _Slot:
        seal(0, "", event)  # refuse what cannot be sealed (naive time ...) now, alone
        slot = _Slot(event)
        self.slots.append(slot)
        return slot


Op = Callable[[_Tx], Awaitable[Any]]


@dataclass(eq=False)
class _Job:
    op: Op
    future: asyncio.Future[Any]
    #: Runs in a transaction of its own (prune: it locks the head first).
    alone: bool = False
    queued_at: float = field(default_factory=time.monotonic)

    def settle(self, ok: bool, value: Any) -> None:
        if self.future.done():  # the caller gave up (cancelled); the op ran anyway
            return
        if ok:
            self.future.set_result(value)
        else:
            self.future.set_exception(value)


class _Restart(Exception):
    """Roll the batch back and run it again without `job`."""

    def __init__(self, job: _Job, error: BaseException) -> None:
        self.job = job
        self.error = error


class _Writer:
    """The task that writes audit records: batches queued operations into one
    transaction, locks the chain head once per batch, commits once."""

    def __init__(self, store: PostgresStore, max_batch: int) -> None:
        self.store = store
        self.max_batch = max_batch
        self.queue: asyncio.Queue[_Job | None] = asyncio.Queue()
        self.commits = 0
        self.task = asyncio.get_running_loop().create_task(self._run(), name="grace-pg-writer")
        self._held: _Job | None = None
        #: The last batch that found the database unreachable: (when, error).
        self._unreachable: tuple[float, StoreError] | None = None

    def submit(self, op: Op, alone: bool = False) -> asyncio.Future[Any]:
        future = asyncio.get_running_loop().create_future()
        self.queue.put_nowait(_Job(op, future, alone))
        return future

    async def stop(self, timeout: float) -> None:
        self.queue.put_nowait(None)
        try:
            await asyncio.wait_for(asyncio.shield(self.task), timeout)
        except TimeoutError:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        for job in self._drain():
            job.settle(False, StoreError("the store was closed"))

    def _drain(self) -> list[_Job]:
        jobs = [self._held] if self._held else []
        self._held = None
        while not self.queue.empty():
            job = self.queue.get_nowait()
            if job is not None:
                jobs.append(job)
        return jobs

    async def _next_batch(self) -> list[_Job] | None:
        job = self._held or await self.queue.get()
        self._held = None
        if job is None:
            return None
        batch = [job]
        while not job.alone and len(batch) < self.max_batch and not self.queue.empty():
            job = self.queue.get_nowait()
            if job is None:
                self.queue.put_nowait(None)  # stop after this batch
                break
            if job.alone:
                self._held = job
                break
            batch.append(job)
        return batch

    async def _run(self) -> None:
        while True:
            batch = await self._next_batch()
            if batch is None:
                return
            if self._unreachable is not None:
                # Queued while the last batch waited for a connection in vain: fail
                # now, so no caller waits for more than one connect timeout (the
                # SMTP answer 451 must come before the client's own timeout).
                since, error = self._unreachable
                self._unreachable = None
                for job in [j for j in batch if j.queued_at < since]:
                    job.settle(False, error)
                batch = [j for j in batch if j.queued_at >= since]
                if not batch:
                    continue
            try:
                await self._run_batch(batch)
            except asyncio.CancelledError:
                for job in batch:
                    job.settle(False, StoreError("the store was closed"))
                raise
            except BaseException as exc:  # never let the writer die
                log.exception("store writer: unexpected failure")
                for job in batch:
                    job.settle(False, store_error(exc, self.store.where))

    async def _run_batch(self, batch: list[_Job]) -> None:
        pending = list(batch)
        attempt = 0
        while pending:
            try:
                outcomes = await self._transaction(pending)
            except _Restart as restart:
                pending.remove(restart.job)
                error = restart.error
                restart.job.settle(False, store_error(error, self.store.where)
                                   if isinstance(error, psycopg.Error) else error)
                continue
            except Exception as exc:  # the whole transaction failed: nothing was written
                if _sqlstate(exc) in _RETRY and attempt < _RETRIES:
                    attempt += 1
                    log.info("store: %s; running the batch again", _sqlstate(exc))
                    continue
                error = store_error(exc, self.store.where, self.store.connect_timeout)
                for job in pending:
                    job.settle(False, error)
                if isinstance(exc, PoolTimeout | psycopg.OperationalError):
                    self._unreachable = (time.monotonic(), error)
                return
            for job, (ok, value) in zip(pending, outcomes, strict=True):
                job.settle(ok, _resolve(value) if ok else value)
            return

    async def _transaction(self, jobs: list[_Job]) -> list[tuple[bool, Any]]:
        async with self.store._connection() as conn, conn.transaction():
            tx = _Tx(conn)
            outcomes: list[tuple[bool, Any]] = []
            for job in jobs:
                slots, statements = len(tx.slots), tx.statements
                try:
                    result = await job.op(tx)
                except Exception as exc:
                    del tx.slots[slots:]
                    if isinstance(exc, psycopg.Error):
                        if _sqlstate(exc)[:2] in _OP_FAULTS:
                            raise _Restart(job, exc) from exc
                        raise  # the connection or the database: the whole batch
                    if tx.statements != statements:
                        raise _Restart(job, exc) from exc  # it may have changed rows
                    outcomes.append((False, exc))
                else:
                    outcomes.append((True, result))
            if tx.slots:
                await _seal(conn, tx.slots)
        self.commits += 1
        return outcomes


def _searchable(text: str) -> str:
    """A text column copied from the body for searching: PostgreSQL text cannot
    hold NUL, and one odd Message-ID must not fail a whole batch (the body keeps
    the exact value)."""
    return text.replace("\x00", "")


async def _seal(conn: Conn, slots: list[_Slot]) -> None:
    """Lock the chain head, give the slots the next ids and hashes, insert them and
    move the head, all in the caller's transaction."""
    cur = await conn.execute("SELECT last_id, last_hash FROM audit_head FOR UPDATE")
    head = await cur.fetchone()
    if head is None:
        raise StoreError("the audit chain head row is missing (damaged schema)")
    last_id, last_hash = head
    columns: list[list[Any]] = [[] for _ in range(10)]
    for slot in slots:
        event = slot.event
        last_id += 1
        body, digest = seal(last_id, last_hash, event)
        moment = datetime.fromisoformat(iso(event.time))  # microseconds, UTC: as hashed
        slot.record = AuditRecord(last_id, EventKind(event.kind), moment, body, last_hash,
                                  digest)
        row = (last_id, moment, str(event.kind), _searchable(event.message_id),
               _searchable(event.sender), str(event.decision or ""), _searchable(event.hold_id),
               body, last_hash, digest)
        for column, value in zip(columns, row, strict=True):
            column.append(value)
        last_hash = digest
    await conn.execute(
        "WITH added AS (INSERT INTO audit (id, time, kind, message_id, sender, decision,"
        " hold_id, body, prev_hash, hash) SELECT * FROM unnest(%s::bigint[],"
        " %s::timestamptz[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[],"
        " %s::bytea[], %s::text[], %s::text[]))"
        " UPDATE audit_head SET last_id = %s, last_hash = %s",
        [*columns, last_id, last_hash],
    )


# ------------------------------------------------------------------ the store


class PostgresStore:
    """`Store` on PostgreSQL, for one or several gateway nodes."""

    def __init__(
        self,
        dsn: str,
        *,
        pool_size: int = 10,
        spool_dir: object = None,
        connect_timeout: float = 5.0,
        reconnect_timeout: float = 5.0,
        lock_timeout: float = 10.0,
        max_batch: int = 512,
    ) -> None:
        self.dsn = dsn
        self.where = safe_dsn(dsn)
        #: Connections at most (at least 2: the writer and a reader or stream).
        self.pool_size = max(2, pool_size)
        #: How long a request waits for a connection before it is a StoreError.
        self.connect_timeout = connect_timeout
        self.reconnect_timeout = reconnect_timeout
        self.lock_timeout = lock_timeout
        self.max_batch = max_batch
        del spool_dir  # held bytes live in the database
        self._pool: AsyncConnectionPool | None = None
        #: try_exclusive(): one connection per lock held, kept open while it is held.
        self._exclusive: dict[str, Conn] = {}
        self._exclusive_lock = asyncio.Lock()
        self._writer: _Writer | None = None
        self._direct_commits = 0

    @property
    def commits(self) -> int:
        """Transactions committed by this object (one WAL flush each)."""
        return (self._writer.commits if self._writer else 0) + self._direct_commits

    # ------------------------------------------------------------ plumbing

    def _conninfo_kwargs(self) -> dict[str, Any]:
        try:
            given = conninfo_to_dict(self.dsn)
        except psycopg.ProgrammingError as exc:
            raise StoreError(f"[store] dsn {self.where} is not a valid connection string: "
                             f"{exc}") from exc
        kwargs: dict[str, Any] = {"autocommit": True}
        if "connect_timeout" not in given:
            kwargs["connect_timeout"] = max(1, round(self.connect_timeout))
        if "application_name" not in given:
            kwargs["application_name"] = "grace-gateway"
        return kwargs

    async def _configure(self, conn: Conn) -> None:
        # A node that stalls inside a transaction must not keep the chain locked.
        await conn.execute(f"SET lock_timeout = {int(self.lock_timeout * 1000)}")
        await conn.execute("SET idle_in_transaction_session_timeout = "
                           f"{int(self.lock_timeout * 6000)}")

    async def _start(self) -> None:
        if self._pool is not None:
            return
        kwargs = self._conninfo_kwargs()
        try:  # one direct attempt: a wrong password or database name is named now
            first = await psycopg.AsyncConnection.connect(self.dsn, **kwargs)
            await first.close()
        except psycopg.Error as exc:
            raise store_error(exc, self.where) from exc
        pool = AsyncConnectionPool(
            self.dsn,
            kwargs=kwargs,
            min_size=1,
            max_size=self.pool_size,
            open=False,
            configure=self._configure,
            check=AsyncConnectionPool.check_connection,
            timeout=self.connect_timeout,
            reconnect_timeout=self.reconnect_timeout,
            name="grace-store",
        )
        await pool.open(wait=False)
        self._pool = pool
        self._writer = _Writer(self, self.max_batch)

    @contextlib.asynccontextmanager
    async def _connection(self) -> AsyncIterator[Conn]:
        pool = self._pool
        if pool is None:
            raise StoreError("the store is not open")
        async with pool.connection() as conn:
            try:
                yield conn
            except psycopg.errors.ReadOnlySqlTransaction:
                # Sessions opened while the database was read-only (a standby, or
                # its default) stay read-only: replace them all, so the store
                # writes again as soon as the database accepts writes.
                await pool.drain()
                raise

    async def _write(self, op: Op, *, alone: bool = False) -> Any:
        if self._writer is None:
            raise StoreError("the store is not open")
        return await self._writer.submit(op, alone)

    async def _read(self, fn: Callable[[Conn], Awaitable[Any]]) -> Any:
        try:
            async with self._connection() as conn:
                return await fn(conn)
        except (psycopg.Error, PoolTimeout) as exc:
            raise store_error(exc, self.where, self.connect_timeout) from exc

    async def _direct(self, fn: Callable[[Conn], Awaitable[Any]]) -> Any:
        """A write that appends no record: its own transaction, beside the writer."""
        try:
            async with self._connection() as conn, conn.transaction():
                result = await fn(conn)
        except (psycopg.Error, PoolTimeout) as exc:
            raise store_error(exc, self.where, self.connect_timeout) from exc
        self._direct_commits += 1
        return result

    async def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        async def run(conn: Conn) -> list[dict[str, Any]]:
            async with conn.cursor(row_factory=dict_row) as cur:
                await cur.execute(sql, params)
                return await cur.fetchall()

        return await self._read(run)

    # ------------------------------------------------------------ lifecycle

    async def _schema_version(self, conn: Conn) -> int:
        cur = await conn.execute("SELECT current_schema()")
        row = await cur.fetchone()
        if row is None or row[0] is None:
            raise SchemaError(
                f"{self.where} has no schema to keep Grace Gateway's tables in: the "
                "search_path names none that exists (CREATE SCHEMA it, or fix the dsn's "
                "options=-csearch_path=...)"
            )
        cur = await conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')")
        tables = {r[0] for r in await cur.fetchall()}
        if "schema_version" not in tables:
            if tables:
                raise SchemaError(
                    f"{self.where} is not a Grace Gateway database (schema {row[0]} has "
                    "other tables): give Grace Gateway its own database or schema"
                )
            return 0
        cur = await conn.execute("SELECT max(version) FROM schema_version")
        found = await cur.fetchone()
        return int(found[0] or 0) if found else 0

    async def _apply(self, conn: Conn, current: int) -> None:
        for version, statements in migrations.plan(self.where, current, STEPS):
            for statement in statements:
                await conn.execute(statement)  # type: ignore[arg-type]
            await conn.execute("DELETE FROM schema_version")
            await conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
            log.info("%s: schema %d applied", self.where, version)

    async def _locked_schema_change(self, create_only: bool) -> tuple[int, int]:
        """Create or migrate under an advisory lock, so nodes starting together do
        it once; DDL is transactional, so a migration is all or nothing."""
        async with self._connection() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            found = await self._schema_version(conn)  # again, under the lock
            if found > base.SCHEMA_VERSION:
                raise migrations.newer_schema_error(self.where, found)
            if create_only and found != 0:
                return found, found
            await self._apply(conn, found)
            return found, base.SCHEMA_VERSION

    async def open(self, *, create: bool = True) -> None:
        await self._start()
        try:
            try:
                async with self._connection() as conn:
                    version = await self._schema_version(conn)
                if version == 0 and create:
                    _, version = await self._locked_schema_change(create_only=True)
            except (psycopg.Error, PoolTimeout) as exc:
                raise store_error(exc, self.where, self.connect_timeout) from exc
            if version == 0:
                raise SchemaError(
                    f"{self.where} has no Grace Gateway schema yet: run `grace store migrate`"
                )
            if version > base.SCHEMA_VERSION:
                raise migrations.newer_schema_error(self.where, version)
            if version < base.SCHEMA_VERSION:
                raise migrations.older_schema_error(self.where, version)
        except BaseException:
            await self.close()
            raise

    async def migrate(self) -> tuple[int, int]:
        await self._start()
        try:
            return await self._locked_schema_change(create_only=False)
        except (psycopg.Error, PoolTimeout) as exc:
            raise store_error(exc, self.where, self.connect_timeout) from exc

    async def close(self) -> None:
        writer, self._writer = self._writer, None
        pool, self._pool = self._pool, None
        held, self._exclusive = self._exclusive, {}
        for conn in held.values():  # closing the session releases its advisory lock
            with contextlib.suppress(psycopg.Error):
                await conn.close()
        if writer is not None:
            await writer.stop(timeout=self.connect_timeout * 4 + self.lock_timeout)
        if pool is not None:
            await pool.close(timeout=5.0)

    async def ping(self) -> bool:
        node = f"{socket.gethostname()}:{os.getpid()}"
        try:
            await self._direct(lambda conn: conn.execute(
                "INSERT INTO heartbeat (node, at) VALUES (%s, now())"
                " ON CONFLICT (node) DO UPDATE SET at = excluded.at", (node,)))
        except StoreError as exc:
            log.warning("store not ready: %s", exc)
            return False
        return True

    # ------------------------------------------------------------ audit log

    async def append(
        self, events: Sequence[AuditEvent], *, durable: bool = True
    ) -> list[AuditRecord]:
        del durable  # every commit here is durable (batches mix both kinds)
        events = list(events)
        if not events:
            return []

        async def run(tx: _Tx) -> list[_Slot]:
            return [tx.append(e) for e in events]

        return await self._write(run)

    async def head(self) -> ChainHead | None:
        rows = await self._fetchall("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
        return ChainHead(rows[0]["id"], rows[0]["hash"]) if rows else None

    async def records(
        self,
        *,
        after_id: int = 0,
        since: datetime | None = None,
        until: datetime | None = None,
        batch: int = 1000,
    ) -> AsyncIterator[AuditRecord]:
        if batch < 1:
            raise ValueError("batch must be at least 1")
        where, params = ["id > %s"], [after_id]
        if since is not None:
            where.append("time >= %s")
            params.append(_time(since))
        if until is not None:
            where.append("time < %s")
            params.append(_time(until))
        sql = f"SELECT {_AUDIT_COLUMNS} FROM audit WHERE {' AND '.join(where)} ORDER BY id"
        try:
            async with self._connection() as conn, conn.transaction():
                # One snapshot for the whole stream: a prune meanwhile is not a gap.
                await conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                # A slow reader (an export to a slow pipe) is idle, not stalled.
                await conn.execute("SET LOCAL idle_in_transaction_session_timeout = 0")
                async with conn.cursor(name="grace_records") as cur:
                    cur.itersize = batch
                    await cur.execute(sql, params)
                    async for row in cur:
                        yield _record(row)
        except (psycopg.Error, PoolTimeout) as exc:
            raise store_error(exc, self.where, self.connect_timeout) from exc

    async def prune(self, before: datetime, checkpoint: AuditEvent) -> AuditRecord | None:
        if checkpoint.kind != EventKind.CHECKPOINT:
            raise ValueError("prune() needs an event of kind checkpoint")
        cutoff = _time(before)

        async def one(tx: _Tx, sql: str, params: Sequence[Any] = ()) -> Any:
            return await (await tx.execute(sql, params)).fetchone()

        async def run(tx: _Tx) -> _Slot | None:
            await tx.execute("SELECT last_id FROM audit_head FOR UPDATE")  # no appends now
            first, head_id = await one(tx, "SELECT min(id), max(id) FROM audit")
            if first is None:
                return None
            (newer,) = await one(tx, "SELECT min(id) FROM audit WHERE time >= %s", (cutoff,))
            last = head_id if newer is None else newer - 1
            if last < first:
                return None
            found = await one(tx, "SELECT hash FROM audit WHERE id = %s", (last,))
            if found is None:
                raise StoreError(f"audit record {last} is missing: run `grace audit verify`")
            async with tx.conn.cursor(name="grace_prune") as cur:
                cur.itersize = 5000
                await cur.execute("SELECT hash FROM audit WHERE id BETWEEN %s AND %s"
                                  " ORDER BY id", (first, last))
                digest = pruned_digest([row[0] async for row in cur])
            await tx.execute("DELETE FROM audit WHERE id BETWEEN %s AND %s", (first, last))
            extra = {
                **checkpoint.extra, "first_id": first, "last_id": last, "last_hash": found[0],
                "count": last - first + 1, "pruned_sha256": digest, "before": iso(before),
            }
            return tx.append(replace(checkpoint, extra=extra))

        return await self._write(run, alone=True)

    # ------------------------------------------------------------ holds

    async def create_hold(
        self, hold: Hold, raw: bytes, event: AuditEvent, outbox: Sequence[OutboxItem] = ()
    ) -> AuditRecord:
        check_hold_id(hold.id)
        if hold.size != len(raw) or hold.sha256 != hashlib.sha256(raw).hexdigest():
            raise ValueError("hold.size and hold.sha256 must describe the held bytes")
        # Built before the transaction: a naive time is refused here, alone.
        sql = (f"WITH h AS ({_HOLDS.insert_sql('holds')} RETURNING id),"
               " m AS (INSERT INTO held_messages (hold_id, raw) SELECT id, %b FROM h),"
               " t AS (INSERT INTO hold_threads (message_id, hold_id)"
               "   SELECT unnest(%s::text[]), id FROM h ON CONFLICT DO NOTHING)")
        params = [*_HOLDS.values(hold), bytes(raw),
                  sorted({_thread_id(t) for t in hold.thread_ids} - {""})]
        if outbox:
            notes, note_params = _OUTBOX.insert("outbox", outbox)
            sql += f", o AS ({notes})"
            params += note_params
        sql += " SELECT 1"

        async def run(tx: _Tx) -> _Slot:
            slot = tx.append(event)
            await tx.execute(sql, params)  # one statement, one round trip
            return slot

        return await self._write(run)

    async def get_hold(self, hold_id: str) -> Hold | None:
        if not _HOLD_ID.fullmatch(hold_id):
            return None
        rows = await self._fetchall("SELECT * FROM holds WHERE id = %s", (hold_id,))
        return _HOLDS.load(rows[0]) if rows else None

    async def held_message(self, hold_id: str) -> bytes:
        check_hold_id(hold_id)
        rows = await self._fetchall(
            "SELECT h.purged_at, h.sha256, m.raw FROM holds h"
            " LEFT JOIN held_messages m ON m.hold_id = h.id WHERE h.id = %s", (hold_id,))
        if not rows:
            raise StoreError(f"there is no hold {hold_id}")
        row = rows[0]
        if row["purged_at"] is not None:
            raise StoreError(f"held message {hold_id} was deleted at "
                             f"{iso(row['purged_at'])} (retention)")
        if row["raw"] is None:
            raise StoreError(f"held message {hold_id} is missing from {self.where}")
        raw = bytes(row["raw"])
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            raise StoreError(f"held message {hold_id} does not match its recorded SHA-256 "
                             "(changed or damaged in the database)")
        return raw

    async def list_holds(
        self, states: Iterable[HoldState] | None = None, limit: int = 1000
    ) -> list[Hold]:
        sql, params = "SELECT * FROM holds", []
        if states is not None:
            sql += " WHERE state = ANY(%s::text[])"
            params.append([HoldState(s).value for s in states])
        sql += " ORDER BY created_at, id LIMIT %s"
        rows = await self._fetchall(sql, [*params, limit])
        return [_HOLDS.load(r) for r in rows]

    async def transition(
        self,
        hold_id: str,
        from_states: Iterable[HoldState],
        to_state: HoldState,
        event: AuditEvent,
        outbox: Sequence[OutboxItem] = (),
        **changes: object,
    ) -> AuditRecord | None:
        unknown = set(changes) - CHANGEABLE
        if unknown:
            raise ValueError(f"transition() cannot change {', '.join(sorted(unknown))}")
        froms = [HoldState(s).value for s in from_states]
        if not froms or not _HOLD_ID.fullmatch(hold_id):
            return None
        changes.setdefault("updated_at", event.time)
        if not HoldState(to_state).open:
            changes.setdefault("ended_at", event.time)
        names = list(changes)
        sql = (f"UPDATE holds SET state = %s, {', '.join(f'{n} = %s' for n in names)},"
               f" {_LEASE_CLEARED} WHERE id = %s AND state = ANY(%s::text[])")
        params = [HoldState(to_state).value, *(_param(changes[n]) for n in names),
                  hold_id, froms]
        notes = _OUTBOX.insert("outbox", outbox) if outbox else None

        async def run(tx: _Tx) -> _Slot | None:
            slot = tx.append(event)
            if (await tx.execute(sql, params)).rowcount == 0:
                tx.slots.remove(slot)
                return None  # unknown, or another release/discard got there first
            if notes is not None:
                await tx.execute(*notes)
            return slot

        return await self._write(run)

    async def find_thread_holds(self, author: str, message_ids: Iterable[str]) -> list[Hold]:
        ids = sorted({_thread_id(m) for m in message_ids} - {""})[:500]
        if not ids:
            return []
        open_states = [s.value for s in HoldState if s.open]
        rows = await self._fetchall(
            "SELECT h.* FROM holds h WHERE h.id IN (SELECT t.hold_id FROM hold_threads t"
            " WHERE t.message_id = ANY(%s::text[])) AND lower(h.author) = lower(%s)"
            " AND h.state = ANY(%s::text[]) ORDER BY h.created_at, h.id",
            (ids, author, open_states))
        return [_HOLDS.load(r) for r in rows]

    async def find_holds(self, message_id: str, sha256: str) -> list[Hold]:
        rows = await self._fetchall(
            "SELECT * FROM holds WHERE sha256 = %s AND message_id = %s"
            " ORDER BY created_at, id LIMIT 20", (sha256, message_id))
        return [_HOLDS.load(r) for r in rows]

    async def due_holds(self, now: datetime) -> list[Hold]:
        rows = await self._fetchall(
            "SELECT * FROM holds WHERE state = %s AND deadline <= %s AND escalated_at IS NULL"
            " ORDER BY deadline, id", (HoldState.HELD.value, _time(now)))
        return [_HOLDS.load(r) for r in rows]

    async def purge_message(self, hold_id: str, event: AuditEvent) -> bool:
        check_hold_id(hold_id)
        moment = _time(event.time)

        async def run(tx: _Tx) -> bool:
            row = await (await tx.execute(
                "SELECT state, purged_at FROM holds WHERE id = %s FOR UPDATE",
                (hold_id,))).fetchone()
            if row is None or HoldState(row[0]).open or row[1] is not None:
                return False
            tx.append(event)
            await tx.execute(
                "WITH gone AS (DELETE FROM held_messages WHERE hold_id = %s)"
                " UPDATE holds SET purged_at = %s WHERE id = %s", (hold_id, moment, hold_id))
            return True

        return await self._write(run)

    async def sweep_spool(self, min_age_seconds: float = 3600.0) -> int:
        """Nothing to sweep: held bytes live in the hold's own row."""
        del min_age_seconds
        return 0

    async def purgeable_holds(
        self, before: datetime, *, after: tuple[datetime, str] | None = None, limit: int = 500
    ) -> list[Hold]:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        # The first two conditions are the partial index's own (holds_purgeable).
        sql = ("SELECT * FROM holds WHERE purged_at IS NULL AND ended_at IS NOT NULL"
               " AND ended_at <= %s AND state = ANY(%s::text[])")
        params: list[Any] = [_time(before), _CLOSED]
        if after is not None:
            sql += " AND (ended_at, id) > (%s, %s)"
            params += [_time(after[0]), after[1]]
        sql += " ORDER BY ended_at, id LIMIT %s"
        rows = await self._fetchall(sql, [*params, limit])
        return [_HOLDS.load(r) for r in rows]

    # ------------------------------------------------------------ release lease

    async def claim_forward(
        self, hold_id: str, node: str, now: datetime, lease_seconds: float,
        *, steal_from: str = "",
    ) -> Hold | None:
        until = _lease_end(node, now, lease_seconds)
        if not _HOLD_ID.fullmatch(hold_id):
            return None

        async def run(conn: Conn) -> Hold | None:
            # One statement: the row lock makes concurrent claims queue, and each
            # re-checks the condition on the row the one before it left.
            async with conn.cursor(row_factory=dict_row) as cur:
                await cur.execute(
                    "UPDATE holds SET forward_owner = %s, lease_until = %s WHERE id = %s"
                    " AND state = %s AND (forward_owner = '' OR lease_until IS NULL"
                    " OR lease_until < %s OR (%s <> '' AND forward_owner = %s)) RETURNING *",
                    (node, until, hold_id, _RELEASING, _time(now), steal_from, steal_from))
                row = await cur.fetchone()
            return _HOLDS.load(row) if row else None

        return await self._direct(run)

    async def mark_forward(
        self, hold_id: str, node: str, stage: ForwardStage, now: datetime,
        lease_seconds: float, reply: str = "",
    ) -> bool:
        until = _lease_end(node, now, lease_seconds)
        return await self._lease_update(
            hold_id, node, "forward_stage = %s, forward_reply = %s, lease_until = %s",
            [ForwardStage(stage).value, reply, until])

    async def renew_forward(
        self, hold_id: str, node: str, now: datetime, lease_seconds: float
    ) -> bool:
        until = _lease_end(node, now, lease_seconds)
        return await self._lease_update(hold_id, node, "lease_until = %s", [until])

    async def release_forward(self, hold_id: str, node: str) -> bool:
        return await self._lease_update(hold_id, node, _LEASE_CLEARED, [])

    async def _lease_update(
        self, hold_id: str, node: str, assignments: str, params: list[Any]
    ) -> bool:
        if not node or not _HOLD_ID.fullmatch(hold_id):
            return False
        sql = (f"UPDATE holds SET {assignments} WHERE id = %s AND state = %s"
               " AND forward_owner = %s")

        async def run(conn: Conn) -> bool:
            return (await conn.execute(sql, [*params, hold_id, _RELEASING, node])).rowcount == 1

        return await self._direct(run)

    # ------------------------------------------------------------ maintenance

    async def try_exclusive(self, name: str) -> bool:
        if self._pool is None:
            raise StoreError("the store is not open")
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big", signed=True)
        async with self._exclusive_lock:
            conn = self._exclusive.get(name)
            if conn is not None:
                try:  # still connected, so still holding it
                    await conn.execute("SELECT 1")
                    return True
                except psycopg.Error:
                    self._exclusive.pop(name, None)
                    with contextlib.suppress(psycopg.Error):
                        await conn.close()
            try:
                conn = await psycopg.AsyncConnection.connect(
                    self.dsn, **{**self._conninfo_kwargs(), "application_name":
                                 "grace-gateway-exclusive"})
            except psycopg.Error as exc:
                raise store_error(exc, self.where) from exc
            try:
                cur = await conn.execute("SELECT pg_try_advisory_lock(%s, %s)",
                                         (_EXCLUSIVE_CLASS, key))
                row = await cur.fetchone()
            except psycopg.Error as exc:
                await conn.close()
                raise store_error(exc, self.where) from exc
            if not (row and row[0]):
                await conn.close()
                return False
            self._exclusive[name] = conn
            return True

    # ------------------------------------------------------------ tokens

    async def use_token(self, token_id: str, event: AuditEvent) -> bool:
        moment = _time(event.time)

        async def run(tx: _Tx) -> bool:
            slot = tx.append(event)
            cur = await tx.execute(
                "INSERT INTO used_tokens (token_id, used_at) VALUES (%s, %s)"
                " ON CONFLICT (token_id) DO NOTHING", (token_id, moment))
            if cur.rowcount == 0:
                tx.slots.remove(slot)
                return False
            return True

        return await self._write(run)

    # ------------------------------------------------------------ outbox

    async def enqueue(self, items: Sequence[OutboxItem], event: AuditEvent | None = None) -> None:
        notes = _OUTBOX.insert("outbox", items) if items else None

        async def run(tx: _Tx) -> None:
            if event is not None:
                tx.append(event)
            if notes is not None:
                await tx.execute(*notes)

        await self._write(run)

    async def claim_outbox(
        self, node: str, now: datetime, limit: int, lease_seconds: float
    ) -> list[OutboxItem]:
        moment = _time(now)
        until = now + timedelta(seconds=lease_seconds)

        async def run(conn: Conn) -> list[OutboxItem]:
            async with conn.cursor(row_factory=dict_row) as cur:
                await cur.execute(
                    "UPDATE outbox SET lease_owner = %s, lease_until = %s WHERE id IN ("
                    " SELECT id FROM outbox WHERE state = %s AND next_attempt_at <= %s"
                    " AND (lease_until IS NULL OR lease_until < %s)"
                    " ORDER BY created_at, id LIMIT %s FOR UPDATE SKIP LOCKED)"
                    " RETURNING *",
                    (node, until, OutboxState.PENDING.value, moment, moment, limit))
                rows = await cur.fetchall()
            items = [_OUTBOX.load(r) for r in rows]
            return sorted(items, key=lambda i: (i.created_at, i.id))

        return await self._direct(run)

    async def outbox_sent(self, item_id: str, event: AuditEvent) -> None:
        await self._outbox_update(
            item_id, event, "state = %s, raw = ''::bytea, last_error = ''",
            [OutboxState.SENT.value])

    async def outbox_failed(
        self, item_id: str, error: str, retry_at: datetime | None, event: AuditEvent
    ) -> None:
        state = OutboxState.FAILED if retry_at is None else OutboxState.PENDING
        await self._outbox_update(
            item_id, event, "state = %s, last_error = %s,"
            " next_attempt_at = coalesce(%s::timestamptz, next_attempt_at)",
            [state.value, error[:2000], _time(retry_at)])

    async def _outbox_update(
        self, item_id: str, event: AuditEvent, assignments: str, params: list[object]
    ) -> None:
        sql = (f"UPDATE outbox SET {assignments}, attempts = attempts + 1, lease_owner = '',"
               " lease_until = NULL WHERE id = %s")

        async def run(tx: _Tx) -> None:
            slot = tx.append(event)
            if (await tx.execute(sql, [*params, item_id])).rowcount == 0:
                tx.slots.remove(slot)
                raise StoreError(f"there is no outbox item {item_id}")

        await self._write(run)

"""SQLite backend: the embedded default, one file under the state directory.

Writes: one writer thread per process owns the write connection.  Each write
method queues an operation (a function of the connection) and awaits a future.
The writer takes everything queued, runs it in ONE `BEGIN IMMEDIATE` transaction
(one SAVEPOINT per operation, so a failing operation is rolled back alone),
commits once -- one fsync for the batch (WAL, synchronous=FULL) -- and only then
resolves the futures.  A batch made only of appends marked `durable=False` (the
records of out-of-scope mail the next hop already has) commits with
synchronous=NORMAL: in the WAL before the call returns, so a crash of the
process loses nothing, and fsynced with the next durable commit.  While one
commit's fsync runs, the next batch queues up, so the busier the gateway, the
more each fsync carries (group commit).  The chain head is read inside the
transaction and BEGIN IMMEDIATE takes SQLite's write lock, so several processes
on one file (SO_REUSEPORT workers) still append to one gap-free chain.

The release lease (`claim_forward`, `mark_forward` ...) is a compare-and-set
UPDATE of the hold row, queued to the writer like every write, so it is durable
when the call returns (the stage a forward reached is on disk before the step).

Reads run on their own thread and connection (WAL lets them proceed during a
write); `records()` streams from a connection of its own inside one read
transaction, so a verify or an export sees one consistent snapshot.

Schema: created by `open(create=True)` in an empty file.  An older schema is
refused with a pointer to `grace store migrate` (which copies the file first):
migrating is a one-way door -- older versions then refuse the file -- so it is a
deliberate step, the same on SQLite and PostgreSQL.  A newer schema is refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import queue
import re
import socket
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from gateway.store import base, migrations
from gateway.store.base import SchemaError, StoreError
from gateway.store.chain import GENESIS, iso, parse_iso, pruned_digest, seal
from gateway.store.migrations.sqlite import STEPS
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
from gateway.store.spool import Spool, check_hold_id, ensure_private_dir

log = logging.getLogger(__name__)

Op = Callable[[sqlite3.Connection], Any]
_HOLD_ID = re.compile(HOLD_ID_PATTERN)
_FAR_PAST = datetime(1970, 1, 1, tzinfo=UTC)


# ------------------------------------------------------------------ errors


def store_error(exc: BaseException, path: Path) -> StoreError:
    """A StoreError whose text says what went wrong in words an operator can act on."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        return StoreError(f"audit database {path}: {exc.strerror or exc}")
    name = getattr(exc, "sqlite_errorname", "") or ""
    reasons = {
        "SQLITE_FULL": "the disk is full",
        "SQLITE_READONLY": "it is read-only (file permissions, a read-only file system "
        "or a read-only open)",
        "SQLITE_BUSY": "another process kept it locked for too long",
        "SQLITE_LOCKED": "another process kept it locked for too long",
        "SQLITE_CANTOPEN": "it cannot be opened (missing directory, or no permission)",
        "SQLITE_CORRUPT": "the file is damaged",
        "SQLITE_NOTADB": "the file is not a SQLite database",
        "SQLITE_IOERR": "the disk reported an I/O error",
        "SQLITE_CONSTRAINT": "a record with that id already exists",
    }
    reason = next((text for key, text in reasons.items() if name.startswith(key)), "")
    detail = f"{reason} ({exc})" if reason else str(exc)
    return StoreError(f"audit database {path}: {detail}")


# ------------------------------------------------------------------ rows <-> records


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, tuple | list):
        return json.dumps(list(value))
    return value


@dataclass(frozen=True)
class _Codec:
    """Maps a record dataclass to a table row: tuples as JSON text, times as ISO
    text, enums as their values."""

    kind: type
    tuples: frozenset[str]
    times: frozenset[str]
    enums: Mapping[str, type[Enum]]

    @property
    def columns(self) -> list[str]:
        return [f.name for f in fields(self.kind)]

    def values(self, obj: Any) -> list[Any]:
        return [_plain(getattr(obj, name)) for name in self.columns]

    def load(self, row: sqlite3.Row) -> Any:
        out: dict[str, Any] = {}
        for name in self.columns:
            value = row[name]
            if name in self.tuples:
                value = tuple(json.loads(value))
            elif name in self.times:
                value = None if value is None else parse_iso(value)
            elif name in self.enums:
                value = self.enums[name](value)
            elif isinstance(value, memoryview):
                value = bytes(value)
            out[name] = value
        return self.kind(**out)

    def insert_sql(self, table: str) -> str:
        cols = self.columns
        return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


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
_CLOSED = tuple(s.value for s in HoldState if not s.open)
_RELEASING = HoldState.RELEASING.value


def _thread_id(message_id: str) -> str:
    return message_id.strip().strip("<>").strip()


def _record(row: sqlite3.Row) -> AuditRecord:
    """A stored record as it is, even if edited: the verifier judges it."""
    try:
        kind: Any = EventKind(row["kind"])
    except ValueError:
        kind = row["kind"]
    try:
        moment = parse_iso(row["time"])
    except (TypeError, ValueError):
        moment = _FAR_PAST
    body = row["body"]
    body = body.encode() if isinstance(body, str) else bytes(body)
    return AuditRecord(row["id"], kind, moment, body, row["prev_hash"], row["hash"])


def _append(
    conn: sqlite3.Connection, event: AuditEvent, head: tuple[int, str] | None = None
) -> AuditRecord:
    """Insert `event` as the next record of the chain (inside the transaction)."""
    if head is None:
        row = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        head = (row[0], row[1]) if row else (0, GENESIS)
    record_id, prev = head[0] + 1, head[1]
    body, digest = seal(record_id, prev, event)
    moment = iso(event.time)
    conn.execute(
        "INSERT INTO audit (id, time, kind, message_id, sender, decision, hold_id, body,"
        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            record_id, moment, str(event.kind), event.message_id, event.sender,
            str(event.decision or ""), event.hold_id, body, prev, digest,
        ),
    )
    return AuditRecord(record_id, EventKind(event.kind), parse_iso(moment), body, prev, digest)


def _insert_outbox(conn: sqlite3.Connection, items: Sequence[OutboxItem]) -> None:
    if items:
        conn.executemany(_OUTBOX.insert_sql("outbox"), [_OUTBOX.values(i) for i in items])


def _schema_version(conn: sqlite3.Connection, where: str) -> int:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in tables:
        if tables:
            raise SchemaError(f"{where} is not a Grace Gateway database (it has other tables)")
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def _lease_end(node: str, now: datetime, lease_seconds: float) -> str:
    if not node:
        raise ValueError("a release lease needs the owner's name")
    if not lease_seconds > 0:
        raise ValueError("lease_seconds must be positive")
    return iso(now + timedelta(seconds=lease_seconds))


# ------------------------------------------------------------------ writer thread


@dataclass
class _Job:
    op: Op
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop
    durable: bool = True

    def settle(self, ok: bool, value: Any) -> None:
        def apply() -> None:
            if self.future.done():  # the caller gave up (cancelled); the op ran anyway
                return
            if ok:
                self.future.set_result(value)
            else:
                self.future.set_exception(value)

        with contextlib.suppress(RuntimeError):  # the caller's loop is closed
            self.loop.call_soon_threadsafe(apply)


class _Writer:
    """The one thread that writes: batches queued operations into one commit."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], path: Path, max_batch: int):
        self._connect = connect
        self._path = path
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._conn: sqlite3.Connection | None = None
        self._sync = "FULL"  # the connection's current PRAGMA synchronous
        #: Committed transactions (each one fsync); tests and benchmarks read it.
        self.commits = 0
        self._thread = threading.Thread(target=self._run, name="grace-sqlite-writer", daemon=True)
        self._thread.start()

    def submit(self, op: Op, durable: bool = True) -> asyncio.Future[Any]:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._queue.put(_Job(op, future, loop, durable))
        return future

    def stop(self) -> None:
        """Finish what is queued, then close (blocking: call from a thread)."""
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        running = True
        while running:
            job = self._queue.get()
            if job is None:
                break
            batch = [job]
            while len(batch) < self._max_batch:
                try:
                    job = self._queue.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    running = False
                    break
                batch.append(job)
            try:
                outcomes = self._transaction(batch)
            except Exception as exc:  # the whole transaction failed: nothing was written
                error = store_error(exc, self._path)
                outcomes = [(False, error)] * len(batch)
                self._reset()
            for job, (ok, value) in zip(batch, outcomes, strict=True):
                job.settle(ok, value)
        self._reset()

    def _transaction(self, batch: list[_Job]) -> list[tuple[bool, Any]]:
        if self._conn is None:
            self._conn = self._connect()
        conn = self._conn
        sync = "FULL" if any(job.durable for job in batch) else "NORMAL"
        if sync != self._sync:  # set between transactions, never inside one
            conn.execute(f"PRAGMA synchronous = {sync}")
            self._sync = sync
        conn.execute("BEGIN IMMEDIATE")
        outcomes: list[tuple[bool, Any]] = []
        for job in batch:
            conn.execute("SAVEPOINT op")
            try:
                result = job.op(conn)
            except Exception as exc:
                if not conn.in_transaction:  # SQLite rolled back everything (I/O error ...)
                    raise
                conn.execute("ROLLBACK TO op")
                conn.execute("RELEASE op")
                failure = store_error(exc, self._path) if isinstance(exc, sqlite3.Error) else exc
                outcomes.append((False, failure))
            else:
                conn.execute("RELEASE op")
                outcomes.append((True, result))
        conn.execute("COMMIT")
        self.commits += 1
        return outcomes

    def _reset(self) -> None:
        """Drop the connection after a failed transaction; the next batch reconnects,
        so the store recovers by itself when the disk or the lock comes back."""
        self._sync = "FULL"  # what a new connection starts with
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None


# ------------------------------------------------------------------ the store


class SqliteStore:
    """`Store` on one SQLite file plus a spool directory for held messages."""

    def __init__(
        self,
        db_path: Path | str,
        spool_dir: Path | str,
        *,
        read_only: bool = False,
        busy_timeout: float = 15.0,
        max_batch: int = 512,
    ) -> None:
        self.db_path = Path(db_path)
        self.spool = Spool(Path(spool_dir))
        #: Open the file read-only (verification of a copy, a read-only medium).
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        self.max_batch = max_batch
        self._writer: _Writer | None = None
        self._reader: ThreadPoolExecutor | None = None
        self._read_conn: sqlite3.Connection | None = None

    @property
    def commits(self) -> int:
        """Transactions committed by this process's writer (one fsync each)."""
        return self._writer.commits if self._writer else 0

    # ------------------------------------------------------------ plumbing

    def _connect(self, *, create: bool = False, query_only: bool = False) -> sqlite3.Connection:
        mode = "ro" if self.read_only else ("rwc" if create else "rw")
        uri = f"{self.db_path.absolute().as_uri()}?mode={mode}"
        conn = sqlite3.connect(
            uri, uri=True, timeout=self.busy_timeout, isolation_level=None,
            check_same_thread=False,
        )
        try:
            conn.row_factory = sqlite3.Row
            if not self.read_only:
                journal = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(journal).lower() != "wal":
                    raise StoreError(f"audit database {self.db_path}: cannot switch to WAL mode")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if query_only:
                conn.execute("PRAGMA query_only = ON")
        except BaseException:
            conn.close()
            raise
        return conn

    def _prepare_files(self, create: bool) -> None:
        """Create the state and spool directories and the file (0700 / 0600)."""
        if not create or self.read_only:
            if not self.db_path.exists():
                raise SchemaError(
                    f"no Grace Gateway database at {self.db_path}: the gateway creates it "
                    "on its first start (check --config and the [state] dir / [store] path)"
                )
            return
        ensure_private_dir(self.db_path.parent, fix_existing=False)
        self.spool.ensure()
        existed = self.db_path.exists()
        self._connect(create=True).close()
        if not existed:
            os.chmod(self.db_path, 0o600)

    async def _start(self, create: bool) -> None:
        if self._writer is not None:
            return
        try:
            await asyncio.to_thread(self._prepare_files, create)
        except (OSError, sqlite3.Error) as exc:
            raise store_error(exc, self.db_path) from exc
        self._writer = _Writer(self._connect, self.db_path, self.max_batch)
        self._reader = ThreadPoolExecutor(1, thread_name_prefix="grace-sqlite-read")

    async def _write(self, op: Op, durable: bool = True) -> Any:
        if self._writer is None:
            raise StoreError("the store is not open")
        return await self._writer.submit(op, durable)

    async def _read(self, fn: Op) -> Any:
        if self._reader is None:
            raise StoreError("the store is not open")
        return await asyncio.get_running_loop().run_in_executor(self._reader, self._read_now, fn)

    def _read_now(self, fn: Op) -> Any:
        try:
            if self._read_conn is None:
                self._read_conn = self._connect(query_only=True)
            conn = self._read_conn
            conn.execute("BEGIN")  # one snapshot for everything `fn` reads
            try:
                return fn(conn)
            finally:
                conn.execute("ROLLBACK")
        except sqlite3.Error as exc:
            self._close_read_conn()
            raise store_error(exc, self.db_path) from exc

    def _close_read_conn(self) -> None:
        if self._read_conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._read_conn.close()
            self._read_conn = None

    # ------------------------------------------------------------ lifecycle

    async def open(self, *, create: bool = True) -> None:
        await self._start(create)
        where = str(self.db_path)

        def check(conn: sqlite3.Connection) -> None:
            version = _schema_version(conn, where)
            if version == 0 and create and not self.read_only:
                self._apply(conn, 0)
            elif version == 0:
                raise SchemaError(
                    f"{where} has no Grace Gateway schema yet: run `grace store migrate`"
                )
            elif version > base.SCHEMA_VERSION:
                raise migrations.newer_schema_error(where, version)
            elif version < base.SCHEMA_VERSION:
                raise migrations.older_schema_error(where, version,
                                                    backup=self._backup_path(version).name)

        try:
            await self._write(check)
        except BaseException:
            await self.close()
            raise

    def _apply(self, conn: sqlite3.Connection, current: int) -> None:
        for version, statements in migrations.plan(str(self.db_path), current, STEPS):
            for statement in statements:
                conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    async def migrate(self) -> tuple[int, int]:
        await self._start(create=True)
        where = str(self.db_path)
        current = await self._write(lambda conn: _schema_version(conn, where))
        if 0 < current < base.SCHEMA_VERSION:
            await asyncio.to_thread(self._backup, current)

        def run(conn: sqlite3.Connection) -> tuple[int, int]:
            found = _schema_version(conn, where)  # again, under the write lock
            self._apply(conn, found)
            return found, base.SCHEMA_VERSION

        return await self._write(run)

    def _backup_path(self, version: int) -> Path:
        return self.db_path.with_name(f"{self.db_path.name}.schema-{version}.bak")

    def _backup(self, version: int) -> None:
        target = self._backup_path(version)
        source = self._connect(query_only=True)
        try:
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                copy.close()
            os.chmod(target, 0o600)
        finally:
            source.close()
        log.info("copied %s to %s before migrating", self.db_path, target)

    async def close(self) -> None:
        writer, self._writer = self._writer, None
        reader, self._reader = self._reader, None
        if writer is not None:
            await asyncio.to_thread(writer.stop)
        if reader is not None:
            await asyncio.get_running_loop().run_in_executor(reader, self._close_read_conn)
            reader.shutdown(wait=False)

    async def ping(self) -> bool:
        node = f"{socket.gethostname()}:{os.getpid()}"
        now = iso(datetime.now(UTC))
        try:
            await self._write(lambda conn: conn.execute(
                "INSERT INTO heartbeat (node, at) VALUES (?, ?)"
                " ON CONFLICT (node) DO UPDATE SET at = excluded.at", (node, now)).close())
        except StoreError as exc:
            log.warning("store not ready: %s", exc)
            return False
        return True

    # ------------------------------------------------------------ audit log

    async def append(
        self, events: Sequence[AuditEvent], *, durable: bool = True
    ) -> list[AuditRecord]:
        events = list(events)
        if not events:
            return []
        return await self._write(lambda conn: [_append(conn, e) for e in events], durable)

    async def head(self) -> ChainHead | None:
        row = await self._read(lambda conn: conn.execute(
            "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone())
        return ChainHead(row["id"], row["hash"]) if row else None

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
        where, params = ["id > ?"], []
        if since is not None:
            where.append("time >= ?")
            params.append(iso(since))
        if until is not None:
            where.append("time < ?")
            params.append(iso(until))
        sql = (f"SELECT id, kind, time, body, prev_hash, hash FROM audit"
               f" WHERE {' AND '.join(where)} ORDER BY id LIMIT ?")

        def fetch(conn: sqlite3.Connection, last: int) -> list[sqlite3.Row]:
            return conn.execute(sql, [last, *params, batch]).fetchall()

        try:
            conn = await asyncio.to_thread(self._connect, query_only=True)
        except (sqlite3.Error, OSError) as exc:
            raise store_error(exc, self.db_path) from exc
        try:
            await asyncio.to_thread(conn.execute, "BEGIN")  # one snapshot for the stream
            last = after_id
            while True:
                try:
                    rows = await asyncio.to_thread(fetch, conn, last)
                except sqlite3.Error as exc:
                    raise store_error(exc, self.db_path) from exc
                for row in rows:
                    yield _record(row)
                if len(rows) < batch:
                    return
                last = rows[-1]["id"]
        finally:
            await asyncio.to_thread(conn.close)

    async def prune(self, before: datetime, checkpoint: AuditEvent) -> AuditRecord | None:
        if checkpoint.kind != EventKind.CHECKPOINT:
            raise ValueError("prune() needs an event of kind checkpoint")
        cutoff = iso(before)

        def run(conn: sqlite3.Connection) -> AuditRecord | None:
            bounds = conn.execute("SELECT min(id), max(id) FROM audit").fetchone()
            first, head_id = bounds[0], bounds[1]
            if first is None:
                return None
            newer = conn.execute(
                "SELECT min(id) FROM audit WHERE time >= ?", (cutoff,)).fetchone()[0]
            last = head_id if newer is None else newer - 1
            if last < first:
                return None
            hash_of = "SELECT hash FROM audit WHERE id = ?"
            last_hash = conn.execute(hash_of, (last,)).fetchone()[0]
            head_hash = conn.execute(hash_of, (head_id,)).fetchone()[0]
            digest = pruned_digest(row[0] for row in conn.execute(
                "SELECT hash FROM audit WHERE id BETWEEN ? AND ? ORDER BY id", (first, last)))
            conn.execute("DELETE FROM audit WHERE id BETWEEN ? AND ?", (first, last))
            extra = {
                **checkpoint.extra, "first_id": first, "last_id": last, "last_hash": last_hash,
                "count": last - first + 1, "pruned_sha256": digest, "before": cutoff,
            }
            return _append(conn, replace(checkpoint, extra=extra), head=(head_id, head_hash))

        return await self._write(run)

    # ------------------------------------------------------------ holds

    async def create_hold(
        self, hold: Hold, raw: bytes, event: AuditEvent, outbox: Sequence[OutboxItem] = ()
    ) -> AuditRecord:
        check_hold_id(hold.id)
        if hold.size != len(raw) or hold.sha256 != hashlib.sha256(raw).hexdigest():
            raise ValueError("hold.size and hold.sha256 must describe the held bytes")
        await asyncio.to_thread(self.spool.write, hold.id, raw)  # durable before the commit

        def run(conn: sqlite3.Connection) -> AuditRecord:
            conn.execute(_HOLDS.insert_sql("holds"), _HOLDS.values(hold))
            conn.executemany(
                "INSERT OR IGNORE INTO hold_threads (message_id, hold_id) VALUES (?, ?)",
                [(m, hold.id) for m in {_thread_id(t) for t in hold.thread_ids} if m],
            )
            _insert_outbox(conn, outbox)
            return _append(conn, event)

        try:
            return await self._write(run)
        except Exception:
            await self._drop_orphan(hold.id)
            raise

    async def _drop_orphan(self, hold_id: str) -> None:
        """Remove the spool file of a hold whose transaction failed -- only when the
        database confirms there is no such hold (never lose a committed hold)."""
        try:
            exists = await self._read(lambda conn: conn.execute(
                "SELECT 1 FROM holds WHERE id = ?", (hold_id,)).fetchone())
            if not exists:
                await asyncio.to_thread(self.spool.remove, hold_id)
        except StoreError as exc:
            log.warning("kept spool file of hold %s (could not check it: %s)", hold_id, exc)

    async def sweep_spool(self, min_age_seconds: float = 3600.0) -> int:
        """Delete spool files older than `min_age_seconds` that belong to no hold
        (left by a crash between the file's fsync and its hold's commit; their
        client never got a 250 and sent the message again).  Returns how many."""
        ids, temps = await asyncio.to_thread(self.spool.strays, time.time() - min_age_seconds)
        removed = 0
        for path in temps:
            with contextlib.suppress(OSError):
                await asyncio.to_thread(path.unlink)
                removed += 1
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]

            def known(conn: sqlite3.Connection, chunk: list[str] = chunk) -> set[str]:
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(f"SELECT id FROM holds WHERE id IN ({marks})", chunk)
                return {row[0] for row in rows}

            kept = await self._read(known)
            for hold_id in chunk:
                if hold_id not in kept and await asyncio.to_thread(self.spool.remove, hold_id):
                    removed += 1
        return removed

    async def get_hold(self, hold_id: str) -> Hold | None:
        if not _HOLD_ID.fullmatch(hold_id):
            return None
        row = await self._read(lambda conn: conn.execute(
            "SELECT * FROM holds WHERE id = ?", (hold_id,)).fetchone())
        return _HOLDS.load(row) if row else None

    async def held_message(self, hold_id: str) -> bytes:
        check_hold_id(hold_id)
        row = await self._read(lambda conn: conn.execute(
            "SELECT purged_at, sha256 FROM holds WHERE id = ?", (hold_id,)).fetchone())
        if row is None:
            raise StoreError(f"there is no hold {hold_id}")
        if row["purged_at"]:
            raise StoreError(f"held message {hold_id} was deleted at {row['purged_at']} "
                             "(retention)")
        raw = await asyncio.to_thread(self.spool.read, hold_id)
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            raise StoreError(f"held message {hold_id} in the spool does not match its "
                             "recorded SHA-256 (changed or damaged on disk)")
        return raw

    async def list_holds(
        self, states: Iterable[HoldState] | None = None, limit: int = 1000
    ) -> list[Hold]:
        sql, params = "SELECT * FROM holds", []
        if states is not None:
            params = [HoldState(s).value for s in states]
            sql += f" WHERE state IN ({_placeholders(params)})"
        sql += " ORDER BY created_at, id LIMIT ?"
        rows = await self._read(lambda conn: conn.execute(sql, [*params, limit]).fetchall())
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
        sql = (f"UPDATE holds SET state = ?, {', '.join(f'{n} = ?' for n in names)},"
               f" {_LEASE_CLEARED} WHERE id = ? AND state IN ({_placeholders(froms)})")
        params = [HoldState(to_state).value, *(_plain(changes[n]) for n in names),
                  hold_id, *froms]

        def run(conn: sqlite3.Connection) -> AuditRecord | None:
            if conn.execute(sql, params).rowcount == 0:
                return None  # unknown, or another release/discard got there first
            _insert_outbox(conn, outbox)
            return _append(conn, event)

        return await self._write(run)

    async def find_thread_holds(self, author: str, message_ids: Iterable[str]) -> list[Hold]:
        ids = sorted({_thread_id(m) for m in message_ids} - {""})[:500]
        if not ids:
            return []
        open_states = [s.value for s in HoldState if s.open]
        sql = (f"SELECT DISTINCT h.* FROM holds h JOIN hold_threads t ON t.hold_id = h.id"
               f" WHERE t.message_id IN ({_placeholders(ids)}) AND lower(h.author) = lower(?)"
               f" AND h.state IN ({_placeholders(open_states)}) ORDER BY h.created_at, h.id")
        rows = await self._read(lambda conn: conn.execute(
            sql, [*ids, author, *open_states]).fetchall())
        return [_HOLDS.load(r) for r in rows]

    async def find_holds(self, message_id: str, sha256: str) -> list[Hold]:
        rows = await self._read(lambda conn: conn.execute(
            "SELECT * FROM holds WHERE sha256 = ? AND message_id = ? ORDER BY created_at, id"
            " LIMIT 20", (sha256, message_id)).fetchall())
        return [_HOLDS.load(r) for r in rows]

    async def due_holds(self, now: datetime) -> list[Hold]:
        rows = await self._read(lambda conn: conn.execute(
            "SELECT * FROM holds WHERE state = ? AND deadline <= ? AND escalated_at IS NULL"
            " ORDER BY deadline, id", (HoldState.HELD.value, iso(now))).fetchall())
        return [_HOLDS.load(r) for r in rows]

    async def purge_message(self, hold_id: str, event: AuditEvent) -> bool:
        check_hold_id(hold_id)
        row = await self._read(lambda conn: conn.execute(
            "SELECT state FROM holds WHERE id = ?", (hold_id,)).fetchone())
        if row is None or HoldState(row["state"]).open:
            return False  # never the message of an open hold: that would lose mail
        # A closed hold stays closed, so its bytes go first: a crash before the commit
        # leaves the hold listed as purgeable (the next pass records it), never a body
        # that outlives its retention unnoticed.
        await asyncio.to_thread(self.spool.remove, hold_id)

        def run(conn: sqlite3.Connection) -> bool:
            cur = conn.execute(
                f"UPDATE holds SET purged_at = ? WHERE id = ? AND purged_at IS NULL"
                f" AND state IN ({_placeholders(_CLOSED)})", (iso(event.time), hold_id, *_CLOSED))
            if cur.rowcount == 0:
                return False
            _append(conn, event)
            return True

        return await self._write(run)

    async def purgeable_holds(
        self, before: datetime, *, after: tuple[datetime, str] | None = None, limit: int = 500
    ) -> list[Hold]:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        # The first two conditions are the partial index's own (holds_purgeable);
        # "+state" keeps the planner off holds_state, which would read every closed
        # hold ever kept and sort them.
        sql = ("SELECT * FROM holds WHERE purged_at IS NULL AND ended_at IS NOT NULL"
               f" AND ended_at <= ? AND +state IN ({_placeholders(_CLOSED)})")
        params: list[object] = [iso(before), *_CLOSED]
        if after is not None:
            sql += " AND (ended_at > ? OR (ended_at = ? AND id > ?))"
            params += [iso(after[0]), iso(after[0]), after[1]]
        sql += " ORDER BY ended_at, id LIMIT ?"
        rows = await self._read(lambda conn: conn.execute(sql, [*params, limit]).fetchall())
        return [_HOLDS.load(r) for r in rows]

    # ------------------------------------------------------------ release lease

    async def claim_forward(
        self, hold_id: str, node: str, now: datetime, lease_seconds: float,
        *, steal_from: str = "",
    ) -> Hold | None:
        until = _lease_end(node, now, lease_seconds)
        if not _HOLD_ID.fullmatch(hold_id):
            return None

        def run(conn: sqlite3.Connection) -> Hold | None:
            cur = conn.execute(
                "UPDATE holds SET forward_owner = ?, lease_until = ? WHERE id = ?"
                " AND state = ? AND (forward_owner = '' OR lease_until IS NULL"
                " OR lease_until < ? OR (? <> '' AND forward_owner = ?))",
                (node, until, hold_id, _RELEASING, iso(now), steal_from, steal_from))
            if cur.rowcount == 0:
                return None
            return _HOLDS.load(conn.execute(
                "SELECT * FROM holds WHERE id = ?", (hold_id,)).fetchone())

        return await self._write(run)

    async def mark_forward(
        self, hold_id: str, node: str, stage: ForwardStage, now: datetime,
        lease_seconds: float, reply: str = "",
    ) -> bool:
        until = _lease_end(node, now, lease_seconds)
        return await self._lease_update(
            hold_id, node, "forward_stage = ?, forward_reply = ?, lease_until = ?",
            [ForwardStage(stage).value, reply, until])

    async def renew_forward(
        self, hold_id: str, node: str, now: datetime, lease_seconds: float
    ) -> bool:
        until = _lease_end(node, now, lease_seconds)
        return await self._lease_update(hold_id, node, "lease_until = ?", [until])

    async def release_forward(self, hold_id: str, node: str) -> bool:
        return await self._lease_update(hold_id, node, _LEASE_CLEARED, [])

    async def _lease_update(
        self, hold_id: str, node: str, assignments: str, params: list[object]
    ) -> bool:
        if not node or not _HOLD_ID.fullmatch(hold_id):
            return False
        sql = (f"UPDATE holds SET {assignments} WHERE id = ? AND state = ?"
               " AND forward_owner = ?")
        return await self._write(lambda conn: conn.execute(
            sql, [*params, hold_id, _RELEASING, node]).rowcount == 1)

    # ------------------------------------------------------------ maintenance

    async def try_exclusive(self, name: str) -> bool:
        if self._writer is None:
            raise StoreError("the store is not open")
        return True  # one host; the caller's lifecycle lock picks the process

    # ------------------------------------------------------------ tokens

    async def use_token(self, token_id: str, event: AuditEvent) -> bool:
        def run(conn: sqlite3.Connection) -> bool:
            cur = conn.execute(
                "INSERT OR IGNORE INTO used_tokens (token_id, used_at) VALUES (?, ?)",
                (token_id, iso(event.time)))
            if cur.rowcount == 0:
                return False
            _append(conn, event)
            return True

        return await self._write(run)

    # ------------------------------------------------------------ outbox

    async def enqueue(self, items: Sequence[OutboxItem], event: AuditEvent | None = None) -> None:
        items = list(items)

        def run(conn: sqlite3.Connection) -> None:
            _insert_outbox(conn, items)
            if event is not None:
                _append(conn, event)

        await self._write(run)

    async def claim_outbox(
        self, node: str, now: datetime, limit: int, lease_seconds: float
    ) -> list[OutboxItem]:
        moment = iso(now)
        until = parse_iso(iso(now + timedelta(seconds=lease_seconds)))

        def run(conn: sqlite3.Connection) -> list[OutboxItem]:
            rows = conn.execute(
                "SELECT * FROM outbox WHERE state = ? AND next_attempt_at <= ?"
                " AND (lease_until IS NULL OR lease_until < ?) ORDER BY created_at, id LIMIT ?",
                (OutboxState.PENDING.value, moment, moment, limit)).fetchall()
            conn.executemany(
                "UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id = ?",
                [(node, iso(until), row["id"]) for row in rows])
            return [replace(_OUTBOX.load(r), lease_owner=node, lease_until=until) for r in rows]

        return await self._write(run)

    async def outbox_sent(self, item_id: str, event: AuditEvent) -> None:
        await self._outbox_update(
            item_id, event,
            "state = ?, raw = x'', last_error = ''",
            [OutboxState.SENT.value])

    async def outbox_failed(
        self, item_id: str, error: str, retry_at: datetime | None, event: AuditEvent
    ) -> None:
        state = OutboxState.FAILED if retry_at is None else OutboxState.PENDING
        await self._outbox_update(
            item_id, event, "state = ?, last_error = ?, next_attempt_at = coalesce(?, "
            "next_attempt_at)", [state.value, error[:2000], retry_at and iso(retry_at)])

    async def _outbox_update(
        self, item_id: str, event: AuditEvent, assignments: str, params: list[object]
    ) -> None:
        sql = (f"UPDATE outbox SET {assignments}, attempts = attempts + 1, lease_owner = '',"
               " lease_until = NULL WHERE id = ?")

        def run(conn: sqlite3.Connection) -> None:
            if conn.execute(sql, [*params, item_id]).rowcount == 0:
                raise StoreError(f"there is no outbox item {item_id}")
            _append(conn, event)

        await self._write(run)

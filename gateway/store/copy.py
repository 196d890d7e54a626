"""Move an installation from SQLite to PostgreSQL without breaking the audit chain.

`grace store copy --from sqlite:PATH --to postgresql://...` (gateway stopped):

1. the source must verify (`verify_store`): a broken chain is not carried over
   as if it were whole, and the problem is named instead;
2. the target schema is created if needed, and the target must be empty;
3. in ONE PostgreSQL transaction: the audit records with their exact body and
   hash bytes and their ids (the chain is copied, never re-sealed), the chain
   head, the holds -- every column, the release lease and retention marks of
   schema 2 included -- with their held message bytes (read from the spool and
   checked against each hold's SHA-256), thread ids, used release tokens and the
   outbox.  A failure anywhere leaves the target as it was;
4. the target is verified and must end on the same head as the source.

The source is read from one snapshot and never written.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from gateway.store.base import StoreError
from gateway.store.chain import parse_iso
from gateway.store.postgres import PostgresStore, safe_dsn
from gateway.store.records import ChainHead
from gateway.store.sqlite import SqliteStore
from gateway.store.verify import ChainReport, verify_store

_HOLD_TUPLES = ("rcpt_tos", "thread_ids", "rules", "mail_options")
_HOLD_TIMES = ("created_at", "deadline", "updated_at", "ended_at", "escalated_at", "purged_at",
               "lease_until")
_OUTBOX_TIMES = ("created_at", "next_attempt_at", "lease_until")
_AUDIT = "id, time, kind, message_id, sender, decision, hold_id, body, prev_hash, hash"
_ROWS = 500


class CopyError(StoreError):
    """The copy was refused or failed; the target was left unchanged."""


@dataclass(frozen=True)
class CopyReport:
    records: int
    head: ChainHead | None
    holds: int
    messages: int
    tokens: int
    outbox: int

    def summary(self) -> str:
        head = f"head {self.head.id} {self.head.hash}" if self.head else "an empty log"
        return (f"{self.records} audit records ({head}), {self.holds} holds with "
                f"{self.messages} held messages, {self.tokens} used release tokens, "
                f"{self.outbox} outbox items")


def _time(text: str | None) -> Any:
    return None if text is None else parse_iso(text)


def _rows(cursor: sqlite3.Cursor) -> Iterator[sqlite3.Row]:
    while True:
        chunk = cursor.fetchmany(_ROWS)
        if not chunk:
            return
        yield from chunk


class _Copier:
    """The bulk copy (blocking: runs in a worker thread)."""

    def __init__(self, db_path: Path, spool_dir: Path, dsn: str) -> None:
        self.db_path = db_path
        self.spool_dir = spool_dir
        self.dsn = dsn
        self.where = safe_dsn(dsn)

    def run(self) -> CopyReport:
        uri = f"{self.db_path.absolute().as_uri()}?mode=ro"
        src = sqlite3.connect(uri, uri=True, isolation_level=None)
        src.row_factory = sqlite3.Row
        try:
            src.execute("BEGIN")  # one snapshot of every table
            with psycopg.connect(self.dsn, connect_timeout=10,
                                 application_name="grace-store-copy") as dst, dst.transaction():
                self._check_empty(dst)
                records, head = self._audit(src, dst)
                holds, messages = self._holds(src, dst)
                tokens = self._copy_table(
                    src, dst, "used_tokens", ("token_id", "used_at"),
                    lambda r: (r["token_id"], _time(r["used_at"])))
                self._copy_table(src, dst, "hold_threads", ("message_id", "hold_id"),
                                 lambda r: (r["message_id"], r["hold_id"]))
                outbox = self._outbox(src, dst)
            return CopyReport(records, head, holds, messages, tokens, outbox)
        finally:
            src.close()

    def _check_empty(self, dst: psycopg.Connection) -> None:
        dst.execute("SELECT last_id FROM audit_head FOR UPDATE")  # no gateway appends now
        for table in ("audit", "holds", "outbox", "used_tokens"):
            row = dst.execute(f"SELECT count(*) FROM {table}").fetchone()
            if row and row[0]:
                raise CopyError(
                    f"{self.where} already has {row[0]} rows in {table}: copy only into an "
                    "empty store (a new database or schema), so no chain is mixed with another"
                )

    def _audit(self, src: sqlite3.Connection, dst: psycopg.Connection
               ) -> tuple[int, ChainHead | None]:
        count, last = 0, None
        with dst.cursor() as cur, cur.copy(f"COPY audit ({_AUDIT}) FROM STDIN") as copy:
            for row in _rows(src.execute(f"SELECT {_AUDIT} FROM audit ORDER BY id")):
                body = row["body"]
                body = body.encode() if isinstance(body, str) else bytes(body)
                copy.write_row((row["id"], parse_iso(row["time"]), row["kind"],
                                row["message_id"].replace("\x00", ""),
                                row["sender"].replace("\x00", ""), row["decision"],
                                row["hold_id"], body, row["prev_hash"], row["hash"]))
                count += 1
                last = ChainHead(row["id"], row["hash"])
        if last is not None:
            dst.execute("UPDATE audit_head SET last_id = %s, last_hash = %s",
                        (last.id, last.hash))
        return count, last

    def _held_bytes(self, row: sqlite3.Row) -> bytes | None:
        if row["purged_at"] is not None:
            return None  # deleted after retention: nothing to copy, as intended
        path = self.spool_dir / f"{row['id']}.eml"
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CopyError(
                f"the held message of hold {row['id']} cannot be read from {path} "
                f"({exc.strerror or exc}); point --spool at the spool directory"
            ) from exc
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            raise CopyError(f"the held message {path} does not match the SHA-256 recorded "
                            f"for hold {row['id']} (changed or damaged on disk)")
        return raw

    def _holds(self, src: sqlite3.Connection, dst: psycopg.Connection) -> tuple[int, int]:
        columns = [c[1] for c in src.execute("PRAGMA table_info(holds)")]
        insert = (f"INSERT INTO holds ({', '.join(columns)}) "
                  f"VALUES ({', '.join(['%s'] * len(columns))})")
        holds = messages = 0
        with dst.cursor() as cur:
            for row in _rows(src.execute("SELECT * FROM holds ORDER BY created_at, id")):
                values = []
                for name in columns:
                    value = row[name]
                    if name in _HOLD_TUPLES:
                        value = [str(v) for v in json.loads(value)]
                    elif name in _HOLD_TIMES:
                        value = _time(value)
                    values.append(value)
                cur.execute(insert, values)
                raw = self._held_bytes(row)
                if raw is not None:
                    cur.execute("INSERT INTO held_messages (hold_id, raw) VALUES (%s, %b)",
                                (row["id"], raw))
                    messages += 1
                holds += 1
        return holds, messages

    def _outbox(self, src: sqlite3.Connection, dst: psycopg.Connection) -> int:
        columns = [c[1] for c in src.execute("PRAGMA table_info(outbox)")]

        def convert(row: sqlite3.Row) -> tuple[Any, ...]:
            values = []
            for name in columns:
                value = row[name]
                if name == "rcpt_tos":
                    value = [str(v) for v in json.loads(value)]
                elif name in _OUTBOX_TIMES:
                    value = _time(value)
                elif name == "raw":
                    value = bytes(value)
                values.append(value)
            return tuple(values)

        return self._copy_table(src, dst, "outbox", tuple(columns), convert)

    def _copy_table(self, src: sqlite3.Connection, dst: psycopg.Connection, table: str,
                    columns: tuple[str, ...], convert: Callable[[sqlite3.Row], tuple[Any, ...]]
                    ) -> int:
        count = 0
        names = ", ".join(columns)
        with dst.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in _rows(src.execute(f"SELECT {names} FROM {table}")):
                copy.write_row(convert(row))
                count += 1
        return count


async def copy_sqlite_to_postgres(
    db_path: Path, spool_dir: Path, dsn: str
) -> tuple[CopyReport, ChainReport]:
    """Copy everything; returns what was copied and the target's verification."""
    source = SqliteStore(db_path, spool_dir, read_only=True)
    await source.open(create=False)  # refuses a missing file or an unknown schema
    try:
        before = await verify_store(source)
    finally:
        await source.close()
    if not before.ok:
        raise CopyError(
            f"the audit log in {db_path} does not verify ({before.problem}); nothing was "
            "copied. Run `grace audit verify` and sort that out first"
        )

    target = PostgresStore(dsn, pool_size=2)
    await target.open(create=True)  # creates the schema in an empty database
    await target.close()
    copier = _Copier(Path(db_path), Path(spool_dir), dsn)
    try:
        report = await asyncio.to_thread(copier.run)
    except psycopg.Error as exc:
        raise CopyError(f"copying into {copier.where} failed, nothing was kept there: "
                        f"{' '.join(str(exc).split())}") from exc
    except (sqlite3.Error, ValueError) as exc:
        raise CopyError(f"reading {db_path} failed, nothing was copied: {exc}") from exc

    target = PostgresStore(dsn, pool_size=2)
    await target.open(create=False)
    try:
        after = await verify_store(target)
    finally:
        await target.close()
    if not after.ok or after.count != before.count or after.head != before.head:
        raise CopyError(
            f"the copy in {copier.where} does not verify like the source "
            f"({after.problem or f'{after.count} records, head {after.head}'}; source: "
            f"{before.count} records, head {before.head})"
        )
    return report, after

"""What only the SQLite backend has: the spool files, file modes, the writer's
batches, the errors a local file gives (read-only, locked, full) and migrations."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import time
from datetime import datetime
from pathlib import Path

import pytest

from gateway.store import SchemaError, StoreError, base
from gateway.store.migrations.sqlite import STEPS
from gateway.store.records import AuditEvent, EventKind, HoldState
from gateway.store.sqlite import SqliteStore
from gateway.store.verify import verify_store

from .storekit import event, hold_event, make_hold, raw_message


@pytest.fixture
async def sqlite_store(tmp_path: Path):
    store = SqliteStore(tmp_path / "state" / "grace.db", tmp_path / "state" / "spool")
    await store.open()
    yield store
    await store.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_held_message_is_a_private_spool_file(sqlite_store: SqliteStore) -> None:
    raw = raw_message(1)
    hold = make_hold(raw)
    await sqlite_store.create_hold(hold, raw, hold_event(hold))
    spool_file = sqlite_store.spool.directory / f"{hold.id}.eml"
    assert spool_file.read_bytes() == raw
    assert mode(spool_file) == 0o600
    assert mode(sqlite_store.spool.directory) == 0o700
    assert mode(sqlite_store.db_path.parent) == 0o700
    assert mode(sqlite_store.db_path) == 0o600
    assert [p.name for p in sqlite_store.spool.directory.iterdir()] == [spool_file.name]


async def test_a_failed_hold_leaves_no_file_and_a_duplicate_keeps_the_original(
    sqlite_store: SqliteStore,
) -> None:
    raw = raw_message(2)
    hold = make_hold(raw)
    await sqlite_store.create_hold(hold, raw, hold_event(hold))
    other = raw_message(3)
    with pytest.raises(StoreError, match="already"):
        await sqlite_store.create_hold(make_hold(other, id=hold.id), other, hold_event(hold))
    assert await sqlite_store.held_message(hold.id) == raw  # not overwritten, not removed

    broken = make_hold(raw)
    bad_event = AuditEvent(EventKind.DECISION, datetime(2026, 1, 1))  # naive time: refused
    with pytest.raises(ValueError):
        await sqlite_store.create_hold(broken, raw, bad_event)
    assert not (sqlite_store.spool.directory / f"{broken.id}.eml").exists()
    assert await sqlite_store.get_hold(broken.id) is None


async def test_a_changed_spool_file_is_not_passed_off_as_the_held_message(
    sqlite_store: SqliteStore,
) -> None:
    raw = raw_message(4)
    hold = make_hold(raw)
    await sqlite_store.create_hold(hold, raw, hold_event(hold))
    (sqlite_store.spool.directory / f"{hold.id}.eml").write_bytes(raw + b"P.S. edited\r\n")
    with pytest.raises(StoreError, match="does not match"):
        await sqlite_store.held_message(hold.id)


async def test_the_sweep_removes_only_old_spool_files_without_a_hold(
    sqlite_store: SqliteStore,
) -> None:
    """A SIGKILL between a spool file's fsync and its hold's commit leaves a file that
    no hold names (its client never got a 250); the hourly sweep deletes it, but
    never a committed hold's file, nor a file young enough to be mid-transaction."""
    spool = sqlite_store.spool
    raw = raw_message(7)
    kept = make_hold(raw)
    await sqlite_store.create_hold(kept, raw, hold_event(kept))
    stray, young = make_hold(raw_message(8)), make_hold(raw_message(9))
    spool.write(stray.id, raw_message(8))
    spool.write(young.id, raw_message(9))
    temp = spool.directory / f".{stray.id}.0badc0de.tmp"
    temp.write_bytes(b"half")
    hour_ago = time.time() - 7200
    for path in (spool.path(kept.id), spool.path(stray.id), temp):
        os.utime(path, (hour_ago, hour_ago))

    assert await sqlite_store.sweep_spool(3600) == 2
    assert sorted(p.name for p in spool.directory.iterdir()) == sorted(
        [f"{kept.id}.eml", f"{young.id}.eml"])
    assert await sqlite_store.held_message(kept.id) == raw
    assert await sqlite_store.sweep_spool(3600) == 0


async def test_records_of_mail_already_delivered_skip_only_the_fsync(
    sqlite_store: SqliteStore, tmp_path: Path
) -> None:
    """`durable=False` (out-of-scope pass-through records) commits with
    synchronous=NORMAL: committed and on the chain before the call returns; the
    next durable commit goes back to FULL, which syncs everything before it."""
    writer = sqlite_store._writer
    assert writer is not None
    await sqlite_store.append([event(1)], durable=False)
    assert writer._sync == "NORMAL"
    other = sqlite3.connect(sqlite_store.db_path)  # another connection sees it at once
    assert other.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == 1
    await sqlite_store.append([event(2)])
    assert writer._sync == "FULL"
    # a batch mixing both kinds is durable as a whole
    await asyncio.gather(sqlite_store.append([event(3)], durable=False),
                         sqlite_store.append([event(4)]))
    assert writer._sync == "FULL"
    assert other.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == 4
    other.close()
    assert (await verify_store(sqlite_store)).ok


async def test_one_failing_operation_does_not_poison_its_batch(
    sqlite_store: SqliteStore,
) -> None:
    # Hold SQLite's write lock from outside, so the operations below pile up in
    # the writer's queue and run as ONE batch once the lock is released.
    blocker = sqlite3.connect(sqlite_store.db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    before = sqlite_store.commits
    first = asyncio.ensure_future(sqlite_store.append([event(0)]))
    await asyncio.sleep(0.2)  # the writer took `first` and waits for the lock
    rest = [asyncio.ensure_future(sqlite_store.append([event(n)])) for n in range(1, 11)]
    bad = asyncio.ensure_future(sqlite_store.outbox_sent("onosuchitem", event(99)))
    rest += [asyncio.ensure_future(sqlite_store.append([event(n)])) for n in range(11, 21)]
    await asyncio.sleep(0.2)
    blocker.execute("COMMIT")
    blocker.close()
    records = [(await first)[0]] + [(await task)[0] for task in rest]
    with pytest.raises(StoreError, match="no outbox item"):
        await bad
    assert sqlite_store.commits - before == 2  # `first`, then everything else together
    assert [r.id for r in records] == list(range(1, 22))
    report = await verify_store(sqlite_store)
    assert report.ok and report.count == 21


async def test_read_only_database_gives_store_errors_and_keeps_no_orphans(
    tmp_path: Path, sqlite_store: SqliteStore
) -> None:
    await sqlite_store.append([event(1), event(2)])
    reader = SqliteStore(sqlite_store.db_path, sqlite_store.spool.directory, read_only=True)
    await reader.open(create=False)
    try:
        assert (await verify_store(reader)).count == 2  # verifying needs no write access
        with pytest.raises(StoreError, match="read-only"):
            await reader.append([event(3)])
        assert await reader.ping() is False
        raw = raw_message(5)
        hold = make_hold(raw)
        with pytest.raises(StoreError, match="read-only"):
            await reader.create_hold(hold, raw, hold_event(hold))
        assert not (sqlite_store.spool.directory / f"{hold.id}.eml").exists()
    finally:
        await reader.close()
    assert (await sqlite_store.head()).id == 2


async def test_a_lock_held_too_long_is_a_store_error_and_the_store_recovers(
    tmp_path: Path,
) -> None:
    store = SqliteStore(tmp_path / "grace.db", tmp_path / "spool", busy_timeout=0.2)
    await store.open()
    try:
        blocker = sqlite3.connect(store.db_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError, match="locked"):
            await store.append([event(1)])
        blocker.execute("ROLLBACK")
        blocker.close()
        assert (await store.append([event(2)]))[0].id == 1
        assert await store.ping() is True
    finally:
        await store.close()


async def test_a_full_disk_is_named_and_the_other_writes_go_on(
    sqlite_store: SqliteStore,
) -> None:
    # White box: cap the writer connection's file size (SQLITE_FULL) -- the way a
    # full disk looks to SQLite -- without filling a real disk.
    await sqlite_store._write(lambda conn: conn.execute("PRAGMA max_page_count = 1").close())
    with pytest.raises(StoreError, match="disk is full"):
        await sqlite_store.append([event(1, extra={"pad": "x" * 200_000})])
    await sqlite_store._write(lambda conn: conn.execute(
        "PRAGMA max_page_count = 1073741823").close())
    assert (await sqlite_store.append([event(2)]))[0].id == 1


async def test_open_without_create_neither_creates_nor_accepts_a_foreign_file(
    tmp_path: Path,
) -> None:
    missing = SqliteStore(tmp_path / "nothing" / "grace.db", tmp_path / "spool")
    with pytest.raises(SchemaError, match="no Grace Gateway database"):
        await missing.open(create=False)
    assert not (tmp_path / "nothing").exists()

    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
    conn.close()
    store = SqliteStore(foreign, tmp_path / "spool")
    with pytest.raises(SchemaError, match="not a Grace Gateway database"):
        await store.open()

    empty = SqliteStore(tmp_path / "empty.db", tmp_path / "spool")
    sqlite3.connect(empty.db_path).close()
    with pytest.raises(SchemaError, match="grace store migrate"):
        await empty.open(create=False)


async def test_migrate_creates_then_upgrades_an_older_schema_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, spool = tmp_path / "state" / "grace.db", tmp_path / "state" / "spool"
    fresh = SqliteStore(db, spool)
    assert await fresh.migrate() == (0, base.SCHEMA_VERSION)
    assert await fresh.migrate() == (base.SCHEMA_VERSION, base.SCHEMA_VERSION)
    raw = raw_message(6)
    hold = make_hold(raw)
    await fresh.open()
    await fresh.create_hold(hold, raw, hold_event(hold))
    await fresh.append([event(1)])
    await fresh.close()

    # A next version of the code: schema + 1 with one more column.
    current = base.SCHEMA_VERSION
    monkeypatch.setattr(base, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(STEPS, current + 1, ("ALTER TABLE holds ADD COLUMN reviewer TEXT",))
    upgraded = SqliteStore(db, spool)
    with pytest.raises(SchemaError, match=rf"schema {current}.*grace store migrate"):
        await upgraded.open()
    assert await upgraded.migrate() == (current, current + 1)
    await upgraded.open()
    try:
        assert (await upgraded.get_hold(hold.id)).state == HoldState.HELD
        assert await upgraded.held_message(hold.id) == raw
        report = await verify_store(upgraded)
        assert report.ok and report.count == 2
    finally:
        await upgraded.close()
    backup = db.with_name(f"grace.db.schema-{current}.bak")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == current
        assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 2
    conn.close()
    with sqlite3.connect(db) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(holds)")]
    conn.close()
    assert "reviewer" in columns

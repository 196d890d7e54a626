"""What only the PostgreSQL backend has: held bytes in the database, the chain-head
lock, batches that survive one bad operation, a database that is down, restarted,
read-only or locked (StoreError, then recovery by itself), and migrations.

The contract itself (tests/store/test_contract.py) runs on PostgreSQL through
`storekit.PostgresHarness`; the tests that stop a database use a private server
(`pgkit.PrivateServer`), never the shared one other tests are using.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import psycopg
import pytest

from gateway.store import SchemaError, StoreError, base
from gateway.store.migrations.postgres import STEPS
from gateway.store.postgres import PostgresStore
from gateway.store.records import EventKind, HoldState
from gateway.store.verify import verify_store

from . import pgkit
from .storekit import event, hold_event, make_hold, note, raw_message


@pytest.fixture
def dsn() -> AsyncIterator[str]:
    dsn = pgkit.new_schema()
    yield dsn
    pgkit.drop_schema(dsn)


@pytest.fixture
async def pg_store(dsn: str) -> AsyncIterator[PostgresStore]:
    store = PostgresStore(dsn, pool_size=4)
    await store.open()
    yield store
    await store.close()


async def until(check, timeout: float = 30.0):
    """Poll `check()` (async) until it returns a true value or `timeout` passes."""
    end = time.monotonic() + timeout
    while True:
        try:
            value = await check()
        except StoreError:
            value = None
        if value or time.monotonic() > end:
            return value
        await asyncio.sleep(0.2)


# ----------------------------------------------------------------- held bytes


async def test_held_bytes_live_in_the_database_for_every_node(
    dsn: str, pg_store: PostgresStore, tmp_path: Path
) -> None:
    raw = raw_message(1) + bytes(range(256))  # every byte value survives
    hold = make_hold(raw)
    await pg_store.create_hold(hold, raw, hold_event(hold))
    other_node = PostgresStore(dsn, spool_dir=tmp_path / "elsewhere")
    await other_node.open()
    try:
        assert await other_node.held_message(hold.id) == raw
        assert not (tmp_path / "elsewhere").exists()  # no spool on a PostgreSQL node
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("UPDATE held_messages SET raw = raw || 'P.S.'::bytea")
        with pytest.raises(StoreError, match="does not match"):
            await other_node.held_message(hold.id)
    finally:
        await other_node.close()


# ----------------------------------------------------------------- batches


async def test_one_failing_operation_does_not_poison_its_batch(pg_store: PostgresStore) -> None:
    raw = raw_message(2)
    first = make_hold(raw)
    item = note(first.id)
    await pg_store.create_hold(first, raw, hold_event(first), [item])
    before = pg_store.commits
    appends = [asyncio.ensure_future(pg_store.append([event(n)])) for n in range(20)]
    duplicate = make_hold(raw)
    bad = asyncio.ensure_future(pg_store.create_hold(duplicate, raw, hold_event(duplicate),
                                                     [item]))  # the outbox id is taken
    missing = asyncio.ensure_future(pg_store.outbox_sent("onosuchitem", event(99)))
    appends += [asyncio.ensure_future(pg_store.append([event(n)])) for n in range(20, 40)]
    with pytest.raises(StoreError, match="already exists"):
        await bad
    with pytest.raises(StoreError, match="no outbox item"):
        await missing
    records = [(await a)[0] for a in appends]
    assert [r.id for r in records] == list(range(2, 42))  # in order, after the first hold
    assert pg_store.commits - before <= 3  # 41 operations, a couple of transactions
    assert await pg_store.get_hold(duplicate.id) is None
    report = await verify_store(pg_store)
    assert report.ok and report.count == 41


async def test_the_chain_lock_held_too_long_is_a_store_error_then_it_recovers(
    dsn: str,
) -> None:
    store = PostgresStore(dsn, lock_timeout=0.5)
    await store.open()
    try:
        await store.append([event(1)])
        with psycopg.connect(dsn) as blocker:  # a node frozen inside its transaction
            blocker.execute("SELECT * FROM audit_head FOR UPDATE")
            with pytest.raises(StoreError, match="locked too long"):
                await store.append([event(2)])
            blocker.rollback()
        assert (await store.append([event(3)]))[0].id == 2
        assert (await verify_store(store)).ok
    finally:
        await store.close()


# ----------------------------------------------------------------- outages


async def test_connections_killed_by_the_server_are_replaced_without_errors(
    dsn: str, pg_store: PostgresStore
) -> None:
    await pg_store.append([event(1)])
    assert (await pg_store.head()).id == 1
    schema = dsn.rsplit("search_path%3D", 1)[-1]
    with psycopg.connect(dsn, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE application_name = 'grace-gateway' AND datname = current_database()"
            " AND pid <> pg_backend_pid()").fetchone()[0]
    assert killed >= 1, schema
    # The pool checks each connection before use and replaces the dead ones.
    assert (await pg_store.append([event(2)]))[0].id == 2
    assert (await pg_store.head()).id == 2
    assert await pg_store.ping() is True


async def test_a_read_only_database_refuses_writes_then_recovers_by_itself() -> None:
    dsn, name = pgkit.fresh_database()
    store = PostgresStore(dsn)
    try:
        await store.open()
        await store.append([event(1)])
        with pgkit.admin() as conn:
            conn.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                         " WHERE datname = %s", (name,))  # a fail-over: new sessions
        assert await store.ping() is False
        with pytest.raises(StoreError, match="read-only"):
            await store.append([event(2)])
        raw = raw_message(3)
        hold = make_hold(raw)
        with pytest.raises(StoreError, match="read-only"):
            await store.create_hold(hold, raw, hold_event(hold))
        assert (await verify_store(store)).count == 1  # reading still works
        with pgkit.admin() as conn:
            conn.execute(f'ALTER DATABASE "{name}" RESET default_transaction_read_only')
        assert await until(store.ping)  # no restart of the gateway needed
        assert (await store.append([event(4)]))[0].id == 2
        assert await store.get_hold(hold.id) is None  # the refused hold left nothing
    finally:
        await store.close()
        pgkit.drop_database(name)


@pytest.mark.slow
async def test_a_stopped_database_gives_store_errors_and_the_store_recovers() -> None:
    with pgkit.private_server() as server:
        store = PostgresStore(server.dsn, connect_timeout=2.0, reconnect_timeout=2.0)
        await store.open()
        try:
            await store.append([event(1), event(2)])
            raw = raw_message(4)
            hold = make_hold(raw)
            await store.create_hold(hold, raw, hold_event(hold), [note(hold.id)])

            server.stop("fast")
            # Callers queued behind a batch that waits for a connection in vain fail
            # with it, instead of waiting for a connection timeout of their own.
            first = asyncio.ensure_future(store.append([event(10)]))
            await asyncio.sleep(0.5)
            started = time.monotonic()
            queued = [asyncio.ensure_future(store.append([event(11 + i)])) for i in range(5)]
            results = await asyncio.gather(first, *queued, return_exceptions=True)
            assert all(isinstance(r, StoreError) for r in results), results
            assert time.monotonic() - started < 2 * store.connect_timeout - 0.5
            calls = {
                "append": lambda: store.append([event(3)]),
                "create_hold": lambda: store.create_hold(make_hold(raw), raw, event(4)),
                "get_hold": lambda: store.get_hold(hold.id),
                "held_message": lambda: store.held_message(hold.id),
                "transition": lambda: store.transition(
                    hold.id, [HoldState.HELD], HoldState.RELEASING,
                    hold_event(hold, EventKind.RELEASE_REQUESTED)),
                "use_token": lambda: store.use_token("t1", event(5, EventKind.FALSE_POSITIVE)),
                "claim_outbox": lambda: store.claim_outbox("n", hold.created_at, 10, 60),
                "records": lambda: verify_store(store),
                "head": store.head,
            }
            for name, call in calls.items():
                with pytest.raises(StoreError, match="PostgreSQL"):
                    await asyncio.wait_for(call(), 60)
                    pytest.fail(f"{name} did not fail with the database down")
            assert await store.ping() is False
            await asyncio.sleep(3)  # longer than reconnect_timeout: the pool gave up once

            server.start()
            assert await until(store.ping), "the store did not reconnect by itself"
            assert (await store.append([event(6)]))[0].id == 4  # nothing half-written
            assert await store.held_message(hold.id) == raw
            assert (await store.get_hold(hold.id)).state == HoldState.HELD
            report = await verify_store(store)
            assert report.ok and report.count == 4
        finally:
            await store.close()


# ----------------------------------------------------------------- schema


async def test_open_refuses_an_empty_a_foreign_and_a_missing_schema(dsn: str) -> None:
    empty = PostgresStore(dsn)
    with pytest.raises(SchemaError, match="grace store migrate"):
        await empty.open(create=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE customers (name text)")
    foreign = PostgresStore(dsn)
    with pytest.raises(SchemaError, match="not a Grace Gateway database"):
        await foreign.open()
    missing = PostgresStore(dsn.rsplit("search_path%3D", 1)[0] + "search_path%3Dnosuch")
    with pytest.raises(SchemaError, match="no schema"):
        await missing.open()


async def test_a_wrong_database_or_user_is_named_when_the_store_opens() -> None:
    base_dsn = pgkit.run_database()
    for dsn, named in [(pgkit.with_database(base_dsn, "grace_nosuch_db"), "grace_nosuch_db"),
                       (base_dsn.replace("postgres@", "grace_nosuch_role:pw@"),
                        "grace_nosuch_role")]:
        store = PostgresStore(dsn)
        with pytest.raises(StoreError, match=named) as caught:
            await store.open()
        assert ":pw@" not in str(caught.value)  # the password is never shown


async def test_nodes_starting_together_create_the_schema_once(dsn: str) -> None:
    stores = [PostgresStore(dsn) for _ in range(4)]
    await asyncio.gather(*(s.open() for s in stores))
    try:
        records = await asyncio.gather(*(s.append([event(n)]) for n, s in enumerate(stores)))
        assert sorted(r[0].id for r in records) == [1, 2, 3, 4]
    finally:
        for s in stores:
            await s.close()


async def test_migrate_creates_then_upgrades_an_older_schema(
    dsn: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "grace.toml"
    config.write_text(f'[store]\nbackend = "postgresql"\ndsn = "{dsn}"\n', encoding="utf-8")
    cli = subprocess.run([sys.executable, "-m", "gateway", "store", "migrate", "--config",
                          str(config)], capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0, cli.stderr
    assert f"migrated schema 0 -> {base.SCHEMA_VERSION}" in cli.stdout
    fresh = PostgresStore(dsn)
    assert await fresh.migrate() == (base.SCHEMA_VERSION, base.SCHEMA_VERSION)
    await fresh.open(create=False)
    raw = raw_message(6)
    hold = make_hold(raw)
    await fresh.create_hold(hold, raw, hold_event(hold))
    await fresh.append([event(1)])
    await fresh.close()

    # A next version of the code: schema + 1 with one more column.
    current = base.SCHEMA_VERSION
    monkeypatch.setattr(base, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(STEPS, current + 1, ("ALTER TABLE holds ADD COLUMN reviewer text",))
    upgraded = PostgresStore(dsn)
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

    # A migration that fails half-way leaves the schema as it was (DDL is transactional).
    monkeypatch.setattr(base, "SCHEMA_VERSION", current + 2)
    monkeypatch.setitem(STEPS, current + 2, ("ALTER TABLE holds ADD COLUMN checked text",
                                             "ALTER TABLE nosuch ADD COLUMN x text"))
    broken = PostgresStore(dsn)
    with pytest.raises(StoreError, match="nosuch"):
        await broken.migrate()
    await broken.close()
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == current + 1
        columns = {r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'holds'"
            " AND table_schema = current_schema()")}
    assert "reviewer" in columns and "checked" not in columns

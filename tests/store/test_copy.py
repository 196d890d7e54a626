"""`grace store copy --from sqlite:PATH --to postgresql://...`: an installation moves
from SQLite to PostgreSQL with its chain intact (the same record bytes, hashes and
ids, so the target verifies with the same head), its holds and held messages,
used tokens and outbox; a broken source, a missing held message or a target that
already has data is refused and leaves the target untouched."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest

from gateway.store import StoreError
from gateway.store.postgres import PostgresStore
from gateway.store.records import EventKind, ForwardStage, HoldState
from gateway.store.sqlite import SqliteStore
from gateway.store.verify import verify_store

from . import pgkit
from .storekit import T0, event, hold_event, make_hold, note, raw_message


def grace(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gateway", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def dsn() -> Iterator[str]:
    dsn = pgkit.new_schema()
    yield dsn
    pgkit.drop_schema(dsn)


async def sqlite_installation(state: Path) -> dict:
    """A SQLite store with a bit of everything, as a gateway would leave it."""
    store = SqliteStore(state / "grace.db", state / "spool")
    await store.open()
    try:
        await store.append([event(n) for n in range(6)])
        await store.prune(T0 + timedelta(seconds=2), event(50, EventKind.CHECKPOINT))
        open_raw, ended_raw = raw_message(1) + "é ünïcode\r\n".encode(), raw_message(2)
        held = make_hold(open_raw, thread_ids=("<q7@customer.example>",))
        ended = make_hold(ended_raw)
        pending = note(held.id, n=1)
        await store.create_hold(held, open_raw, hold_event(held), [pending])
        await store.create_hold(ended, ended_raw, hold_event(ended), [note(ended.id, n=2)])
        claimed = await store.claim_outbox("old-node", T0 + timedelta(seconds=5), 10, 60)
        sent = next(c for c in claimed if c.hold_id == ended.id)
        await store.outbox_sent(sent.id, event(60, EventKind.NOTE_SENT))
        await store.transition(ended.id, [HoldState.HELD], HoldState.DISCARDED,
                               hold_event(ended, EventKind.DISCARDED), actor="lead@acme.example")
        await store.purge_message(ended.id, hold_event(ended, EventKind.PURGED))
        await store.use_token("tok-used", event(70, EventKind.FALSE_POSITIVE))
        # A release in flight: its lease (schema 2) says the next hop had DATA.
        leased_raw = raw_message(3)
        leased = make_hold(leased_raw)
        await store.create_hold(leased, leased_raw, hold_event(leased))
        await store.transition(leased.id, [HoldState.HELD], HoldState.RELEASING,
                               hold_event(leased, EventKind.RELEASE_REQUESTED))
        await store.claim_forward(leased.id, "old-node", T0, 60)
        await store.mark_forward(leased.id, "old-node", ForwardStage.DATA, T0, 90,
                                 "354 go ahead")
        records = [r async for r in store.records()]
        return {"held": held, "open_raw": open_raw, "ended": ended, "pending": pending,
                "records": records, "head": await store.head(),
                "leased": await store.get_hold(leased.id),
                "ended_hold": await store.get_hold(ended.id)}
    finally:
        await store.close()


async def test_copy_moves_everything_and_the_chain_verifies_with_the_same_head(
    tmp_path: Path, dsn: str
) -> None:
    state = tmp_path / "state"
    source = await sqlite_installation(state)
    config = tmp_path / "pg.toml"
    config.write_text(f'[store]\nbackend = "postgresql"\ndsn = "{dsn}"\n', encoding="utf-8")

    result = grace("store", "copy", "--config", config, "--from", f"sqlite:{state / 'grace.db'}")
    assert result.returncode == 0, result.stderr
    records = source["records"]
    assert f"copied {len(records)} audit records (head {source['head'].id} " in result.stdout
    assert "3 holds with 2 held messages, 1 used release tokens, 2 outbox items" in result.stdout

    target = PostgresStore(dsn)
    await target.open(create=False)
    try:
        report = await verify_store(target)
        assert report.ok and report.head == source["head"] and report.pruned == (1, 2)
        assert [r async for r in target.records()] == records  # the same bytes and hashes
        held, ended = source["held"], source["ended"]
        assert await target.get_hold(held.id) == held
        assert await target.held_message(held.id) == source["open_raw"]
        assert await target.get_hold(ended.id) == source["ended_hold"]  # purged_at too
        assert source["ended_hold"].purged_at is not None
        leased = source["leased"]  # the release lease, exactly as it was
        assert await target.get_hold(leased.id) == leased
        assert (leased.forward_owner, leased.forward_stage, leased.forward_reply,
                leased.lease_until) == ("old-node", ForwardStage.DATA, "354 go ahead",
                                        T0 + timedelta(seconds=90))
        assert await target.claim_forward(leased.id, "new-node", T0, 60) is None  # live
        taken = await target.claim_forward(leased.id, "new-node", T0 + timedelta(minutes=2), 60)
        assert taken.forward_stage == ForwardStage.DATA  # a person decides, not a resend
        with pytest.raises(StoreError, match="deleted"):
            await target.held_message(ended.id)
        assert [h.id for h in await target.find_thread_holds(held.author, ["q7@customer.example"])
                ] == [held.id]
        assert await target.use_token("tok-used", event(80, EventKind.FALSE_POSITIVE)) is False
        later = T0 + timedelta(hours=1)
        [item] = await target.claim_outbox("new-node", later, 10, 60)
        assert (item.id, item.raw, item.lease_owner) == (source["pending"].id,
                                                         source["pending"].raw, "new-node")
        # The chain goes on where SQLite left it.
        [more] = await target.append([event(90)])
        assert more.id == source["head"].id + 1 and more.prev_hash == source["head"].hash
    finally:
        await target.close()

    again = grace("store", "copy", "--from", f"sqlite:{state / 'grace.db'}", "--to", dsn)
    assert again.returncode == 1 and "already has" in again.stderr and "empty" in again.stderr


async def test_a_broken_source_or_a_missing_held_message_is_refused_and_copies_nothing(
    tmp_path: Path, dsn: str
) -> None:
    state = tmp_path / "state"
    source = await sqlite_installation(state)
    (state / "spool" / f"{source['held'].id}.eml").rename(tmp_path / "moved.eml")
    missing = grace("store", "copy", "--from", f"sqlite:{state / 'grace.db'}", "--to", dsn)
    assert missing.returncode == 1, missing.stderr
    assert source["held"].id in missing.stderr and "--spool" in missing.stderr
    with_spool = grace("store", "copy", "--from", f"sqlite:{state / 'grace.db'}",
                       "--spool", tmp_path / "nowhere", "--to", dsn)
    assert with_spool.returncode == 1 and "nowhere" in with_spool.stderr
    with psycopg.connect(dsn) as conn:  # the failed copies left nothing behind
        assert conn.execute("SELECT count(*) FROM audit").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM holds").fetchone() == (0,)
    (tmp_path / "moved.eml").rename(state / "spool" / f"{source['held'].id}.eml")

    with sqlite3.connect(state / "grace.db") as conn:
        conn.execute("UPDATE audit SET body = replace(body, 'maria', 'mario') WHERE id = 5")
    conn.close()
    broken = grace("store", "copy", "--from", f"sqlite:{state / 'grace.db'}", "--to", dsn)
    assert broken.returncode == 1
    assert "does not verify" in broken.stderr and "record 5" in broken.stderr


def test_copy_explains_bad_arguments(tmp_path: Path) -> None:
    nothing = grace("store", "copy", "--from", f"sqlite:{tmp_path / 'none.db'}",
                    "--to", "postgresql://127.0.0.1/x")
    assert nothing.returncode == 2 and "there is no file" in nothing.stderr
    (tmp_path / "a.db").write_bytes(b"")
    wrong = grace("store", "copy", "--from", str(tmp_path / "a.db"), "--to", "x")
    assert wrong.returncode == 2 and "expected sqlite:PATH" in wrong.stderr
    no_target = grace("store", "copy", "--from", f"sqlite:{tmp_path / 'a.db'}")
    assert no_target.returncode == 2 and "--to postgresql://" in no_target.stderr

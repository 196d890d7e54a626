"""Schema 1 -> 2 on a real version-1 store, on every backend.

The version-1 store is made the way version 1 made it: its own DDL (migration
step 1 only), audit records appended through the chain code, and hold rows with
version 1's columns, with their held bytes where version 1 kept them (spool
file / held_messages).  Then the gateway of this version refuses it with a
message that says what to run, `grace store migrate` upgrades it, and the chain,
the holds and their bytes are all still there -- and the new columns work.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields, replace
from datetime import timedelta
from typing import Any

import pytest

from gateway.store import SchemaError, base
from gateway.store.chain import iso
from gateway.store.records import EventKind, ForwardStage, Hold, HoldState
from gateway.store.verify import verify_store

from .storekit import T0, Harness, event, hold_event, make_hold, raw_message

#: Hold columns that schema 2 added (everything else existed in schema 1).
SCHEMA_2_COLUMNS = {"forward_owner", "forward_stage", "forward_reply", "lease_until"}


def _v1_row(harness: Harness, hold: Hold) -> dict[str, Any]:
    row = {}
    for f in fields(Hold):
        if f.name in SCHEMA_2_COLUMNS:
            continue
        value = getattr(hold, f.name)
        if harness.name == "sqlite":
            if isinstance(value, tuple):
                value = json.dumps(list(value))
            elif hasattr(value, "tzinfo"):
                value = iso(value)
        if isinstance(value, HoldState):
            value = value.value
        if isinstance(value, tuple):
            value = list(value)
        row[f.name] = value
    return row


def _insert_v1_hold(harness: Harness, hold: Hold, raw: bytes) -> None:
    row = _v1_row(harness, hold)
    harness.execute(f"INSERT INTO holds ({', '.join(row)}) VALUES "
                    f"({', '.join('?' * len(row))})", tuple(row.values()))
    if harness.name == "sqlite":
        spool = harness.settings.state.dir / "spool"
        spool.mkdir(parents=True, exist_ok=True)
        (spool / f"{hold.id}.eml").write_bytes(raw)
    else:
        harness.execute("INSERT INTO held_messages (hold_id, raw) VALUES (?, ?)",
                        (hold.id, raw))
    for thread in hold.thread_ids:
        harness.execute("INSERT INTO hold_threads (message_id, hold_id) VALUES (?, ?)",
                        (thread.strip("<>"), hold.id))


async def test_a_version_1_store_is_refused_then_migrated_with_everything_intact(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert base.SCHEMA_VERSION == 2
    # ---- a store as version 1 left it
    with monkeypatch.context() as old_code:
        old_code.setattr(base, "SCHEMA_VERSION", 1)
        v1 = await harness.new_store()  # creates schema 1 only
        records = await v1.append([event(n) for n in range(5)])
        await v1.close()
    assert harness.execute("SELECT version FROM schema_version") == [(1,)]

    open_raw, ended_raw, releasing_raw = raw_message(1), raw_message(2), raw_message(3)
    held = make_hold(open_raw)
    ended_at = T0 + timedelta(hours=1)
    released = make_hold(ended_raw, state=HoldState.RELEASED, ended_at=ended_at,
                         updated_at=ended_at, actor="maria@support.acme.example",
                         next_hop="250 2.0.0 Ok")
    # A closed hold without ended_at: none should exist, but retention must not miss it.
    odd = make_hold(ended_raw, state=HoldState.DISCARDED, updated_at=T0 + timedelta(hours=2))
    releasing = make_hold(releasing_raw, state=HoldState.RELEASING)
    for hold, raw in ((held, open_raw), (released, ended_raw), (odd, ended_raw),
                      (releasing, releasing_raw)):
        _insert_v1_hold(harness, hold, raw)

    # ---- this version refuses it, and says what to do
    refused = await harness.new_store(open_it=False)
    with pytest.raises(SchemaError) as caught:
        await refused.open()
    message = str(caught.value)
    assert "has schema 1" in message and "needs schema 2" in message
    assert "grace store migrate" in message
    if harness.name == "sqlite":
        assert "grace.db.schema-1.bak" in message  # where the copy will be
    else:
        assert "one transaction" in message and "backup" not in message

    cli = subprocess.run([sys.executable, "-m", "gateway", "store", "migrate", "--config",
                          str(harness.config_path)], capture_output=True, text=True,
                         timeout=120)
    assert cli.returncode == 0, cli.stderr
    assert "migrated schema 1 -> 2" in cli.stdout
    assert harness.execute("SELECT version FROM schema_version") == [(2,)]

    # ---- everything is still there
    store = await harness.new_store()
    report = await verify_store(store)
    assert report.ok and report.count == 5 and report.head.hash == records[-1].hash
    for hold in (held, released, releasing):
        assert await store.get_hold(hold.id) == hold  # new columns at their defaults
    assert await store.held_message(held.id) == open_raw
    assert await store.held_message(releasing.id) == releasing_raw
    found = await store.find_thread_holds(held.author, held.thread_ids)
    assert {h.id for h in found} == {held.id, releasing.id}
    migrated_odd = await store.get_hold(odd.id)
    assert migrated_odd.ended_at == odd.updated_at  # backfilled from its last change

    # ---- and the new columns work on the old rows
    now = T0 + timedelta(days=1)
    claimed = await store.claim_forward(releasing.id, "node-a", now, 60)
    assert claimed == replace(releasing, forward_owner="node-a",
                              lease_until=now + timedelta(seconds=60))
    assert await store.mark_forward(releasing.id, "node-a", ForwardStage.DATA, now, 60)
    due = await store.purgeable_holds(T0 + timedelta(days=30))
    assert [h.id for h in due] == [released.id, odd.id]
    assert await store.purge_message(released.id, hold_event(released, EventKind.PURGED))
    assert [h.id for h in await store.purgeable_holds(T0 + timedelta(days=30))] == [odd.id]
    [appended] = await store.append([event(9)])
    assert appended.id == 7 and (await verify_store(store)).ok  # 5 + PURGED + this one

    if harness.name == "sqlite":
        backup = harness.settings.db_path.with_name("grace.db.schema-1.bak")
        assert backup.exists()

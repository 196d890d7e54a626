"""Retention, by hand (`grace audit retain`) and by the gateway itself (its hourly
lifecycle pass): held message bodies go [holds] retain_days after their hold
ended (PURGED records) -- every one of them, however many closed holds came
before -- open holds are never touched, a second run changes nothing; audit
records older than [audit] retain_days are pruned behind a checkpoint by one
process at a time, and the log still verifies."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from store.storekit import BACKENDS, T0, event

from gateway.compliance import retention
from gateway.config import HostPort
from gateway.notes.service import NotesService
from gateway.relay import NextHop
from gateway.store import StoreError, make_store
from gateway.store.records import EventKind
from gateway.store.verify import verify_store

from .auditkit import free_port, grace


def spool_files(log) -> set[str]:
    return {p.stem for p in (log.settings.state.dir / "spool").glob("*.eml")}


def test_dry_run_changes_nothing(real_log, tmp_path):
    log = real_log.copy(tmp_path, holds={"retain_days": 0})
    before, files = log.records(), spool_files(log)
    code, out, _ = grace("audit", "retain", "--config", log.config, "--dry-run")
    assert code == 0
    assert "kept for ever" in out and "Held messages: 4 holds ended before" in out
    assert log.records() == before and spool_files(log) == files


def test_ended_holds_lose_their_bodies_open_ones_keep_them(real_log, tmp_path):
    log = real_log.copy(tmp_path, holds={"retain_days": 0})
    # The expired hold was kept ([holds] on_timeout = keep): still open, like "open".
    still_open = {log.holds["open"], log.holds["expired"]}
    ended = {k: h for k, h in log.holds.items() if h not in still_open}
    assert set(log.holds.values()) <= spool_files(log)
    code, out, _ = grace("audit", "retain", "--config", log.config)
    assert code == 0 and "Held messages deleted: 4" in out
    assert spool_files(log) == still_open
    purged = [r for r in log.records() if r["kind"] == "purged"]
    assert sorted(r["hold_id"] for r in purged) == sorted(ended.values())
    for record in purged:
        assert record["actor"].startswith("cli:") and "retain_days = 0" in record["reason"]
        assert record["extra"]["rules"]  # searchable by the rule that held it
    assert grace("audit", "verify", "--config", log.config)[0] == 0

    async def read_purged() -> None:
        store = make_store(log.settings)
        await store.open(create=False)
        try:
            with pytest.raises(StoreError, match="deleted"):
                await store.held_message(ended["released"])
            assert await store.held_message(log.holds["open"])  # still there
        finally:
            await store.close()

    asyncio.run(read_purged())

    # Running it again finds nothing more to do and writes nothing.
    records = log.records()
    code, out, _ = grace("audit", "retain", "--config", log.config)
    assert code == 0 and "Held messages deleted: 0" in out
    assert log.records() == records


def test_bodies_are_kept_until_their_retention_has_passed(real_log, tmp_path):
    log = real_log.copy(tmp_path)  # the default [holds] retain_days = 30
    files = spool_files(log)
    code, out, _ = grace("audit", "retain", "--config", log.config)
    assert code == 0 and "Held messages deleted: 0" in out
    assert spool_files(log) == files


def test_before_in_the_future_is_refused(real_log, tmp_path):
    log = real_log.copy(tmp_path)
    code, _, err = grace("audit", "retain", "--config", log.config, "--before", "2999-01-01")
    assert code == 2 and "future" in err


def _ended(log) -> dict[str, str]:
    still_open = {log.holds["open"], log.holds["expired"]}
    return {k: h for k, h in log.holds.items() if h not in still_open}


def test_retention_reaches_holds_after_any_number_of_purged_ones(
    real_log, tmp_path, monkeypatch
):
    """The old pass read closed holds oldest first, 1,000 at most, purged or not: once
    1,000 had been purged, newer ones were never reached and --dry-run counted
    purged ones.  Here one batch is 2 holds and the oldest two are already purged."""
    monkeypatch.setattr(retention, "PURGE_BATCH", 2)
    log = real_log.copy(tmp_path, holds={"retain_days": 0})
    ended = _ended(log)

    async def purge_oldest_two() -> list[str]:
        store = make_store(log.settings)
        await store.open(create=False)
        try:
            due = await store.purgeable_holds(datetime.now(UTC), limit=2)
            for hold in due:
                assert await store.purge_message(hold.id, event(0, EventKind.PURGED,
                                                                hold_id=hold.id))
            return [h.id for h in due]
        finally:
            await store.close()

    earlier = asyncio.run(purge_oldest_two())
    assert len(earlier) == 2 and set(earlier) <= set(ended.values())
    code, out, _ = grace("audit", "retain", "--config", log.config, "--dry-run")
    assert code == 0 and f"Held messages: {len(ended) - 2} holds ended before" in out
    code, out, _ = grace("audit", "retain", "--config", log.config)
    assert code == 0 and f"Held messages deleted: {len(ended) - 2}" in out
    assert spool_files(log) == {log.holds["open"], log.holds["expired"]}
    purged = [r["hold_id"] for r in log.records() if r["kind"] == "purged"]
    assert sorted(purged) == sorted(ended.values())  # each once


async def _notes_service(settings, store) -> tuple[NotesService, NextHop]:
    # No release is pending in these logs: the next hop is never dialled.
    relay = NextHop(HostPort("127.0.0.1", free_port()), helo_name="test", connect_timeout=2,
                    timeout=2, pool_size=0)
    return NotesService(settings, store, relay, node="lifecycle-test"), relay


def test_the_gateway_prunes_and_purges_by_itself_hourly_and_the_log_verifies(
    real_log, tmp_path
):
    log = real_log.copy(tmp_path, audit={"retain_days": 1}, holds={"retain_days": 0})
    count = len(log.records())
    ended = _ended(log)

    async def run() -> None:
        store = make_store(log.settings)
        await store.open(create=False)
        service, relay = await _notes_service(log.settings, store)
        try:
            later = datetime.now(UTC) + timedelta(days=2)
            first = await service.tick(later)
            assert first.checkpoint is not None, "[audit] retain_days was not applied"
            data = first.checkpoint.data()
            assert data["extra"]["count"] == count and data["extra"]["first_id"] == 1
            assert (data["actor"], data["node"]) == ("system", "lifecycle-test")
            assert sorted(first.purged) == sorted(ended.values())
            # Within the hour: nothing again, however often the lifecycle ticks.
            soon = await service.tick(later + timedelta(minutes=20))
            assert soon.checkpoint is None and soon.purged == []
            # A day later, what the first pass wrote is old enough in its turn.
            next_day = await service.tick(later + timedelta(days=1, hours=1))
            assert next_day.checkpoint is not None
            assert next_day.checkpoint.data()["extra"]["first_id"] == count + 1
            report = await verify_store(store)
            assert report.ok and report.checkpoint.id == next_day.checkpoint.id
        finally:
            await relay.close()
            await store.close()

    asyncio.run(run())
    code, out, _ = grace("audit", "verify", "--config", log.config)
    assert code == 0, out
    assert not spool_files(log) - {log.holds["open"], log.holds["expired"]}


def test_the_gateway_does_not_prune_records_that_do_not_verify(real_log, tmp_path, caplog):
    """Pruning a tampered stretch would destroy the evidence: that is left to a person."""
    log = real_log.copy(tmp_path, audit={"retain_days": 1})
    import sqlite3

    with sqlite3.connect(log.db) as conn:
        conn.execute("UPDATE audit SET body = CAST(replace(CAST(body AS TEXT), 'maria', "
                     "'mario') AS BLOB) WHERE id = 3")
    conn.close()
    before = log.records()

    async def run() -> None:
        store = make_store(log.settings)
        await store.open(create=False)
        try:
            later = datetime.now(UTC) + timedelta(days=2)
            assert await retention.prune_audit_if_due(store, log.settings, later) is None
        finally:
            await store.close()

    asyncio.run(run())
    assert log.records() == before
    assert "record 3" in caplog.text and "grace audit verify" in caplog.text


@pytest.mark.parametrize("backend", sorted(BACKENDS))
async def test_one_process_prunes_at_a_time(backend: str, tmp_path: Path) -> None:
    """Two gateway hosts tick at the same moment: one checkpoint, not two (PostgreSQL:
    the advisory lock; SQLite: one host, where the lifecycle lock picks one process)."""
    harness = BACKENDS[backend](tmp_path)
    try:
        settings = harness.settings
        settings = replace(settings, audit=replace(settings.audit, retain_days=1))
        host_a, host_b = await harness.new_store(), await harness.new_store()
        await host_a.append([event(n) for n in range(10)])
        now = T0 + timedelta(days=3)
        results = await asyncio.gather(
            retention.prune_audit_if_due(host_a, settings, now, node="host-a"),
            retention.prune_audit_if_due(host_b, settings, now, node="host-b"))
        checkpoints = [r for r in results if r is not None]
        assert len(checkpoints) == 1 and checkpoints[0].data()["extra"]["count"] == 10
        if backend == "postgresql":
            # Only the lock holder prunes, even once there is more to prune.
            await host_b.append([event(n) for n in range(20, 25)])
            holder = host_a if results[0] is not None else host_b
            other = host_b if holder is host_a else host_a
            much_later = now + timedelta(days=5)
            assert await retention.prune_audit_if_due(other, settings, much_later) is None
            again = await retention.prune_audit_if_due(holder, settings, much_later)
            assert again is not None and again.data()["extra"]["count"] == 6
        assert (await verify_store(host_a)).ok
    finally:
        await harness.close_all()

"""`grace audit retain`: held message bodies go [holds] retain_days after their hold
ended (PURGED records); open holds are never touched; a second run changes nothing."""

from __future__ import annotations

import asyncio

import pytest

from gateway.store import StoreError, make_store

from .auditkit import grace


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

"""Tampered and pruned audit logs (copies of a real gateway run's log).

`grace audit verify` must name the first bad record when a record was edited,
deleted or reordered, and must pass on a log pruned behind a checkpoint, which
proves what was removed.  `grace audit report` refuses to look fine on a log
that fails.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from gateway.compliance.retention import apply_retention
from gateway.store import make_store
from gateway.store.chain import link_hash, pruned_digest

from .auditkit import grace


def sql(log, statement: str, *params) -> list[tuple]:
    conn = sqlite3.connect(log.db)
    try:
        with conn:
            return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


def verify(log, *args: str) -> tuple[int, str]:
    code, out, err = grace("audit", "verify", "--config", log.config, *args)
    return code, out + err


def hold_decision_id(log, outcome: str) -> int:
    return next(r["id"] for r in log.records()
                if r.get("hold_id") == log.holds[outcome] and r["kind"] == "decision")


def test_untouched_log_verifies_with_its_head(real_log):
    code, out = verify(real_log)
    head = real_log.records()[-1]["id"]
    assert code == 0 and out.startswith(f"ok: {head} records, head {head} ")


def test_edited_record_is_named(real_log, tmp_path):
    log = real_log.copy(tmp_path)
    target = hold_decision_id(log, "released")
    sql(log, "UPDATE audit SET body = CAST(replace(CAST(body AS TEXT), 'Re: Your refund', "
             "'Re: Your refunD') AS BLOB) WHERE id = ?", target)
    # The real command line, as an operator would run it.
    run = subprocess.run([sys.executable, "-m", "gateway", "audit", "verify", "--config",
                          str(log.config)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert f"record {target}: hash does not match the body (edited)" in run.stdout


def test_edit_with_a_recomputed_hash_breaks_the_next_link(real_log, tmp_path):
    log = real_log.copy(tmp_path)
    target = hold_decision_id(log, "discarded")
    [(body, prev)] = sql(log, "SELECT body, prev_hash FROM audit WHERE id = ?", target)
    data = json.loads(body)
    data["decision"] = "forward"  # pretend the reply was never held
    forged = json.dumps(data, sort_keys=True, separators=(",", ":"),
                        ensure_ascii=False).encode()
    sql(log, "UPDATE audit SET body = ?, hash = ? WHERE id = ?", forged,
        link_hash(prev, forged), target)
    code, out = verify(log)
    assert code == 1 and f"record {target + 1}: previous-hash link broken" in out


def test_deleted_record_is_named(real_log, tmp_path):
    log = real_log.copy(tmp_path)
    target = hold_decision_id(log, "fixed")
    sql(log, "DELETE FROM audit WHERE id = ?", target)
    code, out = verify(log)
    assert code == 1 and f"record {target + 1}: gap or reorder: expected id {target}" in out


def test_reordered_records_are_named(real_log, tmp_path):
    log = real_log.copy(tmp_path)
    a = hold_decision_id(log, "open")
    b = a + 1
    sql(log, "UPDATE audit SET id = -1 WHERE id = ?", a)
    sql(log, "UPDATE audit SET id = ? WHERE id = ?", a, b)
    sql(log, "UPDATE audit SET id = ? WHERE id = -1", b)
    code, out = verify(log)
    assert code == 1 and f"record {a}: body says id {b}" in out


def test_records_removed_from_the_start_without_a_checkpoint(real_log, tmp_path):
    log = real_log.copy(tmp_path)
    sql(log, "DELETE FROM audit WHERE id <= 3")
    code, out = verify(log)
    assert code == 1 and "records before 4 are missing" in out


def test_records_cut_off_the_end_are_caught_by_a_witnessed_head(real_log, tmp_path):
    log = real_log.copy(tmp_path)
    code, out, _ = grace("audit", "head", "--config", log.config)
    witnessed = out.split()[1] + ":" + out.split()[2]
    sql(log, "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
    assert verify(log)[0] == 0  # a shorter chain is still a chain ...
    code, out = verify(log, "--expect", witnessed)  # ... but not the one that was witnessed
    assert code == 1 and "witnessed head is missing" in out


def test_report_on_a_tampered_log_says_so(real_log, tmp_path):
    log = real_log.copy(tmp_path)
    target = hold_decision_id(log, "released")
    sql(log, "DELETE FROM audit WHERE id = ?", target)
    out = tmp_path / "report.html"
    code, _, _ = grace("audit", "report", "--config", log.config, "--out", out)
    html = out.read_text(encoding="utf-8")
    assert code == 1
    assert "failed its integrity check" in html and f"record {target + 1}" in html


# ------------------------------------------------------------------ pruned logs


def test_pruned_log_verifies_and_its_checkpoint_proves_what_went(real_log, tmp_path):
    log = real_log.copy(tmp_path)  # [holds] retain_days = 30: prune only, keep held bodies
    before = log.records()
    cut = before[10]["time"]
    pruned_count = next(i for i, r in enumerate(before) if r["time"] >= cut)
    code, out, err = grace("audit", "retain", "--config", log.config, "--before", cut)
    assert code == 0, err
    assert f"Pruned {pruned_count} audit records (ids 1 to {pruned_count}" in out
    after = log.records()
    assert after[0]["id"] == pruned_count + 1
    [checkpoint] = [r for r in after if r["kind"] == "checkpoint"]
    assert checkpoint == after[-1]
    extra = checkpoint["extra"]
    assert (extra["first_id"], extra["last_id"], extra["count"]) == (1, pruned_count,
                                                                     pruned_count)
    original = sqlite3.connect(real_log.db)
    hashes = [h for (h,) in original.execute(
        "SELECT hash FROM audit WHERE id <= ? ORDER BY id", (pruned_count,))]
    original.close()
    assert extra["last_hash"] == hashes[-1]
    assert extra["pruned_sha256"] == pruned_digest(hashes)  # an archive can be matched
    assert checkpoint["actor"].startswith("cli:")

    code, out = verify(log)
    assert code == 0, out
    assert f"records 1-{pruned_count} were pruned; checkpoint record {checkpoint['id']}" in out

    # Search, export and report keep working on the pruned log.
    code, out, _ = grace("audit", "search", "--config", log.config, "--kind", "checkpoint")
    assert code == 0 and "checkpoint" in out
    code, out, _ = grace("audit", "report", "--config", log.config, "--format", "text")
    assert code == 0 and f"records 1 to {pruned_count} were pruned" in out


def test_editing_a_pruned_logs_checkpoint_is_detected(real_log, tmp_path):
    log = real_log.copy(tmp_path)
    cut = log.records()[10]["time"]
    assert grace("audit", "retain", "--config", log.config, "--before", cut)[0] == 0
    sql(log, "UPDATE audit SET body = CAST(replace(CAST(body AS TEXT), '\"first_id\":1', "
             "'\"first_id\":2') AS BLOB) WHERE kind = 'checkpoint'")
    code, out = verify(log)
    assert code == 1


def test_retain_days_prunes_everything_older_and_verify_still_passes(real_log, tmp_path):
    log = real_log.copy(tmp_path, audit={"retain_days": 1}, holds={"retain_days": 0})
    count = len(log.records())

    async def run() -> None:
        store = make_store(log.settings)
        await store.open(create=False)
        try:
            later = datetime.now(UTC) + timedelta(days=2)
            result = await apply_retention(store, log.settings, later)
            assert result.checkpoint is not None
            assert result.checkpoint.data()["extra"]["count"] == count
        finally:
            await store.close()

    asyncio.run(run())
    checkpoint, *purged = log.records()
    assert checkpoint["kind"] == "checkpoint" and "retain_days" in checkpoint["reason"]
    # The ended holds' bodies went too ([holds] retain_days = 0), after the checkpoint.
    assert sorted(r["hold_id"] for r in purged) == sorted(
        h for k, h in log.holds.items() if k not in ("open", "expired"))
    code, out = verify(log)
    assert code == 0 and f"records 1-{count} were pruned" in out


def test_retain_with_nothing_to_prune_writes_nothing(real_log, tmp_path):
    log = real_log.copy(tmp_path)
    before = log.records()
    code, out, _ = grace("audit", "retain", "--config", log.config)
    assert code == 0
    assert "kept for ever" in out and "Held messages deleted: 0" in out
    assert log.records() == before

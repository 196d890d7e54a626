"""`grace audit verify|head` and `grace store migrate` as an operator runs them:
a subprocess on a real store, judged by exit status and output."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from gateway.store import SCHEMA_VERSION, Store
from gateway.store.chain import GENESIS
from gateway.store.records import EventKind

from .storekit import T0, Harness, event


def grace(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gateway", *map(str, args)],
        capture_output=True, text=True, timeout=60,
    )


async def test_verify_passes_then_names_the_edited_record(harness: Harness, store: Store) -> None:
    await store.append([event(n) for n in range(1, 13)])
    head = await store.head()
    config = harness.config_path

    ok = grace("audit", "verify", "--config", config)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[0] == f"ok: 12 records, head 12 {head.hash}"

    printed = grace("audit", "head", "--config", config)
    assert printed.returncode == 0 and printed.stdout.strip() == f"head 12 {head.hash}"
    witnessed = grace("audit", "verify", "--config", config, "--expect", printed.stdout.strip())
    assert witnessed.returncode == 0, witnessed.stdout

    body = bytes(harness.audit_value(7, "body"))
    harness.update_audit(7, "body", body.replace(b"maria@", b"mario@", 1))
    bad = grace("audit", "verify", "--config", config)
    assert bad.returncode == 1
    assert bad.stdout.startswith("FAILED: record 7: ")
    assert "6 records before it verified" in bad.stdout


async def test_verify_catches_removed_and_cut_off_records(harness: Harness, store: Store) -> None:
    await store.append([event(n) for n in range(1, 6)])
    witnessed = await store.head()
    harness.delete_audit(5)  # cut off the end: only a witnessed head shows it
    plain = grace("audit", "verify", "--config", harness.config_path)
    assert plain.returncode == 0 and plain.stdout.startswith("ok: 4 records, head 4 ")
    checked = grace("audit", "verify", "--config", harness.config_path,
                    "--expect", f"{witnessed.id}:{witnessed.hash}")
    assert checked.returncode == 1
    assert checked.stdout.startswith("FAILED: record 5: the witnessed head is missing")

    harness.delete_audit(2)
    gap = grace("audit", "verify", "--config", harness.config_path)
    assert gap.returncode == 1 and gap.stdout.startswith("FAILED: record 3: ")


async def test_verify_explains_a_pruned_log(harness: Harness, store: Store) -> None:
    await store.append([event(n) for n in range(10)])
    await store.prune(T0 + timedelta(seconds=3), event(99, EventKind.CHECKPOINT))
    result = grace("audit", "verify", "--config", harness.config_path)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ok: 8 records, head 11 ")
    assert lines[1] == "records 1-3 were pruned; checkpoint record 11 accounts for them"


def test_no_audit_log_is_a_usage_error_and_migrate_creates_one(tmp_path: Path) -> None:
    config = tmp_path / "grace.toml"
    config.write_text(f'[state]\ndir = "{tmp_path / "state"}"\n', encoding="utf-8")
    missing = grace("audit", "verify", "--config", config)
    assert missing.returncode == 2
    assert "no Grace Gateway database" in missing.stderr
    assert not (tmp_path / "state").exists()

    created = grace("store", "migrate", "--config", config)
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip().endswith(f"migrated schema 0 -> {SCHEMA_VERSION}")
    again = grace("store", "migrate", "--config", config)
    assert again.stdout.strip().endswith(f"schema {SCHEMA_VERSION} is current, nothing to do")

    empty = grace("audit", "verify", "--config", config)
    assert empty.returncode == 0
    assert empty.stdout.strip() == "ok: 0 records (the audit log is empty)"
    head = grace("audit", "head", "--config", config)
    assert head.stdout.strip() == f"head 0 {GENESIS}"

    bad_expect = grace("audit", "verify", "--config", config, "--expect", "12:nothex")
    assert bad_expect.returncode == 2 and "ID:HASH" in bad_expect.stderr

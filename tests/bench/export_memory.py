"""Benchmark: export a million audit records in constant memory.

    python tests/bench/export_memory.py [--records 1000000] [--keep]

Writes N synthetic records through the real store's `append` (a realistic mix:
decisions with findings, holds and their follow-ups, out-of-scope passes) into a
SQLite audit log under tests/bench/results/, then runs `grace audit export`
(JSON Lines and CSV) and `grace audit report --format text` as subprocesses and
prints each one's peak RSS and wall time.  Target: peak RSS < 100 MB for the
export.  Not a test (pytest does not collect tests/bench): it prints numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from gateway.store.records import AuditEvent, Decision, EventKind
from gateway.store.sqlite import SqliteStore

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_MB = 100
RULES = [("kind.condescending", "kind"), ("humble.blame", "humble"),
         ("urgent.vague-followup", "urgent"), ("clear.jargon", "clear")]


def events(n: int, start: datetime):
    """A deterministic, realistic mix; ~1 record per 30 s of simulated time."""
    for i in range(n):
        t = start + timedelta(seconds=30 * i)
        sender = f"agent{i % 40}@support.acme.example"
        rcpt = (f"customer{i % 5000}@example.com",)
        msgid = f"<m{i}@support.acme.example>"
        if i % 20 == 7:  # a follow-up about the hold decided at i - 1
            yield AuditEvent(kind=(EventKind.RELEASED, EventKind.DISCARDED,
                                   EventKind.SUPERSEDED)[i % 3], time=t,
                             message_id=f"<m{i - 1}@support.acme.example>", sender=sender,
                             recipients=rcpt, hold_id=f"h{i - 1:024d}", actor=sender,
                             reason="The customer asked for these exact words.",
                             extra={"rules": ["kind.condescending"]})
            continue
        if i % 10 == 3:
            yield AuditEvent(kind=EventKind.DECISION, time=t, message_id=msgid,
                             sender=sender, recipients=("team@acme.example",),
                             subject=f"Lunch {i}", decision=Decision.PASS,
                             scope_reason="internal-recipients-only", ms=1.2)
            continue
        held = i % 20 == 6
        rule, value = RULES[i % len(RULES)]
        findings = ({"rule": "kind.condescending", "value": "kind", "severity": "hold",
                     "evidence": "As I already told you", "start": 9, "end": 30,
                     "message": "\"As I already told you\" can read as talking down."},) \
            if held else (({"rule": rule, "value": value, "severity": "advise",
                            "evidence": "L2", "start": 40, "end": 42,
                            "message": "\"L2\" may be an internal term."},)
                          if i % 4 == 0 else ())
        yield AuditEvent(
            kind=EventKind.DECISION, time=t, message_id=msgid, sender=sender,
            recipients=rcpt, subject=f"Re: Your ticket #{i}",
            decision=Decision.HOLD if held else Decision.FORWARD, scope_reason="support-reply",
            mode="enforce", findings=findings, hold_id=f"h{i:024d}" if held else "",
            next_hop="" if held else f"250 2.0.0 Ok: queued as Q{i}", ms=12.5,
            policy_version="default@2026.11.1+c40e77797930", config_digest="0" * 64,
            node="bench:1",
            extra={"commitments": [{"when": "by 3pm", "sentence": "I'll update you by 3pm.",
                                    "due": "2026-01-01T15:00:00.000000Z"}]}
            if i % 25 == 0 else {},
        )


async def fill(db: Path, n: int) -> float:
    store = SqliteStore(db, db.parent / "spool")
    await store.open(create=True)
    started = time.perf_counter()
    try:
        head = await store.head()
        have = head.id if head else 0
        batch: list[AuditEvent] = []
        start = datetime(2025, 1, 1, tzinfo=UTC)
        for number, event in enumerate(events(n, start)):
            if number < have:
                continue
            batch.append(event)
            if len(batch) == 2000:
                await store.append(batch)
                batch.clear()
        if batch:
            await store.append(batch)
    finally:
        await store.close()
    return time.perf_counter() - started


def measure(label: str, argv: list[str]) -> tuple[float, float]:
    """Run a command as a child; (its own peak RSS in MB, seconds).  os.wait4 gives
    the resource usage of exactly that child."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as devnull, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(argv, stdout=devnull, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        errors = err.read().decode(errors="replace")
    if child.returncode not in (0, 1):
        raise SystemExit(f"{label} failed ({child.returncode}): {errors[-2000:]}")
    return usage.ru_maxrss / 1024, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--only", choices=["jsonl", "csv", "report"], default=None,
                        help="measure one command only")
    args = parser.parse_args()

    RESULTS.mkdir(exist_ok=True)
    state = RESULTS / f"export-{args.records}"
    state.mkdir(exist_ok=True)
    db = state / "grace.db"
    print(f"Filling {db} with {args.records:,} records (resumes if partly there) ...")
    seconds = asyncio.run(fill(db, args.records))
    print(f"  append: {seconds:.1f} s; database {db.stat().st_size / 1e6:.0f} MB")
    config = state / "grace.toml"
    config.write_text(f'[state]\ndir = "{state}"\n', encoding="utf-8")
    grace = [sys.executable, "-m", "gateway"]
    runs = {
        "jsonl": [*grace, "audit", "export", "--config", str(config), "--format", "jsonl",
                  "--out", str(state / "audit.jsonl")],
        "csv": [*grace, "audit", "export", "--config", str(config), "--format", "csv",
                "--out", str(state / "audit.csv")],
        "report": [*grace, "audit", "report", "--config", str(config), "--format", "text",
                   "--out", str(state / "report.txt")],
    }
    failed = False
    print(f"{'command':<28}{'peak RSS':>12}{'time':>10}{'records/s':>12}  output")
    for name, argv in runs.items():
        if args.only and name != args.only:
            continue
        peak, elapsed = measure(name, argv)
        out = Path(argv[-1])
        size = f"{out.stat().st_size / 1e6:.0f} MB" if out.exists() else "-"
        verdict = "" if name == "report" else ("  ok" if peak < TARGET_MB else "  OVER TARGET")
        failed |= name != "report" and peak >= TARGET_MB
        print(f"{'grace audit ' + name:<28}{peak:>9.1f} MB{elapsed:>8.1f} s"
              f"{args.records / elapsed:>12,.0f}  {size}{verdict}")
    print(f"Target: export peak RSS < {TARGET_MB} MB for {args.records:,} records.")
    if not args.keep:
        for name in ("audit.jsonl", "audit.csv"):
            (state / name).unlink(missing_ok=True)
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())

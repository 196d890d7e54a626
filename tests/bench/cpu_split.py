"""Where a gateway's CPU goes: the SMTP process against the analysis processes.

    python tests/bench/cpu_split.py [--kind clean|hold|out] [--count N] [--rounds R]
                                    [--root DIR ...]

The relay bench reports the CPU of the whole process tree; this one splits it,
per message: the process that speaks SMTP (scope, relay, audit, notes) and the
analysis processes (MIME parse, policies, note writing).  With several --root
checkouts (e.g. a `git worktree` of an older commit and this one) it runs them
in alternating rounds on the same machine, so a change can be measured against
what it replaced (the machine's speed drifts; alternating rounds share the drift).
Every run: a fresh `grace serve` (workers = 1) in front of a sink, 200 unrecorded
messages first, then N over 10 sessions (tests/bench/loadgen.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchkit import HERE, LOOPBACK, ROOT, TICK, Group, free_ports, group, start_sink, wait_port

CONFIG = """\
[server]
listen = "{host}:{port}"
hostname = "gateway.bench.test"
workers = 1
[relay]
next_hop = "{host}:{sink}"
[state]
dir = "{state}"
[scope]
support_senders = ["support@acme.example", "*@support.acme.example"]
internal_domains = ["acme.example"]
"""


def load(port: int, kind: str, count: int, seq: int) -> dict:
    out = subprocess.run(
        [sys.executable, str(HERE / "loadgen.py"), "--server", f"{LOOPBACK}:{port}",
         "--kind", kind, "--count", str(count), "--conc", "10", "--seq-base", str(seq),
         "--json"], capture_output=True, text=True, timeout=600, check=False)
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise SystemExit(f"loadgen failed: {out.stderr[-400:]}") from None


def one_run(root: Path, kind: str, count: int, work: Path, seq: int) -> dict:
    sink_port, port = free_ports(2)
    sink = start_sink(sink_port, work / "sink.log")
    cfg = work / "grace.toml"
    cfg.write_text(CONFIG.format(host=LOOPBACK, port=port, sink=sink_port,
                                 state=work / f"state-{seq}"))
    gateway = Group("gateway", [sys.executable, "-m", "gateway", "serve", "--config",
                                str(cfg)], work / "gateway.log",
                    env={"PYTHONPATH": str(root)}, cwd=root)
    try:
        wait_port(sink_port, 15, sink.proc)
        wait_port(port, 120, gateway.proc)
        load(port, kind, 200, seq)  # warm: the analysis processes compiled, caches filled
        before = {p.pid: p.ticks for p in group(gateway.pid)}
        t0 = time.perf_counter()
        result = load(port, kind, count, seq + 200)
        wall = time.perf_counter() - t0
        after = {p.pid: p.ticks for p in group(gateway.pid)}
    finally:
        gateway.stop()
        sink.stop()
    smtp = (after.get(gateway.pid, 0) - before.get(gateway.pid, 0)) * 1000 / TICK / count
    rest = sum(after[p] - before.get(p, 0) for p in after if p != gateway.pid)
    return {"msgs_per_s": result["msgs_per_s"], "p99": result.get("p99_ms"),
            "smtp_ms": smtp, "analysis_ms": rest * 1000 / TICK / count, "wall": wall}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kind", default="clean", choices=("clean", "hold", "out"))
    ap.add_argument("--count", type=int, default=1500)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--root", action="append", type=Path,
                    help="a checkout to run (repeatable; default: this one)")
    args = ap.parse_args()
    roots = [r.resolve() for r in (args.root or [ROOT])]
    rows: dict[Path, list[dict]] = {r: [] for r in roots}
    seq = 1
    with tempfile.TemporaryDirectory(prefix="grace-cpu-split.") as tmp:
        for rnd in range(1, args.rounds + 1):
            for root in roots:
                work = Path(tmp) / f"{rnd}-{len(rows[root])}-{root.name}"
                work.mkdir()
                row = one_run(root, args.kind, args.count, work, seq)
                seq += args.count + 200
                rows[root].append(row)
                print(f"round {rnd} {root}: {row['msgs_per_s']:.0f} msg/s, SMTP "
                      f"{row['smtp_ms']:.2f} ms/msg, analysis {row['analysis_ms']:.2f} ms/msg",
                      file=sys.stderr)
    print(f"{args.kind} replies, {args.count} per run, 10 sessions, {args.rounds} "
          "alternating rounds (medians)")
    print(f"{'checkout':40} {'msg/s':>7} {'p99 ms':>7} {'SMTP ms':>8} {'analysis ms':>12} "
          f"{'total ms':>9}")
    for root, runs in rows.items():
        med = {k: statistics.median(r[k] for r in runs if r[k] is not None)
               for k in ("msgs_per_s", "p99", "smtp_ms", "analysis_ms")}
        print(f"{str(root)[-40:]:40} {med['msgs_per_s']:7.0f} {med['p99']:7.1f} "
              f"{med['smtp_ms']:8.2f} {med['analysis_ms']:12.2f} "
              f"{med['smtp_ms'] + med['analysis_ms']:9.2f}")


if __name__ == "__main__":
    main()

"""The relay benchmark: the gateway against the cheapest possible relay, interleaved.

    python tests/bench/relay_bench.py                       # defaults below
    python tests/bench/relay_bench.py --rounds 7 --count 1000 --workers 1,2 --reuse 1,0

Everything runs on 127.0.0.1.  A next-hop sink per relay (Postfix's `smtp-sink`
when installed, else tests/bench/sink.py) and these paths, in rounds whose order
rotates, so slow drift on a shared machine hits every path alike:

  (a) load generator -> sink                                (the ceiling)
  (b) load generator -> baseline_relay.py -> sink           (aiosmtpd + aiosmtplib,
                                                             250 after the next hop's 250)
  (c) load generator -> grace serve -> sink, out-of-scope mail
  (d) ... grace serve, clean in-scope support replies (extraction, policies,
      durable audit record before the 250)
  (e) ... grace serve, in-scope replies that are held (spool fsync, hold row,
      audit record and review note in one durable transaction)

The gateway runs as `grace serve` subprocesses, one per `--workers` value
(1 and 2 by default), each with its own state directory.  Load: tests/bench/
loadgen.py (asyncio, its own process), COUNT messages of ~3 KB over CONC
sessions, with connection reuse on (`--reuse 1`, many messages per session, as
Postfix's connection cache does) and/or off (`0`, one connection per message);
every message has its own Message-ID and thread (no cache can help, no hold
supersedes another).  With Postfix's `smtp-source` installed, (a), (b) and (c)
also get a throughput run with it (C, much cheaper than the Python generator).

Reported per path: msgs/s, latency p50/p95/p99 from MAIL to the final 250, CPU
ms per message of the relay's whole process tree (workers, analysis processes;
for (a) the sink), peak RSS (whole tree, and of the SMTP processes alone, sampled
every 20 ms), and the load average.  The ratio lines are medians of per-round
ratios against (b) of the same round, tool and reuse mode.  The run is bounded:
`--max-seconds` for everything, `--run-timeout` per run.  Raw rows go to
tests/bench/results/relay-*.tsv.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_messages import CUSTOMER, SENDERS  # noqa: E402
from benchkit import (  # noqa: E402
    HERE,
    LOOPBACK,
    TICK,
    Group,
    Sampler,
    cpu_ticks,
    free_ports,
    loadavg,
    start_sink,
    wait_port,
)

#: What each path's 250 answers must say (loadgen's categories).
EXPECT = {"a": "other-250", "b": "relayed", "c": "passed on", "d": "forwarded", "e": "held"}
KIND = {"a": "out", "b": "out", "c": "out", "d": "clean", "e": "hold"}
NAMES = {
    "a": "(a) sink direct",
    "b": "(b) baseline relay",
    "c": "(c) gateway, out of scope",
    "d": "(d) gateway, clean in-scope",
    "e": "(e) gateway, held in-scope",
}


@dataclass
class Target:
    """One thing that receives load: a sink, the baseline, or a gateway."""

    key: str  # "a", "b", "g1", "g2"
    port: int
    group: Group
    workers: int = 1
    startup_s: float = 0.0


@dataclass
class Row:
    path: str
    workers: int
    round: int
    tool: str
    reuse: int
    ok: int
    fail: int
    msgs_per_s: float
    p50: float | None
    p95: float | None
    p99: float | None
    cpu_ms: float | None
    peak_total_mb: float
    peak_smtp_mb: float
    load: str
    answers: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.path if self.path in "ab" else f"{self.path}/w{self.workers}"


def gateway_config(path: Path, state: Path, port: int, relay_port: int, workers: int) -> Path:
    path.write_text(
        "[server]\n"
        f'listen = "{LOOPBACK}:{port}"\n'
        'hostname = "gateway.bench.test"\n'
        f"workers = {workers}\n"
        "[relay]\n"
        f'next_hop = "{LOOPBACK}:{relay_port}"\n'
        "[state]\n"
        f'dir = "{state}"\n'
        "[scope]\n"
        'support_senders = ["support@acme.example", "*@support.acme.example"]\n'
        'internal_domains = ["acme.example"]\n',
        encoding="utf-8",
    )
    return path


def check_messages() -> list[str]:
    """The messages still take the intended path under today's policies?"""
    from bench_messages import message

    from gateway.config import settings_from_mapping
    from gateway.pipeline import Analyzer
    from gateway.scope import Envelope

    settings = settings_from_mapping({"scope": {
        "support_senders": ["*@support.acme.example"], "internal_domains": ["acme.example"]}},
        "bench", "")
    analyzer = Analyzer(settings)
    problems = []
    for kind, want in (("out", "pass-through"), ("clean", "forward"), ("hold", "hold")):
        got = analyzer.analyse(message(kind, 1), Envelope(SENDERS[kind], (CUSTOMER,)),
                               datetime.now(UTC))
        if got.action != want or (kind == "clean" and (got.findings or got.verdict.note)):
            problems.append(f"{kind}: expected {want}, the policies say {got.action} "
                            f"({', '.join(f.rule for f in got.findings) or 'no findings'})")
    return problems


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="grace-relay-bench."))
        self.groups: list[Group] = []
        self.targets: dict[str, Target] = {}
        self.rows: list[Row] = []
        self.seq = 1
        self.smtp_source = shutil.which("smtp-source") if args.smtp_source else None
        self.t0 = time.monotonic()

    # ------------------------------------------------------------ set-up
    def _start(self, name: str, argv: list[str]) -> Group:
        g = Group(name, argv, self.work / f"{name}.log")
        self.groups.append(g)
        return g

    def _sink(self, name: str) -> int:
        port = free_ports(1)[0]
        g = start_sink(port, self.work / f"sink-{name}.log", not self.args.aiosmtpd_sink)
        self.groups.append(g)
        wait_port(port, 15, g.proc)
        return port

    def setup(self) -> None:
        a_port = self._sink("a")
        self.targets["a"] = Target("a", a_port, self.groups[-1])
        b_sink = self._sink("b")
        port = free_ports(1)[0]
        g = self._start("baseline", [sys.executable, str(HERE / "baseline_relay.py"),
                                     "--listen", f"{LOOPBACK}:{port}",
                                     "--relay", f"{LOOPBACK}:{b_sink}"])
        wait_port(port, 30, g.proc)
        self.targets["b"] = Target("b", port, g)
        for workers in self.args.workers:
            key = f"g{workers}"
            sink = self._sink(key)
            port = free_ports(1)[0]
            state = self.work / f"state-{key}"
            cfg = gateway_config(self.work / f"{key}.toml", state, port, sink, workers)
            g = self._start(key, [sys.executable, "-m", "gateway", "serve", "--config",
                                  str(cfg)])
            try:
                startup = wait_port(port, 120, g.proc)
            except (RuntimeError, TimeoutError) as exc:
                raise SystemExit(f"gateway ({key}) did not start: {exc}\n{g.tail()}") from None
            self.targets[key] = Target(key, port, g, workers, startup)
            print(f"bench: gateway workers={workers} listening after {startup:.1f} s",
                  file=sys.stderr)

    def close(self) -> None:
        for g in reversed(self.groups):
            g.stop()
        if self.args.keep:
            print(f"bench: kept {self.work}", file=sys.stderr)
        else:
            shutil.rmtree(self.work, ignore_errors=True)

    # ------------------------------------------------------------ one run
    def _load(self, port: int, kind: str, count: int, reuse: int) -> dict:
        argv = [sys.executable, str(HERE / "loadgen.py"), "--server", f"{LOOPBACK}:{port}",
                "--kind", kind, "--count", str(count), "--conc", str(self.args.conc),
                "--seq-base", str(self.seq), "--timeout", str(self.args.run_timeout),
                "--json"]
        if not reuse:
            argv.append("--new-conn")
        self.seq += count
        out = subprocess.run(argv, capture_output=True, text=True,
                             timeout=self.args.run_timeout + 30, check=False)
        try:
            return json.loads(out.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            return {"ok": 0, "fail": count, "msgs_per_s": 0.0, "errors": {
                "loadgen failed": out.stderr[-300:]}}

    def _smtp_source(self, port: int, count: int, reuse: int) -> dict:
        assert self.smtp_source is not None  # noqa: S101
        eml = self.work / "out.eml"
        if not eml.exists():
            from bench_messages import message

            eml.write_bytes(message("out", 0).replace(b"\r\n", b"\n"))
        argv = [self.smtp_source, "-4", "-s", str(self.args.conc), "-m", str(count),
                "-F", str(eml), "-f", SENDERS["out"], "-t", CUSTOMER,
                "-M", "load.bench.test", f"{LOOPBACK}:{port}"]
        if reuse:
            argv.insert(2, "-d")
        t0 = time.perf_counter()
        try:
            out = subprocess.run(argv, capture_output=True, text=True,
                                 timeout=self.args.run_timeout, check=False)
            rc, err = out.returncode, out.stderr
        except subprocess.TimeoutExpired:
            rc, err = -1, "timed out"
        elapsed = time.perf_counter() - t0
        ok = count if rc == 0 else 0
        return {"ok": ok, "fail": count - ok, "msgs_per_s": round(ok / elapsed, 1),
                "errors": {f"smtp-source rc={rc}": err[-200:]} if rc else {}}

    def run_one(self, path: str, target: Target, rnd: int, tool: str, reuse: int) -> None:
        count = self.args.count
        pgid = target.group.pid
        load = loadavg()
        c0 = cpu_ticks(pgid)
        with Sampler(pgid, target.workers) as sampler:
            if tool == "smtp-source":
                r = self._smtp_source(target.port, count, reuse)
            else:
                r = self._load(target.port, KIND[path], count, reuse)
        c1 = cpu_ticks(pgid)
        ok = r.get("ok", 0)
        row = Row(
            path=path, workers=target.workers if path in "cde" else 0, round=rnd,
            tool=tool, reuse=reuse, ok=ok, fail=r.get("fail", 0),
            msgs_per_s=float(r.get("msgs_per_s") or 0.0),
            p50=r.get("p50_ms"), p95=r.get("p95_ms"), p99=r.get("p99_ms"),
            cpu_ms=(c1 - c0) * 1000 / TICK / ok if ok else None,
            peak_total_mb=sampler.peak_total / 2**20, peak_smtp_mb=sampler.peak_smtp / 2**20,
            load=load, answers=r.get("answers", {}), errors=r.get("errors", {}),
        )
        self.rows.append(row)
        bad = row.fail or ok < count
        if tool == "loadgen" and row.answers and set(row.answers) != {EXPECT[path]}:
            bad = True
            row.errors["wrong path"] = row.answers
        if bad:
            print(f"bench: {row.label} round {rnd} {tool} reuse={reuse}: {ok}/{count} ok; "
                  f"{row.errors}", file=sys.stderr)

    def group_commit_check(self, count: int = 500) -> str:
        """(d) against a fresh gateway: how many store commits (one fsync each) its
        durable audit records took.  Every 250 waits for its record's commit (the
        store's contract, tests/store); fewer commits than records = group commit."""
        sink = self._sink("gc")
        port = free_ports(1)[0]
        cfg = gateway_config(self.work / "gc.toml", self.work / "state-gc", port, sink, 1)
        g = self._start("gc", [sys.executable, "-m", "gateway", "serve", "--config", str(cfg)])
        wait_port(port, 120, g.proc)
        deadline = time.monotonic() + 120
        while "analysis processes ready" not in g.tail(50) and time.monotonic() < deadline:
            time.sleep(0.1)
        r = self._load(port, "clean", count, 1)
        g.stop()
        log = g.log_path.read_text(errors="replace")
        found = re.search(r"stopped \(([^)]*)\); (\d+) store commits", log)
        if not found or r.get("ok") != count:
            return f"group commit: not measured ({r.get('errors') or 'no shutdown line'})"
        counts = dict(re.findall(r"([a-z-]+) (\d+)", found.group(1)))
        records, commits = int(counts.get("forward", 0)), int(found.group(2))
        return (f"group commit ((d), {self.args.conc} sessions): {records} durable audit "
                f"records in {commits} commits = {records / max(commits, 1):.1f} records "
                f"per fsync")

    # ------------------------------------------------------------ rounds
    def plan(self) -> list[tuple[str, Target]]:
        plan = []
        for path in self.args.paths:
            if path in "ab":
                plan.append((path, self.targets[path]))
            else:
                plan.extend((path, self.targets[f"g{w}"]) for w in self.args.workers)
        return plan

    def run(self) -> None:
        plan = self.plan()
        for path, target in plan:  # warm-up, not recorded
            for reuse in self.args.reuse:
                self._load(target.port, KIND[path], self.args.warmup, reuse)
        for rnd in range(1, self.args.rounds + 1):
            shift = (rnd - 1) % len(plan)
            for path, target in plan[shift:] + plan[:shift]:
                for reuse in self.args.reuse:
                    tools = ["loadgen"]
                    if self.smtp_source and path in "abc":
                        tools.insert(0, "smtp-source")
                    for tool in tools:
                        if time.monotonic() - self.t0 > self.args.max_seconds:
                            print("bench: --max-seconds reached; stopping", file=sys.stderr)
                            return
                        self.run_one(path, target, rnd, tool, reuse)
            print(f"bench: round {rnd} done ({time.monotonic() - self.t0:.0f} s, "
                  f"load {loadavg()})", file=sys.stderr)


# ----------------------------------------------------------------- report


def _med(values: list[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _f(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(rows: list[Row], count: int) -> list[str]:
    out = [f"{'path':<30} {'wk':>2} {'tool':<11} {'reuse':>5} {'runs':>5} {'msg/s':>7} "
           f"{'(min-max)':>13} {'p50':>6} {'p95':>6} {'p99':>6} {'cpu ms':>7} "
           f"{'RSS MB smtp/all':>15}"]
    keys = sorted({(r.path, r.workers, r.tool, r.reuse) for r in rows},
                  key=lambda k: (k[0], k[1], k[2] != "smtp-source", -k[3]))
    for path, workers, tool, reuse in keys:
        rs = [r for r in rows if (r.path, r.workers, r.tool, r.reuse) ==
              (path, workers, tool, reuse)]
        good = [r for r in rs if r.ok == count and not r.fail and "wrong path" not in r.errors]
        rates = [r.msgs_per_s for r in good]
        rss = (f"{max(r.peak_smtp_mb for r in rs):.0f}/{max(r.peak_total_mb for r in rs):.0f}"
               if path != "a" else "-")
        out.append(
            f"{NAMES[path]:<30} {workers or '':>2} {tool:<11} {reuse:>5} "
            f"{len(good):>2}/{len(rs):<2} {_f(_med(rates), 0):>7} "
            f"{('(' + _f(min(rates), 0) + '-' + _f(max(rates), 0) + ')') if rates else '-':>13} "
            f"{_f(_med([r.p50 for r in good])):>6} {_f(_med([r.p95 for r in good])):>6} "
            f"{_f(_med([r.p99 for r in good])):>6} "
            f"{_f(_med([r.cpu_ms for r in good]), 2):>7} {rss:>15}"
        )
    return out


def per_round_ratio(rows: list[Row], path: str, workers: int, tool: str, reuse: int,
                    metric: str, count: int) -> float | None:
    def pick(p: str, w: int) -> dict[int, float]:
        return {r.round: getattr(r, metric) for r in rows
                if r.path == p and r.workers == w and r.tool == tool and r.reuse == reuse
                and r.ok == count and not r.fail and getattr(r, metric)}

    num, den = pick(path, workers), pick("b", 0)
    ratios = [num[k] / den[k] for k in num if k in den and den[k]]
    return statistics.median(ratios) if ratios else None


def report(bench: Bench) -> tuple[list[str], bool]:
    args, rows = bench.args, bench.rows
    postfix_sink = shutil.which("smtp-sink") and not args.aiosmtpd_sink
    lines = [f"relay bench: {args.count} msgs/run, {args.conc} sessions, ~3 KB, "
             f"{args.rounds} rounds, reuse {','.join(map(str, args.reuse))}, "
             f"next hop {'smtp-sink' if postfix_sink else 'aiosmtpd sink'}, "
             f"load average during runs {min(r.load for r in rows)} .. {max(r.load for r in rows)}"
             if rows else "relay bench: no runs"]
    lines += table(rows, args.count)
    lines.append("cpu ms = CPU per message of the sink for (a), of the relay's whole process "
                 "tree for (b)-(e); RSS = peak of the SMTP process(es) / of the whole tree")
    for key, t in bench.targets.items():
        if key.startswith("g"):
            lines.append(f"gateway workers={t.workers}: listening {t.startup_s:.1f} s after start")
    ok_all = True
    targets = []
    for reuse in args.reuse:
        for tool in ("smtp-source", "loadgen"):
            for workers in args.workers:
                parts = []
                for path in "cde":
                    if path not in args.paths:
                        continue
                    rate = per_round_ratio(rows, path, workers, tool, reuse, "msgs_per_s",
                                           args.count)
                    p99 = per_round_ratio(rows, path, workers, tool, reuse, "p99", args.count)
                    if rate is None:
                        continue
                    parts.append(f"({path})/(b) = {rate:.2f}"
                                 + (f" (p99 x{p99:.2f})" if p99 is not None else ""))
                    if reuse == 1:
                        targets.append((path, workers, tool, rate, p99))
                if parts:
                    lines.append(f"ratios workers={workers} {tool} reuse={reuse}: "
                                 + "  ".join(parts))
    # The targets, judged on the reuse=1 runs (loadgen: latency; throughput
    # from smtp-source where it ran, the loadgen otherwise).
    def find(path: str, workers: int, tool: str):
        return next((t for t in targets if t[:3] == (path, workers, tool)), None)

    def rate_of(path: str, workers: int):
        t = find(path, workers, "smtp-source") or find(path, workers, "loadgen")
        return (t[3], t[2]) if t else (None, None)

    def p99_of(path: str, workers: int) -> float | None:
        t = find(path, workers, "loadgen")
        return t[4] if t else None

    def abs_p99(path: str, workers: int) -> float | None:
        return _med([r.p99 for r in rows if r.path == path and r.workers == workers
                     and r.tool == "loadgen" and r.reuse == 1 and r.ok == args.count])

    checks = []
    if 1 in args.workers:
        rate, tool = rate_of("c", 1)
        checks.append(("(c) throughput >= 0.9 x (b)", rate, 0.9, tool, ">="))
        checks.append(("(c) p99 <= 1.2 x (b)'s", p99_of("c", 1), 1.2, "loadgen", "<="))
        rate, tool = rate_of("d", 1)
        checks.append(("(d) throughput >= 0.5 x (b)", rate, 0.5, tool, ">="))
        checks.append(("(d) p99 <= 50 ms", abs_p99("d", 1), 50.0, "loadgen", "<="))
        rate, tool = rate_of("e", 1)
        checks.append(("(e) throughput >= 0.3 x (b)", rate, 0.3, tool, ">="))
    if 2 in args.workers:
        rate, tool = rate_of("c", 2)
        checks.append(("workers=2: (c) >= 1.5 x (b)", rate, 1.5, tool, ">="))
    lines.append("targets (workers=1 unless said, reuse=1):")
    for name, value, bound, tool, op in checks:
        if value is None:
            lines.append(f"  {name:<32} not measured")
            continue
        met = value >= bound if op == ">=" else value <= bound
        ok_all &= met
        lines.append(f"  {name:<32} {value:7.2f}  {'met' if met else 'NOT met'}  [{tool}]")
    return lines, ok_all


def save(bench: Bench) -> Path:
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    path = results / time.strftime("relay-%Y%m%d-%H%M%S.tsv")
    cols = ["path", "workers", "round", "tool", "reuse", "ok", "fail", "msgs_per_s", "p50",
            "p95", "p99", "cpu_ms", "peak_smtp_mb", "peak_total_mb", "load"]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\t".join(cols) + "\n")
        for r in bench.rows:
            fh.write("\t".join(str(getattr(r, c)) for c in cols) + "\n")
    return path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000, help="messages per run (1000)")
    ap.add_argument("--conc", type=int, default=10, help="concurrent sessions (10)")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds (5)")
    ap.add_argument("--warmup", type=int, default=200, help="unrecorded messages per path")
    ap.add_argument("--workers", default="1,2", help="gateway worker counts (1,2)")
    ap.add_argument("--reuse", default="1", help="1 = sessions reused, 0 = one per message; "
                    "'1,0' runs both (1)")
    ap.add_argument("--paths", default="abcde", help="which paths (abcde)")
    ap.add_argument("--no-smtp-source", dest="smtp_source", action="store_false",
                    help="skip the smtp-source throughput runs")
    ap.add_argument("--aiosmtpd-sink", action="store_true",
                    help="use tests/bench/sink.py even when smtp-sink is installed")
    ap.add_argument("--run-timeout", type=float, default=180.0, help="per run, s (180)")
    ap.add_argument("--max-seconds", type=float, default=2400.0,
                    help="the whole bench stops starting runs after this (2400)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (logs)")
    ap.add_argument("--no-group-commit", dest="group_commit", action="store_false",
                    help="skip the group-commit check (a fresh gateway, 500 clean replies)")
    args = ap.parse_args(argv)
    args.workers = [int(w) for w in args.workers.split(",") if w]
    args.reuse = [int(x) for x in args.reuse.split(",") if x]
    args.paths = [p for p in args.paths if p in "abcde"]
    if "b" not in args.paths:
        args.paths.insert(0, "b")  # every ratio needs the baseline
    if not 1 <= args.count <= 100_000 or not 1 <= args.conc <= 200 or args.rounds > 50:
        ap.error("--count 1..100000, --conc 1..200, --rounds <= 50")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    problems = check_messages()
    for p in problems:
        print(f"bench: WARNING the message for path {p}", file=sys.stderr)
    bench = Bench(args)
    extra = []
    try:
        bench.setup()
        bench.run()
        if "d" in args.paths and args.group_commit:
            extra.append(bench.group_commit_check())
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
    finally:
        bench.close()
    lines, _ = report(bench)
    print("\n".join(lines + extra))
    print(f"bench: rows in {save(bench)}", file=sys.stderr)
    incomplete = sum(1 for r in bench.rows if r.ok < args.count or r.fail)
    return 1 if incomplete or problems else 0


if __name__ == "__main__":
    sys.exit(main())

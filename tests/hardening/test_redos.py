"""ReDoS: every regex of the rule packs and of the policy/gateway modules grows
linearly on 100 KB adversarial inputs (see redos_scan.py for what is scanned and
how).  The scan runs in two subprocesses (one per core) under a time limit: a
catastrophic pattern cannot be interrupted inside `re`, only killed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCAN = Path(__file__).with_name("redos_scan.py")
ROOT = Path(__file__).resolve().parents[2]
PARTS = 2
TIME_LIMIT = 600


@pytest.mark.slow
def test_every_regex_grows_linearly(capsys):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, str(SCAN), "--json", f"--part={i}/{PARTS}"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for i in range(PARTS)]
    results, seconds = [], 0.0
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=TIME_LIMIT)
            assert proc.returncode == 0, err[-3000:]
            data = json.loads(out)
            results += data["results"]
            seconds = max(seconds, data["seconds"])
    except subprocess.TimeoutExpired:
        pytest.fail(f"the ReDoS scan did not finish in {TIME_LIMIT} s: some regex is "
                    "catastrophic (run tests/hardening/redos_scan.py -v to see which)")
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    names = {r["name"] for r in results}
    assert sum(n.startswith("pack:") for n in names) >= 40  # the pack's phrase lists
    assert any(n.startswith("policies.") for n in names)
    assert any(n.startswith("gateway.") for n in names)
    slowest = sorted(results, key=lambda r: r["large"], reverse=True)[:8]
    with capsys.disabled():
        print(f"\n[redos] {len(results)} regexes, 10 KB and 100 KB inputs, {seconds:.0f} s; "
              "slowest at 100 KB:")
        for r in slowest:
            print(f"[redos]   {r['large'] * 1000:8.1f} ms  x{r['ratio']:5.1f}  {r['name']} "
                  f"[{r['input']}]")
    failed = [f"{r['name']} ({r['how']}, input {r['input']}): 10 KB {r['small'] * 1000:.1f} ms, "
              f"100 KB {r['large'] * 1000:.1f} ms" for r in results if r["failed"]]
    assert not failed, "super-linear regexes:\n" + "\n".join(failed)

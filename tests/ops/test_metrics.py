"""Metrics across worker processes: each worker writes its own values, a scrape
answered by any of them shows the sum (prometheus-client multiprocess mode)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from prometheus_client.parser import text_string_to_metric_families

from gateway import metrics
from gateway.config import HttpSettings, Settings, StateSettings, parse_host_port

WORKER = textwrap.dedent("""
    import sys
    from types import SimpleNamespace
    from gateway import metrics

    holds = int(sys.argv[1])
    for _ in range(holds):
        metrics.record_decision(SimpleNamespace(
            decision="hold", mode="enforce", ms=120.0,
            findings=({"rule": "kind.hostile", "severity": "hold"},)))
    metrics.record_decision(SimpleNamespace(decision="pass-through", mode="", ms=3.0,
                                            findings=()))
    metrics.note_failed(final=False)
    metrics.next_hop_result(SimpleNamespace(outcome="deferred", maybe_delivered=False,
                                            unreachable=True))
""")


def samples(body: bytes) -> dict[tuple[str, tuple], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(body.decode())
            for s in family.samples}


def settings_with_http(state: Path) -> Settings:
    return Settings(state=StateSettings(dir=state),
                    http=HttpSettings(listen=parse_host_port("127.0.0.1:10027")))


def test_values_of_several_worker_processes_are_summed(tmp_path, monkeypatch):
    monkeypatch.delenv(metrics.MULTIPROC_ENV, raising=False)
    settings = settings_with_http(tmp_path / "state")
    stale = metrics.metrics_dir(settings)
    stale.mkdir(parents=True)
    (stale / "counter_99999.db").write_bytes(b"from the previous run")

    metrics.prepare_workers(settings)  # what the supervisor does before it spawns them
    directory = os.environ[metrics.MULTIPROC_ENV]
    assert Path(directory) == stale and not (stale / "counter_99999.db").exists()
    assert (stale.stat().st_mode & 0o777) == 0o700

    for holds in (1, 2):  # two worker processes, inheriting the environment
        subprocess.run([sys.executable, "-c", WORKER, str(holds)], check=True,
                       env=dict(os.environ), timeout=60)
    assert len(list(stale.glob("*.db"))) >= 2  # one file per process and kind

    now = datetime.now(UTC)
    holds = [SimpleNamespace(created_at=now - timedelta(seconds=90)),
             SimpleNamespace(created_at=now - timedelta(seconds=5))]
    body, content_type = metrics.exposition(metrics.hold_stats(holds, now))
    assert content_type.startswith("text/plain")
    got = samples(body)
    assert got[("grace_messages_total", (("decision", "hold"), ("mode", "enforce")))] == 3
    assert got[("grace_messages_total", (("decision", "pass-through"), ("mode", "none")))] == 2
    assert got[("grace_findings_total", (("rule", "kind.hostile"), ("severity", "hold")))] == 3
    assert got[("grace_processing_seconds_count", (("scope", "in-scope"),))] == 3
    assert got[("grace_processing_seconds_count", (("scope", "out-of-scope"),))] == 2
    assert got[("grace_note_send_failures_total", (("final", "false"),))] == 2
    assert got[("grace_next_hop_errors_total", (("kind", "unreachable"),))] == 2
    assert got[("grace_holds_open", ())] == 2
    assert got[("grace_oldest_hold_age_seconds", ())] == 90


def test_one_process_or_no_http_needs_no_shared_directory(tmp_path, monkeypatch):
    monkeypatch.delenv(metrics.MULTIPROC_ENV, raising=False)
    metrics.prepare_workers(Settings(state=StateSettings(dir=tmp_path)))  # [http] off
    assert metrics.MULTIPROC_ENV not in os.environ
    assert not metrics.metrics_dir(Settings(state=StateSettings(dir=tmp_path))).exists()


def test_openmetrics_when_the_scraper_asks_and_no_hold_gauges_without_the_store():
    body, content_type = metrics.exposition(None, "application/openmetrics-text; version=1.0.0")
    assert content_type.startswith("application/openmetrics-text")
    assert body.rstrip().endswith(b"# EOF")
    assert b"grace_holds_open" not in body

"""Prometheus metrics: what the gateway decided, how long it took, what failed.

The service, the outbox and the next-hop client record events through the small
functions below (one call where the thing happens).  Two gauges about holds (open
holds, the oldest one's age) are read from the store at scrape time instead: the
store, shared by every worker, is the truth about holds.

Several worker processes (`[server] workers` > 1) each count their own messages,
so a scrape answered by one worker would show only its share.  prometheus-client's
multiprocess mode makes the totals right: before the supervisor starts the
workers, `prepare_workers` points PROMETHEUS_MULTIPROC_DIR at
`<state dir>/metrics` (emptied at every start); each worker inherits it and keeps
its values in memory-mapped files there; whichever worker answers /metrics sums
every file.  Only counters and histograms are recorded per process, and those sum
correctly across processes, including a worker that died and was restarted (its
file stays).  With one process, the ordinary in-memory registry is used.

Metrics are created on first use, so processes that never record one (the
analysis pool, the supervisor) create no files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector

from gateway.config import Settings

#: prometheus-client reads this when it is imported, in every worker process.
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

#: Processing time buckets (seconds): pass-through takes milliseconds, an
#: in-scope reply tens to hundreds, the deadline is minutes.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)

#: The store is asked for at most this many open holds per scrape.
HOLDS_SCAN_LIMIT = 10_000


@dataclass(frozen=True)
class _Metrics:
    messages: Counter
    findings: Counter
    processing: Histogram
    notes_sent: Counter
    note_failures: Counter
    next_hop_errors: Counter


@cache
def _metrics() -> _Metrics:
    return _Metrics(
        messages=Counter(
            "grace_messages", "Messages handled, by decision and mode (mode none = out of "
            "scope); decision control = mail to the release or report address.",
            ["decision", "mode"]),
        findings=Counter(
            "grace_findings", "Findings in decided messages, by rule and severity.",
            ["rule", "severity"]),
        processing=Histogram(
            "grace_processing_seconds", "Time from the end of DATA to the gateway's answer, "
            "by scope (in-scope, out-of-scope, control).", ["scope"], buckets=BUCKETS),
        notes_sent=Counter("grace_notes_sent", "Review notes and answers sent."),
        note_failures=Counter(
            "grace_note_send_failures", "Failed attempts to send a review note or answer; "
            "final=true when the gateway gave up on it (it stays in the store).", ["final"]),
        next_hop_errors=Counter(
            "grace_next_hop_errors", "Sends to the next hop that did not end in 250, by kind: "
            "unreachable, deferred (4xx), rejected (5xx), lost_after_data (may be delivered).",
            ["kind"]),
    )


# ----------------------------------------------------------------- recording


def record_decision(event: Any) -> None:
    """One decided message (an `AuditEvent` of kind decision)."""
    m = _metrics()
    mode = str(event.mode or "") or "none"
    m.messages.labels(str(event.decision), mode).inc()
    for finding in event.findings:
        m.findings.labels(str(finding.get("rule", "")), str(finding.get("severity", ""))).inc()
    scope = "in-scope" if event.mode else "out-of-scope"
    m.processing.labels(scope).observe(max(0.0, float(event.ms or 0.0)) / 1000.0)


def record_message(decision: str, ms: float, *, scope: str = "out-of-scope") -> None:
    """A message answered without a decision record (control mail, store down)."""
    m = _metrics()
    m.messages.labels(decision, "none").inc()
    m.processing.labels(scope).observe(max(0.0, ms) / 1000.0)


def note_sent() -> None:
    _metrics().notes_sent.inc()


def note_failed(final: bool) -> None:
    _metrics().note_failures.labels("true" if final else "false").inc()


def next_hop_result(result: Any) -> Any:
    """Count a `RelayResult` that is not a delivery; returns it unchanged."""
    outcome = str(result.outcome)
    if outcome != "delivered":
        if result.maybe_delivered:
            kind = "lost_after_data"
        elif result.unreachable:
            kind = "unreachable"
        elif outcome == "rejected":
            kind = "rejected"
        else:
            kind = "deferred"
        _metrics().next_hop_errors.labels(kind).inc()
    return result


# ----------------------------------------------------------------- several processes


def metrics_dir(settings: Settings) -> Path:
    return settings.state.dir / "metrics"


def prepare_workers(settings: Settings) -> None:
    """Called by the supervisor before it starts the workers: when /metrics is on,
    give them a fresh, shared directory for their values (see the module doc)."""
    if settings.http.listen is None or os.environ.get(MULTIPROC_ENV):
        return
    directory = metrics_dir(settings)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    directory.chmod(0o700)
    for old in directory.glob("*.db"):  # the previous run's values
        old.unlink()
    os.environ[MULTIPROC_ENV] = str(directory)


# ----------------------------------------------------------------- exposition


@dataclass(frozen=True)
class HoldStats:
    open: int
    oldest_age: float


def hold_stats(holds: list[Any], now: datetime | None = None) -> HoldStats:
    """From the open holds (oldest first, as the store lists them)."""
    now = now or datetime.now(UTC)
    oldest = min((h.created_at for h in holds), default=None)
    age = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
    return HoldStats(len(holds), age)


class _HoldCollector:
    def __init__(self, stats: HoldStats | None) -> None:
        self.stats = stats

    def collect(self) -> Iterator[Metric]:
        if self.stats is None:  # the store did not answer: no number beats a wrong one
            return
        yield GaugeMetricFamily(
            "grace_holds_open",
            f"Held replies waiting for release, discard or timeout (counted up to "
            f"{HOLDS_SCAN_LIMIT}).", value=self.stats.open)
        yield GaugeMetricFamily(
            "grace_oldest_hold_age_seconds",
            "Age of the oldest open hold; 0 when there is none.", value=self.stats.oldest_age)


class _Default:
    """This process's own metrics (one process: the whole gateway)."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


def exposition(holds: HoldStats | None, accept: str = "") -> tuple[bytes, str]:
    """The /metrics body and its content type (text format, or OpenMetrics when
    the scraper asks for it).  Reads the worker files: call it off the loop."""
    registry = CollectorRegistry(auto_describe=False)
    directory = os.environ.get(MULTIPROC_ENV)
    if directory:
        MultiProcessCollector(registry, path=directory)
    else:
        registry.register(_Default())
    registry.register(_HoldCollector(holds))
    encoder, content_type = choose_encoder(accept)
    return encoder(registry), content_type

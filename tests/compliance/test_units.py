"""The pure parts: date parsing, filters, aggregation edge cases, commitments, SVG.

The acceptance tests read logs from real gateway runs; these pin down the cases a
short run cannot produce (weeks of data, time-outs, system releases) on records
sealed with the real chain code.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from gateway.compliance.commitments import commitments_of, resolve_due, without_evidence
from gateway.compliance.export import _defuse
from gateway.compliance.report import Aggregator, human_duration
from gateway.compliance.report_html import render_html
from gateway.compliance.report_text import render_text
from gateway.compliance.rows import row_of
from gateway.compliance.search import Filter, FilterError, parse_when
from gateway.compliance.svg import horizontal_bars, stacked_columns
from gateway.store.chain import GENESIS, seal
from gateway.store.records import AuditEvent, AuditRecord, Decision, EventKind
from policies.types import Reply

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday


def sealed(events: list[AuditEvent]) -> list[AuditRecord]:
    out, prev = [], GENESIS
    for number, event in enumerate(events, start=1):
        body, digest = seal(number, prev, event)
        out.append(AuditRecord(number, event.kind, event.time, body, prev, digest))
        prev = digest
    return out


def held(hold_id: str, at: datetime, rule: str = "kind.hostile",
         sender: str = "a@support.acme.example") -> AuditEvent:
    return AuditEvent(kind=EventKind.DECISION, time=at, message_id=f"<{hold_id}@x>",
                      sender=sender, decision=Decision.HOLD, mode="enforce", hold_id=hold_id,
                      findings=({"rule": rule, "value": rule.split(".")[0],
                                 "severity": "hold"},))


def follow(kind: EventKind, hold_id: str, at: datetime, actor: str = "a@support.acme.example",
           **extra) -> AuditEvent:
    return AuditEvent(kind=kind, time=at, hold_id=hold_id, actor=actor,
                      extra={"rules": ["kind.hostile"], **extra})


def aggregate(events: list[AuditEvent], **kw) -> Aggregator:
    agg = Aggregator(**kw)
    for record in sealed(events):
        agg.feed(row_of(record))
    return agg


# ------------------------------------------------------------------ dates and filters


def test_parse_when_dates_times_and_ages():
    assert parse_when("2026-03-02") == datetime(2026, 3, 2, tzinfo=UTC)
    assert parse_when("2026-03-02", end=True) == datetime(2026, 3, 3, tzinfo=UTC)
    assert parse_when("2026-03-02T14:30") == datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
    assert parse_when("2026-03-02 14:30+01:00") == datetime(2026, 3, 2, 13, 30, tzinfo=UTC)
    assert parse_when("2026-03-02T14:30:00Z") == datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
    assert parse_when("7d", now=T0) == T0 - timedelta(days=7)
    assert parse_when("1h30m", now=T0) == T0 - timedelta(minutes=90)
    with pytest.raises(FilterError, match="ISO date"):
        parse_when("last tuesday")


def test_filter_rejects_unknown_choices_and_backwards_windows():
    with pytest.raises(FilterError, match="--value 'nice'"):
        Filter.build(values=["nice"])
    with pytest.raises(FilterError, match="--kind"):
        Filter.build(kinds=["deleted"])
    with pytest.raises(FilterError, match="later than --since"):
        Filter.build(since="2026-03-02", until="2026-03-01")


def test_filter_combines_options_with_and_and_repeats_with_or():
    [record] = sealed([held("h1", T0, rule="kind.hostile", sender="Lee@Support.Acme.Example")])
    row = row_of(record)
    assert Filter.build(rules=["kind.*"], senders=["lee@"]).matches(row)
    assert Filter.build(rules=["humble.*", "kind.hostile"]).matches(row)
    assert not Filter.build(rules=["kind.*"], decisions=["forward"]).matches(row)
    assert Filter.build(message_ids=["h1@x"]).matches(row)  # angle brackets optional
    assert Filter.build(senders=["*@support.acme.example"]).matches(row)
    assert not Filter.build(senders=["*@acme.example"]).matches(row)


# ------------------------------------------------------------------ aggregation


def test_outcomes_durations_and_who_released():
    events = [
        held("h1", T0), follow(EventKind.RELEASED, "h1", T0 + timedelta(minutes=30)),
        held("h2", T0), follow(EventKind.SUPERSEDED, "h2", T0 + timedelta(minutes=10)),
        held("h3", T0), follow(EventKind.DISCARDED, "h3", T0 + timedelta(hours=2)),
        # Timed out, kept: expired.  Timed out, released by the gateway: not a dispute.
        held("h4", T0), follow(EventKind.EXPIRED, "h4", T0 + timedelta(hours=2), actor="system"),
        held("h5", T0), follow(EventKind.EXPIRED, "h5", T0 + timedelta(hours=2), actor="system"),
        follow(EventKind.RELEASED, "h5", T0 + timedelta(hours=2), actor="system"),
        held("h6", T0),
    ]
    data = aggregate(events).result()
    assert data.outcomes == {"released": 2, "fixed": 1, "discarded": 1, "expired": 1,
                             "still held": 1}
    assert data.median_by_outcome["fixed"] == timedelta(minutes=10)
    assert data.median_on_hold == timedelta(hours=2)
    [rule] = data.rules
    assert (rule.holds, rule.released, rule.reported, rule.fixed) == (6, 1, 0, 1)
    assert rule.false_positive_rate == pytest.approx(1 / 6)


def test_a_report_naming_one_rule_counts_against_that_rule_only():
    two_rules = AuditEvent(
        kind=EventKind.DECISION, time=T0, decision=Decision.HOLD, mode="enforce",
        hold_id="h1", sender="a@x", findings=(
            {"rule": "kind.hostile", "value": "kind", "severity": "hold"},
            {"rule": "humble.blame", "value": "humble", "severity": "hold"}))
    events = [two_rules,
              follow(EventKind.FALSE_POSITIVE, "h1", T0, rule="humble.blame"),
              follow(EventKind.RELEASED, "h1", T0)]
    rules = {r.rule: r for r in aggregate(events).result().rules}
    assert (rules["humble.blame"].reported, rules["humble.blame"].released) == (1, 0)
    assert (rules["kind.hostile"].reported, rules["kind.hostile"].released) == (0, 1)


def test_follow_ups_of_holds_from_before_the_period_have_no_duration():
    data = aggregate([follow(EventKind.RELEASED, "old", T0)]).result()
    assert data.holds == 0 and data.holds_before_period == 1
    assert data.outcomes == {"released": 1} and data.median_on_hold is None


def test_long_periods_are_bucketed_by_week():
    events = [AuditEvent(kind=EventKind.DECISION, time=T0 + timedelta(days=d),
                         decision=Decision.PASS) for d in range(0, 200, 3)]
    data = aggregate(events).result()
    assert data.bucket_days == 7
    assert all(day.weekday() == 0 for day in data.per_bucket)  # weeks start on Monday
    assert sum(sum(m["out of scope"].values()) for m in data.per_bucket.values()
               if m) == len(events)


def test_pseudonyms_are_stable_within_a_report_only():
    events = [held(f"h{i}", T0, sender="x@support.acme.example") for i in range(3)]
    one = aggregate(events, pseudonymise=True).result().top_senders
    two = aggregate(events, pseudonymise=True).result().top_senders
    assert one[0][1] == 3 and one[0][0].startswith("person-")
    assert one[0][0] != two[0][0]  # a fresh key per report


def test_renderers_escape_everything_they_show():
    evil = '<img src=x onerror=alert(1)>@support.acme.example'
    commitment = AuditEvent(kind=EventKind.DECISION, time=T0, sender=evil,
                            decision=Decision.FORWARD, mode="advise",
                            extra={"commitments": [{"sentence": "<b>by 3pm</b>",
                                                    "when": "3pm"}]})
    data = aggregate([held("h1", T0, sender=evil), commitment]).result()
    html = render_html(data)
    assert "<img" not in html and "<b>by" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "3pm" in render_text(data)


def test_empty_log_renders_a_kind_note():
    data = Aggregator().result()
    assert "nothing to report yet" in render_html(data)
    assert "nothing to report yet" in render_text(data)


# ------------------------------------------------------------------ commitments

SENT = datetime(2026, 11, 26, 10, 0, tzinfo=timezone(timedelta(hours=1)))  # a Thursday


@pytest.mark.parametrize(("text", "when", "due"), [
    ("I'll update you by 3pm today.", "3pm today", "2026-11-26T14:00"),
    ("I will call you tomorrow at 10:30.", "tomorrow 10:30", "2026-11-27T09:30"),
    ("You'll hear from us within 2 hours.", "within 2 hours", "2026-11-26T11:00"),
    ("We'll write by 16:00 UTC.", "16:00 UTC", "2026-11-26T16:00"),
    ("I'll have an answer by end of day Friday.", "end of day Friday", "2026-11-27T16:00"),
    ("Expect an update on Monday.", "Monday", "2026-11-30T22:59"),
    ("I'll update you by 8am.", "8am.", "2026-11-27T07:00"),  # 8am has passed: tomorrow
])
def test_commitments_and_when_they_fall_due(text, when, due):
    [found] = commitments_of(Reply(text=text, sent_at=SENT))
    assert found["when"] == when and found["sentence"] == text
    assert found["due"].startswith(due)


@pytest.mark.parametrize("text", [
    "We are open 9:00-17:00 every day.",  # a time, but no promise
    "The update went out shortly after 09:00.",  # the past
    "I'll check and get back to you soon.",  # a promise, but no time
])
def test_not_commitments(text):
    assert commitments_of(Reply(text=text, sent_at=SENT)) == []


def test_commitment_without_evidence_keeps_only_the_time_words():
    [found] = commitments_of(Reply(text="I'll update you by 3pm.", sent_at=SENT),
                             include_evidence=False)
    assert "sentence" not in found and found["when"] == "3pm."


def test_commitments_read_with_evidence_then_withheld_match_a_read_without():
    reply = Reply(text="I'll update you by 3pm. We will ship it by Friday.", sent_at=SENT)
    kept = commitments_of(reply)
    assert all("sentence" in item for item in kept)
    assert without_evidence(kept) == commitments_of(reply, include_evidence=False)


def test_due_needs_the_replys_own_time():
    assert resolve_due("3pm", "I'll update you by 3pm.", None) is None


# ------------------------------------------------------------------ small helpers


def test_csv_defuse_and_durations():
    assert _defuse("=1+1") == "'=1+1" and _defuse("@SUM(A1)") == "'@SUM(A1)"
    assert _defuse("Re: hello") == "Re: hello"
    assert human_duration(timedelta(seconds=42)) == "42 s"
    assert human_duration(timedelta(hours=3, minutes=20)) == "3 h 20 min"
    assert human_duration(timedelta(days=2, hours=4)) == "2 d 4 h"
    assert human_duration(None) == "–"


def test_svg_charts_have_titles_and_escape_labels():
    chart = horizontal_bars("x", "T <1>", "D", [("<rule>", 3, "kind")])
    assert '<title id="x-t">T &lt;1&gt;</title>' in chart and "&lt;rule&gt;" in chart
    cols = stacked_columns("y", "T", "D", ["Mon", "Tue"], [("hold", [1, 0]), ("forward",
                                                                             [2, 5])])
    assert cols.count('class="bar"') == 3 and 'role="img"' in cols

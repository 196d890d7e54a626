"""Aggregate the audit log into the numbers a compliance report shows.  Pure.

`Aggregator.feed(row)` is called once per record in id order; memory grows with
the number of days, rules, senders and holds in the period, never with the
number of records.  `Aggregator.result()` returns a `ReportData` that the HTML
and text renderers turn into words and charts.

How a hold ended is read from the records that follow its DECISION: released,
superseded (the author sent a fixed reply), discarded, or expired (its time ran
out and nothing else happened yet).  A release by a person, or a false-positive
report, counts against the rules that caused the hold; a release by the system
on timeout does not.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import statistics
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from gateway.compliance.rows import Row
from gateway.store.records import EventKind

#: Mode label for decisions on mail that was out of scope (no mode applies).
OUT_OF_SCOPE = "out of scope"
MODE_ORDER = ("enforce", "advise", "monitor", OUT_OF_SCOPE)
DECISION_ORDER = ("forward", "hold", "pass-through", "deferred", "rejected")
OUTCOME_ORDER = ("released", "fixed", "discarded", "expired", "still held")
VALUE_ORDER = ("urgent", "kind", "humble", "clear", "reply")

#: Actors that stand for the gateway itself, not a person's judgement.
SYSTEM_ACTORS = ("system", "")

#: Records that end a hold, and the outcome each stands for.
_ENDINGS = {
    EventKind.RELEASED.value: "released",
    EventKind.SUPERSEDED.value: "fixed",
    EventKind.DISCARDED.value: "discarded",
}

#: At most this many commitments are kept for the report (the newest ones).
MAX_COMMITMENTS = 200


@dataclass(slots=True)
class HoldInfo:
    hold_id: str
    created: datetime | None
    sender: str
    rules: tuple[str, ...]
    outcome: str = "still held"
    ended: datetime | None = None
    actor: str = ""
    expired: bool = False
    #: Rules a false-positive report named for this hold (empty for most holds,
    #: so a tuple: a report over millions of records keeps one of these per hold).
    reported: tuple[str, ...] = ()

    @property
    def released_by_person(self) -> bool:
        return self.outcome == "released" and self.actor not in SYSTEM_ACTORS

    @property
    def duration(self) -> timedelta | None:
        if self.created and self.ended and self.outcome != "still held":
            return self.ended - self.created
        return None


@dataclass(frozen=True)
class RuleStats:
    rule: str
    value: str
    #: Replies in which the rule fired.
    replies: int
    #: Holds the rule caused (a hold finding in a held reply).
    holds: int
    #: ... of which a person released unchanged.
    released: int
    #: ... of which the author reported as a false positive (naming this rule or all).
    reported: int
    #: ... of which the author sent a corrected reply.
    fixed: int
    #: False-positive reports about this rule's advice (replies that were not held).
    advice_reports: int = 0

    @property
    def disputed(self) -> int:
        return self.released + self.reported

    @property
    def false_positive_rate(self) -> float | None:
        """Share of this rule's holds that people disputed; None without holds."""
        if not self.holds:
            return None
        return min(1.0, self.disputed / self.holds)


@dataclass(frozen=True)
class Commitment:
    time: datetime
    sender: str
    message_id: str
    #: The sentence that promises (empty when evidence is not recorded).
    text: str
    #: The time words ("by 3pm tomorrow").
    when: str
    #: When it falls due (ISO, UTC), "" when it could not be resolved.
    due: str = ""
    #: What happened to the reply: forward (the customer has it) or hold.
    decision: str = ""


@dataclass(frozen=True)
class ReportData:
    since: datetime | None
    until: datetime | None
    first: datetime | None
    last: datetime | None
    generated: datetime
    records: int
    kinds: Mapping[str, int]
    #: Bucket start -> mode -> decision -> count.
    per_bucket: Mapping[date, Mapping[str, Mapping[str, int]]]
    bucket_days: int
    decisions: Mapping[str, int]
    modes: Mapping[str, int]
    values: Mapping[str, int]
    rules: tuple[RuleStats, ...]
    holds: int
    holds_before_period: int
    outcomes: Mapping[str, int]
    median_on_hold: timedelta | None
    median_by_outcome: Mapping[str, timedelta]
    top_senders: tuple[tuple[str, int], ...]
    pseudonymised: bool
    commitments: tuple[Commitment, ...]
    commitments_total: int
    #: Chain check over the whole log (set by the caller): None = not checked.
    chain_ok: bool | None = None
    chain_detail: str = ""

    @property
    def empty(self) -> bool:
        return self.records == 0


class Pseudonyms:
    """Stable within one report, unlinkable across reports (a fresh random key)."""

    def __init__(self, key: bytes | None = None) -> None:
        self.key = key or secrets.token_bytes(32)

    def __call__(self, address: str) -> str:
        if not address:
            return address
        digest = hmac.new(self.key, address.lower().encode(), hashlib.sha256).hexdigest()
        return f"person-{digest[:8]}"


def _reported_rules(row: Row) -> set[str]:
    """The rule a false-positive record names (`extra.rule`), if it names one."""
    rule = row.extra.get("rule")
    return {rule} if isinstance(rule, str) and rule else set()


def _day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def _commitments(extra: Mapping[str, Any]) -> Iterable[tuple[str, str, str]]:
    """(text, when, due) from a decision's `extra.commitments`, tolerant of shape."""
    for item in extra.get("commitments") or ():
        if isinstance(item, str):
            yield item, "", ""
        elif isinstance(item, Mapping):
            text = item.get("sentence") or item.get("text") or item.get("evidence") or ""
            when = item.get("when") or item.get("time") or ""
            if text or when:
                yield str(text), str(when), str(item.get("due") or "")


@dataclass
class Aggregator:
    since: datetime | None = None
    until: datetime | None = None
    pseudonymise: bool = False
    #: None = one bar per day up to 92 days, one per week beyond.
    bucket_days: int | None = None
    records: int = 0
    first: datetime | None = None
    last: datetime | None = None
    kinds: Counter[str] = field(default_factory=Counter)
    cells: Counter[tuple[date, str, str]] = field(default_factory=Counter)
    decisions: Counter[str] = field(default_factory=Counter)
    modes: Counter[str] = field(default_factory=Counter)
    values: Counter[str] = field(default_factory=Counter)
    rule_replies: Counter[str] = field(default_factory=Counter)
    rule_value: dict[str, str] = field(default_factory=dict)
    reported_rules: Counter[str] = field(default_factory=Counter)
    holds: dict[str, HoldInfo] = field(default_factory=dict)
    holds_before_period: int = 0
    commitments: deque[Commitment] = field(
        default_factory=lambda: deque(maxlen=MAX_COMMITMENTS)
    )
    commitments_total: int = 0

    def feed(self, row: Row) -> None:
        self.records += 1
        # Ids follow commit order; times are the events' own, so take min and max.
        self.first = row.time if self.first is None else min(self.first, row.time)
        self.last = row.time if self.last is None else max(self.last, row.time)
        self.kinds[row.kind] += 1
        if row.kind == EventKind.DECISION:
            self._decision(row)
        elif row.hold_id:
            self._follow_up(row)
        elif row.kind == EventKind.FALSE_POSITIVE:
            # A report about advice (no hold): it counts for the rules it names.
            self.reported_rules.update(_reported_rules(row) or row.rules)

    def _decision(self, row: Row) -> None:
        decision = row.decision or "unknown"
        mode = row.mode or OUT_OF_SCOPE
        self.cells[(_day(row.time), mode, decision)] += 1
        self.decisions[decision] += 1
        self.modes[mode] += 1
        for finding in row.findings:
            value = str(finding.get("value") or "")
            rule = str(finding.get("rule") or "")
            if rule:
                self.rule_value.setdefault(rule, value)
        for rule in row.rules:
            self.rule_replies[rule] += 1
        for value in row.values:
            self.values[value] += 1
        if decision == "hold" and row.hold_id:
            self.holds[row.hold_id] = HoldInfo(
                hold_id=row.hold_id,
                created=row.time,
                sender=row.sender,
                rules=row.hold_rules or row.rules,
            )
        for text, when, due in _commitments(row.extra):
            self.commitments_total += 1
            self.commitments.append(
                Commitment(row.time, row.sender, row.message_id, text, when, due, decision)
            )

    def _follow_up(self, row: Row) -> None:
        hold = self.holds.get(row.hold_id)
        if hold is None:
            # Held before the period (or pruned): counted, but no duration.
            hold = HoldInfo(row.hold_id, None, row.sender, row.rules)
            self.holds[row.hold_id] = hold
            self.holds_before_period += 1
        kind = row.kind
        ended = _ENDINGS.get(kind)
        if ended:
            hold.outcome, hold.ended, hold.actor = ended, row.time, row.actor
        elif kind in (EventKind.EXPIRED, EventKind.ESCALATED):  # its time ran out
            hold.expired = True
            if hold.outcome == "still held":
                hold.outcome, hold.ended, hold.actor = "expired", row.time, row.actor
        elif kind == EventKind.FALSE_POSITIVE:
            if not hold.rules:
                hold.rules = row.rules
            named = _reported_rules(row) or set(hold.rules)
            hold.reported = tuple(sorted(named.union(hold.reported)))

    # ------------------------------------------------------------ result
    def _buckets(self) -> tuple[int, dict[date, dict[str, dict[str, int]]]]:
        days = sorted({d for d, _, _ in self.cells})
        size = self.bucket_days
        if size is None:
            span = (days[-1] - days[0]).days + 1 if days else 1
            size = 1 if span <= 92 else 7
        out: dict[date, dict[str, dict[str, int]]] = {}
        if days:
            start = days[0] - timedelta(days=days[0].weekday()) if size == 7 else days[0]
            day = start
            while day <= days[-1]:
                out[day] = {}
                day += timedelta(days=size)
        for (day, mode, decision), count in self.cells.items():
            offset = (day - next(iter(out))).days // size * size if out else 0
            bucket = next(iter(out)) + timedelta(days=offset)
            per_mode = out.setdefault(bucket, {}).setdefault(mode, {})
            per_mode[decision] = per_mode.get(decision, 0) + count
        return size, out

    def _rules(self) -> tuple[RuleStats, ...]:
        held: Counter[str] = Counter()
        released: Counter[str] = Counter()
        reported: Counter[str] = Counter()
        fixed: Counter[str] = Counter()
        for hold in self.holds.values():
            if hold.created is None:
                continue
            for rule in hold.rules:
                held[rule] += 1
                released[rule] += hold.released_by_person and rule not in hold.reported
                reported[rule] += rule in hold.reported
                fixed[rule] += hold.outcome == "fixed"
        names = set(self.rule_replies) | set(held) | set(self.reported_rules)
        stats = [
            RuleStats(
                rule=name,
                value=self.rule_value.get(name) or name.partition(".")[0],
                replies=self.rule_replies[name],
                holds=held[name],
                released=released[name],
                reported=reported[name],
                fixed=fixed[name],
                advice_reports=self.reported_rules[name],
            )
            for name in names
        ]
        stats.sort(key=lambda s: (-s.replies, -s.holds, s.rule))
        return tuple(stats)

    def result(self, *, generated: datetime | None = None) -> ReportData:
        size, buckets = self._buckets()
        in_period = [h for h in self.holds.values() if h.created is not None]
        outcomes = Counter(h.outcome for h in self.holds.values())
        durations = [h.duration for h in in_period if h.duration is not None]
        by_outcome: dict[str, timedelta] = {}
        for outcome in OUTCOME_ORDER:
            spans = [h.duration for h in in_period if h.outcome == outcome and h.duration]
            if spans:
                by_outcome[outcome] = statistics.median(spans)
        senders = Counter(h.sender for h in in_period if h.sender)
        top = senders.most_common(10)
        names = Pseudonyms() if self.pseudonymise else None
        commitments = tuple(self.commitments)
        if names:
            top = [(names(s), n) for s, n in top]
            commitments = tuple(
                replace(c, sender=names(c.sender)) for c in commitments
            )
        return ReportData(
            since=self.since,
            until=self.until,
            first=self.first,
            last=self.last,
            generated=generated or datetime.now(UTC),
            records=self.records,
            kinds=dict(self.kinds),
            per_bucket=buckets,
            bucket_days=size,
            decisions=dict(self.decisions),
            modes=dict(self.modes),
            values=dict(self.values),
            rules=self._rules(),
            holds=len(in_period),
            holds_before_period=self.holds_before_period,
            outcomes=dict(outcomes),
            median_on_hold=statistics.median(durations) if durations else None,
            median_by_outcome=by_outcome,
            top_senders=tuple(top),
            pseudonymised=self.pseudonymise,
            commitments=commitments,
            commitments_total=self.commitments_total,
        )


def human_duration(span: timedelta | None) -> str:
    """"3 h 20 min", "45 min", "2 d 4 h", "12 s"; "–" when unknown."""
    if span is None:
        return "–"
    seconds = int(span.total_seconds())
    if seconds < 60:
        return f"{seconds} s"
    minutes, _ = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f}%"

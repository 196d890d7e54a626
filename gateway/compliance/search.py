"""Filters over the audit record stream (`grace audit search`, export, report).

A filter is pure (a `Row` in, yes or no out); `stream_rows` applies it to the
store's batched, id-ordered stream, so a search over a million records holds one
batch in memory at a time.  Several values for one option match any of them; the
options together must all match.
"""

from __future__ import annotations

import contextlib
import fnmatch
import re
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from gateway.compliance.rows import Row, row_of
from gateway.config import parse_duration
from gateway.store.base import Store
from gateway.store.records import Decision, EventKind
from policies.types import Value


class FilterError(ValueError):
    """A search option that cannot be understood; str() says what was expected."""


_RELATIVE = re.compile(r"\s*\d+(?:\.\d+)?\s*[smhdw](\s*\d+(?:\.\d+)?\s*[smhdw])*\s*")


def parse_when(text: str, *, end: bool = False, now: datetime | None = None) -> datetime:
    """An ISO date or date-time, or an age such as "7d" / "12h" (that long ago).

    A date alone means the start of that day (UTC) for --since and the end of that
    day for --until (`end=True`), so `--since 2026-11-01 --until 2026-11-30` covers
    all of November.  A time without an offset is UTC.
    """
    raw = text.strip()
    if _RELATIVE.fullmatch(raw):
        return (now or datetime.now(UTC)) - timedelta(seconds=parse_duration(raw))
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            day = datetime.combine(datetime.fromisoformat(raw).date(), time(), UTC)
            return day + timedelta(days=1) if end else day
        moment = datetime.fromisoformat(raw.replace(" ", "T", 1))
    except ValueError:
        raise FilterError(
            f"{text!r} is not a date; use an ISO date or time such as 2026-11-26, "
            "2026-11-26T14:30, 2026-11-26T14:30:00+01:00, or an age such as 7d or 12h"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _choice(kind: type, given: Iterable[str], option: str) -> frozenset[str]:
    allowed = {m.value for m in kind}
    out = set()
    for item in given:
        item = item.strip().lower()
        if item not in allowed:
            raise FilterError(f"{option} {item!r}: expected one of {', '.join(sorted(allowed))}")
        out.add(item)
    return frozenset(out)


def _glob_or_substring(pattern: str, text: str) -> bool:
    pattern, text = pattern.lower(), text.lower()
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(text, pattern)
    return pattern in text


def _bare_message_id(text: str) -> str:
    return text.strip().strip("<>").strip().lower()


@dataclass(frozen=True)
class Filter:
    """What `grace audit search` was asked for; empty fields match everything."""

    since: datetime | None = None
    until: datetime | None = None
    #: Sender patterns: "*" / "?" globs, otherwise a case-insensitive substring.
    senders: tuple[str, ...] = ()
    #: Rule ids or globs ("kind.*").
    rules: tuple[str, ...] = ()
    values: frozenset[str] = frozenset()
    decisions: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    message_ids: frozenset[str] = frozenset()
    hold_ids: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        *,
        since: str | None = None,
        until: str | None = None,
        senders: Iterable[str] = (),
        rules: Iterable[str] = (),
        values: Iterable[str] = (),
        decisions: Iterable[str] = (),
        kinds: Iterable[str] = (),
        message_ids: Iterable[str] = (),
        hold_ids: Iterable[str] = (),
        now: datetime | None = None,
    ) -> Filter:
        """Parse command-line strings; raises FilterError naming the bad option."""
        start = parse_when(since, now=now) if since else None
        stop = parse_when(until, end=True, now=now) if until else None
        if start and stop and stop <= start:
            raise FilterError("--until must be later than --since")
        return cls(
            since=start,
            until=stop,
            senders=tuple(s.strip() for s in senders if s.strip()),
            rules=tuple(r.strip().lower() for r in rules if r.strip()),
            values=_choice(Value, values, "--value"),
            decisions=_choice(Decision, decisions, "--decision"),
            kinds=_choice(EventKind, kinds, "--kind"),
            message_ids=frozenset(_bare_message_id(m) for m in message_ids if m.strip()),
            hold_ids=frozenset(h.strip().lower() for h in hold_ids if h.strip()),
        )

    @property
    def empty(self) -> bool:
        return self == Filter()

    def matches(self, row: Row) -> bool:
        if self.since and row.time < self.since:
            return False
        if self.until and row.time >= self.until:
            return False
        if self.kinds and row.kind not in self.kinds:
            return False
        if self.decisions and row.decision not in self.decisions:
            return False
        if self.message_ids and _bare_message_id(row.message_id) not in self.message_ids:
            return False
        if self.hold_ids and row.hold_id.lower() not in self.hold_ids:
            return False
        if self.senders and not any(_glob_or_substring(p, row.sender) for p in self.senders):
            return False
        if self.values and not self.values.intersection(row.values):
            return False
        return not self.rules or any(
            fnmatch.fnmatchcase(rule.lower(), pattern)
            for rule in row.rules
            for pattern in self.rules
        )


async def stream_rows(
    store: Store, where: Filter | None = None, *, batch: int = 1000
) -> AsyncIterator[Row]:
    """Rows of the matching records, in id order, one store batch in memory at a time."""
    where = where or Filter()
    stream = store.records(since=where.since, until=where.until, batch=batch)
    async with contextlib.aclosing(stream):  # type: ignore[type-var]
        async for record in stream:
            row = row_of(record)
            if where.matches(row):
                yield row


def text_line(row: Row) -> str:
    """One search hit on one line, for the terminal."""
    parts = [row.time.strftime("%Y-%m-%d %H:%M:%S"), f"#{row.id}", row.kind]
    if row.decision:
        parts.append(row.decision + (f"({row.mode})" if row.mode else ""))
    if row.message_id:
        parts.append(row.message_id)
    if row.sender or row.recipients:
        parts.append(f"{row.sender or '<>'} -> {', '.join(row.recipients) or '-'}")
    if row.rules:
        parts.append("rules=" + ",".join(row.rules))
    if row.hold_id:
        parts.append("hold=" + row.hold_id)
    if row.actor:
        parts.append("by " + row.actor)
    if row.subject:
        parts.append(repr(row.subject))
    reason = row.data.get("reason")
    if reason:
        parts.append(f"reason={reason!r}")
    return "  ".join(parts)

"""Commitments a reply makes ("I'll update you by 3pm"), for the audit record.

A commitment is a sentence of the author's own text that promises something
(I/we will ..., you will hear ...) and names a concrete time that looks ahead
(`policies.timeexpr`).  Each is recorded in the DECISION record's
`extra.commitments` as `{"when": "3pm today", "sentence": ..., "due": ISO time}`:

* `sentence` only when `[audit] include_evidence` is on (it is the author's
  words); `when` (the time words alone) is always kept.
* `due` when the time can be resolved against the reply's own time (its Date
  header): clock times, "end of day" (17:00), "today"/"tonight", "tomorrow",
  weekdays, "within N hours/days".  A day without a clock time is due at the end
  of that day (23:59).  Zones other than UTC/GMT are read as the reply's own
  zone: good enough to see whether a follow-up came, not a legal deadline.

Pure: the reply's time comes in with the reply.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, time, timedelta
from typing import Any

from gateway.store.chain import iso
from policies.language import sentences
from policies.timeexpr import TimeKind, find_times
from policies.types import Reply

log = logging.getLogger(__name__)

#: The sentence promises something: the author or the team will act, or the
#: customer will hear.  Without this, "we are open 9:00-17:00" would count.
_PROMISE = re.compile(
    r"\b(?:i|we)\s*(?:'|\u2019)ll\b"
    r"|\b(?:i|we)\s+(?:will|shall|am\s+going\s+to|are\s+going\s+to|plan\s+to|aim\s+to|"
    r"intend\s+to|expect\s+to|promise\s+to|(?:should|will)\s+be\s+able\s+to|"
    r"(?:will|shall)\s+(?:have|get|send|call|update|write|reply|confirm|let))\b"
    r"|\byou\s*(?:(?:'|\u2019)ll|\s+will|\s+should)\s+(?:hear|get|receive|have|see)\b"
    r"|\b(?:expect|look\s+out\s+for)\s+(?:an?\s+|my\s+|our\s+)?(?:update|reply|answer|"
    r"call|e-?mail|fix|patch)\b"
    r"|\b(?:is|are)\s+(?:scheduled|due|planned|expected)\b",
    re.IGNORECASE,
)

_CLOCK = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*\(?(utc|gmt)\b)?", re.IGNORECASE
)
_WITHIN = re.compile(
    r"\b(?:within|in|under|inside)\s+(?:the\s+next\s+)?(\d{1,3}|an?|one|two|three|four|five|"
    r"six|twelve|twenty-?four|forty-?eight)\s+(min(?:ute)?s?|hours?|hrs?|h|days?|"
    r"business\s+days?|working\s+days?|weeks?)\b",
    re.IGNORECASE,
)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "twelve": 12, "twenty-four": 24, "twentyfour": 24, "forty-eight": 48,
            "fortyeight": 48}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_END_OF_DAY = re.compile(r"\b(?:end|close)\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day\b"
                         r"|\b(?:eod|cob|eob)\b", re.IGNORECASE)

#: Only this much of the author's text is read for commitments.
MAX_TEXT = 20_000
#: At most this many are recorded per reply (an audit record stays small).
MAX_PER_REPLY = 20

#: Work day end assumed for "end of day"; day-only commitments end at 23:59.
WORKDAY_END = time(17, 0)
DAY_END = time(23, 59)


def _day_of(sentence: str, sent: datetime) -> datetime | None:
    """The day a sentence points at, at midnight in the reply's zone; None = today."""
    low = sentence.lower()
    base = sent.replace(hour=0, minute=0, second=0, microsecond=0)
    if re.search(r"\b(?:tomorrow|tmrw|tmr)\b", low):
        return base + timedelta(days=1)
    for number, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}\b", low):
            ahead = (number - sent.weekday()) % 7 or 7
            if re.search(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", low):
                ahead = (number - sent.weekday()) % 7
            return base + timedelta(days=ahead)
    return None


def resolve_due(when: str, sentence: str, sent: datetime | None) -> datetime | None:
    """When the commitment falls due, in UTC; None when it cannot be told."""
    if sent is None or sent.tzinfo is None:
        return None
    m = _WITHIN.search(when)
    if m:
        raw = m.group(1).lower().replace(" ", "")
        n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 0)
        unit = m.group(2).lower()
        if not n:
            return None
        if unit.startswith("m"):
            span = timedelta(minutes=n)
        elif unit.startswith("h"):
            span = timedelta(hours=n)
        elif unit.startswith("w") and not unit.startswith("wo"):
            span = timedelta(weeks=n)
        else:
            span = timedelta(days=n)
        return (sent + span).astimezone(UTC)
    day = _day_of(sentence, sent)
    start_of_today = sent.replace(hour=0, minute=0, second=0, microsecond=0)
    m = _CLOCK.search(when)
    clock: time | None = None
    if _END_OF_DAY.search(when):
        clock = WORKDAY_END
    elif re.search(r"\bnoon|midday\b", when, re.IGNORECASE):
        clock = time(12, 0)
    elif m and (m.group(2) or m.group(3)):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        meridiem = (m.group(3) or "").lower().replace(".", "")
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return None
        clock = time(hour, minute)
        if m.group(4):  # UTC/GMT named: read the clock in UTC
            target = (day or start_of_today).astimezone(UTC).replace(
                hour=hour, minute=minute, second=0, microsecond=0)
            if day is None and target < sent:
                target += timedelta(days=1)
            return target
    elif re.search(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", when,
                   re.IGNORECASE):
        clock = DAY_END
    elif day is None and not re.search(rf"\b(?:{'|'.join(_WEEKDAYS)}|tomorrow|tmrw|tmr)\b",
                                       when, re.IGNORECASE):
        return None
    target_day = day or start_of_today
    target = target_day.replace(
        hour=(clock or DAY_END).hour, minute=(clock or DAY_END).minute
    )
    if day is None and clock is not None and target < sent:
        target += timedelta(days=1)  # "by 3pm" written at 4pm means tomorrow
    return target.astimezone(UTC)


def commitments_of(reply: Reply, *, include_evidence: bool = True) -> list[dict[str, Any]]:
    """The commitments in the author's text, in order, ready for `extra.commitments`.

    Called while the gateway writes a DECISION record, so it is bounded (the first
    MAX_TEXT characters: promises sit in the author's own few paragraphs) and it
    never raises: a ledger entry is not worth a message."""
    try:
        return _commitments(reply, include_evidence)
    except Exception:  # noqa: BLE001 - see the docstring
        log.exception("could not read commitments from a reply; none recorded")
        return []


def without_evidence(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The same commitments as `commitments_of(..., include_evidence=False)` gives:
    the author's sentence left out (read once with it, recorded without)."""
    return [{k: v for k, v in item.items() if k != "sentence"} for item in items]


def _commitments(reply: Reply, include_evidence: bool) -> list[dict[str, Any]]:
    text = reply.text[:MAX_TEXT]
    if not text or not _PROMISE.search(text):
        return []  # the common case, for the price of one regex scan
    out: list[dict[str, Any]] = []
    for sent in sentences(text):
        if not _PROMISE.search(text, sent.start, sent.end):
            continue
        inside = [t for t in find_times(sent.text) if t.kind is TimeKind.CONCRETE]
        if not inside:
            continue
        when = " ".join(t.span.text for t in inside)
        item: dict[str, Any] = {"when": when}
        if include_evidence:
            item["sentence"] = sent.text
        due = resolve_due(when, sent.text, reply.sent_at)
        if due is not None:
            item["due"] = iso(due)
        out.append(item)
        if len(out) == MAX_PER_REPLY:
            break
    return out

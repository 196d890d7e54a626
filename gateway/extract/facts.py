"""Facts read from the quoted history for the rules: urgency words.

The words come from the policy pack (rule "urgent.late-no-acknowledgement",
param `urgency_words`), so an organisation can extend them; the default below
mirrors the default pack for callers that do not pass a pack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

#: Mirrors policies/packs/default.toml [rules."urgent.late-no-acknowledgement"] urgency_words.
DEFAULT_URGENCY_WORDS: tuple[str, ...] = (
    "urgent",
    "urgently",
    "outage",
    "down",
    "production",
    "critical",
    "blocking",
    "blocker",
    "blocked",
    "asap",
    "emergency",
    "as soon as possible",
)

#: Urgency is read from at most this many characters of the customer's message.
MAX_SCAN = 200_000


@lru_cache(maxsize=32)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = []
    for w in sorted({w.strip().lower() for w in words if w and w.strip()}, key=len, reverse=True):
        parts.append(r"\s+".join(re.escape(p) for p in w.split()))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.I)


def urgency(texts: Iterable[str], words: Sequence[str]) -> tuple[str, ...]:
    """The urgency words found, lower-case, each once, in order of appearance."""
    pattern = _pattern(tuple(words))
    if pattern is None:
        return ()
    found: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        for m in pattern.finditer(text[:MAX_SCAN]):
            found.setdefault(" ".join(m.group(0).lower().split()), None)
    return tuple(found)

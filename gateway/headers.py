"""A cheap, bounded scan of a message's header section.

Scope must be decided for every message on the event loop, including mail that is
not ours to judge, so this never builds an `email.message.Message`: Python's
`policy.default` header parser is super-linear on hostile input (a 1 MB Subject
costs seconds).  We find the header block with one `bytes.find`, unfold it, and
keep raw values; only the few values scope needs are decoded, each guarded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.utils import getaddresses

_FIELD = re.compile(rb"^([!-9;-~]+)[ \t]*:[ \t]*(.*)$")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class HeaderView:
    """Header fields as (lower-case name, unfolded value) pairs, in order."""

    fields: tuple[tuple[str, str], ...]
    #: Offset where the body starts (after the blank line); len(raw) when none.
    body_offset: int
    #: The header section was longer than the scan limit (the rest was not read).
    truncated: bool = False

    def get(self, name: str, default: str | None = None) -> str | None:
        name = name.lower()
        for key, value in self.fields:
            if key == name:
                return value
        return default

    def get_all(self, name: str) -> list[str]:
        name = name.lower()
        return [value for key, value in self.fields if key == name]

    def has(self, name: str) -> bool:
        return self.get(name) is not None

    def names(self) -> set[str]:
        return {key for key, _ in self.fields}


def header_end(raw: bytes, limit: int) -> tuple[int, int, bool]:
    """(end of headers, start of body, truncated) within the first `limit` bytes."""
    window = raw[: limit + 4]
    candidates = [(i, 4) for i in (window.find(b"\r\n\r\n"),) if i >= 0]
    candidates += [(i, 2) for i in (window.find(b"\n\n"),) if i >= 0]
    if raw.startswith((b"\r\n", b"\n")):
        return 0, 2 if raw.startswith(b"\r\n") else 1, False
    if not candidates:
        if len(raw) <= limit:
            return len(raw), len(raw), False
        return limit, len(raw), True
    end, sep = min(candidates)
    if end > limit:
        return limit, end + sep, True
    return end, end + sep, False


def scan_headers(raw: bytes, limit: int = 1024 * 1024) -> HeaderView:
    """Scan at most `limit` bytes of header section; never raises on bad input."""
    end, body, truncated = header_end(raw, limit)
    # Continuation lines are collected and joined once: `value += line` would copy
    # the value for every line, O(n^2) on the event loop for a 1 MB folded header.
    fields: list[tuple[bytes, list[bytes]]] = []
    for line in raw[:end].splitlines():
        if line[:1] in (b" ", b"\t"):
            if fields:
                fields[-1][1].append(line.strip())
            continue
        m = _FIELD.match(line)
        if m:
            fields.append((m.group(1), [m.group(2).strip()]))
    return HeaderView(
        fields=tuple(
            (name.decode("ascii", "replace").lower(),
             b" ".join(pieces).decode("utf-8", "replace"))
            for name, pieces in fields
        ),
        body_offset=body,
        truncated=truncated,
    )


def clean_text(value: str, cap: int = 998) -> str:
    """Remove CR/LF and other control characters, collapse space, cap the length.

    Everything we echo from a header (into a note, a log line, an audit record)
    goes through this: an encoded-word can decode to "Hi\\r\\nBcc: x@y".
    """
    value = _CONTROL.sub(" ", value)
    value = " ".join(value.split())
    return value if len(value) <= cap else value[: cap - 1] + "…"


def decode_words(value: str, cap: int = 998) -> str:
    """Decode RFC 2047 encoded-words best effort, then `clean_text`."""
    if "=?" in value:
        try:
            value = str(make_header(decode_header(value[: cap * 4])))
        except Exception:  # noqa: BLE001 - malformed encoded-words keep their raw form
            pass
    return clean_text(value, cap)


def addresses(value: str | None) -> list[str]:
    """Bare, lower-cased addresses from an address header; [] when unparseable."""
    if not value:
        return []
    try:
        pairs = getaddresses([value[:65536]])
    except Exception:  # noqa: BLE001
        return []
    return [addr.strip().lower() for _, addr in pairs if "@" in addr]

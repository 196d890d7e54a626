"""Caps that keep extraction cheap and safe on hostile or broken input.

Python's `email` package parses headers super-linearly under `policy.default` and
raises RecursionError on deeply nested multiparts (research/protocol.md §6), so
extraction parses with compat32 and enforces these caps itself.  A breach never
raises: extraction continues on the part that fits and records a defect whose
prefix is stable ("limit:header-bytes", "limit:parts", "limit:depth",
"limit:decoded-size", "limit:message-bytes"), so the gateway can make and audit a
decision about it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every defect string for a breached cap starts with this.
LIMIT_PREFIX = "limit:"


@dataclass(frozen=True, slots=True)
class ExtractLimits:
    #: Raw message bytes looked at; the rest is ignored.
    max_message_bytes: int = 10 * 1024 * 1024
    #: Bytes of the header section that are parsed (real headers are < 64 KiB).
    max_header_bytes: int = 256 * 1024
    #: MIME parts visited (and multipart containers parsed).
    max_parts: int = 100
    #: Multipart nesting depth followed.
    max_depth: int = 20
    #: Decoded bytes of the body part that becomes the reply's text.
    max_decoded_bytes: int = 2 * 1024 * 1024
    #: Characters of one header value decoded (Subject, From, To ...).
    max_header_value_chars: int = 16 * 1024

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"ExtractLimits.{name} must be a positive integer, got {value!r}")

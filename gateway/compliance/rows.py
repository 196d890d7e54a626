"""One audit record -> one flat row with the same columns for every kind.

Search, export and the report all read records through `Row`, so a column means
the same thing everywhere.  A column the record does not carry (a subject removed
by `[audit] include_subject = false`, a decision on a note-sent record) is empty,
never invented.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from gateway.store.chain import iso
from gateway.store.records import AuditRecord

#: Export columns, in order.  The first ones answer "what, when, to whom, why".
COLUMNS: tuple[str, ...] = (
    "id",
    "time",
    "kind",
    "message_id",
    "subject",
    "sender",
    "recipients",
    "decision",
    "mode",
    "scope_reason",
    "rules",
    "values",
    "hold_id",
    "next_hop",
    "ms",
    "actor",
    "reason",
    "policy_version",
    "config_digest",
    "node",
    "hash",
)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


@dataclass(frozen=True, slots=True)
class Row:
    """The searchable, exportable view of one record."""

    id: int
    time: datetime
    kind: str
    data: Mapping[str, Any]
    hash: str

    # ------------------------------------------------------------ columns
    @property
    def message_id(self) -> str:
        return str(self.data.get("message_id") or "")

    @property
    def subject(self) -> str | None:
        """None when the record has no subject (privacy setting, or not a message)."""
        subject = self.data.get("subject")
        return None if subject is None else str(subject)

    @property
    def sender(self) -> str:
        return str(self.data.get("sender") or "")

    @property
    def recipients(self) -> tuple[str, ...]:
        return tuple(str(r) for r in self.data.get("recipients") or ())

    @property
    def decision(self) -> str:
        return str(self.data.get("decision") or "")

    @property
    def mode(self) -> str:
        return str(self.data.get("mode") or "")

    @property
    def hold_id(self) -> str:
        return str(self.data.get("hold_id") or "")

    @property
    def actor(self) -> str:
        return str(self.data.get("actor") or "")

    @property
    def findings(self) -> tuple[Mapping[str, Any], ...]:
        return tuple(f for f in self.data.get("findings") or () if isinstance(f, Mapping))

    @property
    def extra(self) -> Mapping[str, Any]:
        extra = self.data.get("extra")
        return extra if isinstance(extra, Mapping) else {}

    @property
    def rules(self) -> tuple[str, ...]:
        """Rule ids of the findings; follow-up records may name them in `extra.rules`."""
        found = [str(f.get("rule") or "") for f in self.findings]
        if not found:
            found = [str(r) for r in self.extra.get("rules") or () if isinstance(r, str)]
        return _unique(found)

    @property
    def hold_rules(self) -> tuple[str, ...]:
        """Rule ids of the findings that weigh `hold`."""
        return _unique(
            str(f.get("rule") or "") for f in self.findings if f.get("severity") == "hold"
        )

    @property
    def values(self) -> tuple[str, ...]:
        return _unique(str(f.get("value") or "") for f in self.findings)

    # ------------------------------------------------------------ output
    def as_dict(self) -> dict[str, Any]:
        """Every column, plus the findings in full (JSON export and search)."""
        d = self.data
        out: dict[str, Any] = {
            "id": self.id,
            "time": self.iso_time,
            "kind": self.kind,
            "message_id": self.message_id,
            "subject": self.subject,
            "sender": self.sender,
            "recipients": list(self.recipients),
            "decision": self.decision or None,
            "mode": self.mode or None,
            "scope_reason": d.get("scope_reason") or None,
            "rules": list(self.rules),
            "values": list(self.values),
            "hold_id": self.hold_id or None,
            "next_hop": d.get("next_hop") or None,
            "ms": d.get("ms"),
            "actor": self.actor or None,
            "reason": d.get("reason") or None,
            "policy_version": d.get("policy_version") or None,
            "config_digest": d.get("config_digest") or None,
            "node": d.get("node") or None,
            "hash": self.hash,
            "findings": [dict(f) for f in self.findings],
        }
        if self.extra:
            out["extra"] = dict(self.extra)
        return out

    def cells(self) -> list[str]:
        """The CSV cells, in `COLUMNS` order; lists joined with a space.  (Built
        directly, not via `as_dict`: an export calls this a million times.)"""
        d = self.data

        def text(key: str) -> str:
            value = d.get(key)
            return "" if value is None else str(value)

        ms = d.get("ms")
        return [
            str(self.id),
            self.iso_time,
            self.kind,
            text("message_id"),
            text("subject"),
            text("sender"),
            " ".join(self.recipients),
            text("decision"),
            text("mode"),
            text("scope_reason"),
            " ".join(self.rules),
            " ".join(self.values),
            text("hold_id"),
            text("next_hop"),
            "" if ms is None else f"{ms:.3f}".rstrip("0").rstrip("."),
            text("actor"),
            text("reason"),
            text("policy_version"),
            text("config_digest"),
            text("node"),
            self.hash,
        ]

    @property
    def iso_time(self) -> str:
        """The time exactly as recorded (the body's own text when it has one)."""
        recorded = self.data.get("time")
        return recorded if isinstance(recorded, str) else iso(self.time)


def row_of(record: AuditRecord) -> Row:
    data = record.data()
    moment = record.time
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return Row(
        id=record.id, time=moment, kind=str(record.kind), data=data, hash=record.hash
    )

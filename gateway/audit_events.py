"""Audit events built from what the gateway knows, with the privacy settings applied.

Pure: no I/O, no clock.  The [audit] privacy settings are applied HERE, before an
event reaches the store, because whatever reaches the store is hashed into the
chain and can never be removed without breaking it:

* `include_subject = false`    -> the subject is left out (None);
* `include_evidence = false`   -> findings keep rule, value and severity only (the
  customer-facing words, offsets and messages are left out);
* `pseudonymise_recipients`    -> each recipient becomes "anon:" + 16 hex digits of
  HMAC-SHA256(key, lower-cased address): the same customer always maps to the
  same pseudonym (so reports can still count), but the address cannot be read
  back without the key.  The key is a parameter; `derive_pseudonym_key` makes one
  from the token secret.

Follow-up records about a hold carry the hold's rule ids in `extra["rules"]`, so
reports can count releases and false-positive reports per rule.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from gateway.config import AuditSettings
from gateway.store.records import AuditEvent, Decision, EventKind, Hold, OutboxItem
from policies.types import Finding

PSEUDONYM_PREFIX = "anon:"
#: A subject is cut to this many characters (a header line's limit); a hostile
#: 1 MB Subject must not make a 1 MB audit record.
SUBJECT_LIMIT = 998
NULL_SENDER = "<>"


def derive_pseudonym_key(secret: str | bytes) -> bytes:
    """A pseudonym key derived from the token secret (a different key, so an audit
    export never helps anyone forge a release token)."""
    raw = secret.encode("utf-8") if isinstance(secret, str) else secret
    if not raw:
        raise ValueError("a secret is needed to derive the pseudonym key")
    return hmac.new(raw, b"grace-gateway/audit-pseudonym/v1", hashlib.sha256).digest()


def pseudonymise(address: str, key: bytes) -> str:
    digest = hmac.new(key, address.strip().lower().encode("utf-8"), hashlib.sha256)
    return PSEUDONYM_PREFIX + digest.hexdigest()[:16]


@dataclass(frozen=True)
class AuditPrivacy:
    """The [audit] privacy settings plus the pseudonym key, applied to every event."""

    include_subject: bool = True
    include_evidence: bool = True
    pseudonymise_recipients: bool = False
    key: bytes = field(default=b"", repr=False)

    def __post_init__(self) -> None:
        if self.pseudonymise_recipients and not self.key:
            raise ValueError("pseudonymise_recipients needs a key (derive_pseudonym_key)")

    @classmethod
    def from_settings(cls, audit: AuditSettings, key: bytes = b"") -> AuditPrivacy:
        return cls(
            include_subject=audit.include_subject,
            include_evidence=audit.include_evidence,
            pseudonymise_recipients=audit.pseudonymise_recipients,
            key=key,
        )

    def recipients(self, addresses: Iterable[str]) -> tuple[str, ...]:
        if self.pseudonymise_recipients:
            return tuple(pseudonymise(a, self.key) for a in addresses)
        return tuple(addresses)

    def subject(self, subject: str | None) -> str | None:
        if not self.include_subject or subject is None:
            return None
        return subject if len(subject) <= SUBJECT_LIMIT else subject[: SUBJECT_LIMIT - 1] + "…"

    def finding(self, finding: Finding | Mapping[str, Any]) -> dict[str, Any]:
        data = finding.to_dict() if isinstance(finding, Finding) else dict(finding)
        keep = ["rule", "value", "severity"]
        if self.include_evidence:
            keep += ["message", "evidence", "start", "end"]
        return {k: data[k] for k in keep if data.get(k) not in (None, "")}


def decision_event(
    *,
    time: datetime,
    decision: Decision,
    mail_from: str,
    rcpt_tos: Sequence[str],
    privacy: AuditPrivacy,
    message_id: str = "",
    subject: str | None = None,
    scope_reason: str = "",
    mode: str | None = None,
    findings: Sequence[Finding | Mapping[str, Any]] = (),
    hold_id: str = "",
    next_hop: str = "",
    ms: float | None = None,
    policy_version: str = "",
    config_digest: str = "",
    node: str = "",
    reason: str = "",
    extra: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """The one DECISION record for one message (per attempt).

    time: when the message was received (timezone-aware).
    decision: forward / hold / pass-through / deferred (we answered 4xx) / rejected.
    mail_from, rcpt_tos: the SMTP envelope ("" or "<>" = null sender, recorded "<>").
    privacy: the [audit] settings and key (`AuditPrivacy.from_settings`).
    message_id, subject: from the headers; the subject obeys include_subject.
    scope_reason: `ScopeDecision.reason`; mode: the mode used (None out of scope).
    findings: `policies.types.Finding`s (or their dicts); evidence obeys
        include_evidence.
    hold_id: the hold when decision is hold.  next_hop: the next hop's answer
        ("250 2.0.0 Ok: queued as X", or the 4xx/5xx/connection error).
    ms: processing time.  policy_version: `PolicySet.version`.  config_digest:
        `Settings.digest`.  node: "host:pid".  reason: why, for deferred /
        rejected / limits (an error text).  extra: anything else JSON-able
        (e.g. {"policy_errors": [...]}).
    """
    return AuditEvent(
        kind=EventKind.DECISION,
        time=time,
        message_id=message_id.strip(),
        sender=mail_from.strip() or NULL_SENDER,
        recipients=privacy.recipients(rcpt_tos),
        subject=privacy.subject(subject),
        decision=Decision(decision),
        scope_reason=scope_reason,
        mode=str(mode or ""),
        findings=tuple(privacy.finding(f) for f in findings),
        hold_id=hold_id,
        next_hop=next_hop,
        ms=None if ms is None else round(float(ms), 3),
        policy_version=policy_version,
        config_digest=config_digest,
        node=node,
        reason=reason,
        extra=dict(extra or {}),
    )


def hold_event(
    kind: EventKind,
    hold: Hold,
    *,
    time: datetime,
    privacy: AuditPrivacy,
    actor: str = "",
    reason: str = "",
    next_hop: str = "",
    node: str = "",
    extra: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """A later event about a hold: released, release-refused, discarded, superseded,
    expired, escalated, false-positive, purged, release-requested.

    actor: who acted (an address, "cli:<user>" or "system"); reason: the
    justification or why it was refused; next_hop: the answer when forwarded.
    """
    return AuditEvent(
        kind=EventKind(kind),
        time=time,
        message_id=hold.message_id,
        sender=hold.mail_from or NULL_SENDER,
        recipients=privacy.recipients(hold.rcpt_tos),
        subject=privacy.subject(hold.subject),
        hold_id=hold.id,
        mode=hold.mode,
        actor=actor,
        reason=reason,
        next_hop=next_hop,
        node=node,
        extra={"rules": list(hold.rules), **(extra or {})},
    )


def outbox_event(
    kind: EventKind,
    item: OutboxItem,
    *,
    time: datetime,
    privacy: AuditPrivacy,
    message_id: str = "",
    next_hop: str = "",
    reason: str = "",
    node: str = "",
    extra: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """note-sent / note-failed for one outbox item (review note, answer, escalation).

    message_id: the Message-ID of the reply the note is about (so a search by the
    reply's id finds its note); next_hop: the answer; reason: the error text.
    Recipients of a note are staff (the author, reviewers), never pseudonymised.
    """
    return AuditEvent(
        kind=EventKind(kind),
        time=time,
        message_id=message_id,
        sender=item.mail_from or NULL_SENDER,
        recipients=tuple(item.rcpt_tos),
        hold_id=item.hold_id,
        next_hop=next_hop,
        reason=reason,
        node=node,
        extra={"outbox_id": item.id, "outbox_kind": str(item.kind),
               "attempt": item.attempts + 1, **(extra or {})},
    )


def checkpoint_event(*, time: datetime, retain_days: int, node: str = "",
                     actor: str = "system") -> AuditEvent:
    """The event `Store.prune` appends; the store adds the pruned range to `extra`."""
    return AuditEvent(
        kind=EventKind.CHECKPOINT,
        time=time,
        actor=actor,
        node=node,
        reason=f"records older than {retain_days} days pruned ([audit] retain_days)",
        extra={"retain_days": retain_days},
    )

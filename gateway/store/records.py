"""Records the gateway keeps: audit events, holds, outbox items.

These are the contract between the shell (server, holds, notes, CLI) and the
storage backends (SQLite by default, PostgreSQL for several gateways).  Times are
timezone-aware UTC datetimes; ids are strings so they travel between backends.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class EventKind(StrEnum):
    """What an audit record is about.  One DECISION per message per attempt."""

    DECISION = "decision"  # forward / hold / pass-through / deferred / rejected
    NOTE_SENT = "note-sent"
    NOTE_FAILED = "note-failed"  # one failed attempt (it will be retried)
    RELEASE_REQUESTED = "release-requested"  # intent recorded, forward pending
    RELEASED = "released"  # forwarded after a hold
    RELEASE_REFUSED = "release-refused"  # bad/forged/expired token, wrong sender ...
    DISCARDED = "discarded"
    SUPERSEDED = "superseded"  # the author sent a corrected reply
    EXPIRED = "expired"  # hold timeout reached (then escalated/released/kept)
    ESCALATED = "escalated"
    FALSE_POSITIVE = "false-positive"  # reported by the author or a reviewer
    PURGED = "purged"  # a held message body deleted after retention
    CHECKPOINT = "checkpoint"  # older records pruned; carries the pruned range's hash


class Decision(StrEnum):
    FORWARD = "forward"
    HOLD = "hold"
    PASS = "pass-through"
    DEFERRED = "deferred"  # we answered 4xx: the client keeps the message
    REJECTED = "rejected"  # the next hop answered 5xx and we passed it back
    DUPLICATE = "duplicate"  # the same message again while its hold exists: 250, not kept


@dataclass(frozen=True)
class AuditEvent:
    """What the caller wants recorded.  The store adds id, time order and hashes.

    Everything here ends up in the hashed record body, so it must be JSON-able.
    Privacy settings ([audit] include_subject ...) are applied before this is built.
    """

    kind: EventKind
    time: datetime
    message_id: str = ""
    sender: str = ""
    recipients: tuple[str, ...] = ()
    subject: str | None = None
    decision: Decision | None = None
    scope_reason: str = ""
    mode: str = ""
    #: Finding dicts: rule, value, severity (+ evidence, start, end unless excluded).
    findings: tuple[Mapping[str, Any], ...] = ()
    hold_id: str = ""
    #: The next hop's answer, e.g. "250 2.0.0 Ok: queued as ABC".
    next_hop: str = ""
    ms: float | None = None
    policy_version: str = ""
    config_digest: str = ""
    #: Who acted (release, discard, report): an address or "cli:<user>" or "system".
    actor: str = ""
    #: Why: a justification, an error text, a timeout reason.
    reason: str = ""
    #: Gateway node that wrote it (host:pid), for several processes/nodes.
    node: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditRecord:
    """A stored audit record: `body` is exactly the bytes that were hashed."""

    id: int
    kind: EventKind
    time: datetime
    body: bytes
    prev_hash: str
    hash: str

    def data(self) -> dict[str, Any]:
        import json

        return json.loads(self.body)


@dataclass(frozen=True)
class ChainHead:
    id: int
    hash: str


class HoldState(StrEnum):
    HELD = "held"
    RELEASING = "releasing"  # release intent recorded; forward to the next hop pending
    RELEASED = "released"
    DISCARDED = "discarded"
    SUPERSEDED = "superseded"
    EXPIRED = "expired"  # on_timeout = keep/escalate leaves it HELD; release -> RELEASING

    @property
    def open(self) -> bool:
        return self in (HoldState.HELD, HoldState.RELEASING)


def new_id(prefix: str) -> str:
    """Random, URL- and filename-safe id: prefix + 20 lower-case base32 chars."""
    import base64

    return prefix + base64.b32encode(secrets.token_bytes(15)).decode().lower()


HOLD_ID_PATTERN = r"h[a-z2-7]{24}"


class ForwardStage(StrEnum):
    """How far the forward of a RELEASING hold got (the release lease, see
    `Store.claim_forward`).  Recorded durably before the step it names happens."""

    NONE = "none"  # nothing handed over yet: forwarding (again) sends it once
    DATA = "data"  # about to hand the body over: delivery unknown until answered
    DELIVERED = "delivered"  # the next hop said 250; only the RELEASED record may be missing


@dataclass(frozen=True)
class Hold:
    id: str
    state: HoldState
    created_at: datetime
    #: When the hold times out ([holds] timeout after creation).
    deadline: datetime
    message_id: str
    #: The author (the support sender that matched scope), who may release it.
    author: str
    mail_from: str
    rcpt_tos: tuple[str, ...]
    subject: str
    #: Message-IDs this reply answers (In-Reply-To + References): a later reply by
    #: the same author to the same thread supersedes the hold.
    thread_ids: tuple[str, ...]
    #: Rule ids that caused the hold.
    rules: tuple[str, ...]
    mode: str
    size: int
    sha256: str
    #: MAIL FROM parameters to use when the held message is finally forwarded.
    mail_options: tuple[str, ...] = ()
    updated_at: datetime | None = None
    ended_at: datetime | None = None
    actor: str = ""
    reason: str = ""
    escalated_at: datetime | None = None
    #: The next hop's answer when it was finally forwarded.
    next_hop: str = ""
    #: When the held message's bytes were deleted (retention); None = still kept.
    purged_at: datetime | None = None
    #: The release lease (schema 2): which gateway process forwards this RELEASING
    #: hold, until when, and how far it got.  Only the `*_forward` store methods
    #: change these; every `transition` clears them.
    forward_owner: str = ""
    forward_stage: ForwardStage = ForwardStage.NONE
    #: The next hop's answer once `forward_stage` is DELIVERED.
    forward_reply: str = ""
    lease_until: datetime | None = None


class OutboxKind(StrEnum):
    NOTE = "note"  # review note to the author
    ANSWER = "answer"  # answer to a release/report mail
    ESCALATION = "escalation"  # to reviewers


class OutboxState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # gave up after max attempts (recorded, escalated)


@dataclass(frozen=True)
class OutboxItem:
    """A message the gateway itself must send (never lost: retried from here)."""

    id: str
    kind: OutboxKind
    mail_from: str  # "" = null sender <> (notes, per RFC 3834)
    rcpt_tos: tuple[str, ...]
    raw: bytes
    created_at: datetime
    next_attempt_at: datetime
    hold_id: str = ""
    attempts: int = 0
    state: OutboxState = OutboxState.PENDING
    last_error: str = ""
    #: Node holding the lease while sending (several gateways share the outbox).
    lease_owner: str = ""
    lease_until: datetime | None = None

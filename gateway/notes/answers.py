"""Short answers to mail sent to the gateway's own addresses, and their audit events.

Every release, report or discard by mail gets an answer: "done", or why nothing
happened and what to do instead.  Answers are plain text, sent with the null
envelope sender and `Auto-Submitted: auto-replied` (RFC 3834) so no answer can
start a loop, and carry the marker header so the gateway never judges them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import format_datetime, make_msgid
from typing import Any

from gateway import audit_events
from gateway.audit_events import AuditPrivacy, derive_pseudonym_key
from gateway.config import Settings
from gateway.headers import clean_text
from gateway.notes.compose import _address_header, _header, _ids_header
from gateway.scope import MARKER_HEADER
from gateway.store.records import AuditEvent, EventKind, Hold, OutboxItem, OutboxKind, new_id

SIGNATURE = "Grace Gateway, the reply check of your support team"


def _wrap_paragraphs(paragraphs: Sequence[str]) -> str:
    out = []
    for para in paragraphs:
        if para.startswith(("   ", "> ")):
            out.append(para)  # addresses, commands, quotes: never re-wrapped
        else:
            out.append(" ".join(para.split()))  # one line per paragraph: clients wrap
    return "\r\n\r\n".join(out)


def compose_answer(
    settings: Settings,
    *,
    to: str,
    subject: str,
    paragraphs: Sequence[str],
    now: datetime,
    in_reply_to: str = "",
    hold_id: str = "",
    reply_to: str = "",
) -> bytes:
    """A plain-text answer mail (UTF-8, quoted-printable), ready for the outbox."""
    from gateway.notes.compose import _text_part, message_ids

    body = _wrap_paragraphs([*paragraphs, "-- \r\n" + SIGNATURE]) + "\r\n"
    ids = message_ids(in_reply_to, 1)
    marker = f"answer; hold={hold_id}" if hold_id else "answer"
    head = [
        _address_header("From", "Grace Gateway", settings.note_from),
        f"To: {clean_text(to, 320)}\r\n".encode(),
        _header("Subject", clean_text(subject, 200)),
        f"Date: {format_datetime(now.astimezone(UTC))}\r\n".encode(),
        f"Message-ID: {make_msgid('grace', domain=settings.org_domain)}\r\n".encode(),
        _ids_header("In-Reply-To", ids),
        _ids_header("References", ids),
        _address_header("Reply-To", "Grace Gateway", reply_to) if reply_to else b"",
        b"Auto-Submitted: auto-replied\r\n",
        b"X-Auto-Response-Suppress: All\r\n",
        f"{MARKER_HEADER}: {marker}\r\n".encode(),
        b"MIME-Version: 1.0\r\n",
    ]
    return b"".join(head) + _text_part("text/plain", body)


def answer_item(
    settings: Settings, raw: bytes, to: str, now: datetime, hold_id: str = "",
    kind: OutboxKind = OutboxKind.ANSWER,
) -> OutboxItem:
    return OutboxItem(
        id=new_id("o"), kind=kind, mail_from="", rcpt_tos=(to,), raw=raw,
        created_at=now, next_attempt_at=due_now(now), hold_id=hold_id,
    )


def due_now(now: datetime) -> datetime:
    """Send at once: never later than the wall clock, even when the caller's `now`
    (a test driving time, a clock ahead of the outbox worker's) is in the future."""
    return min(now, datetime.now(UTC))


def may_answer(address: str) -> bool:
    """RFC 3834 §2: never answer the null sender, daemons or list robots."""
    address = address.strip().lower()
    if not address or address == "<>" or "@" not in address:
        return False
    local = address.rpartition("@")[0]
    return not (
        local in ("mailer-daemon", "postmaster", "nobody", "noreply", "no-reply")
        or local.startswith("owner-")
        or local.endswith("-request")
        or local.startswith("bounce")
    )


# ------------------------------------------------------------------ audit events


_PRIVACY: dict[int, tuple[Settings, AuditPrivacy]] = {}


def _privacy(settings: Settings) -> AuditPrivacy:
    """The [audit] privacy for these settings (the key is derived once per Settings)."""
    cached = _PRIVACY.get(id(settings))
    if cached is not None and cached[0] is settings:
        return cached[1]
    key = b""
    if settings.audit.pseudonymise_recipients:
        from gateway.notes.tokens import load_secret

        key = derive_pseudonym_key(load_secret(settings))
    privacy = AuditPrivacy.from_settings(settings.audit, key)
    if len(_PRIVACY) > 32:
        _PRIVACY.clear()
    _PRIVACY[id(settings)] = (settings, privacy)
    return privacy


def hold_event(
    settings: Settings,
    kind: EventKind,
    hold: Hold | None,
    now: datetime,
    *,
    node: str = "",
    actor: str = "",
    reason: str = "",
    next_hop: str = "",
    findings: Sequence[Mapping[str, Any]] = (),
    extra: Mapping[str, Any] | None = None,
    hold_id: str = "",
    message_id: str = "",
) -> AuditEvent:
    """An audit event about a hold (or a forwarded reply), [audit] privacy applied.

    Built by `gateway.audit_events.hold_event`, so follow-up records carry the
    hold's rule ids in `extra["rules"]` like every other record about a hold.
    """
    actor, reason, next_hop = clean_text(actor, 320), clean_text(reason, 1000), clean_text(
        next_hop, 500)
    if hold is not None:
        event = audit_events.hold_event(
            kind, hold, time=now, privacy=_privacy(settings), actor=actor, reason=reason,
            next_hop=next_hop, node=node, extra=extra,
        )
    else:
        event = AuditEvent(
            kind=kind, time=now, message_id=message_id, hold_id=hold_id, actor=actor,
            reason=reason, next_hop=next_hop, node=node, extra=dict(extra or {}),
        )
    return replace(event, findings=tuple(dict(f) for f in findings),
                   config_digest=settings.digest)

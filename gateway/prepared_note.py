"""The hold record and its note, written in the analysis process with the verdict.

A held reply needs a review note, and writing one is CPU work (the text of every
finding, the HTML, the original attached).  Done as a second job it sent the
whole Analysis back to an analysis process and the note back again (measured:
about a tenth of the gateway process's CPU per held reply).  So the gateway
sends, with the analysis job, what only it can make — the hold id, the clock
reading and the signed tokens — and the analysis process writes the hold
record and the note as soon as it has the verdict.  The gateway process still
decides everything that touches state: it may drop the prepared hold (a
duplicate) or the note (notes off), and composes the note itself, as before,
when the analysis did not run (an "unchecked" decision).

Pure: no I/O, no clock (the time comes in the plan).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from gateway.config import Settings
from gateway.headers import clean_text, decode_words
from gateway.notes.compose import MSGID
from gateway.pipeline import Analysis
from gateway.review_tag import strip_review_tag
from gateway.store.records import Hold, HoldState
from gateway.verdict import Action
from policies.types import Severity


@dataclass(frozen=True)
class NotePlan:
    """What the gateway hands the analysis process so it can write the note."""

    #: `compose_note`'s signature (a module-level function: it is pickled by name).
    compose: Callable[..., bytes]
    now: datetime
    hold_id: str
    mail_from: str
    #: The MAIL FROM parameters kept for the final forward.
    mail_options: tuple[str, ...]
    release_token: str | None
    hold_report_token: str | None
    #: For a forwarded reply with advice (no hold).
    note_report_token: str | None


@dataclass(frozen=True)
class Prepared:
    """The hold (for a held reply) and the note, or why the note is missing."""

    hold: Hold | None = None
    note: bytes | None = None
    #: "ValueError: ..." when composing the note raised (the hold still stands).
    note_error: str = ""


def outgoing_bytes(settings: Settings, raw: bytes, analysis: Analysis) -> bytes:
    """The bytes that go on (and are held): the review tag taken off the Subject."""
    if analysis.scope.review_tag:
        return strip_review_tag(raw, settings.scope.review_tag,
                                settings.limits.max_header_bytes)
    return raw


def hold_record(*, hold_id: str, settings: Settings, analysis: Analysis, raw: bytes,
                mail_from: str, rcpt_tos: tuple[str, ...], mail_options: tuple[str, ...],
                now: datetime) -> Hold:
    """The hold of `raw` (the outgoing bytes) as the store keeps it."""
    headers = analysis.headers
    thread = []
    for name in ("in-reply-to", "references"):
        for value in headers.get_all(name):
            thread.extend(MSGID.findall(value))
    rules = tuple(dict.fromkeys(
        f.rule for f in analysis.findings if f.severity == Severity.HOLD))
    return Hold(
        id=hold_id,
        state=HoldState.HELD,
        created_at=now,
        deadline=now + timedelta(seconds=settings.holds.timeout),
        message_id=clean_text(headers.get("message-id") or "", 300),
        author=analysis.scope.sender,
        mail_from=mail_from,
        rcpt_tos=rcpt_tos,
        subject=decode_words(headers.get("subject") or "", 300),
        thread_ids=tuple(dict.fromkeys(thread))[:100],
        rules=rules,
        mode=str(analysis.mode or ""),
        size=len(raw),
        sha256=hashlib.sha256(raw).hexdigest(),
        mail_options=mail_options,
    )


def prepare(settings: Settings, analysis: Analysis, raw: bytes, plan: NotePlan) -> Prepared:
    """The hold record and note that go with `analysis`'s verdict (empty otherwise)."""
    held = analysis.action == Action.HOLD
    if not held and not (analysis.action == Action.FORWARD and analysis.verdict.note):
        return Prepared()
    out = outgoing_bytes(settings, raw, analysis)
    hold = None
    if held:
        hold = hold_record(hold_id=plan.hold_id, settings=settings, analysis=analysis,
                           raw=out, mail_from=plan.mail_from,
                           rcpt_tos=analysis.envelope.rcpt_tos,
                           mail_options=plan.mail_options, now=plan.now)
    try:
        note = plan.compose(
            settings=settings, analysis=analysis, original=out, hold=hold,
            release_token=plan.release_token if held else None,
            report_token=plan.hold_report_token if held else plan.note_report_token,
            now=plan.now,
        )
    except Exception as exc:  # noqa: BLE001 - the hold stands without its note
        return Prepared(hold, None, f"{type(exc).__name__}: {exc}")
    return Prepared(hold, note)

"""`extract_reply`: raw message bytes -> `policies.types.Reply` (pure: no I/O, no clock).

The steps, each in its own module:

1. `mime`      - parse with compat32 under `ExtractLimits`, pick the body part
                 (text/plain preferred), decode transfer encoding and charset;
2. `html`      - an HTML-only body becomes text with quotes marked "> ";
3. `helpdesk`  - Zendesk / Help Scout / Jira SM / Intercom layouts: the newest
                 agent comment and the ticket history;
   `quotes`    - otherwise: quoted history, Outlook blocks, inline replies;
4. `signature` - signatures, sign-offs and legal footers;
5. `normalise` - the final text (offsets of findings point into it);
6. `dates`, `facts` - the customer's message time and urgency words.

Nothing here raises on bad input: problems become strings in `Reply.defects`
("limit:..." for a breached cap, "charset:...", "mime:...", "date:...").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from gateway.extract import dates, facts, helpdesk, mime
from gateway.extract.html import html_to_text
from gateway.extract.limits import ExtractLimits
from gateway.extract.normalise import normalise, unflow
from gateway.extract.quotes import (
    QuotedMessage,
    author_tags,
    sent_value,
    split_quotes,
    tagged_answers,
)
from gateway.extract.signature import strip_signature
from policies.types import Reply

log = logging.getLogger(__name__)

_DEFAULT_LIMITS = ExtractLimits()
#: A Date header further from the receipt time than this is not trusted as "now".
DATE_AHEAD = timedelta(days=1)
DATE_BEHIND = timedelta(days=7)
#: Starts only where a run of address characters starts (else O(n^2) on a long run).
_EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_SUBJECT_MAX = 998
#: "Tue, 3 Mar 2026 19:02:00 +0000" - a forwarded header block may carry the RFC form.
_RFC5322_DATE = re.compile(
    r"^(?:\w{3},\s*)?\d{1,2}\s+\w{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|[A-Z]{2,4})"
)


def extract_reply(
    raw: bytes,
    *,
    sender: str = "",
    recipients: Sequence[str] = (),
    received_at: datetime | None = None,
    limits: ExtractLimits = _DEFAULT_LIMITS,
    urgency_words: Sequence[str] = facts.DEFAULT_URGENCY_WORDS,
) -> Reply:
    """The author's own words of a reply, plus the facts the rules need.

    `sender`/`recipients` are the SMTP envelope; `received_at` is when the
    gateway received the message ("now" when the Date header is missing or not
    sane).  `urgency_words` normally comes from the policy pack (rule
    "urgent.late-no-acknowledgement", param `urgency_words`).
    """
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise TypeError("extract_reply expects the raw message as bytes")
    try:
        return _extract(
            bytes(raw), sender, tuple(recipients), received_at, limits, tuple(urgency_words)
        )
    except Exception as exc:  # noqa: BLE001 - extraction must never take the gateway down
        log.exception("reply extraction failed; continuing with an empty reply")
        return Reply(
            text="",
            sent_at=_aware(received_at),
            defects=(f"extract:error:{type(exc).__name__}",),
            sender=sender,
            recipients=tuple(recipients),
        )


def _aware(dt: datetime | None) -> datetime | None:
    if dt is not None and dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt


def _sent_at(date_value: str, received_at: datetime | None, defects: list[str]) -> datetime | None:
    received_at = _aware(received_at)
    if not date_value:
        defects.append("date:missing")
        return received_at
    dt = dates.header_date(date_value)
    if dt is None:
        defects.append("date:unparsable")
        return received_at
    sane = 2000 <= dt.year <= 2100
    if sane and received_at is not None:
        sane = received_at - DATE_BEHIND <= dt <= received_at + DATE_AHEAD
    if not sane:
        defects.append("date:insane")
        return received_at
    return dt


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _header_map(msg, limits: ExtractLimits, defects: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in ("X-Mailer", "Message-ID", "Reply-To", "User-Agent"):
        out[name.lower()] = mime.header_str(msg, name, limits, defects)
    try:
        keys = [str(k) for k in (msg.keys() if msg is not None else [])][:500]
    except Exception:  # noqa: BLE001
        keys = []
    out["_keys"] = " ".join(keys)
    return out


def _extract(
    raw: bytes,
    sender: str,
    recipients: tuple[str, ...],
    received_at: datetime | None,
    limits: ExtractLimits,
    urgency_words: tuple[str, ...],
) -> Reply:
    parsed = mime.parse(raw, limits)
    defects = parsed.defects
    msg = parsed.headers
    subject = mime.header_str(msg, "Subject", limits, defects)[:_SUBJECT_MAX]
    from_display, from_addr = mime.address(msg, "From", limits, defects)
    people = mime.addresses(msg, ("To", "Cc"), limits, defects)
    sent_at = _sent_at(mime.header_str(msg, "Date", limits, defects), received_at, defects)
    not_after = sent_at
    zone = sent_at.tzinfo if sent_at else UTC

    body = parsed.body
    if body.kind == "text/html":
        text = html_to_text(body.text, defects)
    else:
        lines_raw = _lines(body.text)
        if body.flowed:
            lines_raw = unflow(lines_raw, body.delsp)
        text = "\n".join(lines_raw)
    lines = _lines(text)

    headers = _header_map(msg, limits, defects)
    desk = helpdesk.detect(
        headers, text, body.html_alternative or (body.text if body.kind == "text/html" else "")
    )
    layout = helpdesk.split(desk, lines, sender_display=from_display) if desk else None

    customer_at = None
    answers: list[str] = []  # the author's tagged answers inside the quote, if any
    urgency_texts: list[str] = [subject]
    names = from_display
    if layout is not None:
        author_lines = layout.author
        # a comment can still quote the customer: split it like any reply
        inner = split_quotes(author_lines)
        author_lines = inner.author
        quoted_lines = inner.quoted + layout.history
        agents = {from_display, layout.comment_author}
        agents |= helpdesk.agents_from_html(body.html_alternative)
        customers = {d for d, _a in people if d}
        helpdesk.assign_roles(layout.entries, agents=agents, customers=customers)
        newest = None
        for entry in layout.entries:
            if entry.role != "customer":
                continue
            at = dates.parse_when(entry.when, default_tz=zone, not_after=not_after)
            if at is not None and (newest is None or at > newest[0]):
                newest = (at, entry)
        if newest is not None:
            customer_at = newest[0]
            urgency_texts.append("\n".join(newest[1].lines))
        elif layout.entries:
            # times unreadable: the first customer entry in the layout's order
            first = next((e for e in layout.entries if e.role == "customer"), None)
            if first is not None:
                urgency_texts.append("\n".join(first.lines))
        if layout.comment_author:
            names = layout.comment_author
        comment = layout.comment
    else:
        split = split_quotes(lines)
        author_lines = split.author
        # answers written into the quote under the author's name ("[Tobias] Yes, ...")
        tags = author_tags(from_display)
        answers, quoted_lines = tagged_answers(split.quoted, tags)
        customer_at = _customer_time(
            split.newest, zone, not_after, {from_addr.lower(), sender.lower()}
        )
        # the customer's urgency is in their words, not in the author's answers
        urgency_texts.append("\n".join(tagged_answers(split.newest.body, tags)[1]))
        comment = desk == helpdesk.FRESHDESK

    author_lines, signature = strip_signature(author_lines, names)
    if names != from_display:
        author_lines, more = strip_signature(author_lines, from_display)
        signature = more + signature
    if answers:
        author_lines = [*author_lines, "", *answers]
    final = normalise(author_lines)
    if comment and helpdesk.is_notification(subject, final):
        comment = False  # a receipt or a survey: the help desk speaking, not an agent

    return Reply(
        text=final,
        subject=subject,
        quoted="\n".join(quoted_lines).strip("\n"),
        sent_at=sent_at,
        customer_sent_at=customer_at,
        customer_urgency=facts.urgency(urgency_texts, urgency_words),
        helpdesk=desk,
        helpdesk_comment=bool(desk) and comment,
        source_part=body.kind,
        defects=tuple(defects),
        sender=sender or from_addr,
        recipients=recipients,
    )


#: The author line of a quoted header ("From:", and its usual translations).
_FROM_LINE = re.compile(
    r"[ \t]*(?:\*+[ \t]*)?(?:from|von|de|van|da|fr\u00e5n|fra|od|от)[ \t]*(?:\*+[ \t]*)?:",
    re.IGNORECASE,
)


def _same_org(address: str, own: set[str]) -> bool:
    """Is `address` at the author's organisation: the same domain as one of our
    addresses, or one inside the other ("support@fabrikam.example" for an author
    at "care.fabrikam.example")?"""
    domain = address.rpartition("@")[2]
    for mine in own:
        ours = mine.rpartition("@")[2]
        if domain and ours and (
            domain == ours or domain.endswith("." + ours) or ours.endswith("." + domain)
        ):
            return True
    return False


def _customer_time(
    newest: QuotedMessage, zone, not_after: datetime | None, own_addresses: set[str]
) -> datetime | None:
    """The time in the newest quote header, unless that message is the author's own."""
    if not newest.header:
        return None
    author_line = next((line for line in newest.header.split("\n")
                        if _FROM_LINE.match(line)), newest.header)
    addrs = {a.lower() for a in _EMAIL.findall(author_line)}
    own = {a for a in own_addresses if a}
    if addrs and all(a in own or _same_org(a, own) for a in addrs):
        return None  # our own earlier message (forwarded or quoted), not the customer's
    header = newest.header
    if newest.kind == "outlook":
        header = next((v for v in map(sent_value, header.split("\n")) if v is not None), "")
        if not header:
            return None
        if _RFC5322_DATE.match(header):
            rfc = dates.header_date(header)
            if rfc is not None and (not_after is None or rfc <= not_after + dates.SKEW):
                return rfc
    return dates.parse_when(header, default_tz=zone, not_after=not_after)

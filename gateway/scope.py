"""Scope: is this message a support reply we should judge?  Pure, headers only.

Out of scope mail is relayed byte for byte, so every "no" here must be cheap and
safe.  The order of the checks is the order of certainty: things that can never
be judged (bounces, our own notes, auto-replies, lists) first, then who sent it,
to whom, and whether it answers someone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gateway.config import ScopeSettings
from gateway.headers import HeaderView, addresses, decode_words

#: Marker header on everything the gateway itself sends (notes, answers).
MARKER_HEADER = "X-Grace-Gateway"

@dataclass(frozen=True, slots=True)
class Envelope:
    """The SMTP envelope: what the server was told, not what the headers say."""

    mail_from: str  # "" for the null sender <>
    rcpt_tos: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScopeDecision:
    in_scope: bool
    #: Short machine-readable reason, e.g. "support-reply", "null-sender".
    reason: str
    #: The support sender that matched (lower case), "" when none did.
    sender: str = ""
    #: The subject carries the review tag (forces enforce for this message).
    review_tag: bool = False
    #: In scope only if extraction finds a help-desk agent comment
    #: (`Auto-Submitted: auto-generated` from a help desk).
    needs_helpdesk_comment: bool = False


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].strip().rstrip(">").lower()


def matches(address: str, patterns: Iterable[str]) -> bool:
    """`support@acme.example` or `*@support.acme.example` (exact domain)."""
    address = address.strip().lower()
    if not address:
        return False
    domain = domain_of(address)
    for pattern in patterns:
        if pattern.startswith("*@"):
            if domain == pattern[2:]:
                return True
        elif address == pattern:
            return True
    return False


def is_internal(address: str, internal_domains: Sequence[str]) -> bool:
    """A recipient at an internal domain or any of its subdomains."""
    domain = domain_of(address)
    return any(domain == d or domain.endswith("." + d) for d in internal_domains)


def reply_subject(subject: str, prefixes: Sequence[str]) -> bool:
    """`Re:`-style subject, also behind help-desk tags such as `[Acme] Re: ...`."""
    rest = subject.strip()
    for _ in range(4):  # a few leading tags: "[Acme] [#123] Re: ..."
        m = re.match(r"\[[^\]]{0,80}\]\s*", rest)
        if not m:
            break
        rest = rest[m.end():]
    m = re.match(r"([A-Za-z]{1,5})(?:\[\d+\])?\s*:", rest)
    return bool(m and m.group(1).lower() in prefixes)


def has_review_tag(subject: str, tag: str) -> bool:
    return bool(tag) and tag.lower() in subject.lower()


def decide_scope(
    headers: HeaderView, envelope: Envelope, settings: ScopeSettings
) -> ScopeDecision:
    """Decide scope from the envelope and the header scan alone."""
    if envelope.mail_from in ("", "<>"):
        return ScopeDecision(False, "null-sender")
    if headers.has(MARKER_HEADER):
        return ScopeDecision(False, "gateway-note")

    # Help desks (Zendesk, Jira Service Management ...) mark an agent's comment
    # `Auto-Submitted: auto-generated` and often `Precedence: bulk`: a person's reply
    # all the same, or a survey/acknowledgement.  Their headers vary (some send no
    # X-Mailer at all), so the body's layout decides: in scope only when the
    # newest entry is an agent's comment (`needs_helpdesk_comment`).
    needs_comment = False
    auto = (headers.get("auto-submitted") or "no").split(";")[0].strip().lower()
    if auto != "no":
        if auto != "auto-generated":
            return ScopeDecision(False, f"auto-submitted:{auto}")
        needs_comment = True
    precedence = (headers.get("precedence") or "").strip().lower()
    if precedence in ("bulk", "list", "junk"):
        if precedence != "bulk":
            return ScopeDecision(False, f"precedence:{precedence}")
        needs_comment = True
    if headers.has("list-id"):
        return ScopeDecision(False, "mailing-list")

    # The envelope sender first; the From header is parsed (slow) only when that
    # one is not a support sender.
    sender = envelope.mail_from.lower()
    if not matches(sender, settings.support_senders):
        candidates = addresses(headers.get("from"))
        sender = next((a for a in candidates if matches(a, settings.support_senders)), "")
    if not sender:
        return ScopeDecision(False, "not-support-sender")
    if not any(not is_internal(r, settings.internal_domains) for r in envelope.rcpt_tos):
        return ScopeDecision(False, "internal-recipients-only", sender)

    subject = decode_words(headers.get("subject") or "")
    threaded = headers.has("in-reply-to") or headers.has("references")
    if not (threaded or reply_subject(subject, settings.reply_prefixes)):
        return ScopeDecision(False, "not-a-reply", sender)
    return ScopeDecision(
        True,
        "helpdesk-reply" if needs_comment else "support-reply",
        sender,
        review_tag=has_review_tag(subject, settings.review_tag),
        needs_helpdesk_comment=needs_comment,
    )

"""The records shared by message extraction, the policies and the verdict.

They live in `policies` (not `gateway`) so that a third-party policy package can
depend on them without importing the relay.  All of them are immutable: the same
`Reply` is handed to every policy, and a policy must not be able to change what
the next one sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding weighs: `hold` stops a reply in enforce mode."""

    HOLD = "hold"
    ADVISE = "advise"


class Value(StrEnum):
    """The four values, plus `reply` for rules outside them (reply.empty)."""

    URGENT = "urgent"
    KIND = "kind"
    HUMBLE = "humble"
    CLEAR = "clear"
    REPLY = "reply"


@dataclass(frozen=True, slots=True)
class Reply:
    """One support reply as the policies see it: the author's own words plus facts.

    `text` is the author's new text only (quoted history, signatures and legal
    footers removed); every finding's `start`/`end` are offsets into it.
    """

    text: str
    subject: str = ""
    #: Quoted history and help-desk history, kept only to read facts from.
    quoted: str = ""
    #: The reply's own time ("now"): its Date header when sane, else receipt time.
    sent_at: datetime | None = None
    #: When the customer's message being answered was written; None = unknown.
    customer_sent_at: datetime | None = None
    #: Urgency words the customer used (in the quoted message or the subject).
    customer_urgency: tuple[str, ...] = ()
    #: Help desk whose layout was recognised ("zendesk", "freshdesk", ...), if any.
    helpdesk: str | None = None
    #: The help desk's layout shows the newest entry is an agent's comment (not a
    #: survey or acknowledgement); scope uses it for `Auto-Submitted: auto-generated`.
    helpdesk_comment: bool = False
    #: Where the author's text came from: "text/plain", "text/html" or "" (none).
    source_part: str = ""
    #: Parser and decoding problems met on the way (best effort, never fatal).
    defects: tuple[str, ...] = ()
    sender: str = ""
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that fired, with the exact words and a concrete way to fix them."""

    rule: str
    value: Value
    severity: Severity
    #: What is wrong, specific to this reply.
    message: str
    #: A concrete rewrite or next step for the author.
    suggestion: str
    #: The exact words from `Reply.text` (== text[start:end]).
    evidence: str
    start: int
    end: int
    #: Why it matters to the customer (shown in the review note).
    why: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "value": str(self.value),
            "severity": str(self.severity),
            "message": self.message,
            "suggestion": self.suggestion,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One rule's data from a policy pack: everything a rule needs except its code."""

    id: str
    value: Value
    severity: Severity
    enabled: bool = True
    message: str = ""
    why: str = ""
    suggestion: str = ""
    #: Rule-specific data: phrase lists, thresholds, exceptions ... (read-only by convention).
    params: dict[str, object] = field(default_factory=dict)

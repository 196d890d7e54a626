"""The pure middle of the gateway: bytes + envelope -> Analysis.

`grace serve`, `grace check`, `grace eval` and `grace backtest` all call this one
code path, so what `check` says offline is exactly what `serve` would do.  It
does no I/O: the clock reading (`received_at`) comes from the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from gateway.config import Mode, OnBreach, Settings
from gateway.extract import ExtractLimits, extract_reply
from gateway.extract.facts import DEFAULT_URGENCY_WORDS
from gateway.headers import HeaderView, scan_headers
from gateway.scope import Envelope, ScopeDecision, decide_scope
from gateway.verdict import Action, Verdict, decide, select_mode
from policies.base import make_finding
from policies.engine import PolicySet
from policies.types import Finding, Reply, Severity

#: Defects with this prefix mean a limit was hit and the reply was not fully read.
LIMIT_DEFECT_PREFIX = "limit:"


@dataclass(frozen=True)
class Analysis:
    envelope: Envelope
    headers: HeaderView
    scope: ScopeDecision
    #: None when out of scope.
    mode: Mode | None
    reply: Reply | None
    findings: tuple[Finding, ...]
    verdict: Verdict
    #: Policies that raised (recorded; the rest still judged the reply).
    policy_errors: tuple[str, ...] = ()
    #: The reply's commitments with their sentences (`commitments_of`), when the
    #: analysis process already read them; None = not read yet.  Reading them
    #: there keeps a second sentence split and time scan off the event loop.
    commitments: tuple[dict[str, Any], ...] | None = field(
        default=None, compare=False, repr=False
    )

    @property
    def action(self) -> Action:
        return self.verdict.action


class Analyzer:
    """Holds what is compiled once (settings, policies); analyses many messages."""

    def __init__(self, settings: Settings, policies: PolicySet | None = None) -> None:
        self.settings = settings
        self.policies = policies or PolicySet.load(
            settings.policies.packs, settings.policies.rules, settings.policies.disable
        )

        late = self.policies.pack.rules.get("urgent.late-no-acknowledgement")
        words = late.params.get("urgency_words") if late else None
        self._urgency_words: tuple[str, ...] = tuple(words) if words else DEFAULT_URGENCY_WORDS

    @property
    def policy_version(self) -> str:
        return self.policies.version

    def scope(self, raw: bytes, envelope: Envelope) -> tuple[HeaderView, ScopeDecision]:
        """The cheap part, safe to run on the event loop for every message."""
        headers = scan_headers(raw, self.settings.limits.max_header_bytes)
        return headers, decide_scope(headers, envelope, self.settings.scope)

    def analyse(
        self,
        raw: bytes,
        envelope: Envelope,
        received_at: datetime | None = None,
        scoped: tuple[HeaderView, ScopeDecision] | None = None,
    ) -> Analysis:
        """Scope, extract, check and decide; the expensive part runs only in scope.

        `received_at` is when the gateway received the message (the reply's
        Date header is trusted when it is close to it); None for offline tools
        (`grace check`, `backtest`), where the Date header is "now".
        """
        headers, scope = scoped or self.scope(raw, envelope)
        if not scope.in_scope:
            return Analysis(envelope, headers, scope, None, None, (), Verdict(Action.PASS))
        lim = self.settings.limits
        reply = extract_reply(
            raw,
            sender=scope.sender,
            recipients=envelope.rcpt_tos,
            # None (offline tools): "now" is the reply's own Date header.
            received_at=received_at,
            limits=ExtractLimits(
                max_message_bytes=lim.max_message_bytes,
                max_header_bytes=lim.max_header_bytes,
                max_parts=lim.max_parts,
                max_depth=lim.max_depth,
                max_decoded_bytes=lim.max_decoded_bytes,
            ),
            urgency_words=self._urgency_words,
        )
        if scope.needs_helpdesk_comment and not reply.helpdesk_comment:
            scope = ScopeDecision(False, "helpdesk-notification", scope.sender)
            return Analysis(envelope, headers, scope, None, reply, (), Verdict(Action.PASS))

        mode = select_mode(self.settings.modes, scope.sender, scope.review_tag)
        result = self.policies.check(reply)
        findings = result.findings
        breaches = [d for d in reply.defects if d.startswith(LIMIT_DEFECT_PREFIX)]
        if breaches:
            findings = (self._unchecked(reply, breaches), *findings)
        verdict = decide(True, mode, findings)
        return Analysis(
            envelope, headers, scope, mode, reply, findings, verdict, result.errors
        )

    def _unchecked(self, reply: Reply, breaches: list[str]) -> Finding:
        spec = self.policies.pack.rule("reply.unchecked")
        severity = (
            Severity.HOLD if self.settings.limits.on_breach == OnBreach.HOLD else Severity.ADVISE
        )
        return make_finding(
            spec, reply.text, 0, 0, severity=severity, detail=", ".join(breaches)
        )

"""Orchestration of one message: scope -> analyse -> forward / hold / note -> audit.

`Gateway.handle` turns one received message into the SMTP answer for the client.
It never raises: whatever goes wrong becomes a `451` (the client keeps the
message and retries), because the client deletes its copy only on our `250`:

* forward / pass-through: `250` only after the next hop said `250`;
* hold: `250` only after the held bytes, the hold row, its audit record and the
  review note (outbox) were committed in one durable store transaction;
* next hop 4xx or unreachable: `451`, audited as deferred;
* next hop 5xx: its 5xx is passed back, audited as rejected.

The cheap header scan decides scope on the event loop; the expensive part
(MIME parse + policies) runs in an executor with a time limit, so one hostile
message cannot stall the other sessions.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from gateway import metrics
from gateway.analysis_pool import AnalysisFailed, AnalysisPool
from gateway.audit_events import AuditPrivacy, decision_event
from gateway.compliance.commitments import commitments_of
from gateway.config import Mode, OnBreach, Settings
from gateway.headers import HeaderView, clean_text, decode_words
from gateway.logs import log_decision
from gateway.pipeline import Analysis, Analyzer
from gateway.relay import NextHop, Outcome, RelayResult, forward_options
from gateway.review_tag import strip_review_tag
from gateway.scope import Envelope, ScopeDecision
from gateway.store.base import Store
from gateway.store.records import (
    AuditEvent,
    Decision,
    Hold,
    HoldState,
    OutboxItem,
    OutboxKind,
    new_id,
)
from gateway.verdict import Action, decide, select_mode
from policies.base import make_finding
from policies.types import Finding, Severity

log = logging.getLogger(__name__)

_MSGID = re.compile(r"<[^<>\s]{1,250}>")


@dataclass(frozen=True, slots=True)
class Incoming:
    """One message as the SMTP server received it."""

    raw: bytes
    #: "" for the null sender <>.
    mail_from: str
    rcpt_tos: tuple[str, ...]
    received_at: datetime
    mail_options: tuple[str, ...] = ()
    peer: str = ""

    @property
    def envelope(self) -> Envelope:
        return Envelope(self.mail_from, self.rcpt_tos)


class ControlHandler(Protocol):
    """Consumes mail to the gateway's own release/report addresses (gateway.notes)."""

    async def handle(self, incoming: Incoming) -> str:
        """Act on the message and return the SMTP answer (never forwards it)."""


AfterForward = Callable[[Analysis], Awaitable[None]]
#: compose_note(settings=, analysis=, original=, hold=, release_token=, report_token=, now=)
NoteComposer = Callable[..., bytes]


@dataclass
class Hooks:
    """Seams filled by the notes package (issue 4); all optional."""

    control: ControlHandler | None = None
    #: Called after an in-scope reply was forwarded (e.g. supersede older holds).
    after_forward: AfterForward | None = None
    compose_note: NoteComposer | None = None
    #: (hold_id, author, now) -> (release token, report token)
    hold_tokens: Callable[[str, str, datetime], tuple[str, str]] | None = None
    #: (message_id, author, now) -> report token for a forwarded reply's note
    note_token: Callable[[str, str, datetime], str] | None = None
    #: Called after a hold was stored (e.g. a newer held version replaces an older one).
    after_hold: Callable[[Analysis, Hold], Awaitable[Any]] | None = None
    #: The notes package's own test for its addresses (else the gateway's).
    is_control_address: Callable[[str], bool] | None = None


def node_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


# ----------------------------------------------------------------- auditing


class Auditor:
    """Appends decision records.  `record` is durable before it returns; `later`
    batches out-of-scope pass-through records in the background (their 250 does
    not depend on them; they are flushed on shutdown)."""

    def __init__(self, store: Store, *, max_batch: int = 500, max_pending: int = 10_000) -> None:
        self.store = store
        self.max_batch = max_batch
        self.max_pending = max_pending
        self.healthy = True
        self._pending: list[AuditEvent] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closing = False

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="audit-batcher")

    async def record(self, events: Sequence[AuditEvent]) -> None:
        try:
            await self.store.append(events)
        except Exception:
            self.healthy = False
            raise
        self.healthy = True

    async def later(self, event: AuditEvent) -> None:
        if self._task is None or self._closing or len(self._pending) >= self.max_pending:
            await self.record([event])
            return
        self._pending.append(event)
        self._wake.set()

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._pending:
                batch = self._pending[: self.max_batch]
                try:
                    await self.record(batch)
                except Exception:  # noqa: BLE001 - keep them and retry
                    log.exception("audit append failed; %d records wait", len(self._pending))
                    await asyncio.sleep(1.0)
                    continue
                del self._pending[: len(batch)]
            if self._closing:
                return

    async def close(self, timeout: float = 10.0) -> None:
        self._closing = True
        if self._task is None:
            return
        self._wake.set()
        try:
            await asyncio.wait_for(self._task, timeout)
        except TimeoutError:
            self._task.cancel()
            log.error("audit: %d pass-through records could not be written at shutdown",
                      len(self._pending))


# ----------------------------------------------------------------- the gateway


@dataclass
class Stats:
    """Counters for health checks and the shutdown summary."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1


class Gateway:
    def __init__(
        self,
        settings: Settings,
        analyzer: Analyzer,
        store: Store,
        relay: NextHop,
        pool: AnalysisPool,
        auditor: Auditor,
        *,
        hooks: Hooks | None = None,
        node: str | None = None,
        outbox_wake: Callable[[], None] | None = None,
        privacy: AuditPrivacy | None = None,
    ) -> None:
        self.settings = settings
        self.analyzer = analyzer
        self.store = store
        self.relay = relay
        self.pool = pool
        self.auditor = auditor
        self.hooks = hooks or Hooks()
        self.node = node or node_name()
        self.outbox_wake = outbox_wake
        self.privacy = privacy or AuditPrivacy.from_settings(settings.audit)
        self.stats = Stats()
        self._control = self._control_patterns()

    # ------------------------------------------------------------ control addresses
    def _control_patterns(self) -> list[tuple[str, str]]:
        out = []
        for address in (self.settings.release_address, self.settings.false_positive_address):
            local, _, domain = address.lower().rpartition("@")
            out.append((local, domain))
        return out

    def is_control_address(self, address: str) -> bool:
        """`grace-release@dom` or `grace-release+TOKEN@dom` (and the report address)."""
        if self.hooks.is_control_address is not None:
            return self.hooks.is_control_address(address)
        local, _, domain = address.strip().lower().rpartition("@")
        base = local.split("+", 1)[0]
        return any(base == c_local and domain == c_domain for c_local, c_domain in self._control)

    # ------------------------------------------------------------ entry point
    async def handle(self, msg: Incoming) -> str:
        """The SMTP answer for `msg`; never raises (cancellation aside)."""
        start = time.perf_counter()
        try:
            if not self.auditor.healthy and not await self._store_recovered():
                self.stats.add("deferred")
                metrics.record_message("deferred", _ms(start))
                return ("451 4.3.0 The gateway cannot write its audit log right now, so it "
                        "accepts nothing; nothing was delivered, please retry later")
            return await asyncio.wait_for(
                self._process(msg, start), self.settings.server.processing_deadline
            )
        except TimeoutError:
            deadline = self.settings.server.processing_deadline
            self.stats.add("deferred")
            reason = f"processing took longer than {deadline:g} s"
            await self._audit_deferred(msg, start, reason)
            return (f"451 4.3.0 Checking this message took longer than {deadline:g} s; "
                    "nothing was delivered, please retry later")
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - the 451 of last resort
            log.exception("internal error while handling a message")
            self.stats.add("deferred")
            await self._audit_deferred(msg, start, f"internal error: {type(exc).__name__}")
            return ("451 4.3.0 The review gateway hit an internal problem; nothing was "
                    "delivered, please retry later")

    async def _store_recovered(self) -> bool:
        try:
            ok = await asyncio.wait_for(self.store.ping(), 5.0)
        except Exception:  # noqa: BLE001
            ok = False
        self.auditor.healthy = bool(ok)
        return bool(ok)

    async def _process(self, msg: Incoming, start: float) -> str:
        if msg.rcpt_tos and all(self.is_control_address(r) for r in msg.rcpt_tos):
            return await self._control_mail(msg, start)
        envelope = msg.envelope
        headers, scope = self.analyzer.scope(msg.raw, envelope)
        if not scope.in_scope:
            return await self._pass_through(msg, headers, scope, start)
        try:
            analysis = await self.pool.analyse(self.settings, msg.raw, envelope,
                                               msg.received_at)
        except AnalysisFailed as exc:
            analysis = self._unchecked_analysis(msg, headers, scope, exc.detail)
        if analysis.action == Action.PASS:
            return await self._pass_through(msg, analysis.headers, analysis.scope, start)
        if analysis.action == Action.HOLD:
            return await self._hold(msg, analysis, start)
        return await self._forward(msg, analysis, start)

    # ------------------------------------------------------------ control mail
    async def _control_mail(self, msg: Incoming, start: float) -> str:
        if self.hooks.control is None:
            log.warning("mail to a control address, but release by mail is not available")
            return ("451 4.3.0 Release by mail is not available on this gateway yet; "
                    "your message was kept, please retry later")
        answer = await self.hooks.control.handle(msg)
        self.stats.add("control")
        metrics.record_message("control", _ms(start), scope="control")
        log_decision(msgid="", decision="control", ms=_ms(start),
                     sender=msg.mail_from, answer=answer[:80])
        return answer

    # ------------------------------------------------------------ paths
    async def _pass_through(
        self, msg: Incoming, headers: HeaderView, scope: ScopeDecision, start: float
    ) -> str:
        result = await self.relay.send(msg.mail_from, msg.rcpt_tos, msg.raw, msg.mail_options)
        decision = _decision_for(result, Decision.PASS)
        event = self._event(msg, headers, decision, start, scope=scope, result=result)
        if decision == Decision.PASS:
            if self.settings.audit.record_out_of_scope:
                await self._audit_after_delivery(event, background=True)
        else:
            await self._audit_failure(event)
        self._log(event, headers)
        return self._answer(result, decision)

    async def _forward(self, msg: Incoming, analysis: Analysis, start: float) -> str:
        raw = self._outgoing_bytes(msg, analysis)
        result = await self.relay.send(msg.mail_from, msg.rcpt_tos, raw, msg.mail_options)
        decision = _decision_for(result, Decision.FORWARD)
        event = self._event(msg, analysis.headers, decision, start, analysis=analysis,
                            result=result)
        if decision != Decision.FORWARD:
            await self._audit_failure(event)
            self._log(event, analysis.headers)
            return self._answer(result, decision)

        note = None
        if analysis.verdict.note and self._notes_possible(analysis):
            try:
                note = await self._note_item(msg, analysis, None, raw)
            except Exception:  # noqa: BLE001 - the reply is delivered; the note is extra
                log.exception("could not compose the advice note; the reply was forwarded")
        if note is not None:
            try:
                await self.store.enqueue([note], event)
                self.auditor.healthy = True
            except Exception:  # noqa: BLE001
                log.exception("could not queue the advice note; recording the decision alone")
                await self._audit_after_delivery(event)
            else:
                self._wake_outbox()
        else:
            await self._audit_after_delivery(event)
        self._log(event, analysis.headers, note=note is not None)
        if self.hooks.after_forward is not None:
            try:
                await self.hooks.after_forward(analysis)
            except Exception:  # noqa: BLE001 - the reply went out; this is bookkeeping
                log.exception("after-forward hook failed")
        return self._answer(result, decision)

    async def _hold(self, msg: Incoming, analysis: Analysis, start: float) -> str:
        raw = self._outgoing_bytes(msg, analysis)
        now = datetime.now(UTC)
        hold = self._hold_record(msg, analysis, raw, now)
        event = self._event(msg, analysis.headers, Decision.HOLD, start, analysis=analysis,
                            hold_id=hold.id)
        outbox: list[OutboxItem] = []
        if self._notes_possible(analysis):
            # A hold without its note is still safe (the hold is what matters);
            # a note that cannot be built is logged and the hold goes ahead.
            try:
                item = await self._note_item(msg, analysis, hold, raw)
            except Exception:  # noqa: BLE001
                log.exception("could not compose the review note for hold %s", hold.id)
                item = None
            if item is not None:
                outbox.append(item)
        try:
            await self.store.create_hold(hold, raw, event, outbox)
            self.auditor.healthy = True
        except Exception as exc:  # noqa: BLE001 - nothing kept: the client retries
            self.auditor.healthy = False
            log.exception("could not store hold %s", hold.id)
            deferred = replace(event, decision=Decision.DEFERRED, hold_id="",
                               reason=f"hold store failed: {type(exc).__name__}")
            self._log(deferred, analysis.headers)
            self.stats.add("deferred")
            return ("451 4.3.0 The gateway could not store this held reply safely; nothing "
                    "was kept or delivered, please retry later")
        if outbox:
            self._wake_outbox()
        self.stats.add("hold")
        self._log(event, analysis.headers, note=bool(outbox))
        if self.hooks.after_hold is not None:
            try:
                await self.hooks.after_hold(analysis, hold)
            except Exception:  # noqa: BLE001 - the hold is stored; this is bookkeeping
                log.exception("after-hold hook failed for %s", hold.id)
        return (f"250 2.0.0 Ok: held for review as {hold.id}; the author gets a note "
                "saying what to change and how to release it")

    # ------------------------------------------------------------ helpers
    def _outgoing_bytes(self, msg: Incoming, analysis: Analysis) -> bytes:
        if analysis.scope.review_tag:
            return strip_review_tag(msg.raw, self.settings.scope.review_tag,
                                    self.settings.limits.max_header_bytes)
        return msg.raw

    def _notes_possible(self, analysis: Analysis) -> bool:
        return (self.settings.notes.enabled and self.hooks.compose_note is not None
                and bool(analysis.scope.sender))

    async def _note_item(
        self, msg: Incoming, analysis: Analysis, hold: Hold | None, raw: bytes
    ) -> OutboxItem | None:
        now = datetime.now(UTC)
        author = analysis.scope.sender
        release_token = report_token = None
        if hold is not None and self.hooks.hold_tokens is not None:
            release_token, report_token = self.hooks.hold_tokens(hold.id, author, now)
        elif hold is None and self.hooks.note_token is not None:
            message_id = analysis.headers.get("message-id") or ""
            report_token = self.hooks.note_token(message_id, author, now)
        assert self.hooks.compose_note is not None  # noqa: S101 - checked by the caller
        note = await self.pool.call(
            self.hooks.compose_note, settings=self.settings, analysis=analysis,
            original=raw, hold=hold, release_token=release_token,
            report_token=report_token, now=now,
        )
        return OutboxItem(
            id=new_id("o"), kind=OutboxKind.NOTE, mail_from="", rcpt_tos=(author,),
            raw=note, created_at=now, next_attempt_at=now,
            hold_id=hold.id if hold is not None else "",
        )

    def _hold_record(self, msg: Incoming, analysis: Analysis, raw: bytes,
                     now: datetime) -> Hold:
        headers = analysis.headers
        thread = []
        for name in ("in-reply-to", "references"):
            for value in headers.get_all(name):
                thread.extend(_MSGID.findall(value))
        rules = tuple(dict.fromkeys(
            f.rule for f in analysis.findings if f.severity == Severity.HOLD))
        return Hold(
            id=new_id("h"),
            state=HoldState.HELD,
            created_at=now,
            deadline=now + timedelta(seconds=self.settings.holds.timeout),
            message_id=clean_text(headers.get("message-id") or "", 300),
            author=analysis.scope.sender,
            mail_from=msg.mail_from,
            rcpt_tos=msg.rcpt_tos,
            subject=decode_words(headers.get("subject") or "", 300),
            thread_ids=tuple(dict.fromkeys(thread))[:100],
            rules=rules,
            mode=str(analysis.mode or ""),
            size=len(raw),
            sha256=hashlib.sha256(raw).hexdigest(),
            mail_options=tuple(forward_options(msg.mail_options)),
        )

    def _unchecked_analysis(
        self, msg: Incoming, headers: HeaderView, scope: ScopeDecision, detail: str
    ) -> Analysis:
        return unchecked_analysis(self.analyzer, msg.envelope, headers, scope, detail)

    def _event(
        self,
        msg: Incoming,
        headers: HeaderView,
        decision: Decision,
        start: float,
        *,
        scope: ScopeDecision | None = None,
        analysis: Analysis | None = None,
        result: RelayResult | None = None,
        hold_id: str = "",
        reason: str = "",
    ) -> AuditEvent:
        scope = analysis.scope if analysis is not None else scope
        findings = analysis.findings if analysis is not None else ()
        extra: dict[str, Any] = {}
        if result is not None and result.refused:
            extra["refused"] = [f"{r.address}: {r.code} {r.text}" for r in result.refused]
        if result is not None and result.maybe_delivered:
            extra["maybe_delivered"] = True
        if analysis is not None and analysis.policy_errors:
            extra["policy_errors"] = list(analysis.policy_errors)
        if analysis is not None and analysis.verdict.note:
            extra["note"] = True
        if analysis is not None and analysis.reply is not None:
            # "I'll update you by 3pm": the report's commitment ledger reads these.
            promised = commitments_of(analysis.reply,
                                      include_evidence=self.privacy.include_evidence)
            if promised:
                extra["commitments"] = promised
        if result is not None and decision != Decision.PASS and decision != Decision.FORWARD:
            reason = reason or result.reply
        return decision_event(
            time=msg.received_at,
            privacy=self.privacy,
            message_id=clean_text(headers.get("message-id") or "", 300),
            mail_from=msg.mail_from,
            rcpt_tos=msg.rcpt_tos,
            subject=decode_words(headers.get("subject") or "", 998),
            decision=decision,
            scope_reason=scope.reason if scope is not None else "",
            mode=str(analysis.mode) if analysis is not None and analysis.mode else "",
            findings=findings,
            hold_id=hold_id,
            next_hop=result.reply if result is not None else "",
            ms=_ms(start),
            policy_version=self.analyzer.policy_version,
            config_digest=self.settings.digest,
            node=self.node,
            reason=reason,
            extra=extra,
        )

    async def _audit_after_delivery(self, event: AuditEvent, background: bool = False) -> None:
        """The message is already delivered: a failed append cannot undo that.

        It is logged loudly and the gateway then refuses new mail (451) until the
        store accepts writes again (`_store_recovered`): nothing passes unaudited
        for longer than one message.
        """
        try:
            if background:
                await self.auditor.later(event)
            else:
                await self.auditor.record([event])
        except Exception:  # noqa: BLE001
            log.exception("audit append failed after delivery (message-id %s)",
                          event.message_id)

    async def _audit_failure(self, event: AuditEvent) -> None:
        self.stats.add(str(event.decision))
        try:
            await self.auditor.record([event])
        except Exception:  # noqa: BLE001 - the client gets 4xx/5xx anyway
            log.exception("audit append failed for a %s decision", event.decision)

    async def _audit_deferred(self, msg: Incoming, start: float, reason: str) -> None:
        try:
            headers, scope = self.analyzer.scope(msg.raw, msg.envelope)
            event = self._event(msg, headers, Decision.DEFERRED, start, scope=scope,
                                reason=reason)
            self._log(event, headers)
            await asyncio.wait_for(self.auditor.record([event]), 5.0)
        except Exception:  # noqa: BLE001 - we are already answering 451
            log.exception("could not audit a deferral (%s)", reason)

    def _wake_outbox(self) -> None:
        if self.outbox_wake is not None:
            self.outbox_wake()

    def _log(self, event: AuditEvent, headers: HeaderView, note: bool = False) -> None:
        metrics.record_decision(event)
        if event.decision in (Decision.PASS, Decision.FORWARD):
            self.stats.add(str(event.decision))
        log_decision(
            msgid=event.message_id or "-",
            decision=str(event.decision),
            mode=event.mode,
            scope=event.scope_reason,
            rules=[f["rule"] for f in event.findings],
            hold=event.hold_id,
            note="yes" if note else "",
            ms=event.ms,
            sender=event.sender or "<>",
            nrcpt=len(event.recipients),
            next_hop=event.next_hop,
            reason=event.reason if event.decision not in (Decision.PASS,
                                                          Decision.FORWARD) else "",
        )

    def _answer(self, result: RelayResult, decision: Decision) -> str:
        if result.outcome == Outcome.DELIVERED:
            verb = "forwarded" if decision == Decision.FORWARD else "passed on"
            return f"250 2.0.0 Ok: {verb}; next hop said: {result.reply}"
        if result.outcome == Outcome.REJECTED:
            return f"{result.code} {result.text} (answer of the next hop {self.relay.target})"
        if result.maybe_delivered:
            return (f"451 {result.text}; please retry (the next hop may have it already: "
                    "a duplicate is possible)")
        if result.unreachable or result.code == 451:
            return f"451 {result.text}; nothing was delivered, please retry later"
        return (f"451 4.4.0 The next hop answered {result.reply}; nothing was delivered, "
                "please retry later")


def unchecked_analysis(
    analyzer: Analyzer, envelope: Envelope, headers: HeaderView, scope: ScopeDecision,
    detail: str,
) -> Analysis:
    """The analysis could not finish (time limit, crash): a recorded decision per
    [limits] on_breach (hold, or advise), never a crash and never a silent pass."""
    settings = analyzer.settings
    mode: Mode = select_mode(settings.modes, scope.sender, scope.review_tag)
    severity = Severity.HOLD if settings.limits.on_breach == OnBreach.HOLD else Severity.ADVISE
    spec = analyzer.policies.pack.rule("reply.unchecked")
    finding: Finding = make_finding(spec, "", 0, 0, severity=severity, detail=detail)
    verdict = decide(True, mode, (finding,))
    return Analysis(envelope, headers, scope, mode, None, (finding,), verdict)


def _decision_for(result: RelayResult, success: Decision) -> Decision:
    if result.outcome == Outcome.DELIVERED:
        return success
    if result.outcome == Outcome.REJECTED:
        return Decision.REJECTED
    return Decision.DEFERRED


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)

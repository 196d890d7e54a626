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

The processing deadline ([server] processing_deadline) answers 451 while the
outcome is still open; once the next hop said 250 or the hold is committed, the
answer is that 250 even if bookkeeping (audit, note) runs past the deadline.

Duplicates.  When our 250 for a hold is lost (crash, timeout, a deadline that
fired while the commit was already under way), the client sends the message
again: an identical message (same Message-ID, same SHA-256 of the bytes, same
envelope) that is already held is answered 250 without a second hold or note,
audited as a `duplicate` decision.  Not deduplicated: forwarded mail (the next
hop's 250 is the only proof of delivery; a connection lost after DATA, or a
crash between the next hop's 250 and ours, can make the client send it again,
and a duplicate beats a loss).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from gateway import metrics
from gateway.analysis_pool import AnalysisFailed, AnalysisPool
from gateway.audit_events import AuditPrivacy, decision_event
from gateway.compliance.commitments import commitments_of, without_evidence
from gateway.config import Mode, OnBreach, Settings
from gateway.headers import HeaderView, clean_text, decode_words
from gateway.logs import log_decision
from gateway.pipeline import Analysis, Analyzer
from gateway.prepared_note import NotePlan, Prepared, hold_record, outgoing_bytes
from gateway.relay import NextHop, Outcome, RelayResult, forward_options
from gateway.scope import Envelope, ScopeDecision
from gateway.store.base import Store
from gateway.store.records import (
    AuditEvent,
    Decision,
    Hold,
    OutboxItem,
    OutboxKind,
    new_id,
)
from gateway.verdict import Action, decide, select_mode
from policies.base import make_finding
from policies.types import Finding, Severity

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Progress:
    """How far one message got, for the answer when the deadline fires."""

    #: The message was handed to the next hop (it may have it even without a 250).
    relay_started: bool = False
    #: The answer once the outcome is final (next hop said 250, hold committed,
    #: duplicate recognised): the deadline must not turn it into a 451.
    final: str | None = None


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
    """Appends decision records.  `record` is durable before it returns; `keep`
    retries, in the background, a record whose message is already delivered
    (flushed on shutdown)."""

    def __init__(self, store: Store, *, max_batch: int = 500) -> None:
        self.store = store
        self.max_batch = max_batch
        self.healthy = True
        self._pending: list[AuditEvent] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closing = False

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="audit-batcher")

    async def record(self, events: Sequence[AuditEvent], *, durable: bool = True) -> None:
        try:
            await self.store.append(events, durable=durable)
        except Exception:
            self.healthy = False
            raise
        self.healthy = True

    def keep(self, event: AuditEvent) -> None:
        """Queue a record that must not be dropped (its message is already
        delivered): retried in the background until the store takes it."""
        self._pending.append(event)
        if self._task is None and not self._closing:
            self.start()
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
            log.error("audit: %d records of delivered messages could not be written at shutdown",
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
        #: One hold decision at a time per identical message (two copies at once).
        self._hold_locks: dict[str, tuple[asyncio.Lock, int]] = {}
        #: Bookkeeping that outlived the deadline after a final answer.
        self._background: set[asyncio.Future[Any]] = set()

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
            return await self._within_deadline(msg, start)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - the 451 of last resort
            log.exception("internal error while handling a message")
            self.stats.add("deferred")
            await self._audit_deferred(msg, start, f"internal error: {type(exc).__name__}")
            return ("451 4.3.0 The review gateway hit an internal problem; nothing was "
                    "delivered, please retry later")

    async def _within_deadline(self, msg: Incoming, start: float) -> str:
        deadline = self.settings.server.processing_deadline
        progress = Progress()
        work = asyncio.ensure_future(self._process(msg, start, progress))
        try:
            return await asyncio.wait_for(asyncio.shield(work), deadline)
        except TimeoutError:
            if progress.final is not None:
                # Delivered or held: the 250 stands; the bookkeeping finishes alone.
                self._keep(work)
                return progress.final
            work.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(work, 5.0)
            if progress.final is not None:  # it finished while being cancelled
                return progress.final
            self.stats.add("deferred")
            reason = f"processing took longer than {deadline:g} s"
            await self._audit_deferred(msg, start, reason,
                                       maybe_delivered=progress.relay_started)
            if progress.relay_started:
                return (f"451 4.3.0 Delivering this message took longer than {deadline:g} s; "
                        "please retry (the next hop may have it already: a duplicate is "
                        "possible)")
            return (f"451 4.3.0 Checking this message took longer than {deadline:g} s; "
                    "nothing was delivered, please retry later")
        except asyncio.CancelledError:  # the client went away
            if progress.final is None:
                work.cancel()
            else:
                self._keep(work)
            raise

    def _keep(self, work: asyncio.Future[Any]) -> None:
        self._background.add(work)

        def done(task: asyncio.Future[Any]) -> None:
            self._background.discard(task)
            if not task.cancelled() and task.exception() is not None:
                log.error("bookkeeping after the answer failed: %r", task.exception())

        work.add_done_callback(done)

    async def _store_recovered(self) -> bool:
        try:
            ok = await asyncio.wait_for(self.store.ping(), 5.0)
        except Exception:  # noqa: BLE001
            ok = False
        self.auditor.healthy = bool(ok)
        return bool(ok)

    async def _process(self, msg: Incoming, start: float,
                       progress: Progress | None = None) -> str:
        progress = progress if progress is not None else Progress()
        if msg.rcpt_tos and all(self.is_control_address(r) for r in msg.rcpt_tos):
            return await self._control_mail(msg, start)
        envelope = msg.envelope
        headers, scope = self.analyzer.scope(msg.raw, envelope)
        if not scope.in_scope:
            return await self._pass_through(msg, headers, scope, start, progress)
        prepared = Prepared()
        try:
            plan = self._note_plan(msg, headers, scope)
            if plan is None:
                analysis = await self.pool.analyse(self.settings, msg.raw, envelope,
                                                   msg.received_at)
            else:
                analysis, prepared = await self.pool.analyse_and_prepare(
                    self.settings, msg.raw, envelope, msg.received_at, plan)
        except AnalysisFailed as exc:
            analysis = self._unchecked_analysis(msg, headers, scope, exc.detail)
        if analysis.action == Action.PASS:
            return await self._pass_through(msg, analysis.headers, analysis.scope, start,
                                            progress)
        if analysis.action == Action.HOLD:
            return await self._hold(msg, analysis, start, progress, prepared)
        return await self._forward(msg, analysis, start, progress, prepared)

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
        self, msg: Incoming, headers: HeaderView, scope: ScopeDecision, start: float,
        progress: Progress | None = None,
    ) -> str:
        progress = progress if progress is not None else Progress()
        progress.relay_started = True
        result = await self.relay.send(msg.mail_from, msg.rcpt_tos, msg.raw, msg.mail_options)
        decision = _decision_for(result, Decision.PASS)
        if decision == Decision.PASS:
            progress.final = self._answer(result, decision)
        event = self._event(msg, headers, decision, start, scope=scope, result=result)
        if decision == Decision.PASS:
            if self.settings.audit.record_out_of_scope:
                # committed before the 250; its fsync rides on the next durable
                # commit (the next hop already has the message)
                await self._audit_after_delivery(event, durable=False)
        else:
            await self._audit_failure(event)
        self._log(event, headers)
        return self._answer(result, decision)

    async def _forward(self, msg: Incoming, analysis: Analysis, start: float,
                       progress: Progress | None = None,
                       prepared: Prepared | None = None) -> str:
        progress = progress if progress is not None else Progress()
        raw = self._outgoing_bytes(msg, analysis)
        progress.relay_started = True
        result = await self.relay.send(msg.mail_from, msg.rcpt_tos, raw, msg.mail_options)
        decision = _decision_for(result, Decision.FORWARD)
        if decision == Decision.FORWARD:
            progress.final = self._answer(result, decision)
        event = self._event(msg, analysis.headers, decision, start, analysis=analysis,
                            result=result)
        if decision != Decision.FORWARD:
            await self._audit_failure(event)
            self._log(event, analysis.headers)
            return self._answer(result, decision)

        note = None
        if analysis.verdict.note and self._notes_possible(analysis):
            try:
                note = await self._note_item(msg, analysis, None, raw, prepared)
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

    async def _hold(self, msg: Incoming, analysis: Analysis, start: float,
                    progress: Progress | None = None,
                    prepared: Prepared | None = None) -> str:
        progress = progress if progress is not None else Progress()
        raw = self._outgoing_bytes(msg, analysis)
        digest = hashlib.sha256(raw).hexdigest()
        message_id = clean_text(analysis.headers.get("message-id") or "", 300)
        key = "\0".join((digest, message_id, msg.mail_from, *sorted(msg.rcpt_tos)))
        async with self._one_hold_at_a_time(key):
            existing = await self._existing_hold(msg, message_id, digest)
            if existing is not None:
                return await self._duplicate(msg, analysis, start, existing, progress)
            return await self._new_hold(msg, analysis, raw, start, progress, prepared)

    @contextlib.asynccontextmanager
    async def _one_hold_at_a_time(self, key: str):
        lock, users = self._hold_locks.get(key) or (asyncio.Lock(), 0)
        self._hold_locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._hold_locks[key]
            if users <= 1:
                del self._hold_locks[key]
            else:
                self._hold_locks[key] = (lock, users - 1)

    async def _existing_hold(self, msg: Incoming, message_id: str, digest: str) -> Hold | None:
        """The hold of this very message (same Message-ID, bytes and envelope), if the
        client sends it again because our 250 was lost."""
        find = getattr(self.store, "find_holds", None)
        if find is None:
            return None
        try:
            holds = await find(message_id, digest)
        except Exception:  # noqa: BLE001 - cannot tell: a second hold beats a loss
            log.exception("could not look for an identical hold; holding this copy too")
            return None
        rcpts = sorted(r.lower() for r in msg.rcpt_tos)
        for hold in holds:
            if (hold.mail_from.lower() == msg.mail_from.lower()
                    and sorted(r.lower() for r in hold.rcpt_tos) == rcpts):
                return hold
        return None

    async def _duplicate(self, msg: Incoming, analysis: Analysis, start: float, hold: Hold,
                         progress: Progress) -> str:
        event = self._event(
            msg, analysis.headers, Decision.DUPLICATE, start, analysis=analysis,
            hold_id=hold.id,
            reason=(f"the same message is already held as {hold.id} ({hold.state}); the "
                    "client sent it again, so our earlier answer was probably lost"),
        )
        try:
            await self.auditor.record([event])
        except Exception:  # noqa: BLE001 - unaudited: the client tries again later
            log.exception("could not record the duplicate of hold %s", hold.id)
            self.stats.add("deferred")
            return ("451 4.3.0 The gateway cannot write its audit log right now; this "
                    f"message is already held as {hold.id}, please retry later")
        self.stats.add("duplicate")
        self._log(event, analysis.headers)
        progress.final = (f"250 2.0.0 Ok: already held for review as {hold.id}; this copy "
                          "was not kept again")
        return progress.final

    async def _new_hold(self, msg: Incoming, analysis: Analysis, raw: bytes, start: float,
                        progress: Progress, prepared: Prepared | None = None) -> str:
        if prepared is not None and prepared.hold is not None:
            hold = prepared.hold
        else:
            hold = self._hold_record(msg, analysis, raw, datetime.now(UTC))
        event = self._event(msg, analysis.headers, Decision.HOLD, start, analysis=analysis,
                            hold_id=hold.id)
        outbox: list[OutboxItem] = []
        if self._notes_possible(analysis):
            # A hold without its note is still safe (the hold is what matters);
            # a note that cannot be built is logged and the hold goes ahead.
            try:
                item = await self._note_item(msg, analysis, hold, raw, prepared)
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
            return ("451 4.3.0 The gateway could not store this held reply safely "
                    f"({store_trouble(exc)}); nothing was kept or delivered, please retry "
                    "later")
        answer = (f"250 2.0.0 Ok: held for review as {hold.id}; the author gets a note "
                  "saying what to change and how to release it")
        progress.final = answer
        if outbox:
            self._wake_outbox()
        self.stats.add("hold")
        self._log(event, analysis.headers, note=bool(outbox))
        if self.hooks.after_hold is not None:
            try:
                await self.hooks.after_hold(analysis, hold)
            except Exception:  # noqa: BLE001 - the hold is stored; this is bookkeeping
                log.exception("after-hold hook failed for %s", hold.id)
        return answer

    # ------------------------------------------------------------ helpers
    def _outgoing_bytes(self, msg: Incoming, analysis: Analysis) -> bytes:
        return outgoing_bytes(self.settings, msg.raw, analysis)

    def _notes_possible(self, analysis: Analysis) -> bool:
        return (self.settings.notes.enabled and self.hooks.compose_note is not None
                and bool(analysis.scope.sender))

    def _note_plan(self, msg: Incoming, headers: HeaderView,
                   scope: ScopeDecision) -> NotePlan | None:
        """What the analysis process needs to write the note with the verdict, when a
        note is possible at all (signing the tokens here costs microseconds)."""
        compose = self.hooks.compose_note
        if not (self.settings.notes.enabled and compose is not None and scope.sender):
            return None
        now = datetime.now(UTC)
        hold_id = new_id("h")
        release_token, hold_report, note_report = self._tokens(
            scope.sender, now, hold_id=hold_id, message_id=headers.get("message-id") or "")
        return NotePlan(compose=compose, now=now, hold_id=hold_id, mail_from=msg.mail_from,
                        mail_options=tuple(forward_options(msg.mail_options)),
                        release_token=release_token, hold_report_token=hold_report,
                        note_report_token=note_report)

    async def _note_item(
        self, msg: Incoming, analysis: Analysis, hold: Hold | None, raw: bytes,
        prepared: Prepared | None = None,
    ) -> OutboxItem | None:
        if prepared is not None and prepared.hold is hold and (
                prepared.note is not None or prepared.note_error):
            # written by the analysis process with the verdict
            if prepared.note is None:
                raise RuntimeError(f"the note could not be composed: {prepared.note_error}")
            note, now = prepared.note, datetime.now(UTC)
        else:
            note, now = await self._compose(analysis, hold, raw)
        author = analysis.scope.sender
        return OutboxItem(
            id=new_id("o"), kind=OutboxKind.NOTE, mail_from="", rcpt_tos=(author,),
            raw=note, created_at=now, next_attempt_at=now,
            hold_id=hold.id if hold is not None else "",
        )

    async def _compose(self, analysis: Analysis, hold: Hold | None,
                       raw: bytes) -> tuple[bytes, datetime]:
        """The note composed by a job of its own (when the analysis did not run)."""
        now = datetime.now(UTC)
        if hold is not None:
            release_token, report_token, _ = self._tokens(analysis.scope.sender, now,
                                                          hold_id=hold.id)
        else:
            _, _, report_token = self._tokens(
                analysis.scope.sender, now,
                message_id=analysis.headers.get("message-id") or "")
        if self.hooks.compose_note is None:
            raise RuntimeError("no note composer is configured")
        note = await self.pool.call(
            self.hooks.compose_note, settings=self.settings, analysis=analysis,
            original=raw, hold=hold, release_token=release_token,
            report_token=report_token, now=now,
        )
        return note, now

    def _tokens(self, author: str, now: datetime, *, hold_id: str = "",
                message_id: str | None = None) -> tuple[str | None, str | None, str | None]:
        """(release, report for the hold, report for a forwarded note): the hold's
        pair when `hold_id` is given, the note's when `message_id` is; None where
        not asked for or no signer is configured."""
        release = hold_report = note_report = None
        if hold_id and self.hooks.hold_tokens is not None:
            release, hold_report = self.hooks.hold_tokens(hold_id, author, now)
        if message_id is not None and self.hooks.note_token is not None:
            note_report = self.hooks.note_token(message_id, author, now)
        return release, hold_report, note_report

    def _hold_record(self, msg: Incoming, analysis: Analysis, raw: bytes,
                     now: datetime) -> Hold:
        return hold_record(hold_id=new_id("h"), settings=self.settings, analysis=analysis,
                           raw=raw, mail_from=msg.mail_from, rcpt_tos=msg.rcpt_tos,
                           mail_options=tuple(forward_options(msg.mail_options)), now=now)

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
            # read by the analysis process when it ran there, else here
            if analysis.commitments is None:
                promised = commitments_of(analysis.reply,
                                          include_evidence=self.privacy.include_evidence)
            elif self.privacy.include_evidence:
                promised = [dict(item) for item in analysis.commitments]
            else:
                promised = without_evidence(analysis.commitments)
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

    async def _audit_after_delivery(self, event: AuditEvent, *, durable: bool = True) -> None:
        """Durable before the 250 (group-committed with concurrent transactions), as
        for every decision.  The message is already delivered: a failed append
        cannot undo that.

        It is logged loudly, kept in the background queue and retried until the
        store takes it, and the gateway refuses new mail (451) until the store
        accepts writes again (`_store_recovered`).
        """
        try:
            await self.auditor.record([event], durable=durable)
        except Exception:  # noqa: BLE001
            log.exception("audit append failed after delivery (message-id %s); "
                          "kept for retry", event.message_id)
            self.auditor.keep(event)

    async def _audit_failure(self, event: AuditEvent) -> None:
        self.stats.add(str(event.decision))
        try:
            await self.auditor.record([event])
        except Exception:  # noqa: BLE001 - the client gets 4xx/5xx anyway
            log.exception("audit append failed for a %s decision", event.decision)

    async def _audit_deferred(self, msg: Incoming, start: float, reason: str,
                              maybe_delivered: bool = False) -> None:
        try:
            headers, scope = self.analyzer.scope(msg.raw, msg.envelope)
            event = self._event(msg, headers, Decision.DEFERRED, start, scope=scope,
                                reason=reason)
            if maybe_delivered:
                event = replace(event, extra={**event.extra, "maybe_delivered": True})
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


#: Words for a store failure in an SMTP answer: what is wrong, without paths.
_STORE_TROUBLE = (
    ("disk is full", "its disk is full"),
    ("too large", "its disk is full"),
    ("read-only", "its store is read-only"),
    ("locked", "its store is locked by another process"),
    ("held message", "the hold spool cannot be written"),
    ("spool", "the hold spool cannot be written"),
    ("not open", "its store is not open"),
)


def store_trouble(exc: BaseException) -> str:
    """A short, path-free reason for a failed store write (for the 451 text)."""
    text = str(exc).lower()
    for needle, words in _STORE_TROUBLE:
        if needle in text:
            return words
    return f"its store failed: {type(exc).__name__}"


def _decision_for(result: RelayResult, success: Decision) -> Decision:
    if result.outcome == Outcome.DELIVERED:
        return success
    if result.outcome == Outcome.REJECTED:
        return Decision.REJECTED
    return Decision.DEFERRED


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)

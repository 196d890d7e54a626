"""The hold lifecycle: the response-time guard, unfinished releases, retention.

A hold delays a reply to a customer who is waiting, so it must not sit
unnoticed.  `tick(now)` (the runner calls it every few seconds, in one process
per state directory; tests call it with the time they want) does four things:

1. Holds past `[holds] timeout` are handled per `on_timeout`:
   * escalate: the reviewers get a note with their own release/discard
     addresses (with no reviewers configured, the author gets a reminder);
     audit ESCALATED; the hold stays HELD;
   * release: forwarded unchanged; audit EXPIRED (the intent) then RELEASED;
   * keep: stays HELD; audit EXPIRED.
2. Releases that were recorded but not finished (next hop down, or a crash)
   are retried; `start(now)` does the same once at start-up (crash recovery).
   The release lease in the store makes sure each is forwarded once, whichever
   process or host retries it (`gateway.notes.actions`).
3. Held message bodies of closed holds are purged `[holds] retain_days` after
   the hold ended (audit PURGED; the hold row and its records stay), hourly, in
   bounded batches: a large backlog goes on at the next tick.
4. Hourly, audit records older than `[audit] retain_days` are pruned behind a
   checkpoint record (`grace audit verify` still passes), by one process at a
   time: on PostgreSQL an advisory lock picks one host
   (`gateway.compliance.retention.prune_audit_if_due`).

Nothing is ever deleted silently: every step above is an audit record.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from gateway.compliance.retention import prune_audit_if_due, purge_held_messages
from gateway.config import OnTimeout, Settings
from gateway.notes.actions import ActionResult, HoldActions
from gateway.notes.answers import (
    answer_item,
    compose_answer,
    due_now,
    hold_event,
    may_answer,
)
from gateway.notes.compose import _duration, compose, plus_address
from gateway.notes.tokens import TokenSigner
from gateway.pipeline import Analysis
from gateway.scope import Envelope
from gateway.store.base import Store, StoreError
from gateway.store.records import (
    AuditRecord,
    EventKind,
    Hold,
    HoldState,
    OutboxItem,
    OutboxKind,
    new_id,
)

log = logging.getLogger(__name__)

#: How often the retention passes (held bodies, audit records) run.
RETENTION_INTERVAL = timedelta(hours=1)
#: Held bodies deleted per tick at most; a larger backlog goes on at the next tick,
#: so timeouts and release retries never wait for it.
PURGES_PER_TICK = 2000


@dataclass
class TickReport:
    escalated: list[str] = field(default_factory=list)
    released: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    retried: list[ActionResult] = field(default_factory=list)
    purged: list[str] = field(default_factory=list)
    #: Stray spool files deleted (no hold row: a crash before the hold's commit).
    swept: int = 0
    #: The checkpoint of this tick's audit pruning, if it pruned anything.
    checkpoint: AuditRecord | None = None


class HoldLifecycle:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        actions: HoldActions,
        signer: TokenSigner,
        *,
        node: str = "",
    ) -> None:
        self.settings = settings
        self.store = store
        self.actions = actions
        self.signer = signer
        self.node = node
        self._pack = None
        self._last_purge: datetime | None = None
        self._last_prune: datetime | None = None

    # ------------------------------------------------------------------ entry points
    async def start(self, now: datetime) -> list[ActionResult]:
        """Crash recovery: finish every release recorded before a stop or crash."""
        results = await self.actions.recover(now)
        for r in results:
            log.info("recovery: hold %s -> %s %s", r.hold.id if r.hold else "?", r.outcome,
                     r.detail)
        return results

    async def tick(self, now: datetime) -> TickReport:
        report = TickReport()
        for hold in await self.store.due_holds(now):
            try:
                await self._timeout(hold, now, report)
            except StoreError:
                log.exception("hold %s: timeout handling failed; retried next tick", hold.id)
        for hold in await self.store.list_holds([HoldState.RELEASING]):
            try:
                result = await self.actions.finish_release(hold.id, now)
            except StoreError:
                log.exception("hold %s: release retry failed; retried next tick", hold.id)
                continue
            if result.outcome != "busy":
                report.retried.append(result)
        if self._last_purge is None or now - self._last_purge >= RETENTION_INTERVAL:
            self._last_purge = now
            try:
                report.purged = await self.purge(now, limit=PURGES_PER_TICK)
            except StoreError:
                log.exception("retention: deleting held messages failed; retried next hour")
            if len(report.purged) >= PURGES_PER_TICK:
                self._last_purge = None  # a backlog: go on at the next tick
            try:
                report.swept = await self.store.sweep_spool()
            except StoreError:
                log.exception("retention: sweeping stray spool files failed; retried later")
        if self._last_prune is None or now - self._last_prune >= RETENTION_INTERVAL:
            self._last_prune = now
            try:
                report.checkpoint = await self.prune_audit(now)
            except StoreError:
                log.exception("retention: pruning the audit log failed; retried next hour")
        return report

    # ------------------------------------------------------------------ timeout
    async def _timeout(self, hold: Hold, now: datetime, report: TickReport) -> None:
        limit = _duration(self.settings.holds.timeout)
        on_timeout = self.settings.holds.on_timeout
        if on_timeout == OnTimeout.RELEASE:
            result = await self.actions.release(
                hold.id, actor="system", now=now, via="timeout", kind=EventKind.EXPIRED,
                reason=f"hold time limit ({limit}) reached; on_timeout = release",
            )
            if result.ok or result.outcome in ("deferred", "busy"):
                report.released.append(hold.id)
            return
        if on_timeout == OnTimeout.KEEP:
            event = hold_event(
                self.settings, EventKind.EXPIRED, hold, now, node=self.node, actor="system",
                reason=f"hold time limit ({limit}) reached; on_timeout = keep: it stays on "
                "hold until someone releases or discards it",
            )
            if await self.store.transition(hold.id, (HoldState.HELD,), HoldState.HELD, event,
                                           escalated_at=now):
                report.kept.append(hold.id)
            return
        await self._escalate(hold, now, limit)
        report.escalated.append(hold.id)

    async def _escalate(self, hold: Hold, now: datetime, limit: str) -> None:
        reviewers = [r for r in self.settings.holds.reviewers if may_answer(r)]
        items: list[OutboxItem] = []
        raw = await self._held_bytes(hold)
        # Issued at the wall clock at the latest: a token "from the future" is refused.
        release, report = self.signer.issue_for_hold(hold.id, hold.author, due_now(now))
        if reviewers:
            to_whom = ", ".join(reviewers)
            if raw is not None:
                analysis = await self._analysis_for(hold, raw)
                note = compose(
                    settings=self.settings, analysis=analysis, original=raw, hold=hold,
                    release_token=release, report_token=report, now=now,
                    audience="reviewer", to=reviewers,
                )
                items.append(OutboxItem(
                    id=new_id("o"), kind=OutboxKind.ESCALATION, mail_from="",
                    rcpt_tos=tuple(reviewers), raw=note.raw, created_at=now,
                    next_attempt_at=due_now(now), hold_id=hold.id,
                ))
        else:
            to_whom = "the author (no reviewers are configured)"
        if may_answer(hold.author):
            items.append(self._reminder(hold, now, limit, release, bool(reviewers)))
        event = hold_event(
            self.settings, EventKind.ESCALATED, hold, now, node=self.node, actor="system",
            reason=f"hold time limit ({limit}) reached; on_timeout = escalate: "
            f"sent to {to_whom}",
            extra={"reviewers": list(reviewers)},
        )
        record = await self.store.transition(hold.id, (HoldState.HELD,), HoldState.HELD, event,
                                             items, escalated_at=now)
        if record is not None and items:
            self.actions._wake()

    def _reminder(
        self, hold: Hold, now: datetime, limit: str, release_token: str, reviewers: bool
    ) -> OutboxItem:
        rcpts = ", ".join(hold.rcpt_tos[:3])
        paragraphs = [
            f"Your reply to {rcpts} (subject: {hold.subject}) has been on hold for "
            f"{limit}, and the customer is still waiting for it.",
            "To send it as it is, reply to this message with a short reason in the first "
            "lines (or write to the address below). To change it, send a new version in "
            "the same conversation.",
            "   " + plus_address(self.settings.release_address, release_token),
        ]
        if reviewers:
            paragraphs.append("The reviewers were asked to look at it too.")
        paragraphs.append(f"Reference: {hold.id}")
        # Replies to the reminder release the hold, like replies to the note.
        raw = compose_answer(
            self.settings, to=hold.author, subject=f"Still on hold: {hold.subject}",
            paragraphs=paragraphs, now=now, in_reply_to=hold.message_id, hold_id=hold.id,
            reply_to=plus_address(self.settings.release_address, release_token),
        )
        return answer_item(self.settings, raw, hold.author, now, hold.id,
                           kind=OutboxKind.ESCALATION)

    async def _held_bytes(self, hold: Hold) -> bytes | None:
        try:
            return await self.store.held_message(hold.id)
        except StoreError:
            log.error("hold %s: held message unreadable; escalating without it", hold.id)
            return None

    async def _analysis_for(self, hold: Hold, raw: bytes) -> Analysis:
        """What the reviewer's note shows: the findings recorded with the hold.

        Read from the hold's DECISION record (exact words, unless [audit]
        include_evidence is off) plus the pack's texts; the policies are not run
        again here (they live in the analysis processes, and may have changed).
        """
        from gateway.headers import scan_headers
        from gateway.scope import ScopeDecision
        from gateway.verdict import Action, Verdict
        from policies.base import make_finding
        from policies.types import Finding, Severity, Value

        rows: list[dict] = []
        since = hold.created_at - timedelta(minutes=30)
        async for record in self.store.records(since=since,
                                               until=hold.created_at + timedelta(minutes=5)):
            if record.kind == EventKind.DECISION:
                data = record.data()
                if data.get("hold_id") == hold.id:
                    rows = [dict(f) for f in data.get("findings", ())]
                    break
        pack = self.pack
        findings: list[Finding] = []
        for row in rows or [{"rule": r} for r in hold.rules]:
            rule = str(row.get("rule", ""))
            spec = pack.rules.get(rule)
            evidence = str(row.get("evidence", ""))
            if spec is not None:
                base = make_finding(spec, evidence, 0, len(evidence))
            else:
                base = Finding(rule, Value.REPLY, Severity.HOLD, "", "", evidence, 0,
                               len(evidence))
            findings.append(replace(
                base,
                value=Value(row.get("value", base.value)),
                severity=Severity(row.get("severity", base.severity)),
                message=str(row.get("message") or base.message),
            ))
        envelope = Envelope(hold.mail_from, tuple(hold.rcpt_tos))
        headers = scan_headers(raw, self.settings.limits.max_header_bytes)
        scope = ScopeDecision(True, "held", hold.author)
        return Analysis(envelope, headers, scope, None, None, tuple(findings),
                        Verdict(Action.HOLD, True))

    @property
    def pack(self):
        """The policy pack's texts (rule data only; cheap, no policies compiled)."""
        if self._pack is None:
            from policies.pack import load_pack

            p = self.settings.policies
            self._pack = load_pack(p.packs, p.rules, p.disable)
        return self._pack

    # ------------------------------------------------------------------ retention
    async def purge(self, now: datetime, *, limit: int | None = None) -> list[str]:
        """Delete the held message of every closed hold that ended `[holds]
        retain_days` ago (each with a PURGED record); returns their ids."""
        return await purge_held_messages(self.store, self.settings, now, node=self.node,
                                         limit=limit)

    async def prune_audit(self, now: datetime) -> AuditRecord | None:
        """Apply `[audit] retain_days` (off when 0): prune behind a checkpoint record,
        from one process at a time across hosts."""
        return await prune_audit_if_due(self.store, self.settings, now, node=self.node)

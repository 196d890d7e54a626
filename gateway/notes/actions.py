"""What can happen to a hold: release, discard, supersede, and finishing a release.

Mail (control.py), the CLI (cli/held_cmd.py) and the timeout guard
(lifecycle.py) all go through these methods, so a release is the same three
steps whoever asks for it:

1. record the intent: HELD -> RELEASING with a RELEASE_REQUESTED record (who, why);
2. forward the held bytes unchanged, with the original envelope, to the next hop;
3. record the result: RELEASING -> RELEASED with the next hop's answer.

Each step is durable before the next starts, and `claims.Claims` remembers how
far step 2 got, so after a crash `recover` finishes every release exactly once
(or, in the one case where the next hop may or may not have the message, asks
a person instead of risking a second copy at the customer).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from gateway.config import Backend, Settings
from gateway.notes.answers import answer_item, compose_answer, hold_event, may_answer
from gateway.notes.claims import ClaimInfo, Claims, ClaimStage
from gateway.relay import Outcome, RelayResult
from gateway.store.base import Store, StoreError
from gateway.store.records import EventKind, Hold, HoldState, OutboxItem, OutboxKind

log = logging.getLogger(__name__)


class NextHopSender(Protocol):
    """`gateway.relay.NextHop` as far as releases need it."""

    async def send(
        self,
        mail_from: str,
        rcpt_tos: Sequence[str],
        raw: bytes,
        mail_options: Sequence[str] = (),
        before_data: Callable[[], Awaitable[None]] | None = None,
    ) -> RelayResult: ...


@dataclass(frozen=True)
class ActionResult:
    """What happened: `ok` and the hold's state afterwards, plus a short text."""

    ok: bool
    #: released | releasing | discarded | superseded | not-held | unknown | busy |
    #: deferred | rejected | interrupted | purged
    outcome: str
    hold: Hold | None = None
    detail: str = ""


def _held_for_text(hold: Hold, to: str = "") -> str:
    """'your reply to jane@... (subject: ...)', or 'the reply from alex@ to ...'."""
    rcpts = ", ".join(hold.rcpt_tos[:3]) + (" …" if len(hold.rcpt_tos) > 3 else "")
    whose = "your reply" if to and to.lower() == hold.author.lower() else (
        f"the reply from {hold.author}")
    return f"{whose} to {rcpts} (subject: {hold.subject or '(no subject)'})"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


class HoldActions:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        next_hop: NextHopSender,
        *,
        node: str = "",
        claims: Claims | None = None,
        wake_outbox: Callable[[], None] | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.next_hop = next_hop
        self.node = node
        self.claims = claims or Claims(settings.state.dir / "forwarding")
        self.wake_outbox = wake_outbox
        #: Holds this process is forwarding right now; a claim of ours that is not in
        #: here was left by a failed step (e.g. the store was down) and is reconciled.
        self._inflight: set[str] = set()

    def _event(self, kind: EventKind, hold: Hold | None, now: datetime, **kw: object):
        return hold_event(self.settings, kind, hold, now, node=self.node, **kw)  # type: ignore[arg-type]

    def _wake(self) -> None:
        if self.wake_outbox is not None:
            self.wake_outbox()

    # ------------------------------------------------------------------ release
    async def release(
        self,
        hold_id: str,
        *,
        actor: str,
        reason: str,
        now: datetime,
        via: str,
        from_states: Iterable[HoldState] = (HoldState.HELD,),
        kind: EventKind = EventKind.RELEASE_REQUESTED,
        extra: dict[str, object] | None = None,
    ) -> ActionResult:
        """Record the intent, then forward; see the module docstring."""
        hold = await self.store.get_hold(hold_id)
        if hold is None:
            return ActionResult(False, "unknown", None, "no hold with this id")
        event = self._event(
            kind, hold, now, actor=actor, reason=reason or "(no reason given)",
            extra={"via": via, **(extra or {})},
        )
        record = await self.store.transition(
            hold_id, tuple(from_states), HoldState.RELEASING, event,
            actor=actor, reason=reason,
        )
        if record is None:
            current = await self.store.get_hold(hold_id)
            return ActionResult(False, "not-held", current,
                                f"the hold is {current.state if current else 'gone'}")
        return await self.finish_release(hold_id, now)

    def _maybe_elsewhere(self, hold: Hold | None, now: datetime) -> bool:
        """Another gateway host may be forwarding this release right now.

        Claims are files in each host's state directory, so on a store shared by
        several hosts (PostgreSQL) a host cannot see another host's claim.  A
        release younger than the longest a forward can take is left to the host
        that started it; after that it is treated as abandoned and finished here.
        """
        if self.settings.store.backend != Backend.POSTGRESQL or hold is None:
            return False
        started = hold.updated_at or hold.created_at
        relay = self.settings.relay
        grace = timedelta(seconds=relay.connect_timeout + 3 * relay.timeout)
        return now - started < grace

    async def finish_release(
        self, hold_id: str, now: datetime, *, retry: bool = False
    ) -> ActionResult:
        """Forward a RELEASING hold exactly once and record the result.

        `retry`: called by the periodic retry or start-up recovery, not by the
        release itself; a release another host may still be forwarding is skipped.
        """
        claims = self.claims
        if retry and await asyncio.to_thread(claims.read, hold_id) is None:
            hold = await self.store.get_hold(hold_id)
            if self._maybe_elsewhere(hold, now):
                return ActionResult(False, "busy", hold, "another host may be forwarding it")
        if not await asyncio.to_thread(claims.acquire, hold_id):
            info = await asyncio.to_thread(claims.read, hold_id)
            if info is None:  # released between our two looks: try once more
                if not await asyncio.to_thread(claims.acquire, hold_id):
                    return ActionResult(False, "busy", None, "another process is forwarding")
            elif info.alive and not (info.pid == os.getpid() and hold_id not in self._inflight):
                return ActionResult(False, "busy", None, "another process is forwarding it")
            else:
                return await self._reconcile(hold_id, info, now)
        # The claim is removed by _forward_claimed once the result is recorded.
        return await self._forward_claimed(hold_id, now)

    async def _reconcile(self, hold_id: str, info: ClaimInfo, now: datetime) -> ActionResult:
        """A process died holding the claim; finish what it started."""
        hold = await self.store.get_hold(hold_id)
        if hold is None or hold.state != HoldState.RELEASING:
            await asyncio.to_thread(self.claims.release, hold_id)
            return ActionResult(False, "not-held", hold, "nothing left to do")
        if info.stage == ClaimStage.DELIVERED:
            # The next hop took it; only our record is missing.
            return await self._record_released(hold, info.reply or "250 (recovered)", now,
                                               recovered=True)
        if info.stage == ClaimStage.DATA:
            return await self._interrupted(hold, now)
        if not await asyncio.to_thread(self.claims.take_over, hold_id):
            return ActionResult(False, "busy", hold, "another process took it over")
        return await self._forward_claimed(hold_id, now)

    async def _forward_claimed(self, hold_id: str, now: datetime) -> ActionResult:
        self._inflight.add(hold_id)
        try:
            return await self._forward_claimed_inner(hold_id, now)
        finally:
            self._inflight.discard(hold_id)

    async def _forward_claimed_inner(self, hold_id: str, now: datetime) -> ActionResult:
        claims = self.claims
        hold = await self.store.get_hold(hold_id)
        if hold is None or hold.state != HoldState.RELEASING:
            await asyncio.to_thread(claims.release, hold_id)
            return ActionResult(hold is not None and hold.state == HoldState.RELEASED,
                                "not-held", hold, "nothing left to do")
        try:
            raw = await self.store.held_message(hold_id)
        except StoreError as exc:
            await asyncio.to_thread(claims.release, hold_id)
            log.error("hold %s: held message unreadable: %s", hold_id, exc)
            return ActionResult(False, "deferred", hold, f"held message unreadable: {exc}")

        async def before_data() -> None:
            await asyncio.to_thread(claims.mark, hold_id, ClaimStage.DATA)

        result = await self.next_hop.send(
            hold.mail_from, hold.rcpt_tos, raw, hold.mail_options, before_data=before_data
        )
        if result.outcome == Outcome.DELIVERED:
            await asyncio.to_thread(claims.mark, hold_id, ClaimStage.DELIVERED, result.reply)
            return await self._record_released(hold, result.reply, now)
        if result.maybe_delivered:
            return await self._interrupted(hold, now, detail=result.reply)
        if result.outcome == Outcome.REJECTED:
            outcome = await self._rejected(hold, result, now)
            await asyncio.to_thread(claims.release, hold_id)
            return outcome
        # Deferred: nothing was delivered; stays RELEASING and the timer retries.
        await asyncio.to_thread(claims.release, hold_id)
        log.warning("hold %s: release deferred by the next hop (%s); will retry",
                    hold_id, result.reply)
        return ActionResult(False, "deferred", hold, result.reply)

    async def _record_released(
        self, hold: Hold, reply: str, now: datetime, recovered: bool = False
    ) -> ActionResult:
        extra: dict[str, object] = {"recovered": True} if recovered else {}
        event = self._event(EventKind.RELEASED, hold, now, actor=hold.actor,
                            reason=hold.reason, next_hop=reply, extra=extra)
        outbox = self._confirmation(hold, reply, now)
        record = await self.store.transition(
            hold.id, (HoldState.RELEASING,), HoldState.RELEASED, event, outbox,
            ended_at=now, next_hop=reply,
        )
        await asyncio.to_thread(self.claims.release, hold.id)
        if outbox and record is not None:
            self._wake()
        log.info("hold %s released by %s; next hop: %s", hold.id, hold.actor or "?", reply)
        return ActionResult(True, "released", await self.store.get_hold(hold.id), reply)

    def _confirmation(self, hold: Hold, reply: str, now: datetime) -> list[OutboxItem]:
        """Tell whoever released it (and the author, if someone else did) that it went."""
        targets = []
        actor = hold.actor.lower()
        if "@" in actor and may_answer(actor):
            targets.append(actor)
        if hold.author and hold.author.lower() != actor and may_answer(hold.author):
            targets.append(hold.author.lower())
        items = []
        for to in targets:
            if to == actor:
                who = "by you"
            elif hold.actor == "system":
                who = "automatically, because its hold time limit was reached"
            elif hold.actor.startswith("cli:"):
                who = f"by {hold.actor[4:]} (gateway command line)"
            else:
                who = f"by {hold.actor or 'a reviewer'}"
            paragraphs = [
                f"Done: {_held_for_text(hold, to)} was sent to the customer just now, "
                f"unchanged, released {who}.",
                f"The next hop answered: {reply}",
            ]
            if hold.reason:
                paragraphs.append(f'The reason is kept in the audit log: "{hold.reason}"')
            paragraphs.append(f"Reference: {hold.id}")
            raw = compose_answer(self.settings, to=to, subject=f"Sent: {hold.subject}",
                                 paragraphs=paragraphs, now=now, in_reply_to=hold.message_id,
                                 hold_id=hold.id)
            items.append(answer_item(self.settings, raw, to, now, hold.id))
        return items

    async def _interrupted(self, hold: Hold, now: datetime, detail: str = "") -> ActionResult:
        """Delivery unknown: put it back on hold, escalated, and ask a person."""
        reason = (
            "the gateway was interrupted while handing this reply to the next hop, so it "
            "cannot tell whether the customer got it; it was not sent again, to avoid a "
            "second copy"
        )
        if detail:
            reason += f" ({detail})"
        event = self._event(EventKind.ESCALATED, hold, now, actor="system", reason=reason,
                            extra={"delivery": "unknown"})
        outbox = self._people_items(
            hold, now, subject=f"Please check: was this reply delivered? {hold.subject}",
            paragraphs=[
                f"The gateway was releasing {_held_for_text(hold)} when it was "
                "interrupted. It cannot tell whether the message reached the customer, "
                "so it did not send it again.",
                "Please check with the customer or in the mail logs. If it did not "
                "arrive, release it once more with:",
                f"   grace held release {hold.id} --reason \"not delivered\"",
            ],
        )
        record = await self.store.transition(
            hold.id, (HoldState.RELEASING,), HoldState.HELD, event, outbox, escalated_at=now,
            reason=reason,
        )
        await asyncio.to_thread(self.claims.release, hold.id)
        if record is not None and outbox:
            self._wake()
        log.error("hold %s: delivery unknown after an interrupted release; escalated", hold.id)
        return ActionResult(False, "interrupted", await self.store.get_hold(hold.id), reason)

    async def _rejected(self, hold: Hold, result: RelayResult, now: datetime) -> ActionResult:
        reason = f"the next hop refused the released reply: {result.reply}"
        event = self._event(EventKind.RELEASE_REFUSED, hold, now, actor="system",
                            reason=reason, next_hop=result.reply)
        outbox = self._people_items(
            hold, now, subject=f"Could not send: {hold.subject}",
            paragraphs=[
                f"{_upper_first(_held_for_text(hold))} was released, but the mail server "
                f"refused it: {result.reply}",
                "It is back on hold and nothing reached the customer. Please write "
                "the reply again, or ask your mail administrator about the error above.",
                f"Reference: {hold.id}",
            ],
        )
        await self.store.transition(hold.id, (HoldState.RELEASING,), HoldState.HELD, event,
                                    outbox, next_hop=result.reply, escalated_at=now)
        self._wake()
        return ActionResult(False, "rejected", await self.store.get_hold(hold.id), result.reply)

    def _people_items(
        self, hold: Hold, now: datetime, *, subject: str, paragraphs: list[str]
    ) -> list[OutboxItem]:
        targets = [hold.author.lower(), *[r.lower() for r in self.settings.holds.reviewers]]
        items = []
        for to in dict.fromkeys(t for t in targets if may_answer(t)):
            raw = compose_answer(self.settings, to=to, subject=subject, paragraphs=paragraphs,
                                 now=now, in_reply_to=hold.message_id, hold_id=hold.id)
            items.append(answer_item(self.settings, raw, to, now, hold.id,
                                     kind=OutboxKind.ESCALATION))
        return items

    # ------------------------------------------------------------------ discard
    async def discard(
        self, hold_id: str, *, actor: str, reason: str, now: datetime, via: str
    ) -> ActionResult:
        hold = await self.store.get_hold(hold_id)
        if hold is None:
            return ActionResult(False, "unknown", None, "no hold with this id")
        event = self._event(EventKind.DISCARDED, hold, now, actor=actor,
                            reason=reason or "(no reason given)", extra={"via": via})
        outbox: list[OutboxItem] = []
        if hold.author.lower() != actor.lower() and may_answer(hold.author):
            paragraphs = [
                f"{_upper_first(_held_for_text(hold, hold.author))} was on hold, and "
                f"{actor} decided not to send it. Nothing reached the customer from that copy.",
            ]
            if reason:
                paragraphs.append(f'Their reason: "{reason}"')
            paragraphs.append(
                "If the customer still needs an answer, please write a new reply in the "
                "same conversation."
            )
            paragraphs.append(f"Reference: {hold.id}")
            raw = compose_answer(self.settings, to=hold.author,
                                 subject=f"Not sent: {hold.subject}", paragraphs=paragraphs,
                                 now=now, in_reply_to=hold.message_id, hold_id=hold.id)
            outbox.append(answer_item(self.settings, raw, hold.author, now, hold.id))
        record = await self.store.transition(
            hold_id, (HoldState.HELD,), HoldState.DISCARDED, event, outbox,
            actor=actor, reason=reason, ended_at=now,
        )
        if record is None:
            current = await self.store.get_hold(hold_id)
            return ActionResult(False, "not-held", current,
                                f"the hold is {current.state if current else 'gone'}")
        if outbox:
            self._wake()
        return ActionResult(True, "discarded", await self.store.get_hold(hold_id))

    # ------------------------------------------------------------------ supersede
    async def supersede(
        self, author: str, thread_ids: Sequence[str], *, new_message_id: str, now: datetime,
        exclude: str = "",
    ) -> list[Hold]:
        """Holds by `author` in the same thread are replaced by the newer reply."""
        if not author or not thread_ids:
            return []
        done = []
        for hold in await self.store.find_thread_holds(author, thread_ids):
            if hold.id == exclude or hold.state != HoldState.HELD:
                continue
            if new_message_id and new_message_id == hold.message_id:
                continue  # the same message again (a client retry), not a correction
            reason = f"a newer reply in the same thread was sent ({new_message_id or 'no id'})"
            event = self._event(EventKind.SUPERSEDED, hold, now, actor=author, reason=reason,
                                extra={"superseded_by": new_message_id})
            record = await self.store.transition(
                hold.id, (HoldState.HELD,), HoldState.SUPERSEDED, event,
                actor=author, reason=reason, ended_at=now,
            )
            if record is not None:
                log.info("hold %s superseded by %s", hold.id, new_message_id)
                done.append(hold)
        return done

    # ------------------------------------------------------------------ recovery
    async def recover(self, now: datetime) -> list[ActionResult]:
        """Finish every release that was recorded but not completed (call on start)."""
        results = []
        for hold in await self.store.list_holds([HoldState.RELEASING]):
            try:
                results.append(await self.finish_release(hold.id, now, retry=True))
            except StoreError:
                log.exception("hold %s: could not finish its release", hold.id)
        # Claims left behind by holds that are no longer releasing (crash after the record).
        for hold_id in await asyncio.to_thread(self.claims.hold_ids):
            info = await asyncio.to_thread(self.claims.read, hold_id)
            if info is None or info.alive:
                continue
            hold = await self.store.get_hold(hold_id)
            if hold is None or hold.state != HoldState.RELEASING:
                await asyncio.to_thread(self.claims.release, hold_id)
        return results

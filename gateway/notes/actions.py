"""What can happen to a hold: release, discard, supersede, and finishing a release.

Mail (control.py), the CLI (cli/held_cmd.py) and the timeout guard
(lifecycle.py) all go through these methods, so a release is the same three
steps whoever asks for it:

1. record the intent: HELD -> RELEASING with a RELEASE_REQUESTED record (who, why);
2. forward the held bytes unchanged, with the original envelope, to the next hop;
3. record the result: RELEASING -> RELEASED with the next hop's answer.

Each step is durable before the next starts.  Step 2 runs under the hold's
release lease in the store (`Store.claim_forward`), which every gateway process
on every host sees: only the lease holder forwards, and it records in the store
how far it got before each step it takes -- DATA just before the body goes,
DELIVERED with the next hop's answer right after its 250.  Whoever takes an
unfinished release over (the start-up recovery, the periodic retry, on any
host) reads that stage:

* none      -> nothing reached the next hop: forward it, once;
* data      -> the next hop may or may not have it: back to HELD, escalated to a
               person (at most once beats a second copy at the customer);
* delivered -> only the RELEASED record is missing: record it, send nothing.

A lease is taken over when it has run out -- its holder renews it every third
of LEASE_SECONDS while forwarding, so only a dead or cut-off holder's lease runs
out -- or at once when its holder is a process on this host that no longer runs
(a restart after a crash need not wait).  A holder that lost its lease learns it
from the store before DATA and stops there, so two processes never both send.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from gateway.config import Settings
from gateway.notes.answers import answer_item, compose_answer, hold_event, may_answer
from gateway.notes.claims import adopt_legacy_claims
from gateway.relay import Outcome, RelayResult
from gateway.store.base import Store, StoreError
from gateway.store.chain import iso
from gateway.store.records import (
    EventKind,
    ForwardStage,
    Hold,
    HoldState,
    OutboxItem,
    OutboxKind,
)

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


#: How long a release lease lasts without renewal; the holder renews it every
#: third of this while it forwards.  Another host takes an abandoned release over
#: this long after its holder stopped (keep it above the hosts' clock skew).
LEASE_SECONDS = 60.0

#: Holds some HoldActions of this process is forwarding right now (process-wide:
#: a lease held under this process's name and not in here is a leftover of a
#: failed step, e.g. the store was down, and is taken over at the next retry).
_FORWARDING: set[str] = set()


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


_BOOT = _boot_id()
_HOST = socket.gethostname()


def lease_owner(node: str, pid: int | None = None) -> str:
    """The name a process's release leases carry: the node (for people) and the
    host, process id and kernel boot, so a dead holder on this host is recognised."""
    return f"{node or 'gateway'}|{_HOST}|{os.getpid() if pid is None else pid}|{_BOOT}"


def holder_is_dead(owner: str) -> bool:
    """True only when `owner` names a process of this host, since this boot, that no
    longer runs.  Anything else (another host, a live or unknown process) is not
    known to be dead: its lease is waited out."""
    parts = owner.rsplit("|", 3)
    if len(parts) != 4:
        return False
    _, host, pid_text, boot = parts
    if not boot or boot != _BOOT or host != _HOST or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # PermissionError: it runs, as another user
        return False
    return False


def _holder_text(owner: str) -> str:
    return owner.split("|", 1)[0] or "another gateway process"


class HoldActions:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        next_hop: NextHopSender,
        *,
        node: str = "",
        wake_outbox: Callable[[], None] | None = None,
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self.settings = settings
        self.store = store
        self.next_hop = next_hop
        self.node = node
        self.wake_outbox = wake_outbox
        self.lease_seconds = lease_seconds

    @property
    def owner(self) -> str:
        """This process's name on the release leases it holds."""
        return lease_owner(self.node)

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

    async def finish_release(self, hold_id: str, now: datetime) -> ActionResult:
        """Forward a RELEASING hold exactly once and record the result: the release
        itself, the periodic retry and start-up recovery all come here.  "busy"
        when another process holds a live lease on it."""
        if hold_id in _FORWARDING:
            return ActionResult(False, "busy", None, "this gateway process is forwarding it")
        _FORWARDING.add(hold_id)
        try:
            return await self._claim_and_forward(hold_id, now)
        finally:
            _FORWARDING.discard(hold_id)

    async def _claim_and_forward(self, hold_id: str, now: datetime) -> ActionResult:
        hold = await self.store.get_hold(hold_id)
        if hold is None or hold.state != HoldState.RELEASING:
            return ActionResult(hold is not None and hold.state == HoldState.RELEASED,
                                "not-held", hold, "nothing left to do")
        owner = self.owner
        holder = hold.forward_owner
        # Our own name on it while no forward of ours runs (we hold _FORWARDING):
        # a failed step left it.  A dead process of this host: it will never finish.
        stale = holder if holder and (holder == owner or holder_is_dead(holder)) else ""
        claimed = await self.store.claim_forward(hold_id, owner, now, self.lease_seconds,
                                                 steal_from=stale)
        if claimed is None:
            current = await self.store.get_hold(hold_id)
            if current is None or current.state != HoldState.RELEASING:
                return ActionResult(current is not None and current.state == HoldState.RELEASED,
                                    "not-held", current, "nothing left to do")
            until = f" (its lease runs until {iso(current.lease_until)})" if (
                current.lease_until) else ""
            return ActionResult(False, "busy", current,
                                f"{_holder_text(current.forward_owner)} is forwarding it{until}")
        if stale and stale != owner:
            log.warning("hold %s: taking over the release from %s, which no longer runs "
                        "(it got as far as: %s)", hold_id, _holder_text(stale),
                        claimed.forward_stage)
        if claimed.forward_stage == ForwardStage.DELIVERED:
            # The next hop took it; only the record is missing.
            return await self._record_released(
                claimed, claimed.forward_reply or "250 (recovered)", now, recovered=True)
        if claimed.forward_stage == ForwardStage.DATA:
            return await self._interrupted(claimed, now)
        return await self._forward(claimed, now)

    async def _forward(self, hold: Hold, now: datetime) -> ActionResult:
        """Send a hold whose lease we hold, recording each stage before it happens."""
        store, owner, lease = self.store, self.owner, self.lease_seconds
        try:
            raw = await store.held_message(hold.id)
        except StoreError as exc:
            await self._let_go(hold.id)
            log.error("hold %s: held message unreadable: %s", hold.id, exc)
            return ActionResult(False, "deferred", hold, f"held message unreadable: {exc}")
        started = time.monotonic()

        def clock() -> datetime:  # the caller's clock (tests drive it), moving on
            return now + timedelta(seconds=time.monotonic() - started)

        async def before_data() -> None:
            if not await store.mark_forward(hold.id, owner, ForwardStage.DATA, clock(), lease):
                raise StoreError("another gateway process took this release over")

        renewer = asyncio.create_task(self._renew(hold.id, clock),
                                      name=f"grace-lease-{hold.id}")
        try:
            result = await self.next_hop.send(
                hold.mail_from, hold.rcpt_tos, raw, hold.mail_options, before_data=before_data
            )
        finally:
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewer
        if result.outcome == Outcome.DELIVERED:
            try:
                if not await store.mark_forward(hold.id, owner, ForwardStage.DELIVERED,
                                                clock(), lease, result.reply):
                    log.error("hold %s: the next hop accepted it (%s) after another gateway "
                              "process had taken the release over", hold.id, result.reply)
            except StoreError as exc:  # the record below may still get through
                log.error("hold %s: delivered (%s) but not marked so: %s", hold.id,
                          result.reply, exc)
            return await self._record_released(hold, result.reply, now)
        if result.maybe_delivered:
            return await self._interrupted(hold, now, detail=result.reply)
        if result.outcome == Outcome.REJECTED:
            return await self._rejected(hold, result, now)
        # Deferred: nothing was handed over; stays RELEASING and the timer retries.
        await self._let_go(hold.id)
        log.warning("hold %s: release deferred by the next hop (%s); will retry",
                    hold.id, result.reply)
        return ActionResult(False, "deferred", hold, result.reply)

    async def _renew(self, hold_id: str, clock: Callable[[], datetime]) -> None:
        """Keep the lease alive while the forward runs (a slow next hop is not a
        dead gateway)."""
        while True:
            await asyncio.sleep(self.lease_seconds / 3)
            try:
                if not await self.store.renew_forward(hold_id, self.owner, clock(),
                                                      self.lease_seconds):
                    log.error("hold %s: another gateway process took the release over "
                              "while this one was forwarding it (the lease had run out)",
                              hold_id)
                    return
            except StoreError as exc:
                log.warning("hold %s: could not renew the release lease (%s)", hold_id, exc)

    async def _let_go(self, hold_id: str) -> None:
        """Give the lease up after a forward that handed nothing over."""
        try:
            await self.store.release_forward(hold_id, self.owner)
        except StoreError as exc:  # it runs out, or our next retry takes it back
            log.warning("hold %s: could not give up the release lease (%s)", hold_id, exc)

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
        if record is None:
            current = await self.store.get_hold(hold.id)
            log.error("hold %s: the next hop said %s, but the hold was meanwhile %s by "
                      "another process", hold.id, reply,
                      current.state if current else "removed")
            return ActionResult(current is not None and current.state == HoldState.RELEASED,
                                "not-held", current, reply)
        if outbox:
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
        if record is None:  # another process finished it meanwhile
            current = await self.store.get_hold(hold.id)
            return ActionResult(current is not None and current.state == HoldState.RELEASED,
                                "not-held", current, "nothing left to do")
        if outbox:
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
        record = await self.store.transition(hold.id, (HoldState.RELEASING,), HoldState.HELD,
                                             event, outbox, next_hop=result.reply,
                                             escalated_at=now)
        if record is None:  # another process finished it meanwhile
            current = await self.store.get_hold(hold.id)
            return ActionResult(False, "not-held", current, result.reply)
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
        """Finish every release that was recorded but not completed (call on start).

        Releases whose lease a live process holds come back "busy"; those of a
        process of this host that died (this process before a restart) are taken
        over at once, and their recorded stage says what is left to do."""
        try:  # a release interrupted under schema 1 left its stage in a file
            await adopt_legacy_claims(self.settings.state.dir / "forwarding", self.store,
                                      self.owner, now, self.lease_seconds)
        except (OSError, StoreError):
            log.exception("could not read the claim files of an older version")
        results = []
        for hold in await self.store.list_holds([HoldState.RELEASING]):
            try:
                results.append(await self.finish_release(hold.id, now))
            except StoreError:
                log.exception("hold %s: could not finish its release", hold.id)
        return results

"""Mail to the gateway's own addresses: release, report a false positive, discard.

The review note's Reply-To is `grace-release+TOKEN@...`; its report address is
`grace-false-positive+TOKEN@...`.  Mail to either is consumed here, never
forwarded: this module reads the token (from the address, else the Subject,
else the body, where the quoted note carries it), checks it, checks who sent
it, and acts through `HoldActions`.  Every outcome is audited, and the sender
gets an answer: "done", or why nothing happened and what to do instead.

Who may act: the hold's author and the configured reviewers (`[holds]
reviewers`).  Identity is the envelope sender, which the MTA in front of the
gateway authenticates (Postfix `reject_sender_login_mismatch` on submission).

Commands on the first line of the mail (optional, case-insensitive):
`discard` (drop the held reply), `false positive` / `wrong` (report and
release), `release` (the default).  The rest of the author's new words is the
justification, recorded in the audit log.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from gateway.config import Settings
from gateway.headers import addresses, clean_text, decode_words, scan_headers
from gateway.notes.actions import ActionResult, HoldActions
from gateway.notes.answers import answer_item, compose_answer, hold_event, may_answer
from gateway.notes.tokens import (
    Token,
    TokenError,
    TokenKind,
    TokenSigner,
    find_tokens,
    note_subject,
    parse_token,
)
from gateway.scope import MARKER_HEADER, is_internal
from gateway.store.base import Store, StoreError
from gateway.store.records import AuditEvent, EventKind, Hold, HoldState

log = logging.getLogger(__name__)

#: The justification kept in the audit log is capped at this many characters.
REASON_CAP = 1000

#: A command is its keyword alone on the first line, or followed by ":" / "-" and
#: the reason.  Anything else on that line is the justification of a release.
_SEP = r"\s*(?:[:\-\u2013\u2014.!]\s*|$)"
_DISCARD = re.compile(rf"^\s*(?:discard|drop it|drop|do not send|don't send){_SEP}", re.I)
_REPORT = re.compile(
    rf"^\s*(?:false[\s-]+positive|false alarm|the check (?:is|was) wrong|wrong|report){_SEP}",
    re.I,
)
_RELEASE = re.compile(rf"^\s*(?:release|send it as it is|send it|send){_SEP}", re.I)
#: A first word that sounds like "do not send" but is not a clean command: acting
#: on a guess could send what someone meant to drop, so such mail is refused.
_AMBIGUOUS = re.compile(r"^\s*(?:discard|drop|delete|cancel|don't|do not)\b", re.I)
_REASON_LABEL = re.compile(r"^\s*(reason|why|justification)\s*:\s*", re.I)


@dataclass(frozen=True)
class ControlAddresses:
    release: tuple[str, str]
    report: tuple[str, str]

    @classmethod
    def from_settings(cls, settings: Settings) -> ControlAddresses:
        def split(address: str) -> tuple[str, str]:
            local, _, domain = address.lower().rpartition("@")
            return local, domain

        return cls(split(settings.release_address), split(settings.false_positive_address))

    def kind_of(self, address: str) -> tuple[str, str]:
        """('release' | 'report' | '', the +detail) for one recipient."""
        local, _, domain = address.strip().strip("<>").lower().rpartition("@")
        base, _, detail = local.partition("+")
        if (base, domain) == self.release:
            return "release", detail
        if (base, domain) == self.report:
            return "report", detail
        return "", ""


@dataclass(frozen=True)
class Request:
    """One parsed control mail."""

    requester: str
    address_kind: str  # release | report
    token_text: str
    command: str  # release | report | discard
    reason: str
    message_id: str
    subject: str


def _command_and_reason(text: str) -> tuple[str, str]:
    """The command on the first non-empty line (if any) and the justification."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    command = ""
    if lines:
        first = lines[0]
        for name, pattern in (("discard", _DISCARD), ("report", _REPORT),
                              ("release", _RELEASE)):
            m = pattern.match(first)
            if m:
                command = name
                lines[0] = first[m.end():]
                break
        else:
            if _AMBIGUOUS.match(first):
                command = "ambiguous"
    body = "\n".join(lines).strip()
    body = _REASON_LABEL.sub("", body, count=1)
    # Token-bearing lines (a pasted address) are not part of the reason.
    body = "\n".join(line for line in body.split("\n") if not find_tokens(line))
    return command, clean_text(body, REASON_CAP)


def _new_words(raw: bytes, sender: str, rcpts: tuple[str, ...], now: datetime) -> tuple[str, str]:
    """(the author's new words, everything readable incl. the quoted note)."""
    try:
        from gateway.extract import extract_reply

        reply = extract_reply(raw, sender=sender, recipients=rcpts, received_at=now)
        return reply.text, f"{reply.text}\n{reply.quoted}"
    except Exception:  # noqa: BLE001 - fall back to a plain reading of the body
        log.exception("could not read the control mail's text; using a plain reading")
    from email import message_from_bytes, policy

    try:
        msg = message_from_bytes(raw, policy=policy.default)
        part = msg.get_body(preferencelist=("plain", "html"))
        text = part.get_content() if part is not None else ""
    except Exception:  # noqa: BLE001
        text = raw.decode("utf-8", "replace")
    new = []
    for line in text.splitlines():
        if line.startswith(">") or re.match(r"^(On .* wrote:|-{2,}\s*Original Message)", line):
            break
        new.append(line)
    return "\n".join(new), text


class MailControl:
    """The gateway's `ControlHandler`: `await handle(incoming) -> SMTP answer`."""

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
        self.addresses = ControlAddresses.from_settings(settings)
        self.reviewers = {r.lower() for r in settings.holds.reviewers}

    def is_control_address(self, address: str) -> bool:
        return bool(self.addresses.kind_of(address)[0])

    def permitted(self, requester: str, hold_author: str) -> bool:
        requester = requester.lower()
        return requester == hold_author.lower() or requester in self.reviewers

    # ------------------------------------------------------------------ entry
    async def handle(self, incoming: object) -> str:
        """Consume one control mail; the SMTP answer.  451 only if the store failed."""
        raw: bytes = incoming.raw  # type: ignore[attr-defined]
        mail_from: str = incoming.mail_from  # type: ignore[attr-defined]
        rcpts: tuple[str, ...] = tuple(incoming.rcpt_tos)  # type: ignore[attr-defined]
        now: datetime = getattr(incoming, "received_at", None) or datetime.now(UTC)
        try:
            return await self.handle_mail(raw, mail_from, rcpts, now)
        except StoreError:
            log.exception("control mail: the store failed")
            return ("451 4.3.0 The gateway could not record your request right now; nothing "
                    "was changed, please retry later")

    async def handle_mail(
        self, raw: bytes, mail_from: str, rcpts: tuple[str, ...], now: datetime
    ) -> str:
        headers = scan_headers(raw, self.settings.limits.max_header_bytes)
        requester = "" if mail_from in ("", "<>") else mail_from.strip().lower()
        message_id = clean_text(headers.get("message-id") or "", 300)
        subject = decode_words(headers.get("subject") or "", 300)
        auto = (headers.get("auto-submitted") or "no").split(";")[0].strip().lower()
        precedence = (headers.get("precedence") or "").strip().lower()

        if (not requester or auto != "no" or headers.has(MARKER_HEADER)
                or precedence in ("bulk", "list", "junk")):
            # A bounce, an auto-reply or our own answer coming back: never answered
            # (RFC 3834), never acted on; recorded so the log shows it arrived.
            await self._record_refusal(None, now, requester or "<>", "automatic",
                                       "an automatic message (bounce or auto-reply) was "
                                       "ignored", message_id=message_id)
            return "250 2.0.0 Ok: automatic message to a gateway address ignored; nothing changed"

        kinds = [self.addresses.kind_of(r) for r in rcpts]
        kinds = [k for k in kinds if k[0]] or [("release", "")]
        address_kind = kinds[0][0]
        new_words, all_text = _new_words(raw, requester, rcpts, now)
        command, reason = _command_and_reason(new_words)

        token_text = next((d for _, d in kinds if d), "")
        if not token_text:
            found = find_tokens(subject) or find_tokens(all_text)
            wanted = ("f", "n") if address_kind == "report" else ("r",)
            token_text = next((t for t in found if t[0] in wanted), found[0] if found else "")
        req = Request(requester, address_kind, token_text.lower(), command, reason,
                      message_id, subject)
        if not req.token_text:
            return await self._refuse(req, None, now, "no-token")
        try:
            token = parse_token(req.token_text)
        except TokenError:
            return await self._refuse(req, None, now, "forged")
        if token.kind == TokenKind.NOTE_REPORT:
            return await self._note_report(req, token, now)
        return await self._hold_request(req, token, now)

    # ------------------------------------------------------------------ holds
    async def _hold_request(self, req: Request, token: Token, now: datetime) -> str:
        hold = await self.store.get_hold(token.hold_id)
        if hold is None:
            return await self._refuse(req, None, now, "forged", token=token)
        try:
            self.signer.verify(token, hold.author, now)
        except TokenError as exc:
            return await self._refuse(req, hold, now, exc.reason, token=token)
        if not self.permitted(req.requester, hold.author):
            return await self._refuse(req, hold, now, "not-permitted", token=token)

        if req.command == "ambiguous":
            return await self._refuse(req, hold, now, "ambiguous", token=token)
        command = req.command or ("report" if token.kind == TokenKind.REPORT else "release")
        if req.address_kind == "report" and command == "release" and not req.command:
            command = "report"
        if command == "discard":
            result = await self.actions.discard(hold.id, actor=req.requester, reason=req.reason,
                                                now=now, via="mail")
            if not result.ok:
                return await self._refuse(req, result.hold or hold, now, "closed", token=token)
            await self._answer(req, hold, now, [
                f"Done: the reply to {', '.join(hold.rcpt_tos[:3])} (subject: "
                f"{hold.subject}) was dropped and will not be sent."
                + (" Its author has been told." if req.requester != hold.author.lower()
                   else ""),
                f"Reference: {hold.id}",
            ], subject=f"Dropped: {hold.subject}")
            return f"250 2.0.0 Ok: hold {hold.id} discarded"

        if command == "report":
            used = await self._record_false_positive(req, token, hold, hold.rules, now)
            if not used:
                return await self._refuse(req, hold, now, "reused", token=token)
            if hold.state != HoldState.HELD:
                await self._answer(req, hold, now, [
                    "Thank you: your report that the check was wrong is recorded for "
                    f"{', '.join(hold.rules) or 'this check'}. It helps us improve it.",
                    f"The reply itself was already {self._state_words(hold)}, so nothing "
                    "else changed.",
                    f"Reference: {hold.id}",
                ], subject=f"Report recorded: {hold.subject}")
                return f"250 2.0.0 Ok: false-positive report recorded for hold {hold.id}"

        result = await self.actions.release(
            hold.id, actor=req.requester, reason=req.reason, now=now, via="mail",
            extra={"token": token.id, "false_positive": command == "report",
                   "request_message_id": req.message_id},
        )
        return await self._after_release(req, token, hold, result, now)

    async def _after_release(
        self, req: Request, token: Token, hold: Hold, result: ActionResult, now: datetime
    ) -> str:
        if result.outcome == "not-held":
            return await self._refuse(req, result.hold or hold, now,
                                      self._closed_reason(result.hold), token=token)
        if result.ok:
            return f"250 2.0.0 Ok: hold {hold.id} released; next hop said: {result.detail}"
        if result.outcome in ("deferred", "busy"):
            await self._answer(req, hold, now, [
                "Your release is recorded. The mail server after the gateway is not "
                f"taking mail right now ({result.detail}), so the gateway keeps trying "
                "and sends the reply unchanged as soon as it answers. You will get a "
                "note when it has gone.",
                f"Reference: {hold.id}",
            ], subject=f"Release recorded: {hold.subject}")
            return f"250 2.0.0 Ok: release of hold {hold.id} recorded; forwarding is retried"
        # rejected / interrupted: HoldActions already told the author and reviewers.
        return f"250 2.0.0 Ok: release of hold {hold.id} recorded ({result.outcome})"

    @staticmethod
    def _closed_reason(hold: Hold | None) -> str:
        if hold is None:
            return "closed"
        if hold.state in (HoldState.RELEASING, HoldState.RELEASED):
            return "reused"
        return "closed"

    @staticmethod
    def _state_words(hold: Hold) -> str:
        return {
            HoldState.RELEASING: "being sent",
            HoldState.RELEASED: "sent",
            HoldState.DISCARDED: "dropped",
            HoldState.SUPERSEDED: "replaced by a newer reply",
            HoldState.EXPIRED: "closed by its time limit",
        }.get(hold.state, str(hold.state))

    async def _record_false_positive(
        self, req: Request, token: Token, hold: Hold | None, rules: tuple[str, ...],
        now: datetime, message_id: str = "",
    ) -> bool:
        """One FALSE_POSITIVE record per rule; the first also marks the token used."""
        rules = rules or ("unknown",)
        events = [
            hold_event(
                self.settings, EventKind.FALSE_POSITIVE, hold, now, node=self.node,
                actor=req.requester, reason=req.reason or "(no reason given)",
                findings=({"rule": rule},), message_id=message_id,
                extra={"via": "mail", "token": token.id, "rule": rule},
            )
            for rule in rules
        ]
        if not await self.store.use_token(token.id, events[0]):
            return False
        if events[1:]:
            await self.store.append(events[1:])
        return True

    # ------------------------------------------------------------------ notes
    async def _note_report(self, req: Request, token: Token, now: datetime) -> str:
        try:
            self.signer.verify(token, req.requester, now)
        except TokenError as exc:
            reason = exc.reason if exc.reason == "expired" else "not-permitted-or-forged"
            return await self._refuse(req, None, now, reason, token=token)
        record = await self._find_decision(token, req.requester)
        rules: tuple[str, ...] = ()
        message_id = ""
        if record is not None:
            rules = tuple(dict.fromkeys(str(f.get("rule", "")) for f in record.get("findings", ())
                                        if f.get("rule")))
            message_id = str(record.get("message_id", ""))
        if not await self._record_false_positive(req, token, None, rules, now, message_id):
            return await self._refuse(req, None, now, "reused", token=token)
        await self._answer(req, None, now, [
            "Thank you: your report that the check was wrong is recorded"
            + (f" for {', '.join(rules)}." if rules else ".")
            + " It helps us improve the checks; your reply itself was already sent, so "
            "nothing else needs doing.",
        ], subject="Report recorded" + (f": {req.subject}" if req.subject else ""))
        return "250 2.0.0 Ok: false-positive report recorded"

    async def _find_decision(self, token: Token, author: str) -> dict | None:
        since = token.issued_at - timedelta(hours=1)
        until = token.issued_at + timedelta(hours=1)
        async for record in self.store.records(since=since, until=until):
            if record.kind != EventKind.DECISION:
                continue
            data = record.data()
            if note_subject(str(data.get("message_id", "")), author) == token.subject:
                return data
        return None

    # ------------------------------------------------------------------ answers
    _REFUSALS = {
        "no-token": (
            "Nothing was released: this message has no release code. Please reply "
            "directly to the review note (its Reply-To carries the code), or use the "
            "address given in the note."
        ),
        "forged": (
            "Nothing was released: the release code in this message does not match any "
            "held reply. It may have been changed or copied incompletely. Please reply "
            "directly to the review note."
        ),
        "expired": (
            "Nothing was released: the release code has expired (codes work for {ttl}). "
            "The reply is still on hold. Please ask a reviewer ({reviewers}) to release "
            "it, or send a new version of the reply in the same conversation."
        ),
        "not-permitted": (
            "Nothing was released: only the author of a held reply and the configured "
            "reviewers can release it, and this message came from {requester}. If you "
            "need it sent, please ask its author ({author}) or a reviewer ({reviewers})."
        ),
        "not-permitted-or-forged": (
            "Nothing was recorded: this report code belongs to another person's reply, "
            "or it was changed. Please reply directly to your own note."
        ),
        "ambiguous": (
            "Nothing was changed: the first line of your message reads like \"do not "
            "send\", but the gateway is not sure. To drop the held reply, reply with "
            "the word \"discard\" alone on the first line (the reason can follow on the "
            "next lines). To send it as it is, reply with your reason."
        ),
        "reused": (
            "Nothing more to do: this reply was already {state}, and a release code works "
            "only once. The customer gets one copy only."
        ),
        "closed": (
            "Nothing was released: the held reply was already {state}. If the customer "
            "still needs an answer, please send a new reply in the same conversation."
        ),
    }

    async def _refuse(
        self, req: Request, hold: Hold | None, now: datetime, code: str,
        token: Token | None = None,
    ) -> str:
        text = self._REFUSALS.get(code, self._REFUSALS["forged"]).format(
            ttl=_ttl_words(self.settings.holds.token_ttl),
            reviewers=", ".join(self.settings.holds.reviewers) or "your gateway administrator",
            requester=req.requester,
            author=hold.author if hold else "its author",
            state=self._state_words(hold) if hold else "closed",
        )
        paragraphs = [text]
        if hold is not None and code not in ("forged", "not-permitted-or-forged"):
            paragraphs.append(f"Reference: {hold.id}")
        answer = None
        if self._answerable(req.requester, hold):
            raw = compose_answer(
                self.settings, to=req.requester,
                subject="Not released" + (f": {req.subject}" if req.subject else ""),
                paragraphs=paragraphs, now=now, in_reply_to=req.message_id,
                hold_id=hold.id if hold else "",
            )
            answer = answer_item(self.settings, raw, req.requester, now,
                                 hold.id if hold else "")
        # A forged code must not reveal which hold (if any) it names.
        shown = hold if code not in ("forged", "not-permitted-or-forged") else None
        await self._record_refusal(
            shown, now, req.requester, code, text, message_id=req.message_id,
            token=token, answer=answer,
        )
        log.info("control mail from %s refused: %s", req.requester, code)
        return f"250 2.0.0 Ok: nothing was changed ({code}); an answer is on its way"

    def _answerable(self, requester: str, hold: Hold | None) -> bool:
        """Answer staff only: never a daemon, never an outside address (backscatter)."""
        if not may_answer(requester):
            return False
        if requester in self.reviewers or (hold and requester == hold.author.lower()):
            return True
        internal = self.settings.scope.internal_domains
        return not internal or is_internal(requester, internal)

    async def _record_refusal(
        self, hold: Hold | None, now: datetime, actor: str, code: str, text: str, *,
        message_id: str = "", token: Token | None = None, answer: object = None,
    ) -> None:
        extra: dict[str, object] = {"refusal": code, "via": "mail"}
        if token is not None:
            extra["token"] = token.id
        if message_id:
            extra["request_message_id"] = message_id
        event: AuditEvent = hold_event(
            self.settings, EventKind.RELEASE_REFUSED, hold, now, node=self.node,
            actor=actor, reason=text, extra=extra,
        )
        if answer is not None:
            await self.store.enqueue([answer], event)  # type: ignore[list-item]
            self.actions._wake()
        else:
            await self.store.append([event])

    async def _answer(
        self, req: Request, hold: Hold | None, now: datetime, paragraphs: list[str], *,
        subject: str,
    ) -> None:
        if not self._answerable(req.requester, hold):
            return
        raw = compose_answer(self.settings, to=req.requester, subject=subject,
                             paragraphs=paragraphs, now=now, in_reply_to=req.message_id,
                             hold_id=hold.id if hold else "")
        await self.store.enqueue([answer_item(self.settings, raw, req.requester, now,
                                              hold.id if hold else "")])
        self.actions._wake()


def _ttl_words(seconds: float) -> str:
    from gateway.notes.compose import _duration

    return _duration(seconds)


def sender_of(raw: bytes) -> str:
    """The From address of a message (for tests and the CLI)."""
    found = addresses(scan_headers(raw).get("from"))
    return found[0] if found else ""


def make_control(*, settings: Settings, store: Store, relay: object, node: str = ""):
    """The notes service for `gateway.runner.load_hooks` (control mail + after_forward
    + lifecycle).  Call its `start()` after the store is open and `stop()` before
    it closes."""
    from gateway.notes.service import NotesService

    if not node:
        from gateway.service import node_name

        node = node_name()
    return NotesService(settings, store, relay, node=node)  # type: ignore[arg-type]

"""Backtest a draft policy pack on saved mail before switching it on.

Reads an mbox file, a Maildir, a folder of .eml files (searched recursively) or
single .eml files, and runs every message through the same `Analyzer` the live
gateway uses, once with the current policies and once with the draft, then says
what would change: per rule, the replies it would newly flag or stop flagging,
and the replies that would newly be held or no longer held, with examples.

How the draft is read (`load_draft`):

* A draft with a `[pack]` table that defines every rule of the built-in default
  pack (each with `value` and `severity`) is a FULL pack: it replaces the default
  pack, and the config's own `[policies]` packs, inline rules and disable list are
  still layered over it, exactly as they are over the default today.
* Anything else is an OVERRIDE: it is layered last, over everything the config
  already uses (default pack, `[policies] packs`, inline `[policies.rules]`,
  `disable`), so what the draft says wins.  This is the usual case: a small file
  with only the rules you want to change.

Saved mail has no SMTP envelope: it is taken from the headers as `grace check`
does (Return-Path, else From; To, Cc and Bcc).  The reply's own Date header is
its time ("now" for the time-based rules).
"""

from __future__ import annotations

import mailbox
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from gateway.config import Mode, ModesSettings, Settings
from gateway.headers import addresses, clean_text, scan_headers
from gateway.pipeline import Analysis, Analyzer
from gateway.scope import Envelope
from gateway.verdict import Action
from policies.engine import PolicySet
from policies.pack import (
    Pack,
    PackError,
    build_pack,
    default_pack_path,
    load_pack,
    merge,
    read_toml,
)
from policies.types import Finding


class BacktestError(ValueError):
    """A path or draft that cannot be used; str() says what to do instead."""


class DraftKind(StrEnum):
    FULL = "a full pack (it replaces the default pack; your overrides still apply)"
    OVERRIDE = "an override (layered over the current policies)"


# ------------------------------------------------------------------ reading mail


def _is_maildir(path: Path) -> bool:
    return all((path / sub).is_dir() for sub in ("cur", "new"))


def _is_mbox(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(5) == b"From "


def iter_messages(paths: Iterable[Path]) -> Iterator[tuple[str, bytes]]:
    """(label, raw bytes) for every message under `paths`, in a stable order.

    The label names where to find the message again: a file path, `mbox:N` (the
    N-th message, from 1) or `maildir#key`.
    """
    for path in paths:
        if not path.exists():
            raise BacktestError(f"{path}: no such file or directory")
        if path.is_dir():
            if _is_maildir(path):
                box = mailbox.Maildir(path, factory=None, create=False)
                for key in sorted(box.iterkeys()):
                    yield f"{path}#{key}", box.get_bytes(key)
                continue
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".eml"
            )
            for file in files:
                yield str(file), file.read_bytes()
        elif _is_mbox(path):
            box = mailbox.mbox(path, factory=None, create=False)
            try:
                for number, key in enumerate(box.iterkeys(), start=1):
                    yield f"{path}:{number}", box.get_bytes(key)
            finally:
                box.close()
        else:
            yield str(path), path.read_bytes()


def envelope_from_headers(raw: bytes) -> Envelope:
    """What a Sent folder keeps of the envelope: Return-Path else From; To, Cc, Bcc."""
    headers = scan_headers(raw)
    sender = addresses(headers.get("return-path")) or addresses(headers.get("from"))
    rcpts: list[str] = []
    for name in ("to", "cc", "bcc"):
        for value in headers.get_all(name):
            rcpts.extend(a for a in addresses(value) if a not in rcpts)
    return Envelope(sender[0] if sender else "", tuple(rcpts))


def sent_time(raw: bytes) -> datetime | None:
    value = scan_headers(raw).get("date")
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# ------------------------------------------------------------------ the draft


def _is_full_pack(document: dict[str, Any]) -> bool:
    if not isinstance(document.get("pack"), dict):
        return False
    needed = set(load_pack().rules)
    rules = document.get("rules") or {}
    return all(
        isinstance(rules.get(r), dict) and "value" in rules[r] and "severity" in rules[r]
        for r in needed
    )


def load_draft(settings: Settings, draft: Path) -> tuple[Pack, DraftKind]:
    """The pack the gateway would use with `draft` switched on (see module doc)."""
    document = read_toml(draft)
    pol = settings.policies
    if _is_full_pack(document):
        return load_pack(pol.packs, pol.rules, pol.disable, base=draft), DraftKind.FULL
    # Override: the config's layers first (as load_pack does), then the draft.
    merged = read_toml(default_pack_path())
    for path in pol.packs:
        merged = merge(merged, read_toml(Path(path)), str(path))
    if pol.rules:
        merged = merge(merged, pol.rules, "config [policies]")
    rules = merged.setdefault("rules", {})
    for rule_id in pol.disable:
        if rule_id not in rules:
            raise PackError(f"config [policies] disable: no rule {rule_id!r} in the pack")
        rules[rule_id]["enabled"] = False
    merged = merge(merged, document, str(draft))
    return build_pack(merged, str(draft)), DraftKind.OVERRIDE


# ------------------------------------------------------------------ comparing


@dataclass(frozen=True)
class Example:
    label: str
    message_id: str
    evidence: str
    message: str

    @property
    def words(self) -> str:
        """The exact words, or the finding's message when it has none (reply.empty)."""
        return _quote(self.evidence) if self.evidence.strip() else self.message


@dataclass
class RuleDelta:
    rule: str
    #: Replies the rule fired in, with the current and the draft policies.
    current: int = 0
    draft: int = 0
    #: Fires only with the draft / only with the current policies.
    added: int = 0
    removed: int = 0
    #: Replies newly held, with this rule among the draft's hold findings.
    now_held: int = 0
    #: Replies no longer held, that this rule held before.
    now_forwarded: int = 0
    examples_added: list[Example] = field(default_factory=list)
    examples_removed: list[Example] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.now_held or self.now_forwarded)


@dataclass(frozen=True)
class Change:
    """One reply whose decision differs between the two packs."""

    label: str
    message_id: str
    before: str
    after: str
    rules: tuple[str, ...]
    #: The deciding findings' words, one per rule in `rules`.
    examples: tuple[str, ...] = ()


@dataclass
class BacktestResult:
    current_pack: str
    draft_pack: str
    draft_kind: DraftKind
    mode: str
    draft_file: str = ""
    messages: int = 0
    in_scope: int = 0
    out_of_scope: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)
    held_current: int = 0
    held_draft: int = 0
    changes: list[Change] = field(default_factory=list)
    rules: dict[str, RuleDelta] = field(default_factory=dict)

    @property
    def newly_held(self) -> list[Change]:
        return [c for c in self.changes if c.after == Action.HOLD]

    @property
    def no_longer_held(self) -> list[Change]:
        return [c for c in self.changes if c.before == Action.HOLD]

    def as_dict(self) -> dict[str, Any]:
        return {
            "current_pack": self.current_pack,
            "draft_pack": self.draft_pack,
            "draft_kind": "full" if self.draft_kind is DraftKind.FULL else "override",
            "draft_file": self.draft_file,
            "mode": self.mode,
            "messages": self.messages,
            "in_scope": self.in_scope,
            "out_of_scope": dict(self.out_of_scope),
            "errors": [{"path": p, "error": e} for p, e in self.errors],
            "held": {"current": self.held_current, "draft": self.held_draft},
            "changes": [
                {"path": c.label, "message_id": c.message_id, "current": c.before,
                 "draft": c.after, "rules": list(c.rules), "examples": list(c.examples)}
                for c in self.changes
            ],
            "rules": [
                {
                    "rule": d.rule,
                    "current": d.current,
                    "draft": d.draft,
                    "added": d.added,
                    "removed": d.removed,
                    "now_held": d.now_held,
                    "now_forwarded": d.now_forwarded,
                    "examples_added": [e.__dict__ for e in d.examples_added],
                    "examples_removed": [e.__dict__ for e in d.examples_removed],
                }
                for d in sorted(self.rules.values(), key=lambda d: d.rule)
                if d.current or d.draft
            ],
        }


def _by_rule(findings: Sequence[Finding]) -> dict[str, Finding]:
    out: dict[str, Finding] = {}
    for finding in findings:
        out.setdefault(finding.rule, finding)
    return out


def _holds(findings: Sequence[Finding]) -> set[str]:
    return {f.rule for f in findings if f.severity == "hold"}


@dataclass
class Backtest:
    """Feed messages one by one (`run`), then read `result`."""

    current: Analyzer
    draft: Analyzer
    result: BacktestResult
    examples: int = 3

    @classmethod
    def prepare(
        cls,
        settings: Settings,
        draft_path: Path,
        *,
        mode: Mode | None = Mode.ENFORCE,
        examples: int = 3,
    ) -> Backtest:
        """`mode` None = each sender's configured mode; else every reply in `mode`."""
        if mode is not None:
            settings = replace(settings, modes=ModesSettings(default=mode))
        current = Analyzer(settings)
        pack, kind = load_draft(settings, draft_path)
        draft = Analyzer(settings, PolicySet.from_pack(pack))
        result = BacktestResult(
            current_pack=current.policy_version,
            draft_pack=draft.policy_version,
            draft_kind=kind,
            mode=str(mode) if mode else "each sender's configured",
            draft_file=str(draft_path),
        )
        return cls(current, draft, result, examples)

    def _delta(self, rule: str) -> RuleDelta:
        return self.result.rules.setdefault(rule, RuleDelta(rule))

    def run(self, label: str, raw: bytes) -> None:
        result = self.result
        result.messages += 1
        envelope = envelope_from_headers(raw)
        when = sent_time(raw)
        try:
            before = self.current.analyse(raw, envelope, received_at=when)
            after = self.draft.analyse(raw, envelope, received_at=when)
        except Exception as exc:  # noqa: BLE001 - one unreadable message must not stop the run
            result.errors.append((label, f"{type(exc).__name__}: {exc}"))
            return
        if not before.scope.in_scope:
            result.out_of_scope[before.scope.reason] += 1
            return
        result.in_scope += 1
        message_id = clean_text(before.headers.get("message-id") or "", 300)
        self._compare(label, message_id, before, after)

    def _compare(self, label: str, message_id: str, before: Analysis, after: Analysis
                 ) -> None:
        result = self.result
        old, new = _by_rule(before.findings), _by_rule(after.findings)
        for rule in old:
            self._delta(rule).current += 1
        for rule in new:
            self._delta(rule).draft += 1
        for rule in new.keys() - old.keys():
            delta = self._delta(rule)
            delta.added += 1
            if len(delta.examples_added) < self.examples:
                f = new[rule]
                delta.examples_added.append(Example(label, message_id, f.evidence, f.message))
        for rule in old.keys() - new.keys():
            delta = self._delta(rule)
            delta.removed += 1
            if len(delta.examples_removed) < self.examples:
                f = old[rule]
                delta.examples_removed.append(Example(label, message_id, f.evidence, f.message))
        held_before = before.action == Action.HOLD
        held_after = after.action == Action.HOLD
        result.held_current += held_before
        result.held_draft += held_after
        if before.action != after.action:
            deciding = after if held_after else before
            rules = tuple(sorted(_holds(deciding.findings)))
            for rule in rules:
                if held_after:
                    self._delta(rule).now_held += 1
                else:
                    self._delta(rule).now_forwarded += 1
            found = _by_rule(deciding.findings)
            words = tuple(
                Example(label, message_id, found[r].evidence, found[r].message).words
                for r in rules
            )
            result.changes.append(
                Change(label, message_id, str(before.action), str(after.action), rules, words)
            )


def run_backtest(
    settings: Settings,
    draft: Path,
    paths: Sequence[Path],
    *,
    mode: Mode | None = Mode.ENFORCE,
    examples: int = 3,
    limit: int | None = None,
) -> BacktestResult:
    test = Backtest.prepare(settings, draft, mode=mode, examples=examples)
    for count, (label, raw) in enumerate(iter_messages(paths)):
        if limit is not None and count >= limit:
            break
        test.run(label, raw)
    return test.result


# ------------------------------------------------------------------ output


def _quote(text: str, cap: int = 90) -> str:
    text = " ".join(text.split())
    return '"' + (text if len(text) <= cap else text[: cap - 1] + "…") + '"'


def _where(label: str, message_id: str) -> str:
    return f"{label} {message_id}" if message_id else label


def render_text(result: BacktestResult) -> str:
    out = [
        f"Draft:   {result.draft_file} ({result.draft_pack}), {result.draft_kind}",
        f"Current: {result.current_pack}",
        f"Every reply judged in {result.mode} mode.",
        f"Read {result.messages:,} messages: {result.in_scope:,} in scope",
    ]
    if result.out_of_scope:
        reasons = ", ".join(f"{n:,} {r}" for r, n in result.out_of_scope.most_common())
        out[-1] += f", {sum(result.out_of_scope.values()):,} out of scope ({reasons})"
    out[-1] += "."
    if result.errors:
        out.append(f"{len(result.errors):,} could not be read:")
        out += [f"  {label}: {error}" for label, error in result.errors[:10]]
    if not result.in_scope:
        out.append(
            "Nothing was in scope, so nothing can change. If these are support replies, "
            "check [scope] support_senders in the config passed with --config."
        )
        return "\n".join(out) + "\n"
    out.append(
        f"Held with the current policies: {result.held_current:,}; with the draft: "
        f"{result.held_draft:,} ({len(result.newly_held):,} newly held, "
        f"{len(result.no_longer_held):,} no longer held)."
    )
    changed = sorted(
        (d for d in result.rules.values() if d.changed), key=lambda d: (-d.added - d.removed,
                                                                         d.rule)
    )
    if not changed:
        out.append("No rule would fire differently on these messages.")
        return "\n".join(out) + "\n"
    width = max(len(d.rule) for d in changed)
    out += [
        "",
        f"{'rule':<{width}}  current  draft   +new  -gone  would hold  would forward",
    ]
    for d in changed:
        out.append(
            f"{d.rule:<{width}}  {d.current:>7,}  {d.draft:>5,}  {d.added:>5,}  "
            f"{d.removed:>5,}  {d.now_held:>10,}  {d.now_forwarded:>13,}"
        )
    out.append("")
    out.append("(+new: fires only with the draft; -gone: only with the current policies; "
               "would hold / would forward: replies whose decision changes, by the rule "
               "that decides it.)")
    for d in changed:
        if d.examples_added:
            out += ["", f"{d.rule}: newly fires in {d.added:,}, for example"]
            out += [f"  {_where(e.label, e.message_id)}: {e.words}" for e in d.examples_added]
        if d.examples_removed:
            out += ["", f"{d.rule}: no longer fires in {d.removed:,}, for example"]
            out += [f"  {_where(e.label, e.message_id)}: {e.words}" for e in d.examples_removed]
    if result.changes:
        out += ["", "Replies whose decision changes"]
        for c in result.changes[:50]:
            why = "; ".join(f"{r}: {w}" for r, w in zip(c.rules, c.examples, strict=True))
            out.append(f"  {_where(c.label, c.message_id)}: {c.before} -> {c.after} "
                       f"({why or '-'})")
        if len(result.changes) > 50:
            out.append(f"  ... and {len(result.changes) - 50:,} more (use --format json).")
    return "\n".join(out) + "\n"

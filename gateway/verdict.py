"""Verdict: mode + findings -> forward, hold, or forward with a note.  Pure.

The mode table (DESIGN.md):

    mode     | hold findings        | advise findings only | clean
    enforce  | hold, note to sender | forward + note       | forward
    advise   | forward + note       | forward + note       | forward
    monitor  | forward              | forward              | forward
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from gateway.config import Mode, ModesSettings
from gateway.scope import matches
from policies.types import Finding, Severity


class Action(StrEnum):
    FORWARD = "forward"
    HOLD = "hold"
    PASS = "pass-through"


@dataclass(frozen=True, slots=True)
class Verdict:
    action: Action
    #: Send a review note to the author (hold, or advise-level feedback).
    note: bool = False


def select_mode(modes: ModesSettings, sender: str, review_tag: bool) -> Mode:
    """Review tag > exact sender > sender pattern > opt-in list > default."""
    if review_tag:
        return Mode.ENFORCE
    sender = sender.lower()
    if sender in modes.senders:
        return modes.senders[sender]
    for pattern, mode in modes.senders.items():
        if pattern.startswith("*@") and matches(sender, [pattern]):
            return mode
    if matches(sender, modes.opt_in):
        return Mode.ENFORCE
    return modes.default


def decide(in_scope: bool, mode: Mode | None, findings: Sequence[Finding]) -> Verdict:
    if not in_scope or mode is None:
        return Verdict(Action.PASS)
    if mode == Mode.MONITOR or not findings:
        return Verdict(Action.FORWARD)
    holds = any(f.severity == Severity.HOLD for f in findings)
    if mode == Mode.ENFORCE and holds:
        return Verdict(Action.HOLD, note=True)
    return Verdict(Action.FORWARD, note=True)

"""The mode table from DESIGN.md, cell by cell."""

from __future__ import annotations

import pytest

from gateway.config import Mode
from gateway.verdict import Action, Verdict, decide
from policies.types import Finding, Severity, Value


def finding(severity: Severity) -> Finding:
    return Finding("kind.hostile", Value.KIND, severity, "m", "s", "e", 0, 1)


HOLD, ADVISE = finding(Severity.HOLD), finding(Severity.ADVISE)


@pytest.mark.parametrize(
    ("mode", "findings", "expected"),
    [
        (Mode.ENFORCE, [HOLD], Verdict(Action.HOLD, note=True)),
        (Mode.ENFORCE, [ADVISE], Verdict(Action.FORWARD, note=True)),
        (Mode.ENFORCE, [], Verdict(Action.FORWARD)),
        (Mode.ADVISE, [HOLD, ADVISE], Verdict(Action.FORWARD, note=True)),
        (Mode.ADVISE, [ADVISE], Verdict(Action.FORWARD, note=True)),
        (Mode.ADVISE, [], Verdict(Action.FORWARD)),
        (Mode.MONITOR, [HOLD], Verdict(Action.FORWARD)),
        (Mode.MONITOR, [ADVISE], Verdict(Action.FORWARD)),
        (Mode.MONITOR, [], Verdict(Action.FORWARD)),
    ],
)
def test_mode_table(mode: Mode, findings: list[Finding], expected: Verdict) -> None:
    assert decide(True, mode, findings) == expected


def test_out_of_scope_passes_through() -> None:
    assert decide(False, None, [HOLD]) == Verdict(Action.PASS)

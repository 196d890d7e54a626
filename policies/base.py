"""The Policy interface and a helper to build findings from pack data.

A policy is compiled once from a `Pack` (factory `build(pack) -> Policy`) and then
checks many replies.  `check` is pure: no I/O, no clock, no global state; it may
only read the `Reply` it is given and the data it was built from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

from policies.pack import Pack
from policies.types import Finding, Reply, RuleSpec, Severity


@runtime_checkable
class Policy(Protocol):
    #: Short name, e.g. "kind"; used in logs and error reports.
    name: str

    def check(self, reply: Reply) -> Iterable[Finding]: ...


PolicyFactory = Callable[[Pack], Policy]


def make_finding(
    spec: RuleSpec,
    text: str,
    start: int,
    end: int,
    *,
    message: str | None = None,
    suggestion: str | None = None,
    severity: Severity | None = None,
    **fmt: object,
) -> Finding:
    """A finding for `text[start:end]` with the rule's pack texts.

    The pack's message/why/suggestion may use `{evidence}` and any `fmt` key;
    `message`/`suggestion` given here replace the pack's (already specific) text.
    """
    evidence = text[start:end]
    values = {"evidence": evidence, **fmt}

    def render(template: str) -> str:
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            return template

    return Finding(
        rule=spec.id,
        value=spec.value,
        severity=severity or spec.severity,
        message=render(message if message is not None else spec.message),
        suggestion=render(suggestion if suggestion is not None else spec.suggestion),
        evidence=evidence,
        start=start,
        end=end,
        why=render(spec.why),
    )

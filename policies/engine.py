"""Compile the policies once; check each reply; order the findings for humans.

Third-party policies plug in through the `grace_gateway.policies` entry point
group: each entry point names a factory `build(pack) -> Policy`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from policies.base import Policy, PolicyFactory
from policies.pack import Pack, load_pack
from policies.types import Finding, Reply, Severity, Value

log = logging.getLogger(__name__)

#: The built-in policies, by entry-point name (kept here too so an uninstalled
#: checkout works the same as an installed one).
BUILTIN = {
    "urgent": "policies.urgent:build",
    "kind": "policies.kind:build",
    "humble": "policies.humble:build",
    "clear": "policies.clear:build",
    "reply": "policies.empty:build",
}

_VALUE_ORDER = {Value.REPLY: 0, Value.KIND: 1, Value.HUMBLE: 2, Value.URGENT: 3, Value.CLEAR: 4}


def _load_factory(target: str) -> PolicyFactory:
    module, _, attr = target.partition(":")
    return getattr(import_module(module), attr)


def discover() -> dict[str, PolicyFactory]:
    """Built-in factories plus any installed third-party ones."""
    factories = {name: _load_factory(target) for name, target in BUILTIN.items()}
    for ep in entry_points(group="grace_gateway.policies"):
        if ep.name in factories:
            continue
        try:
            factories[ep.name] = ep.load()
        except Exception:  # a broken plug-in must not stop the gateway
            log.exception("policy plug-in %s could not be loaded; skipped", ep.name)
    return factories


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most important first: hold before advise, then by value, then by position."""
    return sorted(
        findings,
        key=lambda f: (
            f.severity != Severity.HOLD,
            _VALUE_ORDER.get(f.value, 9),
            f.start,
            f.rule,
        ),
    )


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]
    #: Policies that raised: "name: ExcType: message". The reply is judged by the rest.
    errors: tuple[str, ...] = ()

    @property
    def holds(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == Severity.HOLD)


@dataclass(frozen=True)
class PolicySet:
    pack: Pack
    policies: tuple[Policy, ...]

    @classmethod
    def from_pack(cls, pack: Pack, only: Iterable[str] | None = None) -> PolicySet:
        factories = discover()
        names = list(only) if only is not None else list(factories)
        return cls(pack=pack, policies=tuple(factories[name](pack) for name in names))

    @classmethod
    def load(
        cls,
        packs: Iterable[Path] = (),
        inline: Mapping[str, Any] | None = None,
        disable: Iterable[str] = (),
    ) -> PolicySet:
        return cls.from_pack(load_pack(packs, inline, disable))

    @property
    def version(self) -> str:
        return self.pack.label

    def check(self, reply: Reply) -> CheckResult:
        findings: list[Finding] = []
        errors: list[str] = []
        for policy in self.policies:
            try:
                findings.extend(policy.check(reply))
            except Exception as exc:  # noqa: BLE001 - one broken rule must not stop mail
                log.exception("policy %s failed", policy.name)
                errors.append(f"{policy.name}: {type(exc).__name__}: {exc}")
        enabled = {rid for rid, spec in self.pack.rules.items() if spec.enabled}
        kept = [f for f in findings if f.rule in enabled or f.rule not in self.pack.rules]
        return CheckResult(findings=tuple(sort_findings(kept)), errors=tuple(errors))

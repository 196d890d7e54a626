"""Policy packs: every rule is data (value, severity, message, why, suggestion, params).

A pack is a TOML file:

    [pack]
    name = "default"
    version = "2026.11.1"

    [rules."kind.condescending"]
    value = "kind"            # urgent | kind | humble | clear | reply
    severity = "hold"         # hold | advise
    enabled = true
    message = "..."           # may use {evidence}
    why = "..."               # why it matters to the customer
    suggestion = "..."        # a concrete rewrite
    phrases = ["..."]         # any other key is a rule parameter

An organisation layers its own packs over the default one (config `[policies]`):
a scalar or list replaces the base value; a list under `[rules."id".add]` is
appended to the base list of the same name instead; `[rules."id"] enabled = false`
turns a rule off.  The engine knows no particular style: the rule modules read
their parameters from here.
"""

from __future__ import annotations

import copy
import hashlib
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from policies.types import RuleSpec, Severity, Value

_RULE_FIXED = {"value", "severity", "enabled", "message", "why", "suggestion"}
_TOP_KEYS = {"pack", "rules"}


class PackError(ValueError):
    """A policy pack (or an override) is malformed; the message names file and key."""


@dataclass(frozen=True)
class Pack:
    """The merged rule data that policies are compiled from."""

    name: str
    version: str
    rules: Mapping[str, RuleSpec]
    #: SHA-256 of the merged data, so the audit log says exactly which rules judged.
    digest: str

    def rule(self, rule_id: str) -> RuleSpec:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise PackError(f"policy pack {self.name!r} has no rule {rule_id!r}") from None

    @property
    def label(self) -> str:
        """Short identifier written to the audit log: name@version+digest."""
        return f"{self.name}@{self.version}+{self.digest[:12]}"


def default_pack_path() -> Path:
    return Path(str(resources.files("policies") / "packs" / "default.toml"))


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise PackError(f"{path}: policy pack not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: not valid TOML: {exc}") from None


def _no_control_characters(value: Any, where: str) -> None:
    """Refuse control characters in a rule's texts and patterns.  In a double-quoted
    TOML string "\\b" is a backspace, so a pattern meant to end at a word boundary
    silently never matches there; the error says how to write it."""
    if isinstance(value, str):
        bad = next((ch for ch in value if ord(ch) < 32 and ch not in "\n\t"), None)
        if bad is not None:
            raise PackError(
                f"{where}: {value[:60]!r} contains the control character U+{ord(bad):04X}; "
                "in a double-quoted TOML string, double every backslash of a pattern (a single "
                "one before b is a backspace, not a word boundary), or write the pattern as a "
                "literal string between three single quotes"
            )
    elif isinstance(value, list):
        for item in value:
            _no_control_characters(item, where)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _no_control_characters(item, f"{where}.{key}")


def merge(base: dict[str, Any], override: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """Layer one override document over a base document (see the module docstring)."""
    unknown = set(override) - _TOP_KEYS
    if unknown:
        raise PackError(f"{origin}: unknown key {sorted(unknown)[0]!r}; expected [pack] or [rules]")
    out = copy.deepcopy(base)
    if "pack" in override:
        out.setdefault("pack", {}).update(override["pack"])
    rules = out.setdefault("rules", {})
    for rule_id, data in (override.get("rules") or {}).items():
        if not isinstance(data, Mapping):
            raise PackError(f"{origin}: rules.{rule_id} must be a table")
        _no_control_characters(data, f"{origin}: rules.{rule_id}")
        target = rules.setdefault(rule_id, {})
        for key, val in data.items():
            if key == "add":
                if not isinstance(val, Mapping):
                    raise PackError(f"{origin}: rules.{rule_id}.add must be a table of lists")
                for list_key, extra in val.items():
                    if not isinstance(extra, list):
                        raise PackError(
                            f"{origin}: rules.{rule_id}.add.{list_key} must be a list"
                        )
                    current = target.get(list_key, [])
                    if not isinstance(current, list):
                        raise PackError(
                            f"{origin}: rules.{rule_id}.add.{list_key}: "
                            f"the base value is not a list"
                        )
                    target[list_key] = current + extra
            else:
                target[key] = copy.deepcopy(val)
    return out


def _rule_spec(rule_id: str, data: Mapping[str, Any], origin: str) -> RuleSpec:
    def bad(key: str, expected: str) -> PackError:
        return PackError(f"{origin}: rules.{rule_id}.{key}: expected {expected}")

    try:
        value = Value(data.get("value", ""))
    except ValueError:
        raise bad("value", "one of " + ", ".join(v.value for v in Value)) from None
    try:
        severity = Severity(data.get("severity", ""))
    except ValueError:
        raise bad("severity", "hold or advise") from None
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise bad("enabled", "true or false")
    texts = {}
    for key in ("message", "why", "suggestion"):
        text = data.get(key, "")
        if not isinstance(text, str):
            raise bad(key, "a string")
        texts[key] = text
    params = {k: v for k, v in data.items() if k not in _RULE_FIXED}
    return RuleSpec(
        id=rule_id, value=value, severity=severity, enabled=enabled, params=params, **texts
    )


def build_pack(document: Mapping[str, Any], origin: str) -> Pack:
    meta = document.get("pack") or {}
    rules = {
        rule_id: _rule_spec(rule_id, data, origin)
        for rule_id, data in (document.get("rules") or {}).items()
    }
    digest = hashlib.sha256(
        json.dumps(document, sort_keys=True, default=str).encode()
    ).hexdigest()
    return Pack(
        name=str(meta.get("name", "custom")),
        version=str(meta.get("version", "0")),
        rules=rules,
        digest=digest,
    )


def load_pack(
    overrides: Iterable[Path] = (),
    inline: Mapping[str, Any] | None = None,
    disable: Iterable[str] = (),
    base: Path | None = None,
) -> Pack:
    """Load the default pack (or `base`), layer override files, the config's inline
    rule changes (`[policies.rules]`: rule id -> changes) and the disable list over
    it, and validate the result."""
    base_path = base or default_pack_path()
    document = read_toml(base_path)
    merge({}, document, str(base_path))  # validates the top-level keys
    build_pack(document, str(base_path))  # validate each layer, naming its file
    for path in overrides:
        document = merge(document, read_toml(Path(path)), str(path))
        build_pack(document, str(path))
    if inline:
        document = merge(document, {"rules": dict(inline)}, "config [policies.rules]")
        build_pack(document, "config [policies.rules]")
    rules = document.setdefault("rules", {})
    for rule_id in disable:
        if rule_id not in rules:
            raise PackError(f"config [policies] disable: no rule {rule_id!r} in the pack")
        rules[rule_id]["enabled"] = False
    return build_pack(document, str(base_path))

"""deploy/grace.example.toml: it loads, it names every key the gateway knows (so
it cannot go stale when a key is added), every key carries a comment, and
`grace config check` accepts it."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from gateway.cli import main
from gateway.config import Mode, Settings, load_settings
from policies.engine import PolicySet

EXAMPLE = Path(__file__).resolve().parents[2] / "deploy" / "grace.example.toml"
SECTIONS = {f.name: f.default_factory for f in fields(Settings)  # type: ignore[misc]
            if f.name not in ("source", "digest")}


def test_the_example_loads():
    settings = load_settings(EXAMPLE)
    assert settings.source == str(EXAMPLE)
    assert settings.modes.default == Mode.MONITOR  # a roll-out starts by watching
    assert settings.http.listen is not None  # the operations endpoint is on


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_every_key_of_every_section_is_in_the_example(section):
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert section in data, f"[{section}] is missing from {EXAMPLE.name}"
    known = {f.name for f in fields(SECTIONS[section]) if "parse" in f.metadata}
    missing = known - set(data[section])
    assert not missing, f"[{section}] keys missing from {EXAMPLE.name}: {sorted(missing)}"


def test_every_key_has_a_comment_right_above_it():
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    key = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=")
    section = ""
    uncommented = []
    for number, line in enumerate(lines):
        if line.startswith("["):
            section = line
            continue
        match = key.match(line)
        if match and not section.startswith("[policies.rules."):
            above = lines[number - 1] if number else ""
            if not above.startswith("#"):
                uncommented.append(f"{section} {match.group(1)} (line {number + 1})")
    assert not uncommented, "keys without a comment right above them: " + ", ".join(uncommented)


def test_policy_changes_in_the_config_reach_the_rules(tmp_path):
    example = EXAMPLE.read_text(encoding="utf-8")
    assert '[policies.rules."clear.readability"]\nseverity = "advise"' in example
    changed = tmp_path / "grace.toml"
    changed.write_text(example.replace('[policies.rules."clear.readability"]\nseverity = "advise"',
                                       '[policies.rules."clear.readability"]\nseverity = "hold"'),
                       encoding="utf-8")
    for path, expected in ((EXAMPLE, "advise"), (changed, "hold")):
        policies = load_settings(path).policies
        pack = PolicySet.load(policies.packs, policies.rules, policies.disable).pack
        assert str(pack.rule("clear.readability").severity) == expected


def test_grace_config_check_prints_the_effective_settings(capsys):
    assert main(["config", "check", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    effective = json.loads(out)
    assert effective["server"]["listen"] == "127.0.0.1:10025"
    assert effective["relay"]["next_hop"] == "127.0.0.1:10026"
    assert effective["notes"]["release_address"] == "grace-release@acme.example"
    assert "is valid" in err


def test_grace_config_check_names_the_bad_key(tmp_path, capsys):
    broken = tmp_path / "grace.toml"
    broken.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        'default = "monitor"', 'default = "watch"'), encoding="utf-8")
    assert main(["config", "check", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "[modes] default" in err and "enforce, advise, monitor" in err

"""`grace check`: offline verdicts on .eml files, as `grace serve` would decide."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

AGENT = "maria@support.acme.example"
CUSTOMER = "kim@customer.example"
CONFIG = (
    '[scope]\nsupport_senders = ["support@acme.example", "*@support.acme.example"]\n'
    'internal_domains = ["acme.example"]\n'
)
CLEAN = (
    "Hi Kim,\n\nThank you for your patience. I have issued the refund of 40 EUR today; "
    "it will reach your card within 3 working days. If it has not arrived by Friday, "
    "reply here and I will chase it with the bank myself.\n\nBest regards,\nMaria\n"
)


def eml(body: str, sender: str = AGENT, extra: str = "") -> bytes:
    return (
        f"Return-Path: <{sender}>\nFrom: Maria <{sender}>\nTo: Kim <{CUSTOMER}>\n"
        f"Cc: boss@acme.example\nSubject: Re: Your refund\n"
        "In-Reply-To: <q1@customer.example>\nMessage-ID: <c1@support.acme.example>\n"
        "Date: Mon, 03 Mar 2025 10:00:00 +0000\n"
        f"{extra}Content-Type: text/plain; charset=utf-8\n\n{body}"
    ).encode()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "mail" / "sub").mkdir(parents=True)
    paths = {
        "clean": tmp_path / "mail" / "clean.eml",
        "empty": tmp_path / "mail" / "sub" / "empty.eml",
        "outside": tmp_path / "mail" / "outside.eml",
        "config": tmp_path / "grace.toml",
    }
    paths["clean"].write_bytes(eml(CLEAN))
    paths["empty"].write_bytes(eml("\n"))
    paths["outside"].write_bytes(eml(CLEAN, sender="news@elsewhere.example"))
    paths["config"].write_text(CONFIG, encoding="utf-8")
    return paths


def grace_check(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gateway", "check", *args], input=stdin,
                          capture_output=True, timeout=180)


def test_json_lines_with_the_exact_keys_and_exit_1_when_held(files):
    result = grace_check("--config", str(files["config"]), "--format", "json",
                         str(files["clean"].parent))
    assert result.returncode == 1, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    by_name = {Path(r["path"]).name: r for r in rows}
    assert set(by_name) == {"clean.eml", "empty.eml", "outside.eml"}  # recursive
    for row in rows:
        assert set(row) == {"path", "decision", "mode", "scope", "findings"}
        assert set(row["scope"]) == {"in_scope", "reason"}
    assert by_name["clean.eml"]["decision"] == "forward"
    assert by_name["clean.eml"]["mode"] == "enforce"
    assert by_name["outside.eml"] == {
        "path": str(files["outside"]), "decision": "pass-through", "mode": None,
        "scope": {"in_scope": False, "reason": "not-support-sender"}, "findings": [],
    }
    empty = by_name["empty.eml"]
    assert empty["decision"] == "hold"
    [finding] = empty["findings"]
    assert set(finding) == {"rule", "value", "severity", "message", "suggestion",
                            "evidence", "start", "end"}
    assert finding["rule"] == "reply.empty" and finding["severity"] == "hold"


def test_exit_0_when_nothing_is_held_and_stdin_works(files):
    result = grace_check("--config", str(files["config"]), "--format", "json", "-",
                         stdin=files["clean"].read_bytes())
    assert result.returncode == 0, result.stderr
    [row] = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert row["path"] == "-" and row["decision"] == "forward"


def test_mode_and_envelope_flags(files):
    monitor = grace_check("--config", str(files["config"]), "--mode", "monitor",
                          "--format", "json", str(files["empty"]))
    assert monitor.returncode == 0
    row = json.loads(monitor.stdout)
    assert row["decision"] == "forward" and row["mode"] == "monitor"
    assert [f["rule"] for f in row["findings"]] == ["reply.empty"]

    internal = grace_check("--config", str(files["config"]), "--rcpt", "boss@acme.example",
                           "--format", "json", str(files["empty"]))
    assert internal.returncode == 0
    assert json.loads(internal.stdout)["scope"]["reason"] == "internal-recipients-only"

    other = grace_check("--config", str(files["config"]), "--mail-from",
                        "someone@elsewhere.example", "--format", "json", str(files["clean"]))
    # The From header still matches a support sender: scope reads both.
    assert json.loads(other.stdout)["scope"]["in_scope"] is True


def test_text_output_reads_like_a_linter(files):
    result = grace_check("--config", str(files["config"]), str(files["empty"]),
                         str(files["outside"]))
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert any(line.startswith(f"{files['empty']}: reply.empty [hold] ") for line in lines)
    assert f"{files['outside']}: pass-through (out of scope: not-support-sender)" in lines
    assert lines[-2].startswith(f"{files['empty']}: hold")


def test_usage_and_config_errors_exit_2(files, tmp_path):
    missing = grace_check(str(tmp_path / "nope.eml"))
    assert missing.returncode == 2 and b"nope.eml" in missing.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("[scope]\nsupport_sender = []\n", encoding="utf-8")
    config = grace_check("--config", str(bad), str(files["clean"]))
    assert config.returncode == 2 and b"support_sender" in config.stderr
    assert grace_check("--mode", "strict", str(files["clean"])).returncode == 2

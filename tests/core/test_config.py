"""Config validation: every mistake stops the start with the file and key named."""

from __future__ import annotations

import ipaddress
import subprocess
import sys
from pathlib import Path

import pytest

from gateway.config import (
    ConfigError,
    HostPort,
    Mode,
    load_settings,
    parse_duration,
    parse_size,
)

ACME = """\
[scope]
support_senders = ["support@acme.example", "*@support.acme.example"]
internal_domains = ["acme.example"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "grace.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_embedded_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRACE_HOME", raising=False)
    s = load_settings(None)
    assert s.server.listen == HostPort("127.0.0.1", 10025)
    assert s.relay.next_hop == HostPort("127.0.0.1", 10026)
    assert s.state.dir == Path("./var")
    assert s.server.allowed_clients == (
        ipaddress.ip_network("127.0.0.0/8"),
        ipaddress.ip_network("::1/128"),
    )
    assert s.scope.support_senders == ()
    assert s.scope.review_tag == "[review]"


def test_grace_home_sets_state_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GRACE_HOME", str(tmp_path))
    assert load_settings(None).state.dir == tmp_path


def test_acme_snippet_is_accepted(tmp_path: Path) -> None:
    s = load_settings(write(tmp_path, ACME))
    assert s.scope.support_senders == ("support@acme.example", "*@support.acme.example")
    assert s.scope.internal_domains == ("acme.example",)
    assert s.note_from == "grace@acme.example"
    assert s.release_address == "grace-release@acme.example"
    assert len(s.digest) == 64


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[scope]\nsupport_senders = ['not an address']\n", "[scope] support_senders"),
        ("[scope]\nsupport_sender = ['a@acme.example']\n", "[scope] support_sender"),
        ("[server]\nallowed_clients = ['10.0.0.0/33']\n", "[server] allowed_clients"),
        ("[server]\nlisten = '127.0.0.1'\n", "[server] listen"),
        ("[server]\nlisten = '127.0.0.1:70000'\n", "[server] listen"),
        ("[relay]\nnext_hop = 10026\n", "[relay] next_hop"),
        ("[modes]\ndefault = 'strict'\n", "[modes] default"),
        ("[modes.senders]\n'bob@acme.example' = 'loud'\n", "[modes] senders"),
        ("[holds]\ntimeout = 'two hours'\n", "[holds] timeout"),
        ("[holds]\nreviewers = ['lead@']\n", "[holds] reviewers"),
        ("[notes]\nfrom_address = 'grace at acme'\n", "[notes] from_address"),
        ("[audit]\ninclude_subject = 'no'\n", "[audit] include_subject"),
        ("[server]\nmax_recipients = 0\n", "[server] max_recipients"),
        ("[storage]\nbackend = 'sqlite'\n", "[storage]"),
        ("[store]\nbackend = 'postgresql'\ndsn = 'sqlite:x'\n", "[store] dsn"),
        ("[server]\ntls_cert = '/etc/cert.pem'\n", "[server] tls_cert/tls_key"),
        ("[server]\ntimeout = 60\nprocessing_deadline = 90\n", "[server] processing_deadline"),
        ("[scope\n", "file"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert key in message
    assert "expected" in message


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml")


def test_values_are_typed(tmp_path: Path) -> None:
    s = load_settings(
        write(
            tmp_path,
            """
[server]
listen = "[::1]:2525"
max_message_size = "50MB"
[holds]
timeout = "1h30m"
[modes]
default = "advise"
opt_in = ["ann@support.acme.example"]
[modes.senders]
"*@support.acme.example" = "monitor"
""",
        )
    )
    assert s.server.listen == HostPort("::1", 2525)
    assert str(s.server.listen) == "[::1]:2525"
    assert s.server.max_message_size == 50 * 1024 * 1024
    assert s.holds.timeout == 5400
    assert s.modes.default is Mode.ADVISE
    assert s.modes.senders == {"*@support.acme.example": Mode.MONITOR}


def test_unit_parsers() -> None:
    assert parse_duration("45s") == 45
    assert parse_duration(2.5) == 2.5
    assert parse_duration("7d") == 7 * 86400
    assert parse_size("512k") == 512 * 1024
    with pytest.raises(ValueError):
        parse_duration("soon")
    with pytest.raises(ValueError):
        parse_size(-1)


def test_effective_settings_hide_secrets(tmp_path: Path) -> None:
    s = load_settings(
        write(
            tmp_path,
            '[holds]\nsecret = "hunter2"\n[store]\nbackend = "postgresql"\n'
            'dsn = "postgresql://grace:pw@127.0.0.1/grace"\n',
        )
    )
    eff = s.effective()
    assert eff["holds"]["secret"] == "<set>"
    assert "pw" not in eff["store"]["dsn"]


def test_config_check_cli_exit_codes(tmp_path: Path) -> None:
    good = write(tmp_path, ACME)
    ok = subprocess.run(
        [sys.executable, "-m", "gateway", "config", "check", str(good)],
        capture_output=True, text=True, timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    assert '"support@acme.example"' in ok.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text("[scope]\ninternal_domains = ['not a domain!']\n")
    res = subprocess.run(
        [sys.executable, "-m", "gateway", "config", "check", str(bad)],
        capture_output=True, text=True, timeout=60,
    )
    assert res.returncode == 2
    assert "[scope] internal_domains" in res.stderr


def test_config_check_refuses_a_pack_that_would_stop_the_start(tmp_path: Path) -> None:
    pack = tmp_path / "ours.toml"
    pack.write_text('[rules."kind.hostile".add]\ninsults = ["clown\\b"]\n')  # a backspace
    cfg = tmp_path / "grace.toml"
    cfg.write_text(ACME + f'\n[policies]\npacks = ["{pack}"]\n')
    res = subprocess.run(
        [sys.executable, "-m", "gateway", "config", "check", str(cfg)],
        capture_output=True, text=True, timeout=120,
    )
    assert res.returncode == 2
    assert "[policies]" in res.stderr and "control character U+0008" in res.stderr


def test_internal_special_use_domains_are_accepted(tmp_path: Path) -> None:
    s = load_settings(write(tmp_path, """
[scope]
support_senders = ["help@corp.local", "*@support.example.test"]
internal_domains = ["corp.local", "example.test"]
[holds]
reviewers = ["lead@localhost"]
"""))
    assert s.scope.internal_domains == ("corp.local", "example.test")
    assert s.scope.support_senders == ("help@corp.local", "*@support.example.test")
    assert s.holds.reviewers == ("lead@localhost",)
    for bad in ('"help@corp..local"', '"help@-corp.local"', '"two@@corp.local"'):
        with pytest.raises(ConfigError):
            load_settings(write(tmp_path, f"[scope]\nsupport_senders = [{bad}]\n"))

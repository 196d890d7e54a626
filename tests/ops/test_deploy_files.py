"""The deploy files agree with each other and with the gateway: ports, addresses,
process limits, timeouts, the state directory and the stop timeout.  Numbers are
read from the files and from the example config, so changing one without the
other fails here."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from gateway.config import HostPort, load_settings, parse_duration, parse_host_port
from gateway.runner import DRAIN_MARGIN

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
EXAMPLE = load_settings(DEPLOY / "grace.example.toml")


@dataclass
class Service:
    name: str
    kind: str
    chroot: str
    maxproc: str
    command: str
    options: dict[str, str] = field(default_factory=dict)


def master_cf() -> dict[str, Service]:
    services: dict[str, Service] = {}
    current: Service | None = None
    for line in (DEPLOY / "postfix" / "master.cf").read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            name, kind, _private, _unpriv, chroot, _wakeup, maxproc, command = line.split()[:8]
            current = services[name] = Service(name, kind, chroot, maxproc, command)
            continue
        assert current is not None, line
        flag, option = line.split(None, 1)
        assert flag == "-o", line
        key, _, value = option.partition("=")
        current.options[key] = value
    return services


def main_cf() -> dict[str, str]:
    out = {}
    for line in (DEPLOY / "postfix" / "main.cf").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            out[key.strip()] = value.strip()
    return out


def nexthop(value: str) -> HostPort:
    """"grace:[127.0.0.1]:10025" -> HostPort("127.0.0.1", 10025)."""
    match = re.fullmatch(r"grace:\[([^\]]+)\]:(\d+)", value)
    assert match, value
    return HostPort(match.group(1), int(match.group(2)))


def test_postfix_hands_mail_to_the_gateway_and_the_gateway_back_to_postfix():
    main, services = main_cf(), master_cf()
    assert nexthop(main["content_filter"]) == EXAMPLE.server.listen
    assert main["receive_override_options"] == "no_address_mappings"
    reinject = [s for s in services.values() if s.kind == "inet"]
    assert len(reinject) == 1
    assert parse_host_port(reinject[0].name) == EXAMPLE.relay.next_hop
    options = reinject[0].options
    assert options["content_filter"] == ""  # or mail loops through the gateway forever
    overrides = options["receive_override_options"].split(",")
    assert {"no_unknown_recipient_checks", "no_header_body_checks"} <= set(overrides)
    assert "no_address_mappings" not in overrides  # mappings run once, here
    assert options["smtpd_recipient_restrictions"] == "permit_mynetworks,reject"
    assert options["mynetworks"] == "127.0.0.0/8"


def test_the_filter_transport_matches_the_gateways_capacity_and_deadline():
    main, services = main_cf(), master_cf()
    grace = services["grace"]
    assert (grace.kind, grace.command) == ("unix", "smtp")
    maxproc = int(grace.maxproc)
    assert maxproc == int(main["grace_destination_concurrency_limit"])
    assert maxproc <= EXAMPLE.server.max_connections
    assert int(main["grace_destination_recipient_limit"]) <= EXAMPLE.server.max_recipients
    done = parse_duration(grace.options["smtp_data_done_timeout"])
    # Postfix must wait well beyond the point where the gateway answers 451 itself.
    assert done >= 2 * EXAMPLE.server.processing_deadline
    assert EXAMPLE.server.processing_deadline < EXAMPLE.server.timeout
    assert grace.options["disable_mime_output_conversion"] == "yes"


def test_the_reinjection_listener_has_room_for_everything_the_gateway_opens():
    services = master_cf()
    [reinject] = [s for s in services.values() if s.kind == "inet"]
    grace_maxproc = int(services["grace"].maxproc)
    pooled = EXAMPLE.workers * EXAMPLE.relay.pool_size
    assert int(reinject.maxproc) >= grace_maxproc + pooled


def test_notes_larger_than_the_size_limit_get_in_through_their_own_cleanup():
    services = master_cf()
    [reinject] = [s for s in services.values() if s.kind == "inet"]
    assert reinject.options["message_size_limit"] == "0"
    cleanup = services[reinject.options["cleanup_service_name"]]
    assert cleanup.command == "cleanup" and cleanup.options["message_size_limit"] == "0"


def test_dkim_signing_sits_after_the_gateway():
    main, services = main_cf(), master_cf()
    [reinject] = [s for s in services.values() if s.kind == "inet"]
    assert reinject.options["smtpd_milters"] == "$grace_signing_milters"
    assert "no_milters" not in reinject.options["receive_override_options"]
    assert "grace_signing_milters" in main


def test_release_mail_is_routed_to_the_gateway_by_address():
    main = main_cf()
    assert main["recipient_delimiter"] == "+"
    assert main["transport_maps"] == "hash:/etc/postfix/grace_transport"
    assert main["soft_bounce"] == "yes"
    entries = {}
    for line in (DEPLOY / "postfix" / "grace_transport").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            address, target = line.split()
            entries[address] = nexthop(target)
    assert entries == {EXAMPLE.release_address: EXAMPLE.server.listen,
                       EXAMPLE.false_positive_address: EXAMPLE.server.listen}


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None,
                                       comment_prefixes=("#", ";"))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DEPLOY / "systemd" / "grace-gateway.service")
    return parser


def test_systemd_unit_runs_unprivileged_hardened_and_drains_on_stop():
    service = unit()["Service"]
    assert service["User"] == "grace" and service["Group"] == "grace"
    assert service["StateDirectory"] == "grace" and service["StateDirectoryMode"] == "0700"
    assert service["Environment"] == f"GRACE_HOME={EXAMPLE.state.dir}"
    assert EXAMPLE.state.dir == Path("/var/lib/grace")
    assert service["ExecStart"].endswith("grace serve --config /etc/grace/grace.toml")
    assert service["ConfigurationDirectory"] == "grace"
    assert service["ProtectSystem"] == "strict"
    assert service["NoNewPrivileges"] == "yes"
    assert service["Restart"] == "on-failure"
    # Only the main process gets SIGTERM; it tells its workers once and waits.
    assert service["KillMode"] == "mixed" and service["KillSignal"] == "SIGTERM"
    # The supervisor waits processing_deadline + 2 x DRAIN_MARGIN for its workers,
    # then a few seconds for the store and outbox to close.
    drain = EXAMPLE.server.processing_deadline + 2 * DRAIN_MARGIN
    assert int(service["TimeoutStopSec"]) >= drain + 20


@pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                    reason="systemd-analyze is not installed")
def test_systemd_accepts_the_unit(tmp_path):
    text = (DEPLOY / "systemd" / "grace-gateway.service").read_text()
    # Only the program path changes: /opt/grace is not installed on the test machine.
    copy = tmp_path / "grace-gateway.service"
    copy.write_text(text.replace("/opt/grace/bin/grace", sys.executable))
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True,
                            text=True, timeout=60)
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if "grace-gateway.service" in line]
    assert result.returncode == 0 and not problems, result.stdout + result.stderr


def test_container_runs_unprivileged_with_a_state_volume_and_no_extra_downloads():
    lines = (DEPLOY / "container" / "Containerfile").read_text().splitlines()
    instructions = [line for line in lines if line and not line.startswith((" ", "#"))]
    user = [line.split()[1] for line in instructions if line.startswith("USER ")]
    assert user and user[-1].split(":")[0] not in ("root", "0")
    assert f'VOLUME ["{EXAMPLE.state.dir}"]' in instructions
    assert any(f"GRACE_HOME={EXAMPLE.state.dir}" in line for line in lines)
    assert "STOPSIGNAL SIGTERM" in instructions
    runs = " ".join(line for line in lines if not line.startswith("#"))
    for tool in ("apt-get", "apk ", "curl ", "wget ", "git "):
        assert tool not in runs, f"the build downloads with {tool.strip()}"
    exposed = next(line for line in instructions if line.startswith("EXPOSE")).split()[1:]
    assert str(EXAMPLE.server.listen.port) in exposed
    assert EXAMPLE.http.listen is not None and str(EXAMPLE.http.listen.port) in exposed
    assert any(line.startswith("HEALTHCHECK") for line in instructions)
    assert f"http://127.0.0.1:{EXAMPLE.http.listen.port}/healthz" in " ".join(lines)


def test_the_postfix_readme_shows_the_steps_the_e2e_test_takes():
    """tests/e2e/test_postfix.py does exactly these (with its own directory)."""
    readme = (DEPLOY / "postfix" / "README.md").read_text()
    for step in ("cat main.cf >> /etc/postfix/main.cf",
                 "cat master.cf >> /etc/postfix/master.cf",
                 "cp grace_transport /etc/postfix/grace_transport",
                 "postmap /etc/postfix/grace_transport",
                 "postfix check",
                 "postconf -X content_filter receive_override_options && postfix reload",
                 "postqueue -f"):
        assert step in readme, step

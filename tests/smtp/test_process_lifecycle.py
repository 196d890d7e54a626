"""`grace serve` as a process: config errors, defaults, signals, SIGKILL, workers,
deadlines and access control."""

from __future__ import annotations

import os
import signal
import smtplib
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import (
    CUSTOMER,
    LOOPBACK,
    base_config,
    decisions,
    free_port,
    wait_port,
    wait_until,
    write_config,
)

from gateway.config import load_settings

SENDER = "billing@elsewhere.example"


def message(tag: str) -> bytes:
    return (f"From: {SENDER}\r\nTo: {CUSTOMER}\r\nSubject: {tag}\r\n"
            f"Message-ID: <{tag}@elsewhere.example>\r\n\r\nBody of {tag}.\r\n").encode()


def send_in_thread(port: int, raw: bytes) -> tuple[threading.Thread, dict]:
    """Send in the background; the outcome ends up in the returned dict."""
    outcome: dict = {}

    def run() -> None:
        try:
            client = smtplib.SMTP(LOOPBACK, port, timeout=60)
            outcome["refused"] = client.sendmail(SENDER, [CUSTOMER], raw)
            outcome["code"] = 250
            client.close()  # no QUIT: a stopping gateway may already have said 421
        except smtplib.SMTPResponseException as exc:
            outcome["code"] = exc.smtp_code
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            outcome["error"] = repr(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def children(pid: int) -> set[int]:
    """Pids whose parent is `pid` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def serve_config(tmp_path: Path, sink, **sections) -> tuple[Path, int]:
    port = free_port()
    config = base_config(tmp_path / "state", port, sink.port, **sections)
    return write_config(tmp_path / "grace.toml", config), port


# ----------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ('[server]\nlisten = "127.0.0.1:10025"\nlisen_typo = 1\n', "lisen_typo"),
        ('[notes]\nfrom_address = "not an address"\n', "from_address"),
        ('[server]\nallowed_clients = ["127.0.0.1/33"]\n', "allowed_clients"),
        ('[scope]\nsupport_senders = ["support@@acme"]\n', "support_senders"),
        ('[nonsense]\nx = 1\n', "nonsense"),
    ],
)
def test_bad_config_exits_2_naming_the_key(tmp_path, toml, named):
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "gateway", "serve", "--config", str(path)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert named in result.stderr and str(path) in result.stderr


def test_embedded_defaults_keep_state_under_dot_var(tmp_path, sink):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "GRACE_HOME"}
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "gateway", "serve", "--listen", f"{LOOPBACK}:{port}",
         "--relay", sink.address],
        cwd=tmp_path, env=env, stdout=log, stderr=log, start_new_session=True,
    )
    try:
        wait_port(port, 90, proc)
        raw = message("defaults")
        with smtplib.SMTP(LOOPBACK, port, timeout=30) as client:
            client.sendmail(SENDER, [CUSTOMER], raw)
        assert [m.data for m in sink.wait_for(1)] == [raw]
        assert (tmp_path / "var" / "grace.db").exists()
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        log.close()
    text = (tmp_path / "serve.log").read_text()
    assert "decision=pass-through" in text and "msgid=<defaults@elsewhere.example>" in text


# ----------------------------------------------------------------- signals


def test_sigterm_finishes_the_transaction_in_flight(tmp_path, sink, spawn_gateway):
    config, port = serve_config(tmp_path, sink)
    gateway = spawn_gateway(config, port)
    sink.delay = 2.0
    raw = message("inflight")
    thread, outcome = send_in_thread(port, raw)
    assert sink.data_started.wait(20)
    gateway.signal(signal.SIGTERM)
    thread.join(30)
    assert outcome.get("code") == 250, outcome
    assert gateway.wait(30) == 0
    assert [m.data for m in sink.messages] == [raw]
    with pytest.raises(OSError):
        smtplib.SMTP(LOOPBACK, port, timeout=5)


def test_sigkill_while_next_hop_is_slow_loses_nothing(tmp_path, sink, spawn_gateway):
    config, port = serve_config(tmp_path, sink)
    gateway = spawn_gateway(config, port)
    sink.delay = 3.0
    raw = message("killed")
    thread, outcome = send_in_thread(port, raw)
    assert sink.data_started.wait(20)
    helpers = children(gateway.proc.pid)  # the analysis processes
    assert helpers
    gateway.signal(signal.SIGKILL)
    thread.join(30)
    assert outcome.get("code") != 250 and "refused" not in outcome, outcome
    time.sleep(sink.delay + 0.5)
    assert all(m.data == raw for m in sink.messages)  # nothing half-delivered
    assert wait_until(lambda: not any(alive(p) for p in helpers), timeout=15)  # no orphans
    delivered_before_retry = len(sink.messages)

    # The client still has the message and retries against the restarted gateway.
    sink.delay = 0.0
    spawn_gateway(config, port)
    with smtplib.SMTP(LOOPBACK, port, timeout=30) as client:
        assert client.sendmail(SENDER, [CUSTOMER], raw) == {}
    assert delivered_before_retry == 0
    assert [m.data for m in sink.wait_for(1)] == [raw]


def test_two_workers_share_the_port_and_stop_cleanly(tmp_path, sink, spawn_gateway):
    config, port = serve_config(tmp_path, sink, server={"workers": 2})
    gateway = spawn_gateway(config, port)
    assert wait_until(lambda: "2 workers listening" in gateway.log_text(), timeout=120)
    sent = [message(f"worker{i}") for i in range(20)]
    for raw in sent:
        with smtplib.SMTP(LOOPBACK, port, timeout=30) as client:
            client.sendmail(SENDER, [CUSTOMER], raw)
    assert sorted(m.data for m in sink.wait_for(20)) == sorted(sent)
    gateway.signal(signal.SIGTERM)
    assert gateway.wait(60) == 0
    records = decisions(load_settings(config))
    assert len(records) == 20
    assert len({r["node"] for r in records}) == 2  # both processes took mail


# ----------------------------------------------------------------- deadlines, access


def test_processing_deadline_answers_451(make_gateway, sink):
    gateway = make_gateway(server={"processing_deadline": "1s"})
    sink.delay = 3.0
    with smtplib.SMTP(LOOPBACK, gateway.port, timeout=30) as client:
        with pytest.raises(smtplib.SMTPDataError) as info:
            client.sendmail(SENDER, [CUSTOMER], message("slow"))
        assert info.value.smtp_code == 451 and b"longer than 1 s" in info.value.smtp_error
        assert client.noop()[0] == 250  # the session is still usable
    [record] = wait_until(lambda: decisions(gateway.settings))
    assert record["decision"] == "deferred" and "longer than" in record["reason"]
    time.sleep(sink.delay)
    assert sink.messages == []  # the abandoned DATA never completed at the next hop


def test_client_outside_allowed_clients_is_refused(make_gateway, sink):
    gateway = make_gateway(server={"allowed_clients": ["10.0.0.0/8", "::1/128"]})
    with pytest.raises(smtplib.SMTPConnectError) as info:
        smtplib.SMTP(LOOPBACK, gateway.port, timeout=10)
    assert info.value.smtp_code == 554
    assert b"allowed_clients" in info.value.smtp_error
    assert sink.messages == []


def test_connection_cap_answers_421(make_gateway, sink):
    gateway = make_gateway(server={"max_connections": 1})
    with smtplib.SMTP(LOOPBACK, gateway.port, timeout=10) as first:
        first.ehlo("one.test")
        with pytest.raises(smtplib.SMTPConnectError) as info:
            smtplib.SMTP(LOOPBACK, gateway.port, timeout=10)
        assert info.value.smtp_code == 421
        assert first.sendmail(SENDER, [CUSTOMER], message("capped")) == {}


@pytest.mark.parametrize("workers", [1, 2])
def test_listen_address_in_use_exits_2(tmp_path, sink, workers):
    config, port = serve_config(tmp_path, sink, server={"workers": workers})
    import socket

    with socket.socket() as taken:
        taken.bind((LOOPBACK, port))
        taken.listen(1)
        result = subprocess.run(
            [sys.executable, "-m", "gateway", "serve", "--config", str(config)],
            capture_output=True, text=True, timeout=120,
        )
    assert result.returncode == 2, result.stderr
    assert "[server] listen" in result.stderr

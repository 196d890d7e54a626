"""/healthz and /metrics of a real gateway on loopback (next hop: the aiosmtpd sink).

The gateway runs in this process, so its metrics live in this process's registry,
which other tests' gateways share: every count here is a difference between two
scrapes."""

from __future__ import annotations

import http.client
import json
import smtplib
import socket

import pytest
from conftest import (
    AGENT,
    CUSTOMER,
    LOOPBACK,
    InProcessGateway,
    base_config,
    decisions,
    free_port,
    wait_until,
    write_config,
)
from prometheus_client.parser import text_string_to_metric_families

from gateway.runner import StartError

OUTSIDER = "billing@elsewhere.example"
CLEAN = ("Hi Kim,\r\n\r\nThank you for telling us. You were charged twice for invoice 4471, "
         "and that was our mistake. I refunded the second charge of 40 EUR today; it reaches "
         "your card within 3 working days. If it has not arrived by Friday, reply here and I "
         "will call the bank myself.\r\n\r\nMaria\r\n")
RUDE = ("Kim,\r\n\r\nAs I already told you twice, this is your own fault. Obviously you never "
        "read the invoice. Stop wasting our time with this.\r\n\r\nMaria\r\n")


def mail(msgid: str, body: str, sender: str, subject: str = "Re: Invoice 4471") -> bytes:
    return (f"From: <{sender}>\r\nTo: <{CUSTOMER}>\r\nSubject: {subject}\r\n"
            "In-Reply-To: <q1@customer.example>\r\nReferences: <q1@customer.example>\r\n"
            f"Message-ID: <{msgid}>\r\nDate: Tue, 03 Mar 2026 15:00:00 +0100\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).encode()


def send(port: int, sender: str, raw: bytes) -> tuple[int, str]:
    with smtplib.SMTP(LOOPBACK, port, timeout=30) as client:
        client.ehlo("client.test")
        client.mail(sender)
        client.rcpt(CUSTOMER)
        code, text = client.data(raw)
        return code, text.decode()


def get(port: int, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=15)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def scrape(port: int) -> dict[tuple[str, tuple], float]:
    status, headers, body = get(port, "/metrics")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain")
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(body.decode())
            for s in family.samples}


def delta(after: dict, before: dict, name: str, **labels: str) -> float:
    key = (name, tuple(sorted(labels.items())))
    return after.get(key, 0.0) - before.get(key, 0.0)


@pytest.fixture
def ops_gateway(make_gateway):
    port = free_port()
    gateway = make_gateway(http={"listen": f"{LOOPBACK}:{port}"})
    gateway.http_port = port
    return gateway


def test_healthz_is_ready_only_while_the_next_hop_answers(ops_gateway, sink):
    port = ops_gateway.http_port
    status, headers, body = get(port, "/healthz")
    assert status == 200, body
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"status": "ok", "next_hop": "ok", "store": "ok"}

    sink.stop()
    try:
        down = wait_until(lambda: (r := get(port, "/healthz"))[0] == 503 and r, 10, 0.2)
        assert down, "healthz stayed 200 with the next hop down"
        report = json.loads(down[2])
        assert report["status"] == "unavailable" and report["store"] == "ok"
        assert report["next_hop"].startswith(f"cannot reach the next hop {sink.address}")
    finally:
        sink.start()
    assert wait_until(lambda: get(port, "/healthz")[0] == 200, 10, 0.2)


def test_healthz_reports_a_store_that_does_not_answer(ops_gateway):
    ops_gateway.call(ops_gateway.server.store.close())
    status, _, body = wait_until(lambda: (r := get(ops_gateway.http_port, "/healthz"))[0]
                                 == 503 and r, 10, 0.2)
    assert status == 503
    assert json.loads(body)["store"] == "the store does not accept writes"


def test_metrics_count_decisions_findings_holds_and_next_hop_errors(ops_gateway, sink):
    port, smtp_port = ops_gateway.http_port, ops_gateway.port
    before = scrape(port)

    for n in range(2):
        assert send(smtp_port, OUTSIDER, mail(f"m{n}@elsewhere.example", "Receipt.\r\n",
                                              OUTSIDER, "Receipt"))[0] == 250
    assert send(smtp_port, AGENT, mail("clean@support.acme.example", CLEAN, AGENT))[0] == 250
    code, text = send(smtp_port, AGENT, mail("rude@support.acme.example", RUDE, AGENT))
    assert code == 250 and "held for review" in text
    assert wait_until(lambda: sink.to(AGENT))  # the review note went out
    held = [d for d in decisions(ops_gateway.settings) if d["decision"] == "hold"]
    rules = [f["rule"] for f in held[0]["findings"]]

    after = wait_until(lambda: (s := scrape(port)) and
                       delta(s, before, "grace_notes_sent_total") >= 1 and s)
    assert delta(after, before, "grace_messages_total", decision="pass-through",
                 mode="none") == 2
    assert delta(after, before, "grace_messages_total", decision="forward", mode="enforce") == 1
    assert delta(after, before, "grace_messages_total", decision="hold", mode="enforce") == 1
    for rule in set(rules):
        assert delta(after, before, "grace_findings_total", rule=rule,
                     severity="hold") == rules.count(rule)
    assert delta(after, before, "grace_processing_seconds_count", scope="out-of-scope") == 2
    assert delta(after, before, "grace_processing_seconds_count", scope="in-scope") == 2
    assert after[("grace_holds_open", ())] == 1  # this gateway's own store
    assert 0 <= after[("grace_oldest_hold_age_seconds", ())] < 60

    sink.stop()  # the next hop goes away: the client is told to retry
    try:
        code, _ = send(smtp_port, OUTSIDER, mail("m9@elsewhere.example", "Receipt.\r\n",
                                                 OUTSIDER, "Receipt"))
        assert code == 451
    finally:
        sink.start()
    later = scrape(port)
    assert delta(later, after, "grace_next_hop_errors_total", kind="unreachable") == 1
    assert delta(later, after, "grace_messages_total", decision="deferred", mode="none") == 1


def test_only_get_and_head_on_two_paths(ops_gateway):
    port = ops_gateway.http_port
    assert get(port, "/")[0] == 404
    status, headers, _ = get(port, "/metrics", method="POST")
    assert status == 405 and headers["Allow"] == "GET, HEAD"
    status, headers, body = get(port, "/healthz", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0
    with socket.create_connection((LOOPBACK, port), timeout=5) as raw:
        raw.sendall(b"NONSENSE\r\n\r\n")
        assert raw.recv(100).startswith(b"HTTP/1.1 400 ")


def test_the_endpoint_is_off_by_default(make_gateway):
    gateway = make_gateway()
    assert gateway.server.ops is None


def test_a_busy_http_port_stops_the_start_with_a_clear_error(tmp_path, sink, gateway_loop,
                                                              analysis_pool):
    with socket.socket() as busy:
        busy.bind((LOOPBACK, 0))
        busy.listen()
        port = busy.getsockname()[1]
        config = base_config(tmp_path / "state", free_port(), sink.port,
                             http={"listen": f"{LOOPBACK}:{port}"})
        gateway = InProcessGateway(write_config(tmp_path / "grace.toml", config), gateway_loop,
                                   analysis_pool)
        try:
            with pytest.raises(StartError) as err:
                gateway.start()
        finally:
            gateway.stop()
    assert err.value.code == 2
    assert f"cannot listen on {LOOPBACK}:{port} ([http] listen)" in str(err.value)

"""`grace held list|show|release|discard` against a running gateway's store."""

from __future__ import annotations

import getpass
import json

from conftest import audit_records, wait_until
from notekit import AGENT, CUSTOMER, parse, reply_bytes
from test_release_flow import send

from gateway.cli import main as grace


def _raw(msgid: str) -> bytes:
    # Each in its own thread: a newer held reply in the same thread replaces the older.
    return reply_bytes(msgid=msgid, in_reply_to=f"q-{msgid}", references=f"q-{msgid}")


def _hold(gateway, sink, msgid: str) -> str:
    code, text = send(gateway.port, _raw(msgid))
    assert code == 250 and "held for review as h" in text, text
    return text.split("held for review as ", 1)[1].split(";", 1)[0]


def test_list_show_release_and_discard(make_gateway, sink, tmp_path, capsys):
    gateway = make_gateway()
    config = str(tmp_path / "grace0.toml")
    first = _hold(gateway, sink, "cli-1@support.acme.example")
    second = _hold(gateway, sink, "cli-2@support.acme.example")

    assert grace(["held", "list", "--config", config]) == 0
    out = capsys.readouterr().out
    assert first in out and second in out and "kind.hostile" in out

    assert grace(["held", "show", first, "--config", config]) == 0
    out = capsys.readouterr().out
    assert f"id:          {first}" in out and "kind.hostile (hold)" in out
    assert '"calm down"' in out  # the findings' exact words
    assert "message-id: <cli-1@support.acme.example>" in out  # the held headers
    assert "decision" in out  # the history

    user = getpass.getuser()
    assert grace(["held", "release", first, "--reason", "checked with the customer",
                  "--config", config]) == 0
    assert "released" in capsys.readouterr().out
    [delivered] = sink.to(CUSTOMER)
    assert delivered.data == _raw("cli-1@support.acme.example")

    assert grace(["held", "discard", second, "--reason", "duplicate",
                  "--config", config]) == 0
    assert len(sink.to(CUSTOMER)) == 1

    records = {r["kind"]: r for r in audit_records(gateway.settings)
               if r.get("hold_id") in (first, second)}
    assert records["release-requested"]["actor"] == f"cli:{user}"
    assert records["release-requested"]["reason"] == "checked with the customer"
    assert records["released"]["next_hop"].startswith("250")
    assert records["discarded"]["actor"] == f"cli:{user}"
    assert records["discarded"]["reason"] == "duplicate"
    # The author hears about both (the answers go out through the gateway's outbox).
    assert wait_until(lambda: len([m for m in sink.to(AGENT) if parse(m.data)["Subject"]
                                   .startswith(("Sent:", "Not sent:"))]) == 2)

    # Nothing open any more; a second release of the same hold is refused.
    assert grace(["held", "list", "--config", config]) == 0
    assert "no holds open" in capsys.readouterr().out
    assert grace(["held", "release", first, "--reason", "again", "--config", config]) == 1
    assert "not-held" in capsys.readouterr().err
    assert len(sink.to(CUSTOMER)) == 1

    assert grace(["held", "list", "--all", "--format", "json", "--config", config]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["id"]: r["state"] for r in rows} == {first: "released", second: "discarded"}


def test_bad_ids_and_missing_reasons_are_usage_errors(tmp_path, capsys):
    assert grace(["held", "show", "not-an-id"]) == 2
    assert "not a hold id" in capsys.readouterr().err
    assert grace(["held", "discard", "h" + "a" * 24, "--reason", "  "]) == 2

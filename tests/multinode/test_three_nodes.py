"""Three gateway processes, one PostgreSQL database: 3,000 in-scope replies spread
over them (two thirds clean and forwarded, one third held with a review note),
then `grace audit verify` over ONE chain with exactly the expected records."""

from __future__ import annotations

import asyncio
import collections
import hashlib
import json
import subprocess
import sys
import time

import psycopg
import pytest
from conftest import wait_until

from gateway.pipeline import Analyzer
from gateway.scope import Envelope

from .loadkit import AGENT, CUSTOMER, drive, message_id, reply

MESSAGES = 3000


def kind_of(n: int) -> str:
    """Every third round of three is held: a third of each node's share (message n
    goes through node n % 3)."""
    return "hold" if (n // 3) % 3 == 0 else "forward"


def describe(nodes) -> str:
    """Each node's exit status and, for a node that died, the end of its log."""
    out = []
    for node in nodes:
        status = node.process.proc.poll()
        out.append(f"node {node.index}: {'running' if status is None else f'exit {status}'}")
        if status is not None:
            out.append(node.process.log_text()[-2000:])
    return "\n".join(out)


def audit_count(dsn: str) -> int:
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT count(*) FROM audit").fetchone()[0]


@pytest.mark.slow
def test_three_nodes_keep_one_gap_free_chain_over_3000_messages(pg_dsn, start_nodes, sink):
    nodes = start_nodes(pg_dsn, 3)
    analyzer = Analyzer(nodes[0].settings)  # precondition: the policies agree on the mix
    for kind in ("forward", "hold"):
        assert analyzer.analyse(reply(0, kind), Envelope(AGENT, (CUSTOMER,))).action == kind

    messages = [(kind_of(n), reply(n, kind_of(n))) for n in range(MESSAGES)]
    started = time.monotonic()
    sent = asyncio.run(drive([n.port for n in nodes], messages, per_node=6, deadline=900))
    elapsed = time.monotonic() - started
    refused = [(s.n, s.final) for s in sent if not s.accepted]
    assert refused == [], (f"{len(refused)} messages not accepted, e.g. {refused[:3]}; "
                           + describe(nodes))
    for s in sent:
        expected = "held for review as h" if s.kind == "hold" else "forwarded"
        assert expected in s.final[1], (s.n, s.final)
    holds = sum(1 for kind, _ in messages if kind == "hold")
    forwards = MESSAGES - holds
    print(f"\n{MESSAGES} messages through 3 nodes in {elapsed:.1f} s "
          f"({MESSAGES / elapsed:.0f} msg/s)")

    # Every forwarded reply at the sink once, byte for byte; a note for every hold.
    arrived = sink.wait_for(forwards + holds, timeout=300)
    to_customer = collections.Counter(message_id(m.data) for m in arrived
                                      if m.rcpt_tos == (CUSTOMER,))
    assert to_customer == collections.Counter(
        f"load-{n}@support.acme.example" for n in range(MESSAGES) if kind_of(n) == "forward")
    by_id = {message_id(m.data): m.data for m in arrived if m.rcpt_tos == (CUSTOMER,)}
    assert all(by_id[message_id(raw)] == raw for kind, raw in messages if kind == "forward")
    notes = [m for m in arrived if m.rcpt_tos == (AGENT,)]
    assert len(notes) == holds and all(m.mail_from in ("", "<>") for m in notes)

    # One decision per message, one note-sent per hold: the notes' records are
    # written after the sink took the note, so wait for them before stopping.
    expected_records = forwards + 2 * holds
    assert wait_until(lambda: audit_count(pg_dsn) >= expected_records, timeout=120)
    for node in nodes:
        assert node.process.stop() == 0, node.process.log_path.read_text()[-3000:]

    verify = subprocess.run(
        [sys.executable, "-m", "gateway", "audit", "verify", "--config", str(nodes[1].config)],
        capture_output=True, text=True, timeout=300)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert f"ok: {expected_records} records, head {expected_records} " in verify.stdout

    with psycopg.connect(pg_dsn) as conn:
        rows = conn.execute(
            "SELECT id, kind, decision, hold_id, body FROM audit ORDER BY id").fetchall()
        stored_holds = dict(conn.execute(
            "SELECT h.id, h.state || ' ' || encode(sha256(m.raw), 'hex') FROM holds h"
            " JOIN held_messages m ON m.hold_id = h.id").fetchall())
    assert [r[0] for r in rows] == list(range(1, expected_records + 1))  # no gaps
    kinds = collections.Counter((r[1], r[2]) for r in rows)
    assert kinds == {("decision", "forward"): forwards, ("decision", "hold"): holds,
                     ("note-sent", ""): holds}
    nodes_seen = collections.Counter(
        json.loads(bytes(r[4]))["node"] for r in rows if r[1] == "decision")
    assert len(nodes_seen) == 3 and min(nodes_seen.values()) >= MESSAGES // 3 - 1

    hold_ids = [r[3] for r in rows if r[2] == "hold"]
    assert len(set(hold_ids)) == holds and set(hold_ids) == set(stored_holds)
    held_digests = collections.Counter(stored_holds.values())
    assert held_digests == collections.Counter(
        f"held {hashlib.sha256(raw).hexdigest()}" for kind, raw in messages if kind == "hold")

"""The database stops in the middle of a run: clients get 451 and keep their mail
(they retry, as Postfix does), nothing is lost or delivered twice, and once the
database is back the gateways carry on by themselves and the chain verifies.

The database is a private PostgreSQL instance (`pgkit.PrivateServer`): stopping
the shared server on 5432 would break every other test running at the time.
"""

from __future__ import annotations

import asyncio
import collections
import subprocess
import sys

import psycopg
import pytest
from store import pgkit

from .loadkit import CUSTOMER, Progress, drive, message_id, reply

MESSAGES = 600
STOP_AFTER = 150
DOWN_SECONDS = 15.0


def kind_of(n: int) -> str:
    return "hold" if (n // 2) % 3 == 0 else "forward"


@pytest.mark.slow
def test_a_database_outage_defers_mail_and_loses_nothing(start_nodes, sink):
    with pgkit.private_server() as server:
        nodes = start_nodes(server.dsn, 2)
        messages = [(kind_of(n), reply(n, kind_of(n), run="outage")) for n in range(MESSAGES)]

        async def scenario():
            progress = Progress()
            run = asyncio.create_task(drive([n.port for n in nodes], messages, per_node=6,
                                            retry_4xx=True, deadline=600, progress=progress))
            await progress.wait_done(STOP_AFTER)
            await asyncio.to_thread(server.stop, "fast")
            await asyncio.sleep(DOWN_SECONDS)
            await asyncio.to_thread(server.start)
            return await run

        sent = asyncio.run(scenario())
        assert [n.process.proc.poll() for n in nodes] == [None, None]  # no restart needed

        # Clients were told to come back later, never refused for good.
        answers = [code for s in sent for code, _ in s.answers]
        assert 451 in answers, collections.Counter(answers)
        assert not [code for code in answers if code >= 500]
        assert [s.n for s in sent if not s.accepted] == []
        deferred = sum(1 for s in sent if s.deferrals)

        # Nothing lost, nothing twice: each forward at the sink once, each hold stored once.
        forwards = {f"outage-{n}@support.acme.example" for n, (k, _) in enumerate(messages)
                    if k == "forward"}
        holds = {f"outage-{n}@support.acme.example" for n, (k, _) in enumerate(messages)
                 if k == "hold"}
        at_sink = collections.Counter(message_id(m.data) for m in sink.wait_for(len(forwards))
                                      if m.rcpt_tos == (CUSTOMER,))
        assert at_sink == collections.Counter(forwards)
        with psycopg.connect(server.dsn) as conn:
            stored = collections.Counter(r[0].strip("<>") for r in conn.execute(
                "SELECT message_id FROM holds").fetchall())
        assert stored == collections.Counter(holds)

        # A forward record kept in memory through the outage is retried every second
        # in the background, and flushed at shutdown at the latest: count after it.
        for node in nodes:
            assert node.process.stop() == 0
        with psycopg.connect(server.dsn) as conn:
            decided = collections.Counter(conn.execute(
                "SELECT decision FROM audit WHERE kind = 'decision'").fetchall())
        logs = "".join(node.process.log_path.read_text(errors="replace") for node in nodes)
        verify = subprocess.run(
            [sys.executable, "-m", "gateway", "audit", "verify", "--config",
             str(nodes[0].config)], capture_output=True, text=True, timeout=300)
        assert verify.returncode == 0 and verify.stdout.startswith("ok: "), verify.stdout

        # Every hold has its decision record (same transaction).  A reply that the
        # next hop took just before the database went away keeps its 250; its
        # record is kept in memory and written once the database is back.
        assert decided[("hold",)] == len(holds)
        assert decided[("forward",)] == len(forwards)
        late = logs.count("audit append failed after delivery")
        print(f"\n{deferred} messages deferred during the outage; {late} forward records "
              f"written late, after the database came back")

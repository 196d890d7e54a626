"""The analysis processes (gateway.analysis_pool) under the faults they exist for.

A job over its time limit costs only its own process (killed, replaced; the
others keep working); a process that dies under a job is replaced and the job
tried once more; a job that raises is an error, not a dead process; a caller
that gives up does not leave a stale answer for the next job; settings reach
every process however many configurations share the pool; the processes leave
with the pool (stuck ones within one shared deadline, and no caller is left
waiting), and with a gateway that is killed.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime

import pytest
from conftest import wait_until

from gateway.analysis_pool import AnalysisPool, AnalysisUnavailable, RemoteError
from gateway.config import settings_from_mapping
from gateway.scope import Envelope

from . import pool_jobs as jobs
from .kit import AGENT, CUSTOMER, reply

TIME_LIMIT = 2.0


def settings(name: str = "pool"):
    return settings_from_mapping({"scope": {"support_senders": ["*@support.acme.example"]},
                                  "notes": {"enabled": True}}, name, name)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is not alive
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture(scope="module")
def pool(gateway_loop):
    p = AnalysisPool(processes=2, time_limit=TIME_LIMIT)
    gateway_loop.call(p.start(settings()), timeout=180)
    yield p
    p.close()


def run(gateway_loop, coro, timeout: float = 120.0):
    return gateway_loop.call(coro, timeout)


def analyse(pool: AnalysisPool, conf=None, body: bytes = b"Thanks, the export is fixed."):
    raw = reply("pool@support.acme.example", body)
    return pool.analyse(conf or settings(), raw, Envelope(AGENT, (CUSTOMER,)),
                        datetime.now(UTC))


def test_a_job_over_its_time_limit_costs_only_its_own_process(pool, gateway_loop):
    before = {p.process.pid for p in pool._all}
    restarts = pool.restarts

    async def scenario():
        slow = asyncio.ensure_future(pool.call(jobs.sleep_then, seconds=60, value="late"))
        await asyncio.sleep(0.2)
        started = time.monotonic()
        # the other process keeps working while the slow job runs
        quick = await pool.call(jobs.echo, value="quick")
        quick_at = time.monotonic() - started
        with pytest.raises(RemoteError, match="time limit"):
            await slow
        return quick, quick_at

    quick, quick_at = run(gateway_loop, scenario())
    assert quick == "quick" and quick_at < TIME_LIMIT
    assert pool.restarts == restarts + 1
    after = {p.process.pid for p in pool._all}
    gone = before - after
    assert len(gone) == 1, (before, after)
    assert wait_until(lambda: not alive(next(iter(gone))), 5)
    # the replacement joins once it has compiled; then analysis works as before
    result = run(gateway_loop, analyse(pool))
    assert result.action == "forward"
    assert wait_until(lambda: len(pool._all) == 2, 60)


def test_a_process_that_dies_is_replaced_and_the_job_tried_once_more(pool, gateway_loop):
    restarts = pool.restarts
    with pytest.raises(RemoteError, match="crashed"):
        run(gateway_loop, pool.call(jobs.die))
    assert pool.restarts == restarts + 2  # the job killed a process twice
    assert run(gateway_loop, pool.call(jobs.echo, value=7), 180) == 7
    assert wait_until(lambda: len(pool._all) == 2, 60)


def test_a_job_that_raises_is_an_error_and_its_process_stays(pool, gateway_loop):
    assert wait_until(lambda: pool._idle is not None and pool._idle.qsize() == 2, 60)
    before = {p.process.pid for p in pool._all}
    with pytest.raises(RemoteError, match="ValueError: broken on purpose"):
        run(gateway_loop, pool.call(jobs.fail, text="broken on purpose"))
    assert {p.process.pid for p in pool._all} == before


def test_a_caller_that_gives_up_leaves_no_stale_answer(pool, gateway_loop):
    assert wait_until(lambda: pool._idle is not None and pool._idle.qsize() == 2, 60)
    restarts = pool.restarts

    async def scenario():
        for i in range(4):  # both processes, twice: each gets a job nobody waits for
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(pool.call(jobs.sleep_then, seconds=0.5,
                                                 value=f"stale{i}"), 0.05)
        return await asyncio.gather(*(pool.call(jobs.echo, value=i) for i in range(6)))

    assert run(gateway_loop, scenario()) == list(range(6))
    assert pool.restarts == restarts  # read and discarded, nobody killed


def test_a_job_that_cannot_be_sent_is_an_error_and_costs_no_process(pool, gateway_loop):
    assert wait_until(lambda: pool._idle is not None and pool._idle.qsize() == 2, 60)
    before = {p.process.pid for p in pool._all}
    with pytest.raises(RemoteError, match="could not be sent"):
        run(gateway_loop, pool.call(jobs.echo, value=lambda: None))  # not picklable
    assert {p.process.pid for p in pool._all} == before
    assert run(gateway_loop, pool.call(jobs.echo, value="still fine")) == "still fine"


def test_every_process_gets_every_configuration(pool, gateway_loop):
    assert wait_until(lambda: pool._idle is not None and pool._idle.qsize() == 2, 60)
    confs = [settings(f"conf{i}") for i in range(12)]  # more than a process keeps

    async def scenario():
        out = []
        for _ in range(2):
            for conf in confs:
                out.extend(await asyncio.gather(analyse(pool, conf), analyse(pool, conf)))
        return out

    results = run(gateway_loop, scenario(), 300)
    assert len(results) == 48 and all(r.action == "forward" for r in results)


def test_a_big_message_goes_over_as_it_is(pool, gateway_loop):
    assert wait_until(lambda: pool._idle is not None and pool._idle.qsize() == 2, 60)
    blob = os.urandom(3 * 2**20)
    assert run(gateway_loop, pool.call(jobs.size_of, blob=blob)) == len(blob)
    body = b"We renewed the token; the export runs again.\r\n" * 1_000  # ~47 KB
    result = run(gateway_loop, analyse(pool, body=body))
    assert result.action in ("forward", "hold")


def test_the_processes_leave_with_the_pool(gateway_loop):
    p = AnalysisPool(processes=2, time_limit=TIME_LIMIT)
    gateway_loop.call(p.start(settings()), timeout=180)
    started = [proc.process.pid for proc in p._all]
    assert len(started) == 2 and all(alive(pid) for pid in started)
    p.close()
    assert wait_until(lambda: not any(alive(pid) for pid in started), 10)
    with pytest.raises(AnalysisUnavailable):
        gateway_loop.call(analyse(p), timeout=30)


def test_stuck_processes_share_one_shutdown_deadline(gateway_loop):
    """Three processes busy in jobs that ignore the end of their socket: close()
    waits `timeout` once for all of them (not once each), then kills them."""
    p = AnalysisPool(processes=3, time_limit=120)
    gateway_loop.call(p.start(settings()), timeout=180)
    started = [proc.process.pid for proc in p._all]

    busy: list[asyncio.Future] = []

    async def occupy():
        busy.extend(asyncio.ensure_future(p.call(jobs.sleep_then, seconds=60, value="late"))
                    for _ in started)
        await asyncio.sleep(0.5)

    async def settled():
        return await asyncio.gather(*busy, return_exceptions=True)

    run(gateway_loop, occupy())
    t0 = time.monotonic()
    p.close(timeout=1.5)
    took = time.monotonic() - t0
    outcomes = run(gateway_loop, settled())
    # the callers hear that the pool stopped; none waits for ever
    assert all(isinstance(o, AnalysisUnavailable) for o in outcomes), outcomes
    # one deadline: about 1.5 s; one per process would be 4.5 s at least
    assert took < 3.5, took
    assert wait_until(lambda: not any(alive(pid) for pid in started), 10)


def test_the_processes_leave_with_a_killed_gateway(tmp_path):
    script = textwrap.dedent("""
        import asyncio, sys
        from gateway.analysis_pool import AnalysisPool
        from gateway.config import settings_from_mapping

        async def main():
            pool = AnalysisPool(processes=2, time_limit=5)
            await pool.start(settings_from_mapping({}, "killed", ""))
            print(" ".join(str(p.process.pid) for p in pool._all), flush=True)
            await asyncio.sleep(600)

        if __name__ == "__main__":
            asyncio.run(main())
    """)
    path = tmp_path / "killed_gateway.py"
    path.write_text(script)
    proc = subprocess.Popen([sys.executable, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        children = [int(pid) for pid in line.split()]
        assert len(children) == 2 and all(alive(pid) for pid in children)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert wait_until(lambda: not any(alive(pid) for pid in children), 10)
    finally:
        proc.kill()
        proc.wait()

"""Real store faults while holding a reply: each one is a 451 with a reason, nothing
is half-kept, and the same SMTP session works again once the fault is gone.

Faults: the hold spool removed or replaced by a file, the database locked by
another process past the processing deadline, the database full (SQLite
`max_page_count` on the gateway's own write connection), read-only (`query_only`
on that connection: SQLite's own read-only error), and a really full disk (a
tiny tmpfs, when this machine lets the test mount one).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import base_config, decisions, free_port, wait_until, write_config

from .kit import EMPTY_BODY, RawSMTP, reply


def held_reply(tag: str) -> bytes:
    return reply(f"{tag}@support.acme.example", EMPTY_BODY, thread=f"{tag}@customer.example")


def holds_of(gateway) -> list:
    return gateway.call(gateway.server.store.list_holds())


def on_writer(gateway, op) -> object:
    """Run `op(conn)` on the gateway's own SQLite write connection."""
    return gateway.call(gateway.server.store._write(op))


def spool_dir(gateway) -> Path:
    return gateway.settings.state.dir / "spool"


def test_spool_removed_then_restored(make_gateway, sink):
    gateway = make_gateway()
    shutil.rmtree(spool_dir(gateway))
    with RawSMTP(gateway.port) as client:
        client.cmd("EHLO client.test")
        code, text = client.transaction(held_reply("nospool"))
        assert code == 451 and "hold spool cannot be written" in text, text
        assert holds_of(gateway) == []
        spool_dir(gateway).mkdir(mode=0o700)  # the operator puts it back
        code, text = client.transaction(held_reply("nospool"))
        assert code == 250 and "held for review" in text, text
    [hold] = holds_of(gateway)
    assert (spool_dir(gateway) / f"{hold.id}.eml").is_file()


def test_spool_unwritable_then_fixed(make_gateway, sink):
    gateway = make_gateway()
    spool = spool_dir(gateway)
    shutil.rmtree(spool)
    spool.write_text("not a directory")  # unwritable even for root
    with RawSMTP(gateway.port) as client:
        client.cmd("EHLO client.test")
        code, text = client.transaction(held_reply("badspool"))
        assert code == 451 and "hold spool cannot be written" in text, text
        spool.unlink()
        spool.mkdir(mode=0o700)
        code, text = client.transaction(held_reply("badspool"))
        assert code == 250, text
    assert len(holds_of(gateway)) == 1


def test_database_full_then_room_again(make_gateway, sink):
    gateway = make_gateway()

    def fill(conn: sqlite3.Connection) -> int:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        return conn.execute(f"PRAGMA max_page_count = {pages}").fetchone()[0]

    on_writer(gateway, fill)
    with RawSMTP(gateway.port) as client:
        client.cmd("EHLO client.test")
        code, text = client.transaction(held_reply("full"))
        assert code == 451 and "disk is full" in text, text
        assert holds_of(gateway) == []
        assert list(spool_dir(gateway).iterdir()) == []  # the orphan file was removed
        on_writer(gateway, lambda conn: conn.execute("PRAGMA max_page_count = 1073741823"))
        code, text = client.transaction(held_reply("full"))
        assert code == 250, text
    assert len(holds_of(gateway)) == 1


def test_database_read_only_then_writable(make_gateway, sink):
    gateway = make_gateway()
    on_writer(gateway, lambda conn: conn.execute("PRAGMA query_only = ON"))
    with RawSMTP(gateway.port) as client:
        client.cmd("EHLO client.test")
        code, text = client.transaction(held_reply("readonly"))
        assert code == 451 and "read-only" in text, text
        assert holds_of(gateway) == []
        # The write connection is replaced after a failed transaction: writable again.
        code, text = client.transaction(held_reply("readonly"))
        assert code == 250, text
    assert len(holds_of(gateway)) == 1


def test_database_locked_past_the_deadline_then_the_retry_is_not_held_twice(
        make_gateway, sink):
    """The deadline answers 451 while the hold's commit waits for the lock; the commit
    goes through once the lock is gone, so the client's retry finds the hold and
    gets 250 without a second one (the lost-250 case, issue 8 point 8)."""
    gateway = make_gateway(server={"processing_deadline": "3s"})
    # wait out any write the starting gateway still has in flight, then hold the lock
    locker = sqlite3.connect(gateway.settings.db_path, timeout=10, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    raw = held_reply("locked")
    try:
        with RawSMTP(gateway.port) as client:
            client.cmd("EHLO client.test")
            code, text = client.transaction(raw)
            assert code == 451 and "longer than 3 s" in text, text
            locker.execute("ROLLBACK")
            holds = wait_until(lambda: holds_of(gateway), timeout=20)
            assert len(holds) == 1  # committed after all, with the client told 451
            code, text = client.transaction(raw)
            assert code == 250 and f"already held for review as {holds[0].id}" in text, text
    finally:
        with contextlib.suppress(sqlite3.Error):
            locker.execute("ROLLBACK")
        locker.close()
    assert len(holds_of(gateway)) == 1
    records = wait_until(lambda: len(decisions(gateway.settings)) >= 3
                         and decisions(gateway.settings), timeout=20)
    assert sorted(r["decision"] for r in records) == ["deferred", "duplicate", "hold"]


# ----------------------------------------------------------------- a really full disk


@pytest.fixture
def tiny_tmpfs(tmp_path):
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs",
                             str(mount)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip() or 'not root'}); "
                    "the full-database case above covers SQLITE_FULL")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_up(directory: Path) -> Path:
    filler = directory / "filler"
    with open(filler, "wb") as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * 65536)
            out.flush()
            os.fsync(out.fileno())
    return filler


def test_disk_full_then_space_again(tiny_tmpfs, sink, gateway_loop, analysis_pool, tmp_path):
    from conftest import InProcessGateway

    state = tiny_tmpfs / "state"
    config = base_config(state, free_port(), sink.port)
    gateway = InProcessGateway(write_config(tmp_path / "full.toml", config), gateway_loop,
                               analysis_pool).start()
    try:
        filler = fill_up(tiny_tmpfs)
        with RawSMTP(gateway.port) as client:
            client.cmd("EHLO client.test")
            code, text = client.transaction(held_reply(f"disk{uuid.uuid4().hex[:6]}"))
            assert code == 451 and ("disk is full" in text or "spool" in text), text
            filler.unlink()
            code, text = client.transaction(held_reply("diskok"))
            assert code == 250, text
    finally:
        gateway.stop()
    assert len([p for p in (state / "spool").iterdir() if p.suffix == ".eml"]) == 1

"""Store test kit: backend harnesses and record builders (fixtures: conftest.py).

A backend is a `Harness`: it says how to configure the store (a TOML config, so
child processes and the CLI open exactly the same store) and how to tamper with
the stored audit rows behind the store's back.  Adding PostgreSQL is one entry in
BACKENDS plus its harness class.
"""


from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

from gateway.config import Settings, load_settings
from gateway.store import Store, make_store
from gateway.store.records import (
    AuditEvent,
    Decision,
    EventKind,
    Hold,
    HoldState,
    OutboxItem,
    OutboxKind,
    new_id,
)

from . import pgkit

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def toml_text(config: Mapping[str, Mapping[str, Any]]) -> str:
    """Flat sections of strings, numbers and booleans: all a store config needs."""
    lines = []
    for section, table in config.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in table.items()]
    return "\n".join(lines) + "\n"


class Harness:
    name = ""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.stores: list[Store] = []

    def config(self) -> dict[str, dict[str, Any]]:
        raise NotImplementedError

    @property
    def config_path(self) -> Path:
        path = self.tmp_path / f"{self.name}.toml"
        if not path.exists():
            path.write_text(toml_text(self.config()), encoding="utf-8")
        return path

    @property
    def settings(self) -> Settings:
        return load_settings(self.config_path)

    async def new_store(self, *, open_it: bool = True) -> Store:
        """Another store on the same data (like another process or node)."""
        store = make_store(self.settings)
        self.stores.append(store)
        if open_it:
            await store.open()
        return store

    async def close_all(self) -> None:
        for store in self.stores:
            await store.close()

    # Raw access, behind the store's back (tampering, schema games).
    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def update_audit(self, record_id: int, column: str, value: Any) -> None:
        self.execute(f"UPDATE audit SET {column} = ? WHERE id = ?", (value, record_id))

    def audit_value(self, record_id: int, column: str) -> Any:
        return self.execute(f"SELECT {column} FROM audit WHERE id = ?", (record_id,))[0][0]

    def delete_audit(self, record_id: int) -> None:
        self.execute("DELETE FROM audit WHERE id = ?", (record_id,))

    def swap_audit(self, a: int, b: int) -> None:
        """Exchange two records' contents, keeping their ids (a reorder)."""
        cols = "time, kind, message_id, sender, decision, hold_id, body, prev_hash, hash"
        row_a = self.execute(f"SELECT {cols} FROM audit WHERE id = ?", (a,))[0]
        row_b = self.execute(f"SELECT {cols} FROM audit WHERE id = ?", (b,))[0]
        sets = ", ".join(f"{c.strip()} = ?" for c in cols.split(","))
        self.execute(f"UPDATE audit SET {sets} WHERE id = ?", (*row_b, a))
        self.execute(f"UPDATE audit SET {sets} WHERE id = ?", (*row_a, b))

    def set_schema_version(self, version: int) -> None:
        self.execute("UPDATE schema_version SET version = ?", (version,))


class SqliteHarness(Harness):
    name = "sqlite"

    def config(self) -> dict[str, dict[str, Any]]:
        return {"state": {"dir": str(self.tmp_path / "state")}}

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.settings.db_path, timeout=10)
        try:
            with conn:
                return conn.execute(sql, params).fetchall()
        finally:
            conn.close()


class PostgresHarness(Harness):
    """PostgreSQL on the shared test server: a schema of its own per test in the
    run's database (`pgkit`), dropped afterwards."""

    name = "postgresql"

    def __init__(self, tmp_path: Path) -> None:
        super().__init__(tmp_path)
        self.dsn = pgkit.new_schema()

    def config(self) -> dict[str, dict[str, Any]]:
        return {"state": {"dir": str(self.tmp_path / "state")},
                "store": {"backend": "postgresql", "dsn": self.dsn, "pool_size": 4}}

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            cur = conn.execute(sql.replace("?", "%s"), params)
            return cur.fetchall() if cur.description else []

    async def close_all(self) -> None:
        try:
            await super().close_all()
        finally:
            pgkit.drop_schema(self.dsn)


BACKENDS: Mapping[str, type[Harness]] = {"sqlite": SqliteHarness, "postgresql": PostgresHarness}


# ----------------------------------------------------------------- builders


def event(n: int = 0, kind: EventKind = EventKind.DECISION, **fields: Any) -> AuditEvent:
    base: dict[str, Any] = {
        "kind": kind,
        "time": T0 + timedelta(seconds=n),
        "message_id": f"<m{n}@support.acme.example>",
        "sender": "maria@support.acme.example",
        "recipients": ("kim@customer.example",),
        "decision": Decision.FORWARD if kind == EventKind.DECISION else None,
    }
    base.update(fields)
    return AuditEvent(**base)


def raw_message(n: int = 0) -> bytes:
    return (
        f"From: maria@support.acme.example\r\nTo: kim@customer.example\r\n"
        f"Subject: Re: VPN drops\r\nMessage-ID: <r{n}@support.acme.example>\r\n\r\n"
        f"Whatever, it works on my side.\r\n"
    ).encode()


def make_hold(raw: bytes, **fields: Any) -> Hold:
    base: dict[str, Any] = {
        "id": new_id("h"),
        "state": HoldState.HELD,
        "created_at": T0,
        "deadline": T0 + timedelta(hours=2),
        "message_id": "<r0@support.acme.example>",
        "author": "maria@support.acme.example",
        "mail_from": "maria@support.acme.example",
        "rcpt_tos": ("kim@customer.example",),
        "subject": "Re: VPN drops",
        "thread_ids": ("<q1@customer.example>",),
        "rules": ("kind.dismissive",),
        "mode": "enforce",
        "size": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
    }
    base.update(fields)
    return Hold(**base)


def hold_event(hold: Hold, kind: EventKind = EventKind.DECISION, **fields: Any) -> AuditEvent:
    defaults: dict[str, Any] = {"hold_id": hold.id, "message_id": hold.message_id}
    if kind == EventKind.DECISION:
        defaults["decision"] = Decision.HOLD
    return event(0, kind, **{**defaults, **fields})


def note(hold_id: str = "", n: int = 0, **fields: Any) -> OutboxItem:
    base: dict[str, Any] = {
        "id": new_id("o"),
        "kind": OutboxKind.NOTE,
        "mail_from": "",
        "rcpt_tos": ("maria@support.acme.example",),
        "raw": b"Subject: your reply is on hold\r\n\r\nnote " + str(n).encode() + b"\r\n",
        "created_at": T0 + timedelta(seconds=n),
        "next_attempt_at": T0 + timedelta(seconds=n),
        "hold_id": hold_id,
    }
    base.update(fields)
    return OutboxItem(**base)


def later(item: OutboxItem, seconds: float) -> OutboxItem:
    return replace(item, next_attempt_at=item.next_attempt_at + timedelta(seconds=seconds))

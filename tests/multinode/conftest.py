"""Fixtures: a PostgreSQL schema of the test's own, and gateway nodes (`grace serve`
subprocesses from tests/conftest.py's `spawn_gateway`) that share it, each with
its own port and state directory, all relaying to the same sink."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import GatewayProcess, Sink, base_config, free_port, write_config
from store import pgkit

from gateway.config import Settings, load_settings

#: Nodes that share holds must share the token secret (`[holds] secret`).
SECRET = "multinode-test-secret-0123456789"


@dataclass
class Node:
    index: int
    port: int
    config: Path
    process: GatewayProcess

    @property
    def settings(self) -> Settings:
        return load_settings(self.config)


@pytest.fixture
def pg_dsn() -> Iterator[str]:
    dsn = pgkit.new_schema()
    yield dsn
    pgkit.drop_schema(dsn)


@pytest.fixture
def start_nodes(tmp_path: Path, sink: Sink, spawn_gateway):
    """start_nodes(dsn, count, **sections) -> [Node]: gateways on one database."""

    def start(dsn: str, count: int = 3, **sections: Mapping[str, Any]) -> list[Node]:
        nodes = []
        for i in range(count):
            port = free_port()
            config = base_config(
                tmp_path / f"node{i}", port, sink.port,
                store={"backend": "postgresql", "dsn": dsn, "pool_size": 4},
                holds={"secret": SECRET}, **sections,
            )
            path = write_config(tmp_path / f"node{i}.toml", config)
            nodes.append(Node(i, port, path, spawn_gateway(path, port, ready=False)))
        for node in nodes:  # started together, then waited for
            node.process.wait_ready(60)
        return nodes

    return start

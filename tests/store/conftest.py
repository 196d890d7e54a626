"""Store fixtures: `harness` and `store` run each contract test on every backend
in `storekit.BACKENDS`: SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from gateway.store import Store

from .storekit import BACKENDS, Harness


@pytest.fixture(params=sorted(BACKENDS))
async def harness(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Harness]:
    h = BACKENDS[request.param](tmp_path)
    try:
        yield h
    finally:
        await h.close_all()


@pytest.fixture
async def store(harness: Harness) -> Store:
    return await harness.new_store()

"""Storage backends behind one interface (see `gateway.store.base`)."""

from __future__ import annotations

from gateway.config import Backend, Settings
from gateway.store.base import SCHEMA_VERSION, SchemaError, Store, StoreError

__all__ = ["SCHEMA_VERSION", "SchemaError", "Store", "StoreError", "make_store"]


def make_store(settings: Settings) -> Store:
    """The configured backend, not yet opened (call `await store.open()`)."""
    if settings.store.backend == Backend.POSTGRESQL:
        from gateway.store.postgres import PostgresStore

        return PostgresStore(settings.store.dsn, pool_size=settings.store.pool_size,
                             spool_dir=settings.state.dir / "spool")
    from gateway.store.sqlite import SqliteStore

    return SqliteStore(settings.db_path, spool_dir=settings.state.dir / "spool")

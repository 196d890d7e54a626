"""Storage backends behind one interface (see `gateway.store.base`)."""

from __future__ import annotations

from gateway.config import Backend, Settings
from gateway.store.base import SCHEMA_VERSION, SchemaError, Store, StoreError

__all__ = ["SCHEMA_VERSION", "SchemaError", "Store", "StoreError", "describe_store", "make_store"]


def describe_store(settings: Settings) -> str:
    """Where the store is, for messages: the SQLite file, or the PostgreSQL DSN
    with any password hidden."""
    if settings.store.backend == Backend.POSTGRESQL:
        return "PostgreSQL at " + settings.effective()["store"]["dsn"]
    return f"SQLite file {settings.db_path}"


def make_store(settings: Settings) -> Store:
    """The configured backend, not yet opened (call `await store.open()`)."""
    if settings.store.backend == Backend.POSTGRESQL:
        from gateway.store.postgres import PostgresStore

        return PostgresStore(settings.store.dsn, pool_size=settings.store.pool_size,
                             spool_dir=settings.state.dir / "spool")
    from gateway.store.sqlite import SqliteStore

    return SqliteStore(settings.db_path, spool_dir=settings.state.dir / "spool")

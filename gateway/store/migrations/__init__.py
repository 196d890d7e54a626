"""Versioned schema migrations, one list of steps per backend.

A backend's steps are a mapping `version -> statements` that bring a store from
`version - 1` to `version` (version 1 creates the schema in an empty store).
`plan()` says which steps a store at `current` needs, or refuses a version this
code does not know.  Backends run the planned statements and the new version
number in one transaction, so a migration is all or nothing.  The target is
read from `base.SCHEMA_VERSION` at call time (tests raise it to run an upgrade).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gateway.store import base
from gateway.store.base import SchemaError

Steps = Mapping[int, Sequence[str]]


def newer_schema_error(where: str, found: int) -> SchemaError:
    return SchemaError(
        f"{where} was written by a newer Grace Gateway (schema {found}); this version "
        f"knows up to schema {base.SCHEMA_VERSION}. Upgrade Grace Gateway, or point it at "
        "another store ([state] dir for SQLite, [store] dsn for PostgreSQL)."
    )


def older_schema_error(where: str, found: int, *, backup: str = "") -> SchemaError:
    """`backup`: where `grace store migrate` keeps a copy first (SQLite); empty for
    PostgreSQL, whose migration is one transaction (all or nothing)."""
    how = (f"it first keeps a copy of the file as {backup}" if backup else
           "it upgrades the schema in one transaction, all or nothing, for every node "
           "(a pg_dump first is still wise)")
    return SchemaError(
        f"{where} has schema {found}, this version of Grace Gateway needs schema "
        f"{base.SCHEMA_VERSION}. Run `grace store migrate` (with the same --config) once to "
        f"upgrade it; {how}."
    )


def plan(where: str, current: int, steps: Steps) -> list[tuple[int, Sequence[str]]]:
    """The (version, statements) to apply, in order, to reach SCHEMA_VERSION."""
    if current > base.SCHEMA_VERSION:
        raise newer_schema_error(where, current)
    missing = [v for v in range(current + 1, base.SCHEMA_VERSION + 1) if v not in steps]
    if missing:  # a packaging mistake, not a user error
        raise SchemaError(f"no migration to schema {missing[0]} for {where}")
    return [(v, steps[v]) for v in range(current + 1, base.SCHEMA_VERSION + 1)]

"""`grace store ...`: the storage behind the audit log and holds.

`grace store migrate` brings the schema up to this version (a SQLite file is
copied to `<file>.schema-<N>.bak` first; on PostgreSQL a migration is one
transaction).  `grace store copy` moves a SQLite installation to PostgreSQL
(`gateway.store.copy`).  `opened_store` is shared by every
command that reads the store (`grace audit ...`).  Each action is an `add_*`
function listed in ACTIONS, so adding one (e.g. `copy`) is one function and
one list entry.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from gateway.cli import EXIT_ATTENTION, EXIT_OK, EXIT_USAGE, settings_for
from gateway.config import Backend, Settings
from gateway.store import Store, StoreError, make_store

AddAction = Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]


def where(settings: Settings) -> str:
    """The store in words, without secrets."""
    if settings.store.backend == Backend.POSTGRESQL:
        return str(settings.effective()["store"]["dsn"])
    return str(settings.db_path)


@contextlib.asynccontextmanager
async def opened_store(settings: Settings, *, create: bool = False) -> AsyncIterator[Store]:
    """The configured store, opened (not created unless asked) and closed after."""
    store = make_store(settings)
    try:
        await store.open(create=create)
        yield store
    finally:
        await store.close()


def run_async(work: Awaitable[int]) -> int:
    """Run a command's coroutine; a store that cannot be opened -> exit 2."""
    try:
        return asyncio.run(work)  # type: ignore[arg-type]
    except StoreError as exc:
        print(f"grace: {exc}", file=sys.stderr)
        return EXIT_USAGE


def add_migrate(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = actions.add_parser(
        "migrate",
        parents=[common],
        help="bring the database schema up to this version of Grace Gateway",
        description="Create or upgrade the schema of the configured store. A SQLite file "
        "is copied to <file>.schema-<N>.bak before an upgrade.",
    )
    parser.set_defaults(func=run_migrate)


def add_copy(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = actions.add_parser(
        "copy",
        parents=[common],
        help="move an installation from SQLite to PostgreSQL, chain intact",
        description="Copy the audit log (exact record bytes and hashes), holds with their "
        "held messages, used release tokens and the note outbox from a SQLite store into "
        "an empty PostgreSQL store, then verify the chain there. Stop the gateway first.",
    )
    parser.add_argument(
        "--from", dest="source", metavar="sqlite:PATH",
        help="the SQLite database file (default: the one --config names)",
    )
    parser.add_argument(
        "--spool", type=Path, metavar="DIR",
        help="the hold spool of that SQLite store (default: 'spool' next to the file)",
    )
    parser.add_argument(
        "--to", dest="target", metavar="postgresql://...",
        help="the PostgreSQL connection string (default: [store] dsn of --config)",
    )
    parser.set_defaults(func=run_copy)


ACTIONS: list[AddAction] = [add_migrate, add_copy]


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("store", help="manage the audit and hold store (migrate, copy)")
    actions = parser.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    for add in ACTIONS:
        add(actions, common)


def run_migrate(args: argparse.Namespace) -> int:
    settings = settings_for(args)

    async def migrate() -> int:
        store = make_store(settings)
        try:
            before, after = await store.migrate()
        finally:
            await store.close()
        if before == after:
            print(f"{where(settings)}: schema {after} is current, nothing to do")
        else:
            print(f"{where(settings)}: migrated schema {before} -> {after}")
        return EXIT_OK

    return run_async(migrate())


def _copy_source(args: argparse.Namespace, settings: Settings) -> tuple[Path, Path] | str:
    """(database file, spool dir), or what is wrong with --from."""
    if args.source is None:
        if settings.store.backend != Backend.SQLITE:
            return "say which SQLite store to copy: --from sqlite:PATH"
        return settings.db_path, args.spool or settings.state.dir / "spool"
    if not args.source.startswith("sqlite:"):
        return f"--from {args.source!r}: expected sqlite:PATH (the SQLite database file)"
    path = Path(args.source.removeprefix("sqlite:").removeprefix("//"))
    if not path.is_file():
        return f"--from {args.source!r}: there is no file {path}"
    return path, args.spool or path.parent / "spool"


def run_copy(args: argparse.Namespace) -> int:
    from gateway.store.copy import CopyError, copy_sqlite_to_postgres
    from gateway.store.postgres import safe_dsn

    settings = settings_for(args)
    source = _copy_source(args, settings)
    target = args.target or (settings.store.dsn if settings.store.backend ==
                             Backend.POSTGRESQL else "")
    if isinstance(source, str) or not target.startswith(("postgresql://", "postgres://")):
        problem = source if isinstance(source, str) else (
            f"--to {target!r}: expected a postgresql://... connection string" if target
            else "say where to copy to: --to postgresql://... (or [store] dsn in --config)")
        print(f"grace: {problem}", file=sys.stderr)
        return EXIT_USAGE
    db_path, spool = source

    async def copy() -> int:
        try:
            report, _ = await copy_sqlite_to_postgres(db_path, spool, target)
        except CopyError as exc:
            print(f"grace: copy refused: {exc}", file=sys.stderr)
            return EXIT_ATTENTION
        print(f"copied {report.summary()} from sqlite:{db_path} to {safe_dsn(target)}; "
              "the chain verifies there. Set [store] backend = \"postgresql\" and this dsn "
              "on every gateway before starting them.")
        return EXIT_OK

    return run_async(copy())

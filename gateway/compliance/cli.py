"""`grace audit search | export | report | retain`: the compliance subcommands.

`gateway/cli/audit_cmd.py` owns the `audit` command (and `verify`, `head`); it
calls `register_audit_commands` to add these, so `audit` stays one command.

Exit status: 0 done; 1 `search` found nothing or the report's chain check
failed; 2 bad options, bad config, or no audit log where the config says.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import os
import sys
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from gateway.cli.store_cmd import opened_store
from gateway.compliance.export import ExportFormat, export_rows
from gateway.compliance.report import Aggregator
from gateway.compliance.report_html import render_html
from gateway.compliance.report_text import render_text
from gateway.compliance.retention import apply_retention, plan_retention
from gateway.compliance.search import Filter, FilterError, parse_when, stream_rows, text_line
from gateway.config import Settings
from gateway.store import StoreError
from gateway.store.chain import iso

EXIT_OK, EXIT_ATTENTION, EXIT_USAGE = 0, 1, 2

_DATES = (
    "Dates are ISO dates or times (2026-11-26, 2026-11-26T14:30, with an optional offset; "
    "UTC when none) or ages such as 7d or 12h. A date alone for --until includes that day."
)


def _fail(command: str, message: str) -> int:
    print(f"grace audit {command}: {message}", file=sys.stderr)
    return EXIT_USAGE


@contextlib.contextmanager
def output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or `path` written atomically (a temp file renamed when complete), so
    an interrupted export never leaves a half file that looks whole."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    directory = path.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _filter(args: argparse.Namespace) -> Filter:
    return Filter.build(
        since=args.since,
        until=args.until,
        senders=getattr(args, "sender", None) or (),
        rules=getattr(args, "rule", None) or (),
        values=getattr(args, "value", None) or (),
        decisions=getattr(args, "decision", None) or (),
        kinds=getattr(args, "kind", None) or (),
        message_ids=getattr(args, "message_id", None) or (),
        hold_ids=getattr(args, "hold", None) or (),
    )


def _run(command: str, args: argparse.Namespace, body: Callable[..., object]) -> int:
    from gateway.cli import settings_for

    settings = settings_for(args)
    try:
        return int(asyncio.run(body(args, settings)) or 0)  # type: ignore[arg-type]
    except FilterError as exc:
        return _fail(command, str(exc))
    except StoreError as exc:
        return _fail(command, str(exc))
    except BrokenPipeError:  # `grace audit export | head`
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        return EXIT_OK
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return _fail(command, f"cannot write{where}: {exc.strerror or exc}")


# ------------------------------------------------------------------ search


async def _search(args: argparse.Namespace, settings: Settings) -> int:
    where = _filter(args)
    found = 0
    async with opened_store(settings) as store:
        if args.format == "jsonl":
            found = await export_rows(_limited(stream_rows(store, where), args.limit),
                                      sys.stdout, ExportFormat.JSONL)
        else:
            async for row in _limited(stream_rows(store, where), args.limit):
                print(text_line(row))
                found += 1
    if args.format == "text":
        print(f"{found:,} record{'s' if found != 1 else ''} found.", file=sys.stderr)
    return EXIT_OK if found else EXIT_ATTENTION


async def _limited(rows: AsyncIterator, limit: int | None) -> AsyncIterator:
    count = 0
    async with contextlib.aclosing(rows):  # type: ignore[type-var]
        async for row in rows:
            if limit is not None and count >= limit:
                break
            count += 1
            yield row


# ------------------------------------------------------------------ export


async def _export(args: argparse.Namespace, settings: Settings) -> int:
    where = _filter(args)
    async with opened_store(settings) as store:
        with output(args.out) as out:
            count = await export_rows(stream_rows(store, where), out, ExportFormat(args.format))
    if args.out is not None:
        print(f"Exported {count:,} records to {args.out}.", file=sys.stderr)
    return EXIT_OK


# ------------------------------------------------------------------ report


async def _report(args: argparse.Namespace, settings: Settings) -> int:
    from gateway.store.verify import verify_store

    where = _filter(args)
    aggregator = Aggregator(since=where.since, until=where.until, pseudonymise=args.pseudonymise)
    async with opened_store(settings) as store:
        chain = None if args.no_verify else await verify_store(store)
        async for row in stream_rows(store, where):
            aggregator.feed(row)
    data = aggregator.result()
    if chain is not None:
        from dataclasses import replace

        if chain.ok:
            head = chain.head
            detail = f"{chain.count:,} records, head #{head.id} {head.hash}" if head else (
                "the log is empty"
            )
            if chain.pruned:
                detail += f"; records {chain.pruned[0]} to {chain.pruned[1]} were pruned " \
                          "behind a checkpoint"
        else:
            detail = str(chain.problem)
        data = replace(data, chain_ok=chain.ok, chain_detail=detail)
    rendered = render_html(data) if args.format == "html" else render_text(data)
    with output(args.out) as out:
        out.write(rendered)
    if args.out is not None:
        print(f"Wrote the {args.format} report to {args.out}.", file=sys.stderr)
    return EXIT_OK if chain is None or chain.ok else EXIT_ATTENTION


# ------------------------------------------------------------------ retain


async def _retain(args: argparse.Namespace, settings: Settings) -> int:
    now = datetime.now(UTC)
    before = parse_when(args.before, now=now) if args.before else None
    if before is not None and before > now:
        raise FilterError("--before must not be in the future")
    actor = f"cli:{getpass.getuser()}"
    async with opened_store(settings) as store:
        if args.dry_run:
            plan = await plan_retention(store, settings, now, before=before)
            if plan.audit_before is None:
                print("Audit records: kept for ever ([audit] retain_days = 0); "
                      "nothing would be pruned.")
            elif plan.records:
                print(f"Audit records: {plan.records:,} (ids {plan.first_id} to "
                      f"{plan.last_id}) are older than {iso(plan.audit_before)} and would be "
                      "pruned behind a checkpoint.")
            else:
                print(f"Audit records: none older than {iso(plan.audit_before)}.")
            print(f"Held messages: {plan.holds_due:,} holds ended before "
                  f"{iso(plan.holds_before)}; their messages would be deleted (those already "
                  "deleted are skipped).")
            return EXIT_OK
        result = await apply_retention(store, settings, now, actor=actor, before=before)
    plan = result.plan
    if result.checkpoint is not None:
        extra = result.checkpoint.data().get("extra", {})
        print(
            f"Pruned {extra.get('count', plan.records):,} audit records (ids "
            f"{extra.get('first_id')} to {extra.get('last_id')}, older than "
            f"{iso(plan.audit_before) if plan.audit_before else '-'}). Checkpoint "
            f"#{result.checkpoint.id} records their SHA-256 {extra.get('pruned_sha256')}; "
            "`grace audit verify` still passes."
        )
    elif plan.audit_before is None:
        print("Audit records: kept for ever ([audit] retain_days = 0).")
    else:
        print(f"Audit records: none older than {iso(plan.audit_before)}; nothing pruned.")
    print(f"Held messages deleted: {len(result.purged):,} (holds that ended before "
          f"{iso(plan.holds_before)}).")
    return EXIT_OK


# ------------------------------------------------------------------ parsers


def _time_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", metavar="WHEN", help="records at or after WHEN")
    parser.add_argument("--until", metavar="WHEN", help="records before WHEN")


def register_audit_commands(
    audit_subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """Add search, export, report and retain under `grace audit`."""
    search = audit_subparsers.add_parser(
        "search",
        parents=[common],
        help="find audit records by time, sender, rule, value, decision, message-id",
        description="Find audit records; every option narrows the search, an option given "
        "twice matches either value. " + _DATES,
    )
    _time_options(search)
    search.add_argument("--sender", action="append", metavar="PATTERN",
                        help="sender address: a part of it, or a glob such as '*@acme.example'")
    search.add_argument("--rule", action="append", metavar="RULE",
                        help="rule id, or a glob such as 'kind.*'")
    search.add_argument("--value", action="append", metavar="VALUE",
                        help="urgent, kind, humble, clear or reply")
    search.add_argument("--decision", action="append", metavar="DECISION",
                        help="forward, hold, pass-through, deferred or rejected")
    search.add_argument("--kind", action="append", metavar="KIND",
                        help="record kind: decision, released, discarded, purged, ...")
    search.add_argument("--message-id", action="append", metavar="ID",
                        help="Message-ID, with or without <>")
    search.add_argument("--hold", action="append", metavar="HOLD_ID", help="hold id")
    search.add_argument("--limit", type=int, metavar="N", help="stop after N records")
    search.add_argument("--format", choices=["text", "jsonl"], default="text")
    search.set_defaults(func=lambda a: _run("search", a, _search))

    export = audit_subparsers.add_parser(
        "export",
        parents=[common],
        help="write audit records as JSON Lines or CSV (streaming)",
        description="Write audit records as JSON Lines (one object per record, findings in "
        "full) or CSV (a header row, one row per record). Streams: memory stays flat for any "
        "number of records. " + _DATES,
    )
    export.add_argument("--format", choices=[f.value for f in ExportFormat], required=True)
    _time_options(export)
    export.add_argument("--out", type=Path, metavar="FILE",
                        help="write to FILE (complete or not at all); default stdout")
    export.set_defaults(func=lambda a: _run("export", a, _export))

    report = audit_subparsers.add_parser(
        "report",
        parents=[common],
        help="summarise the audit log as one HTML file (or text)",
        description="Summarise the audit log: decisions per day by mode, findings per value "
        "and rule, holds and how they ended, false-positive rate per rule, senders with the "
        "most holds, commitments made. The HTML file is self-contained (no scripts, fonts or "
        "network). The hash chain is checked first. " + _DATES,
    )
    _time_options(report)
    report.add_argument("--out", type=Path, metavar="FILE", help="default stdout")
    report.add_argument("--format", choices=["html", "text"], default="html")
    report.add_argument("--pseudonymise", "--pseudonymize", action="store_true",
                        help="show senders as pseudonyms (a fresh key per report)")
    report.add_argument("--no-verify", action="store_true",
                        help="skip the hash-chain check (faster on very large logs)")
    report.set_defaults(func=lambda a: _run("report", a, _report))

    retain = audit_subparsers.add_parser(
        "retain",
        parents=[common],
        help="apply retention: prune old audit records, delete old held messages",
        description="Apply the retention settings: audit records older than [audit] "
        "retain_days are pruned behind a checkpoint record (verify still passes and shows "
        "what was pruned); held messages are deleted [holds] retain_days after their hold "
        "ended. Open holds are never touched.",
    )
    retain.add_argument("--before", metavar="WHEN",
                        help="prune audit records older than WHEN instead of [audit] "
                        "retain_days (ISO date/time or age such as 400d)")
    retain.add_argument("--dry-run", action="store_true", help="say what would go; change "
                        "nothing")
    retain.set_defaults(func=lambda a: _run("retain", a, _retain))

"""`grace audit ...`: verify and witness the tamper-evident audit log.

* `grace audit verify [--expect ID:HASH]` checks every record's hash, the links,
  that ids have no gaps and that a pruned start is vouched for by a checkpoint;
  exit 0 and "ok: N records, head ID HASH", or exit 1 naming the first bad record.
* `grace audit head` prints the current head, to be witnessed elsewhere (a ticket,
  a log server) and checked later with `verify --expect`.

Each action is an `add_*` function listed in ACTIONS; search, export, report and
retain come from `gateway.compliance.cli` that way.
"""

from __future__ import annotations

import argparse
import re

from gateway.cli import EXIT_ATTENTION, EXIT_OK, settings_for
from gateway.cli.store_cmd import AddAction, opened_store, run_async, where
from gateway.compliance.cli import register_audit_commands
from gateway.store import StoreError
from gateway.store.chain import GENESIS
from gateway.store.records import ChainHead
from gateway.store.verify import verify_store


def parse_head(text: str) -> ChainHead:
    """"ID:HASH", "ID HASH" or `grace audit head`'s "head ID HASH"."""
    m = re.fullmatch(r"\s*(?:head\s+)?(\d+)\s*[:\s]\s*([0-9a-fA-F]{64})\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected ID:HASH as printed by `grace audit head`")
    return ChainHead(int(m.group(1)), m.group(2).lower())


def add_verify(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = actions.add_parser(
        "verify",
        parents=[common],
        help="check that no audit record was altered, removed or reordered",
        description="Recompute the hash chain over the whole audit log. Exit 0 when it is "
        "intact, 1 naming the first bad record, 2 when the log cannot be opened.",
    )
    parser.add_argument(
        "--expect",
        metavar="ID:HASH",
        type=parse_head,
        help="a head witnessed earlier (`grace audit head`): it must still be in the log, "
        "unchanged (this also catches records cut off the end)",
    )
    parser.set_defaults(func=run_verify)


def add_head(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = actions.add_parser(
        "head",
        parents=[common],
        help="print the current head (record id and hash) so it can be witnessed elsewhere",
        description="Print 'head ID HASH' (an empty log prints id 0 and 64 zeros).",
    )
    parser.set_defaults(func=run_head)


ACTIONS: list[AddAction] = [add_verify, add_head, register_audit_commands]


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("audit", help="verify and inspect the audit log")
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    for add in ACTIONS:
        add(actions, common)


def run_verify(args: argparse.Namespace) -> int:
    settings = settings_for(args)

    async def verify() -> int:
        async with opened_store(settings) as store:
            try:
                report = await verify_store(store, witness=args.expect)
            except StoreError as exc:
                print(f"FAILED: the audit log could not be read to the end: {exc}")
                return EXIT_ATTENTION
        if report.problem is not None:
            print(f"FAILED: {report.problem}")
            print(
                f"{report.count} records before it verified. The audit log in "
                f"{where(settings)} was altered, or records were removed or reordered, "
                f"at record {report.problem.record_id}."
            )
            return EXIT_ATTENTION
        if report.head is None:
            print("ok: 0 records (the audit log is empty)")
            return EXIT_OK
        print(f"ok: {report.count} records, head {report.head.id} {report.head.hash}")
        if report.pruned and report.checkpoint is not None:
            first, last = report.pruned
            print(f"records {first}-{last} were pruned; checkpoint record "
                  f"{report.checkpoint.id} accounts for them")
        return EXIT_OK

    return run_async(verify())


def run_head(args: argparse.Namespace) -> int:
    settings = settings_for(args)

    async def head() -> int:
        async with opened_store(settings) as store:
            current = await store.head()
        current = current or ChainHead(0, GENESIS)  # the empty log's h_0
        print(f"head {current.id} {current.hash}")
        return EXIT_OK

    return run_async(head())

"""`grace held list|show ID|release ID --reason TEXT|discard ID --reason TEXT`.

The command-line way out of a hold, for reviewers and administrators.  Release
forwards the held bytes unchanged through the configured next hop, exactly as
a release by mail does (same three recorded steps); every action is audited
with the actor "cli:<user>".
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from datetime import UTC, datetime

from gateway.cli import EXIT_ATTENTION, EXIT_OK, EXIT_USAGE, settings_for
from gateway.config import Settings
from gateway.store.records import HOLD_ID_PATTERN, Hold, HoldState

_STATES = [s.value for s in HoldState]


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("held", help="list, show, release or discard held replies")
    sub = parser.add_subparsers(dest="held_command", metavar="ACTION", required=True)

    ls = sub.add_parser("list", parents=[common], help="list holds (open ones by default)")
    ls.add_argument("--state", action="append", choices=_STATES,
                    help="only holds in this state (repeatable; default: held, releasing)")
    ls.add_argument("--all", action="store_true", help="holds in every state")
    ls.add_argument("--format", choices=("text", "json"), default="text")
    ls.add_argument("--limit", type=int, default=1000)
    ls.set_defaults(func=run_list)

    show = sub.add_parser("show", parents=[common],
                          help="the findings and the held message's headers")
    show.add_argument("hold_id", metavar="ID")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(func=run_show)

    for name, helptext in (("release", "forward the held reply unchanged"),
                           ("discard", "drop the held reply (it is never sent)")):
        action = sub.add_parser(name, parents=[common], help=helptext)
        action.add_argument("hold_id", metavar="ID")
        action.add_argument("--reason", required=True,
                            help="why (kept in the audit log with your user name)")
        action.set_defaults(func=run_release if name == "release" else run_discard)


def _actor() -> str:
    try:
        return "cli:" + getpass.getuser()
    except Exception:  # noqa: BLE001 - no passwd entry in some containers
        return "cli:unknown"


def _check_id(hold_id: str) -> bool:
    import re

    if re.fullmatch(HOLD_ID_PATTERN, hold_id):
        return True
    print(f"grace: {hold_id!r} is not a hold id (they look like h followed by 24 letters "
          "and digits; see `grace held list`)", file=sys.stderr)
    return False


async def _with_store(settings: Settings, work):
    from gateway.store import make_store

    store = make_store(settings)
    await store.open(create=False)
    try:
        return await work(store)
    finally:
        await store.close()


def _row(hold: Hold) -> dict[str, object]:
    return {
        "id": hold.id,
        "state": str(hold.state),
        "created_at": hold.created_at.isoformat(timespec="seconds"),
        "deadline": hold.deadline.isoformat(timespec="seconds"),
        "author": hold.author,
        "recipients": list(hold.rcpt_tos),
        "subject": hold.subject,
        "rules": list(hold.rules),
        "message_id": hold.message_id,
        "actor": hold.actor,
        "reason": hold.reason,
        "ended_at": hold.ended_at.isoformat(timespec="seconds") if hold.ended_at else None,
        "escalated_at": (hold.escalated_at.isoformat(timespec="seconds")
                         if hold.escalated_at else None),
        "next_hop": hold.next_hop,
    }


def run_list(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    states = None if args.all else [HoldState(s) for s in (args.state or ["held", "releasing"])]
    holds = asyncio.run(_with_store(settings, lambda s: s.list_holds(states, args.limit)))
    if args.format == "json":
        for hold in holds:
            print(json.dumps(_row(hold), ensure_ascii=False))
        return EXIT_OK
    if not holds:
        print("no holds" + ("" if args.all else " open (use --all for closed ones)"))
        return EXIT_OK
    now = datetime.now(UTC)
    for hold in holds:
        age = int((now - hold.created_at).total_seconds() // 60)
        print(f"{hold.id}  {hold.state:<10}  {age:>5} min  {hold.author:<30}  "
              f"{', '.join(hold.rcpt_tos[:2])}  {hold.subject[:60]!r}  [{', '.join(hold.rules)}]")
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    if not _check_id(args.hold_id):
        return EXIT_USAGE
    settings = settings_for(args)

    async def work(store):
        from gateway.store.base import StoreError

        hold = await store.get_hold(args.hold_id)
        if hold is None:
            return None, b"", []
        try:
            raw = await store.held_message(hold.id)
        except StoreError:
            raw = b""
        events = [r.data() async for r in store.records() if r.data().get("hold_id") == hold.id]
        return hold, raw, events

    hold, raw, events = asyncio.run(_with_store(settings, work))
    if hold is None:
        print(f"grace: no hold {args.hold_id}", file=sys.stderr)
        return EXIT_ATTENTION
    findings = next((e.get("findings", []) for e in events if e.get("kind") == "decision"), [])
    if args.format == "json":
        print(json.dumps({**_row(hold), "findings": findings, "events": events},
                         ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    from gateway.headers import clean_text, scan_headers

    row = _row(hold)
    for key in ("id", "state", "author", "recipients", "subject", "created_at", "deadline",
                "rules", "actor", "reason", "ended_at", "next_hop"):
        value = row[key]
        if value not in (None, "", []):
            print(f"{key + ':':<12} {', '.join(value) if isinstance(value, list) else value}")
    print("\nfindings:")
    for f in findings:
        words = f' "{f["evidence"]}"' if f.get("evidence") else ""
        print(f"  - {f.get('rule')} ({f.get('severity')}){words}")
    print("\nheld message headers:" if raw else "\nheld message: purged (retention)")
    if raw:
        for name, value in scan_headers(raw).fields:
            print(f"  {name}: {clean_text(value, 200)}")
    print("\nhistory:")
    for e in events:
        who = f" by {e['actor']}" if e.get("actor") else ""
        why = f": {e['reason']}" if e.get("reason") else ""
        print(f"  {e.get('time')}  {e.get('kind')}{who}{why}")
    return EXIT_OK


def _act(args: argparse.Namespace, action: str) -> int:
    if not _check_id(args.hold_id):
        return EXIT_USAGE
    if not args.reason.strip():
        print("grace: --reason must say why (it is kept in the audit log)", file=sys.stderr)
        return EXIT_USAGE
    settings = settings_for(args)

    async def work(store):
        from gateway.notes.actions import HoldActions
        from gateway.relay import NextHop

        relay = NextHop(settings.relay.next_hop,
                        helo_name=settings.relay.helo_name or settings.server.hostname,
                        connect_timeout=settings.relay.connect_timeout,
                        timeout=settings.relay.timeout, pool_size=0)
        try:
            actions = HoldActions(settings, store, relay, node=f"cli:{getpass.getuser()}")
            now = datetime.now(UTC)
            if action == "release":
                hold = await store.get_hold(args.hold_id)
                if hold is not None and hold.state == HoldState.RELEASING:
                    return await actions.finish_release(args.hold_id, now)
                return await actions.release(args.hold_id, actor=_actor(), reason=args.reason,
                                             now=now, via="cli")
            return await actions.discard(args.hold_id, actor=_actor(), reason=args.reason,
                                         now=now, via="cli")
        finally:
            await relay.close()

    result = asyncio.run(_with_store(settings, work))
    if result.ok:
        detail = f"; next hop said: {result.detail}" if result.detail else ""
        print(f"grace: hold {args.hold_id} {result.outcome}{detail}")
        return EXIT_OK
    print(f"grace: hold {args.hold_id} not {action}d: {result.outcome}"
          + (f" ({result.detail})" if result.detail else ""), file=sys.stderr)
    return EXIT_ATTENTION


def run_release(args: argparse.Namespace) -> int:
    return _act(args, "release")


def run_discard(args: argparse.Namespace) -> int:
    return _act(args, "discard")

"""`grace backtest --pack DRAFT.toml PATH...`: what a draft policy pack would change.

Exit status: 0 when the backtest ran (whatever it found), 2 on bad paths, a bad
draft pack or a bad config.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gateway.cli import EXIT_OK, EXIT_USAGE, settings_for
from gateway.compliance.backtest import BacktestError, render_text, run_backtest
from gateway.config import Mode
from policies.pack import PackError

_DESCRIPTION = """\
Run a draft policy pack over saved mail (an mbox file, a Maildir, a folder of
.eml files, or single .eml files, e.g. a support mailbox's Sent folder) beside
the current policies, and print what would change: per rule, the replies it
would newly flag or stop flagging, the replies that would newly be held or
forwarded, with examples.  Nothing is sent and nothing is recorded.

The draft is layered over the current policies (default pack, [policies] packs,
inline rules, disable list) unless it is a full pack: a [pack] table plus every
rule of the default pack, which then replaces the default pack."""


def _run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    mode = None if args.mode == "config" else Mode(args.mode)
    try:
        result = run_backtest(
            settings,
            args.pack,
            args.paths,
            mode=mode,
            examples=args.examples,
            limit=args.limit,
        )
    except (BacktestError, PackError) as exc:
        print(f"grace backtest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_text(result))
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "backtest",
        parents=[common],
        help="show what a draft policy pack would change on saved mail",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--pack", type=Path, required=True, metavar="DRAFT.toml",
                        help="the draft policy pack (an override, or a full pack)")
    parser.add_argument("paths", type=Path, nargs="+", metavar="PATH",
                        help="mbox file, Maildir, folder of .eml files, or .eml file")
    parser.add_argument(
        "--mode",
        choices=[*(m.value for m in Mode), "config"],
        default=Mode.ENFORCE.value,
        help="judge every reply in this mode (default: enforce, as `grace check`); "
        "'config' uses each sender's configured mode",
    )
    parser.add_argument("--examples", type=int, default=3, metavar="N",
                        help="examples shown per rule and direction (default 3)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="read at most N messages")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(func=_run)

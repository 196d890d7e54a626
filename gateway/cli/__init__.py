"""`grace` command line: one module per subcommand, discovered automatically.

Each module in this package defines `register(subparsers, common)` which adds its
parser (with `common` as a parent, for `--config`) and sets `func(args) -> int`.
Exit status: 0 ok, 1 "something needs attention" (held mail, failed verify ...),
2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from gateway.config import ConfigError, Settings, load_settings

EXIT_OK, EXIT_ATTENTION, EXIT_USAGE = 0, 1, 2


def common_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="TOML config file (default: embedded defaults, state under $GRACE_HOME or ./var)",
    )
    return common


def settings_for(args: argparse.Namespace) -> Settings:
    """Load the config named by --config (embedded defaults when absent)."""
    return load_settings(getattr(args, "config", None))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="grace",
        description="Grace Gateway: checks support replies against four values "
        "(urgent, kind, humble, clear) before they reach the customer.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_parser()
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(message)s"
        )
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:
        print(f"grace: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130

"""`grace config check FILE`: validate a config and print the effective settings."""

from __future__ import annotations

import argparse
import sys

from gateway.cli import EXIT_OK
from gateway.config import ConfigError, load_settings, settings_json
from policies.engine import PolicySet
from policies.pack import PackError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("config", help="validate a config file")
    sub = parser.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    check = sub.add_parser(
        "check", help="validate FILE and print the effective settings as JSON"
    )
    check.add_argument("file", metavar="FILE", help="TOML config file to validate")
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    settings = load_settings(args.file)
    # The policy packs too, compiled as `grace serve` compiles them: a pack that
    # would stop the start must not pass the check.
    p = settings.policies
    try:
        PolicySet.load(p.packs, p.rules, p.disable)
    except (PackError, ValueError) as exc:
        raise ConfigError(settings.source, "[policies]", "valid policy packs", str(exc)) from None
    print(settings_json(settings))
    print(f"grace: {args.file} is valid", file=sys.stderr)
    return EXIT_OK

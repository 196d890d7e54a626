"""`grace config check FILE`: validate a config and print the effective settings."""

from __future__ import annotations

import argparse
import sys

from gateway.cli import EXIT_OK
from gateway.config import load_settings, settings_json


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
    print(settings_json(settings))
    print(f"grace: {args.file} is valid", file=sys.stderr)
    return EXIT_OK

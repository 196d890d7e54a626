"""`grace serve`: run the gateway (see gateway.runner for the process model)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from gateway.cli import settings_for
from gateway.config import ConfigError, parse_host_port
from gateway.logs import FORMATS


def _host_port(text: str):
    try:
        return parse_host_port(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected {exc}") from None


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "serve", parents=[common], help="run the SMTP gateway",
        description="Run the gateway: accept mail on --listen, check support replies, "
        "forward to --relay. Stops cleanly on SIGTERM/SIGINT.",
    )
    parser.add_argument("--listen", type=_host_port, metavar="HOST:PORT",
                        help="address to accept mail on (default: [server] listen, "
                        "127.0.0.1:10025)")
    parser.add_argument("--relay", type=_host_port, metavar="HOST:PORT",
                        help="next hop to forward to (default: [relay] next_hop, "
                        "127.0.0.1:10026)")
    parser.add_argument("--workers", type=int, metavar="N",
                        help="processes sharing the port (default: [server] workers; "
                        "0 = one per core)")
    parser.add_argument("--log-format", choices=FORMATS, default="logfmt",
                        help="decision log lines on stderr as key=value (default) or JSON")
    parser.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from gateway.runner import run

    settings = settings_for(args).with_overrides(listen=args.listen, relay=args.relay)
    if args.workers is not None:
        if not 0 <= args.workers <= 256:
            raise ConfigError("--workers", "--workers", "an integer between 0 and 256",
                              args.workers)
        settings = replace(settings, server=replace(settings.server, workers=args.workers))
    return run(settings, args.log_format)

"""`grace check`: run scope + policies + verdict on .eml files, offline.

The same `Analyzer` that `grace serve` uses, so what check says is what the
gateway would do.  Without --mail-from/--rcpt the envelope comes from the
headers (Return-Path, else From; To and Cc).  --mode forces the mode for every
in-scope message (default enforce: "would this be held?"); `--mode config` uses
the config's per-sender modes instead, exactly as serve picks them.

Exit status: 0 nothing would be held, 1 something would be held, 2 usage or
configuration error (including an unreadable path).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from gateway.cli import EXIT_ATTENTION, EXIT_OK, EXIT_USAGE, settings_for
from gateway.config import Mode, ModesSettings, Settings
from gateway.headers import addresses, scan_headers
from gateway.pipeline import Analysis, Analyzer
from gateway.scope import Envelope
from gateway.service import unchecked_analysis
from gateway.verdict import Action

MODES = [m.value for m in Mode] + ["config"]


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "check", parents=[common], help="check .eml files offline, like a linter",
        description="Run scope, policies and verdict on messages exactly as `grace serve` "
        "would. Exit 0: nothing held; 1: something would be held; 2: usage/config error.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help=".eml file, directory (all *.eml inside, recursively) or - "
                        "for stdin")
    parser.add_argument("--mode", choices=MODES, default="enforce",
                        help="mode for in-scope messages (default: enforce; 'config' = the "
                        "config's per-sender modes)")
    parser.add_argument("--mail-from", metavar="ADDR",
                        help="envelope sender (default: Return-Path, else From)")
    parser.add_argument("--rcpt", action="append", metavar="ADDR",
                        help="envelope recipient, repeatable (default: To and Cc)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (linter style, default) or json (one object per line)")
    parser.set_defaults(func=run_check)


class UsageError(Exception):
    pass


def iter_inputs(paths: list[str]) -> Iterator[tuple[str, bytes]]:
    for name in paths:
        if name == "-":
            yield "-", sys.stdin.buffer.read()
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.eml") if p.is_file())
            if not files:
                raise UsageError(f"{name}: no .eml files in this directory")
            for file in files:
                yield str(file), _read(file)
        else:
            yield name, _read(path)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read it ({exc.strerror})") from None


def envelope_from_headers(raw: bytes, mail_from: str | None, rcpts: list[str] | None,
                          header_limit: int) -> Envelope:
    headers = scan_headers(raw, header_limit)
    if mail_from is None:
        return_path = headers.get("return-path")
        if return_path is not None:
            found = addresses(return_path)
            mail_from = found[0] if found else ""  # Return-Path: <> is the null sender
        else:
            found = addresses(headers.get("from"))
            mail_from = found[0] if found else ""
    if rcpts is None:
        rcpts = []
        for name in ("to", "cc"):
            for value in headers.get_all(name):
                rcpts.extend(addresses(value))
    return Envelope(mail_from, tuple(dict.fromkeys(rcpts)))


def forced_mode(settings: Settings, mode: str) -> Settings:
    if mode == "config":
        return settings
    return replace(settings, modes=ModesSettings(default=Mode(mode)))


def analyse(analyzer: Analyzer, raw: bytes, envelope: Envelope) -> Analysis:
    scoped = analyzer.scope(raw, envelope)
    if not scoped[1].in_scope:
        return analyzer.analyse(raw, envelope, scoped=scoped)
    try:
        return analyzer.analyse(raw, envelope, scoped=scoped)
    except Exception as exc:  # noqa: BLE001 - serve records this as an unchecked reply
        return unchecked_analysis(analyzer, envelope, scoped[0], scoped[1],
                                  f"could not be read ({type(exc).__name__})")


def as_json(path: str, analysis: Analysis) -> dict[str, object]:
    return {
        "path": path,
        "decision": str(analysis.action),
        "mode": str(analysis.mode) if analysis.mode else None,
        "scope": {"in_scope": analysis.scope.in_scope, "reason": analysis.scope.reason},
        "findings": [
            {
                "rule": f.rule, "value": str(f.value), "severity": str(f.severity),
                "message": f.message, "suggestion": f.suggestion, "evidence": f.evidence,
                "start": f.start, "end": f.end,
            }
            for f in analysis.findings
        ],
    }


def _line_of(raw: bytes, evidence: str) -> int | None:
    """The file line where the evidence appears, when it appears verbatim."""
    probe = evidence.strip().splitlines()[0][:60] if evidence.strip() else ""
    if not probe:
        return None
    text = raw.decode("utf-8", "replace")
    index = text.find(probe)
    return None if index < 0 else text.count("\n", 0, index) + 1


def as_text(path: str, raw: bytes, analysis: Analysis) -> list[str]:
    lines = []
    for f in analysis.findings:
        line = _line_of(raw, f.evidence)
        where = f"{path}:{line}" if line else path
        evidence = " ".join(f.evidence.split())
        quoted = f' — "{evidence[:120]}"' if evidence else ""
        lines.append(f"{where}: {f.rule} [{f.severity}] {f.message}{quoted}")
        if f.suggestion:
            lines.append(f"    suggestion: {f.suggestion}")
    if analysis.scope.in_scope:
        count = len(analysis.findings)
        note = " + note to the author" if analysis.verdict.note else ""
        lines.append(f"{path}: {analysis.action}{note} (mode {analysis.mode}, "
                     f"{count} finding{'s' if count != 1 else ''})")
    else:
        lines.append(f"{path}: {analysis.action} (out of scope: {analysis.scope.reason})")
    return lines


def run_check(args: argparse.Namespace) -> int:
    settings = forced_mode(settings_for(args), args.mode)
    analyzer = Analyzer(settings)
    held = False
    try:
        for path, raw in iter_inputs(args.paths):
            envelope = envelope_from_headers(raw, args.mail_from, args.rcpt,
                                             settings.limits.max_header_bytes)
            analysis = analyse(analyzer, raw, envelope)
            held = held or analysis.action == Action.HOLD
            if args.format == "json":
                print(json.dumps(as_json(path, analysis), ensure_ascii=False), flush=True)
            else:
                print("\n".join(as_text(path, raw, analysis)), flush=True)
    except UsageError as exc:
        print(f"grace check: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_ATTENTION if held else EXIT_OK

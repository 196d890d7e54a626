"""One log line per decision, to stderr, in a shape both people and tools read.

A mail operator greps the log by message-id or decision; a log shipper parses it.
`logfmt` (key=value, values quoted when they need it) serves both; `json` gives
one JSON object per line instead.  Values that came from a message (message-id,
addresses, next-hop text) pass through `clean_text`, so no header can forge a
second log line.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from gateway.headers import clean_text

#: The logger that carries decision lines (one per message per attempt).
decision_log = logging.getLogger("grace.decision")

FORMATS = ("logfmt", "json")


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, list | tuple):
        return ",".join(clean_text(str(v), 200) for v in value)
    return clean_text(str(value), 300)


def logfmt(fields: Mapping[str, Any]) -> str:
    parts = []
    for key, value in fields.items():
        if value is None or value == "" or (isinstance(value, list | tuple) and not value):
            continue
        text = _value(value)
        if not text or any(c in text for c in ' "=\\'):
            text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        parts.append(f"{key}={text}")
    return " ".join(parts)


class DecisionFormatter(logging.Formatter):
    """Renders `extra={"fields": {...}}` records as logfmt or JSON; others as text."""

    def __init__(self, style: str = "logfmt") -> None:
        super().__init__()
        if style not in FORMATS:
            raise ValueError(f"log format must be one of {', '.join(FORMATS)}")
        self.style = style

    def format(self, record: logging.LogRecord) -> str:
        moment = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        fields = getattr(record, "fields", None)
        if fields is None:
            fields = {"level": record.levelname.lower(), "logger": record.name,
                      "msg": record.getMessage()}
            if record.exc_info:
                fields["exc"] = self.formatException(record.exc_info).replace("\n", " | ")
        data = {"time": moment, **fields}
        if self.style == "json":
            return json.dumps(
                {k: v for k, v in data.items() if v not in (None, "", (), [])},
                ensure_ascii=False, default=str,
            )
        return logfmt(data)


def setup_logging(style: str = "logfmt", level: int = logging.INFO) -> None:
    """Route every log record to stderr in `style`, one line each."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(DecisionFormatter(style))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # aiosmtpd logs every command at INFO; keep its warnings only.
    logging.getLogger("mail.log").setLevel(logging.WARNING)


def log_decision(**fields: Any) -> None:
    """Emit one decision line: time, msgid, decision, rules, ms and context."""
    decision_log.info("decision", extra={"fields": {"event": "decision", **fields}})

"""Decision log lines: one line each, whatever a header contains."""

from __future__ import annotations

import json
import logging

from gateway.logs import DecisionFormatter, logfmt


def record(**fields) -> logging.LogRecord:
    rec = logging.LogRecord("grace.decision", logging.INFO, __file__, 1, "decision", (), None)
    rec.fields = fields
    return rec


def test_logfmt_quotes_and_cannot_be_split_by_a_header():
    line = DecisionFormatter("logfmt").format(record(
        msgid="<a@b>\r\nevent=decision decision=forward", decision="hold",
        rules=["kind.condescending", "reply.empty"], ms=12.345, hold="", note=None))
    assert "\n" not in line and "\r" not in line
    assert 'msgid="<a@b> event=decision decision=forward"' in line
    assert "decision=hold" in line and "rules=kind.condescending,reply.empty" in line
    assert "ms=12.3" in line and "hold=" not in line and "note=" not in line


def test_json_lines_parse():
    line = DecisionFormatter("json").format(record(msgid="<a@b>", decision="forward",
                                                   rules=[], ms=1.0))
    data = json.loads(line)
    assert data["decision"] == "forward" and "rules" not in data and "time" in data


def test_logfmt_of_plain_values():
    assert logfmt({"a": "x y", "b": 'q"uote', "c": ""}) == 'a="x y" b="q\\"uote"'

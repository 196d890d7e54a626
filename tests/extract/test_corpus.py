"""Regression over the shared corpus (read in place): every message extracts cleanly.

How *well* extraction does on the corpus is measured by
tests/extract/measure_corpus.py against the generators' case data; this test only
guards that nothing breaks: no exception, a final text, a time, no internal error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gateway.extract import extract_reply

CORPUS = Path("/work/shared/corpus")
FILES = sorted(CORPUS.glob("*/*.eml"))

pytestmark = pytest.mark.skipif(not FILES, reason="shared corpus not present")


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name[:3]}")
def test_every_corpus_message_extracts(path: Path) -> None:
    reply = extract_reply(path.read_bytes())
    assert isinstance(reply.text, str)
    assert "\r" not in reply.text
    assert reply.text == reply.text.strip()
    assert reply.sent_at is not None
    assert not any(d.startswith(("extract:error", "limit:")) for d in reply.defects)


def test_help_desk_layouts_are_recognised_in_dev_c() -> None:
    labels = [
        json.loads(line)
        for line in (CORPUS / "dev-c" / "labels.jsonl").read_text().splitlines()
        if line
    ]
    if not labels:
        pytest.skip("no dev-c labels")
    for label in labels:
        if label["format"] == "dsn":
            continue
        reply = extract_reply((CORPUS / "dev-c" / label["file"]).read_bytes())
        expected = {"jira-sm": "jira"}.get(label["format"], label["format"])
        assert reply.helpdesk == expected, label["file"]

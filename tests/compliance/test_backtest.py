"""`grace backtest`: a draft pack run beside the current one over saved mail
(a folder of .eml files, an mbox, a Maildir), through the live gateway's Analyzer."""

from __future__ import annotations

import json
import mailbox
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from gateway.compliance.backtest import DraftKind, load_draft
from gateway.config import Settings, load_settings
from gateway.pipeline import Analyzer
from gateway.scope import Envelope
from policies.pack import default_pack_path

from .auditkit import CLEAN, EMPTY, JARGON, RUDE, grace, reply

SNIPPY = (
    "Hi Kim,\r\n\r\nAs I already told you, the export is under Reports > Export. I'll check "
    "back with you by 15:00 UTC today.\r\n\r\nMaria\r\n"
)
MESSAGES = {
    "rude": reply(RUDE, "b-rude", thread="b1"),
    "snippy": reply(SNIPPY, "b-snippy", thread="b2"),
    "jargon": reply(JARGON, "b-jargon", thread="b3"),
    "clean": reply(CLEAN, "b-clean", thread="b4"),
    "empty": reply(EMPTY, "b-empty", thread="b5"),
    "internal": reply("Lunch at 12?", "b-internal", thread="b6").replace(
        b"To: Kim <kim@customer.example>", b"To: <boss@acme.example>"),
}


@dataclass(frozen=True)
class Scoped:
    config: Path
    settings: Settings


@pytest.fixture(scope="module")
def scoped(tmp_path_factory) -> Scoped:
    """acme.example's support replies in scope (no gateway needed: nothing is sent)."""
    path = tmp_path_factory.mktemp("config") / "grace.toml"
    path.write_text('[scope]\nsupport_senders = ["support@acme.example", '
                    '"*@support.acme.example"]\ninternal_domains = ["acme.example"]\n',
                    encoding="utf-8")
    return Scoped(path, load_settings(path))


@pytest.fixture(scope="module")
def sent(tmp_path_factory) -> dict[str, Path]:
    """The same mail saved three ways."""
    root = tmp_path_factory.mktemp("sent")
    folder = root / "eml"
    (folder / "2026" / "11").mkdir(parents=True)
    for name, raw in MESSAGES.items():
        (folder / "2026" / "11" / f"{name}.eml").write_bytes(raw)
    (folder / "notes.txt").write_text("not mail", encoding="utf-8")  # ignored
    box = mailbox.mbox(root / "Sent.mbox")
    for raw in MESSAGES.values():
        box.add(raw)
    box.flush()
    box.close()
    maildir = mailbox.Maildir(root / "Maildir", create=True)
    for raw in MESSAGES.values():
        maildir.add(raw)
    return {"eml": folder, "mbox": root / "Sent.mbox", "maildir": root / "Maildir"}


def draft(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "draft.toml"
    path.write_text(text, encoding="utf-8")
    return path


LOOSER = """
[rules."reply.empty"]
enabled = false
[rules."kind.condescending"]
severity = "advise"
"""
STRICTER = """
[rules."clear.jargon"]
severity = "hold"
"""


def backtest(log, pack: Path, *paths: Path, fmt: str = "json") -> dict | str:
    code, out, err = grace("backtest", "--config", log.config, "--pack", pack,
                           "--format", fmt, *paths)
    assert code == 0, err
    return json.loads(out) if fmt == "json" else out


def test_preconditions_the_current_policies_agree(scoped):
    analyzer = Analyzer(scoped.settings)
    actions = {name: analyzer.analyse(raw, Envelope("maria@support.acme.example",
                                                    ("kim@customer.example",))).action
               for name, raw in MESSAGES.items() if name != "internal"}
    assert actions == {"rude": "hold", "snippy": "hold", "jargon": "forward",
                       "clean": "forward", "empty": "hold"}


def rules_of(result: dict) -> dict[str, dict]:
    return {r["rule"]: r for r in result["rules"]}


@pytest.mark.parametrize("kind", ["eml", "mbox", "maildir"])
def test_a_looser_draft_shows_what_would_no_longer_be_held(scoped, sent, tmp_path, kind):
    result = backtest(scoped, draft(tmp_path, LOOSER), sent[kind])
    assert result["messages"] == 6 and result["in_scope"] == 5
    assert result["out_of_scope"] == {"internal-recipients-only": 1}
    assert result["draft_kind"] == "override"
    assert result["held"] == {"current": 3, "draft": 1}
    changed = {Path(c["path"].split(":")[0]).stem if kind == "eml" else c["path"]: c
               for c in result["changes"]}
    assert len(changed) == 2
    assert all(c["current"] == "hold" and c["draft"] == "forward" for c in changed.values())
    rules = rules_of(result)
    assert rules["reply.empty"]["removed"] == 1 and rules["reply.empty"]["now_forwarded"] == 1
    # kind.condescending still fires (as advice now) on both replies; it stops holding one.
    cond = rules["kind.condescending"]
    assert (cond["current"], cond["draft"], cond["added"], cond["removed"]) == (2, 2, 0, 0)
    assert cond["now_forwarded"] == 1
    if kind == "eml":
        assert {Path(c["path"]).stem for c in result["changes"]} == {"empty", "snippy"}


def test_a_stricter_draft_shows_what_would_newly_be_held_with_examples(scoped, sent, tmp_path):
    out = backtest(scoped, draft(tmp_path, STRICTER), sent["eml"], fmt="text")
    assert "Held with the current policies: 3; with the draft: 4 (1 newly held, 0 no longer" \
        in out
    line = next(x for x in out.splitlines() if x.startswith("clear.jargon "))
    assert re.fullmatch(r"clear\.jargon\s+1\s+1\s+0\s+0\s+1\s+0", line)
    assert re.search(r"jargon\.eml <b-jargon@support\.acme\.example>: forward -> hold "
                     r"\(clear\.jargon: \"(L2|SRE|RCA)\"\)", out)


def test_examples_name_the_file_and_the_words(scoped, sent, tmp_path):
    text = """
[rules."clear.jargon"]
enabled = false
"""
    out = backtest(scoped, draft(tmp_path, text), sent["eml"], fmt="text")
    assert "clear.jargon: no longer fires in 1, for example" in out
    assert re.search(r"jargon\.eml <b-jargon@support\.acme\.example>: \"(L2|SRE|RCA)\"", out)


def test_a_full_pack_replaces_the_default(scoped, sent, tmp_path):
    full = default_pack_path().read_text(encoding="utf-8")
    full = full.replace('version = "2026.11.1"', 'version = "2027.1.0-draft"')
    full = re.sub(r'(\[rules\."clear\.jargon"\]\nvalue = "clear"\nseverity = )"advise"',
                  r'\1"hold"', full)
    path = draft(tmp_path, full)
    pack, kind = load_draft(scoped.settings, path)
    assert kind is DraftKind.FULL and pack.version == "2027.1.0-draft"
    assert pack.rule("clear.jargon").severity == "hold"
    result = backtest(scoped, path, sent["mbox"])
    assert result["draft_kind"] == "full" and "2027.1.0-draft" in result["draft_pack"]
    assert result["held"] == {"current": 3, "draft": 4}


def test_bad_draft_and_bad_path_are_clear_errors(scoped, sent, tmp_path):
    bad = draft(tmp_path, '[rules."kind.condescending"]\nseverity = "block"\n')
    code, _, err = grace("backtest", "--config", scoped.config, "--pack", bad, sent["eml"])
    assert code == 2 and str(bad) in err and "severity" in err and "hold or advise" in err
    code, _, err = grace("backtest", "--config", scoped.config, "--pack",
                         draft(tmp_path, STRICTER), tmp_path / "missing")
    assert code == 2 and "no such file or directory" in err


def test_without_a_scope_nothing_is_judged_and_it_says_why(sent, tmp_path):
    code, out, _ = grace("backtest", "--pack", draft(tmp_path, STRICTER), sent["eml"])
    assert code == 0
    assert "Nothing was in scope" in out and "support_senders" in out

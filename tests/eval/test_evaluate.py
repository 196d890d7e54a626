"""`grace eval`: the metrics, and the command on small message sets of our own."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest

from gateway.cli import main
from gateway.evaluate import (
    EvalError,
    Label,
    Outcome,
    SentenceOutcome,
    discover,
    message_metrics,
    sentence_metrics,
)
from policies.types import Finding, Severity, Value


def finding(rule: str, value: str, severity: Severity = Severity.HOLD) -> Finding:
    return Finding(rule, Value(value), severity, "m", "s", "evidence words", 0, 5)


def outcome(expect: str, action: str, rules=(), values=(), fired=()) -> Outcome:
    label = Label(
        "f.eml", "a@support.acme.example", ("c@x.example",), expect, tuple(values), tuple(rules)
    )
    return Outcome("set", label, action, tuple(fired))


def test_message_metrics() -> None:
    outcomes = [
        outcome("hold", "hold", ["kind.hostile"], ["kind"], [finding("kind.hostile", "kind")]),
        outcome(
            "hold",
            "hold",
            ["humble.blame", "kind.hostile"],
            ["humble", "kind"],
            [finding("humble.blame", "humble"), finding("clear.jargon", "clear", Severity.ADVISE)],
        ),
        outcome("hold", "forward", ["urgent.deflection"], ["urgent"]),
        outcome("forward", "hold", fired=[finding("clear.vague-request", "clear")]),
        outcome("forward", "forward"),
        outcome("forward", "forward", fired=[finding("clear.jargon", "clear", Severity.ADVISE)]),
        outcome("pass-through", "pass-through"),
        outcome("pass-through", "forward"),
    ]
    m = message_metrics(outcomes)
    assert m.confusion["hold"]["forward"] == 1 and m.confusion["forward"]["hold"] == 1
    assert (m.hold.tp, m.hold.fp, m.hold.fn) == (2, 1, 1)
    assert m.hold.precision == pytest.approx(2 / 3) and m.hold.recall == pytest.approx(2 / 3)
    assert (m.values["kind"].tp, m.values["kind"].fn) == (1, 1)
    assert (m.values["clear"].fp, m.values["clear"].tp) == (1, 0)  # advise never counts
    assert m.rule_recall["kind.hostile"] == (1, 2)
    assert m.rule_extra == {"clear.vague-request": 1}
    assert (m.false_holds, m.clean) == (1, 3)
    assert (m.pass_ok, m.pass_total) == (1, 2)


def test_sentence_metrics() -> None:
    rows = [
        SentenceOutcome("a", "kind.hostile", "violation", "", frozenset({"kind.hostile"})),
        SentenceOutcome("b", "kind.hostile", "violation", "", frozenset({"kind.sarcasm"})),
        SentenceOutcome("c", "kind.hostile", "clean", "", frozenset({"kind.hostile"})),
        SentenceOutcome("d", "kind.hostile", "clean", "", frozenset({"urgent.no-next-step"})),
        SentenceOutcome("e", "kind.hostile", "clean", "", frozenset({"humble.blame"})),
    ]
    m = sentence_metrics(rows)
    assert m.recall["kind.hostile"] == (1, 2)
    assert m.near_miss["kind.hostile"] == (1, 3)
    assert m.clean_other_hold["kind.hostile"] == 1  # message-level rules do not count


# ---------------------------------------------------------------- end to end

REPLIES = {
    "001-refund.eml": (
        "Hi Jo,\n\nI've refunded the duplicate charge of £12 just now; it reaches your card within "
        "3 working days. I'll check it has landed on Friday 13 March at 10:00 GMT and email you "
        "then.\n\n"
        "Mina",
        ["jo@customer.example"],
        "forward",
        [],
        [],
    ),
    "002-rude.eml": (
        "Jo,\n\nCalm down. You people never read anything. Stop emailing us.\n\nMina",
        ["jo@customer.example"],
        "hold",
        ["kind"],
        ["kind.hostile"],
    ),
    "003-internal.eml": (
        "Obviously they broke it themselves. STOP WORKING ON THIS TICKET NOW.",
        ["colleague@acme.example"],
        "pass-through",
        [],
        [],
    ),
}


def write_set(folder: Path) -> Path:
    folder.mkdir()
    labels = []
    for name, (body, rcpt, expect, values, rules) in REPLIES.items():
        msg = EmailMessage()
        msg["From"] = "Mina Okoye <mina@support.acme.example>"
        msg["To"] = ", ".join(rcpt)
        msg["Subject"] = "Re: Duplicate charge"
        msg["Date"] = "Wed, 11 Mar 2026 15:30:00 +0000"
        msg["Message-ID"] = f"<{name}@mail.acme.example>"
        msg["In-Reply-To"] = "<c1@customer.example>"
        msg.set_content(body)
        (folder / name).write_bytes(msg.as_bytes())
        labels.append(
            {
                "file": name,
                "envelope": {"mail_from": "mina@support.acme.example", "rcpt_to": rcpt},
                "expect": expect,
                "values": values,
                "rules": rules,
                "format": "plain",
                "why": "test",
            }
        )
    (folder / "labels.jsonl").write_text("\n".join(json.dumps(lab) for lab in labels) + "\n")
    return folder


ONLY_HOSTILE = """
[scope]
support_senders = ["*@support.acme.example"]
internal_domains = ["acme.example"]

[policies]
disable = ["urgent.vague-followup", "urgent.deflection", "urgent.late-no-acknowledgement",
           "urgent.no-next-step", "kind.condescending", "kind.shouting", "kind.sarcasm",
           "humble.blame", "humble.prejudge", "clear.vague-request", "clear.vague-instruction",
           "clear.readability", "clear.jargon"]
"""


def test_eval_command_on_a_message_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # only kind.hostile is on, so the expected labels do not depend on the other rules
    write_set(tmp_path / "mine")
    config = tmp_path / "grace.toml"
    config.write_text(ONLY_HOSTILE)
    status = main(["eval", str(tmp_path / "mine"), "--show", "--config", str(config)])
    out = capsys.readouterr().out
    assert "== mine (3 messages) ==" in out
    assert "hold: precision 1.000  recall 1.000" in out
    assert "pass-through correct: 1/1" in out
    assert "misses:\n  none" in out
    assert status == 0


def test_eval_reports_each_set_and_all_together_as_json(tmp_path: Path, capsys) -> None:
    write_set(tmp_path / "a")
    write_set(tmp_path / "b")
    (tmp_path / "sentences.jsonl").write_text(
        json.dumps({"text": "Calm down, you people.", "rule": "kind.hostile", "label": "violation"})
        + "\n"
        + json.dumps(
            {"text": "I'm sorry, that was our mistake.", "rule": "humble.blame", "label": "clean"}
        )
        + "\n"
    )
    status = main(["eval", str(tmp_path), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    names = [r.get("set") or r.get("sentences") for r in data["results"]]
    assert names == ["a", "b", "sentences.jsonl", "all"]
    assert data["results"][3]["messages"] == 6
    assert data["results"][2]["recall"]["kind.hostile"] == {"found": 1, "violations": 1}
    assert status in (0, 1)


def test_show_lists_a_false_hold_with_its_evidence(tmp_path: Path, capsys) -> None:
    folder = write_set(tmp_path / "mislabelled")
    rows = [json.loads(x) for x in (folder / "labels.jsonl").read_text().splitlines()]
    rows[1].update(expect="forward", values=[], rules=[])  # claim the rude reply is clean
    (folder / "labels.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    config = tmp_path / "grace.toml"
    config.write_text(ONLY_HOSTILE)
    status = main(["eval", str(folder), "--show", "--config", str(config)])
    out = capsys.readouterr().out
    assert "FALSE HOLD mislabelled/002-rude.eml" in out
    assert "kind.hostile [hold]" in out
    assert status == 1


def test_bad_input_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["eval", str(tmp_path / "missing")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["eval", str(tmp_path / "empty")]) == 2
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "labels.jsonl").write_text('{"file": "x.eml", "expect": "maybe"}\n')
    assert main(["eval", str(bad)]) == 2
    assert "expect must be one of" in capsys.readouterr().err


def test_discover_rejects_other_files(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("x")
    with pytest.raises(EvalError):
        discover([other])


def test_a_near_miss_label_counts_as_clean_and_a_bad_label_is_named(tmp_path: Path,
                                                                    capsys) -> None:
    rows = tmp_path / "sentences.jsonl"
    rows.write_text(json.dumps({"text": "I'm sorry, that was our mistake.",
                                "rule": "humble.blame", "label": "near-miss"}) + "\n")
    main(["eval", str(rows), "--format", "json"])
    result = json.loads(capsys.readouterr().out)["results"][0]
    assert result["near_miss"]["humble.blame"] == {"flagged": 0, "clean": 1}

    rows.write_text(json.dumps({"text": "x", "rule": "humble.blame", "label": "maybe"}) + "\n")
    assert main(["eval", str(rows)]) == 2
    assert "'maybe'" in capsys.readouterr().err

"""Policy packs: rules as data, org overrides layered on, the engine stays generic."""

from __future__ import annotations

from pathlib import Path

import pytest

from policies.engine import PolicySet, sort_findings
from policies.pack import PackError, load_pack
from policies.types import Finding, Reply, Severity, Value

VALUES_MD_RULES = {
    "urgent.vague-followup", "urgent.deflection", "urgent.late-no-acknowledgement",
    "urgent.no-next-step", "kind.condescending", "kind.hostile", "kind.shouting",
    "kind.sarcasm", "humble.blame", "humble.prejudge", "clear.vague-request",
    "clear.vague-instruction", "clear.readability", "clear.jargon", "reply.empty",
}


def test_default_pack_has_every_rule_with_texts() -> None:
    pack = load_pack()
    assert set(pack.rules) >= VALUES_MD_RULES
    for spec in pack.rules.values():
        assert spec.message and spec.why and spec.suggestion, spec.id
        assert spec.id.split(".")[0] == spec.value.value
    assert pack.label.startswith("default@")


def test_override_changes_severity_disables_and_extends(tmp_path: Path) -> None:
    base = load_pack()
    override = tmp_path / "acme.toml"
    override.write_text(
        """
[pack]
name = "acme"
[rules."kind.hostile"]
severity = "advise"
[rules."clear.jargon"]
enabled = false
[rules."reply.empty".add]
extra_words = ["x"]
""",
        encoding="utf-8",
    )
    pack = load_pack([override])
    assert pack.rule("kind.hostile").severity is Severity.ADVISE
    assert not pack.rule("clear.jargon").enabled
    assert pack.rule("reply.empty").params["extra_words"] == ["x"]
    assert pack.name == "acme"
    assert pack.digest != base.digest
    inline = {"reply.empty": {"min_words": 3}}
    disabled = load_pack(disable=["kind.sarcasm"], inline=inline)
    assert not disabled.rule("kind.sarcasm").enabled
    assert disabled.rule("reply.empty").params["min_words"] == 3


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('[rules."kind.hostile"]\nseverity = "block"\n', "severity"),
        ('[rules."kind.hostile"]\nvalue = "nice"\n', "value"),
        ('[rulez]\n', "unknown key"),
        ('[rules."kind.hostile".add]\nmessage = "x"\n', "must be a list"),
        # "\b" in a double-quoted TOML string is a backspace, not a word boundary
        ('[rules."kind.hostile".add]\ninsults = ["clown\\b"]\n', "control character U\\+0008"),
    ],
)
def test_bad_overrides_are_named(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError, match=match) as info:
        load_pack([path])
    assert str(path) in str(info.value)


def test_disable_unknown_rule_is_an_error() -> None:
    with pytest.raises(PackError, match="no rule"):
        load_pack(disable=["kind.nonexistent"])


def test_empty_reply_and_disabled_rules_in_engine() -> None:
    policies = PolicySet.load()
    findings = policies.check(Reply(text="  \n")).findings
    assert [f.rule for f in findings] == ["reply.empty"]
    quiet = PolicySet.load(disable=["reply.empty"])
    assert quiet.check(Reply(text="")).findings == ()


def test_broken_policy_is_reported_not_raised() -> None:
    class Broken:
        name = "broken"

        def check(self, reply: Reply):
            raise RuntimeError("boom")

    policies = PolicySet(pack=load_pack(), policies=(Broken(),))
    result = policies.check(Reply(text="hello"))
    assert result.findings == ()
    assert result.errors == ("broken: RuntimeError: boom",)


def test_findings_sorted_most_important_first() -> None:
    def f(rule: str, value: Value, severity: Severity, start: int) -> Finding:
        return Finding(rule, value, severity, "", "", "", start, start)

    ordered = sort_findings([
        f("clear.jargon", Value.CLEAR, Severity.ADVISE, 0),
        f("clear.vague-request", Value.CLEAR, Severity.HOLD, 5),
        f("kind.hostile", Value.KIND, Severity.HOLD, 9),
    ])
    assert [x.rule for x in ordered] == ["kind.hostile", "clear.vague-request", "clear.jargon"]

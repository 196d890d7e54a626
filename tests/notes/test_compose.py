"""The review note: headers that cannot loop or inject, MIME that keeps the original
intact, content that is clear and kind, and text that passes the gateway's own checks."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from notekit import (
    AGENT,
    CUSTOMER,
    NOW,
    REVIEWER,
    analyse,
    hold_for,
    html_of,
    parse,
    reply_bytes,
    settings,
    text_of,
)

from gateway.extract import extract_reply
from gateway.notes.compose import (
    MAX_ATTACHED_ORIGINAL,
    attachment_for,
    compose,
    compose_note,
    group_findings,
    split_example,
)
from gateway.notes.tokens import TokenSigner
from gateway.scope import MARKER_HEADER
from policies.base import make_finding
from policies.engine import PolicySet
from policies.types import Reply, Severity

CFG = settings()
SIGNER = TokenSigner(b"0123456789abcdef-test", CFG.holds.token_ttl)


def held_note(raw: bytes | None = None, cfg=CFG, **kw):
    raw = raw or reply_bytes()
    analysis = analyse(cfg, raw)
    assert analysis.action == "hold", analysis.findings  # precondition
    hold = hold_for(analysis, raw, cfg)
    release, report = SIGNER.issue_for_hold(hold.id, hold.author, NOW)
    note = compose_note(settings=cfg, analysis=analysis, original=raw, hold=hold,
                        release_token=release, report_token=report, now=NOW, **kw)
    return note, hold, release, report, analysis


# ------------------------------------------------------------------ headers


def test_headers_route_the_note_safely():
    note, hold, release, _, _ = held_note()
    msg = parse(note)
    assert msg["To"] == AGENT
    assert msg["From"].addresses[0].addr_spec == "grace@acme.example"
    assert msg["Reply-To"].addresses[0].addr_spec == f"grace-release+{release}@acme.example"
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg["X-Auto-Response-Suppress"] == "All"
    assert msg[MARKER_HEADER] == f"hold={hold.id}"
    # Threads with the author's sent reply.
    assert msg["In-Reply-To"] == "<r1@support.acme.example>"
    assert msg["References"].split() == [
        "<q0@customer.example>", "<q1@customer.example>", "<r1@support.acme.example>"]
    assert msg["Message-ID"] and msg["Date"]
    assert msg["Subject"] == "Not sent yet, your reply needs a quick look: Re: Printer offline"


def test_a_hostile_subject_cannot_inject_headers():
    evil = "=?utf-8?q?Re=3A_hi=0D=0ABcc=3A_victim=40evil=2Eexample=0D=0A?="
    note, *_ = held_note(reply_bytes(subject=evil))
    head = note.split(b"\r\n\r\n", 1)[0]
    assert b"\nBcc:" not in head and b"\rBcc:" not in head
    msg = parse(note)
    assert msg["Bcc"] is None
    assert "\n" not in msg["Subject"] and "victim@evil.example" in msg["Subject"]
    assert all(len(line) <= 998 for line in head.split(b"\r\n"))


def test_a_long_subject_is_capped():
    note, *_ = held_note(reply_bytes(subject="Re: " + "word " * 400))
    assert len(parse(note)["Subject"]) <= 200


# ------------------------------------------------------------------ MIME


def test_structure_is_alternative_plus_the_original_byte_for_byte():
    raw = reply_bytes(body="Hi Kim,\r\n\r\nPlease calm down, Jürgen says it is user error.\r\n")
    note, *_ = held_note(raw)
    msg = parse(note)
    assert msg.get_content_type() == "multipart/mixed"
    types = [p.get_content_type() for p in msg.walk()]
    assert types[:4] == ["multipart/mixed", "multipart/alternative", "text/plain",
                         "text/html"]
    [attached] = [p for p in msg.walk() if p.get_content_type() == "message/rfc822"]
    assert attached["Content-Transfer-Encoding"] == "8bit"  # never base64/QP (RFC 2046)
    # The original's bytes appear unchanged inside the note.
    assert raw in note
    assert not msg.defects and all(not p.defects for p in msg.walk())


def test_an_ascii_original_is_attached_7bit():
    note, *_ = held_note()
    assert b"Content-Type: message/rfc822\r\nContent-Disposition: attachment; " \
           b"filename=\"held-reply.eml\"\r\nContent-Transfer-Encoding: 7bit" in note


def test_a_huge_or_long_lined_original_is_attached_as_headers_only():
    long_line = reply_bytes(body="x" * 2000 + "\r\n")
    kind, part = attachment_for(long_line)
    assert kind == "headers" and b"text/rfc822-headers" in part
    assert b"Subject: Re: Printer offline" in part and b"x" * 2000 not in part
    huge = reply_bytes(body=("y" * 70 + "\r\n") * (MAX_ATTACHED_ORIGINAL // 72 + 10))
    assert attachment_for(huge)[0] == "headers"


# ------------------------------------------------------------------ content


def test_text_part_quotes_the_exact_words_with_value_rule_why_and_rewrite():
    note, hold, release, report, analysis = held_note()
    text = text_of(note)
    assert text.startswith("Hi Maria,")
    for finding in analysis.findings:
        assert f": {finding.rule} " in text
        assert f"**{finding.evidence}**" in text  # marked inside a "> " quote line
        assert finding.why in " ".join(text.split())
    assert "Be Kind" in text and "Be Humble" in text
    assert "Why it matters:" in text and "Try instead:" in text
    # The ways out, with their exact addresses.
    assert f"grace-release+{release}@acme.example" in text
    assert f"grace-false-positive+{report}@acme.example" in text
    assert "same conversation" in text
    assert "can be wrong" in text  # humble
    # The time limit and what happens then (escalate to the configured reviewer).
    assert "16:00 UTC (17:00 your time)" in text and REVIEWER in text
    assert f"Reference: {hold.id}" in text


def test_html_part_highlights_and_escapes():
    raw = reply_bytes(body="Hi Kim,\r\n\r\n<b>Calm down</b> & read the manual.\r\n")
    note, _, release, _, _ = held_note(raw)
    html = html_of(note)
    assert "<mark" in html and "read the manual</mark>" in html
    assert "&lt;b&gt;" in html and "<b>Calm" not in html
    assert f"mailto:grace-release+{release}@acme.example" in html


def test_findings_most_important_first_and_repeats_grouped():
    text = "Calm down. Calm down! calm down. Also the logs please."
    pack = PolicySet.load().pack

    def at(rule, words, nth=0, severity=None):
        i = -1
        for _ in range(nth + 1):
            i = text.lower().find(words.lower(), i + 1)
        return make_finding(pack.rule(rule), text, i, i + len(words), severity=severity)

    findings = [
        at("clear.jargon", "logs", severity=Severity.ADVISE),
        at("kind.hostile", "calm down", 2),
        at("kind.hostile", "calm down", 0),
        at("kind.hostile", "calm down", 1),
        at("clear.vague-request", "the logs please"),
    ]
    groups = group_findings(findings, text)
    assert [g.rule for g in groups] == ["kind.hostile", "clear.vague-request", "clear.jargon"]
    hostile = groups[0]
    assert len(hostile.quotes) == 1 and hostile.more == 2  # one quote, the rest counted
    assert groups[-1].severity == Severity.ADVISE


def test_forwarded_note_says_it_was_sent_and_offers_the_report_address():
    cfg = settings(modes={"default": "advise"})
    raw = reply_bytes()
    analysis = analyse(cfg, raw)
    assert analysis.action == "forward" and analysis.verdict.note
    token = SIGNER.issue_for_note("<r1@support.acme.example>", AGENT, NOW)
    note = compose_note(settings=cfg, analysis=analysis, original=raw, hold=None,
                        release_token=None, report_token=token, now=NOW)
    msg = parse(note)
    assert msg["Reply-To"].addresses[0].addr_spec == f"grace-false-positive+{token}@acme.example"
    assert msg[MARKER_HEADER] == "note"
    assert msg["Subject"].startswith("Sent, with a tip for next time:")
    text = text_of(note)
    flat = " ".join(text.split())
    assert "has been sent to the customer" in flat and "nothing needs doing" in flat
    assert "grace-release+" not in text and "on hold" not in text


def test_reviewer_note_explains_release_and_discard():
    raw = reply_bytes()
    analysis = analyse(CFG, raw)
    hold = hold_for(analysis, raw, CFG)
    release, report = SIGNER.issue_for_hold(hold.id, hold.author, NOW)
    note = compose(settings=CFG, analysis=analysis, original=raw, hold=hold,
                   release_token=release, report_token=report,
                   now=NOW + timedelta(hours=2), audience="reviewer", to=[REVIEWER])
    msg = parse(note.raw)
    assert msg["To"] == REVIEWER and "escalation" in msg[MARKER_HEADER]
    text = text_of(note.raw)
    assert "on hold for 2 hours" in text and '"discard"' in text
    assert AGENT in text and CUSTOMER in text


@pytest.mark.parametrize("on_timeout,expected", [
    ("release", "goes to the customer as it is"),
    ("keep", "stays on hold until you or a reviewer send it"),
    ("escalate", "a reviewer (lead@acme.example) is asked to look at it"),
])
def test_the_timeout_sentence_follows_the_config(on_timeout, expected):
    note, *_ = held_note(cfg=settings(holds={"on_timeout": on_timeout, "timeout": "30m"}))
    assert expected in " ".join(text_of(note).split())


def test_split_example_keeps_advice_and_example_apart():
    assert split_example(
        'Give a concrete time and zone, e.g. "I\'ll update you by 15:00 UTC today", or say '
        "when you will know more."
    ) == ("Give a concrete time and zone, or say when you will know more.",
          '"I\'ll update you by 15:00 UTC today"')
    assert split_example("Split it into short sentences.") == (
        "Split it into short sentences.", "")


# ------------------------------------------------------------------ the note's own words

#: Words that trigger each rule, in a reply the note then quotes.
_EVIDENCE = {
    "urgent.vague-followup": "soon",
    "urgent.deflection": "please raise a ticket in the portal",
    "kind.condescending": "as I already explained",
    "kind.hostile": "calm down",
    "kind.shouting": "THIS IS NOT WORKING",
    "kind.sarcasm": "thanks for nothing",
    "humble.blame": "user error",
    "humble.prejudge": "this is not a bug",
    "clear.vague-request": "send us the logs",
    "clear.vague-instruction": "restart the services",
    "clear.jargon": "INC-2231",
}


def _every_rule_analysis(cfg):
    pack = PolicySet.load().pack
    text = "Hi Kim,\n\n" + "\n".join(
        f"Line {i}: {words} here." for i, words in enumerate(_EVIDENCE.values()))
    findings = []
    for rule_id, spec in pack.rules.items():
        words = _EVIDENCE.get(rule_id, "")
        start = text.find(words) if words else 0
        end = start + len(words)
        findings.append(make_finding(spec, text, start, end, delay="31 hours",
                                     target="24 h", words=52, grade=18,
                                     detail="limit:parts"))
    raw = reply_bytes()
    analysis = analyse(cfg, raw)
    reply = replace(analysis.reply, text=text)
    return replace(analysis, reply=reply, findings=tuple(findings)), raw


def _own_words(note_text: str) -> str:
    """The note minus the author's quoted words ("> " lines), as a reply reads."""
    return "\n".join(line for line in note_text.splitlines() if not line.startswith(">"))


@pytest.mark.parametrize("variant", ["held", "forwarded", "reviewer", "release-on-timeout"])
def test_the_notes_own_text_has_no_findings(variant):
    cfg = settings(holds={"on_timeout": "release"}) if variant == "release-on-timeout" else CFG
    analysis, raw = _every_rule_analysis(cfg)
    hold = None if variant == "forwarded" else hold_for(analysis, raw, cfg)
    release, report = SIGNER.issue_for_hold(hold.id, AGENT, NOW) if hold else (None, "n" * 43)
    note = compose(settings=cfg, analysis=analysis, original=raw, hold=hold,
                   release_token=release, report_token=report, now=NOW,
                   audience="reviewer" if variant == "reviewer" else "author",
                   to=[REVIEWER] if variant == "reviewer" else None).raw
    text = text_of(note)
    policies = PolicySet.load()
    # 1. As a Reply of its own words.
    found = policies.check(Reply(text=_own_words(text), sent_at=NOW)).findings
    assert not found, [(f.rule, f.evidence) for f in found]
    # 2. As the gateway reads a reply: the note's text part as a message of its own.
    as_mail = (
        "From: Grace Gateway <grace@acme.example>\r\nTo: kim@customer.example\r\n"
        "Subject: Re: note\r\nIn-Reply-To: <x@y>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + text.replace("\n", "\r\n")
    ).encode()
    reply = extract_reply(as_mail, sender="grace@acme.example", recipients=(CUSTOMER,),
                          received_at=NOW)
    assert "**" not in reply.text  # the quoted words were recognised as quoted
    found = policies.check(reply).findings
    assert not found, [(f.rule, f.evidence) for f in found]
    assert re.search(r"\w", reply.text)

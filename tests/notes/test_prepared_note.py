"""The hold record and note written in the analysis process with the verdict
(gateway.prepared_note) are the ones the gateway would have written itself."""

from __future__ import annotations

from datetime import timedelta

from notekit import (
    AGENT,
    CLEAN_BODY,
    CUSTOMER,
    NOW,
    analyse,
    reply_bytes,
    settings,
    text_of,
)

from gateway.notes.compose import compose_note
from gateway.notes.tokens import TokenSigner
from gateway.prepared_note import NotePlan, Prepared, hold_record, prepare
from gateway.store.records import HoldState, new_id

CFG = settings(modes={"default": "enforce"})
SIGNER = TokenSigner(b"0123456789abcdef-test", CFG.holds.token_ttl)


def plan_for(compose=compose_note) -> NotePlan:
    hold_id = new_id("h")
    release, report = SIGNER.issue_for_hold(hold_id, AGENT, NOW)
    return NotePlan(compose=compose, now=NOW, hold_id=hold_id, mail_from=AGENT,
                    mail_options=("BODY=8BITMIME",), release_token=release,
                    hold_report_token=report,
                    note_report_token=SIGNER.issue_for_note("<r1@support.acme.example>",
                                                            AGENT, NOW))


def broken_compose(**_: object) -> bytes:
    raise ValueError("no template")


def test_a_held_reply_comes_with_its_hold_and_its_note():
    raw = reply_bytes()
    analysis = analyse(CFG, raw)
    assert analysis.action == "hold"
    plan = plan_for()
    prepared = prepare(CFG, analysis, raw, plan)
    hold = prepared.hold
    assert hold is not None and hold.id == plan.hold_id and hold.state == HoldState.HELD
    assert hold.created_at == NOW and hold.deadline == NOW + timedelta(
        seconds=CFG.holds.timeout)
    assert hold.author == AGENT and hold.rcpt_tos == (CUSTOMER,)
    assert hold.mail_options == ("BODY=8BITMIME",)
    assert set(hold.thread_ids) == {"<q0@customer.example>", "<q1@customer.example>"}
    assert set(hold.rules) == {f.rule for f in analysis.findings
                               if f.severity == "hold"}
    # the same record the gateway builds when it has to do it itself
    again = hold_record(hold_id=plan.hold_id, settings=CFG, analysis=analysis, raw=raw,
                        mail_from=AGENT, rcpt_tos=(CUSTOMER,),
                        mail_options=("BODY=8BITMIME",), now=NOW)
    assert again == hold
    # the note is the one compose_note writes for that hold and those tokens
    expected = compose_note(settings=CFG, analysis=analysis, original=raw, hold=hold,
                            release_token=plan.release_token,
                            report_token=plan.hold_report_token, now=NOW)
    assert prepared.note is not None
    assert text_of(prepared.note) == text_of(expected)
    assert plan.release_token in text_of(prepared.note)


def test_a_clean_reply_needs_nothing_prepared():
    raw = reply_bytes(CLEAN_BODY)
    analysis = analyse(CFG, raw)
    assert analysis.action == "forward" and not analysis.verdict.note
    assert prepare(CFG, analysis, raw, plan_for()) == Prepared()


def test_a_note_that_cannot_be_written_leaves_the_hold_standing():
    raw = reply_bytes()
    analysis = analyse(CFG, raw)
    prepared = prepare(CFG, analysis, raw, plan_for(broken_compose))
    assert prepared.hold is not None and prepared.note is None
    assert prepared.note_error == "ValueError: no template"

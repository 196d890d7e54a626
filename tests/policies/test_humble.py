"""Be Humble rules on our own sentences: blame and prejudgement, and what clears them.

Written for these tests (not taken from the corpus), with varied wording:
negation, ownership, openness, questions, conditionals and quotes.
"""

from __future__ import annotations

import re
import time

import pytest

from policies import humble
from policies.language import compile_phrases
from policies.pack import PackError, load_pack
from policies.types import Finding, Reply, Severity, Value


@pytest.fixture(scope="module")
def policy() -> humble.HumblePolicy:
    return humble.build(load_pack())


def findings(policy: humble.HumblePolicy, text: str) -> list[Finding]:
    out = list(policy.check(Reply(text=text)))
    for f in out:
        assert f.evidence == text[f.start : f.end]
        assert f.message and f.suggestion and f.why
        assert f.value == Value.HUMBLE and f.severity == Severity.HOLD
    return out


def rules(policy: humble.HumblePolicy, text: str) -> set[str]:
    return {f.rule for f in findings(policy, text)}


# --------------------------------------------------------------------- blame

BLAME = [
    "Your IT team obviously changed the DNS settings without telling us.",
    "This happened because you didn't read the upgrade notes.",
    "The problem is entirely on your end.",
    "Clearly someone in your office unplugged the hub.",
    "The failed payment is the result of your finance team entering the wrong IBAN.",
    "You must have deleted the project by accident.",
    "Your admin forgot to renew the certificate, which is why the site went down.",
    "The booking was lost because your assistant cancelled it.",
    "Your installer wired the thermostat incorrectly.",
    "That's down to your developers, not us.",
    "Your users are clicking the wrong link.",
    "This is operator error on your side.",
    "Someone on your team will have changed the password.",
    "The mistake was your accountant's.",
    "Had your staff followed the checklist, the order would have shipped.",
]
NOT_BLAME = [
    "It's not your fault: the reset link expired too early because of our bug.",
    "Nothing you did caused this; our server restarted at 10:02.",
    "The log shows the request came from your proxy at 10:02, but our gateway may "
    "have dropped it too, so I'm checking ours.",
    "I'm not blaming your team; I just want to understand what happened at 09:00.",
    "The wrong IBAN was on the form because our form pre-filled it, which is our mistake.",
    "Your admin changed the setting at 09:12, and our sync could also have overwritten "
    "it, so we're checking both.",
    "If you skip the pairing step, the hub won't find the sensors.",
    "Your card was declined, so the order is on hold; you can pay again from My Orders.",
    "Could someone on your side have changed the password on Friday?",
    "We sent you the wrong link, and I'm sorry about that.",
    "You didn't break anything, and this isn't user error.",
    "None of this is down to your staff.",
    "We got this badly wrong, and that's on us.",
    "Please ask your staff to scan the badge instead of typing the code.",
    'You wrote that you "must have clicked the wrong thing"; you didn\'t, our menu moved.',
]


@pytest.mark.parametrize("text", BLAME)
def test_blame_violations(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_BLAME)
def test_blame_near_misses(policy, text):
    assert "humble.blame" not in rules(policy, text)


def test_openness_anywhere_in_the_reply_clears_a_diagnosis(policy):
    text = (
        "The audit trail shows your admin account moved the folder at 16:42. "
        "I can't rule out a sync fault in our client, though, so our engineers are "
        "checking its log for that minute."
    )
    assert "humble.blame" not in rules(policy, text)


def test_openness_elsewhere_does_not_clear_a_fault_label(policy):
    text = "This is user error. We are also checking our logs too."
    assert "humble.blame" in rules(policy, text)


def test_blame_evidence_is_the_clause(policy):
    text = "I've checked the report. The sensors fell because your technicians mounted them badly."
    f = next(f for f in findings(policy, text) if f.rule == "humble.blame")
    assert "your technicians mounted them badly" in f.evidence
    assert "I've checked" not in f.evidence


# --------------------------------------------------------------------- prejudge

PREJUDGE = [
    "Our servers are working perfectly, so the slowdown must be on your network.",
    "This definitely isn't a problem with our software.",
    "We can rule out our platform, since nothing was deployed this week.",
    "I'm confident the issue is not on our end.",
    "The portal has been tested by thousands of users, so it's not the portal.",
    "Our billing system doesn't make mistakes like that.",
    "That's not something our product would cause.",
    "The firmware is fine; it'll be the wiring.",
    "Our data centre never goes down, so the outage is elsewhere.",
    "This isn't our responsibility.",
    "This is expected behaviour and not a bug.",
    "It works on our side, so it can't be us.",
]
NOT_PREJUDGE = [
    "We haven't found a fault on our side yet, and we're still looking.",
    "It could be our update; I've asked engineering to check by 16:00.",
    "I don't know yet whether this is our system or your network, so I'm testing both.",
    "Our status page shows no incidents, but that doesn't cover your region, so I'm "
    "checking directly.",
    "I was wrong to say it wasn't a bug: we found the defect this morning.",
    "The fix is live and the export is working normally again.",
    "If it turns out to be our software, we'll refund the month.",
    "The thermostats themselves are fine; the hub lost power at 07:52.",
    "The answer isn't in our docs, and it should be.",
    "A technician will be at your place tomorrow between 8 and 10.",
    "Our API shouldn't return a 500 for that request, so I'm treating it as a bug.",
]


@pytest.mark.parametrize("text", PREJUDGE)
def test_prejudge_violations(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_PREJUDGE)
def test_prejudge_near_misses(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


def test_prejudgement_that_also_points_at_them_is_reported_once(policy):
    text = "The second charge can't have come from us and will be down to your bank."
    assert rules(policy, text) == {"humble.prejudge"}


def test_openness_before_the_claim_does_not_clear_it(policy):
    text = "I haven't looked at the logs yet, but this is definitely not on our side."
    assert "humble.prejudge" in rules(policy, text)


# --------------------------------------------------------------------- pack data


def test_disabled_rules_find_nothing():
    pack = load_pack(disable=["humble.blame", "humble.prejudge"])
    assert findings(humble.build(pack), "This is user error, not a bug.") == []


def test_organisation_can_add_a_party():
    text = "The delay was caused by the concessionaire."
    assert "humble.blame" not in rules(humble.build(load_pack()), text)
    pack = load_pack(inline={"humble.blame": {"add": {"parties": ["concessionaires?"]}}})
    assert "humble.blame" in rules(humble.build(pack), text)


def test_bad_phrase_list_is_a_clear_pack_error():
    pack = load_pack(inline={"humble.blame": {"fault_labels": "[unclosed"}})
    with pytest.raises(PackError, match="humble.blame"):
        humble.build(pack)


def test_policy_is_reentrant_across_replies(policy):
    """The one-pass scan belongs to the reply being checked: interleaved checks agree."""
    a, b = "This is user error.", "Nothing wrong with our system."
    ga, gb = policy.check(Reply(text=a)), policy.check(Reply(text=b))
    assert {f.rule for f in gb} == {"humble.prejudge"}
    assert {f.rule for f in ga} == {"humble.blame"}


# --------------------------------------------------------------------- linear cost


def _cost(fn, text: str) -> float:
    """Best of three CPU times; each run gets a fresh string, so no cache helps."""
    best = float("inf")
    for i in range(3):
        fresh = " " * (i + 1) + text
        start = time.process_time()
        fn(fresh)
        best = min(best, time.process_time() - start)
    return best


def _soup(phrases: list[str]) -> str:
    words = " ".join(re.sub(r"\{w\??\}|\{gap\}|[^A-Za-z' ]+", " ", p) for p in phrases)
    return " ".join(words.split()) + " "


@pytest.mark.parametrize("rule_id", ["humble.blame", "humble.prejudge"])
def test_every_phrase_family_is_linear(rule_id):
    """Each family's regex on 100 KB of its own words costs about 4x what 25 KB
    costs (quadratic would be 16x); sizes are compared, not absolute times."""
    spec = load_pack().rule(rule_id)
    for key, value in spec.params.items():
        if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
            continue
        pattern = compile_phrases(value)
        soup = _soup(value) or "a "
        big = (soup * (100_000 // len(soup) + 1))[:100_000]

        def run(t: str, p=pattern) -> None:
            sum(1 for _ in p.finditer(t))

        ratio = _cost(run, big) / max(_cost(run, big[:25_000]), 1e-4)
        assert ratio < 10, f"{rule_id}.{key}: 4x the text cost {ratio:.1f}x the time"


ADVERSARIAL = {
    "blame-words": "you your staff the wrong because failed ",
    "apostrophes": "'s not ",
    "one-clause": "it isn't the app and our servers are fine so ",
    "no-spaces": "a",
    "quotes": '"x ',
    "commas": "your team, ",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_policy_cost_is_linear(policy, name):
    unit = ADVERSARIAL[name]
    big = (unit * (100_000 // len(unit) + 1))[:100_000]

    def run(t: str) -> None:
        list(policy.check(Reply(text=t)))

    ratio = _cost(run, big) / max(_cost(run, big[:25_000]), 1e-3)
    assert ratio < 10, f"{name}: 4x the text cost {ratio:.1f}x the time"


# --------------------------------------------------------------------- generalisation
# Structures added so that new wording is judged by meaning (written for these
# tests: other trades, registers and non-native English).

BLAME_STRUCTURES = [
    "You didn't set up the webhook, so the events never arrived.",
    # a fault placed on their side or with their people
    "Dear sir, the discrepancy is from your end only.",
    "The hold-up lies with your purchasing department.",
    "The outage arose due to a mistake from your side.",
    "The fault was introduced by your contractor's patch.",
    # a customer-side person asserted as the agent
    "Somebody in your warehouse evidently switched off the chiller.",
    "You cancelled the standing order yourself, so the payment bounced.",
    "That's your dispatcher double-booking the vans, pure and simple.",
    "It was your daughter who bought the upgrade, not a fault in the store.",
    "Clearly nobody at your branch read the recall notice.",
    # an act given as the cause
    "The ledger is empty because your clerk never exported the file.",
    "The reason the alarm went off is that your caretaker propped the door open.",
    "Your drivers keep getting clamped because they park on the red route, end of.",
    "For future reference, this happens when the delivery note isn't signed properly.",
    "If you'd backed up the laptop like we advised, we wouldn't be in this situation.",
]
NOT_BLAME_STRUCTURES = [
    # a negated act over "anything ... wrong" clears the reader
    "You didn't set anything up wrong: the import failed on our side and I've re-run it.",
    "You haven't configured any of the settings incorrectly; the fault was ours.",
    "You will have the replacement within 2 hours.",
    "The parts are with your courier now, so you should have everything you need by Friday.",
    "I can't confirm a date yet because the supplier hasn't replied, but I'll chase them at 14:00.",
    "The error on your end is a 403 from our server, which we're fixing now.",
    "If the fault is on your side, the engineer will tell you what to change.",
    "Your warehouse switched off the chiller at 18:00, and our sensor could also have failed, "
    "so we're checking both.",
    "You fixed it yourself before we could, thank you!",
    "It was your daughter who spotted the bug, and we've fixed it.",
    "Nobody on your team did anything wrong.",
    "The ledger is empty because our export job failed overnight.",
    "The invoice was approved by your manager on Monday and paid on Tuesday.",
    "Thank you so much for the detailed notes; they helped us find the fault.",
    "Your tenant reported the broken boiler, and our engineer will fix it on Friday.",
    "Your parcel reached our depot at 09:40 and goes out for delivery tomorrow.",
]


@pytest.mark.parametrize("text", BLAME_STRUCTURES)
def test_blame_structures(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_BLAME_STRUCTURES)
def test_blame_structure_near_misses(policy, text):
    assert "humble.blame" not in rules(policy, text)


PREJUDGE_STRUCTURES = [
    "Our gateway processed 12,000 payments this week without a single refusal, so this won't "
    "be us.",
    "I've looked, and our portal isn't responsible for the gaps in the report.",
    "The platform has been rock-solid, so the drop-outs are on your network.",
    "Our warehouse has been ruled out.",
    "There's no way the scale is weighing wrong; it's calibrated every month.",
    "Nothing on our end could cause that.",
    "The trouble lies with your broadband router, not with us.",
    "Our lockers never open by themselves, so it must have been someone with the code.",
    "We don't believe our software is at fault.",
]
NOT_PREJUDGE_STRUCTURES = [
    "That doesn't prove it's not our gateway, so I'm checking the logs.",
    "It's not a known issue, so I've opened an investigation.",
    "It wasn't our app as such: the retry came from the bank, and we've turned retries off.",
    "This is not our usual policy, but I've made an exception for you.",
    "The refund will be on your card within 48 hours.",
    "I'm sorry that wasn't on the invoice; I've added it now.",
    "Our monitoring shows the API was up, which doesn't explain your errors, so I'm digging "
    "into your requests.",
]


@pytest.mark.parametrize("text", PREJUDGE_STRUCTURES)
def test_prejudge_structures(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_PREJUDGE_STRUCTURES)
def test_prejudge_structure_near_misses(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


def test_our_brand_counts_as_our_side(policy):
    """The help desk's subject tag names us: a denial about it clears our side."""
    text = "The missed connection was in no way caused by Northwind Air."
    assert "humble.prejudge" not in rules(policy, text)
    reply = Reply(text=text, subject="[Northwind Air] Re: Missed connection")
    assert {f.rule for f in policy.check(reply)} == {"humble.prejudge"}
    assert humble.our_names(reply).match("northwind air")


def test_blame_with_a_contrast_to_us_is_reported_as_blame(policy):
    assert rules(policy, "That's down to your installer, not us.") == {"humble.blame"}
    # round 66 (kh2): a provider of theirs is a party too, so the same holds for it
    assert rules(policy, "The trouble lies with your broadband provider, not with us.") == {
        "humble.blame"
    }


def test_past_forms():
    assert humble._is_past("deleted") and humble._is_past("overrode") and humble._is_past("set")
    assert not any(humble._is_past(w) for w in ("need", "it", "won't", "red"))


def test_phrase_index_tries_apostrophe_phrases_inside_a_word():
    """ "'s not" is found at the apostrophe of "it's", with no scan of the whole text."""
    from policies.language import PhraseIndex

    index = PhraseIndex({"k": ["(isn't|'s not) ours"]})
    assert index.suffix  # filed under the suffix, not scanned as a regex
    found = index.scan("Well, it's not ours. This isn't ours either. Thisis not ours.")
    assert [m.group() for m in found.within("k")] == ["'s not ours", "isn't ours"]
    assert found.any_in(("k",), 0, 12) and not found.any_in(("k",), 45, 60)


# --------------------------------------------------------------------- meaning, round 2
# Accusing questions, agentless careless passives, a duty said to be skipped,
# a reputation or routine offered as proof, and what clears them.

HUMBLE_MEANING = [
    ("humble.blame", "Has no one at your clinic checked the batch numbers?"),
    ("humble.blame", "Why didn't your bookkeeper reconcile the account first?"),
    ("humble.blame", "How could your foreman possibly overlook the crack?"),
    ("humble.blame", "The claim form was evidently signed without being read."),
    ("humble.blame", "Your meter reading was keyed in wrongly."),
    (
        "humble.blame",
        "If your pickers scanned each tote like they're meant to, no order "
        "would go missing.",
    ),
    ("humble.blame", "Whoever maintains your network has blocked our webhook."),
    ("humble.blame", "The dent is from careless loading by your crew."),
    (
        "humble.prejudge",
        "Our kiosks have been trouble-free for years, so it's most likely your "
        "Wi-Fi.",
    ),
    (
        "humble.prejudge",
        "The ovens are inspected every morning, so the temperatures on the log "
        "are correct.",
    ),
    (
        "humble.prejudge",
        "Each scale leaves the factory fully calibrated, so a weighing fault "
        "is out of the question.",
    ),
    ("humble.prejudge", "Rest assured, the problem isn't on Brightwater's side."),
    ("humble.prejudge", "The extra charges will be down to higher usage over the holidays."),
    ("humble.prejudge", "Our ledger is never wrong."),
]
NOT_HUMBLE_MEANING = [
    ("humble.blame", "Did anyone at your clinic change the batch numbers?"),
    ("humble.blame", "Why didn't our reminder reach you? I'm checking our mail logs."),
    ("humble.blame", "If the reading was keyed in wrongly, we can fix it today."),
    ("humble.blame", "Your reading wasn't keyed in wrongly; our import misread it."),
    ("humble.blame", "The form was submitted without being checked by our team, and that's on us."),
    ("humble.blame", "Once the tills are charged, they sync as they're meant to."),
    ("humble.blame", "The transfer was late due to the bank holiday."),
    ("humble.blame", "I know how stressful that is with your auditors in."),
    (
        "humble.blame",
        "We didn't test the import with your file layout, so I've opened a bug "
        "for it.",
    ),
    (
        "humble.prejudge",
        "Our kiosks have been stable for years, but that's no guarantee; I'm "
        "checking the logs.",
    ),
    ("humble.prejudge", "Your printer settings are all correct, so the problem is elsewhere."),
    (
        "humble.prejudge",
        "A weighing fault isn't out of the question, so an engineer visits on "
        "Monday.",
    ),
]


@pytest.mark.parametrize(("rule", "text"), HUMBLE_MEANING)
def test_humble_meaning(policy, rule, text):
    assert rule in rules(policy, text)


@pytest.mark.parametrize(("rule", "text"), NOT_HUMBLE_MEANING)
def test_humble_meaning_near_misses(policy, rule, text):
    assert rule not in rules(policy, text)


def test_a_suggestion_phrased_as_why_not_is_no_accusation(policy):
    assert "humble.blame" not in rules(policy, "Why don't you try the web version instead?")
    assert "humble.blame" not in rules(policy, "Why didn't you get the reminder? I'll resend it.")


# ------------------------------------------------ careless cause (round 3)

CARELESS_CAUSE = [
    "The assembly guide was clearly not followed, which is why the drawer sticks.",
    "The unit has obviously been dropped, which is what cracked the case.",
    "The filter wasn't cleaned for months, so the motor burned out.",
    "The thermostat was tampered with after fitting, which would explain the readings.",
    "The appointment was missed because your receptionist wasn't paying attention.",
    "If the manual had been followed, the shelf would not have collapsed.",
    "The tenant's failure to report the leak let the damp spread.",
    "The scratch was caused by rough handling of the trolley by the guest.",
]

CARELESS_CAUSE_NEAR = [
    "The guide wasn't followed by our engineer, which is why the pump trips; we're on it.",
    "The unit may have been dropped in transit, which could explain the crack.",
    "If the parcel was dropped in transit, the screen may have cracked; could you send a photo?",
    "The meter was replaced on 3 March, which is why the reading dropped.",
    "The order wasn't collected by our driver, so we've rebooked it for Monday.",
    "The reminder wasn't sent because our system had a fault, and I'm sorry.",
]


@pytest.mark.parametrize("text", CARELESS_CAUSE)
def test_careless_cause_blame(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", CARELESS_CAUSE_NEAR)
def test_careless_cause_near_misses(policy, text):
    assert "humble.blame" not in rules(policy, text)


# ------------------------------------------- prejudge: a track record as proof

TRACK_RECORD_PROOF = [
    "Our presses are calibrated daily, so the colour shift must be your monitor.",
    "With 40 years in the trade, I can tell you the van wasn't the problem.",
    "We're rated 4.9 stars, so I very much doubt the lesson was cut short on our side.",
    "Our servers have 99.98% uptime, so the outage must be on your side.",
    "We've shipped a million of these without a single fault, so it won't be down to us.",
    "Our machines are inspected every week, therefore the stain cannot have come from our laundry.",
    "We have been in business since 1998, and I can tell you our fitters did not damage the door.",
    "This is not a fault with the treadmill; our equipment is serviced every month.",
    "Given our ten-year track record, the error is almost certainly on your side.",
    "Delays at this time of year are always down to port congestion, never to us.",
    "The SMS gateway is up, so the codes not arriving isn't something we could have caused.",
]

TRACK_RECORD_NEAR = [
    "Our presses are calibrated daily, but colour can still shift, so I'm reprinting your order.",
    "We're rated 4.9 stars, but we got this one wrong; I'm sorry, and a refund is on its way.",
    "Our servers have 99.98% uptime, but that doesn't rule out our side, so I'm checking the logs.",
    "With 20 years in the trade, I still got this one wrong: the van was the problem.",
    "Your router wasn't the problem; our line card failed, and it's replaced now.",
    "Our couriers deliver thousands of parcels a week, and we've opened a trace for yours.",
    "The fault wasn't our courier's doing or yours: the depot flooded, and we're re-sending today.",
    "It isn't your fault, and it wasn't our courier's either: the storm closed the depot.",
    "Our equipment is serviced every month, and the log for 3 March shows a worn belt, so I've "
    "booked a replacement.",
]


@pytest.mark.parametrize("text", TRACK_RECORD_PROOF)
def test_track_record_as_proof_is_prejudge(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", TRACK_RECORD_NEAR)
def test_track_record_near_misses(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


def test_not_a_bug_with_the_cause_shown(policy):
    shown = (
        'This isn\'t a bug: the recall list hides patients without an email address when "Contact '
        'filter" is ticked under Recalls > Options, as it is on your account; untick it to see '
        "everyone."
    )
    assert rules(policy, shown) == set()
    assert "humble.prejudge" in rules(policy, "This isn't a bug.")
    assert "humble.prejudge" in rules(policy, "This is not a bug: switch the setting off.")


def test_next_sentence_openness_must_speak_of_us_or_a_possibility(policy):
    claim = "Our meters are calibrated, so the increase will be the result of usage in the flat. "
    assert "humble.prejudge" in rules(policy, claim + "That said, the tenant can ask for a test.")
    assert "humble.prejudge" not in rules(policy, claim + "That said, we'll test the meter.")
    assert "humble.prejudge" not in rules(policy, claim + "However, it could still be the meter.")


# ------------------------------------------------ precision: verdicts with evidence, limits


def test_not_a_bug_in_a_named_part_with_cause_and_fix_in_the_next_sentence(policy):
    text = (
        "Hi Lena, this isn't a bug in the scheduler: the job ran at 01:00 UTC, which is 02:00 "
        "in Berlin, and that's what the log shows (run 88412). To get it at 01:00 local time, "
        "set the job's time zone to Europe/Berlin under Schedules > Edit > Time zone."
    )
    assert "humble.prejudge" not in rules(policy, text)


def test_not_a_bug_in_a_named_part_without_evidence_still_holds(policy):
    assert "humble.prejudge" in rules(policy, "This isn't a bug in the scheduler: it works.")
    assert "humble.prejudge" in rules(policy, "This is not a bug in the app.")


def test_a_limit_of_what_we_can_do_is_no_verdict(policy):
    text = "That's not something we can do on the Basic plan. I can give you a trial today."
    assert "humble.prejudge" not in rules(policy, text)
    assert "humble.prejudge" in rules(policy, "That's not something we caused.")


# ------------------------------------------------ other voices, same meanings


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        # a customer-side act given as the cause, in chat and dialect ("coz u", "y'all",
        # "'cause"), and "that's how/why" after the act
        ("humble.blame", "the screen cracked coz u dropped it on the tiles, that's why"),
        ("humble.blame", "Y'all parked the trailer on soft ground, that's how the axle got bent."),
        ("humble.blame", "The van dented the gate 'cause you gave us the wrong access code."),
        ("humble.blame", "The tent collapsed because your kids kept swinging on the poles."),
        ("humble.blame", "That chip in the worktop is on you, it was fine at handover."),
        (
            "humble.blame",
            "With your builders propping the door open all week, that's clearly how the seals "
            "got damaged.",
        ),
        # a kind of fault or a suspect ruled out before anyone looked
        ("humble.prejudge", "Ain't nothing wrong with our trailers."),
        ("humble.prejudge", "It can't be the router, it's been tested on every firmware release."),
        ("humble.prejudge", "Streaks like these never come from the printer."),
        ("humble.prejudge", "A duplicate booking is simply not something our calendar does."),
        ("humble.prejudge", "The leak definitely wasn't anything to do with our plumbing."),
        ("humble.prejudge", "The van runs fine at the depot on our end, so it's not the engine."),
        ("humble.prejudge", "The sofa damage wouldn't have happened while we had it."),
        ("humble.prejudge", "the app no problem one, must be your phone"),
        ("humble.prejudge", "The boiler isn't the problem, it's been rock solid all winter."),
    ],
)
def test_causes_told_in_chat_and_dialect_are_found(policy, rule, text):
    assert rule in rules(policy, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        # one possible cause among others, with ours kept open in the reply
        (
            "humble.blame",
            "That could mean someone at home switched the pump off. It could just as well be a "
            "fault on our side, so I'm not assuming anything.",
        ),
        ("humble.blame", "Your crew kept the hatch open, so we came out and dried it for free."),
        ("humble.blame", "We sent the wrong size because our picker read an old order."),
        ("humble.blame", "The cost of the repair is on us."),
        ("humble.blame", "Your guests arrived early, and that's definitely what we love to see."),
        (
            "humble.blame",
            "With our crew carrying boxes while your family watched, that's almost certainly "
            "where the boxes went astray.",
        ),
        ("humble.prejudge", "There isn't nothing wrong that we can see yet, so we'll test it."),
        ("humble.prejudge", "It may have cracked while we had it; I'm asking the crew."),
    ],
)
def test_one_possible_cause_among_others_is_not_flagged(policy, rule, text):
    assert rule not in rules(policy, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("humble.blame", "You'll have gotten the charger wet at the campsite."),
        ("humble.prejudge", "The speaker is fine, so it's gotta be your laptop."),
        ("humble.prejudge", "It'll all come down to the aerial on your roof."),
        # a denial that moves the cause to someone else's side still clears us
        ("humble.prejudge", "It's not the booking app, it's your phone's settings."),
    ],
)
def test_blame_and_prejudge_in_casual_tenses_are_found(policy, rule, text):
    assert rule in rules(policy, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        # a visit, not a cause: "come down to the"
        (
            "humble.prejudge",
            "The leak might be the valve we fitted, so Priya will come down to the site at 9 to "
            "look.",
        ),
        # the denial names our own side as the cause instead
        (
            "humble.prejudge",
            "It isn't the app, it's our payment server: a certificate "
            "lapsed and the fault is ours.",
        ),
        ("humble.prejudge", "It's not the card reader, it was our network that dropped at noon."),
        ("humble.blame", "You must have gotten my reply by now; here it is again just in case."),
    ],
)
def test_visits_and_reminders_are_not_causes(policy, rule, text):
    assert rule not in rules(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        # their thing named as where something went, nobody's act
        "The payment went to your old card rather than the new one, which is why the balance "
        "didn't update.",
        # a standing relationship with us is no cause of a failure
        "Because you already bank with us, the transfer fee drops to zero.",
        "As you have a policy with us, the excess drops to 50 pounds.",
    ],
)
def test_their_thing_or_membership_as_reason_is_no_blame(policy, text):
    assert "humble.blame" not in rules(policy, text)


def test_their_act_with_which_is_why_still_blames(policy):
    text = "Your installer skipped the sealant, which is why the shower didn't hold."
    assert "humble.blame" in rules(policy, text)


def test_crushed_by_their_packing_is_blame(policy):
    text = "The crate got smashed because your loading crew stacked it sideways."
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "The parcel was squashed because our driver stacked it under the crates, and that's on us.",
        "Your lid arrived squashed, so I've sent a new one today.",
    ],
)
def test_crushed_on_our_watch_is_no_blame(policy, text):
    assert "humble.blame" not in rules(policy, text)


PREJUDGE_DOUBTS_AND_RULED_OUT_PARTS = [
    'Sounds like a power supply thing at your end, definately not the dryer we repaired.',
    "It's certainly not the part we fitted.",
    'Definitely not the boiler our engineer serviced last week.',
    "Whatever it is, it's surely not the pump we installed.",
    "All our parts are genuine and tested, so this won't be a parts issue.",
    "This won't be a warranty fault, the problem will be somewhere in the building's plumbing.",
    "It can't be a software problem, the update was tested.",
    "That wouldn't be a manufacturing defect.",
    "We've had no other complaints about this model, so the fault won't be with your unit.",
    "The problem can't be with the machine itself.",
    "The fault won't be in our software.",
    "I very much doubt it's anything we did, these ovens don't just stop heating after a service.",
    "I doubt it's something our team caused.",
    'We doubt it was anything on our side.',
    "I've passed this to our team, though to be honest the aircon on that model has never "
    "had a single issue, so I doubt it's the car.",
    'Confirm not our system problem, other customers can book no issue one.',
    "That's not our software issue.",
    'This is not our server problem.',
    "Di car was in good condition when it leave we yard, so dat breakdown nuh have nutten "
    "fi do wid we.",
    'The leak has nothing to do with us.',
    "That noise doesn't have anything to do with our repair.",
    "We take every complaint seriously; that said, the toll charge is definitely correct "
    "and not something we got wrong.",
    'The invoice is not something we got wrong.',
    "The charge isn't anything our team did wrong.",
]
PREJUDGE_DOUBTS_AND_RULED_OUT_PARTS_NEAR = [
    "If it's not the dryer we repaired, we'll check the wiring as well.",
    "We can't say yet whether it's the dryer we repaired, so we'll test both.",
    "Don't worry, that won't be a problem.",
    "It won't be an issue to swap the part on Tuesday.",
    "The fault won't be with you for long: the engineer arrives at 9.",
    "I doubt it's anything serious, but we'll check the car at 10 to be sure.",
    "If this is our system problem, we'll refund you in full.",
    "The delay had nothing to do with you, and I'm sorry we kept you waiting.",
    "If it's something we got wrong, we'll refund it today.",
]


@pytest.mark.parametrize("text", PREJUDGE_DOUBTS_AND_RULED_OUT_PARTS)
def test_prejudge_doubts_and_ruled_out_parts_rules(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", PREJUDGE_DOUBTS_AND_RULED_OUT_PARTS_NEAR)
def test_prejudge_doubts_and_ruled_out_parts_near_misses_pass(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


BLAME_OWN_FAULT_AND_BECAUSE_YOU = [
    "Honestly the dryer's munted because you've been drying shoes in it.",
    'The motor burnt out because you overloaded it.',
    "It's broken because you've been using it outdoors.",
    'The screen cracked because you dropped it.',
    'A yuh own fault di car get lock wid di key inside.',
    "It's ur own fault.",
    "That's your own fault.",
]
BLAME_OWN_FAULT_AND_BECAUSE_YOU_NEAR = [
    "It stopped because you've been using the eco setting, which pauses it; here's how to "
    "switch it off.",
    "It's broken because of a faulty part we fitted.",
    "It's not your fault at all.",
    "Please don't worry about this, we'll sort it.",
    "You shouldn't be charged for this, so I've refunded the fee.",
    "You shouldn't have to wait that long; I've booked the engineer for 9.",
    # the failure is one we found or fixed thanks to them: their help, not a cause
    "Because you went and checked the meter for us, we caught the fault early, thank you.",
    "Since you sent the photos, our engineer spotted the crack straight away.",
    "As you kept the old router, we were able to trace the fault to the firmware.",
    # their report is why we improved; a usual cause in general
    "From today our packers use tubes for all wick orders - your complaint is the reason "
    "that's changed, so thank you.",
    "Cracking across the top usually comes from pouring too cool or cooling too fast; try "
    "70°C.",
]


@pytest.mark.parametrize("text", BLAME_OWN_FAULT_AND_BECAUSE_YOU)
def test_blame_own_fault_and_because_you_rules(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", BLAME_OWN_FAULT_AND_BECAUSE_YOU_NEAR)
def test_blame_own_fault_and_because_you_near_misses_pass(policy, text):
    assert "humble.blame" not in rules(policy, text)


PREJUDGE_SCOTS_INFALLIBLE_AND_RULED_OUT = [
    # Scots negation read as standard English
    "There's nothing wrong wi' our checkout, it's been running perfectly all week.",
    "It cannae be our side, the driver scanned everything into the van.",
    "However the frozen stuff ended up soft, it wasnae us, our vans are all refrigerated.",
    # our side cannot slip
    "Our store never mislabels produce, so those can't be the wrong apples.",
    "Our scales never misweigh anything.",
    "The warehouse never mispicks orders, so it must have been swapped after delivery.",
    "Our pricing system doesn't overcharge anyone.",
    # the kind of error denied, or our side ruled out before looking
    "This isn't a billing error; our system calculates every charge automatically.",
    "That's not a pricing mistake, the price was right on the day.",
    "Roaming charges like these are never our mistake, bab, the partner network sets them.",
    "Late deliveries in a storm are never our doing.",
    "We can rule our side out straight away, our eSIM server hasn't had an issue this month.",
    "I can safely rule out our network here.",
    "We can rule ourselves out, the meter readings came from your supplier.",
]
PREJUDGE_SCOTS_INFALLIBLE_AND_RULED_OUT_NEAR = [
    "Our pickers don't usually mislabel bags, but it does happen, so I'm checking the batch.",
    "We'll make sure the team doesn't mislabel your order again.",
    "If our store mislabels produce, we refund it in full.",
    "We can't rule our side out yet, so I'm checking the server logs.",
    "Once the logs are back we can rule our side out or fix it.",
    "If it was a billing error, we'll refund the difference today.",
    "I'm not yet sure whether it was a billing error, so I'm checking both sides.",
    "I dinnae ken yet what happened, so I'm checking our vans and the depot.",
]


@pytest.mark.parametrize("text", PREJUDGE_SCOTS_INFALLIBLE_AND_RULED_OUT)
def test_prejudge_scots_infallible_and_ruled_out_rules(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", PREJUDGE_SCOTS_INFALLIBLE_AND_RULED_OUT_NEAR)
def test_prejudge_scots_infallible_and_ruled_out_near_misses_pass(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


BLAME_NEGLIGENCE_LABELS = [
    "The excess data charges are due to your negligence only, as you did not switch off roaming.",
    "This happened through your own carelessness.",
    "The bill is down to your negligence.",
    "It's the result of your misuse of the charger.",
]
BLAME_NEGLIGENCE_LABELS_NEAR = [
    "This isn't down to any carelessness of yours, it's a fault in our meter.",
    "Please don't worry: this isn't your negligence, it's a fault in our meter.",
    "Your negligence claim has been passed to our insurer, who will reply by Friday.",
]


@pytest.mark.parametrize("text", BLAME_NEGLIGENCE_LABELS)
def test_blame_negligence_labels_rules(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", BLAME_NEGLIGENCE_LABELS_NEAR)
def test_blame_negligence_labels_near_misses_pass(policy, text):
    assert "humble.blame" not in rules(policy, text)


# A lesson marker ("from now on", "going forward") before a clause that says how our
# service will work is no lesson drawn from their fault.
LESSON_OVER_A_FAULT = [
    "For future reference, the postcode was entered incorrectly on your order.",
    "Going forward, you used the old form instead of the new one, which is why it bounced.",
    "For next time, your team booked the room instead of the hall.",
]
LESSON_MARKER_BEFORE_A_NEW_ARRANGEMENT = [
    "from now on any top-up placed before 12:00 joins your next standing order drop instead of "
    "going as its own order, with no fee.",
    "Going forward, orders placed after 5pm will ship the next day instead of the same day.",
    "From now on, refunds go back to your card instead of store credit.",
    "In future, deliveries will skip your street on Mondays.",
]


@pytest.mark.parametrize("text", LESSON_OVER_A_FAULT)
def test_blame_lesson_over_a_fault_rules(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", LESSON_MARKER_BEFORE_A_NEW_ARRANGEMENT)
def test_blame_lesson_marker_before_how_service_works_passes(policy, text):
    assert "humble.blame" not in rules(policy, text)


# What they received or what was done to them is no act of theirs; a thing of
# theirs not yet found is news.
BLAME_NOT_THEIR_ACT = [
    "The tutor's been charged the late-cancel fee and you've got a full credit back, so there's "
    "nowt you need to do.",
    "Great catch on the duplicate booking — I've cancelled the second one so you're only charged "
    "once.",
    "Your parcel hasn't turned up in the mailroom so far, but I'm not ruling us out; I'm checking "
    "the signing log for 7-9 April now.",
    "You didn't cancel anything, the booking is still live.",
    "If the guest was at fault, the deposit covers it.",
    "Your team clearly put a lot of work into the bid, so we've shortlisted it.",
    "You obviously put so much care into the application.",
]
BLAME_THEIR_ACT_STILL = [
    "The lesson was cancelled because you booked it twice.",
    "The delivery failed because your driver didn't turn up.",
    "The order was cancelled because you got the postcode wrong.",
]


@pytest.mark.parametrize("text", BLAME_NOT_THEIR_ACT)
def test_blame_not_their_act_passes(policy, text):
    assert "humble.blame" not in rules(policy, text)


@pytest.mark.parametrize("text", BLAME_THEIR_ACT_STILL)
def test_blame_their_act_as_cause_still_rules(policy, text):
    assert "humble.blame" in rules(policy, text)


# "Your team clearly ...": a person of theirs, certainty, and their act as the
# reason for a failure or charge; a named person by title; "at fault".
BLAME_CERTAIN_ACTS = [
    "Your team clearly left the meeting room in that state, so the cleaning fee stands.",
    "Your staff obviously left the kitchen like that, so the deep-clean charge applies.",
    "You clearly left the van in that condition, which is why the deposit was kept.",
    "Your crew evidently dumped the pallets by the door, so the fire exit was blocked.",
    "Your building's front desk clearly doesn't know how to take a delivery, which is why the "
    "bags went missing.",
    "Your team clearly didn't share the login details with the students, which is why nobody "
    "showed up.",
    "Your manager didn't forward the invite to the class, so nobody came.",
    "Your tutor clearly didn't bother setting up her camera properly before the lesson.",
    "Your son never bothered reading the safety sheet.",
    "Honestly the guest was at fault for walking straight past reception without signing in.",
    "The contractor was at fault for leaving the gate open.",
    "Mr. Okon caused this mix-up by not accepting the booking in time.",
    "Mrs. Patel caused the delay by sending the forms late.",
    "Dr Lee ignored the referral letter, so the scan was cancelled.",
]
BLAME_CERTAIN_ACTS_NEAR = [
    "You clearly know the product well, so I'll skip the basics.",
    "Your team clearly worked hard on the event, so the evening went smoothly.",
    "Your son obviously loved the course, so we've saved him a place next term.",
    "Nobody was at fault, the lock simply failed.",
    "We were at fault for the late delivery.",
    "Our Mr. Okon caused this mix-up, and I'm sorry.",
    "Ms. Green has accepted the booking, so you're all set.",
    "The venue hasn't shared the seating plan with us yet.",
    "You clearly didn't break anything, the hinge was already loose.",
]


@pytest.mark.parametrize("text", BLAME_CERTAIN_ACTS)
def test_blame_certain_acts_rules(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", BLAME_CERTAIN_ACTS_NEAR)
def test_blame_certain_acts_near_misses_pass(policy, text):
    assert "humble.blame" not in rules(policy, text)


# Prejudging: "not down to us" in any number, Scots "no the issue", and a verdict
# said to need no look at all; a denial that clears the reader or names our bug is none.
PREJUDGE_WIDER = [
    "The missing credits aren't down to us — the wallet's been rock solid since launch.",
    "The late fees aren't down to us.",
    "Aye, the heating's definitely no the issue, it's been checked already.",
    "Aye, the boiler's definitely no the problem.",
    "The lesson timer isn't broken, I can tell you that much without even looking.",
    "Our app isn't the problem, no need to even look.",
]
PREJUDGE_WIDER_NEAR = [
    "This isn't a bug you caused — it's a known issue in our iPad app, and the fix ships in "
    "version 4.2 on Thursday.",
    "It's not an error you made — it's a known glitch in our booking system; we're fixing it this "
    "week.",
    "This wasn't something your team caused; it's a bug in our export, fixed in 3.1.",
    "That isn't a fault on your side — it's a known issue with our router firmware.",
    "I can't tell you that without looking at the logs first.",
    "If you want, I can tell you without looking which plan you're on.",
]


@pytest.mark.parametrize("text", PREJUDGE_WIDER)
def test_prejudge_wider_rules(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", PREJUDGE_WIDER_NEAR)
def test_prejudge_wider_near_misses_pass(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


# A guess stated as a verdict on their thing, a refusal on their side; "whoever
# did it, ..." is a concessive (no matter who), not an agent.
BLAME_GUESSES_AND_REFUSALS = [
    "Your phone's settings must be wrong, that is why you are not receiving our SMS updates.",
    "Your router must be faulty, which is why the line keeps dropping.",
    "Your phone must be broken.",
    "The delay happened because your guard at the gate would not let our rider in, Ma'am.",
    "The delivery failed because your concierge wouldn't accept the parcel.",
    "Your reception refused to sign for the parcel, so it came back.",
    "The sensor fell because whoever mounted it used the wrong screws.",
]
BLAME_GUESSES_AND_REFUSALS_NEAR = [
    "Your settings must be wrong if the code never arrives, so let's check them together.",
    "Your card will be charged on Friday.",
    "We couldn't deliver because our driver wouldn't let the parcel out of sight.",
    "If your building won't let our rider in, we can leave it at the shop.",
    "The battery fitted at the roadside was the wrong size; whoever fitted it, you shouldn't be "
    "out of pocket, so we'll replace it and bill the workshop ourselves.",
    "Whoever booked it, the double charge is ours to fix, and I've refunded it.",
]


@pytest.mark.parametrize("text", BLAME_GUESSES_AND_REFUSALS)
def test_blame_guesses_and_refusals_rules(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", BLAME_GUESSES_AND_REFUSALS_NEAR)
def test_blame_guesses_and_refusals_near_misses_pass(policy, text):
    assert "humble.blame" not in rules(policy, text)


# "don't put this on us" pushes the fault away: it owns nothing.
BLAME_WITH_FAULT_PUSHED_AWAY = [
    "It was your own mechanic that fitted the wrong battery, so please don't put this on us.",
    "Your installer wired it backwards, so don't pin this on us.",
]
BLAME_OWNED_ON_US = [
    "Your installer wired it backwards, but that one's on us: we should have checked it at "
    "handover.",
    "The delay is on us, and I've refunded the fee.",
]


@pytest.mark.parametrize("text", BLAME_WITH_FAULT_PUSHED_AWAY)
def test_blame_with_fault_pushed_away_rules(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", BLAME_OWNED_ON_US)
def test_blame_owned_on_us_passes(policy, text):
    assert "humble.blame" not in rules(policy, text)


# Only a person refuses: a thing of theirs that won't or wouldn't open is no blame.
@pytest.mark.parametrize("text", [
    "Your fob will NOT open the main door after 8pm on the Flex plan, but the Resident plan "
    "covers 24/7 access and I can switch you from 1 May.",
    "Your key wouldn't open the lock, so the locksmith came back.",
])
def test_blame_a_thing_that_will_not_open_passes(policy, text):
    assert "humble.blame" not in rules(policy, text)


# An act of theirs done right, followed by our own remedy, or following from our
# rule is no cause of a failure.
BLAME_ACT_NOT_A_CAUSE = [
    "You entered the address correctly, Ma'am; the rider's map pin was wrong, and we have fixed "
    "it so this won't happen again.",
    "The store packed your order, so I've phoned them myself about the missing shopping and "
    "they're sending the items out on the 4pm van.",
    "Frozen goods can only be left out for 30 minutes under our food safety rules, so the driver "
    "took them back; I've rebooked them for 8am tomorrow.",
    "Under our returns policy the box must be sealed, so your courier refused it and the parcel "
    "came back.",
]
BLAME_ACT_STILL_A_CAUSE = [
    "The order failed because you entered the card number incorrectly.",
    "The sync broke because your admin revoked our token, so we've had to reconnect it.",
    "The scan failed, so your technician clearly skipped the calibration.",
]


@pytest.mark.parametrize("text", BLAME_ACT_NOT_A_CAUSE)
def test_blame_act_not_a_cause_passes(policy, text):
    assert "humble.blame" not in rules(policy, text)


@pytest.mark.parametrize("text", BLAME_ACT_STILL_A_CAUSE)
def test_blame_act_still_a_cause_rules(policy, text):
    assert "humble.blame" in rules(policy, text)


# A thing of theirs failing by itself ("your allergy list didn't sync") names no
# one's act; "issues" with an object is the verb, no failure; a person of theirs
# who didn't act is still blamed.
THING_FAILED_BY_ITSELF = [
    "It's not something you did; the substitution happened because your allergy list didn't "
    "sync from your old pharmacy, and I've fixed that.",
    "The refund bounced because your payee list hadn't updated after the move.",
    "The order failed because your card details didn't save.",
    "Your booking didn't go through because your saved card hadn't renewed in time.",
    "The GP surgery issues the script, so I've rung them and they've promised it by 3pm.",
    "The pharmacy issues a new label each time, so I rang them and they've reprinted it.",
]
PERSON_DID_NOT_ACT = [
    "The claim was rejected because your employer didn't respond.",
    "The claim was rejected because your office never replied.",
    "The dose was wrong because your pharmacist didn't check the allergy list.",
    "The sync issues started because your admin revoked our token.",
]


@pytest.mark.parametrize("text", THING_FAILED_BY_ITSELF)
def test_a_thing_failing_by_itself_is_not_blame(policy, text):
    assert "humble.blame" not in rules(policy, text)


@pytest.mark.parametrize("text", PERSON_DID_NOT_ACT)
def test_a_person_of_theirs_not_acting_is_still_blame(policy, text):
    assert "humble.blame" in rules(policy, text)


# Their act given as the cause of a thing spoiled ("got warm", "went flat"), the
# exasperated "went and <act>" given as a cause, and "should've <act>": blame.
SPOILED_OR_EXASPERATED_BLAME = [
    "The insulin got warm because you left the box outside all afternoon.",
    "The parcel got wet because you left it on the doorstep.",
    "The battery went flat because you left the lights on.",
    "That co-pay is so high because your employer went and picked a cheap plan.",
    "Your premium is higher because your broker went and chose a cheap policy.",
    "It's showing as overdue because you've gone and paid the old account.",
    "Your employer went and picked a cheap plan, that's why the co-pay is high.",
    "Cher, you should've read the text message, it told you the window was 8 to noon.",
    "You could've checked the email we sent.",
    "Your team should've backed up the files first.",
]
SPOILED_OR_EXASPERATED_CLEAN = [
    "The insulin got warm in our van because the cooler failed; I've sent a new box for 9am.",
    "If the insulin got warm, please don't use it; I've ordered a new box for 9am.",
    "The co-pay is high because your employer chose a basic plan.",
    "I went and checked the depot myself because your parcel hadn't moved.",
    "We should've told you about the window sooner, sorry.",
    "You could've been charged twice, so I've checked and you weren't.",
]


@pytest.mark.parametrize("text", SPOILED_OR_EXASPERATED_BLAME)
def test_spoiled_exasperated_and_should_have_blame(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", SPOILED_OR_EXASPERATED_CLEAN)
def test_spoiled_exasperated_and_should_have_near_misses(policy, text):
    assert "humble.blame" not in rules(policy, text)


# round 66 (kh): a "while"/"whereas" clause has its own subject, so "we haven't
# seen X while the others are fine" says nothing about our side being fine
ODD_ONE_OUT_NOT_A_CLAIM = [
    "We haven't come across one panel failing while the rest are fine, so I'm booking an "
    "engineer for Monday.",
    "I've not seen a single pump stall whereas the other two are fine, so we're sending "
    "someone tomorrow at 10am.",
    "We rarely see one camera drop out while the others are working fine, so I've asked our "
    "tech to visit on Friday.",
    "Our team hasn't had a case where one printer jams while the others are fine, so a "
    "technician will come on Tuesday at 9.",
]
OUR_SIDE_STILL_CLAIMED_FINE = [
    "While we were checking, our servers were fine, so the fault is on your side.",
    "Our servers are fine, so the delay must be on your side.",
]


@pytest.mark.parametrize("text", ODD_ONE_OUT_NOT_A_CLAIM)
def test_fine_in_a_while_clause_is_not_our_side(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


@pytest.mark.parametrize("text", OUR_SIDE_STILL_CLAIMED_FINE)
def test_our_side_fine_still_prejudges(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Your heater's fault history reads IF IF AO: two ignition failures, then a flow fault.",
        "The controller's error codes show E4 twice this morning.",
    ],
)
def test_a_device_s_fault_history_or_error_codes_are_no_blame(policy, text):
    assert "humble.blame" not in rules(policy, text)


def test_an_installer_s_fault_is_still_blame(policy):
    assert "humble.blame" in rules(policy, "That was your installer's fault, not ours.")


# round 66 (kh2): a cause asserted as certain on the customer's side with no
# evidence: a guessed bad state of their device given as the reason, their
# connection named as the reason, a partner's person "clearly" keying it
# twice, their people "clearly" not doing a step properly, a partner who
# "broke" our integration, "that part is on your side"
CERTAIN_CAUSE_THEIRS = [
    # a guessed bad state of their thing, stated as fact
    "Your router has to be infected, which is why the speeds keep dropping.",
    "Your iPad must be jailbroken, that's why the banking app won't start.",
    "Your handset must be too old, that's the reason the update fails.",
    "Your SIM must be damaged, so the calls keep failing.",
    # their connection given as the reason
    "Your payment didn't go through because your signal was weak.",
    "The video call dropped since your internet is too slow.",
    "It timed out because your connection is rubbish, get a better plan.",
    "The upload failed as your Wi-Fi is unreliable.",
    # a partner's person, "clearly", an act that is itself the error
    "The shop's cashier obviously rang the sale up twice.",
    "Your bookkeeper clearly entered the invoice two times.",
    "The restaurant's waiter evidently charged your card twice.",
    "The hotel's night porter clearly gave your key to the wrong guest.",
    # their people "clearly" not doing a step properly, given as the reason
    "Your staff obviously aren't closing the tills correctly, which is why the totals don't match.",
    "Your drivers clearly aren't charging the handsets overnight, that's why they die mid-shift.",
    "Your team clearly isn't following the backup steps, which is why files go missing.",
    "Your receptionists evidently aren't saving the bookings properly, hence the gaps in "
    "the diary.",
    # a partner of theirs broke it
    "Your hosting company broke the feed when they migrated the database.",
    "Your web agency broke the checkout when they updated the theme.",
    "Your payroll bureau broke the import by changing the columns.",
    "Your internet provider broke the link during their upgrade.",
    # a part of the fault handed over
    "That bit is on your end, I'm afraid.",
    "The export failed after your admin changed the field names, so this part is on your side.",
    "That piece is on you, not us.",
    "So that side of it is on your team.",
]
CERTAIN_CAUSE_THEIRS_NEAR = [
    "Your phone may be rooted, which would explain the crashes, but our last release could "
    "also be at fault, so we're checking both.",
    "Your phone must be updated to Android 12, that's why the app asks you to upgrade.",
    "Your password must be at least 12 characters, that's why the form rejected it.",
    "If your signal is weak, the app queues the transfer and sends it when you're back online.",
    "The transfer failed because our network was congested between 9 and 10am; it has been "
    "retried.",
    "It may have failed because your signal was weak at the time, but our gateway also logged "
    "errors then, so I'm checking both sides.",
    "The merchant's terminal log shows the amount keyed in twice at 14:02, and we're checking "
    "whether our switch also duplicated it.",
    "Our agent clearly keyed in the amount twice, that's our mistake and we're reversing it.",
    "Your team clearly put a lot of care into the bid, which is why we've shortlisted it.",
    "You clearly aren't getting the support you need, which is why I've escalated it to our "
    "lead engineer.",
    "If your nurses aren't logging out, the sessions lock after 15 minutes; here's how to turn "
    "on auto-logout.",
    "The integration stopped when your IT provider moved the server on 3 March at 18:00, and "
    "we're checking whether our connector should have followed the new address.",
    "Your IT provider moved the server, so I've pointed the integration at the new address.",
    "That part is on your account page under Billing.",
    "The reset switch for that part is on your side of the unit, next to the fuse.",
]


@pytest.mark.parametrize("text", CERTAIN_CAUSE_THEIRS)
def test_certain_cause_on_their_side_is_blame(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", CERTAIN_CAUSE_THEIRS_NEAR)
def test_certain_cause_on_their_side_near_misses(policy, text):
    assert "humble.blame" not in rules(policy, text)


# round 66 (kh2): our side declared fine or ruled out before anyone looked:
# a health claim leaned on a guess about their side, a denial resting on
# nobody else complaining, ruling ours out "without looking"
OURS_CLEARED_UNCHECKED = [
    "Our emails are going out fine, your spam filter is probably catching them.",
    "The app is working fine; you've likely got an old version installed.",
    "Our payment page is fine, it's probably your browser blocking the pop-up.",
    "Our texts are fine, you must have blocked our number.",
    "Nobody else has reported it, so this isn't an outage on our end.",
    "Given that no other clients complained, it's not a network failure on our side.",
    "This isn't an outage on our side.",
    "No one else has raised this, so it is not a glitch at our end.",
    "I can rule our platform out without even checking.",
    "We can safely rule our servers out without looking at the logs.",
    "We can rule out our network without investigating, it's never failed.",
    "We can rule our side out before anyone looks, this has never happened.",
]
OURS_CLEARED_UNCHECKED_NEAR = [
    "Our SMS alerts look fine in today's delivery log, but that doesn't cover your network, so "
    "I'm tracing your last three alerts with the carrier.",
    "Our SMS alerts are working fine again after this morning's fix; you'll probably see the "
    "missed ones arrive within the hour.",
    "The app is working fine for most people, and you probably need version 4.2 for the new "
    "screen; if that doesn't fix it, I'll get our developers to look.",
    "No other customers have reported it yet, but that doesn't rule out an outage on our side, "
    "so I'm checking our logs for 09:00-10:00.",
    "There is an outage on our side in your area, so no one nearby can connect either.",
    "We can't rule our system out without looking, so I'm pulling the logs for 10:00-11:00 now.",
    "We can only rule our system out after looking at the logs, which I'm doing now.",
]


@pytest.mark.parametrize("text", OURS_CLEARED_UNCHECKED)
def test_our_side_cleared_unchecked_prejudges(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", OURS_CLEARED_UNCHECKED_NEAR)
def test_our_side_cleared_unchecked_near_misses(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Your account was locked on 8 March because your bank reversed the payment.",
        "The order failed because your bank declined the payment.",
    ],
)
def test_a_payment_event_of_their_bank_is_no_blame(policy, text):
    assert "humble.blame" not in rules(policy, text)


def test_a_bank_s_error_act_is_still_blame(policy):
    text = "The transfer failed because your bank entered the wrong account number."
    assert "humble.blame" in rules(policy, text)


# round 67 (kh67): "Thank you" names who is thanked, not who erred; a step their
# people owed ("should have reported"); incompetence declared with certainty;
# their staff "mismanaged" it; a marketplace seller "packed it badly"
BLAME_R67 = [
    "Your tenants should have reported the leak before it came through the ceiling.",
    "Your staff ought to have rung us before the pipe burst.",
    "Your caretaker should have switched off the water at the stopcock.",
    "The agent at your branch plainly doesn't know how to do a refund.",
    "Your cashier clearly doesn't know how to use the till.",
    "The float went negative because your cashier mismanaged it.",
    "The account went overdrawn because your bookkeeper mishandled the transfers.",
    "The seller clearly packed it badly; that's where the damage came from.",
    "Thank you, you misconfigured the router.",
]
NOT_BLAME_R67 = [
    "Thank you for flagging the wrong price; I've corrected it and refunded the difference.",
    "Thank you for pointing out the incorrect meter reading; I've rebilled it.",
    "Thank-you for telling us about the wrong delivery slot; I've moved it to Friday 9-11am.",
    "We should have reported the leak to you sooner.",
    "Your tenants should have received our letter on Monday; if not, I'll resend it today.",
    "I don't know how to do a reversal myself, so I've asked our payments team.",
    "The seller will refund you within 3 days.",
]
# the cause placed elsewhere with certainty ("definitely on the bank's side, not ours");
# our side "perfect"; our "never" with the harm put after it left us or handed to someone
# else; a record across installs as proof ("rock solid on every other job, so it's not
# the pump")
PREJUDGE_R67 = [
    "The delay is definitely on the bank's side, not ours.",
    "The problem is clearly with the courier, not us.",
    "Speeds on our side are perfect, so it's definitely your Wi-Fi.",
    "Our line readings are spot-on, so the drop has to be inside your house.",
    "Our warehouse never ships damaged items, so this happened after delivery.",
    "Our couriers never lose parcels, so it went missing after it was signed for.",
    "Refunds never fail from our end, so please check with your wallet provider.",
    "Payments never bounce on our side, so please take it up with your bank.",
    "The pump we put in has been rock solid on every other job, so it's not a fault with the "
    "pump itself.",
    "The boiler model we fit has been trouble-free in every other house on the estate, so it "
    "isn't a fault with the boiler.",
]
NOT_PREJUDGE_R67 = [
    "The delay is definitely on the bank's side, not ours, but I'm checking our payout log for "
    "10:00-11:00 too.",
    "The timing is perfect for the upgrade, so I've booked it for Tuesday.",
    "Speeds on our side look perfect today, but that's only half the path, so I'll test your "
    "router at 3pm.",
    "Our warehouse never ships damaged items knowingly, so I've asked them for the packing "
    "photos of your order.",
    "Refunds rarely fail, so please check with your bank first and I'll chase ours at 3pm too.",
    "The pump has been rock solid on every other job, but that doesn't rule it out, so I'm "
    "bringing a spare on Friday at 8am.",
]


@pytest.mark.parametrize("text", BLAME_R67)
def test_owed_step_incompetence_and_mishandling_blame(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_BLAME_R67)
def test_thanks_our_own_duty_and_plain_news_are_not_blame(policy, text):
    assert "humble.blame" not in rules(policy, text)


@pytest.mark.parametrize("text", PREJUDGE_R67)
def test_certain_elsewhere_perfect_never_and_record_prejudge(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_PREJUDGE_R67)
def test_open_or_unrelated_claims_are_not_prejudge(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


def test_a_maxim_with_generic_you_is_no_blame(policy):
    text = ("A report that does not arrive is almost as bad as a failed backup, because you "
            "cannot trust what you don't see.")
    assert "humble.blame" not in rules(policy, text)
    assert "humble.blame" in rules(policy, "The backup failed because you didn't renew the key.")


# Round 69 (false holds): a "so" clause with an act in progress is what follows,
# not the cause; a passive progressive is done for them; "will never X again" is
# a promise; a general way the fault can arise keeps a health claim open.
NOT_BLAME_R69 = [
    "Nobody else on your street has reported it, which suggests a fault on your connection, "
    "so an engineer is being dispatched this afternoon.",
    "We don't know yet if the leak is from the roof or the pipes, so the plumber is checking "
    "both tomorrow.",
    "It could be the router or it could be our line, so the tech is coming round Thursday to "
    "look at both.",
    "The alarm fault may be in the panel or the sensor, so the installers are being sent out "
    "first thing tomorrow.",
    "The loan is cleared, so the car is yours and you'll never pay another instalment.",
    "Now that it's registered to you, the meter is yours and will never switch off for "
    "billing again.",
]
STILL_BLAME_R69 = [
    "The heating failed because your plumber was adjusting the valve without isolating it.",
    "The gate stopped working because your tenants were being careless with it.",
    "The pump keeps tripping because your electrician is overloading the circuit.",
    "Your staff never lock the cabinet, which is why the files went missing.",
    "You should never have unplugged it during the update, which is why it won't boot.",
]
NOT_PREJUDGE_R69 = [
    "Our payment gateway is online, though a timed-out session can still stop the checkout, "
    "so I've reset it for you.",
    "The mail servers are running fine, but one bad filter rule can hold up delivery, so I've "
    "removed it on our relay.",
    "Our booking system is working, however a duplicate hold can sometimes block a seat, so "
    "I've released the one on your booking.",
]
STILL_PREJUDGE_R69 = [
    "The print servers are up, so it's your document.",
]


@pytest.mark.parametrize("text", NOT_BLAME_R69)
def test_consequence_in_progress_and_promises_are_not_blame(policy, text):
    assert "humble.blame" not in rules(policy, text)


@pytest.mark.parametrize("text", STILL_BLAME_R69)
def test_causes_in_progress_and_habits_still_blame(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_PREJUDGE_R69)
def test_general_way_the_fault_can_arise_keeps_it_open(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


@pytest.mark.parametrize("text", STILL_PREJUDGE_R69)
def test_health_claim_then_their_side_still_prejudges(policy, text):
    assert "humble.prejudge" in rules(policy, text)


# Round 69 (misses): each meaning in other words, with near-misses that must pass.
BLAME_MISSES_R69 = [
    "The lecturer broke the quiz links when she reset the module.",
    "Your professor messed up the gradebook when he imported the marks.",
    "Your son probably downloaded a dodgy app, which is why the phone keeps crashing.",
    "Your flatmate most likely unplugged the router while you were out.",
    "Your kids presumably deleted the profile when they were playing on it.",
    "Tenants who never read the notices have nobody but themselves to blame.",
    "You have only yourself to blame for the late fee.",
    "Customers that never update the app have only themselves to blame.",
    "You're the one who keeps propping the fire door open.",
    "It's your cleaner who keeps unplugging the router.",
    "Your tenants are overloading the circuit with those heaters.",
]
NOT_BLAME_MISSES_R69 = [
    "Your roommate probably hasn't seen the email yet, so I've resent it to you both.",
    "You don't have only yourself to blame; the reminder never went out.",
    "We haven't reproduced it yet, but that doesn't mean it's on your end.",
    "Your neighbour is the one who reported the leak, so I've added her to the job.",
    "The professor is the one who can extend the deadline, so I've copied him in.",
]
PREJUDGE_MISSES_R69 = [
    "Our Wi-Fi is up and running, so it's probably just your laptop.",
    "The mail server is healthy, which means it's only your inbox rule.",
    "The network's running perfectly, it's definitely a problem with your router.",
    "We've never had a single complaint about this unit, so it isn't the thermostat.",
    "The booking can't have been lost on our system, everything synced fine.",
    "Confirm not our app problem, must be your phone already.",
    "It's not, must be your wifi.",
]
NOT_PREJUDGE_MISSES_R69 = [
    "So it's probably just your browser cache; could you try clearing it, and if that doesn't "
    "help I'll check our side too?",
    "It's definitely something in your settings, but I'm checking our logs too in case it's ours.",
    "The payment could have failed on our side, so I'm checking the gateway logs.",
    "It won't be your internet connection, the outage is on our side.",
    "The name on the account must be your legal name.",
]


@pytest.mark.parametrize("text", BLAME_MISSES_R69)
def test_their_people_hedged_acts_and_self_blame_are_blame(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_BLAME_MISSES_R69)
def test_cleared_or_helpful_people_are_not_blamed(policy, text):
    assert "humble.blame" not in rules(policy, text)


@pytest.mark.parametrize("text", PREJUDGE_MISSES_R69)
def test_cause_put_on_them_with_certainty_is_prejudge(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_PREJUDGE_MISSES_R69)
def test_open_or_owned_causes_are_not_prejudge(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Sorry for the muddle - you definitely won't pay twice.",
        "The payout timing is set by your card processor, so the money sits with them, not with "
        "us; I've emailed them and will update you by 2pm Thursday.",
    ],
)
def test_a_reassurance_or_who_holds_the_money_is_no_blame_or_prejudgement(policy, text):
    assert not {"humble.blame", "humble.prejudge"} & set(rules(policy, text))


def test_a_fault_placed_with_them_not_us_is_still_held(policy):
    assert {"humble.blame", "humble.prejudge"} & set(
        rules(policy, "The fault sits with them, not with us.")
    )


@pytest.mark.parametrize(
    "text",
    [
        "Your engineer will probably have installed the update already, so you can skip step 2.",
        "Someone on your end will have changed the password, so you don't need to reset it.",
    ],
)
def test_a_guess_that_spares_them_a_step_is_no_blame(policy, text):
    assert "humble.blame" not in rules(policy, text)


def test_a_guess_of_a_wrong_act_is_still_blame(policy):
    text = "Your engineer will have installed the wrong update, so the unit crashes."
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "The seller packed it in a padded box, so the damage is more likely in transit.",
        "The courier packed it carefully, so the damage probably happened in the warehouse.",
    ],
)
def test_an_act_done_with_care_is_no_cause(policy, text):
    assert "humble.blame" not in rules(policy, text)


def test_an_act_done_carelessly_is_still_blame(policy):
    assert "humble.blame" in rules(policy, "Your installer fitted it carelessly, so it leaked.")


# Round 71: a symptom ruled out of our equipment, our product by its generic name,
# our sourcing as proof, our own error denied outright, a health claim with the
# verdict in the next sentence; blame on their chosen partner (late, "on them"),
# and a team named by two party words.  Near-misses: possibility, openness, our
# own fault, a cost, their setup asked for to reproduce the fault.
PREJUDGE_R71 = [
    "The crown we sent was spot on, so the problem must be your prep.",
    "The firmware we installed is fine, so it must be your router.",
    # the product itself ruled out by a certain guess
    "That crackle won't be coming from the keyboards themselves.",
    "The rattle can't be the pump itself, so check your pipework.",
    "That smell won't be coming from the filters themselves.",
    "The hum couldn't possibly be the amplifier itself.",
    # a symptom ruled out of our equipment
    "The banding can't be from our printer; it was serviced on Monday.",
    "The rattle isn't from our compressor, it's brand new.",
    "The smell cannot be from our kitchen; we deep-cleaned it yesterday.",
    "The streaks definitely aren't from our ink, it's the same batch as always.",
    # our product by its generic name
    "The boiler we fitted is brand new, so whatever is causing the banging, it isn't the unit.",
    "Whatever that rattle is, it won't be the unit; we only serviced it in March.",
    "The problem isn't the appliance, the dishwasher we installed is top of the range.",
    "The air conditioner we supplied is top of the line, so it can't be the unit.",
    # our sourcing offered as proof
    "The flour definitely isn't the problem; it comes from our regular mill.",
    "The coffee beans are certainly not the cause, we buy them from our usual roaster.",
    "The paint isn't the culprit; it was supplied by our approved manufacturer.",
    "The bulbs are definitely not the issue - they're from our trusted grower.",
    # our own error denied outright
    "I can say with certainty that no mistake was made by our pharmacists when filling the "
    "prescription.",
    "Let me be clear: not a single error has been made by our team on your account.",
    "No mistakes were made on our part in processing the refund.",
    "Our clerks made no error when they entered the booking.",
    # a health claim, then the cause put on their side in the next sentence
    "Our network is fine. Problem's at your end.",
    "The app is stable. The fault is on your side.",
    "Our payment gateway is up. The issue is with your card.",
    "Our systems are healthy. It's on your end.",
    # our result offered as a verdict, nothing asked to reproduce it
    "It works on our end, so the problem is your phone.",
    "It works on our test phones. Please reinstall the app.",
]
NOT_PREJUDGE_R71 = [
    # what we were sent, praised: theirs, not our side cleared
    "The bite registration we got was spot on, and it matches the opposing model perfectly.",
    "The impressions we received were perfect, so the misfit is on our side; we're remaking it.",
    "The photos we were sent are crystal clear, thank you; the crack is on the left hinge.",
    # the fault found in one part, not put on their side
    "I checked the monitor: the system itself is running fine; only the monitoring link has "
    "dropped.",
    "The hub itself is healthy, but only the cloud relay has failed since 08:10; we're on it.",
    "I tested it and the pump is working fine; just the float switch is faulty, so I'm sending "
    "one.",
    "It isn't the pump itself: the trace shows the valve stuck at 10:02, so I'm replacing it.",
    "The fault won't be fixed by the update itself, so I'm sending an engineer on Monday.",
    "The colour shift could be from our press, so a technician is checking it on Tuesday at 10.",
    "I can't yet say whether the banding is from our printer, so I've asked for Monday's print "
    "logs.",
    "It might not be the unit, so the engineer will check both the pipework and the unit on "
    "Friday.",
    "The unit is top of the range, but that doesn't rule it out, so we're sending an engineer on "
    "Monday.",
    "The leak isn't from the unit above you; it's coming from our pipe, so we'll fix it Monday.",
    "It isn't the unit price that changed; it's the delivery charge.",
    "The seeds come from our usual supplier, so I've asked them to test the batch and will reply "
    "by Friday.",
    "The seeds might not be the issue, but they come from our usual supplier, so I'm checking "
    "that batch too.",
    "I can't yet say whether a mistake was made by our staff, so I'm reviewing the booking notes "
    "and will reply by 3pm.",
    "An error was made by our staff when preparing the order of service, and I'm very sorry.",
    "No error was made by you; the mistake was ours and we'll reprint the programmes today.",
    "Our servers are fine now. The issue was on our side and it's fixed.",
    "Our servers are fine. Could the issue be on your side, do you think?",
    # our result as a start, their setup asked for to reproduce the fault
    "It works on our test devices, which only tells us it isn't universal. Which iOS version do "
    "you have, so we can match it?",
    "The export works fine in our lab. Which browser version are you using, so we can reproduce "
    "it exactly?",
    "It runs fine on our end; could you tell me your printer model so that we can recreate your "
    "setup?",
    "It worked on our test tablet, so please send me the app version to reproduce it on the same "
    "build.",
    # our sourcing, then "no trouble to ...": no verdict
    "Your replacement comes from our usual supplier, so it won't be a problem to get one by "
    "Friday.",
    "The cake comes from our usual bakery, so it won't be an issue to add a second tier.",
]
BLAME_R71 = [
    "The delay happened at customs, so it sits with your agent.",
    "The mix-up wasn't ours; it lies with your warehouse.",
    # in their care, so theirs; rough handling as their habit
    "Our intake sheet has the neck straight, so this happened on your band's watch.",
    "The frame left us straight, so the dent clearly happened on your watch.",
    "Your players clearly treat these horns like luggage.",
    "Your staff obviously treat the scooters like toys.",
    "Your movers handled the piano like a sack of potatoes.",
    # the fault their side made, put on them
    "Your printer supplied the wrong stock, so the curling is on them.",
    "Your caterer cancelled at the last minute, so the missing canapés are on them.",
    "You uploaded the old logo, so the misprint is on you.",
    "The venue you booked double-booked the hall, which means the clash is on them.",
    "Issue's on your side.",
    # their chosen partner late, made the cause
    "The caterer you hired turned up late, which is why dinner was served cold.",
    "Your photographer arrived late, which is why the photos start after the vows.",
    "The DJ you booked showed up late, which is why the party started without music.",
    "Your movers turned up an hour late, and that's why the keys were handed over after six.",
    # a team named by two party words
    "Your box office staff obviously sold row F twice, so two families turned up for the same "
    "seats.",
    "Your site office team clearly lost the delivery note, which is why the pallet was refused.",
    "Your front desk staff clearly gave the room key to the wrong guest.",
    "Your accounts office team evidently paid the invoice twice.",
]
NOT_BLAME_R71 = [
    "Your designer sent a low-res file, so the reprint is on us; we should have flagged it at "
    "proof stage.",
    "You asked for express delivery, so the extra postage is on you.",
    "Your venue handles the catering, so the menu is on them.",
    "Our driver arrived late, which is why the service began without the flowers; I'm sorry.",
    "The florist you chose arrived early, which is why the flowers were in place before the "
    "service.",
    "Your parcel arrived late, which is why I've refunded the postage.",
    "You arrived late on Friday, which is why the table was given away.",
    "Your box office team clearly put a lot of work into the seating plan, so we've used it as is.",
    "Your box office team clearly knows the venue well, so I've copied them in.",
    # a task placed with their agent, no fault in sight
    "Strictly speaking the inspection is booked by the exporter's agent, so it sits with your "
    "clearing agent rather than with us, but I've phoned the office myself.",
    "The licence renewal is done by the venue, so it sits with your events team; I've emailed "
    "them today.",
    "Choosing the paint colour is the customer's call, so it rests with your committee.",
    # a person word that only modifies a thing ("the employee name") is not a person acting
    "The file has 152 characters on line 7 because one employee name contains a line break.",
    "The import stopped at row 40 because the customer name field has a stray comma.",
    "The member entries have a blank date in row 12, so the export skipped them.",
    "One staff name has a trailing space, which is why the badge printed off-centre.",
    "Any damage that happens on your watch is covered by the hire insurance.",
    "Your cover applies to anything that happened on your watch as the keeper.",
    "We treat every instrument like it's our own, so it's insured in transit.",
    "Kids treat these like toys, so we fit a guard as standard.",
    # the party word modifies a batch: ours, from a supplier
    "The E strings we fitted came from a supplier run with a weak ball end; replacements go "
    "out today.",
    "The seals came from a supplier batch that failed our retest, so we're swapping them free.",
]


@pytest.mark.parametrize("text", PREJUDGE_R71)
def test_our_side_cleared_before_checking_is_prejudge_r71(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_PREJUDGE_R71)
def test_open_owned_or_reproducing_is_not_prejudge_r71(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


@pytest.mark.parametrize("text", BLAME_R71)
def test_fault_put_on_their_side_or_partner_is_blame_r71(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_BLAME_R71)
def test_owned_costed_or_praised_is_not_blame_r71(policy, text):
    assert "humble.blame" not in rules(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        # what the customer did or missed as the RESULT of a failure is not its cause
        "The storm delayed the ferry, which is why you missed the connection.",
        "Your flight landed late, so you missed the transfer; I've rebooked it for 14:10.",
        "Our depot's lorry broke down, which is why your team waited all afternoon.",
        "Our portal was down at 09:00, so you re-entered the orders by hand.",
        # a thing of theirs, not their people, in a "which is why" sentence
        "Your train arrived late, which is why you missed the check-in.",
        "Your card expired last month, which is why the payment failed.",
    ],
)
def test_the_customer_act_that_followed_a_failure_is_no_blame(policy, text):
    assert "humble.blame" not in rules(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "The update failed because your admin cancelled it halfway.",
        "The storm delayed the ferry, so your driver must have skipped the second stop.",
        "Your admin changed the password, which is why the sync failed.",
    ],
)
def test_a_customer_act_as_the_cause_is_still_blame(policy, text):
    assert "humble.blame" in rules(policy, text)


# --------------------------------------------------------------------- round 72 (humble)

BLAME_R72 = [
    # a pest or a symptom back, pinned on the reader's act
    "The rats are back because you left the feed sacks open.",
    "Because your staff propped the loading door open, the pigeons are back.",
    "Honestly, the ants are back again because you left the fruit bowl out, full stop.",
    "The cockroaches are all back because your tenants left food on the counters.",
    # a third party of theirs said to have done it wrong, as fact
    "The ache is there because your last dentist clearly fitted the crown wrong.",
    "Your old installer clearly levelled the worktop wrong, which is why the doors swing open.",
    "The pain is because your physio measured the brace wrong.",
    "The boiler keeps cutting out because your plumber clearly sized the pipes wrong.",
    # a step not done properly given as the cause ("po": Filipino politeness)
    "Sir, the leak is because you are not tightening the cap properly po.",
    "The headaches happen because you aren't wearing the lenses correctly.",
    "The rash is there because you're not applying the cream as directed.",
    "The printer jams because your staff don't load the paper properly.",
    # certainty, a step their people skip (also in dialect), then what it brings
    "Your lodgers clearly ain't emptying the bins, and that's what's bringing the rats.",
    "Sir, your kids clearly aren't closing the gate properly, and that's what's letting the "
    "foxes in.",
    "Your cleaners clearly ain't wiping the surfaces, and that's what's drawing the flies.",
    "Your guests clearly aren't shutting the windows, and that is what's letting the wasps in.",
]
NOT_BLAME_R72 = [
    "The mice are back because we left the bin lids off on our last visit; I'm sorry.",
    "The trap log shows the bin lids were open on 3 and 4 March; we're also checking the wall "
    "vents.",
    "The Wi-Fi is back because you restarted the router; thanks for doing that.",
    "The power is back because your electrician reset the breaker this morning.",
    "The discomfort may be down to the PD measurement; we'll re-measure it ourselves on Monday.",
    "Because you aren't sure how to fit it properly, I'll send our fitter on Tuesday.",
    "Because you're not feeling well, we'll move the fitting to Friday.",
    "Your tenants clearly aren't happy with the smell, and that's what we want to fix first.",
    "Your optician clearly measured your PD carefully, so we'll use her figure.",
    "Your team clearly knew something was wrong and called us straight away.",
    "Your fitter clearly did a great job on the decking, so we're happy to sign it off.",
    "You clearly read the meter right, so no change to the bill is needed.",
]
PREJUDGE_R72 = [
    "I can tell you now, madam, the damp patch didn't come from anything we did during the "
    "install.",
    "The scratches on the floor did not come from anything our movers did.",
    "Trust me, the stain couldn't have come from anything our cleaners used.",
    "The cracked tile didn't result from any work we carried out on Tuesday.",
    "Nothing we did on Monday caused the chewed cables.",
]
NOT_PREJUDGE_R72 = [
    "We can't tell yet whether the chewed wiring came from anything we did on the last visit.",
    "The chewed wiring didn't come from anything you did; it's rodent damage.",
    "I'm not yet sure the stain didn't come from anything our cleaners used, so I'm checking.",
    "Nothing you did caused the chewed cables.",
    "The chewed wiring may have come from something we did, so we're checking our visit notes.",
]


@pytest.mark.parametrize("text", BLAME_R72)
def test_fault_pinned_on_their_side_is_blame_r72(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_BLAME_R72)
def test_owned_good_or_open_is_not_blame_r72(policy, text):
    assert "humble.blame" not in rules(policy, text)


@pytest.mark.parametrize("text", PREJUDGE_R72)
def test_our_doing_ruled_out_before_looking_is_prejudge_r72(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_PREJUDGE_R72)
def test_open_or_cleared_for_them_is_not_prejudge_r72(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "status page is green but that's not proof it's not us. pulling logs now, back in 30 min",
        "Our dashboard is green, which isn't proof it wasn't our gateway; I'm checking its logs.",
        "The test print came out fine, but that's not evidence the fault isn't on our press.",
        "All our checks pass, though that is not a guarantee it's not our side; we're digging in.",
    ],
)
def test_a_clean_check_said_to_be_no_proof_is_open(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


@pytest.mark.parametrize(
    "text",
    ["It's not us.", "That's not our fault, it's your router."],
)
def test_a_bare_denial_is_still_prejudged(policy, text):
    assert "humble.prejudge" in rules(policy, text)


# session 16 (s81-s83): their people's act as the cause, in other trades and wordings
@pytest.mark.parametrize(
    "text",
    [
        # a claim that starts from their person's act is blame, reported once
        "Your assistant sent us the wrong postcode, so the delay is on your side.",
        "Your bookkeeper entered the wrong VAT number, so the rejection is on your end.",
        "Your driver gave us the wrong gate code, so the missed drop is down to you.",
        "Your office manager booked the wrong room, so the clash is on your side.",
        # hindsight with a contracted consequence
        "If you'd checked the size chart, you'd have seen it runs small.",
        "If your team had updated the firmware, they'd have avoided the crash.",
        "If you'd read the welcome email, you'd have known the pool was shut.",
        "If you'd labelled the boxes, they'd never have gone astray.",
        # their people as the cause of a connection cut, a soft picture, a wobble
        "The Wi-Fi cut out because your son unplugged the hub.",
        "The prints came out blurry because your staff kept moving the tripod.",
        "The handle came off because your tenant forced the door.",
        "The fee mismatch is down to your agent's negligence with the form.",
    ],
)
def test_session16_blame_wordings(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "The second charge can't have come from us and will be down to your bank.",
        "Honestly, the courier app is the culprit, not our tracking.",
    ],
)
def test_a_claim_starting_from_our_side_stays_a_prejudgement(policy, text):
    assert rules(policy, text) == {"humble.prejudge"}


@pytest.mark.parametrize(
    "text",
    [
        "If you'd like, we'd have a slot on Monday.",
        "If you'd asked me, I'd have said the same.",
        "The Wi-Fi cut out at 10:14; it may be our switch, so our technician is checking it today.",
        "Some prints came out blurry, partly the light and partly my tripod, so I'll reprint them.",
        "The handle came off; our fitting may have been loose, so we'll refit it on Monday.",
        "The photos are soft because my shutter speed was too slow, and I'll re-edit them.",
    ],
)
def test_session16_blame_near_misses(policy, text):
    assert "humble.blame" not in rules(policy, text)


# ------------------------------------------------- session h2: prejudge wordings

PREJUDGE_H2 = [
    # the work we did named as what is cleared
    "It isn't a problem with the boiler we installed.",
    "This is definitely not a defect in the tiles we laid.",
    "That's not an error with the meter that we fitted.",
    "It certainly isn't a fault with the blinds which we hung.",
    # the cause of the symptom ruled out on a routine fact
    "The scanner was calibrated last week, so it can't be the cause of the streaky scans.",
    "The oven was serviced in May, so it can't be the cause of the burnt loaves.",
    "The press had new rollers on Monday, so it can't be the source of the smudged leaflets.",
    "Our till was updated yesterday, so it can't be the culprit behind the double receipts.",
    # our premises as proof, then the cause put on theirs
    "It works fine in the showroom, so it'll be your plumbing.",
    "The fridge ran perfectly in our workshop, so it must be your electrics.",
    "The amp works fine at the shop, which means it'll be your cabling.",
    "The heater ran properly on the test bench, so it'll be your pipework.",
    # the question closed, or our conduct declared blameless
    "The boiler has been inspected and there's nothing wrong with it, full stop.",
    "We've looked at the scooters and there is nothing wrong with them, end of story.",
    "After speaking to the driver, we're satisfied our side did nothing wrong.",
    "Having reviewed the footage, we are confident our staff acted correctly.",
    # the pet's or child's time with us
    "Whatever's wrong with her paw isn't from her stay with us.",
    "Whatever is going on with his skin isn't from his groom.",
    # a confident claim, with help offered only on their side
    "We're sure there's no fault with our scales, but happy to help you look into your recipe.",
    "I've checked and there's no problem with our app, though glad to help you look at your phone.",
]
NOT_PREJUDGE_H2 = [
    "We don't know yet whether it's a fault with the lock we fitted; I'm coming round at 3pm.",
    "It isn't a problem with the boiler you bought, as far as I can see; it's our valve.",
    "The scanner was calibrated last week, but it could still be the cause, so I'm rechecking it.",
    "I can't say whether the oven is the reason for the burnt loaves until I've tested it.",
    "It works fine in the showroom, so we'll bring a second unit to test at your home on Friday.",
    "It works on our demo unit, which tells us the firmware is fine, so the next step is to test "
    "your adapter with you in the shop.",
    "You did nothing wrong; the scooter's brake cable was loose when we delivered it.",
    "If we did nothing wrong, we'll still refund the visit.",
    "Your photo has been checked and it's fine; the blur came from our printer.",
    "We're confident there's no fault with our scales, but we're checking your recipe and our "
    "calibration log too.",
    "Whatever's going on with his ear could be from his visit, so please bring him back today.",
]


@pytest.mark.parametrize("text", PREJUDGE_H2)
def test_our_work_or_conduct_cleared_is_prejudge_h2(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_PREJUDGE_H2)
def test_open_owned_or_theirs_is_not_prejudge_h2(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


# ---------------------------------------------------- session h2: blame wordings

BLAME_H2 = [
    # the customer's side cast as a known type of error
    "Sadly this looks like a textbook case of the user skipping the priming step.",
    "It's a typical case of the installer not reading the torque chart.",
    "This is a clear case of your staff ignoring the cleaning schedule.",
    "Honestly, it's a classic example of the driver overloading the trailer.",
    # the result put down to what they asked for
    "We cut it exactly as asked, so that's down to the measurements you gave.",
    "The colour matches the sample, so it's really the result of the artwork you sent.",
    "That is simply down to the design your manager approved.",
    "The layout is as drawn, which is all down to the brief you wrote.",
    # a surface that let go or an aid that whistles, put on their act
    "The tiles lifted because you mopped them the same evening.",
    "The wrap bubbled because you took the car through a jet wash the next day.",
    "Your hearing aid whistles because you turned the volume right up.",
    "The screen protector lifted because you fitted a thick case straight away.",
]
NOT_BLAME_H2 = [
    "The restriction was lifted because you paid the balance, thank you.",
    "A classic case of our courier not following the delivery note, and I'm sorry.",
    "If the tiles lifted after mopping, that's on our grout, not on you.",
    "The colour is down to the artwork we prepared, so we'll reprint it free.",
    "The aid whistles when the dome is loose; we'll fit a new one on Tuesday.",
    "We can't yet say whether the wrap bubbled because of the jet wash or our film.",
]


@pytest.mark.parametrize("text", BLAME_H2)
def test_fault_cast_on_their_side_is_blame_h2(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_BLAME_H2)
def test_owned_open_or_good_is_not_blame_h2(policy, text):
    assert "humble.blame" not in rules(policy, text)


# ------------------------------------------- session h3: assurances, records, certain readings

PREJUDGE_H3 = [
    # an assurance that the thing is not faulty, before anyone has looked
    "I can assure you the gate sensor is not faulty.",
    "I can assure you the card reader isn't faulty.",
    "Rest assured the lift isn't broken.",
    "I can assure you the scales are not defective.",
    # no other complaints taken as proof, with only a pronoun for the thing
    "We've had no other complaints about the ticket printer, so it's working fine.",
    "We've had no other reports about the lift, so it's working properly.",
    "Nobody else has complained about the heating, so it's working normally.",
    "We've had thousands of guests through without a problem, so the key system is "
    "definitely fine.",
    # a blanket denial for the whole kind
    "The thermostat isn't faulty; they never are.",
    "The meter isn't broken; they never are.",
    # years in the job as proof
    "It can't be my wiring, I've been doing this twenty years.",
    "It can't be our plumbing, I've been doing this for over thirty years.",
    # our own product unchanged, so ruled out
    "Our formula hasn't changed, so it won't be the shampoo causing the rash.",
    "Our supplier hasn't changed, so it won't be the feed causing the upset stomach.",
    # our own work denied with certainty, or ruled out straight away
    "Whatever's causing that rattle, it certainly isn't anything we did on Monday.",
    "Whatever the leak is, it definitely wasn't anything I fitted.",
    "We can rule out the thermostat straight away, it's never wrong.",
    "I can rule out the meter right away.",
    # Scots negation
    "It isnae our fault, the van was fine when it left.",
    "It wasnae our mistake; the order went out right.",
]
NOT_PREJUDGE_H3 = [
    "I can't yet say whether the barrier is faulty; I'm sending an engineer at 2pm.",
    "If the barrier is not faulty, we'll look at the ticket itself.",
    "We've had no other complaints about the pay machine, but I'm still getting it checked today.",
    "We've had no other complaints about your card, so it's worth calling your bank.",
    "The lock isn't faulty, the battery was flat, and we've replaced it.",
    "It can't be my tuning alone, I've been doing this thirty years, but I'll come back and check.",
    "Our recipe hasn't changed, but it could still be the food, so let's try a trial diet.",
    "Whatever's causing that buzz, it might be something I did on Tuesday, so I'll come back.",
    "I can't rule out the GPS yet, so I'm pulling its log.",
    "I cannae say yet whether it's our problem; I'll look at the frames today.",
]


@pytest.mark.parametrize("text", PREJUDGE_H3)
def test_vouched_or_ruled_out_is_prejudge_h3(policy, text):
    assert "humble.prejudge" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_PREJUDGE_H3)
def test_open_or_theirs_is_not_prejudge_h3(policy, text):
    assert "humble.prejudge" not in rules(policy, text)


BLAME_H3 = [
    # an instruction they ignored, given as the cause of the failure
    "Your team didn't read the setup guide, and that's why the app crashed.",
    "Your staff clearly skipped the induction, which is why the alarm went off.",
    "Your son obviously didn't follow the instructions, that's why the kite broke.",
    "Your crew didn't listen to the instructor, which is why the raft flipped.",
    # the damage pinned on how they used it
    "You've cracked the screen by dropping it on tiles.",
    "You've bent the frame by overloading the rack.",
    "Your driver has wrecked the clutch by riding it.",
    "Your kids have obviously been jumping on it, which is why the slats broke.",
]
NOT_BLAME_H3 = [
    "Your group listened really well during the briefing, which is why the day went so smoothly.",
    "Our instructor didn't give the safety briefing, which is why we're refunding your group.",
    "If you've bent the rudder by dragging it, don't worry, it's covered.",
    "Your teenager has obviously been practising hard, which is why the playing sounds so good.",
    "We clearly didn't explain the briefing well, which is why the puzzle wouldn't open.",
]


@pytest.mark.parametrize("text", BLAME_H3)
def test_certain_reading_of_their_conduct_is_blame_h3(policy, text):
    assert "humble.blame" in rules(policy, text)


@pytest.mark.parametrize("text", NOT_BLAME_H3)
def test_praise_owned_or_conditional_is_not_blame_h3(policy, text):
    assert "humble.blame" not in rules(policy, text)

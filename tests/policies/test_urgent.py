"""Be Urgent: our own sentences, positive and negative, judged as whole replies."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from policies.pack import load_pack
from policies.timeexpr import TimeKind, find_times, has_commitment
from policies.types import Reply, Severity
from policies.urgent import build


@pytest.fixture(scope="module")
def policy():
    return build(load_pack())


def holds(policy, text: str, rule: str, **facts) -> list:
    reply = Reply(text=text, **facts)
    found = [f for f in policy.check(reply) if f.rule == rule]
    for f in found:  # every finding's evidence is exactly the cited words
        assert reply.text[f.start : f.end] == f.evidence
        assert f.message and f.suggestion
    return [f for f in found if f.severity == Severity.HOLD]


# --------------------------------------------------------------------- time expressions


@pytest.mark.parametrize(
    "text",
    [
        "I'll update you by 15:00 UTC today.",
        "You'll hear from us within 2 hours.",
        "I'll call tomorrow morning (CET).",
        "We'll confirm by end of day Friday.",
        "The engineer visits on Monday 16 March.",
        "I'll ring at 4pm.",
        "The job restarts in 30 minutes.",
        "I'll post an update every 45 minutes.",
        "I'll write back by 3.",
        "Decisions go out within 10 working days.",
    ],
)
def test_concrete_times(text):
    assert has_commitment(text)


@pytest.mark.parametrize(
    "text",
    [
        "We'll get back to you soon.",
        "Someone will call you shortly.",
        "You'll hear from us in due course.",
        "We'll fix it as soon as we can.",
        "The refund should arrive in the coming days.",
        "The deploy went out shortly after 09:00.",
        "Your message of 3 March reached us on Friday.",
        "Version 10.15 costs £29.99 and we offer 24/7 cover.",
    ],
)
def test_no_concrete_commitment(text):
    assert not has_commitment(text)


def test_past_time_is_classified_past():
    kinds = {
        t.span.text: t.kind for t in find_times("The sync failed at 02:10, so I'll retry at 11:00.")
    }
    assert kinds["02:10"] is TimeKind.PAST
    assert kinds["11:00"] is TimeKind.CONCRETE


@pytest.mark.parametrize(
    ("text", "time", "kind"),
    [
        # a second subject joined after a past verb has its own tense
        (
            "The panels cleared port yesterday and the truck leaves for Eldoret on Monday 16 "
            "March.",
            "16 March",
            TimeKind.CONCRETE,
        ),
        ("The refund failed and the bank returns it on Friday.", "Friday", TimeKind.CONCRETE),
        ("The part failed, but it ships again on 3 June.", "3 June", TimeKind.CONCRETE),
        # the same subject, or a second one in the past, stays in the past
        ("It cleared port yesterday and left on Monday 16 March.", "16 March", TimeKind.PAST),
        ("The truck left yesterday and the driver called you on Monday.", "Monday", TimeKind.PAST),
        ("We sent it yesterday and it arrived on Monday.", "Monday", TimeKind.PAST),
    ],
)
def test_a_joined_clause_has_its_own_tense(text, time, kind):
    kinds = {t.span.text: t.kind for t in find_times(text)}
    assert kinds[time] is kind


def test_a_dated_event_joined_after_a_past_one_times_the_call(policy):
    text = (
        "The panels cleared Mombasa port yesterday and the truck leaves for Eldoret on Monday 16 "
        "March. Our driver will call you on 0722 000 451 the day before delivery."
    )
    assert not holds(policy, text, "urgent.vague-followup")


# --------------------------------------------------------------------- vague follow-up

VAGUE_VIOLATIONS = [
    # whenever someone gets round to it; once a named busy season passes
    "Your room-swap request is logged, and the allocations team will get round to it once the "
    "September rush dies down.",
    "We'll get round to it.",
    "Our workshop will get around to yours, don't worry.",
    "We'll post the new cards once the Christmas rush dies down.",
    "Our web team is aware and will push a fix soon.",
    "I'll get back to you as soon as I hear from the warehouse.",
    "Someone from accounts will be in touch shortly about the credit note.",
    "We're looking into it and will update you in due course.",
    "I'll let you know what the courier says.",
    "We'll be in touch once the investigation is complete.",
    "The replacement card will be posted out as soon as possible.",
    "Hang tight, I'll chase the lab and come back to you.",
    "Our developers will notify you when the patch ships.",
    "Hi Ana,\n\nThanks for the details. I've passed this to our billing specialists, "
    "who will review the charge and get back to you.\n\nKind regards",
    "Will revert once the vendor confirms.",
]
VAGUE_CLEAN = [
    "I finally got round to it this morning and it's fixed.",
    "If you get round to it, send me the meter reading.",
    "I'll get back to you by 4:30pm CET today with what the warehouse says.",
    "Someone from accounts will call you tomorrow between 9 and 10am.",
    "We'll send the next update within 3 hours, even if nothing has changed.",
    # "soon" backed by a concrete time elsewhere in the reply
    "The fix should land soon; I'll confirm the release date on Thursday 19 March.",
    # a vague word about the past is no promise
    "The import ran shortly after midnight and finished at 00:40.",
    "Your replacement card was posted on Monday and normally arrives within 3 working days.",
    # an apology that uses "soon"
    "Not soon enough, I know. The engineers expect the fix at 18:00 and I'll message you at 18:15.",
    # the customer's timing, not ours
    "Please send the form back whenever it suits you; I'll file it by noon the day it arrives.",
    # a statement about the product, not a promise
    "The export will include every column you selected.",
    # an offer conditional on the customer
    "If it still fails, tell me and I'll arrange a replacement.",
]


@pytest.mark.parametrize("text", VAGUE_VIOLATIONS)
def test_vague_followup_violations(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize("text", VAGUE_CLEAN)
def test_vague_followup_clean(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


def test_vague_followup_evidence_is_the_vague_words(policy):
    text = "Thanks. We'll get back to you shortly with the results."
    (finding,) = holds(policy, text, "urgent.vague-followup")
    assert finding.evidence == "shortly"
    assert '"shortly"' in finding.message


def test_promise_without_time_cites_the_promise(policy):
    text = "I've asked the depot. I'll keep you posted on what they find."
    (finding,) = holds(policy, text, "urgent.vague-followup")
    assert finding.evidence == "I'll keep you posted on what they find"


# --------------------------------------------------------------------- deflection

DEFLECTIONS = [
    "You'll need to contact your internet provider about that.",
    "Please open a support ticket through the customer portal.",
    "Password resets are managed by your company's IT department.",
    "That's something the venue organiser would have to answer.",
    "Best to check with your accountant on the tax treatment.",
    "Feature requests should be posted on our community forum.",
    "I'd recommend speaking to the hotel directly about the late check-out.",
    "Shipping damage claims go through the carrier, not us.",
    "Hi Mark,\n\nUnfortunately we aren't able to help with app store billing. Apple manages "
    "those subscriptions, so you would need to request a refund from them.\n\nThanks",
]
NOT_DEFLECTIONS = [
    "Your internet provider controls that line, so I've called their fault desk with your "
    "reference and will update you by 3pm.",
    "There's no need to open a ticket; I've logged it as #4821 and I'm working on it now.",
    "Password resets are usually done by your IT team, but I've reset yours myself.",
    "I've asked the hotel to hold your room until 2pm and will confirm with you by noon.",
    # navigation inside our product is a step, not a hand-off
    "Go to Settings > Team and click Invite to add your colleague.",
    "Please reply to this email with the order number and I'll refund it within the hour.",
    "You'll get the tracking number by email as soon as the courier scans the parcel.",
    "Happy to go through it with your IT team on a call at 2pm if that helps.",
]


@pytest.mark.parametrize("text", DEFLECTIONS)
def test_deflection_violations(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize("text", NOT_DEFLECTIONS)
def test_deflection_clean(policy, text):
    assert not holds(policy, text, "urgent.deflection")


# --------------------------------------------------------------------- no next step

NO_NEXT_STEP = [
    "Hi Sam,\n\nThank you for getting in touch with us about your order.\n\nBest wishes,\nAlex",
    "Understood, thanks.",
    "I'm sorry to hear that your delivery was late again. That must be really frustrating.",
    "We have forwarded your comments to the product team.",
    "The payment gateway had a brief outage yesterday afternoon.",
    "Your case number is 88231.",
    "Thanks for the detailed report, it was very helpful. We appreciate your patience.",
    "Hi Jo, That sounds really annoying, I'm sorry. The export tool has always worked that way.",
]
HAS_NEXT_STEP = [
    "Thanks for the report. Please restart the Acme Agent from the tray icon and tell me "
    "whether the error returns.",
    "Got it. I'm re-running the payroll export now and will email you the file by 15:00.",
    "Sorry about the late delivery; I've refunded the £4.99 shipping fee, which you'll see on "
    "your card within 5 days.",
    "Your account is unlocked now, so you can sign in again.",
    "Could you send me the order number from your confirmation email?",
    "Hello,\n\nYes, the Pro plan includes SSO. You'll find the setup steps at "
    "https://docs.acme.example/sso.\n\nCheers",
    "Hi Priya,\n\nThe duplicate charge was a pre-authorisation. Your bank will release the £40 "
    "within 7 days.\n\nBest,\nTom",
]


@pytest.mark.parametrize("text", NO_NEXT_STEP)
def test_no_next_step_violations(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize("text", HAS_NEXT_STEP)
def test_no_next_step_clean(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


def test_no_next_step_evidence_skips_greeting(policy):
    text = "Hi Sam,\n\nNoted, thank you.\n\nBest,\nAlex"
    (finding,) = holds(policy, text, "urgent.no-next-step")
    assert finding.evidence == "Noted, thank you."


# --------------------------------------------------------------------- lateness

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GOOD_ANSWER = "Hi Lee,\n\nThe duplicate is removed and I'll confirm the credit by 15:00 UTC."


def late(policy, text: str, hours: float, urgency: tuple[str, ...] = ()) -> list:
    return holds(
        policy,
        text,
        "urgent.late-no-acknowledgement",
        customer_sent_at=T0,
        sent_at=T0 + timedelta(hours=hours),
        customer_urgency=urgency,
    )


def test_late_reply_without_acknowledgement(policy):
    (finding,) = late(policy, GOOD_ANSWER, 50)
    assert "2 days 2 h" in finding.message and "24 h" in finding.message
    assert finding.evidence.startswith("The duplicate is removed")


def test_urgent_message_has_a_shorter_target(policy):
    assert late(policy, GOOD_ANSWER, 5, urgency=("outage",))
    assert not late(policy, GOOD_ANSWER, 5)
    assert not late(policy, GOOD_ANSWER, 3, urgency=("outage",))


@pytest.mark.parametrize(
    "opening",
    [
        "Sorry for the slow reply.",
        "Apologies for the wait on this one.",
        "Thanks for your patience while I looked into this.",
        "I know this took longer than it should have.",
        "I'm sorry it has taken us so long to get back to you.",
        # we came to it late: "only just seen this", "only now getting to your email"
        "Sorry Lee, only just seen this, I was on site all day.",
        "I'm only now getting to your email, it's been a busy week.",
    ],
)
def test_acknowledged_delay(policy, opening):
    assert not late(policy, opening + " " + GOOD_ANSWER, 72)


@pytest.mark.parametrize(
    "opening",
    [
        "Sorry to hear the import failed.",
        "We're really sorry about the delay to your parcel.",
        "Apologies, that error is our fault.",
        "I've just seen the screenshot, and the duplicate is clear.",
    ],
)
def test_apology_about_the_problem_is_not_a_delay_acknowledgement(policy, opening):
    assert late(policy, opening + " " + GOOD_ANSWER, 72)


def test_lateness_is_silent_without_both_times(policy):
    assert not holds(policy, GOOD_ANSWER, "urgent.late-no-acknowledgement", sent_at=T0)
    assert not holds(policy, GOOD_ANSWER, "urgent.late-no-acknowledgement", customer_sent_at=T0)


def test_targets_come_from_the_pack():
    pack = load_pack(inline={"urgent.late-no-acknowledgement": {"target_hours": 72}})
    relaxed = build(pack)
    assert not late(relaxed, GOOD_ANSWER, 50)
    assert late(relaxed, GOOD_ANSWER, 80)


def test_disabled_rule_finds_nothing():
    pack = load_pack(disable=["urgent.no-next-step"])
    assert not [
        f for f in build(pack).check(Reply(text="Noted.")) if f.rule == "urgent.no-next-step"
    ]


# --------------------------------------------------------------------- no next step: structure
# A reply holds only when every clause moves nothing (thanks, receipt, sympathy,
# status, words passed on, design explained, past reported); any act, step,
# resolution or possible answer keeps it out.

COMPLETE_ANSWERS = [
    # a yes/no answer, a fact the customer asked for
    "Yes, the sauna is included in the off-peak membership.",
    "No, moving your direct debit date doesn't cost anything.",
    "The £14.99 on your statement is the annual storage plan you added in May.",
    # a resolution said as done, and nothing left for them to do
    "Good news: the deposit went back to your card this morning, so there's nothing you need "
    "to do.",
    "Your booking is confirmed for Friday and you're all set.",
    # our completed acts, including ones coordinated after a receipt
    "We got the returned kettle on Monday and refunded the full £39 the same day.",
    "I switched off the auto-renewal and cancelled the pending charge.",
    "This isn't something your technicians did wrong. I emailed the unlock codes to your "
    "office manager at 10:10, and each technician types the code, then picks a new PIN.",
    # a long explanation is content, not an empty reply
    "Your meter was read by the field team on Tuesday, and the reading of 48,210 units matches "
    "the photo you sent, which means the estimated bill from April was too high and the new bill "
    "replaces it, with the difference of £61.20 taken off the balance on your account.",
]

EMPTY_REPLIES = [
    "Hi Ola,\n\nThe engineers are investigating.\n\nBest,\nMo",
    "Thanks for flagging. It's on our radar.",
    "Your suggestion about dark mode has been shared with the design team, who love hearing "
    "ideas from users.",
    # sympathy that restates the problem is not an answer, even with "arrived" in it
    "We're so sorry to hear your order arrived broken. We appreciate you letting us know.",
    "I can confirm your form has reached our enrolment office.",
    "Your request status is currently: Pending.",
    "Dear Mr Ruiz, we acknowledge receipt of your letter. Yours sincerely, Customer Care",
    "Thanks for the survey answers, which are really valuable to us.",
    "Sorry to read about the mix-up at the counter; that's not the service we aim for.",
]


@pytest.mark.parametrize("text", COMPLETE_ANSWERS)
def test_complete_answers_and_resolutions_are_forward_movement(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize("text", EMPTY_REPLIES)
def test_replies_of_only_thanks_receipt_sympathy_or_status(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


def test_pasted_log_is_not_the_authors_prose(policy):
    log = "".join(
        f"2026-06-02 10:{i:02d}:07 WARN uploader[{i}] retry=3 path=/srv/up/{i}.tmp\n"
        for i in range(20)
    )
    text = f"Thanks, that's what I see too:\n\n{log}\nI've cleared the stuck uploads; retry now."
    assert not holds(policy, text, "urgent.no-next-step")
    assert not holds(policy, text, "urgent.vague-followup")


# --------------------------------------------------------------------- lateness: structure

ACKNOWLEDGEMENTS = [
    "I'm sorry for taking until Thursday to reply to your Monday email.",
    "Sorry it's taken me so long to come back to you on this.",
    "Apologies that nobody replied to your first message.",
    "You've been waiting since last week, and I apologise.",
    "I'm sorry for leaving you without an answer all weekend.",
    "Sorry your email sat in our queue for so long.",
    "We should have answered you on Tuesday.",
    "Apologies for the tardy response.",
    "Sorry for only getting to this today.",
    "Sorry for the long silence on this.",
    "I know this has taken much longer than promised.",
]
NOT_ACKNOWLEDGEMENTS = [
    "Sorry the firmware update took so long to install.",
    "I'm sorry the courier came late on Saturday.",
    "Sorry to hear the refund check came back empty.",
    "Apologies for the delay to your replacement card.",
    "Sorry, the survey is long, but it helps us a lot.",
]


@pytest.mark.parametrize("opening", ACKNOWLEDGEMENTS)
def test_structural_delay_acknowledgements(policy, opening):
    assert not late(policy, opening + " " + GOOD_ANSWER, 72)


@pytest.mark.parametrize("opening", NOT_ACKNOWLEDGEMENTS)
def test_apologies_for_other_delays_are_not_acknowledgements(policy, opening):
    assert late(policy, opening + " " + GOOD_ANSWER, 72)


def test_organisation_can_add_acknowledgement_wordings():
    pack = load_pack(
        inline={
            "urgent.late-no-acknowledgement": {
                "add": {"acknowledgement_patterns": [r"\bmea\s+culpa\b"]}
            }
        }
    )
    text = "Mea culpa on the timing. " + GOOD_ANSWER
    assert late(build(load_pack()), text, 72)
    assert not late(build(pack), text, 72)


# --------------------------------------------------------------------- vague follow-up: structure

PROMISES_WITHOUT_TIME = [
    # the promise's own subject decides, not the clause's first word
    "Thanks for your patience, we'll keep you updated.",
    "Kindly hold on, our team will investigate and revert.",
    # a verb coordinated after the first shares its subject (and its modal)
    "I'll have a word with the depot and get back to you.",
    "I'll see what I can find and let you know.",
    # any act of ours still to come, not only verbs of contact
    "We'll courier the originals to you once customs release them.",
    # a third party whose action reaches the customer
    "I've passed it to the lab; they'll be in contact after the tests.",
    "Expect to hear from our claims team in the near future.",
    # timing that depends on our workload, or says "after" and stops
    "We'll go through your file properly when things calm down here.",
    "We are checking and will inform you after.",
]
NOT_VAGUE_PROMISES = [
    # a count per period is a rate, not a commitment ... but here there is no promise
    "Three reminders in a day won't speed up the bank.",
    # happens inside this e-mail
    "I'll explain the two options below.",
    # the customer's own action
    "You'll see the new total on your next invoice on 1 July.",
]


@pytest.mark.parametrize("text", PROMISES_WITHOUT_TIME)
def test_promises_without_a_time(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize("text", NOT_VAGUE_PROMISES)
def test_not_vague_promises(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


def test_a_rate_is_not_a_concrete_time(policy):
    text = "Four calls in a day won't change it. We'll ship the part once it's back in stock."
    assert holds(policy, text, "urgent.vague-followup")


# --------------------------------------------------------------------- deflection: structure

HAND_OFFS = [
    "Your landlord is responsible for the boiler contract.",
    "The venue's box office is better placed to answer seating questions.",
    "This sits with your mobile operator.",
    "That falls to our partner Brightway Freight.",
    "For warranty questions the maker is the right contact: help@maker.example.",
    "That's one for the airline, so you'll want to give them a ring.",
    "Returns for marketplace orders must be arranged through Shopwise directly.",
    "Other owners on the community forum may have a workaround.",
    "We recommend raising this with your school's exams office.",
    "I'm afraid you'll have to open a new request under Billing.",
    "Sorry, we can't see tickets bought from resellers; they'll have to help you.",
    "You'll need to check with the app store about that charge.",
]
NOT_HAND_OFFS = [
    # a refusal with our own alternative is not sending them elsewhere
    "We don't support that add-on, but the same option is in Settings > Import > CSV.",
    "Your landlord owns the boiler contract, so I rang them today and an engineer comes Friday.",
    "I'm the right person for this, and I've reset your password.",
    "Feel free to reply to me directly if the code doesn't arrive.",
]


@pytest.mark.parametrize("text", HAND_OFFS)
def test_hand_offs(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize("text", NOT_HAND_OFFS)
def test_not_hand_offs(policy, text):
    assert not holds(policy, text, "urgent.deflection")


def test_organisation_can_name_its_own_parties(policy):
    text = "A dispute like this sits with the ombudsperson."
    assert not holds(policy, text, "urgent.deflection")
    pack = load_pack(inline={"urgent.deflection": {"add": {"party_nouns": ["ombudsperson"]}}})
    assert holds(build(pack), text, "urgent.deflection")


def test_word_dispatch_finds_what_the_patterns_find():
    """The per-word dispatch finds every match a plain scan finds at a word start."""
    from policies.urgent import WordDispatch

    patterns = [r"\bfalls?\s+to\b", r"\b(?:is|are|'s)\s+handled\s+by\b", r"\bremit\b", r"(?:x|y)z"]
    dispatch = WordDispatch(patterns)
    text = "That's handled by billing; it falls to them, outside our remit. xz yz it fall to"
    found = {(m.start(), m.end()) for m in dispatch.matches(text, 0, len(text))}
    for p in patterns:
        for m in re.finditer(p, text, re.IGNORECASE):
            assert (m.start(), m.end()) in found, (p, m.group())


def test_code_defaults_match_the_default_pack():
    """The lists built into the code (used when a pack leaves a key out) are the
    default pack's lists: one vocabulary, not two drifting apart."""
    from policies import clear, urgent

    pack = load_pack()
    pairs = [
        ("urgent.vague-followup", "followup_verbs", urgent._DEFAULT_FOLLOWUP_VERBS),
        ("urgent.deflection", "contact_verbs", urgent._DEFAULT_CONTACT_VERBS),
        ("urgent.deflection", "party_nouns", urgent._DEFAULT_PARTY_NOUNS),
        ("urgent.deflection", "channel_nouns", urgent._DEFAULT_CHANNEL_NOUNS),
        ("clear.vague-request", "log_nouns", clear._DEFAULT_LOG_NOUNS),
        ("clear.vague-request", "item_nouns", clear._DEFAULT_ITEM_NOUNS),
        ("clear.vague-request", "vague_modifiers", clear._DEFAULT_VAGUE_MODIFIERS),
        ("clear.vague-instruction", "action_verbs", clear._DEFAULT_ACTION_VERBS),
        ("clear.vague-instruction", "named_by_item_targets", clear._DEFAULT_WHAT_TARGETS),
        ("clear.vague-instruction", "named_by_place_targets", clear._DEFAULT_WHERE_TARGETS),
    ]
    for rule, key, default in pairs:
        assert set(pack.rule(rule).params[key]) == set(default), (rule, key)


def test_the_tail_of_a_long_reply_is_judged(policy):
    filler = "The statement lists each charge of the month with its date. " * 1400  # ~85 KB
    text = filler + "For the card fee, please contact your bank."
    (finding,) = holds(policy, text, "urgent.deflection")
    assert finding.start > 80_000


@pytest.mark.parametrize(
    "text",
    [
        # our act later in the clause, with its own subject
        "Whether the fault lies with your installer or with us, we'll replace the panel on Friday.",
        # "it" is not the IT department; a screen named like a verb is not a verb
        "Could you open Contacts > Export and attach it?",
        "The fix is live, so please log out and back in to the staff app.",
    ],
)
def test_not_hand_offs_by_structure(policy, text):
    assert not holds(policy, text, "urgent.deflection")


# --------------------------------------------------------------------- generalisation (structure)

ONLY_STATUS_OR_RECEIPT = [
    # watching is status, not an act; "working on it" is progress, not "it's working"
    "We're monitoring the situation closely.",
    "Our team is keeping a close eye on it.",
    "This is a known issue and our engineers are working on it.",
    # documenting is filing the customer's words
    "I hear your frustration, and I'm sorry. I've documented everything you told me.",
    # the customer's words restated as received
    "Thanks, Priya. Understood that the sensors are still reporting late. We know how much "
    "you rely on them.",
    # the cause placed away from us, and nothing else
    "Thank you for flagging this. We've checked the checkout and everything is running "
    "normally on our platform, so the failures wouldn't be coming from our side.",
    "We don't see any errors on our end.",
]
MOVES_ON = [
    "We're monitoring the backup job tonight and I'll confirm at 07:00 CET whether it completed.",
    "Understood that the sensors are still late - I've pushed firmware 2.4.1 to all gateways.",
    "The problem isn't on our side, so please restart your router and try again.",
    # a tracking number is the answer, not a receipt of our own record
    "Sorry about the mix-up. The correct tracking number is 1Z999AA10123456784.",
    "No - there was no outage on our side yesterday; the status page shows 100% uptime for March.",
]


@pytest.mark.parametrize("text", ONLY_STATUS_OR_RECEIPT)
def test_status_receipt_and_clearing_only_is_no_next_step(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize("text", MOVES_ON)
def test_status_with_a_step_or_an_answer_moves_on(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


VAGUE_BY_STRUCTURE = [
    # information that "will follow" / "to follow" is a promise with its verb elided
    "Further information will follow.",
    "More details to follow in due course.",
    # a third party's act on the customer's matter itself
    "The team will look into it at their earliest convenience.",
    # a direction without a date
    "We plan to add this down the line.",
    "The fix will be rolled out in an upcoming release.",
    "A technician will be assigned to your job in the near term.",
]
NOT_VAGUE_BY_STRUCTURE = [
    "Here are the steps to follow: open Settings, then Billing.",
    "Please follow the link in the email to reset it.",
    "A full update will follow at 16:00 CET.",
    "The engineer will follow the usual safety checklist on arrival.",
    "I'll update you by COB Thursday.",
    "I'll call you first thing Monday (09:00 CET).",
    "You'll hear from me within the hour.",
]


@pytest.mark.parametrize("text", VAGUE_BY_STRUCTURE)
def test_vague_followup_by_structure(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize("text", NOT_VAGUE_BY_STRUCTURE)
def test_not_vague_followup_by_structure(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


HAND_OFFS_BY_STRUCTURE = [
    # a named organisation after a verb of contacting a person
    "We can't change bookings made through third-party sites. Please contact Expedia.",
    "Please get in touch with HMRC directly about your tax code.",
    # another party named as the customer's point of contact
    "For anything related to your pension, the scheme administrator is your point of contact.",
    # "go through" a channel named with its modifiers
    "Technical questions need to go through the support form on our website.",
]
NOT_HAND_OFFS_BY_OBJECT = [
    # "go to" a quantity or a set of devices is no place to send the customer
    "It frees about 310 GB, so you go to around 61% of quota.",
    "The update goes to all devices overnight; yours will get it at 02:00.",
    # our own desk, and ourselves
    "Please contact Support if the problem comes back after the update at 14:00 today.",
    "Please contact us on 0800 111 222 if the fault returns.",
]


@pytest.mark.parametrize("text", HAND_OFFS_BY_STRUCTURE)
def test_hand_offs_by_object(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize("text", NOT_HAND_OFFS_BY_OBJECT)
def test_not_hand_offs_by_object(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        # "be in a position to" / "be able to" carries our act
        "Once the carrier has completed their investigation, we'll be in a position to refund you.",
        # a third party picking up the customer's matter
        "Someone will pick this up when the office reopens.",
        # "your new PIN" is the matter acted on, not the customer acting
        "Your new PIN will be posted to you.",
        "The credit will appear on a future statement.",
    ],
)
def test_more_vague_promises_by_structure(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        # timed by the customer's own step
        "We'll refund you once you return the item.",
        "I'll update the booking as soon as you confirm the new date.",
        # noted, nothing to wait for
        "Many thanks for the feedback, we'll take it into account.",
    ],
)
def test_not_vague_promises_by_structure(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Many thanks for the feedback, we'll take it into account.",
        "Thanks for your message regarding the parking charge. We've taken your comments on board.",
        "Thank you, your query has been raised with the relevant team.",
    ],
)
def test_taking_into_account_moves_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


def test_an_act_coordinated_after_taking_into_account_moves_on(policy):
    text = "We'll take it into account and adjust the invoice by Friday."
    assert not holds(policy, text, "urgent.no-next-step")


def test_responsibility_of_another_party_is_a_hand_off(policy):
    text = "Issues with the self-checkout hardware are the responsibility of the till supplier."
    assert holds(policy, text, "urgent.deflection")


def test_a_reported_passive_contact_is_not_a_hand_off(policy):
    text = "Thank you, your query has been raised with the relevant team."
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Hi, the withdrawal is currently showing as pending on our side.",
        "Understood. The issue with the exam timetable is known.",
        "Thank you so much for your patience and understanding while we work through this.",
    ],
)
def test_more_status_only_replies(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


def test_a_known_issue_with_its_fix_moves_on(policy):
    text = "The issue is known and fixed in 4.2, out today."
    assert not holds(policy, text, "urgent.no-next-step")


def test_a_third_partys_ability_is_no_promise_of_ours(policy):
    text = (
        "Issues with missing results are best raised with Northgate directly. "
        "They'll be able to look into it for you."
    )
    assert not holds(policy, text, "urgent.vague-followup")
    assert holds(policy, text, "urgent.deflection")


def test_that_one_is_for_another_party(policy):
    text = "That one's for the scanner manufacturer's support line."
    assert holds(policy, text, "urgent.deflection")
    text = "That one's for you to decide; both work on your plan."
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        # "files" is a plural noun here, and "try" is of an action, not of a place
        'Clear the cache in Chrome (Settings > Privacy > Clear browsing data, "Cached images and '
        'files" only) and reload the claims portal.',
        "Could you try restarting the ImagingBridge service on the surgery server?",
    ],
)
def test_contact_verb_forms_that_contact_nobody(policy, text):
    assert not holds(policy, text, "urgent.deflection")


def test_try_a_place_is_still_a_hand_off(policy):
    assert holds(policy, "Please try your bank's fraud line.", "urgent.deflection")


# --------------------------------------------------------------------- round: families, not phrases


@pytest.mark.parametrize(
    "text",
    [
        # a passive promise on the customer's thing, timed by an event of our process
        "Your transcript correction is queued and will be actioned in the next processing batch.",
        "Your request will be actioned in the next run.",
        "Your refund will go out with the next payment cycle.",
        "Your application will be processed in the order it was received.",
        # "application" is the customer's submission here, acted on, not a system acting
        "Your application will be processed.",
        "Your case will be dealt with by the next available agent.",
    ],
)
def test_process_events_are_vague_timing(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Your correction will be actioned in the 14:00 UTC batch today.",
        "The next processing batch runs tonight at 22:00 GMT and your correction is in it.",
        "Your application will be processed within 2 working days.",
        "Your file will be processed automatically when you upload it.",
        "Your correction was actioned in this morning's batch and is now live.",
    ],
)
def test_process_events_with_a_time_or_done_are_not_vague(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Bug reports need to go through the in-game feedback tool, not email.",
        "Students should contact their department office about Moodle enrolment problems, "
        "not central IT.",
        "Customers must contact their bank for chargeback queries.",
        "Users with SSO problems should reach out to their own IT team.",
        "Players are asked to contact the platform holder for refunds.",
        "For loan top-ups, members are requested to visit the branch where the account was "
        "opened.",
        "As the caterer is a separate company, any complaint about the food should go to them.",
        "Questions about your pension need to be directed to the scheme administrator.",
        "Hi, wrong department sorry. Try billing.",
    ],
)
def test_group_rules_and_other_channels_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "I've submitted your bug report through the in-game feedback tool for you.",
        "Bug reports go through the feedback tool, so I've logged yours there myself: ref #5521.",
        "Students can also contact their department office, but I've already fixed your "
        "enrolment.",
        "Customers must be logged in to see the invoice.",
        "The students should now be able to see the course in Moodle.",
        "Questions about this invoice should go to me at jo@example.com.",
        "Sorry, we sent your parcel to the wrong address; I've re-sent it by courier today.",
    ],
)
def test_group_rules_and_channels_near_misses(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Dear Mr Patel,\n\nThank you for your email. We have made a note of this on your account "
        "and our team are aware of the situation.\n\nShould you have any further questions, "
        "please do not hesitate to contact us.\n\nYours sincerely,\nThe Support Team",
        "Good afternoon,\n\nWe acknowledge receipt of your complaint dated 3 March. Your comments "
        "have been passed to the relevant department for their attention.\n\nWe trust this is "
        "satisfactory.\n\nKind regards,\nComplaints Team",
        "Kindly note that your request has been received and is under process.",
        "The issue with the top-up machines at Central Station is known to us.",
        "We're sorry your prescription wasn't ready when you arrived. This is not the standard "
        "we aim for.",
        "Your claim for the damaged consignment is currently pending.",
        "Thank you for your patience and understanding in this matter. Your loyalty as a member "
        "of the credit union is greatly appreciated.",
        "Your car is still with us in the workshop.",
    ],
)
def test_corporate_filler_moves_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "got it 👍 resent the activation email to your new address just now",
        "Thanks! Sent the form over to you a minute ago.",
        "Noted, updated your address.",
        # adding the vote is an act of ours on their request (spec: any concrete action)
        "Hi Jo,\n\nThanks for the suggestion! I've added your vote to the feature request.",
        "The issue is known to us and a fix is going out tonight at 22:00 GMT.",
        "Your order is with the courier now and is due Thursday.",
        "Kindly note the refund was issued on 4 June and should reach you within 5 working days.",
        "Your car is still with us in the workshop; the new clutch arrives Tuesday.",
        "If you have any questions about the invoice, call me on 0207 123 4567 and I'll walk "
        "you through it.",
    ],
)
def test_terse_acts_and_dated_status_move_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Hi Marcus,\n\nThanks for reaching out and for your patience while we looked into this.\n\n"
        "I've passed your feedback about the checkout to our product team. We really appreciate "
        "you taking the time to let us know - it helps us make the app better for everyone.\n\n"
        "Have a great weekend!\n\nBest,\nChloe",
        "Hi,\n\nJust to let you know we're aware of the login issues some customers are "
        "experiencing this morning. Our engineers are working hard on it.\n\nApologies for any "
        "disruption.\n\nThanks,\nOps",
        "Dear Sir/Madam,\n\nWe refer to your recent correspondence. The contents have been duly "
        "noted.\n\nShould you require any further assistance, please do not hesitate to contact "
        "us.\n\nYours faithfully,\nAccounts Department",
        "Hi Tim,\n\nthanks for letting us know. we have informed the relevant team about it.\n\n"
        "regards\nAnil",
        "Hi Lucy,\n\nThank you for your message. I'm sorry to hear you're having trouble with your "
        "order. Your order is currently being processed.\n\nIf you have any other questions, feel "
        "free to reply to this email.\n\nKind regards,\nMia",
    ],
)
def test_whole_replies_of_filler(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Hi,\n\nWe're aware of the login issues this morning. The cause was an expired "
        "certificate; it was replaced at 09:40 and logins work again.\n\nApologies for the "
        "disruption.\n\nThanks,\nOps",
        "Hi Ravi,\n\nThanks for your email. Your subscription renews on 14 April at the same "
        "price.\n\nShould you need anything else, please do not hesitate to contact us.",
        "Hi Marcus,\n\nThanks for reaching out. Yes - the Pro plan includes up to 10 users.\n\n"
        "If you have any other questions, feel free to reply to this email.",
        "We're working hard on it and I'll update you by 3pm.",
        "The form must be submitted before Friday.",
        "Your password must be changed every 90 days.",
    ],
)
def test_answers_with_filler_around_them(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


def test_our_own_approval_step_is_no_hand_off(policy):
    assert not holds(policy, "Your refund needs to be approved by finance first.",
                     "urgent.deflection")
    assert holds(policy, "Warranty claims are processed by the manufacturer.",
                 "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "The next version adds dark mode; you can download it from Settings > Updates now.",
        "Your data will be handled in line with our privacy policy.",
        "Please include the order number in your next update.",
        "Your next billing run is on 1 April.",
    ],
)
def test_next_and_policy_statements_are_no_vague_promise(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


def test_formal_obligation_to_route_elsewhere(policy):
    text = "Such requests are to be routed through your relationship manager."
    assert holds(policy, text, "urgent.deflection")
    for text in (
        "The payment is to be made to the account below by 5 May.",
        "The payment should be made to the account below.",
    ):
        assert not holds(policy, text, "urgent.deflection")


# ------------------------------------------------ precision: unusual times, facts after receipts


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We'll confirm the booking by 1700 hrs tomorrow.", "1700 hrs"),
        ("Expect a call from us at 11h30 CET tomorrow.", "11h30 CET"),
        ("Your order will be dispatched on Tue 5th.", "Tue 5th"),
    ],
)
def test_unusual_time_formats_are_concrete(text, expected):
    found = [t for t in find_times(text) if t.kind is TimeKind.CONCRETE]
    assert expected in [t.span.text for t in found]


def test_time_unit_after_a_number_is_no_rate():
    assert has_commitment("We'll confirm the booking by 1700 hrs tomorrow.")
    assert not has_commitment("We get four emails in a day.")


def test_fact_joined_to_a_reference_number_moves_forward(policy):
    text = "Your booking reference is QX7731 and check-in opens at 15:00."
    assert not holds(policy, text, "urgent.no-next-step")
    text = "Your ticket number is 4411 and it is being looked at."
    assert holds(policy, text, "urgent.no-next-step")


def test_the_ones_that_matter_is_no_hand_off(policy):
    text = (
        "Please send the crash logs from the iPad app. The ones from this morning, around "
        "9:40, are the ones that matter."
    )
    assert not holds(policy, text, "urgent.deflection")
    text = "Our billing team are the ones that handle refunds, so please contact them."
    assert holds(policy, text, "urgent.deflection")


# Greetings with "there" or two names, "so very much", an outage or a
# production status told back, "not the kind of X we want", a filed case, a loss
# that can't be replaced: still nothing moves.
@pytest.mark.parametrize(
    "text",
    [
        "Hi there, thanks for getting in touch about the heater. So sorry the cabin was cold "
        "last night. We really do appreciate you telling us.",
        "Evening Marcus, thanks for the note about the parking. Sorry it spoiled your visit. "
        "Your comments have been shared with the team.",
        "Dear Priya and Tom, thank you so very much for your patience. Please know your "
        "concerns are very much appreciated.",
        "Just so you know, the online payment page is down for everyone right now. Sorry for "
        "the bother.",
        "Hiya, got your email about the mugs. Your order is still in production.",
        "Sorry the tent leaked on your first night. That isn't the sort of trip we want "
        "anyone having. Thanks for letting us know.",
        "Received with thanks. Complaint logged.",
        "I'm so sorry the album still hasn't turned up. Keepsakes like those can never be "
        "replaced. I've passed your message on to our claims team.",
    ],
)
def test_greetings_and_status_told_back_have_no_next_step(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        # a topic that opens the sentence, then our step with its time
        "For the spare chairs, I'll ask the hall manager and confirm by Friday 5pm.",
        # an act done "at no extra cost" is an act, not a negation
        "We've moved your stay to the lake-view room at no extra charge.",
        # the answer is in what we attached
        "Both vouchers are in the PDF I attached.",
        # an outage with the time it comes back
        "The booking page is down for maintenance until 14:00 GMT today.",
    ],
)
def test_a_topic_then_our_timed_step_is_a_next_step(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


# "best thing is to post it on the forum", "liaise with your own X", a matter
# named as another party's team, "their number's on ...".
@pytest.mark.parametrize(
    "text",
    [
        "Best thing is to ask that wiring question on the Solarix owners forum.",
        "For catering questions, kindly liaise with your own caterer directly.",
        "Potholes are the county's roads team. Their number's on the county website.",
    ],
)
def test_forums_and_own_suppliers_are_deflection(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        # a fitting, not a contact
        "Slacken the laces a little and try the skates on again.",
        # one of ours, at our own counter
        "Next time you're in, ask for Dana at the Keswick shop and she'll refit the bindings free.",
        # a region code, not "rather than us"
        "Create the bucket in EU-CENTRAL-1 rather than US-WEST-2.",
        # points or vouchers spent on a thing
        "Yes, you can use them on the Lumina curing light at checkout.",
        "You can use it towards your next order.",
    ],
)
def test_fittings_and_steps_are_not_deflection(policy, text):
    assert not holds(policy, text, "urgent.deflection")


def test_holler_back_is_a_follow_up(policy):
    text = "I'll have the workshop look at the hinge and holler back at you."
    assert holds(policy, text, "urgent.vague-followup")
    assert not holds(policy, text + " Expect a call by 4pm Thursday.", "urgent.vague-followup")


# Our slowness owned as "slow/late (in) <answering>"; a third party's help
# after the customer's own step said as a need ("you'll need to ring X and they'll ...").
@pytest.mark.parametrize(
    "opening",
    [
        "Apologies, I've been really slow getting back to you on this one.",
        "Sorry we were so late in answering your note.",
    ],
)
def test_slow_to_answer_acknowledges_the_delay(policy, opening):
    assert not late(policy, "Hi Lee,\n\n" + opening + "\n\n" + GOOD_ANSWER.split("\n\n")[1], 50)


def test_a_slow_courier_is_no_acknowledgement(policy):
    # the courier's slowness, not ours
    assert late(policy, "Sorry the courier was slow to deliver.\n\n" + GOOD_ANSWER, 50)


def test_their_help_after_the_customers_step(policy):
    text = "You'll need to phone the lock maker's hotline on 0800 555 0199 and they'll reset it."
    assert not holds(policy, text, "urgent.vague-followup")
    # waiting is no step: the promise is still ours, untimed
    text = "Give us a bit longer and we'll sort it out soon."
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Noted, we revert to you shortly.",
        "I'm checking with the warehouse and I return to you soon.",
        "We check the payroll run and come back to you in the short term.",
        "Our accountant reviews it and we get back to you on short term.",
        "We ask the courier and revert to you in a few days.",
    ],
)
def test_a_promise_said_in_the_present_with_a_vague_time(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "We usually get back to you within a day.",  # a habit, not this promise
        "We return to the depot on Monday.",
        "Please test it and come back to us tomorrow with the result.",  # their step
        "I come back to you tomorrow at 10:00 with the figures.",  # timed
        "I write back to you before 16:00 CET today.",  # any time timeexpr reads
        "We get back to you by Friday noon with the new quote.",
    ],
)
def test_present_tense_without_a_vague_promise(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Dear Ms Kowalczyk,\n\nWe confirm that we received your letter and the enclosed receipts."
        "\n\nKind regards,\nAnna",
        "Hello Rui, we confirm the receipt of your returned headset. It is now with our repairs"
        " team. Thank you for your patience.",
        "Hi Dan! Thanks so much for the feedback on the spicy menu. Our chefs are always working"
        " to make the recipes better. Have a lovely weekend!",
        "Morning Tom, thanks for the photos of the hull. The blistering does look nasty.",
        "Hi Aoife, thanks for telling us about the late delivery. Sorry it spoiled your evening."
        "\n\nSlán,\nCiara",
    ],
)
def test_replies_of_receipt_platitude_and_sympathy_only(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        # a receipt, then a fact of its own that may be the answer
        "We confirm that we received your letter and the refund was paid on 3 June.",
        # a plan with a date, after the platitude
        "Our chefs are always working to improve the menu, and the new vegan dishes launch on"
        " 1 May.",
        # an assessment that answers, not a reaction
        "Thanks for the photos. The seal looks worn, so we'll send a new one today.",
    ],
)
def test_a_fact_or_step_beside_them_moves_the_reply_on(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Please log a new ticket through the app under Help so the billing team can pick it up.",
        "For anything about your statement, kindly send an e-mail to the accounts team at"
        " accounts@example.org.",
        "Speeding fines are issued by the council, so you'd need to contest it with them.",
    ],
)
def test_sent_to_another_channel_or_party(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Please send an email to confirm the new address and I'll update the booking today.",
        "Make a claim in the app under Claims > New and we'll pay it within 5 working days.",
        "Go to Settings > Help in the app and tap Export log, then reply with the file.",
    ],
)
def test_a_step_in_our_own_product_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "If the fridge ices up again later in the year, a second visit would be covered.",
        "Should the rash come back soon after the course ends, that would count as the same"
        " claim.",
    ],
)
def test_vague_word_inside_a_condition_times_no_promise(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


def test_vague_word_inside_a_condition_still_leaves_our_promise_judged(policy):
    text = "If you send the photos over, we'll look at them soon."
    assert holds(policy, text, "urgent.vague-followup")


def test_past_breakdown_within_a_period_is_no_concrete_time(policy):
    text = (
        "So sorry the heater you bought from us broke down within ten days. I've written to"
        " the maker with your order details, and when they answer we will let you know."
    )
    assert holds(policy, text, "urgent.vague-followup")


def test_their_own_free_moment_is_vague_timing(policy):
    text = "The electrician will pop over to rewire the socket whenever he's got a spare moment."
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Ah, that's one for the finance side, you'll have to ring payroll.",
        "Please speak to billing about the refund.",
    ],
)
def test_a_department_named_bare_is_another_team(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Grooming is covered on the Plus plan. Do ask the salon to confirm their accreditation"
        " when you book the first trim.",
        "Before you hire a roofer, ask them whether they're fully insured.",
    ],
)
def test_asking_a_provider_about_their_own_standing_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


def test_asking_a_party_about_our_matter_is_still_a_hand_off(policy):
    assert holds(policy, "Please ask your bank to confirm the refund.", "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Right, we got your note about the bins being left open. Point taken. Cheers for"
        " telling us.",
        "Thanks a lot for writing in about the missed collection, I know it's a worry when"
        " there's a fee hanging over the account. Your message has been logged.",
    ],
)
def test_point_taken_and_worry_are_receipt_and_sympathy_only(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


def test_point_taken_with_a_step_moves_on(policy):
    text = "Point taken, I'll move the bins to the side gate on Monday."
    assert not holds(policy, text, "urgent.no-next-step")


def test_a_step_timed_before_the_customers_own_payment_is_not_vague(policy):
    text = (
        "When you ask for a quote on our site, list the old knee injury. The underwriters will"
        " then confirm in writing what is covered before you pay anything."
    )
    assert not holds(policy, text, "urgent.vague-followup")


# ------------------------------------- sympathy, values, notes for later: nothing moves


@pytest.mark.parametrize(
    "text",
    [
        "Cheers for letting us know the heat pump is leaking again. Sorry it's back, that's a"
        " real pain with winter coming.",
        "Sorry this has happened again, that's a right nuisance before the holidays.",
        "Thanks for letting us know. What a pain, especially with guests arriving.",
        "We have taken note of your concerns about the technician arriving late. Asante for"
        " bringing this to our attention.",
        "Shukran for flagging this with us.",
        "I'm really sorry to hear the car overheated, that must have been scary. Your safety"
        " matters a great deal to us. Thank you for your understanding.",
        "Your business is really important to us. Thanks for your patience.",
        "Received your email about the extra charges already. We will take note for future"
        " improvement. Have a nice day!",
        "We'll make a note of it for the future. Have a blessed weekend!",
        "Good afternoon ma. Your request for refund of the caution fee is under review. Thank"
        " you for choosing us.",
        "Good morning sir. Your claim is under review. Thank you for choosing us.",
        "I'm really sorry about Saturday. Waiting in for a visit that turns up nearly two hours"
        " late is genuinely maddening.",
        "Mi hear yuh, and mi sorry bout di flat tyre. Dat nuh nice at all. Thanks fi bearing"
        " wid us.",
    ],
)
def test_sympathy_values_and_notes_for_later_move_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Sorry it's back, I've booked an engineer for Thursday 9am.",
        "That's a real pain, so I've sent a replacement by courier today.",
        "Your safety matters to us, so I've booked a free inspection for Monday at 10:00.",
        "We'll make a note on your account and refund the £12 today.",
        "Waiting in for two hours is maddening, so I've refunded the £12 callout fee.",
        "Sorry, it's back up now: the sync finished at 09:40.",
    ],
)
def test_sympathy_followed_by_an_act_moves_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


def test_a_note_taken_for_later_is_no_vague_followup(policy):
    text = "We will take note for future improvement. Have a nice day!"
    assert not holds(policy, text, "urgent.vague-followup")


# ------------------------------------- sent elsewhere: not handled by us, come through, source it


@pytest.mark.parametrize(
    "text",
    [
        "Warranty claims for fridges bought from a retailer are not handled by us, kindly contact"
        " the shop where you made the purchase.",
        "Refunds for marketplace orders aren't processed by us; you'll need to ask the seller.",
        "Any escalation has to come through your body corporate's manager, so please send it to"
        " them first.",
        "That area's outside where we service, so you'd need to find a local repairer in"
        " Tauranga yourself.",
        "We don't sell spare parts, so you'll have to source the door hinge from one of the"
        " dealers on Luthuli Avenue.",
        "We don't stock that part, so you'll have to order it from another supplier.",
    ],
)
def test_not_handled_by_us_or_sourced_elsewhere_deflects(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "The payment has to come through your app before the booking confirms.",
        "We'll need to source the hinge from one of our dealers, and I'll have it fitted by"
        " Friday.",
        "Your refund has to come through the bank's usual process, which takes 3 days; I've sent"
        " it today.",
    ],
)
def test_our_own_sourcing_or_a_process_step_is_no_deflection(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for flagging the cold radiator. I've made a note to call you on Monday at "
        "10:00 to book the engineer.",
        "Thanks for letting us know. I've set myself a reminder to chase the depot on Friday.",
        "Thanks for the meter photo. I've diarised to check the reading on 3 June.",
    ],
)
def test_a_reminder_set_to_act_is_a_next_step(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the feedback. I've made a note on your file.",
        "Thanks for the feedback. We've made a note of it.",
    ],
)
def test_a_note_with_nothing_to_do_is_no_next_step(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "It gives you the answer straight away, along with the wiring our engineer will use.",
        "Here is a list of the parts we'll need.",
        "That is the cable the technician will fit on the day.",
        "Attached is the quote, showing the materials our fitter will bring.",
    ],
)
def test_a_will_that_describes_a_thing_is_no_promise(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "In the meantime we will investigate.",
        "Once the part arrives we will fit it and let you know.",
        "I've passed the photos to the team who will be in touch.",
        "I have the details and our engineer will call you back.",
    ],
)
def test_a_promise_after_a_thing_is_still_a_promise(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Sorry to hear it's been playing up. There's nothing worse than a chilly hallway in "
        "January. Your message has been passed on to the relevant team.",
        "Nobody wants a soggy delivery on a Friday. Your message has been passed on.",
        "Nothing's worse than a cold shower in winter. We've logged your message.",
        "That's the last thing you need before a holiday. Your feedback has been passed on.",
        "Thanks so much for reaching out about your order, we sure appreciate you. "
        "We've received your message.",
        "I have shared your feedback with our product team. Comments like yours are very "
        "important for us, because the seating map is one of the tools our venues use the "
        "most, and we always want to make it better.",
        "Noted sir. Your request for international roaming activation is under process.",
        "Noted, ma'am. Your case has been passed on to the team.",
    ],
)
def test_commiseration_regard_and_addressed_receipts_move_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "There's nothing wrong with your meter, the reading is correct.",
        "Your refund is pending because the bank takes 5 days to clear it.",
        "Nobody likes a cold hallway, so I've booked an engineer for Tuesday at 9am.",
    ],
)
def test_an_answer_or_a_step_after_commiseration_moves_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


# --------------------------------------------------------------------- our own channel

@pytest.mark.parametrize(
    "text",
    [
        # our own line, number or desk is as good as "call us"
        "Call our roadside line at (720) 555-0188 and they'll take it from there.",
        "Please ring our 24-hour breakdown number on 0800 123 456.",
        "Phone our out-of-hours line and they'll talk you through it.",
        "Pop into our front desk and the team will swap it.",
        # the call comes back to the writer
        "If they're not with you by 15:00, ring the trade desk and ask for me.",
        "If the parcel hasn't arrived by Friday, phone reception and ask to speak to me.",
        "Give the office a call and ask for me by name.",
        # "I'll find out" is our own act
        "If it isn't there by 3pm, ring the depot, and I'll find out where the van is.",
    ],
)
def test_our_own_line_or_desk_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Ring the bank and ask for their fraud team.",
        "Call the manufacturer and ask for a returns number.",
        "Call the bank's fraud line on 0800 111 222.",
        "Ring the manufacturer's hotline about the fault.",
        "Please contact your insurer's claims desk.",
        # our switchboard only routes them on; our main number to another department
        "Please ring our switchboard on 0345 000 0000 and ask to be put through to accounts.",
        "Please call our main number and ask for the claims department.",
        # another department's line of ours is another team
        "Please ring our accounts line on 0345 000 0000 to discuss the invoice.",
        "Please call our claims line to report the damage.",
    ],
)
def test_another_partys_line_or_routing_on_stays_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        # a third party's promise that follows the customer's own step
        "For this request please write directly to quality@crumbsy.example and put the product "
        "code in the subject, they will send you the current allergen sheet.",
        "Please email the supplier with your order number, they'll send you a new manual.",
        "Just fill in the returns form, the warehouse will refund you.",
        "For warranty issues, please contact the manufacturer and they will arrange a repair.",
    ],
)
def test_a_promise_after_the_customers_own_step_is_not_untimed(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "The supplier will send you a new manual.",
        "Please email the supplier with your order number, they'll send you a new manual soon.",
    ],
)
def test_a_third_partys_promise_alone_or_vaguely_timed_stays_vague(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the photos. What a state to find at the back door. I've logged everything "
        "on your account and your feedback has been passed on to the warehouse team.",
        "What a nightmare that must have been! Your comments have been passed on.",
        "I've shared your email with our Denver depot team and our operations manager so they "
        "can see exactly what happened at your pick-up. We truly appreciate the feedback.",
        "I've forwarded your complaint to the store manager and the area team so they're aware "
        "of what happened.",
    ],
)
def test_exclamations_and_more_people_told_move_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "I've passed your email to our depot team and our operations manager, who will call "
        "you by 5pm today.",
        "I've shared your email with our depot team so they can refund the £40 deposit today.",
        "What a mess. I've booked a collection for Thursday 14 May between 8 and 12.",
        "What a shame! The replacement is on today's van and will be with you by 3pm.",
    ],
)
def test_a_step_after_an_exclamation_or_passing_on_moves_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Waiting an hour past your slot, and then finding the dinette sticky, is not how "
        "anybody wants to kick off a trip. I've shared your email with our depot team.",
        "A flat battery on the first morning is no way to start a holiday. Your comments have "
        "been passed on.",
        "Two cancelled lessons in a row isn't what anyone needs before an exam. We've logged "
        "your complaint.",
        # a receipt, misspelt as people do
        "Recieved, thanks. I've read through your email about the late fee.",
        "Recived with thanks.",
        "Your documents have been recieved.",
    ],
)
def test_an_ordeal_commiserated_or_a_misspelt_receipt_moves_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "A cold van at midnight is no way to start a holiday, so I've refunded the first night "
        "($89) to your card today.",
        "Waiting an hour is not how anybody wants to start a trip; the $50 credit is on your "
        "booking now and you can use it at drop-off.",
        "Recieved, thanks. The late fee has been refunded to your card today.",
    ],
)
def test_an_act_after_commiseration_or_receipt_moves_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        # a request after a comma, past a refusal of our own
        "Our Singapore centre does not manage the mail forwarding contract, please liaise with "
        "the forwarding vendor directly on this.",
        "The charge doesn't appear on our side, please check with your card issuer.",
        # settled among themselves, without us
        "Booking clashes between members are best worked out between the two teams directly.",
        "Disputes over the shared bins are best resolved with your neighbour directly.",
        "Scheduling conflicts are better settled among the tenants themselves.",
        # whoever is reached "directly" is someone else
        "Please direct all complaints about tutor conduct to the tutor directly, as they are "
        "independent contractors.",
        "Take it up with the host directly, they set the house rules.",
    ],
)
def test_sent_to_settle_it_elsewhere_is_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "The lab results aren't back yet, please don't contact the clinic, I'll chase them today.",
        "Your booking is confirmed for Monday, please call us if anything changes.",
        "The details are best discussed with me on a call tomorrow at 10am.",
        "The sleep timer is controlled by the iPad itself.",
        "Please send the photos to me directly and I'll check them by 3pm.",
    ],
)
def test_our_own_part_or_a_device_setting_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        # a notice lead is no request: the statement after it is the promise
        "Kindly be informed that the refund for your cancelled pass is being processed and will "
        "be credited back to you in due time.",
        "Please note that your replacement card will be posted shortly.",
        "Please be advised that our engineer will visit in the coming days.",
        # contact to come, said in the passive
        "Your request is in process and you will be contacted once it is treated.",
        "You will be notified when the claim is reviewed.",
    ],
)
def test_notices_and_passive_contact_are_vague_promises(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Kindly note that the refund will be credited within 5 working days.",
        "Please note that you can change the date later in the app.",
        "You will be contacted by 5pm today.",
        "Once you've signed in, you will be asked to set a new password.",
        "You will be charged the late fee if it's returned after Friday.",
    ],
)
def test_timed_notices_and_the_customers_own_steps_are_not_vague(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


# A note or instruction that sets someone else to act moves the case on; a note
# to file does not.
NOTE_SETS_SOMEONE_TO_ACT = [
    "Thanks for letting us know the buzzer isn't working; I've added a note for the driver "
    "to ring your mobile instead.",
    "We've left instructions for the courier to leave it with your neighbour.",
    "I've put a note on the order for the engineer to bring a longer cable.",
    "I've sent a message to the depot team to hold the parcel.",
]
NOTE_TO_FILE_ONLY = [
    "Thanks for letting us know the buzzer isn't working; I've added a note to your account.",
    "We've made a note of your feedback for the team.",
]


@pytest.mark.parametrize("text", NOTE_SETS_SOMEONE_TO_ACT)
def test_a_note_that_sets_someone_to_act_moves_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize("text", NOTE_TO_FILE_ONLY)
def test_a_note_to_file_only_is_still_no_next_step(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


# "Directly" meaning "soon" is vague timing; "directly" meaning "straight to"
# is no timing at all.
DIRECTLY_SOON = [
    "Y'all's refill is sitting in the queue and the pharmacist'll sign off on it directly.",
    "Someone'll ring you back directly.",
    "The driver will be round directly.",
    "We'll get to it directly.",
]
DIRECTLY_STRAIGHT = [
    "We'll send it directly to your GP.",
    "We'll pay it into your account directly.",
    "The pharmacist'll sign off on it directly, by 4pm today.",
]


@pytest.mark.parametrize("text", DIRECTLY_SOON)
def test_directly_meaning_soon_is_vague(policy, text):
    found = holds(policy, text, "urgent.vague-followup")
    assert found and found[0].evidence == "directly"


@pytest.mark.parametrize("text", DIRECTLY_STRAIGHT)
def test_directly_meaning_straight_is_not_the_vague_word(policy, text):
    assert all(f.evidence != "directly" for f in holds(policy, text, "urgent.vague-followup"))


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for your feedback about stealth mode. I have transmitted your remarks to our "
        "firmware team.",
        "Thanks for the photos. I have conveyed your concerns to the warehouse.",
        "Thanks for your feedback. Your comments have gone to our kitchen team.",
        "So sorry the soup was cold. Your note has been sent to the head office team.",
    ],
)
def test_remarks_transmitted_or_conveyed_are_only_passed_on(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Your refund has been sent to your bank and should land by Friday.",
        "Your comments have gone to our kitchen team, and the head chef will ring you by 5pm "
        "on Friday.",
    ],
)
def test_sent_to_their_side_or_with_a_step_moves_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


def test_a_contract_transmitted_to_their_solicitor_is_done(policy):
    assert not holds(policy, "I've transmitted the signed contract to your solicitor.",
                     "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Your claim will be processed once we receive the case number from you.",
        "We'll process your claim as soon as we have your case number.",
        "NIN linking is done by NIMC, but I've checked and your NIN is already linked to your "
        "account here.",
    ],
)
def test_timed_by_their_next_step_or_checked_and_answered(policy, text):
    found = holds(policy, text, "urgent.vague-followup") + holds(
        policy, text, "urgent.deflection"
    )
    assert not found


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Your complaint ref CX-40921 is still being treated.", "urgent.no-next-step"),
        ("Your request is being attended to.", "urgent.no-next-step"),
        ("Kindly exercise patience, your funds will be reversed as soon as possible.",
         "urgent.vague-followup"),
        ("Kindly visit any of our branches with a valid ID to resolve this.",
         "urgent.deflection"),
        ("We'll refund you once we get the report from the courier.", "urgent.vague-followup"),
    ],
)
def test_status_spliced_promise_and_branches(policy, text, rule):
    assert holds(policy, text, rule)


# ------------------------------------- round 66 (uc): ranges, version floors, "now"


@pytest.mark.parametrize(
    "text",
    [
        "The credit is done and should show on your statement within 2 to 4 working days.",
        "Your replacement ships today and arrives in 3-5 business days.",
        "We'll confirm the booking in two or three hours.",
        "Refunds normally land within 5\u20137 days of approval.",
    ],
)
def test_a_range_of_days_or_hours_is_a_concrete_time(policy, text):
    assert has_commitment(text)
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "We'll look at it within a few days.",
        "Someone will call you in the next few days.",
    ],
)
def test_a_range_without_numbers_stays_vague(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "The new export needs iOS 17 or later; you can update it from Settings > General.",
        "Please install build 2.3 and later on both tills before Friday's stocktake.",
        "Your card reader needs firmware 4.1 or later, which I've pushed to it remotely.",
        "Use the desktop app 8.0 or a later version for the bulk import.",
    ],
)
def test_a_version_floor_is_no_vague_time(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "We'll sort it out sooner or later.",
        "I'll send you the new version later.",
    ],
)
def test_later_as_a_time_stays_vague(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Since the fault is back, I'll reset your router remotely right now.",
        "We'll book the engineer for you now.",
        "Thanks for the photos; I'll put the replacement order through now.",
        "OK, I'll check the meter readings from here straight now!",
    ],
)
def test_an_act_closed_by_now_is_under_way(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "We'll hold the booking for now.",
        "We will now pass it to the team.",
    ],
)
def test_now_that_times_nothing_stays_untimed(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "You were billed twice, so I've raised a credit of \u00a340 to your account.",
        "We've raised a credit note for the missing pallet.",
        "I've put a goodwill credit of R150 on your account.",
        "The late fee was our mistake and I've raised a refund for it.",
    ],
)
def test_money_raised_to_their_account_is_done(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "I've raised a refund request with our billing team.",
        "We've raised a ticket about the charge.",
    ],
)
def test_a_request_raised_is_still_only_passed_on(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Can you let me know if the printer is linked by Bluetooth or USB?",
        "Please confirm whether the meter is connected by Ethernet or by the 4G modem.",
        "Could you tell us whether your account is managed by your IT team?",
        "Could you tell me the model number and if the unit is powered by the mains or a "
        "battery?",
    ],
)
def test_a_question_about_how_things_stand_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Please ask your bank whether the payment is handled by them.",
        "Tell us if you get stuck, otherwise the setup is handled by your IT team.",
    ],
)
def test_asking_someone_else_or_a_closed_question_stays_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Your refund will go through when the finance team gets round to it.",
        "We'll fix the invoice once our accounts people get to it.",
        "The swap will be done as soon as the warehouse crew get to yours.",
        "Your claim will be looked at once the assessors get around to it.",
    ],
)
def test_waiting_on_a_queue_is_vague(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


def test_arriving_somewhere_or_a_timed_queue_is_not_vague(policy):
    # reaching a place is no queue to wait on
    arriving = "Once the engineer gets to your site, they'll test the line."
    assert not [t for t in find_times(arriving) if t.kind is TimeKind.VAGUE]
    # the queue with its time given
    timed = "When the team gets to it at 14:00 today, I'll update you."
    assert not holds(policy, timed, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Good to hear from you, I've rebooked your slot so nothing's lost.",
        "I've blocked the old card so that no one else can use it.",
        "Lovely to hear back \u2014 we've kept your table, so nobody else can take it.",
        "I've frozen the account, so there's no risk of further debits.",
    ],
)
def test_our_act_with_a_negated_good_result_is_done(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "We've noted it so nothing gets missed.",
        "Thanks for writing, so nobody is left out.",
    ],
)
def test_a_negated_result_after_a_note_or_thanks_moves_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "I'm checking that your payment reached the supplier.",
        "We're checking that the courier scanned the parcel at the depot.",
        "Our team is reviewing that the new rates were applied to every invoice.",
        "I'm checking that their bank acknowledged the file in case the delay is ours.",
    ],
)
def test_checking_that_something_happened_is_a_named_check(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize("text", ["I'm checking that.", "We are reviewing that now."])
def test_checking_that_alone_is_still_status(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "In the app, go to Settings, then Sync, and your figures will update.",
        "Pull down to refresh and your readings will update.",
        "Log out and back in and the screen will update with the new plan.",
        "Re-open the report and the totals will update.",
    ],
)
def test_a_screen_refreshing_after_their_step_is_no_promise(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    ["Our data team will update you.", "The figures will be sent to you soon."],
)
def test_people_or_a_sending_of_figures_stay_promises(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "DM us your order number and we'll check it.",
        "WhatsApp the meter photo to 082 555 0101, and our assessor will review it.",
        "Just Viber us the serial number, and we'll look it up.",
        "Fax the signed form to 01632 960 001 and we'll process it.",
    ],
)
def test_a_message_app_step_times_our_promise(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "WhatsApp us and someone will get back to you soon.",
        "Share the link with your team and we'll look at it later.",
    ],
)
def test_a_message_app_step_with_a_vague_word_stays_vague(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Please ask your network admin to whitelist mail.acme.example and then sync again.",
        "Ask the school's IT team to unblock video.example.com on the proxy, then sign in again.",
        "Could you ask your IT department to open port 5060 for our phones and then retry "
        "the call?",
        "Ask your card issuer to allow payments to Lumo Ltd, then try the checkout again.",
    ],
)
def test_asking_for_a_named_change_then_retrying_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Ask your IT team to look into it, then try again.",
        "Ask your bank to allow the payment and then contact them again.",
    ],
)
def test_asking_them_to_look_or_going_back_to_them_stays_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


def test_a_status_the_law_requires_is_no_hand_off(policy):
    text = ("Please have your registration details ready, as the tenancy must be registered with "
            "the Residential Tenancies Board within one month of the start date.")
    assert not holds(policy, text, "urgent.deflection")
    assert holds(policy, "Your complaint must be raised with the ombudsman.", "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "You can. We'll pay up to whatever's left of your optical limit when the claim comes in.",
        "If the reversal was a mistake, ask your bank to cancel the dispute and forward me their "
        "confirmation email.",
    ],
)
def test_their_claim_arriving_or_their_bank_s_proof_back_to_us(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")
    assert not holds(policy, text, "urgent.deflection")


def test_a_supplier_s_part_arriving_stays_vague_and_asking_the_bank_to_look_a_hand_off(policy):
    assert holds(policy, "We'll refund you when the part comes in from the supplier.",
                 "urgent.vague-followup")
    assert holds(policy, "Please ask your bank to look into it.", "urgent.deflection")


# Relief that they or theirs are unharmed is sympathy, not an answer: with only words
# passed on after it, nothing moves.  A step after the relief still moves the reply.
@pytest.mark.parametrize(
    "text",
    [
        "We're really relieved to hear the children are okay. Your comments have been "
        "passed on to the maintenance team.",
        "I'm so glad your cat is safe. Your complaint has been forwarded to our depot manager.",
        "So glad you and your little one are alright! We have shared this with the driver's "
        "manager.",
        "Am very happy that your mother is safe now. Your feedback is passed to concerned "
        "department.",
    ],
)
def test_relief_and_words_passed_on_move_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "I'm glad your dog is safe; I've booked an engineer for tomorrow at 9am.",
        "Relieved your son wasn't hurt. I've asked the depot for the driver's tachograph "
        "record and will call you by 4pm.",
    ],
)
def test_relief_then_a_step_moves_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


# "X, not Y" corrects a noun; it does not deny the clause's verb, so what we need
# from them is still a step for them.
@pytest.mark.parametrize(
    "text",
    [
        "We need your original ID card, not a photocopy.",
        "We'll need the signed lease, not a scan, at the office on Monday.",
        "Bring the paper licence, not the digital one, to the counter.",
        "Wi need di original receipt, not a copy, fi process di claim.",
    ],
)
def test_a_noun_corrected_by_not_is_still_a_step(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "We've passed your complaint to the manager, not the driver.",
        "We have received your form, not a problem.",
    ],
)
def test_a_contrast_after_words_passed_on_moves_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


# A third party's promise with a concrete time says what happens next and when.
@pytest.mark.parametrize(
    "text",
    [
        "The glazier has promised to come out within 48 hours.",
        "The council have committed to a repair within 5 working days.",
        "I rang the contractor and they promised a plumber on site by 6pm.",
        "Courier ne promise kiya hai ki redelivery within 24 hours hogi.",
    ],
)
def test_a_promise_with_a_concrete_time_moves_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


# Asking a third party for a record or evidence is an investigation step of ours;
# asking them for news, or passing words on, is not.
@pytest.mark.parametrize(
    "text",
    [
        "We've asked the shop for the CCTV footage from Saturday afternoon.",
        "I asked the bank for a payment trace.",
        "So I have asked our driver's depot for the van's tracker history.",
        "Asked the landlord for a copy of the gas safety certificate this morning.",
    ],
)
def test_asking_a_party_for_a_record_moves_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "I've asked the team for an update.",
        "We have shared your comments with the depot.",
    ],
)
def test_asking_for_news_or_passing_words_on_moves_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


# A payment sent on a date is a delivered answer, not status.
@pytest.mark.parametrize(
    "text",
    [
        "The £30 credit went out yesterday.",
        "Your replacement cheque was posted out on Friday 6 June.",
        "Your refund of $45 was sent out on 2 May to the card ending 4411.",
        "Reimbursement for the taxi went out this morning.",
    ],
)
def test_a_payment_sent_on_a_date_is_an_answer(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text", ["Your refund went out.", "Your request has been passed to billing."]
)
def test_a_payment_or_request_without_a_date_moves_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


# Evidence e-mailed straight to an address is information for whoever handles the
# matter, not the matter sent away; a party named before the address still is.
@pytest.mark.parametrize(
    "text",
    [
        "Please email the two photos of the meter display to repairs@example.org.",
        "Could you send scans of both pages of the lease to lettings@ourhomes.example?",
        "Email a copy of the receipt to refunds@shop.example and we'll take it from there.",
        "Pls forward the screenshots of the error to help@acme.example.",
    ],
)
def test_evidence_sent_to_an_address_is_no_deflection(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Email the photos to your insurer at claims@insurer.example.",
        "Please email your complaint to complaints@ombudsman.example.",
    ],
)
def test_a_party_or_the_matter_sent_to_an_address_is_deflection(policy, text):
    assert holds(policy, text, "urgent.deflection")


# A refusal is a hand-off only when the sentence says where to go instead: a party
# our own clause acts on ("but I've checked your line") is not such a place.
@pytest.mark.parametrize(
    "text",
    [
        "We don't support routers bought elsewhere, but I've checked your line from our end "
        "and it is syncing normally.",
        "We can't repair third-party chargers, but we've tested your phone's port and it's fine.",
        "I'm unable to change the delivery slot, so I called the depot and they confirmed "
        "the van is on time.",
        "We don't cover the boiler itself, but I've inspected your pipework and found no leak.",
    ],
)
def test_a_refusal_with_our_own_act_on_a_party_is_no_deflection(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "We don't support that router, please contact your retailer.",
        "We don't support third-party routers; your retailer can help.",
    ],
)
def test_a_refusal_naming_where_to_go_is_deflection(policy, text):
    assert holds(policy, text, "urgent.deflection")


# Our booking stands; the call offered only moves it if it does not suit.
@pytest.mark.parametrize(
    "text",
    [
        "The plumber is booked for Tuesday morning; if that doesn't suit, ring the repairs "
        "line to move it.",
        "The engineer is coming Thursday 8-12; if the slot is no good, ring the depot to "
        "rearrange.",
        "Delivery is set for Friday. If that day doesn't suit you, contact the courier to "
        "change it.",
        "Fitter booked for 3 June, if dat date nah work just call di office fi reschedule.",
    ],
)
def test_a_call_to_move_our_booking_is_no_deflection(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "If that doesn't suit, phone the repairs line.",
        "If the repair doesn't work, contact the manufacturer to arrange a replacement.",
    ],
)
def test_a_hand_off_without_our_booking_to_move_is_deflection(policy, text):
    assert holds(policy, text, "urgent.deflection")


# A standing arrangement in force now is how things are done, not a follow-up.
@pytest.mark.parametrize(
    "text",
    [
        "I've changed the contact number, so the repairs team will ring that one from now on.",
        "From now on, the engineers will text your mobile rather than your landline.",
        "Your statements will go to the new address from today onwards.",
        "Henceforth the courier will leave parcels with reception.",
    ],
)
def test_a_standing_arrangement_is_no_vague_followup(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text", ["From now on we will look into it soon.", "In future, we'll look into it."]
)
def test_a_promise_with_vague_timing_still_is(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


# Timed only by "sooner or later" or by the end of our own process ("once the
# investigation is complete"): no time the customer can plan around.  "Rest assured"
# is an assurance, not a request whose timing is theirs.
@pytest.mark.parametrize(
    "text",
    [
        "We'll share the outcome once the review is complete.",
        "Your deposit will be returned sooner or later.",
        "The findings will be sent to you when the audit has been concluded.",
        "Please rest assured, the technician will visit you soon, we only need the part.",
    ],
)
def test_open_ended_process_timing_is_vague(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "We'll share the outcome once the review is complete on Friday 14 March.",
        "Once the investigation is complete, please send us the form.",
    ],
)
def test_a_dated_process_or_their_step_is_not_vague(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "In the console go to Policies and open the default policy.",
        "On the next screen tick Save and close the window.",
        "MFA is then handled by Entra ID with your own Conditional Access rules.",
    ],
)
def test_a_place_said_first_and_a_set_up_step_are_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


def test_handled_by_another_team_is_still_a_hand_off(policy):
    assert holds(policy, "This is handled by another team.", "urgent.deflection")


# Round 69.  "Use" or "try" with a tool, a credential or steps as its object is how
# to do the step, not someone to turn to: "use the campus VPN client instead",
# "sign in using your staff address", "try the same steps on a lab PC".
@pytest.mark.parametrize(
    "text",
    [
        "Please use the office remote desktop app instead of the browser version.",
        "Please use the university VPN client instead.",
        "You'll have to use your college ID rather than your personal email to sign in.",
        "Reconnect using your full staff@college.example address as the username.",
        "Could you try these steps on a different laptop?",
        "Try the same fix on the office PC and tell me what you see.",
        "For the lab printers you need to use your library card, not the guest code.",
    ],
)
def test_using_a_tool_or_credential_is_no_deflection(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Please use your bank's app to dispute the charge.",
        "Please use the community forum instead.",
        "Could you try the help desk at the library?",
    ],
)
def test_using_another_partys_channel_is_still_deflection(policy, text):
    assert holds(policy, text, "urgent.deflection")


# Our own act after a leading purpose phrase still counts ("..., but to save you
# waiting, I've put a note on your file"); and help promised at no cost to the
# customer is ours ("a technician can move it for you free of charge").
@pytest.mark.parametrize(
    "text",
    [
        "You're welcome to call the hotline anytime, but to save you waiting, I've put a note "
        "on your file.",
        "Feel free to phone the office; to save time, we've added a note to your account so the "
        "agent can see it.",
        "Ring the depot if you like, but so you don't have to explain again, I've logged the "
        "details on your booking.",
        "Please don't move the meter yourself; an engineer can do it for you free of charge.",
        "Don't try to reroute the cable; a technician can sort it for you at no cost.",
        "A fitter will swap it for you at no extra charge.",
    ],
)
def test_our_act_after_a_purpose_or_help_at_no_cost_is_no_deflection(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "To save time, please call the helpline.",
        "To save you waiting, you can call the hotline instead.",
        "Your bank can refund it for you.",
    ],
)
def test_a_purpose_or_help_elsewhere_is_still_deflection(policy, text):
    assert holds(policy, text, "urgent.deflection")


# A gap put right by us ("your number was missing, so I've added it now") or a fix we
# got someone to make ("... helped us get the contractor to replace the door sensor on
# Monday") settles the matter: the answer, not status.  A note on file, a hand-on or a
# look stays status.
@pytest.mark.parametrize(
    "text",
    [
        "Your number was missing from our list, so I've added it now.",
        "You weren't on the mailing list, so we've added you.",
        "The second driver wasn't on the policy; I have now added her.",
        "Your reports helped us get the contractor to replace the door sensor on Monday.",
        "We got the landlord's plumber to fix the leak yesterday.",
        "We had the engineer swap the meter on Tuesday.",
    ],
)
def test_a_gap_put_right_or_a_fix_got_done_is_no_status(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    ["I've added a note to your file.", "We've escalated it.", "I've had a look at it."],
)
def test_a_note_a_hand_on_or_a_look_is_still_status(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


# No follow-up awaited: a predicted trouble ("that setup will give you trouble"), a
# vague word in the purpose of a request ("... so we can get this sorted quickly"), a
# case kept open (a state, not an act they wait for).
@pytest.mark.parametrize(
    "text",
    [
        "That setup will give you trouble with the Wi-Fi, so plug the switch into the wall "
        "port instead.",
        "Running both apps at once will cause you problems, so please close one.",
        "An old router like that is going to give you headaches; the one we sent is better.",
        "I'd ask that we keep things civil so we can get this sorted quickly.",
        "Please keep the receipt handy so that we can process the refund as soon as possible.",
        "We'll keep the case open until we find the cause of the leak.",
        "I'm keeping your ticket open while the engineers look into it.",
    ],
)
def test_trouble_foretold_a_purpose_or_a_case_kept_open_is_no_vague_followup(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "We'll get this sorted quickly.",
        "We'll keep you posted.",
        "The team will give you a call soon.",
    ],
)
def test_promises_without_a_time_still_vague_round69(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


def test_a_day_naming_past_boxes_is_no_time_for_the_promise(policy):
    text = ("I've passed this to our packing team, who'll look into what went wrong with "
            "Tuesday's boxes, and we'll get back to you as soon as we can.")
    assert holds(policy, text, "urgent.vague-followup")
    assert not holds(policy, "We'll send it with Tuesday's delivery.", "urgent.vague-followup")


# Round 71: the matter sent to a request form on our website (or an online/web form)
# with nothing done by us is a hand-off, as "raise a ticket in the portal" is; a form
# we filled in ourselves, a form plus our act and its time, or a paper form sent back
# to us is not.
@pytest.mark.parametrize(
    "text",
    [
        "For wheelchair spaces, please fill out the online form and the venue office will "
        "handle it from there.",
        "If you need step-free access, please fill in the form on our website and the "
        "accessibility desk will pick it up.",
        "Please fill in the web form for disabled parking and the car park office will take it "
        "from there.",
        "For a hearing loop at your table, kindly fill in the request form on the website.",
        "For a change of address, please fill in the online form.",
        "Please fill out the contact form on our site about the missing refund.",
        "Kindly complete the web form on our portal for the lost card.",
        "You can fill in the form on our website for a copy of your invoice.",
    ],
)
def test_a_form_on_our_website_and_nothing_done_is_deflection(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "I've filled in the recovery form on our website for you, and you'll get a reset link "
        "from us by 5pm today.",
        "Please fill in the form on our website and I'll book the seats for you by noon "
        "tomorrow.",
        "Please fill in the attached form and email it back to me.",
        "Once you've filled in the online form, I'll call you within the hour to confirm.",
        # a step of their own visit, and a report of what they did
        "Please complete the online check-in form before you arrive.",
        "You completed the form on our website last week.",
    ],
)
def test_a_form_we_filled_or_a_form_plus_our_act_is_no_deflection(policy, text):
    assert not holds(policy, text, "urgent.deflection")


# Round 71: sympathy whose date is the customer's own deadline ("with payday tomorrow")
# is still sympathy only: the date says nothing we will do.
@pytest.mark.parametrize(
    "text",
    [
        "So sorry the stock sync broke again. That must be really worrying with the sale "
        "starting tomorrow.",
        "Sorry to hear the boiler is still off. That must be so stressful with the frost due "
        "tonight.",
        "Really sorry the booking vanished. I can imagine how stressful that is with the "
        "wedding on Saturday.",
        "Sorry the courier missed you again. That's a real worry with your flight on Friday.",
    ],
)
def test_sympathy_about_their_deadline_is_no_next_step(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Sorry the pay run failed again. That must be stressful with payday tomorrow, so I've "
        "re-run it and it completed at 10:20.",
        "Sorry the stock sync broke again; the fix goes live tomorrow at 8am.",
    ],
)
def test_sympathy_with_our_act_or_a_dated_fix_moves_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


# Round 71: a one-word receipt on its own ("Noted.", "Received.") is a receipt, not a
# name line; a receipt with an act, or a real name under a reply, is not held.
@pytest.mark.parametrize(
    "text", ["Noted.", "Acknowledged.", "Well received.", "Duly noted!", "Hi Priya,\n\nReceived."]
)
def test_a_bare_receipt_word_is_no_next_step(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Received, and I've refunded the £40 to your card today.",
        "Noted. I've moved your delivery to Friday at 9am.",
        "Hi Sam,\n\nYour refund of £40 went back to your card this morning.\n\nBest,\nNoel",
    ],
)
def test_a_receipt_with_an_act_or_a_name_line_is_no_finding(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


# Round 71: where the customer's goods stand ("your sofa is in production"), said with
# no step and no time, is status only; the same with a date, or a fix that is live
# ("the fix is in production"), is not.
@pytest.mark.parametrize(
    "text",
    [
        "Your sofa's in production.",
        "The curtains you ordered are in production.",
        "Your replacement handset is in transit.",
        "Your new glasses are in production at our lab.",
    ],
)
def test_where_their_goods_stand_is_status_only(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Your order is in production and ships on Wednesday; tracking follows by email.",
        "Yes, the fix is in production.",
        "Your parcel is in transit, tracking number JD014600012345.",
    ],
)
def test_goods_with_a_date_or_a_live_fix_is_no_status(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


# Round 71: "we're busy" (a high volume of requests, high demand) is status about us.
@pytest.mark.parametrize(
    "text",
    [
        "We are experiencing a high volume of calls at the moment.",
        "We're currently receiving an unusually high number of enquiries.",
        "Our team is dealing with higher than usual demand right now.",
        "We are currently seeing heavy volumes of support tickets.",
    ],
)
def test_a_busy_desk_said_alone_is_status_only(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "We're currently experiencing a high volume of requests, so I've moved yours to the "
        "front and will reply by 4pm today.",
        "We're seeing a high volume of failed payments from one bank; please retry with "
        "another card.",
    ],
)
def test_a_busy_desk_with_an_act_or_a_step_moves_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


# Round 71: "once they've had a chance/time to look" times a follow-up by nothing
# anyone can plan with, whoever promises it.
@pytest.mark.parametrize(
    "text",
    [
        "Refund request logged. Accounts will confirm it once they've had a chance to review it.",
        "Your address change is in. The admin team will update the record when they've had "
        "time to look.",
        "Claim received; the assessor will come back to you once she's had a look at the photos.",
        "Billing will sort the credit after they've had a chance to go through it.",
    ],
)
def test_once_they_have_had_a_chance_is_vague(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "Billing will confirm the change by 5pm tomorrow, once they've had a chance to look.",
        "The battery will be fine once it's had a chance to cool down.",
    ],
)
def test_a_dated_promise_or_a_thing_settling_is_no_vague_followup(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        # a number to type is no line to call
        "Go to riverlib.example/renew, sign in with your card number and PIN, and confirm the "
        "address. The renewal shows at once.",
        "Open example.com/returns and enter your order number; the label downloads straight away.",
        "Visit harbourferry.example/manage and log in with your booking number to change seats.",
        "On the app, type your membership number and tap Check. Your points appear below it.",
    ],
)
def test_an_identifier_number_is_not_a_channel(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Please ring the number on the back of your card.",
        "Please call the customer service number on your bank statement.",
    ],
)
def test_a_number_to_call_is_still_a_channel(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Tap Return early and confirm. The book goes straight to the next person in the queue.",
        "Once you cancel, the seat goes to the next passenger on the waiting list.",
        "If you release the slot, it goes to the next family on the waitlist.",
        "Unclaimed tickets go to the next fan in line at 18:00.",
    ],
)
def test_a_thing_passed_to_the_next_in_the_queue_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "This needs to go to the next person in the escalation chain.",
        "Your complaint has to go through the ombudsman.",
    ],
)
def test_the_matter_sent_on_is_still_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "If either kitten is under 1 kg, please call our pharmacist, Ms Ada Obi, on 01 555 0142 "
        "before dosing.",
        "If the tank leaks again, ring our plumber, Dave, on 0161 555 0199.",
        "Should the rash spread, phone our duty vet, Dr Kaur, on 020 7946 0011 straight away.",
        "If the alarm sounds again tonight, call our engineer, Sipho, on 011 555 0123.",
    ],
)
def test_a_named_one_of_ours_on_a_number_as_the_safety_net_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "If the tank leaks again, ring your plumber, Dave, on 0161 555 0199.",
        "Please contact your vet, Dr Kaur, about the dose.",
    ],
)
def test_a_named_one_of_theirs_is_still_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Please be informed that your feedback has been duly noted and passed to the relevant "
        "department.",
        "Please note your request has been logged and passed on to our billing team.",
    ],
)
def test_passed_on_by_us_is_status_not_a_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks heaps, got it. Your replacement domes go out in today's post.",
        "Your new filter cartridge goes out with today's courier run.",
        "It ships today from our Leeds warehouse.",
        "Your spare battery is dispatched today, tracked.",
    ],
)
def test_a_dispatch_for_today_moves_the_reply_forward(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    ["We received your email today.", "Your order is in production."],
)
def test_a_receipt_or_status_today_still_moves_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


# --------------------------------------------------------------------- session s81-s83


@pytest.mark.parametrize(
    "text",
    [
        "The tailor will take the hem up when there's a gap in her schedule and ring you.",
        "Our fitter will come back to finish the skirting once there's a free slot in the diary.",
        "We'll repaint the sign as soon as a slot opens up and send you a photo.",
        "The mechanic will look at the clutch when the rota allows.",
    ],
)
def test_timing_by_a_free_moment_in_our_diary_is_vague(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "If there's a gap between the glass and the frame, the seal needs replacing.",
        "We'll book you into the next gap in the schedule: Tuesday 14 April at 10:00.",
    ],
)
def test_a_physical_gap_or_a_dated_slot_is_not_vague(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "For questions about the hire car's fuel policy, you're best off speaking to the rental "
        "desk.",
        "You'd be better off asking your landlord about the boiler service.",
        "We'd encourage you to take the refund up with your card issuer.",
        "I'd urge you to contact the airline about the lost bag.",
    ],
)
def test_best_off_and_encouraged_to_go_elsewhere_is_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "You're best off charging it overnight before the first ride.",
        "I'd encourage you to call us on 0800 555 0101 if the fault comes back.",
    ],
)
def test_best_off_doing_a_step_or_calling_us_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "For allotment disputes you'll need to get onto the parish council; we only sell seed.",
        "Best to get on to your letting agent about the damp.",
        "You'll want to get hold of your broker about the premium.",
        "You'd best get onto the school office about the lost jumper.",
    ],
)
def test_get_onto_another_party_is_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "You'll need to get onto the guest network first, then open the booking page.",
        "Please get on to the 9:40 ferry with your printed ticket.",
    ],
)
def test_get_onto_a_network_or_a_vehicle_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "The gift was ordered by your aunt, so any change of address has to come from her.",
        "Your employer set up the policy, so any changes need to come from them.",
        "Our cyclists' group on Strava is full of riders who've had this, so I'd ask it in the "
        "group.",
        "Honestly, I'd post it on the owners' forum; people there have fixed this before.",
    ],
)
def test_a_change_from_them_or_the_group_instead_of_us_is_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "The deposit needs to come from them to us before we can release the keys, and I've "
        "emailed their office today.",
        "I'd post it to you today, but the courier is on strike, so it goes out by van at 9am "
        "tomorrow.",
    ],
)
def test_from_them_to_us_or_our_post_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Losing your luggage twice is a poor show on our part. Thanks for flagging it.",
        "Sorry, I get it: a cold room on your anniversary is not a good look for us. "
        "Thanks for telling us.",
        "Honestly, the mix-up over your seats is embarrassing. We appreciate you letting us know.",
        "We can confirm your noise complaint is logged and assigned. Thank you for your patience.",
    ],
)
def test_owning_it_in_words_or_a_record_open_moves_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Being charged twice is not a good look, so I've refunded the second payment.",
        "Your claim is approved. Thanks for your patience.",
    ],
)
def test_owning_it_with_an_act_or_a_decided_claim_moves_on(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "LESSONS ARE NON-REFUNDABLE once they have started.",
        "TICKETS ARE NON-TRANSFERABLE once they have been issued.",
        "TERM FEES ARE NON-REFUNDABLE once the term has begun.",
        "SALE ITEMS ARE FINAL SALE once they have left the store.",
    ],
)
def test_a_statement_in_capitals_is_read_as_a_statement_not_a_title(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    ["WE HAVE RECEIVED YOUR EMAIL.", "Thanks, Customer Care Team"],
)
def test_a_receipt_in_capitals_or_a_team_line_still_moves_nothing(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


# s86: a standing rule with its condition in the perfect is the rule, not a report
# of the past ("Deposits are non-returnable after the hire has started").
@pytest.mark.parametrize(
    "text",
    [
        "Course fees are non-refundable after the first session has taken place.",
        "Your quote is no longer valid once the survey has been done.",
        "Seats aren't transferable after the coach has left the depot.",
        "The booking can't be changed once the tickets have been printed.",
    ],
)
def test_a_rule_with_its_condition_in_the_perfect_is_an_answer(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Your parcel was returned after the driver had called twice.",
        "Your order was held back once the card check had failed.",
    ],
)
def test_a_past_report_with_a_condition_is_still_status(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


# s86: a waiting state told with nothing ahead ("The status of your repair is
# currently 'awaiting parts'") moves nothing.
@pytest.mark.parametrize(
    "text",
    [
        "Noted. Your boiler repair is currently 'waiting for parts'.",
        "Your visa application is still on hold.",
        "The status of your claim is \u201cawaiting assessment\u201d.",
        "Thanks for checking in. The frame order remains on hold.",
    ],
)
def test_a_waiting_state_alone_is_status_only(policy, text):
    assert holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    [
        "Your repair is awaiting parts, which are due in on Thursday morning.",
        "The application is awaiting your signature on page 2 of the form.",
        "The refund is waiting for your bank manager to countersign it.",
    ],
)
def test_a_waiting_state_with_a_date_or_their_step_moves_on(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


# s86: a request lodged casually in a channel is still the matter sent off ("pop a
# request through the contact form on our website and the right team will pick it up").
@pytest.mark.parametrize(
    "text",
    [
        "Just stick a query in via the tenant portal and the lettings team will see it.",
        "Pop a complaint through the web form on our site, please.",
        "Drop a message in the community forum and someone there should know.",
        "Fire off a request on the booking portal and it'll reach the right people.",
    ],
)
def test_a_request_popped_into_a_channel_is_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Pop a message in the chat and I'll pick it up myself by 2pm.",
        "I've popped a request through our parts portal and will ring you when it's in.",
    ],
)
def test_a_request_we_pick_up_or_lodge_ourselves_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


# s86: "take up the matter of the instructor's conduct with the head office complaints
# desk": the matter may be named before the party.
@pytest.mark.parametrize(
    "text",
    [
        "Please take up your concern about the parking charge with the car park operator.",
        "You should take up the question of the refund with the airline.",
        "Kindly take up the issue regarding the damaged fence with your landlord.",
        "Take up the complaint over the late delivery with the courier directly.",
    ],
)
def test_take_up_a_named_matter_with_another_party_is_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "You may wish to take up the offer of a free lesson with your instructor.",
        "I'll take up the matter of the missing deposit with our accounts team today.",
    ],
)
def test_take_up_an_offer_or_our_own_taking_up_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


# (found with the s86 care-step variants) a clause that only says when the customer
# uses the thing just named sends them nowhere.
@pytest.mark.parametrize(
    "text",
    [
        "Dry the earbuds thoroughly before you use them again.",
        "Leave the filter to soak overnight, and rinse it once you take it out.",
    ],
)
def test_a_when_clause_on_the_thing_named_is_no_hand_off(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Before you contact your bank, check the amount on the statement.",
        "When you call your insurer, ask them to send the claim form.",
    ],
)
def test_a_when_clause_that_names_another_party_still_sends_them(policy, text):
    assert holds(policy, text, "urgent.deflection")


# s86 (clean rows held by urgent.deflection): a party after "for"/"of" is whom the
# thing sent to us is about, not where it goes; "pass" before a bare noun is a noun.
@pytest.mark.parametrize(
    "text",
    [
        "Could you email the names and dietary needs for your group of 12?",
        "Please send over the shoe sizes for the whole team before Friday.",
        "Can you email me the passport numbers of your travel party, please?",
        "Please bring your boarding pass and parking permit to the desk at gate 4 by 7:40.",
    ],
)
def test_a_party_the_thing_is_about_is_no_recipient(policy, text):
    assert not holds(policy, text, "urgent.deflection")


@pytest.mark.parametrize(
    "text",
    [
        "Please email the list for the whole group to your travel agent.",
        "Please forward the invoice to your accounts team.",
    ],
)
def test_a_thing_sent_to_another_party_is_still_a_hand_off(policy, text):
    assert holds(policy, text, "urgent.deflection")


# s86: a promise done during their own visit has its time: "we'll swap it at no cost
# while you wait".
@pytest.mark.parametrize(
    "text",
    [
        "We'll replace the strap while you wait.",
        "Bring it in and we'll re-fit the dome while you're in store.",
        "Pop in with the glasses and we'll adjust the arms whilst you wait.",
        "We'll reprogram the fob while you're here.",
    ],
)
def test_a_promise_kept_while_they_wait_is_timed(policy, text):
    assert not holds(policy, text, "urgent.vague-followup")


@pytest.mark.parametrize(
    "text",
    [
        "We'll get back to you while you wait for the courier.",
        "Someone will look at it soon.",
    ],
)
def test_waiting_for_something_else_is_still_vague(policy, text):
    assert holds(policy, text, "urgent.vague-followup")


# s86: one of ours put it right ("the engineer fixed it at 4pm") is the answer.
@pytest.mark.parametrize(
    "text",
    [
        "It was our keypad's fault; the engineer fixed it at 4pm.",
        "Our technician repaired the boiler this morning.",
        "The plumber sorted out the leak on Tuesday.",
        "Good news: our developers have fixed the checkout bug.",
    ],
)
def test_a_fix_by_one_of_ours_is_a_complete_answer(policy, text):
    assert not holds(policy, text, "urgent.no-next-step")


@pytest.mark.parametrize(
    "text",
    ["The engineer looked at it yesterday.", "Our team has received your photos."],
)
def test_a_look_or_a_receipt_by_one_of_ours_is_still_status(policy, text):
    assert holds(policy, text, "urgent.no-next-step")

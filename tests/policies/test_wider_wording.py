"""Wordings the rules missed on replies written by other people (round 6), on
sentences written for these tests: each case names the structure it stands for,
with a near-miss that must stay clean beside it.

Every rule is checked through the whole policy set, as `grace check` would.
"""

from __future__ import annotations

import pytest

from policies.engine import PolicySet
from policies.types import Reply, Severity


@pytest.fixture(scope="module")
def policies() -> PolicySet:
    return PolicySet.load()


def held(policies: PolicySet, text: str) -> set[str]:
    result = policies.check(Reply(text=text, subject="Re: your message",
                                  source_part="text/plain",
                                  sender="sam@support.acme.example"))
    return {f.rule for f in result.findings if f.severity == Severity.HOLD}


VIOLATIONS = [
    # an instruction after a greeting or a short lead-in is still an instruction
    ("clear.vague-instruction", "Hello Omar, please reset the settings and try again."),
    ("clear.vague-instruction", "OK, just update everything and sign back in."),
    ("clear.vague-instruction", "To get the new rates, please refresh the config and reload."),
    # advice is an instruction too
    ("clear.vague-instruction", "We would advise that you check your preferences and make the "
                                "required changes."),
    ("clear.vague-instruction", "I'd recommend you reinstall the drivers."),
    # a reply that only thanks, restates and sympathises
    ("urgent.no-next-step", "Thanks for telling us the scanner beeps whenever you start a "
                            "batch. That sounds really annoying."),
    ("urgent.no-next-step", "Hello Grace! Got your note about the broken hinge."),
    ("urgent.no-next-step", "We hear you. Two weeks without hot water is a lot to cope with."),
    # stock ironic idioms and scare quotes after a mock "sure"
    ("kind.sarcasm", "Moving the database during payroll week, what could possibly go wrong. "
                     "The restore finished at 09:10."),
    ("kind.sarcasm", "A login page that loads slowly, how will you ever cope. It is fixed now."),
    ("kind.sarcasm", "Oh sure, the router 'just stopped' on its own. A new one ships today."),
    ("kind.sarcasm", "Funny how every late payment happens right after the reminder. The fee "
                     "is waived this once."),
    ("kind.sarcasm", "Three whole minutes in the queue. Your call-back is booked for 10:00."),
    # a rebuke of the reader's manner and a threat on a condition
    ("kind.hostile", "Drop the attitude. The replacement card is in the post."),
    ("kind.hostile", "Write to us like that again and we'll suspend your membership."),
    # health of our side backed by a record, an assured origin, a hedged verdict
    ("humble.prejudge", "Our platform is fine; there were no outages this week. Please "
                        "clear your browser cache and retry."),
    ("humble.prejudge", "I can assure you the noise isn't coming from Brightwater's pipes."),
    ("humble.prejudge", "The billing engine is certainly not the cause here."),
    # round 10: a count of repeats after our own "like I wrote you"
    ("kind.condescending", "like I told you three times already, the limit is set per card. "
                           "Open Cards > Limits, pick the card and raise it there."),
    # an order to stop contacting us, passed on through the reader
    ("kind.hostile", "Ask your accountant to quit emailing our inbox. The statement is "
                     "attached."),
    # praise aimed at the reader's own claim, in quotes
    ("kind.sarcasm", "Nice work on \"nobody here changed the password\". The log shows a "
                     "change at 07:12 from your office."),
    ("kind.sarcasm", "Nothing like a failed payroll run to liven up a Friday. It is rerunning "
                     "now and finishes at 15:00."),
    # a certain, careless act of the customer's people ("clearly turned it off")
    ("humble.blame", "Your warehouse team clearly switched it off and then forgot it. I've "
                     "turned it back on."),
    ("humble.blame", "Someone at your end obviously turned them off. They are on again now."),
    # our side cleared with a new word, or by "rather than anything on our side"
    ("humble.prejudge", "There is nothing amiss with our servers. Please check your own "
                        "firewall."),
    ("humble.prejudge", "The drops will be down to your router rather than anything on our "
                        "side. Try a different cable."),
    ("humble.prejudge", "This will be something to do with the way you set up the printer. "
                        "Let me know once you've checked."),
    # round 11: a sanction on every account, on a condition of their behaviour
    ("kind.hostile", "If you keep creating new profiles to get round the ban, we will "
                     "delete every profile tied to your phone number."),
    # status only: our reading and a case on file
    ("urgent.no-next-step", "Thank you for writing. I've gone through all your messages, and "
                            "your complaint is now on record under C-20417."),
    # our side cleared by where the fault "lies"; by our own company's name
    ("humble.prejudge", "The app passed every test this morning, so the fault doesn't lie "
                        "with the app. Try again tomorrow."),
    ("humble.prejudge", "Whatever the cause of the outage was, it wasn't Acme Route. "
                        "Please ask your ISP."),
    # habitual carelessness of their people; weary contempt for them
    ("humble.blame", "Your drivers keep botching the scan codes at the depot."),
    ("kind.hostile", "Honestly, I'm sick of fixing up after them. I've corrected the 12 rows."),
    # the matter handed to their own people
    ("urgent.deflection", "Your finance team owns the bank connection, so please forward the "
                          "error message to them."),
    ("urgent.deflection", "Please pass the rejection letter on to your accountant."),
    # a mocked excuse
    ("kind.sarcasm", "Oh yes, the neighbour who happens to use your card. We hear that one "
                     "every week. The refund is declined."),
    # round 12: our side cleared by denying it caused it, whatever the subject
    ("humble.prejudge", "The flea treatment we gave him has never caused a rash like that, "
                        "so it won't be the treatment."),
    ("humble.prejudge", "Slow page loads are not something our hosting produces."),
    ("humble.prejudge", "Please note the mismatch does not relate to our booking portal in "
                        "any way."),
    # round 13: a frame ("Kindly note that") does not make our promise a request
    ("urgent.vague-followup", "Please note that your claim is being reviewed and the outcome "
                              "will be shared with you at the earliest."),
    # reproach, passive or after "like"; the manual, politely
    ("kind.condescending", "As was made perfectly clear in our last letter, deposits are "
                           "returned after the checkout inspection."),
    ("kind.condescending", "Like we've explained several times, the lesson credit expires "
                           "after 90 days."),
    ("kind.condescending", "The answer is on page 4 of the welcome pack, if you'd bother to "
                           "read it."),
    # not what we're paid for; a formal or second-language "stop writing"
    ("kind.hostile", "Debugging your macros is not what we're paid to do."),
    ("kind.hostile", "Please desist from emailing the director about this."),
    ("kind.hostile", "Stop to call us every hour, the answer is the same."),
    # mock praise and mock certainty about a thing's motives
    ("kind.sarcasm", "Cancelling the order an hour before delivery: quite the masterstroke."),
    ("kind.sarcasm", "Sure, the scanner is obviously rejecting your badge out of spite."),
    # careless acts told as the cause, passive or "by you"
    ("humble.blame", "The tiles cracked because the fitting guide was ignored."),
    ("humble.blame", "The form was filled wrongly by you, so the permit was refused."),
    # hand-off in "sounds like"; our side cleared by what it "doesn't allow for"
    ("urgent.deflection", "Sounds like a job for your landlord. They hold the boiler warranty."),
    ("humble.prejudge", "Our crates don't allow for that kind of dent, so it happened after "
                        "delivery."),
    # round 14 (m8): repeating ourselves as a reproach; belittling as "day-one stuff"
    ("kind.condescending", "We've been over this with you three times by email, so here it "
                           "is one last time: the backup runs at 02:00."),
    ("kind.condescending", "Resetting a router is beginner stuff, to be fair."),
    # mock favours and "closer to home"
    ("kind.sarcasm", "So you've decided to load-test the checkout for us on Black Friday."),
    ("kind.sarcasm", "Nice detective work, but the answer is much closer to home."),
    # "stop sending a new ticket every hour"; "won't make it any faster"
    ("kind.hostile", "Please stop opening a new ticket every hour; it won't make the review "
                     "any faster."),
    # a court order on a condition
    ("kind.hostile", "If access is not given to our engineer on Monday, we will apply for a "
                     "warrant."),
    # the fault itself as the target; "the cause cannot be on <our> side"
    ("clear.vague-instruction", "Please look through your theme and fix anything that looks "
                                "wrong."),
    ("humble.prejudge", "Our servers show no errors, so the problem cannot be on the hosting "
                        "side."),
    # round 15 (m10): our side cleared as "not something that could have come from us"
    ("humble.prejudge", "The sync log is complete, so a missing booking isn't anything that "
                        "could have come from our platform."),
    # tone policing; "doesn't get you an answer any faster"; "how to put it more simply"
    ("kind.hostile", "Please tone it down a notch before we continue."),
    ("kind.hostile", "Ringing every branch doesn't get you an answer any faster."),
    ("kind.condescending", "I'm not sure how else I can explain it more clearly than in my "
                           "last email."),
    # a mock promise to treasure their complaint
    ("kind.sarcasm", "Thanks for the five-star feedback, we'll be sure to pin it up in the "
                     "staff room."),
    # round 16 (m9, s5): belittling ("hard to miss once you look"), "not complicated" at
    # the end of a chat-style reply, "keeps getting missed", "as should be obvious"
    ("kind.condescending", "The export button is right on the dashboard, pretty hard to miss "
                           "once you look."),
    ("kind.condescending", "like i said the gate opens at 8, its not complicated"),
    ("kind.condescending", "To repeat, since it keeps getting missed: refunds take 5 days."),
    ("kind.condescending", "As should be clear, we can't refund a used voucher."),
    ("kind.condescending", "I'm not sure how else to say it: the form needs a signature."),
    # "no need to keep writing in", "no need to get hysterical", "you lot are hard work"
    ("kind.hostile", "Complaining again won't change the fee, so there's no need to keep "
                     "emailing about it."),
    ("kind.hostile", "There's no need to get so dramatic about a delayed parcel."),
    ("kind.hostile", "You lot are really hard work, honestly. The refund is processed."),
    # mock records, mock tragedy, "very clever to", "everyone does", "unlimited everything"
    ("kind.sarcasm", "Two days without locking yourself out, must be a record."),
    ("kind.sarcasm", "Such a tragedy that the free parking has ended. The new rate is £4."),
    ("kind.sarcasm", "Very clever to ship it to your old address. I've rerouted it."),
    ("kind.sarcasm", "Of course your son never touches the tablet, everyone does say that."),
    ("kind.sarcasm", "Pity the free tier doesn't include unlimited everything as well."),
    # typical misuse given as the cause; "someone on your team deleted it"
    ("humble.blame", "That's what we see when tenants leave the heating off all winter, and "
                     "that's what happened here."),
    ("humble.blame", "Someone in your office deleted the shared folder, so it's gone."),
    # "not from our network", "won't be down to us", "they don't fail like that"
    ("humble.prejudge", "Our Wi-Fi tested fine, so the drop is not from our network."),
    ("humble.prejudge", "The scanner was calibrated last week, so the blur won't be down to "
                        "us."),
    ("humble.prejudge", "Our boilers simply don't fail like that."),
    # a polite hand-off: "liaise with", "it is better you ask"
    ("urgent.deflection", "For the crown itself, kindly liaise with the lab directly."),
    ("urgent.deflection", "I think it is better you ask your landlord about the meter."),
    # "would it be possible to get the logs"
    ("clear.vague-request", "Would it be possible to get the logs from your side?"),
    # round 17 (m11, s6): a careless manner in a passive with their agent
    ("humble.blame", "The shelves were fixed far too loosely by your joiner, and that's why "
                     "they fell."),
    ("humble.blame", "Honestly, you overwatered it."),
    ("kind.hostile", "No refund, and please don't bother emailing us again about it."),
    # the cause placed "rather than in" our product, by name
    ("humble.prejudge", "The gap will be in the data you imported rather than in Acme "
                        "Timetable."),
    # legalistic "no further correspondence", threats on tone, idioms
    ("kind.hostile", "Please refrain from further emails on this matter."),
    ("kind.hostile", "If your language continues, we will have no choice but to close your "
                     "account."),
    ("kind.hostile", "Some clients just aren't worth the hassle."),
    # mock thanks that "clears things up"; "nothing better to do than"
    ("kind.sarcasm", "Thanks for the empty attachment, that really clears things up."),
    ("kind.sarcasm", "Sure, because we've nothing better to do than chase your parcel."),
    # "once things calm down"; "not on us"; "more to go on"; passive need
    ("urgent.vague-followup", "I'll look at the refund once things calm down here."),
    ("humble.prejudge", "That's not on us, I'm afraid; the lift belongs to the landlord."),
    ("clear.vague-request", "We'll need a little more to go on before we can refund it."),
    ("clear.vague-request", "Additional documents will be required to process the claim."),
    # round 10: only sympathy, a general truth and a hand-on to our own people
    ("urgent.no-next-step", "Thanks for letting us know, and sorry about the double charge. "
                            "That is never nice in the week rent is due, when every shop "
                            "counts its pennies. Your note has been shared with our accounts "
                            "team."),
    ("urgent.no-next-step", "A broken heater is the last thing anyone wants in January. We've "
                            "passed your message to the right people."),
    # a redirect phrased as where things are best asked
    ("urgent.deflection", "Questions like yours are best raised in the user forum."),
    # a log request whose only time is our own promise
    ("clear.vague-request", "Send over the logs and I'll review them by 4pm ET."),
    # obviousness aimed at the reader's step
    ("kind.condescending", "Obviously you need to confirm the email before the trial starts."),
    # fault idioms and verdicts about the customer's side
    ("humble.blame", "Your installer really messed up the wiring on this unit."),
    ("humble.blame", "The outage resulted from your developer deleting the API key."),
    ("humble.blame", "The card was cloned because you saved it on a public PC, which is "
                     "your responsibility."),
    # round 7: a failure the customer's act is given as the cause of
    ("humble.blame", "The voucher was voided because you shared the code online."),
    ("humble.blame", "The food went off because you left the fridge door open."),
    ("humble.blame", "The noise comes from your plumber's loose brackets."),
    # only receipt, status, sympathy or praise
    ("urgent.no-next-step", "Your request is duly logged."),
    ("urgent.no-next-step", "Yes, we're seeing the same timeouts on our side. It's a known issue."),
    ("urgent.no-next-step", "So sorry for your loss. Our thoughts are with you at this sad time."),
    ("urgent.no-next-step", "Thanks for the suggestion. What a brilliant idea."),
    ("urgent.no-next-step", "The landlord is still reviewing all applications."),
    # talking down, hostility and threats in other words
    ("kind.condescending", "It's honestly not difficult: the PIN is the last four digits."),
    ("kind.condescending", "As would be obvious to any reader of the contract, pets are excluded."),
    ("kind.condescending", "I'm not sure how many more times I can explain this: the fee "
                           "is fixed."),
    ("kind.condescending", "Take a look at the FAQ before writing in; the answer is in point 3."),
    ("kind.hostile", "Your constant emails are wasting our time. The parcel arrives Monday."),
    ("kind.hostile", "Chill out, mate. The server is back."),
    ("kind.hostile", "Resetting your router isn't my job. Our line test passed at 10:02."),
    ("kind.hostile", "What planet are you on? The fare rules are fixed."),
    ("kind.hostile", "We don't have time for customers who ignore the rules."),
    ("kind.hostile", "Park in the bay again without a permit and we will issue a formal warning."),
    # our side cleared before anyone looked
    ("humble.prejudge", "The smell can't be coming from our pipes; we cleaned them in May."),
    ("humble.prejudge", "The error isn't from anything our update changed."),
    ("humble.prejudge", "The app has never had that issue, so it'll be your phone."),
    # sent elsewhere
    ("urgent.deflection", "Warranty claims aren't something we handle. Your retailer does them."),
    ("urgent.deflection", "Refunds are an app store thing, so you'll need to ask Apple."),
    # mock certainty or enthusiasm before scare quotes, mock praise that lists the faults
    ("kind.sarcasm", "I'm sure you 'tested everything' before going live."),
    ("kind.sarcasm", "Brilliant, so the server 'just died' overnight. The restore is running."),
    ("kind.sarcasm", "Ah, yet another 'the app ate my homework'. The file is restored."),
    ("kind.sarcasm", "Great work on the form, only missing your name, date and signature."),
    ("kind.sarcasm", "Emailing your password to the whole team, that's exactly what it's for."),
    ("kind.sarcasm", "Thank you for your third identical complaint this week. It is logged."),
    ("kind.sarcasm", "Kudos, you found the only setting that deletes the archive."),
    # tuning a limit nobody named; formatting nobody described
    ("clear.vague-instruction", "Increase the limits in the config and restart."),
    ("clear.vague-instruction", "Please sort out the formatting and send it again."),
    # the policyholder is the customer's side too
    ("humble.blame", "The claim failed because the policyholder ignored the renewal letter."),
    ("clear.vague-instruction", "b. Restart the services and try again."),
    ("clear.vague-instruction", "Someone cleared the settings on Friday. Please reset the "
                                "settings."),
    ("humble.prejudge", "We can confirm that the portal works fine, so the problem is on your "
                        "side."),
    # round 18: puzzlement that it is hard for them; "simple steps" they can't follow
    ("kind.condescending", "Honestly, I'm baffled as to why the renewal form is so hard to "
                           "follow."),
    ("kind.condescending", "If you can't manage four easy steps, I'm not sure a phone call "
                           "will help."),
    ("kind.condescending", "Most new starters manage the VPN setup on their first morning."),
    ("kind.condescending", "I'll walk you through it once more, slower this time."),
    ("kind.condescending", "As has been explained to you on several occasions, the warranty is two "
                           "years."),
    ("kind.condescending", "Didn't we go over this exact issue on Tuesday's call? The export is "
                           "under Reports."),
    ("kind.condescending", "I'd have thought the second page of the quote spoke for itself."),
    # mock praise: "finally", "bold strategy", "quite the feat", "nothing says X like"
    ("kind.sarcasm", "Nice to see you finally got round to opening the welcome pack."),
    ("kind.sarcasm", "Well, bold strategy, unplugging the hub mid-update."),
    ("kind.sarcasm", "Congrats, the newsletter went out to all 4,000 contacts twice, quite the "
                     "feat."),
    ("kind.sarcasm", "Top marks to whoever set the thermostat to 30 degrees."),
    ("kind.sarcasm", "Nothing says urgent like a ticket raised six weeks after the deadline."),
    ("kind.sarcasm", "So pleased to see the signed contract has finally found its way to us."),
    # rebukes and veiled threats
    ("kind.hostile", "That's a bit rich coming from you to complain about the wait when the "
                     "form arrived unsigned."),
    ("kind.hostile", "Any further abusive messages will simply be deleted unread."),
    ("kind.hostile", "Carry on spamming the inbox and your account gets suspended."),
    ("kind.hostile", "Don't be surprised if your order quietly goes missing."),
    ("kind.hostile", "Cc'ing our managing director won't change the price, so knock it off."),
    # hindsight about a habit, the door closed before naming their side, household blame
    ("humble.blame", "If your office manager renewed the licence on time this wouldn't keep "
                     "happening."),
    ("humble.blame", "We cannot be held liable for whatever your builder did to the flue."),
    ("humble.blame", "Your web developer has really let you down with this theme."),
    ("humble.blame", "I'd guess someone in the office has been fiddling with the router again."),
    ("humble.blame", "The dropouts are down to the patchy wi-fi at your end."),
    # a routine taken as proof; "doesn't just lose"; "the one holding it, not us"
    ("humble.prejudge", "Every boiler is pressure-tested before it leaves the warehouse, so the "
                        "unit itself is fine."),
    ("humble.prejudge", "Our billing engine doesn't just double-charge people."),
    ("humble.prejudge", "Your landlord is the one holding the deposit, not us."),
    ("humble.prejudge", "Damp patches are never a roofing issue, full stop."),
    # hand-offs in other words
    ("urgent.deflection", "Your best bet is the manufacturer's forum."),
    ("urgent.deflection", "Payroll export questions are a better fit for the community board."),
    ("urgent.deflection", "Your accountant will need to take this up with HMRC directly."),
    # giving up, with facts but no step
    ("urgent.no-next-step", "There's no outage on your street today. Sorry I can't be more help."),
    ("urgent.no-next-step", "We're not sure why it stopped. Unfortunately there's nothing more we "
                            "can do."),
    # round 19: dialect and formal variants of talking down
    ("kind.condescending", "It's only a padlock, there's nowt complicated about it."),
    ("kind.condescending", "I'd have thought most people could figure out which socket is the "
                           "mains one."),
    ("kind.condescending", "Honestly it is simple even for a complete beginner: press Sync and "
                           "wait."),
    ("kind.condescending", "I can see this is all a bit new to you, so let me keep it nice and "
                           "simple."),
    ("kind.condescending", "Most of our members manage to grasp the booking rules without any "
                           "difficulty."),
    ("kind.condescending", "It would be worth giving our emails a more careful read in future."),
    # irony: by itself, thin air, "thrilled", a model of efficiency, taken some doing
    ("kind.sarcasm", "Of course, the thermostat just reset itself overnight, all on its own."),
    ("kind.sarcasm", "Naturally, the signed form must simply have vanished into thin air."),
    ("kind.sarcasm", "I'm sure the other guests were thrilled by the karaoke at 2am."),
    ("kind.sarcasm", "Your courier really is a model of efficiency."),
    ("kind.sarcasm", "Locking all three admins out at once, that must have taken some doing."),
    ("kind.sarcasm", "We do appreciate you telling us about the leak only after the ceiling "
                     "came down."),
    # brush-offs, insults of their staff, veiled threats
    ("kind.hostile", "I don't have time to answer the same question from your office every "
                     "morning."),
    ("kind.hostile", "Your office manager behaves in a very aggressive way on the phone."),
    ("kind.hostile", "If your tenants can't keep the music down, we'll pull the plug on the "
                     "booking."),
    ("kind.hostile", "Give over, it's one late delivery."),
    ("kind.hostile", "Customers like you are why we ask for deposits now."),
    # blame: a habit that "wouldn't keep" causing trouble, a past supplier, a careless passive
    ("humble.blame", "If your cleaners stopped using bleach on the seals, the taps wouldn't keep "
                     "leaking."),
    ("humble.blame", "Your previous installer left the wiring in a state we can't work with."),
    ("humble.blame", "Somebody on your side configured the rota without reading the guide."),
    ("humble.blame", "The parcel was returned because of the wrong postcode you entered at "
                     "checkout."),
    ("humble.blame", "The crate had obviously been overloaded, which is why the base split."),
    ("humble.blame", "Had the invoice been paid on time, the account wouldn't have been "
                     "paused."),
    # prejudge: a routine as proof, "nowt to do with us", "won't have been us"
    ("humble.prejudge", "Our drivers always check the seals at loading, so the leak definitely "
                        "wasn't down to us."),
    ("humble.prejudge", "That's nothing to do with us; the line was fine when we left."),
    ("humble.prejudge", "Whatever went missing won't have been our crew."),
    ("humble.prejudge", "I can promise you the frame wasn't scratched while it was in our "
                        "workshop."),
    ("humble.prejudge", "Our payroll engine is certified by HMRC, so the tax code could not have "
                        "been at fault."),
    # timing with no date
    ("urgent.vague-followup", "The corrected statements will be issued during the coming days."),
    # round 20: prejudge from a routine or a product's record; "nothing to do with us"
    ("humble.prejudge", "The lifts in our building are maintained to a very high standard, so "
                        "the noise cannot have come from the building itself."),
    ("humble.prejudge", "That's a landlord matter, not something we are responsible for."),
    ("humble.prejudge", "Damage like that falls outside our remit."),
    ("humble.prejudge", "That's a Samsung issue, not ours."),
    ("humble.prejudge", "Can't be anything on our end; we haven't changed a thing."),
    ("humble.prejudge", "No way the drip is from our fitting."),
    ("humble.prejudge", "We wrap every chair in blankets, so the scuff definitely didn't happen "
                        "on our side."),
    ("humble.prejudge", "Our checks would have caught a fault like that."),
    ("humble.prejudge", "The scratch could not have been there when you picked the van up."),
    # blame: a negated hindsight, a lifestyle label, wiring back to front, "the one you hired"
    ("humble.blame", "If your tenant hadn't changed the locks, our plumber would have got in."),
    ("humble.blame", "The condensation is really a lifestyle issue."),
    ("humble.blame", "Your electrician has wired the meter back to front."),
    ("humble.blame", "The builder you hired after us has cracked the render."),
    ("humble.blame", "It is evident that your warehouse team did not seal the pallet."),
    ("humble.blame", "The delay is attributable to your customs agent."),
    ("humble.blame", "If your staff scanned the parcels faster, the late fee wouldn't apply."),
    ("humble.blame", "The form was completed incorrectly on your side."),
    # hostile: threats against the relationship, legal letters, fed-up venting
    ("kind.hostile", "Should you leave another review like that, we will have to reconsider our "
                     "partnership with you."),
    ("kind.hostile", "Post that again and our solicitors will contact you."),
    ("kind.hostile", "Keep calling our fitters at home and we'll pull out of the job."),
    ("kind.hostile", "Honestly, I've had enough of this back-and-forth."),
    ("kind.hostile", "Landlords like you are the reason we ask for deposits."),
    ("kind.hostile", "Chasing your courier isn't part of my job description."),
    # condescending: "how to explain it more simply", "first paragraph", "a quick lesson"
    ("kind.condescending", "I don't know how to explain it any more simply."),
    ("kind.condescending", "It's covered in the very first paragraph of the guide, but fine."),
    ("kind.condescending", "Quick lesson on invoices, since this keeps coming up."),
    ("kind.condescending", "As was spelled out in the contract, the deposit is not refundable."),
    ("kind.condescending", "Allow me to remind you that the cut-off is noon."),
    # sarcasm: mock admiration
    ("kind.sarcasm", "I'm so impressed you managed to order the same sofa three times."),
    ("kind.sarcasm", "Nice of you to mention the leak only after the ceiling fell in."),
    ("kind.sarcasm", "Naturally the screen cracked itself, I suppose."),
    ("kind.sarcasm", "What a brilliant idea to sign the lease without reading it."),
    ("kind.sarcasm", "Seven reschedules in a month, that's some dedication."),
    ("kind.sarcasm", "The bike was in perfect condition until we touched it, big mystery."),
    # hand-offs in other words
    ("urgent.deflection", "Refunds are a different team, so drop an email to refunds@example.com."),
    ("urgent.deflection", "Have a look through the help centre; there's an article on it."),
    ("urgent.deflection", "Best to loop in whoever manages your account."),
    # courtesies with no step
    ("urgent.no-next-step", "We've popped a note on your file. Thanks for your patience."),
    ("urgent.no-next-step", "Your feedback has been passed to the product team. We always try to "
                            "improve our service."),
    ("urgent.vague-followup", "Someone from the lettings team will pop round when they can."),
    # round 21: blanket denials, "no way the app ...", routines as proof
    ("humble.prejudge", "Login loops are always a browser issue, never ours."),
    ("humble.prejudge", "There's no way the system double-billed you."),
    ("humble.prejudge", "The missed pick-up isn't on us."),
    ("humble.prejudge", "Our boxes are always sealed when they leave the warehouse, so we can "
                        "rule out a packing error."),
    ("humble.prejudge", "Our movers don't damage furniture, so the chip happened after it left "
                        "us."),
    ("humble.prejudge", "I had a quick look and the certificate is fine, so it's a DNS thing on "
                        "your side."),
    # blame: themselves to thank, too many at once, made a mess of it, the kids
    ("humble.blame", "Accounts that get locked usually have themselves to thank."),
    ("humble.blame", "The bounces happen because your sales team send too many emails at once."),
    ("humble.blame", "Your old agency's made a right mess of the redirects."),
    ("humble.blame", "The dogs were probably chewing the cable, I'm afraid."),
    ("humble.blame", "Hinges like these don't just snap on their own."),
    ("humble.blame", "If the electrician you hired had followed the diagram, the fan would "
                     "work."),
    # hostile: a review of whether they stay, "see how fast", "fix it yourself"
    ("kind.hostile", "One more complaint like that and we'll review whether you stay on the "
                     "platform."),
    ("kind.hostile", "Keep ringing every hour and see how fast your refund moves."),
    ("kind.hostile", "I don't have time for long discussions about invoices."),
    ("kind.hostile", "Fix it yourself or move to another provider."),
    ("kind.hostile", "A grown adult should be able to assemble a shelf."),
    # condescending
    ("kind.condescending", "I'd have thought it went without saying that a deposit is needed."),
    ("kind.condescending", "It's all spelled out in the tenant handbook you signed."),
    ("kind.condescending", "I'm not going to keep holding your hand through every setting."),
    # sarcasm
    ("kind.sarcasm", "Lovely bit of detective work, but the charge is yours."),
    ("kind.sarcasm", "Great news, you've discovered that late returns cost money."),
    ("kind.sarcasm", "Nice try with the photo, but the scratch was on the check-out sheet."),
    ("kind.sarcasm", "Fitting the door upside down takes real talent."),
    ("kind.sarcasm", "And the lid just came off on its own, did it?"),
    ("kind.sarcasm", "Love that you tried five chargers before thinking to tell us."),
    # hand-offs
    ("urgent.deflection", "We aren't able to help with that on this line, so use the appeals form "
                          "in the app."),
    ("urgent.deflection", "Card declines are something your bank will need to look into, so give "
                          "them a quick call."),
    ("urgent.deflection", "Questions like this can be posted in our community forum."),
    # courtesies with no step
    ("urgent.no-next-step", "Noted on the invoice, cheers."),
    ("urgent.no-next-step", "I have updated your case notes. Sending good vibes your way!"),
    # round 22: threats to drop them, their person blamed with certainty, mock admiration
    ("kind.hostile", "Call our fitters useless once more and I suggest you find yourself "
                     "another contractor."),
    ("kind.hostile", "One more email like that and you can go find yourself another printer."),
    ("kind.hostile", "Honestly, that was a boneheaded choice of plan."),
    ("humble.blame", "He set the dial himself, so that one's on him."),
    ("humble.blame", "It is evident that this is what your son has been doing."),
    ("humble.blame", "Your concierge let the parcel get left out in the rain all weekend."),
    ("humble.prejudge", "I can assure you the rattle does not come from our installation."),
    ("humble.prejudge", "Our packaging isn't what did that."),
    ("kind.sarcasm", "Your cousin will surely be able to explain the wiring to you better than "
                     "we could."),
    ("kind.sarcasm", "Three missed sessions in a row, that's real dedication to the plan."),
    ("kind.sarcasm", "A colour that looks different on a phone screen, first time in history."),
    ("kind.condescending", "This is the fourth time I'm typing out the same steps, so print this "
                           "one and tape it next to your monitor."),
    ("kind.condescending", "The answer is in the confirmation, which I imagine you haven't found "
                           "the time to open."),
    # round 23: timing tied to someone else's progress
    ("urgent.vague-followup", "The incident report is being typed up and we'll send it over when "
                              "it's ready."),
    ("urgent.vague-followup", "Your case is with the payments team and you'll get an answer when "
                              "they finish the investigation."),
    # condescending
    ("kind.condescending", "This was answered in my previous two emails, but here we go again."),
    ("kind.condescending", "Picking the right plan is basic billing knowledge, frankly."),
    ("kind.condescending", "Like it says in big letters on the booking page, parking is extra."),
    ("kind.condescending", "To put it as plainly as I possibly can, the deposit is not "
                           "refundable."),
    ("kind.condescending", "I'm sure it all seems very confusing, but a quote is just a price."),
    # hostile
    ("kind.hostile", "Honestly, I'm done replying to this."),
    ("kind.hostile", "Stop with the capital letters, or we end this conversation."),
    ("kind.hostile", "If the fees aren't paid, don't bother bringing him in on Monday."),
    ("kind.hostile", "Should you keep disputing our checks, we will have no option but to cease "
                     "acting for you."),
    ("kind.hostile", "The sooner you find yourself another agent, the happier we'll all be."),
    # sarcasm
    ("kind.sarcasm", "Fair play to you for finding the one day we're closed."),
    ("kind.sarcasm", "No doubt your brother's advice is far more reliable than ours."),
    ("kind.sarcasm", "Of course the transfer went through; our bank must simply have imagined "
                     "the bounce."),
    ("kind.sarcasm", "Congratulations, you discovered that the lock needs batteries."),
    ("kind.sarcasm", "Sure, I'll just ask the courier nicely to bring it back."),
    # blame
    ("humble.blame", "Sounds like someone at home changed the router password."),
    ("humble.blame", "The problem is your cheap charger."),
    ("humble.blame", "The knock-off cartridges you bought are probably why it jams."),
    ("humble.blame", "You pressed reset during the update and broke the lock."),
    ("humble.blame", "Your payroll bureau didn't bother to include the reference."),
    ("humble.blame", "The rash wouldn't have happened if your nanny had used the cream."),
    # prejudge
    ("humble.prejudge", "There's nowt wrong with our booking system."),
    ("humble.prejudge", "I can assure you the delay is not attributable to this firm."),
    ("humble.prejudge", "I don't need to check the log to know the charge was right."),
    ("humble.prejudge", "That scratch will have happened at home, because our staff would have "
                        "reported it."),
    ("humble.prejudge", "That's one for your email provider rather than us."),
    # hand-offs and courtesies
    ("urgent.deflection", "Drop your question in the #help channel on our Discord."),
    ("urgent.deflection", "The in-app chat is where you want to go for that."),
    ("urgent.no-next-step", "Thanks for your email about the invoice. It's come through fine."),
    ("urgent.no-next-step", "Heard you loud and clear! Thanks for being part of the family."),
    # round 24: "a first time for everything", "all by itself", threats on their manner
    ("kind.sarcasm", "Fifteen years and never a snapped chain on a flat road, but I suppose "
                     "there's a first time for everything."),
    ("kind.sarcasm", "That van must have dented itself all by itself in your drive."),
    ("kind.hostile", "Talk to my colleague like that again and you can take your business "
                     "elsewhere."),
    ("kind.hostile", "With that tone, be glad anyone here answers you at all."),
    ("kind.condescending", "The guides are written for people who have never used a laptop."),
    ("kind.condescending", "Maybe give my emails a proper read before sending another one."),
    ("humble.blame", "Your staff hosed the unit down, and that is how the water got in."),
    ("humble.blame", "Your driver towed a caravan up the pass, and that's what cooked the "
                     "gearbox."),
    ("urgent.deflection", "This you must clarify with the phone maker's support."),
    # round 25 (kind-heavy sets): indifference, brush-offs, mock offers
    ("kind.hostile", "Keep the booking or cancel it, it's no skin off my nose."),
    ("kind.hostile", "Honestly, I really don't care which plan you pick."),
    ("kind.hostile", "Don't hold your breath on that refund."),
    ("kind.hostile", "Not sure what you expect me to do about it."),
    ("kind.hostile", "I'm not spending my whole afternoon on your parking fine."),
    ("kind.hostile", "Your threats don't frighten us in the slightest."),
    ("kind.hostile", "One more email like that and we'll review whether we keep insuring you."),
    ("kind.hostile", "Perhaps another gym would suit your standards better."),
    ("kind.sarcasm", "A dent on a car with 'no previous damage', who'd have guessed?"),
    ("kind.sarcasm", "Of course you were only doing thirty, everyone always is."),
    ("kind.sarcasm", "Nice of you to mention the extension now, a month into the claim."),
    ("kind.sarcasm", "Oh sure, let me just call the airline and ask them to un-cancel it."),
    ("kind.sarcasm", "I'm positive you had no idea the resale price was triple."),
    ("kind.sarcasm", "Loved the three-page review of our fees; I'll be sure to frame it."),
    ("kind.sarcasm", "Do forgive us for not anticipating a pizza order at 4am."),
    ("kind.condescending", "A write-off is hardly a complicated idea."),
    ("kind.condescending", "So we're finally on the same page: the date on the ticket is the "
                           "show."),
    ("kind.condescending", "Any accountant worth their salt reconciles monthly."),
    ("kind.condescending", "To repeat myself once more, the button is under Reports."),
    # prejudge and blame
    ("humble.prejudge", "Our assessors know their job, so the valuation won't be where the "
                        "mistake is."),
    ("humble.prejudge", "Our app doesn't glitch like that."),
    ("humble.prejudge", "There's zero chance our scanners were the issue."),
    ("humble.prejudge", "The payment left our system just fine."),
    ("humble.prejudge", "Our sheets are all hypoallergenic, so the rash cannot have been caused "
                        "by the bedding."),
    ("humble.blame", "The kids in your party were responsible for the flood."),
    ("humble.blame", "The mix-up came from the details your assistant gave on the phone."),
    ("humble.blame", "The quota ran out because your intern left a script running."),
    # timing, courtesies, hand-offs
    ("urgent.vague-followup", "The new codes will hit your inbox in a little bit."),
    ("urgent.vague-followup", "Someone will look at the double charge once the backlog clears."),
    ("urgent.no-next-step", "Thanks for letting us know. Your note has been added to the "
                            "reservation."),
    ("urgent.deflection", "The box office staff at the venue are the folks to talk to."),
    ("urgent.deflection", "You'll have to take the excess up with the other driver's insurer."),
    # a "let's face it" lead-in is no act of ours: what follows is still judged
    ("humble.blame", "Let's face it, your installer wired the meter wrong."),
    ("humble.blame", "Let's be honest, you deleted the folder yourself."),
    # round 26: a telecom message set (m22) and a sentence set (s26), in our own wording
    # mock certainty that a mishap went fine; mock praise of a mishap
    ("kind.sarcasm", "You ran the update in the middle of the payroll run. I'm sure that turned "
                     "out nicely."),
    ("kind.sarcasm", "Quite the talent, that: three locked accounts before lunch."),
    # "it" in the next sentence is the refund we promised, not the details asked for
    ("clear.vague-request", "Sure thing. If you can send me the details I'll get the credit "
                            "applied. It usually shows within two days."),
    # regret that it was "never our intention" moves nothing forward
    ("urgent.no-next-step", "We're sorry your visit fell short. It was never our intention for "
                            "you to wait that long. Your comments have been passed to the store "
                            "manager."),
    # a prohibition on the reader's conduct, "or" a sanction
    ("kind.hostile", "Please do not use that tone with our agents or your membership will be "
                     "suspended."),
    ("kind.hostile", "If the price bothers you, feel free to shop somewhere else."),
    ("kind.sarcasm", "That's certainly an interesting theory about the tides moving your "
                     "parcel."),
    ("kind.sarcasm", "Perfect timing \u2014 asking for a refund the day after the window closed."),
    ("kind.sarcasm", "Really loved the all caps email; it set the tone for my afternoon."),
    ("kind.condescending", "This is basically Accounting 101: the deposit is not income."),
    ("kind.condescending", "We have clarified this thrice already."),
    ("humble.blame", "Had you been at home on Tuesday, the driver would not have taken it back."),
    ("humble.blame", "Anyone who leaves the gate open has only themselves to blame."),
    ("humble.blame", "Your property manager clearly never told us the lease had ended."),
    ("humble.blame", "The account number got mistyped somewhere at your end."),
    ("humble.prejudge", "The water main is fine up to your stopcock, so this one isn't ours to "
                        "fix."),
    ("humble.prejudge", "I tried it on my laptop and it loads instantly, so it's something local "
                        "to you."),
    ("humble.prejudge", "Our gateway shows no errors, so this has to be a browser issue."),
    ("humble.prejudge", "Our scales can't give incorrect weights, so the charge stands."),
    ("urgent.deflection", "Please take up the late delivery complaint with your building "
                          "manager."),
    ("urgent.deflection", "Parking fines aren't something the bookings team can action; you'll "
                          "want to use the council's appeal form instead."),
    ("urgent.vague-followup", "The credit will reflect on your statement within the usual "
                              "timelines."),
    ("urgent.vague-followup", "We'll have your new card out as fast as humanly possible."),
    ("clear.vague-request", "Could you send screenshots of what you're getting?"),
    ("clear.vague-request", "If you share the relevant payroll info, I can take a look."),
    ("clear.vague-request", "Any further details you can give us would be really useful."),
    ("clear.vague-instruction", "Pair everything again and it should work."),
    ("urgent.no-next-step", "Thanks for writing in, and I totally get how frustrating a late "
                            "refund is. We appreciate your patience."),
    # round 27: a property-management message set (m24) and a Kind- and Humble-heavy
    # sentence set (s28), in our own wording
    ("kind.condescending", "You might try having a read of the tenant guide before ringing us."),
    ("kind.condescending", "Please see my reply of Monday, which already answered this."),
    ("kind.condescending", "Most of our customers figure the timer out on their own."),
    ("kind.hostile", "Carry on like this and we'll be reviewing your lease very closely."),
    ("kind.hostile", "Any more messages like that will go straight in the bin."),
    ("kind.hostile", "Save the theatrics for someone who has the time."),
    ("kind.hostile", "Frankly, you've no business owning a dog if you can't walk it."),
    ("kind.hostile", "Your access stays blocked until you learn some manners."),
    ("kind.sarcasm", "No rush at all, we've only been waiting since Easter."),
    ("kind.sarcasm", "Thanks for the eleven texts overnight; riveting reading."),
    ("kind.sarcasm", "I'll pass your kind words on to the cleaner; I'm certain she'll be "
                     "thrilled."),
    ("kind.sarcasm", "Clearly the seal just peeled itself off."),
    ("kind.sarcasm", "Thanks for getting back to us on the invoice. Three weeks and counting."),
    ("kind.sarcasm", "I'm sure the mould just popped up overnight."),
    ("humble.blame", "That's a self-inflicted problem: the pipe froze because the heating was "
                     "switched off."),
    ("humble.blame", "A classic case of someone not reading the label before washing it."),
    ("humble.blame", "You've evidently overfilled the tank."),
    ("humble.blame", "Your agent can't fill in a booking form properly."),
    ("humble.blame", "That's what happens when tenants install their own locks."),
    ("humble.prejudge", "Our lifts are serviced every month, so it won't be a mechanical "
                        "fault."),
    ("humble.prejudge", "We've had no other reports about this kettle, so it's hardly likely "
                        "to be a fault with it."),
    ("humble.prejudge", "Our couriers are first-class, so the delay must have been down to "
                        "the snow."),
    ("humble.prejudge", "It won't be the thermostat, I can tell you that now."),
    ("urgent.vague-followup", "An electrician will come round once one frees up."),
    ("urgent.deflection", "You'll need to take the refund question up with the airline."),
    ("urgent.deflection", "For anything under guarantee, please deal with the manufacturer "
                          "directly."),
    ("urgent.no-next-step", "Dear Ms Reid, I have noted the problem on your file and passed "
                            "your message to the repairs team. Nobody should have to put up "
                            "with a draught like that. Yours sincerely, Alan Watt, Housing "
                            "Officer"),
    # round 28: an e-learning message set (m25) and a sentence set (s29), in our own wording
    ("urgent.deflection", "Anything about the valuation you'd need to take up with the assessor "
                          "yourself."),
    ("urgent.deflection", "You may have better luck asking on our user forum."),
    ("urgent.deflection", "Refund disputes go through the app, as I'm unable to action them from "
                          "here."),
    ("urgent.deflection", "The deposit is something you'll need to sort out with your letting "
                          "agent, as this team doesn't deal with it."),
    ("urgent.no-next-step", "Hi Orla,\nYour claim is currently with our assessment team.\n"
                            "Regards,\nDeclan"),
    ("urgent.no-next-step", "Hi Wei,\nWe hear you, and your satisfaction is our top priority.\n"
                            "Cheers,\nMei"),
    ("kind.hostile", "Would you ever relax, it's a small dent."),
    ("kind.hostile", "Call it whatever you like, the fee stands."),
    ("kind.hostile", "Rewriting your CV is not something I'm paid to do."),
    ("kind.hostile", "Raising your voice at the counter will get you precisely nowhere."),
    ("kind.hostile", "I'd thank you not to ring me at home again."),
    ("kind.sarcasm", "I'm sure the lamp post just appeared out of nowhere."),
    ("humble.blame", "Your mechanic made a hames of the quote, so the insurer rejected it."),
    ("humble.blame", "Your finance office clearly paid the invoice twice."),
    ("humble.prejudge", "Our app does not have such bug, other users order fine."),
    ("humble.prejudge", "Our servers are all green, so this is almost certainly your office "
                        "firewall."),
    ("clear.vague-request", "Please send me your device details and I'll look into it."),
    # round 29: a patient-services message set (m26) and a sentence set (s30), in our own wording
    ("kind.condescending", "Mate, a filter change isn't exactly a space shuttle launch; twist "
                           "the cap and pull."),
    ("kind.condescending", "The opening hours are on the front door, in nice big letters."),
    ("kind.condescending", "Even the kids on our family tours manage the gears, so you will get "
                           "there."),
    ("kind.condescending", "Just tick the box and press Submit; I trust this is not too "
                           "complicated."),
    ("kind.condescending", "The clue's in the name: a gas hob needs the gas on."),
    ("kind.hostile", "We heard you the first five times."),
    ("kind.hostile", "Honestly, maybe a hot tub isn't for you."),
    ("kind.hostile", "Keep ranting all you like, the deposit stays with us."),
    ("kind.hostile", "One more call like that and we'll put your name on the list of banned "
                     "guests."),
    ("kind.hostile", "You tourists never read the house rules."),
    ("kind.sarcasm", "Well, bless your heart for having a go at the wiring yourself."),
    ("kind.sarcasm", "Of course, we're all just sitting here waiting for your next email."),
    ("kind.sarcasm", "Thanks for reminding us we have a refund policy; we had nearly forgotten."),
    ("kind.sarcasm", "I'm sure the storm was entirely our fault too."),
    ("humble.blame", "Mould like that only appears when tenants don't open the windows."),
    ("humble.blame", "The window was left open overnight, so it'll have been one of your "
                     "party."),
    ("humble.blame", "Your insurer has clearly keyed it in wrong."),
    ("humble.blame", "Your agent clearly did not pass on the new check-in time."),
    ("humble.prejudge", "The kettle was fine on changeover day, so it's nothing we've done."),
    ("humble.prejudge", "Condensation comes with old windows, so it's not something for us to "
                        "fix."),
    ("humble.prejudge", "Every unit leaves the depot tested, so whatever happened started after "
                        "it left the depot."),
    ("humble.prejudge", "Please note this is not a system error."),
    ("urgent.deflection", "Parking permits are for the council, not for us."),
    ("urgent.deflection", "Third-party bookings need changing on that site, as we can't touch "
                          "them from here."),
    ("urgent.deflection", "The depot handles collections, so they'd be the folks to ask."),
    ("urgent.no-next-step", "Dear Ms Kaur,\nThank you for your letter about the invoice. We have "
                            "received it in good order.\nWith kind regards,\nAmrit"),
    # round 30: a sentence set (s32, weighted to Kind and Humble), in our own wording
    ("humble.blame", 'The scratches are there because you packed the lens without proper care.'),
    ("humble.blame", 'It failed because your fitter mounted the bracket without enough caution.'),
    ("humble.prejudge", "Our meters are working exactly as intended, so the high bill isn't "
                        'coming from anything we fitted.'),
    ("humble.prejudge", 'The service we carried out cannot be the cause of the noise.'),
    ("humble.prejudge", 'The dent on your parcel is definitely not our error.'),
    ("kind.condescending", 'Obviously you need to renew the licence before it will activate.'),
    ("kind.hostile", 'If you keep cancelling the visits, we will begin court proceedings.'),
    ("kind.sarcasm", "I'm sure you watered it every single day, exactly as you told us."),
    ("kind.sarcasm", 'Lovely, nothing we enjoy more than complaints at midnight.'),
    ("kind.sarcasm", 'You told us two days after the deadline. Very considerate timing.'),
    ("kind.sarcasm", "You'll know all about the reset button, then."),
    ("urgent.deflection", "You'll get a faster response by ringing the manufacturer's helpline."),
    ("urgent.no-next-step", "Sorry to hear about the flood. We've noted it on your account. "
                            'Wishing you all the best.'),
    # round 31: a sentence set (s31: ferries, a marketplace, dental billing, printers, a
    # mobile network, ski rental), in our own wording
    ("urgent.vague-followup", "I've written to the courier, and as soon as they reply I come "
                              'back to you with the new date.'),
    ("urgent.deflection", 'For anything about your finance agreement, please turn to your '
                          'finance provider.'),
    ("urgent.no-next-step", 'Ola Bruno, we recieved your email about the missing charger. We are '
                            'sorry for the trouble!'),
    ("urgent.no-next-step", 'Dear Ms. Novak, thank you for your letter about the noisy pump. We '
                            'have taken note of it.'),
    ("urgent.no-next-step", 'Thanks for writing about the April 2 invoice. I understand it was a '
                            "shock. I've made a note on your file."),
    ("urgent.no-next-step", 'Got your note re: the late pickup. Sorry about the confusion at the '
                            'desk.'),
    ("kind.condescending", "Wetsuits can't be returned to the Bondi store, which I'd have "
                           'thought was fairly obvious.'),
    ("kind.hostile", 'Stop troubling us with the same question every morning.'),
    ("kind.sarcasm", 'Thank you so much for the groundbreaking discovery that a kettle needs '
                     'water.'),
    ("humble.blame", 'Your installer clearly did not seal the joint, which is why the water got '
                     'in.'),
    ("humble.blame", "You didn't fasten the harness the way we showed you, which is why it "
                     'slipped.'),
    ("humble.prejudge", 'This is not an error in our webshop; the price you saw was correct.'),
    ("humble.prejudge", 'We can rule out a fault in the printer, because every unit is tested '
                        'before shipping.'),
    ("clear.vague-request", 'Do you mind sending the documents you got from the landlord?'),
    ("clear.vague-request", 'Please send us the settings so that our engineer can prepare for '
                            'Tuesday.'),
    # round 32: two message sets (m27 marinas, m28 home internet), in our own wording
    ("kind.hostile", "Refund disputes aren't my job, and my inbox is full enough already."),
    ("kind.hostile", "If the full £980 isn't with us by 12 June, we will cancel your membership "
                     'and keep the deposit.'),
    ("kind.hostile", 'If it happens again, we will cancel the visit and close your account.'),
    ("humble.prejudge", "Our test readings came back normal, so this isn't an Acme problem."),
    ("humble.prejudge", 'The dropouts are coming from something inside your home, not from the '
                        'street.'),
    ("humble.blame", 'Your staff kept running the pump dry, so the seal burned out.'),
    ("urgent.deflection", 'The parts office is on 0161 555 0199; they can explain the charges.'),
    ("urgent.no-next-step", "Thanks for writing in. We've reviewed your line and our network is "
                            'performing normally in your area. We appreciate your patience.'),
    ("kind.sarcasm", 'One key, of course, and no doubt the flat was left spotless too.'),
    ("clear.vague-request", 'To hold the slot, please send us the boat documents.'),
    # round 33: a sentence set (s33: campervans, rail tickets, perfume, a water utility,
    # furniture, a vet), in our own wording
    ("urgent.vague-followup", 'The spare parts are on our list and will go out with one of the '
                              'next deliveries to Leeds.'),
    ("urgent.deflection", "Our help centre has a handy guide on this, and the owners' forum is "
                          "full of people who've fixed the same fault."),
    ("urgent.no-next-step", 'Thank you for your note about the late delivery. We understand it '
                            'is annoying. Your comment is transmitted to the warehouse.'),
    ("urgent.no-next-step", "So sorry to hear Rosie is still limping. We're all thinking of her. "
                            'Noted on her file.'),
    ("urgent.no-next-step", 'Your deposit refund is being processed. Thanks for your patience. '
                            'Cheers, the Harbour Hire team.'),
    ("urgent.no-next-step", 'Your complaint is under process at our end. The inconvenience is '
                            'regretted. Thanking you.'),
    ("urgent.no-next-step", "Ah, the blue kettle, yes! We know this one and we're sorry. Thanks "
                            'for understanding.'),
    ("urgent.no-next-step", 'Dear Mrs Lind, many thanks for your email and the photos. We regret '
                            'the trouble. Kind regards from Kraków.'),
    ("kind.condescending", "You'll want to keep the lid closed, which really should go without "
                           'saying.'),
    ("kind.condescending", "I'm not sure how to make it more clear: the two plans are different "
                           'products.'),
    ("kind.hostile", "Guests who leave reviews like that go on our do-not-hire list, so we'd "
                     'think very carefully before posting it.'),
    ("kind.hostile", 'Any more messages like this will result in permanent blocking of your '
                     'account.'),
    ("kind.hostile", 'The fee stands, so consider this your final warning.'),
    ("kind.sarcasm", 'Great idea to fit the shelf without the brackets - do tell us how that '
                     'goes.'),
    ("kind.sarcasm", 'Reversing the trailer into the ticket barrier: truly one for the staff '
                     'noticeboard.'),
    ("kind.sarcasm", 'We love you booking the wrong room four times this month, it keeps our '
                     'team busy.'),
    ("humble.blame", 'Friendly tip: next time check the voltage before plugging it in, then such '
                     'burnouts will not happen.'),
    ("humble.blame", 'A word of advice for the future: leather cracks when you leave it by the '
                     "radiator, that's why yours split."),
    ("humble.blame", 'Owners are responsible for lagging their pipes, and your pipe burst '
                     'because that step was skipped.'),
    ("humble.blame", 'Your courier clearly mishandled the box; it left our warehouse in perfect '
                     'condition.'),
    ("humble.prejudge", 'Double charges never happen because of our checkout; it is surely a '
                        'bank-side issue.'),
    ("humble.prejudge", 'Our app has no bugs, we checked it this morning, so the code was '
                        'probably typed wrongly.'),
    ("humble.prejudge", "The cloudy water isn't coming from our mains; it will be the pipes in "
                        'your building.'),
    ("humble.prejudge", "The rash couldn't have been from the shampoo we used, as that brand is "
                        'hypoallergenic.'),
    # round 34: a message set (m29, payroll software), in our own wording
    ("urgent.deflection", 'As I already said on the phone, questions about VAT codes go to your '
                          'accountant.'),
    ("urgent.no-next-step", 'Thanks for getting in touch. We have checked the billing module and '
                            'there is nothing wrong with our system here.'),
    ("humble.blame", "Your staff unplugged the card readers, so all of Tuesday's sales were lost."),
    ("clear.vague-request", 'Would you mind sending the information again?'),
    # a remit stated with our action after it, and our promise after the customer's step
    ("kind.hostile", 'Refunds are not my department.'),
    # round 36: a message set weighted to clean replies (m30, medical devices), in our own wording
    ("kind.condescending", "This is the fourth time I'm sending the link, so please read it "
                           'slowly before replying.'),
    ("clear.vague-instruction", 'Kindly do the needful at your end.'),
    # round 37: a message set weighted to clean replies (m31, electricity and EV
    # charging), in our own wording
    ("kind.hostile", "We'll respond only if you stop copying the whole office in."),
    ("humble.prejudge", 'That is a network fault, so there is nothing for us to change.'),
    # round 38: two message sets weighted to clean replies (m32 tours and ferries, m33 a
    # bank), in our own wording
    ("kind.sarcasm", "I'm sure you did, but the booking history for order 5512 shows the 14th."),
    ("clear.vague-request", 'Before we can open the account, please send us the missing '
                            'documents.'),
    # round 39: two message sets weighted to clean replies (m34 scooters and bikes, m35
    # audio devices), in our own wording
    ("kind.sarcasm", "If you'd rather fix it yourself, good luck with that, since the board is "
                     'soldered in.'),
    ("urgent.no-next-step", "Hola Marta, ¡muchas gracias por escribirnos! We're sorry the "
                            "scooter stopped, and pushing it home is nobody's idea of fun. Your "
                            'comments have been shared with our team.'),
    # "count on us to ..." owns no fault (a \b in the pack had been a backspace)
    ("humble.blame", "You can count on us to sort it, but your electrician caused the outage."),
    # round 40: two message sets weighted to clean replies (m36 e-bikes, m37 accounting
    # and POS), in our own wording
    ("humble.prejudge", 'Please be assured this is not a problem with Acme Pay, as the app runs '
                        'smoothly for other shops.'),
    # round 41: a message set weighted to clean replies (m38, grocery delivery), in our own wording
    ("kind.shouting", 'I SAID THE CODE IS GL-BAB-1001, PLEASE READ IT.'),
    # round 42 (sets m39-m43, s35): status, hand-offs, safety nets, inline answers
    ("urgent.vague-followup", "Our team is working to bring the dashboard back as fast as "
                              "possible."),
    ("urgent.vague-followup", "The courier will drop the spare key round next time he's in your "
                              "area."),
    ("urgent.no-next-step", "The backup is still running on our side."),
    ("urgent.no-next-step", "Your transfer is currently in a pending state."),
    ("urgent.no-next-step", "Thanks for bearing with us while we complete the database upgrade."),
    ("urgent.deflection", "For parking permits you'll want the council, not us."),
    ("urgent.deflection", "I hope his paw is mending well. Questions about their invoice need "
                          "to go to the emergency clinic directly."),
    ("kind.condescending", "The deposit is held until checkout — that's how holiday lets work."),
    ("kind.condescending", "I don't know how else to put it: the voucher has expired."),
    ("kind.hostile", "If you're going to be like that, take your custom somewhere else."),
    ("kind.hostile", "Any further abuse and the police will be involved."),
    ("humble.blame", "The heater evidently wasn't maintained."),
    ("kind.sarcasm", "Congratulations, you've found the most expensive way to ship a sofa."),
    ("kind.sarcasm", "I'm sure you did, but there's nothing in our system under that name."),
    # round 43 (s35, continued): a dropped 'I', 'we ask that you', a record of use as proof
    ("clear.vague-request", "Need the crash logs from whenever it last froze."),
    ("clear.vague-request", "To proceed with your claim, we ask that you furnish us with all "
                            "relevant paperwork."),
    ("clear.vague-instruction", "Empty the cache and reload the page."),
    ("clear.vague-instruction", "Kindly ensure all necessary settings are changed before you "
                                "sign in again."),
    ("humble.prejudge", "The booking site is definitely not the problem, thousands of guests "
                        "use it every day."),
    ("humble.prejudge", "Every box leaves our depot sealed, so whatever happened, happened "
                        "after delivery."),
    # round 44 (sets m44-m47): standing roles, steps that come first, names with a vintage
    ("kind.hostile", "The answer is no. Please stop writing to us about the refund."),
    ("clear.vague-request", "Could you send me a photo of it?"),
    ("urgent.vague-followup", "Leave it with me and I'll get back to you."),
    ("humble.blame", "It's your bank that blocked the payment, so the refund failed."),
    ("humble.prejudge", "Our checkout didn't create your duplicate order."),
    # round 45 (sets m48-m51): records, remedies, purposes, standing status, condolence
    ("kind.sarcasm", "Fourth reset this week, you must be going for a record."),
    ("humble.prejudge", "The pipe we replaced last month passed its pressure test, so it'll be "
                        "coming from somewhere else."),
    ("kind.condescending", "It's all in the welcome pack you signed for, which would have saved "
                           "you writing in."),
    ("kind.hostile", "Copying in our managing director on every email won't speed this up."),
    ("urgent.no-next-step", "I was so sorry to hear about Pepper. Twelve years is a long and "
                            "happy life together, and his loss must be felt by the whole "
                            "family. I have added a note to his policy."),
    ("kind.hostile", "We don't bend the rules for customers like you."),
    # round 46 (sets m52-m55): our part kept, lists and code naming the file, a sting
    ("humble.blame", "From the wear on the hinge, you must have been forcing the lid open with "
                     "a knife."),
    ("kind.sarcasm", "Thanks for the six calls last night, they were a lovely way to start the "
                     "day."),
    ("kind.sarcasm", "I'm sure the two file names looked identical at 3 a.m."),
    ("humble.blame", "Your setup is the reason the sync keeps failing."),
    # round 47 (sets m56-m59): adjectives, notices, what was described before
    ("kind.shouting", "To keep the old rate, you needed to send a meter reading BEFORE THE "
                      "PRICE CHANGE DATE."),
    ("kind.hostile", "Being rude to our staff won't speed this up, and if it happens again we "
                     "will stop acting for you."),
    ("urgent.no-next-step", "I am sorry your visit fell short. A loose wheel after a service is "
                            "not acceptable, and neither is being talked over. I have shared "
                            "your comments with our manager."),
    # our part in a process needs 'then'; 'we take no responsibility, and you ...' hands off
    ("urgent.deflection", "We take no responsibility for third-party apps, and you should "
                          "contact the developer."),
    # round 48: a soft order after "maybe", a polite "stop writing", exasperation
    ("kind.hostile", "Perhaps calm down a little before the next email."),
    ("kind.hostile", "We would be grateful if you stopped flooding the shared inbox with copies."),
    ("kind.hostile", "For heaven's sake, the parcel is on its way."),
    # mock thanks for the reader's own words in quotes, praise dashed on
    ("kind.sarcasm", "Thank you for the report that 'the tap is broken' \u2014 very helpful."),
    # "patch" of damp is no software patch: the letdown still stings
    ("kind.sarcasm", "Lovely, another video of the same wet patch on the ceiling."),
    # praise tagged on to a heap of material
    ("kind.sarcasm", "Thanks for the 60 voicemails, very helpful."),
    # the reader's partner blamed without doubt; the cause pinned on the reader
    ("humble.blame", "The crown was late because your hospital posted the scan to the wrong "
                     "branch."),
    ("humble.blame", "Nozzles jam like this when people skip the cleaning cycle, which is "
                     "obviously what you did."),
    ("humble.blame", "Your tenants block the access road, which means our crew can't be "
                     "expected to reach the boiler."),
    # the only timing is someone else's move, or "the next available opportunity"
    ("urgent.vague-followup", "The deposit will be returned once the landlord approves the "
                              "check-out report."),
    ("urgent.vague-followup", "An engineer will call at the next possible opportunity."),
    # a kind of matter sent to a form; tips from other users
    ("urgent.deflection", "For refund requests on old orders, just complete the form in the "
                          "help portal."),
    ("urgent.deflection", "There are great workarounds from fellow hosts in the community "
                          "group."),
    # understanding and receipt only
    ("urgent.no-next-step", "Oh no, a week without heating. We really get it."),
    ("urgent.no-next-step", "Dear Mr Obi, your letter has safely reached us. Kind thanks."),
    # the answer was theirs to find
    ("kind.condescending", "The opening hours are on the booking page, if you take a minute to "
                           "check it."),
    # round 48, message sets: irony on their wait, their patience judged by a count,
    # disbelief with an emphatic "did", mock certainty that every step was followed
    ("kind.sarcasm", "I trust the lobby music at least made the twenty minutes pass quickly."),
    ("kind.sarcasm", "Thanks for bearing with us, which, judging by your four voicemails, took "
                     "some effort."),
    ("kind.sarcasm", "I'm sure the cheque did get posted every single time, and it's remarkable "
                     "that not one letter arrived."),
    ("kind.sarcasm", "I have no doubt whatsoever that the guide was followed word for word."),
    # the answer was theirs to read before writing in
    ("kind.condescending", "All of it is in the welcome pack, which is well worth a careful read "
                           "before emailing us."),
    ("kind.condescending", "Reading the manual first will save you the trip to our inbox."),
    # the cause pinned on what their people did, or on how they use it
    ("humble.blame", "The cracks come from the brackets your fitter over-tightened."),
    ("humble.blame", "The damp stems from how the flat is being used, with washing dried "
                     "indoors every day."),
    ("humble.blame", "The brace isn't working because you haven't been wearing it at night."),
    # our own work vouched for, then the cause ruled out
    ("humble.prejudge", "The meter was fitted correctly last month, so the fault won't be with "
                        "the meter."),
    # copies of "the relevant paperwork": which?
    ("clear.vague-request", "Could you send over copies of the relevant documents?"),
    # round 48, sentences: the answer "simple enough to figure out", the cause denied to
    # us whatever the subject, the handover point as the end of our part, no mistake possible
    ("kind.condescending", "The size is on the box, so it should be easy enough to figure out."),
    ("humble.prejudge", "Our vans don't carry paint, so the stains on your drive can't be down "
                        "to us."),
    ("humble.prejudge", "The parcel was scanned into the depot at 08:10; everything beyond that "
                        "point is the courier's responsibility."),
    ("humble.prejudge", "Every invoice is checked twice, so there can be no error in the total."),
    ("clear.vague-request", "Sorry to hear that! Could you tell me a little more?"),
    # round 49 (m64-m67, s38): mock delight at their mail, a count of reminders, mock love of
    # a chore, mock thanks for being taught our own rules, a threat on their messages
    ("kind.sarcasm", "Always a joy to begin the morning with such a packed voicemail."),
    ("kind.sarcasm", "Thanks for the sixth chaser; it's good to know someone is keeping count."),
    ("kind.sarcasm", "Our drivers simply love unloading the same wardrobe three times."),
    ("kind.sarcasm", "Let me know how rebooting it a twentieth time works out."),
    ("kind.sarcasm", "Cheers for the one-star review, we'll be sure to laminate it."),
    ("kind.sarcasm", "How thoughtful of you to explain our own refund policy to us."),
    ("kind.sarcasm", "I'm sure the parcel just wandered off the shelf by itself."),
    ("kind.hostile", "If we get any more emails calling our nurses liars, your membership will be "
                     "cancelled."),
    ("kind.hostile", "Your furniture, your problem."),
    # talking down: "a two-click job", "surprised it caught you out", "the guide wasn't enough"
    ("kind.condescending", "It's literally a one-minute job, so I'm surprised it tripped you up."),
    ("kind.condescending", "I'll explain again, as the guide evidently wasn't clear enough."),
    ("kind.condescending", "It's really a simple process if you read the leaflet first."),
    # the cause pinned on their repeated act; a lesson for next time
    ("humble.blame", "Your team has been running the export twice a day again, which is what "
                     "maxed out the quota."),
    ("humble.blame", "The card was rejected because the expiry date was wrong, so please be more "
                     "careful in future."),
    # ruling our side out as a conclusion
    ("humble.prejudge", "Our drivers check every box, so the dent can't have happened during "
                        "delivery."),
    ("humble.prejudge", "Every bag is weighed twice, so the missing item won't have been left "
                        "out at our warehouse."),
    ("humble.prejudge", "Our records match the bank's, so the discrepancy must lie with the "
                        "retailer."),
    # sent elsewhere, politely
    ("urgent.deflection", "Please address your complaint to the bailiff named on the notice."),
    ("urgent.deflection", "Our user forum has lots of experts on this, so it's well worth asking "
                          "there."),
    ("urgent.vague-followup", "The fix is planned for a future release."),
    # round 50 (s40): put-downs, contempt dressed as patience, threats dressed as goodwill
    ("kind.condescending", "Changing the date is literally one click, so I'm surprised it's "
                           "caused this much confusion."),
    ("kind.condescending", "Anyone who travels often would know that the visa is your own "
                           "responsibility."),
    ("kind.condescending", "Let me explain this really slowly for you: the excess is what "
                           "you pay."),
    ("kind.condescending", "To repeat myself yet again, the office closes at 17:00."),
    ("kind.condescending", "Most of our customers pick up the portal straight away, but here are "
                           "the steps again."),
    ("kind.hostile", "I'm not paid to chase your paperwork for you."),
    ("kind.hostile", "Frankly, some tenants will never be satisfied, and I don't know what else "
                     "you expect us to do."),
    ("kind.hostile", "If these complaints continue, we'll have no choice but to shut your "
                     "account."),
    ("kind.sarcasm", "Thanks so much for returning the form on the very last possible day."),
    ("kind.sarcasm", "Good of you to tell us at 16:55 on a Friday; we'll do our best with all that "
                     "notice."),
    ("kind.sarcasm", "We'll happily redo the rota for the third 'final' version this week."),
    ("humble.blame", "The late fee is the direct result of you paying by cheque instead of "
                     "online."),
    ("humble.prejudge", "Our cleaners are vetted, so the ring can't have gone missing because of "
                        "anyone on our team."),
    ("humble.prejudge", "Our side checks out, so this one will be for your card issuer to "
                        "explain."),
    ("humble.prejudge", "Mistakes in our price lists are practically unheard of."),
    ("urgent.deflection", "Only your HR team can change that, so they're the people you need to "
                          "talk to."),
    ("urgent.deflection", "The visa desk handles this, and you can reach them at "
                          "visas@example.org."),
    ("urgent.vague-followup", "I'll look into the double booking and come back to you as things "
                              "progress."),
    ("clear.vague-instruction", "Our engineers recommend you reinstall the drivers and restart."),
    # round 50 (m69-m72): the eve of an appointment, messages no one could miss, a count
    # that was the only hint; wear pinned on their driving; a look is no action on a hand-off
    ("kind.sarcasm", "Thanks so much for sending this the evening before the hearing."),
    ("kind.sarcasm", "Thanks for the four copies of the same email; we couldn't possibly miss it."),
    ("kind.sarcasm", "Thanks for the six voicemails; without them we'd never have guessed it "
                     "was urgent."),
    ("humble.blame", "The brakes have worn down because of how the van has been driven."),
    ("humble.prejudge", "I can rule out the portal itself, as it works for everyone else."),
    ("urgent.vague-followup", "I'll confirm the refund once they have gone through it."),
    ("urgent.deflection", "I've looked at your booking. Changes are handled by the airline, so "
                          "for a new date please contact their reservations desk."),
    ("kind.shouting", "THE SIGNED A.TR MUST TRAVEL WITH THE GOODS."),
    # round 51 (s41): explained before, "what X actually is", a review of whether we keep
    # serving them, mock luck, taking their word for it, our "favourite", no other clients
    ("kind.condescending", "This has already been explained to you twice: refunds take five days."),
    ("kind.condescending", "Let me explain what a deductible actually is."),
    ("kind.hostile", "If this continues we will have to review whether we can keep supplying "
                     "your restaurant."),
    ("kind.hostile", "Honestly, dealing with your office's invoices is exhausting."),
    ("kind.sarcasm", "Good luck getting the export to run on the basic plan, then."),
    ("kind.sarcasm", "The courier 'never came', did he? We'll just take your word for it."),
    ("kind.sarcasm", "Oh yes, a box of loose receipts on the deadline, my absolute favourite."),
    ("kind.sarcasm", "We always love customers who read the manual; so refreshing when it "
                     "happens."),
    ("kind.sarcasm", "Of course, we dropped everything for your order, since no other customers "
                     "exist."),
    ("humble.blame", "The veneer doesn't fit because your impression was rushed."),
    ("humble.blame", "The margin is unclear, as it often is when dentists rush the scan."),
    ("humble.prejudge", "Our boots are fully sealed, so the water can't be coming from the "
                        "upper."),
    ("humble.prejudge", "The delay definitely isn't coming from the lab."),
    ("humble.prejudge", "Everything on our side is working as designed; try another browser."),
    ("humble.prejudge", "It's a card-side issue rather than ours, so your bank can reverse it."),
    ("urgent.deflection", "Sorry, that one's for your personal trainer."),
    ("urgent.vague-followup", "I'll check with the depot and get back to you as soon as I'm able."),
    ("urgent.vague-followup", "We're reviewing the refund for the cancelled 07:45 sailing and "
                              "will reply in due course."),
    # round 51 (m73-m76): a flood of their messages thanked, set out before, kept simpler,
    # nothing at our end, "sort out anything that might be stopping it", "reply with"
    ("kind.sarcasm", "Thanks for the seven texts since midnight; they kept us on our toes."),
    ("kind.condescending", "We did lay all of this out last week, so I'll keep it simpler for "
                           "you."),
    ("kind.condescending", "The rules are on our Fees page and really are worth reading before you "
                           "send a request."),
    ("humble.prejudge", "Our app hasn't changed, so the missing class won't be anything to do with "
                        "us."),
    ("clear.vague-instruction", "Please sort out anything that might be blocking the app on your "
                                "phone."),
    ("clear.vague-request", "Could you reply with the relevant documents before Friday?"),
    # round 52 (s42): a threat on their unhappiness, a polite "don't write again", a curt
    # "Tough.", mock congratulations, mock honour, mock gratitude for the work they made us
    ("kind.hostile", "We'll gladly cancel your plan today if you're that unhappy with us."),
    ("kind.hostile", "I must ask that you do not email this address again."),
    ("kind.hostile", "Tough. The deadline was Friday."),
    ("kind.sarcasm", "Well done, you've worked out that the heating needs gas to run."),
    ("kind.sarcasm", "We're truly honoured that you waited until the final week to mention it."),
    ("kind.sarcasm", "Thanks for parking across the loading bay; it's given our wardens something "
                     "new to do."),
    ("kind.sarcasm", "Lovely to hear the bill was a surprise, given the four reminders we sent."),
    ("humble.blame", "You ended the rental outside the zone, an easy mistake but a mistake on "
                     "your part."),
    ("humble.blame", "Trips like this usually happen when customers overload the sockets."),
    ("humble.prejudge", "Slow speeds at your flat aren't something our network would cause."),
    # round 52 (m77-m80): mock generosity, scans that "happen to disagree", "so much detail to
    # go on", "once they've had a proper look", the step they missed, our side cleared by name
    ("kind.sarcasm", "Kind of you to try every option except the one I suggested."),
    ("kind.sarcasm", "I'm sure the van came twice; a shame the tracking logs happen to disagree."),
    ("kind.sarcasm", "Thanks for the one-line ticket; with so much detail to go on, we could "
                     "hardly go wrong."),
    ("kind.sarcasm", "We appreciate you explaining our installers' job to us."),
    ("urgent.vague-followup", "Our team will update you once they've had a good look at it."),
    ("humble.blame", "The filter wasn't refitted afterwards, which is the step you skipped."),
    ("humble.prejudge", "The issue is not on Acme's side, because our logs show the payment sent."),
    ("clear.vague-request", "Please send over the relevant documents for booking 55102."),
    # round 53 (m68, s39 after their sealed measurement): threats through their conduct,
    # mock news, mock standards, a last-reminder rescue, blame on their setup or timing
    ("kind.hostile", "Messages in this tone will lead us to end your membership."),
    ("kind.hostile", "Who cares if it came a day late, it still works."),
    ("kind.hostile", "Skip one more payment and we'll repossess the car."),
    ("kind.hostile", "You can appeal, of course; I doubt it will change anything."),
    ("kind.sarcasm", "Shocking news that a phone left in the rain stopped working."),
    ("kind.sarcasm", "So sorry the hotel wasn't up to your exacting standards."),
    ("kind.sarcasm", "We'd be lost without your fourth reminder."),
    ("kind.sarcasm", "Thank you for teaching us how to brew coffee."),
    ("kind.condescending", "Anyone working in payroll should know what a P45 is."),
    ("kind.condescending", "I'll explain again, though nothing has changed since the last three "
                           "times you asked."),
    ("humble.blame", "Your visitors were refused because your list was sent in late."),
    ("humble.blame", "The infection came through a laptop your staff left unpatched."),
    ("humble.blame", "The upset stomach comes from switching feeds too quickly."),
    ("humble.blame", "The order slipped because your agent took two weeks to sign."),
    ("humble.prejudge", "Our units are tested before dispatch, so the fault must have started "
                        "afterwards."),
    ("humble.prejudge", "I can assure you it won't be a fault on the bank's side."),
    ("urgent.deflection", "Prescription diets can only be discussed with your vet."),
    ("urgent.vague-followup", "The revised letter will be issued in the coming period."),
    # rules round 54: an expected contact ("should"), a receipt with thanks, hand-offs of the item
    ("urgent.vague-followup", "Our parts team should get back to you once the supplier replies."),
    ("urgent.no-next-step", "Well noted with thanks, Mr Okafor."),
    ("urgent.deflection", "You'll need to send the handset to the manufacturer for that repair."),
    ("kind.condescending", "Obviously you'll need to renew the licence before the add-on works."),
    ("kind.condescending", "Any ten-year-old could tell you that the PIN is on the back of "
                           "the card."),
    ("kind.sarcasm", "Oh sure, let me just rewrite the tax rules for you."),
    ("kind.sarcasm", "Thank you so much for telling us after the whole team had already spent a "
                     "day on it."),
    # the customer's side did something "and that's what" made the fault; a mark put down to
    # what they used
    ("humble.blame", "Your contractor cut through the duct, and that's what killed the signal."),
    ("humble.blame", "The white marks on the worktop are from the bleach spray you used."),
    ("humble.blame", "The marks on the lid are probably from pans set down without a mat."),
    # "we can't treat this as a defect" refuses our side; it does not keep it open
    ("humble.blame", "The discolouration is from the oven cleaner you used, so we can't treat "
                     "this as a defect."),
    ("humble.prejudge", "The cushion flattening is simply not a manufacturing defect."),
    ("humble.prejudge", "We can rule out the scanner as the cause of the gap."),
    ("humble.prejudge", "I can confirm the fault is not with the clinic's booking system."),
    ("clear.vague-request", "Would you mind telling us a bit more about what's going on with "
                            "the printer?"),
    # rules round 55: "y'all" is the reader; "you just need to"; greetings formulas
    ("clear.vague-instruction", "Y'all just need to update your preferences and it'll sync."),
    ("clear.vague-instruction", "Just flip the fuse back on and you're set."),
    ("urgent.no-next-step", "Greetings of the day! Your concern has been noted and shared with "
                            "the concerned department."),
    ("urgent.no-next-step", "Oh no, that's a real nuisance about the lift. Thanks for telling us."),
    ("urgent.vague-followup", "I'll have one of our fitters give you a shout about a new date."),
    ("kind.hostile", "Honestly, I don't care who booked it, the room is ours on Friday."),
    ("kind.hostile", "Sir, I'm going to need you to calm down before I can go on."),
    ("kind.condescending", "Take a good read of the handbook before you email us again."),
    ("kind.condescending", "We've explained it already three times: the code goes in the top box."),
    ("kind.sarcasm", "Sure, I'll just go ahead and cancel the rain for your wedding."),
    ("kind.sarcasm", "We loved your imaginative theory that the app hides your points on purpose."),
    ("kind.sarcasm", "Good luck prising a refund out of the airline."),
    ("kind.sarcasm", "If another shop fits it for less, then good luck finding one."),
    ("humble.blame", "Your last installer obviously did a shoddy job on the flue, which is why "
                     "it leaks."),
    ("humble.blame", "You should have read the size chart first; that's why the boots pinch."),
    ("humble.blame", "Your neighbour parked across the drive, and that's why the van couldn't "
                     "deliver."),
    ("humble.blame", "The broken screen is on you, I'm afraid."),
    ("humble.blame", "It's a keying error by your payroll clerk."),
    ("humble.blame", "The infection came back because the drops weren't finished."),
    ("humble.prejudge", "A missed delivery isn't possible on our side; the van logs every stop."),
    ("humble.prejudge", "Our engineers don't make that kind of mistake."),
    ("humble.prejudge", "No one in our team would have cancelled it, so it must be your bank."),
    ("humble.prejudge", "It can't be a problem from the Brightline side, our servers are fine."),
    ("humble.prejudge", "A manufacturing fault on our side can be ruled out here."),
    # rules round 56
    ("clear.vague-instruction", "Try signing out and in again, and if that doesn't help, "
                                "reinstall it."),
    ("urgent.no-next-step", "Good afternoon! We have received your message about the late "
                            "refund. Thank you for contacting us."),
    ("urgent.no-next-step", "Dear Madam, your request is receiving attention."),
    ("urgent.no-next-step", "Thanks for the photos! Per our system, your claim is still in "
                            "'Assessment' status."),
    ("urgent.deflection", "For warranty questions, kindly coordinate with the retailer directly."),
    ("urgent.deflection", "I'm afraid I'll have to refer you to your landlord on this one."),
    ("kind.condescending", "I'd suggest you read the terms before submitting a claim."),
    ("kind.condescending", "Everything you're asking about is in the handbook."),
    ("kind.sarcasm", "Thanks so much for emailing the same photo for the sixth time."),
    ("kind.sarcasm", "Thank you for the nine messages about the same parcel."),
    ("kind.sarcasm", "We'll be sure to consult you before the next price change."),
    ("kind.sarcasm", "Unplugging the server mid-update, that is quite an achievement."),
    ("humble.blame", "The fee is really on you, since you cancelled inside the notice period."),
    ("humble.blame", "Your order wasn't delivered because you gave the wrong gate code."),
    ("humble.blame", "The courier obviously didn't wrap the frame properly, which is why it "
                     "cracked."),
    ("humble.prejudge", "This isn't a defect with the boiler; they all hum a little."),
    ("humble.prejudge", "The scratch couldn't have happened while the bike was with us."),
    ("humble.prejudge", "The portal is fine; no one else has reported a problem."),
    # rules round 57
    ("kind.hostile", "If you keep shouting at our drivers, we will stop delivering to you."),
    ("kind.hostile", "Clear the balance by Monday or we will repossess the scooter."),
    ("urgent.deflection", "Best bet is to pop a question up on our owners' forum."),
    ("urgent.no-next-step", "Cheers Tom, thanks for letting us know about the gate. No dramas."),
    ("urgent.no-next-step", "Thank you for your feedback. We are taking note of your remarks."),
    # rules round 58 (the sets sealed since round 54, opened)
    ("urgent.no-next-step", "Your prescription is currently with the pharmacy."),
    ("humble.blame", "Your electrician clearly didn't wire the socket properly, which is why it "
                     "trips."),
    ("humble.blame", "You've somehow managed to delete the whole folder."),
    # a possessive between the party and its failing is still their act
    ("humble.blame", "The upload failed because your clerk's file wasn't saved properly."),
    ("humble.prejudge", "The error can't have happened on our side; every invoice is checked "
                        "twice."),
    ("kind.condescending", "As even you can see, the form needs a signature."),
    ("kind.condescending", "You'd be surprised how many customers never read the welcome pack."),
    ("kind.condescending", "Like I said on the call, the fee is non-refundable."),
    ("kind.sarcasm", "Well done on spotting the delivery date at last."),
    ("kind.sarcasm", "Because the bank's just sitting there waiting to waive your fees."),
    ("kind.sarcasm", "Sure, we cancel bookings for fun."),
    ("kind.sarcasm", "Aren't you organised, asking about Christmas in August."),
]

NEAR_MISSES = [
    # round 53: a plan name where the invoice shows it; an instruction with "only"
    ("kind.shouting", "Your plan is CITY M (it shows as ACME CITY PLUS on your invoices)."),
    ("kind.condescending", "You only need to open the link once to sign all three pages."),
    # round 52 (m77-m80): their own copies to keep, a legal basis, a specific item of an order
    ("clear.vague-request", "Before the account closes, please download any photos you want to "
                            "keep."),
    ("urgent.deflection", "Transfers outside the EU are covered by the Standard Contractual "
                          "Clauses in our agreement."),
    ("clear.vague-request", "Please send the invoice for order 4412 so I can refund it today."),
    # round 52: "tough" as a description, not a dismissal
    ("kind.hostile", "That was a tough week for you, and the refund went out at 10:00 today."),
    # round 51 (m73-m76): usage counts, a device's own failure, the customer's wish, a check
    # still to be made, our elided act, a value set, a process statement, ownership explained
    ("humble.blame", "Your plan has four guest passes and you haven't used any this month."),
    ("humble.blame", "The carer's tablet had not updated, so the visit didn't show for her; "
                     "I've fixed it and she'll come at 14:00."),
    ("kind.hostile", "If you'd still rather leave, reply 'cancel' and I'll end your membership on "
                     "31 May with no fee."),
    ("humble.prejudge", "We changed the login service on Monday, so I've asked our engineers to "
                        "confirm it played no part."),
    ("clear.vague-instruction", "On Friday I'll call your son, and check the visit notes from "
                                "that evening."),
    ("clear.vague-instruction", "Open Sharing, pick the Admissions group and set the permission to "
                                "Use."),
    ("urgent.deflection", "Import VAT (20 %) is collected by the courier on delivery."),
    ("urgent.deflection", "Templates belong to the person who created them until they're shared; "
                          "click Share to give your team access."),
    ("urgent.deflection", "On the Recipients step, change the signer's name and email to Ms Ito "
                          "and m.ito@example.com."),
    ("kind.sarcasm", "Thank you for all three emails this morning; the photos helped us find the "
                     "fault."),
    # round 51: thanks for a report, with an apology after it
    ("kind.sarcasm", "Thank you for telling us the nurse arrived an hour late; I'm sorry, and "
                     "I've asked for the visit record."),
    ("urgent.vague-followup", "Your refund for the 07:45 sailing was sent today at 10:10 and "
                              "reaches your card within 5 days."),
    # round 50 (m69-m72): a step's result, a device's own setting, values to enter, our act
    # on a document, the customer's own next visit, a requirement on their form
    ("humble.prejudge", "Until then, keep notes on one line, and the app won't crash."),
    ("urgent.deflection", "The screen timeout is controlled by the tablet itself: open Settings "
                          "> Display and choose Never."),
    ("urgent.deflection", "Please use the invoice number as the reference so our accounts team "
                          "can match it."),
    ("clear.vague-request", "Please bring your passport, as we need to take a copy at the desk."),
    ("urgent.vague-followup", "The pipe has surface rust, and we'll check it again at your next "
                              "service."),
    ("humble.prejudge", "The EORI number has to be on your import declaration, so please send "
                        "it by Friday."),
    ("kind.hostile", "Deposits are not paid to you every day; they go out each Tuesday."),
    ("urgent.deflection", "I've looked at the job and rebooked the truck for Monday at 08:00; "
                          "for any later change, their planning office is on 010 555 0100."),
    # round 50: product names in capitals; the audit trail as evidence, not a request
    ("kind.shouting", "You're booked on our CITY BREAK PACKAGE, which includes parking."),
    ("clear.vague-request", "I'm not blaming anyone. I just want to show you what the audit "
                            "trail recorded at 16:42."),
    # round 49: the same words meaning no harm
    ("kind.sarcasm", "Thanks for the fourth reminder, and I'm sorry it took that many; the "
                     "refund left us at 10:00 today."),
    ("kind.hostile", "If we get any more letters from the bank, I'll forward them to you the "
                     "same day."),
    ("humble.blame", "Your plan has not changed: you still pay £12 a month."),
    ("urgent.deflection", "If you took two doses by mistake, please call our pharmacist on "
                          "0113 555 0100 straight away."),
    ("urgent.deflection", "With a printout: ask your GP surgery for the paper copy with the "
                          "barcode, then scan it in the app."),
    ("urgent.deflection", "Version 3.4, which goes to the App Store by 12:00 tomorrow, fixes "
                          "the reminders."),
    ("urgent.deflection", "1. Open a browser and go to http://login.acme.example to sign in."),
    ("urgent.vague-followup", "If it is not in your inbox, reply to this email and I'll send the "
                              "PDF again."),
    ("urgent.vague-followup", "The pump that tripped at 04:10 will be replaced today at 15:00."),
    ("clear.vague-request", "There is no transfer on your account, so I want to compare the "
                            "app's figures with our own records."),
    ("clear.vague-request", "Your old pharmacy keeps what it has already made up, so collect "
                            "anything they have ready first."),
    ("clear.vague-request", "We'll call you at 10:00 as agreed, and send the report straight "
                            "after."),
    ("clear.vague-request", "Could you send me two things? First, a photo of the meter display. "
                            "Second, the reading on your last bill."),
    # round 48, sentences: a back-reference that says again when it lands, a task made easy
    ("kind.condescending", "As I said on the phone, the new card goes to your home address and "
                           "should arrive by Thursday."),
    ("kind.condescending", "The app walks you through it, so it should be simple enough to set "
                           "up."),
    ("clear.vague-request", "Could you tell me more about the noise: when it starts and whether "
                            "it stops when the heating is off?"),
    # round 48, message sets: our promise, a delivery, time set aside, a loss suffered
    ("kind.hostile", "If the insurer writes to you again, send it to me and I'll deal with it."),
    ("humble.blame", "Order before 16:00 and it's with you on Thursday."),
    ("urgent.deflection", "Please come at 09:50 for your 10:00 slot, so there's time to go "
                          "through the consent form."),
    ("humble.blame", "Because you lost a morning's pay waiting in, I've added a £30 credit to "
                     "your account today."),
    ("kind.sarcasm", "It's remarkable that not a single pump failed in 10,000 hours of testing."),
    ("humble.prejudge", "The boiler was installed properly in 2021, so it won't be under warranty "
                        "after 2026; I've booked a paid service for Monday at 10:00."),
    ("clear.vague-request", "Upload a photo of proof of address, such as a bank statement from "
                            "the last three months."),
    ("clear.vague-request", "I need the router's own log. Could you export it from the admin "
                            "page? Open Tools > Logs, pick Tuesday 09:00-09:30, and press Save."),
    ("clear.readability", "Keep the pressure above 1.0. If it drops under 1.0, top it up with "
                          "the filling loop under the boiler, as shown on page 4."),
    # round 48: the same words as news, not orders or stings
    ("kind.hostile", "Maybe the alarms will quieten down once the firmware update lands on "
                     "Monday at 08:00."),
    ("kind.hostile", "We'd be grateful if you stopped the meter reading app before 10:00 so "
                     "the update can install."),
    ("kind.hostile", "For safety's sake, turn the water off at the stopcock under the sink."),
    ("kind.sarcasm", "Thanks for the photos, really helpful: they show the crack clearly, so I've "
                     "booked the glazier for Tuesday at 10:00."),
    ("kind.sarcasm", "Great, the patch fixed the login loop, so no reinstall is needed."),
    ("kind.sarcasm", "Thanks for the feedback that 'checkout is slow'; we found the cause and "
                     "the fix goes live on Friday."),
    ("humble.blame", "Our van broke down on the M6, so our driver can't be expected before 14:00; "
                     "I'll ring you at 13:00 with his arrival time."),
    ("humble.blame", "Your surgery sent the referral on 3 March and it reached us on 5 March; "
                     "your appointment is 12 March at 09:30."),
    ("urgent.vague-followup", "I'll ring you once the courier confirms the pickup, and by 16:00 "
                              "today at the latest."),
    ("urgent.deflection", "For refund requests, complete the form at acme.example/refund and "
                          "I'll approve it within two hours of it arriving."),
    ("urgent.no-next-step", "I get it, so I've moved your booking to Friday at 10:00."),
    ("kind.condescending", "If you take a moment to read the guide I attached, the wiring diagram "
                           "is on page 4, and I'm free at 15:00 to go through it with you."),
    ("clear.vague-instruction", "Hello Omar, please open Settings > Sync and press Reset."),
    ("clear.vague-instruction", "We recommend that you keep the receipt until the refund "
                                "arrives."),
    ("urgent.no-next-step", "The scanner beeps whenever you start a batch, so I've sent you "
                            "firmware 2.4; install it and the beep stops."),
    ("urgent.no-next-step", "READ the steps below before you change the DNS records: first "
                            "export the zone file."),
    ("kind.sarcasm", "Moving the database is risky, so we'll do it at 02:00 when traffic is "
                     "lowest."),
    ("kind.sarcasm", "Sure, the router can be reset: hold the back button for ten seconds."),
    ("kind.hostile", "As you asked, we'll close your account on Friday."),
    ("humble.prejudge", "Our platform shows no outages this week, but that doesn't rule us "
                        "out, so I'm checking the logs for your account now."),
    ("urgent.deflection", "Questions like yours are best answered with your data in front of "
                          "us, so I've pulled your last three invoices."),
    ("clear.vague-request", "Send over the EU-2 gateway logs from 14:00 to 14:30 UTC and I'll "
                            "review them by 4pm ET."),
    ("kind.condescending", "Put simply, the trial starts when the email is confirmed."),
    ("kind.condescending", "Stated simply, the key goes in the Authorization header."),
    ("humble.blame", "We messed up the wiring on this unit, and an engineer will fix it "
                     "tomorrow at 10:00."),
    ("humble.blame", "You didn't mess anything up; the form itself was broken."),
    ("humble.blame", "The voucher was voided because the code expired on 1 May; our reminder "
                     "may not have reached you, sorry."),
    ("urgent.no-next-step", "Yes, we're seeing the same timeouts, so I've moved your account to "
                            "the backup cluster; try again now."),
    ("urgent.no-next-step", "Thanks for the suggestion, what a brilliant idea: it's already "
                            "under Settings > Labs, switch it on there."),
    ("kind.condescending", "It's honestly not difficult to miss, so here is the link again: "
                           "example.com/pin."),
    ("kind.hostile", "We'll issue a new permit on Monday, as you asked."),
    ("humble.prejudge", "The smell could be coming from our pipes, so an engineer will check "
                        "them on Tuesday at 9:00."),
    ("urgent.deflection", "Warranty claims aren't something we handle directly, but I've sent "
                          "yours to the retailer and will update you by Friday."),
    ("kind.sarcasm", "Great, so the new card arrived; here's how to activate it: open the app "
                     "and tap 'Activate'."),
    ("kind.sarcasm", "That's exactly what the backup is for, so I've restored yesterday's copy."),
    ("clear.vague-instruction", "Increase the upload limit to 50 MB under Settings > Storage."),
    # an overview with its steps after the colon; a button's label after "then"
    ("clear.vague-instruction", "If the bonus should count, change the setting and recalculate:\n"
                                "1. Go to Settings > Pay items and tick Include.\n"
                                "2. Open Payroll > Leavers and click Recalculate."),
    ("clear.vague-instruction", "Click Save, then Run import now to reload the file."),
    # "the <target>" pointing back to the one named just before
    ("clear.vague-instruction", "Our logs show the API token ending 9F3A expired at 08:00. Please "
                                "replace the token in your CRM and retry."),
    # a check still to be made is not a claim
    ("humble.prejudge", "I'll check at 08:30 tomorrow that the export works on our side, and "
                        "email you the result."),
    ("urgent.deflection", "Please raise this with your school's exam officer as well; I've "
                          "already emailed them and will call you at 3pm."),
    # round 10: a check that is ours ("I can make sure", "... to make sure")
    ("clear.vague-instruction", "We can't waive the fee ourselves, but I'll make sure they "
                                "review it with the full history. Their answer is due Monday."),
    ("clear.vague-instruction", "I'll ring your office at 14:00 GMT on Thursday to make sure "
                                "everything is working as it should."),
    # sympathy for the customer's surprise; "obviously" about our own mistake
    ("kind.sarcasm", "I'm sorry the renewal came as such a surprise. I've refunded it today."),
    ("kind.condescending", "You paid once and we took it twice, which is obviously an error on "
                           "our side. The refund went out at 11:00."),
    # a standard we failed to meet is an apology, not a verdict on the cause
    ("humble.prejudge", "Three days without an answer is not the service you should get from "
                        "us. I've credited a month and fixed the sync at 10:15."),
    # a reference, the point restated, then the link again
    ("kind.condescending", "As I said in my email on Monday, the form needs a signature on "
                           "page 2. The copy you sent is unsigned.\nHere is the blank form "
                           "again: https://forms.example/consent"),
    # a log noun named by its quoted name
    ("clear.vague-request", "In Settings > Alerts, add your address and select the event "
                            "\"payment.failed\"."),
    # a channel retired, not a rebuke; a test message to someone else; a step on a noun
    ("kind.hostile", "Please stop calling the old support number; the new one, 0100 555 0199, "
                     "is open from 08:00 and I've updated your contact card."),
    ("clear.vague-request", "When the setting is saved, send a test message to a colleague "
                            "to check it arrives."),
    ("clear.vague-request", "Give the router's settings page a refresh after 10:00, when "
                            "I've pushed the new profile."),
    # praise for a named thing in quotes; a diagnosis that stays open
    ("kind.sarcasm", "Great work on the \"Spring sale\" banner, it went live at 09:00."),
    ("humble.prejudge", "It may be your router rather than anything on our side, but I'm "
                        "checking our exchange logs for 02:00-03:00 as well."),
    # round 11: our act on a setting ("raised the limit"), a rerun
    ("urgent.no-next-step", "I've read your logs: the export hit the 60 s timeout at 02:10. "
                            "I've raised the timeout and rerun it."),
    # round 11: the item named by "which"; a request to pass something to us
    ("clear.vague-request", "I'll email you our results by 16:00, and if we need anything "
                            "from you I'll tell you exactly which report and which week."),
    ("urgent.deflection", "Could you forward the refusal letter and the order confirmation? "
                          "I'll check both by 12:00 tomorrow."),
    # a diagnosis that narrows the cause but stays open; a real closure date
    ("humble.prejudge", "The fault may not lie with the app alone: your import also had a "
                        "wrong code, and I'm checking our rounding too."),
    ("kind.hostile", "If you decide to cancel, we will close every licence on the plan on 1 "
                     "June and refund the unused months."),
    # round 12: a denial with the cause shown after it; their thing, not ours
    ("humble.prejudge", "Our system didn't create the duplicate: the CSV you imported on 3 "
                        "May has row 41 twice, and I've removed it."),
    ("humble.prejudge", "Your new router didn't cause the drops; our exchange did, and it "
                        "was fixed at 09:40."),
    # round 13: an ordinary condition; praise of our own people; our own reader at fault
    ("kind.condescending", "If you'd like to open the invoice, the link is valid until "
                           "Friday 18:00."),
    ("kind.sarcasm", "The new search was a real masterstroke by our engineers: it answers in "
                     "0.3 s now."),
    ("humble.blame", "The card wasn't read correctly by our gate, so I've refunded the second "
                     "fare today."),
    ("urgent.deflection", "Sounds like one for our billing team, so I've passed it to them "
                          "and they'll reply by 15:00."),
    ("kind.hostile", "Please note that you will get the new PIN by text within 10 minutes."),
    # round 14: sympathy before a would-be sting; "all" with a named noun
    ("kind.sarcasm", "Thanks for the graphs, and it's frustrating when the site stalls in the "
                     "middle of a sale. I've added a second CPU, live from 10:00."),
    ("clear.vague-instruction", "Make sure all smoke alarms are switched on, including the one "
                                "in the loft."),
    ("kind.condescending", "I'll send the final invoice on Friday, one last time-sheet check "
                           "first at 09:00."),
    ("humble.prejudge", "The cause can't be on your side: our relay rejected the mail at "
                        "10:02, and I've fixed it."),
    # round 15: an aside in brackets after a button; framing a real thing
    ("clear.vague-instruction", "Open the app and tap Account (top left), then Freeze."),
    ("kind.sarcasm", "We'll frame the winning photo for the lobby and post it to you on "
                     "Friday."),
    # round 16: chat style in lower case still splits into sentences; a concrete head
    ("clear.vague-instruction", "hi sam\nthe door code is 4817, then press the key symbol. "
                                "you arrive at 13:30 so the cafe downstairs will hold your "
                                "bags."),
    ("humble.prejudge", "This isn't a bug we've seen before, so I've logged it with our "
                        "developers and will update you by Wednesday."),
    ("kind.hostile", "There's no need to keep the paper receipt; I've logged the refund at "
                     "10:00."),
    # round 17: the one file they handled; a polite "no need to send"; "not our fault"
    ("clear.vague-request", "Could you send me the March payroll file you uploaded? I'll check "
                            "it against our log by 15:00."),
    ("humble.prejudge", "The gap may be in the import rather than in our timetable engine, so "
                        "I'm checking both and will reply by 16:00."),
    # final read: plausible clean wordings that the rounds' patterns must leave alone
    ("kind.condescending", "Could you try the reset one last time? If it fails, I'll send an "
                           "engineer tomorrow at 10:00."),
    ("kind.sarcasm", "We get them a lot in winter; I've booked an engineer for 10:00."),
    ("kind.hostile", "Upgrading the plan won't make the export any faster, but I've moved it "
                     "to 02:00."),
    ("kind.hostile", "You're at the top of the list for the next slot, on Tuesday at 9:00."),
    ("kind.hostile", "If it's too warm, turn it down a notch in the app under Heating."),
    ("humble.blame", "Someone on the team deleted the duplicate for you at 10:00."),
    ("humble.blame", "If you dropped the phone, the warranty still covers it; book a repair "
                     "under Support > Repairs."),
    ("humble.prejudge", "The app doesn't behave like that for other users, so I've asked our "
                        "developers to look by Friday."),
    ("kind.sarcasm", "Pity the free plan doesn't include SSO as well; I can give you a Pro "
                     "trial today."),
    ("kind.sarcasm", "I've never had a message like that before, so I've escalated it to our "
                     "manager today."),
    ("kind.sarcasm", "We'll frame your photo in the lobby on Friday."),
    # "how hard it is for a small team to ...": sympathy, not a hand-off
    ("urgent.deflection", "I know how hard it is for a small team to chase every invoice, so "
                          "I've set up the reminders for you: they start on 1 May."),
    # round 18 and 19: plausible clean wordings the new patterns must leave alone
    ("kind.condescending", "I know the renewal form is hard to follow, so I've filled in the parts "
                           "we can."),
    ("kind.condescending", "If you can't follow the steps on your phone, I'll call you at 15:00 to "
                           "go through them."),
    ("kind.condescending", "Any admin can reset it for you under Users > Reset."),
    ("kind.condescending", "Every customer can download their invoices from Billing > History."),
    ("kind.condescending", "Most new users set this up on their first day, and I've sent you the "
                           "same one-page guide they use."),
    ("kind.sarcasm", "Glad you finally got the replacement; sorry it took so long. The tracking "
                     "number is RX-2210."),
    ("kind.sarcasm", "Quite the achievement to finish the course in a week, congratulations!"),
    ("kind.hostile", "Keep using the old login until Friday; your old account will be closed on "
                     "Monday and the new one opens at 09:00."),
    ("kind.hostile", "The draft will simply be deleted by the system after 30 days, so save it "
                     "before then."),
    ("humble.blame", "If you ordered before noon, it would not be a problem to ship today; I've "
                     "sent it by express."),
    ("humble.blame", "If you saved it regularly, it wouldn't be a problem to restore; I've "
                     "restored yesterday's copy for you."),
    ("humble.blame", "We can't be held responsible for items left in the car, but your bag was "
                     "handed to reception at 10:00 and is waiting for you."),
    ("humble.blame", "The 40 customers who got a wrong date were sent a corrected email at 09:00."),
    ("humble.prejudge", "Each unit is tested before dispatch and the serial number is correct on "
                        "the invoice; the courier has it today."),
    ("humble.prejudge", "The app doesn't just drop the draft when it crashes; it also keeps a copy "
                        "under Drafts."),
    ("humble.prejudge", "Your bank is the one that sends the code, not us, so I've asked them to "
                        "resend it and will call you at 15:00."),
    ("urgent.no-next-step", "There's no outage on your street today. Sorry I can't be more help "
                            "by email, so I've booked an engineer for Tuesday at 10:00."),
    ("kind.condescending", "There's nothing complicated about the new form; I've filled in "
                           "your part already."),
    ("kind.condescending", "Take a closer look at the photo next time you're at the unit and "
                           "tell me if the crack has grown."),
    ("kind.sarcasm", "The sensor resets itself after a power cut, so you don't need to do "
                     "anything; it's back online since 09:10."),
    ("kind.sarcasm", "Thank you so much for your patience; the engineer arrives at 14:00."),
    ("kind.hostile", "Either day makes no difference to the price; I've held Tuesday at "
                     "10:00 for you."),
    ("humble.blame", "Your bag, tag PW 220418, was sent on to Amsterdam by mistake; it is "
                     "booked on the 14:05 flight back to you."),
    ("humble.blame", "Since you did call the depot on day two, I've taken two days off the "
                     "charge."),
    ("humble.prejudge", "The engine had overheated, so I've booked it into our workshop for "
                        "Monday at 9:00."),
    ("clear.vague-request", "Enter your claim reference and attach each receipt as a PDF or "
                            "a photo."),
    ("clear.vague-request", "Take a closer look at the photo I sent and tell me if the crack "
                            "matches yours."),
    ("urgent.deflection", "If you send me the letter, I'll ask our finance team to cover the "
                          "fee by Friday."),
    # round 20
    ("kind.hostile", "Thank you for the heads-up! Folks like you spotting these things save "
                     "everyone a lot of grief."),
    ("kind.condescending", "Many couples find the curfew tricky to plan around, so I've attached "
                           "a sample timeline."),
    ("humble.blame", "If you never signed up, fill in the dispute form and I'll file it the "
                     "day it comes in."),
    ("humble.blame", "If you hadn't told us, we would never have found the fault, so thank you."),
    ("humble.blame", "That is much longer than you should have waited, and I'm sorry."),
    ("humble.blame", "The hold stuck because your return wasn't closed out in our system; I've "
                     "released it now."),
    ("humble.prejudge", "Payout delays are often on the bank's side, but I want to be sure ours "
                        "isn't the cause, so I'm checking our batch and will reply by 14:00."),
    ("clear.vague-instruction", "Checked it, and none of this is on you: the agent typed the "
                                "mileage wrong, and I've corrected the bill."),
    ("kind.shouting", "Release reference RL-55810 is on your statement."),
    ("urgent.vague-followup", "I'll call you when I can see the logs, by 15:00 at the latest."),
    # round 21
    ("urgent.no-next-step", "Your return is logged, and the refund of £49 went back to your card "
                            "this morning."),
    ("kind.sarcasm", "Nice one on the screenshot, it showed exactly where the sync went wrong; "
                     "I've fixed it."),
    ("kind.sarcasm", "Best of luck with the exam, let me know how it goes!"),
    ("urgent.deflection", "I've called your bank myself and they'll ring you back by 15:00."),
    ("humble.blame", "The technician we sent followed the guide, and I've asked him to come back "
                     "on Monday at 9:00."),
    ("humble.prejudge", "It isn't on your side either; I'm checking our logs and will reply by "
                        "16:00."),
    # round 22
    ("urgent.deflection", "You'll get a confirmation letter by email today, and a copy goes to "
                          "your HR team."),
    ("urgent.deflection", "The new valve is covered by the installation warranty, and our "
                          "engineer fits it on Tuesday at 9:00."),
    ("urgent.deflection", "If it happens again, simply reply to this email or call 0161 555 0142 "
                          "and mention the invoice number."),
    ("kind.condescending", "The change has to start with your employer, so I have already "
                           "written to your HR team this morning."),
    ("humble.blame", "Our framers, who have the oak mouldings that you chose with me, are "
                     "waiting for the glass because the supplier had a problem."),
    ("humble.prejudge", "The membership freeze is not in the app; it is done with the online "
                        "form, and here is the link again."),
    ("kind.shouting", "The Thursday 18:15 slot is LES MILLS BODYPUMP, which needs the Anytime "
                      "plan."),
    # round 23
    ("kind.condescending", "As I mentioned on Tuesday, first withdrawals are held for a day. "
                           "Yours clears at 12:00 UTC today, and I'll confirm when it's sent."),
    ("kind.shouting", "Log in to ACME PARENT HUB and open Profile > Medical."),
    ("urgent.vague-followup", "The idle fee starts when the charge finishes, not when you unplug."),
    # round 24
    ("humble.prejudge", "This is correct behaviour: in the EU the motor support must stop at "
                        "25 km/h (EN 15194)."),
    ("humble.blame", "Our seal was fitted loose at the factory, and that is how the water got "
                     "in; a new unit ships today."),
    # round 25
    ("kind.sarcasm", "Thank you for the detailed report with timestamps; it let us find the "
                     "fault, and it is fixed."),
    ("kind.sarcasm", "I have no doubt you've kept them watered, which is why our grower will "
                     "check the roots on Tuesday at 11:00."),
    ("humble.prejudge", "Kindly contact your bank's business helpdesk; I've also written to "
                        "them myself today."),
    ("kind.hostile", "Either day is fine by us, so pick whichever suits you."),
    ("humble.blame", "Let's be clear, we changed the setting on our side and I've reverted it "
                     "at 10:00."),
    # round 26: a telecom message set (m22) and a sentence set (s26), in our own wording
    # a test message the customer sends is no request for material
    ("clear.vague-request", "Once the phone restarts, try sending one text message and tell me "
                            "if it arrives."),
    # a counted target named in the very next sentence
    ("clear.vague-instruction", "Could you change two settings for me? In the app, open Account "
                                "> Roaming and set 'Data cap' to 2 GB."),
    ("kind.sarcasm", "I'm sure it will work out well once the new part arrives on Friday."),
    ("urgent.no-next-step", "It is never our intention to overcharge anyone, so I've refunded "
                            "the £12 to your card today."),
    # a warning about their own security, not their conduct
    ("kind.hostile", "Please don't share your PIN with anyone, or your account could be "
                     "misused."),
    ("kind.sarcasm", "Thanks for your theory about the firmware: you were right, and the fix "
                     "is out."),
    ("humble.blame", "If you had been told about the change, you could have planned for it; "
                     "that's on us, and I'm sorry."),
    ("humble.prejudge", "I tried your file and the import stops at row 12, so it's specific to "
                        "that export: column D holds text, and I've attached a fixed copy."),
    ("humble.prejudge", "The tool works as designed, but that design doesn't fit teams in two "
                        "time zones, so I've raised it with product and will update you Friday."),
    ("urgent.deflection", "I've taken up the billing question with our finance team and will "
                          "reply by 16:00 today."),
    ("clear.vague-request", "Please send a screenshot of what you see on the Billing > Invoices "
                            "page."),
    ("clear.vague-request", "Once it restarts, try sending one test message and let me know "
                            "whether it arrives."),
    # round 27: a property-management message set (m24) and a Kind- and Humble-heavy
    # sentence set (s28), in our own wording
    ("humble.prejudge", "We've had no other complaints, but I've asked the workshop to test "
                        "your unit today and will call you by 4pm."),
    ("kind.sarcasm", "We've had 200 days and counting without a missed delivery, and I'm sorry "
                     "yours broke the run; a new one leaves today."),
    ("clear.vague-instruction", "Your smoke alarm was replaced in May, but press its test "
                                "button tonight to be sure."),
    ("clear.vague-request", "Thanks for the photos; they show the crack clearly."),
    ("urgent.no-next-step", "Thanks, the refund of $40 went back to your card today."),
    # round 28: an e-learning message set (m25) and a sentence set (s29), in our own wording
    ("urgent.vague-followup", "I'll ring you back about the windscreen by half three at the "
                              "latest."),
    ("urgent.vague-followup", "Send me the signed form and I'll process the refund the same day."),
    ("kind.condescending", "Obviously this is the last thing you need after a burst pipe, so I've "
                           "booked the plumber for 8am."),
    ("kind.shouting", "Your order from GOLDEN WOK NOODLE HOUSE PTE LTD was refunded at 18:05."),
    ("humble.prejudge", "It wasn't a fault with the app as such: our logs show the payment "
                        "service was down from 01:00 to 03:00, which we should have warned you "
                        "about."),
    # round 29: a patient-services message set (m26) and a sentence set (s30), in our own wording
    ("humble.blame", "The log shows the heating set to 10°C on Sunday; it might have been "
                     "bumped, or it could be a fault, so an engineer is coming at 9 tomorrow."),
    ("humble.blame", "The plumber found fat in the trap, though the pipe may have been partly "
                     "blocked before you moved in, so there is no charge."),
    ("clear.vague-instruction", "In the Acme app, go to Settings > Storage > Clear cache, then "
                                "reopen the app."),
    ("clear.vague-request", "It would help to know roughly when you last logged in, for example "
                            "9:40."),
    ("humble.prejudge", "This is not a system error: your card was declined by your bank (code "
                        "51), so please use another card."),
    # round 30: a sentence set (s32, weighted to Kind and Humble), in our own wording
    ("humble.blame", "Prices are set by your energy supplier, so I've asked them for the new "
                     'rate and will reply by Thursday.'),
    ("humble.blame", 'That part is on us, not on you, and the refund went out at 10:15 today.'),
    ("humble.prejudge", "Our meter test passed, so I can't refund the call-out yet, but I'll "
                        'refund it if we find a fault on our side at the second visit on Monday.'),
    ("humble.prejudge", 'The frost cannot be the reason, since the pipe is indoors; an engineer '
                        'will come at 10 tomorrow.'),
    ("kind.condescending", "Obviously you need the van back by Friday, so I've booked the 8am "
                           'slot.'),
    ("kind.sarcasm", "I'm sure it happened just as you describe, and I'm sorry; the refund is on "
                     'its way today.'),
    ("kind.sarcasm", "Nothing I enjoy more than a tricky wiring puzzle, so I'll dig in and reply "
                     'by 5pm.'),
    ("urgent.deflection", 'Clear the cache in Safari, then send the booking form again and it '
                          'will go through.'),
    ("urgent.deflection", "You'll get a faster reply from me if you add the order number."),
    ("clear.vague-request", 'Restart the printer, print one test page and check whether the '
                            'lines are gone.'),
    ("urgent.no-next-step", 'Wishing you a quick recovery; the engineer is booked for 9am on '
                            'Tuesday.'),
    # round 31: a sentence set (s31: ferries, a marketplace, dental billing, printers, a
    # mobile network, ski rental), in our own wording
    ("humble.prejudge", 'Version 2.1 has no known faults so far, but this could be a new one, so '
                        'please send the app log from 9:00-10:00 today.'),
    ("urgent.deflection", 'The lease is managed by your leasing company, therefore we sent them '
                          'the repair report today and asked for an answer by 14 May.'),
    ("urgent.deflection", "To get into the member portal, use 'Reset password' on the portal "
                          'sign-in page and follow the emailed link.'),
    ("urgent.deflection", 'The 07:40 does not run on Saturdays, so the 09:10 is your best option.'),
    ("urgent.deflection", "Many members open a claim before the invoice arrives, and that's "
                          'fine; yours is open and the insurer replies by 3 June.'),
    ("urgent.vague-followup", "I'm checking with the depot now and will answer you until 16h."),
    ("urgent.no-next-step", 'Thanks for the quick photos; the claim went out to the insurer at '
                            '9:15 today.'),
    ("kind.condescending", "As I mentioned on the phone, opened items can't be returned, but I "
                           'can exchange this one and post it on Monday.'),
    ("kind.shouting", 'To see your balance, text BAL CHECK NOW to 5050.'),
    ("clear.vague-request", "Could you email us the mobile number you'd like on file?"),
    ("kind.sarcasm", "Thanks for the valuable tip about the loose valve; I've ordered a new one "
                     'for Thursday.'),
    # round 32: two message sets (m27 marinas, m28 home internet), in our own wording
    ("humble.prejudge", "I can't waive the fee, because the terms only allow it for a posting "
                        "abroad, and a move outside our service area isn't one of those cases; "
                        "I've asked the retention team, who will answer by Friday."),
    ("humble.prejudge", 'The app is working normally again after the 14:00 fix, so you can sign '
                        'in now.'),
    ("urgent.vague-followup", 'The X200 is on our approved list, so it will work on your plan; '
                              "reply with its serial number and I'll register it the same "
                              'business day.'),
    ("kind.hostile", "If the balance isn't paid by Friday, we'll add the usual £10 late fee, and "
                     'I can set up a payment plan if that helps.'),
    ("kind.hostile", "If the payment fails again, we'll pause the account until the card is "
                     'updated.'),
    ("urgent.deflection", 'If the breaker trips again, call the night porter on 01803 000 777 '
                          'and he will come to your room within 20 minutes.'),
    ("humble.blame", 'Your crew kept the hatch open all night, so we came out at 7am and pumped '
                     'the bilge for free.'),
    # round 33: a sentence set (s33: campervans, rail tickets, perfume, a water utility,
    # furniture, a vet), in our own wording
    ("urgent.no-next-step", 'I have filed the claim with the insurer myself (claim no. 55120) '
                            'and will send you their answer by 4pm tomorrow.'),
    ("humble.blame", "As you rightly pointed out in your email, the ticket can't be refunded; "
                     'since the train was cancelled, though, I have claimed a full refund today.'),
    ("kind.condescending", 'Could you tell us how many times the alarm went off since Sunday, '
                           'and at what times?'),
    ("urgent.no-next-step", 'When did you last restart the hub?'),
    ("urgent.deflection", 'Please ask your old dentist to email us your X-rays from the last two '
                          'years.'),
    ("urgent.vague-followup", "Please update your email under 'My profile' in the app, and the "
                              'appointment reminders will come by email.'),
    ("urgent.no-next-step", 'Your order left our Leeds warehouse on Monday with DPD, tracking '
                            '15501234567890.'),
    ("humble.blame", 'For the future, our new checkout checks postcodes itself, so such errors '
                     "won't happen again."),
    ("humble.blame", "I've installed 2.1 for you, and it will restart the next time the door "
                     'opens; version 2.0 caused this.'),
    # round 34: a message set (m29, payroll software), in our own wording
    ("clear.vague-request", 'The spreadsheet you uploaded at 09:12 has an empty tax column. '
                            'Could you fill it in and upload the file again?'),
    ("humble.blame", 'The tills store sales while offline, and they uploaded everything at '
                     '11:05, so no sales are lost.'),
    ("clear.vague-request", 'On the reader, go to Menu > Tools > Export log and save it to a USB '
                            'stick, then attach it here.'),
    ("kind.condescending", 'Your directory sends the user name in capital letters, and ours '
                           "stores it in lower case, so I'm fixing the match today."),
    ("clear.vague-instruction", "I've drafted corrections for Ana (6 hours) and Leo (4 hours). "
                                'Please check the two entries and reply by Friday noon.'),
    ("urgent.deflection", 'The import has run without any errors since the fix on Monday, and '
                          'your March file went through at 10:02.'),
    # a remit stated with our action after it, and our promise after the customer's step
    ("kind.hostile", "Refunds aren't my area, but I've passed your request to our billing lead, "
                     'who will reply by Thursday.'),
    ("urgent.deflection", "Once you send me the signed form I'll file it with the insurer the "
                          'same day.'),
    ("urgent.deflection", "When you forward the receipt I'll pass it to our refunds team and "
                          'confirm by 4pm.'),
    # round 36: a message set weighted to clean replies (m30, medical devices), in our own wording
    ("clear.vague-instruction", 'Kindly do the needful and sign the delivery receipt for order '
                                '4471, then send us a scan by Friday.'),
    ("urgent.deflection", 'Please go through the steps below and tell me by 3pm whether the '
                          'export ran.'),
    # round 37: a message set weighted to clean replies (m31, electricity and EV
    # charging), in our own wording
    ("kind.hostile", "I've booked Thursday 9-11 for you, so please reply only if you need "
                     'another slot.'),
    ("humble.prejudge", 'That is a hardware fault in the charger we fitted, not something you '
                        "did, and we'll replace it on Friday at 10."),
    ("humble.blame", 'Your January export was 180 kWh, and it is on your March invoice as a '
                     'credit of 98 EUR.'),
    # round 38: two message sets weighted to clean replies (m32 tours and ferries, m33 a
    # bank), in our own wording
    ("urgent.deflection", 'I have blocked both cards and ordered new ones for Friday. Please '
                          'report the theft to the police; once I have the report number, I file '
                          'the refund the same day.'),
    ("clear.vague-instruction", 'Could you check two things?\n1. In the Messages app, the Spam '
                                'folder: our codes come from the sender LUMENBANK.\n2. In our '
                                'app, Profile > Security > Second factor.'),
    # round 39: two message sets weighted to clean replies (m34 scooters and bikes, m35
    # audio devices), in our own wording
    ("clear.vague-request", 'A second screenshot would also help: the app screen Wallet > '
                            'Payments, scrolled to 18 May.'),
    ("clear.vague-request", "If it's easier, send me the list of drivers as an Excel file and "
                            "I'll add them today."),
    # round 40: two message sets weighted to clean replies (m36 e-bikes, m37 accounting
    # and POS), in our own wording
    ("clear.vague-request", 'If the Settings screen still shows version 2.1 after the update, '
                            'send me a screenshot of that screen.'),
    ("clear.vague-instruction", 'Kindly do the needful by approving her request: open Settings > '
                                'Users > Pending and click Approve.'),
    ("kind.condescending", 'As per my earlier email on Monday, the export is under Reports. Here '
                           'are the steps again: open Reports > Ledger and click Export.'),
    ("urgent.vague-followup", "If the totals don't match, send me the period and both amounts, "
                              "and I'll go through them with you."),
    # round 41: a message set weighted to clean replies (m38, grocery delivery), in our own wording
    ("humble.blame", "I've refunded the swap of butter for margarine, which you didn't approve: "
                     '£2.10.'),
    ("kind.shouting", "I've refunded the CRUNCHY OAT BITES cereal (product code GL-CER-1180) to "
                      'your card today.'),
    # round 42 (sets m39-m43, s35): status, hand-offs, safety nets, inline answers
    ("urgent.no-next-step", "To rebook you, we just need your new travel dates."),
    ("urgent.deflection", "If the alarm keeps beeping, take the battery out for a minute; if it "
                          "carries on, ring our support line on 0800 123 4567."),
    ("urgent.deflection", "Her tablets are ready at reception. If she seems drowsy before then, "
                          "call 0161 496 0730 straight away."),
    ("clear.vague-request", "Take a few photos of the damaged panel before the engineer arrives."),
    ("clear.vague-request", "Click Export and send me the spreadsheet it produces."),
    ("urgent.deflection", "If your bike is ever stolen, you'd need to report it to the police "
                          "and get a crime number."),
    ("kind.hostile", "If your van is stolen, contact the police first and then ring us on 0800 "
                     "111 222."),
    ("clear.vague-instruction", "If you can't find the right breaker, turn off the main switch."),
    ("humble.blame", "Your neighbour's repairs fall under your liability cover, because the "
                     "water came from your bathroom."),
    ("urgent.deflection", "You need to file a claim with us by Monday, and I'll check it the "
                          "same day."),
    ("humble.blame", "You haven't changed anything, so it could just as well be a fault in our "
                     "own records."),
    ("clear.vague-request", "It would help to have a photo. Please take one in daylight, with a "
                            "20p coin next to the crack for scale."),
    ("urgent.vague-followup", "Please bring the receipt to any branch, and the cashier will "
                              "refund it to your card."),
    ("clear.vague-instruction", "Check every location first. GET /v2/rota?staff=4471 lists her "
                                "shifts everywhere."),
    ("urgent.deflection", "The change is waiting for an administrator to approve it."),
    ("urgent.deflection", "I turned on \"Approve refund requests\" for your shop at 09:10, as "
                          "you asked."),
    ("kind.shouting", "Your bag was sent on the route MAD ORD DEN by mistake, and I've rebooked "
                      "it to Boston tonight."),
    ("urgent.deflection", "Yes, you can claim for them; keep the receipts and send them to me "
                          "with your file number."),
    ("clear.vague-request", "When the parcel arrives, send all the receipt photos in one reply, "
                            "quoting case 55120."),
    ("humble.blame", "The refund goes to the card ending 9921 that is on your booking."),
    ("humble.prejudge", "Because this is the third leak inside your flat this year, I've booked "
                        "a survey for Friday."),
    # round 43 (s35, continued): a dropped 'I', 'we ask that you', a record of use as proof
    ("clear.vague-request", "Need the crash log from the Acme POS app for 14:00 to 14:20 today."),
    ("clear.vague-instruction", "Make sure all fire doors are closed, including the one by the "
                                "lift."),
    ("humble.prejudge", "Thousands of guests use the booking site every day, and I'm still "
                        "checking our logs for your session."),
    # round 44 (sets m44-m47): standing roles, steps that come first, names with a vintage
    ("kind.condescending", "Staff check ID for anyone who looks under 25."),
    ("urgent.vague-followup", "Type your message in the Notes box at checkout and we'll print "
                              "it on the packing slip."),
    ("clear.vague-request", "The invoices are under Billing > History. If the total there looks "
                            "wrong, send me a screenshot of that page."),
    ("clear.vague-request", "If you still have the ticket from the car park, could you send me "
                            "a photo of it?"),
    ("clear.vague-request", "Click Download under the recording and keep the file for your "
                            "records."),
    ("clear.vague-request", "Please find the breakdown of the charge below."),
    ("humble.prejudge", "Our booking system could not create your invoice because the postcode "
                        "field was empty."),
    ("humble.blame", "We refunded the deposit on 3 May, and it's your bank that decides when it "
                     "shows on your statement."),
    ("urgent.deflection", "If the car is damaged, we charge the excess to your card, and you "
                          "then claim it back from your insurer."),
    ("kind.shouting", "I've swapped the PINK PALOMA ROSÉ for a bottle of OLD VINE RESERVE 2021."),
    ("kind.shouting", "We ran out of the HIGH FELL RESERVE 2020 on Monday, so your box has the "
                      "2021."),
    # round 45 (sets m48-m51): records, remedies, purposes, standing status, condolence
    ("humble.prejudge", "I'll deduct £30 for the scratch on the hall table, which isn't in the "
                        "check-in inventory, and send you the breakdown by 12:00 tomorrow."),
    ("urgent.deflection", "If you do, ask the electrician to cap the old cable so the wall is "
                          "left safe."),
    ("clear.vague-instruction", "I'll ring you at 16:00 on Thursday, after the engineer leaves, "
                                "to make sure everything works."),
    ("humble.blame", "I'm sorry the damp patch has come back so soon after you treated it; our "
                     "surveyor will visit on Monday at 10:00."),
    ("clear.vague-request", "Tighten anything that's loose on the tap, then have a look at the "
                            "seal under the sink."),
    ("urgent.vague-followup", "Your accountant will file one return every quarter under the "
                              "same reference."),
    ("kind.condescending", "I'll check the import has gone through properly at 15:00 and write "
                           "to you then."),
    ("humble.blame", "That figure came from a student loan notice that HMRC sent us on 3 March, "
                     "so please ask Sam for his latest loan statement."),
    ("humble.prejudge", "Our billing system never created her invoice, because the address "
                        "field was empty; I've added it and sent the invoice at 10:15."),
    ("urgent.vague-followup", "The new logo shows on payslips from your next pay run."),
    ("urgent.deflection", "This is our final response; we have paid £50 into your account "
                          "today, and you can refer your complaint to the Ombudsman within six "
                          "months."),
    ("kind.hostile", "The waiting period is the same for long-standing customers like you, so I "
                     "can't waive it."),
    ("urgent.deflection", "To claim, go to Claims > New claim in the app and upload the vet's "
                          "invoice."),
    ("urgent.deflection", "Please check that the kennel is licensed by your local council "
                          "before you book."),
    ("humble.blame", "Your vet has confirmed the treatment is for the same condition, so the "
                     "claim falls within the exclusion."),
    ("kind.condescending", "I want to set out plainly what I found, including where we fell "
                           "short."),
    ("kind.condescending", "The yearly figure alone made it very hard for you to judge "
                           "progress, and that is on us."),
    ("kind.hostile", "You are entitled to refer your complaint to the ombudsman at any stage, "
                     "and I'll send their details with my findings by Friday."),
    ("humble.blame", "When we fitted the meter, your supplier had not approved the export yet, "
                     "so we set it to zero export."),
    # round 46 (sets m52-m55): our part kept, lists and code naming the file, a sting
    ("urgent.deflection", "Boiler repairs in Leeds are done by our partner, HeatRight, and we "
                          "book and pay for every visit."),
    ("clear.vague-request", "Come 15 minutes early and reception will give you a copy of the "
                            "consent form."),
    ("humble.prejudge", "I'm sorry nobody told you. That's not the service we want you to have, "
                        "and I've booked your delivery for Friday at 10:00."),
    ("humble.blame", "Your sofa was left off the van by mistake when it was loaded, and it's on "
                     "tomorrow's run at 09:00."),
    ("humble.blame", "You'll have been waiting since Monday, and I'm sorry; the part arrives "
                     "tomorrow by 12:00."),
    ("humble.blame", "Thanks for spotting it. Your email is the reason the other 80 customers "
                     "got their refund today, and yours is on the way too."),
    ("clear.vague-request", "Could you send me two files from web-02, both for 09:00 to 09:30 "
                            "UTC?\n\n1. The nginx access log, /var/log/nginx/access.log\n2. The "
                            "app log, /var/log/app.log\n\nAttach both files to your reply."),
    ("clear.vague-request", "Could you run this for 10 minutes and send me the output "
                            "file?\n\n```\nping -c 600 db-01 > ping.txt\n```"),
    ("clear.vague-request", "Could you send me the diagnostics for last night? In the Motion "
                            "app:\n1. Go to Settings > Diagnostics.\n2. Tap Export log and "
                            "choose 22:00 to 23:00.\n3. Share the file to this address."),
    # round 47 (sets m56-m59): adjectives, notices, what was described before
    ("clear.vague-instruction", "Clear photos of all 5 receipts are enough, so there's no need "
                                "to post the originals."),
    ("humble.prejudge", "Meanwhile, I've asked the hotel to refund your card. Either way, you "
                        "won't be out of pocket: if they haven't by Friday 29 September, we'll "
                        "pay you ourselves."),
    ("urgent.deflection", "Your visit is on Wednesday, 8am to 12pm. The engineer will tell you "
                          "before switching off the power, so you can save your work."),
    ("kind.condescending", "Her next statement, due on 1 November, will come in large print."),
    ("kind.hostile", "The app will accept your readings again from tomorrow at 09:00."),
    ("kind.hostile", "The screw you turned is the low limit screw, marked L on the derailleur; "
                     "turn it back a quarter turn."),
    ("clear.vague-request", "Could you send me a photo of the gas meter display with the black "
                            "digits, taken today? Just reply to this email with the photo."),
    ("clear.vague-request", "We pay within five working days of receiving all three documents. "
                            "Send the documents to this address and I'll start the claim the "
                            "day they arrive."),
    ("humble.prejudge", "Thank you for checking with us first. That email did not come from us, "
                        "and our bank details have not changed; I reported it to our security "
                        "team at 09:40, and I'll call you at 14:00 to confirm our real account "
                        "details."),
    # rules round 54
    ("humble.blame", "Your survey was booked for Tuesday, and that's what we'll use for the "
                     "quote."),
    ("humble.blame", "The marks on the panel are from the delivery, so a new one goes out "
                     "on Monday."),
    ("humble.blame", "I know you're probably busy with the move, so send the meter photo you "
                     "changed the date on whenever suits before Friday."),
    ("humble.prejudge", "Fading isn't a manufacturing fault on its own, but I've asked our "
                        "quality team to inspect your chair on Thursday."),
    ("clear.vague-request", "Once it has finished, upload the new file to your accountant's "
                            "portal."),
    ("clear.vague-instruction", "There's a bleed key taped to the boiler. Turn the key a half "
                                "turn anticlockwise and close it when water appears."),
    ("kind.condescending", "Obviously you need this working before the audit, so I've moved "
                           "your ticket up."),
    ("kind.shouting", "The message on your screen, E CARD DECLINED, means the bank said no; "
                      "the error, ERR SYNC FAIL, clears itself."),
    ("kind.sarcasm", "Thanks for nothing short of a perfect write-up; it showed us the bug."),
    ("urgent.deflection", "You'll need to take it to your nearest branch, where we swap it on the "
                          "spot."),
    # rules round 55
    ("urgent.no-next-step", "Greetings from the Acme team! Your refund of $40 went back to your "
                            "card this morning."),
    ("urgent.no-next-step", "The charge marked SVC FEE on your statement is for the courier "
                            "collection on 4 May."),
    ("urgent.no-next-step", "Sorry about the mix-up. I've knocked the late fee off your bill, and "
                            "the new total shows in the app now."),
    ("urgent.no-next-step", "Your draft is saved, so when you open the form again it'll be right "
                            "where you left it."),
    ("urgent.vague-followup", "I've cancelled the mandate today, so nothing more will be taken."),
    ("urgent.deflection", "It's covered by our guarantee, so there's nothing for you to pay."),
    ("urgent.deflection", "Update the address on her profile; her membership number is 88120."),
    ("urgent.deflection", "Could you ask your old practice to send the X-rays to "
                          "records@smileclinic.example?"),
    ("urgent.deflection", "Could you pull the crash logs and email them over?"),
    ("clear.vague-instruction", "Please attach both statements to your reply. Kindly do the "
                                "needful."),
    ("kind.condescending", "Obviously the error was ours, and the refund went out today."),
    ("kind.condescending", "Obviously no one wants a cold house in January, so the engineer comes "
                           "at 8am."),
    ("humble.blame", "You upgraded to the annual plan, and that's why the new reports show up."),
    ("humble.prejudge", "Nobody here would have noticed it before Monday, sorry; it's fixed now."),
    ("kind.sarcasm", "If it doesn't arrive by Friday, then good luck to you and I'll send another "
                     "on Monday."),
    # rules round 56
    ("humble.blame", "Please tell me the time you did it, so I can match it in our logs."),
    ("humble.blame", "The lid on yours was cracked when it arrived, so a new one ships today."),
    ("humble.blame", "Delays at the courier aren't ours alone, but you ordered it from us, so "
                     "I've opened a claim."),
    ("humble.blame", "Your $90 went to 4471-2, which is your wife's account, instead of yours."),
    ("kind.condescending", "As stated in the letter you received on 2 May, the rate is fixed until "
                           "June."),
    ("kind.sarcasm", "I'm sure you did everything right on your end; the error was on our server "
                     "from 9 to 10."),
    ("urgent.no-next-step", "Thanks for the logs. They showed us the crash, and our team released "
                            "a fix at 4pm today."),
    ("urgent.no-next-step", "Your tickets have been reissued with the right name and emailed to "
                            "you."),
    ("urgent.no-next-step", "Your request is receiving attention, and the engineer visits on "
                            "Monday at 9."),
    ("urgent.deflection", "I'll refer you to our claims team, who will call you by 4pm."),
    # rules round 57
    ("urgent.vague-followup", "The plumber will be there soon: I've booked him for between "
                              "2pm and 4pm today."),
    ("urgent.vague-followup", "That's a known fault in 2.1; install 2.2 from the store and "
                              "it'll sort it."),
    ("urgent.vague-followup", "Pay by Friday or we will book the engineer for Monday at 8am."),
    ("kind.condescending", "We let you down for the second time, and I'm sorry."),
    ("humble.blame", "I'm sorry, we let you down. Their fitter went to the wrong house, so a new "
                     "one comes on Saturday at 9am."),
    # rules round 58
    ("kind.hostile", "It's a rubbish thing to happen on your birthday, and I'm sorry."),
    ("urgent.vague-followup", "I'll log it on the day it arrives and email you then."),
    ("kind.condescending", "Like I said on the phone, the cover continues, and I'll email the "
                           "certificate by 4pm today."),
    ("humble.blame", "The mix-up was ours: the form you sent was filed against the wrong account, "
                     "and it's moved now."),
    ("humble.prejudge", "I won't tell you it isn't our line until an engineer has tested it on "
                        "Monday at 10."),
    ("clear.vague-request", "We need two more details to book it: the flight number and the "
                            "landing time."),
    ("clear.vague-request", "More information would help, specifically the page you were on and "
                            "the time."),
]


@pytest.mark.parametrize("rule,text", VIOLATIONS)
def test_other_wordings_are_held(policies, rule, text):
    assert rule in held(policies, text)


@pytest.mark.parametrize("rule,text", NEAR_MISSES)
def test_their_near_misses_are_not(policies, rule, text):
    assert rule not in held(policies, text)

"""Time expressions: which ones commit to a moment the customer can plan around.

"by 15:00 UTC", "within 2 hours", "tomorrow morning (CET)", "by end of day
Friday", "on Monday 16 March", "at 4pm", "every 30 minutes" are CONCRETE: the
customer can plan around them.  "soon", "shortly", "in due course", "ASAP", "once
the vendor responds" are VAGUE.  A concrete time that describes the past ("the
update went out shortly after 09:00", "your message of 3 March") is PAST: it
commits to nothing.

`find_times(text)` returns every expression with its kind and offsets; the
urgent rules ask `has_commitment(text)` (any concrete, non-past time) and
`vague_times(text, ...)` for evidence.  Pure, no clock: a weekday or "tomorrow"
counts as concrete whatever today is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from policies.language import Span, clauses, sentences, start_guard

__all__ = [
    "TimeExpr",
    "TimeKind",
    "find_times",
    "has_commitment",
    "is_past_clause",
]


class TimeKind(StrEnum):
    CONCRETE = "concrete"
    VAGUE = "vague"
    PAST = "past"


@dataclass(frozen=True, slots=True)
class TimeExpr:
    span: Span
    kind: TimeKind


_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAYS = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?)"
)
_WEEKDAY_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_ZONE = (
    r"(?:\s*\(?(?:(?-i:[A-Z]{2,5})(?:[+-]\d{1,2}(?::?\d{2})?)?|local(?:\s+time)?|your\s+time)\)?)?"
)
_UNIT = (
    r"(?:(?:working\s+|business\s+|office\s+|calendar\s+)?"
    r"(?:min(?:ute)?s?|hours?|hrs?|h|days?|weeks?|months?))"
)
_NUMBER = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
_NUMBER += r"fifteen|twenty|thirty|forty-?five|forty|fourty|half\s+an?)"
#: The low end of a range of numbers, before `_NUMBER`: "3 to", "2-", "two or".
_RANGE_FROM = (
    r"(?:(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s*[-\u2013]\s*|\s+(?:to|or)\s+))?"
)


def _at_word_start(alternatives: list[str]) -> str:
    """`alternatives` behind a word-start guard and a look-ahead for the words
    (or the digit) they start with.

    Every alternative of the patterns below starts at a word start, so the guard
    finds the same matches; it lets the engine skip the other positions with one
    test instead of trying each of the 20-odd alternatives there (about 2.5 times
    faster on prose), and `start_guard` skips most word starts as cheaply.
    """
    guard = start_guard(alternatives) or ""
    return r"\b(?=\w)" + guard + "(?:" + "|".join(alternatives) + ")"


#: Concrete expressions.  Each alternative is a flat sequence: no nested
#: unbounded repetition, so matching is linear.
_CONCRETE_ALTERNATIVES = [
    # 15:00, 7:00pm, 2:30 p.m. UTC; 16.30 only after a time word or before am/pm
    # not a piece of a longer token: "lb-ams-1:443" is a host and port
    r"(?<![\w:/.])(?<![A-Za-z]-)\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"
    r"(?:\s?[ap]\.?m\b\.?)?" + _ZONE,
    r"\b(?:at|by|before|until|till|from|after|between|and|to)\s+\d{1,2}\.\d{2}\b" + _ZONE,
    r"\b\d{1,2}\.\d{2}\s?[ap]\.?m\b\.?" + _ZONE,
    # military and continental clock times: 1700 hrs, 0930h, 17h00, 11h30 CET
    r"\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:hrs|hours|h)\b" + _ZONE,
    r"\b(?:[01]?\d|2[0-3])h[0-5]\d\b" + _ZONE,
    # "until 17h", "by 9h": the hour alone, after a word that sets a time
    r"\b(?:at|by|before|until|till|from|after|around)\s+(?:[01]?\d|2[0-3])h\b" + _ZONE,
    # 4pm, 4 pm, 11 am IST
    r"\b\d{1,2}\s?(?:[ap]\.?m\b\.?)" + _ZONE,
    # spoken clock times: "by half three", "at quarter past ten", "ten o'clock"
    r"\b(?:by|at|before|until|till|around|from)\s+(?:half|quarter)\s+(?:past\s+|to\s+)?"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\b",
    # (two alternatives, so each starts with a word or with a digit; see start_guard)
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o'clock\b",
    r"\b\d{1,2}\s+o'clock\b",
    # "the same day", "the next working day": a day, counted from the event named
    r"\b(?:the\s+)?same\s+(?:(?:business|working)\s+)?(?:day|afternoon|morning|evening)\b",
    r"\bthe\s+(?:next|following)\s+(?:working\s+|business\s+)?day\b",
    # "on the day it arrives": the day of the event named
    r"\b(?:on\s+)?the\s+day\s+(?:it|they|we|you|i|the\s+[\w-]+)\s+(?:arrives?|lands?|comes?\s+in|"
    r"reach(?:es)?\s+us|gets?\s+(?:here|to\s+us)|(?:is|are)\s+(?:received|delivered))\b",
    # noon, midday, midnight, end of (the) (business/working) day, EOD, COB
    r"\b(?:noon|midday|midnight)\b",
    r"\b(?:end|close)\s+of\s+(?:the\s+|your\s+|our\s+)?(?:business\s+|working\s+)?"
    r"(?:day|play|business|week|month)\b",
    r"\b(?:eod|cob|eob|eow)\b",
    # within 2 hours, in 30 minutes, every 2 hours, for 10 seconds is not a time
    # (a range counts by its upper end: "within 3 to 5 business days", "in 2-3 hours")
    r"\b(?:within|in|every|under|inside)\s+(?:the\s+next\s+|the\s+)?"
    + _RANGE_FROM
    + _NUMBER
    + r"\s+"
    + _UNIT
    + r"\b",
    r"\b(?:within|in|every)\s+(?:the\s+next\s+|the\s+|an?\s+)?(?:hour|day|week)\b",
    r"\b(?:hourly|daily|nightly)\b",
    r"\b\d{1,3}\s+" + _UNIT + r"\s+(?:from\s+now|of\s+(?:this|your|receiving|today))\b",
    # today, tonight, tomorrow (morning), this afternoon, later today
    r"\b(?:today|tonight|tomorrow|tmrw|tmr)\b",
    r"\bthis\s+(?:morning|afternoon|evening|week)\b",
    r"\b(?:next|this|coming)\s+(?:week|month|" + _WEEKDAY_FULL + r")\b",
    # the customer's own next appointment, a date they know: "at your next service"
    r"\b(?:at|by|during|before|on|with|after)\s+your\s+next\s+(?:service|visit|appointment|"
    r"inspection|mot|check-?up|delivery|collection|payday|bill|statement|invoice|renewal|"
    r"order|booking|session|class|lesson|pay\s+run)\b",
    # weekdays: on Monday, by Friday, Thursday's
    r"\b" + _WEEKDAY_FULL + r"\b",
    # short weekday with its date: Tue 5th, Thu 21, Fri. 3
    r"\b" + _WEEKDAYS + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?![:/.]?\d)",
    # 16 March, 16th March, March 16, 9 April 2026, 2026-03-16, 16/03(/2026)
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"\b",
    r"\b" + _MONTHS + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\b",
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b\d{2}/\d{2}\b(?!/)|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    # "by 3", "at 5", "before 12": a bare hour after a time preposition
    r"\b(?:by|at|before|until|till|around)\s+\d{1,2}(?:\.\d{2})?\b(?![.,:]?\d)(?!\s?[ap]\.?m\b)"
    r"(?!\s*(?:%|percent|mb|gb|kb|tb|items?|files?|users?|seats?|days?|weeks?|"
    r"months?|years?|pages?|euros?|dollars?|pounds?|times|x\b|of\b))",
    # the first/next/last week of, the 24th
    r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b",
]
_CONCRETE = re.compile(_at_word_start(_CONCRETE_ALTERNATIVES), re.IGNORECASE)

#: Vague timing: the promise is real but gives nothing to plan with.
_VAGUE_ALTERNATIVES = [
    r"\b(?:soon|shortly|asap|a\.s\.a\.p|promptly|eventually|presently|momentarily|"
    # not a version's floor ("version 6.4 or later") nor a later version itself
    r"(?<!\d\sor\s)(?<!\d\sand\s)later(?!\s+(?:versions?|releases?|builds?|models?|firmware|"
    r"editions?)\b)|anon|imminently|forthwith|soonest|quickly|swiftly|speedily)\b",
    r"\bas\s+(?:soon|quickly|fast|early)\s+as\s+(?:(?:humanly|reasonably)\s+possible|possible|we\s+can|i\s+can|they\s+can|"
    r"(?:i'm|we're|i\s+am|we\s+are|they're|they\s+are)\s+able|"
    r"feasible|practicable|practical)\b",
    r"\b(?:when|whenever|once|if)\s+(?:possible|feasible|time\s+allows|time\s+permits)\b",
    r"\bat\s+(?:the\s+|(?:your|their|our|my|his|her)\s+)?earliest"
    r"(?:\s+(?:opportunity|convenience|possible))?\b",
    # no date, only a direction: "down the line", "in an upcoming release"
    r"\bdown\s+the\s+(?:line|road|track)\b|\bin\s+the\s+(?:near|short|medium)\s+term\b",
    # "come back to you on short term" (Dutch "op korte termijn", German "kurzfristig")
    r"\b(?:on|at|in)\s+(?:a\s+)?short\s+term\b",
    r"\b(?:in|on|with|for)\s+(?:an?|the|one\s+of\s+(?:our|your))\s+(?:upcoming|future|later|"
    r"forthcoming|subsequent)\s+(?:release|releases|update|updates|version|versions|build|"
    r"sprint|patch|cycle|statement|statements|invoice|invoices|bill|bills)\b",
    r"\bat\s+(?:some|a\s+later)\s+(?:point|stage|time|date)\b",
    r"\bin\s+(?:due\s+(?:course|time)|the\s+fullness\s+of\s+time|a\s+timely\s+(?:manner|fashion)|"
    r"a\s+bit|a\s+while|a\s+little\s+while|the\s+near\s+future|the\s+coming\s+(?:days|"
    r"weeks|months|period|while)|the\s+next\s+(?:few|couple\s+of)\s+(?:days|weeks)|"
    r"the\s+next\s+little\s+while|turn|time|good\s+time|a\s+few\s+days|"
    r"a\s+couple\s+of\s+days|a\s+day\s+or\s+two|a\s+few\s+weeks)\b",
    r"\bwithin\s+(?:a\s+few|a\s+couple\s+of|the\s+next\s+few)\s+(?:days|weeks)\b",
    r"\bbefore\s+(?:long|too\s+long)\b",
    # "now in a minute" (Welsh: some time later), "Lord willing"
    r"\bnow\s+in\s+a\s+minute\b|\b(?:lord|god)\s+willin[g']?",
    # "once one frees up", "when someone becomes available": no time at all
    r"\b(?:once|when|whenever|as\s+soon\s+as)\s+(?:one|someone|somebody|a\s+slot|a\s+[\w-]+)\s+"
    r"(?:frees?\s+up|becomes?\s+(?:free|available)|is\s+(?:free|available))\b",
    # a free moment in our own diary: "when there's a gap in the schedule", "once a slot
    # opens up", "when the rota allows" (not a physical gap: "if there's a gap by the door")
    r"\b(?:when(?:ever)?|once|as\s+soon\s+as)\s+(?:there's|there\s+is|there\s+are|there're)\s+"
    r"(?:a\s+|an\s+|some\s+)?(?:free\s+|spare\s+|quiet\s+|clear\s+)?(?:(?:slot|slots|opening|openings|"
    r"lull|let-up)\b|(?:gap|space|room|window|break|moment|time)\s+in\s+(?:the|our|his|her|their|my)\s+"
    r"(?:[\w-]+\s+)?(?:schedule|diary|rota|calendar|workload|queue|timetable|programme|program|"
    r"bookings|day|week))",
    r"\b(?:when(?:ever)?|once|as\s+soon\s+as)\s+(?:the|our|his|her|their|my)\s+(?:[\w-]+\s+)?"
    r"(?:schedule|diary|rota|calendar|workload|timetable)\s+(?:allows|permits|frees\s+up|opens\s+up|"
    r"clears)\b",
    r"\b(?:when(?:ever)?|once|as\s+soon\s+as)\s+(?:a|one)\s+(?:[\w-]+\s+)?(?:slot|space|gap|opening)\s+"
    r"(?:opens|comes|crops|turns|frees)\s+up\b",
    r"\b(?:quick|double)\s+smart\b",
    r"\bas\s+a\s+matter\s+of\s+(?:urgency|priority)\b",
    r"\b(?:on\s+)?(?:a\s+)?(?:top|high)\s+priority\b",
    r"\bwhen\s+(?:we|they|i|the\s+team)\s+(?:have|get|find)\s+(?:the\s+)?"
    r"(?:capacity|time|a\s+(?:moment|chance|minute))\b",
    r"\bthe\s+(?:moment|minute|second|instant)\s+(?:i|we|they|it|there's|there\s+is|"
    r"anything|something|news)\b",
    # the future with no date: "in the not-too-distant future", "over the next while"
    r"\bin\s+the\s+(?:near|not[\s-]+too[\s-]+distant|foreseeable|immediate|very\s+near|"
    r"not\s+so\s+distant)\s+future\b",
    r"\b(?:in|over|within|during)\s+the\s+(?:next|coming)\s+(?:little\s+|short\s+)?while\b",
    r"\b(?:over|during)\s+the\s+(?:coming|next\s+(?:few|couple\s+of))\s+(?:days|weeks|months)\b",
    r"\bin\s+a\s+(?:little|short|bit\s+of\s+a)\s+while\b|\bby\s+and\s+by\b|\bone\s+of\s+these\s+days\b",
    # "after", "afterwards" closing a promise: after what, and when?
    r"\b(?:afterwards|afterward|thereafter|later\s+on)\b|\bafter(?=\s*(?:[.!;]|$))",
    # timing that depends on our workload
    r"\bwhen(?:ever)?\s+(?:things|it|work|the\s+(?:office|team|queue|workload))\s+"
    r"(?:\w+\s+)?(?:quiet(?:en)?s?|calms?|settles?|slows?|eases?)\s+(?:down|off)\b",
    r"\bwhen(?:ever)?\s+(?:we're|we\s+are|i'm|i\s+am|things\s+are|it's|it\s+is|the\s+team\s+is)\s+"
    r"(?:less\s+busy|quieter|free(?:r)?|not\s+so\s+busy)\b",
    r"\b(?:when|once|whenever)\s+(?:i|we|they|he|she|someone|somebody)"
    # "whenever they've got a free minute"
    r"(?:'ve\s+got|'s\s+got|\s+(?:have|has)\s+got|\s+(?:get|gets|have|has|find|finds|got))\s+(?:a\s+|the\s+)?(?:spare\s+|free\s+)?(?:moment|chance|minute|sec|second|opportunity|bandwidth|"
    r"cycles|capacity|time)\b",
    # "once they've had a proper look at it": a moment nobody can see coming
    r"\b(?:once|when|after)\s+(?:they've|they\s+have|we've|we\s+have|he's|she's|he\s+has|she\s+has|"
    r"i've|i\s+have|the\s+team\s+has|it's|it\s+has)\s+had\s+(?:(?:a|the)\s+(?:proper\s+|good\s+|close\s+|"
    r"quick\s+)?(?:look|chance|moment|minute|opportunity)|(?:the\s+)?time(?=\s+to\b))\b",
    r"\bat\s+(?:the\s+)?(?:first|next(?:\s+(?:available|possible|convenient))?)\s+"
    r"(?:opportunity|chance)\b",
    # waiting on a third party with no date: "once the promoter settles with us"
    r"\b(?:once|when|as\s+soon\s+as)\s+(?:the|our)\s+(?:[a-z]+\s+)?(?:promoter|supplier|"
    r"manufacturer|insurer|bank|courier|carrier|partner|vendor|organi[sz]er|warehouse|factory|"
    r"lender|landlord|contractor|airline|hotel|venue|processor)s?\s+(?:settles?|pays?|"
    r"confirms?|approves?|responds?|replies|reply|gets?\s+back|releases?|processes?)\b",
    # "we'll send it when it's ready", "when they finish the investigation"
    r"\bwhen(?:ever)?\s+(?:it's|it\s+is|they're|they\s+are)\s+ready\b",
    r"\bwhen(?:ever)?\s+(?:they|we|someone)\s+(?:finish|finishes|complete|completes)\b",
    # "once the billing team gets to it": their queue, no time
    r"\b(?:when(?:ever)?|once|as\s+soon\s+as)\s+(?:they|we|someone|(?:the|our)\s+(?:[a-z]+\s+)?[a-z]+)\s+"
    r"(?:get|gets)\s+(?:round\s+|around\s+)?to\s+(?:it|them|this|that|yours)\b",
    r"\bin\s+a\s+little\s+bit\b|\bsooner\s+or\s+later\b",
    # timed only by the end of our own process: "once the investigation is complete"
    r"\b(?:once|when|after)\s+(?:the|our|their|this|that)\s+(?:[a-z]+\s+)?(?:investigation|review|"
    r"inquiry|enquiry|assessment|audit|checks)\s+(?:is|are|has\s+been|have\s+been)\s+"
    r"(?:complete|completed|done|finished|concluded|over)\b",
    r"\b(?:once|when|after)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:backlog|queue|rush)\s+(?:clears|is\s+cleared|"
    r"eases|dies\s+down)\b",
    # "the team will get round to it": whenever that is
    r"\bget\s+(?:round|around)\s+to\s+(?:it|them|this|that|yours)\b",
    r"\b(?:once|when|after)\s+(?:they've|they\s+have|we've|we\s+have|she's|he's|the\s+team\s+has)\s+"
    r"(?:worked|gone|been)\s+through\s+(?:the\s+(?:queue|backlog)|it|them|this|that|it\s+all)\b",
    # "someone will swing by when they can"
    r"\bwhen(?:ever)?\s+(?:they|we|i|someone|somebody|he|she|the\s+team)\s+(?:can|are\s+able"
    r"|is\s+able|am\s+able|get\s+round\s+to\s+it|get\s+a\s+chance)(?=\s*(?:[.!,;]|$))",
    r"\bas\s+(?:and\s+when|it\s+becomes\s+available|things\s+(?:develop|move|progress|unfold|change)|"
    r"news\s+comes)\b",
    # an event of our process, not a date: "in the next processing batch", "with the
    # next payment run", "by the next available engineer"
    # (not the customer's own: "on your next pay run" is a date they know)
    r"\b(?:next(?<!your\snext)|coming(?<!your\scoming)|upcoming(?<!your\supcoming))\s+"
    r"(?:[a-z]+\s+)?(?:cycle|sprint|release|round|"
    r"batch|window|run|deployment|shipments?|deliver(?:y|ies)|collections?|containers?|"
    r"consignments?|dispatch(?:es)?|truck|lorry|van)\b",
    r"\bnext\s+(?:available|free)\s+(?:slot|agent|engineer|technician|advisor|adviser|"
    r"member|person|colleague|appointment|opening)\b",
    r"\bin\s+(?:the\s+)?order\s+(?:of\s+(?:receipt|arrival)|(?:it|they)\s+(?:was|were|"
    r"are|is)\s+(?:received|submitted))\b|\bon\s+a\s+first[\s-]+come,?\s+first[\s-]+served\b",
    r"\bany\s+(?:day|time|moment)\s+now\b",
    r"\bnot\s+long\b",
    r"\bin\s+a\s+jiffy\b",
    # "he'll swing by next time he's out your way": whenever his round allows
    r"\b(?:(?:the\s+)?next\s+time|when(?:ever)?)\s+(?:he|she|they|we|i|someone|somebody|"
    r"(?:the|our)\s+[a-z]+)(?:'s|'re|'m|\s+is|\s+are|\s+am)?\s+(?:next\s+)?(?:out|in|around|"
    r"passing|over|near|round|up|down)\s+(?:your|that|this|the)\s+(?:way|area|neck|end|direction|"
    r"part|side)\b",
    # "once things calm down a bit here": a moment nobody can see coming
    r"\b(?:once|when|after)\s+(?:things|it|everything|the\s+dust|the\s+rush|we)\s+"
    r"(?:calm|calms|settle|settles|quieten|quietens|quiet|quiets|slow|slows)\s+down\b",
]
_VAGUE = re.compile(_at_word_start(_VAGUE_ALTERNATIVES), re.IGNORECASE)

#: "once they've had", "when she's had": a moment still to come, said in the perfect
#: of a person (not "once it's had time to cool": a thing settling by itself).
_PERSON_PERFECT = re.compile(
    r"(?:once|when|after)\s+(?:they've|they\s+have|we've|we\s+have|he's|she's|he\s+has|she\s+has|"
    r"i've|i\s+have|the\s+team\s+has)\s+had\b",
    re.IGNORECASE,
)
#: Past-tense markers: the clause reports what already happened.
_PAST = re.compile(
    r"\b(?=\w)(?:\b(?:was|were|had|did|went|left|sent|came|arrived|happened|occurred|started|"
    r"began|began|stopped|failed|received|got|ran|broke|said|told|wrote|paid|took|"
    r"made|saw|noticed|reported|went\s+out|yesterday|ago|last\s+(?:night|week|month|"
    r"year|" + _WEEKDAY_FULL + r")|earlier\s+today|this\s+morning's|since)\b"
    r"|\b(?:i|we|you|they|he|she|it)\s+(?:\w+\s+)?\w+ed\b"
    r"|\b(?:the|your|our|this|that|its|their)\s+\w+\s+\w+ed\b"
    r"|\b\w{3,}ed\s+(?:us|you|me|them|him|her)\b)",
    re.IGNORECASE,
)
#: Future or present-scheduled markers: the clause looks ahead.
_FUTURE = re.compile(
    r"\b(?=\w)(?:will|shall|going\s+to|gonna|should|expect(?:ed)?|scheduled|due|plan(?:ned)?|"
    r"hope|hoping|want|to\s+be|to\s+have|would|"
    r"aim|intend|until|by|within|before|every|each|next|tomorrow|tonight|later|"
    r"can|could|may|might|please|let\s+me|let\s+us|until|from\s+now)\b"
    r"|'ll\b|\u2019ll\b",
    re.IGNORECASE,
)
#: "four emails in a day", "200 calls in an hour": a count before the period.
_RATE_BEFORE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|a\s+hundred|"
    r"hundreds|dozens|several|many|multiple)\s+(?:\w+\s+)?(?!(?:hrs|hours|mins|minutes)\s)\w+s\s+$"
    r"|\btimes\s+$",
    re.IGNORECASE,
)
#: "shortly after 09:00", "soon after the deploy": vague words describing when
#: something happened, not a promise.
_PAST_VAGUE = re.compile(r"\b(?:shortly|soon|just|right)\s+(?:after|before)\b", re.IGNORECASE)


#: "as soon as you press Save", "as soon as we have your case number": timed by
#: the customer's own step, not by us.
_CUSTOMER_TRIGGER = re.compile(
    r"as\s+soon\s+as\s+(?:you|u|your|(?:we|i)(?:'ve|\s+have)?\s+(?:receive|received|get|got|"
    r"have|see)\s+your)\b",
    re.IGNORECASE,
)


def is_past_clause(text: str, start: int, end: int) -> bool:
    """Does the clause `text[start:end]` report the past (no look-ahead marker)?"""
    return bool(_PAST.search(text, start, end)) and not _FUTURE.search(text, start, end)


#: A past participle or past verb right before the time: "changed at 09:14",
#: "went down on Monday" (not an arrangement ahead: "booked for", "scheduled at").
_DONE_AT = re.compile(
    # (not the passive ahead: "will be published on 30 March", "gets delivered on Friday")
    r"(?<!\bbe\s)(?<!\bbeing\s)(?<!\bget\s)(?<!\bgets\s)"
    r"\b(?!(?:booked|scheduled|planned|arranged|confirmed|expected|timed|slated|fixed|moved|"
    r"rescheduled|rebooked|reserved|agreed|promised|estimated|needed|required|limited|"
    r"restricted|closed|opened|staffed)\b)(?:[a-z]{3,}ed|began|broke|went\s+down|ran|came|left|"
    r"took|happened|fell|stopped|crashed)\s+(?:at|on|around|just\s+after|just\s+before)\s+$",
    re.IGNORECASE,
)


#: A breakdown told in the past, timed from the purchase: "stopped working within one
#: week", "broke down after two days" (no one would promise a breakdown).
_BROKE_WITHIN = re.compile(
    r"\b(?:stopped|broke|failed|died|crashed|packed\s+up|gave\s+up|gave\s+out|conked\s+out|"
    r"went\s+(?:down|off|wrong))\s+(?:working\s+|running\s+|down\s+|again\s+)?"
    r"(?:(?:within|after|in)\s+)?$",
    re.IGNORECASE,
)
_THE_BEFORE = re.compile(
    r"\b(?:the|your|our|this|that|cancelled|canceled|delayed|missed|earlier|original)\s+$",
    re.IGNORECASE,
)
_ATTRIBUTIVE_AFTER = re.compile(
    r"\s+(?:sailing|flight|train|bus|ferry|crossing|departure|class|show|performance|match|shift)s?\b",
    re.IGNORECASE,
)


#: A past mishap with a thing the time names: "(what) went wrong with Tuesday's
#: boxes", "the problem with Monday's delivery", "happened to the 07:45 order".
_WENT_WRONG_WITH = re.compile(
    r"\b(?:went\s+wrong|happened|was\s+wrong|were\s+wrong|(?:problem|issue|fault|mix-up|trouble)s?)"
    r"\s+(?:with|to|in)\s+(?:the\s+|your\s+)?$",
    re.IGNORECASE,
)


def _past_event(text: str, clause_start: int, start: int, end: int) -> bool:
    """Does the time at `text[start:end]` belong to something past or named, whatever
    the tense of its clause?  "traced it to a rule changed at 09:14 UTC and will roll
    it back" (a past event); "the cancelled 07:45 sailing" (a thing's name)."""
    if _DONE_AT.search(text, max(clause_start, start - 30), start):
        return True
    if _BROKE_WITHIN.search(text, max(clause_start, start - 30), start):
        return True
    if _WENT_WRONG_WITH.search(text, max(clause_start, start - 40), start):
        return True  # "what went wrong with Tuesday's boxes": the day names past boxes
    return bool(
        _THE_BEFORE.search(text, max(clause_start, start - 20), start)
        and _ATTRIBUTIVE_AFTER.match(text, end)
    )


def find_times(text: str) -> list[TimeExpr]:
    """Every time expression of `text`, in order, classified per its clause."""
    return list(_find_times(text))


#: A time something was arranged for, told in the past tense: "I've booked them for
#: between 1pm and 3pm today", "we've moved your call to 4pm".
_ARRANGED_FOR = re.compile(
    r"\b(?:booked|scheduled|arranged|rescheduled|rebooked|re-booked|moved|reserved|confirmed|"
    r"pencilled\s+in|penciled\s+in|set)\b[^.;:!?\n]{0,40}?\b(?:for|on|at|to|between|from)\s+"
    r"(?:[\w'-]+\s+){0,4}$",
    re.IGNORECASE,
)
#: ... unless the clause places it in the past: "booked for 3pm yesterday".
_BACK_THEN = re.compile(
    r"\b(?:yesterday|ago|last\s+(?:night|week|month|year|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)|earlier\s+(?:today|this\s+week))\b",
    re.IGNORECASE,
)


#: A new subject joined into the clause: "... and the truck leaves", "but it ships".
_AND_NEW_SUBJECT = re.compile(
    r"\b(?:and|but|while|whereas)\s+(?:the|your|our|it|they|we|he|she|this|that|these|those)\s",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _find_times(text: str) -> tuple[TimeExpr, ...]:
    out: list[TimeExpr] = []
    for sent in sentences(text):
        for cl in clauses(text, sent.start, sent.end):
            past: bool | None = None  # worked out only for a clause that has a time
            for m in _CONCRETE.finditer(text, cl.start, cl.end):
                if _RATE_BEFORE.search(text, max(cl.start, m.start() - 30), m.start()):
                    continue  # "four emails in a day": a rate, not a moment
                if past is None:
                    past = is_past_clause(text, cl.start, cl.end)
                past_here = past
                if past:
                    # "The panels cleared port yesterday and the truck leaves on Monday 16
                    # March": a second subject with its own verb before the time has its
                    # own tense
                    joins = [
                        j.start() for j in _AND_NEW_SUBJECT.finditer(text, cl.start, m.start())
                    ]
                    if joins:
                        past_here = is_past_clause(text, joins[-1], cl.end)
                kind = (
                    TimeKind.PAST
                    if past_here or _past_event(text, cl.start, m.start(), m.end())
                    else TimeKind.CONCRETE
                )
                if (
                    kind is TimeKind.PAST
                    and _ARRANGED_FOR.search(text, max(cl.start, m.start() - 60), m.start())
                    and not _BACK_THEN.search(text, cl.start, cl.end)
                ):
                    kind = TimeKind.CONCRETE  # "I've booked them for between 1pm and 3pm today"
                out.append(TimeExpr(Span(m.group(), m.start(), m.end()), kind))
            for m in _VAGUE.finditer(text, cl.start, cl.end):
                if _CUSTOMER_TRIGGER.match(text, max(cl.start, m.start() - 3), m.end() + 30):
                    continue  # "as soon as you press Save": the customer's own moment
                before = text[max(cl.start, m.start() - 1) : m.end() + 16]
                pv = _PAST_VAGUE.match(before.lstrip())
                if _PERSON_PERFECT.match(text, m.start(), m.end()):
                    # "once they've had a chance to look": a perfect that points ahead (its
                    # own "had" tells no past); the rest of the clause decides
                    told_past = bool(
                        _PAST.search(text, cl.start, m.start())
                        or _PAST.search(text, m.end(), cl.end)
                    ) and not _FUTURE.search(text, cl.start, cl.end)
                    kind = TimeKind.PAST if pv or told_past else TimeKind.VAGUE
                    out.append(TimeExpr(Span(m.group(), m.start(), m.end()), kind))
                    continue
                if past is None and not pv:
                    past = is_past_clause(text, cl.start, cl.end)
                kind = TimeKind.PAST if (pv or past) else TimeKind.VAGUE
                out.append(TimeExpr(Span(m.group(), m.start(), m.end()), kind))
    out.sort(key=lambda t: t.span.start)
    return tuple(out)


def has_commitment(text: str) -> bool:
    """Is there any concrete time that looks ahead (not past) in `text`?"""
    return any(t.kind is TimeKind.CONCRETE for t in find_times(text))


def vague_times(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Vague timing words in `text[start:end]` that are not about the past."""
    end = len(text) if end is None else end
    return [
        t.span
        for t in find_times(text)
        if t.kind is TimeKind.VAGUE and start <= t.span.start and t.span.end <= end
    ]

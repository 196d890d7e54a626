"""Reply extraction: MIME bytes -> the author's own words and the facts rules need.

    from gateway.extract import extract_reply, ExtractLimits
    reply = extract_reply(raw, sender=mail_from, recipients=rcpt_to, received_at=now)

Pure: no I/O and no clock (the caller passes `received_at`).  See `reply.py` for
the steps and `limits.py` for the caps on hostile input.
"""

from gateway.extract.facts import DEFAULT_URGENCY_WORDS
from gateway.extract.limits import LIMIT_PREFIX, ExtractLimits
from gateway.extract.reply import extract_reply

__all__ = ["DEFAULT_URGENCY_WORDS", "LIMIT_PREFIX", "ExtractLimits", "extract_reply"]

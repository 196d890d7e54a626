"""Help-desk layouts: only the newest agent comment is the author's; the newest
customer entry of the history sets the customer's time and urgency."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from mailbuild import alternative, html_only, plain

from gateway.extract import extract_reply

CEST = timezone(timedelta(hours=2))
BST = timezone(timedelta(hours=1))
EDT = timezone(timedelta(hours=-4))

ZD_HEADERS = {"X-Mailer": "Zendesk Mailer", "Auto-Submitted": "auto-generated"}
AGENT_ZD = '"Lena Brook (Acme Support)" <support@acme.example>'
CUSTOMER = "Oskar Berg <oskar@harbourbooks.example>"


def zendesk_plain(comment: str, history: list[tuple[str, str, str]], *, intro: bool = True) -> str:
    out = ["##- Please type your reply above this line -##", ""]
    if intro:
        out += [
            "Your request (7734) has been updated. To add additional comments, reply to this "
            "email.",
            "",
            "----------------------------------------------",
            "",
            "Lena Brook, May 4, 2026, 16:10 CEST",
            "",
            comment,
            "",
            "--",
            "Lena Brook",
            "Harbour Books · Support",
            "",
        ]
    else:
        out += [comment, ""]
    for who, when, text in history:
        out += [
            "----------------------------------------------",
            "",
            f"{who}, {when}",
            "",
            text,
            "",
        ]
    out += [
        "--------------------------------",
        "This email is a service from Harbour Books.",
        "",
        "",
        "[7K2L9P-QX4M]",
    ]
    return "\n".join(out) + "\n"


def test_zendesk_newest_comment_and_newest_customer_time() -> None:
    history = [
        (
            "Oskar Berg",
            "May 4, 2026, 12:40 CEST",
            "The export is still stuck. Our board meets at 5pm!",
        ),
        (
            "Ivan Duric",
            "May 3, 2026, 09:00 CEST",
            "Hi Oskar, I've restarted the export; it should finish soon.",
        ),
        (
            "Oskar Berg",
            "May 2, 2026, 18:00 CEST",
            "URGENT: the ledger export has been stuck since noon.",
        ),
    ]
    raw = plain(
        zendesk_plain(
            "Hi Oskar,\n\nThe export finished at 15:55 CEST; the file is in Reports.\n\nLena",
            history,
        ),
        frm=AGENT_ZD,
        to=CUSTOMER,
        subject="[Harbour] Re: Ledger export",
        date="Mon, 04 May 2026 16:10:00 +0200",
        extra=ZD_HEADERS,
    )
    reply = extract_reply(raw)
    assert reply.helpdesk == "zendesk"
    assert reply.helpdesk_comment is True
    assert reply.text == "Hi Oskar,\n\nThe export finished at 15:55 CEST; the file is in Reports."
    assert reply.customer_sent_at == datetime(2026, 5, 4, 12, 40, tzinfo=CEST)
    # the URGENT is in an older customer message, not the newest one
    assert reply.customer_urgency == ()
    assert "Ivan Duric" in reply.quoted and "This email is a service from" in reply.quoted


def test_zendesk_agent_entry_newest_in_history_is_skipped_via_html_marks() -> None:
    history = [
        ("Ivan Duric", "May 4, 2026, 13:00 CEST", "Looking into it now."),
        ("Oskar Berg", "May 4, 2026, 08:00 CEST", "The export is down."),
    ]
    text = zendesk_plain("The export is fixed.", history)
    html = (
        "<p>##- Please type your reply above this line -##</p><table><tr><td><p><strong>Lena "
        "Brook</strong>"
        " (Harbour Books)</p><p>May 4, 2026, 16:10 CEST</p><p>The export is "
        "fixed.</p></td></tr><tr><td>"
        "<p><strong>Ivan Duric</strong> (Harbour Books)</p><p>May 4, 2026, 13:00 "
        "CEST</p><p>Looking into it"
        " now.</p></td></tr><tr><td><p><strong>Oskar Berg</strong></p><p>May 4, 2026, 08:00 "
        "CEST</p>"
        "<p>The export is down.</p></td></tr></table>"
    )
    raw = alternative(
        text,
        html,
        frm=AGENT_ZD,
        to=CUSTOMER,
        date="Mon, 04 May 2026 16:10:00 +0200",
        extra=ZD_HEADERS,
    )
    reply = extract_reply(raw)
    assert reply.customer_sent_at == datetime(2026, 5, 4, 8, 0, tzinfo=CEST)
    assert reply.customer_urgency == ("down",)


def test_zendesk_html_only_layout() -> None:
    html = (
        "<div>##- Please type your reply above this line -##</div><p>Your request (7734) has been "
        "updated."
        "</p><table><tr><td><p><strong>Lena Brook</strong> (Harbour Books)</p><p>May 4, 2026, "
        "16:10 CEST</p>"
        '<div class="zd-comment"><p>Hi Oskar,</p><p>The export is fixed.</p><div '
        'class="signature"><p>--<br>'
        "Lena Brook<br>Harbour Books</p></div></div></td></tr><tr><td><p><strong>Oskar "
        "Berg</strong></p>"
        "<p>May 4, 2026, 15:00 CEST</p><p>Still broken, this is critical.</p></td></tr></table>"
        "<div>This email is a service from Harbour Books. Delivered by Zendesk</div>"
    )
    raw = html_only(
        html, frm=AGENT_ZD, to=CUSTOMER, date="Mon, 04 May 2026 16:10:00 +0200", extra=ZD_HEADERS
    )
    reply = extract_reply(raw)
    assert reply.text == "Hi Oskar,\n\nThe export is fixed."
    assert reply.customer_sent_at == datetime(2026, 5, 4, 15, 0, tzinfo=CEST)
    assert reply.customer_urgency == ("critical",)
    assert reply.helpdesk_comment is True


def test_zendesk_satisfaction_survey_is_not_a_comment() -> None:
    body = zendesk_plain(
        "Hello Oskar,\n\nHow would you rate the support you received?\n\nGood, I'm satisfied\n"
        "https://help.harbour.example/s/good\n\nWe'll review your feedback in due course.",
        [("Oskar Berg", "May 4, 2026, 12:40 CEST", "Thanks, all good now.")],
        intro=False,
    )
    raw = plain(
        body,
        frm=AGENT_ZD,
        to=CUSTOMER,
        subject="Request #7734: How would you rate the support?",
        date="Tue, 05 May 2026 12:45:00 +0200",
        extra=ZD_HEADERS,
    )
    reply = extract_reply(raw)
    assert reply.helpdesk == "zendesk"
    assert reply.helpdesk_comment is False
    assert "in due course" in reply.text


def test_freshdesk_quote_without_year_and_nested_agent_reply() -> None:
    body = (
        "Hi Ada,\n\nThe card reader is back online; I pushed a new certificate at 10:40.\n\n"
        "Kai\n\nKai Mercer\nPayments Support, Harbour Pay\n0161 496 0199\n\n"
        "On Tue, 5 May at  9:05 AM , Ada Finch<ada@corner-cafe.example> wrote:\n"
        "> Hi Kai,\n>\n> Our card reader is down again and we open at 11. This is urgent.\n>\n> "
        "Ada\n>\n"
        "> On Mon, 4 May 2026 at 16:30, Kai Mercer (Harbour Support)\n> <support@acme.example> "
        "wrote:\n"
        ">> Hi Ada, the reader is fixed. It was an expired certificate.\n"
    )
    raw = plain(
        body,
        frm='"Kai Mercer (Harbour Support)" <support@acme.example>',
        to="Ada Finch <ada@corner-cafe.example>",
        subject="Re: [#8812] Card reader offline",
        date="Tue, 05 May 2026 10:50:00 +0100",
        extra={"Message-ID": "<a1b2.8812-x@harbour.freshdesk.example>"},
        crlf=True,
    )
    reply = extract_reply(raw)
    assert reply.helpdesk == "freshdesk"
    assert reply.helpdesk_comment is True
    assert (
        reply.text
        == "Hi Ada,\n\nThe card reader is back online; I pushed a new certificate at 10:40."
    )
    assert reply.customer_sent_at == datetime(2026, 5, 5, 9, 5, tzinfo=BST)
    assert set(reply.customer_urgency) == {"down", "urgent"}


def test_help_scout_history_newest_first() -> None:
    body = (
        "## Reply above this line ##\n\nHi Priya,\n\nI've moved your desk booking to Thursday.\n\n"
        "Sam Ode\nMember Support, Harbour Spaces\n\n______________________________\n\n"
        "Priya Nair replied:\nTue, May 5, 2026 at 9:40 AM\n\nCan I move it to Thursday instead?\n\n"
        "______________________________\n\nSam Ode replied:\nMon, May 4, 2026 at 4:00 PM\n\n"
        "Booked for Wednesday.\n\n______________________________\n\n"
        "Priya Nair started the conversation:\nMon, May 4, 2026 at 2:10 PM\n\nPlease book me a "
        "desk, ASAP.\n\n"
        "______________________________\n\nHarbour Spaces · Member Support\n"
    )
    raw = plain(
        body,
        frm="Sam Ode <sam@support.acme.example>",
        to="Priya Nair <priya@nairdesign.example>",
        date="Tue, 05 May 2026 10:15:00 -0400",
        extra={"Message-ID": "<reply-991-12345678-ab@helpscout.example>"},
    )
    reply = extract_reply(raw)
    assert reply.helpdesk == "helpscout"
    assert reply.text == "Hi Priya,\n\nI've moved your desk booking to Thursday."
    assert reply.customer_sent_at == datetime(2026, 5, 5, 9, 40, tzinfo=EDT)
    assert reply.customer_urgency == ()


def test_jira_service_management_agent_holding_comment_is_not_the_customer() -> None:
    body = (
        "—-—-—-—\n\nReply above this line.\n\n\n\nNoor Haddad commented:\n\nHi Dr Vance,\n\n"
        "The lab import runs again since 10:55.\n\nNoor\n\n__________________________\n\n\n"
        "Noor Haddad commented:\n05/May/26 9:10 AM\n\nI'm on it, update by 11:00.\n\n"
        "__________________________\n\n\nDr Elsa Vance raised this request:\n05/May/26 8:40 AM\n\n"
        "Lab results have stopped importing. Critical for today's clinic.\n\n\n\n"
        "View request: https://vets.example/servicedesk/customer/portal/2/VET-77\n\n"
        "This is shared with Dr Elsa Vance.\n\n------------------------------\n"
        "Harbour Vets Help Center, powered by Jira Service Management, sent you this message.\n"
    )
    raw = plain(
        body,
        frm='"Noor Haddad (Acme Support)" <support@acme.example>',
        to="Dr Elsa Vance <elsa@vance-vets.example>",
        subject="VET-77 Lab results not importing",
        date="Tue, 05 May 2026 11:00:00 +0100",
        extra={"X-JIRA-FingerPrint": "abc", "Auto-Submitted": "auto-generated"},
        crlf=True,
    )
    reply = extract_reply(raw)
    assert reply.helpdesk == "jira"
    assert reply.helpdesk_comment is True
    assert reply.text == "Hi Dr Vance,\n\nThe lab import runs again since 10:55."
    assert reply.customer_sent_at == datetime(2026, 5, 5, 8, 40, tzinfo=BST)
    assert reply.customer_urgency == ("critical",)


def test_intercom_transcript_oldest_first() -> None:
    body = (
        "Hi Leo,\n\nDone: the £12 is now on Mia's account.\n\nJo\n\nJo from Harbour Meals\n\n"
        "────────────────────────────────\nEarlier in this conversation\n\n"
        "Leo Park · Mon 4 May 2026, 18:00\nPlease move £12 to Mia. Urgent!\n\n"
        "Jo (Harbour Meals) · Mon 4 May 2026, 18:30\nOn it.\n\n"
        "Leo Park · Tue 5 May 2026, 07:50\nAny news?\n\n"
        "────────────────────────────────\nReply to this email to continue the conversation.\nWe "
        "run on Intercom\n"
    )
    raw = plain(
        body,
        frm="Jo from Harbour Meals <jo@support.acme.example>",
        to="Leo Park <leo@mail.example>",
        date="Tue, 05 May 2026 08:20:00 +0100",
        extra={"Message-ID": "<conversation-5-part-6@intercom-mail.example>"},
    )
    reply = extract_reply(raw)
    assert reply.helpdesk == "intercom"
    assert reply.text == "Hi Leo,\n\nDone: the £12 is now on Mia's account."
    assert reply.customer_sent_at == datetime(2026, 5, 5, 7, 50, tzinfo=BST)
    assert reply.customer_urgency == ()


def test_layout_is_recognised_without_the_help_desk_headers() -> None:
    body = (
        "## Reply above this line ##\n\nHi Priya,\n\nYour pass is renewed until June.\n\n"
        "______________________________\n\nPriya Nair started the conversation:\n"
        "Tue, May 5, 2026 at 9:40 AM\n\nMy pass expired.\n"
    )
    reply = extract_reply(plain(body, date="Tue, 05 May 2026 10:15:00 -0400"))
    assert reply.helpdesk == "helpscout"
    assert reply.text == "Hi Priya,\n\nYour pass is renewed until June."
    assert reply.customer_sent_at == datetime(2026, 5, 5, 9, 40, tzinfo=EDT)


def test_plain_reply_is_not_a_help_desk() -> None:
    reply = extract_reply(plain("Your refund is on its way."))
    assert reply.helpdesk is None
    assert reply.helpdesk_comment is False


def test_receipts_and_surveys_are_the_help_desk_not_an_agent() -> None:
    from gateway.extract.helpdesk import is_notification

    receipt = ("Hello Priya,\n\nThanks for writing in. We've received your enquiry and one of "
               "our advisers will be in touch. Your case reference is CS-40117.\n\nThe Help Team")
    assert is_notification("Case opened: smart meter reading", receipt)
    assert is_notification("Re: boiler", "Your ticket has been logged as #88121. We aim to reply "
                           "within two working days.")
    assert is_notification("Request #551: how was our service?",
                           "Please tell us: how would you rate the support you received?")
    assert is_notification("Ticket Received - [#77] Broken hinge", "Thanks, noted.")
    # An agent who mentions the ticket while answering is not a receipt.
    answer = ("Hi Priya, I've received your photos and checked case CS-40117: the meter was "
              "swapped on 3 May, so I've corrected the reading to 04417 and refunded the £38 "
              "difference today.")
    assert not is_notification("Re: smart meter reading", answer)
    long_reply = "We have received your request #5. " + "Here is what I found. " * 40
    assert not is_notification("Re: order", long_reply)


def test_freshdesk_receipt_is_not_in_scope_material() -> None:
    raw = plain(
        "Dear Tom,\n\nWe have received your request and a member of our team will reply "
        "soon. Your ticket number is #9120.\n\nAcme Print Support\n",
        frm='"Acme Print Support" <support@acme.example>',
        extra={"Auto-Submitted": "auto-generated", "X-Mailer": "Freshdesk"},
    )
    reply = extract_reply(raw)
    assert reply.helpdesk == "freshdesk"
    assert not reply.helpdesk_comment


def test_zendesk_marker_in_another_language() -> None:
    """Zendesk prints its marker in the account's language; the "##- ... -##" frame
    is the mark."""
    body = zendesk_plain(
        "Hallo Oskar,\n\nDer Export ist um 15:55 MESZ fertig geworden.\n\nLena",
        [("Oskar Berg", "May 4, 2026, 12:40 CEST", "Der Export hängt immer noch!")],
    ).replace(
        "##- Please type your reply above this line -##",
        "##- Bitte geben Sie Ihre Antwort über dieser Zeile ein. -##",
    )
    # no X-Mailer: the layout alone says Zendesk
    raw = plain(body, frm=AGENT_ZD, to=CUSTOMER, subject="[Harbour] Re: Export",
                date="Mon, 04 May 2026 16:10:00 +0200")
    reply = extract_reply(raw)
    assert reply.helpdesk == "zendesk"
    assert reply.text == "Hallo Oskar,\n\nDer Export ist um 15:55 MESZ fertig geworden."
    assert reply.customer_sent_at == datetime(2026, 5, 4, 12, 40, tzinfo=CEST)


def test_ticket_header_and_bracketed_zone_layout() -> None:
    """A desk that prints the ticket's own header (key-value lines) above the comments
    and its times with the zone in brackets: the header is no one's words, the newest
    entry is the agent's comment, and the customer's time and urgency are read."""
    body = (
        "##- Please type your reply above this line -##\n\n"
        "Case RX-88120: Greenhouse heater keeps tripping - urgent\n"
        "Status: Pending | Priority: High | Assignee: Tomas Reyes\n\n"
        "------------------------------------------------\n\n"
        "Tomas Reyes (Verdant Supplies Desk)\n"
        "7 May 2026, 10:05 (GMT+01:00)\n\n"
        "Hello Ms Okafor,\n\nThe breaker trips because the heater's thermostat relay failed. "
        "A replacement relay leaves our depot today and our engineer fits it on Friday 8 May "
        "at 09:00.\n\nTomas\n\n"
        "------------------------------------------------\n\n"
        "Ada Okafor\n"
        "6 May 2026, 18:40 (GMT+01:00)\n\n"
        "THE HEATER KEEPS TRIPPING AND MY SEEDLINGS WILL FREEZE. This is urgent.\n\n"
        "------------------------------------------------\n\n"
        "This email is a service from the Verdant Supplies Desk.\n"
    )
    reply = extract_reply(plain(body, date="Thu, 07 May 2026 10:05:00 +0100"))
    assert reply.helpdesk == "zendesk"
    assert reply.helpdesk_comment is True
    assert reply.text.startswith("Hello Ms Okafor,")
    assert "SEEDLINGS" not in reply.text and "Status:" not in reply.text
    assert "Case RX-88120" not in reply.text
    assert reply.customer_sent_at == datetime(2026, 5, 6, 18, 40, tzinfo=BST)
    assert "urgent" in reply.customer_urgency


def test_a_plain_line_above_the_comments_is_still_words() -> None:
    """Only key-value ticket lines are the desk's; a sentence above the first entry
    keeps the layout's intro as the message (a survey or side note)."""
    body = (
        "##- Please type your reply above this line -##\n\n"
        "Status: we are still waiting for the courier to confirm.\n\n"
        "------------------------------------------------\n\n"
        "Ada Okafor\n"
        "6 May 2026, 18:40 (GMT+01:00)\n\n"
        "Where is my order?\n"
    )
    reply = extract_reply(plain(body, date="Thu, 07 May 2026 10:05:00 +0100"))
    assert reply.helpdesk_comment is False
    assert "still waiting for the courier" in reply.text

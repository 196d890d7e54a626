"""Quoted history in plain-text replies: every attribution style, Outlook blocks, inline replies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from mailbuild import plain

from gateway.extract import extract_reply

CET = timezone(timedelta(hours=1))
REPLY = (
    "Hi Tobias,\n\n"
    "I have reset the shifter calibration for your account. Please try the\n"
    "app again and tell me if gear 7 still skips.\n\n"
    "Mina\n"
)
CUSTOMER_WORDS = "My gear shifter skips from 6 to 8 on every ride. URGENT please, I race on Sunday."


def quoted(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


@pytest.mark.parametrize(
    ("attribution", "expected"),
    [
        (
            "On Wed, 11 Mar 2026 at 14:05, Tobias Lind <tobias@fjordbikes.example> wrote:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "On Wed, Mar 11, 2026 at 2:05 PM Tobias Lind <tobias@fjordbikes.example> wrote:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "On Wed, Mar 11, 2026 at 2:05 PM Tobias Lind <\ntobias@fjordbikes.example> wrote:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "On 11 Mar 2026, at 14:05, Tobias Lind <tobias@fjordbikes.example> wrote:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        ("On 2026-03-11 14:05, Tobias Lind wrote:", datetime(2026, 3, 11, 14, 5, tzinfo=CET)),
        ("Am 11.03.26 um 14:05 schrieb Tobias Lind:", datetime(2026, 3, 11, 14, 5, tzinfo=CET)),
        (
            "Am Mi., 11. März 2026 um 14:05 Uhr schrieb Tobias Lind <tobias@fjordbikes.example>:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "Le mer. 11 mars 2026 à 14:05, Tobias Lind <tobias@fjordbikes.example> a écrit :",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "El mié, 11 mar 2026 a las 14:05, Tobias Lind (<tobias@fjordbikes.example>) escribió:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "Op wo 11 mrt. 2026 om 14:05 schreef Tobias Lind <tobias@fjordbikes.example>:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "Il giorno mer 11 mar 2026 alle ore 14:05 Tobias Lind <tobias@fjordbikes.example> ha "
            "scritto:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "Em qua., 11 de mar. de 2026 às 14:05, Tobias Lind <tobias@fjordbikes.example> "
            "escreveu:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        # Norwegian and Danish Gmail: the date first, then the verb, then the name
        (
            "ons. 11. mar. 2026 kl. 14:05 skrev Tobias Lind <tobias@fjordbikes.example>:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        # Japanese Gmail (no verb), Chinese and Korean (the verb last, 下午/오후 = p.m.),
        # Turkish (the verb last)
        (
            "2026年3月11日(水) 14:05 Tobias Lind <tobias@fjordbikes.example>:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "Tobias Lind <tobias@fjordbikes.example> 於 2026年3月11日 週三 下午2:05 寫道：",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "2026년 3월 11일 (수) 오후 2:05, Tobias Lind <tobias@fjordbikes.example>님이 작성:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "11 Mar 2026 Çar, 14:05 tarihinde Tobias Lind <tobias@fjordbikes.example> şunu yazdı:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
    ],
)
def test_attribution_styles_are_cut_and_their_time_read(
    attribution: str, expected: datetime
) -> None:
    raw = plain(REPLY + "\n" + attribution + "\n" + quoted(CUSTOMER_WORDS))
    reply = extract_reply(raw)
    assert "reset the shifter calibration" in reply.text
    assert "skips from 6 to 8" not in reply.text
    assert "skips from 6 to 8" in reply.quoted
    assert reply.customer_sent_at == expected
    assert "urgent" in reply.customer_urgency


def test_gmail_signature_and_nested_older_quote() -> None:
    body = (
        REPLY + "\n-- \nMina Okoye\nRider Support, Fjord Cloud\n\n"
        "On Wed, 11 Mar 2026 at 14:05, Tobias Lind <tobias@fjordbikes.example> wrote:\n"
        + quoted(
            "Still broken.\n\nOn Tue, 10 Mar 2026 at 09:00, Mina Okoye <mina@support.acme.example> "
            "wrote:\n"
            "> Could you update the app? The outage is over."
        )
    )
    reply = extract_reply(plain(body))
    assert reply.text == (
        "Hi Tobias,\n\nI have reset the shifter calibration for your account. Please try the app "
        "again "
        "and tell me if gear 7 still skips."
    )
    # the customer's newest message sets time and urgency, not our older reply
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=CET)
    assert reply.customer_urgency == ()


def test_ios_attribution_inside_the_quote() -> None:
    body = "Sure, I'll post the part today.\n\nSent from my iPhone\n\n" + quoted(
        "On 11 Mar 2026, at 14:05, Tobias Lind <tobias@fjordbikes.example> wrote:\n\n"
        + CUSTOMER_WORDS
    )
    reply = extract_reply(plain(body))
    assert reply.text == "Sure, I'll post the part today."
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=CET)


def test_only_a_phone_signature_leaves_no_words() -> None:
    body = "Sent from my iPhone\n\n" + quoted(
        "On 11 Mar 2026, at 14:05, Tobias Lind <tobias@fjordbikes.example> wrote:\n\n"
        + CUSTOMER_WORDS
    )
    assert extract_reply(plain(body)).text == ""


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "-----Original Message-----\nFrom: Tobias Lind <tobias@fjordbikes.example>\n"
            "Sent: Wednesday, March 11, 2026 2:05 PM\nTo: Fjord Support <support@acme.example>\n"
            "Subject: Gear shifter",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "________________________________\nFrom: Tobias Lind <tobias@fjordbikes.example>\n"
            "Sent: Wednesday, 11 March 2026 14:05\nTo: Fjord Support <support@acme.example>\n"
            "Subject: Gear shifter",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "From: Tobias Lind <tobias@fjordbikes.example>\nDate: Wednesday, 11 March 2026 at "
            "14:05\n"
            "To: Fjord Support <support@acme.example>\nSubject: Gear shifter",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "Von: Tobias Lind <tobias@fjordbikes.example>\nGesendet: Mittwoch, 11. März 2026 "
            "14:05\n"
            "An: Fjord Support <support@acme.example>\nBetreff: Gear shifter",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "De : Tobias Lind <tobias@fjordbikes.example>\nEnvoyé : mercredi 11 mars 2026 14:05\n"
            "À : Fjord Support <support@acme.example>\nObjet : Gear shifter",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "Kimden: Tobias Lind <tobias@fjordbikes.example>\nGönderildi: 11 Mart 2026 Çarşamba "
            "14:05\nKime: Fjord Support <support@acme.example>\nKonu: Gear shifter",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        # every "Sent:" the block detection knows gives the time too (one list for both)
        (
            "Lähettäjä: Tobias Lind <tobias@fjordbikes.example>\nLähetetty: 11.3.2026 14:05\n"
            "Vastaanottaja: Fjord Support <support@acme.example>\nAihe: Gear shifter",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "From: Tobias Lind [mailto:tobias@fjordbikes.example]\nSent: Wed, 11 Mar 2026 13:05:00 "
            "+0000\n"
            "To: support@acme.example\nSubject: Gear shifter",
            datetime(2026, 3, 11, 13, 5, tzinfo=UTC),
        ),
    ],
)
def test_outlook_header_blocks_cut_everything_below(block: str, expected: datetime) -> None:
    body = (
        "Hi Tobias,\r\n\r\nThe new shifter cable ships tomorrow by 10:00 CET.\r\n\r\nKind "
        "regards,\r\n"
        "Mina\r\n\r\nMina Okoye\r\nRider Support Lead | Fjord Cloud\r\n+44 20 7946 0018\r\n\r\n"
        + block.replace("\n", "\r\n")
        + "\r\n\r\n"
        + CUSTOMER_WORDS
        + "\r\n\r\nTobias\r\n"
    )
    reply = extract_reply(plain(body, crlf=True))
    assert reply.text == "Hi Tobias,\n\nThe new shifter cable ships tomorrow by 10:00 CET."
    assert reply.customer_sent_at == expected
    assert reply.customer_urgency == ("urgent",)
    assert "skips from 6 to 8" in reply.quoted


def test_inline_reply_keeps_the_authors_lines_between_quotes() -> None:
    body = (
        "Hi Tobias,\n\nOn Wed, 11 Mar 2026 at 14:05, Tobias Lind <tobias@fjordbikes.example> "
        "wrote:\n"
        "> Does the warranty cover the shifter?\n\n"
        "Yes, for two years from purchase.\n\n"
        "> And can I still ride with it?\n"
        "> It makes a grinding noise.\n\n"
        "Please don't ride until the new cable arrives on Friday.\n\n"
        "> Tobias\n\nMina\n\n-- \nMina Okoye\nFjord Cloud Support\n"
    )
    reply = extract_reply(plain(body))
    assert reply.text == (
        "Hi Tobias,\n\nYes, for two years from purchase.\n\n"
        "Please don't ride until the new cable arrives on Friday."
    )
    assert "Does the warranty cover" in reply.quoted
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=CET)


def test_bottom_posted_reply_below_the_quote() -> None:
    body = (
        "On Wed, 11 Mar 2026 at 14:05, Tobias Lind <tobias@fjordbikes.example> wrote:\n"
        + quoted(CUSTOMER_WORDS)
        + "\n\nThe replacement is on its way and arrives Friday before noon.\n"
    )
    reply = extract_reply(plain(body))
    assert reply.text == "The replacement is on its way and arrives Friday before noon."


def test_a_sentence_ending_in_wrote_is_not_a_quote_header() -> None:
    body = "On Monday our engineer wrote:\nthe fix goes live at 09:00 UTC on Thursday.\n\nMina\n"
    reply = extract_reply(plain(body))
    assert "the fix goes live at 09:00 UTC on Thursday." in reply.text
    assert reply.customer_sent_at is None


def test_unprefixed_quote_after_a_dated_attribution() -> None:
    body = (
        "Thanks, the refund is done.\n\n"
        "On Wed, 11 Mar 2026 at 14:05, Tobias Lind <tobias@fjordbikes.example> wrote:\n\n"
        "Please refund order 5512, you people are useless.\n"
    )
    reply = extract_reply(plain(body))
    assert reply.text == "Thanks, the refund is done."
    assert "useless" in reply.quoted


def test_forwarded_message_is_not_the_authors() -> None:
    body = (
        "Forwarding this to you for the record.\n\n"
        "---------- Forwarded message ---------\nFrom: Tobias Lind <tobias@fjordbikes.example>\n"
        "Date: Wed, 11 Mar 2026 at 14:05\nSubject: Gear shifter\nTo: <support@acme.example>\n\n"
        "THIS IS A DISGRACE\n"
    )
    reply = extract_reply(plain(body))
    assert reply.text == "Forwarding this to you for the record."


def test_quote_of_our_own_message_gives_no_customer_time() -> None:
    body = (
        "One more thing: the cable ships by 10:00 tomorrow.\n\n"
        "On Wed, 11 Mar 2026 at 14:05, Mina Okoye <mina@support.acme.example> wrote:\n"
        "> The part is ordered.\n"
    )
    reply = extract_reply(plain(body), sender="mina@support.acme.example")
    assert reply.customer_sent_at is None


def test_no_quote_means_unknown_customer_time() -> None:
    reply = extract_reply(plain("Your order shipped today at 16:00 CET."))
    assert reply.customer_sent_at is None
    assert reply.quoted == ""


@pytest.mark.parametrize(
    "attribution",
    [
        "Tobias Lind <tobias@fjordbikes.example> wrote:",
        '"Tobias Lind" <tobias@fjordbikes.example> wrote:',
        "Tobias Lind wrote:",
        "Tobias Lind <tobias@fjordbikes.example> schrieb am Mi., 11. März 2026, 14:05:",
        "Quoting Tobias Lind <tobias@fjordbikes.example>:",
    ],
)
def test_attributions_without_a_leading_date_above_a_quote(attribution: str) -> None:
    reply = extract_reply(plain(REPLY + "\n" + attribution + "\n" + quoted(CUSTOMER_WORDS)))
    assert "reset the shifter calibration" in reply.text
    assert "Tobias Lind" not in reply.text
    assert "skips from 6 to 8" not in reply.text


def test_a_menu_path_wrapped_before_its_arrow_is_not_a_quote() -> None:
    # "(Cards > Virtual card" then "> Show details), ...": the author's own line,
    # hard-wrapped before a ">"; the real quote and its time come later
    body = (
        "If the terminal still refuses it, use the virtual card in the app (Cards > Virtual card\n"
        "> Show details), which car rental companies accept.\n\nKind regards,\nCamille\n"
    )
    attribution = "On Wed, 11 Mar 2026 at 14:05, Tobias Lind <tobias@fjordbikes.example> wrote:"
    raw = plain(body + "\n" + attribution + "\n" + quoted(CUSTOMER_WORDS))
    reply = extract_reply(raw)
    assert "Show details" in reply.text
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=CET)
    assert "urgent" in reply.customer_urgency


def test_new_outlook_reference_container_is_history() -> None:
    from mailbuild import html_only

    html = (
        "<div>The fix is deployed.</div><div id='mail-editor-reference-message-container'>"
        "<div>From: Tobias</div><div>Sent: Wednesday, 11 March 2026 14:05</div>"
        "<div>Nothing works, fix it NOW</div></div>"
    )
    reply = extract_reply(html_only(html))
    assert reply.text == "The fix is deployed."
    assert "fix it NOW" in reply.quoted


def test_present_tense_attribution_starts_the_quote() -> None:
    from gateway.extract.quotes import split_quotes

    lines = [
        "Dzień dobry, the price is PLN 400, valid until Friday.",
        "",
        "W dniu 05.01.2027 o 09:10, Marek Dudek pisze:",
        "> What would the overhaul cost?",
    ]
    split = split_quotes(lines)
    assert split.author == lines[:2]
    assert "W dniu" in split.newest.header


# -- answers written into the quote under the author's name tag ---------------

OUTLOOK_QUESTIONS = (
    "________________________________\n"
    "From: Tobias Lind <tobias@fjordbikes.example>\n"
    "Sent: Wednesday, March 11, 2026 2:05 PM\n"
    "To: Acme Support <support@acme.example>\n"
    "Subject: Gear shifter\n\n"
    "1. Why does gear 7 skip?\n\n"
    "{a1}\n\n"
    "2. Can I ride on Sunday?\n\n"
    "{a2}\n\n"
    "Tobias\n"
)


def test_tagged_inline_answers_in_an_outlook_quote_are_the_authors_words() -> None:
    body = "Hi Tobias,\n\nMy answers are below in blue.\n\nMina\n\n" + OUTLOOK_QUESTIONS.format(
        a1="[Mina] The calibration file was stale. I reset it at 09:10\n"
        "and the app now shows 7 gears.",
        a2="[MP]: Yes, after a test ride round the block.",
    )
    reply = extract_reply(plain(body, frm="Mina Park <mina@support.acme.example>"))
    assert "My answers are below" in reply.text
    assert "The calibration file was stale. I reset it at 09:10\nand the app" in reply.text
    assert "Yes, after a test ride" in reply.text
    assert "[Mina]" not in reply.text and "[MP]" not in reply.text
    assert "Why does gear 7 skip?" not in reply.text  # the customer's questions stay quoted
    assert "Why does gear 7 skip?" in reply.quoted
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=CET)


def test_a_tag_of_someone_else_stays_in_the_quote() -> None:
    body = "Hi Tobias,\n\nSee below.\n\nMina\n\n" + OUTLOOK_QUESTIONS.format(
        a1="[Jonas] Our courier says Tuesday.", a2="[Tobias] I forgot to mention the noise."
    )
    reply = extract_reply(plain(body, frm="Mina Park <mina@support.acme.example>"))
    assert "courier" not in reply.text and "noise" not in reply.text


def test_tagged_answers_in_an_html_quote_are_read() -> None:
    from mailbuild import html_only

    html = (
        "<p>Henrik,</p><p>Answers inline below in red.</p><p>Mina</p>"
        "<div id='mail-editor-reference-message-container'>"
        "<p><b>From:</b> Tobias Lind &lt;tobias@fjordbikes.example&gt;<br>"
        "<b>Sent:</b> Wednesday, March 11, 2026 2:05 PM</p>"
        "<p>1. Where is the limit enforced?</p>"
        "<p><span style='color:#C00000'>[Mina] In the rota, when a shift is assigned.</span></p>"
        "<p>Regards, Tobias</p></div>"
    )
    reply = extract_reply(html_only(html, frm="Mina Park <mina@support.acme.example>"))
    assert "In the rota, when a shift is assigned." in reply.text
    assert "Where is the limit enforced?" not in reply.text


def test_initials_with_a_colon_tag_an_inline_answer() -> None:
    body = "Hi Tobias,\n\nMy replies are below, marked MP.\n\nMina\n\n" + OUTLOOK_QUESTIONS.format(
        a1="MP: The calibration file was stale; I reset it at 09:10.",
        a2="Note: I will be away on Sunday.",
    )
    reply = extract_reply(plain(body, frm="Mina Park <mina@support.acme.example>"))
    assert "The calibration file was stale" in reply.text
    assert "away on Sunday" not in reply.text  # "Note:" is not the author's tag


def test_polish_outlook_header_gives_the_customer_time() -> None:
    body = (
        REPLY + "\n________________________________\n"
        "Od: Tobias Lind <tobias@fjordbikes.example>\n"
        "Wysłane: środa, 11 marca 2026 14:05\n"
        "Do: Acme Support <support@acme.example>\n"
        "Temat: Gear shifter\n\n" + CUSTOMER_WORDS + "\n"
    )
    reply = extract_reply(plain(body))
    assert "skips from 6 to 8" not in reply.text
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=CET)


@pytest.mark.parametrize(
    ("attribution", "expected"),
    [
        # Romanian Gmail: "În <weekday>, <day> <month> <year> la <time>, <name> a scris:"
        (
            "În mie., 11 mar. 2026 la 14:05, Tobias Lind <tobias@fjordbikes.example> a scris:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        # Hungarian Gmail: year first, the month abbreviated
        (
            "2026. márc. 11., sze 14:05 Tobias Lind <tobias@fjordbikes.example> ezt írta:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        # Russian Gmail has no verb: the date, the name and address, a colon
        (
            "ср, 11 мар. 2026 г. в 14:05, Tobias Lind <tobias@fjordbikes.example>:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "ср, 11 бер. 2026 р. о 14:05 Tobias Lind <tobias@fjordbikes.example> пише:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "Στις Τετ 11 Μαρ 2026 στις 2:05 μ.μ., ο/η Tobias Lind <tobias@fjordbikes.example>"
            " έγραψε:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        # Indonesian Gmail writes the clock with a dot after "pukul"
        (
            "Pada tanggal Rab, 11 Mar 2026 pukul 14.05 Tobias Lind <tobias@fjordbikes.example>"
            " menulis:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "Vào Th 4, 11 thg 3, 2026 vào lúc 14:05 Tobias Lind <tobias@fjordbikes.example>"
            " đã viết:",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
    ],
)
def test_gmail_attributions_in_other_languages(attribution: str, expected: datetime) -> None:
    reply = extract_reply(plain(REPLY + "\n" + attribution + "\n" + quoted(CUSTOMER_WORDS)))
    assert "skips from 6 to 8" not in reply.text
    assert reply.customer_sent_at == expected


def test_finnish_outlook_header_with_a_dotted_clock() -> None:
    body = (
        REPLY + "\n________________________________\n"
        "Lähettäjä: Tobias Lind <tobias@fjordbikes.example>\n"
        "Lähetetty: keskiviikko 11. maaliskuuta 2026 14.05\n"
        "Vastaanottaja: Acme Support <support@acme.example>\n"
        "Aihe: Gear shifter\n\n" + CUSTOMER_WORDS + "\n"
    )
    reply = extract_reply(plain(body))
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=CET)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # Spanish and Brazilian Outlook name the Sent line with a preposition
        (
            "De: Tobias Lind <tobias@fjordbikes.example>\nEnviado el: miércoles, 11 de marzo de"
            " 2026 14:05\nPara: Acme Support <support@acme.example>\nAsunto: Cambio",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "De: Tobias Lind <tobias@fjordbikes.example>\nEnviada em: quarta-feira, 11 de março"
            " de 2026 14:05\nPara: Acme Support <support@acme.example>\nAssunto: Câmbio",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "De la: Tobias Lind <tobias@fjordbikes.example>\nTrimis: miercuri, 11 martie 2026"
            " 14:05\nCătre: Acme Support <support@acme.example>\nSubiect: Schimbător",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "Feladó: Tobias Lind <tobias@fjordbikes.example>\nElküldve: 2026. március 11., szerda"
            " 14:05\nCímzett: Acme Support <support@acme.example>\nTárgy: Váltó",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "Από: Tobias Lind <tobias@fjordbikes.example>\nΣτάλθηκε: Τετάρτη, 11 Μαρτίου 2026"
            " 14:05\nΠρος: Acme Support <support@acme.example>\nΘέμα: Ταχύτητες",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        # East Asian Outlook, with the full-width colon Chinese clients write
        (
            "差出人: Tobias Lind <tobias@fjordbikes.example>\n送信日時: 2026年3月11日 14:05\n"
            "宛先: support@acme.example\n件名: 変速機",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "发件人：Tobias Lind <tobias@fjordbikes.example>\n发送时间：2026年3月11日 14:05\n"
            "收件人：support@acme.example\n主题：变速器",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
        (
            "보낸 사람: Tobias Lind <tobias@fjordbikes.example>\n보낸 날짜: 2026년 3월 11일 수요일"
            " 오후 2:05\n받는 사람: support@acme.example\n제목: 변속기",
            datetime(2026, 3, 11, 14, 5, tzinfo=CET),
        ),
    ],
)
def test_outlook_headers_in_more_languages(header: str, expected: datetime) -> None:
    body = REPLY + "\n" + header + "\n\n" + CUSTOMER_WORDS + "\n"
    reply = extract_reply(plain(body))
    assert "skips from 6 to 8" not in reply.text
    assert "gear 7 still skips" in reply.text
    assert reply.customer_sent_at == expected


def test_right_to_left_attribution_in_direction_marks() -> None:
    attribution = (
        "\u202bבתאריך יום ד׳, 11 במרץ 2026 ב-14:05 מאת \u202aTobias Lind\u202c\u200f"
        " <\u202atobias@fjordbikes.example\u202c\u200f>:\u202c"
    )
    reply = extract_reply(plain(REPLY + "\n" + attribution + "\n" + quoted(CUSTOMER_WORDS)))
    assert "skips from 6 to 8" not in reply.text
    assert "בתאריך" not in reply.text


def test_an_address_with_a_time_is_no_attribution_without_a_quote_below() -> None:
    body = REPLY + "\nCall me at 14:05 on my mobile or write to <mina@support.acme.example>:\n"
    body += "the line is open until 18:00.\n"
    reply = extract_reply(plain(body))
    assert "Call me at 14:05" in reply.text


def test_zoho_attribution_between_dashes_starts_the_history() -> None:
    body = (
        REPLY + "\n---- On Wed, 11 Mar 2026 14:05:00 +0100 Tobias Lind "
        "<tobias@fjordbikes.example> wrote ----\n\n" + CUSTOMER_WORDS + "\n"
    )
    reply = extract_reply(plain(body))
    assert "skips from 6 to 8" not in reply.text
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=CET)

"""Signatures, sign-offs and legal footers: removed at the end, never in the middle."""

from __future__ import annotations

import pytest
from mailbuild import plain

from gateway.extract import extract_reply
from gateway.extract.signature import sender_names, strip_signature

BODY = "Hi Tobias,\n\nYour replacement battery ships today and arrives by Friday 13 March."


def text(body: str, frm: str = "Mina Okoye <mina@support.acme.example>") -> str:
    return extract_reply(plain(body, frm=frm)).text


@pytest.mark.parametrize(
    "ending",
    [
        "\n\n-- \nMina Okoye\nFjord Cloud Support\nhttps://help.fjord.example",
        "\n\nBest regards,\nMina",
        "\n\nKind regards,\nMina Okoye\nSenior Support Engineer, Fjord Cloud\n+44 20 7946 0018",
        "\n\nThanks,\nMina\n\nMina Okoye\nRider Support Lead | Fjord "
        "Cloud\nmina@support.acme.example",
        "\n\nMina\n\nMina Okoye\nCustomer Success Manager\nFjord Cloud Ltd.",
        "\n\nCheers,\nThe Fjord Cloud Support team",
        "\n\nMit freundlichen Grüßen\nMina Okoye",
        "\n\nSent from my iPhone",
        "\n\nGet Outlook for Android",
        "\n\nMina\n\nThis email and any attachments are confidential and intended solely for the "
        "addressee. If you have received it in error, please notify the sender and delete it.",
        "\n\nMina Okoye\nFjord Cloud\n\nCONFIDENTIALITY NOTICE: THIS MESSAGE IS INTENDED ONLY FOR "
        "THE "
        "NAMED RECIPIENT. IF YOU RECEIVED IT IN ERROR, DELETE IT AND NOTIFY THE SENDER.",
        "\n\nMina Okoye | Rider Support | +44 20 7946 0018",
        # the same notice in Spanish, in capitals, with no "-- " before it
        "\n\nMina Okoye\nFjord Cloud México\n\nAVISO DE PRIVACIDAD: ESTE "
        "CORREO Y SUS ANEXOS SON CONFIDENCIALES. SI LO RECIBIÓ POR ERROR, AVÍSENOS Y ELIMÍNELO.",
    ],
)
def test_endings_are_removed(ending: str) -> None:
    assert text(BODY + ending) == BODY.replace("\n\n", "\n\n", 1)


def test_confidential_in_the_middle_is_the_authors() -> None:
    body = (
        "Hi Tobias,\n\nThis is confidential until the press release: firmware 4.0 ships on 2 "
        "April.\n"
        "Please don't share it yet, and delete this message if it reached you by mistake.\n\n"
        "I'll send the notes by 17:00 CET."
    )
    assert "firmware 4.0 ships on 2 April" in text(body)
    assert "I'll send the notes by 17:00 CET." in text(body)


def test_a_short_thanks_alone_is_kept() -> None:
    assert text("Thanks!") == "Thanks!"


def test_greeting_with_the_customers_name_is_kept() -> None:
    assert text("Tobias,\n\nDone, the refund went out at 10:20.\n\nMina").startswith("Tobias,")


def test_a_short_last_line_that_is_not_a_name_stays() -> None:
    assert text("The courier comes at 9.\n\nSee you Friday").endswith("See you Friday")


def test_signature_only_reply_is_empty() -> None:
    assert text("-- \nMina Okoye\nFjord Cloud Support\n") == ""
    assert text("Mina Okoye\nRider Support Lead, Fjord Cloud\n+44 20 7946 0018\n") == ""


def test_delimiter_only_cuts_a_short_tail() -> None:
    lines = ["Intro line."] + ["--"] + [f"Step {i} is done." for i in range(40)]
    kept, removed = strip_signature(lines, "Mina Okoye")
    assert kept[-1] == "Step 39 is done."
    assert removed == []


def test_sender_names_from_display_names() -> None:
    assert sender_names("Nadia Haddad (Acme Support)")[:3] == ("nadia haddad", "nadia", "haddad")
    assert "ruth" in sender_names("Ruth from Acme Lunchpay")
    assert sender_names("") == ()
    assert sender_names("support@acme.example") == ()


def test_a_link_the_author_introduces_is_kept() -> None:
    body = (
        "Hi Tobias,\n\nHere is the setup guide again:\n\nhttps://help.fjord.example/setup\n\nMina"
    )
    assert text(body).endswith("https://help.fjord.example/setup")


def test_signature_with_a_long_address_line_is_removed() -> None:
    from gateway.extract.signature import strip_signature

    lines = [
        "Olu Adebayo",
        "Accounts Team Lead",
        "Harbour Freight Services Ltd | 22 Quayside Road, Unit 4B, Lagos 101241, Nigeria",
        "+234 1 555 0199",
    ]
    kept, removed = strip_signature(lines, "Olu Adebayo")
    assert kept == [] and removed == lines


def test_a_statutory_notice_in_capitals_under_the_signature_is_a_footer() -> None:
    # a licence and registration notice in capitals: not the author's shouting, and
    # the sign-off above it goes too
    body = (
        BODY
        + "\n\nYours sincerely,\n\nMina\n\nMina Okoye\nCustomer Care Manager\nFjord Cloud Ltd\n\n"
        "FJORD CLOUD LTD, REGISTERED IN ENGLAND NO. 10457731. PREMISES LICENCE LN/221087\n"
        "UNDER THE LICENSING ACT 2003. WE DO NOT SELL ALCOHOL TO ANYONE UNDER 18.\n"
    )
    assert text(body) == BODY


def test_a_paragraph_in_capitals_without_a_legal_marker_is_the_authors() -> None:
    body = BODY + "\n\nPLEASE DO NOT SEND THE BATTERY BACK BY POST, IT IS NOT ALLOWED ON PLANES."
    assert "PLEASE DO NOT SEND" in text(body)


@pytest.mark.parametrize(
    "notice",
    [
        "Ta wiadomość i jej załączniki są poufne i przeznaczone wyłącznie dla adresata. Jeśli "
        "otrzymali Państwo tę wiadomość przez pomyłkę, prosimy o jej usunięcie.",
        "Deze e-mail is vertrouwelijk en uitsluitend bestemd voor de geadresseerde. Heeft u dit "
        "bericht per abuis ontvangen, verwijder het dan.",
    ],
)
def test_legal_notices_in_polish_and_dutch_are_footers(notice: str) -> None:
    body = BODY + "\n\nBest regards,\nMina Okoye\n\n" + notice
    assert text(body) == BODY


def test_warm_wishes_from_the_team_is_a_sign_off() -> None:
    body = BODY + "\n\nWith warm wishes from all of us at Fjord Cloud,\nMina"
    assert text(body) == BODY


def test_a_statutory_notice_in_sentence_case_is_a_footer() -> None:
    notice = (
        "Fjord Cloud Limited is a charitable registered society (No. 40217R) and a registered "
        "provider of social housing (No. L5120). Registered office: 4 Quay Street, Bergen BG1 2AB."
    )
    body = BODY + "\n\nBest regards,\nMina\n\nMina Okoye\nSupport Lead\n0114 496 0100\n\n" + notice
    assert text(body) == BODY


def test_one_statutory_word_in_the_authors_answer_stays() -> None:
    answer = "Our invoices now show the registered office address, as you asked."
    assert answer in text(BODY + "\n\n" + answer)


@pytest.mark.parametrize(
    "line",
    ["Verstuurd vanaf mijn iPhone", "Enviado do meu iPhone", "Sendt fra min iPhone",
     "Wysłane z iPhone'a", "Lähetetty iPhonesta", "iPhoneから送信"],
)
def test_phone_lines_in_more_languages_are_not_the_authors(line: str) -> None:
    assert text(BODY + "\n\n" + line) == BODY


def test_a_german_company_notice_is_a_footer() -> None:
    notice = (
        "Fjord Apotheke GmbH · Sitz: Berlin · Amtsgericht Charlottenburg HRB 000000 B · "
        "Geschäftsführung: Dr. Mina Okoye. Diese E-Mail kann vertrauliche Daten enthalten. Wenn "
        "Sie nicht der richtige Adressat sind, informieren Sie bitte den Absender."
    )
    body = BODY + "\n\nKind regards\nMina Okoye\n\nMina Okoye\nKundenservice\n\n" + notice
    assert text(body) == BODY


def test_standing_paragraphs_after_the_sign_off_are_not_the_authors() -> None:
    body = BODY + (
        "\n\nKind regards,\nMina\n\nOur office hours are Monday to Friday, 9:00 to 17:30 CET. "
        "We aim to answer every message within one working day.\n\n"
        "Please consider the environment before printing this email."
    )
    assert text(body) == BODY


def test_a_postscript_after_the_sign_off_stays() -> None:
    body = BODY + "\n\nKind regards,\nMina\n\nP.S. I've added a £10 credit for the wait."
    assert "I've added a £10 credit" in text(body)


@pytest.mark.parametrize(
    "notice",
    [
        "Fjord Legal Forms provides self-help legal forms and e-signature services. We are not a "
        "law firm and nothing in this email is legal advice.",
        "This message is for information only and does not constitute financial advice.",
    ],
)
def test_a_professional_advice_disclaimer_is_a_footer(notice: str) -> None:
    body = BODY + "\n\nKind regards,\n\nMina Okoye\nSenior Paralegal\n+1 615 555 0142\n\n" + notice
    assert text(body) == BODY


def test_the_author_saying_we_are_not_a_law_firm_mid_reply_stays() -> None:
    answer = "We are not a law firm, so I can't say whether the clause holds; a solicitor can."
    assert answer in text(answer + "\n\n" + BODY)


@pytest.mark.parametrize(
    "ending",
    [
        # a formal closing, then the signature with a one-line postal address
        "\n\nYours faithfully,\n\nWong Siu-ming\nClient Services Officer\nHarbourline Cover "
        "(HK) Limited\nRoom 801, 8/F, Tower 2, Nathan Road, Kowloon, Hong Kong",
        # the same with every line in a paragraph of its own (HTML mail with one <p> a line)
        "\n\nYours sincerely,\n\nWong Siu-ming\n\nClient Services Officer\n\nHarbourline Cover "
        "(HK) Limited\n\nRoom 801, 8/F, Tower 2, Nathan Road, Kowloon, Hong Kong",
        # the regulator and call-recording notice in sentence case, under the signature
        "\n\nYours sincerely,\n\nAda Obi\nClaims Officer\nHarbourline Cover Ltd | 2 Marina Road, "
        "Lagos\n\nHarbourline Cover Ltd is an agent of Tideway Insurance plc, which is regulated "
        "by the National Insurance Commission. Calls and emails may be recorded for quality "
        "purposes.",
        "\n\nNgā mihi,\nAroha",
    ],
)
def test_formal_closings_and_regulatory_lines_are_removed(ending: str) -> None:
    assert text(BODY + ending) == BODY


def test_a_short_postscript_after_a_formal_closing_stays() -> None:
    body = BODY + "\n\nYours sincerely,\n\nMina Okoye\n\nP.S. Call me on 0161 555 0199."
    assert "P.S. Call me on 0161 555 0199." in text(body)


def test_words_after_a_formal_closing_that_are_prose_stay() -> None:
    body = BODY + (
        "\n\nYours sincerely,\n\nP.S. Please keep the old battery until the courier collects it."
    )
    assert "P.S. Please keep the old battery" in text(body)


def test_a_regulator_named_to_the_customer_is_the_authors() -> None:
    body = BODY + (
        "\n\nYour housing association is regulated by the Regulator of Social Housing Ltd, "
        "so you can also complain to them."
    )
    assert "you can also complain to them" in text(body)


def test_a_company_registration_line_is_a_footer() -> None:
    ending = (
        "\n\nMina Okoye\nEvents Coordinator | Fjord House\n+353 1 555 0100\n\n"
        "Fjord Venues Ltd. Registered in Ireland No. 512889."
    )
    assert text(BODY + ending) == BODY


def test_a_signature_and_registration_alone_leave_nothing() -> None:
    body = (
        "Mina Okoye\nEvents Coordinator | Fjord House\n\n"
        "Fjord Venues Ltd. Registered in Ireland No. 512889."
    )
    assert text(body) == ""

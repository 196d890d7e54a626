"""Quote-header and history times: formats, zones, missing years, impossible readings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from gateway.extract.dates import header_date, parse_when

BST = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))
EDT = timezone(timedelta(hours=-4))
NOW = datetime(2026, 4, 21, 17, 45, tzinfo=BST)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apr 21, 2026, 10:05 CEST", datetime(2026, 4, 21, 10, 5, tzinfo=CEST)),  # Zendesk
        ("Tue, 21 Apr at  8:10 AM", datetime(2026, 4, 21, 8, 10, tzinfo=BST)),  # Freshdesk, no year
        ("Mon, Apr 13, 2026 at 3:20 PM", datetime(2026, 4, 13, 15, 20, tzinfo=BST)),  # Help Scout
        ("16/Apr/26 5:05 PM", datetime(2026, 4, 16, 17, 5, tzinfo=BST)),  # Jira
        ("Thu 16 Apr 2026, 08:20", datetime(2026, 4, 16, 8, 20, tzinfo=BST)),  # Intercom
        ("Friday, April 17, 2026 12:30 PM", datetime(2026, 4, 17, 12, 30, tzinfo=BST)),
        ("Friday, April 17, 2026 12:30 AM", datetime(2026, 4, 17, 0, 30, tzinfo=BST)),
        ("2026-04-16 09:25", datetime(2026, 4, 16, 9, 25, tzinfo=BST)),
        ("16.04.26 um 09:25", datetime(2026, 4, 16, 9, 25, tzinfo=BST)),
        ("Thursday, 16 April 2026 at 09:25", datetime(2026, 4, 16, 9, 25, tzinfo=BST)),
        ("Apr 16, 2026, 9:25 AM EDT", datetime(2026, 4, 16, 9, 25, tzinfo=EDT)),
        ("16 Apr 2026 09:25 +0200", datetime(2026, 4, 16, 9, 25, tzinfo=CEST)),
        ("16 Apr 2026 09:25 (GMT+02:00)", datetime(2026, 4, 16, 9, 25, tzinfo=CEST)),
        ("jeudi 16 avril 2026 09:25", datetime(2026, 4, 16, 9, 25, tzinfo=BST)),
        ("Donnerstag, 16. April 2026 09:25", datetime(2026, 4, 16, 9, 25, tzinfo=BST)),
        ("jueves, 16 de abril de 2026 9:25", datetime(2026, 4, 16, 9, 25, tzinfo=BST)),
        ("donderdag 16 april 2026 09:25", datetime(2026, 4, 16, 9, 25, tzinfo=BST)),
        ("4/16/26, 9:25 AM", datetime(2026, 4, 16, 9, 25, tzinfo=BST)),
        ("16/04/2026 09:25", datetime(2026, 4, 16, 9, 25, tzinfo=BST)),
    ],
)
def test_formats(text: str, expected: datetime) -> None:
    assert parse_when(text, default_tz=BST, not_after=NOW) == expected


def test_a_name_after_the_time_is_not_read_as_a_month() -> None:
    got = parse_when(
        "On Tue, 14 Apr 2026 at 10:00, Jan May <jan@x.example> wrote:",
        default_tz=BST,
        not_after=NOW,
    )
    assert got == datetime(2026, 4, 14, 10, 0, tzinfo=BST)


def test_no_year_across_new_year_takes_the_previous_year() -> None:
    now = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)
    got = parse_when("Wed, 31 Dec at 11:40 PM", default_tz=UTC, not_after=now)
    assert got == datetime(2025, 12, 31, 23, 40, tzinfo=UTC)


def test_ambiguous_day_month_prefers_a_reading_before_the_reply() -> None:
    now = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
    # 04/03 as 4 March is not after the reply; 3 April would be
    assert parse_when("04/03/2026 10:00", default_tz=UTC, not_after=now) == datetime(
        2026, 3, 4, 10, 0, tzinfo=UTC
    )
    # read as 3 April it would be in the future: the other reading is taken
    assert parse_when("03/04/2026 10:00", default_tz=UTC, not_after=now) == datetime(
        2026, 3, 4, 10, 0, tzinfo=UTC
    )


def test_a_time_after_the_reply_is_rejected() -> None:
    assert parse_when("Apr 28, 2026, 10:05 CEST", default_tz=BST, not_after=NOW) is None


@pytest.mark.parametrize(
    "text",
    ["", "no date here", "On Monday, Jan wrote:", "99/99/99 99:99", "On ¹ Mar 2026 at 10:00"],
)
def test_unreadable_gives_none(text: str) -> None:
    assert parse_when(text, default_tz=BST, not_after=NOW) is None


def test_header_date() -> None:
    assert header_date("Tue, 21 Apr 2026 17:45:00 +0100") == NOW
    assert header_date("Tue, 21 Apr 2026 16:45:00 -0000").tzinfo is not None
    assert header_date("not a date") is None
    assert header_date("") is None


def test_more_localised_attribution_dates() -> None:
    from datetime import datetime, timedelta, timezone

    from gateway.extract.dates import parse_when

    cet = timezone(timedelta(hours=1))
    not_after = datetime(2027, 1, 30, tzinfo=cet)
    expected = datetime(2027, 1, 13, 10, 15, tzinfo=cet)
    for header in (
        "W dniu 13.01.2027 o 10:15, Ola Nowak <o@x.example> pisze:",
        "Dne 13. 1. 2027 v 10:15 Jan Novák <j@x.example> napsal(a):",
        "Il giorno mer 13 gen 2027 alle ore 10:15 Luca <l@x.example> ha scritto:",
        "Em qua., 13 de jan. de 2027 às 10:15, João <j@x.example> escreveu:",
        "Den 13 jan. 2027 kl. 10:15 skrev Anna <a@x.example>:",
        # "mer." and "mar." are weekdays here; "mar." must not be read as March
        "Le mer. 13 janv. 2027 à 10:15, Jean <j@x.example> a écrit :",
    ):
        assert parse_when(header, default_tz=cet, not_after=not_after) == expected, header
    tuesday = datetime(2027, 4, 27, 13, 0, tzinfo=cet)
    header = "Le mar. 27 avr. 2027 à 13:00, Karine <k@x.example> a écrit :"
    later = datetime(2027, 4, 28, tzinfo=cet)
    assert parse_when(header, default_tz=cet, not_after=later) == tuesday


def test_a_date_without_a_time_reads_as_its_last_minute() -> None:
    """Midnight would add up to a day of lateness that nobody can show."""
    from datetime import UTC, datetime

    from gateway.extract.dates import parse_when

    now = datetime(2028, 3, 6, 10, 0, tzinfo=UTC)
    when = parse_when("On 5 March 2028, Ana Silva wrote:", default_tz=UTC, not_after=now)
    assert when == datetime(2028, 3, 5, 23, 59, 59, tzinfo=UTC)

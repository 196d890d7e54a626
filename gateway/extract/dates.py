"""Read the time out of quote headers and help-desk history headers.

Formats met in practice (and in the corpus): Gmail UK "Tue, 3 Mar 2026 at 19:02",
Gmail US "Tue, Mar 3, 2026 at 7:02 PM", Apple "3 Mar 2026, at 19:02", Thunderbird
ISO "2026-03-16 09:25", German Thunderbird "16.03.26 um 09:25", Gmail in other
languages ("Mo., 16. März 2026 um 09:25 Uhr", "lun. 16 mars 2026 à 09:25"),
Outlook Sent: "Friday, March 13, 2026 8:45 AM" / "Friday, 13 March 2026 08:45",
Outlook for Mac "Thursday, 12 March 2026 at 15:10", Zendesk "Apr 21, 2026, 10:05
CEST", Freshdesk "Tue, 21 Apr at  8:10 AM" (no year), Help Scout "Mon, Apr 13,
2026 at 3:20 PM", Jira "16/Apr/26 5:05 PM", Intercom "Thu 23 Apr 2026, 08:20",
Nordic Gmail "tir. 9. feb. 2027 kl. 07:05", Turkish "6 Tem 2027 Sal, 09:12", and
Chinese, Japanese and Korean "2027年8月3日 週二 下午2:12" / "2027년 8월 3일 오후 3:12".
A weekday abbreviation that is also a month name ("mar." is Tuesday in French and
Spanish) gives way to a later month name.

A small token reader handles these deterministically (month names in several
languages, numeric dates, 12/24-hour clocks, zone abbreviations and offsets).
python-dateutil's fuzzy parser was tried as a fallback and dropped: on a language
it does not know it silently fills in defaults ("W dniu 5 kwi 2026" -> 1 May),
and a wrong time is worse than none (a false lateness hold), so an unreadable
header gives None and the lateness rule stays silent.  A time without a zone is read
in the reply's own zone, as mail clients write it.  The result must not be later
than the reply; a day/month reading that would be is swapped, and a date without
a year that would be is moved to the previous year.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone, tzinfo

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    (
        "january jan januar janner janvier janv enero ene januari gennaio gen janeiro stycznia sty "
        "ocak oca "
        "ianuarie ian ledna leden tammikuuta tammik tammikuu",
        "february feb februar fevrier fevr febrero februari febbraio fevereiro fev lutego lut "
        "subat sub "
        "februarie unora unor helmikuuta helmik helmikuu",
        "march mar marz maerz mars marzo maart mrt marco marca mart "
        "martie marts marc brezna brezen maaliskuuta maalisk maaliskuu",
        "april apr avril avr abril aprile kwietnia kwi nisan nis "
        "aprilie dubna duben huhtikuuta huhtik huhtikuu",
        "may mai mayo mei maggio mag maio maj maja mayis "
        "kvetna kveten toukokuuta toukok toukokuu",
        "june jun juni juin junio giugno giu junho czerwca cze haziran haz "
        "iunie iun cervna cerven kesakuuta kesak kesakuu",
        "july jul juli juillet juil julio luglio lug julho lipca lip temmuz tem "
        "iulie iul cervence cervenec heinakuuta heinak heinakuu",
        "august aug aout agosto ago augustus augusti sierpnia sie agustos agu "
        "augusztus srpna srpen elokuuta elok elokuu",
        "september sep sept septembre septiembre setiembre settembre set setembro wrzesnia wrz "
        "eylul eyl "
        "septembrie szeptember szept zari syyskuuta syysk syyskuu",
        "october oct oktober okt octobre octubre ottobre ott outubro out pazdziernika paz ekim eki "
        "octombrie oktober rijna rijen lokakuuta lokak lokakuu",
        "november nov novembre noviembre novembro listopada lis kasim kas "
        "noiembrie listopadu marraskuuta marrask marraskuu",
        "december dec dezember dez decembre diciembre dic dicembre dezembro grudnia gru aralik ara "
        "decembrie prosince prosinec joulukuuta jouluk joulukuu",
    ),
    start=1,
):
    for _n in _names.split():
        _MONTHS.setdefault(_n, _num)

#: Zone abbreviations as mail clients and help desks print them (minutes east of UTC).
ZONES: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "UT": 0,
    "Z": 0,
    "WET": 0,
    "WEST": 60,
    "BST": 60,
    "IST": 330,
    "CET": 60,
    "CEST": 120,
    "MET": 60,
    "MEST": 120,
    "MEZ": 60,
    "MESZ": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
    "AST": -240,
    "ADT": -180,
    "NST": -210,
    "NDT": -150,
    "SGT": 480,
    "HKT": 480,
    "JST": 540,
    "KST": 540,
    "AWST": 480,
    "ACST": 570,
    "ACDT": 630,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "GST": 240,
    "PKT": 300,
    "WIB": 420,
    "PHT": 480,
    "SAST": 120,
    "CAT": 120,
    "EAT": 180,
    "WAT": 60,
    "BRT": -180,
    "ART": -180,
    "ICT": 420,
}

_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?\s?[Mm]\.?(?![A-Za-z]))?"
    # Finnish and Danish Outlook write the clock with a dot after the year: "2028 9.12"
    # Finnish and Danish Outlook write the clock with a dot after the year: "2028 9.12";
    # Indonesian Gmail after "pukul": "5 Mar 2028 pukul 09.14"
    r"|(?:(?<=\d{4} )|(?<=pukul ))(?:kl\.?\s*|klo\s*)?(\d{1,2})\.(\d{2})(?![\d.])"
)
#: Chinese, Japanese and Korean dates: "2027年8月3日", "2027년 8월 3일".
_CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
#: Their morning and afternoon markers before the clock: 上午/下午 (Chinese),
#: 午前/午後 (Japanese), 오전/오후 (Korean).
_CJK_PM_BEFORE = re.compile(r"(?:下午|午後|오후)\s*$")
_CJK_AM_BEFORE = re.compile(r"(?:上午|午前|오전)\s*$")
#: Greek half-day after the clock: "π.μ." (before noon), "μ.μ." (after noon).
_GREEK_HALF = re.compile(r"\s*([πμ])\.?\s?μ\.?", re.IGNORECASE)
#: "05.01.2027", "20/01/2027", "2027-01-05", "5-Jan-27", Czech/Slovak "13. 1. 2027"
_NUMERIC_DATE = re.compile(
    r"(?<![\d:])(\d{1,4})([./-]) ?(\d{1,2}|[^\W\d_]{3,9}\.?)\2 ?(\d{2,4})(?![\d:])"
)
#: "\s*(?:\(\s*)?", not "\s*\(?\s*": two adjacent \s* split a run of spaces in O(n)
#: ways, O(n^2) per match (seconds for 10 KB of spaces after a date).
_ZONE_AFTER = re.compile(
    r"^\s*(?:\(\s*)?(?:(?:GMT|UTC)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?\s*\)?"
    r"|^\s*(?:\(\s*)?([A-Z]{1,5})\s*\)?(?![A-Za-z])"
)
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")

#: Slack allowed between a quoted time and the reply (clock skew).
SKEW = timedelta(minutes=10)


#: Weekday abbreviations that are also month names: "mar." (mardi, martes) is not March.
_WEEKDAY_CLASH = frozenset({"mar"})


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower()


#: Month names in scripts and spellings the table above cannot hold as written
#: (folded like the text they are looked up for: "май" -> "маи", "Μαΐου" -> "μαιου").
for _num, _names in enumerate(
    (
        "января январь янв січня січень січ ιανουαριου ιανουαριος ιαν",
        "февраля февраль февр фев лютого лютий лют φεβρουαριου φεβρουαριος φεβ febr",
        "марта март мар березня березень бер μαρτιου μαρτιος μαρ marcius maret",
        "апреля апрель апр квітня квітень квіт απριλιου απριλιος απρ aprilis",
        "мая май травня травень трав μαιου μαιος μαι majus",
        "июня июнь июн червня червень черв ιουνιου ιουνιος ιουν junius",
        "июля июль июл липня липень лип ιουλιου ιουλιος ιουλ julius",
        "августа август авг серпня серпень серп αυγουστου αυγουστος αυγ agustus agt",
        "сентября сентябрь сент сен вересня вересень вер σεπτεμβριου σεπτεμβριος σεπ",
        "октября октябрь окт жовтня жовтень жовт οκτωβριου οκτωβριος οκτ",
        "ноября ноябрь нояб ноя листопада листопад лист νοεμβριου νοεμβριος νοε",
        "декабря декабрь дек грудня грудень груд δεκεμβριου δεκεμβριος δεκ desember",
    ),
    start=1,
):
    for _n in _names.split():
        _MONTHS.setdefault(_fold(_n), _num)

#: Vietnamese Gmail: "5 thg 3, 2028", "ngày 5 tháng 3 năm 2028" (day, month number, year).
_VI_DATE = re.compile(r"(\d{1,2})\s+(?:thg|tháng)\s+(\d{1,2}),?\s+(?:năm\s+)?(\d{4})", re.I)


def _zone(text_after: str) -> tzinfo | None:
    m = _ZONE_AFTER.match(text_after)
    if not m:
        return None
    if m.group(1):
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        if minutes > 14 * 60:
            return None
        return timezone(timedelta(minutes=minutes if m.group(1) == "+" else -minutes))
    abbr = m.group(4)
    if abbr in ZONES:
        return timezone(timedelta(minutes=ZONES[abbr]))
    return None


def _year(y: int) -> int:
    return 2000 + y if y < 100 else y


def _date_readings(s: str, us: bool) -> list[tuple[int | None, int, int]]:
    """Possible (year|None, month, day) readings of a date text, most likely first."""
    readings: list[tuple[int | None, int, int]] = []
    cjk = _CJK_DATE.search(s)
    if cjk:
        return [(int(cjk.group(1)), int(cjk.group(2)), int(cjk.group(3)))]
    vi = _VI_DATE.search(s)
    if vi:
        return [(int(vi.group(3)), int(vi.group(2)), int(vi.group(1)))]
    d = _NUMERIC_DATE.search(s)
    if d:
        a, sep, b, c = d.group(1), d.group(2), d.group(3), d.group(4)
        if b.isdecimal():
            x, y, z = int(a), int(b), int(c)
            if len(a) == 4:  # ISO 2026-03-16
                readings.append((x, y, z))
            else:
                year = _year(z)
                first = (year, x, y) if (us and sep == "/") else (year, y, x)  # US m/d, else d.m
                second = (year, first[2], first[1])
                readings.extend([first, second] if first != second else [first])
        else:
            month = _MONTHS.get(_fold(b).rstrip("."))
            if month and len(a) == 4:
                readings.append((int(a), month, int(c)))  # Hungarian "2026. márc. 11."
            elif month:
                readings.append((_year(int(c)), month, int(a)))
        return readings
    tokens = [t.group(0) for t in _TOKEN.finditer(s)]
    months = [
        (idx, _MONTHS[_fold(tok)])
        for idx, tok in enumerate(tokens)
        if not tok[0].isdecimal() and _fold(tok) in _MONTHS
    ]
    if len(months) > 1 and _fold(tokens[months[0][0]]) in _WEEKDAY_CLASH:
        # "Le mar. 27 avr. 2027": "mar." is Tuesday (French, Spanish), the month comes later
        months = months[1:]
    month_at, month = months[0] if months else (None, None)
    if month is None or month_at is None:
        return readings
    year = None
    day = None
    best = 99
    for idx, tok in enumerate(tokens):
        if not tok.isdecimal():
            continue
        value = int(tok)
        if len(tok) == 4 and 1970 <= value <= 2100:
            year = year or value
        elif 1 <= value <= 31 and len(tok) <= 2:
            dist = abs(idx - month_at)
            if dist < best:
                best, day = dist, value
    if day is not None:
        readings.append((year, month, day))
    return readings


def _candidates(
    s: str,
) -> tuple[list[tuple[int | None, int, int]], tuple[int, int, int] | None, tzinfo | None]:
    """([(year|None, month, day) readings], (hour, minute, second) | None, zone).

    The date is looked for before the clock time first (every format above
    writes the date first, and a name after the time may look like a month:
    "Jan", "May", "April").
    """
    clock = None
    zone = None
    m = _TIME.search(s)
    if m:
        hour = int(m.group(1) or m.group(5))
        minute, second = int(m.group(2) or m.group(6)), int(m.group(3) or 0)
        pm = None
        if m.group(4):
            pm = m.group(4).lower() == "p"
        elif greek := _GREEK_HALF.match(s, m.end()):
            pm = greek.group(1).lower() == "μ"  # "2:05 μ.μ.": 14:05
        elif _CJK_PM_BEFORE.search(s, 0, m.start()):
            pm = True  # "下午2:12": 14:12
        elif _CJK_AM_BEFORE.search(s, 0, m.start()):
            pm = False
        if pm is not None:
            if hour == 12:
                hour = 0
            if pm:
                hour += 12
        if hour < 24 and minute < 60 and second < 60:
            clock = (hour, minute, second)
        zone = _zone(s[m.end() :])
        us = bool(m.group(4))
        readings = _date_readings(s[: m.start()], us) or _date_readings(s[m.end() :], us)
    else:
        readings = _date_readings(s, False)
    return readings, clock, zone


def parse_when(
    text: str, *, default_tz: tzinfo | None, not_after: datetime | None
) -> datetime | None:
    """The datetime in a quote/history header, or None when it cannot be read."""
    if not text:
        return None
    s = _SPACES.sub(" ", text[:300]).strip()
    tz = default_tz or (not_after.tzinfo if not_after else None) or UTC
    readings, clock, zone = _candidates(s)
    if clock is None:
        # a date with no time: its last minute, so lateness is never overstated
        clock = (23, 59, 59)
    tz = zone or tz
    results: list[datetime] = []
    for year, month, day in readings:
        years = (
            [year]
            if year
            else (
                [not_after.astimezone(tz).year, not_after.astimezone(tz).year - 1]
                if not_after
                else [datetime.now(tz).year]
            )
        )
        for y in years:
            try:
                results.append(datetime(y, month, day, *clock, tzinfo=tz))
            except ValueError:
                continue
    if not results:
        return None
    if not_after is None:
        return results[0]
    for r in results:
        if r <= not_after + SKEW:
            return r
    return None


def header_date(value: str) -> datetime | None:
    """An RFC 5322 Date header value, timezone-aware, or None."""
    import email.utils

    if not value:
        return None
    try:
        dt = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt

"""Remove signatures, sign-offs and legal footers from the end of the author's lines.

Three kinds of ending are recognised, all only at the *end* of the author's text
(a sentence in the middle that mentions "confidential" is the author's):

* the "-- " delimiter (RFC 3676) and everything after it, and mobile lines
  ("Sent from my iPhone");
* a legal or help-desk footer paragraph ("This email and any attachments are
  confidential ...", "This email is a service from ...");
* an undelimited sign-off block, as Outlook and help desks write it: a
  valediction ("Best regards,"), the author's name (from the From header) and
  title/company/contact lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from policies.literals import Prefiltered

_MOBILE = re.compile(
    r"^\s*(?:sent\s+from\s+my\s+\S.{0,40}|sent\s+from\s+(?:mail|outlook|yahoo\s+mail|gmail|proton\s*mail)"
    r"\b.{0,40}|sent\s+(?:via|with)\s+\S.{0,40}|get\s+outlook\s+for\s+\S.{0,20}|envoyé\s+de\s+mon\s+\S.{0,30}|"
    r"von\s+meinem\s+\S.{0,30}\s+gesendet|enviado\s+desde\s+mi\s+\S.{0,30}|verzonden\s+(?:vanaf|met)\s+\S.{0,30}|"
    r"inviato\s+da(?:l\s+mio)?\s+\S.{0,30}|skickat\s+från\s+min\s+\S.{0,30}|"
    # Dutch, Portuguese, Danish/Norwegian, Polish, Finnish, Japanese phones
    r"verstuurd\s+(?:vanaf|met|van)\s+\S.{0,30}|enviad[oa]\s+d[oea]\s+(?:meu\s+|minha\s+)?\S.{0,30}|"
    r"sendt\s+fra\s+(?:min\s+)?\S.{0,30}|wysłan[eo]\s+z\s+\S.{0,30}|lähetetty\s+\S.{0,30}|"
    r"\S{1,20}から送信)\s*$",
    re.I,
)
_VALEDICTION = re.compile(
    r"^\s*(?:(?:with\s+)?(?:best|kind|warm|warmest|many|kindest|warm\s+and)\s+)?"
    r"(?:regards|wishes|thanks|thank\s+you|cheers|best|all\s+the\s+best|sincerely|yours\s+sincerely|"
    r"yours\s+truly|yours\s+faithfully|faithfully|yours\s+respectfully|respectfully\s+yours|"
    r"sincerely\s+yours|truly\s+yours|cordially|warmly|ng[aā]\s+mihi(?:\s+nui)?|mahalo|"
    r"yours|respectfully|take\s+care|speak\s+soon|talk\s+soon|thanks\s+again|"
    r"thanks\s+so\s+much|with\s+thanks|thx|br|mit\s+freundlichen\s+grüßen|freundliche\s+grüße|"
    r"viele\s+grüße|beste\s+grüße|liebe\s+grüße|grüße|cordialement|bien\s+cordialement|bien\s+à\s+vous|"
    r"saludos|saludos\s+cordiales|un\s+saludo|atentamente|met\s+vriendelijke\s+groet(?:en)?|"
    r"vriendelijke\s+groet(?:en)?|groeten|cordiali\s+saluti|saluti|distinti\s+saluti|"
    r"med\s+vänliga\s+hälsningar|hälsningar|mvh|vennlig\s+hilsen|venlig\s+hilsen)"
    # "With warm wishes from all of us at Skylark,"
    r"(?:\s+from\s+(?:all\s+of\s+us|the\s+(?:whole\s+)?team|everyone|us\s+all)\b.{0,40}?)?\s*([,.!]?)\s*$",
    re.I,
)
_DELIMITER = frozenset({"--", "-- ", "—", "__"})
_SEPARATOR = re.compile(r"^\s*(?:[-_=*~─━—–·•]\s*){3,}$")
_PHONE = re.compile(
    r"^(?:(?:tel|phone|mobile|mob|cell|fax|t|m|p|f|direct|office)\.?\s*:?\s*)?"
    r"[+(]?\d[\d\s().\-/]{5,}\d(?:\s*(?:ext\.?|x)\s*\d{1,5})?$",
    re.I,
)
#: The address part starts only where a run of non-space, non-@ characters starts:
#: "\S+@\S+\.\w+" is O(n^3) on a long line of "@" (minutes for 2 KB).
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<![^\s@])[^\s@]+@[^\s@]+\.\w+", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.U)
_PARTICLES = frozenset("de van der von da di le la du del den ter ten bin al el dos das y".split())
_TITLE_WORDS = frozenset(
    "support customer customers service services success team lead head manager engineer "
    "engineering "
    "specialist consultant representative agent advisor adviser officer director coordinator "
    "associate "
    "analyst administrator admin executive assistant operations desk helpdesk care client clients "
    "member "
    "members technical senior junior principal account accounts sales billing inc ltd llc gmbh plc "
    "bv sa "
    "ag limited group company corp corporation department dept office hq".split()
)

_LEGAL = [
    re.compile(p, re.I)
    for p in (
        r"\bconfidential",
        r"\bintended\s+(?:solely|only|exclusively)?\s*for\b",
        r"\baddressee",
        r"\bintended\s+recipient",
        r"\b(?:received|reached\s+you)\b.{0,40}\b(?:in\s+error|by\s+mistake)",
        r"\bnotify\s+the\s+sender",
        r"\btell\s+the\s+sender",
        r"\bdelete\s+(?:it|this|the\s+(?:e-?mail|message))",
        r"\bprivileged\b",
        r"\bregistered\s+(?:in|office|number|no\b)",
        r"\bcompany\s+(?:no\b|number)",
        r"\bdisclaimer\b",
        r"\bunauthori[sz]ed\b",
        r"\bvirus(?:es)?\b",
        r"\bbefore\s+(?:you\s+)?print",
        r"\btrading\s+name\b",
        r"\bpersonal\s+or\s+patient\s+information",
        # the same notices in other languages: "ESTE CORREO Y SUS ANEXOS SON CONFIDENCIALES",
        # "SI LO RECIBIÓ POR ERROR", "AVISO DE PRIVACIDAD", "vertraulich", "par erreur"
        r"\bconfiden[cz]ial",
        r"\bvertraulich",
        r"\b(?:por|par|per)\s+(?:error|erreur|errore|engano|equivoca[cç][aã]o)\b",
        r"\b(?:aviso|avis)\s+(?:de\s+)?(?:privacidad|confidencialidad|legal|privacidade)\b",
        r"\birrt[uü]mlich",
        # Polish, Czech, Dutch, Nordic, Finnish, Hungarian, Turkish: "poufne", "adresata",
        # "przez pomyłkę", "vertrouwelijk", "fortrolig", "luottamuksellinen", "gizli"
        r"\bpoufn|\bd[uů]v[eě]rn|\bvertrouwelijk|\bkonfidentiell|\bfortrolig|\bluottamuksellin"
        r"|\bbizalmas|\bgizli\b",
        r"\badres+at|\bgeadresseerde|\bmottagare|\bvastaanottaja|\bc[ií]mzett|\balıcı",
        r"\bprzez\s+pomy[lł]k|\bomylem|\bper\s+abuis|\bav\s+misstag|\bved\s+en\s+fejl"
        r"|\bvirheellisesti|\btévedésből|\byanlışlıkla",
    )
]
_FOOTER = [
    re.compile(p, re.I)
    for p in (
        r"^this\s+e-?mail\s+is\s+a\s+service\s+from\b",
        r"\bdelivered\s+by\s+zendesk\b",
        r"\bpowered\s+by\s+(?:jira|zendesk|freshdesk|help\s*scout|intercom)",
        r"^we\s+run\s+on\s+intercom$",
        r"^reply\s+to\s+this\s+e-?mail\s+to\s+continue",
        r"^turn\s+off\s+this\s+request'?s\s+notifications",
        r"^view\s+request\s*:",
        r"^this\s+is\s+shared\s+with\b",
        r"^unsubscribe\b",
        r"^side\s+conversation\s+on\s+ticket\b",
        r"^\[[A-Z0-9]{6}-[A-Z0-9]{4}\]$",
        r"\bbefore\s+(?:you\s+)?print(?:ing)?\s+(?:this|the)\s+e-?mail",
        # a professional-advice disclaimer: "We are not a law firm and nothing in this
        # email is legal advice", "This message does not constitute financial advice"
        r"\bnothing\s+in\s+this\s+(?:e-?mail|message|communication)\s+(?:is|constitutes|"
        r"should\s+be\s+(?:taken|read|treated)\s+as)\s+(?:\w+\s+)?advice\b",
        r"\b(?:does|do)\s+not\s+constitute\s+(?:\w+\s+)?advice\b",
        r"\b(?:we\s+are|we're|is)\s+not\s+a\s+(?:law\s+firm|firm\s+of\s+solicitors|"
        r"financial\s+adviser|financial\s+advisor|medical\s+practice)\b",
    )
]


def fold(s: str) -> str:
    """Case- and accent-insensitive form for comparing names."""
    s = unicodedata.normalize("NFKD", s)
    return " ".join("".join(ch for ch in s if not unicodedata.combining(ch)).casefold().split())


def sender_names(display: str) -> tuple[str, ...]:
    """Names the author may sign with, from the From display name:
    "Nadia Haddad (Acme Support)" -> ("nadia haddad", "nadia", "haddad")."""
    whole = fold(re.sub(r"<.*?>", " ", display or "").strip(" \"'"))
    name = re.sub(r"\(.*?\)|\[.*?\]|<.*?>", " ", display or "")
    name = re.split(r"\s+(?:from|at|via|\||-|–|—)\s+", name, maxsplit=1)[0]
    name = re.sub(r"\b(?:dr|mr|mrs|ms|prof)\.?\s+", "", name, flags=re.I).strip(" \"'")
    if not name or "@" in name:
        return ()
    words = name.split()
    out = [fold(name)]
    if words:
        out.append(fold(words[0]))
    if len(words) > 1:
        out.append(fold(words[-1]))
    if whole and "@" not in whole:
        out.append(whole)  # "ruth from acme lunchpay", as help desks print it
    return tuple(dict.fromkeys(w for w in out if len(w) >= 2))


#: Legal footers are short; longer paragraphs are the author's (and cost more to scan).
MAX_FOOTER_CHARS = 1500


#: A word one of the notices needs (see `_LEGAL` and `_FOOTER`); behind a
#: substring test, since trying 40 words at every position of every paragraph
#: cost more than the rest of reading the signature.
_LEGAL_HINT = Prefiltered(re.compile(
    r"confiden|intended|addressee|in\s+error|mistake|sender|privileged|registered|disclaimer|unauthori|virus|"
    r"vertraulich|irrt|por\s+error|par\s+erreur|per\s+errore|aviso|avis\s|poufn|d[uů]v[eě]rn|"
    r"vertrouwelijk|konfidentiell|fortrolig|luottamuksellin|bizalmas|gizli|adresat|pomy[lł]k|"
    r"print|trading|service\s+from|delivered\s+by|powered\s+by|intercom|continue|notifications|request|"
    r"shared\s+with|unsubscribe|side\s+conversation|advice|law\s+firm|^\[",
    re.I,
))


#: Statutory notices, usually printed in capitals under a signature: "PREMISES
#: LICENCE ... UNDER THE LICENSING ACT 2003", "AUTHORISED AND REGULATED BY ...".
_STATUTORY = re.compile(
    r"\b(?:regulated\s+by|authori[sz]ed\s+and\s+regulated|licen[cs]e[ds]?\s+(?:no\b|number|[A-Z]{1,4}/)"
    r"|(?:act|regulations?)\s+(?:19|20)\d\d"
    r"|registered\s+(?:in|office|number|no\b)|company\s+(?:no\b|number)|vat\s+(?:no\b|number|reg)"
    r"|registered\s+(?:society|charity|provider|social\s+landlord|housing\s+association)"
    r"|charity\s+(?:no\b|number|commission)|\((?:no|reg)\.?\s*[A-Z]{0,3}\d{3,}[A-Z]?\))"
    # German, Dutch, French, Italian and Spanish company notices: "Amtsgericht Charlottenburg
    # HRB 000000 B", "Geschäftsführung:", "KvK 1234", "RCS Paris", "P.IVA", "CIF"
    r"|\bamtsgericht\b|\bhandelsregister|\bregistergericht|\bhrb\s*\d|\bgesch[äa]ftsf[üu]hr\w*\s*:"
    r"|\bsitz(?:\s+der\s+gesellschaft)?\s*:|\bust-?id|\bkvk\b|\brcs\s+[A-Z]|\bsiret\b|\bp\.?\s?iva\b"
    r"|\bcif\s*:?\s*[A-Z]\d|\bcapital\s+social\b",
    re.I,
)
#: A company's own legal form, the subject of a statutory notice in sentence case.
_LEGAL_FORM = re.compile(
    r"\b(?:limited|ltd|plc|llp|llc|inc|gmbh|ag|kg|bv|nv|sarl|sas|sa|srl|spa|sl|society|association|"
    r"charity|trust|foundation|apotheke)\b", re.I
)


def _mostly_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 40 and sum(ch.isupper() for ch in letters) >= 0.85 * len(letters)


_YOU = re.compile(r"\byou(?:r|rs)?\b", re.I)
#: A company's regulator named in its footer: "is authorised and regulated by the FCA".
_REGULATED = re.compile(r"\b(?:regulated|authori[sz]ed|licensed|supervised)\s+by\b", re.I)
#: The call-recording notice: "Calls (and emails) may be recorded (and monitored) for ...".
_RECORDED = re.compile(
    r"\b(?:calls?|telephone\s+calls?|phone\s+calls?|conversations?)(?:\s+and\s+(?:e-?mails?|"
    r"messages?|chats?))?\s+(?:may|will|might|are)\s+be\s+(?:recorded|monitored)\b",
    re.I,
)


def is_legal(paragraph: str) -> bool:
    if len(paragraph) > MAX_FOOTER_CHARS:
        return False
    text = " ".join(paragraph.split())
    if _mostly_capitals(text) and _STATUTORY.search(text):
        return True  # a notice in capitals with a registration, licence or law in it
    if _LEGAL_FORM.search(text) and len(_STATUTORY.findall(text)) >= 2:
        # "Northmoor Homes Limited is a charitable registered society (No. 31044R) ...
        # Registered office: ...": the company's statutory notice, in sentence case
        return True
    if (
        len(text) <= 200
        and _LEGAL_FORM.search(text)
        and _STATUTORY.search(text)
        and not _YOU.search(text)
    ):
        return True  # "Willowmere Venues Ltd. Registered in Ireland No. 512889."
    if _LEGAL_FORM.search(text) and _REGULATED.search(text) and not _YOU.search(text):
        return True  # "Acme Cover Ltd is a corporate agent of X plc, which is regulated by ..."
    if len(text) <= 300 and _RECORDED.search(text):
        return True  # "Calls and emails may be recorded and monitored for quality purposes."
    if not _LEGAL_HINT.search(paragraph):
        return False
    if any(p.search(text) for p in _FOOTER):
        return True
    hits = sum(1 for p in _LEGAL if p.search(text))
    return hits >= 2


_HOURS_OR_EXT = re.compile(
    r"^(?:(?:ext|extension|x)\.?\s*:?\s*\d{2,6}"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*(?:[-–—]|to)\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
    r"[\s,:]*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?\s*(?:[-–—]|to)\s*\d{1,2}(?:[:.]\d{2})?.{0,20})$",
    re.I,
)


def _is_contact(line: str) -> bool:
    s = line.strip()
    if _PHONE.match(s) or _HOURS_OR_EXT.match(s):
        return True
    if _URL.search(s) and len(s.split()) <= 6:
        return True
    return bool(re.search(r"\s[|·•]\s", s)) and len(s) <= 100 and not s.endswith(("?", "!"))


def _is_name_like(line: str) -> bool:
    s = line.strip().rstrip(",")
    words = s.split()
    if (
        not 1 <= len(words) <= 5
        or any(ch.isdigit() for ch in s)
        or s.endswith((".", "?", "!", ":"))
    ):
        return False
    caps = [w for w in words if w.lower() not in _PARTICLES]
    return bool(caps) and all(w[:1].isupper() for w in caps)


def _is_title_like(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 80 or s.endswith(("?", "!", ":")):
        return False
    words = s.split()
    if len(words) > 9:
        return False
    if s.endswith(".") and len(words) > 3:
        return False
    folded = {w.strip(",.;()|·").lower() for w in words}
    return bool(folded & _TITLE_WORDS) or _is_name_like(s) or _is_contact(s)


def _is_sig_line(line: str) -> bool:
    """Short enough, and shaped like a signature line rather than a sentence."""
    s = line.strip()
    words = s.split()
    if s and _is_contact(s):  # "Brand | 1450 W. Fulton St, Chicago, IL 60607": any length
        return True
    if not s or len(s) > 80 or len(words) > 10 or s.endswith(("?", "!")):
        return False
    return not (s.endswith(".") and len(words) > 4)


def _mentions_sender(line: str, names: Iterable[str]) -> bool:
    if len(line) > 120:
        return False
    folded = fold(line.strip().rstrip(","))
    return any(folded == name or (" " in name and name in folded) for name in names)


def _is_sig_block(par: list[str], names: tuple[str, ...]) -> bool:
    if not par or len(par) > 8:
        return False
    for line in par:
        s = line.strip()
        if len(s) > 100 or len(s.split()) > 12 or s.endswith(("?", "!")):
            return False
    # the author's name, then only short title/company/contact/hours lines
    if _mentions_sender(par[0], names) and all(_is_sig_line(ln) for ln in par[1:]):
        return True
    if any(_mentions_sender(ln, names) for ln in par) and all(
        _is_title_like(ln) or _mentions_sender(ln, names) for ln in par
    ):
        return True
    if all(_is_contact(ln) for ln in par):
        return True
    if (
        len(par) >= 2
        and _is_name_like(par[0])
        and all(_is_title_like(ln) for ln in par[1:])
        and any(
            _is_contact(ln) or {w.strip(",.;()|·").lower() for w in ln.split()} & _TITLE_WORDS
            for ln in par[1:]
        )
    ):
        return True
    # "Ruth from Acme Lunchpay": the author's first name, "from", the brand
    m = re.match(r"^([^\W\d_][\w'’-]*)\s+from\s+\S", par[0].strip())
    return len(par) == 1 and bool(m) and fold(m.group(1)) in names and len(par[0].split()) <= 6


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paras: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        if line.strip():
            cur.append(line)
        elif cur:
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    return paras


#: Closings that end a letter and nothing else ("Yours faithfully,", "Sincerely,"):
#: what follows them in the same paragraph is the signature.
_FORMAL_CLOSE = re.compile(
    r"^\s*(?:yours\s+(?:sincerely|faithfully|truly|respectfully)|(?:sincerely|faithfully|truly|"
    r"respectfully)(?:\s+yours)?)\s*,?\s*$",
    re.I,
)


def _is_address(line: str) -> bool:
    """A postal address on one line ("Unit 1203, 12/F, Kwun Tong Commercial Centre,
    Kowloon, Hong Kong"): several comma-separated parts, no sentence end."""
    s = line.strip()
    return 0 < len(s) <= 140 and s.count(",") >= 2 and not s.endswith((".", "?", "!", ":"))


def _is_signature_tail(line: str) -> bool:
    """A line that may follow a closing in a signature: a short signature line, an
    address on one line, or a legal or regulatory notice."""
    return _is_sig_line(line) or is_legal(line) or _is_address(line)


def _trim_last_paragraph(par: list[str], names: tuple[str, ...], alone: bool) -> list[str]:
    """Drop a trailing sign-off inside the last paragraph: valediction + name
    (+ title/contact lines), or the author's bare name."""
    # valediction followed only by short name/title/contact lines
    for v in range(len(par) - 1, -1, -1):
        m = _VALEDICTION.match(par[v])
        if m:
            rest = par[v + 1 :]
            formal = _FORMAL_CLOSE.match(par[v]) is not None
            if (
                all(
                    _is_title_like(ln)
                    or _mentions_sender(ln, names)
                    # after "Yours faithfully": the signature's address and regulatory lines
                    or (formal and _is_signature_tail(ln))
                    for ln in rest
                )
                and len(rest) <= (8 if formal else 6)
            ):
                only = alone and v == 0
                if only and m.group(1) in ("!", ".") and not rest:
                    return par  # "Thanks!" on its own is what the author said
                return par[:v]
            break
        if len(par) - v > 6:
            break
    # the author's name, then title/contact lines, at the end of the paragraph
    for v in range(len(par) - 1, max(-1, len(par) - 7), -1):
        if _mentions_sender(par[v], names):
            if all(_is_sig_line(ln) for ln in par[v + 1 :]):
                return par[:v]
            break
    return par


def strip_signature(lines: list[str], display_name: str = "") -> tuple[list[str], list[str]]:
    """(author lines without the ending, the removed lines)."""
    names = sender_names(display_name)
    removed: list[str] = []
    # 1. the "-- " delimiter: cut at the first one followed by a short block
    for i, line in enumerate(lines):
        if line.rstrip() in _DELIMITER or line == "-- ":
            rest = [x for x in lines[i + 1 :] if x.strip()]
            if len(rest) <= 30:
                removed = lines[i:]
                lines = lines[:i]
                break
    # 2. trailing paragraphs: mobile lines, separators, footers, signature blocks
    paras = _paragraphs(lines)
    changed = True
    while paras and changed:
        changed = False
        last = paras[-1]
        kept = [ln for ln in last if not (_MOBILE.match(ln) or _SEPARATOR.match(ln))]
        if len(kept) != len(last):
            removed = [ln for ln in last if ln not in kept] + removed
            changed = True
            if kept:
                paras[-1] = kept
            else:
                paras.pop()
            continue
        introduced = len(paras) > 1 and paras[-2][-1].rstrip().endswith(":")
        if is_legal("\n".join(last)) or (_is_sig_block(last, names) and not introduced):
            # (a link or number the previous line introduces - "Here it is:" - is content)
            removed = last + [""] + removed
            paras.pop()
            changed = True
            continue
        trimmed = _trim_last_paragraph(last, names, alone=len(paras) == 1)
        if len(trimmed) != len(last):
            removed = last[len(trimmed) :] + removed
            changed = True
            if trimmed:
                paras[-1] = trimmed
            else:
                paras.pop()
    # 3. a company's standing paragraphs after the author signed off ("Kind regards,
    # Rui" and then "Our office hours are ..."): the sign-off ends the author's words
    signed = _signed_off_at(paras, names)
    if signed is not None:
        tail = paras[signed + 1 :]
        if tail and not any(_PS.match(par[0]) for par in tail) and (
            sum(len(ln) for par in tail for ln in par) <= MAX_FOOTER_CHARS
        ):
            removed = [ln for par in tail for ln in [*par, ""]] + removed
            paras = paras[: signed + 1]
            trimmed = _trim_last_paragraph(paras[-1], names, alone=len(paras) == 1)
            removed = paras[-1][len(trimmed) :] + removed
            paras[-1] = trimmed
            if not trimmed:
                paras.pop()
    # 4. a closing on its own with the signature spread over one-line paragraphs
    # after it (HTML mail that puts each line in a <p> of its own): "Yours
    # faithfully," / "Kenneth Lau" / "Customer Service Officer" / an address
    for k in range(len(paras) - 2, max(0, len(paras) - 10), -1):
        par = paras[k]
        if len(par) != 1 or not _VALEDICTION.match(par[0]):
            continue
        tail = paras[k + 1 :]
        if (
            (_FORMAL_CLOSE.match(par[0]) or _is_name_like(tail[0][0].strip()))
            and not any(_PS.match(p[0]) for p in tail)  # a postscript is the author's
            and sum(len(p) for p in tail) <= 8
            and all(_is_signature_tail(ln) for p in tail for ln in p)
        ):
            removed = [ln for p in paras[k:] for ln in [*p, ""]] + removed
            paras = paras[:k]
        break
    out: list[str] = []
    for i, par in enumerate(paras):
        if i:
            out.append("")
        out.extend(par)
    return out, removed


#: A postscript is the author's, even after the sign-off.
_PS = re.compile(r"^\s*p\.?\s*p?\.?\s*s\.?\s*[:.,-]?\s", re.I)


def _signed_off_at(paras: list[list[str]], names: tuple[str, ...]) -> int | None:
    """Index of a paragraph (not the first) that ends in a valediction and the
    author's name ("Kind regards,\nRui"), with more paragraphs after it."""
    if not names:
        return None
    for k in range(len(paras) - 2, 0, -1):
        par = paras[k]
        for v in range(len(par) - 1, max(-1, len(par) - 4), -1):
            if _VALEDICTION.match(par[v]):
                rest = par[v + 1 :]
                if rest and len(rest) <= 3 and _mentions_sender(rest[0], names):
                    return k
                break
    return None

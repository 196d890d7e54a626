"""HTML bodies: quote containers, Outlook dividers, signatures, hidden text, structure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from mailbuild import alternative, html_only

from gateway.extract import extract_reply
from gateway.extract.html import html_to_text

CET = timezone(timedelta(hours=1))
UTC = UTC


def test_gmail_quote_and_signature() -> None:
    html = (
        '<div dir="ltr"><div>Hi Tobias,</div><div><br></div><div>The new cable left our warehouse '
        "today;"
        " it arrives by Friday 13 March.</div><div><br></div><div>Mina</div><div><br></div>"
        '<span class="gmail_signature_prefix">-- </span><br><div class="gmail_signature">'
        "<div>Mina Okoye | Fjord Cloud</div></div></div><br>"
        '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Wed, 11 Mar 2026 at 14:05, '
        "Tobias Lind &lt;<a "
        'href="mailto:tobias@fjordbikes.example">tobias@fjordbikes.example</a>&gt; wrote:'
        '<br></div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc '
        'solid">'
        "<div>Where is my cable?? The bike is DOWN.</div></blockquote></div>"
    )
    reply = extract_reply(html_only(html))
    assert (
        reply.text
        == "Hi Tobias,\n\nThe new cable left our warehouse today; it arrives by Friday 13 March."
    )
    assert reply.source_part == "text/html"
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=CET)
    assert reply.customer_urgency == ("down",)
    assert "Where is my cable" in reply.quoted


def test_apple_blockquote_type_cite() -> None:
    html = (
        "<html><body><div>I've booked the courier for 09:00 tomorrow.</div><div><br></div>"
        "<div><div>-- <br>Mina Okoye<br>Fjord Cloud Support</div></div>"
        '<div><br><blockquote type="cite"><div>On 11 Mar 2026, at 14:05, Tobias Lind '
        "&lt;tobias@fjordbikes.example&gt; wrote:</div><br><div>Can someone collect the bike?</div>"
        "</blockquote></div></body></html>"
    )
    reply = extract_reply(html_only(html))
    assert reply.text == "I've booked the courier for 09:00 tomorrow."
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=CET)


def test_outlook_divrplyfwdmsg_and_msonormal_paragraphs() -> None:
    html = (
        '<html><body><div class="WordSection1"><p class="MsoNormal">Hello Tobias,<o:p></o:p></p>'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        '<p class="MsoNormal">Your refund of EUR 49 was sent this morning.<o:p></o:p></p>'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        '<p class="MsoNormal">Best regards,<o:p></o:p></p><p class="MsoNormal">Mina<o:p></o:p></p>'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        '<div id="divRplyFwdMsg"><p class="MsoNormal"><b>From:</b> Tobias Lind '
        "&lt;tobias@fjordbikes.example&gt;"
        "<br><b>Sent:</b> Wednesday, March 11, 2026 2:05 PM<br><b>To:</b> "
        "Support<br><b>Subject:</b> Refund"
        "</p></div><p class='MsoNormal'>Refund me NOW, this is critical.</p></div></body></html>"
    )
    reply = extract_reply(html_only(html))
    assert reply.text == "Hello Tobias,\n\nYour refund of EUR 49 was sent this morning."
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=CET)
    assert reply.customer_urgency == ("critical",)


def test_outlook_border_top_divider_without_id() -> None:
    html = (
        "<div><p>We have extended your trial until 31 March.</p>"
        '<div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0in 0in 0in">'
        "<p><b>From:</b> Tobias Lind<br><b>Sent:</b> Wednesday, 11 March 2026 14:05<br><b>To:</b> "
        "Support"
        "<br><b>Subject:</b> Trial</p></div><p>Stop emailing me about upgrades.</p></div>"
    )
    reply = extract_reply(html_only(html))
    assert reply.text == "We have extended your trial until 31 March."
    assert "Stop emailing" in reply.quoted


def test_thunderbird_cite_prefix_and_moz_signature() -> None:
    html = (
        "<p>The firmware 3.2 fix is live since 08:00 UTC.</p>"
        '<pre class="moz-signature" cols="72">-- \nMina Okoye\nFjord Cloud</pre>'
        '<div class="moz-cite-prefix">On 2026-03-11 14:05, Tobias Lind wrote:<br></div>'
        '<blockquote type="cite" cite="mid:x@y">Firmware 3.1 bricked my lights.</blockquote>'
    )
    reply = extract_reply(html_only(html, date="Wed, 11 Mar 2026 15:30:00 +0000"))
    assert reply.text == "The firmware 3.2 fix is live since 08:00 UTC."
    assert reply.customer_sent_at == datetime(2026, 3, 11, 14, 5, tzinfo=UTC)


def test_plain_alternative_is_preferred_over_html() -> None:
    raw = alternative("Plain words from the author.\n", "<p>HTML words from the author.</p>")
    reply = extract_reply(raw)
    assert reply.text == "Plain words from the author."
    assert reply.source_part == "text/plain"


def test_empty_plain_alternative_falls_back_to_html() -> None:
    raw = alternative("\n", "<p>Only the HTML part has words.</p>")
    reply = extract_reply(raw)
    assert reply.text == "Only the HTML part has words."
    assert reply.source_part == "text/html"


def test_hidden_preheader_style_and_script_are_not_text() -> None:
    text = html_to_text(
        "<html><head><style>p{color:red}</style><title>T</title></head><body>"
        '<span style="display:none">preheader tracking text</span><script>var x=1;</script>'
        "<p>Visible words.</p></body></html>"
    )
    assert text == "Visible words."


def test_lists_tables_and_breaks_become_lines() -> None:
    text = html_to_text(
        "<p>Steps:</p><ol><li>Open Settings</li><li>Choose Shifter</li></ol>"
        "<table><tr><td>Order</td><td>5512</td></tr></table><p>Line one<br>Line two</p>"
    )
    assert text.split("\n") == [
        "Steps:",
        "",
        "Open Settings",
        "Choose Shifter",
        "",
        "Order",
        "5512",
        "",
        "Line one",
        "Line two",
    ]


def test_entities_and_nbsp_are_decoded() -> None:
    assert (
        html_to_text("<p>Fish&nbsp;&amp;&nbsp;chips &mdash; &pound;5 caf&eacute;</p>")
        == "Fish & chips — £5 café"
    )


def test_deeply_nested_html_is_flattened_with_a_defect() -> None:
    html = "<div>" * 5000 + "deep words" + "</div>" * 5000
    reply = extract_reply(html_only(html))
    assert reply.text == "deep words"
    assert "limit:html-depth" in reply.defects

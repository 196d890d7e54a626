"""Reading a control mail: which address, which command, what justification."""

from __future__ import annotations

import pytest
from notekit import settings

from gateway.notes.control import ControlAddresses, _command_and_reason
from gateway.notes.tokens import TOKEN_LEN


@pytest.mark.parametrize("text,command,reason", [
    ("The customer asked for this wording.", "", "The customer asked for this wording."),
    ("\n\nReason: they want the exact error text\n", "", "they want the exact error text"),
    ("discard\nWe called them instead.", "discard", "We called them instead."),
    ("Discard: duplicate of my other reply", "discard", "duplicate of my other reply"),
    ("false positive - VPN is a product name here", "report",
     "VPN is a product name here"),
    ("wrong\nThis is a quote from the customer.", "report",
     "This is a quote from the customer."),
    ("release", "release", ""),
    ("Wrong customer name in the greeting, but fine", "",
     "Wrong customer name in the greeting, but fine"),
    ("Delete the second paragraph please", "ambiguous", "Delete the second paragraph please"),
    ("Discard this one, thanks", "ambiguous", "Discard this one, thanks"),
    ("Release it please, the customer is waiting", "",
     "Release it please, the customer is waiting"),
    ("Release:\nThe customer is waiting", "release", "The customer is waiting"),
    # "released" in a sentence is not a command, it is the reason.
    ("Releasing this because the customer asked for the full log output verbatim",
     "", "Releasing this because the customer asked for the full log output verbatim"),
])
def test_command_and_reason(text, command, reason):
    assert _command_and_reason(text) == (command, reason)


def test_reason_drops_pasted_addresses_and_is_capped():
    token = "r" + "a" * (TOKEN_LEN - 1)
    text = f"Fine as is\ngrace-release+{token}@acme.example\n" + "x " * 2000
    command, reason = _command_and_reason(text)
    assert command == "" and token not in reason and len(reason) <= 1000
    assert reason.startswith("Fine as is")


def test_control_addresses_match_base_and_detail():
    addresses = ControlAddresses.from_settings(settings())
    assert addresses.kind_of("grace-release+abc@acme.example") == ("release", "abc")
    assert addresses.kind_of("<Grace-Release@ACME.example>") == ("release", "")
    assert addresses.kind_of("grace-false-positive+x@acme.example") == ("report", "x")
    assert addresses.kind_of("grace-release@other.example") == ("", "")
    assert addresses.kind_of("support@acme.example") == ("", "")

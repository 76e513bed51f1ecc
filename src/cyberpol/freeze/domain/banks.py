"""Banks that answer freeze requests through the partner API, known by their BIC."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from cyberpol.kernel.errors import InvalidInput

HOME_COUNTRY = "KZ"
# ISO 9362: bank (4 letters), country (2), location (2), optional branch (3).
_BIC = re.compile(r"[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?")


@dataclass(frozen=True, slots=True)
class Bank:
    code: str
    name: str
    created_at: datetime

    @property
    def country(self) -> str:
        return bank_country(self.code)


def normalize_bank_code(raw: str) -> str:
    """A BIC in upper case without spaces (``CASPKZKA``); the branch suffix ``XXX`` is dropped."""
    code = raw.strip().replace(" ", "").upper()
    if not _BIC.fullmatch(code):
        shown = raw[:20] + ("…" if len(raw) > 20 else "")
        raise InvalidInput(f"Bank must be a BIC such as 'CASPKZKA', got {shown!r}")
    return code[:8] if code.endswith("XXX") else code


def bank_country(code: str) -> str:
    """The ISO country of a BIC: letters five and six."""
    return code[4:6]


# Control characters (C0, DEL, C1) have no place in a name shown in lists and letters.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
BANK_NAME_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
"""What the API schema promises: printable, not blank (the same rule as the check below)."""


def validate_bank_name(name: str) -> str:
    """The bank's display name, trimmed: 1 to 200 characters without control characters."""
    text = name.strip()
    if not 1 <= len(text) <= 200 or _CONTROL.search(text):
        raise InvalidInput(
            f"Bank name must be 1 to 200 characters without control characters, got {name[:40]!r}"
        )
    return text

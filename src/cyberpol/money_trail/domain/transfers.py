"""Bank transfers as banks exchange them: channels, columns and account identifiers."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from cyberpol.kernel.clock import FILE_TIME_RANGE, ISO_TIME_WITH_ZONE
from cyberpol.kernel.errors import InvalidIndicator, InvalidInput
from cyberpol.kernel.indicators.normalize.card import card_digits, card_key, mask_card
from cyberpol.kernel.indicators.normalize.iban import iban_attributes, normalize_iban


class TransferChannel(enum.StrEnum):
    TRANSFER = "transfer"
    CARD_TO_CARD = "card_to_card"
    PAYMENT = "payment"
    CASH_OUT = "cash_out"
    CRYPTO = "crypto"
    FOREIGN = "foreign"


# Money that goes out by these channels leaves what Kazakh banks can freeze.
EXIT_CHANNELS = frozenset(
    {TransferChannel.CASH_OUT, TransferChannel.CRYPTO, TransferChannel.FOREIGN}
)

# The exchange format (CSV header, JSON Lines keys, Parquet columns), in this order.
TRANSFER_COLUMNS = (
    "transfer_id",
    "ts",
    "amount",
    "currency",
    "from_account",
    "from_bank",
    "to_account",
    "to_bank",
    "channel",
)
ACCOUNT_COLUMNS = (
    "account",
    "bank",
    "holder_id",
    "opened_at",
    "holder_birth_year",
    "holder_country",
    "device_id",
    "ip",
)

MAX_ID_LENGTH = 128
# What ``normalize_account`` says of text that is neither an IBAN nor a card nor an id.
NOT_AN_ACCOUNT = "Not an IBAN, a card or an account identifier"
# Bank fields of the exchange format: a BIC (ISO 9362, branch ``XXX`` dropped). Money that
# leaves the banks (cash_out, crypto, foreign) may instead name where it went in capitals,
# digits and ``-._ `` (``CRYPTO``, ``BYBIT``, ``ATM``), as there is no BIC to give.
BIC_PATTERN = r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$"
EXIT_NAME_PATTERN = r"^[A-Z0-9][A-Z0-9 ._-]{0,34}$"
# ISO 8601 with a time and a zone no further than UTC±14:00; banks' own years only: a
# transfer before 1990 or after 2099 is a typo or a probe, and would overflow time sums.
TS_PATTERN = ISO_TIME_WITH_ZONE
TS_RANGE = FILE_TIME_RANGE
_IBAN_SHAPE = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}")
_CARD_SHAPE = re.compile(r"\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{1,7}")
_HASHED_CARD = re.compile(r"card:[0-9a-f]{40}")
_OPAQUE = re.compile(r"[\w.:@#/+-]{1,128}")


def normalize_account(raw: str, *, card_secret: bytes) -> tuple[str, str]:
    """The account key transfers are joined on, and a form safe to display.

    IBANs become compact upper case; a full card number becomes ``card:<keyed hash>``
    (the registry's key for that card) shown masked, so no PAN is ever stored; anything
    else is a bank's own opaque identifier (a token, a dataset's account number), kept as is.
    """
    text = raw.strip()
    if not text:
        raise InvalidInput("Account is empty")
    compact = text.replace(" ", "").upper()
    if _IBAN_SHAPE.fullmatch(compact):
        try:
            iban = normalize_iban(compact)
        except InvalidIndicator as exc:
            raise InvalidInput(str(exc)) from None
        return iban, iban
    if _CARD_SHAPE.fullmatch(text):
        try:
            digits = card_digits(text)
        except InvalidIndicator as exc:
            raise InvalidInput(str(exc)) from None
        return "card:" + card_key(digits, card_secret), mask_card(digits)
    if _HASHED_CARD.fullmatch(text):
        return text, text
    if len(text) > MAX_ID_LENGTH or not _OPAQUE.fullmatch(text):
        shown = text[:40] + ("…" if len(text) > 40 else "")
        raise InvalidInput(f"{NOT_AN_ACCOUNT}: {shown!r}")
    return text, text


def iban_bank(account: str, overrides: Mapping[str, str] | None = None) -> str | None:
    """The BIC (8 characters) of the bank an IBAN account key belongs to, when its bank code
    is known: the one source of an account's bank that no other bank can overwrite.

    ``overrides`` maps country and bank code (``KZ914``) to a BIC, for banks renamed since
    the bundled registry was made.
    """
    if not _IBAN_SHAPE.fullmatch(account):
        return None
    attributes = iban_attributes(account)
    code = f"{attributes['country']}{attributes['bank_code']}"
    bic = (overrides or {}).get(code) or attributes.get("bic")
    return str(bic)[:8].upper() if bic else None


@dataclass
class TransferLoadSummary:
    """What one file did to the store."""

    source: str
    layout: str
    loaded: int = 0
    unchanged: int = 0
    skipped: int = 0
    labels: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    # Rows that loaded, with what was noticed about them (a counterparty kept as given).
    warnings: list[tuple[int, str]] = field(default_factory=list)

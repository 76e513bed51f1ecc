"""Banks that synthetic money moves between: Kazakh banks, foreign banks and crypto exchanges.

Kazakh bank codes and BICs are those of schwifty's bundled registry (``generated_kz.json``), so
``iban_attributes`` names the same BIC for every synthetic IBAN; a unit test holds them equal.
The registry predates two renames: Bereke Bank still has Sberbank's BIC and Jusan Tsesnabank's.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KazakhBank:
    """A Kazakh bank: IBAN bank code, BIC, how its account numbers look, and its market shares."""

    name: str
    code: str
    bic: str
    prefix: str  # the 13 account characters after the bank code: prefix, digits, suffix
    suffix: str
    retail_share: float  # of people's accounts
    business_share: float  # of merchants', employers' and utilities' accounts
    mule_share: float  # of drop accounts: banks that open accounts online in minutes lead

    @property
    def digits(self) -> int:
        return 13 - len(self.prefix) - len(self.suffix)


KAZAKH_BANKS = (
    KazakhBank("Kaspi", "722", "CASPKZKA", "S", "", 42, 22, 34),
    KazakhBank("Halyk", "601", "HSBKKZKX", "", "", 20, 30, 14),
    KazakhBank("Freedom", "551", "KSNVKZKA", "A", "KZT", 7, 5, 14),
    KazakhBank("Jusan", "998", "TSESKZKA", "", "KZT", 6, 6, 9),
    KazakhBank("BCC", "856", "KCJBKZKX", "", "", 6, 11, 5),
    KazakhBank("Forte", "965", "IRTYKZKA", "F", "", 5, 8, 6),
    KazakhBank("Home Credit", "886", "INLMKZKA", "", "", 4, 2, 5),
    KazakhBank("Bereke", "914", "SABRKZKA", "", "KZT", 3.5, 6, 4),
    KazakhBank("Eurasian", "948", "EURIKZKA", "", "", 3, 5, 4),
    KazakhBank("RBK", "821", "KINCKZKA", "R", "", 1.5, 3, 3),
    KazakhBank("Altyn", "949", "ATYNKZKA", "", "", 1, 1.5, 1),
    KazakhBank("Nurbank", "849", "NURSKZKX", "", "", 1, 0.5, 1),
)

CRYPTO_BANK = "CRYPTO"

# Exchanges Kazakhs buy crypto on (licensed in the AIFC or used over P2P), with a weight each.
EXCHANGES = (
    ("Binance", 30),
    ("Bybit", 22),
    ("OKX", 10),
    ("ATAIX", 8),
    ("Intebix", 6),
    ("HTX", 6),
    ("KuCoin", 6),
    ("P2P", 12),
)


@dataclass(frozen=True, slots=True)
class ForeignBank:
    """A foreign bank money leaves Kazakhstan to: IBAN bank code (None: no IBANs) and BIC."""

    country: str
    short: str
    bic: str
    iban_code: str | None
    account_prefix: str  # fixed leading characters of its account numbers
    account_digits: int  # random digits after them


# IBAN countries (codes and BICs from schwifty's registry), then the migrant-worker corridors
# that have no IBANs, whose accounts travel as opaque ids with a BIC-like bank code.
FOREIGN_BANKS = (
    ForeignBank("GE", "BOG", "BAGAGE22", "BG", "", 16),
    ForeignBank("GE", "TBC", "TBCBGE22", "TB", "", 16),
    ForeignBank("TR", "ZIRAAT", "TCZBTR2A", "00010", "0", 16),  # a reserve digit, then 16
    ForeignBank("TR", "ISBANK", "ISBKTRIS", "00064", "0", 16),
    ForeignBank("TR", "GARANTI", "TGBATRIS", "00062", "0", 16),
    ForeignBank("AE", "ENBD", "EBILAEAD", "026", "", 16),
    ForeignBank("AE", "MASHREQ", "BOMLAEAD", "033", "", 16),
    # Personal accounts in sum, som, somoni and roubles start with these balance-account codes.
    ForeignBank("UZ", "NBU", "NBFAUZ2X", None, "20206000", 12),
    ForeignBank("UZ", "KAPITAL", "KACHUZ22", None, "20206000", 12),
    ForeignBank("KG", "KICB", "KICBKG22", None, "1280", 12),
    ForeignBank("KG", "DEMIR", "DEMIKG22", None, "1180", 12),
    ForeignBank("TJ", "ESKHATA", "ESKHTJ22", None, "20202972", 12),
    ForeignBank("RU", "SBER", "SABRRUMM", None, "40817810", 12),
    ForeignBank("RU", "TBANK", "TICSRUMM", None, "40817810", 12),
)

# Every bank column value, in one list that accounts point into by index.
BICS = (
    *(bank.bic for bank in KAZAKH_BANKS),
    CRYPTO_BANK,
    *(bank.bic for bank in FOREIGN_BANKS),
)
CRYPTO_BANK_INDEX = len(KAZAKH_BANKS)
FOREIGN_BANK_INDEX = CRYPTO_BANK_INDEX + 1

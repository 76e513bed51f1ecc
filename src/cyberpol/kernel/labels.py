"""Display names of indicator kinds, scam categories and regions, as message ids."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet."""
    return message


KIND_NAMES = {
    "phone": N_("Phone number"),
    "card": N_("Payment card"),
    "iban": N_("Bank account (IBAN)"),
    "url": N_("Link"),
    "domain": N_("Domain"),
    "ip": N_("IP address"),
    "email": N_("E-mail"),
    "crypto_wallet": N_("Crypto wallet"),
    "social_handle": N_("Messenger or social-network handle"),
}

CATEGORY_NAMES = {
    "marketplace_ad": N_("Online marketplace ad"),
    "fake_bank_call": N_("Fake call from a bank or its security service"),
    "fake_police_call": N_("Fake call from the police or another authority"),
    "investment_scam": N_("Investment scam"),
    "pyramid": N_("Financial pyramid"),
    "loan_in_victim_name": N_("Loan taken out in the victim's name"),
    "prize_lottery": N_("Prize or lottery"),
    "phishing_link": N_("Phishing link"),
    "romance": N_("Romance scam"),
    "other": N_("Other"),
}

REGION_NAMES = {
    "astana": N_("Astana"),
    "almaty_city": N_("Almaty"),
    "shymkent": N_("Shymkent"),
    "abai": N_("Abai Region"),
    "akmola": N_("Akmola Region"),
    "aktobe": N_("Aktobe Region"),
    "almaty_region": N_("Almaty Region"),
    "atyrau": N_("Atyrau Region"),
    "east_kazakhstan": N_("East Kazakhstan Region"),
    "zhambyl": N_("Zhambyl Region"),
    "zhetisu": N_("Zhetisu Region"),
    "west_kazakhstan": N_("West Kazakhstan Region"),
    "karaganda": N_("Karaganda Region"),
    "kostanay": N_("Kostanay Region"),
    "kyzylorda": N_("Kyzylorda Region"),
    "mangystau": N_("Mangystau Region"),
    "pavlodar": N_("Pavlodar Region"),
    "north_kazakhstan": N_("North Kazakhstan Region"),
    "turkistan": N_("Turkistan Region"),
    "ulytau": N_("Ulytau Region"),
}

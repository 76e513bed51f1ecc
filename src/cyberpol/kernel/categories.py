"""Scam categories and the regions of Kazakhstan that reports are filed under."""

from __future__ import annotations

import enum


class ScamCategory(enum.StrEnum):
    MARKETPLACE_AD = "marketplace_ad"
    FAKE_BANK_CALL = "fake_bank_call"
    FAKE_POLICE_CALL = "fake_police_call"
    INVESTMENT_SCAM = "investment_scam"
    PYRAMID = "pyramid"
    LOAN_IN_VICTIM_NAME = "loan_in_victim_name"
    PRIZE_LOTTERY = "prize_lottery"
    PHISHING_LINK = "phishing_link"
    ROMANCE = "romance"
    OTHER = "other"


class Region(enum.StrEnum):
    """The 17 regions and 3 cities of republican significance (2022 division)."""

    ASTANA = "astana"
    ALMATY_CITY = "almaty_city"
    SHYMKENT = "shymkent"
    ABAI = "abai"
    AKMOLA = "akmola"
    AKTOBE = "aktobe"
    ALMATY_REGION = "almaty_region"
    ATYRAU = "atyrau"
    EAST_KAZAKHSTAN = "east_kazakhstan"
    ZHAMBYL = "zhambyl"
    ZHETISU = "zhetisu"
    WEST_KAZAKHSTAN = "west_kazakhstan"
    KARAGANDA = "karaganda"
    KOSTANAY = "kostanay"
    KYZYLORDA = "kyzylorda"
    MANGYSTAU = "mangystau"
    PAVLODAR = "pavlodar"
    NORTH_KAZAKHSTAN = "north_kazakhstan"
    TURKISTAN = "turkistan"
    ULYTAU = "ulytau"


class Channel(enum.StrEnum):
    """Where a report came in."""

    API = "api"
    WEB = "web"
    TELEGRAM = "telegram"
    IMPORT = "import"

"""The words and places phishing domains use: bait words beside a brand, cheap TLDs, and
the paths of login and card pages."""

from __future__ import annotations

import re

# Words phishing domains put beside a brand (English, and Russian or Kazakh transliterated):
# logins and payments, prizes and refunds, parcels and customs, fines and checks, and the
# marketplaces' "safe deal" and prepayment.
LURE_WORDS = frozenset(
    """
    account aktsiya aktsia akciya akcia
    app apps auth bank bonus bonuses card cards cash cashback check client com confirm deneg
    dengi gift gifts help id info kabinet karta kart kz kompensaciya kompensatsiya
    kompensacia kompensatsia lk login loan loans lucky mobile my net official online otp pay
    payment payments pin portal posobie priz prize prizes promo qr refund sale secure
    security service sms store support transfer update user verify verification vozvrat
    vyplata vyplaty wallet web win www kredit credit zaim gos gov cabinet personal office
    sign signin kassa oplata perevod kazakhstan qazaqstan rk nalog tax 2fa delivery dostavka
    posylka posylki parcel track tracking tamozhnya tamozhnia customs zalog deposit depozit
    predoplata sdelka bezopasnaya safe safedeal garant proverka rozysk shtraf shtrafy fine
    fines red gold invest investment dividend aktivaciya activation unblock razblokirovka
    block blokirovka limit bezopasnost
    """.split()  # noqa: SIM905 - a word list reads best as prose
)
# TLDs that cost little and carry most of the phishing registered under new names.
CHEAP_TLDS = frozenset(
    """
    top xyz online site icu shop click live info store cfd sbs buzz cyou rest
    bond lol link monster fun space website tk ml ga cf gq pw cc su club vip work today
    support help pro me biz
    """.split()  # noqa: SIM905 - a word list reads best as prose
)
LOGIN_PATH = re.compile(
    r"log-?in|sign-?in|auth|verif|account|kabinet|cabinet|secure|otp|sms|2fa|password|parol",
    re.IGNORECASE,
)
CARD_PATH = re.compile(
    r"card|karta|cvv|cvc|pay|oplat|bonus|vyplat|kompens|refund|vozvrat|perevod|transfer",
    re.IGNORECASE,
)

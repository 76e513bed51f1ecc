"""Host names and domains of phishing sites: a bank or service's brand dressed up with words.

A host name looks like ``kaspi-bonus24.online``, ``egov-kz-vyplata.site`` or, with the brand
in a subdomain of a throw-away domain, ``kaspi.kz.secure-auth24.ru``; a few are Cyrillic.
"""

from __future__ import annotations

import random
import re

from cyberpol.synth.weighted import pick, weighted

_BRANDS = weighted(
    [
        ("kaspi", 20),
        ("halyk", 10),
        ("egov", 8),
        ("olx", 8),
        ("kolesa", 4),
        ("krisha", 3),
        ("kazpost", 6),
        ("homecredit", 3),
        ("jusan", 3),
        ("forte", 2),
        ("freedom", 3),
        ("bcc", 2),
        ("wildberries", 3),
        ("ozon", 2),
        ("beeline", 2),
        ("kcell", 2),
        ("tele2", 1),
        ("airastana", 2),
        ("samruk", 2),
        ("kazatomprom", 2),
        ("qazaqgaz", 1),
        ("kaspi-gold", 3),
        ("halyk-online", 2),
        ("egov-kz", 3),
        ("olx-kz", 3),
        ("satu", 1),
        ("technodom", 1),
        ("sulpak", 1),
        ("magnum", 1),
        ("baiterek", 1),
        ("otbasy", 1),
        ("enpf", 2),
        ("gosuslugi-kz", 1),
        ("mvd", 1),
    ]
)
_WORDS = (
    "bonus",
    "secure",
    "login",
    "pay",
    "oplata",
    "dostavka",
    "delivery",
    "verify",
    "support",
    "help",
    "cashback",
    "priz",
    "gift",
    "vyplata",
    "kompensaciya",
    "online",
    "account",
    "safe-deal",
    "check",
    "auth",
    "invest",
    "crypto",
    "bank",
    "card",
    "sale",
    "akcia",
    "promo",
    "pochta",
    "track",
    "posylka",
    "lk",
    "cabinet",
    "service",
    "bezopasnost",
    "sdelka",
    "zaim",
    "kredit",
    "lottery",
    "winner",
    "invest-pro",
    "dividend",
    "token",
    "refund",
    "vozvrat",
)
_TLDS = weighted(
    [
        ("kz", 20),
        ("com", 12),
        ("online", 10),
        ("site", 8),
        ("top", 6),
        ("xyz", 5),
        ("info", 4),
        ("shop", 4),
        ("click", 3),
        ("live", 3),
        ("pro", 3),
        ("net", 3),
        ("ru", 4),
        ("icu", 2),
        ("store", 2),
        ("space", 2),
        ("website", 2),
        ("fun", 1),
        ("com.kz", 3),
        ("org", 1),
        ("cc", 1),
        ("vip", 2),
        ("buzz", 1),
        ("sbs", 1),
        ("cfd", 1),
        ("lat", 1),
        ("app", 1),
        ("me", 1),
    ]
)
_IDN = (
    "каспи-бонус",
    "халык-бонус",
    "егов-выплата",
    "казпочта-доставка",
    "олх-оплата",
    "выплаты-казахстан",
    "компенсация-вкладов",
    "каспи-кешбэк",
)
_IDN_TLDS = ("kz", "қаз", "online", "рф", "com")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_IBAN_LIKE = re.compile(r"[a-z]{2}\d{2}")


def alnum(rng: random.Random, n: int) -> str:
    """``n`` random lowercase letters and digits, without the easily confused ``l`` and ``o``."""
    return "".join(rng.choices("abcdefghijkmnpqrstuvwxyz0123456789", k=n))


def _num(rng: random.Random) -> str:
    return str(rng.randrange(2, 10 ** rng.randint(2, 4)))


def draw_host(rng: random.Random) -> str:
    """A scam-looking host name; a subdomain sometimes stands in front of the registered name."""
    brand, word, tld = pick(rng, _BRANDS), rng.choice(_WORDS), pick(rng, _TLDS)
    r = rng.random()
    if r < 0.02:
        return f"{rng.choice(_IDN)}{rng.choice(('', _num(rng)))}.{rng.choice(_IDN_TLDS)}"
    if r < 0.86:
        head = brand + rng.choice(("", "", "", "-kz", "kz"))
        name = f"{head}-{word}" if r < 0.7 else f"{word}-{head}"
        if rng.random() < 0.45:
            name += "-" + rng.choice(_WORDS)
        # enough randomness that two operations rarely share a domain
        if rng.random() < 0.6:
            name += rng.choice(("", "-")) + _num(rng)
        elif rng.random() < 0.3:
            name += "-" + "".join(rng.choices(_LETTERS, k=rng.randint(2, 3)))
    else:
        # Brand in a subdomain of a throw-away domain: kaspi.kz.secure-auth24.ru
        inner = rng.choice((f"{brand}.kz", brand, f"{brand}-{word}", f"lk.{brand}"))
        outer = f"{rng.choice(_WORDS)}-{rng.choice(_WORDS)}{_num(rng)}"
        return f"{inner}.{outer}.{tld}"
    if _IBAN_LIKE.match(name):  # "lk24..." would read as an IBAN
        name = "my-" + name
    return f"{name}.{tld}"


def defang_host(rng: random.Random, host: str) -> str:
    if rng.random() < 0.5:
        head, _, last = host.rpartition(".")
        return f"{head}[.]{last}"
    return host.replace(".", "[.]")


def draw_domain(rng: random.Random) -> str:
    return draw_host(rng)


def render_domain(rng: random.Random, host: str) -> str:
    r = rng.random()
    if r < 0.82:
        return host
    if r < 0.96:
        return defang_host(rng, host)
    return host.upper()

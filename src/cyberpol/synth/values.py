"""Synthetic fraud indicators typed the way people in Kazakhstan type them.

Every value is drawn in two steps: ``draw`` picks the underlying indicator (the digits of a
phone, a card's PAN, a host name) and ``render`` types it one of the many ways a victim, a
bank clerk or an analyst would. Reports reuse one drawn indicator and render it afresh each
time, so the same scammer's number turns up as ``8 701 555 12 34`` in one report and as
``+77015551234`` in the next, just as it does in real data.

Everything is driven by a caller's ``random.Random``: the same seed gives the same values.
"""

from __future__ import annotations

import random
import re
from bisect import bisect
from collections.abc import Callable, Sequence
from itertools import accumulate

import base58
import bech32

from cyberpol.domain.normalize.crypto import eip55

KINDS = (
    "phone",
    "card",
    "iban",
    "url",
    "domain",
    "ip",
    "email",
    "crypto_wallet",
    "social_handle",
)

Drawn = object  # the kind-specific underlying value ``render`` types out


def weighted(pairs: Sequence[tuple[object, float]]) -> tuple[list, list[float]]:
    """(values, cumulative weights) for ``rng.choices(values, cum_weights=...)``."""
    return [p[0] for p in pairs], list(accumulate(p[1] for p in pairs))


def pick(rng: random.Random, table: tuple[list, list[float]]):  # type: ignore[no-untyped-def]
    """A weighted choice from a ``weighted`` table; several times faster than ``rng.choices``."""
    values, cumulative = table
    return values[bisect(cumulative, rng.random() * cumulative[-1], 0, len(cumulative) - 1)]


# --------------------------------------------------------------------------- phones

# Mobile codes of Kcell/Activ (701, 702, 775, 778), Beeline (705, 777, 771, 776),
# Tele2/Altel (707, 747, 700, 708) and the newer 706; weighted by how often they turn up.
_KZ_MOBILE = weighted(
    [
        ("701", 14),
        ("702", 8),
        ("705", 10),
        ("707", 13),
        ("747", 12),
        ("771", 7),
        ("775", 7),
        ("776", 5),
        ("777", 12),
        ("778", 6),
        ("700", 4),
        ("708", 4),
        ("706", 2),
    ]
)
# City codes with the digits a local number may start with: Almaty 727 (2xx/3xx), then
# Astana, Shymkent, Karaganda, Aktobe, Atyrau, Pavlodar, Oskemen, Taraz, Kostanay.
_KZ_LANDLINE = weighted(
    [
        (("727", "23"), 45),
        (("7172", ""), 20),
        (("7252", ""), 8),
        (("7212", ""), 7),
        (("7132", ""), 5),
        (("7122", ""), 4),
        (("7182", ""), 4),
        (("7232", ""), 3),
        (("7262", ""), 2),
        (("7142", ""), 2),
    ]
)
# (country code, national prefixes, digits after the prefix)
_FOREIGN = weighted(
    [
        (("996", ("555", "550", "700", "707", "770", "777", "220", "990", "505"), 6), 30),
        (("998", ("90", "91", "93", "94", "95", "97", "99", "33", "88", "77"), 7), 25),
        (("7", ("916", "903", "926", "977", "999", "985", "952", "912", "987"), 7), 35),
        (("90", ("532", "533", "505", "542", "555"), 7), 10),
    ]
)


def _draw_phone(rng: random.Random) -> Drawn:
    r = rng.random()
    if r < 0.86:
        return ("kz", pick(rng, _KZ_MOBILE) + f"{rng.randrange(10_000_000):07d}")
    if r < 0.93:
        code, starts = pick(rng, _KZ_LANDLINE)
        rest = 10 - len(code)
        first = rng.choice(starts) if starts else str(rng.randrange(2, 10))
        return ("land", code + first + f"{rng.randrange(10 ** (rest - 1)):0{rest - 1}d}")
    country, prefixes, length = pick(rng, _FOREIGN)
    return (country, rng.choice(prefixes) + f"{rng.randrange(10**length):0{length}d}")


def _kz_mobile_styles(n: str) -> list[tuple[str, float]]:
    op, a, b, c = n[:3], n[3:6], n[6:8], n[8:]
    return [
        (f"8 {op} {a} {b} {c}", 22),
        (f"+7 ({op}) {a}-{b}-{c}", 10),
        (f"8{n}", 14),
        (f"+7{n}", 10),
        (f"+7 {op} {a} {b} {c}", 12),
        (f"+7-{op}-{a}-{b}-{c}", 3),
        (f"7 {op} {a} {b}{c}", 3),
        (f"8 ({op}) {a}-{b}-{c}", 6),
        (f"8-{op}-{a}-{b}-{c}", 3),
        (f"8 {op} {a}{b}{c}", 5),
        (f"7{n}", 4),
        (f"+7 {op} {a}{b}{c}", 4),
        (f"8({op}){a}{b}{c}", 2),
        (f"wa.me/7{n}", 2),
    ]


_MOBILE_WEIGHTS = list(accumulate(w for _, w in _kz_mobile_styles("7000000000")))


def _render_phone(rng: random.Random, drawn: Drawn) -> str:
    country, n = drawn  # type: ignore[misc]
    if country == "kz":
        styles = _kz_mobile_styles(n)
        index = bisect(_MOBILE_WEIGHTS, rng.random() * _MOBILE_WEIGHTS[-1], 0, len(styles) - 1)
        return styles[index][0]
    if country == "land":
        split = 3 if n.startswith("727") else 4
        code, local = n[:split], n[split:]
        groups = (local[:-4], local[-4:-2], local[-2:])
        return rng.choice(
            (
                f"+7 {code} {' '.join(groups)}",
                f"8 ({code}) {'-'.join(groups)}",
                f"8 {code} {''.join(groups)}",
                f"+7 ({code}) {'-'.join(groups)}",
                f"8{n}",
            )
        )
    if country == "996":
        return rng.choice(
            (
                f"+996 {n[:3]} {n[3:6]} {n[6:]}",
                f"+996 ({n[:3]}) {n[3:6]}-{n[6:]}",
                f"+996{n}",
                f"+996 {n[:3]} {n[3:]}",
            )
        )
    if country == "998":
        return rng.choice(
            (
                f"+998 {n[:2]} {n[2:5]} {n[5:7]} {n[7:]}",
                f"+998 ({n[:2]}) {n[2:5]}-{n[5:7]}-{n[7:]}",
                f"+998{n}",
            )
        )
    if country == "90":
        return rng.choice((f"+90 {n[:3]} {n[3:6]} {n[6:8]} {n[8:]}", f"+90{n}"))
    a, b, c, d = n[:3], n[3:6], n[6:8], n[8:]
    return rng.choice(
        (f"+7 {a} {b}-{c}-{d}", f"+7 ({a}) {b}-{c}-{d}", f"+7{n}", f"+7 {a} {b} {c} {d}")
    )


def kz_mobile(rng: random.Random) -> str:
    """A Kazakh mobile number as someone leaves it as their own contact."""
    return _render_phone(rng, ("kz", pick(rng, _KZ_MOBILE) + f"{rng.randrange(10_000_000):07d}"))


# --------------------------------------------------------------------------- cards

# Visa and Mastercard BINs of Kaspi, Halyk, Jusan, Forte, Freedom and BCC cards.
_BINS = weighted(
    [
        ("440043", 30),
        ("400303", 12),
        ("539545", 12),
        ("427889", 8),
        ("417428", 10),
        ("220070", 4),
        ("522858", 5),
        ("404932", 5),
        ("446375", 4),
        ("515845", 3),
        ("469357", 3),
        ("535050", 4),
    ]
)
_DOUBLE = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def _luhn_complete(partial: str) -> str:
    """``partial`` plus the check digit that makes it pass the Luhn test."""
    rev = partial[::-1]
    total = sum(_DOUBLE[ord(c) - 48] for c in rev[0::2]) + sum(ord(c) - 48 for c in rev[1::2])
    return partial + str(-total % 10)


def _draw_card(rng: random.Random) -> Drawn:
    return _luhn_complete(pick(rng, _BINS) + f"{rng.randrange(1_000_000_000):09d}")


def _render_card(rng: random.Random, drawn: Drawn) -> str:
    pan: str = drawn  # type: ignore[assignment]
    r = rng.random()
    if r < 0.5:
        return f"{pan[:4]} {pan[4:8]} {pan[8:12]} {pan[12:]}"
    if r < 0.82:
        return pan
    if r < 0.94:
        return f"{pan[:4]}-{pan[4:8]}-{pan[8:12]}-{pan[12:]}"
    if r < 0.97:
        return f"{pan[:4]}\u00a0{pan[4:8]}\u00a0{pan[8:12]}\u00a0{pan[12:]}"
    return f"{pan[:4]} {pan[4:8]}{pan[8:12]} {pan[12:]}"


# --------------------------------------------------------------------------- IBANs

# Kaspi, Halyk, Jusan (ex-Tsesna), ATF, Bereke (ex-Sber), treasury, BCC, Forte, Home Credit,
# Eurasian, Kassa Nova, Nurbank.
_BANKS = weighted(
    [
        ("722", 30),
        ("601", 18),
        ("998", 8),
        ("826", 5),
        ("914", 5),
        ("070", 3),
        ("856", 9),
        ("965", 8),
        ("886", 5),
        ("948", 4),
        ("551", 2),
        ("849", 2),
    ]
)
_LETTER_DIGITS = {ord(c): str(i) for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ", start=10)}


def _kz_iban(bban: str) -> str:
    check = 98 - int((bban + "KZ00").translate(_LETTER_DIGITS)) % 97
    return f"KZ{check:02d}{bban}"


def _draw_iban(rng: random.Random) -> Drawn:
    bank = pick(rng, _BANKS)
    if bank == "722":
        account = "S" + f"{rng.randrange(10**12):012d}"
    elif bank == "601":
        account = rng.choice("ACDFS") + f"{rng.randrange(10**12):012d}"
    elif bank == "070":
        account = "105KSN" + f"{rng.randrange(10**7):07d}"
    elif rng.random() < 0.5:
        account = "KZT" + f"{rng.randrange(10**10):010d}"
    else:
        account = f"{rng.randrange(10**13):013d}"
    return _kz_iban(bank + account)


def _render_iban(rng: random.Random, drawn: Drawn) -> str:
    iban: str = drawn  # type: ignore[assignment]
    r = rng.random()
    grouped = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    if r < 0.45:
        return grouped
    if r < 0.82:
        return iban
    if r < 0.91:
        return grouped.lower()
    return iban.lower()


# --------------------------------------------------------------------------- hosts, URLs

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


def _alnum(rng: random.Random, n: int) -> str:
    return "".join(rng.choices("abcdefghijkmnpqrstuvwxyz0123456789", k=n))


def _num(rng: random.Random) -> str:
    return str(rng.randrange(2, 10 ** rng.randint(2, 4)))


def _draw_host(rng: random.Random) -> str:
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


_PATHS: tuple[Callable[[random.Random], str], ...] = (
    lambda r: "/login",
    lambda r: f"/pay/{r.randrange(10**6, 10**8)}",
    lambda r: f"/receive?id={r.randrange(10**4, 10**7)}",
    lambda r: "/bonus",
    lambda r: f"/lk/auth?session={_alnum(r, 10)}",
    lambda r: f"/oplata?order={r.randrange(10**5, 10**9)}",
    lambda r: f"/get/{_alnum(r, 6)}",
    lambda r: f"/verify/{_alnum(r, 8)}",
    lambda r: f"/ru/login.php?ref={_alnum(r, 6)}",
    lambda r: f"/kz/{_alnum(r, 5)}",
    lambda r: f"/{_alnum(r, 8)}",
    lambda r: f"/track/KZ{r.randrange(10**9):09d}",
    lambda r: f"/invest/register?promo={_alnum(r, 6).upper()}",
    lambda r: f"/egov/ecp-update?uid={r.randrange(10**8)}",
)


def _draw_ip(rng: random.Random) -> Drawn:
    first = rng.choice(
        (
            2,
            5,
            31,
            37,
            45,
            46,
            62,
            77,
            78,
            79,
            80,
            82,
            85,
            89,
            91,
            92,
            93,
            94,
            95,
            103,
            104,
            109,
            141,
            146,
            147,
            149,
            154,
            156,
            159,
            162,
            164,
            167,
            176,
            178,
            185,
            185,
            185,
            188,
            193,
            194,
            195,
            212,
            213,
            217,
        )
    )
    return f"{first}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def _render_ip(rng: random.Random, drawn: Drawn) -> str:
    ip: str = drawn  # type: ignore[assignment]
    r = rng.random()
    if r < 0.85:
        return ip
    if r < 0.95:
        head, _, last = ip.rpartition(".")
        return f"{head}[.]{last}"
    return ip.replace(".", "[.]")


def _draw_url(rng: random.Random) -> Drawn:
    if rng.random() < 0.04:
        port = rng.choice(("", "", ":8080", ":8443", ":3000"))
        return ("http", _draw_ip(rng) + port, rng.choice(_PATHS)(rng))
    scheme = "https" if rng.random() < 0.8 else "http"
    return (scheme, _draw_host(rng), rng.choice(_PATHS)(rng) if rng.random() < 0.85 else "")


def _defang_host(rng: random.Random, host: str) -> str:
    if rng.random() < 0.5:
        head, _, last = host.rpartition(".")
        return f"{head}[.]{last}"
    return host.replace(".", "[.]")


def _render_url(rng: random.Random, drawn: Drawn) -> str:
    scheme, host, path = drawn  # type: ignore[misc]
    r = rng.random()
    if r < 0.55 or host[0].isdigit():
        return f"{scheme}://{host}{path}"
    if r < 0.75:
        return f"{host}{path or '/'}"
    if r < 0.81:
        return f"www.{host}{path}"
    if r < 0.95:
        return f"hxxp{scheme[4:]}://{_defang_host(rng, host)}{path}"
    return f"{host[:1].upper()}{host[1:]}{path or '/'}"


def _draw_domain(rng: random.Random) -> Drawn:
    return _draw_host(rng)


def _render_domain(rng: random.Random, drawn: Drawn) -> str:
    host: str = drawn  # type: ignore[assignment]
    r = rng.random()
    if r < 0.82:
        return host
    if r < 0.96:
        return _defang_host(rng, host)
    return host.upper()


# --------------------------------------------------------------------------- e-mail

_FIRST = (
    "aigerim",
    "aruzhan",
    "dana",
    "madina",
    "asel",
    "zhanar",
    "gulnara",
    "saule",
    "nurlan",
    "daniyar",
    "askar",
    "yerlan",
    "timur",
    "arman",
    "bauyrzhan",
    "dias",
    "alikhan",
    "olga",
    "irina",
    "sergey",
    "dmitriy",
    "john",
    "james",
    "david",
    "michael",
    "william",
    "anna",
)
_LAST = (
    "serikova",
    "nurlanov",
    "akhmetov",
    "bekova",
    "zhaksylykov",
    "omarova",
    "ivanov",
    "petrova",
    "kim",
    "tsoy",
    "smith",
    "williams",
    "johnson",
    "brown",
    "abenov",
    "sadykova",
)
_MAILBOXES = weighted(
    [
        ("gmail.com", 35),
        ("mail.ru", 25),
        ("inbox.ru", 5),
        ("bk.ru", 4),
        ("list.ru", 4),
        ("yandex.kz", 4),
        ("yandex.ru", 5),
        ("outlook.com", 5),
        ("hotmail.com", 3),
        ("proton.me", 4),
        ("icloud.com", 3),
    ]
)
_SCAM_LOCAL = (
    "support",
    "security",
    "info",
    "help",
    "admin",
    "service",
    "noreply",
    "bonus",
    "vyplaty",
    "sluzhba.bezopasnosti",
    "kaspi.support",
    "halyk.security",
    "egov.info",
    "kazpost.delivery",
    "olx.dostavka",
    "invest.manager",
    "crypto.support",
)


def _draw_email(rng: random.Random) -> Drawn:
    r = rng.random()
    if r < 0.5:
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        local = rng.choice(
            (
                f"{first}.{last}",
                f"{first}_{last}",
                f"{first[0]}.{last}",
                f"{first}{last}",
                f"{last}.{first}",
            )
        )
    else:
        local = rng.choice(_SCAM_LOCAL) + rng.choice((".", "_", "-", ""))
        local += rng.choice(("kz", "24", "official", "center", "team", ""))
        local = local.rstrip("._-")
    if rng.random() < 0.8:
        local += str(rng.randrange(1, 10_000))
    else:
        local += rng.choice(("_", ".", "")) + _alnum(rng, 4)
    domain = pick(rng, _MAILBOXES) if rng.random() < 0.85 else _draw_host(rng)
    return f"{local}@{domain}"


def _render_email(rng: random.Random, drawn: Drawn) -> str:
    email: str = drawn  # type: ignore[assignment]
    if rng.random() < 0.08 and email[0].isalpha():
        return email[0].upper() + email[1:]
    return email


# --------------------------------------------------------------------------- wallets


def _draw_wallet(rng: random.Random) -> Drawn:
    r = rng.random()
    if r < 0.45:  # USDT on TRON, the scammers' favourite
        return base58.b58encode_check(b"\x41" + rng.randbytes(20)).decode()
    if r < 0.65:
        return eip55(f"{rng.getrandbits(160):040x}")
    if r < 0.8:
        program = rng.randbytes(20 if rng.random() < 0.8 else 32)
        return bech32.encode("bc", 0, program)
    version = b"\x00" if r < 0.93 else b"\x05"
    return base58.b58encode_check(version + rng.randbytes(20)).decode()


def _render_wallet(rng: random.Random, drawn: Drawn) -> str:
    wallet: str = drawn  # type: ignore[assignment]
    if wallet.startswith("0x") and rng.random() < 0.3:
        return wallet.lower()
    return wallet


# --------------------------------------------------------------------------- handles

_HANDLE_HEADS = (
    "kaspi",
    "halyk",
    "invest",
    "crypto",
    "trade",
    "bonus",
    "egov",
    "olx",
    "aigerim",
    "dana",
    "aruzhan",
    "madina",
    "asel",
    "nurlan",
    "daniyar",
    "forex",
    "usdt",
    "p2p",
    "btc",
    "money",
    "signal",
    "arbitrage",
    "zhumys",
    "rabota",
    "kredit",
    "zaim",
    "priz",
    "shop",
    "almaty",
    "astana",
    "qazaq",
    "altyn",
    "baige",
    "kazpost",
    "dostavka",
    "loto",
    "bereke",
    "tabys",
)
_HANDLE_MIDS = (
    "support",
    "help",
    "invest",
    "pro",
    "official",
    "admin",
    "manager",
    "club",
    "shop",
    "store",
    "service",
    "vip",
    "team",
    "bonus",
    "trade",
    "signals",
    "bank",
    "pay",
    "exchange",
    "obmen",
    "kz",
    "kazakhstan",
    "almaty",
    "astana",
    "online",
    "market",
    "group",
    "capital",
    "fund",
)
_HANDLE_TAILS = ("kz", "official", "bot", "24", "777", "kzt", "pro", "2024", "2025")


def _draw_handle(rng: random.Random) -> Drawn:
    platform = "telegram" if rng.random() < 0.75 else "instagram"
    parts = [rng.choice(_HANDLE_HEADS), rng.choice(_HANDLE_MIDS)]
    if rng.random() < 0.5:
        parts.append(rng.choice(_HANDLE_TAILS))
    sep = "." if platform == "instagram" and rng.random() < 0.4 else "_"
    handle = sep.join(parts)
    if len(parts) == 2 or rng.random() < 0.8:
        handle += rng.choice(("_", "")) + str(rng.randrange(1, 10_000))
    return (platform, handle[:32])


def _render_handle(rng: random.Random, drawn: Drawn) -> str:
    platform, handle = drawn  # type: ignore[misc]
    r = rng.random()
    if platform == "telegram":
        if r < 0.55:
            return "@" + handle
        if r < 0.8:
            return "t.me/" + handle
        if r < 0.95:
            return "https://t.me/" + handle
        return "@" + "_".join(p[:1].upper() + p[1:] for p in handle.split("_"))
    if r < 0.4:
        return "instagram.com/" + handle
    if r < 0.6:
        return "https://instagram.com/" + handle
    if r < 0.7:
        return f"www.instagram.com/{handle}/"
    return "@" + handle


# --------------------------------------------------------------------------- public API

_DRAW: dict[str, Callable[[random.Random], Drawn]] = {
    "phone": _draw_phone,
    "card": _draw_card,
    "iban": _draw_iban,
    "url": _draw_url,
    "domain": _draw_domain,
    "ip": _draw_ip,
    "email": _draw_email,
    "crypto_wallet": _draw_wallet,
    "social_handle": _draw_handle,
}
_RENDER: dict[str, Callable[[random.Random, Drawn], str]] = {
    "phone": _render_phone,
    "card": _render_card,
    "iban": _render_iban,
    "url": _render_url,
    "domain": _render_domain,
    "ip": _render_ip,
    "email": _render_email,
    "crypto_wallet": _render_wallet,
    "social_handle": _render_handle,
}


def _fresh(
    draw_kind: Callable[[random.Random], Drawn], render_kind: Callable[[random.Random, Drawn], str]
) -> Callable[[random.Random], str]:
    return lambda rng: render_kind(rng, draw_kind(rng))


# kind -> function of an rng giving a fresh typed value, for tight loops
FRESH: dict[str, Callable[[random.Random], str]] = {k: _fresh(_DRAW[k], _RENDER[k]) for k in KINDS}


def draw(rng: random.Random, kind: str) -> Drawn:
    """A fresh underlying indicator of ``kind``; ``render`` types it out."""
    try:
        draw_kind = _DRAW[kind]
    except KeyError:
        raise ValueError(f"Unknown indicator kind {kind!r}; expected one of {KINDS}") from None
    return draw_kind(rng)


def render(rng: random.Random, kind: str, drawn: Drawn) -> str:
    """One of the ways a person types the indicator ``drawn``."""
    return _RENDER[kind](rng, drawn)


def synthetic_indicator_value(rng: random.Random, kind: str) -> str:
    """One fresh raw value of ``kind`` as people in Kazakhstan type it."""
    drawn = draw(rng, kind)
    return _RENDER[kind](rng, drawn)


__all__ = [
    "FRESH",
    "KINDS",
    "draw",
    "kz_mobile",
    "pick",
    "render",
    "synthetic_indicator_value",
    "weighted",
]

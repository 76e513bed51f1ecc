"""Short texts, scams and ordinary ones, in Kazakh, Russian and English, labelled by scheme:
what the scam-text classifier is trained and measured on (``cyberpol synth text-model``).

``templates/scam_texts_<lang>.json`` holds a language's ``words`` (values of ``{slots}``) and
its ``families``: per scheme ("ham" or a scam category), named families of templates, each a
different lure, situation or writer (the scammer's SMS, a chat, an ad, a victim's report).
In a template ``<a|b|c>`` picks one alternative (they nest; an empty one drops the part) and
``{slot}`` is filled from the words or, for the slots in ``_MADE_UP``, made up here: phones,
sums, codes, cards, look-alike and genuine links. Then ``text_noise`` types the text the way
people do. A family's id is ``<lang>/<scheme>/<name>``; the same name in several languages is
the same lure, so a measure can hold a family out in every language at once.

The same seed gives the same texts, family by family (each family draws from its own
generator, so choosing fewer families does not change the texts of the others).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from cyberpol.monitoring.domain.texts import TEXT_LANGUAGES, TEXT_SCHEMES
from cyberpol.synth.domains import draw_host
from cyberpol.synth.phones import kz_mobile
from cyberpol.synth.text_noise import add_noise


@dataclass(frozen=True, slots=True)
class SyntheticText:
    """One generated (or public) text with its language, label and template family."""

    text: str
    lang: str
    scheme: str
    family: str  # "<lang>/<scheme>/<name>"


@dataclass(frozen=True, slots=True)
class _Language:
    words: dict[str, list[str]]
    families: dict[str, list[str]]  # family id -> templates


_CHOICE = re.compile(r"<([^<>]*)>")
_SLOT = re.compile(r"\{([a-z_0-9]+)\}")
_SENTENCE_START = re.compile(r"((?:^|[.!?]\s+)(?:— )?)([а-яәғқңөұүһі])")


@cache
def _language(lang: str) -> _Language:
    path = files(__package__).joinpath("templates", f"scam_texts_{lang}.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    families: dict[str, list[str]] = {}
    for scheme, named in data["families"].items():
        if scheme not in TEXT_SCHEMES:
            raise ValueError(f"scam_texts_{lang}.json: {scheme!r} is no scheme")
        for name, templates in named.items():
            families[f"{lang}/{scheme}/{name}"] = templates
    language = _Language(data["words"], families)
    _check(language, lang)
    return language


def _check(language: _Language, lang: str) -> None:
    """Refuse a template whose slot nothing fills or whose brackets do not close."""
    for family, templates in language.families.items():
        for template in templates:
            expanded = template
            while _CHOICE.search(expanded):
                expanded = _CHOICE.sub(lambda m: m.group(1).replace("|", " "), expanded)
            if "<" in expanded or ">" in expanded or "|" in expanded:
                raise ValueError(f"scam_texts_{lang}.json {family}: unbalanced {template!r}")
            for slot in _SLOT.findall(expanded):
                if slot not in language.words and slot not in _MADE_UP:
                    raise ValueError(f"scam_texts_{lang}.json {family}: nothing fills {{{slot}}}")


def families(languages: Collection[str] = TEXT_LANGUAGES) -> list[str]:
    """Every family id, language by language."""
    return [family for lang in languages for family in _language(lang).families]


def generate(
    seed: int,
    *,
    per_family: int = 40,
    only: Collection[str] | None = None,
    noise: bool = True,
) -> list[SyntheticText]:
    """``per_family`` texts of every family (or of the families in ``only``)."""
    out: list[SyntheticText] = []
    for lang in TEXT_LANGUAGES:
        language = _language(lang)
        for family, templates in language.families.items():
            if only is not None and family not in only:
                continue
            rng = random.Random(f"{seed}/{family}")
            scheme = family.split("/")[1]
            for _ in range(per_family):
                text = _fill(rng, language, lang, rng.choice(templates))
                if noise:
                    text = add_noise(rng, text, lang)
                out.append(SyntheticText(text, lang, scheme, family))
    return out


def _fill(rng: random.Random, language: _Language, lang: str, template: str) -> str:
    text = template
    while _CHOICE.search(text):
        text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), text)
    for _ in range(3):  # a word may hold a slot of its own ("полиции {city}")
        text = _SLOT.sub(lambda m: _slot(rng, language, lang, m.group(1)), text)
    text = re.sub(r"\s+([.,!?:;])", r"\1", text)
    text = re.sub(r"([.!?])\1+", r"\1", text.replace(" .", "."))
    # A word slot ("ұлыңыз", "сын") that opens a sentence starts with a capital.
    text = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,")


def _slot(rng: random.Random, language: _Language, lang: str, name: str) -> str:
    if name in language.words:
        return rng.choice(language.words[name])
    return _MADE_UP[name](rng, lang)


# Made-up values -----------------------------------------------------------------------------

_CURRENCY = {
    "ru": (("тг", 4), ("тенге", 3), ("₸", 3), ("т", 1)),
    "kk": (("теңге", 4), ("тг", 4), ("₸", 3), ("тенге", 1)),
    "en": (("KZT", 3), ("tenge", 4), ("₸", 2), ("tg", 1)),
}
_THOUSANDS = {"ru": ("тыс. тг", "тыс", "к"), "kk": ("мың теңге", "мың тг", "к"),
              "en": ("k tenge", "k", "K KZT")}  # fmt: skip
_MILLIONS = {"ru": "млн тенге", "kk": "млн теңге", "en": "million tenge"}


def _money(rng: random.Random, amount: int, lang: str) -> str:
    """An amount as people write it: 150 000 тг, 150.000₸, 150к, KZT 150,000, 1,5 млн."""
    table = _CURRENCY[lang]
    currency = rng.choices([w for w, _ in table], [n for _, n in table])[0]
    r = rng.random()
    if amount >= 1_000_000 and amount % 100_000 == 0 and r < 0.3:
        number = f"{amount / 1_000_000:.1f}".removesuffix(".0")
        return f"{number.replace('.', ',') if lang != 'en' else number} {_MILLIONS[lang]}"
    if amount % 1000 == 0 and 1000 <= amount < 1_000_000 and r < 0.2:
        return f"{amount // 1000} {rng.choice(_THOUSANDS[lang])}".replace(" к", "к")
    grouping = rng.choice((" ", " ", ".", ",", "")) if lang != "en" else rng.choice((",", " ", ""))
    number = f"{amount:,}".replace(",", grouping)
    if currency == "KZT" and rng.random() < 0.4:
        return f"KZT {number}"
    if currency == "₸" and rng.random() < 0.5:
        return f"{number}₸"
    return f"{number} {currency}"


def _round(rng: random.Random, low: int, high: int) -> int:
    step = rng.choice((100, 500, 1000, 5000)) if high > 20_000 else rng.choice((10, 50, 100))
    return max(step, rng.randrange(low, high) // step * step)


def _amount(low: int, high: int) -> Callable[[random.Random, str], str]:
    return lambda rng, lang: _money(rng, _round(rng, low, high), lang)


def _usd(rng: random.Random, _lang: str) -> str:
    amount = rng.choice((100, 150, 200, 250, 300, 500, 700, 1000, 1500, 2000, 5000))
    return rng.choice((f"${amount}", f"{amount}$", f"{amount} USD", f"{amount} долларов"
                       if _lang == "ru" else f"{amount} dollars"))  # fmt: skip


def _card(rng: random.Random, _lang: str) -> str:
    bin_ = rng.choice(("4400 43", "4400 43", "5169 49", "4405 63", "5522 04", "4003 03"))
    tail = f"{rng.randrange(10_000):04d}"
    middle = f"{rng.randrange(100):02d} {rng.randrange(10_000):04d}"
    return rng.choice((f"{bin_}{middle} {tail}", f"{bin_}** **** {tail}",
                       f"{bin_}{middle} {tail}".replace(" ", ""), f"*{tail}"))  # fmt: skip


def _iban(rng: random.Random, _lang: str) -> str:
    bank = rng.choice(("722S", "601A", "998C", "965A", "551K", "926T"))
    return f"KZ{rng.randrange(10, 99)}{bank}{rng.randrange(10**12):012d}"


def _date(rng: random.Random, lang: str) -> str:
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    if rng.random() < 0.6:
        return f"{day:02d}.{month:02d}" + rng.choice(("", ".2025", ".2024"))
    months = _MONTHS[lang]
    return f"{months[month - 1]} {day}" if lang == "en" else f"{day} {months[month - 1]}"


_MONTH_NAMES = {
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "kk": "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан",
    "en": "January February March April May June July August September October November December",
}
_MONTHS = {lang: names.split() for lang, names in _MONTH_NAMES.items()}
_LOOKALIKE_WORDS = (
    "bonus", "pay", "vyplata", "vyplaty", "kompensaciya", "gov", "kz", "online", "secure",
    "login", "24", "oplata", "dostavka", "delivery", "track", "id", "client", "cashback",
    "priz", "aksiya", "verify", "safe", "deal", "help", "posobie", "2025", "lk", "my",
)  # fmt: skip
_CHEAP = ("top", "xyz", "site", "online", "icu", "shop", "click", "live", "info", "store",
          "cfd", "sbs", "buzz", "fun", "space", "pw", "cc", "su", "vip", "pro", "ru", "com",
          "net", "org", "kz")  # fmt: skip
_BRAND_NAMES = {
    "kaspi": ("kaspi", "kaspi-gold", "kaspl", "kaspii", "kazpi", "kaspibank", "kaspi-kz"),
    "egov": ("egov", "egov-kz", "e-gov", "egovkz", "gov-kz", "egov-portal", "egоv"),
    "post": ("kazpost", "kaz-post", "post-kz", "kazpost-kz", "kazpochta", "qazpost", "pochta"),
    "olx": ("olx", "olx-kz", "olx-dostavka", "olx-pay", "olxkz", "oix", "olx-safe"),
    "bank": ("halyk", "halykbank", "homebank", "homebenk", "jusan", "forte", "freedom",
             "kaspi", "bcc", "bereke", "halyk-online", "homecredit"),
}  # fmt: skip
_REAL = {
    "kaspi": ("kaspi.kz",),
    "egov": ("egov.kz",),
    "post": ("post.kz", "kazpost.kz"),
    "olx": ("olx.kz",),
    "bank": ("kaspi.kz", "halykbank.kz", "homebank.kz", "jusan.kz", "forte.kz", "bcc.kz",
             "berekebank.kz", "bankffin.kz", "homecredit.kz"),
}  # fmt: skip
_PATHS = ("", "", "/login", "/pay", "/bonus", "/get", "/id{n}", "/kz", "/?id={n}", "/form",
          "/vyplata", "/track/{n}", "/oplata", "/client")  # fmt: skip


def _with_path(rng: random.Random, host: str) -> str:
    path = rng.choice(_PATHS).format(n=rng.randrange(1000, 999_999))
    scheme = rng.choice(("https://", "https://", "http://", "", ""))
    return f"{scheme}{host}{path}"


def _lookalike(brand: str) -> Callable[[random.Random, str], str]:
    def make(rng: random.Random, _lang: str) -> str:
        name = rng.choice(_BRAND_NAMES[brand])
        word = rng.choice(_LOOKALIKE_WORDS)
        r = rng.random()
        if r < 0.4:
            host = f"{name}-{word}.{rng.choice(_CHEAP)}"
        elif r < 0.6:
            host = f"{word}-{name}.{rng.choice(_CHEAP)}"
        elif r < 0.8:
            host = f"{name}.kz-{word}.{rng.choice(_CHEAP)}"
        else:
            host = f"{name}{rng.randrange(1, 99)}.{rng.choice(_CHEAP)}"
        return _with_path(rng, host)

    return make


def _genuine(brand: str) -> Callable[[random.Random, str], str]:
    return lambda rng, _lang: _with_path(rng, rng.choice(_REAL[brand])).split("/?")[0]


def _fakelink(rng: random.Random, lang: str) -> str:
    if rng.random() < 0.2:
        return _shortener(rng, lang)
    return _with_path(rng, draw_host(rng))


def _shortener(rng: random.Random, _lang: str) -> str:
    code = "".join(rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGH23456789") for _ in range(6))
    return f"{rng.choice(('bit.ly', 'clck.ru', 'tinyurl.com', 'cutt.ly', 'is.gd'))}/{code}"


_SCAM_WORDS = ("invest", "capital", "profit", "crypto", "trade", "finance", "kaz", "qaz",
               "oil", "gaz", "atom", "money", "bereke", "altyn", "tabys", "global", "smart",
               "ai", "bot", "club", "group", "fund", "nacfond", "people", "halyq")  # fmt: skip


def _scamsite(rng: random.Random, lang: str) -> str:
    if rng.random() < 0.25:
        return _telegram(rng, lang)
    first, second = rng.sample(_SCAM_WORDS, 2)
    tld = rng.choice(("com", "pro", "online", "site", "top", "io", "ltd", "net", "club", "kz"))
    return _with_path(rng, f"{first}{rng.choice(('', '-'))}{second}.{tld}")


def _telegram(rng: random.Random, _lang: str) -> str:
    if rng.random() < 0.4:
        code = "".join(rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGH_23456789") for _ in range(12))
        return f"https://t.me/+{code}"
    first, second = rng.sample(_SCAM_WORDS, 2)
    start = rng.choice(("t.me/", "https://t.me/", "@"))
    return f"{start}{first}_{second}{rng.choice(('', '_kz', '24'))}"


def _handle(rng: random.Random, _lang: str) -> str:
    first, second = rng.sample((*_SCAM_WORDS, "shop", "store", "style", "brand", "lux"), 2)
    return f"@{first}_{second}{rng.choice(('', '.kz', '_almaty', '_astana'))}"


def _track(rng: random.Random, _lang: str) -> str:
    prefix = rng.choice(("RR", "RB", "LP", "CP", "EE", "RA", "UM"))
    return f"{prefix}{rng.randrange(10**9):09d}{rng.choice(('KZ', 'CN', 'KZ', 'TR'))}"


def _plate(rng: random.Random, _lang: str) -> str:
    letters = "".join(rng.choice("ABCEHKMOPTXYZ") for _ in range(3))
    return f"{rng.randrange(100, 999)}{letters}{rng.choice(('02', '01', '17', '05', '09'))}"


def _pct(low: int, high: int) -> Callable[[random.Random, str], str]:
    return lambda rng, _lang: f"{rng.randrange(low, high)}{rng.choice(('%', '%', ' %'))}"


_MADE_UP: dict[str, Callable[[random.Random, str], str]] = {
    "phone": lambda rng, _lang: kz_mobile(rng),
    "phone2": lambda rng, _lang: kz_mobile(rng),
    "short_bank": lambda rng, _lang: rng.choice(("9999", "7111", "7711", "7575", "7799", "505")),
    "small": _amount(300, 9_900),
    "fee": _amount(2_000, 60_000),
    "amount": _amount(10_000, 600_000),
    "income": _amount(150_000, 3_000_000),
    "big": _amount(500_000, 15_000_000),
    "usd": _usd,
    "pct": _pct(3, 45),
    "bigpct": _pct(50, 500),
    "pct_rate": _pct(12, 17),
    "years": lambda rng, _lang: str(rng.randint(1, 5)),
    "num_small": lambda rng, _lang: str(rng.randint(2, 40)),
    "code": lambda rng, _lang: f"{rng.randrange(10 ** rng.choice((4, 4, 6))):0{4}d}",
    "card4": lambda rng, _lang: f"{rng.randrange(10_000):04d}",
    "card": _card,
    "iban": _iban,
    "order": lambda rng, _lang: str(rng.randrange(10_000, 99_999_999)),
    "track": _track,
    "date": _date,
    "time": lambda rng, _lang: f"{rng.randint(8, 21)}:{rng.choice(('00', '15', '30', '45'))}",
    "plate": _plate,
    "fakelink": _fakelink,
    "fake_kaspi": _lookalike("kaspi"),
    "fake_egov": _lookalike("egov"),
    "fake_post": _lookalike("post"),
    "fake_olx": _lookalike("olx"),
    "fake_bank": _lookalike("bank"),
    "real_bank": _genuine("bank"),
    "real_egov": _genuine("egov"),
    "real_post": _genuine("post"),
    "scamsite": _scamsite,
    "tg": _telegram,
    "handle": _handle,
    "short": _shortener,
}

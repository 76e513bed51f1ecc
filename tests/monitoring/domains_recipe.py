"""Independent, labelled domain-name test set for a Kazakhstan lookalike-domain detector.

Written without reference to the detector (nothing under ``cyberpol.monitoring`` other than
``brands.json`` or ``cyberpol.synth`` was read) and without dnstwist / confusable_homoglyphs.
Only the standard library is used (``idna`` is used, if installed, to double-check IDN labels).

``build(seed, size)`` returns ``size`` unique :class:`LabelledDomain` rows, about half
lookalikes, deterministic for a seed (``random.Random(seed)``; every pool is an ordered list).
Uniqueness is checked on the ASCII (punycode) form, so a Unicode homoglyph and its ``xn--``
spelling never both appear.

Labelling rule
--------------
``lookalike=True`` only when a reasonable analyst would say the name was made to impersonate
a protected brand: an edit / glyph swap of a protected domain label, the brand word joined to a
fraud lure (bonus, vyplata, login, ...), the brand label moved to another TLD, or the protected
domain embedded as a subdomain of a foreign registered domain.  A lookalike is never a protected
domain, never a subdomain of one (so ``pay.kaspi.kz`` and ``*.gov.kz`` are never lookalikes) and
never on the small list of the brand group's own foreign sites (``olx.ua``, ``homecredit.ru``).
Every Unicode / punycode / ASCII-glyph variant of a protected domain is a lookalike, short
brands included.  Brand-like common words next to an ordinary business word on a normal TLD
(``halyk-gazeti.kz``, ``kaspiy-tour.kz``, ``krisha-remont.kz``) are ordinary.
``brand_domain`` is the protected domain imitated; ``None`` for every ordinary row.

Lookalike families (brand first drawn uniformly among eligible brands, then a domain of it)
-------------------------------------------------------------------------------------------
Typos apply only to the first label of protected domains whose label has >= 5 characters
(so bcc, olx, egov, gov, post, kgd get none); a small list of real words that an edit happens to
produce (``krishna``, ``forge``, ``juan``, ``kaspiy`` ...) is skipped.  TLD: the brand's own in
70%, otherwise one of com net org kz top online site xyz info shop.
* typo_omission      one character deleted (not the first one when the label is < 7 chars).
* typo_insertion     a QWERTY neighbour of a character inserted before or after it.
* typo_repetition    one character doubled.
* typo_transposition two adjacent different characters swapped.
* typo_keyboard      one character replaced by a QWERTY neighbour (letters/digits).
* typo_vowel_swap    one vowel (aeiou) replaced by another.
* bitflip            one bit of one ASCII character flipped, kept when the result is in [a-z0-9-].
* hyphenation        '-' inserted inside the label (>= 5 chars), or at a word boundary of a
                     compound name (halyk-bank, home-credit, e-gov, kaz-post ...).
* homoglyph_unicode  1-2 (sometimes all possible) Latin letters of a non-TLD label replaced by
                     Cyrillic / Greek / Armenian / Latin-IPA look-alikes (а е о р с х у і ј ѕ һ
                     ӏ ԁ ο α κ ρ ν υ ո ս ɡ ı ...), emitted in Unicode; any label, short brands
                     too.
* punycode           the same construction emitted as its IDNA ``xn--`` form (Python's ``idna``
                     codec; kept only if it round-trips and, if available, the idna package agrees).
* homoglyph_ascii    one (20%: two) ASCII glyph swaps: l->1/i, i->l/1, o->0, 0->o, 1->l, m->rn/nn,
                     rn->m, w->vv, vv->w, d->cl, cl->d; any label, short brands too.
* combosquat         a brand word from brands.json names/common + lure(s): n-l, l-n, nl, ln, n-l-l,
                     n-kz-l, l-n-kz; TLD cheap (top xyz online site icu shop click live info store
                     cfd sbs buzz vip) 55%, com/net/org/pro/me/info 25%, kz 20%.  Lures are general
                     (login secure verify bonus pay ...) or brand-specific (posylka for Kazpost,
                     shtraf for Police, vozvrat/nalog for the tax committee ...).  Ambiguous words
                     (post, pochta, halyk, forte, bereke, salyk, krisha, kolesa, bcc, rbk, ffin ...)
                     only take brand-specific lures (no 'dostavka' for kolesa, 'arenda' for krisha).
* tld_swap           the label alone on a cheap TLD ('kaspi.top'); distinctive compound bank labels
                     also on com/net/org.  Not done for post, gov, police, polisia, forte, bcc, kgd.
* tld_swap_kz_label  the protected domain flattened into a label ('olx-kz.com', 'kgd-gov-kz.com',
                     'kaspikz.top') on another TLD.
* subdomain_brand    the protected domain inside a foreign name: 'kaspi.kz.login-verify.top',
                     'id.halykbank.kz.auth-check.online', 'egov.kz-vyplata.com',
                     'olx-kz.pay-safe.site'.

Ordinary families (lookalike=False, brand_domain=None)
------------------------------------------------------
* ordinary_protected        the protected domains themselves.
* ordinary_brand_subdomain  subdomains of protected domains (guide.kaspi.kz, login.halykbank.kz,
                            ministries such as kgd.gov.kz / stat.gov.kz).
* ordinary_global           hand list of well-known global sites.
* ordinary_kz_known         hand list of well-known Kazakh media, telecom, retail, universities.
* ordinary_brand_group      the brand group's own sites abroad (olx.ua, olx.pl, homecredit.ru ...).
* resembles_brand           HARD negatives: brand-like common words with business words
                            (kaspiy-tour.kz, halyk-gazeti.kz, krisha-remont.kz, postroy.kz,
                            kolxoz-market.kz, muffin-cafe.kz, begovaya-dorozhka.kz), real sites
                            containing brand-ish strings (kaspersky.com, washingtonpost.com) and
                            names one letter from short brands (bcd.kz, olk.kz, bbc.com, gov.uk).
* ordinary_kz_business      generated small businesses from Kazakh / Russian transliterated words,
                            business words and cities on kz / com.kz / org.kz / com / edu.kz;
                            rejected if they contain any brand word.
"""

# ruff: noqa: SIM905  (word lists are written as whitespace-separated strings)
from __future__ import annotations

import csv
import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

try:  # optional cross-check of IDN validity
    import idna as _idna_pkg
except ImportError:  # pragma: no cover
    _idna_pkg = None  # type: ignore[assignment]

BRANDS_FILE = Path(__file__).resolve().parents[2] / "src/cyberpol/monitoring/brands.json"


@dataclass(frozen=True)
class LabelledDomain:
    domain: str
    lookalike: bool
    brand_domain: str | None
    family: str


def _load_brands() -> list[dict]:
    data = json.loads(BRANDS_FILE.read_text(encoding="utf-8"))
    return [b for b in data["brands"] if b.get("domains")]


BRANDS = _load_brands()
PROTECTED = [d for b in BRANDS for d in b["domains"]]
PROTECTED_LABELS = {d.split(".")[0] for d in PROTECTED}
for _b in BRANDS:  # brands.json: 'names' (brand-only words) and, in newer files, 'common' words
    _b["words"] = list(_b.get("names", [])) + list(_b.get("common", []))
BRAND_WORDS = sorted({w for b in BRANDS for w in b["words"]} | PROTECTED_LABELS)

# The brand group's own sites in other countries: not impersonation, never emitted as lookalikes.
BRAND_GROUP_FOREIGN = (
    "olx.ua olx.pl olx.uz olx.ro olx.pt olx.bg olx.com.br homecredit.ru "
    "homecredit.net homecredit.ph homecredit.co.in homecredit.vn "
    "ffin.ru"
).split()

CHEAP_TLDS = "top xyz online site icu shop click live info store cfd sbs buzz vip".split()
GENERIC_TLDS = "com net org pro me info".split()
TYPO_TLDS = "com net org kz top online site xyz info shop".split()
# Words an edit of a brand label happens to produce; not credible typosquats.
TYPO_DENY = set(
    "krishna krysha krish keisha irisha orisha kaspiy kaspa kospi juan busan fort fore "
    "forts forty forth forge forme force forter fortes forti forto corte norte torte "
    "porte borte forde polis policy polish policed policer polices koleso "
    "ebank".split()
)
AMBIGUOUS_NAMES = set(
    "post pochta halyk forte bereke salyk onlinebank bcc rbk ffin freedom "
    "altyn krisha kolesa police policia".split()
)
AMBIGUOUS_NAMES |= {w for b in BRANDS for w in b.get("common", [])}
NO_TLD_SWAP = set("post gov police polisia forte bcc kgd".split())
COMPOUND_LABELS = set(
    "halykbank fortebank bankffin berekebank hcsbk otbasybank eubank bankrbk "
    "altynbank nurbank kazpost kaspi".split()
)
WORD_SPLITS = {
    "halykbank": "halyk-bank",
    "homebank": "home-bank",
    "fortebank": "forte-bank",
    "bankffin": "bank-ffin",
    "freedombank": "freedom-bank",
    "berekebank": "bereke-bank",
    "otbasybank": "otbasy-bank",
    "eubank": "eu-bank",
    "homecredit": "home-credit",
    "bankrbk": "bank-rbk",
    "altynbank": "altyn-bank",
    "nurbank": "nur-bank",
    "kazpost": "kaz-post",
    "egov": "e-gov",
}

GENERAL_LURES = (
    "login secure verify online kz support gift promo cashback vyplata kompensaciya "
    "aktsiya priz card bank kabinet 2fa app bonus pay id auth help update my lk "
    "portal service oplata vozvrat signin confirm bezopasnost"
).split()
BRAND_LURES = {
    "Kaspi": "bonus gold red kredit perevod cashback card pay qr magazin".split(),
    "OLX": "dostavka oplata delivery sdelka bezopasnaya-sdelka pay order prodazha".split(),
    "Krisha": "oplata predoplata sdelka bezopasnaya-sdelka zalog pay".split(),
    "Kolesa": "oplata predoplata sdelka bezopasnaya-sdelka zalog pay".split(),
    "Kazpost": "posylka dostavka track tracking parcel oplata tamozhnya kz".split(),
    "eGov": "posobie vyplata kompensaciya shtraf gosuslugi subsidiya ecp eds kz".split(),
    "State Revenue Committee": "nalog vozvrat salyk shtraf deklaraciya kgd".split(),
    "Police": "shtraf oplata proverka rozysk kz".split(),
}
BANK_LURES = "bank card kredit deposit perevod cashback bonus kabinet online oplata kz".split()

_KEY_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"]


def _keyboard() -> dict[str, str]:
    near: dict[str, str] = {}
    for r, row in enumerate(_KEY_ROWS):
        for i, ch in enumerate(row):
            cand = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            if r > 0:
                cand += [_KEY_ROWS[r - 1][j] for j in (i, i + 1) if j < len(_KEY_ROWS[r - 1])]
            if r + 1 < len(_KEY_ROWS):
                cand += [_KEY_ROWS[r + 1][j] for j in (i - 1, i) if 0 <= j < len(_KEY_ROWS[r + 1])]
            near[ch] = "".join(cand)
    return near


KEYBOARD = _keyboard()
HOST_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")
UNI_GLYPHS = {
    "a": "\u0430\u03b1\u0251",
    "c": "\u0441\u03f2",
    "d": "\u0501",
    "e": "\u0435\u0117",
    "g": "\u0261",
    "h": "\u04bb",
    "i": "\u0456\u0131",
    "j": "\u0458",
    "k": "\u03ba\u043a",
    "l": "\u04cf",
    "n": "\u0578",
    "o": "\u043e\u03bf\u0585",
    "p": "\u0440\u03c1",
    "q": "\u051b",
    "r": "\u0433",
    "s": "\u0455",
    "u": "\u03c5\u057d",
    "v": "\u03bd\u0475",
    "w": "\u051d",
    "x": "\u0445",
    "y": "\u0443\u04af",
}
ASCII_GLYPHS = [
    ("l", "1"),
    ("l", "i"),
    ("i", "l"),
    ("i", "1"),
    ("o", "0"),
    ("0", "o"),
    ("1", "l"),
    ("m", "rn"),
    ("m", "nn"),
    ("rn", "m"),
    ("w", "vv"),
    ("vv", "w"),
    ("d", "cl"),
    ("cl", "d"),
]


# ----------------------------------------------------------------------------- helpers
def is_protected(domain: str) -> bool:
    return any(domain == p or domain.endswith("." + p) for p in PROTECTED)


def _valid_label(label: str) -> bool:
    return (
        0 < len(label) <= 63
        and set(label) <= HOST_CHARS
        and label[0] != "-"
        and label[-1] != "-"
        and ("--" not in label or label.startswith("xn--"))
    )


def _valid_ascii(domain: str) -> bool:
    labels = domain.split(".")
    return len(labels) >= 2 and len(domain) <= 253 and all(_valid_label(x) for x in labels)


def to_ascii(domain: str) -> str | None:
    """ASCII form of a (possibly Unicode) domain, or None if it is not a clean IDN."""
    if domain.isascii():
        return domain
    try:
        ascii_form = domain.encode("idna").decode("ascii")
        if ascii_form.encode("ascii").decode("idna") != domain:
            return None
        if _idna_pkg is not None and _idna_pkg.encode(domain).decode("ascii") != ascii_form:
            return None
    except (UnicodeError, ValueError, Exception):  # idna package raises its own IDNAError
        return None
    return ascii_form


def _split(domain: str) -> tuple[str, str]:
    label, _, suffix = domain.partition(".")
    return label, suffix


# ----------------------------------------------------------------------------- typo variants
def _typos(label: str, kind: str) -> list[str]:
    n, out = len(label), []
    if kind == "typo_omission":
        out = [label[:i] + label[i + 1 :] for i in range(0 if n >= 7 else 1, n)]
    elif kind == "typo_insertion":
        for i, ch in enumerate(label):
            for k in KEYBOARD.get(ch, ""):
                out += [label[:i] + k + label[i:], label[: i + 1] + k + label[i + 1 :]]
    elif kind == "typo_repetition":
        out = [label[:i] + ch + label[i:] for i, ch in enumerate(label) if ch.isalpha()]
    elif kind == "typo_transposition":
        out = [
            label[:i] + label[i + 1] + label[i] + label[i + 2 :]
            for i in range(n - 1)
            if label[i] != label[i + 1]
        ]
    elif kind == "typo_keyboard":
        out = [
            label[:i] + k + label[i + 1 :]
            for i, ch in enumerate(label)
            for k in KEYBOARD.get(ch, "")
        ]
    elif kind == "typo_vowel_swap":
        out = [
            label[:i] + v + label[i + 1 :]
            for i, ch in enumerate(label)
            if ch in "aeiou"
            for v in "aeiou"
            if v != ch
        ]
    elif kind == "bitflip":
        for i, ch in enumerate(label):
            for bit in range(8):
                c2 = chr(ord(ch) ^ (1 << bit))
                if c2 in HOST_CHARS:
                    out.append(label[:i] + c2 + label[i + 1 :])
    elif kind == "hyphenation":
        out = [label[:i] + "-" + label[i:] for i in range(1, n)] if n >= 5 else []
        if label in WORD_SPLITS:
            out += [WORD_SPLITS[label]] * 3  # word-boundary split is the likeliest form
    seen, res = set(), []
    for v in out:
        if (
            v != label
            and v not in seen
            and _valid_label(v)
            and len(v) >= 3
            and v not in TYPO_DENY
            and v not in PROTECTED_LABELS
        ):
            seen.add(v)
            res.append(v)
    return res


TYPO_FAMILIES = [
    "typo_omission",
    "typo_insertion",
    "typo_repetition",
    "typo_transposition",
    "typo_keyboard",
    "typo_vowel_swap",
    "bitflip",
    "hyphenation",
]


def _typo_domains(brand: dict, kind: str) -> list[str]:
    return [
        d
        for d in brand["domains"]
        if len(_split(d)[0]) >= 5 or (kind == "hyphenation" and _split(d)[0] in WORD_SPLITS)
    ]


def _gen_typo(rng: random.Random, brand: dict, kind: str) -> tuple[str, str] | None:
    domains = _typo_domains(brand, kind)
    if not domains:
        return None
    dom = rng.choice(domains)
    label, suffix = _split(dom)
    variants = _typos(label, kind)
    if not variants:
        return None
    tld = suffix if rng.random() < 0.7 else rng.choice(TYPO_TLDS)
    return f"{rng.choice(variants)}.{tld}", dom


# ----------------------------------------------------------------------------- glyph variants
def _glyph_label(rng: random.Random, label: str, unicode: bool) -> str | None:
    if unicode:
        places = [i for i, ch in enumerate(label) if ch in UNI_GLYPHS]
        if not places:
            return None
        r = rng.random()
        k = len(places) if r < 0.1 else (2 if r < 0.4 else 1)
        chars = list(label)
        for i in rng.sample(places, min(k, len(places))):
            chars[i] = rng.choice(UNI_GLYPHS[chars[i]])
        return "".join(chars)
    out = label
    for _ in range(2 if rng.random() < 0.2 else 1):
        spots: list[tuple[int, str, str]] = [
            (at, src, dst)
            for src, dst in ASCII_GLYPHS
            for at in range(len(out))
            if out.startswith(src, at)
        ]
        if not spots:
            break
        at, src, dst = rng.choice(spots)
        out = out[:at] + dst + out[at + len(src) :]
    return out if out != label else None


def _gen_glyph(rng: random.Random, brand: dict, unicode: bool) -> tuple[str, str] | None:
    dom = rng.choice(brand["domains"])
    labels = dom.split(".")
    idx = rng.randrange(len(labels) - 1)  # never the TLD
    new = _glyph_label(rng, labels[idx], unicode)
    if new is None:
        return None
    labels[idx] = new
    if len(labels) == 2 and _split(dom)[0] not in NO_TLD_SWAP and rng.random() < 0.15:
        labels[-1] = rng.choice(["com", "top", "online", "net"])
    return ".".join(labels), dom


# ----------------------------------------------------------------------------- combos & co
def _brand_lures(brand: dict) -> list[str]:
    return BRAND_LURES.get(brand["brand"], BANK_LURES)


def _pick_tld(rng: random.Random, cheap: float = 0.55, generic: float = 0.25) -> str:
    r = rng.random()
    if r < cheap:
        return rng.choice(CHEAP_TLDS)
    return rng.choice(GENERIC_TLDS) if r < cheap + generic else "kz"


def _gen_combo(rng: random.Random, brand: dict) -> tuple[str, str] | None:
    if not brand["words"]:
        return None
    name = rng.choice(brand["words"])
    if name in AMBIGUOUS_NAMES:
        lures = [x for x in _brand_lures(brand) if x != "kz"]
    else:
        lures = _brand_lures(brand) if rng.random() < 0.4 else GENERAL_LURES
    l1, l2 = rng.choice(lures), rng.choice(GENERAL_LURES)
    if l1 == l2 or (name.endswith("kz") and "kz" in (l1, l2)):
        return None
    pattern = rng.choice(["n-l", "n-l", "l-n", "nl", "ln", "n-l-l", "n-kz-l", "l-n-kz"])
    if name in AMBIGUOUS_NAMES and pattern == "n-l-l":
        pattern = "n-kz-l"
    label = {
        "n-l": f"{name}-{l1}",
        "l-n": f"{l1}-{name}",
        "nl": f"{name}{l1}",
        "ln": f"{l1}{name}",
        "n-l-l": f"{name}-{l1}-{l2}",
        "n-kz-l": f"{name}-kz-{l1}",
        "l-n-kz": f"{l1}-{name}-kz",
    }[pattern]
    if label in PROTECTED_LABELS or "kz-kz" in label or ("kz" in (l1, l2) and "kz" in pattern):
        return None
    own = sorted(
        (d for d in brand["domains"] if _split(d)[0] in name or name in _split(d)[0]),
        key=lambda d: (_split(d)[0] != name, -len(_split(d)[0])),
    )
    return f"{label}.{_pick_tld(rng, 0.55, 0.25)}", (own or brand["domains"])[0]


def _gen_tld_swap(rng: random.Random, brand: dict) -> tuple[str, str] | None:
    doms = [d for d in brand["domains"] if _split(d)[0] not in NO_TLD_SWAP]
    if not doms:
        return None
    dom = rng.choice(doms)
    label, suffix = _split(dom)
    if label in COMPOUND_LABELS and rng.random() < 0.3:
        tld = rng.choice(["com", "net", "org"])
    else:
        tld = rng.choice(CHEAP_TLDS)
    return None if tld == suffix else (f"{label}.{tld}", dom)


def _gen_kz_label(rng: random.Random, brand: dict) -> tuple[str, str] | None:
    dom = rng.choice(brand["domains"])
    base = dom if dom.endswith(".kz") else _split(dom)[0] + ".kz"
    label = base.replace(".", rng.choice(["-", "-", ""]))
    return f"{label}.{_pick_tld(rng, 0.5, 0.5)}", dom


def _gen_subdomain(rng: random.Random, brand: dict) -> tuple[str, str] | None:
    dom = rng.choice(brand["domains"])
    lure = rng.choice(GENERAL_LURES + _brand_lures(brand))
    l2 = rng.choice(GENERAL_LURES)
    sld = f"{lure}-{l2}" if rng.random() < 0.6 else f"{lure}{rng.randrange(1, 999)}"
    if lure == l2 or lure == "kz":
        return None
    tld = _pick_tld(rng, 0.6, 0.4)
    head, _, last = dom.rpartition(".")
    form = rng.randrange(4)
    if form == 0:
        name = f"{dom}.{sld}.{tld}"
    elif form == 1:
        host = rng.choice(["login", "id", "my", "secure", "www", "auth", "online"])
        name = f"{host}.{dom}.{sld}.{tld}"
    elif form == 2:
        name = f"{head}.{last}-{lure}.{rng.choice(['com', 'net', 'org', 'info', *CHEAP_TLDS])}"
    else:
        name = f"{dom.replace('.', '-')}.{sld}.{tld}"
    return name, dom


LOOKALIKE_QUOTAS = [  # family, share of the lookalike half
    ("typo_omission", 0.05),
    ("typo_insertion", 0.06),
    ("typo_repetition", 0.04),
    ("typo_transposition", 0.05),
    ("typo_keyboard", 0.06),
    ("typo_vowel_swap", 0.05),
    ("bitflip", 0.05),
    ("hyphenation", 0.05),
    ("homoglyph_unicode", 0.10),
    ("punycode", 0.10),
    ("homoglyph_ascii", 0.08),
    ("tld_swap", 0.05),
    ("tld_swap_kz_label", 0.05),
    ("subdomain_brand", 0.07),
    ("combosquat", 0.14),
]


def _lookalike(rng: random.Random, family: str, brand: dict) -> tuple[str, str] | None:
    if family in TYPO_FAMILIES:
        return _gen_typo(rng, brand, family)
    if family in ("homoglyph_unicode", "punycode", "homoglyph_ascii"):
        return _gen_glyph(rng, brand, unicode=family != "homoglyph_ascii")
    return {
        "combosquat": _gen_combo,
        "tld_swap": _gen_tld_swap,
        "tld_swap_kz_label": _gen_kz_label,
        "subdomain_brand": _gen_subdomain,
    }[family](rng, brand)


# ----------------------------------------------------------------------------- ordinary data
GLOBAL_SITES = """google.com youtube.com facebook.com instagram.com wikipedia.org en.wikipedia.org
ru.wikipedia.org yandex.ru mail.ru vk.com ok.ru telegram.org t.me web.whatsapp.com apple.com
support.apple.com microsoft.com login.microsoftonline.com github.com stackoverflow.com amazon.com
aliexpress.com aliexpress.ru wildberries.ru ozon.ru booking.com secure.booking.com airbnb.com
netflix.com linkedin.com twitter.com x.com tiktok.com reddit.com cnn.com nytimes.com
theguardian.com reuters.com bloomberg.com rbc.ru lenta.ru ria.ru kommersant.ru habr.com
gosuslugi.ru sberbank.ru tbank.ru visa.com mastercard.com paypal.com ebay.com alibaba.com zoom.us
skype.com dropbox.com adobe.com cloudflare.com wordpress.com medium.com coursera.org udemy.com
khanacademy.org duolingo.com spotify.com twitch.tv store.steampowered.com office.com outlook.com
live.com icloud.com gmail.com accounts.google.com proton.me 2gis.ru hh.ru avito.ru drom.ru auto.ru
cian.ru kinopoisk.ru python.org pypi.org mozilla.org w3.org un.org who.int imf.org worldbank.org
oecd.org europa.eu usa.gov mit.edu stanford.edu harvard.edu ox.ac.uk cam.ac.uk msu.ru samsung.com
xiaomi.com huawei.com lg.com sony.com nike.com adidas.com ikea.com zara.com hm.com mcdonalds.com
kfc.com starbucks.com coca-cola.com ford.com toyota.com hyundai.com kia.com bmw.com tesla.com
shell.com emirates.com turkishairlines.com aeroflot.ru lufthansa.com qatarairways.com
tripadvisor.com expedia.com skyscanner.net aviasales.ru binance.com coinmarketcap.com
weather.com accuweather.com gismeteo.ru speedtest.net archive.org imdb.com pinterest.com
quora.com yahoo.com bing.com duckduckgo.com openai.com chatgpt.com canva.com notion.so slack.com
trello.com atlassian.com figma.com shopify.com etsy.com temu.com shein.com lamoda.ru
dns-shop.ru mvideo.ru eldorado.ru""".split()
KZ_SITES = """tengrinews.kz nur.kz zakon.kz kazakhtelecom.kz telecom.kz beeline.kz kcell.kz
activ.kz tele2.kz altel.kz airastana.com flyarystan.com kaznu.kz enu.kz nu.edu.kz kbtu.kz
satbayev.university sdu.edu.kz kimep.kz astanait.edu.kz narxoz.kz kazguu.kz akorda.kz
primeminister.kz parlam.kz adilet.zan.kz inform.kz kazpravda.kz egemen.kz khabar.kz 24.kz ktk.kz
kursiv.media forbes.kz vlast.kz informburo.kz orda.kz kapital.kz lsm.kz dknews.kz sports.kz
vesti.kz caravan.kz total.kz bnews.kz el.kz azattyq.org kinopark.kz chocolife.me chocotravel.com
aviata.kz technodom.kz sulpak.kz mechta.kz alser.kz flip.kz arbuz.kz magnum.kz small.kz
meloman.kz marwin.kz kazmunaygas.kz kmg.kz sk.kz kegoc.kz kazatomprom.kz railways.kz kase.kz
nationalbank.kz aifc.kz kazpatent.kz enbek.kz kazakhstan.travel visitalmaty.kz shymbulak.com
ticketon.kz kino.kz hh.kz yandex.kz google.kz mail.kz korter.kz satu.kz market.kz 2gis.kz
glovo.kz wolt.com kinopoisk.kz aqparat.info stan.kz otyrar.kz almaty.tv astana.tv
qazaqstan.tv baq.kz massaget.kz abai.kz adyrna.kz ult.kz kaspersky.kz""".split()
SUBDOMAIN_WORDS = (
    "www m mobile api cdn static mail guide pay shop news help id online my "
    "business ir career jobs docs login app dev status"
).split()
GOV_SUBDOMAINS = (
    "stat mvd mfa minfin edu enbek adilet kgd economy energo aqmola almaty astana "
    "shymkent karaganda election www"
).split()

RESEMBLE_ROOTS = {
    "kaspiy": "tour neft hotel balyk port logistics resort trans stroy marine travel fish".split(),
    "kaspian": "hotel resort oil group energy shipping consulting".split(),
    "halyk": "gazeti media radio teatr kitaphana muzei ansambli universiteti sport".split(),
    "krisha": "remont montazh master profnastil stroy krovlya".split(),
    "kolesa": "shinomontazh diski shiny balansirovka hranenie".split(),
    "forte": "piano music school studio".split(),
    "altyn": "jewel dala orda tas zoloto kuz sapa".split(),
    "bereke": "market dukeni cafe toi ayaz ".split(),
    "nur": "stroy clinic tau tour med dent plaza".split(),
    "jusan": "dala tea honey camp".split(),
    "otbasy": "clinic demalys tour dent".split(),
    "home": "decor style mebel textile depot".split(),
    "kolxoz": "market produkty".split(),
    "muffin": "cafe bakery".split(),
    "begovaya": "dorozhka".split(),
    "govyadina": "optom".split(),
    "postel": "belie textile".split(),
    "postavka": "stroy optom".split(),
    "poster": "print studio".split(),
    "eurasia": "logistics group hotel".split(),
    "freedom": "fitness dance yoga".split(),
}
RESEMBLE_FIXED = """postroy.kz poster-print.kz fortepiano-school.kz krovlya-krisha.kz kaspiyneft.kz
halykmedia.kz bolxoz.kz bcd.kz bca.kz olk.kz ols.kz ox.kz kgs.kz gov.uk gov.ru post.ch post.at
police.uk polizei.de pochta.ru host.kz most.kz port.kz kaspersky.com washingtonpost.com huffpost.com
nypost.com postgresql.org postman.com homedepot.com forter.com fortinet.com bbc.com
krishna-yoga.kz nurly-tour.kz altynorda.kz halyk-gazeti.kz""".split()

KZ_NAMES = """aru aruzhan ayana dostyq dostar zhuldyz saule akzhol aisulu asel tumar shanyraq
kokzhiek samal shapagat mereke sunkar tulpar zhibek kunshuak baqyt ulan erke tolagai zhetisu
altai alatau tabigat oazis akbota kamshat kyzgaldak raushan meiram dala sarzhailau tamasha
ademi ulagat kemel daryn orken koktem solnyshko romashka rodnik uyut vostok sever yug stolitsa
stepnoy zvezda raduga lotos yantar sapfir kristall gorizont magistral vershina premier atlant
bayan aksai ilek esil nura ertis tobyl aqsu kainar aigerim dana madina arman ermek""".split()
BIZ_WORDS = """cafe kafe restoran asxana toihana shop magazin market dukeni stroy remont clinic
klinika med dent stomatologiya apteka darikhana tour travel sayahat avto avtoservis moika
logistic trans cargo gruz mebel dekor okna dveri santehnika elektrik print reklama foto studio
beauty salon barbershop fitness sport school akademiya kursy english repetitor consulting
buhgalteriya yurist notarius agro ferma et sut nan konditer tort gul flowers cvety tekstil kiim
obuv zoo vet hotel qonaq-uy hostel sauna cleaning balabaqsha optom service""".split()
CITIES = """almaty astana shymkent karaganda aktobe atyrau pavlodar kostanay taraz oskemen semey
aktau turkestan kyzylorda petropavl oral taldykorgan ekibastuz zhezkazgan kokshetau temirtau
balkhash""".split()


def _contains_brand_word(domain: str) -> bool:
    flat = domain.replace("-", "").replace(".", " ")
    return any(w in flat for w in BRAND_WORDS if len(w) >= 3)


def _resembles(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return rng.choice(RESEMBLE_FIXED)
    root = rng.choice(sorted(RESEMBLE_ROOTS))
    word = rng.choice(RESEMBLE_ROOTS[root])
    r = rng.random()
    label = (
        f"{root}-{word}"
        if r < 0.5
        else f"{root}{word}"
        if r < 0.7
        else f"{root}-{word}-{rng.choice(CITIES)}"
    )
    t = rng.random()
    tld = "kz" if t < 0.75 else "com.kz" if t < 0.87 else "com" if t < 0.95 else "org.kz"
    return f"{label}.{tld}"


def _kz_business(rng: random.Random) -> str | None:
    name, biz, city = rng.choice(KZ_NAMES), rng.choice(BIZ_WORDS), rng.choice(CITIES)
    r = rng.random()
    if r < 0.05:
        school = rng.choice(["mektep", "sosh", "gimnaziya", "licei"])
        return f"{city}-{school}{rng.randrange(1, 120)}.edu.kz"
    label = (
        f"{name}-{biz}"
        if r < 0.35
        else f"{name}{biz}"
        if r < 0.5
        else f"{biz}-{city}"
        if r < 0.65
        else f"{name}-{biz}-{city}"
        if r < 0.78
        else f"{city}-{biz}"
        if r < 0.9
        else f"{name}-{city}"
    )
    t = rng.random()
    tld = "kz" if t < 0.78 else "com.kz" if t < 0.86 else "com" if t < 0.95 else "org.kz"
    dom = f"{label}.{tld}"
    return None if _contains_brand_word(dom) else dom


def _brand_subdomain(rng: random.Random) -> str:
    dom = rng.choice(PROTECTED)
    sub = rng.choice(GOV_SUBDOMAINS if dom == "gov.kz" else SUBDOMAIN_WORDS)
    if rng.random() < 0.15:
        sub = f"{rng.choice(SUBDOMAIN_WORDS)}.{sub}"
    return f"{sub}.{dom}"


# ----------------------------------------------------------------------------- build
def build(seed: int, size: int = 4000) -> list[LabelledDomain]:
    rng = random.Random(seed)
    rows: list[LabelledDomain] = []
    seen: set[str] = set()  # ASCII forms
    n_look, n_ord = size // 2, size - size // 2
    group_foreign = set(BRAND_GROUP_FOREIGN)

    def add_look(family: str, got: tuple[str, str] | None) -> bool:
        if got is None:
            return False
        domain, brand_domain = got
        domain = (to_ascii(domain) or "") if family == "punycode" else domain
        ascii_form = to_ascii(domain)
        if (
            not ascii_form
            or not _valid_ascii(ascii_form)
            or ascii_form in seen
            or is_protected(ascii_form)
            or ascii_form in group_foreign
            or (family == "homoglyph_unicode" and domain.isascii())
        ):
            return False
        seen.add(ascii_form)
        rows.append(LabelledDomain(domain, True, brand_domain, family))
        return True

    def fill_look(family: str, quota: int) -> None:
        got, tries = 0, 0
        while got < quota and tries < quota * 60:
            tries += 1
            got += add_look(family, _lookalike(rng, family, rng.choice(BRANDS)))

    for family, share in LOOKALIKE_QUOTAS[:-1]:
        fill_look(family, round(n_look * share))
    fill_look("combosquat", n_look - len(rows))
    for family, _ in LOOKALIKE_QUOTAS:  # top-up if combosquats ran dry (tiny/huge sizes)
        if len(rows) < n_look:
            fill_look(family, n_look - len(rows))

    start = len(rows)

    def add_ord(family: str, domain: str | None) -> bool:
        if not domain or domain in seen or not _valid_ascii(domain):
            return False
        seen.add(domain)
        rows.append(LabelledDomain(domain, False, None, family))
        return True

    def fill_list(family: str, items: list[str], quota: int) -> None:
        for d in rng.sample(items, min(quota, len(items))):
            add_ord(family, d)

    def fill_gen(family: str, gen, quota: int) -> None:
        got, tries = 0, 0
        while got < quota and tries < quota * 60:
            tries += 1
            got += add_ord(family, gen(rng))

    fill_list("ordinary_protected", PROTECTED, round(n_ord * 0.015))
    fill_list("ordinary_brand_group", BRAND_GROUP_FOREIGN, round(n_ord * 0.006))
    fill_list("ordinary_global", GLOBAL_SITES, round(n_ord * 0.08))
    fill_list("ordinary_kz_known", KZ_SITES, round(n_ord * 0.05))
    fill_gen("ordinary_brand_subdomain", _brand_subdomain, round(n_ord * 0.06))
    fill_gen("resembles_brand", _resembles, round(n_ord * 0.15))
    fill_gen("ordinary_kz_business", _kz_business, n_ord - (len(rows) - start))
    rng.shuffle(rows)
    return rows


def write_csv(rows: list[LabelledDomain], path: str | Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["domain", "lookalike", "brand_domain", "family"])
        writer.writerows(
            [r.domain, str(r.lookalike).lower(), r.brand_domain or "", r.family] for r in rows
        )


if __name__ == "__main__":
    data = build(1)
    counts = Counter((r.lookalike, r.family) for r in data)
    for (look, fam), n in sorted(counts.items(), key=lambda kv: (not kv[0][0], kv[0][1])):
        print(f"{'LOOK' if look else 'ord '}  {fam:28s} {n:5d}")
    print(
        "total",
        len(data),
        "lookalikes",
        sum(r.lookalike for r in data),
        "brands",
        len({r.brand_domain for r in data if r.lookalike}),
    )

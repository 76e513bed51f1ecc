"""Short texts cut into tokens the scam-text model reads the same way however they were typed.

A word's *key* is a Latin skeleton: Latin look-alikes inside a Cyrillic word (and Cyrillic
ones inside a Latin word) are put back first, then Cyrillic is transliterated and the
Kazakh letters fall together with their Russian stand-ins (қ, к and q are all "k"), the
usual informal spellings fold too (j/zh, w/u, y/i, kh/h, gh/g, ng/n), and doubled letters
are written once. So "Сіздің", "Сиздин", "sizdin" and "sızdıñ" are one word to the model,
and a typo that doubles a letter changes nothing.

Links, phones, cards, amounts and other numbers become *marks* ("<link:fake>", "<phone>",
"<money:l>"...): the model learns that a text carries a look-alike link or a large sum, not
which one. A token keeps its surface (the text as written) for explanations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from cyberpol.monitoring.detectors.lures import CHEAP_TLDS

LinkJudge = Callable[[str], str]  # a link as written -> "real", "fake", "cheap", "other"...


@dataclass(frozen=True, slots=True)
class Token:
    """One word or mark of a text: as written, and the key the model knows it by."""

    surface: str
    key: str
    is_mark: bool


_TLDS = CHEAP_TLDS | frozenset(
    """
    com net org info biz app io me pro ltd shop store online site kz ru uz kg by ua tr
    ae us uk eu de cn in co ly gl gd to
    """.split()  # noqa: SIM905 - a word list reads best as prose
)
_AMOUNT = r"\d{1,3}(?:[ \u00a0.,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_CURRENCY = (
    r"тг|тенге|теңге|тнг|₸|kzt|tenge|tg|т\.|тыс\.?|тысяч\w*|мың|млн|миллион\w*|mln|million|"
    r"k|к|\$|usd|usdt|долл\w*|dollars?|руб\w*|₽|евро|eur|€|£|gbp"
)
# Order matters: the first alternative that matches at a place wins.
_PIECES = re.compile(
    "|".join(
        (
            r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
            r"(?P<link>(?:https?://|www\.)[^\s<>\"'«»]+"
            r"|(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,12}"
            r"(?::\d{2,5})?(?:/[^\s<>\"'«»]*)?)",
            r"(?P<handle>@[a-z0-9_]{3,32})",
            r"(?P<card>(?<!\d)\d{4}[ -]?(?:\d{2}|\*{2}|x{2})(?:\d{2}|\*{2}|x{2})[ -]?"
            r"(?:\d{4}|\*{4}|x{4})[ -]?\d{4}(?!\d)|(?<![\w*])\*{1,4}\d{4}(?!\d))",
            r"(?P<phone>(?<![\d+])(?:\+\s?7|8|7)[\s(.-]{0,2}[67]\d{2}[\s).-]{0,2}\d{3}"
            r"[\s.-]?\d{2}[\s.-]?\d{2}(?!\d)|\+\d{1,3}[\s(.-]{0,2}\d[\d\s().-]{6,14}\d)",
            r"(?P<track>\b[a-z]{2}\d{9}[a-z]{2}\b)",
            rf"(?P<money>(?:[₸$€£]|kzt|usd)\s?(?:{_AMOUNT})"
            rf"|(?:{_AMOUNT})\s?(?:{_CURRENCY})(?![^\W\d_]))",
            r"(?P<pct>\d+(?:[.,]\d+)?\s?%)",
            r"(?P<date>(?<!\d)\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?(?![\d.]))",
            r"(?P<time>(?<!\d)\d{1,2}:\d{2}(?!\d))",
            r"(?P<number>\d+)",
            r"(?P<word>[^\W\d_]+)",
        )
    ),
    re.IGNORECASE,
)
_SHORTENERS = frozenset(
    """
    bit.ly tinyurl.com clck.ru cutt.ly goo.gl is.gd t.co rb.gy shorturl.at u.to vk.cc
    tiny.cc ow.ly s.id
    """.split()  # noqa: SIM905 - a word list reads best as prose
)
_MESSENGERS = frozenset(
    """
    t.me telegram.me wa.me api.whatsapp.com chat.whatsapp.com whatsapp.com instagram.com
    vk.com tiktok.com
    """.split()  # noqa: SIM905 - a word list reads best as prose
)
_MILLIONS = re.compile(r"\s?(?:млн|миллион|mln|million)")
_THOUSANDS = re.compile(r"\s?(?:тыс|мың|[kк](?![^\W\d_]))")
_FOREIGN = ("$", "usd", "долл", "dollar", "€", "eur", "евро", "£", "gbp")

# Latin letters that pass for Cyrillic ones inside a Cyrillic word, and the reverse.
_TO_CYRILLIC = str.maketrans(
    "aAcCeEoOpPxXyYkKiImMtTBHnu", "аАсСеЕоОрРхХуУкКіІмМтТВНпи"
)  # fmt: skip
_TO_LATIN = str.maketrans("аАсСеЕоОрРхХуУкКіІмМтТВНѕјһԛԝ", "aAcCeEoOpPxXyYkKiImMtTBHsjhqw")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z]")
_SKELETON = str.maketrans(
    {
        "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
        "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k",
        "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h",
        "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e",
        "ю": "iu", "я": "ia", "ї": "i", "є": "e", "ў": "u",
        "ä": "a", "ğ": "g", "ñ": "n", "ö": "o", "ü": "u", "ū": "u", "ş": "sh", "ç": "ch",
        "ı": "i", "q": "k", "w": "u", "j": "zh", "y": "i", "x": "ks", "'": "", "’": "",
    }
)  # fmt: skip
_DIGRAPHS = (("kh", "h"), ("gh", "g"), ("ng", "n"))
_REPEATS = re.compile(r"(.)\1+")


def fold_lookalikes(word: str) -> str:
    """A word typed in two scripts, written in the one most of its letters are in."""
    if not (_CYRILLIC.search(word) and _LATIN.search(word)):
        return word
    cyrillic = len(_CYRILLIC.findall(word))
    if cyrillic >= len(_LATIN.findall(word)):
        return word.translate(_TO_CYRILLIC)
    return word.translate(_TO_LATIN)


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The Latin skeleton of one word (see the module's docstring)."""
    folded = fold_lookalikes(word).lower().translate(_SKELETON)
    if not folded.isascii():  # accents and scripts the table leaves alone
        folded = "".join(
            c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
        )
    for digraph, letter in _DIGRAPHS:
        folded = folded.replace(digraph, letter)
    return _REPEATS.sub(r"\1", folded)


def link_host(link: str) -> str:
    """The host name of a link as written, lower case, without "www."."""
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", link.lower()).split("/", 1)[0]
    host = host.split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    return host.removeprefix("www.").rstrip(".")


def plain_link_kind(link: str) -> str:
    """What a link is without a brand list: a shortener, a messenger, a cheap TLD, other."""
    host = link_host(link)
    if host in _SHORTENERS:
        return "short"
    if host in _MESSENGERS:
        return "chat"
    if host.rpartition(".")[2] in CHEAP_TLDS:
        return "cheap"
    return "other"


def tokenize(text: str, judge_link: LinkJudge = plain_link_kind) -> list[Token]:
    """The words and marks of ``text`` in order; ``judge_link`` names each link's kind."""
    tokens: list[Token] = []
    for match in _PIECES.finditer(unicodedata.normalize("NFKC", text)):
        kind = match.lastgroup
        surface = match.group()
        if kind == "word":
            key = word_key(surface)
            if key:
                tokens.append(Token(surface, key, False))
        elif kind == "link":
            surface = surface.rstrip(".,;:!?)»")
            if link_host(surface).rpartition(".")[2] not in _TLDS:
                for word in re.findall(r"[^\W\d_]+", surface):  # "word.word" is no link
                    tokens.append(Token(word, word_key(word), False))
                continue
            tokens.append(Token(surface, f"<link:{judge_link(surface)}>", True))
        elif kind == "money":
            tokens.append(Token(surface, f"<money:{_money_size(surface)}>", True))
        elif kind == "number":
            size = "num" if len(surface) <= 3 else "code" if len(surface) <= 6 else "long"
            tokens.append(Token(surface, f"<{size}>", True))
        else:
            tokens.append(Token(surface, f"<{kind}>", True))
    return tokens


def _money_size(written: str) -> str:
    """s: under 10,000 tenge; m: under a million; l: a million or more."""
    lowered = written.lower()
    digits = re.search(_AMOUNT, lowered)
    if digits is None:
        return "m"
    number = digits.group()
    # "150 000", "150.000" and "150,000" are thousands; "1,5" and "2.75" are fractions.
    grouped = re.fullmatch(r"\d{1,3}(?:[ \u00a0.,']\d{3})+", number)
    amount = float(re.sub(r"\D", "", number)) if grouped else float(number.replace(",", "."))
    rest = lowered[digits.end() :]
    if _MILLIONS.match(rest):
        amount *= 1_000_000
    elif _THOUSANDS.match(rest):
        amount *= 1_000
    if any(sign in lowered for sign in _FOREIGN):
        amount *= 450  # dollars, euros and pounds in tenge, roughly
    return "s" if amount < 10_000 else "m" if amount < 1_000_000 else "l"

"""Texts typed the way people type them: typos, case, dropped punctuation, emoji, chat
abbreviations; Kazakh with the Russian letters a phone keyboard offers or in informal Latin;
Russian with Latin look-alike letters (a filter-dodging habit of spammers) or in Latin.

Every kind of noise reaches every label alike, so no label can be told by its noise.
"""

from __future__ import annotations

import random
import re

_TO_RUSSIAN = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
               "і": "и"}  # fmt: skip
# Informal Latin for Kazakh: each text settles on one spelling per letter, as a writer does.
_KAZAKH_LATIN: dict[str, tuple[str, ...]] = {
    "а": ("a",), "ә": ("a", "ae", "ä", "a"), "б": ("b",), "в": ("v",), "г": ("g",),
    "ғ": ("g", "gh", "ğ"), "д": ("d",), "е": ("e",), "ё": ("yo",), "ж": ("zh", "j", "j"),
    "з": ("z",), "и": ("i",), "й": ("i", "y", "j"), "к": ("k",), "қ": ("k", "q", "q"),
    "л": ("l",), "м": ("m",), "н": ("n",), "ң": ("n", "ng", "ñ"), "о": ("o",),
    "ө": ("o", "oe", "ö"), "п": ("p",), "р": ("r",), "с": ("s",), "т": ("t",),
    "у": ("u", "w", "u"), "ұ": ("u", "ū"), "ү": ("u", "ü", "u"), "ф": ("f",),
    "х": ("h", "kh", "x"), "һ": ("h",), "ц": ("ts", "c"), "ч": ("ch",), "ш": ("sh", "ş"),
    "щ": ("sh",), "ъ": ("",), "ы": ("y", "i", "ı"), "і": ("i",), "ь": ("",),
    "э": ("e",), "ю": ("yu", "iu"), "я": ("ya", "ia"),
}  # fmt: skip
_RUSSIAN_LATIN: dict[str, tuple[str, ...]] = {
    "а": ("a",), "б": ("b",), "в": ("v",), "г": ("g",), "д": ("d",), "е": ("e",),
    "ё": ("e", "yo"), "ж": ("zh", "j"), "з": ("z",), "и": ("i",), "й": ("y", "i", "j"),
    "к": ("k",), "л": ("l",), "м": ("m",), "н": ("n",), "о": ("o",), "п": ("p",),
    "р": ("r",), "с": ("s",), "т": ("t",), "у": ("u",), "ф": ("f",), "х": ("h", "kh", "x"),
    "ц": ("c", "ts"), "ч": ("ch",), "ш": ("sh",), "щ": ("sch", "sh"), "ъ": ("",),
    "ы": ("y", "i"), "ь": ("", "'"), "э": ("e",), "ю": ("yu", "ju"), "я": ("ya", "ja"),
}  # fmt: skip
_LOOKALIKES = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "к": "k",
               "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
               "С": "C", "Т": "T", "Х": "X"}  # fmt: skip
_ABBREVIATIONS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "ru": (
        ("пожалуйста", ("пж", "пжлст", "плиз", "пожалуйсто")), ("спасибо", ("спс", "сяп")),
        ("сейчас", ("щас", "ща")), ("что", ("че", "чё", "шо")), ("тебя", ("тя",)),
        ("здравствуйте", ("здрасте", "здрасьте", "здравствуйте!!")), ("привет", ("прив",)),
        ("сообщение", ("смс", "сообщ")), ("нормально", ("норм",)), ("короче", ("крч",)),
        ("конечно", ("конеш", "канеш")), ("хорошо", ("хор", "хорош", "ок")),
        ("деньги", ("деньги", "бабки", "лаве")), ("тысяч", ("тыщ",)), ("ладно", ("лан",)),
    ),
    "kk": (
        ("рахмет", ("рх", "рахмееет", "рахмет")), ("сәлеметсіз бе", ("сәлем", "салем", "слм")),
        ("жақсы", ("жаксы", "жкс")), ("қазір", ("казр", "қзр")), ("иә", ("ия", "ие")),
        ("кешіріңіз", ("кешир", "кешіріңіз")), ("өтінемін", ("өтінем", "отинем")),
        ("жоқ", ("жок",)), ("ақша", ("акша", "ақшa")), ("телефон", ("тел",)),
    ),
    "en": (
        ("you", ("u",)), ("your", ("ur", "yr")), ("are", ("r",)), ("please", ("pls", "plz")),
        ("thanks", ("thx", "tnx")), ("tomorrow", ("tmrw", "2moro")), ("message", ("msg",)),
        ("before", ("b4",)), ("great", ("gr8",)), ("later", ("l8r",)), ("people", ("ppl",)),
        ("because", ("coz", "bc", "cuz")), ("okay", ("ok", "k")), ("text", ("txt",)),
        ("for", ("4",)), ("to", ("2",)), ("tonight", ("2nite",)),
    ),
}  # fmt: skip
_EMOJI = ("🙏", "😊", "😢", "❗", "⚠️", "🔥", "💰", "🎁", "🎉", "✅", "👍", "❤️", "😍", "🚗",
          "📦", "💳", "👉", "☎️", "😭", "🤝", "💵", "📱", "🏦", "🤣", "😂", "😡", "‼️", "🥺",
          "🙂", "😱", "💯", "⭐")  # fmt: skip
_WORD = re.compile(r"[^\W\d_]{4,}")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{3,}")
_PUNCT = re.compile(r"[,.!?;:«»\"—]+(?=\s|$)|(?<=\s)[«\"—]+|^[«\"]")
_KEYS = "йцукенгшщзхфывапролджэячсмитьбю" + "qwertyuiopasdfghjklzxcvbnm"


def add_noise(rng: random.Random, text: str, lang: str) -> str:
    """``text`` as a person might have typed it (often untouched)."""
    r = rng.random()
    if lang == "kk":
        if r < 0.22:
            text = russian_letters(rng, text)
        elif r < 0.36:
            text = informal_latin(rng, text, _KAZAKH_LATIN)
    elif lang == "ru":
        if r < 0.15:
            text = latin_lookalikes(rng, text)
        elif r < 0.2:
            text = informal_latin(rng, text, _RUSSIAN_LATIN)
    if lang == "kk" and rng.random() < 0.05:
        text = latin_lookalikes(rng, text)
    if rng.random() < 0.25:
        text = abbreviate(rng, text, lang)
    if rng.random() < 0.35:
        text = typos(rng, text, rng.randint(1, 3))
    if rng.random() < 0.2:
        text = _PUNCT.sub("", text)
    r = rng.random()
    if r < 0.15:
        text = text.lower()
    elif r < 0.19:
        text = text.upper()
    if rng.random() < 0.2:
        text = with_emoji(rng, text)
    if lang != "en" and rng.random() < 0.06:
        text += rng.choice((")", "))", ")))", "((", "!!!"))
    return re.sub(r"\s{2,}", " ", text).strip()


def russian_letters(rng: random.Random, text: str) -> str:
    """Kazakh letters typed as their Russian neighbours (сәлем -> салем), all or some."""
    share = 1.0 if rng.random() < 0.7 else 0.5
    out = []
    for char in text:
        lower = char.lower()
        if lower in _TO_RUSSIAN and rng.random() < share:
            swapped = _TO_RUSSIAN[lower]
            out.append(swapped.upper() if char.isupper() else swapped)
        else:
            out.append(char)
    return "".join(out)


def informal_latin(rng: random.Random, text: str, table: dict[str, tuple[str, ...]]) -> str:
    """Cyrillic written in Latin the way this writer does it."""
    spelling = {letter: rng.choice(options) for letter, options in table.items()}
    out = []
    for char in text:
        latin = spelling.get(char.lower())
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def latin_lookalikes(rng: random.Random, text: str) -> str:
    """A few Cyrillic words with some letters swapped for Latin look-alikes."""
    words = list(_CYRILLIC_WORD.finditer(text))
    if not words:
        return text
    chosen = {m.start() for m in rng.sample(words, min(len(words), rng.randint(1, 5)))}
    chars = list(text)
    for match in words:
        if match.start() not in chosen:
            continue
        for at in range(match.start(), match.end()):
            if chars[at] in _LOOKALIKES and rng.random() < 0.6:
                chars[at] = _LOOKALIKES[chars[at]]
    return "".join(chars)


def abbreviate(rng: random.Random, text: str, lang: str) -> str:
    """Chat shorthand for some common words (пж, спс, u, pls)."""
    for word, options in _ABBREVIATIONS[lang]:
        if rng.random() < 0.6:
            text = _shorten(rng, text, word, options)
    return text


def _shorten(rng: random.Random, text: str, word: str, options: tuple[str, ...]) -> str:
    """Most (not all) of ``word``'s occurrences written as one of ``options``."""
    pattern = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", re.IGNORECASE)
    return pattern.sub(lambda m: rng.choice(options) if rng.random() < 0.7 else m.group(), text)


def typos(rng: random.Random, text: str, count: int) -> str:
    """``count`` slips of the finger in words of four letters or more."""
    for _ in range(count):
        words = list(_WORD.finditer(text))
        if not words:
            return text
        match = rng.choice(words)
        word = match.group()
        at = rng.randrange(1, len(word))
        kind = rng.random()
        if kind < 0.3:
            word = word[:at] + word[at + 1 :]
        elif kind < 0.5:
            word = word[:at] + word[at] + word[at:]
        elif kind < 0.75 and at < len(word) - 1:
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        else:
            word = word[:at] + rng.choice(_KEYS) + word[at + 1 :]
        text = text[: match.start()] + word + text[match.end() :]
    return text


def with_emoji(rng: random.Random, text: str) -> str:
    """One to three emoji at the start, at the end or after a sentence."""
    for _ in range(rng.randint(1, 3)):
        emoji = rng.choice(_EMOJI) * rng.choice((1, 1, 1, 2, 3))
        place = rng.random()
        if place < 0.3:
            text = f"{emoji} {text}"
        elif place < 0.75:
            text = f"{text} {emoji}"
        else:
            ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", text)]
            if ends:
                at = rng.choice(ends)
                text = f"{text[:at]} {emoji}{text[at:]}"
            else:
                text = f"{text} {emoji}"
    return text

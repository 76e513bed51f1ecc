"""The wording of synthetic reports, kept as data in ``templates/*.json`` and loaded once.

``templates/<language>.json`` holds, for Russian, Kazakh and English:

- ``reports``: per scam category, the report texts, each with whether the victim
  ``lost_money``. ``{slots}`` in a text named after an indicator (phone, phone2, card, iban,
  url, domain, handle, wallet, email, ip) are filled from the scam operation; amount, sum,
  date, time, order, iin, track, percent and days are made up per report; any other slot is a
  word from the file's ``words`` or from ``templates/names.json`` (banks, stores, companies).
- ``greetings`` and ``closings`` put before and after a text (``closings_after_loss`` only
  after a text in which money was lost), ``months`` for dates, and ``cities`` (Russian only:
  where the writer is from, by region) for a ``{city}`` in a greeting.

The order of every list matters: the same seed picks the same entries by position.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any, NamedTuple

from cyberpol.kernel.categories import Region, ScamCategory

LANGUAGES = ("ru", "kk", "en")
MADE_UP_SLOTS = frozenset(
    ("amount", "sum", "date", "time", "order", "iin", "track", "percent", "days")
)
_INDICATOR_SLOTS = {
    "phone": "phone",
    "card": "card",
    "iban": "iban",
    "url": "url",
    "domain": "domain",
    "ip": "ip",
    "email": "email",
    "wallet": "crypto_wallet",
    "handle": "social_handle",
}


class Template(NamedTuple):
    text: str
    slots: list[tuple[str, str]]  # (slot name, indicator kind) of each indicator slot
    lost_money: bool
    platform: str | None  # the messenger the text names, if any


@dataclass(frozen=True)
class ReportTexts:
    """Everything one language's reports are written with."""

    templates: dict[ScamCategory, list[Template]]
    greetings: list[str]
    closings: list[str]
    closings_after_loss: list[str]
    months: list[str]
    words: dict[str, list[str]]
    cities: dict[str, str] = field(default_factory=dict)


def _slot_names(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def _slots(text: str) -> list[tuple[str, str]]:
    """(slot name, indicator kind) of each indicator slot in ``text``."""
    names = [(name, name.rstrip("0123456789")) for name in _slot_names(text)]
    return [(name, _INDICATOR_SLOTS[base]) for name, base in names if base in _INDICATOR_SLOTS]


def _platform(text: str) -> str | None:
    """The messenger a text names, so a handle in it looks like one of that platform's."""
    lowered = text.lower()
    if "instagram" in lowered or "инстаграм" in lowered:
        return "instagram"
    if "telegram" in lowered or "телеграм" in lowered:
        return "telegram"
    return None


def _read(name: str) -> dict[str, Any]:
    return json.loads(files(__package__).joinpath("templates", name).read_text(encoding="utf-8"))


def _load(language: str, names: dict[str, list[str]]) -> ReportTexts:
    data = _read(f"{language}.json")
    texts = ReportTexts(
        templates={
            category: [
                Template(t["text"], _slots(t["text"]), t["lost_money"], _platform(t["text"]))
                for t in data["reports"].get(category.value, [])
            ]
            for category in ScamCategory
        },
        greetings=data["greetings"],
        closings=data["closings"],
        closings_after_loss=data["closings_after_loss"],
        months=data["months"],
        words={**names, **data["words"]},
        cities=data.get("cities", {}),
    )
    check_texts(texts, f"templates/{language}.json")
    return texts


def check_texts(texts: ReportTexts, where: str) -> None:
    """Refuse, naming the file ``where``, texts with a slot nothing fills or a gap in a list."""
    if len(texts.months) != 12:
        raise ValueError(f"{where}: 'months' needs 12 names, not {len(texts.months)}")
    for category, templates in texts.templates.items():
        if not templates:
            raise ValueError(f"{where}: no reports for {category.value!r}")
        for template in templates:
            indicator_slots = {name for name, _ in template.slots}
            for name in _slot_names(template.text):
                if name not in indicator_slots | MADE_UP_SLOTS and name not in texts.words:
                    raise ValueError(f"{where}: nothing fills {{{name}}} in {template.text!r}")
    if any("{city}" in greeting for greeting in texts.greetings):
        missing = {region.value for region in Region} - set(texts.cities)
        if missing:
            raise ValueError(f"{where}: a greeting names {{city}} but 'cities' lacks {missing}")


_NAMES: dict[str, list[str]] = _read("names.json")
TEXTS: dict[str, ReportTexts] = {language: _load(language, _NAMES) for language in LANGUAGES}

# The indicator kinds each category's texts ask for: what a scam operation has to draw.
CATEGORY_KINDS: dict[ScamCategory, list[str]] = {
    category: sorted(
        {
            kind
            for texts in TEXTS.values()
            for template in texts.templates[category]
            for _, kind in template.slots
        }
    )
    for category in ScamCategory
}

"""The message ids of the pages and front doors: ``_("...")`` in templates, ``N_("...")`` in
code. The catalogs script and the translation test both read them from here."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_python
from jinja2.ext import babel_extract

_PACKAGE = Path(__file__).resolve().parent.parent.parent


def template_messages(root: Path = _PACKAGE) -> list[str]:
    """Constant ``_("...")`` texts of every template under ``root``, in file order."""
    found: list[str] = []
    for path in sorted(root.glob("*/templates/*.html")):
        with path.open("rb") as handle:
            for _line, _func, message, _comments in babel_extract(handle, ("_",), [], {}):
                if isinstance(message, str) and message not in found:
                    found.append(message)
    return found


def code_messages(root: Path = _PACKAGE) -> list[str]:
    """Texts marked ``N_("...")`` in the front doors (``web``, ``bot``), the ``messages``
    modules they share, and the refusals of domains and use cases, under ``root``."""
    found: list[str] = []
    doors = ("*/web.py", "*/bot.py", "*/web/*.py", "*/bot/*.py", "*/messages.py",
             "*/domain.py", "*/service.py")  # fmt: skip
    for path in sorted(p for pattern in doors for p in root.glob(pattern)):
        with path.open("rb") as handle:
            for _line, _func, message, _comments in extract_python(handle, {"N_": None}, [], {}):
                text: object = message  # babel types it as a tuple; one argument is a str
                if isinstance(text, str) and text not in found:
                    found.append(text)
    return found

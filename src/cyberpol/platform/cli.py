"""Plumbing every command-line front door shares: the bound services, output, errors.

The root command puts a ``ServiceLocator`` (the wired runtime, built on first use) in the
Typer context; a capability's command asks it for the service class it needs.
"""

from __future__ import annotations

import json
import sys
import traceback
from typing import Protocol, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from cyberpol.kernel.errors import CyberPolError, InvalidInput
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.platform.logs import mask_cards_in_logs

T = TypeVar("T")
err = Console(stderr=True)


class ServiceLocator(Protocol):
    def get(self, kind: type[T]) -> T:
        """The bound service of class ``kind``."""
        ...


def service(ctx: typer.Context, kind: type[T]) -> T:
    """The bound service of class ``kind`` for a command run under the root command."""
    locator: ServiceLocator = ctx.find_root().obj
    return locator.get(kind)


def stdin_text() -> str:
    """What was piped in, as UTF-8 (a BOM dropped); InvalidInput where it is not UTF-8."""
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"Input is not valid UTF-8 (byte {exc.start})") from None


def print_json(data: object) -> None:
    """``data`` as indented JSON on stdout (dates and decimals as text)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def run(app: typer.Typer, *, prog_name: str = "cyberpol") -> None:
    """Run ``app``; a CyberPol error becomes one line on stderr and its exit code.

    Any other error prints its traceback with card numbers masked (a file name or a value
    in it may hold one) and exits 1, as Python would.
    """
    mask_cards_in_logs()
    try:
        app(prog_name=prog_name)
    except CyberPolError as exc:
        err.print(f"[red]error:[/red] {escape(redact_cards(exc.message))}", highlight=False)
        raise SystemExit(exc.exit_code) from None
    except Exception:
        sys.stderr.write(redact_cards(traceback.format_exc()))
        raise SystemExit(1) from None

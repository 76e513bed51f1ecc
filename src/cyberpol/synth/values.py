"""Synthetic fraud indicators typed the way people in Kazakhstan type them.

Every value is drawn in two steps: ``draw`` picks the underlying indicator (the digits of a
phone, a card's PAN, a host name) and ``render`` types it one of the many ways a victim, a
bank clerk or an analyst would. Reports reuse one drawn indicator and render it afresh each
time, so the same scammer's number turns up as ``8 701 555 12 34`` in one report and as
``+77015551234`` in the next, just as it does in real data.

Each kind lives in its own module (``phones``, ``payments``, ``domains``, ``urls``, ``emails``,
``wallets``, ``handles``); this one dispatches on the kind. Everything is driven by a caller's
``random.Random``: the same seed gives the same values.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from cyberpol.synth.domains import draw_domain, render_domain
from cyberpol.synth.emails import draw_email, render_email
from cyberpol.synth.handles import draw_handle, render_handle
from cyberpol.synth.payments import draw_card, draw_iban, render_card, render_iban
from cyberpol.synth.phones import draw_phone, kz_mobile, render_phone
from cyberpol.synth.urls import draw_ip, draw_url, render_ip, render_url
from cyberpol.synth.wallets import draw_wallet, render_wallet
from cyberpol.synth.weighted import pick, weighted

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

# The kind-specific underlying value ``render`` types out: a string, or a tuple for phones
# ``(country, digits)``, URLs ``(scheme, host, path)`` and handles ``(platform, name)``.
Drawn = Any

_DRAW: dict[str, Callable[[random.Random], Drawn]] = {
    "phone": draw_phone,
    "card": draw_card,
    "iban": draw_iban,
    "url": draw_url,
    "domain": draw_domain,
    "ip": draw_ip,
    "email": draw_email,
    "crypto_wallet": draw_wallet,
    "social_handle": draw_handle,
}
_RENDER: dict[str, Callable[[random.Random, Drawn], str]] = {
    "phone": render_phone,
    "card": render_card,
    "iban": render_iban,
    "url": render_url,
    "domain": render_domain,
    "ip": render_ip,
    "email": render_email,
    "crypto_wallet": render_wallet,
    "social_handle": render_handle,
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
    "Drawn",
    "draw",
    "kz_mobile",
    "pick",
    "render",
    "synthetic_indicator_value",
    "weighted",
]

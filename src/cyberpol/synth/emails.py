"""E-mail addresses: people's names at the big mailbox providers, and fake support desks."""

from __future__ import annotations

import random

from cyberpol.synth.domains import alnum, draw_host
from cyberpol.synth.weighted import pick, weighted

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


def draw_email(rng: random.Random) -> str:
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
        local += rng.choice(("_", ".", "")) + alnum(rng, 4)
    domain = pick(rng, _MAILBOXES) if rng.random() < 0.85 else draw_host(rng)
    return f"{local}@{domain}"


def render_email(rng: random.Random, email: str) -> str:
    if rng.random() < 0.08 and email[0].isalpha():
        return email[0].upper() + email[1:]
    return email

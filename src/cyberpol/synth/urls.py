"""Links to phishing pages, and the bare IP addresses some of them are served from.

A drawn URL is ``(scheme, host, path)``; the host is a domain or, for a few, an IP and port.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from cyberpol.synth.domains import alnum, defang_host, draw_host

Url = tuple[str, str, str]

_PATHS: tuple[Callable[[random.Random], str], ...] = (
    lambda _r: "/login",
    lambda r: f"/pay/{r.randrange(10**6, 10**8)}",
    lambda r: f"/receive?id={r.randrange(10**4, 10**7)}",
    lambda _r: "/bonus",
    lambda r: f"/lk/auth?session={alnum(r, 10)}",
    lambda r: f"/oplata?order={r.randrange(10**5, 10**9)}",
    lambda r: f"/get/{alnum(r, 6)}",
    lambda r: f"/verify/{alnum(r, 8)}",
    lambda r: f"/ru/login.php?ref={alnum(r, 6)}",
    lambda r: f"/kz/{alnum(r, 5)}",
    lambda r: f"/{alnum(r, 8)}",
    lambda r: f"/track/KZ{r.randrange(10**9):09d}",
    lambda r: f"/invest/register?promo={alnum(r, 6).upper()}",
    lambda r: f"/egov/ecp-update?uid={r.randrange(10**8)}",
)


def draw_ip(rng: random.Random) -> str:
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


def render_ip(rng: random.Random, ip: str) -> str:
    r = rng.random()
    if r < 0.85:
        return ip
    if r < 0.95:
        head, _, last = ip.rpartition(".")
        return f"{head}[.]{last}"
    return ip.replace(".", "[.]")


def draw_url(rng: random.Random) -> Url:
    if rng.random() < 0.04:
        port = rng.choice(("", "", ":8080", ":8443", ":3000"))
        return ("http", draw_ip(rng) + port, rng.choice(_PATHS)(rng))
    scheme = "https" if rng.random() < 0.8 else "http"
    return (scheme, draw_host(rng), rng.choice(_PATHS)(rng) if rng.random() < 0.85 else "")


def render_url(rng: random.Random, drawn: Url) -> str:
    scheme, host, path = drawn
    r = rng.random()
    if r < 0.55 or host[0].isdigit():
        return f"{scheme}://{host}{path}"
    if r < 0.75:
        return f"{host}{path or '/'}"
    if r < 0.81:
        return f"www.{host}{path}"
    if r < 0.95:
        return f"hxxp{scheme[4:]}://{defang_host(rng, host)}{path}"
    return f"{host[:1].upper()}{host[1:]}{path or '/'}"

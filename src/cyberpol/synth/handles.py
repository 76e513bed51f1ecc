"""Telegram and Instagram handles of fake shops, "investment curators" and "managers".

A drawn handle is ``(platform, name)`` with platform ``"telegram"`` or ``"instagram"``.
"""

from __future__ import annotations

import random

Handle = tuple[str, str]

_HANDLE_HEADS = (
    "kaspi",
    "halyk",
    "invest",
    "crypto",
    "trade",
    "bonus",
    "egov",
    "olx",
    "aigerim",
    "dana",
    "aruzhan",
    "madina",
    "asel",
    "nurlan",
    "daniyar",
    "forex",
    "usdt",
    "p2p",
    "btc",
    "money",
    "signal",
    "arbitrage",
    "zhumys",
    "rabota",
    "kredit",
    "zaim",
    "priz",
    "shop",
    "almaty",
    "astana",
    "qazaq",
    "altyn",
    "baige",
    "kazpost",
    "dostavka",
    "loto",
    "bereke",
    "tabys",
)
_HANDLE_MIDS = (
    "support",
    "help",
    "invest",
    "pro",
    "official",
    "admin",
    "manager",
    "club",
    "shop",
    "store",
    "service",
    "vip",
    "team",
    "bonus",
    "trade",
    "signals",
    "bank",
    "pay",
    "exchange",
    "obmen",
    "kz",
    "kazakhstan",
    "almaty",
    "astana",
    "online",
    "market",
    "group",
    "capital",
    "fund",
)
_HANDLE_TAILS = ("kz", "official", "bot", "24", "777", "kzt", "pro", "2024", "2025")


def draw_handle(rng: random.Random) -> Handle:
    platform = "telegram" if rng.random() < 0.75 else "instagram"
    parts = [rng.choice(_HANDLE_HEADS), rng.choice(_HANDLE_MIDS)]
    if rng.random() < 0.5:
        parts.append(rng.choice(_HANDLE_TAILS))
    sep = "." if platform == "instagram" and rng.random() < 0.4 else "_"
    handle = sep.join(parts)
    if len(parts) == 2 or rng.random() < 0.8:
        handle += rng.choice(("_", "")) + str(rng.randrange(1, 10_000))
    return (platform, handle[:32])


def render_handle(rng: random.Random, drawn: Handle) -> str:
    platform, handle = drawn
    r = rng.random()
    if platform == "telegram":
        if r < 0.55:
            return "@" + handle
        if r < 0.8:
            return "t.me/" + handle
        if r < 0.95:
            return "https://t.me/" + handle
        return "@" + "_".join(p[:1].upper() + p[1:] for p in handle.split("_"))
    if r < 0.4:
        return "instagram.com/" + handle
    if r < 0.6:
        return "https://instagram.com/" + handle
    if r < 0.7:
        return f"www.instagram.com/{handle}/"
    return "@" + handle

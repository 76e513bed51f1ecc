"""Messenger and social-network handles: Telegram, Instagram, WhatsApp (a phone number)."""

from __future__ import annotations

import re

from cyberpol.kernel.errors import InvalidIndicator

_HANDLE = re.compile(r"[A-Za-z0-9_.]{3,32}")
_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(t\.me|telegram\.me|telegram\.dog|instagram\.com|wa\.me)/"
    r"(?:s/)?@?([A-Za-z0-9_.+]+)/?(?:\?.*)?",
    re.I,
)
_PLATFORMS = {
    "t.me": "telegram",
    "telegram.me": "telegram",
    "telegram.dog": "telegram",
    "instagram.com": "instagram",
    "wa.me": "whatsapp",
}
# Paths under t.me and instagram.com that are pages of the site, not someone's handle.
_RESERVED = {"joinchat", "share", "addstickers", "proxy", "p", "reel", "explore", "stories"}


def parse_social_link(raw: str) -> tuple[str, str] | None:
    """(platform, handle-or-number) for a t.me / instagram.com / wa.me link, else None."""
    match = _LINK.fullmatch(raw.strip())
    if not match:
        return None
    platform = _PLATFORMS[match.group(1).lower()]
    handle = match.group(2)
    if handle.lower() in _RESERVED:
        return None
    return platform, handle


def normalize_handle(raw: str) -> tuple[str, str]:
    """(handle without '@' in lower case, platform); Telegram unless a link says otherwise."""
    text = raw.strip()
    link = parse_social_link(text)
    platform = "telegram"
    if link:
        platform, text = link
        if platform == "whatsapp":
            raise InvalidIndicator(f"A WhatsApp link is a phone number: {raw!r}", value=raw)
    text = text.removeprefix("@")
    if not _HANDLE.fullmatch(text) or text.startswith(".") or text.endswith("."):
        raise InvalidIndicator(f"Not a social-network handle: {raw!r}", value=raw)
    return text.lower(), platform

"""What a citizen sends beyond words: a forwarded message's sender, and files as evidence."""

from __future__ import annotations

from typing import Any

from telegram import Update

from cyberpol.kernel.errors import InvalidIndicator
from cyberpol.kernel.indicators.kinds import Indicator, IndicatorKind
from cyberpol.kernel.indicators.normalize import parse_indicator
from cyberpol.kernel.labels import N_
from cyberpol.platform.bot import Context, say
from cyberpol.reports.domain import Attachment, evidence_type

FORWARDED_FROM = N_("Forwarded from Telegram user {who}")


def forwarded_handle(update: Update, context: Context) -> tuple[list[Indicator], str]:
    """The forwarded message's sender: a handle when it has one, else words for the analyst."""
    message = update.effective_message
    origin = message.forward_origin if message else None
    if origin is None:
        return [], ""
    user = getattr(origin, "sender_user", None)
    chat = getattr(origin, "sender_chat", None) or getattr(origin, "chat", None)
    username = (user.username if user else None) or (chat.username if chat else None)
    if username:
        try:
            handle = parse_indicator(f"@{username}", IndicatorKind.SOCIAL_HANDLE, card_secret=b"")
            return [handle], say(context, FORWARDED_FROM, who=f"@{username}")
        except InvalidIndicator:
            pass
    who = str(user.id) if user else getattr(origin, "sender_user_name", "") or "?"
    return [], say(context, FORWARDED_FROM, who=who)


async def download(context: Context, item: dict[str, Any]) -> Attachment | None:
    """A file from Telegram as evidence, told by its content; None if it is no evidence."""
    remote = await context.bot.get_file(item["file_id"])
    content = bytes(await remote.download_as_bytearray())
    kind = evidence_type(content)
    return Attachment(str(item["name"])[:200], kind, content) if kind else None

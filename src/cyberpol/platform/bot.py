"""Plumbing for the Telegram front doors: the chat's language, its words, a per-chat limit.

The chat's language and conversation live in ``chat_data``, which the application persists,
so both survive a restart.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from cyberpol.platform.i18n import DEFAULT_LANGUAGE, LANGUAGES, gettext

LANGUAGE_KEY = "language"
Context = ContextTypes.DEFAULT_TYPE


def chat_language(context: Context) -> str:
    """The language chosen in this chat, Russian until one is."""
    data: dict[str, Any] = context.chat_data if context.chat_data is not None else {}
    language = data.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def forwarded_username(message: Message) -> str | None:
    """The username of whoever a forwarded message came from (a user, a channel, a group),
    or None when it is not a forward or the sender hid it."""
    origin = message.forward_origin
    user = getattr(origin, "sender_user", None)
    chat = getattr(origin, "sender_chat", None) or getattr(origin, "chat", None)
    name: str | None = (user.username if user else None) or (chat.username if chat else None)
    return name


def say(context: Context, message: str, **values: object) -> str:
    """``message`` in the chat's language, with ``values`` filled in."""
    text = gettext(message, chat_language(context))
    return text.format(**values) if values else text


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, callback data)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def pairs(buttons: list[tuple[str, str]], width: int = 2) -> list[list[tuple[str, str]]]:
    """Buttons laid out ``width`` to a row: long Kazakh labels need room on a phone."""
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


async def reply_to(update: Update) -> Message:
    """The message to answer, after acknowledging a pressed button."""
    if update.callback_query:
        await update.callback_query.answer()
    message = update.effective_message
    if message is None:  # a button under a message too old for Telegram to show
        raise ApplicationHandlerStop
    return message


def pressed(update: Update, prefix: str) -> str:
    """What the pressed button says after ``prefix`` (``cat:pyramid`` gives ``pyramid``)."""
    query = update.callback_query
    return (query.data or "").removeprefix(prefix) if query else ""

"""The check in Telegram: any message that holds a number, link, card, IBAN, wallet or handle
gets a verdict and advice for each value in it, in the chat's language."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import MessageHandler, filters

from cyberpol.kernel.labels import KIND_NAMES, N_
from cyberpol.platform.bot import Context, forwarded_username, say
from cyberpol.registry.messages import ADVICE, VERDICT_TEXT
from cyberpol.registry.service import RegistryService

NOTHING_TO_CHECK = N_(
    "I found no phone number, card, account, link, wallet or handle in your message. Send one "
    "and I will check it, or press /start for the menu."
)
MORE_VALUES = N_("I checked the first {count} values.")
CHECK_LIMIT = 10


def check_reply(registry: RegistryService, text: str, context: Context) -> str:
    """The verdicts for every value in ``text``, as one message."""
    results = registry.check_text(text=text, limit=CHECK_LIMIT)
    if not results:
        return say(context, NOTHING_TO_CHECK)
    parts = []
    for result in results:
        kind = say(context, KIND_NAMES[result.kind.value]) if result.kind else ""
        head = f"{kind}: {result.value}" if result.value else result.input
        parts.append(
            f"{head}\n{say(context, VERDICT_TEXT[result.verdict])}. "
            f"{say(context, ADVICE[result.verdict])}"
        )
    if len(results) == CHECK_LIMIT:
        parts.append(say(context, MORE_VALUES, count=CHECK_LIMIT))
    return "\n\n".join(parts)


def _what_to_check(message: Message) -> str:
    """Every value a message carries: its words or caption, a shared contact's number, and
    the sender of a forwarded message (citizens forward the fraudster to ask about him)."""
    parts = [message.text or message.caption or ""]
    if message.contact is not None:
        parts.append(message.contact.phone_number)
    username = forwarded_username(message)
    if username:
        parts.append(f"@{username}")
    return "\n".join(part for part in parts if part)


def check_handler(registry: RegistryService) -> MessageHandler[Context, None]:
    """Checks any message outside a conversation; one with nothing in it gets told so."""

    async def check(update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None:
            return
        await message.reply_text(check_reply(registry, _what_to_check(message), context))

    return MessageHandler(~filters.COMMAND, check)

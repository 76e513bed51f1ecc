"""What a citizen sends beyond words: a forwarded message's sender, files as evidence, and
their own contact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update

from cyberpol.kernel.errors import InvalidIndicator
from cyberpol.kernel.indicators.kinds import Indicator, IndicatorKind
from cyberpol.kernel.indicators.normalize import parse_indicator
from cyberpol.kernel.labels import N_
from cyberpol.platform.bot import Context, forwarded_username, say
from cyberpol.reports.domain import Attachment, evidence_type

FORWARDED_FROM = N_("Forwarded from Telegram user {who}")
CONTACT_KEPT = N_("Thank you, the police will see how to reach you.")
CONTACT_NONE = N_("Without a contact, then.")
NOT_YOUR_CONTACT = N_(
    "This is someone else's contact. To be reached, press the button under the message to "
    "share your own number, or Skip."
)


@dataclass(frozen=True, slots=True)
class ContactAnswer:
    """What the citizen answered when asked how the police may reach them."""

    contact: str | None = None
    say: str = ""  # what to tell them; empty with ``ask_again`` means ask as before
    ask_again: bool = False


def read_contact(update: Update, *, skip_words: set[str]) -> ContactAnswer:
    """Their own shared contact, a phone number or e-mail they typed, or Skip."""
    message = update.effective_message
    assert message is not None
    contact, sender = message.contact, update.effective_user
    if contact is not None:
        # Only the citizen's own number: a shared card of someone else is not their consent.
        if sender is None or contact.user_id != sender.id:
            return ContactAnswer(say=NOT_YOUR_CONTACT, ask_again=True)
        return ContactAnswer(contact.phone_number, CONTACT_KEPT)
    typed = (message.text or "").strip()
    if typed.casefold() in {word.casefold() for word in skip_words}:
        return ContactAnswer(say=CONTACT_NONE)
    # Older people often type their number rather than press the button; kept if it is one,
    # as the web form keeps what is typed there.
    try:
        kind = parse_indicator(typed, card_secret=b"").kind
    except InvalidIndicator:
        kind = None
    if kind not in (IndicatorKind.PHONE, IndicatorKind.EMAIL):
        return ContactAnswer(ask_again=True)
    return ContactAnswer(typed, CONTACT_KEPT)


def forwarded_handle(update: Update, context: Context) -> tuple[list[Indicator], str]:
    """The forwarded message's sender: a handle when it has one, else words for the analyst."""
    message = update.effective_message
    origin = message.forward_origin if message else None
    if message is None or origin is None:
        return [], ""
    username = forwarded_username(message)
    if username:
        try:
            handle = parse_indicator(f"@{username}", IndicatorKind.SOCIAL_HANDLE, card_secret=b"")
            return [handle], say(context, FORWARDED_FROM, who=f"@{username}")
        except InvalidIndicator:
            pass
    user = getattr(origin, "sender_user", None)
    who = str(user.id) if user else getattr(origin, "sender_user_name", "") or "?"
    return [], say(context, FORWARDED_FROM, who=who)


async def download(context: Context, item: dict[str, Any]) -> Attachment | None:
    """A file from Telegram as evidence, told by its content; None if it is no evidence."""
    remote = await context.bot.get_file(item["file_id"])
    content = bytes(await remote.download_as_bytearray())
    kind = evidence_type(content)
    return Attachment(str(item["name"])[:200], kind, content) if kind else None

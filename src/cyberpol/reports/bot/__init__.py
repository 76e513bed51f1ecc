"""Reports in Telegram: category, what happened (typed or forwarded), evidence, loss, region,
contact, then the indicators found for the citizen to confirm; and the chat's own reports.

The draft is kept in the chat's data between messages, so it survives a restart, and it never
holds a card number in full: the text is kept with cards masked and the cards as indicators
(keyed hash and masked form), as the report itself will keep them.
"""

from __future__ import annotations

import secrets
import warnings
from decimal import Decimal
from typing import Any

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from cyberpol.kernel.categories import Channel, Region, ScamCategory
from cyberpol.kernel.errors import CyberPolError, InvalidInput
from cyberpol.kernel.indicators.extract import extract_indicators
from cyberpol.kernel.indicators.kinds import Indicator
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.kernel.labels import CATEGORY_NAMES, KIND_NAMES, N_, REGION_NAMES
from cyberpol.platform.bot import Context, chat_language, keyboard, pairs, pressed, reply_to, say
from cyberpol.platform.i18n import LANGUAGES, amount, gettext
from cyberpol.reports.bot.media import download, forwarded_handle, read_contact
from cyberpol.reports.domain import ReportSubmission, parse_loss
from cyberpol.reports.service import ReportService

CATEGORY, TEXT, EVIDENCE, LOSS, REGION, CONTACT, CONFIRM, UPDATES = range(8)
TELEGRAM_FILE_LIMIT = 20 * 1024 * 1024  # the most a bot may download

ASK_CATEGORY = N_("What kind of scam was it?")
ASK_TEXT = N_("What happened? Write it in your own words, or forward the fraudster's message here.")
ASK_EVIDENCE = N_(
    "Send photos, screenshots, PDF files or voice messages if you have them, then press Done."
)
ASK_LOSS = N_("How much money did you lose, in tenge? Send a number, or press Skip.")
ASK_REGION = N_("Which region are you in?")
ASK_CONTACT = N_(
    "May the police contact you? Press the button to share your phone number, or Skip."
)
SHARE_PHONE = N_("Share my phone number")
DONE = N_("Done")
SKIP = N_("Skip")
SEND = N_("Send the report")
CANCEL = N_("Cancel")
GOT_FILE = N_("Received {count} of at most {limit} files.")
TOO_MANY = N_("That is enough files: at most {limit}.")
FILE_TOO_BIG = N_("This file is larger than 20 MB; send a smaller one or a screenshot.")
NOT_EVIDENCE = N_("I can take photos, PDF files and voice messages here. Press Done when ready.")
NEED_TEXT = N_("Please describe what happened in words.")
TEXT_TOO_LONG = N_("The description is too long: at most {max} characters.")
BAD_LOSS = N_("Enter the loss as a number of tenge, for example 150 000.")
SUMMARY = N_("Please check your report before it is sent.")
FOUND = N_("Found in it:")
FOUND_NONE = N_("No numbers, cards, accounts or links found; an analyst will read the text.")
LOSS_LINE = N_("Loss: {amount} tenge")
SENT = N_("Thank you. Your report number is {number}.")
ASK_UPDATES = N_("May we write to you here when the police confirm or block what you reported?")
YES_UPDATES = N_("Yes, write to me")
NO_UPDATES = N_("No, thank you")
WILL_WRITE = N_("We will write here when your report moves on.")
WONT_WRITE = N_("All right. Your reports are always under My reports in /start.")
LEFT_OUT = N_("{count} file(s) were not photos, PDF or voice messages and were left out.")
CANCELLED = N_("The report was not sent. Press /start for the menu.")
FAILED = N_("The report could not be sent: {reason}. Please try again with /start.")


def _draft(context: Context) -> dict[str, Any]:
    data: dict[str, Any] = context.chat_data if context.chat_data is not None else {}
    draft: dict[str, Any] = data.setdefault("draft", {})
    return draft


async def start_report(update: Update, context: Context) -> int:
    """The first step: the scam's category."""
    if context.chat_data is not None:
        context.chat_data["draft"] = {"id": secrets.token_hex(8), "files": [], "indicators": []}
    buttons = [(say(context, CATEGORY_NAMES[c.value]), f"cat:{c.value}") for c in ScamCategory]
    message = await reply_to(update)
    await message.reply_text(
        say(context, ASK_CATEGORY), reply_markup=keyboard([[b] for b in buttons])
    )
    return CATEGORY


async def chose_category(update: Update, context: Context) -> int:
    message = await reply_to(update)
    query = update.callback_query
    assert query is not None
    _draft(context)["category"] = pressed(update, "cat:")
    await query.edit_message_text(say(context, CATEGORY_NAMES[_draft(context)["category"]]))
    await message.reply_text(say(context, ASK_TEXT))
    return TEXT


def text_step(reports: ReportService) -> Any:
    async def got_text(update: Update, context: Context) -> int:
        message = update.effective_message
        assert message is not None
        text = (message.text or message.caption or "").strip()
        if not text:
            await message.reply_text(say(context, NEED_TEXT))
            return TEXT
        limit = reports.limits.max_text_chars
        if len(text) > limit:
            await message.reply_text(say(context, TEXT_TOO_LONG, max=limit))
            return TEXT
        handles, origin = forwarded_handle(update, context)
        draft = _draft(context)
        found = extract_indicators(text, card_secret=reports.card_secret, with_attributes=True)
        # Forwarded messages may come one after another: each adds to the story.
        draft["text"] = "\n\n".join(filter(None, [draft.get("text"), origin, redact_cards(text)]))
        known = {i.key for i in draft["indicators"]}
        draft["indicators"] += [i for i in [*handles, *found] if i.key not in known]
        await message.reply_text(
            say(context, ASK_EVIDENCE), reply_markup=keyboard([[(say(context, DONE), "ev:done")]])
        )
        return EVIDENCE

    return got_text


async def need_text(update: Update, context: Context) -> int:
    message = await reply_to(update)
    await message.reply_text(say(context, NEED_TEXT))
    return TEXT


def evidence_step(reports: ReportService) -> Any:
    async def got_file(update: Update, context: Context) -> int:
        message = update.effective_message
        assert message is not None
        media = (
            message.photo[-1]
            if message.photo
            else message.document or message.voice or message.audio
        )
        if media is None:
            await message.reply_text(say(context, NOT_EVIDENCE))
            return EVIDENCE
        files: list[dict[str, Any]] = _draft(context)["files"]
        limit = reports.limits.max_attachments
        if (media.file_size or 0) > min(TELEGRAM_FILE_LIMIT, reports.limits.max_attachment_bytes):
            await message.reply_text(say(context, FILE_TOO_BIG))
        elif len(files) >= limit:
            await message.reply_text(say(context, TOO_MANY, limit=limit))
        else:
            # An album is several messages with one media_group_id: each lands here in turn.
            name = getattr(media, "file_name", None) or f"telegram-{len(files) + 1}"
            files.append({"file_id": media.file_id, "name": name})
            await message.reply_text(
                say(context, GOT_FILE, count=len(files), limit=limit),
                reply_markup=keyboard([[(say(context, DONE), "ev:done")]]),
            )
        return EVIDENCE

    return got_file


async def evidence_done(update: Update, context: Context) -> int:
    message = await reply_to(update)
    await message.reply_text(
        say(context, ASK_LOSS), reply_markup=keyboard([[(say(context, SKIP), "loss:skip")]])
    )
    return LOSS


async def got_loss(update: Update, context: Context) -> int:
    message = update.effective_message
    assert message is not None
    try:
        amount = parse_loss((message.text or "").strip())
    except InvalidInput:
        await message.reply_text(say(context, BAD_LOSS))
        return LOSS
    _draft(context)["loss"] = str(amount) if amount is not None else None
    return await _ask_region(message, context)


async def skip_loss(update: Update, context: Context) -> int:
    message = await reply_to(update)
    return await _ask_region(message, context)


async def _ask_region(message: Any, context: Context) -> int:
    buttons = [(say(context, REGION_NAMES[r.value]), f"reg:{r.value}") for r in Region]
    rows = [*pairs(buttons), [(say(context, SKIP), "reg:skip")]]
    await message.reply_text(say(context, ASK_REGION), reply_markup=keyboard(rows))
    return REGION


async def chose_region(update: Update, context: Context) -> int:
    message = await reply_to(update)
    region = pressed(update, "reg:")
    _draft(context)["region"] = None if region == "skip" else region
    markup = ReplyKeyboardMarkup(
        [[KeyboardButton(say(context, SHARE_PHONE), request_contact=True)], [say(context, SKIP)]],
        one_time_keyboard=True,
        resize_keyboard=True,
    )
    await message.reply_text(say(context, ASK_CONTACT), reply_markup=markup)
    return CONTACT


async def got_contact(update: Update, context: Context) -> int:
    message = update.effective_message
    assert message is not None
    answer = read_contact(update, skip_words={gettext(SKIP, lang) for lang in LANGUAGES})
    if answer.ask_again:
        await message.reply_text(say(context, answer.say or ASK_CONTACT))
        return CONTACT
    _draft(context)["contact"] = answer.contact
    await message.reply_text(say(context, answer.say), reply_markup=ReplyKeyboardRemove())
    return await _confirm(message, context)


def _summary(context: Context) -> str:
    draft = _draft(context)
    lines = [say(context, SUMMARY), "", say(context, CATEGORY_NAMES[draft["category"]])]
    if draft.get("loss"):
        loss = amount(Decimal(draft["loss"]), chat_language(context))
        lines.append(say(context, LOSS_LINE, amount=loss))
    if draft.get("region"):
        lines.append(say(context, REGION_NAMES[draft["region"]]))
    found: list[Indicator] = draft["indicators"]
    if found:
        lines += ["", say(context, FOUND)]
        lines += [f"• {say(context, KIND_NAMES[i.kind.value])}: {i.value}" for i in found[:20]]
    else:
        lines += ["", say(context, FOUND_NONE)]
    return "\n".join(lines)


async def _confirm(message: Any, context: Context) -> int:
    buttons = [[(say(context, SEND), "ok:send")], [(say(context, CANCEL), "ok:cancel")]]
    await message.reply_text(_summary(context), reply_markup=keyboard(buttons))
    return CONFIRM


def submit_step(reports: ReportService) -> Any:
    async def send(update: Update, context: Context) -> int:
        message = await reply_to(update)
        query, chat = update.callback_query, update.effective_chat
        assert query is not None
        assert chat is not None
        draft = _draft(context)
        try:
            attachments = [await download(context, f) for f in draft["files"]]
            submission = ReportSubmission(
                text=draft["text"],
                category=ScamCategory(draft["category"]),
                channel=Channel.TELEGRAM,
                region=Region(draft["region"]) if draft.get("region") else None,
                loss_amount=parse_loss(draft.get("loss")),
                contact=draft.get("contact"),
                language=chat_language(context),
                attachments=tuple(a for a in attachments if a is not None),
                indicators=tuple(draft["indicators"]),
            )
            # The draft's id makes a pressed-twice or replayed "Send" one report.
            result = reports.submit(
                submission=submission,
                client_ref=f"telegram:{chat.id}",
                idempotency_key=f"telegram:{draft['id']}",
            )
        except CyberPolError as error:
            await message.reply_text(say(context, FAILED, reason=say(context, error.title)))
            return ConversationHandler.END
        number = result.report.id
        mine: list[str] = context.chat_data.setdefault("reports", []) if context.chat_data else []
        if number not in mine:
            mine.append(number)
        await query.edit_message_text(_summary(context))
        await message.reply_text(say(context, SENT, number=number))
        left_out = sum(a is None for a in attachments)
        if left_out:  # a file named like a photo that is not one
            await message.reply_text(say(context, LEFT_OUT, count=left_out))
        draft["sent"] = number
        buttons = [[(say(context, YES_UPDATES), "upd:yes")], [(say(context, NO_UPDATES), "upd:no")]]
        await message.reply_text(say(context, ASK_UPDATES), reply_markup=keyboard(buttons))
        return UPDATES

    return send


def updates_step(reports: ReportService) -> Any:
    async def answer(update: Update, context: Context) -> int:
        message = await reply_to(update)
        chat = update.effective_chat
        number = _draft(context).get("sent")
        if pressed(update, "upd:") == "yes" and number and chat is not None:
            reports.subscribe(
                report_id=number,
                channel="telegram",
                recipient=str(chat.id),
                language=chat_language(context),
            )
            await message.reply_text(say(context, WILL_WRITE))
        else:
            await message.reply_text(say(context, WONT_WRITE))
        if context.chat_data is not None:
            context.chat_data.pop("draft", None)
        return ConversationHandler.END

    return answer


async def cancel(update: Update, context: Context) -> int:
    message = await reply_to(update)
    if context.chat_data is not None:
        context.chat_data.pop("draft", None)
    await message.reply_text(say(context, CANCELLED), reply_markup=ReplyKeyboardRemove())
    return ConversationHandler.END


async def restart(_update: Update, context: Context) -> int:
    """/start in the middle of a report: drop the draft; the menu answers it."""
    if context.chat_data is not None:
        context.chat_data.pop("draft", None)
    return ConversationHandler.END


def report_conversation(reports: ReportService) -> ConversationHandler[Context]:
    """The report conversation, persistent so a restart resumes it where it stood."""
    evidence = filters.PHOTO | filters.Document.ALL | filters.VOICE | filters.AUDIO
    steps: dict[object, list[BaseHandler[Update, Context, Any]]] = {
        CATEGORY: [CallbackQueryHandler(chose_category, pattern="^cat:")],
        TEXT: [
            MessageHandler((filters.TEXT | filters.CAPTION) & ~filters.COMMAND, text_step(reports)),
            MessageHandler(~filters.COMMAND, need_text),  # a sticker, a location, ...
        ],
        EVIDENCE: [
            MessageHandler(evidence | (filters.ALL & ~filters.COMMAND), evidence_step(reports)),
            CallbackQueryHandler(evidence_done, pattern="^ev:done$"),
        ],
        LOSS: [
            MessageHandler(filters.TEXT & ~filters.COMMAND, got_loss),
            CallbackQueryHandler(skip_loss, pattern="^loss:skip$"),
        ],
        REGION: [CallbackQueryHandler(chose_region, pattern="^reg:")],
        CONTACT: [MessageHandler((filters.CONTACT | filters.TEXT) & ~filters.COMMAND, got_contact)],
        CONFIRM: [
            CallbackQueryHandler(submit_step(reports), pattern="^ok:send$"),
            CallbackQueryHandler(cancel, pattern="^ok:cancel$"),
        ],
        UPDATES: [CallbackQueryHandler(updates_step(reports), pattern="^upd:")],
    }
    # One conversation per chat, not per message: the steps mix buttons and typed answers,
    # which python-telegram-bot warns about for buttons; that is the intent here.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="If 'per_message=False'", category=UserWarning)
        return _conversation(steps)


def _conversation(
    steps: dict[object, list[BaseHandler[Update, Context, Any]]],
) -> ConversationHandler[Context]:
    return ConversationHandler(
        entry_points=[
            CommandHandler("report", start_report),
            CallbackQueryHandler(start_report, pattern="^menu:report$"),
        ],
        states=steps,
        fallbacks=[CommandHandler("cancel", cancel), CommandHandler("start", restart)],
        name="report",
        persistent=True,
        allow_reentry=True,
    )

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
from cyberpol.kernel.indicators.kinds import Indicator
from cyberpol.kernel.labels import CATEGORY_NAMES, KIND_NAMES, REGION_NAMES
from cyberpol.platform.bot import Context, chat_language, keyboard, pairs, pressed, reply_to, say
from cyberpol.platform.i18n import LANGUAGES, amount, gettext
from cyberpol.reports.bot import texts as T
from cyberpol.reports.bot.draft import (
    CATEGORY,
    CONFIRM,
    CONTACT,
    EVIDENCE,
    LOSS,
    REGION,
    TEXT,
    UPDATES,
    add_to_story,
    done,
    draft_of,
    evidence_step,
)
from cyberpol.reports.bot.media import download, read_contact
from cyberpol.reports.domain import ReportSubmission, parse_loss
from cyberpol.reports.service import ReportService


async def start_report(update: Update, context: Context) -> int:
    """The first step: the scam's category."""
    if context.chat_data is not None:
        context.chat_data["draft"] = {"id": secrets.token_hex(8), "files": [], "indicators": []}
    return await _ask_category(await reply_to(update), context)


async def _ask_category(message: Any, context: Context) -> int:
    buttons = [(say(context, CATEGORY_NAMES[c.value]), f"cat:{c.value}") for c in ScamCategory]
    await message.reply_text(
        say(context, T.ASK_CATEGORY), reply_markup=keyboard([[b] for b in buttons])
    )
    return CATEGORY


async def chose_category(update: Update, context: Context) -> int:
    message = await reply_to(update)
    query = update.callback_query
    assert query is not None
    category = pressed(update, "cat:")
    if category not in CATEGORY_NAMES:  # a forged or outdated button
        return await _ask_category(message, context)
    draft_of(context)["category"] = category
    await query.edit_message_text(say(context, CATEGORY_NAMES[category]))
    await message.reply_text(say(context, T.ASK_TEXT))
    return TEXT


def text_step(reports: ReportService) -> Any:
    async def got_text(update: Update, context: Context) -> int:
        message = update.effective_message
        assert message is not None
        refused = add_to_story(reports, update, context)
        if refused is not None:
            await message.reply_text(say(context, refused, max=reports.limits.max_text_chars))
            return TEXT
        await message.reply_text(say(context, T.ASK_EVIDENCE), reply_markup=done(context))
        return EVIDENCE

    return got_text


async def need_text(update: Update, context: Context) -> int:
    message = await reply_to(update)
    await message.reply_text(say(context, T.NEED_TEXT))
    return TEXT


async def evidence_done(update: Update, context: Context) -> int:
    message = await reply_to(update)
    await message.reply_text(
        say(context, T.ASK_LOSS), reply_markup=keyboard([[(say(context, T.SKIP), "loss:skip")]])
    )
    return LOSS


async def got_loss(update: Update, context: Context) -> int:
    message = update.effective_message
    assert message is not None
    try:
        amount = parse_loss((message.text or "").strip())
    except InvalidInput:
        await message.reply_text(say(context, T.BAD_LOSS))
        return LOSS
    draft_of(context)["loss"] = str(amount) if amount is not None else None
    return await _ask_region(message, context)


async def skip_loss(update: Update, context: Context) -> int:
    message = await reply_to(update)
    return await _ask_region(message, context)


async def _ask_region(message: Any, context: Context) -> int:
    buttons = [(say(context, REGION_NAMES[r.value]), f"reg:{r.value}") for r in Region]
    rows = [*pairs(buttons), [(say(context, T.SKIP), "reg:skip")]]
    await message.reply_text(say(context, T.ASK_REGION), reply_markup=keyboard(rows))
    return REGION


async def chose_region(update: Update, context: Context) -> int:
    message = await reply_to(update)
    region = pressed(update, "reg:")
    if region != "skip" and region not in REGION_NAMES:  # a forged or outdated button
        return await _ask_region(message, context)
    draft_of(context)["region"] = None if region == "skip" else region
    markup = ReplyKeyboardMarkup(
        [
            [KeyboardButton(say(context, T.SHARE_PHONE), request_contact=True)],
            [say(context, T.SKIP)],
        ],
        one_time_keyboard=True,
        resize_keyboard=True,
    )
    await message.reply_text(say(context, T.ASK_CONTACT), reply_markup=markup)
    return CONTACT


async def got_contact(update: Update, context: Context) -> int:
    message = update.effective_message
    assert message is not None
    answer = read_contact(update, skip_words={gettext(T.SKIP, lang) for lang in LANGUAGES})
    if answer.ask_again:
        await message.reply_text(say(context, answer.say or T.ASK_CONTACT))
        return CONTACT
    draft_of(context)["contact"] = answer.contact
    await message.reply_text(say(context, answer.say), reply_markup=ReplyKeyboardRemove())
    return await _confirm(message, context)


def _summary(context: Context) -> str:
    draft = draft_of(context)
    lines = [say(context, T.SUMMARY), "", say(context, CATEGORY_NAMES[draft["category"]])]
    if draft.get("loss"):
        loss = amount(Decimal(draft["loss"]), chat_language(context))
        lines.append(say(context, T.LOSS_LINE, amount=loss))
    if draft.get("region"):
        lines.append(say(context, REGION_NAMES[draft["region"]]))
    found: list[Indicator] = draft["indicators"]
    if found:
        lines += ["", say(context, T.FOUND)]
        lines += [f"• {say(context, KIND_NAMES[i.kind.value])}: {i.value}" for i in found[:20]]
    else:
        lines += ["", say(context, T.FOUND_NONE)]
    return "\n".join(lines)


async def _confirm(message: Any, context: Context) -> int:
    buttons = [[(say(context, T.SEND), "ok:send")], [(say(context, T.CANCEL), "ok:cancel")]]
    await message.reply_text(_summary(context), reply_markup=keyboard(buttons))
    return CONFIRM


def submit_step(reports: ReportService) -> Any:
    async def send(update: Update, context: Context) -> int:
        message = await reply_to(update)
        query, chat = update.callback_query, update.effective_chat
        assert query is not None
        assert chat is not None
        draft = draft_of(context)
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
            await message.reply_text(say(context, T.FAILED, reason=say(context, error.title)))
            return ConversationHandler.END
        number = result.report.id
        mine: list[str] = context.chat_data.setdefault("reports", []) if context.chat_data else []
        if number not in mine:
            mine.append(number)
        await query.edit_message_text(_summary(context))
        await message.reply_text(say(context, T.SENT, number=number))
        left_out = sum(a is None for a in attachments)
        if left_out:  # a file named like a photo that is not one
            await message.reply_text(say(context, T.LEFT_OUT, count=left_out))
        draft["sent"] = number
        return await _ask_updates(message, context)

    return send


async def _ask_updates(message: Any, context: Context) -> int:
    buttons = [[(say(context, T.YES_UPDATES), "upd:yes")], [(say(context, T.NO_UPDATES), "upd:no")]]
    await message.reply_text(say(context, T.ASK_UPDATES), reply_markup=keyboard(buttons))
    return UPDATES


def _press_a_button(ask_again: Any) -> MessageHandler[Context, int]:
    """Typed words where a button is wanted (\"Алматы\" for the region): say so, ask again."""

    async def typed(update: Update, context: Context) -> int:
        message = update.effective_message
        assert message is not None
        await message.reply_text(say(context, T.PRESS_A_BUTTON))
        state: int = await ask_again(message, context)
        return state

    return MessageHandler(~filters.COMMAND, typed)


def updates_step(reports: ReportService) -> Any:
    async def answer(update: Update, context: Context) -> int:
        message = await reply_to(update)
        chat = update.effective_chat
        number = draft_of(context).get("sent")
        if pressed(update, "upd:") == "yes" and number and chat is not None:
            reports.subscribe(
                report_id=number,
                channel="telegram",
                recipient=str(chat.id),
                language=chat_language(context),
            )
            await message.reply_text(say(context, T.WILL_WRITE))
        else:
            await message.reply_text(say(context, T.WONT_WRITE))
        if context.chat_data is not None:
            context.chat_data.pop("draft", None)
        return ConversationHandler.END

    return answer


async def cancel(update: Update, context: Context) -> int:
    message = await reply_to(update)
    if context.chat_data is not None:
        context.chat_data.pop("draft", None)
    await message.reply_text(say(context, T.CANCELLED), reply_markup=ReplyKeyboardRemove())
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
        CATEGORY: [
            CallbackQueryHandler(chose_category, pattern="^cat:"),
            _press_a_button(_ask_category),
        ],
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
        REGION: [CallbackQueryHandler(chose_region, pattern="^reg:"), _press_a_button(_ask_region)],
        CONTACT: [MessageHandler((filters.CONTACT | filters.TEXT) & ~filters.COMMAND, got_contact)],
        CONFIRM: [
            CallbackQueryHandler(submit_step(reports), pattern="^ok:send$"),
            CallbackQueryHandler(cancel, pattern="^ok:cancel$"),
            _press_a_button(_confirm),
        ],
        UPDATES: [
            CallbackQueryHandler(updates_step(reports), pattern="^upd:"),
            _press_a_button(_ask_updates),
        ],
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

"""The draft a report grows in between messages: the story as it is told (typed or
forwarded, cards masked, indicators kept), and the files sent as evidence."""

from __future__ import annotations

from typing import Any

from telegram import Update

from cyberpol.kernel.indicators.extract import extract_indicators
from cyberpol.kernel.indicators.invisible import visible
from cyberpol.kernel.indicators.normalize.card import redact_cards
from cyberpol.platform.bot import Context, keyboard, say
from cyberpol.reports.bot import texts as T
from cyberpol.reports.bot.media import forwarded_handle
from cyberpol.reports.service import ReportService

CATEGORY, TEXT, EVIDENCE, LOSS, REGION, CONTACT, CONFIRM, UPDATES = range(8)
TELEGRAM_FILE_LIMIT = 20 * 1024 * 1024  # the most a bot may download
ALBUM_SETTLES = 1.0  # seconds: Telegram sends an album's messages together


def draft_of(context: Context) -> dict[str, Any]:
    data: dict[str, Any] = context.chat_data if context.chat_data is not None else {}
    draft: dict[str, Any] = data.setdefault("draft", {})
    return draft


def done(context: Context) -> Any:
    return keyboard([[(say(context, T.DONE), "ev:done")]])


def add_to_story(reports: ReportService, update: Update, context: Context) -> str | None:
    """Add a typed or forwarded message to the draft; what to say if it cannot be added."""
    message = update.effective_message
    assert message is not None
    text = (message.text or message.caption or "").strip()
    if not visible(text).strip():
        return T.NEED_TEXT
    draft = draft_of(context)
    limit = reports.limits.max_text_chars
    if len(text) + len(draft.get("text") or "") > limit:
        return T.TEXT_TOO_LONG
    handles, origin = forwarded_handle(update, context)
    found = extract_indicators(text, card_secret=reports.card_secret, with_attributes=True)
    # Forwarded messages come one after another: each adds to the story.
    draft["text"] = "\n\n".join(filter(None, [draft.get("text"), origin, redact_cards(text)]))
    known = {i.key for i in draft["indicators"]}
    draft["indicators"] += [i for i in [*handles, *found] if i.key not in known]
    return None


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
            said = T.NOT_EVIDENCE
            if message.text or message.caption:  # more of the story, typed or forwarded
                said = add_to_story(reports, update, context) or T.ADDED_TO_STORY
            limit = reports.limits.max_text_chars
            await message.reply_text(say(context, said, max=limit), reply_markup=done(context))
            return EVIDENCE
        files: list[dict[str, Any]] = draft_of(context)["files"]
        limit = reports.limits.max_attachments
        group = message.media_group_id
        if (media.file_size or 0) > min(TELEGRAM_FILE_LIMIT, reports.limits.max_attachment_bytes):
            await message.reply_text(say(context, T.FILE_TOO_BIG))
        elif len(files) >= limit:
            if not group or draft_of(context).get("refused_group") != group:  # once an album
                await message.reply_text(say(context, T.TOO_MANY, limit=limit))
            draft_of(context)["refused_group"] = group
        else:
            name = getattr(media, "file_name", None) or f"telegram-{len(files) + 1}"
            files.append({"file_id": media.file_id, "name": name})
            if group is None:
                await message.reply_text(
                    say(context, T.GOT_FILE, count=len(files), limit=limit),
                    reply_markup=done(context),
                )
            else:
                count_album_once(context, group, message.chat_id, limit)
        return EVIDENCE

    return got_file


def count_album_once(context: Context, group: str, chat: int, limit: int) -> None:
    """An album is several messages with one media_group_id, arriving within a moment: the
    citizen hears the count once, after the last of them."""
    queue = context.job_queue
    name = f"album:{chat}:{group}"
    if queue is None or queue.get_jobs_by_name(name):
        return

    async def tell(later: Context) -> None:
        count = len(draft_of(later).get("files", []))
        await later.bot.send_message(
            chat, say(later, T.GOT_FILE, count=count, limit=limit), reply_markup=done(later)
        )

    queue.run_once(tell, when=ALBUM_SETTLES, chat_id=chat, name=name)

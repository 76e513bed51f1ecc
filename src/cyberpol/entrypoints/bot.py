"""The citizens' Telegram bot: language, menu, and the capabilities' own handlers.

It talks to ``{CYBERPOL_TELEGRAM_API_URL}/bot{token}/{method}``, so a local Bot API server
or a test double can stand in for Telegram. Chats' languages, conversations and the recent
update ids are persisted in ``<data dir>/telegram.pickle``: a restart resumes a report where
it stood, and an update delivered twice is handled once.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Header, Request
from telegram import Update
from telegram.error import Forbidden as Forbidden_
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    PicklePersistence,
    TypeHandler,
    filters,
)

from cyberpol.bootstrap import Runtime
from cyberpol.kernel.errors import Forbidden, InvalidInput, RateLimited
from cyberpol.kernel.labels import N_
from cyberpol.platform.bot import LANGUAGE_KEY, Context, keyboard, pressed, reply_to, say
from cyberpol.platform.i18n import LANGUAGES, gettext
from cyberpol.platform.ratelimit import RateLimiter
from cyberpol.registry.bot import check_handler
from cyberpol.registry.messages import SCHEMES
from cyberpol.reports.bot import report_conversation
from cyberpol.reports.bot.updates import UPDATE_TEXT, my_reports_handler
from cyberpol.reports.service import ReportService

log = logging.getLogger("cyberpol.bot")

# Asked before a language is known, so in all three at once.
CHOOSE_LANGUAGE = "Тілді таңдаңыз · Выберите язык · Choose a language"
LANGUAGE_BUTTONS = [("Қазақша", "lang:kk"), ("Русский", "lang:ru"), ("English", "lang:en")]
MENU = N_("CyberPol helps you check a number or link before you pay and report fraudsters.")
MENU_REPORT = N_("Report a scam")
MENU_CHECK = N_("Check a number or link")
MENU_MINE = N_("My reports")
MENU_HELP = N_("How to protect yourself")
CHECK_PROMPT = N_(
    "Send me the phone number, card, account, link, wallet or handle, or forward the message."
)
PROTECT = N_(
    "Never tell anyone an SMS code. The bank and the police never ask you to move money to a "
    '"safe account". Hang up and call the number on your card yourself. Never pay in advance to '
    "strangers."
)
PRIVATE_ONLY = N_("I work in a private chat only: write to me directly.")
STALE_BUTTON = N_("That step is over. Choose from the menu:")
UNKNOWN_COMMAND = N_("I do not know that command. Choose from the menu:")
# Commands some handler answers; any other gets the menu rather than silence.
KNOWN_COMMANDS = r"^/(start|report|cancel|help|check)(@\w+)?(\s|$)"
SLOW_DOWN = N_("You are sending messages too fast. Please wait a minute.")
BROKEN = N_("Something went wrong on our side. Please try again in a minute.")
Bot = Application[Any, Any, Any, Any, Any, Any]
SEEN_UPDATES = 5000  # Telegram redelivers within minutes; far more than arrive meanwhile


def _menu(context: Context) -> Any:
    return keyboard(
        [
            [(say(context, MENU_REPORT), "menu:report")],
            [(say(context, MENU_CHECK), "menu:check")],
            [(say(context, MENU_MINE), "menu:mine")],
            [(say(context, MENU_HELP), "menu:help")],
        ]
    )


async def start(update: Update, _context: Context) -> None:
    message = update.effective_message
    if message is not None:
        await message.reply_text(CHOOSE_LANGUAGE, reply_markup=keyboard([LANGUAGE_BUTTONS]))


async def chose_language(update: Update, context: Context) -> None:
    await reply_to(update)
    query = update.callback_query
    assert query is not None
    language = pressed(update, "lang:")
    if language in LANGUAGES and context.chat_data is not None:
        context.chat_data[LANGUAGE_KEY] = language
    await query.edit_message_text(say(context, MENU), reply_markup=_menu(context))


async def menu_check(update: Update, context: Context) -> None:
    message = await reply_to(update)
    await message.reply_text(say(context, CHECK_PROMPT))


def _menu_after(text: str) -> Any:
    """A handler that says ``text`` and shows the menu: for what nothing else answers (a
    command it does not know, a button of a step that is over) rather than silence."""

    async def answer(update: Update, context: Context) -> None:
        message = await reply_to(update)
        await message.reply_text(say(context, text), reply_markup=_menu(context))

    return answer


async def menu_help(update: Update, context: Context) -> None:
    message = await reply_to(update)
    await message.reply_text(
        "\n\n".join([say(context, PROTECT), *(f"• {say(context, s)}" for s in SCHEMES)]),
        reply_markup=_menu(context),
    )


def _gate(limiter: RateLimiter) -> Any:
    """Before anything else: drop an update seen before, slow down a chat that floods."""

    async def gate(update: Update, context: Context) -> None:
        seen: deque[int] = context.bot_data.setdefault("seen", deque(maxlen=SEEN_UPDATES))
        if update.update_id in seen:
            raise ApplicationHandlerStop
        seen.append(update.update_id)
        chat = update.effective_chat
        if chat is None:
            return
        if chat.type != chat.PRIVATE:
            # A citizen's report is theirs alone; in a group one member's /report would take
            # over another's draft. Answer what was meant for the bot, ignore the chatter.
            message = update.effective_message
            if update.callback_query:
                await update.callback_query.answer(say(context, PRIVATE_ONLY))
            elif message and (message.text or "").startswith("/"):
                await message.reply_text(say(context, PRIVATE_ONLY))
            raise ApplicationHandlerStop
        try:
            limiter.hit(f"telegram:{chat.id}")
        except RateLimited:
            if update.callback_query:
                await update.callback_query.answer(say(context, SLOW_DOWN))
            elif update.effective_message:
                await update.effective_message.reply_text(say(context, SLOW_DOWN))
            raise ApplicationHandlerStop from None

    return gate


async def _on_error(update: object, context: Context) -> None:
    log.error("telegram update failed", exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        await update.effective_message.reply_text(say(context, BROKEN))


def _deliver(reports: ReportService) -> Any:
    """The outbox's Telegram messages: status changes on reports whose reporters asked."""

    async def deliver(context: Context) -> None:
        await asyncio.to_thread(reports.collect_updates)
        for item in await asyncio.to_thread(reports.due_updates, channel="telegram"):
            text = gettext(UPDATE_TEXT[item.status], item.language)
            try:
                await context.bot.send_message(
                    int(item.recipient), text.format(number=item.report_id, value=item.value)
                )
            except Forbidden_:
                pass  # the citizen blocked the bot: nobody left to tell
            except TelegramError as error:  # unreachable or refused: tried again later
                await asyncio.to_thread(reports.update_sent, item, error=str(error))
                continue
            await asyncio.to_thread(reports.update_sent, item)

    return deliver


def build_bot(runtime: Runtime, *, per_minute: int = 30, update_every: float = 5.0) -> Bot:
    """The bot over ``runtime``'s use cases; settings give its token and Bot API server."""
    settings = runtime.settings
    if not settings.telegram_token:
        raise InvalidInput("Set CYBERPOL_TELEGRAM_TOKEN to the bot's token from BotFather.")
    api = settings.telegram_api_url.rstrip("/")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    application = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .persistence(PicklePersistence(settings.data_dir / "telegram.pickle", update_interval=1))
        .concurrent_updates(False)  # one chat's messages in the order they were sent
        .build()
    )
    application.add_handler(TypeHandler(Update, _gate(RateLimiter(per_minute))), group=-1)
    for handler in (
        report_conversation(runtime.reports),
        my_reports_handler(runtime.reports),
        CallbackQueryHandler(chose_language, pattern="^lang:"),
        CallbackQueryHandler(menu_check, pattern="^menu:check$"),
        CallbackQueryHandler(menu_help, pattern="^menu:help$"),
        CommandHandler("help", menu_help),
        CommandHandler("check", menu_check),
        MessageHandler(
            filters.COMMAND & ~filters.Regex(KNOWN_COMMANDS), _menu_after(UNKNOWN_COMMAND)
        ),
        check_handler(runtime.registry),
        CallbackQueryHandler(_menu_after(STALE_BUTTON)),  # last: any button nothing else took
    ):
        application.add_handler(handler)
    # After the report conversation (which ends itself on /start), in a group of its own.
    application.add_handler(CommandHandler("start", start), group=1)
    application.add_error_handler(_on_error)
    assert application.job_queue is not None  # python-telegram-bot[job-queue]
    application.job_queue.run_repeating(
        _deliver(runtime.reports), interval=update_every, first=update_every
    )
    return application


def webhook_enabled(runtime: Runtime) -> bool:
    """Whether the server should take Telegram's updates at ``/telegram/webhook``."""
    settings = runtime.settings
    return bool(settings.telegram_token and settings.telegram_webhook_secret)


def bot_lifespan(runtime: Runtime) -> Any:
    """The bot runs inside the server whenever a token is set: fed by the webhook when its
    secret is set too, else by long polling; it stops with the server."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not runtime.settings.telegram_token:
            yield
            return
        application = build_bot(runtime)
        await application.initialize()
        await application.start()
        polling = not webhook_enabled(runtime) and application.updater is not None
        if polling and application.updater is not None:
            await application.updater.start_polling(allowed_updates=["message", "callback_query"])
        app.state.bot = application
        try:
            yield
        finally:
            if polling and application.updater is not None:
                await application.updater.stop()
            await application.stop()
            await application.shutdown()

    return lifespan


def webhook_router(runtime: Runtime) -> APIRouter:
    """``POST /telegram/webhook``: updates from Telegram, which proves itself by the secret."""
    router = APIRouter(include_in_schema=False)
    secret = (runtime.settings.telegram_webhook_secret or "").encode()

    @router.post("/telegram/webhook", status_code=200)
    async def webhook(
        request: Request,
        token: Annotated[str, Header(alias="X-Telegram-Bot-Api-Secret-Token")] = "",
    ) -> dict[str, bool]:
        if not secret or not hmac.compare_digest(token.encode(), secret):
            raise Forbidden("Wrong or missing X-Telegram-Bot-Api-Secret-Token.")
        application: Bot = request.app.state.bot
        try:
            body = await request.json()
            update = Update.de_json(body, application.bot) if isinstance(body, dict) else None
        except (ValueError, KeyError, TypeError) as error:
            raise InvalidInput("The body is not a Telegram update.") from error
        if update is None:
            raise InvalidInput("The body is not a Telegram update.")
        # Answered at once: Telegram waits for no reply, and retries on a slow one.
        await application.update_queue.put(update)
        return {"ok": True}

    return router

"""What a reporter hears after the report: their reports on request, and status updates."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from cyberpol.kernel.labels import CATEGORY_NAMES, N_
from cyberpol.platform.bot import Context, reply_to, say
from cyberpol.registry.messages import VERDICT_TEXT
from cyberpol.reports.service import ReportService

MY_REPORTS = N_("Your reports:")
NO_REPORTS = N_("You have not sent any reports from this chat yet.")
# The outbox's messages, by the indicator's new status.
UPDATE_TEXT = {
    "confirmed": N_("Report {number}: the police confirmed that {value} is used by fraudsters."),
    "blocked": N_("Report {number}: {value} has been blocked."),
    "dismissed": N_("Report {number}: after a check, {value} was found not to be fraud."),
    "joined_case": N_(
        "Report {number}: the police opened criminal case {value} on it. Keep this number "
        "for your statement."
    ),
    "appeal_upheld": N_(
        "Report {number}: the owner of {value} appealed against its listing. The appeal was "
        "upheld: {value} is no longer listed as fraud."
    ),
    "appeal_rejected": N_(
        "Report {number}: the owner of {value} appealed against its listing. The appeal was "
        "rejected: {value} stays listed as fraud."
    ),
}


def my_reports_handler(reports: ReportService) -> CallbackQueryHandler[Context, None]:
    """The chat's reports with what the police made of their indicators."""

    async def mine(update: Update, context: Context) -> None:
        message = await reply_to(update)
        numbers: list[str] = (context.chat_data or {}).get("reports", [])
        if not numbers:
            await message.reply_text(say(context, NO_REPORTS))
            return
        lines = [say(context, MY_REPORTS)]
        for number in numbers[-10:]:
            status = reports.status(report_id=number, key=reports.status_key(number))
            lines.append(f"\n{number} · {say(context, CATEGORY_NAMES[status.category.value])}")
            lines += [
                f"• {state.indicator.value}: {say(context, VERDICT_TEXT[state.status])}"
                for state in status.indicators[:10]
            ]
        await message.reply_text("\n".join(lines))

    return CallbackQueryHandler(mine, pattern="^menu:mine$")

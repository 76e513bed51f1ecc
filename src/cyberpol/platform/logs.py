"""Card numbers are masked in every log record, whichever logger or handler writes it.

The record factory, not a filter, does it: a filter sits on one logger or one handler, and
uvicorn, the root logger's last-resort handler and any handler configured later would each
need their own. Message, arguments, the exception's traceback (an upload's path holds the
file name the sender chose) and the stack are rendered and masked as the record is made.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from cyberpol.kernel.indicators.normalize.card import redact_cards

_installed: list[bool] = []


def mask_cards_in_logs() -> None:
    """Install the masking record factory once per process (later calls do nothing)."""
    if _installed:
        return
    _installed.append(True)
    make_record = logging.getLogRecordFactory()

    def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = redact_cards(message), None
        if record.exc_info and record.exc_info[1] is not None:
            # Formatters reuse exc_text when it is set, so the masked form is what they print.
            record.exc_text = redact_cards("".join(traceback.format_exception(*record.exc_info)))
            record.exc_text = record.exc_text.rstrip("\n")
        if record.stack_info:
            record.stack_info = redact_cards(record.stack_info)
        return record

    logging.setLogRecordFactory(masked_record)

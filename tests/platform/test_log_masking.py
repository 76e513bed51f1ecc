"""No log record carries a full card number: message, arguments, traceback or stack."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from cyberpol.platform.logs import mask_cards_in_logs

DIGITS = "4400430123456789"


def test_log_records_mask_cards_in_message_arguments_and_traceback() -> None:
    mask_cards_in_logs()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("tests.cards")
    logger.addHandler(handler)
    try:
        logger.warning("card %s in %s", "4400 4301 2345 6789", {"pan": DIGITS})
        try:
            Path(f"/nonexistent/{DIGITS}.csv").read_text()
        except OSError:
            logger.exception("upload failed")
        logger.warning("stack", stack_info=True, extra={"ignored": DIGITS})
        logger.warning("window=000000000000000")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert "upload failed" in written
    assert "Traceback" in written
    assert "440043******6789.csv" in written
    assert DIGITS not in written
    assert "4301 2345" not in written
    assert "window=000000000000000" in written  # only real card numbers are masked

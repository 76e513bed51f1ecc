"""Identifiers from partners' files that hold a card number are refused, not masked.

Masking would change the id, so a re-send would no longer match and two ids could become
one; the row is refused instead, with a reason that does not repeat the id.
"""

from __future__ import annotations

import duckdb

from cyberpol.kernel.indicators.normalize.card import CARD_CANDIDATE, redact_cards


def refuse_card_numbers(db: duckdb.DuckDBPyConnection, column: str, reason: str) -> None:
    """Give rows of the temp table ``checked`` whose ``column`` holds a card this reason."""
    candidates = db.execute(
        f'SELECT DISTINCT "{column}" FROM checked WHERE reason IS NULL '
        f'AND regexp_matches("{column}", $1)',
        [CARD_CANDIDATE],  # what redact_cards looks at: only candidate ids cross into Python
    ).fetchall()
    holding = [row[0] for row in candidates if redact_cards(row[0]) != row[0]]
    if holding:
        db.execute(
            f"UPDATE checked SET reason = $1 "
            f'WHERE reason IS NULL AND list_contains($2, "{column}")',
            [reason, holding],
        )

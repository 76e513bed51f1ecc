"""Transfer ids that hold a card number are refused: an id must stay as the bank sent it.

Masking would change the id, so a re-send would no longer match and two ids could become
one; the row is refused instead, with a reason that does not repeat the id.
"""

from __future__ import annotations

import duckdb

from cyberpol.kernel.indicators.normalize.card import CARD_CANDIDATE, redact_cards

CARD_IN_ID = "transfer_id holds a card number; send the bank's own id for the transfer"


def refuse_card_numbers_in_ids(db: duckdb.DuckDBPyConnection) -> None:
    """Give rows of the temp table ``checked`` whose transfer_id holds a card this reason."""
    candidates = db.execute(
        "SELECT DISTINCT transfer_id FROM checked WHERE reason IS NULL "
        "AND regexp_matches(transfer_id, $1)",
        [CARD_CANDIDATE],  # what redact_cards looks at: only candidate ids cross into Python
    ).fetchall()
    holding = [row[0] for row in candidates if redact_cards(row[0]) != row[0]]
    if holding:
        db.execute(
            "UPDATE checked SET reason = $1 "
            "WHERE reason IS NULL AND list_contains($2, transfer_id)",
            [CARD_IN_ID, holding],
        )

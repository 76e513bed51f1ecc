"""Drops fed by drops: accounts that take most of their money from accounts already flagged.

A ring moves money in layers: the first drops take victims' payments and pass them to a
second layer that holds them and cashes out in parts, days or weeks later. The second
layer does not look fast or busy on its own; what gives it away is where its money comes
from. The model and the rules see each account alone, so this runs after them.
"""

from __future__ import annotations

import pyarrow as pa

from cyberpol.mules.store.flow_steps import EXITS
from cyberpol.platform.duckdb import DuckDbFile

# Half of an account's income from three or more flagged accounts: a flagged relative or two
# may pay an ordinary person, and a shop or an exchange takes most of its money from others.
# Two senders were enough on the second generator but flagged 337 ordinary accounts on
# AMLSim, whose drops also pay ordinary people.
FED_SHARE = 0.5
FED_SENDERS = 3
# Layers found one after another, each from the ones before.
HOPS = 3


def fed_by_flagged(
    store: DuckDbFile, flagged: list[str], *, hops: int = HOPS
) -> dict[str, tuple[float, int]]:
    """Accounts outside ``flagged`` fed by it (share of income, flagged senders), by layers."""
    found: dict[str, tuple[float, int]] = {}
    if not flagged:
        return found
    cursor = store.reading()
    try:
        cursor.execute(
            "CREATE OR REPLACE TEMP TABLE income AS SELECT to_account AS account, "
            "from_account AS sender, sum(CAST(amount AS DOUBLE)) AS amount FROM transfers "
            f"WHERE channel NOT IN {EXITS} AND coalesce(to_account, '') <> '' "
            "AND to_account <> from_account GROUP BY ALL"
        )
        cursor.execute(
            "CREATE OR REPLACE TEMP TABLE received AS "
            "SELECT account, sum(amount) AS total FROM income GROUP BY account"
        )
        cursor.register("flagged_arrow", pa.table({"account": pa.array(flagged, pa.string())}))
        cursor.execute(
            "CREATE OR REPLACE TEMP TABLE marked AS SELECT DISTINCT account FROM flagged_arrow"
        )
        cursor.unregister("flagged_arrow")
        for _ in range(hops):
            layer = cursor.execute(
                """SELECT i.account, sum(i.amount) / any_value(r.total), count(*)
                   FROM income i JOIN marked m ON m.account = i.sender
                   JOIN received r ON r.account = i.account
                   WHERE i.account NOT IN (SELECT account FROM marked)
                   GROUP BY i.account
                   HAVING count(*) >= ? AND sum(i.amount) >= ? * any_value(r.total)""",
                [FED_SENDERS, FED_SHARE],
            ).fetchall()
            if not layer:
                break
            found.update({account: (float(share), int(n)) for account, share, n in layer})
            cursor.register("layer_arrow", pa.table({"account": [row[0] for row in layer]}))
            cursor.execute("INSERT INTO marked SELECT account FROM layer_arrow")
            cursor.unregister("layer_arrow")
        return found
    finally:
        for table in ("income", "received", "marked"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.close()

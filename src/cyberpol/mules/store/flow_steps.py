"""Drop-feature steps about an account's own money: what comes in, what goes out, how fast.

Steps of ``features.STEPS`` (see there for the input views and the SQL both engines read).
"""

from __future__ import annotations

EXITS = "('cash_out', 'crypto', 'foreign')"
_NIGHT = "(((ts_s + 18000) % 86400) < 21600)"  # 00:00-06:00 in Almaty (UTC+5)

FLOW_STEPS: tuple[tuple[str, str], ...] = (
    (
        # Each transfer once from each side that is an account: incoming (is_out 0) and
        # outgoing (is_out 1); an exit channel has no account on the receiving side.
        "sides",
        f"""SELECT to_account AS account, from_account AS other, ts_s, amount, 0 AS is_out,
                   CAST(floor(ts_s / 86400) AS BIGINT) AS day, channel
            FROM tx WHERE channel NOT IN {EXITS}
            UNION ALL
            SELECT from_account AS account, to_account AS other, ts_s, amount, 1 AS is_out,
                   CAST(floor(ts_s / 86400) AS BIGINT) AS day, channel
            FROM tx""",
    ),
    (
        "flow_in",
        f"""SELECT account, count(*) AS in_count, sum(amount) AS in_amount,
                   count(DISTINCT other) AS in_senders, min(ts_s) AS first_in,
                   min(amount) AS in_min, max(amount) AS in_max,
                   sum(CASE WHEN {_NIGHT} THEN 1 ELSE 0 END) AS in_night
            FROM sides WHERE is_out = 0 GROUP BY account""",
    ),
    (
        "flow_out",
        """SELECT account, count(*) AS out_count, sum(amount) AS out_amount,
                  count(DISTINCT other) AS out_receivers, min(ts_s) AS first_out,
                  min(amount) AS out_min, max(amount) AS out_max,
                  sum(CASE WHEN channel = 'cash_out' THEN amount ELSE 0 END) AS cash_amount,
                  sum(CASE WHEN channel = 'crypto' THEN amount ELSE 0 END) AS crypto_amount,
                  sum(CASE WHEN channel = 'foreign' THEN amount ELSE 0 END) AS foreign_amount
           FROM sides WHERE is_out = 1 GROUP BY account""",
    ),
    (
        "daily",
        """SELECT account, day, sum(1 - is_out) AS n_in, sum(is_out) AS n_out,
                  sum(CASE WHEN is_out = 0 THEN amount ELSE 0 END) AS in_amt,
                  sum(CASE WHEN is_out = 1 THEN amount ELSE 0 END) AS out_amt,
                  count(DISTINCT CASE WHEN is_out = 0 THEN other END) AS senders,
                  count(DISTINCT CASE WHEN is_out = 1 THEN other END) AS receivers
           FROM sides GROUP BY account, day""",
    ),
    (
        "activity",
        """SELECT account, count(*) AS active_days,
                  max(n_in + n_out) AS max_day_transfers,
                  max(senders) AS max_daily_senders, max(receivers) AS max_daily_receivers,
                  sum(CASE WHEN n_in > 0 AND n_out > 0 THEN 1 ELSE 0 END) AS in_out_days,
                  sum(least(in_amt, out_amt)) AS forwarded,
                  max(least(in_amt, out_amt)) AS max_day_forwarded,
                  sum(CASE WHEN in_amt > 0 AND out_amt >= 0.5 * in_amt THEN 1 ELSE 0 END)
                      AS forward_days
           FROM daily GROUP BY account""",
    ),
    (
        # Most distinct senders within any three calendar days: windows starting on each of
        # three phases cover every run of three days, and both engines agree on them.
        "fan3",
        """SELECT account, max(senders) AS max_3day_senders FROM (
              SELECT account, count(DISTINCT other) AS senders FROM (
                SELECT s.account, s.other, p.phase,
                       CAST(floor((s.day + p.phase) / 3) AS BIGINT) AS bucket
                FROM sides s CROSS JOIN (SELECT 0 AS phase UNION ALL SELECT 1 UNION ALL SELECT 2) p
                WHERE s.is_out = 0)
              GROUP BY account, phase, bucket) GROUP BY account""",
    ),
    (
        "pair_counts",
        """SELECT account, other, is_out, count(*) AS n FROM sides
           GROUP BY account, other, is_out""",
    ),
    (
        "repeats",
        """SELECT account,
                  sum(CASE WHEN is_out = 0 AND n > 1 THEN n ELSE 0 END) AS in_repeated,
                  sum(CASE WHEN is_out = 1 AND n > 1 THEN n ELSE 0 END) AS out_repeated
           FROM pair_counts GROUP BY account""",
    ),
    (
        "ledger",
        """SELECT account, ts_s, amount, is_out,
                  max(CASE WHEN is_out = 0 THEN ts_s END) OVER (
                      PARTITION BY account ORDER BY ts_s, is_out
                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_in
           FROM sides""",
    ),
    (
        "dwell",
        """SELECT account,
                  sum(CASE WHEN ts_s - last_in <= 21600 THEN amount ELSE 0 END) AS fast_out,
                  avg(CAST(ts_s - last_in AS DOUBLE) / 3600.0) AS mean_dwell_h
           FROM ledger WHERE is_out = 1 AND last_in IS NOT NULL GROUP BY account""",
    ),
    (
        "same_day",
        """SELECT account,
                  sum(CASE WHEN is_out = 0 THEN n ELSE 0 END) AS in_same_day,
                  sum(CASE WHEN is_out = 1 THEN n ELSE 0 END) AS out_same_day
           FROM (SELECT account, other, is_out, day, count(*) AS n FROM sides
                 GROUP BY account, other, is_out, day)
           WHERE n > 1 GROUP BY account""",
    ),
    (
        "two_way",
        """SELECT a.account, count(*) AS two_way
           FROM pair_counts a JOIN pair_counts b
             ON b.account = a.account AND b.other = a.other AND b.is_out = 1
           WHERE a.is_out = 0 GROUP BY a.account""",
    ),
)

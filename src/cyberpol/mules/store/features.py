"""Per-account features for drop (money-mule) detection, as SQL both DuckDB and Spark run.

Inputs are four views: ``tx`` (transfer_id, ts_s seconds, amount DOUBLE, from_account,
from_bank, to_account, to_bank, channel), ``acct`` (account, bank, holder_id, opened_s,
holder_birth_year, holder_country, device_id, ip), ``held_by`` (account, bank: the bank
that holds it) and ``known`` (account, kind: ``mule`` for drops analysts confirmed,
``reported`` for accounts in citizens' reports). Each step is
(name, SELECT); an engine materialises them in order. Only ANSI-ish SQL that both engines
read the same way: no engine-specific functions, seconds as plain integers.
"""

from __future__ import annotations

_EXITS = "('cash_out', 'crypto', 'foreign')"
_NIGHT = "(((ts_s + 18000) % 86400) < 21600)"  # 00:00-06:00 in Almaty (UTC+5)

STEPS: tuple[tuple[str, str], ...] = (
    (
        "nodes",
        # Each account at the bank that holds it, not where another bank's transfer says.
        f"""SELECT n.account, coalesce(h.bank, n.bank) AS bank FROM (
              SELECT account, min(nullif(bank, '')) AS bank FROM (
                SELECT from_account AS account, from_bank AS bank FROM tx
                UNION ALL
                SELECT to_account AS account, to_bank AS bank FROM tx
                WHERE channel NOT IN {_EXITS})
              WHERE account NOT LIKE 'outside:%' GROUP BY account) n
            LEFT JOIN held_by h ON h.account = n.account""",
    ),
    (
        "flow_in",
        f"""SELECT to_account AS account, count(*) AS in_count, sum(amount) AS in_amount,
                   count(DISTINCT from_account) AS in_senders, min(ts_s) AS first_in,
                   sum(CASE WHEN {_NIGHT} THEN 1 ELSE 0 END) AS in_night
            FROM tx WHERE channel NOT IN {_EXITS} GROUP BY to_account""",
    ),
    (
        "flow_out",
        """SELECT from_account AS account, count(*) AS out_count, sum(amount) AS out_amount,
                  count(DISTINCT to_account) AS out_receivers, min(ts_s) AS first_out,
                  sum(CASE WHEN channel = 'cash_out' THEN amount ELSE 0 END) AS cash_amount,
                  sum(CASE WHEN channel = 'crypto' THEN amount ELSE 0 END) AS crypto_amount,
                  sum(CASE WHEN channel = 'foreign' THEN amount ELSE 0 END) AS foreign_amount
           FROM tx GROUP BY from_account""",
    ),
    (
        "daily_senders",
        f"""SELECT account, max(senders) AS max_daily_senders FROM (
              SELECT to_account AS account, count(DISTINCT from_account) AS senders
              FROM tx WHERE channel NOT IN {_EXITS}
              GROUP BY to_account, CAST(floor(ts_s / 86400) AS BIGINT)) GROUP BY account""",
    ),
    (
        "ledger",
        f"""SELECT account, ts_s, amount, is_out,
                   max(CASE WHEN is_out = 0 THEN ts_s END) OVER (
                       PARTITION BY account ORDER BY ts_s, is_out
                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_in
            FROM (SELECT to_account AS account, ts_s, amount, 0 AS is_out FROM tx
                  WHERE channel NOT IN {_EXITS}
                  UNION ALL SELECT from_account AS account, ts_s, amount, 1 AS is_out FROM tx)""",
    ),
    (
        "dwell",
        """SELECT account,
                  sum(CASE WHEN ts_s - last_in <= 21600 THEN amount ELSE 0 END) AS fast_out,
                  avg(CAST(ts_s - last_in AS DOUBLE) / 3600.0) AS mean_dwell_h
           FROM ledger WHERE is_out = 1 AND last_in IS NOT NULL GROUP BY account""",
    ),
    (
        "holders",
        """SELECT holder_id, count(DISTINCT account) AS holder_accounts,
                  count(DISTINCT bank) AS holder_banks
           FROM acct WHERE holder_id IS NOT NULL GROUP BY holder_id""",
    ),
    (
        "device_groups",
        """SELECT a.device_id, count(DISTINCT a.account) AS n,
                  count(DISTINCT k.account) AS known_n
           FROM acct a LEFT JOIN known k ON k.account = a.account AND k.kind = 'mule'
           WHERE a.device_id IS NOT NULL GROUP BY a.device_id""",
    ),
    (
        "ip_groups",
        """SELECT a.ip, count(DISTINCT a.account) AS n, count(DISTINCT k.account) AS known_n
           FROM acct a LEFT JOIN known k ON k.account = a.account AND k.kind = 'mule'
           WHERE a.ip IS NOT NULL GROUP BY a.ip""",
    ),
    (
        # Counts exclude the account itself, so its own label never feeds its own score.
        "shared",
        """SELECT a.account,
                  coalesce(d.n - 1, 0) AS device_accounts,
                  coalesce(i.n - 1, 0) AS ip_accounts,
                  coalesce(d.known_n - me.k, 0) + coalesce(i.known_n - me.k, 0)
                      AS shared_with_known
           FROM acct a
           LEFT JOIN device_groups d ON d.device_id = a.device_id
           LEFT JOIN ip_groups i ON i.ip = a.ip
           JOIN (SELECT x.account,
                        max(CASE WHEN k.account IS NOT NULL THEN 1 ELSE 0 END) AS k
                 FROM acct x LEFT JOIN known k ON k.account = x.account AND k.kind = 'mule'
                 GROUP BY x.account) me ON me.account = a.account""",
    ),
    (
        "pairs",
        f"""SELECT DISTINCT a, b FROM (
              SELECT from_account AS a, to_account AS b FROM tx WHERE channel NOT IN {_EXITS}
              UNION ALL
              SELECT to_account AS a, from_account AS b FROM tx WHERE channel NOT IN {_EXITS})
            WHERE a <> b""",
    ),
    (
        "known_pairs",
        """SELECT p.a AS account, p.b AS known_other FROM pairs p
           JOIN known k ON k.account = p.b AND k.kind = 'mule'""",
    ),
    (
        "near_known",
        """SELECT account, count(DISTINCT known_other) AS known_neighbours
           FROM known_pairs GROUP BY account""",
    ),
    (
        "second_ring",
        """SELECT p.a AS account, count(DISTINCT kp.known_other) AS known_second
           FROM pairs p JOIN known_pairs kp ON kp.account = p.b
           WHERE kp.known_other <> p.a GROUP BY p.a""",
    ),
    (
        "features",
        """SELECT n.account, n.bank,
              coalesce(i.in_count, 0) AS in_count,
              coalesce(i.in_amount, 0) AS in_amount,
              coalesce(i.in_senders, 0) AS in_senders,
              coalesce(o.out_count, 0) AS out_count,
              coalesce(o.out_amount, 0) AS out_amount,
              coalesce(o.out_receivers, 0) AS out_receivers,
              CASE WHEN coalesce(i.in_amount, 0) > 0
                   THEN least(coalesce(o.out_amount, 0) / i.in_amount, 2.0) ELSE 0 END
                  AS pass_through,
              CASE WHEN coalesce(o.out_amount, 0) > 0
                   THEN coalesce(d.fast_out, 0) / o.out_amount ELSE 0 END AS fast_share,
              coalesce(d.mean_dwell_h, -1) AS mean_dwell_h,
              CASE WHEN coalesce(o.out_amount, 0) > 0
                   THEN o.cash_amount / o.out_amount ELSE 0 END AS cash_share,
              CASE WHEN coalesce(o.out_amount, 0) > 0
                   THEN o.crypto_amount / o.out_amount ELSE 0 END AS crypto_share,
              CASE WHEN coalesce(o.out_amount, 0) > 0
                   THEN o.foreign_amount / o.out_amount ELSE 0 END AS foreign_share,
              coalesce(s.max_daily_senders, 0) AS max_daily_senders,
              CASE WHEN i.in_count > 0 THEN CAST(i.in_night AS DOUBLE) / i.in_count
                   ELSE 0 END AS night_share,
              CASE WHEN a.opened_s IS NULL THEN -1
                   ELSE CAST(least(coalesce(i.first_in, o.first_out),
                                   coalesce(o.first_out, i.first_in)) - a.opened_s AS DOUBLE)
                        / 86400.0 END AS age_days,
              coalesce(h.holder_accounts, 0) AS holder_accounts,
              coalesce(h.holder_banks, 0) AS holder_banks,
              CASE WHEN a.holder_country IS NOT NULL AND a.holder_country <> 'KZ'
                   THEN 1 ELSE 0 END AS foreign_holder,
              coalesce(sh.device_accounts, 0) AS device_accounts,
              coalesce(sh.ip_accounts, 0) AS ip_accounts,
              coalesce(sh.shared_with_known, 0) AS shared_with_known,
              coalesce(nk.known_neighbours, 0) AS known_neighbours,
              coalesce(sr.known_second, 0) AS known_second,
              CASE WHEN r.account IS NOT NULL THEN 1 ELSE 0 END AS reported
           FROM nodes n
           LEFT JOIN flow_in i ON i.account = n.account
           LEFT JOIN flow_out o ON o.account = n.account
           LEFT JOIN dwell d ON d.account = n.account
           LEFT JOIN daily_senders s ON s.account = n.account
           LEFT JOIN acct a ON a.account = n.account
           LEFT JOIN holders h ON h.holder_id = a.holder_id
           LEFT JOIN shared sh ON sh.account = n.account
           LEFT JOIN near_known nk ON nk.account = n.account
           LEFT JOIN second_ring sr ON sr.account = n.account
           LEFT JOIN (SELECT DISTINCT account FROM known WHERE kind = 'reported') r
                  ON r.account = n.account""",
    ),
)

# The model's inputs, in order; every one is a column of ``features``.
FEATURE_NAMES = (
    "in_count",
    "in_amount",
    "in_senders",
    "out_count",
    "out_amount",
    "out_receivers",
    "pass_through",
    "fast_share",
    "mean_dwell_h",
    "cash_share",
    "crypto_share",
    "foreign_share",
    "max_daily_senders",
    "night_share",
    "age_days",
    "holder_accounts",
    "holder_banks",
    "foreign_holder",
    "device_accounts",
    "ip_accounts",
    "shared_with_known",
    "known_neighbours",
    "known_second",
    "reported",
)

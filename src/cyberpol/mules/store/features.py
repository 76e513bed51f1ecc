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

from cyberpol.mules.store.flow_steps import EXITS, FLOW_STEPS
from cyberpol.mules.store.link_steps import LINK_STEPS

# What an account's senders and receivers look like, as the mean of their own features
# over distinct counterparties: a drop's senders are victims who pay rarely, its receivers
# other drops and exits that pass money on.
NEIGHBOURED = (
    "in_senders_rank",
    "out_receivers_rank",
    "in_count_rank",
    "out_count_rank",
    "pass_through",
    "income_share",
    "fast_share",
    "forwarded_share",
    "active_share",
    "in_repeat_share",
    "out_repeat_share",
    "counterparties_per_active_day",
    "in_min_max",
)
_SIDES = (("sender", 0), ("receiver", 1))
STEPS: tuple[tuple[str, str], ...] = (
    (
        "nodes",
        # Each account at the bank that holds it, not where another bank's transfer says.
        f"""SELECT n.account, coalesce(h.bank, n.bank) AS bank FROM (
              SELECT account, min(nullif(bank, '')) AS bank FROM (
                SELECT from_account AS account, from_bank AS bank FROM tx
                UNION ALL
                SELECT to_account AS account, to_bank AS bank FROM tx
                WHERE channel NOT IN {EXITS})
              WHERE account NOT LIKE 'outside:%' GROUP BY account) n
            LEFT JOIN held_by h ON h.account = n.account""",
    ),
    (
        # The length of the period the data covers, so counts become per-day rates and a
        # model trained on 60 days reads a 40-day window the same way.
        "span",
        """SELECT greatest(CAST(max(ts_s) - min(ts_s) AS DOUBLE) / 86400.0, 1.0) AS days
           FROM tx""",
    ),
    *FLOW_STEPS,
    *LINK_STEPS,
    (
        # Each account's own flows, which its neighbours' features below are made of.
        "base",
        """SELECT *,
              percent_rank() OVER (ORDER BY in_count) AS in_count_rank,
              percent_rank() OVER (ORDER BY out_count) AS out_count_rank,
              percent_rank() OVER (ORDER BY in_amount) AS in_amount_rank,
              percent_rank() OVER (ORDER BY out_amount) AS out_amount_rank,
              percent_rank() OVER (ORDER BY in_senders) AS in_senders_rank,
              percent_rank() OVER (ORDER BY out_receivers) AS out_receivers_rank,
              percent_rank() OVER (ORDER BY in_min) AS in_min_rank,
              percent_rank() OVER (ORDER BY out_min) AS out_min_rank
           FROM (SELECT n.account, n.bank,
              coalesce(i.in_min, 0) AS in_min,
              coalesce(o.out_min, 0) AS out_min,
              coalesce(i.in_count, 0) AS in_count,
              coalesce(i.in_amount, 0) AS in_amount,
              coalesce(i.in_senders, 0) AS in_senders,
              coalesce(o.out_count, 0) AS out_count,
              coalesce(o.out_amount, 0) AS out_amount,
              coalesce(o.out_receivers, 0) AS out_receivers,
              CASE WHEN coalesce(i.in_amount, 0) > 0
                   THEN least(coalesce(o.out_amount, 0) / i.in_amount, 2.0) ELSE 0 END
                  AS pass_through,
              coalesce(i.in_count, 0) / sp.days AS in_per_day,
              coalesce(o.out_count, 0) / sp.days AS out_per_day,
              coalesce(i.in_senders, 0) / sp.days AS senders_per_day,
              coalesce(o.out_receivers, 0) / sp.days AS receivers_per_day,
              coalesce(i.in_amount, 0) / sp.days AS in_amount_per_day,
              coalesce(o.out_amount, 0) / sp.days AS out_amount_per_day,
              coalesce(i.in_amount / i.in_count, 0) AS in_mean,
              coalesce(o.out_amount / o.out_count, 0) AS out_mean,
              coalesce(ac.active_days, 0) / sp.days AS active_share,
              CASE WHEN coalesce(i.in_amount, 0) + coalesce(o.out_amount, 0) > 0
                   THEN coalesce(i.in_amount, 0)
                        / (coalesce(i.in_amount, 0) + coalesce(o.out_amount, 0))
                   ELSE 0 END AS income_share
           FROM nodes n CROSS JOIN span sp
           LEFT JOIN flow_in i ON i.account = n.account
           LEFT JOIN flow_out o ON o.account = n.account
           LEFT JOIN activity ac ON ac.account = n.account)""",
    ),
    (
        "own",
        """SELECT b.account, b.bank, b.in_count, b.in_amount, b.in_senders, b.out_count,
              b.out_amount, b.out_receivers, b.pass_through,
              CASE WHEN coalesce(o.out_amount, 0) > 0
                   THEN coalesce(d.fast_out, 0) / o.out_amount ELSE 0 END AS fast_share,
              coalesce(d.mean_dwell_h, -1) AS mean_dwell_h,
              CASE WHEN coalesce(o.out_amount, 0) > 0
                   THEN o.cash_amount / o.out_amount ELSE 0 END AS cash_share,
              CASE WHEN coalesce(o.out_amount, 0) > 0
                   THEN o.crypto_amount / o.out_amount ELSE 0 END AS crypto_share,
              CASE WHEN coalesce(o.out_amount, 0) > 0
                   THEN o.foreign_amount / o.out_amount ELSE 0 END AS foreign_share,
              coalesce(ac.max_daily_senders, 0) AS max_daily_senders,
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
              coalesce(px.known_proximity, 0) AS known_proximity,
              CASE WHEN r.account IS NOT NULL THEN 1 ELSE 0 END AS reported,
              b.in_per_day, b.out_per_day, b.senders_per_day, b.receivers_per_day,
              b.in_amount_per_day, b.out_amount_per_day, b.in_mean, b.out_mean,
              b.active_share, b.income_share,
              b.in_count_rank, b.out_count_rank, b.in_amount_rank, b.out_amount_rank,
              b.in_senders_rank, b.out_receivers_rank, b.in_min_rank, b.out_min_rank,
              coalesce(i.in_min, 0) AS in_min, coalesce(i.in_max, 0) AS in_max,
              coalesce(o.out_min, 0) AS out_min, coalesce(o.out_max, 0) AS out_max,
              CASE WHEN coalesce(i.in_max, 0) > 0 THEN i.in_min / i.in_max ELSE 0 END
                  AS in_min_max,
              CASE WHEN b.in_amount > 0 THEN coalesce(o.out_max, 0) / b.in_amount ELSE 0 END
                  AS out_max_share,
              CASE WHEN coalesce(ac.active_days, 0) > 0
                   THEN (b.in_senders + b.out_receivers) / CAST(ac.active_days AS DOUBLE)
                   ELSE 0 END AS counterparties_per_active_day,
              coalesce(ac.max_day_transfers, 0) AS max_day_transfers,
              coalesce(ac.max_daily_receivers, 0) AS max_daily_receivers,
              CASE WHEN coalesce(ac.active_days, 0) > 0
                   THEN ac.in_out_days / CAST(ac.active_days AS DOUBLE) ELSE 0 END
                  AS in_out_day_share,
              coalesce(f3.max_3day_senders, 0) AS max_3day_senders,
              CASE WHEN b.in_amount > 0 THEN coalesce(ac.forwarded, 0) / b.in_amount
                   ELSE 0 END AS forwarded_share,
              CASE WHEN b.in_amount > 0 THEN coalesce(ac.max_day_forwarded, 0) / b.in_amount
                   ELSE 0 END AS max_day_forwarded_share,
              CASE WHEN coalesce(ac.active_days, 0) > 0
                   THEN ac.forward_days / CAST(ac.active_days AS DOUBLE) ELSE 0 END
                  AS forward_day_share,
              coalesce(ac.forward_days, 0) AS forward_days,
              CASE WHEN b.in_count > 0 THEN rp.in_repeated / CAST(b.in_count AS DOUBLE)
                   ELSE 0 END AS in_repeat_share,
              CASE WHEN b.out_count > 0 THEN rp.out_repeated / CAST(b.out_count AS DOUBLE)
                   ELSE 0 END AS out_repeat_share,
              CASE WHEN b.in_count > 0 THEN coalesce(sd.in_same_day, 0) / CAST(b.in_count AS DOUBLE)
                   ELSE 0 END AS in_same_day_share,
              CASE WHEN b.out_count > 0
                   THEN coalesce(sd.out_same_day, 0) / CAST(b.out_count AS DOUBLE)
                   ELSE 0 END AS out_same_day_share,
              CASE WHEN b.in_senders + b.out_receivers > 0
                   THEN coalesce(tw.two_way, 0)
                        / CAST(b.in_senders + b.out_receivers - coalesce(tw.two_way, 0) AS DOUBLE)
                   ELSE 0 END AS two_way_share
           FROM base b
           LEFT JOIN same_day sd ON sd.account = b.account
           LEFT JOIN two_way tw ON tw.account = b.account
           LEFT JOIN flow_in i ON i.account = b.account
           LEFT JOIN flow_out o ON o.account = b.account
           LEFT JOIN dwell d ON d.account = b.account
           LEFT JOIN activity ac ON ac.account = b.account
           LEFT JOIN fan3 f3 ON f3.account = b.account
           LEFT JOIN repeats rp ON rp.account = b.account
           LEFT JOIN acct a ON a.account = b.account
           LEFT JOIN holders h ON h.holder_id = a.holder_id
           LEFT JOIN shared sh ON sh.account = b.account
           LEFT JOIN near_known nk ON nk.account = b.account
           LEFT JOIN second_ring sr ON sr.account = b.account
           LEFT JOIN proximity px ON px.account = b.account
           LEFT JOIN (SELECT DISTINCT account FROM known WHERE kind = 'reported') r
                  ON r.account = b.account""",
    ),
    (
        "neighbours",
        "SELECT p.account, "
        + ", ".join(
            f"avg(CASE WHEN p.is_out = {side} THEN o.{name} END) AS {who}_{name}"
            for who, side in _SIDES
            for name in NEIGHBOURED
        )
        + " FROM pair_counts p JOIN own o ON o.account = p.other GROUP BY p.account",
    ),
    (
        # -1 where an account has no senders (or no receivers) to describe.
        "features",
        "SELECT b.*, "
        + ", ".join(
            f"coalesce(nb.{who}_{name}, -1) AS {who}_{name}"
            for who, side in _SIDES
            for name in NEIGHBOURED
        )
        + " FROM own b LEFT JOIN neighbours nb ON nb.account = b.account",
    ),
)

# Every column of ``features`` but the account and its bank, in order.
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
    "known_proximity",
    "reported",
    "in_per_day",
    "out_per_day",
    "senders_per_day",
    "receivers_per_day",
    "in_amount_per_day",
    "out_amount_per_day",
    "in_mean",
    "out_mean",
    "active_share",
    "income_share",
    "in_count_rank",
    "out_count_rank",
    "in_amount_rank",
    "out_amount_rank",
    "in_senders_rank",
    "out_receivers_rank",
    "in_min_rank",
    "out_min_rank",
    "in_min",
    "in_max",
    "out_min",
    "out_max",
    "in_min_max",
    "out_max_share",
    "counterparties_per_active_day",
    "max_day_transfers",
    "max_daily_receivers",
    "in_out_day_share",
    "max_3day_senders",
    "forwarded_share",
    "max_day_forwarded_share",
    "forward_day_share",
    "forward_days",
    "in_repeat_share",
    "out_repeat_share",
    "in_same_day_share",
    "out_same_day_share",
    "two_way_share",
    *(f"{who}_{name}" for who, _ in _SIDES for name in NEIGHBOURED),
)

# Totals over the whole period: the rules read them, but a model fed them learns the length
# of its training window (a 40-day window then looks quiet next to a 60-day one). Models
# read the per-day rates and within-period ranks instead. Chosen on a validation split
# inside the public sets' training periods (bench/mule_quality.py).
PERIOD_TOTALS = (
    "in_count",
    "in_amount",
    "in_senders",
    "out_count",
    "out_amount",
    "out_receivers",
    "max_daily_senders",
)
MODEL_INPUTS = tuple(name for name in FEATURE_NAMES if name not in PERIOD_TOTALS)
# What the features hold for an account nobody sent attributes for (no accounts file).
ATTRIBUTE_DEFAULTS = {
    "age_days": -1.0,
    "holder_accounts": 0.0,
    "holder_banks": 0.0,
    "foreign_holder": 0.0,
    "device_accounts": 0.0,
    "ip_accounts": 0.0,
}

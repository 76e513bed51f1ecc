"""Per-SIM features for SIM-box detection, as SQL both DuckDB and Spark run.

The input is one view, ``cdr``: the subscriber's side of every record (imsi, imei, number,
direction, record_type, start_s as epoch seconds, duration_s, other_number, cell_id,
trunk_kind). Each step is (name, SELECT); an engine materialises them in order. Plain SQL
both engines read alike: no engine-specific functions, times as integer seconds.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

_KZ = 5 * 3600  # hours of the day are Kazakhstan's

STEPS: tuple[tuple[str, str], ...] = (
    (
        # The days the records cover, counting only days with a thousandth of the records or
        # more: one stray record months older (a late or mis-dated row) must not dilute every
        # SIM's rate per day.
        "span",
        f"""SELECT CAST(greatest(count(*), 1) AS DOUBLE) AS days, max(p.last) AS last_s
            FROM (SELECT CAST(floor((start_s + {_KZ}) / 86400) AS BIGINT) AS d,
                         count(*) AS n, max(start_s) AS last
                  FROM cdr GROUP BY CAST(floor((start_s + {_KZ}) / 86400) AS BIGINT)) p
            CROSS JOIN (SELECT count(*) AS total FROM cdr) t
            WHERE p.n * 1000 >= t.total""",
    ),
    (
        # The numbers a SIM called, and how often each: a box calls each victim once.
        "called",
        """SELECT imsi, other_number, count(*) AS n FROM cdr
           WHERE direction = 'originating' AND record_type = 'voice'
             AND other_number IS NOT NULL
           GROUP BY imsi, other_number""",
    ),
    (
        "called_per_sim",
        """SELECT imsi, count(*) AS distinct_called,
                  sum(CASE WHEN n = 1 THEN 1 ELSE 0 END) AS called_once
           FROM called GROUP BY imsi""",
    ),
    (
        # How many SIMs each handset or module has carried: a SIM-box's modules take many.
        "device_sims",
        """SELECT imei, count(DISTINCT imsi) AS sims FROM cdr
           WHERE imei IS NOT NULL GROUP BY imei""",
    ),
    (
        "sim_devices",
        """SELECT c.imsi, count(DISTINCT c.imei) AS imeis, max(d.sims) AS sims_on_device
           FROM (SELECT DISTINCT imsi, imei FROM cdr WHERE imei IS NOT NULL) c
           JOIN device_sims d ON d.imei = c.imei
           GROUP BY c.imsi""",
    ),
    (
        "hourly",
        f"""SELECT imsi, CAST(floor((start_s + {_KZ}) / 3600) AS BIGINT) AS hour_no,
                   count(*) AS n
            FROM cdr WHERE direction = 'originating' AND record_type = 'voice'
            GROUP BY imsi, CAST(floor((start_s + {_KZ}) / 3600) AS BIGINT)""",
    ),
    (
        "bursts",
        """SELECT imsi, max(n) AS busiest_hour, avg(CAST(n AS DOUBLE)) AS mean_active_hour,
                  count(*) AS active_hours
           FROM hourly GROUP BY imsi""",
    ),
    (
        "base",
        f"""SELECT imsi, min(number) AS number,
              sum(CASE WHEN direction = 'originating' AND record_type = 'voice'
                       THEN 1 ELSE 0 END) AS calls_out,
              sum(CASE WHEN direction = 'terminating' AND record_type = 'voice'
                       THEN 1 ELSE 0 END) AS calls_in,
              sum(CASE WHEN record_type = 'sms' THEN 1 ELSE 0 END) AS sms,
              sum(CASE WHEN record_type = 'data' THEN 1 ELSE 0 END) AS data_sessions,
              count(DISTINCT cell_id) AS cells,
              avg(CASE WHEN direction = 'originating' AND record_type = 'voice'
                       THEN CAST(duration_s AS DOUBLE) END) AS mean_duration_out,
              sum(CASE WHEN direction = 'originating' AND record_type = 'voice'
                        AND duration_s = 0 THEN 1 ELSE 0 END) AS unanswered_out,
              sum(CASE WHEN direction = 'originating' AND record_type = 'voice'
                        AND duration_s BETWEEN 1 AND 59 THEN 1 ELSE 0 END) AS short_out,
              sum(CASE WHEN direction = 'originating' AND record_type = 'voice'
                        AND (start_s + {_KZ}) % 86400 < 6 * 3600 THEN 1 ELSE 0 END) AS night_out,
              sum(CASE WHEN direction = 'terminating' AND record_type = 'voice'
                        AND trunk_kind = 'international' THEN 1 ELSE 0 END) AS intl_in,
              count(DISTINCT CAST(floor((start_s + {_KZ}) / 86400) AS BIGINT)) AS active_days,
              min(start_s) AS first_s
           FROM cdr GROUP BY imsi""",
    ),
    (
        # Where each SIM makes most of its calls, and who else calls a lot from there: a box
        # is many busy SIMs in one cell even when each SIM shows its own IMEI.
        "cell_calls",
        """SELECT imsi, cell_id, count(*) AS n,
                  ROW_NUMBER() OVER (PARTITION BY imsi ORDER BY count(*) DESC, cell_id) AS r
           FROM cdr WHERE direction = 'originating' AND record_type = 'voice'
             AND cell_id IS NOT NULL
           GROUP BY imsi, cell_id""",
    ),
    (
        "busy_sims",
        """SELECT b.imsi FROM base b LEFT JOIN called_per_sim c ON c.imsi = b.imsi
           WHERE CAST(b.calls_out AS DOUBLE) / greatest(b.active_days, 1) >= 10
             AND coalesce(c.distinct_called, 0) >= 5 * greatest(b.active_days, 1)""",
    ),
    (
        "cell_busy",
        """SELECT m.cell_id, count(*) AS busy
           FROM cell_calls m JOIN busy_sims u ON u.imsi = m.imsi
           WHERE m.r = 1 GROUP BY m.cell_id""",
    ),
    (
        "sim_cell",
        """SELECT m.imsi, coalesce(k.busy, 0) AS busy_sims_in_cell
           FROM cell_calls m LEFT JOIN cell_busy k ON k.cell_id = m.cell_id WHERE m.r = 1""",
    ),
    (
        "features",
        """SELECT b.imsi, b.number,
              b.calls_out / s.days AS calls_out_per_day,
              CAST(b.calls_out AS DOUBLE) / greatest(b.active_days, 1) AS calls_out_per_active_day,
              CAST(b.calls_out AS DOUBLE) / (b.calls_out + b.calls_in + 1) AS out_share,
              coalesce(c.distinct_called, 0) / s.days AS distinct_called_per_day,
              CAST(coalesce(c.called_once, 0) AS DOUBLE)
                  / greatest(coalesce(c.distinct_called, 0), 1) AS called_once_share,
              coalesce(b.mean_duration_out, 0.0) AS mean_duration_out,
              CAST(b.unanswered_out AS DOUBLE) / greatest(b.calls_out, 1) AS unanswered_share,
              CAST(b.short_out AS DOUBLE) / greatest(b.calls_out, 1) AS short_share,
              CAST(b.night_out AS DOUBLE) / greatest(b.calls_out, 1) AS night_share,
              b.sms / s.days AS sms_per_day,
              b.data_sessions / s.days AS data_per_day,
              b.cells AS cells,
              coalesce(d.imeis, 0) AS imeis,
              coalesce(d.sims_on_device, 0) AS sims_on_device,
              CAST(coalesce(h.busiest_hour, 0) AS DOUBLE)
                  / greatest(coalesce(h.mean_active_hour, 1.0), 1.0) AS burstiness,
              CAST(b.intl_in AS DOUBLE) / greatest(b.calls_in, 1) AS intl_in_share,
              b.active_days AS active_days,
              greatest(CAST(s.last_s - b.first_s AS DOUBLE) / 86400.0, 0.0) AS seen_days,
              coalesce(m.busy_sims_in_cell, 0) AS busy_sims_in_cell
           FROM base b CROSS JOIN span s
           LEFT JOIN called_per_sim c ON c.imsi = b.imsi
           LEFT JOIN sim_devices d ON d.imsi = b.imsi
           LEFT JOIN bursts h ON h.imsi = b.imsi
           LEFT JOIN sim_cell m ON m.imsi = b.imsi""",
    ),
)

FEATURES = (
    "calls_out_per_day", "calls_out_per_active_day", "out_share", "distinct_called_per_day",
    "called_once_share", "mean_duration_out", "unanswered_share", "short_share",
    "night_share", "sms_per_day", "data_per_day", "cells", "imeis", "sims_on_device",
    "burstiness", "intl_in_share", "active_days", "seen_days", "busy_sims_in_cell",
)  # fmt: skip

# The subscriber's side of each record: the caller on an originating record, the called
# party on a terminating one; the other party is the other number.
CDR_VIEW = """
SELECT imsi, imei, direction, record_type, duration_s, cell_id, trunk_kind,
       CAST(epoch(start) AS BIGINT) AS start_s,
       CASE WHEN direction = 'originating' THEN calling_number ELSE called_number END AS number,
       CASE WHEN direction = 'originating' THEN called_number ELSE calling_number END
           AS other_number
FROM calls WHERE imsi IS NOT NULL
"""


def duckdb_sim_features(db: duckdb.DuckDBPyConnection) -> pa.Table:
    """Every SIM's features over the call store, one row per IMSI."""
    db.execute(f"CREATE OR REPLACE TEMP VIEW cdr AS {CDR_VIEW}")
    try:
        for name, select in STEPS:
            db.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {select}")
        return db.sql("SELECT * FROM features ORDER BY imsi").to_arrow_table()
    finally:
        for name, _ in reversed(STEPS):
            db.execute(f"DROP TABLE IF EXISTS {name}")
        db.execute("DROP VIEW IF EXISTS cdr")

"""Drop-feature steps about who an account is tied to: its holder, devices and addresses
shared with other accounts, and confirmed drops nearby in the transfer graph.

Steps of ``features.STEPS`` (see there for the input views and the SQL both engines read).
"""

from __future__ import annotations

from cyberpol.mules.store.flow_steps import EXITS

LINK_STEPS: tuple[tuple[str, str], ...] = (
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
              SELECT from_account AS a, to_account AS b FROM tx WHERE channel NOT IN {EXITS}
              UNION ALL
              SELECT to_account AS a, from_account AS b FROM tx WHERE channel NOT IN {EXITS})
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
        "degrees",
        """SELECT a AS account, count(*) AS deg FROM pairs GROUP BY a""",
    ),
    (
        # Personalised PageRank from confirmed drops, two steps deep: where a walk that
        # starts at a confirmed drop ends after one step (weight 1/2) or two (1/4). Walks do
        # not pass through accounts with more than 100 counterparties (shops, payroll): they
        # connect everyone and say nothing. A drop's own walks never count for itself.
        "walk1",
        """SELECT k.account AS seed, p.b AS node, 1.0 / d.deg AS w
           FROM (SELECT DISTINCT account FROM known WHERE kind = 'mule') k
           JOIN pairs p ON p.a = k.account
           JOIN degrees d ON d.account = k.account""",
    ),
    (
        "walk2",
        """SELECT w1.seed, p.b AS node, sum(w1.w / d.deg) AS w
           FROM walk1 w1
           JOIN degrees d ON d.account = w1.node AND d.deg <= 100
           JOIN pairs p ON p.a = w1.node
           GROUP BY w1.seed, p.b""",
    ),
    (
        "proximity",
        """SELECT node AS account, sum(w) AS known_proximity FROM (
              SELECT seed, node, 0.5 * w AS w FROM walk1
              UNION ALL SELECT seed, node, 0.25 * w AS w FROM walk2)
           WHERE node <> seed GROUP BY node""",
    ),
)

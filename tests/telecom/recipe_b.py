"""Recipe B: an independent CDR generator for a second (fictional) operator with planted SIM-boxes.

This models the call-detail-record export of a Kazakh mobile operator (operator code "BEELINE",
own prefixes +7705/+7771/+7776/+7777, local time UTC+5) over a period of ``days`` days starting
2026-10-05.  One row is written per record for *our* subscribers only: an originating record
for a call/SMS/data session they make, a terminating record for a call/SMS they receive (on-net
calls therefore produce two rows).

Populations (all distributions are this file's own choices):

* ordinary people - home and (for most) work cell, a personal circle of contacts called with a
  skewed preference, incoming calls and SMS from contacts/unknown/hidden numbers, eGov (1414) SMS,
  emergency/service numbers now and then, daily data sessions; some churn (SIMs that start or stop
  mid-period, a handed-down phone that reappears with a new SIM), phone upgrades, roaming trips;
* multi-SIM people - 2-3 SIMs: dual-SIM phones (two IMSIs on one IMEI), SIM swappers (two SIMs
  moving between two phones from day to day) and people with two separate phones;
* couriers - many short calls to new customer numbers while moving across a city, callbacks;
* shops and clinics - an admin line with many calls in and out from one cell, reminder SMS;
* call centres - several long-lived lines (bulk-bought phones with consecutive IMEIs and
  consecutive IMSIs) calling many new numbers in office hours, with callbacks and SMS;
* taxi dispatch lines - many incoming orders, calls to a fixed set of drivers, confirmation SMS.

``subscribers`` counts the legitimate SIMs; box SIMs come on top.  SIM-boxes (about one per 2,800
subscribers, at least 4), each a set of GSM channels in one place:

* ``box_plain``    - 2-8 modules (one IMEI each, consecutive serials) sharing 4-32 SIM slots,
  SIMs rotated every 2-6 days (new IMSIs reappear on the same IMEIs), outgoing voice only to
  random victims (fresh numbers; ~30% happen to be our own subscribers, who then get a
  terminating record), one cell (rarely the neighbouring one);
* ``box_careful``  - every SIM shows its own random valid phone IMEI, lower call rate, a few SMS,
  data sessions, a little incoming traffic (victims calling back), spread over 2-4 adjacent cells;
* ``box_callback`` - like the plain box but ~25% of calls go to a small fixed set of mule numbers,
  which also call the box SIMs now and then.

Written from a textual description only, without looking at the project's own generator or
detector.  Deterministic for a given seed (numpy ``default_rng``).
"""

from __future__ import annotations

import pathlib
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

__all__ = ["write_recipe_b"]

OPERATOR = "BEELINE"
TZ_SUFFIX = "+05:00"
START = np.datetime64("2026-10-05T00:00:00", "s")
START_DOW = 0  # 2026-10-05 is a Monday
DAY = 86_400

VOICE, SMS, DATA = 0, 1, 2
HIDDEN = -2  # calling number withheld
NONE = -1  # no other party (data)

KINDS = [
    "ordinary",
    "multi_sim",
    "courier",
    "shop",
    "call_centre",
    "taxi",
    "box_plain",
    "box_careful",
    "box_callback",
]
K = {name: i for i, name in enumerate(KINDS)}

# city code, number of cells, share of the population
CITIES = [
    ("ALA", 460, 0.34),
    ("AST", 340, 0.26),
    ("SHY", 200, 0.16),
    ("KRG", 110, 0.08),
    ("AKT", 90, 0.06),
    ("PVL", 80, 0.05),
    ("URA", 60, 0.05),
]
ROAM_COUNTRIES = [("RUS", 0.4), ("TUR", 0.25), ("ARE", 0.15), ("KGZ", 0.1), ("UZB", 0.1)]

# Type allocation codes of ordinary handsets, with a rough popularity weight.
PHONE_TACS = np.array(
    [
        35332811,
        35875609,
        86769604,
        35391110,
        35290611,
        35467011,
        35925406,
        86891004,
        86215204,
        35674108,
        35328811,
        86453005,
        35161508,
        35840410,
        86076204,
        35688911,
        35449209,
        86802703,
        35207810,
        86564903,
        35311607,
        86012305,
        35741311,
        86977505,
        35478912,
        86420106,
        35096510,
        86684305,
        35593610,
        86130104,
    ],
    dtype=np.int64,
)
PHONE_TAC_W = 1.0 / np.arange(1, len(PHONE_TACS) + 1) ** 0.8
PHONE_TAC_W /= PHONE_TAC_W.sum()

OWN_PREFIXES = np.array([7705, 7771, 7776, 7777], dtype=np.int64)
OTHER_PREFIXES = np.array([7700, 7701, 7702, 7707, 7747], dtype=np.int64)
OTHER_PREFIX_W = np.array([0.12, 0.3, 0.2, 0.25, 0.13])
SERVICE_NUMBERS = np.array([102, 103, 112, 1414], dtype=np.int64)

# number classes (for trunk_kind)
C_OURS, C_NAT, C_FOREIGN, C_SERVICE = 0, 1, 2, 3


def _profile(weights: list[float]) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    assert w.shape == (24,)
    return w / w.sum()


# hour-of-day profiles
P_HUMAN = _profile(
    [
        1.0,
        0.5,
        0.3,
        0.2,
        0.2,
        0.4,
        1.2,
        3,
        5,
        6.5,
        7,
        7.2,
        7,
        6.8,
        6.5,
        6.5,
        6.8,
        7.2,
        7.8,
        8,
        7.5,
        6,
        4,
        2,
    ]
)
P_DATA = _profile(
    [2.5, 1.5, 0.8, 0.5, 0.5, 0.8, 2, 4, 5, 5, 5, 5.5, 6, 5.5, 5, 5, 5.5, 6, 6.5, 7, 7.5, 7.5, 6, 4]
)
P_SHOP = _profile(
    [0.05, 0, 0, 0, 0, 0, 0.05, 0.3, 1.5, 4, 7, 7, 7, 6, 7, 7, 7, 7, 6.5, 5, 2, 0.5, 0.2, 0.1]
)
P_CC = _profile([0, 0, 0, 0, 0, 0, 0, 0, 1, 5, 8, 8, 8, 4, 8, 8, 8, 7.5, 3, 0.3, 0, 0, 0, 0])
P_COURIER = _profile(
    [0.1, 0, 0, 0, 0, 0, 0.1, 0.5, 1.5, 3, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 6, 3, 1, 0.3]
)
P_TAXI = _profile([3, 2, 1.5, 1, 1, 2, 5, 8, 8, 5, 4, 4, 4, 4, 4, 4.5, 6, 8, 8, 7, 6, 5, 5, 4])
P_BOX = _profile(
    [1.5, 1, 0.6, 0.4, 0.4, 0.6, 1.5, 3, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6.5, 7, 7, 7, 6.5, 5, 3]
)


def _luhn_complete(body: np.ndarray) -> np.ndarray:
    """Append the Luhn check digit to 14-digit IMEI bodies."""
    body = np.asarray(body, dtype=np.int64)
    pw = 10 ** np.arange(13, -1, -1, dtype=np.int64)
    d = (body[:, None] // pw) % 10
    dbl = d[:, 1::2] * 2
    dbl = np.where(dbl > 9, dbl - 9, dbl)
    s = d[:, 0::2].sum(axis=1) + dbl.sum(axis=1)
    return body * 10 + (10 - s % 10) % 10


def luhn_ok(imei: np.ndarray) -> np.ndarray:
    """Vectorised Luhn check of 15-digit IMEIs (as integers)."""
    imei = np.asarray(imei, dtype=np.int64)
    return _luhn_complete(imei // 10) == imei


class _Imeis:
    """Issues unique, Luhn-valid IMEIs."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.used: set[int] = set()

    def _accept(self, imeis: np.ndarray) -> np.ndarray:
        ok = np.ones(len(imeis), dtype=bool)
        seen: set[int] = set()
        for i, v in enumerate(imeis.tolist()):
            if v in self.used or v in seen:
                ok[i] = False
            else:
                seen.add(v)
        return ok

    def phones(self, n: int) -> np.ndarray:
        out = np.empty(n, dtype=np.int64)
        todo = np.arange(n)
        while len(todo):
            tac = self.rng.choice(PHONE_TACS, size=len(todo), p=PHONE_TAC_W)
            body = tac * 1_000_000 + self.rng.integers(0, 1_000_000, len(todo))
            imei = _luhn_complete(body)
            ok = self._accept(imei)
            out[todo[ok]] = imei[ok]
            self.used.update(imei[ok].tolist())
            todo = todo[~ok]
        return out

    def batch(self, n: int) -> np.ndarray:
        """n devices bought together: one TAC, close consecutive serial numbers."""
        while True:
            tac = self.rng.choice(PHONE_TACS, p=PHONE_TAC_W)
            serial = self.rng.integers(0, 900_000) + np.cumsum(self.rng.integers(1, 4, n))
            imei = _luhn_complete(tac * 1_000_000 + serial)
            if self._accept(imei).all():
                self.used.update(imei.tolist())
                return imei


class _Sims:
    """Column store of SIM attributes, filled group by group."""

    COLS = (
        "kind",
        "box",
        "afrom",
        "ato",
        "mode",
        "home",
        "work",
        "clo",
        "cn",
        "spread",
        "pmain",
        "speed",
        "step",
        "batch",
    )

    if TYPE_CHECKING:  # the columns in COLS are set as attributes once filled

        def __getattr__(self, name: str) -> np.ndarray: ...

    def __init__(self, days: int) -> None:
        self.days = days
        self.parts: dict[str, list[np.ndarray]] = {c: [] for c in self.COLS}
        self.imei_parts: list[np.ndarray] = []
        self.roam_parts: list[np.ndarray] = []
        self.n = 0

    def add(self, n: int, imei: np.ndarray, **cols: object) -> np.ndarray:
        defaults: dict[str, object] = dict(
            box=-1,
            afrom=0,
            ato=self.days,
            mode=0,
            work=-1,
            spread=1,
            pmain=1.0,
            speed=0.0,
            step=0,
            batch=-1,
        )
        defaults.update(cols)
        for c in self.COLS:
            v = defaults[c]
            arr = np.broadcast_to(np.asarray(v), (n,)).copy()
            self.parts[c].append(arr)
        imei = np.asarray(imei, dtype=np.int64)
        if imei.ndim == 1:
            imei = np.repeat(imei[:, None], self.days, axis=1)
        self.imei_parts.append(imei)
        self.roam_parts.append(np.full((n, self.days), -1, dtype=np.int64))
        ids = np.arange(self.n, self.n + n)
        self.n += n
        return ids

    def finish(self) -> None:
        for c in self.COLS:
            setattr(self, c, np.concatenate(self.parts[c]))
        self.imei = np.concatenate(self.imei_parts)
        self.roam = np.concatenate(self.roam_parts)
        d = np.arange(self.days)
        self.active = (d[None, :] >= self.afrom[:, None]) & (d[None, :] < self.ato[:, None])


class _Numbers:
    """Registry of every party number; ids 0..n_sims-1 are our own subscribers' MSISDNs."""

    def __init__(self) -> None:
        self.vals: list[np.ndarray] = []
        self.cls: list[np.ndarray] = []
        self.n = 0

    def add(self, vals: np.ndarray, cls: int) -> np.ndarray:
        vals = np.asarray(vals, dtype=np.int64)
        self.vals.append(vals)
        self.cls.append(np.full(len(vals), cls, dtype=np.int8))
        ids = np.arange(self.n, self.n + len(vals))
        self.n += len(vals)
        return ids


def _unique_ints(rng: np.random.Generator, high: int, n: int) -> np.ndarray:
    out = np.unique(rng.integers(0, high, int(n * 1.05) + 16))
    while len(out) < n:
        out = np.unique(np.concatenate([out, rng.integers(0, high, n)]))
    return rng.permutation(out)[:n]


class _Builder:
    def __init__(self, rng: np.random.Generator, subscribers: int, days: int) -> None:
        self.rng = rng
        self.N = subscribers
        self.days = days
        self.dow = (START_DOW + np.arange(days)) % 7
        self.imeis = _Imeis(rng)
        self.sims = _Sims(days)
        self.nums = _Numbers()
        # cells
        self.city_code = [c[0] for c in CITIES]
        self.city_n = np.array([c[1] for c in CITIES])
        self.city_w = np.array([c[2] for c in CITIES]) / sum(c[2] for c in CITIES)
        self.city_lo = np.concatenate([[0], np.cumsum(self.city_n)[:-1]])
        self.n_home_cells = int(self.city_n.sum())
        self.roam_cell0 = self.n_home_cells
        self.ev: list[tuple[np.ndarray, ...]] = []
        self.group: dict[str, np.ndarray] = {}
        self.box_meta: list[dict[str, Any]] = []

    # ------------------------------------------------------------------ helpers
    def cities(self, n: int) -> np.ndarray:
        return self.rng.choice(len(CITIES), size=n, p=self.city_w)

    def fresh(self, n: int) -> np.ndarray:
        """Brand-new national numbers (other Kazakh operators)."""
        pref = self.rng.choice(OTHER_PREFIXES, size=n, p=OTHER_PREFIX_W)
        return self.nums.add(pref * 10_000_000 + self.rng.integers(0, 10_000_000, n), C_NAT)

    def victims(self, n: int, p_onnet: float) -> np.ndarray:
        out = self.fresh(n)
        on = self.rng.random(n) < p_onnet
        out[on] = self.rng.choice(self.people, size=int(on.sum()))
        return out

    def voice_dur(self, n: int, p_ans: float, mu: float, sigma: float) -> np.ndarray:
        d = np.exp(self.rng.normal(mu, sigma, n))
        d = np.clip(np.rint(d), 1, 5400).astype(np.int64)
        d[self.rng.random(n) >= p_ans] = 0
        return d

    def data_dur(self, n: int) -> np.ndarray:
        return np.clip(np.rint(np.exp(self.rng.normal(6.0, 1.2, n))), 1, 3600).astype(np.int64)

    def spread(
        self, sims: np.ndarray, rate: np.ndarray, dayf: np.ndarray, prof: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Poisson number of events per SIM-day; returns (sim, t) with t in local seconds."""
        rate = np.broadcast_to(np.asarray(rate, dtype=float), sims.shape)
        noise = self.rng.gamma(4.0, 0.25, (len(sims), self.days))
        lam = rate[:, None] * dayf[None, :] * noise * self.sims.active[sims]
        cnt = self.rng.poisson(lam).ravel()
        ev_sim = np.repeat(np.repeat(sims, self.days), cnt)
        ev_day = np.repeat(np.tile(np.arange(self.days), len(sims)), cnt)
        n = len(ev_sim)
        hour = self.rng.choice(24, size=n, p=prof)
        t = ev_day * DAY + hour * 3600 + self.rng.integers(0, 3600, n)
        return ev_sim, t

    def pick(self, sims: np.ndarray, which: str = "circ", power: float = 2.0) -> np.ndarray:
        off, flat = (self.c_off, self.c_flat) if which == "circ" else (self.a_off, self.a_flat)
        k = off[sims + 1] - off[sims]
        assert (k > 0).all(), which
        j = (k * self.rng.random(len(sims)) ** power).astype(np.int64)
        return flat[off[sims] + j]

    def add(
        self, t: np.ndarray, dur: np.ndarray, rtype: int, a: np.ndarray, b: np.ndarray | int
    ) -> None:
        n = len(t)
        self.ev.append(
            (
                np.asarray(t, np.int64),
                np.asarray(dur, np.int64),
                np.full(n, rtype, np.int8),
                np.asarray(a, np.int64),
                np.broadcast_to(np.asarray(b, np.int64), (n,)).copy(),
            )
        )

    def reply(
        self, s: np.ndarray, t: np.ndarray, party: np.ndarray, p: float, delay: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each event spawns, with probability p, a follow-up with the same party later on."""
        m = self.rng.random(len(s)) < p
        tt = t[m] + 20 + self.rng.exponential(delay, int(m.sum())).astype(np.int64)
        return s[m], tt, party[m]

    def dayf(self, weekday: float, sat: float, sun: float) -> np.ndarray:
        f = np.full(self.days, weekday)
        f[self.dow == 5] = sat
        f[self.dow == 6] = sun
        return f

    # ------------------------------------------------------------------ populations
    def design(self) -> None:
        rng, N, S = self.rng, self.N, self.sims
        n_cc = max(1, round(N / 6000))
        cc_lines = rng.integers(4, 13, n_cc)
        n_taxi = max(1, round(N / 5000))
        taxi_lines = rng.integers(1, 4, n_taxi)
        n_courier = max(3, round(N * 0.008))
        n_shop = max(3, round(N * 0.01))
        n_multi = max(3, round(N * 0.03))
        multi_k = rng.choice([2, 3], size=n_multi, p=[0.8, 0.2])
        n_ord = N - int(cc_lines.sum() + taxi_lines.sum() + n_courier + n_shop + multi_k.sum())
        assert n_ord > 0, "too few subscribers"

        # --- ordinary people
        city = self.cities(n_ord)
        home_l = rng.integers(0, self.city_n[city])
        employed = rng.random(n_ord) < 0.72
        work_l = np.clip(home_l + rng.integers(-150, 151, n_ord), 0, self.city_n[city] - 1)
        lo = self.city_lo[city]
        imei = self.imeis.phones(n_ord)
        imei_m = np.repeat(imei[:, None], self.days, axis=1)
        afrom = np.zeros(n_ord, np.int64)
        ato = np.full(n_ord, self.days, np.int64)
        perm = rng.permutation(n_ord)
        n_join, n_leave = round(n_ord * 0.015), round(n_ord * 0.01)
        n_hand, n_upg = max(1, round(n_ord * 0.004)), round(n_ord * 0.012)
        cuts = np.cumsum([n_join, n_leave, n_hand, n_hand, n_upg])
        join, leave, h_old, h_new, upg, _rest = np.split(perm, cuts)
        hi = max(self.days - 1, 2)
        afrom[join] = rng.integers(1, hi, n_join)
        ato[leave] = rng.integers(2, hi + 1, n_leave)
        cday = rng.integers(1, hi, n_hand)
        ato[h_old], afrom[h_new] = cday, cday
        imei_m[h_new] = imei_m[h_old]  # a handed-down phone reappears with a new SIM
        new_ph = self.imeis.phones(n_upg)
        uday = rng.integers(1, hi, n_upg)
        dd = np.arange(self.days)
        imei_m[upg] = np.where(dd[None, :] >= uday[:, None], new_ph[:, None], imei_m[upg])
        self.group["ordinary"] = S.add(
            n_ord,
            imei_m,
            kind=K["ordinary"],
            afrom=afrom,
            ato=ato,
            mode=0,
            home=lo + home_l,
            work=np.where(employed, lo + work_l, -1),
            clo=lo,
            cn=self.city_n[city],
        )

        # --- multi-SIM people
        person = np.repeat(np.arange(n_multi), multi_k)
        rank = np.concatenate([np.arange(k) for k in multi_k])
        n_m = len(person)
        pc_city = self.cities(n_multi)
        home_l = rng.integers(0, self.city_n[pc_city])
        work_l = np.clip(home_l + rng.integers(-150, 151, n_multi), 0, self.city_n[pc_city] - 1)
        employed = rng.random(n_multi) < 0.8
        mode = rng.choice(3, size=n_multi, p=[0.45, 0.3, 0.25])  # dual, swap, separate
        phone_a = self.imeis.phones(n_multi)
        phone_b = self.imeis.phones(n_multi)
        phone_c = self.imeis.phones(n_multi)
        flips = rng.random((n_multi, self.days)) < 0.25
        flips[:, 0] = False
        state = np.cumsum(flips, axis=1) % 2 == 1  # True -> SIMs have swapped phones
        imei_m = np.empty((n_m, self.days), np.int64)
        for r in range(3):
            sel = rank == r
            p = person[sel]
            if r == 0:
                row = np.where(
                    mode[p, None] == 1,
                    np.where(state[p], phone_b[p, None], phone_a[p, None]),
                    phone_a[p, None],
                )
            elif r == 1:
                row = np.where(
                    mode[p, None] == 0,
                    phone_a[p, None],
                    np.where(
                        mode[p, None] == 1,
                        np.where(state[p], phone_a[p, None], phone_b[p, None]),
                        phone_b[p, None],
                    ),
                )
            else:
                row = np.repeat(phone_c[p, None], self.days, axis=1)
            imei_m[sel] = np.broadcast_to(row, (int(sel.sum()), self.days))
        city = pc_city[person]
        lo = self.city_lo[city]
        self.multi_rank = rank
        self.multi_mode = mode[person]
        self.group["multi_sim"] = S.add(
            n_m,
            imei_m,
            kind=K["multi_sim"],
            mode=0,
            home=lo + home_l[person],
            work=np.where(employed[person], lo + work_l[person], -1),
            clo=lo,
            cn=self.city_n[city],
        )

        # --- couriers
        city = self.cities(n_courier)
        self.group["courier"] = S.add(
            n_courier,
            self.imeis.phones(n_courier),
            kind=K["courier"],
            mode=1,
            home=self.city_lo[city] + rng.integers(0, self.city_n[city]),
            clo=self.city_lo[city],
            cn=self.city_n[city],
            speed=rng.uniform(2.0, 5.0, n_courier),
            step=rng.integers(5, 60, n_courier),
        )

        # --- shops / clinics
        city = self.cities(n_shop)
        self.group["shop"] = S.add(
            n_shop,
            self.imeis.phones(n_shop),
            kind=K["shop"],
            mode=2,
            home=self.city_lo[city] + rng.integers(0, self.city_n[city] - 1),
            clo=self.city_lo[city],
            cn=self.city_n[city],
            pmain=0.97,
        )
        self.clinic = rng.random(n_shop) < 0.35

        # --- call centres
        ids = []
        for c, lines in enumerate(cc_lines):
            cty = self.cities(1)[0]
            cell = self.city_lo[cty] + rng.integers(0, self.city_n[cty] - 1)
            ids.append(
                S.add(
                    int(lines),
                    self.imeis.batch(int(lines)),
                    kind=K["call_centre"],
                    mode=2,
                    home=cell,
                    clo=self.city_lo[cty],
                    cn=self.city_n[cty],
                    pmain=0.9,
                    batch=c,
                )
            )
        self.group["call_centre"] = np.concatenate(ids)
        self.cc_of = np.concatenate([np.full(n, i) for i, n in enumerate(cc_lines)])

        # --- taxi dispatch
        ids = []
        for _t, lines in enumerate(taxi_lines):
            cty = self.cities(1)[0]
            cell = self.city_lo[cty] + rng.integers(0, self.city_n[cty] - 1)
            ids.append(
                S.add(
                    int(lines),
                    self.imeis.phones(int(lines)),
                    kind=K["taxi"],
                    mode=2,
                    home=cell,
                    clo=self.city_lo[cty],
                    cn=self.city_n[cty],
                    pmain=0.98,
                )
            )
        self.group["taxi"] = np.concatenate(ids)
        self.taxi_of = np.concatenate([np.full(n, i) for i, n in enumerate(taxi_lines)])

        # --- roaming trips for ~1% of people
        people = np.concatenate([self.group["ordinary"], self.group["multi_sim"]])
        self.people = people
        trav = rng.choice(people, size=max(1, round(len(people) * 0.01)), replace=False)
        country = rng.choice(len(ROAM_COUNTRIES), size=len(trav), p=[w for _, w in ROAM_COUNTRIES])
        d0 = rng.integers(0, max(self.days - 1, 1), len(trav))
        ln = rng.integers(2, 7, len(trav))
        self.trav = (trav, country, d0, ln)

        # --- SIM-boxes
        n_boxes = max(4, round(N / 2800))
        kinds = list(rng.permutation(["box_plain", "box_careful", "box_callback"]))
        kinds += list(
            rng.choice(
                ["box_plain", "box_careful", "box_callback"], size=n_boxes - 3, p=[0.45, 0.3, 0.25]
            )
        )
        for b, kind in enumerate(kinds):
            self._design_box(b, str(kind))

        S.finish()
        for s, c, a, n in zip(*self.trav, strict=True):
            S.roam[s, a : a + n] = self.roam_cell0 + c
        self.n_sims = S.n

    def _design_box(self, b: int, kind: str) -> None:
        rng, S = self.rng, self.sims
        cty = self.cities(1)[0]
        start = int(rng.integers(0, max(1, min(3, self.days - 2))))
        end = self.days
        if rng.random() < 0.25:  # box raided / switched off before the end
            end = int(rng.integers(min(start + max(2, self.days // 2), self.days), self.days + 1))
        if kind == "box_careful":
            modules, slots = 0, int(rng.integers(4, 17))
            life, rate = (4, 10), rng.uniform(10, 30)
            ncell = int(rng.integers(2, 5))
        else:
            modules = int(rng.integers(2, 9 if kind == "box_plain" else 7))
            slots = int(rng.integers(max(4, modules), 33 if kind == "box_plain" else 25))
            life = (2, 6) if kind == "box_plain" else (3, 7)
            rate = rng.uniform(40, 110) if kind == "box_plain" else rng.uniform(30, 90)
            ncell = 1
        cell = self.city_lo[cty] + rng.integers(0, self.city_n[cty] - ncell)
        mod_imei = self.imeis.batch(modules) if modules else None
        afrom, ato, slot = [], [], []
        for sl in range(slots):
            d = start
            first = True
            while d < end:
                L = int(rng.integers(life[0], life[1] + 1))
                if first and start == 0:
                    L = int(rng.integers(1, L + 1))  # SIM already running before the period
                first = False
                afrom.append(d)
                ato.append(min(d + L, end))
                slot.append(sl)
                d = d + L + int(rng.random() < 0.2)  # sometimes the slot stays empty a day
        n = len(afrom)
        slot_a = np.array(slot)
        imei = self.imeis.phones(n) if mod_imei is None else mod_imei[slot_a % modules]
        ids = S.add(
            n,
            imei,
            kind=K[kind],
            box=b,
            afrom=np.array(afrom),
            ato=np.array(ato),
            mode=3 if kind == "box_careful" else 2,
            home=cell,
            clo=self.city_lo[cty],
            cn=self.city_n[cty],
            spread=ncell,
            pmain=0.995,
            batch=1000 + b if kind == "box_plain" else -1,
        )
        self.box_meta.append(
            dict(box=b, kind=kind, sims=ids, rate=rate, sim_rate=rate * rng.uniform(0.7, 1.3, n))
        )

    # ------------------------------------------------------------------ numbers & circles
    def numbers(self) -> None:
        rng, S, N = self.rng, self.sims, self.N
        n = S.n
        r = _unique_ints(rng, 4 * 10_000_000, n)
        self.nums.add(OWN_PREFIXES[r // 10_000_000] * 10_000_000 + r % 10_000_000, C_OURS)
        # IMSIs: random, except bulk-bought batches (call-centre lines, plain boxes): consecutive
        msin = _unique_ints(rng, 10**10, n)
        for bt in np.unique(S.batch[S.batch >= 0]):
            idx = np.flatnonzero(S.batch == bt)
            base = int(rng.integers(0, 10**10 - 10 * len(idx)))
            msin[idx] = base + np.cumsum(rng.integers(1, 3, len(idx)))
        assert len(np.unique(msin)) == n
        self.imsi = 401010000000000 + msin
        # outside world
        pool_n = round(N * 1.3)
        pref = rng.choice(OTHER_PREFIXES, size=pool_n, p=OTHER_PREFIX_W)
        self.pool = self.nums.add(pref * 10_000_000 + _unique_ints(rng, 10_000_000, pool_n), C_NAT)
        nf = max(30, round(N * 0.02))
        which = rng.choice(3, size=nf, p=[0.35, 0.3, 0.35])
        kg = (
            996 * 10**9
            + rng.choice([500, 550, 700, 770, 990], nf) * 10**6
            + rng.integers(0, 10**6, nf)
        )
        uz = (
            998 * 10**9
            + rng.choice([90, 91, 93, 94, 97, 99], nf) * 10**7
            + rng.integers(0, 10**7, nf)
        )
        ru = 7916 * 10**7 + rng.integers(0, 10**7, nf)
        self.foreign = self.nums.add(np.select([which == 0, which == 1], [kg, uz], ru), C_FOREIGN)
        self.service = self.nums.add(SERVICE_NUMBERS, C_SERVICE)
        self.egov = self.service[3]

        circ: list[np.ndarray | None] = [None] * n
        aux: list[np.ndarray | None] = [None] * n

        def fill(target: list, sims: np.ndarray, sizes: np.ndarray, flat: np.ndarray) -> None:
            for s, part in zip(sims.tolist(), np.split(flat, np.cumsum(sizes)[:-1]), strict=True):
                target[s] = part

        # people grouped by city, so that on-net contacts are mostly in one's own city
        p_city = np.searchsorted(self.city_lo, S.clo[self.people], side="right") - 1
        by_city = self.people[np.argsort(p_city, kind="stable")]
        c_cnt = np.bincount(p_city, minlength=len(CITIES))
        c_start = np.concatenate([[0], np.cumsum(c_cnt)[:-1]])

        def mixed(
            m: int,
            p_on: float,
            p_for: float = 0.0,
            city: np.ndarray | None = None,
        ) -> np.ndarray:
            u = rng.random(m)
            out = rng.choice(self.pool, size=m)
            on = u < p_on
            if city is None:
                out[on] = rng.choice(self.people, size=int(on.sum()))
            else:
                cty = np.where(rng.random(m) < 0.75, city, self.cities(m))[on]
                cty = np.where(c_cnt[cty] > 0, cty, int(np.argmax(c_cnt)))
                j = (rng.random(len(cty)) * c_cnt[cty]).astype(np.int64)
                out[on] = by_city[c_start[cty] + j]
            fo = (u >= p_on) & (u < p_on + p_for)
            out[fo] = rng.choice(self.foreign, size=int(fo.sum()))
            return out

        ppl = self.people
        k = np.clip(np.rint(np.exp(rng.normal(np.log(12), 0.55, len(ppl)))), 3, 60).astype(int)
        fill(circ, ppl, k, mixed(int(k.sum()), 0.42, 0.02, np.repeat(p_city, k)))
        g = self.group["courier"]
        k = rng.integers(3, 9, len(g))
        fill(circ, g, k, mixed(int(k.sum()), 0.3))
        g = self.group["shop"]
        k = rng.integers(80, 301, len(g))
        fill(circ, g, k, mixed(int(k.sum()), 0.4))
        k = rng.integers(5, 21, len(g))
        fill(aux, g, k, mixed(int(k.sum()), 0.2))
        g = self.group["call_centre"]
        k = rng.integers(150, 401, len(g))
        fill(circ, g, k, self.victims(int(k.sum()), 0.3))
        g = self.group["taxi"]
        k = rng.integers(300, 1201, len(g))
        fill(circ, g, k, mixed(int(k.sum()), 0.45))
        for t in np.unique(self.taxi_of):
            lines = g[self.taxi_of == t]
            drivers = self.victims(int(rng.integers(20, 61)), 0.4)
            for s in lines.tolist():
                aux[s] = drivers
        for meta in self.box_meta:
            if meta["kind"] == "box_callback":
                mules = self.fresh(int(rng.integers(4, 13)))
                meta["mules"] = mules
                for s in meta["sims"].tolist():
                    circ[s] = mules
        self.c_off, self.c_flat = self._csr(circ)
        self.a_off, self.a_flat = self._csr(aux)

    @staticmethod
    def _csr(lists: list) -> tuple[np.ndarray, np.ndarray]:
        sizes = np.array([0 if x is None else len(x) for x in lists], dtype=np.int64)
        off = np.concatenate([[0], np.cumsum(sizes)])
        flat = np.concatenate([x for x in lists if x is not None] or [np.zeros(0, np.int64)])
        return off, flat.astype(np.int64)

    # ------------------------------------------------------------------ traffic
    def traffic(self) -> None:
        rng = self.rng
        ppl = self.people
        n = len(ppl)
        m_rank = np.zeros(n, int)
        n_ord = len(self.group["ordinary"])
        m_rank[n_ord:] = self.multi_rank
        is_multi = np.arange(n) >= n_ord
        vmul = np.where(is_multi, np.array([0.75, 0.45, 0.3])[m_rank], 1.0)
        dmul = np.where(is_multi, np.array([1.0, 0.3, 0.2])[m_rank], 1.0)
        lvl = np.exp(rng.normal(0, 0.6, n)) / np.exp(0.18)  # personal talkativeness, mean 1
        f_h = self.dayf(1.0, 0.9, 0.85)

        # people: voice out
        s, t = self.spread(ppl, 2.2 * lvl * vmul, f_h, P_HUMAN)
        u = rng.random(len(s))
        party = self.pick(s)
        fr = (u >= 0.875) & (u < 0.995)
        party[fr] = self.victims(int(fr.sum()), 0.4)
        sv = u >= 0.995
        party[sv] = rng.choice(self.service, size=int(sv.sum()), p=[0.3, 0.2, 0.15, 0.35])
        self.add(t, self.voice_dur(len(s), 0.85, 4.2, 1.0), VOICE, s, party)
        # people: SMS out
        s, t = self.spread(ppl, 0.5 * lvl * vmul, f_h, P_HUMAN)
        party = self.pick(s)
        fr = rng.random(len(s)) < 0.05
        party[fr] = self.victims(int(fr.sum()), 0.4)
        self.add(t, np.zeros(len(s)), SMS, s, party)
        # people: data
        s, t = self.spread(
            ppl,
            2.2 * dmul * np.exp(rng.normal(0, 0.5, n)) / np.exp(0.125),
            self.dayf(1.0, 1.05, 1.05),
            P_DATA,
        )
        self.add(t, self.data_dur(len(s)), DATA, s, NONE)
        # people: voice in (contacts - on-net contacts then originate the call - unknown, hidden)
        s, t = self.spread(ppl, 1.1 * lvl * vmul, f_h, P_HUMAN)
        u = rng.random(len(s))
        party = self.pick(s)
        fr = (u >= 0.75) & (u < 0.94)
        party[fr] = self.fresh(int(fr.sum()))
        fo = (u >= 0.94) & (u < 0.97)
        party[fo] = rng.choice(self.foreign, size=int(fo.sum()))
        party[u >= 0.97] = HIDDEN
        self.add(t, self.voice_dur(len(s), 0.8, 4.1, 1.0), VOICE, party, s)
        # people: SMS in
        s, t = self.spread(ppl, 0.6 * vmul, f_h, P_HUMAN)
        u = rng.random(len(s))
        party = self.pick(s)
        party[(u >= 0.6) & (u < 0.75)] = self.egov
        fr = u >= 0.75
        party[fr] = self.fresh(int(fr.sum()))
        self.add(t, np.zeros(len(s)), SMS, party, s)

        # couriers
        g = self.group["courier"]
        f_c = self.dayf(1.0, 0.8, 0.6)
        s, t = self.spread(g, rng.uniform(25, 50, len(g)), f_c, P_COURIER)
        party = self.victims(len(s), 0.4)
        co = rng.random(len(s)) < 0.2
        party[co] = self.pick(s[co])
        self.add(t, self.voice_dur(len(s), 0.8, 3.3, 0.6), VOICE, s, party)
        cs, ct, cp = self.reply(s, t, party, 0.25, 1200)
        self.add(ct, self.voice_dur(len(cs), 0.9, 3.2, 0.6), VOICE, cp, cs)
        cs, ct, cp = self.reply(s, t, party, 0.08, 300)
        self.add(ct, np.zeros(len(cs)), SMS, cs, cp)
        s, t = self.spread(g, rng.uniform(2, 5, len(g)), f_c, P_COURIER)
        self.add(t, self.voice_dur(len(s), 0.9, 3.8, 0.7), VOICE, self.pick(s), s)
        s, t = self.spread(g, rng.uniform(8, 15, len(g)), f_c, P_COURIER)
        self.add(t, self.data_dur(len(s)), DATA, s, NONE)

        # shops / clinics
        g = self.group["shop"]
        f_s = self.dayf(1.0, 0.8, 0.45)
        s, t = self.spread(g, rng.uniform(12, 40, len(g)), f_s, P_SHOP)
        party = self.pick(s, power=1.5)
        fr = rng.random(len(s)) < 0.25
        party[fr] = self.victims(int(fr.sum()), 0.35)
        self.add(t, self.voice_dur(len(s), 0.85, 4.0, 0.8), VOICE, party, s)
        cs, ct, cp = self.reply(s, t, party, 0.2, 2400)
        self.add(ct, self.voice_dur(len(cs), 0.8, 3.9, 0.8), VOICE, cs, cp)
        s, t = self.spread(g, rng.uniform(2, 6, len(g)), f_s, P_SHOP)
        self.add(t, self.voice_dur(len(s), 0.85, 4.3, 0.8), VOICE, s, self.pick(s, "aux"))
        sms_rate = np.where(self.clinic, rng.uniform(8, 25, len(g)), rng.uniform(0, 2, len(g)))
        s, t = self.spread(g, sms_rate, f_s, P_SHOP)
        self.add(t, np.zeros(len(s)), SMS, s, self.pick(s, power=1.0))
        s, t = self.spread(g, rng.uniform(1, 3, len(g)), f_s, P_SHOP)
        self.add(t, np.zeros(len(s)), SMS, self.pick(s), s)
        s, t = self.spread(g, rng.uniform(1, 4, len(g)), f_s, P_DATA)
        self.add(t, self.data_dur(len(s)), DATA, s, NONE)

        # call centres
        g = self.group["call_centre"]
        f_cc = self.dayf(1.0, 0.3, 0.03)
        centre_rate = rng.uniform(60, 140, self.cc_of.max() + 1)[self.cc_of]
        s, t = self.spread(g, centre_rate * rng.uniform(0.8, 1.2, len(g)), f_cc, P_CC)
        party = self.victims(len(s), 0.35)
        ld = rng.random(len(s)) < 0.15
        party[ld] = self.pick(s[ld], power=1.0)
        self.add(t, self.voice_dur(len(s), 0.5, 4.0, 1.0), VOICE, s, party)
        cs, ct, cp = self.reply(s, t, party, 0.06, 3600)
        self.add(ct, self.voice_dur(len(cs), 0.85, 4.3, 0.9), VOICE, cp, cs)
        s, t = self.spread(g, rng.uniform(2, 6, len(g)), f_cc, P_CC)
        self.add(t, self.voice_dur(len(s), 0.85, 4.3, 0.9), VOICE, self.victims(len(s), 0.3), s)
        s, t = self.spread(g, rng.uniform(5, 30, len(g)), f_cc, P_CC)
        party = self.victims(len(s), 0.35)
        ld = rng.random(len(s)) < 0.4
        party[ld] = self.pick(s[ld], power=1.0)
        self.add(t, np.zeros(len(s)), SMS, s, party)
        s, t = self.spread(g, rng.uniform(1, 3, len(g)), f_cc, P_CC)
        self.add(t, self.data_dur(len(s)), DATA, s, NONE)

        # taxi dispatch
        g = self.group["taxi"]
        f_t = self.dayf(1.0, 1.25, 1.1)
        s, t = self.spread(g, rng.uniform(25, 70, len(g)), f_t, P_TAXI)
        party = self.pick(s, power=1.3)
        fr = rng.random(len(s)) < 0.2
        party[fr] = self.victims(int(fr.sum()), 0.4)
        self.add(t, self.voice_dur(len(s), 0.92, 3.3, 0.5), VOICE, party, s)
        cs, ct, cp = self.reply(s, t, party, 0.35, 300)
        self.add(ct, self.voice_dur(len(cs), 0.85, 3.0, 0.5), VOICE, cs, cp)
        cs, ct, cp = self.reply(s, t, party, 0.4, 120)
        self.add(ct, np.zeros(len(cs)), SMS, cs, cp)
        s, t = self.spread(g, rng.uniform(15, 40, len(g)), f_t, P_TAXI)
        self.add(t, self.voice_dur(len(s), 0.9, 3.4, 0.6), VOICE, s, self.pick(s, "aux", 1.0))
        s, t = self.spread(g, rng.uniform(8, 20, len(g)), f_t, P_TAXI)
        self.add(t, self.voice_dur(len(s), 0.95, 3.4, 0.6), VOICE, self.pick(s, "aux", 1.0), s)
        s, t = self.spread(g, rng.uniform(2, 5, len(g)), f_t, P_DATA)
        self.add(t, self.data_dur(len(s)), DATA, s, NONE)

        # SIM-boxes
        f_b = np.ones(self.days)
        for meta in self.box_meta:
            sims, kind = meta["sims"], meta["kind"]
            if kind == "box_careful":
                s, t = self.spread(sims, meta["sim_rate"], self.dayf(1.0, 0.85, 0.8), P_HUMAN)
                party = self.victims(len(s), 0.3)
                self.add(t, self.voice_dur(len(s), 0.7, 4.4, 0.9), VOICE, s, party)
                cs, ct, cp = self.reply(s, t, party, 0.03, 3600)
                self.add(ct, self.voice_dur(len(cs), 0.5, 3.0, 0.8), VOICE, cp, cs)
                s, t = self.spread(sims, rng.uniform(0.2, 0.6, len(sims)), f_b, P_HUMAN)
                self.add(t, self.voice_dur(len(s), 0.6, 3.5, 0.8), VOICE, self.fresh(len(s)), s)
                s, t = self.spread(sims, rng.uniform(0.3, 1.2, len(sims)), f_b, P_HUMAN)
                self.add(t, np.zeros(len(s)), SMS, s, self.victims(len(s), 0.3))
                s, t = self.spread(sims, rng.uniform(0.2, 1.0, len(sims)), f_b, P_HUMAN)
                self.add(t, np.zeros(len(s)), SMS, self.fresh(len(s)), s)
                s, t = self.spread(sims, rng.uniform(1, 3, len(sims)), f_b, P_DATA)
                self.add(t, self.data_dur(len(s)), DATA, s, NONE)
            else:
                s, t = self.spread(sims, meta["sim_rate"], f_b, P_BOX)
                party = self.victims(len(s), 0.3)
                if kind == "box_callback":
                    mu = rng.random(len(s)) < 0.25
                    party[mu] = self.pick(s[mu], power=1.0)
                self.add(t, self.voice_dur(len(s), 0.55, 4.0, 0.9), VOICE, s, party)
                if kind == "box_callback":
                    s, t = self.spread(sims, rng.uniform(0.3, 1.0, len(sims)), f_b, P_BOX)
                    self.add(
                        t, self.voice_dur(len(s), 0.9, 4.0, 0.9), VOICE, self.pick(s, power=1.0), s
                    )

    # ------------------------------------------------------------------ records
    def records(self) -> pa.Table:
        rng, S = self.rng, self.sims
        t, dur, rtype, a, b = (np.concatenate(x) for x in zip(*self.ev, strict=True))
        self.ev = []
        ns = self.n_sims
        keep = (t >= 0) & (t < self.days * DAY) & (a != b)
        t, dur, rtype, a, b = t[keep], dur[keep], rtype[keep], a[keep], b[keep]
        day = t // DAY
        a_s = np.where((a >= 0) & (a < ns), a, -1)
        b_s = np.where((b >= 0) & (b < ns), b, -1)
        ok_a = (a_s < 0) | S.active[np.maximum(a_s, 0), day]
        ok_b = (b_s < 0) | S.active[np.maximum(b_s, 0), day]
        roam = ((a_s >= 0) & (S.roam[np.maximum(a_s, 0), day] >= 0)) | (
            (b_s >= 0) & (S.roam[np.maximum(b_s, 0), day] >= 0)
        )
        keep = ok_a & ok_b & ~(roam & (rng.random(len(t)) < 0.5))
        t, dur, rtype, a, b, a_s, b_s = (x[keep] for x in (t, dur, rtype, a, b, a_s, b_s))

        term = (b_s >= 0) & (rtype != DATA)
        o_idx = np.flatnonzero(a_s >= 0)
        t_idx = np.flatnonzero(term)
        idx = np.concatenate([o_idx, t_idx])
        direction = np.concatenate([np.zeros(len(o_idx), np.int8), np.ones(len(t_idx), np.int8)])
        sim = np.concatenate([a_s[o_idx], b_s[t_idx]])
        other = np.concatenate([b[o_idx], a[t_idx]])
        order = np.lexsort((direction, sim, t[idx]))
        idx, direction, sim, other = idx[order], direction[order], sim[order], other[order]
        t, dur, rtype, a, b = t[idx], dur[idx], rtype[idx], a[idx], b[idx]
        day = t // DAY
        n = len(t)

        # cells
        sec = t % DAY
        hour = sec // 3600
        weekday = (START_DOW + day) % 7 < 5
        mode, home, work = S.mode[sim], S.home[sim], S.work[sim]
        clo, cn = S.clo[sim], S.cn[sim]
        hl = home - clo
        u1, u2 = rng.random(n), rng.random(n)
        jitter = rng.integers(-25, 26, n)
        cell = np.where(
            (work >= 0) & weekday & (hour >= 9) & (hour < 18) & (u1 < 0.85),
            work,
            np.where(u2 < 0.88, home, clo + np.clip(hl + jitter, 0, cn - 1)),
        )
        m = mode == 1  # courier: moves across the city during the day
        prog = (sec[m] - 9 * 3600) / 3600 * S.speed[sim[m]]
        loc = (
            hl[m]
            + day[m] * S.step[sim[m]]
            + np.rint(prog).astype(np.int64)
            + rng.integers(-2, 3, int(m.sum()))
        )
        cell[m] = clo[m] + loc % cn[m]
        m = mode == 2  # fixed site, occasionally the neighbouring cell
        nb = clo[m] + np.clip(hl[m] + rng.choice([-1, 1], int(m.sum())), 0, cn[m] - 1)
        cell[m] = np.where(u1[m] < S.pmain[sim[m]], home[m], nb)
        m = mode == 3  # spread over a few adjacent cells
        cell[m] = home[m] + (u1[m] * S.spread[sim[m]]).astype(np.int64)
        rc = S.roam[sim, day]
        roaming = rc >= 0
        cell = np.where(roaming, rc, cell)
        cell[(rng.random(n) < 0.02) & ~roaming] = -1

        imei = S.imei[sim, day]
        cell_names = [f"{c}-{i + 1:04d}" for c, cn_, _ in CITIES for i in range(cn_)]
        cell_names += [f"ROAM-{c}-0001" for c, _ in ROAM_COUNTRIES]

        # trunk of the other party
        vals = np.concatenate(self.nums.vals)
        cls = np.concatenate(self.nums.cls)
        o_cls = np.where(other >= 0, cls[np.maximum(other, 0)], C_NAT)  # hidden -> national
        o_val = np.where(other >= 0, vals[np.maximum(other, 0)], 0)
        nat_pref = (o_val // 10_000_000) % 1000
        tg = np.select(
            [
                o_cls == C_OURS,
                o_cls == C_SERVICE,
                o_cls == C_FOREIGN,
                np.isin(nat_pref, [701, 702]),
                np.isin(nat_pref, [707, 747]),
            ],
            [sim % 2, np.full(n, 2), 7 + (o_val // 10**7 == 7916), np.full(n, 3), np.full(n, 4)],
            5,
        )
        tg = np.where(other == HIDDEN, 3 + (sim % 3), tg)
        tg_names = [
            "LOC-01",
            "LOC-02",
            "SVC-1",
            "NAT-11",
            "NAT-21",
            "NAT-22",
            "",
            "INT-01",
            "INT-02",
        ]
        tg_kind = np.array([0, 0, 0, 1, 1, 1, 1, 2, 2])
        is_data = rtype == DATA
        tg = np.where(is_data, -1, tg)

        # strings
        plus = pc.binary_join_element_wise(pa.scalar("+"), pc.cast(pa.array(vals), pa.string()), "")
        num_str = pc.if_else(pa.array(cls == C_SERVICE), pc.cast(pa.array(vals), pa.string()), plus)

        def take(table: pa.Array, ix: np.ndarray) -> pa.Array:
            return pc.take(table, pa.array(ix, mask=ix < 0))

        rid = pc.binary_join_element_wise(
            pa.scalar("B-"),
            pc.utf8_lpad(pc.cast(pa.array(np.arange(1, n + 1)), pa.string()), 9, "0"),
            "",
        )
        ts = pa.array((START.astype(np.int64) + t), type=pa.timestamp("s"))
        start_s = pc.binary_join_element_wise(
            pc.strftime(ts, format="%Y-%m-%d %H:%M:%S"), pa.scalar(TZ_SUFFIX), ""
        )
        own = np.arange(ns)  # our MSISDN ids are the SIM ids
        calling = np.where(direction == 0, own[sim], a)
        called = np.where(direction == 0, b, own[sim])
        table = pa.table(
            {
                "record_id": rid,
                "start": start_s,
                "duration_s": pa.array(dur),
                "record_type": take(pa.array(["voice", "sms", "data"]), rtype.astype(np.int64)),
                "direction": take(
                    pa.array(["originating", "terminating"]), direction.astype(np.int64)
                ),
                "calling_number": take(num_str, calling),
                "called_number": take(num_str, called),
                "imsi": pc.cast(pa.array(self.imsi[sim]), pa.string()),
                "imei": pc.cast(pa.array(imei), pa.string()),
                "cell_id": take(pa.array(cell_names), cell),
                "trunk_group": take(pa.array(tg_names), tg),
                "trunk_kind": take(
                    pa.array(["local", "national", "international"]),
                    np.where(tg >= 0, tg_kind[np.maximum(tg, 0)], -1),
                ),
                "operator": pa.repeat(pa.scalar(OPERATOR), n),
                "roaming": pa.array(roaming),
            }
        )
        self.rec_sims = np.unique(sim)
        return table

    def labels(self) -> pa.Table:
        S = self.sims
        sims = self.rec_sims
        sims = sims[np.argsort(self.imsi[sims])]
        kind = S.kind[sims]
        box = S.box[sims]
        box_names = pa.array([f"BOX-{i + 1:02d}" for i in range(len(self.box_meta))])
        return pa.table(
            {
                "imsi": pc.cast(pa.array(self.imsi[sims]), pa.string()),
                "is_simbox": pa.array(box >= 0),
                "box": pc.take(box_names, pa.array(box, mask=box < 0)),
                "kind": pc.take(pa.array(KINDS), pa.array(kind)),
            }
        )


def write_recipe_b(
    out_dir: pathlib.Path, *, seed: int, subscribers: int = 20_000, days: int = 14
) -> dict:
    """Generate ``calls.csv`` and ``labels.csv`` in ``out_dir``; return a summary."""
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    b = _Builder(np.random.default_rng(seed), subscribers, days)
    b.design()
    b.numbers()
    b.traffic()
    calls = b.records()
    labels = b.labels()
    opts = pacsv.WriteOptions(quoting_style="none", include_header=False)
    for name, table in (("calls.csv", calls), ("labels.csv", labels)):
        with open(out_dir / name, "wb") as fh:
            fh.write((",".join(table.column_names) + "\n").encode())
            pacsv.write_csv(table, fh, write_options=opts)
    is_box = labels.column("is_simbox").to_numpy(zero_copy_only=False)
    kinds = labels.column("kind").to_pylist()
    by_kind = {k: kinds.count(k) for k in KINDS}
    return {
        "records": calls.num_rows,
        "sims": labels.num_rows,
        "box_sims": int(is_box.sum()),
        "boxes": len({x for x in labels.column("box").to_pylist() if x}),
        "by_kind": by_kind,
    }

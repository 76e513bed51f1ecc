"""Who is on the network: the operators, their subscribers' SIMs and handsets, the cells, and
the SIM-boxes hidden among them, each kind of line with its own habits.

SIMs are rows of numpy arrays (index = SIM id); numbers, IMSIs and IMEIs are int64 digits,
turned into text only when written.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cyberpol.synth.transfers.identifiers import unique_numbers

# code, share of subscribers, MCC+MNC, the number prefixes it was given (Kazakhstan's plan)
OPERATORS = (
    ("KCELL", 0.34, 40102, (701, 702, 775, 778)),
    ("BEELINE", 0.32, 40101, (705, 771, 776, 777)),
    ("TELE2", 0.22, 40177, (707, 747)),
    ("ALTEL", 0.12, 40107, (700, 708)),
)
CITIES = ("ALA", "AST", "SHY", "KAR", "AKT", "PAV", "UKK", "ATY", "KOS", "TAR")
CITY_SHARE = np.array([0.24, 0.18, 0.14, 0.08, 0.07, 0.06, 0.06, 0.06, 0.05, 0.06])
CELLS_PER_CITY = 400
# Handsets by their type allocation code (the IMEI's first 8 digits): phones people carry,
# and the GSM modules SIM-boxes are built from.
PHONE_TACS = np.array([35209900, 35332811, 35875609, 86769604, 35467011, 86492404, 35391110])
MODULE_TACS = np.array([86145803, 86891003, 86359503])

ORDINARY, BUSINESS, SIMBOX = 0, 1, 2
# "cloaked" boxes give every SIM its own phone-like IMEI (modules that change theirs), call
# a circle of numbers again and again, and move among cells: no module is shared.
STRATEGIES = ("classic", "mimic", "low_slow", "burst", "cloaked")
# Telemarketing: outbound lines calling lists of new numbers, short calls, many unanswered, few
# called back; what sets them apart from a box is their long-lived lines, SMS and the office.
BUSINESS_KINDS = ("call_centre", "taxi_dispatch", "telemarketing")


@dataclass
class Sims:
    """Every SIM of the population, a row each."""

    operator: np.ndarray  # index into OPERATORS
    number: np.ndarray  # int64, E.164 digits without the plus
    imsi: np.ndarray  # int64
    device: np.ndarray  # int64 IMEI of the handset or module it sits in
    kind: np.ndarray  # ORDINARY, BUSINESS, SIMBOX
    group: np.ndarray  # the box or business it belongs to (-1: none)
    strategy: np.ndarray  # a box's index into STRATEGIES, or a business's into BUSINESS_KINDS
    home: np.ndarray  # cell index where it is at night
    work: np.ndarray  # cell index where it is by day
    first_day: np.ndarray  # the day it comes into use (a box's SIMs are rotated)
    last_day: np.ndarray
    roam_from: np.ndarray  # days abroad: [roam_from, roam_to), empty when equal
    roam_to: np.ndarray
    rate: np.ndarray  # the line's own call rate per day


def luhn_complete(body: np.ndarray) -> np.ndarray:
    """14-digit IMEI bodies with their Luhn check digit appended."""
    digits = (body[:, None] // 10 ** np.arange(13, -1, -1, dtype=np.int64)) % 10
    doubled = digits[:, 1::2] * 2  # from the right, every second digit of the body
    doubled = np.where(doubled > 9, doubled - 9, doubled)
    total = digits[:, 0::2].sum(axis=1) + doubled.sum(axis=1)
    return body * 10 + (10 - total % 10) % 10


def imeis(rng: np.random.Generator, tacs: np.ndarray, count: int, used: set[int]) -> np.ndarray:
    """``count`` IMEIs of the given type allocation codes, none already in ``used`` (which
    takes them): two handsets sharing an IMEI by chance would look like one box's module."""
    out = np.empty(count, dtype=np.int64)
    filled = 0
    while filled < count:
        want = count - filled
        serial = rng.integers(0, 10**6, want)
        drawn = luhn_complete(rng.choice(tacs, want).astype(np.int64) * 10**6 + serial)
        for imei in drawn.tolist():
            if imei not in used:
                used.add(imei)
                out[filled] = imei
                filled += 1
    return out


def cell_names() -> list[str]:
    return [f"{city}-{n:04d}" for city in CITIES for n in range(CELLS_PER_CITY)]


def _cells(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray]:
    city = rng.choice(len(CITIES), count, p=CITY_SHARE / CITY_SHARE.sum())
    home = city * CELLS_PER_CITY + rng.integers(0, CELLS_PER_CITY, count)
    near = rng.random(count) < 0.15  # some work where they live
    work = np.where(near, home, city * CELLS_PER_CITY + rng.integers(0, CELLS_PER_CITY, count))
    return home, work


def _numbers(rng: np.random.Generator, operator: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct numbers and IMSIs, each in its operator's ranges."""
    number = np.empty(operator.size, dtype=np.int64)
    imsi = np.empty(operator.size, dtype=np.int64)
    for o, (_, _, mccmnc, prefixes) in enumerate(OPERATORS):
        at = np.flatnonzero(operator == o)
        # Distinct within the operator: a prefix's range of 10 million, drawn without repeats.
        line = unique_numbers(rng, at.size, len(prefixes) * 10**7)
        prefix = np.array(prefixes, dtype=np.int64)[line // 10**7]
        number[at] = 7 * 10**10 + prefix * 10**7 + line % 10**7
        imsi[at] = mccmnc * 10**10 + unique_numbers(rng, at.size, 10**10)
    return number, imsi


def population(
    rng: np.random.Generator, ordinary: int, businesses: int, boxes: int, days: int
) -> Sims:
    """Ordinary subscribers, business lines and SIM-boxes of every strategy in turn."""
    kind, group, strategy, device, first, last, rate = [], [], [], [], [], [], []
    # Ordinary people: one phone each, a few with a dual-SIM phone (two SIMs, one IMEI).
    used: set[int] = set()
    phones = imeis(rng, PHONE_TACS, ordinary, used)
    dual = rng.random(ordinary) < 0.04
    phones[1:][dual[1:]] = phones[:-1][dual[1:]]
    kind.append(np.full(ordinary, ORDINARY))
    group.append(np.full(ordinary, -1))
    strategy.append(np.full(ordinary, -1))
    device.append(phones)
    # Some get their SIM during the week, and some hardly call at all (an old man's phone,
    # a tablet's SIM): a quiet new SIM is no box, however few numbers it has called.
    late = rng.random(ordinary) < 0.05
    first.append(np.where(late, rng.integers(1, max(days, 2), ordinary), 0).astype(np.int64))
    last.append(np.full(ordinary, days))
    light = rng.random(ordinary) < 0.10
    rate.append(np.where(light, rng.uniform(0.1, 0.6, ordinary),
                         rng.lognormal(np.log(3.0), 0.6, ordinary)))  # fmt: skip
    # Call centres and taxi dispatchers: many short calls, honestly made.
    for b in range(businesses):
        kind_of = b % len(BUSINESS_KINDS)
        lines = int((rng.integers(4, 16), rng.integers(2, 6), rng.integers(5, 20))[kind_of])
        kind.append(np.full(lines, BUSINESS))
        group.append(np.full(lines, b))
        strategy.append(np.full(lines, kind_of))
        device.append(imeis(rng, PHONE_TACS, lines, used))
        first.append(np.zeros(lines, dtype=np.int64))
        last.append(np.full(lines, days))
        rate.append(rng.uniform(*((90, 220), (90, 220), (50, 150))[kind_of], lines))
    # SIM-boxes: modules of several SIM slots; a slot's SIM is used for a few days and
    # replaced by a fresh one (a new SIM in a known box).
    for b in range(boxes):
        which = b % len(STRATEGIES)
        modules = int(rng.integers(2, 7 if ordinary >= 5000 else 3))
        slots = int(rng.integers(4, 9)) * (2 if STRATEGIES[which] == "low_slow" else 1)
        module_imei = imeis(rng, MODULE_TACS, modules, used)
        life = 2 if STRATEGIES[which] in ("classic", "burst") else 3
        if STRATEGIES[which] == "low_slow":
            life = days
        for start in range(0, days, life):
            count = modules * slots
            kind.append(np.full(count, SIMBOX))
            group.append(np.full(count, b))
            strategy.append(np.full(count, which))
            if STRATEGIES[which] == "cloaked":
                device.append(imeis(rng, PHONE_TACS, count, used))
            else:
                device.append(np.repeat(module_imei, slots))
            first.append(np.full(count, start))
            last.append(np.full(count, min(days, start + life)))
            calls = {
                "classic": (60, 150),
                "mimic": (35, 80),
                "low_slow": (12, 28),
                "burst": (90, 180),
                "cloaked": (30, 70),
            }[STRATEGIES[which]]
            rate.append(rng.uniform(*calls, count))
    k = np.concatenate(kind)
    size = k.size
    operator = rng.choice(len(OPERATORS), size, p=[share for _, share, _, _ in OPERATORS])
    number, imsi = _numbers(rng, operator)
    home, work = _cells(rng, size)
    g = np.concatenate(group)
    # A box stands in one place; a business works from its office.
    placed = g >= 0
    for which_kind in (BUSINESS, SIMBOX):
        mask = placed & (k == which_kind)
        first_of: dict[int, int] = {}
        for i in np.flatnonzero(mask):
            first_of.setdefault(int(g[i]), int(home[i]))
            home[i] = work[i] = first_of[int(g[i])]
    roam_from = rng.integers(0, days, size)
    roams = (k == ORDINARY) & (rng.random(size) < 0.03)
    roam_to = np.where(roams, np.minimum(days, roam_from + rng.integers(1, 4, size)), roam_from)
    return Sims(
        operator,
        number,
        imsi,
        np.concatenate(device),
        k,
        g,
        np.concatenate(strategy),
        home,
        work,
        np.concatenate(first),
        np.concatenate(last),
        roam_from,
        roam_to,
        np.concatenate(rate),
    )

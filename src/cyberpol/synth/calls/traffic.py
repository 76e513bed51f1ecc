"""One day of calls, SMS and data sessions, as events between SIMs and outside numbers.

An event has a caller and a callee (a SIM of the population, or -1 and an outside number);
the operators' records are made from it later: an originating record where the caller is a
subscriber, a terminating one where the callee is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cyberpol.synth.calls.population import BUSINESS, ORDINARY, SIMBOX, STRATEGIES, Sims

VOICE, SMS, DATA = 0, 1, 2
SERVICE_NUMBERS = np.array([102, 112, 1414, 7111], dtype=np.int64)
FOREIGN = np.array(
    [996_555_000_000, 998_900_000_000, 7_916_000_0000, 90_532_000_0000], dtype=np.int64
)  # Kyrgyz, Uzbek, Russian (+7 too) and Turkish mobiles
# When people call, by hour in Kazakhstan.
_DAY = np.array([1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 6, 8, 9, 9, 9, 9, 9, 9, 9, 9, 8, 8, 7, 5, 3, 2])


@dataclass
class Events:
    caller: np.ndarray  # SIM index, -1 outside
    caller_number: np.ndarray
    callee: np.ndarray  # SIM index, -1 outside (and for data sessions)
    callee_number: np.ndarray  # 0 for data sessions
    at: np.ndarray  # seconds from the start of the day, Kazakhstan time
    duration: np.ndarray
    kind: np.ndarray  # VOICE, SMS, DATA
    from_abroad: np.ndarray  # arrived over an international trunk
    spoofed: np.ndarray
    hidden: np.ndarray  # caller id withheld


def _hours(rng: np.random.Generator, count: int, weights: np.ndarray) -> np.ndarray:
    hour = rng.choice(24, count, p=weights / weights.sum())
    return hour * 3600 + rng.integers(0, 3600, count)


def _durations(
    rng: np.random.Generator, count: int, median: float, unanswered: float
) -> np.ndarray:
    talk = np.maximum(1, rng.lognormal(np.log(median), 0.9, count)).astype(np.int64)
    return np.where(rng.random(count) < unanswered, 0, np.minimum(talk, 7200))


def _outside_kz(rng: np.random.Generator, count: int) -> np.ndarray:
    """Kazakh mobile numbers outside the population (other people, other operators' lines)."""
    prefix = rng.choice(np.array([700, 701, 702, 705, 707, 747, 771, 775, 776, 777, 778]), count)
    return 7 * 10**10 + prefix * 10**7 + rng.integers(0, 10**7, count)


class DayOfTraffic:
    """Builds each day's events for a population; contacts and customers stay fixed."""

    def __init__(self, rng: np.random.Generator, sims: Sims, days: int) -> None:
        self.rng, self.sims, self.days = rng, sims, days
        self.ordinary = np.flatnonzero(sims.kind == ORDINARY)
        # Each person calls a circle of 12, a few of them most of the time.
        self.contacts = rng.choice(self.ordinary, (self.ordinary.size, 12))
        self.contact_weight = 1 / np.arange(1, 13) ** 1.1
        self.contact_weight /= self.contact_weight.sum()
        self.slot = np.full(sims.kind.size, -1)
        self.slot[self.ordinary] = np.arange(self.ordinary.size)
        self.drivers = {
            int(g): _outside_kz(rng, 60) for g in np.unique(sims.group[sims.kind == BUSINESS])
        }
        # A cloaked box's circle: numbers its SIMs call again and again to look like people.
        self.circles = {
            int(g): _outside_kz(rng, 10) for g in np.unique(sims.group[sims.kind == SIMBOX])
        }

    def day(self, day: int) -> Events:
        return _join(
            self._people(day), self._business(day), self._boxes(day), self._from_abroad(day)
        )

    def _events(
        self,
        caller: np.ndarray,
        callee: np.ndarray,
        callee_number: np.ndarray | None,
        at: np.ndarray,
        duration: np.ndarray,
        kind: int | np.ndarray,
        caller_number: np.ndarray | None = None,
        abroad: bool | np.ndarray = False,
        spoofed: bool = False,
    ) -> Events:
        n = at.size
        number = self.sims.number
        return Events(
            caller,
            np.where(caller >= 0, number[np.maximum(caller, 0)], 0)
            if caller_number is None
            else caller_number,
            callee,
            np.where(callee >= 0, number[np.maximum(callee, 0)], 0)
            if callee_number is None
            else callee_number,
            at,
            duration,
            np.broadcast_to(kind, n).astype(np.int8),
            np.broadcast_to(abroad, n).copy(),
            np.full(n, spoofed),
            np.zeros(n, dtype=bool),
        )

    def _contacts_of(self, sims: np.ndarray) -> np.ndarray:
        column = self.rng.choice(12, sims.size, p=self.contact_weight)
        return self.contacts[self.slot[sims], column]

    def _people(self, day: int) -> Events:
        rng, s = self.rng, self.sims
        # People who have not got their SIM yet make nothing (others may still call them).
        who = self.ordinary[s.first_day[self.ordinary] <= day]
        weekend = day % 7 >= 5
        calls = np.repeat(who, rng.poisson(s.rate[who] * (0.8 if weekend else 1.0)))
        n = calls.size
        roll = rng.random(n)
        callee = self._contacts_of(calls)
        callee_number = s.number[callee].copy()
        outside = roll >= 0.80
        callee[outside] = -1
        callee_number[outside] = _outside_kz(rng, int(outside.sum()))
        foreign = roll >= 0.97
        callee_number[foreign] = rng.choice(FOREIGN, int(foreign.sum())) + rng.integers(
            0, 10**6, int(foreign.sum())
        )
        service = (roll >= 0.795) & (roll < 0.80)
        callee[service] = -1
        callee_number[service] = rng.choice(SERVICE_NUMBERS, int(service.sum()))
        voice = self._events(
            calls, callee, callee_number, _hours(rng, n, _DAY), _durations(rng, n, 60, 0.1), VOICE
        )
        texts = np.repeat(who, rng.poisson(1.0, who.size))
        sms = self._events(
            texts,
            self._contacts_of(texts),
            None,
            _hours(rng, texts.size, _DAY),
            np.zeros(texts.size, np.int64),
            SMS,
        )
        data = self._sessions(who, 5.0, _DAY + 2, 400)
        # People outside the population call in: friends on other networks, shops, banks.
        called = np.repeat(who, rng.poisson(0.8, who.size))
        incoming = self._events(
            np.full(called.size, -1),
            called,
            None,
            _hours(rng, called.size, _DAY),
            _durations(rng, called.size, 70, 0.15),
            VOICE,
            caller_number=_outside_kz(rng, called.size),
        )
        hidden = rng.random(called.size) < 0.03
        incoming.hidden = hidden
        return _join(voice, sms, data, incoming)

    def _business(self, day: int) -> Events:
        rng, s = self.rng, self.sims
        lines = np.flatnonzero(s.kind == BUSINESS)
        weekend = day % 7 >= 5
        kind = s.strategy[lines]
        office = np.zeros(24)
        office[9:19] = 1
        hours_taxi = np.ones(24)
        hours_taxi[1:6] = 0.2
        # Per kind: calls out on a weekday (share of the line's rate) and at a weekend,
        # calls in (share of the rate), the calls' median length and unanswered share.
        out_week = np.array([1.0, 0.6, 1.0])[kind]
        out_weekend = np.array([0.3, 0.6, 0.1])[kind]
        out_rate = s.rate[lines] * (out_weekend if weekend else out_week)
        callers = np.repeat(lines, rng.poisson(out_rate))
        n = callers.size
        of = s.strategy[callers]
        is_taxi = of == 1
        # Customers are people of the population; a taxi's drivers are its own fixed few.
        callee = rng.choice(self.ordinary, n)
        callee_number = s.number[callee].copy()
        driver = is_taxi & (rng.random(n) < 0.5)
        callee[driver] = -1
        groups = s.group[callers[driver]]
        callee_number[driver] = [self.drivers[int(g)][rng.integers(0, 60)] for g in groups]
        listed = (of == 2) & (rng.random(n) < 0.5)  # a bought list: numbers outside ours
        callee[listed] = -1
        callee_number[listed] = _outside_kz(rng, int(listed.sum()))
        at = np.where(is_taxi, _hours(rng, n, hours_taxi), _hours(rng, n, office))
        duration = np.select(
            [of == 0, of == 1],
            [_durations(rng, n, 90, 0.2), _durations(rng, n, 30, 0.1)],
            _durations(rng, n, 40, 0.45),
        )
        out = self._events(callers, callee, callee_number, at, duration, VOICE)
        in_rate = s.rate[lines] * np.array([0.3, 1.0, 0.05])[kind]
        called = np.repeat(lines, rng.poisson(in_rate))
        incoming = self._events(
            rng.choice(self.ordinary, called.size),
            called,
            None,
            _hours(rng, called.size, hours_taxi),
            _durations(rng, called.size, 45, 0.05),
            VOICE,
        )
        texts = self._sms(lines, np.array([5.0, 1.0, 6.0])[kind], office)
        data = self._sessions(lines[kind == 2], 1.0, office, 200)
        return _join(out, incoming, texts, data)

    def _sms(self, senders: np.ndarray, per_day: float | np.ndarray, hours: np.ndarray) -> Events:
        """Text messages to people of the population, ``per_day`` from each sender."""
        rng = self.rng
        texts = np.repeat(senders, rng.poisson(per_day, senders.size))
        return self._events(
            texts,
            rng.choice(self.ordinary, texts.size),
            None,
            _hours(rng, texts.size, hours),
            np.zeros(texts.size, np.int64),
            SMS,
        )

    def _sessions(
        self, senders: np.ndarray, per_day: float, hours: np.ndarray, median: float
    ) -> Events:
        """Data sessions, ``per_day`` from each SIM, lasting ``median`` seconds or so."""
        rng = self.rng
        sessions = np.repeat(senders, rng.poisson(per_day, senders.size))
        return self._events(
            sessions,
            np.full(sessions.size, -1),
            np.zeros(sessions.size, np.int64),
            _hours(rng, sessions.size, hours),
            _durations(rng, sessions.size, median, 0),
            DATA,
        )

    def _boxes(self, day: int) -> Events:
        rng, s = self.rng, self.sims
        live = np.flatnonzero((s.kind == SIMBOX) & (s.first_day <= day) & (day < s.last_day))
        parts = []
        for which, name in enumerate(STRATEGIES):
            sims = live[s.strategy[live] == which]
            if not sims.size:
                continue
            calls = np.repeat(sims, rng.poisson(s.rate[sims]))
            n = calls.size
            # Victims anywhere: numbers people never called before, hardly ever twice.
            callee = rng.choice(self.ordinary, n)
            callee_number = s.number[callee].copy()
            outside = rng.random(n) < 0.3
            callee[outside] = -1
            callee_number[outside] = _outside_kz(rng, int(outside.sum()))
            if name == "cloaked":
                circle = rng.random(n) < 0.4
                callee[circle] = -1
                pick = rng.integers(0, 10, int(circle.sum()))
                owner = s.group[calls[circle]]
                callee_number[circle] = [
                    self.circles[int(g)][k] for g, k in zip(owner, pick, strict=True)
                ]
            if name == "burst":
                hours = np.zeros(24)
                hours[rng.choice(np.arange(9, 21), 3, replace=False)] = 1
            elif name == "classic":
                hours = np.ones(24)
                hours[0:6] = 1.5
            else:
                hours = np.zeros(24)
                hours[8:22] = 1
            median, unanswered = {
                "classic": (40, 0.35),
                "mimic": (50, 0.15),
                "low_slow": (70, 0.2),
                "burst": (35, 0.4),
                "cloaked": (55, 0.15),
            }[name]
            parts.append(
                self._events(
                    calls,
                    callee,
                    callee_number,
                    _hours(rng, n, hours),
                    _durations(rng, n, median, unanswered),
                    VOICE,
                )
            )
            if name in ("mimic", "cloaked"):  # SMS, data and calls in, to look like a person
                parts.append(self._sms(sims, 4.0, hours))
                parts.append(self._sessions(sims, 3.0, hours, 300))
                called = np.repeat(sims, rng.poisson(5.0, sims.size))
                parts.append(
                    self._events(
                        rng.choice(sims, called.size),
                        called,
                        None,
                        _hours(rng, called.size, hours),
                        _durations(rng, called.size, 40, 0.1),
                        VOICE,
                    )
                )
            if name == "low_slow":
                parts.append(self._sms(sims, 1.0, hours))
        return _join(*parts) if parts else _empty()

    def _from_abroad(self, day: int) -> Events:
        rng, s = self.rng, self.sims
        people = self.ordinary
        # Honest calls from abroad: relatives in Bishkek and Moscow (+7 too), Turkish shops.
        count = max(1, int(people.size * 0.05))
        callee = rng.choice(people, count)
        foreign = rng.choice(FOREIGN, count) + rng.integers(0, 10**6, count)
        honest = self._events(
            np.full(count, -1),
            callee,
            None,
            _hours(rng, count, _DAY),
            _durations(rng, count, 120, 0.2),
            VOICE,
            caller_number=foreign,
            abroad=True,
        )
        # Spoofed: a call centre abroad shows a Kazakh number, a subscriber's or a made-up one.
        count = max(3, int(people.size * 0.01))
        callee = rng.choice(people, count)
        real = rng.choice(people, count)
        at_home = ~((s.roam_from[real] <= day) & (day < s.roam_to[real]))
        shown = np.where(
            (rng.random(count) < 0.5) & at_home, s.number[real], _outside_kz(rng, count)
        )
        spoofed = self._events(
            np.full(count, -1),
            callee,
            None,
            _hours(rng, count, _DAY),
            _durations(rng, count, 90, 0.6),
            VOICE,
            caller_number=shown,
            abroad=True,
            spoofed=True,
        )
        return _join(honest, spoofed)


def _join(*parts: Events) -> Events:
    return Events(
        *(np.concatenate([getattr(p, f) for p in parts]) for f in Events.__dataclass_fields__)
    )


def _empty() -> Events:
    z = np.zeros(0, dtype=np.int64)
    return Events(
        z, z, z, z, z, z, z.astype(np.int8), z.astype(bool), z.astype(bool), z.astype(bool)
    )

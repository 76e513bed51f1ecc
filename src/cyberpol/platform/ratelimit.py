"""Per-client token buckets that keep callers, anonymous or not, from enumerating the registry."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from cyberpol.kernel.errors import RateLimited


class RateLimiter:
    """``per_minute`` requests per client, refilled continuously, bursts up to the same number."""

    def __init__(
        self,
        per_minute: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 100_000,
    ) -> None:
        self._rate = per_minute / 60.0
        self._capacity = float(per_minute)
        self._clock = clock
        self._max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def hit(self, client: str) -> None:
        """Take one token for ``client`` or raise RateLimited with the seconds to wait."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (self._capacity, now))
            tokens = min(self._capacity, tokens + (now - last) * self._rate)
            if tokens < 1:
                wait = math.ceil((1 - tokens) / self._rate) if self._rate else 60
                raise RateLimited(
                    f"Too many requests from {client}; retry in {wait} s.", retry_after=wait
                )
            if len(self._buckets) >= self._max_clients and client not in self._buckets:
                self._forget_full_buckets(now)
            self._buckets[client] = (tokens - 1, now)

    def _forget_full_buckets(self, now: float) -> None:
        # A bucket refilled to capacity holds no information; dropping it bounds memory.
        full = [
            c
            for c, (t, last) in self._buckets.items()
            if t + (now - last) * self._rate >= self._capacity
        ]
        for client in full or list(self._buckets)[: len(self._buckets) // 2]:
            del self._buckets[client]


@dataclass(frozen=True, slots=True)
class RateLimits:
    """The limiters of every front door, built once and shared by the API, the web and the bot.

    Every caller of a public endpoint has a bucket: anonymous callers per client address,
    token holders per user (a partner with many tokens gets one bucket, not one per token).
    """

    checks: RateLimiter  # single public checks per anonymous client address
    reports: RateLimiter  # public report submissions per anonymous client address
    batches: RateLimiter  # batch checks per user
    user_checks: RateLimiter  # single checks per user
    user_reports: RateLimiter  # report submissions per user

    @classmethod
    def per_minute(
        cls, *, checks: int, reports: int, batches: int, user_checks: int, user_reports: int
    ) -> RateLimits:
        """Limiters allowing the given numbers per minute."""
        return cls(
            RateLimiter(checks),
            RateLimiter(reports),
            RateLimiter(batches),
            RateLimiter(user_checks),
            RateLimiter(user_reports),
        )

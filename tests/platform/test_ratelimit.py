import pytest

from cyberpol.kernel.errors import RateLimited
from cyberpol.platform.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_refill_per_client() -> None:
    clock = Clock()
    limiter = RateLimiter(6, clock=clock)
    for _ in range(6):
        limiter.hit("10.0.0.1")
    with pytest.raises(RateLimited) as raised:
        limiter.hit("10.0.0.1")
    assert raised.value.retry_after == 10  # one token every 10 s at 6/min
    limiter.hit("10.0.0.2")  # another client is not affected
    clock.now += 10
    limiter.hit("10.0.0.1")


def test_memory_stays_bounded() -> None:
    clock = Clock()
    limiter = RateLimiter(60, clock=clock, max_clients=100)
    for n in range(1000):
        limiter.hit(f"client-{n}")
        clock.now += 0.001
    assert len(limiter._buckets) <= 100

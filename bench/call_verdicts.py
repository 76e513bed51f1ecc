"""Call verdicts: calls judged per second in process, and over HTTP at a fixed rate.

    python bench/call_verdicts.py [--calls 1000000] [--rate 1000] [--seconds 10]

Sets up a database with 100,000 confirmed or blocked phone numbers in the registry, 1,000
protected numbers, 20,000 subscribers abroad and 5,000 SIM-box numbers, then:

* in process, on one core: the rules alone (``judge``) and the whole use case
  (``TelecomService.verdicts``: checks, lists, blocks counted in the database) over
  ``--calls`` calls in batches of 10,000, against a plain dict lookup of each caller (the
  baseline: the least a verdict could cost in Python). Target: >= 100,000 calls/s.
* over HTTP, `cyberpol serve` (uvicorn, one process) driven open-loop from one client process
  with single-call POSTs at ``--rate`` per second (latency counts from the scheduled send),
  and the batch form for higher rates. Target: p99 under 20 ms at 1,000 calls/s.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from cyberpol.bootstrap import bootstrap
from cyberpol.config import Settings
from cyberpol.kernel.access import CONSOLE, Actor, Role
from cyberpol.telecom.domain.records import TrunkKind
from cyberpol.telecom.domain.verdicts import CallAttempt, CallerLists, judge
from http_check import free_port, percentile

SECRET = "bench-secret-0123456789-0123456789-0123456789"
BATCH = 10_000


MOBILE = ("700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778")


def _number(rng: random.Random) -> str:
    return f"+7{rng.choice(MOBILE)}{rng.randrange(10**7):07d}"


def prepare(data: Path, rng: random.Random) -> tuple[list[str], list[str]]:
    """Registry numbers (imported at the console) and roaming subscribers."""
    registry = [_number(rng) for _ in range(100_000)]
    source = data / "numbers.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["value", "kind", "status", "category", "blocked_by"])
        for i, number in enumerate(registry):
            blocked = i % 4 == 0
            writer.writerow([number, "phone", "blocked" if blocked else "confirmed",
                             "fake_bank_call", "operator" if blocked else ""])  # fmt: skip
    env = {**os.environ, "CYBERPOL_DATA_DIR": str(data), "CYBERPOL_SECRET_KEY": SECRET}
    subprocess.run([sys.executable, "-m", "cyberpol", "import", "indicators", str(source)],
                   env=env, check=True, capture_output=True)  # fmt: skip
    return registry, [_number(rng) for _ in range(20_000)]


def traffic(
    rng: random.Random, n: int, registry: list[str], abroad: list[str]
) -> list[CallAttempt]:
    """Mostly ordinary calls; some spoofed, some from subscribers abroad, some reported."""
    callers = [_number(rng) for _ in range(200_000)]
    out = []
    for _ in range(n):
        draw = rng.random()
        if draw < 0.05:
            caller, trunk = rng.choice(registry), TrunkKind.NATIONAL
        elif draw < 0.10:
            caller, trunk = rng.choice(abroad), TrunkKind.INTERNATIONAL
        elif draw < 0.15:
            caller, trunk = rng.choice(callers), TrunkKind.INTERNATIONAL  # spoofed
        elif draw < 0.20:
            caller, trunk = f"+90532{rng.randrange(10**7):07d}", TrunkKind.INTERNATIONAL
        else:
            caller, trunk = rng.choice(callers), TrunkKind.LOCAL
        out.append(CallAttempt(caller, _number(rng), trunk, "TR-1", "TR"))
    return out


def in_process(
    data: Path, calls: list[CallAttempt], registry: list[str], abroad: list[str]
) -> None:
    runtime = bootstrap(Settings(_env_file=None, data_dir=data, secret_key=SECRET))
    telecom = runtime.telecom
    telecom.connect_operator(actor=CONSOLE, code="KCELL", name="Kcell")
    kcell = Actor("kcell", Role.OPERATOR, organisation="KCELL")
    for start in range(0, len(abroad), 10_000):
        telecom.set_roaming(actor=kcell, numbers=abroad[start : start + 10_000], roaming=True)
    protected = [f"+7727{2000000 + i:07d}" for i in range(1000)]
    telecom.protect(actor=CONSOLE, numbers=protected, label="bench")
    lists, roaming = telecom.book.current()
    simbox = frozenset(_number(random.Random(9)) for _ in range(5000))
    lists = CallerLists(lists.protected, lists.registry_blocked, lists.registry_confirmed, simbox)
    table = {n: True for n in registry} | {n: True for n in abroad}

    started = time.perf_counter()
    looked = [table.get(c.calling_number) for c in calls]
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    verdicts = judge(calls, lists, roaming)
    rules = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(0, len(calls), BATCH):
        telecom.verdicts(actor=kcell, calls=calls[start : start + BATCH])
    whole = time.perf_counter() - started
    blocked = sum(v.verdict.value == "block" for v in verdicts)
    n = len(calls)
    print(f"in process, {n:,} calls ({blocked:,} blocked), {len(looked):,} dict lookups:")
    print(f"  dict lookup (baseline) {n / baseline:12,.0f} calls/s")
    print(f"  rules (judge)          {n / rules:12,.0f} calls/s  ratio to baseline "
          f"{rules / baseline:.1f}")  # fmt: skip
    print(f"  use case (verdicts)    {n / whole:12,.0f} calls/s  ratio to baseline "
          f"{whole / baseline:.1f}   target >= 100,000 calls/s")  # fmt: skip
    runtime.close_exchange()


async def _post_loop(host: str, port: int, token: str, bodies: list[bytes], rate: float,
                     seconds: float, connections: int = 32) -> tuple[list[float], int]:  # fmt: skip
    """Open loop: POSTs leave on a fixed schedule; latency counts from the schedule."""
    start = time.perf_counter() + 0.2
    work: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()
    for i in range(int(rate * seconds)):
        work.put_nowait((start + i / rate, bodies[i % len(bodies)]))
    latencies: list[float] = []
    failures = 0

    async def connection() -> None:
        nonlocal failures
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while not work.empty():
                due, body = work.get_nowait()
                if (delay := due - time.perf_counter()) > 0:
                    await asyncio.sleep(delay)
                writer.write(
                    f"POST /api/v1/calls/verdict HTTP/1.1\r\nHost: {host}\r\nAuthorization: "
                    f"Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: "
                    f"{len(body)}\r\n\r\n".encode()
                    + body
                )
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                await reader.readexactly(length)
                failures += not head.startswith(b"HTTP/1.1 200")
                latencies.append(time.perf_counter() - due)
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(connections)))
    return latencies, failures


def over_http(data: Path, calls: list[CallAttempt], rate: float, seconds: float) -> None:
    env = {**os.environ, "CYBERPOL_DATA_DIR": str(data), "CYBERPOL_SECRET_KEY": SECRET}
    token = json.loads(subprocess.run(
        [sys.executable, "-m", "cyberpol", "operators", "token", "KCELL"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout)["token"]  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "cyberpol", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)

        def body(c: CallAttempt) -> dict[str, str]:
            return {"calling_number": c.calling_number, "called_number": c.called_number,
                    "trunk_kind": c.trunk_kind.value, "trunk_group": c.trunk_group,
                    "origin_country": c.origin_country}  # fmt: skip

        singles = [json.dumps(body(c)).encode() for c in calls[:20_000]]
        asyncio.run(_post_loop("127.0.0.1", port, token, singles, rate, 2))  # warm-up
        latencies, failures = asyncio.run(
            _post_loop("127.0.0.1", port, token, singles, rate, seconds)
        )
        print(f"over HTTP, single calls at {rate:,.0f}/s for {seconds:.0f} s: p50 "
              f"{percentile(latencies, 50) * 1000:.2f} ms  p99 "
              f"{percentile(latencies, 99) * 1000:.2f} ms  non-200 {failures}   "
              "target p99 < 20 ms")  # fmt: skip
        batch = json.dumps({"calls": [body(c) for c in calls[:1000]]}).encode()
        started = time.perf_counter()
        latencies, failures = asyncio.run(_post_loop("127.0.0.1", port, token, [batch], 60, 5, 4))
        took = time.perf_counter() - started - 0.2
        print(f"over HTTP, batches of 1,000 at 60/s: {len(latencies) * 1000 / took:,.0f} calls/s, "
              f"p99 {percentile(latencies, 99) * 1000:.1f} ms per batch, "
              f"non-200 {failures}")  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--rate", type=float, default=1000)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory(prefix="cyberpol-verdicts-") as folder:
        data = Path(folder)
        registry, abroad = prepare(data, rng)
        calls = traffic(rng, args.calls, registry, abroad)
        in_process(data, calls, registry, abroad)
        over_http(data, calls, args.rate, args.seconds)


if __name__ == "__main__":
    main()

"""HTTP single check: latency at a fixed 500 requests/s, and the most requests/s, on loopback.

    python bench/http_check.py [--indicators 200000] [--rate 500] [--seconds 10]

Starts `cyberpol serve` (uvicorn, one process) on 127.0.0.1 with a registry of synthetic
indicators, then drives GET /api/v1/indicators/check with an open-loop load generator:
requests leave on a fixed schedule and latency counts from the scheduled time, so a slow
server cannot hide its queueing. The baseline, measured the same way in the same run, is
GET /healthz (framework plus one database round trip): the ratio shows what a check costs
on top. Target: p99 under 10 ms at 500 requests/s. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from cyberpol.synth.reports import synthetic_indicators, typed_check_values


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(data_dir: Path, indicators: int) -> tuple[subprocess.Popen[bytes], str, list[str]]:
    env = {
        **os.environ,
        "CYBERPOL_DATA_DIR": str(data_dir),
        "CYBERPOL_PUBLIC_CHECK_RATE": "100000000",
        "CYBERPOL_SECRET_KEY": "bench-secret-0123456789-0123456789-0123456789",
    }
    source = data_dir / "known-bad.csv"
    values = []
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["value", "kind", "status", "category", "blocked_by"])
        writer.writeheader()
        for row in synthetic_indicators(indicators, seed=21):
            writer.writerow(row)
            values.append(row["value"])
    subprocess.run(
        [sys.executable, "-m", "cyberpol", "import", "indicators", str(source)],
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "cyberpol", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return server, base, values
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("server did not start")


async def _connection(
    host: str,
    port: int,
    work: asyncio.Queue[tuple[float | None, str]],
    latencies: list[float],
    failures: list[int],
    stop_at: float | None = None,
) -> None:
    """One keep-alive connection sending GETs; raw HTTP/1.1 so the client stays cheap."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while not work.empty():
            due, path = work.get_nowait()
            if stop_at is not None and time.perf_counter() > stop_at:
                break
            if due is not None and (delay := due - time.perf_counter()) > 0:
                await asyncio.sleep(delay)
            sent = due if due is not None else time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            await reader.readexactly(length)
            if not head.startswith(b"HTTP/1.1 200"):
                failures.append(1)
            latencies.append(time.perf_counter() - sent)
    finally:
        writer.close()


async def open_loop(
    host: str, port: int, paths: list[str], rate: float, seconds: float, connections: int = 64
) -> tuple[list[float], int]:
    """Requests scheduled at a fixed rate; latency counts from the scheduled time."""
    work: asyncio.Queue[tuple[float | None, str]] = asyncio.Queue()
    start = time.perf_counter() + 0.2
    for i in range(int(rate * seconds)):
        work.put_nowait((start + i / rate, paths[i % len(paths)]))
    latencies: list[float] = []
    failures: list[int] = []
    await asyncio.gather(
        *(_connection(host, port, work, latencies, failures) for _ in range(connections))
    )
    return latencies, len(failures)


async def closed_loop(
    host: str, port: int, paths: list[str], connections: int, seconds: float
) -> int:
    """As many requests as the server answers on ``connections`` busy connections."""
    work: asyncio.Queue[tuple[float | None, str]] = asyncio.Queue()
    for i in range(1_000_000):
        work.put_nowait((None, paths[i % len(paths)]))
    latencies: list[float] = []
    await asyncio.gather(
        *(
            _connection(host, port, work, latencies, [], time.perf_counter() + seconds)
            for _ in range(connections)
        )
    )
    return len(latencies)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000)[int(q * 10) - 1] if len(values) > 1 else values[0]


async def measure(base: str, values: list[str], rate: float, seconds: float) -> None:
    rng = random.Random(3)
    known = rng.sample(values, 2000)
    mixed = known + typed_check_values(2000, seed=4)
    rng.shuffle(mixed)
    url = httpx.URL(base)
    host, port = url.host, url.port or 80
    checks = [
        httpx.URL("/api/v1/indicators/check", params={"value": v}).raw_path.decode() for v in mixed
    ]
    await open_loop(host, port, checks, rate, 2)  # warm-up
    results = {}
    for name, paths in (("check", checks), ("healthz", ["/healthz"])):
        latencies, failures = await open_loop(host, port, paths, rate, seconds)
        results[name] = (percentile(latencies, 50), percentile(latencies, 99), failures)
    most = await closed_loop(host, port, checks, 16, 5) / 5
    for name, (p50, p99, failures) in results.items():
        print(
            f"GET {name:<8} at {rate:.0f} req/s: p50 {p50 * 1000:6.2f} ms  "
            f"p99 {p99 * 1000:6.2f} ms  non-200 {failures}"
        )
    check, floor = results["check"], results["healthz"]
    print(f"ratio check/healthz: p50 {check[0] / floor[0]:.2f}  p99 {check[1] / floor[1]:.2f}")
    print(f"most single checks per second (16 connections, one server process): {most:,.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=200_000)
    parser.add_argument("--rate", type=float, default=500)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cyberpol-http-") as folder:
        server, base, values = start_server(Path(folder), args.indicators)
        try:
            print(f"registry of {args.indicators:,} synthetic indicators, server {base}")
            asyncio.run(measure(base, values, args.rate, args.seconds))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()

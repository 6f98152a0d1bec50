"""Load on `outline-extractor serve`: concurrent clients posting the seed speech, on loopback only.

    python benchmarks/serve_load.py [--clients 50] [--seconds 30] [--max-requests 100000]

Starts the server itself on 127.0.0.1 (a free port), waits for /healthz, then each client
posts the seed speech (../shared/seeds/000_*.txt, else fixtures/county_speech.txt) to /v1/parse
over one keep-alive connection, again and again, until the time or the request budget is spent.
Every answer must be 200 and byte-equal to the library's own JSON for that text. Prints
throughput and p50/p99 latency, stops the server, and exits 1 if any request was lost or wrong.
The client is plain asyncio streams (no HTTP library) so it takes as little CPU from the server
as possible on this 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from outline_extractor import parse_bytes, render  # noqa: E402

HOST = "127.0.0.1"  # loopback only, never another address


def seed_path() -> Path:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("000_*.txt"))
    return seeds[0] if seeds else ROOT / "fixtures" / "county_speech.txt"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(port: int) -> tuple[subprocess.Popen, float]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "outline_extractor", "serve", "--host", HOST, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while time.perf_counter() - started < 30:
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=1).read()
            return process, time.perf_counter() - started
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.02)
    process.terminate()
    raise SystemExit("the server did not start")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    sent: int = 0


async def client(port: int, request: bytes, expected: bytes, deadline: float, budget: list[int], tally: Tally):
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            tally.sent += 1
            began = time.perf_counter()
            try:
                status, body = await exchange(reader, writer, request)
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                tally.wrong.append(f"connection: {exc!r}")
                return
            tally.latencies.append(time.perf_counter() - began)
            if status != 200:
                tally.wrong.append(f"status {status}: {body[:200]!r}")
            elif body != expected:
                tally.wrong.append("answer differs from the library's JSON")
    finally:
        writer.close()


async def exchange(reader, writer, request: bytes) -> tuple[int, bytes]:
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(line.split(":", 1)[1]) for line in lines[1:] if line.lower().startswith("content-length:"))
    return status, await reader.readexactly(length)


def http_request(port: int, body: bytes) -> bytes:
    head = (
        f"POST /v1/parse HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    )
    return head.encode("ascii") + body


async def load(port: int, clients: int, seconds: float, max_requests: int, body: bytes, expected: bytes) -> Tally:
    tally = Tally()
    budget = [max_requests]
    deadline = time.perf_counter() + seconds
    request = http_request(port, body)
    await asyncio.gather(*(client(port, request, expected, deadline, budget, tally) for _ in range(clients)))
    return tally


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--clients", type=int, default=50)
    options.add_argument("--seconds", type=float, default=30.0)
    options.add_argument("--max-requests", type=int, default=100_000)
    args = options.parse_args()

    path = seed_path()
    body = path.read_bytes()
    expected = render(parse_bytes(body), "json", indent=None).encode("utf-8")
    port = free_port()
    server, start_seconds = start_server(port)
    try:
        began = time.perf_counter()
        tally = asyncio.run(load(port, args.clients, args.seconds, args.max_requests, body, expected))
        elapsed = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=30)

    answered = len(tally.latencies)
    print(f"document: {path.name} ({len(body)} bytes); server ready in {start_seconds:.2f} s")
    print(f"{args.clients} clients, {elapsed:.1f} s: {tally.sent} requests sent, {answered} answered")
    if answered:
        print(
            f"throughput {answered / elapsed:.0f} requests/s; latency p50 {percentile(tally.latencies, 0.5) * 1000:.0f} ms, "
            f"p99 {percentile(tally.latencies, 0.99) * 1000:.0f} ms, "
            f"mean {statistics.fmean(tally.latencies) * 1000:.0f} ms"
        )
    lost = tally.sent - answered
    print(f"lost {lost}, wrong {len(tally.wrong)}")
    for problem in tally.wrong[:5]:
        print(f"  {problem}")
    return 1 if lost or tally.wrong else 0


if __name__ == "__main__":
    sys.exit(main())

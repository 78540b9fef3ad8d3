#!/usr/bin/env python3
"""Open-loop load at a fixed rate, for bench/load: requests are sent on a schedule (rate per
second) whatever the server's answers, and each latency is counted from the moment its request
was due, so a slow answer that delays the next ones shows in their figures too (no
"coordinated omission", which a closed loop like wrk's hides). Standard library only.

  rate.py get URL --rate 1000 --seconds 10 [--connections 64]
  rate.py book BASE_URL SLOTS_FILE --rate 200 --seconds 10
      SLOTS_FILE: "<service_id> <practitioner_id> <start UTC>" a line, as bench/load writes it;
      each request books another line (a new patient each), in a shuffled order.

Prints one line: sent answered rate/s p50 p90 p99 max (milliseconds) and the status counts.
"""

import argparse
import asyncio
import json
import random
import sys
import time
from urllib.parse import urlsplit


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["get", "book"])
    parser.add_argument("url")
    parser.add_argument("slots", nargs="?")
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--accept-encoding", default="gzip, deflate, br, zstd")
    return parser.parse_args()


def requests_for(args, host):
    """Yields (method, path, body) forever."""
    if args.mode == "get":
        split = urlsplit(args.url)
        path = split.path + ("?" + split.query if split.query else "")
        while True:
            yield "GET", path, b""
    slots = []
    with open(args.slots) as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3:
                slots.append((int(parts[0]), int(parts[1]), parts[2]))
    random.shuffle(slots)
    path = urlsplit(args.url).path.rstrip("/") + "/api/clinics/demo/appointments"
    for number, (service, practitioner, start) in enumerate(slots * 100):
        body = {
            "service_id": service,
            "practitioner_id": practitioner,
            "start": start,
            "patient": {
                "name": f"Rate Bench {number}",
                "email": f"rate{number}@example.org",
                "language": "en",
                "new_or_returning": "new",
                "consent": True,
            },
        }
        yield "POST", path, json.dumps(body).encode()


async def read_answer(reader):
    """Reads one HTTP/1.1 answer; returns its status code."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def main():
    args = parse_args()
    split = urlsplit(args.url)
    host, port = split.hostname, split.port or 80
    source = requests_for(args, split.netloc)
    total = int(args.rate * args.seconds)
    queue = asyncio.Queue()
    latencies, statuses = [], {}
    start = time.perf_counter() + 0.2

    async def worker():
        reader = writer = None
        while True:
            item = await queue.get()
            if item is None:
                break
            due, (method, path, body) = item
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            request = (
                f"{method} {path} HTTP/1.1\r\nHost: {split.netloc}\r\n"
                f"Accept-Encoding: {args.accept_encoding}\r\nOrigin: {split.scheme}://{split.netloc}\r\n"
                + (f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n" if body else "")
                + "\r\n"
            ).encode() + body
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                writer.write(request)
                await writer.drain()
                status = await read_answer(reader)
            except (ConnectionError, OSError, ValueError, asyncio.IncompleteReadError):
                status = "error"
                if writer is not None:
                    writer.close()
                reader = writer = None
            latencies.append(time.perf_counter() - due)
            statuses[status] = statuses.get(status, 0) + 1

    workers = [asyncio.create_task(worker()) for _ in range(args.connections)]
    for number in range(total):
        due = start + number / args.rate
        # Feed the queue a little ahead of time, never all at once (memory, fairness).
        while due - time.perf_counter() > 0.05:
            await asyncio.sleep(0.01)
        await queue.put((due, next(source)))
    for _ in workers:
        await queue.put(None)
    await asyncio.gather(*workers)
    elapsed = time.perf_counter() - start

    latencies.sort()

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000

    counts = " ".join(f"{status}:{count}" for status, count in sorted(statuses.items(), key=str))
    print(
        f"{total} {len(latencies)} {len(latencies) / elapsed:.0f} "
        f"{percentile(0.50):.1f} {percentile(0.90):.1f} {percentile(0.99):.1f} "
        f"{latencies[-1] * 1000:.1f} {counts}"
    )


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)

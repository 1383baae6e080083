"""Throughput and latency of ``msglint serve``, beside in-process ``Linter.lint`` on the same messages.

    pip install -e '.[server]' && python benchmarks/bench_server.py [--requests 3000] [--rounds 5]

Messages are the project's corpora (corpora/*.jsonl) made unique with a counter, as real traffic
is, and every row checks the same ones. Each server row is a server process of its own on a free
port of 127.0.0.1, all started before measuring; the messages are sent in rounds, each round to
every row in turn, so that a change in the machine's load during the run falls on every row alike.
The client is this process: one thread per connection, each with one keep-alive HTTP/1.1
connection (``http.client``); on a small machine it takes CPU the server would otherwise have, and
the last column says how much (100% is one core). Latency is the client's, from sending a request
to reading its answer.

Rows: in-process ``Linter.lint`` one by one; one and two workers as they run by default (a message
of up to 2,000 characters checked on the event loop, a longer one in a thread), with every message
in a thread, and with every message on the event loop; one connection (latency without queueing);
the access log's cost; ``/v1/check/batch`` with 100 messages a request.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from corpus_texts import unique_messages

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
WARM_UP = 200
TIMEOUT = 60.0

#: Checks a round of messages: (seconds, latency of each request in ms, errors).
Check = Callable[[list[str]], tuple[float, list[float], int]]


# --- a server -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


class Server:
    """A ``msglint serve`` with the given options in its own process, started at once; stop() ends it."""

    def __init__(self, **options: object) -> None:
        self.port = free_port()
        self.options = {"port": self.port, "access_log": False, **options}
        self.workers = int(options.get("workers", 1))  # type: ignore[call-overload]
        code = (
            "import sys; from msglint.server import ServerOptions, serve; "
            "serve(ServerOptions.model_validate_json(sys.argv[1]))"
        )
        self.log = Path(tempfile.mkstemp(suffix=".log")[1])
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", code, json.dumps(self.options)],
                cwd=tempfile.gettempdir(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_ready(self) -> None:
        """Every worker has built its Linter, and the server answers."""
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"the server exited:\n{self.log.read_text()}")
            if self.log.read_text().count(", ready in ") >= self.workers:
                try:
                    connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=5)
                    connection.request("GET", "/v1/health")
                    if connection.getresponse().status == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.2)
        self.stop()
        sys.exit(f"the server was not ready in time:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.unlink(missing_ok=True)


def load(port: int, bodies: list[bytes], path: str, connections: int) -> tuple[float, list[float], int]:
    """Send every body once over ``connections`` keep-alive connections; (seconds, latencies, errors)."""
    shares = [bodies[n::connections] for n in range(connections)]
    latencies: list[list[float]] = [[] for _ in shares]
    errors = [0] * connections

    def send(n: int) -> None:
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=TIMEOUT)
        for body in shares[n]:
            begun = time.perf_counter()
            connection.request("POST", path, body=body, headers={"content-type": "application/json"})
            response = connection.getresponse()
            response.read()
            latencies[n].append((time.perf_counter() - begun) * 1000)
            errors[n] += response.status != 200

    threads = [threading.Thread(target=send, args=(n,)) for n in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, [t for share in latencies for t in share], sum(errors)


def check_bodies(texts: list[str]) -> list[bytes]:
    return [json.dumps({"message": text}).encode("utf-8") for text in texts]


def batch_bodies(texts: list[str], size: int) -> list[bytes]:
    return [json.dumps({"messages": texts[i : i + size]}).encode("utf-8") for i in range(0, len(texts), size)]


@dataclass
class Measured:
    """One row: what it is, how it checks a round of messages, and what it measured so far."""

    what: str
    check: Check
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # of this process: the client's, or in-process linting's
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    messages: int = 0

    def run(self, texts: list[str]) -> None:
        cpu = time.process_time()
        seconds, latencies, errors = self.check(texts)
        self.cpu_seconds += time.process_time() - cpu
        self.seconds += seconds
        self.latencies_ms += latencies
        self.errors += errors
        self.messages += len(texts)

    @property
    def per_second(self) -> float:
        return self.messages / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, int(len(ordered) * share) - 1)]


def in_process() -> Check:
    import msglint

    linter = msglint.Linter()

    def check(texts: list[str]) -> tuple[float, list[float], int]:
        times = []
        started = time.perf_counter()
        for text in texts:
            begun = time.perf_counter()
            linter.lint(text)
            times.append((time.perf_counter() - begun) * 1000)
        return time.perf_counter() - started, times, 0

    return check


def over_http(server: Server, connections: int, batch: int = 0) -> Check:
    path = "/v1/check/batch" if batch else "/v1/check"

    def check(texts: list[str]) -> tuple[float, list[float], int]:
        bodies = batch_bodies(texts, batch) if batch else check_bodies(texts)
        return load(server.port, bodies, path, connections)

    return check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000, help="unique messages each row checks")
    parser.add_argument("--rounds", type=int, default=5, help="rounds the messages are sent in, to every row")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections of the loaded rows")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    messages = unique_messages(args.requests)
    warm_up = unique_messages(WARM_UP, start=args.requests)
    c = args.connections
    print(f"{len(messages):,} unique corpus messages per row, in {args.rounds} rounds; {os.cpu_count()} cores")

    threaded, inline = {"inline_chars": 0}, {"inline_chars": 10**9}
    served: list[tuple[str, dict[str, object], int, int]] = []  # (what, server options, connections, batch)
    for workers in (1, 2):
        label = f"{workers} worker{'s' * (workers > 1)}"
        served += [
            (f"{label}, 1 connection", {"workers": workers}, 1, 0),
            (f"{label}, {c} connections", {"workers": workers}, c, 0),
            (f"{label}, {c} connections, every message in a thread", {"workers": workers, **threaded}, c, 0),
            (f"{label}, {c} connections, every message on the event loop", {"workers": workers, **inline}, c, 0),
            (f"{label}, {c} connections, access log on", {"workers": workers, "access_log": True}, c, 0),
            (f"{label}, batches of 100, 2 connections (latency per batch)", {"workers": workers}, 2, 100),
        ]
    # A server per row: a server that had seen a round's messages in another row would check them
    # again with warm caches.
    servers = [Server(**options) for _, options, _, _ in served]
    try:
        for started in servers:
            started.wait_until_ready()
        rows = [Measured("in-process Linter.lint, one by one", in_process())]
        rows += [
            Measured(what, over_http(server, connections, batch))
            for (what, _, connections, batch), server in zip(served, servers, strict=True)
        ]
        for row in rows:
            row.check(warm_up)
        size = -(-len(messages) // args.rounds)
        for number in range(args.rounds):
            batch = messages[number * size : (number + 1) * size]
            for row in rows:
                row.run(batch)
            print(f"  round {number + 1} of {args.rounds} done", file=sys.stderr)
    finally:
        for started in servers:
            started.stop()

    print()
    print("| what | messages/s | p50 ms | p99 ms | errors | this process's CPU |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row.what} | {row.per_second:,.0f} | {row.percentile(0.5):.2f} | {row.percentile(0.99):.2f} | "
            f"{row.errors} | {row.cpu_seconds / row.seconds:.0%} |"
        )
    if args.json:
        figures = [
            {
                "what": row.what,
                "messages_per_s": row.per_second,
                "p50_ms": row.percentile(0.5),
                "p99_ms": row.percentile(0.99),
                "errors": row.errors,
                "process_cpu_share": row.cpu_seconds / row.seconds,
            }
            for row in rows
        ]
        args.json.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()

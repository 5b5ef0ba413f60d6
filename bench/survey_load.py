"""Load benchmark of the survey pages on the production server (`sanding serve`, gunicorn gthread).

Starts the server on 127.0.0.1 with a county round of 40 departments and
many raters and a public round, then runs concurrent clients (several
processes × threads, http.client with keep-alive, loopback only, bounded in
count and time):

1. ceilings: GET /healthz, a trivial endpoint of the same server, on keep-alive
   connections and on a new connection per two requests;
2. county: complete ratings (GET /r/<token>, POST all 40 ratings);
3. public: answers (GET /s/<key>/<department>, POST one answer).

Phases 2 and 3 then run again for half as long while one worker is killed
with SIGKILL midway. Afterwards it counts acknowledged submissions (303 / 200
received) missing from the database (must be 0) and checks the database's
integrity. During each phase it samples the size of the WAL, which holds
the latest submissions until the checkpointer truncates it (back-to-back).
Each simulated phone opens a new connection for its two requests,
so besides the keep-alive ceiling it measures /healthz with that same
connection pattern and prints the ratio to both. Since the clients share the
machine, each phase also prints the CPU time per request of the server and of
the clients.

    .venv/bin/python bench/survey_load.py [--seconds 10] [--processes 3] [--threads 6]
"""
from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import multiprocessing
import os
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
LABELS = ["好", "较好", "一般", "差", "不了解"]
PUBLIC_LABELS = ["非常满意", "满意", "基本满意", "不满意"]
GROUPS = ["企业", "群众", "基层单位", "其他"]
RATERS_PER_ROUND = 4800


class Client:
    """One keep-alive connection with its own cookies (one simulated phone)."""

    def __init__(self, port: int):
        self.port, self.conn, self.cookies = port, None, {}

    def request(self, method: str, path: str, data: dict | str | None = None) -> tuple[int, str]:
        """`data`: form fields, or a body already urlencoded."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = data if isinstance(data, str) else urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if method == "POST" or attempt:  # a POST is never blindly repeated
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, text


def _quote(path: str) -> str:
    return urllib.parse.quote(path, safe="/")


def _worker(kind: str, port: int, items: list, departments: list[str], public_round: str,
            threads: int, deadline: float, out) -> None:
    """One client process: `threads` threads working through `items` until the deadline."""
    cpu_start = time.process_time()
    lock = threading.Lock()
    queue = list(items)
    # A county POST's body, urlencoded as urllib would, from parts encoded once: the phones
    # share the server's CPUs, and encoding 40 names per rating cost them 0.1 ms each time.
    names = [urllib.parse.quote_plus(f"r:{d}") for d in departments]
    labels = [urllib.parse.quote_plus(label) for label in LABELS]
    latencies, acked, errors = [], [], {}

    def timed(client, method, path, data=None):
        start = time.perf_counter()
        status, text = client.request(method, path, data)
        latencies.append(time.perf_counter() - start)
        return status, text

    def run():
        while time.time() < deadline:
            with lock:
                if not queue:
                    return
                item = queue.pop()
            client = Client(port)
            try:
                if kind == "ceiling":  # one keep-alive connection for the whole phase
                    while time.time() < deadline:
                        status, _ = timed(client, "GET", "/healthz")
                        if status == 200:
                            acked.append(1)
                    return
                if kind == "phone-ceiling":  # like a phone: a new connection, two requests
                    for _ in range(2):
                        status, _ = timed(client, "GET", "/healthz")
                    acked.append(item)
                    continue
                if kind == "county":
                    path = f"/r/{item}"
                    status, page = timed(client, "GET", path)
                    if status != 200:
                        errors[f"GET {status}"] = errors.get(f"GET {status}", 0) + 1
                        continue
                    shift = hash(item)
                    body = "&".join(f"{name}={labels[(shift + i) % 5]}" for i, name in enumerate(names))
                    body += "&action=submit&csrf_token=" + urllib.parse.quote_plus(CSRF.search(page).group(1))
                    status, _ = timed(client, "POST", path, body)
                    if status == 303:
                        acked.append(item)
                    else:
                        errors[f"POST {status}"] = errors.get(f"POST {status}", 0) + 1
                else:
                    department = departments[item % len(departments)]
                    path = _quote(f"/s/{public_round}/{department}")
                    status, page = timed(client, "GET", path)
                    if status != 200:
                        errors[f"GET {status}"] = errors.get(f"GET {status}", 0) + 1
                        continue
                    data = {"group": GROUPS[item % 4], "label": PUBLIC_LABELS[item % 4],
                            "csrf_token": CSRF.search(page).group(1)}
                    status, _ = timed(client, "POST", path, data)
                    if status == 200:
                        acked.append(item)
                    else:
                        errors[f"POST {status}"] = errors.get(f"POST {status}", 0) + 1
            except (OSError, http.client.HTTPException) as error:
                name = type(error).__name__
                errors[name] = errors.get(name, 0) + 1

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    out.put({"latencies": latencies, "acked": acked, "errors": errors, "cpu": time.process_time() - cpu_start})


class WalSampler:
    """The WAL's size every 20 ms during a phase: how many submissions it holds
    before the checkpointer truncates it (back-to-back)."""

    def __init__(self, wal: Path):
        self.wal, self.sizes, self._stop, self.emptied_after = wal, [], threading.Event(), None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.sizes.append(self._size())
            time.sleep(0.02)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop sampling, then wait (≤ 5 s) for the checkpointer to empty the WAL."""
        self._stop.set()
        self._thread.join()
        start = time.perf_counter()
        while self._size() and time.perf_counter() - start < 5:
            time.sleep(0.001)
        self.emptied_after = time.perf_counter() - start if not self._size() else None

    def _size(self) -> int:
        try:
            return self.wal.stat().st_size
        except FileNotFoundError:
            return 0

    def summary(self) -> str:
        sizes = sorted(self.sizes) or [0]
        kib = [sizes[len(sizes) // 2] / 1024, sizes[len(sizes) * 9 // 10] / 1024, sizes[-1] / 1024]
        empty = sum(1 for size in sizes if size == 0) / len(sizes)
        emptied = (f"{self.emptied_after * 1000:.0f} ms" if self.emptied_after is not None
                   else "not within 5 s")
        return (f"WAL median {kib[0]:,.0f} KiB, p90 {kib[1]:,.0f} KiB, max {kib[2]:,.0f} KiB, "
                f"empty {empty:.0%} of the phase; emptied {emptied} after the clients stopped")


def _phase(kind: str, port: int, items: list, departments, public_round, processes: int, threads: int,
           seconds: float, server: int, kill_midway: bool = False, wal: Path | None = None) -> dict:
    sampler = WalSampler(wal) if wal else None
    if sampler:
        sampler.start()
    out = multiprocessing.Queue()
    cpu_before = _cpu_times()
    server_before = _process_cpu([server, *_children(server)])
    start = time.time()
    deadline = start + seconds
    chunks = [items[i::processes] for i in range(processes)]
    workers = [multiprocessing.Process(target=_worker, args=(kind, port, chunk, departments, public_round,
                                                             threads, deadline, out)) for chunk in chunks]
    for worker in workers:
        worker.start()
    killed = None
    if kill_midway:
        time.sleep(seconds / 2)
        children = _children(server)
        if children:
            killed = children[0]
            os.kill(killed, signal.SIGKILL)
    results = [out.get(timeout=seconds + 120) for _ in workers]
    for worker in workers:
        worker.join()
    if sampler:
        sampler.stop()
    elapsed = time.time() - start
    server_cpu = _process_cpu([server, *_children(server)]) - server_before
    busy, total = (after - before for after, before in zip(_cpu_times(), cpu_before))
    latencies = sorted(l for r in results for l in r["latencies"])
    errors: dict = {}
    for r in results:
        for key, value in r["errors"].items():
            errors[key] = errors.get(key, 0) + value
    return {"acked": [a for r in results for a in r["acked"]], "requests": len(latencies),
            "elapsed": elapsed, "errors": errors, "killed": killed, "cpu": busy / total if total else 0,
            "server_ms": 1000 * server_cpu / len(latencies) if latencies and not killed else None,
            "client_ms": 1000 * sum(r["cpu"] for r in results) / len(latencies) if latencies else None,
            "p50": statistics.median(latencies) * 1000 if latencies else None,
            "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else None,
            "wal": sampler.summary() if sampler else None}


def _cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs: idle and iowait are not busy."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values) - values[3] - values[4], sum(values)


def _cpu_split(phase: dict) -> str:
    """CPU time per request of the server and of the simulated phones, which share the machine."""
    server = f"server {phase['server_ms']:.2f}" if phase["server_ms"] is not None else "server ? (worker killed)"
    return f"(CPU ms per request: {server}, clients {phase['client_ms']:.2f})"


def _process_cpu(pids: list[int]) -> float:
    """User + system CPU seconds used so far by these processes (the server's master and workers)."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(child) for child in text]
    return found


def _wait_for_workers(pid: int, workers: int) -> None:
    """Until gunicorn has forked all its workers (the first answer may come from one alone)."""
    deadline = time.time() + 60
    while len(_children(pid)) < workers and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--processes", type=int, default=3, help="client processes")
    parser.add_argument("--threads", type=int, default=6, help="client threads per process")
    parser.add_argument("--raters", type=int, default=6 * RATERS_PER_ROUND,
                        help="county raters (enough that no client runs out of links)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server-threads", type=int, default=4)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="sanding-load-"))
    db_path = folder / "load.db"
    env = {**os.environ, "SANDING_DB": str(db_path), "SANDING_SECRET_KEY": "load-bench",
           "SANDING_PUBLIC_RATE_LIMIT": "1000000000"}  # all clients share 127.0.0.1
    command = [sys.executable, "-m", "webapp.cli"]
    departments = [f"示例市第{i:02d}局" for i in range(1, 41)]
    (folder / "d.txt").write_text("\n".join(departments), encoding="utf-8")
    rows = ["姓名,单位,组别,评议部门"] + [
        f"评议人{i},单位{i // 20},{'区市党政领导' if i % 3 else '对口部门'}," for i in range(RATERS_PER_ROUND)]
    (folder / "r.csv").write_text("\n".join(rows), encoding="utf-8")

    def create_round(kind: str, *extra: str) -> int:
        out = subprocess.run([*command, "round", "create", "--name", f"{kind}压测", "--kind", kind,
                              "--government", "示例市", "--departments", str(folder / "d.txt"), *extra],
                             env=env, capture_output=True, text=True, check=True, cwd=ROOT).stdout
        return json.loads(out)["round"]

    county_rounds = [create_round("county", "--raters", str(folder / "r.csv"))
                     for _ in range(-(-args.raters // RATERS_PER_ROUND))]  # an import takes ≤ 5000 raters
    public_round = create_round("public")
    tokens = []
    for round_id in county_rounds:
        links = subprocess.run([*command, "round", "tokens", str(round_id), "--csv"], env=env,
                               capture_output=True, text=True, check=True, cwd=ROOT).stdout.splitlines()
        tokens += [line.rsplit("/r/", 1)[1] for line in links]
    port = _free_port()
    server = subprocess.Popen([*command, "serve", "--port", str(port), "--workers", str(args.workers),
                               "--threads", str(args.server_threads)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while True:
            try:
                if Client(port).request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
            if time.time() > deadline:
                raise SystemExit("server did not start")
        clients = args.processes * args.threads
        print(f"server: gunicorn gthread, {args.workers} workers × {args.server_threads} threads; "
              f"clients: {args.processes} processes × {args.threads} threads; "
              f"{len(departments)} departments, {len(tokens)} raters; {os.cpu_count()} CPUs")
        _wait_for_workers(server.pid, args.workers)
        _phase("ceiling", port, list(range(clients)), departments, 0, args.processes, args.threads, 2,
               server.pid)  # warm-up
        ceiling = _phase("ceiling", port, list(range(clients)), departments, 0, args.processes,
                         args.threads, args.seconds, server.pid)
        ceiling_rps = ceiling["requests"] / ceiling["elapsed"]
        print(f"ceiling  GET /healthz, keep-alive:      {ceiling_rps:8.0f} req/s  p50 {ceiling['p50']:.1f} ms  "
              f"p99 {ceiling['p99']:.1f} ms  CPU {ceiling['cpu']:.0%}  {_cpu_split(ceiling)}")
        phone = _phase("phone-ceiling", port, list(range(10_000_000)), departments, 0, args.processes,
                       args.threads, args.seconds, server.pid)
        phone_rps = phone["requests"] / phone["elapsed"]
        print(f"ceiling  GET /healthz twice per connection: {phone_rps:8.0f} req/s  p50 {phone['p50']:.1f} ms  "
              f"p99 {phone['p99']:.1f} ms  CPU {phone['cpu']:.0%}  {_cpu_split(phone)}  "
              "(the connection pattern of the phases below)")
        with sqlite3.connect(db_path) as db:
            public_key = db.execute("SELECT public_key FROM rounds WHERE id = ?", [public_round]).fetchone()[0]
        split = len(tokens) * 2 // 3
        phases = {}
        for name, kind, items, seconds, kill in (
                ("county", "county", tokens[:split], args.seconds, False),
                ("public", "public", range(10_000_000), args.seconds, False),
                ("county, kill -9", "county", tokens[split:], args.seconds / 2, True),
                ("public, kill -9", "public", range(10_000_000, 20_000_000), args.seconds / 2, True)):
            phases[name] = _phase(kind, port, list(items), departments, public_key, args.processes,
                                  args.threads, seconds, server.pid, kill_midway=kill,
                                  wal=Path(f"{db_path}-wal"))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    conn = sqlite3.connect(db_path)
    used = {row[0] for row in conn.execute("SELECT token_hash FROM submissions")}
    county_acked = phases["county"]["acked"] + phases["county, kill -9"]["acked"]
    public_acked = phases["public"]["acked"] + phases["public, kill -9"]["acked"]
    missing_county = sum(1 for token in county_acked if hashlib.sha256(token.encode()).hexdigest() not in used)
    public_rows = conn.execute("SELECT count(*) FROM responses WHERE round_id = ?",
                               [public_round]).fetchone()[0]
    county_rows = conn.execute("SELECT count(*) FROM responses WHERE round_id != ?",
                               [public_round]).fetchone()[0]
    missing_public = max(0, len(public_acked) - public_rows)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    for name, phase in phases.items():
        unit = "complete ratings (40 departments)" if name.startswith("county") else "answers"
        rate = len(phase["acked"]) / phase["elapsed"]
        rps = phase["requests"] / phase["elapsed"]
        print(f"{name:16} {rate:6.1f} {unit}/s  ({rps:.0f} req/s; ratio to the ceiling with the same "
              f"connections {rps / phone_rps:.2f}, to the keep-alive ceiling {rps / ceiling_rps:.2f})"
              f"  p50 {phase['p50']:.1f} ms  p99 {phase['p99']:.1f} ms  CPU {phase['cpu']:.0%}  {_cpu_split(phase)}  "
              f"acknowledged {len(phase['acked'])}  errors {phase['errors'] or 'none'}"
              + (f"  worker killed: {phase['killed']}" if phase["killed"] else "") + f"\n{'':17}{phase['wal']}")
    print(f"stored: county responses {county_rows}, public responses {public_rows}")
    print(f"acknowledged but missing from the database: {missing_county + missing_public} "
          f"(county {missing_county}, public {missing_public}); integrity_check: {integrity}")


if __name__ == "__main__":
    main()

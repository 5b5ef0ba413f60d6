"""Load benchmark of the survey pages on the production server as the README sets it up
(`sanding serve --workers 2 --threads 1`: gunicorn sync workers, which nginx would front).

Starts the server on 127.0.0.1 with a county round of 40 departments and
many raters and a public round, then runs concurrent clients (several
processes × threads, http.client with keep-alive, loopback only, bounded in
count and time):

1. the ceiling: GET /healthz, a trivial endpoint of the same server, on keep-alive
   connections (sync workers close each connection after its response, so there
   the client reconnects for every request);
2. county: complete ratings (GET /r/<token>, POST all 40 ratings);
3. public: answers (GET /s/<key>/<department>, POST one answer).

Phases 2 and 3 run in slices (--slices) alternating with slices of the
ceiling measured with the phones' connection pattern (a new connection per
two requests): this machine's speed drifts by a third within a minute, and
a ratio is only meaningful between measurements taken at the same time. Each
phase's ratio is printed over all its slices and slice by slice, so a run
shows its own spread.

Phases 2 and 3 then run again for half as long while one worker is killed
with SIGKILL midway. Afterwards it counts acknowledged submissions (303 / 200
received) missing from the database (must be 0) and checks the database's
integrity. During each phase it samples the size of the WAL, which holds
the latest submissions until the checkpointer truncates it (back-to-back).
Each simulated phone opens a new connection for its two requests,
so the ratio is to /healthz with that same connection pattern (and, for
reference, to the keep-alive ceiling). Since the clients share the
machine, each phase also prints the CPU time per request of the server and of
the clients.

    .venv/bin/python bench/survey_load.py [--seconds 10] [--processes 3] [--threads 6]
        [--workers 2] [--server-threads 1]
"""
from __future__ import annotations

import argparse
import http.client
import itertools
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
sys.path.insert(0, str(ROOT))
from survey.tokens import use_mark  # noqa: E402 - importable only once ROOT is on sys.path above

CLI = [sys.executable, "-m", "webapp.cli"]  # `sanding`, from this checkout
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
FORM_VERSION = re.compile(r'name="v" value="([^"]+)"')
LABELS = ["好", "较好", "一般", "差", "不了解"]
PUBLIC_LABELS = ["非常满意", "满意", "基本满意", "不满意"]
GROUPS = ["企业", "群众", "基层单位", "其他"]
RATERS_PER_ROUND = 4800  # an import takes at most 5,000 raters
DEPARTMENTS = [f"示例市第{i:02d}局" for i in range(1, 41)]


def _create_round(folder: Path, env: dict, kind: str, *extra: str) -> int:
    """A round of DEPARTMENTS created through the CLI, as an admin would; its id."""
    departments = folder / "departments.txt"
    if not departments.exists():
        departments.write_text("\n".join(DEPARTMENTS), encoding="utf-8")
    out = subprocess.run([*CLI, "round", "create", "--name", f"{kind}压测",
                          "--kind", kind, "--government", "示例市", "--departments", str(departments), *extra],
                         env=env, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return json.loads(out)["round"]


def create_county_rounds(folder: Path, env: dict, count: int) -> list[str]:
    """`count` county rounds of RATERS_PER_ROUND raters each (database SANDING_DB in `env`):
    the tokens of the raters' links, as `sanding round tokens` exports them."""
    raters = folder / "raters.csv"
    raters.write_text("\n".join(["姓名,单位,组别,评议部门"] + [
        f"评议人{i},单位{i // 20},{'区市党政领导' if i % 3 else '对口部门'}," for i in range(RATERS_PER_ROUND)]),
        encoding="utf-8")
    tokens = []
    for _ in range(count):
        round_id = _create_round(folder, env, "county", "--raters", str(raters))
        links = subprocess.run([*CLI, "round", "tokens", str(round_id), "--csv"],
                               env=env, capture_output=True, text=True, check=True, cwd=ROOT).stdout
        tokens += [line.rsplit("/r/", 1)[1] for line in links.splitlines()]
    return tokens


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


class _Tally:
    """What one client process measured: request latencies, acknowledged items, errors by kind."""

    def __init__(self):
        self.latencies, self.acked, self.errors = [], [], {}

    def timed(self, client: Client, method: str, path: str, data=None) -> tuple[int, str]:
        start = time.perf_counter()
        status, text = client.request(method, path, data)
        self.latencies.append(time.perf_counter() - start)
        return status, text

    def error(self, name: str) -> None:
        self.errors[name] = self.errors.get(name, 0) + 1


def _county_rating(tally: _Tally, client: Client, item: str, names: list[str], labels: list[str]) -> None:
    """One complete county rating: the rater's form, then all its ratings posted."""
    path = f"/r/{item}"
    status, page = tally.timed(client, "GET", path)
    if status != 200:
        tally.error(f"GET {status}")
        return
    shift = hash(item)
    body = "&".join(f"{name}={labels[(shift + i) % 5]}" for i, name in enumerate(names))
    body += (f"&action=submit&v={FORM_VERSION.search(page).group(1)}&csrf_token="
             + urllib.parse.quote_plus(CSRF.search(page).group(1)))
    status, _ = tally.timed(client, "POST", path, body)
    if status == 303:
        tally.acked.append(item)
    else:
        tally.error(f"POST {status}")


def _public_answer(tally: _Tally, client: Client, item: int, departments: list[str], public_round: str) -> None:
    """One public answer: a department's form, then one answer posted."""
    department = departments[item % len(departments)]
    path = _quote(f"/s/{public_round}/{department}")
    status, page = tally.timed(client, "GET", path)
    if status != 200:
        tally.error(f"GET {status}")
        return
    data = {"group": GROUPS[item % 4], "label": PUBLIC_LABELS[item % 4],
            "csrf_token": CSRF.search(page).group(1)}
    status, _ = tally.timed(client, "POST", path, data)
    if status == 200:
        tally.acked.append(item)
    else:
        tally.error(f"POST {status}")


def _worker(kind: str, port: int, items: list, departments: list[str], public_round: str,
            threads: int, deadline: float, out) -> None:
    """One client process: `threads` threads working through `items` until the deadline."""
    cpu_start = time.process_time()
    lock = threading.Lock()
    queue = list(items)
    # A county POST's body as the form sends it (field r<i> for the i-th department, the
    # index of the chosen option as its value), built from parts made once: the phones
    # share the server's CPUs.
    names = [f"r{number}" for number in range(len(departments))]
    labels = [str(number) for number in range(len(LABELS))]
    tally = _Tally()

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
                        status, _ = tally.timed(client, "GET", "/healthz")
                        if status == 200:
                            tally.acked.append(1)
                    return
                if kind == "phone-ceiling":  # like a phone: a new connection, two requests
                    for _ in range(2):
                        tally.timed(client, "GET", "/healthz")
                    tally.acked.append(item)
                elif kind == "county":
                    _county_rating(tally, client, item, names, labels)
                else:
                    _public_answer(tally, client, item, departments, public_round)
            except (OSError, http.client.HTTPException) as error:
                tally.error(type(error).__name__)

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    out.put({"latencies": tally.latencies, "acked": tally.acked, "errors": tally.errors,
             "cpu": time.process_time() - cpu_start})


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


def _wal_summary(sizes: list[int], emptied_after: list[float | None]) -> str:
    sizes = sorted(sizes) or [0]
    kib = [sizes[len(sizes) // 2] / 1024, sizes[len(sizes) * 9 // 10] / 1024, sizes[-1] / 1024]
    empty = sum(1 for size in sizes if size == 0) / len(sizes)
    emptied = (f"{max(emptied_after) * 1000:.0f} ms" if None not in emptied_after else "not within 5 s")
    return (f"WAL median {kib[0]:,.0f} KiB, p90 {kib[1]:,.0f} KiB, max {kib[2]:,.0f} KiB, "
            f"empty {empty:.0%} of the phase; emptied {emptied} (at most) after the clients stopped")


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
    return _combine([{
        "latencies": [latency for r in results for latency in r["latencies"]],
        "acked": [a for r in results for a in r["acked"]],
        "errors": _sum_counts(r["errors"] for r in results), "killed": killed, "elapsed": elapsed,
        "busy": busy, "total": total,
        "server_cpu": None if killed else server_cpu, "client_cpu": sum(r["cpu"] for r in results),
        "wal_sizes": sampler.sizes if sampler else [], "wal_emptied": [sampler.emptied_after] if sampler else []}])


def _sum_counts(counts) -> dict:
    """Error counts of several clients or slices added up by kind."""
    total: dict = {}
    for count in counts:
        for key, value in count.items():
            total[key] = total.get(key, 0) + value
    return total


def _combine(parts: list[dict]) -> dict:
    """Slices of one phase as one: totals, latency percentiles, CPU per request, WAL sizes."""
    latencies = sorted(latency for part in parts for latency in part["latencies"])
    errors = _sum_counts(part["errors"] for part in parts)
    server_cpu = [part["server_cpu"] for part in parts]
    busy, total = sum(part["busy"] for part in parts), sum(part["total"] for part in parts)
    combined = {"latencies": latencies, "acked": [a for part in parts for a in part["acked"]],
                "errors": errors, "killed": next((part["killed"] for part in parts if part["killed"]), None),
                "elapsed": sum(part["elapsed"] for part in parts), "busy": busy, "total": total,
                "server_cpu": None if None in server_cpu else sum(server_cpu),
                "client_cpu": sum(part["client_cpu"] for part in parts),
                "wal_sizes": [size for part in parts for size in part["wal_sizes"]],
                "wal_emptied": [e for part in parts for e in part["wal_emptied"]]}
    n = len(latencies)
    combined.update(
        requests=n, cpu=busy / total if total else 0,
        server_ms=1000 * combined["server_cpu"] / n if n and combined["server_cpu"] is not None else None,
        client_ms=1000 * combined["client_cpu"] / n if n else None,
        p50=statistics.median(latencies) * 1000 if n else None,
        p99=latencies[int(n * 0.99) - 1] * 1000 if n else None,
        wal=_wal_summary(combined["wal_sizes"], combined["wal_emptied"]) if combined["wal_emptied"] else None)
    return combined


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
    parser.add_argument("--slices", type=int, default=4,
                        help="slices of the county and public phases, alternating with the ceiling")
    parser.add_argument("--raters", type=int, default=8 * RATERS_PER_ROUND,
                        help="county raters (enough that no client runs out of links)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server-threads", type=int, default=1,
                        help="threads per server worker (1: sync workers, as in the README's production setup)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="sanding-load-"))
    db_path = folder / "load.db"
    env = {**os.environ, "SANDING_DB": str(db_path), "SANDING_SECRET_KEY": "load-bench",
           "SANDING_PUBLIC_RATE_LIMIT": "1000000000"}  # all clients share 127.0.0.1
    departments = DEPARTMENTS
    tokens = create_county_rounds(folder, env, -(-args.raters // RATERS_PER_ROUND))
    public_round = _create_round(folder, env, "public")
    port = _free_port()
    server = subprocess.Popen([*CLI, "serve", "--port", str(port), "--workers", str(args.workers),
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
        workers = (f"{args.workers} sync workers" if args.server_threads == 1
                   else f"gthread, {args.workers} workers × {args.server_threads} threads")
        print(f"server: gunicorn {workers}; "
              f"clients: {args.processes} processes × {args.threads} threads; "
              f"{len(departments)} departments, {len(tokens)} raters; {os.cpu_count()} CPUs")
        _wait_for_workers(server.pid, args.workers)
        _phase("ceiling", port, list(range(clients)), departments, 0, args.processes, args.threads, 2,
               server.pid)  # warm-up
        ceiling = _phase("ceiling", port, list(range(clients)), departments, 0, args.processes,
                         args.threads, args.seconds, server.pid)
        ceiling_rps = ceiling["requests"] / ceiling["elapsed"]
        print(f"ceiling  GET /healthz, keep-alive{' (refused by sync workers)' if args.server_threads == 1 else ''}: "
              f"{ceiling_rps:8.0f} req/s  p50 {ceiling['p50']:.1f} ms  "
              f"p99 {ceiling['p99']:.1f} ms  CPU {ceiling['cpu']:.0%}  {_cpu_split(ceiling)}")
        with sqlite3.connect(db_path) as db:
            public_key = db.execute("SELECT public_key FROM rounds WHERE id = ?", [public_round]).fetchone()[0]
        split = len(tokens) * 2 // 3
        phases, ceilings, slice_ratios = {}, {}, {}
        wal = Path(f"{db_path}-wal")
        numbers = itertools.count()

        def enough(seconds: float) -> list[int]:  # items for the public and ceiling clients, distinct
            return [next(numbers) for _ in range(int(seconds * 10_000))]

        for name, kind, items in (("county", "county", tokens[:split]), ("public", "public", None)):
            # The machine's speed drifts within seconds: alternate short slices of the phase
            # with slices of the ceiling, so that both see the same machine.
            phase_parts, ceiling_parts = [], []
            per_slice, chunk = args.seconds / args.slices, len(items or []) // args.slices
            for i in range(args.slices):
                ceiling_parts.append(_phase("phone-ceiling", port, enough(per_slice), departments, 0,
                                            args.processes, args.threads, per_slice, server.pid))
                slice_items = enough(per_slice) if items is None else items[i * chunk:(i + 1) * chunk]
                phase_parts.append(_phase(kind, port, slice_items, departments,
                                          public_key, args.processes, args.threads, per_slice, server.pid,
                                          wal=wal))
            phases[name], ceilings[name] = _combine(phase_parts), _combine(ceiling_parts)
            slice_ratios[name] = [(part["requests"] / part["elapsed"]) / (own["requests"] / own["elapsed"])
                                  for part, own in zip(phase_parts, ceiling_parts)]
        phone = _combine(list(ceilings.values()))
        phone_rps = phone["requests"] / phone["elapsed"]
        print(f"ceiling  GET /healthz twice per connection: {phone_rps:8.0f} req/s  p50 {phone['p50']:.1f} ms  "
              f"p99 {phone['p99']:.1f} ms  CPU {phone['cpu']:.0%}  {_cpu_split(phone)}  "
              f"(the connection pattern of the phases below; in {args.slices} slices alternating with each)")
        for name, kind, items, seconds in (
                ("county, kill -9", "county", tokens[split:], args.seconds / 2),
                ("public, kill -9", "public", enough(args.seconds / 2), args.seconds / 2)):
            phases[name] = _phase(kind, port, items, departments, public_key, args.processes,
                                  args.threads, seconds, server.pid, kill_midway=True, wal=wal)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    conn = sqlite3.connect(db_path)
    used = {row[0] for row in conn.execute("SELECT mark FROM token_uses WHERE used = 1")}
    county_acked = phases["county"]["acked"] + phases["county, kill -9"]["acked"]
    public_acked = phases["public"]["acked"] + phases["public, kill -9"]["acked"]
    missing_county = sum(1 for token in county_acked if use_mark(token) not in used)
    public_rows = conn.execute("SELECT count(*) FROM responses WHERE round_id = ?",
                               [public_round]).fetchone()[0]
    county_rows = conn.execute("SELECT count(*) FROM ballots").fetchone()[0]
    missing_public = max(0, len(public_acked) - public_rows)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    for name, phase in phases.items():
        unit = "complete ratings (40 departments)" if name.startswith("county") else "answers"
        rate = len(phase["acked"]) / phase["elapsed"]
        rps = phase["requests"] / phase["elapsed"]
        if name in ceilings:
            own = ceilings[name]["requests"] / ceilings[name]["elapsed"]
            spread = ", ".join(f"{r:.2f}" for r in slice_ratios[name])
            ratio = (f"ratio to the ceiling in the slices between {rps / own:.2f} "
                     f"({own:.0f} req/s; slice by slice {spread})")
        else:
            ratio = f"ratio to the ceiling with the same connections {rps / phone_rps:.2f}"
        print(f"{name:16} {rate:6.1f} {unit}/s  ({rps:.0f} req/s; {ratio}, to the keep-alive ceiling "
              f"{rps / ceiling_rps:.2f})  p50 {phase['p50']:.1f} ms  p99 {phase['p99']:.1f} ms  "
              f"CPU {phase['cpu']:.0%}  {_cpu_split(phase)}  "
              f"acknowledged {len(phase['acked'])}  errors {phase['errors'] or 'none'}"
              + (f"  worker killed: {phase['killed']}" if phase["killed"] else "") + f"\n{'':17}{phase['wal']}")
    print(f"stored: county ballots {county_rows} (sealed until their rounds close), public responses {public_rows}")
    print(f"acknowledged but missing from the database: {missing_county + missing_public} "
          f"(county {missing_county}, public {missing_public}); integrity_check: {integrity}")


if __name__ == "__main__":
    main()

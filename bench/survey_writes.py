"""The database work of county ratings alone, without HTTP: how submissions contend.

Several processes × threads (like gunicorn's workers and threads) each take
raters' links in turn and do what the server does for one complete rating:
the link's read for the form, some Python work, the read again before the
submission, the sealed ballot's submission (one statement, `webapp.services.surveys.submit`) and a
checkpoint request to the app's `Checkpointer`. Prints submissions per
second, CPU per submission, how busy the 2 CPUs were, and the WAL's size.
The load bench (`survey_load.py`) measures the whole server; this one
separates the SQLite write's cost under contention from HTTP and Flask, and
runs taken back to back vary far less than the load bench's (the machine's
drift still moves both: compare alternating runs).

    .venv/bin/python bench/survey_writes.py [--seconds 5] [--processes 2] [--threads 4]
        [--no-write | --no-checkpoint]
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# These imports need ROOT on sys.path, inserted just above (this file is run as a script).
from survey_load import DEPARTMENTS, LABELS, RATERS_PER_ROUND, create_county_rounds  # noqa: E402 - needs sys.path above

from webapp import store  # noqa: E402 - needs sys.path above
from webapp.services import surveys  # noqa: E402 - needs sys.path above
from webapp.services.checkpointer import Checkpointer  # noqa: E402 - needs sys.path above

SECRET = "writes-bench"
PYTHON_WORK = 3000  # loop steps between the database calls: about 0.1 ms, the request's own work


def _python_work() -> int:
    total = 0
    for step in range(PYTHON_WORK):
        total += step * step
    return total


def _process(db_path: str, tokens: list[str], threads: int, deadline: float, write: bool,
             checkpoint: bool, out) -> None:
    checkpointer = Checkpointer(db_path)
    lock = threading.Lock()
    queue, done = list(tokens), [0]
    answers = [{"department": d, "label": LABELS[i % 5]} for i, d in enumerate(DEPARTMENTS)]

    def run():
        db = store.connect(db_path)
        while time.time() < deadline:
            with lock:
                if not queue:
                    return
                token = queue.pop()
            _python_work()
            surveys.find_link(db, token)  # GET: the form
            _python_work()
            link, row = surveys.find_link(db, token)  # POST: check the link again
            if write:
                assert surveys.submit(db, SECRET, row, token, link["group_name"], answers) == "ok"
                if checkpoint:
                    checkpointer.request()
            _python_work()
            with lock:
                done[0] += 1
        db.close()

    cpu = time.process_time()
    pool = [threading.Thread(target=run) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    checkpointer.wait()
    out.put((done[0], time.process_time() - cpu))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=4, help=f"county rounds of {RATERS_PER_ROUND} raters")
    parser.add_argument("--no-write", action="store_true", help="only the reads and the Python work")
    parser.add_argument("--no-checkpoint", action="store_true", help="submit, but leave the WAL to SQLite")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="sanding-writes-"))
    db_path = str(folder / "writes.db")
    env = {**os.environ, "SANDING_DB": db_path, "SANDING_SECRET_KEY": SECRET}
    tokens = create_county_rounds(folder, env, args.rounds)

    sizes, stop = [], threading.Event()

    def sample():
        while not stop.is_set():
            wal = Path(db_path + "-wal")
            sizes.append(wal.stat().st_size if wal.exists() else 0)
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = multiprocessing.Queue()
    start = time.time()
    deadline = start + args.seconds
    workers = [multiprocessing.Process(target=_process, args=(
        db_path, tokens[i::args.processes], args.threads, deadline, not args.no_write,
        not args.no_checkpoint, out)) for i in range(args.processes)]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=args.seconds + 120) for _ in workers]
    for worker in workers:
        worker.join()
    elapsed = time.time() - start
    stop.set()
    sampler.join()
    done, cpu = sum(r[0] for r in results), sum(r[1] for r in results)
    sizes.sort()
    mode = "no write" if args.no_write else "no checkpoint" if args.no_checkpoint else "submissions"
    print(f"{mode}, {args.processes} processes × {args.threads} threads: {done / elapsed:.0f} ratings/s, "
          f"CPU {1000 * cpu / done:.3f} ms per rating, CPUs busy {cpu / elapsed / os.cpu_count():.0%}; "
          f"WAL median {sizes[len(sizes) // 2] // 1024:,} KiB, p90 {sizes[len(sizes) * 9 // 10] // 1024:,} KiB, "
          f"max {sizes[-1] // 1024:,} KiB")


if __name__ == "__main__":
    main()

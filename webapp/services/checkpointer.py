"""Empty the WAL soon after each anonymous submission, off the request path.

The frames of one commit lie side by side in the WAL: the token marked used
next to the new response. Until they are copied into the database file
(where the response sits at a random id) and the WAL is truncated, the file
could link the two. Checkpointing inside the request cost two fsyncs while
holding the write lock. Here one thread per worker process checkpoints
shortly after a submission, covering those that arrived meanwhile, and
retries until the WAL is empty.
"""
from __future__ import annotations

import atexit
import os
import threading
import time

from .. import store

# Then every 100 ms: a long reader (an export) is waited out without holding writers back most of the time.
RETRY_SECONDS = (0.005, 0.01, 0.02, 0.05, 0.1)
# Submissions arriving meanwhile share one checkpoint, and each checkpoint holds writers back
# while it waits for readers: 30 ms gave 10-15 % less throughput under load than 100 ms.
COALESCE_SECONDS = 0.1
GIVE_UP_SECONDS = 60  # a WAL still busy after this waits for the next submission


class Checkpointer:
    """Truncates the WAL of one database file after `request()`, in a background thread."""

    def __init__(self, path: str):
        self.path = path
        self._wanted = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._lock = threading.Lock()
        self._thread_pid: int | None = None

    def request(self) -> None:
        """Ask for a checkpoint (returns at once)."""
        with self._lock:
            self._idle.clear()
            self._wanted.set()
            if self._thread_pid != os.getpid():  # none yet, or inherited through fork without its thread
                self._thread_pid = os.getpid()
                threading.Thread(target=self._run, name="sanding-checkpointer", daemon=True).start()
                atexit.register(self.wait, 2.0)  # a worker stopping lets a pending checkpoint finish

    def wait(self, timeout: float = 10.0) -> bool:
        """Block until every requested checkpoint is done (tests, shutdown)."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            time.sleep(COALESCE_SECONDS)
            self._wanted.clear()
            # A connection per burst: a restore may have replaced the file meanwhile.
            db = store.connect(self.path)
            try:
                # TRUNCATE holds writers back while it copies and syncs; copying first
                # without doing so leaves it only the frames written meanwhile
                # (county load of bench/survey_load.py: busy retries per submission 2.4-2.7 -> 1.9-2.0).
                store.copy_wal(db)
                deadline = time.monotonic() + GIVE_UP_SECONDS
                attempt = 0
                while not store.checkpoint(db) and time.monotonic() < deadline:
                    time.sleep(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])
                    attempt += 1
            finally:
                db.close()
            with self._lock:
                if not self._wanted.is_set():
                    self._idle.set()

"""Background work: a per-process thread pool runs one job per uploaded file and
the overlap detection of the governments those files touch.

The job rows in the store carry the status, so any worker process can answer
the progress page. The pool is created lazily in each process (after a
gunicorn fork, the parent's threads do not exist).

Detection requests are coalesced per government: while a run is queued, more
requests add nothing; while one runs, they cause exactly one more run after it.
The store counts requests (`detection_runs`), so every page sees a pending run.
"""
from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import docproc
from docproc.confine import Limits

from .. import store
from ..scope_rules import ScopeError, scope_of
from . import detection, ingest

log = logging.getLogger(__name__)
INTERRUPTED = "服务重启，解析被中断，请重新上传该文件。"


class JobRunner:
    """Runs parse jobs for one app in a thread pool owned by the current process."""

    def __init__(self, database: str, uploads: str, max_bytes: int, workers: int,
                 limits: Limits | None = None):
        self.database = database
        self.uploads = Path(uploads)
        self.max_bytes = max_bytes
        self.workers = workers
        self.limits = limits or Limits()
        self._pool: ThreadPoolExecutor | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()
        self._detect_lock = threading.Lock()
        self._detecting: dict[int, str] = {}  # government id → "queued" | "running" | "again"

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None or self._pid != os.getpid():
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="sanding-parse")
                self._pid = os.getpid()
            return self._pool

    def submit(self, job_id: int, raw=None, fallback_government: str | None = None) -> Future:
        """Queue one job (with the file's text if it was read already); returns at once.
        `fallback_government`: where a limited account files a text that names no government."""
        return self._executor().submit(self.run, job_id, raw, fallback_government)

    def run(self, job_id: int, raw=None, fallback_government: str | None = None) -> None:
        """Parse and store one job's file, recording the outcome on the job row. The uploader's
        scope, read now, decides where the file may be filed (ingest.import_stored)."""
        db = store.connect(self.database)
        try:
            job = store.jobs.get_job(db, job_id)
            assert job is not None, "submit() queues jobs just created, and jobs are never deleted"
            store.jobs.update_job(db, job_id, "running")
            try:
                def progress(done: int, pages: int) -> None:
                    store.jobs.update_job(db, job_id, "running", f"文字识别：第 {done + 1}/{pages} 页")

                scope = scope_of(store.users.get_scope(db, job["user_id"])) if job["user_id"] else None
                result = ingest.import_stored(db, self.uploads, job["stored_name"], job["file_name"],
                                              job["user_id"], self.max_bytes, raw=raw, limits=self.limits,
                                              progress=progress, scope=scope,
                                              fallback_government=fallback_government)
            except ScopeError as error:
                store.jobs.update_job(db, job_id, "failed", str(error))
            except docproc.ParseError as error:
                store.jobs.update_job(db, job_id, "failed", _message(error, job["file_name"]))
            except Exception:
                log.exception("parse job %s failed", job_id)
                (self.uploads / job["stored_name"]).unlink(missing_ok=True)
                store.jobs.update_job(db, job_id, "failed", "解析时发生内部错误，文件未保存；请联系管理员。")
            else:
                government = store.documents.get_government_by_name(db, result.government)
                if government:  # requested before the job shows done, so pages see it pending
                    self.request_detection(government["id"], db)
                message = result.summary()
                if "未能识别部门名称" in result.warnings:
                    message += "；未能识别部门名称，请在结果页填写"
                store.jobs.update_job(db, job_id, "done", message, result.version_id)
        finally:
            db.close()

    def request_detection(self, government_id: int, db=None) -> None:
        """Ask for the government's findings to be detected again (in the background)."""
        own = db is None
        db = store.connect(self.database) if own else db
        try:
            store.findings.request_detection(db, government_id)
        finally:
            if own:
                db.close()
        with self._detect_lock:
            state = self._detecting.get(government_id)
            if state in ("queued", "again"):
                return
            if state == "running":
                self._detecting[government_id] = "again"
                return
            self._detecting[government_id] = "queued"
        try:
            self._executor().submit(self._detect, government_id)
        except RuntimeError:  # the pool is shutting down; the run stays pending
            with self._detect_lock:
                self._detecting.pop(government_id, None)

    def _detect(self, government_id: int) -> None:
        """Run detection until no request came in during the last run."""
        while True:
            with self._detect_lock:
                self._detecting[government_id] = "running"
            db = store.connect(self.database)
            try:
                detection.run(db, government_id)
            finally:
                db.close()
                with self._detect_lock:
                    again = self._detecting.get(government_id) == "again"
                    if not again:
                        self._detecting.pop(government_id, None)
            if not again:
                return

    def shutdown(self) -> None:
        if self._pool is not None and self._pid == os.getpid():
            self._pool.shutdown(wait=True)


def _message(error: docproc.ParseError, file_name: str) -> str:
    message = getattr(error, "message", None) or str(error)
    return message if file_name in message else f"{file_name}：{message}"


def init_app(app) -> None:
    """Give the app its job runner (app.extensions['sanding_jobs'])."""
    app.extensions["sanding_jobs"] = JobRunner(
        app.config["DATABASE"], app.config["UPLOAD_FOLDER"], app.config["MAX_CONTENT_LENGTH"],
        int(app.config["PARSE_WORKERS"]), ingest.parse_limits(app.config))


def runner(app) -> JobRunner:
    return app.extensions["sanding_jobs"]


def fail_interrupted(database: str) -> int:
    """Mark jobs left queued or running by a stopped server as failed, and close its
    pending detection runs; returns how many jobs."""
    db = store.open_db(database)
    try:
        stale = store.jobs.unfinished_jobs(db)
        for job in stale:
            store.jobs.update_job(db, job["id"], "failed", INTERRUPTED)
        store.findings.fail_pending_detections(db, detection.INTERRUPTED)
        return len(stale)
    finally:
        db.close()

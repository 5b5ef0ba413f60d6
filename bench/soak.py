"""Soak test: the production server under mixed traffic for a fixed time, one worker killed midway.

Traffic (threads on 127.0.0.1 only, bounded in time): raters submitting
county ratings, the public answering, staff uploading 三定 files and reviewing
findings, evaluators reading findings and exporting the 职责边界清单. One
gunicorn worker is killed with SIGKILL halfway; the master starts a new one.
Prints requests served, errors by kind, p50/p99 latency per kind of traffic,
and acknowledged writes missing from the database afterwards (must be 0).

    .venv/bin/python bench/soak.py [--seconds 60] [--server-threads 1]
"""
from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import os
import random
import re
import signal
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from live_server import Browser, cli, running_server, worker_pids  # noqa: E402 - needs tests/ on sys.path above

DEPARTMENTS = [f"示例市第{n}局" for n in range(1, 13)]
FORM_VERSION = re.compile(r'name="v" value="([^"]+)"')  # the rater form's field version
SAMPLE = sorted((REPO / "corpus" / "sample_city" / "source").glob("*.txt"))


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = collections.defaultdict(list)
        self.errors = collections.Counter()
        self.acknowledged = collections.defaultdict(list)

    def timed(self, kind: str, call):
        start = time.perf_counter()
        try:
            result = call()
        except Exception as error:  # any failure is counted by kind, the run goes on
            with self.lock:
                self.errors[f"{kind}: {type(error).__name__}"] += 1
            return None
        with self.lock:
            self.latency[kind].append(time.perf_counter() - start)
            if result[0] >= 500:
                self.errors[f"{kind}: HTTP {result[0]}"] += 1
        return result


def rater(url, links, stats, deadline):
    with Browser(url) as browser:
        while links and time.monotonic() < deadline:
            path = links.pop()
            page = stats.timed("评议页", lambda: browser.request("GET", path))
            if not page:
                browser.close()
                continue
            form = page[1] if "csrf_token" in page[1] else browser.request("GET", path)[1]
            version = FORM_VERSION.search(form)
            data = {f"r{number}": random.choice("0123") for number in range(len(DEPARTMENTS))}  # 好 … 差
            data.update(action="submit", csrf_token=_csrf(form), v=version.group(1) if version else "")
            result = stats.timed("提交评议", lambda: browser.request("POST", path, data))
            if result and result[0] in (200, 303):
                with stats.lock:
                    stats.acknowledged["评议"].append(path)


def public(url, key, stats, deadline):
    while time.monotonic() < deadline:
        with Browser(url) as browser:  # a new phone each time
            department = random.choice(DEPARTMENTS)
            path = f"/s/{key}/{department}"
            page = stats.timed("满意度页", lambda: browser.request("GET", path))
            if not page:
                continue
            data = {"group": random.choice(["企业", "群众"]), "label": "满意", "comment": "", "department": department,
                    "csrf_token": _csrf(page[1])}
            result = stats.timed("提交满意度", lambda: browser.request("POST", path, data))
            if result and result[0] in (200, 303):
                with stats.lock:
                    stats.acknowledged["满意度"].append(department)


def staff(url, stats, deadline):
    with Browser(url) as browser:
        browser.login("staff", "staff-pass-1")
        number = 0
        while time.monotonic() < deadline:
            source = SAMPLE[number % len(SAMPLE)]
            name = f"{number:03d}_{source.name}"
            number += 1
            token = _csrf(browser.request("GET", "/documents/upload")[1])
            result = stats.timed("上传", lambda: browser.request(
                "POST", "/documents/upload", {"csrf_token": token}, files=[("files", name, source.read_bytes())]))
            if result and result[0] in (302, 303):
                with stats.lock:
                    stats.acknowledged["上传"].append(name)
            stats.timed("查看交叉", lambda: browser.request("GET", "/overlaps/"))
            time.sleep(0.5)


def evaluator(url, stats, deadline):
    with Browser(url) as browser:
        browser.login("evaluator", "evaluator-pass-1")
        while time.monotonic() < deadline:
            stats.timed("评估浏览", lambda: browser.request("GET", "/overlaps/"))
            stats.timed("评估浏览", lambda: browser.request("GET", "/evaluations/"))
            stats.timed("导出清单", lambda: browser.request("GET", "/overlaps/1/boundary.xlsx"))
            time.sleep(0.2)


def _csrf(text: str) -> str:
    from live_server import CSRF, VALUE
    match = CSRF.search(text)
    return VALUE.search(match.group(0)).group(1) if match else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--server-threads", type=int, default=1,
                        help="threads per server worker (1: sync workers, as in the README's production setup)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sanding-soak-"))
    db_path = folder / "soak.db"
    env = {**os.environ, "SANDING_DB": str(db_path), "SANDING_SECRET_KEY": "soak"}
    for role in ("staff", "evaluator"):
        cli(env, "user", "add", role, "--role", role, "--password", f"{role}-pass-1")
    cli(env, "import", *[str(p) for p in SAMPLE[:4]])
    (folder / "departments.txt").write_text("\n".join(DEPARTMENTS), encoding="utf-8")
    raters = ["姓名,单位,组别,评议部门"] + [f"评议人{n},示例县单位{n},区市党政领导," for n in range(3000)]
    (folder / "raters.csv").write_text("\n".join(raters), encoding="utf-8")
    county = json.loads(cli(env, "round", "create", "--name", "市县评作为", "--kind", "county", "--government",
                            "示例市", "--departments", str(folder / "departments.txt"),
                            "--raters", str(folder / "raters.csv")).stdout)["round"]
    public_round = json.loads(cli(env, "round", "create", "--name", "服务对象满意度", "--kind", "public",
                                  "--government", "示例市", "--departments",
                                  str(folder / "departments.txt")).stdout)["round"]
    with sqlite3.connect(db_path) as db:
        public_key = db.execute("SELECT public_key FROM rounds WHERE id = ?", [public_round]).fetchone()[0]
    stats = Stats()
    # All clients come from 127.0.0.1: the per-address limit on public answers is off here.
    with running_server(db_path, workers=2, threads=args.server_threads, secret="soak",
                        extra_env={"SANDING_PUBLIC_RATE_LIMIT": "0"}) as (url, process, server_env):
        out = cli(server_env, "round", "tokens", str(county), "--csv", "--base-url", url.rstrip("/")).stdout
        links = [row[3].split(url.rstrip("/"), 1)[1] for row in csv.reader(io.StringIO(out))
                 if row and row[3].startswith("http")]
        random.shuffle(links)
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=rater, args=(url, links, stats, deadline)) for _ in range(6)]
        threads += [threading.Thread(target=public, args=(url, public_key, stats, deadline)) for _ in range(4)]
        threads += [threading.Thread(target=staff, args=(url, stats, deadline)),
                    threading.Thread(target=evaluator, args=(url, stats, deadline))]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds / 2)
        victim = worker_pids(process.pid)[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.strftime("%H:%M:%S")
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
        time.sleep(3)  # parse jobs of the last uploads
        replaced = len(worker_pids(process.pid))
    db = sqlite3.connect(db_path)
    stored_ratings = db.execute("SELECT count(*) FROM ballots WHERE round_id = ?", [county]).fetchone()[0]
    stored_public = db.execute("SELECT count(*) FROM responses WHERE round_id = ?", [public_round]).fetchone()[0]
    jobs = {row[0] for row in db.execute("SELECT file_name FROM jobs")}
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    db.close()
    missing = {
        "评议": max(0, len(set(stats.acknowledged["评议"])) - stored_ratings),
        "满意度": max(0, len(stats.acknowledged["满意度"]) - stored_public),
        "上传": len(set(stats.acknowledged["上传"]) - jobs),
    }
    served = sum(len(v) for v in stats.latency.values())
    print(f"运行 {args.seconds:.0f} 秒，12 个并发客户端；{killed_at} 杀掉一个工作进程（kill -9），"
          f"之后工作进程数 {replaced}")
    print(f"共处理请求 {served} 个（{served / args.seconds:.0f} 个/秒）")
    for kind, values in sorted(stats.latency.items()):
        ordered = sorted(values)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(f"  {kind:<8} {len(values):>6} 次  p50 {statistics.median(values) * 1000:6.1f} ms  "
              f"p99 {p99 * 1000:7.1f} ms")
    print("错误：" + ("，".join(f"{k} {v}" for k, v in stats.errors.items()) or "无"))
    print("已确认的写入：" + "，".join(f"{k} {len(v)}" for k, v in stats.acknowledged.items()))
    print(f"已确认但数据库中缺失的写入：{sum(missing.values())}（{missing}）；integrity_check: {integrity}")


if __name__ == "__main__":
    main()

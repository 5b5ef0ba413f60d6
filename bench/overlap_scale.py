"""Overlap detection for a whole country on a local Dask cluster (issue 24).

A synthetic country, reproducible by seed: every government has one department of each kind
of the sample city, and each department 15 duties written from its kind's real duty clauses
(the sample city's), edited as governments edit their template: clauses dropped, objects
swapped for other objects of the domain dictionary, some duties of the kind replaced by local
ones. Detection runs partitioned (docproc.partitioned: one task per government, one per kind
for 对标) on a `LocalCluster` with one worker per core, each task building its first 100
findings as `sanding overlaps --top 100` does (all are found and counted); the bench prints per
size the seconds, the findings found, the peak memory of the largest worker, and how time
grows against items.

    .venv/bin/python bench/overlap_scale.py [--sizes 100000,300000,1000000] [--seed 16]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DUTIES_PER_DEPARTMENT = 15
TOP = 100


def kinds() -> dict[str, list[str]]:
    """Kind of department → the real duty clauses of the sample city's department of that kind."""
    from docproc import parse
    from docproc.overlap import split_matters
    from docproc.reference import department_kind

    out: dict[str, list[str]] = {}
    for path in sorted((REPO / "corpus" / "sample_city" / "source").glob("*.txt")):
        doc = parse(path)
        clauses = [c for duty in doc.duties if not duty.boilerplate for c in split_matters(duty.text) if len(c) >= 8]
        if doc.department and len(clauses) >= 10:
            out.setdefault(department_kind(doc.department), clauses)
    return out


def country(items: int, seed: int) -> list:
    """Documents of a synthetic country with about `items` duties."""
    from docproc.model import Document, Duty
    from docproc.segment import USERDICT, read_word_list

    rng = random.Random(seed)
    templates = kinds()
    objects = sorted(w for w in read_word_list(USERDICT) if 3 <= len(w) <= 8 and not w.endswith(("局", "委员会", "厅")))
    per_government = len(templates) * DUTIES_PER_DEPARTMENT
    documents = []
    for number in range(max(2, items // per_government)):
        government = f"第{number}县"
        for kind, clauses in templates.items():
            doc = Document(file=f"{number}-{kind}.txt", department=f"{government}{kind}局", government=government)
            for no in range(1, DUTIES_PER_DEPARTMENT + 1):
                parts = rng.sample(clauses, rng.choice((1, 2, 2, 3)))
                if rng.random() < 0.3:  # a local duty: the template's verbs, another object
                    parts = [part.replace(part[2:6], rng.choice(objects), 1) for part in parts]
                doc.duties.append(Duty(no=no, label=f"（{no}）", text="，".join(parts) + "。"))
            documents.append(doc)
    return documents


def measure(items: int, seed: int, workers: int) -> dict:
    from dask.distributed import LocalCluster

    from docproc.partitioned import detect

    documents = country(items, seed)
    total = sum(len(doc.duties) for doc in documents)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      memory_limit="6GiB") as cluster, cluster.get_client() as client:
        client.run(_warm_up)
        client.run(_reset_peak)
        start = time.perf_counter()
        run = detect(documents, scheduler=cluster.scheduler_address, benchmark=True, limit=TOP)
        seconds = time.perf_counter() - start
        peaks = client.run(_peak_mb)
    return {"items": total, "governments": len({doc.government for doc in documents}), "tasks": run.tasks,
            "findings": run.found, "seconds": seconds, "peak_mb": max(peaks.values())}


def _warm_up() -> None:
    from docproc.segment import default_segmenter

    default_segmenter()


def _reset_peak() -> None:
    """Linux: clear the process's peak RSS so that it counts the run only."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,300000,1000000")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    print(f"{'条目':>9}{'政府':>7}{'任务':>7}{'发现':>9}{'秒':>9}{'单个工作进程峰值MB':>16}{'每万条秒':>10}")
    for size in [int(s) for s in args.sizes.split(",")]:
        r = measure(size, args.seed, args.workers)
        print(f"{r['items']:>9}{r['governments']:>7}{r['tasks']:>7}{r['findings']:>9}{r['seconds']:>9.1f}"
              f"{r['peak_mb']:>16.0f}{r['seconds'] / r['items'] * 10000:>10.2f}", flush=True)
    print(f"本机 {args.workers} 个工作进程（LocalCluster，每进程一线程）；每万条秒数不随规模上升即为线性增长。")


if __name__ == "__main__":
    main()

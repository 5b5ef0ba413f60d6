"""Overlap detection as independent tasks, run in this process or on a Dask cluster.

A provincial or national office compares thousands of governments: within each government
(its departments' overlaps) and, for 对标, each kind of department across all governments.
Neither comparison needs the other's data, so detection splits into one task per government
and one per kind of department (per circle of governments, docproc.benchmark.circles, when a
kind spans more governments than are compared at once). Every task weighs words by the same shipped reference
statistics (docproc.reference, read from the installed package on each worker), so a task's
findings do not depend on which other tasks run or where. Pairs of *different* kinds in
different governments, which `OverlapFinder(across_governments=True)` also seeks, are not
sought here: at that scale they are the noise of 2,800 × 30 unrelated departments.

`detect(documents)` runs the tasks in this process; `detect(documents, scheduler=ADDRESS)`
sends them to the Dask scheduler at ADDRESS (`tcp://host:8786`) and gathers the same
findings. Dask is imported only then.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field

from .findings import Finding
from .model import Document

SCHEDULER_VARIABLE = "SANDING_DASK_SCHEDULER"


@dataclass
class Task:
    """One government's departments, or one kind of department in every government."""
    scope: str  # "government" | "kind"
    name: str
    documents: list[Document] = field(repr=False)
    kind: str = ""  # the kind a "kind" task compares
    # Its departments' kinds, read over the whole upload (docproc.kinship): a task's own documents
    # would read an office of a kind unknown by name against fewer lists.
    kinds: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, repr=False)


@dataclass
class TaskResult:
    scope: str
    name: str
    findings: list[Finding]  # built: the task's first `limit`, or all
    found: int  # how many the task found
    notes: list[str]
    items: int


def plan(documents: list[Document], *, benchmark: bool = True) -> tuple[list[Task], list[str]]:
    """The tasks for `documents` and notes on what was left out (no department recognised)."""
    notes = []
    by_government: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if not doc.department:
            notes.append(f"{doc.file}：未识别出部门名称，未参与比对")
            continue
        by_government[doc.government or "未识别"].append(doc)
    tasks = [Task("government", name, docs) for name, docs in sorted(by_government.items())]
    if benchmark:
        from .benchmark import circles
        from .kinship import party_of, upload_kinds

        # The last version of a department is the one compared (as OverlapFinder keeps it).
        kinds = upload_kinds(list({party_of(doc): doc for doc in documents if doc.department}.values()))
        by_kind: dict[str, list[Document]] = defaultdict(list)
        for government, docs in sorted(by_government.items()):
            for doc in docs:
                for kind in kinds[party_of(doc)]:
                    by_kind[kind].append(doc)
        for kind, docs in sorted(by_kind.items()):
            groups = [set(circle) for circle in circles({doc.government or "" for doc in docs})]
            for number, circle in enumerate(groups, 1):
                name = kind if len(groups) == 1 else f"{kind}（第{number}组）"
                if len(circle) > 1:
                    chosen = [doc for doc in docs if (doc.government or "") in circle]
                    own = {party_of(doc): kinds[party_of(doc)] for doc in chosen}
                    tasks.append(Task("kind", name, chosen, kind, own))
    return tasks, notes


def run_task(task: Task, min_score: float | None = None, top_k: int = 30, limit: int | None = None) -> TaskResult:
    """Findings of one task, built (they travel back from a worker), the first `limit` of them
    or all: a government's overlaps between its departments, or a kind's 对标 pairs between
    governments. The run's first K findings are among the tasks' first K."""
    from .overlap import OverlapFinder

    if task.scope == "government":
        finder = OverlapFinder(min_score=min_score, top_k=top_k).fit(task.documents)
        found, notes = finder.findings_, finder.notes_
    else:
        finder = OverlapFinder(min_score=min_score, top_k=top_k, across_governments=True, kinds=task.kinds)
        found, notes = finder.benchmark(task.documents), []
    findings = list(found[:limit] if limit else found)
    counted = len(found) if task.scope == "government" else \
        sum(1 for f in found if _counted_in(f, task.kind, task.kinds))
    return TaskResult(task.scope, task.name, findings, counted, notes, len(finder.items_))


def _counted_in(finding: Finding, kind: str, kinds: dict[tuple[str, str], tuple[str, ...]]) -> bool:
    """Whether `kind` is the first kind the finding's two offices share: two merged offices, or two
    carrying the same sign, meet in the task of each kind they share, and are counted in one."""
    shared = set(kinds[(finding.a.government, finding.a.department)]) & \
        set(kinds[(finding.b.government, finding.b.department)])
    return not shared or min(shared) == kind


@dataclass
class Detection:
    findings: list[Finding]  # by score, then key: all, or the first `limit`
    found: int  # how many were found in all
    notes: list[str]
    items: int  # duty items compared within governments
    tasks: int


def detect(documents: list[Document], *, scheduler: str | None = None, min_score: float | None = None,
           top_k: int = 30, benchmark: bool = True, limit: int | None = None) -> Detection:
    """The findings of the partitioned run (the first `limit`, or all) and every task's notes."""
    tasks, notes = plan(documents, benchmark=benchmark)
    results = run(tasks, scheduler=scheduler, min_score=min_score, top_k=top_k, limit=limit)
    findings = [finding for result in results for finding in result.findings]
    findings.sort(key=lambda f: (-round(f.score, 6), f.key))
    # A merged office (教育体育局) is compared in the task of each of its kinds: two such offices
    # meet in both, and the whole run keeps their best pair once.
    findings = list({finding.key: finding for finding in reversed(findings)}.values())[::-1]
    return Detection(findings[:limit] if limit else findings, sum(result.found for result in results),
                     notes + [note for result in results for note in result.notes],
                     sum(result.items for result in results if result.scope == "government"), len(tasks))


def run(tasks: list[Task], *, scheduler: str | None = None, min_score: float | None = None,
        top_k: int = 30, limit: int | None = None) -> list[TaskResult]:
    """Each task's result, in the order of `tasks`: here, or on the cluster at `scheduler`."""
    scheduler = scheduler or os.environ.get(SCHEDULER_VARIABLE) or None
    if not scheduler:
        return [run_task(task, min_score, top_k, limit) for task in tasks]
    from dask.distributed import Client

    with Client(scheduler) as client:
        # The documents go to the workers as data, not inside the task graph (which the scheduler keeps).
        futures = client.map(run_task, client.scatter(tasks), min_score=min_score, top_k=top_k, limit=limit,
                             pure=False)
        return client.gather(futures)

"""Detection as independent tasks (issue 24): one per government, one per kind of department for
对标; the same findings in this process and on a Dask cluster of two workers."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from docproc import parse
from docproc.overlap import OverlapFinder
from docproc.partitioned import detect, plan
from docproc.reference import department_kind, office_kinds
from webapp.cli import main

from shared_paths import SAMPLE_CITY_SOURCE


@pytest.fixture(scope="module")
def documents():
    return [parse(path) for path in sorted(SAMPLE_CITY_SOURCE.glob("*.txt"))]


def _scores(findings) -> dict[str, float]:
    return {finding.key: finding.score for finding in findings}


def test_one_task_per_government_and_per_kind_found_in_two(documents):
    tasks, notes = plan(documents)
    governments = sorted({doc.government for doc in documents})
    assert len(governments) == 2 and not notes
    assert [task.name for task in tasks if task.scope == "government"] == governments
    kinds = [task for task in tasks if task.scope == "kind"]
    assert kinds and all(len({doc.government for doc in task.documents}) == 2 for task in kinds)
    assert all(task.name in office_kinds(doc.department, doc.signs) for task in kinds for doc in task.documents)


def test_each_government_s_findings_are_those_of_its_own_run(documents):
    run = detect(documents, benchmark=False)
    for government in {doc.government for doc in documents}:
        alone = OverlapFinder().fit([doc for doc in documents if doc.government == government]).findings_
        assert _scores([f for f in run.findings if f.a.government == government]) == _scores(alone)
    assert len(run.findings) > 20


def test_benchmark_tasks_find_the_pairs_across_governments_of_the_whole_run(documents):
    run = detect(documents)
    whole = OverlapFinder(across_governments=True).fit(documents).findings_
    same_kind = [f for f in whole if f.a.government != f.b.government
                 and department_kind(f.a.department) == department_kind(f.b.department)]
    across = [f for f in run.findings if f.a.government != f.b.government]
    assert across and _scores(across) == _scores(same_kind)


@pytest.mark.slow
def test_a_dask_cluster_of_two_workers_finds_the_same(documents):
    from dask.distributed import LocalCluster

    here = detect(documents)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        there = detect(documents, scheduler=cluster.scheduler_address)
    assert [f.to_dict() for f in there.findings] == [f.to_dict() for f in here.findings]
    assert there.notes == here.notes and there.items == here.items


def test_the_command_runs_the_tasks_here_and_names_an_unreachable_scheduler():
    runner = CliRunner()
    here = runner.invoke(main, ["overlaps", str(SAMPLE_CITY_SOURCE), "--partitioned", "--across-governments",
                                "--top", "3"])
    assert here.exit_code == 0, here.output
    assert "发现 3 处可能的职责交叉" in here.output
    away = runner.invoke(main, ["overlaps", str(SAMPLE_CITY_SOURCE), "--scheduler", "tcp://127.0.0.1:9"])
    assert away.exit_code != 0 and "无法连接 Dask 调度器" in away.output and "Traceback" not in away.output


def test_the_first_findings_of_a_limited_run_are_those_of_the_whole_run(documents):
    whole = detect(documents)
    first = detect(documents, limit=5)
    assert [f.key for f in first.findings] == [f.key for f in whole.findings[:5]]
    assert first.found == whole.found == len(whole.findings)


def test_a_kind_across_many_governments_is_compared_in_circles_by_province():
    from docproc.benchmark import CIRCLE, circles

    few = [f"第{n}县" for n in range(CIRCLE)]
    assert circles(few) == [sorted(few)]
    hebei = [f"河北省第{n}县" for n in range(CIRCLE + 30)]
    shanxi = [f"山西省第{n}县" for n in range(40)]
    loose = [f"第{n}县" for n in range(25)] + ["广东省深圳市"]
    groups = circles(hebei + shanxi + loose)
    assert sorted(name for group in groups for name in group) == sorted(hebei + shanxi + loose)
    assert all(2 <= len(group) <= CIRCLE for group in groups)
    assert sorted(shanxi) in groups  # a province under the limit stays whole
    assert [len(group) for group in groups if group[0].startswith("河北省")] == [75, 75]  # near-equal halves
    assert sorted(loose) in groups  # the province alone in its province joins those without one


def test_circles_are_the_same_in_the_whole_run_and_in_their_tasks(documents, monkeypatch):
    import docproc.benchmark as benchmark
    from docproc.model import Document, Duty

    monkeypatch.setattr(benchmark, "CIRCLE", 3)
    # Six governments restating the sample city's duties of two kinds: two circles of three each.
    copies = []
    for number in range(6):
        for doc in documents[:4]:
            copy = Document(file=f"{number}-{doc.file}", department=f"第{number}县{doc.department[3:]}",
                            government=f"第{number}县")
            copy.duties = [Duty(no=d.no, label=d.label, text=d.text) for d in doc.duties]
            copies.append(copy)
    tasks, _ = plan(copies)
    kinds = [task for task in tasks if task.scope == "kind"]
    assert kinds and all(len({doc.government for doc in task.documents}) == 3 for task in kinds)
    assert {"（第1组）" in task.name or "（第2组）" in task.name for task in kinds} == {True}
    run = detect(copies, benchmark=True)
    whole = OverlapFinder(across_governments=True).benchmark(copies)
    across = [f for f in run.findings if f.a.government != f.b.government]
    assert across and _scores(across) == _scores(whole)
    circle_of = {name: n for n, group in enumerate(benchmark.circles({d.government for d in copies})) for name in group}
    assert all(circle_of[f.a.government] == circle_of[f.b.government] for f in across)


def test_two_merged_offices_meet_once_though_each_is_in_two_kinds_tasks():
    from docproc import parse_bytes

    texts = {
        "甲县教育体育局.txt": "甲县教育体育局主要职责：\n（一）负责全县学前教育和义务教育管理。\n"
                             "（二）统筹全县全民健身工作。\n",
        "乙县教育体育局.txt": "乙县教育体育局主要职责：\n（一）统筹管理全县学前教育、义务教育。\n"
                             "（二）负责全县全民健身工作。\n",
        "丙县体育局.txt": "丙县体育局主要职责：\n（一）负责全县全民健身和群众体育工作。\n",
        "丁县教育局.txt": "丁县教育局主要职责：\n（一）负责全县义务教育和学前教育管理。\n",
    }
    documents = [parse_bytes(text.encode("utf-8"), name) for name, text in texts.items()]
    assert {task.name for task in plan(documents)[0] if task.scope == "kind"} == {"教育", "体育"}
    run = detect(documents)
    keys = [f.key for f in run.findings]
    assert len(keys) == len(set(keys))
    whole = OverlapFinder(across_governments=True).fit(documents).findings_
    assert _scores(run.findings) == _scores([f for f in whole if f.a.government != f.b.government])
    merged = [f for f in run.findings if "教育体育局" in f.a.department and "教育体育局" in f.b.department]
    assert {(f.a.no, f.b.no) for f in merged} >= {(1, 1), (2, 2)}

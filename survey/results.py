"""Results of a round from its stored responses: per department and group, k-anonymous.

Pure functions. A response is (group, answers) where each answer is a dict
with the department ("department"), the scale label ("label") — in a round
with dimensions the label of each dimension ("ratings") — and an optional
comment ("comment"). Every view and export is built from `round_results`, so
the k rule (样本不足) holds everywhere alike, for every dimension too.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docproc.safe_output import save_workbook, scrubbed
from docproc.sheet_layout import lay_out

from .aggregate import DepartmentResult, combine, merge, summarise
from .rounds import Round

HIDDEN_TEXT = "样本不足"


@dataclass
class RoundResults:
    round: Round
    responses: int
    departments: list[DepartmentResult]
    comments: dict[str, list[str]] = field(default_factory=dict)  # department → comments
    comments_hidden: list[str] = field(default_factory=list)  # departments with fewer than k answers
    # A round with dimensions: dimension → its result per department (in the round's order);
    # `departments` then holds the overall result the dimensions make (aggregate.combine).
    dimensions: dict[str, list[DepartmentResult]] = field(default_factory=dict)

    def to_json(self, round_id: int) -> dict:
        """The JSON of `sanding round results --json`: null wherever k hides a value; a round
        with dimensions adds `dimensions`, each with the same `departments` shape."""
        found = {"round": round_id, "responses": self.responses,
                 "departments": [_department_json(result) for result in self.departments]}
        if self.dimensions:
            found["dimensions"] = [{"dimension": name, "departments": [_department_json(r) for r in results]}
                                   for name, results in self.dimensions.items()]
        return found


def _department_json(result: DepartmentResult) -> dict:
    return {"department": result.department, "score": result.score, "left_out": result.left_out,
            "groups": [{"group": g.group, "n": g.n, "mean": None if g.hidden else g.mean,
                        "trimmed_mean": None if g.hidden else g.trimmed_mean} for g in result.groups]}


def round_results(survey_round: Round, responses: list[tuple[str, list[dict]]],
                  groups: list[str] | None = None) -> RoundResults:
    """Summarise every department for every group (or only `groups`, a filtered view).

    A filtered view applies the same k rule to each cell it shows, and its
    merged score only merges the groups shown.
    """
    shown = list(groups) if groups else list(survey_round.groups)
    for group, _answers in responses:  # groups found in responses but missing from the weights
        if not groups and group not in shown:
            shown.append(group)
    # (dimension, department, group) → labels; the dimension is "" in a round without dimensions
    labels: dict[tuple[str, str, str], list[str]] = {}
    answered: dict[str, int] = {}
    comments: dict[str, list[str]] = {}
    for group, answers in responses:
        for answer in answers:
            department = answer["department"]
            if survey_round.dimensions:
                for name, label in (answer.get("ratings") or {}).items():
                    labels.setdefault((name, department, group), []).append(label)
            else:
                labels.setdefault(("", department, group), []).append(answer["label"])
            answered[department] = answered.get(department, 0) + 1
            if answer.get("comment"):
                comments.setdefault(department, []).append(answer["comment"])

    def department_results(dimension: str, scale) -> list[DepartmentResult]:
        found = []
        for department in survey_round.departments:
            summaries = [summarise(group, labels.get((dimension, department, group), []), scale,
                                   k=survey_round.k_min, trim=survey_round.trim) for group in shown]
            found.append(merge(department, summaries, survey_round.groups))
        return found
    by_dimension = {d.name: department_results(d.name, d.scale) for d in survey_round.dimensions}
    if by_dimension:
        results = [combine(department, [found[index] for found in by_dimension.values()], survey_round.groups)
                   for index, department in enumerate(survey_round.departments)]
    else:
        results = department_results("", survey_round.rating_scale)
    hidden = [d for d in survey_round.departments if answered.get(d, 0) < survey_round.k_min]
    visible = {d: sorted(texts) for d, texts in comments.items() if d not in hidden}
    return RoundResults(survey_round, len(responses), results, visible, hidden, by_dimension)


def results_xlsx(results: RoundResults, title: str) -> bytes:
    """An .xlsx of the results: one row per department and group, then the comments; a round
    with dimensions adds a sheet of one row per dimension, department and group.

    Cells the k rule hides read 样本不足; a merged score says which groups it left out.
    """
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    results, title = scrubbed((results, title))
    # The overall figures of a round with dimensions are means over scales that may differ:
    # no one distribution of answers belongs to them.
    labels = [] if results.dimensions else results.round.rating_scale.labels()
    book = Workbook()
    sheet = book.active
    sheet.title = "评议结果"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"有效答卷 {results.responses} 份；每组少于 {results.round.k_min} 个有效评价的显示“{HIDDEN_TEXT}”"
                  + ("；综合得分为各评议维度得分的平均" if results.dimensions else "")])
    header = ["部门", "综合得分", "未计入综合得分的组别", *GROUP_HEADER, *labels]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for result in results.departments:
        for cells in _group_rows(result, labels):
            sheet.append(cells)
    if results.dimensions:
        _dimension_sheet(book.create_sheet("分维度结果"), results)
    comments = book.create_sheet("意见建议")
    comments.append(["部门", "意见建议"])
    for department in results.round.departments:
        if department in results.comments_hidden:
            comments.append([department, HIDDEN_TEXT])
            continue
        for text in results.comments.get(department, []):
            comments.append([department, text])
    for column, width in zip("ABCD", (28, 10, 24, 16)):
        sheet.column_dimensions[column].width = width
    comments.column_dimensions["A"].width = 28
    comments.column_dimensions["B"].width = 80
    lay_out(sheet, header_row=3)
    lay_out(comments, header_row=1)
    buffer = io.BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()


GROUP_HEADER = ["组别", "有效评价数", "平均分", "去极值平均分", "去掉的极值", "满意率(%)"]


def _group_rows(result: DepartmentResult, labels: Sequence[str]) -> list[list]:
    """One row per group of a department's result: department, merged score, groups left out,
    then the group's figures and the count of each answer in `labels` (样本不足 where hidden)."""
    score = HIDDEN_TEXT if result.score is None else result.score
    left_out = "、".join(f"{name}（{HIDDEN_TEXT}）" for name in result.left_out)
    found = []
    for group in result.groups:
        values: Sequence[object]
        if group.hidden:
            values = [HIDDEN_TEXT] * (4 + len(labels))
        else:
            values = [group.mean, group.trimmed_mean,
                      "、".join(f"{v:g}" for v in group.dropped), group.satisfaction_rate,
                      *[group.distribution.get(label, 0) if label in group.distribution else "" for label in labels]]
        found.append([result.department, score, left_out, group.group, group.n, *values])
    return found


def _dimension_sheet(sheet, results: RoundResults) -> None:
    """The sheet of a round with dimensions: its figures per dimension, department and group,
    with a column for every answer of any dimension's scale (empty where a scale lacks it)."""
    from openpyxl.styles import Font

    labels = list(dict.fromkeys(label for dimension in results.round.dimensions
                                for label in dimension.scale.labels()))
    sheet.append(["评议维度", "部门", "维度得分", "未计入维度得分的组别", *GROUP_HEADER, *labels])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for name, found in results.dimensions.items():
        for result in found:
            for cells in _group_rows(result, labels):
                sheet.append([name, *cells])
    for column, width in zip("ABCDE", (14, 28, 10, 24, 16)):
        sheet.column_dimensions[column].width = width
    lay_out(sheet, header_row=1)

"""Results of a round from its stored responses: per department and group, k-anonymous.

Pure functions. A response is (group, answers) where each answer is a dict
with the department ("department"), the scale label ("label") and an optional
comment ("comment"). Every view and export is built from `round_results`, so
the k rule (样本不足) holds everywhere alike.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docproc.safe_output import save_workbook, scrubbed
from docproc.sheet_layout import lay_out

from .aggregate import DepartmentResult, merge, summarise
from .rounds import Round

HIDDEN_TEXT = "样本不足"


@dataclass
class RoundResults:
    round: Round
    responses: int
    departments: list[DepartmentResult]
    comments: dict[str, list[str]] = field(default_factory=dict)  # department → comments
    comments_hidden: list[str] = field(default_factory=list)  # departments with fewer than k answers

    def to_json(self, round_id: int) -> dict:
        """The JSON of `sanding round results --json`: null wherever k hides a value."""
        return {"round": round_id, "responses": self.responses, "departments": [
            {"department": result.department, "score": result.score,
             "left_out": result.left_out,
             "groups": [{"group": g.group, "n": g.n,
                         "mean": None if g.hidden else g.mean,
                         "trimmed_mean": None if g.hidden else g.trimmed_mean}
                        for g in result.groups]}
            for result in self.departments]}


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
    labels: dict[tuple[str, str], list[str]] = {}
    answered: dict[str, int] = {}
    comments: dict[str, list[str]] = {}
    for group, answers in responses:
        for answer in answers:
            department = answer["department"]
            labels.setdefault((department, group), []).append(answer["label"])
            answered[department] = answered.get(department, 0) + 1
            if answer.get("comment"):
                comments.setdefault(department, []).append(answer["comment"])
    results = []
    for department in survey_round.departments:
        summaries = [summarise(group, labels.get((department, group), []), survey_round.rating_scale,
                               k=survey_round.k_min, trim=survey_round.trim) for group in shown]
        results.append(merge(department, summaries, survey_round.groups))
    hidden = [d for d in survey_round.departments if answered.get(d, 0) < survey_round.k_min]
    visible = {d: sorted(texts) for d, texts in comments.items() if d not in hidden}
    return RoundResults(survey_round, len(responses), results, visible, hidden)


def results_xlsx(results: RoundResults, title: str) -> bytes:
    """An .xlsx of the results: one row per department and group, then the comments.

    Cells the k rule hides read 样本不足; a merged score says which groups it left out.
    """
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    results, title = scrubbed((results, title))
    scale = results.round.rating_scale
    book = Workbook()
    sheet = book.active
    sheet.title = "评议结果"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"有效答卷 {results.responses} 份；每组少于 {results.round.k_min} 个有效评价的显示“{HIDDEN_TEXT}”"])
    header = ["部门", "综合得分", "未计入综合得分的组别", "组别", "有效评价数", "平均分", "去极值平均分",
              "去掉的极值", "满意率(%)", *scale.labels()]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for result in results.departments:
        score = HIDDEN_TEXT if result.score is None else result.score
        left_out = "、".join(f"{name}（{HIDDEN_TEXT}）" for name in result.left_out)
        for group in result.groups:
            values: Sequence[object]
            if group.hidden:
                values = [HIDDEN_TEXT] * 4 + [HIDDEN_TEXT] * len(scale.labels())
            else:
                values = [group.mean, group.trimmed_mean,
                          "、".join(f"{v:g}" for v in group.dropped), group.satisfaction_rate,
                          *[group.distribution.get(label, 0) for label in scale.labels()]]
            sheet.append([result.department, score, left_out, group.group, group.n, *values])
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

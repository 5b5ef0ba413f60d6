"""Raw responses of a round (原始答卷), exported so that no row can be tied to a rater.

One row per department a response answered: the department, the rater group, the rating
(one column per dimension in a round with dimensions), the comment and the date; nothing else.
- No rater: a stored response carries none (webapp/store/rounds.py), and no column joins the
  rows of one response either, since the set of departments a rater rates can be theirs alone
  (survey.raters.singled_out) and would point at them with all their ratings.
- No order: the rows are shuffled by the operating system's random source, then put in the
  round's order of departments by a stable sort, so that within a department they stay in
  random order, independent of every other department's.
- No time finer than the day, and a coarser one where the day would make a cut of fewer than
  k rows: the date is the only cut the export adds to those the results show (department and
  group), so it is given by day only if every department, group and day has k rows or none,
  else by month on the same terms, else not at all. A back-to-back round's responses all
  carry its closing day.
- Only when the k rule holds for the whole round: every department and group that has answers
  has at least k valid ones, in every dimension; where the results show 样本不足, rows would
  show what those few raters said.
"""
from __future__ import annotations

import csv
import io
import secrets
from collections import Counter
from dataclasses import dataclass, field

from docproc.safe_output import csv_row, save_workbook, scrubbed
from docproc.sheet_layout import lay_out

from .results import round_results
from .rounds import Round

DATE_PRECISIONS = ("日", "月", "评议期间")  # the date column's precision, finest first


class ExportRefused(ValueError):
    """Raw responses that may not leave the system; the message says why, in Chinese."""


@dataclass
class RawResponses:
    header: list[str]
    rows: list[list[str]]
    date_precision: str  # one of DATE_PRECISIONS
    notes: list[str] = field(default_factory=list)  # what the export holds and leaves out, in Chinese


def raw_responses(survey_round: Round, responses: list[tuple[str, str, list[dict]]]) -> RawResponses:
    """The rows of every (group, day, answers) response, or ExportRefused when the k rule
    does not hold for the round (the message names each department and group that breaks it)."""
    if not responses:
        raise ExportRefused("本轮还没有答卷，没有可导出的原始答卷。")
    _check_k(survey_round, [(group, answers) for group, _day, answers in responses])
    names = [d.name for d in survey_round.dimensions]
    found = []
    for group, day, answers in responses:
        for answer in answers:
            if names:
                ratings = answer.get("ratings") or {}
                values = [ratings.get(name, "") for name in names]
            else:
                values = [answer["label"]]
            found.append([answer["department"], group, *values, answer.get("comment", ""), day])
    precision = _date_precision(found, survey_round.k_min)
    for row in found:
        row[-1] = _coarse(row[-1], precision)
    secrets.SystemRandom().shuffle(found)
    position = {name: number for number, name in enumerate(survey_round.departments)}
    found.sort(key=lambda row: position.get(row[0], len(position)))  # stable: random within each department
    header = ["部门", "组别", *(names or ["评价"]), "意见建议", "日期"]
    return RawResponses(header, found, precision, _notes(survey_round, precision))


def _check_k(survey_round: Round, responses: list[tuple[str, list[dict]]]) -> None:
    """ExportRefused naming every department, group (and dimension) with answers but under k."""
    results = round_results(survey_round, responses)
    tables = results.dimensions.items() if results.dimensions else [("", results.departments)]
    short = []
    for dimension, departments in tables:
        for result in departments:
            for group in result.groups:
                if group.answered and group.hidden:
                    where = f"{dimension}，" if dimension else ""
                    short.append(f"{result.department}·{group.group}（{where}{group.n} 个）")
    if short:
        listed = "、".join(short[:10]) + (f"等 {len(short)} 处" if len(short) > 10 else "")
        raise ExportRefused(f"不能导出原始答卷：{listed}的有效评价少于本轮的最少样本数 k（{survey_round.k_min} 个），"
                            "逐条导出会暴露个别评议人的评价（评议结果中这些格显示“样本不足”）。")


def _date_precision(rows: list[list[str]], k: int) -> str:
    """The finest date precision at which every department, group and date has k rows or none."""
    for precision in DATE_PRECISIONS:
        counts = Counter((row[0], row[1], _coarse(row[-1], precision)) for row in rows)
        if min(counts.values()) >= k:
            return precision
    return DATE_PRECISIONS[-1]


def _coarse(day: str, precision: str) -> str:
    """A stored day (YYYY-MM-DD) at `precision`: itself, its month, or nothing."""
    return {"日": day[:10], "月": day[:7]}.get(precision, "")


def _notes(survey_round: Round, precision: str) -> list[str]:
    dated = {"日": "日期精确到日", "月": "日期只精确到月（精确到日会使某部门、组别某日的答卷少于 k 份）",
             "评议期间": "不含日期（按日、按月都会使某部门、组别的答卷少于 k 份）"}[precision]
    scales = [(d.name, d.scale) for d in survey_round.dimensions] or [("评价", survey_round.rating_scale)]
    return ["每行是一份答卷对一个部门的评价；不含评议人的姓名、单位、链接或提交顺序。",
            "各行已随机打乱（同一部门的行排在一起，部门内顺序随机），不同部门的行不能拼回同一份答卷。",
            dated + "。",
            f"本轮每个有答卷的部门和组别，有效评价均不少于最少样本数 k（{survey_round.k_min} 个）。",
            *[f"{name}：" + "、".join(f"{o.label}={'不计分' if o.value is None else f'{o.value:g}'}"
                                      for o in scale.options) for name, scale in scales]]


def raw_xlsx(raw: RawResponses, title: str) -> bytes:
    """The rows as .xlsx: header in row 1 (frozen), then a sheet 说明 with the notes."""
    from openpyxl import Workbook

    raw, title = scrubbed((raw, title))
    book = Workbook()
    sheet = book.active
    sheet.title = "原始答卷"
    sheet.append(raw.header)
    for row in raw.rows:
        sheet.append(row)
    lay_out(sheet, header_row=1)
    notes = book.create_sheet("说明")
    notes.append([title])
    for line in raw.notes:
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    lay_out(notes, header_row=1)
    buffer = io.BytesIO()
    save_workbook(book, buffer)
    return buffer.getvalue()


def raw_csv(raw: RawResponses) -> bytes:
    """The rows as CSV in UTF-8 with a byte order mark, which Excel and WPS need to read Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(raw.header))
    for row in raw.rows:
        writer.writerow(csv_row(row))
    return buffer.getvalue().encode("utf-8-sig")

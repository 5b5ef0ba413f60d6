"""Every export neutralises formula-like text and drops characters its format cannot hold.

Hostile text goes into every .xlsx, .csv and .docx writer (the web routes and the CLI call these
same functions); the results are opened with openpyxl and python-docx, and one of each kind with
LibreOffice headless, which is what an office opens them with (besides Excel and WPS).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook, load_workbook

from docproc import parse_bytes
from docproc.boundary import BoundaryRow
from docproc.boundary import write_xlsx as boundary_xlsx
from docproc.diff import Diff, DutyRef, diff
from docproc.diff import write_docx as diff_docx
from docproc.handbook import Matter
from docproc.handbook import write_docx as handbook_docx
from docproc.safe_output import csv_row, inert, plain, save_workbook, unquoted
from survey.dimensions import Dimension
from survey.evaluation.evaluate import DepartmentInputs, ManualScore, evaluate
from survey.evaluation.indicators import Indicator, IndicatorSystem
from survey.evaluation.indicators import from_xlsx as system_from_xlsx
from survey.evaluation.indicators import to_xlsx as system_xlsx
from survey.evaluation.rectification import Entry
from survey.evaluation.rectification import to_xlsx as ledger_xlsx
from survey.evaluation.report import DepartmentReport, department_report, ranking_xlsx, summary_report
from survey.evaluation.score_sheet import read_sheet, write_sheet
from survey.raw_responses import raw_csv, raw_responses, raw_xlsx
from survey.reform.leader_posts import PostLine, Snapshot
from survey.reform.leader_posts import write_xlsx as leader_xlsx
from survey.results import results_xlsx, round_results
from survey.rounds import Round
from survey.scales import PUBLIC

FORMULAS = ['=HYPERLINK("http://evil.example","点此查看")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "\n=1+1"]
CONTROL = "名称\x00\x07\x0b\x1b\ud800\ufffe结束"
HOSTILE = FORMULAS + [CONTROL]


def _cells(data: bytes):
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def _assert_inert(data: bytes) -> list[str]:
    """No cell of the workbook is a formula or starts like one; returns the text cells."""
    texts = []
    for cell in _cells(data):
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")) or \
                cell.value in ("-", "+"), (cell.coordinate, cell.value)
            texts.append(cell.value)
    return texts


def _shows_every_hostile_text(texts: list[str]) -> None:
    """The user still reads what was typed: formulas as text, controls dropped."""
    joined = "\n".join(unquoted(text) for text in texts)
    for text in FORMULAS:
        assert text.strip("\t\r\n") in joined
    assert "名称结束" in joined


def test_the_rules():
    assert inert("=1+1") == "'=1+1" and unquoted(inert("=1+1")) == "=1+1"
    assert inert("-") == "-" and inert("-3.5") == "-3.5" and inert("+86") == "+86"
    assert inert("-1+cmd|' /C calc'!A0").startswith("'")
    assert inert("普通文字") == "普通文字" and unquoted("'普通") == "'普通"
    assert plain(CONTROL) == "名称结束" and plain("a\tb\nc\r") == "a\tb\nc\r"
    assert csv_row(["@x", 3, None]) == ["'@x", 3, None]


def test_save_workbook_overrides_the_formula_openpyxl_guessed():
    book = Workbook()
    book.active.append(["=1+1", "@A1", 5])
    assert book.active["A1"].data_type == "f"  # what openpyxl makes of such text on its own
    buffer = io.BytesIO()
    save_workbook(book, buffer)
    assert _assert_inert(buffer.getvalue()) == ["'=1+1", "'@A1"]


def _system() -> IndicatorSystem:
    return IndicatorSystem("体系" + FORMULAS[0], [
        Indicator((FORMULAS[0],), 0.5), Indicator((FORMULAS[0], FORMULAS[1]), 1.0, 10, "manual",
                                                  description=CONTROL),
        Indicator((FORMULAS[3],), 0.5), Indicator((FORMULAS[3], CONTROL), 1.0, 10, "manual")])


def _evaluations(system: IndicatorSystem):
    departments = [FORMULAS[2], CONTROL]
    inputs = [DepartmentInputs(name, manual={leaf.path: ManualScore(8, FORMULAS[4] + CONTROL, "评估员", "2026-12-01")
                                             for leaf in system.leaves()}) for name in departments]
    return evaluate(system, inputs)


def _entry() -> Entry:
    return Entry(FORMULAS[2], FORMULAS[0] + CONTROL, FORMULAS[1], FORMULAS[3], dt.date(2026, 12, 31),
                 proof=FORMULAS[5], no=1)


def _xlsx_exports() -> dict[str, bytes]:
    system = _system()
    evaluations = _evaluations(system)
    survey_round = Round("轮次" + CONTROL, "public", "示例市", 2026, [FORMULAS[0], CONTROL], k_min=1)
    answers = [("服务对象", [{"department": FORMULAS[0], "label": "满意", "comment": text}]) for text in HOSTILE]
    results = round_results(survey_round, answers)
    snapshot = Snapshot(dt.date(2026, 9, 30), [PostLine(FORMULAS[0], FORMULAS[1], 1, 2, [FORMULAS[3], CONTROL])])
    boundary = [BoundaryRow(1, FORMULAS[0], FORMULAS[1], [FORMULAS[2], CONTROL], FORMULAS[2], [CONTROL],
                            HOSTILE, FORMULAS[3], "已确认", division_of_work=FORMULAS[4])]
    exports = {
        **_survey_dimension_exports(),
        "system.xlsx": system_xlsx(system),
        "ranking.xlsx": ranking_xlsx(system, evaluations, government="示例市"),
        "ledger.xlsx": ledger_xlsx([_entry()], dt.date(2026, 12, 1)),
        "scores.xlsx": write_sheet(system, [FORMULAS[2]], {(FORMULAS[2], system.leaves()[0].path): (8, FORMULAS[6])}),
        "results.xlsx": results_xlsx(results, "结果" + FORMULAS[0]),
        "leaders.xlsx": leader_xlsx(snapshot, with_names=True),
    }
    return {**exports, "boundary.xlsx": _boundary_bytes(boundary)}


def _dimension_round() -> tuple[Round, list]:
    """A public round rating two dimensions named to attack (a name holds no colon or @), its
    answers commented with every hostile text."""
    survey_round = Round("轮次" + CONTROL, "public", "示例市", 2026, [FORMULAS[0], CONTROL], k_min=1,
                         dimensions=[Dimension(FORMULAS[1], PUBLIC), Dimension(FORMULAS[2] + CONTROL, PUBLIC)])
    ratings = {FORMULAS[1]: "满意", FORMULAS[2] + CONTROL: "不满意"}
    answers = [("服务对象", "2026-12-01", [{"department": FORMULAS[0], "ratings": ratings, "comment": text}])
               for text in HOSTILE]
    return survey_round, answers


def _survey_dimension_exports() -> dict[str, bytes]:
    survey_round, answers = _dimension_round()
    results = round_results(survey_round, [(group, found) for group, _day, found in answers])
    return {"results_dimensions.xlsx": results_xlsx(results, "结果" + FORMULAS[0]),
            "raw.xlsx": raw_xlsx(raw_responses(survey_round, answers), "原始答卷" + FORMULAS[0])}


def test_raw_responses_csv_is_inert():
    survey_round, answers = _dimension_round()
    data = raw_csv(raw_responses(survey_round, answers)).decode("utf-8-sig")
    fields = [field for row in csv.reader(io.StringIO(data)) for field in row]
    assert not any(field.startswith(("=", "+", "-", "@", "\t", "\r", "\n")) for field in fields), fields
    _shows_every_hostile_text(fields)
    assert "\x00" not in data and "\x07" not in data


def _boundary_bytes(rows: list[BoundaryRow]) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "boundary.xlsx"
        boundary_xlsx(rows, path)
        return path.read_bytes()


@pytest.mark.parametrize("name", ["system.xlsx", "ranking.xlsx", "ledger.xlsx", "scores.xlsx", "results.xlsx",
                                  "leaders.xlsx", "boundary.xlsx", "results_dimensions.xlsx", "raw.xlsx"])
def test_every_xlsx_export_is_inert(name):
    texts = _assert_inert(_xlsx_exports()[name])
    assert any(text.startswith("'=") or text.startswith("'+") or text.startswith("'@") for text in texts)
    assert "名称结束" in "".join(texts)


def test_every_xlsx_export_has_a_frozen_header_and_column_widths():
    """Not a security matter, but checked on the same exports: the office's layout (#18)."""
    for name, data in _xlsx_exports().items():
        for sheet in load_workbook(io.BytesIO(data)).worksheets:
            assert sheet.freeze_panes, (name, sheet.title)
            letters = {cell.column_letter for row in sheet.iter_rows() for cell in row}
            assert all(sheet.column_dimensions[letter].customWidth for letter in letters), (name, sheet.title)


def test_exports_round_trip_through_our_importers():
    """A sheet we wrote and the office fills in reads back as typed (the apostrophe is ours)."""
    system = _system()
    assert [i.path for i in system_from_xlsx(system_xlsx(system)).indicators] == [
        (FORMULAS[0],), (FORMULAS[0], FORMULAS[1]), (FORMULAS[3],), (FORMULAS[3], "名称结束")]
    sheet = write_sheet(system, [FORMULAS[2]], {(FORMULAS[2], system.leaves()[0].path): (8, FORMULAS[0])})
    scores = read_sheet(sheet, "评分.xlsx", system, [FORMULAS[2]])
    assert [(s.department, s.evidence) for s in scores] == [(FORMULAS[2], FORMULAS[0])]


def test_every_docx_export_holds_the_hostile_text():
    system = _system()
    evaluations = _evaluations(system)
    report = DepartmentReport(evaluations[0], conclusion=CONTROL, overlaps=HOSTILE, surveys=[CONTROL],
                              rectification=[_entry()])
    documents = {
        "report": department_report(system, report, government="示例市" + CONTROL),
        "summary": summary_report(system, evaluations, government="示例市", title="通报" + CONTROL),
        "handbook": _write(handbook_docx, [Matter(1, CONTROL, FORMULAS[0], FORMULAS[2], [CONTROL], FORMULAS[4],
                                                  FORMULAS[3])]),
        "diff": _write(diff_docx, _diff()),
    }
    for name, data in documents.items():
        word = docx.Document(io.BytesIO(data))
        text = "\n".join([p.text for p in word.paragraphs]
                         + [c.text for t in word.tables for row in t.rows for c in row.cells])
        assert "名称结束" in text, name
        assert "\x07" not in text and "\ud800" not in text


def _diff() -> Diff:
    title = "示例市测试局职能配置、内设机构和人员编制规定\n主要职责\n（一）负责测试工作。\n"
    old = parse_bytes(title.encode(), "旧.txt")
    new = parse_bytes((title + "（二）负责检验检测工作。\n").encode(), "新.txt")
    result = diff(old, new)
    result.added = [DutyRef(2, "（二）", FORMULAS[0] + CONTROL)]
    return result


def _write(writer, data) -> bytes:
    buffer = io.BytesIO()
    writer(data, buffer)
    return buffer.getvalue()


def test_round_tokens_csv_is_inert(tmp_path, monkeypatch):
    """`sanding round tokens --csv` with rater names typed to attack whoever opens the file."""
    from click.testing import CliRunner

    from webapp.cli import main as cli

    monkeypatch.setenv("SANDING_DB", str(tmp_path / "s.db"))
    monkeypatch.setenv("SANDING_SECRET_KEY", "export-cells-test")
    runner = CliRunner()
    departments = tmp_path / "部门.txt"
    departments.write_text("示例市水利局\n", "utf-8")
    raters = tmp_path / "评议人.csv"
    raters.write_text("姓名,单位,组别,评议部门\n"
                      '"=HYPERLINK(""http://evil.example"",""x"")",@单位,区市党政领导,示例市水利局\n'
                      "-2+3+cmd,+单位,区市党政领导,示例市水利局\n", "utf-8")
    made = runner.invoke(cli, ["round", "create", "--name", "测试轮次", "--kind", "county", "--government", "示例市",
                               "--departments", str(departments), "--raters", str(raters)])
    assert made.exit_code == 0, made.output
    out = runner.invoke(cli, ["round", "tokens", "1", "--csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.reader(io.StringIO(out.output)))
    assert len(rows) == 2
    for row in rows:
        assert all(not field.startswith(("=", "+", "-", "@")) for field in row), row
    assert {row[2] for row in rows} == {"'" + '=HYPERLINK("http://evil.example","x")', "'-2+3+cmd"}


# --- LibreOffice, one of each kind -----------------------------------------------------------------


def _soffice(source: Path, target_format: str, out: Path) -> Path:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is installed by `make test` (libreoffice-calc-nogui, -writer-nogui)"
    profile = out / "profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    target_format, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    converted = out / (source.stem + "." + target_format.split(":")[0])
    assert converted.exists(), f"LibreOffice did not convert {source.name}"
    return converted


@pytest.mark.slow
def test_libreoffice_opens_each_kind_without_evaluating_anything(tmp_path):
    exports = _xlsx_exports()
    sheet = tmp_path / "results.xlsx"
    sheet.write_bytes(exports["results.xlsx"])
    # LibreOffice recalculates on load when it converts; a formula would come out as its value
    as_csv = _soffice(sheet, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "from_xlsx")
    fields = [field for row in csv.reader(io.StringIO(as_csv.read_text("utf-8"))) for field in row]
    assert "'" + FORMULAS[0] in fields and "点此查看" not in fields and "2" not in fields

    written = tmp_path / "tokens.csv"
    with open(written, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([csv_row(["名单", text]) for text in HOSTILE])
    reopened = load_workbook(_soffice(written, "xlsx", tmp_path / "from_csv"))
    for row in reopened.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f" and cell.value not in (2, "2"), (cell.coordinate, cell.value)

    report = tmp_path / "report.docx"
    system = _system()
    report.write_bytes(department_report(system, DepartmentReport(_evaluations(system)[0], conclusion=CONTROL,
                                                                  overlaps=HOSTILE), government="示例市"))
    text = _soffice(report, "txt:Text (encoded):UTF8", tmp_path / "from_docx").read_text("utf-8-sig")
    assert "名称结束" in text and FORMULAS[0] in text

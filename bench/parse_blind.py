"""Department, government and duty items on documents written blind to the parser
(tests/data/parse_blind*.json).

Each round is a set of fictional 三定 texts, budget pages and site pages in the layouts real
copies come in (通知 wrappers, the name only in `第二条`, site chrome and spam before the title,
flattened and PDF-wrapped text, traditional characters, page fragments named only by their
file), written and labelled by hand by a helper who never opened docproc/, bench/, tests/ or
corpus/ and split when written (odd cases development, even evaluation). Each case is parsed
as a user uploads it, under its own file name, as the .txt it was written as and as a Word
file, a PDF (running header, page numbers, wrapped lines) and a web page made from it, and
checked. A case whose text is a file's source (HTML or XML markup, CSV, Markdown) is read only as
the .txt it is: nobody pastes markup into a Word file. Checked:

- department: the labelled name or one of the other forms it accepts (simplified, no spaces),
  or a short name given its labelled government (`县住建局` of 袪山县 as `袪山县住建局`; a township's
  unit with or without its county, `韭口镇党政综合办公室` of 韖阳县 as `韖阳县韭口镇党政综合办公室` and
  `歆阳县欷坪乡民政办公室` as `欷坪乡民政办公室`); where nothing names the department, none;
- government: the labelled government or a tail of it (`岳峰区` for `沙坪市岳峰区`);
- items: the complete duty items exactly, in order (as bench/parse_quality.py compares them).

Only the development part is listed case by case (`--verbose`); the evaluation part is reported
in totals, and only when asked (`--evaluation`), so that tuning never sees it.

    .venv/bin/python bench/parse_blind.py [--verbose] [--evaluation] [--formats txt,docx,pdf,html]
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from bench.parse_quality import compact  # noqa: E402


def round_number(path: Path) -> int:
    """`parse_blind10.json` → 10 (rounds sort by number, not by name)."""
    return int(re.search(r"(\d+)\.json$", path.name).group(1))


DATA = sorted((REPO / "tests" / "data").glob("parse_blind*.json"), key=round_number)
FORMATS = ("txt", "docx", "pdf", "html")
_SOURCE_FILE = re.compile(r"\.(?:csv|md|xml|json)\.txt$")


def is_source_text(case: dict) -> bool:
    """A file's source saved as text (`<?xml …`, `<!DOCTYPE html>`, `x.csv.txt`): read only as .txt."""
    return case["text"].lstrip().startswith("<") or bool(_SOURCE_FILE.search(case["file"]))


def write_copy(text: str, path: Path) -> None:
    """The text as the file a user would upload in the format of `path`'s suffix."""
    lines = text.splitlines()
    if path.suffix == ".txt":
        path.write_text(text, "utf-8")
    elif path.suffix == ".docx":
        from docx import Document

        doc = Document()
        for line in lines:
            doc.add_paragraph(line)
        doc.save(str(path))
    elif path.suffix == ".html":
        body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
        path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(path.stem)}"
                        f"</title></head><body><div class='article'>{body}</div></body></html>", "utf-8")
    elif path.suffix == ".pdf":
        from fpdf.enums import WrapMode, XPos, YPos

        from corpus.make_formats import CJK_FONT, GovPDF

        class PagedPDF(GovPDF):
            """Page numbers only: the sample city's running head (`示例市…`) would name a place the text
            does not."""
            def header(self) -> None:
                pass

        pdf = PagedPDF(format="A4", unit="mm")
        pdf.add_font("cjk", "", str(CJK_FONT), collection_font_number=0)
        pdf.set_margins(28, 20, 26)
        pdf.set_auto_page_break(True, margin=25)
        pdf.add_page()
        pdf.set_font("cjk", size=12)
        for line in lines:
            pdf.multi_cell(0, 6.8, line.replace("\t", "    ") or " ", align="L", wrapmode=WrapMode.CHAR,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.output(str(path))
    else:
        raise ValueError(path.suffix)


_TOWNSHIP_UNIT = re.compile(r"^[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道)")


def government_right(found: str | None, label: str | None) -> bool:
    if not label:
        return found is None
    found_compact = compact(found) if found else ""
    return len(found_compact) >= 2 and compact(label).endswith(found_compact)


def check(case: dict, fmt: str, folder: Path) -> dict:
    import docproc
    from docproc.errors import ParseError

    path = folder / (Path(case["file"]).stem + "." + fmt)
    write_copy(case["text"], path)
    try:
        doc = docproc.parse(path)
    except ParseError as error:
        return {"department": f"失败：{error}", "department_ok": False, "government": None,
                "government_ok": False, "items_ok": False, "items": "0"}
    finally:
        path.unlink()
    accepted = {compact(name) for name in [case["department"], *case.get("department_accepted", [])] if name}
    if case["department"] and case["government"] and case["department"][0] in "省市县区":
        # `县住建局` of 袪山县 named in full, `袪山县住建局`: the same department
        accepted.add(compact(case["government"] + case["department"][1:]))
    elif case["department"] and case["government"]:
        # a township's unit, with its county or without (the government says it): `韭口镇党政综合办公室` of
        # 韖阳县 as `韖阳县韭口镇党政综合办公室`, `歆阳县欷坪乡民政办公室` as its papers name it, `欷坪乡民政办公室`
        department, government = case["department"], case["government"]
        if _TOWNSHIP_UNIT.match(department):
            accepted.add(compact(government + department))
        elif department.startswith(government) and _TOWNSHIP_UNIT.match(department[len(government):]):
            accepted.add(compact(department[len(government):]))
    department = compact(doc.department) if doc.department else None
    want = [compact(item) for item in case["duties"]]
    have = [compact(duty.text) for duty in doc.duties if not duty.incomplete]
    return {"department": department, "department_ok": department in accepted if accepted else department is None,
            "government": doc.government, "government_ok": government_right(doc.government, case["government"]),
            "items_ok": want == have, "items": f"{sum(a == b for a, b in zip(have, want))}/{len(want)} "
                                             f"(found {len(have)})"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list the development cases that are not right")
    parser.add_argument("--evaluation", action="store_true", help="also the totals of the evaluation part")
    parser.add_argument("--formats", default=",".join(FORMATS), help="formats to try (txt,docx,pdf,html)")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    parts = ("development", "evaluation") if args.evaluation else ("development",)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for data in DATA:
            number = round_number(data)
            for case in json.loads(data.read_text("utf-8"))["cases"]:
                if case["part"] not in parts:
                    continue
                for fmt in formats:
                    if fmt != "txt" and is_source_text(case):
                        continue
                    rows.append(check(case, fmt, Path(folder)) | {"round": number, "part": case["part"],
                                                                  "file": case["file"], "format": fmt,
                                                                  "expected": case["department"]})
    print("parse on documents written blind to the parser (department / government / items exact)")
    print(f"  {'round, part':16} {'format':6} {'cases':>5}  {'department':>10}  {'government':>10}  {'items':>6}")
    for number in map(round_number, DATA):
        for part in parts:
            for fmt in formats + ["all"]:
                group = [r for r in rows if r["round"] == number and r["part"] == part and fmt in ("all", r["format"])]
                if group:
                    print(f"  {f'{number}, {part}':16} {fmt:6} {len(group):5}  "
                          f"{sum(r['department_ok'] for r in group):10}  {sum(r['government_ok'] for r in group):10}  "
                          f"{sum(r['items_ok'] for r in group):6}")
    if args.verbose:
        for r in rows:
            if r["part"] == "development" and not (r["department_ok"] and r["government_ok"] and r["items_ok"]):
                print(f"    {r['file']} [{r['format']}]: department {r['department']} (want {r['expected']}) "
                      f"government {r['government']} items {r['items']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Robustness sweep of department, government and duty items on development texts only.

Every development file (the `development` side of corpus/splits/corpus2.json, the
三定 texts of ../shared/corpus and the plain layouts of the blind parse rounds' development halves,
tests/data/parse_blind*.json) is changed the way real copies differ — title removed,
web page chrome around it, flattened onto one line, wrapped like a PDF, traditional
characters, punctuation of the other width, `第X条` run on, a title on two lines, the file
named after the department with the text's own name taken out, a 通知 cover before it —
parsed, and checked against the labels:

- department: a name the label accepts (bench/parse_quality.py), or the name the file is
  called by; where the transformation took every mention of the name out of the text and the
  file name says nothing, "no department" is right too (a wrong name never is);
- government: the labelled government or its tail (`长沙市雨花区` for `湖南省长沙市雨花区`);
  none where the department names no place and the text gives none;
- items: the complete duty items exactly (corpus2), or every main duty's label, start and
  completeness (../shared/corpus, as tests/docproc/test_parse_shared_corpus.py checks them).

Evaluation files are never read here.

    .venv/bin/python bench/naming_robustness.py [--verbose] [--only NAME]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from bench.parse_quality import CORPUS2, SPLIT, accepted_departments  # noqa: E402

SHARED_CORPUS = CORPUS2.parent / "corpus"
EXPECTED = REPO / "tests" / "data" / "shared_corpus_expected.json"
SANDING_KINDS = {"sanding", "fragment", "adjustment"}

_HALF = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"})
_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
_FOLD = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?", "．": ".",
                       "﹒": ".", "　": ""})


@dataclass
class Case:
    """One development file with what is right for it."""
    name: str
    text: str
    departments: set[str | None]  # accepted names (simplified, no spaces)
    governments: set[str | None]
    names_in_text: list[str]  # the department's names as the text may spell them, longest first
    government_name: str  # for page chrome and covers
    items: list[str] | None = None  # corpus2: complete items, compact
    duties: list[dict] | None = None  # shared corpus: label/start/complete per main duty
    check_department: bool = True
    extra: dict = field(default_factory=dict)


def fold(text: str) -> str:
    from docproc.normalize import for_matching

    return re.sub(r"\s+", "", for_matching(text)).translate(_FOLD)


def _government_tails(government: str) -> set[str | None]:
    from docproc.names import _PLACE_TOKEN

    tails: set[str | None] = {government}
    rest = government
    while True:
        match = _PLACE_TOKEN.match(rest)
        if not match or match.end() >= len(rest):
            break
        rest = rest[match.end():]
        tails.add(rest)
    return tails


def _with_tails(departments: set[str | None], governments: set[str | None]) -> set[str | None]:
    """`大足区生态环境局` and `重庆市大足区生态环境局` are one department; `县人社局` in 仁寿县 is `仁寿县人社局`."""
    out = set(departments)
    places = sorted((g for g in governments if g), key=len, reverse=True)
    for name in departments:
        if not name:
            continue
        start = next((g for g in places if name.startswith(g)), None)
        rest = name[len(start):] if start else name[1:] if name[0] in "省市县区" else None
        if rest:
            out.update(place + rest for place in places)
    return out


def corpus2_cases() -> list[Case]:
    from docproc.names import government_of
    from docproc.normalize import for_matching

    split = json.loads(SPLIT.read_text("utf-8"))
    labels = {label["file"]: label for label in json.loads((CORPUS2 / "labels.json").read_text("utf-8"))
              if label["file"] in split["development"]}  # evaluation labels are not even kept
    cases = []
    for name in split["development"]:
        label = labels[name]
        governments = _government_tails(for_matching(label["government"]))
        departments = _with_tails(accepted_departments(label), governments)
        if any(d is None or government_of(d) is None for d in departments):
            governments.add(None)
        names = sorted({n for n in departments if n}, key=len, reverse=True)
        if label["department"]:
            names.append(re.sub(r"\s+", "", label["department"]))
        inferred = re.sub(r"[(（]推断[)）]", "", label["department_inferred"] or "")
        cases.append(Case(
            name=name, text=(CORPUS2 / name).read_text("utf-8"), departments=departments, governments=governments,
            names_in_text=names, government_name=re.sub(r"^.{2,3}?省", "", label["government"]),
            items=[fold(duty["text"]) for duty in label["duties"]],
            extra={"full_name": re.sub(r"[(（].*$", "", inferred)}))
    return cases


def shared_cases() -> list[Case]:
    expected = json.loads(EXPECTED.read_text("utf-8"))
    expected.pop("_formats")
    cases = []
    for name, want in expected.items():
        if want["kind"] not in SANDING_KINDS:
            continue
        department = want["department_simplified"]
        names = [n for n in {department, want.get("department")} if n]
        cases.append(Case(
            name=name, text=(SHARED_CORPUS / name).read_text("utf-8"), departments={department},
            governments={want["government"]}, names_in_text=sorted(names, key=len, reverse=True),
            government_name=want["government"] or "", duties=want["duties"],
            check_department=not want.get("department_inferred"), extra={"full_name": department}))
    return cases


# Layouts that a whole-text transformation would turn into what no copy looks like (a flattened
# tab table, a JSON export wrapped like a PDF) or that are in traditional characters already.
_SPECIAL_LAYOUT = re.compile(r"traditional|json|xml|csv|tsv|tab|table|grid|bilingual|ocr|crlf|\bcr\b|no-line|one-line|"
                             r"flatten|pdf|formfeed")


def blind_cases() -> list[Case]:
    """The development halves of the blind parse rounds (tests/data/parse_blind*.json), plain layouts."""
    cases = []
    for path in sorted((REPO / "tests" / "data").glob("parse_blind*.json")):
        for case in json.loads(path.read_text("utf-8"))["cases"]:
            if case["part"] != "development" or _SPECIAL_LAYOUT.search(case["kind"]):
                continue
            department, government = case["department"], case["government"]
            governments = _government_tails(government) if government else {None}
            departments = _with_tails({department, *case["department_accepted"]}, governments)
            if department is None:
                departments.add(None)
            names = sorted({n for n in departments if n}, key=len, reverse=True)
            cases.append(Case(
                name=case["file"], text=case["text"], departments=departments, governments=governments,
                names_in_text=names, government_name=government or "",
                items=[fold(duty) for duty in case["duties"]], extra={"full_name": department}))
    return cases


# ---------------------------------------------------------------------------
# Transformations: (text, case) -> (text, file name, accepted departments) or None when not applicable.

Result = tuple[str, str, set]


def _title_lines(case: Case, lines: list[str]) -> list[int]:
    """Lines near the top that are the document's title: they hold its name and are no sentence."""
    found = []
    for index, line in enumerate(lines[:25]):
        plain = re.sub(r"\s+", "", line)
        if len(plain) > 70 or plain.endswith(("。", "；", ";", "：", ":")) or re.search(r"职责[是为]", plain):
            continue
        if re.search(r"(?:规定|方案|预算|决算|情况说明|公开文本|概况|职责|职能)", plain) and \
                any(_mentions(plain, n) for n in case.names_in_text):
            found.append(index)
    return found


def _mentions(text: str, name: str) -> bool:
    from docproc.normalize import for_matching

    return bool(name) and name in re.sub(r"\s+", "", for_matching(text))


def _remove_names(case: Case, text: str, by: str = "") -> str:
    """Every spelling of the department's own name out of the text (`重庆市大足区生态环境局` → `by`)."""
    from opencc import OpenCC

    convert = OpenCC("s2t").convert
    forms: set[str] = set()
    for name in case.names_in_text:
        for form in (name, convert(name)):
            forms.add(form)
            forms.add(re.sub(r"^.{1,8}?[省市]", "", form))  # without the province or city
    for form in sorted((f for f in forms if len(f) >= 4), key=len, reverse=True):
        spaced = r"\s*".join(map(re.escape, form))
        text = re.sub(spaced + "的?", by, text)  # `XX局的职能职责` → `职能职责`
    return text


def t_original(case: Case) -> Result:
    return case.text, case.name, case.departments


def _no_name_left(case: Case, text: str) -> set:
    """Without its title a text still names itself in a 定性 sentence (`XX局是…`, `设立XX局`), or not at all."""
    from docproc.normalize import for_matching

    plain = re.sub(r"\s+", "", for_matching(text))
    for name in case.names_in_text:
        if re.search(rf"(?:设立|组建|成立){re.escape(name)}|{re.escape(name)}(?:[（(][^）)]{{1,20}}[）)])?"
                     r"(?:是|为|成立于|始建于|的主要职责|主要职责|贯彻|隶属)", plain):
            return case.departments
    return case.departments | {None}


def t_title_removed(case: Case) -> Result | None:
    lines = case.text.splitlines()
    titles = _title_lines(case, lines)
    if titles:
        lines = [line for index, line in enumerate(lines) if index not in titles]
    else:  # a flattened copy: the title opens the long line
        for index, line in enumerate(lines[:3]):
            head = re.sub(r"\s+", "", line)[:60]
            if any(n in head for n in case.names_in_text):
                cut = re.search(r"(?:情况说明|公开文本|规定|方案|决算|预算)\s*", line[:90])
                if cut:
                    lines[index] = line[cut.end():]
                    break
        else:
            return None
    text = "\n".join(lines)
    return text, case.name, _no_name_left(case, text)


def _chrome(case: Case) -> tuple[str, str]:
    gov = case.government_name or "某市"
    before = "\n".join([
        f"{gov}人民政府门户网站",
        "无障碍 | 长者模式 | 登录 | 注册",
        "首页 > 政务公开 > 部门信息公开 > 机构职能",
        "发布时间：2021-06-18 09:30  来源：本网  浏览次数：1024",
        "字号：大 中 小  【打印】 【关闭】",
        "分享到： 微信 微博 QQ空间",
        "",
    ])
    after = "\n".join([
        "",
        "【打印本页】  【关闭窗口】",
        "扫一扫在手机打开当前页",
        "上一篇：关于开展2021年“安全生产月”活动的通知",
        "下一篇：2021年第二季度政务公开工作情况通报",
        f"版权所有：{gov}人民政府办公室  主办：{gov}人民政府办公室  承办：{gov}大数据发展中心",
        "网站标识码：5001000001  ICP备05003300号  公网安备 50010302000001号",
        "地址：人民路1号  电话：023-12345678  邮编：400000",
    ])
    return before, after


def t_chrome(case: Case) -> Result:
    before, after = _chrome(case)
    return before + "\n" + case.text + "\n" + after, case.name, case.departments


def t_flat(case: Case) -> Result:
    return " ".join(line.strip() for line in case.text.splitlines() if line.strip()), case.name, case.departments


def t_chrome_flat(case: Case) -> Result:
    text, name, accepted = t_chrome(case)
    return " ".join(line.strip() for line in text.splitlines() if line.strip()), name, accepted


def t_wrap30(case: Case) -> Result:
    """Broken like a PDF page 30 Chinese characters wide (a digit or letter takes half the room)."""
    out = []
    for line in case.text.splitlines():
        current, width = "", 0
        for char in line.strip():
            step = 2 if ord(char) > 0x2E7F else 1
            if width + step > 60:
                out.append(current)
                current, width = "", 0
            current += char
            width += step
        out.append(current)
    return "\n".join(out), case.name, case.departments


def t_traditional(case: Case) -> Result:
    from opencc import OpenCC

    return OpenCC("s2t").convert(case.text), case.name, case.departments


def t_half_width(case: Case) -> Result:
    return case.text.translate(_HALF), case.name, case.departments


def t_full_width(case: Case) -> Result:
    text = re.sub(r"(?<=\d)\.(?=\D)", "．", case.text)
    return text.translate(_FULL), case.name, case.departments


def t_article_run_on(case: Case) -> Result | None:
    pattern = re.compile(r"(第[一二三四五六七八九十百零〇]+条)[ \t\u3000]+")
    if not pattern.search(case.text):
        return None
    return pattern.sub(r"\1", case.text), case.name, case.departments


def t_title_split(case: Case) -> Result | None:
    lines = case.text.splitlines()
    titles = _title_lines(case, lines)
    if not titles:
        return None
    line = lines[titles[0]].strip()
    cut = line.find("、") + 1
    if not 0 < cut < len(line) - 2:
        name = next(n for n in case.names_in_text if _mentions(line, n))
        position = re.sub(r"\s", "", line).find(name)
        cut = position + len(name) if position >= 0 else len(line) // 2
    if not 0 < cut < len(line):
        return None
    lines[titles[0]] = line[:cut] + "\n" + line[cut:]
    return "\n".join(lines), case.name, case.departments


def t_renamed(case: Case) -> Result | None:
    full = case.extra["full_name"]
    if not full:
        return None
    text = "\n".join(line for index, line in enumerate(case.text.splitlines())
                     if index not in _title_lines(case, case.text.splitlines()))
    text = _remove_names(case, text)
    return text, f"{full}.txt", case.departments | {full}


def t_renamed_dated(case: Case) -> Result | None:
    """`2021_重庆市大足区生态环境局_三定.docx`-like names."""
    result = t_renamed(case)
    if result is None:
        return None
    text, _, accepted = result
    return text, f"2021_{case.extra['full_name']}_三定.txt", accepted


def t_cover(case: Case) -> Result | None:
    full = case.extra["full_name"]
    if not full:
        return None
    gov = case.government_name or "某市"
    cover = "\n".join([
        f"{gov}人民政府办公室文件",
        "府办发〔2019〕12号",
        f"{gov}人民政府办公室",
        f"关于印发{full}职能配置、内设机构和人员编制规定的通知",
        "各乡镇人民政府、街道办事处，政府各部门：",
        f"《{full}职能配置、内设机构和人员编制规定》已经党委、政府同意，现印发给你们，请认真贯彻执行。",
        f"{gov}人民政府办公室",
        "2019年3月15日",
        "",
    ])
    return cover + case.text, case.name, case.departments | {full}


def t_indented(case: Case) -> Result:
    """Every line indented two full-width spaces, as a Word or WPS document copied out gives it."""
    return "\n".join("\u3000\u3000" + line.strip() if line.strip() else "" for line in case.text.splitlines()), \
        case.name, case.departments


def t_blank_lines(case: Case) -> Result:
    """A blank line after every line and Windows line ends (a web page's paragraphs saved as text)."""
    return "\r\n\r\n".join(line.strip() for line in case.text.splitlines() if line.strip()), case.name, \
        case.departments


def t_web_spaces(case: Case) -> Result:
    """Non-breaking and zero-width spaces a browser copy leaves: after each punctuation mark and
    inside every tenth run of characters."""
    text = re.sub(r"([。；：，])", "\\1\u00a0", case.text)
    return re.sub(r"([\u4e00-\u9fff]{10})", "\\1\u200b", text), case.name, case.departments


def t_title_repeated(case: Case) -> Result | None:
    """The title twice, as a web page shows it in the breadcrumb bar and above the text."""
    lines = case.text.splitlines()
    titles = _title_lines(case, lines)
    if not titles:
        return None
    title = lines[titles[0]].strip()
    return f"当前位置：首页 > 政务公开 > {title}\n{title}\n" + case.text, case.name, case.departments


TRANSFORMS: dict[str, Callable[[Case], Result | None]] = {
    "original": t_original,
    "title removed": t_title_removed,
    "page chrome": t_chrome,
    "flattened": t_flat,
    "chrome + flattened": t_chrome_flat,
    "wrapped at 30": t_wrap30,
    "traditional": t_traditional,
    "half-width punct.": t_half_width,
    "full-width punct.": t_full_width,
    "第X条 run on": t_article_run_on,
    "title on 2 lines": t_title_split,
    "renamed <政府><部门>": t_renamed,
    "renamed 2021_…_三定": t_renamed_dated,
    "通知 cover": t_cover,
    "indented 全角空格": t_indented,
    "blank lines, CRLF": t_blank_lines,
    "nbsp, zero-width": t_web_spaces,
    "title repeated": t_title_repeated,
    "saved as GB18030": t_original,
}


# ---------------------------------------------------------------------------

def _items_ok(case: Case, doc, traditional: bool) -> bool:
    from opencc import OpenCC

    def expect(text: str) -> str:
        return fold(OpenCC("s2t").convert(text)) if traditional else fold(text)

    if case.items is not None:
        have = [fold(duty.text) for duty in doc.duties if not duty.incomplete]
        return have == [expect(item) for item in case.items]
    assert case.duties is not None
    if len(doc.duties) != len(case.duties):
        return False
    for duty, want in zip(doc.duties, case.duties):
        if want.get("mojibake"):
            if fold(duty.label) != "?":
                return False
        elif fold(duty.label) != expect(want["label"]) or not fold(duty.text).startswith(expect(want["start"])):
            return False
        if duty.incomplete == want["complete"] or duty.boilerplate != want["boilerplate"]:
            return False
    return True


def check(case: Case, transform: str, folder: Path) -> dict | None:
    import docproc
    from docproc.normalize import for_matching

    result = TRANSFORMS[transform](case)
    if result is None:
        return None
    text, file_name, accepted = result
    path = folder / file_name
    path.write_bytes(text.encode("gb18030" if transform == "saved as GB18030" else "utf-8"))
    try:
        doc = docproc.parse(path)
    finally:
        path.unlink()
    department = re.sub(r"\s+", "", for_matching(doc.department)) if doc.department else None
    accepted = {re.sub(r"\s+", "", for_matching(a)) if a else None for a in accepted}
    governments = set(case.governments)
    if None in accepted:
        governments.add(None)
    for name in accepted - {None}:  # a file named with the full name may name the whole government
        from docproc.names import government_of
        governments.add(government_of(name))
    return {
        "file": case.name, "transform": transform, "department": department,
        "department_ok": department in accepted if case.check_department else True,
        "government": doc.government,
        "government_ok": doc.government in governments if case.check_department else True,
        "items_ok": _items_ok(case, doc, transform == "traditional"),
    }


def sweep(cases: list[Case], transforms: list[str]) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for transform in transforms:
            for case in cases:
                outcome = check(case, transform, Path(folder))
                if outcome is not None:
                    results.append(outcome)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every file that is not right")
    parser.add_argument("--only", help="one transformation")
    parser.add_argument("--file", help="files whose name contains this")
    args = parser.parse_args()
    if not (CORPUS2 / "labels.json").exists() or not EXPECTED.exists():
        print(f"没有找到 {CORPUS2}/labels.json（需要 ../shared），跳过")
        return 0
    cases = corpus2_cases() + shared_cases() + blind_cases()
    if args.file:
        cases = [case for case in cases if args.file in case.name]
    transforms = [args.only] if args.only else list(TRANSFORMS)
    results = sweep(cases, transforms)
    print(f"naming robustness on development files ({len(cases)} files: corpus2 development, ../shared/corpus 三定, "
          "the plain layouts of the blind parse rounds' development halves)")
    print(f"  {'transformation':22} {'files':>5}  {'department':>10}  {'government':>10}  {'items exact':>11}")
    totals = [0, 0, 0, 0]
    for transform in transforms:
        rows = [r for r in results if r["transform"] == transform]
        counts = [len(rows), sum(r["department_ok"] for r in rows), sum(r["government_ok"] for r in rows),
                  sum(r["items_ok"] for r in rows)]
        totals = [a + b for a, b in zip(totals, counts)]
        print(f"  {transform:22} {counts[0]:5}  {counts[1]:10}  {counts[2]:10}  {counts[3]:11}")
    print(f"  {'all':22} {totals[0]:5}  {totals[1]:10}  {totals[2]:10}  {totals[3]:11}")
    if args.verbose:
        for r in results:
            if not (r["department_ok"] and r["government_ok"] and r["items_ok"]):
                print(f"    {r['transform']:18} {r['file'][:50]:50} dept {'ok' if r['department_ok'] else 'X'} "
                      f"{r['department']}  gov {'ok' if r['government_ok'] else 'X'} {r['government']}  "
                      f"items {'ok' if r['items_ok'] else 'X'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Check corpus/sample_city/answers.json against the canonical source texts.

A deliberately small, independent reader of the sample texts (it is not the
product parser): it finds the 主要职责 items and the 内设机构 paragraphs of
each source file and verifies that every excerpt of the answer key is an exact
substring of the duty it points at ("no" = 1-based position).

    .venv/bin/python corpus/check_answers.py          # exit 1 on any error
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CITY = HERE / "sample_city"

LABEL = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
CN_NUM = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def cn_to_int(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN_NUM[s[1]]
    if s.endswith("十"):
        return CN_NUM[s[0]] * 10
    if "十" in s:
        a, b = s.split("十")
        return CN_NUM[a] * 10 + CN_NUM[b]
    return CN_NUM[s]


def read_source(path: Path) -> dict:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    title = next(line for line in lines if line.startswith("示例") and line.endswith("规定")
                 and "关于印发" not in line)
    dept = re.sub(r"(职能配置、内设机构和人员编制规定|主要职责内设机构和人员编制规定)$", "", title)
    article = any(line.startswith("第三条") for line in lines)
    if article:
        start = next(i for i, line in enumerate(lines) if "主要职责是" in line) + 1
        end = next(i for i, line in enumerate(lines) if line.startswith("第四条"))
        dstart, dend = end + 1, next(i for i, line in enumerate(lines) if line.startswith("第五条"))
        stated_line = lines[end]
    else:
        start = lines.index("二、主要职责") + 1
        end = lines.index("三、内设机构")
        dstart, dend = end + 2, lines.index("四、人员编制")
        stated_line = lines[end + 1]
    duties = []
    for line in lines[start:end]:
        m = LABEL.match(line)
        if m:
            duties.append({"label": m.group(0), "text": line[m.end():]})
        elif duties:        # continuation lines (numbered 有关职责分工 statements)
            duties[-1]["text"] += "\n" + line
    divisions = []
    block = lines[dstart:dend]
    i = 0
    while i < len(block):
        line = block[i]
        m = LABEL.match(line)
        head = line[m.end():] if m else line
        if not m and not head.startswith("机关党委"):
            i += 1          # notes such as （其他内设机构略。）
            continue
        name, _, rest = head.partition("。")
        if not rest:        # 2008 style: name on its own line, paragraph below
            i += 1
            rest = block[i]
        parts = [p.strip().rstrip("。") for p in re.split(r"[；;]", rest)]
        divisions.append({"name": name, "numbered": bool(m), "text": rest,
                          "duties": [p for p in parts if p]})
        i += 1
    m = re.search(r"设(?:下列)?(\d+|[一二三四五六七八九十]+)个内设机构", stated_line)
    stated = None
    if m:
        stated = int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1))
    government = "示例县" if dept.startswith("示例县") else "示例市"
    return {"file": path.name, "department": dept, "government": government,
            "style": "article" if article else "section", "duties": duties,
            "divisions": divisions, "stated_divisions": stated, "text": "\n".join(lines)}


def load_all() -> dict[str, dict]:
    docs = {}
    for p in sorted((CITY / "source").glob("*.txt")):
        d = read_source(p)
        docs[d["department"]] = d
    return docs


def items_of(doc: dict, ref: dict) -> list[str]:
    if ref["section"] == "duties":
        return [d["text"] for d in doc["duties"]]
    div = [d for d in doc["divisions"] if d["name"] == ref["division"]]
    if not div:
        raise KeyError(f"division {ref['division']!r} not in {doc['department']}")
    return div[0]["duties"]


def locate(docs: dict, ref: dict) -> list[int]:
    """All 1-based positions whose item contains the excerpt."""
    items = items_of(docs[ref["department"]], ref)
    return [i for i, t in enumerate(items, 1) if ref["excerpt"] in t]


def check_ref(errors: list[str], docs: dict, tag: str, ref: dict) -> None:
    """Errors of one side of a pair: its department, section and excerpt at position "no"."""
    if ref["department"] not in docs:
        errors.append(f"{tag}: unknown department {ref['department']}")
        return
    if (ref["section"] == "duties") != (ref["division"] is None):
        errors.append(f"{tag}: section/division mismatch")
    try:
        items = items_of(docs[ref["department"]], ref)
    except KeyError as e:
        errors.append(f"{tag}: {e}")
        return
    no = ref["no"]
    if not 1 <= no <= len(items):
        errors.append(f"{tag}: no={no} out of range 1..{len(items)}")
    elif ref["excerpt"] not in items[no - 1]:
        errors.append(f"{tag}: excerpt {ref['excerpt']!r} not in item {no}; "
                      f"found in {locate(docs, ref)}")


def check_settled_by(errors: list[str], docs: dict, o: dict) -> None:
    """Errors of an overlap's settled_by: set exactly for kind settled, and found in a side's text."""
    sb = o["settled_by"]
    if (o["kind"] == "settled") != (sb is not None):
        errors.append(f"{o['id']}: settled_by must be set exactly for kind settled")
    if not sb:
        return
    if sb["department"] not in (o["a"]["department"], o["b"]["department"]):
        errors.append(f"{o['id']}: settled_by department is neither side")
    doc = docs.get(sb["department"])
    if not doc or sb["text"] not in doc["text"]:
        errors.append(f"{o['id']}: settled_by text not found")
    elif "有关职责分工" not in doc["text"]:
        errors.append(f"{o['id']}: settling document has no 有关职责分工")


def check_source(errors: list[str], name: str, d: dict, anomalies: set[str]) -> None:
    """Structural errors of one source: counts of duties and divisions, stated divisions."""
    if not 12 <= len(d["duties"]) <= 25:
        errors.append(f"{name}: {len(d['duties'])} duties")
    numbered = [x for x in d["divisions"] if x["numbered"]]
    if not 6 <= len(numbered) <= 14:
        errors.append(f"{name}: {len(numbered)} divisions")
    for x in d["divisions"]:
        if not 1 <= len(x["duties"]) <= 8:
            errors.append(f"{name}/{x['name']}: {len(x['duties'])} division duties")
    if d["stated_divisions"] is not None and d["stated_divisions"] != len(numbered) \
            and name not in anomalies:
        errors.append(f"{name}: states {d['stated_divisions']} divisions, lists {len(numbered)}")


def check(answers: dict, docs: dict) -> list[str]:
    errors: list[str] = []
    ids = set()
    for o in answers["overlaps"]:
        if o["id"] in ids:
            errors.append(f"duplicate id {o['id']}")
        ids.add(o["id"])
        if o["kind"] not in ("overlap", "lead_assist", "settled"):
            errors.append(f"{o['id']}: bad kind {o['kind']}")
        for side in ("a", "b"):
            check_ref(errors, docs, f"{o['id']}.{side}", o[side])
        check_settled_by(errors, docs, o)
    for n in answers["non_overlaps"]:
        for side in ("a", "b"):
            check_ref(errors, docs, f"{n['id']}.{side}", n[side])
    # structural checks of the sources
    anomalies = {a["department"] for a in answers.get("staffing_anomalies", [])}
    for name, d in docs.items():
        check_source(errors, name, d, anomalies)
    return errors


def main() -> int:
    answers = json.loads((CITY / "answers.json").read_text(encoding="utf-8"))
    docs = load_all()
    errors = check(answers, docs)
    for e in errors:
        print("ERROR", e)
    kinds = {}
    for o in answers["overlaps"]:
        cross = o["a"]["department"] != o["b"]["department"]
        key = (o["kind"], "cross" if cross else "intra")
        kinds[key] = kinds.get(key, 0) + 1
    print(f"{len(docs)} documents, {len(answers['overlaps'])} overlaps {kinds}, "
          f"{len(answers['non_overlaps'])} non-overlaps, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

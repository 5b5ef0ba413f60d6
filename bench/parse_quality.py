"""Parse quality on real texts: department name and duty items, per part of the split.

For each labelled file of ../shared/corpus2 (labels.json), parse it as a user
would (`docproc.parse`) and check
- the department: right when it is the name the text states or the full name
  the labellers inferred; where the excerpt never names the department, "none"
  is right too;
- the items: right when the complete duty items (text without whitespace,
  simplified characters) equal the labelled ones exactly, in order.

The files are reported by the part of corpus/splits/corpus2.json they belong to:
`development` (tuned on) and `evaluation` (never looked at while tuning).

    .venv/bin/python bench/parse_quality.py [--verbose]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS2 = Path(os.environ.get("SANDING_SHARED", REPO.parent / "shared")) / "corpus2"
SPLIT = REPO / "corpus" / "splits" / "corpus2.json"


def accepted_departments(label: dict) -> set[str | None]:
    """Names that count as right for one labelled file."""
    from docproc.normalize import for_matching

    names: set[str | None] = set()
    for value in (label["department"], label["department_inferred"]):
        if not value:
            continue
        for part in re.split(r"\s*/\s*", value):
            names.add(for_matching(part))
            names.add(for_matching(re.sub(r"[(（].*$", "", part)))
    if label["department"] is None:
        names.add(None)
    return {name for name in names if name is None or "某" not in name}


def compact(text: str) -> str:
    from docproc.normalize import for_matching

    return re.sub(r"\s+", "", for_matching(text))


def check_file(label: dict, path: Path | None = None) -> dict:
    """Parse the labelled file (or `path`, a copy of it in another format) and compare."""
    import docproc

    doc = docproc.parse(path or CORPUS2 / label["file"])
    department = compact(doc.department) if doc.department else None
    want = [compact(duty["text"]) for duty in label["duties"]]
    have = [compact(duty.text) for duty in doc.duties if not duty.incomplete]
    return {"file": label["file"], "department": department,
            "department_ok": department in accepted_departments(label),
            "expected_department": label["department_inferred"],
            "items_ok": want == have, "items": f"{sum(a == b for a, b in zip(have, want))}/{len(want)} "
                                              f"(found {len(have)})"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every development file that is not right")
    args = parser.parse_args()
    if not (CORPUS2 / "labels.json").exists():
        print(f"没有找到 {CORPUS2}/labels.json（需要 ../shared/corpus2），跳过")
        return 0
    labels = {label["file"]: label for label in json.loads((CORPUS2 / "labels.json").read_text("utf-8"))}
    split = json.loads(SPLIT.read_text("utf-8"))
    print("corpus2 parse quality (department right / items exact)")
    for part in ("development", "evaluation"):
        results = [check_file(labels[name]) for name in split[part]]
        departments = sum(r["department_ok"] for r in results)
        items = sum(r["items_ok"] for r in results)
        print(f"  {part:12} files {len(results):3}  department {departments}/{len(results)}  "
              f"items exact {items}/{len(results)}")
        if args.verbose and part == "development":  # evaluation files are counted, never inspected
            for r in results:
                if not (r["department_ok"] and r["items_ok"]):
                    print(f"    {r['file'][:48]:48} dept {'ok' if r['department_ok'] else 'X'} "
                          f"{r['department']} (want {r['expected_department']})  items {r['items']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

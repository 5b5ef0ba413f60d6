"""Parse speed and memory: our whole parse (text + structure) against pdftotext.

Prints, per group of files, pages per second and the peak memory of the
process that parsed them, and for PDFs the rate of `pdftotext` (poppler-utils)
on the same files in the same run, with our rate as a ratio of it.

    .venv/bin/python bench/parse_bench.py [--rounds N]

Each group runs in a fresh child process so that its peak RSS is its own.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SANDING_SHARED", REPO.parent / "shared")) / "corpus"
SAMPLE = REPO / "corpus" / "sample_city"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
CHARS_PER_PAGE = 700  # a typeset A4 page of a 三定 holds about 700 characters

_WORKER = r"""
import json, sys, time
from pathlib import Path
from docproc import parse
import pypdfium2 as pdfium
files = [Path(p) for p in json.loads(sys.argv[1])]
rounds = int(sys.argv[2])
parse(files[0])  # warm imports (OpenCC, python-docx) outside the timing
start = time.perf_counter()
pages = chars = 0
for _ in range(rounds):
    for path in files:
        doc = parse(path)
        if path.suffix == ".pdf":
            pages += doc.pages or 0
        chars += sum(len(d.text) for d in doc.duties) + sum(len(d.text) for d in doc.divisions)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "pages": pages, "chars": chars}))
"""


def run_group(files: list[Path], rounds: int) -> dict:
    """Parse `files` `rounds` times in a child process; return time, pages and peak RSS."""
    process = subprocess.Popen(
        [sys.executable, "-c", _WORKER, json.dumps([str(p) for p in files]), str(rounds)],
        stdout=subprocess.PIPE, cwd=REPO, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read()
    process.stdout.close()
    if status != 0:
        raise SystemExit(f"解析子进程失败：{output}")
    result = json.loads(output)
    result["peak_mb"] = usage.ru_maxrss / 1024
    return result


def pdftotext_rate(files: list[Path], rounds: int) -> float | None:
    """Pages per second of `pdftotext` on the same files (None if it is not installed)."""
    if not shutil.which("pdftotext"):
        return None
    import pypdfium2 as pdfium

    pages = sum(len(pdfium.PdfDocument(str(path))) for path in files) * rounds
    start = time.perf_counter()
    for _ in range(rounds):
        for path in files:
            subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                           stdout=subprocess.DEVNULL)
    return pages / (time.perf_counter() - start)


def long_pdf(folder: Path, pages_wanted: int = 20) -> Path | None:
    """A typical long 三定 PDF: the sample city's texts typeset until it has 20 pages."""
    sources = sorted((SAMPLE / "source").glob("*.txt")) or sorted(SHARED.glob("0*.txt"))
    if not FONT.exists() or not sources:
        return None
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname=str(FONT))
    pdf.set_font("cjk", size=13)
    pdf.add_page()
    for source in sources:
        for line in source.read_text("utf-8").splitlines():
            if line.strip():
                pdf.multi_cell(0, 8, line.strip(), new_x="LMARGIN", new_y="NEXT")
            if pdf.page_no() >= pages_wanted:
                break
        if pdf.page_no() >= pages_wanted:
            break
    path = folder / "long_20_pages.pdf"
    pdf.output(str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="每组文件重复解析的轮数")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        long = long_pdf(Path(tmp))
        groups = {
            "示例市 PDF": sorted(SAMPLE.glob("formats/*.pdf")),
            "共享语料 PDF": sorted(SHARED.glob("formats/pdf/*.pdf")),
            "20 页三定 PDF": [long] if long else [],
            "示例市 DOCX": sorted(SAMPLE.glob("formats/*.docx")),
            "共享语料 DOCX": sorted(SHARED.glob("formats/docx/*.docx")),
        }
        print(f"{'文件组':<14}{'文件':>5}{'页/秒':>10}{'每文件毫秒':>12}{'峰值内存MB':>12}"
              f"{'pdftotext页/秒':>16}{'比值':>8}")
        for name, files in groups.items():
            if not files:
                print(f"{name:<14}  （没有文件，跳过）")
                continue
            result = run_group(files, args.rounds)
            per_file_ms = result["seconds"] / (len(files) * args.rounds) * 1000
            if files[0].suffix == ".pdf":
                pages = result["pages"]
                baseline = pdftotext_rate(files, args.rounds)
            else:
                pages = result["chars"] / CHARS_PER_PAGE  # .docx has no pages: estimated
                baseline = None
            rate = pages / result["seconds"]
            ratio = f"{rate / baseline:.2f}" if baseline else "-"
            base = f"{baseline:.0f}" if baseline else "-"
            print(f"{name:<14}{len(files):>5}{rate:>10.0f}{per_file_ms:>12.1f}{result['peak_mb']:>12.0f}"
                  f"{base:>16}{ratio:>8}")
        print(f"（DOCX 没有页码，按每页约 {CHARS_PER_PAGE} 字估算页数；每组在独立子进程中运行 {args.rounds} 轮）")


if __name__ == "__main__":
    main()

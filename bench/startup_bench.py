"""How long `sanding` takes to start: `sanding --help`, `sanding parse` of one small .txt and
of one .docx, and building the web app (what every CLI command that opens the store pays).

Each command runs in a fresh process, several times; the median wall time is printed, and
the slowest imports of `sanding parse` from `python -X importtime`.

    .venv/bin/python bench/startup_bench.py [--runs 7]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SANDING = [sys.executable, "-m", "webapp.cli"]
TEXT = "示例市测试局职能配置、内设机构和人员编制规定\n第三条 示例市测试局的主要职责是：\n（一）负责测试工作。\n"
APP = ("from webapp import create_app; import sys; "
       "create_app({'SECRET_KEY': 'x', 'DATABASE': sys.argv[1]}).extensions['sanding_jobs'].shutdown()")


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def slowest_imports(command: list[str], count: int = 6) -> list[tuple[float, str]]:
    result = subprocess.run([sys.executable, "-X", "importtime", *command[1:]], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    found = []
    for line in result.stderr.splitlines():
        parts = line.replace("import time:", "").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2]
            if not name.startswith("  "):  # a top-level import, not one it pulled in
                found.append((int(parts[1]) / 1e6, name.strip()))
    return sorted(found, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sanding-startup-"))
    text = folder / "示例市测试局三定.txt"
    text.write_text(TEXT, encoding="utf-8")
    docx = next((ROOT / "corpus" / "sample_city" / "formats").glob("*.docx"), None)
    cases = [("python -c pass (the interpreter)", [sys.executable, "-c", "pass"]),
             ("sanding --help", [*SANDING, "--help"]),
             ("sanding parse one .txt", [*SANDING, "parse", str(text)])]
    if docx:
        cases.append(("sanding parse one .docx", [*SANDING, "parse", str(docx)]))
    cases.append(("create_app (commands that open the store)", [sys.executable, "-c", APP, str(folder / "a.db")]))
    for name, command in cases:
        print(f"{name:45} {median_seconds(command, args.runs):6.3f} s  (median of {args.runs})")
    for name, command in (("sanding parse one .txt", [*SANDING, "parse", str(text)]),
                          ("create_app", [sys.executable, "-c", APP, str(folder / "b.db")])):
        print(f"slowest imports of {name} (cumulative s):")
        for seconds, module in slowest_imports(command):
            print(f"  {seconds:6.3f}  {module}")


if __name__ == "__main__":
    main()

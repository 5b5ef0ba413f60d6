"""Where the real documents are: ../shared beside the repository (or $SANDING_SHARED)."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SANDING_SHARED", REPO.parent / "shared"))
SHARED_CORPUS = SHARED / "corpus"
SAMPLE_CITY = REPO / "corpus" / "sample_city"

if not SHARED_CORPUS.is_dir():
    raise RuntimeError(f"找不到共享语料目录 {SHARED_CORPUS}：请把 shared/ 放在仓库旁边或设置 SANDING_SHARED")

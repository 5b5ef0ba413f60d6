"""Word files as an office without Word opens them: converted to PDF by LibreOffice headless, to
measure the pages (A4 in points, millimetres as points)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


def rendered_pdf(data: bytes, name: str, folder: Path) -> pdfplumber.PDF:
    """The .docx `data` rendered to PDF in `folder` (a fresh LibreOffice profile there)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is installed by `make test` (libreoffice-writer-nogui)"
    source = folder / f"{name}.docx"
    source.write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return pdfplumber.open(folder / f"{name}.pdf")

"""Word 97 `.doc` and WPS `.wps`: converted to .docx by LibreOffice headless, then read as .docx.

LibreOffice runs with a fresh profile in a temporary folder (no user settings, macros or
recent-file list shared between uploads), without a display, and is killed with its children
after `SECONDS`; the file never leaves that folder. WPS Office saves `.wps` in the Word 97
binary format, which LibreOffice reads the same way (MS Works `.wps` too, through libwps).
Where LibreOffice is missing, the message says what to install.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import ParseError
from ..model import RawText

SECONDS = 60
INSTALL = ("读取 {suffix} 文件需要 LibreOffice（Debian/Ubuntu：apt install libreoffice-writer-nogui），"
           "服务器上没有安装；也可以在 Word 或 WPS 中另存为 .docx 后再上传")


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy_word(data: bytes, suffix: str) -> RawText:
    """Convert a .doc/.wps to .docx and read that; the format stays the original one."""
    from .docx import read_docx

    raw = read_docx(to_docx(data, suffix))
    raw.format = suffix.lstrip(".")
    return raw


def to_docx(data: bytes, suffix: str) -> bytes:
    program = soffice()
    if program is None:
        raise ParseError(INSTALL.format(suffix=suffix))
    with tempfile.TemporaryDirectory(prefix="sanding-convert-") as folder:
        work = Path(folder)
        source = work / f"document{suffix}"
        source.write_bytes(data)
        command = [program, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"),
                   str(source)]
        process = subprocess.Popen(command, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True,
                                   env={**os.environ, "HOME": str(work), "SAL_USE_VCLPLUGIN": "svp"})
        try:
            process.wait(timeout=SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # soffice.bin and whatever it started
            process.wait()
            raise ParseError(f"转换 {suffix} 文件超过 {SECONDS} 秒仍未完成，已停止：文件可能损坏，"
                             "请在 Word 或 WPS 中另存为 .docx 后再上传") from None
        converted = work / "out" / "document.docx"
        if process.returncode != 0 or not converted.exists():
            raise ParseError(f"无法读取此 {suffix} 文件：文件已损坏、已加密或不是 Word/WPS 文档；"
                             "请在 Word 或 WPS 中打开确认，另存为 .docx 后再上传")
        return converted.read_bytes()

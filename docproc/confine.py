"""Parsing untrusted files in a child process with limits on CPU time, memory and output.

A crafted file can make a reader run for minutes or take gigabytes (python-docx, lxml,
openpyxl and pdfplumber have no budget of their own), so every file a user hands in is
read in a child process that the operating system stops at its limits: `run_confined`.
A limit hit is a `LimitError` (a ParseError) with a Chinese message; the parent process
never holds partial results, so nothing is stored.

Children come from a "forkserver": the web server and its job pool run threads, which
plain fork copies in whatever state they are (a held lock stays held), and "spawn" would
import the readers again for every file. The forkserver imports them once.
"""
from __future__ import annotations

import functools
import math
import multiprocessing
import os
import signal
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, Callable, TypeVar

from .errors import ParseError
from .model import Document, RawText

T = TypeVar("T")

RETRY = "文件可能损坏或结构异常，请另存为新文件后再上传"
OCR_PAGES_PER_CHILD = 4  # pages OCR'd by one child: progress every 4 pages, the models warmed once
OCR_EXTRA_MB = 1024  # onnxruntime reserves address space well beyond what it touches (measured: 1 GB fails)

# Imported once in the forkserver, so that each child starts with the readers loaded.
# "__main__": a program started as a script (gunicorn, sanding) is imported there once too;
# otherwise each child would import it again to rebuild its __main__.
PRELOAD = ["__main__", "docproc.confine", "docproc.read", "docproc.read.docx", "docproc.read.numbering",
           "docproc.read.pdf", "docproc.read.html", "docproc.read.text", "docproc.structure",
           "docproc.relations", "docproc.pair_scorer", "docproc.normalize", "docx", "docx.table", "lxml.etree",
           "lxml.html", "pdfplumber", "pypdfium2", "charset_normalizer", "opencc", "openpyxl", "survey.sheets"]


@dataclass(frozen=True)
class Limits:
    """What parsing one file may use: wall-clock seconds, memory beyond what the child starts
    with (MB), and characters of extracted text."""
    seconds: float = 60
    memory_mb: int = 1024
    max_chars: int = 5_000_000


class LimitError(ParseError):
    """Parsing stopped at a limit; `kind` is "time", "memory", "output" or "crash"."""

    def __init__(self, message: str, file: str | None = None, kind: str = "crash"):
        super().__init__(message, file)
        self.kind = kind


class ConfinedError(RuntimeError):
    """An unexpected exception in the child (a bug, not a bad file); carries its traceback."""


def time_message(limits: Limits) -> str:
    return f"文件解析超过 {_number(limits.seconds)} 秒仍未完成，已停止：{RETRY}"


def memory_message(limits: Limits) -> str:
    return f"文件解析所需内存超过 {limits.memory_mb} MB 的上限，已停止：{RETRY}"


def output_message(limits: Limits) -> str:
    return (f"文件提取出的文字超过 {_chars(limits.max_chars)}字的上限，已停止："
            "请确认文件内容，或拆分为多个文件后再上传")


CRASH_MESSAGE = f"文件解析意外中止，已停止：{RETRY}"


def run_confined(function: Callable[..., T], *args: Any, limits: Limits,
                 errors: tuple[type[BaseException], ...] = (ParseError,), **kwargs: Any) -> T:
    """`function(*args, **kwargs)` run in a child process under `limits`.

    `function` must be defined at module level, its arguments and result must pickle.
    Exceptions of the types in `errors` come back as they were raised (type, message and
    attributes); a limit hit raises LimitError; any other exception ConfinedError.
    """
    receiver, sender = _context().Pipe(duplex=False)
    child = _context().Process(target=_child, args=(sender, limits, errors, function, args, kwargs),
                               daemon=True, name="sanding-confined")
    try:
        child.start()
    except BaseException:
        receiver.close()
        raise
    finally:
        sender.close()  # only the child writes: its death is then an end of file here
    outcome: tuple = ("time",)
    try:
        if receiver.poll(limits.seconds):
            outcome = receiver.recv()
    except EOFError:  # died without a word: stopped at the CPU limit, crashed, or failed to start
        child.join(5)
        outcome = _silent_end(child.exitcode)
    finally:
        receiver.close()
        _stop(child, grace=0 if outcome[0] == "time" else 5)
    return _result(outcome, limits)


@functools.cache
def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def _stop(child, grace: float) -> None:
    """Wait for a child that answered (it is exiting); kill one that did not."""
    child.join(grace)
    if child.exitcode is None:
        child.kill()
        child.join()
    child.close()


def _silent_end(exitcode: int | None) -> tuple:
    if exitcode == -signal.SIGXCPU:
        return ("time",)
    if exitcode is not None and exitcode < 0:  # a signal: a C library gave up on the file
        return ("crash",)
    return ("bug", f"the confined process ended with code {exitcode} before answering")


def _result(outcome: tuple, limits: Limits) -> Any:
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]
    if kind == "error":
        _, cls, args, state = outcome
        error = cls.__new__(cls, *args)  # as raised: no __init__, whose signature may differ
        error.args = args
        error.__dict__.update(state)
        raise error
    if kind == "bug":
        raise ConfinedError(outcome[1])
    messages = {"time": time_message(limits), "memory": memory_message(limits), "output": output_message(limits)}
    raise LimitError(messages.get(kind, CRASH_MESSAGE), kind=kind if kind in messages else "crash")


def _child(sender, limits: Limits, errors: tuple, function: Callable, args: tuple, kwargs: dict) -> None:
    _limit_resources(limits)
    try:
        outcome: tuple = ("ok", function(*args, **kwargs))
    except BaseException as error:  # everything, SystemExit too, must reach the parent as an outcome
        outcome = _outcome(error, errors)
    try:
        sender.send(outcome)
    except MemoryError:
        sender.send(("memory",))
    except Exception as error:  # a result that does not pickle is a bug of the caller
        sender.send(("bug", f"{type(error).__name__}: {error}"))
    finally:
        sender.close()


def _outcome(error: BaseException, errors: tuple) -> tuple:
    """What the parent is told of an exception: readers turn any failure into a ParseError
    ("file broken"), also one that began as a MemoryError; the limit is the truer reason."""
    cause: BaseException | None = error
    seen: set[int] = set()
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, MemoryError):
            return ("memory",)
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    if isinstance(error, (LimitError, *errors)):
        return _as_error(error)
    return ("bug", "".join(traceback.format_exception(error)))


def _as_error(error: BaseException) -> tuple:
    return ("error", type(error), error.args, dict(error.__dict__))


def _limit_resources(limits: Limits) -> None:
    import resource

    cpu = math.ceil(limits.seconds) + 1  # the parent stops the child first; this is for an orphan
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU would dump core
    # The address space the child starts with (the readers, imported in the forkserver) plus
    # the budget: memory_mb is what parsing may add, whatever the libraries already mapped.
    budget = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + budget, resource.RLIM_INFINITY))


def _address_space() -> int:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):  # not Linux: the budget is the whole limit
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def check_chars(chars: int, limits: Limits, file: str | None = None) -> None:
    """Refuse extracted text longer than the limit (in the child, before anything uses it)."""
    if chars > limits.max_chars:
        raise LimitError(output_message(limits), file, kind="output")


# --- docproc entry points: what ingest runs confined -----------------------------------

def read_file(path: Path, *, limits: Limits, max_bytes: int | None = None, name: str | None = None) -> RawText:
    """docproc.read.read_file in a child process; raises ParseError (LimitError at a limit)."""
    return _named(run_confined, _read, str(path), max_bytes, name, limits, limits=limits,
                  file=name or Path(path).name)


def parse(path: Path, *, limits: Limits, max_bytes: int | None = None, name: str | None = None) -> Document:
    """docproc.parse in a child process; raises ParseError (LimitError at a limit)."""
    return _named(run_confined, _parse, str(path), max_bytes, name, limits, limits=limits,
                  file=name or Path(path).name)


def build_document(raw: RawText, *, file: str, limits: Limits) -> Document:
    """docproc.structure.build_document in a child process (the text was read confined)."""
    check_chars(_text_size(raw), limits, file)
    return _named(run_confined, _build, raw, file, limits=limits, file=file)


def read_scan(path: Path, *, limits: Limits, name: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> RawText:
    """OCR of a scan (docproc.read.ocr), one confined child per page, so that each page gets the
    whole limit and `progress(done, pages)` can be reported between pages. The OCR models take
    `OCR_EXTRA_MB` of address space on top of what reading any file may take."""
    import dataclasses

    from .read import ocr

    file = name or Path(path).name
    limits = dataclasses.replace(limits, memory_mb=limits.memory_mb + OCR_EXTRA_MB)
    pages = _named(run_confined, ocr.page_count, str(path), limits=limits, file=file)
    read: list = []
    for start in range(0, pages, OCR_PAGES_PER_CHILD):
        stop = min(pages, start + OCR_PAGES_PER_CHILD)
        if progress:
            progress(start, pages)
        # each page keeps the whole time limit; a child reads a few (see ocr.read_pages)
        chunk = dataclasses.replace(limits, seconds=limits.seconds * (stop - start))
        read += _named(run_confined, ocr.read_pages, str(path), start, stop, limits=chunk, file=file)
    raw = _named(ocr.assemble, read, path, file=file)
    check_chars(_text_size(raw), limits, file)
    return raw


def _named(run: Callable[..., T], *args: Any, file: str, **kwargs: Any) -> T:
    try:
        return run(*args, **kwargs)
    except ParseError as error:
        error.file = error.file or file
        raise


def _read(path: str, max_bytes: int | None, name: str | None, limits: Limits) -> RawText:
    from .read import read_file as read

    raw = read(Path(path), max_bytes=max_bytes, name=name)
    check_chars(_text_size(raw), limits, name or Path(path).name)
    return raw


def _parse(path: str, max_bytes: int | None, name: str | None, limits: Limits) -> Document:
    from .structure import build_document as build

    return build(_read(path, max_bytes, name, limits), file=name or Path(path).name)


def _build(raw: RawText, file: str) -> Document:
    from .structure import build_document as build

    return build(raw, file=file)


def _text_size(raw: RawText) -> int:
    return sum(len(line) for line in raw.lines)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _chars(count: int) -> str:
    return f"{count // 10000} 万" if count >= 10000 and count % 10000 == 0 else f"{count} "


def _warm() -> None:
    """Fill the readers' lazy caches (OpenCC, the common-character set, compiled patterns,
    python-docx's template) once in the forkserver, which every child inherits: a cold child
    paid up to 160 ms more for a GB18030 text file."""
    import io

    import docx

    from .read import read_bytes
    from .structure import build_document as build

    text = "示例市测试局职能配置、内设机构和人员编制规定\n第三条 主要职责是：\n（一）负责測試工作。\n"
    build(read_bytes(text.encode("gb18030"), "warm.txt"), file="warm.txt")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.add_table(rows=1, cols=2).cell(0, 0).text = "表格"
    buffer = io.BytesIO()
    document.save(buffer)
    build(read_bytes(buffer.getvalue(), "warm.docx"), file="warm.docx")


def _imported_by_forkserver() -> bool:
    forkserver = sys.modules.get("multiprocessing.forkserver")
    frame: FrameType | None = sys._getframe()
    while forkserver is not None and frame is not None:
        if frame.f_code is forkserver.main.__code__:
            return True
        frame = frame.f_back
    return False


if _imported_by_forkserver():  # the forkserver imports PRELOAD, this module among them
    try:
        _warm()
    except Exception:  # only a speed-up: the forkserver must start all the same
        pass

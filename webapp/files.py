"""Files only their owner can read: the uploads, the backups' copies of them, the instance folder.

Folders are 0700 and files 0600 whatever the umask. A folder the platform owns
that exists with wider permissions (made by an older version) is narrowed when
it is used; a file is never written through a symbolic link.
"""
from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: str | Path) -> Path:
    """Create the folder (and missing parents) if needed and make it 0700."""
    path = Path(path)
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    narrow(path, DIR_MODE)
    return path


def narrow(path: str | Path, mode: int) -> None:
    """Set `path`'s permission bits to `mode` if they differ (quietly, where we may not)."""
    try:
        if stat.S_IMODE(os.stat(path).st_mode) != mode:
            os.chmod(path, mode)
    except OSError:
        pass  # owned by someone else, or gone: leave it as it is


def open_private(path: str | Path, *, replace: bool = False):
    """A binary file opened for writing, created 0600; refuses an existing file unless
    `replace` (then it is emptied and made 0600). Never follows a symbolic link."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    flags |= os.O_TRUNC if replace else os.O_EXCL
    descriptor = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(descriptor, FILE_MODE)
    except OSError:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "wb")


def write_private(path: str | Path, stream, *, replace: bool = False) -> int:
    """Copy the binary `stream` into a new 0600 file at `path`; returns its size."""
    with open_private(path, replace=replace) as handle:
        shutil.copyfileobj(stream, handle, 1 << 20)
        return handle.tell()


def copy_private(source: str | Path, target: str | Path, *, replace: bool = False) -> int:
    """Copy the file `source` to a 0600 file `target`; returns its size."""
    with open(source, "rb") as stream:
        return write_private(target, stream, replace=replace)


def copy_tree_private(source: str | Path, target: str | Path) -> int:
    """Copy the regular files under `source` into `target` (folders 0700, files 0600),
    replacing files of the same name; symbolic links and special files are skipped.
    Returns how many files were copied."""
    source, copied = Path(source), 0
    private_dir(target)
    for folder, names, files in os.walk(source):  # does not descend into linked folders
        relative = Path(folder).relative_to(source)
        into = private_dir(Path(target) / relative)
        names[:] = [name for name in names if not (Path(folder) / name).is_symlink()]
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            copy_private(path, into / name, replace=True)
            copied += 1
    return copied

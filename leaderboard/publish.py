"""Publishing: build into a scratch directory beside the target, then swap, so a failed build leaves
the previous output exactly as it was.

A lock file beside the target stops two builds racing on one output; while it is held, scratch folders
of earlier runs that were killed (SIGKILL leaves them behind) are known to be stale and are removed.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Another build holds the lock on this output."""


def _scratch_prefixes(target: Path) -> tuple[str, str]:
    return f".{target.name}.new-", f".{target.name}.old-"


@contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on target for the duration; raise Busy at once if another process has it."""
    path = target.parent / f".{target.name}.lock"
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise Busy(f"another leaderboard run is writing '{target}'") from None
            raise
        # The holder before us may have removed the file after we opened it: then lock the new one.
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def remove_stale_scratch(target: Path) -> None:
    """Delete scratch folders that killed runs left beside target; only call while holding its lock."""
    prefixes = _scratch_prefixes(target)
    for entry in target.parent.iterdir():
        if entry.name.startswith(prefixes) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """Yield an empty directory; on success it replaces target, on any error it is removed."""
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    with locked(target):
        remove_stale_scratch(target)
        new_prefix, old_prefix = _scratch_prefixes(target)
        scratch = Path(tempfile.mkdtemp(prefix=new_prefix, dir=target.parent))
        try:
            yield scratch
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        os.chmod(scratch, 0o755)
        old = target.parent / f"{old_prefix}{os.getpid()}"
        if target.exists():
            os.replace(target, old)
        os.replace(scratch, target)
        shutil.rmtree(old, ignore_errors=True)

"""Reading an input file safely: regular files only, never more than the limit.

``/dev/zero``, a FIFO with no writer, a directory or a socket are refused at
once (the file is opened non-blocking and checked with ``fstat`` before any
read), and at most ``limit + 1`` bytes are ever read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ontime_support.loading.errors import InputError

from .limits import ENV_MAX_FILE_BYTES, max_file_bytes
from .messages import path_text


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: str | Path) -> int:
    """A read-only descriptor of the regular file ``path``, or an :class:`InputError`."""
    source = path_text(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(source, None, "file not found") from None
    except IsADirectoryError:
        raise InputError(source, None, "is a directory, not a file") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "invalid file name"
        raise InputError(source, None, f"cannot read file ({reason})") from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise InputError(source, None, f"cannot read file ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError(source, None, f"is {_kind(mode)}, not a regular file")
    return fd


def too_large(limit: int) -> str:
    return f"larger than {limit:,} bytes (the limit; ${ENV_MAX_FILE_BYTES} raises it)"


def read_bounded(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``, default :func:`max_file_bytes`)."""
    limit = max_file_bytes() if limit is None else limit
    fd = open_regular(path)
    try:
        if os.fstat(fd).st_size > limit:
            raise InputError(path_text(path), None, too_large(limit))
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        raise InputError(path_text(path), None, f"cannot read file ({exc.strerror})") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise InputError(path_text(path), None, too_large(limit))
    return data

"""Raw files as the OS gives them: names of any bytes, and opening only regular files.

File names are bytes on POSIX systems and need not be UTF-8. Chronicle records them as
text that can be turned back into the exact bytes (``file_name_text`` /
``file_name_bytes``), so any name is stored losslessly in ``source_path``.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO


def file_name_text(name: bytes) -> str:
    """A path's bytes as text, losslessly: UTF-8 as it is, each byte that is not UTF-8 as
    ``\\xNN`` and a backslash as ``\\\\`` (so a literal ``\\xNN`` cannot be mistaken for one).

    Names without backslashes that are valid UTF-8 (nearly all) are unchanged;
    ``file_name_bytes`` gives back the bytes.
    """
    text = name.decode("utf-8", "surrogateescape")
    if "\\" not in text and not _SURROGATE.search(text):
        return text
    return "".join(
        "\\\\" if ch == "\\" else f"\\x{ord(ch) - 0xDC00:02x}" if "\udc80" <= ch <= "\udcff" else ch
        for ch in text
    )


def file_name_bytes(text: str) -> bytes:
    """The bytes of a path rendered by ``file_name_text``."""
    if "\\" not in text:
        return text.encode("utf-8")
    return _ESCAPED.sub(
        lambda m: b"\\" if m.group(1) is None else bytes([int(m.group(1), 16)]),
        text.encode("utf-8"),
    )


_SURROGATE = re.compile("[\udc80-\udcff]")
_ESCAPED = re.compile(rb"\\(?:\\|x([0-9a-f]{2}))")


def raw_file_path(raw_dir: str | Path, path: str) -> bytes:
    """The OS path of a raw file from its rendered relative path."""
    return os.path.join(os.fsencode(raw_dir), file_name_bytes(path))


def file_kind(mode: int) -> str:
    """What a non-regular file is, for a reject's detail."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


class NotARegularFile(OSError):
    """The path names a FIFO, device, folder or the like (it may have been swapped in)."""


def open_regular_file(path: str | bytes | Path) -> BinaryIO:
    """Open a file for reading, refusing anything but a regular file.

    ``O_NONBLOCK`` keeps a FIFO put in a file's place from blocking the build.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(f"{file_kind(mode)}, not read")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise

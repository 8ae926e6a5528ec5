"""A file-like sink for COPY output that cuts it into batch files of N lines each.

psycopg2's `copy_expert` writes COPY's output to any object with `write(bytes)`, one row
(or any piece) at a time. This writer buffers those pieces, never splits a line across two
files, and hands each finished file to `on_file` as soon as it is closed, so the loader can
start on it while PostgreSQL is still producing the next one.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import IO

# Buffered bytes are flushed to the (compressing) file in pieces of this size: gzip's
# per-call overhead is paid per megabyte, not per row.
FLUSH_BYTES = 1 << 20
# Level 1: the files are transient (deleted once loaded); at level 6 or 9 gzip would cost
# several times the CPU of the rest of the tap for a few percent less disk.
GZIP_LEVEL = 1

OpenFile = Callable[[int], tuple[str, AbstractContextManager[IO[bytes]]]]


def nth_newline_end(data: bytes | bytearray, start: int, n: int) -> int:
    """The offset just after the n-th newline at or after `start` (n >= 1)."""
    position = start
    for _ in range(n):
        position = data.index(b"\n", position) + 1
    return position


class LineBatchWriter:
    """Writes lines to numbered files of at most `batch_size` lines each.

    `open_file(index)` returns the file's URL and a context manager for its binary file;
    `on_file(url, lines)` is called once per finished, closed file.
    """

    def __init__(
        self,
        open_file: OpenFile,
        on_file: Callable[[str, int], None],
        batch_size: int,
        *,
        compress: bool,
    ) -> None:
        if batch_size < 1:
            msg = f"batch_size must be at least 1, got {batch_size}"
            raise ValueError(msg)
        self._open_file = open_file
        self._on_file = on_file
        self._batch_size = batch_size
        self._compress = compress
        self._buffer = bytearray()
        self._lines_in_file = 0
        self._files = 0
        self._url: str | None = None
        self._context: AbstractContextManager[IO[bytes]] | None = None
        self._raw: IO[bytes] | None = None
        self._out: IO[bytes] | None = None
        self.lines = 0

    def write(self, data: bytes) -> int:
        start = 0
        while start < len(data):
            room = self._batch_size - self._lines_in_file
            newlines = data.count(b"\n", start)
            if newlines < room:
                self._buffer += data[start:] if start else data
                self._lines_in_file += newlines
                self.lines += newlines
                break
            end = nth_newline_end(data, start, room)
            self._buffer += data[start:end]
            self._lines_in_file += room
            self.lines += room
            self._finish_file()
            start = end
        if len(self._buffer) >= FLUSH_BYTES:
            self._flush()
        return len(data)

    def close(self) -> None:
        """Finish the last file; a trailing piece without a newline still counts as a line."""
        if self._buffer and not self._buffer.endswith(b"\n"):
            self._buffer += b"\n"
            self._lines_in_file += 1
            self.lines += 1
        if self._lines_in_file:
            self._finish_file()

    def abort(self) -> None:
        """Close an unfinished file without announcing it."""
        self._close_file()

    def _flush(self) -> None:
        if self._out is None:
            self._files += 1
            self._url, self._context = self._open_file(self._files)
            self._raw = self._context.__enter__()
            self._out = (
                gzip.GzipFile(fileobj=self._raw, mode="wb", compresslevel=GZIP_LEVEL)
                if self._compress
                else self._raw
            )
        self._out.write(self._buffer)
        self._buffer.clear()

    def _close_file(self) -> None:
        if self._out is not None and self._out is not self._raw:
            self._out.close()
        if self._context is not None:
            self._context.__exit__(None, None, None)
        self._out = self._raw = self._context = None

    def _finish_file(self) -> None:
        self._flush()
        url, lines = self._url, self._lines_in_file
        self._close_file()
        self._lines_in_file = 0
        assert url is not None
        self._on_file(url, lines)

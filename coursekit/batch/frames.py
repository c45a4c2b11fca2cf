"""Length-prefixed JSON messages over a pipe (jobs, results, per-cell reports).

JSON, not pickle: a message may come from a process that runs student code, and
reading it must never run code.
"""
from __future__ import annotations

import os
import json
import struct

_HEADER = struct.Struct("!I")


def send(fd: int, message) -> None:
    data = json.dumps(message).encode()
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _decode(data: bytes):
    try:
        return json.loads(data)
    except ValueError:
        return None


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def receive(fd: int):
    """The next message, or ``None`` at end of file (a partial message counts as the end)."""
    header = _read_exactly(fd, _HEADER.size)
    if header is None:
        return None
    data = _read_exactly(fd, _HEADER.unpack(header)[0])
    return None if data is None else _decode(data)


class Reader:
    """Messages from a non-blocking pipe, as they arrive (for a reader that also keeps time)."""

    def __init__(self, fd: int):
        self.fd, self.buffer, self.closed = fd, b"", False

    def feed(self) -> list:
        """Read what is there; return the complete messages it finished."""
        try:
            chunk = os.read(self.fd, 1 << 16)
        except BlockingIOError:
            chunk = None
        if chunk == b"":
            self.closed = True
        elif chunk:
            self.buffer += chunk
        return self.messages()

    def messages(self) -> list:
        """The complete messages in the buffer (taken out of it)."""
        messages, self.buffer = split(self.buffer)
        return messages


def split(data: bytes) -> tuple[list, bytes]:
    """The complete messages in ``data``, and what is left after them."""
    messages = []
    while len(data) >= _HEADER.size:
        size = _HEADER.unpack(data[:_HEADER.size])[0]
        if len(data) < _HEADER.size + size:
            break
        messages.append(_decode(data[_HEADER.size:_HEADER.size + size]))
        data = data[_HEADER.size + size:]
    return messages, data

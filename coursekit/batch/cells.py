"""Run notebook cells in this process as a Jupyter kernel would, keeping what each cell shows.

The cells run in an IPython shell (magics, ``display``, the last expression's value, as in
ipykernel), and each cell's outputs come back as nbformat output dicts: ``stream``
(stdout, stderr), ``execute_result``, ``display_data`` and ``error``, the same kinds
nbgrader reads when it scores a test cell (an ``error`` or any ``stderr`` output means 0).
Text is capped per cell, so a print flood costs memory for the cap only.
"""
from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from traitlets import Type

OUTPUT_CAP = 100_000  # characters kept per cell and stream


class CellOutputs:
    """The outputs of one cell, in order; consecutive text on one stream is merged."""

    def __init__(self, cap: int = OUTPUT_CAP):
        self.items: list[dict] = []
        self.cap = cap
        self.dropped = {"stdout": 0, "stderr": 0}
        self.kept = {"stdout": 0, "stderr": 0}

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        room = self.cap - self.kept[name]
        if room <= 0:
            self.dropped[name] += len(text)
            return
        if len(text) > room:
            self.dropped[name] += len(text) - room
            text = text[:room]
        self.kept[name] += len(text)
        last = self.items[-1] if self.items else None
        if last and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.items.append({"output_type": "stream", "name": name, "text": text})

    def rich(self, output_type: str, data: dict, metadata: dict | None, count: int | None = None):
        item = {"output_type": output_type, "data": data, "metadata": metadata or {}}
        if output_type == "execute_result":
            item["execution_count"] = count
        self.items.append(item)

    def error(self, ename: str, evalue: str, traceback: list[str]) -> None:
        self.items.append({"output_type": "error", "ename": ename, "evalue": evalue,
                           "traceback": list(traceback)})

    def finish(self) -> list[dict]:
        """The outputs, with a note of any text dropped (before the error, if there is one)."""
        notes = [{"output_type": "stream", "name": name,
                  "text": f"\n[{dropped} more characters of output dropped]\n"}
                 for name, dropped in self.dropped.items() if dropped]
        errors = [i for i, item in enumerate(self.items) if item["output_type"] == "error"]
        at = errors[0] if errors else len(self.items)
        return self.items[:at] + notes + self.items[at:]


class _Stream:
    """``sys.stdout``/``sys.stderr`` while a cell runs: text goes to the cell's outputs."""

    def __init__(self, name: str, runner: "CellRunner"):
        self.name, self._runner = name, runner
        self.encoding, self.errors = "utf-8", "replace"

    def write(self, text) -> int:
        text = str(text)
        self._runner.current.stream(self.name, text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return 1 if self.name == "stdout" else 2

    @property
    def closed(self) -> bool:
        return False


class _Publisher(DisplayPublisher):
    """``display(...)`` inside a cell: a ``display_data`` output."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        runner = self.shell._coursekit_runner
        runner.current.rich("display_data", data, metadata)


class _DisplayHook(DisplayHook):
    """The value of a cell's last expression: an ``execute_result`` output."""

    def __call__(self, result=None):
        if result is None:
            return
        self.check_for_underscore()
        if not self.quiet():
            runner = self.shell._coursekit_runner
            data, metadata = self.shell.display_formatter.format(result)
            runner.current.rich("execute_result", data, metadata, runner.execution_count)
            self.update_user_ns(result)


class _Shell(InteractiveShell):
    displayhook_class = Type(_DisplayHook)
    display_pub_class = Type(_Publisher)

    def _showtraceback(self, etype, evalue, stb):
        """As ipykernel does: the traceback becomes an ``error`` output, not printed text."""
        name = getattr(etype, "__name__", str(etype))
        self._coursekit_runner.current.error(name, str(evalue), stb)

    @contextmanager
    def _tee(self, channel):
        """IPython 9 also copies every write to stdout and stderr into its history, for the
        process's lifetime: a print flood would keep all it printed and use up the cell's
        memory. The runner keeps each cell's text itself (capped), so nothing is copied."""
        yield

    def init_history(self):
        from IPython.core.history import HistoryManager

        self.history_manager = HistoryManager(shell=self, parent=self, enabled=False)


class CellRunner:
    """One kernel-like namespace; :meth:`run` executes a cell and returns its outputs.

    Output written straight to file descriptors 1 and 2 (C extensions, ``os.write``)
    is caught too: both point at temporary files that are read after each cell.
    """

    def __init__(self, cap: int = OUTPUT_CAP):
        self.cap = cap
        self.current = CellOutputs(cap)
        self.execution_count = 0
        InteractiveShell.clear_instance()
        self.shell = _Shell.instance(colors="nocolor")
        self.shell._coursekit_runner = self
        self._fd_files = {}

    def capture_file_descriptors(self) -> None:
        """Point fds 1 and 2 at temporary files (call once, in the process that runs cells)."""
        for fd, name in ((1, "stdout"), (2, "stderr")):
            handle = tempfile.TemporaryFile()
            sys.stdout.flush() if fd == 1 else sys.stderr.flush()
            os.dup2(handle.fileno(), fd)
            self._fd_files[name] = [handle, 0]

    def _read_file_descriptors(self) -> None:
        for name, entry in self._fd_files.items():
            handle, offset = entry
            size = os.fstat(handle.fileno()).st_size
            if size > offset:
                want = min(size - offset, self.cap + 1)
                text = os.pread(handle.fileno(), want, offset).decode("utf-8", "replace")
                self.current.stream(name, text)
                if size - offset > want:
                    self.current.dropped[name] += size - offset - want
                entry[1] = size

    def run(self, source: str, silent: bool = False) -> list[dict]:
        """Run one cell; ``silent`` cells (replays) neither count nor keep outputs."""
        self.current = CellOutputs(self.cap)
        if not silent:
            self.execution_count += 1
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _Stream("stdout", self), _Stream("stderr", self)
        try:
            self.shell.run_cell(source, store_history=False, silent=silent)
        finally:
            sys.stdout, sys.stderr = saved
        self._read_file_descriptors()
        return [] if silent else self.current.finish()

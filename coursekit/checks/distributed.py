"""A submission's distributed training, launched as a user would: a fresh Python process
imports the submission's module by its path and calls its ``launch(...)``, which starts the
ranks (``torch.multiprocessing.spawn``: each rank a new interpreter that imports the module
again by name). The process runs in a session of its own, under a deadline, and everything
it started is killed when it ends or runs past it, so a hang costs the checks that use the
run, not the grading. What the ranks saved (``rank{r}.pt`` in the folder given to
``launch``) is read with ``torch.load(weights_only=True)``: tensors and plain values only.

One end is forgiven: a rank that aborts (SIGABRT) once every rank has saved its results. Under
torch 2.13, gloo's teardown at interpreter exit sometimes aborts a rank whose work is done
("terminate called without an active exception"; about 1 launch in 40 on a busy 2-core
machine, whatever the code), and a correct submission must not fail by chance.

A notebook's answer has no file: its cell's text (kept by IPython for tracebacks) is written
to one, named like the exercise's module, in a new temporary folder.
"""
from __future__ import annotations

import hashlib
import json
import linecache
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.checks.base import CheckFailure

HELD_PORTS = (29500, 12355)  # the ports tutorials fix: held while the submission launches
NOT_IMPLEMENTED_EXIT = 3
LOG_SHOWN = 2500  # characters of the launch's output quoted when it fails

# Run with ``python -c`` (a main module without a file: the ranks do not import it again).
_RUNNER = r"""
import importlib, json, os, socket, sys, traceback
path, out_dir, settings, ports = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
sys.path += [p for p in json.loads(sys.argv[5]) if p and p not in sys.path]  # what the grader could import
held = []
for port in ports:
    try:
        s = socket.socket()
        s.bind(("127.0.0.1", port))
        s.listen()
        held.append(s)
    except OSError:
        pass  # taken already: all the same to the launch
for name in ("MASTER_ADDR", "MASTER_PORT", "RANK", "WORLD_SIZE", "LOCAL_RANK"):
    os.environ.pop(name, None)
sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
try:
    module = importlib.import_module(os.path.splitext(os.path.basename(path))[0])
    module.launch(out_dir=out_dir, **settings)
except BaseException as error:
    saved = all(os.path.isfile(os.path.join(out_dir, f"rank{r}.pt")) for r in range(settings["world_size"]))
    at_exit = (type(error).__name__ == "ProcessExitedException"
               and getattr(error, "signal_name", "") == "SIGABRT")
    if saved and at_exit:
        print(f"note: rank {getattr(error, 'error_index', '?')} aborted (SIGABRT) after every rank had saved "
              "its results: torch's gloo backend sometimes does at interpreter exit; the results are graded")
        sys.stdout.flush()
        os._exit(0)
    traceback.print_exc()
    sys.stderr.flush()
    stub = isinstance(error, NotImplementedError) or "NotImplementedError" in str(error)
    os._exit(STUB_EXIT if stub else 1)
""".replace("STUB_EXIT", str(NOT_IMPLEMENTED_EXIT))


@dataclass
class Launch:
    """What one launch left: each rank's saved dict, or why there is none."""
    ranks: dict = field(default_factory=dict)  # rank -> the dict it saved
    failure: CheckFailure | None = None
    not_implemented: bool = False
    seconds: float = 0.0

    def result(self) -> dict:
        """The ranks' dicts; a failed launch raises (as the checks that use it should)."""
        if self.not_implemented:
            raise NotImplementedError("launch (or a function it calls) is not implemented yet")
        if self.failure is not None:
            raise self.failure
        return self.ranks


def answer_file(function) -> Path | None:
    """The file of the module ``function`` belongs to; for a notebook cell, None."""
    code_file = getattr(getattr(function, "__code__", None), "co_filename", "")
    module = sys.modules.get(getattr(function, "__module__", None) or "")
    path = getattr(module, "__file__", None)
    return Path(path) if path and os.path.isfile(path) and os.path.isfile(code_file) else None


def answer_text(function) -> str:
    """The text of the file or notebook cell that defines ``function`` ('' if unknown)."""
    path = getattr(getattr(function, "__code__", None), "co_filename", "")
    return "".join(linecache.getlines(path)) if path else ""


def identity(path: Path) -> tuple:
    """One submission's key across processes: its file's path and content."""
    return str(path), hashlib.sha256(Path(path).read_bytes()).hexdigest()


def start(path: Path, out_dir: Path, settings: dict, deadline_s: float) -> None:
    """Run ``launch(out_dir=out_dir, **settings)`` of the module at ``path`` (see the module
    docstring); its output and how it ended go to ``out_dir`` (``launch.log``, ``status.json``)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    began = time.monotonic()
    code, late = None, False
    with open(out_dir / "launch.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", _RUNNER, str(path), str(out_dir), json.dumps(settings),
             json.dumps(HELD_PORTS), json.dumps(sys.path)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, cwd=out_dir, env=env,
            start_new_session=True)
        try:
            code = process.wait(deadline_s)
        except subprocess.TimeoutExpired:
            late = True
        finally:
            try:
                os.killpg(process.pid, signal.SIGKILL)  # the ranks, and whatever else it started
            except (ProcessLookupError, PermissionError):
                pass
            process.wait()
    (out_dir / "status.json").write_text(json.dumps(
        {"code": code, "late": late, "seconds": time.monotonic() - began}))


def collect(out_dir: Path, settings: dict, world_size: int, deadline_s: float, hint: str) -> Launch:
    """What a :func:`start` in ``out_dir`` left: rank ``r``'s ``rank{r}.pt`` for ``r < world_size``,
    or why there is none."""
    out_dir = Path(out_dir)
    call = f"launch(out_dir=..., {', '.join(f'{k}={v!r}' for k, v in settings.items())})"
    try:
        status = json.loads((out_dir / "status.json").read_text())
        code, late, seconds = status["code"], bool(status["late"]), float(status["seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return Launch(failure=CheckFailure(f"{call} to run", "it did not start", hint))
    done = Launch(seconds=seconds)
    output = _tail(out_dir / "launch.log")
    if code == NOT_IMPLEMENTED_EXIT:
        done.not_implemented = True
    elif late:
        done.failure = CheckFailure(f"{call} to end within {deadline_s:g} s",
                                    "it was still running, and was stopped" + _quoted(output),
                                    "a rank waiting for one that never arrives hangs (every rank must "
                                    "call setup with the same world_size, and the same MASTER_PORT); "
                                    + hint)
    elif code != 0:
        done.failure = CheckFailure(f"{call} to run", f"it failed (exit code {code})" + _quoted(output),
                                    hint)
    else:
        for rank in range(world_size):
            try:
                done.ranks[rank] = _load(out_dir / f"rank{rank}.pt")
            except Exception as error:  # noqa: BLE001 - whatever the file holds, or none
                done.failure = CheckFailure(
                    f"rank {rank} to save a dict with torch.save to out_dir/rank{rank}.pt",
                    f"{type(error).__name__}: {error}", hint)
                done.ranks = {}
                break
    return done


def _load(path: Path) -> dict:
    import torch

    saved = torch.load(path, map_location="cpu", weights_only=True)
    if not isinstance(saved, dict):
        raise TypeError(f"it holds a {type(saved).__name__}, not a dict")
    return saved


def _tail(path: Path) -> str:
    try:
        with Path(path).open("rb") as log:
            log.seek(max(0, os.path.getsize(path) - LOG_SHOWN))
            return log.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _quoted(output: str) -> str:
    return "; its output ended with:\n" + output.strip() if output.strip() else ""


def start_answer(function, module_name: str, settings: dict, deadline_s: float, out_dir: Path) -> None:
    """:func:`start` for the module that defines ``function``; a notebook cell's text is written
    to ``out_dir/answer/<module_name>.py`` first. Raises CheckFailure if there is no source."""
    out_dir = Path(out_dir)
    path = answer_file(function)
    if path is None:
        text = answer_text(function)
        if not text:
            raise CheckFailure("the code of launch (a file, or a notebook cell)", "no source found for it",
                               "define launch in the exercise's module (or its answer cell)")
        path = out_dir / "answer" / f"{module_name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    start(path, out_dir / "run", settings, deadline_s)


def launch_answer(function, module_name: str, settings: dict, world_size: int, deadline_s: float,
                  hint: str) -> Launch:
    """:func:`start_answer` then :func:`collect`, in a temporary folder removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="coursekit-launch-") as folder:
        start_answer(function, module_name, settings, deadline_s, Path(folder))
        return collect(Path(folder) / "run", settings, world_size, deadline_s, hint)

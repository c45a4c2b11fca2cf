"""Helpers for the kit's own tests: every implementation of every exercise, graded."""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import torch

from coursekit.config import load_course
from coursekit.grading import exercise_checks
from coursekit.outcome import run_check
from coursekit.solutions import load_file

ROOT = Path(__file__).resolve().parents[1]
COURSE = load_course(ROOT)
EXERCISES = [(s.id, e.id) for s, e in COURSE.exercises()]
CUDA = torch.cuda.is_available()


def implementations(kind: str) -> list[tuple[str, str, str]]:
    """(session, exercise, name) for every file under tests/<kind>/ (mutants, alternatives)."""
    found = []
    for session_id, exercise_id in EXERCISES:
        folder = ROOT / "tests" / kind / session_id / exercise_id
        found += [(session_id, exercise_id, p.stem) for p in sorted(folder.glob("*.py"))]
    return found


def implementation_path(kind: str, session_id: str, exercise_id: str, name: str = "") -> Path:
    if kind in ("exercises", "reference"):
        return ROOT / kind / session_id / f"{exercise_id}.py"
    return ROOT / "tests" / kind / session_id / exercise_id / f"{name}.py"


@lru_cache(maxsize=None)
def grade(kind: str, session_id: str, exercise_id: str, name: str = "",
          only: frozenset[str] | None = None):
    """Run the exercise's checks (all, or those named in ``only``) on one implementation:
    ({check: Outcome}, module)."""
    path = implementation_path(kind, session_id, exercise_id, name)
    submission = load_file(path, f"_kit_{kind}_{session_id}_{exercise_id}_{name}",
                           _stages_before(kind, session_id, exercise_id, name))
    checks = exercise_checks(ROOT, session_id, exercise_id)
    outcomes = {n: run_check(fn, submission, COURSE.seed) for n, fn in checks.items()
                if only is None or n in only}
    return outcomes, submission


def _stages_before(kind: str, session_id: str, exercise_id: str, name: str) -> tuple:
    """A pipeline's earlier stages for one implementation of a stage: the same kind's (an
    alternative pipeline's modules share a name); a mutant's, and wherever the kind has none, the
    reference's, loaded once, so that work the graders keep per module (a training) is shared."""
    session = next(s for s in COURSE.sessions if s.id == session_id)
    stages = []
    for stage in session.stages_before(exercise_id):
        path = implementation_path(kind, session_id, stage, name)
        if kind == "mutants" or not path.is_file():
            path = implementation_path("reference", session_id, stage)
        stages.append(_stage(path))
    return tuple(stages)


@lru_cache(maxsize=None)
def _stage(path: Path):
    return load_file(path, "_kit_stage_" + "_".join(path.with_suffix("").parts[-3:]))


def caught_by(session_id: str, exercise_id: str, name: str) -> set[str]:
    """The checks a mutant declares must reject it (its ``CAUGHT_BY``), read without running it."""
    tree = ast.parse(implementation_path("mutants", session_id, exercise_id, name).read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "CAUGHT_BY" for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


def cuda_only(check_name: str) -> bool:
    return check_name == "cuda_parity" and not CUDA


class EscapeWatch:
    """What escape attempts must not reach: a server on 127.0.0.1 that must hear nothing,
    a number to tag the processes and files they start (``sleep TAG``, ``TAG.py``), and
    the checks that nothing got out. Skips the test where user namespaces are not allowed."""

    def __init__(self):
        import os
        import socket
        import time

        import pytest

        from coursekit.sandbox import probe

        missing = probe().missing
        if any("namespaces" in line for line in missing):
            pytest.skip("this machine allows no user namespaces: " + "; ".join(missing))
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.tag = f"{300 + os.getpid() % 600}.{int(time.time()) % 10_000}"  # a number, for sleep
        self.planted = ROOT / "coursekit" / f"{self.tag}.py"

    def leftovers(self) -> list[str]:
        """Processes still running with the tag in their command line."""
        import os

        found = []
        for entry in os.listdir("/proc"):
            try:
                line = (Path("/proc") / entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, ValueError):
                continue
            if f"sleep {self.tag}" in line:
                found.append(line)
        return found

    def heard_something(self) -> bool:
        try:
            self.server.accept()
            return True
        except TimeoutError:
            return False

    def close(self) -> None:
        import subprocess

        self.server.close()
        self.planted.unlink(missing_ok=True)
        subprocess.run(["pkill", "-f", f"sleep {self.tag}"])

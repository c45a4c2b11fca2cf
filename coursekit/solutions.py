"""Which implementation is graded, and loading one exercise module from it."""
from __future__ import annotations

import importlib.util
import sys
import traceback
from pathlib import Path

from coursekit.checks import CheckFailure


class NotSubmitted(CheckFailure):
    """The exercise module is missing from the graded folder."""


class ImportFailed(CheckFailure):
    """The exercise module exists but could not be imported."""


def solution_dir(root: Path, solution: str | None) -> Path:
    """``None``/"exercises" -> the stubs, "reference" -> the reference, else a path."""
    name = solution or "exercises"
    if name in ("exercises", "reference"):
        return Path(root) / name
    return Path(name).expanduser().resolve()


class Submission:
    """A student's exercise module; a missing name fails the check, not the run."""

    def __init__(self, namespace: dict, label: str, problem: CheckFailure | None = None,
                 before: tuple[Submission, ...] = ()):
        self._namespace = namespace
        self._label = label
        self._problem = problem
        self._before = before  # a pipeline's earlier stages, latest first: their names too

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        if self._problem is not None:
            raise self._problem
        if name in self._namespace:
            return self._namespace[name]
        for stage in self._before:
            if stage._problem is None and name in stage._namespace:
                return stage._namespace[name]
        broken = [f"{stage._label}: {stage._problem.found}" for stage in self._before if stage._problem]
        raise CheckFailure(
            f"a definition named `{name}`",
            f"no `{name}` in {self._label}" + "".join(
                f" or {stage._label}" for stage in self._before) + "".join(f"; {b}" for b in broken),
            "keep the names (and signatures) of the stub",
        )

    def __repr__(self):
        return f"<submission {self._label}>"


def load_submission(folder: Path, session_id: str, exercise_id: str,
                    before: tuple[str, ...] = ()) -> Submission:
    """Import ``folder/session_id/exercise_id.py`` afresh, never crashing the caller; with
    ``before`` (a pipeline's earlier stages, latest first) their modules too, whose names the
    submission also resolves."""
    path = Path(folder) / session_id / f"{exercise_id}.py"
    stages = tuple(load_submission(folder, session_id, stage) for stage in before)
    if not path.is_file():
        return Submission({}, f"{session_id}/{exercise_id}.py", NotSubmitted(
            f"a module {session_id}/{exercise_id}.py", f"no file at {path}",
            "not submitted: save your work under that name"), stages)
    return load_file(path, f"_graded_{session_id}_{exercise_id}", stages)


def load_file(path: Path, name: str, before: tuple[Submission, ...] = ()) -> Submission:
    """Import one Python file as module ``name``; import errors become a failing check."""
    path = Path(path)
    label = f"{path.parent.name}/{path.name}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up here
    try:
        spec.loader.exec_module(module)
    except BaseException as exc:  # SystemExit and friends included: one module, not the run
        if isinstance(exc, KeyboardInterrupt):
            raise
        last = traceback.extract_tb(exc.__traceback__)[-1]
        return Submission({}, label, ImportFailed(
            f"{label} to import", f"{type(exc).__name__}: {exc} (line {last.lineno})",
            "run `python " + str(path) + "` and fix the first error it shows"), before)
    return Submission(vars(module), label, before=before)

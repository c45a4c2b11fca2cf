"""The course as `course_config.py` describes it: sessions, exercises, checks."""
from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Check:
    """One graded behaviour: a pytest test named ``test_<name>``."""

    name: str
    points: float
    hidden: bool = False


@dataclass(frozen=True)
class Exercise:
    id: str  # e.g. "ex01_simple_mlp"
    title: str
    checks: tuple[Check, ...]
    timeout_s: float | None = None  # per check; None -> the course default

    def check(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)


@dataclass(frozen=True)
class Session:
    id: str  # e.g. "session03"
    title: str
    exercises: tuple[Exercise, ...] = field(default_factory=tuple)
    # The exercises are the stages of one pipeline (a capstone): a stage's graders also see the
    # names the stages before it define, as its notebook does, to wire the whole pipeline.
    pipeline: bool = False

    def stages_before(self, exercise_id: str) -> tuple[str, ...]:
        """The exercises before ``exercise_id`` whose names its graders see (latest first)."""
        if not self.pipeline:
            return ()
        ids = [e.id for e in self.exercises]
        return tuple(reversed(ids[:ids.index(exercise_id)])) if exercise_id in ids else ()


@dataclass(frozen=True)
class Course:
    id: str
    seed: int
    check_timeout_s: float
    cell_timeout_s: float
    sessions: tuple[Session, ...]

    def exercises(self):
        """Yield (session, exercise) pairs in course order."""
        for session in self.sessions:
            for exercise in session.exercises:
                yield session, exercise

    def check_limit_s(self, exercise: Exercise | None, override: float | None = None) -> float:
        """One check's time limit: the exercise's own where it sets one (its work needs that
        long, whatever the run's override), else ``override`` (``--check-timeout``), else the
        course's default."""
        if exercise is not None and exercise.timeout_s:
            return exercise.timeout_s
        return override or self.check_timeout_s

    def find(self, session_id: str, exercise_id: str) -> tuple[Session, Exercise] | None:
        for session, exercise in self.exercises():
            if session.id == session_id and exercise.id == exercise_id:
                return session, exercise
        return None


def kit_root(start: Path | None = None) -> Path:
    """The folder holding ``course_config.py``, searched upwards from ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "course_config.py").is_file():
            return folder
    raise FileNotFoundError(f"no course_config.py in {here} or any folder above it")


def course_root() -> Path:
    """The kit folder: $COURSEKIT_ROOT, else the one holding the installed ``coursekit``."""
    if os.environ.get("COURSEKIT_ROOT"):
        return Path(os.environ["COURSEKIT_ROOT"])
    here = Path(__file__).resolve().parents[1]
    return here if (here / "course_config.py").is_file() else kit_root()


@lru_cache(maxsize=None)
def load_course(root: Path) -> Course:
    """Import ``root/course_config.py`` and return its ``COURSE``."""
    path = Path(root) / "course_config.py"
    spec = importlib.util.spec_from_file_location("course_config", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.COURSE


def grader_target(relpath: str) -> tuple[str, str, bool] | None:
    """Map a grader file path to (session id, exercise id, hidden).

    ``graders/session03/test_ex01_simple_mlp.py`` -> ("session03", "ex01_simple_mlp", False)
    ``graders/hidden/session03/test_ex01_simple_mlp.py`` -> (..., True)
    """
    parts = Path(relpath).parts
    if not parts or parts[0] != "graders":
        return None
    hidden = len(parts) > 1 and parts[1] == "hidden"
    rest = parts[2:] if hidden else parts[1:]
    if len(rest) != 2 or not rest[1].startswith("test_") or not rest[1].endswith(".py"):
        return None
    return rest[0], rest[1][len("test_"):-len(".py")], hidden

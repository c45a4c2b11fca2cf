"""The course config, the stubs, the reference and the graders agree with each other."""
import ast
import inspect

import pytest

from coursekit.config import grader_target
from coursekit.grading import grader_path, load_grader
from kit import COURSE, EXERCISES, ROOT


def _public_api(path):
    """{name: signature text} of the module's public functions, classes and their methods."""
    tree = ast.parse(path.read_text())
    api = {}
    for node in tree.body:
        if getattr(node, "name", "_").startswith("_"):
            continue  # imports, assignments and private helpers
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            api[node.name] = ast.unparse(node.args)
        elif isinstance(node, ast.ClassDef):
            api[node.name] = [ast.unparse(b) for b in node.bases]
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and (
                        not item.name.startswith("_") or item.name == "__init__"):
                    api[f"{node.name}.{item.name}"] = ast.unparse(item.args)
    return api


@pytest.mark.parametrize("session_id,exercise_id", EXERCISES)
def test_every_exercise_has_stub_reference_and_grader(session_id, exercise_id):
    for folder in ("exercises", "reference"):
        assert (ROOT / folder / session_id / f"{exercise_id}.py").is_file(), folder
    assert grader_path(ROOT, session_id, exercise_id).is_file()


@pytest.mark.parametrize("session_id,exercise_id", EXERCISES)
def test_stub_signatures_equal_the_reference(session_id, exercise_id):
    stub = _public_api(ROOT / "exercises" / session_id / f"{exercise_id}.py")
    reference = _public_api(ROOT / "reference" / session_id / f"{exercise_id}.py")
    assert stub == reference


@pytest.mark.parametrize("session_id,exercise_id", EXERCISES)
def test_stub_docstring_names_every_public_check(session_id, exercise_id):
    stub = ROOT / "exercises" / session_id / f"{exercise_id}.py"
    doc = ast.get_docstring(ast.parse(stub.read_text())) or ""
    assert "What the graders check" in doc, "the spec must say what is graded"
    assert "NotImplementedError" in stub.read_text()


@pytest.mark.parametrize("session_id,exercise_id", EXERCISES)
def test_grader_tests_match_the_config(session_id, exercise_id):
    exercise = COURSE.find(session_id, exercise_id)[1]
    for hidden in (False, True):
        path = grader_path(ROOT, session_id, exercise_id, hidden)
        tests = set()
        if path.is_file():
            module = load_grader(path)
            tests = {n[len("test_"):] for n, f in vars(module).items()
                     if n.startswith("test_") and inspect.isfunction(f)}
            for name in tests:
                params = list(inspect.signature(getattr(module, "test_" + name)).parameters)
                assert params == ["sol"], f"test_{name} must take exactly `sol`"
        configured = {c.name for c in exercise.checks if c.hidden == hidden}
        assert tests == configured, f"{'hidden' if hidden else 'public'} grader vs course_config.py"


def test_every_grader_file_belongs_to_an_exercise():
    for path in (ROOT / "graders").rglob("test_*.py"):
        target = grader_target(str(path.relative_to(ROOT)))
        assert target is not None and target[:2] in EXERCISES, path


def _defines_a_model(path) -> bool:
    """The module defines a class deriving from nn.Module (a model exercise)."""
    return any(isinstance(node, ast.ClassDef) and any("Module" in ast.unparse(b) for b in node.bases)
               for node in ast.parse(path.read_text()).body)


def test_config_is_well_formed():
    assert COURSE.id and COURSE.check_timeout_s > 0 and COURSE.cell_timeout_s > 0
    for session, exercise in COURSE.exercises():
        names = [c.name for c in exercise.checks]
        assert len(names) == len(set(names)), f"{exercise.id}: duplicate check names"
        # a capstone (a pipeline of modules) counts as one exercise: its modules' checks together
        graded = [c for e in (session.exercises if session.pipeline else (exercise,)) for c in e.checks]
        assert len([c for c in graded if c.points > 0]) >= 5, f"{exercise.id}: at least 5 checks"
        if session.pipeline:
            total = sum(c.points for e in session.exercises for c in e.checks)
            assert total == 30, f"{session.id}: 30 points"
        assert all(c.points >= 0 for c in exercise.checks)
        if _defines_a_model(ROOT / "reference" / session.id / f"{exercise.id}.py"):
            assert {"follows_device", "cuda_parity"} <= set(names), f"{exercise.id}: a model's device checks"


def test_every_mutant_pastes_into_a_notebook_cell():
    """A simulated student's answer cell is a mutant with the reference pasted in front of it
    (coursekit.answers.inline_reference): that works only for names imported from an exercise's
    reference module, never for a reference module itself."""
    from coursekit.answers import inline_reference
    from kit import implementations

    for session_id, exercise_id, name in implementations("mutants"):
        path = ROOT / "tests" / "mutants" / session_id / exercise_id / f"{name}.py"
        try:
            cell = inline_reference(path.read_text(), ROOT)
        except OSError as error:
            pytest.fail(f"{path.relative_to(ROOT)}: {error} (import names from "
                        "reference.<session>.<exercise>)")
        left = [n.module for n in ast.walk(ast.parse(cell, str(path)))
                if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("reference")]
        assert not left, (path, left)


def test_the_files_run_heaviest_first_exist():
    from conftest import HEAVIEST_FIRST

    missing = [name for name in HEAVIEST_FIRST if not (ROOT / "tests" / name).is_file()]
    assert not missing, f"HEAVIEST_FIRST in tests/conftest.py names files that are gone: {missing}"

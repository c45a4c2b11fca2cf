"""pytest plugin: choose the graded implementation, score each check, print the table.

Registered through the ``pytest11`` entry point, so ``pytest`` in the kit (or in a
student bundle) grades with it. Options: ``--solution`` and ``--grade-report``.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from coursekit import config as cfg
from coursekit import timelimit
from coursekit.grading import reset_random_state, single_threaded
from coursekit.outcome import classify
from coursekit.scoring import CheckResult, build_report, format_table, write_report
from coursekit.solutions import load_submission, solution_dir

_STATE = pytest.StashKey[dict]()


def pytest_addoption(parser):
    group = parser.getgroup("coursekit", "course grading")
    group.addoption("--solution", default=None, metavar="NAME_OR_PATH",
                    help="what to grade: 'exercises' (default, your work), 'reference', "
                         "or a folder laid out like exercises/")
    group.addoption("--grade-report", default=None, metavar="FILE.json|FILE.html",
                    help="write the scores and every failed check's message as JSON, or as "
                         "an HTML report card when FILE ends in .html")
    group.addoption("--check-timeout", default=None, type=float, metavar="SECONDS",
                    help="time limit of each check (default: course_config.py; an exercise "
                         "with a limit of its own keeps it)")
    group.addoption("--no-sandbox", action="store_true",
                    help="with --solution=PATH: run each check unconfined (default: in a sandbox "
                         "where the kit's solutions and hidden graders cannot be read)")
    group.addoption("--memory-limit", default=4.0, type=float, metavar="GIB",
                    help="with --solution=PATH: the memory each check's process may use beyond "
                         "what grading maps already (default: 4)")


def _course_root(config) -> Path | None:
    root = Path(config.rootpath)
    return root if (root / "course_config.py").is_file() else None


def pytest_configure(config):
    os.environ.setdefault("MPLBACKEND", "Agg")  # figures are checked, never shown
    if not config.pluginmanager.has_plugin("coursekit-timelimit"):
        config.pluginmanager.register(timelimit, "coursekit-timelimit")
    root = _course_root(config)
    if root is None:
        if config.inipath is None and (Path.cwd() / "course_config.py").is_file():
            # pytest took `--solution /some/path`'s value for a test path and looked for
            # its settings above both folders.
            raise pytest.UsageError("write the option with an equals sign: --solution=PATH")
        return
    course = cfg.load_course(root)
    single_threaded()
    for session in course.sessions:
        config.addinivalue_line("markers", f"{session.id}: {session.title}")
        for exercise in session.exercises:
            config.addinivalue_line("markers", f"{session.id}_{exercise.id}: {exercise.title}")
    exercise_markers = {f"{s.id}_{e.id}" for s in course.sessions for e in s.exercises}
    config.stash[_STATE] = state = {"root": root, "course": course, "results": {},
                                    "sandbox": _sandbox_wanted(config, root),
                                    "markers": exercise_markers | {s.id for s in course.sessions}}
    _student_friendly_output(config, root, exercise_markers)
    config.pluginmanager.register(ScoreKeeper(config, state), "coursekit-scores")


def _sandbox_wanted(config, root: Path) -> list[str] | None:
    """The folders to hide when grading someone's work (``--solution=PATH`` outside the
    kit) in a sandbox, else None (a student grading their own work, the reference, or
    ``--no-sandbox``)."""
    option = config.getoption("solution")
    if option in (None, "exercises", "reference") or config.getoption("no_sandbox"):
        return None
    if solution_dir(root, option).is_relative_to(root.resolve()):
        return None
    from coursekit.sandbox import hidden_paths

    return hidden_paths(root)


def pytest_report_header(config):
    state = config.stash.get(_STATE, None)
    if state is None or state["sandbox"] is None:
        return None
    from coursekit.sandbox import probe
    from coursekit.sandbox.seal import SEALED

    done = probe(state["sandbox"])
    return (["sandbox for the graded code: " + "; ".join([*done.active, SEALED])]
            + [f"  not active: {line}" for line in done.missing])


def _given(config, *flags: str) -> bool:
    """Whether the command line itself (not addopts) sets one of ``flags``."""
    return any(arg == flag or arg.startswith(flag + "=") or (len(flag) == 2 and arg.startswith(flag))
               for arg in config.invocation_params.args for flag in flags)


def _student_friendly_output(config, root: Path, exercise_markers: set[str]) -> None:
    """The score table is the report: every failed check's message, in full, with its
    exercise. pytest's failure sections would repeat it (with worker banners under
    xdist), so they are off unless ``--tb`` is given. A run of one exercise (one grader
    file, or ``-m`` naming one exercise's marker) needs no workers: it runs in this
    process (a worker costs seconds to start) unless ``-n`` is given."""
    if not all(_under(root / "graders", arg) for arg in config.args):
        return  # not a grading run (the kit's own tests, say): pytest as usual
    if not _given(config, "--tb"):
        config.option.tbstyle = "no"
    graders = [a for a in config.args if _is_grader_file(root, a)]
    one_file = bool(graders) and len(graders) == len(config.args) == 1
    one_exercise = config.getoption("markexpr", "").strip() in exercise_markers
    if not _given(config, "-n", "--numprocesses") and (one_file or one_exercise):
        config.option.numprocesses, config.option.dist, config.option.tx = 0, "no", []


def _path_of(arg: str) -> Path:
    path = Path(arg.split("::")[0])
    return (path if path.is_absolute() else Path.cwd() / path).resolve()


def _under(folder: Path, arg: str) -> bool:
    return _path_of(arg).is_relative_to(folder.resolve())


def _is_grader_file(root: Path, arg: str) -> bool:
    return _grader_of(root, _path_of(arg)) is not None


def _grader_of(root: Path, path) -> tuple | None:
    """(session id, exercise id, hidden) for a grader file under ``root``, else None."""
    try:
        rel = Path(path).resolve().relative_to(root)
    except ValueError:
        return None
    return cfg.grader_target(str(rel))


def _target(config, path) -> tuple | None:
    """(session id, exercise id, hidden) for a grader file of this run's kit, else None."""
    state = config.stash.get(_STATE, None)
    return None if state is None else _grader_of(state["root"], path)


def pytest_ignore_collect(collection_path, config):
    """Under ``-m`` naming only sessions and exercises (``-m session03``), a grader file it
    leaves out is not imported at all: its tests would all be deselected, and importing
    every session's graders (scikit-learn among them) costs seconds of each run."""
    state = config.stash.get(_STATE, None)
    expression = config.getoption("markexpr", "")
    target = _target(config, collection_path) if state and expression else None
    if target is None:
        return None
    session_id, exercise_id, _ = target
    names = set(re.findall(r"[^\s()]+", expression)) - {"and", "or", "not"}
    if not names <= state["markers"]:
        return None  # another marker or keyword arguments: leave it to pytest
    from _pytest.mark.expression import Expression

    mine = {session_id, f"{session_id}_{exercise_id}"}
    try:
        selected = Expression.compile(expression).evaluate(lambda name, **_: name in mine)
    except Exception:  # an expression pytest itself will report
        return None
    return True if not selected else None


def pytest_collection_modifyitems(session, config, items):
    state = config.stash.get(_STATE, None)
    if state is None:
        return
    for item in items:
        target = _target(config, item.path)
        if target is None:
            continue
        session_id, exercise_id, _ = target
        found = state["course"].find(session_id, exercise_id)
        item.add_marker(session_id)
        item.add_marker(f"{session_id}_{exercise_id}")
        # under workers (``--dist loadgroup``), an exercise's checks, public and hidden, run
        # on one worker: its first-use costs (a model the kit trains, an exporter's first
        # call) are paid once, not once per worker
        item.add_marker(pytest.mark.xdist_group(f"{session_id}_{exercise_id}"))
        timeout = state["course"].check_limit_s(found and found[1], config.getoption("check_timeout"))
        item.add_marker(pytest.mark.timeout(timeout))


@pytest.fixture
def sol(request):
    """The graded module of this grader's exercise (see ``--solution``)."""
    state = request.config.stash[_STATE]
    session_id, exercise_id, _ = _target(request.config, request.path)
    folder = solution_dir(state["root"], request.config.getoption("solution"))
    session = next(s for s in state["course"].sessions if s.id == session_id)
    before = session.stages_before(exercise_id)  # a pipeline's earlier stages, as in its notebook
    if state["sandbox"] is not None:
        from coursekit.isolated import Deferred

        return Deferred(folder, session_id, exercise_id, before)  # imported inside the sandbox only
    return load_submission(folder, session_id, exercise_id, before)


@pytest.fixture
def sandboxed(request, sol):
    """Where someone's work is graded in a sandbox (``sol`` is then not imported here): a
    function ``run(fn, keep)`` that calls ``fn(submission)`` in a sandboxed process of its own
    (as a check runs), then ``keep(folder)`` here, on the folder that process worked in, before
    it is removed; it returns the :class:`~coursekit.outcome.Outcome`. Work done once per
    submission for several checks (a distributed run, say) goes this way. Elsewhere None: the
    checks' own process does such work itself."""
    state = request.config.stash[_STATE]
    if state["sandbox"] is None:
        return None
    from coursekit import isolated

    def run(fn, keep):
        return isolated.run(fn, {"submission": sol}, state["sandbox"], None,
                            request.config.getoption("memory_limit"), keep=keep)

    return run


def _data_modules_used(items) -> list[str]:
    """The kit's data modules the selected graders use (imported whole, or a name from
    them): only their caches are warmed, not those of every grader pytest collected."""
    import inspect
    import sys

    used = set()
    for module in {item.module for item in items if getattr(item, "module", None)}:
        for value in vars(module).values():
            name = value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", None)
            if isinstance(name, str) and name.startswith("coursekit.data.") and name in sys.modules:
                used.add(name)
    return sorted(used)


@pytest.hookimpl(wrapper=True)
def pytest_runtestloop(session):
    """With a sandbox, the grading process warms up once, before the first check and outside
    every check's time limit: else every check's process pays torch's lazy start, and a
    limit's alarm that went off inside the warm-up's imports would leave torch half imported
    for every check after it. (Under workers, each worker has items to run; the controller
    has none and skips this.)"""
    state = session.config.stash.get(_STATE, None)
    if (state is not None and state["sandbox"] is not None and session.items
            and not session.config.option.collectonly):
        from coursekit.grading import warm_up

        warm_up(_data_modules_used(session.items))
    return (yield)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """With a sandbox, the check runs in a confined child process (:mod:`coursekit.isolated`)."""
    state = pyfuncitem.config.stash.get(_STATE, None)
    if state is None or state["sandbox"] is None or _target(pyfuncitem.config, pyfuncitem.path) is None:
        return None
    from coursekit import isolated

    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    marker = pyfuncitem.get_closest_marker("timeout")
    outcome = isolated.run(pyfuncitem.obj, arguments, state["sandbox"],
                           marker.args[0] if marker and marker.args else None,
                           pyfuncitem.config.getoption("memory_limit"))
    if outcome.status == "skipped":
        pytest.skip(outcome.message)
    if outcome.status != "passed":
        raise isolated.Judged(outcome)
    return True


@pytest.fixture(autouse=True)
def _fixed_random_state(request):
    """Every check starts from the same random state, whatever ran before it."""
    state = request.config.stash.get(_STATE, None)
    if state is not None and _target(request.config, request.path):
        reset_random_state(state["course"].seed)
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if call.excinfo is None or _target(item.config, item.path) is None:
        return
    result = classify(call.excinfo.value)
    report.user_properties += [("reason", result.reason), ("message", result.message)]
    session_id, exercise_id, _ = _target(item.config, item.path)
    check = item.name.removeprefix("test_")
    report.location = (report.location[0], report.location[1], f"{session_id}/{exercise_id}::{check}")
    if result.status == "failed":
        report.outcome = "failed"
        report.longrepr = f"{exercise_id}::{check} [{result.reason}]\n{result.message}"


class ScoreKeeper:
    """Collects one result per check (on the controller, too, under xdist) and reports."""

    def __init__(self, config, state):
        self.config, self.state = config, state

    def _check_of(self, nodeid: str):
        path, _, name = nodeid.partition("::")
        target = _target(self.config, self.state["root"] / path)
        if target is None or not name.startswith("test_"):
            return None
        session_id, exercise_id, hidden = target
        name = name[len("test_"):].split("[")[0]
        found = self.state["course"].find(session_id, exercise_id)
        return session_id, exercise_id, name, found[1].check(name) if found else None, hidden

    def _table_last(self):
        """The score table lists every failed check: drop pytest's short summary (unless
        asked for with -r) so that the table is what a run ends with."""
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None and self.config.option.reportchars == "fE":
            reporter.reportchars = reporter.reportchars.replace("f", "").replace("E", "")

    def pytest_runtest_logreport(self, report):
        found = self._check_of(report.nodeid)
        if found is None or not (report.when == "call" or report.failed or report.skipped):
            return
        if not self.state["results"]:
            self._table_last()
        session_id, exercise_id, name, check, hidden = found
        previous = self.state["results"].get(report.nodeid)
        if previous is not None and previous.status == "failed":
            return  # a teardown must not turn a failure into a pass
        status = "failed" if report.failed else "skipped" if report.skipped else "passed"
        properties = dict(report.user_properties)
        reason = properties.get("reason", "")
        message = properties.get("message", report.longreprtext)
        if report.skipped and isinstance(report.longrepr, tuple):
            message = report.longrepr[2].removeprefix("Skipped: ")
        if report.failed and "worker" in message and "crashed" in message:
            reason = "crashed"
            message = ("the grading process died while running this check "
                       "(os._exit, a segfault or running out of memory?)")
        if check is None:
            status, reason = "failed", "not in course_config.py"
            message = f"{exercise_id} has no check `{name}` in course_config.py"
        self.state["results"][report.nodeid] = CheckResult(
            session_id, exercise_id, name, check.points if check else 0.0,
            check.hidden if check else hidden, status,
            "" if status == "passed" else reason or status,
            "" if status == "passed" else message)

    def report(self) -> dict | None:
        if not self.state["results"]:
            return None
        solution = self.config.getoption("solution") or "exercises"
        return build_report(self.state["course"], list(self.state["results"].values()), solution)

    def pytest_terminal_summary(self, terminalreporter):
        if hasattr(self.config, "workerinput"):
            return  # an xdist worker: the controller reports
        report = self.report()
        if report is None:
            return
        terminalreporter.section(f"course score ({report['solution']})")
        for line in format_table(report):
            terminalreporter.write_line(line)
        path = self.config.getoption("grade_report")
        if path and str(path).lower().endswith((".html", ".htm")):
            from coursekit.reports.card import write_card

            write_card(report, path)
            terminalreporter.write_line(f"report card written to {path}")
        elif path:
            write_report(report, path)
            terminalreporter.write_line(f"grade report written to {path}")

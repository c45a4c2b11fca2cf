"""The sealing hook, alone: what it seals, what it refuses, what it finds and puts back.

Each case runs in a forked child (a hook stays for the life of its process): the child
installs the hook, runs some code, and seals (or not); the test reads what came out.
"""
import os

import pytest

import coursekit.tamper  # noqa: F401  (watched, as it is wherever the kit grades)
from coursekit.batch import frames
from coursekit.sandbox import seal
from coursekit.sandbox.confine import read_all

pytestmark = pytest.mark.timeout(60)


def in_child(code: str, seals: int = 1):
    """Fork; in the child install the hook (from the frame that then runs ``code`` and
    seals ``("name", "passed", "", "")`` ``seals`` times); return (reports, alarm, wait
    status) and keep the raw messages and the key in ``in_child.last``."""
    recorded, keys = seal.current_snapshot(), [seal.new_key()]
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            os.close(read_fd)
            seal.install(write_fd, keys.pop(), recorded)
            exec(compile(code, "<graded code>", "exec"), {"fd": write_fd})
            import sys
            for _ in range(seals):
                sys.audit("coursekit.seal", "name", "passed", "", "")
        except BaseException:  # noqa: BLE001
            status = 70
        finally:
            os._exit(status)
    os.close(write_fd)
    data = read_all(read_fd)
    os.close(read_fd)
    _, status = os.waitpid(pid, 0)
    messages = frames.split(data)[0]
    in_child.last = (messages, keys[0])
    reports, alarm = seal.unseal(keys[0], messages)
    return reports, alarm, status


def alarmed(status) -> bool:
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == seal.ALARM_EXIT


def test_an_untouched_process_seals_its_outcome():
    reports, alarm, status = in_child("x = 1")
    assert reports == [(("name", "passed", "", ""), ())] and alarm is None and status == 0


def test_a_forged_or_replayed_report_does_not_open():
    in_child("")
    (message,), key = in_child.last
    assert seal.unseal(key, [message])[0] == [(("name", "passed", "", ""), ())]
    with pytest.raises(ValueError, match="forged"):
        seal.unseal(seal.new_key(), [message])  # another process's key
    with pytest.raises(ValueError, match="forged"):
        seal.unseal(key, [{**message, "sealed": message["sealed"].replace("706173736564", "6661696c6564")}])
    with pytest.raises(ValueError, match="out of order"):
        seal.unseal(key, [message, message])


@pytest.mark.parametrize("code", [
    "import sys\nsys.audit('coursekit.seal', 'name', 'passed', '', '')",  # not the grading loop
    "import sys\ndef helper():\n    sys.audit('coursekit.seal', 'name', 'passed', '', '')\nhelper()",
    "import sys\nsys.audit('coursekit.verdict', 'name', 'passed', '', '')",  # not grade_check
])
def test_only_the_grading_loop_can_seal(code):
    reports, alarm, status = in_child(code)
    assert reports == [] and alarmed(status) and "coursekit." in alarm


@pytest.mark.parametrize("code, what", [
    ("import gc\ngc.get_objects()", "gc.get_objects"),
    ("import gc\ngc.get_referents(fd)", "gc.get_referents"),
    ("import sys\nsys._current_frames()", "sys._current_frames"),
    ("import sys\nsys.settrace(lambda *a: None)", "sys.settrace"),
    ("import sys\nsys.setprofile(lambda *a: None)", "sys.setprofile"),
    ("import sys\nsys.addaudithook(lambda *a: None)", "sys.addaudithook"),
    ("import ctypes\nctypes.string_at(id(ctypes), 8)", "ctypes."),
    ("import torch\ntorch.allclose.__class__", None),  # reading is fine: nothing happens
    ("from coursekit.checks import base\nbase.expect.__code__ = (lambda *a, **k: None).__code__",
     "__code__"),
    ("from coursekit.checks import base\nbase.expect.__defaults__ = ()", "__defaults__"),
    ("import os\nopen(f'/proc/{os.getpid()}/mem', 'rb')", "memory"),
])
def test_what_reads_memory_or_changes_code_ends_the_process(code, what):
    reports, alarm, status = in_child(code)
    if what is None:
        assert reports and not alarmed(status)
    else:
        assert reports == [] and alarmed(status) and what in alarm, (alarm, status)


def test_own_functions_may_change_their_code():
    """What the standard library does to functions it just made (types.coroutine sets
    __code__) is not the checks' business."""
    reports, alarm, status = in_child("def f():\n    return 1\nf.__code__ = (lambda: 2).__code__\n"
                                      "import asyncio")
    assert reports == [(("name", "passed", "", ""), ())] and status == 0


@pytest.mark.parametrize("code, named", [
    ("import torch\ntorch.allclose = lambda *a, **k: True", "torch.allclose"),
    ("import builtins\nbuiltins.len = lambda x: 0", "builtins.len"),
    ("import torch\ntorch.Tensor.__eq__ = lambda self, other: True", "Tensor.__eq__"),
    ("import coursekit.checks.base as b\nb.isinstance = lambda *a: True", "coursekit.checks.base.isinstance"),
    ("import torch.nn.functional as F\ndel F.relu", "torch.nn.functional.relu"),
    ("import coursekit.tamper as t\nt.verdict = lambda: None", "coursekit.tamper.verdict"),
])
def test_replaced_names_are_reported_and_put_back(code, named):
    reports, alarm, status = in_child(code, seals=2)
    assert len(reports) == 2 and status == 0, (reports, alarm, status)
    (_, tampered), (_, after) = reports
    assert any(named in t for t in tampered), tampered
    assert after == (), "put back by the first seal, so the second finds nothing"


def test_the_key_is_not_in_any_frame():
    """What graded code can reach from its frames holds no key: the caller's list of keys
    is emptied as the hook is installed, and the hook itself is in no frame."""
    code = ("import sys\nfound = []\nframe = sys._getframe()\n"
            "while frame is not None:\n"
            "    for v in list(frame.f_locals.values()):\n"
            "        if type(v) is list and len(v) > 0 and type(v[0]) is bytes:\n"
            "            v = v[0]\n"
            "        if type(v) is bytes and len(v) == 32:\n"
            "            found.append(v)\n"
            "    frame = frame.f_back\n"
            "assert not found, found\n")
    reports, alarm, status = in_child(code)
    assert reports == [(("name", "passed", "", ""), ())] and status == 0


def test_scikit_learn_predicts_in_a_sealed_process_after_the_warm_up():
    """threadpoolctl's first ctypes calls (made by scikit-learn's nearest-neighbour code) happen
    in the warm-up, so a check that predicts with scikit-learn is not taken for tampering."""
    from sklearn.neighbors import NearestCentroid

    from coursekit.grading import warm_thread_pools

    warm_thread_pools()
    code = ("import numpy as np\nfrom sklearn.neighbors import NearestCentroid\n"
            "x = np.arange(40.0).reshape(10, 4)\n"
            "NearestCentroid().fit(x, np.arange(10) % 2).predict(x)\n")
    assert NearestCentroid  # imported before the hook, as a grader module is
    reports, alarm, status = in_child(code)
    assert reports and not alarmed(status), alarm


def test_the_single_cell_checks_run_in_a_sealed_process_after_the_warm_up():
    """The single-cell capstone's graders cluster with k-means, reduce with PCA, call cell types
    with a logistic regression and build a neighbour graph; each first call loads a native library
    that threadpoolctl opens with ctypes. The data module's warm-up makes those calls, so in a
    sealed process (a student's KMeans included) none is taken for tampering."""
    from coursekit.data import capstone2
    from coursekit.grading import warm_thread_pools

    capstone2.warm_cache()
    warm_thread_pools()
    code = ("import numpy as np\nfrom sklearn.cluster import KMeans\nfrom sklearn.decomposition import PCA\n"
            "from sklearn.linear_model import LogisticRegression\n"
            "from sklearn.neighbors import kneighbors_graph\nfrom scipy.sparse.csgraph import dijkstra\n"
            "x = np.random.default_rng(1).normal(size=(60, 5))\n"
            "KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(x)\n"
            "PCA(n_components=3, random_state=0).fit(x).transform(x)\n"
            "LogisticRegression(max_iter=200).fit(x, np.arange(60) % 3).predict(x)\n"
            "dijkstra(kneighbors_graph(x, 5, mode='distance'), directed=False, indices=0)\n")
    reports, alarm, status = in_child(code)
    assert reports and not alarmed(status), alarm


EXPORT = ("import torch\nfrom coursekit.data.session11 import PromoterClassifier\n"
          "torch.onnx.export(PromoterClassifier().eval(), (torch.zeros(2, 4, 80),), {path!r},\n"
          "                  external_data=False)\n")
FAKE = ("import torch\nfrom torch.onnx._internal.exporter import _core\n"
        "class Raw:\n    def detach(self):\n        return self\n    def cpu(self):\n        return self\n"
        "    def contiguous(self):\n        return torch.zeros(1).expand(10**6)\n"
        "class Fake:\n    raw, name = Raw(), 'w'\n"
        "_core.TorchTensor._get_cbytes(Fake())\n")


@pytest.mark.timeout(120)
def test_the_onnx_exporter_reads_weights_through_ctypes_and_nothing_else_does(tmp_path):
    """torch's ONNX exporter (loaded before the snapshot, as the session's warm-up does) may read
    a real tensor's bytes with ctypes; its function called on anything else, or ctypes rebound in
    its module, ends the process like any other ctypes call."""
    from coursekit.data import session11

    session11.warm_cache()
    reports, alarm, status = in_child(EXPORT.format(path=str(tmp_path / "m.onnx")))
    assert reports and not alarmed(status), alarm
    assert (tmp_path / "m.onnx").stat().st_size > 4 * 76_452
    for code in (FAKE, "from torch.onnx._internal.exporter import _core\nimport types\n"
                 "_core.ctypes = types.SimpleNamespace(c_ubyte=_core.ctypes.c_ubyte)\n"
                 + EXPORT.format(path=str(tmp_path / "n.onnx"))):
        reports, alarm, status = in_child(code)
        assert reports == [] and alarmed(status) and "ctypes." in alarm, (alarm, status)

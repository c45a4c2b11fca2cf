"""The warm worker runs a notebook's cells as a kernel would, and whatever a cell does
(exit, crash, hang, flood, exhaust memory, leave processes behind) costs that cell only."""
import os
import time

import pytest

from coursekit.batch.pool import WarmWorker
from kit import ROOT

pytestmark = pytest.mark.timeout(120)
LIMIT_S = 2.0  # the cell time limit in these jobs


@pytest.fixture(scope="module", params=["plain", "sandboxed"])
def worker(request):
    """A warm worker; its jobs run in the sandbox, or not (every test runs both ways)."""
    warm = WarmWorker()
    warm.sandboxed = request.param == "sandboxed"
    yield warm
    warm.close()


def run(worker, *cells, memory_limit_gib=1.0, cell_timeout_s=LIMIT_S):
    """Run cells (source, or (source, "test")) and return {index: outputs}, problems, counts."""
    job = {"cells": [{"source": c[0], "test": True, "check": f"check{i}"} if isinstance(c, tuple)
                     else {"source": c} for i, c in enumerate(cells)],
           "cell_timeout_s": cell_timeout_s, "memory_limit_gib": memory_limit_gib, "env": {}}
    if getattr(worker, "sandboxed", False):
        job["sandbox"] = {}
    result = worker.run(job)
    outputs = {int(k): v["outputs"] for k, v in result["cells"].items()}
    counts = {int(k): v["execution_count"] for k, v in result["cells"].items()}
    return outputs, result["problems"], counts


def kinds(outputs):
    return [(o["output_type"], o.get("name") or o.get("ename")) for o in outputs]


def text(outputs):
    return "".join(o.get("text", "") for o in outputs)


def test_outputs_are_what_a_kernel_shows(worker):
    outputs, problems, counts = run(
        worker, "x = 41\nprint('out')", "import sys\nprint('warn', file=sys.stderr)", "",
        "x + 1", "from IPython.display import display\ndisplay('shown')", "raise ValueError('bad')",
        "import os\n_ = os.write(2, b'straight to fd 2')")
    assert kinds(outputs[0]) == [("stream", "stdout")]
    assert kinds(outputs[1]) == [("stream", "stderr")], "stderr is its own stream (nbgrader: 0 points)"
    assert 2 not in outputs and counts == {0: 1, 1: 2, 3: 3, 4: 4, 5: 5, 6: 6}, "empty cells do not run"
    assert outputs[3][0]["output_type"] == "execute_result" and outputs[3][0]["data"]["text/plain"] == "42"
    assert outputs[4][0]["output_type"] == "display_data"
    assert outputs[5][0]["ename"] == "ValueError" and outputs[5][0]["evalue"] == "bad"
    assert outputs[6] == [{"output_type": "stream", "name": "stderr", "text": "straight to fd 2"}]
    assert problems == []


@pytest.mark.parametrize("code, why", [
    ("import os\nos._exit(3)", "exit code 3"),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)", "SIGSEGV"),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", "SIGKILL"),
])
def test_a_cell_that_ends_its_process_costs_that_cell_only(worker, code, why):
    outputs, problems, _ = run(worker, "x = 1", (code, "test"), "print('after', x)", (code, "test"),
                               "print('still', x)")
    for index in (1, 3):
        assert outputs[index][-1]["ename"] == "CheckFailed", outputs[index]
        message = outputs[index][-1]["evalue"]
        assert message.startswith(f"[crashed] check{index}") and why in message
    assert text(outputs[2]) == "after 1\n" and text(outputs[4]) == "still 1\n", "state is replayed"
    assert [p["cell"] for p in problems] == [1, 3]


def test_a_hang_is_interrupted_and_a_stubborn_one_killed(worker):
    stubborn = ("import time\nwhile True:\n    try:\n        time.sleep(0.1)\n"
                "    except BaseException:\n        pass")
    start = time.monotonic()
    outputs, problems, _ = run(worker, "x = 1", "while True:\n    pass", "print('after', x)", stubborn,
                               "print('still', x)")
    assert outputs[1][-1]["ename"] == "KeyboardInterrupt", f"interrupted at the cell limit: {outputs[1]}"
    assert "did not stop when interrupted" in outputs[3][-1]["evalue"]
    assert text(outputs[2]) == "after 1\n" and text(outputs[4]) == "still 1\n"
    assert time.monotonic() - start < 4 * LIMIT_S + 5, "the interrupted loop is not replayed"
    assert [p["cell"] for p in problems] == [3]


def test_a_hang_is_interrupted_even_when_the_worker_starts_with_sigint_ignored():
    """As a background job of a script (CI, ``coursekit autograde ... &``) starts it."""
    import signal

    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        warm = WarmWorker()  # inherits SIGINT ignored, as such a job does
    finally:
        signal.signal(signal.SIGINT, before)
    try:
        outputs, problems, _ = run(warm, "while True:\n    pass", "print('after')")
    finally:
        warm.close()
    assert outputs[0][-1]["ename"] == "KeyboardInterrupt", outputs[0]
    assert text(outputs[1]) == "after\n" and problems == []


def test_a_print_flood_keeps_a_capped_output(worker):
    outputs, _, _ = run(worker, ("while True:\n    print('flood ' * 100)", "test"))
    kept = text(outputs[0])
    assert 100_000 <= len(kept) < 101_000 and "characters of output dropped" in kept, kinds(outputs[0]) + [
        o.get("evalue") for o in outputs[0]]
    assert outputs[0][-1]["ename"] == "KeyboardInterrupt"


def test_what_a_flood_printed_is_not_kept_beyond_the_cap(worker):
    """1.2 GB printed under a 0.5 GiB memory cap: only the capped text stays in memory (not
    also a copy of every write: IPython's own shell keeps one in its history), so the cell
    ends by itself and the next one runs with the memory it is owed."""
    flood = "for _ in range(200_000):\n    print('flood ' * 1000)"
    outputs, problems, _ = run(worker, flood, "room = bytearray(2**28)\nprint('fine')",
                               memory_limit_gib=0.5, cell_timeout_s=20)
    assert "characters of output dropped" in text(outputs[0]), kinds(outputs[0])
    assert not [o for o in outputs[0] if o["output_type"] == "error"], outputs[0][-1]
    assert text(outputs[1]) == "fine\n" and problems == []


def test_memory_past_the_cap_fails_the_cell_not_the_worker(worker):
    bomb = "hoard = []\nwhile True:\n    hoard.append(bytearray(2**26))"
    # the cell limit is not what this is about: room enough to fill 0.5 GiB on a busy machine
    outputs, problems, _ = run(worker, (bomb, "test"), "print('fine')", memory_limit_gib=0.5,
                               cell_timeout_s=20)
    assert outputs[0][-1]["ename"] == "MemoryError"
    assert text(outputs[1]) == "fine\n"


def _running(command: str) -> list[int]:
    """Processes of this machine whose command line is ``command`` (space-separated)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                if fh.read().replace(b"\0", b" ").strip() == command.encode():
                    found.append(int(entry))
        except (OSError, ValueError):
            continue
    return found


@pytest.mark.parametrize("start", ["subprocess.Popen(['sleep', '{t}'])",
                                   "subprocess.Popen(['setsid', 'sleep', '{t}'])"],
                         ids=["child", "own-session"])
def test_processes_a_notebook_started_end_with_it(worker, start):
    seconds = 300 + (os.getpid() + int(time.time())) % 1000  # a command line no one else runs
    outputs, _, _ = run(worker, "import subprocess\n" + start.format(t=seconds) + "\nprint('started')")
    assert text(outputs[0]) == "started\n"
    deadline = time.monotonic() + 5
    while _running(f"sleep {seconds}") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(f"sleep {seconds}"), "a process the notebook started is still running"


def test_a_data_module_warms_its_cache_before_any_notebook_runs():
    warm = WarmWorker(imports=["coursekit.data.session06"])
    try:
        outputs, _, _ = run(warm, "from coursekit.data import session06\n"
                                  "print(session06._pretrained.cache_info().currsize)")
    finally:
        warm.close()
    assert text(outputs[0]) == "1\n"


def test_workers_warm_only_the_data_modules_an_assignment_reaches():
    """Its graders' data modules and what those import (inside functions too); the others'
    (a model the kit pretrains, the packaged cells' reader) would cost each worker seconds."""
    from coursekit.batch.imports import assignment_imports

    session03, session08, cells = (set(assignment_imports(ROOT, s)) for s in ("session03", "session08",
                                                                              "capstone2"))
    assert "coursekit.data.session03" in session03
    assert not {"coursekit.data.session06", "coursekit.data.session08", "anndata"} & session03
    assert {"coursekit.data.session08", "anndata"} <= session08
    # a check module of another assignment (and so its data) only where that assignment's graders use it
    assert not {"coursekit.checks.cells", "coursekit.checks.variants", "coursekit.data.capstone1"} & session03
    assert {"coursekit.checks.cells", "coursekit.data.capstone2", "coursekit.data.session08"} <= cells


def test_the_process_that_starts_the_workers_never_imports_torch(tmp_path):
    """It sanitizes, dispatches and records: torch and its warm-up (3 s of CPU) are the
    workers' alone."""
    import subprocess
    import sys

    (tmp_path / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n")
    code = ("import sys\nfrom pathlib import Path\nimport coursekit.cli\n"
            "from coursekit.batch.autograde import assignment_imports, sandbox_report\n"
            f"root = Path({str(ROOT)!r})\nassignment_imports(root, 'session12')\n"
            f"sandbox_report(Path({str(tmp_path)!r}), root)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'torch'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_memory_and_cpu_limits_come_with_their_reasons(worker):
    check = ("from coursekit.outcome import run_check\n"
             "print(run_check(lambda submission: bytearray(2**42), None).message)")
    outputs, _, _ = run(worker, check, memory_limit_gib=0.5)
    assert "used more than 0.5 GiB of memory, the limit" in text(outputs[0])
    limits = "import resource\nprint(resource.getrlimit(resource.RLIMIT_CPU))"
    spin = ("resource.setrlimit(resource.RLIMIT_CPU, (1, resource.getrlimit(resource.RLIMIT_CPU)[1]))\n"
            "while True:\n    pass")  # its own lower limit: SIGXCPU after 1 s, well before 30 s
    outputs, problems, _ = run(worker, limits, (spin, "test"), "print('after')", cell_timeout_s=30)
    assert text(outputs[0]) == "(91, 96)\n"  # 30 s for each of its 3 cells, plus 1; 5 s more hard
    assert "used more than 91 s of CPU time" in outputs[1][-1]["evalue"] and problems[0]["cell"] == 1
    assert text(outputs[2]) == "after\n"


def test_a_cell_talks_to_itself_on_loopback_and_to_nothing_outside(worker):
    """Ranks of one graded run meet on 127.0.0.1 (distributed training): a server the cell
    starts answers it there. In the sandbox that loopback is the sandbox's own: a server
    listening outside it, on the machine's loopback, cannot be reached."""
    import socket

    outside = socket.create_server(("127.0.0.1", 0))
    try:
        port = outside.getsockname()[1]
        outputs, problems, _ = run(worker, (
            "import socket, threading\n"
            "server = socket.create_server(('127.0.0.1', 0))\n"
            "threading.Thread(target=lambda: server.accept()[0].sendall(b'pong'), daemon=True).start()\n"
            "with socket.create_connection(server.getsockname(), timeout=5) as c:\n"
            "    print('inside', c.recv(4).decode())\n"
            "try:\n"
            f"    socket.create_connection(('127.0.0.1', {port}), timeout=2).close()\n"
            "    print('outside reached')\n"
            "except OSError:\n"
            "    print('outside unreachable')\n"))
        reached = "outside reached" if not worker.sandboxed else "outside unreachable"
        assert text(outputs[0]) == f"inside pong\n{reached}\n", outputs
        assert problems == []
    finally:
        outside.close()

"""The batch autograde benchmark: one simulated class graded both ways in one run.

Three copies of the same course folder, with the same submissions: one is graded by a
single serial ``nbgrader autograde ASSIGNMENT`` (as an instructor would type it), one by
``coursekit autograde ASSIGNMENT`` (in its sandbox), one by ``coursekit autograde
ASSIGNMENT --no-sandbox``. The gradebook scores must be identical; the wall times, the
ratio and what the sandbox costs are printed, with where the batch's time went.
"""
from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from coursekit.config import load_course
from coursekit.simclass import ROUNDTRIP_SESSION, bench_class, submit


def run(root: Path, workdir: Path, session_id: str = ROUNDTRIP_SESSION, size: int = 20,
        check_timeout_s: float = 10, workers: int | None = None, out=sys.stdout) -> dict:
    from coursekit.roundtrip import Runner, batch_autograde, course_folder, nbgrader_points

    root, workdir = Path(root).resolve(), Path(workdir).resolve()
    session = next(s for s in load_course(root).sessions if s.id == session_id)
    course_dir, env = course_folder(root, workdir, check_timeout_s)
    students = bench_class(root, session, size)
    log = open(workdir / "bench.log", "w")
    nb = Runner(course_dir, env, log)
    nb("generate_assignment", session_id, "--force")
    submit(course_dir, session_id, students)
    batch_dir, open_dir = workdir / "course-batch", workdir / "course-batch-no-sandbox"
    shutil.copytree(course_dir, batch_dir)
    shutil.copytree(course_dir, open_dir)

    print(f"{len(students)} submissions of {session_id} ({', '.join(students)}); "
          f"per-check limit {check_timeout_s:g} s", file=out)
    start = time.perf_counter()
    nb("autograde", session_id, "--force", check=False)
    serial_s = time.perf_counter() - start
    print(f"serial nbgrader autograde:   {serial_s:7.1f} s", file=out, flush=True)

    timings: list = []
    profile = workdir / "autograde-profile.txt"
    extra = ["--force", f"--profile={profile}"] + ([f"--workers={workers}"] if workers else [])
    ok = batch_autograde(root, batch_dir, session_id, env, log, timings, *extra)
    batch_s = timings[-1][1]
    ok = batch_autograde(root, open_dir, session_id, env, log, timings, "--force", "--no-sandbox",
                         *extra[2:]) and ok
    open_s = timings[-1][1]
    log.close()
    serial = nbgrader_points(course_dir, session_id, list(students))
    batch = nbgrader_points(batch_dir, session_id, list(students))
    same = serial == batch == nbgrader_points(open_dir, session_id, list(students))
    print(f"coursekit autograde:         {batch_s:7.1f} s", file=out)
    print(f"  the same, --no-sandbox:    {open_s:7.1f} s (the sandbox costs {batch_s - open_s:+.1f} s)",
          file=out)
    print(f"ratio (throughput):          {serial_s / batch_s:7.1f}x", file=out)
    print("gradebook scores identical:  " + ("yes" if same else "NO"), file=out)
    if not same:
        for sid in students:
            if serial[sid] != batch[sid]:
                diff = {k: (serial[sid].get(k), batch[sid].get(k)) for k in serial[sid]
                        if serial[sid].get(k) != batch[sid].get(k)}
                print(f"  {sid}: (nbgrader, coursekit) {diff}", file=out)
    if profile.is_file():
        print("\nwhere coursekit autograde's time went:\n" + profile.read_text(), file=out)
    return {"serial_s": serial_s, "batch_s": batch_s, "open_s": open_s, "same": same, "ok": ok,
            "serial": serial, "batch": batch, "students": list(students)}

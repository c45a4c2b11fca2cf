"""`coursekit`: the instructor's command-line tool.

  coursekit build-course OUT [--db-url URL]
                                   nbgrader course folder (config + source notebooks)
  coursekit autograde ASSIGNMENT [ASSIGNMENT ...] [--course DIR] [--force] [--workers N]
                   [--scheduler ADDR]
                                   grade every collected submission at once, on warm workers
                                   (or a Dask cluster); same gradebook as nbgrader autograde;
                                   several assignments share one start of the workers
  coursekit bench [WORKDIR]        a class of 20 graded by serial nbgrader autograde and by
                                   coursekit autograde: scores compared, wall times, ratio
  coursekit roundtrip [WORKDIR]    the whole nbgrader round trip on simulated students
  coursekit student-bundle OUT     the pytest bundle for students (folder + .tar.gz)
  coursekit class-report COURSE_DIR ASSIGNMENT [--out FILE.html]
                                   the class report of a graded assignment (HTML page)
  coursekit screenshot PAGE.html OUT.png [--size W,H]
                                   a PNG of a page (headless Chromium), e.g. for the README
  coursekit similarity SUBMISSIONS [--session ID ...] [--out DIR]
                                   similar submissions across a class: a page and a CSV for the
                                   instructor (students laid out like exercises/, or nbgrader's
                                   submitted/)
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from coursekit.config import kit_root


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="coursekit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=None,
                        help="the kit folder (default: the one holding course_config.py)")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build-course", help="write an nbgrader course folder")
    build.add_argument("out", type=Path)
    build.add_argument("--db-url", default=None,
                       help="the gradebook's database (default: SQLite gradebook.db in the course "
                            "folder), e.g. postgresql+psycopg2://user@host:5432/gradebook")
    grade = sub.add_parser("autograde", help="grade all collected submissions of an assignment at once")
    grade.add_argument("assignments", nargs="+", metavar="ASSIGNMENT",
                       help="the assignment, e.g. session03; several are graded one after the other "
                            "on the same warm workers")
    grade.add_argument("--course", type=Path, default=Path("."),
                       help="the nbgrader course folder (default: the current folder)")
    grade.add_argument("--force", action="store_true",
                       help="grade every submission again (default: only new or resubmitted ones)")
    grade.add_argument("--workers", type=int, default=None,
                       help="warm workers on this machine (default: one per CPU core)")
    grade.add_argument("--scheduler", default=None,
                       help="a Dask scheduler's address, e.g. tcp://host:8786: grade on its workers")
    grade.add_argument("--memory-limit", type=float, default=None, metavar="GIB",
                       help="memory each notebook may use beyond the warm worker's (default: 4)")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="run student code unconfined (default: a sandbox wherever Linux allows one)")
    grade.add_argument("--similarity", action="store_true",
                       help="also compare the submissions for similar code: COURSE/reports/"
                            "ASSIGNMENT-similarity/similarity.html and .csv")
    grade.add_argument("--profile", type=Path, default=None, metavar="FILE",
                       help="write where the time went (phases, notebooks, costly checks) to FILE "
                            "(FILE-ASSIGNMENT for each of several assignments)")
    bench = sub.add_parser("bench", help="serial nbgrader autograde vs coursekit autograde on one class")
    bench.add_argument("workdir", type=Path, nargs="?", default=Path("course-bench"))
    bench.add_argument("--size", type=int, default=20, help="submissions in the class (default: 20)")
    bench.add_argument("--check-timeout", type=float, default=10.0,
                       help="seconds per check (the endless loop costs this per check it touches)")
    trip = sub.add_parser("roundtrip", help="release, submit, collect, autograde, feedback, export")
    trip.add_argument("workdir", type=Path, nargs="?", default=Path("course-roundtrip"))
    trip.add_argument("--session", default="session03",
                      help="the session whose assignment makes the round trip (default: session03)")
    trip.add_argument("--check-timeout", type=float, default=10.0,
                      help="seconds per check in this demo (an endless loop costs this per check)")
    bundle = sub.add_parser("student-bundle", help="write the students' pytest bundle")
    bundle.add_argument("out", type=Path)
    report = sub.add_parser("class-report", help="the class report of a graded assignment (HTML)")
    report.add_argument("course_dir", type=Path, help="the nbgrader course folder (gradebook.db)")
    report.add_argument("assignment", help="the assignment, e.g. session03")
    report.add_argument("--out", type=Path, default=None,
                        help="the page to write (default: COURSE_DIR/reports/ASSIGNMENT.html)")
    shot = sub.add_parser("screenshot", help="a PNG of an HTML page (headless Chromium)")
    shot.add_argument("page", type=Path)
    shot.add_argument("png", type=Path)
    shot.add_argument("--size", default="1280,2000", help="window width,height (default: 1280,2000)")
    similar = sub.add_parser("similarity", help="similar submissions across a class (HTML page and CSV)")
    similar.add_argument("submissions", type=Path,
                         help="a folder of students: STUDENT/SESSION/EXERCISE.py, or nbgrader's "
                              "submitted/ (STUDENT/ASSIGNMENT/ASSIGNMENT.ipynb)")
    similar.add_argument("--session", action="append", default=None, metavar="ID",
                         help="a session (assignment) to compare; repeat for several (default: every one "
                              "found)")
    similar.add_argument("--out", type=Path, default=None,
                         help="the folder for similarity.html and similarity.csv (default: "
                              "SUBMISSIONS/../reports/similarity)")
    args = parser.parse_args(argv)
    root = (args.root or kit_root()).resolve()

    if args.command == "build-course":
        from coursekit.nbbuild import build_course

        print(f"course folder written to {build_course(root, args.out, args.db_url)}")
    elif args.command == "autograde":
        from coursekit.batch.autograde import (DEFAULT_MEMORY_LIMIT_GIB, autograde, print_summary,
                                               sandbox_report)

        active, missing = sandbox_report(args.course, root, not args.no_sandbox)
        print("sandbox for student code: " + ("; ".join(active) or "none"))
        for line in missing:
            print(f"  not active: {line}")
        pool = None
        if len(args.assignments) > 1 and not args.scheduler:
            from coursekit.batch.autograde import shared_pool

            pool = shared_pool(root, args.assignments, args.workers)
        failed = False
        try:
            for assignment in args.assignments:
                result = autograde(args.course, assignment, force=args.force, workers=args.workers,
                                   scheduler=args.scheduler, root=root, progress=not args.no_progress,
                                   memory_limit_gib=args.memory_limit or DEFAULT_MEMORY_LIMIT_GIB,
                                   sandbox=not args.no_sandbox, pool=pool)
                print_summary(args.course, assignment, result)
                failed = failed or bool(result.failed)
                if args.similarity:
                    _similarity(root, args.course / "submitted", [assignment],
                                args.course / "reports" / f"{assignment}-similarity")
                if args.profile:
                    from coursekit.batch.autograde import write_profile

                    path = args.profile if len(args.assignments) == 1 else \
                        args.profile.with_name(f"{args.profile.stem}-{assignment}{args.profile.suffix}")
                    write_profile(result, path, args.workers or os.cpu_count() or 1)
        finally:
            if pool is not None:
                pool.close()
        return 1 if failed else 0
    elif args.command == "bench":
        from coursekit.batch.bench import run as bench_run

        result = bench_run(root, args.workdir, size=args.size, check_timeout_s=args.check_timeout)
        return 0 if result["same"] and result["ok"] else 1
    elif args.command == "roundtrip":
        from coursekit.roundtrip import run

        result = run(root, args.workdir, args.session, args.check_timeout)
        if any(result["graded"][s] != result["expected"][s] for s in result["graded"]):
            print("nbgrader and pytest disagree on some check (MISMATCH above)", file=sys.stderr)
            return 1
    elif args.command == "student-bundle":
        from coursekit.release import build_student_bundle, find_leaks

        kit, archive = build_student_bundle(root, args.out)
        leaks = find_leaks(root, [p for p in kit.rglob("*") if p.is_file()])
        if leaks:
            print("refusing: solution text in the bundle:\n" + "\n".join(leaks), file=sys.stderr)
            return 1
        print(f"student bundle: {kit} and {archive}")
    elif args.command == "class-report":
        from coursekit.reports.class_report import write_class_report

        try:
            print(f"class report: {write_class_report(args.course_dir, args.assignment, args.out)}")
        except (FileNotFoundError, LookupError) as exc:
            print(exc, file=sys.stderr)
            return 1
    elif args.command == "similarity":
        return _similarity(root, args.submissions, args.session,
                           args.out or args.submissions.resolve().parent / "reports" / "similarity")
    elif args.command == "screenshot":
        from coursekit.reports.screenshot import screenshot

        try:
            print(f"screenshot: {screenshot(args.page, args.png, args.size)}")
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return 1
    return 0


def _similarity(root: Path, submissions: Path, session_ids, out: Path) -> int:
    """Compare the class's submissions; say where the page is and how many pairs were flagged
    (never which students: they are named only in the page and the CSV)."""
    from coursekit.config import load_course
    from coursekit.similarity.report import write_report

    if not submissions.is_dir():
        print(f"no folder {submissions}", file=sys.stderr)
        return 1
    course = load_course(root)
    found = {p.name for student in submissions.iterdir() if student.is_dir() for p in student.iterdir()
             if p.is_dir()}
    sessions = [s for s in course.sessions if (s.id in session_ids if session_ids else s.id in found)]
    if not sessions:
        print(f"no session of the course in {submissions} (expected STUDENT/SESSION/...)", file=sys.stderr)
        return 1
    page, table, flagged = write_report(root, submissions, out, sessions)
    print(f"similarity: {flagged} flagged pair(s) in {', '.join(s.id for s in sessions)}; page {page}, "
          f"table {table}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

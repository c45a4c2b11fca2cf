"""`coursekit`: the instructor's command-line tool.

  coursekit build-course OUT [--db-url URL]
                                   nbgrader course folder (config + source notebooks)
  coursekit roundtrip [WORKDIR]    the whole nbgrader round trip on simulated students
  coursekit student-bundle OUT     the pytest bundle for students (folder + .tar.gz)
  coursekit class-report COURSE_DIR ASSIGNMENT [--out FILE.html]
                                   the class report of a graded assignment (HTML page)
  coursekit screenshot PAGE.html OUT.png [--size W,H]
                                   a PNG of a page (headless Chromium), e.g. for the README
"""
from __future__ import annotations

import argparse
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
    args = parser.parse_args(argv)
    root = (args.root or kit_root()).resolve()

    if args.command == "build-course":
        from coursekit.nbbuild import build_course

        print(f"course folder written to {build_course(root, args.out, args.db_url)}")
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
    elif args.command == "screenshot":
        from coursekit.reports.screenshot import screenshot

        try:
            print(f"screenshot: {screenshot(args.page, args.png, args.size)}")
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Scores from check results: the table printed after a run and the JSON report."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from coursekit.config import Course


@dataclass
class CheckResult:
    session: str
    exercise: str
    check: str
    points: float
    hidden: bool
    status: str  # passed | failed | skipped
    reason: str = ""
    message: str = ""

    @property
    def earned(self) -> float:
        return self.points if self.status == "passed" else 0.0


def fmt(x: float) -> str:
    """A number of points as people write it: 2, 0.5."""
    return f"{x:g}"


def build_report(course: Course, results: list[CheckResult], solution: str) -> dict:
    """Scores in course order: per check, per exercise, per session and in total."""
    by_key = {(r.session, r.exercise, r.check): r for r in results}
    sessions = []
    for session in course.sessions:
        exercises = []
        for exercise in session.exercises:
            checks = [by_key[(session.id, exercise.id, c.name)] for c in exercise.checks
                      if (session.id, exercise.id, c.name) in by_key]
            if not checks:
                continue
            scored = [c for c in checks if c.status != "skipped"]
            exercises.append({
                "id": exercise.id, "title": exercise.title,
                "earned": sum(c.earned for c in scored),
                "possible": sum(c.points for c in scored),
                "not_run_hidden_points": sum(c.points for c in exercise.checks if c.hidden
                                             and (session.id, exercise.id, c.name) not in by_key),
                "checks": [{k: v for k, v in asdict(c).items() if k not in ("session", "exercise")}
                           for c in checks],
            })
        if exercises:
            sessions.append({"id": session.id, "title": session.title,
                             "earned": sum(e["earned"] for e in exercises),
                             "possible": sum(e["possible"] for e in exercises),
                             "exercises": exercises})
    return {"course": course.id, "solution": solution,
            "earned": sum(s["earned"] for s in sessions),
            "possible": sum(s["possible"] for s in sessions),
            "sessions": sessions}


def write_report(report: dict, path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=2, sort_keys=True)
        fh.write("\n")


MESSAGE_LINES = 12  # expected / found / hint take three; a long one may wrap
NOT_STARTED = ("not implemented yet", "not submitted", "does not import")


def not_started(exercise: dict) -> str:
    """One line for an exercise none of whose checks ran any code of the student's (all
    failed for the same reason: not implemented, not submitted, or no import), else ''."""
    run = [c for c in exercise["checks"] if c["status"] != "skipped"]
    reasons = {c["reason"] for c in run}
    if not run or len(reasons) != 1 or reasons <= {""} or not reasons <= set(NOT_STARTED):
        return ""
    reason = reasons.pop()
    if any(c["status"] != "failed" for c in run):
        return ""
    return f"NOT STARTED ({len(run)} checks, {reason})"


def format_table(report: dict) -> list[str]:
    """The score table as lines of text."""
    width = 68  # exercise id and title; the score follows
    lines = []
    skipped, hidden_left = [], 0.0
    for session in report["sessions"]:
        lines.append(f"{session['id']}  {session['title']}")
        for ex in session["exercises"]:
            score = f"{fmt(ex['earned'])} / {fmt(ex['possible'])}"
            lines.append(f"  {ex['id']:<30}{ex['title'][:width - 32]:<{width - 30}}{score:>12}")
            unstarted = not_started(ex)
            if unstarted:
                lines.append(f"      {unstarted}")
                if "not implemented" not in unstarted:  # say what is missing or broken
                    failed = next(c for c in ex["checks"] if c["status"] == "failed")
                    message = failed["message"].splitlines()[:MESSAGE_LINES]
                    lines += [f"           {line}" for line in message]
            for c in ex["checks"]:
                if c["status"] == "failed" and not unstarted:
                    lines.append(f"      FAIL {c['check']:<26}{c['reason']} ({fmt(c['points'])} pt)")
                    lines += [f"           {line}" for line in c["message"].splitlines()[:MESSAGE_LINES]]
                elif c["status"] == "skipped":
                    skipped.append((c["message"], f"{ex['id']}::{c['check']}"))
            hidden_left += ex["not_run_hidden_points"]
        total = f"{fmt(session['earned'])} / {fmt(session['possible'])}"
        lines.append(f"  {session['id'] + ' total':<{width - 2}}{total:>12}")
    total = f"{fmt(report['earned'])} / {fmt(report['possible'])}"
    lines.append(f"{'TOTAL':<{width}}{total:>12}")
    for message in dict.fromkeys(m for m, _ in skipped):
        where = [w for m, w in skipped if m == message]
        lines.append(f"SKIPPED (not scored), {len(where)} check(s): {message}")
        lines.append("    " + ", ".join(where))
    if hidden_left:
        lines.append(f"hidden checks worth {fmt(hidden_left)} points were not run here: "
                     "your instructor grades them")
    return lines

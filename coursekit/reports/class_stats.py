"""The numbers on the class report, computed from :class:`ClassResults`."""
from __future__ import annotations

import re
import statistics
from collections import Counter

from coursekit.reports.class_results import KINDS, ClassResults

_NUMBER = re.compile(r"(?<![A-Za-z0-9])[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?")


def normalise(message: str) -> str:
    """A failure message with its numbers replaced by ``#``, so that the same mistake
    with other values counts once (``got shape (32, 1)`` and ``(16, 1)`` are one)."""
    return re.sub(r"\s+", " ", _NUMBER.sub("#", message)).strip()


def exercise_stats(results: ClassResults) -> list[dict]:
    rows = []
    for exercise in results.exercises:
        scores = [s.exercise_points(exercise) for s in results.students.values()]
        full = results.exercise_max(exercise)
        rows.append({
            "exercise": exercise, "max": full, "scores": scores,
            "mean": statistics.fmean(scores) if scores else 0.0,
            "median": statistics.median(scores) if scores else 0.0,
            "min": min(scores, default=0.0), "max_seen": max(scores, default=0.0),
            "full_marks": sum(x >= full for x in scores),
        })
    return rows


def check_stats(results: ClassResults, top: int = 3) -> list[dict]:
    """Per check: how many students failed it, and its most common (normalised) messages.

    Sorted by failures, most first (course order among equals)."""
    rows = []
    n = len(results.students)
    for position, (exercise, check, points) in enumerate(results.checks):
        failed = {sid: s.checks[(exercise, check)] for sid, s in results.students.items()
                  if (exercise, check) in s.checks and not s.checks[(exercise, check)].passed}
        messages = Counter()
        examples, who = {}, {}
        for sid, c in failed.items():
            said = c.message.startswith(c.reason)
            shown = c.message if not c.reason or said else f"[{c.reason}] {c.message}"
            text = normalise(shown) or "(no message)"
            messages[text] += 1
            examples.setdefault(text, c.message)
            who.setdefault(text, []).append(sid)
        rows.append({
            "exercise": exercise, "check": check, "points": points, "position": position,
            "failed": len(failed), "students": n, "rate": len(failed) / n if n else 0.0,
            "messages": [{"text": t, "count": k, "example": examples[t], "students": who[t]}
                         for t, k in messages.most_common(top)],
            "distinct_messages": len(messages),
        })
    rows.sort(key=lambda r: (-r["failed"], r["position"]))
    return rows


def problems(results: ClassResults) -> dict[str, dict[str, list[str]]]:
    """{kind: {student: [what happened, ...]}} for crashed, hung and flagged submissions."""
    found = {kind: {} for kind in KINDS}
    for sid, s in results.students.items():
        for kind, what in s.problems:
            found[kind].setdefault(sid, []).append(what)
    return found


def timing(results: ClassResults) -> dict:
    seconds = {sid: s.seconds for sid, s in results.students.items() if s.seconds is not None}
    values = list(seconds.values())
    per_check = {}
    for (exercise, check, _) in results.checks:
        times = [s.checks[(exercise, check)].seconds for s in results.students.values()
                 if (exercise, check) in s.checks and s.checks[(exercise, check)].seconds is not None]
        if times:
            per_check[(exercise, check)] = sum(times)
    return {"seconds": seconds, "total": sum(values), "mean": statistics.fmean(values) if values else 0.0,
            "max": max(values, default=0.0), "source": results.timing_source,
            "slowest_checks": sorted(per_check.items(), key=lambda kv: -kv[1])[:10]}

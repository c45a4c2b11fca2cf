"""The numbers a class report page shows, read back from its HTML (or a browser's DOM)."""
from __future__ import annotations

from html.parser import HTMLParser


class _Rows(HTMLParser):
    """Collects, per table row with a ``data-*`` key, the text of each cell (and the
    cell's class or ``data-exercise``)."""

    def __init__(self):
        super().__init__()
        self.rows: list[tuple[dict, list[tuple[dict, str]]]] = []
        self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self._row = (attrs, [])
            self.rows.append(self._row)
        elif tag == "td" and self._row is not None:
            self._cell = [attrs, ""]

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._row[1].append((self._cell[0], self._cell[1].strip()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data


def _cell(cells, css):
    return next(text for attrs, text in cells if css in (attrs.get("class") or "").split())


def read_numbers(page: str) -> dict:
    """{"exercise_mean": {exercise: float}, "full_marks": {...}, "failed": {(exercise, check): int},
    "students": {student: {exercise: float}}, "totals": {student: float},
    "crashed"/"hung"/"flagged": set of students}."""
    parser = _Rows()
    parser.feed(page)
    found = {"exercise_mean": {}, "full_marks": {}, "failed": {}, "students": {}, "totals": {},
             "crashed": set(), "hung": set(), "flagged": set()}
    for attrs, cells in parser.rows:
        if "data-exercise" in attrs:
            found["exercise_mean"][attrs["data-exercise"]] = float(_cell(cells, "mean"))
            found["full_marks"][attrs["data-exercise"]] = int(_cell(cells, "full"))
        elif "data-check" in attrs:
            found["failed"][tuple(attrs["data-check"].split("__", 1))] = int(_cell(cells, "failed"))
        elif "data-student" in attrs:
            found["students"][attrs["data-student"]] = {
                a["data-exercise"]: float(text) for a, text in cells if "data-exercise" in a}
            found["totals"][attrs["data-student"]] = float(_cell(cells, "total"))
        for kind in ("crashed", "hung", "flagged"):
            if f"data-{kind}" in attrs:
                found[kind].add(attrs[f"data-{kind}"])
    return found

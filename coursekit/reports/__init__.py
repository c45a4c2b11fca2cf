"""Reports people read: a student's report card (from a pytest grade report or nbgrader
feedback) and the instructor's class report. Pages are self-contained HTML."""

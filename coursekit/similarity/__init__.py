"""Similar submissions across a class, for an instructor to look at: never a verdict.

- ``sources``: each student's code per exercise, from a folder laid out like ``exercises/``
  or from nbgrader's ``submitted/`` notebooks, and the code every student was given;
- ``compare``: winnowed fingerprints (copydetect, the method MOSS uses) of every pair of
  students' code per exercise, the given code discounted, pairs flagged only where they stand
  out from that exercise's own spread of similarity;
- ``report``: the instructor's page (flagged pairs side by side, the matched code
  highlighted, each exercise's distribution drawn) and a CSV.
"""

"""Grading a whole class: warm workers that execute submitted notebooks in parallel
(:mod:`~coursekit.batch.worker`), on this machine or on a Dask cluster, and the command
that puts their results into nbgrader's gradebook (:mod:`~coursekit.batch.autograde`)."""

"""Hidden graders: capstone 2, module 4. Never released to students."""
from coursekit.checks.cells import expect_pseudotime_tracks_time
from coursekit.data import capstone2  # noqa: F401  (its warm_cache runs before a sealed grading process)

HIDDEN_SEED = 6133  # data, initialisation and training the student never ran


def test_pseudotime_tracks_time_hidden(sol):
    expect_pseudotime_tracks_time(sol, HIDDEN_SEED)

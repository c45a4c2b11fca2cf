"""Hidden graders: capstone 2, module 2. Never released to students."""
from coursekit.checks.cells import expect_heldout_ari
from coursekit.data import capstone2  # noqa: F401  (its warm_cache runs before a sealed grading process)

HIDDEN_SEED = 6133  # data, initialisation and training the student never ran


def test_heldout_ari_hidden(sol):
    expect_heldout_ari(sol, HIDDEN_SEED)

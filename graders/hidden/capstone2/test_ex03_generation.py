"""Hidden graders: capstone 2, module 3. Never released to students."""
from coursekit.checks.cells import expect_generated_types
from coursekit.data import capstone2  # noqa: F401  (its warm_cache runs before a sealed grading process)

HIDDEN_SEED = 6133  # data, initialisation and training the student never ran


def test_generated_types_hidden(sol):
    expect_generated_types(sol, HIDDEN_SEED)

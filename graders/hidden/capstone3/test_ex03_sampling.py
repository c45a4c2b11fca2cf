"""Hidden graders: capstone 3, module 3. Never released to students."""
from coursekit.checks import design

HIDDEN_SEED = 7349  # the outcome on data, initialisation and sampling the student never ran


def test_design_outcome_hidden(sol):
    design.expect_design_outcome(sol, HIDDEN_SEED)

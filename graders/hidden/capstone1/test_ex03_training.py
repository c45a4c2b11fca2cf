"""Hidden graders: capstone 1, module 3. Never released to students."""
from coursekit.checks.variants import expect_heldout_auc

HIDDEN_SEED = 5077  # data, initialisation and training the student never ran


def test_heldout_auc_hidden(sol):
    expect_heldout_auc(sol, HIDDEN_SEED)

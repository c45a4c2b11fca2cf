"""Hidden graders: session 3, exercise 4. Never released to students."""
from coursekit import checks as ck
from coursekit.data.session03 import wide_scale_regression
from graders.hidden.trusted import fit_adam_mse


def test_learns(sol):
    X, y = wide_scale_regression()
    for flag in (True, False):
        name = f"MLPWithBatchNorm(use_bn={flag})"
        model = ck.build_model(sol.MLPWithBatchNorm, use_bn=flag, seed=1, what=name)
        losses = ck.seeded(0, fit_adam_mse, model, X, y, 100, 0.01)
        ck.expect_loss_falls(losses, 20, f"the loss of {name} over 100 Adam epochs at lr=0.01")

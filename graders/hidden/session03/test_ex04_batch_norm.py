"""Hidden graders: session 3, exercise 4. Never released to students."""
from coursekit import checks as ck
from coursekit.data.session03 import wide_scale_regression
from graders.hidden.trusted import fit_adam_mse


def test_learns(sol):
    X, y = wide_scale_regression()
    for use_bn in (True, False):
        model = ck.build_model(sol.MLPWithBatchNorm, use_bn=use_bn, seed=1,
                               what=f"MLPWithBatchNorm(use_bn={use_bn})")
        losses = ck.seeded(0, fit_adam_mse, model, X, y, 100, 0.01)
        ck.expect_loss_falls(losses, 20, f"the loss of MLPWithBatchNorm(use_bn={use_bn}) "
                             "over 100 Adam epochs at lr=0.01")

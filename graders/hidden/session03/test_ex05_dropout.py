"""Hidden graders: session 3, exercise 5. Never released to students."""
from coursekit import checks as ck
from coursekit.data.session03 import small_regression
from graders.hidden.trusted import fit_adam_mse


def test_learns(sol):
    X, y = small_regression()
    for p, factor in [(0.0, 20), (0.5, 2)]:
        model = ck.build_model(sol.DropoutMLP, dropout_rate=p, seed=1, what=f"DropoutMLP({p})")
        model.train()
        losses = ck.seeded(0, fit_adam_mse, model, X, y, 100, 0.01)
        ck.expect_loss_falls(losses, factor, f"the training loss of DropoutMLP({p}) "
                             "over 100 Adam epochs at lr=0.01")

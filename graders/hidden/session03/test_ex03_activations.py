"""Hidden graders: session 3, exercise 3. Never released to students."""
from coursekit import checks as ck
from coursekit.data.session03 import nonlinear_regression
from graders.hidden.trusted import fit_adam_mse

FACTORS = {"relu": 4, "tanh": 4, "leaky_relu": 4, "sigmoid": 2}


def test_learns(sol):
    X, y = nonlinear_regression()
    for name, factor in FACTORS.items():
        model = ck.build_model(sol.MLPWithActivation, name, seed=1, what=f"MLPWithActivation({name!r})")
        losses = ck.seeded(0, fit_adam_mse, model, X, y, 100, 0.01)
        ck.expect_loss_falls(losses, factor, f"the loss of MLPWithActivation({name!r}) "
                             "over 100 Adam epochs at lr=0.01")

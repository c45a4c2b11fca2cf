"""Hidden graders: session 3, exercise 3. Never released to students."""
import torch

from coursekit import checks as ck
from coursekit.data.session03 import nonlinear_regression
from graders.hidden.trusted import fit_adam_mse

# Measured on the reference over 20 model/data seeds: loss ratio first/last at least
# 9.9 (relu), 7.5 (tanh), 14.2 (leaky_relu), 3.2 (sigmoid).
MIN_FALL = {"relu": 4, "tanh": 4, "leaky_relu": 4, "sigmoid": 2}


def test_learns(sol):
    X, y = nonlinear_regression()
    for act_name, factor in MIN_FALL.items():
        label = f"MLPWithActivation({act_name!r})"
        net = ck.build_model(sol.MLPWithActivation, act_name, seed=1, what=label)
        pred = net(X[:4])
        ck.expect(isinstance(pred, torch.Tensor) and pred.requires_grad,
                  f"the output of {label} to carry gradients to its weights",
                  "an output without a graph", "don't use torch.no_grad() or .detach() in forward")
        losses = ck.seeded(0, fit_adam_mse, net, X, y, 100, 0.01)
        ck.expect_loss_falls(losses, factor, f"the MSE of {label} over 100 full-batch Adam "
                             "epochs at lr=0.01")

"""Hidden graders: session 3, exercise 4. Never released to students."""
import copy

import torch

from coursekit import checks as ck
from coursekit.data.session03 import wide_scale_regression
from graders.hidden.trusted import fit_adam_mse

# Measured on the reference over 20 model/data seeds: loss ratio first/last at least
# 100.6 with batch norm and 76.8 without.
MIN_FALL = 20


def test_learns(sol):
    X, y = wide_scale_regression()
    for flag in (True, False):
        label = f"MLPWithBatchNorm(use_bn={flag})"
        net = ck.build_model(sol.MLPWithBatchNorm, use_bn=flag, seed=1, what=label)
        pred = copy.deepcopy(net).train()(X[:8])
        ck.expect(isinstance(pred, torch.Tensor) and pred.requires_grad,
                  f"the output of {label} to carry gradients to its weights",
                  "an output without a graph", "don't use torch.no_grad() or .detach() in forward")
        losses = ck.seeded(0, fit_adam_mse, net.train(), X, y, 100, 0.01)
        ck.expect_loss_falls(losses, MIN_FALL, f"the MSE of {label} over 100 full-batch Adam "
                             "epochs at lr=0.01 (train mode)")

"""Hidden graders: session 3, exercise 1. Never released to students."""
import torch
from torch import nn

from coursekit.data.session03 import tf_binding_expression
from graders.hidden.trusted import expect_same_training, fit_adam_mse


def test_train_trajectory(sol):
    X, y = tf_binding_expression(n=80, seed=5)
    torch.manual_seed(2)
    model = nn.Sequential(nn.Linear(3, 6), nn.ReLU(), nn.Linear(6, 1))
    hint = ("one Adam optimizer (lr as given), MSELoss on model(X).squeeze() vs y, "
            "zero_grad / backward / step every epoch, loss recorded before the step")
    expect_same_training(sol.train, fit_adam_mse, model, (X, y, 25, 0.02), "the losses of train", hint)
    expect_same_training(lambda m, *data: sol.train(m, *data), lambda m, *data: fit_adam_mse(m, *data, 100, 0.01),
                         model, (X, y), "the losses of train(model, X, y) (defaults: 100 epochs, "
                         "lr=0.01)", hint)

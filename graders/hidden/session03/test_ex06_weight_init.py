"""Hidden graders: session 3, exercise 6. Never released to students."""
import torch

from coursekit import checks as ck
from coursekit.data.session03 import small_regression
from graders.hidden.trusted import fit_adam_mse


def test_learns(sol):
    X, y = small_regression(n=200, n_features=10, noise=1.0)
    for method in ("default", "xavier", "kaiming"):
        model = ck.build_model(sol.InitializedMLP, method, seed=1, what=f"InitializedMLP({method!r})")
        losses = ck.seeded(0, fit_adam_mse, model, X, y, 100, 0.01)
        ck.expect_loss_falls(losses, 10, f"the loss of InitializedMLP({method!r}) over 100 Adam "
                             "epochs at lr=0.01")
    model = ck.build_model(sol.InitializedMLP, "zeros", seed=1, what="InitializedMLP('zeros')")
    ck.seeded(0, fit_adam_mse, model, X, y, 100, 0.01)
    moved = [n for n in ("fc1", "fc2") if torch.count_nonzero(getattr(model, n).weight).item()]
    ck.expect(not moved, "with 'zeros', fc1 and fc2 weights still all 0 after training",
              f"weights that moved: {moved}", "all-zero weights and biases, ReLU between layers")

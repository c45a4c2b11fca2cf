"""Graders: session 3, exercise 1 (SimpleMLP and train). Each test is one check."""
import copy

import torch
import torch.nn.functional as F
from torch import nn

from coursekit import checks as ck
from coursekit.data.session03 import tf_binding_expression


def _mlp(sol, *sizes, seed=0):
    return ck.build_model(sol.SimpleMLP, *sizes, seed=seed, what=f"SimpleMLP{sizes}")


def _probe_model(seed=1):
    """A small model of the grader's own, so `train` is judged apart from SimpleMLP."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1))


def test_architecture(sol):
    for sizes in [(3, 10, 1), (5, 7, 2)]:
        model = _mlp(sol, *sizes)
        ck.expect_linear(getattr(model, "fc1", None), sizes[0], sizes[1], "fc1")
        ck.expect_linear(getattr(model, "fc2", None), sizes[1], sizes[2], "fc2")


def test_output_shape(sol):
    for sizes, n in [((3, 10, 1), 32), ((5, 7, 2), 4)]:
        out = _mlp(sol, *sizes)(torch.randn(n, sizes[0]))
        ck.expect_tensor(out, f"SimpleMLP{sizes} output for {n} samples", (n, sizes[2]))


def test_param_count(sol):
    ck.expect_param_count(_mlp(sol, 3, 10, 1), 51, "SimpleMLP(3, 10, 1)")
    ck.expect_param_count(_mlp(sol, 4, 8, 2), 58, "SimpleMLP(4, 8, 2)")


def test_forward(sol):
    model = _mlp(sol, 3, 10, 1)
    x = 2 * torch.randn(64, 3)  # negatives too, so ReLU matters
    with torch.no_grad():
        out = model(x)
        trusted = F.linear(F.relu(F.linear(x, model.fc1.weight, model.fc1.bias)),
                           model.fc2.weight, model.fc2.bias)
    ck.expect_tensor(out, "output", tuple(trusted.shape))
    ck.expect_close(out, trusted, "forward(x)",
                    "forward is fc2(relu(fc1(x))): ReLU between the layers, none on the output")


def test_train_history(sol):
    X, y = tf_binding_expression(n=64, seed=3)
    model = _probe_model()
    before = copy.deepcopy(model)
    losses = sol.train(model, X, y, epochs=7, lr=0.01)
    ck.expect_float_list(losses, 7, "train(...)'s return value")
    with torch.no_grad():
        first = F.mse_loss(before(X).squeeze(-1), y).item()
    ck.expect_close(losses[0], first, "the first loss (the untrained model's MSE)",
                    "record loss.item() of the forward pass made before optimizer.step(); "
                    "squeeze the [N, 1] output to [N] before MSELoss")
    moved = any(not torch.equal(p, q) for p, q in zip(model.parameters(), before.parameters()))
    ck.expect(moved, "the model's weights to change during train", "unchanged weights",
              "call optimizer.step() every epoch, on the model passed in")


def test_learns(sol):
    X, y = tf_binding_expression()
    model = _mlp(sol, 3, 10, 1)
    losses = sol.train(model, X, y, epochs=100, lr=0.01)
    ck.expect_float_list(losses, 100, "train(...)'s return value")
    ck.expect_loss_falls(losses, 10, "the training loss of SimpleMLP(3, 10, 1)")


def test_follows_device(sol):
    ck.expect_follows_device(lambda: _mlp(sol, 3, 10, 1), torch.randn(8, 3), "SimpleMLP(3, 10, 1)")


def test_cuda_parity(sol):
    ck.expect_cuda_parity(lambda: _mlp(sol, 3, 10, 1), torch.randn(16, 3), "SimpleMLP(3, 10, 1)")

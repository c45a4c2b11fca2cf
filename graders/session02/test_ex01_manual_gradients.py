"""Graders: session 2, exercise 1 (linear_model, mse_loss, compute_gradients,
train_manual_gradient_descent)."""
import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.data.session02 import tf_binding_expression

VALUES = st.floats(-3, 3, allow_nan=False, width=32)
PARAMETER = st.floats(-5, 5, allow_nan=False, width=32)
# (x, y, weight, bias): N samples of x and y, one weight, one bias
CASES = st.integers(1, 30).flatmap(lambda n: st.tuples(
    st.lists(VALUES, min_size=n, max_size=n), st.lists(VALUES, min_size=n, max_size=n),
    PARAMETER, PARAMETER))


def _tensors(case):
    x, y, weight, bias = case
    return torch.tensor(x), torch.tensor(y), torch.tensor([weight]), torch.tensor([bias])


def _one_element(value, what):
    ck.expect(isinstance(value, torch.Tensor) and value.numel() == 1,
              f"{what}: a tensor with one element", repr(value),
              "keep tensors: a mean gives a 0-d tensor, weight-shaped [1] is fine too")


def test_linear_model(sol):
    def check(case):
        x, _, weight, bias = _tensors(case)
        found = sol.linear_model(x, weight, bias)
        what = f"linear_model(x of {len(x)} samples, weight={weight.item():.4g}, bias={bias.item():.4g})"
        ck.expect_tensor(found, what, (len(x),))
        ck.expect_close(found, torch.addcmul(bias, weight, x), what, "weight * x + bias")

    ck.for_all(CASES, check)


def test_mse_loss(sol):
    def check(case):
        predictions, targets, _, _ = _tensors(case)
        found = sol.mse_loss(predictions, targets)
        ck.expect_tensor(found, f"mse_loss of {len(targets)} samples", (),
                         hint="return the mean as a tensor (0-d), not a number")
        ck.expect_close(found, F.mse_loss(predictions, targets), f"mse_loss of {len(targets)} samples",
                        "the mean of the squared differences (a mean, not a sum)", rtol=1e-5)

    ck.for_all(CASES, check)


def test_gradients(sol):
    def check(case):
        x, y, weight, bias = _tensors(case)
        w, b = weight.clone().requires_grad_(), bias.clone().requires_grad_()
        trusted = torch.autograd.grad(F.mse_loss(w * x + b, y), (w, b))
        with torch.no_grad():
            found = sol.compute_gradients(x, y, weight, bias)
        what = f"compute_gradients on {len(x)} samples (weight={weight.item():.4g}, bias={bias.item():.4g})"
        ck.expect(isinstance(found, (tuple, list)) and len(found) == 2, f"{what}: two gradients",
                  repr(found), "return (weight_grad, bias_grad)")
        for name, value, want in zip(("weight_grad", "bias_grad"), found, trusted):
            _one_element(value, f"{what}: {name}")
            ck.expect_close(value.reshape(1), want, f"{what}: {name}",
                            "dL/dweight = mean(2 * error * x), dL/dbias = mean(2 * error), "
                            "error = weight * x + bias - y; no autograd", rtol=1e-4, atol=1e-5)

    ck.for_all(CASES, check)


def _start(seed):
    """The starting line the spec prescribes: two draws from a seeded global generator."""
    return ck.seeded(seed, lambda: (torch.randn(1), torch.randn(1)))


def test_history(sol):
    x, y = tf_binding_expression()
    result = ck.seeded_training(3, sol.train_manual_gradient_descent, x, y, 7, 0.1)
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 3,
              "(final_weight, final_bias, loss_history)", repr(result)[:200],
              "return the three in that order")
    weight, bias, history = result
    _one_element(weight, "final_weight")
    _one_element(bias, "final_bias")
    ck.expect_float_list(history, 7, "loss_history of 7 epochs")
    start_weight, start_bias = _start(3)
    ck.expect_close(history[0], F.mse_loss(start_weight * x + start_bias, y),
                    "loss_history[0], the loss of the starting line",
                    "draw weight = torch.randn(1), then bias = torch.randn(1); record each "
                    "epoch's loss before its step")
    _, _, history = ck.seeded_training(3, sol.train_manual_gradient_descent, x, y)
    ck.expect_float_list(history, 100, "loss_history with the default epochs")
    ck.expect_loss_falls(history, 10, "the loss with the defaults (100 epochs, learning rate 0.1)")


def test_recovers_line(sol):
    x, y = tf_binding_expression(seed=42)
    weight, bias, _ = ck.seeded_training(0, sol.train_manual_gradient_descent, x, y, 2000, 0.5)
    design = torch.stack([x, torch.ones_like(x)], dim=1).double()
    least_squares = torch.linalg.lstsq(design, y.double().unsqueeze(1)).solution.squeeze(1)
    found = torch.cat([torch.as_tensor(weight).reshape(1), torch.as_tensor(bias).reshape(1)])
    ck.expect_close(found, least_squares, "(weight, bias) after 2,000 epochs at learning rate 0.5 "
                    "vs the least-squares line", "step against the gradient: w = w - lr * grad",
                    rtol=0, atol=1e-3)
    ck.expect_close(found, torch.tensor([2.5, 1.0]), "(weight, bias) vs the true 2.5 and 1.0",
                    "step against the gradient: w = w - lr * grad", rtol=0, atol=0.3)

"""Graders: session 2, exercise 2 (train_with_autograd)."""
import warnings

import numpy as np
import torch
import torch.nn.functional as F

from coursekit import checks as ck
from coursekit.data.session02 import tf_binding_expression

CLEAR_HINT = ("clear weight.grad and bias.grad at the start of every epoch, before "
              "loss.backward() (backward adds into .grad; not clearing leaves the sum of all "
              "gradients, clearing after backward leaves zero), and use the mean of the "
              "squared errors as the loss")


def _train(sol, seed, *args):
    """``sol.train_with_autograd(*args)`` from a seeded global generator, with the usual
    autograd errors told in the student's terms."""
    try:
        return ck.seeded_training(seed, sol.train_with_autograd, *args)
    except NotImplementedError:
        raise
    except RuntimeError as exc:
        text = str(exc)
        if "leaf Variable" in text:
            raise ck.CheckFailure(
                "the update of weight and bias inside `with torch.no_grad():`",
                f"RuntimeError: {text}",
                "autograd refuses to change a leaf that requires grad in place while it "
                "records: write `with torch.no_grad(): weight -= learning_rate * weight.grad`"
            ) from None
        if "does not require grad" in text:
            raise ck.CheckFailure(
                "weight and bias to require grad in every epoch", f"RuntimeError: {text}",
                "`weight = weight - ...` under torch.no_grad() makes a new tensor that does "
                "not require grad; update the tensor you created in place: `weight -= ...`"
            ) from None
        raise
    except (TypeError, AttributeError) as exc:
        if "NoneType" not in str(exc):
            raise
        raise ck.CheckFailure(
            "weight.grad and bias.grad to be tensors where your code uses them",
            f"{type(exc).__name__}: {exc}",
            ".grad is None before the first backward() (clear it only when it is not None, "
            "or set it to None), and stays None on a tensor that is not a leaf: create "
            "weight and bias with torch.randn(1, requires_grad=True) and nothing else, and "
            "update them in place under torch.no_grad() instead of `weight = weight - ...`"
        ) from None


def _three(result, what):
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 3,
              f"{what} to return (weight, bias, loss_history)", repr(result)[:200],
              "return weight, bias and loss_history, in that order")
    return result


def _grad(tensor):
    """``tensor.grad`` without the warning a non-leaf gives."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tensor.grad


def _starting_line(seed):
    """The spec's start: the weight drawn first, then the bias, after manual_seed(seed)."""
    def draw():
        first = torch.randn(1)
        return first, torch.randn(1)
    return ck.seeded(seed, draw)


def _mse_gradient(x, y, weight, bias):
    """(dL/dweight, dL/dbias) of the MSE at the given line, by autograd in float64."""
    line = torch.cat([torch.as_tensor(weight).reshape(1), torch.as_tensor(bias).reshape(1)])
    line = line.detach().double().requires_grad_()
    loss = F.mse_loss(torch.addcmul(line[1], line[0], x.double()), y.double())
    return torch.autograd.grad(loss, line)[0]


def test_history(sol):
    x, y = tf_binding_expression()
    what = "train_with_autograd(x, y, 7, 0.1)"
    _, _, history = _three(_train(sol, 3, x, y, 7, 0.1), what)
    ck.expect_float_list(history, 7, f"{what}: loss_history")
    start_weight, start_bias = _starting_line(3)
    ck.expect_close(history[0], F.mse_loss(start_bias + start_weight * x, y),
                    f"{what}: loss_history[0], the loss of the starting line",
                    "draw weight = torch.randn(1, requires_grad=True) first, then the bias; "
                    "record each epoch's loss (the mean of the squared errors) before its step")
    _, _, history = _three(_train(sol, 3, x, y), "train_with_autograd(x, y)")
    ck.expect_float_list(history, 100, "train_with_autograd(x, y) with the default epochs: "
                         "loss_history")


def test_leaves(sol):
    x, y = tf_binding_expression()
    weight, bias, _ = _three(_train(sol, 8, x, y), "train_with_autograd(x, y)")
    for name, value in (("weight", weight), ("bias", bias)):
        what = f"the returned {name}"
        ck.expect_tensor(value, what, (1,))
        ck.expect(value.requires_grad, f"{what} to require grad", "requires_grad=False",
                  "return the tensor you created with requires_grad=True itself, not "
                  f"{name}.detach(), {name}.data or a number")
        ck.expect(value.is_leaf and value.grad_fn is None, f"{what} to be a leaf (grad_fn None)",
                  f"grad_fn {type(value.grad_fn).__name__}",
                  f"`{name} = {name} - ...` or a clone makes a new tensor computed from the "
                  f"old one; update {name} in place inside `with torch.no_grad():`")
        grad = _grad(value)
        ck.expect(isinstance(grad, torch.Tensor) and tuple(grad.shape) == (1,),
                  f"{what}.grad to hold a gradient of shape (1,)", repr(grad),
                  "call loss.backward() every epoch and return the tensors it filled")


def test_grad_is_last_step(sol):
    x, y = tf_binding_expression()
    for learning_rate in (0.1, 0.3):
        for epochs in (1, 2, 5):
            seed = 20 + epochs
            what = f"train_with_autograd(x, y, {epochs}, {learning_rate})"
            weight, bias, _ = _three(_train(sol, seed, x, y, epochs, learning_rate), what)
            grads = []
            for name, value in (("weight", weight), ("bias", bias)):
                ck.expect(isinstance(value, torch.Tensor) and value.numel() == 1,
                          f"{what}: {name} as a tensor of shape (1,)", repr(value)[:100],
                          "return the tensors you trained")
                grad = _grad(value)
                ck.expect(isinstance(grad, torch.Tensor) and grad.numel() == 1,
                          f"{what}: {name}.grad holding the last epoch's gradient", repr(grad),
                          "call loss.backward() every epoch and return the leaf tensors it "
                          "filled (not detached copies)")
                grads.append(grad.detach().reshape(1))
            found = torch.cat(grads)
            before = torch.cat([weight.detach().reshape(1), bias.detach().reshape(1)]).double() \
                + learning_rate * found.double()
            ck.expect_close(found, _mse_gradient(x, y, before[0], before[1]),
                            f"{what}: (weight.grad, bias.grad) vs autograd's gradient of the MSE "
                            "at the line before the last step", CLEAR_HINT)
            if epochs == 1:
                ck.expect_close(found, _mse_gradient(x, y, *_starting_line(seed)),
                                f"{what}: (weight.grad, bias.grad) vs the gradient at the "
                                "starting line", "draw weight = torch.randn(1, requires_grad="
                                "True) first, then the bias, and don't seed inside")


def test_learns(sol):
    x, y = tf_binding_expression()
    _, _, history = _three(_train(sol, 3, x, y), "train_with_autograd(x, y)")
    ck.expect_float_list(history, 100, "loss_history with the defaults")
    ck.expect_loss_falls(history, 10, "the loss with the defaults (100 epochs, learning rate 0.1)")
    what = "train_with_autograd(x, y, 2000, 0.5)"
    weight, bias, _ = _three(_train(sol, 0, x, y, 2000, 0.5), what)
    slope, intercept = np.polyfit(x.double().numpy(), y.double().numpy(), deg=1)
    found = torch.cat([torch.as_tensor(v).detach().reshape(1) for v in (weight, bias)])
    ck.expect_close(found, torch.tensor([slope, intercept]),
                    f"{what}: (weight, bias) vs the least-squares line",
                    "step against the gradient every epoch: weight -= learning_rate * weight.grad",
                    rtol=0, atol=1e-3)

"""Graders: session 2, exercise 3 (train_with_optimizer, compare_optimizers)."""
import torch
import torch.nn.functional as F

from coursekit import checks as ck
from coursekit.data.session02 import tf_binding_expression

KEYS = ["SGD", "SGD with momentum", "Adam"]
SETUP_HINT = ("build the optimizer once, before the loop: optimizer_class([weight, bias], "
              "lr=learning_rate, **optimizer_kwargs), and return those same two tensors")


def _recording_sgd():
    """A subclass of torch.optim.SGD that keeps every instance and counts its calls."""
    built = []

    class RecordingSGD(torch.optim.SGD):
        def __init__(self, params, *args, **kwargs):
            super().__init__(params, *args, **kwargs)
            self.steps = 0
            self.zero_grads = 0
            built.append(self)

        def step(self, closure=None):
            self.steps += 1
            return super().step(closure)

        def zero_grad(self, set_to_none: bool = True):
            self.zero_grads += 1
            return super().zero_grad(set_to_none)

    return RecordingSGD, built


def _start_loss(x, y, seed):
    """MSE of the line drawn after torch.manual_seed(seed): the weight first, then the bias."""
    weight, bias = ck.seeded(seed, lambda: (torch.randn(1), torch.randn(1)))
    return F.mse_loss(torch.addcmul(bias, weight, x), y).item()


def _fit_result(result, epochs, what):
    """((weight, bias), loss_history) with two one-element tensors and `epochs` floats."""
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 2
              and isinstance(result[0], (tuple, list)) and len(result[0]) == 2,
              f"{what} to return ((weight, bias), loss_history)", repr(result)[:200],
              "return a pair: the tuple (weight, bias) and the list of losses")
    (weight, bias), history = result
    for name, value in (("weight", weight), ("bias", bias)):
        ck.expect(isinstance(value, torch.Tensor) and value.numel() == 1,
                  f"{what}: {name} as a tensor with one element", repr(value)[:120],
                  "return the tensors made by torch.randn(1, requires_grad=True)")
    ck.expect_float_list(history, epochs, f"{what}: loss_history")
    return weight, bias, history


def _comparison(result, epochs, what):
    """(histories, fig): histories with the three keys in order, `epochs` floats each."""
    ck.expect(isinstance(result, (tuple, list)) and len(result) == 2,
              f"{what} to return (histories, fig)", repr(result)[:200],
              "return the dict of histories and the figure, in that order")
    histories, figure = result
    ck.expect(isinstance(histories, dict), f"{what}: histories as a dict",
              type(histories).__name__, "collect the histories in a dict keyed by optimizer name")
    ck.expect(list(histories) == KEYS, f"{what}: the keys {KEYS} in this order",
              f"{list(histories)}", "use exactly these names as keys, inserted in this order")
    for key in KEYS:
        ck.expect_float_list(histories[key], epochs, f"{what}: histories[{key!r}]")
    return histories, figure


def _close(fig):
    from matplotlib import pyplot as plt
    from matplotlib.figure import Figure

    if isinstance(fig, Figure):
        plt.close(fig)


def test_history(sol):
    x, y = tf_binding_expression()
    result = ck.seeded_training(3, sol.train_with_optimizer, x, y, torch.optim.SGD)
    _, _, history = _fit_result(result, 100, "train_with_optimizer(x, y, torch.optim.SGD)")
    ck.expect_close(history[0], _start_loss(x, y, 3),
                    "loss_history[0], the loss of the starting line",
                    "draw weight = torch.randn(1, requires_grad=True), then the bias the same way; "
                    "record each epoch's loss before its step")


def test_optimizer_setup(sol):
    x, y = tf_binding_expression()
    calls = [({"epochs": 7, "learning_rate": 0.05, "momentum": 0.5, "nesterov": True,
               "weight_decay": 0.01}, 7, 0.05, {"momentum": 0.5, "nesterov": True, "weight_decay": 0.01}),
             ({}, 100, 0.1, {"momentum": 0, "nesterov": False, "weight_decay": 0})]
    for kwargs, epochs, lr, settings in calls:
        recording, built = _recording_sgd()
        shown = ", ".join(f"{k}={v}" for k, v in kwargs.items())
        what = f"train_with_optimizer(x, y, RecordingSGD{', ' + shown if shown else ''})"
        result = ck.seeded_training(4, sol.train_with_optimizer, x, y, recording, **kwargs)
        weight, bias, _ = _fit_result(result, epochs, what)
        ck.expect(len(built) == 1, f"{what} to build one optimizer", f"{len(built)} optimizers",
                  SETUP_HINT)
        optimizer = built[0]
        params = [p for group in optimizer.param_groups for p in group["params"]]
        ck.expect(len(params) == 2 and params[0] is weight and params[1] is bias,
                  f"{what}: the optimizer's parameters to be the returned [weight, bias], in order",
                  f"{len(params)} parameters" + ("" if len(params) != 2 else
                                                 ", not the returned tensors or in another order"),
                  SETUP_HINT + " (no .detach() or .clone())")
        for name, value in (("weight", weight), ("bias", bias)):
            ck.expect(value.is_leaf and value.requires_grad and tuple(value.shape) == (1,),
                      f"{what}: {name} a leaf tensor of shape (1,) that requires grad",
                      f"shape {tuple(value.shape)}, is_leaf={value.is_leaf}, "
                      f"requires_grad={value.requires_grad}",
                      "create it with torch.randn(1, requires_grad=True) and update it only "
                      "through the optimizer")
        for group in optimizer.param_groups:
            ck.expect(group["lr"] == lr, f"{what}: the optimizer's learning rate {lr}",
                      f"lr={group['lr']}", "pass lr=learning_rate (default 0.1) to optimizer_class")
            for key, value in settings.items():
                ck.expect(group[key] == value, f"{what}: the optimizer's {key}={value}",
                          f"{key}={group[key]}",
                          "pass every extra keyword argument on: optimizer_class(..., **optimizer_kwargs)")
        ck.expect(optimizer.steps == epochs, f"{what}: optimizer.step() called {epochs} times",
                  f"{optimizer.steps} times", "call optimizer.step() once per epoch")
        ck.expect(optimizer.zero_grads >= epochs,
                  f"{what}: optimizer.zero_grad() called at least {epochs} times",
                  f"{optimizer.zero_grads} times",
                  "call optimizer.zero_grad() every epoch before loss.backward()")


def test_learns(sol):
    x, y = tf_binding_expression()
    for optimizer_class in (torch.optim.SGD, torch.optim.Adam):
        for seed in (0, 1):
            what = f"train_with_optimizer(x, y, {optimizer_class.__name__}) from seed {seed}"
            result = ck.seeded_training(seed, sol.train_with_optimizer, x, y, optimizer_class)
            _, _, history = _fit_result(result, 100, what)
            ck.expect_loss_falls(history, 3, f"{what}: the loss")


def test_comparison(sol):
    x, y = tf_binding_expression()
    for kwargs, epochs, seed in (({}, 100, 0), ({"epochs": 30, "learning_rate": 0.05, "seed": 7}, 30, 7)):
        shown = "".join(f", {k}={v}" for k, v in kwargs.items())
        what = f"compare_optimizers(x, y{shown})"
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(2024)
            torch.rand(5)  # the caller is somewhere in its own random stream
            before = torch.random.get_rng_state()
            result = sol.compare_optimizers(x, y, **kwargs)
            after = torch.random.get_rng_state()
        try:
            histories, _ = _comparison(result, epochs, what)
            start = _start_loss(x, y, seed)
            for key in KEYS:
                ck.expect_close(histories[key][0], start,
                                f"{what}: histories[{key!r}][0], the loss of the line drawn "
                                f"after torch.manual_seed({seed})",
                                "call torch.manual_seed(seed) right before each of the three runs")
            for key, how in (("SGD with momentum", "torch.optim.SGD with momentum=0.9"),
                             ("Adam", "torch.optim.Adam")):
                ck.expect(histories[key] != histories["SGD"],
                          f"{what}: histories[{key!r}] different from histories['SGD']",
                          "the same losses", f"train {key!r} with {how}, built once per run")
            ck.expect(torch.equal(before, after),
                      f"{what} to leave torch's global random state as it was",
                      "a different random state after the call",
                      "seed inside `with torch.random.fork_rng():` so the caller's generator is restored")
        finally:
            _close(result[1] if isinstance(result, (tuple, list)) and len(result) == 2 else None)


def test_figure(sol):
    x, y = tf_binding_expression()
    for args, epochs in (((), 100), ((30, 0.05, 7), 30)):
        what = f"compare_optimizers(x, y{''.join(f', {a}' for a in args)})"
        result = ck.seeded_training(0, sol.compare_optimizers, x, y, *args)
        try:
            histories, fig = _comparison(result, epochs, what)
            with ck.checked_figure(fig, f"the figure of {what}") as fig:
                (ax,) = ck.expect_axes(fig, 1, f"the figure of {what}")
                for key in KEYS:
                    ck.find_line(ax, histories[key], f"the line of {key!r}", x=list(range(epochs)),
                                 label=key, hint="plot each history itself against its epochs "
                                 "0 .. epochs-1: ax.plot(history, label=name)")
                ck.expect_legend(ax, KEYS, "the Axes")
                ck.expect_text(ax.get_xlabel(), ["epoch"], "the x-axis label", 'ax.set_xlabel("Epoch")')
                ck.expect_text(ax.get_ylabel(), ["loss"], "the y-axis label",
                               'ax.set_ylabel("Loss (MSE)")')
        finally:
            _close(result[1] if isinstance(result, (tuple, list)) and len(result) == 2 else None)

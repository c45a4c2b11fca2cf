"""Hidden graders: session 2, exercise 3. Never released to students."""
import torch
import torch.nn.functional as F
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from coursekit import checks as ck
from coursekit.data.session02 import tf_binding_expression

HINT = ("draw weight = torch.randn(1, requires_grad=True), then the bias; build "
        "optimizer_class([weight, bias], lr=learning_rate, **optimizer_kwargs) once; each epoch "
        "record the loss, then zero_grad(), backward(), step()")


def _optimizer_fit(x, y, optimizer_class, epochs, learning_rate, **settings):
    """Trusted loop: the two draws of the spec, autograd, a torch optimizer of that class."""
    line = [torch.randn(1).requires_grad_() for _ in range(2)]  # [weight, bias], drawn in order
    optimizer = optimizer_class(line, lr=learning_rate, **settings)
    losses = []
    for _ in range(epochs):
        optimizer.zero_grad(set_to_none=True)
        loss = F.mse_loss(torch.addcmul(line[1], line[0], x), y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    return [t.detach().clone() for t in line], losses


def _compared():
    """The compare_optimizers runs: name -> (optimizer class, extra settings)."""
    return {"SGD": (torch.optim.SGD, {}),
            "SGD with momentum": (torch.optim.SGD, {"momentum": 0.9}),
            "Adam": (torch.optim.Adam, {})}


def test_train_trajectory(sol):
    x, y = tf_binding_expression(seed=5)
    runs = [(torch.optim.SGD, {}, (), (100, 0.1)),
            (torch.optim.SGD, {"momentum": 0.9, "nesterov": True}, (40, 0.05), (40, 0.05)),
            (torch.optim.Adam, {"betas": (0.8, 0.99)}, (), (100, 0.1)),
            (torch.optim.RMSprop, {}, (30, 0.01), (30, 0.01)),
            (torch.optim.Adam, {}, (60, 0.2), (60, 0.2))]
    for optimizer_class, settings, args, trusted_args in runs:
        shown = "".join(f", {a}" for a in args) + "".join(f", {k}={v}" for k, v in settings.items())
        what = f"train_with_optimizer(x, y, {optimizer_class.__name__}{shown})"
        found = ck.seeded_training(13, sol.train_with_optimizer, x, y, optimizer_class, *args, **settings)
        (weight, bias), losses = ck.seeded(13, _optimizer_fit, x, y, optimizer_class,
                                           *trusted_args, **settings)
        ck.expect(isinstance(found, (tuple, list)) and len(found) == 2
                  and isinstance(found[0], (tuple, list)) and len(found[0]) == 2,
                  f"{what} to return ((weight, bias), loss_history)", repr(found)[:200],
                  "return ((weight, bias), loss_history)")
        ck.expect_float_list(found[1], len(losses), f"{what}: loss_history")
        ck.expect_close(found[1], losses, f"{what}: loss_history, epoch by epoch", HINT)
        for name, mine, trusted in zip(("final weight", "final bias"), found[0], (weight, bias)):
            ck.expect_close(torch.as_tensor(mine).detach().reshape(1), trusted, f"{what}: {name}", HINT)


def test_comparison_trajectories(sol):
    x, y = tf_binding_expression(seed=8)
    for args, epochs, learning_rate, seed in (((), 100, 0.1, 0), ((60, 0.05, 9), 60, 0.05, 9)):
        what = "compare_optimizers(x, y" + "".join(f", {a}" for a in args) + ")"
        result = ck.seeded_training(21, sol.compare_optimizers, x, y, *args)
        if isinstance(result, (tuple, list)) and len(result) == 2 and isinstance(result[1], Figure):
            plt.close(result[1])
        ck.expect(isinstance(result, (tuple, list)) and len(result) == 2 and isinstance(result[0], dict),
                  f"{what} to return (histories, fig), histories a dict", repr(result)[:200],
                  "return the dict of histories and the figure")
        for name, (optimizer_class, settings) in _compared().items():
            ck.expect(name in result[0], f"{what}: a history for {name!r}", f"keys {list(result[0])}",
                      "use the keys 'SGD', 'SGD with momentum', 'Adam'")
            _, losses = ck.seeded(seed, _optimizer_fit, x, y, optimizer_class, epochs,
                                  learning_rate, **settings)
            ck.expect_float_list(result[0][name], epochs, f"{what}: histories[{name!r}]")
            ck.expect_close(result[0][name], losses,
                            f"{what}: histories[{name!r}] vs {optimizer_class.__name__}"
                            f"{''.join(f'({k}={v})' for k, v in settings.items())} from "
                            f"torch.manual_seed({seed})",
                            "seed with torch.manual_seed(seed) before each run and train with "
                            "SGD, SGD(momentum=0.9) and Adam at the given epochs and learning rate")

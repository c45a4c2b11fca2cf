"""Hidden graders: session 2, exercise 5. Never released to students."""
import torch
import torch.nn.functional as F

from coursekit import checks as ck
from graders.session02.test_ex05_train_validation import _fit, _graded_split, _run

HINT = ("the start is weights = (0.1 * torch.randn(F)).requires_grad_() with a zero bias and a "
        "single Adam(lr=learning_rate); per epoch: training loss and accuracy first, then "
        "zero_grad(), backward(), step(), then (no_grad) the validation loss and accuracy of the "
        "weights this step produced")


def _logistic_fit(train_x, train_y, val_x, val_y, epochs, learning_rate):
    """Trusted loop: the spec's draw, F.binary_cross_entropy, torch.optim.Adam."""
    params = [torch.randn(train_x.shape[1]).mul(0.1).requires_grad_(), torch.zeros(1).requires_grad_()]
    adam = torch.optim.Adam(params, lr=learning_rate)
    record = {"train_losses": [], "train_accuracies": [], "val_losses": [], "val_accuracies": []}

    def measure(x, y, prefix):
        p = torch.sigmoid(F.linear(x, params[0][None, :], params[1])).flatten()
        loss = F.binary_cross_entropy(p, y)
        record[prefix + "losses"].append(loss.item())
        record[prefix + "accuracies"].append(torch.eq(p > 0.5, y > 0.5).float().mean().item())
        return loss

    for _ in range(epochs):
        params[0].grad = params[1].grad = None
        measure(train_x, train_y, "train_").backward()
        adam.step()
        with torch.no_grad():
            measure(val_x, val_y, "val_")
    return [t.detach().clone() for t in params], record


def test_train_trajectory(sol):
    train_x, train_y, val_x, val_y = _graded_split(400, 321, 21)
    for given, used, label in ((), (100, 0.1), "with the defaults"), \
            ((40, 0.05), (40, 0.05), "40 epochs at 0.05"), ((25, 0.3), (25, 0.3), "25 epochs at 0.3"):
        what = f"train_with_validation {label}"
        found = _fit(_run(sol, 17, train_x, train_y, val_x, val_y, *given), used[0], 5, what)
        (weights, bias), record = ck.seeded(17, _logistic_fit, train_x, train_y, val_x, val_y, *used)
        for index, name in enumerate(record, start=2):
            ck.expect_close(found[index], record[name], f"{what}: {name}, epoch by epoch", HINT)
        ck.expect_close(found[0].detach(), weights, f"{what}: final weights", HINT)
        ck.expect_close(found[1].detach(), bias, f"{what}: final bias", HINT)

"""Hidden graders: session 2, exercise 4. Never released to students."""
import torch
import torch.nn.functional as F

from coursekit import checks as ck
from coursekit.data.session02 import variant_dataset

HINT = ("start from weights = (0.1 * torch.randn(n_features)).requires_grad_() and bias = "
        "torch.zeros(1, requires_grad=True); build torch.optim.Adam([weights, bias], lr=learning_rate) "
        "once; each epoch record the mean BCE and the accuracy (probability > 0.5) of the current "
        "predictions, then zero_grad(), backward(), step()")


def _adam_logistic(features, labels, epochs, learning_rate):
    """Trusted loop: one parameter vector [weights..., bias] started from the spec's draw,
    logits by addmv, BCE by torch's built-in on clamped probabilities."""
    n_features = features.shape[1]
    theta = torch.cat([torch.randn(n_features).mul(0.1), torch.zeros(1)]).requires_grad_()
    adam = torch.optim.Adam([theta], lr=learning_rate)
    losses, accuracies = [], []
    for _ in range(epochs):
        theta.grad = None
        logits = torch.addmv(theta[n_features:], features, theta[:n_features])
        loss = F.binary_cross_entropy(torch.sigmoid(logits).clamp(1e-7, 1 - 1e-7), labels)
        losses.append(loss.item())
        accuracies.append(torch.eq(logits > 0, labels > 0.5).double().mean().item())
        loss.backward()
        adam.step()
    return theta.detach()[:n_features], theta.detach()[n_features:], losses, accuracies


def test_train_trajectory(sol):
    features, labels = variant_dataset(400, seed=21)
    features[:5] = 0.0  # probability exactly 0.5 at the start: called benign
    labels[:5] = 1.0
    n = len(labels)
    runs = [((), (100, 0.1), "with the defaults"), ((30, 0.05), (30, 0.05), "30 epochs at 0.05"),
            ((60, 0.3), (60, 0.3), "60 epochs at 0.3")]
    for args, trusted_args, label in runs:
        what = f"train_classifier {label}"
        found = ck.seeded_training(17, sol.train_classifier, features, labels, *args)
        weights, bias, losses, accuracies = ck.seeded(17, _adam_logistic, features, labels, *trusted_args)
        ck.expect(isinstance(found, (tuple, list)) and len(found) == 4,
                  f"{what}: four results, (weights, bias, loss_history, accuracy_history)",
                  repr(found)[:200], "return weights, bias and the two histories, in that order")
        ck.expect_float_list(found[2], len(losses), f"{what}: loss_history")
        ck.expect_float_list(found[3], len(accuracies), f"{what}: accuracy_history")
        ck.expect_close(found[2], losses, f"{what}: loss_history, epoch by epoch", HINT)
        ck.expect_close(found[3], accuracies, f"{what}: accuracy_history, epoch by epoch "
                        "(within one variant)", HINT, rtol=0, atol=1.01 / n)
        ck.expect_close(torch.as_tensor(found[0]).detach().reshape(-1), weights,
                        f"{what}: final weights", HINT)
        ck.expect_close(torch.as_tensor(found[1]).detach().reshape(1), bias, f"{what}: final bias", HINT)

"""Correct alternative: torch.split of the permutation and index_select, the loss written out from
its formula on log-sigmoids, accuracy from the sign of the score, zero_grad after the step, a
validation helper decorated with @torch.no_grad(), and an explicit epoch axis with a log-scaled
loss."""
import torch
import torch.nn.functional as F
from matplotlib import pyplot as plt


def split_data(features, labels, train_ratio=0.8, seed=42):
    total = len(labels)
    keep = int(total * train_ratio)
    shuffled = torch.randperm(total, generator=torch.Generator().manual_seed(seed))
    train_idx, val_idx = torch.split(shuffled, [keep, total - keep])
    return (torch.index_select(features, 0, train_idx), torch.index_select(labels, 0, train_idx),
            torch.index_select(features, 0, val_idx), torch.index_select(labels, 0, val_idx))


def _scores(x, w, b):
    return torch.mv(x, w) + b


def _loss(scores, y):
    return -(y * F.logsigmoid(scores) + (1 - y) * F.logsigmoid(-scores)).mean()


def _hits(scores, y):
    return torch.where(scores > 0, 1.0, 0.0).eq(y).sum().item() / len(y)


@torch.no_grad()
def _validate(x, y, w, b):
    scores = _scores(x, w, b)
    return _loss(scores, y).item(), _hits(scores, y)


def train_with_validation(train_features, train_labels, val_features, val_labels, epochs=100,
                          learning_rate=0.1):
    w = torch.randn(train_features.shape[-1]).mul_(0.1).requires_grad_(True)
    b = torch.zeros(1).requires_grad_(True)
    adam = torch.optim.Adam([w, b], learning_rate)
    tr_loss, tr_acc, va_loss, va_acc = [], [], [], []
    epoch = 0
    while epoch < epochs:
        scores = _scores(train_features, w, b)
        loss = _loss(scores, train_labels)
        tr_loss.append(loss.item())
        tr_acc.append(_hits(scores.detach(), train_labels))
        loss.backward()
        adam.step()
        adam.zero_grad()
        vl, vacc = _validate(val_features, val_labels, w, b)
        va_loss.append(vl)
        va_acc.append(vacc)
        epoch += 1
    return w, b, (tr_loss, tr_acc), (va_loss, va_acc)


def plot_training_curves(train_history, val_history):
    fig, axes = plt.subplots(nrows=1, ncols=2, figsize=(12, 4))
    steps = list(range(len(train_history[0])))
    axes[0].plot(steps, train_history[0], color="tab:blue", label="Training loss")
    axes[0].plot(steps, val_history[0], color="tab:orange", label="Validation loss")
    axes[0].set_yscale("log")
    axes[0].set(xlabel="Epoch", ylabel="Loss (binary cross-entropy)", title="Loss")
    axes[1].plot(steps, train_history[1], color="tab:blue", label="Training accuracy")
    axes[1].plot(steps, val_history[1], color="tab:orange", label="Validation accuracy")
    axes[1].set(xlabel="Epoch", ylabel="Accuracy", title="Accuracy")
    for ax in axes:
        ax.legend(loc="best")
    return fig

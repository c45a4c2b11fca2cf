"""Correct alternative: nn.Parameter tensors passed as a tuple by keyword,
zero_grad(set_to_none=False), float(loss.detach()), the caller's random state saved and
restored by hand, and an Axes with explicit epoch numbers and a log-scaled y axis."""
import torch
from matplotlib import pyplot as plt
from torch import nn


def train_with_optimizer(x, y, optimizer_class, epochs=100, learning_rate=0.1, **optimizer_kwargs):
    weight = nn.Parameter(torch.randn(1))
    bias = nn.Parameter(torch.randn(1))
    optimizer = optimizer_class(params=(weight, bias), lr=learning_rate, **optimizer_kwargs)
    history = []
    for epoch in range(epochs):
        optimizer.zero_grad(set_to_none=False)
        loss = torch.mean(torch.square(x * weight + bias - y))
        history.append(float(loss.detach()))
        loss.backward()
        optimizer.step()
    return (weight, bias), history


def compare_optimizers(x, y, epochs=100, learning_rate=0.1, seed=0):
    histories = {}
    saved = torch.random.get_rng_state()
    try:
        for name in ("SGD", "SGD with momentum", "Adam"):
            torch.manual_seed(seed)
            if name == "Adam":
                _, histories[name] = train_with_optimizer(x, y, torch.optim.Adam, epochs, learning_rate)
            else:
                momentum = 0.9 if "momentum" in name else 0.0
                _, histories[name] = train_with_optimizer(x, y, torch.optim.SGD, epochs, learning_rate,
                                                          momentum=momentum)
    finally:
        torch.random.set_rng_state(saved)
    fig, ax = plt.subplots()
    epochs_axis = torch.arange(epochs).numpy()
    for name, losses in histories.items():
        ax.plot(epochs_axis, losses, label=name, linewidth=1.5)
    ax.set_yscale("log")
    ax.set(xlabel="Epoch number", ylabel="Training loss")
    ax.legend(title="optimizer")
    return histories, fig

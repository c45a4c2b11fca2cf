"""Correct alternative: a boolean mask marks the training rows (rows keep their original order),
math.floor for the count, nn.Parameter tensors, F.binary_cross_entropy, torch.inference_mode for
validation, accuracy by rounding, and pyplot-state plotting that returns the current figure."""
import math

import torch
import torch.nn.functional as F
from matplotlib import pyplot as plt
from torch import nn


def split_data(features, labels, train_ratio=0.8, seed=42):
    rng = torch.Generator()
    rng.manual_seed(seed)
    n = labels.shape[0]
    shuffled = torch.randperm(n, generator=rng)
    is_train = torch.zeros(n, dtype=torch.bool)
    is_train[shuffled[:math.floor(n * train_ratio)]] = True
    return features[is_train], labels[is_train], features[~is_train], labels[~is_train]


def train_with_validation(train_features, train_labels, val_features, val_labels, epochs=100,
                          learning_rate=0.1):
    weights = nn.Parameter(torch.randn(train_features.size(1)) * 0.1)
    bias = nn.Parameter(torch.zeros(1))
    opt = torch.optim.Adam(params=[weights, bias], lr=learning_rate)

    def evaluate(x, y):
        p = torch.sigmoid(torch.matmul(x, weights) + bias)
        return F.binary_cross_entropy(p, y), (p.round() == y).float().mean()

    history = {"train": ([], []), "val": ([], [])}
    for _ in range(epochs):
        loss, acc = evaluate(train_features, train_labels)
        history["train"][0].append(loss.item())
        history["train"][1].append(float(acc))
        opt.zero_grad(set_to_none=False)
        loss.backward()
        opt.step()
        with torch.inference_mode():
            loss, acc = evaluate(val_features, val_labels)
        history["val"][0].append(float(loss))
        history["val"][1].append(float(acc))
    return weights, bias, history["train"], history["val"]


def plot_training_curves(train_history, val_history):
    fig = plt.figure(figsize=(10, 4))
    for panel, (name, train_values, val_values) in enumerate(
            (("BCE loss", train_history[0], val_history[0]),
             ("accuracy", train_history[1], val_history[1])), start=1):
        plt.subplot(1, 2, panel)
        plt.plot(train_values, label="train")
        plt.plot(val_values, "--", label="val")
        plt.xlabel("epoch")
        plt.ylabel(name)
        plt.grid(alpha=0.3)
        plt.legend()
    return fig

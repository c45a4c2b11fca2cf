"""Correct alternative: the data drawn with numpy's own seeded generator (class by class,
then permuted), the sigmoid written as 1 / (1 + exp(-z)), torch's binary_cross_entropy on
clamped probabilities, and zero_grad() after each step."""
import numpy as np
import torch
import torch.nn.functional as F


def generate_variant_data(n_samples=1000, seed=42):
    rng = np.random.default_rng(seed)
    n_sick = n_samples // 2
    n_well = n_samples - n_sick
    sick = np.column_stack([rng.normal(0.85, 0.15, n_sick), rng.normal(0.02, 0.05, n_sick),
                            rng.normal(25, 6, n_sick), rng.normal(0.8, 0.15, n_sick),
                            rng.normal(0.1, 0.1, n_sick)])
    well = np.column_stack([rng.normal(0.35, 0.2, n_well), rng.normal(0.4, 0.2, n_well),
                            rng.normal(10, 5, n_well), rng.normal(0.25, 0.2, n_well),
                            rng.normal(0.7, 0.2, n_well)])
    table = np.clip(np.vstack([sick, well]), 0, [1, 1, 40, 1, 1])
    y = np.concatenate([np.ones(n_sick), np.zeros(n_well)])
    shuffle = rng.permutation(n_samples)
    return (torch.from_numpy(table[shuffle].astype(np.float32)),
            torch.from_numpy(y[shuffle].astype(np.float32)))


def logistic_model(x, weights, bias):
    return 1 / (1 + torch.exp(-(torch.matmul(x, weights) + bias)))


def binary_cross_entropy_loss(predictions, targets):
    return F.binary_cross_entropy(predictions.clamp(1e-7, 1 - 1e-7), targets)


def train_classifier(features, labels, epochs=100, learning_rate=0.1):
    weights = torch.randn(features.shape[1]).mul_(0.1).requires_grad_()
    bias = torch.zeros(1).requires_grad_()
    adam = torch.optim.Adam([weights, bias], lr=learning_rate)
    loss_history, accuracy_history = [], []
    for _ in range(epochs):
        probabilities = logistic_model(features, weights, bias)
        loss = binary_cross_entropy_loss(probabilities, labels)
        loss.backward()
        loss_history.append(float(loss.detach()))
        hits = (probabilities > 0.5) == labels.bool()
        accuracy_history.append(hits.sum().item() / len(labels))
        adam.step()
        adam.zero_grad()
    return weights, bias, loss_history, accuracy_history

"""Mutant: a probability of exactly 0.5 called pathogenic (predictions >= 0.5)
where the spec calls pathogenic only above 0.5."""
import torch

from reference.session02.ex04_variant_classifier import (  # noqa: F401
    binary_cross_entropy_loss, generate_variant_data, logistic_model)

CAUGHT_BY = {"history", "train_trajectory"}


def train_classifier(features, labels, epochs=100, learning_rate=0.1):
    weights = (0.1 * torch.randn(features.shape[1])).requires_grad_()
    bias = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    losses, accuracies = [], []
    for _ in range(epochs):
        predictions = logistic_model(features, weights, bias)
        loss = binary_cross_entropy_loss(predictions, labels)
        losses.append(loss.item())
        accuracies.append(((predictions >= 0.5).float() == labels).float().mean().item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return weights, bias, losses, accuracies

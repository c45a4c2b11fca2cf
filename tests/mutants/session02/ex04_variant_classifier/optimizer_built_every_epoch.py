"""Mutant: torch.optim.Adam built anew inside the loop, so its running averages
(and its step count) start from zero every epoch."""
import torch

from reference.session02.ex04_variant_classifier import (  # noqa: F401
    binary_cross_entropy_loss, generate_variant_data, logistic_model)

CAUGHT_BY = {"train_trajectory"}


def train_classifier(features, labels, epochs=100, learning_rate=0.1):
    weights = (0.1 * torch.randn(features.shape[1])).requires_grad_()
    bias = torch.zeros(1, requires_grad=True)
    losses, accuracies = [], []
    for _ in range(epochs):
        optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
        predictions = logistic_model(features, weights, bias)
        loss = binary_cross_entropy_loss(predictions, labels)
        losses.append(loss.item())
        accuracies.append(((predictions > 0.5).float() == labels).float().mean().item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return weights, bias, losses, accuracies

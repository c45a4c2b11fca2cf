"""Correct alternative: the data from torch.normal with per-row means and spreads, shuffled by
the argsort of uniform draws, the logits by torch.addmv and torch.special.expit, the BCE as
torch.where over the two classes with log1p, and a parameter-group dict for Adam."""
import torch


def generate_variant_data(n_samples=1000, seed=42):
    gen = torch.Generator()
    gen.manual_seed(seed)
    label = torch.zeros(n_samples)
    label[: n_samples // 2] = 1.0
    pathogenic_mean = torch.tensor([0.85, 0.02, 25.0, 0.80, 0.10])
    benign_mean = torch.tensor([0.35, 0.40, 10.0, 0.25, 0.70])
    pathogenic_std = torch.tensor([0.15, 0.05, 6.0, 0.15, 0.10])
    benign_std = torch.tensor([0.20, 0.20, 5.0, 0.20, 0.20])
    column = label.unsqueeze(1)
    mean = column * pathogenic_mean + (1 - column) * benign_mean
    std = column * pathogenic_std + (1 - column) * benign_std
    scores = torch.normal(mean, std, generator=gen)
    scores = torch.clamp(scores, torch.zeros(5), torch.tensor([1.0, 1.0, 40.0, 1.0, 1.0]))
    shuffle = torch.argsort(torch.rand(n_samples, generator=gen))
    return scores[shuffle], label[shuffle]


def logistic_model(x, weights, bias):
    return torch.special.expit(torch.addmv(bias, x, weights))


def binary_cross_entropy_loss(predictions, targets):
    p = predictions.clamp(min=1e-7, max=1 - 1e-7)
    cost = torch.where(targets == 1, -torch.log(p), -torch.log1p(-p))
    return cost.sum() / cost.numel()


def train_classifier(features, labels, epochs=100, learning_rate=0.1):
    n_features = features.size(1)
    weights = torch.randn(n_features) * 0.1
    weights.requires_grad = True
    bias = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.Adam([{"params": [weights, bias]}], lr=learning_rate)
    losses, accuracies = [], []
    for epoch in range(epochs):
        optimizer.zero_grad(set_to_none=False)
        p = logistic_model(features, weights, bias)
        loss = binary_cross_entropy_loss(p, labels)
        losses.append(loss.item())
        called = torch.gt(p, 0.5).to(labels.dtype)
        accuracies.append(torch.eq(called, labels).sum().item() / labels.numel())
        loss.backward()
        optimizer.step()
    return weights, bias, losses, accuracies

"""Mutant: the course guide's decoder likelihood: a sigmoid per logit and binary cross-entropy
against the one-hot x (4 independent yes/no questions per position), not a categorical
distribution over the 4 bases (softmax over dim 1)."""
import torch
import torch.nn.functional as F

from reference.session08.ex06_sequence_vae import SequenceVAE, base_probabilities  # noqa: F401

CAUGHT_BY = {"reconstruction_log_prob", "sequence_vae_loss"}


def reconstruction_log_prob(logits, x):
    return -F.binary_cross_entropy(torch.sigmoid(logits), x, reduction="none").sum(dim=(1, 2))


def sequence_vae_loss(logits, x, mu, logvar):
    bce = F.binary_cross_entropy(torch.sigmoid(logits), x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return (bce + kld) / x.shape[0]


def train_sequence_vae(model, x, epochs=10, lr=3e-3, batch_size=32, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    history = []
    for _ in range(epochs):
        total = 0.0
        for batch in torch.randperm(x.shape[0], generator=generator).split(batch_size):
            logits, mu, logvar = model(x[batch], generator=generator)
            loss = sequence_vae_loss(logits, x[batch], mu, logvar)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        history.append(total / x.shape[0])
    model.eval()
    return history

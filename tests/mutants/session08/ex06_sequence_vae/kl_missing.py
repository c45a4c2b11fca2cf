"""Mutant: the loss is the reconstruction term only (a plain autoencoder's loss): no KL, so
nothing ties the codes to N(0, I) and samples from the prior decode into nonsense."""
import torch

from reference.session08.ex06_sequence_vae import (SequenceVAE, base_probabilities,  # noqa: F401
                                                   reconstruction_log_prob)

CAUGHT_BY = {"sequence_vae_loss"}


def sequence_vae_loss(logits, x, mu, logvar):
    return (-reconstruction_log_prob(logits, x)).mean()


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

"""Mutant: train_sequence_vae never calls optimizer.zero_grad(): every step adds the new gradient
to all the previous ones, so the updates follow a stale running sum and the loss climbs."""
import torch

from reference.session08.ex06_sequence_vae import (SequenceVAE, base_probabilities,  # noqa: F401
                                                   reconstruction_log_prob, sequence_vae_loss)

CAUGHT_BY = {"reconstructs_bases"}


def train_sequence_vae(model, x, epochs=10, lr=3e-3, batch_size=32, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    history = []
    for _ in range(epochs):
        total = 0.0
        for batch in torch.randperm(x.shape[0], generator=generator).split(batch_size):
            logits, mu, logvar = model(x[batch], generator=generator)
            loss = sequence_vae_loss(logits, x[batch], mu, logvar)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        history.append(total / x.shape[0])
    model.eval()
    return history

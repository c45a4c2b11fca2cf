"""Mutant: the reconstruction log-probability is AVERAGED over the positions (a per-base mean,
like F.cross_entropy's default reduction) instead of summed: the likelihood of a whole sequence
shrinks L-fold, so the KL term outweighs it and the latent code is pushed towards the prior."""
import torch
import torch.nn.functional as F

from reference.session08.ex06_sequence_vae import SequenceVAE, base_probabilities  # noqa: F401

CAUGHT_BY = {"reconstruction_log_prob", "sequence_vae_loss", "reconstructs_bases"}


def reconstruction_log_prob(logits, x):
    return (F.log_softmax(logits, dim=1) * x).sum(dim=1).mean(dim=1)


def sequence_vae_loss(logits, x, mu, logvar):
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)
    return (kl - reconstruction_log_prob(logits, x)).mean()


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

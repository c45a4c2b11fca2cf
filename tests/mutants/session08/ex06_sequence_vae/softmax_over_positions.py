"""Mutant: the softmax runs over the POSITIONS (dim=2, "the last axis", as for logits [B, C])
instead of over the 4 bases (dim=1): each base's probabilities sum to 1 along the sequence,
and log-probabilities, the loss and the samples all follow."""
import torch
import torch.nn.functional as F

from reference.session08.ex06_sequence_vae import SequenceVAE as _Reference

CAUGHT_BY = {"base_probabilities", "reconstruction_log_prob", "sequence_vae_loss", "prior_composition"}


def base_probabilities(logits):
    return torch.softmax(logits, dim=-1)


def reconstruction_log_prob(logits, x):
    return (F.log_softmax(logits, dim=-1) * x).sum(dim=(1, 2))


def sequence_vae_loss(logits, x, mu, logvar):
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)
    return (kl - reconstruction_log_prob(logits, x)).mean()


class SequenceVAE(_Reference):
    @torch.no_grad()
    def sample(self, n, generator=None):
        weight = self.decoder[0].weight
        z = torch.randn((n, self.latent_dim), generator=generator, dtype=weight.dtype, device=weight.device)
        probs = base_probabilities(self.decode(z))
        bases = torch.multinomial(probs.transpose(1, 2).reshape(-1, 4), 1, generator=generator)
        return F.one_hot(bases.view(n, self.seq_len), 4).transpose(1, 2).float()


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

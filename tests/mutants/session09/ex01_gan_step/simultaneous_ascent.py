"""Mutant: "the minimax game: D maximises what G minimises" taken literally in the G step: after
G's update it also moves D by gradient ASCENT on the same loss (plain SGD with g_optimizer's
learning rate), so the G step trains D as well."""
import torch
import torch.nn.functional as F

from reference.session09.ex01_gan_step import Discriminator, Generator, discriminator_step  # noqa: F401

CAUGHT_BY = {"g_step_leaves_d"}


def generator_step(G, D, batch_size, g_optimizer, generator=None):
    g_optimizer.zero_grad()
    D.zero_grad()
    device = next(G.parameters()).device
    logits = D(G(torch.randn(batch_size, G.latent_dim, generator=generator, device=device)))
    g_loss = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
    g_loss.backward()
    g_optimizer.step()
    lr = g_optimizer.param_groups[0]["lr"]
    with torch.no_grad():
        for p in D.parameters():
            p.add_(lr * p.grad)
    D.zero_grad()
    return g_loss.item()

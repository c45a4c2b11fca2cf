"""Mutant: the training loop draws z (and the batch indices) from torch's global
generator, ignoring the generator it is given: runs are not reproducible from the generator and
the global random state moves."""
import torch
import torch.nn.functional as F

from reference.session09.ex03_sequence_gan import (SequenceDiscriminator, SequenceGenerator,  # noqa: F401
                                                   gumbel_softmax, sample)

CAUGHT_BY = {"generates_the_motif"}


def train_sequence_gan(G, D, real, steps=150, batch_size=64, lr_g=5e-4, lr_d=3e-3, generator=None):
    opt_g = torch.optim.Adam(G.parameters(), lr=lr_g, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=lr_d, betas=(0.5, 0.999))
    G.train()
    D.train()
    g_losses, d_losses = [], []
    for _ in range(steps):
        index = torch.randint(0, real.shape[0], (batch_size,))
        batch = real[index]
        z = torch.randn(batch_size, G.latent_dim, dtype=real.dtype, device=real.device)
        fake = G(z, hard=True, generator=generator)
        ones = torch.ones(batch_size, 1, dtype=real.dtype, device=real.device)
        zeros = torch.zeros(batch_size, 1, dtype=real.dtype, device=real.device)

        d_loss = (F.binary_cross_entropy_with_logits(D(batch), ones)
                  + F.binary_cross_entropy_with_logits(D(fake.detach()), zeros))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()

        g_loss = F.binary_cross_entropy_with_logits(D(fake), ones)
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        g_losses.append(g_loss.item())
        d_losses.append(d_loss.item())
    return g_losses, d_losses

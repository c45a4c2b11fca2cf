"""Mutant: sample writes the most likely base at each position (the argmax of G's logits, no
Gumbel noise): every sample carries the consensus, the per-position frequencies collapse to
0 and 1 instead of following the motif's 0.7 / 0.1."""
import torch
import torch.nn.functional as F

from reference.session09.ex03_sequence_gan import (SequenceDiscriminator, SequenceGenerator,  # noqa: F401
                                                   gumbel_softmax, train_sequence_gan)

CAUGHT_BY = {"generates_the_motif"}


@torch.no_grad()
def sample(G, n, generator=None):
    weight = next(G.parameters())
    z = torch.randn(n, G.latent_dim, generator=generator, dtype=weight.dtype, device=weight.device)
    logits = G.net(z).view(-1, 4, G.seq_len)
    return F.one_hot(logits.argmax(dim=1), 4).transpose(1, 2).to(weight.dtype)

"""Mutant: the softmax (and the argmax) run over the last dimension, the
positions of [B, 4, L], instead of the bases on dim 1: each base is spread over the sequence."""
import torch

from reference.session09.ex03_sequence_gan import SequenceDiscriminator, sample, train_sequence_gan  # noqa: F401
from reference.session09.ex03_sequence_gan import SequenceGenerator as _Reference

CAUGHT_BY = {"soft_sample", "hard_straight_through", "argmax_frequencies", "generates_the_motif"}


def gumbel_softmax(logits, tau=1.0, hard=False, generator=None, dim=1):
    u = torch.rand(logits.shape, generator=generator, dtype=logits.dtype, device=logits.device)
    g = -torch.log(-torch.log(u.clamp(min=torch.finfo(logits.dtype).tiny)))
    soft = torch.softmax((logits + g) / tau, dim=-1)
    if not hard:
        return soft
    y_hard = torch.zeros_like(soft).scatter_(-1, soft.argmax(dim=-1, keepdim=True), 1.0)
    return y_hard - soft.detach() + soft


class SequenceGenerator(_Reference):
    def forward(self, z, hard=True, generator=None):
        return gumbel_softmax(self.net(z).view(-1, 4, self.seq_len), self.tau, hard, generator, dim=1)

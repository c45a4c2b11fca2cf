"""Mutant: U is drawn from torch's global generator (the guide's torch.rand without
generator=), so a given generator is ignored and the global random state moves."""
import torch

from reference.session09.ex03_sequence_gan import SequenceDiscriminator, sample, train_sequence_gan  # noqa: F401
from reference.session09.ex03_sequence_gan import SequenceGenerator as _Reference

CAUGHT_BY = {"soft_sample", "hard_straight_through", "generates_the_motif"}


def gumbel_softmax(logits, tau=1.0, hard=False, generator=None, dim=1):
    u = torch.rand(logits.shape, dtype=logits.dtype, device=logits.device)
    g = -torch.log(-torch.log(u.clamp(min=torch.finfo(logits.dtype).tiny)))
    soft = torch.softmax((logits + g) / tau, dim=dim)
    if not hard:
        return soft
    y_hard = torch.zeros_like(soft).scatter_(dim, soft.argmax(dim=dim, keepdim=True), 1.0)
    return y_hard - soft.detach() + soft


class SequenceGenerator(_Reference):
    def forward(self, z, hard=True, generator=None):
        return gumbel_softmax(self.net(z).view(-1, 4, self.seq_len), self.tau, hard, generator, dim=1)

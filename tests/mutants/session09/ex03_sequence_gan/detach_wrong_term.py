"""Mutant: the straight-through estimator detaches the wrong term,
y_hard - y_soft + y_soft.detach(): the value is still one-hot, but the gradient is the soft
sample's with its sign flipped, so the generator climbs the loss it should descend."""
import torch

from reference.session09.ex03_sequence_gan import SequenceDiscriminator, sample, train_sequence_gan  # noqa: F401
from reference.session09.ex03_sequence_gan import SequenceGenerator as _Reference

CAUGHT_BY = {"hard_straight_through", "generates_the_motif"}


def gumbel_softmax(logits, tau=1.0, hard=False, generator=None, dim=1):
    u = torch.rand(logits.shape, generator=generator, dtype=logits.dtype, device=logits.device)
    g = -torch.log(-torch.log(u.clamp(min=torch.finfo(logits.dtype).tiny)))
    soft = torch.softmax((logits + g) / tau, dim=dim)
    if not hard:
        return soft
    y_hard = torch.zeros_like(soft).scatter_(dim, soft.argmax(dim=dim, keepdim=True), 1.0)
    return y_hard - soft + soft.detach()


class SequenceGenerator(_Reference):
    def forward(self, z, hard=True, generator=None):
        return gumbel_softmax(self.net(z).view(-1, 4, self.seq_len), self.tau, hard, generator, dim=1)

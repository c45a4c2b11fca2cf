"""Mutant: the encoder pads the sequence itself with torch.zeros(...) made without a device
(and a Conv1d without padding), so the padding stays on the CPU when model and input move."""
import torch
from torch import nn

from reference.session06.ex06_prototypical import (episode_loss, prototype_logits, prototypes,  # noqa: F401
                                                   sample_episode)

CAUGHT_BY = {"follows_device"}


class MotifEncoder(nn.Module):
    def __init__(self, num_filters=128):
        super().__init__()
        self.conv = nn.Conv1d(4, num_filters, kernel_size=9)

    def forward(self, x):
        pad = torch.zeros(x.shape[0], 4, 4)
        return torch.relu(self.conv(torch.cat([pad, x, pad], dim=-1))).amax(dim=-1)

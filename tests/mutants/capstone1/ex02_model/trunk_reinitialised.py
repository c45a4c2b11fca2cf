"""Mutant: the trunk is re-initialised after it is stored (its convolution's
reset_parameters()): the pretrained weights are thrown away."""
import torch
from torch import nn

from reference.capstone1.ex02_model import CHANNELS, HIDDEN, freeze_trunk  # noqa: F401

CAUGHT_BY = {'trunk_loaded'}


class VariantEffectModel(nn.Module):
    def __init__(self, trunk):
        super().__init__()
        channels, hidden = CHANNELS, HIDDEN
        self.trunk = trunk
        self.trunk[0].reset_parameters()
        self.mix = nn.Conv1d(2 * channels, hidden, 1)
        self.score = nn.Conv1d(hidden, 1, 1)
        self.out = nn.Linear(hidden, 1)

    def _features(self, ref, alt):
        ref_f, alt_f = self.trunk(ref), self.trunk(alt)
        return torch.relu(self.mix(torch.cat([ref_f, alt_f - ref_f], dim=1)))

    def attention(self, ref, alt):
        return torch.softmax(self.score(self._features(ref, alt)).squeeze(1), dim=1)

    def forward(self, ref, alt):
        features = self._features(ref, alt)
        weights = torch.softmax(self.score(features).squeeze(1), dim=1)
        pooled = (features * weights.unsqueeze(1)).sum(dim=2)
        return self.out(pooled).squeeze(1)

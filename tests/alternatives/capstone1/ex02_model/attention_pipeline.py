"""Correct alternative: the head reads 96 channels per position, cat([ref_f, alt_f, alt_f - ref_f]),
instead of the reference's 64; the attention score of a position comes from a two-layer MLP of 1x1
convolutions (96 -> 32, ReLU, -> 1) and the values from a separate 1x1 convolution (32 -> 32, ReLU)
over that MLP's hidden layer, rather than being the scored features themselves; the softmax-weighted
values (an einsum over positions) go through a two-layer MLP (32 -> 32, ReLU, -> 1) to one logit
instead of a single linear layer. 5,282 parameters outside the trunk; freeze_trunk calls
requires_grad_ on the trunk module itself."""
import torch
from torch import nn

TRUNK_CHANNELS = 32


class VariantEffectModel(nn.Module):
    """ref, alt [N, 4, L] -> logits [N]; attention(ref, alt) -> weights [N, L]."""

    def __init__(self, trunk, channels=TRUNK_CHANNELS, hidden=32, values=32, mlp=32):
        super().__init__()
        self.trunk = trunk
        self.encode = nn.Sequential(nn.Conv1d(3 * channels, hidden, 1), nn.ReLU())  # the score MLP's layer 1
        self.score = nn.Conv1d(hidden, 1, 1)  # the score MLP's layer 2
        self.values = nn.Sequential(nn.Conv1d(hidden, values, 1), nn.ReLU())
        self.classifier = nn.Sequential(nn.Linear(values, mlp), nn.ReLU(), nn.Linear(mlp, 1))

    def _hidden(self, ref, alt):
        ref_f, alt_f = self.trunk(ref), self.trunk(alt)
        return self.encode(torch.cat([ref_f, alt_f, alt_f - ref_f], dim=1))  # [N, hidden, L]

    def _weights(self, hidden):
        return self.score(hidden).squeeze(1).softmax(dim=1)  # [N, L]

    def attention(self, ref, alt):
        return self._weights(self._hidden(ref, alt))

    def forward(self, ref, alt):
        hidden = self._hidden(ref, alt)
        pooled = torch.einsum("ncl,nl->nc", self.values(hidden), self._weights(hidden))
        return self.classifier(pooled).squeeze(1)


def freeze_trunk(model, frozen=True):
    model.trunk.requires_grad_(not frozen)

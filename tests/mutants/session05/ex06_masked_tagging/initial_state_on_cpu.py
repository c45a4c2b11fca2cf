"""Mutant: forward creates the LSTM's initial states with torch.zeros(...) and no
device=, so they stay on the CPU when the model moves to another device."""
import torch

from reference.session05.ex06_masked_tagging import masked_cross_entropy  # noqa: F401
from reference.session05.ex06_masked_tagging import SequenceTagger as _Reference

CAUGHT_BY = {"follows_device"}


class SequenceTagger(_Reference):
    def forward(self, x):
        h0 = torch.zeros(1, x.shape[0], self.lstm.hidden_size)
        c0 = torch.zeros(1, x.shape[0], self.lstm.hidden_size)
        states, _ = self.lstm(self.embedding(x), (h0, c0))
        return self.head(states)

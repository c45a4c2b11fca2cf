"""Mutant: passes initial states made with torch.zeros(...) and no device=, so they stay
on the CPU when the model moves to another device."""
import torch

from reference.session05.ex03_protein_bilstm import ProteinLSTM as _Reference

CAUGHT_BY = {"follows_device"}


class ProteinLSTM(_Reference):
    def forward(self, x):
        layers = 2 if self.lstm.bidirectional else 1
        h0 = torch.zeros(layers, x.shape[0], self.lstm.hidden_size)
        out, _ = self.lstm(self.embedding(x), (h0, torch.zeros_like(h0)))
        return self.fc(out)

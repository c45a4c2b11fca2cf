"""Mutant: returns probabilities (softmax over the 3 classes) instead of logits."""
import torch

from reference.session05.ex03_protein_bilstm import ProteinLSTM as _Reference

CAUGHT_BY = {"per_residue_logits", "both_directions"}


class ProteinLSTM(_Reference):
    def forward(self, x):
        return torch.softmax(super().forward(x), dim=-1)

"""Mutant: no packing: the LSTM reads the padded batch and the final state is gathered at each
sequence's last valid step; the outputs at padded positions are left as computed from padding."""
import torch

from reference.session05.ex04_packing import PackedLSTMClassifier, collate_sequences  # noqa: F401

CAUGHT_BY = {"no_padding_used"}


def handle_variable_length(lstm, sequences, lengths):
    out, _ = lstm(sequences)
    rows = torch.arange(out.shape[0], device=out.device)
    return out, out[rows, (lengths - 1).to(out.device)]

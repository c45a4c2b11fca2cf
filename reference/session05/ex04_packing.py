"""Session 5, exercise 4: packing variable lengths (reference)."""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence


def collate_sequences(batch):
    """DataLoader collate: (padded float [B, L_max, F], int64 CPU lengths [B], float32 labels [B])."""
    tensors = [item[0] for item in batch]
    padded = pad_sequence(tensors, batch_first=True, padding_value=0.0)
    lengths = torch.tensor([t.shape[0] for t in tensors], dtype=torch.int64)
    labels = torch.tensor([float(item[1]) for item in batch], dtype=torch.float32)
    return padded, lengths, labels


def handle_variable_length(lstm, sequences, lengths):
    """Run ``lstm`` on a packed batch: (outputs [B, L, H], zeros on padding; last valid h [B, H])."""
    packed = pack_padded_sequence(sequences, lengths.cpu(), batch_first=True, enforce_sorted=False)
    packed_out, (h_n, _) = lstm(packed)
    outputs, _ = pad_packed_sequence(packed_out, batch_first=True, total_length=sequences.shape[1])
    return outputs, h_n[-1]


class PackedLSTMClassifier(nn.Module):
    """LSTM over a packed batch, then Linear(hidden_size, 1) and a sigmoid on the last valid step."""

    def __init__(self, input_size: int = 4, hidden_size: int = 32):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, 1)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        _, last = handle_variable_length(self.lstm, x, lengths)
        return torch.sigmoid(self.head(last)).squeeze(-1)

"""Reference: session 5, exercise 6 (masked_cross_entropy, SequenceTagger)."""
import torch
import torch.nn.functional as F
from torch import nn


def masked_cross_entropy(logits: torch.Tensor, labels: torch.Tensor,
                         lengths: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy over the valid positions (t < lengths[b]) of the whole batch."""
    steps = torch.arange(logits.shape[1], device=logits.device)
    valid = steps.unsqueeze(0) < lengths.to(logits.device).unsqueeze(1)
    return F.cross_entropy(logits[valid], labels[valid])


class SequenceTagger(nn.Module):
    """Embedding -> one-layer unidirectional LSTM (batch first) -> Linear: logits [B, L, C]."""

    def __init__(self, vocab_size: int = 20, embedding_dim: int = 32, hidden_size: int = 64,
                 num_classes: int = 3):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim)
        self.lstm = nn.LSTM(embedding_dim, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        states, _ = self.lstm(self.embedding(x))
        return self.head(states)

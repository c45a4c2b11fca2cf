"""Correct, written another way: a time-first LSTM (batch_first=False) fed the batch
transposed, the last valid step picked with torch.gather, and the head as
nn.Sequential(Linear, Sigmoid), flattened with view."""
import torch
from torch import nn


class LSTMClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.encoder = nn.LSTM(input_size, hidden_size, num_layers=1)
        self.classify = nn.Sequential(nn.Linear(hidden_size, 1), nn.Sigmoid())

    def forward(self, x, lengths):
        states, _ = self.encoder(x.transpose(0, 1))          # [L, B, H]
        where = (lengths.to(states.device) - 1).view(1, -1, 1).expand(1, -1, states.shape[-1])
        final = torch.gather(states, 0, where).squeeze(0)    # [B, H]
        return self.classify(final).view(-1)


class BiLSTM(nn.Module):
    """Each sequence runs alone, unpadded, through a time-first bidirectional LSTM; its
    h_n holds the forward and the backward final states."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.LSTM(64, 128, num_layers=1, bidirectional=True)
        self.classify = nn.Sequential(nn.Linear(256, 1), nn.Sigmoid())

    def forward(self, x, lengths):
        finals = []
        for seq, n in zip(x, lengths.tolist()):
            _, (h_n, _) = self.encoder(seq[:n].unsqueeze(1))   # h_n: [2, 1, 128]
            finals.append(h_n.permute(1, 0, 2).reshape(1, 256))
        return self.classify(torch.cat(finals)).view(-1)

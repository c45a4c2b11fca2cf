"""Correct, written another way: other attribute names, the directions counted with
int(bidirectional), zero initial states created on the input's device and passed in,
and the whole (output, (h_n, c_n)) tuple unpacked."""
import torch
import torch.nn as nn


class ProteinLSTM(nn.Module):
    def __init__(self, vocab_size=20, hidden_size=128, bidirectional=True):
        super().__init__()
        self.n_dirs = 1 + int(bidirectional)
        self.residue_vectors = nn.Embedding(num_embeddings=vocab_size, embedding_dim=64)
        self.rnn = nn.LSTM(input_size=64, hidden_size=hidden_size, num_layers=1,
                           batch_first=True, bidirectional=bidirectional)
        self.classifier = nn.Linear(in_features=self.n_dirs * hidden_size, out_features=3)

    def forward(self, x):
        shape = (self.n_dirs, x.size(0), self.rnn.hidden_size)
        h0 = torch.zeros(shape, device=x.device)
        c0 = torch.zeros(shape, device=x.device)
        features, (h_n, c_n) = self.rnn(self.residue_vectors(x), (h0, c0))
        return self.classifier(features)

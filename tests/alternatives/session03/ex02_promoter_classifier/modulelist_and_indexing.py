"""Correct, written another way: vectorised encoding, nn.ModuleList with F.relu and
F.dropout(training=self.training), functional BCE, accuracy via torch.round."""
import torch
import torch.nn.functional as F
from torch import nn


def encode_sequence(seq):
    lookup = torch.zeros(128, 4)
    for i, base in enumerate("ACGT"):
        lookup[ord(base)] = lookup[ord(base.lower())] = F.one_hot(torch.tensor(i), 4).float()
    codes = torch.tensor([min(ord(c), 127) for c in seq], dtype=torch.long)
    return lookup[codes].reshape(-1)


class PromoterClassifier(nn.Module):
    def __init__(self, input_size=200, hidden_sizes=[128, 64], dropout=0.2):
        super().__init__()
        sizes = [input_size] + list(hidden_sizes)
        self.hidden = nn.ModuleList([nn.Linear(i, o) for i, o in zip(sizes[:-1], sizes[1:])])
        self.head = nn.Linear(sizes[-1], 1)
        self.dropout = dropout

    def forward(self, x):
        for layer in self.hidden:
            x = F.dropout(F.relu(layer(x)), p=self.dropout, training=self.training)
        return torch.sigmoid(self.head(x)).view(-1)


def train_with_validation(model, X_train, y_train, X_val, y_val, epochs=100, lr=0.001):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    tl, vl, ta, va = [], [], [], []
    for epoch in range(epochs):
        model.train()
        opt.zero_grad()
        probs = model(X_train)
        loss = F.binary_cross_entropy(probs, y_train)
        loss.backward()
        opt.step()
        tl.append(float(loss.detach()))
        ta.append(float((torch.round(probs.detach()) == y_train).float().mean()))
        model.eval()
        with torch.no_grad():
            vp = model(X_val)
            vl.append(float(F.binary_cross_entropy(vp, y_val)))
            va.append(float((torch.round(vp) == y_val).float().mean()))
    return tl, vl, ta, va

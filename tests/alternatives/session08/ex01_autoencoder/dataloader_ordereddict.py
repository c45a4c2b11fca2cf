"""Alternative: named layers in OrderedDict-built nn.Sequential, a forward that spells out
the chain, and a DataLoader shuffled by the generator (losses summed with reduction="sum")."""
from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class Autoencoder(nn.Module):
    def __init__(self, input_dim=200, latent_dim=5, hidden_dim=64, linear=False):
        super().__init__()
        self.linear = linear
        if linear:
            self.encoder = nn.Linear(input_dim, latent_dim)
            self.decoder = nn.Linear(latent_dim, input_dim)
            return
        self.encoder = nn.Sequential(OrderedDict(fc1=nn.Linear(input_dim, hidden_dim), act=nn.ReLU(),
                                                 fc2=nn.Linear(hidden_dim, latent_dim)))
        self.decoder = nn.Sequential(OrderedDict(fc1=nn.Linear(latent_dim, hidden_dim), act=nn.ReLU(),
                                                 fc2=nn.Linear(hidden_dim, input_dim)))

    def encode(self, x):
        if self.linear:
            return self.encoder(x)
        return self.encoder.fc2(torch.relu(self.encoder.fc1(x)))

    def decode(self, z):
        if self.linear:
            return self.decoder(z)
        return self.decoder.fc2(torch.relu(self.decoder.fc1(z)))

    def forward(self, x):
        z = self.encode(x)
        return self.decode(z)


def train_autoencoder(model, x, epochs=50, lr=0.03, batch_size=64, generator=None):
    loader = DataLoader(TensorDataset(x), batch_size=batch_size, shuffle=True, generator=generator)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    model.train()
    for epoch in range(epochs):
        squared = 0.0
        for (batch,) in loader:
            optimizer.zero_grad()
            reconstruction = model(batch)
            loss = F.mse_loss(reconstruction, batch)
            loss.backward()
            optimizer.step()
            squared += F.mse_loss(reconstruction.detach(), batch, reduction="sum").item()
        history.append(squared / x.numel())
    model.eval()
    return history


def reconstruction_error(model, x):
    model.eval()
    with torch.no_grad():
        return float(F.mse_loss(model(x), x, reduction="sum") / x.numel())

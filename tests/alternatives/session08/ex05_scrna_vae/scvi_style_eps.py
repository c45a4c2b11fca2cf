"""Correct alternative, in the style of scVI's own code: the NB log-likelihood written out
with an eps of 1e-8 inside the logs (as scvi-tools' log_nb_positive), softmax via F.softmax,
the KL written term by term, and a training loop over index slices of a shuffled order."""
import torch
import torch.nn.functional as F
from torch import nn

EPS = 1e-8


class VAE(nn.Module):
    def __init__(self, input_dim=1000, latent_dim=20, hidden_dim=400):
        super().__init__()
        self.encoder = nn.Sequential()
        self.encoder.append(nn.Linear(input_dim, hidden_dim))
        self.encoder.append(nn.ReLU())
        self.encoder.append(nn.Linear(hidden_dim, latent_dim * 2))
        self.decoder = nn.Sequential()
        self.decoder.append(nn.Linear(latent_dim, hidden_dim))
        self.decoder.append(nn.ReLU())
        self.decoder.append(nn.Linear(hidden_dim, input_dim))

    def encode(self, x):
        mu, logvar = torch.chunk(self.encoder(x), 2, dim=-1)
        return mu, logvar

    def reparameterize(self, mu, logvar, generator=None):
        noise = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return mu + noise * logvar.mul(0.5).exp()

    def decode(self, z):
        return self.decoder(z)

    def _latent(self, mu, logvar, generator):
        return self.reparameterize(mu, logvar, generator) if self.training else mu

    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        return self.decode(self._latent(mu, logvar, generator)), mu, logvar


class scRNAVAE(VAE):
    def __init__(self, n_genes=2000, latent_dim=10):
        super().__init__(n_genes, latent_dim)
        self.encoder = nn.Sequential(nn.Linear(n_genes, 1024), nn.BatchNorm1d(1024), nn.ReLU(),
                                     nn.Dropout(0.2), nn.Linear(1024, 256), nn.ReLU(),
                                     nn.Linear(256, latent_dim * 2))
        self.register_parameter("log_theta", nn.Parameter(torch.zeros(n_genes)))

    def forward(self, counts, library=None, generator=None):
        library = counts.sum(-1, keepdim=True) if library is None else library.reshape(-1, 1)
        mu, logvar = self.encode(torch.log(counts + 1))
        proportions = F.softmax(self.decode(self._latent(mu, logvar, generator)), dim=-1)
        return library * proportions, torch.exp(self.log_theta), mu, logvar


def nb_log_likelihood(x, mean, theta):
    log_theta_mu_eps = torch.log(theta + mean + EPS)
    return (theta * (torch.log(theta + EPS) - log_theta_mu_eps)
            + x * (torch.log(mean + EPS) - log_theta_mu_eps)
            + torch.lgamma(x + theta) - torch.lgamma(theta) - torch.lgamma(x + 1))


def scrna_vae_loss(counts, mean, theta, mu, logvar):
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(-1)
    nll = -nb_log_likelihood(counts, mean, theta).sum(-1)
    return (nll + kl).sum() / counts.shape[0]


def train_scrna_vae(model, counts, epochs=10, lr=3e-3, batch_size=64, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr)
    n = counts.shape[0]
    losses = []
    model.train()
    for epoch in range(epochs):
        order = torch.randperm(n, generator=generator)
        running = 0.0
        for start in range(0, n, batch_size):
            batch = counts[order[start:start + batch_size]]
            mean, theta, mu, logvar = model(batch, generator=generator)
            loss = scrna_vae_loss(batch, mean, theta, mu, logvar)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item() * batch.shape[0]
        losses.append(running / n)
    model.eval()
    return losses

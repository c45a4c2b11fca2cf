"""Correct alternative: a reparameterize method and an explicit kl helper, the epoch's permutation cut
with torch.split, embed switching to eval and back in a try/finally; the figure by a loop over the
sorted set of codes present, with index lists, from Python lists."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402


class CellVAE(nn.Module):
    def __init__(self, n_genes=765, latent_dim=10, hidden_dim=128):
        super().__init__()
        self.latent_dim = latent_dim
        layers = [nn.Linear(n_genes, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, latent_dim * 2)]
        self.encoder = nn.Sequential(*layers)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, n_genes))

    def encode(self, x):
        h = self.encoder(x)
        return h[..., :self.latent_dim], h[..., self.latent_dim:]

    def decode(self, z):
        return self.decoder(z)

    def reparameterize(self, mu, logvar, generator=None):
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return mu + eps * torch.exp(logvar / 2)

    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        z = self.reparameterize(mu, logvar, generator) if self.training else mu
        return self.decode(z), mu, logvar

    def embed(self, x):
        was_training = self.training
        try:
            self.eval()
            with torch.no_grad():
                return self.encode(x)[0]
        finally:
            self.train(was_training)

    def sample(self, n, generator=None):
        p = next(self.parameters())
        with torch.no_grad():
            return self.decode(torch.randn(n, self.latent_dim, generator=generator, dtype=p.dtype,
                                           device=p.device))


def kl_to_standard_normal(mu, logvar):
    return -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)


def train_cell_vae(x, latent_dim=10, epochs=10, lr=1e-3, batch_size=64, beta=1.0, seed=0):
    gen = torch.Generator()
    gen.manual_seed(seed)
    state = torch.get_rng_state()
    torch.manual_seed(seed)
    model = CellVAE(x.size(1), latent_dim=latent_dim)
    torch.set_rng_state(state)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for epoch in range(epochs):
        for idx in torch.split(torch.randperm(len(x), generator=gen), batch_size):
            xb = x[idx]
            recon, mu, logvar = model(xb, gen)
            rec = F.mse_loss(recon, xb, reduction="none").sum(dim=1)
            loss = torch.mean(rec + beta * kl_to_standard_normal(mu, logvar))
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model.eval()


def plot_latent(z, labels, cell_types):
    if isinstance(z, torch.Tensor):
        z = z.detach().cpu()
    rows = [[float(v) for v in row[:2]] for row in z]
    codes = [int(c) for c in labels]
    fig, ax = plt.subplots()
    for code in sorted(set(codes)):
        idx = [i for i, c in enumerate(codes) if c == code]
        ax.scatter([rows[i][0] for i in idx], [rows[i][1] for i in idx], label=cell_types[code], marker=".")
    ax.set(xlabel="latent 1", ylabel="latent 2")
    ax.legend(title="cell type")
    return fig

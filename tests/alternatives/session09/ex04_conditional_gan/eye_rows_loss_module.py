"""Alternative: one-hot rows of torch.eye on the labels' device, the layers built from lists,
nn.BCEWithLogitsLoss as a module and a helper per training step."""
import torch
from torch import nn


def scale_to_unit(x, low, high):
    span = high - low
    return (x - low) / span * 2.0 - 1.0


def unscale(x_scaled, low, high):
    return low + (high - low) * (x_scaled + 1.0) * 0.5


class ConditionalGAN(nn.Module):
    def __init__(self, latent_dim=100, n_classes=10, output_dim=50, hidden_dim=128):
        super().__init__()
        self.latent_dim = latent_dim
        self.n_classes = n_classes
        self.label_emb = nn.Embedding(n_classes, latent_dim)
        g_layers = [nn.Linear(latent_dim * 2, hidden_dim), nn.ReLU()]
        g_layers += [nn.Linear(hidden_dim, hidden_dim), nn.ReLU()]
        g_layers += [nn.Linear(hidden_dim, output_dim), nn.Tanh()]
        self.generator = nn.Sequential(*g_layers)
        d_layers = [nn.Linear(output_dim + n_classes, hidden_dim), nn.LeakyReLU(negative_slope=0.2)]
        d_layers += [nn.Linear(hidden_dim, hidden_dim), nn.LeakyReLU(negative_slope=0.2)]
        d_layers += [nn.Linear(hidden_dim, 1)]
        self.discriminator = nn.Sequential(*d_layers)

    def forward(self, z, labels):
        conditioned = torch.cat((z, self.label_emb(labels)), 1)
        return self.generator(conditioned)

    def generate(self, labels, generator=None):
        noise = torch.randn(len(labels), self.latent_dim, generator=generator, device=labels.device)
        return self.forward(noise, labels)

    def discriminate(self, x, labels):
        one_hot = torch.eye(self.n_classes, dtype=x.dtype, device=labels.device)[labels]
        return self.discriminator(torch.cat((x, one_hot), 1))


def _adam(params, lr):
    return torch.optim.Adam(params, lr=lr, betas=(0.5, 0.999))


def train_cgan(model, x_scaled, labels, steps=150, batch_size=64, lr=2e-3, generator=None):
    criterion = nn.BCEWithLogitsLoss()
    opt_g = _adam([*model.label_emb.parameters(), *model.generator.parameters()], lr)
    opt_d = _adam(model.discriminator.parameters(), lr)
    n = x_scaled.shape[0]
    model.train()
    history = ([], [])

    def step(optimizer, loss):
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(steps):
        rows = torch.randint(0, n, (batch_size,), generator=generator, device=x_scaled.device)
        y = labels[rows]
        real = x_scaled[rows]
        fake = model.generate(y, generator)
        ones = torch.ones(batch_size, 1, device=x_scaled.device)
        zeros = torch.zeros(batch_size, 1, device=x_scaled.device)
        d_loss = (criterion(model.discriminate(real, y), ones)
                  + criterion(model.discriminate(fake.detach(), y), zeros))
        history[0].append(step(opt_d, d_loss))
        history[1].append(step(opt_g, criterion(model.discriminate(fake, y), ones)))
    return history

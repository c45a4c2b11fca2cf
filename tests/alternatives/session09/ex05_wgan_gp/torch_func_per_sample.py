"""Correct alternative: per-sample input gradients with torch.func (vmap of grad of one sample's
score), which composes with ordinary autograd so penalty.backward() still reaches the critic's
weights; norms by torch.linalg.vector_norm over the non-batch dims; the Critic's layers listed
first and wrapped in nn.Sequential; the schedule as one flat loop over all optimizer steps."""
import torch
from torch import nn


class Critic(nn.Module):
    def __init__(self, input_dim=200):
        super().__init__()
        layers = [nn.Linear(input_dim, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256), nn.LeakyReLU(0.2)]
        layers.append(nn.Linear(256, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


def gradient_penalty(critic, real, fake, lambda_gp=10.0, generator=None):
    b = real.size(0)
    alpha = torch.rand(b, 1, generator=generator, dtype=real.dtype, device=real.device)
    alpha = alpha.reshape([b] + [1] * (real.ndim - 1))
    x_hat = torch.lerp(fake, real, alpha).detach()  # fake + alpha * (real - fake)

    def one_score(sample):
        return critic(sample.unsqueeze(0)).squeeze()

    grads = torch.func.vmap(torch.func.grad(one_score))(x_hat)
    norms = torch.linalg.vector_norm(grads, ord=2, dim=tuple(range(1, grads.ndim)))
    return lambda_gp * torch.mean(torch.square(norms - 1.0))


def critic_loss(critic, real, fake, lambda_gp=10.0, generator=None):
    gap = torch.mean(critic(fake)) - torch.mean(critic(real))
    return gap + gradient_penalty(critic, real, fake, lambda_gp=lambda_gp, generator=generator)


def generator_loss(critic, fake):
    return torch.neg(torch.mean(critic(fake)))


def train_wgan_gp(G, critic, real, steps, latent_dim, n_critic=5, lr=1e-4, betas=(0.0, 0.9), batch_size=32,
                  generator=None):
    adam = dict(lr=lr, betas=betas)
    optimizers = {"critic": torch.optim.Adam(critic.parameters(), **adam),
                  "generator": torch.optim.Adam(G.parameters(), **adam)}
    logs = {"critic_loss": [], "generator_loss": []}

    def noise():
        return torch.randn((batch_size, latent_dim), generator=generator, device=real.device,
                           dtype=real.dtype)

    for step in range(steps * (n_critic + 1)):
        if step % (n_critic + 1) < n_critic:
            side = "critic"
            rows = torch.randint(real.shape[0], (batch_size,), generator=generator, device=real.device)
            with torch.no_grad():
                fake = G(noise())
            loss = critic_loss(critic, real.index_select(0, rows), fake, generator=generator)
        else:
            side = "generator"
            loss = generator_loss(critic, G(noise()))
        optimizers[side].zero_grad(set_to_none=True)
        loss.backward()
        optimizers[side].step()
        logs[side + "_loss"].append(float(loss.detach()))
    return logs

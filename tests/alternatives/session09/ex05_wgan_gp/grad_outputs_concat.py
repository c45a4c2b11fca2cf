"""Correct alternative: torch.autograd.grad with grad_outputs=ones on the [B, 1] scores,
x_hat a fresh leaf built from expanded alphas, norms from flatten and an explicit square root of
the sum of squares; critic_loss scores real and fake in ONE critic call on their concatenation
(allowed: the critic has no BatchNorm, samples do not interact); the critic steps in a while loop."""
import torch
from torch import nn


class Critic(nn.Module):
    def __init__(self, input_dim=200):
        super().__init__()
        self.net = nn.Sequential()
        self.net.append(nn.Linear(input_dim, 512))
        self.net.append(nn.LeakyReLU(negative_slope=0.2))
        self.net.append(nn.Linear(512, 256))
        self.net.append(nn.LeakyReLU(negative_slope=0.2))
        self.net.append(nn.Linear(256, 1))

    def forward(self, x):
        for layer in self.net:
            x = layer(x)
        return x


def gradient_penalty(critic, real, fake, lambda_gp=10.0, generator=None):
    n = len(real)
    alpha = torch.rand(n, 1, generator=generator, dtype=real.dtype, device=real.device)
    alpha = alpha.flatten()[(...,) + (None,) * (real.dim() - 1)].expand_as(real)
    x_hat = torch.empty_like(real).copy_(alpha * real.detach() + (1 - alpha) * fake.detach())
    x_hat.requires_grad = True
    scores = critic(x_hat)
    (grads,) = torch.autograd.grad(outputs=scores, inputs=x_hat, grad_outputs=torch.ones_like(scores),
                                   create_graph=True, retain_graph=True)
    norms = torch.sqrt(grads.flatten(start_dim=1).pow(2).sum(dim=1))
    return (norms - 1).pow(2).mean() * lambda_gp


def critic_loss(critic, real, fake, lambda_gp=10.0, generator=None):
    scores = critic(torch.cat([real, fake], dim=0))
    real_scores, fake_scores = scores[:len(real)], scores[len(real):]
    penalty = gradient_penalty(critic, real, fake, lambda_gp, generator)
    return fake_scores.mean() - real_scores.mean() + penalty


def generator_loss(critic, fake):
    return -1.0 * critic(fake).mean()


def train_wgan_gp(G, critic, real, steps, latent_dim, n_critic=5, lr=1e-4, betas=(0.0, 0.9), batch_size=32,
                  generator=None):
    critic_opt = torch.optim.Adam(critic.parameters(), lr, betas)
    g_opt = torch.optim.Adam(G.parameters(), lr, betas)
    critic_losses, generator_losses = [], []
    for _ in range(steps):
        done = 0
        while done < n_critic:
            pick = torch.randint(0, len(real), (batch_size,), generator=generator).to(real.device)
            z = torch.randn(batch_size, latent_dim, generator=generator).to(real)
            loss = critic_loss(critic, real[pick], G(z).detach(), generator=generator)
            critic_opt.zero_grad()
            loss.backward()
            critic_opt.step()
            critic_losses.append(loss.item())
            done += 1
        z = torch.randn(batch_size, latent_dim, generator=generator).to(real)
        loss = generator_loss(critic, G(z))
        g_opt.zero_grad()
        loss.backward()
        g_opt.step()
        generator_losses.append(loss.item())
    return dict(critic_loss=critic_losses, generator_loss=generator_losses)

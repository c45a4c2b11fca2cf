"""Mutant: discriminate returns a probability, sigmoid(discriminator(...)) (the classic D(x) in
(0, 1)), and training uses binary cross entropy on probabilities: not the raw logit the spec (and
BCE-with-logits, the numerically stable loss) needs."""
import torch
import torch.nn.functional as F

from reference.session09.ex04_conditional_gan import ConditionalGAN as _Reference
from reference.session09.ex04_conditional_gan import scale_to_unit, unscale  # noqa: F401

CAUGHT_BY = {"discriminator_uses_label"}


class ConditionalGAN(_Reference):
    def discriminate(self, x, labels):
        return torch.sigmoid(super().discriminate(x, labels))


def train_cgan(model, x_scaled, labels, steps=150, batch_size=64, lr=2e-3, generator=None):
    g_params = list(model.label_emb.parameters()) + list(model.generator.parameters())
    opt_g = torch.optim.Adam(g_params, lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(model.discriminator.parameters(), lr=lr, betas=(0.5, 0.999))
    model.train()
    d_losses, g_losses = [], []
    for _ in range(steps):
        idx = torch.randint(0, len(x_scaled), (batch_size,), generator=generator, device=x_scaled.device)
        real, y = x_scaled[idx], labels[idx]
        fake = model.generate(y, generator=generator)
        p_real, p_fake = model.discriminate(real, y), model.discriminate(fake.detach(), y)
        d_loss = F.binary_cross_entropy(p_real, torch.ones_like(p_real)) + \
            F.binary_cross_entropy(p_fake, torch.zeros_like(p_fake))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        p = model.discriminate(fake, y)
        g_loss = F.binary_cross_entropy(p, torch.ones_like(p))
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        d_losses.append(d_loss.item())
        g_losses.append(g_loss.item())
    return d_losses, g_losses

"""Mutant: the discriminator step uses the fakes without .detach(): its backward runs through (and
frees) the generator's graph, so the generator step's backward through the same fakes fails
(and, with retain_graph, the D step would leave gradients in the generator)."""
import torch
import torch.nn.functional as F

from reference.session09.ex04_conditional_gan import ConditionalGAN, scale_to_unit, unscale  # noqa: F401

CAUGHT_BY = {"generates_requested_class"}


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
        real_logits, fake_logits = model.discriminate(real, y), model.discriminate(fake, y)
        d_loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
                  + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        logits = model.discriminate(fake, y)
        g_loss = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        d_losses.append(d_loss.item())
        g_losses.append(g_loss.item())
    return d_losses, g_losses

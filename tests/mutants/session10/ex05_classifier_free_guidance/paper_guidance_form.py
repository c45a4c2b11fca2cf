"""Mutant: the paper's form of the guided noise, (1 + w) eps_c - w eps_u, where this exercise fixes
eps_u + w (eps_c - eps_u): the same family with w shifted by one, so w = 0 gives the conditional noise
instead of the unconditional one and every w means something else."""
import torch

from reference.session10.ex05_classifier_free_guidance import (ConditionalDenoiser, cfg_loss, drop_labels,  # noqa: F401
                                                               sinusoidal_embedding, train_cfg)

CAUGHT_BY = {"guidance_formula"}


def guided_noise(model, x_t, t, labels, w):
    eps_c = model(x_t, t, labels)
    eps_u = model(x_t, t, torch.full_like(labels, model.null_label))
    return (1 + w) * eps_c - w * eps_u

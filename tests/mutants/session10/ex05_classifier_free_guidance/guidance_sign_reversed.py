"""Mutant: the guided noise with the roles of the two predictions swapped, eps_c + w (eps_u - eps_c):
w > 0 then pushes AWAY from the class (w = 1 gives the unconditional noise, w = 0 the conditional)."""
import torch

from reference.session10.ex05_classifier_free_guidance import (ConditionalDenoiser, cfg_loss, drop_labels,  # noqa: F401
                                                               sinusoidal_embedding, train_cfg)

CAUGHT_BY = {"guidance_formula"}


def guided_noise(model, x_t, t, labels, w):
    eps_c = model(x_t, t, labels)
    eps_u = model(x_t, t, torch.full_like(labels, model.null_label))
    return eps_c + w * (eps_u - eps_c)

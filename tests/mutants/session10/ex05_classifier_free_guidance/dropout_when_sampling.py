"""Mutant: condition dropout left on when sampling: guided_noise drops the labels at the training rate
(from the global generator) before computing the conditional noise, so about one row in ten silently
gets the unconditional noise for its "conditional" half."""
import torch

from reference.session10.ex05_classifier_free_guidance import (ConditionalDenoiser, cfg_loss, drop_labels,  # noqa: F401
                                                               sinusoidal_embedding, train_cfg)

CAUGHT_BY = {"no_dropout_when_sampling"}


def guided_noise(model, x_t, t, labels, w):
    labels = drop_labels(labels, model.null_label, 0.1)
    eps_c = model(x_t, t, labels)
    eps_u = model(x_t, t, torch.full_like(labels, model.null_label))
    return eps_u + w * (eps_c - eps_u)

"""Mutant: guided_noise in the paper's form (1 + w) eps_c - w eps_u, where this course's w is
shifted by one: w = 0 gives eps_c, not eps_u."""
import torch

from reference.capstone3.ex01_denoiser import DesignDenoiser, HIDDEN, LABEL_DIM, TIME_DIM  # noqa: F401

CAUGHT_BY = {'guidance_formula'}


def guided_noise(model, x_t, t, labels, w):
    eps_c = model(x_t, t, labels)
    eps_u = model(x_t, t, torch.full_like(labels, model.null_label))
    return (1 + w) * eps_c - w * eps_u
